//! PDF input: the text layer, in reading order.
//!
//! `lopdf` parses the file structure; the content streams are interpreted here, because
//! reading order, line joins and running headers need every glyph's position, and CID-keyed
//! Chinese fonts need their `ToUnicode` maps. Lines are rebuilt from glyph baselines, lines
//! that a page wrapped inside a sentence are joined without a space (also across a page
//! break), running headers, footers and page numbers are dropped, and the start of every
//! page is recorded as a code-point offset. A PDF without a text layer (a scan) is an error,
//! never an empty success. All work is bounded: pages, operators, glyphs and decompressed
//! bytes have caps, and a panic inside the third-party parser becomes an error.
//!
//! The layers, each in its file: `font` (encodings, CMaps, widths), `interp` (the content
//! stream interpreter: glyphs and table rules in device space), `layout` (glyphs to lines,
//! ruled tables to tab-separated rows) and `pages` (running headers, repeated table
//! headers, lines and rows joined across wraps and page breaks).

mod font;
mod interp;
mod layout;
mod pages;

use super::Decoded;
use crate::error::{DecodeErrorKind, Error, Result};
use interp::{upright, Interp};
use layout::layout_page;
use lopdf::{Document, Object, ObjectId};
use pages::{drop_repeated_table_headers, drop_running_lines, join_pages, join_rows_split_by_pages};
use std::collections::HashSet;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Pages read at most; the rest is reported as truncated.
const MAX_PAGES: usize = 5_000;
/// Glyphs kept per document.
const MAX_GLYPHS: usize = 5_000_000;
/// Content-stream operators interpreted per page, forms included.
const MAX_OPS_PER_PAGE: usize = 2_000_000;
/// Decompressed bytes of one content or CMap stream.
const MAX_STREAM: usize = 64 << 20;
/// Nesting of form XObjects.
const MAX_FORM_DEPTH: usize = 12;

pub fn decode_pdf(bytes: &[u8]) -> Result<Decoded> {
    match catch_unwind(AssertUnwindSafe(|| decode_inner(bytes))) {
        Ok(r) => r,
        Err(_) => Err(Error::malformed("malformed PDF (the parser gave up)")),
    }
}

fn decode_inner(bytes: &[u8]) -> Result<Decoded> {
    let options = lopdf::LoadOptions { max_decompressed_size: Some(MAX_STREAM), ..Default::default() };
    let doc = Document::load_mem_with_options(bytes, options)
        .map_err(|e| Error::malformed(format!("not a readable PDF: {e}")))?;
    // Files encrypted only to restrict printing or copying open with the empty password
    // (lopdf tries it) and are read; those that need a real password are refused.
    if doc.is_encrypted() && !doc.was_encrypted() {
        return Err(Error::decode(DecodeErrorKind::EncryptedPdf));
    }
    let mut errors = Vec::new();
    let page_ids: Vec<ObjectId> = doc.page_iter().collect();
    if page_ids.len() > MAX_PAGES {
        errors.push(format!("PDF has {} pages; only the first {MAX_PAGES} were read", page_ids.len()));
    }
    let mut pages = Vec::new();
    let mut budget = MAX_GLYPHS;
    let mut images = 0usize;
    let mut fonts_without_map = HashSet::new();
    // One interpreter for the document, so fonts and their maps are read once.
    let mut interp = Interp::new(&doc, budget);
    for (i, &id) in page_ids.iter().take(MAX_PAGES).enumerate() {
        interp.start_page(budget);
        let outcome = catch_unwind(AssertUnwindSafe(|| interp.run_page(id)));
        if let Err(_) | Ok(Err(_)) = &outcome {
            let why = match outcome {
                Ok(Err(e)) => e,
                _ => "internal parser error".into(),
            };
            errors.push(format!("page {}: {why}", i + 1));
        }
        budget = budget.saturating_sub(interp.glyphs.len());
        if interp.truncated {
            errors.push(format!("page {}: too much content; the rest was skipped", i + 1));
        }
        let (glyphs, turned) = upright(std::mem::take(&mut interp.glyphs));
        pages.push(layout_page(glyphs, if turned { &[] } else { &interp.rules }));
    }
    images += interp.images;
    fonts_without_map.extend(interp.unmapped_fonts.drain());
    let mut fonts_without_map: Vec<String> = fonts_without_map.into_iter().collect();
    fonts_without_map.sort();
    for f in fonts_without_map {
        errors.push(format!("font {f} has no Unicode map; some characters were lost"));
    }
    if pages.iter().all(|p| p.lines.iter().all(|l| l.text.trim().is_empty())) {
        if images == 0 {
            if let Some(first) = errors.iter().find(|e| e.starts_with("page ")) {
                return Err(Error::malformed(format!("malformed PDF: no text could be read ({first})")));
            }
        }
        return Err(Error::decode(DecodeErrorKind::ScannedPdf { images: images > 0 }));
    }
    drop_running_lines(&mut pages);
    drop_repeated_table_headers(&mut pages);
    join_rows_split_by_pages(&mut pages);
    let (text, starts) = join_pages(&pages);
    Ok(Decoded { text, encoding: "pdf".into(), errors, pages: starts })
}

// ---------------------------------------------------------------------------------------
// Geometry

/// A PDF matrix `[a b c d e f]`, row-vector convention.
#[derive(Debug, Clone, Copy)]
struct Matrix([f64; 6]);

impl Matrix {
    const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    fn mul(&self, o: &Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [oa, ob, oc, od, oe, of] = o.0;
        Matrix([
            a * oa + b * oc,
            a * ob + b * od,
            c * oa + d * oc,
            c * ob + d * od,
            e * oa + f * oc + oe,
            e * ob + f * od + of,
        ])
    }

    fn translate(tx: f64, ty: f64) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, tx, ty])
    }

    fn from_operands(ops: &[Object]) -> Option<Matrix> {
        if ops.len() < 6 {
            return None;
        }
        let mut m = [0.0; 6];
        for (slot, o) in m.iter_mut().zip(ops) {
            *slot = num(o)?;
        }
        m.iter().all(|v| v.is_finite()).then_some(Matrix(m))
    }
}

fn apply(m: &Matrix, x: f64, y: f64) -> (f64, f64) {
    let [a, b, c, d, e, f] = m.0;
    (x * a + y * c + e, x * b + y * d + f)
}

fn num(o: &Object) -> Option<f64> {
    match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(*r as f64),
        _ => None,
    }
}

/// One shown glyph in device space.
#[derive(Debug, Clone)]
struct Glyph {
    x: f64,
    y: f64,
    /// Advance width in device space.
    w: f64,
    /// Font height in device space.
    size: f64,
    text: String,
    /// Baseline direction in quarter turns (0 = left to right), or 4 when skewed
    /// (diagonal watermarks).
    dir: u8,
}

#[cfg(test)]
mod tests {
    use super::font::*;
    use super::interp::*;
    use super::layout::*;
    use super::pages::*;
    use super::*;
    use std::collections::HashMap;

    fn line(text: &str, left: f64, right: f64) -> Line {
        Line { text: text.into(), left, right, size: 10.0, row: false, y: 0.0, first_row: false }
    }

    #[test]
    fn cmap_ranges_and_chars() {
        let cmap = b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
            2 beginbfchar <0003> <0020> <0010> <5DE5> endbfchar\n\
            1 beginbfrange <0020> <0022> <4E00> endbfrange\n\
            1 beginbfrange <0030> <0031> [<6211> <D840DC00>] endbfrange";
        let mut map = HashMap::new();
        let mut cs = Vec::new();
        parse_cmap(cmap, &mut map, &mut cs);
        assert_eq!(map[&0x10], "工");
        assert_eq!(map[&0x21], "丁");
        assert_eq!(map[&0x30], "我");
        assert_eq!(map[&0x31], "\u{20000}");
        assert_eq!(cs, vec![(2, vec![0, 0], vec![0xff, 0xff])]);
    }

    #[test]
    fn glyph_names() {
        assert_eq!(glyph_name_to_text("uni5DE5").as_deref(), Some("工"));
        assert_eq!(glyph_name_to_text("seven").as_deref(), Some("7"));
        assert_eq!(glyph_name_to_text("percent").as_deref(), Some("%"));
        assert_eq!(glyph_name_to_text("g123"), None);
    }

    #[test]
    fn wrapped_line_joins_only_mid_sentence() {
        let block = Block { left: 0.0, right: 100.0, body: 10.0 };
        let a = line("全年完成固定资产投资", 0.0, 100.0);
        let b = line("12亿元。", 0.0, 40.0);
        assert!(wraps_into(&a, &b, block));
        // A full line ending a sentence continues its paragraph when the next is not indented.
        assert!(wraps_into(&line("完成投资。", 0.0, 100.0), &b, block));
        // Stops short, the next line is a list item, or it is indented: no join.
        assert!(!wraps_into(&line("一、总体要求", 0.0, 60.0), &b, block));
        assert!(!wraps_into(&line("完成投资。", 0.0, 85.0), &b, block));
        assert!(!wraps_into(&a, &line("（二）主要任务", 0.0, 60.0), block));
        assert!(!wraps_into(&a, &line("新的段落", 20.0, 60.0), block));
        // A two-line title in a display size joins; a title and the body do not.
        let big = |t: &str| Line {
            text: t.into(),
            left: 30.0,
            right: 70.0,
            size: 16.0,
            row: false,
            y: 0.0,
            first_row: false,
        };
        assert!(wraps_into(&big("关于推进"), &big("实施方案"), block));
        assert!(!wraps_into(&big("实施方案"), &b, block));
    }

    #[test]
    fn page_numbers_and_running_headers_are_dropped() {
        let page = |n: usize, body: &str| Page {
            lines: vec![
                line("某某镇人民政府文件", 0.0, 50.0),
                line(body, 0.0, 100.0),
                line(&format!("— {n} —"), 40.0, 60.0),
            ],
        };
        let mut pages = vec![page(1, "甲"), page(2, "乙"), page(3, "丙")];
        drop_running_lines(&mut pages);
        drop_repeated_table_headers(&mut pages);
        let texts: Vec<&str> = pages.iter().flat_map(|p| p.lines.iter().map(|l| l.text.as_str())).collect();
        assert_eq!(texts, ["甲", "乙", "丙"]);
        for p in ["-3-", "第 12 页", "第3页 共10页", "5/20", "Page 2 of 9", "7"] {
            assert!(PAGE_NUMBER.is_match(p), "{p}");
        }
        assert!(!PAGE_NUMBER.is_match("2024年"));
    }

    #[test]
    fn join_across_pages_records_starts() {
        let p1 = Page {
            lines: vec![line("一、目标", 0.0, 40.0), line("全年新增就业岗位", 0.0, 100.0)]
        };
        let p2 = Page { lines: vec![line("1200个。", 0.0, 40.0)] };
        let (text, starts) = join_pages(&[p1, p2]);
        assert_eq!(text, "一、目标\n全年新增就业岗位1200个。\n");
        assert_eq!(starts, vec![0, 13]);
        assert_eq!(text.chars().skip(13).take(4).collect::<String>(), "1200");
    }

    fn glyphs(text: &str, x: f64, y: f64) -> Vec<Glyph> {
        text.chars()
            .enumerate()
            .map(|(i, c)| Glyph {
                x: x + 10.0 * i as f64,
                y,
                w: 10.0,
                size: 10.0,
                text: c.to_string(),
                dir: 0,
            })
            .collect()
    }

    #[test]
    fn ruled_table_cells_join_their_wrapped_lines() {
        let h = |y: f64| Rule { horizontal: true, at: y, from: 0.0, to: 300.0 };
        let v = |x: f64| Rule { horizontal: false, at: x, from: 100.0, to: 200.0 };
        let rules = [h(200.0), h(150.0), h(100.0), v(0.0), v(100.0), v(200.0), v(300.0)];
        let mut g = glyphs("一、任务", 0.0, 220.0);
        g.extend(glyphs("1", 5.0, 185.0));
        g.extend(glyphs("建设园区", 105.0, 185.0));
        g.extend(glyphs("二期工程", 105.0, 170.0));
        g.extend(glyphs("2", 5.0, 135.0));
        g.extend(glyphs("经发办", 205.0, 135.0));
        let page = layout_page(g, &rules);
        let texts: Vec<&str> = page.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["一、任务", "1\t建设园区二期工程", "2\t\t经发办"]);
        // A plain box (one column) is not a table.
        let boxed = [h(200.0), h(100.0), v(0.0), v(300.0), v(300.5)];
        assert!(find_grids(&boxed).is_empty());
    }

    #[test]
    fn watermarks_are_dropped_and_turned_pages_read() {
        assert_eq!(direction(1.0, 0.0), 0);
        assert_eq!(direction(0.0, 1.0), 1);
        assert_eq!(direction(0.7, 0.7), 4);
        let mut g = glyphs("正文", 0.0, 100.0);
        g.push(Glyph { x: 50.0, y: 50.0, w: 10.0, size: 10.0, text: "样".into(), dir: 4 });
        let (kept, turned) = upright(g);
        assert!(!turned);
        assert_eq!(kept.iter().map(|g| g.text.as_str()).collect::<String>(), "正文");
        // A page set sideways: baselines run up the page.
        let side: Vec<Glyph> = "横排"
            .chars()
            .enumerate()
            .map(|(i, c)| Glyph { x: 100.0, y: 10.0 * i as f64, w: 10.0, size: 10.0, text: c.into(), dir: 1 })
            .collect();
        let (kept, turned) = upright(side);
        assert!(turned);
        assert_eq!(text_lines(kept)[0].text, "横排");
    }

    #[test]
    fn repeated_table_header_is_dropped_after_a_page_break() {
        let row = |t: &str, first: bool| Line { row: true, first_row: first, ..line(t, 0.0, 100.0) };
        let mut pages = vec![
            Page {
                lines: vec![line("任务分工", 0.0, 40.0), row("序号\t任务", true), row("1\t建设", false)]
            },
            Page {
                lines: vec![row("序号\t任务", true), row("2\t改造", false), line("三、保障", 0.0, 40.0)]
            },
        ];
        drop_repeated_table_headers(&mut pages);
        assert_eq!(pages[1].lines[0].text, "2\t改造");
        assert_eq!(pages[0].lines.len(), 3);
    }

    #[test]
    fn row_split_by_a_page_break_is_joined() {
        let row = |t: &str| Line { row: true, ..line(t, 0.0, 100.0) };
        let mut pages = vec![
            Page { lines: vec![row("1\t新建社区\t民政办")] },
            Page { lines: vec![row("\t食堂3个"), line("正文", 0.0, 40.0)] },
        ];
        join_rows_split_by_pages(&mut pages);
        assert_eq!(pages[0].lines[0].text, "1\t新建社区食堂3个\t民政办");
        assert_eq!(pages[1].lines.len(), 1);
    }

    #[test]
    fn overprinted_bold_is_read_once() {
        let mut g = glyphs("总体要求", 0.0, 100.0);
        g.extend(glyphs("总体要求", 0.4, 100.2));
        let lines = text_lines(g);
        assert_eq!(lines[0].text, "总体要求");
    }

    /// A one-page PDF with a CID font and the given content stream.
    fn one_page_pdf(content: &[u8]) -> Vec<u8> {
        let cmap = b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
            2 beginbfchar <0001> <4E2D> <0002> <6587> endbfchar";
        let stream = |data: &[u8]| {
            let mut v = format!("<< /Length {} >>\nstream\n", data.len()).into_bytes();
            v.extend_from_slice(data);
            v.extend_from_slice(b"\nendstream");
            v
        };
        let objs: Vec<Vec<u8>> = vec![
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Contents 4 0 R \
              /Resources << /Font << /F1 5 0 R >> >> >>"
                .to_vec(),
            stream(content),
            b"<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H \
              /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>"
                .to_vec(),
            b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /X /DW 1000 >>".to_vec(),
            stream(cmap),
        ];
        let mut out = b"%PDF-1.4\n".to_vec();
        let mut offsets = Vec::new();
        for (i, o) in objs.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
            out.extend_from_slice(o);
            out.extend_from_slice(b"\nendobj\n");
        }
        let xref = out.len();
        out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).as_bytes());
        for o in offsets {
            out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
        }
        out.extend_from_slice(
            format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objs.len() + 1)
                .as_bytes(),
        );
        out
    }

    #[test]
    fn text_before_a_content_syntax_error_is_kept() {
        let good = one_page_pdf(b"BT /F1 12 Tf 72 700 Td <00010002> Tj ET");
        assert_eq!(decode_pdf(&good).unwrap().text, "中文\n");
        let mut content = b"BT /F1 12 Tf 72 700 Td <00010002> Tj ET\nBT ".to_vec();
        content.extend(std::iter::repeat_n(b'[', 300));
        content.extend(std::iter::repeat_n(b']', 300));
        content.extend_from_slice(b" TJ ET");
        let d = decode_pdf(&one_page_pdf(&content)).unwrap();
        assert_eq!(d.text, "中文\n");
        assert!(d.errors.iter().any(|e| e.contains("bad content stream")), "{:?}", d.errors);
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        for bytes in
            [&b"%PDF-1.7\n"[..], b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>"]
        {
            assert!(decode_pdf(bytes).is_err());
        }
    }
}

//! Word (.docx) input: the main document part's paragraphs and tables in document order.
//!
//! Each paragraph becomes a line; each table row becomes a line whose cells are separated
//! by a tab (as in HTML input), so task tables keep their unit column beside the task.
//! Headers, footers, footnotes and comments live in other parts of the package and are not
//! read; deleted revisions and field codes are not text and are skipped, and the fallback
//! copy of text boxes (`mc:Fallback`) is skipped so nothing is read twice. The zip entry is
//! read with a size cap, and malformed archives or XML give an error, never a panic.

use super::Decoded;
use crate::error::{DecodeErrorKind, Error, Result};
use quick_xml::events::Event;
use quick_xml::Reader;
use std::collections::HashMap;
use std::io::{Cursor, Read};

/// Largest uncompressed main document part read.
const MAX_PART: u64 = 256 << 20;
/// Deepest element nesting followed (deeper input is malformed or hostile).
const MAX_DEPTH: usize = 512;

pub fn decode_docx(bytes: &[u8]) -> Result<Decoded> {
    let (xml, numbering, styles) = read_main_part(bytes)?;
    let mut numbering = numbering.map(|n| Numbering::parse(&n)).unwrap_or_default();
    if let Some(styles) = styles {
        numbering.parse_styles(&styles);
    }
    let text = document_text_numbered(&xml, numbering)?;
    if text.trim().is_empty() {
        return Err(Error::decode(DecodeErrorKind::EmptyDocx));
    }
    Ok(Decoded { text, encoding: "docx".into(), errors: Vec::new(), pages: Vec::new() })
}

fn unreadable(what: impl std::fmt::Display) -> Error {
    Error::malformed(format!("not a readable Word (.docx) file: {what}"))
}

/// The package parts read: the main document, and its numbering and styles if present.
type Parts = (Vec<u8>, Option<Vec<u8>>, Option<Vec<u8>>);

/// A paragraph style's list: `w:ilvl`, `w:numId`, and the style it is `w:basedOn`.
type StyleList = (Option<usize>, Option<String>, Option<String>);

/// The bytes of the main document part, found through the package relationships and
/// `word/document.xml` as the usual fallback, and of the numbering part beside it.
fn read_main_part(bytes: &[u8]) -> Result<Parts> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(unreadable)?;
    let mut name = "word/document.xml".to_string();
    if let Some(rels) = read_entry(&mut zip, "_rels/.rels", 1 << 20)? {
        if let Some(target) = main_target(&String::from_utf8_lossy(&rels)) {
            name = target;
        }
    }
    let dir = name.rsplit_once('/').map(|(d, _)| format!("{d}/")).unwrap_or_default();
    // A broken numbering part only costs the list numbers.
    let numbering = read_entry(&mut zip, &format!("{dir}numbering.xml"), 16 << 20).ok().flatten();
    let styles = read_entry(&mut zip, &format!("{dir}styles.xml"), 16 << 20).ok().flatten();
    match read_entry(&mut zip, &name, MAX_PART)? {
        Some(xml) => Ok((xml, numbering, styles)),
        None if zip.file_names().any(|n| n.is_ok_and(|n| n == "content.xml")) => {
            Err(Error::decode(DecodeErrorKind::OpenDocument))
        }
        None if zip.file_names().any(|n| n.is_ok_and(|n| n.starts_with("xl/") || n.starts_with("ppt/"))) => {
            Err(Error::decode(DecodeErrorKind::NotWord))
        }
        None => Err(unreadable(format!("no {name} in the archive"))),
    }
}

fn read_entry(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str, cap: u64) -> Result<Option<Vec<u8>>> {
    let mut file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(unreadable(e)),
    };
    if file.size() > cap {
        let kind = DecodeErrorKind::TooLarge { part: name.to_string(), size: Some(file.size()), cap };
        return Err(Error::decode(kind));
    }
    let mut out = Vec::with_capacity(file.size() as usize);
    (&mut file).take(cap + 1).read_to_end(&mut out).map_err(unreadable)?;
    if out.len() as u64 > cap {
        return Err(Error::decode(DecodeErrorKind::TooLarge { part: name.to_string(), size: None, cap }));
    }
    Ok(Some(out))
}

/// The target of the `officeDocument` relationship in `_rels/.rels`.
fn main_target(rels: &str) -> Option<String> {
    let mut reader = Reader::from_str(rels);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) if e.local_name().as_ref() == b"Relationship" => {
                let mut ty = String::new();
                let mut target = String::new();
                for a in e.attributes().flatten() {
                    let v = String::from_utf8_lossy(&a.value).into_owned();
                    match a.key.local_name().as_ref() {
                        b"Type" => ty = v,
                        b"Target" => target = v,
                        _ => {}
                    }
                }
                if ty.ends_with("/officeDocument") && !target.is_empty() {
                    return Some(target.trim_start_matches('/').to_string());
                }
            }
            Ok(Event::Eof) | Err(_) => return None,
            _ => {}
        }
    }
}

/// Text being built: finished lines, the paragraphs open now (text boxes nest them), and
/// the tables open now, each with its current row and cell.
#[derive(Default)]
struct Builder {
    lines: Vec<String>,
    paragraphs: Vec<String>,
    tables: Vec<Table>,
    numbering: Numbering,
    /// `w:ilvl` and `w:numId` of the paragraph properties being read.
    list: (Option<usize>, Option<String>),
    /// Its `w:pStyle`, whose numbering applies when the paragraph has none of its own.
    style: Option<String>,
}

#[derive(Default)]
struct Table {
    row: Vec<String>,
    cell: Option<String>,
}

impl Builder {
    /// Writes the paragraph's generated list number, if it has one, at its start.
    fn number_paragraph(&mut self) {
        let (mut ilvl, mut num) = std::mem::take(&mut self.list);
        let style = self.style.take();
        if num.is_none() {
            if let Some((l, n)) = style.and_then(|s| self.numbering.style_list(&s)) {
                (ilvl, num) = (Some(l), Some(n));
            }
        }
        let Some(num) = num else { return };
        if let Some(marker) = self.numbering.next(&num, ilvl.unwrap_or(0)) {
            if let Some(p) = self.paragraphs.last_mut() {
                if p.is_empty() {
                    p.push_str(&marker);
                }
            }
        }
    }

    fn push_text(&mut self, s: &str) {
        if let Some(p) = self.paragraphs.last_mut() {
            p.push_str(s);
        }
    }

    fn end_paragraph(&mut self) {
        let Some(p) = self.paragraphs.pop() else { return };
        let p = p.trim_matches(|c: char| c == ' ' || c == '\t').to_string();
        if p.is_empty() {
            return;
        }
        // A paragraph inside a table cell (and not inside a text box within it) joins the cell.
        if self.paragraphs.is_empty() {
            if let Some(cell) = self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
                if !cell.is_empty() {
                    cell.push(' ');
                }
                cell.push_str(&p.replace(['\t', '\n'], " "));
                return;
            }
        }
        for line in p.split('\n') {
            let line = line.trim_matches(|c: char| c == ' ' || c == '\t');
            if !line.is_empty() {
                self.lines.push(line.to_string());
            }
        }
    }

    fn end_cell(&mut self) {
        if let Some(t) = self.tables.last_mut() {
            let cell = t.cell.take().unwrap_or_default();
            t.row.push(cell);
        }
    }

    fn end_row(&mut self) {
        let Some(t) = self.tables.last_mut() else { return };
        let row = std::mem::take(&mut t.row);
        // Trailing empty cells carry nothing; inner empty cells keep the columns aligned.
        let last = row.iter().rposition(|c| !c.is_empty());
        let Some(last) = last else { return };
        let line = row[..=last].join("\t");
        // A table nested in a cell: its rows become part of the outer cell.
        if self.tables.len() > 1 {
            let outer = self.tables.len() - 2;
            if let Some(cell) = self.tables[outer].cell.as_mut() {
                if !cell.is_empty() {
                    cell.push(' ');
                }
                cell.push_str(&line.replace('\t', " "));
                return;
            }
        }
        self.lines.push(line);
    }
}

/// Walks `document.xml` and returns its text, one paragraph or table row a line.
#[cfg(test)]
fn document_text(xml: &[u8]) -> Result<String> {
    document_text_numbered(xml, Numbering::default())
}

/// As `document_text`, with the list numbers that Word generates (`一、`, `（二）`, `3.`)
/// written in front of numbered paragraphs, since headings are often numbered so.
fn document_text_numbered(xml: &[u8], numbering: Numbering) -> Result<String> {
    let mut reader = Reader::from_reader(xml);
    let mut b = Builder { numbering, ..Builder::default() };
    let mut in_ppr = false;
    let mut depth = 0usize;
    // Depth at which a skipped subtree (deleted text, fallback copies) started.
    let mut skip_from: Option<usize> = None;
    let mut in_text = false;
    loop {
        let event = reader.read_event().map_err(|e| unreadable(format!("bad XML: {e}")))?;
        match event {
            Event::Start(e) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(unreadable("XML nested too deeply"));
                }
                if skip_from.is_some() {
                    continue;
                }
                match e.local_name().as_ref() {
                    b"Fallback" | b"delText" | b"instrText" | b"del" | b"moveFrom" | b"rPr" | b"tabs" => {
                        skip_from = Some(depth)
                    }
                    b"pPr" => in_ppr = true,
                    b"p" => b.paragraphs.push(String::new()),
                    b"t" => in_text = true,
                    b"tbl" => b.tables.push(Table::default()),
                    b"tc" => {
                        if let Some(t) = b.tables.last_mut() {
                            t.cell = Some(String::new());
                        }
                    }
                    b"tab" => b.push_text("\t"),
                    b"br" | b"cr" => b.push_text("\n"),
                    _ => {}
                }
            }
            Event::Empty(e) => {
                if skip_from.is_some() {
                    continue;
                }
                match e.local_name().as_ref() {
                    b"tab" if !in_ppr => b.push_text("\t"),
                    b"br" | b"cr" if !in_ppr => b.push_text("\n"),
                    b"noBreakHyphen" => b.push_text("-"),
                    b"ilvl" if in_ppr => b.list.0 = attr(&e, b"val").and_then(|v| v.parse().ok()),
                    b"numId" if in_ppr => b.list.1 = attr(&e, b"val"),
                    b"pStyle" if in_ppr => b.style = attr(&e, b"val"),
                    _ => {}
                }
            }
            Event::End(e) => {
                if let Some(from) = skip_from {
                    if depth == from {
                        skip_from = None;
                    }
                    depth = depth.saturating_sub(1);
                    continue;
                }
                depth = depth.saturating_sub(1);
                match e.local_name().as_ref() {
                    b"pPr" => {
                        in_ppr = false;
                        b.number_paragraph();
                    }
                    b"p" => b.end_paragraph(),
                    b"t" => in_text = false,
                    b"tc" => b.end_cell(),
                    b"tr" => b.end_row(),
                    b"tbl" => {
                        b.tables.pop();
                    }
                    _ => {}
                }
            }
            Event::Text(t) if in_text && skip_from.is_none() => {
                let s = t.decode().map_err(|e| unreadable(format!("bad text: {e}")))?;
                b.push_text(&s);
            }
            Event::CData(t) if in_text && skip_from.is_none() => {
                b.push_text(&String::from_utf8_lossy(&t));
            }
            Event::GeneralRef(r) if in_text && skip_from.is_none() => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    _ => match &*r {
                        b"amp" => Some("&".into()),
                        b"lt" => Some("<".into()),
                        b"gt" => Some(">".into()),
                        b"quot" => Some("\"".into()),
                        b"apos" => Some("'".into()),
                        _ => None,
                    },
                };
                if let Some(s) = resolved {
                    b.push_text(&s);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    // Close anything a truncated file left open.
    while !b.paragraphs.is_empty() {
        b.end_paragraph();
    }
    let mut out = String::new();
    for line in b.lines {
        out.push_str(&line);
        out.push('\n');
    }
    Ok(out)
}

fn attr(e: &quick_xml::events::BytesStart, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
}

/// Word's list definitions (`numbering.xml`) and the running counters.
#[derive(Default)]
struct Numbering {
    /// `w:numId` → `w:abstractNumId`.
    nums: HashMap<String, String>,
    /// (`w:abstractNumId`, level) → (number format, level text such as `%1、`, start).
    levels: HashMap<(String, usize), (String, String, u32)>,
    counters: HashMap<String, [u32; 9]>,
    /// Paragraph style → (`w:ilvl`, `w:numId`, `w:basedOn`) from `styles.xml`.
    styles: HashMap<String, StyleList>,
    /// (`w:abstractNumId`, style) → level, from a level's `w:pStyle`.
    style_levels: HashMap<(String, String), usize>,
}

impl Numbering {
    /// Reads the numbering of paragraph styles (headings are often numbered there).
    fn parse_styles(&mut self, xml: &[u8]) {
        let mut reader = Reader::from_reader(xml);
        let mut current: Option<(String, StyleList)> = None;
        loop {
            match reader.read_event() {
                Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match e.local_name().as_ref() {
                    b"style" => {
                        if let Some((id, v)) = current.take() {
                            self.styles.insert(id, v);
                        }
                        current = attr(&e, b"styleId").map(|id| (id, (None, None, None)));
                    }
                    b"ilvl" => {
                        if let Some((_, v)) = current.as_mut() {
                            v.0 = attr(&e, b"val").and_then(|x| x.parse().ok());
                        }
                    }
                    b"numId" => {
                        if let Some((_, v)) = current.as_mut() {
                            v.1 = attr(&e, b"val");
                        }
                    }
                    b"basedOn" => {
                        if let Some((_, v)) = current.as_mut() {
                            v.2 = attr(&e, b"val");
                        }
                    }
                    _ => {}
                },
                Ok(Event::End(e)) if e.local_name().as_ref() == b"style" => {
                    if let Some((id, v)) = current.take() {
                        self.styles.insert(id, v);
                    }
                }
                Ok(Event::Eof) | Err(_) => break,
                _ => {}
            }
        }
    }

    /// The list level and list of a paragraph style, following `w:basedOn`.
    fn style_list(&self, style: &str) -> Option<(usize, String)> {
        let mut s = style.to_string();
        for _ in 0..16 {
            let (ilvl, num, based) = self.styles.get(&s)?;
            if let Some(num) = num {
                let abs = self.nums.get(num)?;
                let level =
                    ilvl.or_else(|| self.style_levels.get(&(abs.clone(), style.to_string())).copied());
                return Some((level.unwrap_or(0), num.clone()));
            }
            s = based.clone()?;
        }
        None
    }

    fn parse(xml: &[u8]) -> Numbering {
        let mut n = Numbering::default();
        let mut reader = Reader::from_reader(xml);
        let (mut abs, mut lvl, mut num) = (None::<String>, None::<usize>, None::<String>);
        let (mut fmt, mut text, mut start) = (String::new(), String::new(), 1u32);
        loop {
            let (e, empty) = match reader.read_event() {
                Ok(Event::Start(e)) => (e, false),
                Ok(Event::Empty(e)) => (e, true),
                Ok(Event::End(e)) => {
                    match e.local_name().as_ref() {
                        b"lvl" => {
                            if let (Some(a), Some(l)) = (&abs, lvl) {
                                n.levels.insert(
                                    (a.clone(), l),
                                    (std::mem::take(&mut fmt), std::mem::take(&mut text), start),
                                );
                            }
                            lvl = None;
                            start = 1;
                        }
                        b"abstractNum" => abs = None,
                        b"num" => num = None,
                        _ => {}
                    }
                    continue;
                }
                Ok(Event::Eof) | Err(_) => break,
                _ => continue,
            };
            match e.local_name().as_ref() {
                b"abstractNum" if !empty => abs = attr(&e, b"abstractNumId"),
                b"lvl" if !empty => {
                    lvl = attr(&e, b"ilvl").and_then(|v| v.parse().ok()).filter(|&l: &usize| l < 9)
                }
                b"numFmt" if lvl.is_some() => fmt = attr(&e, b"val").unwrap_or_default(),
                b"lvlText" if lvl.is_some() => text = attr(&e, b"val").unwrap_or_default(),
                b"start" if lvl.is_some() => {
                    start = attr(&e, b"val").and_then(|v| v.parse().ok()).unwrap_or(1)
                }
                b"num" if !empty => num = attr(&e, b"numId"),
                b"abstractNumId" => {
                    if let (Some(id), Some(a)) = (&num, attr(&e, b"val")) {
                        n.nums.insert(id.clone(), a);
                    }
                }
                _ => {}
            }
        }
        n
    }

    /// Counts one more paragraph at `ilvl` of list `num` and returns its marker; bullets
    /// and unknown lists give none.
    fn next(&mut self, num: &str, ilvl: usize) -> Option<String> {
        let ilvl = ilvl.min(8);
        let abs = self.nums.get(num)?.clone();
        let (fmt, text, _) = self.levels.get(&(abs.clone(), ilvl))?;
        if fmt == "bullet" || fmt == "none" || text.is_empty() {
            return None;
        }
        let counters = self.counters.entry(num.to_string()).or_default();
        let start = |l: usize, levels: &HashMap<(String, usize), (String, String, u32)>| {
            levels.get(&(abs.clone(), l)).map(|v| v.2).unwrap_or(1)
        };
        counters[ilvl] = if counters[ilvl] == 0 { start(ilvl, &self.levels) } else { counters[ilvl] + 1 };
        for c in counters.iter_mut().skip(ilvl + 1) {
            *c = 0;
        }
        let counters = *counters;
        let mut out = String::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, chars.peek().and_then(|d| d.to_digit(10))) {
                ('%', Some(d)) if (1..=9).contains(&d) => {
                    chars.next();
                    let l = d as usize - 1;
                    let value = if counters[l] == 0 { start(l, &self.levels) } else { counters[l] };
                    let fmt = self.levels.get(&(abs.clone(), l)).map(|v| v.0.as_str()).unwrap_or("decimal");
                    out.push_str(&format_number(value, fmt));
                }
                _ => out.push(c),
            }
        }
        Some(out)
    }
}

/// A list counter in one of Word's number formats.
fn format_number(n: u32, fmt: &str) -> String {
    const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    match fmt {
        "chineseCounting"
        | "chineseCountingThousand"
        | "japaneseCounting"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand"
        | "ideographLegalTraditional"
        | "chineseLegalSimplified"
            if (1..100).contains(&n) =>
        {
            let (tens, ones) = ((n / 10) as usize, (n % 10) as usize);
            let mut s = String::new();
            if tens > 1 {
                s.push(DIGITS[tens]);
            }
            if tens > 0 {
                s.push('十');
            }
            if ones > 0 {
                s.push(DIGITS[ones]);
            }
            s
        }
        "ideographDigital" | "taiwaneseDigital" => {
            n.to_string().chars().map(|c| DIGITS[c as usize - '0' as usize]).collect()
        }
        "ideographTraditional" if (1..=10).contains(&n) => {
            ["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"][n as usize - 1].to_string()
        }
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n - 1).map(String::from).unwrap_or_default()
        }
        "decimalFullWidth" | "decimalFullWidth2" => {
            n.to_string().chars().filter_map(|c| char::from_u32(c as u32 - '0' as u32 + 0xFF10)).collect()
        }
        "lowerLetter" | "upperLetter" if (1..=26).contains(&n) => {
            let c = (b'a' + (n - 1) as u8) as char;
            if fmt == "upperLetter" { c.to_ascii_uppercase() } else { c }.to_string()
        }
        "lowerRoman" | "upperRoman" if (1..40).contains(&n) => {
            let mut s = String::new();
            let mut v = n;
            for (val, sym) in [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")] {
                while v >= val {
                    s.push_str(sym);
                    v -= val;
                }
            }
            if fmt == "upperRoman" {
                s.to_ascii_uppercase()
            } else {
                s
            }
        }
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006""#;

    fn body(inner: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><w:document {NS}><w:body>{inner}</w:body></w:document>"#
        )
    }

    #[test]
    fn paragraphs_tables_and_entities() {
        let xml = body(
            r#"<w:p><w:r><w:t>一、目标</w:t></w:r></w:p>
            <w:p><w:r><w:t xml:space="preserve">投资 </w:t></w:r><w:r><w:t>8亿元&amp;以上</w:t></w:r></w:p>
            <w:tbl><w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc>
            <w:tc><w:p><w:r><w:t>建设园区</w:t></w:r></w:p><w:p><w:r><w:t>二期</w:t></w:r></w:p></w:tc>
            <w:tc><w:p><w:r><w:t>经发办</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
            <w:p><w:r><w:t>完</w:t></w:r><w:r><w:delText>删</w:delText></w:r><w:r><w:tab/><w:t>成</w:t></w:r></w:p>"#,
        );
        let text = document_text(xml.as_bytes()).unwrap();
        assert_eq!(text, "一、目标\n投资 8亿元&以上\n1\t建设园区 二期\t经发办\n完\t成\n");
    }

    #[test]
    fn fallback_copies_are_not_read_twice() {
        let xml = body(
            r#"<w:p><w:r><mc:AlternateContent><mc:Choice><w:txbxContent><w:p><w:r><w:t>框内</w:t></w:r></w:p></w:txbxContent></mc:Choice>
            <mc:Fallback><w:txbxContent><w:p><w:r><w:t>框内</w:t></w:r></w:p></w:txbxContent></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>正文</w:t></w:r></w:p>"#,
        );
        assert_eq!(document_text(xml.as_bytes()).unwrap(), "框内\n正文\n");
    }

    #[test]
    fn relationships_name_the_main_part() {
        let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document2.xml"/></Relationships>"#;
        assert_eq!(main_target(rels).as_deref(), Some("word/document2.xml"));
    }

    #[test]
    fn generated_list_numbers_are_written() {
        let numbering = r#"<w:numbering xmlns:w="w"><w:abstractNum w:abstractNumId="7">
            <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
            <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
            <w:lvl w:ilvl="2"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>
            </w:abstractNum><w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num></w:numbering>"#;
        let para = |lvl: u8, t: &str| {
            format!(
                r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="3"/></w:numPr></w:pPr><w:r><w:t>{t}</w:t></w:r></w:p>"#
            )
        };
        let xml = body(
            &[
                para(0, "目标"),
                para(1, "产业"),
                para(1, "民生"),
                para(2, "要点"),
                para(0, "保障"),
                para(1, "组织"),
            ]
            .concat(),
        );
        let text = document_text_numbered(xml.as_bytes(), Numbering::parse(numbering.as_bytes())).unwrap();
        assert_eq!(text, "一、目标\n（一）产业\n（二）民生\n要点\n二、保障\n（一）组织\n");
        // A heading style that carries the numbering.
        let mut numbering = Numbering::parse(numbering.as_bytes());
        numbering.parse_styles(
            br#"<w:styles xmlns:w="w"><w:style w:styleId="H1"><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>
            <w:style w:styleId="H1b"><w:basedOn w:val="H1"/></w:style></w:styles>"#,
        );
        let styled = body(r#"<w:p><w:pPr><w:pStyle w:val="H1b"/></w:pPr><w:r><w:t>总则</w:t></w:r></w:p>"#);
        assert_eq!(document_text_numbered(styled.as_bytes(), numbering).unwrap(), "一、总则\n");
        assert_eq!(format_number(23, "chineseCounting"), "二十三");
        assert_eq!(format_number(10, "chineseCounting"), "十");
        assert_eq!(format_number(3, "decimalEnclosedCircle"), "③");
    }

    #[test]
    fn broken_inputs_are_errors() {
        assert!(decode_docx(b"PK\x03\x04garbage").is_err());
        assert!(document_text(b"<w:document><w:body><w:p><w:t>a</w:t></w:body>").is_err());
    }
}

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

use super::Decoded;
use crate::error::{DecodeErrorKind, Error, Result};
use lopdf::{Dictionary, Document, Object, ObjectId};
use regex::Regex;
use std::collections::{HashMap, HashSet};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::LazyLock;

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

// ---------------------------------------------------------------------------------------
// Fonts

/// What a font needs to turn shown bytes into text and advances.
struct Font {
    name: String,
    /// Code lengths in bytes from the CMap's code-space ranges: (length, low, high).
    codespace: Vec<(usize, Vec<u8>, Vec<u8>)>,
    /// Type0 fonts use multi-byte codes; simple fonts one byte.
    composite: bool,
    to_unicode: HashMap<u32, String>,
    /// Codes are UTF-16BE (`UniGB-UCS2-H`, `UniGB-UTF16-H`, ...).
    ucs2: bool,
    /// Codes are GBK / GB18030 bytes (`GBK-EUC-H`, `GB-EUC-H`, ...).
    gbk: bool,
    /// `Identity-H`/`Identity-V`: codes are two bytes whatever the ToUnicode map claims.
    identity: bool,
    /// Glyph-name differences of a simple font.
    differences: HashMap<u32, String>,
    widths: HashMap<u32, f64>,
    default_width: f64,
    /// Glyph space to text space (0.001 except for Type3 fonts).
    scale: f64,
}

impl Font {
    fn load(doc: &Document, name: &str, dict: &Dictionary) -> Font {
        let subtype = name_of(doc, dict.get(b"Subtype").ok());
        let composite = subtype.as_deref() == Some("Type0");
        let mut font = Font {
            name: name.to_string(),
            codespace: Vec::new(),
            composite,
            to_unicode: HashMap::new(),
            ucs2: false,
            gbk: false,
            identity: false,
            differences: HashMap::new(),
            widths: HashMap::new(),
            default_width: if composite { 1000.0 } else { 500.0 },
            scale: 0.001,
        };
        if let Some(Object::Stream(s)) = deref(doc, dict.get(b"ToUnicode").ok()) {
            if let Ok(data) =
                s.decompressed_content_with_limit(MAX_STREAM).or_else(|_| Ok::<_, ()>(s.content.clone()))
            {
                parse_cmap(&data, &mut font.to_unicode, &mut font.codespace);
            }
        }
        match deref(doc, dict.get(b"Encoding").ok()) {
            Some(Object::Name(n)) => {
                let n = String::from_utf8_lossy(n);
                if composite {
                    font.identity = n.starts_with("Identity");
                    font.ucs2 = n.contains("UCS2") || n.contains("UTF16");
                    font.gbk = !font.ucs2 && (n.starts_with("GB") || n.contains("EUC"));
                }
            }
            Some(Object::Dictionary(enc)) => {
                if let Some(Object::Array(diffs)) = deref(doc, enc.get(b"Differences").ok()) {
                    let mut code = 0u32;
                    for d in diffs.iter().take(512) {
                        match d {
                            Object::Integer(i) => code = (*i).clamp(0, 255) as u32,
                            Object::Name(g) => {
                                if let Some(s) = glyph_name_to_text(&String::from_utf8_lossy(g)) {
                                    font.differences.insert(code, s);
                                }
                                code = code.saturating_add(1);
                            }
                            _ => {}
                        }
                    }
                }
            }
            Some(Object::Stream(s)) if composite => {
                // An embedded CMap: only its code space matters for splitting codes.
                if let Ok(data) = s.decompressed_content_with_limit(MAX_STREAM) {
                    let mut ignore = HashMap::new();
                    parse_cmap(&data, &mut ignore, &mut font.codespace);
                }
            }
            _ => {}
        }
        if composite {
            if let Some(Object::Array(desc)) = deref(doc, dict.get(b"DescendantFonts").ok()) {
                if let Some(Object::Dictionary(cid)) = deref(doc, desc.first()) {
                    if let Some(dw) = deref(doc, cid.get(b"DW").ok()).and_then(num) {
                        font.default_width = dw;
                    }
                    if let Some(Object::Array(w)) = deref(doc, cid.get(b"W").ok()) {
                        font.parse_cid_widths(doc, w);
                    }
                }
            }
        } else {
            if let Some(m) = deref(doc, dict.get(b"FontMatrix").ok()).and_then(|o| match o {
                Object::Array(a) => a.first().and_then(num),
                _ => None,
            }) {
                if m.is_finite() && m.abs() > 1e-6 {
                    font.scale = m.abs();
                }
            }
            let first = deref(doc, dict.get(b"FirstChar").ok()).and_then(num).unwrap_or(0.0).max(0.0) as u32;
            if let Some(Object::Array(w)) = deref(doc, dict.get(b"Widths").ok()) {
                for (i, o) in w.iter().take(256).enumerate() {
                    if let Some(v) = deref(doc, Some(o)).and_then(num) {
                        font.widths.insert(first + i as u32, v);
                    }
                }
            }
            if let Some(Object::Dictionary(fd)) = deref(doc, dict.get(b"FontDescriptor").ok()) {
                if let Some(mw) = deref(doc, fd.get(b"MissingWidth").ok()).and_then(num) {
                    if mw > 0.0 {
                        font.default_width = mw;
                    }
                }
            }
        }
        font
    }

    fn parse_cid_widths(&mut self, doc: &Document, w: &[Object]) {
        let mut i = 0;
        while i + 1 < w.len() && self.widths.len() < 200_000 {
            let Some(first) = deref(doc, Some(&w[i])).and_then(num) else { break };
            let first = first.max(0.0) as u32;
            match deref(doc, Some(&w[i + 1])) {
                Some(Object::Array(list)) => {
                    for (k, o) in list.iter().take(65_536).enumerate() {
                        if let Some(v) = num(o) {
                            self.widths.insert(first + k as u32, v);
                        }
                    }
                    i += 2;
                }
                Some(o) => {
                    let (Some(last), Some(v)) =
                        (num(o), w.get(i + 2).and_then(|o| deref(doc, Some(o))).and_then(num))
                    else {
                        break;
                    };
                    let last = (last.max(0.0) as u32).min(first.saturating_add(65_535));
                    for c in first..=last {
                        self.widths.insert(c, v);
                    }
                    i += 3;
                }
                None => break,
            }
        }
    }

    /// Splits shown bytes into codes.
    fn codes(&self, bytes: &[u8]) -> Vec<(u32, usize)> {
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            let len = self.code_len(&bytes[i..]);
            let len = len.min(bytes.len() - i).max(1);
            let code = bytes[i..i + len].iter().fold(0u32, |acc, &b| (acc << 8) | b as u32);
            out.push((code, len));
            i += len;
        }
        out
    }

    fn code_len(&self, rest: &[u8]) -> usize {
        if !self.composite {
            return 1;
        }
        if self.identity {
            return 2;
        }
        if self.gbk {
            return match rest {
                [b, ..] if *b < 0x80 => 1,
                [_, b2, ..] if (0x30..=0x39).contains(b2) => 4,
                _ => 2,
            };
        }
        if self.ucs2 {
            return match rest {
                [hi, ..] if (0xD8..=0xDB).contains(hi) => 4,
                _ => 2,
            };
        }
        for (len, lo, hi) in &self.codespace {
            if rest.len() >= *len && (0..*len).all(|k| lo[k] <= rest[k] && rest[k] <= hi[k]) {
                return *len;
            }
        }
        2
    }

    fn text(&self, code: u32, len: usize) -> Option<String> {
        if let Some(s) = self.to_unicode.get(&code) {
            return Some(s.clone());
        }
        if self.composite {
            let bytes: Vec<u8> = (0..len).rev().map(|k| (code >> (8 * k)) as u8).collect();
            if self.ucs2 {
                let (s, _, bad) = encoding_rs::UTF_16BE.decode(&bytes);
                return (!bad).then(|| s.into_owned());
            }
            if self.gbk {
                let (s, _, bad) = encoding_rs::GB18030.decode(&bytes);
                return (!bad).then(|| s.into_owned());
            }
            return None;
        }
        if let Some(s) = self.differences.get(&code) {
            return Some(s.clone());
        }
        // Standard, WinAnsi and MacRoman agree on printable ASCII, which is what
        // numbers and units need; the upper half is read as Windows-1252.
        let b = [code as u8];
        let (s, _, _) = encoding_rs::WINDOWS_1252.decode(&b);
        Some(s.into_owned())
    }

    fn width(&self, code: u32) -> f64 {
        self.widths.get(&code).copied().filter(|w| *w > 0.0).unwrap_or(self.default_width) * self.scale
    }
}

/// Reads the code-space ranges and `bfchar`/`bfrange` entries of a CMap.
fn parse_cmap(data: &[u8], map: &mut HashMap<u32, String>, codespace: &mut Vec<(usize, Vec<u8>, Vec<u8>)>) {
    let tokens = cmap_tokens(data);
    let mut i = 0;
    let hex = |t: &CTok| match t {
        CTok::Hex(h) => Some(h.clone()),
        _ => None,
    };
    let code_of = |h: &[u8]| h.iter().take(4).fold(0u32, |a, &b| (a << 8) | b as u32);
    while i < tokens.len() {
        match &tokens[i] {
            CTok::Word(w) if w == "begincodespacerange" => {
                i += 1;
                while i + 1 < tokens.len() {
                    let (Some(lo), Some(hi)) = (hex(&tokens[i]), hex(&tokens[i + 1])) else { break };
                    if !lo.is_empty() && lo.len() == hi.len() && lo.len() <= 4 {
                        codespace.push((lo.len(), lo, hi));
                    }
                    i += 2;
                }
            }
            CTok::Word(w) if w == "beginbfchar" => {
                i += 1;
                while i + 1 < tokens.len() && map.len() < 1_000_000 {
                    let Some(src) = hex(&tokens[i]) else { break };
                    match &tokens[i + 1] {
                        CTok::Hex(dst) => {
                            map.insert(code_of(&src), utf16_text(dst));
                        }
                        CTok::Name(n) => {
                            if let Some(s) = glyph_name_to_text(n) {
                                map.insert(code_of(&src), s);
                            }
                        }
                        _ => break,
                    }
                    i += 2;
                }
            }
            CTok::Word(w) if w == "beginbfrange" => {
                i += 1;
                while i + 2 < tokens.len() && map.len() < 1_000_000 {
                    let (Some(lo), Some(hi)) = (hex(&tokens[i]), hex(&tokens[i + 1])) else { break };
                    let (lo, hi) = (code_of(&lo), code_of(&hi));
                    if hi < lo || hi - lo > 65_535 {
                        i += 3;
                        continue;
                    }
                    match &tokens[i + 2] {
                        CTok::Hex(dst) => {
                            for (k, code) in (lo..=hi).enumerate() {
                                let mut d = dst.clone();
                                add_to_last_unit(&mut d, k as u32);
                                map.insert(code, utf16_text(&d));
                            }
                            i += 3;
                        }
                        CTok::ArrayStart => {
                            let mut j = i + 3;
                            let mut code = lo;
                            while j < tokens.len() {
                                match &tokens[j] {
                                    CTok::Hex(d) => {
                                        if code <= hi {
                                            map.insert(code, utf16_text(d));
                                        }
                                        code = code.saturating_add(1);
                                    }
                                    CTok::ArrayEnd => break,
                                    _ => {}
                                }
                                j += 1;
                            }
                            i = j + 1;
                        }
                        _ => break,
                    }
                }
            }
            _ => i += 1,
        }
    }
    codespace.sort_by_key(|(len, _, _)| *len);
}

fn add_to_last_unit(d: &mut [u8], k: u32) {
    let n = d.len();
    if n >= 2 {
        let last = u16::from_be_bytes([d[n - 2], d[n - 1]]) as u32 + k;
        d[n - 2] = (last >> 8) as u8;
        d[n - 1] = last as u8;
    } else if n == 1 {
        d[0] = d[0].wrapping_add(k as u8);
    }
}

fn utf16_text(bytes: &[u8]) -> String {
    if bytes.len() == 1 {
        return char::from(bytes[0]).to_string();
    }
    let units: Vec<u16> =
        bytes.chunks(2).map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)])).collect();
    String::from_utf16_lossy(&units)
}

#[derive(Debug)]
enum CTok {
    Hex(Vec<u8>),
    Name(String),
    Word(String),
    ArrayStart,
    ArrayEnd,
}

/// A small tokenizer for CMap programs: hex strings, names, words and array brackets.
fn cmap_tokens(data: &[u8]) -> Vec<CTok> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < data.len() {
        let c = data[i];
        match c {
            b'%' => {
                while i < data.len() && data[i] != b'\n' && data[i] != b'\r' {
                    i += 1;
                }
            }
            b'<' if data.get(i + 1) == Some(&b'<') => i += 2,
            b'>' if data.get(i + 1) == Some(&b'>') => i += 2,
            b'<' => {
                let mut digits = Vec::new();
                i += 1;
                while i < data.len() && data[i] != b'>' {
                    if data[i].is_ascii_hexdigit() {
                        digits.push(data[i]);
                    }
                    i += 1;
                }
                i += 1;
                if digits.len() % 2 == 1 {
                    digits.push(b'0');
                }
                let bytes = digits
                    .chunks(2)
                    .map(|p| {
                        let h = (p[0] as char).to_digit(16).unwrap_or(0);
                        let l = (p[1] as char).to_digit(16).unwrap_or(0);
                        (h * 16 + l) as u8
                    })
                    .collect();
                out.push(CTok::Hex(bytes));
            }
            b'[' => {
                out.push(CTok::ArrayStart);
                i += 1;
            }
            b']' => {
                out.push(CTok::ArrayEnd);
                i += 1;
            }
            b'(' => {
                // Literal strings do not occur in the sections we read; skip them.
                let mut depth = 0usize;
                while i < data.len() {
                    match data[i] {
                        b'\\' => i += 1,
                        b'(' => depth += 1,
                        b')' => {
                            depth = depth.saturating_sub(1);
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                i += 1;
            }
            _ if c.is_ascii_whitespace() => i += 1,
            _ => {
                let start = i;
                i += 1;
                while i < data.len() && !b"<>[]()/% \t\r\n\x0c\0".contains(&data[i]) {
                    i += 1;
                }
                let word = String::from_utf8_lossy(&data[start..i]).into_owned();
                if let Some(n) = word.strip_prefix('/') {
                    out.push(CTok::Name(n.to_string()));
                } else {
                    out.push(CTok::Word(word));
                }
            }
        }
    }
    out
}

/// Unicode text for an Adobe glyph name: `uniXXXX`, `uXXXX`, ASCII letters and the names
/// of digits and punctuation that numbers and units are written with.
fn glyph_name_to_text(name: &str) -> Option<String> {
    let name = name.split('.').next().unwrap_or(name);
    if let Some(h) = name.strip_prefix("uni") {
        if h.len() >= 4 && h.len() % 4 == 0 {
            let units: Option<Vec<u16>> =
                (0..h.len() / 4).map(|k| u16::from_str_radix(&h[4 * k..4 * k + 4], 16).ok()).collect();
            return units.map(|u| String::from_utf16_lossy(&u));
        }
    }
    if let Some(h) = name.strip_prefix('u') {
        if (4..=6).contains(&h.len()) {
            if let Some(c) = u32::from_str_radix(h, 16).ok().and_then(char::from_u32) {
                return Some(c.to_string());
            }
        }
    }
    if name.len() == 1 && name.chars().all(|c| c.is_ascii_alphabetic()) {
        return Some(name.to_string());
    }
    const NAMES: &[(&str, &str)] = &[
        ("space", " "),
        ("zero", "0"),
        ("one", "1"),
        ("two", "2"),
        ("three", "3"),
        ("four", "4"),
        ("five", "5"),
        ("six", "6"),
        ("seven", "7"),
        ("eight", "8"),
        ("nine", "9"),
        ("period", "."),
        ("comma", ","),
        ("colon", ":"),
        ("semicolon", ";"),
        ("hyphen", "-"),
        ("minus", "-"),
        ("percent", "%"),
        ("parenleft", "("),
        ("parenright", ")"),
        ("slash", "/"),
        ("plus", "+"),
        ("equal", "="),
        ("less", "<"),
        ("greater", ">"),
        ("bracketleft", "["),
        ("bracketright", "]"),
        ("quotesingle", "'"),
        ("quotedbl", "\""),
        ("ampersand", "&"),
        ("asterisk", "*"),
        ("numbersign", "#"),
        ("dollar", "$"),
        ("at", "@"),
        ("underscore", "_"),
        ("exclam", "!"),
        ("question", "?"),
        ("endash", "–"),
        ("emdash", "—"),
        ("periodcentered", "·"),
        ("bullet", "•"),
        ("degree", "°"),
        ("multiply", "×"),
        ("perthousand", "‰"),
    ];
    NAMES.iter().find(|(n, _)| *n == name).map(|(_, s)| s.to_string())
}

fn deref<'a>(doc: &'a Document, o: Option<&'a Object>) -> Option<&'a Object> {
    doc.dereference(o?).ok().map(|(_, o)| o)
}

fn name_of(doc: &Document, o: Option<&Object>) -> Option<String> {
    match deref(doc, o)? {
        Object::Name(n) => Some(String::from_utf8_lossy(n).into_owned()),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------
// Content-stream interpreter

#[derive(Clone)]
struct GState {
    ctm: Matrix,
    font: Option<usize>,
    size: f64,
    char_spacing: f64,
    word_spacing: f64,
    h_scale: f64,
    leading: f64,
    rise: f64,
}

struct Interp<'a> {
    doc: &'a Document,
    glyphs: Vec<Glyph>,
    budget: usize,
    ops: usize,
    truncated: bool,
    images: usize,
    fonts: Vec<Font>,
    /// Font cache keyed by the font dictionary's object id (or, for a direct dictionary,
    /// its resource name and the address of the font resource dictionary).
    font_ids: HashMap<(ObjectId, Vec<u8>), usize>,
    unmapped_fonts: HashSet<String>,
    forms: Vec<ObjectId>,
    /// Axis-aligned strokes and thin filled rectangles: table borders.
    rules: Vec<Rule>,
    /// Segments of the path being built, in device space.
    path: Vec<[f64; 4]>,
    /// Thin rectangles of the path being built (filled ones are rules too).
    path_rects: Vec<[f64; 4]>,
    /// Open marked-content sections, `true` for artifacts (running headers, footers and
    /// page numbers in tagged PDFs), whose text is not read.
    marked: Vec<bool>,
}

/// Quarter turns of a baseline direction `(a, b)`, or 4 when it is not within 5 degrees of
/// a multiple of 90.
fn direction(a: f64, b: f64) -> u8 {
    let deg = b.atan2(a).to_degrees().rem_euclid(360.0);
    let quarter = (deg / 90.0).round();
    if (deg - quarter * 90.0).abs() <= 5.0 {
        (quarter as u8) % 4
    } else {
        4
    }
}

/// Keeps the glyphs of a page's main direction and turns them to read left to right;
/// skewed glyphs (diagonal watermarks) are dropped. Returns whether the page was turned.
fn upright(glyphs: Vec<Glyph>) -> (Vec<Glyph>, bool) {
    let mut counts = [0usize; 4];
    for g in &glyphs {
        if let Some(c) = counts.get_mut(g.dir as usize) {
            *c += g.text.chars().count();
        }
    }
    let main = (0..4).max_by_key(|&d| (counts[d], usize::from(d == 0))).unwrap_or(0) as u8;
    let out = glyphs
        .into_iter()
        .filter(|g| g.dir == main)
        .map(|mut g| {
            let (x, y) = (g.x, g.y);
            (g.x, g.y) = match main {
                1 => (y, -x),
                2 => (-x, -y),
                3 => (-y, x),
                _ => (x, y),
            };
            g
        })
        .collect();
    (out, main != 0)
}

/// A horizontal or vertical border line in device space: `at` is its y (horizontal) or x
/// (vertical), `from..to` its extent along the other axis.
#[derive(Debug, Clone, Copy)]
struct Rule {
    horizontal: bool,
    at: f64,
    from: f64,
    to: f64,
}

/// Most rules kept per page.
const MAX_RULES: usize = 20_000;

impl Rule {
    fn from_segment([x0, y0, x1, y1]: [f64; 4]) -> Option<Rule> {
        let (dx, dy) = ((x1 - x0).abs(), (y1 - y0).abs());
        if !(x0.is_finite() && y0.is_finite() && x1.is_finite() && y1.is_finite()) {
            return None;
        }
        if dy <= 1.0 && dx > 3.0 {
            Some(Rule { horizontal: true, at: (y0 + y1) / 2.0, from: x0.min(x1), to: x0.max(x1) })
        } else if dx <= 1.0 && dy > 3.0 {
            Some(Rule { horizontal: false, at: (x0 + x1) / 2.0, from: y0.min(y1), to: y0.max(y1) })
        } else {
            None
        }
    }

    /// A filled rectangle is a rule when it is thin in one direction.
    fn from_rect([x0, y0, x1, y1]: [f64; 4]) -> Option<Rule> {
        let (w, h) = ((x1 - x0).abs(), (y1 - y0).abs());
        if h <= 3.0 && w > 3.0 {
            Rule::from_segment([x0, (y0 + y1) / 2.0, x1, (y0 + y1) / 2.0])
        } else if w <= 3.0 && h > 3.0 {
            Rule::from_segment([(x0 + x1) / 2.0, y0, (x0 + x1) / 2.0, y1])
        } else {
            None
        }
    }
}

impl<'a> Interp<'a> {
    fn new(doc: &'a Document, budget: usize) -> Self {
        Interp {
            doc,
            glyphs: Vec::new(),
            budget,
            ops: 0,
            truncated: false,
            images: 0,
            fonts: Vec::new(),
            font_ids: HashMap::new(),
            unmapped_fonts: HashSet::new(),
            forms: Vec::new(),
            rules: Vec::new(),
            path: Vec::new(),
            path_rects: Vec::new(),
            marked: Vec::new(),
        }
    }

    /// Clears the per-page state; fonts stay cached.
    fn start_page(&mut self, budget: usize) {
        self.glyphs.clear();
        self.budget = budget;
        self.ops = 0;
        self.truncated = false;
        self.forms.clear();
        self.rules.clear();
        self.path.clear();
        self.path_rects.clear();
        self.marked.clear();
    }

    fn run_page(&mut self, page: ObjectId) -> std::result::Result<(), String> {
        let doc = self.doc;
        let dict = doc.get_dictionary(page).map_err(|e| e.to_string())?;
        let resources = inherited(doc, dict, b"Resources").and_then(|o| o.as_dict().ok());
        let content = doc.get_page_content_with_limit(page, MAX_STREAM).map_err(|e| e.to_string())?;
        let gs = GState {
            ctm: Matrix::IDENTITY,
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            h_scale: 1.0,
            leading: 0.0,
            rise: 0.0,
        };
        self.run(&content, resources, gs, 0)
    }

    fn run(
        &mut self,
        content: &[u8],
        resources: Option<&'a Dictionary>,
        gs: GState,
        depth: usize,
    ) -> std::result::Result<(), String> {
        // Operators are parsed one at a time, so the text before a syntax error is kept.
        let ops = lopdf::content::Content::decode_iter(content);
        let mut gs = gs;
        let mut stack: Vec<GState> = Vec::new();
        let mut tm = Matrix::IDENTITY;
        let mut tlm = Matrix::IDENTITY;
        let mut cursor: Option<(f64, f64)> = None;
        let mut start: Option<(f64, f64)> = None;
        for op in ops {
            let op = op.map_err(|e| format!("bad content stream: {e}"))?;
            self.ops += 1;
            if self.ops > MAX_OPS_PER_PAGE || self.glyphs.len() >= self.budget {
                self.truncated = true;
                return Ok(());
            }
            let o = &op.operands;
            let n = |k: usize| o.get(k).and_then(num).filter(|v| v.is_finite());
            match op.operator.as_str() {
                "q" if stack.len() < 256 => stack.push(gs.clone()),
                "Q" => gs = stack.pop().unwrap_or(gs),
                "cm" => {
                    if let Some(m) = Matrix::from_operands(o) {
                        gs.ctm = m.mul(&gs.ctm);
                    }
                }
                "BT" => {
                    tm = Matrix::IDENTITY;
                    tlm = Matrix::IDENTITY;
                }
                "Tf" => {
                    gs.font = o.first().and_then(|f| f.as_name().ok()).and_then(|f| self.font(resources, f));
                    gs.size = n(1).unwrap_or(0.0);
                }
                "Tc" => gs.char_spacing = n(0).unwrap_or(0.0),
                "Tw" => gs.word_spacing = n(0).unwrap_or(0.0),
                "Tz" => gs.h_scale = n(0).unwrap_or(100.0) / 100.0,
                "TL" => gs.leading = n(0).unwrap_or(0.0),
                "Ts" => gs.rise = n(0).unwrap_or(0.0),
                "Td" | "TD" => {
                    let (tx, ty) = (n(0).unwrap_or(0.0), n(1).unwrap_or(0.0));
                    if op.operator == "TD" {
                        gs.leading = -ty;
                    }
                    tlm = Matrix::translate(tx, ty).mul(&tlm);
                    tm = tlm;
                }
                "Tm" => {
                    if let Some(m) = Matrix::from_operands(o) {
                        tlm = m;
                        tm = m;
                    }
                }
                "T*" => {
                    tlm = Matrix::translate(0.0, -gs.leading).mul(&tlm);
                    tm = tlm;
                }
                "Tj" | "'" | "\"" => {
                    if op.operator != "Tj" {
                        if op.operator == "\"" {
                            gs.word_spacing = n(0).unwrap_or(gs.word_spacing);
                            gs.char_spacing = n(1).unwrap_or(gs.char_spacing);
                        }
                        tlm = Matrix::translate(0.0, -gs.leading).mul(&tlm);
                        tm = tlm;
                    }
                    if let Some(Object::String(s, _)) = o.last() {
                        self.show(&gs, &mut tm, s);
                    }
                }
                "TJ" => {
                    if let Some(Object::Array(items)) = o.first() {
                        for item in items {
                            match item {
                                Object::String(s, _) => self.show(&gs, &mut tm, s),
                                other => {
                                    if let Some(adj) = num(other).filter(|v| v.is_finite()) {
                                        let tx = -adj / 1000.0 * gs.size * gs.h_scale;
                                        tm = Matrix::translate(tx, 0.0).mul(&tm);
                                    }
                                }
                            }
                        }
                    }
                }
                "Do" => {
                    let Some(name) = o.first().and_then(|f| f.as_name().ok()) else { continue };
                    self.xobject(resources, name, &gs, depth)?;
                }
                "BI" | "EI" => self.images += 1,
                "BMC" | "BDC" if self.marked.len() < 256 => {
                    let tag = o.first().and_then(|t| t.as_name().ok());
                    self.marked.push(tag == Some(b"Artifact".as_slice()));
                }
                "EMC" => {
                    self.marked.pop();
                }
                // Paths: only straight lines and rectangles matter (table borders).
                "m" => {
                    if let (Some(x), Some(y)) = (n(0), n(1)) {
                        cursor = Some(apply(&gs.ctm, x, y));
                        start = cursor;
                    }
                }
                "l" => {
                    if let (Some(x), Some(y), Some(c)) = (n(0), n(1), cursor) {
                        let p = apply(&gs.ctm, x, y);
                        if self.path.len() < MAX_RULES {
                            self.path.push([c.0, c.1, p.0, p.1]);
                        }
                        cursor = Some(p);
                    }
                }
                "h" => {
                    if let (Some(c), Some(s0)) = (cursor, start) {
                        if self.path.len() < MAX_RULES {
                            self.path.push([c.0, c.1, s0.0, s0.1]);
                        }
                        cursor = start;
                    }
                }
                "re" => {
                    if let (Some(x), Some(y), Some(w), Some(h)) = (n(0), n(1), n(2), n(3)) {
                        let corners = [(x, y), (x + w, y), (x + w, y + h), (x, y + h)]
                            .map(|(x, y)| apply(&gs.ctm, x, y));
                        if self.path.len() < MAX_RULES {
                            for k in 0..4 {
                                let (a, b) = (corners[k], corners[(k + 1) % 4]);
                                self.path.push([a.0, a.1, b.0, b.1]);
                            }
                            let (a, c) = (corners[0], corners[2]);
                            self.path_rects.push([a.0, a.1, c.0, c.1]);
                        }
                        cursor = Some(corners[0]);
                        start = cursor;
                    }
                }
                "S" | "s" | "B" | "B*" | "b" | "b*" => {
                    // Stroked: every straight segment may be a border.
                    for seg in self.path.drain(..) {
                        if let Some(r) = Rule::from_segment(seg) {
                            if self.rules.len() < MAX_RULES {
                                self.rules.push(r);
                            }
                        }
                    }
                    self.path_rects.clear();
                }
                "f" | "F" | "f*" => {
                    // Filled: only thin rectangles draw lines.
                    for rect in self.path_rects.drain(..) {
                        if let Some(r) = Rule::from_rect(rect) {
                            if self.rules.len() < MAX_RULES {
                                self.rules.push(r);
                            }
                        }
                    }
                    self.path.clear();
                }
                "n" => {
                    self.path.clear();
                    self.path_rects.clear();
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn xobject(
        &mut self,
        resources: Option<&'a Dictionary>,
        name: &[u8],
        gs: &GState,
        depth: usize,
    ) -> std::result::Result<(), String> {
        let doc = self.doc;
        if self.truncated {
            return Ok(());
        }
        let Some(xobjects) =
            resources.and_then(|r| deref(doc, r.get(b"XObject").ok())).and_then(|o| o.as_dict().ok())
        else {
            return Ok(());
        };
        let Ok(entry) = xobjects.get(name) else { return Ok(()) };
        let id = entry.as_reference().ok();
        let Some(Object::Stream(stream)) = deref(doc, Some(entry)) else { return Ok(()) };
        match name_of(doc, stream.dict.get(b"Subtype").ok()).as_deref() {
            Some("Image") => {
                self.images += 1;
                Ok(())
            }
            Some("Form") => {
                if depth >= MAX_FORM_DEPTH || id.is_some_and(|id| self.forms.contains(&id)) {
                    return Ok(());
                }
                let data = stream
                    .decompressed_content_with_limit(MAX_STREAM)
                    .unwrap_or_else(|_| stream.content.clone());
                let own = deref(doc, stream.dict.get(b"Resources").ok()).and_then(|o| o.as_dict().ok());
                let mut inner = gs.clone();
                if let Some(Object::Array(m)) = deref(doc, stream.dict.get(b"Matrix").ok()) {
                    if let Some(m) = Matrix::from_operands(m) {
                        inner.ctm = m.mul(&gs.ctm);
                    }
                }
                if let Some(id) = id {
                    self.forms.push(id);
                }
                let r = self.run(&data, own.or(resources), inner, depth + 1);
                if id.is_some() {
                    self.forms.pop();
                }
                r
            }
            _ => Ok(()),
        }
    }

    fn font(&mut self, resources: Option<&'a Dictionary>, name: &[u8]) -> Option<usize> {
        let doc = self.doc;
        let fonts = deref(doc, resources?.get(b"Font").ok())?.as_dict().ok()?;
        let entry = fonts.get(name).ok()?;
        let key = match entry.as_reference() {
            Ok(id) => (id, Vec::new()),
            Err(_) => {
                // A direct font dictionary: its resource dictionary's address tells it apart.
                let mut k = name.to_vec();
                k.extend_from_slice(&(fonts as *const Dictionary as usize).to_le_bytes());
                ((0, 0), k)
            }
        };
        if let Some(&i) = self.font_ids.get(&key) {
            return Some(i);
        }
        let dict = deref(doc, Some(entry))?.as_dict().ok()?;
        let base =
            name_of(doc, dict.get(b"BaseFont").ok()).unwrap_or_else(|| String::from_utf8_lossy(name).into());
        let font = Font::load(doc, &base, dict);
        self.fonts.push(font);
        let i = self.fonts.len() - 1;
        self.font_ids.insert(key, i);
        Some(i)
    }

    fn show(&mut self, gs: &GState, tm: &mut Matrix, bytes: &[u8]) {
        let Some(fi) = gs.font else { return };
        let font = &self.fonts[fi];
        for (code, len) in font.codes(bytes) {
            let w0 = font.width(code);
            let text = font.text(code, len);
            if text.is_none() && font.composite {
                self.unmapped_fonts.insert(font.name.clone());
            }
            let trm = Matrix([gs.size * gs.h_scale, 0.0, 0.0, gs.size, 0.0, gs.rise]).mul(&tm.mul(&gs.ctm));
            let m = tm.mul(&gs.ctm);
            let x_scale = (m.0[0] * m.0[0] + m.0[1] * m.0[1]).sqrt();
            let size = (trm.0[2] * trm.0[2] + trm.0[3] * trm.0[3]).sqrt();
            let space = if len == 1 && code == 32 { gs.word_spacing } else { 0.0 };
            let tx = (w0 * gs.size + gs.char_spacing + space) * gs.h_scale;
            if let (Some(text), false) = (text, self.marked.contains(&true)) {
                let text: String = text.chars().filter(|c| !c.is_control() || *c == '\t').collect();
                if !text.is_empty() && self.glyphs.len() < self.budget {
                    self.glyphs.push(Glyph {
                        x: trm.0[4],
                        y: trm.0[5],
                        w: w0 * gs.size * gs.h_scale * x_scale,
                        size,
                        text,
                        dir: direction(trm.0[0], trm.0[1]),
                    });
                }
            }
            *tm = Matrix::translate(tx, 0.0).mul(tm);
        }
    }
}

fn inherited<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut d = dict;
    for _ in 0..32 {
        if let Some(o) = deref(doc, d.get(key).ok()) {
            return Some(o);
        }
        d = deref(doc, d.get(b"Parent").ok())?.as_dict().ok()?;
    }
    None
}

// ---------------------------------------------------------------------------------------
// Layout: glyphs to lines, running lines, joins

#[derive(Debug, Clone)]
struct Line {
    text: String,
    left: f64,
    right: f64,
    size: f64,
    /// A table row (cells separated by tabs): never joined to its neighbours.
    row: bool,
    /// Baseline (or a table row's top border), for ordering.
    y: f64,
    /// The first row of a ruled table (a header row that Word repeats on every page).
    first_row: bool,
}

#[derive(Debug, Default)]
struct Page {
    lines: Vec<Line>,
}

/// Lays out one page: glyphs inside ruled tables become one line per table row (cells
/// separated by a tab, a cell's wrapped lines joined), the other glyphs are grouped into
/// lines by baseline; all lines in order from top to bottom.
fn layout_page(mut glyphs: Vec<Glyph>, rules: &[Rule]) -> Page {
    glyphs.retain(|g| g.x.is_finite() && g.y.is_finite() && g.size.is_finite() && g.w.is_finite());
    if glyphs.is_empty() {
        return Page::default();
    }
    let grids = find_grids(rules);
    let mut free = Vec::with_capacity(glyphs.len());
    let mut in_grid: Vec<Vec<Glyph>> = vec![Vec::new(); grids.len()];
    for g in glyphs {
        match grids.iter().position(|grid| grid.contains(&g)) {
            Some(i) => in_grid[i].push(g),
            None => free.push(g),
        }
    }
    let mut lines = text_lines(free);
    for (grid, glyphs) in grids.iter().zip(in_grid) {
        lines.extend(grid.rows(glyphs));
    }
    // Stable: lines on one baseline keep their order.
    lines.sort_by(|a, b| b.y.total_cmp(&a.y));
    Page { lines }
}

/// Groups glyphs into lines by baseline (top to bottom), orders each line by x, drops
/// glyphs printed twice at almost the same place (simulated bold), and puts a tab at gaps
/// wide enough to separate the cells of a table without borders and a space between
/// Latin words.
fn text_lines(glyphs: Vec<Glyph>) -> Vec<Line> {
    if glyphs.is_empty() {
        return Vec::new();
    }
    // Cluster by baseline: sort by y descending, then start a new line when the baseline
    // moves by more than half the font size.
    let mut order: Vec<usize> = (0..glyphs.len()).collect();
    order.sort_by(|&a, &b| glyphs[b].y.total_cmp(&glyphs[a].y).then(a.cmp(&b)));
    let mut clusters: Vec<(f64, Vec<usize>)> = Vec::new();
    for i in order {
        let g = &glyphs[i];
        let tol = g.size.max(1.0) * 0.5;
        match clusters.last_mut() {
            Some((base, c)) if (*base - g.y).abs() <= tol => c.push(i),
            _ => clusters.push((g.y, vec![i])),
        }
    }
    let mut lines = Vec::new();
    for (y, mut c) in clusters {
        c.sort_by(|&a, &b| glyphs[a].x.total_cmp(&glyphs[b].x).then(a.cmp(&b)));
        let size = median(c.iter().map(|&i| glyphs[i].size).collect()).max(1.0);
        let mut text = String::new();
        let mut prev: Option<&Glyph> = None;
        let mut row = false;
        let mut left = f64::INFINITY;
        let mut right = f64::NEG_INFINITY;
        for &i in &c {
            let g = &glyphs[i];
            if let Some(p) = prev {
                if p.text == g.text && (g.x - p.x).abs() < 0.3 * size && (g.y - p.y).abs() < 0.3 * size {
                    continue;
                }
            }
            if g.text.trim().is_empty() {
                if !text.is_empty() && !text.ends_with([' ', '\t']) {
                    text.push(' ');
                }
                prev = Some(g);
                continue;
            }
            if let Some(p) = prev {
                let gap = g.x - (p.x + p.w);
                if gap > size * 1.5 {
                    while text.ends_with(' ') {
                        text.pop();
                    }
                    text.push('\t');
                    row = true;
                } else if gap > size * 0.2 {
                    let last_latin = text.chars().last().is_some_and(|ch| ch.is_ascii_alphanumeric());
                    let next_latin = g.text.chars().next().is_some_and(|ch| ch.is_ascii_alphanumeric());
                    if last_latin && next_latin && !text.ends_with([' ', '\t']) {
                        text.push(' ');
                    }
                }
            }
            text.push_str(&g.text);
            left = left.min(g.x);
            right = right.max(g.x + g.w);
            prev = Some(g);
        }
        let text = text.trim_matches([' ', '\t']).to_string();
        if text.is_empty() {
            continue;
        }
        lines.push(Line { text, left, right, size, row, y, first_row: false });
    }
    lines
}

/// A ruled table: the distinct heights of its horizontal borders (top first), its
/// vertical borders, and its bounding box.
#[derive(Debug)]
struct Grid {
    ys: Vec<f64>,
    verticals: Vec<Rule>,
    x0: f64,
    x1: f64,
}

impl Grid {
    fn contains(&self, g: &Glyph) -> bool {
        let (cx, cy) = (g.x + g.w / 2.0, g.y + g.size * 0.3);
        let (top, bottom) = (self.ys[0], self.ys[self.ys.len() - 1]);
        self.x0 < cx && cx < self.x1 && bottom < cy && cy < top
    }

    /// One line per row: each cell's text (its wrapped lines joined), cells separated by a
    /// tab; columns come from the vertical borders that cross the row, so merged cells and
    /// empty cells keep the columns in place.
    fn rows(&self, glyphs: Vec<Glyph>) -> Vec<Line> {
        let nrows = self.ys.len() - 1;
        let mut cols: Vec<Vec<f64>> = Vec::with_capacity(nrows);
        for k in 0..nrows {
            let mid = (self.ys[k] + self.ys[k + 1]) / 2.0;
            let mut xs: Vec<f64> = self
                .verticals
                .iter()
                .filter(|v| v.from - 2.0 <= mid && mid <= v.to + 2.0)
                .map(|v| v.at)
                .collect();
            xs.sort_by(f64::total_cmp);
            xs.dedup_by(|a, b| (*a - *b).abs() < 2.0);
            if xs.len() < 2 {
                xs = vec![self.x0, self.x1];
            }
            cols.push(xs);
        }
        let mut cells: Vec<Vec<Vec<Glyph>>> = cols.iter().map(|xs| vec![Vec::new(); xs.len() - 1]).collect();
        for g in glyphs {
            let (cx, cy) = (g.x + g.w / 2.0, g.y + g.size * 0.3);
            let k = self.ys.iter().skip(1).position(|&y| cy > y).unwrap_or(nrows - 1).min(nrows - 1);
            let xs = &cols[k];
            let c = xs.iter().skip(1).position(|&x| cx < x).unwrap_or(xs.len() - 2).min(xs.len() - 2);
            cells[k][c].push(g);
        }
        let mut out = Vec::new();
        for (k, row) in cells.into_iter().enumerate() {
            let mut sizes = Vec::new();
            let texts: Vec<String> = row
                .into_iter()
                .map(|glyphs| {
                    sizes.extend(glyphs.iter().map(|g| g.size));
                    join_cell(text_lines(glyphs))
                })
                .collect();
            let Some(last) = texts.iter().rposition(|t| !t.is_empty()) else { continue };
            let text = texts[..=last].join("\t");
            out.push(Line {
                text,
                left: self.x0,
                right: self.x1,
                size: median(sizes).max(1.0),
                row: true,
                y: self.ys[k],
                first_row: out.is_empty(),
            });
        }
        out
    }
}

/// A cell's lines joined: without a space (Chinese wraps anywhere), with one between Latin
/// letters or digits.
fn join_cell(lines: Vec<Line>) -> String {
    let mut out = String::new();
    for l in lines {
        let text = l.text.replace('\t', " ");
        let latin = out.chars().last().is_some_and(|c| c.is_ascii_alphanumeric())
            && text.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
        if latin {
            out.push(' ');
        }
        out.push_str(&text);
    }
    out
}

/// Ruled tables on a page: sets of horizontal and vertical borders that touch, with at
/// least two columns (a plain box or a page frame is not a table).
fn find_grids(rules: &[Rule]) -> Vec<Grid> {
    let n = rules.len();
    if !(5..=4_000).contains(&n) {
        return Vec::new();
    }
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    const TOL: f64 = 2.0;
    for i in 0..n {
        for j in (i + 1)..n {
            let (a, b) = (&rules[i], &rules[j]);
            if a.horizontal == b.horizontal {
                continue;
            }
            let (h, v) = if a.horizontal { (a, b) } else { (b, a) };
            if h.from - TOL <= v.at && v.at <= h.to + TOL && v.from - TOL <= h.at && h.at <= v.to + TOL {
                let (ri, rj) = (root(&mut parent, i), root(&mut parent, j));
                parent[ri] = rj;
            }
        }
    }
    let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..n {
        let r = root(&mut parent, i);
        groups.entry(r).or_default().push(i);
    }
    let mut grids = Vec::new();
    let mut keys: Vec<usize> = groups.keys().copied().collect();
    keys.sort_unstable();
    for key in keys {
        let members = &groups[&key];
        let mut ys: Vec<f64> =
            members.iter().filter(|&&i| rules[i].horizontal).map(|&i| rules[i].at).collect();
        let verticals: Vec<Rule> =
            members.iter().filter(|&&i| !rules[i].horizontal).map(|&i| rules[i]).collect();
        ys.sort_by(|a, b| b.total_cmp(a));
        ys.dedup_by(|a, b| (*a - *b).abs() < 1.5);
        let mut xs: Vec<f64> = verticals.iter().map(|v| v.at).collect();
        xs.sort_by(f64::total_cmp);
        xs.dedup_by(|a, b| (*a - *b).abs() < 2.0);
        if ys.len() < 2 || xs.len() < 3 {
            continue;
        }
        grids.push(Grid { ys, verticals, x0: xs[0], x1: xs[xs.len() - 1] });
    }
    grids
}

fn median(mut v: Vec<f64>) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:[-—–－‐―─~·•\s]*\d{1,4}[-—–－‐―─~·•\s]*|第\s*\d{1,4}\s*页(?:\s*[,，/、]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4}|(?i:page)\s*\d{1,4}(?:\s*(?i:of)\s*\d{1,4})?)$",
    )
    .expect("page-number pattern")
});

/// A line's shape with digits blanked, so `第3页` and `第4页` compare equal.
fn shape(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).map(|c| if c.is_ascii_digit() { '#' } else { c }).collect()
}

/// Drops page numbers and running headers and footers: the first or last two lines of a
/// page whose shape repeats at the same end of most pages, and the first or last line
/// when it is a page number or set clearly smaller than the body text.
fn drop_running_lines(pages: &mut [Page]) {
    let n = pages.len();
    let mut top: HashMap<String, usize> = HashMap::new();
    let mut bottom: HashMap<String, usize> = HashMap::new();
    for p in pages.iter() {
        let k = p.lines.len();
        for l in p.lines.iter().take(2.min(k)) {
            *top.entry(shape(&l.text)).or_default() += 1;
        }
        for l in p.lines.iter().skip(k.saturating_sub(2)) {
            *bottom.entry(shape(&l.text)).or_default() += 1;
        }
    }
    let needed = (n / 2).max(2);
    for p in pages.iter_mut() {
        let k = p.lines.len();
        let body = median(p.lines.iter().map(|l| l.size).collect());
        let mut keep = vec![true; k];
        for (j, line) in p.lines.iter().enumerate() {
            let at_top = j < 2;
            let at_bottom = j + 2 >= k;
            if !(at_top || at_bottom) || k == 1 && n == 1 {
                continue;
            }
            let s = shape(&line.text);
            let repeated = n >= 2
                && ((at_top && top.get(&s).copied().unwrap_or(0) >= needed)
                    || (at_bottom && bottom.get(&s).copied().unwrap_or(0) >= needed));
            let edge = j == 0 || j + 1 == k;
            // Headers and footers are set smaller than the body; a page of one document
            // has no repetition to go by.
            let small_edge = edge && k >= 4 && !line.row && line.size <= 0.85 * body;
            if repeated || small_edge || (edge && PAGE_NUMBER.is_match(line.text.trim())) {
                keep[j] = false;
            }
        }
        let mut it = keep.iter();
        p.lines.retain(|_| *it.next().unwrap_or(&true));
    }
}

/// Drops a table's header row where a page break repeats it: the first row of a table at
/// the top of a page that is the same as the first row of the table before it.
fn drop_repeated_table_headers(pages: &mut [Page]) {
    let mut last_header: Option<String> = None;
    for p in pages.iter_mut() {
        let mut keep = vec![true; p.lines.len()];
        for (j, line) in p.lines.iter().enumerate() {
            if !line.first_row {
                continue;
            }
            let at_top = p.lines[..j].iter().all(|l| l.row);
            if at_top && last_header.as_deref() == Some(line.text.as_str()) {
                keep[j] = false;
            } else {
                last_header = Some(line.text.clone());
            }
        }
        let mut it = keep.iter();
        p.lines.retain(|_| *it.next().unwrap_or(&true));
    }
}

/// A table row that a page break split: the next page starts with a row whose first cell
/// is empty. Its cells are appended to the cells of the last row on the page before.
fn join_rows_split_by_pages(pages: &mut [Page]) {
    for i in 1..pages.len() {
        let (before, after) = pages.split_at_mut(i);
        let Some(prev) = before[i - 1].lines.last_mut() else { continue };
        let Some(first) = after[0].lines.first() else { continue };
        if !(prev.row && first.row && first.text.starts_with('\t')) {
            continue;
        }
        let mut cells: Vec<String> = prev.text.split('\t').map(str::to_string).collect();
        for (k, more) in first.text.split('\t').enumerate() {
            if k >= cells.len() {
                cells.push(String::new());
            }
            cells[k].push_str(more);
        }
        prev.text = cells.join("\t");
        after[0].lines.remove(0);
    }
}

static LIST_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[\s\u{3000}]*(?:第[一二三四五六七八九十百零〇\d]+[章节条部分篇]|[一二三四五六七八九十百]+\s*[、.．]|[(（]\s*[一二三四五六七八九十百\d]+\s*[)）]|\d{1,3}\s*[、．]|\d{1,3}\.[^\d]|[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]|[■●◆▲•·★☆○□◇]|附件|附表)",
    )
    .expect("list-marker pattern")
});

/// Characters that end a sentence or a clause.
fn ends_sentence(text: &str) -> bool {
    let t = text.trim_end();
    t.ends_with(['。', '！', '？', '；', '：', '!', '?', ';', ':', '…'])
        || ["。”", "。」", "。）", "！”", "？”"].iter().any(|e| t.ends_with(e))
}

/// The text block of a page: left and right edges of body lines and the body font size.
#[derive(Debug, Clone, Copy)]
struct Block {
    left: f64,
    right: f64,
    body: f64,
}

/// Whether `line` was wrapped by the page and its paragraph continues in `next`: the line
/// reaches the right edge, the next line is neither indented nor a heading or list item,
/// and both are set in the same size. A line that ends in sentence punctuation is joined
/// too when the geometry says the paragraph goes on (the sentence split is kept by the
/// punctuation itself); otherwise `（责任单位：` at a line end would lose its units.
/// Titles set in a larger size and centred are joined when they do not end a sentence.
fn wraps_into(line: &Line, next: &Line, block: Block) -> bool {
    if line.row || next.row || LIST_MARKER.is_match(&next.text) {
        return false;
    }
    let same_size = (line.size - next.size).abs() <= 0.08 * line.size.max(next.size);
    if !same_size {
        return false;
    }
    if line.size > block.body * 1.15 {
        // A multi-line title: centred lines of a display size.
        return !ends_sentence(&line.text);
    }
    // A line that stops well short of the right edge ended its paragraph.
    let slack = if ends_sentence(&line.text) { 1.2 } else { 2.5 };
    if line.right < block.right - slack * line.size {
        return false;
    }
    // An indented next line starts a new paragraph.
    next.left <= block.left + 1.2 * next.size
}

/// The text block of a page: the leftmost start and the 90th-percentile end among normal
/// lines, and their median font size.
fn block_of(p: &Page) -> Block {
    let lines: Vec<&Line> = p.lines.iter().filter(|l| !l.row).collect();
    if lines.is_empty() {
        return Block { left: 0.0, right: f64::INFINITY, body: f64::INFINITY };
    }
    let left = lines.iter().map(|l| l.left).fold(f64::INFINITY, f64::min);
    let right = percentile(lines.iter().map(|l| l.right).collect(), 0.9);
    let body = median(lines.iter().map(|l| l.size).collect());
    Block { left, right, body }
}

fn percentile(mut v: Vec<f64>, q: f64) -> f64 {
    v.sort_by(f64::total_cmp);
    let i = ((v.len() as f64 - 1.0) * q).round() as usize;
    v[i.min(v.len() - 1)]
}

/// Joins the pages' lines into one text, recording where each page starts.
fn join_pages(pages: &[Page]) -> (String, Vec<usize>) {
    let mut text = String::new();
    let mut chars = 0usize;
    let mut starts = Vec::with_capacity(pages.len());
    let mut prev: Option<(Line, Block)> = None;
    for p in pages {
        let block = block_of(p);
        let mut page_started = false;
        for line in &p.lines {
            if let Some((pl, pblock)) = &prev {
                // The previous line's page decides whether it reached the edge; a page
                // break also allows the new page's left edge.
                let left = if page_started { block.left } else { block.left.min(pblock.left) };
                let join = wraps_into(pl, line, Block { left, ..*pblock });
                if !join {
                    text.push('\n');
                    chars += 1;
                }
            }
            if !page_started {
                starts.push(chars);
                page_started = true;
            }
            text.push_str(&line.text);
            chars += line.text.chars().count();
            prev = Some((line.clone(), block));
        }
        if !page_started {
            // A blank page starts where the next text will go.
            starts.push(chars + usize::from(prev.is_some()));
        }
    }
    if !text.is_empty() {
        text.push('\n');
    }
    (text, starts)
}

#[cfg(test)]
mod tests {
    use super::*;

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

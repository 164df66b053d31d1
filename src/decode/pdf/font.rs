//! Fonts: what a font needs to turn shown bytes into text and advances (code spaces, CMaps
//! and `ToUnicode` maps, GBK and UCS-2 encodings, glyph names, widths).

use super::{num, MAX_STREAM};
use lopdf::{Dictionary, Document, Object};
use std::collections::HashMap;

/// What a font needs to turn shown bytes into text and advances.
pub(super) struct Font {
    pub(super) name: String,
    /// Code lengths in bytes from the CMap's code-space ranges: (length, low, high).
    codespace: Vec<(usize, Vec<u8>, Vec<u8>)>,
    /// Type0 fonts use multi-byte codes; simple fonts one byte.
    pub(super) composite: bool,
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
    pub(super) fn load(doc: &Document, name: &str, dict: &Dictionary) -> Font {
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
    pub(super) fn codes(&self, bytes: &[u8]) -> Vec<(u32, usize)> {
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

    pub(super) fn text(&self, code: u32, len: usize) -> Option<String> {
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

    pub(super) fn width(&self, code: u32) -> f64 {
        self.widths.get(&code).copied().filter(|w| *w > 0.0).unwrap_or(self.default_width) * self.scale
    }
}

/// Reads the code-space ranges and `bfchar`/`bfrange` entries of a CMap.
pub(super) fn parse_cmap(
    data: &[u8],
    map: &mut HashMap<u32, String>,
    codespace: &mut Vec<(usize, Vec<u8>, Vec<u8>)>,
) {
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
pub(super) fn glyph_name_to_text(name: &str) -> Option<String> {
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

pub(super) fn deref<'a>(doc: &'a Document, o: Option<&'a Object>) -> Option<&'a Object> {
    doc.dereference(o?).ok().map(|(_, o)| o)
}

pub(super) fn name_of(doc: &Document, o: Option<&Object>) -> Option<String> {
    match deref(doc, o)? {
        Object::Name(n) => Some(String::from_utf8_lossy(n).into_owned()),
        _ => None,
    }
}

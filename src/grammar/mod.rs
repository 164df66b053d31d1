//! The shared grammar of policy text, below the extractors: each piece once, with its tests.
//!
//! - [`numeral`]: one numeral (`1.2万`, `一百九十万零三千`, `叁仟`) read from a string;
//! - [`marker`]: list and heading markers (`一、` `(一)` `1.` `(1)` `①` `第一章`);
//! - [`time`]: years, deadlines, plan horizons, comparison bases, time words;
//! - [`table`]: text tables found once per document (rows × cells, headers, column kinds,
//!   flattened tables, merged cells, captions), which every extractor asks about a position
//!   instead of re-splitting lines;
//! - [`org`]: organisation names (`区发改委`, `各街道`), for table cells and actors.
//!
//! Extractors ask these; they do not re-parse the text for the same facts.

pub mod marker;
pub mod numeral;
pub mod org;
pub mod table;
pub mod time;

use crate::error::Result;
use crate::lexicon::Lexicons;

/// The grammar pieces that need lexicons, compiled once and shared by the stages.
#[derive(Debug)]
pub struct Grammar {
    pub time: time::TimeGrammar,
    pub tables: table::TableRules,
    pub org: org::OrgGrammar,
}

impl Grammar {
    /// Compiles the time words, table header words and organisation names.
    pub fn new(lex: &Lexicons) -> Result<Grammar> {
        Ok(Grammar {
            time: time::TimeGrammar::new(lex)?,
            tables: table::TableRules::new(lex)?,
            org: org::OrgGrammar::new(lex)?,
        })
    }
}

/// The non-blank lines of `text`, trimmed, as byte ranges (one pass; tables and duty
/// sections read text line by line).
pub fn lines(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut pos = 0;
    for l in text.split_inclusive('\n') {
        let start = pos;
        pos += l.len();
        let body = l.trim_end_matches(['\n', '\r']);
        let lead = body.len() - body.trim_start().len();
        let r = start + lead..start + body.trim_end().len();
        if !r.is_empty() {
            out.push(r);
        }
    }
    out
}

/// A Han character (CJK unified ideographs and extension A).
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}')
}

/// One of the ten digits that number Chinese list markers (`一、` … `十、`).
pub fn is_cn_digit(c: char) -> bool {
    matches!(c, '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十')
}

/// The character before byte `i` of `text`.
pub fn prev_char(text: &str, i: usize) -> Option<char> {
    text[..i].chars().next_back()
}

/// The character at byte `i` of `text`.
pub fn next_char(text: &str, i: usize) -> Option<char> {
    text[i..].chars().next()
}

/// The largest char boundary of `s` at or below `i`.
pub fn char_floor(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest char boundary of `s` at or above `i`.
pub fn char_ceil(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// The length of the UTF-8 character whose first byte is `b`.
pub fn utf8_len(b: u8) -> usize {
    match b {
        0xF0.. => 4,
        0xE0.. => 3,
        0xC0.. => 2,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_helpers() {
        let s = "一、甲";
        assert_eq!(char_floor(s, 1), 0);
        assert_eq!(char_ceil(s, 1), 3);
        assert_eq!(prev_char(s, 3), Some('一'));
        assert_eq!(next_char(s, 3), Some('、'));
        assert!(is_han('甲') && !is_han('、'));
        assert!(is_cn_digit('十') && !is_cn_digit('百'));
        assert_eq!(utf8_len("甲".as_bytes()[0]), 3);
    }
}

//! List and heading markers: `一、` `(一)` `第一章` `1.` `1、` `(1)` `①`. The structure stage
//! builds the heading hierarchy from them and the task stage finds where a task starts; both
//! read markers here, so they agree on what a marker is.

use super::{is_cn_digit, prev_char};
use std::ops::Range;

/// The shape of a marker; headings nest by kind, not by value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MarkerKind {
    /// `一、`
    CnComma,
    /// `(一)`
    CnParen,
    /// `第一章`, `第二部分`
    Chapter,
    /// `1.`
    NumDot,
    /// `1、`
    NumComma,
    /// `(1)`
    NumParen,
    /// `①`
    Circled,
}

/// A marker found at a position: its kind, its number and its byte range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    pub kind: MarkerKind,
    pub value: u32,
    pub range: Range<usize>,
}

/// The value of a Chinese number of one to three characters (`三`, `十二`, `二十`, `二十一`).
pub fn cn_value(s: &str) -> Option<u32> {
    let digit = |c: char| "〇一二三四五六七八九".chars().position(|d| d == c).map(|v| v as u32);
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        ['十'] => Some(10),
        [a] => digit(*a),
        ['十', b] => Some(10 + digit(*b)?),
        [a, '十'] => Some(digit(*a)? * 10),
        [a, '十', b] => Some(digit(*a)? * 10 + digit(*b)?),
        _ => None,
    }
}

/// The marker that starts at byte `at` of `text`, judged by its shape alone (callers decide
/// whether the place allows one: see [`at_boundary`]).
pub fn marker_at(text: &str, at: usize) -> Option<Marker> {
    let rest = text.get(at..)?;
    let first = rest.chars().next()?;
    let (kind, len, value) = match first {
        '(' => {
            let inner: String = rest[1..].chars().take_while(|&d| d != ')').take(4).collect();
            if !rest[1 + inner.len()..].starts_with(')') {
                return None;
            }
            let n = inner.chars().count();
            if (1..=2).contains(&n) && inner.bytes().all(|d| d.is_ascii_digit()) {
                (MarkerKind::NumParen, inner.len() + 2, inner.parse().ok()?)
            } else if (1..=3).contains(&n) && inner.chars().all(is_cn_digit) {
                (MarkerKind::CnParen, inner.len() + 2, cn_value(&inner)?)
            } else {
                return None;
            }
        }
        '①'..='⑳' => (MarkerKind::Circled, first.len_utf8(), first as u32 - '①' as u32 + 1),
        '0'..='9' => {
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            let after = &rest[digits..];
            let value = rest[..digits].parse().ok()?;
            if digits > 2 {
                return None;
            } else if after.starts_with('、') {
                (MarkerKind::NumComma, digits + '、'.len_utf8(), value)
            } else if after.starts_with('.') && !after[1..].starts_with(|c: char| c.is_ascii_digit()) {
                (MarkerKind::NumDot, digits + 1, value)
            } else if after.starts_with('﹒') {
                // The small full stop some PDFs and web pages print after a list number.
                (MarkerKind::NumDot, digits + '﹒'.len_utf8(), value)
            } else {
                return None;
            }
        }
        '第' => {
            let num: String = rest['第'.len_utf8()..].chars().take_while(|&c| is_cn_digit(c)).collect();
            let n = num.chars().count();
            let after = &rest['第'.len_utf8() + num.len()..];
            let unit = after.chars().next().filter(|c| "章部节篇".contains(*c))?;
            let mut len = '第'.len_utf8() + num.len() + unit.len_utf8();
            if after[unit.len_utf8()..].starts_with('分') {
                len += '分'.len_utf8();
            }
            if !(1..=3).contains(&n) {
                return None;
            }
            (MarkerKind::Chapter, len, cn_value(&num)?)
        }
        c if is_cn_digit(c) => {
            let num: String = rest.chars().take_while(|&c| is_cn_digit(c)).collect();
            if num.chars().count() > 3 || !rest[num.len()..].starts_with('、') {
                return None;
            }
            (MarkerKind::CnComma, num.len() + '、'.len_utf8(), cn_value(&num)?)
        }
        _ => return None,
    };
    Some(Marker { kind, value, range: at..at + len })
}

/// Whether a marker made of digits may start at byte `at`: at the text's start or after
/// white space or sentence punctuation, so that `建设3.5公里` and `第二、三季度` hold none.
pub fn at_boundary(text: &str, at: usize) -> bool {
    prev_char(text, at)
        .is_none_or(|p| p.is_whitespace() || matches!(p, '。' | ';' | ':' | ')' | '!' | '?' | '】'))
}

/// Markers whose first character is a digit (Arabic or Chinese) need [`at_boundary`];
/// bracketed and circled ones stand anywhere (flattened text glues them to what precedes).
pub fn needs_boundary(kind: MarkerKind) -> bool {
    matches!(kind, MarkerKind::NumDot | MarkerKind::NumComma | MarkerKind::CnComma | MarkerKind::Chapter)
}

/// The last marker inside `r` of `text` that may stand where it is.
pub fn last_marker(text: &str, r: Range<usize>) -> Option<Marker> {
    let mut best = None;
    for (i, _) in text[r.clone()].char_indices() {
        let at = r.start + i;
        if let Some(m) = marker_at(text, at) {
            if !needs_boundary(m.kind) || at_boundary(text, at) {
                best = Some(m);
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(t: &str) -> Vec<(&str, MarkerKind, u32)> {
        t.char_indices()
            .filter_map(|(i, _)| marker_at(t, i))
            .filter(|m| !needs_boundary(m.kind) || at_boundary(t, m.range.start))
            .map(|m| (&t[m.range.clone()], m.kind, m.value))
            .collect()
    }

    #[test]
    fn marker_shapes_and_values() {
        let got =
            kinds("概述。(3)完善机制。二、保障 4.落实 ①其一 3.5亿元 (十二)附则 第三章 总则 12、细项 5﹒推进");
        assert_eq!(
            got,
            vec![
                ("(3)", MarkerKind::NumParen, 3),
                ("二、", MarkerKind::CnComma, 2),
                ("4.", MarkerKind::NumDot, 4),
                ("①", MarkerKind::Circled, 1),
                ("(十二)", MarkerKind::CnParen, 12),
                ("第三章", MarkerKind::Chapter, 3),
                ("12、", MarkerKind::NumComma, 12),
                ("5﹒", MarkerKind::NumDot, 5),
            ]
        );
    }

    #[test]
    fn numbers_inside_sentences_are_no_markers() {
        assert!(kinds("建设3.5公里道路,完成123.项").is_empty());
        assert_eq!(cn_value("二十一"), Some(21));
        assert_eq!(cn_value("一一"), None);
        assert_eq!(last_marker("(1)甲。(2)乙", 0..15).map(|m| m.value), Some(2));
    }
}

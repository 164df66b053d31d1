//! Stage 2: a normalised copy of the text for matching, and the web boilerplate to skip.
//!
//! Normalisation is strictly one character for one character (full-width ASCII such as
//! `１２２`, `％`, `（`, `：` becomes `122`, `%`, `(`, `:`; ideographic and no-break spaces become
//! spaces), so a code-point offset means the same in both copies. Extractors match on
//! [`Text::norm`] with byte offsets and report through [`Text::span`] and
//! [`Text::original`], which give code points and the text exactly as written.

use crate::error::Result;
use crate::lexicon;
use regex::{Regex, RegexSet};
use std::ops::Range;

/// The decoded text, its normalised twin, and offset tables between bytes and code points.
#[derive(Debug, Clone)]
pub struct Text {
    orig: String,
    norm: String,
    /// Byte offset in `norm` of every code point, plus one entry for the end.
    norm_idx: Vec<u32>,
    /// The same for `orig`; `None` when `orig` and `norm` are byte-identical.
    orig_idx: Option<Vec<u32>>,
}

/// Maps one character to its normalised form (same count of characters).
pub fn normalize_char(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '\u{3000}' | '\u{00a0}' | '\u{2002}' | '\u{2003}' | '\u{2009}' | '\u{200b}' => ' ',
        _ => c,
    }
}

impl Text {
    /// Builds the normalised copy and offset tables. Offsets are `u32`: inputs are capped well
    /// below 4 GiB by the reader.
    pub fn new(orig: String) -> Text {
        let mut norm = String::with_capacity(orig.len());
        let mut norm_idx = Vec::with_capacity(orig.len() / 2 + 1);
        let mut changed = false;
        for c in orig.chars() {
            norm_idx.push(norm.len() as u32);
            let n = normalize_char(c);
            changed |= n != c;
            norm.push(n);
        }
        norm_idx.push(norm.len() as u32);
        let orig_idx = if changed {
            let mut idx: Vec<u32> = orig.char_indices().map(|(b, _)| b as u32).collect();
            idx.push(orig.len() as u32);
            Some(idx)
        } else {
            None
        };
        Text { orig, norm, norm_idx, orig_idx }
    }

    /// The text as decoded.
    pub fn orig(&self) -> &str {
        &self.orig
    }

    /// The normalised copy that extractors match on.
    pub fn norm(&self) -> &str {
        &self.norm
    }

    /// Number of code points.
    pub fn chars(&self) -> usize {
        self.norm_idx.len() - 1
    }

    /// Code-point index of a byte offset in `norm` (a char boundary, or the end).
    pub fn char_at(&self, byte: usize) -> usize {
        match self.norm_idx.binary_search(&(byte as u32)) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// Byte offset in `norm` of a code-point index.
    pub fn byte_at(&self, ch: usize) -> usize {
        self.norm_idx[ch.min(self.norm_idx.len() - 1)] as usize
    }

    /// The `[start, end)` code-point span of a byte range in `norm`.
    pub fn span(&self, r: Range<usize>) -> [usize; 2] {
        [self.char_at(r.start), self.char_at(r.end)]
    }

    /// The original text under a byte range of `norm`.
    pub fn original(&self, r: Range<usize>) -> &str {
        match &self.orig_idx {
            None => &self.orig[r],
            Some(idx) => {
                let (s, e) = (self.char_at(r.start), self.char_at(r.end));
                &self.orig[idx[s] as usize..idx[e] as usize]
            }
        }
    }
}

/// Line patterns for web boilerplate, compiled once from `dictionaries/boilerplate.txt`.
#[derive(Debug)]
pub struct CleanRules {
    line: RegexSet,
    tail: RegexSet,
    phone: Regex,
}

const BOILERPLATE: &str = include_str!("../dictionaries/boilerplate.txt");

impl CleanRules {
    /// Compiles the embedded patterns.
    pub fn new() -> Result<CleanRules> {
        let mut line = Vec::new();
        let mut tail = Vec::new();
        let rows = lexicon::parse_all("boilerplate.txt", BOILERPLATE, |row| {
            let (kind, pat) = row.text.split_once(char::is_whitespace).ok_or("expected KIND PATTERN")?;
            let pat = pat.trim();
            Regex::new(pat).map_err(|e| format!("bad pattern: {e}"))?;
            match kind {
                "line" => line.push(pat.to_string()),
                "tail" => {
                    line.push(pat.to_string());
                    tail.push(pat.to_string());
                }
                other => return Err(format!("unknown kind {other:?} (line or tail)")),
            }
            Ok(())
        })?;
        debug_assert!(!rows.is_empty());
        Ok(CleanRules {
            line: RegexSet::new(&line).expect("checked above"),
            tail: RegexSet::new(&tail).expect("checked above"),
            phone: Regex::new(r"(?:^|[^\d])(?:1[3-9]\d{9}|\d{3,4}[- ]\d{3,4}[- ]?\d{3,4})(?:[^\d]|$)")
                .expect("static regex"),
        })
    }

    /// Byte ranges of `norm` that are boilerplate, whole lines each.
    ///
    /// A line is boilerplate when a `line` pattern matches it, or when it carries a phone
    /// number and is short. After a `tail` line (上一篇, 相关推荐, 特别声明, ...) every
    /// following line is boilerplate too, unless a long prose paragraph follows (then the
    /// article was not over).
    pub fn boilerplate(&self, norm: &str) -> Vec<Range<usize>> {
        let mut lines = Vec::new();
        let mut pos = 0;
        for line in norm.split_inclusive('\n') {
            let body = line.trim_end_matches(['\n', '\r']);
            lines.push((pos..pos + body.len(), body.trim()));
            pos += line.len();
        }
        // prose_after[i]: some line after i reads as prose (computed once from the back, so
        // a page of many tail-like lines stays linear).
        let mut prose_after = vec![false; lines.len() + 1];
        for i in (0..lines.len()).rev() {
            prose_after[i] = prose_after[i + 1] || is_prose(lines[i].1);
        }
        let mut out: Vec<Range<usize>> = Vec::new();
        let mut tail_from: Option<usize> = None;
        for (i, (range, body)) in lines.iter().enumerate() {
            if body.is_empty() {
                continue;
            }
            let chars = body.chars().count();
            let is_tail = chars <= 80 && self.tail.is_match(body);
            if is_tail && tail_from.is_none() {
                let rest_is_short = !prose_after[i + 1];
                if rest_is_short {
                    tail_from = Some(i);
                }
            }
            let hit = tail_from.is_some()
                || (chars <= 120 && self.line.is_match(body))
                || (chars <= 60 && self.phone.is_match(body) && !body.contains('。'));
            if hit {
                out.push(range.clone());
            }
        }
        out
    }
}

/// A line that reads as article prose: long, with sentence punctuation.
fn is_prose(line: &str) -> bool {
    line.chars().count() > 60 && (line.contains('。') || line.contains(','))
}

/// The output of the clean stage.
#[derive(Debug)]
pub struct Cleaned {
    pub text: Text,
    /// Boilerplate byte ranges of `text.norm()`, sorted, whole lines.
    pub boilerplate: Vec<Range<usize>>,
}

impl Cleaned {
    /// True when the byte offset lies in boilerplate.
    pub fn is_boilerplate(&self, byte: usize) -> bool {
        let i = self.boilerplate.partition_point(|r| r.end <= byte);
        self.boilerplate.get(i).is_some_and(|r| r.start <= byte && byte < r.end)
    }
}

/// Runs the clean stage.
pub fn clean(text: String, rules: &CleanRules) -> Cleaned {
    let text = Text::new(text);
    let boilerplate = rules.boilerplate(text.norm());
    Cleaned { text, boilerplate }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalisation_keeps_code_points() {
        let t = Text::new("投资１２２亿元（工业）：％".to_string());
        assert_eq!(t.norm(), "投资122亿元(工业):%");
        assert_eq!(t.chars(), 12);
        let b = t.norm().find("122").unwrap();
        assert_eq!(t.span(b..b + 3), [2, 5]);
        assert_eq!(t.original(b..b + 3), "１２２");
        let p = t.norm().find("(工业)").unwrap();
        assert_eq!(t.original(p..p + "(工业)".len()), "（工业）");
    }

    #[test]
    fn boilerplate_lines_and_tail() {
        let rules = CleanRules::new().unwrap();
        let text = "标题\n全镇实现区级财政收入同比增长10%,全社会固定资产投资122亿元,社会消费品零售总额同比增长8%,各项工作稳步推进。\n扫一扫关注公众号\n特别声明:本文为自媒体作者上传并发布\n某地发生一件事\n另一条新闻标题\n";
        let c = clean(text.to_string(), &rules);
        let skipped: Vec<&str> = c.boilerplate.iter().map(|r| &c.text.norm()[r.clone()]).collect();
        assert_eq!(
            skipped,
            vec![
                "扫一扫关注公众号",
                "特别声明:本文为自媒体作者上传并发布",
                "某地发生一件事",
                "另一条新闻标题"
            ]
        );
        assert!(!c.is_boilerplate(0));
    }

    #[test]
    fn phone_ad_lines() {
        let rules = CleanRules::new().unwrap();
        let c = clean("厂房租售:13524678515\n共有8个社区。\n".to_string(), &rules);
        assert_eq!(c.boilerplate.len(), 1);
    }
}

//! Stage 2: a normalised copy of the text for matching, and the web boilerplate to skip.
//!
//! Normalisation is strictly one character for one character (full-width ASCII such as
//! `１２２`, `％`, `（`, `：` becomes `122`, `%`, `(`, `:`; ideographic and no-break spaces become
//! spaces), so a code-point offset means the same in both copies. Extractors match on
//! [`Text::norm`] with byte offsets and report through [`Text::span`] and
//! [`Text::original`], which give code points and the text exactly as written.

use crate::error::Result;
use crate::lexicon::{self, BoilerplateKind, Lexicons};
use regex::{Regex, RegexSet};
use std::ops::Range;

/// The decoded text, its normalised twin, and offset tables between bytes and code points.
///
/// The tables keep one byte offset every `STRIDE` code points (not one per code point,
/// which cost 4 bytes a character, twice, on a 100 MB input); a lookup binary-searches
/// the checkpoints and then walks at most `STRIDE` characters.
#[derive(Debug, Clone)]
pub struct Text {
    orig: String,
    norm: String,
    /// Number of code points.
    chars: usize,
    /// Byte offset in `norm` of code point `k * STRIDE`, for every such `k`.
    norm_ck: Vec<u32>,
    /// The same for `orig`; `None` when `orig` and `norm` are byte-identical.
    orig_ck: Option<Vec<u32>>,
}

/// Code points between two offset checkpoints of [`Text`].
const STRIDE: usize = 32;

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
        let mut norm_ck = Vec::with_capacity(orig.len() / (2 * STRIDE) + 1);
        let mut orig_ck = Vec::with_capacity(orig.len() / (2 * STRIDE) + 1);
        let mut changed = false;
        let mut chars = 0;
        // Unchanged characters are copied in runs (`orig[copied..b]` is pending), not one
        // `push` at a time: most of a document needs no folding.
        let mut copied = 0;
        for (b, c) in orig.char_indices() {
            if chars % STRIDE == 0 {
                norm_ck.push((norm.len() + b - copied) as u32);
                orig_ck.push(b as u32);
            }
            chars += 1;
            let n = normalize_char(c);
            if n != c {
                changed = true;
                norm.push_str(&orig[copied..b]);
                norm.push(n);
                copied = b + c.len_utf8();
            }
        }
        norm.push_str(&orig[copied..]);
        Text { orig, norm, chars, norm_ck, orig_ck: changed.then_some(orig_ck) }
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
        self.chars
    }

    /// Code-point index of a byte offset in `norm` (a char boundary, or the end). A byte
    /// inside a character gives that character; past the end gives [`Text::chars`].
    pub fn char_at(&self, byte: usize) -> usize {
        if byte >= self.norm.len() {
            return self.chars;
        }
        let k = self.norm_ck.partition_point(|&o| o as usize <= byte).saturating_sub(1);
        let from = self.norm_ck.get(k).map_or(0, |&o| o as usize);
        let starts = self.norm.as_bytes()[from..=byte].iter().filter(|&&b| (b & 0xc0) != 0x80).count();
        k * STRIDE + starts.saturating_sub(1)
    }

    /// Byte offset in `norm` of a code-point index (past the end: the length of `norm`).
    pub fn byte_at(&self, ch: usize) -> usize {
        byte_of(&self.norm, &self.norm_ck, ch, self.chars)
    }

    /// The `[start, end)` code-point span of a byte range in `norm`.
    pub fn span(&self, r: Range<usize>) -> [usize; 2] {
        [self.char_at(r.start), self.char_at(r.end)]
    }

    /// The original text under a byte range of `norm`.
    pub fn original(&self, r: Range<usize>) -> &str {
        match &self.orig_ck {
            None => &self.orig[r],
            Some(ck) => {
                let (s, e) = (self.char_at(r.start), self.char_at(r.end));
                &self.orig[byte_of(&self.orig, ck, s, self.chars)..byte_of(&self.orig, ck, e, self.chars)]
            }
        }
    }
}

/// Byte offset in `text` of code point `ch`, from the checkpoints of [`Text`].
fn byte_of(text: &str, ck: &[u32], ch: usize, chars: usize) -> usize {
    if ch >= chars {
        return text.len();
    }
    let from = ck[ch / STRIDE] as usize;
    text[from..].char_indices().nth(ch % STRIDE).map_or(text.len(), |(o, _)| from + o)
}

/// Line patterns for web boilerplate, compiled once from `dictionaries/boilerplate.txt`.
#[derive(Debug)]
pub struct CleanRules {
    line: RegexSet,
    tail: RegexSet,
    keep: RegexSet,
    phone: Regex,
}

impl CleanRules {
    /// Compiles the patterns of `boilerplate.txt`.
    pub fn new(lex: &Lexicons) -> Result<CleanRules> {
        let of = |kinds: &[BoilerplateKind]| -> Vec<&str> {
            lex.boilerplate.iter().filter(|r| kinds.contains(&r.kind)).map(|r| r.pattern.as_str()).collect()
        };
        let set = |kinds: &[BoilerplateKind]| {
            RegexSet::new(of(kinds)).map_err(|e| lexicon::file_error("boilerplate.txt", e))
        };
        Ok(CleanRules {
            line: set(&[BoilerplateKind::Line, BoilerplateKind::Tail])?,
            tail: set(&[BoilerplateKind::Tail])?,
            keep: set(&[BoilerplateKind::Keep])?,
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
        // prose_after[i]: some line after line i reads as prose. Computed once from the end,
        // so many tail-like lines in a long page cost linear time, not quadratic.
        let mut prose_after = vec![false; lines.len()];
        for i in (0..lines.len().saturating_sub(1)).rev() {
            let next = lines[i + 1].1;
            prose_after[i] = prose_after[i + 1] || (is_prose(next) && !self.line.is_match(next));
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
                let rest_is_short = !prose_after[i];
                if rest_is_short {
                    tail_from = Some(i);
                }
            }
            let hit = tail_from.is_some()
                || (chars <= 120 && self.line.is_match(body) && !self.keep.is_match(body))
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
        assert_eq!(t.chars(), 13);
        let b = t.norm().find("122").unwrap();
        assert_eq!(t.span(b..b + 3), [2, 5]);
        assert_eq!(t.original(b..b + 3), "１２２");
        let p = t.norm().find("(工业)").unwrap();
        assert_eq!(t.original(p..p + "(工业)".len()), "（工业）");
    }

    #[test]
    fn run_copy_normalisation_matches_per_char() {
        let orig = "ab１\u{3000}c\u{a0}投资（一）end％";
        let t = Text::new(orig.to_string());
        let naive: String = orig.chars().map(normalize_char).collect();
        assert_eq!(t.norm(), naive);
        for (ch, (b, _)) in naive.char_indices().enumerate() {
            assert_eq!(t.byte_at(ch), b);
        }
        assert_eq!(t.byte_at(t.chars()), naive.len());
        // Across many checkpoints, with characters of every width, and bytes inside them.
        let long: String = (0..300).map(|i| ["a", "（", "€", "𠀀", "１", "政"][i % 6]).collect();
        let t = Text::new(long.clone());
        let norm: String = long.chars().map(normalize_char).collect();
        let starts: Vec<usize> = norm.char_indices().map(|(b, _)| b).collect();
        assert_eq!(t.chars(), 300);
        for byte in 0..=norm.len() + 2 {
            let want = starts.partition_point(|&s| s <= byte).saturating_sub(1);
            let want = if byte >= norm.len() { 300 } else { want };
            assert_eq!(t.char_at(byte), want, "byte {byte}");
        }
        for (ch, &b) in starts.iter().enumerate() {
            assert_eq!(t.byte_at(ch), b);
            let next = starts.get(ch + 1).copied().unwrap_or(norm.len());
            assert_eq!(t.original(b..next), long.chars().nth(ch).unwrap().to_string());
        }
        let plain = Text::new("没有全角字符".to_string());
        assert_eq!(plain.original(0..plain.norm().len()), "没有全角字符");
    }

    #[test]
    fn boilerplate_lines_and_tail() {
        let rules = CleanRules::new(&Lexicons::embedded().unwrap()).unwrap();
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
    fn task_table_rows_are_not_navigation() {
        let rules = CleanRules::new(&Lexicons::embedded().unwrap()).unwrap();
        let text = "首页 | 新闻 | 政务公开 | 互动交流\n序号 | 任务 | 责任单位 | 完成时限\n1 | 建设公园 | 城建办 | 年底\n";
        let c = clean(text.to_string(), &rules);
        assert_eq!(c.boilerplate.len(), 1, "only the navigation bar");
        assert!(c.is_boilerplate(0));
    }

    #[test]
    fn phone_ad_lines() {
        let rules = CleanRules::new(&Lexicons::embedded().unwrap()).unwrap();
        let c = clean("厂房租售:13524678515\n共有8个社区。\n".to_string(), &rules);
        assert_eq!(c.boilerplate.len(), 1);
    }
}

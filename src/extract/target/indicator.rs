//! The indicator of a quantity: the noun phrase the number measures, found by walking the
//! jieba tokens left of the number (over link words and comparison bases), or right of it
//! for counts (`新建3所学校`).

use super::{Quantity, TargetRules, MAX_INDICATOR_CHARS, MAX_INDICATOR_TOKENS};
use crate::grammar::time::{is_duration, TimeGrammar};
use crate::lexicon::StopRole;
use crate::segment::Token;
use std::ops::Range;

impl TargetRules {
    /// The indicator: a noun phrase right before the number (after link words), or, for
    /// counts (`3所学校`) and when nothing stands before, right after it. Returns the range
    /// and whether it was found after the number.
    pub(super) fn indicator(
        &self,
        norm: &str,
        time: &TimeGrammar,
        tokens: &[Token],
        q: &Quantity,
        left_limit: usize,
        right_limit: usize,
    ) -> (Option<Range<usize>>, bool) {
        let count = self.is_classifier(&q.unit);
        let share_like = q.unit.ends_with('%');
        let left = self
            .walk_left(norm, time, tokens, q.range.start, left_limit, share_like)
            .or_else(|| quoted_before(norm, q.range.start, left_limit));
        let right = self.walk_right(norm, tokens, q.range.end, right_limit, left.is_none());
        match (left, right) {
            // `菊泉街8个居民区`: a count names what it counts after itself, unless a verb
            // or 的 follows (`重大项目7个,` has no noun after).
            (Some(_), Some(r)) if count => (Some(r), true),
            (Some(l), _) => (Some(l), false),
            (None, Some(r)) => (Some(r), true),
            (None, None) => (None, false),
        }
    }

    /// Walks left from `end` over link words, then collects a noun phrase.
    pub(super) fn walk_left(
        &self,
        norm: &str,
        time: &TimeGrammar,
        tokens: &[Token],
        end: usize,
        limit: usize,
        share_like: bool,
    ) -> Option<Range<usize>> {
        // Tokens wholly inside [limit, end).
        let hi = tokens.partition_point(|t| t.range.end <= end);
        let lo = tokens.partition_point(|t| t.range.start < limit);
        if lo >= hi {
            return None;
        }
        let toks = &tokens[lo..hi];
        let mut i = toks.len();
        // Skip link words (and 的 in `占全镇总量的52%`), and a comparison base among them
        // (`比2020年翻一番`, `较去年同期提高`).
        loop {
            while i > 0 {
                let t = &toks[i - 1];
                // A stray space (`达到 287.9亿元`) links like nothing at all.
                let blank = t.word.trim().is_empty();
                if blank || self.role(t.word) == Some(StopRole::Link) || (share_like && t.word == "的") {
                    i -= 1;
                } else {
                    break;
                }
            }
            match comparison_base(time, &toks[..i]).or_else(|| change_start(&toks[..i])) {
                Some(n) => i -= n,
                // `企业数量三年增长50%`, `两年翻一番`: the span of time, not the indicator.
                None if i > 0 && is_duration(toks[i - 1].word) => i -= 1,
                None => break,
            }
        }
        let head_end = i;
        let mut start = None;
        let mut n = 0;
        let mut chars = 0;
        while i > 0 && n < MAX_INDICATOR_TOKENS {
            let t = &toks[i - 1];
            if t.word == ")" {
                // Take a balanced `(…)` group as part of the phrase: `新增产值(营收)`.
                let open = toks[..i - 1].iter().rposition(|x| x.word == "(");
                match open {
                    Some(o) if i - 1 - o <= 4 => {
                        chars += norm[toks[o].range.start..t.range.end].chars().count();
                        start = Some(toks[o].range.start);
                        i = o;
                        n += 1;
                        continue;
                    }
                    _ => break,
                }
            }
            let head = start.is_none();
            // `占比` comes as `占/比`; `项目计划` has a noun 计划 as its head.
            if head && t.word == "比" && i >= 2 && toks[i - 2].word == "占" {
                chars += 2;
                start = Some(toks[i - 2].range.start);
                n += 2;
                i -= 2;
                continue;
            }
            let noun_head = head && is_noun(t.tag) && i >= 2 && is_noun(toks[i - 2].tag);
            // A verb inside a compound (`公共/预算/收入`, `新增/就业/岗位`) follows a modifier or
            // the leading verb; one at the clause start leads the clause (`筹集/住房`).
            // A verb inside a compound (`公共/预算/收入`, `可/支配/收入`): one listed as a noun,
            // or one with a modifier or noun before it. One at the clause start leads the
            // clause (`筹集/住房`).
            let inner_verb = !head
                && is_verb(t.tag)
                && matches!(self.role(t.word), None | Some(StopRole::Noun))
                && (self.role(t.word) == Some(StopRole::Noun)
                    || (i >= 2
                        && toks[i - 2].range.start >= limit
                        && (is_verb(toks[i - 2].tag) || self.nounish(&toks[i - 2], false, 2))));
            if !noun_head && !inner_verb && !self.nounish(t, head, chars) {
                break;
            }
            let c = t.word.chars().count();
            if chars + c > MAX_INDICATOR_CHARS {
                break;
            }
            chars += c;
            start = Some(t.range.start);
            n += 1;
            i -= 1;
        }
        let start = start?;
        let mut end_byte = toks[head_end - 1].range.end;
        // Drop a trailing `(` left without its `)`.
        while norm[start..end_byte].ends_with('(') {
            end_byte -= 1;
        }
        // `X占Y的比重`: the share is of X in Y; name it whole.
        if matches!(&norm[start..end_byte], "比重" | "比例" | "份额") && i >= 2 && toks[i - 1].word == "的"
        {
            if let Some(z) = toks[..i - 1].iter().rposition(|t| t.word == "占") {
                if i - 1 - z <= MAX_INDICATOR_TOKENS {
                    if let Some(subject) = self.walk_left(norm, time, toks, toks[z].range.start, limit, false)
                    {
                        return Some(subject.start..end_byte);
                    }
                }
            }
        }
        // `X占Y比重` without 的: the walk stopped at 占; name the share whole too.
        let phrase = &norm[start..end_byte];
        if ["比重", "比例", "份额"].iter().any(|w| phrase.ends_with(w)) && i > 0 && toks[i - 1].word == "占"
        {
            if let Some(subject) = self.walk_left(norm, time, toks, toks[i - 1].range.start, limit, false) {
                return Some(subject.start..end_byte);
            }
        }
        // `占全镇总量的`: keep 占 with a share phrase.
        if i > 0 && toks[i - 1].word == "占" && share_like {
            return Some(toks[i - 1].range.start..end_byte);
        }
        (start < end_byte).then_some(start..end_byte)
    }

    /// Walks right from `start`: skips comparator words (and 的 when `after_de`), then
    /// collects a noun phrase (quoted names are taken whole).
    fn walk_right(
        &self,
        norm: &str,
        tokens: &[Token],
        start: usize,
        limit: usize,
        after_de: bool,
    ) -> Option<Range<usize>> {
        let lo = tokens.partition_point(|t| t.range.start < start);
        let hi = tokens.partition_point(|t| t.range.end <= limit);
        if lo >= hi {
            return None;
        }
        let toks = &tokens[lo..hi];
        let mut i = 0;
        while i < toks.len() {
            let w = toks[i].word;
            let comparator = matches!(w, "以上" | "以下" | "以内" | "左右" | "余" | "多");
            if comparator || (after_de && w == "的") {
                i += 1;
            } else {
                break;
            }
        }
        let quoted = i < toks.len() && matches!(toks[i].word, "“" | "\"" | "\u{2018}");
        if quoted {
            let close = toks[i + 1..].iter().position(|t| matches!(t.word, "”" | "\"" | "\u{2019}"))?;
            let r = toks[i + 1].range.start..toks[i + 1 + close].range.start;
            return (!r.is_empty() && norm[r.clone()].chars().count() <= MAX_INDICATOR_CHARS).then_some(r);
        }
        let first = i;
        let mut chars = 0;
        let mut n = 0;
        while i < toks.len() && n < MAX_INDICATOR_TOKENS {
            let t = &toks[i];
            // Verbs may stand inside a compound (`处理能力`) but not lead it.
            // After the number a verb between nouns is a predicate (`服务站/作为/载体`) unless
            // it is listed as a noun (`创新/科研团队`).
            let inner_verb = i == first
                && is_verb(t.tag)
                && self.role(t.word) == Some(StopRole::Noun)
                && toks.get(i + 1).is_some_and(|x| is_noun(x.tag) && self.role(x.word).is_none());
            let ok = if i == first {
                !is_verb(t.tag) && self.nounish(t, false, 2)
            } else {
                self.nounish(t, false, chars)
            };
            if !ok && !inner_verb {
                break;
            }
            let c = t.word.chars().count();
            if chars + c > MAX_INDICATOR_CHARS {
                break;
            }
            chars += c;
            n += 1;
            i += 1;
        }
        // A phrase must end on a noun, not a verb (`企业办理` -> `企业`).
        while i > first && (is_verb(toks[i - 1].tag) || matches!(toks[i - 1].tag, "a" | "d" | "ad")) {
            i -= 1;
        }
        (i > first).then(|| toks[first].range.start..toks[i - 1].range.end)
    }

    /// Whether a token may be part of an indicator. Verbs only as the head (`投资`,
    /// `设置率`'s 设置 when the head is a one-character suffix).
    fn nounish(&self, t: &Token, is_head: bool, chars_so_far: usize) -> bool {
        match self.role(t.word) {
            Some(StopRole::Noun) => return true,
            Some(_) => return false,
            None => {}
        }
        // Words only (`5G` and `PM2.5` count: they have a letter).
        let has_letter = t.word.chars().any(char::is_alphabetic);
        if !has_letter || !t.word.chars().all(|c| c.is_alphanumeric() || c == '.' || c == '&') {
            return false;
        }
        if t.word.chars().all(is_cjk_numeral) {
            return false;
        }
        let tag = t.tag;
        if is_verb(tag) {
            return is_head || chars_so_far <= 1;
        }
        is_noun(tag)
            || matches!(
                tag,
                "a" | "b"
                    | "j"
                    | "l"
                    | "i"
                    | "s"
                    | "z"
                    | "k"
                    | "h"
                    | "q"
                    | "ng"
                    | "g"
                    | "zg"
                    | "x"
                    | "eng"
                    | "an"
            )
    }
}

/// A quoted term right before `end` names what is counted (`建成“一刻钟便民生活圈”10个`,
/// `“跨省通办”事项150项` is read by the noun rules): the text inside the quotes.
fn quoted_before(norm: &str, end: usize, limit: usize) -> Option<Range<usize>> {
    let before = norm.get(limit..end)?.trim_end_matches(' ');
    let inner_end = limit + before.strip_suffix(['”', '"'])?.len();
    let inner_start = limit + norm[limit..inner_end].rfind(['“', '"'])?;
    let inner_start = inner_start + norm[inner_start..].chars().next()?.len_utf8();
    let inner = &norm[inner_start..inner_end];
    let n = inner.chars().count();
    ((2..=16).contains(&n) && !inner.contains([',', '。', ';', ':', '、'])).then_some(inner_start..inner_end)
}

/// How many tokens at the end of `toks` make a comparison base: `比2020年`, `较上年`,
/// `较去年同期`, `与上年同期`.
fn comparison_base(time: &TimeGrammar, toks: &[Token]) -> Option<usize> {
    let mut j = toks.len();
    if j > 0 && toks[j - 1].word == "同期" {
        j -= 1;
    }
    let w = toks.get(j.checked_sub(1)?)?.word;
    let year = |w: &str| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit());
    if time.is_base_period(w) {
        j -= 1;
    } else if w == "年" && j >= 2 && year(toks[j - 2].word) {
        j -= 2;
    } else if w.strip_suffix('年').is_some_and(year) {
        j -= 1;
    } else {
        return None;
    }
    let p = toks.get(j.checked_sub(1)?)?.word;
    time.is_base_marker(p).then_some(toks.len() - (j - 1))
}

/// How many tokens at the end of `toks` open a change: `由`, `从`, `由2020年的`,
/// `从2020年底的` (`森林覆盖率由2020年的60%提高到63%`).
fn change_start(toks: &[Token]) -> Option<usize> {
    let word = |j: usize| j.checked_sub(1).and_then(|k| toks.get(k)).map(|t| t.word);
    let year = |w: &str| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit());
    let mut j = toks.len();
    if word(j) == Some("的") {
        j -= 1;
    }
    if matches!(word(j), Some("底" | "末")) {
        j -= 1;
    }
    match word(j) {
        Some("年") if word(j - 1).is_some_and(year) => j -= 2,
        Some(w) if w.strip_suffix('年').is_some_and(year) || w.strip_suffix("年底").is_some_and(year) => {
            j -= 1
        }
        _ => {}
    }
    (j < toks.len() && matches!(word(j), Some("由" | "从"))).then(|| toks.len() - (j - 1))
}

/// Whether the words after a counted noun make it the frame of an existence statement:
/// `(先后/已/共)有` follows (`18个村先后有17名书记`).
pub(super) fn is_frame(tokens: &[Token], end: usize) -> bool {
    let i = tokens.partition_point(|t| t.range.start < end);
    for t in tokens[i..].iter().take(3) {
        match t.word {
            "有" | "已有" | "共有" | "均有" | "都有" | "就有" | "先后有" => return true,
            "先后" | "已" | "共" | "均" | "都" | "就" | "还" | "中" => continue,
            _ => return false,
        }
    }
    false
}

/// The tag of a piece cut off a token after a number: a locative (`18人中`) or a noun.
pub(super) fn rest_tag(piece: &str) -> &'static str {
    let mut cs = piece.chars();
    match (cs.next(), cs.next()) {
        (Some(c), None) if "中内外上下里前后间".contains(c) => "f",
        _ => "n",
    }
}

pub(super) fn is_verb(tag: &str) -> bool {
    tag.starts_with('v') && tag != "vn"
}

pub(super) fn is_noun(tag: &str) -> bool {
    tag.starts_with('n') || tag == "vn"
}

pub(super) fn is_cjk_numeral(c: char) -> bool {
    "零〇一二两三四五六七八九十百千万亿半几".contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rest_tags() {
        assert_eq!(rest_tag("中"), "f");
        assert_eq!(rest_tag("村"), "n");
        assert_eq!(rest_tag("居民区"), "n");
    }
}

//! Targets: what each quantity measures (`indicator`), whether it is growth, share or level,
//! whether it is planned, achieved or a plain fact, and the year it is for.
//!
//! Everything works on the jieba tokens of the quantity's sentence and on the plain-text
//! lexicons in `dictionaries/` (`status_words.txt`, `indicator_stop.txt`, `classifiers.txt`,
//! `measure_cues.txt`), so the rules follow the grammar of policy language, not the wording
//! of particular documents. Work per quantity is bounded by the sentence length, which the
//! structure stage caps.

use super::number::{table_row, Quantity, TableRow};
use super::Context;
use crate::document::{Measure, Status};
use crate::error::Result;
use crate::lexicon;
use crate::segment::Token;
use aho_corasick::{AhoCorasick, MatchKind};
use rustc_hash::FxHashMap as HashMap;
use std::cell::RefCell;
use std::ops::Range;

const STATUS_WORDS: &str = include_str!("../../dictionaries/status_words.txt");
const INDICATOR_STOP: &str = include_str!("../../dictionaries/indicator_stop.txt");
const CLASSIFIERS: &str = include_str!("../../dictionaries/classifiers.txt");
const MEASURE_CUES: &str = include_str!("../../dictionaries/measure_cues.txt");

/// Most tokens an indicator may span, and most characters; indicators are short noun phrases.
const MAX_INDICATOR_TOKENS: usize = 7;
const MAX_INDICATOR_CHARS: usize = 24;
/// Bytes before a number searched for its year, and tokens around it kept for the walks.
const YEAR_WINDOW: usize = 600;
const TOKEN_WINDOW: usize = 400;
/// Bytes of sentence around a clause searched for status cues.
const CUE_WINDOW: usize = 1200;

/// A quantity with its meaning; byte ranges into the normalised text.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetDraft {
    pub quantity: Quantity,
    /// The clause it stands in.
    pub clause: Range<usize>,
    pub indicator: Option<Range<usize>>,
    pub measure: Measure,
    pub status: Status,
    pub year: Option<i32>,
}

/// How sure a status cue is: a strong cue decides alone, a weak one only without strong ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Strength {
    Strong,
    Weak,
}

/// The role of a word next to an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum StopRole {
    /// Skipped when it stands between the indicator and the number (`达到`, `同比`).
    Link,
    /// Ends the indicator (`实现`, `力争`).
    Stop,
    /// Tagged a verb but a noun inside an indicator (`预算`, `投入`).
    Noun,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cue {
    Growth,
    Share,
}

/// One status cue found in a sentence.
#[derive(Debug, Clone, Copy)]
struct StatusHit {
    pos: usize,
    status: Status,
    strength: Strength,
}

/// Lexicons of the target stage, built once.
#[derive(Debug)]
pub struct TargetRules {
    /// Status cues by word.
    status: HashMap<String, (Status, Strength)>,
    /// Multi-character status cues, found inside longer tokens too.
    status_ac: AhoCorasick,
    status_ac_words: Vec<(Status, Strength)>,
    /// Words in section headings and document titles, review words first.
    heading_words: Vec<(String, Status)>,
    title_words: Vec<(String, Status)>,
    stop: HashMap<String, StopRole>,
    classifiers: Vec<String>,
    cues: HashMap<String, Cue>,
    /// [`CURRENT_WORDS`] then [`LAST_YEAR_WORDS`], found in one pass over a sentence.
    time_ac: AhoCorasick,
}

/// Words that put a sentence in the document's own year (`全年`, `截至6月`).
const CURRENT_WORDS: [&str; 7] = ["全年", "年内", "今年", "本年", "截至", "截止", "目前"];
/// Words that put it in the year before (`过去一年` in a 2024 report reviews 2023).
const LAST_YEAR_WORDS: [&str; 3] = ["去年", "上年", "过去一年"];

fn parse_status(s: &str) -> std::result::Result<Status, String> {
    match s {
        "target" => Ok(Status::Target),
        "achieved" => Ok(Status::Achieved),
        "fact" => Ok(Status::Fact),
        _ => Err(format!("{s:?} is not target, achieved or fact")),
    }
}

impl TargetRules {
    pub fn new() -> Result<TargetRules> {
        let rows = lexicon::parse_all("status_words.txt", STATUS_WORDS, |row| {
            let f: Vec<&str> = row.fields().collect();
            let [w, class, strength] = f.as_slice() else {
                return Err("expected `WORD CLASS STRENGTH`".into());
            };
            let strength = match *strength {
                "strong" => Some(Strength::Strong),
                "weak" => Some(Strength::Weak),
                "heading" => None,
                "title" => None,
                s => return Err(format!("{s:?} is not strong, weak, heading or title")),
            };
            Ok((w.to_string(), parse_status(class)?, strength, strength.is_none() && f[2] == "heading"))
        })?;
        // Review words before plan words, as listed.
        let mut heading_words = Vec::new();
        let mut title_words = Vec::new();
        let mut status: HashMap<String, (Status, Strength)> = HashMap::default();
        for (w, class, strength, heading) in rows {
            match strength {
                Some(st) => {
                    status.insert(w, (class, st));
                }
                None if heading => heading_words.push((w, class)),
                None => title_words.push((w, class)),
            }
        }
        heading_words.sort_by_key(|(_, c)| *c != Status::Achieved);
        title_words.sort_by_key(|(_, c)| *c != Status::Achieved);
        let mut multi: Vec<(&String, &(Status, Strength))> =
            status.iter().filter(|(w, _)| w.chars().count() >= 2).collect();
        multi.sort_by(|a, b| a.0.cmp(b.0));
        let status_ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(multi.iter().map(|(w, _)| w.as_str()))
            .map_err(|e| crate::error::Error::Dictionary {
                file: "status_words.txt".into(),
                line: 0,
                reason: e.to_string(),
            })?;
        let status_ac_words = multi.iter().map(|(_, v)| **v).collect();

        let stop = lexicon::parse_all("indicator_stop.txt", INDICATOR_STOP, |row| {
            let f: Vec<&str> = row.fields().collect();
            let [w, role] = f.as_slice() else { return Err("expected `WORD ROLE`".into()) };
            let role = match *role {
                "link" => StopRole::Link,
                "stop" => StopRole::Stop,
                "noun" => StopRole::Noun,
                r => return Err(format!("{r:?} is not link, noun or stop")),
            };
            Ok((w.to_string(), role))
        })?
        .into_iter()
        .collect();

        let mut classifiers: Vec<String> = lexicon::rows(CLASSIFIERS)
            .flat_map(|r| r.fields().map(str::to_string).collect::<Vec<_>>())
            .collect();
        classifiers.sort();
        classifiers.dedup();

        let cues = lexicon::parse_all("measure_cues.txt", MEASURE_CUES, |row| {
            let f: Vec<&str> = row.fields().collect();
            let [w, kind] = f.as_slice() else { return Err("expected `WORD KIND`".into()) };
            let kind = match *kind {
                "growth" => Cue::Growth,
                "share" => Cue::Share,
                k => return Err(format!("{k:?} is not growth or share")),
            };
            Ok((w.to_string(), kind))
        })?
        .into_iter()
        .collect();

        let time_ac =
            AhoCorasick::new(CURRENT_WORDS.iter().chain(&LAST_YEAR_WORDS)).expect("static time words");
        Ok(TargetRules {
            time_ac,
            status,
            status_ac,
            status_ac_words,
            heading_words,
            title_words,
            stop,
            classifiers,
            cues,
        })
    }

    /// Gives every quantity its meaning, in text order. Quantities without a unit are not
    /// targets (bare numbers) and are dropped.
    pub fn extract(&self, ctx: &Context, quantities: Vec<Quantity>) -> Vec<TargetDraft> {
        let norm = ctx.norm();
        let doc = DocInfo::new(self, ctx);
        let quantities: Vec<Quantity> = quantities
            .into_iter()
            .filter(|q| !q.bare && !q.unit.trim().is_empty() && self.keeps_time(ctx, q))
            .collect();
        let mut out: Vec<TargetDraft> = Vec::with_capacity(quantities.len());
        let cache = RefCell::new(HashMap::default());
        for (k, q) in quantities.iter().enumerate() {
            let Some(sent) = ctx.structure.sentences.get(q.sentence) else { continue };
            let sentence = sent.range.clone();
            let clause = clause_around(norm, q.range.clone(), sentence.clone());
            let prev_end = k
                .checked_sub(1)
                .map(|j| &quantities[j])
                .filter(|p| p.sentence == q.sentence && p.range.end <= q.range.start)
                .map(|p| p.range.end);
            let next_start = quantities
                .get(k + 1)
                .filter(|n| n.sentence == q.sentence && n.range.start >= q.range.end)
                .map(|n| n.range.start);
            let all = ctx.tokens(q.sentence);
            let lo = all.partition_point(|t| t.range.end <= q.range.start.saturating_sub(TOKEN_WINDOW));
            let hi = all.partition_point(|t| t.range.start < q.range.end + TOKEN_WINDOW);
            let tokens = &self.split_at(norm, &all[lo..hi.max(lo)], q);
            let left_limit = left_limit(norm, &clause, q, prev_end);
            let right_limit = next_start.map_or(clause.end, |n| n.min(clause.end)).max(q.range.end);
            let (mut indicator, from_right) = self.indicator(norm, tokens, q, left_limit, right_limit);
            if indicator.is_none()
                && left_limit == clause.start
                && clause.start > sentence.start
                && norm[..clause.start].ends_with(':')
            {
                // `地区生产总值:500亿元`: a label before a colon names the value after it.
                let colon = clause.start - 1;
                let label = clause_around(norm, colon..colon, sentence.clone());
                if norm[label.clone()].chars().count() <= 20 {
                    indicator = self.walk_left(norm, tokens, colon, label.start, false);
                }
            }
            // A cell of an indicator table: the row's label names it (`地区生产总值(亿元)`).
            let row = table_row(norm, q.range.start);
            if indicator.is_none() {
                indicator = row.as_ref().and_then(|r| row_label(norm, r));
            }
            if indicator.is_none() {
                // `总产值128亿元,同比增长35%`: the growth is of the same indicator.
                indicator = out
                    .iter()
                    .rev()
                    .take_while(|t| t.quantity.sentence == q.sentence)
                    .take(20)
                    .find_map(|t| t.indicator.clone());
            }
            let mut measure = self.measure(norm, tokens, q, left_limit, indicator.as_ref());
            // `分别增长6%和7.5%`: the second of a pair is what the first is.
            if let Some(p) = out.last() {
                let between = norm.get(p.quantity.range.end..q.range.start).unwrap_or("");
                if p.quantity.sentence == q.sentence
                    && p.quantity.unit == q.unit
                    && matches!(between, "和" | "、" | "及" | "与")
                {
                    measure = p.measure;
                }
            }
            let frame = from_right && indicator.as_ref().is_some_and(|r| is_frame(tokens, r.end));
            let status = if frame {
                // `18个村先后有17名…`, `50个社区已有1339名党员`: the count frames what follows.
                Status::Fact
            } else {
                self.status(ctx, &doc, tokens, q, &clause, from_right, out.last(), &cache)
            };
            let year = year_of(ctx, &doc, q, &clause, status);
            // Under a header of years (`2020年 | 2025年`), the latest column is the target and
            // earlier ones are the base values already reached; a growth column (`年均增长`)
            // is a target rate for the period.
            let (status, year) = match row.as_ref().and_then(|r| header_of(norm, r)) {
                Some(Header { year: Some(y), latest, .. }) if !frame => {
                    (if latest { Status::Target } else { Status::Achieved }, Some(y))
                }
                Some(Header { growth: true, last_year, .. }) if !frame => {
                    measure = Measure::Growth;
                    (Status::Target, Some(last_year))
                }
                _ => (status, year),
            };
            out.push(TargetDraft { quantity: q.clone(), clause, indicator, measure, status, year });
        }
        out
    }

    /// The sentence's tokens with any token cut at the quantity's edges (jieba joins `个村`
    /// in `18个村`), and a one-character link word split off the word before the number
    /// (`审批率达70%` comes as `审批/率达`).
    fn split_at<'d>(&self, norm: &'d str, tokens: &[Token<'d>], q: &Quantity) -> Vec<Token<'d>> {
        let mut out: Vec<Token<'d>> = Vec::with_capacity(tokens.len() + 2);
        let piece = |r: Range<usize>, tag: &'d str| Token { word: &norm[r.clone()], tag, range: r };
        for t in tokens {
            let (s, e) = (t.range.start, t.range.end);
            if s < q.range.start && q.range.start < e {
                out.push(piece(s..q.range.start, t.tag));
                out.push(piece(q.range.start..e.min(q.range.end), "m"));
                if e > q.range.end {
                    out.push(piece(q.range.end..e, rest_tag(&norm[q.range.end..e])));
                }
            } else if s < q.range.end && q.range.end < e && s >= q.range.start {
                out.push(piece(s..q.range.end, "m"));
                out.push(piece(q.range.end..e, rest_tag(&norm[q.range.end..e])));
            } else if e == q.range.start && t.word.chars().count() >= 2 && self.role(t.word).is_none() {
                let last = t.word.chars().last().map_or(0, char::len_utf8);
                let cut = e - last;
                if self.role(&norm[cut..e]) == Some(StopRole::Link) {
                    out.push(piece(s..cut, "n"));
                    out.push(piece(cut..e, "p"));
                } else {
                    out.push(t.clone());
                }
            } else {
                out.push(t.clone());
            }
        }
        out
    }

    /// A duration is a quantity only when it is the measured value (`压缩至3个工作日`,
    /// `办结时限5天`), not when it frames time (`1年多来`, `15分钟生活圈`).
    fn keeps_time(&self, ctx: &Context, q: &Quantity) -> bool {
        if q.kind != "time" {
            return true;
        }
        let norm = ctx.norm();
        let Some(s) = ctx.structure.sentences.get(q.sentence) else { return false };
        let before = &norm[s.range.start..q.range.start.max(s.range.start)];
        const LEADS: [&str; 10] = ["至", "到", "在", "为", "不超过", "以内", "时限", "时间", "周期", "工期"];
        LEADS.iter().any(|w| before.ends_with(w))
    }

    fn role(&self, word: &str) -> Option<StopRole> {
        self.stop.get(word).copied()
    }

    fn is_classifier(&self, unit: &str) -> bool {
        let u = unit.trim_start_matches(['万', '亿', '千', '百', '余', '多']);
        self.classifiers.iter().any(|c| c == u || c == unit)
    }

    /// The indicator: a noun phrase right before the number (after link words), or, for
    /// counts (`3所学校`) and when nothing stands before, right after it. Returns the range
    /// and whether it was found after the number.
    fn indicator(
        &self,
        norm: &str,
        tokens: &[Token],
        q: &Quantity,
        left_limit: usize,
        right_limit: usize,
    ) -> (Option<Range<usize>>, bool) {
        let count = self.is_classifier(&q.unit);
        let share_like = q.unit.ends_with('%');
        let left = self
            .walk_left(norm, tokens, q.range.start, left_limit, share_like)
            .or_else(|| quoted_before(norm, q.range.start, left_limit));
        let right = self.walk_right(norm, tokens, q.range.end, right_limit, left.is_none());
        match (left, right) {
            (Some(l), Some(r)) if count => {
                // `菊泉街8个居民区`: a count names what it counts after itself, unless a verb
                // or 的 follows (`重大项目7个,` has no noun after).
                let _ = l;
                (Some(r), true)
            }
            (Some(l), _) => (Some(l), false),
            (None, Some(r)) => (Some(r), true),
            (None, None) => (None, false),
        }
    }

    /// Walks left from `end` over link words, then collects a noun phrase.
    fn walk_left(
        &self,
        norm: &str,
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
                if self.role(t.word) == Some(StopRole::Link) || (share_like && t.word == "的") {
                    i -= 1;
                } else {
                    break;
                }
            }
            match comparison_base(&toks[..i]) {
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
                    if let Some(subject) = self.walk_left(norm, toks, toks[z].range.start, limit, false) {
                        return Some(subject.start..end_byte);
                    }
                }
            }
        }
        // `X占Y比重` without 的: the walk stopped at 占; name the share whole too.
        let phrase = &norm[start..end_byte];
        if ["比重", "比例", "份额"].iter().any(|w| phrase.ends_with(w)) && i > 0 && toks[i - 1].word == "占"
        {
            if let Some(subject) = self.walk_left(norm, toks, toks[i - 1].range.start, limit, false) {
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

    /// growth, share or level.
    fn measure(
        &self,
        norm: &str,
        tokens: &[Token],
        q: &Quantity,
        left_limit: usize,
        indicator: Option<&Range<usize>>,
    ) -> Measure {
        let unit = q.unit.as_str();
        let written = &norm[q.range.clone()];
        if unit.contains("百分点") || written.contains('翻') {
            return Measure::Growth;
        }
        if !unit.ends_with('%') && unit != "倍" {
            return Measure::Level;
        }
        // Words right before the number, nearest first.
        let hi = tokens.partition_point(|t| t.range.end <= q.range.start);
        let lo = tokens.partition_point(|t| t.range.start < left_limit);
        let mut to_level = false;
        for t in tokens[lo.min(hi)..hi].iter().rev().take(4) {
            if matches!(t.word, "到" | "至" | "为" | "由") {
                to_level = true;
                continue;
            }
            match self.cues.get(t.word) {
                Some(Cue::Growth) if !to_level => return Measure::Growth,
                Some(Cue::Share) => return Measure::Share,
                _ => {}
            }
            if let Some(w) =
                self.cues.iter().find(|(w, c)| **c == Cue::Growth && t.word.ends_with(w.as_str()))
            {
                if !to_level && t.word.chars().count() <= w.0.chars().count() + 2 {
                    return Measure::Growth;
                }
            }
            if self.role(t.word) != Some(StopRole::Link) {
                break;
            }
        }
        let _ = indicator;
        Measure::Share
    }

    /// Status cues of a sentence: token words, multi-character words inside tokens, years
    /// before or after the document's year, `近5年` and `5年来`.
    fn cues_of(&self, norm: &str, tokens: &[Token], doc: &DocInfo) -> Vec<StatusHit> {
        let doc_year = doc.year;
        let mut hits = Vec::new();
        for (k, t) in tokens.iter().enumerate() {
            // `较去年翻一番`, `比上年增长`: last year is the base of a comparison, not the time.
            let base = matches!(t.word, "去年" | "上年" | "上年度")
                && k > 0
                && matches!(tokens[k - 1].word, "较" | "比" | "同比" | "相比" | "与");
            // `每千人口拥有…托位数`: 拥有 inside a per-capita indicator describes nothing.
            let per_capita = matches!(t.word, "拥有" | "有")
                && tokens[k.saturating_sub(2)..k].iter().any(|p| p.word.starts_with('每'));
            // `三年累计投入20亿元` in a plan: a total over the plan's span, not a result
            // (`近三年累计`, `五年来累计` stay results).
            let planned_total = t.word == "累计"
                && k > 0
                && is_duration(tokens[k - 1].word)
                && !(k > 1 && matches!(tokens[k - 2].word, "近" | "过去" | "前"));
            let reported_year = doc.review && matches!(t.word, "全年" | "今年" | "年内" | "本年");
            if base || per_capita || planned_total || reported_year {
                continue;
            }
            // `完成全年目标任务的58%`: a goal met or being met reports progress.
            let met = t.word.contains("目标")
                && tokens[k.saturating_sub(3)..k].iter().any(|p| p.word.contains("完成"));
            let status_of = |s: Status| if met && s == Status::Target { Status::Achieved } else { s };
            if let Some(&(status, strength)) = self.status.get(t.word) {
                hits.push(StatusHit { pos: t.range.start, status: status_of(status), strength });
            } else if t.word.chars().count() >= 3 {
                for m in self.status_ac.find_iter(t.word) {
                    let (status, strength) = self.status_ac_words[m.pattern().as_usize()];
                    // `常住人口城镇化率`: a weak fact noun that only starts a longer word
                    // names part of the indicator, not a static description.
                    if status == Status::Fact && strength == Strength::Weak && m.end() < t.word.len() {
                        continue;
                    }
                    hits.push(StatusHit {
                        pos: t.range.start + m.start(),
                        status: status_of(status),
                        strength,
                    });
                }
            }
            // `近5年`, `5年来`, `2017年` before the document's year.
            if matches!(t.word, "年" | "年来" | "年以来" | "年间") && k > 0 {
                let num = tokens[k - 1].word;
                if num.chars().all(|c| c.is_ascii_digit() || is_cjk_numeral(c)) && !num.is_empty() {
                    let before = k.checked_sub(2).map(|j| tokens[j].word);
                    let after = tokens.get(k + 1).map(|t| t.word);
                    let year = (num.len() == 4).then(|| num.parse::<i32>().ok()).flatten();
                    let base_year =
                        k >= 2 && matches!(tokens[k - 2].word, "较" | "比" | "相比" | "与" | "同");
                    if before == Some("近") || t.word.ends_with('来') || matches!(after, Some("来" | "以来"))
                    {
                        hits.push(StatusHit {
                            pos: t.range.start,
                            status: Status::Achieved,
                            strength: Strength::Strong,
                        });
                    } else if base_year {
                    } else if year.is_some() && matches!(before, Some("到" | "至")) {
                        // `到2026年`: a horizon, so a plan whatever the document's date.
                        hits.push(StatusHit {
                            pos: t.range.start,
                            status: Status::Target,
                            strength: Strength::Strong,
                        });
                    } else if let (Some(y), Some(d)) = (year, doc_year) {
                        if y < d && !matches!(before, Some("到" | "至")) {
                            hits.push(StatusHit {
                                pos: t.range.start,
                                status: Status::Achieved,
                                strength: Strength::Strong,
                            });
                        } else if y > d {
                            hits.push(StatusHit {
                                pos: t.range.start,
                                status: Status::Target,
                                strength: Strength::Strong,
                            });
                        }
                    }
                }
            }
        }
        let _ = norm;
        hits.sort_by_key(|h| h.pos);
        hits
    }

    /// target, achieved or fact: the nearest strong cue (clause before the number, clause
    /// after, rest of the sentence, earlier sentences of the paragraph), then weak cues,
    /// then the shape of a count, the paragraph's previous target, the heading, the document.
    #[allow(clippy::too_many_arguments)]
    fn status(
        &self,
        ctx: &Context,
        doc: &DocInfo,
        tokens: &[Token],
        q: &Quantity,
        clause: &Range<usize>,
        from_right: bool,
        prev: Option<&TargetDraft>,
        cache: &RefCell<HashMap<usize, Vec<StatusHit>>>,
    ) -> Status {
        let norm = ctx.norm();
        let sentence = ctx.structure.sentences[q.sentence].range.clone();
        let _ = tokens;
        let hits: Vec<StatusHit> = {
            let mut c = cache.borrow_mut();
            let all = c.entry(q.sentence).or_insert_with(|| self.cues_of(norm, ctx.tokens(q.sentence), doc));
            // Only cues in the sentence around the number matter; keep the search bounded.
            let lo =
                all.partition_point(|h| h.pos < clause.start.min(q.range.start).saturating_sub(CUE_WINDOW));
            let hi = all.partition_point(|h| h.pos < clause.end.max(q.range.end) + CUE_WINDOW);
            all[lo..hi].to_vec()
        };
        // After the number only the next clause counts: later clauses speak of other things
        // (`全镇有企业120家,…,将新增30家`).
        let next_clause = if clause.end < sentence.end {
            let step = norm[clause.end..].chars().next().map_or(0, char::len_utf8);
            let after = (clause.end + step).min(sentence.end);
            clause_around(norm, after..after, sentence.clone())
        } else {
            clause.end..clause.end
        };
        let scopes: [(Range<usize>, bool); 4] = [
            // Up to the number itself: a comparator word may be a cue too (`预计可达20万吨`).
            (clause.start..q.number.start.max(clause.start), true),
            (q.range.end..clause.end, false),
            (sentence.start..clause.start, true),
            (clause.end..next_clause.end.max(clause.end), false),
        ];
        let nearest = |strength: Strength, n: usize| {
            scopes[..n].iter().find_map(|(scope, rightmost)| {
                let mut it = hits.iter().filter(|h| h.strength == strength && scope.contains(&h.pos));
                let hit = if *rightmost { it.next_back() } else { it.next() };
                hit.map(|h| h.status)
            })
        };
        // 1. A strong cue in the clause or the sentence.
        if let Some(s) = nearest(Strength::Strong, 4) {
            return s;
        }
        // 2. A static description right before it (`现有行政村14个`) stays a fact.
        if nearest(Strength::Weak, 1) == Some(Status::Fact) {
            return Status::Fact;
        }
        // 3. A strong cue earlier in the paragraph (`过去一年,…。…。`).
        let para_start = doc.para_start.get(q.sentence).copied().unwrap_or(0);
        let mut i = q.sentence;
        while i > 0 {
            i -= 1;
            let s = &ctx.structure.sentences[i];
            if s.range.end <= para_start || s.boilerplate || q.sentence - i > 6 {
                break;
            }
            let mut cache = cache.borrow_mut();
            let h = cache.entry(i).or_insert_with(|| self.cues_of(norm, ctx.tokens(i), doc));
            if let Some(h) = h.iter().rev().find(|h| h.strength == Strength::Strong) {
                return h.status;
            }
        }
        // 4. A review or plan heading outranks a weak word (`实施` in a review of 2023).
        if let Some(s) = doc.heading_status(ctx, q.range.start) {
            return s;
        }
        // 5. A weak cue in the clause before it.
        if let Some(s) = nearest(Strength::Weak, 1) {
            return s;
        }
        // `88个基层党组织`: a bare count of things, with no verb of making before it, describes.
        if from_right && self.is_classifier(&q.unit) {
            let hi = tokens.partition_point(|t| t.range.end <= q.range.start);
            let verb_before =
                hi > 0 && is_verb(tokens[hi - 1].tag) && tokens[hi - 1].range.start >= clause.start;
            if !verb_before {
                return Status::Fact;
            }
        }
        // The text goes on as it went: the previous target of the same section (`建成茶园12个`
        // after a paragraph of results is a result).
        if let Some(p) = prev {
            let same_section = ctx.structure.sentences.get(p.quantity.sentence).map(|s| s.section)
                == Some(ctx.structure.sentences[q.sentence].section);
            // `…共有市场主体4.6万户,其中企业1.2万户`: a part is what its whole is, fact included.
            let part = norm[clause.clone()].starts_with("其中") && p.quantity.sentence == q.sentence;
            if (p.quantity.range.start >= para_start || same_section) && (p.status != Status::Fact || part) {
                return p.status;
            }
        }
        doc.default
    }
}

/// What the whole document says about time: its year and whether it mostly plans or reviews.
struct DocInfo {
    year: Option<i32>,
    /// The end of the plan period, for targets without a year in a multi-year plan.
    period_end: Option<i32>,
    default: Status,
    /// The title names a review (`工作总结`, `执行情况`): there `全年`, `今年` and `年内`
    /// mean the year reported on, not the year planned.
    review: bool,
    /// Status cue of each heading's title, by heading index.
    headings: Vec<Option<Status>>,
    /// Per sentence: where its paragraph (line) starts.
    para_start: Vec<usize>,
    /// Per sentence: the plan horizon it sets (`到2025年`), if any.
    horizon: Vec<Option<i32>>,
    /// Per sentence: whether it speaks of the current year (`全年`, `截至6月`).
    current: Vec<bool>,
    /// Per sentence: whether it reviews last year (`去年`, `过去一年`).
    last_year: Vec<bool>,
}

impl DocInfo {
    fn new(rules: &TargetRules, ctx: &Context) -> DocInfo {
        let norm = ctx.norm();
        let st = ctx.structure;
        let title = st.title.clone().map(|r| &norm[r]).unwrap_or("");
        let year = st.year().or_else(|| {
            // The first year in the title or the opening sentences.
            let mut text = title.to_string();
            for (_, s) in ctx.sentences().take(3) {
                text.push_str(&norm[s.range.clone()]);
            }
            let horizon = horizon_in(&text);
            years_in(&text).into_iter().map(|y| y.1).find(|&y| Some(y) != horizon)
        });
        let (mut plan, mut review) = (0usize, 0usize);
        let count = |text: &str, plan: &mut usize, review: &mut usize| {
            for m in rules.status_ac.find_iter(text) {
                let (s, strength) = rules.status_ac_words[m.pattern().as_usize()];
                if strength == Strength::Strong {
                    match s {
                        Status::Target => *plan += 1,
                        Status::Achieved => *review += 1,
                        Status::Fact => {}
                    }
                }
            }
        };
        for (_, s) in ctx.sentences() {
            count(&norm[s.range.clone()], &mut plan, &mut review);
        }
        let by_title = rules.title_words.iter().find(|(w, _)| title.contains(w.as_str())).map(|(_, s)| *s);
        let default =
            by_title.unwrap_or(if plan * 2 >= review * 3 { Status::Target } else { Status::Achieved });
        let headings = st
            .headings
            .iter()
            .map(|h| {
                let t = &norm[h.title.clone()];
                rules.heading_words.iter().find(|(w, _)| t.contains(w.as_str())).map(|(_, s)| *s)
            })
            .collect();
        let period_end = st.period.map(|p| p[1]);
        // Per-sentence tables, computed once so per-quantity work stays within its sentence.
        let newlines: Vec<usize> = norm.match_indices('\n').map(|(i, _)| i).collect();
        let mut para_start = Vec::with_capacity(st.sentences.len());
        let mut horizon = Vec::with_capacity(st.sentences.len());
        let mut current = Vec::with_capacity(st.sentences.len());
        let mut last_year = Vec::with_capacity(st.sentences.len());
        for s in &st.sentences {
            let k = newlines.partition_point(|&n| n < s.range.start);
            para_start.push(if k == 0 { 0 } else { newlines[k - 1] + 1 });
            let text = &norm[s.range.clone()];
            horizon.push(horizon_in(text));
            // Overlapping matches: `去年内` holds a word of each kind.
            let (mut cur, mut last) = (false, false);
            for m in rules.time_ac.find_overlapping_iter(text) {
                if m.pattern().as_usize() < CURRENT_WORDS.len() {
                    cur = true;
                } else if !(text[..m.start()].ends_with(['比', '较', '与'])
                    || text[m.end()..].starts_with("同期"))
                {
                    // `比上年`, `较去年同期`: a comparison base, not last year's results.
                    last = true;
                }
            }
            current.push(cur);
            last_year.push(last);
        }
        let review = by_title == Some(Status::Achieved);
        DocInfo { year, period_end, default, review, headings, para_start, horizon, current, last_year }
    }

    /// The status cue of the innermost heading (or its parents) around `byte`.
    fn heading_status(&self, ctx: &Context, byte: usize) -> Option<Status> {
        let mut h = ctx.structure.section_at(byte);
        let mut depth = 0;
        while let Some(i) = h {
            if let Some(s) = self.headings.get(i).copied().flatten() {
                return Some(s);
            }
            h = ctx.structure.headings.get(i).and_then(|x| x.parent);
            depth += 1;
            if depth > 8 {
                break;
            }
        }
        None
    }
}

/// The year a quantity is for: a year written before it in its sentence (the end of a
/// `2023-2025年` range), else the document's year when the sentence speaks of the current
/// year (`全年`, `截至6月`), else the plan's end year for targets, else the document's year.
fn year_of(ctx: &Context, doc: &DocInfo, q: &Quantity, clause: &Range<usize>, status: Status) -> Option<i32> {
    let norm = ctx.norm();
    let sentence = ctx.structure.sentences[q.sentence].range.clone();
    // Only the stretch just before the number: work stays bounded on long sentences.
    let mut from = q.range.start.saturating_sub(YEAR_WINDOW).max(sentence.start);
    while !norm.is_char_boundary(from) {
        from += 1;
    }
    let before = &norm[from..q.range.start.max(from)];
    if let Some(&(_, y)) = years_in(before).last() {
        return Some(y);
    }
    // A year opening the paragraph (`2023年,…预期指标是:`) frames what follows.
    let para_start = doc.para_start.get(q.sentence).copied().unwrap_or(0).min(sentence.start);
    let para_head: String = norm[para_start..sentence.start].chars().take(12).collect();
    if let Some(&(_, y)) = years_in(&para_head).first() {
        return Some(y);
    }
    let _ = clause;
    // `过去一年` in a report dated 2024 reviews 2023.
    if status == Status::Achieved && doc.last_year.get(q.sentence).copied().unwrap_or(false) {
        if let Some(y) = doc.year {
            return Some(y - 1);
        }
    }
    // A heading that names a year (`2023年工作回顾`) frames its section.
    let mut h = ctx.structure.section_at(q.range.start);
    let mut depth = 0;
    while let (Some(i), true) = (h, depth < 8) {
        let Some(head) = ctx.structure.headings.get(i) else { break };
        if let Some(&(_, y)) = years_in(&norm[head.title.clone()]).last() {
            return Some(y);
        }
        h = head.parent;
        depth += 1;
    }
    if doc.current.get(q.sentence).copied().unwrap_or(false) {
        return doc.year;
    }
    if status == Status::Target {
        // A horizon set earlier in the section (`到2025年,` opening a list of goals).
        let section = ctx.structure.sentences[q.sentence].section;
        let mut i = q.sentence;
        let mut seen = 0;
        while i > 0 && seen < 30 {
            i -= 1;
            seen += 1;
            let s = &ctx.structure.sentences[i];
            if s.section != section {
                break;
            }
            if let Some(y) = doc.horizon.get(i).copied().flatten() {
                return Some(y);
            }
        }
    }
    match status {
        Status::Target => doc.period_end.or(doc.year),
        Status::Achieved => doc.year,
        Status::Fact => None,
    }
}

/// Years written as `2023年` (or `2023-2025年`, giving 2025) with their byte offset.
fn years_in(text: &str) -> Vec<(usize, i32)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 4 <= b.len() {
        if b[i] != b'1' && b[i] != b'2' {
            i += 1;
            continue;
        }
        let four = &b[i..i + 4];
        let prev_digit = i > 0 && b[i - 1].is_ascii_digit();
        if !prev_digit && four.iter().all(u8::is_ascii_digit) {
            let rest = &text[i + 4..];
            if rest.starts_with('年')
                || rest.starts_with('-')
                || rest.starts_with('—')
                || rest.starts_with('~')
            {
                if let Ok(y) = text[i..i + 4].parse::<i32>() {
                    if (1949..=2100).contains(&y) {
                        if is_base(&text[..i]) {
                            // `较2020年提高5个百分点`: a comparison base, not a time.
                        } else if rest.starts_with('年') {
                            out.push((i, y));
                        } else if let Some(&(_, y2)) =
                            years_in(rest.get(..16.min(rest.len())).unwrap_or("")).first()
                        {
                            // `2023-2025年`: the end year.
                            if y2 >= y && y2 - y <= 10 {
                                out.push((i, y2));
                            }
                        }
                    }
                }
            }
            i += 4;
        } else {
            i += 1;
        }
    }
    out
}

/// Whether the words after a counted noun make it the frame of an existence statement:
/// `(先后/已/共)有` follows (`18个村先后有17名书记`).
fn is_frame(tokens: &[Token], end: usize) -> bool {
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
fn rest_tag(piece: &str) -> &'static str {
    let mut cs = piece.chars();
    match (cs.next(), cs.next()) {
        (Some(c), None) if "中内外上下里前后间".contains(c) => "f",
        _ => "n",
    }
}

/// Whether the text before a year makes it the base of a comparison (`较2020年`, `比上年`).
fn is_base(before: &str) -> bool {
    ["较", "比", "相比", "与", "同"].iter().any(|w| before.ends_with(w))
}

/// A year set as the horizon of a plan (`到2025年`, `至2026年底`) in `text`: the last one.
/// How many tokens at the end of `toks` make a comparison base: `比2020年`, `较上年`,
/// `较去年同期`, `与上年同期`.
fn comparison_base(toks: &[Token]) -> Option<usize> {
    let mut j = toks.len();
    if j > 0 && toks[j - 1].word == "同期" {
        j -= 1;
    }
    let w = toks.get(j.checked_sub(1)?)?.word;
    let year = |w: &str| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit());
    if matches!(w, "去年" | "上年" | "上年度" | "前年" | "去年同期" | "上年同期") {
        j -= 1;
    } else if w == "年" && j >= 2 && year(toks[j - 2].word) {
        j -= 2;
    } else if w.strip_suffix('年').is_some_and(year) {
        j -= 1;
    } else {
        return None;
    }
    let p = toks.get(j.checked_sub(1)?)?.word;
    matches!(p, "比" | "较" | "相比" | "与" | "同").then_some(toks.len() - (j - 1))
}

/// The label of a table row without its unit: `地区生产总值` in `地区生产总值(亿元)`.
fn row_label(norm: &str, row: &TableRow) -> Option<Range<usize>> {
    let text = &norm[row.label.clone()];
    let lead = text.len() - text.trim_start().len();
    let body = text.trim();
    let body = match body.rfind('(') {
        Some(i) if body.ends_with(')') => body[..i].trim_end(),
        _ => body,
    };
    let n = body.chars().count();
    let start = row.label.start + lead;
    ((2..=24).contains(&n) && !body.chars().all(|c| c.is_ascii_digit())).then_some(start..start + body.len())
}

/// The header line above a table row (the nearest line of cells with a year in one):
/// the year heading the row's column, if any, and what that column's title says.
struct Header {
    year: Option<i32>,
    /// The column's year is the header's latest.
    latest: bool,
    /// The column is a rate of growth (`年均增长`, `增速`).
    growth: bool,
    /// The header's latest year.
    last_year: i32,
}

fn header_of(norm: &str, row: &TableRow) -> Option<Header> {
    let sep = row.sep;
    let mut end = row.line_start.checked_sub(1)?;
    for _ in 0..40 {
        // Header lines are short: a line longer than this window is prose, not a header.
        let mut from = end.saturating_sub(2048);
        while !norm.is_char_boundary(from) {
            from += 1;
        }
        let start = match norm[from..end].rfind('\n') {
            Some(i) => from + i + 1,
            None if from == 0 => 0,
            None => return None,
        };
        let line = &norm[start..end];
        if !line.contains(sep) {
            return None;
        }
        let cells: Vec<&str> = line.split(sep).skip_while(|c| c.trim().is_empty()).collect();
        if let Some(last_year) = cells.iter().filter_map(|c| years_in_cell(c)).max() {
            let title = cells.get(row.column).copied().unwrap_or("");
            let year = years_in_cell(title);
            return Some(Header {
                year,
                latest: year == Some(last_year),
                growth: year.is_none() && ["增长", "增速", "增幅"].iter().any(|w| title.contains(w)),
                last_year,
            });
        }
        end = start.checked_sub(1)?;
    }
    None
}

/// A year written in a header cell: `2025年`, `2025`, `2025年目标`.
fn years_in_cell(cell: &str) -> Option<i32> {
    let c = cell.trim();
    let digits: String = c.chars().take_while(|d| d.is_ascii_digit()).collect();
    let rest = &c[digits.len()..];
    let y: i32 = digits.parse().ok().filter(|_| digits.len() == 4)?;
    ((1949..=2100).contains(&y) && (rest.is_empty() || rest.starts_with('年'))).then_some(y)
}

/// `三年`, `5年`, `两年`: a span of years (a four-digit year is a date, not a span).
fn is_duration(word: &str) -> bool {
    word.strip_suffix('年').is_some_and(|n| {
        !n.is_empty()
            && n.chars().count() <= 2
            && n.chars().all(|c| c.is_ascii_digit() || "一二两三四五六七八九十".contains(c))
    })
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

fn horizon_in(text: &str) -> Option<i32> {
    years_in(text)
        .into_iter()
        .rev()
        .find(|&(i, _)| ["到", "至", "截至", "力争到"].iter().any(|w| text[..i].ends_with(w)))
        .map(|(_, y)| y)
}

fn is_verb(tag: &str) -> bool {
    tag.starts_with('v') && tag != "vn"
}

fn is_noun(tag: &str) -> bool {
    tag.starts_with('n') || tag == "vn"
}

fn is_cjk_numeral(c: char) -> bool {
    "零〇一二两三四五六七八九十百千万亿半几".contains(c)
}

/// Where the indicator before a quantity may start: the clause start, the previous quantity
/// in the clause, or the last list mark `、` before it.
fn left_limit(norm: &str, clause: &Range<usize>, q: &Quantity, prev_end: Option<usize>) -> usize {
    let mut limit = clause.start;
    if let Some(p) = prev_end {
        if p > limit && p <= q.range.start {
            limit = p;
        }
    }
    if limit <= q.range.start {
        if let Some(i) = norm[limit..q.range.start].rfind('、') {
            limit += i + '、'.len_utf8();
        }
    }
    limit.min(q.range.start)
}

/// The clause (between clause punctuation) around `r`, inside `sentence`.
pub fn clause_around(norm: &str, r: Range<usize>, sentence: Range<usize>) -> Range<usize> {
    const STOPS: &[char] = &[',', '。', ';', ':', '!', '?', '\n', '\t', '|'];
    let s = &norm[sentence.clone()];
    let rel_start = r.start.saturating_sub(sentence.start).min(s.len());
    let rel_end = r.end.saturating_sub(sentence.start).min(s.len());
    let start =
        s[..rel_start].rfind(STOPS).map(|i| i + s[i..].chars().next().map_or(1, char::len_utf8)).unwrap_or(0);
    let end = s[rel_end..].find(STOPS).map(|i| rel_end + i).unwrap_or(s.len());
    sentence.start + start..sentence.start + end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_and_ranges() {
        assert_eq!(years_in("到2025年,全镇"), vec![(3, 2025)]);
        assert_eq!(years_in("(2023-2025年)").last().map(|y| y.1), Some(2025));
        assert!(years_in("电话12345678").is_empty());
        assert!(years_in("3000年").is_empty());
    }

    #[test]
    fn horizons_and_comparison_bases() {
        assert_eq!(horizon_in("到2027年,全市"), Some(2027));
        assert_eq!(horizon_in("2024年,全市"), None);
        // `较2020年` is a base, not a year of anything.
        assert!(years_in("较2020年提高3个百分点").is_empty());
        assert!(is_base("比"));
        assert!(!is_base("到"));
    }

    #[test]
    fn rest_tags() {
        assert_eq!(rest_tag("中"), "f");
        assert_eq!(rest_tag("村"), "n");
        assert_eq!(rest_tag("居民区"), "n");
    }

    #[test]
    fn lexicons_parse() {
        let r = TargetRules::new().unwrap();
        assert!(r.is_classifier("家"));
        assert!(r.is_classifier("万人"));
        assert!(!r.is_classifier("亿元"));
        assert_eq!(r.role("达到"), Some(StopRole::Link));
        assert_eq!(r.role("力争"), Some(StopRole::Link));
        assert_eq!(r.role("全年"), Some(StopRole::Stop));
    }
}

//! Targets: what each quantity measures (`indicator`), whether it is growth, share or level,
//! whether it is planned, achieved or a plain fact, and the year it is for.
//!
//! Everything works on the jieba tokens of the quantity's sentence, the shared grammar
//! (`grammar::time`, `grammar::table`) and the lexicons (`status_words.txt`,
//! `indicator_stop.txt`, `classifiers.txt`, `measure_cues.txt`), so the rules follow the
//! grammar of policy language, not the wording of particular documents. Work per quantity is
//! bounded by the sentence length, which the structure stage caps. One file per question:
//! `indicator`, `measure`, `status`, `year`.

mod indicator;
mod measure;
mod qualifier;
mod report;
mod status;
mod year;

use super::number::Quantity;
use super::Context;
use crate::document::{Base, Binding, Comparator, Hedge, Measure, Status};
use crate::error::Result;
use crate::grammar::table::YearHeader;
use crate::lexicon::{self, CueScope, Lexicons, MeasureCue, StopRole, UnitKind};
use crate::segment::Token;
use aho_corasick::{AhoCorasick, MatchKind};
use indicator::{is_frame, rest_tag};
use qualifier::QualifierRules;
use report::ReportRules;
use rustc_hash::FxHashMap as HashMap;
use status::{Cues, DocInfo, Scope};
use std::cell::RefCell;
use std::ops::Range;

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
    pub hedge: Option<Hedge>,
    pub binding: Option<Binding>,
    pub base: Option<Base>,
    /// The specs of a project still being built (`投资20亿元的…开工建设`).
    pub spec: bool,
}

/// Lexicons of the target stage, built once.
#[derive(Debug)]
pub struct TargetRules {
    /// Sentence status cues by word, with their strength (strong or weak).
    status: HashMap<String, (Status, CueScope)>,
    /// Multi-character sentence cues, found inside longer tokens too.
    status_ac: AhoCorasick,
    status_ac_words: Vec<(Status, CueScope)>,
    /// Words in section headings and document titles, review words first.
    heading_words: Vec<(String, Status)>,
    title_words: Vec<(String, Status)>,
    /// Words of policy parameters (`奖补`, `贴息`).
    params: AhoCorasick,
    stop: HashMap<String, StopRole>,
    classifiers: Vec<String>,
    cues: HashMap<String, lexicon::Cue>,
    report: ReportRules,
    qualifiers: QualifierRules,
}

impl TargetRules {
    /// Compiles the status cues, indicator stop words, classifiers and measure cues.
    pub fn new(lex: &Lexicons) -> Result<TargetRules> {
        let mut status: HashMap<String, (Status, CueScope)> = HashMap::default();
        let mut heading_words = Vec::new();
        let mut title_words = Vec::new();
        let mut params = Vec::new();
        for w in &lex.status_words {
            match w.scope {
                CueScope::Strong | CueScope::Weak => {
                    status.insert(w.word.clone(), (w.status, w.scope));
                }
                CueScope::Heading => heading_words.push((w.word.clone(), w.status)),
                CueScope::Title => title_words.push((w.word.clone(), w.status)),
                CueScope::Param => params.push(w.word.clone()),
            }
        }
        // Review words before plan words, as listed.
        heading_words.sort_by_key(|(_, c)| *c != Status::Achieved);
        title_words.sort_by_key(|(_, c)| *c != Status::Achieved);
        let mut multi: Vec<(&String, &(Status, CueScope))> =
            status.iter().filter(|(w, _)| w.chars().count() >= 2).collect();
        multi.sort_by(|a, b| a.0.cmp(b.0));
        let status_ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(multi.iter().map(|(w, _)| w.as_str()))
            .map_err(|e| lexicon::file_error("status_words.txt", e))?;
        let status_ac_words = multi.iter().map(|(_, v)| **v).collect();
        let stop = lex.indicator_stop.iter().map(|s| (s.word.clone(), s.role)).collect();
        let mut classifiers: Vec<String> = lex.classifiers.iter().map(|w| w.0.clone()).collect();
        classifiers.sort();
        classifiers.dedup();
        let cues = lex.measure_cues.iter().map(|c: &MeasureCue| (c.word.clone(), c.cue)).collect();
        Ok(TargetRules {
            status,
            status_ac,
            status_ac_words,
            heading_words,
            title_words,
            params: AhoCorasick::new(&params).map_err(|e| lexicon::file_error("status_words.txt", e))?,
            stop,
            classifiers,
            cues,
            report: ReportRules::new(lex)?,
            qualifiers: QualifierRules::new(lex)?,
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
        let cache: Cues = RefCell::new(HashMap::default());
        let roles = change_roles(norm, &quantities);
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
            let time = &ctx.grammar.time;
            let (mut indicator, from_right) = self.indicator(norm, time, tokens, q, left_limit, right_limit);
            // `组织领导(15分)`: a score weight in brackets weighs the item before them.
            if q.unit == "分" && norm[..q.range.start].ends_with('(') && norm[q.range.end..].starts_with(')')
            {
                let open = q.range.start - 1;
                let from = left_limit.min(open);
                let item = norm[from..open].trim();
                if (2..=20).contains(&item.chars().count()) && !item.contains(['(', ')', '、']) {
                    let lead = norm[from..open].len() - norm[from..open].trim_start().len();
                    indicator = Some(from + lead..from + lead + item.len());
                }
            }
            if indicator.is_none()
                && left_limit == clause.start
                && clause.start > sentence.start
                && norm[..clause.start].ends_with(':')
            {
                // `地区生产总值:500亿元`: a label before a colon names the value after it.
                let colon = clause.start - 1;
                let label = clause_around(norm, colon..colon, sentence.clone());
                if norm[label.clone()].chars().count() <= 20 {
                    indicator = self.walk_left(norm, time, tokens, colon, label.start, false);
                }
            }
            // A cell of an indicator table: the row's label names it (`地区生产总值(亿元)`).
            let cell = ctx.structure.tables.cell_at(q.range.start).filter(|c| c.column > 0);
            if indicator.is_none() {
                indicator = cell.as_ref().and_then(|c| row_label(norm, c.label(norm)));
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
            let mut measure = self.measure(norm, tokens, q, left_limit);
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
            // `由2020年的80%提高到90%`: 90% is the end point of a change from 80%, which is a
            // value already reached; the end point measures what the start does.
            let role = roles[k];
            if let Some(ChangeRole::To { base, .. }) = role {
                if indicator.is_none() || from_right {
                    let base = &quantities[base];
                    indicator =
                        out.iter().rev().find(|t| &t.quantity == base).and_then(|t| t.indicator.clone());
                }
            }
            let spec = self.is_spec(norm, q, &clause, out.last());
            let status = if frame {
                // `18个村先后有17名…`, `50个社区已有1339名党员`: the count frames what follows.
                Status::Fact
            } else if matches!(role, Some(ChangeRole::From { .. })) {
                Status::Achieved
            } else {
                let scope = Scope {
                    tokens,
                    q,
                    clause: &clause,
                    from_right,
                    prev: out.last(),
                    spec,
                    change_to: matches!(role, Some(ChangeRole::To { .. })),
                };
                self.status(ctx, &doc, &scope, &cache)
            };
            let year = match role {
                Some(ChangeRole::From { year: Some(y) }) => Some(y),
                _ if spec && doc.part_at(q.range.start).is_some() => None,
                Some(ChangeRole::To { mark, .. }) => {
                    year::year_of(ctx, &doc, q, status, Some(mark..q.range.start))
                }
                _ => year::year_of(ctx, &doc, q, status, None),
            };
            // Under a header of years (`2020年 | 2025年`), the latest column is the target and
            // earlier ones are the base values already reached; a growth column (`年均增长`)
            // is a target rate for the period.
            let header = cell.and_then(|c| c.year_header(norm, &ctx.grammar.tables));
            let (status, year) = match header {
                Some(YearHeader { year: Some(y), latest, .. }) if !frame => {
                    (if latest { Status::Target } else { Status::Achieved }, Some(y))
                }
                Some(YearHeader { growth: true, last_year, .. }) if !frame => {
                    measure = Measure::Growth;
                    (Status::Target, Some(last_year))
                }
                _ => (status, year),
            };
            let mut quantity = q.clone();
            // `预计全年地区生产总值2100亿元、增长7%`: 预计 makes every amount after it an estimate.
            if quantity.comparator == Comparator::Eq && status != Status::Fact {
                let mut from = sentence.start.max(q.range.start.saturating_sub(CUE_WINDOW));
                while !norm.is_char_boundary(from) {
                    from += 1;
                }
                if self.qualifiers.estimated(&norm[from..q.range.start]) {
                    quantity.comparator = Comparator::Approx;
                }
            }
            let mut draft = TargetDraft {
                quantity,
                clause,
                indicator,
                measure,
                status,
                year,
                hedge: None,
                binding: None,
                base: None,
                spec,
            };
            draft.hedge = self.qualifiers.hedge(norm, sentence.clone(), &draft.clause, &draft);
            draft.binding = self.qualifiers.binding(ctx, &draft.clause, next_start, q);
            let from = match role {
                Some(ChangeRole::To { base, year, .. }) => Some((&quantities[base], year)),
                _ => None,
            };
            let period_start = ctx.structure.period.map(|p| p[0]);
            draft.base = qualifier::base(ctx, &draft.clause, &draft, from, period_start);
            out.push(draft);
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
        if q.kind != Some(UnitKind::Time) {
            return true;
        }
        let norm = ctx.norm();
        let Some(s) = ctx.structure.sentences.get(q.sentence) else { return false };
        // Before the comparator word or before the number (`贴息期不超过3年`).
        let before = &norm[s.range.start..q.range.start.max(s.range.start)];
        let next_to = &norm[s.range.start..q.number.start.max(s.range.start)];
        const LEADS: [&str; 15] = [
            "至",
            "到",
            "在",
            "为",
            "不超过",
            "以内",
            "时限",
            "时间",
            "周期",
            "工期",
            "期限",
            "延后",
            "延长",
            "提前",
            "缩短",
        ];
        LEADS.iter().any(|w| before.ends_with(w) || next_to.ends_with(w))
    }

    fn role(&self, word: &str) -> Option<StopRole> {
        self.stop.get(word).copied()
    }

    fn is_classifier(&self, unit: &str) -> bool {
        let u = unit.trim_start_matches(['万', '亿', '千', '百', '余', '多']);
        self.classifiers.iter().any(|c| c == u || c == unit)
    }
}

/// The part a quantity plays in a change (`由2020年的80%、60%提高到90%、75%`).
#[derive(Debug, Clone, Copy, PartialEq)]
enum ChangeRole {
    /// A value the change starts from, with the year written before it.
    From { year: Option<i32> },
    /// The end point of a change from quantity `base`; `mark` is where its `由`/`从` stands.
    To { base: usize, mark: usize, year: Option<i32> },
}

/// The change roles of all quantities: a list after `由/从 [2020年的]`, then a change word
/// ending in 到/至 (`提高到`, `增至`), then a list of as many end points, item by item.
fn change_roles(norm: &str, qs: &[Quantity]) -> Vec<Option<ChangeRole>> {
    let listed = |a: &Quantity, b: &Quantity| {
        a.sentence == b.sentence
            && a.range.end <= b.range.start
            && matches!(norm[a.range.end..b.range.start].trim(), "、" | "和" | "及")
    };
    let run_end = |mut e: usize| {
        while e + 1 < qs.len() && listed(&qs[e], &qs[e + 1]) {
            e += 1;
        }
        e
    };
    let mut roles = vec![None; qs.len()];
    let mut k = 0;
    while k < qs.len() {
        let e = run_end(k);
        let n = e + 1;
        let link = qs
            .get(n)
            .filter(|q| q.sentence == qs[e].sentence && q.range.start >= qs[e].range.end)
            .is_some_and(|q| {
                let between = norm[qs[e].range.end..q.range.start].trim();
                between.chars().count() <= 5
                    && between.ends_with(['到', '至'])
                    && !between.contains([',', '。', ';', '、', ':'])
            });
        if let (true, Some((mark, year))) = (link, from_mark(norm, &qs[k])) {
            let f = run_end(n);
            for role in &mut roles[k..=e] {
                *role = Some(ChangeRole::From { year });
            }
            for (j, role) in roles[n..=f].iter_mut().enumerate() {
                *role = Some(ChangeRole::To { base: (k + j).min(e), mark, year });
            }
            k = f + 1;
        } else {
            k = e + 1;
        }
    }
    roles
}

/// `由2020年的`, `从`: where the mark of a change's start stands before `q`, and the year.
fn from_mark(norm: &str, q: &Quantity) -> Option<(usize, Option<i32>)> {
    let mut from = q.range.start.saturating_sub(40);
    while !norm.is_char_boundary(from) {
        from += 1;
    }
    let before = norm[from..q.range.start].trim_end().trim_end_matches('的');
    let dated = before.trim_end_matches(['底', '末']);
    let (before, year) = match dated.strip_suffix('年') {
        Some(d)
            if d.get(d.len().saturating_sub(4)..)
                .is_some_and(|y| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit())) =>
        {
            (&d[..d.len() - 4], d[d.len() - 4..].parse().ok())
        }
        _ => (before, None),
    };
    let mark = before.strip_suffix(['由', '从'])?;
    Some((from + mark.len(), year))
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

/// The label of a table row without its unit: `地区生产总值` in `地区生产总值(亿元)`.
fn row_label(norm: &str, label: Range<usize>) -> Option<Range<usize>> {
    let text = &norm[label.clone()];
    let lead = text.len() - text.trim_start().len();
    let body = text.trim();
    let body = match body.rfind('(') {
        Some(i) if body.ends_with(')') => body[..i].trim_end(),
        _ => body,
    };
    let n = body.chars().count();
    let start = label.start + lead;
    ((2..=24).contains(&n) && !body.chars().all(|c| c.is_ascii_digit())).then_some(start..start + body.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicons_parse() {
        let r = TargetRules::new(&Lexicons::embedded().unwrap()).unwrap();
        assert!(r.is_classifier("家"));
        assert!(r.is_classifier("万人"));
        assert!(!r.is_classifier("亿元"));
        assert_eq!(r.role("达到"), Some(StopRole::Link));
        assert_eq!(r.role("力争"), Some(StopRole::Link));
        assert_eq!(r.role("全年"), Some(StopRole::Stop));
    }

    #[test]
    fn table_row_labels_drop_their_unit() {
        let norm = "地区生产总值(亿元)";
        assert_eq!(row_label(norm, 0..norm.len()).map(|r| &norm[r]), Some("地区生产总值"));
        assert_eq!(row_label("1", 0..1), None);
    }
}

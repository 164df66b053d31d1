//! The fields researchers code beside a target's value: `hedge` (how firmly it is stated),
//! `binding` (约束性 or 预期性 in a plan) and `base` (what a change is measured from). Words
//! come from `qualifiers.txt` and `time_words.txt`; every search stays inside the sentence.

use super::{Quantity, TargetDraft, CUE_WINDOW};
use crate::document::{Base, Binding, Comparator, Hedge, Measure, Status};
use crate::error::Result;
use crate::extract::Context;
use crate::lexicon::{file_error, Lexicons, QualifierKind};
use aho_corasick::{AhoCorasick, MatchKind};
use std::ops::Range;

/// The hedge and binding words, compiled once.
#[derive(Debug)]
pub(super) struct QualifierRules {
    words: AhoCorasick,
    kinds: Vec<QualifierKind>,
    /// `预计`: estimate words, which reach every quantity after them in a sentence.
    estimates: AhoCorasick,
}

impl QualifierRules {
    pub(super) fn new(lex: &Lexicons) -> Result<QualifierRules> {
        let build = |estimate: bool| {
            let rows: Vec<_> =
                lex.qualifiers.iter().filter(|q| (q.kind == QualifierKind::Estimate) == estimate).collect();
            let ac = AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .build(rows.iter().map(|q| q.word.as_str()))
                .map_err(|e| file_error("qualifiers.txt", e))?;
            Ok::<_, crate::error::Error>((ac, rows.iter().map(|q| q.kind).collect::<Vec<_>>()))
        };
        let (words, kinds) = build(false)?;
        let (estimates, _) = build(true)?;
        Ok(QualifierRules { words, kinds, estimates })
    }

    /// Whether an estimate word (`预计`) stands in `text`.
    pub(super) fn estimated(&self, text: &str) -> bool {
        self.estimates.is_match(text)
    }

    /// The hedges in `text`, in text order, with their start.
    fn hedges(&self, text: &str) -> Vec<(usize, Hedge)> {
        self.words
            .find_iter(text)
            .filter_map(|m| match self.kinds[m.pattern().as_usize()] {
                QualifierKind::Hedge(h) => Some((m.start(), h)),
                _ => None,
            })
            .collect()
    }

    fn binding_in(&self, text: &str) -> Option<Binding> {
        self.words.find_iter(text).find_map(|m| match self.kinds[m.pattern().as_usize()] {
            QualifierKind::Binding(b) => Some(b),
            _ => None,
        })
    }

    /// How firmly the quantity is stated: a commitment or an aspiration before it in its
    /// clause, then an approximation in its own words (`6%左右`, `约300家`), then a
    /// commitment or aspiration earlier in its sentence. Only targets are firm or aims (a
    /// result `争取` is money obtained); any quantity may be approximate.
    pub(super) fn hedge(
        &self,
        norm: &str,
        sentence: Range<usize>,
        clause: &Range<usize>,
        t: &TargetDraft,
    ) -> Option<Hedge> {
        let q = &t.quantity;
        let commit = |h: &Hedge| *h != Hedge::About && t.status == Status::Target;
        let lo = clause.start.min(q.range.start);
        let own = self.hedges(&norm[lo..q.range.end]).into_iter().rev().find(|(_, h)| commit(h)).map(|x| x.1);
        let about = || {
            let words = &norm[q.range.clone()];
            let before = &norm[lo..q.range.start];
            let word =
                self.hedges(words).into_iter().chain(self.hedges(before)).any(|(_, h)| h == Hedge::About);
            (word || q.comparator == Comparator::Approx).then_some(Hedge::About)
        };
        let mut from = sentence.start.max(q.range.start.saturating_sub(CUE_WINDOW));
        while !norm.is_char_boundary(from) {
            from += 1;
        }
        let earlier =
            || self.hedges(&norm[from..lo.max(from)]).into_iter().rev().find(|(_, h)| commit(h)).map(|x| x.1);
        own.or_else(about).or_else(earlier)
    }

    /// 约束性 or 预期性: after the number in its clause (`下降13.5%(约束性)`), in its table
    /// row, in a label before it in its sentence (`约束性指标:…`), or in its section headings.
    pub(super) fn binding(
        &self,
        ctx: &Context,
        clause: &Range<usize>,
        next: Option<usize>,
        q: &Quantity,
    ) -> Option<Binding> {
        let norm = ctx.norm();
        let end = next.map_or(clause.end, |n| n.min(clause.end)).max(q.range.end);
        if let Some(b) = self.binding_in(&norm[q.range.end..end]) {
            return Some(b);
        }
        if let Some(cell) = ctx.structure.tables.cell_at(q.range.start) {
            if let Some(b) = self.binding_in(&norm[cell.row().span.clone()]) {
                return Some(b);
            }
        }
        let sentence = ctx.structure.sentences.get(q.sentence)?.range.clone();
        let mut from = sentence.start.max(q.range.start.saturating_sub(CUE_WINDOW));
        while !norm.is_char_boundary(from) {
            from += 1;
        }
        // A label over a list: `约束性指标:…`, `预期性指标有…`.
        let before = &norm[from..q.range.start.max(from)];
        let label = self.words.find_iter(before).filter_map(|m| match self.kinds[m.pattern().as_usize()] {
            QualifierKind::Binding(b) => {
                let rest = before[m.end()..].trim_start_matches(['(', ')']);
                rest.strip_prefix("指标").is_some_and(|r| r.starts_with([':', '有', '为', '包'])).then_some(b)
            }
            _ => None,
        });
        if let Some(b) = label.last() {
            return Some(b);
        }
        let mut h = ctx.structure.section_at(q.range.start);
        for _ in 0..8 {
            let Some(i) = h else { break };
            let head = ctx.structure.headings.get(i)?;
            if let Some(b) = self.binding_in(&norm[head.title.clone()]) {
                return Some(b);
            }
            h = head.parent;
        }
        None
    }
}

/// What a growth or change is measured from. `change` is the quantity this one changes from
/// (`由80%提高到90%`) with its year, `period_start` the first year of the plan's period.
pub(super) fn base(
    ctx: &Context,
    clause: &Range<usize>,
    t: &TargetDraft,
    change: Option<(&Quantity, Option<i32>)>,
    period_start: Option<i32>,
) -> Option<Base> {
    if let Some((from, year)) = change {
        return Some(Base { year, value: Some(from.value), annual: false });
    }
    let norm = ctx.norm();
    let q = &t.quantity;
    let before = &norm[clause.start.min(q.range.start)..q.range.start];
    let found = ctx.grammar.time.base_in(before);
    let change_word = t.measure == Measure::Growth || found.year.is_some() || found.back.is_some();
    if found.is_empty() || !change_word {
        return None;
    }
    let year = found.year.or_else(|| found.back.and_then(|b| t.year.map(|y| y - b))).or_else(|| {
        // `年均增长7%` in a plan for 2021–2025 is measured from 2020.
        found.annual.then_some(period_start.map(|p| p - 1)).flatten()
    });
    Some(Base { year, value: None, annual: found.annual })
}

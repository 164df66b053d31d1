//! The two parts of a work report (政府工作报告), and of any text that first reviews a year and
//! then plans the next: everything in the review part reports on the year before the
//! report's year (results, facts), everything in the plan part sets the report's year's
//! targets. Excerpts often lack the review heading; then everything before the plan part is
//! the review. The words come from `report_parts.txt`.
//!
//! The parts are found once per document in one pass over its short lines (headings) and
//! sentence openings, so the work is linear in the text.

use super::{Quantity, TargetDraft};
use crate::error::Result;
use crate::extract::Context;
use crate::grammar::time::TimeGrammar;
use crate::lexicon::{file_error, Lexicons, ReportRole, UnitKind};
use aho_corasick::{AhoCorasick, MatchKind};
use std::ops::Range;

/// Longest line, in characters, read as the heading of a part.
const MAX_HEADING: usize = 40;
/// Characters at the start of a sentence searched for an opening word.
const OPENING_CHARS: usize = 40;

/// The report vocabulary, compiled once.
#[derive(Debug)]
pub(super) struct ReportRules {
    words: AhoCorasick,
    roles: Vec<ReportRole>,
}

/// Which part of a report a position lies in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Part {
    Review,
    Plan,
}

/// The parts of one report; byte ranges into the normalised text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct ReportParts {
    /// The report's year: the year its plan is for (the review is of the year before).
    pub(super) year: Option<i32>,
    /// The year the review part reports on: the review heading's, else the year before the
    /// plan's (its first year for a span).
    reviewed: Option<i32>,
    review: Range<usize>,
    plan: Range<usize>,
}

impl ReportRules {
    pub(super) fn new(lex: &Lexicons) -> Result<ReportRules> {
        let words = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(lex.report_parts.iter().map(|w| w.word.as_str()))
            .map_err(|e| file_error("report_parts.txt", e))?;
        Ok(ReportRules { words, roles: lex.report_parts.iter().map(|w| w.role).collect() })
    }

    /// Whether `text` holds a word of `role` (outside 《》 titles when `outside_titles`).
    pub(super) fn has(&self, text: &str, role: ReportRole, outside_titles: bool) -> bool {
        self.words.find_iter(text).any(|m| {
            self.roles[m.pattern().as_usize()] == role && !(outside_titles && in_title(text, m.start()))
        })
    }

    /// Whether `text` starts with a word of `role`.
    pub(super) fn starts_with(&self, text: &str, role: ReportRole) -> bool {
        self.words
            .find_iter(text)
            .next()
            .is_some_and(|m| m.start() == 0 && self.roles[m.pattern().as_usize()] == role)
    }
}

impl ReportParts {
    /// The parts of the document, when it is a report: it has a review heading, or a report
    /// word (`向大会报告工作`) in its title or before its plan part, and a review or a plan
    /// part to show.
    pub(super) fn find(rules: &ReportRules, ctx: &Context, time: &TimeGrammar) -> Option<ReportParts> {
        let norm = ctx.norm();
        let st = ctx.structure;
        // Short lines and heading titles, in text order.
        let mut heads: Vec<Range<usize>> = Vec::new();
        let mut at = 0;
        for line in norm.split_inclusive('\n') {
            let body = line.trim_end_matches('\n');
            let lead = body.len() - body.trim_start().len();
            let t = body.trim();
            let n = t.chars().count();
            if (2..=MAX_HEADING).contains(&n) && !t.ends_with(['。', ';', ',']) {
                heads.push(at + lead..at + lead + t.len());
            }
            at += line.len();
        }
        heads.extend(
            st.headings
                .iter()
                .map(|h| h.title.clone())
                .filter(|r| norm[r.clone()].chars().count() <= MAX_HEADING),
        );
        heads.sort_by_key(|r| r.start);
        heads.dedup_by_key(|r| r.start);
        let mut review: Option<(usize, Option<i32>)> = None;
        let mut plan: Option<(usize, Option<i32>)> = None;
        for r in &heads {
            let text = &norm[r.clone()];
            let year = time.years_in(text).last().map(|y| y.1);
            if review.is_none() && plan.is_none() && rules.has(text, ReportRole::Review, true) {
                review = Some((r.start, year));
                continue;
            }
            let later = match (year, review.and_then(|r| r.1)) {
                (Some(y), Some(r)) => y > r,
                (Some(_), None) => true,
                (None, _) => text.contains("今年"),
            };
            if later && rules.has(text, ReportRole::Plan, true) && !rules.has(text, ReportRole::Review, true)
            {
                plan = Some((r.start, year));
                break;
            }
        }
        // A sentence that opens the plan without a heading (`今年…主要预期目标是:`).
        let from = review.map_or(0, |r| r.0);
        let until = plan.map_or(norm.len(), |p| p.0);
        for (_, s) in ctx.sentences() {
            if s.range.start < from || s.heading.is_some() {
                continue;
            }
            if s.range.start >= until {
                break;
            }
            let head: String = norm[s.range.clone()].chars().take(OPENING_CHARS).collect();
            if rules.has(&head, ReportRole::Opening, true) {
                plan = Some((s.range.start, time.years_in(&head).first().map(|y| y.1)));
                break;
            }
        }
        let title = st.title.clone().map_or("", |r| &norm[r]);
        let plan_start = plan.map(|p| p.0);
        let before_plan = &norm[..plan_start.unwrap_or(norm.len())];
        let said =
            rules.has(title, ReportRole::Report, true) || rules.has(before_plan, ReportRole::Report, true);
        // A review heading with a plan after it, or a text that calls itself a report. A review
        // heading alone (`一、“十三五”回顾` in a five-year plan) makes no report.
        let report = (review.is_some() && plan.is_some()) || said;
        if !report || (review.is_none() && plan.is_none()) {
            return None;
        }
        let year = plan
            .and_then(|p| p.1)
            .or_else(|| review.and_then(|r| r.1).map(|y| y + 1))
            .or_else(|| st.year())
            .or_else(|| time.years_in(title).first().map(|y| y.1));
        // A plan for a span (`二、2021—2025年发展目标`) reviews the years before its start.
        let span_start = plan.and_then(|p| {
            let head: String = norm[p.0..].chars().take(MAX_HEADING).collect();
            let years = time.years_in(&head);
            let first =
                head.find(|c: char| c.is_ascii_digit()).and_then(|i| head.get(i..i + 4)?.parse::<i32>().ok());
            first.filter(|f| years.first().is_some_and(|y| y.1 > *f))
        });
        let reviewed =
            review.and_then(|r| r.1).or_else(|| span_start.map(|y| y - 1)).or_else(|| year.map(|y| y - 1));
        let end = plan_start.unwrap_or(norm.len());
        Some(ReportParts { year, reviewed, review: review.map_or(0, |r| r.0)..end, plan: end..norm.len() })
    }

    /// The part that holds `byte`, if any.
    pub(super) fn part_at(&self, byte: usize) -> Option<Part> {
        if self.review.contains(&byte) {
            Some(Part::Review)
        } else if self.plan.contains(&byte) {
            Some(Part::Plan)
        } else {
            None
        }
    }

    /// The year a part speaks of: the year before the report's for the review.
    pub(super) fn year_of(&self, part: Part) -> Option<i32> {
        match part {
            Part::Review => self.reviewed,
            Part::Plan => self.year,
        }
    }
}

/// Whether byte `i` of `text` lies inside a 《…》 title (looking back at most 200 bytes):
/// a period cited in a title (`《…行动计划(2021—2023年)》`) says nothing about the text.
pub(super) fn in_title(text: &str, i: usize) -> bool {
    let mut from = i.saturating_sub(200);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = &text[from..i.min(text.len())];
    match (before.rfind('《'), before.rfind('》')) {
        (Some(o), Some(c)) => o > c,
        (Some(_), None) => true,
        _ => false,
    }
}

impl super::TargetRules {
    /// The specs of a project still being built: an investment right before `的` and the
    /// project (`投资100亿元的…工程开工建设`, and the next items of its list), with no word in
    /// the clause that says the project is finished (`建成通车`, `投入使用`).
    pub(super) fn is_spec(
        &self,
        norm: &str,
        q: &Quantity,
        clause: &Range<usize>,
        prev: Option<&TargetDraft>,
    ) -> bool {
        if q.kind != Some(UnitKind::Money) || !norm[q.range.end..].trim_start().starts_with('的') {
            return false;
        }
        let before = norm[clause.start.min(q.range.start)..q.range.start].trim_end();
        // `总投资X亿元的` counts the projects a review started or signed: a result; `年度投资`
        // is the year's own amount.
        let invest = ["投资", "投资额"].iter().any(|w| before.ends_with(w))
            && !before.ends_with("总投资")
            && !before.ends_with("年度投资");
        let listed = prev.is_some_and(|p| {
            let between = norm.get(p.quantity.range.end..q.range.start).unwrap_or("");
            p.spec
                && p.quantity.sentence == q.sentence
                && between.ends_with('、')
                && !between.contains([',', '。', ';'])
        });
        (invest || listed)
            && !self.report.has(&norm[q.range.end..clause.end.max(q.range.end)], ReportRole::Done, false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_hide_their_periods() {
        let t = "落实《三年行动计划(2021—2023年)》要求,2024年完成";
        assert!(in_title(t, t.find("2023").unwrap()));
        assert!(!in_title(t, t.find("2024").unwrap()));
    }

    #[test]
    fn words_by_role() {
        let r = ReportRules::new(&Lexicons::embedded().unwrap()).unwrap();
        assert!(r.has("一、2023年工作回顾", ReportRole::Review, true));
        assert!(r.has("二、2024年工作安排", ReportRole::Plan, true));
        assert!(!r.has("学习《政府工作报告》", ReportRole::Report, true));
        assert!(r.has("我代表市人民政府向大会报告工作", ReportRole::Report, true));
        assert!(r.starts_with("累计投入", ReportRole::Planned));
    }
}

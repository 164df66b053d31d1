//! The year a quantity is for: the nearest year the text ties it to (before it in the
//! sentence, at the head of its paragraph, in its section headings), else the year its time
//! words or its status point to.

use super::status::DocInfo;
use super::{Quantity, YEAR_WINDOW};
use crate::document::Status;
use crate::extract::Context;

/// The year a quantity is for: a year written before it in its sentence (the end of a
/// `2023-2025年` range), else the document's year when the sentence speaks of the current
/// year (`全年`, `截至6月`), else the plan's end year for targets, else the document's year.
pub(super) fn year_of(ctx: &Context, doc: &DocInfo, q: &Quantity, status: Status) -> Option<i32> {
    let norm = ctx.norm();
    let sentence = ctx.structure.sentences[q.sentence].range.clone();
    // Only the stretch just before the number: work stays bounded on long sentences.
    let mut from = q.range.start.saturating_sub(YEAR_WINDOW).max(sentence.start);
    while !norm.is_char_boundary(from) {
        from += 1;
    }
    let before = &norm[from..q.range.start.max(from)];
    if let Some(&(_, y)) = doc.time.years_in(before).last() {
        return Some(y);
    }
    // A year opening the paragraph (`2023年,…预期指标是:`) frames what follows.
    let para_start = doc.para_start.get(q.sentence).copied().unwrap_or(0).min(sentence.start);
    let para_head: String = norm[para_start..sentence.start].chars().take(12).collect();
    if let Some(&(_, y)) = doc.time.years_in(&para_head).first() {
        return Some(y);
    }
    // `过去一年` in a report dated 2024 reviews 2023.
    if status == Status::Achieved && doc.times.get(q.sentence).is_some_and(|t| t.last_year) {
        if let Some(y) = doc.year {
            return Some(y - 1);
        }
    }
    // A heading that names a year (`2023年工作回顾`) frames its section.
    let mut h = ctx.structure.section_at(q.range.start);
    let mut depth = 0;
    while let (Some(i), true) = (h, depth < 8) {
        let Some(head) = ctx.structure.headings.get(i) else { break };
        if let Some(&(_, y)) = doc.time.years_in(&norm[head.title.clone()]).last() {
            return Some(y);
        }
        h = head.parent;
        depth += 1;
    }
    if doc.times.get(q.sentence).is_some_and(|t| t.current) {
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

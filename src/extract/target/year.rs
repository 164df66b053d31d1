//! The year a quantity is for: the nearest year the text ties it to (before it in the
//! sentence, at the head of its paragraph, in its section headings), else the year its time
//! words or its status point to.

use super::report::{in_title, Part};
use super::status::DocInfo;
use super::{clause_around, Quantity, YEAR_WINDOW};
use crate::document::Status;
use crate::extract::Context;
use crate::grammar::time::is_duration;
use crate::lexicon::UnitKind;
use std::ops::Range;

/// The year a quantity is for: a year written before it in its sentence (the end of a
/// `2023-2025年` range), else the document's year when the sentence speaks of the current
/// year (`全年`, `截至6月`), else the plan's end year for targets, else the document's year.
///
/// In a work report the part decides when the sentence names no year: the review's results
/// are of the year before the report's, the plan's targets of the report's year; totals over
/// several years (`累计`, `三年增长`, `近三年`) and each-year amounts (`每年`) have none.
/// `skip` is the base of a change (`由2020年的80%`), whose year is not the quantity's.
pub(super) fn year_of(
    ctx: &Context,
    doc: &DocInfo,
    q: &Quantity,
    status: Status,
    skip: Option<Range<usize>>,
) -> Option<i32> {
    let norm = ctx.norm();
    let sentence = ctx.structure.sentences[q.sentence].range.clone();
    // Only the stretch just before the number: work stays bounded on long sentences.
    let mut from = q.range.start.saturating_sub(YEAR_WINDOW).max(sentence.start);
    while !norm.is_char_boundary(from) {
        from += 1;
    }
    let before = &norm[from..q.range.start.max(from)];
    // A year in the number's clause, or one framing the whole sentence from its first
    // clause (`2023年,全市…`).
    let clause = clause_around(norm, q.range.clone(), sentence.clone());
    let first_clause = clause_around(norm, sentence.start..sentence.start, sentence.clone());
    let percent = matches!(q.kind, Some(UnitKind::Percent | UnitKind::Multiple));
    let written = doc.time.years_in(before).into_iter().rev().find(|&(i, _)| {
        let at = from + i;
        let after = &before[i + 4..];
        let gap = &norm[at + 4..q.number.start.max(at + 4)];
        (clause.contains(&at) || first_clause.contains(&at))
            // A period cited in a title (`《…(2021—2023年)》`).
            && !in_title(before, i)
            && !skip.as_ref().is_some_and(|r| r.contains(&at))
            // The start of a span (`自2017年以来累计`, `从2024年起`).
            && !["年以来", "年来", "年起", "年开始"].iter().any(|w| after.starts_with(w))
            // The start of a change (`由2020年的80%`) dates only the value it starts from,
            // and the base of a ratio (`是2019年的113.7%`) none.
            && (change_start(&before[..i], gap)
                || !((["由", "从"].iter().any(|w| before[..i].ends_with(w))
                    && after.starts_with("年")
                    && after.contains("的"))
                    || (percent && ratio_base(gap))))
    });
    if let Some((_, y)) = written {
        return Some(y);
    }
    // `到2021年全县生产总值达到170亿元,年均增长12%以上`: a horizon earlier in the sentence
    // dates the goals listed after it.
    if status == Status::Target {
        if let Some(y) = doc.horizon.get(q.sentence).copied().flatten() {
            if norm[sentence.start..q.range.start].contains(&format!("{y}年")) {
                return Some(y);
            }
        }
    }
    if let Some((part, parts)) = doc.part_at(q.range.start).zip(doc.parts.as_ref()) {
        let lead = &norm[clause.start.min(q.range.start)..q.range.start];
        return match part {
            // A static description is of no particular year; a result cited in the plan
            // (`去年脱贫的3403名`, `已有11个`) is of the year reviewed.
            _ if status == Status::Fact => None,
            Part::Plan if status == Status::Achieved => parts.year_of(Part::Review),
            Part::Review if several_years(lead, &norm[sentence.start..q.range.start]) => None,
            Part::Plan if lead.contains("每年") => None,
            Part::Plan | Part::Review => parts.year_of(part),
        };
    }
    // A sentence opening with a year earlier in the paragraph (`2023年,…预期指标是:`) frames
    // what follows it; the nearest one counts.
    let para_start = doc.para_start.get(q.sentence).copied().unwrap_or(0);
    let framed = (q.sentence.saturating_sub(6)..q.sentence)
        .rev()
        .take_while(|&i| ctx.structure.sentences[i].range.end > para_start)
        .find_map(|i| doc.opening.get(i).copied().flatten());
    if let Some(y) = framed {
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

/// Whether the words before a number in a review span several years: `累计` in its clause,
/// `近三年`, `三年增长`, `三年翻番` before it, `五年来` in its sentence.
fn several_years(clause: &str, sentence: &str) -> bool {
    if clause.contains("累计") || sentence.contains("年来") || sentence.contains("年以来") {
        return true;
    }
    sentence.match_indices('年').any(|(i, _)| {
        let head: Vec<char> = sentence[..i].chars().rev().take(3).collect();
        let after = &sentence[i + '年'.len_utf8()..];
        (1..=2).any(|n| {
            let num: String = head.iter().take(n).rev().collect();
            let led = head.get(n) == Some(&'近');
            let span = is_duration(&format!("{num}年"));
            let change = ["增长", "翻", "累计", "提高"].iter().any(|w| after.starts_with(w));
            span && (led || (change && sentence.len() - i < 40))
        })
    })
}

/// Whether a year is the start of a change and the number right after it is the value it
/// starts from: `由2010年的162.4亿元增加到…` dates 162.4 to 2010.
fn change_start(lead: &str, gap: &str) -> bool {
    ["由", "从"].iter().any(|w| lead.ends_with(w)) && gap == "年的"
}

/// Whether the words between a year and a percentage make the year the base of a ratio:
/// `是2019年的113.7%`, `分别恢复到2019年的104.9%、110.3%` (the list before the number
/// included).
fn ratio_base(gap: &str) -> bool {
    ["年的", "年同期的", "年水平的"].iter().any(|w| {
        gap.strip_prefix(w)
            .is_some_and(|rest| rest.chars().all(|c| c.is_ascii_digit() || "．.%、和及 ".contains(c)))
    })
}

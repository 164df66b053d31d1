//! Stage 6: turn the extractors' byte ranges into the `zhengce/1` document: code-point
//! spans, original strings, ids (`S1`, `T1`, `P1`, `K1`) and the links between them.

use crate::document::*;
use crate::extract::project::ProjectDraft;
use crate::extract::target::TargetDraft;
use crate::extract::task::TaskDraft;
use crate::extract::unit::{aggregate, UnitMention};
use crate::extract::Context;
use std::ops::Range;

/// Everything the document is made of.
pub struct Parts<'a, 'd> {
    pub source: &'a str,
    pub encoding: String,
    pub errors: Vec<String>,
    pub pages: Vec<usize>,
    pub ctx: &'a Context<'d>,
    pub targets: &'a [TargetDraft],
    pub projects: &'a [ProjectDraft],
    pub mentions: &'a [UnitMention],
    pub tasks: &'a [TaskDraft],
}

/// For each point, the index of the shortest range holding it (the first such range on a
/// tie), or `None`. One sweep over points and ranges in order: O((n + m) log m), where
/// testing every range per point was quadratic on long documents.
pub fn innermost(ranges: &[Range<usize>], points: &[usize]) -> Vec<Option<usize>> {
    use std::cmp::Reverse;
    use std::collections::{BTreeSet, BinaryHeap};
    let mut by_start: Vec<usize> = (0..ranges.len()).filter(|&k| !ranges[k].is_empty()).collect();
    by_start.sort_by_key(|&k| ranges[k].start);
    let mut order: Vec<usize> = (0..points.len()).collect();
    order.sort_by_key(|&i| points[i]);
    let mut active: BTreeSet<(usize, usize)> = BTreeSet::new(); // (length, index)
    let mut ends: BinaryHeap<Reverse<(usize, usize)>> = BinaryHeap::new(); // (end, index)
    let mut next = 0;
    let mut out = vec![None; points.len()];
    for i in order {
        let b = points[i];
        while next < by_start.len() && ranges[by_start[next]].start <= b {
            let k = by_start[next];
            active.insert((ranges[k].len(), k));
            ends.push(Reverse((ranges[k].end, k)));
            next += 1;
        }
        while let Some(&Reverse((end, k))) = ends.peek() {
            if end > b {
                break;
            }
            active.remove(&(ranges[k].len(), k));
            ends.pop();
        }
        out[i] = active.first().map(|&(_, k)| k);
    }
    out
}

fn page_of(pages: &[usize], ch: usize) -> Option<usize> {
    if pages.is_empty() {
        None
    } else {
        Some(pages.partition_point(|&p| p <= ch).max(1))
    }
}

/// Builds the document.
pub fn assemble(p: Parts) -> Document {
    let text = p.ctx.text();
    let st = p.ctx.structure;
    let span = |r: &Range<usize>| -> Span { text.span(r.clone()) };
    let orig = |r: &Range<usize>| -> String { text.original(r.clone()).to_string() };
    let sid = |i: usize| format!("S{}", i + 1);

    let sections = st
        .headings
        .iter()
        .enumerate()
        .map(|(i, h)| Section {
            id: sid(i),
            parent: h.parent.map(sid),
            level: h.level,
            marker: orig(&h.marker),
            title: orig(&h.title),
            span: span(&h.body),
        })
        .collect();

    // A target belongs to the task whose range holds it (smallest first), found for all
    // targets in one sweep instead of scanning every task per target.
    let task_ranges: Vec<Range<usize>> = p.tasks.iter().map(|t| t.range.clone()).collect();
    let target_task =
        innermost(&task_ranges, &p.targets.iter().map(|t| t.quantity.range.start).collect::<Vec<_>>());

    let targets = p
        .targets
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let q = &t.quantity;
            let s = span(&q.range);
            Target {
                id: format!("T{}", i + 1),
                span: s,
                text: orig(&t.clause),
                indicator: t.indicator.as_ref().map(&orig),
                value: q.value,
                value_max: q.value_max,
                unit: q.unit.clone(),
                normalized: q.normalized.clone(),
                comparator: q.comparator,
                measure: t.measure,
                status: t.status,
                year: t.year,
                hedge: t.hedge,
                binding: t.binding,
                base: t.base.clone(),
                section: st.section_at(q.range.start).map(sid),
                task: target_task[i].map(|k| format!("K{}", k + 1)),
                canonical: None,
                category: None,
                page: page_of(&p.pages, s[0]),
            }
        })
        .collect();

    let projects = p
        .projects
        .iter()
        .enumerate()
        .map(|(i, pr)| {
            let first = pr.mentions.first().map(|m| m.start).unwrap_or(0);
            Project {
                id: format!("P{}", i + 1),
                name: pr.name.clone(),
                kind: pr.kind,
                mentions: pr.mentions.iter().map(span).collect(),
                section: st.section_at(first).map(sid),
                investment: pr.investment.as_ref().map(|q| Investment {
                    value: q.value,
                    unit: q.unit.clone(),
                    normalized: q.normalized.clone(),
                }),
                year: pr.year,
                aliases: pr.aliases.clone(),
            }
        })
        .collect();

    let tasks = p
        .tasks
        .iter()
        .enumerate()
        .map(|(k, t)| Task {
            id: format!("K{}", k + 1),
            section: t.section.map(sid),
            title: orig(&t.title),
            span: span(&t.range),
            units: t.units.iter().map(|(name, role)| TaskUnit { name: name.clone(), role: *role }).collect(),
            deadline: t.deadline.clone(),
            targets: t.targets.iter().map(|i| format!("T{}", i + 1)).collect(),
            projects: t.projects.iter().map(|i| format!("P{}", i + 1)).collect(),
        })
        .collect();

    Document {
        schema: SCHEMA.to_string(),
        source: p.source.to_string(),
        encoding: p.encoding,
        title: st.title.as_ref().map(|r| orig(r).trim().to_string()),
        issuer: st.issuer.clone(),
        place: st.place.clone(),
        date: st.date.clone(),
        period: st.period,
        chars: text.chars(),
        sha256: None,
        sections,
        targets,
        projects,
        units: aggregate(p.mentions),
        tasks,
        boilerplate: p.ctx.cleaned.boilerplate.iter().map(span).collect(),
        pages: p.pages,
        errors: p.errors,
    }
}

#[cfg(test)]
mod tests {
    use super::innermost;
    use std::ops::Range;

    fn brute(ranges: &[Range<usize>], b: usize) -> Option<usize> {
        ranges.iter().enumerate().filter(|(_, r)| r.contains(&b)).min_by_key(|(_, r)| r.len()).map(|(k, _)| k)
    }

    #[test]
    fn innermost_matches_a_scan() {
        // Nested, overlapping, duplicate, empty and disjoint ranges, points in any order.
        let ranges = vec![0..100, 10..40, 20..30, 20..30, 35..60, 50..50, 70..80, 90..120];
        let points: Vec<usize> =
            vec![95, 0, 25, 9, 10, 30, 36, 39, 40, 50, 59, 60, 75, 80, 100, 119, 120, 500, 20];
        let got = innermost(&ranges, &points);
        for (i, &b) in points.iter().enumerate() {
            assert_eq!(got[i], brute(&ranges, b), "point {b}");
        }
        assert_eq!(got[2], Some(2), "first of two equal ranges wins");
        assert_eq!(innermost(&[], &[3]), vec![None]);
    }
}

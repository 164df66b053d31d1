//! Stage 6: turn the extractors' byte ranges into the `zhengce/1` document: code-point
//! spans, original strings, ids (`S1`, `T1`, `P1`, `K1`) and the links between them.

use super::*;
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

    // A target or project belongs to the task whose range holds it (smallest first).
    let task_of = |byte: usize| -> Option<String> {
        p.tasks
            .iter()
            .enumerate()
            .filter(|(_, t)| t.range.contains(&byte))
            .min_by_key(|(_, t)| t.range.len())
            .map(|(k, _)| format!("K{}", k + 1))
    };

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
                section: st.section_at(q.range.start).map(sid),
                task: task_of(q.range.start),
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

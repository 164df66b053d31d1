//! Tasks: the smallest numbered or labelled piece of work that carries units, a deadline or
//! targets, linked to them.
//!
//! A task is built around each block of unit mentions (a label list, an actor clause, a
//! table row). Its start is the last list marker (`(1)`, `1.`, `(一)`, `一、`, `①`) before the
//! block and after the previous block, so that `(1)打造…。…(责任单位:A、B)` is one task; the
//! title is the text after the marker up to the first full stop (or the table's task cell).
//! Blocks that share a start (`牵头单位:A;配合单位:B`) make one task.

use super::project::ProjectDraft;
use super::target::TargetDraft;
use super::unit::UnitMention;
use super::Context;
use crate::document::Role;
use crate::grammar::char_floor;
use crate::grammar::marker::{at_boundary, last_marker, marker_at, needs_boundary};
use crate::grammar::time::parse_deadline;
use std::ops::Range;

/// One task; byte ranges into the normalised text.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskDraft {
    pub range: Range<usize>,
    pub title: Range<usize>,
    /// Index of the section (heading) it belongs to.
    pub section: Option<usize>,
    pub units: Vec<(String, Role)>,
    pub deadline: Option<String>,
    /// Indices into the target list.
    pub targets: Vec<usize>,
    /// Indices into the project list.
    pub projects: Vec<usize>,
}

/// Longest title we keep, in chars, before cutting at the first comma.
const MAX_TITLE: usize = 40;
/// How far back (bytes) we look for the marker that opens a task.
const MAX_BACK: usize = 6000;

/// Builds the tasks from the unit mentions' blocks.
pub fn build(
    ctx: &Context,
    targets: &[TargetDraft],
    projects: &[ProjectDraft],
    units: &[UnitMention],
) -> Vec<TaskDraft> {
    let norm = ctx.norm();
    let mut out: Vec<TaskDraft> = Vec::new();
    let mut prev_end = 0usize;
    let mut last_block: Option<Range<usize>> = None;
    // Task index by start offset, so a block that continues a task finds it in O(1).
    let mut by_start: rustc_hash::FxHashMap<usize, usize> = rustc_hash::FxHashMap::default();
    for m in units {
        let same_block = last_block.as_ref() == Some(&m.block);
        if !same_block {
            let start_key;
            let (range, title, deadline_text) = if let Some(row) = &m.row {
                start_key = m.block.start;
                let title =
                    row.title.clone().map(|t| first_clause(norm, t)).unwrap_or_else(|| m.block.clone());
                (m.block.clone(), title, row.deadline.clone())
            } else {
                let floor = prev_end.max(m.block.start.saturating_sub(MAX_BACK));
                let floor = char_floor(norm, floor.min(m.block.start));
                // A second label right after the first (`牵头单位:A;配合单位:B`) joins its task.
                let glued = norm[floor..m.block.start]
                    .trim_matches(|c: char| {
                        c.is_whitespace() || matches!(c, ';' | ',' | '、' | '(' | ')' | '。')
                    })
                    .is_empty();
                let (start, title) = match last_marker(norm, floor..m.block.start) {
                    _ if glued && !out.is_empty() => {
                        let t = out.last().expect("not empty");
                        (t.range.start, t.title.clone())
                    }
                    Some(mk) => (mk.range.start, title_after(norm, mk.range.end, m.block.start)),
                    None => {
                        // No marker: the sentence the block stands in, titled by its first clause.
                        let s = ctx.structure.sentences[m.sentence].range.clone();
                        let start = s.start.max(floor).min(m.block.start);
                        (start, first_clause(norm, start..m.block.start.max(start)))
                    }
                };
                start_key = start;
                (start..m.block.end, title, None)
            };
            match by_start.get(&start_key) {
                Some(&k) => out[k].range.end = out[k].range.end.max(range.end),
                None => {
                    by_start.insert(start_key, out.len());
                    let deadline = deadline_text.and_then(|r| parse_deadline(&norm[r]));
                    out.push(TaskDraft {
                        section: ctx.structure.section_at(range.start),
                        range,
                        title,
                        units: Vec::new(),
                        deadline,
                        targets: Vec::new(),
                        projects: Vec::new(),
                    });
                }
            }
            prev_end = prev_end.max(m.block.end);
            last_block = Some(m.block.clone());
        }
        let Some(task) = out.last_mut() else { continue };
        if !task.units.iter().any(|(n, r)| *n == m.name && *r == m.role) {
            task.units.push((m.name.clone(), m.role));
        }
    }
    // (offset, index) of every target and project mention, sorted, so linking a task is two
    // binary searches rather than a scan of every item per task.
    let mut target_starts: Vec<(usize, usize)> =
        targets.iter().enumerate().map(|(i, x)| (x.quantity.range.start, i)).collect();
    target_starts.sort_unstable();
    let mut project_starts: Vec<(usize, usize)> =
        projects.iter().enumerate().flat_map(|(i, p)| p.mentions.iter().map(move |m| (m.start, i))).collect();
    project_starts.sort_unstable();
    for t in &mut out {
        if t.deadline.is_none() {
            // The deadline may follow the unit list inside the same bracket.
            let tail = &norm[t.range.end..];
            let ext = tail.find([')', '。', '\n']).filter(|&i| i <= 120).unwrap_or(0);
            let time = &ctx.grammar.time;
            t.deadline = time.deadline_in(&norm[t.range.start..t.range.end + ext]).or_else(|| {
                // Or stand as its own sentence right after the labels:
                // `配合单位:B、C。完成时限:2024年12月底。`
                let gap = tail.len() - tail.trim_start_matches(['。', ';', ',', ')', ' ', '\n']).len();
                let next = &tail[gap..];
                let end = next.find(['。', ';', '\n']).unwrap_or(next.len()).min(80);
                let end = (0..=end).rev().find(|&i| next.is_char_boundary(i)).unwrap_or(0);
                let at = t.range.end + gap;
                time.deadline_in(&norm[at..at + end])
            });
        }
        t.targets = in_range(&target_starts, &t.range);
        let mut ps = in_range(&project_starts, &t.range);
        ps.sort_unstable();
        ps.dedup();
        t.projects = ps;
    }
    out
}

/// Indices of the items whose offset lies in `r`, in offset order.
fn in_range(starts: &[(usize, usize)], r: &Range<usize>) -> Vec<usize> {
    let lo = starts.partition_point(|(s, _)| *s < r.start);
    let hi = starts.partition_point(|(s, _)| *s < r.end);
    starts[lo..hi].iter().map(|(_, i)| *i).collect()
}

/// The title after a marker: up to the first full stop (or the block), cut at a comma when long.
fn title_after(norm: &str, from: usize, limit: usize) -> Range<usize> {
    let limit = limit.max(from);
    let text = &norm[from..limit];
    let end = text.find(['。', ';', '!', '?', '\n', ':']).map_or(limit, |i| from + i);
    let mut r = from..end;
    // A heading glued to the next marker (`打造高品质文化空间(1)`): stop at the marker.
    if let Some(mk) = last_marker(norm, r.clone()) {
        if mk.range.start > r.start {
            r.end = mk.range.start;
        }
    }
    // `(责任单位:` belongs to the block, not the title.
    if let Some(i) = norm[r.clone()].find('(') {
        if i > 0 {
            r.end = r.start + i;
        }
    }
    let t = norm[r.clone()].trim_end();
    r.end = r.start + t.len();
    if t.chars().count() > MAX_TITLE {
        if let Some(i) = t.find(',') {
            r.end = r.start + i;
        }
    }
    r
}

/// The first clause of `r` (to a comma or full stop), with a leading marker skipped.
fn first_clause(norm: &str, r: Range<usize>) -> Range<usize> {
    let text = &norm[r.clone()];
    let lead = text.len() - text.trim_start().len();
    let mut start = r.start + lead;
    if let Some(mk) = marker_at(norm, start) {
        if (!needs_boundary(mk.kind) || at_boundary(norm, start)) && mk.range.end <= r.end {
            start = mk.range.end;
        }
    }
    let t = &norm[start..r.end];
    let end = t.find([',', '。', ';', '!', '?', '\n', ':']).map_or(r.end, |i| start + i);
    start..end
}

#[cfg(test)]
mod tests {

    #[test]
    fn deadline_as_the_sentence_after_the_labels() {
        let p = crate::Pipeline::new().unwrap();
        let doc = p.extract_text(
            "-",
            "二、重点任务\n(一)深化改革。推行一网通办。牵头单位:县政务服务中心;配合单位:县发改局。完成时限:2024年12月底。\n",
        );
        assert_eq!(doc.tasks.len(), 1);
        assert_eq!(doc.tasks[0].deadline.as_deref(), Some("2024-12"));
    }
}

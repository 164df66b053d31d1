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
use super::unit::{Source, UnitMention};
use super::Context;
use crate::document::Role;
use crate::grammar::char_floor;
use crate::grammar::marker::last_marker;
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
/// Longest title sentence of a paragraph (`推动企业上云上平台。`) or heading line, in chars.
const MAX_TITLE_SENTENCE: usize = 30;

/// How a task was opened; it decides what joins it later.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Opened {
    /// At a list marker in the block's paragraph (or above a label-only paragraph).
    Marker,
    /// At a heading alone on its line, whose body paragraphs join it.
    Heading,
    /// At a paragraph that opens with a short title sentence.
    Titled,
    /// At the clause or sentence where its actor begins (`A负责…;B负责…` gives two).
    Segment,
    /// By a table row or a unit's item.
    Given,
}

/// Builds the tasks from the unit mentions' blocks.
///
/// A block's task starts at the list marker of its paragraph; a label alone on its
/// paragraph (`牵头单位:A` under an item) joins the item above. A paragraph without a
/// marker is a task of its own when it opens with a short title sentence
/// (`推动企业上云。…(责任单位:A)`); else it belongs to the heading above it when that heading
/// stands alone on its line and no paragraph since has been a task of its own; else its task
/// starts where its actor's clause does, so that duty lines `A负责…;B负责…` give one task each.
pub fn build(
    ctx: &Context,
    targets: &[TargetDraft],
    projects: &[ProjectDraft],
    units: &[UnitMention],
) -> Vec<TaskDraft> {
    let norm = ctx.norm();
    let mut out: Vec<TaskDraft> = Vec::new();
    let mut opened: Vec<Opened> = Vec::new();
    let mut prev_end = 0usize;
    let mut last_block: Option<Range<usize>> = None;
    let mut current: Option<usize> = None;
    // Where the last task opened by a paragraph of its own starts: it closes the heading
    // above it to the paragraphs after it.
    let mut own_since = 0usize;
    // Task index by start offset, so a block that continues a task finds it in O(1).
    let mut by_start: rustc_hash::FxHashMap<usize, usize> = rustc_hash::FxHashMap::default();
    for m in units {
        let same_block = last_block.as_ref() == Some(&m.block);
        if !same_block {
            let (start_key, range, title, deadline_text, how) = if let Some(row) = &m.row {
                let title = row.title.clone().map(|t| cell_title(norm, t)).unwrap_or_else(|| m.block.clone());
                (m.block.start, m.block.clone(), title, row.deadline.clone(), Opened::Given)
            } else {
                let last = current.map(|k| (&out[k], opened[k]));
                let p = place(ctx, m, prev_end, last, own_since);
                (p.start, p.start..m.block.end, p.title, None, p.how)
            };
            let k = match by_start.get(&start_key) {
                Some(&k) => {
                    out[k].range.end = out[k].range.end.max(range.end);
                    k
                }
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
                    opened.push(how);
                    if matches!(how, Opened::Titled | Opened::Segment) {
                        own_since = start_key;
                    }
                    out.len() - 1
                }
            };
            current = Some(k);
            prev_end = prev_end.max(m.block.end);
            last_block = Some(m.block.clone());
        }
        let Some(task) = current.map(|k| &mut out[k]) else { continue };
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

/// Where a block's task starts, its title and how it opened.
struct Placed {
    start: usize,
    title: Range<usize>,
    how: Opened,
}

/// Places a block that no table row or unit item gives: see [`build`]. `last` is the task
/// of the block before.
fn place(
    ctx: &Context,
    m: &UnitMention,
    prev_end: usize,
    last: Option<(&TaskDraft, Opened)>,
    own_since: usize,
) -> Placed {
    let norm = ctx.norm();
    let block = m.block.clone();
    let floor = char_floor(norm, prev_end.max(block.start.saturating_sub(MAX_BACK)).min(block.start));
    let para = paragraph(norm, block.start);
    let join = |t: &TaskDraft, how| Placed { start: t.range.start, title: t.title.clone(), how };
    // A second label right after the first (`牵头单位:A;配合单位:B`) joins its task.
    let glued = m.source == Source::Label
        && norm[floor..block.start]
            .trim_matches(|c: char| c.is_whitespace() || matches!(c, ';' | ',' | '、' | '(' | ')' | '。'))
            .is_empty();
    if let (true, Some((t, how))) = (glued, last) {
        return join(t, how);
    }
    let label_alone = m.source == Source::Label
        && norm[para.start..block.start].trim_matches(|c: char| c.is_whitespace() || c == '(').is_empty();
    let marker = last_marker(norm, floor..block.start);
    if let Some(mk) = &marker {
        if mk.range.start >= para.start || label_alone {
            // `(三)各乡镇人民政府:负责…`: the actor opens the item, so the item is the title.
            // (`4.由区教育局负责…`: a preposition alone before the actor is no title.)
            let title = match title_after(norm, mk.range.end, block.start) {
                t if norm[t.clone()].chars().count() < 2 => title_to(norm, mk.range.end, para.end),
                t => t,
            };
            return Placed { start: mk.range.start, title, how: Opened::Marker };
        }
    } else if let Some((t, how)) = last {
        // The block before stood in this paragraph (or this label closes its item).
        if label_alone || t.range.end > para.start {
            let new_segment =
                how == Opened::Segment && segment_start(norm, para.start, block.start) == block.start;
            if !new_segment {
                return join(t, how);
            }
        }
    }
    if let Some(title) = title_sentence(norm, para.clone(), block.start) {
        return Placed { start: para.start, title, how: Opened::Titled };
    }
    let window = char_floor(norm, para.start.saturating_sub(MAX_BACK));
    if let Some(h) = last_marker(norm, window..para.start) {
        if h.range.start >= own_since && heading_alone(norm, h.range.end) {
            return Placed {
                start: h.range.start,
                title: title_after(norm, h.range.end, para.start),
                how: Opened::Heading,
            };
        }
    }
    // A label on a line of its own (`(责任单位:经发办)`) answers for the paragraph above it.
    if label_alone {
        let above = norm[..para.start].trim_end();
        if !above.is_empty() {
            let prev = paragraph(norm, above.len());
            let title = title_sentence(norm, prev.clone(), prev.end)
                .unwrap_or_else(|| title_to(norm, prev.start, prev.end));
            return Placed { start: prev.start, title, how: Opened::Segment };
        }
    }
    let start = segment_start(norm, para.start, block.start);
    Placed { start, title: title_to(norm, start, para.end), how: Opened::Segment }
}

/// The line around byte `at`, without its leading and trailing spaces.
fn paragraph(norm: &str, at: usize) -> Range<usize> {
    let start = norm[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = norm[at..].find('\n').map_or(norm.len(), |i| at + i);
    let line = &norm[start..end];
    let lead = line.len() - line.trim_start().len();
    start + lead..start + line.trim_end().len()
}

/// Where the sentence or `;`-clause holding `at` starts (not before `from`), outside
/// brackets.
fn segment_start(norm: &str, from: usize, at: usize) -> usize {
    let mut depth = 0i32;
    for (i, c) in norm[from..at].char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' => depth -= 1,
            '。' | ';' | '!' | '?' if depth <= 0 => {
                let s = from + i + c.len_utf8();
                return s + (norm[s..].len() - norm[s..].trim_start().len());
            }
            _ => {}
        }
    }
    from
}

/// A short first sentence of the paragraph that the block does not stand in: the
/// paragraph's title (`推动企业上云上平台。…`).
fn title_sentence(norm: &str, para: Range<usize>, block: usize) -> Option<Range<usize>> {
    let text = &norm[para.clone()];
    let end = text.find('。')?;
    let sentence = &text[..end];
    let short = (2..=MAX_TITLE_SENTENCE).contains(&sentence.chars().count());
    (short && !sentence.contains([',', ';', ':', '(']) && para.start + end < block)
        .then(|| para.start..para.start + end)
}

/// Whether the marker ending at `from` heads a line of its own: a short title and nothing
/// more (`(一)建立专区监督管理体系`, `四、考核评价`, `(一)网络体系强基行动。`).
fn heading_alone(norm: &str, from: usize) -> bool {
    let end = norm[from..].find('\n').map_or(norm.len(), |i| from + i);
    let t = norm[from..end].trim().trim_end_matches('。');
    let n = t.chars().count();
    (1..=MAX_TITLE_SENTENCE).contains(&n) && !t.contains(['。', ',', ';'])
}

/// The title that starts at `from`: to the first full stop or line end before `limit`, cut
/// at a comma when long.
fn title_to(norm: &str, from: usize, limit: usize) -> Range<usize> {
    let limit = limit.max(from);
    let text = &norm[from..limit];
    let end = text.find(['。', ';', '!', '?', '\n']).map_or(limit, |i| from + i);
    let t = norm[from..end].trim_end();
    match t.find(',').filter(|_| t.chars().count() > MAX_TITLE) {
        Some(i) => from..from + i,
        None => from..from + t.len(),
    }
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
    // `加强食品安全监管,区市场监管局牵头`: the comma before the actor is no part of it.
    let t = norm[r.clone()].trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '、'));
    r.end = r.start + t.len();
    if t.chars().count() > MAX_TITLE {
        if let Some(i) = t.find(',') {
            r.end = r.start + i;
        }
    }
    r
}

/// The title of a table cell: its first sentence, cut at a comma when long.
fn cell_title(norm: &str, r: Range<usize>) -> Range<usize> {
    let text = &norm[r.clone()];
    let end = text.find(['。', '!', '?', '\n']).map_or(r.end, |i| r.start + i);
    // A cell wrapped at a comma (`建成泊位2000个,⏎新增…`) ends its first line there.
    let t = norm[r.start..end].trim_end().trim_end_matches([',', ';', '、']);
    match t.find(',').filter(|_| t.chars().count() > MAX_TITLE) {
        Some(i) => r.start..r.start + i,
        None => r.start..r.start + t.len(),
    }
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

    #[test]
    fn a_bracketed_label_on_its_own_line_answers_for_the_paragraph_above() {
        let text = "新建滨河公园,年内完成绿化8万平方米。\n(责任单位:区园林局)\n";
        let doc = crate::pipeline::test_doc(text);
        assert_eq!(doc.tasks.len(), 1);
        let chars: Vec<char> = text.chars().collect();
        let [s, e] = doc.tasks[0].span;
        let span: String = chars[s..e].iter().collect();
        assert!(
            span.starts_with("新建滨河公园") && span.contains(&doc.tasks[0].title),
            "{span} / {}",
            doc.tasks[0].title
        );
        assert_eq!(doc.tasks[0].units[0].name, "区园林局");
    }
}

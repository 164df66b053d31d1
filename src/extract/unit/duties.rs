//! Duties given by layout: task-table rows (with merged cells), and headings or numbered
//! items that name a unit (`(三)区教育局` over its duties, `2.区民政局。负责…`,
//! `(四)区卫生健康委:…`), as `职责分工` sections write them.

use super::{Raw, Source, TableRow, UnitRules, Weight};
use crate::document::Role;
use crate::extract::Context;
use crate::grammar::marker::{marker_at, Marker, MarkerKind};
use crate::grammar::org::split_top;
use crate::grammar::table::Column;
use std::ops::Range;

/// Longest unit heading, in chars.
const MAX_HEADING: usize = 24;
/// Most lines below a unit heading that its duties may take.
const MAX_DUTY_LINES: usize = 40;

impl UnitRules {
    /// Task tables: a header row with a unit column (found by the table model), then rows
    /// with as many cells. A row whose unit cells are all empty takes those of the merged
    /// cell above it ([`crate::grammar::table::Table::filled`]). The row's title is its name
    /// cell where every row has one, else its content cell (a name printed once for a group
    /// of rows names the group, not the row).
    pub(super) fn tables(&self, ctx: &Context, out: &mut Vec<Raw>) {
        let norm = ctx.norm();
        let org = &ctx.grammar.org;
        for table in ctx.structure.tables.iter() {
            let mut header: Option<(usize, &[Column])> = None;
            for (r, row) in table.rows.iter().enumerate() {
                if let Some(h) = &row.header {
                    header = Some((r, h));
                    continue;
                }
                let Some((hr, h)) = header else { continue };
                if row.cells.len() != h.len() {
                    header = None;
                    continue;
                }
                if row.total {
                    continue;
                }
                let col = |kind: Column| h.iter().position(|c| *c == kind);
                let own = |k: usize| row.cells.get(k).filter(|c| !c.is_empty()).cloned();
                let named = col(Column::Task).filter(|&k| {
                    table.rows[hr + 1..]
                        .iter()
                        .take_while(|r| r.header.is_none())
                        .filter(|r| !r.total && r.cells.len() == h.len())
                        .all(|r| r.cells.get(k).is_some_and(|c| !c.is_empty()))
                });
                let title = named
                    .and_then(own)
                    .or_else(|| col(Column::Content).and_then(own))
                    .or_else(|| col(Column::Task).and_then(own));
                let deadline = col(Column::Deadline).and_then(|k| table.filled(r, k));
                let task_row = TableRow { title, deadline };
                for (k, c) in h.iter().enumerate() {
                    let Column::Unit(role) = *c else { continue };
                    let Some(cell) = table.filled(r, k) else { continue };
                    let before = out.len();
                    self.split_list(norm, org, cell, role, out);
                    for m in &mut out[before..] {
                        m.block = row.span.clone();
                        m.source = Source::Table;
                        m.row = Some(task_row.clone());
                    }
                }
            }
        }
    }

    /// Headings and numbered items that open with the names of units: the item is their
    /// duty, titled by the names (`(三)区教育局。负责…`); a heading line with nothing but the
    /// names gives its units to the items below it (each a task), or to its body.
    pub(super) fn headings(&self, ctx: &Context, out: &mut Vec<Raw>) {
        let norm = ctx.norm();
        let lines = crate::grammar::lines(norm);
        let mut k = 0;
        while k < lines.len() {
            let line = lines[k].clone();
            let Some((mk, names)) = self.unit_heading(ctx, line.clone()) else {
                k += 1;
                continue;
            };
            let name_end = names.last().map_or(mk.range.end, |n| n.end);
            let rest = norm[name_end..line.end].trim_start_matches(['。', ':', ' ']);
            let title = mk.range.end..name_end;
            if !rest.is_empty() {
                push_names(out, &names, line.start..line.end, Some(title));
                k += 1;
                continue;
            }
            // A heading alone on its line: its body runs to the next marker of its kind or
            // of a higher one.
            let mut body_end = line.end;
            let mut items: Vec<Range<usize>> = Vec::new();
            let mut j = k + 1;
            while j < lines.len() && j - k <= MAX_DUTY_LINES {
                let l = lines[j].clone();
                match marker_at(norm, l.start) {
                    Some(m) if m.kind == mk.kind || outranks(m.kind, mk.kind) => break,
                    Some(m) => items.push(m.range.start..l.end),
                    None => {
                        if let Some(last) = items.last_mut() {
                            last.end = l.end;
                        }
                    }
                }
                body_end = l.end;
                j += 1;
            }
            if items.is_empty() {
                push_names(out, &names, line.start..body_end, Some(title));
            } else {
                for it in items {
                    let m = marker_at(norm, it.start).map_or(it.start, |m| m.range.end);
                    push_names(out, &names, it.clone(), Some(m..it.end));
                }
            }
            k = j;
        }
    }

    /// A line that opens with a marker and then the names of units (up to `。`, `:` or the
    /// line end): the marker and the names' ranges.
    fn unit_heading(&self, ctx: &Context, line: Range<usize>) -> Option<(Marker, Vec<Range<usize>>)> {
        let norm = ctx.norm();
        let mk = marker_at(norm, line.start)?;
        let from = mk.range.end;
        let text = &norm[from..line.end];
        let end = text.find(['。', ':', ',', ';', ' ']).unwrap_or(text.len());
        // The names stand alone: the line ends there or the duties follow a `。` or `:`.
        if text[end..].starts_with([',', ';']) {
            return None;
        }
        let head = &text[..end];
        if head.chars().count() > MAX_HEADING || !ctx.grammar.org.is_org_list_of(head, true) {
            return None;
        }
        let mut names = Vec::new();
        let mut at = from;
        for item in split_top(head, &['、']) {
            if !item.is_empty() {
                names.push(at..at + item.len());
            }
            at += item.len() + '、'.len_utf8();
        }
        // A unit is a place's body (`区教育局`, `各乡镇`), not a facility to build
        // (`(三)建设服务站`).
        if !names
            .iter()
            .all(|n| self.placed(ctx, n.clone()) || ctx.grammar.org.is_collective(&norm[n.clone()]))
        {
            return None;
        }
        (!names.is_empty()).then_some((mk, names))
    }
}

/// A mention of each name for one duty block.
fn push_names(out: &mut Vec<Raw>, names: &[Range<usize>], block: Range<usize>, title: Option<Range<usize>>) {
    for n in names {
        out.push(Raw {
            range: n.clone(),
            role: Role::Responsible,
            block: block.clone(),
            source: Source::Heading,
            row: Some(TableRow { title: title.clone(), deadline: None }),
            weight: Weight::Firm,
        });
    }
}

/// Whether a marker of kind `a` heads a higher level than one of kind `b` (`一、` over `(一)`
/// over `1.` over `(1)`).
fn outranks(a: MarkerKind, b: MarkerKind) -> bool {
    let rank = |k: MarkerKind| match k {
        MarkerKind::Chapter => 0,
        MarkerKind::CnComma => 1,
        MarkerKind::CnParen => 2,
        MarkerKind::NumDot | MarkerKind::NumComma => 3,
        MarkerKind::NumParen => 4,
        MarkerKind::Circled => 5,
    };
    rank(a) < rank(b)
}

//! Tasks: the smallest numbered or labelled piece of work that carries units, a deadline or
//! targets, linked to them.
//!
//! This is a first, minimal version (a task per section whose body names units); issue 4
//! grows it.

use super::project::ProjectDraft;
use super::target::TargetDraft;
use super::unit::UnitMention;
use super::Context;
use crate::document::Role;
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

/// Builds the tasks from the sections and the unit mentions.
pub fn build(
    ctx: &Context,
    targets: &[TargetDraft],
    projects: &[ProjectDraft],
    units: &[UnitMention],
) -> Vec<TaskDraft> {
    let mut out: Vec<TaskDraft> = Vec::new();
    for m in units {
        let Some(sec) = ctx.structure.sentences[m.sentence].section else { continue };
        let h = &ctx.structure.headings[sec];
        let task = match out.iter_mut().position(|t| t.section == Some(sec)) {
            Some(k) => &mut out[k],
            None => {
                out.push(TaskDraft {
                    range: h.body.clone(),
                    title: h.title.clone(),
                    section: Some(sec),
                    units: Vec::new(),
                    deadline: None,
                    targets: Vec::new(),
                    projects: Vec::new(),
                });
                out.last_mut().unwrap()
            }
        };
        if !task.units.iter().any(|(n, r)| *n == m.name && *r == m.role) {
            task.units.push((m.name.clone(), m.role));
        }
    }
    for t in &mut out {
        t.targets = targets
            .iter()
            .enumerate()
            .filter(|(_, x)| t.range.contains(&x.quantity.range.start))
            .map(|(i, _)| i)
            .collect();
        t.projects = projects
            .iter()
            .enumerate()
            .filter(|(_, p)| p.mentions.iter().any(|m| t.range.contains(&m.start)))
            .map(|(i, _)| i)
            .collect();
    }
    out
}

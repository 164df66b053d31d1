//! Responsible units: names from labels (`责任单位:`, `牵头单位:`, `X牵头`, table columns) and
//! actors of commitments, each mention with its role.
//!
//! This is a first, minimal version (only `责任单位/责任部门/牵头单位/配合单位:` labels); issue 4
//! grows it.

use super::Context;
use crate::document::{Role, RoleCounts, Unit};
use crate::error::Result;
use regex::Regex;
use std::ops::Range;

/// One mention of a unit; byte ranges into the normalised text.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitMention {
    pub range: Range<usize>,
    /// The name as written.
    pub name: String,
    pub role: Role,
    pub sentence: usize,
}

/// Lexicons of the unit stage, built once.
#[derive(Debug)]
pub struct UnitRules {
    label: Regex,
}

impl UnitRules {
    pub fn new() -> Result<UnitRules> {
        Ok(UnitRules {
            label: Regex::new(r"(责任单位|责任部门|牵头单位|配合单位)\s*:\s*([^)。;\n]+)")
                .expect("static regex"),
        })
    }

    /// Every unit mention, in text order.
    pub fn extract(&self, ctx: &Context) -> Vec<UnitMention> {
        let mut out = Vec::new();
        for (i, s) in ctx.sentences() {
            let text = ctx.sentence_text(i);
            for c in self.label.captures_iter(text) {
                let role = match &c[1] {
                    "牵头单位" => Role::Lead,
                    "配合单位" => Role::Support,
                    _ => Role::Responsible,
                };
                let list = c.get(2).unwrap();
                let lt = list.as_str();
                let base = s.range.start + list.start();
                let mut part_start = 0;
                for (idx, ch) in lt.char_indices().chain(std::iter::once((lt.len(), '、'))) {
                    if !matches!(ch, '、' | ',' | ' ') {
                        continue;
                    }
                    let part = &lt[part_start..idx];
                    let name = part.trim();
                    if !name.is_empty() {
                        let start = base + part_start + (part.len() - part.trim_start().len());
                        let range = start..start + name.len();
                        out.push(UnitMention {
                            name: ctx.text().original(range.clone()).to_string(),
                            range,
                            role,
                            sentence: i,
                        });
                    }
                    part_start = idx + ch.len_utf8();
                }
            }
        }
        out
    }
}

/// One `units[]` entry per distinct name, in order of first mention.
pub fn aggregate(mentions: &[UnitMention]) -> Vec<Unit> {
    let mut out: Vec<Unit> = Vec::new();
    for m in mentions {
        let i = match out.iter().position(|u| u.name == m.name) {
            Some(i) => i,
            None => {
                out.push(Unit { name: m.name.clone(), mentions: 0, roles: RoleCounts::default() });
                out.len() - 1
            }
        };
        let u = &mut out[i];
        u.mentions += 1;
        match m.role {
            Role::Responsible => u.roles.responsible += 1,
            Role::Lead => u.roles.lead += 1,
            Role::Support => u.roles.support += 1,
        }
    }
    out
}

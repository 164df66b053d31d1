//! Targets: what each quantity measures (`indicator`), whether it is growth, share or level,
//! whether it is planned, achieved or a plain fact, and the year it is for.
//!
//! This is a first, minimal version; issue 3 grows it.

use super::number::Quantity;
use super::Context;
use crate::document::{Measure, Status};
use crate::error::Result;
use std::ops::Range;

/// A quantity with its meaning; byte ranges into the normalised text.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetDraft {
    pub quantity: Quantity,
    /// The clause it stands in.
    pub clause: Range<usize>,
    pub indicator: Option<Range<usize>>,
    pub measure: Measure,
    pub status: Status,
    pub year: Option<i32>,
}

/// Lexicons of the target stage, built once.
#[derive(Debug)]
pub struct TargetRules {}

impl TargetRules {
    pub fn new() -> Result<TargetRules> {
        Ok(TargetRules {})
    }

    /// Gives every quantity its meaning, in text order.
    pub fn extract(&self, ctx: &Context, quantities: Vec<Quantity>) -> Vec<TargetDraft> {
        quantities
            .into_iter()
            .map(|q| {
                let clause = clause_around(
                    ctx.norm(),
                    q.range.clone(),
                    ctx.structure.sentences[q.sentence].range.clone(),
                );
                let measure = if q.unit == "%" { Measure::Growth } else { Measure::Level };
                TargetDraft {
                    clause,
                    indicator: None,
                    measure,
                    status: Status::Target,
                    year: ctx.structure.year(),
                    quantity: q,
                }
            })
            .collect()
    }
}

/// The clause (between clause punctuation) around `r`, inside `sentence`.
pub fn clause_around(norm: &str, r: Range<usize>, sentence: Range<usize>) -> Range<usize> {
    const STOPS: &[char] = &[',', '。', ';', ':', '!', '?', '\n'];
    let s = &norm[sentence.clone()];
    let rel_start = r.start.saturating_sub(sentence.start).min(s.len());
    let rel_end = r.end.saturating_sub(sentence.start).min(s.len());
    let start =
        s[..rel_start].rfind(STOPS).map(|i| i + s[i..].chars().next().map_or(1, char::len_utf8)).unwrap_or(0);
    let end = s[rel_end..].find(STOPS).map(|i| rel_end + i).unwrap_or(s.len());
    sentence.start + start..sentence.start + end
}

//! Named projects: construction projects, facilities, parks and platforms, and named
//! programmes and campaigns, with their mentions, investment and year.
//!
//! This is a first, minimal version; issue 4 grows it.

use super::number::Quantity;
use super::Context;
use crate::document::ProjectKind;
use crate::error::Result;
use std::ops::Range;

/// One distinct project; byte ranges into the normalised text.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectDraft {
    /// The name as written, surrounding quotes removed.
    pub name: String,
    pub kind: ProjectKind,
    pub mentions: Vec<Range<usize>>,
    pub aliases: Vec<String>,
    pub investment: Option<Quantity>,
    pub year: Option<i32>,
}

/// Lexicons of the project stage, built once.
#[derive(Debug)]
pub struct ProjectRules {}

impl ProjectRules {
    pub fn new() -> Result<ProjectRules> {
        Ok(ProjectRules {})
    }

    /// The document's named projects, ordered by first mention.
    pub fn extract(&self, _ctx: &Context, _quantities: &[Quantity]) -> Vec<ProjectDraft> {
        Vec::new()
    }
}

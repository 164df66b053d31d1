//! The measure of a quantity: `growth` (a rate of change), `share` (a part of a whole) or
//! `level`, from its unit and the cue words right before it (`measure_cues.txt`).

use super::{Quantity, TargetRules};
use crate::document::Measure;
use crate::lexicon::{Cue, StopRole};
use crate::segment::Token;

impl TargetRules {
    /// growth, share or level.
    pub(super) fn measure(&self, norm: &str, tokens: &[Token], q: &Quantity, left_limit: usize) -> Measure {
        let unit = q.unit.as_str();
        let written = &norm[q.range.clone()];
        if unit.contains("百分点") || written.contains('翻') {
            return Measure::Growth;
        }
        if !unit.ends_with('%') && unit != "倍" {
            return Measure::Level;
        }
        // Words right before the number, nearest first.
        let hi = tokens.partition_point(|t| t.range.end <= q.range.start);
        let lo = tokens.partition_point(|t| t.range.start < left_limit);
        let mut to_level = false;
        for t in tokens[lo.min(hi)..hi].iter().rev().take(4) {
            if matches!(t.word, "到" | "至" | "为" | "由") {
                to_level = true;
                continue;
            }
            match self.cues.get(t.word) {
                Some(Cue::Growth) if !to_level => return Measure::Growth,
                Some(Cue::Share) => return Measure::Share,
                _ => {}
            }
            if let Some(w) =
                self.cues.iter().find(|(w, c)| **c == Cue::Growth && t.word.ends_with(w.as_str()))
            {
                if !to_level && t.word.chars().count() <= w.0.chars().count() + 2 {
                    return Measure::Growth;
                }
            }
            if self.role(t.word) != Some(StopRole::Link) {
                break;
            }
        }
        Measure::Share
    }
}

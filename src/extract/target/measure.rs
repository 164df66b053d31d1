//! The measure of a quantity: `growth` (a rate of change), `share` (a part of a whole) or
//! `level`, from its unit and the cue words right before it (`measure_cues.txt`).

use super::{Quantity, TargetRules};
use crate::document::Measure;
use crate::lexicon::{Cue, StopRole, UnitKind};
use crate::segment::Token;

impl TargetRules {
    /// growth, share or level.
    pub(super) fn measure(&self, norm: &str, tokens: &[Token], q: &Quantity, left_limit: usize) -> Measure {
        let unit = q.unit.as_str();
        let written = &norm[q.range.clone()];
        // `翻一番`, `提高2个百分点`, `是上年的2.5倍`, `增长1.7倍`, `两位数增长`.
        if unit.contains("百分点")
            || written.contains('翻')
            || written.contains("位数")
            || written.contains("成倍")
            || unit == "倍"
        {
            return Measure::Growth;
        }
        let percent = unit.ends_with('%') || q.kind == Some(UnitKind::Percent);
        if !percent {
            // An amount of change: `压减1.77亿立方米`, `分别增长665亿元`.
            return if self.change_before(tokens, q, left_limit) { Measure::Growth } else { Measure::Level };
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

    /// Whether a change word stands right before the number (over `分别`, `了`, `均`), not
    /// followed by 到/至 (`增长到500亿元` states a level).
    fn change_before(&self, tokens: &[Token], q: &Quantity, left_limit: usize) -> bool {
        let hi = tokens.partition_point(|t| t.range.end <= q.range.start);
        let lo = tokens.partition_point(|t| t.range.start < left_limit);
        tokens[lo.min(hi)..hi]
            .iter()
            .rev()
            .find(|t| !matches!(t.word, "分别" | "了" | "均" | "共" | "约"))
            .is_some_and(|t| {
                matches!(self.cues.get(t.word), Some(Cue::Growth)) && !t.word.ends_with(['到', '至'])
            })
    }
}

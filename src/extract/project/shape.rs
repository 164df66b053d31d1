//! What an item of a frame must look like to be a name: a head at its end, no generic class
//! of things, a proper word that singles it out.

use super::chunk::{is_digits, is_proper, is_unknown};
use super::ProjectRules;
use crate::document::ProjectKind;
use crate::lexicon::HeadUse;
use crate::segment::Token;
use std::ops::Range;

/// Longest name a frame gives, in chars.
pub(super) const MAX_FRAMED: usize = 30;

impl ProjectRules {
    /// The kind of project the text under `r` names if it is shaped like a name on its own:
    /// it ends in a head (or a head and a phase, `X高速改扩建`, `X公园(一期)`) with more than
    /// a character before it, and is no class of things.
    pub(super) fn framed_name(&self, norm: &str, tokens: &[Token], r: Range<usize>) -> Option<ProjectKind> {
        let name = &norm[r.clone()];
        let base = self.without_phase(name);
        let head = self.head_for(base, HeadUse::Framed)?;
        let modifier = base[..base.len() - head.word.len()]
            .trim_end_matches(|c: char| c.is_ascii_digit() || "一二两三四五六七八九十大年百千万".contains(c));
        let m = modifier.chars().count();
        if name.chars().count() < 3 || m < 2 || self.generic(norm, tokens, r.clone()) {
            return None;
        }
        // A programme, a `项目` or `工程`, or a verb as head (`改造`), needs a proper word or
        // more than a word before it (`农民增收行动`, not `专项行动`, `文旅项目`, `景观改造`).
        let weak = head.kind == ProjectKind::Program
            || matches!(head.word.as_str(), "项目" | "工程")
            || self.frames.phases.contains(&head.word);
        if weak && !self.named(norm, tokens, r.clone()) {
            let inner = self.head_for(modifier, HeadUse::Framed).is_some();
            if self.frames.phases.contains(&head.word) || (m < 4 && !inner) {
                return None;
            }
        }
        Some(self.kind_of(name, head.kind))
    }

    /// `name` without a trailing phase (`二期`, `改扩建`, `(一期)`) when a head precedes it.
    fn without_phase<'a>(&self, name: &'a str) -> &'a str {
        if let Some(open) = name.rfind('(') {
            if name.ends_with(')') && open > 0 {
                return &name[..open];
            }
        }
        let cut = name
            .char_indices()
            .map(|(i, _)| i)
            .filter(|&i| i > 0)
            .find(|&i| self.frames.phases.contains(&name[i..]) && self.head_for(&name[..i], HeadUse::Framed).is_some());
        cut.map_or(name, |i| &name[..i])
    }

    /// A generic phrase, not a name: a stop phrase, a stop modifier at its start, a count
    /// (`3个…`), an institution (`…集团`, `…银行`), or, without a proper word to single one
    /// out, a class word, a stop modifier or a generic tail (`日间照料中心`).
    pub(super) fn generic(&self, norm: &str, tokens: &[Token], r: Range<usize>) -> bool {
        let name = &norm[r.clone()];
        if self.stop_phrases.contains(name)
            || self.stop_modifiers.iter().any(|m| name.starts_with(m.as_str()))
            || self.institution(tokens, r.clone())
            || counted(name)
        {
            return true;
        }
        let inside = within(tokens, r);
        let proper = inside.iter().any(|t| self.proper_word(t));
        !proper
            && (inside.iter().any(|t| self.frames.classes.contains(t.word) || self.has_stop_modifier(t.word))
                || self.stop_tails.iter().any(|t| name.ends_with(t.as_str())))
    }

    /// An existing body rather than a project: a name ending in, or holding a word of,
    /// `institution` in `project_stop.txt` (`…集团`, `…银行`, `…大学`).
    fn institution(&self, tokens: &[Token], r: Range<usize>) -> bool {
        within(tokens, r).iter().any(|t| self.institutions.iter().any(|i| t.word.ends_with(i.as_str())))
    }

    /// A proper word: a place, brand, person or code the name is singled out by.
    pub(super) fn proper_word(&self, t: &Token) -> bool {
        ((is_proper(t) && t.word.chars().count() >= 2) || is_unknown(t) || t.tag == "eng")
            && !self.common.contains(t.word)
    }

    /// Clearly a name: a proper word, a character the segmenter does not know, a code, or a
    /// phase of something (`惠铜一期`).
    pub(super) fn named(&self, norm: &str, tokens: &[Token], r: Range<usize>) -> bool {
        let name = &norm[r.clone()];
        let phase = ["一期", "二期", "三期", "四期", "五期"]
            .iter()
            .any(|p| name.strip_suffix(p).is_some_and(|b| b.chars().count() >= 2));
        phase
            || name.chars().any(|c| c.is_ascii_alphabetic())
            || within(tokens, r).iter().any(|t| self.proper_word(t) && !is_digits(t.word))
    }

    /// A proper name of a project without a head (`百福硝酸`, `通威`): clearly a name, no
    /// institution, no generic phrase.
    pub(super) fn proper_name(&self, norm: &str, tokens: &[Token], r: Range<usize>) -> bool {
        let n = norm[r.clone()].chars().count();
        n >= 2 && self.named(norm, tokens, r.clone()) && !self.generic(norm, tokens, r)
    }

    /// An item of a list of names (`南玻`, `通威`): no generic phrase.
    pub(super) fn list_item_ok(&self, norm: &str, tokens: &[Token], r: Range<usize>) -> bool {
        let n = norm[r.clone()].chars().count();
        n >= 2 && !self.generic(norm, tokens, r)
    }
}

/// The tokens inside `r`.
fn within<'t, 'a>(tokens: &'t [Token<'a>], r: Range<usize>) -> &'t [Token<'a>] {
    let s = tokens.partition_point(|t| t.range.start < r.start);
    let e = tokens.partition_point(|t| t.range.end <= r.end);
    &tokens[s..e.max(s)]
}

/// `3个社区卫生服务中心`, `两所新批复高职学校`, `区内63个住宅小区`: a count makes a class.
/// An ordinal (`第四座`) or a grade (`30万吨级`, `3号线`) does not.
fn counted(name: &str) -> bool {
    let cs: Vec<char> = name.chars().collect();
    let numeral = |c: char| c.is_ascii_digit() || "一二两三四五六七八九十".contains(c);
    (1..cs.len()).any(|i| {
        numeral(cs[i - 1])
            && "个家所项栋幢座条处批台套眼块名艘".contains(cs[i])
            && {
                let mut s = i - 1;
                while s > 0 && (numeral(cs[s - 1]) || "百千万余多".contains(cs[s - 1])) {
                    s -= 1;
                }
                s == 0 || cs[s - 1] != '第'
            }
            && !cs.get(i + 1).is_some_and(|c| "级号".contains(*c))
    })
}

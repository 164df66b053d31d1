//! Enumerations after a count of projects: `项目7个,分别是A、B和C`.

use super::{Cand, ProjectRules, MAX_NAME};
use crate::document::ProjectKind;
use crate::segment::Token;
use std::ops::Range;

impl ProjectRules {
    /// The kind of project a category word names, if `word` ends in one (`重大项目`,
    /// `项目建设`).
    fn category_of(&self, word: &str) -> Option<ProjectKind> {
        let w = word.strip_suffix("建设").unwrap_or(word);
        self.categories.iter().find(|(c, _)| w.ends_with(c.as_str())).map(|(_, kind)| *kind)
    }

    /// Items of an enumeration after a count of projects: `招引重大项目7个,分别是A、B和C`,
    /// `新开工3个项目,分别为A、B、C`. The count and `分别是` make each item a name, even
    /// one the segmenter does not know as a proper noun.
    pub(super) fn enumerated(
        &self,
        norm: &str,
        tokens: &[Token],
        taken: &[Range<usize>],
        out: &mut Vec<Cand>,
    ) {
        for (k, t) in tokens.iter().enumerate() {
            let list_start = match (t.word, tokens.get(k + 1).map(|n| n.word)) {
                ("分别是" | "分别为", _) => k + 1,
                ("分别", Some("是" | "为")) => k + 2,
                _ => continue,
            };
            // Back from `分别`: an optional comma, then `项目7个` or `7个项目`.
            let mut j = k;
            if j > 0 && matches!(tokens[j - 1].word, "," | ":") {
                j -= 1;
            }
            let before = &tokens[j.saturating_sub(3)..j];
            let counted = |a: &Token, b: &Token| a.tag == "m" && b.tag == "q";
            let kind = match before {
                [c, m, q] if counted(m, q) => self.category_of(c.word),
                [m, q, c] if counted(m, q) => self.category_of(c.word),
                _ => None,
            };
            let Some(kind) = kind else { continue };
            // The items, to the end of the clause, split at 、 和 及.
            let mut items: Vec<Range<usize>> = Vec::new();
            let mut cur: Option<Range<usize>> = None;
            for tok in &tokens[list_start.min(tokens.len())..] {
                if matches!(tok.word, "、" | "和" | "及" | "," | "。" | ";" | ":") {
                    items.extend(cur.take());
                    if !matches!(tok.word, "、" | "和" | "及") {
                        break;
                    }
                } else {
                    let r = cur.get_or_insert(tok.range.clone());
                    r.end = tok.range.end;
                }
            }
            items.extend(cur);
            if items.len() < 2 {
                continue;
            }
            for r in items {
                let name = norm[r.clone()].trim();
                let n = name.chars().count();
                if !(3..=MAX_NAME).contains(&n)
                    || self.stop_phrases.contains(name)
                    || name.contains(['“', '”', '"', '‘', '’'])
                    || name.chars().any(|c| c.is_ascii_digit())
                    || taken.iter().any(|q| q.start < r.end && r.start < q.end)
                {
                    continue;
                }
                out.push(Cand { range: r.clone(), name: name.to_string(), kind, core: None });
            }
        }
    }
}

//! Lists whose frame makes every item a name: `A、B、C等重大项目`, `项目7个,分别是A、B和C`.

use super::chunk::{is_proper, is_unknown};
use super::{Cand, ProjectRules, MAX_NAME};
use crate::document::ProjectKind;
use crate::lexicon::HeadUse;
use crate::segment::Token;
use std::ops::Range;

impl ProjectRules {
    /// Items of a list closed by `等` and a project category (`A、B、C等重大项目`,
    /// `A、B等文体场馆`, `A、B等群众文化活动品牌`): each item names one.
    pub(super) fn listed(&self, norm: &str, tokens: &[Token], taken: &[Range<usize>], out: &mut Vec<Cand>) {
        for (k, t) in tokens.iter().enumerate() {
            if t.word != "等" {
                continue;
            }
            // The category: within the next three tokens, one that ends in a category word
            // (or in one and 建设, `等项目建设`); a fourth when three nouns lead to it
            // (`等重大市政交通项目`).
            let next = &tokens[k + 1..];
            let Some(kind) = next.iter().take(3).find_map(|c| self.category_of(c.word)).or_else(|| {
                let nouns = next.len() >= 4
                    && next[..3].iter().all(|c| c.tag.starts_with('n') || matches!(c.tag, "a" | "b"));
                nouns.then(|| self.category_of(next[3].word)).flatten()
            }) else {
                continue;
            };
            // Items back to the clause start (punctuation other than 、, or a verb).
            let mut items: Vec<Range<usize>> = Vec::new();
            let mut end = t.range.start;
            let mut j = k;
            let mut cur_start = end;
            let mut ok = true;
            while j > 0 {
                let p = &tokens[j - 1];
                if p.word == "、" || p.word == "和" || p.word == "及" {
                    items.push(cur_start..end);
                    end = p.range.start;
                    cur_start = end;
                } else if (p.tag.starts_with('x') && !is_unknown(p))
                    || (p.tag == "v" && p.word.chars().count() <= 2 && cur_start == end)
                {
                    break;
                } else if p.tag == "v" && p.word.chars().count() == 1 && {
                    // `长宁/ns 高铁/n 站/v 站/v 前/f 广场/n`: one-character "verbs" between
                    // nouns inside an item are nouns the tagger misread.
                    let run =
                        tokens[..j].iter().rev().take_while(|t| t.tag == "v" && t.word.chars().count() == 1);
                    let before = tokens[..j].iter().rev().nth(run.count());
                    before.is_some_and(|b| b.tag.starts_with('n') && b.tag != "nr")
                } {
                    cur_start = p.range.start;
                } else if p.tag == "v" || p.tag == "p" || p.tag == "c" || p.tag.starts_with('u') {
                    // A verb inside what would be an item: the list started after it.
                    if cur_start == end {
                        ok = false;
                    }
                    break;
                } else {
                    cur_start = p.range.start;
                }
                j -= 1;
            }
            items.push(cur_start..end);
            // One item is a name only when the tagger does not know part of it, the mark
            // of a brand or company (`加速徕/x木/n电子/n等项目建设`).
            let single = items.len() == 1 && kind == ProjectKind::Construction && {
                let r = &items[0];
                tokens.iter().any(|t| t.range.start >= r.start && t.range.end <= r.end && is_unknown(t))
            };
            if !ok || (items.len() < 2 && !single) {
                continue;
            }
            for r in items {
                let name = norm[r.clone()].trim();
                let n = name.chars().count();
                if !(3..=14).contains(&n)
                    || self.stop_phrases.contains(name)
                    || self.stop_modifiers.iter().any(|m| name.starts_with(m.as_str()))
                    || name.contains(['“', '”', '"', '‘', '’'])
                    || taken.iter().any(|q| q.start < r.end && r.start < q.end)
                {
                    continue;
                }
                // Still a name: it ends in a head or holds a proper word (`商业设施` does not).
                let proper = single
                    || tokens.iter().any(|t| {
                        t.range.start >= r.start
                            && t.range.end <= r.end
                            && is_proper(t)
                            && !self.common.contains(t.word)
                            && t.word.chars().count() >= 2
                    });
                if !proper && self.head_of(name).is_none_or(|h| h.usage == HeadUse::Quoted) {
                    continue;
                }
                out.push(Cand { range: r.clone(), name: name.to_string(), kind, core: None });
            }
        }
    }

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

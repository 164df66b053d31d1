//! Names held by the frame of a clause: after a trigger verb (`实施X行动`, `加快建设A、B`),
//! before a build predicate (`A、B建成通车`, `X加快推进`), or as items of a list that `等` and
//! a project category close (`A、B、C等重大项目`, `A等137个项目开工建设`).
//!
//! The clause is read as units: words, quoted or bracketed groups (`“A、B”工程`, `(一期)`),
//! verbs of the frame (`project_frames.txt`), separators (`、`, `和`, `及`), `等`, and breaks
//! (particles, prepositions, pronouns). A run of word units between two of the others is an
//! item. What licenses an item decides how much it must look like a name: an item of a
//! list closed by a category needs only to be no generic phrase (the list makes it a name);
//! an item next to a trigger or a predicate must end in a head noun (`framed` heads
//! included: `X高速`, `X路`, `X工程`), possibly with a phase after it (`X高速改扩建`).

use super::chunk::{is_digits, is_proper, is_unknown};
use super::{Cand, ProjectRules};
use crate::document::ProjectKind;
use crate::lexicon::HeadUse;
use crate::segment::Token;
use std::ops::Range;

/// Longest name a frame gives, in chars.
const MAX_FRAMED: usize = 30;
/// Most characters read after `等` for the category of a list.
const MAX_CATEGORY: usize = 14;

/// What a unit is to the frame grammar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Part of a name, or of what lies between names.
    Word,
    /// `投资100亿元的`: money before a name, skipped at the start of an item.
    Money,
    /// A verb of the frame: `trigger` when a name may follow it, `predicate` when it may
    /// follow a name.
    Verb { trigger: bool, predicate: bool },
    /// `、` between two items.
    Sep,
    /// `和`, `及`: between two items, or inside one (`韩美…佐剂及…生产项目`).
    Conj,
    /// `等` (or `等` glued to the next character by the segmenter, `等促`).
    Deng,
    /// A particle, preposition, pronoun or other mark no name runs over.
    Break,
    /// Clause punctuation.
    End,
}

/// One unit: a role and the tokens it spans.
#[derive(Debug, Clone)]
struct Unit {
    role: Role,
    toks: Range<usize>,
}

/// How an item list is licensed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum License {
    /// Closed by `等` and a category (`等重大项目`, `等20个项目`): every item is a name.
    Listed(ProjectKind),
    /// Next to a trigger or a predicate: an item must end in a head. After a trigger alone
    /// (`建设X`) a name without a proper word needs more words (`全民健身中心`, not
    /// `体验中心`).
    Framed { predicate: bool },
}

impl ProjectRules {
    /// Names in the frames of sentence `i`'s clauses; ranges in `taken` (quoted names)
    /// are skipped unless a framed name holds one and runs further left
    /// (`招商引资“百千”行动` over `“百千”行动`).
    pub(super) fn framed(&self, norm: &str, tokens: &[Token], heading: bool, out: &mut Vec<Cand>) {
        let units = self.units(norm, tokens);
        let mut k = 0;
        while k < units.len() {
            if !matches!(units[k].role, Role::Word | Role::Money) {
                k += 1;
                continue;
            }
            // A list: items separated by `、` or a conjunction.
            let first = k;
            let mut items: Vec<Range<usize>> = Vec::new();
            let mut conj_after: Vec<bool> = Vec::new();
            loop {
                let s = k;
                while k < units.len() && matches!(units[k].role, Role::Word | Role::Money) {
                    k += 1;
                }
                items.push(s..k);
                match units.get(k).map(|u| u.role) {
                    Some(r @ (Role::Sep | Role::Conj))
                        if units.get(k + 1).is_some_and(|u| matches!(u.role, Role::Word | Role::Money)) =>
                    {
                        conj_after.push(r == Role::Conj);
                        k += 1;
                    }
                    _ => break,
                }
            }
            let left = first.checked_sub(1).map(|j| units[j].role);
            let right = units.get(k).map(|u| u.role);
            let trigger = matches!(left, Some(Role::Verb { trigger: true, .. }));
            let license = match right {
                Some(Role::Deng) => self.category(norm, tokens, &units, k).or_else(|| {
                    // `加快建设A、B、C等,`: `等` closes a list the trigger opened.
                    let next = units.get(k + 1).map(|u| u.role);
                    (trigger && items.len() >= 2 && matches!(next, None | Some(Role::End | Role::Verb { .. })))
                        .then_some(License::Listed(ProjectKind::Construction))
                }),
                Some(Role::Verb { predicate: true, .. }) => Some(License::Framed { predicate: true }),
                _ if trigger => Some(License::Framed { predicate: false }),
                None | Some(Role::End) if heading && left.is_none() && items.len() == 1 => {
                    Some(License::Framed { predicate: true })
                }
                _ => None,
            };
            let Some(license) = license else { continue };
            // `A和B`: one item when A is no name by itself (`LNG二期和三期`).
            let mut joined: Vec<Range<usize>> = Vec::new();
            for (j, it) in items.into_iter().enumerate() {
                if let Some(prev) = joined.last_mut() {
                    if conj_after[j - 1] && self.framed_name(norm, tokens, &units, prev.clone()).is_none() {
                        prev.end = it.end;
                        continue;
                    }
                }
                joined.push(it);
            }
            // `A、B、C行动`: items without a head share the programme head of the last one, and
            // the list is one name (`外贸回流、港口引流、主体培育行动`).
            if joined.len() >= 2 && matches!(license, License::Framed { .. } | License::Listed(ProjectKind::Program)) {
                let text = |it: &Range<usize>| {
                    self.item_range(norm, tokens, &units, it.clone()).map(|r| norm[r].to_string())
                };
                let last = joined.last().and_then(text);
                let shared = last.as_deref().and_then(|l| self.head_for(l, HeadUse::Framed)).is_some_and(|h| {
                    h.kind == ProjectKind::Program
                        && joined[..joined.len() - 1].iter().all(|it| {
                            let r = self.item_range(norm, tokens, &units, it.clone());
                            r.is_some_and(|r| {
                                self.head_for(&norm[r.clone()], HeadUse::Framed).is_none()
                                    && !self.named(norm, tokens, r)
                            })
                        })
                });
                if shared {
                    let all = joined[0].start..joined[joined.len() - 1].end;
                    joined = vec![all];
                }
            }
            let names: Vec<(Range<usize>, Option<ProjectKind>)> = joined
                .iter()
                .filter_map(|it| {
                    let r = self.item_range(norm, tokens, &units, it.clone())?;
                    Some((r.clone(), self.framed_name(norm, tokens, &units, it.clone())))
                })
                .collect();
            match license {
                License::Framed { predicate } => {
                    for (r, kind) in names {
                        let Some(kind) = kind else { continue };
                        if !predicate && norm[r.clone()].chars().count() < 5 && !self.named(norm, tokens, r.clone()) {
                            continue;
                        }
                        push(norm, r, kind, out);
                    }
                }
                License::Listed(kind) => {
                    // The list is one of names when one item at least is clearly a name
                    // (`钢铁、化工等重点产业项目` has none).
                    if !names.iter().any(|(r, k)| k.is_some() || self.named(norm, tokens, r.clone())) {
                        continue;
                    }
                    for (r, own) in names {
                        if self.list_item_ok(norm, tokens, r.clone()) {
                            push(norm, r, own.unwrap_or(kind), out);
                        }
                    }
                }
            }
        }
    }

    /// The units of a sentence's tokens.
    fn units(&self, norm: &str, tokens: &[Token]) -> Vec<Unit> {
        let mut out: Vec<Unit> = Vec::new();
        let mut k = 0;
        while k < tokens.len() {
            let t = &tokens[k];
            let w = t.word;
            let (role, n) = if let Some(n) = group(norm, tokens, k) {
                (Role::Word, n)
            } else if w.starts_with('《') {
                // A document's title is no project: skip to its end.
                let n = tokens[k..].iter().take(40).position(|t| t.word.contains('》')).map_or(1, |p| p + 1);
                (Role::Break, n)
            } else if let Some(n) = money(tokens, k) {
                (Role::Money, n)
            } else if let Some((n, trigger, predicate)) = self.verb(norm, tokens, k) {
                if trigger || predicate {
                    (Role::Verb { trigger, predicate }, n)
                } else {
                    (Role::Break, n)
                }
            } else if w == "—" && tokens.get(k + 1).is_some_and(|t| t.word == "—") || w == "——" {
                // `——` sets an apposition off; a single `—` joins a name (`中国—东盟`).
                (Role::Break, if w == "——" { 1 } else { 2 })
            } else if matches!(w, "," | ";" | "。" | ":" | "!" | "?" | "…") || w.trim().is_empty() {
                (Role::End, 1)
            } else if w == "、" {
                (Role::Sep, 1)
            } else if matches!(w, "和" | "及" | "以及") {
                (Role::Conj, 1)
            } else if w == "等"
                || (w.starts_with('等')
                    && w.chars().count() == 2
                    && !matches!(w, "等级" | "等待" | "等于" | "等同" | "等候" | "等等"))
            {
                (Role::Deng, 1)
            } else if matches!(w, "至" | "与" | "—" | "·" | "-" | "+" | "#" | "/" | "&")
                || is_unknown(t)
                || !(t.tag.starts_with(['u', 'p', 'r', 'c', 'y', 'e', 'o', 'x']))
            {
                (Role::Word, 1)
            } else {
                (Role::Break, 1)
            };
            let n = n.max(1);
            out.push(Unit { role, toks: k..(k + n).min(tokens.len()) });
            k += n;
        }
        out
    }

    /// A verb of the frames over one to three tokens at `k` (longest first): its token
    /// count and whether it is a trigger, a predicate, both, or neither (a clause verb).
    fn verb(&self, norm: &str, tokens: &[Token], k: usize) -> Option<(usize, bool, bool)> {
        (1..=3).rev().filter(|n| k + n <= tokens.len()).find_map(|n| {
            let text = &norm[tokens[k].range.start..tokens[k + n - 1].range.end];
            let trigger = self.frames.triggers.contains(text);
            let predicate = self.frames.predicates.contains(text);
            (trigger || predicate || self.frames.verbs.contains(text)).then_some((n, trigger, predicate))
        })
    }

    /// The category after `等` at unit `k`: `等重大项目`, `等20个临空制造业项目`, `等四条高速`,
    /// `等公园游园15处`, `等一批`.
    fn category(&self, norm: &str, tokens: &[Token], units: &[Unit], k: usize) -> Option<License> {
        let deng = &tokens[units[k].toks.start];
        // The text after `等` to the next break in the clause.
        let start = deng.range.start + '等'.len_utf8();
        let mut end = deng.range.end;
        for u in &units[k + 1..] {
            match u.role {
                Role::Word => end = tokens[u.toks.end - 1].range.end,
                Role::Verb { predicate: true, trigger: false } => break,
                // `等项目建设`: a verb that is also a noun ends the category.
                Role::Verb { .. } => break,
                _ => break,
            }
        }
        let text = norm.get(start..end)?;
        if text.chars().count() > MAX_CATEGORY {
            return None;
        }
        let counted = text.starts_with(|c: char| c.is_ascii_digit() || "一二两三四五六七八九十百千几多".contains(c))
            && text.chars().take(5).any(|c| "个项处座条家所批大".contains(c));
        // The count's words stripped: `20个临空制造业项目` → `临空制造业项目`.
        let bare = text.trim_end_matches(|c: char| c.is_ascii_digit() || "个项处座条家所".contains(c));
        let bare = bare.trim_end_matches("建设");
        if let Some((_, kind)) = self.categories.iter().find(|(c, _)| bare.ends_with(c.as_str())) {
            return Some(License::Listed(*kind));
        }
        if let Some(h) = self.head_for(bare, HeadUse::Framed) {
            return Some(License::Listed(h.kind));
        }
        // `等20个`, `等一批`: a count of the items closes the list.
        let bare = bare.trim_start_matches(|c: char| c.is_ascii_digit() || "一二两三四五六七八九十百千几多余".contains(c));
        let bare = bare.trim_start_matches(|c: char| "个项处座条家所批".contains(c));
        (counted && bare.is_empty()).then_some(License::Listed(ProjectKind::Construction))
    }

    /// The byte range of an item's name: leading money, lead words and time words dropped.
    fn item_range(&self, norm: &str, tokens: &[Token], units: &[Unit], item: Range<usize>) -> Option<Range<usize>> {
        let mut t = units[item.start].toks.start;
        let end = units[item.end - 1].toks.end;
        for u in &units[item.clone()] {
            if u.role == Role::Money {
                t = u.toks.end;
            }
        }
        while t < end && self.is_lead(&tokens[t]) {
            t += 1;
        }
        let mut end = end;
        while end > t + 1 && self.is_lead(&tokens[end - 1]) {
            end -= 1;
        }
        if t >= end {
            return None;
        }
        let r = tokens[t].range.start..tokens[end - 1].range.end;
        let text = &norm[r.clone()];
        let n = text.chars().count();
        (2..=MAX_FRAMED).contains(&n).then_some(r)
    }

    /// The kind of project an item names if it is shaped like a name on its own: it ends in a
    /// head (or a head and a phase, `X高速改扩建`, `X公园(一期)`) and is no class of things.
    fn framed_name(&self, norm: &str, tokens: &[Token], units: &[Unit], item: Range<usize>) -> Option<ProjectKind> {
        let r = self.item_range(norm, tokens, units, item)?;
        let name = &norm[r.clone()];
        let base = self.without_phase(name);
        let head = self.head_for(base, HeadUse::Framed)?;
        let n = name.chars().count();
        let modifier = base[..base.len() - head.word.len()].trim_end_matches(|c: char| {
            c.is_ascii_digit() || "一二两三四五六七八九十大年百千万".contains(c)
        });
        let m = modifier.chars().count();
        if n < 3 || m < 2 {
            return None;
        }
        // A programme needs more than a word before its head (`农民增收行动`, not `专项行动`).
        if head.kind == ProjectKind::Program && m < 4 {
            return None;
        }
        if self.generic(norm, tokens, r) {
            return None;
        }
        Some(self.kind_of(name, head.kind))
    }

    /// A word before or after a name that is not part of it: a lead word (`全力`, `年内`),
    /// a time word, a year, a one-character adverb.
    fn is_lead(&self, t: &Token) -> bool {
        self.frames.leads.contains(t.word)
            || t.tag == "t"
            || (t.tag == "m" && t.word.ends_with('年'))
            || (t.tag == "d" && t.word.chars().count() == 1)
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
    /// (`3个…`), or, without a proper word to single one out, a class word, a stop modifier
    /// or a generic tail (`日间照料中心`).
    fn generic(&self, norm: &str, tokens: &[Token], r: Range<usize>) -> bool {
        let name = &norm[r.clone()];
        if self.stop_phrases.contains(name)
            || self.stop_modifiers.iter().any(|m| name.starts_with(m.as_str()))
        {
            return true;
        }
        let inside: Vec<&Token> =
            tokens.iter().filter(|t| t.range.start >= r.start && t.range.end <= r.end).collect();
        let proper = inside.iter().any(|t| self.proper_word(t));
        if !proper
            && (inside.iter().any(|t| self.frames.classes.contains(t.word) || self.has_stop_modifier(t.word))
                || self.stop_tails.iter().any(|t| name.ends_with(t.as_str())))
        {
            return true;
        }
        counted(name)
    }

    /// A proper word: a place, brand, person or code the name is singled out by.
    fn proper_word(&self, t: &Token) -> bool {
        ((is_proper(t) && t.word.chars().count() >= 2) || is_unknown(t) || t.tag == "eng")
            && !self.common.contains(t.word)
    }

    /// Clearly a name: a proper word, a character the segmenter does not know, or a code.
    fn named(&self, norm: &str, tokens: &[Token], r: Range<usize>) -> bool {
        let name = &norm[r.clone()];
        name.chars().any(|c| c.is_ascii_alphabetic())
            || tokens
                .iter()
                .filter(|t| t.range.start >= r.start && t.range.end <= r.end)
                .any(|t| self.proper_word(t) && !is_digits(t.word))
    }

    /// An item of a list of names: no generic phrase; two characters only for a proper word
    /// (`南玻`, `通威`).
    fn list_item_ok(&self, norm: &str, tokens: &[Token], r: Range<usize>) -> bool {
        let name = &norm[r.clone()];
        let n = name.chars().count();
        if n < 2 || self.generic(norm, tokens, r.clone()) {
            return false;
        }
        n > 2 || self.named(norm, tokens, r)
    }
}

/// `3个社区卫生服务中心`, `两所新批复高职学校`, `区内63个住宅小区`: a count makes a class.
/// An ordinal (`第四座`) or a grade (`30万吨级`) does not.
fn counted(name: &str) -> bool {
    let cs: Vec<char> = name.chars().collect();
    let numeral = |c: char| c.is_ascii_digit() || "一二两三四五六七八九十".contains(c);
    (1..cs.len()).any(|i| {
        numeral(cs[i - 1])
            && "个家所项栋幢座条处批台套眼块名".contains(cs[i])
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

/// A quoted or bracketed group at `k` (`“A、B”`, `(一期)`): how many tokens it takes.
fn group(norm: &str, tokens: &[Token], k: usize) -> Option<usize> {
    let open = tokens[k].word;
    let close: &[&str] = match open {
        "“" => &["”"],
        "‘" => &["’"],
        "\"" => &["\""],
        "(" => &[")"],
        _ => return None,
    };
    let limit = if open == "(" { 8 } else { 24 };
    let n = tokens[k + 1..].iter().take(limit).position(|t| close.contains(&t.word) || t.word == "。")?;
    let end = k + 1 + n;
    if tokens[end].word == "。" || n == 0 {
        return None;
    }
    // A bracket holds a short part of a name, not a clause.
    if open == "(" && norm[tokens[k].range.end..tokens[end].range.start].contains([',', ';', ':', '、']) {
        return None;
    }
    Some(n + 2)
}

/// `投资100亿元的`, `83.5亿元的`, `总投资1.2亿元的`: money and `的` before a name.
fn money(tokens: &[Token], k: usize) -> Option<usize> {
    let mut j = k;
    if matches!(tokens[j].word, "投资" | "总投资" | "计划投资" | "估算投资" | "总投资额") {
        j += 1;
    }
    let num = tokens.get(j)?;
    if !num.word.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    j += 1;
    let mut money = num.word.ends_with('元');
    while let Some(t) = tokens.get(j) {
        if matches!(t.word, "亿元" | "万元" | "元" | "亿" | "万" | "多" | "余") {
            money |= t.word.ends_with('元');
            j += 1;
        } else {
            break;
        }
    }
    (money && tokens.get(j).is_some_and(|t| t.word == "的")).then_some(j + 1 - k)
}

fn push(norm: &str, r: Range<usize>, kind: ProjectKind, out: &mut Vec<Cand>) {
    out.push(Cand { name: norm[r.clone()].to_string(), range: r, kind, core: None });
}

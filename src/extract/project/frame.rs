//! Names held by the frame of a clause: after a trigger verb (`实施X行动`, `加快建设A、B`),
//! before a build predicate (`A、B建成通车`, `X加快推进`), or as items of a list that `等` and
//! a project category close (`A、B、C等重大项目`, `A等137个项目开工建设`).
//!
//! The clause is read as units: words, quoted or bracketed groups (`“A、B”工程`, `(一期)`),
//! verbs of the frame (`project_frames.txt`), separators (`、`, `和`, `及`), `等`, and breaks
//! (particles, prepositions, pronouns, clause verbs). A run of word units between two of the
//! others is an item. What licenses a list of items decides how much an item must look like
//! a name (see `shape.rs`): an item of a list closed by a category needs only to be no generic
//! phrase; an item next to a trigger or a predicate must end in a head noun (`framed` heads
//! included: `X高速`, `X路`, `X工程`), or be a proper name before a build predicate
//! (`百福硝酸投产`) or between a trigger and a predicate (`争取通威签约落地`).

use super::chunk::is_digits;
use super::{Cand, ProjectRules, Sent};
use crate::document::ProjectKind;
use crate::grammar::marker::marker_at;
use crate::lexicon::HeadUse;
use crate::segment::Token;
use std::ops::Range;

/// Most characters read after `等` for the category of a list.
const MAX_CATEGORY: usize = 14;

/// What a unit is to the frame grammar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    /// Part of a name, or of what lies between names.
    Word,
    /// `投资100亿元的`: money before a name, skipped at the start of an item.
    Money,
    /// A verb of the frame: `trigger` when a name may follow it, `predicate` when it may
    /// follow a name, `build` when that predicate says the thing is being built or run (not
    /// `获评`, `入选`).
    Verb { trigger: bool, predicate: bool, build: bool },
    /// `、` between two items.
    Sep,
    /// `和`, `及`: between two items, or inside one (`韩美…佐剂及…生产项目`).
    Conj,
    /// `等` (or `等` glued to the next character by the segmenter, `等促`).
    Deng,
    /// A particle, preposition, pronoun, clause verb or other mark no name runs over.
    Break,
    /// Clause punctuation.
    End,
}

/// One unit: a role and the tokens it spans.
#[derive(Debug, Clone)]
pub(super) struct Unit {
    pub(super) role: Role,
    pub(super) toks: Range<usize>,
}

impl Unit {
    fn in_item(&self) -> bool {
        matches!(self.role, Role::Word | Role::Money)
    }
}

/// A run of items: unit ranges, and whether a conjunction (not `、`) follows each.
struct List {
    items: Vec<Range<usize>>,
    conj_after: Vec<bool>,
    /// The units before and after the list.
    left: Option<Role>,
    right: Option<Role>,
    /// Index of the unit after the list.
    end: usize,
}

/// How a list of items is licensed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum License {
    /// Closed by `等` and a category (`等重大项目`, `等20个项目`): every item is a name.
    Listed(ProjectKind),
    /// `加快建设A、B、C等`: a trigger opens the list and `等` closes it without a category;
    /// each item must be a name on its own (a head, or a proper word).
    Closed,
    /// Next to a trigger or a predicate: an item must end in a head, or be a proper name
    /// where the frame says it is built (`build`).
    Framed { trigger: bool, predicate: bool, build: bool },
}

impl ProjectRules {
    /// Names in the frames of a sentence's clauses. `heading`: the sentence is a heading's
    /// title or a line of its own, whose one item may be a name without a verb
    /// (`（一）网络体系强基行动。`).
    /// Returns the ranges of every licensed item, name or not: a quoted phrase alone is a
    /// name only there (`推出“童心圆”`, not `吃“长三角的饭”`).
    pub(super) fn framed(&self, s: &Sent, heading: bool, out: &mut Vec<Cand>) -> Vec<Range<usize>> {
        let units = self.units(s.norm, s.tokens);
        let mut licensed = Vec::new();
        for list in lists(&units) {
            let Some(license) = self.license(s, &units, &list, heading) else { continue };
            licensed.extend(
                list.items.iter().filter_map(|it| self.item_range(s.norm, s.tokens, &units, it.clone())),
            );
            // `建设一批A、B、C等`: a quantity before the list makes every item a class, also
            // where a verb inside the clause opens the list (`建设一批创新中心、推广/中心、平台等`).
            let clause =
                units[..list.items[0].start].iter().rposition(|u| u.role == Role::End).map_or(0, |k| k + 1);
            let quantified = units[clause..=list.items[0].start].iter().any(|u| {
                let from = s.tokens[u.toks.start].range.start;
                self.frames.quantifiers.iter().any(|q| s.norm[from..].starts_with(q.as_str()))
            });
            if quantified {
                continue;
            }
            let items = self.joined(s, &units, &list, license);
            let names: Vec<(Range<usize>, Option<ProjectKind>)> = items
                .iter()
                .filter_map(|it| {
                    let r = self.item_range(s.norm, s.tokens, &units, it.clone())?;
                    let kind = self.framed_name(s, r.clone());
                    Some((r, kind))
                })
                .collect();
            match license {
                License::Framed { trigger, predicate, build } => {
                    for (r, kind) in names {
                        let kind = match kind {
                            // After a trigger alone (`建设X`) a name without a proper word
                            // needs more words (`全民健身中心`, not `体验中心`).
                            Some(_)
                                if !predicate
                                    && s.norm[r.clone()].chars().count() < 5
                                    && !self.named(s, r.clone()) =>
                            {
                                continue
                            }
                            Some(kind) => kind,
                            None if (build || (trigger && predicate)) && self.proper_name(s, r.clone()) => {
                                ProjectKind::Construction
                            }
                            None => continue,
                        };
                        push(s.norm, r, kind, out);
                    }
                }
                License::Closed => {
                    // (`实施老楼改造、环境绿化和停车位等建设`: kinds of work, no names.)
                    for (r, k) in names {
                        if (k.is_some() || self.named(s, r.clone())) && self.list_item_ok(s, r.clone()) {
                            push(s.norm, r, k.unwrap_or(ProjectKind::Construction), out);
                        }
                    }
                }
                License::Listed(ProjectKind::Program) => {
                    // Activities and campaigns (`等活动`, `等专项行动`) are named by a head, a
                    // quote or a proper word (`滑冰、滑雪等赛事活动` are none); a list of
                    // phrases none of which is one may be one name with a proper word
                    // (`院士专家、企业家、海外英才雄安行等系列活动`).
                    // (A dictionary word the tagger calls a name, `通讯/nz`, `滑冰/nr`, is none.)
                    let own = |r: &Range<usize>, k: &Option<ProjectKind>| {
                        let single = s
                            .tokens
                            .iter()
                            .filter(|t| t.range.start >= r.start && t.range.end <= r.end)
                            .count()
                            == 1;
                        k.is_some()
                            || s.norm[r.clone()].starts_with(['“', '"'])
                            || (self.named(s, r.clone()) && !single)
                    };
                    let owned = names.iter().filter(|(r, k)| own(r, k)).count();
                    let last_only = names.last().is_some_and(|(r, k)| own(r, k)) && owned == 1;
                    if owned > 0 && !(last_only && names.len() >= 2) {
                        for (r, k) in &names {
                            if (own(r, k) || self.branded(s, r.clone())) && !self.generic(s, r.clone()) {
                                push(s.norm, r.clone(), k.unwrap_or(ProjectKind::Program), out);
                            }
                        }
                    } else if names.iter().all(|(r, _)| self.branded(s, r.clone())) {
                        // `廊洽会、数博会等活动`: coinages, each a name.
                        for (r, _) in &names {
                            push(s.norm, r.clone(), ProjectKind::Program, out);
                        }
                    } else if let (Some(a), Some(b)) = (names.first(), names.last()) {
                        let all = a.0.start..b.0.end;
                        if names.len() >= 2
                            && self.named(s, all.clone())
                            && self.placed(s, all.clone())
                            && !self.generic(s, all.clone())
                        {
                            push(s.norm, all, ProjectKind::Program, out);
                        }
                    }
                }
                License::Listed(kind) => {
                    // The list is one of names when one item at least is clearly a name
                    // (`钢铁、化工等重点产业项目` has none); after a category of kinds of
                    // facility (`等市政公建配套项目`, `等基础设施`) it needs a proper word.
                    let types = self.type_category(s.norm, s.tokens, &units, list.end);
                    let clear = |r: &Range<usize>, k: &Option<ProjectKind>| {
                        k.is_some()
                            || if types { self.named(s, r.clone()) } else { self.branded(s, r.clone()) }
                    };
                    if !names.iter().any(|(r, k)| clear(r, k)) {
                        continue;
                    }
                    for (r, own) in names {
                        if (!types || clear(&r, &own)) && self.list_item_ok(s, r.clone()) {
                            push(s.norm, r, own.unwrap_or(kind), out);
                        }
                    }
                }
            }
        }
        licensed
    }

    /// What licenses a list, if anything.
    fn license(&self, s: &Sent, units: &[Unit], list: &List, heading: bool) -> Option<License> {
        let trigger = matches!(list.left, Some(Role::Verb { trigger: true, .. }));
        match list.right {
            Some(Role::Deng) => self.category(s.norm, s.tokens, units, list.end).or_else(|| {
                // `加快建设A、B、C等,`: `等` closes a list the trigger opened.
                let next = units.get(list.end + 1).map(|u| u.role);
                (trigger
                    && list.items.len() >= 2
                    && matches!(next, None | Some(Role::End | Role::Verb { predicate: true, .. })))
                .then_some(License::Closed)
            }),
            Some(Role::Verb { predicate: true, build, .. }) => {
                Some(License::Framed { trigger, predicate: true, build })
            }
            _ if trigger => Some(License::Framed { trigger, predicate: false, build: false }),
            None | Some(Role::End) if heading && list.left.is_none() && list.items.len() == 1 => {
                Some(License::Framed { trigger: false, predicate: true, build: false })
            }
            _ => None,
        }
    }

    /// The items of a list as names: `A和B` is one item when A is no name by itself and the
    /// pair has a proper word (`LNG二期和三期`); `A、B、C行动` is one when only the last item has its (programme)
    /// head (`外贸回流、港口引流、主体培育行动`).
    fn joined(&self, s: &Sent, units: &[Unit], list: &List, license: License) -> Vec<Range<usize>> {
        let range = |it: &Range<usize>| self.item_range(s.norm, s.tokens, units, it.clone());
        let mut joined: Vec<Range<usize>> = Vec::new();
        for (j, it) in list.items.iter().enumerate() {
            if let Some(prev) = joined.last_mut() {
                // (`数字化车间和智能工厂`: a generic pair stays two items.)
                let alone = range(prev).and_then(|r| self.framed_name(s, r));
                let pair = prev.start..it.end;
                // The second part shares what the first lacks: a phase (`二期和三期`) or a
                // generic head (`A及B生产项目`), not a name of its own (`A和雄安新区`).
                let shares = range(it).is_some_and(|r| {
                    let b = self.without_phase(&s.norm[r.clone()]);
                    b.len() < s.norm[r.clone()].len()
                        || self.frames.phases.contains(b)
                        || self
                            .head_for(b, HeadUse::Framed)
                            .is_some_and(|h| matches!(h.word.as_str(), "项目" | "工程"))
                });
                if list.conj_after[j - 1]
                    && alone.is_none()
                    && shares
                    && range(&pair).is_some_and(|r| self.branded(s, r))
                {
                    *prev = pair;
                    continue;
                }
            }
            joined.push(it.clone());
        }
        // `高清路、温泉路、庞石路、城冯路(龙化段)4条乡道`: a count after the last item sums the
        // list up and is no part of it.
        if joined.len() >= 2 {
            if let Some(last) = joined.last_mut() {
                let cut = (last.start + 1..last.end).find(|&u| {
                    let t = units[u].toks.start;
                    units[u].role == Role::Word
                        && s.tokens[t].tag == "m"
                        && s.tokens.get(t + 1).is_some_and(|q| {
                            q.tag == "q"
                                && q.word.starts_with(['个', '条', '座', '所', '处', '项', '家', '栋', '批'])
                        })
                        && s.tokens[t]
                            .word
                            .starts_with(|c: char| c.is_ascii_digit() || "一二两三四五六七八九十".contains(c))
                });
                if let Some(u) = cut {
                    last.end = u;
                }
            }
        }
        let program = matches!(license, License::Framed { .. } | License::Listed(ProjectKind::Program));
        if joined.len() < 2 || !program {
            return joined;
        }
        let last = joined.last().and_then(range);
        let shared = last.and_then(|r| self.head_for(&s.norm[r], HeadUse::Framed)).is_some_and(|h| {
            h.kind == ProjectKind::Program
                && joined[..joined.len() - 1].iter().all(|it| {
                    range(it).is_some_and(|r| {
                        self.head_for(&s.norm[r.clone()], HeadUse::Framed).is_none() && !self.named(s, r)
                    })
                })
        });
        if shared {
            let all: Range<usize> = joined[0].start..joined[joined.len() - 1].end;
            std::iter::once(all).collect()
        } else {
            joined
        }
    }

    /// The units of a sentence's tokens.
    fn units(&self, norm: &str, tokens: &[Token]) -> Vec<Unit> {
        let mut out: Vec<Unit> = Vec::new();
        // A list marker (`(一)`, `1.`, `专栏1`) before the sentence is no part of a name.
        let mut k = tokens.iter().take_while(|t| t.word.trim().is_empty()).count();
        if let Some(first) = tokens.get(k) {
            let at = first.range.start;
            let end = marker_at(norm, at).map(|m| m.range.end).or_else(|| {
                let rest = norm[at..].strip_prefix("专栏")?;
                let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
                (digits > 0).then_some(at + "专栏".len() + digits)
            });
            if let Some(end) = end {
                k += tokens[k..]
                    .iter()
                    .take_while(|t| t.range.start < end || t.word.trim().is_empty())
                    .count();
            }
        }
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
            } else if let Some((n, role)) = self.verb(norm, tokens, k) {
                (role, n)
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
                || super::chunk::is_unknown(t)
                // (`TOD/eng`, `G237/eng`: a Latin code is part of a name, not an interjection.)
                || t.tag == "eng"
                || !(t.tag.starts_with(['u', 'p', 'r', 'c', 'y', 'e', 'o', 'x']))
            {
                (Role::Word, 1)
            } else {
                (Role::Break, 1)
            };
            let mut n = n.max(1);
            // `打造/了`: an aspect particle stays with its verb.
            if matches!(role, Role::Verb { .. })
                && tokens.get(k + n).is_some_and(|t| matches!(t.word, "了" | "着"))
            {
                n += 1;
            }
            out.push(Unit { role, toks: k..(k + n).min(tokens.len()) });
            k += n;
        }
        // `电网/建设/三年攻坚行动`, `电网/巩固/提升工程`: a verb-noun or a clause verb between
        // words that end in a programme head (or 工程) is part of the name.
        for j in 1..out.len().saturating_sub(1) {
            let u = &out[j];
            let text = &norm[tokens[u.toks.start].range.start..tokens[u.toks.end - 1].range.end];
            let verb = match u.role {
                // (`纺织商贸城/升级改造/工程`: a phase verb as well.)
                Role::Verb { .. } => {
                    (u.toks.len() == 1 && tokens[u.toks.start].tag == "vn")
                        || self.frames.phases.contains(text)
                }
                // (`市场/开拓/计划`, `电商/赋能/行动`: a clause verb as well.)
                Role::Break => self.frames.clause(tokens[u.toks.start].word).is_some_and(|c| c.verb),
                _ => false,
            };
            let inner = verb && out[j - 1].role == Role::Word;
            if !inner {
                continue;
            }
            let run = out[j + 1..].iter().take_while(|u| u.role == Role::Word).count();
            if run == 0 {
                continue;
            }
            let end = tokens[out[j + run].toks.end - 1].range.end;
            let text = &norm[tokens[u.toks.start].range.start..end];
            if self
                .head_for(text, HeadUse::Framed)
                .is_some_and(|h| h.kind == ProjectKind::Program || h.word == "工程")
            {
                out[j].role = Role::Word;
            }
        }
        out
    }

    /// A verb of the frames over one to three tokens at `k` (longest first): its token
    /// count and role (a clause verb that is neither trigger nor predicate is a break).
    fn verb(&self, norm: &str, tokens: &[Token], k: usize) -> Option<(usize, Role)> {
        let f = &self.frames;
        (1..=3).rev().filter(|n| k + n <= tokens.len()).find_map(|n| {
            let text = &norm[tokens[k].range.start..tokens[k + n - 1].range.end];
            let mut word = f.clause(text);
            // `大力支持/nr`, `不断完善/l`: a lead word glued to a verb is that verb.
            if n == 1 {
                let glued = text.char_indices().skip(2).find(|&(i, _)| f.leads.contains(&text[..i]));
                if let Some(rest) = glued.and_then(|(i, _)| f.clause(&text[i..])) {
                    if rest.trigger || rest.predicate || rest.verb {
                        word = Some(rest);
                    }
                }
            }
            let w = word?;
            let (trigger, build) = (w.trigger, w.predicate);
            let predicate = build || w.result;
            if trigger || predicate {
                Some((n, Role::Verb { trigger, predicate, build }))
            } else {
                w.verb.then_some((n, Role::Break))
            }
        })
    }

    /// The category after `等` at unit `k`: `等重大项目`, `等20个临空制造业项目`, `等四条高速`,
    /// `等公园游园15处`, `等一批`.
    fn category(&self, norm: &str, tokens: &[Token], units: &[Unit], k: usize) -> Option<License> {
        let deng = &tokens[units[k].toks.start];
        // The text after `等` up to the clause's next verb, break or lead word
        // (`等项目早日开工`).
        let start = deng.range.start + '等'.len_utf8();
        let mut end = deng.range.end;
        'units: for u in &units[k + 1..] {
            if u.role != Role::Word {
                break;
            }
            for t in &tokens[u.toks.clone()] {
                // (`等名校/与/镇域内学校结对`: `与` begins another phrase.)
                if t.tag.starts_with(['d', 't']) || matches!(t.word, "与" | "同") {
                    break 'units;
                }
                end = t.range.end;
            }
        }
        let whole = norm.get(start..end)?;
        // The shortest start of it that ends in a category or a head (`等重点承接平台能级`,
        // `等技改项目100个以上`).
        let text = whole
            .char_indices()
            .map(|(i, c)| &whole[..i + c.len_utf8()])
            .take(MAX_CATEGORY)
            .find(|t| {
                let t = t.trim_start_matches(|c: char| {
                    c.is_ascii_digit() || "一二两三四五六七八九十百千几多余个项处座条所批".contains(c)
                });
                !t.is_empty()
                    && (self.categories.iter().any(|(c, _)| t.ends_with(c.as_str()))
                        || self.head_for(t, HeadUse::Framed).is_some_and(|h| h.word.chars().count() >= 2))
            })
            .unwrap_or(whole);
        if text.chars().count() > MAX_CATEGORY {
            return None;
        }
        let numeral = |c: char| c.is_ascii_digit() || "一二两三四五六七八九十百千几多余".contains(c);
        // (`等11家企业`: a count of companies is no list of projects.)
        let counted =
            text.starts_with(numeral) && text.chars().take(5).any(|c| "个项处座条所批大".contains(c));
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
        let bare =
            bare.trim_start_matches(numeral).trim_start_matches(|c: char| "个项处座条所批".contains(c));
        (counted && bare.is_empty()).then_some(License::Listed(ProjectKind::Construction))
    }

    /// The category after `等` at unit `k` names kinds of facility, not projects
    /// (`配套`, `设施`, `公共`: `type` in `project_frames.txt`).
    fn type_category(&self, norm: &str, tokens: &[Token], units: &[Unit], k: usize) -> bool {
        let from = tokens[units[k].toks.start].range.start;
        let to = units[k + 1..]
            .iter()
            .take_while(|u| u.role == Role::Word)
            .last()
            .map_or(tokens[units[k].toks.end - 1].range.end, |u| tokens[u.toks.end - 1].range.end);
        let text = &norm[from..to];
        self.frames.types.iter().any(|c| text.contains(c.as_str()))
    }

    /// The byte range of an item's name: leading money, and lead and time words at either
    /// end, dropped.
    fn item_range(
        &self,
        norm: &str,
        tokens: &[Token],
        units: &[Unit],
        item: Range<usize>,
    ) -> Option<Range<usize>> {
        let mut t = units[item.start].toks.start;
        let mut end = units[item.end - 1].toks.end;
        for u in &units[item.clone()] {
            if u.role == Role::Money {
                t = u.toks.end;
            }
        }
        // `50亿元创投基金`: an amount before a name is no part of it.
        if tokens.get(t + 1).is_some_and(|u| matches!(u.word, "亿元" | "万元" | "元"))
            && tokens[t].word.starts_with(|c: char| c.is_ascii_digit())
        {
            t += 2;
        }
        // (`与/上海港`: a conjunction the tagger left as a word.)
        while t < end && (self.is_lead(&tokens[t]) || matches!(tokens[t].word, "与" | "同")) {
            t += 1;
        }
        // `提升/七宝/德必易园`, `改造/泮水公园`, `推行/“一门通”…`: a clause's verb before
        // the name is no part of it.
        while t + 1 < end && self.verb_before_name(tokens, t, end) {
            t += 1;
        }
        // (`西街小学迁建/年后/可`, `…开发区改革/有力`: a time word, a modal or an adverbial
        // adjective after the name; `犇腾精密/a` keeps its adjective.)
        // (`张峰…工程/年底/前`, `…小学迁建/年/后`: a time word or a localiser after the name,
        // with the `年` it closes.)
        // (`…三期`/t, `…啤酒节`/t, `…北段`, `…锦成里`/f stay: only a time word closed by a
        // localiser, `年底/前`, `2025/年/前`, goes.)
        while end > t + 1 && {
            let x = &tokens[end - 1];
            self.is_lead(x) || x.tag == "ad"
        } {
            end -= 1;
        }
        let time = |x: &Token| x.tag.starts_with('t') && !x.word.ends_with('期') || x.word == "年";
        if end > t + 2 && tokens[end - 1].tag == "f" && time(&tokens[end - 2]) {
            end -= 2;
            if end > t + 1 && is_digits(tokens[end - 1].word) {
                end -= 1;
            }
        }
        // (`…颐养中心/3/月/对外`: a month or a day inside the item ends the name.)
        let digits = |w: &str| w.starts_with(|c: char| c.is_ascii_digit());
        if let Some(d) = (t + 1..end).find(|&k| {
            let x = &tokens[k];
            digits(x.word)
                && (x.word.ends_with(['月', '日'])
                    || tokens.get(k + 1).is_some_and(|n| matches!(n.word, "月" | "日")))
        }) {
            end = d;
        }
        if t >= end {
            return None;
        }
        let mut r = tokens[t].range.start..tokens[end - 1].range.end;
        // `项目前期/工作`, `工程建设/l`: a predicate the segmenter glued to the name's last
        // word is cut off.
        let text = &norm[r.clone()];
        let last = tokens[end - 1].word;
        if let Some(glued) = ["前期工作", "前期"].iter().find(|p| text.len() > p.len() && text.ends_with(*p))
        {
            r.end -= glued.len();
        } else if last.ends_with("工程建设") {
            r.end -= "建设".len();
        } else if end > t + 1 && tokens[end - 1].tag == "a" && {
            // `…三年行动/高效/落实`: an adjective before the predicate.
            let before = &norm[r.start..tokens[end - 2].range.end];
            self.head_for(before, HeadUse::Framed).is_some()
        } {
            r.end = tokens[end - 2].range.end;
        }
        let n = norm[r.clone()].chars().count();
        (2..=super::shape::MAX_FRAMED).contains(&n).then_some(r)
    }

    /// The token at `t` (before `end`) is a verb that opens the clause before a name: a
    /// phase word (which only follows a head, `改造`, `提升`), a lead word glued to a word
    /// that is no head (`全面推行/n`, `积极参与`; not `重点项目`), or a verb before a proper
    /// word or a quote (`促进/v 合盛…`, `推行/v “…”`) when a name of three characters or more
    /// is left (`相如/v 故城/ns` is one name).
    fn verb_before_name(&self, tokens: &[Token], t: usize, end: usize) -> bool {
        let w = tokens[t].word;
        if self.frames.phases.contains(w) {
            return true;
        }
        let glued = w.chars().count() == 4
            && w.char_indices()
                .nth(2)
                .is_some_and(|(i, _)| self.frames.leads.contains(&w[..i]) && self.head_of(&w[i..]).is_none());
        if glued {
            return true;
        }
        let next = &tokens[t + 1];
        let proper = super::chunk::is_proper(next) && !is_digits(next.word) || next.word == "“";
        let rest = tokens[t + 1..end].iter().map(|x| x.word.chars().count()).sum::<usize>();
        tokens[t].tag == "v" && w.chars().count() == 2 && proper && rest >= 3
    }

    /// A word before or after a name that is not part of it: a lead word (`全力`, `年内`),
    /// a time word, a year, a one-character adverb.
    pub(super) fn is_lead(&self, t: &Token) -> bool {
        // (`青年/t`, `未来/t` are tagged as time words too, and begin names.)
        self.frames.leads.contains(t.word)
            || (t.tag == "t"
                && (t.word.ends_with(['月', '日', '内', '底', '初', '末'])
                    || (t.word.ends_with('年')
                        && t.word.starts_with(['今', '明', '去', '全', '当', '近', '每', '本', '上', '下']))))
            || (t.tag == "m" && t.word.ends_with(['年', '月', '日']))
            || (t.tag == "d" && t.word.chars().count() == 1)
    }
}

/// The lists of a sentence's units: runs of items separated by `、` or a conjunction.
fn lists(units: &[Unit]) -> Vec<List> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < units.len() {
        if !units[k].in_item() {
            k += 1;
            continue;
        }
        let first = k;
        let mut items = Vec::new();
        let mut conj_after = Vec::new();
        loop {
            let s = k;
            while k < units.len() && units[k].in_item() {
                k += 1;
            }
            items.push(s..k);
            match units.get(k).map(|u| u.role) {
                Some(r @ (Role::Sep | Role::Conj)) if units.get(k + 1).is_some_and(Unit::in_item) => {
                    conj_after.push(r == Role::Conj);
                    k += 1;
                }
                _ => break,
            }
        }
        let left = first.checked_sub(1).map(|j| units[j].role);
        let right = units.get(k).map(|u| u.role);
        out.push(List { items, conj_after, left, right, end: k });
    }
    out
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
    // A bracket holds a short part of a name, not a clause or a list.
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
    // `“A”“B”`: a series of quoted names is the quoted names, each on its own.
    if norm[r.clone()].contains("”“") {
        return;
    }
    out.push(Cand { name: norm[r.clone()].to_string(), range: r, kind, core: None });
}

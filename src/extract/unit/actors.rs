//! Actors in sentences: the bodies a sentence makes do the work.
//!
//! - before a verb of commitment (`unit_verbs.txt`) at the start of a clause: `A、B配合`,
//!   `A负责`, `A将`, `A要`, `A于6月底前完成`; `A会同B` makes A lead and B support;
//! - after `由`: `由A负责`, `由A与B落实`;
//! - before `作为` and a label: `A作为牵头部门`;
//! - in a document that assigns work: a clause that opens with a department and goes on with
//!   what it does (`梧台海关优化通关流程`, `镇财政所每年统筹安排…`).
//!
//! Every name passes the organisation grammar, and a list that opens with a verb or a
//! preposition (`支持市中心医院对接…`, `推动A与B协同发展`) is no list of actors.

use super::{clause_end, in_spans, Raw, Source, UnitRules, Weight};
use crate::document::Role;
use crate::extract::Context;
use crate::grammar::marker::{at_boundary, marker_at, needs_boundary};
use crate::grammar::org::{split_top, MAX_ORG};
use crate::grammar::{is_cn_digit, is_han, next_char, prev_char};
use std::ops::Range;

/// Longest actor list before a verb, in chars.
const MAX_LIST_CHARS: usize = 40;
/// POS tags of a word that cannot open a name: verbs, prepositions, adverbs, conjunctions.
const NOT_NAME_START: &[&str] = &["v", "vd", "vg", "vi", "p", "d", "c", "ad", "i"];
/// Characters after a clause-opening department that show it is no actor: it is owned
/// (`的`), defined (`是`, `为`), listed (`和`, `等`) or followed by more of a name.
const NOT_ACTOR_NEXT: &str = "的之是为所等和与及、";

impl UnitRules {
    /// Actors before verbs of commitment, after `由` and before `作为`. `taken` holds the
    /// tables and label lists, sorted.
    pub(super) fn actors(&self, ctx: &Context, taken: &[Range<usize>], out: &mut Vec<Raw>) {
        let norm = ctx.norm();
        for m in self.verb_re.find_iter(norm) {
            if in_spans(taken, m.start()) {
                continue;
            }
            let Some(v) = self.verb(m.as_str()) else { continue };
            let after = &norm[m.end()..];
            // 负责人, 负责同志, 牵头单位 (a label without colon), 配合度 ...: nouns, not verbs.
            if ["人", "同志", "单位", "部门", "领导", "度", "性", "制", "机制", "下"]
                .iter()
                .any(|x| after.starts_with(x))
            {
                continue;
            }
            if v.time && !starts_with_time(after) {
                continue;
            }
            // `党群服务中心将于年底建成`: a facility's schedule, not a body's commitment.
            if v.strict
                && !v.time
                && ["于", "在", "建成", "投入", "投用", "开工", "完工", "竣工", "开放", "落成", "成为"]
                    .iter()
                    .any(|x| after.starts_with(x))
            {
                continue;
            }
            let Some(mut cstart) = clause_start(norm, m.start()) else { continue };
            if v.bracket && !in_bracket(norm, cstart, m.end()) {
                continue;
            }
            // `5.区民政局会同…`: a list marker opens the item, not the name.
            if let Some(mk) = marker_at(norm, cstart) {
                if (!needs_boundary(mk.kind) || at_boundary(norm, cstart)) && mk.range.end < m.start() {
                    cstart = mk.range.end;
                }
            }
            cstart = skip_enumerator(norm, cstart, m.start());
            let mut list = cstart..m.start();
            // `各镇按职责分工负责`: the sharing phrase is not part of the name.
            while let Some(a) = self.adverbs.iter().find(|a| norm[list.clone()].ends_with(a.word.as_str())) {
                list.end -= a.word.len();
            }
            if list.is_empty() {
                continue;
            }
            // Every item of the list must look like a body; otherwise it is not an actor list.
            let Some(mut names) = self.org_items(ctx, list.clone(), v.strict) else { continue };
            // `各有关单位要高度重视`: an exhortation to everyone, no duty of a body.
            if v.strict && !v.time && names.iter().any(|n| ctx.grammar.org.is_generic(&norm[n.clone()])) {
                continue;
            }
            // `区商投集团,澄州文旅集团要…`: a list that goes on across a comma.
            let mut start = cstart;
            for _ in 0..3 {
                let Some(before) = norm[..start].strip_suffix(',') else { break };
                let Some(pstart) = clause_start(norm, before.len()) else { break };
                let Some(more) = self.org_items(ctx, pstart..before.len(), false) else { break };
                names.splice(0..0, more);
                start = pstart;
            }
            // A one-character verb must stand as a word (`要求`, `应用`, `将来` are others).
            if m.as_str().chars().count() == 1 && !self.is_word(ctx, m.range()) {
                continue;
            }
            let block = start..clause_end(norm, m.end());
            let weight = if in_bracket(norm, start, m.end()) {
                Weight::Firm
            } else if v.strict {
                Weight::Weak
            } else {
                Weight::Strong
            };
            push(out, &names, v.role, &block, weight);
            if v.word == "会同" {
                let support = self.org_run(ctx, m.end(), false);
                push(out, &support, Role::Support, &block, weight);
            }
        }
        self.after_you(ctx, taken, out);
        self.as_label(ctx, taken, out);
    }

    /// `由A负责`, `由A与B落实`, `由A会同B审核`: the bodies after `由` do the work. Those
    /// followed straight by a verb of commitment are the verb pass's.
    fn after_you(&self, ctx: &Context, taken: &[Range<usize>], out: &mut Vec<Raw>) {
        let norm = ctx.norm();
        for (i, _) in norm.match_indices('由') {
            if in_spans(taken, i) {
                continue;
            }
            let from = i + '由'.len_utf8();
            // 理由, 自由, 经由, 缘由; 由于, 由此, 由来, 由衷.
            if prev_char(norm, i).is_some_and(|c| "理自经缘因来".contains(c))
                || next_char(norm, from).is_some_and(|c| "于此来衷".contains(c))
            {
                continue;
            }
            let names = self.org_run(ctx, from, false);
            let Some(end) = names.last().map(|n| n.end) else { continue };
            let rest = &norm[end..];
            if self.verbs.iter().any(|v| !v.strict && rest.starts_with(v.word.as_str())) {
                continue;
            }
            // `由职能部门制作的产品`: who made a thing, not who is to do the work.
            if !rest.starts_with(is_han) || rest.chars().take(4).any(|c| c == '的') {
                continue;
            }
            push(out, &names, Role::Responsible, &(i..clause_end(norm, end)), Weight::Weak);
        }
    }

    /// `A作为牵头部门…`: the label after `作为` gives A its role.
    fn as_label(&self, ctx: &Context, taken: &[Range<usize>], out: &mut Vec<Raw>) {
        let norm = ctx.norm();
        for (i, w) in norm.match_indices("作为") {
            if in_spans(taken, i) {
                continue;
            }
            let after = &norm[i + w.len()..];
            let role = after
                .char_indices()
                .skip(2)
                .take(7)
                .map(|(k, _)| k)
                .chain(std::iter::once(after.len()).filter(|&l| l <= 24))
                .filter_map(|k| self.labels.role(&after[..k]))
                .last();
            let Some(role) = role else { continue };
            let Some(cstart) = clause_start(norm, i) else { continue };
            let Some(names) = self.org_items(ctx, cstart..i, false) else { continue };
            push(out, &names, role, &(cstart..clause_end(norm, i)), Weight::Firm);
        }
    }

    /// Clauses that open with departments and go on with what they do: their actors, in a
    /// document that assigns work. Clauses already read are skipped.
    pub(super) fn subjects(&self, ctx: &Context, taken: &[Range<usize>], out: &mut Vec<Raw>) {
        let norm = ctx.norm();
        let mut known: Vec<usize> = out.iter().map(|r| r.range.start).collect();
        known.sort_unstable();
        let starts = std::iter::once(0).chain(
            norm.char_indices()
                .filter(|(_, c)| matches!(c, '。' | ';' | ',' | '\n' | ':' | '!' | '?'))
                .map(|(i, c)| i + c.len_utf8()),
        );
        for s in starts {
            let mut p = s + (norm[s..].len() - norm[s..].trim_start().len());
            if let Some(mk) = marker_at(norm, p) {
                if !needs_boundary(mk.kind) || at_boundary(norm, p) {
                    p = mk.range.end;
                }
            }
            let p = skip_enumerator(norm, p, norm.len());
            if !norm[p..].starts_with(is_han) || in_spans(taken, p) || known.binary_search(&p).is_ok() {
                continue;
            }
            let names = self.org_run(ctx, p, true);
            if names.iter().any(|n| ctx.grammar.org.is_generic(&norm[n.clone()])) {
                continue;
            }
            let Some(mut end) = names.last().map(|n| n.end) else { continue };
            // `A、B等部门制定…`: past the list's close.
            if let Some(close) =
                ["等有关部门", "等相关部门", "等部门", "等单位"].iter().find(|w| norm[end..].starts_with(**w))
            {
                end += close.len();
            }
            // `A和B(以下统称C)落实…`: past a note on the names.
            if norm[end..].starts_with('(') {
                if let Some(k) = norm[end..].find(')').filter(|&k| norm[end..end + k].chars().count() <= 24) {
                    end += k + 1;
                }
            }
            let Some(next) = next_char(norm, end) else { continue };
            let cend = clause_end(norm, end);
            if !is_han(next) || NOT_ACTOR_NEXT.contains(next) || norm[end..cend].chars().count() < 3 {
                continue;
            }
            // `养老机构护理型床位…`: a class of bodies before a noun is a noun phrase.
            if !self.placed(ctx, names[0].clone()) && self.noun_at(ctx, end) {
                continue;
            }
            // `X关于印发…的通知`: a title line; `各区属单位:`: an addressee line.
            let line_end = norm[end..].find('\n').map_or(norm.len(), |k| end + k);
            let title = ctx.structure.title.as_ref().is_some_and(|t| t.contains(&p));
            if title
                || ["关于", "印发"].iter().any(|w| norm[end..].starts_with(w))
                || norm[..line_end].trim_end().ends_with(':')
            {
                continue;
            }
            push(out, &names, Role::Responsible, &(p..cend), Weight::Weak);
        }
    }

    /// Splits an actor list on `、` and `,` (and `和` `及` `与` where the whole item is not
    /// itself a name, as `住房和城乡建设局` is); `None` unless every piece is a body and none
    /// opens with a verb or a preposition.
    fn org_items(&self, ctx: &Context, list: Range<usize>, strict: bool) -> Option<Vec<Range<usize>>> {
        let norm = ctx.norm();
        let org = &ctx.grammar.org;
        if norm[list.clone()].chars().count() > MAX_LIST_CHARS {
            return None;
        }
        let mut out = Vec::new();
        let mut s = list.start;
        for part in split_top(&norm[list.clone()], &['、', ',']) {
            let r = s..s + part.len();
            s = r.end + norm[r.end..].chars().next().map_or(0, char::len_utf8);
            // `区财政局、区发改委等部门`: the list's close.
            let (r, _) = close_list(norm, r);
            out.extend(self.names_in(org, norm, r, strict)?);
        }
        if out.is_empty() || out.iter().any(|r| self.opens_with_verb(ctx, r.start)) {
            return None;
        }
        Some(out)
    }

    /// The bodies named from `from` on, to the end of the clause: names joined by `、` `和`
    /// `与` `及`, closed by `等` or `等部门`. An item that is no name as a whole gives the
    /// longest run of whole words at its start that is one and holds no verb (`区商务委` of
    /// `区商务委对接企业`); the list ends there.
    fn org_run(&self, ctx: &Context, from: usize, strict: bool) -> Vec<Range<usize>> {
        let norm = ctx.norm();
        let org = &ctx.grammar.org;
        let cend = clause_end(norm, from);
        let mut out: Vec<Range<usize>> = Vec::new();
        let mut at = from;
        while at < cend && out.len() < 12 {
            let item_end = split_top(&norm[at..cend], &['、']).first().map_or(cend, |i| at + i.len());
            let (item, closed) = close_list(norm, at..item_end);
            let conj = norm[item.clone()].find(['和', '与', '及']).map(|k| item.start + k);
            // An item that runs to the clause's end holds what the body does: only its
            // start can be the name.
            let whole = (item_end < cend || closed).then(|| self.names_in(org, norm, item.clone(), strict));
            if let Some(names) = whole.flatten() {
                if out.is_empty() && self.opens_with_verb(ctx, item.start) {
                    break;
                }
                out.extend(names);
                if closed || item_end >= cend {
                    break;
                }
                at = item_end + '、'.len_utf8();
                continue;
            }
            let (name, next) = if let Some(c) = conj.filter(|&c| org.is_org(&norm[item.start..c], strict)) {
                (item.start..c, Some(c + '和'.len_utf8()))
            } else if let Some(p) = self.org_prefix(ctx, at, strict) {
                let rest = &norm[p.end..];
                let sep = ["和", "与", "及", "、"].iter().find(|s| rest.starts_with(**s));
                (p.clone(), sep.map(|s| p.end + s.len()))
            } else {
                break;
            };
            if out.is_empty() && self.opens_with_verb(ctx, name.start) {
                break;
            }
            out.push(name);
            match next {
                Some(n) => at = n,
                None => break,
            }
        }
        out
    }

    /// The longest name at `at`: it ends where a word ends, passes the organisation
    /// grammar, and holds no verb but an organisation word (`支行`).
    fn org_prefix(&self, ctx: &Context, at: usize, strict: bool) -> Option<Range<usize>> {
        let norm = ctx.norm();
        let org = &ctx.grammar.org;
        let sentence = ctx.structure.sentence_at(at)?;
        let tokens = ctx.tokens(sentence);
        // The first word may begin before `at` (`四是/区` after the enumerator `四是`).
        let first = tokens.partition_point(|t| t.range.end <= at);
        let collective = crate::grammar::org::opens_collective(&norm[at..]);
        let mut best = None;
        let mut depth = 0i32;
        let tokens = &tokens[first..];
        for (k, t) in tokens.iter().enumerate() {
            let opening = k == 0 || t.range.start <= at;
            // A verb inside a name is its trade (`督查` of `区督查办`, `提供` of `数据提供部门`):
            // a departmental word follows at once.
            let trade =
                t.tag.starts_with('v') && tokens.get(k + 1).is_some_and(|n| org.has_dept_ending(n.word));
            match t.word {
                "(" => depth += 1,
                ")" => depth -= 1,
                w if !w.chars().all(is_han) => break,
                _ if opening && (t.range.start < at || collective) => {}
                // A verb ends the name (`区商务委` of `区商务委对接企业`, `A` of `A会同B`), and
                // so does a pronoun (`各` in `A指导辖区各银行`).
                w if depth == 0
                    && ((NOT_NAME_START.contains(&t.tag)
                        && !trade
                        && !(w.chars().count() > 1 && org.ends_like_org(w)))
                        || (!opening && t.tag == "r")
                        || self.verb(w).is_some()) =>
                {
                    // The segmenter may glue a suffix to a preposition after it (`办对`).
                    let glued = w.chars().count() == 2 && matches!(t.tag, "p" | "c") && !opening;
                    if let Some(c) = w.chars().next().filter(|_| glued) {
                        let end = t.range.start + c.len_utf8();
                        if org.is_org(&norm[at..end], strict) && org.has_dept_ending(&c.to_string()) {
                            best = Some(at..end);
                        }
                    }
                    break;
                }
                _ => {}
            }
            let name = &norm[at..t.range.end];
            let has_verb = self
                .verbs
                .iter()
                .any(|v| !v.strict && v.word.chars().count() > 1 && name.contains(v.word.as_str()));
            if name.chars().count() > MAX_ORG + 4 || has_verb {
                break;
            }
            // `相关区政府(以下统称监管部门)`: a long bracket is a note after the name.
            let note = name.ends_with(')') && name.rfind('(').is_some_and(|o| name[o..].chars().count() > 8);
            if depth == 0 && !note && org.is_org(name, strict) {
                best = Some(at..t.range.end);
            }
        }
        best
    }

    /// The names in an item of a list: the item, or its parts joined by `和` `及` `与` when
    /// each is a name (`A及B`; but `住房和城乡建设局` is one name); `None` if neither.
    fn names_in(
        &self,
        org: &crate::grammar::org::OrgGrammar,
        norm: &str,
        r: Range<usize>,
        strict: bool,
    ) -> Option<Vec<Range<usize>>> {
        let text = &norm[r.clone()];
        let mut parts = Vec::new();
        let mut t = r.start;
        for p in text.split(['和', '及', '与']) {
            parts.push(t..t + p.len());
            t += p.len() + '和'.len_utf8();
        }
        if parts.len() > 1 && parts.iter().all(|p| org.is_org(&norm[p.clone()], strict)) {
            return Some(parts);
        }
        // `A会同B`: two bodies and a verb, not one name.
        let holds_verb = self
            .verbs
            .iter()
            .any(|v| !v.strict && v.word.chars().count() > 1 && text.contains(v.word.as_str()));
        (!holds_verb && org.is_org(text, strict)).then(|| vec![r])
    }

    /// Whether a name is of a place's body: it opens with a level (`区`, `市`) or holds a
    /// place name (`梧台海关`), unlike a class of bodies (`养老机构`).
    pub(super) fn placed(&self, ctx: &Context, name: Range<usize>) -> bool {
        let norm = ctx.norm();
        if norm[name.clone()].starts_with(|c: char| "省市区县镇乡州旗".contains(c)) {
            return true;
        }
        let Some(s) = ctx.structure.sentence_at(name.start) else { return false };
        ctx.tokens(s).iter().any(|t| t.range.start >= name.start && t.range.end <= name.end && t.tag == "ns")
    }

    /// Whether the word at `at` is a noun.
    fn noun_at(&self, ctx: &Context, at: usize) -> bool {
        let Some(s) = ctx.structure.sentence_at(at) else { return false };
        let tokens = ctx.tokens(s);
        let k = tokens.partition_point(|t| t.range.end <= at);
        tokens.get(k).is_some_and(|t| t.range.start == at && t.tag.starts_with('n'))
    }

    /// Whether the word at `at` is a verb, a preposition, an adverb or a conjunction (by the
    /// segmenter's tags): no name starts so.
    fn opens_with_verb(&self, ctx: &Context, at: usize) -> bool {
        // The segmenter tags `相关` a verb; `相关部门` is a name all the same.
        if crate::grammar::org::opens_collective(&ctx.norm()[at..]) {
            return false;
        }
        let Some(s) = ctx.structure.sentence_at(at) else { return false };
        let tokens = ctx.tokens(s);
        let k = tokens.partition_point(|t| t.range.end <= at);
        tokens.get(k).is_some_and(|t| t.range.start == at && NOT_NAME_START.contains(&t.tag))
    }

    /// Whether `r` is made of whole words to the segmenter (`要` in `A要加强`, not in `要求`;
    /// `按职责` in `按/职责`).
    fn is_word(&self, ctx: &Context, r: Range<usize>) -> bool {
        let Some(s) = ctx.structure.sentence_at(r.start) else { return true };
        let tokens = ctx.tokens(s);
        let starts = tokens.iter().any(|t| t.range.start == r.start);
        let ends = tokens.iter().any(|t| t.range.end == r.end);
        starts && ends
    }
}

fn push(out: &mut Vec<Raw>, names: &[Range<usize>], role: Role, block: &Range<usize>, weight: Weight) {
    for r in names {
        out.push(Raw {
            range: r.clone(),
            role,
            block: block.clone(),
            source: Source::Actor,
            row: None,
            weight,
        });
    }
}

/// The start of the clause that ends at `end`: back to punctuation, `由`, an opening bracket
/// or a line end; `None` when the clause is empty or too long for a list of names.
fn clause_start(norm: &str, end: usize) -> Option<usize> {
    let mut cstart = end;
    let mut inside = false;
    for (n, (i, c)) in norm[..end].char_indices().rev().enumerate() {
        if n >= MAX_LIST_CHARS {
            return None;
        }
        // `各街镇(园区)牵头`: a short note inside a name is part of it.
        let note = |o: usize| norm[o..i].chars().count() <= 8 && !norm[o..i].contains([',', '。', ';']);
        if c == ')' && !inside && norm[..i].rfind('(').is_some_and(note) {
            inside = true;
            cstart = i;
            continue;
        }
        if inside {
            inside = c != '(';
            cstart = i;
            continue;
        }
        if matches!(
            c,
            ',' | '。' | ';' | ':' | '(' | ')' | '!' | '?' | '\n' | '【' | '】' | ' ' | '\t' | '由'
        ) {
            break;
        }
        cstart = i;
    }
    (cstart < end && !norm[cstart..end].starts_with('(')).then_some(cstart)
}

/// `r` without the close of a list (`等`, `等部门`, `等有关部门`), and whether it had one.
fn close_list(norm: &str, r: Range<usize>) -> (Range<usize>, bool) {
    if let Some(k) = norm[r.clone()].rfind('等') {
        let tail = &norm[r.start + k + '等'.len_utf8()..r.end];
        if k > 0 && ["", "部门", "单位", "有关部门", "相关部门", "有关单位", "相关单位"].contains(&tail)
        {
            return (r.start..r.start + k, true);
        }
    }
    (r, false)
}

/// Whether the clause `start..end` stands in a bracketed note: an unclosed `(` before it
/// on its line.
fn in_bracket(norm: &str, start: usize, end: usize) -> bool {
    let line_start = norm[..start].rfind('\n').map_or(0, |i| i + 1);
    let before = &norm[line_start..start];
    let open = before.matches('(').count() > before.matches(')').count();
    open && !norm[start..end].contains(')')
}

/// Past an enumerator that opens a clause (`一是`, `二是`) when one is at `at`.
fn skip_enumerator(norm: &str, at: usize, limit: usize) -> usize {
    let rest = &norm[at..limit.max(at)];
    let digits = rest.chars().take_while(|&c| is_cn_digit(c)).count();
    let len: usize = rest.chars().take(digits).map(char::len_utf8).sum();
    if (1..=2).contains(&digits) && rest[len..].starts_with('是') {
        at + len + '是'.len_utf8()
    } else {
        at
    }
}

/// Whether a time follows: `6月底前`, `2025年`, `每月5日前`, `年底前`.
fn starts_with_time(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_digit() || is_cn_digit(c))
        || ["每", "年底", "年内", "月底", "本月", "次月", "明年", "今年", "上半年", "下半年", "规定"]
            .iter()
            .any(|w| s.starts_with(w))
}

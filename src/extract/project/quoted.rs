//! Quoted names: `“X”`, alone or with a head noun after it.

use super::{Cand, ProjectRules, MAX_QUOTED};
use crate::document::ProjectKind;
use crate::extract::Context;
use crate::lexicon::HeadUse;
use crate::segment::Token;
use std::ops::Range;

impl ProjectRules {
    /// Quoted names in sentence `i`, with a head noun after the quote when there is one.
    /// A quoted phrase alone is a name in a series of quotes or where a frame licenses it
    /// (`licensed`: the ranges of licensed items, quotes included).
    pub(super) fn quoted(
        &self,
        ctx: &Context,
        i: usize,
        tokens: &[Token],
        licensed: &[Range<usize>],
        out: &mut Vec<Cand>,
    ) {
        let norm = ctx.norm();
        let sr = ctx.structure.sentences[i].range.clone();
        let pairs = quote_pairs(norm, sr.clone());
        for &(open, close) in &pairs {
            let inner = open + norm[open..].chars().next().map_or(1, char::len_utf8)..close;
            let after_close = close + norm[close..].chars().next().map_or(1, char::len_utf8);
            let core = norm[inner.clone()].trim();
            let n = core.chars().count();
            if n == 0 || n > MAX_QUOTED || core.contains(['。', '?', '!', ';', ':']) {
                continue;
            }
            // `“A、B”工程`: a list in quotes names a project only with a head after it.
            let listed = core.contains(['、', ',']);
            // A head noun right after the quote: `“X”行动`, `“X”党群服务中心`.
            // The last of a series (`“A”“B”“C”系列品牌`) shares the head; it is not its own.
            let in_series = matches!(norm[..open].chars().next_back(), Some('”' | '"'));
            let mut head_end = None;
            let mut kind = ProjectKind::Program;
            // The head is a policy's (`改革`, `模式`), which follows quotes only.
            let mut policy_head = false;
            let mut j = tokens.partition_point(|t| t.range.start < after_close);
            let mut taken = if in_series { 6 } else { 0 };
            while j < tokens.len() && taken < 6 {
                let t = &tokens[j];
                // (`“X”等促消费活动`: `等` glued to the next word ends the name too.)
                if t.tag.starts_with(['x', 'p', 'c', 'u', 'r', 'm', 'w'])
                    || t.word.trim().is_empty()
                    || t.word.starts_with('等')
                    || self.frame_verb(t.word)
                {
                    break;
                }
                taken += 1;
                if let Some(h) = self.head_of(t.word) {
                    head_end = Some(t.range.end);
                    kind = h.kind;
                    policy_head = h.usage == HeadUse::Quoted && matches!(h.word.as_str(), "改革" | "模式");
                } else if let Some(h) =
                    self.heads.iter().find(|h| h.word.len() > 3 && t.word.starts_with(h.word.as_str()))
                {
                    // `“X”试点工作`: the segmenter glued the head to the next word.
                    head_end = Some(t.range.start + h.word.len());
                    kind = h.kind;
                    break;
                }
                j += 1;
            }
            if head_end.is_some_and(|e| norm[after_close..e].chars().count() > 14) {
                head_end = None;
            }
            match head_end {
                // `“线下”党群平台`: a plain two-character word before a head is an attribute.
                Some(_) if n <= 2 && !core.chars().any(|c| c.is_ascii_alphanumeric()) => continue,
                // `“放管服”改革`: a policy word the dictionary knows, with a policy's head, is a
                // policy, not a project.
                Some(_)
                    if policy_head
                        && tokens
                            .iter()
                            .filter(|t| t.range.start >= inner.start && t.range.end <= inner.end)
                            .count()
                            <= 1
                        && ctx.knows(core) =>
                {
                    continue
                }
                Some(end) => {
                    let name = norm[open..end].to_string();
                    // (`“一街一主题”思路`: a generic tail or an idea after the quote is no head.)
                    if self.concepts.iter().chain(&self.stop_tails).any(|c| name.ends_with(c.as_str())) {
                        continue;
                    }
                    let kind = self.kind_of(&name, kind);
                    out.push(Cand { range: open..end, name, kind, core: Some(core.to_string()) });
                }
                None if listed => {}
                None => {
                    // `“A”“B”“C”` or `“A”、“B”`: a series of names.
                    let prev = norm[..open].chars().next_back();
                    let next = norm[after_close..].chars().next();
                    let series = matches!(prev, Some('”' | '"')) || matches!(next, Some('“' | '"'));
                    // What follows the whole series (`“专精特新”“小升规”企业`).
                    let mut end = after_close;
                    for _ in 0..12 {
                        match pairs.iter().find(|p| p.0 == end) {
                            Some(p) => end = p.1 + norm[p.1..].chars().next().map_or(1, char::len_utf8),
                            None => break,
                        }
                    }
                    let follower = &norm[end..];
                    // (`“人才强企工程”企业人才`: a name with its own head is no attribute.)
                    let headed = self.head_of(core).is_some();
                    // `“开门红”“双过半”攻坚战`, `“人情分”“乱积分”的行为`: a series that a common
                    // noun or `的` follows is what qualifies that noun, no list of names.
                    if series && !headed && self.qualifies_noun(tokens, end) {
                        continue;
                    }
                    if self
                        .concepts
                        .iter()
                        .any(|c| core.ends_with(c.as_str()) || (!headed && follower.starts_with(c.as_str())))
                    {
                        continue;
                    }
                    // (`“131星模式”`: a head inside the quotes needs no frame.)
                    // (`星河社区“七点钟议事厅”`: a place's own brand needs none either.)
                    let placed = tokens.iter().rev().find(|t| t.range.end <= open).is_some_and(|t| {
                        t.range.end == open
                            && (t.tag == "ns"
                                || ["社区", "村", "镇", "街道"].iter().any(|p| t.word.ends_with(p)))
                    });
                    let framed = licensed.iter().any(|r| r.start <= open && after_close <= r.end)
                        || placed
                        || self.head_of(core).is_some();
                    if !(series || framed) || !self.quoted_alone_ok(ctx, core, tokens, inner.clone(), series)
                    {
                        continue;
                    }
                    let kind =
                        self.head_of(core).map_or(ProjectKind::Program, |h| self.kind_of(core, h.kind));
                    out.push(Cand {
                        range: inner.clone(),
                        name: core.to_string(),
                        kind,
                        core: Some(core.to_string()),
                    });
                }
            }
        }
    }

    /// The word at byte `at`, after a series of quotes, is `的` or a common noun that is no
    /// head, category or series word (`需求`, `攻坚战`; not `系列`, `品牌`, `活动`).
    fn qualifies_noun(&self, tokens: &[Token], at: usize) -> bool {
        let k = tokens.partition_point(|t| t.range.start < at);
        let Some(t) = tokens.get(k).filter(|t| t.range.start == at) else { return false };
        if matches!(t.word, "的" | "之") {
            return true;
        }
        // (`“A”“B”政务协同平台`: a head a few nouns on is the series' own.)
        let headed = |t: &Token| {
            self.head_of(t.word).is_some()
                || self.categories.iter().any(|(c, _)| t.word.ends_with(c.as_str()))
        };
        // (`等共富单元`: `等` glued to the next word closes a list.)
        let noun = |t: &Token| {
            matches!(t.tag, "n" | "vn" | "nz") && !self.frame_verb(t.word) && !t.word.starts_with('等')
        };
        noun(t)
            && !self.frames.quantifiers.iter().any(|q| t.word.starts_with(q.as_str()))
            && !tokens[k..].iter().take(4).take_while(|t| noun(t)).any(headed)
    }

    /// A quoted name without a head: not a dictionary word, a slogan, a coinage or a verb
    /// phrase. In a series of quoted names (`“A”“B”“C”`) the word-level checks are relaxed.
    fn quoted_alone_ok(
        &self,
        ctx: &Context,
        core: &str,
        tokens: &[Token],
        inner: Range<usize>,
        series: bool,
    ) -> bool {
        let n = core.chars().count();
        // (`“151”`: a number is no name.)
        if !(3..=10).contains(&n)
            || self.stop_phrases.contains(core)
            || !core.chars().any(char::is_alphabetic)
        {
            return false;
        }
        // `“互联网+”`, `“1+1+N”`, `“镇—行业—社区”`: formulas, not names.
        if core.contains(['+', '—']) {
            return false;
        }
        // `“两个确立”`, `“一南一北”`, `“三会一课”`: numbered slogans.
        let numerals = core.chars().filter(|c| "一二两三四五六七八九十".contains(*c)).count();
        if core.starts_with(|c: char| "一二两三四五六七八九十".contains(c))
            && (numerals >= 2 || core.contains('个'))
        {
            return false;
        }
        // `“快审快批”` `“双招双引”`: a word repeated in first and third place makes a slogan.
        let cs: Vec<char> = core.chars().collect();
        if cs.len() == 4 && cs[0] == cs[2] && cs[1] != cs[3] {
            return false;
        }
        // `“服务化”` `“菜单式”` `“枢纽型”`: attributes.
        if core.ends_with(['化', '式', '型', '性']) && self.head_of(core).is_none() {
            return false;
        }
        // `“小网格”` `“大治理”` `“微改造”` `“全链条”`: coinages of a degree word and a noun.
        if n <= 4 && core.starts_with(['大', '小', '微', '新', '全', '最', '硬', '软', '强']) {
            return false;
        }
        // Tokens are in text order: a binary search keeps this linear in the quote's length.
        let from = tokens.partition_point(|t| t.range.start < inner.start);
        let inside: Vec<&Token> = tokens[from..].iter().take_while(|t| t.range.end <= inner.end).collect();
        // `“压舱石”` `“朋友圈”` `“菜篮子”`: one word the dictionary knows is a metaphor or a
        // slogan, not a name, in a series too (`“开门红”“双过半”`).
        if inside.len() <= 1 && inside.first().is_none_or(|t| ctx.knows(t.word)) {
            return false;
        }
        // `“三股势力”` `“八项规定”`: a count leads a slogan (`“一刻钟便民生活圈”` has a head).
        if n >= 4
            && inside
                .first()
                .is_some_and(|t| t.tag == "m" && !t.word.starts_with(|c: char| c.is_ascii_digit()))
            && self.head_of(core).is_none()
        {
            return false;
        }
        // `“我不如人”`, `“能快就不要慢”`: a pronoun, a modal particle, a
        // conjunction or an adverb makes a sentence, not a name.
        if inside
            .iter()
            .any(|t| t.tag.starts_with(['r', 'y', 'c']) || (t.tag == "d" && t.word.chars().count() >= 2))
        {
            return false;
        }
        // In a series, or with a Latin code (`“E线牵”`), it is a coined name.
        if series || core.chars().any(|c| c.is_ascii_alphabetic()) {
            return true;
        }
        if inside.len() <= 1 {
            return false;
        }
        // A verb phrase (`“受理审批”`, `“科技引商”`, `“全域联动”`) starts or ends with a verb,
        // unless it ends in a head (`“六大行动”`).
        if inside.first().is_some_and(|t| matches!(t.tag, "v" | "d" | "p")) {
            return false;
        }
        if inside.last().is_some_and(|t| matches!(t.tag, "v" | "vn")) && self.head_of(core).is_none() {
            return false;
        }
        // `“金牌书记”` `“红色堡垒”`: two common nouns make a figure of speech.
        if n <= 4 && inside.iter().all(|t| t.tag == "n" || self.common.contains(t.word)) {
            return false;
        }
        true
    }
}

/// Pairs of quote marks in `r`: `“…”`, `‘…’` and straight `"…"` taken two by two.
fn quote_pairs(norm: &str, r: Range<usize>) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open_curly: Option<usize> = None;
    let mut open_single: Option<usize> = None;
    let mut open_straight: Option<usize> = None;
    for (i, c) in norm[r.clone()].char_indices() {
        let at = r.start + i;
        match c {
            '“' => open_curly = Some(at),
            '”' => {
                if let Some(o) = open_curly.take() {
                    out.push((o, at));
                }
            }
            '‘' => open_single = Some(at),
            '’' => {
                if let Some(o) = open_single.take() {
                    // `‘X’` inside `“…”` is part of the outer name.
                    if open_curly.is_none() {
                        out.push((o, at));
                    }
                }
            }
            '"' => match open_straight.take() {
                Some(o) => out.push((o, at)),
                None => open_straight = Some(at),
            },
            _ => {}
        }
    }
    out.sort();
    out
}

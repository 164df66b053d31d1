//! Unquoted noun chunks that end in a head noun and carry a proper modifier.

use super::{Cand, ProjectRules, Sent, MAX_MODIFIER_TOKENS, MAX_NAME};
use crate::lexicon::{HeadUse, ProjectHead};
use crate::segment::Token;
use std::ops::Range;

impl ProjectRules {
    /// Unquoted noun chunks that end in a head noun and carry a proper modifier.
    pub(super) fn chunks(&self, sent: &Sent, quoted: &[Range<usize>], out: &mut Vec<Cand>) {
        let tokens = sent.tokens;
        let mut k = 0;
        while k < tokens.len() {
            if !is_chunk_token(&tokens[k]) || self.frame_verb(tokens[k].word) {
                k += 1;
                continue;
            }
            let s = k;
            while k < tokens.len() {
                if is_chunk_token(&tokens[k]) && !self.frame_verb(tokens[k].word) {
                    k += 1;
                } else if let Some(n) = bracketed(&tokens[k..]) {
                    // `华南科技装备(军民融合)产业园`, `文化中心(三期)综合剧场`
                    k += n;
                } else if k > s
                    && matches!(tokens[k].word, "新" | "老")
                    && tokens.get(k + 1).is_some_and(|t| t.tag.starts_with('n'))
                {
                    // `南山/ns 新/a 材料/n 基地/n`: 新 or 老 inside a name (`大` in `大家园`
                    // is a degree word, not part of one).
                    k += 1;
                } else {
                    break;
                }
            }
            self.chunk(sent, &tokens[s..k], quoted, out);
        }
    }

    fn chunk(&self, sent: &Sent, toks: &[Token], quoted: &[Range<usize>], out: &mut Vec<Cand>) {
        let norm = sent.norm;
        // The last head token in the chunk ends the name; a head may span two tokens
        // (`集聚/v 区/n`). (`蒲溪科创园重点项目`: a generic head after the name is skipped.)
        let head_at = |k: usize| -> Option<&ProjectHead> {
            let t = &toks[k];
            // (`佛山禅城`: a two-character place name ending in 城 is not a head.)
            if !t.word.chars().next_back().is_some_and(|c| self.head_last.contains(&c))
                || self.has_stop_modifier(t.word)
                || (t.tag == "ns" && t.word.chars().count() == 2)
            {
                return None;
            }
            self.head_for(t.word, HeadUse::Free)
                .or_else(|| {
                    let pair = &norm[toks[k.checked_sub(1)?].range.start..t.range.end];
                    self.head_for(pair, HeadUse::Free)
                        .filter(|hd| hd.word.len() > t.word.len() && hd.word.chars().count() >= 3)
                })
                // Heads that need a quoted name do not end an unquoted chunk.
                .filter(|hd| hd.usage == HeadUse::Free)
                // `禅城`, `县城`, `新城`: a two-character word in 城 is a place or a word of its
                // own, not a facility.
                .filter(|hd| !(hd.word == "城" && t.word.chars().count() == 2))
        };
        let Some(h) = (0..toks.len()).rev().find(|&k| head_at(k).is_some()) else {
            return;
        };
        let head = head_at(h).expect("found above");
        // Start after any stop modifier, and at most MAX_MODIFIER_TOKENS before the head.
        let mut s = h.saturating_sub(MAX_MODIFIER_TOKENS);
        for (j, t) in toks.iter().enumerate().take(h).skip(s) {
            // (`三/m 龙湾/ns`: a numeral glued to a place name is the place's first character.)
            let place_numeral = t.word.chars().count() == 1 && toks.get(j + 1).is_some_and(|n| n.tag == "ns");
            if self.has_stop_modifier(t.word)
                || t.tag == "m"
                    && !is_digits(t.word)
                    && !is_ordinal(t.word)
                    && !t.word.ends_with('年')
                    && !place_numeral
            {
                s = j + 1;
            }
        }
        // The name needs a proper modifier (a place, brand, person, code), not common words;
        // it starts there (`推进/v 华南/ns 电源/n 创新/v 科技园/n` gives `华南电源创新科技园`),
        // or after the last verb before the last proper word (`…融合/vn 推介会 暨 华南/ns …`).
        let proper = |t: &Token| {
            !self.common.contains(t.word)
                && t.word.chars().count() >= 2
                && (is_proper(t)
                    || (sent.made_up_at(t)
                        && self.head_for(t.word, HeadUse::Free).is_some_and(|hd| glued(t.word, &hd.word))))
        };
        // A named plan needs no proper noun: `集体资产跨越发展计划`, `交通三年攻坚行动计划`.
        let plan = head.word.ends_with("计划");
        match toks[s..=h].iter().rposition(proper) {
            Some(lp) if !plan => {
                let lp = s + lp;
                let from =
                    toks[s..lp].iter().rposition(|t| matches!(t.tag, "v" | "vn")).map_or(s, |v| s + v + 1);
                s = from + toks[from..=lp].iter().position(proper).unwrap_or(lp - from);
            }
            Some(_) => {}
            None if plan => {
                // A plan's name does not start with a verb.
                while s < h && matches!(toks[s].tag, "v" | "vn") {
                    s += 1;
                }
            }
            None => return,
        }
        // A head alone is a name only when the token glues a modifier to it (`星钻城`), and
        // the dictionary does not know the whole (`文化名城`, `众志成城`).
        if s > h
            || (s == h
                && (!sent.made_up_at(&toks[h])
                    || self
                        .head_for(toks[h].word, HeadUse::Free)
                        .is_none_or(|hd| !glued(toks[h].word, &hd.word))))
        {
            return;
        }
        if plan && toks[s..h].iter().map(|t| t.word.chars().count()).sum::<usize>() < 4 {
            return;
        }
        if self.has_stop_modifier(toks[h].word) {
            return;
        }
        // `滨河路改造提升工程`: a head that needs quotes (工程) right after the name's own head,
        // with at most one word between, still belongs to the name.
        let end = (h + 1..toks.len().min(h + 3))
            .find(|&k| {
                self.head_of(toks[k].word)
                    .is_some_and(|hd| hd.usage != HeadUse::Free && hd.word == toks[k].word)
            })
            .filter(|&k| toks[h + 1..k].iter().all(|t| matches!(t.tag, "v" | "vn")))
            .unwrap_or(h);
        let range = toks[s].range.start..toks[end].range.end;
        if quoted.iter().any(|q| q.start < range.end && range.start < q.end) {
            return;
        }
        // A name inside a unit list (`(责任单位:城建中心、…)`) is a body, not a project.
        let mut b = range.start.saturating_sub(90);
        while !norm.is_char_boundary(b) {
            b += 1;
        }
        let back = &norm[b..range.start];
        if let Some(i) = back.rfind(':') {
            let label = &back[..i];
            if (label.ends_with("单位") || label.ends_with("部门")) && !back[i..].contains([')', '。']) {
                return;
            }
        }
        // A document's title (`《…行动计划》`) is no project.
        if back.rfind('《').is_some_and(|i| !back[i..].contains('》')) {
            return;
        }
        let name = norm[range.clone()].to_string();
        let n = name.chars().count();
        if !(3..=MAX_NAME).contains(&n) || name.contains(['“', '”', '"']) || self.generic(sent, range.clone())
        {
            return;
        }
        out.push(Cand { range, name, kind: head.kind, core: None });
    }
}

/// POS tags that can be part of a name.
pub(super) fn is_name_tag(tag: &str) -> bool {
    matches!(
        tag,
        "n" | "ns" | "nr" | "nrt" | "nrfg" | "nt" | "nz" | "eng" | "j" | "nl" | "ng" | "s" | "f" | "b"
    )
}

/// Tokens a project-name chunk may hold.
pub(super) fn is_chunk_token(t: &Token) -> bool {
    is_name_tag(t.tag)
        || matches!(t.tag, "zg" | "ag" | "an" | "vn")
        // `零部件/mq`: a noun the segmenter took for a numeral.
        || (t.tag == "mq" && t.word.chars().count() >= 2 && !t.word.chars().any(|c| c.is_ascii_digit()))
        // `制造`, `创新` inside a name; a one-character verb (`携`, `在`) ends it.
        || (t.tag == "v" && t.word.chars().count() >= 2)
        || (t.tag == "m" && (is_digits(t.word) || is_ordinal(t.word) || t.word.ends_with('年')))
}

/// A single token that glues a name to a one-character head (`星钻城`, `德必易园`); longer
/// generic heads glued to a word (`服务平台`, `育人项目`) are not names.
pub(super) fn glued(word: &str, head: &str) -> bool {
    let (w, h) = (word.chars().count(), head.chars().count());
    (h == 1 && w >= 3)
        || (h == 2
            && w >= 4
            && !["项目", "平台", "中心", "工程", "计划", "基地", "公园", "改造"].contains(&head))
}

/// `(` + up to three name tokens + `)`: how many tokens the bracketed part takes.
pub(super) fn bracketed(toks: &[Token]) -> Option<usize> {
    if toks.first()?.word != "(" {
        return None;
    }
    let close = toks.iter().take(5).position(|t| t.word == ")")?;
    (close >= 2 && toks[1..close].iter().all(|t| is_chunk_token(t) || t.tag == "t")).then_some(close + 1)
}

pub(super) fn is_proper(t: &Token) -> bool {
    matches!(t.tag, "ns" | "nr" | "nrt" | "nrfg" | "nt" | "nz" | "eng")
        // A compass-named area (`城北/s`, `江东/s`) names a place; `街区/s`, `周边/s` do not.
        || (t.tag == "s" && t.word.contains(['东', '西', '南', '北']))
        || is_digits(t.word)
        || is_ordinal(t.word)
}

/// A Chinese character the tagger does not know (`徕/x`): part of a name, not punctuation.
pub(super) fn is_unknown(t: &Token) -> bool {
    t.tag == "x" && !t.word.is_empty() && t.word.chars().all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// `第二` in `第二实验学校`: an ordinal that is part of a name.
pub(super) fn is_ordinal(s: &str) -> bool {
    s.starts_with('第') && s.chars().count() <= 3
}

pub(super) fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_digit() || c == '-')
}

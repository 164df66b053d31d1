//! What an item of a frame must look like to be a name: a head at its end, no generic class
//! of things, a proper word that singles it out.

use super::chunk::{is_digits, is_unknown};
use super::{ProjectRules, Sent};
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
    pub(super) fn framed_name(&self, s: &Sent, r: Range<usize>) -> Option<ProjectKind> {
        let name = &s.norm[r.clone()];
        let base = self.without_phase(name);
        let head = self.head_for(base, HeadUse::Framed)?;
        // `县城`, `名城`, `思路`: a two-character dictionary word in a one-character head is a
        // word of its own, not a name.
        if head.word.chars().count() == 1 {
            let last = within(s.tokens, &r).last().map(|k| (k, &s.tokens[k]));
            if last.is_some_and(|(k, t)| {
                t.word.chars().count() == 2 && t.word.ends_with(head.word.as_str()) && !s.made_up(k)
            }) {
                return None;
            }
        }
        let modifier = base[..base.len() - head.word.len()]
            .trim_end_matches(|c: char| c.is_ascii_digit() || "一二两三四五六七八九十大年百千万".contains(c));
        let m = modifier.chars().count();
        // (A programme's theme may name a class, `重点项目质量提升行动`: only its start counts.)
        let generic = if head.kind == ProjectKind::Program {
            self.generic_start(s, r.clone())
        } else {
            self.generic(s, r.clone())
        };
        if name.chars().count() < 3 || m < 2 || generic {
            return None;
        }
        // A programme, a `项目` or `工程`, or a verb as head (`改造`), needs a proper word or
        // more than a word before it (`农民增收行动`, not `专项行动`, `文旅项目`, `景观改造`).
        let weak = head.kind == ProjectKind::Program
            || matches!(head.word.as_str(), "项目" | "工程")
            || self.frames.phases.contains(&head.word);
        if weak && !self.named(s, r.clone()) {
            let inner = self.head_for(modifier, HeadUse::Framed).is_some();
            if self.frames.phases.contains(&head.word) || (m < 4 && !inner) {
                return None;
            }
        }
        Some(self.kind_of(name, head.kind))
    }

    /// `name` without a trailing phase (`二期`, `改扩建`, `(一期)`) when a head precedes it.
    pub(super) fn without_phase<'a>(&self, name: &'a str) -> &'a str {
        if let Some(open) = name.rfind('(') {
            if name.ends_with(')') && open > 0 {
                return &name[..open];
            }
        }
        let cut = name.char_indices().map(|(i, _)| i).filter(|&i| i > 0).find(|&i| {
            self.frames.phases.contains(&name[i..]) && self.head_for(&name[..i], HeadUse::Framed).is_some()
        });
        cut.map_or(name, |i| &name[..i])
    }

    /// Generic whatever the rest: a stop phrase, a stop modifier at its start, an institution
    /// (`…集团`, `…银行`; `京阳公司新型线缆` is a product, `…展示厅` a head), an idea (`省定要求`), a count
    /// (`3个…`, `城建项目321个`), a numbered set (`四大行动`).
    pub(super) fn generic_start(&self, s: &Sent, r: Range<usize>) -> bool {
        let name = &s.norm[r.clone()];
        let inside = within(s.tokens, &r);
        if self.stop_phrases.contains(name)
            || self.stop_modifiers.iter().any(|m| name.starts_with(m.as_str()))
            || (s.tokens[inside.clone()]
                .last()
                .is_some_and(|t| self.institutions.iter().any(|i| t.word.ends_with(i.as_str())))
                && self.head_of(name).is_none_or(|h| h.word.chars().count() < 2))
            || self.concepts.iter().any(|c| name.ends_with(c.as_str()))
            || counted(name)
            || numbered(name)
        {
            return true;
        }
        // `城建项目321个`, `新建社区卫生服务中心3个`: a count right after makes a class.
        matches!(&s.tokens[inside.end..], [m, q, ..]
            if m.tag == "m" && m.word.starts_with(|c: char| c.is_ascii_digit()) && q.tag == "q")
    }

    /// A generic phrase, not a name: what [`Self::generic_start`] finds, or, without a
    /// proper word to single one out, a class word, a stop modifier or a generic tail
    /// (`日间照料中心`).
    pub(super) fn generic(&self, s: &Sent, r: Range<usize>) -> bool {
        if self.generic_start(s, r.clone()) {
            return true;
        }
        let name = &s.norm[r.clone()];
        let inside = within(s.tokens, &r);
        // A class word is singled out by a proper word; a generic tail by any mark of a name
        // (`昝岗高端高新产业集聚区`).
        let class = s.tokens[inside.clone()].iter().any(|t| {
            self.frames.classes.iter().any(|c| t.word.contains(c.as_str()))
                || self.has_stop_modifier(t.word)
                || kind_word(t.word)
        });
        // (A dictionary word the tagger calls a name at the end, `农村/敬老院/nr`, is the
        // thing, not what singles it out.)
        let singled = inside.clone().any(|k| {
            let t = &s.tokens[k];
            self.proper_word(s, k)
                && (k + 1 < inside.end
                    || !matches!(t.tag, "nr" | "nrt" | "nrfg" | "nt" | "nz")
                    || s.made_up(k))
        });
        (class && !singled)
            || (self.stop_tails.iter().any(|t| name.ends_with(t.as_str())) && !self.branded(s, r))
    }

    /// A proper word, that singles a name out: a place (`ns`), a Latin code, a character
    /// the tagger does not know, or a word the tagger takes for a name (`胜利油田/nt`,
    /// `莱特/nrt`; as often a common noun, `音乐会/nt`, but the dictionary has no better).
    pub(super) fn proper_word(&self, s: &Sent, k: usize) -> bool {
        let t = &s.tokens[k];
        if self.common.contains(t.word) || is_digits(t.word) {
            return false;
        }
        if is_unknown(t) {
            return true;
        }
        t.word.chars().count() >= 2
            && (matches!(t.tag, "eng" | "ns" | "nr" | "nrt" | "nrfg" | "nt" | "nz")
                || (t.tag == "s" && t.word.contains(['东', '西', '南', '北'])))
    }

    /// Clearly a name: a proper word or a Latin code.
    pub(super) fn named(&self, s: &Sent, r: Range<usize>) -> bool {
        // (A common code, `5G`, `PM2.5`, is a word like any other.)
        within(s.tokens, &r).any(|k| {
            let w = s.tokens[k].word;
            self.proper_word(s, k) || (w.chars().any(|c| c.is_ascii_alphabetic()) && !self.common.contains(w))
        })
    }

    /// A place, a code or a made-up word in it, not a name the dictionary tags
    /// (`院士专家、企业家、海外英才雄安行` has `雄安`; `美食节、啤酒节、露天音乐会/nt` none).
    pub(super) fn placed(&self, s: &Sent, r: Range<usize>) -> bool {
        within(s.tokens, &r).any(|k| {
            let t = &s.tokens[k];
            is_unknown(t) || matches!(t.tag, "ns" | "eng") || (s.made_up(k) && !t.tag.starts_with(['m', 'x']))
        })
    }

    /// A name by its make: clearly a name, a word the segmenter made up from single
    /// characters (`德金`, `南/玻`: brands, coinages), or a phase of something (`惠铜一期`).
    pub(super) fn branded(&self, s: &Sent, r: Range<usize>) -> bool {
        let name = &s.norm[r.clone()];
        let phase = ["一期", "二期", "三期", "四期", "五期"]
            .iter()
            .any(|p| name.strip_suffix(p).is_some_and(|b| b.chars().count() >= 2));
        phase
            || self.named(s, r.clone())
            || within(s.tokens, &r).any(|k| {
                let t = &s.tokens[k];
                s.made_up(k) && !t.tag.starts_with(['m', 'x']) && !self.common.contains(t.word)
            })
    }

    /// A proper name of a project without a head (`百福硝酸`, `通威`): a name by its make,
    /// no institution, no generic phrase; not a place alone or a slogan on one (`湖北`,
    /// `美丽河北`, `阳城县`), nor a verb phrase (`抢抓四川`).
    pub(super) fn proper_name(&self, s: &Sent, r: Range<usize>) -> bool {
        let name = &s.norm[r.clone()];
        let toks = &s.tokens[within(s.tokens, &r)];
        let (Some(first), Some(last)) = (toks.first(), toks.last()) else { return false };
        let inside = within(s.tokens, &r);
        // The tagger's names from the dictionary (`大力支持/nr`, `中医药/nz`) do not count here.
        let made = inside.clone().any(|k| {
            let w = s.tokens[k].word;
            w.chars().any(|c| c.is_ascii_alphabetic()) && !self.common.contains(w)
        }) || inside.clone().any(|k| {
            let t = &s.tokens[k];
            is_unknown(t)
                || (s.made_up(k) && !t.tag.starts_with(['m', 'x']) && !self.common.contains(t.word))
                || (t.tag == "ns" && k + 1 < inside.end && !self.common.contains(t.word))
        });
        name.chars().count() >= 3
            && !first.tag.starts_with(['v', 'd', 'p', 'c', 'r', 'u', 'm'])
            && last.tag != "ns"
            // (`PM2.5平均浓度/下降`, `…一期/具备`: a clause, not a name; `…站/v`, `…扩建`
            // are.)
            && !(last.tag == "v"
                && last.word.chars().count() >= 2
                && !s.made_up(inside.end - 1)
                && !self.frames.phases.contains(last.word)
                && self.head_of(last.word).is_none())
            && !name.ends_with(['省', '市', '县', '区', '镇', '乡', '村'])
            && (made || self.branded(s, r.clone()) && name.ends_with("期"))
            && !self.generic(s, r)
    }

    /// An item of a list of names (`南玻`, `通威`): no generic phrase.
    pub(super) fn list_item_ok(&self, s: &Sent, r: Range<usize>) -> bool {
        let n = s.norm[r.clone()].chars().count();
        n >= 2 && !self.generic(s, r.clone()) && (n > 2 || self.branded(s, r))
    }
}

/// `四大行动`, `十项工程`, `十佳图书馆`: a numbered set of things is a slogan, not one project
/// (`服务业补短提升十大行动` has a name before its number).
fn numbered(name: &str) -> bool {
    let mut cs = name.chars();
    let first = cs.next().is_some_and(|c| "一二两三四五六七八九十百".contains(c));
    let rest: Vec<char> = cs.skip_while(|c| "一二两三四五六七八九十百".contains(*c)).collect();
    // (`六大领域项目大会战` names more than its number.)
    first && rest.len() <= 5 && rest.first().is_some_and(|c| "大项佳个类张条".contains(*c))
}

/// `贸易型`, `企业级`, `服务类`, `生产性`: a word of kind, that makes a class (`贸易型总部`).
fn kind_word(w: &str) -> bool {
    w.chars().count() >= 3
        && w.ends_with(['型', '级', '类', '性'])
        && !w.contains(|c: char| c.is_ascii_digit() || c == '万')
}

/// The indices of the tokens inside the byte range `r`.
fn within(tokens: &[Token], r: &Range<usize>) -> Range<usize> {
    let s = tokens.partition_point(|t| t.range.start < r.start);
    let e = tokens.partition_point(|t| t.range.end <= r.end);
    s..e.max(s)
}

/// `3个社区卫生服务中心`, `两所新批复高职学校`, `区内63个住宅小区`: a count makes a class.
/// An ordinal (`第四座`) or a grade (`30万吨级`, `3号线`) does not.
fn counted(name: &str) -> bool {
    let cs: Vec<char> = name.chars().collect();
    let numeral = |c: char| c.is_ascii_digit() || "一二两三四五六七八九十".contains(c);
    (1..cs.len()).any(|i| {
        // (`160余个`: 余 or 多 between the number and the measure word.)
        let j = if i >= 2 && "余多".contains(cs[i - 1]) { i - 1 } else { i };
        numeral(cs[j - 1])
            && "个家所项栋幢座条处批台套眼块名艘件".contains(cs[i])
            && {
                let mut s = j - 1;
                while s > 0 && (numeral(cs[s - 1]) || "百千万余多".contains(cs[s - 1])) {
                    s -= 1;
                }
                // (`第四座…码头` is a name; `国内第3家`, `第二批` rank a class.)
                s == 0 || cs[s - 1] != '第' || "家批个".contains(cs[i])
            }
            && !cs.get(i + 1).is_some_and(|c| "级号".contains(*c))
    })
}

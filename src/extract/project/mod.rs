//! Named projects: construction projects, facilities, parks and platforms, and named
//! programmes and campaigns, with their mentions, investment and year.
//!
//! Names come from a grammar over the segmenter's words and tags and the lexicons in
//! `dictionaries/project_*.txt`, not from a list of known names:
//! - `frame.rs`: the frame of a clause. After a trigger verb (`实施`, `加快建设`), before a
//!   build predicate (`建成投用`, `开工`), as items of a list closed by `等` and a project
//!   category (`A、B等重大项目`, `A等137个项目`), or as a line of its own (a heading, a table
//!   cell), an item is a name when it ends in a head (`framed` heads too: `X高速`, `X路`,
//!   `X三年行动`), or, where the frame says it is built, when it is a proper name;
//! - `shape.rs`: what keeps an item from being a name: a class of things (counts, class
//!   words, generic tails), an institution, an idea;
//! - `quoted.rs`: a quoted name `“X”` with a head after it (`“百名干部大练兵”行动`), or alone
//!   where a frame or a series licenses it;
//! - `chunk.rs`: a noun chunk with a proper modifier that ends in a head (`华南电源创新科技园`);
//! - `list.rs`: items after a count of projects (`项目7个,分别是A、B和C`);
//! - `merge.rs`: mentions of one project merged (`九星城` and `九星城项目`), the name as the
//!   document writes it (`（一期）`, not `(一期)`), investment and year near a mention.

mod chunk;
mod frame;
mod list;
mod merge;
mod quoted;
mod shape;
#[cfg(test)]
mod tests;

use super::number::Quantity;
use super::Context;
use crate::document::ProjectKind;
use crate::error::Result;
use crate::grammar::table::Column;
use crate::lexicon::{self, FrameKind, HeadUse, Lexicons, ProjectHead, ProjectStopKind};
use crate::segment::Token;
use rustc_hash::{FxHashMap, FxHashSet as HashSet};
use std::ops::Range;

/// One distinct project; byte ranges into the normalised text.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectDraft {
    /// The name as written, surrounding quotes removed.
    pub name: String,
    pub kind: ProjectKind,
    pub mentions: Vec<Range<usize>>,
    pub aliases: Vec<String>,
    pub investment: Option<Quantity>,
    pub year: Option<i32>,
}

/// Lexicons of the project stage, built once.
#[derive(Debug)]
pub struct ProjectRules {
    /// Head nouns, longest first.
    heads: Vec<ProjectHead>,
    stop_phrases: HashSet<String>,
    stop_modifiers: Vec<String>,
    /// The stop modifiers as one automaton: "does this word contain one?" per token.
    stop_modifier_ac: aho_corasick::AhoCorasick,
    /// Head word → index into `heads`, and the longest head in bytes: `head_of` looks up
    /// the text's suffixes instead of scanning every head.
    head_index: FxHashMap<String, usize>,
    max_head: usize,
    /// The last characters of the heads: most words end in none of them, and are rejected
    /// without a lookup.
    head_last: HashSet<char>,
    /// Every head, trigger and predicate as one automaton: a sentence without one of them,
    /// a quote or `等` holds no project name, and is not segmented for this stage.
    any_cue: aho_corasick::AhoCorasick,
    /// Common words that never make a name proper, whatever their POS tag.
    common: HashSet<String>,
    /// Category words that close a list of named projects after `等` (`等重大项目`).
    categories: Vec<(String, ProjectKind)>,
    /// Words that make a quoted phrase an idea rather than a project when they end it or
    /// follow it (`“北部先行”发展战略`, `“三新经济”`, `“专精特新”企业`).
    concepts: Vec<String>,
    /// Words a candidate may not end in without a proper word (`思路`, `日间照料中心`).
    stop_tails: Vec<String>,
    /// Endings of existing bodies (`集团`, `银行`): no project.
    institutions: Vec<String>,
    /// The words of `project_frames.txt`, by kind.
    frames: FrameWords,
    /// Column headers of tables (`时间节点`, `建设内容`, `table_headers.txt`): a header cell
    /// alone on its line is no name.
    headers: HashSet<String>,
}

/// Trigger verbs, build predicates, phases, lead words and class words
/// (`project_frames.txt`).
#[derive(Debug, Default)]
struct FrameWords {
    phases: HashSet<String>,
    leads: HashSet<String>,
    classes: HashSet<String>,
    types: HashSet<String>,
    quantifiers: Vec<String>,
    /// Every trigger, predicate, result and clause verb with its role: the frame reads
    /// one to three words at every token, one lookup each instead of four.
    clause: FxHashMap<String, ClauseWord>,
    /// The longest of those words, in bytes: longer spans are not looked up.
    max_clause: usize,
}

/// What a word of `project_frames.txt` is in a clause (one word may be several).
#[derive(Debug, Default, Clone, Copy)]
struct ClauseWord {
    trigger: bool,
    predicate: bool,
    result: bool,
    verb: bool,
}

impl FrameWords {
    fn new(lex: &Lexicons) -> FrameWords {
        let mut f = FrameWords::default();
        for w in &lex.project_frames {
            let set = match w.kind {
                FrameKind::Phase => &mut f.phases,
                FrameKind::Lead => &mut f.leads,
                FrameKind::Class => &mut f.classes,
                FrameKind::Type => &mut f.types,
                FrameKind::Quantifier => {
                    f.quantifiers.push(w.word.clone());
                    continue;
                }
                FrameKind::Trigger | FrameKind::Predicate | FrameKind::Result | FrameKind::Verb => {
                    let c = f.clause.entry(w.word.clone()).or_default();
                    match w.kind {
                        FrameKind::Trigger => c.trigger = true,
                        FrameKind::Predicate => c.predicate = true,
                        FrameKind::Result => c.result = true,
                        _ => c.verb = true,
                    }
                    continue;
                }
            };
            set.insert(w.word.clone());
        }
        f.max_clause = f.clause.keys().map(String::len).max().unwrap_or(0);
        f
    }

    /// The clause role of `word`, if it is a trigger, predicate, result or clause verb.
    fn clause(&self, word: &str) -> Option<ClauseWord> {
        if word.len() > self.max_clause {
            return None;
        }
        self.clause.get(word).copied()
    }
}

/// Longest quoted name, in chars.
pub(super) const MAX_QUOTED: usize = 14;
/// Longest name from a noun chunk, in chars.
const MAX_NAME: usize = 22;
/// Most tokens a chunk may take before its head.
const MAX_MODIFIER_TOKENS: usize = 9;

/// One sentence as the frame rules read it.
struct Sent<'a, 't> {
    norm: &'a str,
    tokens: &'t [Token<'a>],
    ctx: &'t Context<'a>,
    /// Per token: the segmenter made the word up from single characters (it is in no
    /// dictionary), the mark of a brand or a coinage. Worked out on first use: most
    /// sentences hold no candidate that asks.
    made_up: std::cell::OnceCell<Vec<bool>>,
}

impl<'a, 't> Sent<'a, 't> {
    fn new(ctx: &'t Context<'a>, tokens: &'t [Token<'a>]) -> Self {
        Sent { norm: ctx.norm(), tokens, ctx, made_up: std::cell::OnceCell::new() }
    }

    /// Token `k` is a made-up word.
    fn made_up(&self, k: usize) -> bool {
        let made_up = self.made_up.get_or_init(|| {
            let tokens = self.tokens;
            let mut made_up: Vec<bool> =
                tokens.iter().map(|t| t.word.chars().count() >= 2 && !self.ctx.knows(t.word)).collect();
            // `南/ns 玻/n`: a run of single characters the segmenter could not join is a word
            // it does not know.
            let single = |t: &Token| t.word.chars().count() == 1 && t.tag.starts_with(['n', 'z', 'b', 'j']);
            let mut k = 0;
            while k < tokens.len() {
                let run = tokens[k..].iter().take_while(|t| single(t)).count();
                if run >= 2 {
                    made_up[k..k + run].iter_mut().for_each(|m| *m = true);
                }
                k += run.max(1);
            }
            made_up
        });
        made_up.get(k).copied().unwrap_or(false)
    }

    /// `t`, one of this sentence's tokens, is a made-up word.
    fn made_up_at(&self, t: &Token) -> bool {
        self.made_up(self.tokens.partition_point(|x| x.range.start < t.range.start))
    }
}

/// A candidate name found in one sentence.
#[derive(Debug, Clone)]
struct Cand {
    /// The name's range, quotes included where the name is `“X”HEAD`.
    range: Range<usize>,
    /// The name without surrounding quotes.
    name: String,
    kind: ProjectKind,
    /// The quoted core, for merging `“X”项目` with `“X”`.
    core: Option<String>,
}

impl ProjectRules {
    /// Compiles `project_heads.txt`, `project_stop.txt`, `project_lists.txt` and
    /// `project_frames.txt`.
    pub fn new(lex: &Lexicons) -> Result<ProjectRules> {
        let mut heads = lex.project_heads.clone();
        heads.sort_by(|a, b| b.word.len().cmp(&a.word.len()).then_with(|| a.word.cmp(&b.word)));
        let of = |k: ProjectStopKind| -> HashSet<String> {
            lex.project_stop.iter().filter(|s| s.kind == k).map(|s| s.word.clone()).collect()
        };
        let stop_modifiers: Vec<String> = of(ProjectStopKind::Modifier).into_iter().collect();
        let stop_modifier_ac = aho_corasick::AhoCorasick::new(&stop_modifiers)
            .map_err(|e| lexicon::file_error("project_stop.txt", e))?;
        let head_index = heads.iter().enumerate().map(|(i, h)| (h.word.clone(), i)).collect();
        let max_head = heads.iter().map(|h| h.word.len()).max().unwrap_or(0);
        let head_last = heads.iter().filter_map(|h| h.word.chars().next_back()).collect();
        let cues =
            lex.project_frames.iter().filter(|w| matches!(w.kind, FrameKind::Trigger | FrameKind::Predicate));
        let any_cue = aho_corasick::AhoCorasick::new(
            heads.iter().map(|h| h.word.as_str()).chain(cues.map(|w| w.word.as_str())),
        )
        .map_err(|e| lexicon::file_error("project_heads.txt", e))?;
        Ok(ProjectRules {
            heads,
            head_index,
            max_head,
            head_last,
            any_cue,
            stop_modifier_ac,
            stop_phrases: of(ProjectStopKind::Phrase),
            stop_modifiers,
            common: of(ProjectStopKind::Common),
            concepts: of(ProjectStopKind::Concept).into_iter().collect(),
            categories: lex.project_lists.iter().map(|l| (l.word.clone(), l.kind)).collect(),
            stop_tails: of(ProjectStopKind::Tail).into_iter().collect(),
            institutions: of(ProjectStopKind::Institution).into_iter().collect(),
            frames: FrameWords::new(lex),
            headers: lex.table_headers.iter().map(|h| h.word.clone()).collect(),
        })
    }

    /// The head noun `text` ends with, if any (any usage).
    fn head_of(&self, text: &str) -> Option<&ProjectHead> {
        self.head_for(text, HeadUse::Quoted)
    }

    /// The longest head `text` ends with whose usage is at most `usage` (`Free` only for a
    /// free chunk, `Framed` in a frame).
    fn head_for(&self, text: &str, usage: HeadUse) -> Option<&ProjectHead> {
        if !text.chars().next_back().is_some_and(|c| self.head_last.contains(&c)) {
            return None;
        }
        let rank = |u: HeadUse| match u {
            HeadUse::Free => 0,
            HeadUse::Framed => 1,
            HeadUse::Quoted => 2,
        };
        // Longest suffix first, the same answer as scanning the heads longest first.
        let from = text.len().saturating_sub(self.max_head);
        (from..text.len())
            .filter(|&i| text.is_char_boundary(i))
            .filter_map(|i| self.head_index.get(&text[i..]))
            .map(|&k| &self.heads[k])
            .find(|h| rank(h.usage) <= rank(usage))
    }

    /// A verb of the frames (trigger, predicate or other clause verb): no name runs over it.
    fn frame_verb(&self, word: &str) -> bool {
        self.frames.clause(word).is_some()
    }

    /// The word contains a stop modifier (`一批`, `重点`, ...).
    fn has_stop_modifier(&self, word: &str) -> bool {
        self.stop_modifier_ac.is_match(word)
    }

    /// The document's named projects, ordered by first mention.
    pub fn extract(&self, ctx: &Context, quantities: &[Quantity]) -> Vec<ProjectDraft> {
        let norm = ctx.norm();
        let mut cands: Vec<Cand> = Vec::new();
        for (i, _) in ctx.sentences() {
            let text = ctx.sentence_text(i);
            if !text.contains(['“', '‘', '"', '等']) && !self.any_cue.is_match(text) {
                continue;
            }
            let tokens = &*ctx.tokens(i);
            let start = cands.len();
            let sent = Sent::new(ctx, tokens);
            let mut framed = Vec::new();
            let sr = ctx.structure.sentences[i].range.clone();
            let heading = ctx.structure.sentences[i].heading.is_some() || alone_on_line(norm, sr.clone());
            let licensed = self.framed(&sent, heading, &mut framed);
            self.quoted(ctx, i, tokens, &licensed, &mut cands);
            settle(&mut cands, start, framed);
            let taken: Vec<Range<usize>> = cands[start..].iter().map(|c| c.range.clone()).collect();
            self.enumerated(norm, tokens, &taken, &mut cands);
            let taken: Vec<Range<usize>> = cands[start..].iter().map(|c| c.range.clone()).collect();
            self.chunks(&sent, &taken, &mut cands);
        }
        // A body in a table's unit column is an actor, not a thing built (`区城市网格化综合管理中心`).
        let tables = &ctx.structure.tables;
        let unit_cell = |c: &Cand| {
            tables.cell_at(c.range.start).is_some_and(|cell| {
                matches!(cell.column_kind(), Some(Column::Unit(_) | Column::Deadline | Column::Index))
            })
        };
        // `各街镇(园区)`, `相关项目`: a collective names a class, not one project.
        cands.retain(|c| {
            !self.headers.contains(&c.name)
                && !unit_cell(c)
                && !crate::grammar::org::opens_collective(&c.name)
        });
        // The plan a document's title names is the document itself, not a project in it
        // (`…行动计划(2021—2023年)`: a period in brackets may follow the name).
        if let Some(t) = &ctx.structure.title {
            let plan = |name: &str| {
                let bare = match name.strip_suffix([')', '）']) {
                    Some(r) => r.rfind(['(', '（']).map_or(name, |i| &r[..i]),
                    None => name,
                };
                bare.ends_with("计划")
            };
            cands.retain(|c| !(plan(&c.name) && c.range.start < t.end && t.start < c.range.end));
        }
        self.merge(ctx, quantities, cands)
    }

    fn kind_of(&self, name: &str, kind: ProjectKind) -> ProjectKind {
        // A quoted programme with 工程/项目 after it is still a programme (`“红色物业”工程`).
        if name.starts_with(['“', '"', '‘']) && (name.ends_with("工程") || name.ends_with("项目")) {
            ProjectKind::Program
        } else {
            kind
        }
    }
}

/// Adds the framed names of a sentence to its quoted ones (`cands[start..]`): a framed name
/// that holds a quoted one and runs further (`招商引资“百千”行动` over `“百千”行动`) replaces
/// it; one that only repeats it (`“X”` in `“X”等活动`) or crosses it is dropped.
fn settle(cands: &mut Vec<Cand>, start: usize, framed: Vec<Cand>) {
    for f in framed {
        let crossing = |q: &Cand| q.range.start < f.range.end && f.range.start < q.range.end;
        let holds = |q: &Cand| f.range.start <= q.range.start && q.range.end <= f.range.end;
        let same = |q: &Cand| merge::squeeze(&f.name) == merge::squeeze(&q.name);
        let quoted = &cands[start..];
        if quoted.iter().any(|q| crossing(q) && (!holds(q) || same(q))) {
            continue;
        }
        let mut k = start;
        while k < cands.len() {
            if crossing(&cands[k]) {
                cands.remove(k);
            } else {
                k += 1;
            }
        }
        cands.push(f);
    }
}

/// The sentence is a line of its own (a heading, a list item, a table cell on its line):
/// its one item may be a name without a verb around it.
fn alone_on_line(norm: &str, r: Range<usize>) -> bool {
    let before = norm[..r.start].trim_end_matches([' ', '\t']);
    let after = norm[r.end..].trim_start_matches(['。', ' ', '\t']);
    (before.is_empty() || before.ends_with('\n')) && (after.is_empty() || after.starts_with('\n'))
}

//! Responsible units: names from labels (`责任单位:`, `牵头落实单位:`, table columns), from
//! headings that name a unit (`(三)区教育局`), and actors of commitments (`由A负责`,
//! `A、B将全程跟踪`, `A会同B开展`), each mention with its role.
//!
//! Sources, all on the normalised text (full-width `():;,` already folded to ASCII):
//! - text tables whose header has a unit column, flattened ones and merged cells included
//!   (`duties`);
//! - label lists `LABEL: A、B,C;D` with the label's role, where a group ending in `牵头` /
//!   `配合` / `按职责分工负责` overrides it (`labels`);
//! - headings and numbered items that open with a unit's name (`2.区民政局。负责…`): the
//!   item is that unit's duty, and items below a unit heading are too (`duties`);
//! - actors: a clause-initial list of organisation names before a verb of commitment
//!   (`由A牵头`, `A、B配合`, `A负责`, `A将`, `A要`, `A于6月底前`, `A会同B`), or after `由`
//!   (`由A与B落实`), checked by the organisation grammar (`actors`). In a document that
//!   assigns work elsewhere (labels, tables, such actors), a clause that opens with a
//!   department and goes on with a verb makes it an actor too (`梧台海关优化通关流程`).
//!
//! Each mention carries the `block` it came from (the label list, the table row, the item or
//! the actor clause), so that the task stage can find the piece of work it belongs to.

mod actors;
mod duties;
mod labels;

use super::Context;
use crate::document::{Role, RoleCounts, Unit};
use crate::error::Result;
use crate::grammar::org::LabelGrammar;
use crate::lexicon::{self, Lexicons, UnitVerb};
use regex::Regex;
use std::ops::Range;

/// One mention of a unit; byte ranges into the normalised text.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitMention {
    pub range: Range<usize>,
    /// The name as written.
    pub name: String,
    pub role: Role,
    pub sentence: usize,
    /// The label list, table row, item or actor clause the mention comes from.
    pub block: Range<usize>,
    /// Where the mention comes from.
    pub source: Source,
    /// For a table row or a unit's item: the task's title and deadline cells.
    pub row: Option<TableRow>,
}

/// Where a unit mention comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A label list (`责任单位:A、B`).
    Label,
    /// A task-table row.
    Table,
    /// A heading or item that names the unit.
    Heading,
    /// The actor of a sentence.
    Actor,
}

/// The cells of a task that a table row or a unit's item gives the task stage.
#[derive(Debug, Clone, PartialEq)]
pub struct TableRow {
    pub title: Option<Range<usize>>,
    pub deadline: Option<Range<usize>>,
}

/// Lexicons of the unit stage, built once.
#[derive(Debug)]
pub struct UnitRules {
    labels: LabelGrammar,
    /// `LABEL:` anywhere in the text.
    label_re: Regex,
    /// Commitment verbs, longest first.
    verbs: Vec<UnitVerb>,
    /// Phrases between an actor and its verb (`按职责分工`), longest first.
    adverbs: Vec<UnitVerb>,
    verb_re: Regex,
}

/// Longest list we read after a label, in bytes (bounds the work per label).
const MAX_LIST: usize = 600;
/// Longest name we accept from a label list, in chars.
const MAX_NAME: usize = 24;
/// Mentions from tables, labels and verbs of commitment from which on a document counts as
/// one that assigns work (plans, schemes, notices; work reports mostly assign none).
const ASSIGNING: usize = 3;

/// A mention before it is placed in a sentence.
#[derive(Debug)]
struct Raw {
    range: Range<usize>,
    role: Role,
    block: Range<usize>,
    source: Source,
    row: Option<TableRow>,
    weight: Weight,
}

/// How much a mention says about whether the document assigns work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Weight {
    /// A label, a table, a unit's item, an actor in a bracketed note or before `作为` and a
    /// label word: kept in any document.
    Firm,
    /// An actor of `负责`, `牵头`, `配合`, `会同`: counts towards a document that assigns.
    Strong,
    /// An actor of `将`, `要`, `由…`: kept only in a document that assigns.
    Weak,
}

impl UnitRules {
    /// Compiles `unit_labels.txt` and `unit_verbs.txt`.
    pub fn new(lex: &Lexicons) -> Result<UnitRules> {
        let labels = LabelGrammar::new(lex);
        let label_re = Regex::new(&format!(r"{}[ \t]*(?::|】)", labels.pattern())).expect("escaped words");
        let mut all = lex.unit_verbs.clone();
        lexicon::longest_first(&mut all, |v| v.word.as_str());
        let (adverbs, verbs): (Vec<UnitVerb>, Vec<UnitVerb>) = all.into_iter().partition(|v| v.adverb);
        let verb_re =
            Regex::new(&lexicon::alternation(verbs.iter().map(|v| v.word.as_str()))).expect("escaped words");
        Ok(UnitRules { labels, label_re, verbs, adverbs, verb_re })
    }

    /// Every unit mention, in text order.
    pub fn extract(&self, ctx: &Context) -> Vec<UnitMention> {
        let mut raw: Vec<Raw> = Vec::new();
        self.tables(ctx, &mut raw);
        let mut taken: Vec<Range<usize>> = raw.iter().map(|r| r.block.clone()).collect();
        taken.dedup();
        let labels = self.labels(ctx, &taken, &mut raw);
        taken.extend(labels);
        taken.sort_by_key(|r| r.start);
        self.headings(ctx, &mut raw);
        self.actors(ctx, &taken, &mut raw);
        // A document with hardly any assignment (a work report) gives a stray actor no
        // duty: `菏泽家政学院牵头成立…`, `大剧院要引进…` report or exhort.
        let counted: Vec<&Raw> = raw.iter().filter(|r| r.weight != Weight::Weak).collect();
        let mut blocks: Vec<usize> = counted.iter().map(|r| r.block.start).collect();
        blocks.sort_unstable();
        blocks.dedup();
        if counted.len() >= ASSIGNING && blocks.len() >= 2 {
            self.subjects(ctx, &taken, &mut raw);
        } else {
            raw.retain(|r| r.weight == Weight::Firm);
        }

        // By block, so that a merged table cell read again for a row below stays with it.
        raw.sort_by_key(|r| (r.block.start, r.range.start, r.range.end));
        raw.dedup_by(|a, b| a.range == b.range && a.block == b.block);
        raw.into_iter()
            .filter_map(|r| {
                let sentence = ctx.structure.sentence_at(r.range.start)?;
                // A table row found by its header is not web boilerplate, however short its
                // cells (the navigation-bar rule of `clean` matches `1 | A | B | C`).
                if ctx.structure.sentences[sentence].boilerplate && r.row.is_none() {
                    return None;
                }
                Some(UnitMention {
                    name: ctx.text().original(r.range.clone()).to_string(),
                    range: r.range,
                    role: r.role,
                    sentence,
                    block: r.block,
                    source: r.source,
                    row: r.row,
                })
            })
            .collect()
    }

    /// The verb of commitment `word`.
    fn verb(&self, word: &str) -> Option<&UnitVerb> {
        self.verbs.iter().find(|v| v.word == word)
    }
}

/// Whether `pos` lies in one of `spans` (sorted by start): a binary search, so that long
/// tables and many labels stay linear.
fn in_spans(spans: &[Range<usize>], pos: usize) -> bool {
    let i = spans.partition_point(|r| r.start <= pos);
    spans[..i].iter().rev().take(4).any(|r| r.contains(&pos))
}

/// End of the clause that starts at `from`.
fn clause_end(norm: &str, from: usize) -> usize {
    norm[from..].find([',', '。', ';', '\n', '!', '?']).map_or(norm.len(), |i| from + i)
}

/// One `units[]` entry per distinct name, in order of first mention.
pub fn aggregate(mentions: &[UnitMention]) -> Vec<Unit> {
    let mut out: Vec<Unit> = Vec::new();
    let mut index: rustc_hash::FxHashMap<&str, usize> = rustc_hash::FxHashMap::default();
    for m in mentions {
        let i = *index.entry(m.name.as_str()).or_insert_with(|| {
            out.push(Unit { name: m.name.clone(), mentions: 0, roles: RoleCounts::default() });
            out.len() - 1
        });
        let u = &mut out[i];
        u.mentions += 1;
        match m.role {
            Role::Responsible => u.roles.responsible += 1,
            Role::Lead => u.roles.lead += 1,
            Role::Support => u.roles.support += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests;

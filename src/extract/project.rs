//! Named projects: construction projects, facilities, parks and platforms, and named
//! programmes and campaigns, with their mentions, investment and year.
//!
//! Names come from a grammar, not from a list of known names:
//! - a quoted name `“X”`, alone or with a head noun after it (`“百名干部大练兵”行动`); a quoted
//!   word that the segmenter knows as one dictionary word (`“压舱石”`), a list (`“A、B”`),
//!   a numbered slogan (`“两个确立”`, `“一南一北”`) or a long sentence is not a name;
//! - a noun chunk (segmenter tokens, no verbs or function words) that ends in a head noun
//!   from `dictionaries/project_heads.txt` and has a proper modifier: a place, person,
//!   organisation or other proper noun (POS `ns nr nrt nt nz`), a Latin code (`TOD`) or
//!   digits (`188地块`). Generic phrases (`dictionaries/project_stop.txt`) are dropped.
//!
//! Mentions of the same name are merged; a name that is another plus a head (`九星城项目`
//! and `九星城`) becomes an alias.

use super::number::Quantity;
use super::Context;
use crate::document::ProjectKind;
use crate::error::Result;
use crate::lexicon::{self, Lexicons, ProjectHead, ProjectStopKind};
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
    /// Every head as one automaton: a sentence without a head, a quote or `等` holds no
    /// project name, and is not segmented for this stage.
    any_head: aho_corasick::AhoCorasick,
    /// Common words that never make a name proper, whatever their POS tag.
    common: HashSet<String>,
    /// Category words that close a list of named projects after `等` (`等重大项目`).
    categories: Vec<(String, ProjectKind)>,
    /// Words that make a quoted phrase an idea rather than a project when they end it or
    /// follow it (`“北部先行”发展战略`, `“三新经济”`, `“专精特新”企业`).
    concepts: Vec<String>,
}

/// Longest quoted name, in chars.
const MAX_QUOTED: usize = 14;
/// Longest name from a noun chunk, in chars.
const MAX_NAME: usize = 22;
/// Most tokens a chunk may take before its head.
const MAX_MODIFIER_TOKENS: usize = 9;

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
    /// Compiles `project_heads.txt`, `project_stop.txt` and `project_lists.txt`.
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
        let any_head = aho_corasick::AhoCorasick::new(heads.iter().map(|h| h.word.as_str()))
            .map_err(|e| lexicon::file_error("project_heads.txt", e))?;
        Ok(ProjectRules {
            heads,
            head_index,
            max_head,
            head_last,
            any_head,
            stop_modifier_ac,
            stop_phrases: of(ProjectStopKind::Phrase),
            stop_modifiers,
            common: of(ProjectStopKind::Common),
            concepts: of(ProjectStopKind::Concept).into_iter().collect(),
            categories: lex.project_lists.iter().map(|l| (l.word.clone(), l.kind)).collect(),
        })
    }

    /// The head noun `text` ends with, if any.
    fn head_of(&self, text: &str) -> Option<&ProjectHead> {
        if !text.chars().next_back().is_some_and(|c| self.head_last.contains(&c)) {
            return None;
        }
        // Longest suffix first, the same answer as scanning the heads longest first.
        let from = text.len().saturating_sub(self.max_head);
        (from..text.len())
            .filter(|&i| text.is_char_boundary(i))
            .find_map(|i| self.head_index.get(&text[i..]))
            .map(|&k| &self.heads[k])
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
            if !text.contains(['“', '‘', '"', '等']) && !self.any_head.is_match(text) {
                continue;
            }
            let tokens = ctx.tokens(i);
            let start = cands.len();
            self.quoted(ctx, i, tokens, &mut cands);
            let quoted: Vec<Range<usize>> = cands[start..].iter().map(|c| c.range.clone()).collect();
            self.chunks(norm, tokens, &quoted, &mut cands);
            let taken: Vec<Range<usize>> = cands[start..].iter().map(|c| c.range.clone()).collect();
            self.listed(norm, tokens, &taken, &mut cands);
            let taken: Vec<Range<usize>> = cands[start..].iter().map(|c| c.range.clone()).collect();
            self.enumerated(norm, tokens, &taken, &mut cands);
        }
        // The plan a document's title names is the document itself, not a project in it.
        if let Some(t) = &ctx.structure.title {
            cands.retain(|c| !(c.name.ends_with("计划") && c.range.start < t.end && t.start < c.range.end));
        }
        cands.sort_by_key(|c| (c.range.start, c.range.end));
        let mut out: Vec<ProjectDraft> = Vec::new();
        // The quoted cores of each entry: `“美好社区”项目` and `“美好社区”` are one project.
        let mut cores: Vec<Vec<String>> = Vec::new();
        // Squeezed name and aliases of each entry, kept beside `out` (squeezing on every
        // comparison made merging the most expensive step on long documents).
        // Each key's length in characters is kept too: `same_project` compares lengths
        // before it looks at the text.
        let mut keys: Vec<(String, Vec<String>)> = Vec::new();
        let mut key_chars: Vec<usize> = Vec::new();
        // A 64-bit set of each key's characters: `same_project` needs one name's characters
        // inside the other's, and most pairs fail that at once.
        let mut key_masks: Vec<u64> = Vec::new();
        for c in cands {
            let key = squeeze(&c.name);
            let n_key = key.chars().count();
            let mask = char_mask(&key);
            let found = (0..out.len()).position(|k| {
                let (pk, aliases) = &keys[k];
                let nested = key_masks[k] & !mask == 0 || mask & !key_masks[k] == 0;
                *pk == key
                    || aliases.contains(&key)
                    || (nested && self.same_project((pk, key_chars[k]), (&key, n_key)))
                    || c.core.as_ref().is_some_and(|core| {
                        // `“一号湾”` after `“科创一号湾”…`: a shortened later reference.
                        let n = core.chars().count();
                        cores[k].iter().any(|x| {
                            x == core
                                || (n >= 3 && x.ends_with(core.as_str()) && n * 5 >= x.chars().count() * 3)
                        })
                    })
            });
            if let Some(core) = &c.core {
                match found {
                    Some(k) if !cores[k].contains(core) => cores[k].push(core.clone()),
                    Some(_) => {}
                    None => cores.push(vec![core.clone()]),
                }
            } else if found.is_none() {
                cores.push(Vec::new());
            }
            match found {
                Some(k) => {
                    let p = &mut out[k];
                    let (pk, aliases) = &mut keys[k];
                    if *pk != key && !aliases.contains(&key) {
                        // The clean long name wins over one with words glued before it.
                        if n_key >= 8 && pk.ends_with(&key) {
                            let old = std::mem::replace(&mut p.name, c.name.clone());
                            key_chars[k] = n_key;
                            key_masks[k] = mask;
                            aliases.push(std::mem::replace(pk, key.clone()));
                            p.aliases.push(old);
                        } else {
                            aliases.push(key.clone());
                            p.aliases.push(c.name.clone());
                        }
                    }
                    // Candidates come in text order, so mentions stay sorted without a sort
                    // per push (which made a long document quadratic in its mentions).
                    p.mentions.push(c.range);
                }
                None => {
                    keys.push((key.clone(), Vec::new()));
                    key_chars.push(n_key);
                    key_masks.push(mask);
                    out.push(ProjectDraft {
                        name: c.name,
                        kind: c.kind,
                        mentions: vec![c.range],
                        aliases: Vec::new(),
                        investment: None,
                        year: None,
                    })
                }
            }
        }
        for p in &mut out {
            let (inv, year) = investment_near(ctx, quantities, &p.mentions);
            p.investment = inv;
            p.year = year;
        }
        out
    }

    /// `九星城` / `九星城项目`, `美好社区` / `美好社区项目`: one is the other plus a head, or
    /// holds the other with little more.
    /// Each name comes with its length in characters.
    fn same_project(&self, a: (&str, usize), b: (&str, usize)) -> bool {
        let ((short, ns), (long, nl)) = if a.0.len() <= b.0.len() { (a, b) } else { (b, a) };
        if ns < 2 {
            return false;
        }
        // A stray character the segmenter glued on (`携嘉宝智电…项目` / `嘉宝智电…项目`).
        if ns * 5 >= nl * 4 && long.contains(short) {
            return true;
        }
        // A long distinctive name with words glued before it (`湖塘镇携嘉宝智电汽车刹车组件项目`).
        if ns >= 8 && long.ends_with(short) {
            return true;
        }
        match long.strip_prefix(short) {
            Some(rest) => {
                self.heads.iter().any(|h| h.word == rest) || ["建设", "改造", "扩建"].contains(&rest)
            }
            None => false,
        }
    }

    /// Quoted names in sentence `i`, with a head noun after the quote when there is one.
    fn quoted(&self, ctx: &Context, i: usize, tokens: &[Token], out: &mut Vec<Cand>) {
        let norm = ctx.norm();
        let sr = ctx.structure.sentences[i].range.clone();
        let pairs = quote_pairs(norm, sr.clone());
        for &(open, close) in &pairs {
            let inner = open + norm[open..].chars().next().map_or(1, char::len_utf8)..close;
            let after_close = close + norm[close..].chars().next().map_or(1, char::len_utf8);
            let core = norm[inner.clone()].trim();
            let n = core.chars().count();
            if n == 0 || n > MAX_QUOTED || core.contains(['、', ',', '。', '?', '!', ';', ':']) {
                continue;
            }
            // A head noun right after the quote: `“X”行动`, `“X”党群服务中心`.
            // The last of a series (`“A”“B”“C”系列品牌`) shares the head; it is not its own.
            let in_series = matches!(norm[..open].chars().next_back(), Some('”' | '"'));
            let mut head_end = None;
            let mut kind = ProjectKind::Program;
            let mut j = tokens.partition_point(|t| t.range.start < after_close);
            let mut taken = if in_series { 6 } else { 0 };
            while j < tokens.len() && taken < 6 {
                let t = &tokens[j];
                if t.tag.starts_with(['x', 'p', 'c', 'u', 'r', 'm', 'w']) || t.word.trim().is_empty() {
                    break;
                }
                taken += 1;
                if let Some(h) = self.head_of(t.word) {
                    head_end = Some(t.range.end);
                    kind = h.kind;
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
                Some(end) => {
                    let name = norm[open..end].to_string();
                    let kind = self.kind_of(&name, kind);
                    out.push(Cand { range: open..end, name, kind, core: Some(core.to_string()) });
                }
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
                    if self
                        .concepts
                        .iter()
                        .any(|c| core.ends_with(c.as_str()) || follower.starts_with(c.as_str()))
                    {
                        continue;
                    }
                    if !self.quoted_alone_ok(core, tokens, inner.clone(), series) {
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

    fn kind_of(&self, name: &str, kind: ProjectKind) -> ProjectKind {
        // A quoted programme with 工程/项目 after it is still a programme (`“红色物业”工程`).
        if name.starts_with(['“', '"', '‘']) && (name.ends_with("工程") || name.ends_with("项目")) {
            ProjectKind::Program
        } else {
            kind
        }
    }

    /// A quoted name without a head: not a dictionary word, a slogan, a coinage or a verb
    /// phrase. In a series of quoted names (`“A”“B”“C”`) the word-level checks are relaxed.
    fn quoted_alone_ok(&self, core: &str, tokens: &[Token], inner: Range<usize>, series: bool) -> bool {
        let n = core.chars().count();
        if !(3..=10).contains(&n) || self.stop_phrases.contains(core) {
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
        // In a series, or with a Latin code (`“E线牵”`), it is a coined name.
        if series || core.chars().any(|c| c.is_ascii_alphabetic()) {
            return true;
        }
        // `“压舱石”` `“朋友圈”`: one word the dictionary knows is a metaphor, not a name.
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

    /// Unquoted noun chunks that end in a head noun and carry a proper modifier.
    /// Items of a list closed by `等` and a project category (`A、B、C等重大项目`,
    /// `A、B等文体场馆`, `A、B等群众文化活动品牌`): each item names one.
    fn listed(&self, norm: &str, tokens: &[Token], taken: &[Range<usize>], out: &mut Vec<Cand>) {
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
                if !proper && self.head_of(name).is_none_or(|h| h.quoted) {
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
    fn enumerated(&self, norm: &str, tokens: &[Token], taken: &[Range<usize>], out: &mut Vec<Cand>) {
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

    fn chunks(&self, norm: &str, tokens: &[Token], quoted: &[Range<usize>], out: &mut Vec<Cand>) {
        let mut k = 0;
        while k < tokens.len() {
            if !is_chunk_token(&tokens[k]) {
                k += 1;
                continue;
            }
            let s = k;
            while k < tokens.len() {
                if is_chunk_token(&tokens[k]) {
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
            self.chunk(norm, &tokens[s..k], quoted, out);
        }
    }

    fn chunk(&self, norm: &str, toks: &[Token], quoted: &[Range<usize>], out: &mut Vec<Cand>) {
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
            self.head_of(t.word)
                .or_else(|| {
                    let pair = &norm[toks[k.checked_sub(1)?].range.start..t.range.end];
                    self.head_of(pair)
                        .filter(|hd| hd.word.len() > t.word.len() && hd.word.chars().count() >= 3)
                })
                // Heads that need a quoted name do not end an unquoted chunk.
                .filter(|hd| !hd.quoted)
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
            if self.has_stop_modifier(t.word)
                || t.tag == "m" && !is_digits(t.word) && !is_ordinal(t.word) && !t.word.ends_with('年')
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
                && (is_proper(t) || self.head_of(t.word).is_some_and(|hd| glued(t.word, &hd.word)))
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
        // A head alone is a name only when the token glues a modifier to it (`星钻城`).
        if s > h || (s == h && self.head_of(toks[h].word).is_none_or(|hd| !glued(toks[h].word, &hd.word))) {
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
            .find(|&k| self.head_of(toks[k].word).is_some_and(|hd| hd.quoted && hd.word == toks[k].word))
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
        let name = norm[range.clone()].to_string();
        let n = name.chars().count();
        if !(3..=MAX_NAME).contains(&n) || self.stop_phrases.contains(&name) || name.contains(['“', '”', '"'])
        {
            return;
        }
        out.push(Cand { range, name, kind: head.kind, core: None });
    }
}

/// POS tags that can be part of a name.
fn is_name_tag(tag: &str) -> bool {
    matches!(
        tag,
        "n" | "ns" | "nr" | "nrt" | "nrfg" | "nt" | "nz" | "eng" | "j" | "nl" | "ng" | "s" | "f" | "b"
    )
}

/// Tokens a project-name chunk may hold.
fn is_chunk_token(t: &Token) -> bool {
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
fn glued(word: &str, head: &str) -> bool {
    let (w, h) = (word.chars().count(), head.chars().count());
    (h == 1 && w >= 3)
        || (h == 2
            && w >= 4
            && !["项目", "平台", "中心", "工程", "计划", "基地", "公园", "改造"].contains(&head))
}

/// `(` + up to three name tokens + `)`: how many tokens the bracketed part takes.
fn bracketed(toks: &[Token]) -> Option<usize> {
    if toks.first()?.word != "(" {
        return None;
    }
    let close = toks.iter().take(5).position(|t| t.word == ")")?;
    (close >= 2 && toks[1..close].iter().all(|t| is_chunk_token(t) || t.tag == "t")).then_some(close + 1)
}

fn is_proper(t: &Token) -> bool {
    matches!(t.tag, "ns" | "nr" | "nrt" | "nrfg" | "nt" | "nz" | "eng")
        // A compass-named area (`城北/s`, `江东/s`) names a place; `街区/s`, `周边/s` do not.
        || (t.tag == "s" && t.word.contains(['东', '西', '南', '北']))
        || is_digits(t.word)
        || is_ordinal(t.word)
}

/// A Chinese character the tagger does not know (`徕/x`): part of a name, not punctuation.
fn is_unknown(t: &Token) -> bool {
    t.tag == "x" && !t.word.is_empty() && t.word.chars().all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// `第二` in `第二实验学校`: an ordinal that is part of a name.
fn is_ordinal(s: &str) -> bool {
    s.starts_with('第') && s.chars().count() <= 3
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_digit() || c == '-')
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

/// Squeezed key: no quotes, no spaces.
/// The characters of `s` hashed into 64 bits: if `a`'s characters are all in `b`, then
/// `char_mask(a) & !char_mask(b) == 0`.
fn char_mask(s: &str) -> u64 {
    s.chars().fold(0, |m, c| m | 1 << (c as u32 % 64))
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !"“”‘’\"'《》 \u{3000}".contains(*c)).collect()
}

/// The money and year a project's first mention gives: a `…元` quantity in the same clause,
/// just before the name (`计划投资额逾60亿元的达安创谷项目`) or after it (`总投资5亿元`).
fn investment_near(
    ctx: &Context,
    quantities: &[Quantity],
    mentions: &[Range<usize>],
) -> (Option<Quantity>, Option<i32>) {
    let norm = ctx.norm();
    // Quantities come in text order; then only those from the clause start on are looked at
    // (a scan of all of them per mention made long documents quadratic).
    let sorted = quantities.windows(2).all(|w| w[0].range.start <= w[1].range.start);
    for m in mentions {
        let Some(si) = ctx.structure.sentence_at(m.start) else { continue };
        let sr = ctx.structure.sentences[si].range.clone();
        let cs = norm[sr.start..m.start].rfind([',', ';', '。', ':']).map_or(sr.start, |i| sr.start + i + 1);
        let me = m.end.clamp(m.start, sr.end.max(m.start));
        let ce = norm[me..sr.end.max(me)].find([',', ';', '。']).map_or(sr.end.max(me), |i| me + i);
        let from = if sorted { quantities.partition_point(|q| q.range.start < cs) } else { 0 };
        let q = quantities[from..].iter().take_while(|q| !sorted || q.range.start < ce).find(|q| {
            q.range.start >= cs && q.range.end <= ce && q.unit.ends_with('元') && !overlaps(&q.range, m)
        });
        if let Some(q) = q {
            let clause = &norm[cs..ce];
            let year = ctx.grammar.time.years_in(clause).first().map(|y| y.1);
            return (Some(q.clone()), year);
        }
    }
    (None, None)
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

#[cfg(test)]
mod tests {
    use crate::document::{Document, ProjectKind};
    use crate::pipeline::test_doc as doc;

    fn names(d: &Document) -> Vec<&str> {
        d.projects.iter().map(|p| p.name.as_str()).collect()
    }

    #[test]
    fn quoted_campaign_with_head_is_a_program() {
        let d = doc("全面开展“千村万户大走访”活动,推动干部下沉一线。");
        assert_eq!(names(&d), ["“千村万户大走访”活动"]);
        assert_eq!(d.projects[0].kind, ProjectKind::Program);
    }

    #[test]
    fn quoted_series_of_brands() {
        let d = doc("精心打造“书香银河”“乐动银河”“悦享银河”系列文化品牌。");
        assert_eq!(names(&d), ["书香银河", "乐动银河", "悦享银河"]);
    }

    #[test]
    fn slogans_metaphors_and_formulas_are_not_projects() {
        let d = doc("坚决做到“两个维护”,当好经济发展“压舱石”,打通服务“最后一公里”,构建“1+3+N”工作格局,推进“科技引商”,推行“快审快批”。");
        assert!(d.projects.is_empty(), "{:?}", names(&d));
    }

    #[test]
    fn construction_names_with_proper_modifiers() {
        let d = doc("加快推进南京溧水医院扩建项目和苏州工业园区配套建设,建成开放金鸡湖美术馆。");
        let n = names(&d);
        assert!(n.iter().any(|x| x.contains("溧水医院")), "{n:?}");
        assert!(n.contains(&"金鸡湖美术馆"), "{n:?}");
        assert!(d.projects.iter().all(|p| p.kind == ProjectKind::Construction));
    }

    #[test]
    fn generic_phrases_are_not_projects() {
        let d = doc("谋划一批城市更新项目,推动重大项目落地,充实招商项目库,新建社区卫生服务中心3个,完成老旧小区改造20个。");
        assert!(d.projects.is_empty(), "{:?}", names(&d));
    }

    #[test]
    fn items_of_a_list_closed_by_a_category() {
        let d = doc(
            "加快推进金沙江大道、西山湿地公园、城北数据中心等重大项目建设,布局商业设施、人才公寓等配套设施。",
        );
        let n = names(&d);
        assert!(n.contains(&"西山湿地公园"), "{n:?}");
        assert!(n.contains(&"城北数据中心"), "{n:?}");
        assert!(!n.iter().any(|x| x.contains("商业设施") || x.contains("人才公寓")), "{n:?}");
    }

    #[test]
    fn enumeration_after_a_count_of_projects() {
        let d = doc("今年新开工重点项目4个,分别是云栖智造园、青禾冷链物流中心、蓝湾医养综合体和北岸数据港,总投资20亿元。");
        let n = names(&d);
        for want in ["青禾冷链物流中心", "蓝湾医养综合体", "北岸数据港"] {
            assert!(n.iter().any(|x| x.contains(want)), "{want} in {n:?}");
        }
        let d = doc("新签约3个项目,分别为华辰精密机械、启明新材料和远帆物流。");
        let n = names(&d);
        assert!(n.contains(&"华辰精密机械") && n.contains(&"远帆物流"), "{n:?}");
    }

    #[test]
    fn enumeration_after_other_counts_names_no_projects() {
        let d = doc("全镇共有规上企业3家,分别是甲乙化工、丙丁纺织和戊己电子;完成改革任务2项,分别是审批提速和监管下沉。");
        assert!(d.projects.is_empty(), "{:?}", names(&d));
    }

    #[test]
    fn list_category_after_three_nouns_or_with_jianshe() {
        let d = doc("全力推进滨江快速路、城东联络线等重大市政交通项目建设。");
        let n = names(&d);
        assert!(n.contains(&"滨江快速路") && n.contains(&"城东联络线"), "{n:?}");
    }

    #[test]
    fn names_run_over_xin_and_a_trailing_gongcheng() {
        let d = doc("加快推进南山新材料基地建设,确保滨河路改造提升工程年底完工。");
        let n = names(&d);
        assert!(n.contains(&"南山新材料基地"), "{n:?}");
        assert!(n.contains(&"滨河路改造提升工程"), "{n:?}");
    }

    #[test]
    fn list_items_keep_misread_one_character_words_and_compass_areas_are_places() {
        let d = doc("加快推进临江高铁站站前广场、县文体中心等项目建设,城北污水处理厂扩建项目进入设备安装阶段,完善街区示范区配套。");
        let n = names(&d);
        assert!(n.contains(&"临江高铁站站前广场"), "{n:?}");
        assert!(n.contains(&"城北污水处理厂扩建项目"), "{n:?}");
        assert!(!n.iter().any(|x| x.contains("街区示范区")), "{n:?}");
    }

    #[test]
    fn one_listed_item_is_a_name_only_with_a_character_the_tagger_does_not_know() {
        // `犇` is tagged x by jieba: a brand, not a word.
        let d = doc("加速犇腾精密等项目建设投产,推进产业升级等项目建设。");
        let n = names(&d);
        assert_eq!(n, ["犇腾精密"], "{n:?}");
    }

    #[test]
    fn a_shortened_quoted_reference_is_an_alias() {
        let d = doc("推动“钱塘云栖数字港”党群服务中心投入使用,在“云栖数字港”开展青年创业沙龙。");
        assert_eq!(d.projects.len(), 1, "{:?}", names(&d));
        assert_eq!(d.projects[0].mentions.len(), 2);
    }

    #[test]
    fn aliases_are_merged_and_investment_read() {
        let d = doc("计划投资额逾30亿元的云栖科创园项目开工建设。年内云栖科创园完成主体结构。");
        assert_eq!(d.projects.len(), 1, "{:?}", names(&d));
        let p = &d.projects[0];
        assert_eq!(p.mentions.len(), 2);
        assert_eq!(p.investment.as_ref().map(|i| i.value), Some(30.0));
    }
}

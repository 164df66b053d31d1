//! Merging the candidates of a document into projects, and the investment near a mention.

use super::{Cand, ProjectDraft, ProjectRules};
use crate::extract::number::Quantity;
use crate::extract::Context;
use std::ops::Range;

impl ProjectRules {
    /// One project per distinct name: mentions of the same name, and names that are another
    /// plus a head (`九星城项目` and `九星城`), are merged; investment and year are read at
    /// the mentions.
    pub(super) fn merge(
        &self,
        ctx: &Context,
        quantities: &[Quantity],
        mut cands: Vec<Cand>,
    ) -> Vec<ProjectDraft> {
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
        // Supersets of the characters of each entry's aliases and of its quoted cores: a
        // name that is neither nested in the key nor an alias nor a core of an entry fails
        // these masks at once (the string tests on every entry made long files quadratic).
        let mut alias_masks: Vec<u64> = Vec::new();
        let mut core_masks: Vec<u64> = Vec::new();
        for c in cands {
            let key = key_of(&c.name);
            let shown = as_written(ctx, &c);
            let n_key = key.chars().count();
            let mask = char_mask(&key);
            let core_mask = c.core.as_deref().map(char_mask);
            let found = (0..out.len()).position(|k| {
                let (pk, aliases) = &keys[k];
                let nested = key_masks[k] & !mask == 0 || mask & !key_masks[k] == 0;
                if !nested && mask & !alias_masks[k] != 0 && core_mask.is_none_or(|m| m & !core_masks[k] != 0)
                {
                    return false;
                }
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
                    alias_masks[k] |= mask | key_masks[k];
                    core_masks[k] |= core_mask.unwrap_or(0);
                }
                None => {
                    alias_masks.push(0);
                    core_masks.push(core_mask.unwrap_or(0));
                }
            }
            match found {
                Some(k) => {
                    let p = &mut out[k];
                    let (pk, aliases) = &mut keys[k];
                    if *pk != key && !aliases.contains(&key) {
                        // The clean long name wins over one with words glued before it.
                        if n_key >= 8 && pk.ends_with(&key) {
                            let old = std::mem::replace(&mut p.name, shown);
                            key_chars[k] = n_key;
                            key_masks[k] = mask;
                            aliases.push(std::mem::replace(pk, key.clone()));
                            p.aliases.push(old);
                        } else {
                            aliases.push(key.clone());
                            p.aliases.push(shown);
                        }
                    } else if squeeze(&shown) != squeeze(&p.name) && !p.aliases.contains(&shown) {
                        // Another edition of one event (`第十届X` after `第九届X`): the name as
                        // written there stays findable.
                        p.aliases.push(shown);
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
                        name: shown,
                        kind: c.kind,
                        mentions: vec![c.range],
                        aliases: Vec::new(),
                        investment: None,
                        year: None,
                    })
                }
            }
        }
        // Quantities come in text order; then only those from the clause start on are looked
        // at (a scan of all of them per mention made long documents quadratic).
        let sorted = quantities.windows(2).all(|w| w[0].range.start <= w[1].range.start);
        for p in &mut out {
            let (inv, year) = investment_near(ctx, quantities, sorted, &p.mentions);
            p.investment = inv;
            p.year = year;
        }
        out
    }

    /// `九星城` / `九星城项目`, `美好社区` / `美好社区项目`: one is the other plus a head, or
    /// holds the other with little more.
    /// Each name comes with its length in characters.
    pub(super) fn same_project(&self, a: (&str, usize), b: (&str, usize)) -> bool {
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
            // (`新福兴一期`, `X合作区(北海片区)`: a phase or a bracketed part is the same project.)
            Some(rest) => {
                self.heads.iter().any(|h| h.word == rest)
                    || self.frames.phases.contains(rest)
                    || ["建设", "改造", "扩建"].contains(&rest)
                    || (rest.starts_with('(') && rest.ends_with(')'))
            }
            None => false,
        }
    }
}

/// A candidate's name in the document's own characters (`（一期）`, `＋`), not the
/// normalised ones the rules matched on.
fn as_written(ctx: &Context, c: &Cand) -> String {
    let norm = ctx.norm();
    match norm.get(c.range.clone()).and_then(|t| t.find(c.name.as_str())) {
        Some(at) => {
            let s = c.range.start + at;
            ctx.text().original(s..s + c.name.len()).to_string()
        }
        None => c.name.clone(),
    }
}

/// Squeezed key: no quotes, no spaces.
/// The characters of `s` hashed into 64 bits: if `a`'s characters are all in `b`, then
/// `char_mask(a) & !char_mask(b) == 0`.
fn char_mask(s: &str) -> u64 {
    s.chars().fold(0, |m, c| m | 1 << (c as u32 % 64))
}

/// The key a name is merged on: squeezed, and without an edition before it (`第十届X` and
/// `第九届X` are one event).
fn key_of(name: &str) -> String {
    let key = squeeze(name);
    let rest = key.strip_prefix("首届").or_else(|| {
        let r = key.strip_prefix('第')?;
        let n = r.chars().take_while(|c| c.is_ascii_digit() || "一二三四五六七八九十百".contains(*c)).count();
        let r = &r[r.char_indices().nth(n).map_or(r.len(), |(i, _)| i)..];
        r.strip_prefix('届').filter(|_| n > 0)
    });
    match rest {
        Some(r) if r.chars().count() >= 4 => r.to_string(),
        _ => key,
    }
}

/// A name as it is compared: without quotes, title marks and spaces, in half-width forms,
/// and with one dash for all (`(2021—2023年)` in a title, `（2021-2023年）` in the text).
pub(super) fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|c| !"“”‘’\"'《》 \u{3000}".contains(*c))
        .map(|c| match crate::clean::normalize_char(c) {
            '—' | '–' | '~' => '-',
            c => c,
        })
        .collect()
}

/// The money and year a project's first mention gives: a `…元` quantity in the same clause,
/// just before the name (`计划投资额逾60亿元的达安创谷项目`) or after it (`总投资5亿元`).
fn investment_near(
    ctx: &Context,
    quantities: &[Quantity],
    sorted: bool,
    mentions: &[Range<usize>],
) -> (Option<Quantity>, Option<i32>) {
    let norm = ctx.norm();
    for m in mentions {
        let Some(si) = ctx.structure.sentence_at(m.start) else { continue };
        let sr = ctx.structure.sentences[si].range.clone();
        let cs = norm[sr.start..m.start].rfind([',', ';', '。', ':']).map_or(sr.start, |i| sr.start + i + 1);
        let me = m.end.clamp(m.start, sr.end.max(m.start));
        let ce = norm[me..sr.end.max(me)].find([',', ';', '。']).map_or(sr.end.max(me), |i| me + i);
        let from = if sorted { quantities.partition_point(|q| q.range.start < cs) } else { 0 };
        let in_clause = quantities[from..].iter().take_while(|q| !sorted || q.range.start < ce).filter(|q| {
            q.range.start >= cs && q.range.end <= ce && q.unit.ends_with('元') && !overlaps(&q.range, m)
        });
        // In a list (`投资30亿元的A、12亿元的B`), the money right before a name with `的` is
        // that name's own; else the first money of the clause.
        let own = in_clause.clone().find(|q| {
            q.range.end <= m.start && norm.get(q.range.end..m.start).is_some_and(|gap| gap.trim() == "的")
        });
        let q = own.or_else(|| in_clause.clone().next());
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

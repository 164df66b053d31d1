//! Place names, for the issuer and the jurisdiction (`place`) of a document.
//!
//! Two sources: the national list of province- and prefecture-level divisions
//! (`places.txt`, with the short forms texts use: `东营` for 东营市), and the suffix grammar
//! of `issuers.txt` for everything smaller (`七宝镇`, `海拉尔区`, `XX街道`). In running text a
//! suffix only ends a name when the name begins a word: after punctuation, a larger place
//! or a function word (`在七宝镇`, `闵行区七宝镇`), never inside a longer word (`乡村`,
//! `市场`, `新型城镇`) or after a verb (`我代表市人民政府`).

use crate::error::Result;
use crate::lexicon::{self, IssuerKind, Lexicons, PlaceLevel};
use aho_corasick::{AhoCorasick, MatchKind};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::ops::Range;

/// A place name found in a text; `range` is in bytes of that text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceMatch {
    pub range: Range<usize>,
    /// The name: as written for the suffix grammar, the full name for a listed division.
    pub name: String,
    /// How specific it is: the rank of its suffix in `issuers.txt` (街道 most specific).
    pub rank: usize,
    /// The division's level when it is on the national list.
    pub level: Option<PlaceLevel>,
    /// Written in a listed division's short form (`东营` for 东营市).
    pub short: bool,
}

/// What a report's `我代表X人民政府` leaves to be inferred: levels of the national list,
/// and the suffix of the names off the list (`市` for a county-level city, `区`, `镇`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Level {
    pub listed: Vec<PlaceLevel>,
    pub suffix: Option<String>,
}

/// Compiled place-name rules.
#[derive(Debug)]
pub struct Places {
    gazetteer: AhoCorasick,
    /// Per gazetteer pattern: (division index, the pattern is a short form).
    forms: Vec<(usize, bool)>,
    divisions: Vec<(String, PlaceLevel)>,
    /// Suffixes, longest first, with their rank.
    suffixes: Vec<(String, usize)>,
    /// The first characters of the suffixes: most characters of a text start none, and
    /// `find_iter` tries the list only where one may start.
    suffix_starts: HashSet<char>,
    organs: Vec<String>,
    stops: HashSet<char>,
    leads: HashSet<char>,
    not_place: HashSet<String>,
    /// Endings of body names, longest first.
    bodies: Vec<String>,
}

/// Characters a stem may have besides Chinese ones: anonymised names (`XX街道`).
fn stem_char(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | 'X' | '×')
}

fn han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}')
}

impl Places {
    pub fn new(lex: &Lexicons) -> Result<Places> {
        let words =
            |kind: IssuerKind| lex.issuers.iter().filter(move |w| w.kind == kind).map(|w| w.word.clone());
        let mut suffixes: Vec<(String, usize)> =
            words(IssuerKind::Suffix).enumerate().map(|(i, s)| (s, i)).collect();
        lexicon::longest_first(&mut suffixes, |s| &s.0);
        let mut bodies: Vec<String> = words(IssuerKind::Body).collect();
        lexicon::longest_first(&mut bodies, |s| s);
        let mut divisions = Vec::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut forms = Vec::new();
        for (i, row) in lex.places.iter().enumerate() {
            divisions.push((row.name.clone(), row.level));
            patterns.push(row.name.clone());
            forms.push((i, false));
            for short in &row.short {
                patterns.push(short.clone());
                forms.push((i, true));
                if row.level == PlaceLevel::Prefecture {
                    patterns.push(format!("{short}州"));
                    forms.push((i, false));
                }
            }
        }
        let gazetteer = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .map_err(|e| lexicon::file_error("places.txt", e))?;
        let suffix_starts = suffixes.iter().filter_map(|(s, _)| s.chars().next()).collect();
        Ok(Places {
            gazetteer,
            forms,
            divisions,
            suffixes,
            suffix_starts,
            organs: words(IssuerKind::Organ).collect(),
            stops: words(IssuerKind::Stop).flat_map(|w| w.chars().collect::<Vec<_>>()).collect(),
            leads: words(IssuerKind::Lead).flat_map(|w| w.chars().collect::<Vec<_>>()).collect(),
            not_place: words(IssuerKind::NotPlace).collect(),
            bodies,
        })
    }

    fn rank_of_suffix(&self, suffix: &str) -> usize {
        self.suffixes.iter().find(|(s, _)| s == suffix).map_or(usize::MAX, |s| s.1)
    }

    fn rank_of_level(&self, level: PlaceLevel) -> usize {
        self.rank_of_suffix(match level {
            PlaceLevel::Province => "省",
            PlaceLevel::Municipality | PlaceLevel::City => "市",
            PlaceLevel::Prefecture => "州",
            PlaceLevel::League | PlaceLevel::Area => "盟",
        })
    }

    /// The ending of a body's name (`人民政府`, `局`) that `name` ends with.
    pub fn body_ending<'a>(&'a self, name: &str) -> Option<&'a str> {
        self.bodies.iter().find(|b| name.ends_with(b.as_str())).map(String::as_str)
    }

    /// The listed divisions in `text` (a short form right before another suffix, as in
    /// `东营区`, is a smaller place of the same name, not the division).
    fn listed(&self, text: &str) -> Vec<PlaceMatch> {
        let mut out = Vec::new();
        for m in self.gazetteer.find_iter(text) {
            let (i, short) = self.forms[m.pattern().as_usize()];
            let rest = &text[m.end()..];
            if short && self.suffixes.iter().any(|(s, _)| rest.starts_with(s.as_str())) {
                continue;
            }
            let (name, level) = &self.divisions[i];
            out.push(PlaceMatch {
                range: m.start()..m.end(),
                name: name.clone(),
                rank: self.rank_of_level(*level),
                level: Some(*level),
                short,
            });
        }
        out
    }

    /// Where a suffix-grammar name starts whose suffix starts at byte `at` of `text`, with a
    /// stem of `stems` characters (the shortest that fits); `lead` asks for a word boundary
    /// before the stem.
    fn stem_name(
        &self,
        text: &str,
        at: usize,
        suffix: &str,
        stems: Range<usize>,
        lead: bool,
    ) -> Option<usize> {
        let after = text[at + suffix.len()..].chars().next();
        let last = suffix.chars().last()?;
        if after.is_some_and(|a| self.not_place.contains(&format!("{last}{a}"))) {
            return None;
        }
        let before: Vec<(usize, char)> = text[..at].char_indices().rev().take(stems.end + 1).collect();
        let first = suffix.chars().next()?;
        let prev = before.first()?;
        if self.not_place.contains(&format!("{}{first}", prev.1)) {
            return None;
        }
        for n in stems {
            let stem = &before[..n.min(before.len())];
            if stem.len() < n || !stem.iter().all(|&(_, c)| stem_char(c)) {
                return None;
            }
            let (start, c0) = stem[n - 1];
            if self.stops.contains(&c0) {
                return None;
            }
            let ok = !lead || before.get(n).is_none_or(|&(_, p)| !han(p) || self.leads.contains(&p));
            if ok {
                return Some(start);
            }
        }
        None
    }

    /// Every place name in running text, in text order.
    pub fn find_iter(&self, text: &str) -> Vec<PlaceMatch> {
        let mut out = self.listed(text);
        let mut k = 0;
        let mut found: Vec<PlaceMatch> = Vec::new();
        for (at, c) in text.char_indices() {
            if !self.suffix_starts.contains(&c) {
                continue;
            }
            while k < out.len() && out[k].range.end <= at {
                k += 1;
            }
            let inside = found.last().is_some_and(|m| at < m.range.end);
            if inside || (k < out.len() && out[k].range.start <= at) {
                continue;
            }
            let Some((suffix, rank)) = self.suffixes.iter().find(|(s, _)| text[at..].starts_with(s.as_str()))
            else {
                continue;
            };
            if let Some(start) = self.stem_name(text, at, suffix, 2..4, true) {
                let range = start..at + suffix.len();
                if out.get(k).is_none_or(|m| range.end <= m.range.start) {
                    found.push(PlaceMatch {
                        name: text[range.clone()].to_string(),
                        range,
                        rank: *rank,
                        level: None,
                        short: false,
                    });
                }
            }
        }
        out.extend(found);
        out.sort_by_key(|m| m.range.start);
        out
    }

    /// The places a body's name opens with, larger first (`中共闵行区七宝镇委员会` gives
    /// 闵行区 and 七宝镇).
    pub fn in_name(&self, name: &str) -> Vec<PlaceMatch> {
        let mut out = Vec::new();
        let mut p = ["中国共产党", "中共"].iter().find(|x| name.starts_with(*x)).map_or(0, |x| x.len());
        let listed = self.listed(name);
        'next: while p < name.len() {
            if let Some(m) = listed.iter().find(|m| m.range.start == p) {
                p = m.range.end;
                out.push(m.clone());
                continue;
            }
            for (n, (off, _)) in name[p..].char_indices().enumerate().skip(2).take(3) {
                let at = p + off;
                for (suffix, rank) in &self.suffixes {
                    if name[at..].starts_with(suffix.as_str())
                        && self.stem_name(name, at, suffix, n..n + 1, false) == Some(p)
                    {
                        let range = p..at + suffix.len();
                        out.push(PlaceMatch {
                            name: name[range.clone()].to_string(),
                            range,
                            rank: *rank,
                            level: None,
                            short: false,
                        });
                        p = at + suffix.len();
                        continue 'next;
                    }
                }
            }
            break;
        }
        out
    }

    /// The most specific place of a body's name (`上海市宝山区人民政府办公室` gives 宝山区).
    pub fn jurisdiction(&self, name: &str) -> Option<String> {
        self.in_name(name).pop().map(|m| m.name)
    }

    /// The most specific place a title names in full, with a listed organ that follows it
    /// (`XX街道党工委`). A short form (`佛山禅城`) leaves the choice to the text.
    pub fn in_title(&self, title: &str) -> Option<String> {
        let best =
            self.find_iter(title).into_iter().filter(|m| !m.short).min_by_key(|m| (m.rank, m.range.start))?;
        let mut name = best.name;
        if let Some(org) = self.organs.iter().find(|o| title[best.range.end..].starts_with(o.as_str())) {
            name.push_str(org);
        }
        Some(name)
    }

    /// The name of `level` that `found` (the places of a text) holds most, at least `min`
    /// times.
    pub fn most_named(found: &[PlaceMatch], level: &Level, min: usize) -> Option<String> {
        let mut counts: HashMap<&str, (usize, usize)> = HashMap::default(); // name -> (count, first)
        for m in found {
            let fits = match m.level {
                Some(l) => level.listed.contains(&l),
                None => level.suffix.as_deref().is_some_and(|s| m.name.ends_with(s)),
            };
            if fits {
                counts.entry(&m.name).or_insert((0, m.range.start)).0 += 1;
            }
        }
        counts
            .into_iter()
            .filter(|(_, (c, _))| *c >= min)
            .max_by_key(|(name, (c, first))| (*c, std::cmp::Reverse(*first), std::cmp::Reverse(*name)))
            .map(|(name, _)| name.to_string())
    }

    /// The place of a text whose stem its title names (`佛山禅城` for 禅城区), else the
    /// township-level place it names most (a news page about a town); `found` holds the
    /// places of the text.
    pub fn of_text(&self, title: &str, found: &[PlaceMatch]) -> Option<String> {
        let mut counts: HashMap<&str, (usize, usize, usize)> = HashMap::default(); // name -> (count, rank, first)
        for m in found {
            counts.entry(&m.name).or_insert((0, m.rank, m.range.start)).0 += 1;
        }
        let stem_in_title = counts
            .iter()
            .filter(|(name, _)| {
                let stem: String = name.chars().take(2).collect();
                title.contains(&stem)
            })
            .min_by_key(|(name, (c, rank, first))| (*rank, std::cmp::Reverse(*c), *first, **name));
        if let Some((name, _)) = stem_in_title {
            return Some(name.to_string());
        }
        let township = self.rank_of_suffix("乡");
        counts
            .into_iter()
            .filter(|(_, (c, rank, _))| *rank <= township && *c >= 2)
            .max_by_key(|(name, (c, rank, first))| {
                (*c, std::cmp::Reverse(*rank), std::cmp::Reverse(*first), std::cmp::Reverse(*name))
            })
            .map(|(name, _)| name.to_string())
    }

    /// The level a bare administrative word stands for (`市` in 我代表市人民政府, `行署`).
    pub fn level_of(&self, word: &str) -> Option<Level> {
        use PlaceLevel::*;
        let (listed, suffix) = match word {
            "省" | "自治区" => (vec![Province, Municipality], "省"),
            "市" => (vec![City, Municipality], "市"),
            "州" | "自治州" => (vec![Prefecture], "州"),
            "盟" | "行署" | "行政公署" | "地区" => (vec![League, Area], "盟"),
            w => (vec![], self.suffixes.iter().find(|(s, _)| s == w)?.0.as_str()),
        };
        Some(Level { listed, suffix: Some(suffix.to_string()) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn places() -> Places {
        Places::new(&Lexicons::embedded().unwrap()).unwrap()
    }

    fn names(text: &str) -> Vec<String> {
        places().find_iter(text).into_iter().map(|m| m.name).collect()
    }

    #[test]
    fn suffixes_inside_words_are_no_places() {
        assert!(names("推进新型城镇化,推进乡村振兴,统筹城乡发展,培育市场主体,壮大县域经济。").is_empty());
        assert!(names("现在,我代表市人民政府向大会报告工作。").is_empty());
        assert_eq!(names("在七宝镇召开,闵行区七宝镇的做法"), ["七宝镇", "闵行区", "七宝镇"]);
    }

    #[test]
    fn listed_divisions_and_their_short_forms() {
        let p = places();
        let got: Vec<(String, Option<PlaceLevel>)> = p
            .find_iter("马鞍山市和鞍山的差别;东营区属于东营;黔东南州")
            .into_iter()
            .map(|m| (m.name, m.level))
            .collect();
        assert_eq!(
            got,
            [
                ("马鞍山市".to_string(), Some(PlaceLevel::City)),
                ("鞍山市".to_string(), Some(PlaceLevel::City)),
                ("东营区".to_string(), None),
                ("东营市".to_string(), Some(PlaceLevel::City)),
                ("黔东南苗族侗族自治州".to_string(), Some(PlaceLevel::Prefecture)),
            ]
        );
    }

    #[test]
    fn places_of_a_body_name() {
        let p = places();
        let of = |n: &str| p.in_name(n).into_iter().map(|m| m.name).collect::<Vec<_>>();
        assert_eq!(of("上海市宝山区人民政府办公室"), ["上海市", "宝山区"]);
        assert_eq!(of("中共闵行区七宝镇委员会"), ["闵行区", "七宝镇"]);
        assert_eq!(of("呼伦贝尔市海拉尔区人民政府"), ["呼伦贝尔市", "海拉尔区"]);
        assert_eq!(of("XX街道党工委"), ["XX街道"]);
        assert!(of("住房和城乡建设局").is_empty());
        assert!(of("市人民政府").is_empty());
        assert_eq!(p.jurisdiction("北京市经济和信息化局").as_deref(), Some("北京市"));
        assert_eq!(p.body_ending("某某区商务局"), Some("局"));
    }

    #[test]
    fn the_most_named_place_of_a_level() {
        let p = places();
        let text =
            "视察东营重要指示,东营市实现增长,东营港建设;对接济南、青岛。东营区、垦利区发展,在东营区改造。";
        let found = p.find_iter(text);
        let city = p.level_of("市").unwrap();
        assert_eq!(Places::most_named(&found, &city, 2).as_deref(), Some("东营市"));
        let district = p.level_of("区").unwrap();
        assert_eq!(Places::most_named(&found, &district, 2).as_deref(), Some("东营区"));
        let league = p.level_of("行署").unwrap();
        assert_eq!(league.listed, [PlaceLevel::League, PlaceLevel::Area]);
        // A county-level city off the list, named more than a listed city.
        let found = p.find_iter("恩施市发展,恩施市建设,恩施市改造;对接武汉。");
        assert_eq!(Places::most_named(&found, &city, 2).as_deref(), Some("恩施市"));
    }
}

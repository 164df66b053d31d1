//! The document header: title, issuer, place, date and period.
//!
//! Read from the layouts documents have, not from the first line: a collector's labels
//! (`标题：` `发文单位：` `发文时间：`), a notice's title, document number, addressee line and
//! signature (the issuing body over the date), a report's title, delivery line
//! (`——2025年1月13日在…会议上`), speaker line and salutation, a news page's headline under its
//! kicker. A text that opens with the body has no title. The issuer is the body as the text
//! names it; `place` is its jurisdiction. A report that says only `我代表市人民政府` is
//! placed by the division of that level it names most (see [`super::place`]).

use super::place::{PlaceMatch, Places};
use crate::clean::Cleaned;
use crate::error::Result;
use crate::grammar::marker::marker_at;
use crate::grammar::numeral::cn_digit;
use crate::grammar::time;
use crate::lexicon::{self, HeaderKind, Lexicons};
use aho_corasick::{AhoCorasick, MatchKind};
use regex::{Captures, Regex};
use std::ops::Range;

/// What the header stage finds.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Header {
    /// Byte range of the title in `norm`.
    pub title: Option<Range<usize>>,
    pub issuer: Option<String>,
    /// The jurisdiction the document is about (`松江区`, `天门市`, `七宝镇`).
    pub place: Option<String>,
    pub date: Option<String>,
    pub period: Option<[i32; 2]>,
}

/// Compiled header rules.
#[derive(Debug)]
pub struct HeaderRules {
    places: Places,
    labels: AhoCorasick,
    label_kinds: Vec<HeaderKind>,
    salutations: Vec<String>,
    sections: Vec<String>,
    plan: Vec<String>,
    review: Vec<String>,
    page_suffix: Regex,
    date: Regex,
    value_date: Regex,
    delivery: Regex,
    speaker_line: Regex,
    self_ref: Regex,
    /// `全市`, `我州`...: how a text names its own jurisdiction, with the suffix.
    self_words: Vec<(String, String)>,
    self_words_ac: AhoCorasick,
    doc_number: Regex,
    year: Regex,
    meeting_year: Regex,
    period: Regex,
    five_year: Regex,
    /// A plan or review heading inside a line (`一、2023年工作回顾 2023年是…`).
    heading_year: Regex,
}

/// A full date, Arabic or Chinese numerals (`2023年9月26日`, `二〇二三年九月二十六日`).
const DATE: &str = r"((?:19|20)\d{2}|[〇零一二三四五六七八九]{4})\s*年\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日";

/// Non-empty lines of the head and the tail the header is read from.
const HEAD_LINES: usize = 80;
const TAIL_LINES: usize = 30;

impl HeaderRules {
    pub fn new(lex: &Lexicons) -> Result<HeaderRules> {
        let of = |kind: HeaderKind| -> Vec<String> {
            let mut v: Vec<String> =
                lex.header_words.iter().filter(|w| w.kind == kind).map(|w| w.word.clone()).collect();
            lexicon::longest_first(&mut v, |s| s);
            v
        };
        let label_rows: Vec<(String, HeaderKind)> = lex
            .header_words
            .iter()
            .filter(|w| {
                use HeaderKind::*;
                matches!(w.kind, Title | Issuer | Source | Date | Published | Meta)
            })
            .map(|w| (w.word.clone(), w.kind))
            .collect();
        let labels = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(label_rows.iter().map(|r| &r.0))
            .map_err(|e| lexicon::file_error("header_words.txt", e))?;
        let offices = lexicon::alternation(of(HeaderKind::Office).iter().map(String::as_str));
        let speakers = lexicon::alternation(of(HeaderKind::Speaker).iter().map(String::as_str));
        let re = |p: &str| Regex::new(p).map_err(|e| lexicon::file_error("header_words.txt", e));
        let self_words: Vec<(String, String)> = lex
            .issuers
            .iter()
            .filter(|w| w.kind == lexicon::IssuerKind::Suffix)
            .flat_map(|w| ["全", "我"].map(|p| (format!("{p}{}", w.word), w.word.clone())))
            .collect();
        let self_words_ac = AhoCorasick::new(self_words.iter().map(|w| &w.0))
            .map_err(|e| lexicon::file_error("issuers.txt", e))?;
        Ok(HeaderRules {
            self_words,
            self_words_ac,
            places: Places::new(lex)?,
            labels,
            label_kinds: label_rows.into_iter().map(|r| r.1).collect(),
            salutations: of(HeaderKind::Salutation),
            sections: of(HeaderKind::Section),
            plan: of(HeaderKind::Plan),
            review: of(HeaderKind::Review),
            page_suffix: re(r"\s*\(第\s*\d+\s*/\s*\d+\s*页\)\s*$")?,
            date: re(DATE)?,
            value_date: re(r"^\s*((?:19|20)\d{2})\s*[-./年]\s*(\d{1,2})(?:\s*[-./月]\s*(\d{1,2}))?")?,
            delivery: re(&format!(r"^[\s\-—–－─~]*\(?\s*{DATE}\s*在[^\n]{{0,60}}?(?:会议|大会|会)"))?,
            speaker_line: re(&format!(r"(?:^|\s)(\p{{Han}}*?)代?{offices}\s+((?:\p{{Han}}\s*){{2,4}})$"))?,
            self_ref: re(&format!(r"我代表(\p{{Han}}{{0,16}}?)({speakers})"))?,
            doc_number: re(r"(?:〔|\[|\()\s*(?:19|20)\d{2}\s*(?:〕|\]|\))\s*\d+\s*号")?,
            year: re(r"((?:19|20)\d{2})\s*年")?,
            meeting_year: re(r"(?:召开|举行|举办)的[^。\n]{0,24}?((?:19|20)\d{2})年[^。\n]{0,24}?会议")?,
            period: re(r"((?:19|20)\d{2})\s*(?:年)?\s*[-—–~至到]{1,2}\s*((?:19|20)\d{2})\s*年")?,
            // `十四五`, `第十四个五年规划`.
            five_year: re(r"十([一二三四五六])个?五")?,
            heading_year: re(&format!(
                r"(?:^|[\s、])((?:19|20)\d{{2}})\s*年\s*({})",
                lexicon::alternation(
                    of(HeaderKind::Plan).iter().chain(&of(HeaderKind::Review)).map(String::as_str)
                )
            ))?,
        })
    }
}

/// `YYYY-MM-DD` from the captures of [`DATE`] (or of a label value: year, month, day).
fn date_of(c: &Captures) -> Option<String> {
    let num = |s: &str| -> Option<u32> {
        if s.bytes().all(|b| b.is_ascii_digit()) {
            return s.parse().ok();
        }
        // 二〇二三 digit by digit; 二十六, 十二, 十 as numbers.
        if s.chars().count() == 4 {
            return s.chars().try_fold(0, |acc, c| Some(acc * 10 + cn_digit(c)?));
        }
        match s.split_once('十') {
            Some((tens, ones)) => {
                let t = if tens.is_empty() { 1 } else { cn_digit(tens.chars().next()?)? };
                let o = if ones.is_empty() { 0 } else { cn_digit(ones.chars().next()?)? };
                Some(t * 10 + o)
            }
            None => cn_digit(s.chars().next()?),
        }
    };
    let y = num(c.get(1)?.as_str())?;
    let m = num(c.get(2)?.as_str())?;
    if !(1900..=2099).contains(&y) || !(1..=12).contains(&m) {
        return None;
    }
    match c.get(3) {
        Some(d) => {
            let d = num(d.as_str())?;
            (1..=31).contains(&d).then(|| format!("{y}-{m:02}-{d:02}"))
        }
        None => Some(format!("{y}-{m:02}")),
    }
}

/// The header's view of a line: its byte range in `norm` without surrounding blanks.
#[derive(Debug, Clone)]
struct Line {
    range: Range<usize>,
}

/// Non-empty lines outside web boilerplate, trimmed.
fn lines(cleaned: &Cleaned) -> Vec<Line> {
    crate::grammar::lines(cleaned.text.norm())
        .into_iter()
        .filter(|r| !cleaned.is_boilerplate(r.start))
        .map(|range| Line { range })
        .collect()
}

/// Label values found in the header.
#[derive(Debug, Default)]
struct Labels {
    title: Option<Range<usize>>,
    issuer: Option<String>,
    source: Option<String>,
    date: Option<String>,
    published: Option<String>,
}

/// What the head of the text says, line by line.
#[derive(Debug, Default)]
struct Head {
    labels: Labels,
    /// Title candidates before the body starts.
    candidates: Vec<Range<usize>>,
    delivery: Option<String>,
    /// The body of a speaker line (`河北省人民政府`), when it names one.
    speaker: Option<String>,
    /// A bare date line in the head.
    date: Option<String>,
    /// A red header (`XX人民政府文件`) or a line of the issuing body over the title.
    red_header: Option<String>,
}

impl HeaderRules {
    /// Reads the labels of a line that opens with one (`标题：…`, `【法宝引证码】…`, several
    /// on one line); false when the line opens with none.
    fn read_labels(&self, norm: &str, r: &Range<usize>, out: &mut Labels) -> bool {
        let line = &norm[r.clone()];
        // (kind, label start, value start)
        let mut found: Vec<(HeaderKind, usize, usize)> = Vec::new();
        for m in self.labels.find_iter(line) {
            let before = line[..m.start()].trim_end_matches('【');
            let at_start = before.trim().is_empty();
            let after_space = before.ends_with([' ', '\t', '|']) || before.ends_with('】');
            if !(at_start || after_space) {
                continue;
            }
            let rest = &line[m.end()..];
            let t = rest.trim_start_matches(' ');
            // `标题：`, `【法宝引证码】`, or a cell of a table of labels (`发布机构\t…`).
            let Some(sep) = t.chars().next().filter(|c| matches!(c, ':' | '】' | '\t')).map(char::len_utf8)
            else {
                continue;
            };
            let value = m.end() + (rest.len() - t.len()) + sep;
            if found.is_empty() && !at_start {
                return false;
            }
            found.push((self.label_kinds[m.pattern().as_usize()], m.start(), value));
        }
        if found.is_empty() {
            return false;
        }
        for (k, &(kind, _, value)) in found.iter().enumerate() {
            let end = found.get(k + 1).map_or(line.len(), |n| n.1);
            let raw = &line[value.min(end)..end];
            let v = raw.trim_matches(|c: char| c == ' ' || c == '【' || c == '|' || c == '\t');
            if v.is_empty() {
                continue;
            }
            // `v` is a slice of `line`: its offset there.
            let start = r.start + (v.as_ptr() as usize - line.as_ptr() as usize);
            let date = || self.value_date.captures(v).and_then(|c| date_of(&c));
            match kind {
                HeaderKind::Title if out.title.is_none() => out.title = Some(start..start + v.len()),
                HeaderKind::Issuer if out.issuer.is_none() => out.issuer = Some(v.to_string()),
                HeaderKind::Source if out.source.is_none() => out.source = Some(v.to_string()),
                HeaderKind::Date if out.date.is_none() => out.date = date(),
                HeaderKind::Published if out.published.is_none() => out.published = date(),
                _ => {}
            }
        }
        true
    }

    /// A bare date line (`2023年9月26日`, `（二〇二四年一月五日）`).
    fn bare_date(&self, line: &str) -> Option<String> {
        let t = line.trim_matches(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | '|'));
        let c = self.date.captures(t)?;
        (c.get(0)?.range() == (0..t.len())).then(|| date_of(&c)).flatten()
    }

    /// A line of issuing bodies only (`中共某镇委员会 某镇人民政府`): their names.
    fn bodies<'a>(&self, line: &'a str) -> Option<Vec<&'a str>> {
        let n = line.chars().count();
        if !(3..=60).contains(&n) || line.contains([',', '。', ':', ';', '、']) {
            return None;
        }
        let parts: Vec<&str> = line.split_whitespace().collect();
        parts.iter().all(|p| p.chars().count() >= 3 && self.places.body_ending(p).is_some()).then_some(parts)
    }

    /// A signature: the issuing bodies over (or before) a date line.
    fn signature<'a>(&self, norm: &'a str, lines: &[&Line]) -> Option<(Vec<&'a str>, String)> {
        for (k, l) in lines.iter().enumerate() {
            let text = &norm[l.range.clone()];
            if let Some(date) = self.bare_date(text) {
                if let Some(bodies) =
                    k.checked_sub(1).and_then(|p| self.bodies(&norm[lines[p].range.clone()]))
                {
                    return Some((bodies, date));
                }
                continue;
            }
            let Some(m) = self.date.find_iter(text).last() else { continue };
            let tail = text[m.end()..].trim_matches(|c: char| c.is_whitespace() || c == '|');
            if tail.is_empty() {
                if let Some(bodies) = self.bodies(text[..m.start()].trim_end()) {
                    let date = self.date.captures(&text[m.start()..]).and_then(|c| date_of(&c));
                    if let Some(date) = date {
                        return Some((bodies, date));
                    }
                }
            }
        }
        None
    }

    /// True for a line of sentences: the body has started.
    fn prose(&self, line: &str) -> bool {
        line.contains(['。', ';']) || (line.chars().count() > 60 && line.contains(','))
    }

    /// A report's section heading (`2023年工作回顾`), which opens the body.
    fn section_heading(&self, line: &str) -> bool {
        let rest = self.year.find(line).filter(|m| m.start() == 0).map_or(line, |m| &line[m.end()..]);
        let rest = rest.trim_end_matches(':').trim();
        self.sections.iter().any(|s| s == rest)
    }

    /// A headline's kicker (`砥砺前行 接续奋斗`): short phrases set apart by spaces.
    fn kicker(line: &str) -> bool {
        let parts: Vec<usize> = line.split_whitespace().map(|p| p.chars().count()).collect();
        parts.len() >= 2 && parts.iter().all(|&n| (2..=8).contains(&n)) && line.chars().count() <= 24
    }

    fn read_head(&self, norm: &str, lines: &[Line]) -> Head {
        let mut head = Head::default();
        let mut body = false;
        for l in lines.iter().take(HEAD_LINES) {
            if self.read_labels(norm, &l.range, &mut head.labels) || body {
                continue;
            }
            let mut r = l.range.clone();
            let line = &norm[r.clone()];
            if self.salutations.iter().any(|s| line.starts_with(s.as_str())) || line.ends_with(':') {
                body = true;
                continue;
            }
            if let Some(c) = self.delivery.captures(line) {
                head.delivery = head.delivery.take().or_else(|| date_of(&c));
                if let Some(s) = self.speaker_line.captures(line) {
                    head.speaker = head.speaker.take().or_else(|| self.speaker_body(&s));
                }
                continue;
            }
            if let Some(s) = self.speaker_line.captures(line) {
                head.speaker = head.speaker.take().or_else(|| self.speaker_body(&s));
                continue;
            }
            if line.ends_with("会议上") && !self.prose(line) {
                continue; // a delivery line cut from its date
            }
            if let Some(d) = self.bare_date(line) {
                head.date = head.date.take().or(Some(d));
                continue;
            }
            if self.doc_number.is_match(line) && line.chars().count() <= 30 {
                continue;
            }
            if let Some(name) = line.strip_suffix("文件").filter(|n| self.places.body_ending(n).is_some()) {
                head.red_header = head.red_header.take().or_else(|| Some(name.trim().to_string()));
                continue;
            }
            if self.bodies(line).is_some() {
                // The issuing body over or under a notice's title.
                head.red_header = head.red_header.take().or_else(|| Some(line.to_string()));
                continue;
            }
            if marker_at(norm, r.start).is_some() || self.section_heading(line) {
                body = true;
                continue;
            }
            if line.chars().count() > 120 {
                // A whole document on one line: a title runs to the first sentence end.
                let cut = line.char_indices().take(60).find(|(_, c)| matches!(c, '。' | '!' | '?' | ';'));
                if let Some((i, _)) = cut.filter(|(i, _)| !line[..*i].contains([',', ':'])) {
                    head.candidates.push(r.start..r.start + i);
                }
                body = true;
                continue;
            }
            if self.prose(line) {
                body = true;
                continue;
            }
            if let Some(m) = self.page_suffix.find(line) {
                r.end = r.start + m.start();
            }
            head.candidates.push(r);
        }
        head
    }

    /// The body a speaker line names (`河北省人民政府省长 王正谱`, `某某县县长 王某`), when it
    /// names a place.
    fn speaker_body(&self, c: &Captures) -> Option<String> {
        let body = c.get(1)?.as_str();
        let places = self.places.in_name(body);
        let whole = places.last().is_some_and(|p| p.range.end == body.len());
        (!places.is_empty() && (whole || self.places.body_ending(body).is_some())).then(|| body.to_string())
    }

    fn title(&self, norm: &str, head: &Head) -> Option<Range<usize>> {
        let first =
            head.candidates.iter().find(|c| !Self::kicker(&norm[(*c).clone()])).or(head.candidates.first());
        let squeeze = |r: &Range<usize>| norm[r.clone()].split_whitespace().collect::<String>();
        match (first, &head.labels.title) {
            // A title line that only names the kind of document (`政府工作报告`) gives way to
            // a label that says more.
            (Some(c), Some(l)) if squeeze(l).contains(&squeeze(c)) => Some(l.clone()),
            (Some(c), _) => Some(c.clone()),
            (None, l) => l.clone(),
        }
    }
}

/// Reads the header of a cleaned text.
pub fn read(cleaned: &Cleaned, rules: &HeaderRules) -> Header {
    let norm = cleaned.text.norm();
    let all = lines(cleaned);
    let head = rules.read_head(norm, &all);
    let title = rules.title(norm, &head);
    let title_text = title.clone().map_or("", |r| &norm[r]);
    let tail_from = all.len().saturating_sub(TAIL_LINES).max(HEAD_LINES.min(all.len()));
    let near: Vec<&Line> = all.iter().take(HEAD_LINES).chain(&all[tail_from..]).collect();
    let signature = rules.signature(norm, &near);
    // A date line among the last few lines (notes such as `（此件公开发布）` may follow it).
    let tail_date =
        all[all.len().saturating_sub(4)..].iter().rev().find_map(|l| rules.bare_date(&norm[l.range.clone()]));
    let self_ref =
        rules.self_ref.captures(norm).filter(|c| !cleaned.is_boilerplate(c.get(0).map_or(0, |m| m.start())));

    let (issuer, place) =
        issuer_and_place(cleaned, rules, &head, title_text, signature.as_ref(), self_ref.as_ref());
    let date = signature
        .as_ref()
        .map(|s| s.1.clone())
        .or_else(|| head.labels.date.clone())
        .or_else(|| head.delivery.clone())
        .or(tail_date)
        .or_else(|| head.labels.published.clone())
        .or_else(|| head.date.clone())
        .or_else(|| fallback_year(rules, norm, title_text));
    let opening = self_ref.as_ref().and_then(|c| c.get(0)).map(|m| m.end());
    let titles: Vec<&str> =
        [Some(title_text), head.labels.title.clone().map(|r| &norm[r])].into_iter().flatten().collect();
    let report = self_ref.is_some()
        || head.delivery.is_some()
        || titles.iter().any(|t| t.contains("工作报告"))
        || rules.heading_year.captures(norm).is_some_and(|c| rules.review.iter().any(|w| w == &c[2]));
    let period = match report {
        true => report_year(rules, norm, &all, &titles, date.as_deref(), opening)
            .map(|y| [y, y])
            .or_else(|| plan_period(rules, norm, title_text)),
        false => plan_period(rules, norm, title_text),
    };
    Header { title, issuer, place, date, period }
}

fn issuer_and_place(
    cleaned: &Cleaned,
    rules: &HeaderRules,
    head: &Head,
    title: &str,
    signature: Option<&(Vec<&str>, String)>,
    self_ref: Option<&Captures>,
) -> (Option<String>, Option<String>) {
    let places = &rules.places;
    let named = |name: &str| (Some(name.to_string()), places.jurisdiction(name));
    if let Some((bodies, _)) = signature {
        if bodies.len() > 1 {
            // Several bodies of one place sign together (party committee and government):
            // the issuer is the place.
            let place = places.jurisdiction(bodies[0]);
            if place.is_some() && bodies.iter().all(|b| places.jurisdiction(b) == place) {
                return (place.clone(), place);
            }
        }
        return named(bodies[0]);
    }
    let is_body = |s: &&str| {
        let found = places.in_name(s);
        places.body_ending(s).is_some() || found.last().is_some_and(|p| p.range.end == s.len())
    };
    let source = head.labels.source.as_deref().filter(is_body);
    if let Some(name) = head.labels.issuer.as_deref().or(source).or(head.red_header.as_deref()) {
        return named(name);
    }
    // A notice's title: the body before 关于 or 印发.
    for cue in ["关于", "印发"] {
        if let Some(i) = title.find(cue) {
            let body = title[..i].trim();
            if body.chars().count() >= 3 && places.body_ending(body).is_some() {
                return named(body);
            }
        }
    }
    if let Some(body) = &head.speaker {
        return named(body);
    }
    // The place a title names (a news page's town, `XX街道党工委`).
    if let Some(name) = places.in_title(title) {
        let place = places.jurisdiction(&name).or(Some(name.clone()));
        return (Some(name), place);
    }
    let norm = cleaned.text.norm();
    // The places of the whole text: one scan, shared by the three uses below.
    let all = std::cell::OnceCell::new();
    let found = || -> &[PlaceMatch] {
        all.get_or_init(|| {
            places
                .find_iter(norm)
                .into_iter()
                .filter(|m| !cleaned.is_boilerplate(m.range.start))
                .collect::<Vec<_>>()
        })
    };
    if let Some(c) = self_ref {
        let (x, organ) = (c.get(1).map_or("", |m| m.as_str()), c.get(2).map_or("", |m| m.as_str()));
        if organ == "国务院" {
            return (Some(organ.to_string()), Some("中国".to_string()));
        }
        let named_body = format!("{x}{organ}");
        if !places.in_name(&named_body).is_empty() {
            return named(&named_body);
        }
        let level = if x.is_empty() { places.level_of(organ) } else { places.level_of(x) };
        if let Some(level) = level {
            let place = Places::most_named(found(), &level, 2);
            return (place.clone(), place);
        }
    }
    // The level the text speaks of itself at (`全州`, `我州`), and its most named place.
    if let Some(level) = self_level(rules, norm).and_then(|w| places.level_of(w)) {
        if let Some(place) = Places::most_named(found(), &level, 2) {
            return (Some(place.clone()), Some(place));
        }
    }
    let place = places.of_text(title, found());
    (place.clone(), place)
}

/// The administrative word a text calls its own jurisdiction by (`全州`, `我州`, `我市`): the
/// most specific one it uses often (a county's report speaks of 全省 and 全国 too, but of
/// 全县 most among its own level and below). `全X` in a ranking (`居全省第一`) is left out.
fn self_level<'a>(rules: &'a HeaderRules, norm: &str) -> Option<&'a str> {
    let mut score: Vec<usize> = vec![0; rules.self_words.len()];
    for m in rules.self_words_ac.find_iter(norm) {
        let (word, _) = &rules.self_words[m.pattern().as_usize()];
        if word.starts_with('我') {
            score[m.pattern().as_usize()] += 3;
            continue;
        }
        let ranking = norm[m.end()..].starts_with(['第', '前', '首', '率', '领', '排', '唯'])
            || norm[..m.start()].ends_with(['居', '列']);
        if !ranking {
            score[m.pattern().as_usize()] += 1;
        }
    }
    // By suffix, in the order of `issuers.txt` (most specific first).
    let mut by_suffix: Vec<(&str, usize)> = Vec::new();
    for ((_, suffix), n) in rules.self_words.iter().zip(&score) {
        match by_suffix.iter_mut().find(|(s, _)| *s == suffix.as_str()) {
            Some(e) => e.1 += n,
            None => by_suffix.push((suffix.as_str(), *n)),
        }
    }
    let top = by_suffix.iter().map(|e| e.1).max()?;
    by_suffix.into_iter().find(|&(_, n)| n >= 3 && n * 4 >= top).map(|e| e.0)
}

/// A year the title or a meeting in the opening gives, when nothing dates the document.
fn fallback_year(rules: &HeaderRules, norm: &str, title: &str) -> Option<String> {
    if rules.period.find(title).is_none() {
        if let Some(c) = rules.year.captures(title) {
            return Some(c[1].to_string());
        }
    }
    let head = &norm[..crate::grammar::char_floor(norm, 600)];
    rules.meeting_year.captures(head).map(|c| c[1].to_string())
}

/// The period a plan names: in its title (`2023-2025年`, `十四五`) or in its opening.
fn plan_period(rules: &HeaderRules, norm: &str, title: &str) -> Option<[i32; 2]> {
    let parse = |c: Captures| -> Option<[i32; 2]> {
        let (a, b) = (c[1].parse().ok()?, c[2].parse().ok()?);
        (a <= b && b - a <= 15).then_some([a, b])
    };
    if let Some(p) = rules.period.captures(title).and_then(parse) {
        return Some(p);
    }
    if let Some(c) = rules.five_year.captures(title) {
        let n = "一二三四五六".chars().position(|x| c[1].starts_with(x))? as i32 + 1;
        return Some(time::five_year_plan(10 + n));
    }
    let head = &norm[..crate::grammar::char_floor(norm, 1500)];
    rules
        .period
        .captures_iter(head)
        .find(|c| {
            let m = c.get(0).expect("group 0");
            let (before, after) = (&head[..m.start()], &head[m.end()..]);
            after.starts_with(')')
                || before.ends_with('(')
                || before.ends_with("计划")
                || before.ends_with("规划")
        })
        .and_then(parse)
}

/// The year a work report plans for: its title's year, the year it was given, its plan
/// heading (`2024年工作安排`), or the year after its review heading (`2023年工作回顾`).
/// `opening`: where the report's self-reference (`我代表…`) ends; the year its body opens
/// with (`2023年，…`, `2023年是…`) is the year reviewed.
fn report_year(
    rules: &HeaderRules,
    norm: &str,
    lines: &[Line],
    titles: &[&str],
    date: Option<&str>,
    opening: Option<usize>,
) -> Option<i32> {
    let year_in = |s: &str| rules.year.captures(s).and_then(|c| c[1].parse::<i32>().ok());
    // A title that names the report and one year (`2025年河北省政府工作报告`).
    for t in titles {
        if t.contains("工作报告") && rules.period.find(t).is_none() {
            if let Some(y) = year_in(t) {
                return Some(y);
            }
        }
    }
    if let Some(y) = date.filter(|d| d.len() >= 7).and_then(|d| d[..4].parse().ok()) {
        return Some(y);
    }
    let mut review = None;
    for l in lines {
        let line = &norm[l.range.clone()];
        if line.len() > 120 || line.contains('。') {
            continue;
        }
        let Some(y) = year_in(line) else { continue };
        if rules.plan.iter().any(|w| line.contains(w.as_str())) {
            return Some(y);
        }
        if review.is_none() && rules.review.iter().any(|w| line.contains(w.as_str())) {
            review = Some(y + 1);
        }
    }
    review
        .or_else(|| {
            // Headings run into one long line.
            let c = rules.heading_year.captures(norm)?;
            let y: i32 = c[1].parse().ok()?;
            Some(if rules.review.iter().any(|w| w == &c[2]) { y + 1 } else { y })
        })
        .or_else(|| {
            let from = opening?;
            let body = &norm[from..crate::grammar::char_floor(norm, from + 600)];
            year_in(body).map(|y| y + 1)
        })
}

#[cfg(test)]
mod tests;

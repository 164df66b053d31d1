//! Stage 3: the header (title, issuer, place, date, period: [`header`]), the heading
//! hierarchy and the sentences.
//!
//! Headings are found by their markers (`一、` `(一)` `1.` `1、` `(1)` `①` `第一章`) at a line
//! start or after a sentence end, so headings that run inline in one long paragraph are
//! found too. A marker that is not at a line start is only accepted when it continues the
//! numbering of its kind (`(2)` after `(1)`), which keeps list numbers inside sentences out.
//! Short unnumbered lines followed by prose are headings as well.

pub mod header;
pub mod place;

use crate::clean::Cleaned;
use crate::error::Result;
use crate::grammar::marker::{marker_at, MarkerKind};
use crate::grammar::table::Tables;
use crate::grammar::{utf8_len, Grammar};
use crate::lexicon::Lexicons;
use header::{Header, HeaderRules};
use std::ops::Range;

/// A heading found in the text; byte offsets into `norm`.
#[derive(Debug, Clone)]
pub struct Heading {
    /// Kind of marker; `None` for an unnumbered heading line.
    pub kind: Option<MarkerKind>,
    pub level: u32,
    pub parent: Option<usize>,
    /// The marker as written (byte range).
    pub marker: Range<usize>,
    /// The heading title (byte range, marker excluded).
    pub title: Range<usize>,
    /// The whole section: from the marker to the next heading of the same or a higher level.
    pub body: Range<usize>,
}

/// A sentence: the unit extractors work on. Byte offsets into `norm`.
#[derive(Debug, Clone)]
pub struct Sentence {
    pub range: Range<usize>,
    /// Index into [`Structure::headings`] of the innermost section.
    pub section: Option<usize>,
    /// This sentence is a heading title.
    pub heading: Option<usize>,
    /// The sentence lies in web boilerplate and is not extracted from.
    pub boilerplate: bool,
}

/// Output of the structure stage.
#[derive(Debug, Default)]
pub struct Structure {
    /// Byte range of the title in `norm`.
    pub title: Option<Range<usize>>,
    pub issuer: Option<String>,
    /// The jurisdiction the document is about (`松江区`, `天门市`).
    pub place: Option<String>,
    pub date: Option<String>,
    pub period: Option<[i32; 2]>,
    pub headings: Vec<Heading>,
    pub sentences: Vec<Sentence>,
    /// The text tables, found once for every extractor.
    pub tables: Tables,
}

impl Structure {
    /// The year the document speaks from: its date's year, else the period's start.
    pub fn year(&self) -> Option<i32> {
        self.date.as_deref().and_then(|d| d.get(..4)).and_then(|y| y.parse().ok())
    }

    /// Index of the innermost heading whose body holds `byte`.
    pub fn section_at(&self, byte: usize) -> Option<usize> {
        // Headings are in text order, so the innermost section holding `byte` is normally
        // the last heading that starts at or before it: a binary search, not a scan (this
        // runs once per sentence and per target, so a scan made long documents quadratic).
        let last = self.headings.partition_point(|h| h.body.start <= byte);
        self.headings[..last].iter().rposition(|h| byte < h.body.end)
    }

    /// Index of the sentence holding `byte`.
    pub fn sentence_at(&self, byte: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.range.end <= byte);
        (i < self.sentences.len() && self.sentences[i].range.start <= byte).then_some(i)
    }
}

/// Compiled patterns of the structure stage.
#[derive(Debug)]
pub struct StructureRules {
    header: HeaderRules,
}

/// Longest sentence, in bytes, before it is cut (keeps every per-sentence step bounded).
pub const MAX_SENTENCE: usize = 3000;

impl StructureRules {
    /// Compiles the header words (`header_words.txt`, `issuers.txt`, `places.txt`).
    pub fn new(lex: &Lexicons) -> Result<StructureRules> {
        Ok(StructureRules { header: HeaderRules::new(lex)? })
    }
}

/// Runs the structure stage.
pub fn analyze(cleaned: &Cleaned, rules: &StructureRules, grammar: &Grammar) -> Structure {
    let norm = cleaned.text.norm();
    let Header { title, issuer, place, date, period } = header::read(cleaned, &rules.header);
    let headings = find_headings(cleaned, title.as_ref());
    let sentences = split_sentences(cleaned, &headings);
    let mut s = Structure {
        title,
        issuer,
        place,
        date,
        period,
        headings,
        sentences: Vec::new(),
        tables: Tables::find(norm, &grammar.tables),
    };
    let mut sentences = sentences;
    for sent in &mut sentences {
        sent.section = s.section_at(sent.range.start);
    }
    s.sentences = sentences;
    s
}

fn find_headings(cleaned: &Cleaned, title: Option<&Range<usize>>) -> Vec<Heading> {
    let norm = cleaned.text.norm();
    let bytes = norm.as_bytes();
    let mut out: Vec<Heading> = Vec::new();
    // stack of (kind, value, heading index)
    let mut stack: Vec<(MarkerKind, u32, usize)> = Vec::new();
    let mut seen_kind: Vec<MarkerKind> = Vec::new();
    let title_end = title.map(|t| t.end).unwrap_or(0);
    let mut line_start = true;
    // Right after a heading title that ended at the next marker (`2.提升集聚度(1)发展...`).
    let mut after_title = false;
    let boilerplate = &cleaned.boilerplate;
    let mut bp = 0;
    let mut i = 0;
    while i < norm.len() {
        let c = bytes[i];
        if c == b'\n' {
            line_start = true;
            i += 1;
            continue;
        }
        if c == b' ' || c == b'\t' || c == b'\r' {
            i += 1;
            continue;
        }
        let at_line_start = line_start;
        line_start = false;
        let follows_title = std::mem::take(&mut after_title);
        // `i` only grows, so a cursor over the sorted boilerplate ranges replaces a binary
        // search per character.
        while bp < boilerplate.len() && boilerplate[bp].end <= i {
            bp += 1;
        }
        let in_boilerplate = bp < boilerplate.len() && boilerplate[bp].start <= i;
        if i >= title_end && !in_boilerplate {
            // The character before `i`, read from its last bytes (decoding backwards at every
            // character was a tenth of this stage).
            let before = &bytes[..i];
            let boundary = at_line_start
                || follows_title
                || before
                    .last()
                    .is_some_and(|b| matches!(b, b' ' | b'\t' | b';' | b'!' | b'?' | b')' | b':'))
                || before.ends_with("。".as_bytes())
                || before.ends_with("】".as_bytes());
            if boundary {
                if let Some(m) = marker_at(norm, i) {
                    let (kind, value, marker) = (m.kind, m.value, m.range);
                    let depth = stack.iter().position(|(k, _, _)| *k == kind);
                    let ok = match depth {
                        Some(d) => value == stack[d].1 + 1 || (at_line_start && value > stack[d].1),
                        None => value == 1 || (at_line_start && !seen_kind.contains(&kind)),
                    };
                    if ok {
                        let level = match depth {
                            Some(d) => {
                                stack.truncate(d);
                                d
                            }
                            None => stack.len(),
                        };
                        let title = heading_title(norm, marker.end);
                        let parent = stack.last().map(|s| s.2);
                        stack.push((kind, value, out.len()));
                        if !seen_kind.contains(&kind) {
                            seen_kind.push(kind);
                        }
                        let next = title.end.max(marker.end);
                        out.push(Heading {
                            kind: Some(kind),
                            level: level as u32 + 1,
                            parent,
                            marker,
                            title,
                            body: i..norm.len(),
                        });
                        i = next;
                        after_title = true;
                        continue;
                    }
                }
                if at_line_start {
                    if let Some(h) = unnumbered_heading(cleaned, i) {
                        let parent = stack.last().map(|s| s.2);
                        let level = stack.len() as u32 + 1;
                        let end = h.end;
                        out.push(Heading {
                            kind: None,
                            level,
                            parent,
                            marker: i..i,
                            title: h,
                            body: i..norm.len(),
                        });
                        i = end;
                        continue;
                    }
                }
            }
        }
        i += utf8_len(c);
    }
    // Body ends where the next heading of the same or a higher level starts. One pass with
    // a stack of open headings (levels strictly rising), not a scan ahead per heading.
    let mut open: Vec<usize> = Vec::new();
    for j in 0..out.len() {
        while let Some(&k) = open.last() {
            if out[k].level < out[j].level {
                break;
            }
            out[k].body.end = out[j].body.start;
            open.pop();
        }
        open.push(j);
    }
    out
}

/// The title after a marker: up to a sentence end, a line end, white space after a few
/// characters, or the next marker; at most 60 characters.
fn heading_title(norm: &str, start: usize) -> Range<usize> {
    let mut end = start;
    for (n, (off, c)) in norm[start..].char_indices().enumerate() {
        let at = start + off;
        if n >= 60 || matches!(c, '。' | ';' | '!' | '?' | '\n' | '\r') {
            break;
        }
        if (c == ' ' || c == '\t') && n >= 2 {
            break;
        }
        if n >= 2 && matches!(c, '(' | '①'..='⑳' | '0'..='9') && marker_at(norm, at).is_some() {
            break;
        }
        end = at + c.len_utf8();
    }
    let t = norm[start..end].trim_end_matches([':', ',', ' ']);
    start..start + t.len()
}

/// A short line without sentence punctuation, followed by a prose line.
fn unnumbered_heading(cleaned: &Cleaned, start: usize) -> Option<Range<usize>> {
    let norm = cleaned.text.norm();
    let rest = &norm[start..];
    let line_len = rest.find('\n')?;
    let line = rest[..line_len].trim_end();
    let n = line.chars().count();
    if !(2..=30).contains(&n) || line.contains(['。', ';', ',', '、', ':']) || line.ends_with(['!', '?']) {
        return None;
    }
    if line.chars().all(|c| c.is_ascii() || c.is_ascii_punctuation()) {
        return None;
    }
    let mut pos = start + line_len + 1;
    for next in norm[pos..].split('\n') {
        let t = next.trim();
        if !t.is_empty() && !cleaned.is_boilerplate(pos) {
            let prose = t.chars().count() > 30 || t.contains('。');
            return prose.then(|| start..start + line.len());
        }
        pos += next.len() + 1;
    }
    None
}

fn split_sentences(cleaned: &Cleaned, headings: &[Heading]) -> Vec<Sentence> {
    let norm = cleaned.text.norm();
    // Cut points: every heading marker start and title end.
    let mut cuts: Vec<(usize, Option<usize>)> = Vec::new(); // (start of heading title, heading idx)
    for (k, h) in headings.iter().enumerate() {
        cuts.push((h.marker.start, None));
        cuts.push((h.title.start, Some(k)));
        cuts.push((h.title.end, None));
    }
    cuts.sort_by_key(|c| c.0);
    let mut cut_iter = cuts.into_iter().peekable();
    let mut out = Vec::new();
    let mut start = 0;
    let mut current_heading: Option<usize> = None;
    let push = |out: &mut Vec<Sentence>, s: usize, e: usize, heading: Option<usize>| {
        let seg = &norm[s..e];
        let lead = seg.len() - seg.trim_start().len();
        let trail = seg.trim_end().len();
        let (s2, e2) = (s + lead, s + trail);
        if s2 < e2 {
            out.push(Sentence {
                range: s2..e2,
                section: None,
                heading,
                boilerplate: cleaned.is_boilerplate(s2),
            });
        }
    };
    for (off, c) in norm.char_indices() {
        while let Some(&(at, h)) = cut_iter.peek() {
            if at > off {
                break;
            }
            if start < at {
                push(&mut out, start, at, current_heading);
                start = at;
            }
            current_heading = h;
            cut_iter.next();
        }
        let end = off + c.len_utf8();
        let is_end = matches!(c, '。' | '!' | '?' | ';' | '\n' | '…');
        if is_end || end - start >= MAX_SENTENCE {
            push(&mut out, start, end, current_heading);
            start = end;
            if c != '\n' && !is_end {
                continue;
            }
        }
    }
    if start < norm.len() {
        push(&mut out, start, norm.len(), current_heading);
    }
    // A heading sentence is only the title itself.
    for s in &mut out {
        if let Some(h) = s.heading {
            if s.range != headings[h].title {
                s.heading = None;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::{clean, CleanRules};

    fn run(text: &str) -> (Cleaned, Structure) {
        let lex = Lexicons::embedded().unwrap();
        let c = clean(text.to_string(), &CleanRules::new(&lex).unwrap());
        let s = analyze(&c, &StructureRules::new(&lex).unwrap(), &Grammar::new(&lex).unwrap());
        (c, s)
    }

    fn titles(c: &Cleaned, s: &Structure) -> Vec<(u32, String)> {
        s.headings.iter().map(|h| (h.level, c.text.norm()[h.title.clone()].to_string())).collect()
    }

    #[test]
    fn inline_headings_in_one_paragraph() {
        let text = "某镇三年行动计划(2024-2026年)\n为推进发展,现制定如下: 一、总体要求 (一)指导思想 坚持稳中求进。(二)发展目标 到2026年,建成示范镇。 二、重点任务 (一)坚持发展为要,建设经济高地 1.提升转型显示度 (1)打造联动核。推动更新。(责任单位:经发办)(2)打造贸易区。加快建设。2.提升集聚度(1)发展数字产业。推动集聚。";
        let (c, s) = run(text);
        let got = titles(&c, &s);
        assert_eq!(
            got,
            vec![
                (1, "总体要求".to_string()),
                (2, "指导思想".to_string()),
                (2, "发展目标".to_string()),
                (1, "重点任务".to_string()),
                (2, "坚持发展为要,建设经济高地".to_string()),
                (3, "提升转型显示度".to_string()),
                (4, "打造联动核".to_string()),
                (4, "打造贸易区".to_string()),
                (3, "提升集聚度".to_string()),
                (4, "发展数字产业".to_string()),
            ]
        );
        assert_eq!(s.period, Some([2024, 2026]));
        let h = &s.headings[6];
        assert_eq!(s.headings[h.parent.unwrap()].level, 3);
    }

    #[test]
    fn list_numbers_inside_sentences_are_not_headings() {
        let (c, s) =
            run("标题\n一、任务\n建设3.5公里道路,新建2个公园,完成(3)项改造。\n二、保障\n加强领导。\n");
        assert_eq!(titles(&c, &s), vec![(1, "任务".into()), (1, "保障".into())]);
    }

    #[test]
    fn unnumbered_headings() {
        let (c, s) = run("报道标题\n\n强党建 抓治理\n近年来,社区积极完善社区体制,优化治理结构,提升服务效能,探索形成治理模式。\n新机遇 新引擎\n重大项目是拉动区域经济发展的重要引擎,抓项目就是抓发展,谋项目就是谋未来。\n");
        assert_eq!(titles(&c, &s), vec![(1, "强党建 抓治理".into()), (1, "新机遇 新引擎".into())]);
    }

    #[test]
    fn section_at_matches_a_linear_scan() {
        let mut text = String::from("某区三年行动计划\n");
        for a in ["一", "二", "三"] {
            text.push_str(&format!("{a}、总体安排\n"));
            for b in ["一", "二"] {
                text.push_str(&format!("({b})分项任务\n推进建设。完成改造。\n1.细项\n新建道路。\n"));
            }
        }
        let (c, s) = run(&text);
        assert!(s.headings.len() >= 12);
        for byte in (0..c.text.norm().len()).filter(|&b| c.text.norm().is_char_boundary(b)) {
            let slow = s.headings.iter().rposition(|h| h.body.start <= byte && byte < h.body.end);
            assert_eq!(s.section_at(byte), slow, "at byte {byte}");
        }
    }

    #[test]
    fn markers_are_found_near_the_end_of_the_text() {
        // The search window must not cut `1.` off from the end of the text.
        let (c, s) = run("标题\n一、甲\n(一)乙");
        assert_eq!(titles(&c, &s), vec![(1, "甲".to_string()), (2, "乙".to_string())]);
    }

    #[test]
    fn sentences_split_and_bounded() {
        let long = "甲".repeat(5000);
        let (_, s) = run(&format!("标题\n第一句。第二句;第三句\n{long}"));
        assert!(s.sentences.iter().all(|x| x.range.len() <= MAX_SENTENCE + 4));
        assert!(s.sentences.len() >= 5);
    }
}

//! Time in policy text: years (one valid range for every reader), plan horizons (`到2025年`),
//! comparison bases (`较去年`, `比2020年`), deadlines (`2024年6月底前`), and the time words of
//! `dictionaries/time_words.txt` that place a sentence in the document's year or the one
//! before.

use crate::error::Result;
use crate::lexicon::{file_error, longest_first, ColumnKind, Lexicons, TableHeader, TimeClass};
use aho_corasick::AhoCorasick;
use std::ops::RangeInclusive;

/// The years a four-digit number may be read as: from the People's Republic to the end of
/// the century, so `3000年` and phone fragments are not years.
pub const YEARS: RangeInclusive<i32> = 1949..=2100;

/// Time words and comparison bases, compiled once.
#[derive(Debug)]
pub struct TimeGrammar {
    /// `较`, `比`, `相比`, ...: longest first.
    base_markers: Vec<String>,
    /// `去年`, `上年同期`, ...
    base_periods: Vec<String>,
    /// `到`, `至`, `截至`: before a year, they make it a horizon.
    horizons: Vec<String>,
    /// Current and last-year words in one automaton, with their class.
    sentence_words: AhoCorasick,
    sentence_classes: Vec<TimeClass>,
    /// `完成时限`, `时间节点`, ...: labels of a deadline in running text, longest first.
    deadline_labels: Vec<String>,
    /// `年均`, `年平均`: an annual average.
    annual: Vec<String>,
}

/// What a change is measured from, as the text before it says: `比2020年` (a year), `较去年`
/// and `同比` (a period before the target's year), `年均` (an annual average).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BaseRef {
    pub year: Option<i32>,
    /// Years before the target's year: 1 for `去年`, `上年`, `同比`; 2 for `前年`.
    pub back: Option<i32>,
    pub annual: bool,
}

impl BaseRef {
    pub fn is_empty(&self) -> bool {
        *self == BaseRef::default()
    }
}

/// Which of the document's years a sentence's time words point to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SentenceTime {
    /// `全年`, `今年`, `截至`: the document's own year.
    pub current: bool,
    /// `去年`, `过去一年` (not as a comparison base): the year before.
    pub last_year: bool,
}

impl TimeGrammar {
    /// Builds the grammar from `time_words.txt` and the deadline labels of `table_headers.txt`.
    pub fn new(lex: &Lexicons) -> Result<TimeGrammar> {
        let of = |class: TimeClass| -> Vec<String> {
            lex.time_words.iter().filter(|w| w.class == class).map(|w| w.word.clone()).collect()
        };
        let mut base_markers = of(TimeClass::BaseMarker);
        longest_first(&mut base_markers, String::as_str);
        let mut sentence = Vec::new();
        let mut sentence_classes = Vec::new();
        for class in [TimeClass::Current, TimeClass::LastYear] {
            for w in of(class) {
                sentence.push(w);
                sentence_classes.push(class);
            }
        }
        let sentence_words = AhoCorasick::new(&sentence).map_err(|e| file_error("time_words.txt", e))?;
        let mut deadline_labels: Vec<String> = lex
            .table_headers
            .iter()
            .filter(|h: &&TableHeader| h.column == ColumnKind::Deadline)
            .map(|h| h.word.clone())
            .collect();
        longest_first(&mut deadline_labels, String::as_str);
        Ok(TimeGrammar {
            base_markers,
            base_periods: of(TimeClass::BasePeriod),
            horizons: of(TimeClass::Horizon),
            sentence_words,
            sentence_classes,
            deadline_labels,
            annual: of(TimeClass::Annual),
        })
    }

    /// The comparison base stated in `text` (the words before a change), nearest the end.
    pub fn base_in(&self, text: &str) -> BaseRef {
        let mut out =
            BaseRef { annual: self.annual.iter().any(|w| text.contains(w.as_str())), ..BaseRef::default() };
        let mut at = None;
        for m in &self.base_markers {
            for (i, _) in text.match_indices(m.as_str()) {
                let rest = &text[i + m.len()..];
                let year = rest
                    .get(..4)
                    .filter(|d| d.bytes().all(|b| b.is_ascii_digit()) && rest[4..].starts_with('年'))
                    .and_then(|d| d.parse::<i32>().ok())
                    .filter(|y| YEARS.contains(y));
                let period =
                    self.base_periods.iter().filter(|p| rest.starts_with(p.as_str())).max_by_key(|p| p.len());
                let (y, back) = match (year, period) {
                    (Some(y), _) => (Some(y), None),
                    (None, Some(p)) => (None, Some(if p.starts_with("前年") { 2 } else { 1 })),
                    (None, None) if m == "同比" => (None, Some(1)),
                    _ => continue,
                };
                if at.is_none_or(|a| i >= a) {
                    at = Some(i);
                    out.year = y;
                    out.back = back;
                }
            }
        }
        out
    }

    /// Whether `before` ends with a comparison-base marker (`较`, `比`, `与`).
    pub fn ends_with_base_marker(&self, before: &str) -> bool {
        self.base_markers.iter().any(|w| before.ends_with(w.as_str()))
    }

    /// Whether `word` is a comparison-base marker.
    pub fn is_base_marker(&self, word: &str) -> bool {
        self.base_markers.iter().any(|w| w == word)
    }

    /// Whether `word` is a base period (`去年`, `上年同期`).
    pub fn is_base_period(&self, word: &str) -> bool {
        self.base_periods.iter().any(|w| w == word)
    }

    /// Every year in `text` that the text ties a quantity to, with its byte offset: `2025年`,
    /// and the end of a span (`2023-2025年` gives 2025). Comparison bases (`较2020年`) are
    /// left out: the number is not for that year.
    pub fn years_in(&self, text: &str) -> Vec<(usize, i32)> {
        let b = text.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i + 4 <= b.len() {
            if b[i] != b'1' && b[i] != b'2' {
                i += 1;
                continue;
            }
            let four = &b[i..i + 4];
            let prev_digit = i > 0 && b[i - 1].is_ascii_digit();
            if prev_digit || !four.iter().all(u8::is_ascii_digit) {
                i += 1;
                continue;
            }
            let rest = &text[i + 4..];
            let spans = rest.starts_with('-') || rest.starts_with('—') || rest.starts_with('~');
            if rest.starts_with('年') || spans {
                if let Some(y) = text[i..i + 4].parse::<i32>().ok().filter(|y| YEARS.contains(y)) {
                    if self.ends_with_base_marker(&text[..i]) {
                    } else if rest.starts_with('年') {
                        out.push((i, y));
                    } else if let Some(&(_, y2)) =
                        self.years_in(rest.get(..16.min(rest.len())).unwrap_or("")).first()
                    {
                        if y2 >= y && y2 - y <= 10 {
                            out.push((i, y2));
                        }
                    }
                }
            }
            i += 4;
        }
        out
    }

    /// The last year in `text` written as a horizon (`到2027年`, `力争到2025年`).
    pub fn horizon_in(&self, text: &str) -> Option<i32> {
        self.years_in(text)
            .into_iter()
            .rev()
            .find(|&(i, _)| self.horizons.iter().any(|w| text[..i].ends_with(w.as_str())))
            .map(|(_, y)| y)
    }

    /// The time words of a sentence. `去年` right after a base marker or before `同期` is a
    /// comparison base, not the year the sentence is about.
    pub fn sentence_time(&self, text: &str) -> SentenceTime {
        let mut t = SentenceTime::default();
        for m in self.sentence_words.find_overlapping_iter(text) {
            match self.sentence_classes[m.pattern().as_usize()] {
                TimeClass::Current => t.current = true,
                _ => {
                    let base =
                        self.ends_with_base_marker(&text[..m.start()]) || text[m.end()..].starts_with("同期");
                    t.last_year |= !base;
                }
            }
        }
        t
    }

    /// A deadline given by a label in `text`: `完成时限:2023年12月底` gives `2023-12`.
    pub fn deadline_in(&self, text: &str) -> Option<String> {
        for label in &self.deadline_labels {
            if let Some(i) = text.find(label.as_str()) {
                let rest = text[i + label.len()..].trim_start();
                if let Some(v) = rest.strip_prefix(':') {
                    let v: String = v.chars().take(16).collect();
                    if let Some(d) = parse_deadline(&v) {
                        return Some(d);
                    }
                }
            }
        }
        None
    }
}

/// The year of a line that holds only a full date, as a signature's date line does
/// (`2019年5月5日`, `2024年1月29日`): the document's date when no label gives one.
pub fn date_line_year(line: &str) -> Option<i32> {
    let l = line.trim();
    let y: i32 = l.get(..4).filter(|d| d.bytes().all(|b| b.is_ascii_digit()))?.parse().ok()?;
    let rest = l[4..].strip_prefix('年')?.strip_suffix('日')?;
    let (m, d) = rest.split_once('月')?;
    let small = |s: &str, max: u32| s.parse::<u32>().ok().is_some_and(|v| (1..=max).contains(&v));
    (YEARS.contains(&y) && small(m, 12) && small(d, 31)).then_some(y)
}

/// A year written in a table cell on its own: `2025年`, `2025`, `2025年目标`.
pub fn year_of_cell(cell: &str) -> Option<i32> {
    let c = cell.trim();
    let digits = c.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &c[digits..];
    let y: i32 = c[..digits].parse().ok().filter(|_| digits == 4)?;
    (YEARS.contains(&y) && (rest.is_empty() || rest.starts_with('年'))).then_some(y)
}

/// `三年`, `5年`: a span of years written before a number (`三年增长50%`).
pub fn is_duration(word: &str) -> bool {
    word.strip_suffix('年').is_some_and(|n| {
        !n.is_empty()
            && n.chars().count() <= 2
            && n.chars().all(|c| c.is_ascii_digit() || "一二两三四五六七八九十".contains(c))
    })
}

/// The years of the `n`-th five-year plan: the 11th ran 2006–2010, so 十四五 is 2021–2025.
pub fn five_year_plan(n: i32) -> [i32; 2] {
    let start = 2006 + (n - 11) * 5;
    [start, start + 4]
}

/// `2023年12月底` → `2023-12`; `2024年6月30日前` → `2024-06`; `2025年底` → `2025-12`;
/// `2025年` → `2025`; `2023.12` → `2023-12`; a text without a year (`长期坚持`) → `None`.
pub fn parse_deadline(s: &str) -> Option<String> {
    let s = s.trim();
    let chars: Vec<char> = s.chars().collect();
    let pos = chars.windows(4).position(|w| w.iter().all(|c| c.is_ascii_digit()))?;
    let year: String = chars[pos..pos + 4].iter().collect();
    let y: i32 = year.parse().ok()?;
    if !YEARS.contains(&y) {
        return None;
    }
    let rest: String = chars[pos + 4..].iter().collect();
    let after = rest.trim_start_matches(['年', '.', '-', '/']);
    let month: String = after.chars().take_while(|c| c.is_ascii_digit()).take(2).collect();
    if let Ok(m) = month.parse::<u32>() {
        if (1..=12).contains(&m) {
            return Some(format!("{y}-{m:02}"));
        }
    }
    if rest.starts_with("年底") || rest.starts_with("年末") || rest.starts_with("年年底") {
        return Some(format!("{y}-12"));
    }
    if rest.starts_with("年上半年") || rest.starts_with("年6月") {
        return Some(format!("{y}-06"));
    }
    Some(year)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grammar() -> TimeGrammar {
        TimeGrammar::new(&Lexicons::embedded().unwrap()).unwrap()
    }

    #[test]
    fn years_spans_and_bases() {
        let g = grammar();
        assert_eq!(g.years_in("到2025年,全镇"), vec![(3, 2025)]);
        assert_eq!(g.years_in("(2023-2025年)").last().map(|y| y.1), Some(2025));
        assert!(g.years_in("电话12345678").is_empty());
        assert!(g.years_in("3000年").is_empty());
        assert!(g.years_in("较2020年提高3个百分点").is_empty());
        assert!(g.ends_with_base_marker("比") && !g.ends_with_base_marker("到"));
    }

    #[test]
    fn horizons_and_sentence_time() {
        let g = grammar();
        assert_eq!(g.horizon_in("到2027年,全市"), Some(2027));
        assert_eq!(g.horizon_in("2024年,全市"), None);
        assert_eq!(g.sentence_time("全年完成投资"), SentenceTime { current: true, last_year: false });
        assert!(g.sentence_time("过去一年,我们").last_year);
        assert!(!g.sentence_time("比去年增长5%").last_year);
        assert!(!g.sentence_time("较去年同期提高").last_year);
    }

    #[test]
    fn comparison_bases() {
        let g = grammar();
        assert_eq!(g.base_in("比2020年").year, Some(2020));
        assert_eq!(g.base_in("较去年同期").back, Some(1));
        assert_eq!(g.base_in("同比").back, Some(1));
        assert_eq!(g.base_in("比前年").back, Some(2));
        assert!(g.base_in("十四五期间年均").annual);
        assert!(g.base_in("占比达到").is_empty());
    }

    #[test]
    fn deadlines() {
        assert_eq!(parse_deadline("2023年12月底").as_deref(), Some("2023-12"));
        assert_eq!(parse_deadline("2024年6月30日前").as_deref(), Some("2024-06"));
        assert_eq!(parse_deadline("2025年底前").as_deref(), Some("2025-12"));
        assert_eq!(parse_deadline("2026年").as_deref(), Some("2026"));
        assert_eq!(parse_deadline("2023.9").as_deref(), Some("2023-09"));
        assert_eq!(parse_deadline("长期坚持"), None);
        assert_eq!(grammar().deadline_in("牵头单位:A;完成时限:2024年12月底").as_deref(), Some("2024-12"));
    }

    #[test]
    fn date_lines() {
        assert_eq!(date_line_year(" 2019年5月5日 "), Some(2019));
        assert_eq!(date_line_year("2019年3月"), None);
        assert_eq!(date_line_year("2019年5月5日在大会上"), None);
    }

    #[test]
    fn cells_durations_and_plans() {
        assert_eq!(year_of_cell(" 2025年 "), Some(2025));
        assert_eq!(year_of_cell("2025年目标"), Some(2025));
        assert_eq!(year_of_cell("12345"), None);
        assert!(is_duration("三年") && is_duration("5年") && !is_duration("2025年"));
        assert_eq!(five_year_plan(14), [2021, 2025]);
    }
}

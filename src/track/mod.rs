//! Promise tracking over a series of documents: the targets a report sets for year N
//! against the results a later report gives for year N, as the literature on growth targets
//! codes them by hand (target, realised value, gap, achievement).
//!
//! - [`ledger`]: one row per promise with its result, gap and [`Verdict`];
//! - [`panel`]: one row per place × year × canonical indicator × measure × status, a long
//!   table for pandas, R or Stata;
//! - [`chart`]: promised against achieved by year, what the report draws;
//! - [`verdict`]: the comparison rule (direction, units, ranges).
//!
//! Documents are grouped by place ([`place_of`]), targets by canonical indicator and
//! measure. A document is keyed by the years its text states, not by its file name: the
//! year most of its targets are for (its plan year) and the year most of its results are
//! for (the year it reviews). The same value stated in two documents (a report collected
//! twice, a report quoting an earlier one) is one value, and a result comes first from the
//! document that reviews its year.

pub mod chart;
pub mod ledger;
pub mod panel;
pub mod verdict;

pub use ledger::{Ledger, Promise};
pub use panel::PanelRow;
pub use verdict::{Direction, Verdict};

use crate::canonical::Canonicalizer;
use crate::compare::Loaded;
use crate::document::{Document, Measure, Record, Status, Target};
use crate::error::Result;
use crate::lexicon::Lexicons;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use verdict::{Directions, Value};

/// The jurisdiction a document is about: its `place` (松江区), else its issuer, so two
/// bodies of one place (its government, its development office) share a series.
pub fn place_of(doc: &Document) -> Option<&str> {
    fn named(s: &Option<String>) -> Option<&str> {
        s.as_deref().map(str::trim).filter(|s| !s.is_empty())
    }
    named(&doc.place).or_else(|| named(&doc.issuer))
}

/// A CSV column: its header and its value for one row.
type CsvColumn<T> = (&'static str, fn(&T) -> String);

/// Rows as CSV (UTF-8 with BOM, CRLF) under the given columns: one header, one record a row.
fn columns_csv<T>(columns: &[CsvColumn<T>], rows: &[T]) -> Result<Vec<u8>> {
    use crate::error::Error;
    let mut buf = crate::output::csv::BOM.to_vec();
    {
        let mut w = ::csv::WriterBuilder::new().terminator(::csv::Terminator::CRLF).from_writer(&mut buf);
        w.write_record(columns.iter().map(|(name, _)| *name)).map_err(Error::table)?;
        for r in rows {
            w.write_record(columns.iter().map(|(_, value)| value(r))).map_err(Error::table)?;
        }
        w.flush().map_err(|e| Error::table(e.into()))?;
    }
    Ok(buf)
}

/// How the ledger is built.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// One place for every input (a folder holding one place's series), instead of
    /// [`place_of`] each document.
    pub place: Option<String>,
}

/// The compiled pieces the ledger needs, built once.
#[derive(Debug)]
pub struct Tracker {
    canon: Canonicalizer,
    directions: Directions,
}

/// One input document as the ledger sees it.
#[derive(Debug, Clone, Serialize)]
pub struct DocInfo {
    /// The document's `source`.
    pub source: String,
    /// The place its series is grouped under.
    pub place: Option<String>,
    /// The document's date.
    pub date: Option<String>,
    /// The year most of its targets are for (ties: the earliest).
    pub plan: Option<i32>,
    /// The year most of its results are for, before `plan` when that is known (ties: the
    /// latest).
    pub reviewed: Option<i32>,
    /// Targets and results it contributes (canonical indicator and year known).
    pub promises: usize,
    /// Results (achieved values) it contributes, on the same terms.
    pub results: usize,
    /// Results dated in or after its plan year and targets dated in or before its review
    /// year: a report written at the start of a year has seen neither, so they are
    /// extraction slips (or restated old targets) and left out.
    pub ignored: usize,
    /// The source of an earlier input with the same place, years and values: this one is
    /// left out.
    pub duplicate_of: Option<String>,
}

/// A target the ledger uses: canonical indicator and year known.
#[derive(Debug, Clone)]
pub(crate) struct Item<'a> {
    /// Index into the documents.
    pub doc: usize,
    pub t: &'a Target,
    pub value: Value,
}

/// What makes two inputs the same document: place, plan and review year, and its values.
type Identity = (Option<String>, Option<i32>, Option<i32>, Vec<String>);

/// Group key: place, canonical order, measure, year.
pub(crate) type Key = (Option<String>, usize, u8, i32);

/// The items of one key, by status.
#[derive(Debug, Default)]
pub(crate) struct Group<'a> {
    pub target: Vec<Item<'a>>,
    pub achieved: Vec<Item<'a>>,
    pub fact: Vec<Item<'a>>,
}

impl<'a> Group<'a> {
    pub fn of(&self, s: Status) -> &[Item<'a>] {
        match s {
            Status::Target => &self.target,
            Status::Achieved => &self.achieved,
            Status::Fact => &self.fact,
        }
    }
}

/// Equal values grouped, in first-stated order: each cluster holds the items that state one
/// value (and, for promises, point the same way).
pub(crate) fn clusters<'a, 'b>(items: &'b [Item<'a>], by_direction: bool) -> Vec<Vec<&'b Item<'a>>> {
    let mut out: Vec<Vec<&Item>> = Vec::new();
    for it in items {
        let same = |c: &Vec<&Item>| {
            c[0].value.same(&it.value) && (!by_direction || c[0].value.direction == it.value.direction)
        };
        match out.iter_mut().find(|c| same(c)) {
            Some(c) => c.push(it),
            None => out.push(vec![it]),
        }
    }
    out
}

/// The loaded documents, their keys, and their items grouped.
pub(crate) struct Series<'a> {
    pub docs: Vec<DocInfo>,
    pub groups: BTreeMap<Key, Group<'a>>,
    pub failed: Vec<(String, String)>,
}

fn measure_rank(m: Measure) -> u8 {
    match m {
        Measure::Level => 0,
        Measure::Growth => 1,
        Measure::Share => 2,
    }
}

/// The most common year among `years` (ties: the earliest, or the latest when `latest`).
fn mode(years: impl Iterator<Item = i32>, latest: bool) -> Option<i32> {
    let mut count: BTreeMap<i32, usize> = BTreeMap::new();
    for y in years {
        *count.entry(y).or_default() += 1;
    }
    let best = count.values().copied().max()?;
    let mut tied = count.into_iter().filter(|&(_, n)| n == best).map(|(y, _)| y);
    if latest {
        tied.next_back()
    } else {
        tied.next()
    }
}

/// (plan, reviewed) years of a document, from the years of its targets and results.
pub fn doc_years(d: &Document) -> (Option<i32>, Option<i32>) {
    let years = |s: Status| d.targets.iter().filter(move |t| t.status == s).filter_map(|t| t.year);
    let plan = mode(years(Status::Target), false);
    let reviewed = mode(years(Status::Achieved).filter(|y| plan.is_none_or(|p| *y < p)), true);
    (plan, reviewed)
}

/// Whether a document planning `plan` and reviewing `reviewed` can state this: results only
/// for years before its plan year, promises only for years after its review year.
fn possible(status: Status, year: i32, plan: Option<i32>, reviewed: Option<i32>) -> bool {
    match status {
        Status::Achieved => plan.is_none_or(|p| year < p),
        Status::Target => reviewed.is_none_or(|r| year > r),
        Status::Fact => true,
    }
}

impl Tracker {
    /// Compiles the canonical indicators and the decline, cap and average words.
    pub fn new(lex: &Lexicons) -> Result<Tracker> {
        Ok(Tracker { canon: Canonicalizer::new(lex)?, directions: Directions::new(lex) })
    }

    /// The canonical indicators (names, categories, order).
    pub fn canonical(&self) -> &Canonicalizer {
        &self.canon
    }

    /// Keys the documents and groups their dated, canonical targets.
    pub(crate) fn series<'a>(&self, loaded: &'a [Loaded], opts: &Options) -> Series<'a> {
        let order: HashMap<&str, usize> =
            self.canon.indicators().iter().enumerate().map(|(i, ind)| (ind.id.as_str(), i)).collect();
        let mut docs: Vec<DocInfo> = Vec::new();
        let mut failed = Vec::new();
        let mut groups: BTreeMap<Key, Group> = BTreeMap::new();
        // (place, plan, reviewed, values) → first document with them.
        let mut seen: HashMap<Identity, usize> = HashMap::new();
        for l in loaded {
            let d = match &l.record {
                Record::Document(d) => d.as_ref(),
                Record::Error(e) => {
                    failed.push((e.source.clone(), e.error.clone()));
                    continue;
                }
            };
            let place = opts.place.clone().or_else(|| place_of(d).map(str::to_string));
            let (plan, reviewed) = doc_years(d);
            let usable: Vec<(&Target, usize)> = d
                .targets
                .iter()
                .filter(|t| t.year.is_some() && t.value.is_finite())
                .filter_map(|t| order.get(t.canonical.as_deref()?).map(|&o| (t, o)))
                .collect();
            let mut fingerprint: Vec<String> = usable
                .iter()
                .map(|(t, _)| {
                    format!("{:?}{:?}{:?}{:?}{}{}", t.canonical, t.measure, t.status, t.year, t.value, t.unit)
                })
                .collect();
            fingerprint.sort();
            let index = docs.len();
            let duplicate_of = match seen.entry((place.clone(), plan, reviewed, fingerprint)) {
                std::collections::hash_map::Entry::Occupied(e) => Some(docs[*e.get()].source.clone()),
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(index);
                    None
                }
            };
            let mut info = DocInfo {
                source: d.source.clone(),
                place: place.clone(),
                date: d.date.clone(),
                plan,
                reviewed,
                promises: 0,
                results: 0,
                ignored: 0,
                duplicate_of,
            };
            if info.duplicate_of.is_none() {
                for (t, o) in usable {
                    let Some(year) = t.year else { continue };
                    if !possible(t.status, year, plan, reviewed) {
                        info.ignored += 1;
                        continue;
                    }
                    let value = Value::of(t, self.directions.read(t));
                    let g = groups.entry((place.clone(), o, measure_rank(t.measure), year)).or_default();
                    let item = Item { doc: index, t, value };
                    match t.status {
                        Status::Target => {
                            info.promises += 1;
                            g.target.push(item)
                        }
                        Status::Achieved => {
                            info.results += 1;
                            g.achieved.push(item)
                        }
                        Status::Fact => g.fact.push(item),
                    }
                }
            }
            docs.push(info);
        }
        Series { docs, groups, failed }
    }

    /// The promise ledger of the loaded inputs.
    pub fn ledger(&self, loaded: &[Loaded], opts: &Options) -> Ledger {
        ledger::build(self, &self.series(loaded, opts))
    }

    /// The long panel of the loaded inputs.
    pub fn panel(&self, loaded: &[Loaded], opts: &Options) -> Vec<PanelRow> {
        panel::build(self, &self.series(loaded, opts))
    }
}

/// Where a value was stated: enough to find and check it in one click.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Source {
    /// The document's `source`.
    pub document: String,
    /// The target's id in that document (`T12`).
    pub target: String,
    /// The target's span in that document's decoded text.
    pub span: [usize; 2],
    /// The target's page, for paged input.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<usize>,
    /// The clause.
    pub quote: String,
    /// The indicator as written there.
    pub indicator: Option<String>,
    /// How many documents state the same value.
    pub documents: usize,
}

impl Source {
    pub(crate) fn of(series: &Series, cluster: &[&Item]) -> Source {
        let first = cluster[0];
        let mut docs: Vec<usize> = cluster.iter().map(|i| i.doc).collect();
        docs.sort_unstable();
        docs.dedup();
        Source {
            document: series.docs[first.doc].source.clone(),
            target: first.t.id.clone(),
            span: first.t.span,
            page: first.t.page,
            quote: first.t.text.clone(),
            indicator: first.t.indicator.clone(),
            documents: docs.len(),
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::document::{Comparator, Normalized};
    use crate::pipeline::test_doc;

    /// A target written by hand: `text` is the clause, `value` its number as written (a
    /// leading 亿/万 of the unit is normalised away). Status target, year 2024.
    pub fn target(text: &str, value: f64, unit: &str, measure: Measure, cmp: Comparator) -> Target {
        let factor = match unit.chars().next() {
            Some('亿') => 1e8,
            Some('万') => 1e4,
            _ => 1.0,
        };
        let base = if factor > 1.0 { unit.chars().skip(1).collect() } else { unit.to_string() };
        Target {
            id: String::new(),
            span: [0, 1],
            text: text.into(),
            indicator: None,
            value,
            value_max: None,
            unit: unit.into(),
            normalized: Some(Normalized { value: value * factor, value_max: None, unit: base }),
            comparator: cmp,
            measure,
            status: Status::Target,
            year: Some(2024),
            hedge: None,
            binding: None,
            base: None,
            section: None,
            task: None,
            canonical: None,
            category: None,
            page: None,
        }
    }

    /// A dated target of a canonical indicator, with `=`.
    pub fn stated(
        status: Status,
        year: i32,
        canonical: &str,
        measure: Measure,
        value: f64,
        unit: &str,
        text: &str,
    ) -> Target {
        let mut t = target(text, value, unit, measure, Comparator::Eq);
        t.status = status;
        t.year = Some(year);
        t.canonical = Some(canonical.to_string());
        // The indicator as written: the text before the verb or the number.
        let head: String = text.chars().take_while(|c| !c.is_ascii_digit()).collect();
        let verbs = ["达到", "完成", "增长", "下降", "控制在", "为"];
        let cut = verbs.iter().filter_map(|v| head.find(v)).min().unwrap_or(head.len());
        t.indicator = Some(head[..cut].to_string());
        t
    }

    /// A document of the given place holding these targets (ids T1, T2, ...).
    pub fn made(source: &str, place: &str, targets: Vec<Target>) -> Loaded {
        let mut d = test_doc("无。\n");
        d.source = source.to_string();
        d.issuer = Some(place.to_string());
        d.targets = targets;
        for (i, t) in d.targets.iter_mut().enumerate() {
            t.id = format!("T{}", i + 1);
        }
        Loaded { record: Record::Document(Box::new(d)), text: None }
    }

    /// A work report for `year`: GDP growth `result` in `year − 1` and `promise` for `year`.
    pub fn report(source: &str, place: &str, year: i32, result: Option<f64>, promise: Option<f64>) -> Loaded {
        let mut v = Vec::new();
        if let Some(r) = result {
            v.push(stated(
                Status::Achieved,
                year - 1,
                "gdp",
                Measure::Growth,
                r,
                "%",
                &format!("地区生产总值增长{r}%"),
            ));
            v.push(stated(
                Status::Achieved,
                year - 1,
                "general_budget_revenue",
                Measure::Level,
                8.0,
                "亿元",
                "一般公共预算收入完成8亿元",
            ));
        }
        if let Some(p) = promise {
            v.push(stated(
                Status::Target,
                year,
                "gdp",
                Measure::Growth,
                p,
                "%",
                &format!("地区生产总值增长{p}%"),
            ));
            v.push(stated(
                Status::Target,
                year,
                "fixed_asset_investment",
                Measure::Growth,
                8.0,
                "%",
                "固定资产投资增长8%",
            ));
        }
        made(source, place, v)
    }

    pub fn tracker() -> Tracker {
        Tracker::new(&Lexicons::embedded().unwrap()).unwrap()
    }

    #[test]
    fn years_come_from_the_text_not_the_file_name() {
        let l = report("2019.txt", "甲县", 2024, Some(6.0), Some(6.5));
        let Record::Document(d) = &l.record else { unreachable!() };
        assert_eq!(doc_years(d), (Some(2024), Some(2023)));
        // A results-only text (a budget execution report) reviews a year and plans none.
        let l = report("2019.txt", "甲县", 2024, Some(6.0), None);
        let Record::Document(d) = &l.record else { unreachable!() };
        assert_eq!(doc_years(d), (None, Some(2023)));
    }

    #[test]
    fn a_report_states_no_result_for_the_year_it_plans() {
        let mut l = report("a.txt", "甲县", 2024, Some(6.0), Some(6.5));
        if let Record::Document(d) = &mut l.record {
            // The year slipped to the report's own year; and last year's result as a target.
            d.targets.push(stated(
                Status::Achieved,
                2024,
                "gdp",
                Measure::Level,
                120.0,
                "亿元",
                "全年地区生产总值完成120亿元",
            ));
            d.targets.push(stated(
                Status::Target,
                2023,
                "gdp",
                Measure::Level,
                118.0,
                "亿元",
                "地区生产总值达到118亿元",
            ));
        }
        let s = tracker().series(std::slice::from_ref(&l), &Options::default());
        assert_eq!((s.docs[0].plan, s.docs[0].reviewed, s.docs[0].ignored), (Some(2024), Some(2023), 2));
        assert!(s.groups.values().all(|g| g
            .target
            .iter()
            .chain(&g.achieved)
            .all(|i| i.t.unit == "%" || i.t.value == 8.0)));
    }

    #[test]
    fn a_document_given_twice_counts_once() {
        let loaded = [
            report("a/2024.txt", "甲县", 2024, Some(6.0), Some(6.5)),
            report("b/copy.txt", "甲县", 2024, Some(6.0), Some(6.5)),
        ];
        let s = tracker().series(&loaded, &Options::default());
        assert_eq!(s.docs[1].duplicate_of.as_deref(), Some("a/2024.txt"));
        let items: usize = s.groups.values().map(|g| g.target.len() + g.achieved.len()).sum();
        assert_eq!(items, 4);
    }

    #[test]
    fn the_place_option_puts_every_input_in_one_place() {
        let loaded =
            [report("x.txt", "甲县", 2024, None, Some(6.0)), report("y.txt", "乙县", 2025, None, Some(5.0))];
        let opts = Options { place: Some("丙县".into()) };
        let s = tracker().series(&loaded, &opts);
        assert!(s.docs.iter().all(|d| d.place.as_deref() == Some("丙县")));
        assert!(s.groups.keys().all(|k| k.0.as_deref() == Some("丙县")));
    }

    #[test]
    fn extracted_text_feeds_the_ledger() {
        // The whole way from text, whatever the extractor's finer choices.
        let d = test_doc("各位代表：\n2024年主要预期目标是：地区生产总值增长6.5%左右。\n");
        let loaded = [Loaded { record: Record::Document(Box::new(d)), text: None }];
        let l = tracker().ledger(&loaded, &Options::default());
        let p = l.promises.iter().find(|p| p.canonical == "gdp").expect("a GDP promise");
        assert_eq!((p.year, p.promised, p.comparator), (2024, 6.5, Comparator::Approx));
        assert_eq!(p.verdict, Verdict::NotReported);
    }
}

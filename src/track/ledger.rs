//! The promise ledger: one row per promise (a target for year N) with the result for year N
//! from any document of the same place, the gap and a [`Verdict`].
//!
//! Per place, canonical indicator, measure and year: equal promises are one promise (the
//! source shown is the document whose plan year is N, when one states it); results come
//! from the documents that review year N, else from any document; equal results are one
//! result; two different results make the verdict `ambiguous`, and the note lists them.

use super::verdict::{judge, Verdict};
use super::{clusters, Direction, Item, Series, Source, Tracker};
use crate::document::{Comparator, Hedge, Measure, Status};
use crate::error::Result;
use crate::output::num;
use serde::Serialize;

/// Whether a promise was set for its own year or ahead of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// Stated in the document whose plan year is the promise's year (the annual target).
    Annual,
    /// Stated only in documents planning for other years (a plan's end-year target).
    Horizon,
}

impl Scope {
    /// The name in tables and JSON (`annual`, `horizon`).
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Annual => "annual",
            Scope::Horizon => "horizon",
        }
    }
}

/// One promise and what became of it.
#[derive(Debug, Clone, Serialize)]
pub struct Promise {
    /// The place of the series.
    pub place: Option<String>,
    /// The year the promise is for.
    pub year: i32,
    /// Canonical indicator id (`gdp`).
    pub canonical: String,
    /// The indicator's Chinese name.
    pub name: String,
    /// The indicator's category.
    pub category: String,
    /// Level, growth or share.
    pub measure: Measure,
    /// Set in the year's own plan or ahead of it.
    pub scope: Scope,
    /// The promise's comparator as written.
    pub comparator: Comparator,
    /// Which way the promise points: what keeping it means.
    pub direction: Direction,
    /// The promised value in the unit it was written in; growth after a decline word is
    /// negative (`下降3%` is −3).
    pub promised: f64,
    /// The upper end of a promised range, signed like `promised`.
    pub promised_max: Option<f64>,
    /// The unit the promise was written in.
    pub unit: String,
    /// The result in the promise's unit, signed like `promised`.
    pub achieved: Option<f64>,
    /// `achieved − promised` (the end of a range that is compared), in the promise's unit.
    pub gap: Option<f64>,
    /// Met, missed, not reported or ambiguous.
    pub verdict: Verdict,
    /// Different results found for the year (in the promise's unit).
    pub results: usize,
    /// Why a verdict is not plain: disagreeing results, results in another unit, other
    /// documents stating another value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Where the promise was stated.
    pub promise: Source,
    /// Where the result was stated, when one was found.
    pub result: Option<Source>,
    /// How firmly the promise was stated (`firm` 确保, `aim` 力争, `about` 左右).
    pub hedge: Option<Hedge>,
}

/// The ledger of a set of documents.
#[derive(Debug, Clone, Serialize)]
pub struct Ledger {
    /// Every readable input, with what it contributes.
    pub documents: Vec<super::DocInfo>,
    /// Every promise, by place, indicator, measure and year.
    pub promises: Vec<Promise>,
    /// Inputs that could not be read: (source, error).
    pub failed: Vec<(String, String)>,
}

impl Ledger {
    /// How many promises got each verdict, in [`Verdict::ALL`] order.
    pub fn counts(&self) -> Vec<(Verdict, usize)> {
        Verdict::ALL.iter().map(|&v| (v, self.promises.iter().filter(|p| p.verdict == v).count())).collect()
    }

    /// Whether the inputs form a series: a promise found a result, or one place has
    /// documents for two different years.
    pub fn is_series(&self) -> bool {
        if self.promises.iter().any(|p| p.verdict != Verdict::NotReported) {
            return true;
        }
        let mut seen: Vec<(&Option<String>, Option<i32>)> = Vec::new();
        for d in self.documents.iter().filter(|d| d.duplicate_of.is_none()) {
            let year = d.plan.or(d.reviewed);
            if year.is_some() && seen.iter().any(|(p, y)| *p == &d.place && *y != year) {
                return true;
            }
            seen.push((&d.place, year));
        }
        false
    }

    /// The ledger as CSV (UTF-8 with BOM, CRLF), the columns of [`COLUMNS`].
    pub fn to_csv(&self) -> Result<Vec<u8>> {
        super::columns_csv(COLUMNS, &self.promises)
    }
}

type Column = (&'static str, fn(&Promise) -> String);

fn opt_num(v: Option<f64>) -> String {
    v.map(num).unwrap_or_default()
}

fn side(s: &Option<Source>, f: fn(&Source) -> String) -> String {
    s.as_ref().map(f).unwrap_or_default()
}

/// The ledger's CSV columns, in order (documented in `docs/tables.md`; append only).
pub const COLUMNS: &[Column] = &[
    ("place", |p| p.place.clone().unwrap_or_default()),
    ("year", |p| p.year.to_string()),
    ("canonical", |p| p.canonical.clone()),
    ("name", |p| p.name.clone()),
    ("indicator", |p| p.promise.indicator.clone().unwrap_or_default()),
    ("category", |p| p.category.clone()),
    ("measure", |p| p.measure.as_str().to_string()),
    ("scope", |p| p.scope.as_str().to_string()),
    ("comparator", |p| p.comparator.as_str().to_string()),
    ("direction", |p| p.direction.as_str().to_string()),
    ("promised", |p| num(p.promised)),
    ("promised_max", |p| opt_num(p.promised_max)),
    ("unit", |p| p.unit.clone()),
    ("achieved", |p| opt_num(p.achieved)),
    ("gap", |p| opt_num(p.gap)),
    ("verdict", |p| p.verdict.as_str().to_string()),
    ("results", |p| p.results.to_string()),
    ("note", |p| p.note.clone().unwrap_or_default()),
    ("promise_doc", |p| p.promise.document.clone()),
    ("promise_id", |p| p.promise.target.clone()),
    ("promise_start", |p| p.promise.span[0].to_string()),
    ("promise_end", |p| p.promise.span[1].to_string()),
    ("promise_page", |p| p.promise.page.map(|x| x.to_string()).unwrap_or_default()),
    ("promise_quote", |p| p.promise.quote.clone()),
    ("promise_docs", |p| p.promise.documents.to_string()),
    ("result_doc", |p| side(&p.result, |s| s.document.clone())),
    ("result_id", |p| side(&p.result, |s| s.target.clone())),
    ("result_start", |p| side(&p.result, |s| s.span[0].to_string())),
    ("result_end", |p| side(&p.result, |s| s.span[1].to_string())),
    ("result_page", |p| side(&p.result, |s| s.page.map(|x| x.to_string()).unwrap_or_default())),
    ("result_quote", |p| side(&p.result, |s| s.quote.clone())),
    ("result_indicator", |p| side(&p.result, |s| s.indicator.clone().unwrap_or_default())),
    ("result_docs", |p| side(&p.result, |s| s.documents.to_string())),
    ("hedge", |p| p.hedge.map(|h| h.as_str().to_string()).unwrap_or_default()),
];

/// `18.5% (hailaer_2013.txt T2)`: a value as written, signed, with where it was stated.
fn stated(series: &Series, it: &Item) -> String {
    let file = std::path::Path::new(&series.docs[it.doc].source)
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!("{}{} ({file} {})", num(it.value.written()), it.t.unit, it.t.id)
}

/// Whether a result's indicator, as written, is the promise's, perhaps after a place
/// (`全区地区生产总值` for `地区生产总值`; not `财政总收入` for `地方财政总收入`).
fn named_like(promise: &crate::document::Target, result: &crate::document::Target) -> bool {
    match (promise.indicator.as_deref().map(str::trim), result.indicator.as_deref().map(str::trim)) {
        (Some(p), Some(r)) => !p.is_empty() && r.ends_with(p),
        _ => false,
    }
}

/// The cluster of the result, when the documents agree on one: each document's headline is
/// the value it states first (a review opens with the figure for the whole place; sectors,
/// sub-areas and quarters follow), and all documents must have the same headline.
fn headline(items: &[Item], results: &[Vec<&Item>]) -> Option<usize> {
    let mut docs: Vec<usize> = items.iter().map(|i| i.doc).collect();
    docs.sort_unstable();
    docs.dedup();
    let mut heads: Vec<usize> = docs
        .iter()
        .filter_map(|&d| items.iter().filter(|i| i.doc == d).min_by_key(|i| i.t.span[0]))
        .filter_map(|first| results.iter().position(|c| c[0].value.same(&first.value)))
        .collect();
    heads.sort_unstable();
    heads.dedup();
    match heads.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

pub(crate) fn build(tracker: &Tracker, series: &Series) -> Ledger {
    let mut promises = Vec::new();
    for ((place, order, _, year), g) in &series.groups {
        let year = *year;
        let Some(ind) = tracker.canonical().indicators().get(*order) else { continue };
        let plans_year = |it: &Item| series.docs[it.doc].plan == Some(year);
        let mut groups = clusters(&g.target, true);
        for c in &mut groups {
            // The document planning for the year first: it is the annual target's source.
            c.sort_by_key(|it| !plans_year(it));
        }
        groups.sort_by_key(|c| !plans_year(c[0]));
        for c in groups {
            let p = c[0];
            let promise = Source::of(series, &c);
            let scope = if plans_year(p) { Scope::Annual } else { Scope::Horizon };
            // A growth target set ahead for several years and not written as an average is a
            // change over the period (`比2020年增长50%`): no single-year result settles it.
            let over_period = scope == Scope::Horizon && p.t.measure == Measure::Growth && !p.value.average;
            let comparable: Vec<Item> = g
                .of(Status::Achieved)
                .iter()
                .filter(|r| r.value.comparable(&p.value) && !over_period)
                .cloned()
                .collect();
            let reviewing: Vec<Item> =
                comparable.iter().filter(|r| series.docs[r.doc].reviewed == Some(year)).cloned().collect();
            let tier = if reviewing.is_empty() { &comparable } else { &reviewing };
            // One canonical id can cover kindred statistics (财政总收入, 地方财政总收入): a result
            // named like the promise comes first.
            let named: Vec<Item> = tier.iter().filter(|r| named_like(p.t, r.t)).cloned().collect();
            let chosen = if named.is_empty() { tier } else { &named };
            let results = clusters(chosen, false);
            let headline = headline(chosen, &results);
            let mut notes = Vec::new();
            if over_period {
                notes.push(format!(
                    "a growth target for {year} set in a plan for another year (a change over several years) is not judged against one year's growth"
                ));
            }
            let (verdict, achieved, gap, result) = match (results.as_slice(), headline) {
                ([], _) => {
                    let other: Vec<String> = g
                        .of(Status::Achieved)
                        .iter()
                        .filter(|r| !over_period && !r.value.comparable(&p.value))
                        .map(|r| stated(series, r))
                        .collect();
                    if !other.is_empty() {
                        notes.push(format!(
                            "results of another kind (unit, or average): {}",
                            other.join("; ")
                        ));
                    }
                    (Verdict::NotReported, None, None, None)
                }
                (_, Some(k)) => {
                    let chosen = &results[k];
                    let others: Vec<String> = comparable
                        .iter()
                        .filter(|r| !r.value.same(&chosen[0].value))
                        .map(|r| stated(series, r))
                        .collect();
                    if !others.is_empty() {
                        notes.push(format!("also stated: {}", others.join("; ")));
                    }
                    match judge(&p.value, &chosen[0].value) {
                        Some(j) => {
                            (j.verdict, Some(j.achieved), Some(j.gap), Some(Source::of(series, chosen)))
                        }
                        None => (Verdict::NotReported, None, None, None),
                    }
                }
                (many, None) => {
                    let all: Vec<String> = many.iter().map(|c| stated(series, c[0])).collect();
                    notes.push(format!("results disagree: {}", all.join("; ")));
                    (Verdict::Ambiguous, None, None, Some(Source::of(series, &many[0])))
                }
            };
            promises.push(Promise {
                place: place.clone(),
                year,
                canonical: ind.id.clone(),
                name: ind.name.clone(),
                category: ind.category.clone(),
                measure: p.t.measure,
                scope,
                comparator: p.t.comparator,
                direction: p.value.direction,
                promised: p.value.written(),
                promised_max: p.value.written_max(),
                unit: p.t.unit.clone(),
                achieved,
                gap,
                verdict,
                results: results.len(),
                note: (!notes.is_empty()).then(|| notes.join(" | ")),
                promise,
                result,
                hedge: p.t.hedge,
            });
        }
    }
    Ledger { documents: series.docs.clone(), promises, failed: series.failed.clone() }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{made, report, stated, tracker};
    use super::super::Options;
    use super::*;

    fn gdp_growth(l: &Ledger) -> Vec<(i32, f64, Option<f64>, Verdict)> {
        l.promises
            .iter()
            .filter(|p| p.canonical == "gdp" && p.measure == Measure::Growth)
            .map(|p| (p.year, p.promised, p.achieved, p.verdict))
            .collect()
    }

    #[test]
    fn next_years_report_settles_the_promise() {
        let loaded = [
            report("a.txt", "甲县", 2023, Some(5.0), Some(6.0)),
            report("b.txt", "甲县", 2024, Some(6.2), Some(6.5)),
            report("c.txt", "甲县", 2025, Some(5.8), Some(6.0)),
        ];
        let l = tracker().ledger(&loaded, &Options::default());
        assert_eq!(
            gdp_growth(&l),
            vec![
                (2023, 6.0, Some(6.2), Verdict::Met),
                (2024, 6.5, Some(5.8), Verdict::Missed),
                (2025, 6.0, None, Verdict::NotReported),
            ],
        );
        let p = l.promises.iter().find(|p| p.year == 2024 && p.canonical == "gdp").unwrap();
        assert_eq!(p.promise.document, "b.txt");
        assert_eq!(p.result.as_ref().unwrap().document, "c.txt");
        assert!(crate::track::verdict::close(p.gap.unwrap(), -0.7));
        assert_eq!(p.scope, Scope::Annual);
        assert!(l.is_series());
    }

    #[test]
    fn the_promise_keeps_its_hedge() {
        let mut a = report("a.txt", "甲县", 2023, None, Some(6.0));
        if let crate::Record::Document(d) = &mut a.record {
            d.targets.iter_mut().for_each(|t| t.hedge = Some(crate::document::Hedge::Aim));
        }
        let l = tracker().ledger(&[a, report("b.txt", "甲县", 2024, Some(6.2), None)], &Options::default());
        let p = l.promises.iter().find(|p| p.canonical == "gdp").unwrap();
        assert_eq!(p.hedge, Some(crate::document::Hedge::Aim));
        let csv = String::from_utf8(l.to_csv().unwrap()).unwrap();
        assert!(csv.lines().nth(1).is_some_and(|row| row.trim_end().ends_with(",aim")), "{csv}");
    }

    #[test]
    fn places_are_kept_apart() {
        let loaded =
            [report("a.txt", "甲县", 2023, None, Some(6.0)), report("b.txt", "乙县", 2024, Some(6.2), None)];
        let l = tracker().ledger(&loaded, &Options::default());
        assert_eq!(gdp_growth(&l), vec![(2023, 6.0, None, Verdict::NotReported)]);
        assert!(!l.is_series());
    }

    #[test]
    fn a_repeated_result_is_one_result_and_a_different_one_is_ambiguous() {
        let quoting = made(
            "q.txt",
            "甲县",
            vec![stated(Status::Achieved, 2023, "gdp", Measure::Growth, 6.2, "%", "地区生产总值增长6.2%")],
        );
        let loaded = [
            report("a.txt", "甲县", 2023, None, Some(6.0)),
            report("b.txt", "甲县", 2024, Some(6.2), None),
            quoting,
        ];
        let l = tracker().ledger(&loaded, &Options::default());
        let p = &l.promises[0];
        assert_eq!((p.verdict, p.results), (Verdict::Met, 1), "{p:#?}");
        assert_eq!(p.result.as_ref().unwrap().documents, 2);

        let revised = made(
            "r.txt",
            "甲县",
            vec![stated(Status::Achieved, 2023, "gdp", Measure::Growth, 5.9, "%", "地区生产总值增长5.9%")],
        );
        let loaded = [
            report("a.txt", "甲县", 2023, None, Some(6.0)),
            report("b.txt", "甲县", 2024, Some(6.2), None),
            revised,
        ];
        let l = tracker().ledger(&loaded, &Options::default());
        let p = &l.promises[0];
        assert_eq!(p.verdict, Verdict::Ambiguous, "{p:#?}");
        assert!(p.note.as_deref().unwrap().contains("5.9%"), "{:?}", p.note);
        assert_eq!(p.achieved, None);
    }

    #[test]
    fn the_report_reviewing_the_year_outranks_a_stray_figure() {
        // A summary that reviews 2020 also quotes a 2023 figure; the 2024 report, which
        // reviews 2023, decides.
        let mut summary = report("s.txt", "甲县", 2021, Some(3.0), None);
        if let crate::Record::Document(d) = &mut summary.record {
            d.targets.push(stated(
                Status::Achieved,
                2023,
                "gdp",
                Measure::Growth,
                18.0,
                "%",
                "地区生产总值增长18%",
            ));
        }
        let loaded = [
            report("a.txt", "甲县", 2023, None, Some(6.0)),
            summary,
            report("b.txt", "甲县", 2024, Some(6.2), None),
        ];
        let l = tracker().ledger(&loaded, &Options::default());
        let p = &l.promises[0];
        assert_eq!((p.verdict, p.achieved), (Verdict::Met, Some(6.2)), "{p:#?}");
        assert!(p.note.as_deref().unwrap().contains("18%"), "{:?}", p.note);
        // Without the 2024 report, the summary's figure is the only one.
        let l = tracker().ledger(&loaded[..2], &Options::default());
        assert_eq!((l.promises[0].verdict, l.promises[0].achieved), (Verdict::Met, Some(18.0)));
    }

    #[test]
    fn growth_set_years_ahead_is_not_judged_against_one_year() {
        let mut plan = report("plan.txt", "甲县", 2021, None, Some(7.0));
        if let crate::Record::Document(d) = &mut plan.record {
            d.targets.push(stated(
                Status::Target,
                2025,
                "gdp",
                Measure::Growth,
                50.0,
                "%",
                "地区生产总值比2020年增长50%",
            ));
            d.targets.push(stated(
                Status::Target,
                2025,
                "gdp",
                Measure::Level,
                170.0,
                "亿元",
                "地区生产总值达到170亿元",
            ));
        }
        let mut later = report("r.txt", "甲县", 2026, Some(6.0), None);
        if let crate::Record::Document(d) = &mut later.record {
            d.targets.push(stated(
                Status::Achieved,
                2025,
                "gdp",
                Measure::Level,
                185.0,
                "亿元",
                "地区生产总值完成185亿元",
            ));
        }
        let l = tracker().ledger(&[plan, later], &Options::default());
        let of = |m: Measure| l.promises.iter().find(|p| p.year == 2025 && p.measure == m).unwrap();
        let growth = of(Measure::Growth);
        assert_eq!(
            (growth.scope, growth.verdict, growth.achieved),
            (Scope::Horizon, Verdict::NotReported, None)
        );
        assert!(growth.note.as_deref().unwrap().contains("several years"), "{growth:#?}");
        // A level set ahead is met by the level reached.
        assert_eq!((of(Measure::Level).verdict, of(Measure::Level).achieved), (Verdict::Met, Some(185.0)));
    }

    #[test]
    fn a_five_year_average_is_no_result_for_the_last_year() {
        // An election-year report reviews five years and the last one.
        let mut review = report("b.txt", "甲县", 2024, Some(6.2), None);
        if let crate::Record::Document(d) = &mut review.record {
            d.targets.insert(
                0,
                stated(
                    Status::Achieved,
                    2023,
                    "gdp",
                    Measure::Growth,
                    7.1,
                    "%",
                    "五年来地区生产总值年均增长7.1%",
                ),
            );
        }
        let mut plan = report("a.txt", "甲县", 2023, None, Some(6.0));
        if let crate::Record::Document(d) = &mut plan.record {
            d.targets.push(stated(
                Status::Target,
                2023,
                "gdp",
                Measure::Growth,
                7.5,
                "%",
                "“十四五”期间地区生产总值年均增长7.5%",
            ));
        }
        let l = tracker().ledger(&[plan, review], &Options::default());
        let growth: Vec<(f64, Option<f64>, Verdict)> = l
            .promises
            .iter()
            .filter(|p| p.canonical == "gdp")
            .map(|p| (p.promised, p.achieved, p.verdict))
            .collect();
        assert_eq!(
            growth,
            [(6.0, Some(6.2), Verdict::Met), (7.5, Some(7.1), Verdict::Missed)],
            "{:#?}",
            l.promises
        );
    }

    #[test]
    fn a_report_s_headline_comes_first() {
        // The review gives the place's growth first, a sub-area's later.
        let mut b = report("b.txt", "甲县", 2024, Some(6.2), None);
        if let crate::Record::Document(d) = &mut b.record {
            let mut part =
                stated(Status::Achieved, 2023, "gdp", Measure::Growth, 9.0, "%", "开发区地区生产总值增长9%");
            part.span = [500, 501];
            d.targets.push(part);
        }
        let loaded = [report("a.txt", "甲县", 2023, None, Some(6.0)), b];
        let l = tracker().ledger(&loaded, &Options::default());
        let p = &l.promises[0];
        assert_eq!((p.verdict, p.achieved, p.results), (Verdict::Met, Some(6.2), 2), "{p:#?}");
        assert!(p.note.as_deref().unwrap().contains("9%"));
    }

    #[test]
    fn a_result_named_like_the_promise_comes_first() {
        let plan = made(
            "a.txt",
            "甲县",
            vec![stated(
                Status::Target,
                2023,
                "fiscal_revenue",
                Measure::Level,
                20.0,
                "亿元",
                "地方财政总收入达到20亿元",
            )],
        );
        let review = made(
            "b.txt",
            "甲县",
            vec![
                stated(
                    Status::Achieved,
                    2023,
                    "fiscal_revenue",
                    Measure::Level,
                    29.0,
                    "亿元",
                    "财政总收入完成29亿元",
                ),
                stated(
                    Status::Achieved,
                    2023,
                    "fiscal_revenue",
                    Measure::Level,
                    20.7,
                    "亿元",
                    "全县地方财政总收入完成20.7亿元",
                ),
            ],
        );
        let l = tracker().ledger(&[plan, review], &Options::default());
        let p = &l.promises[0];
        assert_eq!((p.verdict, p.achieved), (Verdict::Met, Some(20.7)), "{p:#?}");
    }

    #[test]
    fn csv_has_a_bom_and_one_row_per_promise() {
        let loaded = [
            report("a.txt", "甲县", 2023, None, Some(6.0)),
            report("b.txt", "甲县", 2024, Some(6.2), Some(6.5)),
        ];
        let l = tracker().ledger(&loaded, &Options::default());
        let bytes = l.to_csv().unwrap();
        assert!(bytes.starts_with(crate::output::csv::BOM));
        let mut r = ::csv::Reader::from_reader(&bytes[3..]);
        assert_eq!(r.headers().unwrap().len(), COLUMNS.len());
        assert_eq!(r.records().count(), l.promises.len());
    }
}

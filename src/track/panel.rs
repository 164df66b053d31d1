//! The long panel: one row per place × year × canonical indicator × measure × status, the
//! shape a researcher loads into pandas, R or Stata (`reshape wide` on status gives target
//! and result side by side).
//!
//! When documents state different values for one key, the row holds the value of the
//! document that plans (targets) or reviews (results) that year, else the first stated;
//! `values` counts the different values and `other_values` lists the rest.

use super::ledger::Scope;
use super::{clusters, Direction, Item, Series, Source, Tracker};
use crate::document::{Comparator, Hedge, Measure, Status};
use crate::error::Result;
use crate::output::num;
use serde::Serialize;

/// One cell of the panel.
#[derive(Debug, Clone, Serialize)]
pub struct PanelRow {
    /// The place of the series.
    pub place: Option<String>,
    /// The year the value is for.
    pub year: i32,
    /// Canonical indicator id (`gdp`).
    pub canonical: String,
    /// The indicator's Chinese name.
    pub name: String,
    /// The indicator's category.
    pub category: String,
    /// Level, growth or share.
    pub measure: Measure,
    /// Target, achieved or fact.
    pub status: Status,
    /// For targets: set in the year's own plan (`annual`) or ahead (`horizon`).
    pub scope: Option<Scope>,
    /// The comparator as written.
    pub comparator: Comparator,
    /// Which way the value points as a promise.
    pub direction: Direction,
    /// As written, signed: growth after a decline word is negative.
    pub value: f64,
    /// The upper end of a range, signed like `value`.
    pub value_max: Option<f64>,
    /// The unit as written.
    pub unit: String,
    /// In the normalised unit (magnitudes folded in), signed like `value`.
    pub normalized_value: f64,
    /// The normalised unit (the written one when it has no normalised form).
    pub normalized_unit: String,
    /// The value is an average over several years (`年均增长7%`).
    pub average: bool,
    /// How many different values the documents state for this key.
    pub values: usize,
    /// The other values, with where they were stated.
    pub other_values: Vec<String>,
    /// Where the row's value was stated.
    pub source: Source,
    /// How firmly the first statement of the value put it (`firm`, `aim`, `about`).
    pub hedge: Option<Hedge>,
}

/// A column: its header and its value for one row.
pub type Column = (&'static str, fn(&PanelRow) -> String);

/// The panel's CSV columns, in order (documented in `docs/tables.md`; append only).
pub const COLUMNS: &[Column] = &[
    ("place", |r| r.place.clone().unwrap_or_default()),
    ("year", |r| r.year.to_string()),
    ("canonical", |r| r.canonical.clone()),
    ("name", |r| r.name.clone()),
    ("category", |r| r.category.clone()),
    ("measure", |r| r.measure.as_str().to_string()),
    ("status", |r| r.status.as_str().to_string()),
    ("scope", |r| r.scope.map(|s| s.as_str().to_string()).unwrap_or_default()),
    ("comparator", |r| r.comparator.as_str().to_string()),
    ("direction", |r| r.direction.as_str().to_string()),
    ("value", |r| num(r.value)),
    ("value_max", |r| r.value_max.map(num).unwrap_or_default()),
    ("unit", |r| r.unit.clone()),
    ("normalized_value", |r| num(r.normalized_value)),
    ("normalized_unit", |r| r.normalized_unit.clone()),
    ("average", |r| u8::from(r.average).to_string()),
    ("values", |r| r.values.to_string()),
    ("other_values", |r| r.other_values.join("; ")),
    ("indicator", |r| r.source.indicator.clone().unwrap_or_default()),
    ("doc_id", |r| r.source.document.clone()),
    ("id", |r| r.source.target.clone()),
    ("span_start", |r| r.source.span[0].to_string()),
    ("span_end", |r| r.source.span[1].to_string()),
    ("page", |r| r.source.page.map(|p| p.to_string()).unwrap_or_default()),
    ("documents", |r| r.source.documents.to_string()),
    ("text", |r| r.source.quote.clone()),
    ("hedge", |r| r.hedge.map(|h| h.as_str().to_string()).unwrap_or_default()),
];

/// The panel as CSV (UTF-8 with BOM, CRLF).
pub fn to_csv(rows: &[PanelRow]) -> Result<Vec<u8>> {
    super::columns_csv(COLUMNS, rows)
}

pub(crate) fn build(tracker: &Tracker, series: &Series) -> Vec<PanelRow> {
    let mut rows = Vec::new();
    for ((place, order, _, year), g) in &series.groups {
        let year = *year;
        let Some(ind) = tracker.canonical().indicators().get(*order) else { continue };
        for status in [Status::Target, Status::Achieved, Status::Fact] {
            let items = g.of(status);
            if items.is_empty() {
                continue;
            }
            // The document that plans (targets) or reviews (results) the year comes first.
            let own = |it: &Item| {
                let d = &series.docs[it.doc];
                match status {
                    Status::Target => d.plan == Some(year),
                    Status::Achieved => d.reviewed == Some(year),
                    Status::Fact => false,
                }
            };
            let mut groups = clusters(items, status == Status::Target);
            for c in &mut groups {
                c.sort_by_key(|it| !own(it));
            }
            // A single year's value before an average over years.
            groups.sort_by_key(|c| (c[0].value.average, !own(c[0])));
            let first = groups[0][0];
            let other_values = groups[1..]
                .iter()
                .map(|c| {
                    let it = c[0];
                    format!(
                        "{}{} ({} {})",
                        num(it.value.written()),
                        it.t.unit,
                        series.docs[it.doc].source,
                        it.t.id
                    )
                })
                .collect();
            rows.push(PanelRow {
                place: place.clone(),
                year,
                canonical: ind.id.clone(),
                name: ind.name.clone(),
                category: ind.category.clone(),
                measure: first.t.measure,
                status,
                scope: (status == Status::Target).then(|| {
                    if own(first) {
                        Scope::Annual
                    } else {
                        Scope::Horizon
                    }
                }),
                comparator: first.t.comparator,
                direction: first.value.direction,
                value: first.value.written(),
                value_max: first.value.written_max(),
                unit: first.t.unit.clone(),
                normalized_value: first.value.lo,
                normalized_unit: first.value.unit.clone(),
                average: first.value.average,
                values: groups.len(),
                other_values,
                source: Source::of(series, &groups[0]),
                hedge: first.t.hedge,
            });
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::super::tests::{made, report, stated, tracker};
    use super::super::Options;
    use super::*;

    #[test]
    fn one_row_per_key_and_status() {
        let with_energy = |source: &str| {
            let mut l = report(source, "甲县", 2024, Some(6.2), Some(6.5));
            if let crate::Record::Document(d) = &mut l.record {
                let mut energy = stated(
                    Status::Achieved,
                    2023,
                    "energy_intensity",
                    Measure::Growth,
                    3.1,
                    "%",
                    "单位地区生产总值能耗下降3.1%",
                );
                energy.id = "T9".into();
                d.targets.push(energy);
            }
            l
        };
        let stray = made(
            "s.txt",
            "甲县",
            vec![stated(Status::Target, 2024, "gdp", Measure::Growth, 7.0, "%", "地区生产总值增长7%")],
        );
        let loaded = [with_energy("b.txt"), with_energy("b-copy.txt"), stray];
        let rows = tracker().panel(&loaded, &Options::default());
        let mut keys: Vec<_> = rows
            .iter()
            .map(|r| (r.place.clone(), r.year, r.canonical.clone(), r.measure, r.status))
            .collect();
        let n = keys.len();
        keys.dedup();
        assert_eq!(keys.len(), n, "a key appears twice");
        let row = |canonical: &str, year, status| {
            rows.iter()
                .find(|r| {
                    r.canonical == canonical
                        && r.measure == Measure::Growth
                        && r.year == year
                        && r.status == status
                })
                .unwrap_or_else(|| panic!("no {canonical} {year} {status:?} in {rows:#?}"))
        };
        assert_eq!(row("gdp", 2023, Status::Achieved).value, 6.2);
        let target = row("gdp", 2024, Status::Target);
        assert_eq!((target.value, target.scope, target.values), (6.5, Some(Scope::Annual), 2));
        assert_eq!(target.source.documents, 1, "the copy is a duplicate");
        assert!(target.other_values[0].starts_with("7% (s.txt"), "{:?}", target.other_values);
        assert_eq!(
            row("energy_intensity", 2023, Status::Achieved).value,
            -3.1,
            "a decline is a negative change"
        );
        let csv = to_csv(&rows).unwrap();
        let mut r = ::csv::Reader::from_reader(&csv[3..]);
        assert_eq!(r.headers().unwrap().len(), COLUMNS.len());
        assert_eq!(r.records().count(), rows.len());
    }
}

//! Promised against achieved by year, per place, indicator, measure and unit: what the
//! report draws as one small chart each. Only the annual promise of a year is drawn (the
//! first when there are several); charts without a single settled promise are left out.

use super::ledger::{Ledger, Promise, Scope};
use super::Verdict;
use crate::document::Measure;
use std::collections::HashMap;

/// One chart: the promises of one series, by year.
#[derive(Debug, Clone)]
pub struct Chart<'a> {
    /// The place of the series.
    pub place: Option<&'a str>,
    /// The canonical indicator id.
    pub canonical: &'a str,
    /// The indicator's Chinese name.
    pub name: &'a str,
    /// The measure every point shares.
    pub measure: Measure,
    /// The unit every point is written in.
    pub unit: &'a str,
    /// One promise per year, in year order.
    pub points: Vec<&'a Promise>,
}

impl Chart<'_> {
    /// The lowest and highest value drawn (promised, range ends and results).
    pub fn extent(&self) -> (f64, f64) {
        let values = self
            .points
            .iter()
            .flat_map(|p| [Some(p.promised), p.promised_max, p.achieved])
            .flatten()
            .filter(|v| v.is_finite());
        values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)))
    }
}

/// The charts of a ledger, in ledger order.
pub fn charts(ledger: &Ledger) -> Vec<Chart<'_>> {
    // Series identity: place, indicator, measure and unit.
    let mut index: HashMap<(Option<&str>, &str, Measure, &str), usize> = HashMap::new();
    let mut charts: Vec<Chart> = Vec::new();
    for p in &ledger.promises {
        let key = (p.place.as_deref(), p.canonical.as_str(), p.measure, p.unit.as_str());
        let i = *index.entry(key).or_insert_with(|| {
            charts.push(Chart {
                place: p.place.as_deref(),
                canonical: &p.canonical,
                name: &p.name,
                measure: p.measure,
                unit: &p.unit,
                points: Vec::new(),
            });
            charts.len() - 1
        });
        let chart = &mut charts[i];
        match chart.points.iter_mut().find(|q| q.year == p.year) {
            // An annual promise replaces a horizon one of the same year.
            Some(q) if q.scope == Scope::Horizon && p.scope == Scope::Annual => *q = p,
            Some(_) => {}
            None => chart.points.push(p),
        }
    }
    charts
        .into_iter()
        .filter(|c| c.points.iter().any(|p| matches!(p.verdict, Verdict::Met | Verdict::Missed)))
        .map(|mut c| {
            c.points.sort_by_key(|p| p.year);
            c
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::tests::{report, tracker};
    use super::super::Options;
    use super::*;

    #[test]
    fn one_chart_per_settled_series() {
        let loaded = [
            report("a.txt", "甲县", 2023, None, Some(6.0)),
            report("b.txt", "甲县", 2024, Some(6.2), Some(6.5)),
            report("c.txt", "乙县", 2024, None, Some(7.0)),
        ];
        let l = tracker().ledger(&loaded, &Options::default());
        let charts = charts(&l);
        // 甲县 GDP growth; the investment promises and 乙县 have no result.
        assert_eq!(charts.len(), 1, "{charts:#?}");
        let years: Vec<i32> = charts[0].points.iter().map(|p| p.year).collect();
        assert_eq!(years, [2023, 2024]);
        assert_eq!(charts[0].extent(), (6.0, 6.5));
    }
}

//! The metrics of `score.py`: raw counts summed over documents, then precision, recall, F1
//! and accuracies rounded as `score.py` rounds them, and the `--min` bars on them.

use super::matching::{prf, round4};
use serde::Serialize;

/// True and false positives and false negatives of one P/R/F1 metric.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Tally {
    pub tp: u64,
    pub fp: u64,
    pub fn_: u64,
}

/// Right answers out of `n` for one accuracy metric.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Hits {
    pub ok: u64,
    pub n: u64,
}

impl Hits {
    pub(super) fn add(&mut self, ok: bool) {
        self.n += 1;
        self.ok += ok as u64;
    }
}

/// Raw counts, summed over documents before any ratio is taken (micro-averaging).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Counts {
    pub targets: Tally,
    pub goal: Tally,
    pub projects_strict: Tally,
    pub projects_lenient: Tally,
    pub units: Tally,
    pub assign: Tally,
    pub indicator: Hits,
    pub comparator: Hits,
    pub measure: Hits,
    pub status: Hits,
    pub year: Hits,
    pub role: Hits,
    pub title: Hits,
    pub issuer: Hits,
    pub date: Hits,
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, o: Counts) {
        for (a, b) in self.tallies_mut().into_iter().zip(o.tallies()) {
            a.tp += b.tp;
            a.fp += b.fp;
            a.fn_ += b.fn_;
        }
        for (a, b) in self.hits_mut().into_iter().zip(o.hits()) {
            a.ok += b.ok;
            a.n += b.n;
        }
    }
}

impl Counts {
    pub(super) fn tallies(&self) -> [Tally; 6] {
        [self.targets, self.goal, self.projects_strict, self.projects_lenient, self.units, self.assign]
    }

    fn tallies_mut(&mut self) -> [&mut Tally; 6] {
        let Counts { targets, goal, projects_strict, projects_lenient, units, assign, .. } = self;
        [targets, goal, projects_strict, projects_lenient, units, assign]
    }

    fn hits(&self) -> [Hits; 9] {
        let c = self;
        [c.indicator, c.comparator, c.measure, c.status, c.year, c.role, c.title, c.issuer, c.date]
    }

    fn hits_mut(&mut self) -> [&mut Hits; 9] {
        let Counts { indicator, comparator, measure, status, year, role, title, issuer, date, .. } = self;
        [indicator, comparator, measure, status, year, role, title, issuer, date]
    }
}

/// Names of the P/R/F1 metrics, in `score.py`'s order.
pub const PRF_NAMES: [&str; 6] =
    ["targets", "goal", "projects_strict", "projects_lenient", "units", "assign"];
/// Names of the accuracy metrics, in `score.py`'s order.
pub const ACC_NAMES: [&str; 9] =
    ["indicator", "comparator", "measure", "status", "year", "role", "title", "issuer", "date"];

/// Precision, recall and F1 rounded to four places as `score.py` rounds them, with the counts.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Prf {
    /// Precision: `tp / (tp + fp)`.
    pub p: f64,
    /// Recall: `tp / (tp + fn)`.
    pub r: f64,
    /// The harmonic mean of precision and recall.
    pub f1: f64,
    /// Items both in the gold and extracted.
    pub tp: u64,
    /// Extracted items no gold item accounts for.
    pub fp: u64,
    /// Gold items not extracted (`fn` in JSON).
    #[serde(rename = "fn")]
    pub fn_: u64,
}

/// Accuracy rounded to four places; `None` when nothing was there to judge.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Accuracy {
    /// Right answers over `n`.
    pub acc: Option<f64>,
    /// How many answers were judged.
    pub n: u64,
}

/// Every metric, in the JSON shape of `score.py --json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Metrics {
    /// Quantities: an extracted span overlapping a gold quote with the same number.
    pub targets: Prf,
    /// Quantities with status `target`, gold against extracted, matched or not.
    pub goal: Prf,
    /// Projects whose name equals a gold name or alias.
    pub projects_strict: Prf,
    /// Projects whose name contains or is contained in a gold name of similar length.
    pub projects_lenient: Prf,
    /// Distinct responsible unit names.
    pub units: Prf,
    /// (task, unit) pairs of gold tasks matched to extracted tasks by title.
    pub assign: Prf,
    /// Matched targets whose indicator is close to the gold's (where the gold gives one).
    pub indicator: Accuracy,
    /// Matched targets with the gold's comparator.
    pub comparator: Accuracy,
    /// Matched targets with the gold's measure.
    pub measure: Accuracy,
    /// Matched targets with the gold's status.
    pub status: Accuracy,
    /// Matched targets with the gold's year (where the gold gives one).
    pub year: Accuracy,
    /// Matched assignments with the gold's role.
    pub role: Accuracy,
    /// Documents whose title covers the gold's (or an accepted alternative).
    pub title: Accuracy,
    /// Documents with the gold's issuer (or an accepted alternative).
    pub issuer: Accuracy,
    /// Documents with the gold's date (or an accepted alternative).
    pub date: Accuracy,
}

/// One metric looked up by name.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Metric<'a> {
    /// A precision/recall/F1 group (`targets`).
    Prf(&'a Prf),
    /// An accuracy (`status`).
    Accuracy(&'a Accuracy),
}

impl Metrics {
    /// `summarize()` of `score.py`.
    pub(crate) fn from_counts(c: &Counts) -> Metrics {
        let prf_of = |t: Tally| {
            let (p, r, f) = prf(t.tp, t.fp, t.fn_);
            Prf { p: round4(p), r: round4(r), f1: round4(f), tp: t.tp, fp: t.fp, fn_: t.fn_ }
        };
        let acc_of = |h: Hits| Accuracy { acc: (h.n > 0).then(|| round4(h.ok as f64 / h.n as f64)), n: h.n };
        Metrics {
            targets: prf_of(c.targets),
            goal: prf_of(c.goal),
            projects_strict: prf_of(c.projects_strict),
            projects_lenient: prf_of(c.projects_lenient),
            units: prf_of(c.units),
            assign: prf_of(c.assign),
            indicator: acc_of(c.indicator),
            comparator: acc_of(c.comparator),
            measure: acc_of(c.measure),
            status: acc_of(c.status),
            year: acc_of(c.year),
            role: acc_of(c.role),
            title: acc_of(c.title),
            issuer: acc_of(c.issuer),
            date: acc_of(c.date),
        }
    }

    /// The P/R/F1 metrics with their names, in report order.
    pub fn prfs(&self) -> [(&'static str, &Prf); 6] {
        let m = self;
        let v = [&m.targets, &m.goal, &m.projects_strict, &m.projects_lenient, &m.units, &m.assign];
        std::array::from_fn(|i| (PRF_NAMES[i], v[i]))
    }

    /// The accuracy metrics with their names, in report order.
    pub fn accuracies(&self) -> [(&'static str, &Accuracy); 9] {
        let m = self;
        let v = [
            &m.indicator,
            &m.comparator,
            &m.measure,
            &m.status,
            &m.year,
            &m.role,
            &m.title,
            &m.issuer,
            &m.date,
        ];
        std::array::from_fn(|i| (ACC_NAMES[i], v[i]))
    }

    /// A metric group by name (`targets`, `status`).
    pub fn group(&self, name: &str) -> Option<Metric<'_>> {
        if let Some((_, p)) = self.prfs().into_iter().find(|(n, _)| *n == name) {
            return Some(Metric::Prf(p));
        }
        self.accuracies().into_iter().find(|(n, _)| *n == name).map(|(_, a)| Metric::Accuracy(a))
    }

    /// `group.metric` as `--min` names it (`targets.f1`, `status.acc`, `units.tp`): `None` for
    /// an unknown name, `Some(None)` for an accuracy with nothing to judge.
    pub fn get(&self, name: &str) -> Option<Option<f64>> {
        let (group, metric) = name.split_once('.')?;
        match (self.group(group)?, metric) {
            (Metric::Prf(p), "p") => Some(Some(p.p)),
            (Metric::Prf(p), "r") => Some(Some(p.r)),
            (Metric::Prf(p), "f1") => Some(Some(p.f1)),
            (Metric::Prf(p), "tp") => Some(Some(p.tp as f64)),
            (Metric::Prf(p), "fp") => Some(Some(p.fp as f64)),
            (Metric::Prf(p), "fn") => Some(Some(p.fn_ as f64)),
            (Metric::Accuracy(a), "acc") => Some(a.acc),
            (Metric::Accuracy(a), "n") => Some(Some(a.n as f64)),
            _ => None,
        }
    }
}

/// A `--min group.metric=value` bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// `targets.f1`
    pub name: String,
    /// The lowest value that passes.
    pub min: f64,
    /// The value as written, for the message.
    pub text: String,
}

impl Bar {
    /// Parses `targets.f1=0.9`; the name must be one of the metrics (`score.py` would only
    /// report a misspelt name as a failed bar).
    pub fn parse(s: &str) -> Result<Bar, String> {
        let (name, text) =
            s.split_once('=').ok_or_else(|| "expected NAME=VALUE, e.g. targets.f1=0.9".to_string())?;
        let min: f64 = text.trim().parse().map_err(|_| format!("{text:?} is not a number"))?;
        let probe = Metrics::from_counts(&Counts::default());
        if probe.get(name).is_none() {
            return Err(format!(
                "no metric {name:?}; names are GROUP.p|r|f1|tp|fp|fn for {} and GROUP.acc|n for {}",
                PRF_NAMES.join(", "),
                ACC_NAMES.join(", ")
            ));
        }
        Ok(Bar { name: name.to_string(), min, text: text.to_string() })
    }

    pub(super) fn is_count(&self) -> bool {
        [".tp", ".fp", ".fn", ".n"].iter().any(|m| self.name.ends_with(m))
    }
}

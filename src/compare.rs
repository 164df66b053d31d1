//! Documents side by side, a pure function of extracted documents and the canonical
//! indicators: rows are indicators (canonical ones first, then the rest grouped by their
//! indicator text), split by measure, status and year, so that a row compares like with
//! like (2024 targets with 2024 targets, never a 2023 result beside a 2024 target);
//! columns are documents. The CLI's `compare` formats it
//! (Markdown, CSV, JSON, HTML) and `report` draws it; this module computes it, so any user
//! of the library can compare documents.

use crate::canonical::Canonicalizer;
use crate::document::{Comparator, Document, Measure, ProjectKind, Record, Status, Target};
use crate::error::{Error, Result};
use crate::output::num;
use crate::Pipeline;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// One input after loading: its record and, when it was extracted here, its text.
pub struct Loaded {
    /// The extracted or saved record.
    pub record: Record,
    /// The decoded text the record's spans point into, when it is at hand.
    pub text: Option<String>,
}

impl Loaded {
    /// An input extracted here, with the decoded text the spans point into.
    pub fn extract(pipeline: &Pipeline, source: &str, bytes: &[u8]) -> Loaded {
        let (record, text) = pipeline.extract_with_text(source, bytes);
        Loaded { record, text }
    }

    /// A saved record: canonical ids filled where missing (saved by an older dictionary),
    /// and the source text when the source file is still there unchanged.
    pub fn saved(mut record: Record, canon: &Canonicalizer) -> Loaded {
        if let Record::Document(d) = &mut record {
            for t in d.targets.iter_mut().filter(|t| t.canonical.is_none()) {
                canon.apply_target(t);
            }
        }
        let text = match &record {
            Record::Document(d) => source_text(d),
            Record::Error(_) => None,
        };
        Loaded { record, text }
    }
}

/// Whether a path names saved `extract` output (compared without re-extracting).
pub fn is_saved(path: &Path) -> bool {
    matches!(path.extension().and_then(|e| e.to_str()), Some("json" | "jsonl" | "ndjson"))
}

/// Parses saved `extract` output: one object, an array, or one object per line. `origin`
/// names the input in errors.
pub fn parse_records(origin: &str, bytes: &[u8]) -> Result<Vec<Record>> {
    let text = std::str::from_utf8(bytes)
        .map_err(|source| Error::SavedNotUtf8 { origin: origin.to_string(), source })?;
    let trimmed = text.trim_start_matches('\u{feff}').trim();
    if trimmed.starts_with('[') {
        return serde_json::from_str(trimmed)
            .map_err(|source| Error::SavedNotJson { origin: origin.to_string(), source: source.into() });
    }
    if let Ok(r) = serde_json::from_str::<Record>(trimmed) {
        return Ok(vec![r]);
    }
    trimmed
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l).map_err(|source| Error::SavedNotJson {
                origin: format!("{origin}:{}", i + 1),
                source: source.into(),
            })
        })
        .collect()
}

/// The decoded text of a saved record's source file, when the file is still there and
/// unchanged (same sha256), so a report from saved JSON can still show highlights.
fn source_text(d: &Document) -> Option<String> {
    let sha = d.sha256.as_deref()?;
    let bytes = std::fs::read(&d.source).ok()?;
    if crate::sha256_hex(&bytes) != sha {
        return None;
    }
    let text = crate::decode::decode(&bytes, &d.source).ok()?.text;
    (text.chars().count() == d.chars).then_some(text)
}

/// A document column.
#[derive(Debug, Clone, Serialize)]
pub struct Column {
    /// The document's `source`.
    pub source: String,
    /// The document's issuer.
    pub issuer: Option<String>,
    /// The jurisdiction the document is about, which heads the column when known.
    pub place: Option<String>,
    /// The document's year: from its date, else the end of its period.
    pub year: Option<i32>,
    /// The column heading: place (else issuer, else file stem) and year, with the file stem
    /// added where two columns would read the same.
    pub label: String,
}

/// One target in a cell.
#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    /// The target's id in its document (`T3`).
    pub target: String,
    /// `≥30% 增长 (目标, 2023)`.
    pub display: String,
    /// The value in the written unit.
    pub value: f64,
    /// The upper end of a range.
    pub value_max: Option<f64>,
    /// The unit as written.
    pub unit: String,
    /// The value with the magnitude folded in, when the unit is known.
    pub normalized_value: Option<f64>,
    /// The unit of `normalized_value`.
    pub normalized_unit: Option<String>,
    /// How the value bounds the quantity.
    pub comparator: Comparator,
    /// The target's status (the row's).
    pub status: Status,
    /// The target's year (the row's).
    pub year: Option<i32>,
    /// The source clause.
    pub text: String,
    /// Code-point span of the number, for linking to the highlight.
    pub span: [usize; 2],
}

/// One indicator, measure, status and year across documents.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// The canonical indicator id, for a row of a canonical indicator.
    pub canonical: Option<String>,
    /// The Chinese name (canonical) or the indicator text as written.
    pub indicator: String,
    /// The canonical indicator's English name.
    pub english: Option<String>,
    /// The canonical indicator's category.
    pub category: Option<String>,
    /// The measure every cell shares.
    pub measure: Measure,
    /// The status every cell shares.
    pub status: Status,
    /// The year every cell shares; `None` for undated targets.
    pub year: Option<i32>,
    /// One list per column (empty: the document does not state it).
    pub cells: Vec<Vec<Cell>>,
}

impl Row {
    /// How many documents state the row.
    pub fn documents(&self) -> usize {
        self.cells.iter().filter(|c| !c.is_empty()).count()
    }

    /// `目标 2024`: the status and year every cell of the row shares.
    pub fn when(&self) -> String {
        match self.year {
            Some(y) => format!("{} {y}", status_zh(self.status)),
            None => status_zh(self.status).to_string(),
        }
    }
}

type CountOf = fn(&Counts) -> usize;

/// The per-document count rows of a comparison: Chinese label, English label, value.
pub const COUNT_ROWS: [(&str, &str, CountOf); 8] = [
    ("目标", "targets: target", |k| k.targets_target),
    ("目标", "targets: achieved", |k| k.targets_achieved),
    ("目标", "targets: fact", |k| k.targets_fact),
    ("无指标", "targets without indicator", |k| k.targets_without_indicator),
    ("项目", "projects: construction", |k| k.projects_construction),
    ("项目", "projects: program", |k| k.projects_program),
    ("单位", "units", |k| k.units),
    ("任务", "tasks", |k| k.tasks),
];

/// Per-document counts.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Counts {
    /// Targets with status `target`.
    pub targets_target: usize,
    /// Targets with status `achieved`.
    pub targets_achieved: usize,
    /// Targets with status `fact`.
    pub targets_fact: usize,
    /// Targets with neither a canonical indicator nor indicator text (in no row).
    pub targets_without_indicator: usize,
    /// Projects of kind `construction`.
    pub projects_construction: usize,
    /// Projects of kind `program`.
    pub projects_program: usize,
    /// Distinct responsible units.
    pub units: usize,
    /// Tasks.
    pub tasks: usize,
}

/// A project or unit named in more than one document.
#[derive(Debug, Clone, Serialize)]
pub struct Shared {
    /// The name as written (a project's alias counts as its name).
    pub name: String,
    /// Column indexes of the documents that name it.
    pub documents: Vec<usize>,
}

/// The whole comparison.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    /// One per readable document, in input order.
    pub columns: Vec<Column>,
    /// Canonical indicators in dictionary order, then the rest, those stated by more
    /// documents first.
    pub rows: Vec<Row>,
    /// One per column.
    pub counts: Vec<Counts>,
    /// Projects named in two or more documents.
    pub shared_projects: Vec<Shared>,
    /// Units named in two or more documents.
    pub shared_units: Vec<Shared>,
    /// Inputs that could not be read: (source, error).
    pub failed: Vec<(String, String)>,
}

impl Comparison {
    /// The rows stated by two or more documents (like with like: same indicator, measure,
    /// status and year), and the rest, listed apart. With one document every row is shared.
    pub fn split(&self) -> (Vec<&Row>, Vec<&Row>) {
        if self.columns.len() < 2 {
            return (self.rows.iter().collect(), Vec::new());
        }
        self.rows.iter().partition(|r| r.documents() >= 2)
    }
}

fn year_of(d: &Document) -> Option<i32> {
    let from_date = d.date.as_deref().and_then(|s| s.get(..4)).and_then(|y| y.parse().ok());
    from_date.or(d.period.map(|p| p[1]))
}

fn stem(source: &str) -> String {
    std::path::Path::new(source).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

/// The comparator as a reader expects it (`≥`), empty for `=`.
pub fn comparator_sign(c: Comparator) -> &'static str {
    match c {
        Comparator::Eq | Comparator::Range => "",
        Comparator::Ge => "≥",
        Comparator::Gt => ">",
        Comparator::Le => "≤",
        Comparator::Lt => "<",
        Comparator::Approx => "约",
    }
}

/// The measure in Chinese (`增长`), as cells and reports show it.
pub fn measure_zh(m: Measure) -> &'static str {
    match m {
        Measure::Level => "总量",
        Measure::Growth => "增长",
        Measure::Share => "占比",
    }
}

/// The status in Chinese (`目标`), as cells and reports show it.
pub fn status_zh(s: Status) -> &'static str {
    match s {
        Status::Target => "目标",
        Status::Achieved => "完成",
        Status::Fact => "现状",
    }
}

/// `≥30% 增长 (目标, 2023)`.
pub fn display(t: &Target) -> String {
    let value = match t.value_max {
        Some(max) => format!("{}–{}", num(t.value), num(max)),
        None => num(t.value),
    };
    let year = t.year.map(|y| format!(", {y}")).unwrap_or_default();
    format!(
        "{}{}{} {} ({}{})",
        comparator_sign(t.comparator),
        value,
        t.unit,
        measure_zh(t.measure),
        status_zh(t.status),
        year
    )
}

fn measure_rank(m: Measure) -> u8 {
    match m {
        Measure::Level => 0,
        Measure::Growth => 1,
        Measure::Share => 2,
    }
}

fn status_rank(s: Status) -> u8 {
    match s {
        Status::Target => 0,
        Status::Achieved => 1,
        Status::Fact => 2,
    }
}

/// Builds the comparison of the loaded inputs (error records are listed, not columns).
pub fn build(loaded: &[Loaded], canon: &Canonicalizer) -> Comparison {
    let docs: Vec<&Document> = loaded
        .iter()
        .filter_map(|l| match &l.record {
            Record::Document(d) => Some(d.as_ref()),
            Record::Error(_) => None,
        })
        .collect();
    let failed = loaded
        .iter()
        .filter_map(|l| match &l.record {
            Record::Error(e) => Some((e.source.clone(), e.error.clone())),
            Record::Document(_) => None,
        })
        .collect();

    let mut columns: Vec<Column> = docs
        .iter()
        .map(|d| {
            let year = year_of(d);
            let who = d.place.clone().or_else(|| d.issuer.clone()).unwrap_or_else(|| stem(&d.source));
            let label = match year {
                Some(y) => format!("{who} {y}"),
                None => who,
            };
            Column { source: d.source.clone(), issuer: d.issuer.clone(), place: d.place.clone(), year, label }
        })
        .collect();
    let labels: Vec<String> = columns.iter().map(|c| c.label.clone()).collect();
    for c in &mut columns {
        if labels.iter().filter(|l| **l == c.label).count() > 1 {
            c.label = format!("{} [{}]", c.label, stem(&c.source));
        }
    }

    // Row key: (group, order, key text, measure, status, year). Canonical rows come in
    // dictionary order; an undated row after the dated ones.
    type Key = (u8, usize, String, u8, u8, i32);
    let order: BTreeMap<&str, usize> =
        canon.indicators().iter().enumerate().map(|(i, ind)| (ind.id.as_str(), i)).collect();
    let mut rows: BTreeMap<Key, Row> = BTreeMap::new();
    let mut counts = vec![Counts::default(); docs.len()];
    for (col, d) in docs.iter().enumerate() {
        let c = &mut counts[col];
        for t in &d.targets {
            match t.status {
                Status::Target => c.targets_target += 1,
                Status::Achieved => c.targets_achieved += 1,
                Status::Fact => c.targets_fact += 1,
            }
            let ind = canon.get(t.canonical.as_deref().unwrap_or(""));
            let (m, st, y) = (measure_rank(t.measure), status_rank(t.status), t.year.unwrap_or(i32::MAX));
            let key: Key = match (ind, t.indicator.as_deref().map(str::trim)) {
                (Some(ind), _) => {
                    (0, order.get(ind.id.as_str()).copied().unwrap_or(0), ind.id.clone(), m, st, y)
                }
                (None, Some(text)) if !text.is_empty() => (1, 0, text.to_string(), m, st, y),
                _ => {
                    c.targets_without_indicator += 1;
                    continue;
                }
            };
            let row = rows.entry(key).or_insert_with(|| Row {
                canonical: ind.map(|i| i.id.clone()),
                indicator: ind.map(|i| i.name.clone()).or_else(|| t.indicator.clone()).unwrap_or_default(),
                english: ind.map(|i| i.english.clone()),
                category: ind.map(|i| i.category.clone()),
                measure: t.measure,
                status: t.status,
                year: t.year,
                cells: vec![Vec::new(); docs.len()],
            });
            row.cells[col].push(Cell {
                target: t.id.clone(),
                display: display(t),
                value: t.value,
                value_max: t.value_max,
                unit: t.unit.clone(),
                normalized_value: t.normalized.as_ref().map(|n| n.value),
                normalized_unit: t.normalized.as_ref().map(|n| n.unit.clone()),
                comparator: t.comparator,
                status: t.status,
                year: t.year,
                text: t.text.clone(),
                span: t.span,
            });
        }
        for p in &d.projects {
            match p.kind {
                ProjectKind::Construction => c.projects_construction += 1,
                ProjectKind::Program => c.projects_program += 1,
            }
        }
        c.units = d.units.len();
        c.tasks = d.tasks.len();
    }
    // Uncanonicalised rows: those shared by more documents first, then by text.
    type Keyed = Vec<(Key, Row)>;
    let (canonical, mut other): (Keyed, Keyed) = rows.into_iter().partition(|(k, _)| k.0 == 0);
    other.sort_by_key(|(k, r)| {
        (std::cmp::Reverse(r.cells.iter().filter(|c| !c.is_empty()).count()), k.clone())
    });
    let rows = canonical.into_iter().chain(other).map(|(_, r)| r).collect();

    let shared = |names: Vec<BTreeSet<String>>| -> Vec<Shared> {
        let mut by: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (col, set) in names.into_iter().enumerate() {
            for n in set {
                by.entry(n).or_default().push(col);
            }
        }
        by.into_iter()
            .filter(|(_, v)| v.len() > 1)
            .map(|(name, documents)| Shared { name, documents })
            .collect()
    };
    let shared_projects = shared(
        docs.iter()
            .map(|d| {
                d.projects
                    .iter()
                    .flat_map(|p| std::iter::once(p.name.clone()).chain(p.aliases.clone()))
                    .collect()
            })
            .collect(),
    );
    let shared_units =
        shared(docs.iter().map(|d| d.units.iter().map(|u| u.name.clone()).collect()).collect());
    Comparison { columns, rows, counts, shared_projects, shared_units, failed }
}

/// A bar chart of one canonical row: the documents' values in one unit (the normalised
/// unit when there is one).
pub struct Chart<'a> {
    /// The row drawn.
    pub row: &'a Row,
    /// The unit of every bar.
    pub unit: String,
    /// One bar per column: the column's first value in `unit`, `None` when it has none.
    pub bars: Vec<Option<(f64, &'a Cell)>>,
}

/// The charts worth drawing: canonical indicators that two or more documents state in the
/// same normalised unit, measure, status and year (one row is all of these but the unit).
pub fn charts(cmp: &Comparison) -> Vec<Chart<'_>> {
    let mut charts = Vec::new();
    for r in cmp.rows.iter().filter(|r| r.canonical.is_some()) {
        // unit → per document the first value in that unit
        let mut by_unit: BTreeMap<String, Vec<Option<(f64, &Cell)>>> = BTreeMap::new();
        for (col, cells) in r.cells.iter().enumerate() {
            for c in cells {
                let unit = c.normalized_unit.clone().unwrap_or_else(|| c.unit.clone());
                let v = c.normalized_value.unwrap_or(c.value);
                let slot = by_unit.entry(unit).or_insert_with(|| vec![None; r.cells.len()]);
                if slot[col].is_none() && v.is_finite() {
                    slot[col] = Some((v, c));
                }
            }
        }
        for (unit, bars) in by_unit {
            if bars.iter().filter(|v| v.is_some()).count() >= 2 {
                charts.push(Chart { row: r, unit, bars });
            }
        }
    }
    charts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::test_doc;

    #[test]
    fn saved_output_is_an_object_an_array_or_lines() {
        let rec = serde_json::to_string(&Record::Document(Box::new(test_doc("投资50亿元。\n")))).unwrap();
        assert_eq!(parse_records("a.json", rec.as_bytes()).unwrap().len(), 1);
        assert_eq!(parse_records("a.json", format!("[{rec},{rec}]").as_bytes()).unwrap().len(), 2);
        assert_eq!(parse_records("a.jsonl", format!("{rec}\n\n{rec}\n").as_bytes()).unwrap().len(), 2);
        let e = parse_records("a.jsonl", format!("{rec}\nnot json\n").as_bytes()).unwrap_err();
        assert_eq!(e.to_string(), "a.jsonl:2: not zhengce/1 JSON");
        assert_eq!(parse_records("b.json", b"\xff").unwrap_err().to_string(), "b.json: not UTF-8");
    }

    #[test]
    fn one_row_per_indicator_measure_status_and_year_one_column_per_document() {
        let canon = Canonicalizer::new(&crate::lexicon::Lexicons::embedded().unwrap()).unwrap();
        let doc = |text: &str| Loaded { record: Record::Document(Box::new(test_doc(text))), text: None };
        let loaded = [
            doc("2024年地区生产总值达到500亿元,增长6%。\n"),
            doc("2024年地区生产总值达到550亿元。\n2023年地区生产总值完成480亿元。\n"),
            Loaded { record: Record::Error(crate::ErrorRecord::new("x.pdf", "no text")), text: None },
        ];
        let cmp = build(&loaded, &canon);
        assert_eq!(cmp.columns.len(), 2);
        assert_eq!(cmp.failed, vec![("x.pdf".to_string(), "no text".to_string())]);
        for r in &cmp.rows {
            for c in r.cells.iter().flatten() {
                assert_eq!((c.status, c.year), (r.status, r.year), "{r:?}");
            }
        }
        let level = cmp
            .rows
            .iter()
            .find(|r| r.measure == Measure::Level && r.year == Some(2024))
            .expect("a 2024 level row");
        assert!(level.cells.iter().all(|c| c.len() == 1), "{level:?}");
        // The 2024 levels side by side; the 2023 figure stands apart, in no chart.
        let charts = charts(&cmp);
        assert_eq!(charts.len(), 1);
        assert_eq!(charts[0].row.year, Some(2024));
        assert_eq!(cmp.rows.iter().filter(|r| r.documents() == 1).count(), 2, "{:#?}", cmp.rows);
    }
}

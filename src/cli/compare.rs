//! `zhengce compare`: documents side by side. Rows are indicators (canonical ones first,
//! then the rest grouped by their indicator text), split by measure; columns are documents.
//! Inputs are documents (extracted on the fly) or saved `extract` JSON/JSONL, so a large
//! batch is extracted once and compared many times.

use super::inputs::{self, Input};
use super::InputArgs;
use anyhow::{bail, Context as _};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use zhengce::canonical::Canonicalizer;
use zhengce::document::{Comparator, Document, Measure, ProjectKind, Record, Status, Target};

/// Compare the targets, projects and units of several documents side by side.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  zhengce compare a.txt b.txt\n  zhengce extract corpus --format jsonl > all.jsonl && zhengce compare all.jsonl --format csv > cmp.csv\n  zhengce compare a.txt b.txt --format html -o cmp.html"
)]
pub struct Args {
    /// Documents, or `zhengce extract` output (.json / .jsonl) to compare without re-extracting.
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Md)]
    pub format: Format,
    /// Write to FILE instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Markdown tables with the source clauses as footnotes.
    Md,
    /// One row per indicator and measure, two columns (cell, source) per document.
    Csv,
    /// The comparison as JSON.
    Json,
    /// A self-contained HTML page with tables and bar charts.
    Html,
}

/// One input after loading: its record and, when it was extracted here, its text.
pub struct Loaded {
    pub record: Record,
    pub text: Option<String>,
}

fn is_json(input: &Input) -> bool {
    match input {
        Input::File { path, .. } => {
            matches!(path.extension().and_then(|e| e.to_str()), Some("json" | "jsonl" | "ndjson"))
        }
        _ => false,
    }
}

/// Parses `extract` output: one object, an array, or one object per line.
fn parse_records(source: &str, bytes: &[u8]) -> anyhow::Result<Vec<Record>> {
    let text = std::str::from_utf8(bytes).with_context(|| format!("{source}: not UTF-8"))?;
    let trimmed = text.trim_start_matches('\u{feff}').trim();
    if trimmed.starts_with('[') {
        return serde_json::from_str(trimmed).with_context(|| format!("{source}: not zhengce/1 JSON"));
    }
    if let Ok(r) = serde_json::from_str::<Record>(trimmed) {
        return Ok(vec![r]);
    }
    trimmed
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l).with_context(|| format!("{source}:{}: not zhengce/1 JSON", i + 1))
        })
        .collect()
}

/// Reads every input: JSON records as they are (canonical ids filled where missing),
/// other files through the pipeline, keeping the decoded text for the report.
pub fn load(input: &InputArgs) -> anyhow::Result<(Vec<Loaded>, Canonicalizer)> {
    let globs = inputs::globs(&input.globs).context("bad --glob pattern")?;
    let list = inputs::expand(&input.paths, &globs);
    if list.is_empty() {
        bail!("no input files found");
    }
    let mut pipeline = None;
    let canon = Canonicalizer::new()?;
    let mut out = Vec::new();
    for inp in &list {
        let source = inp.source();
        let bytes = match inp.read() {
            Ok(b) => b,
            Err(e) => {
                out.push(Loaded { record: Record::Error(zhengce::ErrorRecord::new(source, e)), text: None });
                continue;
            }
        };
        if is_json(inp) {
            for mut record in parse_records(&source, &bytes)? {
                if let Record::Document(d) = &mut record {
                    for t in d.targets.iter_mut().filter(|t| t.canonical.is_none()) {
                        canon.apply_target(t);
                    }
                }
                let text = match &record {
                    Record::Document(d) => source_text(d),
                    Record::Error(_) => None,
                };
                out.push(Loaded { record, text });
            }
        } else {
            if pipeline.is_none() {
                pipeline = Some(input.pipeline()?);
            }
            let p = pipeline.as_ref().expect("pipeline was just built");
            let (record, text) = p.extract_with_text(&source, &bytes);
            out.push(Loaded { record, text });
        }
    }
    Ok((out, canon))
}

/// The decoded text of a saved record's source file, when the file is still there and
/// unchanged (same sha256), so a report from saved JSON can still show highlights.
fn source_text(d: &Document) -> Option<String> {
    let sha = d.sha256.as_deref()?;
    let bytes = std::fs::read(&d.source).ok()?;
    if zhengce::sha256_hex(&bytes) != sha {
        return None;
    }
    let text = zhengce::decode::decode(&bytes, &d.source).ok()?.text;
    (text.chars().count() == d.chars).then_some(text)
}

/// A document column.
#[derive(Debug, Clone, Serialize)]
pub struct Column {
    pub source: String,
    pub issuer: Option<String>,
    pub year: Option<i32>,
    pub label: String,
}

/// One target in a cell.
#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    pub target: String,
    /// `≥30% 增长 (目标, 2023)`.
    pub display: String,
    pub value: f64,
    pub value_max: Option<f64>,
    pub unit: String,
    pub normalized_value: Option<f64>,
    pub normalized_unit: Option<String>,
    pub comparator: Comparator,
    pub status: Status,
    pub year: Option<i32>,
    /// The source clause.
    pub text: String,
    /// Code-point span of the number, for linking to the highlight.
    pub span: [usize; 2],
}

/// One indicator and measure across documents.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub canonical: Option<String>,
    /// The Chinese name (canonical) or the indicator text as written.
    pub indicator: String,
    pub english: Option<String>,
    pub category: Option<String>,
    pub measure: Measure,
    /// One list per column (empty: the document does not state it).
    pub cells: Vec<Vec<Cell>>,
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
    pub targets_target: usize,
    pub targets_achieved: usize,
    pub targets_fact: usize,
    pub targets_without_indicator: usize,
    pub projects_construction: usize,
    pub projects_program: usize,
    pub units: usize,
    pub tasks: usize,
}

/// A project or unit named in more than one document.
#[derive(Debug, Clone, Serialize)]
pub struct Shared {
    pub name: String,
    /// Column indexes of the documents that name it.
    pub documents: Vec<usize>,
}

/// The whole comparison.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    pub counts: Vec<Counts>,
    pub shared_projects: Vec<Shared>,
    pub shared_units: Vec<Shared>,
    /// Inputs that could not be read: (source, error).
    pub failed: Vec<(String, String)>,
}

fn year_of(d: &Document) -> Option<i32> {
    let from_date = d.date.as_deref().and_then(|s| s.get(..4)).and_then(|y| y.parse().ok());
    from_date.or(d.period.map(|p| p[1]))
}

fn stem(source: &str) -> String {
    std::path::Path::new(source).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

fn num(v: f64) -> String {
    zhengce::output::num(v)
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

pub fn measure_zh(m: Measure) -> &'static str {
    match m {
        Measure::Level => "总量",
        Measure::Growth => "增长",
        Measure::Share => "占比",
    }
}

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
            let who = d.issuer.clone().unwrap_or_else(|| stem(&d.source));
            let label = match year {
                Some(y) => format!("{who} {y}"),
                None => who,
            };
            Column { source: d.source.clone(), issuer: d.issuer.clone(), year, label }
        })
        .collect();
    let labels: Vec<String> = columns.iter().map(|c| c.label.clone()).collect();
    for c in &mut columns {
        if labels.iter().filter(|l| **l == c.label).count() > 1 {
            c.label = format!("{} [{}]", c.label, stem(&c.source));
        }
    }

    // Row key: (group, order, key text, measure). Canonical rows come in dictionary order.
    type Key = (u8, usize, String, u8);
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
            let key: Key = match (ind, t.indicator.as_deref().map(str::trim)) {
                (Some(ind), _) => (
                    0,
                    order.get(ind.id.as_str()).copied().unwrap_or(0),
                    ind.id.clone(),
                    measure_rank(t.measure),
                ),
                (None, Some(text)) if !text.is_empty() => (1, 0, text.to_string(), measure_rank(t.measure)),
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

/// Escapes a Markdown table cell.
fn md_cell(s: &str) -> String {
    s.replace('\\', "\\\\").replace('|', "\\|").replace(['\n', '\r'], " ")
}

fn row_label(r: &Row) -> String {
    match (&r.english, &r.category) {
        (Some(en), Some(cat)) => format!("{} ({en}; {cat})", r.indicator),
        _ => r.indicator.clone(),
    }
}

/// Markdown: the indicator table with footnoted clauses, counts, shared names.
pub fn markdown(c: &Comparison) -> String {
    let mut s = String::new();
    s.push_str("# 对比 Comparison\n\n");
    for (i, col) in c.columns.iter().enumerate() {
        s.push_str(&format!("- D{}: {} — `{}`\n", i + 1, md_cell(&col.label), md_cell(&col.source)));
    }
    s.push_str("\n## 指标 Indicators\n\n| 指标 Indicator | 口径 Measure |");
    for (i, col) in c.columns.iter().enumerate() {
        s.push_str(&format!(" D{} {} |", i + 1, md_cell(&col.label)));
    }
    s.push_str("\n|---|---|");
    s.push_str(&"---|".repeat(c.columns.len()));
    s.push('\n');
    let mut notes = Vec::new();
    for r in &c.rows {
        s.push_str(&format!("| {} | {} |", md_cell(&row_label(r)), r.measure.as_str()));
        for (col, cells) in r.cells.iter().enumerate() {
            if cells.is_empty() {
                s.push_str(" — |");
                continue;
            }
            let parts: Vec<String> = cells
                .iter()
                .map(|cell| {
                    notes.push(format!("D{} {}: {}", col + 1, cell.target, cell.text));
                    format!("{}[^{}]", md_cell(&cell.display), notes.len())
                })
                .collect();
            s.push_str(&format!(" {} |", parts.join("; ")));
        }
        s.push('\n');
    }
    if c.rows.is_empty() {
        s.push_str("\n(no indicators found)\n");
    }
    s.push_str("\n## 数量 Counts\n\n| |");
    for (i, _) in c.columns.iter().enumerate() {
        s.push_str(&format!(" D{} |", i + 1));
    }
    s.push_str("\n|---|");
    s.push_str(&"---:|".repeat(c.columns.len()));
    s.push('\n');
    for (_, name, get) in COUNT_ROWS {
        s.push_str(&format!("| {name} |"));
        for k in &c.counts {
            s.push_str(&format!(" {} |", get(k)));
        }
        s.push('\n');
    }
    for (title, list) in
        [("共同项目 Shared projects", &c.shared_projects), ("共同单位 Shared units", &c.shared_units)]
    {
        s.push_str(&format!("\n## {title}\n\n"));
        if list.is_empty() {
            s.push_str("(none)\n");
        }
        for sh in list {
            let docs: Vec<String> = sh.documents.iter().map(|d| format!("D{}", d + 1)).collect();
            s.push_str(&format!("- {}: {}\n", md_cell(&sh.name), docs.join(", ")));
        }
    }
    if !c.failed.is_empty() {
        s.push_str("\n## 未能读取 Failed\n\n");
        for (src, err) in &c.failed {
            s.push_str(&format!("- `{}`: {}\n", md_cell(src), md_cell(err)));
        }
    }
    if !notes.is_empty() {
        s.push('\n');
        for (i, n) in notes.iter().enumerate() {
            s.push_str(&format!("[^{}]: {}\n", i + 1, md_cell(n)));
        }
    }
    s
}

/// CSV (UTF-8 with BOM): one row per indicator and measure; per document a cell column
/// and a source-clause column.
pub fn csv(c: &Comparison) -> anyhow::Result<Vec<u8>> {
    let mut buf = zhengce::output::csv::BOM.to_vec();
    {
        let mut w = ::csv::WriterBuilder::new().terminator(::csv::Terminator::CRLF).from_writer(&mut buf);
        let mut header =
            vec!["canonical".to_string(), "indicator".into(), "category".into(), "measure".into()];
        for col in &c.columns {
            header.push(col.label.clone());
            header.push(format!("{} source", col.label));
        }
        w.write_record(&header)?;
        for r in &c.rows {
            let mut rec = vec![
                r.canonical.clone().unwrap_or_default(),
                r.indicator.clone(),
                r.category.clone().unwrap_or_default(),
                r.measure.as_str().to_string(),
            ];
            for cells in &r.cells {
                rec.push(cells.iter().map(|x| x.display.as_str()).collect::<Vec<_>>().join("; "));
                rec.push(cells.iter().map(|x| x.text.as_str()).collect::<Vec<_>>().join(" | "));
            }
            w.write_record(&rec)?;
        }
        w.flush()?;
    }
    Ok(buf)
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let (loaded, canon) = load(&args.input)?;
    let cmp = build(&loaded, &canon);
    let bytes = match args.format {
        Format::Md => markdown(&cmp).into_bytes(),
        Format::Csv => csv(&cmp)?,
        Format::Json => {
            let mut v = serde_json::to_vec_pretty(&cmp)?;
            v.push(b'\n');
            v
        }
        Format::Html => super::report::render(&loaded, &cmp, false).into_bytes(),
    };
    match &args.output {
        Some(path) => {
            std::fs::write(path, &bytes).with_context(|| format!("cannot write {}", path.display()))?
        }
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(&bytes)?;
            out.flush()?;
        }
    }
    Ok(if cmp.failed.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

//! `zhengce compare`: documents side by side, as Markdown, CSV, JSON or HTML. The
//! comparison itself is [`zhengce::compare`]. Inputs are documents (extracted on the fly)
//! or saved `extract` JSON/JSONL, so a large batch is extracted once and compared many times.

use super::{inputs, InputArgs};
use anyhow::Context as _;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use zhengce::compare::{build, Comparison, Row, COUNT_ROWS};

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

/// One Markdown indicator table; the source clauses go to `notes` as footnotes.
fn indicator_table(s: &mut String, c: &Comparison, title: &str, rows: &[&Row], notes: &mut Vec<String>) {
    s.push_str(&format!("\n## {title}\n\n| 指标 Indicator | 口径 Measure | 状态 When |"));
    for (i, col) in c.columns.iter().enumerate() {
        s.push_str(&format!(" D{} {} |", i + 1, md_cell(&col.label)));
    }
    s.push_str("\n|---|---|---|");
    s.push_str(&"---|".repeat(c.columns.len()));
    s.push('\n');
    for r in rows {
        s.push_str(&format!("| {} | {} | {} |", md_cell(&row_label(r)), r.measure.as_str(), r.when()));
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
}

/// Markdown: the indicator tables with footnoted clauses, counts, shared names.
pub fn markdown(c: &Comparison) -> String {
    let mut s = String::new();
    s.push_str("# 对比 Comparison\n\n");
    for (i, col) in c.columns.iter().enumerate() {
        s.push_str(&format!("- D{}: {} — `{}`\n", i + 1, md_cell(&col.label), md_cell(&col.source)));
    }
    let mut notes = Vec::new();
    let (shared, apart) = c.split();
    if c.rows.is_empty() {
        s.push_str("\n## 指标 Indicators\n\n(no indicators found)\n");
    } else if shared.is_empty() {
        s.push_str("\n## 指标 Indicators\n\n(no indicator stated alike by two documents: same measure, status and year)\n");
    } else {
        indicator_table(&mut s, c, "指标 Indicators", &shared, &mut notes);
    }
    if !apart.is_empty() {
        indicator_table(&mut s, c, "仅见于一份文件 Stated in one document only", &apart, &mut notes);
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

/// CSV (UTF-8 with BOM): one row per indicator, measure, status and year; per document a
/// cell column and a source-clause column.
pub fn csv(c: &Comparison) -> anyhow::Result<Vec<u8>> {
    let mut buf = zhengce::output::csv::BOM.to_vec();
    {
        let mut w = ::csv::WriterBuilder::new().terminator(::csv::Terminator::CRLF).from_writer(&mut buf);
        let mut header = vec![
            "canonical".to_string(),
            "indicator".into(),
            "category".into(),
            "measure".into(),
            "status".into(),
            "year".into(),
        ];
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
                r.status.as_str().to_string(),
                r.year.map(|y| y.to_string()).unwrap_or_default(),
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
    let (loaded, canon) = inputs::load(&args.input)?;
    let cmp = build(&loaded, &canon);
    let bytes = match args.format {
        Format::Md => markdown(&cmp).into_bytes(),
        Format::Csv => csv(&cmp)?,
        Format::Json => {
            let mut v = serde_json::to_vec_pretty(&cmp)?;
            v.push(b'\n');
            v
        }
        Format::Html => super::report::comparison(&loaded, &cmp).into_bytes(),
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

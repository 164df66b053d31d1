//! `zhengce eval`: extracts the documents a gold directory annotates and scores them with
//! `score.py`'s matching and metrics (see `zhengce::eval` and docs/eval.md).

use super::inputs::{self, Input};
use super::InputArgs;
use anyhow::{bail, Context as _};
use rayon::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use zhengce::eval::{self, Bar, DocReport, Evaluation, Gold};
use zhengce::{ErrorRecord, Pipeline, Record};

/// Score extraction against gold annotations (the gold format of docs/eval.md).
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  zhengce eval gold/ docs/\n  zhengce eval gold/ docs/ --per-doc\n  zhengce eval gold/ a.txt b.docx --format json > scores.json\n  zhengce eval gold/ docs/ --min targets.f1=0.9 --min status.acc=0.8\n\nExit status: 0 scored (and every --min bar reached), 1 a bar not reached, 2 usage or gold errors."
)]
pub struct Args {
    /// Directory of gold files (*.json, one per document; each names its document in `doc`).
    #[arg(value_name = "GOLD_DIR")]
    pub gold: PathBuf,
    /// The documents: files, or directories searched recursively for the file names the
    /// gold files give.
    #[arg(value_name = "DOCS", required = true)]
    pub docs: Vec<PathBuf>,
    /// text: score.py's report; json: score.py's --json summary plus `per_doc`; csv: one row
    /// per document and metric.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// With text: add a table per document and each document's misses and false alarms.
    #[arg(long)]
    pub per_doc: bool,
    /// With text: add a table per kind of document (the gold files' `kind` field).
    #[arg(long)]
    pub by_kind: bool,
    /// Exit with status 1 when a metric is below a bar: `targets.f1=0.9`, `status.acc=0.8`
    /// (GROUP.p|r|f1|tp|fp|fn or GROUP.acc|n; repeatable).
    #[arg(long = "min", value_name = "METRIC=VALUE", value_parser = Bar::parse)]
    pub bars: Vec<Bar>,
    /// Worker threads (default: all cores).
    #[arg(short = 'j', long, value_name = "N")]
    pub jobs: Option<usize>,
    /// A jieba user dictionary loaded after the built-in one (repeatable), as for extract.
    #[arg(long = "user-dict", value_name = "FILE")]
    pub user_dicts: Vec<PathBuf>,
    /// A directory of edited lexicons, as for extract.
    #[arg(long = "dict-dir", value_name = "DIR")]
    pub dict_dir: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
    Csv,
}

/// A gold file and the document it was found as (`None`: not among DOCS).
struct Job<'a> {
    gold: &'a Gold,
    path: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let set = eval::load_gold(&args.gold)
        .with_context(|| format!("cannot load gold from {}", args.gold.display()))?;
    if set.files.is_empty() {
        bail!("no gold files (*.json) in {}", args.gold.display());
    }
    for p in &set.shadowed {
        eprintln!(
            "zhengce: {}: another gold file annotates the same document; the later one is used",
            p.display()
        );
    }
    let jobs = find_documents(&set, &args.docs)?;
    let pipeline = InputArgs {
        paths: Vec::new(),
        globs: Vec::new(),
        user_dicts: args.user_dicts.clone(),
        dict_dir: args.dict_dir.clone(),
    }
    .pipeline()?;
    let threads = match args.jobs {
        Some(n) if n > 0 => n,
        _ => std::thread::available_parallelism().map_or(1, usize::from),
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .context("cannot start worker threads")?;
    // `collect` keeps gold order, so the output does not depend on --jobs.
    let per_doc: Vec<DocReport> = pool.install(|| jobs.par_iter().map(|j| score(&pipeline, j)).collect());
    let evaluation = Evaluation::new(per_doc);
    let short = evaluation.short_of(&args.bars);

    let mut out = std::io::stdout().lock();
    match args.format {
        Format::Text => {
            if args.per_doc {
                writeln!(out, "{}", eval::doc_table(&evaluation))?;
                for d in &evaluation.per_doc {
                    writeln!(out, "{}", eval::findings_text(d))?;
                }
            }
            if args.by_kind {
                writeln!(out, "{}", eval::kind_table(&evaluation))?;
            }
            writeln!(out, "{}", eval::text_report(&evaluation))?;
            writeln!(out, "{}", eval::summary_line(&evaluation.metrics, &short))?;
        }
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &evaluation)?;
            writeln!(out)?;
        }
        Format::Csv => out.write_all(eval::csv_report(&evaluation)?.as_bytes())?,
    }
    out.flush()?;
    if args.format != Format::Text && !short.is_empty() {
        eprintln!("SHORT: {}", short.join("; "));
    }
    Ok(if short.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// Looks each gold file's `doc` up among the given paths: the first input whose path ends
/// with it (`corpus/a.txt` for `a.txt`). Directories are searched for those names only.
fn find_documents<'a>(set: &'a eval::GoldSet, docs: &[PathBuf]) -> anyhow::Result<Vec<Job<'a>>> {
    let mut b = globset::GlobSetBuilder::new();
    for f in &set.files {
        let name = Path::new(&f.gold.doc)
            .file_name()
            .map_or(f.gold.doc.clone(), |n| n.to_string_lossy().into_owned());
        b.add(globset::Glob::new(&globset::escape(&name))?);
    }
    let inputs = inputs::expand(docs, &b.build()?);
    let mut used = vec![false; inputs.len()];
    let mut jobs = Vec::new();
    for f in &set.files {
        let doc = Path::new(&f.gold.doc);
        let mut found: Vec<(usize, &PathBuf)> = inputs
            .iter()
            .enumerate()
            .filter_map(|(i, input)| match input {
                Input::File { path, .. } if path.ends_with(doc) => Some((i, path)),
                _ => None,
            })
            .collect();
        // The shallowest match wins: `corpus/x.txt` over a twin in `corpus/original/x.txt`.
        found.sort_by_key(|(i, p)| (p.components().count(), *i));
        let path = found.first().map(|&(i, p)| {
            used[i] = true;
            p.clone()
        });
        let depth = found.first().map(|(_, p)| p.components().count());
        for (i, other) in found.iter().skip(1) {
            used[*i] = true;
            if Some(other.components().count()) != depth {
                continue; // a twin deeper down (`original/`) is expected, not a clash
            }
            eprintln!(
                "zhengce: {}: more than one document is named {}; using {} (not {})",
                f.path.display(),
                f.gold.doc,
                found[0].1.display(),
                other.display()
            );
        }
        if path.is_none() {
            eprintln!(
                "zhengce: {}: no document named {} among the given paths",
                f.path.display(),
                f.gold.doc
            );
        }
        jobs.push(Job { gold: &f.gold, path });
    }
    for (input, used) in inputs.iter().zip(used) {
        match input {
            Input::File { path, .. } if !used => {
                eprintln!("zhengce: {}: no gold file annotates it; not scored", path.display())
            }
            Input::Broken { source, error, .. } if !Path::new(source).is_dir() => {
                eprintln!("zhengce: {source}: {error}")
            }
            _ => {}
        }
    }
    Ok(jobs)
}

/// Extracts one document and scores it. A document that is not there, cannot be read or
/// makes the extractor fail counts as `score.py` counts a missing prediction.
fn score(pipeline: &Pipeline, job: &Job<'_>) -> DocReport {
    let Some(path) = &job.path else {
        let record = Record::Error(ErrorRecord::new(&job.gold.doc, "no such document among the given paths"));
        return eval::score_record(job.gold, Some(&record), None);
    };
    let source = path.to_string_lossy().into_owned();
    let input = Input::File { path: path.clone(), source: source.clone(), out: PathBuf::new() };
    let (record, text) = match input.read() {
        Ok(bytes) => {
            let run = || pipeline.extract_with_text(&source, &bytes);
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(run)).unwrap_or_else(|_| {
                let e =
                    ErrorRecord::new(&source, "internal error while extracting (please report this input)");
                (Record::Error(e), None)
            })
        }
        Err(e) => (Record::Error(ErrorRecord::new(&source, e)), None),
    };
    if let Record::Error(e) = &record {
        eprintln!("zhengce: {}: {}", source, e.error);
    }
    eval::score_record(job.gold, Some(&record), text.as_deref())
}

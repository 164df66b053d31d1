//! `zhengce extract`: the batch runner. Documents go through a rayon pool in bounded
//! chunks and come out in input order, so memory stays flat and output is byte-identical
//! whatever `--jobs` is.

use super::inputs::{self, Input};
use super::InputArgs;
use anyhow::{bail, Context as _};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Instant;
use zhengce::output::csv::{Table, TableSet, TableWriter};
use zhengce::{Pipeline, Record};

/// Extract targets, projects, units and tasks from policy documents as zhengce/1 JSON.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  zhengce extract corpus --format jsonl > corpus.jsonl\n  zhengce extract report.txt\n  zhengce extract archive/ --out-dir out/ --jobs 4 --resume\n  cat page.html | zhengce extract - --format jsonl\n  zhengce extract corpus --format csv > targets.csv\n  zhengce extract corpus --tables tables/\n  zhengce extract --files-from list.txt --shard 0/4 --format jsonl\n  printf '{\"id\":1,\"text\":\"全年增长6%。\"}\\n' | zhengce extract --input jsonl"
)]
pub struct Args {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format: a pretty JSON array (one input: one object) or one object per line.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub format: Format,
    /// Write to FILE instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE", conflicts_with = "out_dir")]
    pub output: Option<PathBuf>,
    /// Write one NAME.json per input into DIR (each file written atomically).
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// With --out-dir: skip inputs whose output exists and whose sha256 still matches.
    #[arg(long, requires = "out_dir")]
    pub resume: bool,
    /// Worker threads (default: all cores).
    #[arg(short = 'j', long, value_name = "N")]
    pub jobs: Option<usize>,
    /// Write the tables documents.csv, targets.csv, projects.csv, units.csv and tasks.csv
    /// (UTF-8 with BOM, one row per item, joined on doc_id) into DIR instead of JSON.
    #[arg(long, value_name = "DIR", conflicts_with_all = ["out_dir", "output"])]
    pub tables: Option<PathBuf>,
    /// No progress bar and no summary on standard error.
    #[arg(short, long)]
    pub quiet: bool,
    /// Also write the decoded text that all offsets refer to: NAME.txt beside NAME.json
    /// with --out-dir, otherwise INPUT.txt beside the input (report.pdf -> report.pdf.txt).
    #[arg(long)]
    pub dump_text: bool,
    /// What the PATHs hold: `files` (documents and directories) or `jsonl`, one request a
    /// line: {"id": …, "text": …}, {"id": …, "path": …} or {"id": …, "base64": …} (an
    /// optional "name" picks the decoder by its extension). Reads standard input when no
    /// PATH is given and writes one JSON line per input line, in order, carrying its id; a
    /// bad line gives an error record and the stream goes on (exit 0).
    #[arg(
        long = "input",
        value_enum,
        value_name = "KIND",
        default_value_t = InputKind::Files,
        conflicts_with_all = ["out_dir", "resume", "dump_text", "files_from"]
    )]
    pub input_kind: InputKind,
    /// Also read the paths listed in FILE, one a line ('-': standard input).
    #[arg(long, value_name = "FILE")]
    pub files_from: Option<PathBuf>,
    /// Take only every N-th input, starting from the K-th (0-based: `--shard 0/4` to
    /// `--shard 3/4` split a batch in four). With --input jsonl, every N-th line.
    #[arg(long, value_name = "K/N", value_parser = Shard::parse)]
    pub shard: Option<Shard>,
}

/// What the PATHs of `extract` hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum InputKind {
    /// Documents, directories of documents, or `-` for one document on standard input.
    Files,
    /// One JSON request a line (the line mode for pipes).
    Jsonl,
}

/// `--shard K/N`: the inputs whose index is K modulo N.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    k: usize,
    n: usize,
}

impl Shard {
    fn parse(s: &str) -> Result<Shard, String> {
        let (k, n) = s.split_once('/').ok_or("expected K/N, e.g. 0/4")?;
        let k: usize = k.trim().parse().map_err(|_| format!("K is not a number: {k}"))?;
        let n: usize = n.trim().parse().map_err(|_| format!("N is not a number: {n}"))?;
        if n == 0 || k >= n {
            return Err(format!("need 0 <= K < N, got {k}/{n}"));
        }
        Ok(Shard { k, n })
    }

    /// Whether the input at 0-based `index` belongs to this shard.
    pub fn keeps(self, index: usize) -> bool {
        index % self.n == self.k
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Json,
    Jsonl,
    /// The targets table as CSV (see --tables for all five tables).
    Csv,
}

/// What happened to one input.
enum Outcome {
    /// The record, and the decoded text when `--dump-text` asked for it.
    Done(Record, Option<String>),
    /// `--resume` found an up-to-date output.
    Skipped,
}

#[derive(Default)]
struct Summary {
    documents: usize,
    failed: usize,
    skipped: usize,
    targets: usize,
    projects: usize,
    units: usize,
    tasks: usize,
}

impl Summary {
    fn add(&mut self, o: &Outcome) {
        match o {
            Outcome::Skipped => self.skipped += 1,
            Outcome::Done(Record::Error(_), _) => self.failed += 1,
            Outcome::Done(Record::Document(d), _) => {
                self.documents += 1;
                self.targets += d.targets.len();
                self.projects += d.projects.len();
                self.units += d.units.len();
                self.tasks += d.tasks.len();
            }
        }
    }
}

/// Where records go.
enum Sink {
    Stream { out: Box<dyn Write>, format: Format, single: bool, written: usize },
    Dir { dir: PathBuf },
    Csv { out: Box<TableWriter<Box<dyn Write>>> },
    Tables { set: TableSet },
}

impl Sink {
    fn write(&mut self, input: &Input, record: &Record) -> anyhow::Result<()> {
        match self {
            Sink::Stream { out, format, single, written } => {
                match format {
                    Format::Jsonl => {
                        serde_json::to_writer(&mut *out, record)?;
                        out.write_all(b"\n")?;
                    }
                    Format::Json if *single => {
                        serde_json::to_writer_pretty(&mut *out, record)?;
                        out.write_all(b"\n")?;
                    }
                    Format::Json => {
                        out.write_all(if *written == 0 { b"[\n" } else { b",\n" })?;
                        serde_json::to_writer_pretty(&mut *out, record)?;
                    }
                    Format::Csv => unreachable!("CSV output uses Sink::Csv"),
                }
                *written += 1;
                Ok(())
            }
            Sink::Dir { dir } => {
                let path = dir.join(input.out_name());
                let mut bytes = serde_json::to_vec_pretty(record)?;
                bytes.push(b'\n');
                write_atomic(&path, &bytes)
            }
            Sink::Csv { out } => {
                out.write(record)?;
                Ok(())
            }
            Sink::Tables { set } => Ok(set.write(record)?),
        }
    }

    fn finish(&mut self) -> anyhow::Result<()> {
        if let Sink::Stream { out, format: Format::Json, single: false, written } = self {
            out.write_all(if *written == 0 { b"[]\n" } else { b"\n]\n" })?;
        }
        if let Sink::Stream { out, .. } = self {
            out.flush()?;
        }
        if let Sink::Csv { out } = self {
            out.flush()?;
        }
        if let Sink::Tables { set } = self {
            set.finish()?;
        }
        Ok(())
    }
}

/// Writes `bytes` to a temporary file beside `path`, then renames it into place, so a
/// reader (or an interrupted run) never sees half a file.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
    }
    let tmp = path.with_extension(format!("json.tmp{}", std::process::id()));
    std::fs::write(&tmp, bytes).with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("cannot rename into {}", path.display()))?;
    Ok(())
}

/// Where `--dump-text` puts an input's decoded text: NAME.txt beside NAME.json under
/// `--out-dir`; otherwise the input's own path with `.txt` appended, so that a `.txt`
/// input is never overwritten. Standard input without `--out-dir` has no place and is skipped.
pub fn text_path(input: &Input, out_dir: Option<&Path>) -> Option<PathBuf> {
    match (out_dir, input) {
        (Some(dir), _) => Some(dir.join(input.out_name().with_extension("txt"))),
        (None, Input::File { path, .. }) => {
            let mut p = path.clone().into_os_string();
            p.push(".txt");
            Some(PathBuf::from(p))
        }
        (None, _) => None,
    }
}

fn write_text(input: &Input, out_dir: Option<&Path>, text: &str) -> anyhow::Result<()> {
    match text_path(input, out_dir) {
        Some(path) => write_atomic(&path, text.as_bytes()),
        None => {
            eprintln!("zhengce: --dump-text: no place for the text of standard input without --out-dir");
            Ok(())
        }
    }
}

fn up_to_date(out: &Path, bytes: &[u8]) -> bool {
    let Ok(existing) = std::fs::read(out) else { return false };
    #[derive(serde::Deserialize)]
    struct Head {
        sha256: Option<String>,
    }
    match serde_json::from_slice::<Head>(&existing) {
        Ok(Head { sha256: Some(sha) }) => sha == zhengce::sha256_hex(bytes),
        _ => false,
    }
}

fn process(pipeline: &Pipeline, input: &Input, resume_dir: Option<&Path>, dump_text: bool) -> Outcome {
    let source = input.source();
    let bytes = match input.read() {
        Ok(b) => b,
        Err(e) => return Outcome::Done(Record::Error(zhengce::ErrorRecord::new(source, e)), None),
    };
    if let Some(dir) = resume_dir {
        if up_to_date(&dir.join(input.out_name()), &bytes) {
            return Outcome::Skipped;
        }
    }
    let run = || {
        let (r, text) = if dump_text {
            pipeline.extract_with_text(&source, &bytes)
        } else {
            (pipeline.extract_owned(&source, bytes), None)
        };
        Outcome::Done(r, text)
    };
    guarded(&source, run, |r| Outcome::Done(r, None))
}

/// Runs one extraction. The library never panics by design; this guard keeps one bad
/// input from ending a batch of thousands should a bug slip through: `failed` gets an
/// error record instead.
pub(super) fn guarded<T>(source: &str, run: impl FnOnce() -> T, failed: impl FnOnce(Record) -> T) -> T {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(run)).unwrap_or_else(|_| {
        failed(Record::Error(zhengce::ErrorRecord::new(
            source,
            "internal error while extracting (please report this input)",
        )))
    })
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let jobs = match args.jobs {
        Some(n) if n > 0 => n,
        _ => std::thread::available_parallelism().map_or(1, usize::from),
    };
    let pool =
        rayon::ThreadPoolBuilder::new().num_threads(jobs).build().context("cannot start worker threads")?;
    if args.input_kind == InputKind::Jsonl {
        return run_lines(&args, &pool, started);
    }
    let mut paths = args.input.paths.clone();
    if let Some(list) = &args.files_from {
        paths.extend(inputs::read_list(list)?);
    }
    if paths.is_empty() && args.files_from.is_none() {
        bail!("no input: give PATH... ('-' for standard input) or --files-from FILE");
    }
    let globs = inputs::globs(&args.input.globs).context("bad --glob pattern")?;
    let mut inputs = inputs::expand(&paths, &globs);
    if inputs.is_empty() {
        bail!(
            "no input files found (directories are searched for {:?}; use --glob to change)",
            globs_shown(&args.input.globs)
        );
    }
    if let Some(shard) = args.shard {
        // A shard may be empty (more shards than inputs): it writes no records.
        inputs = inputs.into_iter().enumerate().filter(|(i, _)| shard.keeps(*i)).map(|(_, x)| x).collect();
    }
    let pipeline = args.input.pipeline()?;

    let mut sink = match (&args.out_dir, &args.output) {
        _ if args.tables.is_some() => {
            let dir = args.tables.as_deref().unwrap_or(Path::new("."));
            Sink::Tables {
                set: TableSet::create(dir)
                    .with_context(|| format!("cannot create tables in {}", dir.display()))?,
            }
        }
        (None, Some(file)) if args.format == Format::Csv => {
            let f =
                std::fs::File::create(file).with_context(|| format!("cannot create {}", file.display()))?;
            let w: Box<dyn Write> = Box::new(BufWriter::new(f));
            Sink::Csv { out: Box::new(TableWriter::new(w, Table::Targets)?) }
        }
        (None, None) if args.format == Format::Csv => {
            let w: Box<dyn Write> = Box::new(BufWriter::new(std::io::stdout().lock()));
            Sink::Csv { out: Box::new(TableWriter::new(w, Table::Targets)?) }
        }
        (Some(dir), _) => {
            std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
            Sink::Dir { dir: dir.clone() }
        }
        (None, Some(file)) => {
            let f =
                std::fs::File::create(file).with_context(|| format!("cannot create {}", file.display()))?;
            Sink::Stream {
                out: Box::new(BufWriter::new(f)),
                format: args.format,
                single: inputs.len() == 1,
                written: 0,
            }
        }
        (None, None) => Sink::Stream {
            out: Box::new(BufWriter::new(std::io::stdout().lock())),
            format: args.format,
            single: inputs.len() == 1,
            written: 0,
        },
    };

    let interrupted = Arc::new(AtomicBool::new(false));
    {
        let flag = interrupted.clone();
        // The first Ctrl-C lets the files in flight finish; a second one quits at once (output
        // files are renamed into place whole, so nothing partial is left but `*.tmp*`).
        // A second handler cannot be installed (e.g. in tests); then Ctrl-C just kills us.
        let _ = ctrlc::set_handler(move || {
            if flag.swap(true, Ordering::SeqCst) {
                std::process::exit(130);
            }
        });
    }
    let progress = progress_bar(inputs.len(), args.quiet);
    let resume_dir = if args.resume { args.out_dir.as_deref() } else { None };
    let mut summary = Summary::default();
    let window = jobs * 8;
    let work = |input: &Input| process(&pipeline, input, resume_dir, args.dump_text);
    ordered_parallel(&pool, &inputs, window, &interrupted, work, |i, outcome| {
        let input = &inputs[i];
        if let Outcome::Done(record, text) = &outcome {
            sink.write(input, record)?;
            if let Some(text) = text {
                write_text(input, args.out_dir.as_deref(), text)?;
            }
        }
        summary.add(&outcome);
        if let Some(pb) = &progress {
            pb.inc(1);
        }
        Ok(())
    })?;
    sink.finish()?;
    if let Some(pb) = progress {
        pb.finish_and_clear();
    }
    let was_interrupted = interrupted.load(Ordering::SeqCst);
    if !args.quiet {
        let s = &summary;
        eprintln!(
            "zhengce: {} documents, {} targets, {} projects, {} units, {} tasks, {} failed{}{} in {:.2} s",
            s.documents,
            s.targets,
            s.projects,
            s.units,
            s.tasks,
            s.failed,
            if s.skipped > 0 { format!(", {} skipped (up to date)", s.skipped) } else { String::new() },
            if was_interrupted {
                format!(", interrupted: {} not processed", inputs.len() - s.documents - s.failed - s.skipped)
            } else {
                String::new()
            },
            started.elapsed().as_secs_f64()
        );
    }
    Ok(if was_interrupted {
        ExitCode::from(130)
    } else if summary.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The line mode: requests in, one JSON line out per request; exit 0 unless the stream
/// itself fails.
fn run_lines(args: &Args, pool: &rayon::ThreadPool, started: Instant) -> anyhow::Result<ExitCode> {
    if args.tables.is_some() || args.format == Format::Csv {
        bail!("--input jsonl writes JSON lines; --tables and --format csv need files");
    }
    let pipeline = args.input.pipeline()?;
    let mut out: Box<dyn Write> = match &args.output {
        Some(file) => Box::new(BufWriter::new(
            std::fs::File::create(file).with_context(|| format!("cannot create {}", file.display()))?,
        )),
        None => Box::new(BufWriter::new(std::io::stdout().lock())),
    };
    let (documents, failed) = super::lines::run(&pipeline, pool, &args.input.paths, args.shard, &mut out)?;
    if !args.quiet {
        eprintln!(
            "zhengce: {documents} documents, {failed} error records in {:.2} s",
            started.elapsed().as_secs_f64()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs `work` over `items` on the pool's threads and hands every result to `emit` (on the
/// calling thread) in item order, as soon as the results before it are in. At most `window` items are taken ahead of
/// the last one emitted, so memory stays bounded however slow one item is, and no thread
/// waits for a whole chunk to finish. Once `stop` is set no new item is taken; the items
/// already taken (always a prefix) are finished and emitted.
pub(super) fn ordered_parallel<T: Sync, R: Send>(
    pool: &rayon::ThreadPool,
    items: &[T],
    window: usize,
    stop: &AtomicBool,
    work: impl Fn(&T) -> R + Sync,
    mut emit: impl FnMut(usize, R) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    use std::collections::BTreeMap;
    use std::sync::{mpsc, Condvar, Mutex};
    // (next index to take, highest index that may be taken + 1)
    let gate = (Mutex::new((0usize, window.max(1))), Condvar::new());
    let failed = AtomicBool::new(false);
    let (tx, rx) = mpsc::channel::<(usize, R)>();
    pool.in_place_scope(|scope| {
        for _ in 0..pool.current_num_threads().max(1) {
            let tx = tx.clone();
            let (gate, failed, work) = (&gate, &failed, &work);
            scope.spawn(move |_| loop {
                let i = {
                    let mut g = gate.0.lock().unwrap_or_else(|e| e.into_inner());
                    while g.0 >= g.1
                        && g.0 < items.len()
                        && !stop.load(Ordering::SeqCst)
                        && !failed.load(Ordering::SeqCst)
                    {
                        g = gate.1.wait(g).unwrap_or_else(|e| e.into_inner());
                    }
                    if g.0 >= items.len() || stop.load(Ordering::SeqCst) || failed.load(Ordering::SeqCst) {
                        break;
                    }
                    g.0 += 1;
                    g.0 - 1
                };
                if tx.send((i, work(&items[i]))).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        let mut pending: BTreeMap<usize, R> = BTreeMap::new();
        let mut next = 0;
        let mut result = Ok(());
        let release = |n: usize| {
            let mut g = gate.0.lock().unwrap_or_else(|e| e.into_inner());
            g.1 += n;
            gate.1.notify_all();
        };
        while let Ok((i, r)) = rx.recv() {
            pending.insert(i, r);
            let mut emitted = 0;
            while let Some(r) = pending.remove(&next) {
                if result.is_ok() {
                    if let Err(e) = emit(next, r) {
                        failed.store(true, Ordering::SeqCst);
                        result = Err(e);
                    }
                }
                next += 1;
                emitted += 1;
            }
            if emitted > 0 || stop.load(Ordering::SeqCst) || failed.load(Ordering::SeqCst) {
                release(emitted);
            }
        }
        result
    })
}

fn globs_shown(user: &[String]) -> Vec<String> {
    if user.is_empty() {
        inputs::default_globs()
    } else {
        user.to_vec()
    }
}

fn progress_bar(n: usize, quiet: bool) -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    if quiet || n < 2 || !std::io::stderr().is_terminal() {
        return None;
    }
    let pb = indicatif::ProgressBar::new(n as u64);
    pb.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} documents, {per_sec}, eta {eta}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    Some(pb)
}

//! `zhengce extract --input jsonl`: the line mode for pipes (`RDD.pipe`, `xargs`, shell
//! pipelines). Each input line names one document: `{"id": …, "text": …}`, `{"id": …,
//! "path": …}` or `{"id": …, "base64": …}`, with an optional `"name"` whose extension picks
//! the decoder. Each output line is one record carrying the line's `id`, in input order
//! whatever `--jobs` is. A bad line gives an error record and the stream goes on; only a
//! failure of the stream itself (unreadable input, closed output) ends it.
//!
//! Lines are read in batches, so memory stays bounded on an endless stream.

use super::extract::{guarded, ordered_parallel, Shard};
use anyhow::Context as _;
use base64::Engine as _;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use zhengce::{ErrorRecord, Pipeline, Record};

/// One non-empty input line and where it came from.
struct Line {
    /// `-` for standard input, else the path of the file of lines.
    origin: String,
    /// 1-based line number in `origin`.
    no: usize,
    /// The line, or why it is not UTF-8.
    text: Result<String, String>,
}

/// What a line asks for. Unknown keys are ignored, so a line can carry more than this.
#[derive(Deserialize)]
struct Request {
    #[serde(default)]
    id: Value,
    text: Option<String>,
    path: Option<String>,
    base64: Option<String>,
    name: Option<String>,
}

/// A record with the `id` of its line in front.
#[derive(Serialize)]
struct WithId<'a> {
    id: &'a Value,
    #[serde(flatten)]
    record: &'a Record,
}

/// Turns one line into its `id` and record.
fn process(pipeline: &Pipeline, line: &Line) -> (Value, Record) {
    let here = format!("{}:{}", line.origin, line.no);
    let fail = |id: Value, source: &str, error: String| (id, Record::Error(ErrorRecord::new(source, error)));
    let text = match &line.text {
        Ok(t) => t,
        Err(e) => return fail(Value::Null, &here, format!("line {}: {e}", line.no)),
    };
    let req: Request = match serde_json::from_str(text) {
        Ok(r) => r,
        Err(e) => {
            return fail(Value::Null, &here, format!("line {}: not a JSON object with an id: {e}", line.no))
        }
    };
    let source = req.name.clone().or_else(|| req.path.clone()).unwrap_or(here);
    let bytes = match (&req.text, &req.path, &req.base64) {
        (Some(t), None, None) => t.as_bytes().to_vec(),
        (None, Some(p), None) => match zhengce::read_file(Path::new(p)) {
            Ok(b) => b,
            Err(e) => return fail(req.id, &source, e.to_string()),
        },
        (None, None, Some(b)) => match base64::engine::general_purpose::STANDARD.decode(b.trim()) {
            Ok(b) => b,
            Err(e) => return fail(req.id, &source, format!("line {}: bad base64: {e}", line.no)),
        },
        _ => {
            let error = format!("line {}: give exactly one of \"text\", \"path\" or \"base64\"", line.no);
            return fail(req.id, &source, error);
        }
    };
    let record = guarded(&source, || pipeline.extract_bytes(&source, &bytes), |r| r);
    (req.id, record)
}

/// Reads the lines of `sources` (standard input when empty), keeps the shard's share,
/// extracts them in batches on `pool` and writes one JSON line per input line to `out`.
/// Returns how many records were documents and how many errors.
pub fn run(
    pipeline: &Pipeline,
    pool: &rayon::ThreadPool,
    sources: &[PathBuf],
    shard: Option<Shard>,
    out: &mut dyn Write,
) -> anyhow::Result<(usize, usize)> {
    let stdin = [PathBuf::from("-")];
    let sources = if sources.is_empty() { &stdin[..] } else { sources };
    let jobs = pool.current_num_threads().max(1);
    let batch_size = jobs * 64;
    let stop = AtomicBool::new(false); // a stream has no Ctrl-C handling: it just ends
    let mut counts = (0, 0);
    let mut index = 0; // of non-empty lines over all sources, for --shard
    let mut batch: Vec<Line> = Vec::with_capacity(batch_size);
    let mut flush = |batch: &mut Vec<Line>, counts: &mut (usize, usize)| -> anyhow::Result<()> {
        let work = |line: &Line| process(pipeline, line);
        ordered_parallel(pool, batch, jobs * 8, &stop, work, |_, (id, record)| {
            match &record {
                Record::Document(_) => counts.0 += 1,
                Record::Error(_) => counts.1 += 1,
            }
            serde_json::to_writer(&mut *out, &WithId { id: &id, record: &record })?;
            out.write_all(b"\n")?;
            Ok(())
        })?;
        out.flush()?;
        batch.clear();
        Ok(())
    };
    for source in sources {
        let origin = source.to_string_lossy().into_owned();
        let mut reader: Box<dyn BufRead> = if origin == "-" {
            Box::new(std::io::stdin().lock())
        } else {
            let f = std::fs::File::open(source).with_context(|| format!("cannot open {origin}"))?;
            Box::new(std::io::BufReader::new(f))
        };
        let mut buf = Vec::new();
        let mut no = 0;
        loop {
            buf.clear();
            if reader.read_until(b'\n', &mut buf).with_context(|| format!("cannot read {origin}"))? == 0 {
                break;
            }
            no += 1;
            if buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            index += 1;
            if shard.is_some_and(|s| !s.keeps(index - 1)) {
                continue;
            }
            let text = String::from_utf8(buf.clone()).map_err(|_| "not UTF-8".to_string());
            batch.push(Line { origin: origin.clone(), no, text });
            if batch.len() >= batch_size {
                flush(&mut batch, &mut counts)?;
            }
        }
    }
    flush(&mut batch, &mut counts)?;
    Ok(counts)
}

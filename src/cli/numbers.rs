//! `zhengce numbers`: the number grammar's direct view, every quantity expression found.

use super::inputs;
use super::InputArgs;
use anyhow::Context as _;
use std::io::{BufWriter, Write};
use std::process::ExitCode;

/// Print every number expression (value, unit, normalised value, comparator), target or not.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  zhengce numbers report.txt --format jsonl\n  echo '总投资约20.4亿元,新增1-2个站点' | zhengce numbers - --format jsonl"
)]
pub struct Args {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = super::extract::Format::Jsonl)]
    pub format: super::extract::Format,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let globs = inputs::globs(&args.input.globs).context("bad --glob pattern")?;
    let inputs = inputs::expand(&args.input.paths, &globs);
    let pipeline = args.input.pipeline()?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut failed = 0;
    let records: Vec<serde_json::Value> = {
        use rayon::prelude::*;
        inputs
            .par_iter()
            .map(|input| {
                let source = input.source();
                let result = input
                    .read()
                    .and_then(|bytes| pipeline.numbers_bytes(&source, &bytes).map_err(|e| e.to_string()));
                match result {
                    Ok(r) => serde_json::to_value(r).unwrap_or_default(),
                    Err(e) => serde_json::json!({"source": source, "error": e}),
                }
            })
            .collect()
    };
    let json = args.format == super::extract::Format::Json;
    if json {
        serde_json::to_writer_pretty(&mut out, &records)?;
        out.write_all(b"\n")?;
    }
    for r in &records {
        if r.get("error").is_some() {
            failed += 1;
        }
        if !json {
            serde_json::to_writer(&mut out, r)?;
            out.write_all(b"\n")?;
        }
    }
    out.flush()?;
    Ok(if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

//! `zhengce panel`: the long panel of a set of documents (one row per place × year ×
//! canonical indicator × measure × status) as CSV for pandas, R or Stata, or JSON Lines.
//! The panel is [`zhengce::track::panel`].

use super::track::{tracker, write_out};
use super::{inputs, InputArgs};
use std::path::PathBuf;
use std::process::ExitCode;
use zhengce::track::{panel, Options};

/// Write the long panel: one row per place, year, canonical indicator, measure and status.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  zhengce panel reports/ -o panel.csv\n  zhengce panel all.jsonl --format jsonl > panel.jsonl\n\nLoad it with pandas.read_csv(\"panel.csv\", encoding=\"utf-8-sig\"), R readr::read_csv or Stata import delimited (encoding utf-8). Columns: docs/tables.md."
)]
pub struct Args {
    /// Documents, or `zhengce extract` output (.json / .jsonl).
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    pub format: Format,
    /// Write to FILE instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Treat every input as a document of this place (one place's series).
    #[arg(long, value_name = "NAME")]
    pub place: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// UTF-8 with BOM, CRLF, a header row.
    Csv,
    /// One JSON object per row and line.
    Jsonl,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let (loaded, _) = inputs::load(&args.input)?;
    let failed = loaded.iter().any(|l| matches!(l.record, zhengce::Record::Error(_)));
    let rows = tracker(&args.input)?.panel(&loaded, &Options { place: args.place.clone() });
    let bytes = match args.format {
        Format::Csv => panel::to_csv(&rows)?,
        Format::Jsonl => {
            let mut v = Vec::new();
            for r in &rows {
                serde_json::to_writer(&mut v, r)?;
                v.push(b'\n');
            }
            v
        }
    };
    write_out(&args.output, &bytes)?;
    if failed {
        for l in &loaded {
            if let zhengce::Record::Error(e) = &l.record {
                eprintln!("zhengce: {}: {}", e.source, e.error);
            }
        }
    }
    Ok(if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

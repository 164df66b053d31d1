//! `zhengce schema`: the JSON Schema of a `zhengce/1` record, for validators and for table
//! engines that take a schema instead of inferring one (Polars, DuckDB, Spark).

use std::io::Write;
use std::process::ExitCode;

/// Print the JSON Schema (draft 2020-12) of a zhengce/1 record.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  zhengce schema > zhengce-1.schema.json")]
pub struct Args {}

pub fn run(_: Args) -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    out.write_all(zhengce::schema::JSON_SCHEMA.as_bytes())?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

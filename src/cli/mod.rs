//! Command-line parsing (clap derive) and dispatch. The library does the work; this module
//! turns flags into library calls, walks inputs, and writes output.

mod compare;
mod eval;
mod extract;
mod inputs;
mod lines;
mod numbers;
mod panel;
mod report;
mod schema;
mod segment;
mod track;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// Extract numeric targets, named projects, responsible units and tasks from Chinese
/// policy documents into zhengce/1 JSON.
#[derive(Debug, Parser)]
#[command(name = "zhengce", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    Extract(extract::Args),
    Segment(segment::Args),
    Numbers(numbers::Args),
    Compare(compare::Args),
    Report(report::Args),
    Eval(eval::Args),
    Track(track::Args),
    Panel(panel::Args),
    Schema(schema::Args),
}

/// Flags shared by the subcommands that read documents.
#[derive(Debug, Clone, clap::Args)]
pub struct InputArgs {
    /// Files or directories to read ('-' for standard input). Directories are walked
    /// recursively in sorted path order. At least one, except for `extract` with
    /// --files-from or --input jsonl.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Which files to pick up in directories (repeatable; default: every format read).
    #[arg(long = "glob", value_name = "GLOB", help = glob_help())]
    pub globs: Vec<String>,
    /// A jieba user dictionary (`word [freq] [tag]` a line) loaded after the built-in one
    /// (repeatable; later files win).
    #[arg(long = "user-dict", value_name = "FILE")]
    pub user_dicts: Vec<PathBuf>,
    /// A directory laid out like `dictionaries/`: each lexicon file in it replaces the built-in
    /// one of the same name, so labels, cues and units can be changed without rebuilding.
    #[arg(long = "dict-dir", value_name = "DIR")]
    pub dict_dir: Option<PathBuf>,
}

/// The `--glob` help, with the default globs (built from the library's input kinds).
fn glob_help() -> String {
    format!(
        "Which files to pick up in directories (repeatable; default: {})",
        inputs::default_globs().join(" ")
    )
}

impl InputArgs {
    /// PATH is optional for `extract` only, so the other commands check for one here.
    fn require_paths(&self) -> Result<(), clap::Error> {
        if self.paths.is_empty() {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            return Err(cmd.error(clap::error::ErrorKind::MissingRequiredArgument, "give at least one PATH"));
        }
        Ok(())
    }

    /// Builds the pipeline with the user dictionaries.
    pub fn pipeline(&self) -> anyhow::Result<zhengce::Pipeline> {
        use anyhow::Context as _;
        let mut opts = zhengce::Options::default();
        for p in &self.user_dicts {
            let d = zhengce::segment::read_user_dict(p)
                .with_context(|| format!("cannot load user dictionary {}", p.display()))?;
            opts.user_dicts.push(d);
        }
        opts.dict_dir = self.dict_dir.clone();
        Ok(zhengce::Pipeline::with_options(&opts)?)
    }
}

/// Runs the command line and maps the outcome to an exit status: 0 all went well, 1 some
/// inputs failed, 2 usage or set-up errors.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let paths = match &cli.command {
        Command::Segment(a) => a.input.require_paths(),
        Command::Numbers(a) => a.input.require_paths(),
        Command::Compare(a) => a.input.require_paths(),
        Command::Report(a) => a.input.require_paths(),
        Command::Track(a) => a.input.require_paths(),
        Command::Panel(a) => a.input.require_paths(),
        Command::Extract(_) | Command::Eval(_) | Command::Schema(_) => Ok(()),
    };
    if let Err(e) = paths {
        let _ = e.print();
        return ExitCode::from(2);
    }
    let result = match cli.command {
        Command::Extract(a) => extract::run(a),
        Command::Segment(a) => segment::run(a),
        Command::Numbers(a) => numbers::run(a),
        Command::Compare(a) => compare::run(a),
        Command::Report(a) => report::run(a),
        Command::Eval(a) => eval::run(a),
        Command::Track(a) => track::run(a),
        Command::Panel(a) => panel::run(a),
        Command::Schema(a) => schema::run(a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            eprintln!("zhengce: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

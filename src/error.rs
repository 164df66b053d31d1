//! Typed errors of the library. The CLI adds context with `anyhow` at its edge only.

use std::path::PathBuf;

/// Everything that can go wrong in the library.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input could not be read from disk.
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The input has no text to extract (empty, binary, an image-only PDF, ...).
    #[error("{0}")]
    Unreadable(String),
    /// A lexicon could not be parsed: `line` names the bad row, `None` a problem of the
    /// whole file (not UTF-8, a form listed twice, an unknown file name).
    #[error("{file}{}: {reason}", line_suffix(.line))]
    Dictionary { file: String, line: Option<usize>, reason: String },
    /// Output could not be serialised.
    #[error("cannot serialise output: {0}")]
    Output(#[from] serde_json::Error),
    /// A gold annotation file (`zhengce eval`) is not valid JSON or lacks a required key.
    #[error("{path}: {reason}")]
    Gold { path: PathBuf, reason: String },
    /// A CSV table could not be written.
    #[error("cannot write table: {0}")]
    Table(#[from] csv::Error),
}

fn line_suffix(line: &Option<usize>) -> String {
    line.map(|l| format!(":{l}")).unwrap_or_default()
}

/// Result alias for the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

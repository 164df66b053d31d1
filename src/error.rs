//! Typed errors of the library. The CLI adds context with `anyhow` at its edge only.

use std::fmt;
use std::path::PathBuf;

/// Everything that can go wrong in the library.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file or directory other than an input (a lexicon, gold annotations, an output
    /// folder) failed at the operating-system level.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// An input file could not be read (missing, a directory, too large, ...); the
    /// message is the one written into its error record.
    #[error("{}", crate::read::message(.path, .source))]
    Read {
        /// The input file.
        path: PathBuf,
        /// What the operating system said (or a synthetic error for a file over the cap).
        #[source]
        source: std::io::Error,
    },
    /// The input has no text to extract; `kind` says why (empty, binary, a scan, ...).
    #[error("{kind}")]
    Decode {
        /// Why there is no text.
        kind: DecodeErrorKind,
    },
    /// A lexicon could not be parsed: `line` names the bad row, `None` a problem of the
    /// whole file (not UTF-8, a form listed twice, an unknown file name).
    #[error("{file}{}: {reason}", line_suffix(.line))]
    Dictionary {
        /// The lexicon's file name (`units.txt`) or path.
        file: String,
        /// The 1-based line of the bad row.
        line: Option<usize>,
        /// What is wrong, without file and line.
        reason: String,
    },
    /// A gold annotation file (`zhengce eval`) is not valid JSON or lacks a required key.
    #[error("{path}: {reason}")]
    Gold {
        /// The gold file.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
    /// Saved `extract` output (compared without re-extracting) is not UTF-8.
    #[error("{origin}: not UTF-8")]
    SavedNotUtf8 {
        /// The saved file.
        origin: String,
        /// Where the bytes stop being UTF-8.
        #[source]
        source: std::str::Utf8Error,
    },
    /// Saved `extract` output is not `zhengce/1` JSON; `origin` is `file` or `file:line`.
    #[error("{origin}: not zhengce/1 JSON")]
    SavedNotJson {
        /// `file`, or `file:line` for JSON Lines.
        origin: String,
        /// The JSON parser's error.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// Output could not be serialised or written. The source is boxed so that the
    /// serialisers' error types (`serde_json`, `csv`) stay out of this API.
    #[error("cannot {kind}: {source}")]
    Output {
        /// Which output failed.
        kind: OutputKind,
        /// The serialiser's or writer's error.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
}

fn line_suffix(line: &Option<usize>) -> String {
    line.map(|l| format!(":{l}")).unwrap_or_default()
}

/// Why an input gave no text. The messages are the ones written into error records.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DecodeErrorKind {
    /// Zero bytes.
    Empty,
    /// Text that is only white space.
    Blank,
    /// A binary file; `what` names it (`a PNG image`, `12 NUL bytes in the first 8192 bytes`).
    Binary {
        /// What the bytes look like.
        what: String,
    },
    /// A PDF without a text layer; `images`: its pages hold images (a scan).
    ScannedPdf {
        /// The pages hold images (a scan), rather than nothing at all.
        images: bool,
    },
    /// A PDF that needs a password to open.
    EncryptedPdf,
    /// A Word document without text (only images, or empty).
    EmptyDocx,
    /// An OpenDocument text (`.odt`) given as a Word document.
    OpenDocument,
    /// An Excel or PowerPoint file given as a Word document.
    NotWord,
    /// A part of a container larger than its cap; `size` when the container declared it.
    TooLarge {
        /// The part that is too large (an entry of a `.docx` archive: `word/document.xml`).
        part: String,
        /// Its size in bytes.
        size: Option<u64>,
        /// The cap in bytes.
        cap: u64,
    },
    /// A damaged or unparsable container; `detail` is the whole message, with the format.
    Malformed {
        /// The whole message, naming the format.
        detail: String,
    },
}

impl fmt::Display for DecodeErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeErrorKind::Empty => f.write_str("empty file (0 bytes)"),
            DecodeErrorKind::Blank => f.write_str("no text in the input (only white space)"),
            DecodeErrorKind::Binary { what } => write!(f, "binary file ({what}), no text to read"),
            DecodeErrorKind::ScannedPdf { images } => {
                let what = if *images { "the pages hold only images" } else { "no text on any page" };
                write!(f, "PDF has no text layer ({what}); OCR it first")
            }
            DecodeErrorKind::EncryptedPdf => {
                f.write_str("encrypted PDF that needs a password: remove the password first")
            }
            DecodeErrorKind::EmptyDocx => f.write_str("Word document has no text (only images or empty)"),
            DecodeErrorKind::OpenDocument => f.write_str("an OpenDocument (.odt) file; save it as .docx"),
            DecodeErrorKind::NotWord => f.write_str("an Excel or PowerPoint file, not a Word document"),
            DecodeErrorKind::TooLarge { part, size: Some(size), cap } => {
                write!(f, "{part} is too large ({size} bytes; the limit is {cap})")
            }
            DecodeErrorKind::TooLarge { part, size: None, cap } => {
                write!(f, "{part} is too large (more than {cap} bytes)")
            }
            DecodeErrorKind::Malformed { detail } => f.write_str(detail),
        }
    }
}

/// Which output failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum OutputKind {
    /// `zhengce/1` JSON.
    Json,
    /// A CSV table.
    Table,
}

impl fmt::Display for OutputKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            OutputKind::Json => "serialise output",
            OutputKind::Table => "write table",
        })
    }
}

impl Error {
    /// A decode error of this kind.
    pub(crate) fn decode(kind: DecodeErrorKind) -> Error {
        Error::Decode { kind }
    }

    /// A damaged input: `detail` is the whole message.
    pub(crate) fn malformed(detail: impl Into<String>) -> Error {
        Error::decode(DecodeErrorKind::Malformed { detail: detail.into() })
    }

    /// A CSV table could not be written.
    pub(crate) fn table(e: csv::Error) -> Error {
        Error::Output { kind: OutputKind::Table, source: Box::new(e) }
    }
}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Error {
        Error::Output { kind: OutputKind::Json, source: Box::new(e) }
    }
}

/// Result alias for the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    /// These strings are written into error records; changing one changes the output.
    #[test]
    fn decode_messages_are_stable() {
        let cases = [
            (DecodeErrorKind::Empty, "empty file (0 bytes)"),
            (DecodeErrorKind::Blank, "no text in the input (only white space)"),
            (
                DecodeErrorKind::Binary { what: "a PNG image".into() },
                "binary file (a PNG image), no text to read",
            ),
            (
                DecodeErrorKind::ScannedPdf { images: true },
                "PDF has no text layer (the pages hold only images); OCR it first",
            ),
            (
                DecodeErrorKind::ScannedPdf { images: false },
                "PDF has no text layer (no text on any page); OCR it first",
            ),
            (DecodeErrorKind::EncryptedPdf, "encrypted PDF that needs a password: remove the password first"),
            (DecodeErrorKind::EmptyDocx, "Word document has no text (only images or empty)"),
            (DecodeErrorKind::OpenDocument, "an OpenDocument (.odt) file; save it as .docx"),
            (DecodeErrorKind::NotWord, "an Excel or PowerPoint file, not a Word document"),
            (
                DecodeErrorKind::TooLarge { part: "word/document.xml".into(), size: Some(9), cap: 8 },
                "word/document.xml is too large (9 bytes; the limit is 8)",
            ),
            (
                DecodeErrorKind::TooLarge { part: "word/document.xml".into(), size: None, cap: 8 },
                "word/document.xml is too large (more than 8 bytes)",
            ),
        ];
        for (kind, message) in cases {
            assert_eq!(Error::decode(kind).to_string(), message);
        }
    }

    #[test]
    fn table_errors_keep_their_source() {
        let io = std::io::Error::other("disk full");
        let e = Error::table(io.into());
        assert_eq!(e.to_string(), "cannot write table: disk full");
        assert!(std::error::Error::source(&e).is_some());
    }
}

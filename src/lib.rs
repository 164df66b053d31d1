//! zhengce (政策) reads Chinese local-government policy documents (work reports, district
//! plans, three-year action plans, task lists) and turns them into structured `zhengce/1`
//! JSON: every numeric target, every named project, and every responsible unit with the
//! tasks it is assigned.
//!
//! [`Pipeline`] runs the stages, each taking the previous stage's typed output: decode
//! (bytes → text, any encoding, HTML, DOCX, PDF) → clean (normalised twin, boilerplate) →
//! structure (title, issuer, sections, sentences, tables) → segment (jieba-rs) → extract
//! (`number`, `target`, `project`, `unit`, `task`) → assemble (spans, ids, links) →
//! [`document`] (the `zhengce/1` schema types). `docs/architecture.md` says where each piece
//! lives.
//!
//! The public modules are what a user of the library needs: [`pipeline`] and [`document`],
//! [`error`], [`decode`] and [`read`] (input bytes to text, with the size cap), [`lexicon`]
//! (run with an edited copy of `dictionaries/`), and on extracted documents [`compare`]
//! (documents side by side), [`track`] (promises against results over a series of
//! reports), [`eval`] (scoring against gold annotations) and [`output`] (CSV tables);
//! [`schema`] holds the JSON Schema of `zhengce/1`. The stages themselves are hidden
//! modules, reachable for the command line, the benches and the fuzz targets but not a
//! stable API.
//!
//! ```
//! let pipeline = zhengce::Pipeline::new().unwrap();
//! let doc = pipeline.extract_text("-", "2024年全镇固定资产投资达到50亿元。\n(责任单位:经发办)\n");
//! assert_eq!(doc.schema, "zhengce/1");
//! assert!(doc.targets.iter().any(|t| t.value == 50.0 && t.unit == "亿元"));
//! assert_eq!(doc.units[0].name, "经发办");
//! ```

#![deny(missing_docs)]

mod assemble;

// The stable surface: what a user of the library needs.
pub mod compare;
pub mod decode;
pub mod document;
pub mod error;
pub mod eval;
pub mod lexicon;
pub mod output;
pub mod pipeline;
pub mod read;
pub mod schema;
pub mod track;

// The stages and their helpers. They are public only so that the benches, the fuzz
// targets and the command line (a separate crate) can reach them; they are not a stable
// API and are hidden from the docs.
#[doc(hidden)]
pub mod canonical;
#[doc(hidden)]
pub mod clean;
#[doc(hidden)]
pub mod extract;
#[doc(hidden)]
pub mod grammar;
#[doc(hidden)]
pub mod highlight;
#[doc(hidden)]
pub mod segment;
#[doc(hidden)]
pub mod structure;

pub use compare::Comparison;
pub use decode::{Decoded, InputKind};
pub use document::{Document, ErrorRecord, Record};
pub use error::{Error, Result};
pub use lexicon::Lexicons;
pub use pipeline::{Options, Pipeline};
pub use read::read_file;
pub use track::{Ledger, Tracker};

/// Hex SHA-256 of some bytes (recorded per document so `--resume` can see changed inputs).
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in digest {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

//! zhengce (政策) reads Chinese local-government policy documents (work reports, district
//! plans, three-year action plans, task lists) and turns them into structured `zhengce/1`
//! JSON: every numeric target, every named project, and every responsible unit with the
//! tasks it is assigned.
//!
//! The pipeline runs in stages, each a module named after what it does, each taking the
//! previous stage's typed output:
//!
//! [`decode`] (bytes → text, any encoding, HTML) → [`clean`] (normalised twin, boilerplate)
//! → [`structure`] (title, issuer, sections, sentences) → [`segment`] (jieba-rs) →
//! [`extract`] (`number`, `target`, `project`, `unit`, `task`) → [`assemble`] (spans, ids,
//! links) → [`document`] (the `zhengce/1` schema types).
//!
//! On extracted documents: [`compare`] (documents side by side), [`track`] (promises
//! against results over a series of reports), [`highlight`] (what a report marks in the
//! text) and [`output`] (CSV tables). [`read_file`] reads an input with the size cap;
//! [`schema`] holds the JSON Schema of `zhengce/1`.
//!
//! ```
//! let pipeline = zhengce::Pipeline::new().unwrap();
//! let doc = pipeline.extract_text("-", "2024年全镇固定资产投资达到50亿元。\n(责任单位:经发办)\n");
//! assert_eq!(doc.schema, "zhengce/1");
//! assert!(doc.targets.iter().any(|t| t.value == 50.0 && t.unit == "亿元"));
//! assert_eq!(doc.units[0].name, "经发办");
//! ```

pub mod assemble;
pub mod canonical;
pub mod clean;
pub mod compare;
pub mod decode;
pub mod document;
pub mod error;
pub mod eval;
pub mod extract;
pub mod grammar;
pub mod highlight;
pub mod lexicon;
pub mod output;
pub mod pipeline;
pub mod read;
pub mod schema;
pub mod segment;
pub mod structure;
pub mod track;

pub use document::{Document, ErrorRecord, Record};
pub use error::{Error, Result};
pub use pipeline::{Options, Pipeline};
pub use read::read_file;

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

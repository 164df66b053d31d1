//! The `zhengce/1` output types (see `SCHEMA.md` in the shared folder and the README).
//!
//! These are the serialisation types only. Field order here is the field order in the
//! JSON, so output stays byte-stable. Every field is written in every record (`null` or
//! `[]` when empty), so tools that infer a schema from the first rows (Polars, DuckDB) see
//! one shape; `#[serde(default)]` still reads JSON saved before a field existed. Every
//! `span` is `[start, end)` in code points of the decoded input text.

mod qualifier;

pub use qualifier::{Base, Binding, Hedge};

use serde::{Deserialize, Serialize};

/// The schema tag written into every record.
pub const SCHEMA: &str = "zhengce/1";

/// A `[start, end)` range in code points of the decoded text.
pub type Span = [usize; 2];

/// One document's extraction result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub schema: String,
    pub source: String,
    pub encoding: String,
    pub title: Option<String>,
    pub issuer: Option<String>,
    /// The jurisdiction the document is about (`松江区`, `天门市`, `七宝镇`).
    #[serde(default)]
    pub place: Option<String>,
    pub date: Option<String>,
    pub period: Option<[i32; 2]>,
    pub chars: usize,
    /// Hex SHA-256 of the input bytes, so `--resume` can tell whether an input changed.
    #[serde(default)]
    pub sha256: Option<String>,
    pub sections: Vec<Section>,
    pub targets: Vec<Target>,
    pub projects: Vec<Project>,
    pub units: Vec<Unit>,
    pub tasks: Vec<Task>,
    /// Code-point spans of web boilerplate (copyright lines, share buttons, ...) that
    /// extraction skipped.
    #[serde(default)]
    pub boilerplate: Vec<Span>,
    /// For PDF input: the code-point offset where each page starts in the extracted text.
    #[serde(default)]
    pub pages: Vec<usize>,
    pub errors: Vec<String>,
}

/// A heading and the span of its whole body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub id: String,
    pub parent: Option<String>,
    pub level: u32,
    pub marker: String,
    pub title: String,
    pub span: Span,
}

/// Comparator of a quantity, as the schema spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Comparator {
    #[default]
    #[serde(rename = "=")]
    Eq,
    #[serde(rename = ">=")]
    Ge,
    #[serde(rename = ">")]
    Gt,
    #[serde(rename = "<=")]
    Le,
    #[serde(rename = "<")]
    Lt,
    #[serde(rename = "~")]
    Approx,
    #[serde(rename = "range")]
    Range,
}

impl Comparator {
    /// The schema spelling (`">="`, `"range"`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Comparator::Eq => "=",
            Comparator::Ge => ">=",
            Comparator::Gt => ">",
            Comparator::Le => "<=",
            Comparator::Lt => "<",
            Comparator::Approx => "~",
            Comparator::Range => "range",
        }
    }
}

/// What kind of quantity a target is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Measure {
    #[default]
    Level,
    Growth,
    Share,
}

impl Measure {
    pub fn as_str(self) -> &'static str {
        match self {
            Measure::Level => "level",
            Measure::Growth => "growth",
            Measure::Share => "share",
        }
    }
}

/// Whether a quantity is planned, already reached, or a description of the present.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    #[default]
    Target,
    Achieved,
    Fact,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Target => "target",
            Status::Achieved => "achieved",
            Status::Fact => "fact",
        }
    }
}

/// A quantity with the magnitude (万, 亿, 千, 百) folded into the value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Normalized {
    pub value: f64,
    #[serde(default)]
    pub value_max: Option<f64>,
    pub unit: String,
}

/// One stated quantity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Target {
    pub id: String,
    pub span: Span,
    pub text: String,
    pub indicator: Option<String>,
    pub value: f64,
    pub value_max: Option<f64>,
    pub unit: String,
    pub normalized: Option<Normalized>,
    pub comparator: Comparator,
    pub measure: Measure,
    pub status: Status,
    pub year: Option<i32>,
    #[serde(default)]
    pub hedge: Option<Hedge>,
    #[serde(default)]
    pub binding: Option<Binding>,
    #[serde(default)]
    pub base: Option<Base>,
    pub section: Option<String>,
    pub task: Option<String>,
    /// Canonical indicator id from `dictionaries/indicators.tsv`, when one matches.
    #[serde(default)]
    pub canonical: Option<String>,
    /// Category of the canonical indicator (economy, investment, fiscal, ...).
    #[serde(default)]
    pub category: Option<String>,
    /// 1-based page number for paged input (PDF).
    #[serde(default)]
    pub page: Option<usize>,
}

/// `construction` (built or run things) or `program` (named programmes and campaigns).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum ProjectKind {
    #[default]
    Construction,
    Program,
}

impl ProjectKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ProjectKind::Construction => "construction",
            ProjectKind::Program => "program",
        }
    }
}

/// Money attached to a project (`计划投资额逾60亿元`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Investment {
    pub value: f64,
    pub unit: String,
    pub normalized: Option<Normalized>,
}

/// A named project with all its mentions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Project {
    pub id: String,
    pub name: String,
    pub kind: ProjectKind,
    pub mentions: Vec<Span>,
    pub section: Option<String>,
    pub investment: Option<Investment>,
    pub year: Option<i32>,
    /// Other spellings merged into this entry (`九星城项目` for `九星城`).
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// Role counts of a unit across the document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleCounts {
    pub responsible: u32,
    pub lead: u32,
    pub support: u32,
}

/// A responsible body, aggregated over its mentions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Unit {
    pub name: String,
    pub mentions: u32,
    pub roles: RoleCounts,
}

/// The role a unit plays in a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    #[default]
    Responsible,
    Lead,
    Support,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Responsible => "responsible",
            Role::Lead => "lead",
            Role::Support => "support",
        }
    }
}

/// A unit named in a task.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskUnit {
    pub name: String,
    pub role: Role,
}

/// The smallest labelled unit of work that carries units, a deadline or targets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Task {
    pub id: String,
    pub section: Option<String>,
    pub title: String,
    pub span: Span,
    pub units: Vec<TaskUnit>,
    pub deadline: Option<String>,
    pub targets: Vec<String>,
    pub projects: Vec<String>,
}

/// The record written for an input that could not be read at all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorRecord {
    pub schema: String,
    pub source: String,
    pub error: String,
}

impl ErrorRecord {
    pub fn new(source: impl Into<String>, error: impl Into<String>) -> Self {
        ErrorRecord { schema: SCHEMA.to_string(), source: source.into(), error: error.into() }
    }
}

/// Either a document or the error record that stands in for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Record {
    Document(Box<Document>),
    Error(ErrorRecord),
}

impl Record {
    pub fn source(&self) -> &str {
        match self {
            Record::Document(d) => &d.source,
            Record::Error(e) => &e.source,
        }
    }
}

/// One number expression, as `zhengce numbers` prints it (the grammar's direct view).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NumberItem {
    pub span: Span,
    pub text: String,
    pub value: f64,
    pub value_max: Option<f64>,
    pub unit: String,
    pub normalized: Option<Normalized>,
    pub comparator: Comparator,
}

/// `zhengce numbers` output for one input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NumbersRecord {
    pub source: String,
    pub numbers: Vec<NumberItem>,
}

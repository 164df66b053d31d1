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
    /// Always [`SCHEMA`] (`zhengce/1`).
    pub schema: String,
    /// The path as given on the command line, or `-` for standard input.
    pub source: String,
    /// What the bytes were decoded from: `utf-8`, `gb18030`, `utf-16le`, ...
    pub encoding: String,
    /// The document's own title line, when it has one (never a salutation or a body
    /// sentence).
    pub title: Option<String>,
    /// The body that issues the document or gives the report, as the text names it.
    pub issuer: Option<String>,
    /// The jurisdiction the document is about (`松江区`, `天门市`, `七宝镇`).
    #[serde(default)]
    pub place: Option<String>,
    /// The signing or publication date: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub date: Option<String>,
    /// The plan period (`[2023, 2025]`); a work report's plan year as `[2024, 2024]`.
    pub period: Option<[i32; 2]>,
    /// Code points in the decoded text.
    pub chars: usize,
    /// Hex SHA-256 of the input bytes, so `--resume` can tell whether an input changed.
    #[serde(default)]
    pub sha256: Option<String>,
    /// The heading hierarchy, in text order.
    pub sections: Vec<Section>,
    /// Every stated quantity; `status` tells targets from results and facts.
    pub targets: Vec<Target>,
    /// Named projects, one entry per distinct project.
    pub projects: Vec<Project>,
    /// Bodies made responsible for work, one entry per distinct name.
    pub units: Vec<Unit>,
    /// The smallest labelled pieces of work, with their units, deadline and contents.
    pub tasks: Vec<Task>,
    /// Code-point spans of web boilerplate (copyright lines, share buttons, ...) that
    /// extraction skipped.
    #[serde(default)]
    pub boilerplate: Vec<Span>,
    /// For PDF input: the code-point offset where each page starts in the extracted text.
    #[serde(default)]
    pub pages: Vec<usize>,
    /// Non-fatal problems, such as invalid bytes that were replaced.
    pub errors: Vec<String>,
}

/// A heading and the span of its whole body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    /// `S1`, `S2`, ... in text order.
    pub id: String,
    /// The id of the enclosing section; `None` at the top level.
    pub parent: Option<String>,
    /// Depth in the hierarchy, from 1.
    pub level: u32,
    /// The list marker as written (`一、`, `(一)`, `1.`), empty for an unnumbered heading.
    pub marker: String,
    /// The heading text after the marker.
    pub title: String,
    /// The whole section: the heading and its body.
    pub span: Span,
}

/// Comparator of a quantity, as the schema spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Comparator {
    /// `=`: the value as stated.
    #[default]
    #[serde(rename = "=")]
    Eq,
    /// `>=`: at least (`以上`, `不少于`, `至少`).
    #[serde(rename = ">=")]
    Ge,
    /// `>`: more than (`超过`, `逾`, `三百余`).
    #[serde(rename = ">")]
    Gt,
    /// `<=`: at most (`以内`, `不超过`).
    #[serde(rename = "<=")]
    Le,
    /// `<`: less than (`低于`, `不足`).
    #[serde(rename = "<")]
    Lt,
    /// `~`: about (`约`, `左右`, `近`).
    #[serde(rename = "~")]
    Approx,
    /// `range`: from `value` to `value_max` (`1-2个`).
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
    /// An amount or a count.
    #[default]
    Level,
    /// A rate of change (`增长8%`, `下降5%`, `翻一番`).
    Growth,
    /// A proportion (`占比`, `覆盖率`).
    Share,
}

impl Measure {
    /// The schema spelling (`level`, `growth`, `share`).
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
    /// Planned or expected (`力争`, `确保`, `目标`, `将`).
    #[default]
    Target,
    /// Already reached, in a review of past work (`已`, `截至`, `完成`).
    Achieved,
    /// A description of the present or a rule (`占地226亩`, subsidy amounts and caps).
    Fact,
}

impl Status {
    /// The schema spelling (`target`, `achieved`, `fact`).
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
    /// The value in `unit` (`12200000000` for `122亿元`).
    pub value: f64,
    /// The upper end of a range, in `unit`.
    #[serde(default)]
    pub value_max: Option<f64>,
    /// The base unit (`元` for `亿元`); `%` stays `%`.
    pub unit: String,
}

/// One stated quantity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Target {
    /// `T1`, `T2`, ... in text order.
    pub id: String,
    /// The quantity expression itself (`122亿元`, `30%以上`, `三百余家`).
    pub span: Span,
    /// The clause the quantity stands in, between clause punctuation.
    pub text: String,
    /// What is measured, as written (`区级财政收入`).
    pub indicator: Option<String>,
    /// The value in the written unit: `122` for `122亿元`, `100` for `翻一番`.
    pub value: f64,
    /// The upper end of a range (`1亿——3亿元` gives value 1, value_max 3).
    pub value_max: Option<f64>,
    /// The unit as written, magnitude included (`亿元`, `%`, `家`).
    pub unit: String,
    /// The value with the magnitude folded in, when the unit is known.
    pub normalized: Option<Normalized>,
    /// How the value bounds the quantity.
    pub comparator: Comparator,
    /// Level, growth or share.
    pub measure: Measure,
    /// Planned, achieved or a fact.
    pub status: Status,
    /// The year the target is for, or the year of the result or fact.
    pub year: Option<i32>,
    /// How firmly the target is stated, where a word says so.
    #[serde(default)]
    pub hedge: Option<Hedge>,
    /// Binding or expected, where a plan, its table or its heading says so.
    #[serde(default)]
    pub binding: Option<Binding>,
    /// What a growth or change is measured from.
    #[serde(default)]
    pub base: Option<Base>,
    /// The id of the innermost section the quantity sits in.
    pub section: Option<String>,
    /// The id of the task the quantity belongs to.
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
    /// A construction, infrastructure or industrial project, a facility, park or platform.
    #[default]
    Construction,
    /// A named programme, campaign or brand the document launches.
    Program,
}

impl ProjectKind {
    /// The schema spelling (`construction`, `program`).
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
    /// The amount in the written unit.
    pub value: f64,
    /// The unit as written (`亿元`).
    pub unit: String,
    /// The amount in yuan.
    pub normalized: Option<Normalized>,
}

/// A named project with all its mentions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Project {
    /// `P1`, `P2`, ...
    pub id: String,
    /// The name as written, without surrounding quotes (`“”`, `《》`).
    pub name: String,
    /// Construction or programme.
    pub kind: ProjectKind,
    /// Every place the project is named.
    pub mentions: Vec<Span>,
    /// The id of the section of the first mention.
    pub section: Option<String>,
    /// The money the project's first mention gives (`计划投资额逾60亿元`).
    pub investment: Option<Investment>,
    /// The year the project's first mention gives.
    pub year: Option<i32>,
    /// Other spellings merged into this entry (`九星城项目` for `九星城`).
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// Role counts of a unit across the document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleCounts {
    /// Mentions as the responsible unit (`责任单位`).
    pub responsible: u32,
    /// Mentions as the lead unit (`牵头单位`, `X牵头`).
    pub lead: u32,
    /// Mentions as a supporting unit (`配合单位`, `Y配合`).
    pub support: u32,
}

/// A responsible body, aggregated over its mentions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Unit {
    /// The name as written (`经发办`, `各村`).
    pub name: String,
    /// How often the unit is named as responsible for work.
    pub mentions: u32,
    /// Those mentions by role.
    pub roles: RoleCounts,
}

/// The role a unit plays in a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Responsible for the work (`责任单位`).
    #[default]
    Responsible,
    /// Leads the work (`牵头单位`).
    Lead,
    /// Supports the lead (`配合单位`).
    Support,
}

impl Role {
    /// The schema spelling (`responsible`, `lead`, `support`).
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
    /// The name as written.
    pub name: String,
    /// The role the task gives it.
    pub role: Role,
}

/// The smallest labelled unit of work that carries units, a deadline or targets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Task {
    /// `K1`, `K2`, ... in text order.
    pub id: String,
    /// The id of the section the task sits in.
    pub section: Option<String>,
    /// The task's heading or, without one, its first clause.
    pub title: String,
    /// The whole task.
    pub span: Span,
    /// The units made responsible for it, with their roles.
    pub units: Vec<TaskUnit>,
    /// When it is due: `YYYY-MM` or `YYYY` (`2023年12月底` gives `2023-12`); `None` when the
    /// text gives no year (`长期坚持`).
    pub deadline: Option<String>,
    /// The ids of the targets inside it.
    pub targets: Vec<String>,
    /// The ids of the projects named inside it.
    pub projects: Vec<String>,
}

/// The record written for an input that could not be read at all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorRecord {
    /// Always [`SCHEMA`] (`zhengce/1`).
    pub schema: String,
    /// The path as given, or `-` for standard input.
    pub source: String,
    /// Why the input could not be read.
    pub error: String,
}

impl ErrorRecord {
    /// The error record of `source`.
    pub fn new(source: impl Into<String>, error: impl Into<String>) -> Self {
        ErrorRecord { schema: SCHEMA.to_string(), source: source.into(), error: error.into() }
    }
}

/// Either a document or the error record that stands in for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Record {
    /// The input was read.
    Document(Box<Document>),
    /// The input could not be read at all.
    Error(ErrorRecord),
}

impl Record {
    /// The input's path as given, whichever the record is.
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
    /// The number expression with its unit and comparator words.
    pub span: Span,
    /// The text of `span`.
    pub text: String,
    /// The value in the written unit.
    pub value: f64,
    /// The upper end of a range.
    pub value_max: Option<f64>,
    /// The unit as written, magnitude included.
    pub unit: String,
    /// The value with the magnitude folded in, when the unit is known.
    pub normalized: Option<Normalized>,
    /// How the value bounds the quantity.
    pub comparator: Comparator,
}

/// `zhengce numbers` output for one input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NumbersRecord {
    /// The input's path as given.
    pub source: String,
    /// Every number expression, in text order.
    pub numbers: Vec<NumberItem>,
}

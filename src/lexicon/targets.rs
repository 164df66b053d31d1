//! Rows of the lexicons that make a number a target: indicators and the words around them,
//! status and measure cues, time words and qualifiers.

use super::row::{columns, keyword};
use super::{FromRow, Row};
use crate::document::{Binding, Hedge, Status};

/// `indicators.tsv`: one canonical indicator with its surface forms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorRow {
    /// The stable ASCII id written into `Target.canonical` (`fiscal_revenue`).
    pub id: String,
    /// The Chinese name as usually written in plans.
    pub name: String,
    /// The English name.
    pub english: String,
    /// One of the fixed categories (`economy`, `fiscal`, ...), written into
    /// `Target.category`.
    pub category: String,
    /// Surface forms, the Chinese name first.
    pub forms: Vec<String>,
    /// The row's line, for errors found across rows.
    pub line: usize,
}

/// The categories an indicator may have; a typo in the dictionary is an error.
pub(crate) const CATEGORIES: &[&str] = &[
    "economy",
    "investment",
    "fiscal",
    "industry",
    "innovation",
    "housing",
    "education",
    "health",
    "environment",
    "governance",
    "employment",
    "trade",
    "agriculture",
    "transport",
    "culture",
];

impl FromRow for IndicatorRow {
    fn from_row(row: Row<'_>, out: &mut Vec<Self>) -> Result<(), String> {
        let cols: Vec<&str> = row.text.split('\t').map(str::trim).collect();
        // The forms column may be empty (then trimmed away with the line's end).
        if !(4..=5).contains(&cols.len()) {
            return Err(format!("expected 5 tab-separated columns, found {}", cols.len()));
        }
        let (id, name, english, category) = (cols[0], cols[1], cols[2], cols[3]);
        if id.is_empty() || !id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_') {
            return Err(format!("id {id:?} must be snake_case ASCII"));
        }
        if !CATEGORIES.contains(&category) {
            return Err(format!("unknown category {category:?} (one of {})", CATEGORIES.join(", ")));
        }
        let mut forms: Vec<String> = vec![name.to_string()];
        let more = cols.get(4).copied().unwrap_or("");
        forms.extend(more.split('|').map(str::trim).filter(|f| !f.is_empty()).map(str::to_string));
        forms.dedup();
        out.push(IndicatorRow {
            id: id.to_string(),
            name: name.to_string(),
            english: english.to_string(),
            category: category.to_string(),
            forms,
            line: row.line,
        });
        Ok(())
    }
}

/// `indicator_stop.txt`: a word that is not part of an indicator, or a verb that is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct IndicatorStop {
    pub word: String,
    pub role: StopRole,
}

/// The role of a word next to an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum StopRole {
    /// Skipped when it stands between the indicator and the number (`达到`, `同比`).
    Link,
    /// Ends the indicator (`实现`, `力争`).
    Stop,
    /// Tagged a verb but a noun inside an indicator (`预算`, `投入`).
    Noun,
}

impl FromRow for IndicatorStop {
    fn from_row(row: Row<'_>, out: &mut Vec<Self>) -> Result<(), String> {
        let [word, role] = columns(&row, "WORD ROLE")?;
        let role =
            keyword(role, &[("link", StopRole::Link), ("noun", StopRole::Noun), ("stop", StopRole::Stop)])?;
        out.push(IndicatorStop { word: word.to_string(), role });
        Ok(())
    }
}

/// `status_words.txt`: a cue for a target's status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StatusWord {
    pub word: String,
    pub status: Status,
    pub scope: CueScope,
}

/// Where a status cue counts and how much.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CueScope {
    /// In a sentence; decides on its own.
    Strong,
    /// In a sentence; only when no strong cue is near.
    Weak,
    /// In a section heading; sets the status of its body.
    Heading,
    /// In the document title; sets the document's default.
    Title,
    /// Names a policy parameter (`奖补`, `贴息`): with `给予`, `按`, `每` or a cap around a
    /// number, the number states a rule, a fact.
    Param,
}

impl FromRow for StatusWord {
    fn from_row(row: Row<'_>, out: &mut Vec<Self>) -> Result<(), String> {
        let [word, class, scope] = columns(&row, "WORD CLASS STRENGTH")?;
        let status = keyword(
            class,
            &[("target", Status::Target), ("achieved", Status::Achieved), ("fact", Status::Fact)],
        )?;
        let scope = keyword(
            scope,
            &[
                ("strong", CueScope::Strong),
                ("weak", CueScope::Weak),
                ("heading", CueScope::Heading),
                ("title", CueScope::Title),
                ("param", CueScope::Param),
            ],
        )?;
        out.push(StatusWord { word: word.to_string(), status, scope });
        Ok(())
    }
}

/// `measure_cues.txt`: a word that makes a percentage growth or a share.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MeasureCue {
    pub word: String,
    pub cue: Cue,
}

/// What a [`MeasureCue`] says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cue {
    Growth,
    Share,
}

impl FromRow for MeasureCue {
    fn from_row(row: Row<'_>, out: &mut Vec<Self>) -> Result<(), String> {
        let [word, kind] = columns(&row, "WORD KIND")?;
        let cue = keyword(kind, &[("growth", Cue::Growth), ("share", Cue::Share)])?;
        out.push(MeasureCue { word: word.to_string(), cue });
        Ok(())
    }
}

/// `time_words.txt`: a word that places a sentence in time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TimeWord {
    pub word: String,
    pub class: TimeClass,
}

/// Which year a [`TimeWord`] points to, or what it does to a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TimeClass {
    /// The document's own year (`全年`, `截至6月`).
    Current,
    /// The year before (`去年`, `过去一年`).
    LastYear,
    /// Before a number: it marks a comparison base (`较`, `比`, `与`).
    BaseMarker,
    /// After a base marker: the base period (`去年`, `上年同期`).
    BasePeriod,
    /// Before a year: the year is a plan's horizon (`到2025年`).
    Horizon,
    /// Before a change: an annual average over a period (`年均增长`).
    Annual,
}

impl FromRow for TimeWord {
    fn from_row(row: Row<'_>, out: &mut Vec<Self>) -> Result<(), String> {
        let [word, class] = columns(&row, "WORD CLASS")?;
        let class = match class {
            "current" => TimeClass::Current,
            "last_year" => TimeClass::LastYear,
            "base_marker" => TimeClass::BaseMarker,
            "base_period" => TimeClass::BasePeriod,
            "horizon" => TimeClass::Horizon,
            "annual" => TimeClass::Annual,
            c => {
                return Err(format!(
                    "{c:?} is not current, last_year, base_marker, base_period, horizon or annual"
                ))
            }
        };
        out.push(TimeWord { word: word.to_string(), class });
        Ok(())
    }
}

/// `qualifiers.txt`: how firmly a target is stated, and whether a plan binds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Qualifier {
    pub word: String,
    pub kind: QualifierKind,
}

/// The field a [`Qualifier`] sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum QualifierKind {
    Hedge(Hedge),
    Binding(Binding),
    /// Makes every quantity after it in its sentence an estimate (`预计全年…`).
    Estimate,
}

impl FromRow for Qualifier {
    fn from_row(row: Row<'_>, out: &mut Vec<Self>) -> Result<(), String> {
        let [word, field, value] = columns(&row, "WORD FIELD VALUE")?;
        let kind = match (field, value) {
            ("hedge", "firm") => QualifierKind::Hedge(Hedge::Firm),
            ("hedge", "aim") => QualifierKind::Hedge(Hedge::Aim),
            ("hedge", "about") => QualifierKind::Hedge(Hedge::About),
            ("binding", "binding") => QualifierKind::Binding(Binding::Binding),
            ("binding", "expected") => QualifierKind::Binding(Binding::Expected),
            ("estimate", "sentence") => QualifierKind::Estimate,
            (f, v) => {
                return Err(format!(
                    "`{f} {v}` is not hedge firm|aim|about, binding binding|expected or estimate sentence"
                ))
            }
        };
        out.push(Qualifier { word: word.to_string(), kind });
        Ok(())
    }
}

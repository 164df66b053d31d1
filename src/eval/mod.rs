//! `zhengce eval`: scores extraction against gold annotations with the matching and the
//! micro-averaged metrics of `../shared/eval/score.py`, so a user's own gold gives figures
//! comparable with the project's, plus what `score.py` does not give: a breakdown per
//! document and the misses and false alarms behind each figure.
//!
//! Predictions are read as JSON values, as `score.py` reads them, so that every quirk of
//! its dynamic typing (missing keys, `null`, empty strings) is matched exactly.
//!
//! ```
//! use zhengce::eval::{score_doc, Evaluation, Gold};
//! let gold: Gold = serde_json::from_str(r#"{"doc": "a.txt", "units": ["经发办"],
//!     "targets": [{"quote": "投资50亿元", "value": 50, "unit": "亿元", "status": "target"}]}"#).unwrap();
//! let text = "2024年全镇固定资产投资50亿元。\n(责任单位:经发办)\n";
//! let doc = zhengce::Pipeline::new().unwrap().extract_text("a.txt", text);
//! let pred = serde_json::to_value(&doc).unwrap();
//! let eval = Evaluation::new(vec![score_doc(&gold, Some(&pred), Some(text))]);
//! assert_eq!(eval.metrics.targets.tp, 1);
//! assert_eq!(eval.metrics.units.f1, 1.0);
//! ```

mod gold;
mod matching;
mod metrics;
mod render;
mod score;

pub use gold::{
    load_gold, read_gold, Gold, GoldFile, GoldNorm, GoldProject, GoldSet, GoldTarget, GoldTask, GoldTaskUnit,
    MetaField,
};
#[cfg(test)]
use metrics::Hits;
pub use metrics::{Accuracy, Bar, Metric, Metrics, Prf, ACC_NAMES, PRF_NAMES};
pub(crate) use metrics::{Counts, Tally};
pub use render::{csv_report, doc_table, findings_text, kind_table, summary_line, text_report};
pub use score::{score_doc, score_record};

use serde::Serialize;
use serde_json::Value;
/// Something a user can check in the document: a gold item the extraction missed, an
/// extracted item no gold item accounts for, or a field that differs.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Finding {
    /// No extraction output for the document (`score.py` scores it as an empty prediction).
    NoOutput {
        /// A missing prediction, or the extraction's error.
        reason: String,
    },
    /// A gold quote that is not in the text: the item is left out of every count, as in
    /// `score.py`. Fix the gold.
    QuoteNotFound {
        /// The gold quote.
        quote: String,
        /// The occurrence asked for (1 when the gold gives none).
        occurrence: i64,
    },
    /// A gold quote that occurs more than once without `occurrence` (the first is taken).
    AmbiguousQuote {
        /// The gold quote.
        quote: String,
        /// How often it occurs.
        count: usize,
    },
    /// A gold target no extracted quantity matches.
    MissedTarget {
        /// The gold quote.
        quote: String,
        /// The gold value (`null` when the gold gives none).
        value: Value,
        /// The gold unit.
        unit: Option<String>,
        /// The gold indicator.
        indicator: Option<String>,
        /// The gold status.
        status: Option<String>,
    },
    /// An extracted quantity that matches no gold target (optional gold items excused).
    FalseTarget {
        /// The extracted span.
        span: [i64; 2],
        /// The text of the span, when the document's text is at hand.
        quantity: String,
        /// The extracted clause.
        text: String,
        /// The extracted value (the prediction's JSON as it stands).
        value: Value,
        /// The extracted unit.
        unit: Value,
        /// The extracted status.
        status: Value,
    },
    /// A matched target whose `field` differs from the gold.
    WrongField {
        /// The gold quote.
        quote: String,
        /// The field: `indicator`, `comparator`, `measure`, `status` or `year`.
        field: &'static str,
        /// The gold's value of the field.
        gold: Value,
        /// The extracted value of the field.
        predicted: Value,
    },
    /// A gold project no extracted project matches.
    MissedProject {
        /// The gold name.
        name: String,
    },
    /// An extracted project that matches no gold project.
    ExtraProject {
        /// The extracted name.
        name: String,
    },
    /// Matched only by the lenient rule (counted right in `projects_lenient`, wrong in strict).
    LooseProject {
        /// The gold name.
        gold: String,
        /// The extracted name.
        predicted: String,
    },
    /// A gold unit not extracted.
    MissedUnit {
        /// The name, white space removed.
        name: String,
    },
    /// An extracted unit neither in the gold's units nor in its optional ones.
    ExtraUnit {
        /// The name, white space removed.
        name: String,
    },
    /// A gold task no extracted task title matches: all its units are missed.
    MissedTask {
        /// The gold task's title.
        title: String,
        /// Its units.
        units: Vec<GoldTaskUnit>,
    },
    /// A unit of a matched gold task that the extracted task lacks.
    MissedAssignment {
        /// The gold task's title.
        task: String,
        /// The unit's name, white space removed.
        unit: String,
        /// The gold role.
        role: Option<String>,
    },
    /// A unit of an extracted task that the matched gold task lacks.
    ExtraAssignment {
        /// The gold task's title.
        task: String,
        /// The unit's name, white space removed.
        unit: String,
        /// The extracted role.
        role: Option<String>,
    },
    /// A unit of a matched task with a role other than the gold's.
    WrongRole {
        /// The gold task's title.
        task: String,
        /// The unit's name, white space removed.
        unit: String,
        /// The gold role.
        gold: Option<String>,
        /// The extracted role.
        predicted: Option<String>,
    },
    /// A title, issuer or date the gold does not accept.
    WrongMeta {
        /// Which field.
        field: MetaField,
        /// The gold's main value.
        gold: Option<String>,
        /// The extracted value.
        predicted: Option<String>,
    },
}

/// The score of one document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocReport {
    /// The gold's `doc`: the document's file name.
    pub doc: String,
    /// The gold file's `kind`, if it gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// No prediction: a missing document or an extraction error.
    pub missing: bool,
    /// The document's figures.
    #[serde(flatten)]
    pub metrics: Metrics,
    /// What to check in the document, in scoring order.
    pub findings: Vec<Finding>,
    #[serde(skip)]
    pub(crate) counts: Counts,
}

/// The whole evaluation: `score.py`'s summary plus the documents.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evaluation {
    /// The figures over all documents, micro-averaged.
    #[serde(flatten)]
    pub metrics: Metrics,
    /// How many gold documents were scored.
    pub docs: usize,
    /// Documents with no prediction, in gold order.
    pub missing: Vec<String>,
    /// Each document's score, in gold order.
    pub per_doc: Vec<DocReport>,
    /// The documents grouped by their gold `kind` (those without one under `-`), each group
    /// micro-averaged on its own.
    pub by_kind: Vec<KindReport>,
    #[serde(skip)]
    pub(crate) counts: Counts,
}

/// The figures of one kind of document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KindReport {
    /// The gold `kind` (`-` for documents without one).
    pub kind: String,
    /// How many documents are of this kind.
    pub docs: usize,
    /// The kind's figures, micro-averaged over its documents.
    #[serde(flatten)]
    pub metrics: Metrics,
    #[serde(skip)]
    pub(crate) counts: Counts,
}

impl Evaluation {
    /// Sums the documents' counts (micro-averaging) and takes the ratios once.
    pub fn new(per_doc: Vec<DocReport>) -> Evaluation {
        let mut counts = Counts::default();
        let mut kinds: std::collections::BTreeMap<String, (usize, Counts)> = Default::default();
        for d in &per_doc {
            counts += d.counts;
            let k = kinds.entry(d.kind.clone().unwrap_or_else(|| "-".into())).or_default();
            k.0 += 1;
            k.1 += d.counts;
        }
        let by_kind = kinds
            .into_iter()
            .map(|(kind, (docs, c))| KindReport { kind, docs, metrics: Metrics::from_counts(&c), counts: c })
            .collect();
        Evaluation {
            by_kind,
            metrics: Metrics::from_counts(&counts),
            docs: per_doc.len(),
            missing: per_doc.iter().filter(|d| d.missing).map(|d| d.doc.clone()).collect(),
            per_doc,
            counts,
        }
    }

    /// The `--min` bars not reached, worded as `score.py` words them (`targets.f1 0.8 < 0.9`).
    /// An accuracy with nothing to judge fails its bar (`None`), as in `score.py`.
    pub fn short_of(&self, bars: &[Bar]) -> Vec<String> {
        let mut short = Vec::new();
        for bar in bars {
            let got = self.metrics.get(&bar.name).flatten();
            if got.is_none_or(|g| g < bar.min) {
                let shown = match got {
                    None => "None".to_string(),
                    Some(g) if bar.is_count() => format!("{g}"),
                    Some(g) => matching::py_float_repr(g),
                };
                short.push(format!("{} {shown} < {}", bar.name, bar.text));
            }
        }
        short
    }
}

#[cfg(test)]
mod tests;

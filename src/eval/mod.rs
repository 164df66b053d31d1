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
pub mod matching;
mod metrics;
mod render;
mod score;

pub use gold::{
    load_gold, read_gold, Gold, GoldFile, GoldNorm, GoldProject, GoldSet, GoldTarget, GoldTask, GoldTaskUnit,
    MetaField,
};
pub use metrics::{Accuracy, Bar, Counts, Hits, Metric, Metrics, Prf, Tally, ACC_NAMES, PRF_NAMES};
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
        reason: String,
    },
    /// A gold quote that is not in the text: the item is left out of every count, as in
    /// `score.py`. Fix the gold.
    QuoteNotFound {
        quote: String,
        occurrence: i64,
    },
    /// A gold quote that occurs more than once without `occurrence` (the first is taken).
    AmbiguousQuote {
        quote: String,
        count: usize,
    },
    MissedTarget {
        quote: String,
        value: Value,
        unit: Option<String>,
        indicator: Option<String>,
        status: Option<String>,
    },
    /// An extracted quantity that matches no gold target (optional gold items excused).
    FalseTarget {
        span: [i64; 2],
        quantity: String,
        text: String,
        value: Value,
        unit: Value,
        status: Value,
    },
    /// A matched target whose `field` differs from the gold.
    WrongField {
        quote: String,
        field: &'static str,
        gold: Value,
        predicted: Value,
    },
    MissedProject {
        name: String,
    },
    ExtraProject {
        name: String,
    },
    /// Matched only by the lenient rule (counted right in `projects_lenient`, wrong in strict).
    LooseProject {
        gold: String,
        predicted: String,
    },
    MissedUnit {
        name: String,
    },
    ExtraUnit {
        name: String,
    },
    /// A gold task no extracted task title matches: all its units are missed.
    MissedTask {
        title: String,
        units: Vec<GoldTaskUnit>,
    },
    MissedAssignment {
        task: String,
        unit: String,
        role: Option<String>,
    },
    ExtraAssignment {
        task: String,
        unit: String,
        role: Option<String>,
    },
    WrongRole {
        task: String,
        unit: String,
        gold: Option<String>,
        predicted: Option<String>,
    },
    WrongMeta {
        field: MetaField,
        gold: Option<String>,
        predicted: Option<String>,
    },
}

/// The score of one document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocReport {
    pub doc: String,
    /// The gold file's `kind`, if it gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// No prediction: a missing document or an extraction error.
    pub missing: bool,
    #[serde(flatten)]
    pub metrics: Metrics,
    pub findings: Vec<Finding>,
    #[serde(skip)]
    pub counts: Counts,
}

/// The whole evaluation: `score.py`'s summary plus the documents.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evaluation {
    #[serde(flatten)]
    pub metrics: Metrics,
    pub docs: usize,
    /// Documents with no prediction, in gold order.
    pub missing: Vec<String>,
    pub per_doc: Vec<DocReport>,
    /// The documents grouped by their gold `kind` (those without one under `-`), each group
    /// micro-averaged on its own.
    pub by_kind: Vec<KindReport>,
    #[serde(skip)]
    pub counts: Counts,
}

/// The figures of one kind of document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KindReport {
    pub kind: String,
    pub docs: usize,
    #[serde(flatten)]
    pub metrics: Metrics,
    #[serde(skip)]
    pub counts: Counts,
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

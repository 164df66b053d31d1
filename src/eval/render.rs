//! Text and CSV views of an [`Evaluation`]. The summary keeps `score.py`'s `report()` layout
//! line for line, so figures can be compared by eye or by `diff`.

use super::{DocReport, Evaluation, Finding, Metrics};
use crate::error::{Error, Result};
use serde_json::Value;
use std::fmt::Write as _;

/// `report()` of `score.py`: one line per metric, then the documents with no output.
pub fn text_report(eval: &Evaluation) -> String {
    let mut rows = Vec::new();
    for (name, s) in eval.metrics.prfs() {
        rows.push(format!(
            "{name:<18} P {:.3}  R {:.3}  F1 {:.3}   (tp {}, fp {}, fn {})",
            s.p, s.r, s.f1, s.tp, s.fp, s.fn_
        ));
    }
    for (name, s) in eval.metrics.accuracies() {
        let acc = s.acc.map_or("-".to_string(), super::matching::py_float_repr);
        rows.push(format!("{name:<18} acc {acc:>6}   (n {})", s.n));
    }
    if !eval.missing.is_empty() {
        rows.push(format!("no output for: {}", eval.missing.join(", ")));
    }
    rows.join("\n")
}

/// The last line of `score.py`: the headline F1s, after the bars that were not reached.
pub fn summary_line(metrics: &Metrics, short: &[String]) -> String {
    let m = metrics;
    let line = format!(
        "targets F1 {:.3}, goal F1 {:.3}, projects F1 {:.3}, units F1 {:.3}, assign F1 {:.3}",
        m.targets.f1, m.goal.f1, m.projects_lenient.f1, m.units.f1, m.assign.f1
    );
    if short.is_empty() {
        line
    } else {
        format!("SHORT: {} | {line}", short.join("; "))
    }
}

/// Column headings of the per-document table, one per metric in report order.
const HEADINGS: [&str; 15] = [
    "target", "goal", "proj.s", "proj.l", "units", "assign", "indic", "compar", "measur", "status", "year",
    "role", "title", "issuer", "date",
];

/// One row per document: F1 of the P/R/F1 metrics and the accuracies, `-` where the
/// document has nothing to count (no gold and no prediction), so empty cells are not zeros.
pub fn doc_table(eval: &Evaluation) -> String {
    let width = eval.per_doc.iter().map(|d| d.doc.chars().count()).max().unwrap_or(0).max(8);
    let mut out = format!("{:<width$}", "document");
    for h in HEADINGS {
        let _ = write!(out, " {h:>6}");
    }
    out.push('\n');
    let mut row = |label: &str, c: &super::Counts, m: &Metrics| {
        let _ = write!(out, "{label:<width$}");
        for ((_, p), t) in m.prfs().iter().zip(c.tallies()) {
            let cell = if t.tp + t.fp + t.fn_ == 0 { "-".to_string() } else { format!("{:.3}", p.f1) };
            let _ = write!(out, " {cell:>6}");
        }
        for (_, a) in m.accuracies() {
            let cell = a.acc.map_or("-".to_string(), |x| format!("{x:.3}"));
            let _ = write!(out, " {cell:>6}");
        }
        out.push('\n');
    };
    for d in &eval.per_doc {
        row(&d.doc, &d.counts, &d.metrics);
    }
    row("(all)", &eval.counts, &eval.metrics);
    out
}

/// One row per kind of document: the number of documents and each figure of the summary,
/// micro-averaged within the kind (the corpus figures a README can quote per kind).
pub fn kind_table(eval: &Evaluation) -> String {
    let width = eval.by_kind.iter().map(|k| k.kind.chars().count()).max().unwrap_or(0).max(4);
    let mut out = format!("{:<width$} {:>4}", "kind", "docs");
    for h in HEADINGS {
        let _ = write!(out, " {h:>6}");
    }
    out.push('\n');
    for k in &eval.by_kind {
        let _ = write!(out, "{:<width$} {:>4}", k.kind, k.docs);
        for ((_, p), t) in k.metrics.prfs().iter().zip(k.counts.tallies()) {
            let cell = if t.tp + t.fp + t.fn_ == 0 { "-".to_string() } else { format!("{:.3}", p.f1) };
            let _ = write!(out, " {cell:>6}");
        }
        for (_, a) in k.metrics.accuracies() {
            let cell = a.acc.map_or("-".to_string(), |x| format!("{x:.3}"));
            let _ = write!(out, " {cell:>6}");
        }
        out.push('\n');
    }
    out
}

/// Cuts long clauses for the one-line view (the JSON keeps them whole).
fn cut(s: &str, max: usize) -> String {
    let s = s.replace('\n', "⏎");
    if s.chars().count() <= max {
        s
    } else {
        s.chars().take(max).chain(std::iter::once('…')).collect()
    }
}

fn shown(v: &Value) -> String {
    match v {
        Value::Null => "none".into(),
        Value::String(s) => s.clone(),
        Value::Number(n) => match n.as_f64() {
            Some(x) if n.is_f64() && x.fract() == 0.0 && x.abs() < 1e15 => format!("{}", x as i64),
            _ => n.to_string(),
        },
        v => v.to_string(),
    }
}

fn opt(s: &Option<String>) -> &str {
    s.as_deref().unwrap_or("none")
}

/// One line per finding, under a heading with the document's headline figures.
pub fn findings_text(d: &DocReport) -> String {
    let m = &d.metrics;
    let mut out = format!(
        "== {}: targets F1 {:.3} (tp {}, fp {}, fn {}), projects F1 {:.3}, units F1 {:.3}, assign F1 {:.3}\n",
        d.doc,
        m.targets.f1,
        m.targets.tp,
        m.targets.fp,
        m.targets.fn_,
        m.projects_lenient.f1,
        m.units.f1,
        m.assign.f1
    );
    if d.findings.is_empty() {
        out.push_str("  (nothing missed, no false alarms)\n");
    }
    for f in &d.findings {
        let line = match f {
            Finding::NoOutput { reason } => format!("no output        {reason}"),
            Finding::QuoteNotFound { quote, occurrence } => {
                format!("GOLD: quote not in the text (occurrence {occurrence}), not scored: “{quote}”")
            }
            Finding::AmbiguousQuote { quote, count } => {
                format!("GOLD: quote occurs {count} times, add \"occurrence\": “{quote}”")
            }
            Finding::MissedTarget { quote, value, unit, indicator, status } => format!(
                "missed target    “{}”  {} {} · {} · {}",
                cut(quote, 60),
                shown(value),
                unit.as_deref().unwrap_or(""),
                opt(indicator),
                opt(status)
            ),
            Finding::FalseTarget { span, quantity, text, value, unit, status } => format!(
                "false target     “{}” at {}–{} in “{}”  {} {} · {}",
                quantity,
                span[0],
                span[1],
                cut(text, 60),
                shown(value),
                shown(unit),
                shown(status)
            ),
            Finding::WrongField { quote, field, gold, predicted } => format!(
                "wrong {:<10} “{}”: gold {}, got {}",
                field,
                cut(quote, 60),
                shown(gold),
                shown(predicted)
            ),
            Finding::MissedProject { name } => format!("missed project   {name}"),
            Finding::ExtraProject { name } => format!("extra project    {name}"),
            Finding::LooseProject { gold, predicted } => {
                format!("loose project    gold “{gold}”, got “{predicted}” (right only in projects_lenient)")
            }
            Finding::MissedUnit { name } => format!("missed unit      {name}"),
            Finding::ExtraUnit { name } => format!("extra unit       {name}"),
            Finding::MissedTask { title, units } => {
                let units: Vec<String> =
                    units.iter().map(|u| format!("{} ({})", u.name, opt(&u.role))).collect();
                format!(
                    "missed task      “{}”: no extracted task has this title; {}",
                    cut(title, 60),
                    units.join(", ")
                )
            }
            Finding::MissedAssignment { task, unit, role } => {
                format!("missed assign    “{}”: {unit} ({})", cut(task, 40), opt(role))
            }
            Finding::ExtraAssignment { task, unit, role } => {
                format!("extra assign     “{}”: {unit} ({})", cut(task, 40), opt(role))
            }
            Finding::WrongRole { task, unit, gold, predicted } => {
                format!(
                    "wrong role       “{}”: {unit} gold {}, got {}",
                    cut(task, 40),
                    opt(gold),
                    opt(predicted)
                )
            }
            Finding::WrongMeta { field, gold, predicted } => {
                format!(
                    "wrong {:<10} gold “{}”, got {}",
                    field.as_str(),
                    opt(gold),
                    match predicted {
                        Some(p) => format!("“{p}”"),
                        None => "none".into(),
                    }
                )
            }
        };
        out.push_str("  ");
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// One row per document and metric, then the totals as document `(all)`.
pub fn csv_report(eval: &Evaluation) -> Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["doc", "metric", "p", "r", "f1", "tp", "fp", "fn", "acc", "n"]).map_err(Error::table)?;
    let f = |x: f64| super::matching::py_float_repr(x);
    let rows = eval.per_doc.iter().map(|d| (d.doc.as_str(), &d.metrics)).chain([("(all)", &eval.metrics)]);
    for (doc, m) in rows {
        for (name, p) in m.prfs() {
            let (tp, fp, fn_) = (p.tp.to_string(), p.fp.to_string(), p.fn_.to_string());
            w.write_record([doc, name, &f(p.p), &f(p.r), &f(p.f1), &tp, &fp, &fn_, "", ""])
                .map_err(Error::table)?;
        }
        for (name, a) in m.accuracies() {
            let acc = a.acc.map_or(String::new(), f);
            w.write_record([doc, name, "", "", "", "", "", "", &acc, &a.n.to_string()])
                .map_err(Error::table)?;
        }
    }
    let bytes = w.into_inner().map_err(|e| Error::table(e.into_error().into()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

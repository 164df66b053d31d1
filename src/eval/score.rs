//! `score_doc()` of `score.py`, part by part (targets, projects, units, tasks, metadata),
//! recording beside each count the finding a user can check.

use super::matching::{
    self, close_phrase, find_quote, lcs_len, lenient_name_match, normalized_of, same_base, same_number,
    squeeze, Norm,
};
use super::{Counts, DocReport, Finding, Gold, GoldNorm, GoldTarget, MetaField, Metrics, Tally};
use serde_json::Value;
use std::collections::HashSet;

/// JSON number that prints as an integer when it is one (years, counts in findings).
fn num_value(x: Option<f64>) -> Value {
    match x {
        Some(x) if x.fract() == 0.0 && x.abs() < 1e15 => Value::from(x as i64),
        Some(x) => Value::from(x),
        None => Value::Null,
    }
}

/// A string field of a JSON object, `None` when missing or not a string.
fn str_of<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

/// A numeric field, with Python's view that `true` is 1.
fn num_of(v: Option<&Value>) -> Option<f64> {
    match v? {
        Value::Number(n) => n.as_f64(),
        Value::Bool(b) => Some(*b as u8 as f64),
        _ => None,
    }
}

/// A list field; missing, `null` or not a list reads as empty (`pred.get(k, []) or []`).
fn list_of<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v.get(key).and_then(Value::as_array).map_or(&[], Vec::as_slice)
}

/// A JSON value that is `null` when missing.
fn field(v: &Value, key: &str) -> Value {
    v.get(key).cloned().unwrap_or(Value::Null)
}

/// Python's truthiness of an optional string.
fn truthy(s: &Option<String>) -> bool {
    s.as_deref().is_some_and(|s| !s.is_empty())
}

/// `(value, base unit)` with the magnitude folded in, when the item has a number.
type Folded = Option<(f64, String)>;

fn pred_normalized(p: &Value) -> Folded {
    let norm = match p.get("normalized") {
        Some(Value::Object(o)) => match num_of(o.get("value")) {
            Some(v) => Norm::Object { value: Some(v), unit: o.get("unit").and_then(Value::as_str) },
            None => Norm::Absent,
        },
        other => num_of(other).map_or(Norm::Absent, Norm::Number),
    };
    normalized_of(norm, str_of(p, "base"), num_of(p.get("value")), str_of(p, "unit"))
}

fn gold_normalized(g: &GoldTarget) -> Folded {
    let norm = match &g.normalized {
        None => Norm::Absent,
        Some(GoldNorm::Number(v)) => Norm::Number(*v),
        Some(GoldNorm::Object { value: Some(v), unit }) => {
            Norm::Object { value: Some(*v), unit: unit.as_deref() }
        }
        Some(GoldNorm::Object { value: None, .. }) => Norm::Absent,
    };
    normalized_of(norm, g.base.as_deref(), g.value, g.unit.as_deref())
}

/// Code-point spans to text, for showing what a false alarm points at.
struct CharIndex<'a> {
    text: &'a str,
    bytes: Vec<usize>,
}

impl<'a> CharIndex<'a> {
    fn new(text: &'a str) -> Self {
        let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        bytes.push(text.len());
        CharIndex { text, bytes }
    }

    fn slice(&self, [s, e]: [i64; 2]) -> &'a str {
        let n = self.bytes.len() as i64 - 1;
        let (s, e) = (s.clamp(0, n) as usize, e.clamp(0, n) as usize);
        if s >= e {
            return "";
        }
        &self.text[self.bytes[s]..self.bytes[e]]
    }
}

/// Scores one document: `score_doc()` of `score.py`. `pred` is the `zhengce/1` object
/// (`None`: no output, scored as `{}`); `text` is the decoded text the spans point into
/// (`None`: not readable, and then every gold target counts as missed).
pub fn score_doc(gold: &Gold, pred: Option<&Value>, text: Option<&str>) -> DocReport {
    let empty = Value::Object(Default::default());
    let pred_value = pred.unwrap_or(&empty);
    let mut c = Counts::default();
    let mut findings = Vec::new();
    score_targets(gold, pred_value, text, &mut c, &mut findings);
    score_projects(gold, pred_value, &mut c, &mut findings);
    score_units(gold, pred_value, &mut c, &mut findings);
    score_tasks(gold, pred_value, &mut c, &mut findings);
    score_meta(gold, pred_value, &mut c, &mut findings);
    if pred.is_none() {
        findings.insert(0, Finding::NoOutput { reason: "no extraction output".into() });
    }
    DocReport {
        doc: gold.doc.clone(),
        kind: gold.kind.clone(),
        missing: pred.is_none(),
        metrics: Metrics::from_counts(&c),
        findings,
        counts: c,
    }
}

/// Scores an extraction record: an error record is a missing prediction, with its reason.
pub fn score_record(gold: &Gold, record: Option<&crate::Record>, text: Option<&str>) -> DocReport {
    let (value, reason) = match record {
        Some(crate::Record::Document(d)) => match serde_json::to_value(d) {
            Ok(v) => (Some(v), None),
            Err(e) => (None, Some(e.to_string())),
        },
        Some(crate::Record::Error(e)) => (None, Some(e.error.clone())),
        None => (None, None),
    };
    let mut report = score_doc(gold, value.as_ref(), text);
    if let (Some(reason), Some(Finding::NoOutput { reason: r })) = (reason, report.findings.first_mut()) {
        *r = reason;
    }
    report
}

fn score_targets(gold: &Gold, pred: &Value, text: Option<&str>, c: &mut Counts, out: &mut Vec<Finding>) {
    // Gold targets located in the text; without text none can be located, but each still
    // counts as missed.
    let mut golds: Vec<(Option<[i64; 2]>, Folded, &GoldTarget)> = Vec::new();
    for t in &gold.targets {
        let occurrence = t.occurrence.unwrap_or(1);
        let span = match text {
            Some(text) => match find_quote(text, &t.quote, occurrence) {
                Some(span) => {
                    if t.occurrence.is_none() && !t.quote.is_empty() {
                        let count = text.matches(t.quote.as_str()).count();
                        if count > 1 {
                            out.push(Finding::AmbiguousQuote { quote: t.quote.clone(), count });
                        }
                    }
                    Some(span)
                }
                None => {
                    out.push(Finding::QuoteNotFound { quote: t.quote.clone(), occurrence });
                    continue;
                }
            },
            None => None,
        };
        golds.push((span, gold_normalized(t), t));
    }
    let preds: Vec<([f64; 2], Folded, &Value)> = list_of(pred, "targets")
        .iter()
        .map(|t| {
            let span = match t.get("span").and_then(Value::as_array).map(Vec::as_slice) {
                Some([s, e, ..]) => [num_of(Some(s)).unwrap_or(0.0), num_of(Some(e)).unwrap_or(0.0)],
                _ => [0.0, 0.0],
            };
            (span, pred_normalized(t), t)
        })
        .collect();

    let mut used = vec![false; preds.len()];
    // Index into `golds` → index into `preds`, for non-optional gold only.
    let mut real: Vec<(usize, usize)> = Vec::new();
    for (gi, (gspan, gnorm, g)) in golds.iter().enumerate() {
        let Some(gspan) = gspan else { continue };
        let (gs, ge) = (gspan[0] as f64, gspan[1] as f64);
        let hit = preds.iter().enumerate().position(|(k, (pspan, pnorm, p))| {
            if used[k] || pspan[1] <= gs || pspan[0] >= ge {
                return false;
            }
            let (pv, pb) = pnorm.as_ref().map_or((None, None), |(v, b)| (Some(*v), Some(b.as_str())));
            let (gv, gb) = gnorm.as_ref().map_or((None, None), |(v, b)| (Some(*v), Some(b.as_str())));
            (same_number(pv, gv) && same_base(pb, gb))
                || (same_number(num_of(p.get("value")), g.value)
                    && str_of(p, "unit").unwrap_or("") == g.unit.as_deref().unwrap_or(""))
        });
        if let Some(k) = hit {
            used[k] = true;
            if !g.optional {
                real.push((gi, k));
            }
        }
    }
    let matched: HashSet<usize> = real.iter().map(|&(g, _)| g).collect();
    c.targets.tp += real.len() as u64;
    c.targets.fp += used.iter().filter(|u| !**u).count() as u64;
    for (gi, (_, _, g)) in golds.iter().enumerate() {
        if !g.optional && !matched.contains(&gi) {
            c.targets.fn_ += 1;
            c.goal.fn_ += (g.status.as_deref() == Some("target")) as u64;
            out.push(Finding::MissedTarget {
                quote: g.quote.clone(),
                value: num_value(g.value),
                unit: g.unit.clone(),
                indicator: g.indicator.clone(),
                status: g.status.clone(),
            });
        }
    }

    for &(gi, k) in &real {
        let g = golds[gi].2;
        let p = preds[k].2;
        let mut wrong = |field: &'static str, gold: Value, predicted: Value| {
            out.push(Finding::WrongField { quote: g.quote.clone(), field, gold, predicted });
        };
        if truthy(&g.indicator) {
            let options: Vec<Option<&str>> = std::iter::once(g.indicator.as_deref())
                .chain(g.indicator_alt.iter().map(|a| a.as_deref()))
                .collect();
            let ok = close_phrase(str_of(p, "indicator"), &options);
            c.indicator.add(ok);
            if !ok {
                wrong("indicator", Value::from(g.indicator.clone()), field(p, "indicator"));
            }
        }
        for (key, hits, gv) in [
            ("comparator", &mut c.comparator, &g.comparator),
            ("measure", &mut c.measure, &g.measure),
            ("status", &mut c.status, &g.status),
        ] {
            // Python's `==` of two `.get()`s: missing and null are both None.
            let pv = p.get(key).filter(|v| !v.is_null());
            let ok = match (pv, gv) {
                (None, None) => true,
                (Some(Value::String(a)), Some(b)) => a == b,
                _ => false,
            };
            hits.add(ok);
            if !ok {
                wrong(key, Value::from(gv.clone()), field(p, key));
            }
        }
        if let Some(gy) = g.year {
            let ok = num_of(p.get("year")) == Some(gy);
            c.year.add(ok);
            if !ok {
                wrong("year", num_value(Some(gy)), field(p, "year"));
            }
        }
        let gt = g.status.as_deref() == Some("target");
        let pt = str_of(p, "status") == Some("target");
        c.goal.tp += (gt && pt) as u64;
        c.goal.fp += (!gt && pt) as u64;
        c.goal.fn_ += (gt && !pt) as u64;
    }

    let index = text.map(CharIndex::new);
    for (k, (span, _, p)) in preds.iter().enumerate() {
        if used[k] {
            continue;
        }
        c.goal.fp += (str_of(p, "status") == Some("target")) as u64;
        let span = [span[0] as i64, span[1] as i64];
        out.push(Finding::FalseTarget {
            span,
            quantity: index.as_ref().map_or("", |i| i.slice(span)).to_string(),
            text: str_of(p, "text").unwrap_or("").to_string(),
            value: field(p, "value"),
            unit: field(p, "unit"),
            status: field(p, "status"),
        });
    }
}

fn score_projects(gold: &Gold, pred: &Value, c: &mut Counts, out: &mut Vec<Finding>) {
    let preds = list_of(pred, "projects");
    let pred_names: Vec<String> = preds.iter().map(|p| squeeze(str_of(p, "name"))).collect();
    for lenient in [false, true] {
        let mut used = vec![false; pred_names.len()];
        let mut tally = Tally::default();
        for gp in &gold.projects {
            let names: Vec<String> =
                std::iter::once(&gp.name).chain(&gp.aliases).map(|n| squeeze(Some(n))).collect();
            let hit = pred_names.iter().enumerate().position(|(k, pn)| {
                !used[k]
                    && !pn.is_empty()
                    && (names.contains(pn) || (lenient && names.iter().any(|n| lenient_name_match(pn, n))))
            });
            if let Some(k) = hit {
                used[k] = true;
            }
            if lenient {
                match hit {
                    Some(k) if !gp.optional && !names.contains(&pred_names[k]) => {
                        out.push(Finding::LooseProject {
                            gold: gp.name.clone(),
                            predicted: str_of(&preds[k], "name").unwrap_or("").to_string(),
                        })
                    }
                    None if !gp.optional => out.push(Finding::MissedProject { name: gp.name.clone() }),
                    _ => {}
                }
            }
            if gp.optional {
                continue;
            }
            tally.tp += hit.is_some() as u64;
            tally.fn_ += hit.is_none() as u64;
        }
        tally.fp = used.iter().filter(|u| !**u).count() as u64;
        if lenient {
            c.projects_lenient = tally;
            for (k, p) in preds.iter().enumerate() {
                if !used[k] {
                    out.push(Finding::ExtraProject { name: str_of(p, "name").unwrap_or("").to_string() });
                }
            }
        } else {
            c.projects_strict = tally;
        }
    }
}

/// Distinct items in first-seen order (Python sets, made deterministic for the report).
fn distinct<I: IntoIterator<Item = String>>(items: I) -> Vec<String> {
    let mut seen = HashSet::new();
    items.into_iter().filter(|s| seen.insert(s.clone())).collect()
}

fn score_units(gold: &Gold, pred: &Value, c: &mut Counts, out: &mut Vec<Finding>) {
    let gold_units = distinct(gold.units.iter().map(|u| squeeze(Some(u))));
    let optional: HashSet<String> = gold.units_optional.iter().map(|u| squeeze(Some(u))).collect();
    let pred_units = distinct(
        list_of(pred, "units")
            .iter()
            .filter_map(|u| str_of(u, "name").filter(|n| !n.is_empty()))
            .map(|n| squeeze(Some(n))),
    );
    let (gset, pset): (HashSet<&String>, HashSet<&String>) =
        (gold_units.iter().collect(), pred_units.iter().collect());
    for u in &pred_units {
        if gset.contains(u) {
            c.units.tp += 1;
        } else if !optional.contains(u) {
            c.units.fp += 1;
            out.push(Finding::ExtraUnit { name: u.clone() });
        }
    }
    for u in &gold_units {
        if !pset.contains(u) {
            c.units.fn_ += 1;
            out.push(Finding::MissedUnit { name: u.clone() });
        }
    }
}

fn score_tasks(gold: &Gold, pred: &Value, c: &mut Counts, out: &mut Vec<Finding>) {
    let pred_tasks = list_of(pred, "tasks");
    let titles: Vec<String> = pred_tasks.iter().map(|t| squeeze(str_of(t, "title"))).collect();
    let mut taken = vec![false; pred_tasks.len()];
    for gt in &gold.tasks {
        let title = squeeze(gt.title.as_deref());
        let tlen = matching::char_len(&title);
        let mut best: Option<(usize, f64)> = None;
        for (k, ptitle) in titles.iter().enumerate() {
            if taken[k] || ptitle.is_empty() || title.is_empty() {
                continue;
            }
            let ratio = if ptitle.contains(title.as_str()) {
                1.0
            } else {
                lcs_len(&title, ptitle) as f64 / tlen as f64
            };
            if ratio >= 0.5 && ratio > best.map_or(0.0, |b| b.1) {
                best = Some((k, ratio));
            }
        }
        let matched = best.map(|(k, _)| {
            taken[k] = true;
            &pred_tasks[k]
        });
        // (name, role) pairs as sets, in first-seen order.
        let pairs = |units: &mut dyn Iterator<Item = (String, Option<String>)>| {
            let mut seen = HashSet::new();
            units.filter(|p| seen.insert(p.clone())).collect::<Vec<_>>()
        };
        let gold_pairs = pairs(&mut gt.units.iter().map(|u| (squeeze(Some(&u.name)), u.role.clone())));
        let pred_pairs = pairs(
            &mut matched
                .map_or(&[][..], |t| list_of(t, "units"))
                .iter()
                .map(|u| (squeeze(str_of(u, "name")), str_of(u, "role").map(str::to_string))),
        );
        let gnames = distinct(gold_pairs.iter().map(|(n, _)| n.clone()));
        let pnames = distinct(pred_pairs.iter().map(|(n, _)| n.clone()));
        let task = gt.title.clone().unwrap_or_default();
        if matched.is_none() && !gnames.is_empty() {
            out.push(Finding::MissedTask { title: task.clone(), units: gt.units.clone() });
        }
        for n in &gnames {
            if pnames.contains(n) {
                c.assign.tp += 1;
            } else {
                c.assign.fn_ += 1;
                if matched.is_some() {
                    let role = gold_pairs.iter().find(|(g, _)| g == n).and_then(|(_, r)| r.clone());
                    out.push(Finding::MissedAssignment { task: task.clone(), unit: n.clone(), role });
                }
            }
        }
        for n in &pnames {
            if !gnames.contains(n) {
                c.assign.fp += 1;
                let role = pred_pairs.iter().find(|(p, _)| p == n).and_then(|(_, r)| r.clone());
                out.push(Finding::ExtraAssignment { task: task.clone(), unit: n.clone(), role });
            }
        }
        for (name, role) in &gold_pairs {
            if !pnames.contains(name) {
                continue;
            }
            c.role.n += 1;
            if pred_pairs.iter().any(|(n, r)| n == name && r == role) {
                c.role.ok += 1;
            } else {
                let predicted = pred_pairs.iter().find(|(n, _)| n == name).and_then(|(_, r)| r.clone());
                out.push(Finding::WrongRole {
                    task: task.clone(),
                    unit: name.clone(),
                    gold: role.clone(),
                    predicted,
                });
            }
        }
    }
}

fn score_meta(gold: &Gold, pred: &Value, c: &mut Counts, out: &mut Vec<Finding>) {
    for key in MetaField::ALL {
        let accepted = gold.accepted(key);
        let Some(main) = accepted[0].filter(|s| !s.is_empty()) else { continue };
        let got = str_of(pred, key.as_str()).filter(|s| !s.is_empty());
        let ok = match key {
            MetaField::Title => got.is_some_and(|got| {
                let got = squeeze(Some(got));
                accepted.iter().any(|t| {
                    let t = squeeze(*t);
                    lcs_len(&got, &t) as f64 >= 0.8 * matching::char_len(&t) as f64
                })
            }),
            _ => {
                let got = squeeze(got);
                accepted.iter().any(|a| squeeze(*a) == got)
            }
        };
        let hits = match key {
            MetaField::Title => &mut c.title,
            MetaField::Issuer => &mut c.issuer,
            MetaField::Date => &mut c.date,
        };
        hits.add(ok);
        if !ok {
            out.push(Finding::WrongMeta {
                field: key,
                gold: Some(main.to_string()),
                predicted: got.map(str::to_string),
            });
        }
    }
}

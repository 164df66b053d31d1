//! `zhengce eval` against `../shared/eval/score.py`: the same figures on the bundled corpus
//! and on the development set, and the command line's own behaviour.

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

fn zhengce() -> Command {
    Command::new(env!("CARGO_BIN_EXE_zhengce"))
}

fn run(args: &[&str]) -> Output {
    zhengce().args(args).output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn has_python() -> bool {
    let ok = Command::new("python3").arg("--version").output().is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!("note: python3 is missing; the comparison with score.py is skipped");
    }
    ok
}

const PRF: [&str; 6] = ["targets", "goal", "projects_strict", "projects_lenient", "units", "assign"];
const ACC: [&str; 9] =
    ["indicator", "comparator", "measure", "status", "year", "role", "title", "issuer", "date"];

/// Runs score.py on the binary's JSONL output and `zhengce eval` on the same documents, and
/// compares every metric (counts exactly, ratios to three decimals) and the text report.
fn agrees_with_score_py(gold: &str, docs: &str) {
    assert!(Path::new(gold).is_dir() && Path::new(docs).is_dir(), "{gold} and {docs} should exist");
    let dir = tempfile::tempdir().unwrap();
    let pred = dir.path().join("pred.jsonl");
    let out = run(&["extract", docs, "--format", "jsonl", "-q", "-o", pred.to_str().unwrap()]);
    assert!(out.status.success(), "extract failed: {}", String::from_utf8_lossy(&out.stderr));
    let json = dir.path().join("score.json");
    let py = Command::new("python3")
        .args(["../shared/eval/score.py", "score", gold, docs])
        .args([pred.as_os_str(), "--json".as_ref(), json.as_os_str()])
        .output()
        .unwrap();
    assert!(py.status.success(), "score.py failed: {}", String::from_utf8_lossy(&py.stderr));
    let want: Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();

    let ours = run(&["eval", gold, docs, "--format", "json"]);
    assert!(ours.status.success(), "eval failed: {}", String::from_utf8_lossy(&ours.stderr));
    let got: Value = serde_json::from_str(&stdout(&ours)).unwrap();
    let three = |v: &Value| v.as_f64().map(|x| format!("{x:.3}"));
    let mut differences = Vec::new();
    for name in PRF {
        for key in ["tp", "fp", "fn"] {
            if got[name][key] != want[name][key] {
                differences.push(format!("{name}.{key}: {} vs score.py {}", got[name][key], want[name][key]));
            }
        }
        for key in ["p", "r", "f1"] {
            if three(&got[name][key]).is_none() || three(&got[name][key]) != three(&want[name][key]) {
                differences.push(format!("{name}.{key}: {} vs score.py {}", got[name][key], want[name][key]));
            }
        }
    }
    for name in ACC {
        if got[name]["n"] != want[name]["n"] || three(&got[name]["acc"]) != three(&want[name]["acc"]) {
            differences.push(format!("{name}: {} vs score.py {}", got[name], want[name]));
        }
    }
    for key in ["docs", "missing"] {
        if got[key] != want[key] {
            differences.push(format!("{key}: {} vs score.py {}", got[key], want[key]));
        }
    }
    assert!(differences.is_empty(), "{gold} on {docs}:\n{}", differences.join("\n"));
    assert_eq!(got["per_doc"].as_array().unwrap().len(), want["docs"].as_u64().unwrap() as usize);

    // The text report is score.py's, line for line.
    let text = run(&["eval", gold, docs]);
    assert_eq!(stdout(&text), String::from_utf8(py.stdout).unwrap(), "{gold} on {docs}: text report");
}

#[test]
fn same_figures_as_score_py_on_the_corpus() {
    if has_python() {
        agrees_with_score_py("../shared/gold", "corpus");
    }
}

#[test]
fn same_figures_as_score_py_on_the_dev_set() {
    if has_python() {
        agrees_with_score_py("../shared/dev/gold", "../shared/dev/docs");
    }
}

const DOC: &str = "某镇2024年工作要点\n一、主要目标\n全年完成固定资产投资30亿元，新增就业岗位500个。\n二、重点任务\n(一)推进项目建设。加快建设滨河公园。(责任单位:经发办、规建办)\n";

fn gold_for(name: &str) -> String {
    serde_json::json!({
        "doc": name, "title": "某镇2024年工作要点", "issuer": "某镇", "date": null,
        "targets": [
            {"quote": "固定资产投资30亿元", "value": 30, "unit": "亿元", "normalized": 3000000000u64, "base": "元",
             "indicator": "固定资产投资", "comparator": "=", "measure": "level", "status": "target", "year": 2024},
            {"quote": "岗位500个", "value": 500, "unit": "个", "normalized": 500, "base": "个",
             "indicator": "新增就业岗位", "comparator": "=", "measure": "level", "status": "target", "year": 2024}
        ],
        "projects": [{"name": "滨河公园", "aliases": [], "kind": "construction"}],
        "units": ["经发办", "规建办"], "units_optional": [],
        "tasks": [{"title": "推进项目建设", "units": [{"name": "经发办", "role": "responsible"},
                                                  {"name": "规建办", "role": "responsible"}]}]
    })
    .to_string()
}

/// A gold directory and a document directory holding `DOC` as `name` in `bytes`.
fn setup(name: &str, bytes: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("gold")).unwrap();
    std::fs::create_dir_all(dir.path().join("docs/sub")).unwrap();
    std::fs::write(dir.path().join("gold/one.json"), gold_for(name)).unwrap();
    std::fs::write(dir.path().join("docs/sub").join(name), bytes).unwrap();
    dir
}

fn eval_json(dir: &Path, extra: &[&str]) -> (Output, Value) {
    let (gold, docs) = (dir.join("gold"), dir.join("docs"));
    let mut args = vec!["eval", gold.to_str().unwrap(), docs.to_str().unwrap(), "--format", "json"];
    args.extend(extra);
    let out = run(&args);
    let v = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (out, v)
}

#[test]
fn gbk_text_is_decoded_before_quotes_are_looked_up() {
    let (gbk, _, bad) = encoding_rs::GBK.encode(DOC);
    assert!(!bad);
    let dir = setup("plan.txt", &gbk);
    let (out, v) = eval_json(dir.path(), &[]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(v["missing"], serde_json::json!([]));
    assert_eq!(v["targets"]["tp"], 2, "{v:#}");
    assert_eq!(v["units"]["f1"], 1.0);
    assert_eq!(v["per_doc"][0]["doc"], "plan.txt");
}

#[test]
fn min_bars_set_the_exit_status_and_say_what_failed() {
    let dir = setup("plan.txt", DOC.as_bytes());
    let (gold, docs) = (dir.path().join("gold"), dir.path().join("docs"));
    let (gold, docs) = (gold.to_str().unwrap(), docs.to_str().unwrap());
    let ok = run(&["eval", gold, docs, "--min", "units.f1=1.0", "--min", "targets.tp=1"]);
    assert_eq!(ok.status.code(), Some(0), "{}", stdout(&ok));
    let short = run(&["eval", gold, docs, "--min", "units.f1=1.0", "--min", "targets.fp=99"]);
    assert_eq!(short.status.code(), Some(1));
    let last = stdout(&short).lines().last().unwrap().to_string();
    assert!(last.starts_with("SHORT: targets.fp "), "{last}");
    assert!(last.contains(" 0 < 99 | targets F1 1.000, goal F1 "), "{last}");
    let (json, _) = eval_json(dir.path(), &["--min", "targets.fp=99"]);
    assert_eq!(json.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&json.stderr).contains("SHORT: targets.fp"));
    // A misspelt metric is a usage error, not a silent pass.
    assert_eq!(run(&["eval", gold, docs, "--min", "target.f1=0.9"]).status.code(), Some(2));
}

#[test]
fn a_document_not_given_counts_as_no_output() {
    let dir = setup("plan.txt", DOC.as_bytes());
    std::fs::write(dir.path().join("gold/two.json"), gold_for("absent.txt")).unwrap();
    let (out, v) = eval_json(dir.path(), &[]);
    assert!(out.status.success());
    assert_eq!(v["docs"], 2);
    assert_eq!(v["missing"], serde_json::json!(["absent.txt"]));
    // Its two targets, project, two units and two assignments are all missed.
    assert_eq!(v["targets"]["fn"], 2);
    assert_eq!(v["units"]["fn"], 2);
    assert_eq!(v["assign"]["fn"], 2);
    assert!(String::from_utf8_lossy(&out.stderr).contains("no document named absent.txt"));
    let per = &v["per_doc"][1];
    assert_eq!(per["findings"][0]["kind"], "no_output");
}

#[test]
fn per_doc_text_and_csv() {
    let dir = setup("plan.txt", DOC.as_bytes());
    // One gold unit the tool cannot find, to see a miss listed.
    let gold = gold_for("plan.txt").replace(r#""规建办"]"#, r#""规建办","财政所"]"#);
    std::fs::write(dir.path().join("gold/one.json"), gold).unwrap();
    let (g, d) = (dir.path().join("gold"), dir.path().join("docs"));
    let text = stdout(&run(&["eval", g.to_str().unwrap(), d.to_str().unwrap(), "--per-doc"]));
    assert!(text.starts_with("document "), "{text}");
    assert!(text.contains("\nplan.txt "), "{text}");
    assert!(text.contains("missed unit      财政所"), "{text}");
    assert!(
        text.contains("\nunits              P 1.000  R 0.667  F1 0.800   (tp 2, fp 0, fn 1)\n"),
        "{text}"
    );
    let csv = stdout(&run(&["eval", g.to_str().unwrap(), d.to_str().unwrap(), "--format", "csv"]));
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "doc,metric,p,r,f1,tp,fp,fn,acc,n");
    // 15 metrics for the document and 15 for the total.
    assert_eq!(lines.len(), 1 + 30);
    assert!(lines.contains(&"plan.txt,units,1.0,0.6667,0.8,2,0,1,,"), "{csv}");
    assert!(lines.contains(&"(all),title,,,,,,,1.0,1"), "{csv}");
}

#[test]
fn word_documents_are_scored_on_their_decoded_text() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("gold")).unwrap();
    let gold = serde_json::json!({
        "doc": "tasks.docx", "title": null, "issuer": null, "date": null,
        "targets": [{"quote": "固定资产投资45亿元", "value": 45, "unit": "亿元", "normalized": 4500000000u64,
                     "base": "元", "indicator": "固定资产投资", "comparator": "=", "measure": "level",
                     "status": "target", "year": 2025}],
        "units": ["经济发展办公室"]
    });
    std::fs::write(dir.path().join("gold/tasks.json"), gold.to_string()).unwrap();
    let g = dir.path().join("gold");
    let out = run(&["eval", g.to_str().unwrap(), "tests/fixtures/tasks.docx", "--format", "json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["targets"]["tp"], 1, "{v:#}");
    assert_eq!(v["units"]["tp"], 1, "{v:#}");
}

#[test]
fn bad_gold_is_a_usage_error() {
    let dir = setup("plan.txt", DOC.as_bytes());
    std::fs::write(dir.path().join("gold/bad.json"), r#"{"doc": "x.txt", "targets": [{"value": 1}]}"#)
        .unwrap();
    let (out, _) = eval_json(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.json") && err.contains("quote"), "{err}");
    let empty = tempfile::tempdir().unwrap();
    assert_eq!(run(&["eval", empty.path().to_str().unwrap(), "corpus"]).status.code(), Some(2));
}

/// The fenced block after the first line that starts with `fence`.
fn block<'a>(md: &'a str, fence: &str) -> &'a str {
    let start = md.find(&format!("\n{fence}\n")).unwrap() + fence.len() + 2;
    let len = md[start..].find("\n```\n").unwrap();
    &md[start..start + len + 1]
}

#[test]
fn the_example_in_docs_eval_md_is_valid_gold() {
    let md = std::fs::read_to_string("docs/eval.md").unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("gold")).unwrap();
    std::fs::create_dir_all(dir.path().join("docs")).unwrap();
    std::fs::write(dir.path().join("docs/qingxi_2024.txt"), block(&md, "```text")).unwrap();
    std::fs::write(dir.path().join("gold/qingxi_2024.json"), block(&md, "```json")).unwrap();
    let (out, v) = eval_json(dir.path(), &[]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(v["missing"], serde_json::json!([]));
    let findings = v["per_doc"][0]["findings"].as_array().unwrap();
    let gold_problems: Vec<_> = findings
        .iter()
        .filter(|f| f["kind"] == "quote_not_found" || f["kind"] == "ambiguous_quote")
        .collect();
    assert!(gold_problems.is_empty(), "{gold_problems:#?}");
    assert_eq!(v["targets"]["tp"].as_u64().unwrap() + v["targets"]["fn"].as_u64().unwrap(), 12);
    if has_python() {
        let py = Command::new("python3")
            .args(["../shared/eval/score.py", "validate"])
            .args([dir.path().join("gold"), dir.path().join("docs")])
            .output()
            .unwrap();
        assert_eq!(String::from_utf8_lossy(&py.stdout), "0 problem(s)\n");
    }
}

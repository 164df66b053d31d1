//! `zhengce compare`: golden Markdown and CSV for two corpus documents, and the same
//! result whether the inputs are documents or saved `extract` JSON.
//!
//! Golden files live in `tests/golden/compare/`; after an intended change, rewrite them
//! with `ZHENGCE_BLESS=1 cargo test compare` and review the diff.

use std::path::{Path, PathBuf};
use std::process::Command;

const DOCS: [&str; 2] = ["corpus/000_39cc09a31d753d9a.txt", "corpus/002_d4342bbcb50befa8.txt"];

fn zhengce() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_zhengce"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

fn run(args: &[&str]) -> Vec<u8> {
    let out = zhengce().args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

/// Compares with a golden file, or rewrites it when `ZHENGCE_BLESS` is set.
pub fn golden(name: &str, actual: &[u8]) {
    let path: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/compare").join(name);
    if std::env::var_os("ZHENGCE_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read(&path)
        .unwrap_or_else(|_| panic!("missing {}; run with ZHENGCE_BLESS=1 to create it", path.display()));
    if expected != actual {
        let e = String::from_utf8_lossy(&expected);
        let a = String::from_utf8_lossy(actual);
        let first = e.lines().zip(a.lines()).position(|(x, y)| x != y).unwrap_or(0);
        panic!(
            "{} differs from the output (first differing line {}):\n  expected: {:?}\n  actual:   {:?}\nrerun with ZHENGCE_BLESS=1 if the change is intended",
            path.display(),
            first + 1,
            e.lines().nth(first),
            a.lines().nth(first)
        );
    }
}

#[test]
fn markdown_matches_golden() {
    let out = run(&["compare", DOCS[0], DOCS[1]]);
    let md = String::from_utf8(out.clone()).unwrap();
    assert!(md.starts_with("# 对比 Comparison"), "{md}");
    assert!(md.contains("## 数量 Counts"));
    golden("two.md", &out);
}

#[test]
fn csv_matches_golden_and_parses() {
    let out = run(&["compare", DOCS[0], DOCS[1], "--format", "csv"]);
    assert!(out.starts_with(b"\xEF\xBB\xBF"), "CSV must start with a BOM for Excel");
    let mut r = csv::Reader::from_reader(&out[3..]);
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    // Six key columns, then a cell and a source column per document.
    assert_eq!(header.len(), 6 + 2 * DOCS.len(), "{header:?}");
    assert_eq!(&header[..6], ["canonical", "indicator", "category", "measure", "status", "year"]);
    for rec in r.records() {
        assert_eq!(rec.unwrap().len(), header.len());
    }
    golden("two.csv", &out);
}

#[test]
fn saved_json_gives_the_same_comparison() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = dir.path().join("two.jsonl");
    let out = zhengce()
        .args(["extract", DOCS[0], DOCS[1], "--format", "jsonl", "-q", "-o"])
        .arg(&jsonl)
        .output()
        .unwrap();
    assert!(out.status.success());
    let from_docs = run(&["compare", DOCS[0], DOCS[1], "--format", "json"]);
    let from_json = run(&["compare", jsonl.to_str().unwrap(), "--format", "json"]);
    assert_eq!(String::from_utf8_lossy(&from_docs), String::from_utf8_lossy(&from_json));
}

#[test]
fn rows_keep_growth_and_level_apart() {
    // Invented inputs: the same indicator as a level in one and a growth rate in both.
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    let b = dir.path().join("b.txt");
    std::fs::write(
        &a,
        "甲镇2025年工作计划\n全年社会消费品零售总额达到50亿元。\n社会消费品零售总额增长6%。\n",
    )
    .unwrap();
    std::fs::write(&b, "乙镇2025年工作计划\n社零额增长9%。\n").unwrap();
    let out = run(&["compare", a.to_str().unwrap(), b.to_str().unwrap(), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["columns"].as_array().unwrap().len(), 2);
    // Whatever the extractor makes of these lines, no row may mix measures.
    for row in v["rows"].as_array().unwrap() {
        for cells in row["cells"].as_array().unwrap() {
            for cell in cells.as_array().unwrap() {
                let display = cell["display"].as_str().unwrap();
                let word = match row["measure"].as_str().unwrap() {
                    "growth" => "增长",
                    "share" => "占比",
                    _ => "总量",
                };
                assert!(display.contains(word), "{display} in a {} row", row["measure"]);
            }
        }
    }
}

/// Two years of one county's reports: a target is set beside targets of the same year, a
/// result beside results of the same year; what only one report states is listed apart.
#[test]
fn rows_compare_like_with_like() {
    let a = "tests/fixtures/track/qingshan_2023.txt";
    let b = "tests/fixtures/track/qingshan_2024.txt";
    let v: serde_json::Value = serde_json::from_slice(&run(&["compare", a, b, "--format", "json"])).unwrap();
    for row in v["rows"].as_array().unwrap() {
        for cell in row["cells"].as_array().unwrap().iter().flat_map(|c| c.as_array().unwrap()) {
            assert_eq!((&cell["status"], &cell["year"]), (&row["status"], &row["year"]), "{row}");
        }
    }
    let gdp_growth: Vec<&serde_json::Value> = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["canonical"] == "gdp" && r["measure"] == "growth")
        .collect();
    // The 2023 target (D1) and the 2024 target (D2) are two rows, not one.
    assert!(gdp_growth.iter().any(|r| r["status"] == "target" && r["year"] == 2023));
    assert!(gdp_growth.iter().any(|r| r["status"] == "target" && r["year"] == 2024));
    let md = String::from_utf8(run(&["compare", a, b])).unwrap();
    assert!(md.contains("## 仅见于一份文件 Stated in one document only"), "{md}");
}

#[test]
fn unreadable_input_is_listed_and_exit_code_is_one() {
    let out = zhengce().args(["compare", DOCS[0], "no/such/file.txt"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(md.contains("no/such/file.txt"), "{md}");
}

#[test]
fn help_has_examples_for_compare_and_report() {
    for sub in ["compare", "report"] {
        let out = zhengce().args([sub, "--help"]).output().unwrap();
        assert!(out.status.success(), "{sub}");
        assert!(String::from_utf8_lossy(&out.stdout).contains("Examples"), "{sub}");
    }
}

#[test]
fn html_format_is_the_comparison_page() {
    let out = run(&["compare", DOCS[0], DOCS[1], "--format", "html"]);
    let html = String::from_utf8(out).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("id=\"compare\""));
    // No per-document sections in the comparison page.
    assert!(!html.contains("<section id=\"d1\""));
}

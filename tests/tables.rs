//! CSV tables: `extract --tables DIR` and `extract --format csv` round-trip through a CSV
//! parser with the same row counts as the JSON output.

use std::process::Command;

fn zhengce() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_zhengce"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

fn read_table(path: &std::path::Path) -> (Vec<String>, Vec<csv::StringRecord>) {
    let bytes = std::fs::read(path).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "{} has no BOM", path.display());
    let mut r = csv::Reader::from_reader(&bytes[3..]);
    let header = r.headers().unwrap().iter().map(str::to_string).collect::<Vec<_>>();
    let rows = r.records().map(|x| x.unwrap()).collect();
    (header, rows)
}

#[test]
fn tables_have_the_same_row_counts_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let out = zhengce().args(["extract", "corpus", "-q", "--tables"]).arg(dir.path()).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json = zhengce().args(["extract", "corpus", "-q", "--format", "jsonl"]).output().unwrap();
    let docs: Vec<serde_json::Value> =
        String::from_utf8(json.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let count = |key: &str| docs.iter().map(|d| d[key].as_array().unwrap().len()).sum::<usize>();
    for (table, expected) in [
        ("documents", docs.len()),
        ("targets", count("targets")),
        ("projects", count("projects")),
        ("units", count("units")),
        ("tasks", count("tasks")),
    ] {
        let (header, rows) = read_table(&dir.path().join(format!("{table}.csv")));
        assert_eq!(header[0], "doc_id", "{table}");
        assert_eq!(rows.len(), expected, "{table}.csv rows");
        for r in &rows {
            assert_eq!(r.len(), header.len(), "{table}.csv ragged row");
        }
    }
    // Joinable: every target's doc_id is a document's doc_id.
    let (_, documents) = read_table(&dir.path().join("documents.csv"));
    let ids: Vec<&str> = documents.iter().map(|r| r.get(0).unwrap()).collect();
    let (_, targets) = read_table(&dir.path().join("targets.csv"));
    assert!(targets.iter().all(|r| ids.contains(&r.get(0).unwrap())));
    // Values survive the round trip.
    let first = docs.iter().find(|d| !d["targets"].as_array().unwrap().is_empty()).unwrap();
    let t0 = &first["targets"][0];
    let row = targets
        .iter()
        .find(|r| r.get(0) == first["source"].as_str() && r.get(1) == t0["id"].as_str())
        .unwrap();
    assert_eq!(row.get(6).unwrap().parse::<f64>().unwrap(), t0["value"].as_f64().unwrap());
    assert_eq!(row.get(20).unwrap(), t0["text"].as_str().unwrap());
}

#[test]
fn format_csv_writes_the_targets_table() {
    let dir = tempfile::tempdir().unwrap();
    let out = zhengce().args(["extract", "corpus", "-q", "--tables"]).arg(dir.path()).output().unwrap();
    assert!(out.status.success());
    let csv = zhengce().args(["extract", "corpus", "-q", "--format", "csv"]).output().unwrap();
    assert!(csv.status.success());
    assert_eq!(csv.stdout, std::fs::read(dir.path().join("targets.csv")).unwrap());
}

#[test]
fn awkward_text_is_quoted() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("q.txt");
    std::fs::write(&input, "某区2025年计划\n全区\"重点\"项目投资达到30亿元,同比增长10%。\n").unwrap();
    let out = zhengce().args(["extract", "-q", "--format", "csv"]).arg(&input).output().unwrap();
    assert!(out.status.success());
    let mut r = csv::Reader::from_reader(&out.stdout[3..]);
    let n = r.headers().unwrap().len();
    for rec in r.records() {
        let rec = rec.unwrap();
        assert_eq!(rec.len(), n);
        assert!(!rec.get(20).unwrap().is_empty());
    }
}

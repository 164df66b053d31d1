use std::io::Write;
use std::process::{Command, Output, Stdio};

fn zhengce() -> Command {
    Command::new(env!("CARGO_BIN_EXE_zhengce"))
}

fn run(args: &[&str]) -> Output {
    zhengce().args(args).output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

const PLAN: &str = "某镇2024年工作要点\n一、主要目标\n全年实现地区生产总值增长6%左右,完成固定资产投资30亿元。\n二、重点任务\n(一)推进项目建设。加快建设滨河公园。(责任单位:经发办、规建办)\n";

#[test]
fn help_works_for_every_subcommand() {
    for sub in ["extract", "segment", "numbers", "compare", "report", "schema"] {
        let out = run(&[sub, "--help"]);
        assert!(out.status.success(), "{sub}");
        assert!(stdout(&out).contains("Examples"), "{sub}");
    }
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(&["extract"]).status.code(), Some(2));
    assert_eq!(run(&["segment"]).status.code(), Some(2));
    assert_eq!(run(&["compare"]).status.code(), Some(2));
    assert_eq!(run(&["extract", "x.txt", "--shard", "4/4"]).status.code(), Some(2));
    assert_eq!(run(&["extract", "--input", "jsonl", "--out-dir", "o"]).status.code(), Some(2));
    assert_eq!(run(&["extract", "x.txt", "--format", "yaml"]).status.code(), Some(2));
    assert_eq!(run(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn one_input_gives_one_object_several_give_an_array() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    let b = dir.path().join("b.txt");
    std::fs::write(&a, PLAN).unwrap();
    std::fs::write(&b, PLAN).unwrap();
    let one: serde_json::Value =
        serde_json::from_str(&stdout(&run(&["extract", a.to_str().unwrap()]))).unwrap();
    assert_eq!(one["schema"], "zhengce/1");
    assert_eq!(one["source"], a.to_str().unwrap());
    let two = run(&["extract", a.to_str().unwrap(), b.to_str().unwrap(), "-q"]);
    let two: serde_json::Value = serde_json::from_str(&stdout(&two)).unwrap();
    assert_eq!(two.as_array().unwrap().len(), 2);
}

#[test]
fn jsonl_in_sorted_directory_order_with_a_summary() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["c.txt", "a.txt", "sub/b.txt", "skip.json"] {
        let p = dir.path().join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, PLAN).unwrap();
    }
    let out = run(&["extract", dir.path().to_str().unwrap(), "--format", "jsonl"]);
    assert!(out.status.success());
    let sources: Vec<String> = stdout(&out)
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["source"].as_str().unwrap().to_string()
        })
        .collect();
    let names: Vec<&str> = sources.iter().map(|s| s.rsplit_once('/').unwrap().1).collect();
    assert_eq!(names, ["a.txt", "c.txt", "b.txt"]);
    assert!(sources[2].ends_with("sub/b.txt"));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("3 documents") && err.contains("0 failed"), "{err}");
}

#[test]
fn a_bad_file_gives_an_error_record_and_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.txt");
    std::fs::write(&good, PLAN).unwrap();
    let missing = dir.path().join("missing.txt");
    let out = run(&["extract", good.to_str().unwrap(), missing.to_str().unwrap(), "--format", "jsonl"]);
    assert_eq!(out.status.code(), Some(1));
    let lines: Vec<serde_json::Value> =
        stdout(&out).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0]["error"].is_null());
    assert_eq!(lines[1]["schema"], "zhengce/1");
    assert!(lines[1]["error"].as_str().unwrap().contains("no such file"));
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 failed"));
}

#[test]
fn stdin_and_out_dir() {
    let mut child = zhengce()
        .args(["extract", "-", "--format", "jsonl", "-q"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(PLAN.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let doc: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(doc["source"], "-");
    assert_eq!(doc["units"][0]["name"], "经发办");

    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir_all(input.join("x")).unwrap();
    std::fs::write(input.join("x/plan.txt"), PLAN).unwrap();
    let out_dir = dir.path().join("out");
    let out = run(&["extract", input.to_str().unwrap(), "--out-dir", out_dir.to_str().unwrap(), "-q"]);
    assert!(out.status.success());
    let written: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out_dir.join("x/plan.json")).unwrap()).unwrap();
    assert_eq!(written["schema"], "zhengce/1");
}

#[test]
fn segment_and_numbers_commands() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("p.txt");
    std::fs::write(&f, "优化营商环境\n第二行\n").unwrap();
    let out = run(&["segment", f.to_str().unwrap()]);
    assert_eq!(stdout(&out).lines().count(), 2);
    assert!(stdout(&out).starts_with("优化 营商环境"), "{}", stdout(&out));
    let out = run(&["segment", f.to_str().unwrap(), "--pos"]);
    assert!(stdout(&out).contains("营商环境/n"), "{}", stdout(&out));
    let out = run(&["segment", f.to_str().unwrap(), "--format", "jsonl"]);
    let v: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(v["tokens"][1]["span"], serde_json::json!([2, 6]));

    std::fs::write(&f, "完成固定资产投资30亿元").unwrap();
    let out = run(&["numbers", f.to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(v["numbers"][0]["value"], 30.0);
    assert_eq!(v["numbers"][0]["normalized"]["value"], 3e9);
}

#[test]
fn bad_user_dictionary_names_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let dict = dir.path().join("words.txt");
    std::fs::write(&dict, "好词 100 n\n坏词 lots of fields\n").unwrap();
    let f = dir.path().join("p.txt");
    std::fs::write(&f, PLAN).unwrap();
    let out = run(&["extract", f.to_str().unwrap(), "--user-dict", dict.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("words.txt:2"), "{err}");
}

fn run_with_stdin(args: &[&str], input: &str) -> Output {
    let mut child = zhengce().args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn line_mode_gives_one_record_per_line_with_its_id() {
    let input = "{\"id\":\"a\",\"text\":\"全年实现地区生产总值增长6%左右。\"}\nnot json\n\n{\"id\":3,\"text\":\"\"}\n";
    for jobs in ["1", "2"] {
        let out = run_with_stdin(&["extract", "--input", "jsonl", "-q", "--jobs", jobs], input);
        assert_eq!(out.status.code(), Some(0), "bad lines do not fail the stream");
        let lines: Vec<serde_json::Value> =
            stdout(&out).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        assert_eq!(lines.len(), 3, "a blank line is skipped");
        assert_eq!(lines[0]["id"], "a");
        assert_eq!(lines[0]["source"], "-:1");
        assert_eq!(lines[0]["targets"][0]["value"], 6.0);
        assert!(lines[1]["id"].is_null());
        assert!(lines[1]["error"].as_str().unwrap().starts_with("line 2: not a JSON object"));
        assert_eq!(lines[2]["id"], 3);
        assert_eq!(lines[2]["error"], "empty file (0 bytes)");
    }
}

#[test]
fn files_from_and_shards_cover_the_list_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut list = String::new();
    for i in 0..5 {
        let p = dir.path().join(format!("{i}.txt"));
        std::fs::write(&p, PLAN).unwrap();
        list.push_str(&format!("{}\n", p.display()));
    }
    let mut seen = Vec::new();
    for k in 0..2 {
        let shard = format!("{k}/2");
        let out = run_with_stdin(
            &["extract", "--files-from", "-", "--shard", &shard, "--format", "jsonl", "-q"],
            &list,
        );
        assert!(out.status.success());
        for l in stdout(&out).lines() {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            seen.push(v["source"].as_str().unwrap().rsplit('/').next().unwrap().to_string());
        }
    }
    assert_eq!(seen, ["0.txt", "2.txt", "4.txt", "1.txt", "3.txt"]);
}

#[test]
fn schema_prints_the_json_schema() {
    let out = run(&["schema"]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["title"], "zhengce/1");
}

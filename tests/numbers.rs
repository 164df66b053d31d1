//! `zhengce numbers` and the number grammar end to end: decoding, full-width folding, code
//! point spans, and which numbers reach `extract` as targets.

use std::io::Write;
use std::process::{Command, Stdio};

fn run(args: &[&str], input: &str) -> serde_json::Value {
    let mut child = Command::new(env!("CARGO_BIN_EXE_zhengce"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{args:?} failed");
    let line = String::from_utf8(out.stdout).unwrap();
    serde_json::from_str(line.lines().next().unwrap()).unwrap()
}

#[test]
fn numbers_fold_full_width_and_report_code_point_spans() {
    let text = "全年新增企业１２０家，总投资约２０.５亿元，其中5000万——1亿元项目3个。";
    let v = run(&["numbers", "-", "--format", "jsonl"], text);
    let nums = v["numbers"].as_array().unwrap();
    let chars: Vec<char> = text.chars().collect();
    let quote = |n: &serde_json::Value| -> String {
        let s = n["span"][0].as_u64().unwrap() as usize;
        let e = n["span"][1].as_u64().unwrap() as usize;
        chars[s..e].iter().collect()
    };
    assert_eq!(quote(&nums[0]), "１２０家");
    assert_eq!(nums[0]["value"], 120.0);
    assert_eq!(quote(&nums[1]), "约２０.５亿元");
    assert_eq!(nums[1]["comparator"], "~");
    assert_eq!(nums[1]["normalized"]["value"], 2050000000.0);
    assert_eq!(nums[2]["unit"], "万元");
    assert_eq!(nums[2]["value_max"], 10000.0);
    assert_eq!(nums[2]["comparator"], "range");
    assert_eq!(nums[3]["unit"], "个");
}

#[test]
fn bare_numbers_and_dates_do_not_become_targets() {
    let text = "2023年9月26日,镇政府召开会议,部署推进02单元和188地块开发,新建幼儿园3所。";
    let numbers = run(&["numbers", "-", "--format", "jsonl"], text);
    let reported: Vec<f64> =
        numbers["numbers"].as_array().unwrap().iter().map(|n| n["value"].as_f64().unwrap()).collect();
    assert!(reported.contains(&188.0), "bare numbers are listed by `numbers`: {reported:?}");
    assert!(!reported.contains(&2023.0) && !reported.contains(&26.0), "dates are not numbers: {reported:?}");
    let doc = run(&["extract", "-", "--format", "jsonl"], text);
    let targets: Vec<f64> =
        doc["targets"].as_array().unwrap().iter().map(|t| t["value"].as_f64().unwrap()).collect();
    assert_eq!(targets, vec![3.0]);
}

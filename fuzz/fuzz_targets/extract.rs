//! The whole pipeline on arbitrary bytes: every input gives a record, never a panic, and
//! every span lies inside the decoded text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use zhengce::{Pipeline, Record};

static PIPELINE: OnceLock<Pipeline> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let pipeline = PIPELINE.get_or_init(|| Pipeline::new().expect("embedded dictionaries load"));
    let (name, bytes) = match data.split_first() {
        Some((b, rest)) => (["x.txt", "x.html", "-", "x.md"][(*b & 3) as usize], rest),
        None => ("x.txt", data),
    };
    let record = pipeline.extract_bytes(name, bytes);
    let json = serde_json::to_value(&record).expect("record serialises");
    if let Record::Document(_) = record {
        let decoded = zhengce::decode::decode(bytes, name).expect("decoded once already");
        let n = decoded.text.chars().count() as u64;
        check_spans(&json, n);
    }
});

/// Every `span: [a, b]` anywhere in the record satisfies `a <= b <= chars`.
fn check_spans(v: &serde_json::Value, n: u64) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                if k == "span" || k.ends_with("_span") {
                    if let Some([a, b]) = x.as_array().map(Vec::as_slice) {
                        let (a, b) = (a.as_u64().unwrap(), b.as_u64().unwrap());
                        assert!(a <= b && b <= n, "span {k} [{a}, {b}] outside 0..{n}");
                    }
                }
                check_spans(x, n);
            }
        }
        serde_json::Value::Array(xs) => xs.iter().for_each(|x| check_spans(x, n)),
        _ => {}
    }
}

//! Time per document in one process, after `Pipeline::new`: what the fuzz target pays per
//! input. Cuts the given files into slices of `--size` bytes (at line starts) and runs
//! `extract_bytes` on each, twice over, reporting the second pass (the first pays lazy loads
//! such as jieba's POS model).
//!
//! ```text
//! cargo run --release --example doc_time -- [--size 8192] FILE...
//! ```

use std::time::Instant;

fn main() {
    let mut size = 8192usize;
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--size" => size = args.next().and_then(|n| n.parse().ok()).unwrap_or(size),
            _ => files.push(a),
        }
    }
    let mut slices: Vec<Vec<u8>> = Vec::new();
    for f in &files {
        let data = std::fs::read(f).unwrap_or_else(|e| panic!("{f}: {e}"));
        let mut at = 0;
        while at < data.len() {
            let mut end = (at + size).min(data.len());
            if end < data.len() {
                end = data[at..end].iter().rposition(|&b| b == b'\n').map_or(end, |p| at + p + 1);
            }
            slices.push(data[at..end].to_vec());
            at = end;
        }
    }
    let t = Instant::now();
    let p = zhengce::Pipeline::new().expect("pipeline");
    let new_ms = t.elapsed().as_secs_f64() * 1e3;
    let bytes: usize = slices.iter().map(Vec::len).sum();
    let pass = |label: &str| {
        let t = Instant::now();
        for s in &slices {
            std::hint::black_box(p.extract_bytes("x.txt", s));
        }
        let dt = t.elapsed().as_secs_f64();
        println!(
            "doc_time: {label} slices={} bytes={bytes} s={dt:.3} per_doc_ms={:.3} docs_per_s={:.0} mb_s={:.2}",
            slices.len(),
            dt * 1e3 / slices.len() as f64,
            slices.len() as f64 / dt,
            bytes as f64 / 1e6 / dt
        );
    };
    println!("doc_time: new_ms={new_ms:.1}");
    pass("first");
    pass("second");
}

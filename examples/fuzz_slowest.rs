//! The fuzz corpus inputs that cost the most per byte, to keep as regression inputs
//! (`tests/fixtures/fuzz/`): the fuzzer finds no panic, but the inputs that make the
//! pipeline work hardest are the ones a change could make slow or break.
//!
//! Reads the files as the `extract` fuzz target does (the first byte picks the file name),
//! times `extract_bytes` on each (best of two), and prints the `--top` slowest in
//! microseconds per kilobyte, with their size and path.
//!
//! ```text
//! cargo run --release --example fuzz_slowest -- [--top 20] fuzz/corpus/extract
//! ```

use std::time::Instant;

fn main() {
    let mut top = 20usize;
    let mut dirs = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--top" => top = args.next().and_then(|n| n.parse().ok()).unwrap_or(top),
            _ => dirs.push(a),
        }
    }
    let p = zhengce::Pipeline::new().expect("pipeline");
    let mut timed = Vec::new();
    for d in &dirs {
        let entries = std::fs::read_dir(d).unwrap_or_else(|e| panic!("{d}: {e}"));
        for path in entries.filter_map(|e| e.ok()).map(|e| e.path()) {
            let Ok(data) = std::fs::read(&path) else { continue };
            let (name, bytes) = match data.split_first() {
                Some((b, rest)) => (["x.txt", "x.html", "-", "x.md"][(*b & 3) as usize], rest),
                None => ("x.txt", &data[..]),
            };
            let best = (0..2)
                .map(|_| {
                    let t = Instant::now();
                    std::hint::black_box(p.extract_bytes(name, bytes));
                    t.elapsed().as_secs_f64()
                })
                .fold(f64::INFINITY, f64::min);
            let per_kb = best * 1e6 / (data.len().max(1) as f64 / 1024.0).max(1.0);
            timed.push((per_kb, data.len(), path));
        }
    }
    timed.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.2.cmp(&b.2)));
    for (per_kb, len, path) in timed.iter().take(top) {
        println!("{per_kb:10.0} us/KB {len:7} B  {}", path.display());
    }
}

//! Baseline for the benchmarks: jieba-rs alone, `Jieba::new()` then `cut(line, true)` over
//! every line of the given files, so `zhengce extract` can be compared with plain
//! segmentation of the same text on the same machine.
//!
//! ```text
//! cargo run --release --example jieba_cut -- [--jobs N] FILE...
//! ```
//!
//! `--jobs 1` (the default) cuts line by line on the calling thread; `--jobs N` spreads the
//! lines over a rayon pool of N threads. `--tag` calls `tag(line, true)` instead (what
//! `zhengce::segment` uses: the cut plus a POS tag per word, an HMM guess for unknown words). Prints one line: `jieba_cut: jobs=N bytes=B
//! lines=L words=W new_ms=X cut_s=Y mb_s=Z` (MB = 10^6 bytes; `new_ms` is `Jieba::new()`).

use rayon::prelude::*;
use std::time::Instant;

fn main() {
    let mut jobs = 1usize;
    let mut tag = false;
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "-j" | "--jobs" => {
                jobs = args.next().and_then(|n| n.parse().ok()).unwrap_or_else(|| usage());
            }
            "--tag" => tag = true,
            "-h" | "--help" => usage(),
            _ => files.push(a),
        }
    }
    if files.is_empty() || jobs == 0 {
        usage();
    }
    let mut text = String::new();
    for f in &files {
        match std::fs::read(f) {
            Ok(b) => text.push_str(&String::from_utf8_lossy(&b)),
            Err(e) => {
                eprintln!("jieba_cut: cannot read {f}: {e}");
                std::process::exit(2);
            }
        }
        if !text.ends_with('\n') {
            text.push('\n');
        }
    }
    let lines: Vec<&str> = text.lines().collect();

    let t = Instant::now();
    let jieba = jieba_rs::Jieba::new();
    let new_ms = t.elapsed().as_secs_f64() * 1e3;

    let t = Instant::now();
    let count = |l: &&str| if tag { jieba.tag(l, true).len() } else { jieba.cut(l, true).len() };
    let words: usize = if jobs == 1 {
        lines.iter().map(count).sum()
    } else {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(jobs).build().expect("thread pool");
        pool.install(|| lines.par_iter().map(count).sum())
    };
    let cut_s = t.elapsed().as_secs_f64();
    println!(
        "jieba_cut: mode={} jobs={jobs} bytes={} lines={} words={words} new_ms={new_ms:.1} cut_s={cut_s:.3} mb_s={:.2}",
        if tag { "tag" } else { "cut" },
        text.len(),
        lines.len(),
        text.len() as f64 / 1e6 / cut_s.max(1e-9)
    );
}

fn usage() -> ! {
    eprintln!("usage: jieba_cut [--jobs N] [--tag] FILE...");
    std::process::exit(2);
}

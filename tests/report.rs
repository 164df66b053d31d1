//! `zhengce report`: document text is escaped, and the page works in a real browser
//! (headless Chromium: highlights, charts, row click scrolls to the highlight).
//!
//! The browser tests skip with a message when `/usr/bin/chromium` is absent
//! (Debian: `apt-get install -y chromium`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

const CHROMIUM: &str = "/usr/bin/chromium";

fn zhengce() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_zhengce"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

fn report(inputs: &[&Path], out: &Path) {
    let o = zhengce().arg("report").args(inputs).arg("-o").arg(out).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

const HOSTILE: &str = "<script>document.documentElement.setAttribute('data-pwned','script')</script>关于印发<b>某镇</b>2025年计划的通知\n\
全镇\"onload=\"alert(1)\" 固定资产投资达到50亿元,增长8%。<img src=x onerror=\"document.documentElement.setAttribute('data-pwned','img')\">\n\
(责任单位:<i>经发办</i>)\n</textarea></pre><svg onload=alert(2)>&amp;\n";

fn hostile_report(dir: &Path) -> PathBuf {
    let input = dir.join("hostile.txt");
    std::fs::write(&input, HOSTILE).unwrap();
    let out = dir.join("hostile.html");
    report(&[&input], &out);
    out
}

#[test]
fn document_strings_are_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let html = std::fs::read_to_string(hostile_report(dir.path())).unwrap();
    // Only the page's own script element; the document's markup shows as text.
    assert_eq!(html.matches("<script").count(), 1, "an unescaped <script> from the document");
    assert!(!html.contains("<img"), "an unescaped <img> from the document");
    assert!(!html.contains("<svg onload"), "an unescaped <svg> from the document");
    assert!(!html.contains("\"onload="), "an attribute break-out from the document");
    assert!(!html.contains("</textarea></pre>"));
    assert!(html.contains("&lt;script&gt;document.documentElement"));
    assert!(html.contains("&quot;onload=&quot;alert(1)&quot;"));
    assert!(html.contains("&amp;amp;"));
}

#[test]
fn report_is_self_contained() {
    // The five seed documents (the rest of the corpus quotes source URLs in its text).
    let dir = tempfile::tempdir().unwrap();
    let seeds = dir.path().join("seeds");
    std::fs::create_dir(&seeds).unwrap();
    for e in std::fs::read_dir("corpus").unwrap().filter_map(Result::ok) {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with("00") && name.ends_with(".txt") {
            std::fs::copy(e.path(), seeds.join(&name)).unwrap();
        }
    }
    let out = dir.path().join("r.html");
    report(&[&seeds], &out);
    let html = std::fs::read_to_string(&out).unwrap();
    for needle in ["http://", "https://", "<link", "src=\"", "@import", "url("] {
        assert!(!html.contains(needle), "report refers to an outside resource: {needle}");
    }
    assert!(html.contains("name=\"viewport\""), "not set up for phones");
    assert_eq!(html.matches("<section id=\"d").count(), 5);
}

fn chromium() -> Option<&'static str> {
    if Path::new(CHROMIUM).exists() {
        Some(CHROMIUM)
    } else {
        eprintln!("SKIPPED: {CHROMIUM} not found; install it with `apt-get install -y chromium` to run the browser test");
        None
    }
}

/// Runs headless Chromium on a file with extra arguments; returns standard output.
fn headless(file: &Path, fragment: &str, extra: &[&str]) -> String {
    let profile = tempfile::tempdir().unwrap();
    let url = format!("file://{}{fragment}", file.canonicalize().unwrap().display());
    let out = Command::new("timeout")
        .arg("120")
        .arg(CHROMIUM)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--virtual-time-budget=5000",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(url)
        .output()
        .unwrap();
    assert!(out.status.success(), "chromium failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn root_attr(dom: &str, name: &str) -> Option<String> {
    let html_tag = &dom[dom.find("<html")?..];
    let html_tag = &html_tag[..html_tag.find('>')?];
    let key = format!("{name}=\"");
    let start = html_tag.find(&key)? + key.len();
    let end = html_tag[start..].find('"')? + start;
    Some(html_tag[start..end].replace("&quot;", "\""))
}

/// Items the page must highlight per document section (`d1`, ...): every target with a
/// span, every project with a mention, every unit whose name occurs in the text.
fn expected_items(inputs: &[&str]) -> BTreeMap<String, usize> {
    let out = zhengce().args(["extract", "-q", "--format", "jsonl"]).args(inputs).output().unwrap();
    let mut m = BTreeMap::new();
    for (i, line) in String::from_utf8(out.stdout).unwrap().lines().enumerate() {
        let d: serde_json::Value = serde_json::from_str(line).unwrap();
        let text = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join(d["source"].as_str().unwrap()),
        )
        .unwrap();
        let spanned = |s: &serde_json::Value| s[1].as_u64() > s[0].as_u64();
        let targets = d["targets"].as_array().unwrap().iter().filter(|t| spanned(&t["span"])).count();
        let projects = d["projects"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["mentions"].as_array().unwrap().iter().any(spanned))
            .count();
        let units = d["units"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|u| {
                let n = u["name"].as_str().unwrap().trim();
                !n.is_empty() && text.contains(n)
            })
            .count();
        m.insert(format!("d{}", i + 1), targets + projects + units);
    }
    m
}

#[test]
fn corpus_report_works_in_headless_chromium() {
    if chromium().is_none() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("corpus.html");
    // The corpus documents themselves (a walk of corpus/ would add SOURCES.md and the
    // twins in original/), the same list for the report and for the expected counts.
    let mut inputs: Vec<String> = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| format!("corpus/{}", p.file_name().unwrap().to_string_lossy()))
        .collect();
    inputs.sort();
    let inputs: Vec<&str> = inputs.iter().map(String::as_str).collect();
    report(&inputs.iter().map(Path::new).collect::<Vec<_>>(), &html);
    let dom = headless(&html, "#selftest", &["--window-size=412,900", "--dump-dom"]);
    assert_eq!(
        root_attr(&dom, "data-selftest").as_deref(),
        Some("pass"),
        "row click did not scroll to its highlight"
    );
    let seen: BTreeMap<String, usize> =
        serde_json::from_str(&root_attr(&dom, "data-highlighted-items").expect("self-test did not run"))
            .unwrap();
    assert_eq!(seen, expected_items(&inputs), "highlighted items per document");
    assert!(seen.values().sum::<usize>() > 0);

    // A screenshot to look at: target/tmp/zhengce-report.png.
    let shot = Path::new(env!("CARGO_TARGET_TMPDIR")).join("zhengce-report.png");
    let _ = std::fs::remove_file(&shot);
    headless(&html, "", &["--window-size=1200,2400", &format!("--screenshot={}", shot.display())]);
    let png = std::fs::read(&shot).expect("no screenshot written");
    assert!(png.starts_with(b"\x89PNG"));
    eprintln!("screenshot: {}", shot.display());
}

/// Two invented documents whose targets are given indicator texts, saved as JSON: the
/// report (text recovered from the unchanged sources) must chart the shared indicators.
#[test]
fn shared_indicators_are_charted_in_headless_chromium() {
    if chromium().is_none() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = zhengce()
        .args([
            "extract",
            "-q",
            "--format",
            "jsonl",
            "tests/fixtures/report/east.txt",
            "tests/fixtures/report/west.txt",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    // The fixtures state each value once, so (value, unit) names the indicator whatever
    // the extractor makes of the wording.
    let names: &[(f64, &str, &str)] = &[
        (12.0, "亿元", "一般公共预算收入"),
        (9.5, "亿元", "一般公共预算收入"),
        (80.0, "亿元", "全社会固定资产投资"),
        (65.0, "亿元", "全社会固定资产投资"),
        (30.0, "亿元", "工业投资"),
        (20.0, "亿元", "工业投资"),
        (7.0, "%", "社会消费品零售总额"),
        (8.0, "%", "社零额"),
        (800.0, "个", "新增停车位"),
        (500.0, "个", "新增停车位"),
    ];
    let mut jsonl = String::new();
    for line in String::from_utf8(out.stdout).unwrap().lines() {
        let mut d: serde_json::Value = serde_json::from_str(line).unwrap();
        for t in d["targets"].as_array_mut().unwrap() {
            let hit = names.iter().find(|(v, u, _)| t["value"].as_f64() == Some(*v) && t["unit"] == *u);
            if let Some((_, _, name)) = hit {
                t["indicator"] = serde_json::json!(name);
                t.as_object_mut().unwrap().remove("canonical");
            }
        }
        jsonl.push_str(&serde_json::to_string(&d).unwrap());
        jsonl.push('\n');
    }
    let saved = dir.path().join("two.jsonl");
    std::fs::write(&saved, jsonl).unwrap();
    let html = dir.path().join("two.html");
    report(&[&saved], &html);
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("class=\"text\""), "source text was not recovered for saved JSON");
    let dom = headless(&html, "#selftest", &["--window-size=800,900", "--dump-dom"]);
    let charts: usize = root_attr(&dom, "data-charts").expect("self-test did not run").parse().unwrap();
    // Budget revenue, fixed-asset investment, industrial investment, retail sales, parking.
    assert!(charts >= 4, "expected charts for the shared indicators, got {charts}");
    assert!(dom.contains("工业投资"));
    let shot = Path::new(env!("CARGO_TARGET_TMPDIR")).join("zhengce-compare.png");
    headless(&html, "", &["--window-size=1000,1400", &format!("--screenshot={}", shot.display())]);
    assert!(std::fs::read(&shot).unwrap().starts_with(b"\x89PNG"));
}

#[test]
fn hostile_document_runs_no_code_in_chromium() {
    if chromium().is_none() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let html = hostile_report(dir.path());
    let dom = headless(&html, "#selftest", &["--dump-dom"]);
    assert!(root_attr(&dom, "data-charts").is_some(), "the page's own script did not run");
    assert_eq!(root_attr(&dom, "data-pwned"), None, "document markup ran in the browser");
    assert!(dom.contains("&lt;script&gt;document.documentElement"));
}

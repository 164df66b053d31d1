//! Golden output for the bundled corpus: every `corpus/*.txt` and every file of
//! `corpus/original/` (Word and GBK twins) is extracted and compared with
//! `tests/golden/[original/]NAME.json`. After an intended change, re-bless with
//! `ZHENGCE_BLESS=1 cargo test --release golden` and review the diff in git.

use std::path::Path;

#[test]
fn golden_corpus() {
    let pipeline = zhengce::Pipeline::new().unwrap();
    let bless = std::env::var_os("ZHENGCE_BLESS").is_some();
    let files = |dir: &str, exts: &[&str]| -> Vec<std::path::PathBuf> {
        let mut v: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| exts.iter().any(|x| e == *x)))
            .collect();
        v.sort();
        v
    };
    let mut names = files("corpus", &["txt"]);
    assert!(names.len() >= 25, "corpus/ should hold the evaluation corpus");
    names.extend(files("corpus/original", &["txt", "docx"]));
    let mut failures = Vec::new();
    for path in names {
        let source = path.to_string_lossy().replace('\\', "/");
        let bytes = std::fs::read(&path).unwrap();
        let record = pipeline.extract_bytes(&source, &bytes);
        let got = serde_json::to_string_pretty(&record).unwrap() + "\n";
        let sub = path.parent().and_then(|p| p.strip_prefix("corpus").ok()).unwrap_or(Path::new(""));
        let golden =
            Path::new("tests/golden").join(sub).join(path.file_stem().unwrap()).with_extension("json");
        if bless {
            std::fs::create_dir_all(golden.parent().unwrap()).unwrap();
            std::fs::write(&golden, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&golden).unwrap_or_else(|_| {
            panic!("{} is missing; run ZHENGCE_BLESS=1 cargo test golden", golden.display())
        });
        if got != want {
            let line = got.lines().zip(want.lines()).position(|(a, b)| a != b).unwrap_or(0);
            failures.push(format!(
                "{}: differs from {} at line {}:\n  got:  {}\n  want: {}",
                source,
                golden.display(),
                line + 1,
                got.lines().nth(line).unwrap_or(""),
                want.lines().nth(line).unwrap_or("")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{}\n(re-bless with ZHENGCE_BLESS=1 cargo test golden)",
        failures.join("\n")
    );
}

#[test]
fn golden_output_is_valid_zhengce1() {
    // Every span of the golden output lies within the document, and ids are well formed.
    let pipeline = zhengce::Pipeline::new().unwrap();
    let text = std::fs::read("corpus/001_e743c46d57511929.txt").unwrap();
    let zhengce::Record::Document(doc) = pipeline.extract_bytes("x.txt", &text) else {
        panic!("not a document")
    };
    let chars = doc.chars;
    let spans = doc
        .targets
        .iter()
        .map(|t| t.span)
        .chain(doc.sections.iter().map(|s| s.span))
        .chain(doc.tasks.iter().map(|t| t.span))
        .chain(doc.projects.iter().flat_map(|p| p.mentions.clone()));
    for [s, e] in spans {
        assert!(s <= e && e <= chars, "span [{s}, {e}) outside {chars}");
    }
    for (i, t) in doc.targets.iter().enumerate() {
        assert_eq!(t.id, format!("T{}", i + 1));
    }
    assert!(!doc.sections.is_empty() && !doc.tasks.is_empty());
}

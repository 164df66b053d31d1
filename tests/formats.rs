//! PDF and Word input (issue 8). The fixtures in `tests/fixtures/` are made by
//! `tests/fixtures/make_fixtures.py`: each corpus seed laid out by LibreOffice as a PDF with a
//! running header and `— N —` footers, a Word file with a task table and its plain-text twin,
//! a scanned (image-only) PDF, and a hand-written PDF whose sentence wraps over a line and a
//! page break. Extraction from a PDF or DOCX is compared with extraction from the text of the
//! SAME build, so the tests follow the extractors as they improve.

use std::path::{Path, PathBuf};
use std::process::Command;
use zhengce::{Pipeline, Record};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

fn pipeline() -> &'static Pipeline {
    static P: std::sync::OnceLock<Pipeline> = std::sync::OnceLock::new();
    P.get_or_init(|| Pipeline::new().expect("pipeline"))
}

fn extract(path: &Path) -> (zhengce::Document, String) {
    let bytes = std::fs::read(path).unwrap();
    match pipeline().extract_with_text(&path.to_string_lossy(), &bytes) {
        (Record::Document(d), Some(text)) => (*d, text),
        (Record::Error(e), _) => panic!("{}: {}", path.display(), e.error),
        _ => panic!("{}: no text", path.display()),
    }
}

/// What must agree between formats: targets (indicator, value, unit), unit names and task
/// titles, each sorted; offsets differ and are left out.
fn essentials(d: &zhengce::Document) -> (Vec<String>, Vec<String>, Vec<String>) {
    let mut targets: Vec<String> =
        d.targets.iter().map(|t| format!("{:?}|{}|{}", t.indicator, t.value, t.unit)).collect();
    let mut units: Vec<String> = d.units.iter().map(|u| u.name.clone()).collect();
    let mut tasks: Vec<String> = d.tasks.iter().map(|t| t.title.clone()).collect();
    targets.sort();
    units.sort();
    tasks.sort();
    (targets, units, tasks)
}

#[test]
fn seed_pdfs_extract_like_their_text() {
    let seeds = fixture("seeds");
    let mut n = 0;
    for entry in std::fs::read_dir(&seeds).unwrap() {
        let pdf = entry.unwrap().path();
        if pdf.extension().and_then(|e| e.to_str()) != Some("pdf") {
            continue;
        }
        let txt = root().join("corpus").join(pdf.with_extension("txt").file_name().unwrap());
        let (from_pdf, text) = extract(&pdf);
        let (from_txt, _) = extract(&txt);
        assert_eq!(from_pdf.encoding, "pdf");
        assert!(
            from_pdf.pages.len() >= 2 && from_pdf.pages[0] == 0,
            "{}: {:?}",
            pdf.display(),
            from_pdf.pages
        );
        // Running header and page-number footers are gone.
        assert!(!text.contains("测试样本"), "{}: running header kept", pdf.display());
        assert!(
            !text.lines().any(|l| l.trim_matches(['—', ' ']).parse::<u32>().is_ok()),
            "{}",
            pdf.display()
        );
        let (a, b) = (essentials(&from_pdf), essentials(&from_txt));
        assert_eq!(a.0, b.0, "{}: targets differ", pdf.display());
        assert_eq!(a.1, b.1, "{}: units differ", pdf.display());
        assert_eq!(a.2, b.2, "{}: tasks differ", pdf.display());
        // Every target has a page, and pages never decrease along the text.
        let mut by_span: Vec<_> = from_pdf.targets.iter().map(|t| (t.span[0], t.page)).collect();
        by_span.sort();
        assert!(by_span.iter().all(|(_, p)| p.is_some()), "{}", pdf.display());
        assert!(by_span.windows(2).all(|w| w[0].1 <= w[1].1), "{}", pdf.display());
        n += 1;
    }
    assert_eq!(n, 5);
}

#[test]
fn docx_task_table_extracts_like_its_text() {
    let (from_docx, text) = extract(&fixture("tasks.docx"));
    let (from_txt, _) = extract(&fixture("tasks.txt"));
    assert_eq!(from_docx.encoding, "docx");
    // Table rows are lines with tab-separated cells; header and footer are dropped.
    assert!(text.contains("3\t完成老旧小区改造12个，惠及居民2600户\t社区建设办公室\t2025年11月\n"), "{text}");
    assert!(!text.contains("城西街道办事处\n"), "header kept: {text}");
    assert_eq!(text, std::fs::read_to_string(fixture("tasks.txt")).unwrap());
    assert_eq!(essentials(&from_docx), essentials(&from_txt));
    assert!(from_docx.targets.iter().any(|t| t.value == 2600.0 && t.unit == "户"));
}

#[test]
fn pdf_ruled_table_with_wrapped_cells_gives_one_line_per_row() {
    let (from_pdf, text) = extract(&fixture("tasks.pdf"));
    let (from_txt, _) = extract(&fixture("tasks.txt"));
    // Writer wrapped every task cell over several lines; the rows come back whole, and the
    // single-page running header (set small) is dropped.
    assert_eq!(text, std::fs::read_to_string(fixture("tasks.txt")).unwrap());
    assert_eq!(essentials(&from_pdf), essentials(&from_txt));
}

#[test]
fn pdf_table_over_pages_has_one_header_and_whole_rows() {
    let (from_pdf, text) = extract(&fixture("longtable.pdf"));
    let (from_txt, _) = extract(&fixture("longtable.txt"));
    // The repeated header rows are dropped and a row broken by a page break is whole.
    assert!(from_pdf.pages.len() >= 2, "{:?}", from_pdf.pages);
    assert_eq!(text.matches("序号").count(), 1);
    assert_eq!(text, std::fs::read_to_string(fixture("longtable.txt")).unwrap());
    assert_eq!(essentials(&from_pdf), essentials(&from_txt));
}

#[test]
fn sentence_wrapped_over_lines_and_a_page_break_is_whole() {
    let (doc, text) = extract(&fixture("wrapped.pdf"));
    assert!(
        text.contains("完成老旧小区加装电梯40部，新建社区食堂6家，改造提升口袋公园12处，让居民生活更加便利、更加舒心和安心。"),
        "{text}"
    );
    assert!(text.starts_with("民生实事项目计划\n一、年度目标\n今年街道"), "{text}");
    assert!(text.contains("\n二、保障措施\n各部门"), "{text}");
    assert!(!text.contains("示例街道办事处") && !text.contains('—'), "{text}");
    // Text marked as an artifact (tagged PDFs mark running heads so) is not content.
    assert!(!text.contains("排版标记"), "{text}");
    // Page 2 starts inside the wrapped sentence, at 和安心.
    assert_eq!(doc.pages.len(), 2);
    let page2: String = text.chars().skip(doc.pages[1]).take(3).collect();
    assert_eq!(page2, "和安心");
    let page_of = |value: f64| doc.targets.iter().find(|t| t.value == value).and_then(|t| t.page);
    assert_eq!(page_of(3500.0), Some(1));
    assert_eq!(page_of(75.0), Some(2));
}

#[test]
fn scanned_pdf_gives_an_error_record() {
    let bytes = std::fs::read(fixture("scanned.pdf")).unwrap();
    match pipeline().extract_bytes("scanned.pdf", &bytes) {
        Record::Error(e) => {
            assert!(e.error.contains("no text layer") && e.error.contains("OCR"), "{}", e.error)
        }
        Record::Document(_) => panic!("a scan must not give an empty success"),
    }
}

/// Cuts and byte flips of real files must give a record (document or error), never a panic.
#[test]
fn damaged_pdf_and_docx_never_panic() {
    for name in ["wrapped.pdf", "seeds/000_39cc09a31d753d9a.pdf", "tasks.docx"] {
        let good = std::fs::read(fixture(name)).unwrap();
        let n = good.len();
        for k in 1..24 {
            let cut = n * k / 24;
            let _ = zhengce::decode::decode(&good[..cut], name);
            let mut flipped = good.clone();
            for j in 0..8 {
                let at = (cut + j * 997) % n;
                flipped[at] ^= 0x5a;
            }
            let _ = zhengce::decode::decode(&flipped, name);
        }
    }
    for junk in
        [&b"%PDF-"[..], b"%PDF-1.7\n%%EOF", b"PK\x03\x04", b"PK\x03\x04\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"]
    {
        assert!(zhengce::decode::decode(junk, "x").is_err());
    }
}

fn zhengce() -> Command {
    Command::new(env!("CARGO_BIN_EXE_zhengce"))
}

#[test]
fn cli_picks_up_pdf_and_docx_and_dumps_text() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::copy(fixture("wrapped.pdf"), input.join("plan.pdf")).unwrap();
    std::fs::copy(fixture("tasks.docx"), input.join("tasks.docx")).unwrap();
    let out = dir.path().join("out");
    let status =
        zhengce().arg("extract").arg(&input).arg("--out-dir").arg(&out).args(["--dump-text", "-q"]).status();
    assert!(status.unwrap().success());
    for stem in ["plan", "tasks"] {
        assert!(out.join(format!("{stem}.json")).is_file(), "{stem}.json");
        assert!(out.join(format!("{stem}.txt")).is_file(), "{stem}.txt");
    }
    let dumped = std::fs::read_to_string(out.join("plan.txt")).unwrap();
    assert!(dumped.contains("更加舒心和安心。"));
    // Offsets in the JSON are code points into the dumped text.
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("plan.json")).unwrap()).unwrap();
    let targets = json["targets"].as_array().unwrap();
    let t = targets.iter().find(|t| t["value"].as_f64() == Some(3500.0)).expect("target 3500");
    let (s, e) = (t["span"][0].as_u64().unwrap() as usize, t["span"][1].as_u64().unwrap() as usize);
    let spanned: String = dumped.chars().skip(s).take(e - s).collect();
    assert!(spanned.starts_with("3500"), "{spanned}");
    assert!(t["text"].as_str().unwrap().contains(&spanned));

    // Without --out-dir the text goes beside the input, never over it.
    let o =
        zhengce().arg("extract").arg(input.join("plan.pdf")).args(["--dump-text", "-q"]).output().unwrap();
    assert!(o.status.success());
    assert!(input.join("plan.pdf.txt").is_file());
}

#[test]
fn pdf_encrypted_without_a_user_password_is_read_and_one_with_a_password_refused() {
    let (_, plain) = extract(&fixture("wrapped.pdf"));
    let (doc, text) = extract(&fixture("protected.pdf"));
    assert_eq!(text, plain);
    assert!(doc.targets.iter().any(|t| t.value == 3500.0));
    let bytes = std::fs::read(fixture("locked.pdf")).unwrap();
    match pipeline().extract_bytes("locked.pdf", &bytes) {
        Record::Error(e) => assert!(e.error.contains("password"), "{}", e.error),
        Record::Document(_) => panic!("a locked PDF cannot be read"),
    }
}

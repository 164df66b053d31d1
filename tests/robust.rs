//! Robustness at archive scale (issue 7): every input path gives exactly one record in
//! order, bad inputs give clear error records and the batch goes on, output does not depend
//! on `--jobs`, `--out-dir` writes whole files, and an interrupted run resumes to the same
//! result. Also property tests on the library: spans stay inside the text, output is
//! deterministic.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn zhengce() -> Command {
    Command::new(env!("CARGO_BIN_EXE_zhengce"))
}

fn seed_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// The seed documents, sorted by name.
fn seeds() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(seed_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    v.sort();
    assert!(v.len() >= 3, "the seed corpus is missing");
    v
}

fn seed_text(i: usize) -> String {
    std::fs::read_to_string(&seeds()[i]).unwrap()
}

/// Runs `zhengce extract --format jsonl -j2 ARGS` and parses one record per line.
fn jsonl(args: &[&std::ffi::OsStr]) -> (Output, Vec<Value>) {
    let out = zhengce().args(["extract", "--format", "jsonl", "-j", "2"]).args(args).output().unwrap();
    let records = String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (out, records)
}

fn os(s: &Path) -> &std::ffi::OsStr {
    s.as_os_str()
}

fn error_of(r: &Value) -> Option<&str> {
    r.get("error").and_then(Value::as_str)
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

/// The bad-input matrix, all in one batch: each case gives the record it must, in order.
#[test]
fn bad_input_matrix() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let seed = seed_text(0);
    let good = write(d, "good.txt", &seed);
    let empty = write(d, "empty.txt", b"");
    let blank = write(d, "blank.txt", " \n\u{3000}\n\t\n");
    let png = write(d, "picture.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    let nul = write(d, "nul.txt", b"abc\0\0\0\x01\x02def\0");
    let mut cut = seed.as_bytes()[..seed.len() / 2].to_vec();
    while std::str::from_utf8(&cut).is_ok() {
        cut.pop(); // end inside a character, like a broken download
    }
    let truncated = write(d, "truncated.txt", &cut);
    let (gbk, _, bad) =
        encoding_rs::GB18030.encode("2024年全镇固定资产投资达到50亿元。\n(责任单位:经发办)\n");
    assert!(!bad);
    let gbk = write(d, "gbk.txt", &gbk);
    let mut le = vec![0xff, 0xfe];
    "2025年新建道路3公里。\n".encode_utf16().for_each(|u| le.extend_from_slice(&u.to_le_bytes()));
    let utf16 = write(d, "utf16.txt", &le);
    let error_page = write(
        d,
        "error.html",
        "<html><head><title>404 Not Found</title></head><body><center><h1>404 Not Found</h1></center><hr><center>nginx</center></body></html>",
    );
    let missing = d.join("missing.txt");
    // A directory named like a file, with nothing inside.
    let dir_like_file = d.join("report.txt");
    std::fs::create_dir(&dir_like_file).unwrap();
    // A path through a file: ENOTDIR. (Tests run as root, so chmod 000 would not deny a
    // read; this is the unreadable path we can make.)
    let through_file = good.join("inner.txt");
    // Symlinks: dangling, and a link to itself.
    let dangling = d.join("dangling.txt");
    std::os::unix::fs::symlink(d.join("nowhere.txt"), &dangling).unwrap();
    let selfloop = d.join("self.txt");
    std::os::unix::fs::symlink(&selfloop, &selfloop).unwrap();
    // A file name that is not UTF-8.
    let odd_name = {
        use std::os::unix::ffi::OsStrExt;
        d.join(std::ffi::OsStr::from_bytes(b"odd\xff\xfe.txt"))
    };
    std::fs::write(&odd_name, &seed).unwrap();

    let cases: Vec<(&Path, Result<&str, &str>)> = vec![
        (&good, Ok("utf-8")),
        (&empty, Err("empty")),
        (&blank, Err("white space")),
        (&png, Err("PNG")),
        (&nul, Err("NUL")),
        (&truncated, Ok("utf-8")),
        (&gbk, Ok("gb18030")),
        (&utf16, Ok("utf-16le")),
        (&error_page, Ok("utf-8")),
        (&missing, Err("no such file")),
        (&dir_like_file, Err("is a directory")),
        (&through_file, Err("cannot read")),
        (&dangling, Err("no such file")),
        (&selfloop, Err("symbolic links")),
        (&odd_name, Ok("utf-8")),
    ];
    let args: Vec<&std::ffi::OsStr> = cases.iter().map(|(p, _)| os(p)).collect();
    let (out, records) = jsonl(&args);
    assert_eq!(records.len(), cases.len(), "one record per input path");
    for ((path, want), r) in cases.iter().zip(&records) {
        assert_eq!(r["schema"], "zhengce/1");
        assert_eq!(r["source"].as_str().unwrap(), path.to_string_lossy(), "records keep input order");
        match want {
            Ok(encoding) => {
                assert_eq!(error_of(r), None, "{path:?}");
                assert_eq!(r["encoding"], *encoding, "{path:?}");
            }
            Err(msg) => {
                let e = error_of(r).unwrap_or_else(|| panic!("{path:?} should fail"));
                assert!(e.contains(msg), "{path:?}: {e:?} lacks {msg:?}");
            }
        }
    }
    // The truncated file says what it repaired; the error page has nothing to extract.
    assert!(!records[5]["errors"].as_array().unwrap().is_empty());
    assert!(records[8]["targets"].as_array().unwrap().is_empty());
    // The odd name reads like the good file.
    assert_eq!(records[14]["targets"], records[0]["targets"]);
    assert_eq!(out.status.code(), Some(1), "some inputs failed");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("6 documents") && stderr.contains("9 failed"), "{stderr}");
}

/// In a walked directory: sorted order, sub-directories named like files are walked, symlink
/// loops and FIFOs give error records instead of hanging, and the batch goes on.
#[test]
fn walked_directory_with_traps() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write(d, "b.txt", seed_text(1));
    write(d, "a.txt", seed_text(0));
    write(d, "c.txt", b"");
    write(d, "ignored.json", b"{}");
    std::fs::create_dir(d.join("x.txt")).unwrap();
    write(&d.join("x.txt"), "inner.txt", seed_text(2));
    std::os::unix::fs::symlink(d, d.join("loop")).unwrap();
    let fifo = d.join("pipe.txt");
    let made_fifo = Command::new("mkfifo").arg(&fifo).status().is_ok_and(|s| s.success());
    let (out, records) = jsonl(&[os(d)]);
    let got: Vec<(String, Option<&str>)> = records
        .iter()
        .map(|r| {
            let src = r["source"].as_str().unwrap();
            (src.strip_prefix(&*d.to_string_lossy()).unwrap().to_string(), error_of(r))
        })
        .collect();
    let names: Vec<&str> = got.iter().map(|(s, _)| s.as_str()).collect();
    let mut want = vec!["/a.txt", "/b.txt", "/c.txt", "/loop"];
    if made_fifo {
        want.push("/pipe.txt");
    }
    want.push("/x.txt/inner.txt");
    assert_eq!(names, want);
    assert!(got[2].1.unwrap().contains("empty"));
    assert!(got[3].1.unwrap().contains("symlink loop"));
    if made_fifo {
        assert!(got[4].1.unwrap().contains("not a regular file"));
    }
    assert!(got.last().unwrap().1.is_none());
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn all_good_exits_zero_and_empty_dir_is_an_error_record() {
    let (out, records) = jsonl(&[os(&seeds()[0]), os(&seeds()[1])]);
    assert_eq!(records.len(), 2);
    assert!(records.iter().all(|r| error_of(r).is_none()));
    assert_eq!(out.status.code(), Some(0));
    let tmp = tempfile::tempdir().unwrap();
    let (out, records) = jsonl(&[os(tmp.path())]);
    assert_eq!(records.len(), 1);
    assert!(error_of(&records[0]).unwrap().contains("no input files"));
    assert_eq!(out.status.code(), Some(1));
}

/// A mixed batch (good, empty, binary, truncated) is byte-identical whatever `--jobs` is,
/// as JSON lines and as a JSON array.
#[test]
fn output_does_not_depend_on_jobs() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    for (i, s) in seeds().iter().enumerate() {
        std::fs::copy(s, d.join(format!("{i}_good.txt"))).unwrap();
        let bytes = std::fs::read(s).unwrap();
        write(d, &format!("{i}_cut.txt"), &bytes[..bytes.len() / 3]);
    }
    write(d, "empty.txt", b"");
    write(d, "bin.txt", b"\x7fELF\x02\x01\x01\0\0\0");
    let run = |jobs: &str, format: &str| {
        let out = zhengce().args(["extract", "-q", "--format", format, "-j", jobs]).arg(d).output().unwrap();
        assert_eq!(out.status.code(), Some(1));
        out.stdout
    };
    for format in ["jsonl", "json"] {
        let one = run("1", format);
        let four = run("4", format);
        assert!(one == four, "--jobs changed the {format} output");
        assert!(one.len() > 1000);
    }
    let lines = run("3", "jsonl");
    assert_eq!(String::from_utf8(lines).unwrap().lines().count(), seeds().len() * 2 + 2);
}

/// Files with the same stem (`x.txt`, `x.html`) or name (`a/x.txt`, `b/x.txt`) each get
/// their own output file; no temporary file is left behind.
#[test]
fn out_dir_names_never_clash() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    std::fs::create_dir(d.join("a")).unwrap();
    std::fs::create_dir(d.join("b")).unwrap();
    let files = [
        write(d, "x.txt", seed_text(0)),
        write(d, "x.html", "<html><body><p>2024年新建公园2个。</p></body></html>"),
        write(&d.join("a"), "x.txt", seed_text(1)),
        write(&d.join("b"), "x.txt", seed_text(2)),
        write(d, "y.txt", seed_text(2)),
    ];
    let out_dir = d.join("out");
    let status = zhengce().args(["extract", "-q", "--out-dir"]).arg(&out_dir).args(&files).status().unwrap();
    assert_eq!(status.code(), Some(0));
    let mut names: Vec<String> =
        std::fs::read_dir(&out_dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    assert_eq!(names, ["x.html.json", "x.txt.json", "x.txt~2.json", "x.txt~3.json", "y.json"]);
    let sources: Vec<String> = names
        .iter()
        .map(|n| {
            let v: Value = serde_json::from_slice(&std::fs::read(out_dir.join(n)).unwrap()).unwrap();
            v["source"].as_str().unwrap().to_string()
        })
        .collect();
    assert_eq!(sources.iter().collect::<std::collections::HashSet<_>>().len(), files.len());
}

fn read_dir_sorted(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (e.file_name().into_string().unwrap(), std::fs::read(e.path()).unwrap())
        })
        .collect();
    v.sort();
    v
}

/// `--resume` skips inputs whose output is up to date and redoes the ones that changed.
#[test]
fn resume_skips_up_to_date_outputs() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir(&input).unwrap();
    for (i, s) in seeds().iter().enumerate() {
        std::fs::copy(s, input.join(format!("{i}.txt"))).unwrap();
    }
    let out_dir = tmp.path().join("out");
    let run = || {
        let out = zhengce()
            .args(["extract", "-j", "2", "--resume", "--out-dir"])
            .arg(&out_dir)
            .arg(&input)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        String::from_utf8(out.stderr).unwrap()
    };
    let first = run();
    assert!(!first.contains("skipped"), "{first}");
    let before = read_dir_sorted(&out_dir);
    assert_eq!(before.len(), seeds().len());
    let again = run();
    assert!(
        again.contains("zhengce: 0 documents") && again.contains(&format!("{} skipped", seeds().len())),
        "{again}"
    );
    assert_eq!(read_dir_sorted(&out_dir), before);
    // Change one input: only it is redone.
    std::fs::write(input.join("1.txt"), seed_text(0)).unwrap();
    let third = run();
    assert!(
        third.contains("zhengce: 1 documents") && third.contains(&format!("{} skipped", seeds().len() - 1)),
        "{third}"
    );
    let after = read_dir_sorted(&out_dir);
    assert_ne!(after[1].1, before[1].1);
    assert_eq!(after[0].1, before[0].1);
}

/// SIGINT in the middle of a batch: the files in flight finish, nothing partial is written,
/// the summary is printed, the exit status is 130; `--resume` then completes the batch to
/// exactly what an uninterrupted run writes.
#[test]
fn interrupted_batch_resumes_to_the_same_output() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir(&input).unwrap();
    let texts: Vec<String> = (0..seeds().len()).map(seed_text).collect();
    let n = 240;
    for i in 0..n {
        // Distinct inputs (a changing first line) so no two outputs are the same file.
        write(&input, &format!("{i:04}.txt"), format!("第{i}号\n{}", texts[i % texts.len()]));
    }
    let full = tmp.path().join("full");
    let status =
        zhengce().args(["extract", "-q", "-j", "2", "--out-dir"]).arg(&full).arg(&input).status().unwrap();
    assert_eq!(status.code(), Some(0));

    let out_dir = tmp.path().join("out");
    let child = zhengce()
        .args(["extract", "-j", "1", "--out-dir"])
        .arg(&out_dir)
        .arg(&input)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Signal once the first outputs exist (the Ctrl-C handler is installed by then).
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    while std::fs::read_dir(&out_dir).map(|d| d.count()).unwrap_or(0) < 3 {
        assert!(std::time::Instant::now() < deadline, "no output appeared");
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let kill = Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    assert!(kill.success());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{stderr}");
    assert!(stderr.contains("interrupted"), "{stderr}");
    let partial = read_dir_sorted(&out_dir);
    assert!(partial.len() < n, "the batch finished before the signal");
    for (name, bytes) in &partial {
        assert!(name.ends_with(".json") && !name.contains(".tmp"), "{name}");
        serde_json::from_slice::<Value>(bytes).unwrap_or_else(|e| panic!("{name} is partial: {e}"));
    }

    let out = zhengce()
        .args(["extract", "-j", "2", "--resume", "--out-dir"])
        .arg(&out_dir)
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(&format!("{} skipped", partial.len())), "{stderr}");
    assert!(read_dir_sorted(&out_dir) == read_dir_sorted(&full), "resumed output differs");
}

/// GBK and UTF-16 copies of a seed read exactly like the UTF-8 one, offsets included.
#[test]
fn encodings_give_the_same_document() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let text = seed_text(1);
    let utf8 = write(d, "utf8.txt", &text);
    let (gbk, enc, bad) = encoding_rs::GBK.encode(&text);
    assert!(!bad && enc == encoding_rs::GBK, "the seed is not representable in GBK");
    let gbk = write(d, "gbk.txt", &gbk);
    let mut le = vec![0xff, 0xfe];
    let mut be = vec![0xfe, 0xff];
    for u in text.encode_utf16() {
        le.extend_from_slice(&u.to_le_bytes());
        be.extend_from_slice(&u.to_be_bytes());
    }
    let le = write(d, "le.txt", &le);
    let be = write(d, "be.txt", &be);
    let (out, mut records) = jsonl(&[os(&utf8), os(&gbk), os(&le), os(&be)]);
    assert_eq!(out.status.code(), Some(0));
    let encodings: Vec<String> =
        records.iter().map(|r| r["encoding"].as_str().unwrap().to_string()).collect();
    assert_eq!(encodings, ["utf-8", "gb18030", "utf-16le", "utf-16be"]);
    for r in &mut records {
        let m = r.as_object_mut().unwrap();
        for k in ["source", "encoding", "sha256"] {
            m.remove(k);
        }
    }
    assert!(!records[0]["targets"].as_array().unwrap().is_empty());
    for r in &records[1..] {
        assert!(*r == records[0], "decoded differently from UTF-8");
    }
}

/// Pathological shapes finish with a record (no time limit here: a quadratic regression
/// shows as a test that takes minutes; the bench measures speed).
#[test]
fn pathological_text_gives_records() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let n = 60_000;
    let shapes: Vec<(&str, String)> = vec![
        ("longline.txt", "甲乙丙丁".repeat(n / 4)),
        ("digits.txt", "7".repeat(n)),
        ("cn_digits.txt", "一二三四五六七八九十百千万亿".repeat(n / 14)),
        ("brackets.txt", format!("{}{}", "(".repeat(n / 2), ")".repeat(n / 2))),
        ("fw_brackets.txt", format!("{}{}", "（【".repeat(n / 4), "】）".repeat(n / 4))),
        ("quotes.txt", "\"“”'‘’「」".repeat(n / 9)),
        ("scripts.txt", "a甲1аα،ก한".repeat(n / 8)),
        ("periods.txt", "。".repeat(n)),
        ("lines.txt", "甲\n".repeat(n / 2)),
        ("markers.txt", "一、(一)1.(1)①".repeat(n / 12)),
        ("tail.txt", format!("标题\n正文。\n上一篇\n{}", "某\n".repeat(n / 2))),
        ("nested.html", format!("{}甲{}", "<div>".repeat(n / 5), "</div>".repeat(n / 5))),
        ("lt.html", "<".repeat(n)),
        // Ten times longer: one line of numbers, each looking for its table row.
        ("bare_numbers.txt", "12、".repeat(n * 10 / 3)),
        ("table_row.txt", format!("指标\t2020年\t2025年\n指标(亿元)\t{}", "12\t".repeat(n * 10 / 3))),
    ];
    let paths: Vec<PathBuf> = shapes.iter().map(|(name, body)| write(d, name, body)).collect();
    let args: Vec<&std::ffi::OsStr> = paths.iter().map(|p| os(p)).collect();
    let (_, records) = jsonl(&args);
    assert_eq!(records.len(), shapes.len());
    for (r, (name, _)) in records.iter().zip(&shapes) {
        assert!(r["source"].as_str().unwrap().ends_with(name));
        if error_of(r).is_none() {
            assert!(r["chars"].as_u64().unwrap() > 0, "{name}");
        }
    }
}

/// The fuzz corpus inputs that cost the pipeline most per byte (`examples/fuzz_slowest.rs`,
/// kept in `tests/fixtures/fuzz/` as the fuzzer stores them: the first byte picks the file
/// name). Each gives one record whose spans lie inside the text, the same on a second run.
#[test]
fn fuzz_finds_give_sound_records() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    assert!(files.len() >= 10, "only {} fuzz inputs in {}", files.len(), dir.display());
    let p = properties::pipeline();
    for f in files {
        let data = std::fs::read(&f).unwrap();
        let (name, bytes) = match data.split_first() {
            Some((b, rest)) => (["x.txt", "x.html", "-", "x.md"][(*b & 3) as usize], rest),
            None => ("x.txt", &data[..]),
        };
        let (record, text) = p.extract_with_text(name, bytes);
        let json = serde_json::to_value(&record).unwrap();
        if let Some(text) = text {
            let chars = text.chars().count() as u64;
            assert_eq!(json["chars"].as_u64(), Some(chars), "{}", f.display());
            properties::check_spans(&json, chars).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        } else {
            assert!(error_of(&json).is_some(), "{}: no text and no error", f.display());
        }
        let again = serde_json::to_value(p.extract_bytes(name, bytes)).unwrap();
        assert!(again == json, "{}: a second run differs", f.display());
    }
}

mod properties {
    use proptest::prelude::*;
    use serde_json::Value;
    use std::sync::OnceLock;

    pub(super) fn pipeline() -> &'static zhengce::Pipeline {
        static P: OnceLock<zhengce::Pipeline> = OnceLock::new();
        P.get_or_init(|| zhengce::Pipeline::new().unwrap())
    }

    /// Every `[a, b]` span in the record satisfies `a <= b <= chars`.
    pub(super) fn check_spans(v: &Value, chars: u64) -> Result<(), String> {
        match v {
            Value::Object(m) => {
                for (k, x) in m {
                    if k == "span" || k == "boilerplate" {
                        let spans: Vec<&Value> =
                            if k == "span" { vec![x] } else { x.as_array().unwrap().iter().collect() };
                        for s in spans {
                            let (a, b) = (s[0].as_u64().unwrap(), s[1].as_u64().unwrap());
                            if !(a <= b && b <= chars) {
                                return Err(format!("{k} [{a}, {b}] outside 0..{chars}"));
                            }
                        }
                    }
                    check_spans(x, chars)?;
                }
            }
            Value::Array(xs) => xs.iter().try_for_each(|x| check_spans(x, chars))?,
            _ => {}
        }
        Ok(())
    }

    /// Policy-flavoured text: numbers in both scripts, units, comparators, markers, brackets,
    /// full-width forms, line breaks.
    fn policy_text() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "一、",
            "(二)",
            "3.",
            "(4)",
            "⑤",
            "第六章",
            "到2025年",
            "2024-2026年",
            "力争",
            "不低于",
            "以上",
            "达到",
            "增长",
            "同比",
            "亿元",
            "万平方米",
            "%",
            "％",
            "个",
            "家",
            "公里",
            "一百二十",
            "三千余",
            "1.5",
            "１２２",
            "10万",
            "，",
            "。",
            "；",
            "：",
            "(",
            ")",
            "（",
            "）",
            "\n",
            " ",
            "\u{3000}",
            "镇",
            "街道",
            "区",
            "责任单位:",
            "牵头单位：",
            "经发办",
            "建设管理中心",
            "项目",
            "工程",
            "改造",
            "推进",
            "完成",
            "新建",
            "“",
            "”",
            "《",
            "》",
            "\u{fffd}",
            "a",
            "Z",
            "—",
            "~",
        ]);
        prop::collection::vec(pieces, 0..120).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        #[test]
        fn spans_stay_inside_and_output_is_deterministic(text in policy_text()) {
            let doc = pipeline().extract_text("p.txt", &text);
            let chars = text.chars().count() as u64;
            let v = serde_json::to_value(&doc).unwrap();
            prop_assert_eq!(v["chars"].as_u64(), Some(chars));
            check_spans(&v, chars).map_err(TestCaseError::fail)?;
            let again = serde_json::to_value(pipeline().extract_text("p.txt", &text)).unwrap();
            prop_assert_eq!(v, again);
        }

        #[test]
        fn any_bytes_give_a_record(bytes in prop::collection::vec(any::<u8>(), 0..400), html in any::<bool>()) {
            let name = if html { "x.html" } else { "x.txt" };
            let record = pipeline().extract_bytes(name, &bytes);
            let v = serde_json::to_value(&record).unwrap();
            prop_assert_eq!(v["schema"].as_str(), Some("zhengce/1"));
            if let Some(chars) = v["chars"].as_u64() {
                check_spans(&v, chars).map_err(TestCaseError::fail)?;
            } else {
                prop_assert!(v["error"].is_string());
            }
        }
    }
}

#[test]
fn standard_input_named_twice_gives_one_document_and_one_error() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = zhengce()
        .args(["extract", "-", "-", "--quiet", "--out-dir"])
        .arg(dir.path())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all("到2025年,全镇新建公园3个。".as_bytes()).unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(1));
    let first = std::fs::read_to_string(dir.path().join("stdin.json")).unwrap();
    assert!(first.contains("\"targets\""), "{first}");
    let second = std::fs::read_to_string(dir.path().join("stdin~2.json")).unwrap();
    assert!(second.contains("more than once"), "{second}");
}

//! Expands the command line's paths into inputs: files, directories walked recursively in
//! sorted order, and `-` for standard input. Walk problems (unreadable directories,
//! symlink loops) become inputs that carry their error, so every path yields a record.
//! Also loads the inputs of `compare` and `report` (documents or saved JSON).

use super::InputArgs;
use anyhow::{bail, Context as _};
use globset::{Glob, GlobSet, GlobSetBuilder};
use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use zhengce::canonical::Canonicalizer;
use zhengce::compare::{self, Loaded};
use zhengce::decode::InputKind;
use zhengce::read::MAX_BYTES;
use zhengce::{ErrorRecord, Record};

/// Default patterns for files picked up in directories: every extension the library
/// decodes (`*.txt`, `*.pdf`, ...).
pub fn default_globs() -> Vec<String> {
    InputKind::EXTENSIONS.iter().map(|(ext, _)| format!("*.{ext}")).collect()
}

/// One input of a batch.
#[derive(Debug, Clone)]
pub enum Input {
    /// `out` is the output file under `--out-dir`, unique within the batch.
    File {
        path: PathBuf,
        source: String,
        out: PathBuf,
    },
    Stdin,
    Broken {
        source: String,
        error: String,
        out: PathBuf,
    },
}

impl Input {
    /// The source string written into the record.
    pub fn source(&self) -> String {
        match self {
            Input::File { source, .. } => source.clone(),
            Input::Stdin => "-".into(),
            Input::Broken { source, .. } => source.clone(),
        }
    }

    /// The path of the output file under `--out-dir`, mirroring the input's relative path.
    pub fn out_name(&self) -> PathBuf {
        match self {
            Input::File { out, .. } | Input::Broken { out, .. } => out.clone(),
            Input::Stdin => PathBuf::from("stdin.json"),
        }
    }

    /// Reads the bytes of the input.
    pub fn read(&self) -> Result<Vec<u8>, String> {
        match self {
            Input::File { path, .. } => zhengce::read_file(path).map_err(|e| e.to_string()),
            Input::Stdin => {
                let mut buf = Vec::new();
                std::io::stdin()
                    .lock()
                    .take(MAX_BYTES + 1)
                    .read_to_end(&mut buf)
                    .map_err(|e| format!("cannot read standard input: {e}"))?;
                if buf.len() as u64 > MAX_BYTES {
                    return Err(format!("standard input is larger than {MAX_BYTES} bytes"));
                }
                Ok(buf)
            }
            Input::Broken { error, .. } => Err(error.clone()),
        }
    }
}

/// The message of an input that cannot be read, as the library words it.
fn io_message(path: &Path, e: std::io::Error) -> String {
    zhengce::Error::Read { path: path.to_path_buf(), source: e }.to_string()
}

/// The paths listed in a `--files-from` file ('-': standard input), one a line; blank
/// lines are skipped.
pub fn read_list(list: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let text = if list.as_os_str() == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .context("cannot read the list of paths from standard input")?;
        s
    } else {
        std::fs::read_to_string(list)
            .with_context(|| format!("cannot read the list of paths {}", list.display()))?
    };
    Ok(text
        .lines()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.trim().is_empty())
        .map(PathBuf::from)
        .collect())
}

/// Builds the glob set (defaults when none are given).
pub fn globs(patterns: &[String]) -> Result<GlobSet, globset::Error> {
    let mut b = GlobSetBuilder::new();
    if patterns.is_empty() {
        for p in default_globs() {
            b.add(Glob::new(&p)?);
        }
    } else {
        for p in patterns {
            b.add(Glob::new(p)?);
        }
    }
    b.build()
}

/// Expands the paths into inputs, in command-line order, directories sorted by path.
pub fn expand(paths: &[PathBuf], globs: &GlobSet) -> Vec<Input> {
    let mut out = Vec::new();
    let mut stdin_named = false;
    for p in paths {
        if p.as_os_str() == "-" {
            if std::mem::replace(&mut stdin_named, true) {
                // Read once, it would be empty the second time; and both would write stdin.json.
                out.push(Input::Broken {
                    source: "-".into(),
                    error: "standard input is named more than once; it can be read only once".into(),
                    out: PathBuf::from("stdin"),
                });
            } else {
                out.push(Input::Stdin);
            }
            continue;
        }
        let source = p.to_string_lossy().into_owned();
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => {
                let mut seen = HashSet::new();
                let before = out.len();
                walk(p, p, globs, &mut seen, &mut out);
                if out.len() == before {
                    // A named path always gives a record, also a directory with nothing to read
                    // (or `report.txt/`, a directory named like a file).
                    out.push(Input::Broken {
                        error: format!(
                            "{} is a directory with no input files in it (see --glob)",
                            p.display()
                        ),
                        source,
                        out: PathBuf::from(p.file_name().unwrap_or(p.as_os_str())),
                    });
                }
            }
            Ok(_) => {
                let rel = PathBuf::from(p.file_name().unwrap_or(p.as_os_str()));
                out.push(Input::File { path: p.clone(), source, out: rel })
            }
            Err(e) => out.push(Input::Broken {
                error: io_message(p, e),
                source,
                out: PathBuf::from(p.file_name().unwrap_or(p.as_os_str())),
            }),
        }
    }
    make_unique(&mut out);
    out
}

/// `dir/x.txt` → `dir/x.json`; a path with no file name (`/`, `..`) → `input.json`.
fn json_name(rel: &Path) -> PathBuf {
    match rel.file_name() {
        Some(_) => rel.with_extension("json"),
        None => PathBuf::from("input.json"),
    }
}

/// Turns each input's relative path (held in `out` until now) into its output file name.
///
/// `x.txt` and `x.html` (or `a/x.txt` and `b/x.txt` named on the command line) would both
/// write `x.json`, losing a record; all inputs of a clashing name therefore keep their
/// extension (`x.txt.json`), and a clash after that gets a counter (`x.txt~2.json`). Depends
/// only on the input list, so `--resume` finds the same names again.
fn make_unique(inputs: &mut [Input]) {
    use std::collections::HashMap;
    let mut count: HashMap<PathBuf, usize> = HashMap::new();
    for i in inputs.iter() {
        if let Input::File { out, .. } | Input::Broken { out, .. } = i {
            *count.entry(json_name(out)).or_default() += 1;
        }
    }
    let mut taken: HashSet<PathBuf> = HashSet::new();
    for i in inputs.iter_mut() {
        let (Input::File { out, .. } | Input::Broken { out, .. }) = i else {
            taken.insert(i.out_name());
            continue;
        };
        let short = json_name(out);
        let name = if count[&short] > 1 && out.file_name().is_some() {
            let mut long = out.clone().into_os_string();
            long.push(".json");
            PathBuf::from(long)
        } else {
            short
        };
        let mut unique = name.clone();
        let mut n = 1;
        while !taken.insert(unique.clone()) {
            n += 1;
            let mut s = name.with_extension("").into_os_string();
            s.push(format!("~{n}.json"));
            unique = PathBuf::from(s);
        }
        *out = unique;
    }
}

/// `path` relative to the walked directory (the directory itself: its own name).
fn rel_of(root: &Path, path: &Path) -> PathBuf {
    match path.strip_prefix(root) {
        Ok(r) if !r.as_os_str().is_empty() => r.to_path_buf(),
        _ => PathBuf::from(path.file_name().unwrap_or(path.as_os_str())),
    }
}

fn walk(root: &Path, dir: &Path, globs: &GlobSet, seen: &mut HashSet<PathBuf>, out: &mut Vec<Input>) {
    let source = dir.to_string_lossy().into_owned();
    match std::fs::canonicalize(dir) {
        Ok(c) => {
            if !seen.insert(c) {
                let error = format!("symlink loop at {}", dir.display());
                out.push(Input::Broken { source, error, out: rel_of(root, dir) });
                return;
            }
        }
        Err(e) => {
            out.push(Input::Broken { error: io_message(dir, e), source, out: rel_of(root, dir) });
            return;
        }
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(rd) => {
            let mut v: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
            v.sort();
            v
        }
        Err(e) => {
            out.push(Input::Broken { error: io_message(dir, e), source, out: rel_of(root, dir) });
            return;
        }
    };
    for path in entries {
        let source = path.to_string_lossy().into_owned();
        match std::fs::metadata(&path) {
            Ok(m) if m.is_dir() => walk(root, &path, globs, seen, out),
            Ok(m) if !m.is_file() => {
                // A FIFO or socket in an archive would block the batch forever; device files
                // never end. Named on the command line they are read (`<(curl ...)`).
                let name = path.file_name().map(Path::new).unwrap_or(&path);
                if globs.is_match(name) {
                    let error = format!("not a regular file: {}", path.display());
                    out.push(Input::Broken { error, source, out: rel_of(root, &path) });
                }
            }
            Ok(_) => {
                let name = path.file_name().map(Path::new).unwrap_or(&path);
                if globs.is_match(name) {
                    let rel = rel_of(root, &path);
                    out.push(Input::File { path, source, out: rel });
                }
            }
            Err(e) => {
                // A dangling or looping symlink that matches the globs is reported.
                let name = path.file_name().map(Path::new).unwrap_or(&path);
                if globs.is_match(name) {
                    out.push(Input::Broken { error: io_message(&path, e), source, out: rel_of(root, &path) });
                }
            }
        }
    }
}

/// Reads every input for `compare` and `report`: saved `extract` output as it is (see
/// [`Loaded::saved`]), other files through the pipeline, keeping the decoded text for the
/// report. The pipeline is built only when some input needs it.
pub fn load(input: &InputArgs) -> anyhow::Result<(Vec<Loaded>, Canonicalizer)> {
    let globs = globs(&input.globs).context("bad --glob pattern")?;
    let list = expand(&input.paths, &globs);
    if list.is_empty() {
        bail!("no input files found");
    }
    let mut pipeline = None;
    let canon = Canonicalizer::new(&zhengce::lexicon::Lexicons::embedded()?)?;
    let mut out = Vec::new();
    for inp in &list {
        let source = inp.source();
        let bytes = match inp.read() {
            Ok(b) => b,
            Err(e) => {
                out.push(Loaded { record: Record::Error(ErrorRecord::new(source, e)), text: None });
                continue;
            }
        };
        if matches!(inp, Input::File { path, .. } if compare::is_saved(path)) {
            for record in compare::parse_records(&source, &bytes)? {
                out.push(Loaded::saved(record, &canon));
            }
        } else {
            if pipeline.is_none() {
                pipeline = Some(input.pipeline()?);
            }
            let p = pipeline.as_ref().expect("pipeline was just built");
            out.push(Loaded::extract(p, &source, &bytes));
        }
    }
    Ok((out, canon))
}

#[cfg(test)]
mod tests {
    #[test]
    fn default_globs_pick_up_every_decoded_extension() {
        let set = super::globs(&[]).unwrap();
        for (ext, _) in zhengce::decode::InputKind::EXTENSIONS {
            assert!(set.is_match(format!("dir/a.{ext}")), "{ext}");
        }
        assert!(!set.is_match("a.json"));
    }
}

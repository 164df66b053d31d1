//! Expands the command line's paths into inputs: files, directories walked recursively in
//! sorted order, and `-` for standard input. Walk problems (unreadable directories,
//! symlink loops) become inputs that carry their error, so every path yields a record.

use globset::{Glob, GlobSet, GlobSetBuilder};
use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Default patterns for files picked up in directories.
pub const DEFAULT_GLOBS: &[&str] = &["*.txt", "*.html", "*.htm", "*.md", "*.pdf", "*.docx"];

/// Largest input read, in bytes; larger ones give an error record.
pub const MAX_BYTES: u64 = 1 << 30;

/// One input of a batch.
#[derive(Debug, Clone)]
pub enum Input {
    File { path: PathBuf, source: String, rel: PathBuf },
    Stdin,
    Broken { source: String, error: String },
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
            Input::File { rel, .. } => rel.with_extension("json"),
            Input::Stdin => PathBuf::from("stdin.json"),
            Input::Broken { source, .. } => {
                PathBuf::from(Path::new(source).file_name().unwrap_or_default()).with_extension("json")
            }
        }
    }

    /// Reads the bytes of the input.
    pub fn read(&self) -> Result<Vec<u8>, String> {
        match self {
            Input::File { path, .. } => read_file(path),
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

fn read_file(path: &Path) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(path).map_err(|e| io_message(path, &e))?;
    if meta.is_dir() {
        return Err(format!("{} is a directory", path.display()));
    }
    if meta.len() > MAX_BYTES {
        return Err(format!("file too large ({} bytes; the limit is {MAX_BYTES})", meta.len()));
    }
    std::fs::read(path).map_err(|e| io_message(path, &e))
}

fn io_message(path: &Path, e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => format!("no such file: {}", path.display()),
        std::io::ErrorKind::PermissionDenied => format!("permission denied: {}", path.display()),
        _ => format!("cannot read {}: {e}", path.display()),
    }
}

/// Builds the glob set (defaults when none are given).
pub fn globs(patterns: &[String]) -> Result<GlobSet, globset::Error> {
    let mut b = GlobSetBuilder::new();
    if patterns.is_empty() {
        for p in DEFAULT_GLOBS {
            b.add(Glob::new(p)?);
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
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Input::Stdin);
            continue;
        }
        let source = p.to_string_lossy().into_owned();
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => {
                let mut seen = HashSet::new();
                walk(p, p, globs, &mut seen, &mut out);
            }
            Ok(_) => {
                let rel = PathBuf::from(p.file_name().unwrap_or(p.as_os_str()));
                out.push(Input::File { path: p.clone(), source, rel })
            }
            Err(e) => out.push(Input::Broken { error: io_message(p, &e), source }),
        }
    }
    out
}

fn walk(root: &Path, dir: &Path, globs: &GlobSet, seen: &mut HashSet<PathBuf>, out: &mut Vec<Input>) {
    let source = dir.to_string_lossy().into_owned();
    match std::fs::canonicalize(dir) {
        Ok(c) => {
            if !seen.insert(c) {
                out.push(Input::Broken { source, error: format!("symlink loop at {}", dir.display()) });
                return;
            }
        }
        Err(e) => {
            out.push(Input::Broken { error: io_message(dir, &e), source });
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
            out.push(Input::Broken { error: io_message(dir, &e), source });
            return;
        }
    };
    for path in entries {
        let source = path.to_string_lossy().into_owned();
        match std::fs::metadata(&path) {
            Ok(m) if m.is_dir() => walk(root, &path, globs, seen, out),
            Ok(_) => {
                let name = path.file_name().map(Path::new).unwrap_or(&path);
                if globs.is_match(name) {
                    let rel = path.strip_prefix(root).map(Path::to_path_buf).unwrap_or_else(|_| path.clone());
                    out.push(Input::File { path, source, rel });
                }
            }
            Err(e) => {
                // A dangling or looping symlink that matches the globs is reported.
                let name = path.file_name().map(Path::new).unwrap_or(&path);
                if globs.is_match(name) {
                    out.push(Input::Broken { error: io_message(&path, &e), source });
                }
            }
        }
    }
}

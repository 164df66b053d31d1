//! Reading an input file from disk, with the size cap and the messages that go into error
//! records. The CLI, the line mode and the Python binding all read through here, so a
//! missing file reads the same everywhere.

use crate::error::{Error, Result};
use std::io::{ErrorKind, Read};
use std::path::Path;

/// Largest input read, in bytes; larger ones are refused.
pub const MAX_BYTES: u64 = 1 << 30;

/// Reads a whole input file, at most [`MAX_BYTES`]. Directories and larger files are
/// refused; devices and pipes are read through a cap (they report length 0, and
/// `/dev/zero` never ends).
pub fn read_file(path: &Path) -> Result<Vec<u8>> {
    let err = |source| Error::Read { path: path.to_path_buf(), source };
    let meta = std::fs::metadata(path).map_err(err)?;
    if meta.is_dir() {
        return Err(err(ErrorKind::IsADirectory.into()));
    }
    if meta.len() > MAX_BYTES {
        let msg = format!("file too large ({} bytes; the limit is {MAX_BYTES})", meta.len());
        return Err(err(std::io::Error::new(ErrorKind::FileTooLarge, msg)));
    }
    let mut buf = Vec::with_capacity(meta.len().min(MAX_BYTES) as usize);
    std::fs::File::open(path).and_then(|f| f.take(MAX_BYTES + 1).read_to_end(&mut buf)).map_err(err)?;
    if buf.len() as u64 > MAX_BYTES {
        let msg = format!("{} is larger than {MAX_BYTES} bytes", path.display());
        return Err(err(std::io::Error::new(ErrorKind::FileTooLarge, msg)));
    }
    Ok(buf)
}

/// The message of [`Error::Read`], as written into error records.
pub(crate) fn message(path: &Path, e: &std::io::Error) -> String {
    match e.kind() {
        ErrorKind::NotFound => format!("no such file: {}", path.display()),
        ErrorKind::PermissionDenied => format!("permission denied: {}", path.display()),
        ErrorKind::IsADirectory => format!("{} is a directory", path.display()),
        ErrorKind::FileTooLarge => e.to_string(),
        _ => format!("cannot read {}: {e}", path.display()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_path() {
        let dir = std::env::temp_dir();
        let missing = dir.join("zhengce-read-test-missing.txt");
        let e = read_file(&missing).unwrap_err();
        assert_eq!(e.to_string(), format!("no such file: {}", missing.display()));
        let e = read_file(&dir).unwrap_err();
        assert_eq!(e.to_string(), format!("{} is a directory", dir.display()));
        assert!(matches!(e, Error::Read { ref source, .. } if source.kind() == ErrorKind::IsADirectory));
    }
}

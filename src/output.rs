//! Writing output files atomically: a temporary file beside the target, then a rename.

use std::path::{Path, PathBuf};

use crate::error::Error;

/// Writes `bytes` to `path` through a temporary file in the same directory, so a failed run
/// leaves no partial file and an existing file is replaced in one step.
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("out.md");
/// wengao::output::write_atomically(&path, b"# x\n").unwrap();
/// assert_eq!(std::fs::read(&path).unwrap(), b"# x\n");
/// ```
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let dir = parent_dir(path);
    if !dir.is_dir() {
        return Err(missing_dir(path, &dir));
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let temp = dir.join(format!(
        ".{name}.wengao-{}-{:?}.tmp",
        std::process::id(),
        std::thread::current().id()
    ));
    let result = std::fs::write(&temp, bytes).and_then(|()| std::fs::rename(&temp, path));
    if let Err(err) = result {
        let _ = std::fs::remove_file(&temp);
        return Err(Error::io(path, err));
    }
    Ok(())
}

/// The directory a file would be written in ("." for a bare name).
pub fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// The error for an output whose directory does not exist.
pub fn missing_dir(path: &Path, dir: &Path) -> Error {
    Error::Io {
        path: path.display().to_string(),
        message: format!("the directory {} does not exist", dir.display()),
        hint: "create it first or choose another output path",
    }
}

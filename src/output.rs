//! Writing output files atomically: a temporary file beside the target, then a rename.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Warning};
use crate::format::Format;
use crate::model::Document;
use crate::write::WriteOptions;

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
    write_atomically_with(path, &mut |sink| {
        sink.write_all(bytes).map_err(|e| Error::io(path, e))
    })
}

/// Like [`write_atomically`], but `produce` writes the content into the temporary file itself,
/// so a large output never has to be held in memory whole. When `produce` fails, the
/// temporary file is removed and the target is left as it was.
pub fn write_atomically_with(
    path: &Path,
    produce: &mut dyn FnMut(&mut dyn Write) -> Result<(), Error>,
) -> Result<(), Error> {
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
    let result = std::fs::File::create(&temp)
        .map_err(|e| Error::io(path, e))
        .and_then(|file| {
            let mut sink = std::io::BufWriter::with_capacity(1 << 16, file);
            produce(&mut sink)?;
            sink.into_inner()
                .map(drop)
                .map_err(|e| Error::io(path, e.into_error()))
        })
        .and_then(|()| std::fs::rename(&temp, path).map_err(|e| Error::io(path, e)));
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

/// Writes `document` as `format` to the file `path`, atomically and streaming (see
/// [`write_atomically_with`]); returns the writer's warnings.
pub fn write_file(
    path: &Path,
    format: Format,
    document: &Document,
    options: &WriteOptions,
) -> Result<Vec<Warning>, Error> {
    let mut warnings = Vec::new();
    write_atomically_with(path, &mut |sink| {
        warnings = crate::write::write_to(format, document, options, sink)?;
        Ok(())
    })?;
    Ok(warnings)
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

//! Files in and out: bounded reads of inputs, templates and fonts, and all-or-nothing writes.
//!
//! Every output is written to a short-named temporary file beside its target — through a
//! symlink, beside the symlink's target — and [`Outputs::commit`] renames them only when every
//! writer has succeeded, so a failed run leaves no partial file and changes none. A FIFO or a
//! character device (`/dev/stdout`, `>(cmd)`) is written directly. A temporary file is removed
//! when it is dropped (an error, a panic) and by [`remove_temporaries`], which the command line
//! calls when a signal stops it.

use std::fs::Metadata;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::error::Error;

/// Default largest input: generous for any speech, small enough that `/dev/zero` stops early.
pub const DEFAULT_INPUT_LIMIT: u64 = 200 * 1024 * 1024;
/// Default largest template (TOML style template or HTML page template).
pub const DEFAULT_TEMPLATE_LIMIT: u64 = 1024 * 1024;
/// Largest font file read for `--font` (the largest CJK fonts are some 40 MB).
pub const FONT_LIMIT: u64 = 256 * 1024 * 1024;

/// What a bounded read is for: it decides which kinds of file are accepted and the hint of a
/// size error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A document to convert: a regular file, or a FIFO or character device (`<(cmd)`).
    Input,
    /// A style or page template: a regular file.
    Template,
    /// A font file: a regular file.
    Font,
}

impl Source {
    fn name(self) -> &'static str {
        match self {
            Source::Input => "input",
            Source::Template => "template",
            Source::Font => "font",
        }
    }

    fn raise_hint(self) -> &'static str {
        match self {
            Source::Input => "raise the limit with --max-input-mb",
            Source::Template => "raise the limit with --max-template-kb",
            Source::Font => "give a font file, not an archive or a disk image",
        }
    }
}

/// What a path names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Node {
    Regular,
    /// A FIFO or a character device: read or written as a stream, never replaced.
    Stream,
    Directory,
    /// A socket or a block device: neither read nor replaced.
    Other,
}

fn node(metadata: &Metadata) -> Node {
    let kind = metadata.file_type();
    if kind.is_file() {
        return Node::Regular;
    }
    if kind.is_dir() {
        return Node::Directory;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() || kind.is_char_device() {
            return Node::Stream;
        }
    }
    Node::Other
}

/// Reads the file at `path` for `source`, refusing what is not a file of the accepted kind and
/// stopping with an error once more than `limit` bytes arrive.
///
/// ```
/// use wengao::files::{Source, read_bounded};
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("a.txt");
/// std::fs::write(&path, "讲话").unwrap();
/// assert_eq!(read_bounded(&path, 100, Source::Input).unwrap(), "讲话".as_bytes());
/// assert!(read_bounded(&path, 3, Source::Input).unwrap_err().to_string().contains("limit"));
/// assert!(read_bounded(dir.path(), 100, Source::Font).unwrap_err().to_string().contains("directory"));
/// ```
pub fn read_bounded(path: &Path, limit: u64, source: Source) -> Result<Vec<u8>, Error> {
    let size = check_readable(path, source)?;
    if size > limit {
        return Err(too_large(&path.display().to_string(), limit, source));
    }
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    read_stream(file, &path.display().to_string(), limit, source)
}

/// Checks, without opening it, that `path` is a file of the kind `source` reads (a FIFO never
/// blocks a font or template load); returns its size (0 for a stream).
pub fn check_readable(path: &Path, source: Source) -> Result<u64, Error> {
    let metadata = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    match (node(&metadata), source) {
        (Node::Regular, _) => Ok(metadata.len()),
        (Node::Stream, Source::Input) => Ok(0),
        (Node::Directory, _) => Err(Error::Io {
            path: path.display().to_string(),
            message: "is a directory".into(),
            hint: match source {
                Source::Font => "give a font file (.ttf, .otf, .ttc)",
                _ => "give a file, not a directory",
            },
        }),
        _ => Err(Error::Io {
            path: path.display().to_string(),
            message: format!("is not a regular file, so it cannot be a {}", source.name()),
            hint: "give a regular file",
        }),
    }
}

/// Reads at most `limit` bytes from `reader` (standard input, a FIFO).
pub fn read_stream(
    reader: impl Read,
    name: &str,
    limit: u64,
    source: Source,
) -> Result<Vec<u8>, Error> {
    let mut bytes = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(Path::new(name), e))?;
    if bytes.len() as u64 > limit {
        return Err(too_large(name, limit, source));
    }
    Ok(bytes)
}

fn too_large(name: &str, limit: u64, source: Source) -> Error {
    let size = if limit >= 1024 * 1024 {
        format!("{} MB", limit / (1024 * 1024))
    } else {
        format!("{} KB", limit.div_ceil(1024))
    };
    Error::Io {
        path: name.to_string(),
        message: format!("larger than the {size} {} limit", source.name()),
        hint: source.raise_hint(),
    }
}

/// The temporary files alive in this process, for [`remove_temporaries`].
static TEMPORARIES: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn registry() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    // A panic while the lock was held leaves the list as it was: still usable.
    TEMPORARIES
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Removes every temporary file this process still has (called when a signal stops it).
pub fn remove_temporaries() {
    for path in registry().drain(..) {
        let _ = std::fs::remove_file(path);
    }
}

/// A temporary output file, registered for [`remove_temporaries`]; removed when dropped.
struct Temporary {
    /// `None` once committed.
    file: Option<tempfile::NamedTempFile>,
    target: PathBuf,
}

impl Temporary {
    /// A new temporary file beside `target`, with the permissions `target` has (or the
    /// process's default for a new file).
    fn beside(target: &Path) -> Result<Temporary, Error> {
        let dir = parent_dir(target);
        if !dir.is_dir() {
            return Err(Error::Io {
                path: target.display().to_string(),
                message: format!("the directory {} does not exist", dir.display()),
                hint: "create it first or choose another output path",
            });
        }
        // The path is registered before the file exists: a signal between the two would
        // otherwise leave a file the signal handler does not know of.
        let create = |path: &Path| {
            registry().push(path.to_path_buf());
            let mut options = std::fs::OpenOptions::new();
            options.read(true).write(true).create_new(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                options.mode(0o666);
            }
            options.open(path).inspect_err(|_| unregister(path))
        };
        let file = tempfile::Builder::new()
            .prefix(".wengao-")
            .suffix(".tmp")
            .make_in(&dir, create)
            .map_err(|e| Error::io(target, e))?;
        if let Ok(existing) = std::fs::metadata(target) {
            let _ = std::fs::set_permissions(file.path(), existing.permissions());
        }
        Ok(Temporary {
            file: Some(file),
            target: target.to_path_buf(),
        })
    }

    /// The open temporary file.
    fn file_mut(&mut self) -> Result<&mut std::fs::File, Error> {
        self.file
            .as_mut()
            .map(|file| file.as_file_mut())
            .ok_or_else(|| Error::Usage("an output was written after it was committed".into()))
    }

    /// Renames the file onto its target.
    fn commit(mut self) -> Result<PathBuf, Error> {
        let Some(file) = self.file.take() else {
            return Ok(self.target.clone());
        };
        let temp_path = file.path().to_path_buf();
        let result = file
            .persist(&self.target)
            .map(drop)
            .map_err(|e| Error::io(&self.target, e.error));
        unregister(&temp_path);
        result.map(|()| self.target.clone())
    }
}

fn unregister(path: &Path) {
    registry().retain(|p| p != path);
}

impl Drop for Temporary {
    fn drop(&mut self) {
        if let Some(file) = &self.file {
            unregister(file.path());
        }
    }
}

/// Where an output path really goes.
enum Destination {
    /// A regular file (existing or new) to replace through a temporary file.
    File(PathBuf),
    /// A FIFO or character device, written directly.
    Stream(PathBuf),
}

/// What `path` finally names, through symlinks (and the kernel's magic links, such as
/// `/dev/stdout` to a pipe).
fn destination(path: &Path) -> Result<Destination, Error> {
    let refused = |message: &str, hint: &'static str| Error::Io {
        path: path.display().to_string(),
        message: message.to_string(),
        hint,
    };
    match std::fs::metadata(path) {
        Ok(metadata) => match node(&metadata) {
            Node::Regular => std::fs::canonicalize(path)
                .map(Destination::File)
                .map_err(|e| Error::io(path, e)),
            Node::Stream => Ok(Destination::Stream(path.to_path_buf())),
            Node::Directory => Err(refused("is a directory", "give a file name for the output")),
            Node::Other => Err(refused(
                "is neither a regular file nor a FIFO; refusing to replace it",
                "choose another output path",
            )),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => dangling_target(path),
        Err(e) => Err(Error::io(path, e)),
    }
}

/// Where a path that does not exist yet will be created: itself, or the (missing) file a
/// symlink chain ends in.
fn dangling_target(path: &Path) -> Result<Destination, Error> {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&current) {
            Ok(metadata) if metadata.file_type().is_symlink() => {
                let link = std::fs::read_link(&current).map_err(|e| Error::io(path, e))?;
                current = parent_dir(&current).join(link);
            }
            _ => return Ok(Destination::File(current)),
        }
    }
    Err(Error::Io {
        path: path.display().to_string(),
        message: "too many levels of symbolic links".into(),
        hint: "check the links",
    })
}

/// A set of outputs written all-or-nothing: each into a temporary file beside its target,
/// renamed onto the targets by [`Outputs::commit`]; dropped uncommitted, nothing changes.
///
/// ```
/// use std::io::Write;
/// let dir = tempfile::tempdir().unwrap();
/// let mut outputs = wengao::files::Outputs::default();
/// outputs.write(&dir.path().join("a.md"), &mut |sink| Ok(sink.write_all(b"# a\n").unwrap())).unwrap();
/// assert!(!dir.path().join("a.md").exists(), "nothing is visible before the commit");
/// outputs.commit().unwrap();
/// assert_eq!(std::fs::read(dir.path().join("a.md")).unwrap(), b"# a\n");
/// ```
#[derive(Default)]
pub struct Outputs {
    staged: Vec<Temporary>,
}

impl Outputs {
    /// Writes one output: `produce` writes into the temporary file (or the stream).
    pub fn write(
        &mut self,
        path: &Path,
        produce: &mut dyn FnMut(&mut dyn Write) -> Result<(), Error>,
    ) -> Result<(), Error> {
        match destination(path)? {
            Destination::Stream(stream) => {
                let file = std::fs::OpenOptions::new()
                    .write(true)
                    .open(&stream)
                    .map_err(|e| Error::io(path, e))?;
                let mut sink = std::io::BufWriter::with_capacity(1 << 16, file);
                produce(&mut sink)?;
                sink.flush().map_err(|e| Error::io(path, e))
            }
            Destination::File(target) => {
                let mut temporary = Temporary::beside(&target)?;
                {
                    let mut sink =
                        std::io::BufWriter::with_capacity(1 << 16, temporary.file_mut()?);
                    produce(&mut sink)?;
                    sink.flush().map_err(|e| Error::io(path, e))?;
                }
                self.staged.push(temporary);
                Ok(())
            }
        }
    }

    /// Renames every staged output onto its target; returns the targets.
    pub fn commit(self) -> Result<Vec<PathBuf>, Error> {
        self.staged.into_iter().map(Temporary::commit).collect()
    }
}

/// The directory a file would be written in ("." for a bare name).
pub fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Whether two paths name the same existing file.
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_output_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mut outputs = Outputs::default();
        outputs
            .write(&dir.path().join("a.md"), &mut |sink| {
                sink.write_all(b"a")
                    .map_err(|e| Error::io(Path::new("a"), e))
            })
            .unwrap();
        let failure = outputs.write(&dir.path().join("b.md"), &mut |_| {
            Err(Error::Usage("the writer failed".into()))
        });
        assert!(failure.is_err());
        drop(outputs);
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert!(left.is_empty(), "{left:?}");
        assert!(!registry().iter().any(|p| p.starts_with(dir.path())));
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_is_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("real.md");
        std::fs::write(&target, "old").unwrap();
        std::os::unix::fs::symlink("real.md", dir.path().join("link.md")).unwrap();
        let mut outputs = Outputs::default();
        outputs
            .write(&dir.path().join("link.md"), &mut |sink| {
                sink.write_all(b"new")
                    .map_err(|e| Error::io(Path::new("x"), e))
            })
            .unwrap();
        outputs.commit().unwrap();
        assert!(
            std::fs::symlink_metadata(dir.path().join("link.md"))
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
    }
}

//! Batch conversion: every readable file under a directory to several formats, in parallel.
//!
//! The tree is walked without following directory symlinks (a link to `.` would loop), and
//! only regular files are read (a FIFO named `x.txt` would block for ever): what is skipped is
//! reported. Output names are planned for the whole tree before anything is written, so two
//! inputs with one stem (`a.txt`, `a.md`) never write the same `a.docx`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::error::{Error, Warning, WarningKind};
use crate::files::{Outputs, Source, read_bounded, same_file};
use crate::format::Format;
use crate::read::{Input, ReadOptions};
use crate::write::WriteOptions;

/// What happened to one input file.
#[derive(Debug)]
pub struct FileResult {
    /// The input, relative to the input directory.
    pub input: PathBuf,
    /// The files written, or the error that stopped this file.
    pub outcome: Result<Vec<PathBuf>, Error>,
    pub warnings: Vec<Warning>,
}

/// The inputs found under a directory and what was passed over.
#[derive(Debug, Default)]
pub struct Found {
    /// Readable files, relative to the directory, sorted.
    pub inputs: Vec<PathBuf>,
    /// One warning per entry skipped (directory symlinks, FIFOs, devices, unreadable entries).
    pub skipped: Vec<Warning>,
}

/// Whether `path` is an input a batch converts: a readable format by its extension.
fn is_batch_input(path: &Path) -> bool {
    Format::of_input(path).is_some_and(Format::is_readable)
}

/// Every readable file (by extension) under `dir`, recursively, relative to `dir`.
pub fn find_inputs(dir: &Path) -> Result<Found, Error> {
    fn visit(root: &Path, dir: &Path, found: &mut Found) -> Result<(), Error> {
        let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
        for entry in entries {
            let entry = entry.map_err(|e| Error::io(dir, e))?;
            let path = entry.path();
            let relative = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
            let skip = |found: &mut Found, why: &str| {
                found.skipped.push(Warning::general(
                    WarningKind::Input,
                    format!("skipped {}: {why}", relative.display()),
                ));
            };
            let Ok(kind) = entry.file_type() else {
                skip(found, "its type cannot be read");
                continue;
            };
            if kind.is_dir() {
                visit(root, &path, found)?;
                continue;
            }
            if kind.is_symlink() && std::fs::metadata(&path).is_ok_and(|t| t.is_dir()) {
                skip(found, "a symlink to a directory is not followed");
                continue;
            }
            if !is_batch_input(&path) {
                continue;
            }
            if kind.is_symlink() {
                match std::fs::metadata(&path) {
                    Ok(target) if target.is_file() => found.inputs.push(relative),
                    Ok(_) => skip(found, "a symlink to something that is not a regular file"),
                    Err(_) => skip(found, "a broken symlink"),
                }
            } else if kind.is_file() {
                found.inputs.push(relative);
            } else {
                skip(found, "not a regular file (a FIFO, socket or device)");
            }
        }
        Ok(())
    }
    let mut found = Found::default();
    visit(dir, dir, &mut found)?;
    found.inputs.sort();
    Ok(found)
}

/// The output file of every (input, format) pair, relative to the output directory. An input
/// whose outputs would clash with another's (same directory and stem: `a.txt`, `a.md`) keeps
/// its whole name (`a.txt.docx`, `a.md.docx`); each renaming is reported.
///
/// ```
/// use std::path::PathBuf;
/// use wengao::{Format, batch::plan_names};
/// let inputs = [PathBuf::from("a.txt"), PathBuf::from("a.md"), PathBuf::from("b.txt")];
/// let (names, warnings) = plan_names(&inputs, &[Format::Docx]);
/// assert_eq!(names[0], vec![PathBuf::from("a.txt.docx")]);
/// assert_eq!(names[1], vec![PathBuf::from("a.md.docx")]);
/// assert_eq!(names[2], vec![PathBuf::from("b.docx")]);
/// assert_eq!(warnings.len(), 1);
/// ```
pub fn plan_names(inputs: &[PathBuf], formats: &[Format]) -> (Vec<Vec<PathBuf>>, Vec<Warning>) {
    let short = |input: &Path, format: Format| input.with_extension(format.extensions()[0]);
    let mut claims: HashMap<PathBuf, Vec<usize>> = HashMap::new();
    for (index, input) in inputs.iter().enumerate() {
        for &format in formats {
            claims.entry(short(input, format)).or_default().push(index);
        }
    }
    let mut warnings = Vec::new();
    let mut clashing = vec![false; inputs.len()];
    let mut clashes: Vec<(&PathBuf, &Vec<usize>)> = claims
        .iter()
        .filter(|(_, owners)| owners.len() > 1)
        .collect();
    clashes.sort();
    for (name, owners) in clashes {
        let names: Vec<String> = owners
            .iter()
            .map(|&i| inputs[i].display().to_string())
            .collect();
        warnings.push(Warning::general(
            WarningKind::Input,
            format!(
                "{} would all write {}: each output keeps its input's whole name ({}.{})",
                names.join(", "),
                name.display(),
                names[0],
                name.extension().and_then(|e| e.to_str()).unwrap_or(""),
            ),
        ));
        for &owner in owners {
            clashing[owner] = true;
        }
    }
    let names = inputs
        .iter()
        .zip(clashing)
        .map(|(input, clash)| {
            formats
                .iter()
                .map(|&format| {
                    if clash {
                        let mut name = input.as_os_str().to_os_string();
                        name.push(".");
                        name.push(format.extensions()[0]);
                        PathBuf::from(name)
                    } else {
                        short(input, format)
                    }
                })
                .collect()
        })
        .collect();
    (names, warnings)
}

/// One batch run's settings.
pub struct Batch<'a> {
    pub input_dir: &'a Path,
    pub output_dir: &'a Path,
    pub formats: &'a [Format],
    /// The input format for every file; `None` decides by each file's extension.
    pub from: Option<Format>,
    pub read_options: &'a ReadOptions,
    pub write_options: &'a WriteOptions,
    /// Largest input read.
    pub input_limit: u64,
    pub threads: usize,
}

/// The results of a batch run: one per input, and the run's own warnings (skipped entries,
/// renamed outputs).
#[derive(Debug)]
pub struct BatchResults {
    pub files: Vec<FileResult>,
    pub warnings: Vec<Warning>,
}

impl Batch<'_> {
    /// Converts every input under the input directory, keeping relative paths. `on_done` is
    /// called after each file (for progress). One bad file never stops the others.
    pub fn run(&self, on_done: &(dyn Fn(&FileResult) + Sync)) -> Result<BatchResults, Error> {
        let Found { inputs, skipped } = find_inputs(self.input_dir)?;
        let (names, mut warnings) = plan_names(&inputs, self.formats);
        warnings.splice(0..0, skipped);
        let next = AtomicUsize::new(0);
        let results: Mutex<Vec<Option<FileResult>>> =
            Mutex::new((0..inputs.len()).map(|_| None).collect());
        std::thread::scope(|scope| {
            for _ in 0..self.threads.max(1).min(inputs.len().max(1)) {
                scope.spawn(|| {
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        let Some(relative) = inputs.get(index) else {
                            break;
                        };
                        let result = self.convert_one(relative, &names[index]);
                        on_done(&result);
                        results
                            .lock()
                            .unwrap_or_else(|poisoned| poisoned.into_inner())[index] = Some(result);
                    }
                });
            }
        });
        let files = results
            .into_inner()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .into_iter()
            .flatten()
            .collect();
        Ok(BatchResults { files, warnings })
    }

    fn convert_one(&self, relative: &Path, names: &[PathBuf]) -> FileResult {
        let mut warnings = Vec::new();
        let outcome = (|| {
            let path = self.input_dir.join(relative);
            let bytes = read_bounded(&path, self.input_limit, Source::Input)?;
            let from = self
                .from
                .or_else(|| Format::of_input(&path).filter(|f| f.is_readable()))
                .unwrap_or(Format::Text);
            let input = Input {
                name: path.display().to_string(),
                bytes,
            };
            let parsed = crate::read::read(from, &[input], self.read_options)?;
            warnings = parsed.warnings;
            let mut outputs = Outputs::default();
            for (format, name) in self.formats.iter().zip(names) {
                let target = self.output_dir.join(name);
                if let Some(dir) = target.parent() {
                    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
                }
                if same_file(&path, &target) {
                    return Err(Error::Usage(format!(
                        "{}: the output would overwrite the input",
                        target.display()
                    )));
                }
                crate::write::write_file(
                    &mut outputs,
                    &target,
                    *format,
                    &parsed.document,
                    self.write_options,
                    &mut warnings,
                )?;
            }
            outputs.commit()
        })();
        FileResult {
            input: relative.to_path_buf(),
            outcome,
            warnings,
        }
    }
}

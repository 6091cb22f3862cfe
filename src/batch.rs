//! Batch conversion: every .txt and .md under a directory to several formats, in parallel.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::error::{Error, Warning};
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

/// Every .txt and .md file under `dir`, recursively, sorted, relative to `dir`.
pub fn find_inputs(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    fn visit(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), Error> {
        let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
        for entry in entries {
            let path = entry.map_err(|e| Error::io(dir, e))?.path();
            if path.is_dir() {
                visit(root, &path, out)?;
            } else if matches!(
                Format::from_path(&path),
                Some(Format::Text | Format::Markdown)
            ) {
                out.push(path.strip_prefix(root).unwrap_or(&path).to_path_buf());
            }
        }
        Ok(())
    }
    let mut found = Vec::new();
    visit(dir, dir, &mut found)?;
    found.sort();
    Ok(found)
}

/// Converts every input under `input_dir` to each of `formats` under `output_dir`, keeping
/// relative paths, on `threads` threads. `on_done` is called after each file (for progress).
/// One bad file never stops the others.
pub fn convert_tree(
    input_dir: &Path,
    output_dir: &Path,
    formats: &[Format],
    read_options: &ReadOptions,
    write_options: &WriteOptions,
    threads: usize,
    on_done: &(dyn Fn(&FileResult) + Sync),
) -> Result<Vec<FileResult>, Error> {
    let inputs = find_inputs(input_dir)?;
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<FileResult>>> =
        Mutex::new((0..inputs.len()).map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..threads.max(1).min(inputs.len().max(1)) {
            scope.spawn(|| {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(relative) = inputs.get(index) else {
                        break;
                    };
                    let result = convert_one(
                        input_dir,
                        output_dir,
                        relative,
                        formats,
                        read_options,
                        write_options,
                    );
                    on_done(&result);
                    results.lock().expect("no thread panics holding the lock")[index] =
                        Some(result);
                }
            });
        }
    });
    Ok(results
        .into_inner()
        .expect("threads finished")
        .into_iter()
        .flatten()
        .collect())
}

fn convert_one(
    input_dir: &Path,
    output_dir: &Path,
    relative: &Path,
    formats: &[Format],
    read_options: &ReadOptions,
    write_options: &WriteOptions,
) -> FileResult {
    let mut warnings = Vec::new();
    let outcome = (|| {
        let path = input_dir.join(relative);
        let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
        let from = Format::from_path(&path).unwrap_or(Format::Text);
        let input = Input {
            name: path.display().to_string(),
            bytes,
        };
        let parsed = crate::read::read(from, &[input], read_options)?;
        warnings = parsed.warnings;
        let target_dir = output_dir.join(relative.parent().unwrap_or(Path::new("")));
        std::fs::create_dir_all(&target_dir).map_err(|e| Error::io(&target_dir, e))?;
        let stem = relative.file_stem().unwrap_or_default();
        let mut written = Vec::new();
        for format in formats {
            let target = target_dir.join(stem).with_extension(format.extensions()[0]);
            if same_file(&path, &target) {
                return Err(Error::Usage(format!(
                    "{}: the output would overwrite the input",
                    target.display()
                )));
            }
            warnings.extend(crate::output::write_file(
                &target,
                *format,
                &parsed.document,
                write_options,
            )?);
            written.push(target);
        }
        Ok(written)
    })();
    FileResult {
        input: relative.to_path_buf(),
        outcome,
        warnings,
    }
}

/// Whether two paths name the same existing file.
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

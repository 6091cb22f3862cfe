//! Helpers shared by the integration tests: paths, the binary, Han-character filters.
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use wengao::model::is_han;

/// The project root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The seed speech page (a copy of the project's starting sample, boilerplate and all).
pub fn seed_text() -> PathBuf {
    root().join("fixtures/seed/input.txt")
}

/// The seed's true outline file (headings, then BOILERPLATE: and META: lists).
pub fn seed_gold() -> String {
    std::fs::read_to_string(root().join("fixtures/seed/gold.txt")).expect("read the seed outline")
}

/// The built `wengao` binary.
pub fn wengao() -> Command {
    Command::new(env!("CARGO_BIN_EXE_wengao"))
}

/// Runs `wengao ARGS` and returns its output.
pub fn run(args: &[&str]) -> Output {
    wengao().args(args).output().expect("wengao runs")
}

/// What a run printed on standard error.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A failing run: exit 2 and one line on stderr that names the problem.
pub fn assert_one_line_error(out: &Output, needle: &str) {
    assert_eq!(out.status.code(), Some(2), "stderr: {}", stderr(out));
    let err = stderr(out);
    assert_eq!(
        err.trim_end().lines().count(),
        1,
        "one line expected: {err}"
    );
    assert!(err.contains(needle), "{needle:?} not in {err:?}");
    assert!(out.stdout.is_empty());
}

/// The sample speech, as a path argument.
pub fn sample() -> String {
    root()
        .join("fixtures/sample/input.txt")
        .display()
        .to_string()
}

/// The Han characters of a text, in order.
pub fn han(text: &str) -> String {
    text.chars().filter(|&c| is_han(c)).collect()
}

/// Every fixture case directory under fixtures/<group>.
/// The Han characters of a Markdown file outside its front matter and its headings'
/// attributes ("{.attachment label=附件1}" is markup, not text), in order.
pub fn markdown_body_han(md: &str) -> String {
    let body = md
        .strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---\n"))
        .map_or(md, |(_, body)| body);
    let text: String = body
        .lines()
        .map(|line| match line.starts_with('#') {
            true => line.rsplit_once(" {").map_or(line, |(text, _)| text),
            false => line,
        })
        .collect();
    han(&text)
}

pub fn cases(group: &str) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root().join("fixtures").join(group))
        .expect("fixture group")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

/// Compares `actual` with the golden file, or rewrites it when `UPDATE_GOLDEN=1`. A difference
/// fails with the first line that differs.
pub fn golden(path: &Path, actual: &str) {
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).expect("create the golden directory");
        }
        std::fs::write(path, actual).expect("write golden");
        return;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_else(|_| {
        panic!(
            "{} is missing: run UPDATE_GOLDEN=1 cargo test and review it",
            path.display()
        )
    });
    if actual == expected {
        return;
    }
    let line = actual
        .lines()
        .zip(expected.lines())
        .position(|(a, e)| a != e)
        .unwrap_or_else(|| actual.lines().count().min(expected.lines().count()));
    panic!(
        "{} differs at line {}:\n  got:      {:?}\n  expected: {:?}\n\
         (if the change is intended: UPDATE_GOLDEN=1 cargo test, then review the diff)",
        path.display(),
        line + 1,
        actual.lines().nth(line),
        expected.lines().nth(line)
    );
}

/// Reads a text file into the model with `options`, as `wengao convert` does.
pub fn read_document_with(path: &Path, options: &wengao::ReadOptions) -> wengao::Document {
    let bytes =
        std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let input = wengao::Input {
        name: path.display().to_string(),
        bytes,
    };
    wengao::read::read(wengao::Format::Text, &[input], options)
        .expect("the text reader reads the file")
        .document
}

/// Reads a text file into the model with default options.
pub fn read_document(path: &Path) -> wengao::Document {
    read_document_with(path, &wengao::ReadOptions::default())
}

/// Reads a text file through the library with default options.
pub fn read_text(path: &Path) -> wengao::Parsed {
    let input = wengao::Input {
        name: path.display().to_string(),
        bytes: std::fs::read(path).expect("read input"),
    };
    wengao::read::read(
        wengao::Format::Text,
        &[input],
        &wengao::ReadOptions::default(),
    )
    .expect("reads")
}

/// The text of every w:t in word/document.xml, in document order.
pub fn docx_text(bytes: &[u8]) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut archive.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    let tree = roxmltree::Document::parse(&xml).unwrap();
    tree.descendants()
        .filter(|n| n.tag_name().name() == "t")
        .filter_map(|n| n.text())
        .collect()
}

/// The text pdftotext extracts from a PDF, in the order the page draws it (`-raw`: a line with a
/// wide blank, such as a form's "时长：　　　　小时", stays one line).
pub fn pdf_text(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.pdf");
    std::fs::write(&path, bytes).unwrap();
    let out = Command::new("pdftotext")
        .arg("-raw")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is needed: run scripts/install-test-deps.sh");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

//! Helpers shared by the integration tests: paths, the binary, Han-character filters.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use wengao::model::is_han;

/// The project root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared` (or `$WENGAO_SHARED`): the seed and corpus. Tests that need it fail loudly
/// without it rather than skipping.
pub fn shared() -> PathBuf {
    let dir = std::env::var_os("WENGAO_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("../shared"));
    assert!(
        dir.join("seed").is_dir(),
        "this test reads the seed and corpus in {}: run from the workspace or set WENGAO_SHARED",
        dir.display()
    );
    dir
}

/// The seed speech page.
pub fn seed_text() -> PathBuf {
    let dir = shared().join("seed/texts");
    let entry = std::fs::read_dir(&dir)
        .expect("seed texts")
        .next()
        .expect("a seed text")
        .expect("dir entry");
    entry.path()
}

/// The seed's true outline file (headings, then BOILERPLATE: and META: lists).
pub fn seed_gold() -> String {
    let dir = shared().join("seed/outlines");
    let entry = std::fs::read_dir(&dir)
        .expect("seed outlines")
        .next()
        .expect("a seed outline")
        .expect("dir entry");
    std::fs::read_to_string(entry.path()).expect("read the seed outline")
}

/// The built `wengao` binary.
pub fn wengao() -> Command {
    Command::new(env!("CARGO_BIN_EXE_wengao"))
}

/// Runs `wengao ARGS` and returns its output.
pub fn run(args: &[&str]) -> Output {
    wengao().args(args).output().expect("wengao runs")
}

/// The Han characters of a text, in order.
pub fn han(text: &str) -> String {
    text.chars().filter(|&c| is_han(c)).collect()
}

/// Every fixture case directory under fixtures/<group>.
pub fn cases(group: &str) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root().join("fixtures").join(group))
        .expect("fixture group")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

/// Compares `actual` with the golden file, or rewrites it when UPDATE_GOLDEN=1.
pub fn golden(path: &Path, actual: &str) {
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(path, actual).expect("write golden");
        return;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_else(|_| {
        panic!(
            "{} is missing: run UPDATE_GOLDEN=1 cargo test and review it",
            path.display()
        )
    });
    assert_eq!(
        actual,
        expected,
        "{} differs (UPDATE_GOLDEN=1 rewrites it; review the diff)",
        path.display()
    );
}

/// Reads a text file into the model with `options`, as `wengao convert` does; a missing file
/// (the seed lives in ../shared) fails the test with the path.
pub fn read_document_with(path: &Path, options: &wengao::ReadOptions) -> wengao::Document {
    let bytes = std::fs::read(path).unwrap_or_else(|e| {
        panic!(
            "cannot read {}: {e} (the seed lives in ../shared/seed)",
            path.display()
        )
    });
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

/// The text pdftotext extracts from a PDF.
pub fn pdf_text(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.pdf");
    std::fs::write(&path, bytes).unwrap();
    let out = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is needed: run scripts/install-test-deps.sh");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

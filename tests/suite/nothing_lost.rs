//! Nothing lost, across writers: for every reader fixture, the sample and the seed, the Han
//! characters of each output (DOCX text runs, PDF text through pdftotext, HTML article text,
//! plain text, the Markdown's body below its front matter) equal the model's reading text, in
//! order. roundtrip.rs shows the Markdown reads back to the same model.

use std::path::PathBuf;

use crate::common::*;
use wengao::{Format, WriteOptions};

fn documents() -> Vec<(PathBuf, wengao::Document)> {
    let mut paths: Vec<PathBuf> = cases("reader")
        .into_iter()
        .chain(cases("gongwen"))
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

#[test]
fn markdown_body_keeps_every_character_in_order() {
    for (path, doc) in documents() {
        let markdown = String::from_utf8(write(Format::Markdown, &doc)).unwrap();
        assert_eq!(
            markdown_body_han(&markdown),
            han(&doc.reading_text()),
            "{}",
            path.display()
        );
    }
}

#[test]
fn html_keeps_every_character() {
    for (path, doc) in documents() {
        let page = String::from_utf8(write(Format::Html, &doc)).unwrap();
        let start = page.find("<article").expect("an article");
        let end = page.rfind("</article>").expect("the article's end");
        let mut text = String::new();
        let mut in_tag = false;
        for c in page[start..end].chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => text.push(c),
                _ => {}
            }
        }
        assert_eq!(han(&text), han(&doc.reading_text()), "{}", path.display());
    }
}

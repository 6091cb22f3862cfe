//! Hostile and extreme inputs: each gives a clear result, never a panic, and loses no text.

use crate::common::*;
use wengao::{Format, Input, ReadOptions, WriteOptions};

fn read(bytes: Vec<u8>) -> Result<wengao::Parsed, wengao::Error> {
    wengao::read::read(
        Format::Text,
        &[Input {
            name: "x.txt".into(),
            bytes,
        }],
        &ReadOptions::default(),
    )
}

fn write_all_text_formats(doc: &wengao::Document) {
    for format in [Format::Markdown, Format::Json, Format::Text] {
        wengao::write::write(format, doc, &WriteOptions::default()).unwrap();
    }
}

#[test]
fn one_megabyte_single_line() {
    let line = "我们要坚持稳中求进，推动高质量发展。".repeat(1 << 20 >> 5);
    assert!(line.len() >= 1 << 20);
    let parsed = read(line.clone().into_bytes()).unwrap();
    assert_eq!(han(&parsed.document.reading_text()), han(&line));
    write_all_text_formats(&parsed.document);
}

#[test]
fn ten_thousand_headings() {
    let text: String = (1..=10_000)
        .map(|i| format!("{}.第{i}项工作要落实。具体要求如下。\n", i % 99 + 1))
        .collect();
    let parsed = read(text.clone().into_bytes()).unwrap();
    assert_eq!(parsed.document.walk().len(), 10_000);
    assert_eq!(han(&parsed.document.reading_text()), han(&text));
    write_all_text_formats(&parsed.document);
}

#[test]
fn twelve_nested_levels_survive_markdown() {
    let mut doc = wengao::Document::default();
    let mut section: Option<wengao::model::Section> = None;
    for level in (1..=12u8).rev() {
        let mut current = wengao::model::Section {
            heading: wengao::model::Heading {
                level,
                marker: None,
                text: format!("第{level}层标题"),
                placement: wengao::model::Placement::Standalone,
                line: None,
            },
            blocks: vec![wengao::model::Block::paragraph(
                vec![wengao::model::Inline::text("正文。")],
                None,
            )],
            children: vec![],
        };
        if let Some(child) = section.take() {
            current.children.push(child);
        }
        section = Some(current);
    }
    doc.sections.push(section.unwrap());
    let md = wengao::write::write(Format::Markdown, &doc, &WriteOptions::default())
        .unwrap()
        .bytes;
    let back = wengao::read::read(
        Format::Markdown,
        &[Input {
            name: "x.md".into(),
            bytes: md,
        }],
        &ReadOptions::default(),
    )
    .unwrap();
    let levels: Vec<u8> = back
        .document
        .walk()
        .iter()
        .map(|(_, s)| s.heading.level)
        .collect();
    assert_eq!(levels, (1..=12).collect::<Vec<u8>>());
}

#[test]
fn nul_runs_are_refused_with_the_offset() {
    let err = read(b"\xe8\xae\xb2\xe8\xaf\x9d\0\0\xe7\xa8\xbf".to_vec())
        .unwrap_err()
        .to_string();
    assert!(err.contains("x.txt: not readable text at byte 6"), "{err}");
}

#[test]
fn a_lone_nul_or_control_character_is_a_space_with_a_warning() {
    let parsed = read(b"\xe8\xae\xb2\xe8\xaf\x9d\0\xe7\xa8\xbf\x07\xe5\x95\x8a".to_vec()).unwrap();
    assert_eq!(parsed.document.reading_text(), "讲话 稿 啊");
    assert_eq!(parsed.warnings.len(), 2, "{:?}", parsed.warnings);
}

#[test]
fn emoji_and_extension_b_characters_are_kept() {
    let text = "讲话稿\n一、数字化转型🚀\n𠀀𠀁𪚥龘，这些字都要保留。😀\n";
    let parsed = read(text.as_bytes().to_vec()).unwrap();
    let out = parsed.document.reading_text();
    for c in ["🚀", "😀", "𠀀", "𠀁", "𪚥", "龘"] {
        assert!(out.contains(c), "{c} lost");
    }
}

#[test]
fn fifty_megabytes_of_text() {
    let page = std::fs::read_to_string(root().join("fixtures/sample/input.txt")).unwrap();
    let mut text = String::with_capacity(50 << 20);
    while text.len() < 50 << 20 {
        text.push_str(&page);
        text.push('\n');
    }
    let parsed = read(text.into_bytes()).unwrap();
    assert!(parsed.document.walk().len() > 10_000);
}

//! Round trips: JSON → model → JSON and Markdown → model → Markdown are byte-identical, and
//! Markdown carries every Chinese character of the speech and none of the boilerplate.

use std::path::{Path, PathBuf};

use crate::common::*;
use wengao::model::DetailRole;
use wengao::{Format, Input, ReadOptions, WriteOptions};

fn inputs() -> Vec<PathBuf> {
    let mut all: Vec<PathBuf> = cases("reader")
        .into_iter()
        .chain(cases("gongwen"))
        .map(|c| c.join("input.txt"))
        .collect();
    all.push(root().join("fixtures/sample/input.txt"));
    all.push(seed_text());
    all
}

fn write(format: Format, doc: &wengao::Document) -> Vec<u8> {
    wengao::write::write(format, doc, &WriteOptions::default())
        .unwrap()
        .bytes
}

fn read(format: Format, name: &str, bytes: Vec<u8>) -> wengao::Document {
    wengao::read::read(
        format,
        &[Input {
            name: name.into(),
            bytes,
        }],
        &ReadOptions::default(),
    )
    .unwrap()
    .document
}

#[test]
fn json_round_trip_is_byte_identical() {
    for path in inputs() {
        let doc = read_text(&path).document;
        let json = write(Format::Json, &doc);
        let again = read(Format::Json, "x.json", json.clone());
        assert_eq!(again, doc, "{}", path.display());
        assert_eq!(write(Format::Json, &again), json, "{}", path.display());
    }
}

#[test]
fn markdown_without_the_shown_elements_reads_the_same() {
    // Markdown written before the 公文 elements were shown in the body (or with them deleted
    // by hand) has them in its front matter only: the same model comes back.
    let path = root().join("fixtures/gongwen/notice-full/input.txt");
    let doc = read_text(&path).document;
    let md = String::from_utf8(write(Format::Markdown, &doc)).unwrap();
    let printed = wengao::model::PrintedElements::of(&doc);
    let shown: Vec<&String> = printed
        .header
        .iter()
        .chain(&printed.under_title)
        .chain(&printed.closing)
        .chain(&printed.record)
        .collect();
    assert!(shown.len() >= 8, "the fixture has every element");
    let (front_matter, body) = md.split_at(md.find("\n---\n").unwrap() + 5);
    let old_style: String = body
        .split("\n\n")
        .filter(|paragraph| {
            let text = paragraph.trim().replace('\\', "");
            !shown.iter().any(|line| **line == text)
        })
        .collect::<Vec<_>>()
        .join("\n\n");
    assert!(old_style.len() < body.len());
    let again = read(
        Format::Markdown,
        "x.md",
        format!("{front_matter}{old_style}").into_bytes(),
    );
    assert_eq!(again.without_lines(), doc.without_lines());
}

#[test]
fn markdown_round_trip_is_byte_identical_and_keeps_the_model() {
    for path in inputs() {
        let doc = read_text(&path).document;
        let md = write(Format::Markdown, &doc);
        let again = read(Format::Markdown, "x.md", md.clone());
        assert_eq!(
            again.clone().without_lines(),
            doc.without_lines(),
            "{}: Markdown did not read back to the same model",
            path.display()
        );
        assert_eq!(write(Format::Markdown, &again), md, "{}", path.display());
    }
}

fn speech_han_without(path: &Path, boilerplate: &[&str]) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let kept: Vec<&str> = text
        .lines()
        .filter(|l| !boilerplate.contains(&l.trim()))
        .collect();
    han(&kept.join("\n"))
}

#[test]
fn seed_markdown_has_every_speech_character_and_no_boilerplate() {
    let gold = seed_gold();
    let boilerplate: Vec<&str> = gold
        .lines()
        .skip_while(|l| !l.starts_with("BOILERPLATE:"))
        .skip(1)
        .take_while(|l| !l.starts_with("META:"))
        .map(str::trim)
        .collect();
    assert_eq!(boilerplate.len(), 6);
    let md = String::from_utf8(write(Format::Markdown, &read_text(&seed_text()).document)).unwrap();
    for line in &boilerplate {
        assert!(
            !md.contains(line),
            "boilerplate {line:?} reached the Markdown"
        );
    }
    // The title's pagination marker "(第2/2页)" is boilerplate too.
    let expected = speech_han_without(&seed_text(), &boilerplate).replacen("第页", "", 1);
    assert_eq!(markdown_body_han(&md), expected);
}

#[test]
fn sample_markdown_has_every_speech_character() {
    let path = root().join("fixtures/sample/input.txt");
    let boilerplate = [
        "WENGAO-FANWEN.COM —— 专注机关公文写作范文",
        "admin 分享 时间: 加入收藏 共计3021个字,预计阅读时长9分钟。",
        "2211",
        "领取福利",
        "微信扫码分享",
    ];
    let md = String::from_utf8(write(Format::Markdown, &read_text(&path).document)).unwrap();
    assert_eq!(
        markdown_body_han(&md),
        speech_han_without(&path, &boilerplate).replacen("第页", "", 1)
    );
}

#[test]
fn markdown_escapes_what_would_be_syntax() {
    let text = "讲话\n一、要求\n*强调*的内容 <script>alert(1)</script> [链接](http://x) # 井号\n1. 不是列表\n> 不是引用\n---\n";
    let doc = read(Format::Text, "t.txt", text.as_bytes().to_vec());
    let md = write(Format::Markdown, &doc);
    let again = read(Format::Markdown, "t.md", md.clone());
    assert_eq!(
        again.without_lines(),
        doc.without_lines(),
        "{}",
        String::from_utf8_lossy(&md)
    );
}

#[test]
fn handwritten_markdown_reads_with_front_matter_detection() {
    let md = "# 在大会上的讲话\n\n——在全市大会上的讲话\n\n（2024年3月1日）\n\n同志们：\n\n## 一、总体要求\n\n正文。\n\n### 一要抓落实。 {.run-in}\n\n事无巨细。\n\n######## 不是标题\n";
    let doc = read(Format::Markdown, "h.md", md.as_bytes().to_vec());
    assert_eq!(
        doc.meta.detail(DetailRole::Subtitle),
        Some("——在全市大会上的讲话")
    );
    assert_eq!(doc.meta.detail(DetailRole::Date), Some("（2024年3月1日）"));
    assert_eq!(doc.meta.salutation.as_deref(), Some("同志们："));
    let child = &doc.sections[0].children[0];
    assert_eq!(child.heading.level, 2);
    assert!(matches!(
        child.heading.placement,
        wengao::model::Placement::RunIn { .. }
    ));
}

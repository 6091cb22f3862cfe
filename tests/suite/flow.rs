//! One flow for every writer: the DOCX, the PDF and the HTML print a long title in the same
//! lines, broken between words, and take the flow's gaps.

use wengao::flow::{Flow, FlowOptions};
use wengao::model::{Document, Meta};
use wengao::write::pdf::layout::{self, FixedMetrics};
use wengao::{Format, Template, WriteOptions};

/// Long titles, each with words that must not be split across lines.
const TITLES: &[(&str, &[&str])] = &[
    (
        "在全市深化干部作风整顿暨优化营商环境工作推进大会上的讲话稿件征求意见稿",
        &["营商环境", "工作", "推进", "讲话", "意见稿", "征求"],
    ),
    (
        "在全市深化干部作风整顿暨优化营商环境工作推进大会上的讲话",
        &["营商环境", "干部", "作风", "整顿", "推进"],
    ),
    (
        "关于进一步加强和改进新时代机关党的建设推动全面从严治党向纵深发展的实施意见",
        &["进一步", "新时代", "机关", "从严治党", "纵深", "实施意见"],
    ),
    (
        "X市人民政府办公室关于印发《X市优化营商环境三年行动方案（2024—2026年）》的通知",
        &["人民政府", "办公室", "营商环境", "行动方案"],
    ),
    (
        "在庆祝中国共产党成立一百周年暨全市七一表彰大会上的讲话",
        &["庆祝", "共产党", "一百周年", "表彰大会"],
    ),
];

fn document(title: &str) -> Document {
    Document {
        meta: Meta {
            title: vec![title.to_string()],
            ..Meta::default()
        },
        ..Document::default()
    }
}

/// The title's lines in the DOCX: the Title paragraph's text, split at its line breaks.
fn docx_title_lines(bytes: &[u8]) -> Vec<String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut archive.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    let tree = roxmltree::Document::parse(&xml).unwrap();
    let paragraph = tree
        .descendants()
        .find(|n| {
            n.tag_name().name() == "p"
                && n.descendants().any(|s| {
                    s.tag_name().name() == "pStyle"
                        && s.attribute((
                            "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
                            "val",
                        )) == Some("Title")
                })
        })
        .expect("a Title paragraph");
    let mut lines = vec![String::new()];
    for node in paragraph.descendants() {
        match node.tag_name().name() {
            "t" => lines
                .last_mut()
                .unwrap()
                .push_str(node.text().unwrap_or("")),
            "br" => lines.push(String::new()),
            _ => {}
        }
    }
    lines
}

/// The title's lines in the PDF layout (fixed-width metrics: the breaks are the flow's).
fn pdf_title_lines(document: &Document, template: &Template) -> Vec<String> {
    let flow = Flow::new(document, template, FlowOptions::default());
    let laid_out = layout::layout(&flow, &FixedMetrics::default());
    laid_out.pages[0]
        .lines
        .iter()
        .filter(|line| line.role.name() == "title")
        .map(|line| line.text())
        .collect()
}

/// The title's lines in the HTML page.
fn html_title_lines(document: &Document) -> Vec<String> {
    let html = wengao::write::write(Format::Html, document, &WriteOptions::default())
        .unwrap()
        .bytes;
    let page = scraper::Html::parse_document(&String::from_utf8(html).unwrap());
    page.select(&scraper::Selector::parse("h1.title .title-line").unwrap())
        .map(|line| line.text().collect())
        .collect()
}

#[test]
fn a_long_title_breaks_at_the_same_places_inside_no_word_in_every_writer() {
    let template = Template::builtin("gongwen").unwrap();
    for (title, words) in TITLES {
        let doc = document(title);
        let docx = wengao::write::write(Format::Docx, &doc, &WriteOptions::default())
            .unwrap()
            .bytes;
        let from_docx = docx_title_lines(&docx);
        let from_pdf = pdf_title_lines(&doc, &template);
        let from_html = html_title_lines(&doc);
        assert!(from_docx.len() >= 2, "{title}: {from_docx:?}");
        assert_eq!(
            from_docx, from_pdf,
            "{title}: DOCX and PDF break differently"
        );
        assert_eq!(
            from_docx, from_html,
            "{title}: DOCX and HTML break differently"
        );
        assert_eq!(from_docx.concat(), *title);
        for pair in from_docx.windows(2) {
            let joint = format!("{}|{}", pair[0], pair[1]);
            for word in *words {
                for split in 1..word.chars().count() {
                    let head: String = word.chars().take(split).collect();
                    let tail: String = word.chars().skip(split).collect();
                    assert!(
                        !joint.contains(&format!("{head}|{tail}")),
                        "{title}: the word {word} is split: {from_docx:?}"
                    );
                }
            }
        }
        for line in &from_docx {
            assert!(
                line.chars().count() <= 20,
                "{title}: a line wider than the 20 characters of 二号 on the text block: {line}"
            );
        }
    }
}

#[test]
fn the_pdf_with_real_fonts_prints_the_flow_lines() {
    let (title, _) = TITLES[0];
    let doc = document(title);
    let pdf = wengao::write::write(Format::Pdf, &doc, &WriteOptions::default())
        .unwrap()
        .bytes;
    let text = crate::common::pdf_text(&pdf);
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(2)
        .collect();
    let template = Template::builtin("gongwen").unwrap();
    assert_eq!(lines, pdf_title_lines(&doc, &template), "{text}");
}

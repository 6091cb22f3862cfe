//! The plain-text reader: decode → lines (a Markdown-shaped text through the Markdown
//! parser) → scraped metadata → boilerplate → run-together paragraphs → hard wraps →
//! punctuation → the top (版头, title block, addressee) → the end (closing, attachments,
//! 版记) → headings and levels.

pub mod boilerplate;
pub mod closing;
pub mod decode;
pub mod front;
pub mod inline;
pub mod lines;
pub mod markers;
pub mod punctuation;
pub mod runon;
pub mod scraped;
pub mod space;
pub mod structure;
pub mod toc;

use crate::error::{Error, Warning, WarningKind};
use crate::model::{Attachment, Block, Document, Element, Header, Section};
use crate::read::{Input, Parsed, ReadOptions};
use lines::Line;
use scraped::Metadata;

/// Reads one or more inputs that are pages of one text, in order.
///
/// ```
/// use wengao::read::{Input, ReadOptions, text::read};
/// let page = Input { name: "s.txt".into(), bytes: "讲话\n同志们：\n一、总体要求\n正文。".as_bytes().to_vec() };
/// let parsed = read(&[page], &ReadOptions::default()).unwrap();
/// assert_eq!(parsed.document.meta.title, vec!["讲话"]);
/// assert_eq!(parsed.document.sections[0].heading.text, "一、总体要求");
/// ```
pub fn read(inputs: &[Input], options: &ReadOptions) -> Result<Parsed, Error> {
    let mut warnings = Vec::new();
    let mut pages = Vec::with_capacity(inputs.len());
    for input in inputs {
        let text = decode::decode(&input.bytes, &input.name, options.encoding, &mut warnings)?;
        pages.push(if crate::read::markdown::looks_like_markdown(&text) {
            crate::read::markdown::lines(&text, &input.name, &mut warnings)?
        } else {
            (lines::split(&text), Metadata::default())
        });
    }
    read_pages(pages, inputs, options, warnings)
}

/// Reads pages already split into lines (a text's, or a Markdown text's paragraphs) into one
/// document.
pub(crate) fn read_pages(
    pages: Vec<(Vec<Line>, Metadata)>,
    inputs: &[Input],
    options: &ReadOptions,
    mut warnings: Vec<Warning>,
) -> Result<Parsed, Error> {
    let mut all_lines: Vec<Line> = Vec::new();
    let mut first_page_top: Option<String> = None;
    let mut metadata = Metadata::default();
    for (page, (page_lines, page_metadata)) in pages.into_iter().enumerate() {
        let (page_lines, scraped) = scraped::take_metadata(page_lines, &mut warnings);
        let (mut page_lines, table) = scraped::take_info_table(page_lines, &mut warnings);
        for found in [page_metadata, scraped, table] {
            metadata.title = metadata.title.or(found.title);
            metadata.doc_number = metadata.doc_number.or(found.doc_number);
        }
        if !options.keep_boilerplate {
            let (kept, removed) = boilerplate::remove(page_lines);
            page_lines = kept;
            for boilerplate::Removed { line, why } in removed {
                warnings.push(Warning::at(
                    line.number,
                    WarningKind::Boilerplate,
                    format!(
                        "{}removed {}: {:?}",
                        page_prefix(inputs, page),
                        why.describe(),
                        line.text
                    ),
                ));
            }
        }
        // A later page repeats the article's title (often with "(第2/2页)"): keep it once.
        let top = page_lines.first().map(|l| strip_marker(&l.text));
        if page == 0 {
            first_page_top = top;
        } else if top.is_some() && top == first_page_top {
            let line = page_lines.remove(0);
            warnings.push(Warning::at(
                line.number,
                WarningKind::Boilerplate,
                format!(
                    "{}removed the repeated title {:?}",
                    page_prefix(inputs, page),
                    line.text
                ),
            ));
        }
        let page_lines = runon::split_fused_headings(runon::split_run_together(page_lines));
        all_lines.extend(lines::unwrap(page_lines));
    }
    if all_lines.is_empty() {
        let name = inputs.first().map_or("-".to_string(), |i| i.name.clone());
        return Err(Error::EmptyInput { path: name });
    }
    if !options.keep_punctuation {
        for line in &mut all_lines {
            line.text = punctuation::to_full_width(&line.text);
        }
    }
    let (mut meta, used) = front::take(&all_lines, &mut warnings);
    use_metadata(&mut meta, metadata, &mut warnings);
    let (body, tail) = closing::split(all_lines.split_off(used));
    drop(all_lines);
    let main = structure::build(structure::classify(body));
    let mut explanations = main.explanations;
    let front_blocks = main.front;
    let mut sections = main.sections;
    let back = take_closing(&mut sections);
    let attachments = tail
        .attachments
        .into_iter()
        .map(|lines| {
            let built = structure::build(structure::classify(lines.body));
            explanations.extend(built.explanations);
            Attachment {
                label: lines.label,
                title: lines.title,
                front: built.front,
                sections: built.sections,
            }
        })
        .collect();
    for explanation in explanations.iter().filter(|e| e.doubtful) {
        warnings.push(Warning {
            line: explanation.line.map(|l| l as usize),
            kind: WarningKind::Input,
            message: format!(
                "check this heading's level ({}): {} — `wengao outline --explain` says why",
                explanation.level, explanation.text
            ),
        });
    }
    warnings.sort_by_key(|w| w.line);
    let document = Document {
        meta,
        front: front_blocks,
        sections,
        back,
        closing: tail.closing,
        attachments,
        record: tail.record,
        ..Document::default()
    };
    Ok(Parsed {
        document,
        warnings,
        explanations,
        word_report: None,
    })
}

/// A scraper's 标题 or 文号 field stands in for the document's own when it has none.
fn use_metadata(meta: &mut crate::model::Meta, metadata: Metadata, warnings: &mut Vec<Warning>) {
    if meta.title.is_empty()
        && let Some(title) = metadata.title
    {
        warnings.push(Warning::general(
            WarningKind::Input,
            format!("the text has no title line; the page's 标题 field gives it: {title:?}"),
        ));
        meta.title.push(title);
    }
    let has_number = meta.header.as_ref().is_some_and(|h| h.doc_number.is_some());
    if !has_number && let Some(number) = metadata.doc_number {
        warnings.push(Warning::general(
            WarningKind::Input,
            format!("the page's 文号 field gives the document number: {number:?}"),
        ));
        meta.header.get_or_insert_with(Header::default).doc_number = Some(Element::new(number));
    }
}

fn page_prefix(inputs: &[Input], page: usize) -> String {
    if inputs.len() > 1 {
        format!("{}: ", inputs[page].name)
    } else {
        String::new()
    }
}

fn strip_marker(text: &str) -> String {
    boilerplate::strip_page_marker(text).map_or_else(|| text.to_string(), |(clean, _)| clean)
}

const CLOSING_ADDRESSES: &[&str] = &["同志们", "各位代表", "各位委员", "各位", "朋友们", "同事们"];

fn starts_with_address(text: &str) -> bool {
    CLOSING_ADDRESSES.iter().any(|a| {
        text.strip_prefix(a)
            .is_some_and(|rest| rest.starts_with(['，', '！', ',', '!']))
    })
}

fn is_source_note(text: &str) -> bool {
    (text.starts_with('（') && text.ends_with('）'))
        || (text.starts_with('(') && text.ends_with(')'))
}

/// Moves the closing paragraphs ("同志们，让我们……", a bare "各位代表！" and what follows it, a
/// bracketed source note) from the end of the last section to the document's back matter.
pub(crate) fn take_closing(sections: &mut [Section]) -> Vec<Block> {
    let Some(mut last) = sections.last_mut() else {
        return Vec::new();
    };
    while !last.children.is_empty() {
        last = last.children.last_mut().expect("non-empty");
    }
    let blocks = &mut last.blocks;
    let mut start = blocks.len();
    while start > 0 && is_source_note(&blocks[start - 1].plain_text()) {
        start -= 1;
    }
    if start > 0 && starts_with_address(&blocks[start - 1].plain_text()) {
        start -= 1;
    } else if start > 1
        && starts_with_address(&blocks[start - 2].plain_text())
        && blocks[start - 2].plain_text().chars().count() <= 6
    {
        start -= 2;
    }
    blocks.split_off(start)
}

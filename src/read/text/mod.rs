//! The plain-text reader: decode → lines → boilerplate → punctuation → front matter → headings.

pub mod boilerplate;
pub mod decode;
pub mod front;
pub mod inline;
pub mod lines;
pub mod markers;
pub mod punctuation;
pub mod space;
pub mod structure;

use crate::error::{Error, Warning, WarningKind};
use crate::model::{Block, Document, Section};
use crate::read::{Input, Parsed, ReadOptions};
use lines::Line;

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
    let mut all_lines: Vec<Line> = Vec::new();
    let mut first_page_top: Option<String> = None;
    for (page, input) in inputs.iter().enumerate() {
        let text = decode::decode(&input.bytes, &input.name, options.encoding, &mut warnings)?;
        let mut page_lines = lines::split(&text);
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
    let (meta, used) = front::take(&all_lines, &mut warnings);
    let items = structure::classify(all_lines.split_off(used));
    drop(all_lines);
    let (front_blocks, mut sections) = structure::build(items);
    let back = take_closing(&mut sections);
    warnings.sort_by_key(|w| w.line);
    let document = Document {
        meta,
        front: front_blocks,
        sections,
        back,
        ..Document::default()
    };
    Ok(Parsed { document, warnings })
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

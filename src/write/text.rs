//! The plain-text writer: the cleaned speech, one paragraph a line, boilerplate gone.

use crate::model::{Document, Placement, plain_text};

/// Writes title block, paragraphs and headings as lines separated by blank lines.
pub fn write(document: &Document) -> Vec<u8> {
    let meta = &document.meta;
    let mut paragraphs: Vec<String> = [&meta.issuer, &meta.doc_number]
        .into_iter()
        .flatten()
        .cloned()
        .collect();
    paragraphs.extend(meta.title.iter().cloned());
    paragraphs.extend(meta.lines_under_title().map(str::to_string));
    paragraphs.extend(document.front.iter().map(|b| b.plain_text()));
    for (_, section) in document.walk() {
        match &section.heading.placement {
            Placement::Standalone => paragraphs.push(section.heading.text.clone()),
            Placement::RunIn { rest } => {
                paragraphs.push(format!("{}{}", section.heading.text, plain_text(rest)));
            }
        }
        paragraphs.extend(section.blocks.iter().map(|b| b.plain_text()));
    }
    paragraphs.extend(document.back.iter().map(|b| b.plain_text()));
    let mut out = paragraphs.join("\n\n");
    out.push('\n');
    out.into_bytes()
}

//! The plain-text writer: the cleaned document, one paragraph a line, boilerplate gone; the
//! 公文 elements each on a line of their own, as printed; a table a line a row (cells between
//! tabs), a picture as "[图片]", note marks as "[N]" with the notes after the text.

use crate::model::{Block, Document, Inline, Placement, PrintedElements, Section};

/// Writes the document's paragraphs as lines separated by blank lines.
///
/// ```
/// use wengao::model::{Document, Meta};
/// let doc = Document { meta: Meta { title: vec!["讲话".into()], ..Meta::default() }, ..Document::default() };
/// assert_eq!(wengao::write::text::write(&doc), "讲话\n".as_bytes());
/// ```
pub fn write(document: &Document) -> Vec<u8> {
    let meta = &document.meta;
    let mut paragraphs: Vec<String> = Vec::new();
    let printed = PrintedElements::of(document);
    let mut push = |text: &str| paragraphs.push(text.to_string());
    printed.header.iter().for_each(|line| push(line));
    meta.title.iter().for_each(|line| push(line));
    printed.under_title.iter().for_each(|line| push(line));
    body(document, &document.front, &document.sections, &mut push);
    blocks(document, &document.back, &mut push);
    printed.closing.iter().for_each(|line| push(line));
    for attachment in &document.attachments {
        if let Some(label) = &attachment.label {
            push(&label.text);
        }
        for line in &attachment.title {
            push(line);
        }
        body(document, &attachment.front, &attachment.sections, &mut push);
    }
    for (index, note) in document.notes.iter().enumerate() {
        for (at, paragraph) in note.paragraphs.iter().enumerate() {
            let mark = if at == 0 {
                format!("[{}] ", index + 1)
            } else {
                String::new()
            };
            push(&format!("{mark}{}", inlines(document, paragraph)));
        }
    }
    printed.record.iter().for_each(|line| push(line));
    let mut out = paragraphs.join("\n\n");
    out.push('\n');
    out.into_bytes()
}

/// A paragraph's text with its note marks as "[N]".
fn inlines(document: &Document, inlines: &[Inline]) -> String {
    inlines
        .iter()
        .map(|inline| match inline {
            Inline::NoteRef { id } => format!("[{}]", document.note_number(*id)),
            other => other.as_str().to_string(),
        })
        .collect()
}

fn blocks(document: &Document, blocks: &[Block], push: &mut dyn FnMut(&str)) {
    for block in blocks {
        match block {
            Block::Paragraph { inlines: list, .. } => push(&inlines(document, list)),
            Block::Table(table) => {
                let rows: Vec<String> = table
                    .rows
                    .iter()
                    .map(|row| {
                        let cells: Vec<String> = row
                            .cells
                            .iter()
                            .map(|cell| {
                                let paragraphs: Vec<String> = cell
                                    .paragraphs
                                    .iter()
                                    .map(|p| inlines(document, p))
                                    .collect();
                                paragraphs.join(" ")
                            })
                            .collect();
                        cells.join("\t")
                    })
                    .collect();
                push(&rows.join("\n"));
            }
            Block::Image(image) if image.alt.is_empty() => push("[图片]"),
            Block::Image(image) => push(&format!("[图片：{}]", image.alt)),
        }
    }
}

fn body(document: &Document, front: &[Block], sections: &[Section], push: &mut dyn FnMut(&str)) {
    blocks(document, front, push);
    for section in sections {
        match &section.heading.placement {
            Placement::Standalone => push(&section.heading.text),
            Placement::RunIn { rest } => {
                push(&format!(
                    "{}{}",
                    section.heading.text,
                    inlines(document, rest)
                ));
            }
        }
        blocks(document, &section.blocks, push);
        body(document, &[], &section.children, push);
    }
}

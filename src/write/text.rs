//! The plain-text writer: the cleaned document, one paragraph a line, boilerplate gone; the
//! 公文 elements each on a line of their own, as printed; a table a line a row (cells between
//! tabs), a picture as "[图片]", note marks as "[N]" with the notes after the text.

use crate::model::{
    ATTACHMENT_NOTE_LABEL, Block, CC_LABEL, Document, Element, Inline, PRINTED_WORD, Placement,
    SIGNER_LABEL, Section,
};

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
    let mut push = |text: &str| paragraphs.push(text.to_string());
    let lines = |elements: &[Element], push: &mut dyn FnMut(&str)| {
        for element in elements {
            push(&element.text);
        }
    };
    if let Some(header) = &meta.header {
        for element in [&header.copy_number, &header.secrecy, &header.urgency]
            .into_iter()
            .flatten()
        {
            push(&element.text);
        }
        lines(&header.mark, &mut push);
        let signers: Vec<&str> = header.signers.iter().map(|s| s.text.as_str()).collect();
        let signers =
            (!signers.is_empty()).then(|| format!("{SIGNER_LABEL}{}", signers.join("　")));
        match (&header.doc_number, signers) {
            (Some(number), Some(signers)) => push(&format!("{}　　{signers}", number.text)),
            (Some(number), None) => push(&number.text),
            (None, Some(signers)) => push(&signers),
            (None, None) => {}
        }
    }
    for line in &meta.title {
        push(line);
    }
    for line in meta.lines_under_title() {
        push(line);
    }
    lines(&meta.addressee, &mut push);
    body(document, &document.front, &document.sections, &mut push);
    blocks(document, &document.back, &mut push);
    if let Some(closing) = &document.closing {
        for (index, note) in closing.attachment_notes.iter().enumerate() {
            let label = if index == 0 {
                ATTACHMENT_NOTE_LABEL
            } else {
                ""
            };
            push(&format!("{label}{}", note.printed()));
        }
        lines(&closing.signatures, &mut push);
        for element in [&closing.date, &closing.annotation].into_iter().flatten() {
            push(&element.text);
        }
    }
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
    if let Some(record) = &document.record {
        if let Some(cc) = &record.cc {
            push(&format!("{CC_LABEL}{}", cc.text));
        }
        let printer = record.printer.as_ref().map_or("", |p| p.text.as_str());
        if let Some(date) = &record.print_date {
            push(&format!("{printer}　　{}{PRINTED_WORD}", date.text));
        } else if !printer.is_empty() {
            push(printer);
        }
    }
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

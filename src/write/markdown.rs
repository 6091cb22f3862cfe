//! The Markdown writer: YAML front matter (the title block and the 公文 elements, and
//! `wengao-model: 1` so that the reader knows its own Markdown), the 公文 elements shown again
//! in the body where they print, the title as `#`, headings by
//! depth, run-in headings tagged `{.run-in}`, attachments as `## title {.attachment}` with
//! their headings one `#` deeper; text escaped by pulldown-cmark-to-cmark so nothing becomes
//! syntax. Tables are pipe tables (an HTML table when cells merge or hold several paragraphs),
//! pictures are image links (to files in a folder beside the .md, or data URIs), notes are
//! footnotes `[^N]`.

use pulldown_cmark::{Alignment, CowStr, Event, HeadingLevel, LinkType, Tag, TagEnd};

use crate::model::{
    Block, DocKind, Document, Element, Image, Inline, MODEL_VERSION, Meta, Placement,
    PrintedElements, Section, Table,
};
use crate::read::markdown::MODEL_KEY;

/// Deepest heading level written with `#` marks alone; deeper ones carry `{level=N}`.
pub const DEEPEST_PLAIN_LEVEL: u8 = 5;

/// Writes CommonMark with pictures as data URIs; `read::markdown` reads it back to the same
/// model.
pub fn write(document: &Document) -> Vec<u8> {
    write_linking_images(document, None)
}

/// The picture files of [`write_linking_images`]'s Markdown: each picture's path (inside
/// `folder`) and bytes, in reading order.
pub fn image_files<'a>(document: &'a Document, folder: &str) -> Vec<(String, &'a [u8])> {
    document
        .images()
        .into_iter()
        .enumerate()
        .map(|(index, image)| (image_path(folder, index, image), image.data.as_slice()))
        .collect()
}

fn image_path(folder: &str, index: usize, image: &Image) -> String {
    format!("{folder}/image{}.{}", index + 1, image.format.extension())
}

/// Writes CommonMark whose pictures link to the files [`image_files`] names in `folder` (a
/// path relative to the .md), or are data URIs when `folder` is `None`.
pub fn write_linking_images(document: &Document, folder: Option<&str>) -> Vec<u8> {
    let mut writer = Writer {
        document,
        folder,
        images: 0,
    };
    let mut out = front_matter(document, keeps_half_width_punctuation(document));
    let mut events: Vec<Event<'_>> = Vec::new();
    let meta = &document.meta;
    // The 公文 elements of the front matter are shown again where they print, so the body
    // reads in order; the reader takes them out again ([`crate::read::markdown`]).
    let printed = PrintedElements::of(document);
    for line in &printed.header {
        paragraph_events(&mut events, line);
    }
    if !meta.title.is_empty() {
        heading_events(
            &mut events,
            HeadingLevel::H1,
            meta.title.join(" "),
            Vec::new(),
            Vec::new(),
        );
    }
    for line in &printed.under_title {
        paragraph_events(&mut events, line);
    }
    for block in &document.front {
        writer.block(&mut events, block);
    }
    for section in &document.sections {
        writer.section(&mut events, section, 0);
    }
    for block in &document.back {
        writer.block(&mut events, block);
    }
    for line in &printed.closing {
        paragraph_events(&mut events, line);
    }
    for attachment in &document.attachments {
        let label = attachment.label.as_ref().map(|l| l.text.as_str());
        let mut attrs = Vec::new();
        if let Some(label) = label {
            attrs.push((
                CowStr::Borrowed("label"),
                Some(CowStr::from(label.to_string())),
            ));
        }
        let mut classes = vec![CowStr::Borrowed("attachment")];
        let (first, more) = match attachment.title.split_first() {
            Some((first, more)) => {
                // The label, kept in the heading's attributes, is shown where it prints.
                if let Some(label) = label {
                    paragraph_events(&mut events, label);
                }
                (first.clone(), more)
            }
            None => {
                classes.push(CowStr::Borrowed("untitled"));
                (label.unwrap_or("·").to_string(), &[][..])
            }
        };
        heading_events(&mut events, HeadingLevel::H2, first, classes, attrs);
        for line in more {
            heading_events(
                &mut events,
                HeadingLevel::H2,
                line.clone(),
                vec![CowStr::Borrowed("attachment-title")],
                Vec::new(),
            );
        }
        for block in &attachment.front {
            writer.block(&mut events, block);
        }
        for section in &attachment.sections {
            writer.section(&mut events, section, 1);
        }
    }
    for line in &printed.record {
        paragraph_events(&mut events, line);
    }
    for (index, note) in document.notes.iter().enumerate() {
        let name = CowStr::from((index + 1).to_string());
        events.push(Event::Start(Tag::FootnoteDefinition(name.clone())));
        for paragraph in &note.paragraphs {
            writer.paragraph(&mut events, paragraph);
        }
        events.push(Event::End(TagEnd::FootnoteDefinition));
    }
    // The body is appended to the front matter in place: no second copy of a large document.
    pulldown_cmark_to_cmark::cmark(events, &mut out, crate::read::markdown::PARSER_OPTIONS)
        .expect("writing to a String cannot fail");
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out.into_bytes()
}

/// Whether the document has half-width punctuation the Markdown reader would make full-width
/// (a model read with `--keep-punctuation`, or JSON written by hand): the front matter then
/// says `punctuation: kept`, so that the Markdown reads back to the same model.
fn keeps_half_width_punctuation(document: &Document) -> bool {
    let mut kept = false;
    document.for_each_text(&mut |piece| {
        kept = kept || crate::read::text::punctuation::to_full_width(piece) != piece;
    });
    kept
}

/// A YAML string: JSON-quoted (valid YAML, nothing to escape by hand).
fn quote(text: &str) -> String {
    serde_json::to_string(text).expect("strings serialise")
}

/// `key: "value"`.
fn scalar(lines: &mut Vec<String>, key: &str, value: &str) {
    lines.push(format!("{key}: {}", quote(value)));
}

/// `key:` and its items as `  - "item"`.
fn list<'a>(lines: &mut Vec<String>, key: &str, items: impl IntoIterator<Item = &'a str>) {
    let items: Vec<&str> = items.into_iter().collect();
    if items.is_empty() {
        return;
    }
    lines.push(format!("{key}:"));
    lines.extend(items.iter().map(|item| format!("  - {}", quote(item))));
}

fn element(lines: &mut Vec<String>, key: &str, value: &Option<Element>) {
    if let Some(value) = value {
        scalar(lines, key, &value.text);
    }
}

fn texts(elements: &[Element]) -> impl Iterator<Item = &str> {
    elements.iter().map(|e| e.text.as_str())
}

/// The front matter: the model version, the title block in the order written, and the 公文
/// elements.
fn front_matter(document: &Document, punctuation_kept: bool) -> String {
    let meta: &Meta = &document.meta;
    let mut lines = vec![format!("{MODEL_KEY}: {MODEL_VERSION}")];
    match meta.title.as_slice() {
        [] => {}
        [one] => scalar(&mut lines, "title", one),
        many => list(&mut lines, "title", many.iter().map(String::as_str)),
    }
    if let Some(header) = &meta.header {
        let kind = match header.kind {
            DocKind::File => "file",
            DocKind::Upward => "upward",
            DocKind::Letter => "letter",
        };
        lines.push(format!("kind: {kind}"));
        element(&mut lines, "copy_number", &header.copy_number);
        element(&mut lines, "secrecy", &header.secrecy);
        element(&mut lines, "urgency", &header.urgency);
        list(&mut lines, "mark", texts(&header.mark));
        element(&mut lines, "doc_number", &header.doc_number);
        list(&mut lines, "signers", texts(&header.signers));
    }
    // In the order written: the reader keeps the order of these keys.
    for detail in &meta.details {
        scalar(&mut lines, detail.role.name(), &detail.text);
    }
    if let Some(salutation) = &meta.salutation {
        scalar(&mut lines, "salutation", salutation);
    }
    list(&mut lines, "addressee", texts(&meta.addressee));
    if let Some(closing) = &document.closing {
        let notes: Vec<String> = closing
            .attachment_notes
            .iter()
            .map(|n| n.printed())
            .collect();
        list(
            &mut lines,
            "attachment_notes",
            notes.iter().map(String::as_str),
        );
        list(&mut lines, "signatures", texts(&closing.signatures));
        element(&mut lines, "issue_date", &closing.date);
        element(&mut lines, "annotation", &closing.annotation);
        if !closing.sealed {
            lines.push("sealed: false".to_string());
        }
    }
    if let Some(record) = &document.record {
        element(&mut lines, "cc", &record.cc);
        element(&mut lines, "printer", &record.printer);
        element(&mut lines, "print_date", &record.print_date);
    }
    if punctuation_kept {
        lines.push("punctuation: kept".to_string());
    }
    format!("---\n{}\n---\n\n", lines.join("\n"))
}

fn heading_level(level: u8) -> HeadingLevel {
    match level.saturating_add(1) {
        0..=2 => HeadingLevel::H2,
        3 => HeadingLevel::H3,
        4 => HeadingLevel::H4,
        5 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

fn heading_events<'a>(
    events: &mut Vec<Event<'a>>,
    level: HeadingLevel,
    text: String,
    classes: Vec<CowStr<'a>>,
    attrs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
) {
    events.push(Event::Start(Tag::Heading {
        level,
        id: None,
        classes,
        attrs,
    }));
    events.push(Event::Text(text.into()));
    events.push(Event::End(TagEnd::Heading(level)));
}

/// A paragraph: a line break inside it is a hard break, and white space at its ends (which
/// Markdown would trim) is written as character references.
fn paragraph_events(events: &mut Vec<Event<'_>>, text: &str) {
    events.push(Event::Start(Tag::Paragraph));
    text_events(events, text, true, true);
    events.push(Event::End(TagEnd::Paragraph));
}

/// The text of a paragraph (or of a piece of one between note marks): line breaks as hard
/// breaks; white space at the paragraph's start (`first`) or end (`last`) as character
/// references.
fn text_events(events: &mut Vec<Event<'_>>, text: &str, first: bool, last: bool) {
    let reference =
        |space: &str| -> String { space.chars().map(|c| format!("&#{};", c as u32)).collect() };
    let start = if first {
        text.len() - text.trim_start_matches(char::is_whitespace).len()
    } else {
        0
    };
    let end = if last {
        text.trim_end_matches(char::is_whitespace).len().max(start)
    } else {
        text.len()
    };
    let (lead, body, tail) = (&text[..start], &text[start..end], &text[end..]);
    if !lead.is_empty() {
        events.push(Event::InlineHtml(reference(lead).into()));
    }
    for (index, line) in body.split('\n').enumerate() {
        if index > 0 {
            events.push(Event::HardBreak);
        }
        if !line.is_empty() {
            events.push(Event::Text(line.to_string().into()));
        }
    }
    if !tail.is_empty() {
        events.push(Event::InlineHtml(reference(tail).into()));
    }
}

/// What the blocks need while they are written: the document (to number notes), where
/// pictures go, and how many have been written.
struct Writer<'d> {
    document: &'d Document,
    folder: Option<&'d str>,
    images: usize,
}

impl Writer<'_> {
    /// A paragraph of inlines: its text, with `[^N]` where a note is referenced.
    fn paragraph(&self, events: &mut Vec<Event<'_>>, inlines: &[Inline]) {
        events.push(Event::Start(Tag::Paragraph));
        let mut text = String::new();
        let mut first = true;
        for inline in inlines {
            match inline {
                Inline::NoteRef { id } => {
                    text_events(events, &std::mem::take(&mut text), first, false);
                    first = false;
                    let number = self.document.note_number(*id).to_string();
                    events.push(Event::FootnoteReference(number.into()));
                }
                other => text.push_str(other.as_str()),
            }
        }
        text_events(events, &text, first, true);
        events.push(Event::End(TagEnd::Paragraph));
    }

    fn block(&mut self, events: &mut Vec<Event<'_>>, block: &Block) {
        match block {
            Block::Paragraph { inlines, .. } => self.paragraph(events, inlines),
            Block::Table(table) => self.table(events, table),
            Block::Image(image) => self.image(events, image),
        }
    }

    /// A pipe table, or an HTML table when a cell spans or holds several paragraphs (which
    /// pipe tables cannot say).
    fn table(&self, events: &mut Vec<Event<'_>>, table: &Table) {
        let columns = table.column_count();
        let simple = table
            .rows
            .iter()
            .flat_map(|row| &row.cells)
            .all(|cell| cell.col_span <= 1 && cell.row_span <= 1 && cell.paragraphs.len() <= 1)
            && table.rows.iter().all(|row| row.cells.len() == columns);
        if !simple || table.rows.is_empty() {
            events.push(Event::Html(self.html_table(table).into()));
            return;
        }
        events.push(Event::Start(Tag::Table(vec![Alignment::None; columns])));
        for (index, row) in table.rows.iter().enumerate() {
            let (start, end) = if index == 0 {
                (Tag::TableHead, TagEnd::TableHead)
            } else {
                (Tag::TableRow, TagEnd::TableRow)
            };
            events.push(Event::Start(start));
            for cell in &row.cells {
                events.push(Event::Start(Tag::TableCell));
                for inline in cell.paragraphs.iter().flatten() {
                    match inline {
                        Inline::NoteRef { id } => events.push(Event::FootnoteReference(
                            self.document.note_number(*id).to_string().into(),
                        )),
                        other => events.push(Event::Text(other.as_str().replace('\n', " ").into())),
                    }
                }
                events.push(Event::End(TagEnd::TableCell));
            }
            events.push(Event::End(end));
        }
        events.push(Event::End(TagEnd::Table));
    }

    fn html_table(&self, table: &Table) -> String {
        let escape = |text: &str| {
            text.replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
        };
        let mut html = String::from("<table>\n");
        for row in &table.rows {
            html.push_str("<tr>");
            for cell in &row.cells {
                html.push_str("<td");
                if cell.col_span > 1 {
                    html.push_str(&format!(" colspan=\"{}\"", cell.col_span));
                }
                if cell.row_span > 1 {
                    html.push_str(&format!(" rowspan=\"{}\"", cell.row_span));
                }
                html.push('>');
                let paragraphs: Vec<String> = cell
                    .paragraphs
                    .iter()
                    .map(|paragraph| {
                        paragraph
                            .iter()
                            .map(|inline| match inline {
                                Inline::NoteRef { id } => {
                                    format!("<sup>{}</sup>", self.document.note_number(*id))
                                }
                                other => escape(other.as_str()).replace('\n', "<br>"),
                            })
                            .collect()
                    })
                    .collect();
                html.push_str(&paragraphs.join("<br>"));
                html.push_str("</td>");
            }
            html.push_str("</tr>\n");
        }
        html.push_str("</table>\n");
        html
    }

    /// A picture as an image link of its own paragraph.
    fn image(&mut self, events: &mut Vec<Event<'_>>, image: &Image) {
        use base64::Engine as _;
        let destination = match self.folder {
            Some(folder) => image_path(folder, self.images, image),
            None => format!(
                "data:{};base64,{}",
                image.format.mime(),
                base64::engine::general_purpose::STANDARD.encode(&image.data)
            ),
        };
        self.images += 1;
        events.push(Event::Start(Tag::Paragraph));
        events.push(Event::Start(Tag::Image {
            link_type: LinkType::Inline,
            dest_url: destination.into(),
            title: CowStr::Borrowed(""),
            id: CowStr::Borrowed(""),
        }));
        if !image.alt.is_empty() {
            events.push(Event::Text(image.alt.clone().into()));
        }
        events.push(Event::End(TagEnd::Image));
        events.push(Event::End(TagEnd::Paragraph));
    }

    /// A section's heading (one level deeper in an attachment, `shift` 1) and what it holds.
    fn section<'a>(&mut self, events: &mut Vec<Event<'a>>, section: &'a Section, shift: u8) {
        let heading = &section.heading;
        let mut classes = Vec::new();
        if matches!(heading.placement, Placement::RunIn { .. }) {
            classes.push(CowStr::Borrowed("run-in"));
        }
        let depth = heading.level.saturating_add(shift);
        let mut attrs = Vec::new();
        if depth > DEEPEST_PLAIN_LEVEL {
            attrs.push((
                CowStr::Borrowed("level"),
                Some(CowStr::from(heading.level.to_string())),
            ));
        }
        heading_events(
            events,
            heading_level(depth),
            heading.text.clone(),
            classes,
            attrs,
        );
        if let Placement::RunIn { rest } = &heading.placement {
            self.paragraph(events, rest);
        }
        for block in &section.blocks {
            self.block(events, block);
        }
        for child in &section.children {
            self.section(events, child, shift);
        }
    }
}

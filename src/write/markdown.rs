//! The Markdown writer: YAML front matter, the title as `#`, headings by depth, run-in headings
//! tagged `{.run-in}`; text escaped by pulldown-cmark-to-cmark so nothing becomes syntax.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};

use crate::model::{Block, Document, Meta, Placement, Section, plain_text};

/// Deepest heading level written with `#` marks alone; deeper ones carry `{level=N}`.
pub const DEEPEST_PLAIN_LEVEL: u8 = 5;

/// Writes CommonMark; `read::markdown` reads it back to the same model.
pub fn write(document: &Document) -> Vec<u8> {
    let mut out = front_matter(&document.meta, keeps_half_width_punctuation(document));
    let mut events: Vec<Event<'_>> = Vec::new();
    let meta = &document.meta;
    for line in [&meta.issuer, &meta.doc_number].into_iter().flatten() {
        paragraph_events(&mut events, line.clone());
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
    for line in meta.lines_under_title() {
        paragraph_events(&mut events, line.to_string());
    }
    for block in &document.front {
        block_events(&mut events, block);
    }
    for section in &document.sections {
        section_events(&mut events, section);
    }
    for block in &document.back {
        block_events(&mut events, block);
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

/// YAML front matter with every string JSON-quoted (valid YAML, nothing to escape by hand).
fn front_matter(meta: &Meta, punctuation_kept: bool) -> String {
    let quote = |s: &str| serde_json::to_string(s).expect("strings serialise");
    let mut lines = Vec::new();
    match meta.title.as_slice() {
        [] => {}
        [one] => lines.push(format!("title: {}", quote(one))),
        many => {
            lines.push("title:".to_string());
            lines.extend(many.iter().map(|line| format!("  - {}", quote(line))));
        }
    }
    let header = [("issuer", &meta.issuer), ("doc_number", &meta.doc_number)];
    for (key, value) in header {
        if let Some(value) = value {
            lines.push(format!("{key}: {}", quote(value)));
        }
    }
    // In the order written: the reader keeps the order of these keys.
    for detail in &meta.details {
        lines.push(format!("{}: {}", detail.role.name(), quote(&detail.text)));
    }
    if let Some(salutation) = &meta.salutation {
        lines.push(format!("salutation: {}", quote(salutation)));
    }
    if punctuation_kept {
        lines.push("punctuation: kept".to_string());
    }
    if lines.is_empty() {
        String::new()
    } else {
        format!("---\n{}\n---\n\n", lines.join("\n"))
    }
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
fn paragraph_events(events: &mut Vec<Event<'_>>, text: String) {
    events.push(Event::Start(Tag::Paragraph));
    let body = text.trim_matches(char::is_whitespace);
    let start = text.len() - text.trim_start_matches(char::is_whitespace).len();
    let lead = &text[..start];
    let tail = &text[start + body.len()..];
    let reference =
        |space: &str| -> String { space.chars().map(|c| format!("&#{};", c as u32)).collect() };
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
    events.push(Event::End(TagEnd::Paragraph));
}

fn block_events(events: &mut Vec<Event<'_>>, block: &Block) {
    paragraph_events(events, block.plain_text());
}

fn section_events<'a>(events: &mut Vec<Event<'a>>, section: &'a Section) {
    let heading = &section.heading;
    let mut classes = Vec::new();
    if matches!(heading.placement, Placement::RunIn { .. }) {
        classes.push(CowStr::Borrowed("run-in"));
    }
    let mut attrs = Vec::new();
    if heading.level > DEEPEST_PLAIN_LEVEL {
        attrs.push((
            CowStr::Borrowed("level"),
            Some(CowStr::from(heading.level.to_string())),
        ));
    }
    heading_events(
        events,
        heading_level(heading.level),
        heading.text.clone(),
        classes,
        attrs,
    );
    if let Placement::RunIn { rest } = &heading.placement {
        paragraph_events(events, plain_text(rest));
    }
    for block in &section.blocks {
        block_events(events, block);
    }
    for child in &section.children {
        section_events(events, child);
    }
}

//! Markdown that wengao wrote, back to the same model: the front matter holds the title
//! block and the 公文 elements (the body shows them again where they print, and those lines
//! are taken out), `#` is the title, `##` … the headings by level (`{.run-in}`
//! for a lead sentence, `{level=N}` past six), `## title {.attachment label="附件1"}` starts an
//! attachment whose headings are one `#` deeper.

use super::front_matter::{FrontMatter, MODEL_KEY, Value};
use super::pieces::{HeadingAttributes, Piece};
use crate::error::{Error, Warning, WarningKind};
use crate::model::{
    Attachment, AttachmentNote, Block, Closing, DetailRole, DocKind, Document, Element, Header,
    Heading, MODEL_VERSION, Meta, Placement, PrintedElements, Record, Section, SourceLine,
};
use crate::read::text::{inline, markers, punctuation, take_closing};
use crate::read::{Parsed, ReadOptions};

/// What the front matter holds besides the meta.
#[derive(Default)]
struct Elements {
    closing: Closing,
    record: Record,
    /// `punctuation: kept`: the half-width punctuation is meant; do not make it full-width.
    punctuation_kept: bool,
}

/// Reads the front matter into the meta and the closing and record elements.
fn from_front_matter(
    front_matter: &FrontMatter,
    name: &str,
    warnings: &mut Vec<Warning>,
) -> Result<(Meta, Elements), Error> {
    let mut meta = Meta::default();
    let mut header = Header::default();
    let mut elements = Elements {
        closing: Closing {
            sealed: true,
            ..Closing::default()
        },
        ..Elements::default()
    };
    let list =
        |value: &Value| -> Vec<Element> { value.items().into_iter().map(Element::new).collect() };
    for entry in &front_matter.entries {
        let text = entry.value.text();
        let one = || Some(Element::new(entry.value.text()));
        match entry.key.as_str() {
            MODEL_KEY => {
                if text != MODEL_VERSION.to_string() {
                    return Err(Error::FrontMatter {
                        path: name.to_string(),
                        line: entry.line,
                        message: format!(
                            "written from model version {text}; this wengao reads version \
                             {MODEL_VERSION}"
                        ),
                    });
                }
            }
            "title" => meta.title = entry.value.items(),
            "subtitle" => meta.push_detail(DetailRole::Subtitle, text),
            "speaker" => meta.push_detail(DetailRole::Speaker, text),
            "date" => meta.push_detail(DetailRole::Date, text),
            "salutation" => meta.salutation = Some(text),
            "addressee" => meta.addressee = list(&entry.value),
            "kind" => {
                header.kind = match text.as_str() {
                    "upward" => DocKind::Upward,
                    "letter" => DocKind::Letter,
                    _ => DocKind::File,
                }
            }
            "copy_number" => header.copy_number = one(),
            "secrecy" => header.secrecy = one(),
            "urgency" => header.urgency = one(),
            "mark" => header.mark = list(&entry.value),
            "doc_number" => header.doc_number = one(),
            "signers" => header.signers = list(&entry.value),
            "attachment_notes" => {
                elements.closing.attachment_notes = entry
                    .value
                    .items()
                    .into_iter()
                    .map(|item| note(&item))
                    .collect();
            }
            "signatures" => elements.closing.signatures = list(&entry.value),
            "issue_date" => elements.closing.date = one(),
            "annotation" => elements.closing.annotation = one(),
            "sealed" => elements.closing.sealed = text != "false",
            "cc" => elements.record.cc = one(),
            "printer" => elements.record.printer = one(),
            "print_date" => elements.record.print_date = one(),
            "punctuation" if text == "kept" => elements.punctuation_kept = true,
            other => warnings.push(Warning::at(
                entry.line,
                WarningKind::Input,
                format!("front matter key `{other}` is not used by wengao; left out"),
            )),
        }
    }
    if header != Header::default() {
        meta.header = Some(header);
    }
    Ok((meta, elements))
}

/// "1.名称" → a note numbered 1; "名称" → an unnumbered note.
fn note(printed: &str) -> AttachmentNote {
    let digits: String = printed.chars().take_while(|c| c.is_ascii_digit()).collect();
    match (
        digits.parse().ok(),
        printed[digits.len()..].strip_prefix('.'),
    ) {
        (Some(number), Some(name)) => AttachmentNote {
            number: Some(number),
            name: Element::new(name),
        },
        _ => AttachmentNote {
            number: None,
            name: Element::new(printed),
        },
    }
}

/// Sections being built: headings nest by level under the open ones.
#[derive(Default)]
struct Outline {
    sections: Vec<Section>,
    open: Vec<Section>,
}

impl Outline {
    fn close(&mut self) {
        if let Some(section) = self.open.pop() {
            match self.open.last_mut() {
                Some(parent) => parent.children.push(section),
                None => self.sections.push(section),
            }
        }
    }

    fn open(&mut self, heading: Heading) {
        while self
            .open
            .last()
            .is_some_and(|s| s.heading.level >= heading.level)
        {
            self.close();
        }
        self.open.push(Section {
            heading,
            blocks: Vec::new(),
            children: Vec::new(),
        });
    }

    /// Adds a paragraph to the open section; `false` when none is open.
    fn paragraph(&mut self, block: Block) -> Result<(), Block> {
        match self.open.last_mut() {
            Some(section) => {
                section.blocks.push(block);
                Ok(())
            }
            None => Err(block),
        }
    }

    fn finish(mut self) -> Vec<Section> {
        while !self.open.is_empty() {
            self.close();
        }
        self.sections
    }
}

/// The heading of `text` at `level`.
fn heading(text: String, level: u8, run_in: Option<String>, line: Option<SourceLine>) -> Heading {
    let marker = markers::parse(&text).map(|(m, _)| m);
    Heading {
        level,
        marker,
        text,
        placement: match run_in {
            Some(rest) => Placement::RunIn {
                rest: inline::enumerate(&rest),
            },
            None => Placement::Standalone,
        },
        line,
    }
}

/// The level of a heading `#`×`depth` whose top level is written with `top_depth` marks.
fn level(depth: u8, top_depth: u8, attributes: &HeadingAttributes) -> u8 {
    attributes
        .level
        .unwrap_or(depth.saturating_sub(top_depth - 1))
        .max(1)
}

/// Takes out of `pieces` the 版头 lines before the title, each attachment's label before its
/// heading, the closing lines before the first attachment and the 版记 lines last: the writer
/// shows the front matter's 公文 elements there so that the body reads in order. A run is
/// taken only when every one of its lines is there as written, so Markdown from before this
/// (or edited by hand) loses nothing.
fn take_shown_elements(pieces: &mut Vec<Piece>, printed: &PrintedElements) {
    let is_run_at = |pieces: &[Piece], start: usize, lines: &[String]| {
        !lines.is_empty()
            && pieces.len() >= start + lines.len()
            && pieces[start..start + lines.len()]
                .iter()
                .zip(lines)
                .all(|(piece, line)| matches!(piece, Piece::Paragraph { text, .. } if text == line))
    };
    let last_run_before = |pieces: &[Piece], end: usize, lines: &[String]| {
        (0..=end.saturating_sub(lines.len()))
            .rev()
            .find(|&start| is_run_at(pieces, start, lines))
    };
    // An attachment's label, shown before its heading (one pass: a file of many attachments
    // must not shift the list once per label).
    let label_shown: Vec<bool> = (0..pieces.len())
        .map(|index| match (&pieces[index], pieces.get(index + 1)) {
            (Piece::Paragraph { text, .. }, Some(Piece::Heading { attributes, .. })) => {
                attributes.attachment
                    && !attributes.untitled
                    && attributes.label.as_deref() == Some(text.as_str())
            }
            _ => false,
        })
        .collect();
    let mut shown = label_shown.into_iter();
    pieces.retain(|_| !shown.next().unwrap_or(false));
    if let Some(start) = last_run_before(pieces, pieces.len(), &printed.record) {
        pieces.drain(start..start + printed.record.len());
    }
    let first_attachment = pieces
        .iter()
        .position(
            |piece| matches!(piece, Piece::Heading { attributes, .. } if attributes.attachment),
        )
        .unwrap_or(pieces.len());
    if let Some(start) = last_run_before(pieces, first_attachment, &printed.closing) {
        pieces.drain(start..start + printed.closing.len());
    }
    if is_run_at(pieces, 0, &printed.header) {
        pieces.drain(..printed.header.len());
    }
}

/// Reads wengao's Markdown.
pub fn read(
    front_matter: FrontMatter,
    mut pieces: Vec<Piece>,
    name: &str,
    options: &ReadOptions,
    mut warnings: Vec<Warning>,
) -> Result<Parsed, Error> {
    let (meta, elements) = from_front_matter(&front_matter, name, &mut warnings)?;
    let normalise = |text: String| {
        if options.keep_punctuation || elements.punctuation_kept {
            text
        } else {
            punctuation::to_full_width(&text)
        }
    };
    let printed =
        PrintedElements::from_parts(&meta, Some(&elements.closing), Some(&elements.record));
    take_shown_elements(&mut pieces, &printed);
    let mut pieces = pieces.into_iter().peekable();
    // The title heading repeats the front matter's title.
    if matches!(pieces.peek(), Some(Piece::Heading { depth: 1, .. })) {
        pieces.next();
    }
    // The title block's lines (shown again under the title) and the paragraphs before the
    // first heading.
    let mut shown = printed.under_title.into_iter().peekable();
    let mut front = Vec::new();
    let mut main = Outline::default();
    let mut attachments: Vec<Attachment> = Vec::new();
    let mut attachment_outline: Option<Outline> = None;
    let finish_attachment = |outline: Option<Outline>, attachments: &mut Vec<Attachment>| {
        if let (Some(outline), Some(last)) = (outline, attachments.last_mut()) {
            last.sections = outline.finish();
        }
    };
    while let Some(piece) = pieces.next() {
        match piece {
            Piece::Paragraph { text, line, .. } => {
                if front.is_empty()
                    && main.open.is_empty()
                    && attachments.is_empty()
                    && shown.peek() == Some(&text)
                {
                    shown.next();
                    continue;
                }
                let block = Block::paragraph(inline::enumerate(&normalise(text)), line);
                let target = match attachment_outline.as_mut() {
                    Some(outline) => outline,
                    None => &mut main,
                };
                if let Err(block) = target.paragraph(block) {
                    match attachments.last_mut() {
                        Some(attachment) => attachment.front.push(block),
                        None => front.push(block),
                    }
                }
            }
            Piece::Heading {
                depth,
                text,
                attributes,
                line,
            } => {
                let text = normalise(text);
                if attributes.attachment {
                    finish_attachment(attachment_outline.take(), &mut attachments);
                    attachments.push(Attachment {
                        label: attributes.label.clone().map(Element::new),
                        title: if attributes.untitled {
                            Vec::new()
                        } else {
                            vec![text]
                        },
                        ..Attachment::default()
                    });
                    attachment_outline = Some(Outline::default());
                    continue;
                }
                if attributes.attachment_title {
                    if let Some(attachment) = attachments.last_mut() {
                        attachment.title.push(text);
                    }
                    continue;
                }
                let run_in = attributes
                    .run_in
                    .then(|| match pieces.next_if(Piece::is_paragraph) {
                        Some(Piece::Paragraph { text, .. }) => normalise(text),
                        _ => String::new(),
                    });
                match attachment_outline.as_mut() {
                    Some(outline) => {
                        outline.open(heading(text, level(depth, 3, &attributes), run_in, line));
                    }
                    None => main.open(heading(text, level(depth, 2, &attributes), run_in, line)),
                }
            }
        }
    }
    finish_attachment(attachment_outline, &mut attachments);
    let mut sections = main.finish();
    let back = take_closing(&mut sections);
    let closing = (elements.closing
        != Closing {
            sealed: true,
            ..Closing::default()
        })
    .then_some(elements.closing);
    let record = (elements.record != Record::default()).then_some(elements.record);
    let document = Document {
        meta,
        front,
        sections,
        back,
        closing,
        attachments,
        record,
        ..Document::default()
    };
    Ok(Parsed {
        document,
        warnings,
        explanations: Vec::new(),
        word_report: None,
    })
}

//! The Markdown reader: `#` is the title, deeper `#` levels are sections, `{.run-in}` marks a
//! run-in heading, YAML front matter gives the title block.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::error::{Error, Warning, WarningKind};
use crate::model::{Block, DetailRole, Document, Heading, Meta, Placement, Section};
use crate::read::text::{decode, front, inline, lines::Line, markers, punctuation, take_closing};
use crate::read::{Input, Parsed, ReadOptions};

/// The pulldown-cmark options the reader parses with (and the writer serialises for).
pub const PARSER_OPTIONS: Options =
    Options::ENABLE_YAML_STYLE_METADATA_BLOCKS.union(Options::ENABLE_HEADING_ATTRIBUTES);

/// A Markdown block as the reader sees it.
enum Piece {
    Heading {
        depth: u8,
        text: String,
        run_in: bool,
    },
    Paragraph(String),
}

/// Reads CommonMark (with YAML front matter and heading attributes).
///
/// ```
/// use wengao::read::{Input, ReadOptions, markdown::read};
/// let md = "# 讲话\n\n## 一、总体要求\n\n### 一要抓落实。 {.run-in}\n\n事无巨细。\n";
/// let parsed = read(&Input { name: "s.md".into(), bytes: md.as_bytes().to_vec() }, &ReadOptions::default()).unwrap();
/// let doc = parsed.document;
/// assert_eq!(doc.meta.title, vec!["讲话"]);
/// assert_eq!(doc.sections[0].children[0].heading.level, 2);
/// ```
pub fn read(input: &Input, options: &ReadOptions) -> Result<Parsed, Error> {
    let source = decode::decode(&input.bytes, &input.name, options.encoding)?;
    if source.trim().is_empty() {
        return Err(Error::EmptyInput {
            path: input.name.clone(),
        });
    }
    let mut warnings = Vec::new();
    let (front_matter, pieces) = pieces(&source, &input.name, &mut warnings)?;
    let normalise = |text: String| {
        if options.keep_punctuation {
            text
        } else {
            punctuation::to_full_width(&text)
        }
    };
    let pieces: Vec<Piece> = pieces
        .into_iter()
        .map(|piece| match piece {
            Piece::Heading {
                depth,
                text,
                run_in,
            } => Piece::Heading {
                depth,
                text: normalise(text),
                run_in,
            },
            Piece::Paragraph(text) => Piece::Paragraph(normalise(text)),
        })
        .collect();

    let mut meta = front_matter.unwrap_or_default();
    let has_front_matter = meta != Meta::default();
    let mut pieces = pieces.into_iter().peekable();

    // A 公文 header (issuer, document number) may stand above the title heading.
    let mut before_title = Vec::new();
    while let Some(Piece::Paragraph(_)) = pieces.peek() {
        if let Some(Piece::Paragraph(text)) = pieces.next() {
            before_title.push(text);
        }
    }
    let mut unplaced = Vec::new();
    for text in before_title {
        let known = |field: &Option<String>| field.as_deref() == Some(text.as_str());
        if has_front_matter && (known(&meta.issuer) || known(&meta.doc_number)) {
            continue;
        }
        if !has_front_matter
            && meta.issuer.is_none()
            && meta.doc_number.is_none()
            && front::is_issuer_line(&text)
        {
            meta.issuer = Some(text);
        } else if !has_front_matter && meta.doc_number.is_none() && front::is_doc_number(&text) {
            meta.doc_number = Some(text);
        } else {
            unplaced.push(text);
        }
    }

    // The title heading, then the title-block paragraphs before the first section.
    if let Some(Piece::Heading { depth: 0, .. }) = pieces.peek()
        && let Some(Piece::Heading { text, .. }) = pieces.next()
        && meta.title.is_empty()
    {
        meta.title.push(text);
    }
    let mut leading = unplaced;
    while let Some(Piece::Paragraph(_)) = pieces.peek() {
        if let Some(Piece::Paragraph(text)) = pieces.next() {
            leading.push(text);
        }
    }
    let used = if has_front_matter {
        let shown: Vec<&str> = meta.lines_under_title().collect();
        leading
            .iter()
            .zip(shown)
            .take_while(|(text, field)| text == field)
            .count()
    } else {
        let lines: Vec<Line> = leading.iter().map(|t| Line::new(0, t.clone())).collect();
        front::take_details(&lines, &mut meta)
    };
    let front_blocks: Vec<Block> = leading[used..]
        .iter()
        .map(|t| Block::Paragraph(inline::enumerate(t)))
        .collect();

    let mut sections: Vec<Section> = Vec::new();
    let mut open: Vec<Section> = Vec::new();
    let close = |open: &mut Vec<Section>, sections: &mut Vec<Section>| {
        let section = open.pop().expect("an open section");
        match open.last_mut() {
            Some(parent) => parent.children.push(section),
            None => sections.push(section),
        }
    };
    while let Some(piece) = pieces.next() {
        match piece {
            Piece::Heading {
                depth,
                text,
                run_in,
            } => {
                let level = depth.max(1);
                while open.last().is_some_and(|s| s.heading.level >= level) {
                    close(&mut open, &mut sections);
                }
                let placement = if run_in {
                    let rest = match pieces.peek() {
                        Some(Piece::Paragraph(_)) => match pieces.next() {
                            Some(Piece::Paragraph(rest)) => rest,
                            _ => unreachable!("peeked a paragraph"),
                        },
                        _ => String::new(),
                    };
                    Placement::RunIn {
                        rest: inline::enumerate(&rest),
                    }
                } else {
                    Placement::Standalone
                };
                let marker = markers::parse(&text).map(|(m, _)| m);
                open.push(Section {
                    heading: Heading {
                        level,
                        marker,
                        text,
                        placement,
                    },
                    blocks: Vec::new(),
                    children: Vec::new(),
                });
            }
            Piece::Paragraph(text) => {
                let block = Block::Paragraph(inline::enumerate(&text));
                // Paragraphs before the first section were taken above, so a section is open.
                if let Some(section) = open.last_mut() {
                    section.blocks.push(block);
                }
            }
        }
    }
    while !open.is_empty() {
        close(&mut open, &mut sections);
    }
    let back = take_closing(&mut sections);
    let document = Document {
        meta,
        front: front_blocks,
        sections,
        back,
    };
    let heading_lines = vec![0; document.walk().len()];
    Ok(Parsed {
        document,
        warnings,
        heading_lines,
    })
}

/// Parses Markdown into front matter and a flat list of headings and paragraphs.
fn pieces(
    source: &str,
    name: &str,
    warnings: &mut Vec<Warning>,
) -> Result<(Option<Meta>, Vec<Piece>), Error> {
    let mut front_matter = None;
    let mut pieces = Vec::new();
    let mut text = String::new();
    let mut in_metadata = false;
    let mut heading: Option<(u8, bool)> = None;
    for event in Parser::new_ext(source, PARSER_OPTIONS) {
        match event {
            Event::Start(Tag::MetadataBlock(_)) => in_metadata = true,
            Event::End(TagEnd::MetadataBlock(_)) => {
                in_metadata = false;
                front_matter = Some(parse_front_matter(&text, name)?);
                text.clear();
            }
            Event::Start(Tag::Heading {
                level,
                classes,
                attrs,
                ..
            }) => {
                let explicit = attrs
                    .iter()
                    .find(|(key, _)| key.as_ref() == "level")
                    .and_then(|(_, value)| value.as_ref()?.parse::<u8>().ok());
                let depth = explicit.unwrap_or(match level {
                    HeadingLevel::H1 => 0,
                    HeadingLevel::H2 => 1,
                    HeadingLevel::H3 => 2,
                    HeadingLevel::H4 => 3,
                    HeadingLevel::H5 => 4,
                    HeadingLevel::H6 => 5,
                });
                heading = Some((depth, classes.iter().any(|c| c.as_ref() == "run-in")));
                text.clear();
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((depth, run_in)) = heading.take() {
                    pieces.push(Piece::Heading {
                        depth,
                        text: std::mem::take(&mut text),
                        run_in,
                    });
                }
            }
            Event::Start(Tag::Paragraph) => text.clear(),
            // Tight list items and code blocks hold text without a paragraph around it.
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::CodeBlock) => {
                let paragraph = std::mem::take(&mut text);
                if !paragraph.trim().is_empty() {
                    pieces.push(Piece::Paragraph(paragraph));
                }
            }
            Event::Text(t)
            | Event::Code(t)
            | Event::InlineHtml(t)
            | Event::Html(t)
            | Event::InlineMath(t)
            | Event::DisplayMath(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak
                if !in_metadata
                // Chinese lines join without a space; Latin words keep one.
                && text
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_ascii_alphanumeric()) =>
            {
                text.push(' ');
            }
            Event::SoftBreak | Event::HardBreak => text.push('\n'),
            Event::Rule => warnings.push(Warning::general(
                WarningKind::Input,
                "a thematic break (---) was ignored",
            )),
            _ => {}
        }
    }
    Ok((front_matter, pieces))
}

/// Reads the small YAML subset wengao writes: `key: "value"`, `key: value`, and lists of strings.
fn parse_front_matter(yaml: &str, name: &str) -> Result<Meta, Error> {
    let bad = |message: String| Error::Json {
        path: name.to_string(),
        message,
    };
    let scalar = |raw: &str| -> Result<String, Error> {
        let raw = raw.trim();
        if raw.starts_with('"') {
            serde_json::from_str(raw).map_err(|e| bad(format!("front matter value {raw}: {e}")))
        } else {
            Ok(raw.trim_matches('\'').to_string())
        }
    };
    let mut meta = Meta::default();
    let mut list_key: Option<String> = None;
    for line in yaml.lines() {
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        if let Some(item) = line.trim_start().strip_prefix("- ") {
            if list_key.as_deref() == Some("title") {
                meta.title.push(scalar(item)?);
            }
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let key = key.trim().to_string();
        let value = value.trim();
        if value.is_empty() {
            list_key = Some(key);
            continue;
        }
        list_key = None;
        let value = scalar(value)?;
        match key.as_str() {
            "title" => meta.title = vec![value],
            "subtitle" => meta.push_detail(DetailRole::Subtitle, value),
            "speaker" | "author" => meta.push_detail(DetailRole::Speaker, value),
            "issuer" => meta.issuer = Some(value),
            "doc_number" => meta.doc_number = Some(value),
            "date" => meta.push_detail(DetailRole::Date, value),
            "salutation" => meta.salutation = Some(value),
            _ => {}
        }
    }
    Ok(meta)
}

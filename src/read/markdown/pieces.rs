//! Markdown parsed into a flat list of headings and paragraphs with their lines, and the
//! front matter: what both Markdown readers start from.

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::front_matter::FrontMatter;
use super::html::html_text;
use crate::error::{Error, Warning, WarningKind};
use crate::model::SourceLine;

/// The pulldown-cmark options the reader parses with (and the writer serialises for).
/// Footnotes are parsed so that a definition `[^1]: …` is text, not a link reference that
/// would vanish.
pub const PARSER_OPTIONS: Options = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
    .union(Options::ENABLE_HEADING_ATTRIBUTES)
    .union(Options::ENABLE_FOOTNOTES);

/// The classes and attributes wengao puts on its headings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HeadingAttributes {
    /// `{.run-in}`: the lead sentence of the paragraph that follows.
    pub run_in: bool,
    /// `{.attachment}`: an attachment's title (or label when it has none).
    pub attachment: bool,
    /// `{.attachment-title}`: a further line of the attachment's title.
    pub attachment_title: bool,
    /// `{.untitled}` on an attachment: its heading text is only its label.
    pub untitled: bool,
    /// `label="附件1"`.
    pub label: Option<String>,
    /// `level=7`: a heading deeper than Markdown's six levels.
    pub level: Option<u8>,
}

/// What kind of block a paragraph piece was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParagraphKind {
    Plain,
    /// A list item; the number of an ordered list's item.
    ListItem(Option<u64>),
    /// A raw HTML block (its text).
    Html,
}

/// A Markdown block as the readers see it, with the line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Heading {
        /// 1 for `#`.
        depth: u8,
        text: String,
        attributes: HeadingAttributes,
        line: Option<SourceLine>,
    },
    Paragraph {
        /// Line breaks inside the paragraph (hard breaks) as '\n'.
        text: String,
        kind: ParagraphKind,
        line: Option<SourceLine>,
    },
}

impl Piece {
    pub fn is_paragraph(&self) -> bool {
        matches!(self, Piece::Paragraph { .. })
    }
}

/// Line numbers of byte offsets in a text.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// The 1-based line of byte `offset`.
    fn line(&self, offset: usize) -> SourceLine {
        let index = self.starts.partition_point(|&start| start <= offset);
        SourceLine::try_from(index).unwrap_or(SourceLine::MAX)
    }
}

/// Parses Markdown into its front matter and a flat list of headings and paragraphs.
pub fn parse(
    source: &str,
    name: &str,
    warnings: &mut Vec<Warning>,
) -> Result<(FrontMatter, Vec<Piece>), Error> {
    let lines = LineIndex::new(source);
    let mut front_matter = FrontMatter::default();
    let mut pieces = Vec::new();
    let mut text = String::new();
    // The line where the text being collected started.
    let mut text_line: Option<SourceLine> = None;
    let mut in_metadata = false;
    let mut metadata_line = 0;
    let mut html = String::new();
    let mut heading: Option<(u8, HeadingAttributes)> = None;
    // Open lists: the next number of an ordered one, `None` for a bulleted one.
    let mut lists: Vec<Option<u64>> = Vec::new();
    let mut item: Option<Option<u64>> = None;
    let start = |text_line: &mut Option<SourceLine>, range: &Range<usize>| {
        if text_line.is_none() {
            *text_line = Some(lines.line(range.start));
        }
    };
    let flush = |text: &mut String,
                 text_line: &mut Option<SourceLine>,
                 kind: ParagraphKind,
                 pieces: &mut Vec<Piece>| {
        let paragraph = std::mem::take(text);
        let line = text_line.take();
        if !paragraph.trim().is_empty() {
            pieces.push(Piece::Paragraph {
                text: paragraph,
                kind,
                line,
            });
        }
    };
    for (event, range) in Parser::new_ext(source, PARSER_OPTIONS).into_offset_iter() {
        match event {
            Event::Start(Tag::MetadataBlock(_)) => {
                in_metadata = true;
                // The block's first line is the opening `---`.
                metadata_line = lines.line(range.start);
                text.clear();
            }
            Event::End(TagEnd::MetadataBlock(_)) => {
                in_metadata = false;
                front_matter = FrontMatter::parse(&text, name, metadata_line, warnings)?;
                text.clear();
            }
            Event::Start(Tag::Heading {
                level,
                classes,
                attrs,
                ..
            }) => {
                let attribute = |key: &str| {
                    attrs
                        .iter()
                        .find(|(k, _)| k.as_ref() == key)
                        .and_then(|(_, value)| value.as_ref().map(|v| v.to_string()))
                };
                let has = |class: &str| classes.iter().any(|c| c.as_ref() == class);
                let attributes = HeadingAttributes {
                    run_in: has("run-in"),
                    attachment: has("attachment"),
                    attachment_title: has("attachment-title"),
                    untitled: has("untitled"),
                    label: attribute("label"),
                    level: attribute("level").and_then(|v| v.parse().ok()),
                };
                let depth = match level {
                    HeadingLevel::H1 => 1,
                    HeadingLevel::H2 => 2,
                    HeadingLevel::H3 => 3,
                    HeadingLevel::H4 => 4,
                    HeadingLevel::H5 => 5,
                    HeadingLevel::H6 => 6,
                };
                heading = Some((depth, attributes));
                text.clear();
                text_line = Some(lines.line(range.start));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((depth, attributes)) = heading.take() {
                    pieces.push(Piece::Heading {
                        depth,
                        text: std::mem::take(&mut text),
                        attributes,
                        line: text_line.take(),
                    });
                }
            }
            Event::Start(Tag::List(first)) => lists.push(first),
            Event::End(TagEnd::List(_)) => {
                lists.pop();
            }
            Event::Start(Tag::Item) => {
                // The text of an item that holds this (nested) list ends here.
                if let Some(outer) = item {
                    flush(
                        &mut text,
                        &mut text_line,
                        ParagraphKind::ListItem(outer),
                        &mut pieces,
                    );
                }
                let number = lists.last_mut().and_then(|next| {
                    let number = *next.as_ref()?;
                    *next = Some(number + 1);
                    Some(number)
                });
                item = Some(number);
                text.clear();
                text_line = Some(lines.line(range.start));
            }
            Event::Start(Tag::Paragraph) if item.is_none() => {
                text.clear();
                text_line = Some(lines.line(range.start));
            }
            Event::Start(Tag::Paragraph) => {}
            Event::End(TagEnd::Paragraph) => {
                let kind = item.map_or(ParagraphKind::Plain, ParagraphKind::ListItem);
                flush(&mut text, &mut text_line, kind, &mut pieces);
                // A loose item's later paragraphs carry no number of their own.
                if let Some(number) = &mut item {
                    *number = None;
                }
            }
            // Tight list items and code blocks hold text without a paragraph around it.
            Event::End(TagEnd::Item) => {
                let kind = ParagraphKind::ListItem(item.take().flatten());
                flush(&mut text, &mut text_line, kind, &mut pieces);
            }
            Event::End(TagEnd::CodeBlock) => {
                flush(&mut text, &mut text_line, ParagraphKind::Plain, &mut pieces);
            }
            Event::Start(Tag::HtmlBlock) => {
                html.clear();
                text_line = Some(lines.line(range.start));
            }
            Event::Html(raw) => html.push_str(&raw),
            Event::End(TagEnd::HtmlBlock) => {
                let line = text_line.take();
                let kept = html_text(&html);
                warnings.push(Warning {
                    line: line.map(|l| l as usize),
                    kind: WarningKind::Input,
                    message: if kept.is_empty() {
                        "an HTML block without text was left out".to_string()
                    } else {
                        "an HTML block's tags were removed; its text is kept".to_string()
                    },
                });
                for paragraph in kept {
                    pieces.push(Piece::Paragraph {
                        text: paragraph,
                        kind: ParagraphKind::Html,
                        line,
                    });
                }
                html.clear();
            }
            Event::InlineHtml(tag) => {
                warnings.push(Warning::at(
                    lines.line(range.start) as usize,
                    WarningKind::Input,
                    format!("the inline HTML tag {} was removed", tag.trim()),
                ));
            }
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                start(&mut text_line, &range);
                text.push_str(&t);
            }
            // A hard break is a line break inside the paragraph. In Markdown wengao did not
            // write, a soft break is kept as a line break too: scraped pages put a paragraph
            // on each line without blank lines between them, and the text reader decides
            // which lines are wrapped halves of one paragraph. In wengao's own Markdown a soft
            // break only wraps the source: Chinese lines join without a space, Latin words
            // keep one.
            Event::HardBreak if !in_metadata => text.push('\n'),
            Event::SoftBreak if !in_metadata && !front_matter.is_wengao() => text.push('\n'),
            Event::SoftBreak | Event::HardBreak
                if !in_metadata
                    && text
                        .chars()
                        .next_back()
                        .is_some_and(|c| c.is_ascii_alphanumeric() || c.is_ascii_punctuation()) =>
            {
                text.push(' ');
            }
            Event::SoftBreak if !in_metadata => {}
            Event::SoftBreak | Event::HardBreak => text.push('\n'),
            Event::Rule => warnings.push(Warning::at(
                lines.line(range.start) as usize,
                WarningKind::Input,
                "a thematic break (---) was left out",
            )),
            _ => {}
        }
    }
    if !front_matter.is_wengao() {
        drop_unread_emphasis(&mut pieces, warnings);
    }
    Ok((front_matter, pieces))
}

/// CommonMark cannot close "**（一）抓落实。**坚持…": a closing "**" after a Chinese full stop
/// and before a character is not right-flanking, so the marks stay text. In Markdown wengao
/// did not write (its own escapes a literal "*"), such marks are emphasis the parser missed:
/// they are dropped, and the warning says where.
fn drop_unread_emphasis(pieces: &mut [Piece], warnings: &mut Vec<Warning>) {
    for piece in pieces {
        let (Piece::Heading { text, line, .. } | Piece::Paragraph { text, line, .. }) = piece;
        if text.contains("**") {
            *text = text.replace("**", "");
            warnings.push(Warning {
                line: line.map(|l| l as usize),
                kind: WarningKind::Input,
                message: "emphasis marks \"**\" that Markdown left unread beside Chinese \
                          punctuation were removed"
                    .to_string(),
            });
        }
    }
}

//! The Markdown reader: `#` is the title, deeper `#` levels are sections, `{.run-in}` marks a
//! run-in heading, YAML front matter gives the title block.
//!
//! Nothing of the text is dropped: raw HTML keeps its text (tags removed, with a warning), a
//! `#` heading that is not the front matter's title is kept as a heading, and every heading
//! and paragraph carries the line it starts on.

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::error::{Error, Warning, WarningKind};
use crate::model::{Block, DetailRole, Document, Heading, Meta, Placement, Section, SourceLine};
use crate::read::text::{decode, front, inline, lines::Line, markers, punctuation, take_closing};
use crate::read::{Input, Parsed, ReadOptions};

/// The pulldown-cmark options the reader parses with (and the writer serialises for).
pub const PARSER_OPTIONS: Options =
    Options::ENABLE_YAML_STYLE_METADATA_BLOCKS.union(Options::ENABLE_HEADING_ATTRIBUTES);

/// A Markdown block as the reader sees it, with the line it starts on.
enum Piece {
    Heading {
        depth: u8,
        text: String,
        run_in: bool,
        line: Option<SourceLine>,
    },
    Paragraph {
        text: String,
        line: Option<SourceLine>,
    },
}

impl Piece {
    fn is_paragraph(&self) -> bool {
        matches!(self, Piece::Paragraph { .. })
    }
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
/// assert_eq!(doc.sections[0].heading.line, Some(3));
/// ```
pub fn read(input: &Input, options: &ReadOptions) -> Result<Parsed, Error> {
    let mut warnings = Vec::new();
    let source = decode::decode(&input.bytes, &input.name, options.encoding, &mut warnings)?;
    if source.trim().is_empty() {
        return Err(Error::EmptyInput {
            path: input.name.clone(),
        });
    }
    let (front_matter, pieces) = pieces(&source, &input.name, &mut warnings)?;
    let punctuation_kept = front_matter.as_ref().is_some_and(|f| f.punctuation_kept);
    let front_matter = front_matter.map(|f| f.meta);
    let normalise = |text: String| {
        if options.keep_punctuation || punctuation_kept {
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
                line,
            } => Piece::Heading {
                depth,
                text: normalise(text),
                run_in,
                line,
            },
            Piece::Paragraph { text, line } => Piece::Paragraph {
                text: normalise(text),
                line,
            },
        })
        .collect();

    let mut meta = front_matter.unwrap_or_default();
    let has_front_matter = meta != Meta::default();
    let mut pieces = pieces.into_iter().peekable();

    // A 公文 header (issuer, document number) may stand above the title heading.
    let mut before_title = Vec::new();
    while pieces.peek().is_some_and(Piece::is_paragraph) {
        if let Some(Piece::Paragraph { text, line }) = pieces.next() {
            before_title.push((text, line));
        }
    }
    let mut leading = Vec::new();
    for (text, line) in before_title {
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
            leading.push((text, line));
        }
    }

    // The title heading: the front matter's title written again (as wengao writes it), or the
    // title itself. A `#` that says something else is kept: it becomes a top heading.
    if let Some(Piece::Heading { depth: 0, text, .. }) = pieces.peek() {
        // The heading's text was normalised above; the front matter's is as written.
        let repeats_title = !meta.title.is_empty()
            && [meta.title.join(" "), meta.title.concat()]
                .into_iter()
                .any(|title| {
                    let title = title.trim();
                    text.trim() == title || text.trim() == normalise(title.to_string()).trim()
                });
        if (meta.title.is_empty() || repeats_title)
            && let Some(Piece::Heading { text, .. }) = pieces.next()
            && meta.title.is_empty()
        {
            meta.title.push(text);
        }
    }
    while pieces.peek().is_some_and(Piece::is_paragraph) {
        if let Some(Piece::Paragraph { text, line }) = pieces.next() {
            leading.push((text, line));
        }
    }
    let used = if has_front_matter {
        let shown: Vec<&str> = meta.lines_under_title().collect();
        leading
            .iter()
            .zip(shown)
            .take_while(|((text, _), field)| text == field)
            .count()
    } else {
        let lines: Vec<Line> = leading
            .iter()
            .map(|(text, line)| Line::new(line.map_or(0, |l| l as usize), text.clone()))
            .collect();
        front::take_details(&lines, &mut meta)
    };
    let front_blocks: Vec<Block> = leading[used..]
        .iter()
        .map(|(text, line)| Block::paragraph(inline::enumerate(text), *line))
        .collect();

    let mut sections: Vec<Section> = Vec::new();
    let mut open: Vec<Section> = Vec::new();
    let close = |open: &mut Vec<Section>, sections: &mut Vec<Section>| {
        if let Some(section) = open.pop() {
            match open.last_mut() {
                Some(parent) => parent.children.push(section),
                None => sections.push(section),
            }
        }
    };
    while let Some(piece) = pieces.next() {
        match piece {
            Piece::Heading {
                depth,
                text,
                run_in,
                line,
            } => {
                let level = depth.max(1);
                while open.last().is_some_and(|s| s.heading.level >= level) {
                    close(&mut open, &mut sections);
                }
                let placement = if run_in {
                    let rest = match pieces.next_if(Piece::is_paragraph) {
                        Some(Piece::Paragraph { text, .. }) => text,
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
                        line,
                    },
                    blocks: Vec::new(),
                    children: Vec::new(),
                });
            }
            Piece::Paragraph { text, line } => {
                let block = Block::paragraph(inline::enumerate(&text), line);
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
        ..Document::default()
    };
    Ok(Parsed { document, warnings })
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

/// What the front matter says.
struct FrontMatter {
    meta: Meta,
    /// `punctuation: kept`: the half-width punctuation is meant, do not make it full-width.
    punctuation_kept: bool,
}

/// Parses Markdown into front matter and a flat list of headings and paragraphs.
fn pieces(
    source: &str,
    name: &str,
    warnings: &mut Vec<Warning>,
) -> Result<(Option<FrontMatter>, Vec<Piece>), Error> {
    let lines = LineIndex::new(source);
    let mut front_matter = None;
    let mut pieces = Vec::new();
    let mut text = String::new();
    // The line where the text being collected started.
    let mut text_line: Option<SourceLine> = None;
    let mut in_metadata = false;
    let mut metadata_line = 0;
    let mut html = String::new();
    let mut heading: Option<(u8, bool)> = None;
    let start = |text_line: &mut Option<SourceLine>, range: &Range<usize>| {
        if text_line.is_none() {
            *text_line = Some(lines.line(range.start));
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
                front_matter = Some(parse_front_matter(&text, name, metadata_line, warnings)?);
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
                text_line = Some(lines.line(range.start));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((depth, run_in)) = heading.take() {
                    pieces.push(Piece::Heading {
                        depth,
                        text: std::mem::take(&mut text),
                        run_in,
                        line: text_line.take(),
                    });
                }
            }
            Event::Start(Tag::Paragraph) => {
                text.clear();
                text_line = Some(lines.line(range.start));
            }
            // Tight list items and code blocks hold text without a paragraph around it.
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::CodeBlock) => {
                let paragraph = std::mem::take(&mut text);
                let line = text_line.take();
                if !paragraph.trim().is_empty() {
                    pieces.push(Piece::Paragraph {
                        text: paragraph,
                        line,
                    });
                }
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
            // A hard break is a line break inside the paragraph; a soft break only wraps the
            // source: Chinese lines join without a space, Latin words keep one.
            Event::HardBreak if !in_metadata => text.push('\n'),
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
    Ok((front_matter, pieces))
}

/// The text of an HTML block, a paragraph per block element or line: tags removed, character
/// references decoded, comments, scripts and styles left out.
fn html_text(html: &str) -> Vec<String> {
    const BLOCK_TAGS: &[&str] = &[
        "p",
        "div",
        "br",
        "li",
        "tr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "section",
        "article",
        "blockquote",
        "table",
        "ul",
        "ol",
        "hr",
    ];
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    let mut rest = html;
    let mut skipping: Option<&str> = None;
    let flush = |current: &mut String, paragraphs: &mut Vec<String>| {
        let text = decode_entities(current.trim());
        if !text.is_empty() {
            paragraphs.push(text);
        }
        current.clear();
    };
    while !rest.is_empty() {
        if let Some(comment) = rest.strip_prefix("<!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        let tag_start = rest.strip_prefix('<').filter(|tail| {
            tail.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!')
        });
        if let Some(close) = tag_start.and_then(|tail| tail.find('>')) {
            let tag = &rest[1..1 + close];
            let end = close + 2;
            let closing = tag.starts_with('/');
            let tag_name: String = tag
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_ascii_lowercase();
            rest = &rest[end..];
            match skipping {
                Some(name) if closing && tag_name == name => skipping = None,
                Some(_) => {}
                None if !closing && (tag_name == "script" || tag_name == "style") => {
                    skipping = Some(if tag_name == "script" {
                        "script"
                    } else {
                        "style"
                    });
                }
                None if BLOCK_TAGS.contains(&tag_name.as_str()) => {
                    flush(&mut current, &mut paragraphs);
                }
                None => {}
            }
            continue;
        }
        let next = rest.find(['<', '\n']).unwrap_or(rest.len());
        let (chunk, tail) = if next == 0 {
            rest.split_at(1)
        } else {
            rest.split_at(next)
        };
        if skipping.is_none() {
            if chunk == "\n" {
                flush(&mut current, &mut paragraphs);
            } else {
                current.push_str(chunk);
            }
        }
        rest = tail;
    }
    flush(&mut current, &mut paragraphs);
    paragraphs
}

/// Decodes the character references of HTML text (`&amp;`, `&#20013;`, `&#x4E2D;`).
fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let end = tail.find(';').filter(|&i| i <= 10);
        let decoded = end.and_then(|end| {
            let name = &tail[1..end];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            }?;
            Some((c, end + 1))
        });
        match decoded {
            Some((c, length)) => {
                out.push(c);
                rest = &tail[length..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Reads the small YAML subset wengao writes: `key: "value"`, `key: value`, and lists of
/// strings. `first_line` is the line of the opening `---`; errors name the line they are on.
fn parse_front_matter(
    yaml: &str,
    name: &str,
    first_line: SourceLine,
    warnings: &mut Vec<Warning>,
) -> Result<FrontMatter, Error> {
    let mut meta = Meta::default();
    let mut punctuation_kept = false;
    let mut list_key: Option<String> = None;
    for (index, line) in yaml.lines().enumerate() {
        let line_number = first_line as usize + 1 + index;
        let bad = |message: String| Error::FrontMatter {
            path: name.to_string(),
            line: line_number,
            message,
        };
        let scalar = |raw: &str| -> Result<String, Error> {
            let raw = raw.trim();
            if raw.starts_with('"') {
                serde_json::from_str(raw)
                    .map_err(|e| bad(format!("the value {raw} is not a closed string ({e})")))
            } else {
                Ok(raw.trim_matches('\'').to_string())
            }
        };
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        if let Some(item) = line.trim_start().strip_prefix("- ") {
            match list_key.as_deref() {
                Some("title") => meta.title.push(scalar(item)?),
                Some(key) => warnings.push(Warning::at(
                    line_number,
                    WarningKind::Input,
                    format!("front matter list `{key}` is not used by wengao; left out"),
                )),
                None => return Err(bad("a list item without a key above it".into())),
            }
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            return Err(bad(format!(
                "{:?} is not `key: value` (write front matter as YAML key-value lines)",
                line.trim()
            )));
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
            "punctuation" if value == "kept" => punctuation_kept = true,
            _ => warnings.push(Warning::at(
                line_number,
                WarningKind::Input,
                format!("front matter key `{key}` is not used by wengao; left out"),
            )),
        }
    }
    Ok(FrontMatter {
        meta,
        punctuation_kept,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_blocks_keep_their_text() {
        assert_eq!(
            html_text(
                "<div>这段话</div>\n<p>第二段 &amp; <b>加粗</b></p><!-- 注释 --><script>x()</script>"
            ),
            vec!["这段话", "第二段 & 加粗"]
        );
    }

    #[test]
    fn unclosed_angle_brackets_are_text() {
        assert_eq!(html_text("<p>a < b 中</p>\n<中"), vec!["a < b 中", "<中"]);
    }

    #[test]
    fn entities_decode() {
        assert_eq!(
            decode_entities("&#20013;&#x6587;&lt;&bogus;"),
            "中文<&bogus;"
        );
    }
}

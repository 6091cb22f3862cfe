//! The Markdown reader. Markdown that wengao wrote (its front matter says `wengao-model: 1`)
//! reads back to the same model ([`structured`]); any other Markdown — notes, scraped pages,
//! a Markdown-shaped `.txt` — is read like a text whose paragraphs the Markdown parser
//! delimits and whose `#` headings are headings, their levels decided by their numbering.
//!
//! Nothing of the text is dropped: raw HTML keeps its text (tags removed, with a warning), a
//! `#` heading that is not the front matter's title is kept as a heading, and every heading
//! and paragraph carries the line it starts on.

mod front_matter;
mod html;
mod pieces;
mod structured;

pub use front_matter::MODEL_KEY;
pub use pieces::PARSER_OPTIONS;

use crate::error::{Error, Warning};
use crate::read::text::lines::{Hint, Line};
use crate::read::text::scraped::{self, Metadata};
use crate::read::text::{decode, read_pages};
use crate::read::{Input, Parsed, ReadOptions};
use front_matter::FrontMatter;
use pieces::{ParagraphKind, Piece};

/// Reads Markdown.
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
    let (front_matter, pieces) = pieces::parse(&source, &input.name, &mut warnings)?;
    if front_matter.is_wengao() {
        return structured::read(front_matter, pieces, &input.name, options, warnings);
    }
    let page = to_lines(&front_matter, pieces, &mut warnings);
    read_pages(vec![page], std::slice::from_ref(input), options, warnings)
}

/// Whether a text file's lines are Markdown (a pasted Markdown source): `#` headings, or a
/// heading and bold leads or list items.
///
/// ```
/// use wengao::read::markdown::looks_like_markdown;
/// assert!(looks_like_markdown("# 方案\n\n## 一、总体要求\n\n正文。\n"));
/// assert!(!looks_like_markdown("方案\n一、总体要求\n正文。\n"));
/// ```
pub fn looks_like_markdown(text: &str) -> bool {
    let heading = |line: &str| {
        let hashes = line.chars().take_while(|&c| c == '#').count();
        (1..=6).contains(&hashes) && line[hashes..].starts_with(' ')
    };
    let lines: Vec<&str> = text.lines().map(str::trim_start).collect();
    let headings = lines.iter().filter(|l| heading(l)).count();
    let marks = lines
        .iter()
        .filter(|l| l.starts_with("**") || l.starts_with("- ") || l.starts_with("> "))
        .count();
    headings >= 2 || (headings >= 1 && marks >= 1)
}

/// A Markdown text as the text reader's lines (for a Markdown-shaped `.txt`), and what its
/// front matter says.
pub fn lines(
    text: &str,
    name: &str,
    warnings: &mut Vec<Warning>,
) -> Result<(Vec<Line>, Metadata), Error> {
    let (front_matter, pieces) = pieces::parse(text, name, warnings)?;
    Ok(to_lines(&front_matter, pieces, warnings))
}

/// Pieces as lines: each paragraph a line (its hard breaks lines of their own), each heading
/// a line hinted as a heading, an ordered list's item with its number, a run-in heading
/// joined to the paragraph it leads.
fn to_lines(
    front_matter: &FrontMatter,
    pieces: Vec<Piece>,
    warnings: &mut Vec<Warning>,
) -> (Vec<Line>, Metadata) {
    let mut metadata = Metadata::default();
    for entry in &front_matter.entries {
        match scraped::FIELD_LABELS.iter().find(|l| **l == entry.key) {
            Some(label) => scraped::note_field(&mut metadata, label, &entry.value.text()),
            None => warnings.push(Warning::at(
                entry.line,
                crate::error::WarningKind::Input,
                format!(
                    "front matter key `{}` is not used by wengao; left out",
                    entry.key
                ),
            )),
        }
    }
    let mut lines: Vec<Line> = Vec::with_capacity(pieces.len());
    let mut pieces = pieces.into_iter().peekable();
    while let Some(piece) = pieces.next() {
        let (text, line, hint) = match piece {
            Piece::Heading {
                depth,
                text,
                attributes,
                line,
            } => {
                if attributes.run_in {
                    // The lead sentence and its paragraph are one paragraph of the text.
                    let rest = match pieces.next_if(Piece::is_paragraph) {
                        Some(Piece::Paragraph { text, .. }) => text,
                        _ => String::new(),
                    };
                    (format!("{text}{rest}"), line, Hint::None)
                } else {
                    (text, line, Hint::Heading(depth))
                }
            }
            Piece::Paragraph { text, kind, line } => {
                let text = match kind {
                    ParagraphKind::ListItem(Some(number)) => format!("{number}.{text}"),
                    _ => text,
                };
                (text, line, Hint::None)
            }
        };
        let number = line.map_or(0, |l| l as usize);
        for (index, part) in text.split('\n').enumerate() {
            let part = crate::read::text::space::trim(part);
            if part.is_empty() {
                continue;
            }
            lines.push(Line {
                number: number + index,
                text: part.to_string(),
                after_blank: index == 0,
                hint,
            });
        }
    }
    (lines, metadata)
}

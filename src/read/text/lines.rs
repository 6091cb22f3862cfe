//! Splitting decoded text into trimmed lines; CRLF, CR, U+3000, U+2002, NBSP and BOM handled.

use super::space::trim;

/// One non-blank input line with its 1-based line number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub number: usize,
    /// The line with surrounding white space (including U+3000 and NBSP) removed.
    pub text: String,
    /// Whether a blank line came before this one.
    pub after_blank: bool,
}

impl Line {
    /// A line that follows another line directly.
    pub fn new(number: usize, text: impl Into<String>) -> Self {
        Line {
            number,
            text: text.into(),
            after_blank: false,
        }
    }
}

/// Splits text into non-blank trimmed lines (CRLF, CR and LF all end a line).
///
/// ```
/// let lines = wengao::read::text::lines::split("　一、总体要求\r\n\r\n正文。\r");
/// assert_eq!(lines.len(), 2);
/// assert_eq!(lines[0].text, "一、总体要求");
/// assert_eq!(lines[1].number, 3);
/// ```
pub fn split(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut number = 0;
    let mut blank = false;
    let mut rest = text;
    while !rest.is_empty() {
        number += 1;
        let end = rest.find(['\n', '\r']).unwrap_or(rest.len());
        let line = &rest[..end];
        let mut next = end;
        if rest[end..].starts_with("\r\n") {
            next += 2;
        } else if end < rest.len() {
            next += 1;
        }
        rest = &rest[next..];
        let trimmed = trim(line);
        if trimmed.is_empty() {
            blank = true;
        } else {
            out.push(Line {
                number,
                text: trimmed.to_string(),
                after_blank: blank,
            });
            blank = false;
        }
    }
    out
}

/// Lines narrower than this many columns are not looked at to find a wrap width (headings,
/// short last lines of paragraphs).
const MIN_WRAPPED_COLUMNS: usize = 20;
/// Widest wrap width believed: a paragraph a line is wider.
const MAX_WRAP_COLUMNS: usize = 200;
/// A line ends "at the wrap width" within this many columns of the widest line.
const WRAP_SLACK_COLUMNS: usize = 4;
/// A line this close to the wrap width (columns) was wrapped, not ended (a wrap falls before a
/// word or a mark that would not fit).
const FULL_LINE_SLACK_COLUMNS: usize = 6;
/// At least this many lines end at the wrap width in a hard-wrapped text…
const MIN_WRAPPED_LINES: usize = 5;
/// …and at least this share of the lines (as a fraction: numerator, denominator).
const MIN_WRAPPED_SHARE: (usize, usize) = (2, 5);

/// Display width in columns: CJK and other wide characters 2, the rest 1.
fn columns(text: &str) -> usize {
    text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

/// The wrap width of a hard-wrapped text (many lines end within a few columns of the longest),
/// or `None` when lines are paragraphs.
pub fn wrap_width(lines: &[Line]) -> Option<usize> {
    let widths: Vec<usize> = lines
        .iter()
        .map(|l| columns(&l.text))
        .filter(|&w| w >= MIN_WRAPPED_COLUMNS)
        .collect();
    let widest = *widths.iter().max()?;
    let near = widths
        .iter()
        .filter(|&&w| w + WRAP_SLACK_COLUMNS >= widest)
        .count();
    let (share, of) = MIN_WRAPPED_SHARE;
    (widest <= MAX_WRAP_COLUMNS && near >= MIN_WRAPPED_LINES && near * of >= widths.len() * share)
        .then_some(widest)
}

/// Joins hard-wrapped lines back into paragraphs: a line that reaches the wrap width and does
/// not end a sentence continues on the next line unless that one starts a heading or item.
///
/// ```
/// use wengao::read::text::lines::{split, unwrap};
/// let text = "一、总体要求\n这是一段被网页按固定宽度折行的文字，折行处\n并不是段落的结束，而是同一段落的继续。\n".repeat(6);
/// let lines = unwrap(split(&text));
/// assert_eq!(lines[1].text, "这是一段被网页按固定宽度折行的文字，折行处并不是段落的结束，而是同一段落的继续。");
/// ```
pub fn unwrap(lines: Vec<Line>) -> Vec<Line> {
    let Some(width) = wrap_width(&lines) else {
        return lines;
    };
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    let mut continues = false;
    for line in lines {
        let starts_new = line.after_blank
            || crate::read::text::markers::parse(&line.text).is_some()
            || line.text.starts_with('—');
        let full = columns(&line.text) + FULL_LINE_SLACK_COLUMNS >= width;
        let ends_sentence = line
            .text
            .ends_with(['。', '！', '？', '：', '；', '”', '）', '…', '!', '?', ':']);
        match out.last_mut() {
            Some(previous) if continues && !starts_new => {
                let ascii_join = previous.text.ends_with(|c: char| c.is_ascii_alphanumeric())
                    && line.text.starts_with(|c: char| c.is_ascii_alphanumeric());
                if ascii_join {
                    previous.text.push(' ');
                }
                previous.text.push_str(&line.text);
            }
            _ => out.push(line.clone()),
        }
        continues = full && !ends_sentence;
    }
    out
}

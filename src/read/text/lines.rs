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
    /// What the source's markup said the line is (a Markdown heading, a bold lead).
    pub hint: Hint,
}

/// What the source's markup said a line is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Hint {
    #[default]
    None,
    /// A heading of this depth (`#` is 1): the line is a heading whatever its words.
    Heading(u8),
}

impl Line {
    /// A line that follows another line directly.
    pub fn new(number: usize, text: impl Into<String>) -> Self {
        Line {
            number,
            text: text.into(),
            after_blank: false,
            hint: Hint::None,
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
                hint: Hint::None,
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
/// Lines stopped mid-sentence end within this many columns of the wrap width.
const WRAP_SLACK_COLUMNS: usize = 6;
/// …at least this share of the open lines (numerator, denominator): short open lines
/// (answer options, flattened table rows, headings) may outnumber the wrapped ones…
const MIN_CLUSTERED_SHARE: (usize, usize) = (1, 4);
/// A line this many columns wider than the wrap width was not wrapped there…
const OVERLONG_COLUMNS: usize = 12;
/// …and in a wrapped text at most this share of the long lines are (numerator, denominator).
const MAX_OVERLONG_SHARE: (usize, usize) = (1, 10);
/// A line this close to the wrap width (columns) was wrapped, not ended (a wrap falls before a
/// word or a mark that would not fit).
const FULL_LINE_SLACK_COLUMNS: usize = 6;
/// At least this many long lines stop mid-sentence in a hard-wrapped text…
const MIN_WRAPPED_LINES: usize = 5;
/// …and at least this share of the long lines (as a fraction: numerator, denominator).
const MIN_WRAPPED_SHARE: (usize, usize) = (1, 5);

/// Display width in columns: CJK and other wide characters 2, the rest 1.
fn columns(text: &str) -> usize {
    // By bytes: an ASCII byte is one column, the lead byte of any other character two.
    text.bytes()
        .map(|b| usize::from(b < 0x80) + 2 * usize::from(b >= 0xC0))
        .sum()
}

/// Whether `text` is at least `wanted` columns wide, counted only when its length in bytes
/// does not tell: a character of n bytes is 1 column (ASCII) or 2 (n ≥ 2), so the columns lie
/// between half the bytes and the bytes.
fn at_least_columns(text: &str, wanted: usize) -> bool {
    let bytes = text.len();
    if bytes >= 2 * wanted {
        true
    } else if bytes < wanted {
        false
    } else {
        columns(text) >= wanted
    }
}

/// The wrap width of a hard-wrapped text, or `None` when lines are paragraphs. In a wrapped
/// text most long lines stop mid-sentence, and those stops cluster around one width (a PDF's
/// line, a web page's column); the width is the middle of that pile. Lines that end a clause
/// are left out (a paragraph's last line); short open lines (options, table rows, headings)
/// may be many, but they spread below the pile.
pub fn wrap_width(lines: &[Line]) -> Option<usize> {
    let long = lines
        .iter()
        .filter(|l| at_least_columns(&l.text, MIN_WRAPPED_COLUMNS))
        .count();
    // Headings stop without punctuation too, but they start with a marker.
    let mut open: Vec<usize> = lines
        .iter()
        .filter(|l| {
            !ends_clause(&l.text)
                && at_least_columns(&l.text, MIN_WRAPPED_COLUMNS)
                && crate::read::text::markers::parse(&l.text).is_none()
        })
        .map(|l| columns(&l.text))
        .collect();
    let (share, of) = MIN_WRAPPED_SHARE;
    if open.len() < MIN_WRAPPED_LINES || open.len() * of < long * share {
        return None;
    }
    open.sort_unstable();
    // The wrap width is where the open lines pile up: the window of WRAP_SLACK_COLUMNS
    // holding the most of them (the wider on a tie), and its median.
    let mut best = (0, 0);
    let mut low = 0;
    for high in 0..open.len() {
        while open[high] - open[low] > WRAP_SLACK_COLUMNS {
            low += 1;
        }
        if high + 1 - low >= best.1 {
            best = (low, high + 1 - low);
        }
    }
    let (first, near) = best;
    let width = open[first + near / 2];
    // In a wrapped text no line is much wider than the wrap; paragraphs written on one line
    // each are.
    let overlong = lines
        .iter()
        .filter(|l| at_least_columns(&l.text, width + OVERLONG_COLUMNS + 1))
        .count();
    let (clustered, of) = MIN_CLUSTERED_SHARE;
    let (most_overlong, overlong_of) = MAX_OVERLONG_SHARE;
    (width <= MAX_WRAP_COLUMNS
        && near * of >= open.len() * clustered
        && overlong * overlong_of <= long * most_overlong)
        .then_some(width)
}

/// Joins hard-wrapped lines back into paragraphs (text copied from a PDF or a fixed-width web
/// page): a line that reaches the wrap width and does not end a sentence continues on the next
/// line. The next line starts a paragraph of its own only when it starts a heading or item and
/// the line before ended a clause; a blank line between two halves of a sentence (a page break
/// in a PDF) does not end the paragraph.
///
/// ```
/// use wengao::read::text::lines::{split, unwrap};
/// let text = "一、总体要求\n这是一段被网页按固定宽度折行的文字，折行处\n并不是段落的结束，而是同一段落的继续。\n".repeat(6);
/// let lines = unwrap(split(&text));
/// assert_eq!(lines[1].text, "这是一段被网页按固定宽度折行的文字，折行处并不是段落的结束，而是同一段落的继续。");
/// ```
pub fn unwrap(lines: Vec<Line>) -> Vec<Line> {
    let width = wrap_width(&lines);
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    // Whether the last line kept reaches the wrap width without ending a sentence.
    let mut continues = false;
    for line in lines {
        let starts_item =
            crate::read::text::markers::parse(&line.text).is_some() || line.text.starts_with('—');
        let reaches_width = width.is_some_and(|width| reaches(&line.text, width));
        let ends = ends_clause(&line.text);
        let ends_on_comma = ends_in_a_pause(&line.text);
        match out.last_mut() {
            Some(previous) if continues && (!starts_item || ends_in_a_pause(&previous.text)) => {
                let ascii_join = previous.text.ends_with(|c: char| c.is_ascii_alphanumeric())
                    && line.text.starts_with(|c: char| c.is_ascii_alphanumeric());
                if ascii_join {
                    previous.text.push(' ');
                }
                previous.text.push_str(&line.text);
            }
            _ => out.push(line),
        }
        // A line that stops on a comma (or 、 or an opening bracket) stops mid-sentence
        // whatever its length: the next line goes on with it.
        continues = (reaches_width && !ends) || ends_on_comma;
    }
    out
}

/// Whether a line reaches the wrap width (it was wrapped, not ended, if it stops mid-sentence).
pub fn reaches(text: &str, width: usize) -> bool {
    columns(text) + FULL_LINE_SLACK_COLUMNS >= width
}

/// Whether a line ends a sentence or a clause that may end a paragraph.
fn ends_clause(text: &str) -> bool {
    text.ends_with(['。', '！', '？', '：', '；', '”', '）', '…', '!', '?', ':'])
}

/// Whether a line ends inside an enumeration or a clause ("，一、" before "二、三产业"): what
/// follows continues the sentence even if it starts like a heading.
fn ends_in_a_pause(text: &str) -> bool {
    text.ends_with(['，', '、', ',', '（', '“'])
}

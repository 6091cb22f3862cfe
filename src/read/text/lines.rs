//! Splitting decoded text into trimmed lines; CRLF, CR, U+3000, U+2002, NBSP and BOM handled.

/// One non-blank input line with its 1-based line number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub number: usize,
    /// The line with surrounding white space (including U+3000 and NBSP) removed.
    pub text: String,
}

/// True for every character that counts as white space in Chinese web text.
pub fn is_space(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{3000}' | '\u{2002}' | '\u{2003}' | '\u{a0}' | '\u{feff}' | '\u{200b}'
        )
}

/// Trims Chinese white space from both ends.
pub fn trim(text: &str) -> &str {
    text.trim_matches(is_space)
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
        if !trimmed.is_empty() {
            out.push(Line {
                number,
                text: trimmed.to_string(),
            });
        }
    }
    out
}

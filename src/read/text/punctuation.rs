//! Half-width punctuation between Chinese characters becomes full-width (GB/T 15834).

use crate::model::is_han;

/// True for Han characters and full-width CJK punctuation.
fn is_cjk(c: char) -> bool {
    is_han(c)
        || matches!(c as u32, 0x3000..=0x303F | 0xFF00..=0xFFEF | 0x2018..=0x201D | 0x2014 | 0x2026)
}

/// Converts , ; : ! ? ( ) and paired " " next to Chinese text to their full-width forms;
/// digits and Latin words keep ASCII punctuation.
///
/// ```
/// use wengao::read::text::punctuation::to_full_width;
/// assert_eq!(to_full_width("第三,要解决好问题:抓落实!"), "第三，要解决好问题：抓落实！");
/// assert_eq!(to_full_width("增长3.5%, Times New Roman, 12"), "增长3.5%, Times New Roman, 12");
/// assert_eq!(to_full_width("发扬\"三事精神\"(见附件)"), "发扬“三事精神”（见附件）");
/// ```
pub fn to_full_width(text: &str) -> String {
    if !has_ascii_punctuation(text) {
        return text.to_string();
    }
    let mut current = text.to_string();
    // A conversion can make a neighbour convertible (",," → "，,"): repeat while a mark next
    // to a converted one is still ASCII, so that normalising twice gives the same text
    // (Markdown written by wengao reads back alike).
    loop {
        let (next, again) = convert_once(&current);
        current = next;
        if !again {
            return current;
        }
    }
}

fn is_ascii_mark(c: char) -> bool {
    matches!(c, ',' | ';' | ':' | '!' | '?' | '(' | ')' | '"')
}

fn has_ascii_punctuation(text: &str) -> bool {
    text.bytes()
        .any(|b| matches!(b, b',' | b';' | b':' | b'!' | b'?' | b'(' | b')' | b'"'))
}

/// One pass of conversion; also whether another pass could change more (an ASCII mark left
/// next to one this pass converted). Only the ASCII marks are looked at: the rest of the text
/// is copied as it is.
fn convert_once(text: &str) -> (String, bool) {
    let bytes = text.as_bytes();
    let marks: Vec<usize> = (0..bytes.len())
        .filter(|&at| is_ascii_mark(bytes[at] as char))
        .collect();
    if marks.is_empty() {
        return (text.to_string(), false);
    }
    let before = |at: usize| text[..at].chars().next_back();
    let before_that = |at: usize| text[..at].chars().rev().nth(1);
    let after = |at: usize| text[at + 1..].chars().next();
    let mut full: Vec<Option<char>> = vec![None; marks.len()];
    for (slot, &at) in marks.iter().enumerate() {
        let wide = match bytes[at] {
            b',' => '，',
            b';' => '；',
            b':' => '：',
            b'!' => '！',
            b'?' => '？',
            _ => continue,
        };
        // After Chinese text, unless it separates two numbers ("1,2") or sits before Latin text
        // that follows Latin text; before Chinese text when preceded by the end of a clause.
        let prev_cjk = before(at).is_some_and(is_cjk);
        let next_is_latin = after(at).is_some_and(|c| c.is_ascii_alphanumeric());
        let next_cjk = after(at).is_some_and(is_cjk);
        let after_chinese = prev_cjk
            && !(next_is_latin && before_that(at).is_some_and(|c| c.is_ascii_alphanumeric()));
        let prev_not_alnum = before(at).is_some_and(|c| !c.is_ascii_alphanumeric());
        if after_chinese || (next_cjk && prev_not_alnum) {
            full[slot] = Some(wide);
        }
    }
    // "(…)" whose content holds Chinese becomes "（…）"; paired quotes around Chinese "“…”".
    let holds_han = |from: usize, to: usize| text[from + 1..to].chars().any(is_han);
    let mut open = Vec::new();
    let mut quote: Option<usize> = None;
    for (slot, &at) in marks.iter().enumerate() {
        match bytes[at] {
            b'(' => open.push(slot),
            b')' => {
                if let Some(start) = open.pop()
                    && holds_han(marks[start], at)
                {
                    full[start] = Some('（');
                    full[slot] = Some('）');
                }
            }
            b'"' => match quote.take() {
                None => quote = Some(slot),
                Some(start) => {
                    if holds_han(marks[start], at) {
                        full[start] = Some('“');
                        full[slot] = Some('”');
                    }
                }
            },
            _ => {}
        }
    }
    let mut out = String::with_capacity(text.len() + 2 * marks.len());
    let mut copied = 0;
    for (slot, &at) in marks.iter().enumerate() {
        if let Some(wide) = full[slot] {
            out.push_str(&text[copied..at]);
            out.push(wide);
            copied = at + 1;
        }
    }
    out.push_str(&text[copied..]);
    // A mark left ASCII right next to a converted one may convert on another pass.
    let again = (0..marks.len()).any(|slot| {
        full[slot].is_none()
            && ((slot > 0 && marks[slot - 1] + 1 == marks[slot] && full[slot - 1].is_some())
                || (slot + 1 < marks.len()
                    && marks[slot] + 1 == marks[slot + 1]
                    && full[slot + 1].is_some()))
    });
    (out, again)
}

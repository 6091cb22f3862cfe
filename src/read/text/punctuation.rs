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
    let mut current = text.to_string();
    // A conversion can make a neighbour convertible (",," → "，,"): repeat until stable, so
    // that normalising twice gives the same text (Markdown written by wengao reads back alike).
    loop {
        if !has_ascii_punctuation(&current) {
            return current;
        }
        let next = convert_once(&current);
        if next == current {
            return current;
        }
        current = next;
    }
}

fn has_ascii_punctuation(text: &str) -> bool {
    text.bytes()
        .any(|b| matches!(b, b',' | b';' | b':' | b'!' | b'?' | b'(' | b')' | b'"'))
}

fn convert_once(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out: Vec<char> = chars.clone();
    let prev_cjk = |i: usize| i > 0 && is_cjk(chars[i - 1]);
    let next_is_latin = |i: usize| chars.get(i + 1).is_some_and(|c| c.is_ascii_alphanumeric());
    let next_cjk = |i: usize| chars.get(i + 1).is_some_and(|&c| is_cjk(c));
    for i in 0..chars.len() {
        let full = match chars[i] {
            ',' => '，',
            ';' => '；',
            ':' => '：',
            '!' => '！',
            '?' => '？',
            _ => continue,
        };
        // After Chinese text, unless it separates two numbers ("1,2") or sits before Latin text
        // that follows Latin text; before Chinese text when preceded by the end of a clause.
        let after_chinese =
            prev_cjk(i) && !(next_is_latin(i) && i >= 2 && chars[i - 2].is_ascii_alphanumeric());
        if after_chinese || (next_cjk(i) && i > 0 && !chars[i - 1].is_ascii_alphanumeric()) {
            out[i] = full;
        }
    }
    pair_brackets(&chars, &mut out, '(', ')', '（', '）');
    pair_quotes(&chars, &mut out);
    out.into_iter().collect()
}

/// "(…)" whose content holds Chinese becomes "（…）".
fn pair_brackets(
    chars: &[char],
    out: &mut [char],
    open: char,
    close: char,
    full_open: char,
    full_close: char,
) {
    let mut stack = Vec::new();
    for i in 0..chars.len() {
        if chars[i] == open {
            stack.push(i);
        } else if chars[i] == close
            && let Some(start) = stack.pop()
            && chars[start + 1..i].iter().any(|&c| is_han(c))
        {
            out[start] = full_open;
            out[i] = full_close;
        }
    }
}

/// Paired ASCII double quotes around Chinese text become “ ”.
fn pair_quotes(chars: &[char], out: &mut [char]) {
    let positions: Vec<usize> = (0..chars.len()).filter(|&i| chars[i] == '"').collect();
    for pair in positions.chunks_exact(2) {
        let (start, end) = (pair[0], pair[1]);
        if chars[start + 1..end].iter().any(|&c| is_han(c)) {
            out[start] = '“';
            out[end] = '”';
        }
    }
}

//! Paragraphs run together: a page that lost its line breaks keeps its paragraphs on one line
//! (or a few very long ones), separated only by white space. Split them where a paragraph
//! must end, and join what a physical line break cut in the middle of a sentence.

use super::lines::Line;
use super::markers;
use super::space::is_space;

/// A line at least this long (characters) may hold several paragraphs.
const MIN_RUN_ON_CHARS: usize = 200;
/// A run-on line has at least this many gaps between Chinese text…
const MIN_GAPS: usize = 2;
/// …and at least one for every this many characters (paragraphs are rarely longer).
const CHARS_PER_GAP: usize = 400;
/// Longest segment still taken for a heading or title that ends without punctuation.
const MAX_HEADING_SEGMENT_CHARS: usize = 60;

/// Whether a character is Chinese text or full-width punctuation (not a Latin letter, digit or
/// space), the kind of character on both sides of a paragraph gap.
fn is_wide(c: char) -> bool {
    !c.is_ascii() && !is_space(c)
}

/// Byte ranges of the gaps (white-space runs) in `text` that separate paragraphs: between two
/// Chinese characters or marks, or before a date ("…委员会 2025年1月10日").
fn gaps(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut run_start: Option<usize> = None;
    let mut previous: Option<char> = None;
    for (at, c) in text.char_indices() {
        if is_space(c) {
            run_start.get_or_insert(at);
            continue;
        }
        if let Some(start) = run_start.take() {
            let before = previous.is_some_and(is_wide);
            let starts_date = text[at..]
                .chars()
                .take(5)
                .collect::<String>()
                .ends_with('年')
                && c.is_ascii_digit();
            if before && (is_wide(c) || starts_date) {
                out.push((start, at));
            }
        }
        previous = Some(c);
    }
    out
}

/// Whether a segment can end a paragraph: it ends a sentence or a clause, or it is a heading
/// or title line (short, or led by a marker) that ends without punctuation.
fn ends_paragraph(segment: &str) -> bool {
    segment.ends_with(['。', '！', '？', '：', '；', '”', '）', '…', '!', '?', ':'])
        || (markers::parse(segment).is_some()
            && segment.chars().count() <= MAX_HEADING_SEGMENT_CHARS)
}

/// Splits run-together paragraphs into lines of their own and rejoins sentences a physical
/// line break cut. Texts with ordinary lines are returned as they are.
///
/// ```
/// use wengao::read::text::{lines::split, runon::split_run_together};
/// let text = format!("报告  市人民政府： {}现将有关情况报告如下。 一、工作情况 这一年，{}", "正文".repeat(60), "我们".repeat(60));
/// let lines = split_run_together(split(&text));
/// let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
/// assert_eq!(texts[0], "报告");
/// assert_eq!(texts[1], "市人民政府：");
/// assert_eq!(texts[3], "一、工作情况");
/// ```
pub fn split_run_together(lines: Vec<Line>) -> Vec<Line> {
    let is_run_on = |line: &Line| {
        // Bytes bound characters from above: a short line is not counted.
        if line.text.len() < MIN_RUN_ON_CHARS {
            return false;
        }
        let chars = line.text.chars().count();
        chars >= MIN_RUN_ON_CHARS && gaps(&line.text).len() >= MIN_GAPS.max(chars / CHARS_PER_GAP)
    };
    // The text lost its line breaks when run-on lines hold most of it; a long paragraph with
    // a stray space or two among ordinary lines is left alone.
    let total: usize = lines.iter().map(|l| l.text.len()).sum();
    let run_on_lines: Vec<bool> = lines.iter().map(is_run_on).collect();
    let run_on: usize = lines
        .iter()
        .zip(&run_on_lines)
        .filter(|(_, run_on)| **run_on)
        .map(|(l, _)| l.text.len())
        .sum();
    if run_on == 0 || run_on * 2 < total {
        return lines;
    }
    let mut out: Vec<Line> = Vec::with_capacity(lines.len() * 8);
    let mut previous_run_on = false;
    for (line, this_run_on) in lines.into_iter().zip(run_on_lines) {
        // In a text that lost its breaks, any line with gaps holds several paragraphs (the
        // short last line "特此报告。  X区人民政府  2025年3月18日" too).
        if gaps(&line.text).is_empty() {
            previous_run_on = false;
            out.push(line);
            continue;
        }
        let mut start = 0;
        let mut segments = Vec::new();
        for (gap_start, gap_end) in gaps(&line.text) {
            segments.push(&line.text[start..gap_start]);
            start = gap_end;
        }
        segments.push(&line.text[start..]);
        for (index, segment) in segments.into_iter().enumerate() {
            let segment = segment.trim_matches(is_space);
            if segment.is_empty() {
                continue;
            }
            // A physical line break in the middle of a sentence joins the halves.
            let continues = index == 0
                && previous_run_on
                && out
                    .last()
                    .is_some_and(|previous| !ends_paragraph(&previous.text))
                && markers::parse(segment).is_none();
            match out.last_mut() {
                Some(previous) if continues => previous.text.push_str(segment),
                _ => out.push(Line {
                    text: segment.to_string(),
                    after_blank: index > 0 || line.after_blank,
                    ..line.clone()
                }),
            }
        }
        previous_run_on = this_run_on;
    }
    out
}

/// Splits a chapter heading from the article run onto its line ("第一章　总则　　第一条 　为规范…"):
/// a 第X章 (or 第X部分, 第X节) heading, a gap of two or more spaces, then 第X条 or another
/// marker. Other lines are returned as they are.
///
/// ```
/// use wengao::read::text::{lines::split, runon::split_fused_headings};
/// let lines = split_fused_headings(split("第一章　总则　　第一条 　为规范管理，制定本办法。\n"));
/// assert_eq!(lines[0].text, "第一章　总则");
/// assert_eq!(lines[1].text, "第一条 　为规范管理，制定本办法。");
/// ```
pub fn split_fused_headings(lines: Vec<Line>) -> Vec<Line> {
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        match fused_heading_end(&line.text) {
            Some((heading_end, rest_start)) => {
                let rest = line.text[rest_start..].to_string();
                let mut heading = line.clone();
                heading.text.truncate(heading_end);
                out.push(heading);
                out.push(Line { text: rest, ..line });
            }
            None => out.push(line),
        }
    }
    out
}

/// Where a fused chapter heading ends and the text after its gap starts.
fn fused_heading_end(text: &str) -> Option<(usize, usize)> {
    let (marker, _) = markers::parse(text)?;
    if !matches!(
        marker.family,
        crate::model::Family::Part | crate::model::Family::Chapter | crate::model::Family::Section
    ) {
        return None;
    }
    let mut spaces = 0;
    let mut gap_start = None;
    for (at, c) in text.char_indices() {
        if is_space(c) {
            gap_start.get_or_insert(at);
            spaces += 1;
            continue;
        }
        if let Some(start) = gap_start.take() {
            let rest = &text[at..];
            let numerals = rest
                .chars()
                .skip(1)
                .take_while(|c| "一二三四五六七八九十百零〇".contains(*c))
                .count();
            let starts_article = rest.starts_with('第')
                && numerals > 0
                && rest.chars().nth(1 + numerals) == Some('条');
            if spaces >= 2
                && (starts_article || markers::parse(rest).is_some())
                && start > marker.text.len()
            {
                return Some((start, at));
            }
        }
        spaces = 0;
        if text[..at].chars().count() > MAX_HEADING_SEGMENT_CHARS {
            return None;
        }
    }
    None
}

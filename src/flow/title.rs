//! The one title breaker: a long title in lines of sensible length, balanced as a trapezoid
//! (上短下长) or a diamond (中长), never inside a word, never with a mark at a line's start.
//!
//! Word boundaries come from ICU's dictionary segmenter (Chinese has no spaces); line-start
//! and line-end marks from [`super::linebreak`]. Every writer prints the lines this returns.

use icu_segmenter::WordSegmenter;
use icu_segmenter::options::WordBreakInvariantOptions;

use super::linebreak::{forbidden_at_line_end, forbidden_at_line_start};

/// Width of `text` in full-width characters, as the page sets it: ASCII counts half, and a
/// quarter-character gap separates Chinese from Latin letters and digits.
pub fn width(text: &str) -> f32 {
    let chars: Vec<char> = text.chars().collect();
    let prefix = widths(&chars);
    line_width(&prefix, &chars, 0, chars.len())
}

fn char_width(c: char) -> f32 {
    if c.is_ascii() { 0.5 } else { 1.0 }
}

/// The gap before `chars[i]`: a quarter character between Chinese and Latin letters or digits.
fn gap_before(chars: &[char], i: usize) -> f32 {
    let latin = |c: char| c.is_ascii_alphanumeric();
    let han = |c: char| crate::model::is_han(c);
    match (i.checked_sub(1).map(|p| chars[p]), chars.get(i)) {
        (Some(a), Some(&b)) if (han(a) && latin(b)) || (latin(a) && han(b)) => HAN_LATIN_GAP,
        _ => 0.0,
    }
}

/// Space between Chinese and Latin, in characters (the layout's quarter em).
const HAN_LATIN_GAP: f32 = 0.25;

/// Running widths: `prefix[i]` is the width of `chars[..i]` with its gaps.
fn widths(chars: &[char]) -> Vec<f32> {
    let mut prefix = vec![0.0f32; chars.len() + 1];
    for (i, &c) in chars.iter().enumerate() {
        prefix[i + 1] = prefix[i] + char_width(c) + gap_before(chars, i);
    }
    prefix
}

/// The width of `chars[start..end]` set as a line (no gap before its first character).
fn line_width(prefix: &[f32], chars: &[char], start: usize, end: usize) -> f32 {
    prefix[end]
        - prefix[start]
        - if start < end {
            gap_before(chars, start)
        } else {
            0.0
        }
}

/// Characters after which a title line ends well (particles, conjunctions, 暨, a pause).
const GOOD_LINE_ENDS: &str = "的上中下与和及暨、，：；）》”";
/// One-character words that end a phrase: a line may end after them.
const PHRASE_END_PARTICLES: &str = "的和与及暨并或之";
/// Words a title line begins well with (and may begin with though they are one character).
const GOOD_LINE_STARTS: &[&str] = &["关于", "在", "暨", "对", "为", "向"];
/// Cost of a break that is a word boundary but splits a likely compound (two two-character
/// words in a row, "营商|环境"): allowed, avoided when another break balances as well.
const COMPOUND_SPLIT_COST: f32 = 1.5;
/// Bonus for a break after a particle or before 关于 (negative cost).
const GOOD_BREAK_BONUS: f32 = 1.0;
/// Cost per character by which an upper line is longer than the line under it (a title
/// narrows downwards only in a diamond's lower half).
const INVERTED_SHAPE_COST: f32 = 2.0;
/// Cost of a break inside a word, used only when no word boundary fits.
const INSIDE_WORD_COST: f32 = 1000.0;

/// How good a break before character `i` is, or `None` where no line may break.
#[derive(Debug, Clone, Copy)]
struct BreakPoint {
    cost: f32,
}

/// The break points of a title: before each character, a cost or `None`.
///
/// ICU's dictionary knows common words; a word it does not know comes out as single
/// characters ("优|化|营|商"). So a line breaks only between two words of two or more
/// characters, next to punctuation, Latin or digits, after a particle (的, 和, 暨) or before
/// a word a title line begins with (关于, 在): never next to a lone character, which may be a
/// piece of an unknown word.
fn break_points(chars: &[char], title: &str) -> Vec<Option<BreakPoint>> {
    let mut word_start = vec![false; chars.len() + 1];
    let byte_to_char: std::collections::HashMap<usize, usize> = title
        .char_indices()
        .enumerate()
        .map(|(char_index, (byte, _))| (byte, char_index))
        .chain(std::iter::once((title.len(), chars.len())))
        .collect();
    let segmenter = WordSegmenter::new_dictionary(WordBreakInvariantOptions::default());
    for byte in segmenter.segment_str(title) {
        if let Some(&index) = byte_to_char.get(&byte) {
            word_start[index] = true;
        }
    }
    // Lengths of the words around each boundary.
    let boundaries: Vec<usize> = (0..=chars.len()).filter(|&i| word_start[i]).collect();
    let mut word_before = vec![(0usize, 0usize); chars.len() + 1];
    let mut word_after = vec![(0usize, 0usize); chars.len() + 1];
    for pair in boundaries.windows(2) {
        word_after[pair[0]] = (pair[0], pair[1]);
        word_before[pair[1]] = (pair[0], pair[1]);
    }
    let han = |c: char| crate::model::is_han(c);
    // A word a line may end after: two or more characters, not Chinese, or a particle.
    let ends_phrase = |(start, end): (usize, usize)| {
        end - start >= 2 || !han(chars[start]) || PHRASE_END_PARTICLES.contains(chars[start])
    };
    // A word a line may begin with.
    let begins_phrase = |(start, end): (usize, usize)| {
        let word: String = chars[start..end].iter().collect();
        end - start >= 2 || !han(chars[start]) || GOOD_LINE_STARTS.contains(&word.as_str())
    };
    (0..=chars.len())
        .map(|i| {
            if i == 0 || i == chars.len() {
                return Some(BreakPoint { cost: 0.0 });
            }
            if forbidden_at_line_start(chars[i]) || forbidden_at_line_end(chars[i - 1]) {
                return None;
            }
            // —— and …… stay whole.
            if chars[i] == chars[i - 1] && "—…".contains(chars[i]) {
                return None;
            }
            let between_words =
                word_start[i] && ends_phrase(word_before[i]) && begins_phrase(word_after[i]);
            let mut cost = if between_words { 0.0 } else { INSIDE_WORD_COST };
            let two_and_two = |(start, end): (usize, usize)| end - start == 2 && han(chars[start]);
            if between_words && two_and_two(word_before[i]) && two_and_two(word_after[i]) {
                cost += COMPOUND_SPLIT_COST;
            }
            if GOOD_LINE_ENDS.contains(chars[i - 1]) {
                cost -= GOOD_BREAK_BONUS;
            }
            let rest: String = chars[i..].iter().take(2).collect();
            if GOOD_LINE_STARTS.iter().any(|w| rest.starts_with(w)) {
                cost -= GOOD_BREAK_BONUS;
            }
            Some(BreakPoint { cost })
        })
        .collect()
}

/// Splits a title into lines of at most `max_width` full-width characters: as few lines as
/// fit, as even as possible, shaped as a trapezoid or a diamond, breaking between words. The
/// lines concatenate to `title`.
///
/// ```
/// use wengao::flow::title::break_title;
/// let title = "在全市深化干部作风整顿暨优化营商环境工作推进大会上的讲话";
/// let lines = break_title(title, 20.0);
/// assert_eq!(lines.concat(), title);
/// assert_eq!(lines.len(), 2);
/// assert!(!lines[1].starts_with('境'));
/// ```
pub fn break_title(title: &str, max_width: f32) -> Vec<String> {
    let chars: Vec<char> = title.chars().collect();
    let total = width(title);
    if total <= max_width || chars.len() < 2 || max_width <= 0.0 {
        return vec![title.to_string()];
    }
    let points = break_points(&chars, title);
    let prefix = widths(&chars);
    let fewest = (total / max_width).ceil() as usize;
    for lines in fewest..=chars.len() {
        if let Some(ends) = best_split(&chars, &points, &prefix, lines, max_width) {
            let mut out = Vec::with_capacity(lines);
            let mut start = 0;
            for end in ends {
                out.push(chars[start..end].iter().collect());
                start = end;
            }
            return out;
        }
    }
    vec![title.to_string()]
}

/// The line ends of the cheapest split into `lines` lines no wider than `max_width`, by
/// dynamic programming over the break points.
fn best_split(
    chars: &[char],
    points: &[Option<BreakPoint>],
    prefix: &[f32],
    lines: usize,
    max_width: f32,
) -> Option<Vec<usize>> {
    let n = points.len() - 1;
    let target = prefix[n] / lines as f32;
    // cost[k][i]: the cheapest k lines covering chars[..i]; from[k][i]: where the k-th began;
    // width[k][i]: the width of that k-th line (for the shape of the next one).
    let mut cost = vec![vec![f32::INFINITY; n + 1]; lines + 1];
    let mut from = vec![vec![0usize; n + 1]; lines + 1];
    let mut last_width = vec![vec![0.0f32; n + 1]; lines + 1];
    cost[0][0] = 0.0;
    for k in 1..=lines {
        for end in 1..=n {
            let Some(point) = points[end] else { continue };
            for start in (0..end).rev() {
                let line_width = line_width(prefix, chars, start, end);
                if line_width > max_width + 1e-3 {
                    break;
                }
                if !cost[k - 1][start].is_finite() {
                    continue;
                }
                let mut line_cost = (line_width - target).powi(2) + point.cost;
                if k > 1 {
                    let above = last_width[k - 1][start];
                    // Narrowing downwards is allowed only under a diamond's widest line.
                    let lower_half = k as f32 > (lines as f32 + 1.0) / 2.0;
                    if above > line_width + 0.5 && !(lines >= 3 && lower_half) {
                        line_cost += (above - line_width) * INVERTED_SHAPE_COST;
                    }
                }
                let total = cost[k - 1][start] + line_cost;
                if total < cost[k][end] {
                    cost[k][end] = total;
                    from[k][end] = start;
                    last_width[k][end] = line_width;
                }
            }
        }
    }
    if !cost[lines][n].is_finite() {
        return None;
    }
    let mut ends = vec![n];
    let mut at = n;
    for k in (2..=lines).rev() {
        at = from[k][at];
        ends.push(at);
    }
    ends.reverse();
    Some(ends)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(title: &str, max: f32) -> Vec<String> {
        let lines = break_title(title, max);
        assert_eq!(lines.concat(), title);
        for line in &lines {
            assert!(width(line) <= max, "{lines:?}");
            let first = line.chars().next().unwrap();
            assert!(!forbidden_at_line_start(first), "{lines:?}");
        }
        lines
    }

    #[test]
    fn short_titles_stay_on_one_line() {
        assert_eq!(check("在大会上的讲话", 20.0), vec!["在大会上的讲话"]);
    }

    #[test]
    fn the_issue_title_breaks_between_words_evenly() {
        let title = "在全市深化干部作风整顿暨优化营商环境工作推进大会上的讲话稿件征求意见稿";
        let lines = check(title, 20.0);
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(
            (width(&lines[0]) - width(&lines[1])).abs() <= 4.0,
            "{lines:?}"
        );
        for broken in ["营商环", "环境工作推进大会上的讲话稿件征"] {
            assert!(!lines[0].ends_with(broken), "{lines:?}");
        }
        assert!(!lines[1].starts_with('境'), "{lines:?}");
    }

    #[test]
    fn two_lines_are_a_trapezoid_not_an_inverted_one() {
        let title = "在全市深化干部作风整顿暨优化营商环境工作推进大会上的讲话";
        let lines = check(title, 20.0);
        assert!(width(&lines[0]) <= width(&lines[1]) + 1.0, "{lines:?}");
    }

    #[test]
    fn very_long_titles_take_three_lines() {
        let title = "关于进一步加强和改进新时代机关党的建设推动全面从严治党向纵深发展以及深化作风建设的实施意见";
        let lines = check(title, 20.0);
        assert_eq!(lines.len(), 3, "{lines:?}");
    }

    #[test]
    fn words_are_not_split() {
        let title = "坚持以人民为中心深入推进作风建设和营商环境优化";
        let lines = check(title, 20.0);
        assert_eq!(lines.len(), 2);
        for split in ["深入推", "作风建", "营商环"] {
            assert!(!lines[0].ends_with(split), "{lines:?}");
        }
    }

    #[test]
    fn numbers_and_book_titles_stay_whole() {
        let title = "在2024年全市经济工作会议暨优化营商环境大会上的讲话稿件文本";
        for line in check(title, 12.0) {
            assert!(!line.starts_with(|c: char| c.is_ascii_digit()) || line.starts_with("2024"));
        }
        let title = "X市人民政府办公室关于印发《X市优化营商环境三年行动方案》的通知";
        let lines = check(title, 20.0);
        assert!(!lines.iter().any(|l| l.ends_with('《')), "{lines:?}");
    }
}

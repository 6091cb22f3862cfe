//! Long titles broken into balanced lines (a trapezoid), only between words.

use icu_segmenter::WordSegmenter;
use icu_segmenter::options::WordBreakInvariantOptions;

/// Width of `text` in full-width character units (ASCII counts as half).
pub fn width(text: &str) -> f32 {
    text.chars().map(char_width).sum()
}

fn char_width(c: char) -> f32 {
    if c.is_ascii() { 0.5 } else { 1.0 }
}

/// Characters after which a title line may well end (particles, conjunctions, punctuation).
const GOOD_LINE_ENDS: &str = "的上中下与和及、，：；—）》”";
/// Characters a title line should not start with.
const BAD_LINE_STARTS: &str = "的了着之、，。：；）》”";

/// Where a line may end: after character `i` when `result[i + 1]` is true. Word boundaries
/// come from ICU's Chinese dictionary segmenter, so "深入推进" is never split.
fn word_ends(chars: &[char], title: &str) -> Vec<bool> {
    let mut allowed = vec![false; chars.len() + 1];
    let byte_to_char: std::collections::HashMap<usize, usize> = title
        .char_indices()
        .enumerate()
        .map(|(char_index, (byte, _))| (byte, char_index))
        .chain(std::iter::once((title.len(), chars.len())))
        .collect();
    let segmenter = WordSegmenter::new_dictionary(WordBreakInvariantOptions::default());
    for byte in segmenter.segment_str(title) {
        if let Some(&index) = byte_to_char.get(&byte) {
            allowed[index] = true;
        }
    }
    allowed
}

/// Splits a title into lines of at most `max_width` full-width characters, as evenly as
/// possible, breaking only between words. The lines concatenate to `title`.
///
/// ```
/// use wengao::write::docx::title::balanced_lines;
/// let lines = balanced_lines("在全市深化干部作风整顿暨优化营商环境工作推进大会上的讲话", 20.0);
/// assert_eq!(lines.concat(), "在全市深化干部作风整顿暨优化营商环境工作推进大会上的讲话");
/// assert_eq!(lines.len(), 2);
/// ```
pub fn balanced_lines(title: &str, max_width: f32) -> Vec<String> {
    let chars: Vec<char> = title.chars().collect();
    let total = width(title);
    if total <= max_width || chars.len() < 2 {
        return vec![title.to_string()];
    }
    let line_count = (total / max_width).ceil() as usize;
    let allowed = word_ends(&chars, title);
    let mut lines = Vec::with_capacity(line_count);
    let mut start = 0;
    for remaining in (2..=line_count).rev() {
        let rest: f32 = chars[start..].iter().copied().map(char_width).sum();
        let target = rest / remaining as f32;
        let mut best: Option<(usize, f32)> = None;
        let mut acc = 0.0;
        for end in start + 1..chars.len() {
            acc += char_width(chars[end - 1]);
            if acc > max_width {
                break;
            }
            let mut cost = (acc - target).abs();
            if GOOD_LINE_ENDS.contains(chars[end - 1]) {
                cost -= 1.5;
            }
            if BAD_LINE_STARTS.contains(chars[end]) {
                cost += 4.0;
            }
            // Never split a word (a long single word still breaks, at great cost).
            if !allowed[end] {
                cost += 100.0;
            }
            if best.is_none_or(|(_, best_cost)| cost < best_cost) {
                best = Some((end, cost));
            }
        }
        let end = best.map_or(chars.len(), |(end, _)| end);
        lines.push(chars[start..end].iter().collect());
        start = end;
        if start >= chars.len() {
            break;
        }
    }
    if start < chars.len() {
        lines.push(chars[start..].iter().collect());
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_titles_stay_on_one_line() {
        assert_eq!(
            balanced_lines("在大会上的讲话", 20.0),
            vec!["在大会上的讲话"]
        );
    }

    #[test]
    fn long_titles_break_evenly_after_a_particle() {
        let title = "在全市深化干部作风整顿暨优化营商环境工作推进大会上的讲话";
        let lines = balanced_lines(title, 20.0);
        assert_eq!(lines.concat(), title);
        let widths: Vec<f32> = lines.iter().map(|l| width(l)).collect();
        assert!((widths[0] - widths[1]).abs() <= 4.0, "{lines:?}");
        assert!(lines.iter().all(|l| width(l) <= 20.0));
    }

    #[test]
    fn very_long_titles_take_three_lines() {
        let title = "关于进一步加强和改进新时代机关党的建设推动全面从严治党向纵深发展以及深化作风建设的实施意见";
        let lines = balanced_lines(title, 20.0);
        assert_eq!(lines.len(), 3, "{lines:?}");
        assert_eq!(lines.concat(), title);
        assert!(lines.iter().all(|l| width(l) <= 20.0));
    }

    #[test]
    fn words_are_not_split() {
        let title = "坚持以人民为中心深入推进作风建设和营商环境优化";
        let lines = balanced_lines(title, 20.0);
        assert_eq!(lines.len(), 2);
        assert!(
            lines[0].ends_with("推进") || lines[0].ends_with("建设") || lines[0].ends_with("中心"),
            "{lines:?}"
        );
    }

    #[test]
    fn numbers_are_not_split() {
        let title = "在2024年全市经济工作会议暨优化营商环境大会上的讲话稿件文本";
        for line in balanced_lines(title, 12.0) {
            assert!(!line.starts_with(|c: char| c.is_ascii_digit()) || line.starts_with("2024"));
        }
    }
}

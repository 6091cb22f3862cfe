//! Chinese line-breaking rules (kinsoku, GB/T 15834 and clreq) layered over UAX #14 break
//! opportunities: shared by the PDF layout and the title breaker.

use icu_segmenter::LineSegmenter;
use icu_segmenter::options::LineBreakOptions;

/// Marks that must never start a line: stops, pauses and closing marks.
pub const NO_LINE_START: &str = "。，、；：？！”’）》〉」』】〕］｝．·‥…—%）,.;:!?)]}";

/// Opening marks that must never end a line.
pub const NO_LINE_END: &str = "“‘（《〈「『【〔［｛([{";

/// Full-width marks whose empty half may be squeezed out (push in): the ink sits on the left
/// half of a stop or closing mark.
const SQUEEZE_RIGHT_HALF: &str = "。，、；：”’）》〉」』】〕］｝";

/// Full-width opening marks whose ink sits on the right half, so their left half may be squeezed.
const SQUEEZE_LEFT_HALF: &str = "“‘（《〈「『【〔［｛";

/// Marks written doubled (—— and ……) that must stay on one line.
const NEVER_SPLIT: &str = "—…";

/// Which half of a full-width mark is blank and may be squeezed out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Squeeze {
    /// Not squeezable.
    None,
    /// The right half is blank (。 ， 」).
    RightHalf,
    /// The left half is blank (「 （).
    LeftHalf,
}

/// How a mark may be squeezed when a line needs pushing in.
///
/// ```
/// use wengao::flow::linebreak::{squeeze, Squeeze};
/// assert_eq!(squeeze('。'), Squeeze::RightHalf);
/// assert_eq!(squeeze('《'), Squeeze::LeftHalf);
/// assert_eq!(squeeze('中'), Squeeze::None);
/// ```
pub fn squeeze(c: char) -> Squeeze {
    if crate::model::is_han(c) {
        Squeeze::None
    } else if SQUEEZE_RIGHT_HALF.contains(c) {
        Squeeze::RightHalf
    } else if SQUEEZE_LEFT_HALF.contains(c) {
        Squeeze::LeftHalf
    } else {
        Squeeze::None
    }
}

/// True when `c` may not begin a line.
pub fn forbidden_at_line_start(c: char) -> bool {
    !crate::model::is_han(c) && NO_LINE_START.contains(c)
}

/// True when `c` may not end a line.
pub fn forbidden_at_line_end(c: char) -> bool {
    !crate::model::is_han(c) && NO_LINE_END.contains(c)
}

/// For each position `i` in `0..=chars.len()`, whether a line may break before `chars[i]`.
/// Position 0 is never a break; position `len` always is.
///
/// ```
/// use wengao::flow::linebreak::break_opportunities;
/// let text: Vec<char> = "他说：“好。”".chars().collect();
/// let ok = break_opportunities(&text);
/// assert!(!ok[2]); // not before ：
/// assert!(!ok[4]); // not after “
/// assert!(ok[3]);  // between ： and “
/// ```
pub fn break_opportunities(chars: &[char]) -> Vec<bool> {
    let mut allowed = vec![false; chars.len() + 1];
    // The segmenter reads UTF-16: for text in the Basic Multilingual Plane (nearly all
    // Chinese) its offsets are the char positions; otherwise they are mapped back. UTF-8 with
    // a byte-to-char table was 8% of a 246-page PDF's time.
    let mut text: Vec<u16> = Vec::with_capacity(chars.len());
    let mut units = [0u16; 2];
    for c in chars {
        text.extend_from_slice(c.encode_utf16(&mut units));
    }
    let char_at_unit: Option<Vec<usize>> = (text.len() != chars.len()).then(|| {
        let mut table = vec![usize::MAX; text.len() + 1];
        let mut unit = 0;
        for (index, c) in chars.iter().enumerate() {
            table[unit] = index;
            unit += c.len_utf16();
        }
        table[text.len()] = chars.len();
        table
    });
    let segmenter = LineSegmenter::new_for_non_complex_scripts(LineBreakOptions::default());
    for offset in segmenter.segment_utf16(&text) {
        let position = match &char_at_unit {
            Some(table) => table.get(offset).copied().unwrap_or(usize::MAX),
            None => offset,
        };
        if let Some(slot) = allowed.get_mut(position) {
            *slot = true;
        }
    }
    allowed[0] = false;
    for position in 1..chars.len() {
        let (before, after) = (chars[position - 1], chars[position]);
        // UAX #14 keeps ambiguous quotes (“ ”) glued to their neighbours; Chinese text may
        // break before an opening mark that follows Chinese text or punctuation (clreq).
        if forbidden_at_line_end(after)
            && !before.is_ascii_alphanumeric()
            && !before.is_whitespace()
        {
            allowed[position] = true;
        }
        if forbidden_at_line_start(after)
            || forbidden_at_line_end(before)
            || (before == after && NEVER_SPLIT.contains(after))
        {
            allowed[position] = false;
        }
    }
    allowed[chars.len()] = true;
    allowed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn breaks(text: &str) -> Vec<usize> {
        let chars: Vec<char> = text.chars().collect();
        break_opportunities(&chars)
            .iter()
            .enumerate()
            .filter_map(|(i, ok)| ok.then_some(i))
            .collect()
    }

    #[test]
    fn han_breaks_everywhere_but_before_stops() {
        assert_eq!(breaks("我们，要"), vec![1, 3, 4]);
    }

    #[test]
    fn doubled_dash_and_ellipsis_stay_whole() {
        let b = breaks("好——对……是");
        assert!(!b.contains(&2) && !b.contains(&5), "{b:?}");
    }

    #[test]
    fn characters_beyond_the_basic_plane_keep_their_positions() {
        // 𠀀 (U+20000) takes two UTF-16 units; the breaks after it are still char positions.
        assert_eq!(breaks("𠀀我，们"), vec![1, 3, 4]);
        assert_eq!(breaks("我𠀀𠀁"), vec![1, 2, 3]);
    }

    #[test]
    fn latin_words_are_not_split() {
        let b = breaks("用GDP增长");
        assert!(!b.contains(&2) && !b.contains(&3), "{b:?}");
    }
}

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
    let mut allowed = uax14_opportunities(chars);
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

/// For each position `i` in `0..=chars.len()`, whether UAX #14 allows a break before
/// `chars[i]` (the end always; the start never matters).
///
/// UAX #14 breaks between two ideographs (ID ÷ ID) whatever surrounds them, and none of its
/// rules looks across such a pair: their contexts are runs of spaces, combining marks,
/// numbers, quotes and Brahmic letters, and an ideograph is none of these. So the segmenter
/// reads only the stretches between such pairs; on whole paragraphs it was a third of the
/// PDF layout's time. A test holds this to the segmenter on whole texts.
fn uax14_opportunities(chars: &[char]) -> Vec<bool> {
    let mut allowed = vec![false; chars.len() + 1];
    let mut start = 0;
    for end in 1..=chars.len() {
        let ideograph_pair = end < chars.len()
            && crate::model::is_han(chars[end - 1])
            && crate::model::is_han(chars[end]);
        if end == chars.len() || ideograph_pair {
            if end - start > 1 {
                mark_uax14_breaks(&chars[start..end], &mut allowed[start..=end]);
            }
            allowed[end] = true;
            start = end;
        }
    }
    allowed[chars.len()] = true;
    allowed
}

/// Sets `allowed[i]` for the UAX #14 break opportunities strictly inside `chars` (neither 0
/// nor `chars.len()`; `allowed` has a slot per position). The segmenter reads UTF-16: for text
/// in the Basic Multilingual Plane (nearly all Chinese) its offsets are the char positions;
/// otherwise they are mapped back.
fn mark_uax14_breaks(chars: &[char], allowed: &mut [bool]) {
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
        table
    });
    let segmenter = LineSegmenter::new_for_non_complex_scripts(LineBreakOptions::default());
    for offset in segmenter.segment_utf16(&text) {
        let position = match &char_at_unit {
            Some(table) => table.get(offset).copied().unwrap_or(usize::MAX),
            None => offset,
        };
        if position > 0 && position < chars.len() {
            allowed[position] = true;
        }
    }
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

    /// The segmenter's opportunities on the whole text, for comparison.
    fn uax14_whole(chars: &[char]) -> Vec<bool> {
        let mut allowed = vec![false; chars.len() + 1];
        mark_uax14_breaks(chars, &mut allowed);
        allowed[chars.len()] = true;
        allowed
    }

    #[test]
    fn reading_between_ideograph_pairs_gives_the_segmenters_breaks() {
        // Ideographs (BMP and beyond), Chinese and Latin punctuation, quotes of both kinds,
        // digits, letters, spaces, combining marks, variation selectors, ZWJ, emoji, Thai,
        // Hangul, kana, a no-break space and a word joiner.
        let alphabet: Vec<char> = "中国人民共和，。、；：？！“”‘’（）《》【】——……·\
            abcXYZ019 .,;:!?()[]\"'-/%$+\u{3000}\u{300}\u{301}\u{FE0F}\u{E0100}\u{200D}\
            😀👍🇨🇳กขคิ한국어かなカナ〇々\u{A0}\u{2060}\u{200B}\u{20000}\u{2A6D6}"
            .chars()
            .collect();
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        for case in 0..20_000 {
            let length = case % 24;
            let chars: Vec<char> = (0..length)
                .map(|_| {
                    state = state
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    alphabet[(state >> 33) as usize % alphabet.len()]
                })
                .collect();
            assert_eq!(
                uax14_opportunities(&chars),
                uax14_whole(&chars),
                "{:?}",
                chars.iter().collect::<String>()
            );
        }
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

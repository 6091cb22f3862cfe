//! Inline enumerations inside a paragraph: "……：一是…，二是…", "（1）…（2）…".

use super::markers;
use crate::model::{Family, Inline, Marker};

/// Characters after which an inline enumeration item may start.
const ITEM_LEADERS: &[char] = &['：', ':', '；', ';', '，', ',', '。', '！', '？', '、'];

/// Splits `text` into text runs and inline item markers. Items are marked only where one
/// family counts 1, 2, … in order inside the paragraph.
///
/// ```
/// use wengao::read::text::inline::enumerate;
/// let inlines = enumerate("抓好四件事：一是征地拆迁，二是工程建设。");
/// assert_eq!(inlines.len(), 5);
/// assert_eq!(inlines[1].as_str(), "一是");
/// assert_eq!(enumerate("一是一，二是二").len(), 1);
/// ```
pub fn enumerate(text: &str) -> Vec<Inline> {
    let mut found: Vec<(usize, Marker, usize)> = Vec::new();
    let mut previous: Option<char> = None;
    for (i, c) in text.char_indices() {
        // The character first (few can start an item), then what stands before it.
        let may_start = markers::may_start_unlabelled(c);
        let at_item_start = may_start && previous.is_none_or(|p| ITEM_LEADERS.contains(&p));
        previous = Some(c);
        if !at_item_start {
            continue;
        }
        if let Some((marker, len)) = markers::parse(&text[i..])
            && matches!(
                marker.family,
                Family::YiShi
                    | Family::YiYao
                    | Family::HanBracket
                    | Family::ArabicBracket
                    | Family::Circled
                    | Family::Ordinal
                    | Family::ArabicDot
            )
        {
            found.push((i, marker, len));
        }
    }
    if found.len() < 2 {
        return vec![Inline::text(text)];
    }
    // Per family, keep the items that count 1, 2, 3 … in order.
    let mut keep = vec![false; found.len()];
    let families: std::collections::BTreeSet<Family> =
        found.iter().map(|(_, m, _)| m.family).collect();
    for family in families {
        let mut expected = 1;
        let mut chosen = Vec::new();
        for (index, (_, marker, _)) in found.iter().enumerate() {
            if marker.family == family && marker.ordinal == expected {
                chosen.push(index);
                expected += 1;
            }
        }
        if chosen.len() >= 2 {
            for index in chosen {
                keep[index] = true;
            }
        }
    }
    let mut inlines = Vec::new();
    let mut cursor = 0;
    for ((start, marker, len), keep) in found.into_iter().zip(keep) {
        if !keep {
            continue;
        }
        if start > cursor {
            inlines.push(Inline::text(&text[cursor..start]));
        }
        inlines.push(Inline::ItemMarker { marker });
        cursor = start + len;
    }
    if cursor < text.len() {
        inlines.push(Inline::text(&text[cursor..]));
    }
    if inlines.is_empty() {
        inlines.push(Inline::text(text));
    }
    inlines
}

//! Headings and levels: which paragraphs are headings, and how they nest (spec/headings.md).

use super::front::is_date_line;
use super::inline;
use super::lines::Line;
use super::markers;
use super::space::is_space;
use crate::model::{Block, Family, Heading, Marker, Placement, Section};

/// Longest lead sentence (in characters) still taken as a run-in heading.
const MAX_LEAD_CHARS: usize = 80;
/// Longest standalone marker line without a sentence end.
const MAX_STANDALONE_CHARS: usize = 60;
/// Longest unnumbered heading line.
const MAX_UNNUMBERED_CHARS: usize = 25;

/// A paragraph after classification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    Heading {
        line: usize,
        marker: Option<Marker>,
        lead: String,
        rest: Option<String>,
    },
    Body {
        line: usize,
        text: String,
    },
}

/// Byte index just past the first 。！？ of `text` outside brackets and quotes.
fn lead_end(text: &str) -> Option<usize> {
    let mut depth = 0i32;
    for (i, c) in text.char_indices() {
        match c {
            '“' | '‘' | '《' | '（' | '(' | '「' | '『' | '【' => depth += 1,
            '”' | '’' | '》' | '）' | ')' | '」' | '』' | '】' => {
                depth = (depth - 1).max(0);
            }
            // A stop ends the lead outside brackets, or just inside a closing quote ("…落实。”").
            '。' | '！' | '？' | '!' | '?'
                if depth == 0
                    || (depth == 1
                        && text[i + c.len_utf8()..].starts_with(['”', '’', '」', '』'])) =>
            {
                // Keep a closing quote or bracket that directly follows the stop with the lead.
                let mut end = i + c.len_utf8();
                for next in text[end..].chars() {
                    if "”’」』）)".contains(next) {
                        end += next.len_utf8();
                    } else {
                        break;
                    }
                }
                return Some(end);
            }
            _ => {}
        }
    }
    None
}

fn char_len(text: &str) -> usize {
    text.chars().filter(|&c| !is_space(c)).count()
}

/// Classifies a paragraph that starts with a marker.
fn marked_item(line: Line, marker: Marker, marker_len: usize) -> Item {
    let Line { number, text, .. } = line;
    let heading = |lead: String, rest: Option<String>| Item::Heading {
        line: number,
        marker: Some(marker),
        lead,
        rest,
    };
    if text[marker_len..].trim_matches(is_space).is_empty() {
        return Item::Body { line: number, text };
    }
    match lead_end(&text) {
        None if char_len(&text) <= MAX_STANDALONE_CHARS => heading(text, None),
        Some(end) if char_len(&text[..end]) <= MAX_LEAD_CHARS => {
            if text[end..].trim_matches(is_space).is_empty() {
                heading(text, None)
            } else {
                heading(text[..end].to_string(), Some(text[end..].to_string()))
            }
        }
        _ => Item::Body { line: number, text },
    }
}

/// The text of a body item; `None` for a heading.
fn body_text(item: &Item) -> Option<&str> {
    match item {
        Item::Body { text, .. } => Some(text),
        Item::Heading { .. } => None,
    }
}

fn is_unnumbered_candidate(text: &str) -> bool {
    let len = char_len(text);
    (2..=MAX_UNNUMBERED_CHARS).contains(&len)
        && !text.contains([
            '。', '，', '、', '；', '：', '！', '？', ',', ';', ':', '!', '?', '.', '…',
        ])
        && !text.starts_with(['—', '（', '(', '“', '"', '《'])
        && !is_date_line(text)
        && text.chars().any(crate::model::is_han)
}

fn ends_sentence(text: &str) -> bool {
    text.ends_with(['。', '！', '？', '”', '!', '?', '）', ')', '；', '…'])
}

/// Classifies every paragraph of the body (after the front matter), taking the lines' text.
pub fn classify(lines: Vec<Line>) -> Vec<Item> {
    let sequence_words: std::collections::BTreeSet<u32> = lines
        .iter()
        .filter_map(|l| markers::parse(&l.text))
        .filter(|(m, _)| m.family == Family::Sequence)
        .map(|(m, _)| m.ordinal)
        .collect();
    let mut items: Vec<Item> = lines
        .into_iter()
        .map(|line| match markers::parse(&line.text) {
            Some((marker, _)) if marker.family == Family::Sequence && sequence_words.len() < 2 => {
                Item::Body {
                    line: line.number,
                    text: line.text,
                }
            }
            Some((marker, len)) => marked_item(line, marker, len),
            None => Item::Body {
                line: line.number,
                text: line.text,
            },
        })
        .collect();

    // Unnumbered heading lines: short, unpunctuated, between finished sentences and a body
    // paragraph; only when the document has at least two of them.
    let candidates: Vec<usize> = (0..items.len())
        .filter(|&i| body_text(&items[i]).is_some_and(is_unnumbered_candidate))
        .filter(|&i| i == 0 || body_text(&items[i - 1]).is_none_or(ends_sentence))
        .filter(|&i| {
            items.get(i + 1).is_some_and(|next| {
                body_text(next).is_none_or(|text| {
                    char_len(text) > MAX_UNNUMBERED_CHARS || markers::parse(text).is_some()
                })
            })
        })
        .collect();
    if candidates.len() >= 2 {
        for i in candidates {
            if let Item::Body { line, text } = &mut items[i] {
                let lead = std::mem::take(text);
                items[i] = Item::Heading {
                    line: *line,
                    marker: None,
                    lead,
                    rest: None,
                };
            }
        }
    }
    items
}

fn family_of(marker: &Option<Marker>) -> Family {
    marker.as_ref().map_or(Family::Unnumbered, |m| m.family)
}

/// Builds the section tree. Returns the blocks before the first heading and the sections.
pub fn build(items: Vec<Item>) -> (Vec<Block>, Vec<Section>) {
    let mut front = Vec::new();
    let mut top: Vec<Section> = Vec::new();
    let mut open: Vec<Section> = Vec::new();

    fn close(open: &mut Vec<Section>, top: &mut Vec<Section>) {
        let section = open.pop().expect("close on an open section");
        match open.last_mut() {
            Some(parent) => parent.children.push(section),
            None => top.push(section),
        }
    }

    for item in items {
        match item {
            Item::Body { text, line } => {
                let block = Block::paragraph(inline::enumerate(&text), source_line(line));
                match open.last_mut() {
                    Some(section) => section.blocks.push(block),
                    None => front.push(block),
                }
            }
            Item::Heading {
                line,
                marker,
                lead,
                rest,
            } => {
                let family = family_of(&marker);
                // A family seen again closes everything opened below it; otherwise the new
                // heading is a child of the nearest open heading of a higher-ranked family.
                if let Some(pos) = open
                    .iter()
                    .position(|s| family_of(&s.heading.marker) == family)
                {
                    while open.len() > pos {
                        close(&mut open, &mut top);
                    }
                } else {
                    while open
                        .last()
                        .is_some_and(|s| family_of(&s.heading.marker).rank() >= family.rank())
                    {
                        close(&mut open, &mut top);
                    }
                }
                let placement = match rest {
                    Some(rest) => Placement::RunIn {
                        rest: inline::enumerate(&rest),
                    },
                    None => Placement::Standalone,
                };
                let level = u8::try_from(open.len() + 1).unwrap_or(u8::MAX);
                open.push(Section {
                    heading: Heading {
                        level,
                        marker,
                        text: lead,
                        placement,
                        line: source_line(line),
                    },
                    blocks: Vec::new(),
                    children: Vec::new(),
                });
            }
        }
    }
    while !open.is_empty() {
        close(&mut open, &mut top);
    }
    shift_for_missing_parent(&mut top);
    (front, top)
}

/// A reader's line number as the model's (`None` for 0, "no line").
pub fn source_line(line: usize) -> Option<crate::model::SourceLine> {
    crate::model::SourceLine::try_from(line)
        .ok()
        .filter(|&l| l > 0)
}

/// When a higher-ranked family first appears after top-level headings of a lower family and
/// its ordinal shows that earlier siblings are missing (a "三、" after "第三，"), the earlier
/// headings sit one level below that family.
fn shift_for_missing_parent(top: &mut [Section]) {
    let Some(best) = top
        .iter()
        .map(|s| family_of(&s.heading.marker).rank())
        .min()
    else {
        return;
    };
    let Some(first_best) = top
        .iter()
        .position(|s| family_of(&s.heading.marker).rank() == best)
    else {
        return;
    };
    let missing_siblings = top[first_best]
        .heading
        .marker
        .as_ref()
        .is_some_and(|m| m.ordinal > 1);
    if first_best > 0 && missing_siblings {
        for section in &mut top[..first_best] {
            deepen(section);
        }
    }
}

fn deepen(section: &mut Section) {
    section.heading.level += 1;
    for child in &mut section.children {
        deepen(child);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outline(texts: &[&str]) -> Vec<(u8, String)> {
        let lines: Vec<Line> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| Line::new(i + 1, t.to_string()))
            .collect();
        let (_, sections) = build(classify(lines));
        let doc = crate::model::Document {
            sections,
            ..Default::default()
        };
        doc.walk()
            .into_iter()
            .map(|(_, s)| (s.heading.level, s.heading.text.clone()))
            .collect()
    }

    #[test]
    fn seed_shape_missing_first_page() {
        let got = outline(&[
            "第三，要解决好工作作风问题。抓落实。",
            "一要事无巨细抓具体。正文。",
            "二要事必躬亲抓深入。正文。",
            "第四，要解决好工作机制问题。正文。",
            "一要完善责任机制。正文。",
            "三、搞好这次活动的几点要求",
            "开展活动。",
            "一要精心组织，层层落实。正文。",
        ]);
        let levels: Vec<u8> = got.iter().map(|(l, _)| *l).collect();
        assert_eq!(levels, vec![2, 3, 3, 2, 3, 1, 2]);
        assert_eq!(got[0].1, "第三，要解决好工作作风问题。");
    }

    #[test]
    fn standard_gongwen_levels() {
        let got = outline(&[
            "一、总体要求",
            "（一）指导思想",
            "正文。",
            "1.完善机制",
            "正文。",
            "（1）细则",
            "正文。",
            "二、重点任务",
            "正文。",
        ]);
        let levels: Vec<u8> = got.iter().map(|(l, _)| *l).collect();
        assert_eq!(levels, vec![1, 2, 3, 4, 1]);
    }

    #[test]
    fn unnumbered_level_one() {
        let got = outline(&[
            "2023年工作回顾",
            "刚刚过去的2023年，是全面贯彻党的二十大精神的开局之年，是三年新冠疫情防控转段后经济恢复发展的一年。",
            "一、综合施策稳增长，经济恢复回升向好",
            "项目推进全面提速。鲜明“项目为王”导向，持续加大力度。",
            "2024年主要工作",
            "今年是中华人民共和国成立75周年，是实施“十四五”规划的关键一年，也是攻坚之年。",
            "一、推动同城融圈走深走实，持续增强区域发展势能。坚定实施“同城融圈”战略。",
        ]);
        assert_eq!(
            got.iter()
                .map(|(l, t)| (*l, t.as_str()))
                .collect::<Vec<_>>(),
            vec![
                (1, "2023年工作回顾"),
                (2, "一、综合施策稳增长，经济恢复回升向好"),
                (1, "2024年主要工作"),
                (2, "一、推动同城融圈走深走实，持续增强区域发展势能。"),
            ]
        );
    }

    #[test]
    fn not_headings() {
        let got = outline(&[
            "一、总体要求",
            "同志们！",
            "——坚持立德树人。牢记使命。",
            "第一个阶段，从二〇二〇年到二〇三五年。",
            "第一档：年收入十万元以下。",
            "2023年1月，我们召开大会。",
            "1.5%的增长来之不易。",
        ]);
        assert_eq!(got.len(), 1);
    }

    #[test]
    fn lead_sentence_keeps_closing_quote() {
        assert_eq!(lead_end("一要“抓落实。”然后"), Some("一要“抓落实。”".len()));
        assert_eq!(
            lead_end("（一）关于“三事。精神”的问题。正文"),
            Some("（一）关于“三事。精神”的问题。".len())
        );
    }
}

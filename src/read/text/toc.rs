//! A typed table of contents (目录): its entries, and the levels it gives the body's headings.

use super::markers;
use super::space::{compact, is_space};
use crate::model::Family;

/// Fewest leader dots between an entry's title and its page number ("……", "....").
const MIN_LEADER_CHARS: usize = 3;

/// Characters a leader is drawn with.
const LEADER_CHARS: &[char] = &[
    '.', '…', '·', '．', '‥', '⋯', '_', '-', '－', '—', '•', '。',
];

/// What a table of contents tells about the text it stands in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Toc {
    /// The indices of the label ("目　录") and the entries, among the texts given.
    pub entries: Vec<usize>,
    /// Every entry's title, spaces removed.
    pub titles: Vec<String>,
    /// The level the contents give each numbering family, by its first entry.
    pub family_levels: Vec<(Family, u8)>,
    /// Titles of top-level entries without their numbering ("练习与答案" for "第三部分
    /// 练习与答案"), spaces removed: a body line that reads so is a top-level heading.
    pub top_titles: Vec<String>,
}

impl Toc {
    /// The index of the last of `texts` that a title of the contents names (a heading it
    /// lists), if any comes after the contents.
    pub fn last_listed(&self, texts: &[&str]) -> Option<usize> {
        let after = *self.entries.last()? + 1;
        (after..texts.len()).rev().find(|&index| {
            let text = compact(texts[index]);
            self.titles.contains(&text) || self.top_titles.contains(&text)
        })
    }

    /// The level the table of contents gives `family`, when it lists one.
    pub fn level_of(&self, family: Family) -> Option<u8> {
        self.family_levels
            .iter()
            .find(|(listed, _)| *listed == family)
            .map(|&(_, level)| level)
    }
}

/// Whether a line is the label of a table of contents ("目录", "目　　录").
pub fn is_label(text: &str) -> bool {
    text.len() <= "目　　　　录".len() && compact(text) == "目录"
}

/// The title of an entry drawn with a leader and a page number ("第一章 公文……5",
/// "前言.........（插页）"), or `None` for any other line.
///
/// ```
/// use wengao::read::text::toc::entry_title;
/// assert_eq!(entry_title("第一章 公文......................5"), Some("第一章 公文"));
/// assert_eq!(entry_title("第三部分 思维脑图……（插页）"), Some("第三部分 思维脑图"));
/// assert_eq!(entry_title("第一章 公文"), None);
/// assert_eq!(entry_title("增长了5.5个百分点...是2"), None);
/// ```
pub fn entry_title(text: &str) -> Option<&str> {
    let text = text.trim_end_matches(is_space);
    let without_page = match text.strip_suffix(['）', ')']) {
        // A page named in brackets: "（插页）".
        Some(inner) => {
            let open = inner.rfind(['（', '('])?;
            (inner.len() - open <= "（插页插页插页".len()).then_some(&inner[..open])?
        }
        None => {
            let page_start = text
                .char_indices()
                .rev()
                .take_while(|&(_, c)| c.is_ascii_digit() || ('０'..='９').contains(&c))
                .last()?
                .0;
            &text[..page_start]
        }
    };
    let before_leader =
        without_page.trim_end_matches(|c: char| LEADER_CHARS.contains(&c) || is_space(c));
    let leader = &without_page[before_leader.len()..];
    // "……" draws as six dots.
    let leader_chars: usize = leader
        .chars()
        .map(|c| match c {
            '…' | '⋯' => 3,
            c if LEADER_CHARS.contains(&c) => 1,
            _ => 0,
        })
        .sum();
    let title = before_leader.trim_matches(is_space);
    (leader_chars >= MIN_LEADER_CHARS && !title.is_empty()).then_some(title)
}

/// Most entries without a leader and a page number a table of contents is read with.
const MAX_LEADERLESS_ENTRIES: usize = 400;

/// Finds the table of contents among `texts` (the body's paragraphs, in order): the label
/// and the entries after it, each drawn with a leader and a page number or repeated further
/// down (the heading it lists).
pub fn find(texts: &[&str]) -> Toc {
    let Some(label) = texts.iter().position(|text| is_label(text)) else {
        return Toc::default();
    };
    // Whether a text (spaces left out) comes again after `index`: asked only of the few
    // lines without a leader, so no map of every paragraph is built.
    let repeated_after = |index: usize, spaceless: &str| {
        texts[index + 1..].iter().any(|later| {
            later
                .chars()
                .filter(|c| !is_space(*c))
                .eq(spaceless.chars())
        })
    };
    let mut entries = vec![label];
    let mut titles: Vec<&str> = Vec::new();
    let mut leaderless = 0;
    for (index, text) in texts.iter().enumerate().skip(label + 1) {
        let title = match entry_title(text) {
            Some(title) => title,
            None => {
                // Each such line scans the text below it: a contents has no more of them
                // than a book has headings.
                leaderless += 1;
                if leaderless > MAX_LEADERLESS_ENTRIES {
                    break;
                }
                let spaceless = compact(text);
                // A contents lists each heading once: a line that repeats an entry it
                // listed already is the text's first heading (asked first: no scan).
                let listed = titles.iter().any(|title| compact(title) == spaceless);
                if listed || spaceless.is_empty() || !repeated_after(index, &spaceless) {
                    break;
                }
                text
            }
        };
        entries.push(index);
        titles.push(title);
    }
    if titles.is_empty() {
        return Toc::default();
    }
    // Levels as the entries nest: an entry of a higher-ranked family closes the lower ones;
    // an unnumbered entry ("前言", "后记") is a top-level leaf.
    let mut open: Vec<Family> = Vec::new();
    let mut family_levels: Vec<(Family, u8)> = Vec::new();
    let mut top_titles = Vec::new();
    let all_titles = titles.iter().map(|title| compact(title)).collect();
    for title in titles {
        let parsed = markers::parse(title);
        let family = parsed
            .as_ref()
            .map_or(Family::Unnumbered, |(m, _)| m.family);
        while open.last().is_some_and(|f| f.rank() >= family.rank()) {
            open.pop();
        }
        open.push(family);
        let nested = u8::try_from(open.len()).unwrap_or(u8::MAX);
        if family == Family::Unnumbered {
            open.clear();
        }
        // A family keeps the level of its first entry.
        let level = match family_levels.iter().find(|(f, _)| *f == family) {
            Some(&(_, level)) if family != Family::Unnumbered => level,
            Some(_) => nested,
            None => {
                family_levels.push((family, nested));
                nested
            }
        };
        if level == 1 {
            let name = parsed.map_or(title, |(_, len)| &title[len..]);
            let name = compact(name);
            if !name.is_empty() {
                top_titles.push(name);
            }
        }
    }
    Toc {
        entries,
        titles: all_titles,
        family_levels,
        top_titles,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leaderless_entries_are_capped() {
        // Each line comes again below: all could be entries, but each one scans the text.
        let lines: Vec<String> = (0..1000).map(|i| format!("第{i}条标题")).collect();
        let mut texts: Vec<&str> = vec!["目录"];
        texts.extend(lines.iter().map(String::as_str));
        texts.extend(lines.iter().map(String::as_str));
        let toc = find(&texts);
        assert_eq!(toc.entries.len(), 1 + MAX_LEADERLESS_ENTRIES);
    }

    #[test]
    fn levels_follow_the_nesting_of_the_entries() {
        let toc = find(&[
            "课程代码：00341",
            "目　录",
            "第一部分 能力测评..........1",
            "第一章 公文..........5",
            "第一节 公文概述..........5",
            "第二章 公文写作..........12",
            "第五部分 真题手稿..........121",
            "前言",
            "第三章 公文格式..........30",
            "第一章 公文",
            "前言",
        ]);
        assert_eq!(toc.entries, vec![1, 2, 3, 4, 5, 6, 7, 8]);
        assert_eq!(toc.level_of(Family::Part), Some(1));
        assert_eq!(toc.level_of(Family::Chapter), Some(2));
        assert_eq!(toc.level_of(Family::Section), Some(3));
        assert_eq!(toc.top_titles, vec!["能力测评", "真题手稿", "前言"]);
    }

    #[test]
    fn no_label_no_contents() {
        assert_eq!(
            find(&["第一章 公文..........5", "第一章 公文"]),
            Toc::default()
        );
        assert_eq!(find(&["目录", "正文从这里开始。"]), Toc::default());
    }
}

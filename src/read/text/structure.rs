//! Headings and levels: which paragraphs are headings, and how they nest (spec/headings.md).

use super::front::is_date_line;
use super::inline;
use super::lines::{Hint, Line};
use super::markers;
use super::space::{compact, is_space};
use super::toc;
use crate::model::{Block, Family, Heading, Marker, Placement, Section};

/// Longest lead sentence (in characters) taken as a run-in heading without asking its
/// family: longer ones are headings only when siblings of their family are headings too.
const MAX_LEAD_CHARS: usize = 80;
/// Longest lead sentence taken as a run-in heading at all ("一、坚持把扩大有效投资作为稳增长的
/// 关键举措，……" runs to some 140 characters).
const MAX_LONG_LEAD_CHARS: usize = 160;
/// Longest standalone marker line without a sentence end.
const MAX_STANDALONE_CHARS: usize = 60;
/// Longest unnumbered heading line.
const MAX_UNNUMBERED_CHARS: usize = 25;

/// Titles of the back matter after a body: their items (〔1〕…, [1]…, 术语：解释) are not
/// headings.
const BACK_MATTER_TITLES: &[&str] = &[
    "注释",
    "注",
    "注：",
    "注解",
    "名词解释",
    "参考文献",
    "参考资料",
    "附注",
    "后记",
    "附录",
];

/// What made a paragraph a heading (for `wengao outline --explain`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeadingRule {
    /// A numbering marker, its lead sentence within the usual length.
    Marker,
    /// A numbering marker with a long lead sentence, kept because other headings of its
    /// family have ordinary ones.
    LongLead,
    /// The source's markup (Markdown #).
    Markup(u8),
    /// A back-matter title (注释, 参考文献 …).
    BackMatter,
    /// A short unpunctuated line between finished sentences and body text.
    Unnumbered,
    /// A line that reads as a top-level entry of the table of contents.
    TocEntry,
}

impl HeadingRule {
    fn describe(self, marker: Option<&Marker>) -> String {
        let numbered = |marker: Option<&Marker>| match marker {
            Some(m) => format!(
                "marker {} (the {} numbering, number {})",
                m.text,
                family_example(m.family),
                m.ordinal
            ),
            None => "no marker".to_string(),
        };
        match self {
            HeadingRule::Marker => numbered(marker),
            HeadingRule::LongLead => format!(
                "{}, a long lead sentence kept because its family heads other sections",
                numbered(marker)
            ),
            HeadingRule::Markup(depth) => format!(
                "Markdown heading ({}), {}",
                "#".repeat(usize::from(depth)),
                numbered(marker)
            ),
            HeadingRule::BackMatter => "a back-matter title".to_string(),
            HeadingRule::Unnumbered => {
                "an unnumbered line between finished sentences and body text".to_string()
            }
            HeadingRule::TocEntry => {
                "the title of a top-level entry of the table of contents".to_string()
            }
        }
    }
}

/// The first marker of a family, to name it: "一、", "（一）", "一是".
fn family_example(family: Family) -> &'static str {
    match family {
        Family::Unnumbered => "unnumbered",
        Family::Part => "第一部分/第一篇",
        Family::Chapter => "第一章",
        Family::Section => "第一节",
        Family::HanSpace => "一 (numeral and space)",
        Family::HanComma => "一、",
        Family::Ordinal => "第一，",
        Family::OrdinalSpace => "第一 (with a space)",
        Family::Sequence => "首先/其次",
        Family::HanBracket => "（一）",
        Family::Labelled => "任务1：",
        Family::LabelledSub => "子任务1.1",
        Family::ArabicDot => "1.",
        Family::ArabicBracket => "（1）",
        Family::LetterBracket => "（a）",
        Family::Circled => "①",
        Family::YiShi => "一是",
        Family::YiYao => "一要",
        Family::YiFangMian => "一方面",
    }
}

/// Why a heading is a heading and sits at its level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    pub line: Option<crate::model::SourceLine>,
    pub text: String,
    pub level: u8,
    pub why: String,
    /// The reader was not sure: a long lead sentence, a level moved for a missing parent.
    pub doubtful: bool,
}

/// A paragraph after classification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    Heading {
        line: usize,
        marker: Option<Marker>,
        lead: String,
        rest: Option<String>,
        /// The depth the source's markup gave it (Markdown's number of #), if any.
        depth: Option<u8>,
        /// What made the paragraph a heading.
        rule: HeadingRule,
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
            // An ASCII quote closes a curly one a web copy opened ("“12345"政务热线").
            '”' | '’' | '》' | '）' | ')' | '」' | '』' | '】' | '"' => {
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

/// Whether `text` has at most `limit` characters besides white space: counts no further
/// than `limit + 1` (most paragraphs are far longer than the limits asked about).
fn char_len_within(text: &str, limit: usize) -> bool {
    text.chars().filter(|&c| !is_space(c)).nth(limit).is_none()
}

/// Whether the paragraph after `marker` goes on to the next item of the same family after a
/// pause or a full stop — "（一）说话和气；（二）买卖公平；…", "一是…。二是…。": an enumeration
/// inside one paragraph.
fn enumerates_inline(after_marker: &str, marker: &Marker) -> bool {
    // Only a labelled marker ("任务2：") starts with any Chinese character; the others start
    // with a numeral, 第, a sequence word, a bracket or a digit. Looked at first, so that most
    // pauses need no parse.
    let may_start_next = |rest: &str| {
        is_labelled(marker.family)
            || rest
                .chars()
                .next()
                .is_some_and(markers::may_start_unlabelled)
    };
    after_marker
        .char_indices()
        .filter(|&(_, c)| matches!(c, '；' | ';' | '，' | ',' | '。'))
        .any(|(at, pause)| {
            let rest = &after_marker[at + pause.len_utf8()..];
            may_start_next(rest)
                && markers::parse(rest).is_some_and(|(next, _)| {
                    next.family == marker.family && next.ordinal == marker.ordinal + 1
                })
        })
}

/// The longest label of a field left empty at the end of its line ("联系电话：").
const MAX_EMPTY_FIELD_LABEL_CHARS: usize = 6;

/// The longest label of a form field ("项目总投资（万元）").
const MAX_FIELD_LABEL_CHARS: usize = 16;

/// Whether the text after a marker is a form field to fill in ("（1）姓名：______", "（2）类别：
/// □甲　□乙"): a label, a colon and blanks.
fn is_form_field(marker: &Marker, after_marker: &str) -> bool {
    // Two one-character searches are quicker than one over a set.
    let colon = match (after_marker.find('：'), after_marker.find(':')) {
        (Some(wide), Some(narrow)) => wide.min(narrow),
        (Some(at), None) | (None, Some(at)) => at,
        (None, None) => return false,
    };
    // A label is a few words, not a sentence ("支持范围。重点支持以下项目：" introduces a list).
    let label = &after_marker[..colon];
    if !char_len_within(label, MAX_FIELD_LABEL_CHARS)
        || label.contains(['。', '；', '，', '！', '？'])
    {
        return false;
    }
    let value = after_marker[colon..].trim_start_matches([':', '：']);
    // Nothing after the colon: a field only when the label names one ("姓名："), not when
    // it introduces what follows ("三大纪律如下：").
    let names_a_field = char_len_within(label, MAX_EMPTY_FIELD_LABEL_CHARS)
        && !["如下", "下列", "以下", "包括", "主要有"]
            .iter()
            .any(|intro| label.ends_with(intro));
    (value.trim_matches(is_space).is_empty() && names_a_field && !heads_sections(marker))
        || value.contains("__")
        || value.contains('□')
        || value.contains("＿")
}

/// Longest answer in the blank of a question ("（ABCD）").
const MAX_ANSWER_CHARS: usize = 5;

/// The verbs an exam's essay question starts with ("简述…。", "试述…。"); a heading does not
/// ask the reader to write.
const QUESTION_VERBS: [&str; 8] = [
    "简述",
    "试述",
    "论述",
    "试论",
    "简析",
    "试析",
    "试比较",
    "请简述",
];

/// Whether an item is an exam's question, not a heading: one with a blank for its answer
/// ("下列属于法定文种的是（ ）。", "…的划分根据是公文的（A）。") or an essay question that
/// starts with a question verb and ends its sentence ("简述决定和决议的不同。").
fn is_question(after_marker: &str) -> bool {
    let asks_to_write = QUESTION_VERBS
        .iter()
        .any(|verb| after_marker.starts_with(verb))
        && without_trailing_note(after_marker).ends_with(['。', '？', '?']);
    asks_to_write || has_answer_blank(after_marker)
}

/// A text's last bracketed note: the text before it and what the brackets hold
/// ("…文件。（7 分）" → ("…文件。", "7 分")).
fn trailing_bracket(text: &str) -> Option<(&str, &str)> {
    let inner = text.strip_suffix(['）', ')'])?;
    let open = inner.rfind(['（', '('])?;
    let content = inner[open..].trim_start_matches(['（', '(']);
    Some((&inner[..open], content))
}

fn has_answer_blank(after_marker: &str) -> bool {
    let text = without_trailing_note(after_marker)
        .trim_end_matches(['。', '？', '?', '.'])
        .trim_end_matches(is_space);
    let Some((_, blank)) = trailing_bracket(text) else {
        return false;
    };
    char_len_within(blank, MAX_ANSWER_CHARS)
        && blank
            .chars()
            .all(|c| is_space(c) || c.is_ascii_uppercase() || ('Ａ'..='Ｅ').contains(&c))
}

/// Fewest fields with digits that make a numbered line a table's row.
const MIN_ROW_NUMBER_FIELDS: usize = 2;

/// Whether a line numbered "一 " (a numeral and white space) is a flattened table's row:
/// its fields, separated by white space, hold numbers ("一 单选题 30 30×1=30 第 1、2、3 章").
fn is_table_row(marker: &Marker, after_marker: &str) -> bool {
    marker.family == Family::HanSpace
        && after_marker
            .split(is_space)
            .filter(|field| field.chars().any(|c| c.is_ascii_digit()))
            .count()
            >= MIN_ROW_NUMBER_FIELDS
}

/// The numberings of lists and forms ("1.", "（1）", "①"), whose items are often entries
/// rather than headings.
const LIST_FAMILIES: [Family; 4] = [
    Family::ArabicDot,
    Family::ArabicBracket,
    Family::LetterBracket,
    Family::Circled,
];

/// The families whose markers start with a label ("任务1：", "子课题1.2").
fn is_labelled(family: Family) -> bool {
    matches!(family, Family::Labelled | Family::LabelledSub)
}

fn is_list_family(family: Family) -> bool {
    LIST_FAMILIES.contains(&family)
}

/// How an entry of an enumerated sentence ends: in a pause, the sentence going on.
const ENTRY_ENDS: [char; 5] = ['；', ';', '，', ',', '、'];

/// Whether a numbering heads the sections of a document ("一、", "（一）", "第一章") rather
/// than the items of a list or a form ("1.", "（1）", "①"): "一、立项目的：" is a heading
/// even with nothing after its colon.
fn heads_sections(marker: &Marker) -> bool {
    marker.family.rank() < Family::Labelled.rank()
}

/// Classifies a paragraph that starts with a marker. A lead sentence longer than
/// [`MAX_LEAD_CHARS`] gives a heading marked `long`: kept only if its family agrees.
fn marked_item(line: Line, marker: Marker, marker_len: usize) -> (Item, bool) {
    let Line { number, text, .. } = line;
    let after = text[marker_len..].trim_matches(is_space);
    if after.is_empty()
        || is_question(after)
        || is_form_field(&marker, after)
        || enumerates_inline(after, &marker)
        || is_label_description(&marker, after)
        || is_table_row(&marker, after)
        || ends_with_score(after)
    {
        return (Item::Body { line: number, text }, false);
    }
    let heading = |lead: String, rest: Option<String>| Item::Heading {
        line: number,
        marker: Some(marker),
        lead,
        rest,
        depth: None,
        rule: HeadingRule::Marker,
    };
    // An item that is one clause closed by "；" is an entry of a list, not a heading.
    let closed_by_semicolon = without_trailing_note(&text).ends_with(['；', ';']);
    match lead_end(&text) {
        None if closed_by_semicolon => (Item::Body { line: number, text }, false),
        None if char_len_within(&text, MAX_STANDALONE_CHARS) => (heading(text, None), false),
        Some(end) if char_len_within(&text[..end], MAX_LONG_LEAD_CHARS) => {
            let long = !char_len_within(&text[..end], MAX_LEAD_CHARS);
            let alone = text[end..].trim_matches(is_space).is_empty();
            if alone && closed_by_semicolon {
                return (Item::Body { line: number, text }, false);
            }
            let item = if alone {
                heading(text, None)
            } else {
                heading(text[..end].to_string(), Some(text[end..].to_string()))
            };
            (item, long)
        }
        _ => (Item::Body { line: number, text }, false),
    }
}

/// Longest note in brackets after an item's last clause, in characters ("（1 分）").
const MAX_TRAILING_NOTE_CHARS: usize = 8;

/// The text without a short note in brackets after its last clause: "…公共事务；（1 分）"
/// ends in "；" like "…公共事务；".
fn without_trailing_note(text: &str) -> &str {
    let text = text.trim_end_matches(is_space);
    let Some((before, note)) = trailing_bracket(text) else {
        return text;
    };
    let before = before.trim_end_matches(is_space);
    // The note with its opening bracket, as this limit was measured.
    let note_chars = char_len(note) + 1;
    if note_chars <= MAX_TRAILING_NOTE_CHARS
        && before.ends_with(['；', ';', '。', '，', ',', '、', '：', ':'])
    {
        before
    } else {
        text
    }
}

/// Whether a sentence ends with the marks its item is worth in an exam ("…文件。（7 分）"): an
/// exam's question or answer point, not a heading. (An assessment's heading carries its
/// points right after its title, "一、组织领导（20分）", and stays a heading.)
fn ends_with_score(text: &str) -> bool {
    let Some((before, note)) = trailing_bracket(text.trim_end_matches(is_space)) else {
        return false;
    };
    if !before
        .trim_end_matches(is_space)
        .ends_with(['。', '？', '?'])
    {
        return false;
    }
    let note: String = note.chars().filter(|c| !is_space(*c)).collect();
    note.strip_suffix('分').is_some_and(|points| {
        !points.is_empty() && points.chars().all(|c| c.is_ascii_digit() || c == '.')
    })
}

/// The longest label of a "label：description" item, in characters.
const MAX_ITEM_LABEL_CHARS: usize = 12;

/// "（1）定位目标单元：基于……": a numbered item that names a term and describes it after a
/// colon — an entry of a list, not a heading (a low numbering only: "（一）工作目标：…" in a
/// 公文 can head its paragraph).
fn is_label_description(marker: &Marker, after: &str) -> bool {
    if !is_list_family(marker.family) {
        return false;
    }
    let Some((label, description)) = after.split_once(['：', ':']) else {
        return false;
    };
    !char_len_within(label, 0)
        && char_len_within(label, MAX_ITEM_LABEL_CHARS)
        && !label.contains(['。', '，', '；'])
        && !char_len_within(description.trim_matches(is_space), 1)
}

/// The whole text of an item: a heading's lead and the rest of its paragraph.
fn item_text(item: &Item) -> String {
    match item {
        Item::Heading { lead, rest, .. } => format!("{lead}{}", rest.as_deref().unwrap_or("")),
        Item::Body { text, .. } => text.clone(),
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
    // Two characters or more, and at most the limit: counted no further than that.
    if char_len_within(text, 1) || !char_len_within(text, MAX_UNNUMBERED_CHARS) {
        return false;
    }
    if is_article_number(text) || is_caption(text) {
        return false;
    }
    !text.contains([
            '。', '，', '、', '；', '：', '！', '？', ',', ';', ':', '!', '?', '.', '…',
        ])
        // "【常考题型】单项选择题": a bracketed label, not a heading.
        && !text.starts_with(['—', '（', '(', '“', '"', '《', '〔', '[', '【'])
        && !is_date_line(text)
        && text.chars().any(crate::model::is_han)
        // A numbered line left as body is a list item ("①发电时间"), not an unnumbered heading.
        && markers::parse(text).is_none()
}

/// A caption of a box, table or figure: "专栏1  工业互联网网络互联互通工程", "表2 …", "图3 …".
fn is_caption(text: &str) -> bool {
    ["专栏", "附表", "附图", "表", "图"].iter().any(|word| {
        text.strip_prefix(word).is_some_and(|rest| {
            rest.starts_with(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c))
        })
    })
}

/// "第十二条" alone: an article's number, never a heading.
fn is_article_number(text: &str) -> bool {
    if text.len() > MAX_BACK_MATTER_TITLE_BYTES || !text.contains('条') {
        return false;
    }
    compact(text)
        .strip_prefix('第')
        .and_then(|rest| rest.strip_suffix('条'))
        .is_some_and(|numeral| {
            !numeral.is_empty()
                && numeral
                    .chars()
                    .all(|c| "一二三四五六七八九十百零〇".contains(c))
        })
}

fn ends_sentence(text: &str) -> bool {
    text.ends_with(['。', '！', '？', '”', '!', '?', '）', ')', '；', '…'])
}

/// The longest line (bytes) that may be a back-matter title, spaces included.
const MAX_BACK_MATTER_TITLE_BYTES: usize = 40;

/// A back-matter title alone on its line ("注释", "注　　释", "参考文献").
fn back_matter_title(text: &str) -> Option<&'static str> {
    if text.len() > MAX_BACK_MATTER_TITLE_BYTES {
        return None;
    }
    let spaceless = compact(text);
    BACK_MATTER_TITLES
        .iter()
        .copied()
        .find(|title| spaceless == *title)
}

/// Turns the body item at `index` into an unnumbered heading.
fn make_unnumbered_heading(items: &mut [Item], index: usize) {
    if let Item::Body { line, text } = &mut items[index] {
        let lead = std::mem::take(text);
        items[index] = Item::Heading {
            line: *line,
            marker: None,
            lead,
            rest: None,
            depth: None,
            rule: HeadingRule::Unnumbered,
        };
    }
}

/// The item of the heading at `index` made body text again.
fn demote(items: &mut [Item], index: usize) {
    if let Item::Heading {
        line, lead, rest, ..
    } = &mut items[index]
    {
        let mut text = std::mem::take(lead);
        text.push_str(rest.as_deref().unwrap_or(""));
        items[index] = Item::Body { line: *line, text };
    }
}

/// The body's paragraphs classified, and its table of contents.
#[derive(Debug, Clone, Default)]
pub struct Classified {
    pub items: Vec<Item>,
    pub toc: toc::Toc,
}

/// Classifies every paragraph of the body (after the front matter), taking the lines' text.
pub fn classify(lines: Vec<Line>) -> Classified {
    // Each line's marker, parsed once.
    let mut parsed: Vec<Option<(Marker, usize)>> =
        lines.iter().map(|l| markers::parse(&l.text)).collect();
    let line_markers: Vec<Option<(Family, u32)>> = parsed
        .iter()
        .map(|p| p.as_ref().map(|(m, _)| (m.family, m.ordinal)))
        .collect();
    // A labelled family ("任务1：") is one only when its label comes back on another line.
    let mut labels: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (marker, _) in parsed.iter().flatten() {
        if is_labelled(marker.family) {
            *labels
                .entry(markers::label_of(marker).to_string())
                .or_default() += 1;
        }
    }
    let sequence_words: std::collections::BTreeSet<u32> = line_markers
        .iter()
        .flatten()
        .filter(|(family, _)| *family == Family::Sequence)
        .map(|(_, ordinal)| *ordinal)
        .collect();
    let mut long_leads = Vec::new();
    let mut hinted = Vec::new();
    let mut back_matter: Option<&'static str> = None;
    let mut items: Vec<Item> = Vec::with_capacity(lines.len());
    for line in lines {
        let index = items.len();
        // A heading by the source's markup (a Markdown "## 引言", "## 一"): a heading whatever
        // its words; its level comes from its family like any other's.
        let line_marker = parsed[index].take();
        if let Hint::Heading(depth) = line.hint {
            back_matter = back_matter_title(&line.text);
            let marker = line_marker
                .map(|(m, _)| m)
                .or_else(|| markers::bare_numeral(&line.text));
            hinted.push(index);
            items.push(Item::Heading {
                line: line.number,
                marker,
                lead: line.text,
                rest: None,
                depth: Some(depth),
                rule: HeadingRule::Markup(depth),
            });
            continue;
        }
        if let Some(title) = back_matter_title(&line.text) {
            back_matter = Some(title);
            hinted.push(index);
            items.push(Item::Heading {
                line: line.number,
                marker: None,
                lead: line.text,
                rest: None,
                depth: None,
                rule: HeadingRule::BackMatter,
            });
            continue;
        }
        // Note items, references and glossary entries under a back-matter title are not
        // headings (an appendix may have headings of its own).
        if back_matter.is_some_and(|title| title != "附录") {
            items.push(Item::Body {
                line: line.number,
                text: line.text,
            });
            continue;
        }
        let item = match line_marker {
            Some((marker, _))
                if is_labelled(marker.family)
                    && labels
                        .get(markers::label_of(&marker))
                        .is_none_or(|n| *n < 2) =>
            {
                Item::Body {
                    line: line.number,
                    text: line.text,
                }
            }
            // 首先/其次 head sections only as a series that starts with 首先 at a paragraph's
            // start: "…。首先，…" inside a paragraph followed by "其次，…" is prose.
            Some((marker, _))
                if marker.family == Family::Sequence
                    && (sequence_words.len() < 2 || !sequence_words.contains(&1)) =>
            {
                Item::Body {
                    line: line.number,
                    text: line.text,
                }
            }
            Some((marker, len)) => {
                let (item, long) = marked_item(line, marker, len);
                if long {
                    long_leads.push(index);
                }
                item
            }
            None => Item::Body {
                line: line.number,
                text: line.text,
            },
        };
        items.push(item);
    }
    demote_enumerations(&mut items, &line_markers);
    demote_strays_of_list_families(&mut items, &line_markers);
    demote_bare_lists(&mut items);
    demote_items_after_entries(&mut items, &line_markers);
    demote_answer_points(&mut items);
    demote_quoted_documents(&mut items);
    keep_long_leads_their_family_agrees_with(&mut items, &long_leads);

    // A table of contents ("目　　录" and the chapter titles it lists before the text): its
    // entries repeat headings found below and are not headings themselves. A line below
    // that reads as a top-level entry's title without its number ("练习与答案" for "第三部分
    // 练习与答案") is a top-level heading.
    let toc = if items
        .iter()
        .any(|item| matches!(item, Item::Body { text, .. } | Item::Heading { lead: text, .. } if toc::is_label(text)))
    {
        let texts: Vec<String> = items.iter().map(item_text).collect();
        let text_refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        toc::find(&text_refs)
    } else {
        toc::Toc::default()
    };
    for &index in &toc.entries {
        demote(&mut items, index);
    }
    let toc_entries = &toc.entries;
    if let Some(&last_entry) = toc_entries.last() {
        for index in last_entry + 1..items.len() {
            let is_top_title = body_text(&items[index]).is_some_and(|text| {
                char_len_within(text, MAX_UNNUMBERED_CHARS)
                    && toc.top_titles.contains(&compact(text))
            });
            if is_top_title {
                make_unnumbered_heading(&mut items, index);
                if let Item::Heading { rule, .. } = &mut items[index] {
                    *rule = HeadingRule::TocEntry;
                }
            }
        }
    }
    // Unnumbered heading lines: short, unpunctuated, between finished sentences and a body
    // paragraph; only when the document has at least two of them. A couplet of two such
    // lines (a newspaper's two-line cross-head) counts as one place.
    let is_candidate = |i: usize| body_text(&items[i]).is_some_and(is_unnumbered_candidate);
    let mut candidates: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < items.len() {
        if !is_candidate(i) || toc_entries.contains(&i) {
            i += 1;
            continue;
        }
        let run = if i + 1 < items.len() && is_candidate(i + 1) {
            2
        } else {
            1
        };
        let after_sentence = i == 0 || body_text(&items[i - 1]).is_none_or(ends_sentence);
        // What follows is body text or a heading, after the part's own date line and
        // salutation if it has them ("结论" / "(一九五五年三月三十一日)" / "同志们:").
        let next = (i + run..items.len()).find(|&j| {
            body_text(&items[j])
                .is_none_or(|text| !is_date_line(text) && !super::front::is_salutation(text))
        });
        let before_body = next.is_some_and(|j| {
            body_text(&items[j]).is_none_or(|text| {
                !char_len_within(text, MAX_UNNUMBERED_CHARS)
                    || markers::parse(text).is_some()
                    || ends_sentence(text)
            })
        });
        if after_sentence && before_body {
            candidates.extend(i..i + run);
        }
        i += run;
    }
    // A table of contents names the top-level headings: with one, a short line it does not
    // list (a flattened table's cell, a caption) is no heading.
    let listed_by_contents = toc.entries.len() > 1;
    if candidates.len() + hinted.len() >= 2 && !candidates.is_empty() && !listed_by_contents {
        for i in candidates {
            make_unnumbered_heading(&mut items, i);
        }
    }
    Classified { items, toc }
}

/// Marker lines that are the items of one enumerated sentence are body text: a run of one
/// family counting 1, 2, 3 … whose items end in ；， or 、 (the last in 。), introduced by a
/// line ending in "：" ("申报材料包括：" / "1.项目申报书；" / "2.营业执照复印件；" …).
fn demote_enumerations(items: &mut [Item], line_markers: &[Option<(Family, u32)>]) {
    // A list item too long to be a heading is body text already, but it still counts in
    // the run ("（一）…投诉；" before "（二）…；").
    let family = |items: &[Item], index: usize| match &items[index] {
        Item::Heading {
            marker: Some(marker),
            ..
        } => Some((marker.family, marker.ordinal)),
        Item::Heading { marker: None, .. } => None,
        Item::Body { .. } => line_markers.get(index).copied().flatten(),
    };
    // "注：1.本表…；" on one line, "2.…；" and "3.…。" below: the first item opens a body
    // paragraph after a label.
    let opens_run_inline = |item: &Item| match item {
        Item::Body { text, .. } => ["：1.", "：1．", "：1、", ":1.", "：（1）"]
            .iter()
            .any(|opening| text.contains(opening)),
        Item::Heading { .. } => false,
    };
    let mut start = 0;
    while start < items.len() {
        let first_ordinal = match family(items, start) {
            Some((_, 1)) => 1,
            Some((_, 2)) if start > 0 && opens_run_inline(&items[start - 1]) => 2,
            _ => {
                start += 1;
                continue;
            }
        };
        let Some((first_family, _)) = family(items, start) else {
            start += 1;
            continue;
        };
        let mut end = start + 1;
        while end < items.len()
            && family(items, end) == Some((first_family, (end - start) as u32 + first_ordinal))
        {
            end += 1;
        }
        let mut texts: Vec<String> = items[start..end].iter().map(item_text).collect();
        if first_ordinal == 2 {
            texts.insert(0, item_text(&items[start - 1]));
        }
        let count = texts.len();
        let item_ends = |text: &String| without_trailing_note(text).ends_with(ENTRY_ENDS);
        let all_but_last_pause = count >= 2 && texts[..count - 1].iter().all(item_ends);
        let single_pause = count == 1 && item_ends(&texts[0]);
        if all_but_last_pause || single_pause {
            for index in start..end {
                demote(items, index);
            }
        }
        start = end;
    }
}

/// The items of one list are all headings or all entries: a list-family item numbered n
/// whose series (no heading of its family's rank or higher between them) started with an
/// entry and whose item n−1 is an entry is an entry too — "（1）…写法：" and "（2）…发布。"
/// being entries, "（3）外交公报涉及对外关系，…。其内容…。" is the third entry, not a run-in
/// heading. A series that starts with a heading keeps its headings.
fn demote_items_after_entries(items: &mut [Item], line_markers: &[Option<(Family, u32)>]) {
    // Per list family: whether its series started with an entry, the last item's number and
    // whether that item is an entry.
    let mut last: std::collections::HashMap<Family, (bool, u32, bool)> =
        std::collections::HashMap::new();
    for index in 0..items.len() {
        let (family, ordinal) = match &items[index] {
            Item::Heading { marker, .. } => {
                let family = family_of(marker);
                (family, marker.as_ref().map_or(0, |m| m.ordinal))
            }
            Item::Body { .. } => match line_markers.get(index).copied().flatten() {
                Some(numbered) => numbered,
                None => continue,
            },
        };
        if !is_list_family(family) {
            if matches!(items[index], Item::Heading { .. }) {
                // A heading of a higher rank starts new series below it.
                last.retain(|list, _| list.rank() < family.rank());
            }
            continue;
        }
        let mut entry = matches!(items[index], Item::Body { .. });
        let started_with_entry = match last.get(&family) {
            Some(&(first_entry, previous, previous_entry)) if previous + 1 == ordinal => {
                if first_entry && previous_entry && !entry {
                    demote(items, index);
                    entry = true;
                }
                first_entry
            }
            _ => entry,
        };
        if !entry {
            last.retain(|list, _| list.rank() <= family.rank());
        }
        last.insert(family, (started_with_entry, ordinal, entry));
    }
}

/// What opens an answer ("答：…") and a new question or exercise ("【例 3】…").
const ANSWER_OPENINGS: [&str; 2] = ["答：", "答:"];
const QUESTION_OPENING: char = '【';

/// The numbered points of an answer ("答：" / "（1）依据式，…。" / "（2）目的式，…。") are its
/// entries, not headings: from a paragraph that opens with "答：" to the next question
/// ("【例 3】…") or the next heading of a section family (一、, 第一章, 考点 1：…).
fn demote_answer_points(items: &mut [Item]) {
    let mut in_answer = false;
    for index in 0..items.len() {
        match &items[index] {
            Item::Body { text, .. } => {
                if ANSWER_OPENINGS
                    .iter()
                    .any(|opening| text.starts_with(opening))
                {
                    in_answer = true;
                } else if text.starts_with(QUESTION_OPENING) {
                    in_answer = false;
                }
            }
            Item::Heading { marker, .. } => {
                if !is_list_family(family_of(marker)) {
                    in_answer = false;
                } else if in_answer {
                    demote(items, index);
                }
            }
        }
    }
}

/// Most items a quoted document spans: a sample, not a book.
const MAX_QUOTED_ITEMS: usize = 300;
/// Longest title, addressee or signature line of a quoted document, in characters.
const MAX_QUOTED_LINE_CHARS: usize = 40;

/// A whole document quoted inside the text — a sample report in a writing guide: its title
/// ("关于…的报告", "…简报"), its addressee ("董事长：") right below, and, further down, its
/// signature and date. Its 一、 and 1. are that document's, not the text's headings. Looked for
/// only after the text's first heading (a text that opens with a title and an addressee is
/// that document itself), and not across a part, chapter, section or unnumbered heading.
fn demote_quoted_documents(items: &mut [Item]) {
    let short = |text: &str| char_len_within(text, MAX_QUOTED_LINE_CHARS);
    let title = |text: &str| {
        short(text)
            && !text.contains(['。', '，', '；'])
            && super::front::ends_with_document_kind(text)
    };
    let addressee = |text: &str| {
        short(text) && text.ends_with(['：', ':']) && !text.contains(['。', '，', '；'])
    };
    let book_level = |item: &Item| match item {
        Item::Heading { marker, .. } => family_of(marker).rank() <= Family::Section.rank(),
        Item::Body { .. } => false,
    };
    let Some(first_heading) = items
        .iter()
        .position(|item| matches!(item, Item::Heading { .. }))
    else {
        return;
    };
    let mut index = first_heading + 1;
    while index + 1 < items.len() {
        let opens = body_text(&items[index]).is_some_and(title)
            && body_text(&items[index + 1]).is_some_and(addressee);
        if !opens {
            index += 1;
            continue;
        }
        let limit = items.len().min(index + MAX_QUOTED_ITEMS);
        let mut closing = None;
        for at in index + 2..limit {
            if book_level(&items[at]) {
                break;
            }
            let signed = body_text(&items[at - 1]).is_some_and(|text| {
                short(text) && !ends_sentence(text) && !text.ends_with(['：', ':'])
            });
            if signed && body_text(&items[at]).is_some_and(is_date_line) {
                closing = Some(at);
                break;
            }
        }
        match closing {
            Some(end) => {
                for quoted in index + 2..end {
                    demote(items, quoted);
                }
                index = end + 1;
            }
            None => index += 1,
        }
    }
}

/// Fewest items in a row that make a bare list.
const MIN_BARE_LIST_ITEMS: usize = 3;

/// Short items of a list family standing one under the other with no text between them
/// ("①发电时间" / "②发往机关" / "③发电话人"): a list of terms, not headings of empty
/// sections. Headings of that family have their text under them; items that are whole
/// sentences ("1、进一步加强柜面管理工作，…。") may be headings in a row.
fn demote_bare_lists(items: &mut [Item]) {
    let bare_item = |item: &Item| match item {
        Item::Heading {
            marker: Some(m),
            lead,
            rest: None,
            depth: None,
            ..
        } if is_list_family(m.family)
            && char_len_within(lead, MAX_UNNUMBERED_CHARS)
            && !lead.contains(['。', '！', '？', '；', '，']) =>
        {
            Some(m.family)
        }
        _ => None,
    };
    let mut start = 0;
    while start < items.len() {
        let Some(family) = bare_item(&items[start]) else {
            start += 1;
            continue;
        };
        let mut end = start + 1;
        while end < items.len() && bare_item(&items[end]) == Some(family) {
            end += 1;
        }
        if end - start >= MIN_BARE_LIST_ITEMS {
            for index in start..end {
                demote(items, index);
            }
        }
        start = end;
    }
}

/// A family of list numbering ("（1）", "①", "1.") that the document uses mostly for list
/// entries (more of its lines are entries than headings) heads no paragraph that is one
/// sentence ("（3）措施步骤要切实可行。") or ends in "：": such an item among them is an
/// entry too, and so is a paragraph that ends in "；" whatever its first sentence. Its titles
/// ("（1）数据集扩展") and run-in paragraphs ("1.数字化改造项目。支持…。") stay headings.
fn demote_strays_of_list_families(items: &mut [Item], line_markers: &[Option<(Family, u32)>]) {
    for family in LIST_FAMILIES {
        let (mut entries, mut headings) = (0usize, 0usize);
        for (item, marker) in items.iter().zip(line_markers) {
            if marker.is_some_and(|(f, _)| f == family) {
                match item {
                    Item::Body { .. } => entries += 1,
                    Item::Heading { .. } => headings += 1,
                }
            }
        }
        if entries <= headings {
            continue;
        }
        for index in 0..items.len() {
            let stray = match &items[index] {
                Item::Heading {
                    marker: Some(m),
                    lead,
                    rest,
                    depth: None,
                    ..
                } if m.family == family => match rest {
                    None => without_trailing_note(lead).ends_with(['。', '！', '？', '：', ':']),
                    // A paragraph that ends in a pause is an entry whatever its first
                    // sentence: "（1）依据式，…依据。通常用…开头；".
                    Some(rest) => without_trailing_note(rest).ends_with(ENTRY_ENDS),
                },
                _ => false,
            };
            if stray {
                demote(items, index);
            }
        }
    }
}

/// A lead sentence longer than [`MAX_LEAD_CHARS`] is a heading only when another member of
/// its family in the document is a heading with an ordinary lead (the family is used for
/// headings there); otherwise it is a numbered paragraph.
fn keep_long_leads_their_family_agrees_with(items: &mut [Item], long_leads: &[usize]) {
    for &index in long_leads {
        let Item::Heading {
            marker: Some(marker),
            ..
        } = &items[index]
        else {
            continue;
        };
        let family = marker.family;
        let agrees = items.iter().enumerate().any(|(other, item)| {
            other != index
                && !long_leads.contains(&other)
                && matches!(item, Item::Heading { marker: Some(m), .. } if m.family == family)
        });
        if !agrees {
            demote(items, index);
        } else if let Item::Heading { rule, .. } = &mut items[index] {
            *rule = HeadingRule::LongLead;
        }
    }
}

fn family_of(marker: &Option<Marker>) -> Family {
    marker.as_ref().map_or(Family::Unnumbered, |m| m.family)
}

/// Whether a paragraph opens by addressing the audience: "各位代表！", "同志们！".
fn starts_with_an_address(text: &str) -> bool {
    let Some(at) = text.find(['！', '!']) else {
        return false;
    };
    let head = &text[..at];
    char_len_within(head, MAX_ADDRESS_CHARS)
        && ["代表", "同志", "委员", "来宾", "朋友", "女士们", "先生们"]
            .iter()
            .any(|word| head.contains(word))
        && !head.contains(['，', '。', '；'])
}

/// The longest address opening a paragraph ("各位代表、各位委员").
const MAX_ADDRESS_CHARS: usize = 12;

/// A body's blocks before the first heading, its section tree and why each heading is one.
#[derive(Debug, Default)]
pub struct Built {
    pub front: Vec<Block>,
    pub sections: Vec<Section>,
    pub explanations: Vec<Explanation>,
}

/// Builds the section tree.
pub fn build(classified: Classified) -> Built {
    let Classified { items, toc } = classified;
    // Why each heading was made one and placed where it is, by its source line and text.
    let mut reasons: Vec<(Option<crate::model::SourceLine>, String, u8, String)> = Vec::new();
    let mut front = Vec::new();
    let mut top: Vec<Section> = Vec::new();
    let mut open: Vec<Section> = Vec::new();
    // The markup depth of each open section (Markdown's # count), kept beside `open`.
    let mut depths: Vec<Option<u8>> = Vec::new();
    // An address in the body ("各位代表！") since the last heading.
    let mut passage_break = false;
    // The highest number each book-level family (第一部分, 第一章, 第一节) has reached.
    let mut reached: std::collections::HashMap<Family, u32> = std::collections::HashMap::new();

    fn close(open: &mut Vec<Section>, depths: &mut Vec<Option<u8>>, top: &mut Vec<Section>) {
        depths.pop();
        let section = open.pop().expect("close on an open section");
        match open.last_mut() {
            Some(parent) => parent.children.push(section),
            None => top.push(section),
        }
    }

    for item in items {
        match item {
            Item::Body { text, line } => {
                // "各位代表！…" in the body turns from one passage to the next: a new family of
                // headings after it does not nest in the section the address closes.
                if open.len() >= 2 && starts_with_an_address(&text) {
                    passage_break = true;
                }
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
                depth,
                rule,
            } => {
                let family = family_of(&marker);
                let mut placed = String::new();
                let new_family = !open.iter().any(|s| family_of(&s.heading.marker) == family);
                // A series of chapters (or parts, sections) that starts again from the top
                // after the document has been through it, with none of it open, is a
                // re-listing — answers or a review by chapter — inside the heading that
                // introduces it ("一、简答题" / "第一章 公文" …), not a new book.
                let ordinal = marker.as_ref().map_or(0, |m| m.ordinal);
                let book_series =
                    matches!(family, Family::Part | Family::Chapter | Family::Section);
                let relisted = book_series
                    && new_family
                    && reached
                        .get(&family)
                        .is_some_and(|&most| ordinal == 1 && most > 1)
                    && open
                        .last()
                        .is_some_and(|s| family_of(&s.heading.marker).rank() > family.rank());
                if book_series {
                    let most = reached.entry(family).or_default();
                    *most = (*most).max(ordinal);
                }
                if std::mem::take(&mut passage_break) && new_family && open.len() >= 2 {
                    close(&mut open, &mut depths, &mut top);
                    placed.push_str("a new passage after an address to the audience; ");
                }
                // A family seen again closes everything opened below it; otherwise the new
                // heading is a child of the nearest open heading of a higher-ranked family.
                // (Unless the markup puts it deeper: unnumbered "Heading 3" under an
                // unnumbered "Heading 2" is a child, though both have no family.)
                if let Some(pos) = open.iter().zip(&depths).position(|(s, open_depth)| {
                    family_of(&s.heading.marker) == family
                        && !matches!((depth, open_depth), (Some(d), Some(o)) if d > *o)
                }) {
                    placed.push_str(&format!(
                        "numbered like \"{}\" above, a sibling of it",
                        open[pos].heading.text
                    ));
                    while open.len() > pos {
                        close(&mut open, &mut depths, &mut top);
                    }
                } else {
                    // A heading the markup puts deeper (### under ##) stays inside the
                    // shallower one whatever their families.
                    // A styled sub-heading (Word's "Heading 2", no number) under a typed
                    // heading that has no style ("二、建设内容" in Normal) stays inside it.
                    let styled_subheading =
                        family == Family::Unnumbered && depth.is_some_and(|d| d >= 2);
                    while !relisted
                        && open
                            .last()
                            .zip(depths.last())
                            .is_some_and(|(s, open_depth)| {
                                let open_family = family_of(&s.heading.marker);
                                let typed_parent = styled_subheading
                                    && open_depth.is_none()
                                    && open_family != Family::Unnumbered;
                                open_family.rank() >= family.rank()
                                    && !typed_parent
                                    && !matches!((depth, open_depth), (Some(d), Some(o)) if d > *o)
                            })
                    {
                        close(&mut open, &mut depths, &mut top);
                    }
                    match open.last() {
                        Some(parent) if relisted => placed.push_str(&format!(
                            "inside \"{}\": the series starts again here, a re-listing under it",
                            parent.heading.text
                        )),
                        Some(parent) => placed.push_str(&format!(
                            "inside \"{}\" (its numbering ranks higher{})",
                            parent.heading.text,
                            if depth.is_some() {
                                " or its Markdown level is shallower"
                            } else {
                                ""
                            }
                        )),
                        None => placed.push_str("at the top: no open heading ranks higher"),
                    }
                }
                let placement = match rest {
                    Some(rest) => Placement::RunIn {
                        rest: inline::enumerate(&rest),
                    },
                    None => Placement::Standalone,
                };
                let level = u8::try_from(open.len() + 1).unwrap_or(u8::MAX);
                reasons.push((
                    source_line(line),
                    lead.clone(),
                    level,
                    format!("{}; {placed}", rule.describe(marker.as_ref())),
                ));
                depths.push(depth);
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
        close(&mut open, &mut depths, &mut top);
    }
    shift_for_missing_parent(&mut top);
    shift_to_the_contents_levels(&mut top, &toc);
    // The tree's reading order is the order the headings were built in.
    let mut explanations = Vec::with_capacity(reasons.len());
    for ((_, section), (line, text, built_level, mut why)) in
        crate::model::walk_sections(&top).into_iter().zip(reasons)
    {
        let heading = &section.heading;
        let mut doubtful = why.contains("a long lead sentence");
        let contents_level = heading
            .marker
            .as_ref()
            .and_then(|m| toc.level_of(m.family))
            .filter(|&level| level > 1 && built_level == 1);
        if let Some(level) = contents_level {
            why.push_str(&format!(
                "; at level {level}, where the table of contents lists its numbering (the \
                 headings above it there are missing from the text)"
            ));
        } else if heading.level != built_level {
            // Said once, at the top of what moved.
            doubtful |= built_level == 1;
            why.push_str(
                "; one level deeper than built: the headings before the first of the top \
                 numbering sit under a parent that is missing (a lost page?)",
            );
        }
        explanations.push(Explanation {
            line,
            text,
            level: heading.level,
            why,
            doubtful,
        });
    }
    Built {
        front,
        sections: top,
        explanations,
    }
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

/// A top-level heading whose numbering the table of contents lists deeper (chapters under
/// parts, and the parts' titles missing from the text) goes to the contents' level.
fn shift_to_the_contents_levels(top: &mut [Section], toc: &toc::Toc) {
    for section in top {
        let listed = section
            .heading
            .marker
            .as_ref()
            .and_then(|m| toc.level_of(m.family))
            .unwrap_or(1);
        for _ in 1..listed {
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
        let sections = build(classify(lines)).sections;
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
            "2.上行文、平行文、下行文的划分根据是公文的（A）。",
            "3.下列不属于法定公文文种的是（　）。",
        ]);
        assert_eq!(got.len(), 1);
    }

    #[test]
    fn a_bare_list_of_terms_is_no_headings() {
        let got = outline(&[
            "一、电话记录的内容",
            "电话记录应写明下列事项。",
            "①发电时间",
            "②发往机关",
            "③发电话人",
            "二、电话记录的处理",
            "正文。",
        ]);
        assert_eq!(
            got.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>(),
            vec!["一、电话记录的内容", "二、电话记录的处理"]
        );
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

//! A scraper's metadata at the top of a text: a `---` … `---` block of `key：value` lines, or
//! such lines without fences ("标题：…", "来源：…", "发布时间：…") above the document.
//!
//! The lines are taken off and reported; a 标题 or 文号 field stands in for the document's
//! own title or number only when the document has none.

use super::lines::Line;
use super::space::is_space;
use crate::error::{Warning, WarningKind};

/// Labels of the fields scrapers and government sites put above a document.
pub const FIELD_LABELS: &[&str] = &[
    "标题",
    "题目",
    "名称",
    "索引号",
    "来源",
    "信息来源",
    "发布时间",
    "发布日期",
    "发文日期",
    "成文日期",
    "生成日期",
    "作者",
    "发布机构",
    "发文机关",
    "发布单位",
    "文号",
    "发文字号",
    "主题分类",
    "主题词",
    "公文种类",
    "体裁分类",
    "有效性",
    "时效性",
    "状态",
    "层级",
    "类型",
    "分类",
    "官方链接",
    "原文链接",
    "链接",
    "网址",
    "关键词",
    "编辑",
    "责任编辑",
    "点击数",
    "浏览次数",
    "字号",
    "实施日期",
    "废止日期",
    "title",
    "source",
    "date",
    "author",
    "url",
    "tags",
    "category",
];

/// Most lines a fenced metadata block may hold.
const MAX_BLOCK_LINES: usize = 30;

/// What a metadata block said that the document may use.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    /// The 标题 field.
    pub title: Option<String>,
    /// The 文号 / 发文字号 field.
    pub doc_number: Option<String>,
}

/// `label：value` with a known label; returns the label and the value.
pub fn field(text: &str) -> Option<(&'static str, &str)> {
    let text = text.trim_start_matches(['-', '*', ' ']);
    FIELD_LABELS.iter().find_map(|label| {
        let rest = text.strip_prefix(label)?;
        let value = rest
            .trim_start_matches(is_space)
            .strip_prefix(['：', ':'])?;
        Some((*label, value.trim_matches(is_space)))
    })
}

/// Records a field the document may use.
pub fn note_field(metadata: &mut Metadata, label: &str, value: &str) {
    let value = value.trim_matches(['"', '\'']).to_string();
    match label {
        "标题" | "题目" | "title" if !value.is_empty() => metadata.title = Some(value),
        "文号" | "发文字号" if !value.is_empty() => metadata.doc_number = Some(value),
        _ => {}
    }
}

/// Takes a metadata block off the top of `lines`; the removed lines are reported.
///
/// ```
/// use wengao::read::text::{lines::split, scraped::take_metadata};
/// let mut warnings = Vec::new();
/// let (lines, metadata) = take_metadata(split("---\n标题：关于做好防汛工作的通知\n来源：X市政府网\n---\n关于做好防汛工作的通知\n正文。\n"), &mut warnings);
/// assert_eq!(lines[0].text, "关于做好防汛工作的通知");
/// assert_eq!(metadata.title.as_deref(), Some("关于做好防汛工作的通知"));
/// assert_eq!(warnings.len(), 4);
/// ```
pub fn take_metadata(lines: Vec<Line>, warnings: &mut Vec<Warning>) -> (Vec<Line>, Metadata) {
    let mut metadata = Metadata::default();
    let fence = |l: &Line| l.text.chars().count() >= 3 && l.text.chars().all(|c| c == '-');
    let taken = match lines.first() {
        Some(first) if fence(first) => lines
            .iter()
            .skip(1)
            .take(MAX_BLOCK_LINES)
            .position(fence)
            .filter(|&end| {
                lines[1..=end]
                    .iter()
                    .all(|l| l.text.contains(['：', ':']) || l.text.trim().is_empty())
            })
            .map(|end| end + 2),
        _ => {
            let count = lines
                .iter()
                .take_while(|l| field(&l.text).is_some())
                .count();
            // One field alone at the top is a field only when it is the title.
            let lone_title = count == 1 && field(&lines[0].text).is_some_and(|(l, _)| l == "标题");
            (count >= 2 || lone_title).then_some(count)
        }
    };
    let Some(taken) = taken else {
        return (lines, metadata);
    };
    let mut lines = lines;
    let rest = lines.split_off(taken);
    for line in lines {
        if let Some((label, value)) = field(&line.text).or_else(|| {
            let (key, value) = line.text.split_once([':', '：'])?;
            FIELD_LABELS
                .iter()
                .find(|l| **l == key.trim())
                .map(|l| (*l, value.trim()))
        }) {
            note_field(&mut metadata, label, value);
        }
        warnings.push(Warning::at(
            line.number,
            WarningKind::Boilerplate,
            format!("removed a line of the page's metadata: {:?}", line.text),
        ));
    }
    (rest, metadata)
}

/// Labels of a government site's 信息公开 table, flattened one cell per line by a scraper
/// ("索取号" / "3589258689/2025-00165" / "载体类型" / "发布机构" / …).
const INFO_TABLE_LABELS: &[&str] = &[
    "索取号",
    "索引号",
    "信息索引号",
    "载体类型",
    "记录形式",
    "公开类别",
    "公开方式",
    "公开范围",
    "内容描述",
    "文件编号",
    "所属机构",
    "组配分类",
    "服务对象分类",
    "主题",
];

/// Lines at the top a 信息公开 table may start within.
const INFO_TABLE_SEARCH_LINES: usize = 40;
/// Label lines that make a run a table rather than a word or two of the document.
const MIN_INFO_TABLE_LABELS: usize = 3;

fn is_table_label(text: &str) -> bool {
    let text = text.trim_matches(is_space).trim_end_matches(['：', ':']);
    INFO_TABLE_LABELS.contains(&text) || FIELD_LABELS.contains(&text)
}

/// Takes a flattened 信息公开 table off the top of the text: label lines, each followed by
/// its value on the next line or by the next label when it has none. The lines are reported;
/// a 文件编号 or 标题 value stands in for the document's own when it has none. A value that
/// is a document number under a label that holds prose (内容描述) is the document's own
/// 发文字号 after an empty cell, and ends the table.
pub fn take_info_table(lines: Vec<Line>, warnings: &mut Vec<Warning>) -> (Vec<Line>, Metadata) {
    let mut metadata = Metadata::default();
    let Some(start) = lines
        .iter()
        .take(INFO_TABLE_SEARCH_LINES)
        .position(|l| is_table_label(&l.text))
    else {
        return (lines, metadata);
    };
    let mut end = start;
    let mut labels = 0;
    while end < lines.len() && is_table_label(&lines[end].text) {
        let label = lines[end]
            .text
            .trim_matches(is_space)
            .trim_end_matches(['：', ':']);
        labels += 1;
        end += 1;
        let Some(value) = lines.get(end).filter(|l| !is_table_label(&l.text)) else {
            continue;
        };
        let numbered_label = matches!(label, "文件编号" | "文号" | "发文字号");
        if super::front::is_doc_number(&value.text.replace(' ', "")) && !numbered_label {
            break;
        }
        let text = value.text.trim_matches(is_space);
        match label {
            "文件编号" => note_field(&mut metadata, "文号", text),
            other => note_field(&mut metadata, other, text),
        }
        end += 1;
    }
    if labels < MIN_INFO_TABLE_LABELS {
        return (lines, Metadata::default());
    }
    let mut lines = lines;
    let rest = lines.split_off(end);
    let table = lines.split_off(start);
    for line in table {
        warnings.push(Warning::at(
            line.number,
            WarningKind::Boilerplate,
            format!(
                "removed a cell of the page's 信息公开 table: {:?}",
                line.text
            ),
        ));
    }
    lines.extend(rest);
    (lines, metadata)
}

//! The top of a document: a 公文's 版头 (份号, 密级, 紧急程度, 发文机关标志, 发文字号, 签发人),
//! the title (up to three lines), the subtitle, speaker and date lines, and the salutation
//! ("同志们：") or the 主送机关 ("各区县人民政府：").
//!
//! Each element is recognised by its position (before the body) and its whole-line shape,
//! never because a sentence contains "文件" or a date.

use super::lines::{Hint, Line};
use super::markers;
use super::space::{compact, is_space};
use super::structure::source_line;
use crate::error::{Warning, WarningKind};
use crate::model::{DetailRole, DocKind, Element, Header, Meta, is_han};

const SENTENCE_MARKS: &[char] = &['。', '；', '！', '？', '!', '?', ';'];
const ADDRESS_WORDS: &[&str] = &[
    "同志们",
    "各位代表",
    "各位委员",
    "各位",
    "尊敬的",
    "女士们",
    "先生们",
    "朋友们",
    "同事们",
    "代表们",
    "老师们",
    "同学们",
    "来宾",
];

/// The words an issuing body's name ends with ("X市人民政府办公室", "X市财政局").
pub const ORGAN_SUFFIXES: &[&str] = &[
    "人民政府",
    "政府",
    "办公厅",
    "办公室",
    "委员会",
    "委",
    "局",
    "厅",
    "部",
    "院",
    "署",
    "会",
    "党委",
    "党组",
    "区委",
    "县委",
    "市委",
    "省委",
    "中心",
    "处",
    "所",
    "站",
    "队",
    "公司",
    "集团",
    "大学",
    "学院",
    "学校",
    "医院",
    "协会",
    "联合会",
    "管委会",
    "街道办事处",
    "办事处",
    "镇",
    "乡",
];

/// Words that name bodies in a 主送机关 line.
const ADDRESSEE_WORDS: &[&str] = &[
    "政府",
    "委员会",
    "部门",
    "单位",
    "机构",
    "党委",
    "党组",
    "办公室",
    "厅",
    "局",
    "区委",
    "县委",
    "市委",
    "省委",
    "委",
    "院",
    "学校",
    "医院",
    "企业",
    "公司",
    "中心",
];

/// Longest line taken for a title line (a long 公文 title line is some 40 characters).
const MAX_TITLE_LINE_CHARS: usize = 100;
/// Longest subtitle line ("——在……会议上的讲话").
const MAX_SUBTITLE_CHARS: usize = 80;
/// Longest speaker line ("国务院总理 李强").
const MAX_SPEAKER_CHARS: usize = 24;
/// Longest salutation ("尊敬的各位来宾：").
const MAX_SALUTATION_CHARS: usize = 30;
/// Longest 主送机关 line.
const MAX_ADDRESSEE_CHARS: usize = 80;
/// Longest issuing body's name (a signature or a mark line).
pub const MAX_ORGAN_CHARS: usize = 30;
/// Longest 发文字号.
const MAX_DOC_NUMBER_CHARS: usize = 30;
/// Most title lines (GB/T 9704 titles run to three lines at most).
const MAX_TITLE_LINES: usize = 3;

fn visible_len(text: &str) -> usize {
    text.chars().filter(|&c| !is_space(c)).count()
}

/// "（2022年10月16日）", "2023年3月5日", "(二〇二三年三月)".
pub fn is_date_line(text: &str) -> bool {
    let inner = strip_brackets(text).unwrap_or(text);
    is_date(inner)
}

/// A date written alone: "2024年3月1日", "二〇二四年三月一日", "2023年3月".
pub fn is_date(text: &str) -> bool {
    // "二〇二五年十二月三十一日" with spaces is the longest; most lines are not looked at closer.
    if text.len() > MAX_DATE_BYTES || !text.contains('年') {
        return false;
    }
    let numeral = |c: char| {
        c.is_ascii_digit() || ('０'..='９').contains(&c) || "〇零一二三四五六七八九十".contains(c)
    };
    let text = compact(text);
    let Some((year, rest)) = text.split_once('年') else {
        return false;
    };
    let Some((month, rest)) = rest.split_once('月') else {
        return false;
    };
    let day_ok = rest.is_empty()
        || rest
            .strip_suffix('日')
            .is_some_and(|d| !d.is_empty() && d.chars().all(numeral));
    (2..=4).contains(&year.chars().count())
        && year.chars().all(numeral)
        && (1..=2).contains(&month.chars().count())
        && month.chars().all(numeral)
        && day_ok
}

/// The content of a line wrapped in one pair of round brackets.
fn strip_brackets(text: &str) -> Option<&str> {
    let inner = text.strip_prefix(['（', '('])?.strip_suffix(['）', ')'])?;
    (!inner.contains(['（', '(', '）', ')'])).then_some(inner)
}

/// "——在……上的讲话", or a bracketed line with an occasion: "（2024年1月31日在……会议上）".
fn is_subtitle_line(text: &str) -> bool {
    if text.starts_with("——") || text.starts_with('—') {
        return visible_len(text) <= MAX_SUBTITLE_CHARS && !text.ends_with('。');
    }
    strip_brackets(text).is_some_and(|inner| {
        (inner.contains('在')
            || inner.contains("会议")
            || inner.contains("讲话")
            || inner.contains("讲稿"))
            && !inner.contains('。')
    })
}

/// Titles of a speech's parts, which a short line of Chinese characters may be instead of a
/// speaker's name.
const PART_TITLES: &[&str] = &[
    "开幕词",
    "闭幕词",
    "结论",
    "引言",
    "结语",
    "结束语",
    "前言",
    "序言",
    "导言",
    "总结",
    "讲话",
    "致辞",
    "后记",
    "附录",
    "注释",
    "目录",
];

/// A newspaper's byline: "本报记者 何 勇 侯琳良", "新华社记者　张三".
fn is_byline(text: &str) -> bool {
    [
        "本报记者",
        "新华社记者",
        "记者",
        "本报通讯员",
        "通讯员",
        "本报评论员",
    ]
    .iter()
    .any(|w| text.starts_with(w))
        && visible_len(text) <= MAX_SPEAKER_CHARS + 8
        && !text.contains(['。', '，', '：'])
}

/// "习近平", "州长  杨光杰", "国务院总理 李强".
fn is_speaker_line(text: &str) -> bool {
    let spaceless = compact(text);
    // "第一章 组织建设", "一 总体要求": a heading, not a post and a name.
    if PART_TITLES.contains(&spaceless.as_str()) || markers::parse(text).is_some() {
        return false;
    }
    if visible_len(text) > MAX_SPEAKER_CHARS
        || text
            .chars()
            .any(|c| !is_han(c) && !is_space(c) && !"·•".contains(c))
    {
        return false;
    }
    let words: Vec<&str> = text.split(is_space).filter(|w| !w.is_empty()).collect();
    // A letter-spaced name: "张  明", "王 小 红".
    if words.len() >= 2 && words.len() <= 4 && words.iter().all(|w| w.chars().count() == 1) {
        return true;
    }
    // A post before a letter-spaced name: "市长　王　东".
    let spaced_name = words
        .iter()
        .rev()
        .take_while(|w| w.chars().count() == 1)
        .count();
    if (2..=3).contains(&spaced_name) && spaced_name < words.len() {
        return true;
    }
    match words.as_slice() {
        [name] => (2..=4).contains(&name.chars().count()) && !is_organ_name(name),
        [.., name] => (2..=4).contains(&name.chars().count()),
        [] => false,
    }
}

/// "同志们：", "各位代表：", "尊敬的各位来宾：".
pub fn is_salutation(text: &str) -> bool {
    let ends_with_colon = text.ends_with('：') || text.ends_with(':');
    ends_with_colon
        && visible_len(text) <= MAX_SALUTATION_CHARS
        && ADDRESS_WORDS.iter().any(|w| text.contains(w))
        && !text.contains(['。', '，'])
}

/// A 主送机关 line: bodies named, ending in a colon ("各区县人民政府，市政府各部门："), or a
/// first line of several ending in 、 or ，.
fn is_addressee_line(text: &str, last: bool) -> bool {
    let ends = if last {
        text.ends_with(['：', ':'])
    } else {
        text.ends_with(['、', '，', ','])
    };
    ends && visible_len(text) <= MAX_ADDRESSEE_CHARS
        && !text.contains(SENTENCE_MARKS)
        && !text.contains('。')
        && ADDRESSEE_WORDS.iter().any(|w| text.contains(w))
        && !is_salutation(text)
        && markers::parse(text).is_none()
}

/// An issuing body's name alone: "X市人民政府办公室", "中共X县委".
pub fn is_organ_name(text: &str) -> bool {
    let len = visible_len(text);
    (3..=MAX_ORGAN_CHARS).contains(&len)
        && !text.contains(['，', '。', '：', ':', '、', '；', '（', '('])
        && !text.chars().any(is_space)
        && ORGAN_SUFFIXES.iter().any(|s| text.ends_with(s))
        && markers::parse(text).is_none()
        && !is_date(text)
}

/// The names of one or several issuing bodies written on a line, separated by spaces
/// ("X市教育局　　X市财政局"), or `None` when the line is not only names.
pub fn organ_names(text: &str) -> Option<Vec<&str>> {
    let names: Vec<&str> = text.split(is_space).filter(|w| !w.is_empty()).collect();
    (!names.is_empty() && names.iter().all(|n| is_organ_name(n))).then_some(names)
}

/// The issuing authority's mark: one or several names and "文件" ("X市人民政府办公室文件",
/// "X市教育局 X市财政局文件"), or "文件" alone under stacked names.
fn is_mark_with_file(text: &str) -> bool {
    let Some(names) = text.strip_suffix("文件") else {
        return false;
    };
    let names = names.trim_matches(is_space);
    names.is_empty()
        || (visible_len(text) <= 2 * MAX_ORGAN_CHARS
            && organ_names(names).is_some()
            && !text.contains(SENTENCE_MARKS))
}

/// A document number: "X政办发〔2024〕12号", "国发[2023]5号".
pub fn is_doc_number(text: &str) -> bool {
    let Some(open) = text.find(['〔', '[', '【', '（', '(', '［']) else {
        return false;
    };
    let after = &text[open..];
    let digits: String = after
        .chars()
        .skip(1)
        .take_while(|c| c.is_ascii_digit() || ('０'..='９').contains(c))
        .collect();
    (2..=4).contains(&digits.chars().count())
        && open > 0
        && text.ends_with('号')
        && visible_len(text) <= MAX_DOC_NUMBER_CHARS
        && !text.contains(SENTENCE_MARKS)
        && !text.contains(['，', '：'])
}

/// A 发文字号 line of an upward document with its signers: "X发改〔2025〕3号　　签发人：张三".
fn split_signers(text: &str) -> Option<(&str, Vec<&str>)> {
    let at = text.find("签发人")?;
    let number = text[..at].trim_matches(is_space);
    let names = text[at + "签发人".len()..]
        .trim_start_matches(is_space)
        .strip_prefix(['：', ':'])?;
    let names: Vec<&str> = names.split(is_space).filter(|n| !n.is_empty()).collect();
    (!names.is_empty()).then_some((number, names))
}

/// The mark of an order (令): "广东省人民政府令", "中华人民共和国主席令".
fn is_order_mark(text: &str) -> bool {
    text.ends_with('令')
        && visible_len(text) <= MAX_ORGAN_CHARS + 2
        && !text.contains(SENTENCE_MARKS)
        && !text.contains(['，', '：'])
}

/// An order's number: "（第290号）", "第12号".
fn is_order_number(text: &str) -> bool {
    let inner = text
        .trim_matches(is_space)
        .trim_start_matches(['（', '('])
        .trim_end_matches(['）', ')']);
    inner
        .strip_prefix('第')
        .and_then(|rest| rest.strip_suffix('号'))
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

/// 份号: six digits alone.
fn is_copy_number(text: &str) -> bool {
    text.chars().count() == 6 && text.chars().all(|c| c.is_ascii_digit())
}

/// 密级和保密期限: "绝密", "机密★1年", "秘密★6个月".
fn is_secrecy(text: &str) -> bool {
    ["绝密", "机密", "秘密"].iter().any(|w| text.starts_with(w))
        && visible_len(text) <= 12
        && !text.contains(SENTENCE_MARKS)
        && !text.contains(['，', '：'])
}

/// 紧急程度: "特急", "加急", "特提", "平急".
fn is_urgency(text: &str) -> bool {
    matches!(text, "特急" | "加急" | "特提" | "平急")
}

pub fn is_title_candidate_line(text: &str) -> bool {
    let len = visible_len(text);
    (2..=MAX_TITLE_LINE_CHARS).contains(&len)
        && !text.contains(SENTENCE_MARKS)
        && !text.ends_with(['：', ':', '，', ',', '、'])
        && markers::parse(text).is_none()
        && !is_date_line(text)
        && !is_subtitle_line(text)
        && !is_salutation(text)
        && !is_doc_number(text)
        && !text.starts_with(['（', '('])
        && text.matches('：').count() < 2
}

/// Names of documents (文种) a title ends with.
const DOCUMENT_KINDS: &[&str] = &[
    "通知", "通报", "意见", "决定", "报告", "请示", "批复", "函", "方案", "规划", "办法", "规定",
    "细则", "讲话", "纪要", "公告", "通告", "决议", "命令", "议案", "提纲", "总结", "计划", "要点",
    "指南", "条例", "章程", "讲稿", "致辞", "发言", "简报",
];

/// Whether a title (its lines joined) reads as complete: it ends with a 文种.
pub fn ends_with_document_kind(text: &str) -> bool {
    DOCUMENT_KINDS.iter().any(|kind| text.ends_with(kind))
}

/// Whether a title line leaves the title unfinished ("关于…的", "X市人民政府办公室关于").
fn reads_unfinished(text: &str) -> bool {
    text.ends_with(['的', '和', '与', '及', '暨', '于', '在'])
        || text.ends_with("关于")
        || !text.contains(['的', '关', '于'])
            && organ_names(text).is_some_and(|names| names.len() > 1)
}

/// Splits "政府工作报告——2024年3月5日在……会议上国务院总理 李强" into title, subtitle and speaker.
fn split_merged_title(text: &str) -> Option<(String, String, Option<String>)> {
    let dash = text.find("——").filter(|&i| i > 0)?;
    let (title, tail) = text.split_at(dash);
    if !is_title_candidate_line(title) {
        return None;
    }
    let last_space = tail
        .char_indices()
        .filter(|&(_, c)| is_space(c))
        .map(|(i, _)| i)
        .next_back();
    let Some(space) = last_space else {
        return Some((title.to_string(), tail.to_string(), None));
    };
    let name = tail[space..].trim_matches(is_space);
    let head = tail[..space].trim_end_matches(is_space);
    let split = head
        .rfind('上')
        .map(|i| i + '上'.len_utf8())
        .filter(|&i| i < head.len());
    let (subtitle, post) = match split {
        Some(i) => (&head[..i], &head[i..]),
        None => (head, ""),
    };
    let speaker = if post.is_empty() {
        name.to_string()
    } else {
        format!("{post} {name}")
    };
    Some((title.to_string(), subtitle.to_string(), Some(speaker)))
}

/// What a title-block line under the title is: date, subtitle or speaker, tried in that order
/// and skipping roles already read; `None` when it is none of them.
fn detail_role(text: &str, meta: &Meta) -> Option<DetailRole> {
    [DetailRole::Date, DetailRole::Subtitle, DetailRole::Speaker]
        .into_iter()
        .find(|&role| {
            !meta.has_detail(role)
                && match role {
                    DetailRole::Date => is_date_line(text),
                    DetailRole::Subtitle => is_subtitle_line(text),
                    DetailRole::Speaker => is_speaker_line(text),
                }
        })
}

/// Reads subtitle, date and speaker (under a title) and the salutation or addressee from the
/// start of `lines` into `meta`; returns how many lines it used.
pub fn take_details(lines: &[Line], meta: &mut Meta) -> usize {
    let mut used = 0;
    if !meta.title.is_empty() {
        while let Some(line) = lines.get(used) {
            let text = &line.text;
            let role = match detail_role(text, meta) {
                Some(role) => role,
                // A newspaper's 副题 right above its byline.
                None if lines
                    .get(used + 1)
                    .is_some_and(|next| is_byline(&next.text))
                    && visible_len(text) <= MAX_SUBTITLE_CHARS
                    && meta.details.is_empty() =>
                {
                    DetailRole::Subtitle
                }
                None if is_byline(text) => DetailRole::Speaker,
                None => break,
            };
            meta.push_detail(role, text.clone());
            used += 1;
        }
    }
    if meta.salutation.is_none() && lines.get(used).is_some_and(|l| is_salutation(&l.text)) {
        meta.salutation = Some(lines[used].text.clone());
        used += 1;
    } else if meta.addressee.is_empty() {
        used += take_addressee(&lines[used..], meta);
    }
    used
}

/// The 主送机关: one line ending in a colon, or several whose last ends in one.
fn take_addressee(lines: &[Line], meta: &mut Meta) -> usize {
    for count in 1..=3.min(lines.len()) {
        let group = &lines[..count];
        let last_ok = is_addressee_line(&group[count - 1].text, true);
        let others_ok = group[..count - 1]
            .iter()
            .all(|l| is_addressee_line(&l.text, false));
        if last_ok && others_ok {
            meta.addressee = group
                .iter()
                .map(|l| Element::at(l.text.clone(), source_line(l.number)))
                .collect();
            return count;
        }
        if !others_ok {
            break;
        }
    }
    // Under a 版头, a line of bodies without its colon ("各区县人民政府，市政府各部门") is
    // still the 主送机关 (and `check` says the colon is missing).
    if meta.header.is_some()
        && let Some(line) = lines.first()
        && is_addressee_line(&format!("{}：", line.text), true)
        && line.text.starts_with('各')
        && ADDRESSEE_WORDS.iter().any(|w| line.text.ends_with(w))
    {
        meta.addressee = vec![Element::at(line.text.clone(), source_line(line.number))];
        return 1;
    }
    0
}

/// The longest line (bytes) that may be a date.
const MAX_DATE_BYTES: usize = 64;

/// Reads the 版头 at the start of `lines`: 份号, 密级, 紧急程度, the issuer's mark, 发文字号 and
/// 签发人. Returns the header (`None` when there is none) and how many lines it used.
fn take_header(lines: &[Line]) -> (Option<Header>, usize) {
    let mut header = Header::default();
    let mut used = 0;
    let element = |line: &Line, text: &str| Element::at(text, source_line(line.number));
    let at = |used: usize| lines.get(used).map(|l| l.text.as_str()).unwrap_or("");
    if is_copy_number(at(used)) {
        header.copy_number = Some(element(&lines[used], at(used)));
        used += 1;
    }
    if is_secrecy(at(used)) {
        header.secrecy = Some(element(&lines[used], at(used)));
        used += 1;
    }
    if is_urgency(at(used)) {
        header.urgency = Some(element(&lines[used], at(used)));
        used += 1;
    }
    // The mark: a line with 文件, stacked names over 文件, or names alone above a document
    // number (信函格式, a mark without 文件) or above a title that repeats them.
    let mark_start = used;
    if is_mark_with_file(at(used)) {
        used += 1;
    } else {
        let mut names = used;
        // Stacked names are written line under line; a blank line ends them.
        while names < lines.len()
            && names - used < 4
            && organ_names(at(names)).is_some()
            && !(names > used && lines[names].after_blank)
        {
            names += 1;
        }
        if names > used && at(names) == "文件" {
            used = names + 1;
        } else if names > used && (is_doc_number(at(names)) || split_signers(at(names)).is_some()) {
            used = names;
        } else if names == used + 1
            && lines.get(names).is_some_and(|next| {
                next.after_blank && next.text.starts_with(lines[used].text.as_str())
            })
        {
            // "××市人民政府办公室", a blank line, then a title that repeats the name.
            used = names;
        }
    }
    header.mark = lines[mark_start..used]
        .iter()
        .map(|l| element(l, &l.text))
        .collect();
    if let Some((number, signers)) = split_signers(at(used)).filter(|(n, _)| is_doc_number(n)) {
        header.doc_number = Some(element(&lines[used], number));
        header.signers = signers.iter().map(|s| element(&lines[used], s)).collect();
        used += 1;
    } else if is_doc_number(at(used)) && lines.len() > used + 1 {
        header.doc_number = Some(element(&lines[used], at(used)));
        used += 1;
        if let Some(("", signers)) = split_signers(at(used)) {
            header.signers = signers.iter().map(|s| element(&lines[used], s)).collect();
            used += 1;
        }
    }
    // A government order: "广东省人民政府令" over "（第290号）".
    if header.mark.is_empty()
        && header.doc_number.is_none()
        && is_order_mark(at(used))
        && is_order_number(at(used + 1))
    {
        header.mark = vec![element(&lines[used], at(used))];
        header.doc_number = Some(element(&lines[used + 1], at(used + 1)));
        used += 2;
    }
    // An issuer's name under the number, right above the title (a web copy of a 函).
    if header.mark.is_empty()
        && header.doc_number.is_some()
        && organ_names(at(used)).is_some()
        && is_title_candidate_line(at(used + 1))
    {
        header.mark = vec![element(&lines[used], at(used))];
        used += 1;
    }
    if header == Header::default() {
        return (None, 0);
    }
    let number = header.doc_number.as_ref().map_or("", |n| n.text.as_str());
    let has_file_word = header.mark.iter().any(|m| m.text.ends_with("文件"));
    header.kind = if !header.signers.is_empty() {
        DocKind::Upward
    } else if number.contains('函') && !has_file_word {
        DocKind::Letter
    } else {
        DocKind::File
    };
    (Some(header), used)
}

/// Whether two lines are the same title written with different brackets, dashes or spaces
/// ("…(2021—2023年)的通知" and "…（2021-2023年）的通知").
fn same_title(a: &str, b: &str) -> bool {
    let loose = |text: &str| -> String {
        text.chars()
            .filter(|&c| !is_space(c))
            .map(|c| match c {
                '（' => '(',
                '）' => ')',
                '—' | '–' | '－' | '―' => '-',
                other => other,
            })
            .collect()
    };
    loose(a) == loose(b)
}

/// A headline is a whole title, not a word or two.
const MIN_HEADLINE_CHARS: usize = 8;

/// Lines a page's headline may stand above the title it repeats.
const MAX_HEADLINE_GAP: usize = 6;

/// Reads the front matter at the start of `lines`; returns the meta and how many lines it used.
pub fn take(lines: &[Line], warnings: &mut Vec<Warning>) -> (Meta, usize) {
    let mut meta = Meta::default();
    // A page's headline repeating the title that stands a few lines below it, under the
    // 版头 (发文字号, issuer): the headline goes.
    let headline = lines.first().is_some_and(|first| {
        is_title_candidate_line(&first.text)
            && organ_names(&first.text).is_none()
            && visible_len(&first.text) >= MIN_HEADLINE_CHARS
            && (1..=MAX_HEADLINE_GAP.min(lines.len().saturating_sub(1))).any(|k| {
                same_title(&lines[k].text, &first.text)
                    && lines[1..k].iter().all(|l| {
                        is_doc_number(&l.text.replace(' ', ""))
                            || organ_names(&l.text).is_some()
                            || is_date_line(&l.text)
                    })
            })
    });
    let skip = usize::from(headline);
    if headline {
        warnings.push(Warning::at(
            lines[0].number,
            WarningKind::Boilerplate,
            format!(
                "removed the page's headline, which repeats the title below it: {:?}",
                lines[0].text
            ),
        ));
    }
    let (header, header_lines) = take_header(&lines[skip..]);
    let mut used = skip + header_lines;
    meta.header = header;
    let remaining = |used: usize| lines.len().saturating_sub(used);

    // The page's headline repeating a title written below on several lines: keep the title.
    if let Some(first) = lines.get(used).filter(|l| is_title_candidate_line(&l.text)) {
        for count in 2..=MAX_TITLE_LINES {
            let joined: String = lines
                .iter()
                .skip(used + 1)
                .take(count)
                .map(|l| l.text.as_str())
                .collect();
            if lines.len() > used + count && joined == first.text {
                warnings.push(Warning::at(
                    first.number,
                    WarningKind::Boilerplate,
                    format!(
                        "removed the page's headline, which repeats the title: {:?}",
                        first.text
                    ),
                ));
                used += 1;
                break;
            }
        }
    }

    // Title: up to three short lines that are not anything else, and that something follows.
    while meta.title.len() < MAX_TITLE_LINES && remaining(used) > 1 {
        let line = &lines[used];
        let text = match super::boilerplate::strip_page_marker(&line.text) {
            Some((clean, marker)) => {
                warnings.push(Warning::at(
                    line.number,
                    WarningKind::Boilerplate,
                    format!("removed the pagination marker {marker:?} from the title"),
                ));
                clean
            }
            None => line.text.clone(),
        };
        if meta.title.is_empty()
            && let Some((title, subtitle, speaker)) = split_merged_title(&text)
        {
            meta.title.push(title);
            meta.push_detail(DetailRole::Subtitle, subtitle);
            if let Some(speaker) = speaker {
                meta.push_detail(DetailRole::Speaker, speaker);
            }
            used += 1;
            break;
        }
        let title_so_far = meta.title.concat();
        let continues_title = match meta.title.len() {
            0 => true,
            // A second line: not a name, and not after a title that is complete and a line
            // that starts a new block.
            1 => {
                !(is_speaker_line(&text)
                    || line.after_blank && ends_with_document_kind(&title_so_far))
            }
            // A third line only finishes a title left unfinished ("…的" / "通知").
            _ => {
                reads_unfinished(meta.title.last().map_or("", String::as_str))
                    && !ends_with_document_kind(&title_so_far)
            }
        };
        let hinted_heading = matches!(line.hint, Hint::Heading(depth) if depth > 1);
        if is_title_candidate_line(&text)
            && continues_title
            && !hinted_heading
            && !super::toc::is_label(&text)
        {
            meta.title.push(text);
            used += 1;
        } else {
            break;
        }
    }

    used += take_details(&lines[used..], &mut meta);
    (meta, used)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(texts: &[&str]) -> Vec<Line> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| Line::new(i + 1, t.to_string()))
            .collect()
    }

    #[test]
    fn a_line_of_form_fields_is_no_title_line() {
        assert!(!is_title_candidate_line(
            "申请日期：2025年3月1日　　项目编号：XM-2025-018"
        ));
        assert!(is_title_candidate_line("专题：数字政府建设"));
    }

    #[test]
    fn full_title_block() {
        let input = lines(&[
            "高举中国特色社会主义伟大旗帜",
            "为全面建设社会主义现代化国家而团结奋斗",
            "——在中国共产党第二十次全国代表大会上的报告",
            "（2022年10月16日）",
            "习近平",
            "同志们：",
            "现在，我代表第十九届中央委员会向大会作报告。",
        ]);
        let (meta, used) = take(&input, &mut Vec::new());
        assert_eq!(used, 6);
        assert_eq!(meta.title.len(), 2);
        assert_eq!(
            meta.detail(DetailRole::Subtitle),
            Some("——在中国共产党第二十次全国代表大会上的报告")
        );
        assert_eq!(meta.detail(DetailRole::Date), Some("（2022年10月16日）"));
        assert_eq!(meta.detail(DetailRole::Speaker), Some("习近平"));
        assert_eq!(meta.salutation.as_deref(), Some("同志们："));
    }

    #[test]
    fn details_keep_the_order_they_were_written_in() {
        let input = lines(&[
            "政府工作报告",
            "（2025年1月10日）",
            "市长　王　东",
            "——在市第十届人民代表大会第五次会议上",
            "各位代表：",
            "现在，我代表市人民政府向大会报告工作。",
        ]);
        let (meta, used) = take(&input, &mut Vec::new());
        assert_eq!(used, 5);
        let roles: Vec<DetailRole> = meta.details.iter().map(|d| d.role).collect();
        assert_eq!(
            roles,
            [DetailRole::Date, DetailRole::Speaker, DetailRole::Subtitle]
        );
    }

    #[test]
    fn merged_title_line() {
        let input = lines(&[
            "政府工作报告——2024年3月5日在第十四届全国人民代表大会第二次会议上国务院总理\u{2002}李强",
            "各位代表：",
            "正文。",
        ]);
        let (meta, used) = take(&input, &mut Vec::new());
        assert_eq!(used, 2);
        assert_eq!(meta.title, vec!["政府工作报告"]);
        assert_eq!(meta.detail(DetailRole::Speaker), Some("国务院总理 李强"));
    }

    #[test]
    fn no_title_when_text_starts_with_body() {
        let input = lines(&[
            "党的十八大报告勾画了宏伟蓝图，是我们党的政治宣言和行动纲领。",
            "第一，深刻领会。",
        ]);
        let (meta, used) = take(&input, &mut Vec::new());
        assert_eq!(used, 0);
        assert!(meta.title.is_empty());
    }

    #[test]
    fn a_full_gongwen_header() {
        let input = lines(&[
            "000128",
            "机密★1年",
            "特急",
            "X省人民政府办公厅文件",
            "X政办发〔2025〕7号",
            "X省人民政府办公厅关于进一步做好",
            "冬春季节安全生产工作的通知",
            "各市、县（区）人民政府，省政府各部门、",
            "各直属机构：",
            "冬春季节是各类安全生产事故的易发多发期。",
        ]);
        let (meta, used) = take(&input, &mut Vec::new());
        assert_eq!(used, 9);
        let header = meta.header.unwrap();
        assert_eq!(header.copy_number.unwrap().text, "000128");
        assert_eq!(header.secrecy.unwrap().text, "机密★1年");
        assert_eq!(header.urgency.unwrap().text, "特急");
        assert_eq!(header.mark[0].text, "X省人民政府办公厅文件");
        assert_eq!(header.doc_number.unwrap().text, "X政办发〔2025〕7号");
        assert_eq!(header.kind, DocKind::File);
        assert_eq!(meta.title.len(), 2);
        assert_eq!(meta.addressee.len(), 2);
    }

    #[test]
    fn upward_documents_and_letters() {
        let input = lines(&[
            "X市发展和改革委员会文件",
            "X发改〔2025〕3号　　　　签发人：张三",
            "X市发展和改革委员会关于调整2025年",
            "市级重大项目投资计划的请示",
            "市人民政府：",
            "正文。",
        ]);
        let (meta, used) = take(&input, &mut Vec::new());
        assert_eq!(used, 5);
        let header = meta.header.unwrap();
        assert_eq!(header.kind, DocKind::Upward);
        assert_eq!(header.signers[0].text, "张三");
        assert_eq!(header.doc_number.unwrap().text, "X发改〔2025〕3号");
        let letter = lines(&[
            "X市人民政府办公室",
            "X政办函〔2025〕18号",
            "X市人民政府办公室关于X市至Y市",
            "城际公交线路开通运营有关事项的函",
            "Y市人民政府办公室：",
            "正文。",
        ]);
        let (meta, _) = take(&letter, &mut Vec::new());
        assert_eq!(meta.header.unwrap().kind, DocKind::Letter);
        assert_eq!(meta.title.len(), 2);
    }

    #[test]
    fn stacked_joint_marks() {
        let input = lines(&[
            "X市卫生健康委员会",
            "X市医疗保障局",
            "文件",
            "X卫发〔2025〕15号",
            "X市卫生健康委员会　X市医疗保障局关于",
            "推进医疗机构检查检验结果互认工作的通知",
            "各区县卫生健康局、医疗保障局，市属各医疗机构：",
            "正文。",
        ]);
        let (meta, used) = take(&input, &mut Vec::new());
        assert_eq!(used, 7);
        assert_eq!(meta.header.unwrap().mark.len(), 3);
        assert_eq!(meta.title.len(), 2);
    }

    #[test]
    fn three_line_titles_under_an_issuer_line() {
        let mut input = lines(&[
            "××市人民政府办公室",
            "××市人民政府办公室",
            "关于进一步加强城市地下管线安全管理的",
            "通知",
            "各区人民政府，市政府各部门、各直属机构：",
            "正文。",
        ]);
        input[1].after_blank = true;
        let (meta, used) = take(&input, &mut Vec::new());
        assert_eq!(used, 5);
        assert_eq!(meta.header.unwrap().mark[0].text, "××市人民政府办公室");
        assert_eq!(meta.title.len(), 3);
    }

    #[test]
    fn a_headline_repeating_the_title_is_removed() {
        let input = lines(&[
            "X市人民政府办公室关于做好2024年春季农业生产工作的通知",
            "X市人民政府办公室关于做好2024年",
            "春季农业生产工作的通知",
            "各区县人民政府：",
            "正文。",
        ]);
        let mut warnings = Vec::new();
        let (meta, used) = take(&input, &mut warnings);
        assert_eq!(used, 4);
        assert_eq!(meta.title.len(), 2);
        assert_eq!(warnings.len(), 1);
    }

    #[test]
    fn speakers() {
        for line in [
            "习近平",
            "张  明",
            "州长\u{2002} 杨光杰",
            "国务院总理 李强",
            "王 小 红",
            "市长　王　东",
        ] {
            assert!(is_speaker_line(line), "{line}");
        }
        for line in [
            "一、总体要求",
            "加强机关作风建设推动全市高质量发展",
            "同志们：",
        ] {
            assert!(!is_speaker_line(line), "{line}");
        }
    }

    #[test]
    fn dates() {
        assert!(is_date_line("（2018年1月2日）"));
        assert!(is_date_line("2023年3月"));
        assert!(is_date_line("(二〇二三年三月五日)"));
        assert!(!is_date_line("2023年工作回顾"));
        assert!(is_subtitle_line(
            "（2024年1月31日在黔东南州第十五届人民代表大会第四次会议上）"
        ));
    }
}

//! Front matter: title lines, subtitle, speaker, date and salutation at the top of a text.

use super::lines::Line;
use super::markers;
use super::space::is_space;
use crate::error::{Warning, WarningKind};
use crate::model::{DetailRole, Meta, is_han};

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

fn visible_len(text: &str) -> usize {
    text.chars().filter(|&c| !is_space(c)).count()
}

/// "（2022年10月16日）", "2023年3月5日", "(二〇二三年三月)".
pub fn is_date_line(text: &str) -> bool {
    let inner = strip_brackets(text).unwrap_or(text);
    is_date(inner)
}

fn is_date(text: &str) -> bool {
    let numeral = |c: char| {
        c.is_ascii_digit() || ('０'..='９').contains(&c) || "〇零一二三四五六七八九十".contains(c)
    };
    let text: String = text.chars().filter(|&c| !is_space(c)).collect();
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
        return visible_len(text) <= 80 && !text.ends_with('。');
    }
    strip_brackets(text).is_some_and(|inner| {
        (inner.contains('在') || inner.contains("会议") || inner.contains("讲话"))
            && !inner.contains('。')
    })
}

/// "习近平", "州长  杨光杰", "国务院总理 李强".
fn is_speaker_line(text: &str) -> bool {
    if visible_len(text) > 24
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
        [name] => (2..=4).contains(&name.chars().count()),
        [.., name] => (2..=4).contains(&name.chars().count()),
        [] => false,
    }
}

/// "同志们：", "各位代表：", "尊敬的各位来宾：", or a 公文's addressee "各区县人民政府，市政府各部门：".
pub fn is_salutation(text: &str) -> bool {
    let ends_with_colon = text.ends_with('：') || text.ends_with(':');
    let address = visible_len(text) <= 30
        && ADDRESS_WORDS.iter().any(|w| text.contains(w))
        && !text.contains(['。', '，']);
    let addressee = visible_len(text) <= 60
        && text.starts_with('各')
        && ADDRESSEE_WORDS.iter().any(|w| text.contains(w))
        && !text.contains('。');
    ends_with_colon && (address || addressee)
}

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
];

/// The issuing authority's header line: "X市人民政府办公室文件".
pub fn is_issuer_line(text: &str) -> bool {
    text.ends_with("文件")
        && (4..=30).contains(&visible_len(text))
        && !text.contains(SENTENCE_MARKS)
        && !text.contains(['，', '、'])
}

/// A document number: "X政办发〔2024〕12号", "国发[2023]5号".
pub fn is_doc_number(text: &str) -> bool {
    let Some(open) = text.find(['〔', '[', '【', '（', '(']) else {
        return false;
    };
    let after = &text[open..];
    let digits: String = after
        .chars()
        .skip(1)
        .take_while(|c| c.is_ascii_digit())
        .collect();
    digits.len() == 4
        && text.ends_with('号')
        && visible_len(text) <= 30
        && !text.contains(SENTENCE_MARKS)
}

fn is_title_candidate(text: &str) -> bool {
    let len = visible_len(text);
    (2..=40).contains(&len)
        && !text.contains(SENTENCE_MARKS)
        && !text.ends_with(['：', ':', '，', ',', '、'])
        && markers::parse(text).is_none()
        && !is_date_line(text)
        && !is_subtitle_line(text)
        && !is_salutation(text)
        && !is_doc_number(text)
        && !text.starts_with(['（', '('])
}

/// Splits "政府工作报告——2024年3月5日在……会议上国务院总理 李强" into title, subtitle and speaker.
fn split_merged_title(text: &str) -> Option<(String, String, Option<String>)> {
    let dash = text.find("——").filter(|&i| i > 0)?;
    let (title, tail) = text.split_at(dash);
    if !is_title_candidate(title) {
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

/// Reads subtitle, date and speaker (under a title) and the salutation from the start of
/// `lines` into `meta`; returns how many lines it used.
pub fn take_details(lines: &[Line], meta: &mut Meta) -> usize {
    let mut used = 0;
    if !meta.title.is_empty() {
        while let Some(line) = lines.get(used) {
            let text = &line.text;
            let Some(role) = detail_role(text, meta) else {
                break;
            };
            meta.push_detail(role, text.clone());
            used += 1;
        }
    }
    if meta.salutation.is_none() && lines.get(used).is_some_and(|l| is_salutation(&l.text)) {
        meta.salutation = Some(lines[used].text.clone());
        used += 1;
    }
    used
}

/// Reads the front matter at the start of `lines`; returns the meta and how many lines it used.
pub fn take(lines: &[Line], warnings: &mut Vec<Warning>) -> (Meta, usize) {
    let mut meta = Meta::default();
    let mut used = 0;
    let remaining = |used: usize| lines.len().saturating_sub(used);

    // A 公文's header: issuing authority and document number above the title.
    if remaining(used) > 1 && is_issuer_line(&lines[used].text) {
        meta.issuer = Some(lines[used].text.clone());
        used += 1;
    }
    if remaining(used) > 1 && is_doc_number(&lines[used].text) {
        meta.doc_number = Some(lines[used].text.clone());
        used += 1;
    }

    // Title: up to two short lines that are not anything else, and that something follows.
    while meta.title.len() < 2 && remaining(used) > 1 {
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
        let second_line_ok = meta.title.is_empty() || !is_speaker_line(&text);
        if is_title_candidate(&text) && second_line_ok {
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
        let read_back: Vec<&str> = meta.lines_under_title().collect();
        let written: Vec<&str> = input[1..5].iter().map(|l| l.text.as_str()).collect();
        assert_eq!(read_back, written);
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
        assert_eq!(
            meta.detail(DetailRole::Subtitle),
            Some("——2024年3月5日在第十四届全国人民代表大会第二次会议上")
        );
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
    fn salutation_first() {
        let (meta, used) = take(
            &lines(&["各位代表：", "现在，我代表市人民政府。"]),
            &mut Vec::new(),
        );
        assert_eq!((used, meta.salutation.as_deref()), (1, Some("各位代表：")));
        assert!(meta.title.is_empty());
    }

    #[test]
    fn pagination_marker_removed_with_warning() {
        let mut warnings = Vec::new();
        let (meta, _) = take(
            &lines(&[
                "在干部作风整顿活动动员大会上的讲话(第2/2页)",
                "第三,要解决好。正文。",
            ]),
            &mut warnings,
        );
        assert_eq!(meta.title, vec!["在干部作风整顿活动动员大会上的讲话"]);
        assert_eq!(warnings.len(), 1);
    }

    #[test]
    fn gongwen_header() {
        let input = lines(&[
            "X市人民政府办公室文件",
            "X政办发〔2024〕12号",
            "X市人民政府办公室关于印发《X市优化营商环境三年行动方案》的通知",
            "各区县人民政府，市政府各部门、各直属机构：",
            "现印发给你们，请认真贯彻执行。",
        ]);
        let (meta, used) = take(&input, &mut Vec::new());
        assert_eq!(used, 4);
        assert_eq!(meta.issuer.as_deref(), Some("X市人民政府办公室文件"));
        assert_eq!(meta.doc_number.as_deref(), Some("X政办发〔2024〕12号"));
        assert_eq!(
            meta.title,
            vec!["X市人民政府办公室关于印发《X市优化营商环境三年行动方案》的通知"]
        );
        assert_eq!(
            meta.salutation.as_deref(),
            Some("各区县人民政府，市政府各部门、各直属机构：")
        );
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
            "副市长 李 四 五",
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

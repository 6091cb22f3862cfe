//! The end of a 公文: the 附件说明, 发文机关署名, 成文日期 and 附注 after the body, the attachments
//! (附件1 …, or the document a 印发 notice issues), and the 版记 (抄送, 印发机关和印发日期).
//!
//! Each is found by its place (after the body, at the very end) and its whole-line shape: a
//! sentence that mentions 抄送 or 附件, or a date inside a sentence, stays body text.

use super::front::{is_date, is_title_candidate_line, organ_names};
use super::lines::Line;
use super::space::{compact, is_space};
use super::structure::source_line;
use crate::model::{AttachmentNote, Closing, Element, PRINTED_WORD, Record};

/// How far from the end the 抄送 line may start (its wrapped continuation lines included).
const MAX_CC_LINES: usize = 4;
/// Most lines a 发文机关署名 takes (one body a line in a joint issue).
const MAX_SIGNATURE_LINES: usize = 4;
/// Longest attachment label ("附件12：").
const MAX_LABEL_CHARS: usize = 6;

/// An attachment's lines before its body is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachmentLines {
    pub label: Option<Element>,
    pub title: Vec<String>,
    pub body: Vec<Line>,
}

/// A document's lines split at the end of its body.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Tail {
    pub closing: Option<Closing>,
    pub attachments: Vec<AttachmentLines>,
    pub record: Option<Record>,
}

fn element(line: &Line, text: &str) -> Element {
    Element::at(text, source_line(line.number))
}

/// "X市人民政府办公室　　2025年11月20日印发": the printer and the date.
fn print_line(text: &str) -> Option<(Option<&str>, &str)> {
    let rest = text.strip_suffix(PRINTED_WORD)?.trim_end_matches(is_space);
    // The date is the last word; the printer, if any, before it.
    let split = rest.rfind(is_space);
    let (printer, date) = match split {
        Some(at) => (
            Some(rest[..at].trim_matches(is_space)),
            rest[at..].trim_matches(is_space),
        ),
        None => {
            // "X市人民政府办公室2025年11月20日印发": the date starts at its first digit.
            let at = rest.find(|c: char| c.is_ascii_digit() || "二〇".contains(c))?;
            (
                Some(rest[..at].trim_matches(is_space)).filter(|p| !p.is_empty()),
                &rest[at..],
            )
        }
    };
    (is_date(date) && printer.is_none_or(|p| organ_names(p).is_some())).then_some((printer, date))
}

/// A 抄送 line: "抄送：…", the bodies after the colon.
fn cc_line(text: &str) -> Option<&str> {
    text.strip_prefix("抄送")?
        .trim_start_matches(is_space)
        .strip_prefix(['：', ':'])
        .map(|rest| rest.trim_matches(is_space))
}

/// Takes the 版记 off the end of `lines`.
fn take_record(lines: &mut Vec<Line>) -> Option<Record> {
    let mut record = Record::default();
    let printed = lines.last().and_then(|last| {
        let (printer, date) = print_line(&last.text)?;
        Some((printer.map(|p| element(last, p)), element(last, date)))
    });
    if let Some((printer, date)) = printed {
        lines.pop();
        record.printer = printer;
        record.print_date = Some(date);
    }
    let end = lines.len();
    let cc_start =
        (end.saturating_sub(MAX_CC_LINES)..end).find(|&i| cc_line(&lines[i].text).is_some());
    if let Some(start) = cc_start {
        // A long list of bodies wraps onto the next lines: names and pauses, the last line
        // ending in 。; nothing follows a 。, and no line is a field or a print line.
        let continuation_ok = {
            let mut open = !lines[start].text.ends_with('。');
            lines[start + 1..end].iter().all(|l| {
                let fits = open && !l.text.contains(['：', ':']) && !l.text.contains(PRINTED_WORD);
                open = !l.text.ends_with('。');
                fits
            })
        };
        if continuation_ok {
            let first = &lines[start];
            let mut text = cc_line(&first.text).unwrap_or("").to_string();
            for line in &lines[start + 1..end] {
                text.push_str(&line.text);
            }
            record.cc = Some(element(first, &text));
            lines.truncate(start);
        }
    }
    (record != Record::default()).then_some(record)
}

/// The longest line (bytes) that may be an attachment's label, spaces included.
const MAX_LABEL_BYTES: usize = 32;

/// "附件", "附件1", "附件 2：": an attachment's label alone on its line.
fn is_label(text: &str) -> bool {
    if text.len() > MAX_LABEL_BYTES {
        return false;
    }
    let spaceless = compact(text);
    let Some(rest) = spaceless.strip_prefix("附件") else {
        return false;
    };
    let rest = rest.trim_end_matches(['：', ':']);
    spaceless.chars().count() <= MAX_LABEL_CHARS && rest.chars().all(|c| c.is_ascii_digit())
}

/// "附件：1.名称" → (Some(1), "名称"); "附件：名称" → (None, "名称").
fn note_item(text: &str) -> Option<(Option<u32>, &str)> {
    let digits: String = text.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.is_empty() {
        return Some((None, text));
    }
    // "1.2025年…": a number, then a year — the item number is 1; "2025年…" has no number.
    match text[digits.len()..].strip_prefix(['.', '．', '、']) {
        Some(rest) => Some((digits.parse().ok(), rest)),
        None => Some((None, text)),
    }
}

/// The 附件说明 lines before the signature: "附件：1.…" and the following "2.…" lines, a wrapped
/// name's continuation joined to it.
fn attachment_notes(lines: &[Line]) -> Option<Vec<AttachmentNote>> {
    let first = lines.first()?;
    let rest = first
        .text
        .strip_prefix("附件")?
        .trim_start_matches(is_space)
        .strip_prefix(['：', ':'])?
        .trim_matches(is_space);
    if rest.is_empty() || rest.ends_with(['。', '；']) {
        return None;
    }
    let mut notes: Vec<AttachmentNote> = Vec::new();
    let (number, name) = note_item(rest)?;
    notes.push(AttachmentNote {
        number,
        name: element(first, name),
    });
    for line in &lines[1..] {
        match note_item(&line.text) {
            Some((Some(number), name)) => notes.push(AttachmentNote {
                number: Some(number),
                name: element(line, name),
            }),
            _ => {
                // A wrapped name goes on under the one above.
                let last = notes.last_mut()?;
                last.name.text.push_str(&line.text);
            }
        }
    }
    Some(notes)
}

/// The signature and date: the first date line alone after the body with one to four lines
/// of issuers' names above it (the 附件说明 above those). Returns the index where the closing
/// starts and the closing.
fn find_closing(lines: &[Line]) -> Option<(usize, usize, Closing)> {
    // The body goes on at least to the last heading its table of contents lists: a
    // signature and date above it close a document the text quotes.
    let body_goes_on_to = if lines.iter().any(|l| super::toc::is_label(&l.text)) {
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        super::toc::find(&texts).last_listed(&texts)
    } else {
        None
    };
    for (date_at, line) in lines.iter().enumerate() {
        if !is_date(&line.text)
            || date_at == 0
            || body_goes_on_to.is_some_and(|last| date_at < last)
        {
            continue;
        }
        let mut start = date_at;
        while start > 0
            && date_at - start < MAX_SIGNATURE_LINES
            && organ_names(&lines[start - 1].text).is_some()
        {
            start -= 1;
        }
        // A date alone under the body (the issuer's name lost in the copy) closes the main
        // text only when a document of its own follows: a title, then numbered headings.
        if start == date_at && !opens_a_document(&lines[date_at + 1..]) {
            continue;
        }
        let mut closing = Closing {
            sealed: true,
            ..Closing::default()
        };
        for signature in &lines[start..date_at] {
            for name in organ_names(&signature.text).unwrap_or_default() {
                closing.signatures.push(element(signature, name));
            }
        }
        closing.date = Some(element(line, &line.text));
        // The 附件说明 above: from a "附件：" line down to the signature.
        let notes_start = (start.saturating_sub(8)..start).find(|&i| {
            lines[i].text.starts_with("附件") && attachment_notes(&lines[i..start]).is_some()
        });
        let closing_start = match notes_start {
            Some(notes_at) => {
                closing.attachment_notes = attachment_notes(&lines[notes_at..start])?;
                notes_at
            }
            None => start,
        };
        let mut end = date_at + 1;
        if let Some(next) = lines.get(end)
            && is_annotation(&next.text)
        {
            closing.annotation = Some(element(next, &next.text));
            end += 1;
        }
        // A numbered heading right after the date: the text goes on, and the signature and
        // date closed a document it quotes (a sample notice in a textbook).
        if lines.get(end).is_some_and(|next| {
            super::markers::parse(&next.text).is_some() && !is_label(&next.text)
        }) {
            continue;
        }
        return Some((closing_start, end, closing));
    }
    None
}

/// Whether `lines` start with a document's title followed, within a few paragraphs, by a
/// numbered heading.
fn opens_a_document(lines: &[Line]) -> bool {
    lines
        .first()
        .is_some_and(|title| is_title_candidate_line(&title.text))
        && lines
            .iter()
            .skip(1)
            .take(INNER_DOCUMENT_SEARCH_LINES)
            .any(|l| super::markers::parse(&l.text).is_some())
}

/// Lines after an inner document's title within which its first heading stands.
const INNER_DOCUMENT_SEARCH_LINES: usize = 8;

/// 附注: a line in parentheses ("（此件公开发布）", "（联系人：…）").
fn is_annotation(text: &str) -> bool {
    (text.starts_with('（') && text.ends_with('）'))
        || (text.starts_with('(') && text.ends_with(')'))
}

/// Splits the lines after the title block into the body and what follows it: the closing,
/// the attachments and the record block.
///
/// ```
/// use wengao::read::text::{closing::split, lines::split as lines};
/// let (body, tail) = split(lines("正文。\n附件：1.甲清单\n2.乙表\nX市人民政府办公室\n2025年1月1日\n（此件公开发布）\n附件1\n甲清单\n内容。\n抄送：省政府办公厅。\nX市人民政府办公室　2025年1月2日印发\n"));
/// assert_eq!(body.len(), 1);
/// let closing = tail.closing.unwrap();
/// assert_eq!(closing.attachment_notes.len(), 2);
/// assert_eq!(closing.signatures[0].text, "X市人民政府办公室");
/// assert_eq!(tail.attachments[0].title, vec!["甲清单"]);
/// assert_eq!(tail.record.unwrap().cc.unwrap().text, "省政府办公厅。");
/// ```
pub fn split(mut lines: Vec<Line>) -> (Vec<Line>, Tail) {
    let mut tail = Tail {
        record: take_record(&mut lines),
        ..Tail::default()
    };
    let (body_end, after_closing) = match find_closing(&lines) {
        Some((start, end, closing)) => {
            tail.closing = Some(closing);
            (start, end)
        }
        None => match lines.iter().position(|l| is_label(&l.text)) {
            // Attachments without a signature before them.
            Some(label) if label > 0 => (label, label),
            _ => (lines.len(), lines.len()),
        },
    };
    let rest = lines.split_off(after_closing);
    lines.truncate(body_end);
    tail.attachments = attachments(rest);
    (lines, tail)
}

/// The attachments after the closing: each from its label, or one unlabelled document (the
/// plan a 印发 notice issues) when the first line is not a label.
fn attachments(lines: Vec<Line>) -> Vec<AttachmentLines> {
    let mut out: Vec<AttachmentLines> = Vec::new();
    let mut current: Option<AttachmentLines> = None;
    for line in lines {
        if is_label(&line.text) {
            out.extend(current.take());
            let label = line.text.trim_matches(is_space).to_string();
            current = Some(AttachmentLines {
                label: Some(element(&line, &label)),
                title: Vec::new(),
                body: Vec::new(),
            });
            continue;
        }
        let attachment = current.get_or_insert_with(|| AttachmentLines {
            label: None,
            title: Vec::new(),
            body: Vec::new(),
        });
        let takes_title = attachment.body.is_empty()
            && attachment.title.is_empty()
            && is_title_candidate_line(&line.text);
        if takes_title {
            attachment.title.push(line.text);
        } else {
            attachment.body.push(line);
        }
    }
    out.extend(current);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::text::lines::split as lines;

    #[test]
    fn a_quoted_document_does_not_close_the_text() {
        // A textbook quotes a sample notice, signature and date included, and goes on with
        // its next numbered heading: the text is not closed there.
        let text =
            "一、通告的写作\n例文如下。\nX市公安局\n2009年3月16日\n二、公报\n公报是……的公文。\n";
        let (body, tail) = split(lines(text));
        assert_eq!(body.len(), 6, "{body:#?}");
        assert!(tail.closing.is_none());
        // The same when a sample document follows the date: the table of contents lists a
        // heading further down.
        let text = "目录\n第一章 公文......1\n第二章 写作......9\n第一章 公文\n例文。\nX市公安局\n2009年3月16日\n关于加强管理的通告\n一、总则\n正文。\n第二章 写作\n正文。\n";
        let (body, tail) = split(lines(text));
        assert_eq!(body.len(), 12, "{body:#?}");
        assert!(tail.closing.is_none() && tail.attachments.is_empty());
    }

    #[test]
    fn sentences_that_mention_elements_stay_body() {
        let text = "请于2025年3月1日前将材料抄送市政府办公室。\n抄送市政府办公室的材料，须同时报送备案。\n附件中的活动安排表请各单位细化。\n（具体报送邮箱另行通知）\n附件：2025年活动安排表\nX市应急管理局\n2025年2月20日\n（此件公开发布）\n";
        let (body, tail) = split(lines(text));
        assert_eq!(body.len(), 4, "{body:#?}");
        let closing = tail.closing.unwrap();
        assert_eq!(closing.attachment_notes[0].name.text, "2025年活动安排表");
        assert_eq!(closing.annotation.unwrap().text, "（此件公开发布）");
    }

    #[test]
    fn joint_signatures_and_wrapped_notes_and_cc() {
        let text = "正文。\n附件：1.甲\n2.乙的建设\n与管理规范\nX市教育局　　X市财政局\n2025年3月5日\n抄送：省教育厅，\n省财政厅。\nX市教育局办公室　　2025年3月5日印发\n";
        let (body, tail) = split(lines(text));
        assert_eq!(body.len(), 1);
        let closing = tail.closing.unwrap();
        let names: Vec<&str> = closing.signatures.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(names, vec!["X市教育局", "X市财政局"]);
        assert_eq!(closing.attachment_notes[1].name.text, "乙的建设与管理规范");
        let record = tail.record.unwrap();
        assert_eq!(record.cc.unwrap().text, "省教育厅，省财政厅。");
        assert_eq!(record.printer.unwrap().text, "X市教育局办公室");
        assert_eq!(record.print_date.unwrap().text, "2025年3月5日");
    }

    #[test]
    fn an_issued_document_after_its_notice() {
        let text = "现将《X方案》印发给你们。\nX市人民政府办公室\n2024年6月18日\n（此件公开发布）\nX市推进公共数据开放利用实施方案\n为加快推进，制定本方案。\n一、总体要求\n";
        let (body, tail) = split(lines(text));
        assert_eq!(body.len(), 1);
        assert_eq!(tail.attachments.len(), 1);
        assert!(tail.attachments[0].label.is_none());
        assert_eq!(
            tail.attachments[0].title,
            vec!["X市推进公共数据开放利用实施方案"]
        );
        assert_eq!(tail.attachments[0].body.len(), 2);
    }
}

//! `check`'s 公文 rules (GB/T 9704): the 发文字号's form, dates, the 主送机关's colon, the
//! 附件说明 against the attachments, the 抄送's full stop, elements out of order.

use crate::model::{Document, Element, SourceLine};
use crate::outline::Problem;

/// The 公文 problems of `document`, each with the input line of its element.
///
/// ```
/// use wengao::model::*;
/// let mut doc = Document::default();
/// doc.meta.header = Some(Header { doc_number: Some(Element::new("X政发[2025]05号")), ..Header::default() });
/// let problems = wengao::gongwen_check::check(&doc);
/// assert_eq!(problems.len(), 2); // square brackets, a leading zero
/// ```
pub fn check(document: &Document) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut report = |element: &Element, message: String| {
        problems.push(Problem {
            line: element.line,
            message,
        });
    };
    let meta = &document.meta;
    if let Some(number) = meta.header.as_ref().and_then(|h| h.doc_number.as_ref()) {
        for problem in doc_number_problems(&number.text) {
            report(number, format!("发文字号 {}: {problem}", number.text));
        }
    }
    if let Some(last) = meta.addressee.last()
        && !last.text.ends_with('：')
    {
        report(
            last,
            format!("主送机关 ends without its colon \"：\": {}", last.text),
        );
    }
    if let Some(closing) = &document.closing {
        if let Some(date) = &closing.date {
            for problem in date_problems(&date.text) {
                report(date, format!("成文日期 {}: {problem}", date.text));
            }
        }
        let titled: Vec<String> = document
            .attachments
            .iter()
            .map(|a| a.title.concat())
            .collect();
        let notes = &closing.attachment_notes;
        if !notes.is_empty() && !document.attachments.is_empty() {
            if notes.len() != document.attachments.len() {
                report(
                    &notes[0].name,
                    format!(
                        "附件说明 names {} attachment(s), the document has {}",
                        notes.len(),
                        document.attachments.len()
                    ),
                );
            }
            for (note, title) in notes.iter().zip(&titled) {
                if !title.is_empty() && compact(&note.name.text) != compact(title) {
                    report(
                        &note.name,
                        format!(
                            "附件说明 name differs from the attachment's title: {} / {title}",
                            note.name.text
                        ),
                    );
                }
            }
        }
    }
    if let Some(record) = &document.record {
        if let Some(cc) = &record.cc
            && !cc.text.ends_with('。')
        {
            report(
                cc,
                format!("抄送 ends without its full stop \"。\": {}", cc.text),
            );
        }
        if let Some(date) = &record.print_date {
            for problem in date_problems(&date.text) {
                report(date, format!("印发日期 {}: {problem}", date.text));
            }
        }
    }
    problems.extend(order_problems(document));
    problems
}

/// The text without white space, for comparing names.
fn compact(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .collect()
}

/// What is wrong with a 发文字号 against "机关代字〔2025〕12号".
fn doc_number_problems(number: &str) -> Vec<&'static str> {
    let mut problems = Vec::new();
    let Some(open) = number.find(['〔', '[', '【', '（', '(', '［']) else {
        return vec!["no year in brackets; write it as 机关代字〔2025〕12号"];
    };
    let bracket = number[open..].chars().next().unwrap_or('〔');
    if bracket != '〔' {
        problems.push("the year takes the hexagonal brackets 〔〕, not [] () or 【】");
    }
    let after_open = &number[open + bracket.len_utf8()..];
    let year: String = after_open
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    if year.len() != 4 {
        problems.push("the year is written in full, four digits");
    }
    let rest = &after_open[year.len()..];
    let serial = rest
        .trim_start_matches(['〕', ']', '】', '）', ')', '］'])
        .trim_end_matches('号');
    if serial.starts_with('第') {
        problems.push("no 第 before the serial number");
    }
    let digits = serial.trim_start_matches('第');
    if digits.starts_with('0') && digits.len() > 1 {
        problems.push("the serial number has no leading zero (1, not 01)");
    }
    problems
}

/// What is wrong with a date against "2025年5月8日".
fn date_problems(date: &str) -> Vec<&'static str> {
    let inner = date.trim_matches(['（', '）', '(', ')']);
    if inner
        .chars()
        .any(|c| "〇零一二三四五六七八九十".contains(c))
    {
        return vec!["dates are written in Arabic numerals: 2025年5月8日"];
    }
    let mut problems = Vec::new();
    match inner.find('年') {
        None => problems.push("the year is missing"),
        Some(at) if inner[..at].chars().filter(char::is_ascii_digit).count() != 4 => {
            problems.push("the year is written in full, four digits");
        }
        Some(_) => {}
    }
    let padded = |unit: char| {
        inner.find(unit).is_some_and(|at| {
            let digits: String = inner[..at]
                .chars()
                .rev()
                .take_while(char::is_ascii_digit)
                .collect();
            digits.len() == 2 && digits.ends_with('0')
        })
    };
    if padded('月') || padded('日') {
        problems.push("month and day take no leading zero (5月8日, not 05月08日)");
    }
    problems
}

/// Elements found out of GB/T 9704's order: each element's input line should come after
/// the one before it.
fn order_problems(document: &Document) -> Vec<Problem> {
    let mut sequence: Vec<(&str, Option<SourceLine>)> = Vec::new();
    let meta = &document.meta;
    if let Some(header) = &meta.header {
        let named = [
            ("份号", &header.copy_number),
            ("密级", &header.secrecy),
            ("紧急程度", &header.urgency),
        ];
        for (name, element) in named {
            if let Some(element) = element {
                sequence.push((name, element.line));
            }
        }
        if let Some(mark) = header.mark.first() {
            sequence.push(("发文机关标志", mark.line));
        }
        if let Some(number) = &header.doc_number {
            sequence.push(("发文字号", number.line));
        }
    }
    if let Some(addressee) = meta.addressee.first() {
        sequence.push(("主送机关", addressee.line));
    }
    if let Some(closing) = &document.closing {
        if let Some(note) = closing.attachment_notes.first() {
            sequence.push(("附件说明", note.name.line));
        }
        if let Some(signature) = closing.signatures.first() {
            sequence.push(("署名", signature.line));
        }
        if let Some(date) = &closing.date {
            sequence.push(("成文日期", date.line));
        }
        if let Some(annotation) = &closing.annotation {
            sequence.push(("附注", annotation.line));
        }
    }
    if let Some(record) = &document.record {
        if let Some(cc) = &record.cc {
            sequence.push(("抄送", cc.line));
        }
        if let Some(printer) = &record.printer {
            sequence.push(("印发机关", printer.line));
        }
    }
    let mut problems = Vec::new();
    let mut previous: Option<(&str, SourceLine)> = None;
    for (name, line) in sequence {
        let Some(line) = line else { continue };
        if let Some((before, before_line)) = previous
            && line < before_line
        {
            problems.push(Problem {
                line: Some(line),
                message: format!(
                    "{name} comes before {before} (line {before_line}); GB/T 9704 puts it after"
                ),
            });
        }
        previous = Some((name, line));
    }
    // A 抄送 line inside an attachment: the 版记 goes after the attachments, at the end.
    for attachment in &document.attachments {
        for block in attachment.front.iter().chain(
            crate::model::walk_sections(&attachment.sections)
                .iter()
                .flat_map(|(_, s)| s.blocks.iter()),
        ) {
            let text = block.plain_text();
            if text.starts_with("抄送：") || text.starts_with("抄送:") {
                problems.push(Problem {
                    line: block.line(),
                    message:
                        "抄送 inside an attachment: the 版记 goes last, after every attachment"
                            .to_string(),
                });
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_numbers() {
        assert!(doc_number_problems("X政办发〔2025〕12号").is_empty());
        assert_eq!(doc_number_problems("X政办发[2025]12号").len(), 1);
        assert_eq!(doc_number_problems("X政办发〔25〕12号").len(), 1);
        assert_eq!(doc_number_problems("X政办发〔2025〕第12号").len(), 1);
        assert_eq!(doc_number_problems("X政办发（2025）012号").len(), 2);
    }

    #[test]
    fn dates() {
        assert!(date_problems("2025年5月8日").is_empty());
        assert_eq!(date_problems("2025年05月08日").len(), 1);
        assert_eq!(date_problems("5月8日").len(), 1);
        assert_eq!(date_problems("二〇二五年五月八日").len(), 1);
    }
}

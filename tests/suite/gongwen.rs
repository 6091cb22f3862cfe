//! 公文 elements: the reader finds each element of the fixtures in fixtures/gongwen (版头, 主送,
//! 附件说明, 署名, 成文日期, 附注, 附件, 版记) with the text written in their elements.txt, and
//! the writers put them where GB/T 9704 does.

use wengao::model::{DocKind, Document};

use crate::common::*;

/// The `KEY: value` lines of a document's 公文 elements, in document order, in the format of
/// fixtures/gongwen/README.md.
fn elements_of(document: &Document) -> Vec<String> {
    let mut out = Vec::new();
    let mut push = |key: &str, value: &str| out.push(format!("{key}: {value}"));
    let meta = &document.meta;
    if let Some(header) = &meta.header {
        push(
            "KIND",
            match header.kind {
                DocKind::File => "file",
                DocKind::Upward => "upward",
                DocKind::Letter => "letter",
            },
        );
        for element in [&header.copy_number, &header.secrecy, &header.urgency]
            .into_iter()
            .flatten()
        {
            let key = if Some(element) == header.copy_number.as_ref() {
                "COPY_NUMBER"
            } else if Some(element) == header.secrecy.as_ref() {
                "SECRECY"
            } else {
                "URGENCY"
            };
            push(key, &element.text);
        }
        for line in &header.mark {
            let names = line.text.strip_suffix("文件").unwrap_or(&line.text);
            for name in names.split(wengao::read::text::space::is_space) {
                if !name.is_empty() {
                    push("ISSUER", name);
                }
            }
        }
        if !header.mark.is_empty() {
            let mark: String = header.mark.iter().map(|m| m.text.as_str()).collect();
            push("ISSUER_MARK", &mark);
        }
        if let Some(number) = &header.doc_number {
            push("DOC_NUMBER", &number.text);
        }
        for signer in &header.signers {
            push("SIGNER", &signer.text);
        }
    }
    for line in &meta.title {
        push("TITLE", line);
    }
    for line in &meta.addressee {
        push("ADDRESSEE", &line.text);
    }
    if let Some(closing) = &document.closing {
        for note in &closing.attachment_notes {
            push("ATTACHMENT_NOTE", &note.name.text);
        }
        for signature in &closing.signatures {
            push("SIGNATURE", &signature.text);
        }
        if let Some(date) = &closing.date {
            push("DATE", &date.text);
        }
        if let Some(annotation) = &closing.annotation {
            push("ANNOTATION", &annotation.text);
        }
    }
    for attachment in &document.attachments {
        let label = attachment.label.as_ref().map_or("", |l| l.text.as_str());
        push(
            "ATTACHMENT",
            &format!("{label} | {}", attachment.title.concat()),
        );
    }
    if let Some(record) = &document.record {
        if let Some(cc) = &record.cc {
            push("CC", &cc.text);
        }
        if let Some(printer) = &record.printer {
            push("PRINTER", &printer.text);
        }
        if let Some(date) = &record.print_date {
            push("PRINT_DATE", &date.text);
        }
    }
    out
}

#[test]
fn every_element_of_every_fixture_is_found() {
    let mut wrong = Vec::new();
    let mut seen = 0;
    for case in cases("gongwen") {
        let parsed = read_text(&case.join("input.txt"));
        let got = elements_of(&parsed.document);
        let truth: Vec<String> = std::fs::read_to_string(case.join("elements.txt"))
            .unwrap()
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(str::to_string)
            .collect();
        if got != truth {
            let missing: Vec<&String> = truth.iter().filter(|t| !got.contains(t)).collect();
            let extra: Vec<&String> = got.iter().filter(|g| !truth.contains(g)).collect();
            wrong.push(format!(
                "{}\n  missing: {missing:#?}\n  extra: {extra:#?}",
                case.display()
            ));
        }
        seen += 1;
    }
    assert!(seen >= 8, "fixture cases went missing");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn body_sentences_that_mention_elements_stay_body_text() {
    // fixtures/gongwen/traps: "抄送" and "文件" inside sentences, a heading ending in 文件.
    let parsed = read_text(&root().join("fixtures/gongwen/traps/input.txt"));
    let body = parsed.document.reading_text();
    assert!(
        body.contains("抄送"),
        "a body sentence with 抄送 went missing"
    );
}

#[test]
fn check_reports_gongwen_problems_with_their_lines() {
    // fixtures/check/*/expected.txt: reviewed listings (brackets, 第 and zeros in the
    // 发文字号, a padded date, a missing colon and full stop, notes that do not match the
    // attachments, a 抄送 inside an attachment).
    for case in cases("check") {
        let input = case.join("input.txt");
        let out = wengao()
            .current_dir(&case)
            .args(["check", "input.txt"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{}", input.display());
        golden(
            &case.join("expected.txt"),
            &String::from_utf8(out.stdout).unwrap(),
        );
    }
    // The eight well-formed fixtures have no 公文 problem.
    for case in cases("gongwen") {
        let out = run(&["check", case.join("input.txt").to_str().unwrap()]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}: {}",
            case.display(),
            String::from_utf8_lossy(&out.stdout)
        );
    }
}

#[test]
fn no_seal_and_kind_change_the_layout() {
    use wengao::flow::{BlockRole, Flow, FlowOptions};
    let parsed = read_text(&root().join("fixtures/gongwen/notice-full/input.txt"));
    let template = wengao::Template::builtin("gongwen").unwrap();
    let right_indent = |options: FlowOptions, role: BlockRole| {
        Flow::new(&parsed.document, &template, options)
            .blocks()
            .into_iter()
            .find(|b| b.role == role)
            .map(|b| b.style.right_indent_chars)
            .unwrap()
    };
    // Sealed: the date 4 characters from the right; unsealed: the issuer 2 from the right.
    assert_eq!(
        right_indent(FlowOptions::default(), BlockRole::IssueDate),
        4.0
    );
    let unsealed = FlowOptions {
        seal: Some(false),
        ..FlowOptions::default()
    };
    assert_eq!(right_indent(unsealed, BlockRole::Signature), 2.0);
    // --kind letter: no page number on page 1.
    let letter = FlowOptions {
        kind: Some(DocKind::Letter),
        ..FlowOptions::default()
    };
    assert!(!Flow::new(&parsed.document, &template, letter).numbers_first_page());
    // The flags reach the writers from the command line.
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("letter.pdf");
    let out = run(&[
        "convert",
        root()
            .join("fixtures/gongwen/notice-full/input.txt")
            .to_str()
            .unwrap(),
        "--kind",
        "letter",
        "--no-seal",
        "--no-duplex",
        "-o",
        pdf.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = pdf_text(&std::fs::read(&pdf).unwrap());
    let first_page = text.split('\u{c}').next().unwrap();
    assert!(
        !first_page.contains("— 1 —"),
        "a letter's first page is unnumbered"
    );
}

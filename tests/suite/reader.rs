//! The text reader over the fixtures: outlines and Markdown against reviewed golden files.

use crate::common::*;

#[test]
fn outlines_match_the_true_outlines() {
    // outline.txt is the truth, written by reading the input: never regenerated.
    let mut cases_seen = 0;
    let mut wrong = Vec::new();
    for case in cases("reader")
        .into_iter()
        .chain(cases("gongwen"))
        .chain([root().join("fixtures/sample")])
    {
        let out = run(&["outline", case.join("input.txt").to_str().unwrap()]);
        assert!(
            out.status.success(),
            "{}: {}",
            case.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        let got = String::from_utf8(out.stdout).unwrap();
        let truth = std::fs::read_to_string(case.join("outline.txt")).unwrap();
        if got != truth {
            wrong.push(format!("{}:\n{}", case.display(), line_diff(&truth, &got)));
        }
        cases_seen += 1;
    }
    assert!(cases_seen >= 30, "fixture cases went missing");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The lines of `truth` missing from `got` (-) and the lines of `got` not in `truth` (+).
fn line_diff(truth: &str, got: &str) -> String {
    let truth_lines: Vec<&str> = truth.lines().collect();
    let got_lines: Vec<&str> = got.lines().collect();
    let mut out = String::new();
    for line in &truth_lines {
        if !got_lines.contains(line) {
            out.push_str(&format!("  - {line}\n"));
        }
    }
    for line in &got_lines {
        if !truth_lines.contains(line) {
            out.push_str(&format!("  + {line}\n"));
        }
    }
    if out.is_empty() {
        out.push_str("  (same lines, different order)\n");
    }
    out
}

#[test]
fn markdown_matches_golden_files() {
    for case in cases("reader")
        .into_iter()
        .chain(cases("gongwen"))
        .chain([root().join("fixtures/sample")])
    {
        let out = run(&[
            "convert",
            case.join("input.txt").to_str().unwrap(),
            "-t",
            "md",
        ]);
        assert!(out.status.success(), "{}", case.display());
        golden(
            &case.join("expected.md"),
            &String::from_utf8(out.stdout).unwrap(),
        );
    }
}

#[test]
fn seed_outline_is_exact() {
    let gold = seed_gold();
    let gold: String = gold
        .lines()
        .take_while(|l| !l.starts_with("BOILERPLATE:"))
        .map(|l| format!("{l}\n"))
        .collect();
    let out = run(&["outline", seed_text().to_str().unwrap()]);
    assert_eq!(String::from_utf8(out.stdout).unwrap(), gold);
}

#[test]
fn seed_title_block_and_closing() {
    let parsed = read_text(&seed_text());
    let doc = &parsed.document;
    assert_eq!(doc.meta.title, vec!["在干部作风整顿活动动员大会上的讲话"]);
    assert_eq!(
        doc.back.len(),
        1,
        "the closing 同志们，让我们…… paragraph is back matter"
    );
    assert!(doc.back[0].plain_text().starts_with("同志们，让我们"));
    // The inline 一是…四是 inside 三要联系实际 is marked, not a heading.
    let last = &doc.sections.last().unwrap().children.last().unwrap();
    let wengao::model::Placement::RunIn { rest } = &last.heading.placement else {
        panic!("run-in expected")
    };
    let markers: Vec<&str> = rest
        .iter()
        .filter_map(|i| match i {
            wengao::model::Inline::ItemMarker { marker } => Some(marker.text.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(markers, vec!["一是", "二是", "三是", "四是"]);
}

#[test]
fn seed_boilerplate_is_reported_and_absent() {
    let parsed = read_text(&seed_text());
    let removed: Vec<String> = parsed
        .warnings
        .iter()
        .filter(|w| w.kind == wengao::WarningKind::Boilerplate)
        .map(|w| w.message.clone())
        .collect();
    assert_eq!(
        removed.len(),
        7,
        "6 web lines and the pagination marker: {removed:#?}"
    );
    let text = parsed.document.reading_text();
    for gone in [
        "SUCAI198",
        "加入收藏",
        "领取福利",
        "微信扫码",
        "221381",
        "第2/2页",
    ] {
        assert!(!text.contains(gone), "{gone} reached the model");
    }
}

#[test]
fn gbk_input_reads_like_utf8() {
    let path = root().join("fixtures/sample/input.txt");
    let utf8 = std::fs::read_to_string(&path).unwrap();
    let (gbk, _, unmappable) = encoding_rs::GB18030.encode(&utf8);
    assert!(!unmappable);
    let dir = tempfile::tempdir().unwrap();
    let gbk_path = dir.path().join("gbk.txt");
    std::fs::write(&gbk_path, &gbk).unwrap();
    assert_eq!(read_text(&gbk_path).document, read_text(&path).document);
}

#[test]
fn crlf_and_ideographic_spaces_are_white_space() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crlf.txt");
    std::fs::write(
        &path,
        "\u{feff}讲话稿\r\n\r\n\u{3000}\u{3000}一、总体要求\u{a0}\r\n\u{2002}正文一句。\r",
    )
    .unwrap();
    let doc = read_text(&path).document;
    assert_eq!(doc.meta.title, vec!["讲话稿"]);
    assert_eq!(doc.sections[0].heading.text, "一、总体要求");
    assert_eq!(doc.sections[0].blocks[0].plain_text(), "正文一句。");
}

#[test]
fn half_width_punctuation_becomes_full_width_unless_kept() {
    let input = wengao::Input {
        name: "p.txt".into(),
        bytes: "讲话\n第一,要抓落实:一是学习,二是实践!增长3.5%, Times New Roman, 12。"
            .as_bytes()
            .to_vec(),
    };
    let normal = wengao::read::read(
        wengao::Format::Text,
        std::slice::from_ref(&input),
        &wengao::ReadOptions::default(),
    )
    .unwrap();
    assert_eq!(
        normal.document.sections[0].heading.text,
        "第一，要抓落实：一是学习，二是实践！"
    );
    let kept = wengao::read::read(
        wengao::Format::Text,
        &[input],
        &wengao::ReadOptions {
            keep_punctuation: true,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        kept.document.sections[0].heading.text,
        "第一,要抓落实:一是学习,二是实践!"
    );
    let wengao::model::Placement::RunIn { rest } = &normal.document.sections[0].heading.placement
    else {
        panic!()
    };
    assert_eq!(
        wengao::model::plain_text(rest),
        "增长3.5%, Times New Roman, 12。"
    );
}

#[test]
fn explain_says_why_each_heading_is_one_and_flags_doubtful_levels() {
    let out = run(&["outline", "--explain", seed_text().to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let listing = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = listing.lines().collect();
    // Every heading line of the plain outline is in the listing, each followed by its reason.
    let plain = String::from_utf8(run(&["outline", seed_text().to_str().unwrap()]).stdout).unwrap();
    for heading in plain.lines() {
        let at = lines
            .iter()
            .position(|l| *l == heading)
            .unwrap_or_else(|| panic!("{heading} missing from --explain"));
        assert!(
            lines[at + 1].trim_start().starts_with('↳'),
            "{heading}: no reason"
        );
    }
    // The seed's first page is missing: its first headings are deeper than built, and say so.
    assert!(
        listing.contains("[check] line 7: level 2: marker 第三,"),
        "{listing}"
    );
    assert!(listing.contains("a lost page"), "{listing}");
    assert!(listing.contains("the （一） numbering") || listing.contains("the 一要 numbering"));
    // The doubt is also a warning when converting.
    let convert = run(&["convert", seed_text().to_str().unwrap(), "-t", "md"]);
    assert!(
        stderr(&convert).contains("line 7: check this heading's level"),
        "{}",
        stderr(&convert)
    );
}

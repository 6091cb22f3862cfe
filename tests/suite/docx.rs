//! The DOCX writer: the package is opened and its parts checked as XML (geometry, grid,
//! styles, outline levels, fonts, footers, properties, text), for the seed and the fixtures.

use std::collections::HashMap;

use crate::docx_support::*;
use roxmltree::{Document as Xml, Node};
use wengao::Template;
use wengao::model::Document;

/// The documents every structural test runs over: the seed and this writer's fixtures.
fn corpus() -> Vec<(String, Document)> {
    vec![
        ("seed".into(), read_text(&seed_path())),
        ("speech fixture".into(), read_text(&fixture("speech.txt"))),
        ("long fixture".into(), read_text(&fixture("long.txt"))),
    ]
}

/// Paragraph styles by id: (basedOn, outline level written on the style).
fn style_table(styles: &Xml) -> HashMap<String, (Option<String>, Option<u8>)> {
    styles
        .descendants()
        .filter(|n| is_w(*n, "style"))
        .map(|style| {
            let id = w_attr(style, "styleId").unwrap().to_string();
            let based_on = style
                .children()
                .find(|n| is_w(*n, "basedOn"))
                .and_then(|n| w_attr(n, "val"))
                .map(str::to_string);
            let outline = w_child(style, "outlineLvl")
                .and_then(|n| w_attr(n, "val"))
                .map(|v| v.parse().unwrap());
            (id, (based_on, outline))
        })
        .collect()
}

/// The outline level a paragraph style gives, following basedOn.
fn resolved_outline(table: &HashMap<String, (Option<String>, Option<u8>)>, id: &str) -> Option<u8> {
    let mut current = Some(id.to_string());
    while let Some(style) = current {
        let (based_on, outline) = table.get(&style)?;
        if outline.is_some() {
            return *outline;
        }
        current = based_on.clone();
    }
    None
}

fn paragraph_style<'a>(paragraph: Node<'a, '_>) -> Option<&'a str> {
    paragraph
        .children()
        .find(|n| is_w(*n, "pPr"))
        .and_then(|ppr| ppr.children().find(|n| is_w(*n, "pStyle")))
        .and_then(|n| w_attr(n, "val"))
}

/// The style element with this id.
fn style_by_id<'a, 'i>(styles: &'a Xml<'i>, id: &str) -> Node<'a, 'i> {
    styles
        .descendants()
        .find(|n| is_w(*n, "style") && w_attr(*n, "styleId") == Some(id))
        .unwrap_or_else(|| panic!("no style {id}"))
}

#[test]
fn page_geometry_and_grid_follow_gb_t_9704() {
    for (name, document) in corpus() {
        let parts = parts(&write(&document, &options("gongwen")));
        let xml = Xml::parse(&parts["word/document.xml"]).unwrap();
        let size = w_child(xml.root(), "pgSz").expect("pgSz");
        assert_eq!(w_attr(size, "w"), Some("11906"), "{name}");
        assert_eq!(w_attr(size, "h"), Some("16838"), "{name}");
        let margins = w_child(xml.root(), "pgMar").expect("pgMar");
        // 37, 35, 28, 26 mm in twips.
        for (side, twips) in [
            ("top", 2098),
            ("bottom", 1984),
            ("left", 1587),
            ("right", 1474),
        ] {
            assert_eq!(
                w_attr(margins, side),
                Some(twips.to_string().as_str()),
                "{name} {side}"
            );
        }
        let grid = w_child(xml.root(), "docGrid").expect("docGrid");
        assert_eq!(w_attr(grid, "type"), Some("linesAndChars"));
        let line_pitch: i32 = w_attr(grid, "linePitch").unwrap().parse().unwrap();
        let char_space: i32 = w_attr(grid, "charSpace").unwrap().parse().unwrap();
        // 22 lines of the pitch fit the 225 mm text block, 23 do not.
        let text_height = 16838 - 2098 - 1984;
        assert!(22 * line_pitch <= text_height && 23 * line_pitch > text_height);
        // 28 characters of 16 pt plus charSpace fit the 156 mm line, 29 do not.
        let pitch_pt = 16.0 + char_space as f64 / 4096.0;
        let width_pt = (11906 - 1587 - 1474) as f64 / 20.0;
        assert!(
            28.0 * pitch_pt <= width_pt && 29.0 * pitch_pt > width_pt,
            "{pitch_pt}"
        );
    }
}

#[test]
fn styles_carry_fonts_sizes_indents_and_one_outline_level_each() {
    let document = read_text(&fixture("speech.txt"));
    let parts = parts(&write(&document, &options("gongwen")));
    let styles = Xml::parse(&parts["word/styles.xml"]).unwrap();
    let normal: Vec<_> = styles
        .descendants()
        .filter(|n| is_w(*n, "style") && w_attr(*n, "styleId") == Some("Normal"))
        .collect();
    assert_eq!(normal.len(), 1, "exactly one Normal style");
    let defaults: Vec<_> = styles
        .descendants()
        .filter(|n| is_w(*n, "style") && w_attr(*n, "default") == Some("1"))
        .collect();
    assert_eq!(defaults.len(), 1);

    let font = |id: &str| {
        let fonts = w_child(style_by_id(&styles, id), "rFonts").expect("rFonts");
        (
            w_attr(fonts, "eastAsia").unwrap().to_string(),
            w_attr(fonts, "ascii").unwrap().to_string(),
        )
    };
    let size = |id: &str| {
        w_child(style_by_id(&styles, id), "sz")
            .and_then(|n| w_attr(n, "val"))
            .map(str::to_string)
    };
    assert_eq!(
        font("Title"),
        ("方正小标宋简体".into(), "Times New Roman".into())
    );
    assert_eq!(size("Title").as_deref(), Some("44"), "二号 = 22 pt");
    assert_eq!(
        font("Normal"),
        ("仿宋_GB2312".into(), "Times New Roman".into())
    );
    assert_eq!(size("Normal").as_deref(), Some("32"), "三号 = 16 pt");
    assert_eq!(font("Heading1").0, "黑体");
    assert_eq!(font("Heading2").0, "楷体_GB2312");
    assert_eq!(font("Heading3").0, "仿宋_GB2312");
    assert!(
        w_child(style_by_id(&styles, "Heading3"), "b").is_some(),
        "level 3 is bold"
    );
    assert_eq!(font("Subtitle").0, "楷体_GB2312");
    assert_eq!(font("Footer").0, "宋体");
    assert_eq!(size("Footer").as_deref(), Some("28"), "四号 = 14 pt");

    let indent = w_child(style_by_id(&styles, "Normal"), "ind").unwrap();
    assert_eq!(w_attr(indent, "firstLineChars"), Some("200"));
    let jc = |id: &str| {
        w_attr(w_child(style_by_id(&styles, id), "jc").unwrap(), "val").map(str::to_string)
    };
    assert_eq!(jc("Normal").as_deref(), Some("both"));
    assert_eq!(jc("Title").as_deref(), Some("center"));
    assert_eq!(jc("Speaker").as_deref(), Some("center"));
    let salutation_indent = w_child(style_by_id(&styles, "Salutation"), "ind").unwrap();
    assert_eq!(
        w_attr(salutation_indent, "firstLineChars"),
        Some("0"),
        "salutation flush left"
    );

    // Each heading style has exactly one outline level (level n -> n - 1); the title none.
    for level in 1..=5u8 {
        let style = style_by_id(&styles, &format!("Heading{level}"));
        let levels: Vec<_> = style
            .descendants()
            .filter(|n| is_w(*n, "outlineLvl"))
            .collect();
        assert_eq!(levels.len(), 1, "Heading{level}");
        assert_eq!(
            w_attr(levels[0], "val"),
            Some((level - 1).to_string().as_str())
        );
    }
    for id in [
        "Title",
        "Subtitle",
        "Speaker",
        "Date",
        "Salutation",
        "Normal",
    ] {
        assert!(
            w_child(style_by_id(&styles, id), "outlineLvl").is_none(),
            "{id} has no outline level"
        );
    }
    // Chinese language and line breaking rules in the defaults.
    let defaults = w_child(styles.root(), "docDefaults").unwrap();
    assert_eq!(
        w_attr(w_child(defaults, "lang").unwrap(), "eastAsia"),
        Some("zh-CN")
    );
    assert_eq!(
        w_attr(w_child(defaults, "kinsoku").unwrap(), "val"),
        Some("1")
    );
    assert!(w_child(defaults, "overflowPunct").is_some());
    assert!(w_child(defaults, "autoSpaceDE").is_some());
}

#[test]
fn no_theme_fonts_anywhere() {
    for (name, document) in corpus() {
        for (part, text) in parts(&write(&document, &options("gongwen"))) {
            let xml = Xml::parse(&text).unwrap_or_else(|e| panic!("{name} {part}: {e}"));
            for node in xml.descendants().filter(|n| n.is_element()) {
                for attribute in node.attributes() {
                    assert!(
                        !attribute.name().ends_with("Theme"),
                        "{name} {part}: {} has {}",
                        node.tag_name().name(),
                        attribute.name()
                    );
                }
            }
        }
    }
}

#[test]
fn outline_levels_match_the_model_one_for_one() {
    for (name, document) in corpus() {
        let parts = parts(&write(&document, &options("gongwen")));
        let styles = Xml::parse(&parts["word/styles.xml"]).unwrap();
        let table = style_table(&styles);
        let xml = Xml::parse(&parts["word/document.xml"]).unwrap();
        let written: Vec<(u8, String)> = xml
            .descendants()
            .filter(|n| is_w(*n, "p"))
            .filter_map(|p| {
                let level = resolved_outline(&table, paragraph_style(p)?)?;
                // The heading's own text is the paragraph's first run.
                let first_text = p.descendants().find(|n| is_w(*n, "t"))?.text()?.to_string();
                Some((level, first_text))
            })
            .collect();
        let expected: Vec<(u8, String)> = document
            .walk()
            .iter()
            .map(|(_, section)| {
                (
                    section.heading.level.clamp(1, 9) - 1,
                    section.heading.text.clone(),
                )
            })
            .collect();
        assert!(!expected.is_empty(), "{name} has headings");
        assert_eq!(written, expected, "{name}");
        // The title paragraph has no outline level.
        let title = xml
            .descendants()
            .find(|p| is_w(*p, "p") && paragraph_style(*p) == Some("Title"));
        assert!(title.is_some(), "{name} has a title paragraph");
        assert_eq!(resolved_outline(&table, "Title"), None);
    }
}

/// The text of `w:t` elements in document order, leaving out the TOC (heading and field).
fn document_text(document_xml: &str) -> String {
    let xml = Xml::parse(document_xml).unwrap();
    let mut out = String::new();
    for paragraph in xml.descendants().filter(|n| is_w(*n, "p")) {
        if paragraph_style(paragraph).is_some_and(|s| s.starts_with("TOC")) {
            continue;
        }
        for text in paragraph.descendants().filter(|n| is_w(*n, "t")) {
            out.push_str(text.text().unwrap_or(""));
        }
    }
    out
}

#[test]
fn every_chinese_character_is_written_once_in_order() {
    for (name, document) in corpus() {
        for toc in [false, true] {
            let options = wengao::WriteOptions {
                toc,
                ..options("speech")
            };
            let parts = parts(&write(&document, &options));
            let written = han(&document_text(&parts["word/document.xml"]));
            let expected = han(&document.reading_text());
            assert!(expected.chars().count() > 100, "{name}");
            assert_eq!(written, expected, "{name} toc={toc}");
        }
    }
}

#[test]
fn rare_characters_emoji_latin_and_digits_survive() {
    let document = read_text(&fixture("speech.txt"));
    let parts = parts(&write(&document, &options("gongwen")));
    let text = document_text(&parts["word/document.xml"]);
    for needle in ["䶮", "𠀀", "👍", "GDP", "6.5%", "APP", "2024"] {
        assert!(text.contains(needle), "{needle} missing");
    }
}

#[test]
fn run_in_headings_are_a_lead_paragraph_with_a_style_separator_then_the_body() {
    let document = read_text(&fixture("speech.txt"));
    let parts = parts(&write(&document, &options("gongwen")));
    let xml = Xml::parse(&parts["word/document.xml"]).unwrap();
    let paragraphs: Vec<_> = xml.descendants().filter(|n| is_w(*n, "p")).collect();
    let at = paragraphs
        .iter()
        .position(|p| paragraph_style(*p) == Some("RunInHeading2"))
        .expect("a run-in heading of level 2 (第一，)");
    let lead = paragraphs[at];
    let runs: Vec<_> = lead.children().filter(|n| is_w(*n, "r")).collect();
    assert_eq!(
        runs.len(),
        1,
        "the heading paragraph holds only the lead sentence"
    );
    assert_eq!(
        w_child(runs[0], "t").unwrap().text(),
        Some("第一，成绩值得肯定。")
    );
    // The style separator: the lead paragraph's mark is hidden with vanish + specVanish.
    let mark = w_child(w_child(lead, "pPr").expect("pPr"), "rPr").expect("paragraph mark rPr");
    assert!(w_child(mark, "vanish").is_some() && w_child(mark, "specVanish").is_some());
    // The next paragraph continues the printed line: no outline level, body face.
    let body = paragraphs[at + 1];
    assert_eq!(paragraph_style(body), Some("RunInBody"));
    let body_runs: Vec<_> = body.children().filter(|n| is_w(*n, "r")).collect();
    assert_eq!(body_runs.len(), 1);
    assert_eq!(
        w_child(body_runs[0], "rStyle").and_then(|n| w_attr(n, "val")),
        Some("RunInBodyText")
    );
    assert!(
        w_child(body_runs[0], "t")
            .unwrap()
            .text()
            .unwrap()
            .starts_with("过去一年")
    );
    // The lead style inherits its outline level; the continuation has none and no indent.
    let styles = Xml::parse(&parts["word/styles.xml"]).unwrap();
    assert!(w_child(style_by_id(&styles, "RunInHeading2"), "outlineLvl").is_none());
    let continuation = style_by_id(&styles, "RunInBody");
    assert!(
        w_child(continuation, "outlineLvl").is_none() && w_child(continuation, "basedOn").is_none()
    );
    assert_eq!(
        w_attr(w_child(continuation, "ind").unwrap(), "firstLineChars"),
        Some("0")
    );
    let text_style = style_by_id(&styles, "RunInBodyText");
    assert_eq!(w_attr(text_style, "type"), Some("character"));
    assert_eq!(
        w_attr(w_child(text_style, "rFonts").unwrap(), "eastAsia"),
        Some("仿宋_GB2312")
    );
}

#[test]
fn long_titles_break_into_balanced_lines() {
    let document = read_text(&fixture("long.txt"));
    let parts = parts(&write(&document, &options("gongwen")));
    let xml = Xml::parse(&parts["word/document.xml"]).unwrap();
    let title = xml
        .descendants()
        .find(|p| is_w(*p, "p") && paragraph_style(*p) == Some("Title"))
        .unwrap();
    let lines: Vec<String> = title
        .descendants()
        .filter(|n| is_w(*n, "t"))
        .map(|n| n.text().unwrap().to_string())
        .collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert_eq!(title.descendants().filter(|n| is_w(*n, "br")).count(), 1);
    let (a, b) = (
        lines[0].chars().count() as i32,
        lines[1].chars().count() as i32,
    );
    // Lines of sensible length: neither over the 20 characters of 二号 on the text block, the
    // upper no longer than the lower (a trapezoid), the shorter at least half the longer. The
    // break itself is the flow's (between words; tested in the flow suite).
    assert!(a <= 20 && b <= 20 && a <= b && a * 2 >= b, "{lines:?}");
}

#[test]
fn footers_number_pages_odd_right_even_left() {
    let document = read_text(&seed_path());
    let parts = parts(&write(&document, &options("gongwen")));
    let settings = Xml::parse(&parts["word/settings.xml"]).unwrap();
    assert!(w_child(settings.root(), "evenAndOddHeaders").is_some());
    let xml = Xml::parse(&parts["word/document.xml"]).unwrap();
    let references: Vec<(String, String)> = xml
        .descendants()
        .filter(|n| is_w(*n, "footerReference"))
        .map(|n| {
            let id = n
                .attribute((
                    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                    "id",
                ))
                .unwrap();
            (w_attr(n, "type").unwrap().to_string(), id.to_string())
        })
        .collect();
    let types: Vec<&str> = references.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(types, ["default", "even"]);
    let rels = Xml::parse(&parts["word/_rels/document.xml.rels"]).unwrap();
    for (kind, id) in &references {
        let target = rels
            .descendants()
            .find(|n| n.attribute("Id") == Some(id.as_str()))
            .and_then(|n| n.attribute("Target"))
            .unwrap();
        let footer = Xml::parse(&parts[&format!("word/{target}")]).unwrap();
        let instruction: String = footer
            .descendants()
            .filter(|n| is_w(*n, "instrText"))
            .filter_map(|n| n.text())
            .collect();
        assert_eq!(instruction.trim(), "PAGE", "{kind}");
        let text: String = footer
            .descendants()
            .filter(|n| is_w(*n, "t"))
            .filter_map(|n| n.text())
            .collect();
        assert!(text.starts_with("— ") && text.ends_with(" —"), "{text}");
        let fld: Vec<_> = footer
            .descendants()
            .filter(|n| is_w(*n, "fldChar"))
            .map(|n| w_attr(n, "fldCharType").unwrap())
            .collect();
        assert_eq!(fld, ["begin", "separate", "end"]);
        let jc = w_attr(w_child(footer.root(), "jc").unwrap(), "val").unwrap();
        let ind = w_child(footer.root(), "ind").unwrap();
        match kind.as_str() {
            "default" => {
                assert_eq!(jc, "right");
                assert_eq!(w_attr(ind, "right"), Some("280"), "one 四号 character in");
            }
            _ => {
                assert_eq!(jc, "left");
                assert_eq!(w_attr(ind, "left"), Some("280"));
            }
        }
    }
}

#[test]
fn core_properties_carry_title_and_subject() {
    let document = read_text(&fixture("speech.txt"));
    let parts = parts(&write(&document, &options("speech")));
    let core = Xml::parse(&parts["docProps/core.xml"]).unwrap();
    let element = |name: &str| {
        core.descendants()
            .find(|n| n.tag_name().name() == name)
            .and_then(|n| n.text())
            .map(str::to_string)
    };
    assert_eq!(element("title"), Some(document.title()));
    assert_eq!(
        element("subject").as_deref(),
        Some("在全市干部作风建设工作推进会议上的讲话")
    );
    assert_eq!(element("language").as_deref(), Some("zh-CN"));
    assert_eq!(element("created").as_deref(), Some("2000-01-01T00:00:00Z"));
}

#[test]
fn output_is_deterministic() {
    let document = read_text(&seed_path());
    let first = write(&document, &options("gongwen"));
    let second = write(&document, &options("gongwen"));
    assert_eq!(first, second);
    let with_toc = wengao::WriteOptions {
        toc: true,
        ..options("gongwen")
    };
    assert_eq!(write(&document, &with_toc), write(&document, &with_toc));
}

#[test]
fn toc_is_a_real_field_with_the_headings() {
    let document = read_text(&fixture("speech.txt"));
    let options = wengao::WriteOptions {
        toc: true,
        ..options("gongwen")
    };
    let parts = parts(&write(&document, &options));
    let xml = Xml::parse(&parts["word/document.xml"]).unwrap();
    let instruction: String = xml
        .descendants()
        .filter(|n| is_w(*n, "instrText"))
        .filter_map(|n| n.text())
        .collect();
    assert!(instruction.contains("TOC \\o \"1-4\""), "{instruction}");
    let kinds: Vec<_> = xml
        .descendants()
        .filter(|n| is_w(*n, "fldChar"))
        .map(|n| w_attr(n, "fldCharType").unwrap())
        .collect();
    assert_eq!(kinds, ["begin", "separate", "end"]);
    assert!(
        !parts["word/document.xml"].contains("sdt"),
        "no docx-rs TOC element"
    );
    let entries: Vec<String> = xml
        .descendants()
        .filter(|p| {
            is_w(*p, "p")
                && paragraph_style(*p).is_some_and(|s| s.starts_with("TOC") && s != "TOCHeading")
        })
        .map(|p| {
            p.descendants()
                .filter(|n| is_w(*n, "t"))
                .filter_map(|n| n.text())
                .collect()
        })
        .collect();
    let headings: Vec<String> = document
        .walk()
        .iter()
        .filter(|(_, s)| s.heading.level <= 4)
        .map(|(_, s)| s.heading.text.clone())
        .collect();
    assert_eq!(entries, headings);
    let settings = Xml::parse(&parts["word/settings.xml"]).unwrap();
    assert!(w_child(settings.root(), "updateFields").is_some());
}

#[test]
fn the_three_templates_give_different_styles() {
    let document = read_text(&fixture("speech.txt"));
    let styles: Vec<String> = ["gongwen", "speech", "plain"]
        .iter()
        .map(|t| parts(&write(&document, &options(t)))["word/styles.xml"].clone())
        .collect();
    assert_ne!(styles[0], styles[1]);
    assert_ne!(styles[0], styles[2]);
    assert_ne!(styles[1], styles[2]);
    let plain = parts(&write(&document, &options("plain")));
    let styles = Xml::parse(&plain["word/styles.xml"]).unwrap();
    let normal = style_by_id(&styles, "Normal");
    assert_eq!(
        w_attr(w_child(normal, "rFonts").unwrap(), "eastAsia"),
        Some("宋体")
    );
    assert_eq!(w_attr(w_child(normal, "sz").unwrap(), "val"), Some("28"));
    let xml = Xml::parse(&plain["word/document.xml"]).unwrap();
    assert_eq!(
        w_attr(w_child(xml.root(), "pgMar").unwrap(), "top"),
        Some("1417"),
        "25 mm"
    );
    // plain centres its page numbers; larger headings leave the character grid.
    for footer in ["word/footer1.xml", "word/footer2.xml"] {
        let footer = Xml::parse(&plain[footer]).unwrap();
        assert_eq!(
            w_attr(w_child(footer.root(), "jc").unwrap(), "val"),
            Some("center")
        );
    }
    let heading = style_by_id(&styles, "Heading1");
    assert_eq!(
        w_attr(w_child(heading, "snapToGrid").unwrap(), "val"),
        Some("0")
    );
    // speech: the salutation has space before it, gongwen's does not.
    let speech = parts(&write(&document, &options("speech")));
    let styles = Xml::parse(&speech["word/styles.xml"]).unwrap();
    let spacing = w_child(style_by_id(&styles, "Salutation"), "spacing").unwrap();
    assert_eq!(w_attr(spacing, "beforeLines"), Some("100"));
}

#[test]
fn the_title_block_is_set_solid_and_closed_after_its_last_line() {
    // Written subtitle → date → speaker: the blank line follows the speaker (the last line),
    // not the date (the role that carries the gap), and the salutation's own space before
    // gives way to it.
    let path = crate::common::root().join("fixtures/reader/detail-order/input.txt");
    let document = read_text(&path);
    let parts = parts(&write(&document, &options("speech")));
    let xml = Xml::parse(&parts["word/document.xml"]).unwrap();
    let paragraph = |style: &str| {
        xml.descendants()
            .find(|n| is_w(*n, "p") && paragraph_style(*n) == Some(style))
            .unwrap_or_else(|| panic!("no {style} paragraph"))
    };
    let direct_spacing = |style: &str| {
        let ppr = w_child(paragraph(style), "pPr").unwrap();
        ppr.children().find(|n| is_w(*n, "spacing"))
    };
    let date = direct_spacing("Date").expect("the date gives up its space after");
    assert_eq!(w_attr(date, "afterLines"), Some("0"));
    assert_eq!(w_attr(date, "after"), Some("0"));
    let speaker = direct_spacing("Speaker").expect("the speaker closes the block");
    assert_eq!(w_attr(speaker, "afterLines"), Some("100"));
    assert!(
        direct_spacing("Subtitle").is_none(),
        "inside the block: style spacing (0)"
    );
    let salutation = direct_spacing("Salutation").expect("the salutation gives way");
    assert_eq!(w_attr(salutation, "beforeLines"), Some("0"));
}

#[test]
fn a_user_template_file_is_used() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("my.toml");
    let source = Template::builtin_source("speech")
        .unwrap()
        .replacen("name = \"speech\"", "name = \"mine\"", 1)
        .replace(
            "\"仿宋_GB2312\", \"FangSong_GB2312\"",
            "\"华文仿宋\", \"FangSong_GB2312\"",
        )
        .replace("margin_left_mm = 28", "margin_left_mm = 30");
    std::fs::write(&path, source).unwrap();
    let template =
        Template::load(path.to_str().unwrap(), 1 << 20).expect("the user's template loads");
    assert_eq!(template.name, "mine");
    let options = wengao::WriteOptions {
        template,
        ..wengao::WriteOptions::default()
    };
    let parts = parts(&write(&read_text(&fixture("speech.txt")), &options));
    let styles = Xml::parse(&parts["word/styles.xml"]).unwrap();
    let normal = style_by_id(&styles, "Normal");
    assert_eq!(
        w_attr(w_child(normal, "rFonts").unwrap(), "eastAsia"),
        Some("华文仿宋")
    );
    let xml = Xml::parse(&parts["word/document.xml"]).unwrap();
    assert_eq!(
        w_attr(w_child(xml.root(), "pgMar").unwrap(), "left"),
        Some("1701"),
        "30 mm"
    );
}

#[test]
fn a_bad_template_names_the_file_the_line_and_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let source = Template::builtin_source("gongwen").unwrap();
    let line_of =
        |needle: &str, text: &str| text.lines().position(|l| l.contains(needle)).unwrap() + 1;

    let unknown_key = source.replacen("bold = true", "bolt = true", 1);
    let path = dir.path().join("unknown-key.toml");
    std::fs::write(&path, &unknown_key).unwrap();
    let message = Template::load(path.to_str().unwrap(), 1 << 20)
        .unwrap_err()
        .to_string();
    let line = line_of("bolt = true", &unknown_key);
    assert!(
        message.contains(&format!("unknown-key.toml:{line}:")),
        "{message}"
    );
    assert!(message.contains("bolt"), "{message}");

    let bad_size = source.replacen("size = \"二号\"", "size = \"七号\"", 1);
    let path = dir.path().join("bad-size.toml");
    std::fs::write(&path, &bad_size).unwrap();
    let message = Template::load(path.to_str().unwrap(), 1 << 20)
        .unwrap_err()
        .to_string();
    let line = line_of("七号", &bad_size);
    assert!(
        message.contains(&format!("bad-size.toml:{line}:")),
        "{message}"
    );
    assert!(
        message.contains("七号") && message.contains("size"),
        "{message}"
    );
}

#[test]
fn templates_subcommand_lists_and_shows_the_shipped_templates() {
    let binary = env!("CARGO_BIN_EXE_wengao");
    let listed = std::process::Command::new(binary)
        .arg("templates")
        .output()
        .unwrap();
    assert!(listed.status.success());
    let listed = String::from_utf8(listed.stdout).unwrap();
    for name in ["gongwen", "speech", "plain"] {
        assert!(listed.lines().any(|l| l.starts_with(name)), "{listed}");
    }
    let shown = std::process::Command::new(binary)
        .args(["templates", "show", "speech"])
        .output()
        .unwrap();
    assert!(shown.status.success());
    let shown = String::from_utf8(shown.stdout).unwrap();
    assert_eq!(
        Template::parse(&shown, "shown").unwrap(),
        Template::builtin("speech").unwrap()
    );
}

/// An XML part in a canonical, line-per-node form: attributes sorted, namespaces by prefix,
/// so that golden files diff readably and ignore attribute order and quoting.
fn canonical(xml: &str) -> String {
    fn name(node: Node) -> String {
        let tag = node.tag_name();
        match tag.namespace().and_then(|ns| node.lookup_prefix(ns)) {
            Some(prefix) if !prefix.is_empty() => format!("{prefix}:{}", tag.name()),
            _ => tag.name().to_string(),
        }
    }
    fn visit(node: Node, depth: usize, out: &mut String) {
        for child in node.children() {
            if child.is_element() {
                let mut attributes: Vec<String> = child
                    .attributes()
                    .map(|a| {
                        let prefix = a.namespace().and_then(|ns| child.lookup_prefix(ns));
                        match prefix {
                            Some(p) if !p.is_empty() => format!("{p}:{}={:?}", a.name(), a.value()),
                            _ => format!("{}={:?}", a.name(), a.value()),
                        }
                    })
                    .collect();
                attributes.sort();
                out.push_str(&"  ".repeat(depth));
                out.push_str(&name(child));
                for attribute in attributes {
                    out.push(' ');
                    out.push_str(&attribute);
                }
                out.push('\n');
                visit(child, depth + 1, out);
            } else if let Some(text) = child.text().filter(|_| child.is_text()) {
                if !text.trim().is_empty() || node.tag_name().name() == "t" {
                    out.push_str(&"  ".repeat(depth));
                    out.push_str(&format!("{text:?}\n"));
                }
            }
        }
    }
    let document = Xml::parse(xml).unwrap();
    let mut out = String::new();
    visit(document.root(), 0, &mut out);
    out
}

#[test]
fn golden_parts_of_the_speech_fixture() {
    let document = read_text(&fixture("speech.txt"));
    let options = wengao::WriteOptions {
        toc: true,
        ..options("speech")
    };
    let parts = parts(&write(&document, &options));
    let golden_dir = fixture("golden");
    for part in [
        "word/document.xml",
        "word/styles.xml",
        "word/settings.xml",
        "word/footer1.xml",
        "word/footer2.xml",
        "docProps/core.xml",
        "[Content_Types].xml",
        "word/_rels/document.xml.rels",
    ] {
        let file = golden_dir.join(part.replace(['/', '[', ']'], "_") + ".txt");
        crate::common::golden(&file, &canonical(&parts[part]));
    }
}

//! Render check: LibreOffice turns wengao's DOCX into PDF, and the PDF's text shows every
//! Chinese character, full pages of 22 lines by 28 characters, "— N —" page numbers and the
//! heading hierarchy as PDF bookmarks. Needs soffice, pdftotext and qpdf (CI installs them).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::docx_support::*;
use wengao::model::Document;

/// Runs a tool, failing the test with a clear message when it is missing or fails.
pub fn run(program: &str, args: &[&str]) -> Vec<u8> {
    let output = Command::new(program).args(args).output().unwrap_or_else(|e| {
        panic!("{program} is needed for the DOCX render check ({e}); run scripts/install-test-deps.sh")
    });
    assert!(
        output.status.success(),
        "{program} {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

/// Writes the DOCX of `document`, converts it with LibreOffice and returns the PDF's path.
pub fn render(document: &Document, name: &str, dir: &Path) -> PathBuf {
    let docx = dir.join(format!("{name}.docx"));
    std::fs::write(&docx, write(document, &options("gongwen"))).unwrap();
    let profile = format!("-env:UserInstallation=file://{}/lo-profile", dir.display());
    run(
        "soffice",
        &[
            "--headless",
            "--norestore",
            &profile,
            "--convert-to",
            "pdf",
            "--outdir",
            dir.to_str().unwrap(),
            docx.to_str().unwrap(),
        ],
    );
    let pdf = dir.join(format!("{name}.pdf"));
    assert!(pdf.exists(), "LibreOffice wrote no {}", pdf.display());
    pdf
}

/// The PDF's text page by page (`pdftotext -layout`).
fn pdf_pages(pdf: &Path) -> Vec<String> {
    let text =
        String::from_utf8(run("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"])).unwrap();
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// "— 3 —" → 3.
fn page_number(line: &str) -> Option<u32> {
    let inner = line.trim().strip_prefix('—')?.strip_suffix('—')?;
    inner.trim().parse().ok()
}

/// A page's text lines without its page number line.
fn body_lines(page: &str) -> Vec<String> {
    page.lines()
        .filter(|l| !l.trim().is_empty() && page_number(l).is_none())
        .map(|l| l.split_whitespace().collect::<String>())
        .collect()
}

fn check_text_and_numbers(document: &Document, pages: &[String], name: &str) {
    let all: String = pages.concat();
    assert_eq!(
        han(&all),
        han(&document.reading_text()),
        "{name}: the PDF's Chinese text"
    );
    let numbers: Vec<u32> = pages
        .iter()
        .map(|p| {
            p.lines()
                .find_map(page_number)
                .unwrap_or_else(|| panic!("{name}: a page without — N —:\n{p}"))
        })
        .collect();
    let expected: Vec<u32> = (1..=pages.len() as u32).collect();
    assert_eq!(numbers, expected, "{name}: page numbers");
    // Odd numbers sit right, even numbers left.
    for (index, page) in pages.iter().enumerate() {
        let line = page.lines().find(|l| page_number(l).is_some()).unwrap();
        let indent = line.len() - line.trim_start().len();
        if index % 2 == 0 {
            assert!(
                indent > 20,
                "{name}: page {} number should be on the right: {line:?}",
                index + 1
            );
        } else {
            assert!(
                indent < 10,
                "{name}: page {} number should be on the left: {line:?}",
                index + 1
            );
        }
    }
}

/// The heading hierarchy of the PDF's bookmarks: (depth, title).
fn bookmarks(pdf: &Path) -> Vec<(usize, String)> {
    let json = run(
        "qpdf",
        &["--json", "--json-key=outlines", pdf.to_str().unwrap()],
    );
    let json: serde_json::Value = serde_json::from_slice(&json).unwrap();
    fn walk(items: &serde_json::Value, depth: usize, out: &mut Vec<(usize, String)>) {
        for item in items.as_array().into_iter().flatten() {
            out.push((depth, item["title"].as_str().unwrap_or("").to_string()));
            walk(&item["kids"], depth + 1, out);
        }
    }
    let mut out = Vec::new();
    walk(&json["outlines"], 0, &mut out);
    out
}

#[test]
fn the_seed_renders_as_a_gongwen_page_in_libreoffice() {
    let dir = tempfile::tempdir().unwrap();
    let document = read_text(&seed_path());
    let pdf = render(&document, "seed", dir.path());
    let pages = pdf_pages(&pdf);
    assert!(pages.len() >= 3, "the seed fills several pages");
    check_text_and_numbers(&document, &pages, "seed");
    // A full body page (neither the first nor the last) holds 22 lines; the longest line
    // holds 28 characters and most lines are full.
    let middle = &pages[1..pages.len() - 1];
    let full: Vec<_> = middle
        .iter()
        .filter(|p| body_lines(p).len() == 22)
        .collect();
    assert!(
        !full.is_empty(),
        "no page with 22 lines: {:?}",
        middle
            .iter()
            .map(|p| body_lines(p).len())
            .collect::<Vec<_>>()
    );
    for page in middle {
        let lines = body_lines(page);
        assert!(lines.len() <= 22, "{lines:#?}");
        let han_widths: Vec<usize> = lines
            .iter()
            .map(|l| l.chars().filter(|c| !c.is_ascii()).count())
            .collect();
        assert!(han_widths.iter().all(|&w| w <= 28), "{lines:#?}");
        // A line pushed out to keep a stop off the next line's start holds 27 (kinsoku).
        let full_lines = han_widths.iter().filter(|&&w| w >= 27).count();
        let exact_lines = han_widths.iter().filter(|&&w| w == 28).count();
        assert!(
            full_lines * 2 >= lines.len() && exact_lines * 4 >= lines.len(),
            "most lines are full (27–28 characters), many hold exactly 28: {lines:#?}"
        );
    }
    // LibreOffice sees the headings at their levels.
    let expected: Vec<(usize, String)> = document
        .walk()
        .iter()
        .map(|(path, s)| (path.len() - 1, s.heading.text.clone()))
        .collect();
    let found = bookmarks(&pdf);
    assert_eq!(found.len(), expected.len(), "{found:#?}");
    for ((depth, title), (want_depth, heading)) in found.iter().zip(&expected) {
        assert_eq!(depth, want_depth, "{title}");
        assert!(title.starts_with(heading.as_str()), "{title} / {heading}");
    }
}

#[test]
fn a_long_plain_speech_fills_pages_of_22_lines_by_28_characters() {
    let dir = tempfile::tempdir().unwrap();
    let document = read_text(&fixture("long.txt"));
    let pdf = render(&document, "long", dir.path());
    let pages = pdf_pages(&pdf);
    assert!(pages.len() >= 4, "{} pages", pages.len());
    check_text_and_numbers(&document, &pages, "long");
    for (index, page) in pages.iter().enumerate().take(pages.len() - 1).skip(1) {
        let lines = body_lines(page);
        assert_eq!(lines.len(), 22, "page {}: {lines:#?}", index + 1);
        for line in &lines {
            assert!(line.chars().count() <= 28, "page {}: {line}", index + 1);
        }
        // Paragraph first lines are indented, last lines short, and a line that would start
        // with "，" or "。" gives a character to the next (kinsoku): half the lines are full.
        let full = lines.iter().filter(|l| l.chars().count() == 28).count();
        assert!(full * 2 >= lines.len(), "page {}: {lines:#?}", index + 1);
    }
    // The rare characters of the other fixture reach the PDF too.
    let speech = read_text(&fixture("speech.txt"));
    let pdf = render(&speech, "speech", dir.path());
    let speech_pages = pdf_pages(&pdf);
    let text = speech_pages.concat();
    assert!(
        text.contains('䶮') && text.contains('𠀀'),
        "rare characters in the PDF"
    );
    check_text_and_numbers(&speech, &speech_pages, "speech");
}

/// A run-in heading prints as one paragraph: its lead sentence and the first characters of its
/// body share a line (the style separator joins them), as Word and LibreOffice 24.8+ print it.
#[test]
fn run_in_leads_and_their_bodies_share_a_line() {
    let dir = tempfile::tempdir().unwrap();
    let document = read_text(&seed_path());
    let pdf = render(&document, "seed", dir.path());
    let lines: Vec<String> = pdf_pages(&pdf).iter().flat_map(|p| body_lines(p)).collect();
    let mut checked = 0;
    for (_, section) in document.walk() {
        let wengao::model::Placement::RunIn { rest } = &section.heading.placement else {
            continue;
        };
        let lead = &section.heading.text;
        let rest = wengao::model::plain_text(rest);
        let start: String = rest.chars().take(1).collect();
        let line = lines
            .iter()
            .find(|l| l.contains(lead.as_str()))
            .unwrap_or_else(|| panic!("{lead} is not on one line of the render"));
        assert!(
            line.contains(&format!("{lead}{start}")),
            "{lead} stands alone instead of running into its body: {line} \
             (LibreOffice before 24.8 prints style separators as two paragraphs; \
             scripts/install-test-deps.sh installs a newer one)"
        );
        checked += 1;
    }
    assert!(checked >= 6, "the seed has run-in headings");
}

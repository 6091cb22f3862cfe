//! The HTML page in a real browser: scripts/render-html.sh prints it from headless Chromium,
//! and poppler reads the PDF back (A4, the text, headings never stranded, the 28-character grid).
//! Needs chromium and poppler-utils (scripts/install-test-deps.sh); fails if they are missing.

use std::path::{Path, PathBuf};
use std::process::Command;

use wengao::model::{Document, Placement, is_han};
use wengao::{Format, ReadOptions, WriteOptions};

fn read(path: &Path, options: &ReadOptions) -> Document {
    crate::common::read_document_with(path, options)
}

/// Runs a tool and returns its stdout; panics with an install hint if it is missing or fails.
fn run(program: &str, args: &[&str]) -> String {
    let output = Command::new(program).args(args).output().unwrap_or_else(|e| {
        panic!("cannot run {program}: {e}; install the test tools with scripts/install-test-deps.sh")
    });
    assert!(
        output.status.success(),
        "{program} {args:?} failed ({}): {}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// What the browser made of one page.
struct Rendered {
    png: PathBuf,
    pdf: PathBuf,
    _dir: tempfile::TempDir,
}

/// Writes `document` as HTML and renders it with scripts/render-html.sh.
fn render(document: &Document, name: &str) -> Rendered {
    let dir = tempfile::tempdir().unwrap();
    let output = wengao::write::write(Format::Html, document, &WriteOptions::default())
        .expect("html is written");
    let html = dir.path().join(format!("{name}.html"));
    std::fs::write(&html, output.bytes).unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/render-html.sh");
    let out = dir.path().join("out");
    run(
        "bash",
        &[
            script.to_str().unwrap(),
            html.to_str().unwrap(),
            out.to_str().unwrap(),
        ],
    );
    Rendered {
        png: out.join(format!("{name}.png")),
        pdf: out.join(format!("{name}.pdf")),
        _dir: dir,
    }
}

fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The text of each page, without its page number line ("— 3 —").
fn page_texts(pdf: &Path) -> Vec<String> {
    let info = run("pdfinfo", &[pdf.to_str().unwrap()]);
    let pages: usize = info
        .lines()
        .find_map(|line| line.strip_prefix("Pages:"))
        .expect("pdfinfo prints Pages")
        .trim()
        .parse()
        .unwrap();
    (1..=pages)
        .map(|page| {
            let page = page.to_string();
            let text = run(
                "pdftotext",
                &["-f", &page, "-l", &page, pdf.to_str().unwrap(), "-"],
            );
            text.lines()
                .filter(|line| {
                    let line = squeeze(line);
                    !(line.starts_with('—') && line.ends_with('—'))
                })
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect()
}

fn assert_a4(pdf: &Path) {
    let info = run("pdfinfo", &[pdf.to_str().unwrap()]);
    let size = info
        .lines()
        .find_map(|line| line.strip_prefix("Page size:"))
        .expect("pdfinfo prints the page size");
    let numbers: Vec<f64> = size
        .split_whitespace()
        .filter_map(|word| word.parse().ok())
        .collect();
    assert_eq!(
        (numbers[0].round(), numbers[1].round()),
        (595.0, 842.0),
        "A4 is 595 × 842 pt: {size}"
    );
}

/// Width and height from a PNG's IHDR chunk.
fn png_size(png: &Path) -> (u32, u32) {
    let bytes = std::fs::read(png).unwrap();
    assert_eq!(
        &bytes[..8],
        b"\x89PNG\r\n\x1a\n",
        "{} is a PNG",
        png.display()
    );
    let number = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (number(16), number(20))
}

#[test]
fn seed_page_prints_as_a4_with_every_heading_and_reads_on_screen() {
    let document = read(&crate::common::seed_text(), &ReadOptions::default());
    let rendered = render(&document, "seed");

    let (width, height) = png_size(&rendered.png);
    assert_eq!((width, height), (1280, 1800));
    let png_bytes = std::fs::metadata(&rendered.png).unwrap().len();
    assert!(
        png_bytes > 60_000,
        "a screenshot full of text is not a blank page ({png_bytes} bytes)"
    );

    assert_a4(&rendered.pdf);
    let pages = page_texts(&rendered.pdf);
    assert!(pages.len() > 1, "the seed fills several pages");
    let all = squeeze(&pages.join("\n"));
    assert!(
        all.contains(&squeeze(&document.title())),
        "title in the PDF"
    );
    for (_, section) in document.walk() {
        assert!(
            all.contains(&squeeze(&section.heading.text)),
            "heading {} in the PDF",
            section.heading.text
        );
    }
    assert!(
        !all.contains("目录"),
        "the table of contents is not printed"
    );

    // No page ends with a standalone heading.
    for (number, page) in pages.iter().enumerate() {
        let page = squeeze(page);
        for (_, section) in document.walk() {
            if section.heading.placement == Placement::Standalone {
                assert!(
                    !page.ends_with(&squeeze(&section.heading.text)),
                    "page {} ends with the heading {}",
                    number + 1,
                    section.heading.text
                );
            }
        }
    }

    // The 公文 grid: a full line of Chinese text holds 28 characters; one more only when the
    // browser sets two adjacent punctuation marks in 1.5 em (text-spacing-trim).
    let grid = 28;
    let is_mark = |c: char| !is_han(c) && !c.is_alphanumeric();
    let chinese_lines: Vec<Vec<char>> = pages
        .iter()
        .flat_map(|page| page.lines())
        .map(|line| squeeze(line).chars().collect::<Vec<char>>())
        .filter(|line| !line.is_empty() && !line.iter().any(char::is_ascii))
        .collect();
    for line in &chinese_lines {
        let squeezed = line
            .windows(2)
            .any(|pair| is_mark(pair[0]) && is_mark(pair[1]));
        let allowed = if squeezed { grid + 1 } else { grid };
        assert!(
            line.len() <= allowed,
            "a line longer than the grid: {}",
            line.iter().collect::<String>()
        );
    }
    let full = chinese_lines
        .iter()
        .filter(|line| line.len() >= grid)
        .count();
    assert!(
        full * 2 > chinese_lines.len(),
        "most lines are full 28-character lines ({full} of {})",
        chinese_lines.len()
    );
}

#[test]
fn hostile_text_prints_as_text() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/html/hostile.txt");
    let options = ReadOptions {
        keep_punctuation: true,
        ..ReadOptions::default()
    };
    let document = read(&path, &options);
    let rendered = render(&document, "hostile");
    assert_a4(&rendered.pdf);
    let all = squeeze(&page_texts(&rendered.pdf).join("\n"));
    for shown in [
        "<script>alert(\"标题\")</script>",
        "<imgsrc=xonerror=alert(1)>",
        "</section></article><p>注入",
    ] {
        assert!(all.contains(shown), "{shown} printed as text: {all}");
    }
}

/// Each printed line of the first page: its top (pt from the page top) and its text.
fn line_tops(pdf: &Path) -> Vec<(f32, String)> {
    let layout = run(
        "pdftotext",
        &[
            "-bbox-layout",
            "-f",
            "1",
            "-l",
            "1",
            pdf.to_str().unwrap(),
            "-",
        ],
    );
    let attribute = |tag: &str, name: &str| -> f32 {
        let start = tag.find(&format!("{name}=\"")).expect("bbox attribute") + name.len() + 2;
        let end = start + tag[start..].find('"').unwrap();
        tag[start..end].parse().unwrap()
    };
    let mut lines: Vec<(f32, String)> = Vec::new();
    for row in layout.lines().map(str::trim) {
        if row.starts_with("<line ") {
            lines.push((attribute(row, "yMin"), String::new()));
        } else if let (Some(word), Some(line)) = (row.strip_prefix("<word "), lines.last_mut()) {
            let text = word.split_once('>').unwrap().1.trim_end_matches("</word>");
            line.1.push_str(text);
        }
    }
    lines
}

#[test]
fn title_block_prints_solid_with_one_blank_line_after_its_last_line() {
    // Written subtitle → date → speaker: the blank line follows the speaker, not the date.
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/reader/detail-order/input.txt");
    let rendered = render(&read(&path, &ReadOptions::default()), "detail-order");
    let lines = line_tops(&rendered.pdf);
    let top = |start: &str| {
        lines
            .iter()
            .find(|(_, text)| text.starts_with(start))
            .unwrap_or_else(|| panic!("no printed line starts with {start}: {lines:?}"))
            .0
    };
    let (subtitle, date, speaker, salutation, body) = (
        top("——在全市"),
        top("（2025"),
        top("市长"),
        top("同志们："),
        top("这次会议"),
    );
    let pitch = body - salutation;
    assert!((pitch - 29.0).abs() < 1.0, "22 lines in 225 mm: {pitch}");
    for (gap, lines_apart, what) in [
        (date - subtitle, 1.0, "subtitle → date"),
        (speaker - date, 1.0, "date → speaker"),
        (
            salutation - speaker,
            2.0,
            "speaker → salutation: one blank line",
        ),
    ] {
        assert!(
            (gap - lines_apart * pitch).abs() < 1.0,
            "{what}: {gap} pt, expected {lines_apart} × {pitch}"
        );
    }
}

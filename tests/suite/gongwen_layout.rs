//! 公文 elements on the page, in wengao's PDF and in LibreOffice's rendering of wengao's DOCX:
//! each element is found by its text (`pdftotext -bbox-layout`) and its place checked against
//! GB/T 9704 (the mark centred 35 mm under the type area's top and red, the red rule, the
//! 发文字号 and 签发人, the signature over the date, attachments on new pages, the 版记 at the
//! foot of the last page without a page number). Needs pdftotext, pdftoppm and soffice.

use std::path::{Path, PathBuf};

use wengao::model::{DocKind, Document};
use wengao::{Format, Template, WriteOptions};

use crate::common::*;
use crate::docx_render::{render, run};

/// Millimetres in points.
fn mm(value: f32) -> f32 {
    value * 72.0 / 25.4
}

/// A printed line: its text (white space removed) and box in points from the top left.
#[derive(Debug, Clone)]
struct Line {
    text: String,
    x0: f32,
    y0: f32,
    x1: f32,
    y1: f32,
}

impl Line {
    fn centre(&self) -> f32 {
        (self.x0 + self.x1) / 2.0
    }
}

#[derive(Debug)]
struct Page {
    width: f32,
    height: f32,
    lines: Vec<Line>,
}

/// The lines of every page (`pdftotext -bbox-layout`).
fn pages(pdf: &Path) -> Vec<Page> {
    let xml = String::from_utf8(run(
        "pdftotext",
        &["-bbox-layout", pdf.to_str().unwrap(), "-"],
    ))
    .unwrap();
    let attribute = |tag: &str, name: &str| -> f32 {
        let start = tag.find(&format!(" {name}=\"")).expect("attribute") + name.len() + 3;
        let end = start + tag[start..].find('"').unwrap();
        tag[start..end].parse().unwrap()
    };
    let mut pages: Vec<Page> = Vec::new();
    for row in xml.lines().map(str::trim) {
        if row.starts_with("<page ") {
            pages.push(Page {
                width: attribute(row, "width"),
                height: attribute(row, "height"),
                lines: Vec::new(),
            });
        } else if row.starts_with("<line ") {
            if let Some(page) = pages.last_mut() {
                page.lines.push(Line {
                    text: String::new(),
                    x0: attribute(row, "xMin"),
                    y0: attribute(row, "yMin"),
                    x1: attribute(row, "xMax"),
                    y1: attribute(row, "yMax"),
                });
            }
        } else if let Some(word) = row.strip_prefix("<word ") {
            let text = word.split_once('>').unwrap().1.trim_end_matches("</word>");
            if let Some(line) = pages.last_mut().and_then(|p| p.lines.last_mut()) {
                line.text.push_str(text);
            }
        }
    }
    pages
}

/// The first line (page index, line) whose text contains `needle` (white space ignored).
fn find<'a>(pages: &'a [Page], needle: &str) -> Option<(usize, &'a Line)> {
    let needle: String = needle.chars().filter(|c| !c.is_whitespace()).collect();
    pages.iter().enumerate().find_map(|(index, page)| {
        page.lines
            .iter()
            .find(|line| line.text.contains(&needle))
            .map(|line| (index, line))
    })
}

fn is_page_number(text: &str) -> bool {
    text.starts_with('—') && text.ends_with('—') && text.chars().any(|c| c.is_ascii_digit())
}

/// A page rendered to RGB pixels (pdftoppm's default PPM output) at `dpi`.
struct Raster {
    width: usize,
    height: usize,
    dpi: f32,
    rgb: Vec<u8>,
}

fn raster(pdf: &Path, page: usize, dpi: u32) -> Raster {
    let dir = tempfile::tempdir().unwrap();
    let prefix = dir.path().join("p");
    let number = (page + 1).to_string();
    run(
        "pdftoppm",
        &[
            "-r",
            &dpi.to_string(),
            "-f",
            &number,
            "-l",
            &number,
            "-singlefile",
            pdf.to_str().unwrap(),
            prefix.to_str().unwrap(),
        ],
    );
    let bytes = std::fs::read(dir.path().join("p.ppm")).unwrap();
    // "P6\nW H\n255\n" then the pixels.
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(&bytes[start..at]).into_owned());
    }
    at += 1;
    Raster {
        width: fields[1].parse().unwrap(),
        height: fields[2].parse().unwrap(),
        dpi: dpi as f32,
        rgb: bytes[at..].to_vec(),
    }
}

impl Raster {
    /// Pixels of GB/T 9704's red (strong red, little green or blue) inside a box in points.
    fn red_pixels(&self, x0: f32, y0: f32, x1: f32, y1: f32) -> usize {
        let px = |pt: f32| ((pt / 72.0) * self.dpi).max(0.0) as usize;
        let mut count = 0;
        for y in px(y0)..px(y1).min(self.height) {
            for x in px(x0)..px(x1).min(self.width) {
                let i = (y * self.width + x) * 3;
                let (r, g, b) = (self.rgb[i], self.rgb[i + 1], self.rgb[i + 2]);
                if r > 180 && g < 110 && b < 110 {
                    count += 1;
                }
            }
        }
        count
    }
}

/// How close a renderer is held to the standard's positions, in points: wengao's own PDF
/// tightly, LibreOffice's rendering of the DOCX more loosely (its line boxes and frame
/// placement differ by a few points).
#[derive(Debug, Clone, Copy)]
struct Tolerance {
    position: f32,
    name: &'static str,
}

const OWN_PDF: Tolerance = Tolerance {
    position: 6.0,
    name: "wengao PDF",
};
const LIBREOFFICE: Tolerance = Tolerance {
    position: 14.0,
    name: "LibreOffice rendering of the DOCX",
};

/// Checks every element of `document` in the PDF at `pdf`.
fn check_elements(document: &Document, pdf: &Path, tolerance: Tolerance, case: &str) {
    let template = Template::builtin("gongwen").unwrap();
    let page_setup = &template.page;
    let pages = pages(pdf);
    assert!(!pages.is_empty(), "{case}: no pages");
    let first = &pages[0];
    let left = mm(page_setup.margin_left_mm);
    let right = first.width - mm(page_setup.margin_right_mm);
    let type_top = mm(page_setup.margin_top_mm);
    let type_bottom = first.height - mm(page_setup.margin_bottom_mm);
    let body_pt = template.roles.body.size.pt();
    let within = |got: f32, want: f32, what: &str| {
        assert!(
            (got - want).abs() <= tolerance.position,
            "{case} ({}): {what} at {got:.1} pt, expected {want:.1} pt",
            tolerance.name
        );
    };
    let meta = &document.meta;
    let header = meta.header.as_ref().expect("a 公文 has a 版头");

    // The issuer's mark: centred, red, its top 35 mm under the type area (a letter: 30 mm
    // under the paper's top).
    let mark_text: String = header.mark.iter().map(|m| m.text.as_str()).collect();
    let first_mark = &header.mark[0].text;
    let (mark_page, mark) = find(&pages, first_mark)
        .unwrap_or_else(|| panic!("{case} ({}): the mark {mark_text}", tolerance.name));
    assert_eq!(mark_page, 0, "{case}: the mark is on page 1");
    within(mark.centre(), first.width / 2.0, "the mark's centre");
    let mark_top = match header.kind {
        DocKind::Letter => mm(30.0),
        DocKind::File | DocKind::Upward => type_top + mm(35.0),
    };
    // The line box starts a little above the glyphs' tops; the glyphs are what is measured
    // by eye, so the box may sit up to a tolerance higher.
    within(mark.y0, mark_top, "the mark's top");
    let page_one = raster(pdf, 0, 100);
    let red_mark = page_one.red_pixels(mark.x0, mark.y0, mark.x1, mark.y1);
    assert!(
        red_mark > 800,
        "{case} ({}): the mark is not red ({red_mark} red pixels)",
        tolerance.name
    );

    // 发文字号: centred (a letter: flush right), the red rule 4 mm under it; an upward
    // document's number flush left + 1 character and 签发人 right − 1 character on its line.
    if let Some(number) = &header.doc_number {
        let (_, line) = find(&pages, &number.text).expect("the 发文字号");
        match header.kind {
            DocKind::File => within(line.centre(), first.width / 2.0, "the 发文字号's centre"),
            DocKind::Upward => {
                within(line.x0, left + body_pt, "the 发文字号's left edge");
                let (_, signer_line) = find(&pages, "签发人").expect("签发人");
                within(
                    signer_line.x1,
                    right - body_pt,
                    "the 签发人 line's right edge",
                );
            }
            DocKind::Letter => within(line.x1, right, "a letter's 发文字号's right edge"),
        }
        if header.kind != DocKind::Letter {
            let band = page_one.red_pixels(left, line.y1, right, line.y1 + mm(8.0));
            assert!(
                band > 300,
                "{case} ({}): no red rule under the 发文字号 ({band} red pixels)",
                tolerance.name
            );
        }
    }

    // 署名 and 成文日期: the date right − 4 characters, the issuer centred over it.
    if let Some(closing) = &document.closing
        && let Some(date) = &closing.date
    {
        let (date_page, date_line) = find(&pages, &date.text).expect("the 成文日期");
        within(date_line.x1, right - 4.0 * body_pt, "the date's right edge");
        if closing.signatures.len() == 1 {
            let (signature_page, signature) =
                find(&pages[date_page..], &closing.signatures[0].text)
                    .map(|(p, l)| (p + date_page, l))
                    .expect("the 署名");
            assert_eq!(
                signature_page, date_page,
                "{case}: signature and date on one page"
            );
            within(
                signature.centre(),
                date_line.centre(),
                "the signature's centre",
            );
            assert!(
                signature.y1 <= date_line.y0 + 1.0,
                "{case}: the signature is above the date"
            );
        }
    }

    // Attachments: each label starts a page, flush left, on the first line.
    for attachment in &document.attachments {
        let Some(label) = &attachment.label else {
            continue;
        };
        let title = attachment.title.concat();
        let page_index = pages
            .iter()
            .position(|page| {
                page.lines.iter().any(|l| l.text == label.text)
                    && page
                        .lines
                        .iter()
                        .any(|l| title.starts_with(&l.text) || l.text.starts_with(&title))
            })
            .unwrap_or_else(|| panic!("{case} ({}): attachment {}", tolerance.name, label.text));
        let page = &pages[page_index];
        let top_line = page
            .lines
            .iter()
            .filter(|l| !is_page_number(&l.text))
            .min_by(|a, b| a.y0.total_cmp(&b.y0))
            .unwrap();
        assert_eq!(
            top_line.text, label.text,
            "{case}: {} starts its page",
            label.text
        );
        within(top_line.x0, left, "an attachment label's left edge");
        within(top_line.y0, type_top, "an attachment label's top");
    }

    // The 版记: on the last page, its last line at the foot of the type area, and no page
    // number on that page.
    if let Some(record) = &document.record {
        let last = pages.len() - 1;
        let needle = record
            .print_date
            .as_ref()
            .map(|d| format!("{}印发", d.text))
            .or_else(|| record.cc.as_ref().map(|c| c.text.chars().take(6).collect()))
            .unwrap();
        let (page_index, line) = find(&pages, &needle).expect("the 版记");
        assert_eq!(
            page_index, last,
            "{case} ({}): the 版记 is on the last page",
            tolerance.name
        );
        assert!(
            line.y1 > type_bottom - 2.5 * mm(225.0 / 22.0),
            "{case} ({}): the 版记's last line ends at {:.1} pt, the type area at {type_bottom:.1}",
            tolerance.name,
            line.y1
        );
        assert!(
            !pages[last].lines.iter().any(|l| is_page_number(&l.text)),
            "{case} ({}): the 版记's page carries a page number",
            tolerance.name
        );
    }
    if header.kind == DocKind::Letter {
        assert!(
            !pages[0].lines.iter().any(|l| is_page_number(&l.text)),
            "{case} ({}): a letter's first page carries a page number",
            tolerance.name
        );
    }
}

/// The fixtures whose elements are checked on the page.
const CASES: [&str; 5] = [
    "notice-full",
    "request-upward",
    "letter",
    "joint-issue",
    "no-record",
];

fn fixture(case: &str) -> (PathBuf, Document) {
    let path = root().join("fixtures/gongwen").join(case).join("input.txt");
    let document = read_text(&path).document;
    (path, document)
}

#[test]
fn elements_sit_where_gbt_9704_puts_them_in_the_pdf() {
    let dir = tempfile::tempdir().unwrap();
    for case in CASES {
        let (_, document) = fixture(case);
        let options = WriteOptions {
            template: Template::builtin("gongwen").unwrap(),
            ..WriteOptions::default()
        };
        let pdf = dir.path().join(format!("{case}.pdf"));
        let bytes = wengao::write::write(Format::Pdf, &document, &options)
            .unwrap()
            .bytes;
        std::fs::write(&pdf, bytes).unwrap();
        check_elements(&document, &pdf, OWN_PDF, case);
    }
}

#[test]
fn elements_sit_where_gbt_9704_puts_them_in_libreoffice() {
    let dir = tempfile::tempdir().unwrap();
    for case in CASES {
        let (_, document) = fixture(case);
        let pdf = render(&document, case, dir.path());
        check_elements(&document, &pdf, LIBREOFFICE, case);
    }
}

#[test]
fn a_duplex_gongwen_ends_on_an_even_page() {
    // notice-full ends with a 版记; printed on both sides its last page must be even.
    let (_, document) = fixture("notice-full");
    let options = WriteOptions {
        template: Template::builtin("gongwen").unwrap(),
        ..WriteOptions::default()
    };
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("duplex.pdf");
    let bytes = wengao::write::write(Format::Pdf, &document, &options)
        .unwrap()
        .bytes;
    std::fs::write(&pdf, bytes).unwrap();
    assert_eq!(pages(&pdf).len() % 2, 0, "an odd number of pages");
}

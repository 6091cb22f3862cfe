//! PDF writer tests: the file through lopdf, pdftotext, qpdf and pdffonts; the layout through
//! its positions (kinsoku, justification, the 22 × 28 grid); fonts and the `wengao fonts` command.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::han;
use wengao::flow::linebreak::{forbidden_at_line_end, forbidden_at_line_start};
use wengao::flow::{Flow, FlowOptions};
use wengao::model::{Block, Document, Heading, Inline, Placement, Section, is_han};
use wengao::write::WriteOptions;
use wengao::write::pdf::fonts::{FontSearch, Fonts};
use wengao::write::pdf::layout::{self, Fill, FixedMetrics, Layout};
use wengao::{Error, Format, Template, WarningKind};

fn manifest(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn read_text(path: &Path) -> Document {
    crate::common::read_document(path)
}

fn seed() -> Document {
    read_text(&crate::common::seed_text())
}

/// Lays a document out on a template, as the PDF writer does.
fn lay(document: &Document, template: &Template, metrics: &dyn layout::Metrics) -> Layout {
    layout::layout(
        &Flow::new(document, template, FlowOptions::default()),
        metrics,
    )
}

fn fixture(name: &str) -> Document {
    read_text(&manifest("fixtures/pdf").join(name))
}

/// Runs an external tool, failing the test with a clear message when it is not installed.
fn tool(program: &str, args: &[&str]) -> std::process::Output {
    Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| {
            panic!("{program} is needed for this test ({e}); run scripts/install-test-deps.sh")
        })
}

fn write_pdf(document: &Document, name: &str) -> (tempfile::TempDir, PathBuf, wengao::Output) {
    let output =
        wengao::write::write(Format::Pdf, document, &WriteOptions::default()).expect("pdf");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, &output.bytes).unwrap();
    (dir, path, output)
}

/// Outline titles with their depth, from the model.
fn model_outline(document: &Document) -> Vec<(usize, String)> {
    document
        .walk()
        .into_iter()
        .map(|(path, section)| (path.len(), section.heading.text.clone()))
        .collect()
}

/// Outline titles with their depth, from the PDF.
fn pdf_outline(pdf: &lopdf::Document) -> Vec<(usize, String)> {
    fn visit(
        pdf: &lopdf::Document,
        first: Option<lopdf::ObjectId>,
        depth: usize,
        out: &mut Vec<(usize, String)>,
    ) {
        let mut next = first;
        while let Some(id) = next {
            let item = pdf.get_dictionary(id).expect("outline item");
            let title = item
                .get(b"Title")
                .and_then(lopdf::Object::as_str)
                .expect("title");
            out.push((depth, decode_text(title)));
            let child = item
                .get(b"First")
                .and_then(lopdf::Object::as_reference)
                .ok();
            visit(pdf, child, depth + 1, out);
            next = item.get(b"Next").and_then(lopdf::Object::as_reference).ok();
        }
    }
    let catalog = pdf.catalog().expect("catalog");
    let mut out = Vec::new();
    if let Ok(outlines) = catalog
        .get(b"Outlines")
        .and_then(lopdf::Object::as_reference)
    {
        let root = pdf.get_dictionary(outlines).unwrap();
        let first = root
            .get(b"First")
            .and_then(lopdf::Object::as_reference)
            .ok();
        visit(pdf, first, 1, &mut out);
    }
    out
}

fn decode_text(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks(2)
            .map(|p| u16::from_be_bytes([p[0], p[1]]))
            .collect();
        String::from_utf16(&units).unwrap()
    } else {
        String::from_utf8_lossy(bytes).into_owned()
    }
}

/// Every check on the written file: text, outline, catalog, fonts, qpdf.
fn check_pdf(document: &Document, name: &str) -> wengao::Output {
    let (_dir, path, output) = write_pdf(document, name);
    let path_str = path.to_str().unwrap();

    // Text extraction gives the speech back: Han characters equal, in order.
    let text = tool("pdftotext", &[path_str, "-"]);
    assert!(text.status.success(), "pdftotext failed");
    let extracted = han(&String::from_utf8_lossy(&text.stdout));
    let expected = han(&document.reading_text());
    if extracted != expected {
        let at = extracted
            .chars()
            .zip(expected.chars())
            .position(|(a, b)| a != b)
            .unwrap_or(extracted.chars().count().min(expected.chars().count()));
        let context = |s: &str| {
            s.chars()
                .skip(at.saturating_sub(10))
                .take(30)
                .collect::<String>()
        };
        panic!(
            "pdftotext differs from reading_text at Han char {at}:\n  pdf:   {}\n  model: {}",
            context(&extracted),
            context(&expected)
        );
    }

    // The catalog, outline and info through lopdf.
    let pdf = lopdf::Document::load_mem(&output.bytes).expect("lopdf reads it");
    let catalog = pdf.catalog().unwrap();
    assert_eq!(
        catalog
            .get(b"Lang")
            .and_then(lopdf::Object::as_str)
            .unwrap(),
        b"zh-CN"
    );
    let page_mode = catalog.get(b"PageMode").unwrap();
    if document.sections.is_empty() {
        assert_eq!(page_mode.as_name().unwrap(), b"UseNone");
    } else {
        assert_eq!(
            page_mode.as_name().expect("PageMode is a name"),
            b"UseOutlines"
        );
    }
    assert_eq!(pdf_outline(&pdf), model_outline(document));
    let info_id = pdf.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let info = pdf.get_dictionary(info_id).unwrap();
    assert_eq!(
        decode_text(info.get(b"Title").unwrap().as_str().unwrap()),
        document.title()
    );

    // Page count equals the layout's.
    let template = Template::builtin("gongwen").unwrap();
    let fonts = Fonts::load(&template, &[], &FontSearch::from_env()).unwrap();
    let laid_out = lay(document, &template, &fonts);
    assert_eq!(pdf.get_pages().len(), laid_out.pages.len());

    // Fonts: embedded, subset, with ToUnicode.
    let fonts_out = tool("pdffonts", &[path_str]);
    let listing = String::from_utf8_lossy(&fonts_out.stdout).into_owned();
    let rows: Vec<&str> = listing.lines().skip(2).collect();
    assert!(!rows.is_empty(), "no fonts listed:\n{listing}");
    for row in rows {
        let columns: Vec<&str> = row.split_whitespace().collect();
        let n = columns.len();
        assert_eq!(
            &columns[n - 5..n - 2],
            &["yes", "yes", "yes"],
            "font not embedded+subset+ToUnicode: {row}"
        );
    }

    // qpdf finds nothing wrong.
    let check = tool("qpdf", &["--check", path_str]);
    assert!(
        check.status.success(),
        "qpdf --check failed:\n{}",
        String::from_utf8_lossy(&check.stdout)
    );
    output
}

#[test]
fn seed_pdf_gives_the_speech_back_and_passes_the_checks() {
    let document = seed();
    let output = check_pdf(&document, "seed.pdf");
    assert!(output.warnings.is_empty(), "{:?}", output.warnings);
}

#[test]
fn fixture_pdf_with_every_marker_family_passes_the_checks() {
    let document = fixture("speech.txt");
    assert!(
        document.walk().len() >= 8,
        "the fixture has nested headings"
    );
    let output = check_pdf(&document, "speech.pdf");
    // 𠀀 and the emoji are in no installed face: each is named in a warning.
    let messages: Vec<String> = output
        .warnings
        .iter()
        .filter(|w| w.kind == WarningKind::Output)
        .map(|w| w.message.clone())
        .collect();
    assert!(
        messages.iter().any(|m| m.contains("U+20000")),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|m| m.contains("U+1F44D")),
        "{messages:?}"
    );
    assert!(
        !messages.iter().any(|m| m.contains("U+4DAE")),
        "䶮 is in Noto CJK: {messages:?}"
    );

    // Level-3 headings are 仿宋 bold, which has no bold face: drawn with fill and stroke.
    assert!(document.walk().iter().any(|(path, _)| path.len() == 3));
    let pdf = lopdf::Document::load_mem(&output.bytes).unwrap();
    let fill_stroke = pdf.get_pages().values().any(|page| {
        let content = pdf.get_page_content(*page);
        String::from_utf8_lossy(&content).contains("2 Tr")
    });
    assert!(
        fill_stroke,
        "no synthesised bold (2 Tr) in the content streams"
    );
}

#[test]
fn output_is_deterministic_and_honours_source_date_epoch() {
    let document = fixture("speech.txt");
    let first = wengao::write::write(Format::Pdf, &document, &WriteOptions::default()).unwrap();
    let second = wengao::write::write(Format::Pdf, &document, &WriteOptions::default()).unwrap();
    assert!(first.bytes == second.bytes, "two writes differ");

    let binary = env!("CARGO_BIN_EXE_wengao");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("dated.pdf");
    let status = Command::new(binary)
        .args([
            "convert",
            manifest("fixtures/pdf/speech.txt").to_str().unwrap(),
            "-o",
        ])
        .arg(&out)
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let pdf = lopdf::Document::load(&out).unwrap();
    let info_id = pdf.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let date = pdf
        .get_dictionary(info_id)
        .unwrap()
        .get(b"CreationDate")
        .unwrap()
        .as_str()
        .unwrap()
        .to_vec();
    assert!(
        String::from_utf8_lossy(&date).contains("20231114"),
        "{}",
        String::from_utf8_lossy(&date)
    );
}

/// The CLI streams the PDF into its file; the bytes are those the in-memory writer makes.
#[test]
fn a_pdf_streamed_to_a_file_equals_the_one_made_in_memory() {
    let document = fixture("speech.txt");
    let in_memory = wengao::write::write(Format::Pdf, &document, &WriteOptions::default()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("streamed.pdf");
    let status = Command::new(env!("CARGO_BIN_EXE_wengao"))
        .args([
            "convert",
            manifest("fixtures/pdf/speech.txt").to_str().unwrap(),
            "-o",
        ])
        .arg(&out)
        .env_remove("SOURCE_DATE_EPOCH")
        .status()
        .unwrap();
    assert!(status.success());
    assert!(std::fs::read(&out).unwrap() == in_memory.bytes);
    // Only the PDF is left: the temporary file was renamed, not copied.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

/// The fonts are subset from `glyph_choices` before the layout runs: every glyph the layout
/// prints must be among them, or it would print as the wrong glyph.
#[test]
fn glyph_choices_cover_every_laid_out_glyph() {
    let template = Template::builtin("gongwen").unwrap();
    let fonts = Fonts::load(&template, &[], &FontSearch::from_env()).expect("fonts installed");
    for name in ["speech.txt", "kinsoku.txt"] {
        let document = fixture(name);
        let mut chosen = std::collections::HashSet::new();
        let flow = Flow::new(&document, &template, FlowOptions::default());
        layout::glyph_choices(&flow, &fonts, &mut |face, ch| {
            chosen.insert((face, ch));
        });
        let laid_out = lay(&document, &template, &fonts);
        let mut glyphs = 0;
        for page in &laid_out.pages {
            for glyph in page
                .lines
                .iter()
                .chain(page.folio.as_ref())
                .flat_map(|l| &l.glyphs)
            {
                assert!(
                    chosen.contains(&(glyph.face, glyph.ch)),
                    "{name}: {:?} in face {:?} was not chosen",
                    glyph.ch,
                    glyph.face
                );
                glyphs += 1;
            }
        }
        assert!(glyphs > 500, "{name}: only {glyphs} glyphs laid out");
    }
}

fn real_layout(document: &Document) -> Layout {
    let template = Template::builtin("gongwen").unwrap();
    let fonts = Fonts::load(&template, &[], &FontSearch::from_env()).expect("fonts installed");
    lay(document, &template, &fonts)
}

/// Asserts the kinsoku rules, justification and the grid on every line of a layout.
fn assert_typeset_well(layout: &Layout) {
    let g = layout.geometry;
    let lines: Vec<_> = layout.pages.iter().flat_map(|p| p.lines.iter()).collect();
    for (index, line) in lines.iter().enumerate() {
        let text = line.text();
        let first = text.chars().next().unwrap();
        let last = text.chars().last().unwrap();
        assert!(
            !forbidden_at_line_start(first),
            "line starts with {first}: {text}"
        );
        assert!(
            !forbidden_at_line_end(last),
            "line ends with {last}: {text}"
        );
        if let Some(next) = lines.get(index + 1) {
            let next_first = next.text().chars().next().unwrap();
            assert!(
                !(last == next_first && "—…".contains(last)),
                "a doubled mark is split: {text} / {}",
                next.text()
            );
        }
        // At most 28 character cells: 28 Han characters, and no more than 28 cells of width
        // (pushed-in punctuation takes half a cell).
        let han_count = line.glyphs.iter().filter(|gl| is_han(gl.ch)).count();
        assert!(han_count <= 28, "{han_count} Han characters: {text}");
        let cells = (line.right() - line.left()) / g.char_pitch;
        assert!(cells <= 28.0 + 0.01, "{cells} cells: {text}");
        assert!(line.left() >= g.block_left - 0.05, "hangs left: {text}");
        assert!(line.right() <= g.block_right() + 0.05, "overflows: {text}");
        if line.fill == Fill::Justified {
            assert!(
                (line.right() - g.block_right()).abs() < 0.05,
                "justified line ends at {} not {}: {text}",
                line.right(),
                g.block_right()
            );
        }
        assert!(line.row < 22);
    }
    for page in &layout.pages[..layout.pages.len() - 1] {
        let last_row = page.lines.last().unwrap().row;
        assert!(
            last_row >= 20,
            "page {} ends at row {last_row}",
            page.number
        );
    }
}

#[test]
fn kinsoku_fixture_puts_every_mark_at_a_line_edge_and_breaks_by_the_rules() {
    let document = fixture("kinsoku.txt");
    // The fixture is built so that each mark meets the end of the indented first line
    // (26 cells): a stop or closing mark at cell 27, an opening mark at cell 26, a doubled
    // mark across cells 26 and 27.
    assert!(document.front.len() >= 20);
    for block in &document.front {
        let chars: Vec<char> = block.plain_text().chars().collect();
        let at_edge = forbidden_at_line_start(chars[26])
            || forbidden_at_line_end(chars[25])
            || (chars[25] == chars[26] && "—…".contains(chars[25]));
        assert!(
            at_edge,
            "fixture paragraph has no mark at the edge: {}",
            block.plain_text()
        );
    }
    let layout = real_layout(&document);
    assert_typeset_well(&layout);
    // Every paragraph is longer than a line: its first line is justified.
    let first_lines = layout.pages[0]
        .lines
        .iter()
        .filter(|l| l.fill == Fill::Justified)
        .count();
    assert!(first_lines >= 10, "{}", layout.dump());
}

#[test]
fn seed_layout_fills_22_lines_a_page_without_kinsoku_violations() {
    let layout = real_layout(&seed());
    assert_typeset_well(&layout);
    let full_pages = &layout.pages[1..layout.pages.len() - 1];
    assert!(!full_pages.is_empty());
    assert!(
        full_pages.iter().any(|p| p.lines.len() == 22),
        "{}",
        layout.dump()
    );
    // Page numbers: odd right, even left, one character in, under the block.
    let g = layout.geometry;
    for page in &layout.pages {
        let folio = page
            .folio
            .as_ref()
            .expect("every page of a speech is numbered");
        assert_eq!(folio.text(), format!("— {} —", page.number));
        assert!(folio.baseline > g.block_top + g.block_height);
        if page.number % 2 == 1 {
            assert!((folio.right() - (g.block_right() - g.char_pitch)).abs() < 0.05);
        } else {
            assert!((folio.left() - (g.block_left + g.char_pitch)).abs() < 0.05);
        }
    }
}

#[test]
fn a_heading_is_never_stranded_at_a_page_bottom() {
    // 21 one-line paragraphs, then a heading: it would take row 21 (the last), so it moves.
    let line = "国".repeat(20);
    let blocks = (0..21)
        .map(|_| Block::paragraph(vec![Inline::text(line.clone())], None))
        .collect();
    let document = Document {
        front: blocks,
        sections: vec![Section {
            heading: Heading {
                level: 1,
                marker: None,
                text: "总体要求".into(),
                placement: Placement::Standalone,
                line: None,
            },
            blocks: vec![Block::paragraph(vec![Inline::text("正文。")], None)],
            children: Vec::new(),
        }],
        ..Document::default()
    };
    let layout = lay(
        &document,
        &Template::builtin("gongwen").unwrap(),
        &FixedMetrics::default(),
    );
    assert_eq!(layout.pages[0].lines.len(), 21, "{}", layout.dump());
    assert_eq!(layout.pages[1].lines[0].text(), "总体要求");
    assert_eq!(layout.anchors[0].page, 1);
}

#[test]
fn the_title_and_its_block_are_solid_and_one_blank_line_follows_them_in_any_order() {
    let rows_of = |text: &str| {
        let input = wengao::Input {
            name: "block.txt".into(),
            bytes: text.as_bytes().to_vec(),
        };
        let document = wengao::read::read(Format::Text, &[input], &Default::default())
            .unwrap()
            .document;
        let layout = lay(
            &document,
            &Template::builtin("speech").unwrap(),
            &FixedMetrics::default(),
        );
        layout.pages[0]
            .lines
            .iter()
            .map(|line| (line.row, line.text()))
            .collect::<Vec<_>>()
    };
    for order in [
        [
            "——在全市经济工作会议上的报告",
            "市长　王　东",
            "（2025年12月20日）",
        ],
        [
            "——在全市经济工作会议上的报告",
            "（2025年12月20日）",
            "市长　王　东",
        ],
        [
            "（2025年12月20日）",
            "市长　王　东",
            "——在全市经济工作会议上的报告",
        ],
    ] {
        let text = format!(
            "凝心聚力抓落实\n{}\n同志们：\n这次会议的主要任务是部署明年工作。\n",
            order.join("\n")
        );
        let rows = rows_of(&text);
        let texts: Vec<&str> = rows.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(&texts[1..4], &order, "written order kept");
        let row: Vec<usize> = rows.iter().map(|(r, _)| *r).collect();
        // title, blank, three solid lines, one blank, salutation, body.
        assert_eq!(row[..6], [0, 2, 3, 4, 6, 7], "{order:?}: {rows:?}");
    }
    // A title written on two lines is set solid too; the blank line follows its last line.
    let rows = rows_of(
        "关于进一步加强机关作风建设\n推动全市经济高质量发展的实施意见\n\n一、总体要求\n正文。\n",
    );
    let row: Vec<usize> = rows.iter().map(|(r, _)| *r).collect();
    assert_eq!(row, [0, 1, 3, 4], "{rows:?}");
}

#[test]
fn the_dump_lists_pages_rows_and_positions() {
    let document = fixture("speech.txt");
    let dump = real_layout(&document).dump();
    assert!(dump.starts_with("page 1\n"), "{dump}");
    assert!(dump.contains("title"), "{dump}");
    assert!(dump.contains("justified"), "{dump}");
    assert!(dump.contains("— 1 —"), "{dump}");
}

#[test]
fn no_chinese_font_is_an_error_that_says_what_to_install() {
    let empty = tempfile::tempdir().unwrap();
    let search = FontSearch {
        dirs: vec![empty.path().to_path_buf()],
        system: false,
    };
    let template = Template::builtin("gongwen").unwrap();
    match Fonts::load(&template, &[], &search) {
        Err(Error::Write { message, .. }) => {
            assert!(message.contains("scripts/setup-fonts.sh"), "{message}");
            assert!(message.contains("fonts-noto-cjk"), "{message}");
            assert!(message.contains("--font body="), "{message}");
        }
        Err(other) => panic!("wrong error: {other}"),
        Ok(_) => panic!("loaded fonts from an empty folder"),
    }
}

#[test]
fn a_font_file_for_a_role_is_used_and_reported() {
    let kai = "/usr/local/share/fonts/wengao/FandolKai-Regular.otf";
    assert!(
        Path::new(kai).exists(),
        "{kai} is missing: run scripts/setup-fonts.sh"
    );
    let binary = env!("CARGO_BIN_EXE_wengao");
    let out = Command::new(binary)
        .args(["fonts", "--font", &format!("body={kai}")])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = String::from_utf8_lossy(&out.stdout);
    for role in [
        "title",
        "body",
        "heading1",
        "heading4",
        "run_in",
        "page_number",
    ] {
        assert!(
            report.contains(&format!("{role}:\n")),
            "{role} missing:\n{report}"
        );
    }
    let body = report.split("body:\n").nth(1).unwrap();
    let body_line = body.lines().next().unwrap();
    assert!(
        body_line.contains("FandolKai-Regular.otf") && body_line.contains("from --font"),
        "{body_line}"
    );
}

#[test]
fn a_rendered_page_has_ink_in_the_text_block() {
    let (dir, path, _) = write_pdf(&seed(), "render.pdf");
    let prefix = dir.path().join("page");
    let status = tool(
        "pdftoppm",
        &[
            "-png",
            "-r",
            "30",
            "-f",
            "1",
            "-l",
            "1",
            path.to_str().unwrap(),
            prefix.to_str().unwrap(),
        ],
    );
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let png = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .find(|e| e.path().extension().is_some_and(|x| x == "png"))
        .expect("pdftoppm wrote a PNG");
    let bytes = std::fs::read(png.path()).unwrap();
    assert!(bytes.starts_with(b"\x89PNG"));
    assert!(
        bytes.len() > 5_000,
        "page 1 looks blank ({} bytes)",
        bytes.len()
    );
}

#[test]
fn fixture_layout_dump_matches_the_golden_file() {
    // Fixed-width metrics make the dump independent of the installed fonts.
    let document = fixture("speech.txt");
    let template = Template::builtin("gongwen").unwrap();
    let dump = lay(&document, &template, &FixedMetrics::default()).dump();
    crate::common::golden(&manifest("fixtures/pdf/speech.layout.txt"), &dump);
}

#[test]
fn the_seed_speech_lays_out_as_before_the_gongwen_elements() {
    // The golden file was written by the flow commit (d90da2a), before 公文 elements were
    // laid out: a speech must print exactly as it did.
    let document = crate::common::read_text(&crate::common::seed_text()).document;
    let template = Template::builtin("gongwen").unwrap();
    let dump = lay(&document, &template, &FixedMetrics::default()).dump();
    crate::common::golden(&manifest("fixtures/pdf/seed.layout.txt"), &dump);
}

/// wengao's own cmap lookup (a binary search) finds the glyph printpdf's finds, for every
/// character of the Basic Multilingual Plane in every face the default template loads.
#[test]
fn the_faces_map_every_character_as_printpdf_does() {
    let mut checked = 0;
    for name in ["speech", "gongwen"] {
        let template = Template::builtin(name).unwrap();
        let fonts = Fonts::load(&template, &[], &FontSearch::from_env()).expect("fonts installed");
        for face in fonts.faces.iter() {
            for c in (0..=0xFFFFu32).filter_map(char::from_u32) {
                let expected = face.font.lookup_glyph_index(c as u32).filter(|&g| g != 0);
                assert_eq!(
                    face.glyph(c),
                    expected,
                    "{} U+{:04X}",
                    face.path.display(),
                    c as u32
                );
            }
            checked += 1;
        }
    }
    assert!(checked >= 4, "only {checked} faces loaded");
}

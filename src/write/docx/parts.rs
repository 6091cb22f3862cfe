//! The package parts wengao writes itself: styles.xml, settings.xml, core.xml and the TOC field.

use std::fmt::Write as _;

use super::geometry::{PageGeometry, Twips};
use crate::model::{DetailRole, Document};
use crate::template::{Align, Role, Template};

/// The WordprocessingML main namespace.
const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
/// Fixed creation and modification date: output must not depend on the clock.
pub const FIXED_DATE: &str = "2000-01-01T00:00:00Z";

/// The paragraph styles of a wengao document (and the one character style, `RunInBodyText`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParagraphStyle {
    Title,
    Subtitle,
    Speaker,
    Date,
    Salutation,
    /// Body paragraphs (the document's Normal style).
    Body,
    /// A standalone heading of a level (1-based); carries the outline level.
    Heading(u8),
    /// The lead sentence of a run-in heading: based on `Heading(level)`, whose outline level
    /// it inherits, with the run-in role's size and indents.
    RunInLead(u8),
    /// The paragraph after a run-in lead's style separator: the rest of the printed paragraph,
    /// no outline level, no first-line indent of its own (it continues the lead's line).
    RunInBody,
    /// The body text after a run-in lead sentence: a character style with the run-in face.
    RunInBodyText,
    /// Page number footers.
    Footer,
    /// The "目录" line above a table of contents.
    TocHeading,
    /// A table of contents entry of a level.
    Toc(u8),
}

impl ParagraphStyle {
    /// The `w:styleId`.
    pub fn id(self) -> String {
        match self {
            ParagraphStyle::Title => "Title".into(),
            ParagraphStyle::Subtitle => "Subtitle".into(),
            ParagraphStyle::Speaker => "Speaker".into(),
            ParagraphStyle::Date => "Date".into(),
            ParagraphStyle::Salutation => "Salutation".into(),
            ParagraphStyle::Body => "Normal".into(),
            ParagraphStyle::Heading(level) => format!("Heading{level}"),
            ParagraphStyle::RunInLead(level) => format!("RunInHeading{level}"),
            ParagraphStyle::RunInBody => "RunInBody".into(),
            ParagraphStyle::RunInBodyText => "RunInBodyText".into(),
            ParagraphStyle::Footer => "Footer".into(),
            ParagraphStyle::TocHeading => "TOCHeading".into(),
            ParagraphStyle::Toc(level) => format!("TOC{level}"),
        }
    }

    /// The `w:name` (Word's built-in names where one exists, so Word treats them as such).
    fn name(self) -> String {
        match self {
            ParagraphStyle::Title => "Title".into(),
            ParagraphStyle::Subtitle => "Subtitle".into(),
            ParagraphStyle::Speaker => "Speaker".into(),
            ParagraphStyle::Date => "Date".into(),
            ParagraphStyle::Salutation => "Salutation".into(),
            ParagraphStyle::Body => "Normal".into(),
            ParagraphStyle::Heading(level) => format!("heading {level}"),
            ParagraphStyle::RunInLead(level) => format!("Run-in Heading {level}"),
            ParagraphStyle::RunInBody => "Run-in Body".into(),
            ParagraphStyle::RunInBodyText => "Run-in Body Text".into(),
            ParagraphStyle::Footer => "footer".into(),
            ParagraphStyle::TocHeading => "TOC Heading".into(),
            ParagraphStyle::Toc(level) => format!("toc {level}"),
        }
    }
}

/// Escapes text for XML and drops characters XML 1.0 cannot carry.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Drops characters XML 1.0 cannot carry (for text handed to docx-rs, which escapes).
pub fn xml_safe(text: &str) -> String {
    text.chars()
        .filter(|&c| !((c as u32) < 0x20 && c != '\t') && c != '\u{FFFE}' && c != '\u{FFFF}')
        .collect()
}

/// Whether a paragraph's characters sit on the page's character grid.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum GridFit {
    /// Body text: on the grid, and narrowed just enough that LibreOffice, which gives a
    /// glyph wider than a grid cell two cells, keeps one cell per character.
    #[default]
    Snap,
    /// Title block lines: off the grid (a 二号 character would take two cells).
    Free,
}

impl GridFit {
    /// On the grid when a character of `size_pt` fits one cell (narrowed if need be); off
    /// the grid otherwise (a larger heading would take two cells a character).
    fn for_size(geometry: &PageGeometry, size_pt: f32) -> GridFit {
        if size_pt <= geometry.cell_pt() || geometry.scale_for(size_pt).is_some() {
            GridFit::Snap
        } else {
            GridFit::Free
        }
    }
}

/// Word's `w:rPr` for a role: named fonts (never theme fonts), bold, spacing, size.
fn run_properties(role: &Role, geometry: &PageGeometry, grid: GridFit) -> String {
    let mut out = String::from("<w:rPr>");
    out.push_str(&fonts(role));
    if role.bold {
        out.push_str("<w:b/><w:bCs/>");
    }
    let scale = match grid {
        GridFit::Snap => geometry.scale_for(role.size.pt()),
        GridFit::Free => None,
    };
    if let Some(percent) = scale {
        let _ = write!(out, "<w:w w:val=\"{percent}\"/>");
    }
    let size = role.size.half_points();
    let _ = write!(out, "<w:sz w:val=\"{size}\"/><w:szCs w:val=\"{size}\"/>");
    out.push_str("</w:rPr>");
    out
}

/// `w:rFonts` with the first East Asian and Latin names of a role; `w:hint` makes ambiguous
/// characters (quotation marks, dashes) take the East Asian font.
fn fonts(role: &Role) -> String {
    let east_asian = role.east_asian.first().map_or("SimSun", String::as_str);
    let latin = role.latin.first().map_or("Times New Roman", String::as_str);
    format!(
        "<w:rFonts w:ascii=\"{l}\" w:eastAsia=\"{e}\" w:hAnsi=\"{l}\" w:cs=\"{l}\" w:hint=\"eastAsia\"/>",
        l = escape(latin),
        e = escape(east_asian)
    )
}

/// What a paragraph style adds to its role's settings.
#[derive(Debug, Clone, Copy, Default)]
struct Extras {
    keep_with_next: bool,
    outline_level: Option<u8>,
    /// Left indent in characters of the role's size (TOC entries).
    left_chars: u32,
    /// A right-aligned tab with a dot leader at the right edge (TOC entries).
    right_tab: Option<Twips>,
    grid: GridFit,
}

/// Word's `w:pPr` for a role on the page's grid, children in schema order.
fn paragraph_properties(role: &Role, geometry: &PageGeometry, extras: Extras) -> String {
    let mut out = String::from("<w:pPr>");
    if extras.keep_with_next {
        out.push_str("<w:keepNext/><w:keepLines/>");
    }
    if let Some(position) = extras.right_tab {
        let _ = write!(
            out,
            "<w:tabs><w:tab w:val=\"right\" w:leader=\"dot\" w:pos=\"{}\"/></w:tabs>",
            position.0
        );
    }
    let snap = match extras.grid {
        GridFit::Snap => "1",
        GridFit::Free => "0",
    };
    let _ = write!(out, "<w:snapToGrid w:val=\"{snap}\"/>");
    let size_pt = role.size.pt();
    let pitch = geometry.line_pitch.0 as f32;
    let before_lines = role.space_before_lines;
    let after_lines = role.space_after_lines;
    let _ = write!(
        out,
        "<w:spacing w:before=\"{}\" w:beforeLines=\"{}\" w:after=\"{}\" w:afterLines=\"{}\" \
         w:line=\"{}\" w:lineRule=\"exact\"/>",
        (before_lines * pitch).round() as i32,
        (before_lines * 100.0).round() as i32,
        (after_lines * pitch).round() as i32,
        (after_lines * 100.0).round() as i32,
        geometry.line_height_for(size_pt).0
    );
    let first_chars = role.first_line_indent_chars;
    let left = extras.left_chars as f32;
    let _ = write!(
        out,
        "<w:ind w:left=\"{}\" w:leftChars=\"{}\" w:firstLine=\"{}\" w:firstLineChars=\"{}\"/>",
        Twips::from_pt(left * size_pt).0,
        (left * 100.0).round() as i32,
        Twips::from_pt(first_chars * size_pt).0,
        (first_chars * 100.0).round() as i32
    );
    let jc = match role.align {
        Align::Justify => "both",
        Align::Left => "left",
        Align::Center => "center",
        Align::Right => "right",
    };
    let _ = write!(out, "<w:jc w:val=\"{jc}\"/>");
    if let Some(level) = extras.outline_level {
        let _ = write!(
            out,
            "<w:outlineLvl w:val=\"{}\"/>",
            level.saturating_sub(1).min(8)
        );
    }
    out.push_str("</w:pPr>");
    out
}

/// One `w:style` element.
fn style(
    out: &mut String,
    kind: ParagraphStyle,
    based_on: Option<ParagraphStyle>,
    paragraph: &str,
    run: &str,
) {
    let default = if kind == ParagraphStyle::Body {
        " w:default=\"1\""
    } else {
        ""
    };
    let kind_name = if kind == ParagraphStyle::RunInBodyText {
        "character"
    } else {
        "paragraph"
    };
    let _ = write!(
        out,
        "<w:style w:type=\"{kind_name}\"{default} w:styleId=\"{}\"><w:name w:val=\"{}\"/>",
        kind.id(),
        kind.name()
    );
    if let Some(parent) = based_on {
        let _ = write!(out, "<w:basedOn w:val=\"{}\"/>", parent.id());
    }
    if !matches!(kind, ParagraphStyle::Body | ParagraphStyle::RunInBodyText) {
        out.push_str("<w:next w:val=\"Normal\"/>");
    }
    out.push_str("<w:qFormat/>");
    out.push_str(paragraph);
    out.push_str(run);
    out.push_str("</w:style>");
}

/// The deepest heading level that gets a style: at least 4, at most Word's 9.
pub fn heading_levels(document: &Document) -> u8 {
    let deepest = document
        .walk()
        .iter()
        .map(|(_, section)| section.heading.level)
        .max()
        .unwrap_or(0);
    deepest.clamp(4, 9)
}

/// styles.xml: document defaults (named fonts, zh-CN, kinsoku) and one style per role and
/// heading level; exactly one Normal style.
pub fn styles_xml(template: &Template, geometry: &PageGeometry, heading_levels: u8) -> String {
    let roles = &template.roles;
    let body = &roles.body;
    let mut out = String::with_capacity(16 * 1024);
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:styles xmlns:w=\"{W_NS}\">"
    );
    // Document defaults: body fonts, zh-CN, line-breaking rules. Automatic spacing between
    // Chinese and Latin text is off so that lines keep the 28-character grid.
    let size = body.size.half_points();
    let _ = write!(
        out,
        "<w:docDefaults><w:rPrDefault><w:rPr>{}<w:kern w:val=\"2\"/><w:sz w:val=\"{size}\"/>\
         <w:szCs w:val=\"{size}\"/><w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/>\
         </w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:widowControl w:val=\"0\"/>\
         <w:kinsoku w:val=\"1\"/><w:overflowPunct w:val=\"1\"/><w:autoSpaceDE w:val=\"0\"/>\
         <w:autoSpaceDN w:val=\"0\"/></w:pPr></w:pPrDefault></w:docDefaults>",
        fonts(body)
    );
    let plain = Extras::default();
    let simple_roles = [
        (ParagraphStyle::Body, body),
        (ParagraphStyle::Title, &roles.title),
        (ParagraphStyle::Subtitle, &roles.subtitle),
        (ParagraphStyle::Speaker, &roles.speaker),
        (ParagraphStyle::Date, &roles.date),
        (ParagraphStyle::Salutation, &roles.salutation),
    ];
    for (kind, role) in simple_roles {
        let grid = match kind {
            ParagraphStyle::Body | ParagraphStyle::Salutation => {
                GridFit::for_size(geometry, role.size.pt())
            }
            _ => GridFit::Free,
        };
        let extras = Extras {
            keep_with_next: kind != ParagraphStyle::Body,
            grid,
            ..plain
        };
        style(
            &mut out,
            kind,
            None,
            &paragraph_properties(role, geometry, extras),
            &run_properties(role, geometry, grid),
        );
    }
    for level in 1..=heading_levels {
        let role = roles.heading(level);
        let grid = GridFit::for_size(geometry, role.size.pt());
        let extras = Extras {
            keep_with_next: true,
            outline_level: Some(level),
            grid,
            ..plain
        };
        style(
            &mut out,
            ParagraphStyle::Heading(level),
            None,
            &paragraph_properties(role, geometry, extras),
            &run_properties(role, geometry, grid),
        );
    }
    // Run-in leads inherit face and outline level from their heading style; the run-in role
    // gives size, indent, alignment and spacing. keepNext is switched off: they are body text.
    let run_in = &roles.run_in;
    let run_in_size = run_in.size.half_points();
    let run_in_grid = GridFit::for_size(geometry, run_in.size.pt());
    for level in 1..=heading_levels {
        let extras = Extras {
            grid: run_in_grid,
            ..plain
        };
        let paragraph = paragraph_properties(run_in, geometry, extras).replacen(
            "<w:pPr>",
            "<w:pPr><w:keepNext w:val=\"0\"/><w:keepLines w:val=\"0\"/>",
            1,
        );
        // Written even at 100 % so that a narrowed heading face is not inherited.
        let percent = match run_in_grid {
            GridFit::Snap => geometry.scale_for(run_in.size.pt()).unwrap_or(100),
            GridFit::Free => 100,
        };
        let scale = format!("<w:w w:val=\"{percent}\"/>");
        let run = format!(
            "<w:rPr>{scale}<w:sz w:val=\"{run_in_size}\"/><w:szCs w:val=\"{run_in_size}\"/></w:rPr>"
        );
        style(
            &mut out,
            ParagraphStyle::RunInLead(level),
            Some(ParagraphStyle::Heading(level)),
            &paragraph,
            &run,
        );
    }
    // The paragraph after the style separator: the run-in role's paragraph settings without
    // a first-line indent, since it continues the lead's line.
    let continuation = Role {
        first_line_indent_chars: 0.0,
        space_before_lines: 0.0,
        ..run_in.clone()
    };
    style(
        &mut out,
        ParagraphStyle::RunInBody,
        None,
        &paragraph_properties(
            &continuation,
            geometry,
            Extras {
                grid: run_in_grid,
                ..plain
            },
        ),
        &run_properties(run_in, geometry, run_in_grid),
    );
    // The body after the lead sentence: the run-in role's face, never the heading's bold.
    let run_in_text = run_properties(run_in, geometry, run_in_grid).replacen(
        "<w:sz ",
        "<w:b w:val=\"0\"/><w:bCs w:val=\"0\"/><w:sz ",
        usize::from(!run_in.bold),
    );
    style(
        &mut out,
        ParagraphStyle::RunInBodyText,
        None,
        "",
        &run_in_text,
    );
    let footer_role = Role {
        first_line_indent_chars: 0.0,
        space_before_lines: 0.0,
        space_after_lines: 0.0,
        ..roles.page_number.clone()
    };
    let footer_paragraph = format!(
        "<w:pPr><w:snapToGrid w:val=\"0\"/><w:spacing w:before=\"0\" w:after=\"0\" \
         w:line=\"240\" w:lineRule=\"auto\"/><w:ind w:firstLine=\"0\" w:firstLineChars=\"0\"/>\
         <w:jc w:val=\"{}\"/></w:pPr>",
        if footer_role.align == Align::Left {
            "left"
        } else {
            "right"
        }
    );
    style(
        &mut out,
        ParagraphStyle::Footer,
        None,
        &footer_paragraph,
        &run_properties(&footer_role, geometry, GridFit::Free),
    );
    let toc_heading = Role {
        space_after_lines: 1.0,
        ..roles.title.clone()
    };
    let free = Extras {
        grid: GridFit::Free,
        ..plain
    };
    style(
        &mut out,
        ParagraphStyle::TocHeading,
        None,
        &paragraph_properties(&toc_heading, geometry, free),
        &run_properties(&toc_heading, geometry, GridFit::Free),
    );
    let toc_entry = Role {
        first_line_indent_chars: 0.0,
        space_before_lines: 0.0,
        space_after_lines: 0.0,
        align: Align::Left,
        ..body.clone()
    };
    for level in 1..=heading_levels {
        let extras = Extras {
            left_chars: 2 * u32::from(level - 1),
            right_tab: Some(geometry.text_width()),
            ..plain
        };
        style(
            &mut out,
            ParagraphStyle::Toc(level),
            None,
            &paragraph_properties(&toc_entry, geometry, extras),
            &run_properties(&toc_entry, geometry, GridFit::Snap),
        );
    }
    out.push_str("</w:styles>");
    out
}

/// Whether Word should update the document's fields when it opens the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldUpdate {
    /// Nothing to update (page numbers update themselves).
    Never,
    /// Update on open: a table of contents needs its page numbers filled in.
    OnOpen,
}

/// settings.xml: odd and even footers, Chinese typography settings, field updates for a TOC.
pub fn settings_xml(field_update: FieldUpdate) -> String {
    let update = match field_update {
        FieldUpdate::OnOpen => "<w:updateFields w:val=\"true\"/>",
        FieldUpdate::Never => "",
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:settings xmlns:w=\"{W_NS}\">\
         <w:zoom w:percent=\"100\"/><w:defaultTabStop w:val=\"420\"/>\
         <w:evenAndOddHeaders/><w:characterSpacingControl w:val=\"doNotCompress\"/>{update}\
         <w:compat><w:compatSetting w:name=\"compatibilityMode\" \
         w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>\
         <w:themeFontLang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/>\
         <w:decimalSymbol w:val=\".\"/><w:listSeparator w:val=\",\"/></w:settings>"
    )
}

/// docProps/core.xml: title, subject (the subtitle), language and fixed dates.
pub fn core_xml(document: &Document) -> String {
    let subject = document
        .meta
        .detail(DetailRole::Subtitle)
        .map(|s| s.trim_start_matches(['—', '─', '-', ' ']).trim())
        .filter(|s| !s.is_empty())
        .map(|s| format!("<dc:subject>{}</dc:subject>", escape(s)))
        .unwrap_or_default();
    let creator = document
        .meta
        .detail(DetailRole::Speaker)
        .map(|s| format!("<dc:creator>{}</dc:creator>", escape(s.trim())))
        .unwrap_or_default();
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<cp:coreProperties \
         xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
         xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
         <dc:title>{}</dc:title>{subject}{creator}<dc:language>zh-CN</dc:language>\
         <cp:revision>1</cp:revision>\
         <dcterms:created xsi:type=\"dcterms:W3CDTF\">{FIXED_DATE}</dcterms:created>\
         <dcterms:modified xsi:type=\"dcterms:W3CDTF\">{FIXED_DATE}</dcterms:modified>\
         </cp:coreProperties>",
        escape(&document.title())
    )
}

/// A table of contents built as a real field: the "目录" line, then a `TOC` field whose cached
/// result lists the headings (Word rebuilds it with page numbers when it opens the file).
pub fn toc_xml(document: &Document, heading_levels: u8) -> String {
    let entries: Vec<(u8, &str)> = document
        .walk()
        .into_iter()
        .map(|(_, section)| {
            (
                section.heading.level.min(heading_levels),
                section.heading.text.as_str(),
            )
        })
        .filter(|(level, _)| *level <= 4)
        .collect();
    let mut out = String::new();
    let _ = write!(
        out,
        "<w:p><w:pPr><w:pStyle w:val=\"{}\"/></w:pPr><w:r><w:t>目　录</w:t></w:r></w:p>",
        ParagraphStyle::TocHeading.id()
    );
    let begin = "<w:r><w:fldChar w:fldCharType=\"begin\" w:dirty=\"true\"/></w:r>\
                 <w:r><w:instrText xml:space=\"preserve\"> TOC \\o \"1-4\" \\h \\z \\u </w:instrText></w:r>\
                 <w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>";
    let end = "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>";
    if entries.is_empty() {
        let _ = write!(
            out,
            "<w:p><w:pPr><w:pStyle w:val=\"{}\"/></w:pPr>{begin}{end}</w:p>",
            ParagraphStyle::Toc(1).id()
        );
        return out;
    }
    let last = entries.len() - 1;
    for (index, (level, text)) in entries.iter().enumerate() {
        let _ = write!(
            out,
            "<w:p><w:pPr><w:pStyle w:val=\"{}\"/></w:pPr>{}<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r>{}</w:p>",
            ParagraphStyle::Toc(*level).id(),
            if index == 0 { begin } else { "" },
            escape(text),
            if index == last { end } else { "" },
        );
    }
    out
}

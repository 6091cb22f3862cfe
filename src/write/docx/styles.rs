//! styles.xml: a paragraph style per block role and heading level, made from the flow's role
//! styles, so that Word's navigation pane, a TOC and a user's later edits see named styles.
//!
//! Each style is described as data ([`ParagraphProps`], [`RunProps`]) and written whole; the
//! grid fitting (on the character grid or off it, narrowed to one cell) is DOCX's own way of
//! printing a style, not a typographic decision.

use std::fmt::Write as _;

use super::geometry::{PageGeometry, Twips};
use super::parts::{W_NS, escape};
use crate::flow::{BlockRole, Flow, Rgb, Style};
use crate::template::{Align, Template};

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
    /// The 公文 elements, one style each (see [`GONGWEN_STYLES`]).
    HeaderMark,
    IssuerMark,
    DocNumber,
    Addressee,
    AttachmentNote,
    /// The 署名 and the 成文日期.
    Signature,
    Annotation,
    AttachmentLabel,
    /// An attachment's title: outline level 1.
    AttachmentTitle,
    /// The 版记's lines and rules.
    Record,
    /// Text in table cells.
    TableText,
    /// A paragraph holding a picture.
    Picture,
}

/// The styles of the 公文 elements, written after the title block's.
const GONGWEN_STYLES: [ParagraphStyle; 12] = [
    ParagraphStyle::HeaderMark,
    ParagraphStyle::IssuerMark,
    ParagraphStyle::DocNumber,
    ParagraphStyle::Addressee,
    ParagraphStyle::AttachmentNote,
    ParagraphStyle::Signature,
    ParagraphStyle::Annotation,
    ParagraphStyle::AttachmentLabel,
    ParagraphStyle::AttachmentTitle,
    ParagraphStyle::Record,
    ParagraphStyle::TableText,
    ParagraphStyle::Picture,
];

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
            other => other.name(),
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
            ParagraphStyle::HeaderMark => "HeaderMark".into(),
            ParagraphStyle::IssuerMark => "IssuerMark".into(),
            ParagraphStyle::DocNumber => "DocNumber".into(),
            ParagraphStyle::Addressee => "Addressee".into(),
            ParagraphStyle::AttachmentNote => "AttachmentNote".into(),
            ParagraphStyle::Signature => "Signature".into(),
            ParagraphStyle::Annotation => "Annotation".into(),
            ParagraphStyle::AttachmentLabel => "AttachmentLabel".into(),
            ParagraphStyle::AttachmentTitle => "AttachmentTitle".into(),
            ParagraphStyle::Record => "Record".into(),
            ParagraphStyle::TableText => "TableText".into(),
            ParagraphStyle::Picture => "Picture".into(),
        }
    }

    /// The style a flow block of `role` is printed in (a run-in block's lead sentence; its
    /// body is [`ParagraphStyle::RunInBody`]).
    pub fn of(role: BlockRole) -> ParagraphStyle {
        match role {
            BlockRole::Title => ParagraphStyle::Title,
            BlockRole::Date => ParagraphStyle::Date,
            BlockRole::HeaderMark => ParagraphStyle::HeaderMark,
            BlockRole::IssuerMark => ParagraphStyle::IssuerMark,
            BlockRole::DocNumber => ParagraphStyle::DocNumber,
            BlockRole::Addressee => ParagraphStyle::Addressee,
            BlockRole::AttachmentNote => ParagraphStyle::AttachmentNote,
            BlockRole::Signature | BlockRole::IssueDate => ParagraphStyle::Signature,
            BlockRole::Annotation => ParagraphStyle::Annotation,
            BlockRole::AttachmentLabel => ParagraphStyle::AttachmentLabel,
            BlockRole::AttachmentTitle => ParagraphStyle::AttachmentTitle,
            BlockRole::RecordCc | BlockRole::RecordPrint => ParagraphStyle::Record,
            BlockRole::Table | BlockRole::Note => ParagraphStyle::TableText,
            BlockRole::Image => ParagraphStyle::Picture,
            BlockRole::Subtitle => ParagraphStyle::Subtitle,
            BlockRole::Speaker => ParagraphStyle::Speaker,
            BlockRole::Salutation => ParagraphStyle::Salutation,
            BlockRole::Body | BlockRole::Closing => ParagraphStyle::Body,
            BlockRole::Heading(level) => ParagraphStyle::Heading(level.clamp(1, 9)),
            BlockRole::RunIn(level) => ParagraphStyle::RunInLead(level.clamp(1, 9)),
            BlockRole::TableOfContents => ParagraphStyle::TocHeading,
        }
    }

    /// The flow role whose style and spacing this paragraph style carries.
    pub fn role(self) -> BlockRole {
        match self {
            ParagraphStyle::Title | ParagraphStyle::TocHeading => BlockRole::Title,
            ParagraphStyle::Subtitle => BlockRole::Subtitle,
            ParagraphStyle::Speaker => BlockRole::Speaker,
            ParagraphStyle::Date => BlockRole::Date,
            ParagraphStyle::Salutation => BlockRole::Salutation,
            ParagraphStyle::Heading(level) => BlockRole::Heading(level),
            ParagraphStyle::RunInLead(level) => BlockRole::RunIn(level),
            ParagraphStyle::HeaderMark => BlockRole::HeaderMark,
            ParagraphStyle::IssuerMark => BlockRole::IssuerMark,
            ParagraphStyle::DocNumber => BlockRole::DocNumber,
            ParagraphStyle::Addressee => BlockRole::Addressee,
            ParagraphStyle::AttachmentNote => BlockRole::AttachmentNote,
            ParagraphStyle::Signature => BlockRole::Signature,
            ParagraphStyle::Annotation => BlockRole::Annotation,
            ParagraphStyle::AttachmentLabel => BlockRole::AttachmentLabel,
            ParagraphStyle::AttachmentTitle => BlockRole::AttachmentTitle,
            ParagraphStyle::Record => BlockRole::RecordCc,
            ParagraphStyle::TableText => BlockRole::Table,
            ParagraphStyle::Picture => BlockRole::Image,
            ParagraphStyle::Body
            | ParagraphStyle::RunInBody
            | ParagraphStyle::RunInBodyText
            | ParagraphStyle::Footer
            | ParagraphStyle::Toc(_) => BlockRole::Body,
        }
    }
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

    /// The horizontal scale of a glyph of `size_pt` in this fit.
    fn scale(self, geometry: &PageGeometry, size_pt: f32) -> Option<u32> {
        match self {
            GridFit::Snap => geometry.scale_for(size_pt),
            GridFit::Free => None,
        }
    }
}

/// A property a style sets on, sets off explicitly, or leaves to the style it is based on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Setting {
    Inherit,
    On,
    Off,
}

/// A style's paragraph properties.
#[derive(Debug, Clone, Copy)]
struct ParagraphProps {
    keep_with_next: Setting,
    /// A right-aligned tab with a dot leader (TOC entries).
    right_tab: Option<Twips>,
    grid: GridFit,
    before_lines: f32,
    after_lines: f32,
    /// Exact line height; `None` for single spacing (table cells and pictures, which the
    /// body's exact pitch would blow up or clip).
    line: Option<Twips>,
    /// Left indent of every line, in characters.
    left_chars: f32,
    first_line_chars: f32,
    size_pt: f32,
    align: Align,
    outline_level: Option<u8>,
}

impl ParagraphProps {
    /// The paragraph properties of a flow style with the given spacing.
    fn of(style: &Style, spacing: (f32, f32), geometry: &PageGeometry, grid: GridFit) -> Self {
        ParagraphProps {
            keep_with_next: Setting::Inherit,
            right_tab: None,
            grid,
            before_lines: spacing.0,
            after_lines: spacing.1,
            line: Some(geometry.line_height_for(style.size_pt)),
            left_chars: style.left_indent_chars,
            first_line_chars: style.first_line_indent_chars,
            size_pt: style.size_pt,
            align: style.align,
            outline_level: None,
        }
    }

    /// `w:pPr`, children in schema order.
    fn xml(&self, geometry: &PageGeometry) -> String {
        let mut out = String::from("<w:pPr>");
        match self.keep_with_next {
            Setting::On => out.push_str("<w:keepNext/><w:keepLines/>"),
            Setting::Off => out.push_str("<w:keepNext w:val=\"0\"/><w:keepLines w:val=\"0\"/>"),
            Setting::Inherit => {}
        }
        if let Some(position) = self.right_tab {
            let _ = write!(
                out,
                "<w:tabs><w:tab w:val=\"right\" w:leader=\"dot\" w:pos=\"{}\"/></w:tabs>",
                position.0
            );
        }
        let snap = match self.grid {
            GridFit::Snap => "1",
            GridFit::Free => "0",
        };
        let _ = write!(out, "<w:snapToGrid w:val=\"{snap}\"/>");
        let pitch = geometry.line_pitch.0 as f32;
        // A gap in lines is written only when there is one: w:beforeLines, once given,
        // outranks every w:before, including a paragraph's own (a mark at a fixed top).
        let gap = |side: &str, lines: f32| {
            let twips = (lines * pitch).round() as i32;
            if lines > 0.0 {
                format!(
                    " w:{side}=\"{twips}\" w:{side}Lines=\"{}\"",
                    (lines * 100.0).round() as i32
                )
            } else {
                format!(" w:{side}=\"0\"")
            }
        };
        let (line, rule) = match self.line {
            Some(exact) => (exact.0, "exact"),
            None => (240, "auto"),
        };
        let _ = write!(
            out,
            "<w:spacing{}{} w:line=\"{line}\" w:lineRule=\"{rule}\"/>",
            gap("before", self.before_lines),
            gap("after", self.after_lines),
        );
        let _ = write!(
            out,
            "<w:ind w:left=\"{}\" w:leftChars=\"{}\" w:firstLine=\"{}\" w:firstLineChars=\"{}\"/>",
            Twips::from_pt(self.left_chars * self.size_pt).0,
            (self.left_chars * 100.0).round() as i32,
            Twips::from_pt(self.first_line_chars * self.size_pt).0,
            (self.first_line_chars * 100.0).round() as i32
        );
        let _ = write!(out, "<w:jc w:val=\"{}\"/>", justification(self.align));
        if let Some(level) = self.outline_level {
            let _ = write!(
                out,
                "<w:outlineLvl w:val=\"{}\"/>",
                level.saturating_sub(1).min(8)
            );
        }
        out.push_str("</w:pPr>");
        out
    }
}

/// Word's `w:jc` value for an alignment.
pub fn justification(align: Align) -> &'static str {
    match align {
        Align::Justify => "both",
        Align::Left => "left",
        Align::Center => "center",
        Align::Right => "right",
    }
}

/// A style's run properties.
#[derive(Debug, Clone, Copy)]
struct RunProps<'a> {
    /// The East Asian and Latin font lists; `None` inherits the based-on style's.
    fonts: Option<(&'a [String], &'a [String])>,
    bold: Setting,
    /// Horizontal scale in percent (`w:w`).
    scale: Option<u32>,
    size_pt: f32,
    /// A colour other than black (the issuer's red mark).
    color: Option<Rgb>,
}

impl<'a> RunProps<'a> {
    fn of(style: &Style<'a>, geometry: &PageGeometry, grid: GridFit) -> Self {
        RunProps {
            fonts: Some((style.east_asian, style.latin)),
            bold: if style.bold {
                Setting::On
            } else {
                Setting::Inherit
            },
            scale: grid.scale(geometry, style.size_pt),
            size_pt: style.size_pt,
            color: (style.color != Rgb::BLACK).then_some(style.color),
        }
    }

    /// `w:rPr`: named fonts (never theme fonts), bold, scale, size.
    fn xml(&self) -> String {
        let mut out = String::from("<w:rPr>");
        if let Some((east_asian, latin)) = self.fonts {
            out.push_str(&fonts(east_asian, latin));
        }
        match self.bold {
            Setting::On => out.push_str("<w:b/><w:bCs/>"),
            Setting::Off => out.push_str("<w:b w:val=\"0\"/><w:bCs w:val=\"0\"/>"),
            Setting::Inherit => {}
        }
        if let Some(color) = self.color {
            let _ = write!(out, "<w:color w:val=\"{}\"/>", hex(color));
        }
        if let Some(percent) = self.scale {
            let _ = write!(out, "<w:w w:val=\"{percent}\"/>");
        }
        let size = (self.size_pt * 2.0).round() as usize;
        let _ = write!(out, "<w:sz w:val=\"{size}\"/><w:szCs w:val=\"{size}\"/>");
        out.push_str("</w:rPr>");
        out
    }
}

/// A colour as Word writes it: "E60012".
pub fn hex(color: Rgb) -> String {
    format!("{:02X}{:02X}{:02X}", color.0, color.1, color.2)
}

/// `w:rFonts` with the first East Asian and Latin names; `w:hint` makes ambiguous characters
/// (quotation marks, dashes) take the East Asian font.
pub fn fonts(east_asian: &[String], latin: &[String]) -> String {
    let east_asian = east_asian.first().map_or("SimSun", String::as_str);
    let latin = latin.first().map_or("Times New Roman", String::as_str);
    format!(
        "<w:rFonts w:ascii=\"{l}\" w:eastAsia=\"{e}\" w:hAnsi=\"{l}\" w:cs=\"{l}\" w:hint=\"eastAsia\"/>",
        l = escape(latin),
        e = escape(east_asian)
    )
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

/// styles.xml: document defaults (named fonts, zh-CN, kinsoku) and one style per role and
/// heading level; exactly one Normal style.
pub fn styles_xml(template: &Template, geometry: &PageGeometry, heading_levels: u8) -> String {
    let role_style = |role: BlockRole| Flow::role_style(template, role);
    let spacing = |role: BlockRole| Flow::role_spacing(template, role);
    let body = role_style(BlockRole::Body);
    let mut out = String::with_capacity(16 * 1024);
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:styles xmlns:w=\"{W_NS}\">"
    );
    // Document defaults: body fonts, zh-CN, line-breaking rules. Automatic spacing between
    // Chinese and Latin text is off so that lines keep the 28-character grid.
    let size = (body.size_pt * 2.0).round() as usize;
    let _ = write!(
        out,
        "<w:docDefaults><w:rPrDefault><w:rPr>{}<w:kern w:val=\"2\"/><w:sz w:val=\"{size}\"/>\
         <w:szCs w:val=\"{size}\"/><w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/>\
         </w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:widowControl w:val=\"0\"/>\
         <w:kinsoku w:val=\"1\"/><w:overflowPunct w:val=\"1\"/><w:autoSpaceDE w:val=\"0\"/>\
         <w:autoSpaceDN w:val=\"0\"/></w:pPr></w:pPrDefault></w:docDefaults>",
        fonts(body.east_asian, body.latin)
    );
    let keep = |role: BlockRole| {
        if role.keeps_with_next() {
            Setting::On
        } else {
            Setting::Inherit
        }
    };
    // Body and the title block. Body text and the salutation sit on the grid; title-block
    // lines are set off it.
    for kind in [
        ParagraphStyle::Body,
        ParagraphStyle::Title,
        ParagraphStyle::Subtitle,
        ParagraphStyle::Speaker,
        ParagraphStyle::Date,
        ParagraphStyle::Salutation,
    ] {
        let role = kind.role();
        let style_of_role = role_style(role);
        let grid = match kind {
            ParagraphStyle::Body | ParagraphStyle::Salutation => {
                GridFit::for_size(geometry, style_of_role.size_pt)
            }
            _ => GridFit::Free,
        };
        let paragraph = ParagraphProps {
            keep_with_next: keep(role),
            ..ParagraphProps::of(&style_of_role, spacing(role), geometry, grid)
        };
        let run = RunProps::of(&style_of_role, geometry, grid);
        style(&mut out, kind, None, &paragraph.xml(geometry), &run.xml());
    }
    for level in 1..=heading_levels {
        let role = BlockRole::Heading(level);
        let heading = role_style(role);
        let grid = GridFit::for_size(geometry, heading.size_pt);
        let paragraph = ParagraphProps {
            keep_with_next: keep(role),
            outline_level: Some(level),
            ..ParagraphProps::of(&heading, spacing(role), geometry, grid)
        };
        let run = RunProps::of(&heading, geometry, grid);
        style(
            &mut out,
            ParagraphStyle::Heading(level),
            None,
            &paragraph.xml(geometry),
            &run.xml(),
        );
    }
    // The 公文 elements. The mark and an attachment's title are set off the grid like the
    // title; an attachment's title is an outline entry of level 1.
    for kind in GONGWEN_STYLES {
        let role = kind.role();
        let style_of_role = role_style(role);
        let grid = match kind {
            ParagraphStyle::IssuerMark
            | ParagraphStyle::AttachmentTitle
            | ParagraphStyle::TableText
            | ParagraphStyle::Picture => GridFit::Free,
            _ => GridFit::for_size(geometry, style_of_role.size_pt),
        };
        let mut paragraph = ParagraphProps {
            keep_with_next: keep(role),
            outline_level: (kind == ParagraphStyle::AttachmentTitle).then_some(1),
            ..ParagraphProps::of(&style_of_role, spacing(role), geometry, grid)
        };
        if matches!(kind, ParagraphStyle::TableText | ParagraphStyle::Picture) {
            paragraph.line = None;
            paragraph.first_line_chars = 0.0;
            paragraph.left_chars = 0.0;
        }
        if kind == ParagraphStyle::Picture {
            paragraph.align = Align::Center;
        }
        let run = RunProps::of(&style_of_role, geometry, grid);
        style(&mut out, kind, None, &paragraph.xml(geometry), &run.xml());
    }
    // Run-in leads inherit face and outline level from their heading style; the run-in role
    // gives size, indent, alignment and spacing. They keep with nothing: they are body text.
    let run_in = role_style(BlockRole::RunIn(1));
    let run_in_grid = GridFit::for_size(geometry, run_in.size_pt);
    for level in 1..=heading_levels {
        let role = BlockRole::RunIn(level);
        let paragraph = ParagraphProps {
            keep_with_next: Setting::Off,
            ..ParagraphProps::of(&run_in, spacing(role), geometry, run_in_grid)
        };
        // The scale is written even at 100 % so that a narrowed heading face is not inherited.
        let run = RunProps {
            fonts: None,
            bold: Setting::Inherit,
            scale: Some(run_in_grid.scale(geometry, run_in.size_pt).unwrap_or(100)),
            size_pt: run_in.size_pt,
            color: None,
        };
        style(
            &mut out,
            ParagraphStyle::RunInLead(level),
            Some(ParagraphStyle::Heading(level)),
            &paragraph.xml(geometry),
            &run.xml(),
        );
    }
    // The paragraph after the style separator: the run-in role's paragraph settings without
    // a first-line indent or space before, since it continues the lead's line.
    let continuation = Style {
        first_line_indent_chars: 0.0,
        ..run_in.clone()
    };
    let (_, run_in_after) = spacing(BlockRole::RunIn(1));
    style(
        &mut out,
        ParagraphStyle::RunInBody,
        None,
        &ParagraphProps::of(&continuation, (0.0, run_in_after), geometry, run_in_grid)
            .xml(geometry),
        &RunProps::of(&run_in, geometry, run_in_grid).xml(),
    );
    // The body after the lead sentence: the run-in role's face, never the heading's bold.
    let run_in_text = RunProps {
        bold: if run_in.bold {
            Setting::On
        } else {
            Setting::Off
        },
        ..RunProps::of(&run_in, geometry, run_in_grid)
    };
    style(
        &mut out,
        ParagraphStyle::RunInBodyText,
        None,
        "",
        &run_in_text.xml(),
    );
    let page_number = Flow::page_number_style(template);
    let footer_paragraph = format!(
        "<w:pPr><w:snapToGrid w:val=\"0\"/><w:spacing w:before=\"0\" w:after=\"0\" \
         w:line=\"240\" w:lineRule=\"auto\"/><w:ind w:firstLine=\"0\" w:firstLineChars=\"0\"/>\
         <w:jc w:val=\"{}\"/></w:pPr>",
        if page_number.align == Align::Left {
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
        &RunProps::of(&page_number, geometry, GridFit::Free).xml(),
    );
    let title = role_style(BlockRole::Title);
    let toc_heading = ParagraphProps::of(
        &title,
        (spacing(BlockRole::Title).0, 1.0),
        geometry,
        GridFit::Free,
    );
    style(
        &mut out,
        ParagraphStyle::TocHeading,
        None,
        &toc_heading.xml(geometry),
        &RunProps::of(&title, geometry, GridFit::Free).xml(),
    );
    let toc_entry = Style {
        first_line_indent_chars: 0.0,
        align: Align::Left,
        ..body.clone()
    };
    for level in 1..=heading_levels {
        let paragraph = ParagraphProps {
            left_chars: 2.0 * f32::from(level - 1),
            right_tab: Some(geometry.text_width()),
            ..ParagraphProps::of(&toc_entry, (0.0, 0.0), geometry, GridFit::Snap)
        };
        style(
            &mut out,
            ParagraphStyle::Toc(level),
            None,
            &paragraph.xml(geometry),
            &RunProps::of(&toc_entry, geometry, GridFit::Snap).xml(),
        );
    }
    out.push_str("</w:styles>");
    out
}

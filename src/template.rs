//! Style templates: page geometry and per-role fonts, read from TOML in templates/.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::Error;

/// The shipped templates, embedded in the binary: (name, TOML source).
pub const BUILTIN: &[(&str, &str)] = &[
    ("gongwen", include_str!("../templates/gongwen.toml")),
    ("speech", include_str!("../templates/speech.toml")),
    ("plain", include_str!("../templates/plain.toml")),
];

/// A style template shared by every writer.
///
/// ```
/// let t = wengao::template::Template::builtin("gongwen").unwrap();
/// assert_eq!(t.page.lines_per_page, 22);
/// assert_eq!(t.roles.body.size.pt(), 16.0);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    pub name: String,
    pub description: String,
    pub page: Page,
    pub roles: Roles,
}

/// Paper, margins and the character grid.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Page {
    pub width_mm: f32,
    pub height_mm: f32,
    pub margin_top_mm: f32,
    pub margin_bottom_mm: f32,
    pub margin_left_mm: f32,
    pub margin_right_mm: f32,
    /// Lines on a full page (22 for GB/T 9704).
    pub lines_per_page: u32,
    /// Full-width characters on a full line (28 for GB/T 9704).
    pub chars_per_line: u32,
    /// Distance from the bottom of the text block to the page number line.
    pub page_number_gap_mm: f32,
    /// Printed on both sides: a 公文's 版记 then falls on an even page (a blank page added if
    /// need be).
    #[serde(default)]
    pub duplex: bool,
}

impl Page {
    /// Width of the text block.
    pub fn text_width_mm(&self) -> f32 {
        self.width_mm - self.margin_left_mm - self.margin_right_mm
    }

    /// Height of the text block.
    pub fn text_height_mm(&self) -> f32 {
        self.height_mm - self.margin_top_mm - self.margin_bottom_mm
    }

    /// Line pitch in points that makes `lines_per_page` lines fill the text block.
    pub fn line_pitch_pt(&self) -> f32 {
        mm_to_pt(self.text_height_mm()) / self.lines_per_page as f32
    }

    /// Character pitch in points that makes `chars_per_line` characters fill a line.
    pub fn char_pitch_pt(&self) -> f32 {
        mm_to_pt(self.text_width_mm()) / self.chars_per_line as f32
    }
}

/// Millimetres to PostScript points.
pub fn mm_to_pt(mm: f32) -> f32 {
    mm * 72.0 / 25.4
}

/// One style per role of the document. The roles of a 公文's elements (issuer_mark …
/// record) may be left out of a template: they are then made from the title, body and
/// heading roles as GB/T 9704 has them (see [`RolesSpec`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RolesSpec")]
pub struct Roles {
    pub title: Role,
    pub subtitle: Role,
    pub speaker: Role,
    pub date: Role,
    pub salutation: Role,
    pub body: Role,
    pub heading1: Role,
    pub heading2: Role,
    pub heading3: Role,
    pub heading4: Role,
    /// A paragraph that starts with a run-in heading. Its lead sentence takes the face (fonts,
    /// bold) of the heading role of its level; size, indent and spacing come from here.
    pub run_in: Role,
    pub page_number: Role,
    /// 密级 and 紧急程度 (and 份号) above the mark: 三号黑体, flush left.
    pub header_marks: Role,
    /// The 发文机关标志: red, centred, in the title's face, scaled to the type area.
    pub issuer_mark: Role,
    /// The 发文字号 (and 签发人).
    pub doc_number: Role,
    /// The 主送机关: flush left.
    pub addressee: Role,
    /// 附件说明: two characters in.
    pub attachment_note: Role,
    /// 发文机关署名 and 成文日期.
    pub signature: Role,
    /// 附注: two characters in, in parentheses.
    pub annotation: Role,
    /// An attachment's label ("附件1"): 黑体, flush left.
    pub attachment_label: Role,
    /// An attachment's title: as the document's title.
    pub attachment_title: Role,
    /// The 版记 (抄送, 印发机关和印发日期): 四号仿宋.
    pub record: Role,
    /// Text in table cells: 四号, single-spaced, flush left.
    pub table: Role,
    /// Footnotes and endnotes: 四号.
    pub note: Role,
}

/// The roles as a template writes them: the 公文 elements' roles may be left out.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RolesSpec {
    title: Role,
    subtitle: Role,
    speaker: Role,
    date: Role,
    salutation: Role,
    body: Role,
    heading1: Role,
    heading2: Role,
    heading3: Role,
    heading4: Role,
    run_in: Role,
    page_number: Role,
    header_marks: Option<Role>,
    issuer_mark: Option<Role>,
    doc_number: Option<Role>,
    addressee: Option<Role>,
    attachment_note: Option<Role>,
    signature: Option<Role>,
    annotation: Option<Role>,
    attachment_label: Option<Role>,
    attachment_title: Option<Role>,
    record: Option<Role>,
    table: Option<Role>,
    note: Option<Role>,
}

/// The issuer's mark: 初号.
const ISSUER_MARK_PT: f32 = 42.0;

/// GB/T 9704's red (the mark and the rule under the 版头).
pub const GONGWEN_RED: &str = "#E60012";

impl TryFrom<RolesSpec> for Roles {
    type Error = String;
    fn try_from(spec: RolesSpec) -> Result<Roles, String> {
        let unindented = |role: &Role| Role {
            first_line_indent_chars: 0.0,
            space_before_lines: 0.0,
            space_after_lines: 0.0,
            ..role.clone()
        };
        let left = |role: &Role| Role {
            align: Align::Left,
            ..unindented(role)
        };
        let header_marks = spec.header_marks.unwrap_or_else(|| left(&spec.heading1));
        // The mark's size is left to the issuer by GB/T 9704; 初号 is usual, and the flow
        // shrinks a long mark to the type area's width.
        let issuer_mark = spec.issuer_mark.unwrap_or_else(|| Role {
            align: Align::Center,
            color: Some(GONGWEN_RED.to_string()),
            size: FontSize::from_pt(ISSUER_MARK_PT),
            ..unindented(&spec.title)
        });
        let doc_number = spec.doc_number.unwrap_or_else(|| Role {
            align: Align::Center,
            ..unindented(&spec.body)
        });
        let addressee = spec.addressee.unwrap_or_else(|| left(&spec.body));
        let attachment_note = spec.attachment_note.unwrap_or_else(|| Role {
            first_line_indent_chars: 2.0,
            align: Align::Left,
            space_before_lines: 1.0,
            ..unindented(&spec.body)
        });
        let signature = spec.signature.unwrap_or_else(|| Role {
            align: Align::Right,
            ..unindented(&spec.body)
        });
        let annotation = spec.annotation.unwrap_or_else(|| Role {
            first_line_indent_chars: 2.0,
            align: Align::Left,
            ..unindented(&spec.body)
        });
        let attachment_label = spec
            .attachment_label
            .unwrap_or_else(|| left(&spec.heading1));
        let attachment_title = spec.attachment_title.unwrap_or_else(|| spec.title.clone());
        let record = spec.record.unwrap_or_else(|| Role {
            size: FontSize::from_pt(14.0),
            ..left(&spec.body)
        });
        let table = spec.table.unwrap_or_else(|| Role {
            size: FontSize::from_pt(14.0),
            ..left(&spec.body)
        });
        let note = spec.note.unwrap_or_else(|| Role {
            size: FontSize::from_pt(14.0),
            ..left(&spec.body)
        });
        Ok(Roles {
            title: spec.title,
            subtitle: spec.subtitle,
            speaker: spec.speaker,
            date: spec.date,
            salutation: spec.salutation,
            body: spec.body,
            heading1: spec.heading1,
            heading2: spec.heading2,
            heading3: spec.heading3,
            heading4: spec.heading4,
            run_in: spec.run_in,
            page_number: spec.page_number,
            header_marks,
            issuer_mark,
            doc_number,
            addressee,
            attachment_note,
            signature,
            annotation,
            attachment_label,
            attachment_title,
            record,
            table,
            note,
        })
    }
}

impl Roles {
    /// The role of a heading at `level` (1-based); levels past 4 use heading4.
    pub fn heading(&self, level: u8) -> &Role {
        match level {
            0 | 1 => &self.heading1,
            2 => &self.heading2,
            3 => &self.heading3,
            _ => &self.heading4,
        }
    }

    /// Every role with its name, in a fixed order.
    pub fn all(&self) -> [(&'static str, &Role); 24] {
        [
            ("title", &self.title),
            ("subtitle", &self.subtitle),
            ("speaker", &self.speaker),
            ("date", &self.date),
            ("salutation", &self.salutation),
            ("body", &self.body),
            ("heading1", &self.heading1),
            ("heading2", &self.heading2),
            ("heading3", &self.heading3),
            ("heading4", &self.heading4),
            ("run_in", &self.run_in),
            ("page_number", &self.page_number),
            ("header_marks", &self.header_marks),
            ("issuer_mark", &self.issuer_mark),
            ("doc_number", &self.doc_number),
            ("addressee", &self.addressee),
            ("attachment_note", &self.attachment_note),
            ("signature", &self.signature),
            ("annotation", &self.annotation),
            ("attachment_label", &self.attachment_label),
            ("attachment_title", &self.attachment_title),
            ("record", &self.record),
            ("table", &self.table),
            ("note", &self.note),
        ]
    }
}

/// Font, size and paragraph settings of one role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    /// East Asian font family names, first found wins (Chinese and English names).
    pub east_asian: Vec<String>,
    /// Font family names for Latin letters and digits.
    pub latin: Vec<String>,
    /// A font file to use before any family name (for writers that embed fonts).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub font_file: Option<String>,
    pub size: FontSize,
    #[serde(default)]
    pub bold: bool,
    #[serde(default)]
    pub align: Align,
    /// First-line indent in characters of this role's size.
    #[serde(default)]
    pub first_line_indent_chars: f32,
    /// Blank space before the paragraph, in grid lines.
    #[serde(default)]
    pub space_before_lines: f32,
    /// Blank space after the paragraph, in grid lines.
    #[serde(default)]
    pub space_after_lines: f32,
    /// Text colour as `#RRGGBB`; black when left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
}

impl Role {
    /// The role's colour as red, green and blue; black when unset or unreadable (templates
    /// are validated, so a shipped or loaded template's colour always reads).
    pub fn rgb(&self) -> (u8, u8, u8) {
        self.color
            .as_deref()
            .and_then(parse_color)
            .unwrap_or((0, 0, 0))
    }
}

/// `#RRGGBB` as red, green and blue.
pub fn parse_color(text: &str) -> Option<(u8, u8, u8)> {
    let hex = text.trim().strip_prefix('#')?;
    if hex.len() != 6 || !hex.is_ascii() {
        return None;
    }
    let channel = |at: usize| u8::from_str_radix(&hex[at..at + 2], 16).ok();
    Some((channel(0)?, channel(2)?, channel(4)?))
}

/// Paragraph alignment.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Align {
    #[default]
    Justify,
    Left,
    Center,
    Right,
}

/// A font size, written in a template as points (16) or a Chinese size name ("三号").
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "SizeSpec", into = "SizeSpec")]
pub struct FontSize(f32);

impl FontSize {
    /// A size in points.
    pub fn from_pt(pt: f32) -> Self {
        FontSize(pt)
    }

    /// The size in points.
    pub fn pt(self) -> f32 {
        self.0
    }

    /// The size in Word's half-points.
    pub fn half_points(self) -> usize {
        (self.0 * 2.0).round() as usize
    }
}

/// Chinese type size names and their sizes in points.
pub const CHINESE_SIZES: &[(&str, f32)] = &[
    ("初号", 42.0),
    ("小初", 36.0),
    ("一号", 26.0),
    ("小一", 24.0),
    ("二号", 22.0),
    ("小二", 18.0),
    ("三号", 16.0),
    ("小三", 15.0),
    ("四号", 14.0),
    ("小四", 12.0),
    ("五号", 10.5),
    ("小五", 9.0),
];

#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum SizeSpec {
    Points(f32),
    Named(String),
}

impl TryFrom<SizeSpec> for FontSize {
    type Error = String;
    fn try_from(spec: SizeSpec) -> Result<Self, String> {
        match spec {
            SizeSpec::Points(pt) if pt > 0.0 && pt <= 200.0 => Ok(FontSize(pt)),
            SizeSpec::Points(pt) => Err(format!("size {pt} is out of range (0 < pt ≤ 200)")),
            SizeSpec::Named(name) => CHINESE_SIZES
                .iter()
                .find(|(n, _)| *n == name.trim())
                .map(|&(_, pt)| FontSize(pt))
                .ok_or_else(|| {
                    format!(
                        "unknown size name {name:?}; use points or one of {}",
                        CHINESE_SIZES
                            .iter()
                            .map(|(n, _)| *n)
                            .collect::<Vec<_>>()
                            .join(" ")
                    )
                }),
        }
    }
}

impl From<FontSize> for SizeSpec {
    fn from(size: FontSize) -> Self {
        match CHINESE_SIZES.iter().find(|(_, pt)| *pt == size.0) {
            Some((name, _)) => SizeSpec::Named((*name).to_string()),
            None => SizeSpec::Points(size.0),
        }
    }
}

impl Template {
    /// A shipped template by name.
    pub fn builtin(name: &str) -> Result<Template, Error> {
        let (_, source) = BUILTIN.iter().find(|(n, _)| *n == name).ok_or_else(|| {
            Error::Usage(format!(
                "unknown template {name:?}; shipped: {} (or pass a .toml file)",
                BUILTIN
                    .iter()
                    .map(|(n, _)| *n)
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })?;
        Template::parse(source, &format!("templates/{name}.toml"))
    }

    /// The source text of a shipped template.
    pub fn builtin_source(name: &str) -> Option<&'static str> {
        BUILTIN.iter().find(|(n, _)| *n == name).map(|(_, s)| *s)
    }

    /// A shipped template name, or a path to a user's TOML file no larger than `limit` bytes.
    pub fn load(name_or_path: &str, limit: u64) -> Result<Template, Error> {
        let looks_like_path = name_or_path.ends_with(".toml") || name_or_path.contains('/');
        if !looks_like_path {
            return Template::builtin(name_or_path);
        }
        let path = Path::new(name_or_path);
        let bytes = crate::files::read_bounded(path, limit, crate::files::Source::Template)?;
        let source = String::from_utf8(bytes).map_err(|e| Error::Template {
            file: name_or_path.to_string(),
            line: 0,
            message: format!("not UTF-8 text: {e}"),
            hint: TEMPLATE_HINT,
        })?;
        Template::parse(&source, name_or_path)
    }

    /// Parses and validates TOML; `origin` names the file in errors.
    pub fn parse(source: &str, origin: &str) -> Result<Template, Error> {
        let template: Template = toml::from_str(source).map_err(|e| {
            let line = e
                .span()
                .map(|span| source[..span.start.min(source.len())].matches('\n').count() + 1)
                .unwrap_or(0);
            Error::Template {
                file: origin.to_string(),
                line,
                message: e.message().trim().to_string(),
                hint: TEMPLATE_HINT,
            }
        })?;
        template
            .validate()
            .map_err(|(table, key, message)| Error::Template {
                file: origin.to_string(),
                line: line_of_key(source, &table, key),
                message: format!("{table}.{key}: {message}"),
                hint: TEMPLATE_HINT,
            })?;
        Ok(template)
    }

    /// Checks every number against the page it must fit: a finite page of sensible size,
    /// margins inside it, grid cells of at least [`MIN_CELL_PT`], sizes, indents and gaps in
    /// range. Returns the table, key and what is wrong.
    fn validate(&self) -> Result<(), (String, &'static str, String)> {
        let page = &self.page;
        let at = |key: &'static str, message: String| Err(("page".to_string(), key, message));
        for (key, value) in [("width_mm", page.width_mm), ("height_mm", page.height_mm)] {
            if !value.is_finite() || !(MIN_PAPER_MM..=MAX_PAPER_MM).contains(&value) {
                return at(
                    key,
                    format!("{value} mm is not a paper size ({MIN_PAPER_MM}–{MAX_PAPER_MM} mm)"),
                );
            }
        }
        for (key, value) in [
            ("margin_top_mm", page.margin_top_mm),
            ("margin_bottom_mm", page.margin_bottom_mm),
            ("margin_left_mm", page.margin_left_mm),
            ("margin_right_mm", page.margin_right_mm),
            ("page_number_gap_mm", page.page_number_gap_mm),
        ] {
            if !value.is_finite() || value < 0.0 {
                return at(
                    key,
                    format!("{value} mm: a margin is a length of 0 mm or more"),
                );
            }
        }
        if page.text_width_mm() < MIN_TEXT_BLOCK_MM {
            return at(
                "margin_right_mm",
                format!(
                    "the margins leave {:.1} mm of the {} mm paper width for text (at least {MIN_TEXT_BLOCK_MM} mm)",
                    page.text_width_mm(),
                    page.width_mm
                ),
            );
        }
        if page.text_height_mm() < MIN_TEXT_BLOCK_MM {
            return at(
                "margin_bottom_mm",
                format!(
                    "the margins leave {:.1} mm of the {} mm paper height for text (at least {MIN_TEXT_BLOCK_MM} mm)",
                    page.text_height_mm(),
                    page.height_mm
                ),
            );
        }
        if page.page_number_gap_mm > page.margin_bottom_mm {
            return at(
                "page_number_gap_mm",
                format!(
                    "{} mm puts the page number below the paper's edge (the bottom margin is {} mm)",
                    page.page_number_gap_mm, page.margin_bottom_mm
                ),
            );
        }
        if page.lines_per_page == 0 || page.line_pitch_pt() < MIN_CELL_PT {
            let most = (mm_to_pt(page.text_height_mm()) / MIN_CELL_PT).floor();
            return at(
                "lines_per_page",
                format!(
                    "{} lines do not fit the {:.0} mm text block (1 to {most} lines)",
                    page.lines_per_page,
                    page.text_height_mm()
                ),
            );
        }
        if page.chars_per_line == 0 || page.char_pitch_pt() < MIN_CELL_PT {
            let most = (mm_to_pt(page.text_width_mm()) / MIN_CELL_PT).floor();
            return at(
                "chars_per_line",
                format!(
                    "{} characters do not fit the {:.0} mm text block (1 to {most} characters)",
                    page.chars_per_line,
                    page.text_width_mm()
                ),
            );
        }
        for (name, role) in self.roles.all() {
            let table = format!("roles.{name}");
            let fail = |key: &'static str, message: String| Err((table.clone(), key, message));
            let indent = role.first_line_indent_chars;
            if !indent.is_finite() || indent < 0.0 || indent >= page.chars_per_line as f32 {
                return fail(
                    "first_line_indent_chars",
                    format!(
                        "{indent} characters: an indent is 0 or more and less than a line ({})",
                        page.chars_per_line
                    ),
                );
            }
            for (key, value) in [
                ("space_before_lines", role.space_before_lines),
                ("space_after_lines", role.space_after_lines),
            ] {
                if !value.is_finite() || value < 0.0 || value > page.lines_per_page as f32 {
                    return fail(
                        key,
                        format!(
                            "{value} lines: a gap is 0 or more lines and at most a page ({})",
                            page.lines_per_page
                        ),
                    );
                }
            }
            if let Some(color) = &role.color
                && parse_color(color).is_none()
            {
                return fail(
                    "color",
                    format!("{color:?} is not a colour; write it as #RRGGBB (red is #E60012)"),
                );
            }
            if mm_to_pt(page.text_width_mm()) < role.size.pt() {
                return fail(
                    "size",
                    format!(
                        "{} pt: one character would be wider than the text block",
                        role.size.pt()
                    ),
                );
            }
        }
        Ok(())
    }
}

/// Where to look to write a template.
const TEMPLATE_HINT: &str = "see `wengao templates show gongwen` for a complete template";
/// Smallest paper side accepted, in millimetres (a business card is 50 mm).
const MIN_PAPER_MM: f32 = 50.0;
/// Largest paper side accepted, in millimetres (A0 is 1189 mm).
const MAX_PAPER_MM: f32 = 2000.0;
/// Smallest text block side, in millimetres.
const MIN_TEXT_BLOCK_MM: f32 = 20.0;
/// Smallest grid cell (line pitch and character pitch), in points: smaller is unreadable.
pub const MIN_CELL_PT: f32 = 4.0;

/// The line of `key = …` in `[table]` of a TOML source (0 when it is not written there).
fn line_of_key(source: &str, table: &str, key: &str) -> usize {
    let mut current = String::new();
    for (index, line) in source.lines().enumerate() {
        let line = line.trim();
        if let Some(header) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            current = header.trim().to_string();
            continue;
        }
        let written_key = line.split('=').next().unwrap_or("").trim();
        if current == table && written_key == key {
            return index + 1;
        }
    }
    0
}

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

/// One style per role of the document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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

    /// Blank lines after each of `count` title-block lines (subtitle, speaker, date, in the
    /// order written). The block is set solid and closed by the largest `space_after_lines`
    /// of the three roles, after whichever line comes last, so the blank line follows the
    /// block however its lines are ordered (and also when it has only a subtitle).
    pub fn title_block_space_after(&self, count: usize) -> impl Iterator<Item = f32> {
        let gap = self.title_block_gap_lines();
        (1..=count).map(move |line| if line == count { gap } else { 0.0 })
    }

    /// The space that closes the title block, in grid lines (see `title_block_space_after`).
    pub fn title_block_gap_lines(&self) -> f32 {
        [&self.subtitle, &self.speaker, &self.date]
            .iter()
            .map(|role| role.space_after_lines)
            .fold(0.0, f32::max)
    }

    /// Every role with its name, in a fixed order.
    pub fn all(&self) -> [(&'static str, &Role); 12] {
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
        ]
    }

    /// Mutable access by role name, for `--font ROLE=PATH`.
    pub fn by_name_mut(&mut self, name: &str) -> Option<&mut Role> {
        Some(match name {
            "title" => &mut self.title,
            "subtitle" => &mut self.subtitle,
            "speaker" => &mut self.speaker,
            "date" => &mut self.date,
            "salutation" => &mut self.salutation,
            "body" => &mut self.body,
            "heading1" => &mut self.heading1,
            "heading2" => &mut self.heading2,
            "heading3" => &mut self.heading3,
            "heading4" => &mut self.heading4,
            "run_in" => &mut self.run_in,
            "page_number" => &mut self.page_number,
            _ => return None,
        })
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

    /// A shipped template name, or a path to a user's TOML file.
    pub fn load(name_or_path: &str) -> Result<Template, Error> {
        let looks_like_path = name_or_path.ends_with(".toml") || name_or_path.contains('/');
        if !looks_like_path {
            return Template::builtin(name_or_path);
        }
        let path = Path::new(name_or_path);
        let source = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Template::parse(&source, name_or_path)
    }

    /// Parses TOML; `origin` names the file in errors.
    pub fn parse(source: &str, origin: &str) -> Result<Template, Error> {
        toml::from_str(source).map_err(|e| {
            let line = e
                .span()
                .map(|span| source[..span.start].matches('\n').count() + 1)
                .unwrap_or(0);
            Error::Template {
                file: origin.to_string(),
                line,
                message: e.message().trim().to_string(),
            }
        })
    }
}

//! Page layout (pure): the flow's blocks and font metrics to pages of positioned glyphs.
//!
//! Nothing here knows about PDF, and nothing here decides a block's style, gaps or title
//! breaks (the flow did): this module breaks lines and fills pages. [`layout`] takes any
//! [`Metrics`] (real fonts in the writer, a fixed-width stand-in in tests) and returns
//! [`Layout`], which [`Layout::dump`] prints as text.
//! Lengths are PostScript points; `x` runs right from the page's left edge and `y` (baselines)
//! runs down from the page's top edge.

use std::fmt::Write as _;

use super::table::TableRowLayout;
use crate::flow::linebreak::{Squeeze, break_opportunities, forbidden_at_line_start, squeeze};
use crate::flow::{Block, Content, FaceRole, Flow, Rgb, Rule, Span};
use crate::template::{Align, Roles, Template, mm_to_pt};

/// Index of a loaded font face (meaning is up to the [`Metrics`] implementation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FaceId(pub usize);

/// Which of a role's font lists a character is set from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Script {
    /// Chinese characters, full-width marks and anything else not Latin.
    EastAsian,
    /// Latin letters, digits and ASCII punctuation.
    Latin,
}

impl Script {
    /// The script of a character.
    ///
    /// ```
    /// use wengao::write::pdf::layout::Script;
    /// assert_eq!(Script::of('A'), Script::Latin);
    /// assert_eq!(Script::of('中'), Script::EastAsian);
    /// assert_eq!(Script::of('，'), Script::EastAsian);
    /// ```
    pub fn of(c: char) -> Script {
        let code = c as u32;
        let latin = (0x20..0x7F).contains(&code)
            || (0xC0..=0x24F).contains(&code)
            || (0x370..=0x4FF).contains(&code);
        if latin {
            Script::Latin
        } else {
            Script::EastAsian
        }
    }
}

/// The face a character is printed in and its advance.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GlyphChoice {
    pub face: FaceId,
    /// Advance width in em.
    pub advance_em: f32,
    /// False when no face has the character: it is printed as the missing-glyph box.
    pub found: bool,
}

/// Font metrics as the layout needs them.
pub trait Metrics {
    /// The face to set `c` in for `role` (first face of the role's list that has it, then the
    /// fallbacks) and its advance.
    fn choose(&self, role: FaceRole, script: Script, c: char) -> GlyphChoice;
}

/// Synthesised weight: 仿宋 and 楷体 have no bold face, so bold is drawn (fill plus stroke).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    Regular,
    FakeBold,
}

/// One glyph placed on a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    pub ch: char,
    pub face: FaceId,
    /// Font size in points.
    pub size: f32,
    /// Where the glyph's origin is drawn.
    pub x: f32,
    /// Right edge of the space the glyph occupies on the line (after squeezing and spacing).
    pub right: f32,
    pub weight: Weight,
    /// No face has this character: it prints as a box (and a warning is given).
    pub missing: bool,
    /// The glyph's colour (red for the issuer's mark).
    pub color: Rgb,
}

/// How a line fills the text block's width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fill {
    /// Spread (or squeezed) to both edges of its measure.
    Justified,
    /// Natural width: a paragraph's last line, or a centred or flush line.
    Natural,
}

/// One printed line.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// Grid row on the page (0-based); the page number line has row `lines_per_page`.
    pub row: usize,
    /// Baseline, from the top of the page.
    pub baseline: f32,
    /// The paragraph's role.
    pub role: FaceRole,
    pub fill: Fill,
    pub glyphs: Vec<Glyph>,
}

impl Line {
    /// The characters of the line.
    pub fn text(&self) -> String {
        self.glyphs.iter().map(|g| g.ch).collect()
    }

    /// Left edge of the first glyph's box.
    pub fn left(&self) -> f32 {
        self.glyphs.first().map_or(0.0, |g| g.x)
    }

    /// Right edge of the last glyph's box.
    pub fn right(&self) -> f32 {
        self.glyphs.last().map_or(0.0, |g| g.right)
    }
}

/// One page.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// 1-based page number.
    pub number: usize,
    pub lines: Vec<Line>,
    /// Rules drawn on the page (the red rule under a 公文's 版头, the 版记's rules).
    pub rules: Vec<RuleLine>,
    /// The "— N —" line under the text block; `None` on a page without a number (the 版记's
    /// page, a blank page before it, a letter's first page).
    pub folio: Option<Line>,
    /// The rules of tables' grids.
    pub segments: Vec<Segment>,
    /// Pictures placed on the page.
    pub images: Vec<PlacedImage>,
}

/// A straight black line (a table's rule), in points from the page's top left.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Segment {
    pub x1: f32,
    pub y1: f32,
    pub x2: f32,
    pub y2: f32,
    pub thickness: f32,
}

impl Segment {
    /// A horizontal table rule at `y` from `left` to `right`.
    pub fn horizontal(y: f32, left: f32, right: f32) -> Segment {
        Segment {
            x1: left,
            y1: y,
            x2: right,
            y2: y,
            thickness: super::table::TABLE_RULE_PT,
        }
    }
}

/// A picture placed on a page: the document's `index`th picture (reading order), its box in
/// points from the page's top left.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlacedImage {
    pub index: usize,
    pub x: f32,
    pub top: f32,
    pub width: f32,
    pub height: f32,
}

/// A rule placed on a page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RuleLine {
    /// Where the rule's middle is, from the top of the page.
    pub y: f32,
    pub left: f32,
    pub right: f32,
    pub thickness: f32,
    pub color: Rgb,
}

/// Where a heading landed, for the bookmarks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Anchor {
    /// Index of the section in [`Document::walk`] order.
    pub section: usize,
    /// 0-based page index.
    pub page: usize,
    /// Top of the heading's first line, from the top of the page.
    pub top: f32,
}

/// Page geometry in points, derived from the template.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Geometry {
    pub page_width: f32,
    pub page_height: f32,
    pub block_left: f32,
    pub block_top: f32,
    pub block_width: f32,
    pub block_height: f32,
    pub line_pitch: f32,
    pub char_pitch: f32,
    pub lines_per_page: usize,
    pub folio_top: f32,
}

impl Geometry {
    /// The geometry of a template's page.
    pub fn of(template: &Template) -> Geometry {
        let page = &template.page;
        Geometry {
            page_width: mm_to_pt(page.width_mm),
            page_height: mm_to_pt(page.height_mm),
            block_left: mm_to_pt(page.margin_left_mm),
            block_top: mm_to_pt(page.margin_top_mm),
            block_width: mm_to_pt(page.text_width_mm()),
            block_height: mm_to_pt(page.text_height_mm()),
            line_pitch: page.line_pitch_pt(),
            char_pitch: page.char_pitch_pt(),
            lines_per_page: page.lines_per_page.max(1) as usize,
            folio_top: mm_to_pt(
                page.margin_top_mm + page.text_height_mm() + page.page_number_gap_mm,
            ),
        }
    }

    /// Right edge of the text block.
    pub fn block_right(&self) -> f32 {
        self.block_left + self.block_width
    }

    /// The width a full-width character takes at `size`: text near the grid's size snaps to
    /// the character pitch (16 pt 仿宋 on a 15.79 pt grid is set slightly tight, as GB/T 9704
    /// asks); other sizes take their own em.
    pub fn cell(&self, size: f32) -> f32 {
        if (size - self.char_pitch).abs() <= self.char_pitch * 0.1 {
            self.char_pitch
        } else {
            size
        }
    }
}

/// The laid-out document.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub geometry: Geometry,
    pub pages: Vec<Page>,
    /// One per heading, in [`Document::walk`] order.
    pub anchors: Vec<Anchor>,
    /// Characters no face has, in order of first use.
    pub missing: Vec<char>,
}

/// Height of a CJK glyph's top above the baseline, in em (the ideographic em box).
const ASCENT_EM: f32 = 0.88;

/// Space between Han characters and Latin letters or digits, in em.
const HAN_LATIN_GAP_EM: f32 = 0.25;

/// Tolerance for width comparisons, in points.
const EPSILON: f32 = 0.01;

impl Layout {
    /// The layout as text: one block per page, one line per printed line with its row,
    /// baseline, left and right edges, fill and characters.
    pub fn dump(&self) -> String {
        let mut out = String::new();
        for page in &self.pages {
            let _ = writeln!(out, "page {}", page.number);
            for rule in &page.rules {
                let _ = writeln!(
                    out,
                    "  rule y {:6.1} x {:6.1}..{:6.1} {:.2} pt #{:02x}{:02x}{:02x}",
                    rule.y,
                    rule.left,
                    rule.right,
                    rule.thickness,
                    rule.color.0,
                    rule.color.1,
                    rule.color.2
                );
            }
            for line in page.lines.iter().chain(page.folio.as_ref()) {
                let _ = writeln!(
                    out,
                    "  row {:2} y {:6.1} x {:6.1}..{:6.1} {:<11} {:<9} {}",
                    line.row,
                    line.baseline,
                    line.left(),
                    line.right(),
                    line.role.name(),
                    match line.fill {
                        Fill::Justified => "justified",
                        Fill::Natural => "natural",
                    },
                    line.text()
                );
            }
        }
        out
    }
}

/// The kind of a character for spacing and justification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A Han character or other full-width letter.
    Wide,
    /// A Latin letter or digit.
    Narrow,
    /// A full-width or ASCII mark.
    Mark,
    /// An ASCII space.
    Space,
}

/// A character measured for line breaking.
pub(super) struct Unit {
    ch: char,
    face: FaceId,
    size: f32,
    advance: f32,
    /// Extra space before this unit (Han–Latin gap).
    gap_before: f32,
    squeeze: Squeeze,
    kind: Kind,
    weight: Weight,
    missing: bool,
    color: Rgb,
}

impl Unit {
    /// How much this unit may shrink when the line is pushed in.
    fn squeezable(&self) -> f32 {
        match self.squeeze {
            Squeeze::None => 0.0,
            Squeeze::RightHalf | Squeeze::LeftHalf => self.advance / 2.0,
        }
    }
}

/// A row of the page grid before pagination.
enum Row {
    Blank,
    /// What follows starts a new page.
    PageBreak,
    Text {
        line: Line,
        keep_with_next: bool,
        anchor: Option<usize>,
        /// Grid rows the line takes (a large issuer's mark takes several).
        rows: usize,
        /// The line's top, from the top of the type area, when it stands at a fixed place.
        fixed_top: Option<f32>,
    },
    /// A rule `gap` points under the last line placed (or at `fixed_top` from the type area's
    /// top, not moving the text).
    Rule {
        rule: Rule,
        gap: f32,
        fixed_top: Option<f32>,
    },
    /// One row of a table, and the table's header rows to print again above it on a new page.
    OfTable {
        row: TableRowLayout,
        headers: std::rc::Rc<Vec<TableRowLayout>>,
        /// The table's first row (its top rule is drawn).
        first: bool,
    },
    /// A picture, centred, `width` by `height` points.
    Image {
        index: usize,
        width: f32,
        height: f32,
    },
}

/// What a streamed layout leaves behind once every page has gone to the sink.
#[derive(Debug, Clone, PartialEq)]
pub struct LayoutSummary {
    pub geometry: Geometry,
    pub page_count: usize,
    /// One per heading, in [`Document::walk`] order.
    pub anchors: Vec<Anchor>,
    /// Characters no face has, in order of first use.
    pub missing: Vec<char>,
    /// Pictures printed as empty frames (their place in reading order, and why).
    pub placeholders: Vec<(usize, String)>,
}

/// Lays `flow` out on its template's pages with `metrics`, keeping every page.
pub fn layout(flow: &Flow, metrics: &dyn Metrics) -> Layout {
    let mut pages = Vec::new();
    let summary = layout_pages(flow, metrics, &mut |page| pages.push(page));
    Layout {
        geometry: summary.geometry,
        pages,
        anchors: summary.anchors,
        missing: summary.missing,
    }
}

/// Lays `flow` out and hands each page to `sink` as soon as it is full, so that memory
/// holds one paragraph's measures and one page's glyphs, not the whole document's.
pub fn layout_pages(
    flow: &Flow,
    metrics: &dyn Metrics,
    sink: &mut dyn FnMut(Page),
) -> LayoutSummary {
    let template = flow.template;
    let geometry = Geometry::of(template);
    let mut setter = Setter {
        image_index: 0,
        roles: &template.roles,
        geometry,
        metrics,
        missing: Vec::new(),
        paginator: Paginator::new(geometry, &template.roles, metrics, sink),
    };
    setter.paginator.number_first_page = flow.numbers_first_page();
    setter.paginator.duplex = flow.duplex();
    flow.for_each(&mut |block| setter.set(&block));
    let Setter {
        paginator, missing, ..
    } = setter;
    let (page_count, anchors) = paginator.finish();
    LayoutSummary {
        geometry,
        page_count,
        anchors,
        missing,
        placeholders: Vec::new(),
    }
}

/// Hands `visit` the face and character of every glyph the layout of `flow` can print,
/// without breaking lines or paginating: each character of each block in its face, and
/// the page number's dash, space and digits. A superset of the glyphs of [`layout_pages`]
/// (it may repeat pairs), cheap enough to run before it so that fonts can be subset first.
pub fn glyph_choices(flow: &Flow, metrics: &dyn Metrics, visit: &mut dyn FnMut(FaceId, char)) {
    let mut choose = |role: FaceRole, text: &str| {
        for ch in text.chars().filter(|ch| !ch.is_control()) {
            visit(metrics.choose(role, Script::of(ch), ch).face, ch);
        }
    };
    flow.for_each(&mut |block| {
        for run in runs(&block) {
            choose(run.face, &run.text);
        }
    });
    choose(FaceRole::PageNumber, &folio_text(0));
    choose(FaceRole::PageNumber, "0123456789");
}

/// The text of the page number line.
fn folio_text(number: usize) -> String {
    format!("— {number} —")
}

/// A run of text to measure: a flow span, or a title line.
pub(super) struct Run<'a> {
    pub(super) text: std::borrow::Cow<'a, str>,
    pub(super) face: FaceRole,
    pub(super) weight: Weight,
    pub(super) color: Rgb,
}

impl<'a> Run<'a> {
    fn of(span: &'a Span<'a>, color: Rgb) -> Self {
        Run {
            text: std::borrow::Cow::Borrowed(span.text.as_ref()),
            face: span.face,
            weight: weight(span.bold),
            color,
        }
    }
}

pub(super) fn weight(bold: bool) -> Weight {
    if bold {
        Weight::FakeBold
    } else {
        Weight::Regular
    }
}

/// The runs of a block in reading order (a title's lines joined: see [`Setter::set`]).
fn runs<'a>(block: &'a Block<'a>) -> Vec<Run<'a>> {
    let color = block.style.color;
    let of = |spans: &'a [Span<'a>]| spans.iter().map(move |s| Run::of(s, color));
    match &block.content {
        Content::Lines(lines) => lines
            .iter()
            .map(|line| Run {
                text: std::borrow::Cow::Borrowed(line.as_str()),
                face: block.style.face,
                weight: weight(block.style.bold),
                color,
            })
            .collect(),
        Content::Text(spans) => of(spans).collect(),
        Content::RunIn { lead, rest } => std::iter::once(Run::of(lead, color))
            .chain(of(rest))
            .collect(),
        Content::Split { left, right } => of(left).chain(of(right)).collect(),
        Content::Table(table) => table
            .rows
            .iter()
            .flat_map(|row| &row.cells)
            .flat_map(|cell| &cell.paragraphs)
            .flatten()
            .map(|inline| Run {
                text: match inline {
                    crate::model::Inline::NoteRef { id } => std::borrow::Cow::Owned(id.to_string()),
                    other => std::borrow::Cow::Borrowed(other.as_str()),
                },
                face: FaceRole::Table,
                weight: Weight::Regular,
                color,
            })
            .collect(),
        Content::TableOfContents | Content::Rule(_) | Content::Image(_) => Vec::new(),
    }
}

/// Sets blocks into grid rows.
struct Setter<'a> {
    /// The next picture's place in the document's pictures (reading order).
    image_index: usize,
    roles: &'a Roles,
    geometry: Geometry,
    metrics: &'a dyn Metrics,
    missing: Vec<char>,
    paginator: Paginator<'a>,
}

/// How a glyph's em maps to the lines it takes: a line's glyphs are 1.2 em from baseline to
/// baseline at most before the line takes a second grid row.
const LINE_HEIGHT_EM: f32 = 1.2;

/// A picture takes at most this share of the type area's height.
const MAX_IMAGE_PAGE_SHARE: f32 = 0.9;

impl Setter<'_> {
    fn set(&mut self, block: &Block) {
        let style = &block.style;
        let size = style.size_pt;
        if block.page_break_before {
            self.paginator.push(Row::PageBreak, block.at_last_page_foot);
        }
        let pitch = self.geometry.line_pitch;
        let fixed_top = block.fixed_top_mm.map(mm_to_pt);
        if let Content::Table(table) = &block.content {
            let rows = super::table::lay_table(
                table,
                self.roles,
                &self.geometry,
                self.metrics,
                &mut self.missing,
            );
            let headers: Vec<TableRowLayout> = rows.iter().filter(|r| r.header).cloned().collect();
            let headers = std::rc::Rc::new(headers);
            for (index, row) in rows.into_iter().enumerate() {
                let row = Row::OfTable {
                    row,
                    headers: std::rc::Rc::clone(&headers),
                    first: index == 0,
                };
                self.paginator.push(row, false);
            }
            return;
        }
        if let Content::Image(image) = &block.content {
            let emu_to_pt = |emu: u64| emu as f32 / 12_700.0;
            let (mut width, mut height) = (emu_to_pt(image.width_emu), emu_to_pt(image.height_emu));
            if width <= 0.0 || height <= 0.0 {
                width = self.geometry.block_width / 2.0;
                height = width * 0.75;
            }
            // Narrowed to the type area, and no taller than most of a page.
            let scale = (self.geometry.block_width / width)
                .min(self.geometry.block_height * MAX_IMAGE_PAGE_SHARE / height)
                .min(1.0);
            self.paginator.push(
                Row::Image {
                    index: self.image_index,
                    width: width * scale,
                    height: height * scale,
                },
                false,
            );
            self.image_index += 1;
            return;
        }
        if let Content::Rule(rule) = &block.content {
            let gap = block.space_before_lines * pitch;
            let row = Row::Rule {
                rule: *rule,
                gap,
                fixed_top,
            };
            self.paginator.push(row, block.at_last_page_foot);
            for _ in 0..block.space_after_lines.round() as usize {
                self.paginator.push(Row::Blank, block.at_last_page_foot);
            }
            return;
        }
        // The PDF page is a grid: gaps are whole lines.
        for _ in 0..block.space_before_lines.round() as usize {
            self.paginator.push(Row::Blank, block.at_last_page_foot);
        }
        let cell = self.geometry.cell(size);
        let left_edge = self.geometry.block_left + style.left_indent_chars * cell;
        let measure_width =
            self.geometry.block_width - (style.left_indent_chars + style.right_indent_chars) * cell;
        let indent = style.first_line_indent_chars * cell;
        let rows = ((size * LINE_HEIGHT_EM) / pitch).ceil().max(1.0) as usize;
        let mut first_row = true;
        let mut push_line = |setter: &mut Self, line: Line| {
            let row = Row::Text {
                line,
                keep_with_next: block.keep_with_next,
                anchor: if first_row {
                    block.outline.as_ref().map(|entry| entry.index)
                } else {
                    None
                },
                rows,
                fixed_top: if first_row { fixed_top } else { None },
            };
            first_row = false;
            setter.paginator.push(row, block.at_last_page_foot);
        };
        if let Content::Split { left, right } = &block.content {
            let color = style.color;
            let left_runs: Vec<Run> = left.iter().map(|s| Run::of(s, color)).collect();
            let right_runs: Vec<Run> = right.iter().map(|s| Run::of(s, color)).collect();
            let left_units = measure(
                &left_runs,
                size,
                &self.geometry,
                self.metrics,
                &mut self.missing,
            );
            let right_units = measure(
                &right_runs,
                size,
                &self.geometry,
                self.metrics,
                &mut self.missing,
            );
            let mut glyphs = place(&left_units, left_edge, measure_width, LinePlacement::Left);
            glyphs.extend(place(
                &right_units,
                left_edge,
                measure_width,
                LinePlacement::Right,
            ));
            let line = Line {
                row: 0,
                baseline: 0.0,
                role: style.face,
                fill: Fill::Natural,
                glyphs,
            };
            push_line(self, line);
        } else {
            // A title's lines were broken by the flow: each is set on a line of its own (and
            // only broken again if the real faces make it wider than the measure).
            let paragraphs: Vec<Vec<Run>> = match &block.content {
                Content::Lines(_) => runs(block).into_iter().map(|run| vec![run]).collect(),
                _ => vec![runs(block)],
            };
            for paragraph_runs in paragraphs {
                let units = measure(
                    &paragraph_runs,
                    size,
                    &self.geometry,
                    self.metrics,
                    &mut self.missing,
                );
                let lines = break_paragraph(&units, measure_width - indent, measure_width);
                let count = lines.len();
                for (number, (start, end)) in lines.into_iter().enumerate() {
                    let first = number == 0;
                    let last = number + 1 == count;
                    let left = left_edge + if first { indent } else { 0.0 };
                    let width = left_edge + measure_width - left;
                    let placement = match (style.align, last) {
                        (Align::Justify, false) => LinePlacement::Justify,
                        (Align::Center, _) => LinePlacement::Center,
                        (Align::Right, _) => LinePlacement::Right,
                        _ => LinePlacement::Left,
                    };
                    let glyphs = place(&units[start..end], left, width, placement);
                    let fill = if placement == LinePlacement::Justify {
                        Fill::Justified
                    } else {
                        Fill::Natural
                    };
                    let line = Line {
                        row: 0,
                        baseline: 0.0,
                        role: style.face,
                        fill,
                        glyphs,
                    };
                    push_line(self, line);
                }
            }
        }
        for _ in 0..block.space_after_lines.round() as usize {
            self.paginator.push(Row::Blank, block.at_last_page_foot);
        }
    }
}

/// Measures the spans' characters in their faces.
pub(super) fn measure(
    runs: &[Run],
    size: f32,
    geometry: &Geometry,
    metrics: &dyn Metrics,
    missing: &mut Vec<char>,
) -> Vec<Unit> {
    let cell = geometry.cell(size);
    let mut units: Vec<Unit> =
        Vec::with_capacity(runs.iter().map(|span| span.text.chars().count()).sum());
    for span in runs {
        for ch in span.text.chars() {
            if ch.is_control() {
                continue;
            }
            let script = Script::of(ch);
            let choice = metrics.choose(span.face, script, ch);
            if !choice.found && !missing.contains(&ch) {
                missing.push(ch);
            }
            // Ideographs first: is_alphanumeric looks them up in a Unicode table.
            let kind = if ch == ' ' {
                Kind::Space
            } else if crate::model::is_han(ch) {
                Kind::Wide
            } else if ch.is_alphanumeric() {
                if script == Script::Latin {
                    Kind::Narrow
                } else {
                    Kind::Wide
                }
            } else {
                Kind::Mark
            };
            let gap_before = match (units.last().map(|u| u.kind), kind) {
                (Some(Kind::Wide), Kind::Narrow) | (Some(Kind::Narrow), Kind::Wide) => {
                    HAN_LATIN_GAP_EM * cell
                }
                _ => 0.0,
            };
            units.push(Unit {
                ch,
                face: choice.face,
                size,
                advance: choice.advance_em * cell,
                gap_before,
                squeeze: squeeze(ch),
                kind,
                weight: span.weight,
                missing: !choice.found,
                color: span.color,
            });
        }
    }
    units
}

/// Natural width of `units[start..end]` with inner gaps, trailing spaces not counted.
fn natural_width(units: &[Unit], start: usize, end: usize) -> f32 {
    let end = trim_end(units, start, end);
    units[start..end]
        .iter()
        .enumerate()
        .map(|(i, u)| u.advance + if i > 0 { u.gap_before } else { 0.0 })
        .sum()
}

/// How much `units[start..end]` may shrink as one line: an opening mark that starts the line
/// keeps its width, or its ink would hang into the margin.
fn squeezable_width(units: &[Unit], start: usize, end: usize) -> f32 {
    (start..end).map(|i| line_squeezable(units, start, i)).sum()
}

fn line_squeezable(units: &[Unit], line_start: usize, index: usize) -> f32 {
    if index == line_start && units[index].squeeze == Squeeze::LeftHalf {
        0.0
    } else {
        units[index].squeezable()
    }
}

/// `end` moved back over trailing spaces.
fn trim_end(units: &[Unit], start: usize, mut end: usize) -> usize {
    while end > start + 1 && units[end - 1].kind == Kind::Space {
        end -= 1;
    }
    end
}

/// Breaks a justified paragraph into lines `(start, end)`: the longest run that fits at each
/// allowed break, pushing punctuation in before pushing a character out, and never leaving a
/// lone character on the last line.
pub(super) fn break_paragraph(units: &[Unit], first_width: f32, width: f32) -> Vec<(usize, usize)> {
    if units.is_empty() {
        return Vec::new();
    }
    let chars: Vec<char> = units.iter().map(|u| u.ch).collect();
    let allowed = break_opportunities(&chars);
    let mut lines = Vec::new();
    let mut start = 0;
    while start < units.len() {
        let available = if lines.is_empty() { first_width } else { width };
        let end = fit(units, &allowed, start, available);
        lines.push((start, end));
        start = end;
        while start < units.len() && units[start].kind == Kind::Space {
            start += 1;
        }
    }
    avoid_lone_last_character(units, &allowed, &mut lines, first_width, width);
    lines
}

/// The end of the line starting at `start`: the longest run that fits as set (on the grid,
/// punctuation full width). Punctuation is pushed in only where the natural end would put a
/// forbidden mark at the start of the next line; if the marks cannot squeeze in, a character
/// is pushed out instead (先挤进，后推出).
fn fit(units: &[Unit], allowed: &[bool], start: usize, available: f32) -> usize {
    let mut natural_best = None;
    let mut squeezed_best = None;
    let mut natural_limit = start;
    // natural_width and squeezable_width of start..end, summed as `end` grows (the same
    // additions in the same order, so the same values, without re-summing every prefix).
    let mut running = 0.0f32;
    let mut natural = 0.0f32;
    let mut squeezable = 0.0f32;
    for (end, &breakable) in allowed.iter().enumerate().skip(start + 1) {
        let last = end - 1;
        let unit = &units[last];
        running += unit.advance + if last > start { unit.gap_before } else { 0.0 };
        if last == start || unit.kind != Kind::Space {
            natural = running;
        }
        squeezable += line_squeezable(units, start, last);
        debug_assert_eq!(natural, natural_width(units, start, end));
        if natural - squeezable > available + EPSILON {
            break;
        }
        let fits_as_set = natural <= available + EPSILON;
        if fits_as_set {
            natural_limit = end;
        }
        if breakable {
            if fits_as_set {
                natural_best = Some(end);
            } else if squeezed_best.is_none() {
                // The first break past the natural end: what pushing in would take along.
                squeezed_best = Some(end);
            }
        }
    }
    match (natural_best, squeezed_best) {
        // The text runs out of room where a break is allowed: set it as it is.
        (Some(end), _) if end == natural_limit => return end,
        // The room runs out just before marks that may not start a line: push them in.
        (_, Some(end)) if end <= natural_limit + MAX_PUSHED_IN => return end,
        (Some(end), _) => return end,
        (None, Some(end)) => return end,
        (None, None) => {}
    }
    // Nothing breakable fits (a very long Latin word): cut where the width runs out.
    let mut end = start + 1;
    while end < units.len() && natural_width(units, start, end + 1) <= available + EPSILON {
        end += 1;
    }
    while end > start + 1 && forbidden_at_line_start(units[end].ch) && end < units.len() {
        end -= 1;
    }
    end
}

/// How many units past the natural end of a line may be pushed in ("。”" is two).
const MAX_PUSHED_IN: usize = 2;

/// A paragraph's last line of one character (or one character and a stop) takes one more
/// break's worth of text from the line above.
fn avoid_lone_last_character(
    units: &[Unit],
    allowed: &[bool],
    lines: &mut [(usize, usize)],
    first_width: f32,
    width: f32,
) {
    let count = lines.len();
    if count < 2 {
        return;
    }
    let (last_start, last_end) = lines[count - 1];
    let content = units[last_start..last_end]
        .iter()
        .filter(|u| !forbidden_at_line_start(u.ch) && u.kind != Kind::Space)
        .count();
    if content > 1 {
        return;
    }
    let (previous_start, previous_end) = lines[count - 2];
    let Some(new_break) = (previous_start + 2..previous_end)
        .rev()
        .find(|&i| allowed[i])
    else {
        return;
    };
    let available = if count == 2 { first_width } else { width };
    let last_fits = natural_width(units, new_break, last_end) <= width + EPSILON;
    if last_fits && natural_width(units, previous_start, new_break) <= available + EPSILON {
        lines[count - 2].1 = new_break;
        lines[count - 1].0 = new_break;
    }
}

/// How a line sits in its measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum LinePlacement {
    Justify,
    Left,
    Center,
    Right,
}

/// Positions `units` in a measure of `width` starting at `left`.
pub(super) fn place(units: &[Unit], left: f32, width: f32, placement: LinePlacement) -> Vec<Glyph> {
    let end = trim_end(units, 0, units.len());
    let units = &units[..end];
    if units.is_empty() {
        return Vec::new();
    }
    let natural = natural_width(units, 0, units.len());
    // What each glyph gives (push in) and the space added before it (justify), computed as
    // the glyphs are placed: two vectors per line were 5% of the layout's time.
    let mut squeeze_ratio = 0.0;
    let mut extra = 0.0;
    let mut every_gap = false;
    let inside_word = |i: usize| units[i - 1].kind == Kind::Narrow && units[i].kind == Kind::Narrow;
    let mut origin = left;
    match placement {
        _ if natural > width + EPSILON => {
            // Push in: squeeze marks in proportion to how much each may give.
            let squeezable = squeezable_width(units, 0, units.len());
            squeeze_ratio = ((natural - width) / squeezable.max(EPSILON)).min(1.0);
        }
        LinePlacement::Justify => {
            // Spread the leftover between characters, never inside a Latin word (unless the
            // line is one word).
            let gaps = (1..units.len()).filter(|&i| !inside_word(i)).count();
            every_gap = gaps == 0;
            let gaps = if every_gap { units.len() - 1 } else { gaps };
            if gaps > 0 {
                extra = (width - natural) / gaps as f32;
            }
        }
        LinePlacement::Left => {}
        LinePlacement::Center => origin += ((width - natural) / 2.0).max(0.0),
        LinePlacement::Right => origin += (width - natural).max(0.0),
    }
    let mut pen = origin;
    let mut glyphs = Vec::with_capacity(units.len());
    for (i, unit) in units.iter().enumerate() {
        if i > 0 {
            let spacing = if every_gap || !inside_word(i) {
                extra
            } else {
                0.0
            };
            pen += unit.gap_before + spacing;
        }
        let shrink = line_squeezable(units, 0, i) * squeeze_ratio;
        let x = match unit.squeeze {
            Squeeze::LeftHalf => pen - shrink,
            Squeeze::RightHalf | Squeeze::None => pen,
        };
        let right = pen + unit.advance - shrink;
        glyphs.push(Glyph {
            ch: unit.ch,
            face: unit.face,
            size: unit.size,
            x,
            right,
            weight: unit.weight,
            missing: unit.missing,
            color: unit.color,
        });
        pen = right;
    }
    glyphs
}

/// Distributes rows onto pages as they come: blank rows at a page top are dropped, a heading
/// never ends a page (it moves to the next page with the line after it), and every page gets
/// its number. Rows wait only while a run of keep-with-next (heading) rows is open. The
/// 版记's rows wait for the end: they go to the foot of the last page, which has no number
/// (and is an even page when printing on both sides).
struct Paginator<'a> {
    geometry: Geometry,
    roles: &'a Roles,
    metrics: &'a dyn Metrics,
    sink: &'a mut dyn FnMut(Page),
    /// Rows held back until the length of the heading run they start is known.
    pending: Vec<Row>,
    /// The 版记's rows.
    record: Vec<Row>,
    lines: Vec<Line>,
    rules: Vec<RuleLine>,
    segments: Vec<Segment>,
    images: Vec<PlacedImage>,
    /// Where the next table row or picture goes, in points under the type area's top, while
    /// rows and pictures follow one another off the grid; `None` on the grid.
    cursor: Option<f32>,
    page_index: usize,
    row_on_page: usize,
    /// The bottom of the last line placed on this page, from the page's top.
    last_bottom: f32,
    previous_kept: bool,
    anchors: Vec<Anchor>,
    /// Whether the first page carries a number (a letter's does not).
    number_first_page: bool,
    /// Printing on both sides: the 版记's page must be even.
    duplex: bool,
}

impl<'a> Paginator<'a> {
    fn new(
        geometry: Geometry,
        roles: &'a Roles,
        metrics: &'a dyn Metrics,
        sink: &'a mut dyn FnMut(Page),
    ) -> Self {
        Paginator {
            geometry,
            roles,
            metrics,
            sink,
            pending: Vec::new(),
            record: Vec::new(),
            lines: Vec::new(),
            rules: Vec::new(),
            segments: Vec::new(),
            images: Vec::new(),
            cursor: None,
            page_index: 0,
            row_on_page: 0,
            last_bottom: geometry.block_top,
            previous_kept: false,
            anchors: Vec::new(),
            number_first_page: true,
            duplex: false,
        }
    }

    fn push(&mut self, row: Row, record: bool) {
        if record {
            self.record.push(row);
            return;
        }
        let keeps = matches!(
            row,
            Row::Text {
                keep_with_next: true,
                ..
            } | Row::Rule { .. }
        );
        self.pending.push(row);
        if !keeps {
            self.place_pending();
        }
    }

    /// Places the held rows: the run of keep-with-next rows starting at each is now known.
    fn place_pending(&mut self) {
        let rows = std::mem::take(&mut self.pending);
        let mut keep_run = vec![0usize; rows.len() + 1];
        for index in (0..rows.len()).rev() {
            match &rows[index] {
                Row::Text {
                    keep_with_next: true,
                    rows,
                    ..
                } => keep_run[index] = keep_run[index + 1] + rows,
                Row::Rule { .. } => keep_run[index] = keep_run[index + 1],
                _ => {}
            }
        }
        for (row, group) in rows.into_iter().zip(keep_run) {
            self.place(row, group);
        }
    }

    fn place(&mut self, row: Row, group: usize) {
        let per_page = self.geometry.lines_per_page;
        let pitch = self.geometry.line_pitch;
        let top = self.geometry.block_top;
        if !matches!(row, Row::OfTable { .. } | Row::Image { .. }) {
            self.back_on_the_grid();
        }
        match row {
            Row::OfTable {
                row,
                headers,
                first,
            } => self.place_table_row(row, &headers, first),
            Row::Image {
                index,
                width,
                height,
            } => {
                let mut at = self.off_grid_top();
                if at > 0.0 && at + height > self.geometry.block_height {
                    self.finish_page(true);
                    at = 0.0;
                }
                let x = self.geometry.block_left + (self.geometry.block_width - width) / 2.0;
                self.images.push(PlacedImage {
                    index,
                    x,
                    top: top + at,
                    width,
                    height,
                });
                self.cursor = Some(at + height);
                self.last_bottom = top + at + height;
            }
            Row::Blank => {
                if self.row_on_page > 0 {
                    self.row_on_page += 1;
                }
            }
            Row::PageBreak => {
                if self.row_on_page > 0 || !self.lines.is_empty() || !self.images.is_empty() {
                    self.finish_page(true);
                }
            }
            Row::Rule {
                rule,
                gap,
                fixed_top,
            } => {
                let y = match fixed_top {
                    Some(at) => top + at,
                    None => self.last_bottom + gap,
                };
                let (left, right) = self.rule_ends(&rule);
                self.rules.push(RuleLine {
                    y,
                    left,
                    right,
                    thickness: rule.thickness_pt,
                    color: rule.color,
                });
                if let Some((thickness, between)) = rule.double {
                    self.rules.push(RuleLine {
                        y: y + rule.thickness_pt / 2.0 + between + thickness / 2.0,
                        left,
                        right,
                        thickness,
                        color: rule.color,
                    });
                }
                if fixed_top.is_none() {
                    // The text goes on in the first grid row under the rule.
                    let under = ((y - top) / pitch).ceil().max(0.0) as usize;
                    self.row_on_page = self.row_on_page.max(under);
                }
            }
            Row::Text {
                mut line,
                keep_with_next,
                anchor,
                rows,
                fixed_top,
            } => {
                // A run of heading lines needs room for itself and one line after it.
                let starts_group = keep_with_next && !self.previous_kept;
                let heading_would_strand =
                    starts_group && self.row_on_page + group + 1 > per_page && group < per_page;
                if self.row_on_page + rows > per_page
                    || (heading_would_strand && self.row_on_page > 0)
                {
                    self.finish_page(true);
                }
                let size = line_size(&line);
                match fixed_top {
                    Some(at) => {
                        line.row = self.row_on_page;
                        line.baseline = top + at + ASCENT_EM * size;
                        let bottom = at + size * LINE_HEIGHT_EM;
                        self.row_on_page = self.row_on_page.max((bottom / pitch).ceil() as usize);
                    }
                    None => {
                        position(&mut line, self.row_on_page, &self.geometry);
                        self.row_on_page += rows;
                    }
                }
                if let Some(section) = anchor {
                    self.anchors.push(Anchor {
                        section,
                        page: self.page_index,
                        top: line.baseline - ASCENT_EM * size,
                    });
                }
                self.last_bottom = line.baseline + (1.0 - ASCENT_EM) * size;
                self.previous_kept = keep_with_next;
                self.lines.push(line);
            }
        }
    }

    /// Where an off-grid row goes: after the one before it, or at the next grid row.
    fn off_grid_top(&self) -> f32 {
        self.cursor
            .unwrap_or(self.row_on_page as f32 * self.geometry.line_pitch)
    }

    /// After tables and pictures, text goes on at the first grid row under them.
    fn back_on_the_grid(&mut self) {
        if let Some(cursor) = self.cursor.take() {
            let rows = (cursor / self.geometry.line_pitch - EPSILON)
                .ceil()
                .max(0.0) as usize;
            self.row_on_page = self.row_on_page.max(rows);
        }
    }

    /// Places a table row at the off-grid cursor: on a new page (after the header rows) when
    /// it does not fit, split where the page ends when it is taller than what is left.
    fn place_table_row(&mut self, row: TableRowLayout, headers: &[TableRowLayout], first: bool) {
        let block_height = self.geometry.block_height;
        let headers_height: f32 = headers.iter().map(|h| h.height).sum();
        let mut row = row;
        let mut with_top = first;
        loop {
            let at = self.off_grid_top();
            let room = block_height - at;
            if row.height <= room + EPSILON {
                self.put_table_row(&row, at, with_top);
                return;
            }
            // Split what does not fit, unless the row would fit whole on a fresh page.
            let fits_fresh =
                row.height + if row.header { 0.0 } else { headers_height } <= block_height;
            let split = if at > 0.0 && fits_fresh {
                None
            } else {
                row.split(room)
            };
            if let Some((here, rest)) = split {
                self.put_table_row(&here, at, with_top);
                row = rest;
            } else if at == 0.0 {
                // Taller than a page and no line boundary to split at: printed as it is.
                self.put_table_row(&row, at, with_top);
                return;
            }
            self.finish_page(true);
            with_top = true;
            if !row.header {
                for header in headers {
                    let at = self.off_grid_top();
                    self.put_table_row(header, at, with_top);
                    with_top = false;
                }
            }
        }
    }

    fn put_table_row(&mut self, row: &TableRowLayout, at: f32, with_top: bool) {
        let top = self.geometry.block_top + at;
        for line in row.lines() {
            let mut line = line.clone();
            line.baseline += top;
            line.row = self.row_on_page;
            self.lines.push(line);
        }
        self.segments.extend(row.segments(top, with_top));
        self.cursor = Some(at + row.height);
        self.last_bottom = top + row.height;
        self.previous_kept = false;
    }

    /// The left and right ends of a rule: the type area's width, or a length centred on it (or
    /// from its left edge).
    fn rule_ends(&self, rule: &Rule) -> (f32, f32) {
        let geometry = &self.geometry;
        match rule.length_mm {
            Some(length) if rule.from_left => {
                (geometry.block_left, geometry.block_left + mm_to_pt(length))
            }
            Some(length) => {
                let middle = geometry.block_left + geometry.block_width / 2.0;
                let half = mm_to_pt(length) / 2.0;
                (middle - half, middle + half)
            }
            None => (geometry.block_left, geometry.block_right()),
        }
    }

    /// Sends the current page to the sink, numbered or not, and starts the next.
    fn finish_page(&mut self, numbered: bool) {
        let number = self.page_index + 1;
        let numbered = numbered && (number > 1 || self.number_first_page);
        let page = Page {
            number,
            lines: std::mem::take(&mut self.lines),
            rules: std::mem::take(&mut self.rules),
            folio: numbered.then(|| folio(number, &self.geometry, self.roles, self.metrics)),
            segments: std::mem::take(&mut self.segments),
            images: std::mem::take(&mut self.images),
        };
        (self.sink)(page);
        self.page_index += 1;
        self.row_on_page = 0;
        self.cursor = None;
        self.last_bottom = self.geometry.block_top;
    }

    /// Places the 版记 at the foot of the last page: its lines in the page's last rows, its
    /// last rule on the type area's bottom edge; that page has no number.
    fn place_record(&mut self) {
        let record = std::mem::take(&mut self.record);
        let per_page = self.geometry.lines_per_page;
        let text_rows: usize = record
            .iter()
            .map(|row| match row {
                Row::Text { rows, .. } => *rows,
                _ => 0,
            })
            .sum();
        let fits = self.row_on_page + text_rows <= per_page;
        let page_used = self.row_on_page > 0 || !self.lines.is_empty();
        if !fits && page_used {
            self.finish_page(true);
        }
        // Printed on both sides, the 版记's page is even: an odd page with text ends
        // numbered, a fresh odd page stays blank and unnumbered.
        if self.duplex && (self.page_index + 1) % 2 == 1 {
            let page_used = self.row_on_page > 0 || !self.lines.is_empty();
            self.finish_page(page_used);
        }
        let pitch = self.geometry.line_pitch;
        let top = self.geometry.block_top;
        let mut row = per_page.saturating_sub(text_rows);
        let mut rule_pending: Vec<Rule> = Vec::new();
        let boundary = |row: usize| top + row as f32 * pitch;
        for item in record {
            match item {
                Row::Rule { rule, .. } => rule_pending.push(rule),
                Row::Text { mut line, rows, .. } => {
                    for rule in rule_pending.drain(..) {
                        let (left, right) = self.rule_ends(&rule);
                        self.rules.push(RuleLine {
                            y: boundary(row),
                            left,
                            right,
                            thickness: rule.thickness_pt,
                            color: rule.color,
                        });
                    }
                    let size = line_size(&line);
                    line.row = row;
                    // Centred between the rules above and under it.
                    line.baseline = boundary(row) + (pitch + 0.76 * size) / 2.0;
                    self.lines.push(line);
                    row += rows;
                }
                Row::Blank | Row::PageBreak | Row::OfTable { .. } | Row::Image { .. } => {}
            }
        }
        for rule in rule_pending {
            let (left, right) = self.rule_ends(&rule);
            self.rules.push(RuleLine {
                y: boundary(per_page),
                left,
                right,
                thickness: rule.thickness_pt,
                color: rule.color,
            });
        }
        self.row_on_page = per_page;
        self.finish_page(false);
    }

    /// Places what is held, sends the last page; returns the page count and the anchors.
    fn finish(mut self) -> (usize, Vec<Anchor>) {
        self.place_pending();
        self.back_on_the_grid();
        if self.record.is_empty() {
            self.finish_page(true);
        } else {
            self.place_record();
        }
        (self.page_index, self.anchors)
    }
}

fn line_size(line: &Line) -> f32 {
    line.glyphs.first().map_or(0.0, |g| g.size)
}

/// Moves a line set at baseline 0 onto grid row `row`.
fn position(line: &mut Line, row: usize, geometry: &Geometry) {
    line.row = row;
    line.baseline =
        geometry.block_top + row as f32 * geometry.line_pitch + ASCENT_EM * line_size(line);
}

/// The page number line "— N —": odd pages flush right one character in from the block's
/// right edge, even pages flush left one character in.
fn folio(number: usize, geometry: &Geometry, roles: &Roles, metrics: &dyn Metrics) -> Line {
    let role = FaceRole::PageNumber;
    let size = role.style(roles).size.pt();
    let runs = [Run {
        text: std::borrow::Cow::Owned(folio_text(number)),
        face: role,
        weight: Weight::Regular,
        color: Rgb::BLACK,
    }];
    let units = measure(&runs, size, geometry, metrics, &mut Vec::new());
    let inset = geometry.char_pitch;
    let width = geometry.block_width - 2.0 * inset;
    let left = geometry.block_left + inset;
    let placement = if number % 2 == 1 {
        LinePlacement::Right
    } else {
        LinePlacement::Left
    };
    let glyphs = place(&units, left, width, placement);
    Line {
        row: geometry.lines_per_page,
        baseline: geometry.folio_top + ASCENT_EM * size,
        role,
        fill: Fill::Natural,
        glyphs,
    }
}

/// Fixed-width metrics for tests and dumps: every full-width character is 1 em, Latin 0.5 em,
/// all in face 0; characters in `missing` are reported as absent.
#[derive(Debug, Clone, Default)]
pub struct FixedMetrics {
    pub missing: Vec<char>,
}

impl Metrics for FixedMetrics {
    fn choose(&self, _role: FaceRole, script: Script, c: char) -> GlyphChoice {
        GlyphChoice {
            face: FaceId(0),
            advance_em: match script {
                Script::EastAsian => 1.0,
                Script::Latin => 0.5,
            },
            found: !self.missing.contains(&c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::FlowOptions;
    use crate::model::{Block, Document, Inline, Meta};

    fn lay(document: &Document, template: &Template) -> Layout {
        layout(
            &Flow::new(document, template, FlowOptions::default()),
            &FixedMetrics::default(),
        )
    }

    fn body(text: &str) -> Document {
        Document {
            front: vec![Block::paragraph(vec![Inline::text(text)], None)],
            ..Document::default()
        }
    }

    fn gongwen() -> Template {
        Template::builtin("gongwen").unwrap()
    }

    #[test]
    fn a_full_line_holds_28_han_characters() {
        let text = "国".repeat(26 + 28 + 3);
        let layout = lay(&body(&text), &gongwen());
        let lines = &layout.pages[0].lines;
        assert_eq!(lines[0].glyphs.len(), 26, "first line is indented 2");
        assert_eq!(lines[1].glyphs.len(), 28);
        let right = layout.geometry.block_right();
        assert!((lines[1].right() - right).abs() < 0.05);
    }

    #[test]
    fn a_stop_never_starts_a_line_it_is_pushed_in() {
        // 12 + 1 + 13 cells fill the indented first line (26 cells); the second comma would
        // start line 2, so both commas give half a cell and it squeezes in.
        let text = format!(
            "{}，{}，{}",
            "国".repeat(12),
            "国".repeat(13),
            "家".repeat(10)
        );
        let layout = lay(&body(&text), &gongwen());
        let lines = &layout.pages[0].lines;
        assert_eq!(lines[0].text().chars().last(), Some('，'));
        assert!((lines[0].right() - layout.geometry.block_right()).abs() < 0.05);
    }

    #[test]
    fn punctuation_is_not_squeezed_without_a_reason() {
        // Commas everywhere. Line 1 (26 cells) would end before a comma, so only that comma
        // is pushed in (27 glyphs, not more); line 2 ends between two Han characters and
        // stays on the grid: 28 glyphs, 28 full cells.
        let text = "国家，".repeat(30);
        let layout = lay(&body(&text), &gongwen());
        let lines = &layout.pages[0].lines;
        assert_eq!(lines[0].glyphs.len(), 27, "{}", layout.dump());
        assert!(lines[0].text().ends_with('，'));
        assert_eq!(lines[1].glyphs.len(), 28, "{}", layout.dump());
        assert!(lines[1].text().ends_with('国'));
    }

    #[test]
    fn no_lone_character_on_the_last_line() {
        let text = "国".repeat(26 + 1);
        let layout = lay(&body(&text), &gongwen());
        let lines = &layout.pages[0].lines;
        assert_eq!(lines.len(), 2);
        assert!(lines[1].glyphs.len() >= 2, "{}", layout.dump());
    }

    #[test]
    fn a_stop_that_cannot_squeeze_in_takes_a_character_with_it() {
        let text = format!("{}，{}", "国".repeat(26), "家".repeat(10));
        let layout = lay(&body(&text), &gongwen());
        let lines = &layout.pages[0].lines;
        assert_eq!(lines[0].glyphs.len(), 25);
        assert!(lines[1].text().starts_with("国，"));
        assert!((lines[0].right() - layout.geometry.block_right()).abs() < 0.05);
    }

    #[test]
    fn a_long_title_breaks_into_balanced_lines() {
        // 22 pt title on a 442 pt measure: 20 characters a line, so 30 characters make two
        // lines of 15, not 20 + 10.
        let document = Document {
            meta: Meta {
                title: vec!["国".repeat(30)],
                ..Meta::default()
            },
            ..Document::default()
        };
        let layout = lay(&document, &gongwen());
        let lengths: Vec<usize> = layout.pages[0].lines[..2]
            .iter()
            .map(|l| l.glyphs.len())
            .collect();
        assert_eq!(lengths, vec![15, 15], "{}", layout.dump());
    }

    #[test]
    fn latin_is_set_off_from_han_by_a_quarter_em() {
        let layout = lay(&body("年GDP增"), &gongwen());
        let glyphs = &layout.pages[0].lines[0].glyphs;
        let gap = glyphs[1].x - glyphs[0].right;
        assert!(
            (gap - 0.25 * layout.geometry.char_pitch).abs() < 0.01,
            "{gap}"
        );
        assert!(glyphs[2].x - glyphs[1].right < 0.01, "no gap inside a word");
    }

    #[test]
    fn the_title_is_centred() {
        let document = Document {
            meta: Meta {
                title: vec!["讲话".into()],
                ..Meta::default()
            },
            ..Document::default()
        };
        let layout = lay(&document, &gongwen());
        let line = &layout.pages[0].lines[0];
        let g = layout.geometry;
        let centre = (line.left() + line.right()) / 2.0;
        assert!((centre - (g.block_left + g.block_width / 2.0)).abs() < 0.05);
    }
}

//! The flow: the model and the template resolved, once, into the styled blocks that every
//! paged writer (DOCX, PDF, HTML) prints.
//!
//! Each [`Block`] knows its role, its resolved style (faces, size, weight, colour, alignment,
//! indents), the gap above it with the previous block's gap already merged (the larger of the
//! two, once), whether it keeps with the next block or starts a page, and — for a title — its
//! lines already broken. The writers turn blocks into their format and decide nothing
//! typographic of their own; the same rules reach the DOCX, the PDF and the HTML from here.
//! Pure data: no I/O.

pub mod linebreak;
pub mod title;

use crate::model::{Block as ModelBlock, DetailRole, Document, Inline, Placement};
use crate::template::{Align, Role as TemplateRole, Roles, Template, mm_to_pt};

/// The template role whose fonts, size and weight a piece of text takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FaceRole {
    Title,
    Subtitle,
    Speaker,
    Date,
    Salutation,
    Body,
    /// Heading of a level, 1 to 4 (deeper levels use 4).
    Heading(u8),
    RunIn,
    PageNumber,
}

impl FaceRole {
    /// Every role, in the template's order.
    pub const ALL: [FaceRole; 12] = [
        FaceRole::Title,
        FaceRole::Subtitle,
        FaceRole::Speaker,
        FaceRole::Date,
        FaceRole::Salutation,
        FaceRole::Body,
        FaceRole::Heading(1),
        FaceRole::Heading(2),
        FaceRole::Heading(3),
        FaceRole::Heading(4),
        FaceRole::RunIn,
        FaceRole::PageNumber,
    ];

    /// The role's name in templates and in `--font ROLE=PATH`.
    ///
    /// ```
    /// use wengao::flow::FaceRole;
    /// assert_eq!(FaceRole::Heading(2).name(), "heading2");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            FaceRole::Title => "title",
            FaceRole::Subtitle => "subtitle",
            FaceRole::Speaker => "speaker",
            FaceRole::Date => "date",
            FaceRole::Salutation => "salutation",
            FaceRole::Body => "body",
            FaceRole::Heading(0 | 1) => "heading1",
            FaceRole::Heading(2) => "heading2",
            FaceRole::Heading(3) => "heading3",
            FaceRole::Heading(_) => "heading4",
            FaceRole::RunIn => "run_in",
            FaceRole::PageNumber => "page_number",
        }
    }

    /// The role's style in a template.
    pub fn style(self, roles: &Roles) -> &TemplateRole {
        match self {
            FaceRole::Title => &roles.title,
            FaceRole::Subtitle => &roles.subtitle,
            FaceRole::Speaker => &roles.speaker,
            FaceRole::Date => &roles.date,
            FaceRole::Salutation => &roles.salutation,
            FaceRole::Body => &roles.body,
            FaceRole::Heading(level) => roles.heading(level),
            FaceRole::RunIn => &roles.run_in,
            FaceRole::PageNumber => &roles.page_number,
        }
    }

    /// The role for a heading of `level`, capped at 4.
    pub fn heading(level: u8) -> FaceRole {
        FaceRole::Heading(level.clamp(1, 4))
    }
}

/// What a block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BlockRole {
    /// A 公文's issuing-authority line above the title.
    IssuerMark,
    /// A 公文's document number.
    DocNumber,
    /// The title, its lines already broken.
    Title,
    Subtitle,
    Speaker,
    Date,
    /// "同志们：" or a 公文's addressee.
    Salutation,
    /// A body paragraph.
    Body,
    /// A standalone heading of a level (1-based).
    Heading(u8),
    /// A paragraph led by a run-in heading of a level.
    RunIn(u8),
    /// A closing paragraph after the last section.
    Closing,
    /// Where a table of contents goes (`--toc`).
    TableOfContents,
}

impl BlockRole {
    /// The template role whose paragraph settings (alignment, indent, spacing, size) the
    /// block takes: a run-in paragraph takes the run-in role's, its lead sentence the face of
    /// its heading's role (see [`Flow::run_in_lead_face`]).
    pub fn face(self) -> FaceRole {
        match self {
            BlockRole::IssuerMark | BlockRole::Title | BlockRole::TableOfContents => {
                FaceRole::Title
            }
            BlockRole::DocNumber | BlockRole::Date => FaceRole::Date,
            BlockRole::Subtitle => FaceRole::Subtitle,
            BlockRole::Speaker => FaceRole::Speaker,
            BlockRole::Salutation => FaceRole::Salutation,
            BlockRole::Body | BlockRole::Closing => FaceRole::Body,
            BlockRole::Heading(level) => FaceRole::heading(level),
            BlockRole::RunIn(_) => FaceRole::RunIn,
        }
    }

    /// Whether a block of this role stays on the page of the block after it: the title
    /// block, the salutation and standalone headings never end a page.
    pub fn keeps_with_next(self) -> bool {
        matches!(
            self,
            BlockRole::IssuerMark
                | BlockRole::DocNumber
                | BlockRole::Title
                | BlockRole::Subtitle
                | BlockRole::Speaker
                | BlockRole::Date
                | BlockRole::Salutation
                | BlockRole::Heading(_)
        )
    }
}

/// A colour as red, green, blue (0–255).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    pub const BLACK: Rgb = Rgb(0, 0, 0);
}

/// A block's resolved typography.
#[derive(Debug, Clone, PartialEq)]
pub struct Style<'a> {
    /// The template role the fonts come from.
    pub face: FaceRole,
    /// East Asian font family names, first found wins.
    pub east_asian: &'a [String],
    /// Font family names for Latin letters and digits.
    pub latin: &'a [String],
    pub size_pt: f32,
    pub bold: bool,
    pub color: Rgb,
    pub align: Align,
    /// First-line indent in characters of the block's size.
    pub first_line_indent_chars: f32,
    /// Indents of every line from the left and the right edge of the text block.
    pub left_indent_chars: f32,
    pub right_indent_chars: f32,
}

/// Whether a span is running text or the marker of an inline enumeration ("一是").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpanKind {
    Text,
    ItemMarker,
}

/// A run of text in one face.
#[derive(Debug, Clone, PartialEq)]
pub struct Span<'a> {
    pub text: &'a str,
    pub face: FaceRole,
    pub bold: bool,
    pub kind: SpanKind,
}

/// What a block prints.
#[derive(Debug, Clone, PartialEq)]
pub enum Content<'a> {
    /// Lines broken by the flow (a title): each printed on a line of its own.
    Lines(Vec<String>),
    /// Running text.
    Text(Vec<Span<'a>>),
    /// A run-in heading's lead sentence and the rest of its paragraph, printed as one
    /// paragraph.
    RunIn { lead: Span<'a>, rest: Vec<Span<'a>> },
    /// A table of contents, made by the writer from the outline entries.
    TableOfContents,
}

impl Content<'_> {
    /// The printed text of the block, in order.
    pub fn text(&self) -> String {
        match self {
            Content::Lines(lines) => lines.concat(),
            Content::Text(spans) => spans.iter().map(|s| s.text).collect(),
            Content::RunIn { lead, rest } => {
                std::iter::once(lead).chain(rest).map(|s| s.text).collect()
            }
            Content::TableOfContents => String::new(),
        }
    }
}

/// The outline entry of a heading block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutlineEntry<'a> {
    /// Index of the section in [`Document::walk`] order.
    pub index: usize,
    pub level: u8,
    /// The heading as written (a run-in heading's lead sentence).
    pub text: &'a str,
}

/// One styled block.
#[derive(Debug, Clone, PartialEq)]
pub struct Block<'a> {
    pub role: BlockRole,
    pub style: Style<'a>,
    pub content: Content<'a>,
    /// Blank space above the block in grid lines: the role's space before for the first
    /// block; zero for the others, whose gap above is the previous block's space after.
    pub space_before_lines: f32,
    /// Blank space after the block in grid lines: its role's space after and the next block's
    /// space before, merged into the larger of the two.
    pub space_after_lines: f32,
    pub keep_with_next: bool,
    pub page_break_before: bool,
    /// For a heading (standalone or run-in), its outline entry.
    pub outline: Option<OutlineEntry<'a>>,
}

/// Options that change the flow.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FlowOptions {
    /// Put a table of contents after the title block.
    pub toc: bool,
}

/// The styled blocks of a document on a template, in reading order, made on demand: a
/// writer streams them ([`Flow::for_each`]) so that a long document's blocks never all sit in
/// memory beside the model; [`Flow::blocks`] collects them.
#[derive(Debug, Clone, Copy)]
pub struct Flow<'a> {
    pub template: &'a Template,
    document: &'a Document,
    options: FlowOptions,
}

impl<'a> Flow<'a> {
    /// The flow of `document` on `template`.
    ///
    /// ```
    /// use wengao::flow::{BlockRole, Flow, FlowOptions};
    /// use wengao::model::{Document, Meta};
    /// let template = wengao::Template::builtin("gongwen").unwrap();
    /// let doc = Document { meta: Meta { title: vec!["在全市深化干部作风整顿暨优化营商环境工作推进大会上的讲话".into()], ..Meta::default() }, ..Document::default() };
    /// let blocks = Flow::new(&doc, &template, FlowOptions::default()).blocks();
    /// assert_eq!(blocks[0].role, BlockRole::Title);
    /// assert_eq!(blocks[0].content.text(), doc.title());
    /// ```
    pub fn new(document: &'a Document, template: &'a Template, options: FlowOptions) -> Self {
        Flow {
            template,
            document,
            options,
        }
    }

    /// Hands every block to `visit` in reading order, gaps merged.
    pub fn for_each(&self, visit: &mut dyn FnMut(Block<'a>)) {
        let mut builder = Builder {
            template: self.template,
            pending: None,
            visit,
        };
        builder.document(self.document, self.options);
        builder.finish();
    }

    /// Every block, in reading order.
    pub fn blocks(&self) -> Vec<Block<'a>> {
        let mut blocks = Vec::new();
        self.for_each(&mut |block| blocks.push(block));
        blocks
    }

    /// The style every block of `role` starts from (for writers that define named styles,
    /// such as DOCX paragraph styles and CSS classes).
    pub fn role_style(template: &'a Template, role: BlockRole) -> Style<'a> {
        style_of(template, role.face())
    }

    /// The space before and after a block of `role` as the template gives it, in grid lines,
    /// before gaps are merged: what a named style of the role declares.
    pub fn role_spacing(template: &Template, role: BlockRole) -> (f32, f32) {
        if role == BlockRole::TableOfContents {
            // Its heading line has the title's face but none of the title's gaps.
            return (0.0, 0.0);
        }
        let style = role.face().style(&template.roles);
        (style.space_before_lines, style.space_after_lines)
    }

    /// The face of a run-in heading's lead sentence at `level`: its heading role's fonts and
    /// weight, at the run-in role's size.
    pub fn run_in_lead_face(level: u8) -> FaceRole {
        FaceRole::heading(level)
    }

    /// The style of the page number line.
    pub fn page_number_style(template: &'a Template) -> Style<'a> {
        style_of(template, FaceRole::PageNumber)
    }

    /// The widest title line in full-width characters of the title's size: the text block's
    /// width over the size.
    pub fn title_width_chars(template: &Template) -> f32 {
        let width_pt = mm_to_pt(template.page.text_width_mm());
        (width_pt / template.roles.title.size.pt()).floor()
    }
}

/// The style of a face role.
fn style_of(template: &Template, face: FaceRole) -> Style<'_> {
    let role = face.style(&template.roles);
    Style {
        face,
        east_asian: &role.east_asian,
        latin: &role.latin,
        size_pt: role.size.pt(),
        bold: role.bold,
        color: Rgb::BLACK,
        align: role.align,
        first_line_indent_chars: role.first_line_indent_chars,
        left_indent_chars: 0.0,
        right_indent_chars: 0.0,
    }
}

/// Builds the blocks in reading order with each role's own spacing, holding back one block:
/// when the next arrives, the gap where they meet is merged (the larger of the first's space
/// after and the second's space before, set once as the first's space after) and the first
/// goes to `visit`.
struct Builder<'a, 'v> {
    template: &'a Template,
    /// The block not yet handed on, with its space after as its role gives it.
    pending: Option<Block<'a>>,
    visit: &'v mut dyn FnMut(Block<'a>),
}

impl<'a> Builder<'a, '_> {
    fn push(&mut self, role: BlockRole, content: Content<'a>, outline: Option<OutlineEntry<'a>>) {
        let (before, after) = Flow::role_spacing(self.template, role);
        let mut block = Block {
            role,
            style: style_of(self.template, role.face()),
            content,
            space_before_lines: before,
            space_after_lines: after,
            keep_with_next: role.keeps_with_next(),
            page_break_before: false,
            outline,
        };
        if let Some(mut previous) = self.pending.take() {
            previous.space_after_lines = previous
                .space_after_lines
                .max(std::mem::take(&mut block.space_before_lines));
            (self.visit)(previous);
        }
        self.pending = Some(block);
    }

    /// The block just pushed, still open to changes.
    fn last(&mut self) -> &mut Block<'a> {
        self.pending.as_mut().expect("a block was just pushed")
    }

    /// Hands on the last block.
    fn finish(&mut self) {
        if let Some(last) = self.pending.take() {
            (self.visit)(last);
        }
    }

    fn span(&self, text: &'a str, face: FaceRole, kind: SpanKind) -> Span<'a> {
        Span {
            text,
            face,
            bold: face.style(&self.template.roles).bold,
            kind,
        }
    }

    fn spans(&self, inlines: &'a [Inline], face: FaceRole) -> Vec<Span<'a>> {
        inlines
            .iter()
            .map(|inline| match inline {
                Inline::Text { text } => self.span(text, face, SpanKind::Text),
                Inline::ItemMarker { marker } => {
                    self.span(&marker.text, face, SpanKind::ItemMarker)
                }
            })
            .collect()
    }

    fn paragraphs(&mut self, blocks: &'a [ModelBlock], role: BlockRole) {
        for block in blocks {
            let spans = self.spans(block.inlines(), role.face());
            self.push(role, Content::Text(spans), None);
        }
    }

    fn document(&mut self, document: &'a Document, options: FlowOptions) {
        let meta = &document.meta;
        let text = |role, text: &'a String, builder: &mut Self| {
            let span = builder.span(text, BlockRole::face(role), SpanKind::Text);
            builder.push(role, Content::Text(vec![span]), None);
        };
        if let Some(issuer) = &meta.issuer {
            text(BlockRole::IssuerMark, issuer, self);
        }
        if let Some(number) = &meta.doc_number {
            text(BlockRole::DocNumber, number, self);
        }
        if !meta.title.is_empty() {
            let lines = title_lines(&meta.title, Flow::title_width_chars(self.template));
            self.push(BlockRole::Title, Content::Lines(lines), None);
        }
        // The title block is set solid: no gap between its lines, and after its last line the
        // largest space after of its roles.
        let detail_count = meta.details.len();
        for (index, detail) in meta.details.iter().enumerate() {
            let role = match detail.role {
                DetailRole::Subtitle => BlockRole::Subtitle,
                DetailRole::Speaker => BlockRole::Speaker,
                DetailRole::Date => BlockRole::Date,
            };
            text(role, &detail.text, self);
            let gap = if index + 1 == detail_count {
                title_block_gap(&self.template.roles)
            } else {
                0.0
            };
            let last = self.last();
            last.space_before_lines = 0.0;
            last.space_after_lines = gap;
        }
        if options.toc {
            self.push(BlockRole::TableOfContents, Content::TableOfContents, None);
        }
        if let Some(salutation) = &meta.salutation {
            text(BlockRole::Salutation, salutation, self);
        }
        self.paragraphs(&document.front, BlockRole::Body);
        for (index, (_, section)) in document.walk().into_iter().enumerate() {
            let heading = &section.heading;
            let level = heading.level.max(1);
            let outline = Some(OutlineEntry {
                index,
                level,
                text: &heading.text,
            });
            match &heading.placement {
                Placement::Standalone => {
                    let face = FaceRole::heading(level);
                    let span = self.span(&heading.text, face, SpanKind::Text);
                    self.push(
                        BlockRole::Heading(level),
                        Content::Text(vec![span]),
                        outline,
                    );
                }
                Placement::RunIn { rest } => {
                    let lead =
                        self.span(&heading.text, Flow::run_in_lead_face(level), SpanKind::Text);
                    let rest = self.spans(rest, FaceRole::RunIn);
                    self.push(
                        BlockRole::RunIn(level),
                        Content::RunIn { lead, rest },
                        outline,
                    );
                }
            }
            self.paragraphs(&section.blocks, BlockRole::Body);
        }
        self.paragraphs(&document.back, BlockRole::Closing);
    }
}

/// The space that closes the title block: the largest space after of its roles.
fn title_block_gap(roles: &Roles) -> f32 {
    [&roles.subtitle, &roles.speaker, &roles.date]
        .iter()
        .map(|role| role.space_after_lines)
        .fold(0.0, f32::max)
}

/// The title's printed lines: the lines as written, each broken again only when it is wider
/// than the text block.
fn title_lines(written: &[String], max_width: f32) -> Vec<String> {
    written
        .iter()
        .flat_map(|line| title::break_title(line, max_width))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Heading, Meta, Section};

    fn speech() -> Document {
        let mut meta = Meta {
            title: vec!["在大会上的讲话".into()],
            salutation: Some("同志们：".into()),
            ..Meta::default()
        };
        meta.push_detail(DetailRole::Subtitle, "——在全市大会上");
        meta.push_detail(DetailRole::Date, "（2024年3月1日）");
        Document {
            meta,
            sections: vec![Section {
                heading: Heading {
                    level: 1,
                    marker: None,
                    text: "一要抓落实。".into(),
                    placement: Placement::RunIn {
                        rest: vec![Inline::text("正文。")],
                    },
                    line: None,
                },
                blocks: vec![ModelBlock::paragraph(vec![Inline::text("又一段。")], None)],
                children: Vec::new(),
            }],
            ..Document::default()
        }
    }

    #[test]
    fn every_piece_of_text_becomes_a_block_in_order() {
        let template = Template::builtin("speech").unwrap();
        let doc = speech();
        let blocks = Flow::new(&doc, &template, FlowOptions::default()).blocks();
        let roles: Vec<BlockRole> = blocks.iter().map(|b| b.role).collect();
        assert_eq!(
            roles,
            vec![
                BlockRole::Title,
                BlockRole::Subtitle,
                BlockRole::Date,
                BlockRole::Salutation,
                BlockRole::RunIn(1),
                BlockRole::Body
            ]
        );
        let text: String = blocks.iter().map(|b| b.content.text()).collect();
        assert_eq!(text, doc.reading_text());
    }

    #[test]
    fn gaps_that_meet_give_the_larger_once() {
        // speech: title after 1, date after 1, salutation before 1.
        let template = Template::builtin("speech").unwrap();
        let doc = speech();
        let blocks = Flow::new(&doc, &template, FlowOptions::default()).blocks();
        let gaps: Vec<f32> = blocks.iter().map(|b| b.space_after_lines).collect();
        assert_eq!(gaps, vec![1.0, 0.0, 1.0, 0.0, 0.0, 0.0]);
        assert!(blocks.iter().all(|b| b.space_before_lines == 0.0));
    }

    #[test]
    fn the_title_block_keeps_with_what_follows_and_headings_carry_outline_entries() {
        let template = Template::builtin("gongwen").unwrap();
        let doc = speech();
        let blocks = Flow::new(&doc, &template, FlowOptions::default()).blocks();
        assert!(blocks[0].keep_with_next);
        let run_in = &blocks[4];
        assert!(!run_in.keep_with_next);
        assert_eq!(run_in.outline.map(|o| o.text), Some("一要抓落实。"));
        let Content::RunIn { lead, rest } = &run_in.content else {
            panic!("a run-in block")
        };
        assert_eq!(lead.face, FaceRole::Heading(1));
        assert_eq!(rest[0].face, FaceRole::RunIn);
    }

    #[test]
    fn a_long_title_is_broken_once_for_every_writer() {
        let template = Template::builtin("gongwen").unwrap();
        let doc = Document {
            meta: Meta {
                title: vec![
                    "在全市深化干部作风整顿暨优化营商环境工作推进大会上的讲话稿件征求意见稿".into(),
                ],
                ..Meta::default()
            },
            ..Document::default()
        };
        let blocks = Flow::new(&doc, &template, FlowOptions::default()).blocks();
        let Content::Lines(lines) = &blocks[0].content else {
            panic!("title lines")
        };
        assert_eq!(lines.len(), 2);
        assert_eq!(Flow::title_width_chars(&template), 20.0);
    }
}

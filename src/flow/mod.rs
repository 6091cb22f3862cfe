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

use std::borrow::Cow;

use crate::model::{
    ATTACHMENT_NOTE_LABEL, Attachment, Block as ModelBlock, CC_LABEL, Closing, DetailRole, DocKind,
    Document, Header, Image, Inline, Note, PRINTED_WORD, Placement, Record, SIGNER_LABEL, Section,
    Table,
};
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
    HeaderMarks,
    IssuerMark,
    DocNumber,
    Addressee,
    AttachmentNote,
    Signature,
    Annotation,
    AttachmentLabel,
    AttachmentTitle,
    Record,
    Table,
    Note,
}

impl FaceRole {
    /// Every role, in the template's order.
    pub const ALL: [FaceRole; 24] = [
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
        FaceRole::HeaderMarks,
        FaceRole::IssuerMark,
        FaceRole::DocNumber,
        FaceRole::Addressee,
        FaceRole::AttachmentNote,
        FaceRole::Signature,
        FaceRole::Annotation,
        FaceRole::AttachmentLabel,
        FaceRole::AttachmentTitle,
        FaceRole::Record,
        FaceRole::Table,
        FaceRole::Note,
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
            FaceRole::HeaderMarks => "header_marks",
            FaceRole::IssuerMark => "issuer_mark",
            FaceRole::DocNumber => "doc_number",
            FaceRole::Addressee => "addressee",
            FaceRole::AttachmentNote => "attachment_note",
            FaceRole::Signature => "signature",
            FaceRole::Annotation => "annotation",
            FaceRole::AttachmentLabel => "attachment_label",
            FaceRole::AttachmentTitle => "attachment_title",
            FaceRole::Record => "record",
            FaceRole::Table => "table",
            FaceRole::Note => "note",
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
            FaceRole::HeaderMarks => &roles.header_marks,
            FaceRole::IssuerMark => &roles.issuer_mark,
            FaceRole::DocNumber => &roles.doc_number,
            FaceRole::Addressee => &roles.addressee,
            FaceRole::AttachmentNote => &roles.attachment_note,
            FaceRole::Signature => &roles.signature,
            FaceRole::Annotation => &roles.annotation,
            FaceRole::AttachmentLabel => &roles.attachment_label,
            FaceRole::AttachmentTitle => &roles.attachment_title,
            FaceRole::Record => &roles.record,
            FaceRole::Table => &roles.table,
            FaceRole::Note => &roles.note,
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
    /// 份号, 密级 or 紧急程度, flush left at the top.
    HeaderMark,
    /// A line of the 发文机关标志.
    IssuerMark,
    /// The 发文字号 (with the 签发人 of an upward document).
    DocNumber,
    /// The title, its lines already broken.
    Title,
    Subtitle,
    Speaker,
    Date,
    /// "同志们：" before a speech's body.
    Salutation,
    /// A line of a 公文's 主送机关.
    Addressee,
    /// A body paragraph.
    Body,
    /// A standalone heading of a level (1-based).
    Heading(u8),
    /// A paragraph led by a run-in heading of a level.
    RunIn(u8),
    /// A closing paragraph after the last section.
    Closing,
    /// One name of the 附件说明.
    AttachmentNote,
    /// The 发文机关署名.
    Signature,
    /// The 成文日期.
    IssueDate,
    /// The 附注.
    Annotation,
    /// An attachment's label ("附件1"), which starts a page.
    AttachmentLabel,
    /// An attachment's title.
    AttachmentTitle,
    /// The 版记's 抄送 line.
    RecordCc,
    /// The 版记's 印发机关 and 印发日期.
    RecordPrint,
    /// A table.
    Table,
    /// A picture on a line of its own.
    Image,
    /// A footnote or endnote, printed after the text (the PDF's endnotes, the HTML's notes).
    Note,
    /// Where a table of contents goes (`--toc`).
    TableOfContents,
}

impl BlockRole {
    /// The template role whose paragraph settings (alignment, indent, spacing, size) the
    /// block takes: a run-in paragraph takes the run-in role's, its lead sentence the face of
    /// its heading's role (see [`Flow::run_in_lead_face`]).
    pub fn face(self) -> FaceRole {
        match self {
            BlockRole::HeaderMark => FaceRole::HeaderMarks,
            BlockRole::IssuerMark => FaceRole::IssuerMark,
            BlockRole::DocNumber => FaceRole::DocNumber,
            BlockRole::Title | BlockRole::TableOfContents => FaceRole::Title,
            BlockRole::Date => FaceRole::Date,
            BlockRole::Subtitle => FaceRole::Subtitle,
            BlockRole::Speaker => FaceRole::Speaker,
            BlockRole::Salutation => FaceRole::Salutation,
            BlockRole::Addressee => FaceRole::Addressee,
            BlockRole::Body | BlockRole::Closing => FaceRole::Body,
            BlockRole::Heading(level) => FaceRole::heading(level),
            BlockRole::RunIn(_) => FaceRole::RunIn,
            BlockRole::AttachmentNote => FaceRole::AttachmentNote,
            BlockRole::Signature | BlockRole::IssueDate => FaceRole::Signature,
            BlockRole::Annotation => FaceRole::Annotation,
            BlockRole::AttachmentLabel => FaceRole::AttachmentLabel,
            BlockRole::AttachmentTitle => FaceRole::AttachmentTitle,
            BlockRole::RecordCc | BlockRole::RecordPrint => FaceRole::Record,
            BlockRole::Table => FaceRole::Table,
            BlockRole::Image => FaceRole::Body,
            BlockRole::Note => FaceRole::Note,
        }
    }

    /// Whether a block of this role stays on the page of the block after it: the 版头, the
    /// title block, the salutation or addressee, standalone headings, an attachment's label
    /// and title, the 附件说明 and the signature never end a page.
    pub fn keeps_with_next(self) -> bool {
        matches!(
            self,
            BlockRole::HeaderMark
                | BlockRole::IssuerMark
                | BlockRole::DocNumber
                | BlockRole::Title
                | BlockRole::Subtitle
                | BlockRole::Speaker
                | BlockRole::Date
                | BlockRole::Salutation
                | BlockRole::Addressee
                | BlockRole::Heading(_)
                | BlockRole::AttachmentNote
                | BlockRole::Signature
                | BlockRole::AttachmentLabel
                | BlockRole::AttachmentTitle
                | BlockRole::RecordCc
        )
    }

    /// Whether the block is part of the 版记 at the foot of the last page.
    pub fn is_record(self) -> bool {
        matches!(self, BlockRole::RecordCc | BlockRole::RecordPrint)
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
    /// The mark of a note reference (its number), printed raised.
    NoteMark,
}

/// A run of text in one face.
#[derive(Debug, Clone, PartialEq)]
pub struct Span<'a> {
    /// The model's text, or a label the layout prints ("附件：", "签发人：").
    pub text: Cow<'a, str>,
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
    /// A line with text at both ends: the 发文字号 left and the 签发人 right of an upward
    /// document, the 印发机关 and the 印发日期 of the 版记.
    Split {
        left: Vec<Span<'a>>,
        right: Vec<Span<'a>>,
    },
    /// A rule across the type area (the red rule under the 版头, the 版记's rules).
    Rule(Rule),
    /// A table, its cells in the block's face.
    Table(&'a Table),
    /// A picture, centred.
    Image(&'a Image),
}

/// A horizontal rule.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    pub thickness_pt: f32,
    pub color: Rgb,
    /// How long: the type area's width, or a length centred on it (信函格式: 170 mm).
    pub length_mm: Option<f32>,
    /// A second, thinner or thicker, rule right under it (信函格式's double rules), and the
    /// gap between them.
    pub double: Option<(f32, f32)>,
    /// A rule shorter than the type area starts at its left edge (the notes' rule) instead
    /// of being centred.
    pub from_left: bool,
}

impl Content<'_> {
    /// The printed text of the block, in order.
    pub fn text(&self) -> String {
        match self {
            Content::Lines(lines) => lines.concat(),
            Content::Text(spans) => spans.iter().map(|s| s.text.as_ref()).collect(),
            Content::RunIn { lead, rest } => std::iter::once(lead)
                .chain(rest)
                .map(|s| s.text.as_ref())
                .collect(),
            Content::Split { left, right } => {
                left.iter().chain(right).map(|s| s.text.as_ref()).collect()
            }
            Content::Rule(_) | Content::TableOfContents | Content::Image(_) => String::new(),
            Content::Table(table) => crate::model::Block::Table((*table).clone()).plain_text(),
        }
    }
}

/// The outline entry of a heading block or an attachment's title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutlineEntry<'a> {
    /// Index of the entry in [`Document::outline`] order.
    pub index: usize,
    /// The level in the outline (an attachment's headings one deeper than in print).
    pub level: u8,
    /// The heading as written (a run-in heading's lead sentence), an attachment's title.
    pub text: Cow<'a, str>,
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
    /// Where the block's top stands on its page, from the top of the type area (the issuer's
    /// mark: 35 mm; negative above the type area: a letter's mark, 30 mm under the paper's
    /// top); `None` for a block that follows the one before.
    pub fixed_top_mm: Option<f32>,
    /// The block belongs to the 版记, printed at the foot of the last page (on a page without
    /// a page number).
    pub at_last_page_foot: bool,
    /// For a heading (standalone or run-in) or an attachment's title, its outline entry.
    pub outline: Option<OutlineEntry<'a>>,
}

/// Options that change the flow.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FlowOptions {
    /// Put a table of contents after the title block.
    pub toc: bool,
    /// The 署名 and 成文日期 laid out for a seal (`Some(true)`) or without one
    /// (`Some(false)`, `--no-seal`); `None` follows the document.
    pub seal: Option<bool>,
    /// The 公文's kind (文件格式, upward, 信函格式) instead of the one the reader found.
    pub kind: Option<DocKind>,
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
            document: self.document,
            options: self.options,
            held: None,
            pending: None,
            break_next: false,
            visit,
        };
        builder.document(self.document, self.options);
        builder.finish();
    }

    /// Whether the first page carries a page number (a letter's does not: GB/T 9704 10.1).
    pub fn numbers_first_page(&self) -> bool {
        self.document
            .meta
            .header
            .as_ref()
            .is_none_or(|header| self.options.kind.unwrap_or(header.kind) != DocKind::Letter)
    }

    /// Whether the document is printed on both sides with a 版记, whose page must then be an
    /// even page.
    pub fn duplex(&self) -> bool {
        self.template.page.duplex && self.document.record.is_some()
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
        color: {
            let (r, g, b) = role.rgb();
            Rgb(r, g, b)
        },
        align: role.align,
        first_line_indent_chars: role.first_line_indent_chars,
        left_indent_chars: 0.0,
        right_indent_chars: 0.0,
    }
}

/// Builds the blocks in reading order with each role's own spacing, holding back two blocks:
/// the last one pushed stays open to changes (a gap, an indent) until the next arrives; then
/// the gap where the one before it meets it is merged (the larger of the first's space after
/// and the second's space before, set once as the first's space after) and the first goes to
/// `visit`.
struct Builder<'a, 'v> {
    template: &'a Template,
    /// The document, to number note marks.
    document: &'a Document,
    options: FlowOptions,
    /// The block before the last, waiting for the last block's space before to be final.
    held: Option<Block<'a>>,
    /// The block just pushed, still open to changes (see [`Builder::last`]).
    pending: Option<Block<'a>>,
    /// The next block starts a page (an attachment's first block).
    break_next: bool,
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
            fixed_top_mm: None,
            at_last_page_foot: role.is_record(),
            outline,
        };
        block.page_break_before = std::mem::take(&mut self.break_next);
        if let Some(settled) = self.pending.take() {
            self.hand_on_held(Some(settled));
        }
        self.pending = Some(block);
    }

    /// Merges the gap between the held block and `next` (whose space before is final now)
    /// and hands the held block on; `next` is held in its place.
    fn hand_on_held(&mut self, next: Option<Block<'a>>) {
        let mut next = next;
        if let Some(mut held) = self.held.take() {
            // A rule keeps its own gap above: it is measured from the text over it, not
            // counted in grid lines shared with that text's space after.
            if let Some(next) = next
                .as_mut()
                .filter(|next| !matches!(next.content, Content::Rule(_)))
            {
                held.space_after_lines = held
                    .space_after_lines
                    .max(std::mem::take(&mut next.space_before_lines));
            }
            (self.visit)(held);
        }
        self.held = next;
    }

    /// The block just pushed, still open to changes.
    fn last(&mut self) -> &mut Block<'a> {
        self.pending.as_mut().expect("a block was just pushed")
    }

    /// Hands on the last block.
    fn finish(&mut self) {
        let last = self.pending.take();
        self.hand_on_held(last);
        self.hand_on_held(None);
    }

    fn span(&self, text: impl Into<Cow<'a, str>>, face: FaceRole, kind: SpanKind) -> Span<'a> {
        Span {
            text: text.into(),
            face,
            bold: face.style(&self.template.roles).bold,
            kind,
        }
    }

    /// A block of one run of text in its role's face.
    fn line(&mut self, role: BlockRole, text: impl Into<Cow<'a, str>>) -> &mut Block<'a> {
        let span = self.span(text, role.face(), SpanKind::Text);
        self.push(role, Content::Text(vec![span]), None);
        self.last()
    }

    fn spans(&self, inlines: &'a [Inline], face: FaceRole) -> Vec<Span<'a>> {
        inlines
            .iter()
            .map(|inline| match inline {
                Inline::Text { text } => self.span(text, face, SpanKind::Text),
                Inline::ItemMarker { marker } => {
                    self.span(&marker.text, face, SpanKind::ItemMarker)
                }
                Inline::NoteRef { id } => self.span(self.note_mark(*id), face, SpanKind::NoteMark),
            })
            .collect()
    }

    /// The printed mark of note `id`: its number in reading order.
    fn note_mark(&self, id: u32) -> String {
        self.document.note_number(id).to_string()
    }

    fn paragraphs(&mut self, blocks: &'a [ModelBlock], role: BlockRole) {
        for block in blocks {
            match block {
                ModelBlock::Paragraph { inlines, .. } => {
                    let spans = self.spans(inlines, role.face());
                    self.push(role, Content::Text(spans), None);
                }
                ModelBlock::Table(table) => {
                    self.push(BlockRole::Table, Content::Table(table), None);
                }
                ModelBlock::Image(image) => {
                    self.push(BlockRole::Image, Content::Image(image), None);
                }
            }
        }
    }

    /// The notes after the text: a short rule, then each note with its number.
    fn notes(&mut self, notes: &'a [Note]) {
        if notes.is_empty() {
            return;
        }
        let rule = Rule {
            thickness_pt: RULE_THIN_PT,
            color: Rgb::BLACK,
            length_mm: Some(NOTE_RULE_MM),
            double: None,
            from_left: true,
        };
        self.push(BlockRole::Note, Content::Rule(rule), None);
        // The rule stands a line below the text, not on its last line.
        let rule_block = self.last();
        rule_block.style.align = Align::Left;
        rule_block.space_before_lines = rule_block.space_before_lines.max(1.0);
        for (index, note) in notes.iter().enumerate() {
            for (paragraph_index, paragraph) in note.paragraphs.iter().enumerate() {
                let mut spans = Vec::new();
                if paragraph_index == 0 {
                    spans.push(self.span(
                        (index + 1).to_string(),
                        FaceRole::Note,
                        SpanKind::NoteMark,
                    ));
                    spans.push(self.span("\u{3000}", FaceRole::Note, SpanKind::Text));
                }
                spans.extend(self.spans(paragraph, FaceRole::Note));
                self.push(BlockRole::Note, Content::Text(spans), None);
            }
        }
    }

    fn document(&mut self, document: &'a Document, options: FlowOptions) {
        let meta = &document.meta;
        if let Some(header) = &meta.header {
            self.header(header);
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
            let gap = if index + 1 == detail_count {
                title_block_gap(&self.template.roles)
            } else {
                0.0
            };
            let last = self.line(role, detail.text.as_str());
            last.space_before_lines = 0.0;
            last.space_after_lines = gap;
        }
        if options.toc {
            self.push(BlockRole::TableOfContents, Content::TableOfContents, None);
        }
        if let Some(salutation) = &meta.salutation {
            self.line(BlockRole::Salutation, salutation.as_str());
        }
        for line in &meta.addressee {
            self.line(BlockRole::Addressee, line.text.as_str());
        }
        let mut outline_index = 0;
        self.body(&document.front, &document.sections, 0, &mut outline_index);
        self.paragraphs(&document.back, BlockRole::Closing);
        if let Some(closing) = &document.closing {
            self.closing(closing);
        }
        for attachment in &document.attachments {
            self.attachment(attachment, &mut outline_index);
        }
        self.notes(&document.notes);
        if let Some(record) = &document.record {
            self.record(record);
        }
    }

    /// The 版头: 份号, 密级, 紧急程度 flush left; the mark red and centred, its top 35 mm below
    /// the type area's top (信函格式: 30 mm below the paper's top); the 发文字号 two lines
    /// under it; the red rule.
    fn header(&mut self, header: &'a Header) {
        let kind = self.options.kind.unwrap_or(header.kind);
        for element in [&header.copy_number, &header.secrecy, &header.urgency]
            .into_iter()
            .flatten()
        {
            self.line(BlockRole::HeaderMark, element.text.as_str());
        }
        let page = &self.template.page;
        let width_pt = mm_to_pt(page.text_width_mm());
        let mark_top = match kind {
            DocKind::Letter => LETTER_MARK_FROM_PAPER_TOP_MM - page.margin_top_mm,
            DocKind::File | DocKind::Upward => MARK_FROM_TYPE_AREA_TOP_MM,
        };
        for (index, mark) in header.mark.iter().enumerate() {
            let block = self.line(BlockRole::IssuerMark, mark.text.as_str());
            // Scaled down so the mark fits the type area's width on one line, with room for
            // wide Latin capitals ("X市") and the writers' rounding.
            let ems: f32 = mark
                .text
                .chars()
                .map(|c| if c.is_ascii() { MARK_LATIN_EM } else { 1.0 })
                .sum();
            let fitting = width_pt * MARK_WIDTH_SHARE / ems.max(1.0);
            block.style.size_pt = block.style.size_pt.min(fitting);
            if index == 0 {
                block.fixed_top_mm = Some(mark_top);
            }
        }
        if kind == DocKind::Letter {
            // Thick over thin under the mark; thin over thick 20 mm above the paper's foot.
            self.rule(
                RULE_LETTER_THICK_PT,
                (RULE_THIN_PT, LETTER_RULE_GAP_PT),
                Some(LETTER_RULE_MM),
                LETTER_RULE_UNDER_MARK_LINES,
            );
            self.rule(
                RULE_THIN_PT,
                (RULE_LETTER_THICK_PT, LETTER_RULE_GAP_PT),
                Some(LETTER_RULE_MM),
                0.0,
            );
            let foot = page.height_mm - LETTER_FOOT_RULE_MM - page.margin_top_mm;
            self.last().fixed_top_mm = Some(foot);
        }
        let number = header.doc_number.as_ref().map(|n| n.text.as_str());
        let face = FaceRole::DocNumber;
        if header.signers.is_empty() {
            if let Some(number) = number {
                let align = match kind {
                    DocKind::Letter => Align::Right,
                    DocKind::File | DocKind::Upward => Align::Center,
                };
                let block = self.line(BlockRole::DocNumber, number);
                block.style.align = align;
                block.space_before_lines = DOC_NUMBER_GAP_LINES;
            }
        } else {
            // An upward document: the number flush left + 1, the signers right − 1, one line.
            let left = vec![self.span(number.unwrap_or(""), face, SpanKind::Text)];
            let mut right = vec![self.span(SIGNER_LABEL, face, SpanKind::Text)];
            for (index, signer) in header.signers.iter().enumerate() {
                if index > 0 {
                    right.push(self.span("　", face, SpanKind::Text));
                }
                right.push(self.span(signer.text.as_str(), FaceRole::Speaker, SpanKind::Text));
            }
            self.push(BlockRole::DocNumber, Content::Split { left, right }, None);
            let block = self.last();
            block.style.left_indent_chars = 1.0;
            block.style.right_indent_chars = 1.0;
            block.space_before_lines = DOC_NUMBER_GAP_LINES;
        }
        if kind != DocKind::Letter && (!header.mark.is_empty() || number.is_some()) {
            self.rule(RULE_HEADER_PT, (0.0, 0.0), None, RULE_UNDER_NUMBER_LINES);
            self.last().space_after_lines = 1.0;
        }
    }

    /// A red rule across the type area (or `length_mm` long) `gap_lines` below the block
    /// before it; `double` is a second rule's thickness and the gap above it.
    fn rule(
        &mut self,
        thickness_pt: f32,
        double: (f32, f32),
        length_mm: Option<f32>,
        gap_lines: f32,
    ) {
        let rule = Rule {
            thickness_pt,
            color: RED,
            length_mm,
            double: (double.0 > 0.0).then_some(double),
            from_left: false,
        };
        self.push(BlockRole::DocNumber, Content::Rule(rule), None);
        let block = self.last();
        block.space_before_lines = gap_lines;
        block.keep_with_next = true;
    }

    /// The front paragraphs and sections of the main text or of an attachment, headings
    /// `shift` levels deeper in the outline (an attachment's under its title).
    fn body(
        &mut self,
        front: &'a [ModelBlock],
        sections: &'a [Section],
        shift: u8,
        outline_index: &mut usize,
    ) {
        self.paragraphs(front, BlockRole::Body);
        for section in sections {
            let heading = &section.heading;
            let level = heading.level.max(1);
            let outline = Some(OutlineEntry {
                index: *outline_index,
                level: level.saturating_add(shift),
                text: Cow::Borrowed(&heading.text),
            });
            *outline_index += 1;
            match &heading.placement {
                Placement::Standalone => {
                    let span = self.span(
                        heading.text.as_str(),
                        FaceRole::heading(level),
                        SpanKind::Text,
                    );
                    self.push(
                        BlockRole::Heading(level),
                        Content::Text(vec![span]),
                        outline,
                    );
                }
                Placement::RunIn { rest } => {
                    let lead = self.span(
                        heading.text.as_str(),
                        Flow::run_in_lead_face(level),
                        SpanKind::Text,
                    );
                    let rest = self.spans(rest, FaceRole::RunIn);
                    self.push(
                        BlockRole::RunIn(level),
                        Content::RunIn { lead, rest },
                        outline,
                    );
                }
            }
            self.body(&section.blocks, &section.children, shift, outline_index);
        }
    }

    /// 附件说明, 署名, 成文日期, 附注.
    fn closing(&mut self, closing: &'a Closing) {
        // The attachment names: "附件：1.…" two characters in, later names under the first,
        // a wrapped name under its first character.
        let label_width = title::width(ATTACHMENT_NOTE_LABEL);
        let numbered = closing.attachment_notes.iter().any(|n| n.number.is_some());
        let number_width = if numbered { 1.0 } else { 0.0 };
        for (index, note) in closing.attachment_notes.iter().enumerate() {
            let text = if index == 0 {
                Cow::Owned(format!("{ATTACHMENT_NOTE_LABEL}{}", note.printed()))
            } else {
                Cow::Owned(note.printed())
            };
            let block = self.line(BlockRole::AttachmentNote, text);
            let hang = NOTE_INDENT_CHARS + label_width + number_width;
            block.style.left_indent_chars = hang;
            block.style.first_line_indent_chars = if index == 0 {
                NOTE_INDENT_CHARS - hang
            } else {
                NOTE_INDENT_CHARS + label_width - hang
            };
            if index > 0 {
                block.space_before_lines = 0.0;
            }
        }
        let date = closing.date.as_ref().map(|d| d.text.as_str());
        let date_width = date.map_or(0.0, title::width);
        let names: Vec<&str> = closing.signatures.iter().map(|s| s.text.as_str()).collect();
        let signature = names.join("　　");
        let signature_width = title::width(&signature);
        // Sealed (GB/T 9704 7.3.5.1): the date right − 4, the issuer centred over it, two lines
        // under the body for the seal. Unsealed (7.3.5.2): the issuer right − 2, the date
        // starting two characters right of the issuer's start.
        let sealed = self.options.seal.unwrap_or(closing.sealed);
        let (signature_right, date_right, gap) = if sealed {
            let right = SEALED_DATE_RIGHT_CHARS + (date_width - signature_width) / 2.0;
            (right.max(0.0), SEALED_DATE_RIGHT_CHARS, SEALED_GAP_LINES)
        } else if date_width <= signature_width {
            // The date starts two characters right of the issuer's start.
            (
                UNSEALED_RIGHT_CHARS,
                (UNSEALED_RIGHT_CHARS + signature_width - date_width - UNSEALED_OFFSET_CHARS)
                    .max(0.0),
                1.0,
            )
        } else {
            // A date longer than the issuer: the date right − 2, the issuer moved left.
            (
                UNSEALED_RIGHT_CHARS + date_width + UNSEALED_OFFSET_CHARS - signature_width,
                UNSEALED_RIGHT_CHARS,
                1.0,
            )
        };
        let has_notes = !closing.attachment_notes.is_empty();
        if !signature.is_empty() {
            let block = self.line(BlockRole::Signature, signature);
            block.style.right_indent_chars = signature_right;
            block.space_before_lines = if has_notes { gap.max(1.0) } else { gap };
        }
        if let Some(date) = date {
            let block = self.line(BlockRole::IssueDate, date);
            block.style.right_indent_chars = date_right;
            if names.is_empty() {
                block.space_before_lines = gap;
            }
        }
        if let Some(annotation) = &closing.annotation {
            self.line(BlockRole::Annotation, annotation.text.as_str());
        }
    }

    /// An attachment: on a new page, its label flush left on the first line, its title
    /// centred on the third, its body as the main body's.
    fn attachment(&mut self, attachment: &'a Attachment, outline_index: &mut usize) {
        // Whatever comes first (label, title or body) starts a page.
        self.break_next = true;
        if let Some(label) = &attachment.label {
            self.line(BlockRole::AttachmentLabel, label.text.as_str());
        }
        if !attachment.title.is_empty() {
            let lines = title_lines(&attachment.title, Flow::title_width_chars(self.template));
            let outline = Some(OutlineEntry {
                index: *outline_index,
                level: 1,
                text: Cow::Owned(attachment.title.concat()),
            });
            *outline_index += 1;
            let labelled = attachment.label.is_some();
            self.push(BlockRole::AttachmentTitle, Content::Lines(lines), outline);
            if labelled {
                // The label on the first line, the title on the third.
                let block = self.last();
                block.space_before_lines = block.space_before_lines.max(1.0);
            }
        }
        let shift = u8::from(!attachment.title.is_empty());
        self.body(
            &attachment.front,
            &attachment.sections,
            shift,
            outline_index,
        );
    }

    /// The 版记: rules, 抄送, 印发机关和印发日期, at the foot of the last page.
    fn record(&mut self, record: &'a Record) {
        let record_rule = |builder: &mut Self, thickness: f32| {
            let rule = Rule {
                thickness_pt: thickness,
                color: Rgb::BLACK,
                length_mm: None,
                double: None,
                from_left: false,
            };
            builder.push(BlockRole::RecordCc, Content::Rule(rule), None);
        };
        let face = FaceRole::Record;
        record_rule(self, RULE_THICK_PT);
        if let Some(cc) = &record.cc {
            let block = self.line(
                BlockRole::RecordCc,
                Cow::Owned(format!("{CC_LABEL}{}", cc.text)),
            );
            // Continuation lines align after the colon.
            block.style.left_indent_chars = 1.0 + title::width(CC_LABEL);
            block.style.first_line_indent_chars = -title::width(CC_LABEL);
            block.style.right_indent_chars = 1.0;
            if record.printer.is_some() || record.print_date.is_some() {
                record_rule(self, RULE_THIN_PT);
            }
        }
        if record.printer.is_some() || record.print_date.is_some() {
            let left = vec![self.span(
                record.printer.as_ref().map_or("", |p| p.text.as_str()),
                face,
                SpanKind::Text,
            )];
            let date = record
                .print_date
                .as_ref()
                .map(|d| format!("{}{PRINTED_WORD}", d.text))
                .unwrap_or_default();
            let right = vec![self.span(date, face, SpanKind::Text)];
            self.push(BlockRole::RecordPrint, Content::Split { left, right }, None);
            let block = self.last();
            block.style.left_indent_chars = 1.0;
            block.style.right_indent_chars = 1.0;
        }
        record_rule(self, RULE_THICK_PT);
    }
}

/// GB/T 9704's red.
const RED: Rgb = Rgb(0xE6, 0x00, 0x12);
/// The mark's top below the type area's top (文件格式).
const MARK_FROM_TYPE_AREA_TOP_MM: f32 = 35.0;
/// The mark's top below the paper's top (信函格式).
const LETTER_MARK_FROM_PAPER_TOP_MM: f32 = 30.0;
/// The widest a Latin letter of the mark may be, in em (a capital X or M).
const MARK_LATIN_EM: f32 = 0.8;
/// The share of the type area's width the mark may fill.
const MARK_WIDTH_SHARE: f32 = 0.97;
/// Lines between the mark and the 发文字号 (空二行).
const DOC_NUMBER_GAP_LINES: f32 = 2.0;
/// The red rule 4 mm under the 发文字号, in grid lines (a line is 225 mm / 22).
const RULE_UNDER_NUMBER_LINES: f32 = 4.0 / (225.0 / 22.0);
/// The red rule under the 版头.
const RULE_HEADER_PT: f32 = 1.0;
/// Thick and thin rules (0.35 mm and 0.25 mm) of the 版记 and the 信函格式.
const RULE_THICK_PT: f32 = 0.35 * 72.0 / 25.4;
const RULE_THIN_PT: f32 = 0.25 * 72.0 / 25.4;
/// The gap between a 信函格式's double rules.
const LETTER_RULE_GAP_PT: f32 = 1.5;
/// A 信函格式's thick red rule (GB/T 9704 10.1 leaves the width open; 1 mm is usual).
const RULE_LETTER_THICK_PT: f32 = 1.0 * 72.0 / 25.4;
/// The short rule above the notes.
const NOTE_RULE_MM: f32 = 50.0;
/// A 信函格式's rules are 170 mm long.
const LETTER_RULE_MM: f32 = 170.0;
/// The lower double rule 20 mm above the paper's foot.
const LETTER_FOOT_RULE_MM: f32 = 20.0;
/// The upper double rule 4 mm under the mark, in grid lines.
const LETTER_RULE_UNDER_MARK_LINES: f32 = 4.0 / (225.0 / 22.0);
/// The 附件说明 two characters in.
const NOTE_INDENT_CHARS: f32 = 2.0;
/// Sealed: the date four characters from the right.
const SEALED_DATE_RIGHT_CHARS: f32 = 4.0;
/// Sealed: lines between the body and the signature, room for the seal.
const SEALED_GAP_LINES: f32 = 2.0;
/// Unsealed: the issuer two characters from the right, the date two characters further in.
const UNSEALED_RIGHT_CHARS: f32 = 2.0;
const UNSEALED_OFFSET_CHARS: f32 = 2.0;

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
        assert_eq!(
            run_in.outline.as_ref().map(|o| o.text.as_ref()),
            Some("一要抓落实。")
        );
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

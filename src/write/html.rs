//! The HTML writer: the flow's blocks rendered through a minijinja page template (auto-escaped)
//! with CSS for screen and print.
//!
//! The writer builds a view of the flow ([`PageView`]: the title block, then sections nested by
//! their headings' levels) and hands it to `templates/html/page.html`
//! (embedded; `--html-template FILE` replaces it), which includes `templates/html/style.css`.
//! Every piece of the speech reaches the page as template data, never as markup, so auto-escaping
//! turns `<script>` or `&` in a speech into text.
//!
//! Choices a user sees:
//! - Ids come from the heading's path of 1-based indices in the outline: the second child of the
//!   first top section is `s-1-2`. The same document always gets the same ids.
//! - A whole page always carries a `<nav>` table of contents when the document has headings (it
//!   is hidden in print). `--fragment` writes only the `<article>`, without CSS and without a
//!   table of contents unless `--toc` asks for one (it then goes first inside the article).
//! - Faces, sizes and gaps come from the flow (which read the style template), so the page shows
//!   the DOCX's and the PDF's title breaks and gaps; Latin letters and digits use each role's
//!   Latin fonts through a `unicode-range` face, so quotes and dashes stay in the Chinese face.
//!   A block's gap is a class (`after-100`: one line after it) defined for screen and print.

use minijinja::syntax::SyntaxConfig;
use minijinja::value::Serde;
use minijinja::{AutoEscape, Environment, UndefinedBehavior, Value};
use serde::Serialize;

use crate::error::Error;
use std::borrow::Cow;

use crate::flow::{Block, BlockRole, Content, Flow, Rule, Span, SpanKind, Style};
use crate::model::{Document, EMU_PER_MM, Image, Inline, Table};
use crate::template::{Align, Page, Template};
use crate::write::{Output, WriteOptions};

/// The shipped page template.
pub const PAGE_TEMPLATE: &str = include_str!("../../templates/html/page.html");
/// The shipped style sheet template, included by the page as `style.css`.
pub const STYLE_TEMPLATE: &str = include_str!("../../templates/html/style.css");

/// Name under which the page template (shipped or the user's) is registered: its `.html` ending
/// turns HTML auto-escaping on whatever the user's file is called.
const PAGE_NAME: &str = "page.html";
/// Name of the style sheet template; `.css` means no HTML escaping (its values are CSS-quoted).
const STYLE_NAME: &str = "style.css";

/// Faces tried after a role's own fonts, for characters those lack: CJK Extension B and later
/// (SimSun-ExtB on Windows, HanaMin on Linux) and emoji (Windows, macOS, Linux).
const RARE_CHARACTER_FAMILIES: &[&str] = &[
    "SimSun-ExtB",
    "MingLiU-ExtB",
    "HanaMinB",
    "BabelStone Han",
    "Segoe UI Emoji",
    "Apple Color Emoji",
    "Noto Color Emoji",
];

/// Taken off the printed letter spacing so that rounding in the browser's layout cannot push
/// the last character of a full grid line onto the next line.
const GRID_TOLERANCE_PT: f32 = 0.02;

/// The deepest HTML heading element.
const DEEPEST_HTML_HEADING: u8 = 6;

/// Writes the document as an HTML5 page, or as an `<article>` fragment when `options.fragment`.
///
/// ```
/// use wengao::model::*;
/// use wengao::write::{WriteOptions, html};
/// let doc = Document { meta: Meta { title: vec!["讲话 <b>".into()], ..Meta::default() }, ..Document::default() };
/// let page = String::from_utf8(html::write(&doc, &WriteOptions::default()).unwrap().bytes).unwrap();
/// assert!(page.contains("<title>讲话 &lt;b&gt;</title>"));
/// assert!(page.contains(r#"<html lang="zh-CN">"#));
/// ```
pub fn write(document: &Document, options: &WriteOptions) -> Result<Output, Error> {
    let (page_source, page_origin, hint) = match &options.html_template {
        Some(user) => (
            user.source.as_str(),
            user.origin.as_str(),
            USER_TEMPLATE_HINT,
        ),
        None => (
            PAGE_TEMPLATE,
            "templates/html/page.html",
            SHIPPED_TEMPLATE_HINT,
        ),
    };
    let template_error = |error: minijinja::Error| {
        let origin = match error.name() {
            Some(STYLE_NAME) => "templates/html/style.css",
            _ => page_origin,
        };
        let message = match error.kind() {
            minijinja::ErrorKind::OutOfFuel => {
                "the page template runs too long (an endless or huge loop?)".to_string()
            }
            kind => match error.detail() {
                Some(detail) => format!("{kind}: {detail}"),
                None => kind.to_string(),
            },
        };
        Error::Template {
            file: origin.to_string(),
            line: error.line().unwrap_or(0),
            message,
            hint,
        }
    };

    let mut environment = Environment::new();
    environment.set_auto_escape_callback(|name| {
        if name.ends_with(".css") {
            AutoEscape::None
        } else {
            AutoEscape::Html
        }
    });
    environment.set_undefined_behavior(UndefinedBehavior::SemiStrict);
    environment.set_syntax(
        SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .build()
            .map_err(template_error)?,
    );
    environment.set_fuel(Some(fuel_for(document)));
    environment
        .add_template(STYLE_NAME, STYLE_TEMPLATE)
        .map_err(template_error)?;
    environment
        .add_template(PAGE_NAME, page_source)
        .map_err(template_error)?;

    let flow = Flow::new(document, &options.template, options.flow_options());
    let view = PageView::new(document, &flow, options);
    let page = environment
        .get_template(PAGE_NAME)
        .and_then(|template| template.render(Value::from(Serde(&view))))
        .map_err(template_error)?;
    Ok(Output::clean(page.into_bytes()))
}

/// Hints for page template errors: the shipped template's are bugs, a user's are theirs.
const SHIPPED_TEMPLATE_HINT: &str = "a bug in wengao's page template; please report it";
const USER_TEMPLATE_HINT: &str =
    "see templates/html/page.html in wengao's source for the variables a page template gets";

/// Template instructions allowed per character of the document, and a floor for short ones:
/// the shipped page template needs about 2 per character; a runaway user template (a loop of
/// 10^10 steps) stops with an error instead of running for ever.
const FUEL_PER_CHARACTER: u64 = 64;
const FUEL_MINIMUM: u64 = 5_000_000;

/// The fuel a page template gets for `document`.
fn fuel_for(document: &Document) -> u64 {
    let mut characters = 0u64;
    document.for_each_text(&mut |piece| characters += piece.chars().count() as u64);
    FUEL_MINIMUM.saturating_add(characters.saturating_mul(FUEL_PER_CHARACTER))
}

/// Everything a page template can use.
#[derive(Debug, Serialize)]
pub struct PageView<'a> {
    /// `zh-CN`.
    pub lang: &'static str,
    /// The `<title>`: the title lines, else the first heading, else "文稿".
    pub title: String,
    /// True for `--fragment`: write only the `<article>`.
    pub fragment: bool,
    /// The title block; `None` when the document has none of header, title, subtitle, speaker, date.
    pub header: Option<HeaderView<'a>>,
    /// "同志们：".
    pub salutation: Option<ParagraphView<'a>>,
    /// A 公文's 主送机关 lines.
    pub addressee: Vec<ElementView<'a>>,
    /// Paragraphs before the first heading.
    pub front: Vec<ParagraphView<'a>>,
    pub sections: Vec<SectionView<'a>>,
    /// Closing paragraphs.
    pub back: Vec<ParagraphView<'a>>,
    /// 附件说明, 署名, 成文日期, 附注.
    pub closing: Vec<ElementView<'a>>,
    /// Attachments, each printed from a new page.
    pub attachments: Vec<AttachmentView<'a>>,
    /// The 版记 (rules, 抄送, 印发机关和印发日期), at the end.
    pub record: Vec<ElementView<'a>>,
    /// Footnotes and endnotes, after the text, each with its number (`note-1` …).
    pub notes: Vec<ParagraphView<'a>>,
    /// The table of contents, `None` when the page has none (see the module docs).
    pub toc: Option<Vec<TocEntry<'a>>>,
    /// Values for the style sheet.
    pub style: StyleView,
}

/// The title block.
#[derive(Debug, Serialize)]
pub struct HeaderView<'a> {
    /// A 公文's 版头 above the title, in order: 份号, 密级, 紧急程度, the issuer's mark, the
    /// 发文字号 (and 签发人), the red rule.
    pub elements: Vec<ElementView<'a>>,
    /// The title's lines as the flow broke them (the DOCX and the PDF print the same lines).
    pub title_lines: Vec<String>,
    /// The gap classes of the title.
    pub title_gap: String,
    /// Subtitle, speaker and date lines in the order written.
    pub details: Vec<DetailView<'a>>,
}

/// One title-block line under the title.
#[derive(Debug, Serialize)]
pub struct DetailView<'a> {
    /// "subtitle", "speaker" or "date": the line's CSS class.
    pub role: &'static str,
    pub text: Cow<'a, str>,
    /// Gap classes (`after-100`), or "".
    pub gap: String,
}

/// A 公文 element: a line of text (or text at both ends, or a rule) with its role's class and
/// the flow's adjustments to the role's style as an inline style.
#[derive(Debug, Serialize)]
pub struct ElementView<'a> {
    /// The CSS class of its role: `issuer`, `doc-number`, `signature` …
    pub class: &'static str,
    pub inlines: Vec<InlineView<'a>>,
    /// Text at the right end of a split line (签发人, 印发日期); `None` otherwise.
    pub right: Option<Vec<InlineView<'a>>>,
    /// The rule's CSS (`border-top: …`) when the element is a rule.
    pub rule: Option<String>,
    /// Inline CSS for what differs from the role's style (indents, alignment, size), or "".
    pub css: String,
    /// Gap classes (`after-100`), or "".
    pub gap: String,
}

/// An attachment: label, title, body.
#[derive(Debug, Serialize)]
pub struct AttachmentView<'a> {
    /// "附件1".
    pub label: Option<ElementView<'a>>,
    /// The title's lines as the flow broke them; empty for an untitled attachment.
    pub title_lines: Vec<String>,
    /// The title's id: `a-1`.
    pub id: String,
    pub title_gap: String,
    pub front: Vec<ParagraphView<'a>>,
    pub sections: Vec<SectionView<'a>>,
}

/// One paragraph: its runs and its gap classes.
#[derive(Debug, Serialize)]
pub struct ParagraphView<'a> {
    pub inlines: Vec<InlineView<'a>>,
    /// Gap classes (`after-100`), or "".
    pub gap: String,
    /// Set when the block is a table instead of a paragraph.
    pub table: Option<TableView<'a>>,
    /// Set when the block is a picture instead of a paragraph.
    pub image: Option<ImageView>,
}

/// A table: rows of cells with their spans.
#[derive(Debug, Serialize)]
pub struct TableView<'a> {
    pub rows: Vec<RowView<'a>>,
}

/// One table row; header rows go in the `<thead>`.
#[derive(Debug, Serialize)]
pub struct RowView<'a> {
    pub header: bool,
    pub cells: Vec<CellView<'a>>,
}

/// One cell: its paragraphs' runs, its column and row spans.
#[derive(Debug, Serialize)]
pub struct CellView<'a> {
    pub paragraphs: Vec<Vec<InlineView<'a>>>,
    pub colspan: u32,
    pub rowspan: u32,
}

/// A picture: inline data for a raster image, a framed placeholder for a metafile.
#[derive(Debug, Serialize)]
pub struct ImageView {
    /// `data:image/png;base64,…`, or "" for a placeholder.
    pub src: String,
    /// `width: 60mm; height: 40mm`.
    pub size: String,
    pub alt: String,
    /// The format's name when the page cannot show it (EMF, WMF).
    pub placeholder: Option<&'static str>,
}

/// One run of paragraph text: plain text, or the marker of an inline enumeration item.
#[derive(Debug, Serialize)]
pub struct InlineView<'a> {
    pub text: Cow<'a, str>,
    /// "text" or "item-marker".
    pub kind: &'static str,
}

/// One section with its heading and everything under it.
#[derive(Debug, Serialize)]
pub struct SectionView<'a> {
    /// The heading's id, from its path: `s-1-2`.
    pub id: String,
    /// The model's heading level (1 for the top headings).
    pub level: u8,
    /// `h2` … `h6`: level 1 is `h2` (the title is the `h1`), deeper than level 5 is `h6`.
    pub tag: String,
    /// The true heading rank (level + 1) when it is deeper than `h6` can say, else `None`.
    pub aria_level: Option<u8>,
    /// The rank for `role="heading"` on a run-in lead: level + 1.
    pub rank: u8,
    /// Which heading face the CSS gives it: 1 … 4 (levels past 4 share face 4).
    pub face: u8,
    /// The heading as written (for a run-in heading, the lead sentence).
    pub text: Cow<'a, str>,
    /// The rest of the paragraph a run-in heading leads; `None` for a standalone heading.
    pub run_in_rest: Option<Vec<InlineView<'a>>>,
    /// Gap classes of the heading (or run-in paragraph).
    pub gap: String,
    pub blocks: Vec<ParagraphView<'a>>,
    pub children: Vec<SectionView<'a>>,
}

/// One table-of-contents line, linking to a heading id.
#[derive(Debug, Serialize)]
pub struct TocEntry<'a> {
    pub id: String,
    pub text: Cow<'a, str>,
    pub children: Vec<TocEntry<'a>>,
}

/// Values for `style.css`, already formatted as CSS (lengths with units, quoted font names).
#[derive(Debug, Serialize)]
pub struct StyleView {
    /// `@font-face` rules mapping each distinct Latin font list to a `unicode-range` face.
    pub latin_faces: Vec<LatinFace>,
    /// The `@page` size: `A4` or `210mm 297mm`.
    pub page_size: String,
    /// The `@page` margin shorthand: top right bottom left.
    pub page_margin: String,
    /// Line pitch on the printed page (fills the text block with the template's lines).
    pub line_pitch: String,
    /// Letter spacing that makes the template's characters per line fill a printed line.
    pub letter_spacing: String,
    /// Gap between the text block and the page number line.
    pub page_number_gap: String,
    /// The gap classes the blocks use.
    pub gaps: Vec<GapStyle>,
    pub title: RoleStyle,
    pub subtitle: RoleStyle,
    pub speaker: RoleStyle,
    pub date: RoleStyle,
    pub salutation: RoleStyle,
    pub body: RoleStyle,
    pub run_in: RoleStyle,
    pub page_number: RoleStyle,
    /// Heading faces 1 … 4.
    pub headings: Vec<RoleStyle>,
    /// The 公文 elements' roles, by CSS class.
    pub elements: Vec<ElementStyle>,
}

/// The style of a 公文 element's class.
#[derive(Debug, Serialize)]
pub struct ElementStyle {
    pub class: &'static str,
    pub role: RoleStyle,
}

/// A font face for Latin letters and digits only.
#[derive(Debug, Serialize)]
pub struct LatinFace {
    /// The family name the role stacks use: `wengao-latin-1`.
    pub family: String,
    /// `local("Times New Roman"), local("Liberation Serif")`.
    pub sources: String,
}

/// One role of the style template as CSS values.
#[derive(Debug, Serialize)]
pub struct RoleStyle {
    /// A `font-family` list: the Latin face, the East Asian names, a generic family.
    pub family: String,
    /// `16pt`.
    pub size: String,
    /// The size relative to the body size, for screen: `1.375em`.
    pub size_em: String,
    /// `bold` or `normal`.
    pub weight: &'static str,
    /// `justify`, `left`, `center` or `right`.
    pub align: &'static str,
    /// First-line indent: `2em`.
    pub indent: String,
    /// Text colour: `#000000`.
    pub color: String,
}

/// A gap class: `after-100 { margin-bottom: … }`.
#[derive(Debug, Serialize)]
pub struct GapStyle {
    /// `after-100`, `before-50`.
    pub class: String,
    /// `bottom` or `top`.
    pub side: &'static str,
    /// The gap on screen (em of the body text).
    pub screen: String,
    /// The gap in print (points: grid lines).
    pub print: String,
}

impl<'a> PageView<'a> {
    /// The view of `flow` (of `document`) under `options`.
    pub fn new(document: &'a Document, flow: &Flow<'a>, options: &WriteOptions) -> Self {
        let template = flow.template;
        let mut header = HeaderView {
            elements: Vec::new(),
            title_lines: Vec::new(),
            title_gap: String::new(),
            details: Vec::new(),
        };
        let mut has_header = false;
        let mut salutation = None;
        let mut addressee = Vec::new();
        let mut back = Vec::new();
        let mut closing = Vec::new();
        let mut record = Vec::new();
        let mut notes = Vec::new();
        let mut attachments: Vec<AttachmentView<'a>> = Vec::new();
        // The body being built: the main text's, then each attachment's in turn.
        let mut body = BodyBuilder::new(String::new());
        let mut main_body: Option<BodyBuilder<'a>> = None;
        let mut gaps: Vec<(bool, u32)> = Vec::new();
        flow.for_each(&mut |block| {
            let gap = gap_classes(&block, &mut gaps);
            if block.page_break_before {
                // An attachment starts: the body so far is finished.
                let id = format!("a-{}", attachments.len() + 1);
                let finished = std::mem::replace(&mut body, BodyBuilder::new(format!("{id}-")));
                match main_body {
                    None => main_body = Some(finished),
                    Some(_) => {
                        if let Some(last) = attachments.last_mut() {
                            (last.front, last.sections) = finished.finish();
                        }
                    }
                }
                attachments.push(AttachmentView {
                    label: None,
                    title_lines: Vec::new(),
                    id,
                    title_gap: String::new(),
                    front: Vec::new(),
                    sections: Vec::new(),
                });
            }
            match (&block.role, &block.content) {
                (BlockRole::Title, Content::Lines(lines)) => {
                    has_header = true;
                    header.title_lines = lines.clone();
                    header.title_gap = gap;
                }
                (BlockRole::HeaderMark | BlockRole::IssuerMark | BlockRole::DocNumber, _) => {
                    has_header = true;
                    header.elements.push(element(&block, template, gap));
                }
                (
                    role @ (BlockRole::Subtitle | BlockRole::Speaker | BlockRole::Date),
                    Content::Text(spans),
                ) => {
                    has_header = true;
                    header.details.push(DetailView {
                        role: match role {
                            BlockRole::Subtitle => "subtitle",
                            BlockRole::Speaker => "speaker",
                            _ => "date",
                        },
                        text: spans
                            .first()
                            .map_or(Cow::Borrowed(""), |span| span.text.clone()),
                        gap,
                    });
                }
                (BlockRole::Salutation, Content::Text(spans)) => {
                    salutation = Some(paragraph(spans, gap));
                }
                (BlockRole::Addressee, _) => addressee.push(element(&block, template, gap)),
                (BlockRole::Closing, Content::Text(spans)) => back.push(paragraph(spans, gap)),
                (
                    BlockRole::AttachmentNote
                    | BlockRole::Signature
                    | BlockRole::IssueDate
                    | BlockRole::Annotation,
                    _,
                ) => closing.push(element(&block, template, gap)),
                (BlockRole::AttachmentLabel, _) => {
                    if let Some(attachment) = attachments.last_mut() {
                        attachment.label = Some(element(&block, template, gap));
                    }
                }
                (BlockRole::AttachmentTitle, Content::Lines(lines)) => {
                    if let Some(attachment) = attachments.last_mut() {
                        attachment.title_lines = lines.clone();
                        attachment.title_gap = gap;
                    }
                }
                (BlockRole::RecordCc | BlockRole::RecordPrint, _) => {
                    record.push(element(&block, template, gap));
                }
                (BlockRole::Heading(_) | BlockRole::RunIn(_), content) => {
                    let Some(entry) = &block.outline else { return };
                    // An attachment's headings are one level deeper in the outline than in
                    // the attachment, where its sections nest from level 1.
                    let shift =
                        u8::from(!attachments.last().is_none_or(|a| a.title_lines.is_empty()));
                    let level = entry.level.saturating_sub(shift).max(1);
                    let run_in_rest = match content {
                        Content::RunIn { rest, .. } => Some(inline_views(rest)),
                        _ => None,
                    };
                    body.heading(level, entry.text.clone(), run_in_rest, gap);
                }
                (BlockRole::Note, Content::Text(spans)) => notes.push(paragraph(spans, gap)),
                (_, Content::Table(table)) => body.paragraph(table_view(table, gap)),
                (_, Content::Image(image)) => body.paragraph(image_view(image, gap)),
                (_, Content::Text(spans)) => body.paragraph(paragraph(spans, gap)),
                _ => {}
            }
        });
        let (front, sections) = match main_body {
            None => body.finish(),
            Some(main) => {
                if let Some(last) = attachments.last_mut() {
                    (last.front, last.sections) = body.finish();
                }
                main.finish()
            }
        };
        let wants_toc = !options.fragment || options.toc;
        let has_outline = !sections.is_empty()
            || attachments
                .iter()
                .any(|a| !a.title_lines.is_empty() || !a.sections.is_empty());
        let toc = (wants_toc && has_outline).then(|| {
            let mut entries = toc_entries(&sections);
            for attachment in &attachments {
                let children = toc_entries(&attachment.sections);
                if attachment.title_lines.is_empty() {
                    entries.extend(children);
                } else {
                    entries.push(TocEntry {
                        id: attachment.id.clone(),
                        text: Cow::Owned(attachment.title_lines.concat()),
                        children,
                    });
                }
            }
            entries
        });
        PageView {
            lang: "zh-CN",
            title: page_title(document),
            fragment: options.fragment,
            header: has_header.then_some(header),
            salutation,
            addressee,
            front,
            sections,
            back,
            closing,
            attachments,
            record,
            notes,
            toc,
            style: StyleView::new(flow.template, gaps),
        }
    }
}

/// Collects a body's front paragraphs and nests its sections by their headings' levels.
struct BodyBuilder<'a> {
    /// Put before heading ids: "" for the main text, `a-1-` for the first attachment.
    id_prefix: String,
    front: Vec<ParagraphView<'a>>,
    top: Vec<SectionView<'a>>,
    /// Sections still open, innermost last; a heading closes those of its level or deeper.
    open: Vec<SectionView<'a>>,
    /// The path of 0-based indices of the innermost open section.
    path: Vec<usize>,
}

impl<'a> BodyBuilder<'a> {
    fn new(id_prefix: String) -> Self {
        BodyBuilder {
            id_prefix,
            front: Vec::new(),
            top: Vec::new(),
            open: Vec::new(),
            path: Vec::new(),
        }
    }

    fn close(&mut self) {
        if let Some(section) = self.open.pop() {
            self.path.pop();
            match self.open.last_mut() {
                Some(parent) => parent.children.push(section),
                None => self.top.push(section),
            }
        }
    }

    fn heading(
        &mut self,
        level: u8,
        text: Cow<'a, str>,
        run_in_rest: Option<Vec<InlineView<'a>>>,
        gap: String,
    ) {
        while self.open.last().is_some_and(|s| s.level >= level) {
            self.close();
        }
        // Siblings counted in the parent (or the top).
        let index = match self.open.last() {
            Some(parent) => parent.children.len(),
            None => self.top.len(),
        };
        self.path.push(index);
        let rank = level.saturating_add(1);
        self.open.push(SectionView {
            id: format!("{}{}", self.id_prefix, heading_id(&self.path)),
            level,
            tag: format!("h{}", rank.min(DEEPEST_HTML_HEADING)),
            aria_level: (rank > DEEPEST_HTML_HEADING).then_some(rank),
            rank,
            face: level.min(4),
            text,
            run_in_rest,
            gap,
            blocks: Vec::new(),
            children: Vec::new(),
        });
    }

    fn paragraph(&mut self, view: ParagraphView<'a>) {
        match self.open.last_mut() {
            Some(section) => section.blocks.push(view),
            None => self.front.push(view),
        }
    }

    fn finish(mut self) -> (Vec<ParagraphView<'a>>, Vec<SectionView<'a>>) {
        while !self.open.is_empty() {
            self.close();
        }
        (self.front, self.top)
    }
}

/// The CSS class of a 公文 element's role.
fn element_class(role: BlockRole) -> &'static str {
    match role {
        BlockRole::HeaderMark => "header-mark",
        BlockRole::IssuerMark => "issuer",
        BlockRole::DocNumber => "doc-number",
        BlockRole::Addressee => "addressee",
        BlockRole::AttachmentNote => "attachment-note",
        BlockRole::Signature => "signature",
        BlockRole::IssueDate => "issue-date",
        BlockRole::Annotation => "annotation",
        BlockRole::AttachmentLabel => "attachment-label",
        BlockRole::AttachmentTitle => "attachment-title",
        BlockRole::RecordCc => "record-cc",
        BlockRole::RecordPrint => "record-print",
        _ => "element",
    }
}

/// The roles written as [`ElementView`]s, for their CSS.
const ELEMENT_ROLES: [BlockRole; 11] = [
    BlockRole::HeaderMark,
    BlockRole::IssuerMark,
    BlockRole::DocNumber,
    BlockRole::Addressee,
    BlockRole::AttachmentNote,
    BlockRole::Signature,
    BlockRole::IssueDate,
    BlockRole::Annotation,
    BlockRole::AttachmentLabel,
    BlockRole::RecordCc,
    BlockRole::RecordPrint,
];

/// The view of a 公文 element's block.
fn element<'a>(block: &Block<'a>, template: &Template, gap: String) -> ElementView<'a> {
    let declared = Flow::role_style(template, block.role);
    let style = &block.style;
    let mut css = String::new();
    if style.left_indent_chars != declared.left_indent_chars {
        css.push_str(&format!(
            "padding-left: {}em; ",
            number(style.left_indent_chars)
        ));
    }
    if style.right_indent_chars != declared.right_indent_chars {
        css.push_str(&format!(
            "padding-right: {}em; ",
            number(style.right_indent_chars)
        ));
    }
    if style.first_line_indent_chars != declared.first_line_indent_chars {
        css.push_str(&format!(
            "text-indent: {}em; ",
            number(style.first_line_indent_chars)
        ));
    }
    if style.align != declared.align {
        css.push_str(&format!("text-align: {}; ", align_css(style.align)));
    }
    if style.size_pt != declared.size_pt {
        // A shrunken mark, relative to the article's (body) size like the class's own size.
        let body_pt = Flow::role_style(template, BlockRole::Body).size_pt;
        css.push_str(&format!(
            "font-size: {}em; ",
            number(style.size_pt / body_pt)
        ));
    }
    let (inlines, right, rule) = match &block.content {
        Content::Text(spans) => (inline_views(spans), None, None),
        Content::Lines(lines) => (
            lines
                .iter()
                .map(|line| InlineView {
                    text: Cow::Owned(line.clone()),
                    kind: "text",
                })
                .collect(),
            None,
            None,
        ),
        Content::RunIn { lead, rest } => (
            inline_views(std::slice::from_ref(lead))
                .into_iter()
                .chain(inline_views(rest))
                .collect(),
            None,
            None,
        ),
        Content::Split { left, right } => (inline_views(left), Some(inline_views(right)), None),
        Content::Rule(rule) => (Vec::new(), None, Some(rule_css(rule))),
        Content::TableOfContents | Content::Table(_) | Content::Image(_) => {
            (Vec::new(), None, None)
        }
    };
    ElementView {
        class: element_class(block.role),
        inlines,
        right,
        rule,
        css: css.trim_end().to_string(),
        gap,
    }
}

/// A rule as CSS borders: `border-top` and, for a double rule, `border-bottom` under a gap.
fn rule_css(rule: &Rule) -> String {
    let color = css_color(rule.color);
    let mut css = format!("border-top: {}pt solid {color};", number(rule.thickness_pt));
    if let Some((thickness, gap)) = rule.double {
        css.push_str(&format!(
            " border-bottom: {}pt solid {color}; height: {}pt;",
            number(thickness),
            number(gap)
        ));
    }
    if let Some(length) = rule.length_mm {
        css.push_str(&format!(" width: {}mm; max-width: 100%;", number(length)));
        if rule.from_left {
            css.push_str(" margin-left: 0;");
        }
    }
    css
}

fn css_color(color: crate::flow::Rgb) -> String {
    format!("#{:02x}{:02x}{:02x}", color.0, color.1, color.2)
}

fn align_css(align: Align) -> &'static str {
    match align {
        Align::Justify => "justify",
        Align::Left => "left",
        Align::Center => "center",
        Align::Right => "right",
    }
}

/// The gap classes of a block: `before-N` and `after-N`, N in hundredths of a grid line;
/// each (side, N) is recorded in `used` once, for the style sheet.
fn gap_classes(block: &Block, used: &mut Vec<(bool, u32)>) -> String {
    let mut classes = Vec::new();
    for (after, lines) in [
        (false, block.space_before_lines),
        (true, block.space_after_lines),
    ] {
        if lines > 0.0 {
            let key = (after, hundredths(lines));
            if !used.contains(&key) {
                used.push(key);
            }
            classes.push(format!(
                "{}-{}",
                if after { "after" } else { "before" },
                key.1
            ));
        }
    }
    classes.join(" ")
}

fn hundredths(lines: f32) -> u32 {
    (lines * 100.0).round() as u32
}

fn paragraph<'a>(spans: &[Span<'a>], gap: String) -> ParagraphView<'a> {
    ParagraphView {
        inlines: inline_views(spans),
        gap,
        table: None,
        image: None,
    }
}

/// The view of a table block.
fn table_view<'a>(table: &'a Table, gap: String) -> ParagraphView<'a> {
    let rows = table
        .rows
        .iter()
        .enumerate()
        .map(|(index, row)| RowView {
            header: (index as u32) < table.header_rows,
            cells: row
                .cells
                .iter()
                .map(|cell| CellView {
                    paragraphs: cell
                        .paragraphs
                        .iter()
                        .map(|inlines| model_inline_views(inlines))
                        .collect(),
                    colspan: cell.col_span.max(1),
                    rowspan: cell.row_span.max(1),
                })
                .collect(),
        })
        .collect();
    ParagraphView {
        inlines: Vec::new(),
        gap,
        table: Some(TableView { rows }),
        image: None,
    }
}

/// The view of a picture block: the bytes inline as a data URL (the page stays one file).
fn image_view<'a>(image: &Image, gap: String) -> ParagraphView<'a> {
    use base64::Engine as _;
    let mm = |emu: u64| number((emu as f64 / EMU_PER_MM as f64) as f32);
    let size = format!(
        "width: {}mm; max-width: 100%; height: auto; aspect-ratio: {} / {};",
        mm(image.width_emu),
        image.width_emu.max(1),
        image.height_emu.max(1)
    );
    let (src, placeholder) = if image.format.is_raster() {
        (
            format!(
                "data:{};base64,{}",
                image.format.mime(),
                base64::engine::general_purpose::STANDARD.encode(&image.data)
            ),
            None,
        )
    } else {
        (String::new(), Some(image.format.extension()))
    };
    ParagraphView {
        inlines: Vec::new(),
        gap,
        table: None,
        image: Some(ImageView {
            src,
            size,
            alt: image.alt.clone(),
            placeholder,
        }),
    }
}

/// Runs of model inlines (table cells): text, enumeration markers, note marks.
fn model_inline_views(inlines: &[Inline]) -> Vec<InlineView<'_>> {
    inlines
        .iter()
        .map(|inline| match inline {
            Inline::Text { text } => InlineView {
                text: Cow::Borrowed(text),
                kind: "text",
            },
            Inline::ItemMarker { marker } => InlineView {
                text: Cow::Borrowed(&marker.text),
                kind: "item-marker",
            },
            Inline::NoteRef { id } => InlineView {
                text: Cow::Owned(id.to_string()),
                kind: "note-mark",
            },
        })
        .collect()
}

/// The `<title>`: the title lines, else the first heading, else "文稿".
fn page_title(document: &Document) -> String {
    let title = document.title();
    if !title.trim().is_empty() {
        return title;
    }
    match document.walk().first() {
        Some((_, section)) => section.heading.text.clone(),
        None => "文稿".to_string(),
    }
}

/// The id of the heading at `path` (0-based indices from the top): `s-1-2`.
pub fn heading_id(path: &[usize]) -> String {
    let mut id = String::from("s");
    for index in path {
        id.push('-');
        id.push_str(&(index + 1).to_string());
    }
    id
}

fn inline_views<'a>(spans: &[Span<'a>]) -> Vec<InlineView<'a>> {
    spans
        .iter()
        .map(|span| InlineView {
            text: span.text.clone(),
            kind: match span.kind {
                SpanKind::Text => "text",
                SpanKind::ItemMarker => "item-marker",
                SpanKind::NoteMark => "note-mark",
            },
        })
        .collect()
}

fn toc_entries<'a>(sections: &[SectionView<'a>]) -> Vec<TocEntry<'a>> {
    sections
        .iter()
        .map(|section| TocEntry {
            id: section.id.clone(),
            text: section.text.clone(),
            children: toc_entries(&section.children),
        })
        .collect()
}

impl StyleView {
    /// CSS values from the flow's role styles and the gap classes the blocks used.
    pub fn new(template: &Template, gaps: Vec<(bool, u32)>) -> Self {
        let page = &template.page;
        let body_pt = Flow::role_style(template, BlockRole::Body).size_pt;
        let mut latin_faces: Vec<LatinFace> = Vec::new();
        let mut role = |role: BlockRole| {
            role_style(&Flow::role_style(template, role), body_pt, &mut latin_faces)
        };
        let title = role(BlockRole::Title);
        let subtitle = role(BlockRole::Subtitle);
        let speaker = role(BlockRole::Speaker);
        let date = role(BlockRole::Date);
        let salutation = role(BlockRole::Salutation);
        let body = role(BlockRole::Body);
        let run_in = role(BlockRole::RunIn(1));
        let headings = (1..=4)
            .map(|level| role(BlockRole::Heading(level)))
            .collect();
        let page_number = role_style(
            &Flow::page_number_style(template),
            body_pt,
            &mut latin_faces,
        );
        let elements = ELEMENT_ROLES
            .iter()
            .chain(&[BlockRole::AttachmentTitle])
            .map(|&role| ElementStyle {
                class: element_class(role),
                role: role_style(&Flow::role_style(template, role), body_pt, &mut latin_faces),
            })
            .collect();
        let is_a4 = (page.width_mm - 210.0).abs() < 0.5 && (page.height_mm - 297.0).abs() < 0.5;
        StyleView {
            latin_faces,
            page_size: if is_a4 {
                "A4".to_string()
            } else {
                format!("{}mm {}mm", number(page.width_mm), number(page.height_mm))
            },
            page_margin: format!(
                "{}mm {}mm {}mm {}mm",
                number(page.margin_top_mm),
                number(page.margin_right_mm),
                number(page.margin_bottom_mm),
                number(page.margin_left_mm)
            ),
            line_pitch: format!("{}pt", number(page.line_pitch_pt())),
            letter_spacing: format!(
                "{}pt",
                number(page.char_pitch_pt() - body_pt - GRID_TOLERANCE_PT)
            ),
            page_number_gap: format!("{}mm", number(page.page_number_gap_mm)),
            gaps: gap_styles(gaps, page),
            title,
            subtitle,
            speaker,
            date,
            salutation,
            body,
            run_in,
            page_number,
            headings,
            elements,
        }
    }
}

/// The gap classes the flow's blocks use, with their lengths on screen and in print.
fn gap_styles(mut used: Vec<(bool, u32)>, page: &Page) -> Vec<GapStyle> {
    used.sort_unstable();
    used.into_iter()
        .map(|(after, hundredths)| {
            let lines = hundredths as f32 / 100.0;
            GapStyle {
                class: format!("{}-{hundredths}", if after { "after" } else { "before" }),
                side: if after { "bottom" } else { "top" },
                screen: format!("{}em", number(lines * SCREEN_LINE_HEIGHT_EM)),
                print: format!("{}pt", number(lines * page.line_pitch_pt())),
            }
        })
        .collect()
}

/// The line height of the screen style (`article { line-height }`), in em: a gap of one grid
/// line is one screen line.
const SCREEN_LINE_HEIGHT_EM: f32 = 1.9;

fn role_style(style: &Style, body_pt: f32, latin_faces: &mut Vec<LatinFace>) -> RoleStyle {
    let mut family = Vec::new();
    if let Some(face) = latin_face(style.latin, latin_faces) {
        family.push(css_string(&face));
    }
    family.extend(style.east_asian.iter().map(|name| css_string(name)));
    family.extend(
        RARE_CHARACTER_FAMILIES
            .iter()
            .filter(|name| !style.east_asian.iter().any(|own| own == *name))
            .map(|name| css_string(name)),
    );
    family.push(generic_family(style.east_asian).to_string());
    RoleStyle {
        family: family.join(", "),
        size: format!("{}pt", number(style.size_pt)),
        size_em: format!("{}em", number(style.size_pt / body_pt)),
        weight: if style.bold { "bold" } else { "normal" },
        color: css_color(style.color),
        align: align_css(style.align),
        indent: format!("{}em", number(style.first_line_indent_chars)),
    }
}

/// The family name of the Latin-only face for `fonts`, adding its `@font-face` the first time.
fn latin_face(fonts: &[String], latin_faces: &mut Vec<LatinFace>) -> Option<String> {
    if fonts.is_empty() {
        return None;
    }
    let sources = fonts
        .iter()
        .map(|name| format!("local({})", css_string(name)))
        .collect::<Vec<_>>()
        .join(", ");
    if let Some(face) = latin_faces.iter().find(|face| face.sources == sources) {
        return Some(face.family.clone());
    }
    let family = format!("wengao-latin-{}", latin_faces.len() + 1);
    latin_faces.push(LatinFace {
        family: family.clone(),
        sources,
    });
    Some(family)
}

/// `sans-serif` for a 黑体 role, else `serif`.
fn generic_family(east_asian: &[String]) -> &'static str {
    let first = east_asian.first().map(String::as_str).unwrap_or("");
    let sans = ["黑", "Hei", "Sans", "Gothic"];
    if sans.iter().any(|mark| first.contains(mark)) {
        "sans-serif"
    } else {
        "serif"
    }
}

/// A CSS string literal; quotes, backslashes, angle brackets and controls become CSS escapes,
/// so a font name in a user's template can neither end the string nor the `<style>` element.
fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' | '\\' | '<' | '>' | '&' => out.push_str(&format!("\\{:x} ", c as u32)),
            c if c.is_control() => out.push_str(&format!("\\{:x} ", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A length number for CSS: at most three decimals, no trailing zeros.
fn number(value: f32) -> String {
    let text = format!("{value:.3}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_string()
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_follow_the_heading_path() {
        assert_eq!(heading_id(&[0]), "s-1");
        assert_eq!(heading_id(&[1, 0, 2]), "s-2-1-3");
    }

    #[test]
    fn css_strings_cannot_break_out() {
        let quoted = css_string("A\"</style><script>");
        assert!(!quoted[1..quoted.len() - 1].contains(['"', '<', '>']));
        assert_eq!(css_string("仿宋_GB2312"), "\"仿宋_GB2312\"");
    }

    #[test]
    fn numbers_are_short() {
        assert_eq!(number(16.0), "16");
        assert_eq!(number(28.9512), "28.951");
        assert_eq!(number(-0.0001), "0");
    }

    #[test]
    fn heiti_roles_fall_back_to_sans() {
        let template = Template::builtin("gongwen").unwrap();
        assert_eq!(
            generic_family(&template.roles.heading1.east_asian),
            "sans-serif"
        );
        assert_eq!(generic_family(&template.roles.body.east_asian), "serif");
    }
}

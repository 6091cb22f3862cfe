//! The DOCX writer: the flow's blocks as paragraphs on a GB/T 9704 page built with docx-rs,
//! then the parts docx-rs cannot express (styles, settings, core properties, the TOC field)
//! written by wengao and zipped deterministically.

mod direct;
pub mod geometry;
mod package;
pub mod parts;
pub mod styles;

use docx_rs::{
    AlignmentType, BreakType, BuildXML, DocGrid, DocGridType, Docx, FieldCharType, Footer,
    InstrPAGE, InstrText, LineSpacing, PageMargin, Paragraph, Run, RunProperty,
};

use crate::error::Error;
use crate::flow::{BlockRole, Content, Flow, FlowOptions, Span, Style};
use crate::model::Document;
use crate::template::Align;
use crate::write::{Output, WriteOptions};
use geometry::PageGeometry;
use parts::{FieldUpdate, xml_safe};
use styles::ParagraphStyle;

/// Text of the paragraph that marks where the body goes in the part docx-rs builds.
const BODY_PLACEHOLDER: &str = "\u{E000}wengao-body\u{E000}";

/// A piece of the document body.
enum BodyPart {
    Paragraph(Box<Paragraph>),
    /// A paragraph already written as XML (see [`direct`]).
    Xml(String),
    /// The table of contents field (`--toc`), written by [`parts::toc_xml`], and the space
    /// after it in grid lines.
    TableOfContents {
        space_after_lines: f32,
    },
}

impl BodyPart {
    fn paragraph(paragraph: Paragraph) -> BodyPart {
        BodyPart::Paragraph(Box::new(paragraph))
    }
}

/// Writes `document` as a DOCX package styled by `options.template`.
///
/// ```
/// use wengao::model::{Document, Meta};
/// use wengao::write::{WriteOptions, docx};
/// let doc = Document { meta: Meta { title: vec!["讲话".into()], ..Meta::default() }, ..Document::default() };
/// let out = docx::write(&doc, &WriteOptions::default()).unwrap();
/// assert_eq!(&out.bytes[..2], b"PK");
/// ```
pub fn write(document: &Document, options: &WriteOptions) -> Result<Output, Error> {
    let template = &options.template;
    let flow = Flow::new(document, template, FlowOptions { toc: options.toc });
    let page_number = Flow::page_number_style(template);
    let geometry = PageGeometry::new(
        &template.page,
        &template.roles.body,
        &template.roles.page_number,
    );
    let heading_levels = parts::heading_levels(document);

    // docx-rs builds the package around one placeholder body paragraph; the body itself is
    // built paragraph by paragraph straight into the zipped document part, so a long
    // speech never exists as one tree or one XML string.
    let mut docx = page_setup(Docx::new(), &geometry);
    docx = docx
        .footer(Footer::new().add_paragraph(page_number_paragraph(PageSide::Odd, &page_number)))
        .even_footer(
            Footer::new().add_paragraph(page_number_paragraph(PageSide::Even, &page_number)),
        )
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text(BODY_PLACEHOLDER)));
    if !flow.numbers_first_page() {
        // A letter's first page carries no page number (GB/T 9704 10.1).
        docx = docx.first_footer(Footer::new()).title_pg();
    }

    let mut xml = docx.build();
    let skeleton = package::normalize(&xml.document);
    let (before_body, after_body) = package::split_at_paragraph(&skeleton, BODY_PLACEHOLDER)
        .ok_or_else(|| Error::Write {
            format: "docx",
            message: "the body placeholder went missing (a bug)".into(),
        })?;
    for footer in &mut xml.footers {
        *footer = package::normalize(footer);
    }
    xml.styles = styles::styles_xml(template, &geometry, heading_levels).into_bytes();
    let field_update = if options.toc {
        FieldUpdate::OnOpen
    } else {
        FieldUpdate::Never
    };
    xml.settings = parts::settings_xml(field_update).into_bytes();
    xml.doc_props.core = parts::core_xml(document).into_bytes();
    let mut write_document = |part: &mut dyn std::io::Write| -> std::io::Result<()> {
        part.write_all(before_body)?;
        let mut result = Ok(());
        for_each_body_part(&flow, &geometry, &mut |body_part| {
            if result.is_err() {
                return;
            }
            result = match body_part {
                BodyPart::Paragraph(paragraph) => {
                    part.write_all(&package::normalize(&paragraph.build()))
                }
                BodyPart::Xml(xml) => part.write_all(xml.as_bytes()),
                BodyPart::TableOfContents { space_after_lines } => {
                    let spacing = if space_after_lines > 0.0 {
                        format!(
                            "<w:spacing w:after=\"{}\" w:afterLines=\"{}\"/>",
                            (space_after_lines * geometry.line_pitch.0 as f32).round() as i32,
                            (space_after_lines * 100.0).round() as i32
                        )
                    } else {
                        String::new()
                    };
                    part.write_all(parts::toc_xml(document, heading_levels, &spacing).as_bytes())
                }
            };
        });
        result?;
        part.write_all(after_body)
    };
    let bytes = package::zip(xml, &mut write_document).map_err(|e| Error::Write {
        format: "docx",
        message: format!("zipping the package failed: {e}"),
    })?;
    Ok(Output {
        bytes,
        warnings: Vec::new(),
    })
}

/// A4 (or the template's paper), margins, footer distance and the line-and-character grid.
fn page_setup(mut docx: Docx, geometry: &PageGeometry) -> Docx {
    docx.document = docx.document.doc_grid(
        DocGrid::new()
            .grid_type(DocGridType::LinesAndChars)
            .line_pitch(geometry.line_pitch.0 as usize)
            .char_space(geometry.char_space as isize),
    );
    docx.page_size(geometry.width.0 as u32, geometry.height.0 as u32)
        .page_margin(PageMargin {
            top: geometry.margin_top.0,
            left: geometry.margin_left.0,
            bottom: geometry.margin_bottom.0,
            right: geometry.margin_right.0,
            header: geometry::Twips::from_mm(15.0).0,
            footer: geometry.footer.0,
            gutter: 0,
        })
}

/// Odd pages carry the number on the right, even pages on the left.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PageSide {
    Odd,
    Even,
}

/// "— N —" with N a PAGE field, one character in from the outer edge of the text block
/// (GB/T 9704), or centred when the template's page number role says so.
fn page_number_paragraph(side: PageSide, style: &Style) -> Paragraph {
    let one_char = geometry::Twips::from_pt(style.size_pt).0;
    let paragraph = Paragraph::new().style(&ParagraphStyle::Footer.id());
    let paragraph = match side {
        _ if style.align == Align::Center => paragraph.align(AlignmentType::Center),
        PageSide::Odd => {
            paragraph
                .align(AlignmentType::Right)
                .indent(None, None, Some(one_char), None)
        }
        PageSide::Even => {
            paragraph
                .align(AlignmentType::Left)
                .indent(Some(one_char), None, None, None)
        }
    };
    paragraph
        .add_run(Run::new().add_text("— "))
        .add_run(Run::new().add_field_char(FieldCharType::Begin, false))
        .add_run(Run::new().add_instr_text(InstrText::PAGE(InstrPAGE::new())))
        .add_run(Run::new().add_field_char(FieldCharType::Separate, false))
        .add_run(Run::new().add_text("1"))
        .add_run(Run::new().add_field_char(FieldCharType::End, false))
        .add_run(Run::new().add_text(" —"))
}

/// One paragraph of `style` holding `text`.
fn styled(style: ParagraphStyle, text: &str) -> Paragraph {
    Paragraph::new()
        .style(&style.id())
        .add_run(Run::new().add_text(xml_safe(text)))
}

/// The printed text of spans (item markers are ordinary text in Word).
fn span_text(spans: &[Span]) -> String {
    spans.iter().map(|span| span.text.as_ref()).collect()
}

/// Hands every part of the document body to `emit` in reading order, one at a time.
fn for_each_body_part(flow: &Flow, geometry: &PageGeometry, emit: &mut dyn FnMut(BodyPart)) {
    let pitch = geometry.line_pitch.0 as f32;
    // The height used on the current page so far, for a block at a fixed top (the 版头's
    // mark under the 份号, 密级 and 紧急程度 lines): every block before it is one line.
    let mut used_on_page = 0.0_f32;
    flow.for_each(&mut |block| {
        if block.page_break_before {
            used_on_page = 0.0;
        }
        let used_above = (used_on_page * pitch) as i32;
        used_on_page += block.space_before_lines + 1.0 + block.space_after_lines;
        let style = ParagraphStyle::of(block.role);
        // An attachment's headings sit one level deeper in the outline than their style says.
        let outline_level = block
            .outline
            .as_ref()
            .filter(|entry| match block.role {
                BlockRole::Heading(level) | BlockRole::RunIn(level) => entry.level != level,
                _ => false,
            })
            .map(|entry| entry.level);
        let direct_part = |block: &crate::flow::Block| {
            let placement = direct::Placement {
                used_above,
                outline_level,
            };
            BodyPart::Xml(direct::paragraph(block, flow.template, geometry, placement))
        };
        if direct::needs_direct(&block, flow.template) {
            emit(direct_part(&block));
            return;
        }
        let outlined = |paragraph: Paragraph| match outline_level {
            Some(level) => paragraph.outline_lvl(usize::from(level.saturating_sub(1).min(8))),
            None => paragraph,
        };
        // The flow merged the gaps that meet; where a block's gaps differ from what its style
        // declares, the paragraph says so.
        let (declared_before, declared_after) = Flow::role_spacing(flow.template, block.role);
        let before =
            (block.space_before_lines != declared_before).then_some(block.space_before_lines);
        let after = (block.space_after_lines != declared_after).then_some(block.space_after_lines);
        let first = |paragraph: Paragraph| {
            let paragraph = if block.page_break_before {
                paragraph.page_break_before(true)
            } else {
                paragraph
            };
            outlined(with_spacing(paragraph, before, None, pitch))
        };
        match &block.content {
            Content::Split { .. } | Content::Rule(_) => emit(direct_part(&block)),
            Content::TableOfContents => emit(BodyPart::TableOfContents {
                space_after_lines: block.space_after_lines,
            }),
            Content::Lines(lines) => {
                let paragraph = first(lines_paragraph(style, lines));
                emit(BodyPart::paragraph(with_spacing(
                    paragraph, None, after, pitch,
                )));
            }
            Content::Text(spans) => {
                let paragraph = first(styled(style, &span_text(spans)));
                emit(BodyPart::paragraph(with_spacing(
                    paragraph, None, after, pitch,
                )));
            }
            Content::RunIn { lead, rest } => {
                // A style separator: the lead sentence is a heading paragraph whose mark is
                // hidden (w:vanish + w:specVanish), so Word prints lead and body as one
                // paragraph while its navigation pane and TOC show only the lead sentence.
                // LibreOffice 24.8 and later import it as an inline heading. The gap above
                // goes on the lead, the gap below on the body.
                let hidden_mark = RunProperty::new().vanish().spec_vanish();
                emit(BodyPart::paragraph(first(
                    styled(style, &lead.text).run_property(hidden_mark),
                )));
                let body = Paragraph::new()
                    .style(&ParagraphStyle::RunInBody.id())
                    .add_run(
                        Run::new()
                            .style(&ParagraphStyle::RunInBodyText.id())
                            .add_text(xml_safe(&span_text(rest))),
                    );
                emit(BodyPart::paragraph(with_spacing(body, None, after, pitch)));
            }
        }
    });
}

/// `paragraph` with its space before and after (in grid lines) set where given, in twips and
/// in hundredths of a line (Word prefers the lines, LibreOffice the twips).
fn with_spacing(
    paragraph: Paragraph,
    before: Option<f32>,
    after: Option<f32>,
    pitch: f32,
) -> Paragraph {
    if before.is_none() && after.is_none() {
        return paragraph;
    }
    let mut spacing = LineSpacing::new();
    if let Some(lines) = before {
        spacing = spacing
            .before((lines * pitch).round() as u32)
            .before_lines((lines * 100.0).round() as u32);
    }
    if let Some(lines) = after {
        spacing = spacing
            .after((lines * pitch).round() as u32)
            .after_lines((lines * 100.0).round() as u32);
    }
    paragraph.line_spacing(spacing)
}

/// A paragraph of lines the flow broke (a title): the breaks are written, so Word prints the
/// lines the PDF prints.
fn lines_paragraph(style: ParagraphStyle, lines: &[String]) -> Paragraph {
    let mut run = Run::new();
    for (index, line) in lines.iter().enumerate() {
        if index > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        run = run.add_text(xml_safe(line));
    }
    Paragraph::new().style(&style.id()).add_run(run)
}

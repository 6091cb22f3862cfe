//! The DOCX writer: a GB/T 9704 page built with docx-rs, then the parts docx-rs cannot express
//! (styles, settings, core properties, the TOC field) written by wengao and zipped
//! deterministically.

pub mod geometry;
mod package;
pub mod parts;
pub mod title;

use docx_rs::{
    AlignmentType, BreakType, BuildXML, DocGrid, DocGridType, Docx, FieldCharType, Footer,
    InstrPAGE, InstrText, LineSpacing, PageMargin, Paragraph, Run, RunProperty,
};

use crate::error::Error;
use crate::model::{Block, DetailRole, Document, Inline, Placement, plain_text};
use crate::template::{Align, Role};
use crate::write::{Output, WriteOptions};
use geometry::PageGeometry;
use parts::{FieldUpdate, ParagraphStyle, xml_safe};

/// Text of the paragraph that marks where the body goes in the part docx-rs builds.
const BODY_PLACEHOLDER: &str = "\u{E000}wengao-body\u{E000}";

/// A piece of the document body.
enum BodyPart {
    Paragraph(Box<Paragraph>),
    /// The table of contents field (`--toc`), written by [`parts::toc_xml`].
    TableOfContents,
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
    let roles = &template.roles;
    let geometry = PageGeometry::new(&template.page, &roles.body, &roles.page_number);
    let heading_levels = parts::heading_levels(document);

    // docx-rs builds the package around one placeholder body paragraph; the body itself is
    // built paragraph by paragraph straight into the zipped document part, so a long
    // speech never exists as one tree or one XML string.
    let mut docx = page_setup(Docx::new(), &geometry);
    docx = docx
        .footer(Footer::new().add_paragraph(page_number(PageSide::Odd, &roles.page_number)))
        .even_footer(Footer::new().add_paragraph(page_number(PageSide::Even, &roles.page_number)))
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text(BODY_PLACEHOLDER)));

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
    xml.styles = parts::styles_xml(template, &geometry, heading_levels).into_bytes();
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
        for_each_body_part(document, options, &geometry, &mut |body_part| {
            if result.is_err() {
                return;
            }
            result = match body_part {
                BodyPart::Paragraph(paragraph) => {
                    part.write_all(&package::normalize(&paragraph.build()))
                }
                BodyPart::TableOfContents => {
                    part.write_all(parts::toc_xml(document, heading_levels).as_bytes())
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
fn page_number(side: PageSide, role: &Role) -> Paragraph {
    let one_char = geometry::Twips::from_pt(role.size.pt()).0;
    let paragraph = Paragraph::new().style(&ParagraphStyle::Footer.id());
    let paragraph = match side {
        _ if role.align == Align::Center => paragraph.align(AlignmentType::Center),
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

/// A body paragraph from the model's inlines (item markers are ordinary text).
fn inline_paragraph(style: ParagraphStyle, inlines: &[Inline]) -> Paragraph {
    styled(style, &plain_text(inlines))
}

/// Hands every part of the document body to `emit` in reading order, one at a time.
fn for_each_body_part(
    document: &Document,
    options: &WriteOptions,
    geometry: &PageGeometry,
    emit: &mut dyn FnMut(BodyPart),
) {
    let meta = &document.meta;
    // A 公文 header: the issuing authority in the title face, the document number centred.
    if let Some(issuer) = &meta.issuer {
        emit(BodyPart::paragraph(styled(ParagraphStyle::Title, issuer)));
    }
    if let Some(number) = &meta.doc_number {
        emit(BodyPart::paragraph(styled(ParagraphStyle::Date, number)));
    }
    if !meta.title.is_empty() {
        emit(BodyPart::paragraph(title_paragraph(
            &meta.title,
            options,
            geometry,
        )));
    }
    let roles = &options.template.roles;
    let pitch = geometry.line_pitch.0 as f32;
    // Space after the last paragraph of the title block, so that the salutation's space
    // before can give way to it: two gaps meet as the larger one, as in the PDF and HTML.
    let mut gap_above = if meta.title.is_empty() {
        0.0
    } else {
        roles.title.space_after_lines
    };
    let block_spacing = roles.title_block_space_after(meta.details.len());
    for (detail, space_after) in meta.details.iter().zip(block_spacing) {
        let (style, role) = match detail.role {
            DetailRole::Subtitle => (ParagraphStyle::Subtitle, &roles.subtitle),
            DetailRole::Speaker => (ParagraphStyle::Speaker, &roles.speaker),
            DetailRole::Date => (ParagraphStyle::Date, &roles.date),
        };
        let mut paragraph = styled(style, &detail.text);
        if space_after != role.space_after_lines {
            // Only the space after differs from the style; Word and LibreOffice take the
            // other spacing attributes from the style.
            paragraph = paragraph.line_spacing(
                LineSpacing::new()
                    .after((space_after * pitch).round() as u32)
                    .after_lines((space_after * 100.0).round() as u32),
            );
        }
        emit(BodyPart::paragraph(paragraph));
        gap_above = space_after;
    }
    if options.toc {
        emit(BodyPart::TableOfContents);
        gap_above = 0.0;
    }
    if let Some(salutation) = &meta.salutation {
        let mut paragraph = styled(ParagraphStyle::Salutation, salutation);
        if gap_above > 0.0 && roles.salutation.space_before_lines <= gap_above {
            paragraph = paragraph.line_spacing(LineSpacing::new().before(0).before_lines(0));
        }
        emit(BodyPart::paragraph(paragraph));
    }
    let blocks = |emit: &mut dyn FnMut(BodyPart), blocks: &[Block]| {
        for block in blocks {
            emit(BodyPart::paragraph(inline_paragraph(
                ParagraphStyle::Body,
                block.inlines(),
            )));
        }
    };
    blocks(emit, &document.front);
    for (_, section) in document.walk() {
        let heading = &section.heading;
        let level = heading.level.clamp(1, 9);
        match &heading.placement {
            Placement::Standalone => emit(BodyPart::paragraph(styled(
                ParagraphStyle::Heading(level),
                &heading.text,
            ))),
            Placement::RunIn { rest } => {
                // A style separator: the lead sentence is a heading paragraph whose mark is
                // hidden (w:vanish + w:specVanish), so Word prints lead and body as one
                // paragraph while its navigation pane and TOC show only the lead sentence.
                // LibreOffice 24.8 and later import it as an inline heading.
                let hidden_mark = RunProperty::new().vanish().spec_vanish();
                emit(BodyPart::paragraph(
                    styled(ParagraphStyle::RunInLead(level), &heading.text)
                        .run_property(hidden_mark),
                ));
                let body = plain_text(rest);
                emit(BodyPart::paragraph(
                    Paragraph::new()
                        .style(&ParagraphStyle::RunInBody.id())
                        .add_run(
                            Run::new()
                                .style(&ParagraphStyle::RunInBodyText.id())
                                .add_text(xml_safe(&body)),
                        ),
                ));
            }
        }
        blocks(emit, &section.blocks);
    }
    blocks(emit, &document.back);
}

/// The title: its lines as written, or one long line broken into balanced lines.
fn title_paragraph(lines: &[String], options: &WriteOptions, geometry: &PageGeometry) -> Paragraph {
    let title_size = options.template.roles.title.size.pt();
    let max_width = geometry.chars_per_line(title_size).max(1) as f32;
    let lines: Vec<String> = if lines.len() == 1 {
        title::balanced_lines(&lines[0], max_width)
    } else {
        lines.to_vec()
    };
    let mut run = Run::new();
    for (index, line) in lines.iter().enumerate() {
        if index > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        run = run.add_text(xml_safe(line));
    }
    Paragraph::new()
        .style(&ParagraphStyle::Title.id())
        .add_run(run)
}

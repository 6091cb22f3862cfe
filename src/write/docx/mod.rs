//! The DOCX writer: the flow's blocks as paragraphs on a GB/T 9704 page built with docx-rs,
//! then the parts docx-rs cannot express (styles, settings, core properties, the TOC field)
//! written by wengao and zipped deterministically.

mod direct;
pub mod geometry;
mod objects;
mod package;
pub mod parts;
pub mod styles;

use std::borrow::Cow;
use std::fmt::Write as _;

use docx_rs::{
    AlignmentType, BreakType, BuildXML, DocGrid, DocGridType, Docx, FieldCharType, Footer,
    InstrPAGE, InstrText, LineSpacing, PageMargin, Paragraph, Run, RunProperty,
};

use crate::error::Error;
use crate::flow::{BlockRole, Content, Flow, Span, Style};
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
    let flow = Flow::new(document, template, options.flow_options());
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
    let has_record = document.record.is_some();
    if !flow.numbers_first_page() || has_record {
        // A letter's first page carries no page number (GB/T 9704 10.1), nor does the 版记's
        // page, the first (and only) page of the last section.
        docx = docx.first_footer(Footer::new()).title_pg();
    }

    let mut xml = docx.build();
    let skeleton = package::normalize(&xml.document);
    let (before_body, after_body) = package::split_at_paragraph(&skeleton, BODY_PLACEHOLDER)
        .ok_or_else(|| Error::Write {
            format: "docx",
            message: "the body placeholder went missing (a bug)".into(),
        })?;
    // The 版记 goes on a page of its own, in a last section that starts on an even page when
    // the document is printed on both sides (Word and LibreOffice add the blank page), with
    // no page number. Word cannot be told "the foot of the page the body ends on": where its
    // pages break is known only when it lays them out.
    let (record_break, after_body) = if has_record {
        let (main_section, last_section_tail) =
            record_sections(after_body, flow.numbers_first_page(), flow.duplex());
        (Some(main_section), Cow::Owned(last_section_tail))
    } else {
        (None, Cow::Borrowed(after_body))
    };
    for footer in &mut xml.footers {
        *footer = package::normalize(footer);
    }
    xml.styles = styles::styles_xml(template, &geometry, heading_levels).into_bytes();
    let images = document.images();
    let has_notes = !document.notes.is_empty();
    objects::add_parts(&mut xml, &images, has_notes);
    if has_notes {
        xml.footnotes = objects::footnotes_xml(&document.notes, template).into_bytes();
    }
    let note_ids: Vec<u32> = document.notes.iter().map(|note| note.id).collect();
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
        for_each_body_part(
            &flow,
            &geometry,
            record_break.as_deref(),
            &note_ids,
            &mut |body_part| {
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
                        part.write_all(
                            parts::toc_xml(document, heading_levels, &spacing).as_bytes(),
                        )
                    }
                };
            },
        );
        result?;
        part.write_all(&after_body)
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
/// The section properties that end the main text before the 版记 (`w:p` with `w:sectPr`),
/// and the document part's tail with the last section's properties: starting on a new (or an
/// even) page, its first page without a page number.
fn record_sections(after_body: &[u8], numbers_first_page: bool, duplex: bool) -> (String, Vec<u8>) {
    let tail = String::from_utf8_lossy(after_body).into_owned();
    let (Some(start), Some(end)) = (tail.find("<w:sectPr"), tail.find("</w:sectPr>")) else {
        return (String::new(), after_body.to_vec());
    };
    let end = end + "</w:sectPr>".len();
    let last = &tail[start..end];
    let mut main = last.to_string();
    if numbers_first_page {
        main = main
            .replace("<w:titlePg />", "")
            .replace("<w:titlePg/>", "");
    }
    let start_on = if duplex { "evenPage" } else { "nextPage" };
    let last_section = last.replacen(
        "<w:pgSz",
        &format!("<w:type w:val=\"{start_on}\" /><w:pgSz"),
        1,
    );
    let tail = format!("{}{last_section}{}", &tail[..start], &tail[end..]);
    (
        format!(
            "<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"20\" w:lineRule=\"exact\"/>{main}</w:pPr></w:p>"
        ),
        package::normalize(tail.as_bytes()),
    )
}

fn for_each_body_part(
    flow: &Flow,
    geometry: &PageGeometry,
    record_break: Option<&str>,
    note_ids: &[u32],
    emit: &mut dyn FnMut(BodyPart),
) {
    let mut record_break = record_break;
    // Pictures are numbered in reading order, as their relationships were.
    let mut image_index = 0;
    let mut record: Vec<crate::flow::Block> = Vec::new();
    let pitch = geometry.line_pitch.0 as f32;
    // The height used on the current page so far, for a block at a fixed top (the 版头's
    // mark under the 份号, 密级 and 紧急程度 lines): every block before it is one line.
    let mut used_on_page = 0.0_f32;
    flow.for_each(&mut |block| {
        if block.page_break_before {
            used_on_page = 0.0;
        }
        if block.at_last_page_foot
            && let Some(section_break) = record_break.take()
        {
            emit(BodyPart::Xml(section_break.to_string()));
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
        match &block.content {
            // Word prints notes at the page foot from footnotes.xml, not after the text.
            _ if block.role == BlockRole::Note => return,
            Content::Table(table) => {
                emit(BodyPart::Xml(objects::table_xml(
                    table,
                    flow.template,
                    geometry,
                )));
                return;
            }
            Content::Image(image) => {
                emit(BodyPart::Xml(objects::image_xml(
                    image,
                    image_index,
                    geometry,
                )));
                image_index += 1;
                return;
            }
            _ => {}
        }
        if block.at_last_page_foot {
            // The 版记 closes the document: laid out once all of it is known.
            record.push(block);
            return;
        }
        let direct_part = |block: &crate::flow::Block| {
            let placement = direct::Placement {
                used_above,
                outline_level,
                ..direct::Placement::default()
            };
            BodyPart::Xml(direct::paragraph(
                block,
                flow.template,
                geometry,
                placement,
                note_ids,
            ))
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
            Content::Split { .. } | Content::Rule(_) | Content::Table(_) | Content::Image(_) => {
                emit(direct_part(&block));
            }
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
    for part in record_parts(&record, flow, geometry) {
        emit(part);
    }
}

/// The 版记 as a one-column table floating at the foot of the type area, a row per line; each
/// rule is the border between rows (the first above the first row, the last under the last).
/// Word and LibreOffice both place such a table and draw cell borders, where LibreOffice drops
/// the borders of paragraphs in a frame. An empty paragraph follows, as Word wants one after
/// a table.
fn record_parts(
    record: &[crate::flow::Block],
    flow: &Flow,
    geometry: &PageGeometry,
) -> Vec<BodyPart> {
    let width = geometry.text_width().0;
    let rule_at = |i: usize| match &record[i].content {
        Content::Rule(rule) => Some(*rule),
        _ => None,
    };
    let texts: Vec<usize> = (0..record.len())
        .filter(|&i| rule_at(i).is_none())
        .collect();
    if texts.is_empty() {
        return Vec::new();
    }
    let mut table = format!(
        "<w:tbl><w:tblPr><w:tblpPr w:leftFromText=\"0\" w:rightFromText=\"0\" \
         w:vertAnchor=\"margin\" w:horzAnchor=\"margin\" w:tblpXSpec=\"center\" \
         w:tblpYSpec=\"bottom\"/><w:tblW w:w=\"{width}\" w:type=\"dxa\"/>\
         <w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"0\" w:type=\"dxa\"/>\
         <w:right w:w=\"0\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr>\
         <w:tblGrid><w:gridCol w:w=\"{width}\"/></w:tblGrid>"
    );
    let last_text = texts.last().copied();
    for &i in &texts {
        let top = i.checked_sub(1).and_then(rule_at);
        let bottom = if Some(i) == last_text {
            (i + 1..record.len()).find_map(rule_at)
        } else {
            None
        };
        let edge = |side: &str, rule: Option<crate::flow::Rule>| match rule {
            Some(rule) => direct::border(side, &rule),
            None => format!("<w:{side} w:val=\"nil\"/>"),
        };
        let placement = direct::Placement {
            in_record_table: true,
            ..direct::Placement::default()
        };
        let _ = write!(
            table,
            "<w:tr><w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/><w:tcBorders>{}\
             <w:left w:val=\"nil\"/>{}<w:right w:val=\"nil\"/></w:tcBorders></w:tcPr>{}</w:tc></w:tr>",
            edge("top", top),
            edge("bottom", bottom),
            direct::paragraph(&record[i], flow.template, geometry, placement, &[])
        );
    }
    table.push_str("</w:tbl>");
    vec![
        BodyPart::Xml(table),
        BodyPart::Xml(
            "<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"20\" \
             w:lineRule=\"exact\"/></w:pPr></w:p>"
                .to_string(),
        ),
    ]
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

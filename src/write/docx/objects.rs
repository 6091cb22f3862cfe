//! Tables, pictures and notes as WordprocessingML: a table with its grid and cell widths (which
//! WPS needs) and single line spacing in cells, an inline picture with its relationship and
//! media part, footnotes with their part.

use std::fmt::Write as _;

use super::geometry::PageGeometry;
use super::parts::{escape, xml_safe};
use super::styles::{ParagraphStyle, fonts};
use crate::flow::{FaceRole, Span, SpanKind};
use crate::model::{Image, ImageFormat, Inline, Note, Table};
use crate::template::Template;

/// The relationship id of the `index`th picture (0-based, in reading order).
pub fn image_rel_id(index: usize) -> String {
    format!("rIdImage{}", index + 1)
}

/// The media part name of the `index`th picture.
fn media_name(index: usize, format: ImageFormat) -> String {
    format!("image{}.{}", index + 1, format.extension())
}

/// The relationship id of the footnotes part.
pub const FOOTNOTES_REL_ID: &str = "rIdFootnotes";

/// Adds the pictures' media parts, their relationships and content types, and the footnotes'
/// relationship, to the package parts docx-rs built.
pub fn add_parts(xml: &mut docx_rs::XMLDocx, images: &[&Image], has_notes: bool) {
    let mut rels = String::new();
    for (index, image) in images.iter().enumerate() {
        let name = media_name(index, image.format);
        let _ = write!(
            rels,
            "<Relationship Id=\"{}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\"media/{name}\"/>",
            image_rel_id(index)
        );
        xml.media.push((name, image.data.clone()));
    }
    if has_notes {
        let _ = write!(
            rels,
            "<Relationship Id=\"{FOOTNOTES_REL_ID}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes\" Target=\"footnotes.xml\"/>"
        );
    }
    insert_before(&mut xml.document_rels, "</Relationships>", &rels);
    let mut types = String::new();
    for (extension, mime) in [("emf", "image/x-emf"), ("wmf", "image/x-wmf")] {
        let _ = write!(
            types,
            "<Default Extension=\"{extension}\" ContentType=\"{mime}\"/>"
        );
    }
    if has_notes {
        types.push_str(
            "<Override PartName=\"/word/footnotes.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml\"/>",
        );
    }
    insert_before(&mut xml.content_type, "</Types>", &types);
}

fn insert_before(part: &mut Vec<u8>, end_tag: &str, insert: &str) {
    let text = String::from_utf8_lossy(part).into_owned();
    if let Some(at) = text.rfind(end_tag) {
        let mut patched = text[..at].to_string();
        patched.push_str(insert);
        patched.push_str(&text[at..]);
        *part = patched.into_bytes();
    }
}

/// One run of `text` in the table face (or another face).
fn run(text: &str, face: FaceRole, template: &Template) -> String {
    let role = face.style(&template.roles);
    let size = (role.size.pt() * 2.0).round() as i32;
    let bold = if role.bold { "<w:b/><w:bCs/>" } else { "" };
    format!(
        "<w:r><w:rPr>{}{bold}<w:sz w:val=\"{size}\"/><w:szCs w:val=\"{size}\"/></w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r>",
        fonts(&role.east_asian, &role.latin),
        escape(&xml_safe(text))
    )
}

/// A run holding a reference to footnote `id`.
pub fn note_reference_run(id: u32) -> String {
    format!(
        "<w:r><w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr><w:footnoteReference w:id=\"{id}\"/></w:r>"
    )
}

/// The runs of inlines in `face`: text, and footnote references for note marks.
fn inline_runs(inlines: &[Inline], face: FaceRole, template: &Template) -> String {
    inlines
        .iter()
        .map(|inline| match inline {
            Inline::NoteRef { id } => note_reference_run(*id),
            other => run(other.as_str(), face, template),
        })
        .collect()
}

/// The runs of flow spans in `face`, note marks as footnote references to `note_ids` (the
/// mark's number is the note's place in the document's notes).
pub fn span_runs(spans: &[Span], template: &Template, note_ids: &[u32]) -> String {
    spans
        .iter()
        .map(|span| match span.kind {
            SpanKind::NoteMark => span
                .text
                .parse::<usize>()
                .ok()
                .and_then(|number| note_ids.get(number.wrapping_sub(1)))
                .map_or_else(String::new, |id| note_reference_run(*id)),
            _ => run(&span.text, span.face, template),
        })
        .collect()
}

/// A cell paragraph: single spacing (the body's exact grid pitch would blow rows up), off the
/// grid, no first-line indent.
fn cell_paragraph(runs: &str) -> String {
    format!(
        "<w:p><w:pPr><w:pStyle w:val=\"{}\"/><w:snapToGrid w:val=\"0\"/><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/><w:ind w:firstLine=\"0\" w:firstLineChars=\"0\"/></w:pPr>{runs}</w:p>",
        ParagraphStyle::TableText.id()
    )
}

/// A table: ruled, as wide as the type area, its columns in the source's proportions, with
/// `w:tblGrid/w:gridCol` and every cell's `w:tcW`; merged cells as `w:gridSpan` and
/// `w:vMerge`; header rows repeated on each page.
pub fn table_xml(table: &Table, template: &Template, geometry: &PageGeometry) -> String {
    let grid = table.grid();
    let columns = table.column_count().max(1);
    let total = geometry.text_width().0;
    let widths = column_widths(table, columns, total);
    let mut out = String::with_capacity(1024);
    out.push_str("<w:tbl><w:tblPr><w:tblW w:w=\"");
    let _ = write!(out, "{total}");
    out.push_str(
        "\" w:type=\"dxa\"/><w:jc w:val=\"center\"/><w:tblBorders>\
         <w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>\
         <w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>\
         <w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>\
         <w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>\
         <w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>\
         <w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>\
         </w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar>\
         <w:left w:w=\"85\" w:type=\"dxa\"/><w:right w:w=\"85\" w:type=\"dxa\"/></w:tblCellMar>\
         </w:tblPr><w:tblGrid>",
    );
    for width in &widths {
        let _ = write!(out, "<w:gridCol w:w=\"{width}\"/>");
    }
    out.push_str("</w:tblGrid>");
    for (r, slots) in grid.iter().enumerate() {
        out.push_str("<w:tr>");
        if (r as u32) < table.header_rows {
            out.push_str("<w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>");
        }
        let mut column = 0;
        while column < slots.len() {
            let (owner_row, owner_cell) = slots[column];
            let cell = &table.rows[owner_row].cells[owner_cell];
            let span = (cell.col_span.max(1) as usize).min(slots.len() - column);
            let width: i32 = widths[column..column + span].iter().sum();
            let _ = write!(out, "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/>");
            if span > 1 {
                let _ = write!(out, "<w:gridSpan w:val=\"{span}\"/>");
            }
            let continues = owner_row < r;
            if cell.row_span > 1 {
                out.push_str(if continues {
                    "<w:vMerge/>"
                } else {
                    "<w:vMerge w:val=\"restart\"/>"
                });
            }
            out.push_str("<w:vAlign w:val=\"center\"/></w:tcPr>");
            if continues || cell.paragraphs.is_empty() {
                out.push_str(&cell_paragraph(""));
            } else {
                for paragraph in &cell.paragraphs {
                    out.push_str(&cell_paragraph(&inline_runs(
                        paragraph,
                        FaceRole::Table,
                        template,
                    )));
                }
            }
            out.push_str("</w:tc>");
            column += span;
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
    // Word wants a paragraph between a table and what follows.
    out.push_str(&cell_paragraph(""));
    out
}

/// The columns' widths in twips, in the source's proportions, filling `total`.
fn column_widths(table: &Table, columns: usize, total: i32) -> Vec<i32> {
    let given: Vec<f64> = table.column_widths.iter().map(|&w| f64::from(w)).collect();
    let source: Vec<f64> = if given.len() == columns && given.iter().all(|&w| w > 0.0) {
        given
    } else {
        vec![1.0; columns]
    };
    let sum: f64 = source.iter().sum();
    let mut widths: Vec<i32> = source
        .iter()
        .map(|w| (w / sum * f64::from(total)).floor() as i32)
        .collect();
    let short = total - widths.iter().sum::<i32>();
    if let Some(last) = widths.last_mut() {
        *last += short;
    }
    widths
}

/// A picture centred on a line of its own, at its size (narrowed to the type area's width).
pub fn image_xml(image: &Image, index: usize, geometry: &PageGeometry) -> String {
    let max_cx = i64::from(geometry.text_width().0) * 635; // EMU per twip
    let (mut cx, mut cy) = (image.width_emu as i64, image.height_emu as i64);
    if cx <= 0 || cy <= 0 {
        cx = max_cx / 2;
        cy = cx * 3 / 4;
    }
    if cx > max_cx {
        cy = cy * max_cx / cx;
        cx = max_cx;
    }
    let id = index + 1;
    format!(
        "<w:p><w:pPr><w:pStyle w:val=\"{style}\"/><w:snapToGrid w:val=\"0\"/><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/><w:ind w:firstLine=\"0\" w:firstLineChars=\"0\"/><w:jc w:val=\"center\"/></w:pPr>\
         <w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"{cx}\" cy=\"{cy}\"/>\
         <wp:docPr id=\"{id}\" name=\"Picture {id}\" descr=\"{alt}\"/><wp:cNvGraphicFramePr>\
         <a:graphicFrameLocks xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" noChangeAspect=\"1\"/></wp:cNvGraphicFramePr>\
         <a:graphic xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\"><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">\
         <pic:pic xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:nvPicPr><pic:cNvPr id=\"{id}\" name=\"{name}\"/><pic:cNvPicPr/></pic:nvPicPr>\
         <pic:blipFill><a:blip r:embed=\"{rel}\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>\
         <pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"{cx}\" cy=\"{cy}\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr>\
         </pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>",
        style = ParagraphStyle::Picture.id(),
        alt = escape(&xml_safe(&image.alt)),
        name = media_name(index, image.format),
        rel = image_rel_id(index),
    )
}

/// footnotes.xml: the two separators Word expects, then each note (endnotes too: they print
/// at the page foot like footnotes in the Word copy).
pub fn footnotes_xml(notes: &[Note], template: &Template) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <w:footnotes xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">\
         <w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>\
         <w:footnote w:type=\"continuationSeparator\" w:id=\"0\"><w:p><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>",
    );
    for note in notes {
        let _ = write!(out, "<w:footnote w:id=\"{}\">", note.id);
        for (index, paragraph) in note.paragraphs.iter().enumerate() {
            out.push_str("<w:p><w:pPr><w:snapToGrid w:val=\"0\"/><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/><w:ind w:firstLine=\"0\" w:firstLineChars=\"0\"/></w:pPr>");
            if index == 0 {
                out.push_str("<w:r><w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space=\"preserve\"> </w:t></w:r>");
            }
            out.push_str(&inline_runs(paragraph, FaceRole::Note, template));
            out.push_str("</w:p>");
        }
        if note.paragraphs.is_empty() {
            out.push_str("<w:p><w:r><w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr><w:footnoteRef/></w:r></w:p>");
        }
        out.push_str("</w:footnote>");
    }
    out.push_str("</w:footnotes>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_fill_the_type_area_in_proportion() {
        let table = Table {
            rows: Vec::new(),
            header_rows: 0,
            column_widths: vec![1000, 3000],
            line: None,
        };
        assert_eq!(column_widths(&table, 2, 8000), vec![2000, 6000]);
        assert_eq!(column_widths(&table, 3, 9001), vec![3000, 3000, 3001]);
    }

    #[test]
    fn twips_and_emu_agree() {
        assert_eq!(
            super::super::geometry::Twips::from_mm(25.4).0 * 635,
            914_400
        );
    }
}

//! PDF emission: a [`Layout`] to bytes with printpdf (subset fonts, ToUnicode), then lopdf for
//! what printpdf lacks: the nested outline, `/PageMode /UseOutlines` as a name, `/Lang` and a
//! fixed document ID.

use std::collections::{BTreeSet, HashMap};
use std::io::Write as _;

use lopdf::{Dictionary, Object, ObjectId, StringFormat};
use printpdf::{
    Codepoint, Color, DictItem, FontId, Mm, Op, PdfDocument, PdfFont, PdfFontHandle, PdfPage,
    PdfSaveOptions, Pt, Rgb, TextItem, TextMatrix, TextRenderingMode,
};

use crate::error::Error;
use crate::model::{Document, Section};

use super::fonts::Fonts;
use super::layout::{Anchor, FaceId, Glyph, Layout, Weight};

/// Stroke width of synthesised bold, in em.
const FAKE_BOLD_STROKE_EM: f32 = 0.03;

/// The PDF resource name of a face: six capital letters, so that the `TAG+Name` base font
/// name marks the embedded font as a subset.
fn font_tag(face: FaceId) -> FontId {
    let mut tag = String::from("WG");
    let mut n = face.0;
    for _ in 0..4 {
        tag.insert(2, char::from(b'A' + (n % 26) as u8));
        n /= 26;
    }
    FontId(tag)
}

/// The document's creation date: `SOURCE_DATE_EPOCH` when set, else the Unix epoch, so that
/// the same input gives the same bytes.
fn creation_time() -> i64 {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|value| value.trim().parse().ok())
        .unwrap_or(0)
}

/// Writes `layout` as PDF bytes.
pub fn emit(document: &Document, layout: &Layout, fonts: &Fonts) -> Result<Vec<u8>, Error> {
    let title = document.title();
    let mut pdf = PdfDocument::new(&title);
    let stamp = printpdf::OffsetDateTime::from_unix_timestamp(creation_time()).map_err(|e| {
        Error::Write {
            format: "pdf",
            message: format!("SOURCE_DATE_EPOCH is not a usable date: {e}"),
        }
    })?;
    let info = &mut pdf.metadata.info;
    info.creation_date = stamp;
    info.modification_date = stamp;
    info.metadata_date = stamp;
    info.producer = "wengao".into();
    info.creator = "wengao".into();

    let used: BTreeSet<FaceId> = layout
        .pages
        .iter()
        .flat_map(|page| page.lines.iter().chain(std::iter::once(&page.folio)))
        .flat_map(|line| line.glyphs.iter().map(|g| g.face))
        .collect();
    for face in &used {
        pdf.resources.fonts.map.insert(
            font_tag(*face),
            PdfFont::new(fonts.face(*face).font.clone()),
        );
    }

    let geometry = &layout.geometry;
    let pages = layout
        .pages
        .iter()
        .map(|page| {
            let mut ops = vec![Op::StartTextSection];
            let mut state = TextState::default();
            let mut glyph_ids: HashMap<(FaceId, char), u16> = HashMap::new();
            for line in page.lines.iter().chain(std::iter::once(&page.folio)) {
                let y = geometry.page_height - line.baseline;
                for glyph in &line.glyphs {
                    state.switch(glyph, &mut ops);
                    ops.push(Op::SetTextMatrix {
                        matrix: TextMatrix::Translate(Pt(glyph.x), Pt(y)),
                    });
                    let gid = *glyph_ids
                        .entry((glyph.face, glyph.ch))
                        .or_insert_with(|| fonts.face(glyph.face).glyph(glyph.ch).unwrap_or(0));
                    let show = Op::ShowText {
                        items: vec![TextItem::GlyphIds(vec![Codepoint {
                            gid,
                            offset: 0.0,
                            cid: Some(glyph.ch.to_string()),
                        }])],
                    };
                    if glyph.missing {
                        // Every missing character shares glyph 0, whose ToUnicode entry can
                        // name only one of them: /ActualText gives each its own text.
                        ops.push(actual_text(glyph.ch));
                        ops.push(show);
                        ops.push(Op::EndMarkedContentWithProperties);
                    } else {
                        ops.push(show);
                    }
                }
            }
            ops.push(Op::EndTextSection);
            PdfPage::new(
                Mm::from(Pt(geometry.page_width)),
                Mm::from(Pt(geometry.page_height)),
                ops,
            )
        })
        .collect();
    pdf.with_pages(pages);

    let options = PdfSaveOptions {
        optimize: false,
        subset_fonts: true,
        ..PdfSaveOptions::default()
    };
    let mut warnings = Vec::new();
    let mut lo = pdf.to_lopdf_document(&options, &mut warnings);
    finish(&mut lo, document, layout);
    compress_streams(&mut lo)?;
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes).map_err(|e| Error::Write {
        format: "pdf",
        message: format!("could not serialise the PDF: {e}"),
    })?;
    Ok(bytes)
}

/// Deflates every stream not yet filtered, at the fast level: lopdf's own `compress` uses
/// the slowest level, which cost more than everything else together.
fn compress_streams(lo: &mut lopdf::Document) -> Result<(), Error> {
    for object in lo.objects.values_mut() {
        if let Object::Stream(stream) = object
            && stream.allows_compression
            && stream.dict.get(b"Filter").is_err()
        {
            let mut encoder =
                flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
            encoder
                .write_all(&stream.content)
                .and_then(|()| encoder.finish())
                .map(|compressed| {
                    if compressed.len() < stream.content.len() {
                        stream
                            .dict
                            .set("Filter", Object::Name(b"FlateDecode".to_vec()));
                        stream.set_content(compressed);
                    }
                })
                .map_err(|e| Error::Write {
                    format: "pdf",
                    message: format!("could not compress a stream: {e}"),
                })?;
        }
    }
    Ok(())
}

/// Opens a `/Span` whose extracted text is `c`, whatever glyph it shows.
fn actual_text(c: char) -> Op {
    let mut properties = std::collections::BTreeMap::new();
    properties.insert(
        "ActualText".to_string(),
        DictItem::String {
            data: utf16_text(&c.to_string()),
            literal: false,
        },
    );
    Op::BeginMarkedContentWithProperties {
        tag: "Span".to_string(),
        properties: DictItem::Dict { map: properties },
    }
}

/// The font, size and weight last set in the content stream.
#[derive(Default)]
struct TextState {
    current: Option<(FaceId, u32, Weight)>,
}

impl TextState {
    /// Emits the operators that switch to `glyph`'s font, size and weight when they change.
    fn switch(&mut self, glyph: &Glyph, ops: &mut Vec<Op>) {
        let key = (glyph.face, glyph.size.to_bits(), glyph.weight);
        if self.current == Some(key) {
            return;
        }
        let weight_changed = self.current.map(|(_, _, w)| w) != Some(glyph.weight);
        self.current = Some(key);
        ops.push(Op::SetFont {
            font: PdfFontHandle::External(font_tag(glyph.face)),
            size: Pt(glyph.size),
        });
        if weight_changed {
            match glyph.weight {
                Weight::Regular => ops.push(Op::SetTextRenderingMode {
                    mode: TextRenderingMode::Fill,
                }),
                Weight::FakeBold => {
                    ops.push(Op::SetOutlineColor {
                        col: Color::Rgb(Rgb::new(0.0, 0.0, 0.0, None)),
                    });
                    ops.push(Op::SetOutlineThickness {
                        pt: Pt(glyph.size * FAKE_BOLD_STROKE_EM),
                    });
                    ops.push(Op::SetTextRenderingMode {
                        mode: TextRenderingMode::FillStroke,
                    });
                }
            }
        }
    }
}

/// Adds the outline, `/PageMode`, `/Lang` and a content-derived document ID.
fn finish(lo: &mut lopdf::Document, document: &Document, layout: &Layout) {
    let page_ids: Vec<ObjectId> = lo.get_pages().into_values().collect();
    let catalog_id = lo
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .expect("printpdf writes a catalog");
    let mut anchors: Vec<Option<Anchor>> = vec![None; document.walk().len()];
    for anchor in &layout.anchors {
        anchors[anchor.section] = Some(*anchor);
    }
    let outline = if document.sections.is_empty() {
        None
    } else {
        let outlines_id = lo.new_object_id();
        let mut counter = 0;
        let destination = Destination {
            anchors: &anchors,
            page_ids: &page_ids,
            page_height: layout.geometry.page_height,
        };
        let (first, last, count) = add_outline_items(
            lo,
            &document.sections,
            outlines_id,
            &mut counter,
            &destination,
        );
        let mut outlines = Dictionary::new();
        outlines.set("Type", Object::Name(b"Outlines".to_vec()));
        outlines.set("First", Object::Reference(first));
        outlines.set("Last", Object::Reference(last));
        outlines.set("Count", Object::Integer(count));
        lo.objects.insert(outlines_id, Object::Dictionary(outlines));
        Some(outlines_id)
    };
    if let Ok(Object::Dictionary(catalog)) = lo.get_object_mut(catalog_id) {
        catalog.remove(b"Outlines");
        catalog.set(
            "Lang",
            Object::String(b"zh-CN".to_vec(), StringFormat::Literal),
        );
        match outline {
            Some(id) => {
                catalog.set("Outlines", Object::Reference(id));
                catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
            }
            None => catalog.set("PageMode", Object::Name(b"UseNone".to_vec())),
        }
    }
    let id = document_id(document, layout);
    lo.trailer.set(
        "ID",
        Object::Array(vec![
            Object::String(id.clone(), StringFormat::Hexadecimal),
            Object::String(id, StringFormat::Hexadecimal),
        ]),
    );
}

/// Where bookmarks point.
struct Destination<'a> {
    anchors: &'a [Option<Anchor>],
    page_ids: &'a [ObjectId],
    page_height: f32,
}

/// Adds the bookmarks of `sections` (and their children) under `parent`; returns the first and
/// last item and the number of items shown (all levels open).
fn add_outline_items(
    lo: &mut lopdf::Document,
    sections: &[Section],
    parent: ObjectId,
    counter: &mut usize,
    destination: &Destination,
) -> (ObjectId, ObjectId, i64) {
    let ids: Vec<ObjectId> = sections.iter().map(|_| lo.new_object_id()).collect();
    let mut total = 0;
    for (position, section) in sections.iter().enumerate() {
        let index = *counter;
        *counter += 1;
        let mut item = Dictionary::new();
        item.set(
            "Title",
            Object::String(utf16_text(&section.heading.text), StringFormat::Hexadecimal),
        );
        item.set("Parent", Object::Reference(parent));
        if position > 0 {
            item.set("Prev", Object::Reference(ids[position - 1]));
        }
        if position + 1 < ids.len() {
            item.set("Next", Object::Reference(ids[position + 1]));
        }
        if let Some(anchor) = destination.anchors.get(index).copied().flatten()
            && let Some(page) = destination.page_ids.get(anchor.page)
        {
            item.set(
                "Dest",
                Object::Array(vec![
                    Object::Reference(*page),
                    Object::Name(b"XYZ".to_vec()),
                    Object::Null,
                    Object::Real(destination.page_height - anchor.top),
                    Object::Null,
                ]),
            );
        }
        total += 1;
        if !section.children.is_empty() {
            let (first, last, count) =
                add_outline_items(lo, &section.children, ids[position], counter, destination);
            item.set("First", Object::Reference(first));
            item.set("Last", Object::Reference(last));
            item.set("Count", Object::Integer(count));
            total += count;
        }
        lo.objects.insert(ids[position], Object::Dictionary(item));
    }
    (ids[0], ids[ids.len() - 1], total)
}

/// A PDF text string: UTF-16BE with a byte order mark.
fn utf16_text(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    bytes
}

/// A 16-byte ID from the document's text and page count (FNV-1a, two seeds).
fn document_id(document: &Document, layout: &Layout) -> Vec<u8> {
    let source = format!("{}\u{0}{}", document.reading_text(), layout.pages.len());
    let hash = |seed: u64| {
        source.bytes().fold(seed, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01B3)
        })
    };
    let mut id = hash(0xCBF2_9CE4_8422_2325).to_be_bytes().to_vec();
    id.extend_from_slice(&hash(0x6C62_272E_07BB_0142).to_be_bytes());
    id
}

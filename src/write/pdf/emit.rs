//! PDF emission: pages streamed from the layout into content streams, fonts subset by printpdf,
//! and lopdf for the page tree, the nested outline, `/PageMode`, `/Lang` and the document ID.
//!
//! The layout runs twice. The first pass only records which glyphs each face prints; printpdf
//! then subsets and embeds those faces (the part it does well: TrueType and CID-keyed CFF,
//! widths, ToUnicode). The second pass writes each page's content stream as soon as the page
//! is full, deflated, so memory holds one page of glyphs and the compressed output — not
//! printpdf's operator list for the whole document, which took 175× the input on 10 MB.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::io::Write as _;

use lopdf::content::Content;
use lopdf::{Dictionary, Object, ObjectId, Stream, StringFormat};
use printpdf::{
    Codepoint, FontId, Mm, Op, PdfDocument, PdfFont, PdfFontHandle, PdfPage, PdfSaveOptions, Pt,
    TextItem,
};

use crate::error::Error;
use crate::model::{Document, Section};
use crate::template::Template;

use super::fonts::Fonts;
use super::layout::{Anchor, FaceId, Geometry, Glyph, LayoutSummary, Page, Weight, layout_pages};

/// Stroke width of synthesised bold, in em.
const FAKE_BOLD_STROKE_EM: f32 = 0.03;

/// The PDF resource name of a face: six capital letters, so that the `TAG+Name` base font
/// name marks the embedded font as a subset.
fn font_tag(face: FaceId) -> String {
    let mut tag = String::from("WG");
    let mut n = face.0;
    for _ in 0..4 {
        tag.insert(2, char::from(b'A' + (n % 26) as u8));
        n /= 26;
    }
    tag
}

/// The document's creation date: `SOURCE_DATE_EPOCH` when set, else the Unix epoch, so that
/// the same input gives the same bytes.
fn creation_time() -> i64 {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|value| value.trim().parse().ok())
        .unwrap_or(0)
}

fn write_error(message: String) -> Error {
    Error::Write {
        format: "pdf",
        message,
    }
}

/// Lays `document` out and writes it as PDF into `sink`; returns the layout's summary (page
/// count, anchors, characters no face has).
pub fn emit(
    document: &Document,
    template: &Template,
    fonts: &Fonts,
    sink: &mut dyn std::io::Write,
) -> Result<LayoutSummary, Error> {
    let mut glyphs = GlyphInventory::new(fonts);
    layout_pages(document, template, fonts, &mut |page| glyphs.record(&page));
    let embedded = embed_fonts(document, &glyphs)?;
    let mut lo = embedded.document;

    let geometry = Geometry::of(template);
    let mut page_ids = Vec::new();
    let mut failure = None;
    let mut deflater = Deflater::new();
    let summary = layout_pages(document, template, fonts, &mut |page| {
        let content = content_stream(&page, &geometry, &glyphs, &embedded.shown);
        match deflater.deflate(&content) {
            Ok(compressed) => {
                let mut dict = Dictionary::new();
                dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
                let contents = lo.add_object(Stream::new(dict, compressed).with_compression(false));
                page_ids.push(lo.add_object(page_dict(
                    embedded.pages_id,
                    embedded.resources.clone(),
                    contents,
                    &geometry,
                )));
            }
            Err(e) => failure = Some(e),
        }
    });
    if let Some(e) = failure {
        return Err(e);
    }
    if let Ok(Object::Dictionary(pages)) = lo.get_object_mut(embedded.pages_id) {
        pages.set(
            "Kids",
            Object::Array(page_ids.iter().copied().map(Object::Reference).collect()),
        );
        pages.set("Count", Object::Integer(page_ids.len() as i64));
    }
    finish(&mut lo, document, &summary, &page_ids);
    compress_streams(&mut lo)?;
    lo.save_to(&mut &mut *sink)
        .map_err(|e| write_error(format!("could not write the PDF: {e}")))?;
    Ok(summary)
}

/// The glyphs each face prints, with the character each stands for, and the glyph of every
/// (face, character) pair seen.
struct GlyphInventory<'a> {
    fonts: &'a Fonts,
    by_face: BTreeMap<FaceId, BTreeMap<u16, char>>,
    glyph_of: HashMap<(FaceId, char), u16>,
}

impl<'a> GlyphInventory<'a> {
    fn new(fonts: &'a Fonts) -> Self {
        GlyphInventory {
            fonts,
            by_face: BTreeMap::new(),
            glyph_of: HashMap::new(),
        }
    }

    fn record(&mut self, page: &Page) {
        for glyph in page
            .lines
            .iter()
            .chain([&page.folio])
            .flat_map(|l| &l.glyphs)
        {
            let fonts = self.fonts;
            let gid = *self
                .glyph_of
                .entry((glyph.face, glyph.ch))
                .or_insert_with(|| fonts.face(glyph.face).glyph(glyph.ch).unwrap_or(0));
            // Glyph 0 stands for every missing character; the first one names it.
            self.by_face
                .entry(glyph.face)
                .or_default()
                .entry(gid)
                .or_insert(glyph.ch);
        }
    }

    /// The glyph of `glyph`'s character in its face (recorded in the first pass).
    fn gid(&self, glyph: &Glyph) -> u16 {
        self.glyph_of
            .get(&(glyph.face, glyph.ch))
            .copied()
            .unwrap_or(0)
    }
}

/// How a content stream shows one glyph.
#[derive(Debug, Clone, Copy, Default)]
struct Shown {
    /// The code in the content stream: the subset's glyph id, or for a CID-keyed CFF face its
    /// CID.
    code: u16,
    /// The width the PDF gives the code (its font's `/W`), in thousandths of an em.
    width: f32,
}

/// The PDF with fonts embedded and an empty page tree, ready for pages.
struct EmbeddedFonts {
    document: lopdf::Document,
    pages_id: ObjectId,
    /// The resource dictionary every page shares (the fonts).
    resources: Object,
    /// How to show (face, original glyph id).
    shown: HashMap<(FaceId, u16), Shown>,
}

/// Subsets and embeds the recorded glyphs through printpdf: one page shows every glyph of
/// every face once, in order; the codes printpdf wrote there for them are read back, and the
/// page is removed, leaving its fonts, resources and document information.
fn embed_fonts(document: &Document, glyphs: &GlyphInventory) -> Result<EmbeddedFonts, Error> {
    let mut pdf = PdfDocument::new(&document.title());
    let stamp = printpdf::OffsetDateTime::from_unix_timestamp(creation_time())
        .map_err(|e| write_error(format!("SOURCE_DATE_EPOCH is not a usable date: {e}")))?;
    let info = &mut pdf.metadata.info;
    info.creation_date = stamp;
    info.modification_date = stamp;
    info.metadata_date = stamp;
    info.producer = "wengao".into();
    info.creator = "wengao".into();

    let mut ops = vec![Op::StartTextSection];
    let mut face_of_tag = HashMap::new();
    for (face, used) in &glyphs.by_face {
        let tag = font_tag(*face);
        face_of_tag.insert(tag.clone().into_bytes(), *face);
        pdf.resources.fonts.map.insert(
            FontId(tag.clone()),
            PdfFont::new(glyphs.fonts.face(*face).font.clone()),
        );
        ops.push(Op::SetFont {
            font: PdfFontHandle::External(FontId(tag)),
            size: Pt(10.0),
        });
        let codepoints = used
            .iter()
            .map(|(gid, ch)| Codepoint {
                gid: *gid,
                offset: 0.0,
                cid: Some(ch.to_string()),
            })
            .collect();
        ops.push(Op::ShowText {
            items: vec![TextItem::GlyphIds(codepoints)],
        });
    }
    ops.push(Op::EndTextSection);
    pdf.with_pages(vec![PdfPage::new(Mm(210.0), Mm(297.0), ops)]);
    let options = PdfSaveOptions {
        optimize: false,
        subset_fonts: true,
        ..PdfSaveOptions::default()
    };
    let mut warnings = Vec::new();
    let mut lo = pdf.to_lopdf_document(&options, &mut warnings);

    let inventory_page = *lo
        .get_pages()
        .values()
        .next()
        .ok_or_else(|| write_error("printpdf wrote no page".into()))?;
    let shown = Content::decode(&lo.get_page_content(inventory_page))
        .map_err(|e| write_error(format!("could not read printpdf's glyph page: {e}")))?;
    let codes = read_back_codes(&shown.operations, &face_of_tag, glyphs)?;

    let page = lo
        .get_dictionary(inventory_page)
        .map_err(|e| write_error(format!("printpdf's page is not a dictionary: {e}")))?
        .clone();
    let pages_id = page
        .get(b"Parent")
        .and_then(Object::as_reference)
        .map_err(|e| write_error(format!("printpdf's page has no parent: {e}")))?;
    let resources_id = match page.get(b"Resources") {
        Ok(Object::Reference(id)) => *id,
        Ok(Object::Dictionary(dict)) => lo.add_object(dict.clone()),
        _ => lo.add_object(Dictionary::new()),
    };
    let widths = read_widths(&lo, resources_id, &face_of_tag)?;
    let shown = codes
        .into_iter()
        .map(|(key, code)| {
            let width = widths.of(key.0, code);
            (key, Shown { code, width })
        })
        .collect();
    for id in lo.get_page_contents(inventory_page) {
        lo.objects.remove(&id);
    }
    lo.objects.remove(&inventory_page);
    Ok(EmbeddedFonts {
        document: lo,
        pages_id,
        resources: Object::Reference(resources_id),
        shown,
    })
}

/// Widths of codes in thousandths of an em.
struct Widths {
    widths: HashMap<(FaceId, u16), f32>,
    /// Per face, the width of codes the `/W` array leaves out (`/DW`).
    defaults: HashMap<FaceId, f32>,
}

impl Widths {
    fn of(&self, face: FaceId, code: u16) -> f32 {
        self.widths
            .get(&(face, code))
            .or_else(|| self.defaults.get(&face))
            .copied()
            .unwrap_or(1000.0)
    }
}

/// The width of every code of every embedded face, from the descendant fonts' `/W` arrays
/// (`/DW` for a code they leave out), in thousandths of an em.
fn read_widths(
    lo: &lopdf::Document,
    resources_id: ObjectId,
    face_of_tag: &HashMap<Vec<u8>, FaceId>,
) -> Result<Widths, Error> {
    let unreadable = |what: &str| write_error(format!("printpdf's {what} is not readable"));
    let dictionary = |object: &Object| -> Option<Dictionary> {
        match object {
            Object::Dictionary(dict) => Some(dict.clone()),
            Object::Reference(id) => lo.get_dictionary(*id).ok().cloned(),
            _ => None,
        }
    };
    let number = |object: &Object| match object {
        Object::Integer(value) => Some(*value as f32),
        Object::Real(value) => Some(*value),
        _ => None,
    };
    let resources = lo
        .get_dictionary(resources_id)
        .map_err(|_| unreadable("resource dictionary"))?;
    let fonts = resources
        .get(b"Font")
        .ok()
        .and_then(dictionary)
        .ok_or_else(|| unreadable("font resource dictionary"))?;
    let mut widths = HashMap::new();
    let mut defaults = HashMap::new();
    for (tag, font) in fonts.iter() {
        let Some(face) = face_of_tag.get(tag) else {
            continue;
        };
        let descendant = dictionary(font)
            .and_then(|font| font.get(b"DescendantFonts").ok().cloned())
            .and_then(|fonts| fonts.as_array().ok().and_then(|a| a.first().cloned()))
            .and_then(|first| dictionary(&first))
            .ok_or_else(|| unreadable("descendant font"))?;
        let default = descendant
            .get(b"DW")
            .ok()
            .and_then(number)
            .unwrap_or(1000.0);
        let mut entries = descendant
            .get(b"W")
            .and_then(Object::as_array)
            .map(|w| w.iter())
            .unwrap_or_default();
        while let (Some(first), Some(list)) = (entries.next(), entries.next()) {
            let (Some(first), Ok(list)) = (number(first), list.as_array()) else {
                return Err(unreadable("width array"));
            };
            for (offset, width) in list.iter().enumerate() {
                let code = first as usize + offset;
                widths.insert((*face, code as u16), number(width).unwrap_or(default));
            }
        }
        defaults.insert(*face, default);
    }
    Ok(Widths { widths, defaults })
}

/// Pairs the two-byte codes of the glyph page's text operators, face by face, with the glyph
/// ids that were shown, in the order shown.
fn read_back_codes(
    operations: &[lopdf::content::Operation],
    face_of_tag: &HashMap<Vec<u8>, FaceId>,
    glyphs: &GlyphInventory,
) -> Result<HashMap<(FaceId, u16), u16>, Error> {
    let mut shown: BTreeMap<FaceId, Vec<u16>> = BTreeMap::new();
    let mut face = None;
    for op in operations {
        match op.operator.as_str() {
            "Tf" => {
                face = op
                    .operands
                    .first()
                    .and_then(|name| name.as_name().ok())
                    .and_then(|name| face_of_tag.get(name))
                    .copied();
            }
            "Tj" | "TJ" => {
                let Some(face) = face else { continue };
                let mut strings = Vec::new();
                for operand in &op.operands {
                    match operand {
                        Object::String(bytes, _) => strings.push(bytes),
                        Object::Array(items) => {
                            strings.extend(items.iter().filter_map(|item| match item {
                                Object::String(bytes, _) => Some(bytes),
                                _ => None,
                            }))
                        }
                        _ => {}
                    }
                }
                let codes = shown.entry(face).or_default();
                for bytes in strings {
                    codes.extend(
                        bytes
                            .chunks_exact(2)
                            .map(|pair| u16::from_be_bytes([pair[0], pair[1]])),
                    );
                }
            }
            _ => {}
        }
    }
    let mut codes = HashMap::new();
    for (face, used) in &glyphs.by_face {
        let written = shown.get(face).map_or(&[][..], Vec::as_slice);
        if written.len() != used.len() {
            return Err(write_error(format!(
                "printpdf wrote {} glyph codes for font {} where {} were shown",
                written.len(),
                font_tag(*face),
                used.len()
            )));
        }
        for (gid, code) in used.keys().zip(written) {
            codes.insert((*face, *gid), *code);
        }
    }
    Ok(codes)
}

/// A page object showing `contents`.
fn page_dict(
    parent: ObjectId,
    resources: Object,
    contents: ObjectId,
    geometry: &Geometry,
) -> Dictionary {
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"Page".to_vec()));
    dict.set("Parent", Object::Reference(parent));
    dict.set(
        "MediaBox",
        Object::Array(vec![
            Object::Integer(0),
            Object::Integer(0),
            Object::Real(geometry.page_width),
            Object::Real(geometry.page_height),
        ]),
    );
    dict.set("Resources", resources);
    dict.set("Contents", Object::Reference(contents));
    dict
}

/// The content stream of one page. Each line (or run of one font within it) is placed with a
/// text matrix and shown with one `TJ` whose numbers move each glyph from where the font's
/// width would put it to where the layout put it.
fn content_stream(
    page: &Page,
    geometry: &Geometry,
    glyphs: &GlyphInventory,
    shown: &HashMap<(FaceId, u16), Shown>,
) -> Vec<u8> {
    let mut out = String::with_capacity(page.lines.len() * 28 * 12 + 64);
    out.push_str("BT\n");
    let mut state = TextState::default();
    for line in page.lines.iter().chain([&page.folio]) {
        let y = geometry.page_height - line.baseline;
        // The open TJ array's last glyph: where it was drawn and how far the font moves on.
        let mut open: Option<(f32, f32)> = None;
        for glyph in &line.glyphs {
            let Shown { code, width } = shown
                .get(&(glyph.face, glyphs.gid(glyph)))
                .copied()
                .unwrap_or_default();
            let advance = width * glyph.size / 1000.0;
            if let Some((previous_x, previous_advance)) = open
                && !glyph.missing
                && !state.changes(glyph)
            {
                let kern = (previous_advance - (glyph.x - previous_x)) * 1000.0 / glyph.size;
                if kern.abs() >= 0.005 {
                    push_number(&mut out, kern);
                }
                let _ = write!(out, "<{code:04X}>");
                open = Some((glyph.x, advance));
                continue;
            }
            if open.take().is_some() {
                out.push_str("]TJ\n");
            }
            state.switch(glyph, &mut out);
            out.push_str("1 0 0 1 ");
            push_number(&mut out, glyph.x);
            out.push(' ');
            push_number(&mut out, y);
            out.push_str(" Tm ");
            if glyph.missing {
                // Every missing character shares glyph 0, whose ToUnicode entry can name only
                // one of them: /ActualText gives each its own text.
                out.push_str("/Span <</ActualText <FEFF");
                let mut units = [0u16; 2];
                for unit in glyph.ch.encode_utf16(&mut units) {
                    let _ = write!(out, "{unit:04X}");
                }
                let _ = writeln!(out, ">>> BDC <{code:04X}> Tj EMC");
            } else {
                let _ = write!(out, "[<{code:04X}>");
                open = Some((glyph.x, advance));
            }
        }
        if open.is_some() {
            out.push_str("]TJ\n");
        }
    }
    out.push_str("ET\n");
    out.into_bytes()
}

/// Appends `value` with at most two decimals and no trailing zeros.
fn push_number(out: &mut String, value: f32) {
    let hundredths = (value * 100.0).round() as i64;
    if hundredths < 0 {
        out.push('-');
    }
    let magnitude = hundredths.unsigned_abs();
    let _ = write!(out, "{}", magnitude / 100);
    match magnitude % 100 {
        0 => {}
        fraction if fraction % 10 == 0 => {
            let _ = write!(out, ".{}", fraction / 10);
        }
        fraction => {
            let _ = write!(out, ".{fraction:02}");
        }
    }
}

/// The font, size and weight last set in the content stream.
#[derive(Default)]
struct TextState {
    current: Option<(FaceId, u32, Weight)>,
}

impl TextState {
    /// True when `glyph` needs another font, size or weight than the last one set.
    fn changes(&self, glyph: &Glyph) -> bool {
        self.current != Some((glyph.face, glyph.size.to_bits(), glyph.weight))
    }

    /// Writes the operators that switch to `glyph`'s font, size and weight when they change;
    /// returns whether anything changed.
    fn switch(&mut self, glyph: &Glyph, out: &mut String) -> bool {
        if !self.changes(glyph) {
            return false;
        }
        let key = (glyph.face, glyph.size.to_bits(), glyph.weight);
        let weight_changed = self.current.map(|(_, _, w)| w) != Some(glyph.weight);
        self.current = Some(key);
        let _ = write!(out, "/{} ", font_tag(glyph.face));
        push_number(out, glyph.size);
        out.push_str(" Tf\n");
        if weight_changed {
            match glyph.weight {
                Weight::Regular => out.push_str("0 Tr\n"),
                Weight::FakeBold => {
                    out.push_str("0 0 0 RG ");
                    push_number(out, glyph.size * FAKE_BOLD_STROKE_EM);
                    out.push_str(" w 2 Tr\n");
                }
            }
        }
        true
    }
}

/// Deflates streams at the fast level with one compressor for them all: a new compressor per
/// page allocates and frees some 300 KB of tables each time, which fragmented the heap until a
/// 10 MB speech's PDF took half a gigabyte.
struct Deflater {
    encoder: flate2::write::ZlibEncoder<Vec<u8>>,
}

impl Deflater {
    fn new() -> Self {
        Deflater {
            encoder: flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default()),
        }
    }

    fn deflate(&mut self, content: &[u8]) -> Result<Vec<u8>, Error> {
        self.encoder
            .write_all(content)
            .and_then(|()| self.encoder.reset(Vec::with_capacity(content.len() / 3)))
            .map(|mut compressed| {
                compressed.shrink_to_fit();
                compressed
            })
            .map_err(|e| write_error(format!("could not compress a stream: {e}")))
    }
}

/// Deflates every stream not yet filtered (printpdf's font programs and maps), at the fast
/// level: lopdf's own `compress` uses the slowest level.
fn compress_streams(lo: &mut lopdf::Document) -> Result<(), Error> {
    let mut deflater = Deflater::new();
    for object in lo.objects.values_mut() {
        if let Object::Stream(stream) = object
            && stream.allows_compression
            && stream.dict.get(b"Filter").is_err()
        {
            let compressed = deflater.deflate(&stream.content)?;
            if compressed.len() < stream.content.len() {
                stream
                    .dict
                    .set("Filter", Object::Name(b"FlateDecode".to_vec()));
                stream.set_content(compressed);
            }
        }
    }
    Ok(())
}

/// Adds the outline, `/PageMode`, `/Lang` and a content-derived document ID.
fn finish(
    lo: &mut lopdf::Document,
    document: &Document,
    summary: &LayoutSummary,
    page_ids: &[ObjectId],
) {
    let catalog_id = lo
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .expect("printpdf writes a catalog");
    let mut anchors: Vec<Option<Anchor>> = vec![None; document.walk().len()];
    for anchor in &summary.anchors {
        anchors[anchor.section] = Some(*anchor);
    }
    let outline = if document.sections.is_empty() {
        None
    } else {
        let outlines_id = lo.new_object_id();
        let mut counter = 0;
        let destination = Destination {
            anchors: &anchors,
            page_ids,
            page_height: summary.geometry.page_height,
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
    let id = document_id(document, summary.page_count);
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
fn document_id(document: &Document, page_count: usize) -> Vec<u8> {
    let mut hashes = [0xCBF2_9CE4_8422_2325_u64, 0x6C62_272E_07BB_0142];
    let mut add = |bytes: &[u8]| {
        for hash in &mut hashes {
            *hash = bytes.iter().fold(*hash, |h, b| {
                (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01B3)
            });
        }
    };
    document.for_each_text(&mut |piece| add(piece.as_bytes()));
    add(&[0]);
    add(page_count.to_string().as_bytes());
    hashes.iter().flat_map(|hash| hash.to_be_bytes()).collect()
}

#[cfg(test)]
mod tests {
    use super::push_number;

    #[test]
    fn numbers_are_short_and_exact_to_a_hundredth() {
        let mut out = String::new();
        for value in [0.0, 15.79, 16.0, 2.5, -3.25, 595.276, -0.004] {
            push_number(&mut out, value);
            out.push(' ');
        }
        assert_eq!(out, "0 15.79 16 2.5 -3.25 595.28 0 ");
    }
}

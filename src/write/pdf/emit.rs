//! PDF emission with lopdf: document information, pages streamed from the layout into content
//! streams, the nested outline, `/PageMode`, `/Lang` and the document ID.
//!
//! First every glyph the layout can print is collected without breaking lines
//! ([`glyph_choices`]), for [`super::embed`] to subset; then the layout writes each page's
//! content stream as soon as the page is full, deflated, so memory holds one page of glyphs
//! and the compressed output — not an operator list for the whole document (printpdf's took
//! 175× the input on 10 MB).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::mpsc::{Receiver, TrySendError};
use std::sync::{Arc, Mutex};

use lopdf::{Dictionary, Object, ObjectId, Stream, StringFormat};
use rustc_hash::FxHashMap;

use crate::error::Error;
use crate::flow::{Flow, Rgb};
use crate::model::Document;

use super::embed::{
    FaceGlyphs, PlannedCodes, Shown, add_fonts, font_tag, planned_codes, shown_glyphs, subset_faces,
};
use super::fonts::Fonts;
use super::layout::{
    Anchor, FaceId, Geometry, Glyph, LayoutSummary, Page, Weight, glyph_choices, layout_pages,
};
use super::stream::{Deflater, write_error};
use crate::memory::release_free_heap;

/// Stroke width of synthesised bold, in em.
const FAKE_BOLD_STROKE_EM: f32 = 0.03;

/// Lays `flow` (of `document`) out and writes it as PDF into `sink`; returns the layout's summary (page
/// count, anchors, characters no face has).
///
/// Two things run at once: this thread lays the pages out; a writer thread collects the
/// glyphs the flow can print, subsets the faces (one after the other) and then turns each
/// page into its deflated content stream, the pages laid out meanwhile waiting in its queue;
/// when the layout is done, this thread takes pages from that queue too. Collecting,
/// subsetting and deflating were 40% of a 246-page PDF's time when they ran before and
/// inside the layout.
pub fn emit(
    document: &Document,
    flow: &Flow,
    loaded_fonts: Fonts,
    sink: &mut dyn std::io::Write,
) -> Result<LayoutSummary, Error> {
    let fonts = &loaded_fonts;
    let (mut lo, pages_id) = new_document(document)?;
    let (pictures, xobjects) = add_pictures(&mut lo, document);
    let geometry = Geometry::of(flow.template);
    // The writer's own view of the same parsed faces (a view caches its choices unshared).
    let writer_fonts = fonts.view();
    let (pages, queue) = std::sync::mpsc::sync_channel::<(usize, Page)>(PAGES_WAITING);
    let queue = Mutex::new(queue);
    let (summary, written) = std::thread::scope(|scope| {
        let (geometry, pictures, queue) = (&geometry, &pictures, &queue);
        // The writer hands its codes over once it has planned them; when it fails first, the
        // sender is dropped unsent and the layout thread does not wait for them.
        let (codes_ready, codes_wait) = std::sync::mpsc::channel::<Arc<ShownByChar>>();
        let writer = scope.spawn(move || -> Result<_, Error> {
            let fonts = &writer_fonts;
            let mut glyphs = GlyphInventory::new(fonts);
            glyph_choices(flow, fonts, &mut |face, ch| glyphs.record(face, ch));
            let faces = glyphs.faces();
            let plans: Vec<PlannedCodes> = faces.iter().map(planned_codes).collect();
            let by_face: Vec<(FaceId, &PlannedCodes)> =
                faces.iter().map(|face| face.face).zip(&plans).collect();
            let codes = Arc::new(shown_glyphs(&by_face, &glyphs.glyph_of));
            let _ = codes_ready.send(Arc::clone(&codes));
            let mut streams = StreamWriter::new(codes, geometry, pictures);
            let subsets = subset_faces(faces, &plans, &mut streams.deflater)?;
            streams.drain(queue)?;
            Ok((subsets, streams.written))
        });
        // The layout thread writes a page itself when the queue is full, so that pages do not
        // pile up while the faces are subset.
        let mut own: Option<StreamWriter> = None;
        let mut own_result: Result<(), Error> = Ok(());
        let mut count = 0;
        let summary = layout_pages(flow, fonts, &mut |page| {
            if let Err(TrySendError::Full((index, page))) = pages.try_send((count, page)) {
                // A failed writer has sent no codes: the layout goes on unheard, and its
                // error is returned below.
                if own.is_none() {
                    own = StreamWriter::when_planned(&codes_wait, geometry, pictures);
                }
                if let (Some(own), Ok(())) = (&mut own, &own_result) {
                    own_result = own.write(index, &page);
                }
            }
            count += 1;
        });
        drop(pages);
        // The layout is done: this thread helps write the pages still waiting.
        if own.is_none() {
            own = StreamWriter::when_planned(&codes_wait, geometry, pictures);
        }
        let helped = own_result.and_then(|()| match own {
            Some(mut own) => own.drain(queue).map(|()| own.written),
            None => Ok(Vec::new()),
        });
        let written = writer
            .join()
            .unwrap_or_else(|_| Err(write_error("writing the pages panicked".into())))
            .and_then(|(subsets, mut streams)| {
                streams.extend(helped?);
                streams.sort_unstable_by_key(|(index, _)| *index);
                Ok((
                    subsets,
                    streams.into_iter().map(|(_, s)| s).collect::<Vec<_>>(),
                ))
            });
        (summary, written)
    });
    let (subsets, streams) = written?;
    let resources = add_fonts(&mut lo, subsets);
    if let (Some(xobjects), Ok(Object::Dictionary(dict))) = (xobjects, lo.get_object_mut(resources))
    {
        dict.set("XObject", Object::Dictionary(xobjects));
    }
    let page_ids: Vec<ObjectId> = streams
        .into_iter()
        .map(|compressed| {
            let mut dict = Dictionary::new();
            dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
            let contents = lo.add_object(Stream::new(dict, compressed).with_compression(false));
            lo.add_object(page_dict(
                pages_id,
                Object::Reference(resources),
                contents,
                &geometry,
            ))
        })
        .collect();
    if let Ok(Object::Dictionary(pages)) = lo.get_object_mut(pages_id) {
        pages.set(
            "Kids",
            Object::Array(page_ids.iter().copied().map(Object::Reference).collect()),
        );
        pages.set("Count", Object::Integer(page_ids.len() as i64));
    }
    // The faces' parsed tables are no longer needed: free them, and what the threads freed,
    // before the outline is built.
    drop(loaded_fonts);
    release_free_heap();
    finish(&mut lo, document, &summary, &page_ids);
    lo.save_to(&mut &mut *sink)
        .map_err(|e| write_error(format!("could not write the PDF: {e}")))?;
    let mut summary = summary;
    summary.placeholders = pictures
        .iter()
        .enumerate()
        .filter_map(|(index, picture)| picture.as_ref().err().map(|why| (index, why.clone())))
        .collect();
    Ok(summary)
}

/// How the subset faces show each (face, character): one lookup per glyph on the pages.
type ShownByChar = FxHashMap<(FaceId, char), Shown>;

/// How many laid-out pages wait for the writer before the layout thread writes them itself.
const PAGES_WAITING: usize = 32;

/// The fast level: level 3 made the 246-page draft's PDF 10% smaller (1.50 MB, not 1.65 MB)
/// for 9% more wall time of the whole conversion (A/B, 30 runs each: 87 against 79 ms), and
/// the goal is the time.
const STREAM_LEVEL: flate2::Compression = flate2::Compression::fast();

/// Turns pages into deflated content streams, each kept with its page index.
struct StreamWriter<'a> {
    codes: Arc<ShownByChar>,
    geometry: &'a Geometry,
    pictures: &'a [Result<String, String>],
    deflater: Deflater,
    written: Vec<(usize, Vec<u8>)>,
}

impl<'a> StreamWriter<'a> {
    fn new(
        codes: Arc<ShownByChar>,
        geometry: &'a Geometry,
        pictures: &'a [Result<String, String>],
    ) -> Self {
        StreamWriter {
            codes,
            geometry,
            pictures,
            deflater: Deflater::new(STREAM_LEVEL),
            written: Vec::new(),
        }
    }

    /// A writer once the codes come, or `None` when their sender gave up.
    fn when_planned(
        codes: &Receiver<Arc<ShownByChar>>,
        geometry: &'a Geometry,
        pictures: &'a [Result<String, String>],
    ) -> Option<Self> {
        let codes = codes.recv().ok()?;
        Some(StreamWriter::new(codes, geometry, pictures))
    }

    fn write(&mut self, index: usize, page: &Page) -> Result<(), Error> {
        let content = content_stream(page, self.geometry, &self.codes, self.pictures);
        self.written.push((index, self.deflater.deflate(&content)?));
        Ok(())
    }

    /// Takes pages from `queue` until it closes; two threads share the queue.
    fn drain(&mut self, queue: &Mutex<Receiver<(usize, Page)>>) -> Result<(), Error> {
        loop {
            let next = queue
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .recv();
            let Ok((index, page)) = next else {
                return Ok(());
            };
            self.write(index, &page)?;
        }
    }
}

/// Each of the document's pictures as an image XObject named `/ImN` (or why it could not be:
/// it prints as an empty frame), and the dictionary naming them for the pages' resources.
fn add_pictures(
    lo: &mut lopdf::Document,
    document: &Document,
) -> (Vec<Result<String, String>>, Option<Dictionary>) {
    let images = document.images();
    if images.is_empty() {
        return (Vec::new(), None);
    }
    let mut xobjects = Dictionary::new();
    let names: Vec<Result<String, String>> = images
        .iter()
        .enumerate()
        .map(|(index, image)| {
            let id = super::images::add_xobject(lo, image)?;
            let name = format!("Im{}", index + 1);
            xobjects.set(name.as_bytes(), Object::Reference(id));
            Ok(name)
        })
        .collect();
    (names, Some(xobjects))
}

/// The document's creation date: `SOURCE_DATE_EPOCH` when set, else the Unix epoch, so that
/// the same input gives the same bytes.
fn creation_date() -> Result<Vec<u8>, Error> {
    let seconds = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|value| value.trim().parse().ok())
        .unwrap_or(0);
    let date = printpdf::OffsetDateTime::from_unix_timestamp(seconds)
        .map_err(|e| write_error(format!("SOURCE_DATE_EPOCH is not a usable date: {e}")))?;
    Ok(format!(
        "D:{:04}{:02}{:02}{:02}{:02}{:02}Z",
        date.year(),
        u8::from(date.month()),
        date.day(),
        date.hour(),
        date.minute(),
        date.second()
    )
    .into_bytes())
}

/// A PDF 1.7 document with its information dictionary, a catalog and an empty page tree;
/// returns it and the page tree's number.
fn new_document(document: &Document) -> Result<(lopdf::Document, ObjectId), Error> {
    let mut lo = lopdf::Document::with_version("1.7");
    let pages_id = lo.add_object(Dictionary::from_iter([
        ("Type", Object::Name(b"Pages".to_vec())),
        ("Kids", Object::Array(Vec::new())),
        ("Count", Object::Integer(0)),
    ]));
    let catalog_id = lo.add_object(Dictionary::from_iter([
        ("Type", Object::Name(b"Catalog".to_vec())),
        ("Pages", Object::Reference(pages_id)),
    ]));
    let date = creation_date()?;
    let info_id = lo.add_object(Dictionary::from_iter([
        (
            "Title",
            Object::String(utf16_text(&document.title()), StringFormat::Hexadecimal),
        ),
        ("Producer", Object::string_literal("wengao")),
        ("Creator", Object::string_literal("wengao")),
        (
            "CreationDate",
            Object::String(date.clone(), StringFormat::Literal),
        ),
        ("ModDate", Object::String(date, StringFormat::Literal)),
    ]));
    lo.trailer.set("Root", Object::Reference(catalog_id));
    lo.trailer.set("Info", Object::Reference(info_id));
    Ok((lo, pages_id))
}

/// The glyphs each face prints, with the character each stands for, and the glyph of every
/// (face, character) pair seen.
struct GlyphInventory<'a> {
    fonts: &'a Fonts,
    by_face: BTreeMap<FaceId, BTreeMap<u16, char>>,
    glyph_of: FxHashMap<(FaceId, char), u16>,
}

impl<'a> GlyphInventory<'a> {
    fn new(fonts: &'a Fonts) -> Self {
        GlyphInventory {
            fonts,
            by_face: BTreeMap::new(),
            glyph_of: FxHashMap::default(),
        }
    }

    fn record(&mut self, face: FaceId, ch: char) {
        if self.glyph_of.contains_key(&(face, ch)) {
            return;
        }
        let gid = self.fonts.face(face).glyph(ch).unwrap_or(0);
        self.glyph_of.insert((face, ch), gid);
        // Glyph 0 stands for every missing character; the first one names it.
        self.by_face
            .entry(face)
            .or_default()
            .entry(gid)
            .or_insert(ch);
    }

    /// The glyphs of every face, with the face's font, for embedding.
    fn faces(&self) -> Vec<FaceGlyphs> {
        self.by_face
            .iter()
            .map(|(face, glyphs)| FaceGlyphs {
                face: *face,
                font: self.fonts.face(*face).font.clone(),
                path: self.fonts.face(*face).path.clone(),
                glyphs: glyphs.clone(),
            })
            .collect()
    }
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
    shown: &ShownByChar,
    pictures: &[Result<String, String>],
) -> Vec<u8> {
    let mut out = String::with_capacity(page.lines.len() * 28 * 12 + 64);
    for image in &page.images {
        let bottom = geometry.page_height - image.top - image.height;
        match pictures.get(image.index) {
            Some(Ok(name)) => {
                out.push_str("q ");
                for value in [image.width, 0.0, 0.0, image.height, image.x, bottom] {
                    push_number(&mut out, value);
                    out.push(' ');
                }
                let _ = writeln!(out, "cm /{name} Do Q");
            }
            // A picture without a PDF form: an empty frame where it would be.
            _ => {
                out.push_str("q 0.6 G 0.5 w ");
                for value in [image.x, bottom, image.width, image.height] {
                    push_number(&mut out, value);
                    out.push(' ');
                }
                out.push_str("re S Q\n");
            }
        }
    }
    for segment in &page.segments {
        out.push_str("q 0 G ");
        push_number(&mut out, segment.thickness);
        out.push_str(" w 0 J ");
        push_number(&mut out, segment.x1);
        out.push(' ');
        push_number(&mut out, geometry.page_height - segment.y1);
        out.push_str(" m ");
        push_number(&mut out, segment.x2);
        out.push(' ');
        push_number(&mut out, geometry.page_height - segment.y2);
        out.push_str(" l S Q\n");
    }
    for rule in &page.rules {
        // Rules first, under the text: a stroked line across the rule's middle.
        let y = geometry.page_height - rule.y;
        out.push_str("q ");
        push_color(&mut out, rule.color);
        out.push_str("RG ");
        push_number(&mut out, rule.thickness);
        out.push_str(" w 0 J ");
        push_number(&mut out, rule.left);
        out.push(' ');
        push_number(&mut out, y);
        out.push_str(" m ");
        push_number(&mut out, rule.right);
        out.push(' ');
        push_number(&mut out, y);
        out.push_str(" l S Q\n");
    }
    out.push_str("BT\n");
    let mut state = TextState::default();
    for line in page.lines.iter().chain(page.folio.as_ref()) {
        let y = geometry.page_height - line.baseline;
        // The open TJ array's last glyph: where it was drawn and how far the font moves on.
        let mut open: Option<(f32, f32)> = None;
        for glyph in &line.glyphs {
            let Shown { code, width } = shown
                .get(&(glyph.face, glyph.ch))
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
                push_code(&mut out, code);
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
                out.push('[');
                push_code(&mut out, code);
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

/// Appends a colour's three components (0–1) and a space, for `rg` or `RG`.
fn push_color(out: &mut String, color: Rgb) {
    for channel in [color.0, color.1, color.2] {
        push_number(out, f32::from(channel) / 255.0);
        out.push(' ');
    }
}

/// Appends `value` with at most two decimals and no trailing zeros.
fn push_number(out: &mut String, value: f32) {
    let hundredths = (value * 100.0).round() as i64;
    if hundredths < 0 {
        out.push('-');
    }
    let magnitude = hundredths.unsigned_abs();
    push_integer(out, magnitude / 100);
    let fraction = magnitude % 100;
    if fraction != 0 {
        out.push('.');
        out.push(char::from(b'0' + (fraction / 10) as u8));
        if fraction % 10 != 0 {
            out.push(char::from(b'0' + (fraction % 10) as u8));
        }
    }
}

/// Appends the decimal digits of `value` (no formatting machinery: this runs per glyph).
fn push_integer(out: &mut String, value: u64) {
    if value >= 10 {
        push_integer(out, value / 10);
    }
    out.push(char::from(b'0' + (value % 10) as u8));
}

/// Appends a glyph code as a four-digit hex string, `<0A1B>`.
fn push_code(out: &mut String, code: u16) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.push('<');
    for shift in [12, 8, 4, 0] {
        out.push(char::from(HEX[usize::from((code >> shift) & 0xF)]));
    }
    out.push('>');
}

/// The font, size, weight and colour last set in the content stream.
#[derive(Default)]
struct TextState {
    current: Option<(FaceId, u32, Weight, Rgb)>,
}

impl TextState {
    /// The font, size, weight and colour of a glyph.
    fn key(glyph: &Glyph) -> (FaceId, u32, Weight, Rgb) {
        (glyph.face, glyph.size.to_bits(), glyph.weight, glyph.color)
    }

    /// True when `glyph` needs another font, size, weight or colour than the last one set.
    fn changes(&self, glyph: &Glyph) -> bool {
        self.current != Some(Self::key(glyph))
    }

    /// Writes the operators that switch to `glyph`'s font, size, weight and colour when they
    /// change; returns whether anything changed.
    fn switch(&mut self, glyph: &Glyph, out: &mut String) -> bool {
        if !self.changes(glyph) {
            return false;
        }
        let previous = self.current;
        self.current = Some(Self::key(glyph));
        let face_changed =
            previous.map(|(f, s, _, _)| (f, s)) != Some((glyph.face, glyph.size.to_bits()));
        if face_changed {
            let _ = write!(out, "/{} ", font_tag(glyph.face));
            push_number(out, glyph.size);
            out.push_str(" Tf\n");
        }
        let color_changed = previous.map(|(_, _, _, c)| c) != Some(glyph.color);
        if color_changed && (previous.is_some() || glyph.color != Rgb::BLACK) {
            push_color(out, glyph.color);
            out.push_str("rg\n");
        }
        let weight_changed = previous.map(|(_, _, w, _)| w) != Some(glyph.weight);
        if weight_changed || (color_changed && glyph.weight == Weight::FakeBold) {
            match glyph.weight {
                Weight::Regular => out.push_str("0 Tr\n"),
                Weight::FakeBold => {
                    push_color(out, glyph.color);
                    out.push_str("RG ");
                    push_number(out, glyph.size * FAKE_BOLD_STROKE_EM);
                    out.push_str(" w 2 Tr\n");
                }
            }
        }
        true
    }
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
        .expect("new_document writes a catalog");
    let items = document.outline();
    let mut anchors: Vec<Option<Anchor>> = vec![None; items.len()];
    for anchor in &summary.anchors {
        if let Some(slot) = anchors.get_mut(anchor.section) {
            *slot = Some(*anchor);
        }
    }
    let outline = if items.is_empty() {
        None
    } else {
        let outlines_id = lo.new_object_id();
        let destination = Destination {
            anchors: &anchors,
            page_ids,
            page_height: summary.geometry.page_height,
        };
        let levels: Vec<u8> = items.iter().map(|item| item.level).collect();
        let titles: Vec<&str> = items.iter().map(|item| item.text.as_ref()).collect();
        let tree = OutlineTree::from_levels(&levels);
        let (first, last, count) =
            add_outline_items(lo, &tree, &tree.roots, &titles, outlines_id, &destination);
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

/// The outline's entries (flat, with levels) as a tree: each entry's children are the entries
/// after it of a deeper level, up to the next of its level or higher.
struct OutlineTree {
    roots: Vec<usize>,
    children: Vec<Vec<usize>>,
}

impl OutlineTree {
    fn from_levels(levels: &[u8]) -> OutlineTree {
        let mut roots = Vec::new();
        let mut children = vec![Vec::new(); levels.len()];
        // Entries still open, innermost last.
        let mut open: Vec<usize> = Vec::new();
        for (index, &level) in levels.iter().enumerate() {
            while open.last().is_some_and(|&parent| levels[parent] >= level) {
                open.pop();
            }
            match open.last() {
                Some(&parent) => children[parent].push(index),
                None => roots.push(index),
            }
            open.push(index);
        }
        OutlineTree { roots, children }
    }
}

/// Adds the bookmarks of `entries` (and their children) under `parent`; returns the first and
/// last item and the number of items shown (all levels open).
fn add_outline_items(
    lo: &mut lopdf::Document,
    tree: &OutlineTree,
    entries: &[usize],
    titles: &[&str],
    parent: ObjectId,
    destination: &Destination,
) -> (ObjectId, ObjectId, i64) {
    let ids: Vec<ObjectId> = entries.iter().map(|_| lo.new_object_id()).collect();
    let mut total = 0;
    for (position, &index) in entries.iter().enumerate() {
        let mut item = Dictionary::new();
        item.set(
            "Title",
            Object::String(utf16_text(titles[index]), StringFormat::Hexadecimal),
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
        let children = &tree.children[index];
        if !children.is_empty() {
            let (first, last, count) =
                add_outline_items(lo, tree, children, titles, ids[position], destination);
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
    use super::{push_code, push_number};

    #[test]
    fn numbers_are_short_and_exact_to_a_hundredth() {
        let mut out = String::new();
        for value in [0.0, 15.79, 16.0, 2.5, -3.25, 595.276, -0.004] {
            push_number(&mut out, value);
            out.push(' ');
        }
        assert_eq!(out, "0 15.79 16 2.5 -3.25 595.28 0 ");
        out.clear();
        for code in [0, 0x0A1B, 0xFFFF] {
            push_code(&mut out, code);
        }
        assert_eq!(out, "<0000><0A1B><FFFF>");
    }
}

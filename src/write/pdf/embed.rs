//! Font embedding for the PDF: each face's used glyphs subset by printpdf, one face at a time.
//!
//! printpdf's font functions do the hard part — subsetting TrueType and CFF programs
//! (allsorts), the CIDs of a CID-keyed CFF, the ToUnicode map — and this module writes the
//! Type0 font, its CID font and descriptor the way printpdf's own serialiser does (subtype
//! and `/FontFile` key by what the program really is, metrics scaled to 1000 units per em).
//! Faces are subset in turn, and each face's file pages are given back once it is done.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use allsorts::binary::read::ReadArrayCow;
use allsorts::binary::read::ReadScope;
use allsorts::binary::write::{WriteBinary, WriteBuffer};
use allsorts::cff::{CFF, CFFVariant, Charset, CustomCharset, FDSelect, IndexU16, MaybeOwnedIndex};
use allsorts::font_data::FontData;
use allsorts::tables::FontTableProvider;

use lopdf::{Dictionary, Object, ObjectId, Stream, StringFormat};
use printpdf::{FontId, ParsedFont};
use rustc_hash::FxHashMap;

use crate::error::Error;

use super::fonts::release_pages;
use super::layout::FaceId;
use super::stream::{Deflater, write_error};
use crate::memory::release_free_heap;

/// The PDF resource name of a face: six capital letters, so that the `TAG+Name` base font
/// name marks the embedded font as a subset.
pub fn font_tag(face: FaceId) -> String {
    let mut tag = String::from("WG");
    let mut n = face.0;
    for _ in 0..4 {
        tag.insert(2, char::from(b'A' + (n % 26) as u8));
        n /= 26;
    }
    tag
}

/// How a content stream shows one glyph.
#[derive(Debug, Clone, Copy, Default)]
pub struct Shown {
    /// The code in the content stream: the subset's glyph id, or for a CID-keyed CFF face its
    /// CID.
    pub code: u16,
    /// The width the PDF gives the code (its font's `/W`), in thousandths of an em.
    pub width: f32,
}

/// The CID fonts' `/DW`: the full-width advance of nearly every Chinese glyph, in
/// thousandths of an em. `/W` lists only the other widths.
const DEFAULT_WIDTH: i64 = 1000;

/// How much of a stream is deflated to see whether deflating the whole is worth it.
const PROBE_BYTES: usize = 8 * 1024;

/// A stream is deflated when its probe shrinks below this share of its size.
const WORTH_DEFLATING: f32 = 0.9;

/// The glyphs one face prints (original glyph id → the character it stands for).
pub struct FaceGlyphs {
    pub face: FaceId,
    pub font: ParsedFont,
    /// The file the face was read from.
    pub path: PathBuf,
    pub glyphs: BTreeMap<u16, char>,
}

/// One face subset, its objects ready to add to the document.
pub struct SubsetFace {
    face: FaceId,
    /// The Type0 font dictionary, without `/ToUnicode` and `/DescendantFonts`.
    font: Dictionary,
    /// The CID font dictionary, without `/FontDescriptor`.
    cid_font: Dictionary,
    /// The font descriptor, without the font program.
    descriptor: Dictionary,
    /// `FontFile2` (TrueType) or `FontFile3` (CFF).
    program_key: &'static str,
    program: Stream,
    to_unicode: Stream,
}

/// How a face's subset will show each of its glyphs (original glyph id → code and width).
pub type PlannedCodes = HashMap<u16, Shown>;

/// How the subset of `face` will show each of its glyphs, known before it is subset so that
/// pages can be written meanwhile: printpdf numbers the glyphs it is handed in their order
/// (.notdef, then ascending ids, as [`subset_face`] hands them), and a CID-keyed CFF keeps
/// each glyph's CID. [`subset_faces`] checks every subset against the plan.
pub fn planned_codes(face: &FaceGlyphs) -> PlannedCodes {
    let scale = em_scale(&face.font);
    let order: Vec<u16> = subset_order(&face.glyphs).collect();
    let cids = original_cids(&face.font, &order);
    order
        .iter()
        .enumerate()
        .map(|(new, &original)| {
            let new = u16::try_from(new).unwrap_or(u16::MAX);
            let code = cids
                .as_ref()
                .and_then(|cids| cids.get(&original).copied())
                .unwrap_or(new);
            let width = shown_width(&face.font, original, scale);
            (original, Shown { code, width })
        })
        .collect()
}

/// The glyphs handed to the subsetter, in its order: .notdef first (allsorts requires it),
/// then the others ascending.
fn subset_order(glyphs: &BTreeMap<u16, char>) -> impl Iterator<Item = u16> + '_ {
    std::iter::once(0).chain(glyphs.keys().copied().filter(|gid| *gid != 0))
}

/// Runs `read` on the `CFF ` table of the font in `bytes` (face `index` of a collection),
/// when it has one.
fn with_cff_table<R>(
    bytes: &[u8],
    index: usize,
    read: impl FnOnce(&[u8]) -> Option<R>,
) -> Option<R> {
    let file = ReadScope::new(bytes).read::<FontData<'_>>().ok()?;
    let provider = file.table_provider(index).ok()?;
    let table = provider.table_data(allsorts::tag::CFF).ok()??;
    read(&table)
}

/// Whether `cff` holds one font, CID-keyed (a CFF2 or name-keyed font is embedded whole).
fn is_one_cid_keyed_font(cff: &CFF<'_>) -> bool {
    cff.name_index.len() == 1 && cff.fonts.len() == 1 && cff.fonts[0].is_cid_keyed()
}

/// Runs `read` on the CFF outlines of `font` when they are one CID-keyed font; `None` for
/// TrueType, name-keyed CFF and CFF2 faces. Parsing reads the CFF's header structures and
/// charset, not its glyph programs.
fn with_cid_keyed_cff<R>(
    font: &ParsedFont,
    read: impl for<'a> FnOnce(&'a CFF<'a>) -> R,
) -> Option<R> {
    let bytes = font.source_bytes()?;
    with_cff_table(bytes.as_slice(), font.original_index, |table| {
        let cff = ReadScope::new(table).read::<CFF<'_>>().ok()?;
        is_one_cid_keyed_font(&cff).then(|| read(&cff))
    })
}

/// The CID of each glyph of a subset program (a bare CFF table, or a whole font), by glyph
/// id, when its outlines are CID-keyed; read in place.
fn subset_cids(program: &[u8], bare_cff: bool) -> Option<Vec<Option<u16>>> {
    let read = |table: &[u8]| {
        let cff = ReadScope::new(table).read::<CFF<'_>>().ok()?;
        let font = cff.fonts.first()?;
        let glyphs = u16::try_from(font.char_strings_index.len()).ok()?;
        font.is_cid_keyed().then(|| {
            (0..glyphs)
                .map(|gid| font.charset.id_for_glyph(gid))
                .collect()
        })
    };
    if bare_cff {
        read(program)
    } else {
        with_cff_table(program, 0, read)
    }
}

/// The CID of each of `glyphs` in `font` when its outlines are a CID-keyed CFF.
fn original_cids(font: &ParsedFont, glyphs: &[u16]) -> Option<HashMap<u16, u16>> {
    with_cid_keyed_cff(font, |cff| {
        glyphs
            .iter()
            .filter_map(|&gid| cff.fonts[0].charset.id_for_glyph(gid).map(|cid| (gid, cid)))
            .collect()
    })
}

/// The bare CFF table of a CID-keyed CFF face subset to `order` (new glyph id = position),
/// which is what the PDF embeds. printpdf would build a whole OpenType font around it first
/// and then cut the table out: 2.7 MB more at the peak for the 246-page draft's body face.
/// The glyph programs are read from the face's file at `path` (see [`compact_char_strings`]).
fn subset_cid_keyed_cff(
    font: &ParsedFont,
    path: &Path,
    order: &[u16],
) -> Option<Result<Vec<u8>, String>> {
    let bytes = font.source_bytes()?;
    with_cff_table(bytes.as_slice(), font.original_index, |table| {
        let parse = || ReadScope::new(table).read::<CFF<'_>>().ok();
        let first = parse()?;
        if !is_one_cid_keyed_font(&first) {
            return None;
        }
        let rust_fontconfig::FontBytes::Mmapped(map) = &*bytes else {
            return Some(write_subset(&first, order));
        };
        let font = &first.fonts[0];
        let CFFVariant::CID(cid) = &font.data else {
            return None;
        };
        let no_subroutines = first.global_subr_index.len() == 0
            && cid.local_subr_indices.iter().all(Option::is_none);
        // Without subroutines, what allsorts' subsetting would do is done here, without its
        // copy of every glyph program: the programs in subset order, the charset and FDSelect
        // of the glyphs kept. With them, allsorts subsets (keeping the subroutines the kept
        // programs call), from the kept programs, each at its glyph's place.
        let kept = if no_subroutines {
            let cids: Option<Vec<u16>> = order[1..]
                .iter()
                .map(|&gid| font.charset.id_for_glyph(gid))
                .collect();
            let dicts: Option<Vec<u8>> = order
                .iter()
                .map(|&gid| cid.fd_select.font_dict_index(gid))
                .collect();
            let (Some(cids), Some(dicts)) = (cids, dicts) else {
                return Some(Err("a glyph outside the font".to_string()));
            };
            Some((cids, dicts))
        } else {
            None
        };
        let entries = if kept.is_some() {
            Entries::Wanted
        } else {
            Entries::EveryGlyph
        };
        let compact =
            match compact_char_strings(path, map, &font.char_strings_index, order, entries) {
                Ok(compact) => compact,
                Err(e) => return Some(Err(format!("{}: {e}", path.display()))),
            };
        drop(first);
        // Parsed again, to hold the compact programs (which must outlive it).
        let mut cff = parse()?;
        match ReadScope::new(&compact).read::<IndexU16>() {
            Ok(programs) => cff.fonts[0].char_strings_index = MaybeOwnedIndex::Borrowed(programs),
            Err(e) => return Some(Err(e.to_string())),
        }
        let Some((cids, dicts)) = kept else {
            return Some(write_subset(&cff, order));
        };
        let font = &mut cff.fonts[0];
        font.charset = Charset::Custom(CustomCharset::Format0 {
            glyphs: ReadArrayCow::Owned(cids),
        });
        if let CFFVariant::CID(cid) = &mut font.data {
            cid.fd_select = FDSelect::Format0 {
                glyph_font_dict_indices: ReadArrayCow::Owned(dicts),
            };
        }
        Some(write_cff(&cff))
    })
}

/// `cff` subset to `order`, written out.
fn write_subset<'a>(cff: &'a CFF<'a>, order: &[u16]) -> Result<Vec<u8>, String> {
    // As printpdf asks allsorts to: a name-keyed font of more than 255 glyphs would become
    // CID-keyed (this one already is).
    let subset: CFF<'_> = cff.subset(order, true).map_err(|e| e.to_string())?.into();
    write_cff(&subset)
}

/// `cff` written out.
fn write_cff(cff: &CFF<'_>) -> Result<Vec<u8>, String> {
    let mut buffer = WriteBuffer::new();
    CFF::write(&mut buffer, cff).map_err(|e| e.to_string())?;
    Ok(buffer.into_inner())
}

/// Which glyphs a compact CharStrings INDEX has an entry for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Entries {
    /// Every glyph of the font, at its place; the unwanted ones empty.
    EveryGlyph,
    /// The wanted glyphs only, in their order.
    Wanted,
}

/// A CharStrings INDEX of the glyphs `wanted` (ascending) of `programs` (a CFF's, in the
/// memory map `map` of the file at `path`), with an entry for each glyph as `entries` says.
/// The programs are read from the file, not through the map: touching a glyph in the map
/// maps 64 KB around it, 3.5 MiB of FandolFang's 7 MB file for the 246-page draft, while its
/// 1 558 programs are 0.9 MB.
fn compact_char_strings(
    path: &Path,
    map: &[u8],
    programs: &MaybeOwnedIndex<'_>,
    wanted: &[u16],
    entries: Entries,
) -> std::io::Result<Vec<u8>> {
    use std::io::{Read, Seek, SeekFrom};
    let bad = |what: &str| std::io::Error::new(std::io::ErrorKind::InvalidData, what.to_string());
    let mut file = std::fs::File::open(path)?;
    if file.metadata()?.len() != map.len() as u64 {
        return Err(bad("the font file changed since it was read"));
    }
    let glyphs = u16::try_from(programs.len()).map_err(|_| bad("too many glyphs"))?;
    // Each entry: the glyph whose program it holds, or none (an empty entry).
    let listed: Vec<Option<u16>> = match entries {
        Entries::EveryGlyph => {
            let mut wanted = wanted.iter().copied().peekable();
            (0..glyphs)
                .map(|gid| {
                    while wanted.next_if(|&w| w < gid).is_some() {}
                    wanted.next_if_eq(&gid)
                })
                .collect()
        }
        Entries::Wanted => wanted.iter().copied().map(Some).collect(),
    };
    let count = u16::try_from(listed.len()).map_err(|_| bad("too many glyphs"))?;
    // The offsets (counted from 1), and the stretches of the file to read: programs that
    // follow each other in the file are read at once.
    let mut offsets: Vec<usize> = Vec::with_capacity(listed.len() + 1);
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut data_len = 0usize;
    for entry in listed {
        offsets.push(data_len + 1);
        let Some(gid) = entry else {
            continue;
        };
        let program = programs
            .read_object(usize::from(gid))
            .ok_or_else(|| bad("bad glyph index"))?;
        // Where the program lies in the file: its address in the map, never read through it.
        let start = (program.as_ptr() as usize)
            .checked_sub(map.as_ptr() as usize)
            .filter(|start| start + program.len() <= map.len())
            .ok_or_else(|| bad("a glyph program outside the font"))?;
        match runs.last_mut() {
            Some((run_start, run_len)) if *run_start + *run_len == start => {
                *run_len += program.len();
            }
            _ => runs.push((start, program.len())),
        }
        data_len += program.len();
    }
    offsets.push(data_len + 1);
    // The offsets take as few bytes as the last needs, as allsorts writes an INDEX.
    let offset_size: usize = match data_len + 1 {
        0..=0xFF => 1,
        0x100..=0xFFFF => 2,
        0x1_0000..=0xFF_FFFF => 3,
        0x100_0000..=0xFFFF_FFFF => 4,
        _ => return Err(bad("glyph data too large")),
    };
    let mut index = Vec::with_capacity(3 + offset_size * offsets.len() + data_len);
    index.extend_from_slice(&count.to_be_bytes());
    index.push(offset_size as u8);
    for offset in offsets {
        index.extend_from_slice(&offset.to_be_bytes()[size_of::<usize>() - offset_size..]);
    }
    for (start, len) in runs {
        let at = index.len();
        index.resize(at + len, 0);
        file.seek(SeekFrom::Start(start as u64))?;
        file.read_exact(&mut index[at..])?;
    }
    Ok(index)
}

/// Thousandths of an em per font unit.
fn em_scale(font: &ParsedFont) -> f32 {
    1000.0 / f32::from(font.pdf_font_metrics.units_per_em.max(1))
}

/// The width the PDF gives a glyph (its `/W` entry), in whole thousandths of an em.
fn shown_width(font: &ParsedFont, glyph: u16, scale: f32) -> f32 {
    (f32::from(font.get_horizontal_advance(glyph)) * scale).trunc()
}

/// Subsets every face, one after the other, giving back each face's file pages when it is
/// done: in parallel, every face's file and every subsetter's heap were resident at once,
/// 17 MiB of a 246-page PDF's 33 MiB peak (the layout goes on beside them meanwhile).
/// Each subset must show its glyphs as `plans` (one per face, in order) say. `deflater` is
/// the thread's (each deflater holds 380 KB of state).
pub fn subset_faces(
    faces: Vec<FaceGlyphs>,
    plans: &[PlannedCodes],
    deflater: &mut Deflater,
) -> Result<Vec<SubsetFace>, Error> {
    faces
        .into_iter()
        .zip(plans)
        .map(|(face, plan)| {
            let subset = subset_face(&face, plan, deflater);
            release_pages(&face.font);
            release_free_heap();
            subset
        })
        .collect()
}

/// How to show each (face, character) of `glyph_of` (its glyph in that face), by the faces'
/// planned codes.
pub fn shown_glyphs(
    plans: &[(FaceId, &PlannedCodes)],
    glyph_of: &FxHashMap<(FaceId, char), u16>,
) -> FxHashMap<(FaceId, char), Shown> {
    let by_face: FxHashMap<FaceId, &PlannedCodes> = plans.iter().copied().collect();
    glyph_of
        .iter()
        .map(|(&(face, ch), gid)| {
            let how = by_face.get(&face).and_then(|shown| shown.get(gid));
            ((face, ch), how.copied().unwrap_or_default())
        })
        .collect()
}

/// Adds the subset fonts to `lo` and returns the resource dictionary every page shares,
/// naming them.
pub fn add_fonts(lo: &mut lopdf::Document, subsets: Vec<SubsetFace>) -> ObjectId {
    let mut font_resources = Dictionary::new();
    for subset in subsets {
        let SubsetFace {
            face,
            mut font,
            mut cid_font,
            mut descriptor,
            program_key,
            program,
            to_unicode,
        } = subset;
        descriptor.set(program_key, Object::Reference(lo.add_object(program)));
        cid_font.set(
            "FontDescriptor",
            Object::Reference(lo.add_object(descriptor)),
        );
        font.set("ToUnicode", Object::Reference(lo.add_object(to_unicode)));
        font.set(
            "DescendantFonts",
            Object::Array(vec![Object::Dictionary(cid_font)]),
        );
        font_resources.set(font_tag(face), Object::Reference(lo.add_object(font)));
    }
    let mut resources = Dictionary::new();
    resources.set("Font", Object::Dictionary(font_resources));
    lo.add_object(resources)
}

/// Subsets one face to its glyphs and builds its dictionaries, streams deflated; fails when
/// the subset does not show a glyph as `plan` says (the pages were written by the plan).
fn subset_face(
    face: &FaceGlyphs,
    plan: &PlannedCodes,
    deflater: &mut Deflater,
) -> Result<SubsetFace, Error> {
    let FaceGlyphs {
        face: id,
        font,
        path,
        glyphs,
    } = face;
    let id = *id;
    let tag = font_tag(id);
    let could_not = |e: String| write_error(format!("could not subset font {tag}: {e}"));
    let order: Vec<u16> = subset_order(glyphs).collect();
    // The program: a bare CFF table, or a whole font from printpdf (which hands allsorts the
    // glyphs in `subset_order` too, and numbers them by their place in it).
    let (bytes, bare_cff) = match subset_cid_keyed_cff(font, path, &order) {
        Some(subset) => (subset.map_err(could_not)?, true),
        None => {
            let used: BTreeMap<u16, String> = glyphs
                .iter()
                .map(|(gid, ch)| (*gid, ch.to_string()))
                .collect();
            let subset = printpdf::font::subset_font(font, &used).map_err(could_not)?;
            (subset.bytes, false)
        }
    };
    // A CID-keyed CFF keeps its original CIDs, and viewers resolve codes through them: the
    // code for a glyph is then its CID, else its new glyph id.
    let cid_of = subset_cids(&bytes, bare_cff);
    let metrics = &font.pdf_font_metrics;
    let scale = em_scale(font);
    let mut coded: Vec<(u16, i64, String)> = Vec::with_capacity(glyphs.len());
    for (new, original) in order.iter().enumerate() {
        let Some(ch) = glyphs.get(original) else {
            continue;
        };
        let new = u16::try_from(new).unwrap_or(u16::MAX);
        let code = cid_of
            .as_ref()
            .and_then(|cids| cids.get(usize::from(new)).copied().flatten())
            .unwrap_or(new);
        let planned = plan.get(original).map(|shown| shown.code);
        if planned != Some(code) {
            return Err(write_error(format!(
                "font {tag}: its subset shows glyph {original} as code {code}, not as planned \
                 ({planned:?}); the pages would print wrong glyphs (please report this)"
            )));
        }
        coded.push((
            code,
            shown_width(font, *original, scale) as i64,
            ch.to_string(),
        ));
    }
    // /W ranges and ToUnicode entries need ascending codes.
    coded.sort_by_key(|(code, _, _)| *code);

    let mut deflated = |mut dict: Dictionary, content: Vec<u8>| -> Result<Stream, Error> {
        // CFF outlines are already dense: the fast level saved 5% on FandolFang's 410 KB
        // program for 3 ms, most of a short PDF's CPU time. A probe of the first 8 KB decides.
        let probe = &content[..content.len().min(PROBE_BYTES)];
        if probe.len() == PROBE_BYTES
            && deflater.deflate(probe)?.len() as f32 > probe.len() as f32 * WORTH_DEFLATING
        {
            return Ok(Stream::new(dict, content).with_compression(false));
        }
        let compressed = deflater.deflate(&content)?;
        if compressed.len() >= content.len() {
            return Ok(Stream::new(dict, content).with_compression(false));
        }
        dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
        Ok(Stream::new(dict, compressed).with_compression(false))
    };
    let unicode: Vec<(u16, String)> = coded
        .iter()
        .map(|(code, _, text)| (*code, text.clone()))
        .collect();
    let cmap = printpdf::font::generate_cmap_string(font, &FontId(tag.clone()), &unicode);
    let to_unicode = deflated(Dictionary::new(), cmap.into_bytes())?;

    // Subtype and program key say what the bytes really are: a bare CID-keyed CFF table, a
    // whole OpenType (CFF) font, or TrueType.
    let (subtype, program_key, dict, program) = if bare_cff {
        let dict = name_dict("Subtype", "CIDFontType0C");
        ("CIDFontType0", "FontFile3", dict, bytes)
    } else if let Some(cff) = printpdf::font::extract_cid_keyed_cff(&bytes, 0) {
        // A name-keyed CFF of more than 255 glyphs, made CID-keyed by the subsetter.
        let dict = name_dict("Subtype", "CIDFontType0C");
        ("CIDFontType0", "FontFile3", dict, cff)
    } else if bytes.starts_with(b"OTTO") {
        let dict = name_dict("Subtype", "OpenType");
        ("CIDFontType0", "FontFile3", dict, bytes)
    } else {
        let mut dict = Dictionary::new();
        dict.set("Length1", Object::Integer(bytes.len() as i64));
        ("CIDFontType2", "FontFile2", dict, bytes)
    };
    let program = deflated(dict, program)?;

    let base_font = format!(
        "{tag}+{}",
        font.font_name.clone().unwrap_or_else(|| tag.clone())
    )
    .replace(|c: char| !c.is_ascii_graphic(), "");
    let mut type0 = name_dict("Type", "Font");
    type0.set("Subtype", Object::Name(b"Type0".to_vec()));
    type0.set("BaseFont", Object::Name(base_font.clone().into_bytes()));
    type0.set("Encoding", Object::Name(b"Identity-H".to_vec()));

    let mut cid_font = name_dict("Type", "Font");
    cid_font.set("Subtype", Object::Name(subtype.as_bytes().to_vec()));
    cid_font.set("BaseFont", Object::Name(base_font.clone().into_bytes()));
    let mut system = Dictionary::new();
    system.set(
        "Registry",
        Object::String(b"Adobe".to_vec(), StringFormat::Literal),
    );
    system.set(
        "Ordering",
        Object::String(b"Identity".to_vec(), StringFormat::Literal),
    );
    system.set("Supplement", Object::Integer(0));
    cid_font.set("CIDSystemInfo", Object::Dictionary(system));
    cid_font.set("W", Object::Array(width_array(&coded)));
    cid_font.set("DW", Object::Integer(DEFAULT_WIDTH));
    if subtype == "CIDFontType2" {
        cid_font.set("CIDToGIDMap", Object::Name(b"Identity".to_vec()));
    }

    let scaled = |value: f32| Object::Integer((value * scale).round() as i64);
    // The caret slope gives the italic angle (counter-clockwise from vertical, so negative
    // for italics); OS/2 weight gives the usual StemV estimate.
    let italic_angle = if metrics.caret_slope_rise == 0 {
        0
    } else {
        (-f32::from(metrics.caret_slope_run)
            .atan2(f32::from(metrics.caret_slope_rise))
            .to_degrees())
        .round() as i64
    };
    const NONSYMBOLIC: i64 = 1 << 5;
    const ITALIC: i64 = 1 << 6;
    let flags = NONSYMBOLIC | if italic_angle != 0 { ITALIC } else { 0 };
    let stem_v = if metrics.us_weight_class == 0 {
        80
    } else {
        50 + (f32::from(metrics.us_weight_class) / 65.0).powi(2).round() as i64
    };
    let ascent = font.font_metrics.ascent;
    let mut descriptor = name_dict("Type", "FontDescriptor");
    descriptor.set("FontName", Object::Name(base_font.into_bytes()));
    descriptor.set("Ascent", scaled(ascent));
    descriptor.set("Descent", scaled(font.font_metrics.descent));
    descriptor.set(
        "CapHeight",
        scaled(font.font_metrics.cap_height.unwrap_or(ascent)),
    );
    descriptor.set("ItalicAngle", Object::Integer(italic_angle));
    descriptor.set("Flags", Object::Integer(flags));
    descriptor.set("StemV", Object::Integer(stem_v));
    descriptor.set(
        "FontBBox",
        Object::Array(
            [metrics.x_min, metrics.y_min, metrics.x_max, metrics.y_max]
                .into_iter()
                .map(|v| scaled(f32::from(v)))
                .collect(),
        ),
    );
    Ok(SubsetFace {
        face: id,
        font: type0,
        cid_font,
        descriptor,
        program_key,
        program,
        to_unicode,
    })
}

/// A dictionary with one name entry.
fn name_dict(key: &str, value: &str) -> Dictionary {
    let mut dict = Dictionary::new();
    dict.set(key, Object::Name(value.as_bytes().to_vec()));
    dict
}

/// A `/W` array, `[first [w w …] first [w …] …]`, one run per stretch of consecutive codes;
/// `coded` is sorted by code.
fn width_array(coded: &[(u16, i64, String)]) -> Vec<Object> {
    let mut array = Vec::new();
    let mut run: Vec<Object> = Vec::new();
    let mut first = 0u16;
    let mut previous: Option<u16> = None;
    // A code without a width has the default: most Chinese glyphs need no entry.
    for (code, width, _) in coded.iter().filter(|(_, width, _)| *width != DEFAULT_WIDTH) {
        if previous.is_some_and(|p| p.checked_add(1) == Some(*code)) {
            run.push(Object::Integer(*width));
        } else if previous != Some(*code) {
            if !run.is_empty() {
                array.push(Object::Integer(i64::from(first)));
                array.push(Object::Array(std::mem::take(&mut run)));
            }
            first = *code;
            run.push(Object::Integer(*width));
        }
        previous = Some(*code);
    }
    if !run.is_empty() {
        array.push(Object::Integer(i64::from(first)));
        array.push(Object::Array(run));
    }
    array
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::Template;
    use crate::write::pdf::fonts::{FontSearch, Fonts};
    use lopdf::Object::{Array, Integer};

    /// Characters of many kinds: ideographs spread over the CJK block (glyph programs far
    /// apart in the file), punctuation, Latin, digits, and one no face has (glyph 0).
    fn sample_text() -> String {
        let mut text = String::from(
            "关于做好二〇二六年工作的通知：一、（一）1.（1）ABC xyz 0123，。；\u{E000}",
        );
        text.extend((0x4E00u32..0x9FA5).step_by(37).filter_map(char::from_u32));
        text
    }

    /// Every face the two built-in templates load, each with the glyphs of the sample text.
    fn template_faces() -> Vec<FaceGlyphs> {
        let mut faces = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for name in ["speech", "gongwen"] {
            let template = Template::builtin(name).unwrap();
            let fonts =
                Fonts::load(&template, &[], &FontSearch::from_env()).expect("fonts installed");
            for (index, face) in fonts.faces.iter().enumerate() {
                if !seen.insert(face.path.clone()) {
                    continue;
                }
                let mut glyphs = BTreeMap::new();
                for ch in sample_text().chars() {
                    glyphs.entry(face.glyph(ch).unwrap_or(0)).or_insert(ch);
                }
                faces.push(FaceGlyphs {
                    face: FaceId(index),
                    font: face.font.clone(),
                    path: face.path.clone(),
                    glyphs,
                });
            }
        }
        assert!(faces.len() >= 4, "only {} faces loaded", faces.len());
        faces
    }

    #[test]
    fn every_subset_shows_its_glyphs_as_planned() {
        let faces = template_faces();
        let plans: Vec<PlannedCodes> = faces.iter().map(planned_codes).collect();
        let cid_keyed = faces
            .iter()
            .filter(|face| original_cids(&face.font, &[0]).is_some())
            .count();
        assert!(
            cid_keyed >= 1,
            "no CID-keyed CFF face among the templates' faces"
        );
        for (face, plan) in faces.iter().zip(&plans) {
            assert_eq!(plan.len(), subset_order(&face.glyphs).count());
        }
        // subset_face fails when a subset shows a glyph otherwise than planned.
        let mut deflater = Deflater::new(flate2::Compression::fast());
        let subsets = subset_faces(faces, &plans, &mut deflater).expect("subsets as planned");
        assert_eq!(subsets.len(), plans.len());
    }

    #[test]
    fn a_subset_that_differs_from_its_plan_is_an_error() {
        let face = template_faces().remove(0);
        let mut plan = planned_codes(&face);
        let (&glyph, _) = face.glyphs.iter().find(|(gid, _)| **gid != 0).unwrap();
        plan.entry(glyph)
            .and_modify(|shown| shown.code = shown.code.wrapping_add(1));
        let mut deflater = Deflater::new(flate2::Compression::fast());
        let error = subset_faces(vec![face], &[plan], &mut deflater)
            .err()
            .unwrap();
        assert!(error.to_string().contains("not as planned"), "{error}");
    }

    /// The glyph programs read from the file give the very bytes printpdf's whole-font
    /// subset embedded, and the programs read through the memory map.
    #[test]
    fn compact_programs_subset_as_the_whole_font() {
        let mut compared = 0;
        let mut kinds = std::collections::HashSet::new();
        for face in template_faces() {
            let order: Vec<u16> = subset_order(&face.glyphs).collect();
            let Some(compact) = subset_cid_keyed_cff(&face.font, &face.path, &order) else {
                continue;
            };
            let compact = compact.expect("subset");
            let has_subroutines = with_cid_keyed_cff(&face.font, |cff| {
                cff.global_subr_index.len() > 0
                    || matches!(&cff.fonts[0].data, CFFVariant::CID(cid)
                        if cid.local_subr_indices.iter().any(Option::is_some))
            });
            kinds.insert(has_subroutines);
            let through_map = with_cid_keyed_cff(&face.font, |cff| write_subset(cff, &order))
                .unwrap()
                .unwrap();
            assert!(compact == through_map, "{}", face.path.display());
            let used: BTreeMap<u16, String> = face
                .glyphs
                .iter()
                .map(|(gid, ch)| (*gid, ch.to_string()))
                .collect();
            let whole = printpdf::font::subset_font(&face.font, &used).unwrap();
            let cut = printpdf::font::extract_cid_keyed_cff(&whole.bytes, 0).unwrap();
            assert!(compact == cut, "{}", face.path.display());
            compared += 1;
        }
        assert!(compared >= 1, "no CID-keyed CFF face compared");
        // Faces with subroutines (Noto CJK) go through allsorts' subsetting, faces without
        // (Fandol) have their programs put in subset order here: both are compared.
        assert_eq!(
            kinds.len(),
            2,
            "subroutines in every face or in none: {kinds:?}"
        );
    }

    #[test]
    fn programs_are_not_read_from_a_file_that_changed() {
        let face = template_faces()
            .into_iter()
            .find(|face| original_cids(&face.font, &[0]).is_some())
            .unwrap();
        let order: Vec<u16> = subset_order(&face.glyphs).collect();
        let other = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(other.path(), b"not the font").unwrap();
        let error = subset_cid_keyed_cff(&face.font, other.path(), &order)
            .unwrap()
            .unwrap_err();
        assert!(error.contains("changed"), "{error}");
    }

    #[test]
    fn widths_are_grouped_in_runs_of_consecutive_codes_and_the_default_left_out() {
        let coded: Vec<(u16, i64, String)> = [(1, 500), (2, 600), (3, 700), (7, 1000), (9, 250)]
            .into_iter()
            .map(|(code, width)| (code, width, String::new()))
            .collect();
        assert_eq!(
            width_array(&coded),
            vec![
                Integer(1),
                Array(vec![Integer(500), Integer(600), Integer(700)]),
                Integer(9),
                Array(vec![Integer(250)]),
            ]
        );
    }
}

//! Font embedding for the PDF: each face's used glyphs subset by printpdf, one face at a time.
//!
//! printpdf's font functions do the hard part — subsetting TrueType and CFF programs
//! (allsorts), the CIDs of a CID-keyed CFF, the ToUnicode map — and this module writes the
//! Type0 font, its CID font and descriptor the way printpdf's own serialiser does (subtype
//! and `/FontFile` key by what the program really is, metrics scaled to 1000 units per em).
//! Faces are subset in turn, and each face's file pages are given back once it is done.

use std::collections::{BTreeMap, HashMap};

use lopdf::{Dictionary, Object, ObjectId, Stream, StringFormat};
use printpdf::{FontId, ParsedFont};
use rustc_hash::FxHashMap;

use crate::error::Error;

use super::fonts::release_pages;
use super::layout::FaceId;
use super::stream::{Deflater, write_error};

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
    shown: HashMap<u16, Shown>,
}

/// Subsets every face, one after the other, giving back each face's file pages when it is
/// done: in parallel, every face's file and every subsetter's heap were resident at once,
/// 17 MiB of a 246-page PDF's 33 MiB peak (the layout goes on beside them meanwhile).
pub fn subset_faces(faces: Vec<FaceGlyphs>) -> Result<Vec<SubsetFace>, Error> {
    faces
        .into_iter()
        .map(|face| {
            let subset = subset_face(&face);
            release_pages(&face.font);
            subset
        })
        .collect()
}

/// How to show each (face, character) of `glyph_of` (its glyph in that face) with the subset
/// faces.
pub fn shown_glyphs(
    subsets: &[SubsetFace],
    glyph_of: &FxHashMap<(FaceId, char), u16>,
) -> FxHashMap<(FaceId, char), Shown> {
    let by_face: FxHashMap<FaceId, &HashMap<u16, Shown>> = subsets
        .iter()
        .map(|subset| (subset.face, &subset.shown))
        .collect();
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
            shown: _,
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

/// Subsets one face to its glyphs and builds its dictionaries, streams deflated.
fn subset_face(face: &FaceGlyphs) -> Result<SubsetFace, Error> {
    let FaceGlyphs {
        face: id,
        font,
        glyphs,
    } = face;
    let id = *id;
    let tag = font_tag(id);
    let used: BTreeMap<u16, String> = glyphs
        .iter()
        .map(|(gid, ch)| (*gid, ch.to_string()))
        .collect();
    let subset = printpdf::font::subset_font(font, &used)
        .map_err(|e| write_error(format!("could not subset font {tag}: {e}")))?;
    // A CID-keyed CFF keeps its original CIDs, and viewers resolve codes through them: the
    // code for a glyph is then its CID, else its new glyph id.
    let cid_of = printpdf::font::cff_charset_gid_to_cid_map(&subset.bytes, 0);
    let metrics = &font.pdf_font_metrics;
    let scale = 1000.0 / f32::from(metrics.units_per_em.max(1));
    let mut coded: Vec<(u16, i64, String)> = Vec::with_capacity(subset.glyph_mapping.len());
    let mut shown = HashMap::with_capacity(subset.glyph_mapping.len());
    for (original, (new, text)) in &subset.glyph_mapping {
        let code = cid_of
            .as_ref()
            .and_then(|map| map.get(new).copied())
            .unwrap_or(*new);
        let width = (f32::from(font.get_horizontal_advance(*original)) * scale) as i64;
        shown.insert(
            *original,
            Shown {
                code,
                width: width as f32,
            },
        );
        coded.push((code, width, text.clone()));
    }
    // /W ranges and ToUnicode entries need ascending codes.
    coded.sort_by_key(|(code, _, _)| *code);

    let mut deflater = Deflater::new(flate2::Compression::fast());
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
    let is_opentype_cff = subset.bytes.starts_with(b"OTTO");
    let (subtype, program_key, program) =
        match printpdf::font::extract_cid_keyed_cff(&subset.bytes, 0) {
            Some(cff) => (
                "CIDFontType0",
                "FontFile3",
                deflated(name_dict("Subtype", "CIDFontType0C"), cff)?,
            ),
            None if is_opentype_cff => (
                "CIDFontType0",
                "FontFile3",
                deflated(name_dict("Subtype", "OpenType"), subset.bytes)?,
            ),
            None => {
                let mut dict = Dictionary::new();
                dict.set("Length1", Object::Integer(subset.bytes.len() as i64));
                ("CIDFontType2", "FontFile2", deflated(dict, subset.bytes)?)
            }
        };

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
        shown,
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
    use super::width_array;
    use lopdf::Object::{Array, Integer};

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

//! The PDF writer: fonts ([`fonts`]), a pure page layout of the flow's blocks ([`layout`]),
//! font embedding ([`embed`]) and emission ([`emit`]).
//!
//! ```no_run
//! use wengao::{model::Document, write::{pdf, WriteOptions}};
//! let mut bytes = Vec::new();
//! pdf::write_to(&Document::default(), &WriteOptions::default(), &mut bytes).unwrap();
//! assert!(bytes.starts_with(b"%PDF"));
//! ```

mod embed;
mod emit;
pub mod fonts;
mod images;
pub mod layout;
mod stream;
pub mod table;

use crate::error::{Error, Warning, WarningKind};
use crate::flow::{Flow, FlowOptions};
use crate::model::Document;
use crate::write::WriteOptions;

use fonts::{FontSearch, Fonts};

/// Writes `document` into `sink` as a PDF laid out on the template's page grid; returns the
/// warnings (characters no installed face has).
pub fn write_to(
    document: &Document,
    options: &WriteOptions,
    sink: &mut dyn std::io::Write,
) -> Result<Vec<Warning>, Error> {
    let fonts = Fonts::load(&options.template, &options.fonts, &FontSearch::from_env())?;
    let flow = Flow::new(
        document,
        &options.template,
        FlowOptions {
            toc: false,
            ..options.flow_options()
        },
    );
    let summary = emit::emit(document, &flow, fonts, sink)?;
    let mut warnings = missing_glyph_warnings(&summary.missing);
    for (index, why) in &summary.placeholders {
        warnings.push(Warning::general(
            WarningKind::Output,
            format!(
                "picture {} prints as an empty frame in the PDF: {why} (the DOCX keeps it)",
                index + 1
            ),
        ));
    }
    Ok(warnings)
}

/// Starts finding and parsing the PDF's faces on another thread, so that a caller can read
/// its input meanwhile; [`write_to`] then finds them loaded ([`Fonts::load`] keeps them for
/// the process). A failure is not kept: `write_to` looks again and reports it.
pub fn load_fonts_ahead(options: &WriteOptions) -> std::thread::JoinHandle<()> {
    let (template, overrides) = (options.template.clone(), options.fonts.clone());
    std::thread::spawn(move || {
        let _ = Fonts::load(&template, &overrides, &FontSearch::from_env());
    })
}

/// Characters named one by one in the warning about missing glyphs; the rest are counted.
const MAX_NAMED_MISSING: usize = 8;

/// One warning for the characters that no installed face has (a Thai phrase would otherwise
/// give a line per letter).
fn missing_glyph_warnings(missing: &[char]) -> Vec<Warning> {
    let named: Vec<String> = missing
        .iter()
        .take(MAX_NAMED_MISSING)
        .map(|c| format!("{c} (U+{:04X})", *c as u32))
        .collect();
    let (list, verb) = match missing.len() {
        0 => return Vec::new(),
        1 => (named.join(""), "it prints as an empty box"),
        n if n <= MAX_NAMED_MISSING => (
            format!("{n} characters: {}", named.join(", ")),
            "they print as empty boxes",
        ),
        n => (
            format!(
                "{n} characters: {} and {} more",
                named.join(", "),
                n - MAX_NAMED_MISSING
            ),
            "they print as empty boxes",
        ),
    };
    vec![Warning::general(
        WarningKind::Output,
        format!(
            "no installed font has {list}; {verb} (install a font that has them, or pass \
             --font body=PATH)"
        ),
    )]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_glyphs_make_one_warning() {
        assert!(missing_glyph_warnings(&[]).is_empty());
        let one = missing_glyph_warnings(&['\u{20000}']);
        assert_eq!(one.len(), 1);
        assert!(
            one[0]
                .message
                .contains("𠀀 (U+20000); it prints as an empty box")
        );
        let thai: Vec<char> = "ภาษาไทยเปนทสวงม".chars().collect();
        let many = missing_glyph_warnings(&thai);
        assert_eq!(many.len(), 1);
        assert!(
            many[0].message.contains("15 characters: ภ (U+0E20)")
                && many[0].message.contains("and 7 more"),
            "{}",
            many[0].message
        );
    }
}

//! The PDF writer: fonts ([`fonts`]), a pure page layout ([`layout`], [`linebreak`]) and emission ([`emit`]).
//!
//! ```no_run
//! use wengao::{model::Document, write::{pdf, WriteOptions}};
//! let output = pdf::write(&Document::default(), &WriteOptions::default()).unwrap();
//! assert!(output.bytes.starts_with(b"%PDF"));
//! ```

pub mod emit;
pub mod fonts;
pub mod layout;
pub mod linebreak;

use crate::error::{Error, Warning, WarningKind};
use crate::model::Document;
use crate::write::{Output, WriteOptions};

use fonts::{FontSearch, Fonts};

/// Writes `document` as a PDF laid out on the template's page grid.
pub fn write(document: &Document, options: &WriteOptions) -> Result<Output, Error> {
    let fonts = Fonts::load(&options.template, &options.fonts, &FontSearch::from_env())?;
    let layout = layout::layout(document, &options.template, &fonts);
    let warnings = missing_glyph_warnings(&layout.missing);
    let bytes = emit::emit(document, &layout, &fonts)?;
    Ok(Output { bytes, warnings })
}

/// One warning per character that no installed face has.
fn missing_glyph_warnings(missing: &[char]) -> Vec<Warning> {
    missing
        .iter()
        .map(|c| {
            Warning::general(
                WarningKind::Output,
                format!(
                    "no installed font has {c} (U+{:04X}); it prints as an empty box (install a \
                     font that has it, or pass --font body=PATH)",
                    *c as u32
                ),
            )
        })
        .collect()
}

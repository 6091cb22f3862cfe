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

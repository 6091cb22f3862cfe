//! Writers: the model to the bytes of an output format. A writer never re-parses.

pub mod docx;
pub mod html;
pub mod json;
pub mod markdown;
pub mod pdf;
pub mod text;

use crate::error::{Error, Warning};
use crate::format::Format;
use crate::model::Document;
use crate::template::Template;

/// Options shared by the writers.
#[derive(Debug, Clone)]
pub struct WriteOptions {
    /// Page, fonts and sizes.
    pub template: Template,
    /// Add a table of contents (DOCX, HTML).
    pub toc: bool,
    /// HTML: only the `<article>`.
    pub fragment: bool,
    /// HTML: a user's page template instead of the shipped one.
    pub html_template: Option<String>,
    /// Font files by role name (`--font body=/path/FangSong.ttf`).
    pub fonts: Vec<(String, String)>,
}

impl Default for WriteOptions {
    fn default() -> Self {
        WriteOptions {
            template: Template::builtin("gongwen").expect("the shipped template parses"),
            toc: false,
            fragment: false,
            html_template: None,
            fonts: Vec::new(),
        }
    }
}

/// The bytes of one output and what the writer wants the user to know.
#[derive(Debug, Clone)]
pub struct Output {
    pub bytes: Vec<u8>,
    pub warnings: Vec<Warning>,
}

impl Output {
    fn clean(bytes: Vec<u8>) -> Self {
        Output {
            bytes,
            warnings: Vec::new(),
        }
    }
}

/// Writes `document` as `format`.
pub fn write(format: Format, document: &Document, options: &WriteOptions) -> Result<Output, Error> {
    Ok(match format {
        Format::Text => Output::clean(text::write(document)),
        Format::Markdown => Output::clean(markdown::write(document)),
        Format::Json => Output::clean(json::write(document)),
        Format::Html => html::write(document, options)?,
        Format::Docx => docx::write(document, options)?,
        Format::Pdf => pdf::write(document, options)?,
    })
}

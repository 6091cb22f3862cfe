//! Readers: bytes of an input format to the model plus warnings.

pub mod docx;
pub mod json;
pub mod markdown;
pub mod text;

use encoding_rs::Encoding;

use crate::error::{Error, Warning};
use crate::format::Format;
use crate::model::Document;

/// One input: a name for messages ("-" for standard input) and its bytes.
#[derive(Debug, Clone)]
pub struct Input {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Options of the readers.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Decode with this encoding instead of detecting one.
    pub encoding: Option<&'static Encoding>,
    /// Keep web boilerplate lines instead of removing them.
    pub keep_boilerplate: bool,
    /// Keep half-width punctuation between Chinese characters as written.
    pub keep_punctuation: bool,
}

/// What a reader returns.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub document: Document,
    pub warnings: Vec<Warning>,
    /// Why each heading of a text input is a heading and sits at its level, in reading
    /// order (`wengao outline --explain`); empty for wengao's own Markdown and JSON, whose
    /// headings are written as such.
    pub explanations: Vec<text::structure::Explanation>,
    /// What reading a Word file kept, changed and dropped (`--report FILE`).
    pub word_report: Option<docx::report::Report>,
}

/// Reads inputs of one format into one document. Several inputs are pages of one text.
pub fn read(format: Format, inputs: &[Input], options: &ReadOptions) -> Result<Parsed, Error> {
    match sniff(format, inputs) {
        Format::Text => text::read(inputs, options),
        Format::Markdown => markdown::read(&single(inputs, "markdown")?, options),
        Format::Json => json::read(&single(inputs, "json")?),
        Format::Docx => docx::read(&single(inputs, "docx")?, options),
        Format::Html | Format::Pdf => Err(Error::Usage(format!(
            "{} is an output format; --from takes {}",
            format.name(),
            Format::readable_names()
        ))),
    }
}

/// The format of an input by its content when its name did not say (a Word file named
/// `draft` or sent on standard input): a zip with `word/document.xml`, or a file LibreOffice
/// can turn into one; otherwise `named`.
pub fn sniff(named: Format, inputs: &[Input]) -> Format {
    match inputs {
        [one] if named == Format::Text && Format::sniff(&one.bytes) == Format::Docx => Format::Docx,
        _ => named,
    }
}

fn single(inputs: &[Input], what: &str) -> Result<Input, Error> {
    match inputs {
        [one] => Ok(one.clone()),
        _ => Err(Error::Usage(format!(
            "{what} input takes one file; several files are pages of a text input"
        ))),
    }
}

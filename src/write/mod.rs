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
    pub html_template: Option<PageTemplate>,
    /// Font files by role name (`--font body=/path/FangSong.ttf`).
    pub fonts: Vec<(String, String)>,
    /// The 署名 laid out for a seal or without one (`--no-seal`); `None` follows the document.
    pub seal: Option<bool>,
    /// The 公文's kind instead of the one the reader found (`--kind letter`).
    pub kind: Option<crate::model::DocKind>,
    /// Markdown: the folder (relative to the .md) its pictures are written to; `None` puts
    /// them in the Markdown as data URIs.
    pub markdown_images: Option<String>,
}

impl WriteOptions {
    /// What the flow needs to know of these options.
    pub fn flow_options(&self) -> crate::flow::FlowOptions {
        crate::flow::FlowOptions {
            toc: self.toc,
            seal: self.seal,
            kind: self.kind,
        }
    }
}

impl Default for WriteOptions {
    fn default() -> Self {
        WriteOptions {
            template: Template::builtin("gongwen").expect("the shipped template parses"),
            toc: false,
            fragment: false,
            html_template: None,
            fonts: Vec::new(),
            seal: None,
            kind: None,
            markdown_images: None,
        }
    }
}

/// A user's HTML page template (`--html-template`), read by the caller.
#[derive(Debug, Clone)]
pub struct PageTemplate {
    /// Where it came from, for error messages.
    pub origin: String,
    pub source: String,
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
        Format::Markdown => Output::clean(markdown::write_linking_images(
            document,
            options.markdown_images.as_deref(),
        )),
        Format::Json => Output::clean(json::write(document)),
        Format::Html => html::write(document, options)?,
        Format::Docx => docx::write(document, options)?,
        Format::Pdf => {
            let mut bytes = Vec::new();
            let warnings = pdf::write_to(document, options, &mut bytes)?;
            Output { bytes, warnings }
        }
    })
}

/// Writes `document` as `format` into `sink` and returns the warnings. The PDF writer streams
/// into the sink, so a file target never holds a second copy of a large PDF in memory; the
/// others write their finished bytes.
pub fn write_to(
    format: Format,
    document: &Document,
    options: &WriteOptions,
    sink: &mut dyn std::io::Write,
) -> Result<Vec<Warning>, Error> {
    if format == Format::Pdf {
        return pdf::write_to(document, options, sink);
    }
    let output = write(format, document, options)?;
    sink.write_all(&output.bytes)
        .map_err(|e| sink_error(format, e))?;
    Ok(output.warnings)
}

/// Writes `document` as `format` to the file `path` among `outputs` (all-or-nothing): a
/// Markdown file's pictures go to the files of a folder beside it, `NAME.images/`.
pub fn write_file(
    outputs: &mut crate::files::Outputs,
    path: &std::path::Path,
    format: Format,
    document: &Document,
    options: &WriteOptions,
    warnings: &mut Vec<Warning>,
) -> Result<(), Error> {
    let mut beside = None;
    if format == Format::Markdown && !document.images().is_empty() {
        let stem = path.file_stem().map_or_else(
            || "wengao".to_string(),
            |s| s.to_string_lossy().into_owned(),
        );
        let folder = format!("{stem}.images");
        let dir = crate::files::parent_dir(path);
        std::fs::create_dir_all(dir.join(&folder)).map_err(|e| Error::io(&dir.join(&folder), e))?;
        for (name, bytes) in markdown::image_files(document, &folder) {
            outputs.write(&dir.join(&name), &mut |sink| {
                sink.write_all(bytes).map_err(|e| sink_error(format, e))
            })?;
        }
        let mut with_folder = options.clone();
        with_folder.markdown_images = Some(folder);
        beside = Some(with_folder);
    }
    let options = beside.as_ref().unwrap_or(options);
    outputs.write(path, &mut |sink| {
        warnings.extend(write_to(format, document, options, sink)?);
        Ok(())
    })
}

/// The error for a sink that refused bytes (a full disk, a closed pipe).
pub fn sink_error(format: Format, error: impl std::fmt::Display) -> Error {
    Error::Write {
        format: format.name(),
        message: format!("could not write the output: {error}"),
    }
}

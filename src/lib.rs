//! wengao (文稿): Chinese speeches and official documents to DOCX, PDF, Markdown, HTML and JSON.
//!
//! The phases: a reader ([`read`]) turns input bytes into one [`model::Document`] plus
//! warnings; writers ([`write`]) turn the document into bytes, styled by a [`template::Template`].
//!
//! ```
//! use wengao::{convert, format::Format, read::{Input, ReadOptions}, write::WriteOptions};
//! let input = Input { name: "s.txt".into(), bytes: "讲话\n一、总体要求\n正文。".as_bytes().to_vec() };
//! let result = convert(vec![input], Format::Text, &[Format::Markdown], &ReadOptions::default(), &WriteOptions::default()).unwrap();
//! assert!(String::from_utf8(result.outputs[0].bytes.clone()).unwrap().contains("## 一、总体要求"));
//! ```

pub mod batch;
pub mod error;
pub mod files;
pub mod flow;
pub mod format;
pub mod gongwen_check;
pub mod memory;
pub mod model;
pub mod outline;
pub mod read;
pub mod serve;
pub mod template;
pub mod write;

pub use error::{Error, Warning, WarningKind};
pub use format::Format;
pub use model::Document;
pub use read::{Input, Parsed, ReadOptions};
pub use template::Template;
pub use write::{Output, WriteOptions};

/// The result of one conversion: the model, one output per requested format, all warnings.
#[derive(Debug, Clone)]
pub struct Conversion {
    pub document: Document,
    pub outputs: Vec<Output>,
    pub warnings: Vec<Warning>,
}

/// Reads `inputs` (pages of one text) as `from` and writes every format of `to` from one parse.
/// Takes the inputs by value so their bytes are freed before the writers run.
pub fn convert(
    inputs: Vec<Input>,
    from: Format,
    to: &[Format],
    read_options: &ReadOptions,
    write_options: &WriteOptions,
) -> Result<Conversion, Error> {
    let parsed = read::read(from, &inputs, read_options)?;
    // The input bytes are no longer needed; free them before the writers allocate.
    drop(inputs);
    let mut warnings = parsed.warnings;
    let mut outputs = Vec::with_capacity(to.len());
    for &format in to {
        let output = write::write(format, &parsed.document, write_options)?;
        warnings.extend(output.warnings.iter().cloned());
        outputs.push(output);
    }
    Ok(Conversion {
        document: parsed.document,
        outputs,
        warnings,
    })
}

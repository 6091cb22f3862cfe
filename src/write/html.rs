//! The HTML writer (not written yet: see the open issue).

use crate::error::Error;
use crate::model::Document;
use crate::write::{Output, WriteOptions};

/// Not implemented yet: returns an error saying so.
pub fn write(_document: &Document, _options: &WriteOptions) -> Result<Output, Error> {
    Err(Error::Write {
        format: "html",
        message: "this writer is not implemented yet".into(),
    })
}

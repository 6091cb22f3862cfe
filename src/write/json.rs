//! The JSON writer: the model, pretty-printed, ending with a newline.

use crate::model::Document;

/// Serialises the document; `read::json` reads it back unchanged.
pub fn write(document: &Document) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(document).expect("the model always serialises");
    bytes.push(b'\n');
    bytes
}

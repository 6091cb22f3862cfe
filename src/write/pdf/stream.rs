//! What the PDF's emission and font embedding share: one deflate compressor for every stream,
//! and the PDF writer's error.

use std::io::Write as _;

use crate::error::Error;

/// The PDF writer's error with `message`.
pub fn write_error(message: String) -> Error {
    Error::Write {
        format: "pdf",
        message,
    }
}

/// Deflates streams with one compressor for them all: a new compressor per
/// page allocates and frees some 300 KB of tables each time, which fragmented the heap until a
/// 10 MB speech's PDF took half a gigabyte.
pub struct Deflater {
    encoder: flate2::write::ZlibEncoder<Vec<u8>>,
}

impl Deflater {
    pub fn new(level: flate2::Compression) -> Self {
        Deflater {
            encoder: flate2::write::ZlibEncoder::new(Vec::new(), level),
        }
    }

    pub fn deflate(&mut self, content: &[u8]) -> Result<Vec<u8>, Error> {
        self.encoder
            .write_all(content)
            .and_then(|()| self.encoder.reset(Vec::with_capacity(content.len() / 3)))
            .map(|mut compressed| {
                compressed.shrink_to_fit();
                compressed
            })
            .map_err(|e| write_error(format!("could not compress a stream: {e}")))
    }
}

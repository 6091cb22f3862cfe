//! Decoding input bytes: UTF-8 (with or without BOM), UTF-16 with BOM, GBK/GB18030 by detection.

use encoding_rs::{Encoding, GB18030, UTF_8, UTF_16BE, UTF_16LE};

use crate::error::Error;

/// Decodes `bytes` read from `path`. `forced` skips detection.
///
/// ```
/// let text = wengao::read::text::decode::decode("讲话".as_bytes(), "x.txt", None).unwrap();
/// assert_eq!(text, "讲话");
/// ```
pub fn decode(
    bytes: &[u8],
    path: &str,
    forced: Option<&'static Encoding>,
) -> Result<String, Error> {
    let text = match forced {
        Some(encoding) => decode_strict(bytes, encoding, path)?,
        None => detect_and_decode(bytes, path)?,
    };
    reject_binary(&text, path)?;
    Ok(text)
}

/// Looks an encoding up by a user-given label ("gbk", "gb18030", "utf-8", …).
pub fn encoding_by_label(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.trim().as_bytes())
}

fn detect_and_decode(bytes: &[u8], path: &str) -> Result<String, Error> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return decode_strict(&bytes[bom_len..], encoding, path);
    }
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        // NUL bytes without a UTF-16 BOM: binary, or UTF-16 without BOM (rare, refused).
        return Err(binary_error(path, pos));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(utf8_error) => {
            let mut detector =
                chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            detector.feed(bytes, true);
            let guess = detector.guess(Some(b"cn"), chardetng::Utf8Detection::Deny);
            let chinese =
                guess == encoding_rs::GBK || guess == GB18030 || guess == encoding_rs::BIG5;
            if chinese {
                // GB18030 is a superset of GBK: decode with it so rarer characters survive.
                let encoding = if guess == encoding_rs::BIG5 {
                    guess
                } else {
                    GB18030
                };
                decode_strict(bytes, encoding, path)
            } else {
                Err(Error::Undecodable {
                    path: path.to_string(),
                    offset: utf8_error.valid_up_to(),
                    detail: format!(
                        "invalid UTF-8 and no Chinese encoding fits (looks like {})",
                        guess.name()
                    ),
                })
            }
        }
    }
}

fn decode_strict(bytes: &[u8], encoding: &'static Encoding, path: &str) -> Result<String, Error> {
    let bytes = if encoding == UTF_8 {
        bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
    } else {
        bytes
    };
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 2);
    let mut read_total = 0;
    loop {
        out.reserve(
            decoder
                .max_utf8_buffer_length_without_replacement(bytes.len() - read_total)
                .unwrap_or(1024),
        );
        let (result, read) =
            decoder.decode_to_string_without_replacement(&bytes[read_total..], &mut out, true);
        read_total += read;
        match result {
            encoding_rs::DecoderResult::InputEmpty => return Ok(out),
            encoding_rs::DecoderResult::OutputFull => continue,
            encoding_rs::DecoderResult::Malformed(bad, _) => {
                return Err(Error::Undecodable {
                    path: path.to_string(),
                    offset: read_total.saturating_sub(bad as usize),
                    detail: format!("bytes that are not {}", pretty_name(encoding)),
                });
            }
        }
    }
}

fn pretty_name(encoding: &'static Encoding) -> &'static str {
    if encoding == UTF_16LE || encoding == UTF_16BE {
        "UTF-16"
    } else {
        encoding.name()
    }
}

fn binary_error(path: &str, offset: usize) -> Error {
    Error::Undecodable {
        path: path.to_string(),
        offset,
        detail: "a NUL byte".to_string(),
    }
}

/// Refuses text with NUL characters or many control characters: it is a binary file.
fn reject_binary(text: &str, path: &str) -> Result<(), Error> {
    let mut controls = 0usize;
    let mut total = 0usize;
    for (offset, c) in text.char_indices() {
        total += 1;
        if c == '\0' {
            return Err(binary_error(path, offset));
        }
        if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}') {
            controls += 1;
        }
    }
    if total > 0 && controls * 100 > total {
        return Err(Error::Undecodable {
            path: path.to_string(),
            offset: 0,
            detail: format!("{controls} control characters in {total}"),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_bom_loses_the_bom() {
        let bytes = b"\xEF\xBB\xBF\xE4\xB8\x80";
        assert_eq!(decode(bytes, "f", None).unwrap(), "一");
    }

    #[test]
    fn gbk_is_detected() {
        let (bytes, _, _) =
            GB18030.encode("各位代表：现在，我代表国务院向大会报告政府工作，请予审议。");
        assert_eq!(
            decode(&bytes, "f", None).unwrap(),
            "各位代表：现在，我代表国务院向大会报告政府工作，请予审议。"
        );
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "讲话".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(decode(&bytes, "f", None).unwrap(), "讲话");
    }

    #[test]
    fn nul_bytes_are_binary() {
        let err = decode(b"abc\0def", "f.bin", None).unwrap_err().to_string();
        assert!(err.contains("f.bin") && err.contains("byte 3"), "{err}");
    }

    #[test]
    fn forced_utf8_reports_offset_of_bad_byte() {
        let err = decode(b"ab\xFFcd", "f", Some(UTF_8))
            .unwrap_err()
            .to_string();
        assert!(err.contains("byte 2"), "{err}");
    }
}

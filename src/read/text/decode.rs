//! Decoding input bytes: UTF-8 (with or without BOM), UTF-16 with BOM, GBK/GB18030 by detection;
//! stray control characters made white space, binary files refused.

use encoding_rs::{Encoding, GB18030, UTF_8, UTF_16BE, UTF_16LE};

use crate::error::{Error, Warning, WarningKind};

/// A run of this many NUL characters means a binary file (or UTF-16 without a byte order mark).
const BINARY_NUL_RUN: usize = 2;
/// More control characters than this share (in thousandths of all characters) means binary.
const BINARY_CONTROL_PER_MILLE: usize = 20;
/// Fewer control characters than this never make a file binary, however short it is.
const BINARY_CONTROL_MINIMUM: usize = 8;

/// Decodes `bytes` read from `path`; `forced` skips detection. Vertical tab and form feed
/// (Word's manual line break, a page break) become line breaks; other stray control
/// characters become spaces, each with a warning in `warnings`.
///
/// ```
/// let mut warnings = Vec::new();
/// let text = wengao::read::text::decode::decode("讲话\u{b}正文".as_bytes(), "x.txt", None, &mut warnings).unwrap();
/// assert_eq!(text, "讲话\n正文");
/// ```
pub fn decode(
    bytes: &[u8],
    path: &str,
    forced: Option<&'static Encoding>,
    warnings: &mut Vec<Warning>,
) -> Result<String, Error> {
    let text = match forced {
        Some(encoding) => decode_strict(bytes, encoding, path)?,
        None => detect_and_decode(bytes, path)?,
    };
    clean_controls(text, path, warnings)
}

/// Looks an encoding up by a user-given label ("gbk", "gb18030", "utf-8", …).
pub fn encoding_by_label(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.trim().as_bytes())
}

fn detect_and_decode(bytes: &[u8], path: &str) -> Result<String, Error> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return decode_strict(&bytes[bom_len..], encoding, path)
            .map_err(|error| shift_offset(error, bom_len));
    }
    if let Some(offset) = nul_run(bytes) {
        return Err(binary_error(
            path,
            offset,
            "a run of NUL bytes (UTF-16 without a byte order mark, or not text)",
        ));
    }
    let utf8_error = match std::str::from_utf8(bytes) {
        Ok(text) => return Ok(text.to_string()),
        Err(error) => error,
    };
    let valid = &bytes[..utf8_error.valid_up_to()];
    // Chinese UTF-8 before the first bad byte: the file is UTF-8 with a bad or truncated byte,
    // not GBK (decoding it as GBK would turn every character before into nonsense).
    let proven_utf8 = valid.iter().filter(|&&b| b >= 0xC0).count() >= 2;
    if proven_utf8 {
        let detail = match utf8_error.error_len() {
            None => "a character cut off at the end of the file (the file is UTF-8)".to_string(),
            Some(len) => format!("{len} byte(s) that are not UTF-8 in a UTF-8 file"),
        };
        return Err(Error::Undecodable {
            path: path.to_string(),
            offset: utf8_error.valid_up_to(),
            detail,
        });
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(Some(b"cn"), chardetng::Utf8Detection::Deny);
    if guess == encoding_rs::GBK || guess == GB18030 {
        // GB18030 is a superset of GBK: decode with it so rarer characters survive.
        decode_strict(bytes, GB18030, path)
    } else if guess == encoding_rs::BIG5 {
        decode_strict(bytes, guess, path)
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

/// The offset of the first run of [`BINARY_NUL_RUN`] NUL bytes.
fn nul_run(bytes: &[u8]) -> Option<usize> {
    // Text has no NUL at all: one fast scan says so.
    if !bytes.contains(&0) {
        return None;
    }
    bytes
        .windows(BINARY_NUL_RUN)
        .position(|window| window.iter().all(|&b| b == 0))
}

fn decode_strict(bytes: &[u8], encoding: &'static Encoding, path: &str) -> Result<String, Error> {
    let (bytes, skipped) = if encoding == UTF_8 {
        match bytes.strip_prefix(b"\xEF\xBB\xBF") {
            Some(rest) => (rest, 3),
            None => (bytes, 0),
        }
    } else {
        (bytes, 0)
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
            encoding_rs::DecoderResult::Malformed(bad, consumed_after) => {
                // `read_total` is past the malformed sequence and the bytes read after it.
                let offset = read_total.saturating_sub(bad as usize + consumed_after as usize);
                return Err(Error::Undecodable {
                    path: path.to_string(),
                    offset: offset + skipped,
                    detail: format!("bytes that are not {}", pretty_name(encoding)),
                });
            }
        }
    }
}

/// The same error with its offset counted from the start of the file (past a BOM).
fn shift_offset(error: Error, by: usize) -> Error {
    match error {
        Error::Undecodable {
            path,
            offset,
            detail,
        } => Error::Undecodable {
            path,
            offset: offset + by,
            detail,
        },
        other => other,
    }
}

fn pretty_name(encoding: &'static Encoding) -> &'static str {
    if encoding == UTF_16LE || encoding == UTF_16BE {
        "UTF-16"
    } else {
        encoding.name()
    }
}

fn binary_error(path: &str, offset: usize, detail: &str) -> Error {
    Error::Undecodable {
        path: path.to_string(),
        offset,
        detail: detail.to_string(),
    }
}

/// Whether a character is a control character that is not a line or tab character.
fn is_stray_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{b}' | '\u{c}')
}

/// Refuses a text that is really binary (a NUL run, many control characters); turns vertical
/// tabs and form feeds into line breaks and other control characters into spaces, with a
/// warning naming each one's line.
fn clean_controls(text: String, path: &str, warnings: &mut Vec<Warning>) -> Result<String, Error> {
    // By bytes first: C0 controls and DEL are single bytes, C1 controls start with 0xC2
    // (which other characters share: the exact test follows).
    let may_hold_controls = text.as_bytes().chunks(64).any(|chunk| {
        chunk.iter().fold(false, |found, &b| {
            found | ((b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t')) || b == 0x7F || b == 0xC2)
        })
    });
    if !may_hold_controls
        || !text
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Ok(text);
    }
    let mut controls = 0usize;
    let mut total = 0usize;
    let mut previous_nul: Option<usize> = None;
    for (offset, c) in text.char_indices() {
        total += 1;
        if c == '\0' {
            if let Some(first) = previous_nul {
                return Err(binary_error(path, first, "a run of NUL characters"));
            }
            previous_nul = Some(offset);
        } else {
            previous_nul = None;
        }
        if is_stray_control(c) {
            controls += 1;
        }
    }
    if controls >= BINARY_CONTROL_MINIMUM && controls * 1000 > total * BINARY_CONTROL_PER_MILLE {
        let first = text.char_indices().find(|&(_, c)| is_stray_control(c));
        return Err(binary_error(
            path,
            first.map_or(0, |(offset, _)| offset),
            &format!("{controls} control characters in {total}: not text"),
        ));
    }
    let mut out = String::with_capacity(text.len());
    let mut line = 1usize;
    let mut after_cr = false;
    for c in text.chars() {
        match c {
            '\u{b}' | '\u{c}' => out.push('\n'),
            c if is_stray_control(c) => {
                warnings.push(Warning::at(
                    line,
                    WarningKind::Input,
                    format!("control character U+{:04X} read as a space", c as u32),
                ));
                out.push(' ');
            }
            c => out.push(c),
        }
        // Count lines as the line splitter will: CRLF, CR, LF, VT and FF each end one.
        match c {
            '\n' if after_cr => {}
            '\n' | '\r' | '\u{b}' | '\u{c}' => line += 1,
            _ => {}
        }
        after_cr = c == '\r';
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8]) -> Result<String, Error> {
        decode(bytes, "f", None, &mut Vec::new())
    }

    #[test]
    fn utf8_with_bom_loses_the_bom() {
        let bytes = b"\xEF\xBB\xBF\xE4\xB8\x80";
        assert_eq!(read(bytes).unwrap(), "一");
    }

    #[test]
    fn gbk_is_detected() {
        let (bytes, _, _) =
            GB18030.encode("各位代表：现在，我代表国务院向大会报告政府工作，请予审议。");
        assert_eq!(
            read(&bytes).unwrap(),
            "各位代表：现在，我代表国务院向大会报告政府工作，请予审议。"
        );
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "讲话".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(read(&bytes).unwrap(), "讲话");
    }

    #[test]
    fn nul_runs_are_binary_a_lone_nul_is_a_space() {
        let err = decode(b"abc\0\0def", "f.bin", None, &mut Vec::new())
            .unwrap_err()
            .to_string();
        assert!(err.contains("f.bin") && err.contains("byte 3"), "{err}");
        let mut warnings = Vec::new();
        let text = decode("讲话\0正文".as_bytes(), "f", None, &mut warnings).unwrap();
        assert_eq!(text, "讲话 正文");
        assert_eq!(warnings.len(), 1);
    }

    #[test]
    fn vertical_tab_and_form_feed_break_lines() {
        let mut warnings = Vec::new();
        let text = decode(
            "一\u{b}二\u{c}三\u{7}四".as_bytes(),
            "f",
            None,
            &mut warnings,
        )
        .unwrap();
        assert_eq!(text, "一\n二\n三 四");
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].line, Some(3));
    }

    #[test]
    fn many_control_characters_are_binary() {
        let bytes: Vec<u8> = (0..200u8)
            .map(|i| if i % 10 == 0 { 1 } else { b'a' })
            .collect();
        assert!(read(&bytes).is_err());
    }

    #[test]
    fn bad_bytes_are_reported_where_they_are() {
        let err = decode(b"ab\xFFcd", "f", Some(UTF_8), &mut Vec::new())
            .unwrap_err()
            .to_string();
        assert!(err.contains("byte 2"), "{err}");
        // A UTF-8 file whose last character is cut off.
        let mut truncated = "讲话稿正文".as_bytes().to_vec();
        truncated.extend_from_slice(&"一".as_bytes()[..2]);
        let err = read(&truncated).unwrap_err().to_string();
        assert!(err.contains("byte 15") && err.contains("cut off"), "{err}");
        // One 0xFF in a GBK file.
        let mut gbk = GB18030
            .encode("各位代表：现在，我代表国务院向大会报告政府工作。")
            .0
            .into_owned();
        let at = (gbk.len() / 2) & !1;
        gbk.insert(at, 0xFF);
        let err = read(&gbk).unwrap_err().to_string();
        assert!(err.contains(&format!("byte {at}")), "{err}");
        // After a BOM, offsets still count from the file's start.
        let err = read(b"\xEF\xBB\xBFab\xFFcd").unwrap_err().to_string();
        assert!(err.contains("byte 5"), "{err}");
    }
}

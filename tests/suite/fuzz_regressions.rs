//! Replays the inputs cargo-fuzz found interesting (fuzz/regressions/*.bin) through every reader
//! and the writers: none may panic, and what reads must write.

use wengao::{Format, Input, ReadOptions, WriteOptions};

fn unpack(bytes: &[u8]) -> Vec<&[u8]> {
    let mut inputs = Vec::new();
    let mut rest = bytes;
    while rest.len() >= 4 {
        let len = u32::from_le_bytes(rest[..4].try_into().unwrap()) as usize;
        inputs.push(&rest[4..4 + len]);
        rest = &rest[4 + len..];
    }
    assert!(rest.is_empty(), "truncated regression file");
    inputs
}

/// Reads every input of `file` as `format` and writes what reads as each of `writers`.
fn replay(file: &str, format: Format, writers: &[Format]) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/regressions")
        .join(file);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let inputs = unpack(&bytes);
    assert!(inputs.len() > 100, "{file}: only {} inputs", inputs.len());
    let mut read_ok = 0;
    for data in inputs {
        let input = Input {
            name: "fuzz".into(),
            bytes: data.to_vec(),
        };
        if let Ok(parsed) = wengao::read::read(format, &[input], &ReadOptions::default()) {
            read_ok += 1;
            for &out in writers {
                wengao::write::write(out, &parsed.document, &WriteOptions::default())
                    .unwrap_or_else(|e| panic!("{out:?} writer failed on {data:?}: {e}"));
            }
        }
    }
    assert!(read_ok > 0, "{file}: nothing read at all");
}

const TEXT_WRITERS: &[Format] = &[Format::Markdown, Format::Json, Format::Text];

#[test]
fn text_reader_regressions() {
    replay("text_reader.bin", Format::Text, TEXT_WRITERS);
}

#[test]
fn markdown_reader_regressions() {
    replay("markdown_reader.bin", Format::Markdown, TEXT_WRITERS);
}

#[test]
fn json_reader_regressions() {
    replay("json_reader.bin", Format::Json, TEXT_WRITERS);
}

/// The text → every writer target's inputs through DOCX, PDF and HTML as well.
#[test]
fn text_to_every_writer_regressions() {
    replay("text_to_every_writer.bin", Format::Text, Format::ALL);
}

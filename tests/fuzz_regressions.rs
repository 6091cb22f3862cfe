//! Replays the inputs cargo-fuzz found interesting (fuzz/regressions/*.bin) through every reader
//! and the text writers: none may panic, and what reads must write.

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

fn replay(file: &str, format: Format) {
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
            for out in [Format::Markdown, Format::Json, Format::Text] {
                wengao::write::write(out, &parsed.document, &WriteOptions::default())
                    .expect("writers accept any model");
            }
        }
    }
    assert!(read_ok > 0, "{file}: nothing read at all");
}

#[test]
fn text_reader_regressions() {
    replay("text_reader.bin", Format::Text);
}

#[test]
fn markdown_reader_regressions() {
    replay("markdown_reader.bin", Format::Markdown);
}

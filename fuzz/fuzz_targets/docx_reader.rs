//! Fuzz target: the Word reader never panics on any bytes (zip and XML garbage give an error),
//! and what it reads every writer but PDF writes (seed the corpus with fixtures/word/*.docx).
#![no_main]

use libfuzzer_sys::fuzz_target;
use wengao::{Format, Input, ReadOptions, WriteOptions};

fuzz_target!(|bytes: &[u8]| {
    let input = Input { name: "fuzz.docx".into(), bytes: bytes.to_vec() };
    if let Ok(parsed) = wengao::read::read(Format::Docx, &[input], &ReadOptions::default()) {
        for format in [Format::Markdown, Format::Json, Format::Text, Format::Html, Format::Docx] {
            wengao::write::write(format, &parsed.document, &WriteOptions::default()).expect("writers accept any model");
        }
    }
});

//! Fuzz target: the text reader never panics, and what it reads writes back without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wengao::{Format, Input, ReadOptions, WriteOptions};

fuzz_target!(|bytes: &[u8]| {
    let input = Input { name: "fuzz".into(), bytes: bytes.to_vec() };
    if let Ok(parsed) = wengao::read::read(Format::Text, &[input], &ReadOptions::default()) {
        for format in [Format::Markdown, Format::Json, Format::Text] {
            wengao::write::write(format, &parsed.document, &WriteOptions::default()).expect("writers accept any model");
        }
    }
});

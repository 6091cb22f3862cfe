//! Fuzz target: whatever the text reader makes of the input, every writer accepts it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wengao::{Format, Input, ReadOptions, WriteOptions};

fuzz_target!(|bytes: &[u8]| {
    let input = Input { name: "fuzz".into(), bytes: bytes.to_vec() };
    if let Ok(parsed) = wengao::read::read(Format::Text, &[input], &ReadOptions::default()) {
        for &format in Format::ALL {
            wengao::write::write(format, &parsed.document, &WriteOptions::default())
                .unwrap_or_else(|e| panic!("{format:?} writer failed: {e}"));
        }
    }
});

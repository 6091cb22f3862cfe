//! Reader and Markdown writer throughput on the seed and on 1 MB and 10 MB speeches built by
//! repeating its body (criterion; `cargo bench --bench reader`).

use std::path::PathBuf;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use wengao::{Format, Input, ReadOptions, WriteOptions};

/// The seed page from ../shared when present, else the project's own sample speech.
fn seed() -> String {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let shared = root.join("../shared/seed/texts");
    let path = std::fs::read_dir(&shared)
        .ok()
        .and_then(|mut dir| dir.next())
        .and_then(|entry| entry.ok())
        .map(|entry| entry.path())
        .unwrap_or_else(|| root.join("fixtures/sample/input.txt"));
    std::fs::read_to_string(path).expect("seed text")
}

/// The seed followed by its body (everything after the title block) repeated up to `bytes`.
fn speech_of_size(seed: &str, bytes: usize) -> String {
    let body: String = seed.lines().skip(6).map(|l| format!("{l}\n")).collect();
    let mut text = seed.to_string();
    while text.len() < bytes {
        text.push('\n');
        text.push_str(&body);
    }
    text
}

fn read(bytes: &[u8]) -> wengao::Document {
    let input = Input {
        name: "bench.txt".into(),
        bytes: bytes.to_vec(),
    };
    wengao::read::read(Format::Text, &[input], &ReadOptions::default())
        .expect("reads")
        .document
}

fn benches(c: &mut Criterion) {
    let seed = seed();
    let options = WriteOptions::default();
    for (name, text) in [
        ("seed", seed.clone()),
        ("1MB", speech_of_size(&seed, 1 << 20)),
        ("10MB", speech_of_size(&seed, 10 << 20)),
    ] {
        let mut group = c.benchmark_group(format!("text/{name}"));
        group.throughput(Throughput::Bytes(text.len() as u64));
        if text.len() > 1 << 20 {
            group.sample_size(10);
        }
        let bytes = text.into_bytes();
        group.bench_function("to_model", |b| b.iter(|| read(&bytes)));
        group.bench_function("to_markdown", |b| {
            b.iter(|| {
                wengao::write::write(Format::Markdown, &read(&bytes), &options).expect("writes")
            });
        });
        group.finish();
    }
}

criterion_group!(reader, benches);
criterion_main!(reader);

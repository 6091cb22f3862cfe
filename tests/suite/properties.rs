//! Property tests: generated speeches lose no Chinese character, round-trip through Markdown and
//! JSON, and arbitrary input never panics the readers.

use crate::common::han;
use proptest::prelude::*;
use wengao::{Format, Input, ReadOptions, WriteOptions};

const HAN: &[&str] = &[
    "作", "风", "建", "设", "抓", "落", "实", "发", "展", "改", "革", "民", "生", "干", "部", "群",
    "众", "服", "务", "工", "业", "城", "乡", "𠀀", "䶮", "龘", "的", "是", "要", "一", "二", "三",
    "第", "年", "月", "日",
];
const PUNCT: &[&str] = &[
    "，", "、", "。", "；", "：", "！", "？", "“", "”", "（", "）", ",", ":", "(", ")", "——", "……",
    "%", "3.5", "Office", " ",
];
const MARKERS: &[&str] = &[
    "一、",
    "二、",
    "三、",
    "十一、",
    "（一）",
    "（二）",
    "(三)",
    "1.",
    "2．",
    "3、",
    "（1）",
    "(2)",
    "①",
    "②",
    "第一，",
    "第二,",
    "首先，",
    "其次，",
    "最后，",
    "一是",
    "二是",
    "一要",
    "二要",
    "一方面，",
    "另一方面，",
    "第一部分 ",
    "——",
    "同志们！",
    "各位代表：",
    "2023年",
    "第一档：",
];

fn fragment() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![4 => prop::sample::select(HAN).prop_map(str::to_string), 1 => prop::sample::select(PUNCT).prop_map(str::to_string)],
        1..30,
    )
    .prop_map(|parts| parts.concat())
}

fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => fragment(),
        3 => (prop::sample::select(MARKERS), fragment(), prop::option::of(fragment()))
            .prop_map(|(m, lead, rest)| match rest {
                Some(rest) => format!("{m}{lead}。{rest}"),
                None => format!("{m}{lead}"),
            }),
        1 => (fragment(), fragment()).prop_map(|(a, b)| format!("{a}：一是{b}，二是{a}，三是{b}。")),
    ]
}

fn speech() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(line(), 1..40),
        prop::sample::select(&["\n", "\r\n", "\n\n"][..]),
    )
        .prop_map(|(lines, sep)| lines.join(sep))
        // A speech has words: white space alone is refused as empty input (tested in
        // bad_inputs), which is not what these properties are about.
        .prop_filter("a speech has a Chinese character", |text| {
            text.chars().any(wengao::model::is_han)
        })
}

/// A speech sentence that uses a word of web boilerplate ("把好的做法分享到基层。"): speech, never
/// removed.
fn boilerplate_sentence() -> impl Strategy<Value = String> {
    let word = prop::sample::select(
        wengao::read::text::boilerplate::TOOLBAR_WORDS
            .iter()
            .chain(wengao::read::text::boilerplate::FIELD_LABELS)
            .copied()
            .collect::<Vec<&str>>(),
    );
    (
        prop::collection::vec(prop::sample::select(HAN), 3..12),
        word,
        fragment(),
        prop::sample::select(&["。", "！", "？", "；"][..]),
    )
        .prop_map(|(before, word, after, stop)| format!("{}{word}{after}{stop}", before.concat()))
}

/// A speech whose lines mix ordinary lines and sentences with boilerplate words.
fn speech_with_boilerplate_words() -> impl Strategy<Value = String> {
    prop::collection::vec(prop_oneof![1 => line(), 2 => boilerplate_sentence()], 1..30)
        .prop_map(|lines| lines.join("\n"))
        .prop_filter("a speech has a Chinese character", |text| {
            text.chars().any(wengao::model::is_han)
        })
}

/// The Han characters each writer's output carries, extracted as a reader of that format would.
fn writer_texts(doc: &wengao::Document) -> Vec<(Format, String)> {
    let options = WriteOptions::default();
    let bytes = |format| wengao::write::write(format, doc, &options).unwrap().bytes;
    let markdown = String::from_utf8(bytes(Format::Markdown)).unwrap();
    let body = markdown
        .strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---\n"))
        .map_or(markdown.as_str(), |(_, body)| body);
    let html = String::from_utf8(bytes(Format::Html)).unwrap();
    let page = scraper::Html::parse_document(&html);
    let article = page
        .select(&scraper::Selector::parse("main > article").unwrap())
        .next()
        .expect("an article");
    let docx_text = crate::common::docx_text(&bytes(Format::Docx));
    vec![
        (Format::Docx, han(&docx_text)),
        (Format::Markdown, han(body)),
        (Format::Html, han(&article.text().collect::<String>())),
        (
            Format::Text,
            han(&String::from_utf8(bytes(Format::Text)).unwrap()),
        ),
    ]
}

fn read(format: Format, bytes: Vec<u8>) -> wengao::Document {
    wengao::read::read(
        format,
        &[Input {
            name: "p".into(),
            bytes,
        }],
        &ReadOptions::default(),
    )
    .unwrap()
    .document
}

/// Found by `every_han_character_reaches_the_model_in_order`: a speaker line before the
/// subtitle used to be printed after it.
#[test]
fn title_block_lines_keep_their_order() {
    for text in [
        "作作\n作作\n——作。风",
        "标题文字\n张三\n——在大会上的讲话\n正文开始。",
    ] {
        let doc = read(Format::Text, text.as_bytes().to_vec());
        assert_eq!(han(&doc.reading_text()), han(text), "{text:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn every_han_character_reaches_the_model_in_order(text in speech()) {
        let doc = read(Format::Text, text.clone().into_bytes());
        prop_assert_eq!(han(&doc.reading_text()), han(&text));
    }

    #[test]
    fn markdown_and_json_round_trip(text in speech()) {
        let doc = read(Format::Text, text.into_bytes());
        let options = WriteOptions::default();
        let md = wengao::write::write(Format::Markdown, &doc, &options).unwrap().bytes;
        let from_md = read(Format::Markdown, md.clone());
        // Lines say where a piece was read from: the Markdown's lines are not the text's.
        prop_assert_eq!(
            from_md.without_lines(),
            doc.clone().without_lines(),
            "markdown:\n{}",
            String::from_utf8_lossy(&md)
        );
        let json = wengao::write::write(Format::Json, &doc, &options).unwrap().bytes;
        prop_assert_eq!(read(Format::Json, json), doc);
    }

    #[test]
    fn every_writer_keeps_every_han_character(text in speech()) {
        let doc = read(Format::Text, text.into_bytes());
        let expected = han(&doc.reading_text());
        for (format, extracted) in writer_texts(&doc) {
            prop_assert_eq!(&extracted, &expected, "{:?} lost or doubled text", format);
        }
    }

    #[test]
    fn sentences_with_boilerplate_words_reach_every_writer(text in speech_with_boilerplate_words()) {
        let doc = read(Format::Text, text.clone().into_bytes());
        prop_assert_eq!(han(&doc.reading_text()), han(&text), "a sentence was removed as boilerplate");
        for (format, extracted) in writer_texts(&doc) {
            prop_assert_eq!(&extracted, &han(&text), "{:?} lost or doubled text", format);
        }
    }

    #[test]
    fn readers_never_panic_on_arbitrary_text(text in any::<String>()) {
        for format in [Format::Text, Format::Markdown, Format::Json] {
            let _ = wengao::read::read(format, &[Input { name: "p".into(), bytes: text.clone().into_bytes() }], &ReadOptions::default());
        }
    }

    #[test]
    fn readers_never_panic_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        for format in [Format::Text, Format::Markdown, Format::Json] {
            let _ = wengao::read::read(format, &[Input { name: "p".into(), bytes: bytes.clone() }], &ReadOptions::default());
        }
    }
}

proptest! {
    // PDF text goes through pdftotext, a process per case: fewer cases.
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    #[test]
    fn pdf_keeps_every_han_character(text in speech()) {
        let doc = read(Format::Text, text.into_bytes());
        let pdf = wengao::write::write(Format::Pdf, &doc, &WriteOptions::default()).unwrap().bytes;
        prop_assert_eq!(han(&crate::common::pdf_text(&pdf)), han(&doc.reading_text()));
    }

    #[test]
    fn pdf_keeps_sentences_with_boilerplate_words(text in speech_with_boilerplate_words()) {
        let doc = read(Format::Text, text.clone().into_bytes());
        let pdf = wengao::write::write(Format::Pdf, &doc, &WriteOptions::default()).unwrap().bytes;
        prop_assert_eq!(han(&crate::common::pdf_text(&pdf)), han(&text));
    }
}

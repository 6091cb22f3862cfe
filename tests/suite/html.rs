//! The HTML writer, checked by parsing its output with an HTML5 parser (scraper/html5ever).

use std::path::{Path, PathBuf};

use scraper::{ElementRef, Html, Selector};
use wengao::model::{Block, DetailRole, Document, Heading, Inline, Placement, Section, is_han};
use wengao::write::html::heading_id;
use wengao::{Error, Format, ReadOptions, Template, WriteOptions};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/html")
        .join(name)
}

/// Reads a text file into the model.
fn read(path: &Path) -> Document {
    read_with(path, &ReadOptions::default())
}

/// Reads a text file into the model with `options`.
fn read_with(path: &Path, options: &ReadOptions) -> Document {
    crate::common::read_document_with(path, options)
}

fn render(document: &Document, options: &WriteOptions) -> String {
    let output = wengao::write::write(Format::Html, document, options).expect("html is written");
    String::from_utf8(output.bytes).expect("html is UTF-8")
}

fn page(document: &Document) -> String {
    render(document, &WriteOptions::default())
}

fn select<'a>(root: ElementRef<'a>, css: &str) -> Vec<ElementRef<'a>> {
    let selector = Selector::parse(css).expect("valid selector");
    root.select(&selector).collect()
}

fn one<'a>(root: ElementRef<'a>, css: &str) -> ElementRef<'a> {
    let found = select(root, css);
    assert_eq!(found.len(), 1, "expected exactly one {css}");
    found[0]
}

fn text(element: ElementRef<'_>) -> String {
    element.text().collect()
}

fn han(text: &str) -> Vec<char> {
    text.chars().filter(|&c| is_han(c)).collect()
}

fn parse_page(html: &str) -> Html {
    let parsed = Html::parse_document(html);
    assert!(
        parsed.errors.is_empty(),
        "the page has HTML5 parse errors: {:?}",
        parsed.errors
    );
    parsed
}

fn ancestors_named<'a>(element: ElementRef<'a>, name: &str) -> Vec<ElementRef<'a>> {
    element
        .ancestors()
        .filter_map(ElementRef::wrap)
        .filter(|e| e.value().name() == name)
        .collect()
}

/// Every heading of the article (standalone `h2`–`h6` and run-in leads) in document order.
fn article_headings(article: ElementRef<'_>) -> Vec<ElementRef<'_>> {
    select(article, "h2, h3, h4, h5, h6, span.lead")
}

/// The hostile fixture as written (half-width punctuation kept, so `<`, `"` and `(` stay).
fn hostile() -> Document {
    let options = ReadOptions {
        keep_punctuation: true,
        ..ReadOptions::default()
    };
    read_with(&fixture("hostile.txt"), &options)
}

fn speech() -> Document {
    read(&fixture("speech.txt"))
}

fn seed() -> Document {
    read(&crate::common::seed_text())
}

#[test]
fn page_is_html5_in_chinese_with_the_document_title() {
    let document = speech();
    let html = page(&document);
    assert!(html.starts_with("<!DOCTYPE html>\n"), "{}", &html[..40]);
    let parsed = parse_page(&html);
    let root = parsed.root_element();
    assert_eq!(root.attr("lang"), Some("zh-CN"));
    assert_eq!(one(root, "meta[charset]").attr("charset"), Some("utf-8"));
    assert_eq!(text(one(root, "head > title")), document.title());
    assert_eq!(
        text(one(root, "head > title")),
        "在全市数字政府建设推进会上的讲话"
    );
}

#[test]
fn title_falls_back_to_the_first_heading_then_to_wengao() {
    let heading = Section {
        heading: Heading {
            level: 1,
            marker: None,
            text: "一、总体要求".into(),
            placement: Placement::Standalone,
            line: None,
        },
        blocks: vec![Block::paragraph(vec![Inline::text("正文。")], None)],
        children: vec![],
    };
    let untitled = Document {
        sections: vec![heading],
        ..Document::default()
    };
    let parsed = parse_page(&page(&untitled));
    assert_eq!(text(one(parsed.root_element(), "title")), "一、总体要求");
    assert!(select(parsed.root_element(), "article header").is_empty());

    let empty = Document::default();
    let parsed = parse_page(&page(&empty));
    assert_eq!(text(one(parsed.root_element(), "title")), "文稿");
    assert!(
        select(parsed.root_element(), "nav").is_empty(),
        "no table of contents without headings"
    );
}

#[test]
fn header_holds_the_title_block_and_the_salutation_follows_it() {
    let document = speech();
    let parsed = parse_page(&page(&document));
    let article = one(parsed.root_element(), "main > article");
    let header = one(article, "article > header");
    let meta = &document.meta;
    assert_eq!(text(one(header, "h1")), document.title());
    let lines: Vec<String> = select(header, "h1 > span.title-line")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(lines, meta.title);
    assert_eq!(
        Some(text(one(header, "p.subtitle"))),
        meta.detail(DetailRole::Subtitle).map(str::to_string)
    );
    assert_eq!(
        Some(text(one(header, "p.speaker"))),
        meta.detail(DetailRole::Speaker).map(str::to_string)
    );
    assert_eq!(
        Some(text(one(header, "p.date"))),
        meta.detail(DetailRole::Date).map(str::to_string)
    );
    assert_eq!(
        Some(text(one(article, "article > p.salutation"))),
        meta.salutation.clone()
    );
    assert!(meta.detail(DetailRole::Speaker).unwrap().contains('䶮'));
}

/// Headings, their levels, ids and their sections' nesting equal the model's outline.
fn assert_structure_matches_outline(document: &Document, html: &str) {
    let parsed = parse_page(html);
    let article = one(parsed.root_element(), "article");
    let walk = document.walk();
    let headings = article_headings(article);
    assert_eq!(
        headings.len(),
        walk.len(),
        "one heading element per section"
    );
    assert_eq!(select(article, "section").len(), walk.len());
    for ((path, section), element) in walk.iter().zip(&headings) {
        let heading = &section.heading;
        let id = element.attr("id").expect("every heading has an id");
        assert_eq!(id, heading_id(path));
        assert_eq!(text(*element), heading.text);
        assert_eq!(
            element.attr("data-level"),
            Some(heading.level.to_string().as_str())
        );
        let rank = heading.level as usize + 1;
        match &heading.placement {
            Placement::Standalone => {
                let name = element.value().name();
                assert_eq!(name, format!("h{}", rank.min(6)), "{}", heading.text);
                let aria = element
                    .attr("aria-level")
                    .map(|l| l.parse::<usize>().unwrap());
                assert_eq!(aria, (rank > 6).then_some(rank), "{}", heading.text);
            }
            Placement::RunIn { rest } => {
                assert_eq!(element.attr("role"), Some("heading"));
                assert_eq!(element.attr("aria-level"), Some(rank.to_string().as_str()));
                let paragraph = ElementRef::wrap(element.parent().unwrap()).unwrap();
                assert_eq!(paragraph.value().name(), "p");
                assert!(paragraph.value().classes().any(|c| c == "run-in"));
                assert_eq!(
                    text(paragraph),
                    format!("{}{}", heading.text, wengao::model::plain_text(rest)),
                    "the lead stays inside its paragraph, followed by the rest"
                );
            }
        }
        let sections = ancestors_named(*element, "section");
        assert_eq!(
            sections.len(),
            path.len(),
            "section nesting of {}",
            heading.text
        );
        assert_eq!(sections[0].attr("aria-labelledby"), Some(id));
        // Paragraphs of the section (not of its children) are its blocks.
        let own_paragraphs: Vec<String> = sections[0]
            .child_elements()
            .filter(|e| e.value().name() == "p" && !e.value().classes().any(|c| c == "run-in"))
            .map(text)
            .collect();
        let blocks: Vec<String> = section.blocks.iter().map(Block::plain_text).collect();
        assert_eq!(own_paragraphs, blocks, "blocks of {}", heading.text);
    }
}

#[test]
fn sections_and_heading_levels_follow_the_outline() {
    let document = speech();
    assert!(
        document.walk().iter().any(|(_, s)| s.heading.level > 5),
        "the fixture needs a heading deeper than h6 can say"
    );
    assert!(
        document
            .walk()
            .iter()
            .any(|(_, s)| matches!(s.heading.placement, Placement::RunIn { .. }))
    );
    assert_structure_matches_outline(&document, &page(&document));
}

#[test]
fn seed_sections_and_heading_levels_follow_the_outline() {
    let document = seed();
    assert_structure_matches_outline(&document, &page(&document));
}

#[test]
fn inline_enumeration_markers_are_marked_up() {
    let document = speech();
    let parsed = parse_page(&page(&document));
    let found: Vec<String> = select(parsed.root_element(), "article span.item-marker")
        .into_iter()
        .map(text)
        .collect();
    let mut expected = Vec::new();
    let mut collect = |inlines: &[Inline]| {
        for inline in inlines {
            if let Inline::ItemMarker { marker } = inline {
                expected.push(marker.text.clone());
            }
        }
    };
    for block in &document.front {
        collect(block.inlines());
    }
    for (_, section) in document.walk() {
        if let Placement::RunIn { rest } = &section.heading.placement {
            collect(rest);
        }
        for block in &section.blocks {
            collect(block.inlines());
        }
    }
    for block in &document.back {
        collect(block.inlines());
    }
    assert_eq!(found, ["一是", "二是", "三是"]);
    assert_eq!(found, expected);
}

/// The TOC lists every heading in outline order, nested like the outline, and every link lands.
fn assert_toc_lands(document: &Document, html: &str) {
    let parsed = parse_page(html);
    let root = parsed.root_element();
    let nav = one(root, "nav.toc");
    let links = select(nav, "a");
    let walk = document.walk();
    assert_eq!(links.len(), walk.len());
    for (link, (path, section)) in links.iter().zip(&walk) {
        let href = link.attr("href").expect("a link has an href");
        let id = href.strip_prefix('#').expect("links point inside the page");
        assert_eq!(id, heading_id(path), "outline order");
        assert_eq!(text(*link), section.heading.text);
        let targets = select(root, &format!("[id=\"{id}\"]"));
        assert_eq!(targets.len(), 1, "{href} lands on exactly one element");
        assert!(
            ancestors_named(targets[0], "article").len() == 1,
            "{href} lands in the article"
        );
        assert_eq!(
            ancestors_named(*link, "ol").len(),
            path.len(),
            "TOC nesting of {}",
            section.heading.text
        );
    }
    let ids: Vec<&str> = select(root, "[id]")
        .into_iter()
        .filter_map(|e| e.attr("id"))
        .collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "ids are unique");
}

#[test]
fn table_of_contents_links_land_in_outline_order() {
    let document = speech();
    assert_toc_lands(&document, &page(&document));
}

#[test]
fn seed_table_of_contents_links_land_in_outline_order() {
    let document = seed();
    assert_toc_lands(&document, &page(&document));
}

#[test]
fn ids_are_stable_and_come_from_the_heading_path() {
    let document = speech();
    let first = page(&document);
    let second = page(&read(&fixture("speech.txt")));
    assert_eq!(first, second, "the same document gives the same page");
    let parsed = parse_page(&first);
    let ids: Vec<String> = article_headings(one(parsed.root_element(), "article"))
        .into_iter()
        .map(|e| e.attr("id").unwrap().to_string())
        .collect();
    let expected: Vec<String> = document.walk().iter().map(|(p, _)| heading_id(p)).collect();
    assert_eq!(ids, expected);
    assert_eq!(&ids[..3], ["s-1", "s-1-1", "s-1-1-1"]);

    // An edit below a heading changes no id; the ids name positions in the outline only.
    let mut edited = document.clone();
    edited.sections[0].children[0]
        .blocks
        .push(Block::paragraph(vec![Inline::text("补充一段。")], None));
    let parsed = parse_page(&page(&edited));
    let edited_ids: Vec<String> = article_headings(one(parsed.root_element(), "article"))
        .into_iter()
        .map(|e| e.attr("id").unwrap().to_string())
        .collect();
    assert_eq!(edited_ids, ids);
}

#[test]
fn hostile_text_stays_text() {
    let document = hostile();
    let html = page(&document);
    let parsed = parse_page(&html);
    let root = parsed.root_element();
    for tag in ["script", "img", "b", "section section section"] {
        assert!(
            select(one(root, "article"), tag).is_empty(),
            "{tag} must not become an element"
        );
    }
    assert!(!html.contains("<script"), "no script tag anywhere");
    assert!(!html.contains("<img"), "no img tag anywhere");
    assert_eq!(
        text(one(root, "title")),
        "关于<script>alert(\"标题\")</script>的讲话"
    );
    let article_text = text(one(root, "article"));
    for literal in [
        "<script>alert(\"标题\")</script>",
        "<img src=x onerror=alert(1)>",
        "<b>加粗</b>不是标签 & 符号",
        "&amp; 与 &lt;p&gt; 以及 a < b > c",
        "\"引号\" 和 '单引号'",
        "</section></article><p>注入",
        "<!-- 注释 -->",
    ] {
        assert!(
            article_text.contains(literal),
            "{literal:?} shows as text in the page: {article_text}"
        );
    }
    assert_eq!(select(root, "article section").len(), document.walk().len());
}

#[test]
fn fragment_is_only_the_article() {
    let document = speech();
    let options = WriteOptions {
        fragment: true,
        ..WriteOptions::default()
    };
    let html = render(&document, &options);
    let trimmed = html.trim();
    assert!(
        trimmed.starts_with("<article lang=\"zh-CN\">"),
        "{}",
        &trimmed[..60]
    );
    assert!(trimmed.ends_with("</article>"));
    for absent in ["<html", "<head>", "<body", "<style", "<nav", "<!DOCTYPE"] {
        assert!(!html.contains(absent), "a fragment has no {absent}: {html}");
    }
    let parsed = Html::parse_fragment(&html);
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let articles = select(parsed.root_element(), "article");
    assert_eq!(articles.len(), 1);
    assert_eq!(
        han(&text(articles[0])),
        han(&document.reading_text()),
        "the fragment carries the whole speech"
    );

    // --fragment --toc: the table of contents goes first inside the article.
    let with_toc = render(
        &document,
        &WriteOptions {
            fragment: true,
            toc: true,
            ..WriteOptions::default()
        },
    );
    assert!(with_toc.trim().starts_with("<article"));
    let parsed = Html::parse_fragment(&with_toc);
    let article = one(parsed.root_element(), "article");
    let first_child = article.child_elements().next().unwrap();
    assert_eq!(first_child.value().name(), "nav");
    let links = select(article, "nav a");
    assert_eq!(links.len(), document.walk().len());
    for link in links {
        let id = &link.attr("href").unwrap()[1..];
        assert_eq!(select(article, &format!("[id=\"{id}\"]")).len(), 1);
    }
}

#[test]
fn a_user_page_template_replaces_the_shipped_one() {
    let document = hostile();
    let options = WriteOptions {
        html_template: Some(page_template(&fixture("user-page.html"))),
        ..WriteOptions::default()
    };
    let html = render(&document, &options);
    let parsed = Html::parse_document(&html);
    let root = parsed.root_element();
    assert_eq!(text(one(root, "h1#user-title")), document.title());
    assert!(
        !html.contains("<script"),
        "auto-escaping is on in a user template: {html}"
    );
    let ids: Vec<String> = select(root, "li.user-section")
        .into_iter()
        .map(text)
        .collect();
    let expected: Vec<String> = document.walk().iter().map(|(p, _)| heading_id(p)).collect();
    assert_eq!(ids, expected);
    assert!(
        html.contains("@page"),
        "the user template can include the shipped style.css"
    );
}

#[test]
fn a_broken_user_template_is_reported_with_its_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.html");
    std::fs::write(&path, "<html>\n<body>\n{% for x in %}\n</body>").unwrap();
    let options = WriteOptions {
        html_template: Some(page_template(&path)),
        ..WriteOptions::default()
    };
    let error = wengao::write::write(Format::Html, &speech(), &options).unwrap_err();
    match &error {
        Error::Template { file, line, .. } => {
            assert_eq!(file, &path.display().to_string());
            assert_eq!(*line, 3);
        }
        other => panic!("expected a template error, got {other:?}"),
    }
    let missing = crate::common::run(&[
        "convert",
        crate::common::root()
            .join("fixtures/sample/input.txt")
            .to_str()
            .unwrap(),
        "-t",
        "html",
        "--html-template",
        dir.path().join("nope.html").to_str().unwrap(),
    ]);
    assert_eq!(missing.status.code(), Some(2));
    let message = String::from_utf8_lossy(&missing.stderr);
    assert!(message.contains("nope.html: no such file"), "{message}");
}

/// A page template file as the command line hands it to the writer.
fn page_template(path: &Path) -> wengao::write::PageTemplate {
    wengao::write::PageTemplate {
        origin: path.display().to_string(),
        source: std::fs::read_to_string(path).expect("read the page template"),
    }
}

/// Every Chinese character of the speech appears in the page text, in order, exactly once
/// (the `<title>` and the TOC repeat headings by design and are left out).
fn assert_nothing_lost(document: &Document) {
    let parsed = parse_page(&page(document));
    let article = one(parsed.root_element(), "main > article");
    let reading = han(&document.reading_text());
    assert!(!reading.is_empty());
    assert_eq!(han(&text(article)), reading);
    let body = one(parsed.root_element(), "body");
    let outside_article: usize = body
        .child_elements()
        .filter(|e| e.value().name() != "main" && e.value().name() != "nav")
        .map(|e| han(&text(e)).len())
        .sum();
    assert_eq!(
        outside_article, 0,
        "no speech text outside the article and nav"
    );
}

#[test]
fn nothing_is_lost_from_the_fixture() {
    let document = speech();
    assert!(document.reading_text().contains('𠀀'));
    assert!(document.reading_text().contains('👍'));
    assert_nothing_lost(&document);
    let html = page(&document);
    assert!(html.contains("𠀀") && html.contains("👍") && html.contains("IPv6"));
}

#[test]
fn nothing_is_lost_from_the_seed() {
    assert_nothing_lost(&seed());
}

#[test]
fn the_css_comes_from_the_style_template() {
    let document = speech();
    let html = page(&document);
    let parsed = parse_page(&html);
    let css = text(one(parsed.root_element(), "head > style"));
    assert!(css.contains("size: A4;"), "{css}");
    assert!(css.contains("margin: 37mm 26mm 35mm 28mm;"));
    assert!(css.contains("\"FangSong_GB2312\""));
    assert!(css.contains("\"仿宋_GB2312\""));
    assert!(css.contains("\"STFangsong\""));
    assert!(css.contains("\"FandolFang\""));
    assert!(css.contains("\"SimHei\""));
    assert!(css.contains("\"KaiTi\""));
    assert!(css.contains("font-size: 16pt"));
    assert!(css.contains("break-after: avoid"));
    assert!(css.contains("nav.toc { display: none; }"));

    let mut template = Template::builtin("gongwen").unwrap();
    template.page.margin_top_mm = 25.0;
    template.page.width_mm = 148.0;
    template.page.height_mm = 210.0;
    template.roles.body.east_asian = vec!["Body\"</style><script>x".into()];
    let options = WriteOptions {
        template,
        ..WriteOptions::default()
    };
    let html = render(&document, &options);
    let parsed = parse_page(&html);
    let css = text(one(parsed.root_element(), "head > style"));
    assert!(css.contains("size: 148mm 210mm;"), "{css}");
    assert!(css.contains("margin: 25mm 26mm 35mm 28mm;"));
    assert!(css.contains("Body\\22 \\3c /style\\3e \\3c script\\3e x"));
    assert!(select(parsed.root_element(), "script").is_empty());
}

#[test]
fn nothing_is_lost_from_any_reader_fixture() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/reader");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path().join("input.txt"))
        .collect();
    cases.sort();
    assert!(cases.len() >= 10);
    for case in cases {
        assert_nothing_lost(&read(&case));
    }
}

#[test]
fn gongwen_header_is_in_the_page_header() {
    let document = read(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/reader/gongwen-header/input.txt"),
    );
    let parsed = parse_page(&page(&document));
    let header = one(parsed.root_element(), "article > header");
    assert_eq!(text(one(header, "p.issuer")), "X市人民政府办公室文件");
    assert_eq!(text(one(header, "p.doc-number")), "X政办发〔2024〕12号");
}

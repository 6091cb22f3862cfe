//! The promises of the README's "What it promises": nothing of the speech is lost, failures
//! are loud, one line with a hint, and leave nothing behind. One test per way they were broken.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::*;
use wengao::read::text::boilerplate::{FIELD_LABELS, TOOLBAR_WORDS};

fn path_str(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 test path")
}

/// The files of a directory, sorted, with hidden (temporary) ones.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn no_temporaries(dir: &Path) {
    let left: Vec<String> = listing(dir)
        .into_iter()
        .filter(|n| n.contains("wengao") || n.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "temporary files left: {left:?}");
}

// 1. Speech sentences are never taken for web boilerplate.

#[test]
fn sentences_with_boilerplate_words_are_speech() {
    let path = root().join("fixtures/reader/boilerplate-words/input.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    for word in TOOLBAR_WORDS.iter().chain(FIELD_LABELS) {
        assert!(
            text.contains(word),
            "the fixture should use the boilerplate word {word:?} in a sentence"
        );
    }
    let parsed = read_text(&path);
    let removed: Vec<_> = parsed
        .warnings
        .iter()
        .filter(|w| w.kind == wengao::WarningKind::Boilerplate)
        .collect();
    assert!(
        removed.is_empty(),
        "speech removed as boilerplate: {removed:#?}"
    );
    assert_eq!(han(&parsed.document.reading_text()), han(&text));
}

// 2. Two inputs with one stem in a batch.

#[test]
fn batch_inputs_with_one_stem_keep_both_outputs() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::write(input.join("a.txt"), "讲话\n一、甲\n正文甲。\n").unwrap();
    std::fs::write(input.join("a.md"), "# 讲话\n\n## 一、乙\n\n正文乙。\n").unwrap();
    let output = dir.path().join("out");
    let out = run(&[
        "convert",
        path_str(&input),
        "-o",
        path_str(&output),
        "-t",
        "docx,md",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        listing(&output),
        vec!["a.md.docx", "a.md.md", "a.txt.docx", "a.txt.md"]
    );
    assert!(stderr(&out).contains("would all write"), "{}", stderr(&out));
    let from_text = std::fs::read_to_string(output.join("a.txt.md")).unwrap();
    let from_md = std::fs::read_to_string(output.join("a.md.md")).unwrap();
    assert!(from_text.contains("正文甲") && from_md.contains("正文乙"));
}

// 3. Symlinks, FIFOs and devices as outputs.

#[test]
fn a_symlinked_output_is_written_through_its_link() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("real.md");
    std::fs::write(&target, "old").unwrap();
    let link = dir.path().join("link.md");
    std::os::unix::fs::symlink("real.md", &link).unwrap();
    let out = run(&["convert", &sample(), "-o", path_str(&link)]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        std::fs::read_to_string(&target)
            .unwrap()
            .contains("# 加强机关作风建设")
    );
    no_temporaries(dir.path());
}

#[test]
fn a_fifo_output_is_written_not_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("out.md");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    let reader_path = fifo.clone();
    let reader = std::thread::spawn(move || std::fs::read_to_string(reader_path).unwrap());
    let out = run(&["convert", &sample(), "-o", path_str(&fifo)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let received = reader.join().unwrap();
    assert!(received.contains("# 加强机关作风建设"));
    use std::os::unix::fs::FileTypeExt;
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
}

#[test]
fn dev_stdout_is_written_directly() {
    let out = run(&["convert", &sample(), "-t", "md", "-o", "/dev/stdout"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("# 加强机关作风建设"));
}

#[test]
fn a_socket_output_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let socket = dir.path().join("out.md");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    let out = run(&["convert", &sample(), "-o", path_str(&socket)]);
    assert_one_line_error(&out, "refusing to replace it");
}

// 4. Templates are validated, never a panic.

fn template_with(replace: &str, with: &str) -> (tempfile::TempDir, PathBuf) {
    let source = wengao::template::Template::builtin_source("gongwen").unwrap();
    assert!(source.contains(replace), "{replace}");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.toml");
    std::fs::write(&path, source.replacen(replace, with, 1)).unwrap();
    (dir, path)
}

#[test]
fn impossible_templates_are_refused_with_file_line_and_key() {
    for (replace, with, key) in [
        (
            "lines_per_page = 22",
            "lines_per_page = 13000",
            "page.lines_per_page",
        ),
        (
            "lines_per_page = 22",
            "lines_per_page = 0",
            "page.lines_per_page",
        ),
        (
            "chars_per_line = 28",
            "chars_per_line = 0",
            "page.chars_per_line",
        ),
        ("width_mm = 210", "width_mm = 0", "page.width_mm"),
        ("height_mm = 297", "height_mm = 0", "page.height_mm"),
        (
            "margin_left_mm = 28",
            "margin_left_mm = -500",
            "page.margin_left_mm",
        ),
        (
            "margin_top_mm = 37",
            "margin_top_mm = 290",
            "page.margin_bottom_mm",
        ),
        (
            "first_line_indent_chars = 2",
            "first_line_indent_chars = nan",
            "first_line_indent_chars",
        ),
    ] {
        let (dir, path) = template_with(replace, with);
        for format in ["docx", "pdf", "html"] {
            let output = dir.path().join(format!("x.{format}"));
            let out = run(&[
                "convert",
                &sample(),
                "-o",
                path_str(&output),
                "--template",
                path_str(&path),
            ]);
            assert_one_line_error(&out, key);
            assert!(stderr(&out).contains("t.toml:"), "{}", stderr(&out));
            assert!(!output.exists());
            no_temporaries(dir.path());
        }
    }
}

// 5. Markdown input keeps its text.

#[test]
fn markdown_html_blocks_and_a_second_title_keep_their_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("in.md");
    std::fs::write(
        &path,
        "---\ntitle: \"讲话\"\n---\n\n# 关于加强作风建设的意见\n\n<div>这段话在网页块里</div>\n\n<p>第二段</p>\n\n## 一、要求\n\n正文。\n",
    )
    .unwrap();
    let out = run(&["convert", path_str(&path), "-t", "text"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout.clone()).unwrap();
    for kept in [
        "关于加强作风建设的意见",
        "这段话在网页块里",
        "第二段",
        "正文",
    ] {
        assert!(text.contains(kept), "{kept} lost: {text}");
    }
    assert!(stderr(&out).contains("HTML block"), "{}", stderr(&out));
}

#[test]
fn bad_front_matter_is_its_own_error_with_a_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("in.md");
    std::fs::write(&path, "---\ntitle: \"讲话\nspeaker: 张三\n---\n\n正文。\n").unwrap();
    let out = run(&["convert", path_str(&path), "-t", "json"]);
    assert_one_line_error(&out, "in.md:2: bad front matter");
    assert!(!stderr(&out).contains("JSON"), "{}", stderr(&out));
}

// 6. Control characters in valid text.

#[test]
fn vertical_tabs_and_form_feeds_are_line_breaks() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("in.txt");
    std::fs::write(&path, "讲话\u{b}一、要求\u{c}正文一句。\u{7}正文二句。\n").unwrap();
    let out = run(&["outline", path_str(&path)]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "讲话\n  一、要求\n");
    let converted = run(&["convert", path_str(&path), "-t", "text"]);
    assert!(
        stderr(&converted).contains("U+0007"),
        "{}",
        stderr(&converted)
    );
}

#[test]
fn a_truncated_utf8_file_is_reported_at_its_last_character() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("in.txt");
    let mut bytes = "讲话稿正文".as_bytes().to_vec();
    bytes.extend_from_slice(&"一".as_bytes()[..2]);
    std::fs::write(&path, bytes).unwrap();
    let out = run(&["convert", path_str(&path), "-t", "text"]);
    assert_one_line_error(&out, "at byte 15");
}

// 7. Batch conversion never blocks or loops.

#[test]
fn batch_skips_fifos_and_does_not_follow_directory_links() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::write(input.join("a.txt"), "讲话\n一、甲\n正文。\n").unwrap();
    assert!(
        Command::new("mkfifo")
            .arg(input.join("x.txt"))
            .status()
            .unwrap()
            .success()
    );
    std::os::unix::fs::symlink(".", input.join("loop")).unwrap();
    let output = dir.path().join("out");
    let mut child = wengao()
        .args([
            "convert",
            path_str(&input),
            "-o",
            path_str(&output),
            "-t",
            "md",
        ])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            panic!("the batch hung on a FIFO or a symlink loop");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut message = String::new();
    std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut message).unwrap();
    assert!(status.success(), "{message}");
    assert!(message.contains("skipped x.txt"), "{message}");
    assert!(message.contains("skipped loop"), "{message}");
    assert_eq!(listing(&output), vec!["a.md"]);
}

// 8. Temporary files never pile up.

#[test]
fn a_signal_removes_the_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    // A large speech, so that the PDF takes long enough to be interrupted while written.
    let input = dir.path().join("big.txt");
    let page = std::fs::read_to_string(root().join("fixtures/pdf/speech.txt")).unwrap();
    std::fs::write(&input, page.repeat(400)).unwrap();
    let output = dir.path().join("out.pdf");
    let mut child = wengao()
        .args(["convert", path_str(&input), "-o", path_str(&output)])
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let temporary_seen = loop {
        if listing(dir.path())
            .iter()
            .any(|n| n.starts_with(".wengao-"))
        {
            break true;
        }
        if child.try_wait().unwrap().is_some() || started.elapsed() > Duration::from_secs(30) {
            break false;
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    assert!(
        temporary_seen,
        "the conversion ended before its temporary file was seen"
    );
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(128 + 15), "{status:?}");
    no_temporaries(dir.path());
    assert!(!output.exists());
}

#[test]
fn a_long_chinese_output_name_is_fine() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join(format!("{}.md", "中".repeat(80)));
    let out = run(&["convert", &sample(), "-o", path_str(&output)]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(output.exists());
}

// 9. Several outputs are all-or-nothing.

#[test]
fn one_failing_output_writes_none() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("a.md");
    let out = run(&[
        "convert",
        &sample(),
        "-o",
        path_str(&good),
        "-o",
        "/sys/x.pdf",
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(!good.exists(), "a.md was written although x.pdf failed");
    no_temporaries(dir.path());
}

// 10. Resource limits.

#[test]
fn endless_inputs_and_templates_stop_with_an_error() {
    let out = run(&["convert", "/dev/zero", "-t", "text", "--max-input-mb", "1"]);
    assert_one_line_error(&out, "larger than the 1 MB input limit");
    let out = run(&["convert", &sample(), "-t", "md", "--template", "/dev/zero"]);
    assert_one_line_error(&out, "/dev/zero: is not a regular file");
    let out = run(&[
        "convert",
        &sample(),
        "-t",
        "html",
        "--html-template",
        "/dev/zero",
    ]);
    assert_one_line_error(&out, "/dev/zero: is not a regular file");
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.toml");
    std::fs::write(&big, "#".repeat(2 * 1024 * 1024)).unwrap();
    let out = run(&[
        "convert",
        &sample(),
        "-t",
        "md",
        "--template",
        path_str(&big),
    ]);
    assert_one_line_error(&out, "template limit");
}

#[test]
fn a_runaway_page_template_runs_out_of_fuel() {
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("loop.html");
    std::fs::write(
        &template,
        "{% for a in range(100000) %}{% for b in range(100000) %}.{% endfor %}{% endfor %}",
    )
    .unwrap();
    let started = Instant::now();
    let out = run(&[
        "convert",
        &sample(),
        "-t",
        "html",
        "--html-template",
        path_str(&template),
    ]);
    assert_one_line_error(&out, "runs too long");
    assert!(started.elapsed() < Duration::from_secs(30));
}

// 12. Smaller promises.

#[test]
fn markdown_round_trip_keeps_half_width_punctuation_and_line_breaks() {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("in.json");
    std::fs::write(
        &json,
        r#"{"wengao-model":1,"meta":{"title":["讲话"]},"front":[{"kind":"paragraph","inlines":[{"kind":"text","text":"增长3!中文\n第二行"}]},{"kind":"paragraph","inlines":[{"kind":"text","text":"中!"}]}]}"#,
    )
    .unwrap();
    let md = dir.path().join("out.md");
    assert!(
        run(&["convert", path_str(&json), "-o", path_str(&md)])
            .status
            .success()
    );
    let written = std::fs::read_to_string(&md).unwrap();
    assert!(!written.contains("&#10;"), "{written}");
    let back = run(&["convert", path_str(&md), "-t", "json"]);
    let model: serde_json::Value = serde_json::from_slice(&back.stdout).unwrap();
    assert_eq!(
        model["front"][0]["inlines"][0]["text"],
        "增长3!中文\n第二行"
    );
    assert_eq!(model["front"][1]["inlines"][0]["text"], "中!");
}

#[test]
fn check_names_markdown_lines() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("in.md");
    std::fs::write(
        &path,
        "# 讲话\n\n## 一、甲\n\n正文。\n\n## 三、丙\n\n正文。\n",
    )
    .unwrap();
    let out = run(&["check", path_str(&path)]);
    assert_eq!(out.status.code(), Some(1));
    let listing = String::from_utf8(out.stdout).unwrap();
    assert!(listing.contains("in.md:7: gap in numbering"), "{listing}");
}

#[test]
fn from_applies_to_every_file_of_a_directory() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    // Markdown-looking text in a .txt file: --from md reads it as Markdown.
    std::fs::write(input.join("a.txt"), "# 讲话\n\n## 一、要求\n\n正文。\n").unwrap();
    let output = dir.path().join("out");
    let out = run(&[
        "convert",
        path_str(&input),
        "--from",
        "md",
        "-o",
        path_str(&output),
        "-t",
        "json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let model: serde_json::Value =
        serde_json::from_slice(&std::fs::read(output.join("a.json")).unwrap()).unwrap();
    assert_eq!(model["sections"][0]["heading"]["text"], "一、要求");
}

#[test]
fn template_and_font_errors_point_to_the_right_place() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.html");
    std::fs::write(&page, "<p>{% for x in %}</p>").unwrap();
    let out = run(&[
        "convert",
        &sample(),
        "-t",
        "html",
        "--html-template",
        path_str(&page),
    ]);
    assert_one_line_error(&out, "page.html:1");
    assert!(
        !stderr(&out).contains("templates show gongwen"),
        "{}",
        stderr(&out)
    );
    let pdf = dir.path().join("x.pdf");
    let out = run(&[
        "convert",
        &sample(),
        "-o",
        path_str(&pdf),
        "--font",
        &format!("body={}", dir.path().display()),
    ]);
    assert_one_line_error(&out, "is a directory (give a font file");
    let fifo = dir.path().join("font.ttf");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let started = Instant::now();
    let out = run(&[
        "convert",
        &sample(),
        "-o",
        path_str(&pdf),
        "--font",
        &format!("body={}", fifo.display()),
    ]);
    assert_one_line_error(&out, "is not a regular file");
    assert!(started.elapsed() < Duration::from_secs(20));
}

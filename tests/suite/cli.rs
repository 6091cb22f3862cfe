//! The command line: outputs, stdin/stdout, pages, errors with hints, exit codes, no partial files.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Stdio;

use crate::common::*;

#[test]
fn several_outputs_from_one_parse() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("s.md");
    let json = dir.path().join("s.json");
    let out = run(&[
        "convert",
        &sample(),
        "-o",
        json.to_str().unwrap(),
        "-o",
        md.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        std::fs::read_to_string(&md)
            .unwrap()
            .contains("## 一、充分认识加强机关作风建设的重要意义")
    );
    let model: serde_json::Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    let details = model["meta"]["details"].as_array().unwrap();
    assert!(
        details
            .iter()
            .any(|d| d["role"] == "speaker" && d["text"] == "张  明"),
        "{details:?}"
    );
    assert!(stderr(&out).contains("removed 6 line(s) of web boilerplate"));
    // Nothing but the outputs is left in the directory.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
}

#[test]
fn verbose_lists_each_removed_line() {
    let out = run(&["convert", &sample(), "-t", "md", "-v"]);
    let err = stderr(&out);
    assert!(err.contains("line 1: removed a site banner"), "{err}");
    assert!(err.contains("微信扫码分享"));
    let kept = run(&["convert", &sample(), "-t", "md", "--keep-boilerplate"]);
    assert!(String::from_utf8_lossy(&kept.stdout).contains("微信扫码分享"));
}

#[test]
fn stdin_to_stdout() {
    let mut child = wengao()
        .args(["convert", "-", "-t", "md"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(std::fs::read(sample()).unwrap().as_slice())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .starts_with("---\nwengao-model: 1\ntitle: \"加强机关作风建设　推动全市高质量发展\"")
    );
}

#[test]
fn dash_output_is_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("s.md");
    let out = wengao()
        .current_dir(dir.path())
        .args(["convert", &sample(), "-o", "-", "-o"])
        .arg(&md)
        .args(["-t", "html,md"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .starts_with("<!DOCTYPE html>")
    );
    assert!(std::fs::read_to_string(&md).unwrap().starts_with("---\n"));
    assert!(
        !dir.path().join("-").exists(),
        "-o - must not make a file named -"
    );

    // The format of standard output cannot come from an extension.
    assert_one_line_error(&run(&["convert", &sample(), "-o", "-"]), "-t");
    assert_one_line_error(
        &run(&["convert", &sample(), "-o", "-", "-o", "-", "-t", "md,html"]),
        "only one output",
    );
}

#[test]
fn a_reader_that_closes_the_pipe_early_is_not_an_error() {
    // Like `wengao convert big.txt -t md | head -c 1`: the rest is not wanted, which is fine.
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    let page = std::fs::read_to_string(sample()).unwrap();
    std::fs::write(&big, page.repeat(200)).unwrap();
    for args in [
        vec!["convert", big.to_str().unwrap(), "-t", "md"],
        vec!["outline", big.to_str().unwrap()],
    ] {
        let mut child = wengao()
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0u8; 1];
        std::io::Read::read_exact(child.stdout.as_mut().unwrap(), &mut first).unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        assert!(!stderr(&out).contains("pipe"), "{args:?}: {}", stderr(&out));
        assert!(
            !stderr(&out).contains("panicked"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
}

#[test]
fn pages_merge_into_one_document_with_one_title() {
    let text = std::fs::read_to_string(sample()).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let split = lines.iter().position(|l| l.starts_with("二、")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let page1 = dir.path().join("p1.txt");
    let page2 = dir.path().join("p2.txt");
    std::fs::write(&page1, lines[..split].join("\n")).unwrap();
    // Page 2 repeats the title with its pagination marker, as web pages do.
    std::fs::write(
        &page2,
        format!(
            "加强机关作风建设　推动全市高质量发展(第2/2页)\n{}",
            lines[split..].join("\n")
        ),
    )
    .unwrap();
    let merged = run(&["outline", page1.to_str().unwrap()]);
    assert!(merged.status.success());
    let out = run(&[
        "convert",
        page1.to_str().unwrap(),
        page2.to_str().unwrap(),
        "-t",
        "json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: wengao::Document = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc.meta.title, vec!["加强机关作风建设　推动全市高质量发展"]);
    assert_eq!(doc.sections.len(), 3);
    let single = read_text(Path::new(&sample())).document;
    assert_eq!(han(&doc.reading_text()), han(&single.reading_text()));
}

#[test]
fn json_back_in() {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("s.json");
    assert!(
        run(&["convert", &sample(), "-o", json.to_str().unwrap()])
            .status
            .success()
    );
    let from_json = run(&[
        "convert",
        "--from",
        "json",
        json.to_str().unwrap(),
        "-t",
        "md",
    ]);
    let from_text = run(&["convert", &sample(), "-t", "md"]);
    assert_eq!(from_json.stdout, from_text.stdout);
}

#[test]
fn outline_prints_only_the_outline() {
    let out = run(&["outline", &sample()]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("加强机关作风建设　推动全市高质量发展\n  一、"));
    assert!(text.lines().skip(1).all(|l| l.starts_with("  ")));
}

#[test]
fn check_exit_codes() {
    let clean = run(&["check", &sample()]);
    assert_eq!(
        clean.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&clean.stdout)
    );
    let mixed = root().join("fixtures/reader/mixed-width/input.txt");
    let bad = run(&["check", mixed.to_str().unwrap()]);
    assert_eq!(bad.status.code(), Some(1));
    let report = String::from_utf8(bad.stdout).unwrap();
    for expected in [
        "input.txt:3: (一) mixes widths",
        "input.txt:5: gap in numbering",
        "input.txt:7: heading with no body",
        "input.txt:8: repeated number",
    ] {
        assert!(
            report.contains(expected),
            "{expected:?} missing from:\n{report}"
        );
    }
    let gaps = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(
        gaps.path(),
        "讲话\n一要抓学习。正文。\n二要抓落实。正文。\n四要抓督查。正文。\n",
    )
    .unwrap();
    let out = run(&["check", gaps.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains(":4: gap in numbering: 四要 follows number 2 (expected 3)")
    );
}

#[test]
fn missing_file() {
    assert_one_line_error(
        &run(&["convert", "no/such.txt", "-t", "md"]),
        "no/such.txt: no such file (check the path)",
    );
}

#[test]
fn directory_as_input() {
    let dir = tempfile::tempdir().unwrap();
    assert_one_line_error(
        &run(&["outline", dir.path().to_str().unwrap()]),
        "is a directory",
    );
}

#[test]
fn unknown_output_format() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out.xyz");
    assert_one_line_error(
        &run(&["convert", &sample(), "-o", target.to_str().unwrap()]),
        "unknown output format",
    );
    assert!(!target.exists());
}

#[test]
fn empty_and_blank_inputs() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in [
        ("empty.txt", &b""[..]),
        ("blank.txt", "  \n\u{3000}\r\n\t\n".as_bytes()),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let target = dir.path().join("out.md");
        assert_one_line_error(
            &run(&[
                "convert",
                path.to_str().unwrap(),
                "-o",
                target.to_str().unwrap(),
            ]),
            "the input is empty",
        );
        assert!(!target.exists(), "no partial output for {name}");
    }
}

#[test]
fn binary_and_undecodable_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("x.txt");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    assert_one_line_error(
        &run(&["outline", png.to_str().unwrap()]),
        "not readable text at byte 8",
    );
    let bad = dir.path().join("bad.txt");
    std::fs::write(&bad, b"\xe8\xae\xb2\xe8\xaf\x9d\xff\xfe\xfd").unwrap();
    let out = run(&["outline", "--encoding", "utf-8", bad.to_str().unwrap()]);
    assert_one_line_error(&out, "byte 6");
}

#[test]
fn output_equal_to_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.md");
    std::fs::write(&path, "# 讲话\n\n## 一、要求\n\n正文。\n").unwrap();
    let before = std::fs::read(&path).unwrap();
    assert_one_line_error(
        &run(&[
            "convert",
            path.to_str().unwrap(),
            "-o",
            path.to_str().unwrap(),
        ]),
        "would overwrite the input",
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn existing_output_is_replaced_and_failed_runs_keep_it() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out.md");
    std::fs::write(&target, "old").unwrap();
    assert!(
        run(&["convert", &sample(), "-o", target.to_str().unwrap()])
            .status
            .success()
    );
    let new = std::fs::read_to_string(&target).unwrap();
    assert!(new.contains("一、充分认识"));
    let missing = run(&["convert", "missing.txt", "-o", target.to_str().unwrap()]);
    assert_eq!(missing.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), new);
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file left behind"
    );
}

/// A directory this process cannot create files in. A read-only directory does not stop root,
/// so as root (CI) it is sysfs, where even root cannot create files.
fn unwritable_directory() -> (Option<tempfile::TempDir>, PathBuf) {
    use std::os::unix::fs::PermissionsExt;
    let can_create_in = |dir: &Path| {
        let probe = dir.join(".wengao-probe");
        let created = std::fs::write(&probe, b"").is_ok();
        let _ = std::fs::remove_file(&probe);
        created
    };
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
    if !can_create_in(dir.path()) {
        let path = dir.path().to_path_buf();
        return (Some(dir), path);
    }
    let sys = PathBuf::from("/sys");
    assert!(
        sys.is_dir() && !can_create_in(&sys),
        "no unwritable directory available for this test (running as root without sysfs)"
    );
    (None, sys)
}

#[test]
fn unwritable_output_directory() {
    let (_keep, dir) = unwritable_directory();
    let before = std::fs::read_dir(&dir).unwrap().count();
    for name in ["out.md", "out.docx", "out.pdf"] {
        let target = dir.join(name);
        let out = run(&["convert", &sample(), "-o", target.to_str().unwrap()]);
        assert_one_line_error(&out, "permission denied");
        assert!(stderr(&out).contains(name), "the error names the output");
    }
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        before,
        "no file, partial or temporary, appears"
    );
}

#[test]
fn missing_output_directory() {
    assert_one_line_error(
        &run(&["convert", &sample(), "-o", "/no/such/dir/out.md"]),
        "does not exist",
    );
}

#[test]
fn templates_are_listed_and_shown() {
    let out = run(&["templates"]);
    let list = String::from_utf8(out.stdout).unwrap();
    for name in ["gongwen", "speech", "plain"] {
        assert!(list.contains(name), "{list}");
    }
    let shown = run(&["templates", "show", "gongwen"]);
    let toml = String::from_utf8(shown.stdout).unwrap();
    assert!(wengao::Template::parse(&toml, "shown").is_ok());
    assert_one_line_error(
        &run(&["templates", "show", "fancy"]),
        "unknown template \"fancy\"",
    );
}

#[test]
fn bad_template_names_key_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("my.toml");
    let source = wengao::Template::builtin_source("gongwen").unwrap().replace("size = \"三号\"\nalign = \"justify\"\nfirst_line_indent_chars = 2\n\n[roles.heading1]", "size = \"三号半\"\nalign = \"justify\"\nfirst_line_indent_chars = 2\n\n[roles.heading1]");
    std::fs::write(&path, &source).unwrap();
    let line = source.lines().position(|l| l.contains("三号半")).unwrap() + 1;
    let out = run(&[
        "convert",
        &sample(),
        "-t",
        "md",
        "--template",
        path.to_str().unwrap(),
    ]);
    assert_one_line_error(
        &out,
        &format!("my.toml:{line}: bad template: unknown size name \"三号半\""),
    );
    std::fs::write(
        &path,
        source.replace("size = \"三号半\"", "size = \"三号\"\ncolour = \"red\""),
    )
    .unwrap();
    let out = run(&[
        "convert",
        &sample(),
        "-t",
        "md",
        "--template",
        path.to_str().unwrap(),
    ]);
    assert_one_line_error(&out, "unknown field `colour`");
}

#[test]
fn batch_converts_a_tree_and_reports_failures() {
    let input = tempfile::tempdir().unwrap();
    let output = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(input.path().join("a/b")).unwrap();
    std::fs::copy(sample(), input.path().join("a/b/speech.txt")).unwrap();
    std::fs::write(
        input.path().join("notes.md"),
        "# 讲话\n\n## 一、要求\n\n正文。\n",
    )
    .unwrap();
    std::fs::write(input.path().join("empty.txt"), "").unwrap();
    // A PDF is no input (a .docx is, since Word input).
    std::fs::write(input.path().join("ignored.pdf"), "x").unwrap();
    let out = run(&[
        "convert",
        input.path().to_str().unwrap(),
        "-o",
        output.path().to_str().unwrap(),
        "-t",
        "md,json",
    ]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "one file failed: {}",
        stderr(&out)
    );
    let err = stderr(&out);
    assert!(err.contains("converted 2 of 3 files (4 outputs)"), "{err}");
    assert!(err.contains("failed: empty.txt"), "{err}");
    for written in ["a/b/speech.md", "a/b/speech.json", "notes.md", "notes.json"] {
        assert!(output.path().join(written).is_file(), "{written} missing");
    }
    assert!(!output.path().join("empty.md").exists());
}

#[test]
fn completions_and_man_page() {
    let bash = run(&["completions", "bash"]);
    assert!(bash.status.success());
    assert!(String::from_utf8_lossy(&bash.stdout).contains("wengao"));
    let man = run(&["man"]);
    assert!(String::from_utf8_lossy(&man.stdout).contains(".TH wengao"));
    let version = run(&["--version"]);
    assert_eq!(
        String::from_utf8_lossy(&version.stdout).trim(),
        format!("wengao {}", env!("CARGO_PKG_VERSION"))
    );
}

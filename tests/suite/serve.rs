//! `wengao serve`: the API against a real server on an ephemeral loopback port with a real
//! HTTP client (every endpoint, every error status, 8 clients at once, a graceful stop), the
//! command itself, and the page in headless Chromium driven over the DevTools protocol.
//! The browser tests need Debian's chromium (scripts/install-test-deps.sh); they fail, never
//! skip, when it is missing.

use std::ffi::OsStr;
use std::io::{Read as _, Write as _};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use wengao::serve::{Config, Server, start};
use wengao::{Format, Input, ReadOptions, Template, WriteOptions};

use crate::common::{docx_text, han, root, sample, seed_text, wengao};

/// The CSP of src/serve/assets/README.md, word for word.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; frame-src 'self' blob: data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

fn serve(config: Config) -> Server {
    start(Config {
        addr: SocketAddr::from(([127, 0, 0, 1], 0)),
        ..config
    })
    .expect("the server starts on an ephemeral loopback port")
}

fn default_server() -> Server {
    serve(Config::default())
}

/// A client that gives error statuses back as responses.
fn client() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into()
}

/// A response's status, headers and body.
struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn text(&self) -> String {
        String::from_utf8(self.body.clone()).expect("a UTF-8 body")
    }

    fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    /// Asserts an error answer: the status, JSON `{error, hint}`, and the CSP.
    fn assert_error(&self, status: u16) -> serde_json::Value {
        assert_eq!(
            self.status,
            status,
            "body: {}",
            String::from_utf8_lossy(&self.body)
        );
        assert!(
            self.header("content-type")
                .is_some_and(|t| t.starts_with("application/json")),
            "{:?}",
            self.headers
        );
        assert_eq!(self.header("content-security-policy"), Some(CSP));
        let json = self.json();
        assert!(
            json["error"].as_str().is_some_and(|e| !e.is_empty()),
            "{json}"
        );
        assert!(json["hint"].is_string(), "{json}");
        json
    }
}

fn answer(response: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Answer {
    let mut response = response.expect("the request is answered");
    let status = response.status().as_u16();
    let headers = response
        .headers()
        .iter()
        .map(|(n, v)| (n.to_string(), v.to_str().unwrap_or("").to_string()))
        .collect();
    let body = response
        .body_mut()
        .with_config()
        .limit(200 * 1024 * 1024)
        .read_to_vec()
        .expect("the body is read");
    Answer {
        status,
        headers,
        body,
    }
}

fn get(server: &Server, path: &str) -> Answer {
    answer(client().get(format!("{}{}", base(server), path)).call())
}

fn post(server: &Server, path_and_query: &str, body: &[u8]) -> Answer {
    answer(
        client()
            .post(format!("{}{}", base(server), path_and_query))
            .header("Content-Type", "application/octet-stream")
            .send(body),
    )
}

fn base(server: &Server) -> String {
    format!("http://{}", server.addr())
}

/// Sends `request` as it is on a new connection and reads the answer to the end.
fn raw(server: &Server, request: &[u8]) -> Answer {
    let mut stream = TcpStream::connect(server.addr()).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    stream.write_all(request).expect("send");
    let mut bytes = Vec::new();
    let _ = stream.read_to_end(&mut bytes);
    let split = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no answer: {:?}", String::from_utf8_lossy(&bytes)));
    let head = String::from_utf8_lossy(&bytes[..split]).into_owned();
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .expect("a status line");
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    let mut body = bytes[split + 4..].to_vec();
    if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        body = dechunk(&body);
    }
    Answer {
        status,
        headers,
        body,
    }
}

fn dechunk(mut bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(end) = bytes.windows(2).position(|w| w == b"\r\n") {
        let size = usize::from_str_radix(std::str::from_utf8(&bytes[..end]).unwrap().trim(), 16)
            .unwrap_or(0);
        if size == 0 {
            break;
        }
        out.extend_from_slice(&bytes[end + 2..end + 2 + size]);
        bytes = &bytes[end + 2 + size + 2..];
    }
    out
}

fn sample_bytes() -> Vec<u8> {
    std::fs::read(sample()).expect("the sample speech")
}

/// What the library writes for `bytes` read as text, with the default options.
fn library_output(bytes: &[u8], to: Format) -> Vec<u8> {
    let input = Input {
        name: "input".into(),
        bytes: bytes.to_vec(),
    };
    let conversion = wengao::convert(
        vec![input],
        Format::Text,
        &[to],
        &ReadOptions::default(),
        &WriteOptions::default(),
    )
    .expect("the library converts the input");
    conversion.outputs[0].bytes.clone()
}

/// What `wengao convert` writes for `bytes` (a text file) as `to` with `--template template`.
fn cli_output(bytes: &[u8], to: Format, template: &str) -> Vec<u8> {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let input = dir.path().join("input.txt");
    std::fs::write(&input, bytes).expect("write the input");
    let output = dir.path().join(format!("output.{}", to.extensions()[0]));
    let out = wengao()
        .arg("convert")
        .arg(&input)
        .arg("-o")
        .arg(&output)
        .args(["--template", template])
        .output()
        .expect("wengao runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::read(&output).expect("wengao convert wrote the output")
}

/// `wengao outline FILE` as (level, text) pairs; the title lines have level 0.
fn cli_outline(path: &str) -> Vec<(usize, String)> {
    let out = wengao()
        .args(["outline", path])
        .output()
        .expect("wengao runs");
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|line| {
            let text = line.trim_start_matches(' ');
            ((line.len() - text.len()) / 2, text.to_string())
        })
        .collect()
}

/// The API's headings as (level, text) pairs.
fn api_headings(json: &serde_json::Value) -> Vec<(usize, String)> {
    json["headings"]
        .as_array()
        .expect("headings")
        .iter()
        .map(|h| {
            (
                h["level"].as_u64().unwrap() as usize,
                h["text"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn the_page_and_its_assets_are_served_with_the_csp() {
    let server = default_server();
    for (path, content_type, needle) in [
        ("/", "text/html; charset=utf-8", "<textarea id=\"input\""),
        ("/assets/app.css", "text/css; charset=utf-8", ".layout"),
        (
            "/assets/app.js",
            "text/javascript; charset=utf-8",
            "'use strict'",
        ),
    ] {
        let answer = get(&server, path);
        assert_eq!(answer.status, 200, "{path}");
        assert_eq!(answer.header("content-type"), Some(content_type), "{path}");
        assert_eq!(
            answer.header("content-security-policy"),
            Some(CSP),
            "{path}"
        );
        assert_eq!(answer.header("x-content-type-options"), Some("nosniff"));
        assert!(answer.text().contains(needle), "{path}");
    }
    let health = get(&server, "/healthz");
    assert_eq!(health.status, 200);
    assert_eq!(health.header("content-security-policy"), Some(CSP));
    get(&server, "/no/such/page").assert_error(404);
    get(&server, "/api/convert").assert_error(405);
    post(&server, "/api/templates", b"").assert_error(405);
}

#[test]
fn templates_lists_the_shipped_templates() {
    let server = default_server();
    let answer = get(&server, "/api/templates");
    assert_eq!(answer.status, 200);
    let listed = answer.json();
    let listed = listed.as_array().expect("a list");
    assert_eq!(listed.len(), wengao::template::BUILTIN.len());
    for ((name, _), entry) in wengao::template::BUILTIN.iter().zip(listed) {
        assert_eq!(entry["name"], *name);
        assert_eq!(
            entry["description"],
            Template::builtin(name).unwrap().description.as_str()
        );
    }
}

#[test]
fn outline_matches_wengao_outline_and_reports_what_was_removed() {
    let server = default_server();
    let bytes = sample_bytes();
    let answer = post(&server, "/api/outline?from=text", &bytes);
    assert_eq!(answer.status, 200, "{}", answer.text());
    let json = answer.json();
    let expected = cli_outline(&sample());
    let title: String = expected
        .iter()
        .filter(|(level, _)| *level == 0)
        .map(|(_, t)| t.as_str())
        .collect();
    assert_eq!(json["title"], title.as_str());
    assert_eq!(json["kind"], "speech");
    let headings: Vec<(usize, String)> = expected.into_iter().filter(|(l, _)| *l > 0).collect();
    assert_eq!(api_headings(&json), headings);
    let first = &json["headings"][0];
    assert_eq!(first["family"], "han-comma");
    assert!(first["line"].as_u64().is_some_and(|l| l > 1), "{first}");
    assert!(
        json["headings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h["family"] == "yi-yao")
    );
    // The banner of the sample's web page is removed, with its line and why.
    let removed = json["removed"].as_array().expect("removed");
    let banner = removed
        .iter()
        .find(|r| {
            r["text"]
                .as_str()
                .is_some_and(|t| t.contains("WENGAO-FANWEN.COM"))
        })
        .unwrap_or_else(|| panic!("the banner is not among the removed lines: {removed:?}"));
    assert_eq!(banner["line"], 1);
    assert!(
        banner["why"]
            .as_str()
            .is_some_and(|w| w.starts_with("removed"))
    );
    assert!(json["warnings"].is_array() && json["problems"].is_array());
    let stats = &json["stats"];
    assert_eq!(
        stats["headings"],
        json["headings"].as_array().unwrap().len()
    );
    assert!(stats["characters"].as_u64().unwrap() > 500, "{stats}");
    assert!(stats["paragraphs"].as_u64().unwrap() > 5, "{stats}");
    // Without `from`, the text is recognised as text.
    assert_eq!(post(&server, "/api/outline", &bytes).json(), json);
}

#[test]
fn outline_reports_numbering_problems_and_a_gongwen_kind() {
    let server = default_server();
    let text = "关于做好安全生产工作的通知\n\n各区县人民政府：\n\n一、总体要求\n\n做好工作。\n\n三、工作措施\n\n加强检查。\n";
    let json = post(&server, "/api/outline?from=text", text.as_bytes()).json();
    let problems = json["problems"].as_array().expect("problems");
    assert!(
        problems
            .iter()
            .any(|p| p["message"].as_str().unwrap().contains("gap in numbering")),
        "{problems:?}"
    );
    assert!(problems.iter().all(|p| p["line"].is_u64()), "{problems:?}");
    let with_header = "X市人民政府办公室文件\n\nX政办发〔2025〕7号\n\n关于做好安全生产工作的通知\n\n各区县人民政府：\n\n一、总体要求\n\n做好工作。\n";
    let json = post(&server, "/api/outline", with_header.as_bytes()).json();
    assert_eq!(json["kind"], "file", "{json}");
}

#[test]
fn markdown_and_json_inputs_are_recognised_without_from() {
    let server = default_server();
    let bytes = sample_bytes();
    let from_text = post(&server, "/api/outline?from=text", &bytes).json();
    for to in [Format::Markdown, Format::Json] {
        let written = library_output(&bytes, to);
        let sniffed = post(&server, "/api/outline", &written).json();
        assert_eq!(sniffed["title"], from_text["title"], "{to:?}");
        let texts = |json: &serde_json::Value| -> Vec<(usize, String)> { api_headings(json) };
        assert_eq!(texts(&sniffed).len(), texts(&from_text).len(), "{to:?}");
        let named = post(
            &server,
            &format!("/api/outline?from={}", to.name()),
            &written,
        )
        .json();
        assert_eq!(named["headings"], sniffed["headings"], "{to:?}");
    }
}

#[test]
fn convert_gives_the_file_the_library_writes_named_after_the_title() {
    let server = default_server();
    let bytes = sample_bytes();
    let title = post(&server, "/api/outline?from=text", &bytes).json()["title"]
        .as_str()
        .unwrap()
        .to_string();
    let stem = title.replace('\u{3000}', " ");
    for (format, content_type) in [
        (
            Format::Docx,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (Format::Pdf, "application/pdf"),
        (Format::Markdown, "text/markdown; charset=utf-8"),
        (Format::Html, "text/html; charset=utf-8"),
        (Format::Json, "application/json; charset=utf-8"),
        (Format::Text, "text/plain; charset=utf-8"),
    ] {
        let answer = post(
            &server,
            &format!(
                "/api/convert?to={}&template=gongwen&from=text",
                format.name()
            ),
            &bytes,
        );
        assert_eq!(answer.status, 200, "{format:?}: {}", answer.text());
        assert_eq!(answer.header("content-type"), Some(content_type));
        assert_eq!(answer.header("content-security-policy"), Some(CSP));
        assert!(
            answer.body == library_output(&bytes, format),
            "{format:?}: the server's bytes differ from the library's"
        );
        let disposition = answer.header("content-disposition").expect("a file name");
        let extension = format.extensions()[0];
        let encoded: String = format!("{stem}.{extension}")
            .bytes()
            .map(|b| {
                if b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b) {
                    (b as char).to_string()
                } else {
                    format!("%{b:02X}")
                }
            })
            .collect();
        assert_eq!(
            disposition,
            format!("attachment; filename=\"wengao.{extension}\"; filename*=UTF-8''{encoded}")
        );
    }
}

#[test]
fn the_docx_and_pdf_are_the_files_wengao_convert_writes() {
    let server = default_server();
    for input in [
        sample_bytes(),
        std::fs::read(seed_text()).expect("the seed speech"),
    ] {
        for template in ["gongwen", "speech", "plain"] {
            for format in [Format::Docx, Format::Pdf] {
                let answer = post(
                    &server,
                    &format!("/api/convert?to={}&template={template}", format.name()),
                    &input,
                );
                assert_eq!(answer.status, 200, "{}", answer.text());
                assert!(
                    answer.body == cli_output(&input, format, template),
                    "{format:?} with {template}: the page's file differs from wengao convert's"
                );
            }
        }
    }
    // No template named: wengao convert's default.
    let answer = post(&server, "/api/convert?to=docx", &sample_bytes());
    assert!(answer.body == cli_output(&sample_bytes(), Format::Docx, "gongwen"));
}

#[test]
fn a_template_and_the_preview_are_honoured() {
    let server = default_server();
    let bytes = sample_bytes();
    let plain = post(&server, "/api/convert?to=html&template=plain", &bytes);
    assert_eq!(plain.status, 200);
    let gongwen = post(&server, "/api/convert?to=html&template=gongwen", &bytes);
    assert!(plain.body != gongwen.body, "the template changes the page");
    let preview = post(
        &server,
        "/api/convert?to=html&preview=1&template=gongwen",
        &bytes,
    );
    assert_eq!(preview.status, 200);
    assert_eq!(preview.header("content-disposition"), None);
    assert_eq!(
        preview.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    let page = preview.text();
    assert!(page.contains("width:210mm"), "an A4 sheet");
    assert!(!page.contains("<script"), "the preview needs no script");
    assert!(han(&page).contains(&han("今天召开全市机关作风建设推进会")));
}

#[test]
fn requests_for_unknown_things_are_400() {
    let server = default_server();
    let bytes = sample_bytes();
    for query in [
        "/api/convert?to=rtf",
        "/api/convert?to=docx&from=xyz",
        "/api/convert?to=docx&template=nosuch",
        "/api/convert?to=docx&encoding=klingon",
        "/api/convert?to=docx&colour=red",
        "/api/convert?to=docx&keep_boilerplate=maybe",
        "/api/convert?to=pdf&preview=1",
        "/api/convert",
        "/api/convert?to=docx&from=pdf",
        "/api/outline?to=docx",
        "/api/outline?from=%zz",
    ] {
        post(&server, query, &bytes).assert_error(400);
    }
}

#[test]
fn unreadable_inputs_are_422() {
    let server = default_server();
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend_from_slice(&[0u8; 64]);
    png.extend_from_slice(b"IHDR\x00\x00\x00\x00\xff\xfe");
    let mut zip = b"PK\x03\x04\x14\x00\x00\x00\x08\x00".to_vec();
    zip.extend_from_slice(b"word/document.xml not really a Word file");
    for (query, body) in [
        ("/api/outline", png.as_slice()),
        ("/api/convert?to=docx", png.as_slice()),
        ("/api/outline?from=text", b"".as_slice()),
        ("/api/outline?from=json", "不是 JSON".as_bytes()),
        ("/api/outline", b"{\"wengao-model\": 99}".as_slice()),
        ("/api/convert?to=pdf", zip.as_slice()),
        (
            "/api/outline?from=text&encoding=utf-8",
            b"\xff\xfe\xfd abc".as_slice(),
        ),
    ] {
        post(&server, query, body).assert_error(422);
    }
}

#[test]
fn a_foreign_origin_is_refused_and_the_own_origin_is_not() {
    let server = default_server();
    let bytes = sample_bytes();
    let url = format!("{}/api/convert?to=md", base(&server));
    let send = |origin: &str| {
        answer(
            client()
                .post(&url)
                .header("Origin", origin)
                .send(bytes.as_slice()),
        )
    };
    send("http://evil.example").assert_error(403);
    send("null").assert_error(403);
    send(&format!("http://localhost:{}", server.addr().port())).assert_error(403);
    assert_eq!(send(&base(&server)).status, 200);
}

#[test]
fn a_foreign_host_is_refused() {
    let server = default_server();
    let port = server.addr().port();
    for host in [
        format!("evil.example:{port}"),
        format!("localhost.evil.example:{port}"),
        "localhost".to_string(),
        format!("127.0.0.1:{}", port.wrapping_add(1)),
    ] {
        let request = format!("GET /healthz HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
        raw(&server, request.as_bytes()).assert_error(403);
    }
    for host in [
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
        format!("LocalHost:{port}"),
    ] {
        let request = format!("GET /healthz HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
        assert_eq!(raw(&server, request.as_bytes()).status, 200, "{host}");
    }
}

#[test]
fn a_body_over_the_limit_is_413() {
    let server = serve(Config {
        max_upload_bytes: 1000,
        ..Config::default()
    });
    let port = server.addr().port();
    // Refused from its Content-Length, before it is sent.
    let declared = format!(
        "POST /api/outline HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 50000000\r\nConnection: close\r\n\r\n"
    );
    raw(&server, declared.as_bytes()).assert_error(413);
    // Refused as it grows past the limit, without a length given.
    let chunk = "中".repeat(300);
    let chunked = format!(
        "POST /api/convert?to=md HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n{:x}\r\n{chunk}\r\n{:x}\r\n{chunk}\r\n0\r\n\r\n",
        chunk.len(),
        chunk.len()
    );
    raw(&server, chunked.as_bytes()).assert_error(413);
    // A body within the limit is taken.
    assert_eq!(
        post(
            &server,
            "/api/outline",
            "讲话\n一、要求\n正文。\n".as_bytes()
        )
        .status,
        200
    );
    // What the client sends itself, a little over.
    post(&server, "/api/outline", &vec![b'a'; 1001]).assert_error(413);
}

/// A long speech (the sample's body many times over) for slow conversions.
fn long_speech(copies: usize) -> Vec<u8> {
    let sample = String::from_utf8(sample_bytes()).unwrap();
    let mut text = String::from("关于长篇讲话的测试\n\n");
    for n in 0..copies {
        text.push_str(&format!("第{}部分\n\n", n + 1));
        for line in sample.lines().skip(12) {
            text.push_str(line);
            text.push('\n');
        }
    }
    text.into_bytes()
}

#[test]
fn a_conversion_over_the_time_limit_is_504_and_a_saturated_pool_503() {
    let server = serve(Config {
        workers: 1,
        conversion_timeout: Duration::from_millis(30),
        queue_timeout: Duration::from_millis(30),
        ..Config::default()
    });
    // A third of a second of work: far past the limit, over soon after the test.
    let long = long_speech(400);
    let started = Instant::now();
    post(&server, "/api/convert?to=pdf&from=text", &long).assert_error(504);
    assert!(started.elapsed() < Duration::from_secs(5));
    // The long conversion keeps its worker until it ends: the next request finds none free.
    post(&server, "/api/outline?from=text", &sample_bytes()).assert_error(503);
}

#[test]
fn eight_clients_at_once_get_the_bytes_the_library_writes() {
    let server = default_server();
    let bytes = sample_bytes();
    let expected = library_output(&bytes, Format::Docx);
    let url = format!("{}/api/convert?to=docx&from=text", base(&server));
    std::thread::scope(|scope| {
        let clients: Vec<_> = (0..8)
            .map(|_| {
                scope.spawn(|| {
                    let agent = client();
                    for _ in 0..6 {
                        let answer = answer(agent.post(&url).send(bytes.as_slice()));
                        assert_eq!(answer.status, 200);
                        assert!(answer.body == expected, "a client got other bytes");
                    }
                })
            })
            .collect();
        for client in clients {
            client.join().expect("a client thread");
        }
    });
}

/// Sends a PDF conversion of most of a second (on this 2-core machine) and returns once
/// the server is running it; the answer comes from the thread.
/// `None` when the server closed the connection without an answer.
fn convert_in_flight(server: &Server) -> std::thread::JoinHandle<Option<Answer>> {
    let url = format!("{}/api/convert?to=pdf&from=text", base(server));
    let long = long_speech(1500);
    let in_flight = std::thread::spawn(move || {
        let sent = client().post(&url).send(long.as_slice());
        sent.ok().map(|response| answer(Ok(response)))
    });
    let deadline = Instant::now() + Duration::from_secs(30);
    while server.conversions_running() == 0 {
        assert!(Instant::now() < deadline, "the conversion never started");
        std::thread::sleep(Duration::from_millis(5));
    }
    in_flight
}

#[test]
fn stopping_lets_a_request_in_flight_finish() {
    let server = default_server();
    let addr = server.addr();
    let in_flight = convert_in_flight(&server);
    let stopping = Instant::now();
    server.stop();
    assert!(stopping.elapsed() < Duration::from_secs(11));
    let answer = in_flight
        .join()
        .expect("the client thread")
        .expect("an answer");
    assert_eq!(
        answer.status,
        200,
        "{}",
        String::from_utf8_lossy(&answer.body)
    );
    assert!(answer.body.starts_with(b"%PDF"));
    assert!(TcpStream::connect(addr).is_err(), "still listening");
}

#[test]
fn stopping_waits_no_longer_than_the_grace() {
    let server = serve(Config {
        shutdown_grace: Duration::from_millis(50),
        ..Config::default()
    });
    let in_flight = convert_in_flight(&server);
    let stopping = Instant::now();
    server.stop();
    assert!(
        stopping.elapsed() < Duration::from_millis(500),
        "{:?}",
        stopping.elapsed()
    );
    // The request was cut off.
    assert!(in_flight.join().expect("the client thread").is_none());
}

/// A `wengao serve` process, killed if a test ends without stopping it.
struct Served(std::process::Child);

impl Served {
    /// Sends `signal` (TERM, INT) and returns the exit code and what was printed on stderr.
    fn stop_with(mut self, signal: &str) -> (Option<i32>, String) {
        let sent = std::process::Command::new("kill")
            .args([&format!("-{signal}"), &self.0.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(sent.success());
        let status = self.0.wait().expect("wengao serve ends");
        let mut stderr = String::new();
        if let Some(mut pipe) = self.0.stderr.take() {
            let _ = pipe.read_to_string(&mut stderr);
        }
        (status.code(), stderr)
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        if self.0.try_wait().ok().flatten().is_none() {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
}

/// Starts `wengao serve ARGS` and returns it with the URL it printed.
fn spawn_serve(args: &[&str]) -> (Served, String) {
    let mut child = wengao()
        .arg("serve")
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("wengao serve starts");
    let mut stdout = std::io::BufReader::new(child.stdout.take().expect("a stdout pipe"));
    let child = Served(child);
    let mut line = String::new();
    std::io::BufRead::read_line(&mut stdout, &mut line).expect("a line");
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap_or_else(|| panic!("no URL in {line:?}"))
        .to_string();
    (child, url)
}

#[test]
fn the_command_prints_its_url_and_stops_on_sigterm_with_status_0() {
    let (child, url) = spawn_serve(&["--addr", "127.0.0.1:0"]);
    let health = answer(client().get(format!("{url}healthz")).call());
    assert_eq!(health.status, 200);
    // A request in flight when the signal comes is answered before the process ends.
    // Most of a second of work, sent and started well before the signal.
    let convert = format!("{url}api/convert?to=pdf&from=text");
    let long = long_speech(1500);
    let in_flight =
        std::thread::spawn(move || answer(client().post(&convert).send(long.as_slice())));
    std::thread::sleep(Duration::from_millis(300));
    let (code, stderr) = child.stop_with("TERM");
    assert_eq!(code, Some(0), "{stderr}");
    let answer = in_flight.join().expect("the client thread");
    assert_eq!(answer.status, 200);
    assert!(answer.body.starts_with(b"%PDF"));
}

#[test]
fn the_command_takes_an_upload_limit() {
    let (child, url) = spawn_serve(&["--addr", "127.0.0.1:0", "--max-upload", "1KB"]);
    let send = |size: usize| {
        answer(
            client()
                .post(format!("{url}api/outline?from=text"))
                .send("讲".repeat(size / 3).as_bytes()),
        )
    };
    assert_eq!(send(1023).status, 200);
    send(1026).assert_error(413);
    assert_eq!(child.stop_with("TERM").0, Some(0));
    let out = wengao()
        .args(["serve", "--addr", "127.0.0.1:0", "--max-upload", "5TB"])
        .output()
        .expect("wengao runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("50MB"));
}

#[test]
fn the_command_needs_allow_remote_beyond_loopback() {
    let out = wengao()
        .args(["serve", "--addr", "0.0.0.0:0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--allow-remote"), "{err}");
    let (child, url) = spawn_serve(&["--addr", "0.0.0.0:0", "--allow-remote"]);
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    let health = answer(client().get(format!("{url}healthz")).call());
    assert_eq!(health.status, 200);
    let (code, err) = child.stop_with("INT");
    assert_eq!(code, Some(0));
    assert!(err.contains("warning"), "{err}");
}

// ---- the page in a real browser ---------------------------------------------------------

/// Debian's chromium, or a failure that says how to install it.
fn chromium() -> PathBuf {
    for candidate in ["/usr/bin/chromium", "/usr/bin/chromium-browser"] {
        if Path::new(candidate).exists() {
            return PathBuf::from(candidate);
        }
    }
    panic!("chromium is not installed: run scripts/install-test-deps.sh (Debian package chromium)");
}

/// What a browser test gives back: a DevTools failure is the test's failure.
type Browsed<T = ()> = Result<T, Box<dyn std::error::Error + Send + Sync>>;

/// A headless Chromium with the page open at 1280×800, downloads going to `downloads`.
fn open_page(
    server: &Server,
    downloads: &Path,
) -> Browsed<(headless_chrome::Browser, Arc<headless_chrome::Tab>)> {
    use headless_chrome::protocol::cdp::Browser::{
        SetDownloadBehavior, SetDownloadBehaviorBehaviorOption,
    };
    let browser = headless_chrome::Browser::new(headless_chrome::LaunchOptions {
        headless: true,
        sandbox: false,
        enable_gpu: false,
        path: Some(chromium()),
        window_size: Some((1280, 800)),
        idle_browser_timeout: Duration::from_secs(120),
        args: vec![
            OsStr::new("--disable-background-networking"),
            OsStr::new("--disable-gpu"),
            OsStr::new("--disable-dev-shm-usage"),
        ],
        ..headless_chrome::LaunchOptions::default()
    })?;
    let tab = browser.new_tab()?;
    tab.set_default_timeout(Duration::from_secs(30));
    tab.call_method(SetDownloadBehavior {
        behavior: SetDownloadBehaviorBehaviorOption::Allow,
        browser_context_id: None,
        download_path: Some(downloads.display().to_string()),
        events_enabled: None,
    })?;
    tab.navigate_to(&format!("{}/", base(server)))?;
    tab.wait_until_navigated()?;
    tab.wait_for_element("#input")?;
    Ok((browser, tab))
}

/// The value of a JavaScript expression in the page.
fn evaluate(tab: &headless_chrome::Tab, expression: &str) -> Browsed<serde_json::Value> {
    Ok(tab
        .evaluate(expression, false)?
        .value
        .unwrap_or(serde_json::Value::Null))
}

/// Waits until `expression` is true in the page.
fn wait_until(tab: &headless_chrome::Tab, expression: &str) -> Browsed {
    let deadline = Instant::now() + Duration::from_secs(30);
    while evaluate(tab, expression)? != serde_json::Value::Bool(true) {
        if Instant::now() > deadline {
            return Err(format!("the page never came to {expression}").into());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Ok(())
}

/// Pastes `text` into the text box, as a paste from the clipboard inserts it.
fn paste(tab: &headless_chrome::Tab, text: &str) -> Browsed {
    tab.wait_for_element("#input")?.click()?;
    tab.call_method(headless_chrome::protocol::cdp::Input::InsertText {
        text: text.to_string(),
    })?;
    Ok(())
}

/// The page's outline as (level, text) pairs, once it shows one.
fn page_outline(tab: &headless_chrome::Tab) -> Browsed<Vec<(usize, String)>> {
    tab.wait_for_element_with_custom_timeout("#outline li.heading", Duration::from_secs(30))?;
    let listing = evaluate(
        tab,
        "Array.from(document.querySelectorAll('#outline li.heading')).map(li => li.dataset.level + '\\t' + li.querySelector('.heading-text').textContent).join('\\n')",
    )?;
    Ok(listing
        .as_str()
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .map(|(level, text)| (level.parse().unwrap_or(0), text.to_string()))
        .collect())
}

/// `wengao outline FILE`'s headings (its title lines left out), as the page should show them.
fn cli_headings(path: &Path) -> Vec<(usize, String)> {
    cli_outline(&path.display().to_string())
        .into_iter()
        .filter(|(level, _)| *level > 0)
        .collect()
}

/// Clicks "download DOCX" and returns the downloaded file's name and bytes.
fn download_docx(tab: &headless_chrome::Tab, downloads: &Path) -> Browsed<(String, Vec<u8>)> {
    // The buttons are enabled once the input is there.
    wait_until(tab, "!document.getElementById('download-docx').disabled")?;
    tab.wait_for_element("#download-docx")?.click()?;
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        // Chromium writes NAME.crdownload and renames it when the download is complete.
        let done: Vec<PathBuf> = std::fs::read_dir(downloads)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "docx"))
            .collect();
        if let [file] = done.as_slice() {
            let bytes = std::fs::read(file)?;
            let name = file.file_name().map(|n| n.to_string_lossy().into_owned());
            if let Some(name) = name.filter(|_| !bytes.is_empty()) {
                return Ok((name, bytes));
            }
        }
        if Instant::now() > deadline {
            return Err(format!("no DOCX was downloaded into {}", downloads.display()).into());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Asserts a download is the DOCX `wengao convert` writes for `text`, named after its title
/// (which starts with `title`), with `phrases` of the speech in it.
fn assert_is_the_docx_of(download: &(String, Vec<u8>), text: &[u8], title: &str, phrases: &[&str]) {
    let (name, bytes) = download;
    assert!(bytes.starts_with(b"PK\x03\x04"), "not a zip");
    assert!(name.starts_with(title), "named {name}");
    assert!(name.ends_with(".docx"), "named {name}");
    let body = han(&docx_text(bytes));
    for phrase in phrases {
        assert!(
            body.contains(&han(phrase)),
            "{phrase} missing from the DOCX"
        );
    }
    assert!(
        *bytes == cli_output(text, Format::Docx, "gongwen"),
        "the downloaded DOCX differs from what wengao convert writes"
    );
}

/// Phrases of the sample speech, from its opening to its last part.
const SAMPLE_PHRASES: [&str; 3] = [
    "今天召开全市机关作风建设推进会",
    "充分认识加强机关作风建设的重要意义",
    "严格督查问责",
];

#[test]
fn in_chromium_a_pasted_speech_shows_its_outline_and_downloads_as_docx() -> Browsed {
    let server = default_server();
    let downloads = tempfile::tempdir()?;
    let (_browser, tab) = open_page(&server, downloads.path())?;
    paste(&tab, &String::from_utf8(sample_bytes())?)?;
    assert_eq!(page_outline(&tab)?, cli_headings(Path::new(&sample())));
    let title = evaluate(
        &tab,
        "document.querySelector('#outline .outline-title').textContent",
    )?;
    assert!(
        title
            .as_str()
            .is_some_and(|t| t.starts_with("加强机关作风建设") && t.ends_with("讲话稿")),
        "{title}"
    );
    // The banner of the web page is among the removed lines, with its line number.
    wait_until(
        &tab,
        "document.querySelector('#warnings .group.removed li') !== null",
    )?;
    let removed = evaluate(
        &tab,
        "document.querySelector('#warnings .group.removed').textContent",
    )?;
    assert!(
        removed
            .as_str()
            .is_some_and(|t| t.contains("第1行") && t.contains("WENGAO-FANWEN.COM")),
        "{removed}"
    );
    // What the box holds after the paste is what was converted.
    let pasted = evaluate(&tab, "document.getElementById('input').value")?;
    let pasted = pasted.as_str().ok_or("the box has no text")?;
    let download = download_docx(&tab, downloads.path())?;
    assert_is_the_docx_of(
        &download,
        pasted.as_bytes(),
        "加强机关作风建设",
        &SAMPLE_PHRASES,
    );
    Ok(())
}

#[test]
fn in_chromium_a_chosen_file_shows_its_outline_and_downloads_as_docx() -> Browsed {
    let server = default_server();
    let downloads = tempfile::tempdir()?;
    let (_browser, tab) = open_page(&server, downloads.path())?;
    let path = PathBuf::from(sample());
    // What a click on 选择文件 and a choice in the file dialog do: DOM.setFileInputFiles.
    tab.wait_for_element("#file")?
        .set_input_files(&[path.to_str().ok_or("path")?])?;
    assert_eq!(page_outline(&tab)?, cli_headings(&path));
    let chip = evaluate(&tab, "document.getElementById('file-name').textContent")?;
    assert_eq!(chip, serde_json::Value::String("input.txt".into()));
    let download = download_docx(&tab, downloads.path())?;
    assert_is_the_docx_of(
        &download,
        &sample_bytes(),
        "加强机关作风建设",
        &SAMPLE_PHRASES,
    );
    Ok(())
}

#[test]
fn in_chromium_a_dropped_file_shows_its_outline_and_downloads_as_docx() -> Browsed {
    let server = default_server();
    let downloads = tempfile::tempdir()?;
    let (_browser, tab) = open_page(&server, downloads.path())?;
    let seed = std::fs::read(seed_text())?;
    // A file dropped on the page: the drop event a file manager's drag ends with.
    let text = serde_json::to_string(&String::from_utf8(seed.clone())?)?;
    evaluate(
        &tab,
        &format!(
            "(() => {{ const data = new DataTransfer(); \
             data.items.add(new File([{text}], '讲话.txt', {{ type: 'text/plain' }})); \
             for (const type of ['dragenter', 'dragover', 'drop']) \
             document.body.dispatchEvent(new DragEvent(type, {{ dataTransfer: data, bubbles: true, cancelable: true }})); \
             return true; }})()"
        ),
    )?;
    assert_eq!(page_outline(&tab)?, cli_headings(&seed_text()));
    wait_until(&tab, "document.getElementById('drop-overlay').hidden")?;
    let chip = evaluate(&tab, "document.getElementById('file-name').textContent")?;
    assert_eq!(chip, serde_json::Value::String("讲话.txt".into()));
    let download = download_docx(&tab, downloads.path())?;
    assert_is_the_docx_of(
        &download,
        &seed,
        "在干部作风整顿活动动员大会上的讲话",
        &["要解决好工作作风问题", "事无巨细抓具体"],
    );
    Ok(())
}

/// Lays the page out at `width`×`height` CSS px.
fn resize(tab: &headless_chrome::Tab, width: u32, height: u32) -> Browsed {
    use headless_chrome::protocol::cdp::Emulation::SetDeviceMetricsOverride;
    tab.call_method(SetDeviceMetricsOverride {
        width,
        height,
        device_scale_factor: 1.0,
        mobile: false,
        scale: None,
        screen_width: None,
        screen_height: None,
        position_x: None,
        position_y: None,
        dont_set_visible_size: None,
        screen_orientation: None,
        viewport: None,
        display_feature: None,
        device_posture: None,
    })?;
    Ok(())
}

/// A PNG of the page as it is shown, kept in `$WENGAO_SCREENSHOTS/NAME` when that is set
/// (docs/serve.png is made so).
fn screenshot(tab: &headless_chrome::Tab, name: &str) -> Browsed {
    use headless_chrome::protocol::cdp::Page::CaptureScreenshotFormatOption;
    let png = tab.capture_screenshot(CaptureScreenshotFormatOption::Png, None, None, true)?;
    assert!(png.starts_with(b"\x89PNG"));
    if let Some(dir) = std::env::var_os("WENGAO_SCREENSHOTS") {
        std::fs::write(Path::new(&dir).join(name), png)?;
    }
    Ok(())
}

#[test]
fn in_chromium_the_page_fits_1280x800_and_a_narrow_window() -> Browsed {
    let server = default_server();
    let downloads = tempfile::tempdir()?;
    let (_browser, tab) = open_page(&server, downloads.path())?;
    resize(&tab, 1280, 800)?;
    paste(&tab, &String::from_utf8(std::fs::read(seed_text())?)?)?;
    page_outline(&tab)?;
    // The preview shows the speech on A4 sheets, and nothing is busy any more.
    wait_until(
        &tab,
        "document.getElementById('preview').srcdoc.includes('要解决好工作作风问题') \
         && document.getElementById('preview-busy').hidden",
    )?;
    // Every pane is on the screen, side by side, and nothing overflows sideways.
    let panes = "['input', 'outline', 'warnings', 'preview', 'download-docx']\
                 .map(id => document.getElementById(id).getBoundingClientRect())";
    wait_until(
        &tab,
        &format!(
            "{panes}.every(r => r.width > 150 && r.height > 20 && r.left >= 0 && r.right <= 1280 && r.top < 800) \
             && document.documentElement.scrollWidth <= 1280"
        ),
    )?;
    // The box shown from the speech's start, as after a paste into an empty page.
    evaluate(&tab, "document.getElementById('input').scrollTop = 0")?;
    std::thread::sleep(Duration::from_millis(300));
    screenshot(&tab, "serve-1280.png")?;
    // A narrow window: the panes stack, each as wide as the window allows, the download
    // buttons two by two.
    resize(&tab, 420, 800)?;
    let narrow = format!(
        "Array.from(document.querySelectorAll('.pane, .downloads')).map(p => p.getBoundingClientRect()) \
         .every(r => r.width > 360 && r.left >= 0 && r.right <= 420) \
         && {panes}.every(r => r.width > 150 && r.left >= 0 && r.right <= 420) \
         && document.documentElement.scrollWidth <= 420"
    );
    if let Err(error) = wait_until(&tab, &narrow) {
        let rects = evaluate(
            &tab,
            &format!(
                "JSON.stringify({panes}.map(r => [r.left, r.width])) + ' ' + document.documentElement.scrollWidth"
            ),
        )?;
        return Err(format!("{error}: {rects}").into());
    }
    std::thread::sleep(Duration::from_millis(300));
    screenshot(&tab, "serve-420.png")?;
    Ok(())
}

#[test]
fn a_word_file_is_read_by_name_or_by_content() {
    let server = default_server();
    let bytes = std::fs::read(root().join("fixtures/word/numbering.docx")).unwrap();
    for query in ["/api/outline?from=docx", "/api/outline"] {
        let answer = post(&server, query, &bytes);
        assert_eq!(answer.status, 200, "{query}");
        let json = answer.json();
        let headings: Vec<&str> = json["headings"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|h| h["text"].as_str())
            .collect();
        assert!(headings.contains(&"一、总体要求"), "{query}: {headings:?}");
    }
    let answer = post(&server, "/api/convert?to=docx", &bytes);
    assert_eq!(answer.status, 200);
    assert!(docx_text(&answer.body).contains("一、总体要求"));
}

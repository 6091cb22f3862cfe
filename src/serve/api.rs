//! The API the page calls: the outline and warnings of an input, its conversion to a file,
//! the templates; errors as JSON `{error, hint}` (see `assets/README.md`).
//!
//! Everything is done in memory: the request's bytes go to the reader, the writer's bytes
//! go back in the response; no file of the server's disk is read or written for a request.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_LENGTH, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::AppState;
use super::pool::Refusal;
use crate::error::{Error, Warning, WarningKind};
use crate::format::Format;
use crate::model::{Block, DocKind, Document, Family, Placement, Section};
use crate::read::text::decode::encoding_by_label;
use crate::read::{Input, ReadOptions};
use crate::template::Template;
use crate::write::WriteOptions;

/// An error answer: a status and `{"error", "hint"}` (plus wengao's own message as `detail`
/// when there is one). `error` and `hint` are Chinese: the page shows them to its users.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    error: String,
    hint: String,
    detail: Option<String>,
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    error: &'a str,
    hint: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    detail: Option<&'a str>,
}

impl ApiError {
    /// An error answer with its status, message and hint.
    pub fn new(status: StatusCode, error: impl Into<String>, hint: impl Into<String>) -> Self {
        ApiError {
            status,
            error: error.into(),
            hint: hint.into(),
            detail: None,
        }
    }

    /// Adds wengao's own (English, one-line) message.
    pub fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }

    /// A request that names an unknown format, template or parameter (400).
    fn bad_request(error: impl Into<String>, hint: impl Into<String>) -> Self {
        ApiError::new(StatusCode::BAD_REQUEST, error, hint)
    }

    /// The answer.
    pub fn response(&self) -> Response {
        let body = serde_json::to_vec(&ErrorBody {
            error: &self.error,
            hint: &self.hint,
            detail: self.detail.as_deref(),
        })
        .unwrap_or_default();
        (
            self.status,
            [(CONTENT_TYPE, "application/json; charset=utf-8")],
            body,
        )
            .into_response()
    }

    /// The answer to a wengao error: what the input was is the user's to fix (422), what the
    /// request asked is the page's (400), what the writer could not do is the server's (500).
    fn from_error(error: &Error) -> Self {
        let detail = error.to_string();
        let (status, message, hint) = match error {
            Error::Undecodable { .. } => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "无法读取这段内容：它不是文字",
                "请确认是文字、Markdown、JSON 或 Word（.docx）文件；GBK 编码的文字可加参数 encoding=gbk。",
            ),
            Error::EmptyInput { .. } => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "内容是空的",
                "请粘贴讲话稿或公文的全文，或选择有内容的文件。",
            ),
            Error::Json { .. } => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "这不是 wengao 的 JSON 文件",
                "JSON 文件须由 wengao 导出；其他文字请按文字处理（from=text）。",
            ),
            Error::FrontMatter { .. } => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "Markdown 文件开头的属性区写法有误",
                "属性区是两行 --- 之间的“键: 值”行；也可以删去它再试。",
            ),
            Error::Io { .. } => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "无法读取这个文件",
                "文件可能已损坏；请另存一份再试。",
            ),
            Error::Usage(_) | Error::Template { .. } => {
                (StatusCode::BAD_REQUEST, "请求有误", "请刷新页面后再试。")
            }
            Error::Write { .. } => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "无法生成文件",
                "请把这条提示告诉管理员（可能缺少中文字体：运行 scripts/setup-fonts.sh）。",
            ),
        };
        ApiError::new(status, message, hint).with_detail(detail)
    }

    fn from_refusal(refusal: Refusal) -> Self {
        match refusal {
            Refusal::Saturated => ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "服务正忙",
                "正在处理的文稿太多，请稍等几秒再试。",
            ),
            Refusal::TimedOut => ApiError::new(
                StatusCode::GATEWAY_TIMEOUT,
                "处理超时",
                "文稿可能太长，请拆开后再试。",
            ),
            Refusal::Crashed => ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "处理这段内容时出错了",
                "请把这段内容报告给 wengao 的维护者。",
            ),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        self.response()
    }
}

/// `GET /healthz`.
pub async fn healthz() -> Response {
    ([(CONTENT_TYPE, "text/plain; charset=utf-8")], "ok\n").into_response()
}

/// Any other path: 404 as JSON.
pub async fn not_found() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "没有这个地址",
        "请打开 wengao 的首页。",
    )
}

/// A known path asked with another method (a GET of `/api/convert`): 405 as JSON.
pub async fn method_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "请求方式不对",
        "/api/outline 和 /api/convert 须用 POST 发送内容，其余地址用 GET。",
    )
}

/// One shipped template, as `GET /api/templates` lists it.
#[derive(Serialize)]
struct TemplateEntry<'a> {
    name: &'a str,
    description: &'a str,
}

/// `GET /api/templates`: `[{name, description}]`.
pub async fn templates(State(state): State<Arc<AppState>>) -> Response {
    let entries: Vec<TemplateEntry<'_>> = state
        .templates
        .iter()
        .map(|(name, template)| TemplateEntry {
            name,
            description: &template.description,
        })
        .collect();
    json_response(serde_json::to_vec(&entries).unwrap_or_default())
}

fn json_response(body: Vec<u8>) -> Response {
    ([(CONTENT_TYPE, "application/json; charset=utf-8")], body).into_response()
}

/// What a request asks, from its query string.
struct Params {
    /// `from`, when given.
    from: Option<Format>,
    /// `to` (convert only).
    to: Option<Format>,
    read: ReadOptions,
    template: Template,
    preview: bool,
    toc: bool,
}

/// The query parameters each endpoint takes.
const OUTLINE_PARAMS: &[&str] = &["from", "encoding", "keep_boilerplate", "template"];
const CONVERT_PARAMS: &[&str] = &[
    "from",
    "encoding",
    "keep_boilerplate",
    "keep_punctuation",
    "template",
    "to",
    "preview",
    "toc",
];

fn parse_params(
    state: &AppState,
    query: Option<&str>,
    allowed: &[&str],
) -> Result<Params, ApiError> {
    let mut params = Params {
        from: None,
        to: None,
        read: ReadOptions::default(),
        template: state.default_template.clone(),
        preview: false,
        toc: false,
    };
    let pairs: Vec<(String, String)> =
        serde_urlencoded::from_str(query.unwrap_or("")).map_err(|error| {
            ApiError::bad_request("请求参数有误", "请刷新页面后再试。")
                .with_detail(error.to_string())
        })?;
    for (key, value) in pairs {
        if !allowed.contains(&key.as_str()) {
            return Err(ApiError::bad_request(
                format!("不认识的参数 {key}"),
                format!("可用的参数：{}", allowed.join("、")),
            ));
        }
        match key.as_str() {
            "from" if value.is_empty() => {}
            "from" => params.from = Some(format_param(&key, &value)?),
            "to" => params.to = Some(format_param(&key, &value)?),
            "encoding" if value.is_empty() => {}
            "encoding" => {
                params.read.encoding = Some(encoding_by_label(&value).ok_or_else(|| {
                    ApiError::bad_request(
                        format!("不认识的编码 {value}"),
                        "可用 utf-8、gbk 或 gb18030；不写则自动识别。",
                    )
                })?);
            }
            "keep_boilerplate" => params.read.keep_boilerplate = flag(&key, &value)?,
            "keep_punctuation" => params.read.keep_punctuation = flag(&key, &value)?,
            "preview" => params.preview = flag(&key, &value)?,
            "toc" => params.toc = flag(&key, &value)?,
            "template" if value.is_empty() => {}
            "template" => {
                params.template = state.template(&value).cloned().ok_or_else(|| {
                    ApiError::bad_request(
                        format!("没有名为 {value} 的版式"),
                        format!(
                            "可用的版式：{}",
                            state
                                .templates
                                .iter()
                                .map(|(n, _)| *n)
                                .collect::<Vec<_>>()
                                .join("、")
                        ),
                    )
                })?;
            }
            _ => {}
        }
    }
    Ok(params)
}

fn format_param(key: &str, value: &str) -> Result<Format, ApiError> {
    Format::from_name(value).ok_or_else(|| {
        ApiError::bad_request(
            format!("不认识的格式 {key}={value}"),
            format!("可用的格式：{}", Format::names()),
        )
    })
}

fn flag(key: &str, value: &str) -> Result<bool, ApiError> {
    match value.to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" | "" => Ok(true),
        "0" | "false" | "no" | "off" => Ok(false),
        _ => Err(ApiError::bad_request(
            format!("参数 {key}={value} 有误"),
            format!("写 {key}=1 或 {key}=0。"),
        )),
    }
}

/// The request's body, refused (413) past the upload limit before it is read when its
/// `Content-Length` says so, or as soon as it grows past the limit.
async fn body_of(request: Request, limit: usize) -> Result<Bytes, ApiError> {
    let too_large = || {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "文件太大",
            format!(
                "最多 {} MB；请拆成几部分分别处理。",
                limit.div_ceil(1024 * 1024)
            ),
        )
    };
    let declared = request
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|length| length > limit as u64) {
        return Err(too_large());
    }
    axum::body::to_bytes(request.into_body(), limit)
        .await
        .map_err(|error| {
            let detail = error.to_string();
            if error
                .into_inner()
                .downcast_ref::<http_body_util::LengthLimitError>()
                .is_some()
            {
                too_large()
            } else {
                ApiError::bad_request("没有收到完整的内容", "请再试一次。").with_detail(detail)
            }
        })
}

/// The reader for a request: `from` when given, else what the bytes look like.
fn input_format(from: Option<Format>, bytes: &[u8]) -> Result<Format, ApiError> {
    let format = from.unwrap_or_else(|| Format::sniff(bytes));
    if format.is_readable() {
        return Ok(format);
    }
    if format == Format::Docx {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "暂时还不能读取 Word（.docx）文件",
            "请在 Word 里全选复制，把文字粘贴到输入框。",
        ));
    }
    Err(ApiError::bad_request(
        format!("{} 只能输出，不能读取", format.name()),
        format!("可读取的格式：{}", Format::readable_names()),
    ))
}

/// The request's body as the input to read, and the format to read it as.
async fn input_of(
    state: &AppState,
    request: Request,
    from: Option<Format>,
) -> Result<(Input, Format), ApiError> {
    let bytes = body_of(request, state.config.max_upload_bytes).await?;
    let from = input_format(from, &bytes)?;
    let input = Input {
        name: "input".into(),
        bytes: bytes.into(),
    };
    Ok((input, from))
}

/// Runs `job` on the pool; its error or the pool's refusal becomes the answer.
async fn run<T, F>(state: &AppState, job: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce() -> Result<T, Error> + Send + 'static,
{
    match state.pool.run(job).await {
        Ok(result) => result.map_err(|error| ApiError::from_error(&error)),
        Err(refusal) => Err(ApiError::from_refusal(refusal)),
    }
}

/// `POST /api/outline`: the title, kind, headings, warnings, removed lines, numbering
/// problems and counts of the body's document.
pub async fn outline(
    State(state): State<Arc<AppState>>,
    request: Request,
) -> Result<Response, ApiError> {
    let params = parse_params(&state, request.uri().query(), OUTLINE_PARAMS)?;
    let (input, from) = input_of(&state, request, params.from).await?;
    // As `wengao outline`: headings as written, punctuation not normalised.
    let options = ReadOptions {
        keep_punctuation: true,
        ..params.read
    };
    let body = run(&state, move || {
        let parsed = crate::read::read(from, &[input], &options)?;
        let reply = OutlineReply::new(&parsed.document, &parsed.warnings);
        Ok(serde_json::to_vec(&reply).unwrap_or_default())
    })
    .await?;
    Ok(json_response(body))
}

/// The answer of `/api/outline`.
#[derive(Serialize)]
struct OutlineReply<'a> {
    title: String,
    /// The 公文's kind (`file`, `upward`, `letter`), or `speech` without a 版头.
    kind: &'static str,
    headings: Vec<HeadingEntry<'a>>,
    warnings: Vec<LineMessage<'a>>,
    removed: Vec<RemovedLine>,
    problems: Vec<LineMessage<'a>>,
    stats: Stats,
}

#[derive(Serialize)]
struct HeadingEntry<'a> {
    level: u8,
    text: std::borrow::Cow<'a, str>,
    line: Option<u32>,
    /// The marker's family (`han-comma`, `han-bracket`, …), `unnumbered` without a marker.
    family: Family,
}

#[derive(Serialize)]
struct LineMessage<'a> {
    line: Option<u32>,
    message: std::borrow::Cow<'a, str>,
}

#[derive(Serialize)]
struct RemovedLine {
    line: Option<u32>,
    text: String,
    why: String,
}

#[derive(Serialize)]
struct Stats {
    /// Characters of the document's text, white space not counted.
    characters: usize,
    paragraphs: usize,
    headings: usize,
}

impl<'a> OutlineReply<'a> {
    fn new(document: &'a Document, warnings: &'a [Warning]) -> OutlineReply<'a> {
        let headings: Vec<HeadingEntry<'a>> = document
            .outline()
            .into_iter()
            .map(|item| HeadingEntry {
                level: item.level,
                line: item.heading.and_then(|h| h.line),
                family: item
                    .heading
                    .and_then(|h| h.marker.as_ref())
                    .map_or(Family::Unnumbered, |m| m.family),
                text: item.text,
            })
            .collect();
        let mut characters = 0;
        document.for_each_text(&mut |piece| {
            characters += piece.chars().filter(|c| !c.is_whitespace()).count();
        });
        let stats = Stats {
            characters,
            paragraphs: paragraph_count(document),
            headings: headings.len(),
        };
        let line_of = |w: &Warning| w.line.and_then(|l| u32::try_from(l).ok());
        OutlineReply {
            title: document.title(),
            kind: match document.meta.header.as_ref().map(|h| h.kind) {
                None => "speech",
                Some(DocKind::File) => "file",
                Some(DocKind::Upward) => "upward",
                Some(DocKind::Letter) => "letter",
            },
            headings,
            warnings: warnings
                .iter()
                .filter(|w| w.kind != WarningKind::Boilerplate)
                .map(|w| LineMessage {
                    line: line_of(w),
                    message: std::borrow::Cow::Borrowed(&w.message),
                })
                .collect(),
            removed: warnings
                .iter()
                .filter(|w| w.kind == WarningKind::Boilerplate)
                .map(|w| {
                    let (why, text) = split_removed(&w.message);
                    RemovedLine {
                        line: line_of(w),
                        text,
                        why,
                    }
                })
                .collect(),
            problems: crate::outline::check(document)
                .into_iter()
                .map(|p| LineMessage {
                    line: p.line,
                    message: std::borrow::Cow::Owned(p.message),
                })
                .collect(),
            stats,
        }
    }
}

/// The paragraphs of a document's body: blocks, and run-in headings (which lead one).
fn paragraph_count(document: &Document) -> usize {
    fn in_sections(sections: &[Section]) -> usize {
        sections
            .iter()
            .map(|s| {
                usize::from(matches!(s.heading.placement, Placement::RunIn { .. }))
                    + s.blocks.len()
                    + in_sections(&s.children)
            })
            .sum()
    }
    let blocks = |blocks: &[Block]| blocks.len();
    blocks(&document.front)
        + in_sections(&document.sections)
        + blocks(&document.back)
        + document
            .attachments
            .iter()
            .map(|a| blocks(&a.front) + in_sections(&a.sections))
            .sum::<usize>()
}

/// A removed-boilerplate warning split into why and what was removed: "removed a share
/// button: \"微信扫码分享\"" into ("removed a share button", "微信扫码分享"); "removed the
/// pagination marker \"(第1/2页)\" from the title" into itself and "(第1/2页)". A message
/// without a quoted text is both.
fn split_removed(message: &str) -> (String, String) {
    if let Some(at) = message.rfind(": \"")
        && let Some((text, "")) = take_quoted(&message[at + 2..])
    {
        return (message[..at].to_string(), text);
    }
    if let Some(at) = message.find('"')
        && let Some((text, _)) = take_quoted(&message[at..])
    {
        return (message.to_string(), text);
    }
    (message.to_string(), message.to_string())
}

/// The text of the string that `quoted` starts with, as Rust's `{:?}` writes strings, and
/// what follows it; `None` when `quoted` does not start with one.
fn take_quoted(quoted: &str) -> Option<(String, &str)> {
    let inner = quoted.strip_prefix('"')?;
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.char_indices();
    while let Some((at, c)) = chars.next() {
        match c {
            '"' => return Some((out, &inner[at + 1..])),
            '\\' => match chars.next()?.1 {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                'r' => out.push('\r'),
                '0' => out.push('\0'),
                'u' => {
                    let rest: String = chars
                        .by_ref()
                        .map(|(_, c)| c)
                        .take_while(|&c| c != '}')
                        .collect();
                    let hex = rest.strip_prefix('{')?;
                    out.push(char::from_u32(u32::from_str_radix(hex, 16).ok()?)?);
                }
                other => out.push(other),
            },
            c => out.push(c),
        }
    }
    None
}

/// `POST /api/convert`: the document as a file named after its title; with `preview=1` and
/// `to=html`, the page to show in the preview iframe.
pub async fn convert(
    State(state): State<Arc<AppState>>,
    request: Request,
) -> Result<Response, ApiError> {
    let params = parse_params(&state, request.uri().query(), CONVERT_PARAMS)?;
    let Some(to) = params.to else {
        return Err(ApiError::bad_request(
            "缺少参数 to",
            format!("写明要生成的格式，例如 to=docx；可用：{}", Format::names()),
        ));
    };
    let preview = params.preview;
    if preview && to != Format::Html {
        return Err(ApiError::bad_request(
            "只有 HTML 可以预览",
            "preview=1 须与 to=html 一起用。",
        ));
    }
    let (input, from) = input_of(&state, request, params.from).await?;
    let read_options = params.read;
    // A download is one file: a Markdown's pictures travel inside it (no `markdown_images`).
    let write_options = WriteOptions {
        template: params.template,
        toc: params.toc,
        ..WriteOptions::default()
    };
    // What `wengao convert` does: the library's one conversion, read -> model -> writer.
    let (body, title) = run(&state, move || {
        let conversion = crate::convert(vec![input], from, &[to], &read_options, &write_options)?;
        let title = conversion.document.title();
        let bytes = conversion
            .outputs
            .into_iter()
            .next()
            .map(|output| output.bytes)
            .unwrap_or_default();
        let bytes = if preview {
            preview_page(bytes, &write_options.template)
        } else {
            bytes
        };
        Ok((bytes, title))
    })
    .await?;
    Ok(file_response(to, body, &title, preview))
}

/// The Content-Type of a format's bytes.
pub fn content_type(format: Format) -> &'static str {
    match format {
        Format::Text => "text/plain; charset=utf-8",
        Format::Markdown => "text/markdown; charset=utf-8",
        Format::Json => "application/json; charset=utf-8",
        Format::Html => "text/html; charset=utf-8",
        Format::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        Format::Pdf => "application/pdf",
    }
}

fn file_response(format: Format, body: Vec<u8>, title: &str, inline: bool) -> Response {
    let mut response = ([(CONTENT_TYPE, content_type(format))], body).into_response();
    if !inline && let Ok(value) = content_disposition(title, format.extensions()[0]).parse() {
        response.headers_mut().insert(CONTENT_DISPOSITION, value);
    }
    response
}

/// The file name for a document titled `title`: the title without characters a file name
/// cannot hold, at most 80 characters, `wengao` when nothing is left.
pub fn file_stem(title: &str) -> String {
    let cleaned: String = title
        .chars()
        .map(|c| match c {
            '\\' | '/' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => ' ',
            '\u{3000}' => ' ',
            c => c,
        })
        .collect();
    let mut stem: String = cleaned
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(80)
        .collect();
    stem = stem
        .trim_matches(|c: char| c == '.' || c == ' ')
        .to_string();
    if stem.is_empty() {
        "wengao".to_string()
    } else {
        stem
    }
}

/// `attachment; filename="…"; filename*=UTF-8''…`: the ASCII name for old clients (the
/// title when it is ASCII, else `wengao.EXT`), the UTF-8 name for the others.
pub fn content_disposition(title: &str, extension: &str) -> String {
    let name = format!("{}.{extension}", file_stem(title));
    // `file_stem` left no quote or backslash to escape.
    let ascii = if name.is_ascii() {
        name.clone()
    } else {
        format!("wengao.{extension}")
    };
    let mut encoded = String::with_capacity(name.len() * 3);
    for byte in name.bytes() {
        if byte.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&byte) {
            encoded.push(byte as char);
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

/// The HTML writer's page made a preview: the text block set on a sheet of the template's
/// paper at its real size, margins and print sizes, on a grey desk.
fn preview_page(html: Vec<u8>, template: &Template) -> Vec<u8> {
    let page = &template.page;
    let body_pt = template.roles.body.size.pt();
    let style = format!(
        "<style>\
         html{{background:#e4e2dd}}\
         body{{padding:24px 0 40px;margin:0}}\
         nav.toc{{display:none}}\
         article{{box-sizing:border-box;width:{w}mm;max-width:none;min-height:{h}mm;\
         margin:0 auto;padding:{t}mm {r}mm {b}mm {l}mm;font-size:{body_pt}pt;\
         line-height:{pitch:.2}pt;letter-spacing:{spacing:.2}pt;background:#fff;\
         box-shadow:0 1px 6px rgba(0,0,0,.18)}}\
         article>*{{max-width:none}}\
         </style>",
        w = page.width_mm,
        h = page.height_mm,
        t = page.margin_top_mm,
        r = page.margin_right_mm,
        b = page.margin_bottom_mm,
        l = page.margin_left_mm,
        pitch = page.line_pitch_pt(),
        spacing = (page.char_pitch_pt() - body_pt - 0.01).min(0.0),
    );
    let Some(at) = html.windows(7).position(|w| w == b"</head>") else {
        return html;
    };
    let mut out = Vec::with_capacity(html.len() + style.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(style.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_come_from_the_title() {
        assert_eq!(
            file_stem("关于加强/改进作风的通知"),
            "关于加强_改进作风的通知"
        );
        assert_eq!(file_stem("  "), "wengao");
        assert_eq!(
            file_stem("加强机关作风建设\u{3000}推动发展"),
            "加强机关作风建设 推动发展"
        );
        let header = content_disposition("关于", "docx");
        assert_eq!(
            header,
            "attachment; filename=\"wengao.docx\"; filename*=UTF-8''%E5%85%B3%E4%BA%8E.docx"
        );
        assert_eq!(
            content_disposition("Report \"A\"", "pdf"),
            "attachment; filename=\"Report _A_.pdf\"; filename*=UTF-8''Report%20_A_.pdf"
        );
    }

    #[test]
    fn removed_lines_split_into_why_and_text() {
        let split = split_removed;
        assert_eq!(
            split("removed a share button: \"微信扫码\\\"分享\\u{3000}\""),
            (
                "removed a share button".into(),
                "微信扫码\"分享\u{3000}".into()
            )
        );
        let marker = "removed the pagination marker \"(第1/2页)\" from the title";
        assert_eq!(split(marker), (marker.into(), "(第1/2页)".into()));
        assert_eq!(
            split("removed: \"unclosed"),
            ("removed: \"unclosed".into(), "removed: \"unclosed".into())
        );
        assert_eq!(
            split("nothing quoted"),
            ("nothing quoted".into(), "nothing quoted".into())
        );
        assert_eq!(
            split("bad escape: \"\\u{zz}\""),
            (
                "bad escape: \"\\u{zz}\"".into(),
                "bad escape: \"\\u{zz}\"".into()
            )
        );
    }
}

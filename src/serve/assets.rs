//! The page's three files, embedded in the binary (see `assets/README.md` for their contract).

use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};

/// The page.
pub const INDEX_HTML: &str = include_str!("assets/index.html");
/// The page's style sheet.
pub const APP_CSS: &str = include_str!("assets/app.css");
/// The page's script (no inline script anywhere: the CSP forbids it).
pub const APP_JS: &str = include_str!("assets/app.js");

fn asset(content_type: &'static str, body: &'static str) -> Response {
    (
        [(CONTENT_TYPE, content_type), (CACHE_CONTROL, "no-cache")],
        body,
    )
        .into_response()
}

/// `GET /`.
pub async fn index() -> Response {
    asset("text/html; charset=utf-8", INDEX_HTML)
}

/// `GET /assets/app.css`.
pub async fn css() -> Response {
    asset("text/css; charset=utf-8", APP_CSS)
}

/// `GET /assets/app.js`.
pub async fn js() -> Response {
    asset("text/javascript; charset=utf-8", APP_JS)
}

//! What every request passes first: a `Host` naming this server (against DNS rebinding), an
//! `Origin` of the page itself on a POST (against other sites posting to it), and the
//! security headers on every answer.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::header::{CACHE_CONTROL, HOST, ORIGIN};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

use super::AppState;
use super::api::ApiError;

/// The page's Content-Security-Policy (`assets/README.md`): its own script and styles only;
/// the preview iframe's `srcdoc` inherits it, so no text of a document can run script.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
    style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; frame-src 'self' blob: data:; \
    connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; \
    frame-ancestors 'none'";

/// Refuses requests for another host and POSTs from another origin (403); adds the security
/// headers to every answer, refusals included.
pub async fn guard(State(state): State<Arc<AppState>>, request: Request, next: Next) -> Response {
    let headers = request.headers();
    let mut response = match host_of(headers) {
        Some(host) if is_own_host(host, state.addr) => {
            if request.method() != Method::GET
                && request.method() != Method::HEAD
                && !is_own_origin(headers, host)
            {
                ApiError::new(
                    StatusCode::FORBIDDEN,
                    "拒绝来自其他网站的请求",
                    "只能在 wengao 自己的页面上使用；请直接打开 wengao 显示的地址。",
                )
                .with_detail("the request's Origin is not this server's own origin")
                .response()
            } else {
                next.run(request).await
            }
        }
        _ => ApiError::new(
            StatusCode::FORBIDDEN,
            "地址不对",
            "请用 wengao 启动时显示的地址打开本页（例如 http://127.0.0.1:8720/）。",
        )
        .with_detail("the Host header names neither this server's address nor localhost")
        .response(),
    };
    let headers = response.headers_mut();
    headers.insert(
        "content-security-policy",
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
    );
    headers.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    headers.insert("referrer-policy", HeaderValue::from_static("no-referrer"));
    headers
        .entry(CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-store"));
    response
}

fn host_of(headers: &HeaderMap) -> Option<&str> {
    headers.get(HOST)?.to_str().ok()
}

/// Whether `host` (a `Host` header) names this server: its bound address, or `localhost`,
/// `127.0.0.1` or `[::1]`, with its port. When it is bound to every address (0.0.0.0 or ::,
/// with `--allow-remote`), any IP address with its port: a DNS rebinding always brings a
/// name, never an address.
pub fn is_own_host(host: &str, bound: SocketAddr) -> bool {
    let host = host.trim().to_ascii_lowercase();
    let (name, port) = match host.rsplit_once(':') {
        Some((name, port)) if !port.contains(']') => (name, port.parse::<u16>().ok()),
        _ => (host.as_str(), Some(80)),
    };
    if port != Some(bound.port()) {
        return false;
    }
    let ip = name
        .strip_prefix('[')
        .and_then(|n| n.strip_suffix(']'))
        .unwrap_or(name)
        .parse::<IpAddr>()
        .ok();
    match ip {
        None => name == "localhost",
        Some(ip) => ip == bound.ip() || ip.is_loopback() || bound.ip().is_unspecified(),
    }
}

/// Whether a request's `Origin` is the page's own (`http://` + the `Host` it was sent to);
/// a request without `Origin` (curl, a script) is not a browser's cross-site request.
fn is_own_origin(headers: &HeaderMap, host: &str) -> bool {
    match headers.get(ORIGIN).map(HeaderValue::to_str) {
        None => true,
        Some(Ok(origin)) => origin
            .strip_prefix("http://")
            .is_some_and(|rest| rest.eq_ignore_ascii_case(host.trim())),
        Some(Err(_)) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_of_this_server_only() {
        let bound: SocketAddr = "127.0.0.1:8720".parse().unwrap();
        for host in [
            "127.0.0.1:8720",
            "localhost:8720",
            "LOCALHOST:8720",
            "[::1]:8720",
        ] {
            assert!(is_own_host(host, bound), "{host}");
        }
        for host in [
            "evil.example:8720",
            "localhost:8721",
            "localhost",
            "127.0.0.1",
            "192.168.1.5:8720",
            "localhost.evil.example:8720",
            "",
        ] {
            assert!(!is_own_host(host, bound), "{host}");
        }
        let everywhere: SocketAddr = "0.0.0.0:8720".parse().unwrap();
        assert!(is_own_host("192.168.1.5:8720", everywhere));
        assert!(!is_own_host("office.example:8720", everywhere));
    }

    #[test]
    fn origins_of_the_page_only() {
        let with = |origin: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(ORIGIN, HeaderValue::from_str(origin).unwrap());
            is_own_origin(&headers, "127.0.0.1:8720")
        };
        assert!(is_own_origin(&HeaderMap::new(), "127.0.0.1:8720"));
        assert!(with("http://127.0.0.1:8720"));
        assert!(!with("http://evil.example"));
        assert!(!with("null"));
        assert!(!with("https://127.0.0.1:8720"));
        assert!(!with("http://127.0.0.1:8720.evil.example"));
    }
}

//! The rules every request passes before a page sees it, and what every response carries.
//!
//! - `Host` must be this server's own: `localhost`, an IP address, or a name given with
//!   `--allow-host`, with the server's port. A page on another site that points its own name
//!   at this computer (DNS rebinding) is refused.
//! - A form post must come from this server's own pages: `Sec-Fetch-Site` and `Origin`, when
//!   the browser sends them, must say so, and the form must carry the server's token.
//! - Every response is `Cache-Control: no-store` (pages and PDFs can hold patient data) and
//!   forbids framing and sniffing; pages may load nothing from elsewhere.
//! - The log has the method, path, status and time of each request, never a form's values.

use std::time::Instant;

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};

use super::html;
use super::state::{App, Shared};

/// Pages load their style sheet and pictures from here, and nothing else.
const PAGE_POLICY: &str = "default-src 'none'; style-src 'self'; img-src 'self' data:; \
     form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

pub async fn guard(State(app): State<Shared>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let path: String = match request.uri().path() {
        // A held print job's link is the key to patient data: not in the log.
        held if held.starts_with("/printed/") => "/printed/…".into(),
        other => other.chars().take(100).collect(),
    };
    let mut response = match refusal(&app, request.method(), request.headers()) {
        Some(refused) => refused,
        None => next.run(request).await,
    };
    harden(response.headers_mut());
    let status = response.status().as_u16();
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    let why = match response.extensions().get::<Why>() {
        Some(Why(why)) => format!(" refused: {why}"),
        None => String::new(),
    };
    if app.verbose {
        let size = response
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("-");
        let kind = response
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("-");
        eprintln!("{method} {path} {status} {ms:.0} ms{why} {size} bytes {kind}");
    } else {
        eprintln!("{method} {path} {status} {ms:.0} ms{why}");
    }
    response
}

/// Why a request is refused before any page sees it, if it is.
fn refusal(app: &App, method: &Method, headers: &HeaderMap) -> Option<Response> {
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    let Some(host) = host.filter(|h| host_allowed(app, h)) else {
        return Some(refuse_because(
            "host",
            StatusCode::FORBIDDEN,
            "Wrong address",
            "This server answers only to its own address (such as localhost); open it by \
             the address it printed when it started.",
        ));
    };
    if method == Method::GET || method == Method::HEAD {
        return None;
    }
    if method != Method::POST {
        return Some(refuse(
            StatusCode::METHOD_NOT_ALLOWED,
            "Not allowed",
            "Only pages and forms are served here.",
        ));
    }
    if cross_site(headers, host) {
        return Some(refuse_because(
            "cross-site",
            StatusCode::FORBIDDEN,
            "Refused",
            "This form was sent from another web site. Open the page from this server and try again.",
        ));
    }
    None
}

pub fn refuse(status: StatusCode, title: &str, text: &str) -> Response {
    (status, Html(html::message(title, text))).into_response()
}

/// Why a request was refused by a safety rule, for the log.
#[derive(Clone, Copy)]
struct Why(&'static str);

fn refuse_because(why: &'static str, status: StatusCode, title: &str, text: &str) -> Response {
    let mut response = refuse(status, title, text);
    response.extensions_mut().insert(Why(why));
    response
}

/// Whether `host` (the `Host` header) names this server: `localhost`, an IP address, or an
/// allowed name, with the server's port.
pub fn host_allowed(app: &App, host: &str) -> bool {
    let (name, port) = match host.strip_prefix('[') {
        Some(v6) => match v6.split_once(']') {
            Some((address, rest)) => (address, rest.strip_prefix(':')),
            None => return false,
        },
        None => match host.rsplit_once(':') {
            Some((name, port)) => (name, Some(port)),
            None => (host, None),
        },
    };
    let port_ok = match port {
        Some(p) => p.parse::<u16>().ok() == Some(app.port),
        None => app.port == 80,
    };
    let name_ok = name.parse::<std::net::IpAddr>().is_ok()
        || name.eq_ignore_ascii_case("localhost")
        || app
            .allowed_hosts
            .iter()
            .any(|h| h.eq_ignore_ascii_case(name));
    port_ok && name_ok
}

/// Whether the browser says the request comes from another site.
fn cross_site(headers: &HeaderMap, host: &str) -> bool {
    let value = |name| {
        headers
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
    };
    let fetch_site = value("sec-fetch-site");
    if fetch_site.is_some_and(|s| s != "same-origin" && s != "none") {
        return true;
    }
    match value(header::ORIGIN.as_str()) {
        Some(origin) => !origin.eq_ignore_ascii_case(&format!("http://{host}")),
        None => false,
    }
}

/// Whether a form's token is the server's, compared in constant time.
pub fn token_ok(app: &App, given: &str) -> bool {
    let (a, b) = (app.token.as_bytes(), given.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The refusal of a form without the right token.
pub fn bad_token() -> Response {
    refuse_because(
        "token",
        StatusCode::FORBIDDEN,
        "Refused",
        "This form is out of date or did not come from this server. Reload the page and try again.",
    )
}

fn harden(headers: &mut HeaderMap) {
    let set = |headers: &mut HeaderMap, name, value| {
        headers.insert(name, HeaderValue::from_static(value));
    };
    set(headers, header::CACHE_CONTROL, "no-store");
    set(headers, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    // Not `no-referrer`: with it, browsers send `Origin: null` on the page's own posts.
    set(headers, header::REFERRER_POLICY, "same-origin");
    set(headers, header::X_FRAME_OPTIONS, "DENY");
    let kind = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok());
    // Not on PDFs: the browser's own viewer would be blocked.
    if kind.is_some_and(|k| k.starts_with("text/html") || k.starts_with("image/svg")) {
        set(headers, header::CONTENT_SECURITY_POLICY, PAGE_POLICY);
    }
}

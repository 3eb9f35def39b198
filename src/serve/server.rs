//! Starting the server: the handouts folder and brand, the address, the routes, and the
//! safety rules of [`super::safety`] around all of them.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::Path;
use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use handout::diagnostics::Diagnostic;
use handout::run::setup::find_brand;
use handout::run::{source_date_epoch, SOURCE_DATE_EPOCH};

use super::state::{App, Config, Shared};
use super::{print, safety, tickets, write};
use crate::cli::args::ServeArgs;
use crate::cli::plan::DEFAULT_BRAND;

/// Largest request body: a form with a handout's YAML or today's CSV.
pub const MAX_BODY: usize = 2 * 1024 * 1024;

const STYLE: &str = include_str!("static/style.css");

/// Serves until interrupted (Ctrl-C ends the process). An `Err` is a setup problem: the
/// folder, the brand file, the address.
pub fn serve(args: &ServeArgs) -> Result<u8, Diagnostic> {
    let config = config(args)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_io()
        .build()
        .map_err(|e| Diagnostic::flag("serve", format!("cannot start the server: {e}")))?;
    let address = SocketAddr::new(
        args.listen.unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST)),
        args.port,
    );
    runtime.block_on(run(address, config))
}

async fn run(address: SocketAddr, config: Config) -> Result<u8, Diagnostic> {
    let at = address.to_string();
    let listener = tokio::net::TcpListener::bind(address).await.map_err(|e| {
        Diagnostic::flag(&at, format!("cannot listen here: {e}"))
            .help("choose another port with `--port N`")
    })?;
    let bound = listener
        .local_addr()
        .map_err(|e| Diagnostic::flag(&at, format!("cannot listen here: {e}")))?;
    let app: Shared = Arc::new(App::new(Config {
        port: bound.port(),
        ..config
    }));
    // A brand that does not load stops here, as it stops `build`, not at the first page.
    let warm = app.clone();
    tokio::task::spawn_blocking(move || warm.catalogue().map(drop))
        .await
        .map_err(|e| Diagnostic::internal(Path::new("serve"), e.to_string()))??;
    announce(bound);
    axum::serve(listener, router(app))
        .await
        .map_err(|e| Diagnostic::flag(&at, format!("the server stopped: {e}")))?;
    Ok(0)
}

/// Prints the address to open; for an address beyond this computer, who can reach it.
fn announce(bound: SocketAddr) {
    let shown = match bound.ip() {
        ip if ip.is_unspecified() => format!("http://THIS-COMPUTER:{}/", bound.port()),
        _ => format!("http://{bound}/"),
    };
    println!("handout serve: open {shown} in a browser (Ctrl-C to stop)");
    if !bound.ip().is_loopback() {
        eprintln!(
            "warning: listening on {bound}: anyone on the network who can reach this computer \
             can print handouts with patient data and change handout files; there is no \
             password. Use it only on the clinic's own network."
        );
    }
}

fn config(args: &ServeArgs) -> Result<Config, Diagnostic> {
    let dir = &args.dir;
    if !dir.is_dir() {
        return Err(Diagnostic::new(dir, "no such folder")
            .help("run from the folder that holds `handouts/`, or name the handouts folder"));
    }
    let brand = match &args.brand {
        Some(b) => b.clone(),
        None => find_brand(dir, Path::new(DEFAULT_BRAND))?,
    };
    let root = dir
        .canonicalize()
        .map_err(|e| Diagnostic::new(dir, format!("cannot read this folder: {e}")))?;
    let brand = std::path::absolute(&brand).unwrap_or(brand);
    let token = tickets::random_hex().ok_or_else(|| {
        Diagnostic::internal(dir, "the system gave no random numbers for the form token")
    })?;
    Ok(Config {
        root,
        brand,
        token,
        port: args.port,
        allowed_hosts: args.allow_host.clone(),
        verbose: args.verbose,
        date_fallback: source_date_epoch(std::env::var_os(SOURCE_DATE_EPOCH).as_deref())?,
    })
}

/// Every page, and the safety rules around them all (the refusals come first).
fn router(app: Shared) -> Router {
    Router::new()
        .route("/", get(print::page).post(print::make))
        .route("/printed/{ticket}", get(print::held))
        .route("/thumb", get(print::thumb))
        .route("/write", get(write::page).post(write::save))
        .route("/preview.pdf", get(write::pdf))
        .route("/static/style.css", get(style))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(axum::middleware::from_fn_with_state(
            app.clone(),
            safety::guard,
        ))
        .with_state(app)
}

async fn style() -> Response {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], STYLE).into_response()
}

async fn not_found() -> Response {
    safety::refuse(
        StatusCode::NOT_FOUND,
        "Not found",
        "There is no page at this address.",
    )
}

//! The write page: a handout's YAML in a text area, checked as `check` checks it (the
//! library's own reader and layout, on the text in memory), with page pictures and reading
//! grades. A valid file is saved atomically; an invalid one is never written.

use std::path::{Path, PathBuf};

use axum::extract::{Form, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use serde::Deserialize;

use handout::diagnostics::Diagnostic;
use handout::layout::Edition;
use handout::model::{nfc, parse_handout, Block, FieldPath, Source};
use handout::readability::{self, Readability};
use handout::run::handout::{lay_out_source, render};
use handout::run::save::write_atomically;
use handout::run::Setup;

use super::catalogue::logo_address;
use super::files::{handout_file, name_below};
use super::print::{busy, setup_problem, FileQuery};
use super::safety::{bad_token, refuse, token_ok};
use super::state::{blocking, App, Shared};
use super::svg;
use super::write_page::{self, Editor, Saved};

/// Width of the preview's page pictures, in CSS pixels.
const PREVIEW_WIDTH: u32 = 420;

/// A handout's text checked: its problems (errors and warnings), and when it lays out, its
/// pages as SVG and its reading grades.
pub struct Checked {
    pub problems: Vec<Diagnostic>,
    pub pages: Vec<String>,
    pub readability: Option<Readability>,
    pub valid: bool,
}

#[derive(Deserialize)]
pub struct OpenQuery {
    pub file: Option<String>,
}

/// `GET /write` (the list of handouts) or `GET /write?file=NAME` (its editor).
pub async fn page(State(app): State<Shared>, Query(query): Query<OpenQuery>) -> Response {
    let answer = blocking(&app, move |app| {
        let catalogue = match app.catalogue() {
            Ok(c) => c,
            Err(d) => return setup_problem(&d),
        };
        let Some(name) = query.file else {
            return Html(write_page::picker(&catalogue, None)).into_response();
        };
        let path = match handout_file(&app.root, &name) {
            Ok(p) => p,
            Err(refused) => return refuse(StatusCode::NOT_FOUND, "Not a handout here", refused.0),
        };
        let text = match Source::read(&path) {
            Ok(source) => source.text,
            Err(d) => return refuse(StatusCode::UNPROCESSABLE_ENTITY, "Cannot open", &d.message),
        };
        let checked = check(app, &path, &text);
        let editor = Editor {
            name: &name,
            text: &text,
            token: &app.token,
            saved: Saved::Opened,
        };
        Html(write_page::editor(&catalogue, &editor, &checked)).into_response()
    });
    answer.await.unwrap_or_else(busy)
}

#[derive(Deserialize)]
pub struct WriteForm {
    token: String,
    file: String,
    yaml: String,
    /// `save`, or `check` to check without saving.
    #[serde(default)]
    action: String,
}

/// `POST /write`: check the text; save it if it is valid and saving was asked for.
pub async fn save(State(app): State<Shared>, Form(form): Form<WriteForm>) -> Response {
    if !token_ok(&app, &form.token) {
        return bad_token();
    }
    let answer = blocking(&app, move |app| {
        let path = match handout_file(&app.root, &form.file) {
            Ok(p) => p,
            Err(refused) => return refuse(StatusCode::NOT_FOUND, "Not a handout here", refused.0),
        };
        // Browsers send a text area's lines with CRLF; the file keeps the LF it had.
        let text = form.yaml.replace("\r\n", "\n");
        let checked = check(app, &path, &text);
        let saved = match (checked.valid, form.action == "save") {
            (false, true) => Saved::Refused,
            (true, true) => match write_atomically(&path, text.as_bytes()) {
                Ok(()) => {
                    app.forget_catalogue();
                    Saved::Written
                }
                Err(e) => Saved::Failed(e.to_string()),
            },
            (_, false) => Saved::Checked,
        };
        let catalogue = match app.catalogue() {
            Ok(c) => c,
            Err(d) => return setup_problem(&d),
        };
        let status = if checked.valid {
            StatusCode::OK
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
        let editor = Editor {
            name: &form.file,
            text: &text,
            token: &app.token,
            saved,
        };
        (
            status,
            Html(write_page::editor(&catalogue, &editor, &checked)),
        )
            .into_response()
    });
    answer.await.unwrap_or_else(busy)
}

/// Checks a handout's text as `check` would check the file: read, parse, lay out; with the
/// brand's warnings and its own. Pictures must be inside the handouts folder.
pub fn check(app: &App, path: &Path, text: &str) -> Checked {
    let source = Source {
        path: path.to_path_buf(),
        text: nfc(text.trim_start_matches('\u{feff}').to_string()),
    };
    let mut checked = Checked {
        problems: Vec::new(),
        pages: Vec::new(),
        readability: None,
        valid: false,
    };
    let problems = match parse_handout(&source) {
        Ok(handout) => pictures_outside(app, &source, &handout.blocks),
        Err(problems) => problems,
    };
    if !problems.is_empty() {
        checked.problems = shown_below(app, problems);
        return checked;
    }
    let setup = match Setup::load(&app.brand, None, Edition::default()) {
        Ok(setup) => setup,
        Err(d) => {
            checked.problems = shown_below(app, vec![d]);
            return checked;
        }
    };
    let laid = setup
        .metrics()
        .map_err(|d| vec![d])
        .and_then(|m| lay_out_source(&setup, &m, &source));
    match laid {
        Ok(laid) => {
            let logo = logo_address(&setup);
            checked.pages = laid
                .pages
                .iter()
                .map(|p| svg::page(p, PREVIEW_WIDTH, logo.as_deref()))
                .collect();
            let (prepared, goal) = (&laid.prepared, write_page::GOAL_GRADE);
            checked.readability = readability::measure(&prepared.handout);
            // The reading level and plain-language warnings `check` gives, at their places.
            let plain = readability::check(
                &prepared.source,
                &prepared.handout,
                checked.readability.as_ref(),
                goal,
            );
            let warnings = setup
                .warnings
                .iter()
                .chain(&prepared.warnings)
                .cloned()
                .chain(plain)
                .collect();
            checked.problems = shown_below(app, warnings);
            checked.valid = true;
        }
        Err(problems) => checked.problems = shown_below(app, problems),
    }
    checked
}

/// A picture the text names outside the handouts folder, as an error at its `path:`: the
/// page reads and writes nothing outside that folder.
fn pictures_outside(app: &App, source: &Source, blocks: &[Block]) -> Vec<Diagnostic> {
    let dir = source.path.parent().unwrap_or(Path::new(""));
    let outside = |p: &Path| {
        dir.join(p)
            .canonicalize()
            .is_ok_and(|real| !real.starts_with(&app.root))
    };
    blocks
        .iter()
        .enumerate()
        .filter_map(|(i, block)| match block {
            Block::Image(img) if outside(&img.path) => Some(
                Diagnostic::in_source(source, &FieldPath::block(i, "image").key("path"), "this picture is outside the handouts folder")
                    .help("put the picture in the handouts folder (or a folder inside it) and name it from there"),
            ),
            _ => None,
        })
        .collect()
}

/// Problems name files below the handouts folder, as the page does, not by server path.
fn shown_below(app: &App, mut problems: Vec<Diagnostic>) -> Vec<Diagnostic> {
    for d in &mut problems {
        if let Some(name) = name_below(&app.root, &d.file) {
            d.file = PathBuf::from(name);
        }
    }
    problems
}

/// `GET /preview.pdf?file=NAME`: the handout as saved, as a PDF (fields blank: no patient).
pub async fn pdf(State(app): State<Shared>, Query(query): Query<FileQuery>) -> Response {
    let answer = blocking(&app, move |app| {
        let path = handout_file(&app.root, &query.file)
            .map_err(|r| refuse(StatusCode::NOT_FOUND, "Not a handout here", r.0))?;
        let fail = |d: Diagnostic| {
            refuse(
                StatusCode::UNPROCESSABLE_ENTITY,
                "Cannot make the PDF",
                &d.message,
            )
        };
        let setup = Setup::load(&app.brand, None, Edition::default()).map_err(fail)?;
        let source = Source::read(&path).map_err(fail)?;
        let metrics = setup.metrics().map_err(fail)?;
        let laid = lay_out_source(&setup, &metrics, &source).map_err(|p| {
            fail(
                p.into_iter()
                    .next()
                    .unwrap_or_else(|| Diagnostic::new(&path, "does not lay out")),
            )
        })?;
        let bytes = render(&setup, &laid).map_err(fail)?;
        Ok::<Response, Response>(
            ([(header::CONTENT_TYPE, "application/pdf")], bytes).into_response(),
        )
    });
    match answer.await {
        Some(Ok(r) | Err(r)) => r,
        None => busy(),
    }
}

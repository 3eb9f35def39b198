//! The print page: choose handouts, type a patient's values or upload today's CSV, get one
//! PDF. The request becomes a [`handout::run::Plan`] run by [`handout::run::execute`]; the
//! PDF comes back in memory and goes straight to the browser.

use axum::extract::{Multipart, Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use serde::Deserialize;

use handout::diagnostics::{Diagnostic, Origin};
use handout::run::{self, Quiet};

use super::print_form::{self, PrintForm};
use super::print_page::{self, Shown};
use super::safety::{bad_token, refuse, token_ok};
use super::state::{blocking, App, Shared};

pub async fn page(State(app): State<Shared>) -> Response {
    let token = app.token.clone();
    let shown = blocking(&app, move |app| match app.catalogue() {
        Ok(c) => Html(print_page::render(
            &token,
            &c,
            &PrintForm::default(),
            &Shown::default(),
        ))
        .into_response(),
        Err(d) => setup_problem(&d),
    });
    shown.await.unwrap_or_else(busy)
}

/// `POST /`: the PDF, or the page again with what went wrong next to its cause.
pub async fn make(State(app): State<Shared>, multipart: Multipart) -> Response {
    let form = match print_form::read(multipart).await {
        Ok(form) => form,
        Err(refused) => return refused,
    };
    if !token_ok(&app, &form.token) {
        return bad_token();
    }
    blocking(&app, move |app| build(app, form))
        .await
        .unwrap_or_else(busy)
}

/// Runs the plan (blocking) and answers with the PDF or the problems.
fn build(app: &App, form: PrintForm) -> Response {
    let catalogue = match app.catalogue() {
        Ok(c) => c,
        Err(d) => return setup_problem(&d),
    };
    let mut shown = Shown::default();
    let mut inputs = Vec::new();
    for name in &form.handouts {
        match catalogue.offered().find(|e| e.name == *name) {
            Some(entry) => inputs.push(app.root.join(&entry.name)),
            None => shown
                .notes
                .push(format!("`{name}` is not one of the handouts here.")),
        }
    }
    if form.handouts.is_empty() {
        shown.notes.push("Choose at least one handout.".into());
    }
    if form.csv.is_none() && !form.typed_any() {
        shown.notes.push(
            "Type the patient's values (such as their name), or choose today's CSV file.".into(),
        );
    }
    let report = match shown.notes.is_empty() {
        true => form
            .plan(app, inputs)
            .and_then(|plan| run::execute(&plan, &Quiet)),
        false => return answer(app, &catalogue, &form, shown),
    };
    let report = match report {
        Ok(report) => report,
        Err(d) => {
            shown.problems.push(d);
            return answer(app, &catalogue, &form, shown);
        }
    };
    if let (0, Some(pdf)) = (report.failed(), &report.pdf) {
        return pdf_response(pdf.clone());
    }
    for outcome in &report.outcomes {
        if let Err(problems) = &outcome.result {
            shown
                .problems
                .extend(problems.iter().map(unplaced_if_typed));
        }
    }
    let printed = report.succeeded();
    if let Some(ticket) = report.pdf.and_then(|pdf| app.tickets.hold(pdf)) {
        shown.printed = Some((ticket, printed));
    }
    answer(app, &catalogue, &form, shown)
}

/// A problem with the typed values is shown beside its field; the line of the one-row CSV
/// made from them would mean nothing to the user.
fn unplaced_if_typed(d: &Diagnostic) -> Diagnostic {
    let mut d = d.clone();
    if d.file.as_os_str() == print_form::TYPED {
        d.location = None;
    }
    d
}

/// The page again, with the form as filled in and what went wrong: 200 if some copies
/// printed, else 422 (500 if the tool itself failed).
fn answer(
    app: &App,
    catalogue: &super::catalogue::Catalogue,
    form: &PrintForm,
    shown: Shown,
) -> Response {
    let status = if shown.problems.iter().any(|d| d.origin == Origin::Tool) {
        StatusCode::INTERNAL_SERVER_ERROR
    } else if shown.printed.is_some() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    (
        status,
        Html(print_page::render(&app.token, catalogue, form, &shown)),
    )
        .into_response()
}

/// A PDF for the browser's own viewer; its name says nothing about the patient.
fn pdf_response(pdf: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/pdf"),
            (
                header::CONTENT_DISPOSITION,
                "inline; filename=\"handouts.pdf\"",
            ),
        ],
        pdf,
    )
        .into_response()
}

/// `GET /printed/TICKET`: the copies that printed when others did not, for a few minutes.
pub async fn held(State(app): State<Shared>, Path(ticket): Path<String>) -> Response {
    match app.tickets.get(&ticket) {
        Some(pdf) => pdf_response(pdf),
        None => refuse(
            StatusCode::NOT_FOUND,
            "No longer here",
            "This PDF is no longer kept (PDFs with patient data are kept for ten minutes). Make it again.",
        ),
    }
}

#[derive(Deserialize)]
pub struct FileQuery {
    pub file: String,
}

/// `GET /thumb?file=NAME`: page 1 of a handout, as SVG.
pub async fn thumb(State(app): State<Shared>, Query(query): Query<FileQuery>) -> Response {
    let found = blocking(&app, move |app| {
        let catalogue = app.catalogue().ok()?;
        catalogue.find(&query.file)?.thumb.clone()
    });
    match found.await.flatten() {
        Some(svg) => ([(header::CONTENT_TYPE, "image/svg+xml")], svg.to_string()).into_response(),
        None => refuse(
            StatusCode::NOT_FOUND,
            "Not found",
            "There is no such handout.",
        ),
    }
}

/// The brand or the handouts folder cannot be used: the problem, as `build` says it.
pub fn setup_problem(d: &Diagnostic) -> Response {
    let status = match d.origin {
        Origin::Tool => StatusCode::INTERNAL_SERVER_ERROR,
        _ => StatusCode::SERVICE_UNAVAILABLE,
    };
    let body = super::html::page(
        "Cannot start",
        super::html::Tab::None,
        &format!(
            "<h1>The handouts cannot be used</h1>{}",
            super::html::problems(&[d], "setup", "What is wrong")
        ),
    );
    (status, Html(body)).into_response()
}

pub fn busy() -> Response {
    refuse(
        StatusCode::SERVICE_UNAVAILABLE,
        "Busy",
        "The server is shutting down or overloaded. Try again.",
    )
}

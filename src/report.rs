//! What a run tells its user: a line per handout and a summary, or one JSON document, and a
//! progress bar on a terminal for long batches.

use std::io::IsTerminal;
use std::path::Path;
use std::time::Duration;

use serde::Serialize;

use crate::batch::Outcome;
use crate::diagnostics::Diagnostic;

/// A progress bar on stderr, shown only on a terminal and only for batches long enough to
/// need one; otherwise hidden (CI logs stay clean).
pub fn progress(len: usize) -> indicatif::ProgressBar {
    if len < 50 || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {elapsed}") {
        bar.set_style(style);
    }
    bar
}

/// One line for a handout that went well.
pub fn line(outcome: &Outcome) -> Option<String> {
    let built = outcome.result.as_ref().ok()?;
    let pages = if built.pages == 1 { "page" } else { "pages" };
    let ms = built.elapsed.as_secs_f64() * 1000.0;
    Some(match &outcome.output {
        Some(out) => format!(
            "{} → {} ({} {pages}, {:.1} KiB, {ms:.1} ms)",
            outcome.input.display(),
            out.display(),
            built.pages,
            built.bytes as f64 / 1024.0
        ),
        None => {
            let reading = built.readability.map_or(String::new(), |r| {
                format!(
                    ", reading grade {:.1} (Flesch–Kincaid {:.1}, SMOG {:.1})",
                    r.grade(),
                    r.flesch_kincaid,
                    r.smog
                )
            });
            format!(
                "{}: ok ({} {pages}, {ms:.1} ms{reading})",
                outcome.input.display(),
                built.pages
            )
        }
    })
}

/// A warning for a handout whose prose reads above `max_grade`.
pub fn grade_warning(outcome: &Outcome, max_grade: f32) -> Option<String> {
    let r = outcome.result.as_ref().ok()?.readability?;
    (r.grade() > max_grade).then(|| {
        format!(
            "{}: reading grade {:.1} is above {max_grade} (Flesch–Kincaid {:.1}, SMOG {:.1}); \
             shorter sentences and shorter words bring it down",
            outcome.input.display(),
            r.grade(),
            r.flesch_kincaid,
            r.smog
        )
    })
}

/// The summary: `4 built, 0 failed in 16 ms`.
pub fn summary(verb: &str, ok: usize, failed: usize, wall: Duration) -> String {
    format!(
        "{ok} {verb}, {failed} failed in {:.0} ms",
        wall.as_secs_f64() * 1000.0
    )
}

#[derive(Serialize)]
struct JsonError<'a> {
    file: String,
    line: Option<usize>,
    column: Option<usize>,
    field: Option<&'a str>,
    message: &'a str,
    help: Option<&'a str>,
}

impl<'a> From<&'a Diagnostic> for JsonError<'a> {
    fn from(d: &'a Diagnostic) -> Self {
        JsonError {
            file: d.file.display().to_string(),
            line: d.location.map(|l| l.0),
            column: d.location.map(|l| l.1),
            field: d.field.as_deref(),
            message: &d.message,
            help: d.help.as_deref(),
        }
    }
}

#[derive(Serialize)]
struct JsonReading {
    flesch_kincaid: f32,
    smog: f32,
    sentences: usize,
    words: usize,
}

#[derive(Serialize)]
struct JsonItem<'a> {
    path: String,
    output: Option<String>,
    ok: bool,
    pages: Option<usize>,
    bytes: Option<usize>,
    milliseconds: Option<f64>,
    reading: Option<JsonReading>,
    errors: Vec<JsonError<'a>>,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    ok: usize,
    failed: usize,
    milliseconds: f64,
    handouts: Vec<JsonItem<'a>>,
}

fn display(p: &Path) -> String {
    p.display().to_string()
}

/// The whole run as one JSON document.
pub fn json(outcomes: &[Outcome], wall: Duration) -> String {
    let handouts: Vec<JsonItem> = outcomes
        .iter()
        .map(|o| {
            let built = o.result.as_ref().ok();
            JsonItem {
                path: display(&o.input),
                output: built.and(o.output.as_deref()).map(display),
                ok: built.is_some(),
                pages: built.map(|b| b.pages),
                bytes: built.map(|b| b.bytes).filter(|_| o.output.is_some()),
                milliseconds: built.map(|b| b.elapsed.as_secs_f64() * 1000.0),
                reading: built.and_then(|b| b.readability).map(|r| JsonReading {
                    flesch_kincaid: (r.flesch_kincaid * 10.0).round() / 10.0,
                    smog: (r.smog * 10.0).round() / 10.0,
                    sentences: r.sentences,
                    words: r.words,
                }),
                errors: o
                    .result
                    .as_ref()
                    .err()
                    .map(|ps| ps.iter().map(JsonError::from).collect())
                    .unwrap_or_default(),
            }
        })
        .collect();
    let failed = handouts.iter().filter(|h| !h.ok).count();
    let report = JsonReport {
        ok: handouts.len() - failed,
        failed,
        milliseconds: wall.as_secs_f64() * 1000.0,
        handouts,
    };
    serde_json::to_string_pretty(&report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

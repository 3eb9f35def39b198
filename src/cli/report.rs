//! What a run tells its user: problems on stderr like rustc prints them, a line per handout
//! and a summary (or one JSON document) on stdout, and a progress bar on a terminal for long
//! batches.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use handout::diagnostics::Diagnostic;
use handout::readability::{spanish, Readability, Scores};
use handout::run::{Outcome, Progress, Report};
use serde::Serialize;

use super::args::Format;
use super::plan::Reporting;

/// Exit codes, as documented in `--help`.
pub const EXIT_INPUT: u8 = 1;
pub const EXIT_SETUP: u8 = 2;

/// Writes to standard output. When the reader has gone (`handout build | head`), there is
/// nobody left to tell anything: exit quietly, as ripgrep does, instead of panicking.
pub fn out(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let written = stdout
        .write_all(text.as_bytes())
        .and_then(|_| stdout.write_all(b"\n"))
        .and_then(|_| stdout.flush());
    if let Err(e) = written {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
    }
}

/// A diagnostic on stderr, coloured on a terminal.
pub fn problem(d: &Diagnostic) {
    anstream::eprint!("{}", d.render(true));
}

/// A progress bar on stderr, shown only on a terminal and only for batches long enough to
/// need one; otherwise hidden (CI logs stay clean).
pub struct Bar(indicatif::ProgressBar);

impl Bar {
    pub fn new() -> Bar {
        Bar(indicatif::ProgressBar::hidden())
    }

    pub fn finish(&self) {
        self.0.finish_and_clear();
    }
}

impl Progress for Bar {
    fn start(&self, items: usize) {
        if items < 50 || !std::io::stderr().is_terminal() {
            return;
        }
        self.0.set_length(items as u64);
        self.0
            .set_draw_target(indicatif::ProgressDrawTarget::stderr());
        if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {elapsed}")
        {
            self.0.set_style(style);
        }
    }

    fn tick(&self) {
        self.0.inc(1);
    }
}

/// Prints the report and returns the exit code.
pub fn print(report: &Report, how: Reporting) -> u8 {
    for o in &report.outcomes {
        if let Err(problems) = &o.result {
            problems.iter().for_each(problem);
        }
    }
    // A warning about the brand file comes from every handout it is used in: tell it once.
    // `--quiet` prints errors only (JSON still carries the warnings).
    let mut told: Vec<&Diagnostic> = Vec::new();
    for w in report.all_warnings().filter(|_| !how.quiet) {
        if !told.contains(&w) {
            problem(w);
            told.push(w);
        }
    }
    let failed = report.failed();
    if how.format == Format::Json {
        out(&json(report));
    } else {
        let per_item = !how.quiet && (!report.personalised || how.verbose);
        let destination = report
            .personalised
            .then(|| Destination::of(report))
            .flatten();
        // In a print job a copy's bytes and time are its share of the job's.
        let in_job = matches!(destination, Some(Destination::File(_))) && report.succeeded() > 1;
        if per_item {
            for line in report.outcomes.iter().filter_map(|o| line(o, in_job)) {
                out(&line);
            }
        }
        let verb = match (report.wrote, report.personalised) {
            (true, true) if report.succeeded() == 1 => "copy built",
            (true, true) => "copies built",
            (true, false) => "built",
            (false, _) => "checked",
        };
        let mut summary = format!(
            "{} {verb}, {failed} failed in {:.0} ms",
            report.succeeded(),
            report.elapsed.as_secs_f64() * 1000.0
        );
        // Copies go to a day's folder or one print job: say where, so nobody has to know
        // the rule to find them.
        if let Some(place) = &destination {
            summary.push_str(&format!(", into {}", place.describe()));
        }
        if failed > 0 {
            eprintln!("{summary}");
        } else if !how.quiet {
            out(&summary);
        }
    }
    if failed > 0 {
        EXIT_INPUT
    } else {
        0
    }
}

/// Where a run's PDFs went.
enum Destination {
    /// One file holds them all: a print job, or a single copy.
    File(PathBuf),
    /// The folder that holds them all (a day's copies folder).
    Folder(PathBuf),
}

impl Destination {
    /// Where the written outcomes of `report` went (`None` when nothing was written).
    fn of(report: &Report) -> Option<Destination> {
        let mut written = report
            .outcomes
            .iter()
            .filter(|o| o.result.is_ok())
            .filter_map(|o| o.output.as_deref());
        let first = written.next()?;
        let mut common = first.to_path_buf();
        let mut one_file = true;
        for path in written.filter(|p| *p != first) {
            one_file = false;
            while !path.starts_with(&common) {
                if !common.pop() {
                    return None;
                }
            }
        }
        Some(match one_file {
            true => Destination::File(common),
            false => Destination::Folder(common),
        })
    }

    /// `output/copies/today.pdf`, `output/copies/2026-11-30/`.
    fn describe(&self) -> String {
        match self {
            Destination::File(file) => file.display().to_string(),
            Destination::Folder(folder) => format!("{}/", folder.display()),
        }
    }
}

/// A problem that stopped the whole run: printed, and in JSON too when JSON was asked for,
/// so a CI job reading standard output always gets a document.
pub fn setup_error(d: &Diagnostic, format: Format) -> u8 {
    problem(d);
    if format == Format::Json {
        let doc = JsonReport {
            ok: 0,
            failed: 0,
            milliseconds: 0.0,
            error: Some(d.into()),
            warnings: Vec::new(),
            handouts: Vec::new(),
        };
        out(&to_json(&doc));
    }
    EXIT_SETUP
}

/// One line for a handout that went well.
fn line(outcome: &Outcome, in_job: bool) -> Option<String> {
    let built = outcome.result.as_ref().ok()?;
    let pages = if built.pages == 1 { "page" } else { "pages" };
    let ms = built.elapsed.as_secs_f64() * 1000.0;
    let share = if in_job {
        "; its share of the job:"
    } else {
        ","
    };
    Some(match &outcome.output {
        Some(out) => format!(
            "{} → {} ({} {pages}{share} {:.1} KiB, {ms:.1} ms)",
            outcome.input.display(),
            out.display(),
            built.pages,
            built.bytes as f64 / 1024.0
        ),
        None => {
            let reading = match (&built.readability, &built.reading_not_checked) {
                (Some(r), _) => format!(", {}", r.describe()),
                (None, Some(note)) => format!(", {note}"),
                (None, None) => String::new(),
            };
            format!(
                "{}: ok ({} {pages}, {ms:.1} ms{reading})",
                outcome.input.display(),
                built.pages
            )
        }
    })
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    severity: &'static str,
    origin: &'static str,
    file: String,
    line: Option<usize>,
    column: Option<usize>,
    field: Option<String>,
    message: &'a str,
    help: Option<&'a str>,
}

impl<'a> From<&'a Diagnostic> for JsonDiagnostic<'a> {
    fn from(d: &'a Diagnostic) -> Self {
        JsonDiagnostic {
            severity: if d.is_error() { "error" } else { "warning" },
            origin: d.origin.name(),
            file: display(&d.file),
            line: d.location.map(|l| l.0),
            column: d.location.map(|l| l.1),
            field: d.field.as_ref().map(ToString::to_string),
            message: &d.message,
            help: d.help.as_deref(),
        }
    }
}

/// The reading scores of one handout: the English grades or the Spanish scores and bands.
#[derive(Serialize)]
struct JsonReading {
    #[serde(skip_serializing_if = "Option::is_none")]
    flesch_kincaid: Option<f32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    smog: Option<f32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fernandez_huerta: Option<JsonScore>,
    #[serde(skip_serializing_if = "Option::is_none")]
    inflesz: Option<JsonScore>,
    sentences: usize,
    words: usize,
    syllables: usize,
}

/// A reading-ease score with the band it falls in ("normal", "fairly easy").
#[derive(Serialize)]
struct JsonScore {
    score: f32,
    band: &'static str,
}

/// One decimal, as the scores are printed.
fn tenths(x: f32) -> f32 {
    (x * 10.0).round() / 10.0
}

impl From<&Readability> for JsonReading {
    fn from(r: &Readability) -> Self {
        let mut reading = JsonReading {
            flesch_kincaid: None,
            smog: None,
            fernandez_huerta: None,
            inflesz: None,
            sentences: r.counts.sentences,
            words: r.counts.words,
            syllables: r.counts.syllables,
        };
        match r.scores {
            Scores::English {
                flesch_kincaid,
                smog,
            } => {
                reading.flesch_kincaid = Some(tenths(flesch_kincaid));
                reading.smog = Some(tenths(smog));
            }
            Scores::Spanish {
                fernandez_huerta,
                inflesz,
            } => {
                reading.fernandez_huerta = Some(JsonScore {
                    score: tenths(fernandez_huerta),
                    band: spanish::fernandez_huerta_band(fernandez_huerta),
                });
                reading.inflesz = Some(JsonScore {
                    score: tenths(inflesz),
                    band: spanish::inflesz_band(inflesz),
                });
            }
        }
        reading
    }
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
    /// Why a handout has no reading level (a language the checks are not made for).
    #[serde(skip_serializing_if = "Option::is_none")]
    reading_not_checked: Option<&'a str>,
    errors: Vec<JsonDiagnostic<'a>>,
    warnings: Vec<JsonDiagnostic<'a>>,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    ok: usize,
    failed: usize,
    milliseconds: f64,
    /// The problem that stopped the run before any handout was tried.
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<JsonDiagnostic<'a>>,
    /// Warnings about the run as a whole (the brand file).
    warnings: Vec<JsonDiagnostic<'a>>,
    handouts: Vec<JsonItem<'a>>,
}

fn display(p: &Path) -> String {
    p.display().to_string()
}

fn to_json<T: Serialize>(doc: &T) -> String {
    serde_json::to_string_pretty(doc).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

fn json_item(o: &Outcome) -> JsonItem<'_> {
    let built = o.result.as_ref().ok();
    JsonItem {
        path: display(&o.input),
        output: built.and(o.output.as_deref()).map(display),
        ok: built.is_some(),
        pages: built.map(|b| b.pages),
        bytes: built.map(|b| b.bytes).filter(|_| o.output.is_some()),
        milliseconds: built.map(|b| b.elapsed.as_secs_f64() * 1000.0),
        reading: built
            .and_then(|b| b.readability.as_ref())
            .map(JsonReading::from),
        reading_not_checked: built.and_then(|b| b.reading_not_checked.as_deref()),
        errors: o
            .result
            .as_ref()
            .err()
            .map(|ps| ps.iter().map(JsonDiagnostic::from).collect())
            .unwrap_or_default(),
        warnings: built
            .map(|b| b.warnings.iter().map(JsonDiagnostic::from).collect())
            .unwrap_or_default(),
    }
}

/// The whole run as one JSON document.
fn json(report: &Report) -> String {
    let doc = JsonReport {
        ok: report.succeeded(),
        failed: report.failed(),
        milliseconds: report.elapsed.as_secs_f64() * 1000.0,
        error: None,
        warnings: report.warnings.iter().map(JsonDiagnostic::from).collect(),
        handouts: report.outcomes.iter().map(json_item).collect(),
    };
    to_json(&doc)
}

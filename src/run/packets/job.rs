//! The day as one print job: every copy laid out on its own (its own "Page N of M"), then
//! written into one PDF in row order, with an outline of patients and their handouts, fonts
//! and pictures stored once, and, printed on both sides, each packet on a front side.
//!
//! The job is written as it goes, a window of rows at a time: the window's copies are laid
//! out on all cores, written into the file (`pdf::JobWriter`) and dropped, so memory stays
//! flat however long the day. What is kept per copy is its outcome for the summary.

use std::collections::BTreeMap;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::time::Instant;

use super::run::{lay_out_copy, Setups, COPIES_PER_WORKER};
use super::{Given, Variant, VariantKey};
use crate::diagnostics::Diagnostic;
use crate::layout::{ImageRef, Page};
use crate::model::FieldKey;
use crate::pdf::{DocInfo, FontSubsets, JobOptions, JobWriter, Part, PdfImage, WriteError};
use crate::run::batch::on_all_cores;
use crate::run::copies::Copy;
use crate::run::handout::{images_of, Built, Problems};
use crate::run::save::write_streamed;
use crate::run::{Outcome, Progress};

/// Copies laid out and written at a time: enough to keep every core busy, few enough that
/// their pages and objects take a few megabytes.
const WINDOW: usize = 256;

/// What a copy came to: its page count in the job, or why it failed.
type Laid = Result<usize, Problems>;

/// Where a print job goes: a file, or a buffer a face hands back (patient data that must not
/// touch the disk).
pub(super) enum JobTarget<'a> {
    File(&'a Path),
    Memory(&'a mut Vec<u8>),
}

impl JobTarget<'_> {
    fn file(&self) -> Option<&Path> {
        match self {
            JobTarget::File(path) => Some(path),
            JobTarget::Memory(_) => None,
        }
    }
}

/// Lays out every copy on all cores and writes those that came out as one PDF to `job`
/// (nothing is written when `job` is `None`: checked only). Outcomes in row order; a copy
/// that fails is left out of the job and reported with its row.
pub(super) fn print_job(
    setups: &Setups,
    fonts: &FontSubsets,
    given: &[Given],
    copies: &[(&Copy, &Variant)],
    job: Option<JobTarget>,
    duplex: bool,
    progress: &dyn Progress,
) -> Vec<Outcome> {
    let start = Instant::now();
    let tick = || progress.tick();
    let job = job.map(|target| (target, Job::new(setups, fonts, given, copies, duplex)));
    // No copy lays out (or nothing to write): every copy is checked, none written.
    let Some((target, job, models)) = job.and_then(|(target, job)| {
        let models = job.models();
        (!models.is_empty()).then_some((target, job, models))
    }) else {
        let laid = on_all_cores(
            setups.plan,
            copies,
            COPIES_PER_WORKER,
            &tick,
            |m, (row, v)| lay_out_copy(setups, m, given, row, v).map(|pages| pages.len()),
        );
        return outcomes(copies, laid, Ok(None), None, start);
    };
    let file = target.file().map(Path::to_path_buf);
    let at = file.clone().unwrap_or_else(|| "print job".into());
    let mut laid = Vec::with_capacity(copies.len());
    let written = match target {
        JobTarget::File(path) => write_streamed(path, |file| {
            let written = job.write(BufWriter::new(file), &models, &mut laid, &tick);
            written.map(|(_, size)| size)
        }),
        JobTarget::Memory(buffer) => {
            let written = job.write(Vec::new(), &models, &mut laid, &tick);
            written.map(|(pdf, size)| {
                *buffer = pdf;
                size
            })
        }
    };
    let written = written.map_err(|e| match e {
        WriteError::Io(e) => vec![Diagnostic::new(&at, format!("cannot write PDF: {e}"))
            .help("check that the output folder exists and is writable")],
        WriteError::Pdf(msg) => vec![Diagnostic::internal(&at, msg)],
    });
    // Copies not reached when writing failed have the job's failure.
    laid.resize_with(copies.len(), || Ok(0));
    outcomes(copies, laid, written.map(Some), file.as_deref(), start)
}

/// A print job to write.
struct Job<'a> {
    setups: &'a Setups<'a>,
    fonts: &'a FontSubsets,
    given: &'a [Given],
    copies: &'a [(&'a Copy, &'a Variant)],
    /// Each copy's handout: its variant, numbered in the order they first appear.
    handouts: Vec<usize>,
    /// Each handout's images and language.
    images: Vec<Vec<(ImageRef, &'a PdfImage)>>,
    langs: Vec<String>,
    options: JobOptions,
}

impl<'a> Job<'a> {
    fn new(
        setups: &'a Setups<'a>,
        fonts: &'a FontSubsets,
        given: &'a [Given],
        copies: &'a [(&'a Copy, &'a Variant)],
        duplex: bool,
    ) -> Self {
        let mut numbers: BTreeMap<&VariantKey, usize> = BTreeMap::new();
        let (mut images, mut langs) = (Vec::new(), Vec::new());
        let handouts = copies
            .iter()
            .map(|(_, v)| {
                let next = numbers.len();
                let n = *numbers.entry(&v.key).or_insert(next);
                if n == next {
                    images.push(images_of(setups.get(v.key.large_print), &v.prepared));
                    langs.push(v.prepared.handout.lang().as_str().to_string());
                }
                n
            })
            .collect();
        Job {
            setups,
            fonts,
            given,
            copies,
            handouts,
            images,
            langs,
            options: JobOptions { duplex },
        }
    }

    /// The first two copies of each handout that lay out, laid out: the job's models.
    fn models(&self) -> Vec<(usize, Vec<Page>)> {
        let Ok(metrics) = self.setups.plan.metrics() else {
            return Vec::new();
        };
        let mut count = vec![0; self.images.len()];
        let mut models = Vec::new();
        for (i, (row, v)) in self.copies.iter().enumerate() {
            let handout = self.handouts[i];
            if count[handout] < 2 {
                if let Ok(pages) = lay_out_copy(self.setups, &metrics, self.given, row, v) {
                    count[handout] += 1;
                    models.push((i, pages));
                }
            }
        }
        models
    }

    /// Copy `i` laid out as `pages`, as a part of the job under `group`.
    fn part<'p>(&'p self, i: usize, pages: &'p [Page], group: &'p str) -> Part<'p> {
        let variant = self.copies[i].1;
        let handout = self.handouts[i];
        Part {
            pages,
            images: &self.images[handout],
            qr: variant.prepared.qr(),
            title: &variant.prepared.handout.title,
            lang: &self.langs[handout],
            group,
            handout,
        }
    }

    /// Writes the job into `out`, a window of rows at a time; notes each copy's outcome in
    /// `laid`. Returns the writer and the file's size.
    fn write<W: Write>(
        &self,
        out: W,
        models: &[(usize, Vec<Page>)],
        laid: &mut Vec<Laid>,
        tick: &(dyn Fn() + Sync),
    ) -> Result<(W, usize), WriteError> {
        let models: Vec<Part> = models.iter().map(|(i, p)| self.part(*i, p, "")).collect();
        let lang = self.langs.first().map_or("en-US", String::as_str);
        let draft = self.copies.iter().any(|(_, v)| v.prepared.handout.draft);
        let info = job_info(self.setups, self.copies.len(), lang, draft);
        let mut writer = JobWriter::new(out, &models, self.fonts, &info, self.options)?;
        for window in self.windows() {
            let copies = &self.copies[window.clone()];
            let results = on_all_cores(
                self.setups.plan,
                copies,
                COPIES_PER_WORKER,
                tick,
                |m, (row, v)| lay_out_copy(self.setups, m, self.given, row, v),
            );
            let names: Vec<String> = copies
                .iter()
                .map(|(row, v)| packet_name(row, v, self.given))
                .collect();
            let parts: Vec<Part> = window
                .zip(&results)
                .zip(&names)
                .filter_map(|((i, pages), name)| Some(self.part(i, pages.as_ref().ok()?, name)))
                .collect();
            if !parts.is_empty() {
                writer.add(&parts)?;
            }
            laid.extend(results.into_iter().map(|r| r.map(|pages| pages.len())));
        }
        let (out, size) = writer.finish()?;
        Ok((out, size as usize))
    }

    /// The copies in windows of about [`WINDOW`], each of whole rows (a row's copies are one
    /// packet).
    fn windows(&self) -> Vec<std::ops::Range<usize>> {
        let mut windows = Vec::new();
        let mut start = 0;
        let copies = self.copies;
        for i in 1..=copies.len() {
            let new_row = |i: usize| !std::ptr::eq(copies[i].0, copies[i - 1].0);
            if i == copies.len() || (i - start >= WINDOW && new_row(i)) {
                windows.push(start..i);
                start = i;
            }
        }
        windows
    }
}

/// The outline's name for a row's packet: the value of its first field (the patient's name,
/// as the handouts put it first), and its CSV line.
fn packet_name(row: &Copy, variant: &Variant, given: &[Given]) -> String {
    let first = given[variant.key.input].labels.first();
    let name = first.and_then(|label| row.values.get(&FieldKey::new(label)));
    match (name.map(|n| n.trim()).filter(|n| !n.is_empty()), row.line) {
        (Some(name), Some(line)) => format!("{name} (line {line})"),
        (Some(name), None) => name.to_string(),
        (None, Some(line)) => format!("Line {line}"),
        (None, None) => format!("Copy {}", row.number),
    }
}

/// What the print job's PDF says about itself: a draft if any copy in it is one.
fn job_info(setups: &Setups, copies: usize, lang: &str, draft: bool) -> DocInfo {
    let clinic = &setups.plan.brand.clinic;
    DocInfo {
        title: format!("Handouts to print: {copies} copies"),
        author: clinic.clone(),
        subject: format!("Patient handouts from {clinic}"),
        lang: lang.to_string(),
        date: setups.plan.date_fallback,
        draft,
    }
}

/// A copy's outcome: its pages in the job (its share of the job's bytes), or why it failed.
/// If the job itself could not be written, every copy in it failed with that.
fn outcomes(
    copies: &[(&Copy, &Variant)],
    laid: Vec<Laid>,
    written: Result<Option<usize>, Problems>,
    job: Option<&Path>,
    start: Instant,
) -> Vec<Outcome> {
    let total_pages: usize = laid.iter().flatten().sum();
    let each = start.elapsed() / u32::try_from(copies.len().max(1)).unwrap_or(u32::MAX);
    copies
        .iter()
        .zip(laid)
        .map(|((row, variant), pages)| {
            let result = match (pages, &written) {
                (Err(problems), _) => Err(problems),
                (Ok(_), Err(problems)) => Err(problems.clone()),
                (Ok(pages), Ok(bytes)) => Ok(Built {
                    pages,
                    bytes: bytes.unwrap_or(0) * pages / total_pages.max(1),
                    elapsed: each,
                    readability: None,
                    reading_not_checked: None,
                    warnings: Vec::new(),
                }),
            };
            Outcome {
                input: super::run::copy_name(row, variant),
                output: job.map(Path::to_path_buf),
                result,
            }
        })
        .collect()
}

//! The day as one print job: every copy laid out on its own (its own "Page N of M"), then
//! written into one PDF in row order, with an outline of patients and their handouts, fonts
//! and pictures stored once, and, printed on both sides, each packet on a front side.

use std::path::Path;
use std::time::Instant;

use super::run::{check_values, Setups, COPIES_PER_WORKER};
use super::{values_for, Given, Variant};
use crate::diagnostics::Diagnostic;
use crate::layout::Page;
use crate::model::FieldKey;
use crate::pdf::{self, DocInfo, FontSubsets, JobOptions, Part};
use crate::run::batch::on_all_cores;
use crate::run::copies::Copy;
use crate::run::handout::{self as build, images_of, Built, Problems};
use crate::run::save::save;
use crate::run::{Outcome, Progress};

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
    let laid = on_all_cores(
        setups.plan,
        copies,
        COPIES_PER_WORKER,
        &tick,
        |m, (row, v)| lay_out_copy(setups, m, given, row, v),
    );
    let file = job
        .as_ref()
        .and_then(JobTarget::file)
        .map(Path::to_path_buf);
    let written = match job {
        Some(target) => write(setups, fonts, given, copies, &laid, target, duplex).map(Some),
        None => Ok(None),
    };
    outcomes(copies, laid, written, file.as_deref(), start)
}

/// One copy's pages, with its row's values.
fn lay_out_copy(
    setups: &Setups,
    metrics: &crate::layout::Metrics,
    given: &[Given],
    row: &Copy,
    variant: &Variant,
) -> Result<Vec<Page>, Problems> {
    check_values(metrics, row)?;
    let setup = setups.get(variant.key.large_print);
    let values = values_for(row, variant, given);
    build::lay_out_pages(setup, metrics, &variant.prepared, &values).map(|(pages, _)| pages)
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

/// Writes the copies that were laid out as one PDF; returns its size in bytes.
fn write(
    setups: &Setups,
    fonts: &FontSubsets,
    given: &[Given],
    copies: &[(&Copy, &Variant)],
    laid: &[Result<Vec<Page>, Problems>],
    target: JobTarget,
    duplex: bool,
) -> Result<usize, Problems> {
    let names: Vec<String> = copies
        .iter()
        .map(|(r, v)| packet_name(r, v, given))
        .collect();
    let images: Vec<_> = copies
        .iter()
        .map(|(_, v)| images_of(setups.get(v.key.large_print), &v.prepared))
        .collect();
    let langs: Vec<_> = copies
        .iter()
        .map(|(_, v)| v.prepared.handout.lang())
        .collect();
    let parts: Vec<Part> = copies
        .iter()
        .zip(laid)
        .enumerate()
        .filter_map(|(i, ((_, variant), pages))| {
            Some(Part {
                pages: pages.as_ref().ok()?,
                images: &images[i],
                qr: variant.prepared.qr(),
                title: &variant.prepared.handout.title,
                lang: langs[i].as_str(),
                group: &names[i],
            })
        })
        .collect();
    if parts.is_empty() {
        return Ok(0);
    }
    let info = job_info(
        setups,
        copies.len(),
        langs.first().map_or("en-US", |l| l.as_str()),
    );
    let at = target.file().unwrap_or(Path::new("print job"));
    let bytes = pdf::write_job(&parts, fonts, &info, JobOptions { duplex })
        .map_err(|msg| vec![Diagnostic::internal(at, msg)])?;
    let size = bytes.len();
    match target {
        JobTarget::File(path) => save(path, &bytes)?,
        JobTarget::Memory(buffer) => *buffer = bytes,
    }
    Ok(size)
}

/// What the print job's PDF says about itself.
fn job_info(setups: &Setups, copies: usize, lang: &str) -> DocInfo {
    let clinic = &setups.plan.brand.clinic;
    DocInfo {
        title: format!("Handouts to print: {copies} copies"),
        author: clinic.clone(),
        subject: format!("Patient handouts from {clinic}"),
        lang: lang.to_string(),
        date: setups.plan.date_fallback,
    }
}

/// A copy's outcome: its pages in the job (its share of the job's bytes), or why it failed.
/// If the job itself could not be written, every copy in it failed with that.
fn outcomes(
    copies: &[(&Copy, &Variant)],
    laid: Vec<Result<Vec<Page>, Problems>>,
    written: Result<Option<usize>, Problems>,
    job: Option<&Path>,
    start: Instant,
) -> Vec<Outcome> {
    let total_pages: usize = laid.iter().flatten().map(Vec::len).sum();
    let each = start.elapsed() / u32::try_from(copies.len().max(1)).unwrap_or(u32::MAX);
    copies
        .iter()
        .zip(laid)
        .map(|((row, variant), pages)| {
            let result = match (pages, &written) {
                (Err(problems), _) => Err(problems),
                (Ok(_), Err(problems)) => Err(problems.clone()),
                (Ok(pages), Ok(bytes)) => Ok(Built {
                    pages: pages.len(),
                    bytes: bytes.unwrap_or(0) * pages.len() / total_pages.max(1),
                    elapsed: each,
                    readability: None,
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

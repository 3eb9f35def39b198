//! Running many builds at once: every handout of a run, or every copy of a personalised
//! batch, on all cores.
//!
//! Work is spread with rayon; each worker has its own font metrics (their caches are not
//! shared between threads). A worker writes its PDF as soon as it is made and keeps only a
//! small [`Outcome`], so memory grows with the number of workers, not of handouts.

use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

use super::copies::{Copy, NameTemplate};
use super::discover::Job;
use super::handout::{self as build, Built, Problems};
use super::save::save;
use super::{Outcome, Setup};
use crate::diagnostics::Diagnostic;
use crate::layout::Metrics;
use crate::model::{field_labels, Source};
use crate::pdf;

/// Something to call after each finished item (a progress bar).
pub type Tick<'a> = &'a (dyn Fn() + Sync);

fn metrics_for_worker(run: &Setup) -> Option<Metrics<'_>> {
    run.metrics().ok()
}

fn no_metrics(run: &Setup) -> Problems {
    run.metrics().err().into_iter().collect()
}

/// Builds (or, with `write` false, checks) each job on all cores; outcomes in job order.
pub fn run_handouts(
    run: &Setup,
    jobs: &[Job],
    write: bool,
    max_grade: f32,
    tick: Tick,
) -> Vec<Outcome> {
    jobs.par_iter()
        .map_init(
            || metrics_for_worker(run),
            |metrics, job| {
                let result = match metrics {
                    Some(m) => build::build_one(run, m, job, write, max_grade),
                    None => Err(no_metrics(run)),
                };
                tick();
                Outcome {
                    input: job.input.clone(),
                    output: write.then(|| job.output.clone()),
                    result,
                }
            },
        )
        .collect()
}

/// A value with a character the regular face cannot draw, as an error on its copy.
fn check_values(metrics: &Metrics, copy: &Copy) -> Result<(), Problems> {
    for (column, value) in &copy.columns {
        if let Some(ch) = value.chars().find(|&ch| !metrics.regular.covers(ch)) {
            return Err(vec![copy.error(format!(
                "the font has no glyph for `{ch}` (U+{:04X}) in the `{column}` value `{value}`",
                u32::from(ch)
            ))]);
        }
    }
    Ok(())
}

/// Everything about a batch of copies that is decided before the first one is built.
pub struct CopyBatch {
    prepared: build::Prepared,
    fonts: pdf::FontSubsets,
}

impl CopyBatch {
    /// Reads and checks the handout, checks the data against it, and makes the font subsets
    /// every copy shares (the handout's characters and every value's).
    pub fn prepare(
        run: &Setup,
        input: &Path,
        copies: &[Copy],
        sets: &[(String, String)],
        template: &NameTemplate,
    ) -> Result<CopyBatch, Problems> {
        let source = Source::read(input).map_err(|d| vec![d])?;
        let mut prepared = build::prepare(run, &source)?;
        let labels = field_labels(&prepared.handout);
        let unused = super::copies::check_columns(copies, &labels, sets, template, input)
            .map_err(|d| vec![d])?;
        prepared.warnings.extend(unused);
        let metrics = run.metrics().map_err(|d| vec![d])?;
        let first = copies.first().map(|c| c.values.clone()).unwrap_or_default();
        let (pages, warnings) = build::lay_out_pages(run, &metrics, &prepared, &first)?;
        prepared.warnings.extend(warnings);
        let (regular, bold) = pdf::chars_by_face(&pages);
        let mut regular = regular;
        regular.extend(
            copies
                .iter()
                .flat_map(|c| c.values.values())
                .flat_map(|v| v.chars()),
        );
        let fonts = pdf::FontSubsets::new(&run.fonts, &regular, &bold)
            .map_err(|msg| vec![Diagnostic::internal(input, msg)])?;
        Ok(CopyBatch { prepared, fonts })
    }

    /// Warnings about the handout the copies are made from, to tell once for the batch.
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.prepared.warnings
    }

    /// Builds one copy into `output`.
    fn build(
        &self,
        run: &Setup,
        metrics: &Metrics,
        copy: &Copy,
        output: &Path,
        write: bool,
    ) -> Result<Built, Problems> {
        let start = Instant::now();
        check_values(metrics, copy)?;
        // What layout gives up is the same for every copy: told once, from `prepare`.
        let (pages, _) = build::lay_out_pages(run, metrics, &self.prepared, &copy.values)?;
        let mut bytes = 0;
        if write {
            let pdf = build::render_pages(run, &self.prepared, &pages, &self.fonts)
                .map_err(|d| vec![d])?;
            bytes = pdf.len();
            save(output, &pdf)?;
        }
        Ok(Built {
            pages: pages.len(),
            bytes,
            elapsed: start.elapsed(),
            // Copies share their handout's prose; it was measured when checked on its own.
            readability: None,
            warnings: Vec::new(),
        })
    }

    /// Builds every copy on all cores; outcomes in copy order.
    pub fn run(
        &self,
        run: &Setup,
        copies: &[(&Copy, PathBuf)],
        write: bool,
        tick: Tick,
    ) -> Vec<Outcome> {
        copies
            .par_iter()
            // Fewer, longer pieces of work: each starts with cold metric caches.
            .with_min_len(16)
            .map_init(
                || metrics_for_worker(run),
                |metrics, (copy, output)| {
                    let result = match metrics {
                        Some(m) => self.build(run, m, copy, output, write),
                        None => Err(no_metrics(run)),
                    };
                    tick();
                    Outcome {
                        input: PathBuf::from(copy.origin()),
                        output: write.then(|| output.clone()),
                        result,
                    }
                },
            )
            .collect()
    }
}

//! Running many builds at once: every handout of a run, or every copy of a personalised
//! batch, on all cores.
//!
//! Work is spread with rayon; each worker has its own font metrics (their caches are not
//! shared between threads). A worker writes its PDF as soon as it is made and keeps only a
//! small [`Outcome`], so memory grows with the number of workers, not of handouts.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::build::{self, Built, Job, Problems, Run};
use crate::copies::Copy;
use crate::diagnostics::Diagnostic;
use crate::layout::Metrics;
use crate::model::{field_labels, Source};
use crate::pdf;

/// How one handout or copy went.
#[derive(Debug)]
pub struct Outcome {
    pub input: PathBuf,
    pub output: Option<PathBuf>,
    pub result: Result<Built, Problems>,
}

/// A slice of a batch: `--shard 2/4` builds the second of four interleaved slices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: usize,
    pub count: usize,
}

impl std::str::FromStr for Shard {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || format!("`{s}` is not a shard: expected K/N with 1 ≤ K ≤ N, such as 2/4");
        let (k, n) = s.split_once('/').ok_or_else(bad)?;
        let (index, count): (usize, usize) = (
            k.trim().parse().map_err(|_| bad())?,
            n.trim().parse().map_err(|_| bad())?,
        );
        if index == 0 || count == 0 || index > count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }
}

impl Shard {
    /// Whether item `i` (0-based, in the batch's sorted order) belongs to this shard.
    /// Interleaved, so each shard gets a similar mix of long and short work.
    pub fn takes(&self, i: usize) -> bool {
        i % self.count == self.index - 1
    }
}

/// Something to call after each finished item (a progress bar).
pub type Tick<'a> = &'a (dyn Fn() + Sync);

fn metrics_for_worker(run: &Run) -> Option<Metrics<'_>> {
    run.metrics().ok()
}

fn no_metrics(run: &Run) -> Problems {
    vec![Diagnostic::new(&run.brand_path, "cannot read font metrics").field("fonts")]
}

/// Builds (or, with `write` false, checks) each job on all cores; outcomes in job order.
pub fn run_handouts(run: &Run, jobs: &[Job], write: bool, tick: Tick) -> Vec<Outcome> {
    jobs.par_iter()
        .map_init(
            || metrics_for_worker(run),
            |metrics, job| {
                let result = match metrics {
                    Some(m) => build::build_one(run, m, job, write),
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
        run: &Run,
        input: &Path,
        copies: &[Copy],
        template: &str,
    ) -> Result<CopyBatch, Problems> {
        let source = Source::read(input).map_err(|d| vec![d])?;
        let prepared = build::prepare(run, &source)?;
        let labels = field_labels(&prepared.handout);
        crate::copies::check_columns(copies, &labels, template, input).map_err(|d| vec![d])?;
        let metrics = run.metrics().map_err(|d| vec![d])?;
        let first = copies.first().map(|c| c.values.clone()).unwrap_or_default();
        let pages = build::lay_out_pages(run, &metrics, &prepared, &first)?;
        let (regular, bold) = pdf::chars_by_face(&pages);
        let mut regular = regular;
        regular.extend(
            copies
                .iter()
                .flat_map(|c| c.values.values())
                .flat_map(|v| v.chars()),
        );
        let fonts = pdf::FontSubsets::new(&run.fonts, &regular, &bold)
            .map_err(|msg| vec![Diagnostic::new(input, msg)])?;
        Ok(CopyBatch { prepared, fonts })
    }

    /// Builds one copy into `output`.
    fn build(
        &self,
        run: &Run,
        metrics: &Metrics,
        copy: &Copy,
        output: &Path,
        write: bool,
    ) -> Result<Built, Problems> {
        let start = Instant::now();
        check_values(metrics, copy)?;
        let pages = build::lay_out_pages(run, metrics, &self.prepared, &copy.values)?;
        let mut bytes = 0;
        if write {
            let pdf = build::render_pages(run, &self.prepared, &pages, &self.fonts)
                .map_err(|msg| vec![Diagnostic::new(&self.prepared.source.path, msg)])?;
            bytes = pdf.len();
            build::save(output, &pdf)?;
        }
        Ok(Built {
            pages: pages.len(),
            bytes,
            elapsed: start.elapsed(),
            // Copies share their handout's prose; it was measured when checked on its own.
            readability: None,
        })
    }

    /// Builds every copy on all cores; outcomes in copy order.
    pub fn run(
        &self,
        run: &Run,
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

/// Totals for a summary line.
pub fn totals(outcomes: &[Outcome]) -> (usize, usize, Duration) {
    let failed = outcomes.iter().filter(|o| o.result.is_err()).count();
    let busy = outcomes
        .iter()
        .filter_map(|o| o.result.as_ref().ok())
        .map(|b| b.elapsed)
        .sum();
    (outcomes.len() - failed, failed, busy)
}

//! Running many builds at once: every handout of a run, on all cores (copies: `packets`).
//!
//! Work is spread with rayon; each worker has its own font metrics (their caches are not
//! shared between threads). A worker writes its PDF as soon as it is made and keeps only a
//! small [`Outcome`], so memory grows with the number of workers, not of handouts.

use rayon::prelude::*;

use super::discover::Job;
use super::handout::{self as build, Problems};
use super::{Outcome, Setup};
use crate::layout::Metrics;

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

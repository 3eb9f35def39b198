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

/// `each(metrics, item)` for every item, on all cores, results in item order. Each worker
/// has its own font metrics (their caches are not shared between threads); `tick` follows
/// each item. A worker takes at least `min_len` items at a time: each starts with cold caches.
pub fn on_all_cores<T: Sync, R: Send>(
    run: &Setup,
    items: &[T],
    min_len: usize,
    tick: Tick,
    each: impl Fn(&Metrics, &T) -> Result<R, Problems> + Sync,
) -> Vec<Result<R, Problems>> {
    items
        .par_iter()
        .with_min_len(min_len)
        .map_init(
            || run.metrics().ok(),
            |metrics, item| {
                let result = match metrics {
                    Some(m) => each(m, item),
                    None => Err(run.metrics().err().into_iter().collect()),
                };
                tick();
                result
            },
        )
        .collect()
}

/// Builds (or, with `write` false, checks) each job on all cores; outcomes in job order.
pub fn run_handouts(
    run: &Setup,
    jobs: &[Job],
    write: bool,
    max_grade: f32,
    tick: Tick,
) -> Vec<Outcome> {
    // Two batches of handouts per core: each worker's shaped words stay warm across the
    // handouts of a batch (they share most words), and the cores still balance.
    let min_len = jobs.len().div_ceil(2 * rayon::current_num_threads()).max(1);
    let results = on_all_cores(run, jobs, min_len, tick, |m, job| {
        build::build_one(run, m, job, write, max_grade)
    });
    jobs.iter()
        .zip(results)
        .map(|(job, result)| Outcome {
            input: job.input.clone(),
            output: write.then(|| job.output.clone()),
            result,
        })
        .collect()
}

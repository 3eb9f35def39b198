//! Plans and their runs: what to build, and building it.
//!
//! A face (the command line, a web page) turns what its user asked for into a [`Plan`] once,
//! the way ripgrep turns its flags into `HiArgs`, and calls [`execute`]. Everything a run
//! decides (which handouts, which brand and edition, check or write, which copies, which
//! shard, how many workers) is in the plan; what happened comes back as a [`Report`] of plain
//! data that the face prints, serialises or shows.
//!
//! Inside: [`setup`] loads what every handout shares, [`discover`] finds handouts,
//! [`handout`] builds one, [`batch`] builds many on all cores, [`copies`] reads patient data,
//! [`save`] writes PDFs atomically.

pub mod batch;
pub mod copies;
pub mod discover;
pub mod handout;
pub mod packets;
pub mod pictures;
pub mod save;
pub mod setup;
pub mod shard;
pub mod source_date;

use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::diagnostics::Diagnostic;
use crate::layout::Edition;
use crate::model::{Date, PageSize};

pub use copies::NameTemplate;
pub use handout::{Built, Problems};
pub use setup::Setup;
pub use shard::Shard;
pub use source_date::{source_date_epoch, SOURCE_DATE_EPOCH};

/// Everything a run needs to know, decided once by a face.
#[derive(Debug, Clone)]
pub struct Plan {
    /// Handout files, and folders to search for them.
    pub inputs: Vec<PathBuf>,
    /// The brand file: clinic name, logo, colours, fonts.
    pub brand: PathBuf,
    /// Paper size, overriding the brand file's.
    pub page_size: Option<PageSize>,
    pub edition: Edition,
    pub action: Action,
    /// Personalised copies of one handout, instead of the handouts themselves.
    pub copies: Option<CopiesPlan>,
    /// Only this slice of the batch.
    pub shard: Option<Shard>,
    /// Worker threads; all cores when `None`.
    pub jobs: Option<NonZeroUsize>,
    /// A handout whose reading grade is above this gets a warning.
    pub max_grade: f32,
    /// The PDF date of handouts without `reviewed:` (from `SOURCE_DATE_EPOCH`); none rather
    /// than the clock, so the same input gives the same bytes.
    pub date_fallback: Option<Date>,
}

/// Check only, or write PDFs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Read, check and lay out; write nothing (`handout check`).
    Check,
    /// Write each PDF into this folder.
    Write { out_dir: PathBuf },
    /// Make personalised copies as one print job in memory and hand its bytes back in
    /// [`Report::pdf`]; nothing is written to disk (a web page's patient packet).
    Return,
}

impl Action {
    pub fn writes(&self) -> bool {
        matches!(self, Action::Write { .. })
    }
}

/// Where the values of personalised copies come from and how the files are named.
#[derive(Debug, Clone)]
pub struct CopiesPlan {
    /// A CSV, one copy per row.
    pub data: Option<DataSource>,
    /// `Label=Value` pairs for every copy; alone, they make one copy.
    pub sets: Vec<(String, String)>,
    pub name_template: NameTemplate,
    /// Write every copy into this one PDF (a print job), in row order, instead of a file each.
    pub one_file: Option<PathBuf>,
    /// In a print job, start each packet on a front side.
    pub duplex: bool,
}

/// Patient data in CSV: a file, or bytes a face already holds (an upload), which are then
/// never written to disk.
#[derive(Debug, Clone)]
pub enum DataSource {
    File(PathBuf),
    /// `name` stands for the data in reports and diagnostics (`today.csv:3`).
    Bytes {
        name: PathBuf,
        bytes: Arc<[u8]>,
    },
}

impl DataSource {
    /// The file, or the name the bytes go by.
    pub fn name(&self) -> &Path {
        match self {
            DataSource::File(path) => path,
            DataSource::Bytes { name, .. } => name,
        }
    }
}

impl From<PathBuf> for DataSource {
    fn from(path: PathBuf) -> DataSource {
        DataSource::File(path)
    }
}

/// How one handout or copy went.
#[derive(Debug)]
pub struct Outcome {
    /// The handout file, or the copy's data row (`patients.csv:14`).
    pub input: PathBuf,
    /// The PDF written, if the run writes.
    pub output: Option<PathBuf>,
    pub result: Result<Built, Problems>,
}

/// What a run did.
#[derive(Debug)]
pub struct Report {
    /// Whether PDFs were written (else only checked).
    pub wrote: bool,
    /// Whether the outcomes are personalised copies (else handouts).
    pub personalised: bool,
    pub outcomes: Vec<Outcome>,
    /// Warnings about the run as a whole: the brand file, the handout copies are made from.
    /// Each handout's own warnings are in its [`Built`].
    pub warnings: Vec<Diagnostic>,
    pub elapsed: Duration,
    /// The print job, when the plan's action is [`Action::Return`] and a copy came out.
    pub pdf: Option<Vec<u8>>,
}

impl Report {
    /// An empty report of a run that writes (or only checks) handouts or copies.
    pub fn new(wrote: bool, personalised: bool) -> Report {
        Report {
            wrote,
            personalised,
            outcomes: Vec::new(),
            warnings: Vec::new(),
            elapsed: Duration::ZERO,
            pdf: None,
        }
    }

    /// Records a failure of `input` (a file, or a data row such as `today.csv:7`).
    pub fn fail(&mut self, input: PathBuf, problems: Problems) {
        self.outcomes.push(Outcome {
            input,
            output: None,
            result: Err(problems),
        });
    }

    pub fn failed(&self) -> usize {
        self.outcomes.iter().filter(|o| o.result.is_err()).count()
    }

    pub fn succeeded(&self) -> usize {
        self.outcomes.len() - self.failed()
    }

    /// Every warning of the run: the run's own, then each built item's, in order.
    pub fn all_warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        let built = self
            .outcomes
            .iter()
            .filter_map(|o| o.result.as_ref().ok())
            .flat_map(|b| b.warnings.iter());
        self.warnings.iter().chain(built)
    }
}

/// Told how far a run has got, for a progress bar.
pub trait Progress: Sync {
    /// The number of items about to be built.
    fn start(&self, _items: usize) {}
    /// One more item finished.
    fn tick(&self) {}
}

/// A run nobody watches.
pub struct Quiet;

impl Progress for Quiet {}

/// Runs a plan. An `Err` is a setup problem that stopped everything (the brand file, the
/// output folder, nothing to build); problems with single handouts or copies are in the
/// report, and the others are still built.
pub fn execute(plan: &Plan, progress: &dyn Progress) -> Result<Report, Diagnostic> {
    let started = Instant::now();
    if plan.action == Action::Return && plan.copies.is_none() {
        return Err(Diagnostic::flag(
            "--set",
            "only personalised copies are handed back in memory: give data or values",
        ));
    }
    let (jobs, jobs_warning) = clamp_jobs(plan.jobs);
    let pool = worker_pool(jobs)?;
    let setup = Setup::load(&plan.brand, plan.page_size, plan.edition)?
        .with_date_fallback(plan.date_fallback);
    // A print job writes one file, not into the copies folder.
    let one_file = plan.copies.as_ref().is_some_and(|c| c.one_file.is_some());
    if let (Action::Write { out_dir }, false) = (&plan.action, one_file) {
        prepare_out_dir(out_dir)?;
    }
    let mut report = pool.install(|| match &plan.copies {
        Some(copies) => packets::run::run(plan, copies, &setup, progress),
        None => run_handouts(plan, &setup, progress),
    })?;
    report.warnings.splice(0..0, setup.warnings);
    report.warnings.extend(jobs_warning);
    report.elapsed = started.elapsed();
    Ok(report)
}

/// More workers than this many per core only cost memory: a batch is bound by the CPU.
const MAX_JOBS_PER_CORE: usize = 4;

/// The number of workers asked for, at most [`MAX_JOBS_PER_CORE`] per core (a `-j 60000`
/// would otherwise run into the system's thread limit), with a warning when it was lowered.
fn clamp_jobs(jobs: Option<NonZeroUsize>) -> (Option<NonZeroUsize>, Option<Diagnostic>) {
    let cores = std::thread::available_parallelism().map_or(1, NonZeroUsize::get);
    let max = NonZeroUsize::new(cores * MAX_JOBS_PER_CORE).unwrap_or(NonZeroUsize::MIN);
    match jobs {
        Some(n) if n > max => {
            let warning = Diagnostic::flag(
                "--jobs",
                format!(
                    "{n} workers is more than this machine can use; {max} are used ({cores} cores)"
                ),
            )
            .warning();
            (Some(max), Some(warning))
        }
        other => (other, None),
    }
}

/// The worker threads: as many as asked, else one per core. Too many for this system is a
/// flag error, not a crash.
fn worker_pool(jobs: Option<NonZeroUsize>) -> Result<rayon::ThreadPool, Diagnostic> {
    let mut builder = rayon::ThreadPoolBuilder::new();
    if let Some(n) = jobs {
        builder = builder.num_threads(n.get());
    }
    builder.build().map_err(|e| {
        Diagnostic::flag("--jobs", format!("cannot start the worker threads: {e}"))
            .help("ask for fewer with `-j N`")
    })
}

/// The output folder must be a folder we can create and write; checked once, up front, so a
/// bad `-o` is one setup error rather than one error per handout.
fn prepare_out_dir(dir: &Path) -> Result<(), Diagnostic> {
    if dir.exists() && !dir.is_dir() {
        return Err(Diagnostic::flag(
            &dir.display().to_string(),
            "the output path is a file, not a folder",
        )
        .help("pass a folder with `-o DIR`"));
    }
    std::fs::create_dir_all(dir).map_err(|e| {
        Diagnostic::flag(
            &dir.display().to_string(),
            format!("cannot create the output folder: {e}"),
        )
    })
}

pub(crate) fn out_dir(plan: &Plan) -> &Path {
    match &plan.action {
        Action::Write { out_dir } => out_dir,
        // Checked only (or kept in memory): paths are still worked out (and reported) as a
        // build would write them.
        Action::Check | Action::Return => Path::new("output"),
    }
}

/// Every handout found, each built or checked on its own.
fn run_handouts(plan: &Plan, setup: &Setup, progress: &dyn Progress) -> Result<Report, Diagnostic> {
    let suffix = plan.edition.suffix();
    let found = discover::discover(&plan.inputs, out_dir(plan), &plan.brand, suffix)?;
    if found.jobs.is_empty() && found.problems.is_empty() {
        let at = plan.inputs.first().map_or(Path::new("."), PathBuf::as_path);
        return Err(Diagnostic::new(at, "no handout files (.yaml) found here"));
    }
    let jobs: Vec<_> = found
        .jobs
        .into_iter()
        .enumerate()
        .filter(|(i, _)| plan.shard.is_none_or(|s| s.takes(*i)))
        .map(|(_, j)| j)
        .collect();
    progress.start(jobs.len());
    let write = plan.action.writes();
    let mut outcomes: Vec<Outcome> = found
        .problems
        .into_iter()
        .map(|d| Outcome {
            input: d.file.clone(),
            output: None,
            result: Err(vec![d]),
        })
        .collect();
    outcomes.extend(batch::run_handouts(
        setup,
        &jobs,
        write,
        plan.max_grade,
        &|| progress.tick(),
    ));
    Ok(Report {
        wrote: write,
        personalised: false,
        outcomes,
        warnings: Vec::new(),
        elapsed: Duration::ZERO,
        pdf: None,
    })
}

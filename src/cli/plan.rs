//! From the command line as typed ([`super::args`]) to the library's [`Plan`], once, plus the
//! few choices that are the command line's own (how to report).

use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};

use handout::diagnostics::Diagnostic;
use handout::layout::Edition;
use handout::run::setup::find_brand;
use handout::run::{
    copies, source_date_epoch, Action, CopiesPlan, DataSource, Plan, SOURCE_DATE_EPOCH,
};

use super::args::{BuildArgs, CommonArgs, Format};

/// Where PDFs go when no folder is given.
pub const DEFAULT_OUTPUT: &str = "output";
/// Where handouts are when no path is given.
pub const DEFAULT_HANDOUTS: &str = "handouts";
/// The brand file when `--brand` is not given.
pub const DEFAULT_BRAND: &str = "handouts/brand.yaml";

/// How a run is reported on the terminal.
#[derive(Debug, Clone, Copy)]
pub struct Reporting {
    pub format: Format,
    pub quiet: bool,
    pub verbose: bool,
}

/// The paths to build (the default folder when none are given) and the brand file: the one
/// named, else the nearest `brand.yaml` at or above the first path, else the default.
pub fn inputs(
    paths: &[PathBuf],
    brand: &Option<PathBuf>,
) -> Result<(Vec<PathBuf>, PathBuf), Diagnostic> {
    let paths = if paths.is_empty() {
        vec![PathBuf::from(DEFAULT_HANDOUTS)]
    } else {
        paths.to_vec()
    };
    if let Some(missing) = paths.iter().find(|p| !p.exists()) {
        return Err(Diagnostic::new(missing, "no such file or folder")
            .help("run from the folder that holds `handouts/`, or name the handouts to build"));
    }
    let brand = match brand {
        Some(b) => b.clone(),
        None => find_brand(&paths[0], Path::new(DEFAULT_BRAND))?,
    };
    Ok((paths, brand))
}

/// Where PDFs go: the folder given; else `output/`, but copies with patients' names go to a
/// folder of their own for the day, `output/copies/2026-12-01/`, never beside the master
/// handouts (see the README's "Patient information").
pub fn out_dir(given: Option<&Path>, personalised: bool) -> PathBuf {
    match given {
        Some(dir) => dir.to_path_buf(),
        None if personalised => {
            let today = jiff::Zoned::now().date();
            Path::new(DEFAULT_OUTPUT)
                .join("copies")
                .join(today.to_string())
        }
        None => PathBuf::from(DEFAULT_OUTPUT),
    }
}

/// `handout check …`: the common arguments with nothing written.
pub fn check(args: &CommonArgs) -> Result<(Plan, Reporting), Diagnostic> {
    common(args, Action::Check, None)
}

/// `handout build …` (or `build --check`, or `watch`).
pub fn build(args: &BuildArgs) -> Result<(Plan, Reporting), Diagnostic> {
    let copies = if args.data.is_some() || !args.set.is_empty() {
        Some(CopiesPlan {
            data: args.data.clone().map(DataSource::File),
            sets: copies::parse_sets(&args.set)?,
            name_template: args.name_template.clone(),
            one_file: args.one_file.clone(),
            duplex: args.duplex,
        })
    } else if args.one_file.is_some() {
        return Err(Diagnostic::flag(
            "--one-file",
            "a print job is made of personalised copies: give `--data CSV` or `--set`",
        ));
    } else {
        None
    };
    let action = if args.check {
        Action::Check
    } else {
        Action::Write {
            out_dir: out_dir(args.out_dir.as_deref(), copies.is_some()),
        }
    };
    common(&args.common, action, copies)
}

fn common(
    args: &CommonArgs,
    action: Action,
    copies: Option<CopiesPlan>,
) -> Result<(Plan, Reporting), Diagnostic> {
    let (inputs, brand) = inputs(&args.paths, &args.brand)?;
    let plan = Plan {
        inputs,
        brand,
        page_size: args.page_size,
        edition: Edition {
            large_print: args.large_print,
            grayscale: args.grayscale,
        },
        action,
        copies,
        shard: args.shard,
        jobs: args.jobs.and_then(|n| NonZeroUsize::new(usize::from(n))),
        max_grade: args.max_grade,
        date_fallback: source_date_epoch(std::env::var_os(SOURCE_DATE_EPOCH).as_deref())?,
    };
    let reporting = Reporting {
        format: args.format,
        quiet: args.quiet,
        verbose: args.verbose,
    };
    Ok((plan, reporting))
}

/// The folders `watch` follows: each input's folder and the brand file's.
pub fn watched_folders(plan: &Plan) -> Vec<PathBuf> {
    let folder = |p: &Path| {
        let dir = if p.is_dir() {
            p.to_path_buf()
        } else {
            p.parent().map(Path::to_path_buf).unwrap_or_default()
        };
        if dir.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            dir
        }
    };
    let mut folders: Vec<PathBuf> = plan.inputs.iter().map(|p| folder(p)).collect();
    folders.push(folder(&plan.brand));
    folders.sort();
    folders.dedup();
    folders
}

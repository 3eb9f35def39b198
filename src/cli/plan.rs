//! From the command line as typed ([`super::args`]) to the library's [`Plan`], once, plus the
//! few choices that are the command line's own (how to report).

use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};

use handout::diagnostics::Diagnostic;
use handout::layout::Edition;
use handout::run::{copies, source_date_epoch, Action, CopiesPlan, Plan, SOURCE_DATE_EPOCH};

use super::args::{BuildArgs, CommonArgs, Format};

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

/// The paths to build (the default folder when none are given) and the brand file.
pub fn inputs(paths: &[PathBuf], brand: &Option<PathBuf>) -> (Vec<PathBuf>, PathBuf) {
    let paths = if paths.is_empty() {
        vec![PathBuf::from(DEFAULT_HANDOUTS)]
    } else {
        paths.to_vec()
    };
    let brand = brand
        .clone()
        .unwrap_or_else(|| PathBuf::from(DEFAULT_BRAND));
    (paths, brand)
}

/// `handout check …`: the common arguments with nothing written.
pub fn check(args: &CommonArgs) -> Result<(Plan, Reporting), Diagnostic> {
    common(args, Action::Check, None)
}

/// `handout build …` (or `build --check`, or `watch`).
pub fn build(args: &BuildArgs) -> Result<(Plan, Reporting), Diagnostic> {
    let action = if args.check {
        Action::Check
    } else {
        Action::Write {
            out_dir: args.out_dir.clone(),
        }
    };
    let copies = if args.data.is_some() || !args.set.is_empty() {
        Some(CopiesPlan {
            data: args.data.clone(),
            sets: copies::parse_sets(&args.set)?,
            name_template: args.name_template.clone(),
        })
    } else {
        None
    };
    common(&args.common, action, copies)
}

fn common(
    args: &CommonArgs,
    action: Action,
    copies: Option<CopiesPlan>,
) -> Result<(Plan, Reporting), Diagnostic> {
    let (inputs, brand) = inputs(&args.paths, &args.brand);
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

//! The `handout` binary: parse arguments, run a command, map the outcome to an exit code.
#![allow(clippy::result_large_err)] // see lib.rs

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;

use handout::build::{self, Job, Run};
use handout::cli::{Cli, Command, CommonArgs};
use handout::diagnostics::Diagnostic;

/// Exit codes, as documented in `--help`.
const EXIT_INPUT: u8 = 1;
const EXIT_SETUP: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match &cli.command {
        Command::Build(args) => run_batch(&args.common, Some(&args.out_dir)),
        Command::Check(args) => run_batch(args, None),
        Command::List(args) => list(args),
    };
    match outcome {
        Ok(code) => ExitCode::from(code),
        Err(d) => {
            anstream::eprint!("{}", d.render(true));
            ExitCode::from(EXIT_SETUP)
        }
    }
}

fn inputs(args: &CommonArgs) -> (Vec<PathBuf>, PathBuf) {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from("handouts")]
    } else {
        args.paths.clone()
    };
    let brand = args
        .brand
        .clone()
        .unwrap_or_else(|| PathBuf::from("handouts/brand.yaml"));
    (paths, brand)
}

/// `build` (with an output folder) or `check` (without): every handout is tried, errors are
/// printed as they come, and the summary says how many failed.
fn run_batch(args: &CommonArgs, out_dir: Option<&Path>) -> Result<u8, Diagnostic> {
    let started = Instant::now();
    let (paths, brand_path) = inputs(args);
    let run = Run::prepare(&brand_path, args.page_size)?;
    let metrics = run.metrics()?;
    if let Some(dir) = out_dir {
        prepare_out_dir(dir)?;
    }
    let jobs = build::discover(&paths, out_dir.unwrap_or(Path::new("output")), &brand_path)?;
    if jobs.is_empty() {
        return Err(Diagnostic::new(
            &paths[0],
            "no handout files (.yaml) found here",
        ));
    }
    let mut failed = 0;
    for job in &jobs {
        match build::build_one(&run, &metrics, job, out_dir.is_some()) {
            Ok(built) if !args.quiet => println!("{}", describe(job, &built, out_dir.is_some())),
            Ok(_) => {}
            Err(problems) => {
                failed += 1;
                for d in problems {
                    anstream::eprint!("{}", d.render(true));
                }
            }
        }
    }
    let ok = jobs.len() - failed;
    let verb = if out_dir.is_some() {
        "built"
    } else {
        "checked"
    };
    let summary = format!(
        "{ok} {verb}, {failed} failed in {:.0} ms",
        started.elapsed().as_secs_f64() * 1000.0
    );
    if failed > 0 {
        eprintln!("{summary}");
        Ok(EXIT_INPUT)
    } else {
        if !args.quiet {
            println!("{summary}");
        }
        Ok(0)
    }
}

/// The output folder must be a folder we can create and write; checked once, up front, so a
/// bad `-o` is one setup error rather than one error per handout.
fn prepare_out_dir(dir: &Path) -> Result<(), Diagnostic> {
    if dir.exists() && !dir.is_dir() {
        return Err(
            Diagnostic::new(dir, "the output path is a file, not a folder")
                .help("pass a folder with `-o DIR`"),
        );
    }
    std::fs::create_dir_all(dir)
        .map_err(|e| Diagnostic::new(dir, format!("cannot create the output folder: {e}")))
}

fn describe(job: &Job, built: &build::Built, wrote: bool) -> String {
    let pages = if built.pages == 1 { "page" } else { "pages" };
    let ms = built.elapsed.as_secs_f64() * 1000.0;
    if wrote {
        format!(
            "{} → {} ({} {pages}, {:.1} KiB, {ms:.1} ms)",
            job.input.display(),
            job.output.display(),
            built.pages,
            built.bytes as f64 / 1024.0
        )
    } else {
        format!(
            "{}: ok ({} {pages}, {ms:.1} ms)",
            job.input.display(),
            built.pages
        )
    }
}

/// `list`: each handout found, with its title (or its error).
fn list(args: &CommonArgs) -> Result<u8, Diagnostic> {
    let (paths, brand_path) = inputs(args);
    let jobs = build::discover(&paths, Path::new("output"), &brand_path)?;
    let mut failed = 0;
    for job in &jobs {
        let parsed = handout::model::Source::read(&job.input)
            .map_err(|d| vec![d])
            .and_then(|s| handout::model::parse_handout(&s));
        match parsed {
            Ok(h) => println!("{}\t{}", job.input.display(), h.title),
            Err(problems) => {
                failed += 1;
                for d in problems {
                    anstream::eprint!("{}", d.render(true));
                }
            }
        }
    }
    Ok(if failed > 0 { EXIT_INPUT } else { 0 })
}

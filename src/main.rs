//! The `handout` binary: parse arguments, run a command, map the outcome to an exit code.
#![allow(clippy::result_large_err)] // see lib.rs

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;

use handout::batch::{self, CopyBatch, Outcome};
use handout::build::{self, Run};
use handout::cli::{BuildArgs, Cli, Command, CommonArgs, Format, ListArgs};
use handout::copies;
use handout::diagnostics::Diagnostic;
use handout::layout::Edition;
use handout::report;

/// Exit codes, as documented in `--help`.
const EXIT_INPUT: u8 = 1;
const EXIT_SETUP: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match &cli.command {
        Command::Build(args) if args.check => run_batch(&args.common, None, Some(args)),
        Command::Build(args) => run_batch(&args.common, Some(&args.out_dir), Some(args)),
        Command::Check(common) => run_batch(common, None, None),
        Command::List(args) => list(args),
        Command::New(args) => new(args),
        Command::Schema(args) => schema(args),
        Command::Watch(args) => watch(args),
    };
    match outcome {
        Ok(code) => ExitCode::from(code),
        Err(d) => {
            anstream::eprint!("{}", d.render(true));
            ExitCode::from(EXIT_SETUP)
        }
    }
}

/// Default paths and brand file when none are given.
fn inputs(paths: &[PathBuf], brand: &Option<PathBuf>) -> (Vec<PathBuf>, PathBuf) {
    let paths = if paths.is_empty() {
        vec![PathBuf::from("handouts")]
    } else {
        paths.to_vec()
    };
    let brand = brand
        .clone()
        .unwrap_or_else(|| PathBuf::from("handouts/brand.yaml"));
    (paths, brand)
}

/// `build` (with an output folder) or `check` (without): every handout, or every copy, is
/// tried; errors are printed; the summary says how many failed.
fn run_batch(
    args: &CommonArgs,
    out_dir: Option<&Path>,
    build_args: Option<&BuildArgs>,
) -> Result<u8, Diagnostic> {
    let started = Instant::now();
    if let Some(n) = args.jobs {
        // Only fails if a pool already exists, which cannot happen this early.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(usize::from(n))
            .build_global();
    }
    let (paths, brand_path) = inputs(&args.paths, &args.brand);
    let edition = Edition {
        large_print: args.large_print,
        grayscale: args.grayscale,
    };
    let run = Run::prepare(&brand_path, args.page_size, edition)?;
    for w in &run.warnings {
        warn(&format!("{}: {w}", brand_path.display()));
    }
    if let Some(dir) = out_dir {
        prepare_out_dir(dir)?;
    }
    let write = out_dir.is_some();
    let out_dir = out_dir.unwrap_or(Path::new("output"));
    let copy_args = build_args.filter(|b| b.data.is_some() || !b.set.is_empty());
    let personalised = copy_args.is_some();
    let outcomes = if let Some(build_args) = copy_args {
        match run_copies(&run, &paths, out_dir, build_args, args, write)? {
            Ok(outcomes) => outcomes,
            Err(outcome) => vec![outcome],
        }
    } else {
        let mut jobs = build::discover(&paths, out_dir, &brand_path, edition.suffix())?;
        if jobs.is_empty() {
            return Err(Diagnostic::new(
                &paths[0],
                "no handout files (.yaml) found here",
            ));
        }
        if let Some(shard) = args.shard {
            jobs = jobs
                .into_iter()
                .enumerate()
                .filter(|(i, _)| shard.takes(*i))
                .map(|(_, j)| j)
                .collect();
        }
        let bar = report::progress(jobs.len());
        let outcomes = batch::run_handouts(&run, &jobs, write, &|| bar.inc(1));
        bar.finish_and_clear();
        outcomes
    };
    Ok(print_outcomes(
        &outcomes,
        args,
        write,
        personalised,
        started,
    ))
}

/// Personalised copies of one handout. The outer error is a setup error; the inner one a
/// problem with the handout or the data, reported like a failed handout.
fn run_copies(
    run: &Run,
    paths: &[PathBuf],
    out_dir: &Path,
    build_args: &BuildArgs,
    args: &CommonArgs,
    write: bool,
) -> Result<Result<Vec<Outcome>, Outcome>, Diagnostic> {
    let [input] = paths else {
        return Err(Diagnostic::new(
            Path::new("--data"),
            "personalised copies are made from exactly one handout file",
        )
        .help("e.g. handout build handouts/food-list.yaml --data patients.csv"));
    };
    let failed = |problems| Outcome {
        input: input.clone(),
        output: None,
        result: Err(problems),
    };
    let sets = copies::parse_sets(&build_args.set)?;
    let plan = match copies::plan(build_args.data.as_deref(), &sets) {
        Ok(plan) => plan,
        Err(d) => return Ok(Err(failed(vec![d]))),
    };
    let stem = input
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("handout");
    let template = &build_args.name_template;
    let batch = match CopyBatch::prepare(run, input, &plan, template) {
        Ok(b) => b,
        Err(problems) => return Ok(Err(failed(problems))),
    };
    let outputs = match copies::output_paths(&plan, template, stem, out_dir, run.edition.suffix()) {
        Ok(o) => o,
        Err(d) => return Ok(Err(failed(vec![d]))),
    };
    let todo: Vec<(&copies::Copy, PathBuf)> = plan
        .iter()
        .zip(outputs)
        .enumerate()
        .filter(|(i, _)| args.shard.is_none_or(|s| s.takes(*i)))
        .map(|(_, pair)| pair)
        .collect();
    let bar = report::progress(todo.len());
    let outcomes = batch.run(run, &todo, write, &|| bar.inc(1));
    bar.finish_and_clear();
    Ok(Ok(outcomes))
}

/// A warning on stderr: yellow on a terminal, plain otherwise.
fn warn(message: &str) {
    let yellow = anstyle::AnsiColor::Yellow.on_default().bold();
    anstream::eprintln!("{yellow}warning{yellow:#}: {message}");
}

/// Prints the report and returns the exit code.
fn print_outcomes(
    outcomes: &[Outcome],
    args: &CommonArgs,
    write: bool,
    personalised: bool,
    started: Instant,
) -> u8 {
    let (ok, failed, _) = batch::totals(outcomes);
    let wall = started.elapsed();
    for o in outcomes {
        if let Err(problems) = &o.result {
            for d in problems {
                anstream::eprint!("{}", d.render(true));
            }
        }
        if let Some(w) = report::grade_warning(o, args.max_grade) {
            warn(&w);
        }
    }
    if args.format == Format::Json {
        println!("{}", report::json(outcomes, wall));
    } else {
        let per_item = !args.quiet && (!personalised || args.verbose);
        if per_item {
            for line in outcomes.iter().filter_map(report::line) {
                println!("{line}");
            }
        }
        let verb = match (write, personalised) {
            (true, true) => "copies built",
            (true, false) => "built",
            (false, _) => "checked",
        };
        let summary = report::summary(verb, ok, failed, wall);
        if failed > 0 {
            eprintln!("{summary}");
        } else if !args.quiet {
            println!("{summary}");
        }
    }
    if failed > 0 {
        EXIT_INPUT
    } else {
        0
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

/// `new`: a handout file from a template.
fn new(args: &handout::cli::NewArgs) -> Result<u8, Diagnostic> {
    let path = handout::scaffold::new_handout(&args.dir, &args.name, args.kind)?;
    println!("created {}", path.display());
    println!("next: edit it, then run `handout build {}`", path.display());
    Ok(0)
}

/// `schema`: the handout (or brand) JSON Schema on stdout, or both written to a folder.
fn schema(args: &handout::cli::SchemaArgs) -> Result<u8, Diagnostic> {
    match &args.write {
        Some(dir) => {
            handout::schema::write(dir)
                .map_err(|e| Diagnostic::new(dir, format!("cannot write the schemas: {e}")))?;
            println!(
                "wrote {0}/handout.schema.json and {0}/brand.schema.json",
                dir.display()
            );
        }
        None if args.brand => print!("{}", handout::schema::brand()),
        None => print!("{}", handout::schema::handout()),
    }
    Ok(0)
}

/// `watch`: build now and after every change, until interrupted. Errors in the input are
/// printed and the watch goes on.
fn watch(args: &BuildArgs) -> Result<u8, Diagnostic> {
    let (paths, brand_path) = inputs(&args.common.paths, &args.common.brand);
    let mut folders: Vec<PathBuf> = paths
        .iter()
        .map(|p| {
            if p.is_dir() {
                p.clone()
            } else {
                p.parent().map(Path::to_path_buf).unwrap_or_default()
            }
        })
        .map(|p| {
            if p.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                p
            }
        })
        .collect();
    if let Some(dir) = brand_path.parent().filter(|d| !d.as_os_str().is_empty()) {
        folders.push(dir.to_path_buf());
    }
    folders.sort();
    folders.dedup();
    println!(
        "watching {} (Ctrl-C to stop)",
        folders
            .iter()
            .map(|f| f.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );
    handout::watch::watch(&folders, &args.out_dir, || {
        if let Err(d) = run_batch(&args.common, Some(&args.out_dir), Some(args)) {
            anstream::eprint!("{}", d.render(true));
        }
    })?;
    Ok(0)
}

/// `list`: each handout found, with its title (or its error).
fn list(args: &ListArgs) -> Result<u8, Diagnostic> {
    let (paths, brand_path) = inputs(&args.paths, &args.brand);
    let jobs = build::discover(&paths, Path::new("output"), &brand_path, "")?;
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

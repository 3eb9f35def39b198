//! The `handout` binary, the command-line face: parse the arguments, turn them into a plan,
//! run it through the library, report, and map the outcome to an exit code (0 all built,
//! 1 some handout or row failed, 2 setup or usage).
#![allow(clippy::result_large_err)] // see lib.rs

mod cli;
mod serve;

use std::process::ExitCode;

use clap::Parser;

use cli::args::{BuildArgs, Cli, Command, Format, ListArgs, NewArgs, SchemaArgs};
use cli::report::{self, out, problem, EXIT_INPUT, EXIT_SETUP};
use handout::diagnostics::Diagnostic;
use handout::run;

/// Exit code after Ctrl-C or SIGTERM, as shells report a death by SIGINT.
const EXIT_INTERRUPTED: i32 = 130;

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Interrupted mid-batch: remove the temporary files of unfinished writes (finished PDFs
    // are whole; the one being written is not), then stop. Without a handler we only lose
    // that cleanup, so a failure to install one is not worth stopping for.
    let _ = ctrlc::set_handler(|| {
        let _halted = run::save::halt_writes();
        std::process::exit(EXIT_INTERRUPTED);
    });
    let code = match &cli.command {
        Command::Build(args) => build(cli::plan::build(args), args.common.format),
        Command::Check(args) => build(cli::plan::check(args), args.format),
        Command::List(args) => or_setup_error(list(args)),
        Command::New(args) => or_setup_error(new(args)),
        Command::Schema(args) => or_setup_error(schema(args)),
        Command::Watch(args) => or_setup_error(watch(args)),
        Command::Serve(args) => or_setup_error(serve::serve(args)),
    };
    ExitCode::from(code)
}

fn or_setup_error(result: Result<u8, Diagnostic>) -> u8 {
    result.unwrap_or_else(|d| {
        problem(&d);
        EXIT_SETUP
    })
}

/// `build` and `check`: run the plan, print the report.
fn build(plan: Result<(run::Plan, cli::plan::Reporting), Diagnostic>, format: Format) -> u8 {
    let (plan, reporting) = match plan {
        Ok(p) => p,
        Err(d) => return report::setup_error(&d, format),
    };
    let bar = report::Bar::new();
    let result = run::execute(&plan, &bar);
    bar.finish();
    match result {
        Ok(r) => report::print(&r, reporting),
        Err(d) => report::setup_error(&d, format),
    }
}

/// `new`: a handout file from a template.
fn new(args: &NewArgs) -> Result<u8, Diagnostic> {
    let path = cli::new::new_handout(&args.dir, &args.name, args.kind)?;
    out(&format!("created {}", path.display()));
    out(&format!(
        "next: edit it, then run `handout build {}`",
        path.display()
    ));
    Ok(0)
}

/// `schema`: the handout (or brand) JSON Schema on stdout, or both written to a folder.
fn schema(args: &SchemaArgs) -> Result<u8, Diagnostic> {
    use handout::model::schema;
    match &args.write {
        Some(dir) => {
            let write = |name: &str, text: String| {
                run::save::write_atomically(&dir.join(name), text.as_bytes())
            };
            write("handout.schema.json", schema::handout())
                .and_then(|_| write("brand.schema.json", schema::brand()))
                .map_err(|e| Diagnostic::new(dir, format!("cannot write the schemas: {e}")))?;
            out(&format!(
                "wrote {0}/handout.schema.json and {0}/brand.schema.json",
                dir.display()
            ));
        }
        None if args.brand => out(schema::brand().trim_end()),
        None => out(schema::handout().trim_end()),
    }
    Ok(0)
}

/// `watch`: build now and after every change, until interrupted. Errors in the input are
/// printed and the watch goes on.
fn watch(args: &BuildArgs) -> Result<u8, Diagnostic> {
    let (plan, reporting) = cli::plan::build(args)?;
    // Watching a path that is not there would wait forever for nothing.
    if let Some(missing) = plan.inputs.iter().find(|p| !p.exists()) {
        return Err(Diagnostic::new(
            missing,
            "no such file or folder; nothing to watch",
        ));
    }
    let folders = cli::plan::watched_folders(&plan);
    let names: Vec<String> = folders.iter().map(|f| f.display().to_string()).collect();
    out(&format!("watching {} (Ctrl-C to stop)", names.join(", ")));
    let out_dir = match &plan.action {
        run::Action::Write { out_dir } => out_dir.clone(),
        run::Action::Check | run::Action::Return => {
            std::path::PathBuf::from(cli::plan::DEFAULT_OUTPUT)
        }
    };
    cli::watch::watch(&folders, &out_dir, || {
        match run::execute(&plan, &run::Quiet) {
            Ok(r) => {
                report::print(&r, reporting);
            }
            Err(d) => problem(&d),
        }
    })?;
    Ok(0)
}

/// `list`: each handout found, with its title (or its error).
fn list(args: &ListArgs) -> Result<u8, Diagnostic> {
    let (paths, brand) = cli::plan::inputs(&args.paths, &args.brand)?;
    let found = run::discover::discover(&paths, std::path::Path::new("output"), &brand, "")?;
    found.problems.iter().for_each(problem);
    let mut failed = found.problems.len();
    for job in &found.jobs {
        let parsed = handout::model::Source::read(&job.input)
            .map_err(|d| vec![d])
            .and_then(|s| handout::model::parse_handout(&s));
        match parsed {
            Ok(h) => out(&format!("{}\t{}", job.input.display(), h.title)),
            Err(problems) => {
                failed += 1;
                problems.iter().for_each(problem);
            }
        }
    }
    Ok(if failed > 0 { EXIT_INPUT } else { 0 })
}

//! The command line as typed: clap derive definitions and help text. [`super::plan`] turns
//! these into the library's [`handout::run::Plan`].

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use handout::model::PageSize;
use handout::run::{NameTemplate, Shard};

const AFTER_HELP: &str = "\
Examples:
  handout build                          Build every handout in handouts/ into output/
  handout build handouts/food-list.yaml  Build one handout
  handout build --page-size a4 -o out    Build all on A4 paper into out/
  handout check                          Validate and lay out everything, write nothing
  handout build handouts/symptom-checklist.yaml --data patients.csv \\
      --name-template '{stem}-{Patient name}'
                                         One filled-in copy per CSV row
  handout build handouts/food-list.yaml --set 'Patient name=Ana López' --set 'Date=2026-12-01'
                                         One filled-in copy
  handout build handouts/symptom-checklist.yaml handouts/food-list.yaml \\
      --data today.csv --one-file output/copies/today.pdf --duplex
                                         The front desk's day: each row's packet, one PDF
  handout build --check --format json --shard 1/4
                                         CI: check the first of four slices, JSON summary

Exit codes:
  0  every handout succeeded
  1  at least one handout (or data row) has an error; the others were still built
  2  usage or setup error: bad flag, unreadable brand file, font or logo, output path
     not a folder, nothing to build";

#[derive(Debug, Parser)]
#[command(
    name = "handout",
    version,
    about = "Turns YAML handout definitions into branded, printable patient PDFs",
    after_help = AFTER_HELP
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build PDFs from handout files and folders
    #[command(after_help = AFTER_HELP)]
    Build(BuildArgs),
    /// Validate and lay out handouts without writing anything
    #[command(after_help = AFTER_HELP)]
    Check(CommonArgs),
    /// List the handouts found, with their titles
    List(ListArgs),
    /// Start a new handout from a template: handouts/NAME.yaml
    #[command(
        after_help = "Examples:\n  handout new sleep-tips --kind plan\n  handout build handouts/sleep-tips.yaml"
    )]
    New(NewArgs),
    /// Print the JSON Schema of handout files (or of the brand file), for editors
    #[command(
        after_help = "Examples:\n  handout schema > schema/handout.schema.json\n  handout schema --write schema"
    )]
    Schema(SchemaArgs),
    /// Build, then rebuild whenever a handout, the brand file or a picture changes
    #[command(
        after_help = "Examples:\n  handout watch\n  handout watch handouts/food-list.yaml --large-print"
    )]
    Watch(BuildArgs),
    /// Serve the front desk's web page: print a patient's handouts, write handouts
    #[command(
        after_help = "Examples:\n  handout serve                     http://127.0.0.1:8787, this computer only\n  handout serve --port 9000\n  handout serve --listen 0.0.0.0 --allow-host frontdesk.clinic.lan\n                                    the clinic's network (read the warning)"
    )]
    Serve(ServeArgs),
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The handouts folder; the page reads and writes nothing outside it
    #[arg(value_name = "DIR", default_value = "handouts")]
    pub dir: PathBuf,
    /// Brand file [default: the nearest brand.yaml at or above DIR, else handouts/brand.yaml]
    #[arg(long, value_name = "FILE")]
    pub brand: Option<PathBuf>,
    /// Port to listen on (0: any free port, printed at start)
    #[arg(long, value_name = "N", default_value_t = 8787)]
    pub port: u16,
    /// Address to listen on instead of this computer only (127.0.0.1), such as 0.0.0.0 for
    /// the clinic's network; anyone who can reach it can print and edit
    #[arg(long, value_name = "ADDR")]
    pub listen: Option<std::net::IpAddr>,
    /// A host name the page may be opened by, besides localhost and IP addresses; repeatable
    #[arg(long, value_name = "NAME")]
    pub allow_host: Vec<String>,
    /// Log the size and type of each response too (never form values)
    #[arg(short, long)]
    pub verbose: bool,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// Name of the handout file (and of its PDF), such as `sleep-tips`
    pub name: String,
    /// Which template to start from
    #[arg(long, value_enum, default_value = "info")]
    pub kind: super::new::Kind,
    /// Folder to write it in
    #[arg(long, value_name = "DIR", default_value = "handouts")]
    pub dir: PathBuf,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// The brand file's schema instead of the handout's
    #[arg(long)]
    pub brand: bool,
    /// Write both schemas into DIR (handout.schema.json, brand.schema.json) instead
    #[arg(long, value_name = "DIR", conflicts_with = "brand")]
    pub write: Option<PathBuf>,
}

/// How results are reported on standard output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One line per handout and a summary
    Text,
    /// One JSON document: per handout its path, output, pages, bytes, milliseconds, errors
    Json,
}

#[derive(Debug, Args)]
pub struct CommonArgs {
    /// Handout files or folders (folders are searched for .yaml files) [default: handouts]
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Brand file: clinic name, logo, colours, fonts [default: the nearest brand.yaml at or
    /// above the first handout, else handouts/brand.yaml]
    #[arg(long, value_name = "FILE")]
    pub brand: Option<PathBuf>,
    /// Paper size, overriding the brand file's
    #[arg(long, value_enum, value_name = "SIZE")]
    pub page_size: Option<PageSize>,
    /// Large print: body text 18 pt, headings 24 pt; writes NAME-large.pdf
    #[arg(long)]
    pub large_print: bool,
    /// No colour, light fills, for black-and-white printers; writes NAME-gray.pdf
    #[arg(long)]
    pub grayscale: bool,
    /// Worker threads [default: the number of cores]
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// Build only slice K of N (in sorted order), to split a batch across CI runners
    #[arg(long, value_name = "K/N")]
    pub shard: Option<Shard>,
    /// Warn when a handout's reading grade (Flesch–Kincaid or SMOG) is above N
    #[arg(long, value_name = "N", default_value_t = 8.0)]
    pub max_grade: f32,
    /// Report format on standard output
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// Print only errors and the summary of failures
    #[arg(short, long, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Also print a line per personalised copy
    #[arg(short, long)]
    pub verbose: bool,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// Folder to write PDFs into [default: output; personalised copies: output/copies/DATE]
    #[arg(short, long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// Validate and lay out only, write nothing (the same as `handout check`)
    #[arg(long)]
    pub check: bool,
    /// CSV file with one row per patient; its columns fill the handout's fields by label
    #[arg(long, value_name = "CSV")]
    pub data: Option<PathBuf>,
    /// Fill a field: "Label=Value"; repeatable; alone, makes one copy
    #[arg(long, value_name = "LABEL=VALUE")]
    pub set: Vec<String>,
    /// Output name of each copy: {stem}, {row} and column names, e.g. "{stem}-{Patient name}"
    #[arg(long, value_name = "TEMPLATE", default_value = handout::run::copies::DEFAULT_TEMPLATE)]
    pub name_template: NameTemplate,
    /// Write every copy into this one PDF, in CSV row order: the day as one print job
    #[arg(long, value_name = "PATH", conflicts_with = "check")]
    pub one_file: Option<PathBuf>,
    /// With --one-file: start each patient's packet on a front side (blank pages between)
    #[arg(long, requires = "one_file")]
    pub duplex: bool,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Handout files or folders [default: handouts]
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Brand file, skipped when listing [default: handouts/brand.yaml]
    #[arg(long, value_name = "FILE")]
    pub brand: Option<PathBuf>,
}

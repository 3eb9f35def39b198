//! The command line, as typed: clap derive definitions and help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::model::PageSize;

const AFTER_HELP: &str = "\
Examples:
  handout build                         Build every handout in handouts/ into output/
  handout build handouts/food-list.yaml Build one handout
  handout build --page-size a4 -o out   Build all on A4 paper into out/
  handout check                         Validate and lay out everything, write nothing
  handout list                          Show the handouts found, with their titles

Exit codes:
  0  every handout succeeded
  1  at least one handout has an error (the others were still built)
  2  usage or setup error: bad flag, unreadable brand file or font, nothing to build";

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
    Check(CommonArgs),
    /// List the handouts found, with their titles
    List(CommonArgs),
}

#[derive(Debug, Args)]
pub struct CommonArgs {
    /// Handout files or folders (folders are searched for .yaml files) [default: handouts]
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Brand file: clinic name, logo, colours, fonts [default: handouts/brand.yaml]
    #[arg(long, value_name = "FILE")]
    pub brand: Option<PathBuf>,
    /// Paper size, overriding the brand file's
    #[arg(long, value_enum, value_name = "SIZE")]
    pub page_size: Option<PageSize>,
    /// Print only errors
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// Folder to write PDFs into
    #[arg(short, long, value_name = "DIR", default_value = "output")]
    pub out_dir: PathBuf,
}

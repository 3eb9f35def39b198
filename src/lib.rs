//! handout: YAML handout definitions in, branded print-ready PDFs out.
//!
//! This crate is the library; the command line (`src/main.rs`, `src/cli/`) is one face over
//! it, and any other face (a web page) drives the same [`run::Plan`] through [`run::execute`].
//!
//! The pipeline, one module per stage:
//! [`model`] (YAML → checked [`model::Handout`]) → [`layout`] (→ [`layout::Page`]s of positioned
//! boxes, no PDF types) → [`pdf`] (→ bytes). [`run`] plans and runs one handout, a batch or
//! personalised copies; [`assets`] loads fonts and pictures once per run; [`diagnostics`] is
//! the one error and warning type, located in the file, flag or tool that caused it.

// A `Diagnostic` is ~200 bytes of located, structured error. Errors are the cold path and are
// reported once; boxing every one would add noise for no measurable gain.
#![allow(clippy::result_large_err)]

pub mod assets;
pub mod diagnostics;
pub mod i18n;
pub mod layout;
pub mod model;
pub mod pdf;
pub mod readability;
pub mod run;

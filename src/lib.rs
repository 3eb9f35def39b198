//! handout: YAML handout definitions in, branded print-ready PDFs out.
//!
//! The pipeline, one module per stage:
//! `model` (YAML → checked [`model::Handout`]) → `layout` (→ [`layout::Page`]s of positioned
//! boxes, no PDF types) → `pdf` (→ bytes). `build` runs it for a batch; `diagnostics` formats
//! located errors; `fonts` and `images` load the shared assets once per run.

// A `Diagnostic` is ~150 bytes of located, structured error. Errors are the cold path and are
// reported once; boxing every one would add noise for no measurable gain.
#![allow(clippy::result_large_err)]

pub mod batch;
pub mod build;
pub mod cli;
pub mod copies;
pub mod diagnostics;
pub mod fonts;
pub mod i18n;
pub mod images;
pub mod layout;
pub mod model;
pub mod pdf;
pub mod readability;
pub mod report;
pub mod scaffold;
pub mod schema;
pub mod watch;

//! handout: YAML handout definitions in, branded print-ready PDFs out.
//!
//! The pipeline, one module per stage:
//! `model` (YAML → checked [`model::Handout`]) → `layout` (→ [`layout::Page`]s of positioned
//! boxes, no PDF types) → `pdf` (→ bytes). `build` runs it for a batch; `diagnostics` formats
//! located errors; `fonts` and `images` load the shared assets once per run.

pub mod build;
pub mod cli;
pub mod diagnostics;
pub mod fonts;
pub mod images;
pub mod layout;
pub mod model;
pub mod pdf;

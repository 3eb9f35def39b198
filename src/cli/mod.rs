//! The command-line face: argument definitions, the plan made from them, reports on the
//! terminal or as JSON, `watch`, `new` and `schema`. Nothing here lays out or writes a PDF;
//! it all goes through [`handout::run::execute`], as any other face would.

pub mod args;
pub mod new;
pub mod plan;
pub mod report;
pub mod watch;

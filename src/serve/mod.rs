//! `handout serve`: the front desk's face in the browser, beside the command line.
//!
//! The print page turns the handouts chosen and the patient's values (typed, or today's CSV)
//! into a [`handout::run::Plan`] and calls [`handout::run::execute`], as `build` does; the
//! write page checks a handout's YAML with the library's own reader and layout. Nothing here
//! lays out or writes a PDF itself. Patient data stays in memory: the CSV comes in as bytes
//! and the print job goes out as bytes ([`handout::run::Action::Return`]).
//!
//! [`server`] starts it; [`safety`] holds the rules every request passes; [`print`] and
//! [`write`] are the two pages ([`print_form`], [`print_page`] and [`write_page`] their
//! parts); [`catalogue`] knows the handouts (reloaded when they change) and [`svg`] draws
//! their page images; [`html`] renders pages as plain functions.

mod catalogue;
mod files;
mod html;
mod print;
mod print_form;
mod print_page;
mod safety;
pub mod server;
mod state;
mod svg;
mod tickets;
mod write;
mod write_page;

pub use server::serve;

//! Print jobs: many documents (each patient's copy of each handout, laid out on its own)
//! written as one PDF, so the front desk prints the whole day at once; and the same
//! machinery for a batch of copies written as files of their own.
//!
//! A [`JobWriter`] (`stream`) writes the job as it goes, so memory stays flat however long
//! the day; [`write_job`] drives one over parts already laid out. With what changes when a
//! thousand documents share a file:
//! - `impose`: where each part's pages go; printed on both sides, a blank page before a
//!   packet (consecutive parts of one group, e.g. a patient) that would start on a back.
//! - `sharing`, `models` and `shared`: what parts have in common is stored once, at the
//!   front of the file: fonts, pictures and QR codes, form field appearances, and the runs
//!   of content copies share (the header, the checklist, the footer), planned on a few
//!   model parts of each handout, so a copy adds only what differs.
//! - `part`: each part's pages, links, form fields (the kids of a field of the part's own,
//!   so the same label in two copies is two fields) and structure (a Part element under
//!   the job's Document element), built in parallel, numbered within the part.
//! - `outline`: the outline (packets, parts, each part's bookmarks), a window at a time;
//!   at the end, the page tree, the form, the structure tree's root and the metadata.
//! - `pack`, `syntax` and `xref`: the file, serialised and compressed in parallel, and its
//!   cross-reference stream.
//!
//! A [`CopyTemplate`] (`copy`) serialises what the copies of one handout share once per
//! batch, and writes each copy as a document of its own after it.
//!
//! Each part's pages already carry its own page numbers; nothing here lays out.

mod copy;
mod impose;
mod models;
mod outline;
mod pack;
mod part;
mod shared;
mod sharing;
mod stream;
mod syntax;
mod xref;

use super::{DocInfo, FontSubsets, PdfImage, QrForm};
use crate::layout::{ImageRef, Page};
pub use copy::CopyTemplate;
pub use stream::JobWriter;

/// One document of a print job: one patient's copy of one handout, laid out on its own.
#[derive(Debug, Clone, Copy)]
pub struct Part<'a> {
    /// Its pages, with its own "Page N of M" already on them.
    pub pages: &'a [Page],
    /// Every image the pages draw (the logo, the handout's pictures) in encoded form.
    /// Parts that show the same picture should pass the same `PdfImage`: it is stored once.
    pub images: &'a [(ImageRef, &'a PdfImage)],
    /// Its QR code; stored once for all parts whose code has the same text.
    pub qr: Option<&'a QrForm>,
    /// The handout's title, for the outline.
    pub title: &'a str,
    pub lang: &'a str,
    /// The outline entry the part goes under, e.g. the patient ("Ana López — row 2");
    /// consecutive parts with the same group are one packet.
    pub group: &'a str,
    /// Which handout (and edition) the part is a copy of: any number, the same for every
    /// copy of one handout, which must show the same pictures and QR code. Copies of one
    /// handout share the runs of content they have in common.
    pub handout: usize,
}

/// How the job is to be printed.
#[derive(Debug, Clone, Copy, Default)]
pub struct JobOptions {
    /// Printed on both sides: every packet starts on the front of a sheet.
    pub duplex: bool,
}

/// Parts serialised and compressed together: enough that deflate finds one copy's objects
/// again in the next (its window is 32 KB, a checklist copy's objects about 6 KB), few
/// enough that two cores share the work evenly.
const PARTS_PER_CHUNK: usize = 8;

/// Parts [`write_job`] builds and writes at a time: enough to keep every core busy, few
/// enough that their pages and objects take a few megabytes.
const WINDOW_PARTS: usize = 128;

/// Why a job or a copy could not be written.
#[derive(Debug)]
pub enum WriteError {
    /// Writing the file failed.
    Io(std::io::Error),
    /// The PDF could not be made: a fault of the tool's, not of its input.
    Pdf(String),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            WriteError::Io(e) => write!(f, "cannot write PDF: {e}"),
            WriteError::Pdf(msg) => f.write_str(msg),
        }
    }
}

impl From<std::io::Error> for WriteError {
    fn from(e: std::io::Error) -> Self {
        WriteError::Io(e)
    }
}

impl From<String> for WriteError {
    fn from(msg: String) -> Self {
        WriteError::Pdf(msg)
    }
}

/// Writes `parts` as one PDF in memory. `fonts` must hold every character any part draws;
/// `info` describes the job as a whole. The parts are written a window at a time, as
/// [`JobWriter`] writes a job too large for memory; the first two parts of each handout
/// are the models.
pub fn write_job(
    parts: &[Part],
    fonts: &FontSubsets,
    info: &DocInfo,
    options: JobOptions,
) -> Result<Vec<u8>, String> {
    let mut seen = std::collections::HashMap::new();
    let models: Vec<Part> = parts
        .iter()
        .filter(|p| {
            let n = seen.entry(p.handout).or_insert(0);
            *n += 1;
            *n <= 2
        })
        .copied()
        .collect();
    let run = || -> Result<Vec<u8>, WriteError> {
        let mut job = JobWriter::new(Vec::new(), &models, fonts, info, options)?;
        for window in windows(parts, WINDOW_PARTS) {
            job.add(window)?;
        }
        Ok(job.finish()?.0)
    };
    run().map_err(|e| e.to_string())
}

/// `parts` cut into windows of about `size` parts, each of whole packets.
pub fn windows<'p, 'a>(parts: &'p [Part<'a>], size: usize) -> Vec<&'p [Part<'a>]> {
    let mut windows = Vec::new();
    let mut start = 0;
    for i in 1..=parts.len() {
        if i == parts.len() || (i - start >= size && impose::starts_packet(parts, i)) {
            windows.push(&parts[start..i]);
            start = i;
        }
    }
    windows
}

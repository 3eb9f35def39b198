//! The PDF writer: pages of positioned boxes in, PDF bytes out. The only module that names
//! printpdf (which draws the content streams) and lopdf (everything printpdf has no option
//! for).
//!
//! [`write()`] is a list of steps, one module each:
//! - `content`: each page's drawing operators, with marked content for the structure tree;
//!   printpdf makes them a document and hands it over to lopdf for the rest.
//! - `image`, `qr`, `font`: our images, QR code and font subsets (hinting removed by `ttf`),
//!   encoded once per run so a batch of copies shares them, then added to each document and
//!   named in the pages' shared dictionaries (`resources`).
//! - `navigation` and `form`: the outline, link annotations and form fields.
//! - `structure`: the tagged-PDF structure tree, for screen readers and reflow.
//! - `metadata`: our info dictionary (without printpdf's empty `GTS_PDFXVersion`, which makes
//!   readers report PDF/X), XMP, the language and the window title.
//! - `save`: PDF 1.7, compression, object streams, and a trailer ID derived from the content
//!   so identical input gives identical bytes; `writer` lays the objects out as lopdf would,
//!   byte for byte, but moves each out of the document as it goes.
//!
//! Memory grows with the content, not faster: each page's operators exist only while that
//! page is drawn, and the structure tree's elements only while they are written. A list
//! item costs about 1.6 KB of heap from reading to bytes (see `tests/memory.rs`), so the
//! largest handout layout accepts ([`crate::layout::limits`]) takes tens of MB.
//!
//! `object` holds the small lopdf values several steps write.
//!
//! [`write_job`] and [`JobWriter`] write many documents (a print job) as one PDF with the
//! same steps, storing what they share once, building each document's objects on any core
//! and writing the file as they go; [`CopyTemplate`] writes a batch of copies as files of
//! their own, what they share serialised once. See `job`.

mod content;
mod font;
mod form;
mod image;
mod job;
mod metadata;
mod navigation;
mod object;
mod qr;
mod resources;
mod save;
mod show;
mod structure;
mod ttf;
mod writer;

use crate::layout::{ImageRef, Page};

pub use font::{subsets_for, EmbeddedFont, FontSubsets, UsedGlyphs};
pub use image::PdfImage;
pub use job::{write_job, CopyTemplate, JobOptions, JobWriter, Part, WriteError};
pub use qr::QrForm;

use resources::Resources;

/// What the document says about itself (shown by readers, used by screen readers).
#[derive(Debug, Clone)]
pub struct DocInfo {
    pub title: String,
    pub author: String,
    pub subject: String,
    pub lang: String,
    /// Creation and modification date; none rather than the clock.
    pub date: Option<crate::model::Date>,
    /// A `draft: true` handout (or a print job holding one): the title ends " (draft)" and
    /// the subject, keywords and XMP say it is not for patients.
    pub draft: bool,
}

/// Writes the pages as a PDF document. `images` maps each image the pages use to its
/// encoded form; `fonts` must hold every character the pages draw (see [`subsets_for`]).
pub fn write(
    pages: &[Page],
    images: &[(ImageRef, &PdfImage)],
    qr: Option<&QrForm>,
    fonts: &FontSubsets,
    info: &DocInfo,
) -> Result<Vec<u8>, String> {
    // The order of the steps is the order of the object numbers: changing it changes the
    // bytes. Annotations must exist before the structure tree can point at them.
    let (mut doc, tagged) = content::draw(pages, fonts, &info.title)?;
    let resources = Resources::of(&doc)?;
    image::add(&mut doc, &resources, images)?;
    qr::add(&mut doc, &resources, qr)?;
    font::add(&mut doc, &resources, fonts)?;
    let annotations = navigation::add(&mut doc, pages);
    let structure = structure::add(&mut doc, &tagged, &annotations, &info.lang);
    drop(tagged);
    metadata::add(&mut doc, info);
    save::save(doc, &structure)
}

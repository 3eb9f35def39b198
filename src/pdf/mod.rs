//! The PDF writer: pages of positioned boxes in, PDF bytes out. The only module that names
//! printpdf (drawing) and lopdf (document-level fixes printpdf has no option for).
//!
//! printpdf draws and subsets the fonts (with a ToUnicode map, so text can be searched and read
//! aloud). We then fix the document with lopdf: PDF version 1.7 (transparent logos need at
//! least 1.4; printpdf writes 1.3), our own info dictionary without printpdf's empty
//! `GTS_PDFXVersion` (which makes readers report PDF/X), the language, the window title, and
//! a trailer ID derived from the content so identical input gives identical bytes.

mod content;
mod font;
mod form;
mod image;
mod metadata;
mod navigation;
mod object;
mod qr;
mod resources;
mod save;
mod structure;
mod ttf;

use crate::layout::{ImageRef, Page};

pub use font::{chars_by_face, subsets_for, EmbeddedFont, FontSubsets};
pub use image::PdfImage;
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
    let (mut lo, tagged) = content::draw(pages, fonts, &info.title);
    let resources = Resources::of(&lo)?;
    image::add(&mut lo, &resources, images)?;
    qr::add(&mut lo, &resources, qr)?;
    font::add(&mut lo, &resources, fonts)?;
    let annotations = navigation::add(&mut lo, pages);
    structure::add(&mut lo, &tagged, &annotations, &info.lang);
    metadata::add(&mut lo, info);
    save::save(lo)
}

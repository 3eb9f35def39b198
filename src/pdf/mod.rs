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
mod image;
mod metadata;
mod navigation;
mod object;
mod save;
mod structure;
mod ttf;

use lopdf::Object;
use printpdf::XObjectId;

use crate::fonts::{Face, FontPair};
use crate::layout::{ImageRef, Item, Page};

pub use font::{EmbeddedFont, FontSubsets};
pub use image::{PdfImage, QrForm};

/// The characters each face draws on `pages`: what a document's font subsets must hold.
pub fn chars_by_face(pages: &[Page]) -> (Vec<char>, Vec<char>) {
    let (mut regular, mut bold) = (Vec::new(), Vec::new());
    for page in pages {
        for item in &page.items {
            if let Item::Text(run) = item {
                let into = match run.face {
                    Face::Regular => &mut regular,
                    Face::Bold => &mut bold,
                };
                into.extend(run.text.chars());
            }
        }
    }
    for v in [&mut regular, &mut bold] {
        v.sort_unstable();
        v.dedup();
    }
    (regular, bold)
}

/// Font subsets holding exactly what `pages` draw.
pub fn subsets_for(fonts: &FontPair, pages: &[Page]) -> Result<FontSubsets, String> {
    let (regular, bold) = chars_by_face(pages);
    FontSubsets::new(fonts, &regular, &bold)
}

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

fn image_id(image: ImageRef) -> XObjectId {
    XObjectId(match image {
        ImageRef::Logo => "Logo".into(),
        ImageRef::Block(i) => format!("Im{i}"),
        ImageRef::Qr => "QR".into(),
    })
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
    add_resources(&mut lo, images, fonts, qr)?;
    let annotations = navigation::add(&mut lo, pages);
    structure::add(&mut lo, &tagged, &annotations, &info.lang);
    metadata::add(&mut lo, info);
    save::save(lo)
}

/// Adds our fonts and images and names them in the Font and XObject dictionaries that
/// printpdf shares between all pages (it knows them only by the names in `Tf` and `Do`).
fn add_resources(
    doc: &mut lopdf::Document,
    images: &[(ImageRef, &PdfImage)],
    fonts: &FontSubsets,
    qr: Option<&QrForm>,
) -> Result<(), String> {
    let first_page = doc
        .get_pages()
        .values()
        .next()
        .copied()
        .ok_or("document has no pages")?;
    let resources = doc
        .get_dictionary(first_page)
        .and_then(|p| p.get(b"Resources"))
        .and_then(Object::as_reference)
        .map_err(|e| format!("page resources: {e}"))?;
    let shared = |doc: &lopdf::Document, key: &[u8]| {
        doc.get_dictionary(resources)
            .and_then(|r| r.get(key))
            .and_then(Object::as_reference)
            .map_err(|e| format!("page resources: {e}"))
    };
    let (font_dict, xobject_dict) = (shared(doc, b"Font")?, shared(doc, b"XObject")?);

    let mut image_ids: Vec<(String, lopdf::ObjectId)> = images
        .iter()
        .map(|(r, img)| (image_id(*r).0, img.insert(doc)))
        .collect();
    if let Some(form) = qr {
        image_ids.push((image_id(ImageRef::Qr).0, form.insert(doc)));
    }
    let font_ids: Vec<(String, lopdf::ObjectId)> = [&fonts.regular, &fonts.bold]
        .into_iter()
        .map(|f| (f.tag.clone(), f.insert(doc)))
        .collect();
    for (dict_id, entries) in [(xobject_dict, image_ids), (font_dict, font_ids)] {
        let dict = doc
            .get_object_mut(dict_id)
            .and_then(Object::as_dict_mut)
            .map_err(|e| format!("page resources: {e}"))?;
        for (name, id) in entries {
            dict.set(name.as_bytes(), Object::Reference(id));
        }
    }
    Ok(())
}

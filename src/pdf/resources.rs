//! The resource dictionaries the pages share, and the names our fonts and images go by in
//! them.
//!
//! printpdf writes one Font and one XObject dictionary for all pages, but knows our fonts and
//! images only by the names the content streams use in `Tf` and `Do`. `font`, `image` and
//! `qr` add the objects themselves and list them here under those names.

use lopdf::{Object, ObjectId};

use crate::layout::ImageRef;

/// The Font and XObject dictionaries shared by every page of a document.
pub struct Resources {
    fonts: ObjectId,
    xobjects: ObjectId,
}

impl Resources {
    /// Finds the shared dictionaries through the first page's resources.
    pub fn of(doc: &lopdf::Document) -> Result<Self, String> {
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
        let shared = |key: &[u8]| {
            doc.get_dictionary(resources)
                .and_then(|r| r.get(key))
                .and_then(Object::as_reference)
                .map_err(|e| format!("page resources: {e}"))
        };
        Ok(Resources {
            fonts: shared(b"Font")?,
            xobjects: shared(b"XObject")?,
        })
    }

    /// Lists font `id` under `name` (what the pages' `Tf` operators use).
    pub fn name_font(
        &self,
        doc: &mut lopdf::Document,
        name: &str,
        id: ObjectId,
    ) -> Result<(), String> {
        name_in(doc, self.fonts, name, id)
    }

    /// Lists image or form `id` under `name` (what the pages' `Do` operators use).
    pub fn name_xobject(
        &self,
        doc: &mut lopdf::Document,
        name: &str,
        id: ObjectId,
    ) -> Result<(), String> {
        name_in(doc, self.xobjects, name, id)
    }
}

fn name_in(
    doc: &mut lopdf::Document,
    dict: ObjectId,
    name: &str,
    id: ObjectId,
) -> Result<(), String> {
    doc.get_object_mut(dict)
        .and_then(Object::as_dict_mut)
        .map_err(|e| format!("page resources: {e}"))?
        .set(name.as_bytes(), Object::Reference(id));
    Ok(())
}

/// The name the pages draw an image by: ours, not printpdf's global counter, so a document's
/// bytes never depend on what else the process built before it.
pub fn image_name(image: ImageRef) -> String {
    match image {
        ImageRef::Logo => "Logo".into(),
        ImageRef::Block(i) => format!("Im{i}"),
        ImageRef::Qr => "QR".into(),
    }
}

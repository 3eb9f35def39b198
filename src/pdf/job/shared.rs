//! What the documents of a print job share, added once before any document is built: the
//! catalog and the numbers the documents point at (page tree, Document element), the font
//! subsets, each picture and QR code, the form fields' appearances and font, the content
//! runs copies have in common, and the blank pages.
//!
//! A picture is known by its address: the same [`PdfImage`](super::super::PdfImage) in a
//! thousand parts is one object. A QR code is known by its text. Each part's pages get a resource dictionary naming the
//! pictures the part draws (`Im3` is whatever block 3 of its handout shows); parts that name
//! the same objects share one.

use std::collections::HashMap;

use lopdf::{Dictionary, Object, ObjectId, Stream};

use super::impose::Imposition;
use super::sharing::Sharing;
use super::Part;
use crate::layout::{ImageRef, Item, Page};
use crate::pdf::content::{self, Segment};
use crate::pdf::font::{self, FontSubsets};
use crate::pdf::form::SharedObjects;
use crate::pdf::resources::image_name;

/// The job's shared objects, numbered from 1, and what the parts need to point at them.
pub struct Shared {
    pub doc: lopdf::Document,
    /// The page tree's root, written once the pages are numbered.
    pub pages_root: ObjectId,
    /// The structure tree's Document element, written once the parts are numbered.
    pub document: ObjectId,
    /// Each part's resource dictionary.
    pub resources: Vec<ObjectId>,
    /// The blank pages, in order.
    pub blanks: Vec<ObjectId>,
    /// The content stream of each shared run of items.
    pub runs: Vec<ObjectId>,
    pub form: SharedObjects,
}

impl Shared {
    /// Adds what `parts` share; `planned` are their pages in order, `sharing` the content
    /// they have in common.
    pub fn new(
        parts: &[Part],
        fonts: &FontSubsets,
        imposed: &Imposition,
        sharing: &Sharing,
        planned: &[&Page],
    ) -> Shared {
        let mut doc = lopdf::Document::new();
        let pages_root = doc.new_object_id();
        let mut catalog = Dictionary::new();
        catalog.set("Type", Object::Name(b"Catalog".to_vec()));
        catalog.set("Pages", Object::Reference(pages_root));
        // A job is found by its patients: the outline lists them when the file opens.
        catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
        let catalog = doc.add_object(catalog);
        doc.trailer.set("Root", Object::Reference(catalog));
        let document = doc.new_object_id();
        let fonts_dict = font::add_dictionary(&mut doc, fonts);
        let fonts_dict = doc.add_object(fonts_dict);
        let resources = add_resources(&mut doc, parts, fonts_dict);
        let fields = parts
            .iter()
            .flat_map(|p| p.pages)
            .flat_map(|p| &p.items)
            .filter_map(|item| match item {
                Item::Field(field) => Some(field),
                _ => None,
            });
        let form = SharedObjects::add(&mut doc, fields);
        let runs = add_runs(&mut doc, sharing, planned, fonts);
        let blanks = add_blanks(&mut doc, parts, imposed, pages_root);
        Shared {
            doc,
            pages_root,
            document,
            resources,
            blanks,
            runs,
            form,
        }
    }
}

/// What an XObject shows: a picture at an address, or a QR code of a text.
#[derive(PartialEq, Eq, Hash)]
enum Shown<'a> {
    Picture(usize),
    Qr(&'a str),
}

/// Adds each picture and QR code once, and a resource dictionary for each set of names and
/// objects the parts use; returns each part's.
fn add_resources(doc: &mut lopdf::Document, parts: &[Part], fonts: ObjectId) -> Vec<ObjectId> {
    // The same picture is the same object in memory: its address identifies it. A QR code
    // is known by its text: each handout holds a copy of the brand's.
    let mut added: HashMap<Shown, ObjectId> = HashMap::new();
    let mut dicts: HashMap<Vec<(String, ObjectId)>, ObjectId> = HashMap::new();
    let mut resources = Vec::with_capacity(parts.len());
    for part in parts {
        let mut names = Vec::with_capacity(part.images.len() + 1);
        for (image, encoded) in part.images {
            let address = std::ptr::from_ref(*encoded) as usize;
            let id = *added
                .entry(Shown::Picture(address))
                .or_insert_with(|| encoded.insert(doc));
            names.push((image_name(*image), id));
        }
        if let Some(qr) = part.qr {
            let id = *added
                .entry(Shown::Qr(&qr.text))
                .or_insert_with(|| qr.insert(doc));
            names.push((image_name(ImageRef::Qr), id));
        }
        let id = match dicts.get(&names) {
            Some(&id) => id,
            None => {
                let mut xobjects = Dictionary::new();
                for (name, id) in &names {
                    xobjects.set(name.as_bytes(), Object::Reference(*id));
                }
                let mut dict = Dictionary::new();
                dict.set("Font", Object::Reference(fonts));
                dict.set("XObject", xobjects);
                let id = doc.add_object(dict);
                dicts.insert(names, id);
                id
            }
        };
        resources.push(id);
    }
    resources
}

/// Draws each shared run once, as a content stream.
fn add_runs(
    doc: &mut lopdf::Document,
    sharing: &Sharing,
    planned: &[&Page],
    fonts: &FontSubsets,
) -> Vec<ObjectId> {
    let segments: Vec<Segment> = sharing
        .runs
        .iter()
        .map(|run| {
            let page = planned[run.page];
            Segment {
                items: &page.items[run.items.clone()],
                height: page.height,
                furniture: page.furniture,
                first_mcid: run.first_mcid,
            }
        })
        .collect();
    content::draw_segments(&segments, fonts)
        .into_iter()
        .map(|bytes| doc.add_object(Stream::new(Dictionary::new(), bytes)))
        .collect()
}

/// Adds a blank page (no content, so nothing to tag) before each part that needs one, the
/// size of the part's first page.
fn add_blanks(
    doc: &mut lopdf::Document,
    parts: &[Part],
    imposed: &Imposition,
    pages_root: ObjectId,
) -> Vec<ObjectId> {
    parts
        .iter()
        .zip(&imposed.blank_before)
        .filter(|(_, &blank)| blank)
        .filter_map(|(part, _)| part.pages.first())
        .map(|first| {
            let mut page = Dictionary::new();
            page.set("Type", Object::Name(b"Page".to_vec()));
            page.set("Parent", Object::Reference(pages_root));
            page.set("MediaBox", media_box(first));
            // Required of every page, though a blank one uses none.
            page.set("Resources", Dictionary::new());
            doc.add_object(page)
        })
        .collect()
}

/// `[0 0 width height]`.
pub fn media_box(page: &Page) -> Object {
    Object::Array(vec![
        0.into(),
        0.into(),
        Object::Real(page.width),
        Object::Real(page.height),
    ])
}

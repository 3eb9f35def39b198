//! What makes the PDF work on a screen, none of which changes the printed page: the outline
//! (bookmarks: the title and each heading), link annotations (the clinic website, the QR
//! code) and form fields, so a patient can fill the handout in on a tablet and still print
//! it. This module walks the pages and hands each form field to `form`, which writes them.
//!
//! printpdf has no form fields and only flat, page-top, alphabetically re-sorted bookmarks,
//! so all of it is written with lopdf. Where links and fields sit in the structure tree
//! is left to `structure`, which gets the [`Annotation`]s back.

use lopdf::{Dictionary, Object, ObjectId};

use super::form::Form;
use super::object::{self, text_string};
use crate::layout::{Item, Page, Rect};

/// An annotation the structure tree must point at: a link or a form field, on a page.
pub struct Annotation {
    pub id: ObjectId,
    pub page: ObjectId,
    pub is_link: bool,
    /// Where a form field belongs in the structure (its cell or paragraph).
    pub tag: Option<crate::layout::Tag>,
}

/// A bookmark: a heading's title, and where it is in PDF space.
struct OutlineEntry {
    title: String,
    page: ObjectId,
    x: f32,
    y: f32,
}

/// Adds the outline, links and form fields of `pages` to `doc`, whose pages are in order;
/// returns the annotations for the structure tree.
pub fn add(doc: &mut lopdf::Document, pages: &[Page]) -> Vec<Annotation> {
    let page_ids: Vec<ObjectId> = doc.get_pages().values().copied().collect();
    let mut outline = Vec::new();
    let mut form = Form::default();
    let mut annotations = Vec::new();
    for (page, &page_id) in pages.iter().zip(&page_ids) {
        let on_page = annotate(doc, page, page_id, &mut outline, &mut form);
        let annots: Vec<Object> = on_page.iter().map(|a| Object::Reference(a.id)).collect();
        if let Ok(dict) = doc.get_object_mut(page_id).and_then(Object::as_dict_mut) {
            dict.set("Annots", annots);
        }
        annotations.extend(on_page);
    }
    add_outline(doc, &outline);
    form.finish(doc);
    annotations
}

/// Adds the links and form fields of one page, in the order they were laid out, and returns
/// them; its anchors are collected in `outline`.
fn annotate(
    doc: &mut lopdf::Document,
    page: &Page,
    page_id: ObjectId,
    outline: &mut Vec<OutlineEntry>,
    form: &mut Form,
) -> Vec<Annotation> {
    let h = page.height;
    let mut annotations = Vec::new();
    for item in &page.items {
        match item {
            Item::Anchor { title, x, y } => outline.push(OutlineEntry {
                title: title.clone(),
                page: page_id,
                x: *x,
                y: h - *y,
            }),
            Item::Link { rect, uri } => annotations.push(Annotation {
                id: link(doc, rect, uri, h),
                page: page_id,
                is_link: true,
                tag: None,
            }),
            Item::Field(field) => annotations.push(Annotation {
                id: form.add_field(doc, field, h, page_id),
                page: page_id,
                is_link: false,
                tag: field.tag.clone(),
            }),
            _ => {}
        }
    }
    annotations
}

/// A link annotation over `rect` (on a page `h` points tall) that opens `uri`.
fn link(doc: &mut lopdf::Document, rect: &Rect, uri: &str, h: f32) -> ObjectId {
    let mut action = Dictionary::new();
    action.set("S", Object::Name(b"URI".to_vec()));
    action.set("URI", Object::string_literal(uri));
    let mut link = Dictionary::new();
    link.set("Type", Object::Name(b"Annot".to_vec()));
    link.set("Subtype", Object::Name(b"Link".to_vec()));
    link.set("Rect", object::rect(rect, h));
    // No border: readers would draw a box around the link otherwise.
    link.set("Border", vec![0.into(), 0.into(), 0.into()]);
    link.set("A", action);
    // A description for screen readers: where the link goes.
    link.set("Contents", text_string(uri));
    doc.add_object(link)
}

/// A flat outline in document order, each entry pointing at its place on its page.
fn add_outline(doc: &mut lopdf::Document, entries: &[OutlineEntry]) {
    if entries.is_empty() {
        return;
    }
    let root = doc.new_object_id();
    let ids: Vec<ObjectId> = entries.iter().map(|_| doc.new_object_id()).collect();
    for (i, entry) in entries.iter().enumerate() {
        let mut d = Dictionary::new();
        d.set("Title", text_string(&entry.title));
        d.set("Parent", Object::Reference(root));
        d.set(
            "Dest",
            vec![
                Object::Reference(entry.page),
                Object::Name(b"XYZ".to_vec()),
                Object::Real(entry.x),
                // A little above the text, so the heading is not cut off at the window top.
                Object::Real(entry.y + 8.0),
                Object::Null,
            ],
        );
        if i > 0 {
            d.set("Prev", Object::Reference(ids[i - 1]));
        }
        if let Some(next) = ids.get(i + 1) {
            d.set("Next", Object::Reference(*next));
        }
        doc.objects.insert(ids[i], Object::Dictionary(d));
    }
    let mut outlines = Dictionary::new();
    outlines.set("Type", Object::Name(b"Outlines".to_vec()));
    outlines.set("First", Object::Reference(ids[0]));
    outlines.set("Last", Object::Reference(ids[ids.len() - 1]));
    outlines.set("Count", ids.len() as i64);
    doc.objects.insert(root, Object::Dictionary(outlines));
    if let Ok(catalog) = doc.catalog_mut() {
        catalog.set("Outlines", Object::Reference(root));
    }
}

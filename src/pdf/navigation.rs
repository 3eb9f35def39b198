//! What makes the PDF work on a screen, none of which changes the printed page: the outline
//! (bookmarks: the title and each heading), link annotations (the clinic website, the QR
//! code) and form fields, so a patient can fill the handout in on a tablet and still print
//! it. This module walks the pages and hands each form field to `form`, which writes them.
//!
//! printpdf has no form fields and only flat, page-top, alphabetically re-sorted bookmarks,
//! so all of it is written with lopdf. Where links and fields sit in the structure tree
//! is left to `structure`, which gets the [`Annotation`]s back.

use lopdf::{Dictionary, Object, ObjectId};

use super::content;
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
    /// How many marked-content sequences its page draws before it: where it comes in the
    /// reading order (a header link before the page's content, a footer link after it).
    pub after_marks: usize,
}

/// A bookmark: a title, and the place it opens in PDF space.
pub struct OutlineEntry {
    pub title: String,
    pub page: ObjectId,
    pub left: f32,
    pub top: f32,
}

/// An outline entry and the entries beneath it (none in a single document's flat outline).
pub struct OutlineNode {
    pub entry: OutlineEntry,
    pub kids: Vec<OutlineNode>,
}

/// The links, form fields and bookmarks found on some pages.
pub struct Annotated {
    /// In page order, then in the order they were laid out.
    pub annotations: Vec<Annotation>,
    /// The anchors, in page order.
    pub outline: Vec<OutlineEntry>,
}

/// Adds the outline, links and form fields of `pages` to `doc`, whose pages are in order;
/// returns the annotations for the structure tree.
pub fn add(doc: &mut lopdf::Document, pages: &[Page]) -> Vec<Annotation> {
    let page_ids: Vec<ObjectId> = doc.get_pages().values().copied().collect();
    add_with_form(doc, pages.iter().zip(page_ids), Form::default())
}

/// [`add`] for pages with their object ids, their fields going into `form` (a copy's form
/// shares the batch's objects); returns the annotations for the structure tree.
pub fn add_with_form<'p>(
    doc: &mut lopdf::Document,
    pages: impl Iterator<Item = (&'p Page, ObjectId)>,
    mut form: Form,
) -> Vec<Annotation> {
    let annotated = annotate_pages(doc, pages, &mut form);
    let outline: Vec<OutlineNode> = annotated
        .outline
        .into_iter()
        .map(|entry| OutlineNode {
            entry,
            kids: Vec::new(),
        })
        .collect();
    add_outline(doc, &outline);
    form.finish(doc);
    annotated.annotations
}

/// Adds the links and form fields (to `form`) of each page with its object id, and lists
/// each page's annotations in its `/Annots`.
pub fn annotate_pages<'p>(
    doc: &mut lopdf::Document,
    pages: impl Iterator<Item = (&'p Page, ObjectId)>,
    form: &mut Form,
) -> Annotated {
    let mut outline = Vec::new();
    let mut annotations = Vec::new();
    for (page, page_id) in pages {
        let on_page = annotate(doc, page, page_id, &mut outline, form);
        let annots: Vec<Object> = on_page.iter().map(|a| Object::Reference(a.id)).collect();
        if let Ok(dict) = doc.get_object_mut(page_id).and_then(Object::as_dict_mut) {
            dict.set("Annots", annots);
        }
        annotations.extend(on_page);
    }
    Annotated {
        annotations,
        outline,
    }
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
    let mut marks = 0;
    for item in &page.items {
        marks += content::count_marked(std::slice::from_ref(item));
        match item {
            Item::Anchor { title, x, y } => outline.push(OutlineEntry {
                title: title.clone(),
                page: page_id,
                left: *x,
                // A little above the text, so the heading is not cut off at the window top.
                top: h - *y + HEADING_HEADROOM,
            }),
            Item::Link { rect, uri } => annotations.push(Annotation {
                id: link(doc, rect, uri, h),
                page: page_id,
                is_link: true,
                tag: None,
                after_marks: marks,
            }),
            Item::Field(field) => annotations.push(Annotation {
                id: form.add_field(doc, field, h, page_id),
                page: page_id,
                is_link: false,
                tag: field.tag.clone(),
                after_marks: marks,
            }),
            _ => {}
        }
    }
    annotations
}

/// Points a bookmark opens above its heading's top, so the heading is not cut off.
const HEADING_HEADROOM: f32 = 8.0;

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

/// The outline: `nodes` at the top level, each pointing at its place on its page. Entries
/// with entries beneath them start closed, so a long print job lists its packets first.
pub fn add_outline(doc: &mut lopdf::Document, nodes: &[OutlineNode]) {
    if nodes.is_empty() {
        return;
    }
    let root = doc.new_object_id();
    let ids = add_entries(doc, nodes, root);
    let mut outlines = Dictionary::new();
    outlines.set("Type", Object::Name(b"Outlines".to_vec()));
    outlines.set("First", Object::Reference(ids[0]));
    outlines.set("Last", Object::Reference(ids[ids.len() - 1]));
    // Open entries: the top level only, as every entry with kids is closed.
    outlines.set("Count", ids.len() as i64);
    doc.objects.insert(root, Object::Dictionary(outlines));
    if let Ok(catalog) = doc.catalog_mut() {
        catalog.set("Outlines", Object::Reference(root));
    }
}

/// An outline entry's title and destination (the top left of its place on its page),
/// under `parent`; the caller links it to its siblings and children.
pub(crate) fn outline_entry(entry: &OutlineEntry, parent: ObjectId) -> Dictionary {
    let mut d = Dictionary::new();
    d.set("Title", text_string(&entry.title));
    d.set("Parent", Object::Reference(parent));
    d.set(
        "Dest",
        vec![
            Object::Reference(entry.page),
            Object::Name(b"XYZ".to_vec()),
            Object::Real(entry.left),
            Object::Real(entry.top),
            Object::Null,
        ],
    );
    d
}

/// Adds `nodes`, siblings under `parent`, and (after them) their kids; returns the siblings'
/// ids.
fn add_entries(
    doc: &mut lopdf::Document,
    nodes: &[OutlineNode],
    parent: ObjectId,
) -> Vec<ObjectId> {
    let ids: Vec<ObjectId> = nodes.iter().map(|_| doc.new_object_id()).collect();
    for (i, node) in nodes.iter().enumerate() {
        let mut d = outline_entry(&node.entry, parent);
        if i > 0 {
            d.set("Prev", Object::Reference(ids[i - 1]));
        }
        if let Some(next) = ids.get(i + 1) {
            d.set("Next", Object::Reference(*next));
        }
        if !node.kids.is_empty() {
            let kids = add_entries(doc, &node.kids, ids[i]);
            d.set("First", Object::Reference(kids[0]));
            d.set("Last", Object::Reference(kids[kids.len() - 1]));
            // Negative: closed, with this many entries shown when opened.
            d.set("Count", -(kids.len() as i64));
        }
        doc.objects.insert(ids[i], Object::Dictionary(d));
    }
    ids
}

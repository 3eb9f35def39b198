//! What makes the PDF work on a screen, none of which changes the printed page: the outline
//! (bookmarks: the title and each heading), link annotations (the clinic website, the QR
//! code) and AcroForm fields (check boxes over the checklist boxes, text fields on the
//! write-in lines), so a patient can fill the handout in on a tablet and still print it.
//!
//! printpdf has no form fields and only flat, page-top, alphabetically re-sorted bookmarks,
//! so all of it is written here with lopdf.

use lopdf::{Dictionary, Object, ObjectId, Stream};

use super::object::{self, text_string};
use crate::layout::{FieldKind, FormField, Item, Page};

/// An annotation the structure tree must point at: a link or a form field, on a page.
pub struct Annotation {
    pub id: ObjectId,
    pub page: ObjectId,
    pub is_link: bool,
    /// Where a form field belongs in the structure (its cell or paragraph).
    pub tag: Option<crate::layout::Tag>,
}

/// Adds the outline, links and form fields of `pages` to `doc`, whose pages are in order;
/// returns the annotations for the structure tree.
pub fn add(doc: &mut lopdf::Document, pages: &[Page]) -> Vec<Annotation> {
    let mut tagged = Vec::new();
    let page_ids: Vec<ObjectId> = doc.get_pages().values().copied().collect();
    let mut outline: Vec<(String, ObjectId, f32, f32)> = Vec::new();
    let mut fields: Vec<ObjectId> = Vec::new();
    let mut names: Vec<String> = Vec::new();
    let mut check_appearance: Option<(ObjectId, ObjectId)> = None;
    let mut helv: Option<ObjectId> = None;
    for (page, &page_id) in pages.iter().zip(&page_ids) {
        let h = page.height;
        let mut annots = Vec::new();
        for item in &page.items {
            match item {
                Item::Anchor { title, x, y } => outline.push((title.clone(), page_id, *x, h - *y)),
                Item::Link { rect, uri } => {
                    let mut action = Dictionary::new();
                    action.set("S", Object::Name(b"URI".to_vec()));
                    action.set("URI", Object::string_literal(uri.as_str()));
                    let mut link = Dictionary::new();
                    link.set("Type", Object::Name(b"Annot".to_vec()));
                    link.set("Subtype", Object::Name(b"Link".to_vec()));
                    link.set("Rect", object::rect(rect, h));
                    // No border: readers would draw a box around the link otherwise.
                    link.set("Border", vec![0.into(), 0.into(), 0.into()]);
                    link.set("A", action);
                    // A description for screen readers: where the link goes.
                    link.set("Contents", text_string(uri));
                    let id = doc.add_object(link);
                    annots.push(Object::Reference(id));
                    tagged.push(Annotation {
                        id,
                        page: page_id,
                        is_link: true,
                        tag: None,
                    });
                }
                Item::Field(field) => {
                    let name = unique(&mut names, &field.name);
                    let widget = match field.kind {
                        FieldKind::CheckBox => {
                            let (yes, off) = *check_appearance.get_or_insert_with(|| {
                                check_streams(doc, field.rect.w, field.rect.h)
                            });
                            check_box(field, &name, h, page_id, yes, off)
                        }
                        FieldKind::Text => {
                            helv.get_or_insert_with(|| helvetica(doc));
                            text_field(field, &name, h, page_id)
                        }
                    };
                    let id = doc.add_object(widget);
                    annots.push(Object::Reference(id));
                    fields.push(id);
                    tagged.push(Annotation {
                        id,
                        page: page_id,
                        is_link: false,
                        tag: field.tag.clone(),
                    });
                }
                _ => {}
            }
        }
        if let Ok(dict) = doc.get_object_mut(page_id).and_then(Object::as_dict_mut) {
            dict.set("Annots", annots);
        }
    }
    add_outline(doc, &outline);
    if !fields.is_empty() {
        let mut form = Dictionary::new();
        form.set(
            "Fields",
            fields
                .into_iter()
                .map(Object::Reference)
                .collect::<Vec<_>>(),
        );
        // Viewers draw typed text themselves; our widgets have no appearance for it.
        form.set("NeedAppearances", true);
        form.set("DA", Object::string_literal("/Helv 0 Tf 0 g"));
        if let Some(font) = helv {
            let mut fonts = Dictionary::new();
            fonts.set("Helv", Object::Reference(font));
            let mut dr = Dictionary::new();
            dr.set("Font", fonts);
            form.set("DR", dr);
        }
        let form = doc.add_object(form);
        if let Ok(catalog) = doc.catalog_mut() {
            catalog.set("AcroForm", Object::Reference(form));
        }
    }
    tagged
}

/// Field names must be unique in a document; a repeated label gets " (2)", " (3)"…
/// Periods would make a name hierarchical, so they become commas.
fn unique(names: &mut Vec<String>, name: &str) -> String {
    let base = name.replace('.', ",");
    let mut candidate = base.clone();
    let mut n = 1;
    while names.contains(&candidate) {
        n += 1;
        candidate = format!("{base} ({n})");
    }
    names.push(candidate.clone());
    candidate
}

/// The "on" (a check mark) and "off" (nothing: the printed box shows) appearances.
fn check_streams(doc: &mut lopdf::Document, w: f32, h: f32) -> (ObjectId, ObjectId) {
    let stream = |content: String| {
        let mut dict = Dictionary::new();
        dict.set("Type", Object::Name(b"XObject".to_vec()));
        dict.set("Subtype", Object::Name(b"Form".to_vec()));
        dict.set(
            "BBox",
            vec![0.into(), 0.into(), Object::Real(w), Object::Real(h)],
        );
        Stream::new(dict, content.into_bytes())
    };
    let tick = format!(
        "q 0.1 0.1 0.1 RG 2 w 1 J 1 j {:.2} {:.2} m {:.2} {:.2} l {:.2} {:.2} l S Q",
        0.22 * w,
        0.52 * h,
        0.42 * w,
        0.26 * h,
        0.8 * w,
        0.8 * h
    );
    (
        doc.add_object(stream(tick)),
        doc.add_object(stream(String::new())),
    )
}

fn check_box(
    f: &FormField,
    name: &str,
    h: f32,
    page: ObjectId,
    yes: ObjectId,
    off: ObjectId,
) -> Dictionary {
    let mut normal = Dictionary::new();
    normal.set("Yes", Object::Reference(yes));
    normal.set("Off", Object::Reference(off));
    let mut ap = Dictionary::new();
    ap.set("N", normal);
    let mut d = widget(f, name, h, page, b"Btn");
    d.set("V", Object::Name(b"Off".to_vec()));
    d.set("AS", Object::Name(b"Off".to_vec()));
    d.set("AP", ap);
    d
}

fn text_field(f: &FormField, name: &str, h: f32, page: ObjectId) -> Dictionary {
    let mut d = widget(f, name, h, page, b"Tx");
    d.set("DA", Object::string_literal("/Helv 12 Tf 0 g"));
    d
}

/// A merged field and widget annotation. It prints (flag 4), with no border or background
/// of its own: the printed page keeps its look, filled or not.
fn widget(f: &FormField, name: &str, h: f32, page: ObjectId, kind: &[u8]) -> Dictionary {
    let mut d = Dictionary::new();
    d.set("Type", Object::Name(b"Annot".to_vec()));
    d.set("Subtype", Object::Name(b"Widget".to_vec()));
    d.set("FT", Object::Name(kind.to_vec()));
    d.set("T", text_string(name));
    // What screen readers announce for the field (PDF/UA asks for it explicitly).
    d.set("TU", text_string(name));
    d.set("Rect", object::rect(&f.rect, h));
    d.set("F", 4);
    d.set("P", Object::Reference(page));
    d.set("MK", Dictionary::new());
    d
}

/// Helvetica, one of the standard 14 fonts, for text typed into fields.
fn helvetica(doc: &mut lopdf::Document) -> ObjectId {
    let mut d = Dictionary::new();
    d.set("Type", Object::Name(b"Font".to_vec()));
    d.set("Subtype", Object::Name(b"Type1".to_vec()));
    d.set("BaseFont", Object::Name(b"Helvetica".to_vec()));
    d.set("Encoding", Object::Name(b"WinAnsiEncoding".to_vec()));
    doc.add_object(d)
}

/// A flat outline in document order, each entry pointing at its place on its page.
fn add_outline(doc: &mut lopdf::Document, entries: &[(String, ObjectId, f32, f32)]) {
    if entries.is_empty() {
        return;
    }
    let root = doc.new_object_id();
    let ids: Vec<ObjectId> = entries.iter().map(|_| doc.new_object_id()).collect();
    for (i, (title, page, x, y)) in entries.iter().enumerate() {
        let mut d = Dictionary::new();
        d.set("Title", text_string(title));
        d.set("Parent", Object::Reference(root));
        d.set(
            "Dest",
            vec![
                Object::Reference(*page),
                Object::Name(b"XYZ".to_vec()),
                Object::Real(*x),
                // A little above the text, so the heading is not cut off at the window top.
                Object::Real(*y + 8.0),
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

//! AcroForm fields: check boxes over the checklist's boxes and text fields on the write-in
//! lines, so a patient can fill the handout in on a tablet and still print it. Each field is
//! a merged field and widget annotation with no border or background of its own, so the
//! printed page looks the same, filled or not.
//!
//! In a print job the same label appears in every copy, but a PDF has one value per field
//! name: each part's fields become the kids of a field of its own ([`Form::for_part`]), so
//! "Part 2.Patient name" and "Part 3.Patient name" are two fields.
//!
//! `navigation` finds the fields on the pages and lists them as annotations; where they sit
//! in the structure tree is left to `structure`.

use lopdf::{Dictionary, Object, ObjectId, Stream};

use super::object::{self, text_string};
use crate::layout::{FieldKind, FormField};

/// The fields of one document, and the objects they share.
#[derive(Default)]
pub struct Form {
    /// The top-level fields.
    fields: Vec<ObjectId>,
    /// Names taken so far: field names must be unique among their siblings.
    names: Vec<String>,
    /// The part whose fields are being added, in a print job.
    part: Option<PartField>,
    /// The check boxes' "on" and "off" appearances, added with the first check box.
    check_appearance: Option<(ObjectId, ObjectId)>,
    /// The font for typed text, added with the first text field.
    helv: Option<ObjectId>,
}

impl Form {
    /// Adds `field`, on page `page` which is `h` points tall; returns its annotation's id.
    pub fn add_field(
        &mut self,
        doc: &mut lopdf::Document,
        field: &FormField,
        h: f32,
        page: ObjectId,
    ) -> ObjectId {
        let name = unique(&mut self.names, &field.name);
        let widget = match field.kind {
            FieldKind::CheckBox => {
                let (yes, off) = *self
                    .check_appearance
                    .get_or_insert_with(|| check_streams(doc, field.rect.w, field.rect.h));
                check_box(field, &name, h, page, yes, off)
            }
            FieldKind::Text => {
                self.helv.get_or_insert_with(|| helvetica(doc));
                text_field(field, &name, h, page)
            }
        };
        match &mut self.part {
            Some(part) => {
                let parent = *part.id.get_or_insert_with(|| doc.new_object_id());
                let mut widget = widget;
                widget.set("Parent", Object::Reference(parent));
                let id = doc.add_object(widget);
                part.kids.push(id);
                id
            }
            None => {
                let id = doc.add_object(widget);
                self.fields.push(id);
                id
            }
        }
    }

    /// The form of one part of a print job, built among the part's own objects: its fields
    /// are the kids of a field named `name` (unique in the job), and share the job's
    /// `objects` rather than adding their own.
    pub fn for_part(name: &str, objects: SharedObjects) -> Form {
        Form {
            check_appearance: objects.check_appearance,
            helv: objects.helv,
            part: Some(PartField {
                name: name.to_string(),
                id: None,
                kids: Vec::new(),
            }),
            ..Form::default()
        }
    }

    /// The form of one document whose fields share `objects`, added before (a copy of a
    /// batch, whose shared objects are written once for all copies).
    pub fn sharing(objects: SharedObjects) -> Form {
        Form {
            check_appearance: objects.check_appearance,
            helv: objects.helv,
            ..Form::default()
        }
    }

    /// Writes the part's field, if it has kids, and returns it for the job's form.
    pub fn finish_part(mut self, doc: &mut lopdf::Document) -> Option<ObjectId> {
        self.end_part(doc);
        self.fields.pop()
    }

    /// Writes the current part's field, if it has kids.
    fn end_part(&mut self, doc: &mut lopdf::Document) {
        let Some(part) = self.part.take() else {
            return;
        };
        let Some(id) = part.id else {
            return;
        };
        let mut d = Dictionary::new();
        d.set("T", text_string(&part.name));
        d.set(
            "Kids",
            part.kids
                .into_iter()
                .map(Object::Reference)
                .collect::<Vec<_>>(),
        );
        doc.objects.insert(id, Object::Dictionary(d));
        self.fields.push(id);
    }

    /// Adds the AcroForm dictionary listing the fields to the catalog; nothing if there are
    /// none.
    pub fn finish(mut self, doc: &mut lopdf::Document) {
        self.end_part(doc);
        add_acroform(doc, self.fields, self.helv);
    }
}

/// What the fields of a print job's parts share: added once for the job.
#[derive(Debug, Clone, Copy, Default)]
pub struct SharedObjects {
    check_appearance: Option<(ObjectId, ObjectId)>,
    helv: Option<ObjectId>,
}

impl SharedObjects {
    /// Adds what the job's `fields` need: the check box appearances (sized for the first
    /// check box, as in a single document) and the font for typed text.
    pub fn add<'f>(doc: &mut lopdf::Document, fields: impl Iterator<Item = &'f FormField>) -> Self {
        let mut shared = SharedObjects::default();
        for field in fields {
            match field.kind {
                FieldKind::CheckBox if shared.check_appearance.is_none() => {
                    shared.check_appearance = Some(check_streams(doc, field.rect.w, field.rect.h));
                }
                FieldKind::Text if shared.helv.is_none() => shared.helv = Some(helvetica(doc)),
                _ => {}
            }
            if shared.check_appearance.is_some() && shared.helv.is_some() {
                break;
            }
        }
        shared
    }
}

impl SharedObjects {
    /// The font for typed text, if the job has text fields.
    pub fn helv(&self) -> Option<ObjectId> {
        self.helv
    }
}

/// Adds the AcroForm dictionary listing `fields` to the catalog; nothing if there are none.
pub fn add_acroform(doc: &mut lopdf::Document, fields: Vec<ObjectId>, helv: Option<ObjectId>) {
    if fields.is_empty() {
        return;
    }
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

/// A field standing for one part of a print job, whose kids are the part's fields.
struct PartField {
    name: String,
    /// Reserved with the first kid: a part without fields gets no field.
    id: Option<ObjectId>,
    kids: Vec<ObjectId>,
}

/// Field names must be unique among their siblings; a repeated label gets " (2)", " (3)"…
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

//! Separate copies written from a template (`pdf::CopyTemplate`): what copies of a handout
//! share is serialised once, at the front of every copy's file; each copy is still a
//! document of its own, with the same text as the handout written alone, plain field
//! names, its own structure tree, and the same bytes every time.

use handout::layout::{ImageRef, Item};
use handout::pdf::{self, CopyTemplate, DocInfo, Part, PdfImage};
use lopdf::{Document, Object};

use crate::common::pdf_text;
use crate::fixture::{copies, fonts, run, Copy};
use crate::read::{catalog, dict, mcids, name_of, text_of};

const NAMES: [&str; 4] = [
    "Ana López",
    "José Núñez",
    "Zoë Okafor",
    // Long enough to shrink and wrap: its page differs from the models' after the name.
    "María de los Ángeles Rodríguez-Hernández y Fernández de Córdoba",
];

fn info() -> DocInfo {
    DocInfo {
        title: "Leaky Gut: Symptom Checklist".into(),
        author: "The Green Leaf Clinic".into(),
        subject: "A checklist".into(),
        lang: "en-US".into(),
        date: None,
        draft: false,
    }
}

fn part<'a>(c: &'a Copy, images: &'a [(ImageRef, &'a PdfImage)]) -> Part<'a> {
    Part {
        pages: &c.pages,
        images,
        qr: c.qr.as_ref(),
        title: &c.prepared.handout.title,
        lang: "en-US",
        group: &c.group,
        handout: 0,
    }
}

#[test]
fn each_copy_reads_as_the_handout_written_alone() {
    let run = run();
    let copies = copies(&run, &NAMES.map(|n| ("symptom-checklist", n)));
    let fonts = fonts(&run, &copies);
    let images = [(ImageRef::Logo, &run.logo)];
    let models: Vec<Part> = copies[..2].iter().map(|c| part(c, &images)).collect();
    let template = CopyTemplate::new(&models, &fonts, &info()).unwrap();
    for c in &copies {
        let doc = Document::load_mem(&template.write(&c.pages).unwrap()).unwrap();
        let alone = pdf::write(&c.pages, &images, c.qr.as_ref(), &fonts, &info()).unwrap();
        let alone = Document::load_mem(&alone).unwrap();
        assert_eq!(pdf_text(&doc), pdf_text(&alone), "{}", c.group);
        let marks = |d: &Document| -> Vec<Vec<i64>> {
            d.get_pages().values().map(|&p| mcids(d, p)).collect()
        };
        assert_eq!(marks(&doc), marks(&alone), "{}: marked content", c.group);
    }
    // A copy like the models draws their shared header and checklist, and its own name.
    let doc = Document::load_mem(&template.write(&copies[2].pages).unwrap()).unwrap();
    let page = doc.get_pages()[&1];
    let contents = doc.get_dictionary(page).unwrap().get(b"Contents").unwrap();
    assert_eq!(contents.as_array().map(Vec::len).ok(), Some(3));
}

#[test]
fn a_copy_is_a_document_of_its_own_with_plain_field_names() {
    let run = run();
    let which: Vec<(&str, &str)> = NAMES[..3]
        .iter()
        .map(|n| ("symptom-checklist", *n))
        .collect();
    let copies = copies(&run, &which);
    let fonts = fonts(&run, &copies);
    let images = [(ImageRef::Logo, &run.logo)];
    let models: Vec<Part> = copies[..2].iter().map(|c| part(c, &images)).collect();
    let template = CopyTemplate::new(&models, &fonts, &info()).unwrap();
    let doc = Document::load_mem(&template.write(&copies[2].pages).unwrap()).unwrap();
    let catalog = catalog(&doc);
    for key in [
        "Metadata",
        "Outlines",
        "AcroForm",
        "StructTreeRoot",
        "MarkInfo",
    ] {
        assert!(catalog.has(key.as_bytes()), "catalog has no {key}");
    }
    assert_eq!(text_of(catalog, b"Lang"), "en-US");
    assert!(!catalog.has(b"PageMode"), "opens on its page, as a handout");
    let info_dict = dict(&doc, doc.trailer.get(b"Info").unwrap());
    assert_eq!(text_of(info_dict, b"Title"), info().title);
    // Fields by their labels, as in the handout written alone: not a copy's part of a job.
    let form = dict(&doc, catalog.get(b"AcroForm").unwrap());
    let fields: Vec<String> = form
        .get(b"Fields")
        .and_then(Object::as_array)
        .unwrap()
        .iter()
        .map(|f| text_of(dict(&doc, f), b"T"))
        .collect();
    let labels: Vec<String> = copies[2].pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Field(f) => Some(f.name.replace('.', ",")),
            _ => None,
        })
        .collect();
    assert!(!labels.is_empty());
    assert_eq!(fields.len(), labels.len());
    assert_eq!(fields[..2], labels[..2], "the first fields by their labels");
    // One structure tree: a Document element, in the handout's language, with no Part.
    let root = dict(&doc, catalog.get(b"StructTreeRoot").unwrap());
    let document = dict(&doc, root.get(b"K").unwrap());
    assert_eq!(name_of(document, b"S"), Some(b"Document".as_slice()));
    assert_eq!(text_of(document, b"Lang"), "en-US");
    let kids = document.get(b"K").and_then(Object::as_array).unwrap();
    assert!(kids
        .iter()
        .filter_map(|k| k.as_reference().ok())
        .all(|k| name_of(doc.get_dictionary(k).unwrap(), b"S") != Some(b"Part")));
}

#[test]
fn copies_start_with_the_same_shared_bytes_and_are_reproducible() {
    let run = run();
    let which: Vec<(&str, &str)> = NAMES[..3]
        .iter()
        .map(|n| ("symptom-checklist", *n))
        .collect();
    let copies = copies(&run, &which);
    let fonts = fonts(&run, &copies);
    let images = [(ImageRef::Logo, &run.logo)];
    let models: Vec<Part> = copies[..2].iter().map(|c| part(c, &images)).collect();
    let template = CopyTemplate::new(&models, &fonts, &info()).unwrap();
    let zoe = template.write(&copies[2].pages).unwrap();
    assert!(zoe == template.write(&copies[2].pages).unwrap(), "twice");
    let again = CopyTemplate::new(&models, &fonts, &info()).unwrap();
    assert!(
        zoe == again.write(&copies[2].pages).unwrap(),
        "another template"
    );
    let ana = template.write(&copies[0].pages).unwrap();
    assert!(ana != zoe);
    // The fonts, logo, QR code and shared content: the same bytes at the front of both.
    let shared = ana.iter().zip(&zoe).take_while(|(a, z)| a == z).count();
    assert!(shared > ana.len() / 2, "{shared} of {} bytes", ana.len());
    let id = |bytes: &[u8]| {
        Document::load_mem(bytes)
            .unwrap()
            .trailer
            .get(b"ID")
            .cloned()
    };
    assert_ne!(id(&ana).ok(), id(&zoe).ok(), "each copy's ID is its own");
}

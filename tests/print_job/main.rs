//! Print jobs: many personalised documents written as one PDF (`pdf::write_job`), read back
//! with lopdf, an independent parser: pages, shared fonts and pictures stored once, the
//! outline of packets, parts and headings, one form field per copy, one structure tree with
//! a Part per document, and blank pages for printing on both sides. Expectations come from
//! the pages given, not from re-typed numbers.

#[path = "../common/mod.rs"]
mod common;
mod fixture;
mod read;
mod separate;
mod stream;

use std::collections::{BTreeMap, HashSet};

use common::root;
use fixture::{copies, copy, fonts, job, run, Copy};
use handout::layout::{ImageRef, Item};
use handout::pdf::{self, DocInfo, JobOptions};
use lopdf::{Document, Object, ObjectId};
use read::{catalog, dict, mcids, name_of, outline, parent_tree, text_of};

const NAMES: [&str; 3] = ["Ana López", "José Núñez", "Zoë Okafor"];

#[test]
fn a_job_holds_every_page_and_stores_fonts_logo_and_qr_code_once() {
    let run = run();
    let copies = copies(&run, &NAMES.map(|n| ("symptom-checklist", n)));
    let (bytes, doc) = job(&run, &copies, JobOptions::default());
    let pages: usize = copies.iter().map(|c| c.pages.len()).sum();
    assert_eq!(doc.get_pages().len(), pages);
    let count = |subtype: &[u8], kind: &[u8]| {
        doc.objects
            .values()
            .filter_map(|o| o.as_dict().or_else(|_| o.as_stream().map(|s| &s.dict)).ok())
            .filter(|d| name_of(d, b"Subtype") == Some(subtype))
            .filter(|d| kind.is_empty() || name_of(d, b"Type") == Some(kind))
            .count()
    };
    assert_eq!(count(b"Type0", b"Font"), 2, "regular and bold, once");
    assert_eq!(count(b"TrueType", b""), 0);
    // The logo (and its soft mask, if it has one) once, whatever the number of copies.
    let masks = doc
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| s.dict.has(b"SMask"))
        .count();
    assert_eq!(count(b"Image", b"XObject") - masks, 1, "one logo");
    let qr_forms = doc
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| name_of(&s.dict, b"Subtype") == Some(b"Form") && s.dict.has(b"Matrix"))
        .count();
    assert_eq!(qr_forms, 1, "one QR code");
    // Each copy's text, in order.
    let text = common::pdf_text(&doc);
    let at: Vec<usize> = NAMES.iter().map(|n| text.find(n).expect(n)).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{text}");
    // What copies share is stored once: the job is a fraction of three separate copies.
    let fonts = fonts(&run, &copies[..1]);
    let images = [(ImageRef::Logo, &run.logo)];
    let info = DocInfo {
        title: "x".into(),
        author: "x".into(),
        subject: "x".into(),
        lang: "en".into(),
        date: None,
        draft: false,
    };
    let alone = pdf::write(&copies[0].pages, &images, run.qr.as_ref(), &fonts, &info).unwrap();
    assert!(
        bytes.len() < 2 * alone.len(),
        "{} against {}",
        bytes.len(),
        alone.len()
    );
}

#[test]
fn a_picture_shown_by_many_parts_is_stored_once() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(root().join("handouts/logo.png"), dir.path().join("gut.png")).unwrap();
    let path = dir.path().join("picture.yaml");
    std::fs::write(
        &path,
        "title: A picture\nblocks:\n  - image: {path: gut.png, width: 2in, alt: A gut}\n",
    )
    .unwrap();
    let run = run();
    let copies: Vec<Copy> = NAMES.iter().map(|n| copy(&run, &path, n)).collect();
    // The run decodes each picture once: every copy holds the same one.
    let (_, doc) = job(&run, &copies, JobOptions::default());
    let streams: Vec<&lopdf::Stream> = doc
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .collect();
    let masks = streams.iter().filter(|s| s.dict.has(b"SMask")).count();
    let images = streams
        .iter()
        .filter(|s| name_of(&s.dict, b"Subtype") == Some(b"Image"))
        .count()
        - masks;
    assert_eq!(images, 2, "the logo and the picture, once each");
}

#[test]
fn the_outline_has_a_packet_per_patient_a_part_per_handout_and_its_headings() {
    let run = run();
    let which = [
        ("symptom-checklist", NAMES[0]),
        ("about-leaky-gut", NAMES[0]),
        ("stress-plan", NAMES[1]),
    ];
    let copies = copies(&run, &which);
    let (_, doc) = job(&run, &copies, JobOptions::default());
    let mut expected = Vec::new();
    let mut first_page = 0;
    for (i, c) in copies.iter().enumerate() {
        if i == 0 || c.group != copies[i - 1].group {
            expected.push((0, c.group.clone(), first_page));
        }
        expected.push((1, c.prepared.handout.title.clone(), first_page));
        for (p, page) in c.pages.iter().enumerate() {
            for item in &page.items {
                if let Item::Anchor { title, .. } = item {
                    expected.push((2, title.clone(), first_page + p));
                }
            }
        }
        first_page += c.pages.len();
    }
    assert!(
        expected.iter().filter(|e| e.0 == 2).count() > 3,
        "headings to find"
    );
    assert_eq!(outline(&doc), expected);
}

#[test]
fn the_same_field_in_two_copies_is_two_fields() {
    let run = run();
    let copies = copies(&run, &NAMES.map(|n| ("symptom-checklist", n)));
    let (_, doc) = job(&run, &copies, JobOptions::default());
    let form = dict(&doc, catalog(&doc).get(b"AcroForm").expect("a form"));
    let parts = form.get(b"Fields").and_then(Object::as_array).unwrap();
    assert_eq!(parts.len(), copies.len(), "a field per copy");
    let mut names = HashSet::new();
    let mut labels = Vec::new();
    for part in parts {
        let parent = dict(&doc, part);
        let prefix = text_of(parent, b"T");
        for kid in parent.get(b"Kids").and_then(Object::as_array).unwrap() {
            let widget = dict(&doc, kid);
            assert_eq!(widget.get(b"Parent").unwrap(), part);
            assert!(widget.has(b"TU"), "a name for screen readers");
            let name = format!("{prefix}.{}", text_of(widget, b"T"));
            assert!(names.insert(name.clone()), "{name} twice");
            labels.push(text_of(widget, b"T"));
        }
    }
    let fields: Vec<String> = copies
        .iter()
        .flat_map(|c| &c.pages)
        .flat_map(|p| &p.items)
        .filter_map(|i| match i {
            Item::Field(f) => Some(f.name.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(labels, fields, "every field, in order, under its copy");
    let first = &labels[0];
    assert_eq!(labels.iter().filter(|l| *l == first).count(), copies.len());
}

#[test]
fn one_structure_tree_with_a_part_per_document() {
    let run = run();
    // A copy without a name has a blank line where the others have the name: the rest of
    // its page's marked content is numbered one lower.
    let which = [
        ("symptom-checklist", NAMES[0]),
        ("stress-plan", NAMES[0]),
        ("symptom-checklist", ""),
        ("es/symptom-checklist", NAMES[1]),
    ];
    let copies = copies(&run, &which);
    let marked = |c: &Copy| mcid_count(&c.pages[0]);
    assert_eq!(marked(&copies[2]) + 1, marked(&copies[0]));
    let (_, doc) = job(&run, &copies, JobOptions::default());
    let root = dict(&doc, catalog(&doc).get(b"StructTreeRoot").unwrap());
    let document = dict(&doc, root.get(b"K").unwrap());
    assert_eq!(name_of(document, b"S"), Some(b"Document".as_slice()));
    let parts = document.get(b"K").and_then(Object::as_array).unwrap();
    let roles: Vec<&[u8]> = parts
        .iter()
        .map(|p| name_of(dict(&doc, p), b"S").unwrap())
        .collect();
    assert_eq!(roles, vec![b"Part".as_slice(); copies.len()]);
    // A part in another language than the job says so.
    let langs: Vec<String> = parts
        .iter()
        .map(|p| text_of(dict(&doc, p), b"Lang"))
        .collect();
    assert_eq!(langs, ["", "", "", "es"]);
    let entries = parent_tree(&doc);
    assert!(
        entries.keys().copied().eq(0..entries.len() as i64),
        "keys 0, 1, 2…"
    );
    marked_content_is_held_by_its_elements(&doc, &entries);
    annotations_point_back_at_their_elements(&doc, &entries);
}

/// How many marked-content sequences a page has: its tagged text and figures.
fn mcid_count(page: &handout::layout::Page) -> usize {
    page.items
        .iter()
        .filter(|i| match i {
            Item::Text(t) => t.tag.is_some(),
            Item::Image { figure, .. } => figure.is_some(),
            _ => false,
        })
        .count()
}

/// Every page's marked content is numbered 0, 1, 2…, and each number's element in the
/// parent tree holds it.
fn marked_content_is_held_by_its_elements(doc: &Document, entries: &BTreeMap<i64, Object>) {
    for &page in doc.get_pages().values() {
        let page_dict = doc.get_dictionary(page).unwrap();
        let key = page_dict.get(b"StructParents").unwrap().as_i64().unwrap();
        let ids = mcids(doc, page);
        assert_eq!(ids, (0..ids.len() as i64).collect::<Vec<_>>());
        let elements = entries[&key].as_array().unwrap();
        assert_eq!(elements.len(), ids.len());
        for (mcid, element) in ids.iter().zip(elements) {
            let holds = kids(doc, element).iter().any(|k| match k {
                Object::Integer(i) => i == mcid,
                Object::Dictionary(mcr) => {
                    mcr.get(b"MCID").and_then(Object::as_i64).ok() == Some(*mcid)
                        && mcr.get(b"Pg").and_then(Object::as_reference).ok() == Some(page)
                }
                _ => false,
            });
            assert!(holds, "MCID {mcid} on page {page:?}");
        }
    }
}

/// Each link and field names its parent tree entry, a Link or Form element that points at
/// it.
fn annotations_point_back_at_their_elements(doc: &Document, entries: &BTreeMap<i64, Object>) {
    let mut seen = 0;
    for &page in doc.get_pages().values() {
        let page_dict = doc.get_dictionary(page).unwrap();
        let Ok(annots) = page_dict.get(b"Annots").and_then(Object::as_array) else {
            continue;
        };
        for annot in annots {
            let id = annot.as_reference().unwrap();
            let key = dict(doc, annot)
                .get(b"StructParent")
                .unwrap()
                .as_i64()
                .unwrap();
            let element = &entries[&key];
            let role = name_of(dict(doc, element), b"S").unwrap();
            assert!(
                role == b"Form" || role == b"Link",
                "{}",
                String::from_utf8_lossy(role)
            );
            let points = kids(doc, element).iter().any(|k| {
                k.as_dict().is_ok_and(|objr| {
                    objr.get(b"Obj").and_then(Object::as_reference).ok() == Some(id)
                })
            });
            assert!(points, "annotation {id:?}");
            seen += 1;
        }
    }
    assert!(seen > 20, "{seen} annotations");
}

fn kids<'a>(doc: &'a Document, element: &'a Object) -> &'a [Object] {
    dict(doc, element)
        .get(b"K")
        .and_then(Object::as_array)
        .map_or(&[], Vec::as_slice)
}

#[test]
fn duplex_starts_every_packet_on_the_front_of_a_sheet() {
    let run = run();
    let which = [
        ("symptom-checklist", NAMES[0]),
        ("stress-plan", NAMES[1]),
        ("symptom-checklist", NAMES[1]),
        ("about-leaky-gut", NAMES[2]),
        ("symptom-checklist", "Li Chen"),
    ];
    let copies = copies(&run, &which);
    let given: usize = copies.iter().map(|c| c.pages.len()).sum();
    let (_, doc) = job(&run, &copies, JobOptions { duplex: true });
    let pages: Vec<ObjectId> = doc.get_pages().values().copied().collect();
    let blank: Vec<bool> = pages
        .iter()
        .map(|&p| doc.get_dictionary(p).unwrap().get(b"Contents").is_err())
        .collect();
    let blanks = blank.iter().filter(|b| **b).count();
    assert!(blanks > 0, "this job needs blank pages");
    assert_eq!(pages.len(), given + blanks);
    let packets: Vec<usize> = outline(&doc)
        .iter()
        .filter(|e| e.0 == 0)
        .map(|e| e.2)
        .collect();
    assert_eq!(packets.len(), 4);
    for start in &packets {
        assert_eq!(start % 2, 0, "packet starting on page index {start}");
    }
    for (i, _) in blank.iter().enumerate().filter(|(_, b)| **b) {
        assert!(
            packets.contains(&(i + 1)),
            "a blank page only before a packet"
        );
        assert_eq!(
            doc.extract_text(&[i as u32 + 1]).unwrap_or_default().trim(),
            ""
        );
        let size = |p: ObjectId| {
            doc.get_dictionary(p)
                .unwrap()
                .get(b"MediaBox")
                .unwrap()
                .clone()
        };
        assert_eq!(size(pages[i]), size(pages[i + 1]));
    }
    // Printed on one side, no blank pages.
    let (_, simplex) = job(&run, &copies, JobOptions::default());
    assert_eq!(simplex.get_pages().len(), given);
}

#[test]
fn the_same_job_gives_the_same_bytes() {
    let run = run();
    let copies = copies(&run, &NAMES.map(|n| ("food-list", n)));
    let (first, _) = job(&run, &copies, JobOptions::default());
    let (second, _) = job(&run, &copies, JobOptions::default());
    assert!(first == second, "two builds differ");
}

#[test]
#[ignore = "needs qpdf, poppler-utils"]
fn qpdf_pdfinfo_and_pdftotext_read_a_job() {
    let run = run();
    let which = [
        ("symptom-checklist", NAMES[0]),
        ("stress-plan", NAMES[1]),
        ("symptom-checklist", NAMES[2]),
    ];
    let copies = copies(&run, &which);
    let (bytes, _) = job(&run, &copies, JobOptions { duplex: true });
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("job.pdf");
    std::fs::write(&path, bytes).unwrap();
    let path = path.to_str().unwrap();
    tool("qpdf", &["--check", path]);
    let info = tool("pdfinfo", &[path]);
    assert!(info.contains("Tagged:          yes"), "{info}");
    assert!(info.contains("Form:            AcroForm"), "{info}");
    let text = tool("pdftotext", &[path, "-"]);
    let at: Vec<usize> = NAMES
        .iter()
        .map(|n| text.find(n).unwrap_or(usize::MAX))
        .collect();
    assert!(
        at.windows(2).all(|w| w[0] < w[1]) && at[2] < usize::MAX,
        "{at:?}: {text}"
    );
}

/// Runs `tool` with `args`, returning its standard output; fails the test if it fails.
fn tool(tool: &str, args: &[&str]) -> String {
    let out = std::process::Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{tool}: {e}"));
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{tool} {args:?}: {stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

#[test]
#[ignore = "needs qpdf, poppler-utils, ghostscript, mupdf-tools"]
fn independent_readers_pass_on_a_print_job() {
    let run = run();
    let which = [
        ("symptom-checklist", NAMES[0]),
        ("about-leaky-gut", NAMES[0]),
        ("food-list", NAMES[1]),
        ("es/symptom-checklist", NAMES[2]),
    ];
    let copies = copies(&run, &which);
    let (bytes, _) = job(&run, &copies, JobOptions::default());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("job.pdf");
    std::fs::write(&path, bytes).unwrap();
    let expect = common::readers::Expect {
        size: common::readers::PageSize::Letter,
        phrases: &NAMES,
        margin: common::readers::SAFE_MARGIN,
    };
    let problems: Vec<String> = common::readers::check_pdf(&path, &expect)
        .iter()
        .map(ToString::to_string)
        .collect();
    common::readers::assert_no_problems("print job", &problems);
}

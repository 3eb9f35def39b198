//! A print job too long for memory is written a window of packets at a time
//! (`pdf::JobWriter`): the file is still one valid job, each copy in it once, with fields of
//! its own, the same bytes every time, and what the writer keeps per copy stays small.

use std::collections::HashSet;

use handout::layout::{ImageRef, Page};
use handout::model::{FieldKey, Source, Values};
use handout::pdf::{self, DocInfo, FontSubsets, JobOptions, JobWriter, Part, PdfImage};
use handout::run::handout as build;
use lopdf::{Document, Object};

use crate::common::{pdf_text, root};
use crate::fixture::{run, Run};
use crate::read::{catalog, dict, outline, text_of};

/// How many copies: more than two windows of `write_job`.
const COPIES: usize = 300;
/// How many copies are written in windows of several sizes.
const WINDOWS_COPIES: usize = 60;

/// `COPIES` copies of the symptom checklist, each with its own patient.
struct Day {
    names: Vec<String>,
    pages: Vec<Vec<Page>>,
    fonts: FontSubsets,
    prepared: build::Prepared,
}

/// The day, laid out once for the tests here.
fn shared() -> &'static (Run, Day) {
    static DAY: std::sync::OnceLock<(Run, Day)> = std::sync::OnceLock::new();
    DAY.get_or_init(|| {
        let run = run();
        let day = day(&run);
        (run, day)
    })
}

fn day(run: &Run) -> Day {
    let source = Source::read(&root().join("handouts/symptom-checklist.yaml")).unwrap();
    let prepared = build::prepare(&run.setup, &source).unwrap();
    let metrics = run.setup.metrics().unwrap();
    let names: Vec<String> = (0..COPIES).map(|i| format!("Patient {i:03}")).collect();
    let pages: Vec<Vec<Page>> = names
        .iter()
        .map(|name| {
            let mut values = Values::new();
            values.insert(FieldKey::new("Patient name"), name.clone());
            build::lay_out_pages(&run.setup, &metrics, &prepared, &values)
                .unwrap()
                .0
        })
        .collect();
    let all: Vec<Page> = pages.iter().flatten().cloned().collect();
    let fonts = pdf::subsets_for(&run.setup.fonts, &all).unwrap();
    Day {
        names,
        pages,
        fonts,
        prepared,
    }
}

fn info() -> DocInfo {
    DocInfo {
        title: "A long day".into(),
        author: "The clinic".into(),
        subject: "Print job".into(),
        lang: "en-US".into(),
        date: None,
        draft: false,
    }
}

impl Day {
    fn parts<'a>(&'a self, images: &'a [(ImageRef, &'a PdfImage)], run: &'a Run) -> Vec<Part<'a>> {
        self.pages
            .iter()
            .zip(&self.names)
            .map(|(pages, name)| Part {
                pages,
                images,
                qr: run.qr.as_ref(),
                title: &self.prepared.handout.title,
                lang: "en-US",
                group: name,
                handout: 0,
            })
            .collect()
    }
}

#[test]
fn a_long_job_written_as_it_goes_is_one_valid_reproducible_pdf() {
    let (run, day) = shared();
    let images = [(ImageRef::Logo, &run.logo)];
    let parts = day.parts(&images, run);
    let bytes = pdf::write_job(&parts, &day.fonts, &info(), JobOptions::default()).unwrap();
    let again = pdf::write_job(&parts, &day.fonts, &info(), JobOptions::default()).unwrap();
    assert!(bytes == again, "two builds of the job differ");
    let doc = Document::load_mem(&bytes).expect("lopdf reads the job");
    let pages: usize = day.pages.iter().map(Vec::len).sum();
    assert_eq!(doc.get_pages().len(), pages);
    // Every copy's name, in order.
    let text = pdf_text(&doc);
    let mut from = 0;
    for name in &day.names {
        let at = text[from..]
            .find(name.as_str())
            .unwrap_or_else(|| panic!("{name}"));
        from += at + name.len();
    }
    // Fields: one per copy, each with kids of its own; every full name distinct.
    let form = dict(&doc, catalog(&doc).get(b"AcroForm").unwrap());
    let fields = form.get(b"Fields").and_then(Object::as_array).unwrap();
    assert_eq!(fields.len(), COPIES);
    let mut names = HashSet::new();
    for field in fields {
        let parent = dict(&doc, field);
        for kid in parent.get(b"Kids").and_then(Object::as_array).unwrap() {
            let name = format!(
                "{}.{}",
                text_of(parent, b"T"),
                text_of(dict(&doc, kid), b"T")
            );
            assert!(names.insert(name.clone()), "{name} twice");
        }
    }
    assert!(names.len() >= 2 * COPIES, "{} fields", names.len());
    // The outline lists each patient once, in order, at their page.
    let packets: Vec<(String, usize)> = outline(&doc)
        .into_iter()
        .filter(|e| e.0 == 0)
        .map(|e| (e.1, e.2))
        .collect();
    let expected: Vec<(String, usize)> = day.names.iter().cloned().zip(0..).collect();
    assert_eq!(packets, expected);
    // What copies share is in the file once: the fonts.
    let fonts = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Type0"))
        .count();
    assert_eq!(fonts, 2);
}

#[test]
fn the_writer_keeps_little_per_copy_and_any_windows_make_the_same_pages() {
    let (run, day) = shared();
    let images = [(ImageRef::Logo, &run.logo)];
    // Fewer copies than above: reading a job back is the slow part of this test.
    let copies = WINDOWS_COPIES;
    let parts = &day.parts(&images, run)[..copies];
    let info = info();
    let options = JobOptions { duplex: true };
    let mut texts = Vec::new();
    for size in [1, 7, copies] {
        let mut job = JobWriter::new(Vec::new(), &parts[..2], &day.fonts, &info, options).unwrap();
        for window in parts.chunks(size) {
            job.add(window).unwrap();
        }
        // Page numbers, structure and form entries, cross-reference runs: tens of bytes.
        let kept = job.kept_bytes() / copies;
        assert!(kept < 256, "{kept} bytes a copy with windows of {size}");
        let (bytes, size_written) = job.finish().unwrap();
        assert_eq!(size_written as usize, bytes.len());
        let doc = Document::load_mem(&bytes).expect("lopdf reads the job");
        // Each one-page copy is its own packet: printed on both sides, a blank page after
        // each but the last.
        assert_eq!(doc.get_pages().len(), 2 * copies - 1);
        texts.push(pdf_text(&doc));
    }
    assert!(texts.windows(2).all(|w| w[0] == w[1]));
}

#[test]
fn a_part_without_pages_or_of_a_handout_without_a_model_is_refused_by_its_number() {
    let (run, day) = shared();
    let images = [(ImageRef::Logo, &run.logo)];
    let parts = day.parts(&images, run);
    let info = info();
    let mut job = JobWriter::new(
        Vec::new(),
        &parts[..2],
        &day.fonts,
        &info,
        JobOptions::default(),
    )
    .unwrap();
    job.add(&parts[..3]).unwrap();
    job.add(&[]).unwrap();
    let other = Part {
        handout: 1,
        ..parts[3]
    };
    let err = job.add(&[parts[3], other]).unwrap_err().to_string();
    assert!(
        err.contains("document 5 ") && err.contains("models"),
        "{err}"
    );
    let empty = Part {
        pages: &[],
        ..parts[3]
    };
    let err = job.add(&[empty]).unwrap_err().to_string();
    assert!(
        err.contains("document 4 ") && err.contains("no pages"),
        "{err}"
    );
}

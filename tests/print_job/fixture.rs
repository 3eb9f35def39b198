//! Print jobs for the tests: shipped handouts laid out for patients through the library, as
//! a batch of copies is, and written as one job.

use handout::layout::{ImageRef, Page};
use handout::model::{FieldKey, Source, Values};
use handout::pdf::{self, DocInfo, FontSubsets, JobOptions, Part, PdfImage, QrForm};
use handout::run::handout::{self as build, Prepared};
use handout::run::Setup;
use lopdf::Document;

use crate::common::root;

/// What every document of a job shares.
pub struct Run {
    pub setup: Setup,
    pub logo: PdfImage,
    pub qr: Option<QrForm>,
}

pub fn run() -> Run {
    let setup = Setup::load(
        &root().join("handouts/brand.yaml"),
        None,
        Default::default(),
    )
    .expect("the shipped brand loads");
    let logo = PdfImage::encode(&setup.logo);
    let qr = setup
        .brand
        .qr
        .as_ref()
        .and_then(|q| QrForm::new(q.as_str()));
    Run { setup, logo, qr }
}

/// One patient's copy of one handout, laid out.
pub struct Copy {
    pub prepared: Prepared,
    pub pages: Vec<Page>,
    pub group: String,
    /// The brand's QR code, encoded for this copy alone, as each handout holds a copy.
    pub qr: Option<QrForm>,
}

pub fn copy(run: &Run, handout: &std::path::Path, patient: &str) -> Copy {
    let source = Source::read(handout).expect("handout reads");
    let prepared = build::prepare(&run.setup, &source).expect("handout checks");
    let metrics = run.setup.metrics().expect("metrics");
    let mut values = Values::new();
    // An empty name: the fields stay blank.
    for label in ["Patient name", "Name", "Nombre"]
        .iter()
        .filter(|_| !patient.is_empty())
    {
        values.insert(FieldKey::new(label), patient.to_string());
    }
    let (pages, _) =
        build::lay_out_pages(&run.setup, &metrics, &prepared, &values).expect("lays out");
    Copy {
        prepared,
        pages,
        group: format!("{patient} — row 2"),
        qr: run
            .setup
            .brand
            .qr
            .as_ref()
            .and_then(|q| QrForm::new(q.as_str())),
    }
}

fn shipped(name: &str) -> std::path::PathBuf {
    root().join(format!("handouts/{name}.yaml"))
}

/// `(handout, patient)` pairs laid out, in order.
pub fn copies(run: &Run, which: &[(&str, &str)]) -> Vec<Copy> {
    which
        .iter()
        .map(|(handout, patient)| copy(run, &shipped(handout), patient))
        .collect()
}

/// Font subsets holding every character of every copy.
pub fn fonts(run: &Run, copies: &[Copy]) -> FontSubsets {
    let all: Vec<Page> = copies.iter().flat_map(|c| c.pages.clone()).collect();
    pdf::subsets_for(&run.setup.fonts, &all).expect("subsets")
}

/// Writes `copies` as one job and reads it back.
pub fn job(run: &Run, copies: &[Copy], options: JobOptions) -> (Vec<u8>, Document) {
    let fonts = fonts(run, copies);
    let images: Vec<Vec<(ImageRef, &PdfImage)>> = copies
        .iter()
        .map(|c| {
            let mut images = vec![(ImageRef::Logo, &run.logo)];
            images.extend(
                c.prepared
                    .pictures
                    .iter()
                    .map(|(i, p)| (ImageRef::Block(*i), &p.pdf)),
            );
            images
        })
        .collect();
    let langs: Vec<_> = copies.iter().map(|c| c.prepared.handout.lang()).collect();
    // Copies of one handout are known by its title.
    let mut titles: Vec<&str> = Vec::new();
    let parts: Vec<Part> = copies
        .iter()
        .zip(&images)
        .zip(&langs)
        .map(|((c, images), lang)| {
            let title = c.prepared.handout.title.as_str();
            let handout = titles.iter().position(|t| *t == title).unwrap_or_else(|| {
                titles.push(title);
                titles.len() - 1
            });
            Part {
                pages: &c.pages,
                images,
                qr: c.qr.as_ref(),
                title,
                lang: lang.as_str(),
                group: &c.group,
                handout,
            }
        })
        .collect();
    let info = DocInfo {
        title: "Today's handouts".into(),
        author: run.setup.brand.clinic.clone(),
        subject: "Print job".into(),
        lang: langs.first().map_or("en", |l| l.as_str()).to_string(),
        date: None,
        draft: false,
    };
    let bytes = pdf::write_job(&parts, &fonts, &info, options).expect("job writes");
    let doc = Document::load_mem(&bytes).expect("lopdf reads the job");
    (bytes, doc)
}

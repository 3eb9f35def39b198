//! One handout in process, stage by stage: parse YAML, lay out, write the PDF; then what a
//! batch of personalised copies costs per copy (laid out with a name, written from the
//! batch's template) and a print job. Run with `cargo bench --bench pipeline`; figures are
//! in the README.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion};
use handout::layout::Page;
use handout::model::{self, FieldKey, Source, Values};
use handout::pdf::{self, CopyTemplate, DocInfo, JobOptions, Part};
use handout::run::handout::{self as build, Prepared};
use handout::run::Setup;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn setup() -> Setup {
    Setup::load(
        &root().join("handouts/brand.yaml"),
        None,
        Default::default(),
    )
    .expect("brand loads")
}

fn stages(c: &mut Criterion) {
    let run = setup();
    let metrics = run.metrics().expect("metrics");
    let input = root().join("handouts/symptom-checklist.yaml");
    let source = Source::read(&input).expect("reads");

    c.bench_function("parse: YAML to checked model", |b| {
        b.iter(|| model::parse_handout(black_box(&source)).expect("parses"))
    });
    c.bench_function("layout: model to pages", |b| {
        b.iter(|| build::lay_out(&run, &metrics, black_box(&input)).expect("lays out"))
    });
    let laid = build::lay_out(&run, &metrics, &input).expect("lays out");
    c.bench_function("write: pages to PDF bytes", |b| {
        b.iter(|| build::render(&run, black_box(&laid)).expect("renders"))
    });
    c.bench_function("whole handout: file to PDF bytes", |b| {
        b.iter(|| {
            let laid = build::lay_out(&run, &metrics, black_box(&input)).expect("lays out");
            build::render(&run, &laid).expect("renders")
        })
    });
    c.bench_function("setup: brand, fonts, logo (once per run)", |b| {
        b.iter(setup)
    });
}

/// The symptom checklist laid out for `name`.
fn copy_of(run: &Setup, prepared: &Prepared, name: &str) -> Vec<Page> {
    let metrics = run.metrics().expect("metrics");
    let mut values = Values::new();
    values.insert(FieldKey::new("Patient name"), name.to_string());
    build::lay_out_pages(run, &metrics, prepared, &values)
        .expect("lays out")
        .0
}

/// A copy of the checklist as a part of a batch or a job.
fn part<'a>(
    pages: &'a [Page],
    images: &'a [(handout::layout::ImageRef, &'a pdf::PdfImage)],
    prepared: &'a Prepared,
) -> Part<'a> {
    Part {
        pages,
        images,
        qr: prepared.qr(),
        title: &prepared.handout.title,
        lang: "en-US",
        group: "",
        handout: 0,
    }
}

/// A copy of a batch, stage by stage: laid out with its patient's name, then written from
/// the batch's template (what copies share serialised once), or alone as a master is.
fn copies(c: &mut Criterion) {
    let run = setup();
    let metrics = run.metrics().expect("metrics");
    let source = Source::read(&root().join("handouts/symptom-checklist.yaml")).expect("reads");
    let prepared = build::prepare(&run, &source).expect("checks");
    let names = ["Ana López", "José Núñez", "Zoë Okafor"];
    let pages: Vec<Vec<Page>> = names.iter().map(|n| copy_of(&run, &prepared, n)).collect();
    let all: Vec<Page> = pages.iter().flatten().cloned().collect();
    let fonts = pdf::subsets_for(&run.fonts, &all).expect("subsets");
    let images = build::images_of(&run, &prepared);
    let info = build::doc_info(&run, &prepared);
    let part = |pages| part(pages, &images, &prepared);
    let models = [part(&pages[0]), part(&pages[1])];
    let template = CopyTemplate::new(&models, &fonts, &info).expect("template");
    c.bench_function("copy: lay out with a name", |b| {
        b.iter(|| {
            let mut values = Values::new();
            values.insert(FieldKey::new("Patient name"), "Zoë Okafor".into());
            build::lay_out_pages(&run, &metrics, &prepared, black_box(&values)).expect("lays out")
        })
    });
    c.bench_function("copy: PDF bytes from the batch's template", |b| {
        b.iter(|| template.write(black_box(&pages[2])).expect("writes"))
    });
    c.bench_function("copy: PDF bytes written alone, as a master", |b| {
        b.iter(|| {
            build::render_pages(&run, &prepared, black_box(&pages[2]), &fonts).expect("writes")
        })
    });
    let day: Vec<Vec<Page>> = (0..100)
        .map(|i| copy_of(&run, &prepared, &format!("Patient {i}")))
        .collect();
    let groups: Vec<String> = (0..100).map(|i| format!("Patient {i}")).collect();
    let parts: Vec<Part> = day
        .iter()
        .zip(&groups)
        .map(|(pages, group)| Part {
            group,
            ..part(pages)
        })
        .collect();
    let info = DocInfo {
        title: "Print job".into(),
        ..info
    };
    c.bench_function("print job: 100 copies laid out, to PDF bytes", |b| {
        b.iter(|| pdf::write_job(black_box(&parts), &fonts, &info, JobOptions::default()))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(std::time::Duration::from_secs(3));
    targets = stages, copies
}
criterion_main!(benches);

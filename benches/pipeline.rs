//! One handout in process, stage by stage: parse YAML, lay out, write the PDF.
//! Run with `cargo bench --bench pipeline`; figures are in the README.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion};
use handout::model::{self, Source};
use handout::run::{handout as build, Setup};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn stages(c: &mut Criterion) {
    let run = Setup::load(
        &root().join("handouts/brand.yaml"),
        None,
        Default::default(),
    )
    .expect("brand loads");
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
        b.iter(|| {
            Setup::load(
                &root().join("handouts/brand.yaml"),
                None,
                Default::default(),
            )
            .expect("brand loads")
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(std::time::Duration::from_secs(3));
    targets = stages
}
criterion_main!(benches);

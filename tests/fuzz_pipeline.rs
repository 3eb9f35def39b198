//! Property tests: whatever the input, every stage a real run uses returns located errors or a
//! PDF that an independent parser (lopdf) reads back; nothing panics.
//!
//! - random and mutated handouts through load → check → layout → PDF, in memory;
//! - mutated handouts through [`run::execute`] as `handout build` runs them (readability,
//!   saving, the report), into a temporary folder;
//! - personalised copies from random CSV files through [`run::execute`]: never a PDF outside
//!   the output folder, never one over a master handout;
//! - mutated brand files through [`Setup::load`], and a handout laid out with those that load.
//!
//! Each property runs a modest number of cases so `cargo test` stays fast; for a longer run:
//! `PROPTEST_CASES=5000 cargo test --release --test fuzz_pipeline`.

// The properties of copies and brand files, in files of their own beside this one.
#[path = "fuzz_pipeline/brand.rs"]
mod brand;
mod common;
#[path = "fuzz_pipeline/copies.rs"]
mod copies;

use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::mutate::{apply, edit};
use common::*;
use handout::diagnostics::{Diagnostic, Origin};
use handout::layout::Edition;
use handout::model::{PageSize, Source};
use handout::run::{self, handout as build, Action, Outcome, Plan, Quiet, Setup};
use proptest::prelude::*;

/// Cases per property: `PROPTEST_CASES`, else `default`.
fn cases(default: u32) -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn run() -> &'static Setup {
    static RUN: OnceLock<Setup> = OnceLock::new();
    RUN.get_or_init(|| {
        Setup::load(
            &root().join("handouts/brand.yaml"),
            None,
            Edition::default(),
        )
        .expect("brand")
    })
}

fn shipped_texts() -> &'static [String] {
    static TEXTS: OnceLock<Vec<String>> = OnceLock::new();
    TEXTS.get_or_init(|| {
        SHIPPED
            .iter()
            .map(|n| std::fs::read_to_string(root().join(format!("handouts/{n}.yaml"))).unwrap())
            .collect()
    })
}

/// A shipped handout with a few random edits.
fn mutated_handout() -> impl Strategy<Value = String> {
    (0..SHIPPED.len(), prop::collection::vec(edit(), 1..6))
        .prop_map(|(which, edits)| apply(&shipped_texts()[which], &edits))
}

/// Every edition on both paper sizes.
fn edition_and_size() -> impl Strategy<Value = (Edition, PageSize)> {
    (any::<bool>(), any::<bool>(), any::<bool>()).prop_map(|(large_print, grayscale, a4)| {
        let size = if a4 { PageSize::A4 } else { PageSize::Letter };
        (
            Edition {
                large_print,
                grayscale,
            },
            size,
        )
    })
}

fn fail(d: &Diagnostic) -> TestCaseError {
    TestCaseError::fail(d.to_string())
}

/// Problems the user can act on: errors in their files, each naming one of `files`, never
/// the tool's own.
fn assert_located(problems: &[Diagnostic], files: &[&str]) -> Result<(), TestCaseError> {
    prop_assert!(!problems.is_empty());
    for p in problems {
        prop_assert_ne!(p.origin, Origin::Tool, "{}", p);
        let text = p.to_string();
        prop_assert!(
            files.iter().any(|f| text.contains(f)),
            "{} names none of {:?}",
            p,
            files
        );
    }
    Ok(())
}

/// A PDF at `path` that lopdf reads, with `pages` pages.
fn assert_pdf(path: &Path, pages: usize) -> Result<(), TestCaseError> {
    let doc = lopdf::Document::load(path)
        .map_err(|e| TestCaseError::fail(format!("lopdf cannot read {}: {e}", path.display())))?;
    prop_assert_eq!(doc.get_pages().len(), pages);
    Ok(())
}

/// Runs the in-memory pipeline on `text` as if it were `handouts/fuzz.yaml`.
fn check_pipeline(text: String) -> Result<(), TestCaseError> {
    let run = run();
    let metrics = run.metrics().map_err(|d| fail(&d))?;
    let source = Source {
        path: root().join("handouts").join("fuzz.yaml"),
        text,
    };
    match build::lay_out_source(run, &metrics, &source) {
        Err(problems) => assert_located(&problems, &["fuzz.yaml"])?,
        Ok(laid) => {
            let pdf = build::render(run, &laid).map_err(|d| fail(&d))?;
            let doc = lopdf::Document::load_mem(&pdf)
                .map_err(|e| TestCaseError::fail(format!("lopdf cannot read our PDF: {e}")))?;
            prop_assert_eq!(doc.get_pages().len(), laid.pages.len());
        }
    }
    Ok(())
}

/// A plan as `handout build` makes it, one worker, writing into `out_dir`.
fn plan(inputs: Vec<PathBuf>, out_dir: &Path, (edition, size): (Edition, PageSize)) -> Plan {
    Plan {
        inputs,
        brand: root().join("handouts/brand.yaml"),
        page_size: Some(size),
        edition,
        action: Action::Write {
            out_dir: out_dir.to_path_buf(),
        },
        copies: None,
        shard: None,
        jobs: NonZeroUsize::new(1),
        max_grade: 8.0,
        date_fallback: None,
    }
}

/// One outcome of a build: a PDF directly inside `out_dir` that lopdf reads, or located errors
/// in one of `files` and nothing written for it.
fn assert_outcome(o: &Outcome, out_dir: &Path, files: &[&str]) -> Result<(), TestCaseError> {
    match (&o.result, &o.output) {
        (Ok(built), Some(path)) => {
            prop_assert_eq!(path.parent(), Some(out_dir), "{}", path.display());
            prop_assert_eq!(
                std::fs::metadata(path).map(|m| m.len() as usize).ok(),
                Some(built.bytes)
            );
            assert_pdf(path, built.pages)?;
        }
        (Ok(_), None) => prop_assert!(false, "built {} but wrote nothing", o.input.display()),
        (Err(problems), output) => {
            assert_located(problems, files)?;
            if let Some(path) = output {
                prop_assert!(!path.exists(), "failed, yet {} exists", path.display());
            }
        }
    }
    Ok(())
}

/// `handout build fuzz.yaml` on `text`, in a temporary folder, through the library's plan.
fn check_execute(text: &str, look: (Edition, PageSize)) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("fuzz.yaml");
    std::fs::write(&input, text).unwrap();
    let out_dir = dir.path().join("out");
    let report = run::execute(&plan(vec![input], &out_dir, look), &Quiet).map_err(|d| fail(&d))?;
    prop_assert_eq!(report.outcomes.len(), 1);
    for o in &report.outcomes {
        assert_outcome(o, &out_dir, &["fuzz.yaml"])?;
    }
    for w in report.all_warnings() {
        prop_assert!(!w.is_error(), "{}", w);
    }
    Ok(())
}

proptest! {
    #![proptest_config(cases(200))]

    #[test]
    fn mutated_handouts_never_panic(text in mutated_handout()) {
        check_pipeline(text)?;
    }

    #[test]
    fn random_text_never_panics(text in any::<String>()) {
        check_pipeline(text)?;
    }

    #[test]
    fn random_yaml_shaped_text_never_panics(
        body in "(title: [a-zA-Z ]{0,20}\n)?(subtitle: .{0,10}\n)?blocks:\n(  - (text|heading|bullets|steps|notes|fields|note|image|checklist|columns): .{0,30}\n){0,8}"
    ) {
        check_pipeline(body)?;
    }
}

proptest! {
    #![proptest_config(cases(64))]

    #[test]
    fn a_build_of_a_mutated_handout_writes_a_readable_pdf_or_located_errors(
        text in mutated_handout(),
        look in edition_and_size(),
    ) {
        check_execute(&text, look)?;
    }
}

#[test]
fn a_generated_handout_with_every_block_kind_builds() {
    // The happy path of the same harness, so the property test cannot pass by erroring always.
    let text = "title: T\nsubtitle: S\nblocks:\n  - heading: H\n  - text: a **b** c\n  - bullets: [x]\n  \
                - steps: [y]\n  - checklist: {columns: [A], items: [z]}\n  - columns: [{title: C, items: [w]}]\n  \
                - fields: [Name]\n  - note: {title: N, text: t}\n  - image: {path: logo.png, width: 1in}\n  - notes: Notes\n";
    let run = run();
    let metrics = run.metrics().unwrap();
    let source = Source {
        path: root().join("handouts/x.yaml"),
        text: text.into(),
    };
    let laid = build::lay_out_source(run, &metrics, &source).expect("valid");
    let pdf = build::render(run, &laid).unwrap();
    assert!(lopdf::Document::load_mem(&pdf).is_ok());
}

#[test]
fn the_build_property_sees_pdfs_written() {
    // Its happy path: an unmutated handout is built and written through the same checks.
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("fuzz.yaml");
    std::fs::write(&input, &shipped_texts()[0]).unwrap();
    let out_dir = dir.path().join("out");
    let look = (Edition::default(), PageSize::Letter);
    let report = run::execute(&plan(vec![input], &out_dir, look), &Quiet).unwrap();
    assert_eq!(report.succeeded(), 1);
    assert!(out_dir.join("fuzz.pdf").exists());
    assert!(check_execute(&shipped_texts()[0], look).is_ok());
}

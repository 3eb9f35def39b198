//! Property test: random strings and randomly mutated real handouts go through
//! load → check → layout → PDF. Whatever the input, the pipeline returns either located errors
//! or a PDF that an independent parser (lopdf) reads back; it never panics.

mod common;

use std::sync::OnceLock;

use common::*;
use handout::model::Source;
use handout::run::{handout as build, Setup};
use proptest::prelude::*;

fn run() -> &'static Setup {
    static RUN: OnceLock<Setup> = OnceLock::new();
    RUN.get_or_init(|| {
        Setup::load(
            &root().join("handouts/brand.yaml"),
            None,
            Default::default(),
        )
        .expect("brand")
    })
}

/// Runs the pipeline on `text` as if it were `handouts/fuzz.yaml`.
fn check_pipeline(text: String) -> Result<(), TestCaseError> {
    let run = run();
    let metrics = run.metrics().expect("metrics");
    let source = Source {
        path: root().join("handouts").join("fuzz.yaml"),
        text,
    };
    match build::lay_out_source(run, &metrics, &source) {
        Err(problems) => {
            prop_assert!(!problems.is_empty());
            for p in &problems {
                // Every message names the file and renders without panicking.
                prop_assert!(p.to_string().contains("fuzz.yaml"), "{}", p);
            }
        }
        Ok(laid) => {
            let pdf = build::render(run, &laid).map_err(|d| TestCaseError::fail(d.to_string()))?;
            let doc = lopdf::Document::load_mem(&pdf)
                .map_err(|e| TestCaseError::fail(format!("lopdf cannot read our PDF: {e}")))?;
            prop_assert_eq!(doc.get_pages().len(), laid.pages.len());
        }
    }
    Ok(())
}

fn shipped_texts() -> Vec<String> {
    SHIPPED
        .iter()
        .map(|n| std::fs::read_to_string(root().join(format!("handouts/{n}.yaml"))).unwrap())
        .collect()
}

/// One edit to a YAML text: delete, insert or duplicate at a relative position.
#[derive(Debug, Clone)]
enum Edit {
    Delete(f64, usize),
    Insert(f64, String),
    DuplicateLine(f64),
}

fn edit() -> impl Strategy<Value = Edit> {
    let pos = 0.0..1.0f64;
    let payload = prop_oneof![
        Just(": ".to_string()),
        Just("- ".to_string()),
        Just("\n  ".to_string()),
        Just("\t".to_string()),
        Just("**".to_string()),
        Just("[".to_string()),
        Just("{".to_string()),
        Just("\"".to_string()),
        Just("&a ".to_string()),
        Just("*a".to_string()),
        Just("✓".to_string()),
        Just("ñ¿¡—".to_string()),
        Just("Pneumonoultramicroscopicsilicovolcanoconiosis".to_string()),
        "[a-z ]{0,12}",
        any::<String>().prop_map(|s| s.chars().take(8).collect()),
    ];
    prop_oneof![
        (pos.clone(), 1..20usize).prop_map(|(p, n)| Edit::Delete(p, n)),
        (pos.clone(), payload).prop_map(|(p, s)| Edit::Insert(p, s)),
        pos.prop_map(Edit::DuplicateLine),
    ]
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for e in edits {
        let at = |p: f64, len: usize| ((p * len as f64) as usize).min(len);
        match e {
            Edit::Delete(p, n) => {
                let start = at(*p, chars.len());
                let end = (start + n).min(chars.len());
                chars.drain(start..end);
            }
            Edit::Insert(p, s) => {
                let start = at(*p, chars.len());
                chars.splice(start..start, s.chars());
            }
            Edit::DuplicateLine(p) => {
                let s: String = chars.iter().collect();
                let lines: Vec<&str> = s.lines().collect();
                if lines.is_empty() {
                    continue;
                }
                let i = at(*p, lines.len() - 1);
                let mut out: Vec<&str> = lines.clone();
                out.insert(i, lines[i]);
                chars = (out.join("\n") + "\n").chars().collect();
            }
        }
    }
    chars.into_iter().collect()
}

proptest! {
    // 300 cases each by default; `PROPTEST_CASES=N` for a longer run.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(300),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn mutated_handouts_never_panic(which in 0..4usize, edits in prop::collection::vec(edit(), 1..6)) {
        let text = apply(&shipped_texts()[which], &edits);
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

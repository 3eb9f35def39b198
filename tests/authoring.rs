//! Authoring: templates, the JSON Schema, watch mode, and the Spanish handouts.

mod common;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

#[test]
fn a_new_handout_from_each_template_builds() {
    let repo = scratch_repo();
    for kind in ["checklist", "food-list", "plan", "info"] {
        let name = format!("x-{kind}");
        let r = handout(repo.path(), &["new", &name, "--kind", kind]);
        assert!(r.status.success(), "{}", stderr(&r));
        let file = format!("handouts/{name}.yaml");
        let r = handout(repo.path(), &["build", &file]);
        assert!(r.status.success(), "{kind}: {}", stderr(&r));
        assert!(repo.path().join(format!("output/{name}.pdf")).exists());
    }
    // Never overwrites.
    let before = std::fs::read(repo.path().join("handouts/x-plan.yaml")).unwrap();
    let r = handout(repo.path(), &["new", "x-plan", "--kind", "info"]);
    assert_eq!(r.status.code(), Some(2));
    assert!(stderr(&r).contains("already exists"), "{}", stderr(&r));
    assert_eq!(
        std::fs::read(repo.path().join("handouts/x-plan.yaml")).unwrap(),
        before
    );
}

#[test]
fn the_committed_schemas_match_the_generator() {
    for (file, generated) in [
        (
            "schema/handout.schema.json",
            handout::model::schema::handout(),
        ),
        ("schema/brand.schema.json", handout::model::schema::brand()),
    ] {
        let committed = std::fs::read_to_string(root().join(file)).unwrap();
        assert!(
            committed == generated,
            "{file} is stale: run `handout schema --write schema`"
        );
    }
    let out = handout(&root(), &["schema"]);
    assert_eq!(stdout(&out), handout::model::schema::handout());
}

fn yaml_to_json(path: &std::path::Path) -> serde_json::Value {
    let yaml: serde_yaml::Value =
        serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    serde_json::to_value(yaml).unwrap()
}

fn validator(file: &str) -> jsonschema::Validator {
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join(file)).unwrap()).unwrap();
    jsonschema::validator_for(&schema).expect("a valid JSON Schema")
}

#[test]
fn every_shipped_handout_and_the_brand_file_satisfy_the_schema() {
    let handouts = validator("schema/handout.schema.json");
    let mut checked = 0;
    for dir in ["handouts", "handouts/es"] {
        for entry in std::fs::read_dir(root().join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "yaml") || path.ends_with("brand.yaml") {
                continue;
            }
            let errors: Vec<String> = handouts
                .iter_errors(&yaml_to_json(&path))
                .map(|e| e.to_string())
                .collect();
            assert!(errors.is_empty(), "{}: {errors:?}", path.display());
            checked += 1;
        }
    }
    assert_eq!(checked, 8, "four English and four Spanish handouts");
    let brand = validator("schema/brand.schema.json");
    assert!(brand.is_valid(&yaml_to_json(&root().join("handouts/brand.yaml"))));
    // And the schema does refuse what the tool refuses.
    for bad in [
        serde_json::json!({"titel": "x", "blocks": []}),
        serde_json::json!({"title": "x", "blocks": [{"paragraf": "y"}]}),
        serde_json::json!({"title": "x", "blocks": [{"checklist": {"columns": ["a"], "itmes": ["b"]}}]}),
        serde_json::json!({"title": "x", "blocks": [{"image": {"path": "a.png", "width": "3 furlongs"}}]}),
    ] {
        assert!(!handouts.is_valid(&bad), "{bad}");
    }
}

#[test]
fn the_spanish_handouts_say_pagina_n_de_m_and_keep_their_accents() {
    let out = tempfile::tempdir().unwrap();
    let r = handout(
        &root(),
        &["build", "handouts/es", "-o", out.path().to_str().unwrap()],
    );
    assert!(r.status.success(), "{}", stderr(&r));
    for name in SHIPPED {
        let doc = lopdf::Document::load(out.path().join(format!("es/{name}.pdf"))).unwrap();
        let text = pdf_text(&doc);
        assert!(text.contains("Página 1 de"), "{name}: {text}");
        assert!(!text.contains("Page 1 of"), "{name}");
        assert!(
            text.contains("no es un diagnóstico médico oficial"),
            "{name}"
        );
        assert!(text.contains('¿'), "{name}: no ¿");
        let catalog = doc.catalog().unwrap();
        assert_eq!(catalog.get(b"Lang").unwrap().as_str().unwrap(), b"es");
    }
}

#[test]
#[ignore = "needs poppler-utils (pdftotext)"]
fn pdftotext_gives_back_spanish_accents_and_marks() {
    let out = tempfile::tempdir().unwrap();
    let r = handout(
        &root(),
        &["build", "handouts/es", "-o", out.path().to_str().unwrap()],
    );
    assert!(r.status.success(), "{}", stderr(&r));
    let mut all = String::new();
    for name in SHIPPED {
        let t = Command::new("pdftotext")
            .arg(out.path().join(format!("es/{name}.pdf")))
            .arg("-")
            .output()
            .unwrap();
        let text = stdout(&t);
        assert!(text.contains("Página 1 de"), "{name}");
        all.push_str(&text);
    }
    for c in ['á', 'é', 'í', 'ó', 'ú', 'ñ', '¿', '¡', '“', '”'] {
        assert!(all.contains(c), "{c} missing");
    }
}

/// Waits until `check` holds, for at most 20 s.
fn wait_for(mut check: impl FnMut() -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(20) {
        if check() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    false
}

#[test]
fn watch_rebuilds_on_a_save_and_survives_a_broken_file() {
    let repo = scratch_repo();
    let mut child = Command::new(env!("CARGO_BIN_EXE_handout"))
        .current_dir(repo.path())
        .args(["watch", "handouts/food-list.yaml"])
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let pdf = repo.path().join("output/food-list.pdf");
    let yaml = repo.path().join("handouts/food-list.yaml");
    let title_in_pdf = |title: &str| {
        lopdf::Document::load(&pdf)
            .ok()
            .is_some_and(|d| pdf_text(&d).contains(title))
    };
    let first = wait_for(|| title_in_pdf("Leaky Gut: Food List"));
    // A broken save: the watch reports it and goes on; the good PDF stays.
    let original = std::fs::read_to_string(&yaml).unwrap();
    std::fs::write(&yaml, original.replace("title:", "titel:")).unwrap();
    std::thread::sleep(Duration::from_millis(600));
    let still_good = title_in_pdf("Leaky Gut: Food List");
    // A good save: the new title appears in the PDF.
    std::fs::write(
        &yaml,
        original.replace("Leaky Gut: Food List", "Food List, Revised"),
    )
    .unwrap();
    let rebuilt = wait_for(|| title_in_pdf("Food List, Revised"));
    let alive = child.try_wait().unwrap().is_none();
    let _ = child.kill();
    let _ = child.wait();
    assert!(first, "the first build did not appear");
    assert!(still_good, "a broken save replaced the good PDF");
    assert!(rebuilt, "the save was not rebuilt");
    assert!(alive, "watch exited on an input error");
}

//! The PDFs under test, built once: the shipped handouts (standard and large print), a
//! filled-in copy, a print job, and handouts made for these tests.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use lopdf::Document;

use crate::common::*;

/// Everything built once for all the tests: (folder, every PDF in it).
pub fn built() -> &'static (tempfile::TempDir, Vec<PathBuf>) {
    static BUILT: OnceLock<(tempfile::TempDir, Vec<PathBuf>)> = OnceLock::new();
    BUILT.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let out = |sub: &str| dir.path().join(sub).to_string_lossy().into_owned();
        run(&root(), &["build", "-o", &out("standard")]);
        run(&root(), &["build", "--large-print", "-o", &out("large")]);
        run(
            &root(),
            &[
                "build",
                "handouts/stress-plan.yaml",
                "--set",
                "Name=Ana López",
                "-o",
                &out("copy"),
            ],
        );
        let csv = dir.path().join("day.csv");
        std::fs::write(&csv, DAY).unwrap();
        let job = dir.path().join("job").join("day.pdf");
        let (csv, job) = (csv.to_string_lossy(), job.to_string_lossy());
        let handouts = SHIPPED.map(|s| format!("handouts/{s}.yaml"));
        let mut args = vec!["build"];
        args.extend(handouts.iter().map(String::as_str));
        args.extend(["--data", &csv, "--one-file", &job, "--duplex"]);
        run(&root(), &args);
        write_fixtures(&dir.path().join("fixtures"));
        let brand = root().join("handouts/brand.yaml");
        let brand = brand.to_string_lossy();
        run(
            &dir.path().join("fixtures"),
            &["build", ".", "--brand", &brand, "-o", &out("made")],
        );
        let mut pdfs = Vec::new();
        find_pdfs(dir.path(), &mut pdfs);
        pdfs.sort();
        (dir, pdfs)
    })
}

/// A day at the front desk: both languages, large print, several handouts a patient.
const DAY: &str = "Patient name,Date,Handouts,Language,Large print\n\
    Ana López,2026-12-01,\"symptom-checklist; food-list\",,no\n\
    José Pérez,2026-12-01,\"symptom-checklist; stress-plan\",es,yes\n\
    Li Chen,2026-12-01,about-leaky-gut,,no\n";

/// Handouts the shipped ones do not cover: a picture that is decoration (`alt: ""`) beside
/// one that is described, and a checklist without a label over its items.
fn write_fixtures(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::copy(root().join("handouts/logo.png"), dir.join("leaf.png")).unwrap();
    let pictures = "title: Pictures\nblocks:\n\
        \x20 - text: A decorative picture follows.\n\
        \x20 - image: {path: leaf.png, width: 1in, alt: \"\"}\n\
        \x20 - text: A described picture follows.\n\
        \x20 - image: {path: leaf.png, width: 1in, alt: A green leaf in a circle}\n";
    std::fs::write(dir.join("pictures.yaml"), pictures).unwrap();
    let checklist = "title: Unlabelled checklist\nblocks:\n\
        \x20 - checklist:\n      columns: [Never, Often]\n      items: [Headache, Bloating]\n";
    std::fs::write(dir.join("unlabelled.yaml"), checklist).unwrap();
}

fn run(dir: &Path, args: &[&str]) {
    let out = handout(dir, args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
}

fn find_pdfs(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            find_pdfs(&path, out);
        } else if path.extension().is_some_and(|e| e == "pdf") {
            out.push(path);
        }
    }
}

/// Every PDF built, loaded, with its path relative to the build folder.
pub fn documents() -> Vec<(String, Document)> {
    let (dir, pdfs) = built();
    pdfs.iter()
        .map(|p| {
            let name = p.strip_prefix(dir.path()).unwrap().display().to_string();
            (name, Document::load(p).unwrap())
        })
        .collect()
}

pub fn document(name: &str) -> Document {
    Document::load(built().0.path().join(name)).unwrap()
}

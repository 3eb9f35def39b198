//! Helpers shared by the integration tests: paths, running the real binary, reading PDFs back.
#![allow(dead_code)]

pub mod font_tables;
pub mod lines;
pub mod mutate;
pub mod readers;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The shipped handouts, by file stem.
pub const SHIPPED: [&str; 4] = [
    "symptom-checklist",
    "food-list",
    "stress-plan",
    "about-leaky-gut",
];

/// The languages with a draft translation of [`DRAFTED`] (issue 15), by folder.
pub const DRAFT_LANGUAGES: [&str; 3] = ["zh-Hans", "vi", "ar"];

/// The handouts translated into [`DRAFT_LANGUAGES`].
pub const DRAFTED: [&str; 2] = ["symptom-checklist", "food-list"];

/// Every shipped handout file, relative to the repository, sorted: the four in English and
/// Spanish, two in each of the draft languages. 14 in all.
#[allow(dead_code)]
pub fn shipped_files() -> Vec<String> {
    let mut all: Vec<String> = SHIPPED
        .iter()
        .flat_map(|n| {
            [
                format!("handouts/{n}.yaml"),
                format!("handouts/es/{n}.yaml"),
            ]
        })
        .collect();
    for lang in DRAFT_LANGUAGES {
        all.extend(DRAFTED.iter().map(|n| format!("handouts/{lang}/{n}.yaml")));
    }
    all.sort();
    all
}

/// Runs the built `handout` binary in `dir` with `args`.
pub fn handout(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_handout"))
        .current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("the handout binary runs")
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A scratch copy of the repository's handouts/ and fonts/, so tests can add broken files.
pub fn scratch_repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for sub in ["handouts", "fonts"] {
        copy_dir(&root().join(sub), &dir.path().join(sub));
    }
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

/// All text of a PDF, as lopdf extracts it through the ToUnicode maps, whitespace collapsed.
pub fn pdf_text(doc: &lopdf::Document) -> String {
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = doc.extract_text(&pages).expect("text extracts");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

//! Bad input, one file per mistake, each with the exact message expected in a `.stderr` file
//! beside it (run with `BLESS=1` to rewrite them after a deliberate wording change, then
//! review the diff). Every case must exit non-zero, never panic, and leave the output folder
//! untouched.

mod common;

use std::path::{Path, PathBuf};

use common::*;

/// Run time in the summary line varies; everything else must match exactly.
fn normalise(stderr: &str) -> String {
    stderr
        .lines()
        .map(|l| match l.rfind(" failed in ") {
            Some(i) if l.ends_with(" ms") => format!("{} failed in <time>", &l[..i]),
            _ => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

fn cases(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files
}

fn compare(case: &Path, stderr: &str, failures: &mut Vec<String>) {
    let expected_file = case.with_extension("stderr");
    let got = normalise(stderr);
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&expected_file, &got).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&expected_file).unwrap_or_default();
    if got != expected {
        failures.push(format!(
            "{}:\n--- expected\n{expected}--- got\n{got}",
            case.display()
        ));
    }
}

#[test]
fn each_bad_handout_gets_its_exact_located_message() {
    let mut failures = Vec::new();
    let cases = cases("tests/bad");
    assert!(cases.len() >= 20, "the corpus shrank: {}", cases.len());
    for case in cases {
        let relative = case
            .strip_prefix(root())
            .unwrap()
            .to_str()
            .unwrap()
            .to_string();
        let out_dir = tempfile::tempdir().unwrap();
        let out = handout(
            &root(),
            &["build", &relative, "-o", out_dir.path().to_str().unwrap()],
        );
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{relative}: {err}");
        assert!(!err.contains("panicked"), "{relative}: {err}");
        let written: Vec<_> = std::fs::read_dir(out_dir.path()).unwrap().collect();
        assert!(written.is_empty(), "{relative}: wrote {written:?}");
        compare(&case, &err, &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn each_bad_brand_file_is_a_located_setup_error() {
    let mut failures = Vec::new();
    for case in cases("tests/bad/brand") {
        let relative = case
            .strip_prefix(root())
            .unwrap()
            .to_str()
            .unwrap()
            .to_string();
        let good = relative.ends_with("good.yaml");
        let out = handout(
            &root(),
            &["check", "--brand", &relative, "handouts/food-list.yaml"],
        );
        let err = stderr(&out);
        if good {
            // The control case: the same paths, unbroken, work.
            assert!(out.status.success(), "{relative}: {err}");
            continue;
        }
        assert_eq!(out.status.code(), Some(2), "{relative}: {err}");
        assert!(!err.contains("panicked"), "{relative}: {err}");
        compare(&case, &err, &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_parsing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("huge.yaml");
    let mut text = String::from("title: Huge\nblocks:\n");
    while text.len() <= 4 * 1024 * 1024 {
        text.push_str(
            "  - text: Several factors may contribute to increased intestinal permeability.\n",
        );
    }
    std::fs::write(&file, &text).unwrap();
    let out = handout(
        &root(),
        &[
            "check",
            file.to_str().unwrap(),
            "--brand",
            "handouts/brand.yaml",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("is larger than the limit of 4 MiB"), "{err}");
}

#[test]
fn the_output_path_being_a_file_is_a_setup_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-folder");
    std::fs::write(&file, "x").unwrap();
    let out = handout(&root(), &["build", "-o", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("the output path is a file, not a folder"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "x");
}

#[test]
fn an_unknown_page_size_flag_is_a_usage_error() {
    let out = handout(&root(), &["build", "--page-size", "legal"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("invalid value 'legal'"),
        "{}",
        stderr(&out)
    );
}

//! Personalised copies, CI mode and reproducibility, through the real binary.

mod common;

use common::*;
use lopdf::Document;

const FIRST: [&str; 10] = [
    "Ana", "José", "María", "Luis", "Zoë", "Renée", "Íñigo", "Sofía", "John", "Aisha",
];
const LAST: [&str; 10] = [
    "López",
    "García",
    "Smith",
    "O’Brien",
    "Müller",
    "Nuñez",
    "Peña",
    "Ibáñez",
    "Chen",
    "Okafor",
];

fn name(i: usize) -> String {
    format!("{} {}", FIRST[i % 10], LAST[(i / 10) % 10])
}

fn write_csv(dir: &std::path::Path, rows: usize) -> std::path::PathBuf {
    let mut csv = String::from("Patient name,Date\n");
    for i in 0..rows {
        csv.push_str(&format!("\"{}\",2026-12-{:02}\n", name(i), i % 28 + 1));
    }
    let path = dir.join("patients.csv");
    std::fs::write(&path, csv).unwrap();
    path
}

#[test]
fn a_thousand_personalised_copies_each_carry_their_own_name() {
    let dir = tempfile::tempdir().unwrap();
    let csv = write_csv(dir.path(), 1000);
    let out = dir.path().join("out");
    let result = handout(
        &root(),
        &[
            "build",
            "handouts/symptom-checklist.yaml",
            "--data",
            csv.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert!(result.status.success(), "{}", stderr(&result));
    assert!(
        stdout(&result).contains("1000 copies built, 0 failed"),
        "{}",
        stdout(&result)
    );
    // The summary says where the copies went.
    let into = format!(", into {}/\n", out.display());
    assert!(stdout(&result).ends_with(&into), "{}", stdout(&result));
    let files = std::fs::read_dir(&out).unwrap().count();
    assert_eq!(files, 1000);
    // Names and dates read back from a sample of the copies by an independent parser.
    for i in (0..1000).step_by(97) {
        let path = out.join(format!("symptom-checklist-{:04}.pdf", i + 1));
        let doc = Document::load(&path).unwrap();
        let text = pdf_text(&doc);
        assert!(
            text.contains(&name(i)),
            "copy {i}: {} missing from {text}",
            name(i)
        );
        assert!(
            text.contains(&format!("2026-12-{:02}", i % 28 + 1)),
            "copy {i}: date"
        );
        assert!(text.contains("Brain fog"), "copy {i}: the handout itself");
    }
}

#[test]
fn set_makes_one_named_copy() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    let result = handout(
        &root(),
        &[
            "build",
            "handouts/stress-plan.yaml",
            "--set",
            "Name=Ana López",
            "--set",
            "week starting=2026-12-07",
            "--name-template",
            "{stem}-{Name}",
            "-o",
            out,
        ],
    );
    assert!(result.status.success(), "{}", stderr(&result));
    let doc = Document::load(dir.path().join("stress-plan-ana-lópez.pdf")).unwrap();
    let text = pdf_text(&doc);
    assert!(
        text.contains("Ana López") && text.contains("2026-12-07"),
        "{text}"
    );
}

#[test]
fn data_that_does_not_fit_the_handout_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let csv = dir.path().join("bad.csv");
    std::fs::write(&csv, "Patient nme,Date\nAna,2026-12-01\n").unwrap();
    let run = |extra: &[&str]| {
        let mut args = vec![
            "build",
            "handouts/symptom-checklist.yaml",
            "-o",
            out.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        handout(&root(), &args)
    };
    // A column that fills no field is left out, with a warning and a suggestion; the copy
    // is still made (the patient's name line stays blank, to be written by hand). A CSV of
    // which no column fills any field would print only blank copies: an error.
    let r = run(&["--data", csv.to_str().unwrap()]);
    assert_eq!(r.status.code(), Some(0), "{}", stderr(&r));
    let err = stderr(&r);
    assert!(
        err.contains("warning: column `Patient nme` fills no field of the handouts"),
        "{err}"
    );
    assert!(err.contains("bad.csv:1:1"), "{err}");
    assert!(
        err.contains("did you mean `Patient nme` → `Patient name`?"),
        "{err}"
    );
    std::fs::remove_dir_all(&out).unwrap();
    std::fs::write(&csv, "Paciente;Fecha\nAna;2026-12-01\n").unwrap();
    let r = run(&["--data", csv.to_str().unwrap()]);
    assert_eq!(r.status.code(), Some(1), "{}", stderr(&r));
    let err = stderr(&r);
    assert!(err.contains("no column of the data fills a field"), "{err}");
    assert!(!out.exists() || std::fs::read_dir(&out).unwrap().count() == 0);

    // A label given on the command line that fills no field is a typo: a usage error.
    let r = run(&["--set", "Patient nme=Ana"]);
    assert_eq!(r.status.code(), Some(2));
    assert!(
        stderr(&r).contains("`Patient nme` is not a field of this handout"),
        "{}",
        stderr(&r)
    );

    let r = run(&[
        "--set",
        "Patient name=Ana",
        "--name-template",
        "{stem}-{MRN}",
    ]);
    assert_eq!(r.status.code(), Some(2));
    assert!(
        stderr(&r).contains("`{MRN}` names no column"),
        "{}",
        stderr(&r)
    );

    let r = run(&["--set", "no equals sign"]);
    assert_eq!(r.status.code(), Some(2));
    assert!(
        stderr(&r).contains("is not `Label=Value`"),
        "{}",
        stderr(&r)
    );

    // A handout without any fields cannot be personalised.
    let r = handout(
        &root(),
        &[
            "build",
            "handouts/about-leaky-gut.yaml",
            "--set",
            "Patient name=Ana",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(r.status.code(), Some(1));
    assert!(
        stderr(&r).contains("has no `fields` to fill in"),
        "{}",
        stderr(&r)
    );
    assert!(!out.exists() || std::fs::read_dir(&out).unwrap().count() == 0);
}

#[test]
fn a_row_the_font_cannot_print_fails_alone() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("p.csv");
    std::fs::write(&csv, "Patient name\nAna\nสมชาย ใจดี\nLuis\n").unwrap();
    let out = dir.path().join("out");
    let r = handout(
        &root(),
        &[
            "build",
            "handouts/symptom-checklist.yaml",
            "--data",
            csv.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(r.status.code(), Some(1));
    let err = stderr(&r);
    assert!(err.contains("U+0E2A") && err.contains("p.csv:3:1"), "{err}");
    assert!(err.contains("2 copies built, 1 failed"), "{err}");
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 2);
}

#[test]
fn copies_are_reproducible() {
    let dir = tempfile::tempdir().unwrap();
    let csv = write_csv(dir.path(), 5);
    let build = |sub: &str| {
        let out = dir.path().join(sub);
        let r = handout(
            &root(),
            &[
                "build",
                "handouts/symptom-checklist.yaml",
                "--data",
                csv.to_str().unwrap(),
                "-o",
                out.to_str().unwrap(),
                "-j",
                "2",
            ],
        );
        assert!(r.status.success(), "{}", stderr(&r));
        out
    };
    let (a, b) = (build("a"), build("b"));
    for i in 1..=5 {
        let f = format!("symptom-checklist-{i}.pdf");
        assert!(
            std::fs::read(a.join(&f)).unwrap() == std::fs::read(b.join(&f)).unwrap(),
            "{f}"
        );
    }
}

#[test]
fn json_report_for_ci() {
    let repo = scratch_repo();
    std::fs::write(
        repo.path().join("handouts/bad.yaml"),
        "title: x\nblocks:\n  - bulets: [a]\n",
    )
    .unwrap();
    let r = handout(repo.path(), &["build", "--check", "--format", "json"]);
    assert_eq!(r.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_str(&stdout(&r)).expect("stdout is JSON");
    assert_eq!(report["ok"], shipped_files().len(), "every shipped handout");
    assert_eq!(report["failed"], 1);
    let items = report["handouts"].as_array().unwrap();
    let bad = items
        .iter()
        .find(|h| h["path"] == "handouts/bad.yaml")
        .unwrap();
    assert_eq!(bad["ok"], false);
    assert_eq!(bad["errors"][0]["line"], 3);
    assert_eq!(bad["errors"][0]["column"], 5);
    assert_eq!(bad["errors"][0]["message"], "unknown block kind `bulets`");
    let good = items
        .iter()
        .find(|h| h["path"] == "handouts/food-list.yaml")
        .unwrap();
    assert_eq!(good["pages"], 1);
    assert!(good["milliseconds"].as_f64().unwrap() > 0.0);
    assert!(
        !repo.path().join("output").exists(),
        "--check writes nothing"
    );

    let r = handout(
        repo.path(),
        &["build", "handouts/food-list.yaml", "--format", "json"],
    );
    let report: serde_json::Value = serde_json::from_str(&stdout(&r)).unwrap();
    assert!(report["handouts"][0]["bytes"].as_u64().unwrap() > 1000);
    assert_eq!(report["handouts"][0]["output"], "output/food-list.pdf");
}

#[test]
fn shards_split_the_batch_without_overlap() {
    let repo = scratch_repo();
    let mut seen = Vec::new();
    for k in 1..=3 {
        let shard = format!("{k}/3");
        let r = handout(
            repo.path(),
            &["check", "--shard", &shard, "--format", "json"],
        );
        assert!(r.status.success(), "{}", stderr(&r));
        let report: serde_json::Value = serde_json::from_str(&stdout(&r)).unwrap();
        for h in report["handouts"].as_array().unwrap() {
            seen.push(h["path"].as_str().unwrap().to_string());
        }
    }
    seen.sort();
    assert_eq!(seen, shipped_files());
    let r = handout(repo.path(), &["check", "--shard", "4/3"]);
    assert_eq!(r.status.code(), Some(2));
}

#[test]
fn dates_come_from_reviewed_or_source_date_epoch_never_the_clock() {
    let repo = scratch_repo();
    let file = repo.path().join("handouts/dated.yaml");
    std::fs::write(
        &file,
        "title: T\nreviewed: 2026-11-01\nblocks:\n  - text: hi\n",
    )
    .unwrap();
    let creation = |doc: &Document| -> Option<String> {
        let info = doc.trailer.get(b"Info").ok()?.as_reference().ok()?;
        let d = doc.get_dictionary(info).ok()?.get(b"CreationDate").ok()?;
        Some(String::from_utf8_lossy(d.as_str().ok()?).into_owned())
    };
    assert!(handout(repo.path(), &["build", "handouts/dated.yaml"])
        .status
        .success());
    let doc = Document::load(repo.path().join("output/dated.pdf")).unwrap();
    assert_eq!(creation(&doc).as_deref(), Some("D:20261101000000Z"));

    let r = std::process::Command::new(env!("CARGO_BIN_EXE_handout"))
        .current_dir(repo.path())
        .args(["build", "handouts/food-list.yaml"])
        .env("SOURCE_DATE_EPOCH", "1795996800")
        .output()
        .unwrap();
    assert!(r.status.success());
    let doc = Document::load(repo.path().join("output/food-list.pdf")).unwrap();
    assert_eq!(creation(&doc).as_deref(), Some("D:20261130000000Z"));

    let r = std::process::Command::new(env!("CARGO_BIN_EXE_handout"))
        .current_dir(repo.path())
        .args(["build", "handouts/food-list.yaml"])
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap();
    assert!(r.status.success());
    let doc = Document::load(repo.path().join("output/food-list.pdf")).unwrap();
    assert_eq!(creation(&doc), None, "no date rather than the clock");
}

#[test]
fn packets_give_each_row_its_handouts_language_and_edition() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let csv = dir.path().join("today.csv");
    // As a scheduling system exports it: `;`, CRLF, an extra column, a blank row.
    std::fs::write(
        &csv,
        "Patient name;Date;DOB;Handouts;Language;Large print\r\n\
         Ana López;2026-12-01;1950-01-01;;;\r\n\
         José Núñez;2026-12-01;1960-02-02;food-list;es;yes\r\n\
         ;;;;;\r\n\
         Bob Smith;2026-12-01;;stress-plan;;\r\n\
         Zoë Adams;2026-12-01;;food-list;fr;\r\n",
    )
    .unwrap();
    let r = handout(
        &root(),
        &[
            "build",
            "handouts/symptom-checklist.yaml",
            "handouts/food-list.yaml",
            "--data",
            csv.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(r.status.code(), Some(1), "two rows fail: {}", stderr(&r));
    let err = stderr(&r);
    assert!(
        err.contains("today.csv:5:1"),
        "Bob's row names its line: {err}"
    );
    assert!(err.contains("`Handouts` names `stress-plan`"), "{err}");
    assert!(
        err.contains("there is no `fr` version of `food-list`"),
        "{err}"
    );
    assert!(err.contains("today.csv:6:1"), "{err}");
    assert!(err.contains("1 blank row skipped (line 4)"), "{err}");
    assert!(err.contains("column `DOB` fills no field"), "{err}");
    let mut made: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    made.sort();
    assert_eq!(
        made,
        [
            "food-list-1.pdf",
            "food-list-2-large.pdf",
            "symptom-checklist-1.pdf"
        ]
    );
    // José's copy is the Spanish food list, in large print, with his name in `Nombre`.
    let doc = lopdf::Document::load(out.join("food-list-2-large.pdf")).unwrap();
    let text = pdf_text(&doc);
    assert!(text.contains("Nombre José Núñez"), "{text}");
    assert!(text.contains("Página 1 de"), "{text}");
    let doc = lopdf::Document::load(out.join("symptom-checklist-1.pdf")).unwrap();
    assert!(pdf_text(&doc).contains("Ana López"));
}

#[test]
fn copies_go_to_a_folder_of_the_day_never_beside_the_masters() {
    let repo = scratch_repo();
    std::fs::write(
        repo.path().join("today.csv"),
        "Patient name,Date\nAna López,2026-12-01\n",
    )
    .unwrap();
    let r = handout(
        repo.path(),
        &[
            "build",
            "handouts/symptom-checklist.yaml",
            "--data",
            "today.csv",
        ],
    );
    assert!(r.status.success(), "{}", stderr(&r));
    let today = jiff::Zoned::now().date().to_string();
    let day = repo.path().join("output/copies").join(&today);
    assert!(day.join("symptom-checklist-1.pdf").exists(), "{today}");
    let beside_masters: Vec<_> = std::fs::read_dir(repo.path().join("output"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(beside_masters, ["copies"], "nothing else in output/");
    // The file name carries no patient data unless the template asks for it.
    let names = std::fs::read_dir(&day).unwrap().count();
    assert_eq!(names, 1);
}

#[test]
fn long_names_shrink_then_wrap_and_never_fail() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("names.csv");
    let long =
        "Anna-Katharina Ottilie Wilhelmine von Hohenzollern-Sigmaringen de la Torre y Mendoza";
    assert!(long.chars().count() >= 80);
    std::fs::write(
        &csv,
        format!(
            "Patient name,Date\nAna López,0\n\"María de los Ángeles Rodríguez-Hernández\",1\n\"{long}\",2\n"
        ),
    )
    .unwrap();
    for edition in [None, Some("--large-print")] {
        let out = dir.path().join(format!("out{}", edition.unwrap_or("")));
        let mut args = vec![
            "build",
            "handouts/symptom-checklist.yaml",
            "handouts/es/food-list.yaml",
            "--data",
            csv.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ];
        args.extend(edition);
        let r = handout(&root(), &args);
        assert!(r.status.success(), "{edition:?}: {}", stderr(&r));
        let suffix = if edition.is_some() { "-large" } else { "" };
        let doc =
            lopdf::Document::load(out.join(format!("symptom-checklist-3{suffix}.pdf"))).unwrap();
        let text = pdf_text(&doc);
        // Longer than the first row's copy (whose characters the fonts' subsets were made
        // from), it still says which page of how many.
        let pages = doc.get_pages().len();
        let label = format!("Page {pages} of {pages}");
        assert!(text.contains(&label), "{edition:?}: no {label} in {text}");
        // Every word of the name is printed, however it was shrunk or wrapped.
        for word in long.split_whitespace() {
            assert!(
                text.contains(word),
                "{edition:?}: {word} missing from {text}"
            );
        }
    }
}

//! The command line as a user meets it: exit codes, messages, and files left behind.

mod common;

use common::*;

#[test]
fn build_reports_each_handout_and_a_summary() {
    let repo = scratch_repo();
    let out = handout(repo.path(), &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    for name in SHIPPED {
        assert!(
            text.contains(&format!("handouts/{name}.yaml → output/{name}.pdf (")),
            "{text}"
        );
        assert!(repo.path().join(format!("output/{name}.pdf")).exists());
    }
    assert!(
        text.contains(&format!("{} built, 0 failed", shipped_files().len())),
        "four English, four Spanish, two in each draft language: {text}"
    );
}

#[test]
fn check_validates_without_writing() {
    let repo = scratch_repo();
    let out = handout(repo.path(), &["check"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains(&format!("{} checked, 0 failed", shipped_files().len())),
        "{}",
        stdout(&out)
    );
    assert!(!repo.path().join("output").exists(), "check must not write");
}

#[test]
fn list_shows_titles() {
    let out = handout(&root(), &["list"]);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(
        text.contains("handouts/food-list.yaml\tLeaky Gut: Food List"),
        "{text}"
    );
    let listed: Vec<&str> = text.lines().filter_map(|l| l.split('\t').next()).collect();
    assert_eq!(
        listed,
        shipped_files(),
        "every shipped handout, and brand.yaml is not one: {text}"
    );
}

#[test]
fn a_typo_is_located_and_suggested_and_the_good_handouts_still_build() {
    let repo = scratch_repo();
    let broken = repo.path().join("handouts/food-list.yaml");
    // A good PDF from an earlier build must survive a failed rebuild untouched.
    assert!(handout(repo.path(), &["build", "handouts/food-list.yaml"])
        .status
        .success());
    let good = std::fs::read(repo.path().join("output/food-list.pdf")).unwrap();
    let yaml = std::fs::read_to_string(&broken)
        .unwrap()
        .replacen("title:", "titel:", 1);
    std::fs::write(&broken, yaml).unwrap();

    let out = handout(repo.path(), &["build"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("error: unknown key `titel`"), "{err}");
    assert!(err.contains("--> handouts/food-list.yaml:2:1"), "{err}");
    assert!(err.contains("2 | titel: \"Leaky Gut: Food List\""), "{err}");
    assert!(err.contains("help: did you mean `title`?"), "{err}");
    let built = shipped_files().len() - 1;
    assert!(err.contains(&format!("{built} built, 1 failed")), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(
        std::fs::read(repo.path().join("output/food-list.pdf")).unwrap(),
        good
    );
    let leftovers: Vec<_> = std::fs::read_dir(repo.path().join("output"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.contains("tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn an_unknown_block_kind_and_a_bad_length_are_located() {
    let repo = scratch_repo();
    let file = repo.path().join("handouts/bad.yaml");
    std::fs::write(
        &file,
        "title: T\nblocks:\n  - heading: H\n  - bulets: [a, b]\n",
    )
    .unwrap();
    let out = handout(repo.path(), &["check", "handouts/bad.yaml"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("unknown block kind `bulets`"), "{err}");
    assert!(err.contains("bad.yaml:4:5"), "{err}");
    assert!(err.contains("did you mean `bullets`?"), "{err}");

    std::fs::write(
        &file,
        "title: T\nblocks:\n  - image: {path: ../handouts/logo.png, width: 3 furlongs}\n",
    )
    .unwrap();
    let err = stderr(&handout(repo.path(), &["check", "handouts/bad.yaml"]));
    assert!(err.contains("invalid length `3 furlongs`"), "{err}");
    assert!(err.contains("bad.yaml:3:"), "{err}");
}

#[test]
fn a_missing_image_names_the_block() {
    let repo = scratch_repo();
    let file = repo.path().join("handouts/bad.yaml");
    std::fs::write(
        &file,
        "title: T\nblocks:\n  - text: hi\n  - image: {path: nope.png}\n",
    )
    .unwrap();
    let out = handout(repo.path(), &["check", "handouts/bad.yaml"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("cannot read image"), "{err}");
    assert!(err.contains("bad.yaml:4:13"), "{err}");
    assert!(err.contains("blocks[1].image.path"), "{err}");
}

#[test]
fn a_character_the_font_lacks_is_refused_by_name() {
    let repo = scratch_repo();
    let file = repo.path().join("handouts/bad.yaml");
    std::fs::write(&file, "title: T\nblocks:\n  - text: Tick ✓ here\n").unwrap();
    let err = stderr(&handout(repo.path(), &["check", "handouts/bad.yaml"]));
    assert!(err.contains("U+2713"), "{err}");
    assert!(err.contains("bad.yaml:3:16"), "{err}");
}

#[test]
fn images_keep_their_aspect_ratio() {
    let repo = scratch_repo();
    let file = repo.path().join("handouts/pic.yaml");
    std::fs::write(
        &file,
        "title: T\nblocks:\n  - image: {path: logo.png, width: 2in}\n",
    )
    .unwrap();
    let out = handout(repo.path(), &["build", "handouts/pic.yaml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(repo.path().join("output/pic.pdf").exists());
}

#[test]
fn a_missing_brand_file_is_a_setup_error() {
    let repo = scratch_repo();
    let out = handout(repo.path(), &["build", "--brand", "nope.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("nope.yaml"), "{}", stderr(&out));
}

#[test]
fn help_has_examples_and_exit_codes() {
    let out = handout(&root(), &["build", "--help"]);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(
        text.contains("Examples:") && text.contains("Exit codes:"),
        "{text}"
    );
}

#[test]
fn warnings_are_located_and_in_json_too() {
    let repo = scratch_repo();
    std::fs::copy(
        root().join("handouts/logo.png"),
        repo.path().join("handouts/picture.png"),
    )
    .unwrap();
    let file = repo.path().join("handouts/warn.yaml");
    std::fs::write(
        &file,
        "title: Warnings\nlang: de\nblocks:\n  - text: Hello.\n  - image: {path: picture.png}\n",
    )
    .unwrap();
    let out = handout(repo.path(), &["build", "handouts/warn.yaml"]);
    assert!(
        out.status.success(),
        "warnings do not fail a build: {}",
        stderr(&out)
    );
    let err = stderr(&out);
    assert!(
        err.contains("warning: the tool has no words of its own in `de`")
            && err.contains("--> handouts/warn.yaml:2:7")
            && err.contains("languages available: `en` English, `es` Spanish"),
        "{err}"
    );
    assert!(
        err.contains("warning: this picture has no `alt:` text")
            && err.contains("--> handouts/warn.yaml:5:5"),
        "{err}"
    );
    let out = handout(
        repo.path(),
        &["check", "handouts/warn.yaml", "--format", "json"],
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let warnings = &json["handouts"][0]["warnings"];
    assert_eq!(warnings.as_array().map(Vec::len), Some(2), "{json}");
    assert_eq!(warnings[0]["severity"], "warning");
    assert_eq!(warnings[0]["origin"], "file");
    assert_eq!(warnings[0]["field"], "lang");
    assert_eq!(
        (warnings[0]["line"].clone(), warnings[0]["column"].clone()),
        (2.into(), 7.into())
    );
    assert_eq!(warnings[1]["field"], "blocks[1].image");
}

#[test]
fn json_is_printed_even_when_setup_fails() {
    let repo = scratch_repo();
    let out = handout(
        repo.path(),
        &["build", "--brand", "missing.yaml", "--format", "json"],
    );
    assert_eq!(out.status.code(), Some(2));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("a JSON document");
    assert_eq!(json["error"]["file"], "missing.yaml");
    assert_eq!(json["error"]["origin"], "file");
    assert_eq!(json["ok"], 0);
    // A bad flag value is blamed on the flag, not on a file.
    let out = handout(
        repo.path(),
        &["build", "--set", "no equals", "--format", "json"],
    );
    assert_eq!(out.status.code(), Some(2));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("a JSON document");
    assert_eq!(json["error"]["origin"], "flag");
    assert_eq!(json["error"]["file"], "--set");
}

#[test]
fn a_closed_standard_output_ends_the_run_quietly() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let repo = scratch_repo();
    let mut child = Command::new(env!("CARGO_BIN_EXE_handout"))
        .current_dir(repo.path())
        .args(["build", "--format", "json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Close our end of the pipe before the report is printed, as `| head -c 0` would.
    drop(child.stdout.take());
    let status = child.wait().unwrap();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(status.code(), Some(0), "{err}");
}

#[cfg(unix)]
#[test]
fn sigterm_mid_batch_leaves_no_temporary_files() {
    use std::process::{Command, Stdio};
    let repo = scratch_repo();
    let mut csv = String::from("Patient name,Date\n");
    for i in 0..3000 {
        csv.push_str(&format!("Patient {i},2026-12-01\n"));
    }
    std::fs::write(repo.path().join("p.csv"), csv).unwrap();
    let out = repo.path().join("copies");
    let mut child = Command::new(env!("CARGO_BIN_EXE_handout"))
        .current_dir(repo.path())
        .args([
            "build",
            "handouts/symptom-checklist.yaml",
            "--data",
            "p.csv",
            "-j",
            "1",
        ])
        .args(["-o", "copies"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Wait until copies are being written, then stop the run as a service manager would.
    let started = std::time::Instant::now();
    while std::fs::read_dir(&out).map_or(0, |d| d.count()) < 20 {
        assert!(started.elapsed().as_secs() < 60, "no copies written");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    assert_eq!(
        status.code(),
        Some(130),
        "interrupted, not finished: {status:?}"
    );
    let names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.len() < 3000, "the run was stopped early");
    let temporary: Vec<&String> = names.iter().filter(|n| !n.ends_with(".pdf")).collect();
    assert!(temporary.is_empty(), "left behind: {temporary:?}");
}

#[test]
fn a_byte_order_mark_and_decomposed_accents_are_read_as_text() {
    let repo = scratch_repo();
    // A BOM (Windows editors) before the first key, and "José" with a combining accent (macOS).
    let yaml = "\u{feff}title: Jose\u{301}'s page\nblocks:\n  - text: Hello.\n";
    std::fs::write(repo.path().join("handouts/bom.yaml"), yaml).unwrap();
    let out = handout(repo.path(), &["build", "handouts/bom.yaml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc = lopdf::Document::load(repo.path().join("output/bom.pdf")).unwrap();
    let text = pdf_text(&doc);
    assert!(text.contains("Jos\u{e9}'s page"), "{text}");
}

#[test]
fn what_the_header_cuts_or_leaves_out_is_a_located_warning_told_once() {
    let repo = scratch_repo();
    let brand = repo.path().join("handouts/brand.yaml");
    let text = std::fs::read_to_string(&brand).unwrap();
    let long_url = format!("https://greenleafclinic.example/{}", "a".repeat(200));
    let text = text
        .replace(
            "clinic: The Green Leaf Clinic",
            "clinic: The Green Leaf Clinic of Functional and Integrative Medicine for Families",
        )
        .replace("https://greenleafclinic.example/leaky-gut", &long_url);
    std::fs::write(&brand, text).unwrap();
    let out = handout(repo.path(), &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert_eq!(
        err.matches("warning: the clinic name is longer than the header has room for")
            .count(),
        1,
        "told once for the eight handouts: {err}"
    );
    assert!(err.contains("--> handouts/brand.yaml:3:1"), "{err}");
    assert!(
        err.contains("too small to scan from paper (at least 1.2 pt); the QR code is left out")
            && err.contains("in `qr`"),
        "{err}"
    );
}

#[test]
fn watching_a_path_that_is_not_there_stops_at_once() {
    let repo = scratch_repo();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_handout"))
        .current_dir(repo.path())
        .args(["watch", "nodir/"])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed().as_secs() > 20 {
            let _ = child.kill();
            panic!("`watch nodir/` kept running");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(2));
}

#[cfg(unix)]
#[test]
fn schema_write_replaces_a_link_instead_of_writing_through_it() {
    let repo = scratch_repo();
    let victim = repo.path().join("victim.txt");
    std::fs::write(&victim, "precious").unwrap();
    let dir = repo.path().join("schemas");
    std::fs::create_dir(&dir).unwrap();
    std::os::unix::fs::symlink(&victim, dir.join("handout.schema.json")).unwrap();
    let out = handout(repo.path(), &["schema", "--write", "schemas"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    let written = std::fs::read_to_string(dir.join("handout.schema.json")).unwrap();
    assert!(written.contains("\"title\": \"handout\""), "{written}");
}

#[test]
fn too_many_workers_are_lowered_with_a_warning() {
    let repo = scratch_repo();
    let out = handout(repo.path(), &["check", "-j", "60000"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("warning: 60000 workers is more than this machine can use;"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn a_handout_built_alone_mirrors_its_path_and_works_from_any_folder() {
    let repo = scratch_repo();
    let out = handout(repo.path(), &["build", "handouts/es/food-list.yaml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(repo.path().join("output/es/food-list.pdf").exists());
    assert!(
        !repo.path().join("output/food-list.pdf").exists(),
        "the Spanish handout must not take the English one's place"
    );
    // From another folder: the brand file is found beside the handout.
    let elsewhere = tempfile::tempdir().unwrap();
    let file = repo.path().join("handouts/food-list.yaml");
    let out = handout(elsewhere.path(), &["build", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(elsewhere.path().join("output/food-list.pdf").exists());
    // Nothing to find: the error says where it looked and what to do.
    let lonely = elsewhere.path().join("lonely.yaml");
    std::fs::copy(&file, &lonely).unwrap();
    let out = handout(elsewhere.path(), &["build", "lonely.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("no brand file found; looked for `brand.yaml`")
            && err.contains("`handouts/brand.yaml`")
            && err.contains("help: name one with `--brand FILE`"),
        "{err}"
    );
}

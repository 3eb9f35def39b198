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
        text.contains("8 built, 0 failed"),
        "four English and four Spanish: {text}"
    );
}

#[test]
fn check_validates_without_writing() {
    let repo = scratch_repo();
    let out = handout(repo.path(), &["check"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("8 checked, 0 failed"),
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
    assert_eq!(
        text.lines().count(),
        8,
        "four English, four Spanish, and brand.yaml is not a handout: {text}"
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
    assert!(err.contains("7 built, 1 failed"), "{err}");
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

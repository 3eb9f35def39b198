//! Inputs a run refuses up front, with a located message rather than a broken PDF: fonts that
//! cannot set text, web addresses that are not, a `SOURCE_DATE_EPOCH` no PDF date can hold.

mod common;

use std::path::Path;

use common::font_tables::{cmap_of, with_table, with_zero_advance, without_table};
use common::*;

const REGULAR: &str = "AtkinsonHyperlegible-Regular.ttf";

/// Writes `font` as `fonts/Derived.ttf` of a scratch repository and points the brand's
/// `fonts.<face>` at it; the result of `handout check` there.
fn check_with_font(face: &str, font: &[u8]) -> std::process::Output {
    let repo = scratch_repo();
    std::fs::write(repo.path().join("fonts/Derived.ttf"), font).unwrap();
    let brand_path = repo.path().join("handouts/brand.yaml");
    let brand = std::fs::read_to_string(&brand_path).unwrap();
    let line = brand
        .lines()
        .find(|l| l.trim_start().starts_with(&format!("{face}: ")))
        .expect("the brand names the font");
    let indent = &line[..line.len() - line.trim_start().len()];
    let brand = brand.replace(line, &format!("{indent}{face}: ../fonts/Derived.ttf"));
    std::fs::write(&brand_path, brand).unwrap();
    handout(repo.path(), &["check", "handouts/food-list.yaml"])
}

fn shipped_font(name: &str) -> Vec<u8> {
    std::fs::read(root().join("fonts").join(name)).unwrap()
}

/// The line of `handouts/brand.yaml` that names the font of `face`, 1-based.
fn font_line(face: &str) -> usize {
    let brand = std::fs::read_to_string(root().join("handouts/brand.yaml")).unwrap();
    1 + brand
        .lines()
        .position(|l| l.trim_start().starts_with(&format!("{face}: ")))
        .unwrap()
}

/// Asserts a setup error (exit 2) at the brand's `fonts.<face>` saying `what` is missing.
fn assert_font_refused(out: &std::process::Output, face: &str, what: &str) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    let font = Path::new("handouts/../fonts/Derived.ttf").display();
    assert!(
        err.contains(&format!(
            "error: font `{font}` cannot set text: it has {what}\n"
        )),
        "{err}"
    );
    let place = format!("--> handouts/brand.yaml:{}:3", font_line(face));
    assert!(err.contains(&place), "expected {place} in:\n{err}");
    assert!(err.contains(&format!("in `fonts.{face}`")), "{err}");
}

#[test]
fn the_derived_fonts_differ_only_in_what_each_test_removes() {
    // The control: the editing itself leaves a font that sets text.
    let font = shipped_font(REGULAR);
    let same = with_table(&font, b"cmap", common::font_tables::table(&font, b"cmap"));
    let out = check_with_font("regular", &same);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn a_font_without_horizontal_metrics_is_refused_at_its_key() {
    let font = without_table(&shipped_font(REGULAR), b"hmtx");
    let out = check_with_font("regular", &font);
    assert_font_refused(&out, "regular", "no horizontal metrics (`hmtx` table)");
}

#[test]
fn a_font_without_a_space_glyph_is_refused_at_its_key() {
    let font = shipped_font("AtkinsonHyperlegible-Bold.ttf");
    let letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.,";
    let font = with_table(&font, b"cmap", &cmap_of(&font, letters));
    let out = check_with_font("bold", &font);
    assert_font_refused(&out, "bold", "no glyph for the space character");
}

#[test]
fn a_font_whose_space_has_no_width_is_refused() {
    let font = with_zero_advance(&shipped_font(REGULAR), ' ');
    let out = check_with_font("regular", &font);
    assert_font_refused(&out, "regular", "a space character of no width");
}

#[test]
fn a_font_lacking_both_names_both() {
    let font = shipped_font(REGULAR);
    let font = with_table(&font, b"cmap", &cmap_of(&font, "abc"));
    let font = without_table(&font, b"hmtx");
    let out = check_with_font("regular", &font);
    assert_font_refused(
        &out,
        "regular",
        "no horizontal metrics (`hmtx` table) and no glyph for the space character",
    );
}

/// `handout build handouts/food-list.yaml` in a scratch repository with `SOURCE_DATE_EPOCH`
/// set to `value`.
fn build_with_epoch(repo: &Path, value: &str) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_handout"))
        .current_dir(repo)
        .args(["build", "handouts/food-list.yaml"])
        .env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", value)
        .output()
        .unwrap()
}

/// The info dictionary's `CreationDate` of a PDF.
fn creation_date(pdf: &Path) -> String {
    let doc = lopdf::Document::load(pdf).unwrap();
    let info = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let date = doc
        .get_dictionary(info)
        .unwrap()
        .get(b"CreationDate")
        .unwrap();
    String::from_utf8_lossy(date.as_str().unwrap()).into_owned()
}

#[test]
fn source_date_epoch_up_to_9999_12_31_dates_the_pdf() {
    let repo = scratch_repo();
    let out = build_with_epoch(repo.path(), "253402300799");
    assert!(out.status.success(), "{}", stderr(&out));
    let pdf = repo.path().join("output/food-list.pdf");
    assert_eq!(creation_date(&pdf), "D:99991231000000Z");
}

#[test]
fn source_date_epoch_beyond_year_9999_is_a_setup_error_naming_it() {
    for value in ["253402300800", "99999999999999", "tomorrow", "-5"] {
        let repo = scratch_repo();
        let out = build_with_epoch(repo.path(), value);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{value}: {err}");
        assert!(
            err.starts_with("error: `SOURCE_DATE_EPOCH` "),
            "{value}: {err}"
        );
        assert!(err.contains("--> SOURCE_DATE_EPOCH\n"), "{value}: {err}");
        assert!(
            !repo.path().join("output").exists(),
            "{value}: wrote output"
        );
    }
}

//! Brand files, mutations of the shipped one, through [`Setup::load`]: never a panic; a
//! located error in the brand file, or a setup that lays out and writes a handout.

use std::sync::OnceLock;

use handout::layout::Edition;
use handout::model::PageSize;
use handout::run::{handout as build, Setup};
use proptest::prelude::*;

use super::common::mutate::{apply, edit, Edit};
use super::common::root;
use super::{assert_located, cases, edition_and_size, fail};

/// The shipped brand file with its paths made absolute, so it can be mutated and written
/// anywhere.
fn brand_text() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        let text = std::fs::read_to_string(root().join("handouts/brand.yaml")).unwrap();
        let handouts = root().join("handouts");
        text.replace(
            "logo: logo.png",
            &format!("logo: {}/logo.png", handouts.display()),
        )
        .replace("../fonts/", &format!("{}/", root().join("fonts").display()))
    })
}

/// A value for a brand key: what our types refuse or must survive (addresses, colours,
/// paths to the wrong kind of file, very long text), or random text.
fn brand_value() -> impl Strategy<Value = String> {
    let fonts = root().join("fonts").display().to_string();
    let handouts = root().join("handouts").display().to_string();
    let values: Vec<String> = [
        "",
        "\"\"",
        "javascript:alert(1)",
        "https://",
        "https://example.org/a b",
        "x",
        "example.org/path",
        "#000000",
        "#FFFFFF",
        "#FFFF00",
        "a4",
        "legal",
        "1e9",
        "null",
        "[]",
        "ñ¿¡—✓",
        "e\u{301}",
        "/dev/zero",
        "/",
        "missing.ttf",
    ]
    .iter()
    .map(|v| v.to_string())
    .chain([
        format!("{fonts}/AtkinsonHyperlegible-Bold.ttf"),
        format!("{handouts}/logo.png"),
        format!("{fonts}/OFL.txt"),
        "W".repeat(400),
        "word ".repeat(200),
    ])
    .collect();
    prop_oneof![
        6 => prop::sample::select(values),
        1 => any::<String>().prop_map(|s| s.chars().take(12).collect()),
    ]
}

/// One change to a brand file: the value of its n-th `key: value` line (relative position)
/// replaced, or a random edit of its text.
#[derive(Debug, Clone)]
enum BrandEdit {
    Value(f64, String),
    Text(Edit),
}

fn brand_edit() -> impl Strategy<Value = BrandEdit> {
    prop_oneof![
        3 => (0.0..1.0f64, brand_value()).prop_map(|(at, v)| BrandEdit::Value(at, v)),
        1 => edit().prop_map(BrandEdit::Text),
    ]
}

fn apply_brand(text: &str, edits: &[BrandEdit]) -> String {
    let mut text = text.to_string();
    for e in edits {
        text = match e {
            BrandEdit::Text(edit) => apply(&text, std::slice::from_ref(edit)),
            BrandEdit::Value(at, value) => {
                let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
                let keyed: Vec<usize> = (0..lines.len())
                    .filter(|&i| lines[i].contains(": "))
                    .collect();
                if let Some(&i) = keyed.get((at * keyed.len() as f64) as usize) {
                    let key = lines[i].split_once(": ").map_or("", |(k, _)| k).to_string();
                    lines[i] = format!("{key}: {value}");
                }
                lines.join("\n") + "\n"
            }
        };
    }
    text
}

/// `Setup::load` on a mutated brand file: a located error in it, or a setup that lays out and
/// writes a handout.
fn check_brand(text: &str, (edition, size): (Edition, PageSize)) -> Result<bool, TestCaseError> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("brand.yaml");
    std::fs::write(&path, text).unwrap();
    let setup = match Setup::load(&path, Some(size), edition) {
        Ok(setup) => setup,
        Err(d) => {
            prop_assert_eq!(&d.file, &path, "{}", d);
            assert_located(&[d], &["brand.yaml"])?;
            return Ok(false);
        }
    };
    let metrics = setup.metrics().map_err(|d| fail(&d))?;
    let input = root().join("handouts/symptom-checklist.yaml");
    match build::lay_out(&setup, &metrics, &input) {
        Err(problems) => assert_located(&problems, &["brand.yaml", "symptom-checklist.yaml"])?,
        Ok(laid) => {
            let pdf = build::render(&setup, &laid).map_err(|d| fail(&d))?;
            let doc = lopdf::Document::load_mem(&pdf)
                .map_err(|e| TestCaseError::fail(format!("lopdf cannot read our PDF: {e}")))?;
            prop_assert_eq!(doc.get_pages().len(), laid.pages.len());
        }
    }
    Ok(true)
}

proptest! {
    #![proptest_config(cases(64))]

    #[test]
    fn mutated_brand_files_load_with_located_errors_or_build(
        edits in prop::collection::vec(brand_edit(), 1..4),
        look in edition_and_size(),
    ) {
        check_brand(&apply_brand(brand_text(), &edits), look)?;
    }
}

#[test]
fn the_brand_property_builds_with_the_unmutated_brand() {
    // Its happy path: the shipped brand, paths made absolute, loads and builds.
    let look = (Edition::default(), PageSize::Letter);
    assert_eq!(
        check_brand(brand_text(), look).map_err(|e| e.to_string()),
        Ok(true)
    );
    let broken = brand_text().replace("website: greenleafclinic.example", "website: javascript:x");
    assert_eq!(
        check_brand(&broken, look).map_err(|e| e.to_string()),
        Ok(false)
    );
}

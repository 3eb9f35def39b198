//! A note that sends the reader to a professional ends with how to reach the clinic: "Call
//! The Green Leaf Clinic: (555) 010-0199", in the handout's language, with the name and phone
//! the tool takes from the brand file (`contact: true`), never typed into a handout.

mod common;

use common::*;
use handout::layout::Edition;
use handout::model::{Block, Brand};
use handout::run::{handout as build, Setup};

/// Every shipped handout, English and Spanish, as (path from the repository root, language).
fn shipped() -> Vec<(String, Lang)> {
    SHIPPED
        .iter()
        .flat_map(|n| {
            [
                (format!("handouts/{n}.yaml"), Lang::En),
                (format!("handouts/es/{n}.yaml"), Lang::Es),
            ]
        })
        .collect()
}

#[derive(Debug, Clone, Copy)]
enum Lang {
    En,
    Es,
}

/// The line a contact note ends with, from the brand's name and phone: the words are spelled
/// out here so that a wrong translation in `src/i18n.rs` fails too.
fn contact_line(brand: &Brand, lang: Lang) -> String {
    let phone = brand.phone.trim();
    match lang {
        Lang::En => format!("Call {}: {phone}", brand.clinic),
        Lang::Es => format!("Llame a {}: {phone}", brand.clinic),
    }
}

/// Whitespace collapsed to single spaces (a no-break space too), so lines and runs compare.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// How many notes of a handout send the reader to a professional (their title or text names
/// one), each checked to ask for the contact line.
fn professional_notes(path: &str) -> usize {
    let source = handout::model::Source::read(&root().join(path)).unwrap();
    let handout = handout::model::parse_handout(&source).unwrap();
    let mut count = 0;
    for block in &handout.blocks {
        let Block::Note(note) = block else { continue };
        let words = format!("{} {}", note.title, note.text.plain()).to_lowercase();
        let sends = ["professional", "provider", "profesional", "médico"]
            .iter()
            .any(|w| words.contains(w));
        if sends {
            assert!(
                note.contact,
                "{path}: note {:?} lacks `contact: true`",
                note.title
            );
            count += 1;
        }
    }
    count
}

fn brand() -> Brand {
    Brand::load(&root().join("handouts/brand.yaml")).expect("the shipped brand loads")
}

#[test]
fn every_professional_note_of_a_shipped_handout_ends_with_the_brands_phone_in_the_layout() {
    let brand = brand();
    let mut checked = 0;
    for large_print in [false, true] {
        let edition = Edition {
            large_print,
            grayscale: false,
        };
        let run = Setup::load(&root().join("handouts/brand.yaml"), None, edition).unwrap();
        let metrics = run.metrics().unwrap();
        for (path, lang) in shipped() {
            let laid = build::lay_out(&run, &metrics, &root().join(&path)).unwrap();
            let text: String = laid.pages.iter().map(|p| p.text()).collect();
            let line = contact_line(&brand, lang);
            let notes = professional_notes(&path);
            assert_eq!(
                flat(&text).matches(&line).count(),
                notes,
                "{path} (large print: {large_print}): {line:?} in {text}"
            );
            checked += notes;
        }
    }
    // The checklists, the stress plans and "About" in both languages, in both editions.
    assert!(checked >= 12, "only {checked} notes checked");
}

#[test]
fn every_professional_note_of_a_shipped_handout_ends_with_the_brands_phone_in_the_pdf() {
    let brand = brand();
    let out = tempfile::tempdir().unwrap();
    let r = handout(&root(), &["build", "-o", out.path().to_str().unwrap()]);
    assert!(r.status.success(), "{}", stderr(&r));
    for (path, lang) in shipped() {
        let pdf = match lang {
            Lang::En => out.path().to_path_buf(),
            Lang::Es => out.path().join("es"),
        };
        let name = std::path::Path::new(&path).file_stem().unwrap();
        let pdf = pdf.join(name).with_extension("pdf");
        let doc = lopdf::Document::load(&pdf).unwrap();
        let text = pdf_text(&doc);
        let line = contact_line(&brand, lang);
        assert_eq!(
            text.matches(&line).count(),
            professional_notes(&path),
            "{path}: {line:?} in {text}"
        );
    }
}

#[test]
fn the_contact_line_takes_its_name_and_phone_from_the_brand_and_only_where_asked() {
    let repo = scratch_repo();
    let brand_path = repo.path().join("handouts/brand.yaml");
    let text = std::fs::read_to_string(&brand_path).unwrap();
    let clinic = "Riverside Health";
    let text = text
        .replace("phone: (555) 010-0199", "phone: (555) 010-7777")
        .replace(
            "clinic: The Green Leaf Clinic",
            &format!("clinic: {clinic}"),
        );
    std::fs::write(&brand_path, text).unwrap();
    let yaml = "title: T\nlang: es\nblocks:\n  - note: {title: Llame, text: Si no mejora., contact: true}\n  - note: {title: Nota, text: Sin contacto.}\n";
    std::fs::write(repo.path().join("handouts/es/t.yaml"), yaml).unwrap();
    let r = handout(repo.path(), &["build", "handouts/es/t.yaml"]);
    assert!(r.status.success(), "{}", stderr(&r));
    let doc = lopdf::Document::load(repo.path().join("output/es/t.pdf")).unwrap();
    let text = pdf_text(&doc);
    assert_eq!(
        text.matches(&format!("Llame a {clinic}: (555) 010-7777"))
            .count(),
        1,
        "once, for the note that asks: {text}"
    );
    assert!(!text.contains("010-0199"), "{text}");
    assert!(!text.contains("Call "), "{text}");
}

#[test]
fn a_brand_without_a_phone_is_refused_at_its_key() {
    let repo = scratch_repo();
    let brand_path = repo.path().join("handouts/brand.yaml");
    let text = std::fs::read_to_string(&brand_path).unwrap();
    let line = text.lines().position(|l| l.starts_with("phone:")).unwrap() + 1;
    std::fs::write(
        &brand_path,
        text.replace("phone: (555) 010-0199", "phone: \" \""),
    )
    .unwrap();
    let r = handout(repo.path(), &["build", "handouts/symptom-checklist.yaml"]);
    assert_eq!(r.status.code(), Some(2), "{}", stderr(&r));
    let err = stderr(&r);
    assert!(
        err.contains("`phone` is empty") && err.contains(&format!("brand.yaml:{line}:")),
        "{err}"
    );
}

#[test]
fn the_phone_is_never_split_across_lines() {
    let repo = scratch_repo();
    let brand_path = repo.path().join("handouts/brand.yaml");
    let original = std::fs::read_to_string(&brand_path).unwrap();
    let note = "title: T\nblocks:\n  - note: {title: See us, text: If it lasts., contact: true}\n";
    let source = handout::model::Source {
        path: repo.path().join("handouts/t.yaml"),
        text: note.into(),
    };
    // Clinic names one word longer each time move the line's end across the phone number.
    let mut phone_starts_a_line = 0;
    for n in 0..24 {
        let clinic = format!("Riverside{} Clinic", " Health".repeat(n));
        let brand = original.replace(
            "clinic: The Green Leaf Clinic",
            &format!("clinic: {clinic}"),
        );
        std::fs::write(&brand_path, brand).unwrap();
        let run = Setup::load(&brand_path, None, Edition::default()).unwrap();
        let metrics = run.metrics().unwrap();
        let laid = build::lay_out_source(&run, &metrics, &source).unwrap();
        for page in &laid.pages {
            // The text of each line: its runs, by baseline.
            let mut lines: Vec<(f32, String)> = Vec::new();
            for item in &page.items {
                let handout::layout::Item::Text(t) = item else {
                    continue;
                };
                match lines
                    .iter_mut()
                    .find(|(y, _)| (*y - t.baseline).abs() < 0.01)
                {
                    Some((_, text)) => text.push_str(&t.text),
                    None => lines.push((t.baseline, t.text.clone())),
                }
            }
            for (_, line) in lines.iter().map(|(y, l)| (y, flat(l))) {
                assert_eq!(
                    line.contains("(555)"),
                    line.contains("010-0199"),
                    "{clinic}: {line:?}"
                );
                if line.starts_with("(555)") {
                    phone_starts_a_line += 1;
                }
            }
        }
    }
    assert!(
        phone_starts_a_line > 0,
        "no name moved the phone to a line of its own"
    );
}

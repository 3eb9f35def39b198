//! Builds every shipped handout with the real binary and reads the PDFs back with lopdf, an
//! independent parser: pages, page size, embedded subset fonts with ToUnicode, the wording.

mod common;

use common::*;
use lopdf::{Document, Object};

fn build_all(extra: &[&str]) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let mut args = vec!["build", "-o", out.path().to_str().unwrap()];
    args.extend_from_slice(extra);
    let result = handout(&root(), &args);
    assert!(result.status.success(), "build failed: {}", stderr(&result));
    out
}

fn page_size(doc: &Document, page: lopdf::ObjectId) -> (f32, f32) {
    let dict = doc.get_dictionary(page).unwrap();
    let media = dict.get(b"MediaBox").unwrap().as_array().unwrap();
    let n: Vec<f32> = media.iter().map(|o| o.as_float().unwrap()).collect();
    (n[2] - n[0], n[3] - n[1])
}

/// Every font: Type0 with a ToUnicode map, its descendant's descriptor embedding a font
/// program, and a `XXXXXX+` subset tag.
fn check_fonts(doc: &Document, name: &str) -> usize {
    let mut count = 0;
    for (_, obj) in doc.objects.iter() {
        let Ok(dict) = obj.as_dict() else { continue };
        if dict.get(b"Type").and_then(Object::as_name).ok() != Some(b"Font".as_slice())
            || dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Type0".as_slice())
        {
            continue;
        }
        count += 1;
        assert!(dict.has(b"ToUnicode"), "{name}: font without ToUnicode");
        let base = dict.get(b"BaseFont").unwrap().as_name().unwrap();
        let base = String::from_utf8_lossy(base);
        let (tag, _) = base.split_once('+').expect("subset tag");
        assert!(
            tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()),
            "{name}: {base}"
        );
        let descendants = dict.get(b"DescendantFonts").unwrap().as_array().unwrap();
        let cid = doc
            .dereference(&descendants[0])
            .unwrap()
            .1
            .as_dict()
            .unwrap();
        let descriptor = doc
            .dereference(cid.get(b"FontDescriptor").unwrap())
            .unwrap()
            .1;
        let descriptor = descriptor.as_dict().unwrap();
        assert!(descriptor.has(b"FontFile2"), "{name}: {base} not embedded");
    }
    count
}

#[test]
fn every_shipped_handout_builds_into_a_valid_letter_pdf() {
    let out = build_all(&[]);
    for name in SHIPPED {
        let path = out.path().join(format!("{name}.pdf"));
        let bytes = std::fs::read(&path).unwrap();
        assert!(bytes.starts_with(b"%PDF-1.7"), "{name}: header");
        // A one- or two-page handout with fonts subset is tens of KB, not hundreds.
        assert!(bytes.len() < 60 * 1024, "{name}: {} bytes", bytes.len());
        let doc = Document::load_mem(&bytes).unwrap();
        let pages = doc.get_pages();
        assert!(
            (1..=2).contains(&pages.len()),
            "{name}: {} pages",
            pages.len()
        );
        for (_, id) in pages {
            assert_eq!(page_size(&doc, id), (612.0, 792.0), "{name}");
        }
        assert_eq!(check_fonts(&doc, name), 2, "{name}: regular and bold");
        let text = pdf_text(&doc);
        for phrase in [
            "not an official medical diagnosis",
            "The Green Leaf Clinic",
            "(555) 010-0199",
            "Page 1 of",
        ] {
            assert!(
                text.contains(phrase),
                "{name}: {phrase:?} missing from {text}"
            );
        }
    }
}

#[test]
fn the_article_wording_survives_into_each_pdf() {
    let out = build_all(&[]);
    let expect: [(&str, &[&str]); 4] = [
        (
            "symptom-checklist",
            &[
                "Never",
                "Sometimes",
                "Often",
                "Brain fog",
                "Joint pain",
                "Patient name",
            ],
        ),
        (
            "food-list",
            &[
                "kefir",
                "bone broth",
                "sauerkraut",
                "Refined sugar",
                "Limit",
                "—",
            ],
        ),
        (
            "stress-plan",
            &["Deep breathing", "Mon", "Sun", "mindful", "sleep"],
        ),
        (
            "about-leaky-gut",
            &["tight junctions", "NSAIDs", "body’s", "•", "probiotics"],
        ),
    ];
    for (name, phrases) in expect {
        let doc = Document::load(out.path().join(format!("{name}.pdf"))).unwrap();
        let text = pdf_text(&doc).to_lowercase();
        for phrase in phrases {
            let phrase = phrase.to_lowercase();
            assert!(
                text.contains(&phrase),
                "{name}: {phrase:?} missing from {text}"
            );
        }
    }
}

#[test]
fn a4_on_request() {
    let out = build_all(&["--page-size", "a4"]);
    let doc = Document::load(out.path().join("food-list.pdf")).unwrap();
    for (_, id) in doc.get_pages() {
        let (w, h) = page_size(&doc, id);
        assert!(
            (w - 595.28).abs() < 0.01 && (h - 841.89).abs() < 0.01,
            "{w} x {h}"
        );
    }
}

#[test]
fn document_info_names_title_author_and_language() {
    let out = build_all(&[]);
    let doc = Document::load(out.path().join("food-list.pdf")).unwrap();
    let info = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let info = doc.get_dictionary(info).unwrap();
    let title = lopdf::decode_text_string(info.get(b"Title").unwrap()).unwrap();
    assert_eq!(title, "Leaky Gut: Food List");
    let author = lopdf::decode_text_string(info.get(b"Author").unwrap()).unwrap();
    assert_eq!(author, "The Green Leaf Clinic");
    assert!(
        !info.has(b"GTS_PDFXVersion"),
        "not PDF/X, so it must not claim to be"
    );
    let catalog = doc.catalog().unwrap();
    assert_eq!(catalog.get(b"Lang").unwrap().as_str().unwrap(), b"en-US");
}

#[test]
fn same_input_same_bytes_across_processes_and_batches() {
    let a = build_all(&[]);
    let b = build_all(&[]);
    // One handout built alone, not second in a batch.
    let c = tempfile::tempdir().unwrap();
    let alone = handout(
        &root(),
        &[
            "build",
            "handouts/food-list.yaml",
            "-o",
            c.path().to_str().unwrap(),
        ],
    );
    assert!(alone.status.success(), "{}", stderr(&alone));
    for name in SHIPPED {
        let file = format!("{name}.pdf");
        let x = std::fs::read(a.path().join(&file)).unwrap();
        let y = std::fs::read(b.path().join(&file)).unwrap();
        assert!(x == y, "{name}: two builds differ");
    }
    let x = std::fs::read(a.path().join("food-list.pdf")).unwrap();
    let z = std::fs::read(c.path().join("food-list.pdf")).unwrap();
    assert!(
        x == z,
        "food-list built alone differs from food-list built in a batch"
    );
}

#[test]
fn a_picture_shown_by_many_blocks_is_stored_once() {
    let repo = scratch_repo();
    std::fs::copy(
        root().join("handouts/logo.png"),
        repo.path().join("handouts/leaf.png"),
    )
    .unwrap();
    let mut yaml = String::from("title: Pictures\nblocks:\n");
    for i in 0..3 {
        yaml.push_str(&format!(
            "  - image: {{path: leaf.png, width: 1in, alt: Leaf {i}}}\n"
        ));
    }
    std::fs::write(repo.path().join("handouts/pictures.yaml"), yaml).unwrap();
    let out = handout(repo.path(), &["build", "handouts/pictures.yaml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc = lopdf::Document::load(repo.path().join("output/pictures.pdf")).unwrap();
    let images = doc
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| s.dict.get(b"Subtype").and_then(|t| t.as_name()).ok() == Some(b"Image"))
        .count();
    // The logo and the picture (the same file, but the logo is the brand's), each with its
    // transparency mask: four, not one picture per block.
    assert_eq!(images, 4);
}

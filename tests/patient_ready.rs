//! Large print, grayscale, readability, and what makes the PDF work on a screen: document
//! info and language, outline, link, form fields, QR code.

mod common;

use common::*;
use handout::layout::{Edition, Item};
use handout::run::{handout as build, Setup};
use lopdf::{Document, Object};

fn run(edition: Edition) -> Setup {
    Setup::load(&root().join("handouts/brand.yaml"), None, edition).expect("brand loads")
}

fn build_into(extra: &[&str]) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let mut args = vec!["build", "-o", out.path().to_str().unwrap()];
    args.extend_from_slice(extra);
    let r = handout(&root(), &args);
    assert!(r.status.success(), "{}", stderr(&r));
    out
}

#[test]
fn large_print_sets_body_at_18_pt_and_headings_at_22_pt_or_more() {
    let large = run(Edition {
        large_print: true,
        grayscale: false,
    });
    let metrics = large.metrics().unwrap();
    let footer_top = large.page_size.points().1 - 110.0;
    for name in SHIPPED {
        let laid = build::lay_out(
            &large,
            &metrics,
            &root().join(format!("handouts/{name}.yaml")),
        )
        .unwrap();
        for page in &laid.pages {
            for item in &page.items {
                // Everything in the body (below the header band, above the footer).
                if let Item::Text(t) = item {
                    if t.baseline > 110.0 && t.baseline < footer_top {
                        assert!(t.size >= 18.0, "{name}: {:?} at {} pt", t.text, t.size);
                    }
                }
                if let Item::Anchor { title, .. } = item {
                    let heading = page.items.iter().find_map(|i| match i {
                        Item::Text(t) if title.starts_with(t.text.trim_end()) => Some(t.size),
                        _ => None,
                    });
                    assert!(heading.unwrap_or(0.0) >= 22.0, "{name}: heading {title:?}");
                }
            }
        }
    }
    let out = build_into(&["--large-print"]);
    for name in SHIPPED {
        assert!(
            out.path().join(format!("{name}-large.pdf")).exists(),
            "{name}-large.pdf"
        );
    }
}

/// Every colour operator in every content stream, and every image palette, is gray.
fn assert_no_colour(doc: &Document, name: &str) {
    for (_, page) in doc.get_pages() {
        let content = doc.get_and_decode_page_content(page).unwrap();
        for op in &content.operations {
            if matches!(op.operator.as_str(), "rg" | "RG") {
                let v: Vec<f32> = op.operands.iter().map(|o| o.as_float().unwrap()).collect();
                assert!(
                    v[0] == v[1] && v[1] == v[2],
                    "{name}: colour {} {v:?}",
                    op.operator
                );
            }
            assert!(
                !matches!(op.operator.as_str(), "k" | "K" | "scn" | "SCN"),
                "{name}: {}",
                op.operator
            );
        }
    }
    for obj in doc.objects.values() {
        let Ok(stream) = obj.as_stream() else {
            continue;
        };
        if stream.dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Image".as_slice()) {
            continue;
        }
        match stream.dict.get(b"ColorSpace").unwrap() {
            Object::Array(cs) => {
                let palette = match &cs[3] {
                    Object::String(bytes, _) => bytes.clone(),
                    other => panic!("{name}: palette {other:?}"),
                };
                for rgb in palette.chunks(3) {
                    assert!(
                        rgb[0] == rgb[1] && rgb[1] == rgb[2],
                        "{name}: palette colour {rgb:?}"
                    );
                }
            }
            Object::Name(n) => assert_eq!(n.as_slice(), b"DeviceGray", "{name}: image in colour"),
            other => panic!("{name}: colour space {other:?}"),
        }
    }
}

#[test]
fn grayscale_has_no_colour_and_keeps_contrast() {
    let out = build_into(&["--grayscale"]);
    for name in SHIPPED {
        let doc = Document::load(out.path().join(format!("{name}-gray.pdf"))).unwrap();
        assert_no_colour(&doc, name);
    }
    // The colour edition does use colour (so the check above can fail).
    let out = build_into(&[]);
    let doc = Document::load(out.path().join("food-list.pdf")).unwrap();
    let coloured = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        assert_no_colour(&doc, "food-list")
    }));
    assert!(coloured.is_err(), "the colour edition should have colour");
    for grayscale in [false, true] {
        let r = run(Edition {
            large_print: false,
            grayscale,
        });
        for (what, fg, bg) in r.style.text_pairs() {
            assert!(fg.contrast(bg) >= 4.5, "{what}: {fg} on {bg}");
        }
    }
    assert!(
        run(Edition::default()).warnings.is_empty(),
        "the shipped brand passes"
    );
}

#[test]
fn shipped_handouts_read_at_grade_8_or_below_and_check_says_so() {
    for name in SHIPPED {
        let source =
            handout::model::Source::read(&root().join(format!("handouts/{name}.yaml"))).unwrap();
        let h = handout::model::parse_handout(&source).unwrap();
        let grade = handout::readability::measure(&h).expect("English prose");
        assert!(grade.grade().is_some_and(|g| g <= 8.0), "{name}: {grade:?}");
    }
    let out = handout(&root(), &["check"]);
    let text = stdout(&out);
    assert!(
        text.contains("reading grade") && text.contains("SMOG"),
        "{text}"
    );
    let warned = handout(&root(), &["check", "--max-grade", "3"]);
    assert!(
        stderr(&warned).contains("is above 3"),
        "{}",
        stderr(&warned)
    );
    assert!(
        warned.status.success(),
        "a reading-level warning is not an error"
    );
}

#[test]
fn the_pdf_works_on_a_screen_outline_link_and_form_fields() {
    let out = build_into(&[]);
    let doc = Document::load(out.path().join("about-leaky-gut.pdf")).unwrap();
    // Outline: the title, then each heading, in order.
    let catalog = doc.catalog().unwrap();
    let outlines = doc
        .get_dictionary(catalog.get(b"Outlines").unwrap().as_reference().unwrap())
        .unwrap();
    let mut entry = outlines.get(b"First").unwrap().as_reference().unwrap();
    let mut titles = Vec::new();
    loop {
        let d = doc.get_dictionary(entry).unwrap();
        titles.push(lopdf::decode_text_string(d.get(b"Title").unwrap()).unwrap());
        match d.get(b"Next") {
            Ok(next) => entry = next.as_reference().unwrap(),
            Err(_) => break,
        }
    }
    assert_eq!(
        titles,
        [
            "Leaky Gut: What It Is and How to Support Your Gut",
            "What is leaky gut?",
            "What may cause it?",
            "Common symptoms",
            "How to support a healthy gut lining",
            "Your first steps"
        ]
    );
    // The website is a link, without a visible border.
    let mut uris = Vec::new();
    for (_, page) in doc.get_pages() {
        for annot in doc.get_page_annotations(page).unwrap() {
            if annot.get(b"Subtype").unwrap().as_name().unwrap() == b"Link" {
                assert_eq!(annot.get(b"Border").unwrap().as_array().unwrap().len(), 3);
                let a = annot.get(b"A").unwrap().as_dict().unwrap();
                uris.push(
                    String::from_utf8_lossy(a.get(b"URI").unwrap().as_str().unwrap()).into_owned(),
                );
            }
        }
    }
    assert!(
        uris.contains(&"https://greenleafclinic.example".to_string()),
        "{uris:?}"
    );
    // Form fields: a check box per checklist cell, a text field per write-in line.
    let doc = Document::load(out.path().join("symptom-checklist.pdf")).unwrap();
    let form = doc
        .catalog()
        .unwrap()
        .get(b"AcroForm")
        .unwrap()
        .as_reference()
        .unwrap();
    let fields = doc
        .get_dictionary(form)
        .unwrap()
        .get(b"Fields")
        .unwrap()
        .as_array()
        .unwrap();
    let kinds: Vec<Vec<u8>> = fields
        .iter()
        .map(|f| {
            doc.get_dictionary(f.as_reference().unwrap())
                .unwrap()
                .get(b"FT")
                .unwrap()
                .as_name()
                .unwrap()
                .to_vec()
        })
        .collect();
    assert_eq!(
        kinds.iter().filter(|k| k.as_slice() == b"Btn").count(),
        6 * 3
    );
    assert_eq!(kinds.iter().filter(|k| k.as_slice() == b"Tx").count(), 2);
}

#[test]
#[ignore = "needs poppler-utils (pdfinfo)"]
fn pdfinfo_shows_title_and_language() {
    let out = build_into(&[]);
    let pdf = out.path().join("food-list.pdf");
    let info = std::process::Command::new("pdfinfo")
        .arg(&pdf)
        .output()
        .unwrap();
    assert!(
        stdout(&info).contains("Title:           Leaky Gut: Food List"),
        "{}",
        stdout(&info)
    );
    assert!(
        stdout(&info).contains("Form:            AcroForm"),
        "{}",
        stdout(&info)
    );
    let meta = std::process::Command::new("pdfinfo")
        .arg("-meta")
        .arg(&pdf)
        .output()
        .unwrap();
    assert!(
        stdout(&meta).contains("<rdf:li>en-US</rdf:li>"),
        "{}",
        stdout(&meta)
    );
}

/// The roles of the structure tree, depth-first.
fn roles(doc: &Document) -> Vec<String> {
    fn walk(doc: &Document, obj: &Object, out: &mut Vec<String>) {
        let Ok((_, obj)) = doc.dereference(obj) else {
            return;
        };
        let Ok(dict) = obj.as_dict() else { return };
        if let Ok(s) = dict.get(b"S").and_then(Object::as_name) {
            out.push(String::from_utf8_lossy(s).into_owned());
        }
        if let Ok(kids) = dict.get(b"K") {
            match kids {
                Object::Array(kids) => kids.iter().for_each(|k| walk(doc, k, out)),
                other => walk(doc, other, out),
            }
        }
    }
    let catalog = doc.catalog().unwrap();
    let root = catalog.get(b"StructTreeRoot").expect("a structure tree");
    let mut out = Vec::new();
    walk(doc, root, &mut out);
    out
}

#[test]
fn the_pdf_is_tagged_with_headings_lists_and_tables() {
    let out = build_into(&[]);
    let doc = Document::load(out.path().join("about-leaky-gut.pdf")).unwrap();
    let catalog = doc.catalog().unwrap();
    let mark_info = catalog.get(b"MarkInfo").unwrap().as_dict().unwrap();
    assert!(mark_info.get(b"Marked").unwrap().as_bool().unwrap());
    let r = roles(&doc);
    let count = |role: &str| r.iter().filter(|x| *x == role).count();
    assert_eq!(r[0], "Document");
    assert_eq!(count("H1"), 1);
    assert_eq!(count("H2"), 5, "{r:?}");
    assert_eq!(count("L"), 3, "two bulleted lists and the steps: {r:?}");
    assert!(count("LI") >= 17 && count("Lbl") == count("LI") && count("LBody") == count("LI"));
    let doc = Document::load(out.path().join("symptom-checklist.pdf")).unwrap();
    let r = roles(&doc);
    let count = |role: &str| r.iter().filter(|x| *x == role).count();
    // The "Symptom" header and three box columns; each row: its text (a row header) and
    // three box cells.
    assert_eq!(
        (count("Table"), count("TR"), count("TH"), count("TD")),
        (1, 7, 4 + 6, 6 * 3)
    );

    // Every piece of text is either numbered structure content or an artifact.
    for name in SHIPPED {
        let doc = Document::load(out.path().join(format!("{name}.pdf"))).unwrap();
        for (_, page) in doc.get_pages() {
            let content = doc.get_and_decode_page_content(page).unwrap();
            let mut depth = 0;
            let mut mcids = 0;
            for op in &content.operations {
                match op.operator.as_str() {
                    "BDC" => {
                        depth += 1;
                        let props = op.operands[1].as_dict().unwrap();
                        // Structure content is numbered; the running header and footer
                        // are pagination artifacts.
                        if op.operands[0].as_name().unwrap() == b"Artifact" {
                            assert_eq!(
                                props.get(b"Type").unwrap().as_name().unwrap(),
                                b"Pagination"
                            );
                        } else {
                            mcids += 1;
                            assert!(props.has(b"MCID"), "{name}");
                        }
                    }
                    "BMC" => depth += 1,
                    "EMC" => depth -= 1,
                    "BT" | "Do" | "re" => {
                        assert_eq!(depth, 1, "{name}: {} outside marked content", op.operator)
                    }
                    _ => {}
                }
            }
            assert_eq!(depth, 0, "{name}: unbalanced marked content");
            assert!(mcids > 0, "{name}: nothing tagged");
        }
    }
}

#[test]
#[ignore = "needs poppler-utils (pdfinfo)"]
fn poppler_reads_the_structure_tree() {
    let out = build_into(&[]);
    let info = std::process::Command::new("pdfinfo")
        .args(["-struct-text"])
        .arg(out.path().join("food-list.pdf"))
        .output()
        .unwrap();
    let text = stdout(&info);
    assert!(text.starts_with("Document"), "{text}");
    assert!(
        text.contains("H1 (block)\n    \"Leaky Gut: Food List\""),
        "{text}"
    );
    assert!(text.contains("LBody"), "{text}");
    let plain = std::process::Command::new("pdfinfo")
        .arg(out.path().join("food-list.pdf"))
        .output()
        .unwrap();
    assert!(stdout(&plain).contains("Tagged:          yes"));
}

#[test]
fn a_handout_may_have_its_own_disclaimer_and_prints_its_review_date() {
    let repo = scratch_repo();
    let sleep = "title: Sleep tips\nlang: es\nreviewed: 2026-11-03\n\
                 disclaimer: Esta hoja es solo informativa.\nblocks:\n  - text: Duerma bien.\n";
    std::fs::write(repo.path().join("handouts/es/sleep.yaml"), sleep).unwrap();
    let out = handout(repo.path(), &["build", "handouts/es/sleep.yaml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc = lopdf::Document::load(repo.path().join("output/es/sleep.pdf")).unwrap();
    let text = pdf_text(&doc);
    assert!(
        text.contains("Esta hoja es solo informativa. Revisado nov 2026."),
        "{text}"
    );
    assert!(
        !text.contains("diagnóstico"),
        "the brand's disclaimer is replaced: {text}"
    );
    // A disclaimer so long that the footer would fill the page is blamed on the handout.
    let long = format!(
        "title: T\ndisclaimer: {}\nblocks:\n  - text: x\n",
        "Read this. ".repeat(400)
    );
    std::fs::write(repo.path().join("handouts/long.yaml"), long).unwrap();
    let out = handout(repo.path(), &["build", "handouts/long.yaml"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("--> handouts/long.yaml:2:1") && err.contains("the footer would take"),
        "{err}"
    );
}

//! `draft: true`: a band with "DRAFT — NOT FOR PATIENTS" (and the handout's own language) on
//! every page, above the content and overlapping nothing; the PDF's metadata says draft; a
//! build says so as a warning. A handout without the flag has none of it.

mod common;

use common::lines::page_lines;
use common::*;
use handout::layout::draft::DRAFT_RED;
use handout::layout::{Edition, Item, Page};
use handout::model::Source;
use handout::run::{handout as build, Setup};

const MARK: &str = "DRAFT — NOT FOR PATIENTS";
const VI_MARK: &str = "BẢN NHÁP: KHÔNG DÙNG CHO BỆNH NHÂN";

/// A Vietnamese handout long enough for three pages or more in large print.
fn vietnamese(draft: bool) -> String {
    let items: Vec<String> = (1..=30).map(|i| format!("Triệu chứng số {i}")).collect();
    format!(
        "title: Bảng kiểm triệu chứng\nlang: vi\ndraft: {draft}\nblocks:\n  \
         - text: Đánh dấu mức độ thường gặp của mỗi triệu chứng trong tuần qua.\n  \
         - checklist:\n      columns: [Không, Đôi khi, Thường xuyên]\n      items: [{}]\n  \
         - fields: [Họ và tên, Ngày]\n",
        items.join(", ")
    )
}

fn pages(yaml: &str, edition: Edition) -> Vec<Page> {
    let setup = Setup::load(&root().join("handouts/brand.yaml"), None, edition).expect("brand");
    let metrics = setup.metrics().expect("fonts");
    let source = Source {
        path: root().join("handouts/vi-draft.yaml"),
        text: yaml.to_string(),
    };
    build::lay_out_source(&setup, &metrics, &source)
        .unwrap_or_else(|e| panic!("lays out: {e:?}"))
        .pages
}

/// The band's rectangle on a page, if it has one.
fn band(page: &Page) -> Option<handout::layout::Rect> {
    page.items.iter().find_map(|i| match i {
        Item::Fill { rect, color } if *color == DRAFT_RED => Some(*rect),
        _ => None,
    })
}

#[test]
fn every_page_of_a_draft_has_the_band_above_its_content_and_nothing_on_it() {
    for (edition, min_size) in [
        (Edition::default(), 12.0),
        (
            Edition {
                large_print: true,
                grayscale: false,
            },
            18.0,
        ),
    ] {
        let pages = pages(&vietnamese(true), edition);
        assert!(pages.len() >= 2, "{} pages", pages.len());
        for (n, page) in pages.iter().enumerate() {
            let band = band(page).unwrap_or_else(|| panic!("page {}: no band", n + 1));
            let marks: Vec<_> = page
                .items
                .iter()
                .filter_map(|i| match i {
                    Item::Text(t) if band.contains(&i.bounds()) => Some(t),
                    _ => None,
                })
                .collect();
            let words: String = marks.iter().map(|t| t.text.as_str()).collect();
            assert!(
                words.contains(MARK) && words.contains(VI_MARK),
                "page {}: {words}",
                n + 1
            );
            for t in &marks {
                assert!(t.size >= min_size, "{} pt", t.size);
                // Spoken by screen readers: the words are tagged content.
                assert!(t.tag.is_some(), "the mark is not an artifact");
            }
            // Everything tagged or in the content area lies below the band.
            for item in &page.items {
                let b = item.bounds();
                let is_mark = matches!(item, Item::Text(_)) && band.contains(&b);
                let is_band = matches!(item, Item::Fill { color, .. } if *color == DRAFT_RED);
                if !(is_mark || is_band) && b.w > 0.0 && b.h > 0.0 {
                    assert!(
                        !band.overlaps(&b),
                        "page {}: {item:?} overlaps the band",
                        n + 1
                    );
                }
            }
            let title_or_body_top = page
                .items
                .iter()
                .filter_map(|i| match i {
                    Item::Text(t) if t.tag.is_some() && !band.contains(&i.bounds()) => {
                        Some(i.bounds().y)
                    }
                    _ => None,
                })
                .fold(f32::INFINITY, f32::min);
            assert!(title_or_body_top >= band.bottom(), "page {}", n + 1);
        }
    }
}

#[test]
fn a_handout_without_the_flag_has_no_band_and_the_same_content() {
    let plain = pages(&vietnamese(false), Edition::default());
    let draft = pages(&vietnamese(true), Edition::default());
    for page in &plain {
        assert!(band(page).is_none());
        assert!(!page.text().contains(MARK) && !page.text().contains(VI_MARK));
    }
    // The band takes room, never content: the tagged text (the content, each once) is the
    // same, but for the mark.
    let text = |pages: &[Page]| -> String {
        pages
            .iter()
            .flat_map(|p| {
                let band = band(p);
                p.items.iter().filter_map(move |i| match i {
                    Item::Text(t)
                        if t.tag.is_some() && !band.is_some_and(|b| b.contains(&i.bounds())) =>
                    {
                        Some(t.text.clone())
                    }
                    _ => None,
                })
            })
            .collect()
    };
    assert_eq!(text(&plain), text(&draft));
    assert!(draft.len() >= plain.len());
}

#[test]
fn a_draft_pdf_says_so_on_every_page_and_in_its_metadata_and_the_build_warns() {
    let repo = scratch_repo();
    let dir = repo.path().join("handouts/vi");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("draft.yaml"), vietnamese(true)).unwrap();
    std::fs::write(dir.join("final.yaml"), vietnamese(false)).unwrap();
    let out = handout(repo.path(), &["build", "handouts/vi", "-o", "out"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("warning: draft: not for patients")
            && err.contains("--> handouts/vi/draft.yaml:3:1")
            && !err.contains("handouts/vi/final.yaml:3:1"),
        "{err}"
    );
    let info = |doc: &lopdf::Document, key: &[u8]| -> Option<String> {
        let id = doc.trailer.get(b"Info").ok()?.as_reference().ok()?;
        let dict = doc.get_dictionary(id).ok()?;
        lopdf::decode_text_string(dict.get(key).ok()?).ok()
    };
    let xmp = |doc: &lopdf::Document| -> String {
        let id = doc
            .catalog()
            .unwrap()
            .get(b"Metadata")
            .unwrap()
            .as_reference()
            .unwrap();
        let stream = doc.get_object(id).unwrap().as_stream().unwrap();
        String::from_utf8_lossy(&stream.content).into_owned()
    };
    let doc = lopdf::Document::load(repo.path().join("out/vi/draft.pdf")).expect("a PDF");
    assert!(doc.get_pages().len() >= 2);
    for n in 1..=doc.get_pages().len() as u32 {
        let lines = page_lines(&doc, n);
        assert!(
            lines.iter().any(|l| l.contains(MARK)),
            "page {n}: {lines:?}"
        );
        assert!(
            lines.iter().any(|l| l.contains(VI_MARK)),
            "page {n}: {lines:?}"
        );
    }
    assert_eq!(
        info(&doc, b"Title").as_deref(),
        Some("Bảng kiểm triệu chứng (draft)")
    );
    assert_eq!(info(&doc, b"Keywords").as_deref(), Some("draft"));
    assert!(info(&doc, b"Subject").is_some_and(|s| s.starts_with(MARK)));
    let meta = xmp(&doc);
    assert!(
        meta.contains("<pdf:Keywords>draft</pdf:Keywords>") && meta.contains("(draft)</rdf:li>"),
        "{meta}"
    );

    let doc = lopdf::Document::load(repo.path().join("out/vi/final.pdf")).expect("a PDF");
    assert!(!pdf_text(&doc).contains("DRAFT"));
    assert_eq!(
        info(&doc, b"Title").as_deref(),
        Some("Bảng kiểm triệu chứng")
    );
    assert_eq!(info(&doc, b"Keywords"), None);
    assert!(!xmp(&doc).contains("draft"));
}

#[test]
fn an_unknown_language_is_a_warning_at_its_value_naming_the_languages() {
    let repo = scratch_repo();
    let file = repo.path().join("handouts/arb.yaml");
    std::fs::write(&file, "title: T\nlang: arb\nblocks:\n  - text: Hello.\n").unwrap();
    let out = handout(repo.path(), &["check", "handouts/arb.yaml"]);
    assert!(out.status.success(), "a warning only: {}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("warning: the tool has no words of its own in `arb`")
            && err.contains("--> handouts/arb.yaml:2:7")
            && err.contains("did you mean `ar` (Arabic)?")
            && err.contains("`vi` Vietnamese")
            && err.contains("`zh-Hans` Chinese (Simplified)"),
        "{err}"
    );
    // A regional tag of a known language is no warning.
    std::fs::write(&file, "title: T\nlang: ar-SA\nblocks:\n  - text: Hello.\n").unwrap();
    let out = handout(repo.path(), &["check", "handouts/arb.yaml"]);
    assert!(
        !stderr(&out).contains("no words of its own"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_print_job_holding_a_draft_copy_says_draft_and_marks_its_pages() {
    let repo = scratch_repo();
    let dir = repo.path().join("handouts/vi");
    std::fs::create_dir_all(&dir).unwrap();
    let yaml = vietnamese(true).replace(
        "- fields: [Họ và tên, Ngày]",
        "- fields: [Patient name, Date]",
    );
    std::fs::write(dir.join("draft.yaml"), yaml).unwrap();
    std::fs::write(
        repo.path().join("today.csv"),
        "Patient name,Date\nAna,2026-12-01\n",
    )
    .unwrap();
    let job = |file: &str, out: &str| {
        let args = ["build", file, "--data", "today.csv", "--one-file", out];
        let r = handout(repo.path(), &args);
        assert!(r.status.success(), "{}", stderr(&r));
        lopdf::Document::load(repo.path().join(out)).expect("a PDF")
    };
    let keywords = |doc: &lopdf::Document| {
        let id = doc.trailer.get(b"Info").ok()?.as_reference().ok()?;
        let dict = doc.get_dictionary(id).ok()?;
        lopdf::decode_text_string(dict.get(b"Keywords").ok()?).ok()
    };
    let doc = job("handouts/vi/draft.yaml", "draft-job.pdf");
    assert_eq!(keywords(&doc).as_deref(), Some("draft"));
    for n in 1..=doc.get_pages().len() as u32 {
        assert!(
            page_lines(&doc, n).iter().any(|l| l.contains(MARK)),
            "page {n}"
        );
    }
    let doc = job("handouts/symptom-checklist.yaml", "final-job.pdf");
    assert_eq!(keywords(&doc), None);
    assert!(!pdf_text(&doc).contains("DRAFT"));
}

//! Names in Greek, Cyrillic and Vietnamese print from the fallback font (Noto Sans), embedded
//! as a subset with a ToUnicode map beside the brand's, only where a PDF uses it; a name in a
//! script neither font covers fails its row alone.

mod common;

use std::path::{Path, PathBuf};

use common::lines::{document_lines, page_lines};
use common::readers::{assert_no_problems, check_pdf, Expect, PageSize, SAFE_MARGIN};
use common::*;
use lopdf::{Dictionary, Document, Object};

/// Names the brand font (Atkinson Hyperlegible) cannot print alone, and one it can.
const NAMES: [&str; 6] = [
    "Nguyễn Thị Hương",
    "Trần Văn An",
    "Νίκος Παπαδόπουλος",
    "Ольга Смирнова",
    "Đặng Quốc Bảo",
    "Ana López",
];

fn write_csv(dir: &Path, names: &[&str]) -> PathBuf {
    let mut csv = String::from("Patient name,Date\n");
    for (i, name) in names.iter().enumerate() {
        csv.push_str(&format!("\"{name}\",2026-12-{:02}\n", i + 1));
    }
    let path = dir.join("today.csv");
    std::fs::write(&path, csv).unwrap();
    path
}

/// The characters of `text` the brand's regular font draws, and those left to the fallback:
/// those it lacks, and every Greek and Cyrillic letter, as it has neither alphabet (only a π,
/// for mathematics).
fn split_by_brand(text: &str) -> (String, String) {
    let bytes = std::fs::read(root().join("fonts/AtkinsonHyperlegible-Regular.ttf")).unwrap();
    let font = ttf_parser::Face::parse(&bytes, 0).unwrap();
    assert!(font.glyph_index('π').is_some() && font.glyph_index('λ').is_none());
    text.chars()
        .filter(|c| !c.is_whitespace())
        .partition(|&c| font.glyph_index(c).is_some() && !('\u{370}'..='\u{52F}').contains(&c))
}

fn build(args: &[&str]) -> std::process::Output {
    let mut all = vec!["build", "handouts/symptom-checklist.yaml"];
    all.extend_from_slice(args);
    handout(&root(), &all)
}

/// Each font of the document: its `BaseFont` and its Type0 dictionary.
fn fonts(doc: &Document) -> Vec<(String, &Dictionary)> {
    doc.objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Type0"))
        .map(|d| {
            let name = d.get(b"BaseFont").and_then(Object::as_name).unwrap();
            (String::from_utf8_lossy(name).into_owned(), d)
        })
        .collect()
}

/// Asserts `font` is a subset (`ABCDEF+` tag), embedded (`FontFile2`) and has a ToUnicode
/// map that names `chars`.
fn assert_embedded_subset_with_unicode(doc: &Document, name: &str, font: &Dictionary, chars: &str) {
    let (tag, _) = name.split_once('+').expect("a subset tag");
    assert!(
        tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()),
        "{name}"
    );
    let to_unicode = font.get(b"ToUnicode").and_then(Object::as_reference);
    let stream = doc.get_object(to_unicode.expect("ToUnicode")).unwrap();
    let cmap = stream.as_stream().unwrap().decompressed_content().unwrap();
    let cmap = String::from_utf8(cmap).unwrap();
    for c in chars.chars().filter(|c| !c.is_whitespace()) {
        let hex = format!("<{:04X}>", u32::from(c));
        assert!(cmap.contains(&hex), "{name}: {c} ({hex}) not in ToUnicode");
    }
    let descendant = font.get(b"DescendantFonts").and_then(Object::as_array);
    let cid_font = doc
        .get_dictionary(descendant.unwrap()[0].as_reference().unwrap())
        .unwrap();
    let descriptor = cid_font
        .get(b"FontDescriptor")
        .and_then(Object::as_reference);
    let descriptor = doc.get_dictionary(descriptor.unwrap()).unwrap();
    assert!(descriptor.has(b"FontFile2"), "{name}: not embedded");
}

#[test]
fn names_in_greek_cyrillic_and_vietnamese_print_from_the_fallback_font() {
    let dir = tempfile::tempdir().unwrap();
    let csv = write_csv(dir.path(), &NAMES);
    let out = dir.path().join("out");
    let r = build(&["--data", csv.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(r.status.success(), "{}", stderr(&r));
    for (i, name) in NAMES.iter().enumerate() {
        let path = out.join(format!("symptom-checklist-{}.pdf", i + 1));
        let doc = Document::load(&path).unwrap();
        let lines = page_lines(&doc, 1);
        assert!(
            lines.iter().any(|l| l.contains(name)),
            "{name} not in {lines:?}"
        );
        // Copies share one subset per face, so every copy of the batch has the fallback's,
        // holding every name's letters it draws.
        let fonts = fonts(&doc);
        let noto: Vec<_> = fonts
            .iter()
            .filter(|(n, _)| n.contains("NotoSans"))
            .collect();
        assert_eq!(noto.len(), 1, "{name}: {:?}", fonts.iter().map(|f| &f.0));
        let (base, font) = noto[0];
        assert!(base.ends_with("+NotoSans-Regular"), "{base}");
        let (own, lacking) = split_by_brand(&NAMES.concat());
        assert!(lacking.contains('ễ') && lacking.contains('Ν') && lacking.contains('л'));
        assert_embedded_subset_with_unicode(&doc, base, font, &lacking);
        for (base, font) in &fonts {
            // Names are set in the regular face.
            let regular = base.ends_with("AtkinsonHyperlegible-Regular");
            let chars = if regular { own.as_str() } else { "" };
            assert_embedded_subset_with_unicode(&doc, base, font, chars);
        }
    }
}

#[test]
fn a_copy_that_draws_nothing_in_the_fallback_embeds_only_the_brand_fonts() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let r = build(&[
        "--set",
        "Patient name=Ana López",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(r.status.success(), "{}", stderr(&r));
    let doc = Document::load(out.join("symptom-checklist-1.pdf")).unwrap();
    let names: Vec<String> = fonts(&doc).into_iter().map(|(n, _)| n).collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(
        names.iter().all(|n| n.contains("AtkinsonHyperlegible")),
        "{names:?}"
    );
}

#[test]
fn a_name_set_on_the_command_line_prints_and_is_reproducible() {
    let dir = tempfile::tempdir().unwrap();
    let build_into = |sub: &str| {
        let out = dir.path().join(sub);
        let r = build(&[
            "--set",
            "Patient name=Đặng Quốc Bảo",
            "--set",
            "Date=Ольга Смирнова",
            "-o",
            out.to_str().unwrap(),
        ]);
        assert!(r.status.success(), "{}", stderr(&r));
        std::fs::read(out.join("symptom-checklist-1.pdf")).unwrap()
    };
    let bytes = build_into("a");
    assert_eq!(bytes, build_into("b"), "the same copy twice, other bytes");
    let doc = Document::load_mem(&bytes).unwrap();
    let text = document_lines(&doc);
    for name in ["Đặng Quốc Bảo", "Ольга Смирнова"] {
        assert!(text.contains(name), "{name} not in {text}");
    }
}

#[test]
fn a_print_job_stores_the_fallback_subset_once() {
    let dir = tempfile::tempdir().unwrap();
    let csv = write_csv(dir.path(), &NAMES);
    let job = dir.path().join("day.pdf");
    let r = build(&[
        "--data",
        csv.to_str().unwrap(),
        "--one-file",
        job.to_str().unwrap(),
    ]);
    assert!(r.status.success(), "{}", stderr(&r));
    let doc = Document::load(&job).unwrap();
    let fonts = fonts(&doc);
    let names: Vec<&String> = fonts.iter().map(|(n, _)| n).collect();
    assert_eq!(fonts.len(), 3, "{names:?}");
    assert_eq!(names.iter().filter(|n| n.contains("NotoSans")).count(), 1);
    // One page per copy, in row order, each with its own patient.
    let pages = doc.get_pages();
    assert_eq!(pages.len(), NAMES.len());
    for (number, name) in (1..).zip(NAMES) {
        let lines = page_lines(&doc, number);
        assert!(
            lines.iter().any(|l| l.contains(name)),
            "page {number}: {lines:?}"
        );
    }
}

#[test]
fn a_name_in_a_script_no_font_covers_fails_its_row_alone() {
    let dir = tempfile::tempdir().unwrap();
    // Thai is in no font; Noto Sans has Devanagari, but it may not draw it, so it is refused
    // too. Chinese prints from Noto Sans SC.
    let csv = write_csv(
        dir.path(),
        &[
            "Nguyễn Thị Hương",
            "สมชาย ใจดี",
            "王伟",
            "अनीता",
            "Ольга Смирнова",
        ],
    );
    let out = dir.path().join("out");
    let r = build(&["--data", csv.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(r.status.code(), Some(1), "{}", stderr(&r));
    let err = stderr(&r);
    for (code, line) in [("U+0E2A", 3), ("U+0905", 5)] {
        let at = format!("today.csv:{line}:1");
        assert!(
            err.contains(code) && err.contains(&at),
            "{code} at {at}: {err}"
        );
    }
    assert!(err.contains("3 copies built, 2 failed"), "{err}");
    assert!(!err.contains("U+738B"), "{err}");
    // Patients' names are not repeated in the messages.
    assert!(!err.contains("王伟") && !err.contains("สมชาย"), "{err}");
    let built = std::fs::read_dir(&out).unwrap().count();
    assert_eq!(built, 3);
}

#[test]
fn bold_text_falls_back_to_the_bold_fallback_face() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = dir.path().join("greek.yaml");
    std::fs::write(
        &yaml,
        "title: Οδηγός διατροφής\nblocks:\n  - text: Τρώτε **λαχανικά** κάθε μέρα, Ольга.\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let r = handout(
        &root(),
        &["build", yaml.to_str().unwrap(), "-o", out.to_str().unwrap()],
    );
    assert!(r.status.success(), "{}", stderr(&r));
    let doc = Document::load(out.join("greek.pdf")).unwrap();
    let names: Vec<String> = fonts(&doc).into_iter().map(|(n, _)| n).collect();
    for face in ["NotoSans-Regular", "NotoSans-Bold"] {
        assert!(names.iter().any(|n| n.ends_with(face)), "{face}: {names:?}");
    }
    let text = document_lines(&doc);
    for phrase in ["Οδηγός διατροφής", "Τρώτε λαχανικά κάθε μέρα, Ольга."]
    {
        assert!(text.contains(phrase), "{phrase} not in {text}");
    }
}

#[test]
#[ignore = "needs poppler-utils (pdffonts, pdftotext), qpdf, ghostscript, mupdf-tools"]
fn independent_readers_find_every_font_embedded_and_every_name() {
    let dir = tempfile::tempdir().unwrap();
    let csv = write_csv(dir.path(), &NAMES);
    let out = dir.path().join("out");
    let job = dir.path().join("day.pdf");
    let r = build(&["--data", csv.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(r.status.success(), "{}", stderr(&r));
    let r = build(&[
        "--data",
        csv.to_str().unwrap(),
        "--one-file",
        job.to_str().unwrap(),
    ]);
    assert!(r.status.success(), "{}", stderr(&r));
    let mut files: Vec<(PathBuf, Vec<&str>)> = NAMES
        .iter()
        .enumerate()
        .map(|(i, name)| {
            (
                out.join(format!("symptom-checklist-{}.pdf", i + 1)),
                vec![*name],
            )
        })
        .collect();
    files.push((job, NAMES.to_vec()));
    let mut problems = Vec::new();
    for (path, names) in &files {
        let expect = Expect {
            size: PageSize::Letter,
            phrases: names,
            margin: SAFE_MARGIN,
        };
        let found = check_pdf(path, &expect);
        problems.extend(found.iter().map(|p| format!("{}: {p}", path.display())));
        let fonts = std::process::Command::new("pdffonts")
            .arg(path)
            .output()
            .expect("pdffonts runs");
        let fonts = stdout(&fonts);
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        // The brand's two faces and the fallback's regular, which the batch shares.
        assert_eq!(rows.len(), 3, "{fonts}");
        assert!(fonts.contains("+NotoSans-Regular"), "{fonts}");
        for row in rows {
            let cols: Vec<&str> = row.split_whitespace().collect();
            let n = cols.len();
            // name type encoding emb sub uni object ID
            assert_eq!(&cols[n - 5..n - 2], ["yes", "yes", "yes"], "{row}");
        }
    }
    assert_no_problems("fallback copies", &problems);
}

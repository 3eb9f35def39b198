//! The reader checks themselves (`common::readers::check_pdf`) must be able to fail: fed PDFs
//! crafted with lopdf to break one rule each, they must name exactly what is wrong and nothing
//! else. The parsing and geometry helpers are tested without any outside tool.

mod common;

use std::path::Path;

use common::readers::{
    check_pdf, normalize, overlap, parse_bbox, Expect, PageSize, Problem, Word, SAFE_MARGIN,
};
use lopdf::content::{Content, Operation};
use lopdf::{dictionary, Document, Object, Stream};

/// One word in Helvetica, `size` pt, its baseline starting at (`x`, `y`) from the bottom left.
fn word(text: &str, size: f64, x: f64, y: f64) -> Vec<Operation> {
    vec![
        Operation::new("BT", vec![]),
        Operation::new("Tf", vec!["F1".into(), size.into()]),
        Operation::new("Td", vec![x.into(), y.into()]),
        Operation::new("Tj", vec![Object::string_literal(text)]),
        Operation::new("ET", vec![]),
    ]
}

/// A PDF of `pages` (width, height, drawing) in points; text in Helvetica, a standard font
/// the PDF names but does not embed, so it has no ToUnicode map either.
fn pdf(pages: Vec<(f64, f64, Vec<Operation>)>) -> Vec<u8> {
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type1",
        "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    });
    let mut kids = Vec::new();
    for (w, h, ops) in pages {
        // Only pages with text name the font: a PDF without text has none.
        let resources = if ops.iter().any(|op| op.operator == "Tf") {
            dictionary! { "Font" => dictionary! { "F1" => font } }
        } else {
            dictionary! {}
        };
        let content = Content { operations: ops }.encode().unwrap();
        let contents = doc.add_object(Stream::new(dictionary! {}, content));
        let page = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "MediaBox" => vec![0.into(), 0.into(), w.into(), h.into()],
            "Resources" => resources,
            "Contents" => contents,
        });
        kids.push(page.into());
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    bytes
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn show(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| format!("  {p}\n"))
        .collect::<String>()
}

const LETTER: (f64, f64) = (612.0, 792.0);

#[test]
#[ignore = "needs qpdf, poppler-utils, ghostscript, mupdf-tools"]
fn every_layout_and_text_rule_can_fail() {
    // Page 1, 500 pt square: one good word, one 4 pt from the left edge, and a small word
    // printed inside a big one. Page 2: nothing at all.
    let mut page = word("Inside", 12.0, 100.0, 400.0);
    page.extend(word("Edge", 12.0, 4.0, 250.0));
    page.extend(word("ALPHA", 40.0, 100.0, 150.0));
    page.extend(word("bravo", 10.0, 120.0, 160.0));
    let bytes = pdf(vec![(500.0, 500.0, page), (500.0, 500.0, vec![])]);
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "bad.pdf", &bytes);
    let missing = "not an official medical diagnosis";
    let problems = check_pdf(
        &path,
        &Expect {
            size: PageSize::Letter,
            phrases: &["inside", missing],
            margin: SAFE_MARGIN,
        },
    );
    let all = show(&problems);
    eprintln!("reported, as it should be:\n{all}");
    let has = |what: &str, f: &dyn Fn(&Problem) -> bool| {
        assert!(problems.iter().any(f), "no {what} reported; got:\n{all}");
    };
    has(
        "font not embedded",
        &|p| matches!(p, Problem::FontNotEmbedded(row) if row.starts_with("Helvetica")),
    );
    has(
        "font without ToUnicode",
        &|p| matches!(p, Problem::FontWithoutToUnicode(row) if row.starts_with("Helvetica")),
    );
    has("missing phrase", &|p| {
        *p == Problem::MissingPhrase(missing.into())
    });
    for n in [1, 2] {
        has("wrong page size", &|p| {
            matches!(p, Problem::WrongPageSize { page, width, height, expected: PageSize::Letter }
                if *page == n && *width == 500.0 && *height == 500.0)
        });
    }
    has("empty page 2", &|p| *p == Problem::EmptyPage { page: 2 });
    has("word outside the safe area", &|p| {
        matches!(p, Problem::OutsideSafeArea { page: 1, word, margin }
            if word.text == "Edge" && *margin == SAFE_MARGIN && word.x_min < 5.0)
    });
    has("overlapping words", &|p| {
        matches!(p, Problem::Overlap { page: 1, a, b }
            if [&a.text, &b.text].contains(&&"ALPHA".to_string())
                && [&a.text, &b.text].contains(&&"bravo".to_string()))
    });
    // And nothing else: the file itself is sound, the phrase "inside" is there, the good word
    // is inside the safe area and overlaps nothing.
    assert_eq!(
        problems.len(),
        8,
        "expected exactly 8 problems, got:\n{all}"
    );
}

#[test]
#[ignore = "needs qpdf, poppler-utils, ghostscript, mupdf-tools"]
fn a_page_without_text_and_fonts_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "blank.pdf",
        &pdf(vec![(LETTER.0, LETTER.1, vec![])]),
    );
    let problems = check_pdf(
        &path,
        &Expect {
            size: PageSize::Letter,
            phrases: &[],
            margin: SAFE_MARGIN,
        },
    );
    assert_eq!(
        problems,
        [Problem::NoFonts, Problem::EmptyPage { page: 1 }],
        "{}",
        show(&problems)
    );
}

#[test]
#[ignore = "needs qpdf, poppler-utils, ghostscript, mupdf-tools"]
fn damaged_files_are_reported_by_qpdf_ghostscript_and_mupdf() {
    let hello = || word("Hello", 12.0, 72.0, 700.0);
    let sound = pdf(vec![(LETTER.0, LETTER.1, hello())]);
    let dir = tempfile::tempdir().unwrap();
    let check = |name: &str, bytes: &[u8]| {
        let expect = Expect {
            size: PageSize::Letter,
            phrases: &["hello"],
            margin: SAFE_MARGIN,
        };
        check_pdf(&write(dir.path(), name, bytes), &expect)
    };
    let reported = |problems: &[Problem], by: fn(&Problem) -> bool| problems.iter().any(by);
    let qpdf = |p: &Problem| matches!(p, Problem::Qpdf(_));
    let gs = |p: &Problem| matches!(p, Problem::Ghostscript(_));
    let mupdf = |p: &Problem| matches!(p, Problem::MuPdf(_));

    // The sound file first: none of the three says a word.
    let problems = check("sound.pdf", &sound);
    for (by, what) in [
        (qpdf as fn(&Problem) -> bool, "qpdf"),
        (gs, "gs"),
        (mupdf, "mutool"),
    ] {
        assert!(
            !reported(&problems, by),
            "{what} on a sound file:\n{}",
            show(&problems)
        );
    }

    // Its cross-reference table and trailer cut off: qpdf and MuPDF repair it and must say so.
    // (Ghostscript 10 repairs it too, but -q keeps that to itself.)
    let xref = sound
        .windows(5)
        .rposition(|w| w == b"xref\n")
        .expect("a cross-reference table");
    let problems = check("cut.pdf", &sound[..xref]);
    assert!(reported(&problems, qpdf), "{}", show(&problems));
    assert!(reported(&problems, mupdf), "{}", show(&problems));

    // Sound structure, but the page draws an image it does not have: both renderers stop.
    let mut ops = hello();
    ops.push(Operation::new("Do", vec!["Im1".into()]));
    let problems = check("no-image.pdf", &pdf(vec![(LETTER.0, LETTER.1, ops)]));
    assert!(reported(&problems, gs), "{}", show(&problems));
    assert!(reported(&problems, mupdf), "{}", show(&problems));
    assert!(!reported(&problems, qpdf), "{}", show(&problems));
}

#[test]
#[ignore = "needs qpdf, poppler-utils, ghostscript, mupdf-tools"]
fn a_letter_handout_is_not_taken_for_a4() {
    let dir = tempfile::tempdir().unwrap();
    let out = common::handout(
        &common::root(),
        &["build", "-o", dir.path().to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", common::stderr(&out));
    let expect = |size| Expect {
        size,
        phrases: &["bone broth"],
        margin: SAFE_MARGIN,
    };
    let pdf = dir.path().join("food-list.pdf");
    assert_eq!(check_pdf(&pdf, &expect(PageSize::Letter)), []);
    let problems = check_pdf(&pdf, &expect(PageSize::A4));
    assert!(
        matches!(
            problems.as_slice(),
            [Problem::WrongPageSize { page: 1, width, height, expected: PageSize::A4 }]
                if *width == 612.0 && *height == 792.0
        ),
        "{}",
        show(&problems)
    );
}

// Below: no outside tool needed.

fn w(text: &str, x_min: f64, y_min: f64, x_max: f64, y_max: f64) -> Word {
    Word {
        x_min,
        y_min,
        x_max,
        y_max,
        text: text.into(),
    }
}

#[test]
fn the_bbox_xhtml_parses_into_pages_and_words() {
    let xhtml = r#"<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "x.dtd"><html xmlns="http://www.w3.org/1999/xhtml">
<head>
<title>Food &amp; more</title>
<meta name="Subject" content="a &lt;page&gt; of words"/>
</head>
<body>
<doc>
  <page width="612.000000" height="792.000000">
    <word xMin="106.000000" yMin="46.420000" xMax="139.193000" yMax="69.980000">The</word>
    <word xMin="145.5" yMin="46.42" xMax="198.378" yMax="69.98">body&#8217;s&#x20;&amp;&quot;&lt;&gt;&bogus;</word>
  </page>
  <page width="595.280000" height="841.890000">
  </page>
</doc>
</body>
</html>"#;
    let pages = parse_bbox(xhtml).unwrap();
    assert_eq!(pages.len(), 2);
    assert_eq!((pages[0].width, pages[0].height), (612.0, 792.0));
    assert_eq!((pages[1].width, pages[1].height), (595.28, 841.89));
    assert_eq!(
        pages[0].words,
        [
            w("The", 106.0, 46.42, 139.193, 69.98),
            w("body’s &\"<>&bogus;", 145.5, 46.42, 198.378, 69.98),
        ]
    );
    assert!(pages[1].words.is_empty());
}

#[test]
fn malformed_bbox_xhtml_is_an_error_not_an_empty_result() {
    for bad in [
        r#"<word xMin="1" yMin="1" xMax="2" yMax="2">orphan</word>"#,
        r#"<page width="612" height="792"><word xMin="1" yMin="1" xMax="2" yMax="2">open"#,
        r#"<page width="612"><word xMin="1" yMin="1" xMax="2" yMax="2">x</word>"#,
        r#"<page width="612" height="tall">"#,
        r#"<page width="612" height="792"><word xMin="1" yMin="1" xMax="2">x</word>"#,
        r#"<page width="612" height="792""#,
    ] {
        assert!(parse_bbox(bad).is_err(), "{bad}");
    }
}

#[test]
fn phrases_are_matched_loosely_but_not_too_loosely() {
    let text = "Your Body\u{2019}s   defense\n  sys-\n     tem is NOT an offi-\ncial\tdiagnosis";
    let flat = normalize(text);
    assert_eq!(
        flat,
        "your body's defense system is not an official diagnosis"
    );
    assert!(flat.contains(&normalize("your body’s defense system")));
    assert!(flat.contains(&normalize("not an  OFFICIAL diagnosis")));
    assert!(!flat.contains(&normalize("an official medical diagnosis")));
}

#[test]
fn overlap_is_the_shared_part_of_the_smaller_box() {
    let big = w("big", 0.0, 0.0, 100.0, 20.0);
    // Entirely inside: all of the smaller box is shared.
    assert_eq!(overlap(&big, &w("in", 10.0, 5.0, 30.0, 15.0)), 1.0);
    // Half of it inside, in either order.
    let half = w("half", 90.0, 0.0, 110.0, 20.0);
    assert_eq!(overlap(&big, &half), 0.5);
    assert_eq!(overlap(&half, &big), 0.5);
    // Touching or crossing by at most 0.5 pt either way does not count.
    assert_eq!(overlap(&big, &w("next", 100.0, 0.0, 120.0, 20.0)), 0.0);
    assert_eq!(overlap(&big, &w("kern", 99.6, 0.0, 120.0, 20.0)), 0.0);
    assert_eq!(overlap(&big, &w("below", 0.0, 19.5, 100.0, 40.0)), 0.0);
    assert_eq!(overlap(&big, &w("apart", 200.0, 0.0, 220.0, 20.0)), 0.0);
}

//! PDF/UA-1 (ISO 14289-1), as far as the files themselves show it: every PDF the tool writes
//! (the shipped handouts in English and Spanish, standard and large print, a filled-in copy,
//! a print job, and handouts made for these tests) read back with lopdf and held to the
//! Matterhorn Protocol's checkpoints that software can decide. The last test runs the
//! independent `pdfua` checker (PyPI) on them; docs/pdf-ua.md says what each covers.

mod built;
#[path = "../common/mod.rs"]
mod common;
mod tree;

use built::{built, document, documents};
use lopdf::{Object, ObjectId};
use tree::{annotation_place, children, drawn_in, elements, kids, name};

#[test]
fn every_pdf_declares_pdf_ua_1_in_its_xmp() {
    let docs = documents();
    assert!(docs.len() >= 20, "{} PDFs", docs.len());
    for (file, doc) in &docs {
        let catalog = doc.catalog().unwrap();
        let xmp = doc
            .dereference(catalog.get(b"Metadata").unwrap())
            .unwrap()
            .1;
        let xmp = String::from_utf8(xmp.as_stream().unwrap().content.clone()).unwrap();
        assert!(
            xmp.contains("xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"")
                && xmp.contains("<pdfuaid:part>1</pdfuaid:part>"),
            "{file}: {xmp}"
        );
        assert!(xmp.contains("<dc:title>"), "{file}: no dc:title");
        // What a reader needs besides (Matterhorn 06, 07, 11; ISO 14289-1 6.2).
        let mark_info = catalog.get(b"MarkInfo").unwrap().as_dict().unwrap();
        assert!(
            mark_info.get(b"Marked").unwrap().as_bool().unwrap(),
            "{file}"
        );
        assert!(
            !catalog.get(b"Lang").unwrap().as_str().unwrap().is_empty(),
            "{file}"
        );
        let prefs = catalog
            .get(b"ViewerPreferences")
            .unwrap()
            .as_dict()
            .unwrap();
        assert!(
            prefs.get(b"DisplayDocTitle").unwrap().as_bool().unwrap(),
            "{file}"
        );
    }
}

/// The standard structure types of ISO 32000-1 (14.8.4) that the tool writes: with no other,
/// the file needs no role map (Matterhorn 02).
const STANDARD: [&str; 18] = [
    "Document", "Part", "Div", "H1", "H2", "H3", "P", "L", "LI", "Lbl", "LBody", "Table", "TR",
    "TH", "TD", "Figure", "Link", "Form",
];

#[test]
fn every_header_cell_says_what_it_heads_and_rows_are_even() {
    let (mut rows_headed, mut columns_headed) = (0, 0);
    for (file, doc) in documents() {
        let all = elements(&doc);
        for e in &all {
            assert!(STANDARD.contains(&e.role.as_str()), "{file}: {}", e.role);
        }
        for (t, _) in all.iter().enumerate().filter(|(_, e)| e.role == "Table") {
            let widths: Vec<usize> = children(&all, t)
                .map(|(row, r)| {
                    assert_eq!(r.role, "TR", "{file}");
                    children(&all, row).count()
                })
                .collect();
            assert!(
                widths.windows(2).all(|w| w[0] == w[1]),
                "{file}: {widths:?}"
            );
        }
        for (i, th) in all.iter().enumerate().filter(|(_, e)| e.role == "TH") {
            let row = th.parent.unwrap();
            let heads_row = children(&all, row).any(|(_, c)| c.role == "TD");
            let a = th.dict.get(b"A").unwrap().as_dict().unwrap();
            assert_eq!(name(a, b"O"), b"Table", "{file}: TH {i}");
            let expected: &[u8] = if heads_row { b"Row" } else { b"Column" };
            assert_eq!(name(a, b"Scope"), expected, "{file}: TH {i}");
            *if heads_row {
                &mut rows_headed
            } else {
                &mut columns_headed
            } += 1;
        }
    }
    assert!(
        rows_headed >= 10 && columns_headed >= 10,
        "{rows_headed} {columns_headed}"
    );
    // A checklist without a label over its items: an empty header cell stands over them.
    let doc = document("made/unlabelled.pdf");
    let all = elements(&doc);
    let header_row = all.iter().position(|e| e.role == "TR").unwrap();
    let cells: Vec<_> = children(&all, header_row).map(|(_, c)| c).collect();
    assert_eq!(cells.len(), 3);
    assert!(cells.iter().all(|c| c.role == "TH"));
    assert!(kids(cells[0].dict).is_empty() && !kids(cells[1].dict).is_empty());
}

#[test]
fn header_and_footer_links_come_in_reading_order() {
    let (mut headers, mut footers) = (0, 0);
    for (file, doc) in documents() {
        let pages: Vec<ObjectId> = doc.get_pages().values().copied().collect();
        let at = |p: ObjectId| pages.iter().position(|&q| q == p).unwrap();
        let all = elements(&doc);
        // Each document's own top element: the Document, or each Part of a print job.
        let tops = all.iter().enumerate().filter(|(_, e)| {
            e.role == "Part" || (e.role == "Document" && !all.iter().any(|p| p.role == "Part"))
        });
        for (top, _) in tops {
            // On each page: the header's link, then what the page's content starts, then the
            // footer's link.
            let order: Vec<(usize, u8)> = children(&all, top)
                .map(|(_, e)| match e.role.as_str() {
                    "Link" => {
                        let (page, in_header) = annotation_place(&doc, e.dict);
                        *if in_header {
                            &mut headers
                        } else {
                            &mut footers
                        } += 1;
                        (at(page), if in_header { 0 } else { 2 })
                    }
                    _ => (at(e.page().unwrap()), 1),
                })
                .collect();
            assert!(order.windows(2).all(|w| w[0] <= w[1]), "{file}: {order:?}");
        }
    }
    assert!(headers >= 20 && footers >= 20, "{headers} {footers}");
}

#[test]
fn a_picture_with_empty_alt_is_decoration_not_a_figure() {
    let doc = document("made/pictures.pdf");
    let figures: Vec<_> = elements(&doc)
        .into_iter()
        .filter(|e| e.role == "Figure")
        .collect();
    assert_eq!(figures.len(), 1, "only the described picture is a Figure");
    let alt = figures[0].dict.get(b"Alt").unwrap().as_str().unwrap();
    assert_eq!(alt, b"A green leaf in a circle");
    // Blocks 1 (alt: "") and 3 (described) are drawn as Im1 and Im3.
    let page = doc.get_pages()[&1];
    assert_eq!(
        drawn_in(&doc, page, b"Im1"),
        Some((b"Artifact".to_vec(), None))
    );
    let (tag, mcid) = drawn_in(&doc, page, b"Im3").unwrap();
    assert_eq!(
        (tag.as_slice(), mcid.is_some()),
        (b"Figure".as_slice(), true)
    );
}

#[test]
fn pages_with_annotations_tab_in_structure_order() {
    let mut annotated = 0;
    for (file, doc) in documents() {
        for (n, page) in doc.get_pages() {
            let dict = doc.get_dictionary(page).unwrap();
            let annots = dict.get(b"Annots").and_then(Object::as_array);
            if annots.is_ok_and(|a| !a.is_empty()) {
                assert_eq!(name(dict, b"Tabs"), b"S", "{file} page {n}");
                annotated += 1;
            }
        }
    }
    assert!(annotated >= 20, "{annotated} pages with annotations");
}

#[test]
fn every_annotation_is_described_and_in_its_link_or_form_element() {
    for (file, doc) in documents() {
        // The annotations each Link and Form element points at (Matterhorn 28-010, 28-011).
        let mut pointed = std::collections::HashMap::new();
        for e in elements(&doc) {
            for kid in kids(e.dict) {
                let Ok(objr) = kid.as_dict() else { continue };
                if let Ok(annot) = objr.get(b"Obj").and_then(Object::as_reference) {
                    pointed.insert(annot, e.role.clone());
                }
            }
        }
        for page in doc.get_pages().into_values() {
            let dict = doc.get_dictionary(page).unwrap();
            let Ok(annots) = dict.get(b"Annots").and_then(Object::as_array) else {
                continue;
            };
            for annot in annots {
                let id = annot.as_reference().unwrap();
                let a = doc.get_dictionary(id).unwrap();
                // A description for screen readers (28-012; 28-005 for fields).
                let (role, description): (&str, &[u8]) = match name(a, b"Subtype") {
                    b"Link" => ("Link", b"Contents"),
                    b"Widget" => ("Form", b"TU"),
                    other => panic!("{file}: a {} annotation", String::from_utf8_lossy(other)),
                };
                assert_eq!(pointed.get(&id).map(String::as_str), Some(role), "{file}");
                assert!(a.get(b"StructParent").is_ok(), "{file}");
                let text = a.get(description).and_then(Object::as_str).unwrap();
                assert!(!text.is_empty(), "{file}");
            }
        }
    }
}

#[test]
fn headings_start_at_h1_skip_no_level_and_hold_text() {
    let level = |role: &str| role.strip_prefix('H').and_then(|n| n.parse::<u8>().ok());
    let mut seen = 0;
    for (file, doc) in documents() {
        let all = elements(&doc);
        let mut previous = 0;
        for e in &all {
            if e.role == "Part" {
                previous = 0;
            }
            let Some(n) = level(&e.role) else { continue };
            assert!(n <= previous + 1, "{file}: H{n} after H{previous}");
            previous = n;
            seen += 1;
            // The rule pdfua 0.1.3 cannot run on these files (UA-14-001): not empty.
            let text = kids(e.dict).into_iter().any(|k| {
                matches!(k, Object::Integer(_))
                    || k.as_dict().is_ok_and(|d| name(d, b"Type") == b"MCR")
            });
            assert!(text, "{file}: an empty H{n}");
        }
    }
    assert!(seen >= 40, "{seen} headings");
    // The food list's column titles were H3 right under the title.
    let doc = document("standard/food-list.pdf");
    let roles: Vec<String> = elements(&doc).into_iter().map(|e| e.role).collect();
    let headings: Vec<&str> = roles
        .iter()
        .map(String::as_str)
        .filter(|r| level(r).is_some())
        .collect();
    assert_eq!(headings[..3], ["H1", "H2", "H2"]);
}

#[test]
fn lists_say_how_they_are_numbered() {
    let doc = document("standard/about-leaky-gut.pdf");
    let numbering: Vec<Vec<u8>> = elements(&doc)
        .iter()
        .filter(|e| e.role == "L")
        .map(|e| {
            let a = e.dict.get(b"A").unwrap().as_dict().unwrap();
            assert_eq!(name(a, b"O"), b"List");
            name(a, b"ListNumbering").to_vec()
        })
        .collect();
    // As many bullet and step lists as the handout has (its blocks, counted from the YAML).
    let source = std::fs::read_to_string("handouts/about-leaky-gut.yaml").unwrap();
    let blocks = |kind: &str| source.lines().filter(|l| l.trim() == kind).count();
    let (steps, bullets) = (blocks("- steps:"), blocks("- bullets:"));
    assert!(
        steps >= 1 && bullets >= 1,
        "{steps} steps, {bullets} bullets"
    );
    assert_eq!(numbering.len(), steps + bullets);
    assert_eq!(
        numbering.iter().filter(|n| *n == b"Decimal").count(),
        steps,
        "the steps"
    );
    assert_eq!(
        numbering.iter().filter(|n| *n == b"Disc").count(),
        bullets,
        "the bullets"
    );
}

/// Where a piece of text is drawn: in the page header, the footer, other decoration, or
/// tagged content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Drawn {
    Header,
    Footer,
    Artifact,
    Tagged,
    Unmarked,
}

/// For each text-showing operator of `page`, the marked content it is drawn in.
fn text_places(doc: &lopdf::Document, page: ObjectId) -> Vec<Drawn> {
    let content = doc.get_and_decode_page_content(page).unwrap();
    let mut open: Vec<Drawn> = Vec::new();
    let mut places = Vec::new();
    for op in &content.operations {
        match op.operator.as_str() {
            "BDC" | "BMC" => {
                let tag = op.operands.first().and_then(|o| o.as_name().ok());
                let props = op.operands.get(1).and_then(|p| p.as_dict().ok());
                let subtype = props.map(|d| (name(d, b"Type"), name(d, b"Subtype")));
                let actual_text = props.is_some_and(|d| d.has(b"ActualText"));
                let enclosing = open.last().copied().unwrap_or(Drawn::Unmarked);
                open.push(match (tag, subtype) {
                    // A span that only gives a glyph's text belongs to what encloses it.
                    (Some(b"Span"), _) if actual_text => enclosing,
                    (Some(b"Artifact"), Some((b"Pagination", b"Header"))) => Drawn::Header,
                    (Some(b"Artifact"), Some((b"Pagination", b"Footer"))) => Drawn::Footer,
                    (Some(b"Artifact"), _) => Drawn::Artifact,
                    _ => Drawn::Tagged,
                });
            }
            "EMC" => {
                open.pop();
            }
            "Tj" | "TJ" => places.push(open.last().copied().unwrap_or(Drawn::Unmarked)),
            _ => {}
        }
    }
    places
}

#[test]
fn page_headers_and_footers_are_pagination_artifacts() {
    let mut pages_seen = 0;
    for (file, doc) in documents() {
        for (n, page) in doc.get_pages() {
            let places = text_places(&doc, page);
            if places.is_empty() {
                continue; // a blank page of a duplex print job
            }
            pages_seen += 1;
            let count = |d: Drawn| places.iter().filter(|p| **p == d).count();
            // The clinic's name and tagline; the contact line, disclaimer and "Page N of M".
            assert!(count(Drawn::Header) >= 2, "{file} page {n}: {places:?}");
            assert!(count(Drawn::Footer) >= 3, "{file} page {n}: {places:?}");
            assert_eq!(count(Drawn::Unmarked), 0, "{file} page {n}");
            assert!(count(Drawn::Tagged) > 0, "{file} page {n}");
            // The header comes first and the footer last, as on the page.
            assert_eq!(places.first(), Some(&Drawn::Header), "{file} page {n}");
            assert_eq!(places.last(), Some(&Drawn::Footer), "{file} page {n}");
        }
    }
    assert!(pages_seen >= 40, "{pages_seen} pages");
}

/// The `pdfua` checker: $PDFUA, else `pdfua` on the PATH (`.ci/run tools` installs it).
fn pdfua() -> String {
    std::env::var("PDFUA").unwrap_or_else(|_| "pdfua".to_string())
}

#[test]
#[ignore = "needs the pdfua checker (pip install pdfua; $PDFUA or pdfua on the PATH)"]
fn the_pdfua_checker_finds_nothing() {
    let (_, pdfs) = built();
    let out = std::process::Command::new(pdfua())
        .args(["check", "--format", "json"])
        .args(pdfs)
        .output()
        .unwrap_or_else(|e| panic!("{}: {e}; install it with `pip install pdfua`", pdfua()));
    let reports: Vec<serde_json::Value> = serde_json::Deserializer::from_slice(&out.stdout)
        .into_iter()
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    assert_eq!(reports.len(), pdfs.len(), "a report for every PDF");
    for report in &reports {
        let file = &report["file"];
        assert_eq!(report["findings"], serde_json::json!([]), "{file}");
        // pdfua 0.1.3's heading rule fails on a heading whose /K is an array (as every
        // heading of two lines or more is): it asks a pikepdf array for an attribute. The
        // rule is checked above instead; any other rule left unchecked fails.
        for skipped in report["skipped"].as_array().unwrap() {
            let known = skipped["rule_id"] == "UA-14-001"
                && skipped["reason"]
                    .as_str()
                    .unwrap()
                    .contains("'/is_integer'");
            assert!(known, "{file}: {skipped}");
        }
        assert!(
            report["summary"]["rules_run"].as_u64().unwrap() >= 11,
            "{file}"
        );
    }
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

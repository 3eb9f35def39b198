//! Layout checked on its own, without PDF: every box inside the printable area, no text on
//! other text or on rules and boxes, no heading left last on a page, nothing lost.

mod common;
mod editions;

use common::*;
use editions::{label, lay_out, setup, shipped, EDITIONS, LARGE, SIZES, STANDARD};
use handout::layout::{FieldKind, Item, Page};
use handout::model::{FieldKey, PageSize, Values};
use handout::run::{handout as build, Setup};

fn run(page_size: PageSize) -> Setup {
    Setup::load(
        &root().join("handouts/brand.yaml"),
        Some(page_size),
        Default::default(),
    )
    .expect("brand loads")
}

/// Fails with a description of every violated invariant on `pages`.
fn assert_invariants(name: &str, pages: &[Page], run: &Setup) {
    let (w, h) = run.page_size.points();
    let printable = handout::layout::Rect::new(36.0, 36.0, w - 72.0, h - 72.0);
    let style = run.style;
    let mut problems = Vec::new();
    for (p, page) in pages.iter().enumerate() {
        assert_eq!((page.width, page.height), (w, h));
        let texts: Vec<_> = page
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text(t) => Some((t, i.bounds())),
                _ => None,
            })
            .collect();
        for item in &page.items {
            if !printable.contains(&item.bounds()) {
                problems.push(format!(
                    "page {}: {:?} leaves the printable area",
                    p + 1,
                    item
                ));
            }
        }
        for (i, (a, ra)) in texts.iter().enumerate() {
            for (b, rb) in &texts[i + 1..] {
                if ra.overlaps(rb) {
                    problems.push(format!(
                        "page {}: text {:?} overlaps {:?}",
                        p + 1,
                        a.text,
                        b.text
                    ));
                }
            }
            for other in &page.items {
                let drawn_on = matches!(
                    other,
                    Item::Line { .. } | Item::Stroke { .. } | Item::Image { .. }
                );
                if drawn_on && ra.overlaps(&other.bounds()) {
                    problems.push(format!(
                        "page {}: text {:?} overlaps {:?}",
                        p + 1,
                        a.text,
                        other
                    ));
                }
            }
        }
        // A heading must have body text after it on the same page.
        if p + 1 < pages.len() {
            for (t, r) in &texts {
                if t.size == style.heading {
                    // Body text is tagged; the footer's (as large in large print) is not.
                    let followed = texts
                        .iter()
                        .any(|(u, s)| u.size == style.body && u.tag.is_some() && s.y > r.bottom());
                    if !followed {
                        problems.push(format!(
                            "page {}: heading {:?} left alone at the foot",
                            p + 1,
                            t.text
                        ));
                    }
                }
            }
        }
    }
    assert!(problems.is_empty(), "{name}:\n{}", problems.join("\n"));
}

#[test]
fn shipped_handouts_stay_inside_the_page_in_every_edition_on_letter_and_a4() {
    for (edition_name, edition) in EDITIONS {
        for size in SIZES {
            let run = setup(&root(), edition, size);
            for path in shipped(&root()) {
                let (_, laid) = lay_out(&run, &path, &Values::new());
                let name = format!("{} {edition_name} {size:?}", label(&root(), &path));
                assert_invariants(&name, &laid.pages, &run);
            }
        }
    }
}

#[test]
fn body_text_is_at_least_12_points() {
    let run = setup(&root(), STANDARD, PageSize::Letter);
    for path in shipped(&root()) {
        let (_, laid) = lay_out(&run, &path, &Values::new());
        let smallest_body = laid
            .pages
            .iter()
            .flat_map(|p| &p.items)
            .filter_map(|i| match i {
                // The header and footer (10 pt, like the QR code's caption) are the exception.
                Item::Text(t) if laid.body.contains(&i.bounds()) => Some(t.size),
                _ => None,
            })
            .fold(f32::MAX, f32::min);
        assert!(smallest_body < f32::MAX, "{path:?}: no body text found");
        assert!(smallest_body >= 12.0, "{path:?}: {smallest_body} pt");
    }
}

/// A long, awkward handout: many pages, a long table, long words, headings everywhere.
fn stress_yaml() -> String {
    let mut y = String::from(
        "title: A very long handout title that needs to wrap onto a second line for sure\n",
    );
    y.push_str("subtitle: Subtitle\nblocks:\n");
    for i in 0..12 {
        y.push_str(&format!("  - heading: Section {i} with a heading\n"));
        y.push_str("  - text: >-\n      ");
        for _ in 0..(3 + i % 5) {
            y.push_str("Several factors may contribute to increased intestinal permeability, including a poor diet and chronic stress. ");
        }
        y.push_str("Pneumonoultramicroscopicsilicovolcanoconiosisandthensomemoretomakeitwiderthanalineforsure.\n");
        y.push_str(
            "  - bullets: [Bloating, gas, or abdominal discomfort, Food sensitivities, Fatigue]\n",
        );
    }
    y.push_str(
        "  - checklist:\n      columns: [Mon, Tue, Wed, Thu, Fri, Sat, Sun]\n      items:\n",
    );
    for i in 0..40 {
        y.push_str(&format!(
            "        - Item {i} with enough words to wrap in a narrow column of the table\n"
        ));
    }
    y.push_str("  - columns:\n      - title: Enjoy\n        items: [Yogurt, Kefir, Sauerkraut, Bone broth]\n");
    y.push_str("      - title: Limit\n        items: [Processed foods, Refined sugar, Alcohol]\n");
    y.push_str(
        "  - fields: [Patient name, Date, A rather long label for a write-in field that wraps]\n",
    );
    y.push_str("  - note: {title: Note, text: Short note text.}\n");
    y.push_str("  - notes: Notes\n");
    y
}

#[test]
fn a_long_awkward_handout_paginates_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.yaml");
    std::fs::write(&path, stress_yaml()).unwrap();
    for size in [PageSize::Letter, PageSize::A4] {
        let run = run(size);
        let metrics = run.metrics().unwrap();
        let laid = build::lay_out(&run, &metrics, &path).expect("lays out");
        assert!(laid.pages.len() >= 5, "{} pages", laid.pages.len());
        assert_invariants("long", &laid.pages, &run);
        // Every page says which page it is, out of the right total.
        let n = laid.pages.len();
        for (i, page) in laid.pages.iter().enumerate() {
            assert!(page.text().contains(&format!("Page {} of {n}", i + 1)));
        }
        // The long word was broken, not dropped: its pieces add back up.
        let all: String = laid
            .pages
            .iter()
            .map(Page::text)
            .collect::<Vec<_>>()
            .join("");
        let squashed: String = all.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(squashed.contains("Pneumonoultramicroscopicsilicovolcanoconiosisandthensomemoretomakeitwiderthanalineforsure"));
        // All 40 rows are there, and the table header repeats on continuation pages.
        for i in 0..40 {
            assert!(all.contains(&format!("Item {i} ")), "row {i} lost");
        }
        let headers = laid
            .pages
            .iter()
            .filter(|p| p.text().contains("Wed\n"))
            .count();
        assert!(headers >= 2, "header row printed on {headers} pages");
    }
}

/// Smallest type in large print, anywhere on the page.
const LARGE_TYPE: f32 = 18.0;
/// Smallest check box in large print.
const LARGE_BOX: f32 = 24.0;
/// Least distance between ruled lines in large print.
const LARGE_PITCH: f32 = 36.0;

/// Every way `pages` fall short of large print: a character under 18 pt (header, footer,
/// labels, everything), a check box under 24 pt, two ruled lines (write-in lines, notes
/// lines, table rules: the thin lines, under 1 pt; thicker rules only separate) closer than
/// 36 pt where they run over the same stretch of the page.
fn large_print_problems(name: &str, pages: &[Page]) -> Vec<String> {
    let mut problems = Vec::new();
    for (p, page) in pages.iter().enumerate() {
        let at = format!("{name} page {}", p + 1);
        let mut ruled = Vec::new();
        for item in &page.items {
            match item {
                Item::Text(t) if t.size < LARGE_TYPE - 0.01 => {
                    problems.push(format!("{at}: text {:?} at {} pt", t.text, t.size));
                }
                Item::Stroke { rect, .. } if rect.w.min(rect.h) < LARGE_BOX - 0.01 => {
                    problems.push(format!("{at}: a {:.1} pt check box", rect.w.min(rect.h)));
                }
                Item::Field(f) if f.kind == FieldKind::CheckBox => {
                    let side = f.rect.w.min(f.rect.h);
                    if side < LARGE_BOX - 0.01 {
                        problems.push(format!("{at}: a {side:.1} pt fillable check box"));
                    }
                }
                Item::Line {
                    from, to, width, ..
                } if from.1 == to.1 && *width < 1.0 => {
                    ruled.push((from.1, from.0.min(to.0), from.0.max(to.0)));
                }
                _ => {}
            }
        }
        ruled.sort_by(|a, b| a.0.total_cmp(&b.0));
        for (i, &(y, x0, x1)) in ruled.iter().enumerate() {
            let below = ruled[i + 1..]
                .iter()
                .find(|&&(y2, a, b)| y2 > y + 0.01 && a < x1 - 1.0 && x0 < b - 1.0);
            if let Some(&(y2, ..)) = below.filter(|l| l.0 - y < LARGE_PITCH - 0.01) {
                problems.push(format!(
                    "{at}: ruled lines at {y:.1} and {y2:.1}, {:.1} pt apart",
                    y2 - y
                ));
            }
        }
    }
    problems
}

/// A name long enough to wrap on its write-in line.
const LONG_NAME: &str = "María de los Ángeles Rodríguez-Hernández y Castillo-Villanueva";

#[test]
fn large_print_is_large_everywhere_in_every_handout_language_and_paper_size() {
    let mut problems = Vec::new();
    let mut named = Values::new();
    for label in ["Patient name", "Nombre", "Name"] {
        named.insert(FieldKey::new(label), LONG_NAME.to_string());
    }
    for size in SIZES {
        let run = setup(&root(), LARGE, size);
        for path in shipped(&root()) {
            for values in [Values::new(), named.clone()] {
                let (_, laid) = lay_out(&run, &path, &values);
                let name = format!("{} {size:?}", label(&root(), &path));
                problems.extend(large_print_problems(&name, &laid.pages));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_large_print_check_finds_what_standard_print_sets_smaller() {
    let run = setup(&root(), STANDARD, PageSize::Letter);
    let path = root().join("handouts/symptom-checklist.yaml");
    let (_, laid) = lay_out(&run, &path, &Values::new());
    let problems = large_print_problems("standard", &laid.pages);
    for what in [": text ", "check box", "ruled lines"] {
        assert!(
            problems.iter().any(|p| p.contains(what)),
            "no {what:?} in {problems:#?}"
        );
    }
    // The footer's small print is among them.
    assert!(
        problems.iter().any(|p| p.contains("Page 1 of")),
        "{problems:#?}"
    );
}

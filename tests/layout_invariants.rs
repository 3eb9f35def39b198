//! Layout checked on its own, without PDF: every box inside the printable area, no text on
//! other text or on rules and boxes, no heading left last on a page, nothing lost.

mod common;

use common::*;
use handout::layout::{Item, Page, Style};
use handout::model::PageSize;
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
    let style = Style::default();
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
                    let followed = texts
                        .iter()
                        .any(|(u, s)| u.size == style.body && s.y > r.bottom() && s.y < h - 120.0);
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
fn shipped_handouts_stay_inside_the_page_on_letter_and_a4() {
    for size in [PageSize::Letter, PageSize::A4] {
        let run = run(size);
        let metrics = run.metrics().unwrap();
        for name in SHIPPED {
            let path = root().join(format!("handouts/{name}.yaml"));
            let laid = build::lay_out(&run, &metrics, &path).expect("shipped handouts lay out");
            assert_invariants(name, &laid.pages, &run);
        }
    }
}

#[test]
fn body_text_is_at_least_12_points() {
    let run = run(PageSize::Letter);
    let metrics = run.metrics().unwrap();
    for name in SHIPPED {
        let path = root().join(format!("handouts/{name}.yaml"));
        let laid = build::lay_out(&run, &metrics, &path).unwrap();
        let smallest_body = laid
            .pages
            .iter()
            .flat_map(|p| &p.items)
            .filter_map(|i| match i {
                // Footer text (10 pt, below the body) is the one exception.
                Item::Text(t) if t.baseline < p_footer_top(&run) => Some(t.size),
                _ => None,
            })
            .fold(f32::MAX, f32::min);
        assert!(smallest_body >= 12.0, "{name}: {smallest_body} pt");
    }
}

fn p_footer_top(run: &Setup) -> f32 {
    run.page_size.points().1 - 80.0
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

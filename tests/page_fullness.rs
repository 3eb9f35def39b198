//! Page breaks that do not waste paper: every page of every shipped handout, in every edition,
//! language and paper size, is at least two-thirds full, unless what starts the next page is
//! a block the rules keep whole (a list of six items or fewer, a picture, a note box, a short
//! paragraph, a heading or a lead-in ending in ":" bound to one of those). The rules are
//! written out here from the model, not read back from the paginator, so a paginator that
//! moves a block it could have cut fails. Run with `--nocapture` for the table of fullness.

mod common;
mod editions;

use common::*;
use editions::{label, lay_out, setup, shipped, EDITIONS, SIZES};
use handout::layout::{Item, Laid, Rect};
use handout::model::{Block, Handout, Values};

/// Pages must be at least this full (content bottom against body height).
const LEAST_FULL: f32 = 2.0 / 3.0;

/// How far down the body the content of `items` reaches, as a share of the body's height.
fn fullness(items: &[Item], body: Rect) -> f32 {
    let bottom = items
        .iter()
        .filter(|i| !matches!(i, Item::Anchor { .. } | Item::Link { .. }))
        .map(Item::bounds)
        .filter(|r| r.y >= body.y - 0.5 && r.bottom() <= body.bottom() + 0.5)
        .map(|r| r.bottom())
        .fold(body.y, f32::max);
    (bottom - body.y) / body.h
}

/// A structure element at the top of the tree (a heading, a paragraph, a list, a table) as
/// the tagged text of a page shows it.
#[derive(Debug, Clone, Copy)]
struct Group {
    /// Lines: distinct baselines.
    lines: usize,
    /// From its first line's top to its last line's bottom.
    height: f32,
}

/// The tagged text of a page, one group per structure element at the top of the tree, in
/// order.
fn text_groups(items: &[Item]) -> Vec<Group> {
    let mut groups: Vec<(u32, Vec<f32>, Rect)> = Vec::new();
    for item in items {
        let Item::Text(t) = item else { continue };
        let Some(root) = t.tag.as_ref().and_then(|tag| tag.0.first()) else {
            continue;
        };
        let r = item.bounds();
        match groups.last_mut() {
            Some((id, lines, span)) if *id == root.1 => {
                if !lines.iter().any(|&b| (b - t.baseline).abs() < 0.5) {
                    lines.push(t.baseline);
                }
                let bottom = span.bottom().max(r.bottom());
                span.y = span.y.min(r.y);
                span.h = bottom - span.y;
            }
            _ => groups.push((root.1, vec![t.baseline], r)),
        }
    }
    let group = |(_, lines, span): (u32, Vec<f32>, Rect)| Group {
        lines: lines.len(),
        height: span.h,
    };
    groups.into_iter().map(group).collect()
}

/// Whether the rules keep together the content from block `b` up to its first allowed
/// break, so it had to move whole. `groups` is the text at the top of the page the block
/// moved to, from the block on; `third` a third of the body's height.
///
/// A heading, or a paragraph ending in ":", binds what follows; a paragraph of four lines or
/// fewer cannot break (two lines on each side), a longer one can; a list of six items or
/// fewer stays whole when it has six lines or fewer; a table a third of a page tall or less
/// stays whole, a taller one breaks after its first row and before its last two; columns and write-in lines break with two items
/// or rows on each side; a picture and a note box never break. Anything else could have been cut.
fn moved_whole(blocks: &[Block], b: usize, groups: &[Group], third: f32) -> bool {
    let rest = groups.get(1..).unwrap_or_default();
    let next = || b + 1 < blocks.len() && moved_whole(blocks, b + 1, rest, third);
    let first = groups.first();
    match &blocks[b] {
        Block::Heading(_) => next(),
        Block::Text(t) => {
            let short = first.is_some_and(|g| g.lines <= 4);
            let lead_in = t.plain().trim_end().ends_with(':');
            short && (!lead_in || next())
        }
        Block::Bullets(items) | Block::Steps(items) => {
            items.len() <= 6 && first.is_some_and(|g| g.lines <= 6)
        }
        Block::Checklist(c) => c.items.len() < 3 || first.is_some_and(|g| g.height <= third),
        // Rows of one or two fields, two rows at least on each side of a break: six fields
        // may make three rows.
        Block::Fields(labels) => labels.len() <= 6,
        Block::Columns(cols) => cols.iter().all(|c| c.items.len() < 4),
        Block::Image(_) | Block::Note(_) => true,
        _ => false,
    }
}

/// One line of the table: the handout, the edition, and each page's fullness; and the
/// problems found, for each page left more than a third empty without cause.
fn judge(label: &str, handout: &Handout, laid: &Laid, problems: &mut Vec<String>) -> String {
    let mut row = format!("{label:<58}");
    let mut notes = Vec::new();
    let n = laid.pages.len();
    for (p, page) in laid.pages.iter().enumerate() {
        let full = fullness(&page.items, laid.body);
        row.push_str(&format!(" {:>4.0}%", 100.0 * full));
        if p + 1 == n || full >= LEAST_FULL {
            continue;
        }
        let next = laid.first_blocks[p + 1];
        let continued = next.is_some() && next == laid.last_blocks[p];
        let groups = text_groups(&laid.pages[p + 1].items);
        let third = laid.body.h / 3.0;
        let excused = match next {
            Some(b) if !continued => moved_whole(&handout.blocks, b, &groups, third),
            _ => false,
        };
        if excused {
            let kind = next.map_or("title", |b| handout.blocks[b].kind());
            notes.push(format!("page {} starts with {kind} kept whole", p + 2));
        } else {
            let how = if continued {
                "continues"
            } else {
                "moves whole"
            };
            problems.push(format!(
                "{label}: page {} is {:.0}% full, and block {next:?} that {how} onto page {} \
                 could have been cut",
                p + 1,
                100.0 * full,
                p + 2
            ));
        }
    }
    if !notes.is_empty() {
        row.push_str(&format!("   ({})", notes.join("; ")));
    }
    row
}

#[test]
fn every_page_but_the_last_is_two_thirds_full_unless_a_whole_block_moved() {
    let mut table = vec![format!("{:<58} fullness of each page", "handout")];
    let mut problems = Vec::new();
    for (name, edition) in EDITIONS {
        for size in SIZES {
            let run = setup(&root(), edition, size);
            for path in shipped(&root()) {
                let (handout, laid) = lay_out(&run, &path, &Values::new());
                let label = format!("{} {name} {size:?}", label(&root(), &path));
                table.push(judge(&label, &handout, &laid, &mut problems));
            }
        }
    }
    println!("{}", table.join("\n"));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Tagged text at the top of a page: for each element, that many lines 20 pt apart.
fn tagged_lines(groups: &[usize]) -> Vec<Item> {
    let mut items = Vec::new();
    let mut baseline = 115.0;
    for (id, &lines) in groups.iter().enumerate() {
        let tag = handout::layout::Tag::default().child(handout::layout::Role::P, id as u32);
        for _ in 0..lines {
            items.push(Item::Text(handout::layout::TextRun {
                x: 54.0,
                baseline,
                face: handout::assets::fonts::Face::Regular,
                size: 13.0,
                color: handout::model::Color::rgb(0, 0, 0),
                text: "words".into(),
                glyphs: Vec::new(),
                rtl: false,
                width: 30.0,
                ascent: 12.0,
                descent: 4.0,
                tag: Some(tag.clone()),
            }));
            baseline += 20.0;
        }
    }
    items
}

/// A two-page layout of `blocks_yaml`: page 1 filled to `full` of the body, page 2 starting
/// with block `next` (continued from page 1 when `continued`), whose text at the top is
/// `groups` (lines of each element).
fn two_pages(
    blocks_yaml: &str,
    full: f32,
    (next, continued): (usize, bool),
    groups: &[usize],
) -> (Handout, Laid) {
    let source = handout::model::Source {
        path: "test.yaml".into(),
        text: format!("title: T\nblocks:\n{blocks_yaml}"),
    };
    let handout = handout::model::parse_handout(&source).expect("valid test handout");
    let body = Rect::new(54.0, 100.0, 504.0, 600.0);
    let fill = |h: f32| Item::Fill {
        rect: Rect::new(54.0, 100.0, 504.0, h),
        color: handout::model::Color::rgb(0, 0, 0),
    };
    let page = |items| handout::layout::Page {
        width: 612.0,
        height: 792.0,
        items,
        furniture: handout::layout::Furniture::NONE,
    };
    let laid = Laid {
        pages: vec![page(vec![fill(600.0 * full)]), page(tagged_lines(groups))],
        body,
        first_blocks: vec![None, Some(next)],
        last_blocks: vec![Some(if continued { next } else { next - 1 }), Some(next)],
    };
    (handout, laid)
}

/// A test of the judge: the blocks, how full page 1 is, which block starts page 2 and
/// whether it continues there, the lines of each element at the top of page 2, and how many
/// problems the judge should find.
type Case<'a> = (String, f32, (usize, bool), &'a [usize], usize);

#[test]
fn the_judge_blames_a_block_that_could_have_been_cut_and_excuses_one_kept_whole() {
    let text = "  - text: Some words.\n";
    let table = "  - checklist:\n      columns: [Yes]\n      items: [a, b, c, d, e, f]\n";
    let short_list = "  - bullets: [a, b, c, d, e]\n";
    let long_list = "  - bullets: [a, b, c, d, e, f, g, h]\n";
    let heading = "  - heading: Symptoms\n";
    let lead_in = "  - text: 'They may include:'\n";
    let moved = (1, false);
    let cases: [Case; 10] = [
        // A table that moved whole, a page left half empty: it could have broken, unless it
        // is a third of the page tall or less (six lines of 20 pt are).
        (format!("{text}{table}"), 0.5, moved, &[12], 1),
        (format!("{text}{table}"), 0.5, moved, &[6], 0),
        // The same table cut early: half a page empty before its second part.
        (format!("{text}{table}"), 0.5, (1, true), &[4], 1),
        // A long list could have been cut; a short one stays whole, unless its items are
        // long (eight lines).
        (format!("{text}{long_list}"), 0.5, moved, &[8], 1),
        (format!("{text}{short_list}"), 0.5, moved, &[5], 0),
        (format!("{text}{short_list}"), 0.5, moved, &[8], 1),
        // A heading and a lead-in bound to a short list move with it.
        (
            format!("{text}{heading}{lead_in}{short_list}"),
            0.4,
            moved,
            &[1, 1, 5],
            0,
        ),
        (
            format!("{text}{heading}{lead_in}{long_list}"),
            0.4,
            moved,
            &[1, 1, 8],
            1,
        ),
        // A paragraph of six lines breaks after two.
        (format!("{text}{text}"), 0.5, moved, &[6], 1),
        // A page two-thirds full is fine whatever moved.
        (format!("{text}{table}"), 0.7, moved, &[6], 0),
    ];
    for (yaml, full, next, groups, expected) in cases {
        let (handout, laid) = two_pages(&yaml, full, next, groups);
        let mut problems = Vec::new();
        judge("test", &handout, &laid, &mut problems);
        assert_eq!(problems.len(), expected, "{yaml}: {problems:?}");
    }
}

/// A handout whose blocks land at every height of the page as `filler` grows: a heading and
/// a lead-in bound to a short list, a long table, columns longer than a page, notes.
fn moving_handout(filler: usize) -> String {
    let mut y = String::from("title: Page breaks\nblocks:\n  - text: >-\n      Start.");
    y.push_str(&" Some words to fill the page.".repeat(filler));
    y.push_str("\n  - heading: Section heading\n  - text: 'They may include:'\n");
    y.push_str(
        "  - bullets: [Short one, Short two, Short three, Short four, Short five, Short six]\n",
    );
    y.push_str(
        "  - checklist:\n      label: Symptom\n      columns: [Never, Often]\n      items:\n",
    );
    for r in 1..=12 {
        y.push_str(&format!("        - Row {r} of the table\n"));
    }
    y.push_str("  - columns:\n");
    for (title, n) in [("Enjoy", 30), ("Limit", 24)] {
        y.push_str(&format!("      - title: {title}\n        items:\n"));
        for i in 1..=n {
            y.push_str(&format!("          - {title} item {i}\n"));
        }
    }
    y.push_str("  - notes: My notes\n");
    y
}

/// The page each text run is on, with its text.
fn texts(laid: &Laid) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (p, page) in laid.pages.iter().enumerate() {
        for item in &page.items {
            if let Item::Text(t) = item {
                out.push((p, t.text.clone()));
            }
        }
    }
    out
}

/// The pages on which some text starting with `prefix` is printed.
fn pages_of(texts: &[(usize, String)], prefix: &str) -> Vec<usize> {
    let mut pages: Vec<usize> = texts
        .iter()
        .filter(|(_, t)| t.starts_with(prefix))
        .map(|(p, _)| *p)
        .collect();
    pages.dedup();
    pages
}

/// What must hold wherever the page breaks fall, for `laid` of [`moving_handout`].
fn break_rules(laid: &Laid) -> Vec<String> {
    let t = texts(laid);
    let mut problems = Vec::new();
    let page_of = |s: &str| pages_of(&t, s);
    // A heading and a lead-in stay with the short list, which stays whole.
    if page_of("Section") != page_of("Short") || page_of("They") != page_of("Short") {
        problems.push(format!(
            "heading {:?}, lead-in {:?}, list {:?}",
            page_of("Section"),
            page_of("They"),
            page_of("Short")
        ));
    }
    // The table's header is on every page with rows; two rows at least on its last page.
    let rows = page_of("Row");
    if rows.iter().any(|p| !page_of("Symptom").contains(p)) {
        problems.push(format!(
            "rows on {rows:?}, header on {:?}",
            page_of("Symptom")
        ));
    }
    let last_rows = t
        .iter()
        .filter(|(p, s)| s.starts_with("Row") && Some(p) == rows.last())
        .count();
    if rows.len() > 1 && last_rows < 2 {
        problems.push(format!("{last_rows} row alone on page {:?}", rows.last()));
    }
    // Each column's title is on every page with its items.
    for title in ["Enjoy", "Limit"] {
        let items = page_of(&format!("{title} item"));
        let titles: Vec<usize> = t
            .iter()
            .filter(|(_, s)| s == title)
            .map(|(p, _)| *p)
            .collect();
        if items.iter().any(|p| !titles.contains(p)) {
            problems.push(format!("{title}: items on {items:?}, title on {titles:?}"));
        }
    }
    problems
}

#[test]
fn wherever_the_breaks_fall_the_rules_hold_and_pages_stay_full() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("moving.yaml");
    let mut problems = Vec::new();
    let (mut tables_cut, mut columns_cut) = (0, 0);
    for (name, edition) in EDITIONS {
        for size in SIZES {
            let run = setup(&root(), edition, size);
            for filler in 0..30 {
                std::fs::write(&path, moving_handout(filler)).expect("written");
                let (handout, laid) = lay_out(&run, &path, &Values::new());
                let label = format!("{name} {size:?} filler {filler}");
                let t = texts(&laid);
                tables_cut += usize::from(pages_of(&t, "Row").len() > 1);
                columns_cut += usize::from(pages_of(&t, "Limit item").len() > 1);
                for p in break_rules(&laid) {
                    problems.push(format!("{label}: {p}"));
                }
                judge(&label, &handout, &laid, &mut problems);
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // The breaks did fall inside the table and the columns, many times.
    assert!(
        tables_cut > 20 && columns_cut > 20,
        "{tables_cut} {columns_cut}"
    );
}

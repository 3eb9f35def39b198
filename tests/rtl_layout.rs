//! Right-to-left pages, checked on the layout: the shipped symptom checklist and food list
//! with `lang: ar` (their text still in Latin letters: the geometry is what is tested) come
//! out mirrored: text flush right, bullets right of their text, the checklist's labels right
//! of its answer columns, the logo at the right of the header, the page number on the left.
//!
//! Each check returns what it finds wrong, and is shown to find something on the same
//! handout laid out left to right, so none of them can pass by checking nothing.

mod common;
mod editions;

use std::path::Path;

use common::root;
use editions::{lay_out, setup, EDITIONS, SIZES, STANDARD};
use handout::i18n;
use handout::layout::{mirror, ImageRef, Item, Laid, Page, Rect, Role, TextRun};
use handout::model::{Lang, PageSize, Values};
use handout::run::Setup;

/// Points of difference below which two edges are the same edge.
const SAME: f32 = 0.05;

/// The shipped handout `stem` laid out as a handout in `lang` (`None`: as shipped).
fn laid_in(run: &Setup, dir: &Path, stem: &str, lang: Option<&str>) -> Laid {
    let yaml = std::fs::read_to_string(root().join(format!("handouts/{stem}.yaml")))
        .expect("shipped handout reads");
    let yaml = match lang {
        Some(lang) => format!("lang: {lang}\n{yaml}"),
        None => yaml,
    };
    let path = dir.join(format!("{stem}-{}.yaml", lang.unwrap_or("shipped")));
    std::fs::write(&path, yaml).expect("temp file writes");
    lay_out(run, &path, &Values::new()).1
}

/// The handout in Arabic and as shipped (left to right), on the standard Letter edition.
fn both(stem: &str) -> (Laid, Laid) {
    let dir = tempfile::tempdir().expect("temp dir");
    let run = setup(&root(), STANDARD, PageSize::Letter);
    (
        laid_in(&run, dir.path(), stem, Some("ar")),
        laid_in(&run, dir.path(), stem, None),
    )
}

fn texts(page: &Page) -> impl Iterator<Item = &TextRun> {
    page.items.iter().filter_map(|i| match i {
        Item::Text(t) => Some(t),
        _ => None,
    })
}

/// The structure path of a run, empty for untagged text.
fn path(t: &TextRun) -> &Place {
    t.tag.as_ref().map_or(&[], |tag| &tag.0[..])
}

fn right(t: &TextRun) -> f32 {
    t.x + t.width
}

/// Items that leave the printable area (36 pt in) or the 18 pt safe area at the paper's edge.
fn outside_the_page(pages: &[Page]) -> Vec<String> {
    let mut problems = Vec::new();
    for (n, page) in pages.iter().enumerate() {
        let (w, h) = (page.width, page.height);
        let printable = Rect::new(36.0, 36.0, w - 72.0, h - 72.0);
        let safe = Rect::new(18.0, 18.0, w - 36.0, h - 36.0);
        for item in &page.items {
            let b = item.bounds();
            if !printable.contains(&b) || !safe.contains(&b) {
                problems.push(format!("page {}: {item:?} is off the page", n + 1));
            }
        }
    }
    problems
}

/// Bullets (list labels) not right of their item's text on the same line.
fn bullets_not_right_of_text(pages: &[Page]) -> Vec<String> {
    let mut problems = Vec::new();
    for page in pages {
        for label in texts(page).filter(|t| path(t).last().is_some_and(|e| e.0 == Role::Lbl)) {
            let item = &path(label)[..path(label).len() - 1];
            let body = texts(page).filter(|t| {
                let p = path(t);
                p.len() == item.len() + 1
                    && p.starts_with(item)
                    && p[item.len()].0 == Role::LBody
                    && (t.baseline - label.baseline).abs() < SAME
            });
            for t in body.filter(|t| label.x < right(t) - SAME) {
                problems.push(format!("{:?} is not right of {:?}", label.text, t.text));
            }
        }
    }
    problems
}

/// Checklist labels not right of every check box in their row, and the label column's
/// header not right of the answer columns' headers.
fn labels_not_right_of_answers(pages: &[Page], headers: &[&str], label: &str) -> Vec<String> {
    let mut problems = Vec::new();
    for page in pages {
        let boxes: Vec<Rect> = page
            .items
            .iter()
            .filter(|i| matches!(i, Item::Stroke { .. }))
            .map(Item::bounds)
            .collect();
        let row_header = |t: &&TextRun| path(t).last().is_some_and(|e| e.0 == Role::TH);
        for t in texts(page).filter(row_header) {
            let line = Rect::new(t.x, t.baseline - t.ascent, t.width, t.ascent + t.descent);
            let in_row = boxes
                .iter()
                .filter(|b| b.y < line.bottom() && line.y < b.bottom());
            for b in in_row.filter(|b| b.right() > t.x + SAME) {
                problems.push(format!("{:?} is not right of the box at x {}", t.text, b.x));
            }
        }
        let Some(head) = texts(page).find(|t| t.text == label) else {
            continue;
        };
        for answer in texts(page).filter(|t| headers.contains(&t.text.as_str())) {
            if right(answer) > head.x + SAME {
                problems.push(format!("{:?} is not right of {:?}", head.text, answer.text));
            }
        }
    }
    problems
}

/// The logo not at the right of the header, or the clinic's name not left of it.
fn logo_not_at_the_right(pages: &[Page], clinic: &str) -> Vec<String> {
    let mut problems = Vec::new();
    for page in pages {
        let logo = page.items.iter().find_map(|i| match i {
            Item::Image {
                image: ImageRef::Logo,
                rect,
                ..
            } => Some(*rect),
            _ => None,
        });
        let Some(logo) = logo else {
            problems.push("no logo".into());
            continue;
        };
        if logo.x + logo.w / 2.0 < page.width / 2.0 {
            problems.push(format!("the logo is on the left, at x {}", logo.x));
        }
        for name in texts(page).filter(|t| t.text == clinic) {
            if right(name) > logo.x + SAME {
                problems.push(format!(
                    "the clinic's name ends at {}, past the logo",
                    right(name)
                ));
            }
        }
    }
    problems
}

/// "Page N of M" (in `lang`'s words) not on the left half of its page.
fn page_number_not_on_the_left(pages: &[Page], lang: &str) -> Vec<String> {
    let lang = Lang::try_from(lang.to_string()).expect("a valid tag");
    let mut problems = Vec::new();
    for (n, page) in pages.iter().enumerate() {
        let label = i18n::strings(&lang).page_label(n + 1, pages.len());
        // Right to left, the label is set as several runs (words and digits in visual
        // order): the footer's runs made of the label's words stand for it.
        let parts: Vec<&TextRun> = texts(page)
            .filter(|t| t.baseline > page.height * 0.75)
            .filter(|t| !t.text.trim().is_empty() && label.contains(t.text.trim()))
            .collect();
        let letters = |s: &str| s.chars().filter(|c| !c.is_whitespace()).count();
        let found: usize = parts.iter().map(|t| letters(&t.text)).sum();
        let end = parts.iter().map(|t| right(t)).fold(f32::MIN, f32::max);
        match found == letters(&label) {
            true if end <= page.width / 2.0 => {}
            true => problems.push(format!("{label:?} ends at {end}")),
            false => problems.push(format!("no {label:?} on page {}", n + 1)),
        }
    }
    problems
}

/// A structure path: where a run sits in the document's structure.
type Place = [(Role, u32)];

/// One line of a paragraph: the paragraph, its baseline and its right edge.
struct ParagraphLine<'a> {
    paragraph: &'a Place,
    baseline: f32,
    end: f32,
}

/// The lines of every body paragraph (`P`) on `page`; a line's right edge is its rightmost
/// run's.
fn paragraph_lines(page: &Page) -> Vec<ParagraphLine<'_>> {
    let mut lines: Vec<ParagraphLine> = Vec::new();
    for t in texts(page).filter(|t| path(t).len() == 1 && path(t)[0].0 == Role::P) {
        let same = |l: &&mut ParagraphLine| {
            l.paragraph == path(t) && (l.baseline - t.baseline).abs() < SAME
        };
        match lines.iter_mut().find(same) {
            Some(line) => line.end = line.end.max(right(t)),
            None => lines.push(ParagraphLine {
                paragraph: path(t),
                baseline: t.baseline,
                end: right(t),
            }),
        }
    }
    lines
}

/// Lines of paragraphs of two lines or more (a one-line paragraph, such as the subtitle,
/// says nothing) that do not end at the right edge of the body.
fn paragraphs_not_flush_right(laid: &Laid) -> Vec<String> {
    let (mut problems, mut checked) = (Vec::new(), 0);
    let edge = laid.body.right();
    for page in &laid.pages {
        let lines = paragraph_lines(page);
        let count = |p: &Place| lines.iter().filter(|l| l.paragraph == p).count();
        for line in lines.iter().filter(|l| count(l.paragraph) >= 2) {
            checked += 1;
            if (line.end - edge).abs() > SAME {
                let (p, b, end) = (line.paragraph, line.baseline, line.end);
                problems.push(format!("{p:?}: the line at {b} ends at {end}, not {edge}"));
            }
        }
    }
    if checked == 0 {
        problems.push("no paragraph of two lines or more".into());
    }
    problems
}

/// Pairs of items that overlap in `mirrored` but not in `original`, and any difference
/// besides x (mirroring moves things across, never up or down, never resizes).
fn new_overlaps(mirrored: &[Page], original: &[Page]) -> Vec<String> {
    let mut problems = Vec::new();
    for (m, o) in mirrored.iter().zip(original) {
        if m.items.len() != o.items.len() {
            problems.push(format!("{} items, not {}", m.items.len(), o.items.len()));
            continue;
        }
        let mb: Vec<Rect> = m.items.iter().map(Item::bounds).collect();
        let ob: Vec<Rect> = o.items.iter().map(Item::bounds).collect();
        for (i, (a, b)) in mb.iter().zip(&ob).enumerate() {
            let moved = [a.y - b.y, a.w - b.w, a.h - b.h];
            if moved.iter().any(|d| d.abs() > 1e-3) {
                problems.push(format!("{:?} became {:?}", o.items[i], m.items[i]));
            }
            for j in i + 1..mb.len() {
                if mb[i].overlaps(&mb[j]) && !ob[i].overlaps(&ob[j]) {
                    problems.push(format!("{:?} now overlaps {:?}", m.items[i], m.items[j]));
                }
            }
        }
    }
    problems
}

#[test]
fn arabic_pages_stay_inside_the_page_in_every_edition_and_size() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, edition) in EDITIONS {
        for size in SIZES {
            let run = setup(&root(), edition, size);
            for stem in ["symptom-checklist", "food-list"] {
                let rtl = laid_in(&run, dir.path(), stem, Some("ar"));
                // The same pages turned back (mirroring twice gives a page back): what
                // layout made before the mirror.
                let mut unmirrored = rtl.pages.clone();
                unmirrored.iter_mut().for_each(mirror::mirror_page);
                let mut problems = outside_the_page(&rtl.pages);
                problems.extend(new_overlaps(&rtl.pages, &unmirrored));
                assert!(
                    problems.is_empty(),
                    "{stem} {name} {size:?}:\n{problems:#?}"
                );
            }
        }
    }
}

/// The first column's title not right of the second's: columns run right to left.
fn columns_not_right_to_left(pages: &[Page], first: &str, second: &str) -> Vec<String> {
    let find = |text: &str| pages.iter().flat_map(texts).find(|t| t.text == text);
    match (find(first), find(second)) {
        (Some(a), Some(b)) if b.x + b.width <= a.x + SAME => vec![],
        (Some(a), Some(b)) => vec![format!("{:?} at {} is left of {:?}", a.text, a.x, b.text)],
        _ => vec![format!("no {first:?} or no {second:?}")],
    }
}

#[test]
fn bullets_stand_right_of_their_text_and_columns_run_right_to_left() {
    let (rtl, ltr) = both("food-list");
    assert_eq!(bullets_not_right_of_text(&rtl.pages), Vec::<String>::new());
    assert!(!bullets_not_right_of_text(&ltr.pages).is_empty());
    let titles = ("Enjoy more often", "Limit");
    let columns = |laid: &Laid| columns_not_right_to_left(&laid.pages, titles.0, titles.1);
    assert_eq!(columns(&rtl), Vec::<String>::new());
    assert!(!columns(&ltr).is_empty());
}

#[test]
fn the_checklist_labels_are_right_of_the_answer_columns() {
    let headers = ["Never", "Sometimes", "Often"];
    let label = "In the past month";
    let (rtl, ltr) = both("symptom-checklist");
    assert_eq!(
        labels_not_right_of_answers(&rtl.pages, &headers, label),
        Vec::<String>::new()
    );
    let unmirrored = labels_not_right_of_answers(&ltr.pages, &headers, label);
    // Six rows of three boxes, and the three headers.
    assert_eq!(unmirrored.len(), 6 * 3 + 3, "{unmirrored:#?}");
}

#[test]
fn the_logo_is_at_the_right_of_the_header_and_the_page_number_on_the_left() {
    for stem in ["symptom-checklist", "food-list"] {
        let (rtl, ltr) = both(stem);
        let clinic = "The Green Leaf Clinic";
        assert_eq!(
            logo_not_at_the_right(&rtl.pages, clinic),
            Vec::<String>::new()
        );
        assert_eq!(
            page_number_not_on_the_left(&rtl.pages, "ar"),
            Vec::<String>::new()
        );
        assert!(!logo_not_at_the_right(&ltr.pages, clinic).is_empty());
        assert!(!page_number_not_on_the_left(&ltr.pages, "en").is_empty());
    }
}

#[test]
fn paragraph_lines_share_the_right_edge() {
    for stem in ["symptom-checklist", "food-list"] {
        let (rtl, ltr) = both(stem);
        assert_eq!(paragraphs_not_flush_right(&rtl), Vec::<String>::new());
        // Left to right the text is ragged right: some line stops short of the edge.
        assert!(!paragraphs_not_flush_right(&ltr).is_empty());
    }
}

#[test]
fn left_to_right_handouts_are_not_mirrored() {
    let dir = tempfile::tempdir().expect("temp dir");
    let run = setup(&root(), STANDARD, PageSize::Letter);
    for stem in ["symptom-checklist", "food-list"] {
        let shipped = laid_in(&run, dir.path(), stem, None);
        // English named: the very same pages.
        for lang in ["en-US", "en-GB"] {
            let laid = laid_in(&run, dir.path(), stem, Some(lang));
            assert_eq!(laid, shipped, "{stem} in {lang}");
        }
        // Other left-to-right languages keep the logo on the left and ragged-right text.
        for lang in ["es", "vi"] {
            let laid = laid_in(&run, dir.path(), stem, Some(lang));
            assert!(!logo_not_at_the_right(&laid.pages, "The Green Leaf Clinic").is_empty());
            assert!(
                !paragraphs_not_flush_right(&laid).is_empty(),
                "{stem} in {lang}"
            );
        }
        // Hebrew runs right to left too (the tool has no Hebrew words: English ones).
        let hebrew = laid_in(&run, dir.path(), stem, Some("he"));
        assert_ne!(hebrew, shipped, "{stem} in Hebrew");
        assert_eq!(
            logo_not_at_the_right(&hebrew.pages, "The Green Leaf Clinic"),
            Vec::<String>::new()
        );
    }
}

use super::*;
use crate::assets::fonts::Face;
use crate::layout::{FieldKind, FormField, Furniture, ImageRef};
use crate::model::Color;

const WIDTH: f32 = 600.0;
const INK: Color = Color::rgb(0, 0, 0);

fn run(text: &str, x: f32, width: f32, baseline: f32) -> Item {
    Item::Text(TextRun {
        x,
        baseline,
        face: Face::Regular,
        size: 12.0,
        color: INK,
        text: text.into(),
        glyphs: Vec::new(),
        rtl: false,
        width,
        ascent: 10.0,
        descent: 3.0,
        tag: None,
    })
}

fn page(items: Vec<Item>) -> Page {
    Page {
        width: WIDTH,
        height: 800.0,
        items,
        furniture: Furniture::NONE,
    }
}

/// Left edge and text of every run, in item order.
fn runs(page: &Page) -> Vec<(f32, String)> {
    page.items
        .iter()
        .filter_map(|i| match i {
            Item::Text(t) => Some((t.x, t.text.clone())),
            _ => None,
        })
        .collect()
}

fn lang(tag: &str) -> Lang {
    Lang::try_from(tag.to_string()).expect("a valid tag")
}

#[test]
fn a_line_of_abutting_runs_moves_whole_and_keeps_its_order() {
    // "Check **each** one": three runs, 100 + 40 + 60 wide, from x = 50.
    let mut p = page(vec![
        run("Check ", 50.0, 100.0, 100.0),
        run("each", 150.0, 40.0, 100.0),
        run(" one", 190.0, 60.0, 100.0),
    ]);
    mirror_page(&mut p);
    // The line spans 50..250; mirrored it spans 350..550, runs in the same order.
    assert_eq!(
        runs(&p),
        vec![
            (350.0, "Check ".into()),
            (450.0, "each".into()),
            (490.0, " one".into())
        ]
    );
}

#[test]
fn runs_in_logical_order_at_visual_places_still_move_as_one_line() {
    // "abc DEF GHI xyz" with DEF GHI right to left: drawn abc|IHG|FED|xyz, listed in
    // logical order. Each keeps its place in the line, and the line ends at the right margin.
    let mut p = page(vec![
        run("abc ", 50.0, 40.0, 100.0),
        run("DEF ", 130.0, 40.0, 100.0),
        run("GHI ", 90.0, 40.0, 100.0),
        run("xyz", 170.0, 30.0, 100.0),
        // A page number on the same baseline, apart: a line of its own.
        run("1", 500.0, 10.0, 100.0),
    ]);
    mirror_page(&mut p);
    let placed: Vec<f32> = runs(&p).iter().map(|r| r.0).collect();
    // The line spans 50..200; mirrored it spans 400..550: every run moves by 350.
    assert_eq!(placed, vec![400.0, 480.0, 440.0, 520.0, 90.0]);
}

#[test]
fn runs_apart_or_on_other_baselines_are_separate_lines() {
    // A bullet at 50 (6 wide), its text at 68; a second line under it.
    let mut p = page(vec![
        run("•", 50.0, 6.0, 100.0),
        run("Fruits", 68.0, 40.0, 100.0),
        run("Vegetables", 68.0, 70.0, 116.0),
    ]);
    mirror_page(&mut p);
    let placed = runs(&p);
    assert_eq!(placed[0].0, WIDTH - 56.0, "the bullet goes to the right");
    assert_eq!(placed[1].0, WIDTH - 108.0, "its text ends where it began");
    assert_eq!(
        placed[2].0,
        WIDTH - 138.0,
        "each line flush with the mirrored edge"
    );
    assert!(placed[0].0 > placed[1].0 + 40.0, "bullet right of its text");
}

#[test]
fn boxes_rules_pictures_and_fields_mirror_and_pictures_are_not_flipped() {
    let logo = Rect::new(36.0, 36.0, 80.0, 40.0);
    let box_ = Rect::new(400.0, 200.0, 12.0, 12.0);
    let mut p = page(vec![
        Item::Image {
            image: ImageRef::Logo,
            rect: logo,
            figure: None,
        },
        Item::Stroke {
            rect: box_,
            color: INK,
            width: 1.0,
        },
        Item::Field(FormField {
            kind: FieldKind::CheckBox,
            name: "a".into(),
            rect: box_,
            tag: None,
        }),
        Item::Line {
            from: (72.0, 300.0),
            to: (200.0, 300.0),
            color: INK,
            width: 1.0,
        },
    ]);
    mirror_page(&mut p);
    let rects: Vec<Rect> = p.items.iter().map(Item::bounds).collect();
    assert_eq!(rects[0], Rect::new(WIDTH - 116.0, 36.0, 80.0, 40.0));
    assert_eq!(rects[1].x, WIDTH - 412.0 - 0.5);
    assert_eq!(rects[2], Rect::new(WIDTH - 412.0, 200.0, 12.0, 12.0));
    assert_eq!(rects[3].x, WIDTH - 200.0 - 0.5);
    assert_eq!(rects[3].w, 129.0);
    assert!(rects.iter().all(|r| r.w > 0.0 && r.h > 0.0));
    let Item::Line { from, to, .. } = &p.items[3] else {
        panic!("a line stays a line");
    };
    assert_eq!(
        (*from, *to),
        ((400.0, 300.0), (528.0, 300.0)),
        "from its left end"
    );
}

#[test]
fn a_link_over_part_of_a_line_moves_with_the_line() {
    // "Call 555 · site.example": the link covers the last 80 pt of a 200 pt line at 50.
    let link = Rect::new(170.0, 90.0, 80.0, 13.0);
    let qr = Rect::new(500.0, 40.0, 60.0, 60.0);
    let mut p = page(vec![
        run("Call 555 · ", 50.0, 120.0, 100.0),
        run("site.example", 170.0, 80.0, 100.0),
        Item::Link {
            rect: link,
            uri: "https://site.example".into(),
        },
        Item::Link {
            rect: qr,
            uri: "https://qr.example".into(),
        },
    ]);
    mirror_page(&mut p);
    let placed = runs(&p);
    let rects: Vec<Rect> = p.items.iter().map(Item::bounds).collect();
    assert_eq!(rects[2].x, placed[1].0, "the link stays over the website");
    assert_eq!(
        rects[3].x,
        WIDTH - 560.0,
        "a link over no text mirrors like a box"
    );
}

#[test]
fn mirroring_twice_gives_the_page_back() {
    let original = page(vec![
        run("•", 50.0, 6.0, 100.0),
        run("Fruits ", 68.0, 40.0, 100.0),
        run("and nuts", 108.0, 45.0, 100.0),
        Item::Fill {
            rect: Rect::new(36.0, 36.0, 528.0, 80.0),
            color: INK,
        },
    ]);
    let mut twice = original.clone();
    mirror_page(&mut twice);
    assert_ne!(twice, original);
    mirror_page(&mut twice);
    for (a, b) in original.items.iter().zip(&twice.items) {
        let (ra, rb) = (a.bounds(), b.bounds());
        assert!((ra.x - rb.x).abs() < 1e-3, "{a:?} came back as {b:?}");
        assert_eq!((ra.y, ra.w, ra.h), (rb.y, rb.w, rb.h));
    }
}

#[test]
fn only_right_to_left_languages_are_mirrored() {
    let original = vec![page(vec![run("Page 1 of 1", 450.0, 100.0, 760.0)])];
    for tag in ["en-US", "es", "zh-Hans", "vi"] {
        assert_eq!(
            for_language(&lang(tag), original.clone()),
            original,
            "{tag}"
        );
    }
    for tag in ["ar", "he", "fa-IR"] {
        let mirrored = for_language(&lang(tag), original.clone());
        assert_eq!(runs(&mirrored[0])[0].0, 50.0, "{tag}");
    }
}

//! The content the pages of a print job have in common, drawn and stored once.
//!
//! A thousand copies of a checklist differ in a line or two (the patient's name); the
//! header, the table and the footer are the same. A page's `/Contents` may be an array of
//! streams that readers join, so each page here is its run of items shared with the first
//! page like it (the head), the items only it has (drawn for it alone), and the shared run
//! at its end (the tail). This takes a 3 KB content stream per copy down to a few hundred
//! bytes, and spares drawing it a thousand times.
//!
//! Marked content stays right: a page's marked-content numbers (MCIDs) count from the start
//! of its whole content, a shared tail is used only where it starts at the same number on
//! both pages, and no run starts or ends inside a sequence (a line the fallback font splits
//! into pieces is one). Which page a number belongs to comes from the page drawing it, so a shared
//! stream serves every page with its own structure elements. Drawing is left to `content`.

use std::collections::HashMap;
use std::hash::Hash;
use std::ops::Range;

use rayon::prelude::*;

use crate::layout::{Item, Page};
use crate::pdf::content;

/// How one page's content is made up.
#[derive(Debug, Clone, PartialEq)]
pub struct PageContent {
    /// The shared run it starts with, as an index into [`Sharing::runs`].
    pub head: Option<usize>,
    /// The items drawn for this page alone.
    pub own: Range<usize>,
    /// The MCID of the first of its own marked items.
    pub own_first_mcid: usize,
    /// The shared run it ends with.
    pub tail: Option<usize>,
}

/// A run of items that pages share: on page `page` (an index into the pages planned), the
/// items `items`, the first of them numbered `first_mcid`.
#[derive(Debug, Clone, PartialEq)]
pub struct SharedRun {
    pub page: usize,
    pub items: Range<usize>,
    pub first_mcid: usize,
}

/// Each page's content, and the runs they share.
#[derive(Debug, Default)]
pub struct Sharing {
    pub pages: Vec<PageContent>,
    pub runs: Vec<SharedRun>,
}

/// Plans the content of `pages`, each with a key saying which pages may be alike (the same
/// page of the same handout): each page is compared with the first page of its key.
pub fn plan<K: Eq + Hash + Sync>(pages: &[(&Page, K)]) -> Sharing {
    let mut first: HashMap<&K, usize> = HashMap::new();
    let models: Vec<Option<usize>> = pages
        .iter()
        .enumerate()
        .map(|(i, (_, key))| {
            let model = *first.entry(key).or_insert(i);
            (model != i).then_some(model)
        })
        .collect();
    let ends: Vec<Option<(usize, usize)>> = pages
        .par_iter()
        .zip(&models)
        .map(|((page, _), model)| model.map(|m| common_ends(&pages[m].0.items, &page.items)))
        .collect();
    let mut sharing = Sharing {
        pages: pages.iter().map(|(page, _)| whole(page)).collect(),
        runs: Vec::new(),
    };
    let mut runs: HashMap<(usize, usize, usize), usize> = HashMap::new();
    // The first page of a key takes the split of the first page compared with it.
    let mut split = vec![false; pages.len()];
    for (i, (model, ends)) in models.iter().zip(&ends).enumerate() {
        let (Some(model), Some((head, tail))) = (*model, *ends) else {
            continue;
        };
        let model_items = &pages[model].0.items;
        let items = &pages[i].0.items;
        let (head, tail) = whole_sequences(model_items, items, head, tail);
        let tail = shared_tail(model_items, items, tail);
        let mut run = |start: usize, end: usize| {
            let first_mcid = content::count_marked(&model_items[..start]);
            let next = sharing.runs.len();
            let index = *runs.entry((model, start, end)).or_insert(next);
            if index == next {
                sharing.runs.push(SharedRun {
                    page: model,
                    items: start..end,
                    first_mcid,
                });
            }
            index
        };
        let head_run = (head > 0).then(|| run(0, head));
        let tail_run = (tail > 0).then(|| run(model_items.len() - tail, model_items.len()));
        sharing.pages[i] = content_of(items, head_run, head, tail_run, tail);
        if !split[model] {
            split[model] = true;
            sharing.pages[model] = content_of(model_items, head_run, head, tail_run, tail);
        }
    }
    sharing
}

/// A page drawn whole, sharing nothing.
pub(super) fn whole(page: &Page) -> PageContent {
    PageContent {
        head: None,
        own: 0..page.items.len(),
        own_first_mcid: 0,
        tail: None,
    }
}

/// The content of a page of `items` that starts with `head` shared items and ends with
/// `tail` (the shared runs `head_run` and `tail_run`).
fn content_of(
    items: &[Item],
    head_run: Option<usize>,
    head: usize,
    tail_run: Option<usize>,
    tail: usize,
) -> PageContent {
    PageContent {
        head: head_run,
        own: head..items.len() - tail,
        own_first_mcid: content::count_marked(&items[..head]),
        tail: tail_run,
    }
}

/// How many items `a` and `b` have in common at their start and (after that) at their end.
fn common_ends(a: &[Item], b: &[Item]) -> (usize, usize) {
    let head = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let tail = a[head..]
        .iter()
        .rev()
        .zip(b[head..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    (head, tail)
}

/// The common `head` and `tail` of `model` and `page`, shortened where a cut after the head
/// or before the tail would split a marked-content sequence on either page.
fn whole_sequences(model: &[Item], page: &[Item], head: usize, tail: usize) -> (usize, usize) {
    let cuts = |at_model: usize, at_page: usize| {
        content::splits_sequence(model, at_model) || content::splits_sequence(page, at_page)
    };
    let mut head = head;
    while head > 0 && cuts(head, head) {
        head -= 1;
    }
    let mut tail = tail;
    while tail > 0 && cuts(model.len() - tail, page.len() - tail) {
        tail -= 1;
    }
    (head, tail)
}

/// The common tail of `model` and `page` (`tail` items long) if it can be shared: if its
/// marked content starts at the same number on both pages; else nothing.
fn shared_tail(model: &[Item], page: &[Item], tail: usize) -> usize {
    let before = |items: &[Item]| content::count_marked(&items[..items.len() - tail]);
    if tail > 0 && before(model) == before(page) {
        tail
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{Rect, Tag, TextRun};

    fn text(s: &str, tagged: bool) -> Item {
        Item::Text(TextRun {
            x: 0.0,
            baseline: 10.0,
            face: crate::assets::fonts::Face::Regular,
            size: 10.0,
            color: crate::model::Color::rgb(0, 0, 0),
            text: s.into(),
            glyphs: Vec::new(),
            rtl: false,
            width: 10.0,
            ascent: 8.0,
            descent: 2.0,
            tag: tagged.then(Tag::default),
        })
    }

    fn page(items: Vec<Item>) -> Page {
        Page {
            width: 100.0,
            height: 100.0,
            items,
            furniture: crate::layout::Furniture::NONE,
        }
    }

    fn rule() -> Item {
        Item::Fill {
            rect: Rect::new(0.0, 0.0, 1.0, 1.0),
            color: crate::model::Color::rgb(1, 2, 3),
        }
    }

    #[test]
    fn copies_share_what_they_have_in_common() {
        let a = page(vec![
            rule(),
            text("Name: Ana", true),
            text("Q1", true),
            rule(),
        ]);
        let b = page(vec![
            rule(),
            text("Name: José", true),
            text("Q1", true),
            rule(),
        ]);
        let other = page(vec![text("Another handout", true)]);
        let plan = plan(&[(&a, 0), (&b, 0), (&other, 1)]);
        assert_eq!(plan.runs.len(), 2, "{plan:?}");
        assert_eq!(plan.runs[0].items, 0..1);
        assert_eq!(plan.runs[1].items, 2..4);
        // The tail's first marked item is the page's second.
        assert_eq!(plan.runs[1].first_mcid, 1);
        for p in &plan.pages[..2] {
            assert_eq!(
                (p.head, p.own.clone(), p.own_first_mcid, p.tail),
                (Some(0), 1..2, 0, Some(1))
            );
        }
        assert_eq!(plan.pages[2], whole(&other));
    }

    #[test]
    fn marked_content_is_counted_as_it_is_drawn() {
        let figure = Item::Image {
            image: crate::layout::ImageRef::Block(0),
            rect: Rect::new(0.0, 0.0, 1.0, 1.0),
            figure: Some((Tag::default(), "A gut".into())),
        };
        let logo = Item::Image {
            image: crate::layout::ImageRef::Logo,
            rect: Rect::new(0.0, 0.0, 1.0, 1.0),
            figure: None,
        };
        let anchor = Item::Anchor {
            title: "Title".into(),
            x: 0.0,
            y: 0.0,
        };
        let items = [
            text("a", true),
            rule(),
            text("b", false),
            figure,
            logo,
            anchor,
        ];
        assert_eq!(content::count_marked(&items), 2);
        assert_eq!(content::marks(&items).len(), 2);
    }

    #[test]
    fn a_tail_whose_marked_content_is_numbered_differently_is_not_shared() {
        // The second copy's name takes two lines: the tail's text is its third marked item.
        let a = page(vec![text("Ana", true), text("Q1", true)]);
        let b = page(vec![
            text("José", true),
            text("María", true),
            text("Q1", true),
        ]);
        let plan = plan(&[(&a, 0), (&b, 0)]);
        assert!(plan.runs.is_empty(), "{plan:?}");
        assert_eq!(plan.pages[1], whole(&b));
    }

    /// `s` in `face`, tagged as the name's paragraph.
    fn name_piece(s: &str, face: crate::assets::fonts::Face) -> Item {
        let mut item = text(s, true);
        if let Item::Text(run) = &mut item {
            run.face = face;
            run.tag = Some(Tag::default().child(crate::layout::Role::P, 7));
        }
        item
    }

    #[test]
    fn a_name_split_by_the_fallback_font_is_one_marked_sequence() {
        use crate::assets::fonts::Face::{FallbackRegular, Regular};
        let items = [
            text("Name:", true),
            name_piece("Nguy", Regular),
            name_piece("ễ", FallbackRegular),
            name_piece("n", Regular),
            text("Q1", true),
        ];
        assert_eq!(content::count_marked(&items), 3);
        assert_eq!(content::marks(&items).len(), 3);
        // Cutting the page inside the name would split its sequence.
        assert!(content::splits_sequence(&items, 2) && content::splits_sequence(&items, 3));
        assert!(!content::splits_sequence(&items, 1) && !content::splits_sequence(&items, 4));
        // The same pieces in the brand's face alone are one sequence each, as ever.
        let brand: Vec<Item> = ["Nguy", "e", "n"].map(|s| name_piece(s, Regular)).into();
        assert_eq!(content::count_marked(&brand), 3);
    }

    #[test]
    fn copies_share_their_tail_whether_or_not_a_name_needs_the_fallback() {
        use crate::assets::fonts::Face::{FallbackRegular, Regular};
        let a = page(vec![
            rule(),
            text("Name:", true),
            name_piece("Ana", Regular),
            text("Q1", true),
            rule(),
        ]);
        let b = page(vec![
            rule(),
            text("Name:", true),
            name_piece("Nguy", Regular),
            name_piece("ễ", FallbackRegular),
            name_piece("n", Regular),
            text("Q1", true),
            rule(),
        ]);
        let plan = plan(&[(&a, 0), (&b, 0)]);
        assert_eq!(plan.runs.len(), 2, "{plan:?}");
        assert_eq!(plan.runs[1].items, 3..5);
        assert_eq!(plan.runs[1].first_mcid, 2);
        assert_eq!(plan.pages[1].own, 2..5);
        assert_eq!(plan.pages[1].tail, Some(1));
    }

    #[test]
    fn no_shared_run_ends_inside_a_split_name() {
        use crate::assets::fonts::Face::{FallbackRegular, Regular};
        // Both names start with "Nguy": a run cut after it would split the sequence.
        let a = page(vec![
            name_piece("Nguy", Regular),
            name_piece("ễ", FallbackRegular),
            name_piece("n", Regular),
            rule(),
        ]);
        let b = page(vec![
            name_piece("Nguy", Regular),
            name_piece("ễ", FallbackRegular),
            name_piece("n Văn", Regular),
            rule(),
        ]);
        let plan = plan(&[(&a, 0), (&b, 0)]);
        assert!(plan.pages.iter().all(|p| p.head.is_none()), "{plan:?}");
        assert_eq!(plan.pages[1].own, 0..3);
    }
}

//! Page breaking: distributes frames over pages.
//!
//! A [`Frame`] is a slice of content that must not be split (two lines of a paragraph, one
//! checklist row, a note box). The paginator fills the body area top to bottom; a frame that
//! does not fit starts a new page, and frames marked `keep_with_next` (headings, table headers)
//! move with what follows, so no heading is left alone at the foot of a page. A chain of them
//! too long for any page (a run of sixty headings) binds only where it fits, so it still fills
//! pages.

use super::limits::{self, MAX_PAGES};
use super::{Geometry, Item, LayoutError};
use crate::model::{Color, FieldPath};

/// Unbreakable content; item y positions are relative to the frame's top.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Frame {
    pub height: f32,
    pub items: Vec<Item>,
    /// Space above the frame, dropped at the top of a page.
    pub space_before: f32,
    /// Must share a page with the next frame.
    pub keep_with_next: bool,
    /// The block this frame comes from, for error messages.
    pub block: Option<usize>,
    /// When this is the last frame: keep drawing ruled lines to the foot of the page.
    pub fill: Option<FillLines>,
    /// Drawn first when this frame starts a page: a table's header row, repeated.
    pub repeat_header: Option<Box<Frame>>,
}

/// Ruled write-in lines that continue to the bottom of the body area.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FillLines {
    pub pitch: f32,
    pub x0: f32,
    pub x1: f32,
    pub color: Color,
    pub width: f32,
}

/// The body items of each page, positioned.
pub fn paginate(
    mut frames: Vec<Frame>,
    geometry: &Geometry,
) -> Result<Vec<Vec<Item>>, LayoutError> {
    let body = geometry.body;
    let mut pages: Vec<Vec<Item>> = vec![Vec::new()];
    let mut y = body.y;
    let mut at_top = true;
    let last = frames.len().saturating_sub(1);
    let mut i = 0;
    while i < frames.len() {
        let frame = &frames[i];
        if frame.height > body.h {
            return Err(too_tall(frame, body.h));
        }
        let header = frame.repeat_header.as_deref().filter(|_| at_top);
        let header_h = header.map_or(0.0, |h| h.height);
        let gap = if at_top { 0.0 } else { frame.space_before };
        let need = gap + header_h + frame.height + chain_after(&frames, i, body.h - frame.height);
        if y + need > body.bottom() + 0.01 && !at_top {
            if pages.len() == MAX_PAGES {
                return Err(limits::too_many_pages(frame.block));
            }
            pages.push(Vec::new());
            y = body.y;
            at_top = true;
            continue;
        }
        let page = pages
            .last_mut()
            .expect("pages starts non-empty and only grows");
        if let Some(h) = header {
            // A repeated header is decoration: screen readers met it on the first page.
            page.extend(h.items.iter().cloned().map(|mut item| {
                item.shift_y(y);
                item.untag();
                item
            }));
            y += h.height;
        }
        let top = y + gap;
        let (height, fill) = (frame.height, frame.fill);
        // Placed once: the items move to the page instead of being copied.
        page.extend(
            std::mem::take(&mut frames[i].items)
                .into_iter()
                .map(|mut item| {
                    item.shift_y(top);
                    item
                }),
        );
        y = top + height;
        at_top = false;
        if let (Some(fill), true) = (fill, i == last) {
            page.extend(fill.lines(y, body.bottom()));
        }
        i += 1;
    }
    Ok(pages)
}

/// The error for a frame taller than the page's body (`room`): nothing can place it.
fn too_tall(frame: &Frame, room: f32) -> LayoutError {
    let field = frame
        .block
        .map_or(FieldPath::at("title"), |i| FieldPath::at("blocks").index(i));
    LayoutError::in_handout(
        field,
        format!(
            "too tall for a page: one unbreakable part of this block is {:.0} pt tall, \
             and a page has room for {:.0} pt; split it into shorter items",
            frame.height, room
        ),
    )
}

impl FillLines {
    /// The lines below `y`, one pitch apart, down to `bottom`.
    fn lines(&self, y: f32, bottom: f32) -> Vec<Item> {
        let mut items = Vec::new();
        let mut line_y = y + self.pitch;
        while line_y <= bottom {
            items.push(Item::Line {
                from: (self.x0, line_y),
                to: (self.x1, line_y),
                color: self.color,
                width: self.width,
            });
            line_y += self.pitch;
        }
        items
    }
}

/// Height of the frames that must follow frame `i` onto its page: its keep-with-next chain,
/// up to and including the first frame that is not kept with the next.
///
/// A chain that would not fit in `room` (a fresh page's, after frame `i`) cannot share a
/// page whatever the paginator does, so it does not bind: frame `i` is placed as if free.
/// A run of sixty headings then fills pages, and only its last headings, those that fit on
/// one page with what follows them, still move together.
fn chain_after(frames: &[Frame], i: usize, room: f32) -> f32 {
    let mut need = 0.0;
    let mut j = i;
    while frames[j].keep_with_next && j + 1 < frames.len() {
        j += 1;
        need += frames[j].space_before + frames[j].height;
        if need > room {
            return 0.0;
        }
    }
    need
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::Rect;

    fn geometry(body_h: f32) -> Geometry {
        Geometry {
            width: 612.0,
            height: 792.0,
            printable: Rect::new(36.0, 36.0, 540.0, 720.0),
            body: Rect::new(54.0, 100.0, 504.0, body_h),
        }
    }

    /// A frame whose one item is a filled box the frame's full height, so positions show.
    fn frame(height: f32, keep_with_next: bool) -> Frame {
        Frame {
            height,
            items: vec![Item::Fill {
                rect: Rect::new(54.0, 0.0, 504.0, height),
                color: Color::rgb(0, 0, 0),
            }],
            space_before: 10.0,
            keep_with_next,
            ..Frame::default()
        }
    }

    fn tops(page: &[Item]) -> Vec<f32> {
        page.iter().map(|i| i.bounds().y).collect()
    }

    #[test]
    fn frames_stack_with_gaps_and_break_when_full() {
        let pages = paginate(vec![frame(100.0, false); 5], &geometry(300.0)).unwrap();
        // 100 + 10 + 100 = 210 fits, a third needs 320 > 300.
        assert_eq!(pages.len(), 3);
        assert_eq!(tops(&pages[0]), vec![100.0, 210.0]);
        // The gap above a frame is dropped at the top of a page.
        assert_eq!(tops(&pages[1]), vec![100.0, 210.0]);
        assert_eq!(tops(&pages[2]), vec![100.0]);
    }

    #[test]
    fn a_heading_moves_to_the_next_page_with_its_paragraph() {
        // 150 + (10+40 heading) fits in 300, but the heading's paragraph (10+100) would not.
        let frames = vec![frame(150.0, false), frame(40.0, true), frame(100.0, false)];
        let pages = paginate(frames, &geometry(300.0)).unwrap();
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[0].len(), 1);
        assert_eq!(tops(&pages[1]), vec![100.0, 150.0]);
    }

    #[test]
    fn a_frame_taller_than_a_page_is_an_error_not_clipped() {
        let mut tall = frame(400.0, false);
        tall.block = Some(3);
        let err = paginate(vec![tall], &geometry(300.0)).unwrap_err();
        assert_eq!(err.field.to_string(), "blocks[3]");
        assert!(
            err.message.contains("too tall for a page"),
            "{}",
            err.message
        );
    }

    #[test]
    fn a_keep_chain_longer_than_a_page_still_progresses() {
        let frames = vec![frame(120.0, true); 6];
        let pages = paginate(frames, &geometry(300.0)).unwrap();
        assert_eq!(pages.iter().map(Vec::len).sum::<usize>(), 6);
    }

    #[test]
    fn a_keep_chain_longer_than_a_page_fills_pages_instead_of_one_frame_each() {
        // Ten headings kept with the next, 100 tall with 10 between: two share a 300 page,
        // but the chain of ten never fits one, so it binds only where it fits: the last two
        // headings and the 50 after them (100 + 110 + 60) share the last page.
        let mut frames = vec![frame(100.0, true); 10];
        frames.push(frame(50.0, false));
        let pages = paginate(frames, &geometry(300.0)).unwrap();
        let per_page: Vec<usize> = pages.iter().map(Vec::len).collect();
        assert_eq!(per_page, [2, 2, 2, 2, 3], "{per_page:?}");
    }

    #[test]
    fn content_past_the_last_page_allowed_is_an_error_at_its_block() {
        // Two frames to a page: the frame that would start one page too many is refused.
        let mut frames = vec![frame(100.0, false); 2 * MAX_PAGES + 1];
        frames[2 * MAX_PAGES].block = Some(7);
        let err = paginate(frames, &geometry(300.0)).unwrap_err();
        assert_eq!(err.field.to_string(), "blocks[7]");
        assert!(err.message.contains("too many pages"), "{}", err.message);
        let fits = vec![frame(100.0, false); 2 * MAX_PAGES];
        assert_eq!(paginate(fits, &geometry(300.0)).unwrap().len(), MAX_PAGES);
    }

    #[test]
    fn a_table_header_repeats_on_the_next_page() {
        let header = frame(20.0, true);
        let mut rows = vec![header.clone()];
        for _ in 0..4 {
            let mut row = frame(100.0, false);
            row.space_before = 0.0;
            row.repeat_header = Some(Box::new(header.clone()));
            rows.push(row);
        }
        let pages = paginate(rows, &geometry(300.0)).unwrap();
        assert_eq!(pages.len(), 2);
        // Page 1: header + two rows; page 2: the header again, then the last two rows.
        assert_eq!(tops(&pages[0]), vec![100.0, 120.0, 220.0]);
        assert_eq!(tops(&pages[1]), vec![100.0, 120.0, 220.0]);
        assert_eq!(pages[1][0].bounds().h, 20.0);
    }

    #[test]
    fn fill_lines_run_to_the_foot_of_the_page() {
        let mut notes = frame(50.0, false);
        notes.fill = Some(FillLines {
            pitch: 25.0,
            x0: 54.0,
            x1: 558.0,
            color: Color::rgb(0, 0, 0),
            width: 1.0,
        });
        let pages = paginate(vec![notes], &geometry(300.0)).unwrap();
        let lines: Vec<f32> = pages[0]
            .iter()
            .skip(1)
            .map(|i| i.bounds().y + 0.5)
            .collect();
        // Lines at 175, 200, ..., 400 (the body's bottom), none beyond.
        assert_eq!(lines.len(), 10, "{lines:?}");
        assert!(lines.iter().all(|&y| y <= 400.0));
    }
}

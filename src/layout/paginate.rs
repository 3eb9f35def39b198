//! Page breaking: distributes frames over pages.
//!
//! A [`Frame`] is a slice of content that must not be split (two lines of a paragraph, one
//! checklist row, a note box). The paginator fills the body area top to bottom; a frame that
//! does not fit starts a new page, and frames marked `keep_with_next` (headings, table headers)
//! move with what follows, so no heading is left alone at the foot of a page.

use super::{Geometry, Item, LayoutError};
use crate::model::Color;

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
pub fn paginate(frames: Vec<Frame>, geometry: &Geometry) -> Result<Vec<Vec<Item>>, LayoutError> {
    let body = geometry.body;
    let mut pages: Vec<Vec<Item>> = vec![Vec::new()];
    let mut y = body.y;
    let mut at_top = true;
    let last = frames.len().saturating_sub(1);
    let mut i = 0;
    while i < frames.len() {
        let frame = &frames[i];
        if frame.height > body.h {
            return Err(LayoutError {
                block: frame.block,
                message: format!(
                    "this content is {:.0} pt tall and cannot fit on one page ({:.0} pt available)",
                    frame.height, body.h
                ),
            });
        }
        let header = frame.repeat_header.as_deref().filter(|_| at_top);
        let header_h = header.map_or(0.0, |h| h.height);
        let gap = if at_top { 0.0 } else { frame.space_before };
        let need = gap + header_h + frame.height + chain_after(&frames, i, body.h - frame.height);
        if y + need > body.bottom() + 0.01 && !at_top {
            pages.push(Vec::new());
            y = body.y;
            at_top = true;
            continue;
        }
        let page = pages
            .last_mut()
            .expect("pages starts non-empty and only grows");
        if let Some(h) = header {
            page.extend(h.items.iter().cloned().map(|mut item| {
                item.shift_y(y);
                item
            }));
            y += h.height;
        }
        let top = y + gap;
        page.extend(frame.items.iter().cloned().map(|mut item| {
            item.shift_y(top);
            item
        }));
        y = top + frame.height;
        at_top = false;
        if let (Some(fill), true) = (frame.fill, i == last) {
            let mut line_y = y + fill.pitch;
            while line_y <= body.bottom() {
                page.push(Item::Line {
                    from: (fill.x0, line_y),
                    to: (fill.x1, line_y),
                    color: fill.color,
                    width: fill.width,
                });
                line_y += fill.pitch;
            }
        }
        i += 1;
    }
    Ok(pages)
}

/// Height of the frames that must follow frame `i` onto its page (its keep-with-next chain),
/// counting only as much of the chain as could ever fit in `room`.
fn chain_after(frames: &[Frame], i: usize, room: f32) -> f32 {
    let mut need = 0.0;
    let mut j = i;
    while frames[j].keep_with_next && j + 1 < frames.len() {
        j += 1;
        let next = frames[j].space_before + frames[j].height;
        if need + next > room {
            break;
        }
        need += next;
    }
    need
}

//! Page breaking: distributes frames over pages.
//!
//! A [`Frame`] is a slice of content that must not be split (two lines of a paragraph, one
//! checklist row, a note box). The paginator fills the body area top to bottom; a frame that
//! does not fit starts a new page, and frames marked `keep_with_next` (headings, table headers,
//! the items of a short list) move with what follows, so no heading is left alone at the foot
//! of a page. A chain of them too long for any page (a run of sixty headings) binds only where
//! it fits, so it still fills pages.
//!
//! Two kinds of frame bend: a [`Flow`] (lists side by side) is cut between its pieces where
//! the page ends and continues on the next, and ruled lines for notes at the end of a handout
//! start at the foot of the page with the lines that fit rather than move to a page of their
//! own.

mod flow;

pub use flow::{Flow, Piece};

use super::limits::{self, MAX_PAGES};
use super::{Geometry, Item, LayoutError, Rect};
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
    /// Content cut between pieces where a page ends; it stands for `items` and `height`.
    pub flow: Option<Box<Flow>>,
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

/// The body of one page: its items, positioned, and the blocks placed first and last on it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Body {
    pub items: Vec<Item>,
    /// The block of the page's first frame (`None` for the title): where the page starts.
    pub first_block: Option<usize>,
    /// The block of the page's last frame: the same as the next page's first when that block
    /// was cut between the pages.
    pub last_block: Option<usize>,
}

/// The body items of each page, positioned.
pub fn paginate(mut frames: Vec<Frame>, geometry: &Geometry) -> Result<Vec<Body>, LayoutError> {
    let mut pages = Pages::new(geometry.body);
    let last = frames.len().saturating_sub(1);
    let mut i = 0;
    while i < frames.len() {
        if frames[i].flow.is_some() {
            pages.flow(&mut frames[i])?;
        } else if pages.fits(&frames, i, i == last)? {
            pages.frame(&mut frames[i], i == last);
        } else {
            pages.new_page(frames[i].block)?;
            continue;
        }
        i += 1;
    }
    Ok(pages.done)
}

/// Room to spare when testing a fit, for rounding.
const EPS: f32 = 0.01;

/// A last page holding at most this share of the body may have only spilled over...
const SPILL_SHARE: f32 = 0.4;
/// ... and is saved, when it can be, by laying the handout out again with the space above
/// blocks and items scaled by the first of these that needs a page less: a little tighter,
/// one sheet less.
const TIGHT_GAPS: [f32; 2] = [0.75, 0.5];
/// Handouts of at most this many frames (a dozen pages) are worth those tries; each lays out
/// a copy of the frames.
const MAX_RETRY_FRAMES: usize = 1_000;

/// Like [`paginate`], but a handout whose last page is not much filled, as if it had only
/// spilled over from the page before, is laid out again with tighter spacing between blocks,
/// and that layout is kept if it needs one page less.
pub fn paginate_saving(frames: Vec<Frame>, geometry: &Geometry) -> Result<Vec<Body>, LayoutError> {
    let spare = (frames.len() <= MAX_RETRY_FRAMES).then(|| frames.clone());
    let pages = paginate(frames, geometry)?;
    let spilled = pages.len() >= 2 && last_share(&pages, geometry.body) <= SPILL_SHARE;
    let Some(spare) = spare.filter(|_| spilled) else {
        return Ok(pages);
    };
    for scale in TIGHT_GAPS {
        let mut tight = spare.clone();
        for frame in &mut tight {
            frame.space_before *= scale;
        }
        match paginate(tight, geometry) {
            Ok(fewer) if fewer.len() < pages.len() => return Ok(fewer),
            _ => continue,
        }
    }
    Ok(pages)
}

/// How far down the body the last page's content reaches, as a share of its height. Lines
/// do not count: a page of ruled lines for notes under their title holds only the title.
fn last_share(pages: &[Body], body: Rect) -> f32 {
    let bottom = pages
        .last()
        .map(|p| &p.items)
        .into_iter()
        .flatten()
        .filter(|i| !matches!(i, Item::Line { .. }))
        .map(|i| i.bounds().bottom())
        .fold(body.y, f32::max);
    (bottom - body.y) / body.h
}

/// The pages filled so far and where the next frame goes.
struct Pages {
    body: Rect,
    done: Vec<Body>,
    /// Where the next frame starts.
    y: f32,
    /// Nothing placed on the current page yet.
    at_top: bool,
}

impl Pages {
    fn new(body: Rect) -> Self {
        Pages {
            body,
            done: vec![Body::default()],
            y: body.y,
            at_top: true,
        }
    }

    /// Room left on the current page.
    fn room(&self) -> f32 {
        self.body.bottom() - self.y
    }

    /// Starts a new page, for content of `block`; an error there past the last page allowed.
    fn new_page(&mut self, block: Option<usize>) -> Result<(), LayoutError> {
        if self.done.len() == MAX_PAGES {
            return Err(limits::too_many_pages(block));
        }
        self.done.push(Body::default());
        self.y = self.body.y;
        self.at_top = true;
        Ok(())
    }

    /// Puts `items` (y relative to their top) on the current page at `top`, `height` tall.
    fn place(&mut self, items: Vec<Item>, top: f32, height: f32, block: Option<usize>) {
        let page = self
            .done
            .last_mut()
            .expect("pages starts non-empty and only grows");
        if self.at_top {
            page.first_block = block;
        }
        page.last_block = block;
        page.items.extend(items.into_iter().map(|mut item| {
            item.shift_y(top);
            item
        }));
        self.y = top + height;
        self.at_top = false;
    }

    /// Adds items already at their place on the page.
    fn extend(&mut self, items: Vec<Item>) {
        if let Some(page) = self.done.last_mut() {
            page.items.extend(items);
        }
    }

    /// Whether frame `i` (the `last` of all) goes on this page: it and the frames it keeps
    /// with fit, or the page is empty. An error if it is taller than any page.
    fn fits(&self, frames: &[Frame], i: usize, last: bool) -> Result<bool, LayoutError> {
        let frame = &frames[i];
        let least = match last && frame.fill.is_some() {
            true => fill_least(frame),
            false => frame.height,
        };
        if least > self.body.h {
            return Err(too_tall(frame, self.body.h));
        }
        if self.at_top {
            return Ok(true);
        }
        let chain = chain_after(frames, i, self.body.h - frame.height);
        Ok(frame.space_before + least + chain <= self.room() + EPS)
    }

    /// Places a frame that [`fits`](Pages::fits): its table header first at the top of a
    /// page; when it is the `last` frame with ruled lines, only the lines that fit, and then
    /// more down to the foot.
    fn frame(&mut self, frame: &mut Frame, last: bool) {
        if let Some(h) = frame.repeat_header.as_deref().filter(|_| self.at_top) {
            // A repeated header is decoration: screen readers met it on the first page.
            let items = h.items.iter().cloned().map(|mut item| {
                item.untag();
                item
            });
            let y = self.y;
            self.place(items.collect(), y, h.height, frame.block);
        }
        let top = self.y + if self.at_top { 0.0 } else { frame.space_before };
        let mut items = std::mem::take(&mut frame.items);
        let mut height = frame.height;
        let fill = frame.fill.filter(|_| last);
        if fill.is_some() {
            // Lines past the foot are dropped: the block starts here with those that fit.
            let room = self.body.bottom() - top;
            items.retain(|item| item.bounds().bottom() <= room + EPS);
            height = height.min(room);
        }
        // Placed once: the items move to the page instead of being copied.
        self.place(items, top, height, frame.block);
        if let Some(fill) = fill {
            let lines = fill.lines(self.y, self.body.bottom());
            self.extend(lines);
        }
    }

    /// Places a flow: what fits here, then the rest on the following pages.
    fn flow(&mut self, frame: &mut Frame) -> Result<(), LayoutError> {
        let Some(flow) = frame.flow.as_deref_mut() else {
            return Ok(());
        };
        loop {
            let gap = if self.at_top { 0.0 } else { frame.space_before };
            match flow.cut(self.room() - gap) {
                Some((items, height)) => {
                    let top = self.y + gap;
                    self.place(items, top, height, frame.block);
                    if flow.is_done() {
                        return Ok(());
                    }
                    self.new_page(frame.block)?;
                }
                None if self.at_top => {
                    let least = Frame {
                        height: flow.least(),
                        ..frame.clone()
                    };
                    return Err(too_tall(&least, self.body.h));
                }
                None => self.new_page(frame.block)?,
            }
        }
    }
}

/// The least height of a frame of ruled lines that ends the handout: down to its first
/// ruled line below everything else (its title). The lines are the frame's `Line` items
/// that span the fill's width.
fn fill_least(frame: &Frame) -> f32 {
    let Some(fill) = frame.fill else {
        return frame.height;
    };
    let ruled = |item: &Item| {
        matches!(item, Item::Line { from, to, .. }
            if from.1 == to.1 && from.0 == fill.x0 && to.0 == fill.x1)
    };
    let others = frame
        .items
        .iter()
        .filter(|i| !ruled(i))
        .map(|i| i.bounds().bottom())
        .fold(0.0, f32::max);
    frame
        .items
        .iter()
        .filter(|i| ruled(i))
        .map(|i| i.bounds().bottom())
        .filter(|&bottom| bottom > others)
        .fold(f32::MAX, f32::min)
        .min(frame.height)
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

/// The least of a frame that must share a page with what precedes it: all of it, or of a
/// flow the head and first pieces.
fn least_height(frame: &Frame) -> f32 {
    frame.flow.as_ref().map_or(frame.height, |f| f.least())
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
        need += frames[j].space_before + least_height(&frames[j]);
        if need > room {
            return 0.0;
        }
    }
    need
}

#[cfg(test)]
mod tests;

//! Right-to-left pages: a page laid out left to right, mirrored about its vertical centre line.
//!
//! Layout always works left to right; for a handout in a right-to-left language (see
//! [`crate::i18n::direction`]) this pass turns each finished page over, so that text is set
//! flush right, bullets and step numbers stand right of their text, the checklist's label
//! column is on the right with its answer columns to its left, columns follow each other from
//! right to left, and the header's logo and the footer's page number change sides.
//!
//! Boxes, rules, pictures and form fields are mirrored: `x' = width − x − w`. A picture moves
//! but is never flipped. Text is not mirrored glyph by glyph: a *line* (the text runs that
//! touch on one baseline, which the text engine has put in visual order) moves as one piece,
//! its right edge to where its left edge mirrors, so its runs keep their order. Runs that do
//! not touch (a bullet and its text, a label and the phone number after a gap, the cells of a
//! row) are separate lines and mirror separately. A link over part of a line (the website in
//! the footer's contact line) moves with that line. Only x changes: the reading order, the
//! structure tags and the vertical bands of [`Page::furniture`] stay as they are.

use super::{Item, Page, Rect, TextRun};
use crate::i18n::{direction, Direction};
use crate::model::Lang;

/// How far apart, in points, two runs may be and still touch, and two baselines and still be
/// one: far below anything visible, far above rounding in the sums of advance widths.
const TOUCH: f32 = 0.05;

/// The pages as a handout in `lang` shows them: mirrored when its lines run right to left,
/// else as they are.
pub fn for_language(lang: &Lang, mut pages: Vec<Page>) -> Vec<Page> {
    if direction(lang) == Direction::RightToLeft {
        pages.iter_mut().for_each(mirror_page);
    }
    pages
}

/// Mirrors one page about its vertical centre line (see the module's documentation).
pub fn mirror_page(page: &mut Page) {
    let width = page.width;
    let lines = text_lines(&page.items);
    for line in &lines {
        let dx = line.dx(width);
        for &index in &line.items {
            if let Some(Item::Text(run)) = page.items.get_mut(index) {
                run.x += dx;
            }
        }
    }
    for item in &mut page.items {
        match item {
            Item::Text(_) => {}
            Item::Link { rect, .. } => match lines.iter().find(|l| l.carries(rect)) {
                Some(line) => rect.x += line.dx(width),
                None => mirror_rect(rect, width),
            },
            Item::Fill { rect, .. } | Item::Stroke { rect, .. } | Item::Image { rect, .. } => {
                mirror_rect(rect, width)
            }
            Item::Field(field) => mirror_rect(&mut field.rect, width),
            // The same segment, its ends swapped so that a rule still starts at its left end.
            Item::Line { from, to, .. } => {
                (*from, *to) = ((width - to.0, to.1), (width - from.0, from.1));
            }
            // An outline entry's x is the left edge of the window a reader jumps to: the left
            // margin, which a mirrored page has in the same place.
            Item::Anchor { .. } => {}
        }
    }
}

/// Moves `rect` to its mirror image on a page `width` wide.
fn mirror_rect(rect: &mut Rect, width: f32) {
    rect.x = width - rect.x - rect.w;
}

/// Text runs that touch on one baseline, consecutive in the page's items: one line of text.
#[derive(Debug, Clone, PartialEq)]
struct TextLine {
    /// Indexes of its runs in the page's items.
    items: Vec<usize>,
    left: f32,
    right: f32,
    top: f32,
    bottom: f32,
}

impl TextLine {
    fn of(index: usize, run: &TextRun) -> Self {
        TextLine {
            items: vec![index],
            left: run.x,
            right: run.x + run.width,
            top: run.baseline - run.ascent,
            bottom: run.baseline + run.descent,
        }
    }

    fn add(&mut self, index: usize, run: &TextRun) {
        self.items.push(index);
        self.left = self.left.min(run.x);
        self.right = self.right.max(run.x + run.width);
        self.top = self.top.min(run.baseline - run.ascent);
        self.bottom = self.bottom.max(run.baseline + run.descent);
    }

    /// How far the line moves: its right edge goes where its left edge mirrors to.
    fn dx(&self, width: f32) -> f32 {
        (width - self.left) - self.right
    }

    /// Whether `rect` lies over this line: within its extent across, sharing its height.
    fn carries(&self, rect: &Rect) -> bool {
        rect.x >= self.left - TOUCH
            && rect.right() <= self.right + TOUCH
            && rect.y < self.bottom
            && self.top < rect.bottom()
    }
}

/// The page's text, grouped into lines: among text items that follow each other on one
/// baseline, the runs that touch, in whatever order they come (visual, or logical with
/// visual positions).
fn text_lines(items: &[Item]) -> Vec<TextLine> {
    let mut lines = Vec::new();
    let mut start = 0;
    while start < items.len() {
        let Some(first) = run_at(items, start) else {
            start += 1;
            continue;
        };
        let mut end = start + 1;
        while run_at(items, end).is_some_and(|r| (r.baseline - first.baseline).abs() <= TOUCH) {
            end += 1;
        }
        lines.extend(touching(items, start..end));
        start = end;
    }
    lines
}

fn run_at(items: &[Item], index: usize) -> Option<&TextRun> {
    match items.get(index) {
        Some(Item::Text(run)) => Some(run),
        _ => None,
    }
}

/// The runs of `range` (text on one baseline) in groups that touch: taken from left to
/// right, a run that starts where the group so far ends joins it; a gap starts a new group.
fn touching(items: &[Item], range: std::ops::Range<usize>) -> Vec<TextLine> {
    let mut runs: Vec<(usize, &TextRun)> = range
        .filter_map(|i| run_at(items, i).map(|run| (i, run)))
        .collect();
    runs.sort_by(|a, b| a.1.x.total_cmp(&b.1.x));
    let mut lines: Vec<TextLine> = Vec::new();
    for (index, run) in runs {
        match lines.last_mut() {
            Some(line) if run.x <= line.right + TOUCH => line.add(index, run),
            _ => lines.push(TextLine::of(index, run)),
        }
    }
    lines
}

#[cfg(test)]
#[path = "mirror_tests.rs"]
mod tests;

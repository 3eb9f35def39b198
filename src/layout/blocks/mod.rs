//! Each block kind turned into frames: the unbreakable slices the paginator places.
//!
//! One file per block family (`text`, `table`, `columns`, `fields`, `note`, `image`); this one
//! dispatches a block to its family, sets the handout's title, and holds what the families
//! share: a stack of lines set in line boxes and tagged for the structure tree. Where frames
//! go on pages is the paginator's business, not theirs.

mod columns;
mod fields;
mod image;
mod note;
mod table;
mod text;

use super::page::baseline;
use super::paginate::Frame;
use super::text::{break_lines, break_plain, Line};
use super::{Context, Geometry, Item, LayoutError, Metrics, Role, Tag};
use crate::assets::fonts::Face;
use crate::model::{Block, Color, Handout, RichText};

/// The title (and subtitle) at the top of the first page, with a rule under them.
pub fn title_frames(handout: &Handout, cx: &Context, g: &Geometry) -> Vec<Frame> {
    let m = cx.metrics;
    let s = &cx.style;
    let mut items = vec![Item::Anchor {
        title: super::hyphen::visible(&handout.title).into_owned(),
        x: g.body.x,
        y: 0.0,
    }];
    let title_box = LineBox::heading(Face::Bold, s.title, s.accent_text);
    let title = break_plain(&handout.title, Face::Bold, g.body.w, s.title, m);
    let h1 = Tag::default().child(Role::H1, cx.new_id());
    items.extend(set_lines(
        &title,
        Align::Left(g.body.x),
        0.0,
        title_box,
        &h1,
        m,
    ));
    let mut height = title_box.height(title.len());
    if let Some(sub) = &handout.subtitle {
        let sub_box = LineBox::label(Face::Regular, s.subtitle, s.muted);
        let sub = break_plain(sub, Face::Regular, g.body.w, s.subtitle, m);
        height += s.title_area.subtitle_gap;
        let p = Tag::default().child(Role::P, cx.new_id());
        items.extend(set_lines(
            &sub,
            Align::Left(g.body.x),
            height,
            sub_box,
            &p,
            m,
        ));
        height += sub_box.height(sub.len());
    }
    height += s.title_area.rule_gap;
    let rule = s.title_area.rule;
    items.push(Item::Line {
        from: (g.body.x, height),
        to: (g.body.right(), height),
        color: s.tint,
        width: rule,
    });
    // The rule's lower half.
    height += rule / 2.0;
    vec![Frame {
        height,
        items,
        keep_with_next: true,
        ..Frame::default()
    }]
}

/// The frames of one block.
pub fn block_frames(
    block: &Block,
    index: usize,
    cx: &Context,
    g: &Geometry,
) -> Result<Vec<Frame>, LayoutError> {
    let mut frames = match block {
        Block::Heading(t) => text::heading(t, cx, g),
        Block::Text(t) => text::paragraph(t, cx, g),
        Block::Bullets(items) => text::list(items, None, cx, g),
        Block::Steps(items) => text::list(items, Some(1), cx, g),
        Block::Checklist(c) => table::checklist(c, cx, g),
        Block::Columns(cols) => columns::columns(cols, cx, g),
        Block::Fields(labels) => fields::fields(labels, index, cx, g)?,
        Block::Note(n) => vec![note::note(n, cx, g)],
        Block::Notes(title) => vec![note::notes(title, cx, g)],
        Block::Image(img) => vec![image::image(img, index, cx, g)?],
    };
    for f in &mut frames {
        f.block = Some(index);
    }
    Ok(frames)
}

/// Whether `block` is a paragraph that introduces what follows it: one ending in a colon,
/// such as "They may include:".
pub fn introduces(block: &Block) -> bool {
    match block {
        Block::Text(t) => t.plain().trim_end().ends_with([':', '：']),
        _ => false,
    }
}

/// Least items of a list on either side of a page break, so no page starts or ends with a
/// lone one.
const KEEP_ITEMS: usize = 2;

/// How a run of items (list items, table rows) may break between pages: after at least
/// `first` of them, before at least `last`; a run of at most `whole` items does not break.
#[derive(Debug, Clone, Copy)]
struct Keep {
    first: usize,
    last: usize,
    whole: usize,
}

impl Keep {
    /// Whether item `i` of `n` must share a page with the next one.
    fn with_next(self, i: usize, n: usize) -> bool {
        let not_last = i + 1 < n;
        not_last && (n <= self.whole || i + 1 < self.first || i + self.last >= n)
    }

    /// Marks which of `frames` (one per item) keep with the next.
    fn mark(self, frames: &mut [Frame]) {
        let n = frames.len();
        for (i, f) in frames.iter_mut().enumerate() {
            f.keep_with_next = self.with_next(i, n);
        }
    }
}

/// Tags every untagged text item (and form field) of `items`.
fn tag_all(items: &mut [Item], tag: &Tag) {
    for item in items {
        item.tag_text(tag);
    }
}

/// Lines of `text`, its bold spans bold and the rest in `base`, broken to `width`.
fn rich_lines(text: &RichText, base: Face, width: f32, size: f32, m: &Metrics) -> Vec<Line> {
    break_lines(text.spans(), base, width, size, m)
}

/// The box each line of a stack is set in: lines `pitch` apart, text of `size` in `color`,
/// centred in the box by the ascender and descender of `face`. A bullet or number is set in
/// its item's box, so it shares the item's first baseline whatever face it is drawn in.
#[derive(Debug, Clone, Copy)]
struct LineBox {
    face: Face,
    size: f32,
    pitch: f32,
    color: Color,
}

impl LineBox {
    /// Body text in `color`: the body size at the body's line pitch.
    fn body(s: &super::Style, color: Color) -> LineBox {
        LineBox {
            face: Face::Regular,
            size: s.body,
            pitch: s.line(),
            color,
        }
    }

    /// A title or heading of `size`: tight lines.
    fn heading(face: Face, size: f32, color: Color) -> LineBox {
        LineBox {
            face,
            size,
            pitch: size * super::style::HEADING_LEADING,
            color,
        }
    }

    /// A subtitle or a label of `size`: lines a little apart.
    fn label(face: Face, size: f32, color: Color) -> LineBox {
        LineBox {
            face,
            size,
            pitch: size * super::style::LABEL_LEADING,
            color,
        }
    }

    /// Height of `lines` such boxes.
    fn height(&self, lines: usize) -> f32 {
        lines as f32 * self.pitch
    }

    /// Baseline of the line box starting at `top`.
    fn baseline(&self, top: f32, m: &Metrics) -> f32 {
        baseline(m, self.face, top, self.pitch, self.size)
    }
}

/// Where each line of a stack starts.
#[derive(Debug, Clone, Copy)]
enum Align {
    /// Every line at `x`.
    Left(f32),
    /// Each line centred over `width` from `x`.
    Centre { x: f32, width: f32 },
    /// Each line ending at `x`.
    Right(f32),
}

impl Align {
    fn x(self, line: &Line) -> f32 {
        match self {
            Align::Left(x) => x,
            Align::Centre { x, width } => x + (width - line.width) / 2.0,
            Align::Right(x) => x - line.width,
        }
    }
}

/// Sets `lines` one line box apart from `top`, each on its baseline, with their text tagged
/// `tag`: the one way text gets into a block.
fn set_lines(
    lines: &[Line],
    align: Align,
    top: f32,
    lb: LineBox,
    tag: &Tag,
    m: &Metrics,
) -> Vec<Item> {
    let mut items: Vec<Item> = lines
        .iter()
        .enumerate()
        .flat_map(|(i, l)| {
            let base = lb.baseline(top + i as f32 * lb.pitch, m);
            l.place(align.x(l), base, lb.size, lb.color, m)
        })
        .collect();
    tag_all(&mut items, tag);
    items
}

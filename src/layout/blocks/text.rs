//! Running text: headings, paragraphs, and bulleted or numbered lists.

use super::{rich_lines, set_lines, Align, LineBox};
use crate::assets::fonts::Face;
use crate::layout::paginate::Frame;
use crate::layout::text::{break_plain, Line};
use crate::layout::{Context, Geometry, Item, Role, Tag};
use crate::model::RichText;

/// A section heading: one frame that keeps with what follows.
pub(super) fn heading(text: &str, cx: &Context, g: &Geometry) -> Vec<Frame> {
    let m = cx.metrics;
    let s = &cx.style;
    let lb = LineBox::heading(Face::Bold, s.heading, s.accent_text);
    let lines = break_plain(text, Face::Bold, g.body.w, s.heading, m);
    let mut items = vec![Item::Anchor {
        title: crate::layout::hyphen::visible(text).into_owned(),
        x: g.body.x,
        y: 0.0,
    }];
    let h2 = Tag::default().child(Role::H2, cx.new_id());
    items.extend(set_lines(&lines, Align::Left(g.body.x), 0.0, lb, &h2, m));
    vec![Frame {
        height: lb.height(lines.len()),
        items,
        keep_with_next: true,
        ..Frame::default()
    }]
}

/// A paragraph, in frames that keep its first and last two lines together.
pub(super) fn paragraph(text: &RichText, cx: &Context, g: &Geometry) -> Vec<Frame> {
    let m = cx.metrics;
    let s = &cx.style;
    let lines = rich_lines(text, Face::Regular, g.body.w, s.body, m);
    let p = Tag::default().child(Role::P, cx.new_id());
    line_frames(&lines, g.body.x, LineBox::body(s, s.ink), &p, cx)
}

/// Splits lines into frames so that no page starts or ends with a lone line of a paragraph
/// (no widows or orphans): the first two and last two lines stay together.
fn line_frames(lines: &[Line], x: f32, lb: LineBox, tag: &Tag, cx: &Context) -> Vec<Frame> {
    let n = lines.len();
    let mut groups: Vec<std::ops::Range<usize>> = Vec::new();
    if n <= 4 {
        groups.push(0..n);
    } else {
        groups.push(0..2);
        groups.extend((2..n - 2).map(|i| i..i + 1));
        groups.push(n - 2..n);
    }
    groups
        .into_iter()
        .map(|r| Frame {
            height: lb.height(r.len()),
            items: set_lines(&lines[r], Align::Left(x), 0.0, lb, tag, cx.metrics),
            ..Frame::default()
        })
        .collect()
}

/// A list of at most this many items is kept on one page: it reads as one thought...
const KEEP_WHOLE_ITEMS: usize = 6;
/// ... when its items are short, this many lines at most: a few long steps moved whole could
/// leave half a page empty, which costs more than a break between them.
const KEEP_WHOLE_LINES: usize = 6;

/// Least lines of a list on either side of a page break: an item of two lines may stand
/// alone, items of one line go in pairs.
const KEEP_LINES: usize = 2;

/// Bulleted (`first_number` = None) or numbered list; each item is one frame. A short list
/// stays whole; a longer one may break between items, two lines or more on each side.
pub(super) fn list(
    items: &[RichText],
    first_number: Option<usize>,
    cx: &Context,
    g: &Geometry,
) -> Vec<Frame> {
    let s = &cx.style;
    let indent = match first_number {
        Some(_) => s.lists.number_indent,
        None => s.lists.bullet_indent,
    };
    let role = match first_number {
        Some(_) => Role::NumberedL,
        None => Role::L,
    };
    let list_tag = Tag::default().child(role, cx.new_id());
    let mut lines = Vec::with_capacity(items.len());
    let mut frames: Vec<Frame> = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let marker = first_number.map(|n| format!("{}.", n + i));
            let (items, n) = list_item(item, marker.as_deref(), indent, &list_tag, cx, g);
            lines.push(n);
            Frame {
                height: LineBox::body(s, s.ink).height(n),
                items,
                space_before: if i == 0 { 0.0 } else { s.lists.item_gap },
                ..Frame::default()
            }
        })
        .collect();
    let total: usize = lines.iter().sum();
    let whole = items.len() <= KEEP_WHOLE_ITEMS && total <= KEEP_WHOLE_LINES;
    let mut before = 0;
    let last = frames.len().saturating_sub(1);
    for (i, (f, n)) in frames.iter_mut().zip(&lines).enumerate() {
        before += n;
        let binds = whole || before < KEEP_LINES || total - before < KEEP_LINES;
        f.keep_with_next = i < last && binds;
    }
    frames
}

/// One list item: its label (the number, or a bullet when `number` is None) and its text
/// `indent` in. Returns the items and the number of lines.
fn list_item(
    text: &RichText,
    number: Option<&str>,
    indent: f32,
    list: &Tag,
    cx: &Context,
    g: &Geometry,
) -> (Vec<Item>, usize) {
    let m = cx.metrics;
    let s = &cx.style;
    let text_x = g.body.x + indent;
    let lines = rich_lines(text, Face::Regular, g.body.w - indent, s.body, m);
    let li = list.child(Role::LI, cx.new_id());
    let body_tag = li.child(Role::LBody, cx.new_id());
    let body = set_lines(
        &lines,
        Align::Left(text_x),
        0.0,
        LineBox::body(s, s.ink),
        &body_tag,
        m,
    );
    let (marker, align) = match number {
        Some(n) => (n, Align::Right(text_x - s.lists.number_gap)),
        None => ("•", Align::Left(g.body.x + s.lists.bullet_x)),
    };
    let marker = break_plain(marker, Face::Bold, indent, s.body, m);
    let label_tag = li.child(Role::Lbl, cx.new_id());
    let label_box = LineBox::body(s, s.accent_text);
    // The label (bullet or number) first: that is the reading order.
    let mut out = set_lines(
        &marker[..marker.len().min(1)],
        align,
        0.0,
        label_box,
        &label_tag,
        m,
    );
    out.extend(body);
    (out, lines.len())
}

//! Boxes of their own: the tinted call-out note, and ruled lines for the patient's notes.

use super::{rich_lines, set_lines, Align, LineBox};
use crate::assets::fonts::Face;
use crate::layout::paginate::{FillLines, Frame};
use crate::layout::text::break_plain;
use crate::layout::{Context, Geometry, Item, Rect, Role, Tag};
use crate::model::Note;

/// Ruled lines drawn in the block itself; when it is last, more follow to the page's foot.
const NOTES_LINES: usize = 2;

/// A tinted box with a bar of the brand colour on its left, a bold title and the text.
pub(super) fn note(n: &Note, cx: &Context, g: &Geometry) -> Frame {
    let m = cx.metrics;
    let s = &cx.style;
    let (pad, bar) = (s.notes.pad, s.notes.bar);
    let inner_x = g.body.x + bar + pad;
    let inner_w = g.body.w - bar - 2.0 * pad;
    let title_size = s.subheading;
    let title_box = LineBox::label(Face::Bold, title_size, s.ink);
    let title = break_plain(&n.title, Face::Bold, inner_w, title_size, m);
    let body_box = LineBox::body(s, s.ink);
    let body = rich_lines(&n.text, Face::Regular, inner_w, s.body, m);
    let title_h = title_box.height(title.len());
    let height = 2.0 * pad + title_h + s.notes.title_gap + body_box.height(body.len());
    let mut items = vec![
        Item::Fill {
            rect: Rect::new(g.body.x, 0.0, g.body.w, height),
            color: s.tint,
        },
        Item::Fill {
            rect: Rect::new(g.body.x, 0.0, bar, height),
            color: s.accent_rule,
        },
    ];
    let div = Tag::default().child(Role::Div, cx.new_id());
    let h3 = div.child(Role::H3, cx.new_id());
    items.extend(set_lines(
        &title,
        Align::Left(inner_x),
        pad,
        title_box,
        &h3,
        m,
    ));
    let body_top = pad + title_h + s.notes.title_gap;
    let p = div.child(Role::P, cx.new_id());
    items.extend(set_lines(
        &body,
        Align::Left(inner_x),
        body_top,
        body_box,
        &p,
        m,
    ));
    Frame {
        height,
        items,
        ..Frame::default()
    }
}

/// A title and ruled lines for the patient's notes; when last, lines fill the page.
pub(super) fn notes(title: &str, cx: &Context, g: &Geometry) -> Frame {
    let m = cx.metrics;
    let s = &cx.style;
    let title_size = s.subheading;
    let title_box = LineBox::label(Face::Bold, title_size, s.accent_text);
    let title = break_plain(title, Face::Bold, g.body.w, title_size, m);
    let h3 = Tag::default().child(Role::H3, cx.new_id());
    let mut items = set_lines(&title, Align::Left(g.body.x), 0.0, title_box, &h3, m);
    let (pitch, width) = (s.notes.line_pitch, s.notes.line);
    let mut y = title_box.height(title.len());
    for _ in 0..NOTES_LINES {
        y += pitch;
        items.push(Item::Line {
            from: (g.body.x, y),
            to: (g.body.right(), y),
            color: s.rule,
            width,
        });
    }
    Frame {
        height: y + s.notes.below_lines,
        items,
        fill: Some(FillLines {
            pitch,
            x0: g.body.x,
            x1: g.body.right(),
            color: s.rule,
            width,
        }),
        ..Frame::default()
    }
}

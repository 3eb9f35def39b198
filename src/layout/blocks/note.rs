//! Boxes of their own: the tinted call-out note, and ruled lines for the patient's notes.

use super::{rich_lines, set_lines, Align, LineBox};
use crate::assets::fonts::Face;
use crate::i18n;
use crate::layout::paginate::{FillLines, Frame};
use crate::layout::text::{break_lines, break_plain};
use crate::layout::{Context, Geometry, Item, Rect, Role, Tag};
use crate::model::inline::Span;
use crate::model::Note;

/// Ruled lines drawn in the block itself; when it is last, more follow to the page's foot.
const NOTES_LINES: usize = 2;

/// Between a note's text and its contact line, as a share of the body size: a short pause
/// that sets the line apart as the thing to do.
const CONTACT_GAP_EMS: f32 = 0.5;

/// A tinted box with a bar of the brand colour on its left, a bold title and the text; with
/// `contact: true`, then how to reach the clinic.
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
    let (contact, contact_gap) = if n.contact {
        let lines = break_lines(&contact_spans(cx), Face::Regular, inner_w, s.body, m);
        (lines, CONTACT_GAP_EMS * s.body)
    } else {
        (Vec::new(), 0.0)
    };
    let title_h = title_box.height(title.len());
    let body_top = pad + title_h + s.notes.title_gap;
    let contact_top = body_top + body_box.height(body.len()) + contact_gap;
    let height = contact_top + body_box.height(contact.len()) + pad;
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
    let left = Align::Left(inner_x);
    items.extend(set_lines(&title, left, pad, title_box, &h3, m));
    let p = div.child(Role::P, cx.new_id());
    items.extend(set_lines(&body, left, body_top, body_box, &p, m));
    if !contact.is_empty() {
        let p = div.child(Role::P, cx.new_id());
        items.extend(set_lines(&contact, left, contact_top, body_box, &p, m));
    }
    Frame {
        height,
        items,
        ..Frame::default()
    }
}

/// "**Call The Green Leaf Clinic:** (555) 010-0199": the tool's words in the handout's
/// language with the brand's name (bold, as in the header) and phone (regular, as in the
/// footer), so each is set in a face the fonts were checked for. The brand always has a
/// phone: an empty `phone:` is refused where the brand file is read.
fn contact_spans(cx: &Context) -> Vec<Span> {
    let label = i18n::strings(cx.lang).call_label(&cx.brand.clinic);
    // Keeps "(555) 010-0199" on one line, where the font can print a no-break space.
    let phone = if cx.metrics.face(Face::Regular).covers(NO_BREAK_SPACE) {
        cx.brand
            .phone
            .trim()
            .replace(' ', &NO_BREAK_SPACE.to_string())
    } else {
        cx.brand.phone.trim().to_string()
    };
    vec![
        Span {
            text: label,
            bold: true,
        },
        Span {
            text: format!(" {phone}"),
            bold: false,
        },
    ]
}

/// A space the line breaker never breaks at.
const NO_BREAK_SPACE: char = '\u{a0}';

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

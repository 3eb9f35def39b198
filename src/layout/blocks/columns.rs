//! Lists side by side ("Enjoy" and "Limit"), each under its own title.

use super::{rich_lines, set_lines, Align, LineBox, KEEP_ITEMS};
use crate::assets::fonts::Face;
use crate::layout::paginate::{Flow, Frame, Piece};
use crate::layout::text::{break_plain, Line};
use crate::layout::{Context, Geometry, Item, Role, Tag};
use crate::model::{Column, RichText};

/// Lists side by side. Each column flows on its own, so a long item in one column leaves no
/// gap in the other; where a page ends, the columns break between items and continue on the
/// next page, under their titles again.
pub(super) fn columns(cols: &[Column], cx: &Context, g: &Geometry) -> Vec<Frame> {
    let s = &cx.style;
    let gap = s.columns.gap;
    let n = cols.len().max(1) as f32;
    let col_w = (g.body.w - gap * (n - 1.0)) / n;
    // Too narrow for comfortable lines (large print): one list after the other instead.
    if cols.len() > 1 && col_w < s.min_column_ems * s.body {
        let mut frames = Vec::new();
        for (i, col) in cols.iter().enumerate() {
            let mut part = columns(std::slice::from_ref(col), cx, g);
            if let (Some(first), true) = (part.first_mut(), i > 0) {
                first.space_before = s.block_gap;
            }
            frames.append(&mut part);
        }
        return frames;
    }
    let xs: Vec<f32> = (0..cols.len())
        .map(|i| g.body.x + i as f32 * (col_w + gap))
        .collect();
    // Each column is a division with its title (H3) and its list.
    let divs: Vec<Tag> = cols
        .iter()
        .map(|_| Tag::default().child(Role::Div, cx.new_id()))
        .collect();
    let (title_items, title_h) = column_titles(cols, &xs, col_w, &divs, cx);
    let lists: Vec<Tag> = divs.iter().map(|d| d.child(Role::L, cx.new_id())).collect();
    // Every cell laid out once: per column, (items relative to the cell's top, height).
    let cells: Vec<Vec<(Vec<Item>, f32)>> = cols
        .iter()
        .enumerate()
        .map(|(i, c)| {
            c.items
                .iter()
                .map(|t| column_cell(t, xs[i], col_w, &lists[i], cx))
                .collect()
        })
        .collect();
    column_frames(title_items, title_h, cells, s.columns.item_gap)
}

/// Each column's title with a rule under it; returns each column's items and the height
/// they take.
fn column_titles(
    cols: &[Column],
    xs: &[f32],
    col_w: f32,
    divs: &[Tag],
    cx: &Context,
) -> (Vec<Vec<Item>>, f32) {
    let m = cx.metrics;
    let s = &cx.style;
    let c = &s.columns;
    let size = s.subheading;
    let lb = LineBox::heading(Face::Bold, size, s.accent_text);
    let titles: Vec<Vec<Line>> = cols
        .iter()
        .map(|col| break_plain(&col.title, Face::Bold, col_w, size, m))
        .collect();
    let rows = titles.iter().map(Vec::len).max().unwrap_or(1);
    let rule_y = lb.height(rows) + c.rule_gap;
    let mut heads = Vec::new();
    for ((lines, &x), div) in titles.iter().zip(xs).zip(divs) {
        let h3 = div.child(Role::H3, cx.new_id());
        let mut items = set_lines(lines, Align::Left(x), 0.0, lb, &h3, m);
        items.push(Item::Line {
            from: (x, rule_y),
            to: (x + col_w, rule_y),
            color: s.accent_rule,
            width: c.rule,
        });
        heads.push(items);
    }
    (heads, rule_y + c.below_rule)
}

/// One list item of a column: the bullet (label) and the wrapped text (body).
fn column_cell(text: &RichText, x: f32, col_w: f32, list: &Tag, cx: &Context) -> (Vec<Item>, f32) {
    let m = cx.metrics;
    let s = &cx.style;
    let indent = s.columns.bullet_indent;
    let li = list.child(Role::LI, cx.new_id());
    let lines = rich_lines(text, Face::Regular, col_w - indent, s.body, m);
    let bullet = break_plain("•", Face::Bold, indent, s.body, m);
    let label = li.child(Role::Lbl, cx.new_id());
    let label_box = LineBox::body(s, s.accent_text);
    let bullet = &bullet[..bullet.len().min(1)];
    let at = Align::Left(x + s.columns.bullet_x);
    let mut items = set_lines(bullet, at, 0.0, label_box, &label, m);
    let body = li.child(Role::LBody, cx.new_id());
    let lb = LineBox::body(s, s.ink);
    items.extend(set_lines(
        &lines,
        Align::Left(x + indent),
        0.0,
        lb,
        &body,
        m,
    ));
    (items, lb.height(lines.len()))
}

/// The columns as one flowing frame: placed whole where they fit, else cut between items
/// where the page ends, each column continuing on the next page under its title again.
fn column_frames(
    title_items: Vec<Vec<Item>>,
    title_h: f32,
    cells: Vec<Vec<(Vec<Item>, f32)>>,
    item_gap: f32,
) -> Vec<Frame> {
    let columns = cells
        .into_iter()
        .map(|col| {
            col.into_iter()
                .map(|(items, height)| Piece { items, height })
                .collect()
        })
        .collect();
    let flow = Flow::new(title_items, title_h, columns, item_gap, KEEP_ITEMS);
    vec![Frame {
        height: flow.height(),
        flow: Some(Box::new(flow)),
        ..Frame::default()
    }]
}

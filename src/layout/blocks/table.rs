//! The checklist: a table of items with a row of check boxes each, drawn and fillable.

use super::{rich_lines, set_lines, Align, Keep, LineBox, KEEP_ITEMS};
use crate::assets::fonts::Face;
use crate::layout::paginate::Frame;
use crate::layout::text::{break_plain, Line};
use crate::layout::{Context, FieldKind, FormField, Geometry, Item, Rect, Role, Tag};
use crate::model::{Checklist, RichText};

/// Box columns shrink rather than leave the items less than this share of the width.
const MIN_ITEM_SHARE: f32 = 0.3;

/// Where a checklist's columns go: the item column, then one box column per label.
struct TableColumns {
    item_w: f32,
    box_widths: Vec<f32>,
    pad: f32,
}

impl TableColumns {
    /// Each box column is as wide as its label needs, at least wide enough to tick
    /// comfortably; if the labels would leave less than 30% for the items, they shrink evenly.
    fn new(c: &Checklist, cx: &Context, g: &Geometry) -> Self {
        let t = &cx.style.table;
        let pad = t.cell_pad;
        let size = cx.style.table_label;
        let widths: Vec<f32> = c
            .columns
            .iter()
            .map(|l| (cx.metrics.bold.width(l, size) + 2.0 * pad).max(t.min_box_column))
            .collect();
        let boxes_w: f32 = widths.iter().sum();
        let item_w = (g.body.w - boxes_w).max(g.body.w * MIN_ITEM_SHARE);
        let scale = ((g.body.w - item_w) / boxes_w).min(1.0);
        TableColumns {
            item_w,
            box_widths: widths.iter().map(|w| w * scale).collect(),
            pad,
        }
    }
}

/// A table at most this share of the page's body tall (a weekly tracker) stays whole: moving
/// it leaves less than a third of a page empty, and it is easier to fill in on one page.
const KEEP_WHOLE_SHARE: f32 = 1.0 / 3.0;

/// The header row, then a frame per item row. A taller table may break between rows: after
/// its header and first row at the foot of a page, before its last two rows, under its
/// header row repeated at the top of the next page.
pub(super) fn checklist(c: &Checklist, cx: &Context, g: &Geometry) -> Vec<Frame> {
    let cols = TableColumns::new(c, cx, g);
    let table = Tag::default().child(Role::Table, cx.new_id());
    let header = checklist_header(c, &cols, &table, cx, g);
    let mut rows = Vec::with_capacity(c.items.len());
    for (r, item) in c.items.iter().enumerate() {
        let (items, height) = checklist_row(item, r, c, &cols, &table, cx, g);
        rows.push(Frame {
            height,
            items,
            repeat_header: Some(Box::new(header.clone())),
            ..Frame::default()
        });
    }
    let height = header.height + rows.iter().map(|r| r.height).sum::<f32>();
    let keep = Keep {
        first: 1,
        last: KEEP_ITEMS,
        whole: if height <= g.body.h * KEEP_WHOLE_SHARE {
            usize::MAX
        } else {
            0
        },
    };
    keep.mark(&mut rows);
    let mut frames = vec![header];
    frames.append(&mut rows);
    frames
}

/// The header row: a tinted band, the item column's label (if any) and the bold column
/// labels centred over their boxes.
fn checklist_header(
    c: &Checklist,
    cols: &TableColumns,
    table: &Tag,
    cx: &Context,
    g: &Geometry,
) -> Frame {
    let m = cx.metrics;
    let s = &cx.style;
    let t = &s.table;
    let size = s.table_label;
    let lb = LineBox::label(Face::Bold, size, s.ink);
    let label_lines: Vec<Vec<Line>> = c
        .columns
        .iter()
        .zip(&cols.box_widths)
        .map(|(l, w)| break_plain(l, Face::Bold, w - t.label_inset, size, m))
        .collect();
    let rows = label_lines.iter().map(Vec::len).max().unwrap_or(1);
    let height = lb.height(rows) + 2.0 * t.header_pad;
    let mut items = vec![Item::Fill {
        rect: Rect::new(g.body.x, 0.0, g.body.w, height),
        color: s.tint,
    }];
    let row = table.child(Role::TR, cx.new_id());
    // One header cell: at most `rows` lines (the band is that tall), tagged as a TH.
    let mut cell = |lines: &[Line], align: Align| {
        let th = row.child(Role::TH, cx.new_id());
        let lines = &lines[..lines.len().min(rows)];
        items.extend(set_lines(lines, align, t.header_pad, lb, &th, m));
    };
    if let Some(label) = &c.label {
        let lines = break_plain(label, Face::Bold, cols.item_w - 2.0 * cols.pad, size, m);
        cell(&lines, Align::Left(g.body.x + cols.pad));
    }
    let mut x = g.body.x + cols.item_w;
    for (lines, &width) in label_lines.iter().zip(&cols.box_widths) {
        cell(lines, Align::Centre { x, width });
        x += width;
    }
    Frame {
        height,
        items,
        keep_with_next: true,
        ..Frame::default()
    }
}

/// One item row: zebra tint on every other row, the item text, a check box (drawn, and a
/// form field) per column, a rule below. Returns the items and the row's height.
fn checklist_row(
    item: &RichText,
    r: usize,
    c: &Checklist,
    cols: &TableColumns,
    table: &Tag,
    cx: &Context,
    g: &Geometry,
) -> (Vec<Item>, f32) {
    let m = cx.metrics;
    let s = &cx.style;
    let t = &s.table;
    let lb = LineBox::body(s, s.ink);
    let box_size = t.check_box;
    let lines = rich_lines(item, Face::Regular, cols.item_w - 2.0 * cols.pad, s.body, m);
    let row_h = (lb.height(lines.len()) + 2.0 * t.row_pad).max(t.min_row);
    let mut items = Vec::new();
    if r % 2 == 1 {
        items.push(Item::Fill {
            rect: Rect::new(g.body.x, 0.0, g.body.w, row_h),
            color: s.zebra,
        });
    }
    let text_top = (row_h - lb.height(lines.len())) / 2.0;
    let row = table.child(Role::TR, cx.new_id());
    // The item heads its row: a screen reader names it with each box of the row.
    let item_cell = row.child(Role::TH, cx.new_id());
    let at = Align::Left(g.body.x + cols.pad);
    items.extend(set_lines(&lines, at, text_top, lb, &item_cell, m));
    let mut x = g.body.x + cols.item_w;
    for (w, column) in cols.box_widths.iter().zip(&c.columns) {
        let rect = Rect::new(
            x + (w - box_size) / 2.0,
            (row_h - box_size) / 2.0,
            box_size,
            box_size,
        );
        items.push(Item::Stroke {
            rect,
            color: s.ink,
            width: t.box_stroke,
        });
        // Tickable on a screen, too; each box is a cell of the item's row.
        items.push(Item::Field(FormField {
            kind: FieldKind::CheckBox,
            name: format!("{} - {column}", item.plain()),
            rect,
            tag: Some(row.child(Role::TD, cx.new_id())),
        }));
        x += w;
    }
    items.push(Item::Line {
        from: (g.body.x, row_h),
        to: (g.body.right(), row_h),
        color: s.rule,
        width: t.row_rule,
    });
    (items, row_h)
}

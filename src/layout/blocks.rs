//! Each block kind turned into frames: the unbreakable slices the paginator places.

use super::page::baseline;
use super::paginate::{FillLines, Frame};
use super::text::{break_lines, break_plain, Line};
use super::{
    Context, FieldKind, FormField, Geometry, ImageRef, Item, LayoutError, Metrics, Rect, Role, Tag,
};
use crate::fonts::Face;
use crate::model::inline;
use crate::model::{
    Block, Checklist, Color, Column, FieldKey, FieldPath, Handout, ImageBlock, Note,
};

/// Tags every untagged text item of `items`.
fn tag_all(items: &mut [Item], tag: &Tag) {
    for item in items {
        item.tag_text(tag);
    }
}

/// Tags every text item of every frame.
fn tag_frames(frames: &mut [Frame], tag: &Tag) {
    for f in frames {
        tag_all(&mut f.items, tag);
    }
}

/// Lines of `text` (with `**bold**`) broken to `width`.
fn lines(text: &str, base: Face, width: f32, size: f32, m: &Metrics) -> Vec<Line> {
    // Markup was checked by `model::check`; plain text is the safe reading if it were not.
    let spans = inline::parse(text).unwrap_or_else(|_| {
        vec![inline::Span {
            text: inline::plain(text),
            bold: false,
        }]
    });
    break_lines(&spans, base, width, size, m)
}

/// Places lines from `top`, one line box of `lh` each; returns the items.
fn place_lines(
    lines: &[Line],
    x: f32,
    top: f32,
    lh: f32,
    size: f32,
    color: Color,
    m: &Metrics,
) -> Vec<Item> {
    lines
        .iter()
        .enumerate()
        .flat_map(|(i, l)| {
            let base = baseline(m, Face::Regular, top + i as f32 * lh, lh, size);
            l.place(x, base, size, color, m)
        })
        .collect()
}

/// The title (and subtitle) at the top of the first page.
pub fn title_frames(handout: &Handout, cx: &Context, g: &Geometry) -> Vec<Frame> {
    let m = cx.metrics;
    let s = &cx.style;
    let mut items = vec![Item::Anchor {
        title: handout.title.clone(),
        x: g.body.x,
        y: 0.0,
    }];
    let title_lh = s.title * 1.25;
    let title = break_plain(&handout.title, Face::Bold, g.body.w, s.title, m);
    for (i, l) in title.iter().enumerate() {
        let base = baseline(m, Face::Bold, i as f32 * title_lh, title_lh, s.title);
        items.extend(l.place(g.body.x, base, s.title, s.accent_text, m));
    }
    tag_all(&mut items, &Tag::default().child(Role::H1, cx.new_id()));
    let mut height = title.len() as f32 * title_lh;
    if let Some(sub) = &handout.subtitle {
        let lh = s.subtitle * 1.3;
        let sub = break_plain(sub, Face::Regular, g.body.w, s.subtitle, m);
        height += 4.0;
        items.extend(place_lines(
            &sub, g.body.x, height, lh, s.subtitle, s.muted, m,
        ));
        tag_all(&mut items, &Tag::default().child(Role::P, cx.new_id()));
        height += sub.len() as f32 * lh;
    }
    height += 6.0;
    items.push(Item::Line {
        from: (g.body.x, height),
        to: (g.body.right(), height),
        color: s.tint,
        width: 2.0,
    });
    height += 1.0;
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
    let root = Tag::default();
    let mut frames = match block {
        Block::Heading(t) => {
            let mut f = heading(t, cx, g);
            tag_frames(&mut f, &root.child(Role::H2, cx.new_id()));
            f
        }
        Block::Text(t) => {
            let mut f = paragraph(t, cx, g);
            tag_frames(&mut f, &root.child(Role::P, cx.new_id()));
            f
        }
        Block::Bullets(items) => list(items, None, cx, g),
        Block::Steps(items) => list(items, Some(1), cx, g),
        Block::Checklist(c) => checklist(c, cx, g),
        Block::Columns(cols) => columns(cols, cx, g),
        Block::Fields(labels) => fields(labels, index, cx, g)?,
        Block::Note(n) => vec![note(n, cx, g)],
        Block::Notes(title) => vec![notes(title, cx, g)],
        Block::Image(img) => vec![image(img, index, cx, g)?],
    };
    for f in &mut frames {
        f.block = Some(index);
    }
    Ok(frames)
}

fn heading(text: &str, cx: &Context, g: &Geometry) -> Vec<Frame> {
    let m = cx.metrics;
    let s = &cx.style;
    let lh = s.heading * 1.25;
    let lines = break_plain(text, Face::Bold, g.body.w, s.heading, m);
    let mut items = vec![Item::Anchor {
        title: text.to_string(),
        x: g.body.x,
        y: 0.0,
    }];
    for (i, l) in lines.iter().enumerate() {
        let base = baseline(m, Face::Bold, i as f32 * lh, lh, s.heading);
        items.extend(l.place(g.body.x, base, s.heading, s.accent_text, m));
    }
    vec![Frame {
        height: lines.len() as f32 * lh,
        items,
        space_before: 10.0,
        keep_with_next: true,
        ..Frame::default()
    }]
}

/// Splits lines into frames so that no page starts or ends with a lone line of a paragraph
/// (no widows or orphans): the first two and last two lines stay together.
fn line_frames(
    lines: &[Line],
    x: f32,
    lh: f32,
    size: f32,
    color: Color,
    m: &Metrics,
) -> Vec<Frame> {
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
            height: r.len() as f32 * lh,
            items: place_lines(&lines[r], x, 0.0, lh, size, color, m),
            ..Frame::default()
        })
        .collect()
}

fn paragraph(text: &str, cx: &Context, g: &Geometry) -> Vec<Frame> {
    let m = cx.metrics;
    let s = &cx.style;
    let lines = lines(text, Face::Regular, g.body.w, s.body, m);
    line_frames(&lines, g.body.x, s.line(), s.body, s.ink, m)
}

/// Bulleted (`first_number` = None) or numbered list; each item is one frame.
fn list(items: &[String], first_number: Option<usize>, cx: &Context, g: &Geometry) -> Vec<Frame> {
    let m = cx.metrics;
    let s = &cx.style;
    let lh = s.line();
    let indent = if first_number.is_some() { 30.0 } else { 22.0 };
    let text_x = g.body.x + indent;
    let list_tag = Tag::default().child(Role::L, cx.new_id());
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let lines = lines(item, Face::Regular, g.body.w - indent, s.body, m);
            let li = list_tag.child(Role::LI, cx.new_id());
            let mut body = place_lines(&lines, text_x, 0.0, lh, s.body, s.ink, m);
            tag_all(&mut body, &li.child(Role::LBody, cx.new_id()));
            let mut out = Vec::new();
            let base = baseline(m, Face::Regular, 0.0, lh, s.body);
            let (marker, face, color) = match first_number {
                Some(n) => (format!("{}.", n + i), Face::Bold, s.accent_text),
                None => ("•".to_string(), Face::Bold, s.accent_text),
            };
            let marker = break_plain(&marker, face, indent, s.body, m);
            if let Some(l) = marker.first() {
                let x = if first_number.is_some() {
                    text_x - 8.0 - l.width
                } else {
                    g.body.x + 5.0
                };
                out.extend(l.place(x, base, s.body, color, m));
            }
            // The label (bullet or number) first: that is the reading order.
            tag_all(&mut out, &li.child(Role::Lbl, cx.new_id()));
            out.extend(body);
            Frame {
                height: lines.len() as f32 * lh,
                items: out,
                space_before: if i == 0 { 0.0 } else { 4.0 },
                ..Frame::default()
            }
        })
        .collect()
}

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
        let pad = 8.0;
        let size = cx.style.table_label;
        let widths: Vec<f32> = c
            .columns
            .iter()
            .map(|l| (cx.metrics.bold.width(l, size) + 2.0 * pad).max(44.0))
            .collect();
        let boxes_w: f32 = widths.iter().sum();
        let item_w = (g.body.w - boxes_w).max(g.body.w * 0.3);
        let scale = ((g.body.w - item_w) / boxes_w).min(1.0);
        TableColumns {
            item_w,
            box_widths: widths.iter().map(|w| w * scale).collect(),
            pad,
        }
    }
}

fn checklist(c: &Checklist, cx: &Context, g: &Geometry) -> Vec<Frame> {
    let cols = TableColumns::new(c, cx, g);
    let table = Tag::default().child(Role::Table, cx.new_id());
    let header = checklist_header(c, &cols, &table, cx, g);
    let mut frames = vec![header.clone()];
    // A short table (a weekly tracker) stays in one piece; a long one may break between rows,
    // and its header row is repeated at the top of the next page.
    let keep_whole = c.items.len() <= 8;
    for (r, item) in c.items.iter().enumerate() {
        let (items, height) = checklist_row(item, r, c, &cols, &table, cx, g);
        frames.push(Frame {
            height,
            items,
            keep_with_next: keep_whole && r + 1 < c.items.len(),
            repeat_header: Some(Box::new(header.clone())),
            ..Frame::default()
        });
    }
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
    let size = s.table_label;
    let lh = size * 1.3;
    let label_lines: Vec<Vec<Line>> = c
        .columns
        .iter()
        .zip(&cols.box_widths)
        .map(|(l, w)| break_plain(l, Face::Bold, w - 4.0, size, m))
        .collect();
    let rows = label_lines.iter().map(Vec::len).max().unwrap_or(1);
    let height = rows as f32 * lh + 2.0 * 6.0;
    let mut items = vec![Item::Fill {
        rect: Rect::new(g.body.x, 0.0, g.body.w, height),
        color: s.tint,
    }];
    let row = table.child(Role::TR, cx.new_id());
    // One header cell: `lines` placed by `x_of(line width)`, tagged as a TH.
    let cell = |items: &mut Vec<Item>, lines: &[Line], x_of: &dyn Fn(f32) -> f32| {
        let first = items.len();
        for (i, l) in lines.iter().take(rows).enumerate() {
            let base = baseline(m, Face::Bold, 6.0 + i as f32 * lh, lh, size);
            items.extend(l.place(x_of(l.width), base, size, s.ink, m));
        }
        tag_all(&mut items[first..], &row.child(Role::TH, cx.new_id()));
    };
    if let Some(label) = &c.label {
        let lines = break_plain(label, Face::Bold, cols.item_w - 2.0 * cols.pad, size, m);
        cell(&mut items, &lines, &|_| g.body.x + cols.pad);
    }
    let mut x = g.body.x + cols.item_w;
    for (lines, w) in label_lines.iter().zip(&cols.box_widths) {
        cell(&mut items, lines, &|width| x + (w - width) / 2.0);
        x += w;
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
    item: &str,
    r: usize,
    c: &Checklist,
    cols: &TableColumns,
    table: &Tag,
    cx: &Context,
    g: &Geometry,
) -> (Vec<Item>, f32) {
    let m = cx.metrics;
    let s = &cx.style;
    let lh = s.line();
    let box_size = 16.0;
    let lines = lines(item, Face::Regular, cols.item_w - 2.0 * cols.pad, s.body, m);
    let row_h = (lines.len() as f32 * lh + 2.0 * 6.0).max(30.0);
    let mut items = Vec::new();
    if r % 2 == 1 {
        items.push(Item::Fill {
            rect: Rect::new(g.body.x, 0.0, g.body.w, row_h),
            color: s.zebra,
        });
    }
    let text_top = (row_h - lines.len() as f32 * lh) / 2.0;
    let mut text = place_lines(&lines, g.body.x + cols.pad, text_top, lh, s.body, s.ink, m);
    let row = table.child(Role::TR, cx.new_id());
    tag_all(&mut text, &row.child(Role::TD, cx.new_id()));
    items.extend(text);
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
            width: 1.2,
        });
        // Tickable on a screen, too; each box is a cell of the item's row.
        items.push(Item::Field(FormField {
            kind: FieldKind::CheckBox,
            name: format!("{} - {column}", inline::plain(item)),
            rect,
            tag: Some(row.child(Role::TD, cx.new_id())),
        }));
        x += w;
    }
    items.push(Item::Line {
        from: (g.body.x, row_h),
        to: (g.body.right(), row_h),
        color: s.rule,
        width: 0.6,
    });
    (items, row_h)
}

/// Lists side by side. Each column flows on its own, so a long item in one column leaves no
/// gap in the other; the block is one frame when it fits a page. A block taller than a page
/// falls back to rows aligned across the columns, each row free to move to the next page.
fn columns(cols: &[Column], cx: &Context, g: &Geometry) -> Vec<Frame> {
    let s = &cx.style;
    let gap = 24.0;
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
    column_frames(title_items, title_h, cells, g)
}

/// The column titles with a rule under each; returns the items and the height they take.
fn column_titles(
    cols: &[Column],
    xs: &[f32],
    col_w: f32,
    divs: &[Tag],
    cx: &Context,
) -> (Vec<Item>, f32) {
    let m = cx.metrics;
    let s = &cx.style;
    let size = s.label + 2.0;
    let lh = size * 1.25;
    let titles: Vec<Vec<Line>> = cols
        .iter()
        .map(|c| break_plain(&c.title, Face::Bold, col_w, size, m))
        .collect();
    let rows = titles.iter().map(Vec::len).max().unwrap_or(1) as f32;
    let rule_y = rows * lh + 6.0 - 1.0;
    let mut items = Vec::new();
    for (i, lines) in titles.iter().enumerate() {
        let first = items.len();
        for (j, l) in lines.iter().enumerate() {
            let base = baseline(m, Face::Bold, j as f32 * lh, lh, size);
            items.extend(l.place(xs[i], base, size, s.accent_text, m));
        }
        tag_all(&mut items[first..], &divs[i].child(Role::H3, cx.new_id()));
        items.push(Item::Line {
            from: (xs[i], rule_y),
            to: (xs[i] + col_w, rule_y),
            color: s.accent_rule,
            width: 1.5,
        });
    }
    (items, rows * lh + 6.0 + 4.0)
}

/// One list item of a column: the bullet (label) and the wrapped text (body).
fn column_cell(text: &str, x: f32, col_w: f32, list: &Tag, cx: &Context) -> (Vec<Item>, f32) {
    let m = cx.metrics;
    let s = &cx.style;
    let lh = s.line();
    let indent = 20.0;
    let li = list.child(Role::LI, cx.new_id());
    let lines = lines(text, Face::Regular, col_w - indent, s.body, m);
    let mut items = Vec::new();
    let base = baseline(m, Face::Regular, 0.0, lh, s.body);
    if let Some(l) = break_plain("•", Face::Bold, indent, s.body, m).first() {
        items.extend(l.place(x + 4.0, base, s.body, s.accent_text, m));
    }
    tag_all(&mut items, &li.child(Role::Lbl, cx.new_id()));
    let mut body = place_lines(&lines, x + indent, 0.0, lh, s.body, s.ink, m);
    tag_all(&mut body, &li.child(Role::LBody, cx.new_id()));
    items.extend(body);
    (items, lines.len() as f32 * lh)
}

/// The columns as one frame, each flowing on its own, when they fit a page; otherwise the
/// titles, then rows aligned across the columns, each free to move to the next page.
fn column_frames(
    title_items: Vec<Item>,
    title_h: f32,
    cells: Vec<Vec<(Vec<Item>, f32)>>,
    g: &Geometry,
) -> Vec<Frame> {
    let item_gap = 5.0;
    let flowing_h = cells
        .iter()
        .map(|col| col.iter().map(|(_, h)| h + item_gap).sum::<f32>())
        .fold(0.0, f32::max);
    if title_h + flowing_h <= g.body.h {
        let mut items = title_items;
        for col in cells {
            let mut y = title_h + item_gap;
            for (cell_items, h) in col {
                items.extend(cell_items.into_iter().map(|mut it| {
                    it.shift_y(y);
                    it
                }));
                y += h + item_gap;
            }
        }
        return vec![Frame {
            height: title_h + flowing_h,
            items,
            ..Frame::default()
        }];
    }
    let mut frames = vec![Frame {
        height: title_h,
        items: title_items,
        keep_with_next: true,
        ..Frame::default()
    }];
    let rows = cells.iter().map(Vec::len).max().unwrap_or(0);
    for r in 0..rows {
        let mut items = Vec::new();
        let mut height: f32 = 0.0;
        for col in &cells {
            if let Some((cell_items, h)) = col.get(r) {
                items.extend(cell_items.iter().cloned());
                height = height.max(*h);
            }
        }
        frames.push(Frame {
            height,
            items,
            space_before: item_gap,
            ..Frame::default()
        });
    }
    frames
}

/// Write-in lines. Two fields share a row when both labels leave room to write. A field with
/// a value (a personalised copy) has the value written on its line.
fn fields(
    labels: &[String],
    index: usize,
    cx: &Context,
    g: &Geometry,
) -> Result<Vec<Frame>, LayoutError> {
    let m = cx.metrics;
    let s = &cx.style;
    let row_h: f32 = 36.0;
    let gap = 24.0;
    let min_write = 150.0;
    let half = (g.body.w - gap) / 2.0;
    let fits_half = |l: &String| m.regular.width(l, s.body) + 8.0 + min_write <= half;
    let per_row = if labels.iter().all(fits_half) { 2 } else { 1 };
    let cell_w = if per_row == 2 { half } else { g.body.w };
    let lh = s.line();
    let mut frames = Vec::new();
    for (r, row) in labels.chunks(per_row).enumerate() {
        let wrapped: Vec<Vec<Line>> = row
            .iter()
            .map(|l| break_plain(l, Face::Regular, cell_w - min_write, s.body, m))
            .collect();
        let label_rows = wrapped.iter().map(Vec::len).max().unwrap_or(1) as f32;
        // Rows with wrapped labels grow; the write-in line sits under the last label line.
        let height = row_h.max(label_rows * lh + 12.0);
        let mut items = Vec::new();
        for (i, (label, lines)) in row.iter().zip(&wrapped).enumerate() {
            let first = items.len();
            let x = g.body.x + i as f32 * (half + gap);
            let label_h = lines.len() as f32 * lh;
            let top = height - 8.0 - label_h;
            items.extend(place_lines(lines, x, top, lh, s.body, s.ink, m));
            let last_w = lines.last().map_or(0.0, |l| l.width);
            let base = baseline(m, Face::Regular, top + label_h - lh, lh, s.body);
            let (x0, x1) = (x + last_w + 8.0, x + cell_w);
            items.push(Item::Line {
                from: (x0, base + 3.0),
                to: (x1, base + 3.0),
                color: s.ink,
                width: 0.8,
            });
            let value = cx
                .values
                .get(&FieldKey::new(label))
                .filter(|v| !v.trim().is_empty());
            if value.is_none() {
                // Fillable on a screen: a text field sitting on the printed line.
                let h = s.body * 1.3;
                items.push(Item::Field(FormField {
                    kind: FieldKind::Text,
                    name: label.clone(),
                    rect: Rect::new(x0, base + 2.0 - h, x1 - x0, h),
                    tag: None,
                }));
            }
            if let Some(value) = value {
                let room = x1 - x0 - 8.0;
                let written = break_plain(value, Face::Regular, f32::MAX, s.body, m);
                match written.first() {
                    Some(l) if l.width <= room => items.extend(l.place(x0 + 4.0, base, s.body, s.ink, m)),
                    _ => {
                        return Err(LayoutError {
                            field: FieldPath::block(index, "fields").index(r * per_row + i),
                            needle: None,
                            message: format!(
                                "the value `{value}` is too long for the `{label}` line ({:.0} pt of room)",
                                room
                            ),
                        })
                    }
                }
            }
            // The label and any value written on its line read as one paragraph.
            tag_all(
                &mut items[first..],
                &Tag::default().child(Role::P, cx.new_id()),
            );
        }
        frames.push(Frame {
            height,
            items,
            space_before: 2.0,
            ..Frame::default()
        });
    }
    Ok(frames)
}

fn note(n: &Note, cx: &Context, g: &Geometry) -> Frame {
    let m = cx.metrics;
    let s = &cx.style;
    let pad = 14.0;
    let bar = 6.0;
    let inner_x = g.body.x + bar + pad;
    let inner_w = g.body.w - bar - 2.0 * pad;
    let title_size = s.label + 2.0;
    let title_lh = title_size * 1.3;
    let title = break_plain(&n.title, Face::Bold, inner_w, title_size, m);
    let body = lines(&n.text, Face::Regular, inner_w, s.body, m);
    let lh = s.line();
    let height = 2.0 * pad + title.len() as f32 * title_lh + 2.0 + body.len() as f32 * lh;
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
    for (i, l) in title.iter().enumerate() {
        let base = baseline(
            m,
            Face::Bold,
            pad + i as f32 * title_lh,
            title_lh,
            title_size,
        );
        items.extend(l.place(inner_x, base, title_size, s.ink, m));
    }
    let div = Tag::default().child(Role::Div, cx.new_id());
    tag_all(&mut items, &div.child(Role::H3, cx.new_id()));
    let body_top = pad + title.len() as f32 * title_lh + 2.0;
    items.extend(place_lines(&body, inner_x, body_top, lh, s.body, s.ink, m));
    tag_all(&mut items, &div.child(Role::P, cx.new_id()));
    Frame {
        height,
        items,
        space_before: 6.0,
        ..Frame::default()
    }
}

/// A title and ruled lines for the patient's notes; when last, lines fill the page.
fn notes(title: &str, cx: &Context, g: &Geometry) -> Frame {
    let m = cx.metrics;
    let s = &cx.style;
    let title_size = s.label + 2.0;
    let title_lh = title_size * 1.3;
    let title = break_plain(title, Face::Bold, g.body.w, title_size, m);
    let mut items = Vec::new();
    for (i, l) in title.iter().enumerate() {
        let base = baseline(m, Face::Bold, i as f32 * title_lh, title_lh, title_size);
        items.extend(l.place(g.body.x, base, title_size, s.accent_text, m));
    }
    tag_all(&mut items, &Tag::default().child(Role::H3, cx.new_id()));
    let pitch = 26.0;
    let mut y = title.len() as f32 * title_lh;
    for _ in 0..2 {
        y += pitch;
        items.push(Item::Line {
            from: (g.body.x, y),
            to: (g.body.right(), y),
            color: s.rule,
            width: 0.8,
        });
    }
    Frame {
        height: y + 1.0,
        items,
        space_before: 6.0,
        fill: Some(FillLines {
            pitch,
            x0: g.body.x,
            x1: g.body.right(),
            color: s.rule,
            width: 0.8,
        }),
        ..Frame::default()
    }
}

fn image(img: &ImageBlock, index: usize, cx: &Context, g: &Geometry) -> Result<Frame, LayoutError> {
    let (px_w, px_h) = cx
        .images
        .blocks
        .get(index)
        .copied()
        .flatten()
        .filter(|(w, h)| *w > 0 && *h > 0)
        .ok_or_else(|| LayoutError {
            field: FieldPath::block(index, "image"),
            needle: None,
            message: "image was not loaded".into(),
        })?;
    let aspect = px_h as f32 / px_w as f32;
    // Default: 150 dpi, a sharp print size, but never wider than the text.
    let natural = px_w as f32 * 72.0 / 150.0;
    let mut w = img
        .width
        .map_or(natural, |l| l.resolve(g.body.w))
        .min(g.body.w);
    // Scale down (never clip) a picture taller than the page's body.
    if w * aspect > g.body.h {
        w = g.body.h / aspect;
    }
    let h = w * aspect;
    Ok(Frame {
        height: h,
        items: vec![Item::Image {
            image: ImageRef::Block(index),
            rect: Rect::new(g.body.x + (g.body.w - w) / 2.0, 0.0, w, h),
            figure: Some((
                Tag::default().child(Role::Figure, cx.new_id()),
                img.alt.clone().unwrap_or_default(),
            )),
        }],
        space_before: 6.0,
        ..Frame::default()
    })
}

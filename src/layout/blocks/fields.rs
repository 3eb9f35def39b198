//! Write-in fields: a label and a line to write on, printed and fillable on a screen; in a
//! personalised copy, the value is written on the line.

use super::{set_lines, tag_all, Align, LineBox};
use crate::assets::fonts::Face;
use crate::layout::paginate::Frame;
use crate::layout::text::{break_plain, Line};
use crate::layout::{Context, FieldKind, FormField, Geometry, Item, LayoutError, Rect, Role, Tag};
use crate::model::{FieldKey, FieldPath};

/// Height of a fillable box on a write-in line, as a multiple of the body size: one line of
/// typed text.
const FIELD_BOX_EMS: f32 = 1.3;

/// How write-in fields share the body's width: one or two to a row.
struct FieldGrid {
    /// Fields per row: 2 when every label leaves room to write in half the width, else 1.
    per_row: usize,
    /// Width of one field: label and line.
    cell_w: f32,
    /// Distance from one field's left edge to the next one's in the same row.
    step: f32,
    /// Room kept for writing, right of the label.
    min_write: f32,
}

impl FieldGrid {
    fn new(labels: &[String], cx: &Context, g: &Geometry) -> Self {
        let s = &cx.style;
        let f = &s.fields;
        let (gap, min_write) = (f.gap, f.min_write);
        let half = (g.body.w - gap) / 2.0;
        let fits_half =
            |l: &String| cx.metrics.regular.width(l, s.body) + f.label_gap + min_write <= half;
        let per_row = if labels.iter().all(fits_half) { 2 } else { 1 };
        FieldGrid {
            per_row,
            cell_w: if per_row == 2 { half } else { g.body.w },
            step: half + gap,
            min_write,
        }
    }
}

/// Write-in lines. Two fields share a row when both labels leave room to write. A field with
/// a value (a personalised copy) has the value written on its line.
pub(super) fn fields(
    labels: &[String],
    index: usize,
    cx: &Context,
    g: &Geometry,
) -> Result<Vec<Frame>, LayoutError> {
    let grid = FieldGrid::new(labels, cx, g);
    labels
        .chunks(grid.per_row)
        .enumerate()
        .map(|(r, row)| {
            field_row(row, &grid, cx, g).map_err(|(i, message)| {
                let field = FieldPath::block(index, "fields").index(r * grid.per_row + i);
                LayoutError::in_handout(field, message)
            })
        })
        .collect()
}

/// One row of fields. A value too long for its line is an error: the index of its field in
/// the row, and the message.
fn field_row(
    row: &[String],
    grid: &FieldGrid,
    cx: &Context,
    g: &Geometry,
) -> Result<Frame, (usize, String)> {
    let s = &cx.style;
    let f = &s.fields;
    let lb = LineBox::body(s, s.ink);
    let wrapped: Vec<Vec<Line>> = row
        .iter()
        .map(|l| {
            break_plain(
                l,
                Face::Regular,
                grid.cell_w - grid.min_write,
                s.body,
                cx.metrics,
            )
        })
        .collect();
    let label_rows = wrapped.iter().map(Vec::len).max().unwrap_or(1);
    // Rows with wrapped labels grow; the write-in line sits under the last label line.
    let height = f
        .min_row
        .max(lb.height(label_rows) + (f.above_label + f.below_label));
    let mut items = Vec::new();
    for (i, (label, lines)) in row.iter().zip(&wrapped).enumerate() {
        let x = g.body.x + i as f32 * grid.step;
        let top = height - f.below_label - lb.height(lines.len());
        let cell = field(label, lines, (x, x + grid.cell_w), top, lb, cx).map_err(|e| (i, e))?;
        items.extend(cell);
    }
    Ok(Frame {
        height,
        items,
        space_before: f.row_gap,
        ..Frame::default()
    })
}

/// One field: `lines` of its label set from `top` at `x0`, then a line to `x1` after the last
/// label line, with the copy's value written on it or a form field over it.
fn field(
    label: &str,
    lines: &[Line],
    (x0, x1): (f32, f32),
    top: f32,
    lb: LineBox,
    cx: &Context,
) -> Result<Vec<Item>, String> {
    let m = cx.metrics;
    let s = &cx.style;
    let f = &s.fields;
    // The label and any value written on its line read as one paragraph.
    let p = Tag::default().child(Role::P, cx.new_id());
    let mut items = set_lines(lines, Align::Left(x0), top, lb, &p, m);
    let last_w = lines.last().map_or(0.0, |l| l.width);
    let base = lb.baseline(top + lb.height(lines.len()) - lb.pitch, m);
    let line_x0 = x0 + last_w + f.label_gap;
    let line_y = base + f.line_drop;
    items.push(Item::Line {
        from: (line_x0, line_y),
        to: (x1, line_y),
        color: s.ink,
        width: f.line,
    });
    let value = cx
        .values
        .get(&FieldKey::new(label))
        .filter(|v| !v.trim().is_empty());
    match value {
        Some(value) => {
            let mut written = written_value(value, label, (line_x0, x1), base, cx)?;
            tag_all(&mut written, &p);
            items.extend(written);
        }
        None => {
            // Fillable on a screen: a text field sitting on the printed line.
            let h = s.body * FIELD_BOX_EMS;
            items.push(Item::Field(FormField {
                kind: FieldKind::Text,
                name: label.to_string(),
                rect: Rect::new(line_x0, base + f.box_drop - h, x1 - line_x0, h),
                tag: Some(p),
            }));
        }
    }
    Ok(items)
}

/// `value` written on the line from `x0` to `x1` whose text sits on `base`; an error if it
/// does not fit on one line.
fn written_value(
    value: &str,
    label: &str,
    (x0, x1): (f32, f32),
    base: f32,
    cx: &Context,
) -> Result<Vec<Item>, String> {
    let m = cx.metrics;
    let s = &cx.style;
    let inset = s.fields.value_inset;
    let room = x1 - x0 - 2.0 * inset;
    let written = break_plain(value, Face::Regular, f32::MAX, s.body, m);
    match written.first() {
        Some(l) if l.width <= room => Ok(l.place(x0 + inset, base, s.body, s.ink, m)),
        _ => Err(format!(
            "the value `{value}` is too long for the `{label}` line ({room:.0} pt of room)"
        )),
    }
}

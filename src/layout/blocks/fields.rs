//! Write-in fields: a label and a line to write on, printed and fillable on a screen; in a
//! personalised copy, the value is written on the line.

use super::{set_lines, tag_all, Align, Keep, LineBox, KEEP_ITEMS};
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
        let fits_half = |l: &String| {
            let label = cx.metrics.regular.width(l, s.body) + f.label_gap;
            // A value that would have to wrap in half the width takes a whole row instead.
            let value = value_of(l, cx).map_or(0.0, |v| {
                cx.metrics.regular.width(v, f.min_value.min(s.body)) + 2.0 * f.value_inset
            });
            label + min_write.max(value) <= half
        };
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
/// a value (a personalised copy) has the value written on its line. The rows may break
/// between pages, two at least on each side (see [`FIELD_KEEP`]).
pub(super) fn fields(
    labels: &[String],
    index: usize,
    cx: &Context,
    g: &Geometry,
) -> Result<Vec<Frame>, LayoutError> {
    let grid = FieldGrid::new(labels, cx, g);
    let mut rows = labels
        .chunks(grid.per_row)
        .enumerate()
        .map(|(r, row)| {
            field_row(row, &grid, cx, g).map_err(|(i, message)| {
                let field = FieldPath::block(index, "fields").index(r * grid.per_row + i);
                LayoutError::in_handout(field, message)
            })
        })
        .collect::<Result<Vec<Frame>, _>>()?;
    FIELD_KEEP.mark(&mut rows);
    Ok(rows)
}

/// Where write-in lines may break between pages: two rows at least on each side, so "Name"
/// is not left alone at a page's foot with "Date" on the next.
const FIELD_KEEP: Keep = Keep {
    first: KEEP_ITEMS,
    last: KEEP_ITEMS,
    whole: 0,
};

/// One row of fields. A value too long for its line even shrunk and wrapped is an error: the
/// index of its field in the row, and the message.
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
    let written = row
        .iter()
        .zip(&wrapped)
        .enumerate()
        .map(|(i, (label, lines))| {
            let label_w = lines.last().map_or(0.0, |l| l.width) + f.label_gap;
            let room = grid.cell_w - label_w - 2.0 * f.value_inset;
            value_of(label, cx)
                .map(|v| fit_value(v, label, room, cx))
                .transpose()
                .map_err(|e| (i, e))
        })
        .collect::<Result<Vec<Option<Written>>, _>>()?;
    let label_rows = wrapped.iter().map(Vec::len).max().unwrap_or(1);
    // A value wrapped onto more lines gets a write-in line for each, below the first.
    let extra = written
        .iter()
        .flatten()
        .map(|w| w.lines.len() - 1)
        .max()
        .unwrap_or(0);
    let extra_h = extra as f32 * value_pitch(lb, cx);
    let height = row_height(label_rows, lb, cx) + extra_h;
    let mut items = Vec::new();
    for (i, (label, lines)) in row.iter().zip(&wrapped).enumerate() {
        let x = g.body.x + i as f32 * grid.step;
        let top = height - extra_h - f.below_label - lb.height(lines.len());
        let span = (x, x + grid.cell_w);
        items.extend(field(label, lines, written[i].as_ref(), span, top, lb, cx));
    }
    Ok(Frame {
        height,
        items,
        space_before: f.row_gap,
        ..Frame::default()
    })
}

/// Height of a row of fields whose labels take `label_rows` lines (without the lines of a
/// wrapped value). Rows with wrapped labels grow: the write-in line sits under the last label
/// line. An edition that keeps ruled lines apart puts the write-in line that far below the
/// row's top, so it is that far from any line above, whatever block ends there.
fn row_height(label_rows: usize, lb: LineBox, cx: &Context) -> f32 {
    let f = &cx.style.fields;
    let labels = lb.height(label_rows) + f.above_label + f.below_label;
    // The write-in line's depth in the last label line's box.
    let line = lb.baseline(0.0, cx.metrics) + f.line_drop;
    let clear = f.min_line_gap - line + lb.pitch + f.below_label;
    f.min_row.max(labels).max(clear)
}

/// From one ruled line of a wrapped value to the next: a body line, or more in an edition
/// that keeps ruled lines further apart.
fn value_pitch(lb: LineBox, cx: &Context) -> f32 {
    lb.pitch.max(cx.style.fields.min_line_gap)
}

/// The value a personalised copy writes on `label`'s line, if it has one.
fn value_of<'a>(label: &str, cx: &Context<'a>) -> Option<&'a str> {
    cx.values
        .get(&FieldKey::new(label))
        .map(String::as_str)
        .filter(|v| !v.trim().is_empty())
}

/// Most lines a written value may take. A name of 80 characters needs two at the smallest
/// size on a whole row; past three, the value is not a name.
const MAX_VALUE_LINES: usize = 3;

/// A value as it is written: its lines, at its size.
struct Written {
    lines: Vec<Line>,
    size: f32,
}

/// How `value` fits `room` points of line: at body size if it can; else shrunk, down to the
/// edition's smallest value size; else wrapped at that size onto up to [`MAX_VALUE_LINES`]
/// lines. An error only past that.
fn fit_value(value: &str, label: &str, room: f32, cx: &Context) -> Result<Written, String> {
    let (m, s) = (cx.metrics, &cx.style);
    let one_line = |size: f32| break_plain(value, Face::Regular, f32::MAX, size, m);
    let lines = one_line(s.body);
    let width = lines.first().map_or(0.0, |l| l.width);
    if width <= room {
        return Ok(Written {
            lines,
            size: s.body,
        });
    }
    let min = s.fields.min_value.min(s.body);
    // Widths scale with the size: the size that just fits, in tenths of a point.
    let fitting = (s.body * room / width * 10.0).floor() / 10.0;
    if fitting >= min {
        let lines = one_line(fitting);
        if lines.first().is_some_and(|l| l.width <= room) {
            return Ok(Written {
                lines,
                size: fitting,
            });
        }
    }
    let lines = break_plain(value, Face::Regular, room, min, m);
    if lines.len() <= MAX_VALUE_LINES && lines.iter().all(|l| l.width <= room) {
        return Ok(Written { lines, size: min });
    }
    Err(format!(
        "the value for the `{label}` line is too long to print: it needs more than \
         {MAX_VALUE_LINES} lines of {room:.0} pt at {min} pt"
    ))
}

/// One field: `lines` of its label set from `top` at `x0`, then a line to `x1` after the last
/// label line, with the copy's value written on it (and on a line below for each more line
/// it wraps onto) or a form field over it.
fn field(
    label: &str,
    lines: &[Line],
    written: Option<&Written>,
    (x0, x1): (f32, f32),
    top: f32,
    lb: LineBox,
    cx: &Context,
) -> Vec<Item> {
    let m = cx.metrics;
    let s = &cx.style;
    let f = &s.fields;
    // The label and any value written on its line read as one paragraph.
    let p = Tag::default().child(Role::P, cx.new_id());
    let mut items = set_lines(lines, Align::Left(x0), top, lb, &p, m);
    let last_w = lines.last().map_or(0.0, |l| l.width);
    let base = lb.baseline(top + lb.height(lines.len()) - lb.pitch, m);
    let line_x0 = x0 + last_w + f.label_gap;
    let rule = |y: f32| Item::Line {
        from: (line_x0, y),
        to: (x1, y),
        color: s.ink,
        width: f.line,
    };
    items.push(rule(base + f.line_drop));
    match written {
        Some(w) => {
            let mut text = Vec::new();
            for (k, l) in w.lines.iter().enumerate() {
                let line_base = base + k as f32 * value_pitch(lb, cx);
                if k > 0 {
                    items.push(rule(line_base + f.line_drop));
                }
                text.extend(l.place(line_x0 + f.value_inset, line_base, w.size, s.ink, m));
            }
            tag_all(&mut text, &p);
            items.extend(text);
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
    items
}

//! Pictures: sized from their pixels or the handout's `width`, centred, never clipped.

use crate::layout::paginate::Frame;
use crate::layout::{Context, Geometry, ImageRef, Item, LayoutError, Rect, Role, Tag};
use crate::model::{FieldPath, ImageBlock};

/// Resolution of a picture printed at its natural size: sharp on paper, yet not tiny.
const NATURAL_DPI: f32 = 150.0;
/// Points in an inch.
const POINTS_PER_INCH: f32 = 72.0;

/// The picture of block `index`, one frame, tagged as a Figure with its alternative text,
/// or left untagged (decoration) when that text is empty.
pub(super) fn image(
    img: &ImageBlock,
    index: usize,
    cx: &Context,
    g: &Geometry,
) -> Result<Frame, LayoutError> {
    let (px_w, px_h) = cx
        .images
        .blocks
        .get(index)
        .copied()
        .flatten()
        .filter(|(w, h)| *w > 0 && *h > 0)
        .ok_or_else(|| {
            LayoutError::in_handout(FieldPath::block(index, "image"), "image was not loaded")
        })?;
    let aspect = px_h as f32 / px_w as f32;
    // Default: the natural size, but never wider than the text.
    let natural = px_w as f32 * POINTS_PER_INCH / NATURAL_DPI;
    let mut w = img
        .width
        .map_or(natural, |l| l.resolve(g.body.w))
        .min(g.body.w);
    // Scale down (never clip) a picture taller than the page's body.
    if w * aspect > g.body.h {
        w = g.body.h / aspect;
    }
    let h = w * aspect;
    // `alt: ""` says the picture is decoration: no Figure, so screen readers skip it (the
    // PDF marks it an artifact). Without `alt:` it stays a Figure; the build warns.
    let figure = match img.alt.as_deref() {
        Some(alt) if alt.trim().is_empty() => None,
        alt => Some((
            Tag::default().child(Role::Figure, cx.new_id()),
            alt.unwrap_or_default().to_string(),
        )),
    };
    Ok(Frame {
        height: h,
        items: vec![Item::Image {
            image: ImageRef::Block(index),
            rect: Rect::new(g.body.x + (g.body.w - w) / 2.0, 0.0, w, h),
            figure,
        }],
        ..Frame::default()
    })
}

//! A shaped text run as drawing operators: the subset's CIDs in a TJ array whose numbers put
//! each glyph where the shaper placed it, and the run's logical text for readers.
//!
//! A PDF reader advances by a glyph's `/W` width (the font's `hmtx` advance) after drawing
//! it; the shaper's advance differs where kerning or joining adjusts it, and its x offset
//! moves a glyph (a mark) without moving the pen. The TJ number before each glyph makes up
//! the difference, so every glyph is drawn exactly where layout measured it. A glyph raised
//! or lowered (a y offset: Arabic marks, stacked Vietnamese marks) starts a new text
//! position on its own baseline.
//!
//! Where the ToUnicode map cannot give back the run's text in logical order (right-to-left
//! runs, ligatures, clusters of several glyphs), the run is wrapped in a `/Span` with
//! `/ActualText`, so copy, search and screen readers get the text as typed.

use printpdf::{Codepoint, DictItem, FontId, Op, PdfFontHandle, Point, Pt, TextItem};

use super::font::EmbeddedFont;
use crate::layout::{Glyph, TextRun};

/// The drawing operators of `run` on a page `page_h` points tall.
pub(super) fn text_ops(
    run: &TextRun,
    font: &EmbeddedFont,
    color: printpdf::Color,
    page_h: f32,
    ops: &mut Vec<Op>,
) {
    let actual = needs_actual_text(run, font);
    if actual {
        ops.push(actual_text(&run.text));
    }
    ops.push(Op::StartTextSection);
    ops.push(Op::SetFont {
        font: PdfFontHandle::External(FontId(font.tag.clone())),
        size: Pt(run.size),
    });
    ops.push(Op::SetFillColor { col: color });
    let scale = run.size / 1000.0;
    // The text position last set (BT starts at the origin), and the pen's, in points.
    let mut origin = (0.0f32, 0.0f32);
    let mut pen = 0.0f32;
    for group in run.glyphs.chunk_by(|a, b| a.y_offset == b.y_offset) {
        let at = (
            run.x + pen * scale,
            page_h - run.baseline + group[0].y_offset * scale,
        );
        ops.push(Op::SetTextCursor {
            pos: Point {
                x: Pt(at.0 - origin.0),
                y: Pt(at.1 - origin.1),
            },
        });
        origin = at;
        ops.push(Op::ShowText {
            items: show(group, font),
        });
        pen += group.iter().map(|g| g.advance).sum::<f32>();
    }
    ops.push(Op::EndTextSection);
    if actual {
        ops.push(Op::EndMarkedContent);
    }
}

/// One baseline's glyphs: the first placed by a leading number if it is offset, each next
/// by the number after the one before (TJ numbers move the next glyph left by n/1000 em).
fn show(glyphs: &[Glyph], font: &EmbeddedFont) -> Vec<TextItem> {
    let mut items = Vec::with_capacity(2);
    if let Some(first) = glyphs.first().filter(|g| g.x_offset != 0.0) {
        items.push(TextItem::Offset(-first.x_offset));
    }
    let mut codes: Vec<Codepoint> = Vec::with_capacity(glyphs.len());
    for (i, g) in glyphs.iter().enumerate() {
        if let (Some(prev), Some(last)) = (i.checked_sub(1).map(|p| glyphs[p]), codes.last_mut()) {
            // Where the reader's pen is after the previous glyph, against where this one goes.
            let drift = (prev.advance - font.width(prev.id)) + (g.x_offset - prev.x_offset);
            last.offset = -drift;
        }
        codes.push(Codepoint::new(font.cid(g.id), 0.0));
    }
    items.push(TextItem::GlyphIds(codes));
    items
}

/// Whether a reader mapping each glyph by the ToUnicode map would not read the run's text.
fn needs_actual_text(run: &TextRun, font: &EmbeddedFont) -> bool {
    if run.rtl {
        return !run.text.is_empty();
    }
    let mut rest = run.text.as_str();
    for g in &run.glyphs {
        // A glyph the map gives nothing for (a mark of a cluster) reads as a stray character.
        match font.unicode(g.id).filter(|t| !t.is_empty()) {
            Some(text) => match rest.strip_prefix(text) {
                Some(after) => rest = after,
                None => return true,
            },
            None => return true,
        }
    }
    !rest.is_empty()
}

/// `/Span <</ActualText <FEFF…>>> BDC`: the text in UTF-16BE with its byte order mark.
fn actual_text(text: &str) -> Op {
    let mut data = vec![0xFE, 0xFF];
    data.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    let mut map = std::collections::BTreeMap::new();
    map.insert(
        "ActualText".to_string(),
        DictItem::String {
            data,
            literal: false,
        },
    );
    Op::BeginMarkedContentWithProperties {
        tag: "Span".into(),
        properties: DictItem::Dict { map },
    }
}

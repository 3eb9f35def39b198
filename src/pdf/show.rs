//! A shaped text run as drawing operators: the subset's CIDs in TJ arrays whose numbers put
//! each glyph where the shaper placed it, and the run's text for readers.
//!
//! A PDF reader advances by a glyph's `/W` width (the font's `hmtx` advance) after drawing
//! it; the shaper's advance differs where kerning or joining adjusts it, and its x offset
//! moves a glyph (a mark) without moving the pen. The TJ number before each glyph makes up
//! the difference, so every glyph is drawn exactly where layout measured it. A glyph raised
//! or lowered (a y offset: Arabic dots and marks, stacked Vietnamese marks) starts a new
//! text position on its own baseline.
//!
//! Glyphs are drawn in visual order; readers put right-to-left text back in logical order
//! themselves, by each glyph's text from the ToUnicode map (a cluster's text is its letter's;
//! Arabic dots drawn as marks stand for nothing). Where a cluster's glyphs cannot give back
//! its text that way (a letter and marks drawn as several glyphs in left-to-right text, a
//! ligature of letters another glyph also stands for), the cluster is wrapped in a
//! `/Span <</ActualText …>> BDC … EMC`, so copy, search and screen readers get the text as
//! typed. Each such span is one cluster, so readers still order the clusters by position.

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
    ops.push(Op::StartTextSection);
    ops.push(Op::SetFont {
        font: PdfFontHandle::External(FontId(font.tag.clone())),
        size: Pt(run.size),
    });
    ops.push(Op::SetFillColor { col: color });
    let mut pen = Pen {
        run,
        font,
        page_h,
        origin: (0.0, 0.0),
        pen: 0.0,
        baseline: None,
        previous: None,
        items: Vec::new(),
        codes: Vec::new(),
    };
    // Right to left, marks that stand for no text (Arabic dots) are drawn after the letters,
    // each at its own place: drawn among them, on their own baseline, they made readers
    // (poppler) end the word there and read a space inside it.
    let mut silent_marks = Vec::new();
    for (glyphs, text) in clusters(run) {
        let actual = !reads_as(glyphs, text, run.rtl, font);
        if actual {
            pen.flush(ops);
            ops.push(actual_text(text));
        }
        for glyph in glyphs {
            if run.rtl && glyph.advance == 0.0 && stands_for_nothing(glyph, font) {
                silent_marks.push((pen.pen, *glyph));
            } else {
                pen.draw(glyph, ops);
            }
        }
        if actual {
            pen.flush(ops);
            ops.push(Op::EndMarkedContent);
        }
    }
    for (at, mark) in silent_marks {
        pen.flush(ops);
        pen.pen = at;
        pen.baseline = None;
        pen.previous = None;
        pen.draw(&mark, ops);
    }
    pen.flush(ops);
    ops.push(Op::EndTextSection);
}

/// Where the next glyph goes, and the text-showing operator being built.
struct Pen<'a> {
    run: &'a TextRun,
    font: &'a EmbeddedFont,
    page_h: f32,
    /// The text position last set (a text object starts at the origin), in points.
    origin: (f32, f32),
    /// Where the next glyph's pen position is, in thousandths of an em from the run's start.
    pen: f32,
    /// The y offset of the baseline being drawn on, once one is set.
    baseline: Option<f32>,
    previous: Option<Glyph>,
    items: Vec<TextItem>,
    codes: Vec<Codepoint>,
}

impl Pen<'_> {
    /// Adds a glyph: on a new text position if its y offset differs from the glyph before,
    /// else after a TJ number that puts it where the shaper did (TJ numbers move the next
    /// glyph left by n/1000 em).
    fn draw(&mut self, g: &Glyph, ops: &mut Vec<Op>) {
        let scale = self.run.size / 1000.0;
        let drift = match (self.baseline == Some(g.y_offset), self.previous) {
            (true, Some(prev)) => {
                (prev.advance - self.font.width(prev.id)) + (g.x_offset - prev.x_offset)
            }
            _ => {
                self.flush(ops);
                let at = (
                    self.run.x + self.pen * scale,
                    self.page_h - self.run.baseline + g.y_offset * scale,
                );
                ops.push(Op::SetTextCursor {
                    pos: Point {
                        x: Pt(at.0 - self.origin.0),
                        y: Pt(at.1 - self.origin.1),
                    },
                });
                self.origin = at;
                self.baseline = Some(g.y_offset);
                g.x_offset
            }
        };
        match self.codes.last_mut() {
            Some(last) => last.offset = -drift,
            None if drift != 0.0 => self.items.push(TextItem::Offset(-drift)),
            None => {}
        }
        self.codes.push(Codepoint::new(self.font.cid(g.id), 0.0));
        self.pen += g.advance;
        self.previous = Some(*g);
    }

    /// Ends the text-showing operator being built, if any.
    fn flush(&mut self, ops: &mut Vec<Op>) {
        if !self.codes.is_empty() {
            self.items
                .push(TextItem::GlyphIds(std::mem::take(&mut self.codes)));
        }
        if !self.items.is_empty() {
            ops.push(Op::ShowText {
                items: std::mem::take(&mut self.items),
            });
        }
    }
}

/// The run's glyphs cluster by cluster, in visual order, each with the text it draws.
fn clusters(run: &TextRun) -> Vec<(&[Glyph], &str)> {
    let mut starts: Vec<usize> = run.glyphs.iter().map(|g| g.cluster as usize).collect();
    if !starts.is_sorted() {
        starts.sort_unstable();
    }
    starts.dedup();
    let text_of = |start: usize| {
        let next = starts.partition_point(|&s| s <= start);
        let end = starts.get(next).copied().unwrap_or(run.text.len());
        run.text.get(start..end).unwrap_or("")
    };
    run.glyphs
        .chunk_by(|a, b| a.cluster == b.cluster)
        .map(|glyphs| (glyphs, text_of(glyphs[0].cluster as usize)))
        .collect()
}

/// Whether a reader mapping each glyph by the ToUnicode map reads `text`: left to right for
/// a left-to-right run, right to left (as readers order Arabic) for a right-to-left one. A
/// glyph the map gives nothing for (a mark of a cluster) would read as a stray character.
fn reads_as(glyphs: &[Glyph], text: &str, rtl: bool, font: &EmbeddedFont) -> bool {
    let mut rest = text;
    let mut read = |g: &Glyph| {
        let mapped = font.unicode(g.id).filter(|t| !t.is_empty());
        match mapped.and_then(|t| rest.strip_prefix(t)) {
            Some(after) => {
                rest = after;
                true
            }
            // In right-to-left text, a mark the map gives nothing for (Arabic dots): readers
            // skip it. An ActualText span there would be laid out left to right by some
            // readers (poppler), breaking the word.
            None => rtl && mapped.is_none() && g.advance == 0.0,
        }
    };
    let all = match rtl {
        true => glyphs.iter().rev().all(&mut read),
        false => glyphs.iter().all(&mut read),
    };
    all && rest.is_empty()
}

/// Whether the ToUnicode map gives `g` no text (a mark of a cluster whose letter carries it).
fn stands_for_nothing(g: &Glyph, font: &EmbeddedFont) -> bool {
    font.unicode(g.id).is_none_or(|t| t.is_empty())
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

#[cfg(test)]
mod tests;

//! The draft mark: a band across the top of the content area of every page of a handout
//! that says `draft: true`, reading "DRAFT — NOT FOR PATIENTS" and the same in the handout's
//! language (from `data/languages.yaml`), so nobody hands a translation to a patient before a
//! qualified translator has reviewed it.
//!
//! The band is part of each page's frame, like the header: the content area starts below it,
//! so pagination accounts for it and nothing overlaps it. Its words are real text in the
//! structure (a paragraph on every page), not an artifact: a screen reader says them too.

use super::page::baseline;
use super::text::{break_plain, Line};
use super::{Context, Geometry, Item, LayoutError, Rect, Role, Tag};
use crate::assets::fonts::Face;
use crate::i18n;
use crate::model::{Color, FieldPath, Handout, Lang};

/// The band's colour: a deep red, 7.8:1 against its white letters (WCAG asks 4.5:1), and
/// unlike any brand colour a clinic would choose for its own bands.
pub const DRAFT_RED: Color = Color::rgb(0xA4, 0x16, 0x1A);
const WHITE: Color = Color::rgb(0xFF, 0xFF, 0xFF);

/// Line height of the mark, in ems.
const LEADING: f32 = 1.3;
/// Room above and below the words inside the band, in ems.
const PAD: f32 = 0.4;

/// The draft band of a handout's pages, set once and placed on each page.
#[derive(Debug, Clone)]
pub struct DraftBand {
    /// The band's lines: English first, then the handout's language when it has its own.
    lines: Vec<Line>,
    size: f32,
    rect: Rect,
    fill: Color,
}

/// The words of the mark for a handout in `lang`: English, and the language's own unless it
/// is English or the tool has no words in it.
pub fn words(lang: &Lang) -> Vec<&'static str> {
    let english = i18n::strings(&Lang::english()).draft;
    let own = i18n::strings(lang).draft;
    if own == english {
        vec![english]
    } else {
        vec![english, own]
    }
}

impl DraftBand {
    /// The band across the content area's width at its top (`g.body.y`). Its words are set
    /// bold at the subheading size (15 pt; 20 pt in large print), each centred; an error at
    /// `draft` if the fonts cannot draw them.
    pub fn new(cx: &Context, g: &Geometry) -> Result<DraftBand, LayoutError> {
        let (m, s) = (cx.metrics, &cx.style);
        // Never smaller than the body text: at least 18 pt in large print.
        let size = s.subheading.max(s.body);
        let pad = PAD * size;
        let mut lines = Vec::new();
        for text in words(cx.lang) {
            if let Some(c) = text.chars().find(|&c| !m.face(Face::Bold).covers(c)) {
                return Err(LayoutError::in_handout(
                    FieldPath::at("draft"),
                    format!(
                        "the fonts have no glyph for `{c}` (U+{:04X}), which the draft mark “{text}” needs",
                        u32::from(c)
                    ),
                )
                .help("use fonts that cover the handout's language"));
            }
            lines.extend(break_plain(text, Face::Bold, g.body.w - 2.0 * pad, size, m));
        }
        let height = lines.len() as f32 * size * LEADING + 2.0 * pad;
        let fill = if s.is_gray() {
            super::style::gray(DRAFT_RED)
        } else {
            DRAFT_RED
        };
        Ok(DraftBand {
            rect: Rect::new(g.body.x, g.body.y, g.body.w, height),
            lines,
            size,
            fill,
        })
    }

    /// How much the content area gives up: the band and a gap under it.
    pub fn room(&self, cx: &Context) -> f32 {
        self.rect.h + cx.style.block_gap
    }

    /// The band's items for one page: the fill, then the words, tagged as a paragraph of
    /// their own on each page.
    pub fn items(&self, cx: &Context) -> Vec<Item> {
        let m = cx.metrics;
        let tag = Tag::default().child(Role::P, cx.new_id());
        let mut items = vec![Item::Fill {
            rect: self.rect,
            color: self.fill,
        }];
        let line_height = self.size * LEADING;
        let mut top = self.rect.y + PAD * self.size;
        for line in &self.lines {
            let x = self.rect.x + (self.rect.w - line.width) / 2.0;
            let base = baseline(m, Face::Bold, top, line_height, self.size);
            for mut item in line.place(x, base, self.size, WHITE, m) {
                item.tag_text(&tag);
                items.push(item);
            }
            top += line_height;
        }
        items
    }

    /// For a `draft: true` handout, the band at the top of the content area of `g`, which
    /// then starts below it; `None` for any other handout.
    pub fn reserve(
        handout: &Handout,
        cx: &Context,
        g: &mut Geometry,
    ) -> Result<Option<DraftBand>, LayoutError> {
        if !handout.draft {
            return Ok(None);
        }
        let band = DraftBand::new(cx, g)?;
        let room = band.room(cx);
        g.body.y += room;
        g.body.h -= room;
        Ok(Some(band))
    }
}

/// A page's body items, after the draft band's when there is one (read first, as printed).
pub fn before(band: &Option<DraftBand>, cx: &Context, body: Vec<Item>) -> Vec<Item> {
    match band {
        Some(band) => band.items(cx).into_iter().chain(body).collect(),
        None => body,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mark_has_the_english_and_the_handouts_own_words() {
        let lang = |t: &str| Lang::try_from(t.to_string()).expect("a tag");
        assert_eq!(words(&lang("en-US")), ["DRAFT — NOT FOR PATIENTS"]);
        assert_eq!(words(&lang("de")), ["DRAFT — NOT FOR PATIENTS"]);
        assert_eq!(
            words(&lang("es-MX")),
            ["DRAFT — NOT FOR PATIENTS", "BORRADOR: NO ES PARA PACIENTES"]
        );
        assert_eq!(words(&lang("vi")).len(), 2);
        assert!(WHITE.contrast(DRAFT_RED) >= 4.5);
        assert!(WHITE.contrast(super::super::style::gray(DRAFT_RED)) >= 4.5);
    }
}

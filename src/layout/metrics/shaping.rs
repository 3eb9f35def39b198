//! Shaping: text in one face into positioned glyphs, by an OpenType shaper (rustybuzz).
//!
//! Shaping is independent of the size, so each face memoises the glyphs of every word (and
//! every run of spaces) it has shaped, in each direction: a handout has a few hundred words,
//! each measured many times while lines are broken. A run of text is its words' glyphs one
//! after the other (in visual order: for right-to-left text the last word first), so kerning
//! and ligatures apply within words, as nearly all fonts define them.

use rustc_hash::FxHashMap;
use std::rc::Rc;

use super::FaceMetrics;
use crate::layout::hyphen::SOFT_HYPHEN;

/// One glyph as the shaper placed it; lengths in thousandths of an em.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    /// The glyph's id in its font.
    pub id: u16,
    /// How far the pen moves after it.
    pub advance: f32,
    /// Where it is drawn, relative to the pen (y up, as in the font).
    pub x_offset: f32,
    pub y_offset: f32,
    /// Byte offset in the run's text of the first character it draws (its cluster).
    pub cluster: u32,
}

/// A piece of text shaped in one face: its glyphs in visual order and its width.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Shaped {
    /// Advance width in points.
    pub width: f32,
    pub glyphs: Vec<Glyph>,
    /// Whether it was shaped right to left.
    pub rtl: bool,
}

/// How many words a face keeps shaped, in each direction: more than a handout's distinct
/// words (or Chinese characters) in nearly every case.
const CACHED_WORDS: usize = 1024;

/// Words and their glyphs.
type ShapedWords = FxHashMap<Box<str>, Rc<[Glyph]>>;

/// What a shape plan is for: direction, script and language.
type PlanKey = (
    rustybuzz::Direction,
    rustybuzz::Script,
    Option<rustybuzz::Language>,
);

/// Shaped words of one face, left to right and right to left, and the shaper's plans.
#[derive(Default)]
pub(super) struct WordCache {
    by_direction: [std::cell::RefCell<ShapedWords>; 2],
    /// Shape plans by direction, script and language: compiling one (reading the font's
    /// GSUB/GPOS feature lists) cost more than shaping a word, and a face needs two or three.
    plans: std::cell::RefCell<Vec<(PlanKey, Rc<rustybuzz::ShapePlan>)>>,
}

impl FaceMetrics<'_> {
    /// Shapes `text` set at `size` points in this face alone (a character it lacks is its
    /// `.notdef`), left to right or right to left. For text that may need a fallback, see
    /// [`FaceMetrics::pieces`] and [`FaceMetrics::width`]. Soft hyphens take no room: they are
    /// not drawn (see `hyphen`).
    pub fn shape(&self, text: &str, size: f32, rtl: bool) -> Shaped {
        let visible = crate::layout::hyphen::visible(text);
        let mut glyphs = Vec::with_capacity(visible.len());
        let mut units = 0.0;
        let mut segments: Vec<(usize, &str)> = segments(&visible).collect();
        if rtl {
            segments.reverse();
        }
        for (start, segment) in segments {
            let shaped = self.shape_word(segment, rtl);
            for g in shaped.iter() {
                units += g.advance;
                glyphs.push(Glyph {
                    cluster: g.cluster + start as u32,
                    ..*g
                });
            }
        }
        Shaped {
            width: units * size / 1000.0,
            glyphs,
            rtl,
        }
    }

    /// The advance width of `text` at `size` points in this face alone, left to right: what
    /// [`FaceMetrics::shape`] measures, without building the glyph list (line breaking
    /// measures every word this way).
    pub fn shaped_width(&self, text: &str, size: f32) -> f32 {
        let visible = crate::layout::hyphen::visible(text);
        let mut units = 0.0;
        // Summed glyph by glyph, in the order `shape` sums them: the very same width.
        for (_, segment) in segments(&visible) {
            for g in self.shape_word(segment, false).iter() {
                units += g.advance;
            }
        }
        units * size / 1000.0
    }

    /// The glyphs of one word (or run of spaces), shaped once.
    fn shape_word(&self, word: &str, rtl: bool) -> Rc<[Glyph]> {
        let cache = &self.words.by_direction[usize::from(rtl)];
        if let Some(glyphs) = cache.borrow().get(word) {
            return glyphs.clone();
        }
        let glyphs: Rc<[Glyph]> = self.run_shaper(word, rtl).into();
        let mut cache = cache.borrow_mut();
        if cache.len() >= CACHED_WORDS {
            // A list of thousands of numbered items: memory stays bounded.
            cache.clear();
        }
        cache.insert(word.into(), glyphs.clone());
        glyphs
    }

    fn run_shaper(&self, text: &str, rtl: bool) -> Vec<Glyph> {
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.set_direction(match rtl {
            true => rustybuzz::Direction::RightToLeft,
            false => rustybuzz::Direction::LeftToRight,
        });
        buffer.guess_segment_properties();
        let plan = self.plan_for(&buffer);
        let shaped = rustybuzz::shape_with_plan(self.face.get(), &plan, buffer);
        let scale = 1000.0 / self.units_per_em;
        let unit = |v: i32| v as f32 * scale;
        shaped
            .glyph_infos()
            .iter()
            .zip(shaped.glyph_positions())
            .map(|(info, pos)| Glyph {
                id: u16::try_from(info.glyph_id).unwrap_or(0),
                advance: unit(pos.x_advance),
                x_offset: unit(pos.x_offset),
                y_offset: unit(pos.y_offset),
                cluster: info.cluster,
            })
            .collect()
    }

    /// The shape plan for text like `buffer`'s (same direction, script and language),
    /// compiled the first time this face needs it.
    fn plan_for(&self, buffer: &rustybuzz::UnicodeBuffer) -> Rc<rustybuzz::ShapePlan> {
        let key: PlanKey = (buffer.direction(), buffer.script(), buffer.language());
        let mut plans = self.words.plans.borrow_mut();
        if let Some((_, plan)) = plans.iter().find(|(k, _)| *k == key) {
            return plan.clone();
        }
        let plan = Rc::new(rustybuzz::ShapePlan::new(
            self.face.get(),
            key.0,
            Some(key.1),
            key.2.as_ref(),
            &[],
        ));
        plans.push((key, plan.clone()));
        plan
    }

    /// The advance of glyph `id` in the font's `hmtx` table, in thousandths of an em: what a
    /// PDF reader advances by after drawing it.
    pub fn hmtx_advance(&self, id: u16) -> f32 {
        let advance = self.font().glyph_hor_advance(ttf_parser::GlyphId(id));
        f32::from(advance.unwrap_or(0)) * 1000.0 / self.units_per_em
    }
}

/// `text` as words and runs of spaces, each with its byte offset.
fn segments(text: &str) -> impl Iterator<Item = (usize, &str)> + '_ {
    debug_assert!(!text.contains(SOFT_HYPHEN));
    let mut start = 0;
    std::iter::from_fn(move || {
        let rest = text.get(start..).filter(|r| !r.is_empty())?;
        let space = rest.starts_with(' ');
        let len = rest
            .find(|c: char| (c == ' ') != space)
            .unwrap_or(rest.len());
        let segment = (start, &rest[..len]);
        start += len;
        Some(segment)
    })
}

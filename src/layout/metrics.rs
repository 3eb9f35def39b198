//! Glyph metrics straight from the font file: advances, kerning pairs, coverage.
//!
//! Text is measured exactly as the PDF writer draws it: one glyph per character (the cmap),
//! its `hmtx` advance, plus the GPOS `kern` pair adjustment between neighbours, which the
//! writer emits as TJ offsets. So a measured width is the drawn width.

use std::cell::RefCell;
use std::collections::HashMap;

use ttf_parser::gpos::{PairAdjustment, PositioningSubtable};
use ttf_parser::{GlyphId, Tag};

use crate::assets::fonts::{Face, FontPair};

/// Metrics of one face, borrowing the font bytes.
///
/// Lookups in the font's tables (cmap, GPOS) are memoised: a handout uses a few dozen
/// characters and a few hundred pairs, each looked up thousands of times. The caches make a
/// `FaceMetrics` single-threaded (`!Sync`); parallel builds give each worker its own.
pub struct FaceMetrics<'a> {
    face: ttf_parser::Face<'a>,
    units_per_em: f32,
    /// Pair-adjustment subtables of the `kern` feature, in lookup order.
    kern: Vec<PairAdjustment<'a>>,
    /// char → (glyph, advance in thousandths of an em).
    glyphs: RefCell<HashMap<char, (GlyphId, f32)>>,
    /// (left, right) glyph → kerning in thousandths of an em.
    pairs: RefCell<HashMap<(u16, u16), i16>>,
    /// Ascender and descender as fractions of the em (descender negative).
    pub ascender: f32,
    pub descender: f32,
}

/// A piece of text measured in one face: its width and where kerning moves glyphs.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Shaped {
    /// Advance width in points.
    pub width: f32,
    /// (byte offset of the glyph after the gap, adjustment in thousandths of an em).
    /// Negative pulls the glyphs together, as in the font's GPOS table.
    pub kerns: Vec<(usize, i16)>,
}

impl<'a> FaceMetrics<'a> {
    pub fn new(bytes: &'a [u8]) -> Option<Self> {
        let face = ttf_parser::Face::parse(bytes, 0).ok()?;
        let units_per_em = f32::from(face.units_per_em());
        let mut kern = Vec::new();
        if let Some(gpos) = face.tables().gpos {
            let mut lookup_indices: Vec<u16> = gpos
                .features
                .into_iter()
                .filter(|f| f.tag == Tag::from_bytes(b"kern"))
                .flat_map(|f| f.lookup_indices.into_iter())
                .collect();
            lookup_indices.sort_unstable();
            lookup_indices.dedup();
            for index in lookup_indices {
                let Some(lookup) = gpos.lookups.get(index) else {
                    continue;
                };
                for sub in lookup.subtables.into_iter::<PositioningSubtable>() {
                    if let PositioningSubtable::Pair(pair) = sub {
                        kern.push(pair);
                    }
                }
            }
        }
        Some(FaceMetrics {
            ascender: f32::from(face.ascender()) / units_per_em,
            descender: f32::from(face.descender()) / units_per_em,
            face,
            units_per_em,
            kern,
            glyphs: RefCell::new(HashMap::new()),
            pairs: RefCell::new(HashMap::new()),
        })
    }

    /// Whether the font has a glyph for `c`.
    pub fn covers(&self, c: char) -> bool {
        c.is_whitespace() && c != '\u{a0}' || self.glyph(c).0 != GlyphId(0)
    }

    /// Advance of one glyph in thousandths of an em.
    fn advance(&self, glyph: GlyphId) -> f32 {
        f32::from(self.face.glyph_hor_advance(glyph).unwrap_or(0)) * 1000.0 / self.units_per_em
    }

    /// Glyph and advance for a character (glyph 0, `.notdef`, when the font lacks it).
    fn glyph(&self, c: char) -> (GlyphId, f32) {
        if let Some(&g) = self.glyphs.borrow().get(&c) {
            return g;
        }
        let glyph = self.face.glyph_index(c).unwrap_or(GlyphId(0));
        let g = (glyph, self.advance(glyph));
        self.glyphs.borrow_mut().insert(c, g);
        g
    }

    /// Kerning between two glyphs, in thousandths of an em.
    pub fn kerning(&self, left: GlyphId, right: GlyphId) -> i16 {
        let key = (left.0, right.0);
        if let Some(&k) = self.pairs.borrow().get(&key) {
            return k;
        }
        let k = self.lookup_kerning(left, right);
        self.pairs.borrow_mut().insert(key, k);
        k
    }

    fn lookup_kerning(&self, left: GlyphId, right: GlyphId) -> i16 {
        for sub in &self.kern {
            let value = match sub {
                PairAdjustment::Format1 { coverage, sets } => coverage
                    .get(left)
                    .and_then(|i| sets.get(i))
                    .and_then(|set| set.get(right))
                    .map(|(first, _)| first.x_advance),
                PairAdjustment::Format2 {
                    coverage,
                    classes,
                    matrix,
                } => coverage.get(left).and_then(|_| {
                    matrix
                        .get((classes.0.get(left), classes.1.get(right)))
                        .map(|(first, _)| first.x_advance)
                }),
            };
            if let Some(v) = value {
                if v != 0 {
                    return (f32::from(v) * 1000.0 / self.units_per_em).round() as i16;
                }
                return 0;
            }
        }
        0
    }

    /// Measures `text` set at `size` points, with kerning. Soft hyphens take no room: they
    /// are not drawn (see `hyphen`).
    pub fn shape(&self, text: &str, size: f32) -> Shaped {
        let mut units = 0.0;
        let mut kerns = Vec::new();
        let mut prev: Option<GlyphId> = None;
        for (at, c) in text.char_indices() {
            if c == super::hyphen::SOFT_HYPHEN {
                continue;
            }
            let (glyph, advance) = self.glyph(c);
            if let Some(p) = prev {
                let k = self.kerning(p, glyph);
                if k != 0 {
                    kerns.push((at, k));
                    units += f32::from(k);
                }
            }
            units += advance;
            prev = Some(glyph);
        }
        Shaped {
            width: units * size / 1000.0,
            kerns,
        }
    }

    /// Width of `text` at `size` points, with kerning.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        self.shape(text, size).width
    }
}

/// Metrics for both faces of a [`FontPair`].
pub struct Metrics<'a> {
    pub regular: FaceMetrics<'a>,
    pub bold: FaceMetrics<'a>,
}

impl<'a> Metrics<'a> {
    /// Parses both faces. `FontFile::load` has checked they parse, so `None` is an invariant
    /// break, reported by the caller.
    pub fn new(fonts: &'a FontPair) -> Option<Self> {
        Some(Metrics {
            regular: FaceMetrics::new(&fonts.regular.bytes)?,
            bold: FaceMetrics::new(&fonts.bold.bytes)?,
        })
    }

    pub fn face(&self, face: Face) -> &FaceMetrics<'a> {
        match face {
            Face::Regular => &self.regular,
            Face::Bold => &self.bold,
        }
    }
}

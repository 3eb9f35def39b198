//! Glyph metrics straight from the font files: coverage, the faces text falls back to, and
//! shaped widths.
//!
//! Text is measured exactly as the PDF writer draws it: shaped by an OpenType shaper
//! ([`shaping`]), so kerning, ligatures, marks and Arabic joining are the font's, and a
//! measured width is the drawn width.
//!
//! Each brand face carries the tool's fallback faces of its weight (see
//! [`crate::assets::fonts`]): a character the brand face lacks is set in the fallback of its
//! script (`script`): Noto Sans scaled so that the two faces' x-heights match (as CSS's
//! `font-size-adjust` matches a fallback), Noto Sans Arabic and Noto Sans SC at the text's
//! size. Text is then a sequence of pieces, each in one face ([`FaceMetrics::pieces`]).

mod script;
pub mod shaping;

use rustc_hash::FxHashMap;
use std::cell::{Cell, OnceCell, RefCell};
use std::sync::OnceLock;

use ttf_parser::GlyphId;

use crate::assets::fonts::{alphabet_of, fallback_bytes, Face, Family, FontPair, ALPHABETS};
use crate::i18n::Direction;

pub use shaping::{Glyph, Shaped};

/// Characters below this are looked up in an array, not the hash map: nearly all of a
/// handout in a Latin script.
const DIRECT: usize = 256;

/// The smallest type size of the large-print edition, in points.
pub const LARGE_PRINT_FLOOR: f32 = 18.0;

/// The smallest size of body text, in points (the header and footer are smaller).
pub const BODY_TEXT_FLOOR: f32 = 12.0;

/// A parsed font with its shaping tables: a brand font's own, or a compiled-in fallback's,
/// parsed once per process and shared by every worker.
enum ShaperFace<'a> {
    Own(Box<rustybuzz::Face<'a>>),
    Shared(&'static rustybuzz::Face<'static>),
}

impl<'a> ShaperFace<'a> {
    fn get(&self) -> &rustybuzz::Face<'a> {
        match self {
            ShaperFace::Own(face) => face,
            ShaperFace::Shared(face) => face,
        }
    }
}

/// The compiled-in fallback face `face`, parsed on first use (a 10 MB CJK font is parsed
/// only by a run that sets Chinese, and only once).
fn shared_face(face: Face) -> Option<&'static rustybuzz::Face<'static>> {
    static FACES: [OnceLock<Option<rustybuzz::Face<'static>>>; 6] = [const { OnceLock::new() }; 6];
    let slot = Face::ALL.iter().position(|&f| f == face)?.checked_sub(2)?;
    FACES[slot]
        .get_or_init(|| rustybuzz::Face::from_slice(fallback_bytes(face), 0))
        .as_ref()
}

/// Metrics of one face, borrowing the font bytes.
///
/// Lookups in the font's tables (cmap) and shaped words are memoised: a handout uses a few
/// dozen characters and a few hundred words, each measured many times. The caches make a
/// `FaceMetrics` single-threaded (`!Sync`); parallel builds give each worker its own.
pub struct FaceMetrics<'a> {
    face: ShaperFace<'a>,
    units_per_em: f32,
    /// char → glyph, for characters from [`DIRECT`] on.
    glyphs: RefCell<FxHashMap<char, GlyphId>>,
    /// The same for the characters below [`DIRECT`], by code; `None` until looked up.
    direct: [Cell<Option<GlyphId>>; DIRECT],
    /// Shaped words, left-to-right and right-to-left (see [`shaping`]).
    words: shaping::WordCache,
    /// Ascender and descender as fractions of the em (descender negative).
    pub ascender: f32,
    pub descender: f32,
    /// Whether this is a brand face, which has fallbacks.
    brand: Option<Face>,
    /// The fallback faces, by [`Family`], read the first time this face lacks a character
    /// of theirs: text in a Latin script never needs them.
    fallbacks: [OnceCell<Option<Box<Fallback>>>; 3],
    /// Whether this face has all basic letters of each of [`ALPHABETS`], found on first use.
    alphabets: [OnceCell<bool>; ALPHABETS.len()],
}

/// A fallback face, and the size it is set at for text of size 1 in the brand face.
struct Fallback {
    metrics: FaceMetrics<'static>,
    scale: f32,
}

impl<'a> FaceMetrics<'a> {
    pub fn new(bytes: &'a [u8]) -> Option<Self> {
        let face = rustybuzz::Face::from_slice(bytes, 0)?;
        Some(Self::of(ShaperFace::Own(Box::new(face))))
    }

    fn of(face: ShaperFace<'a>) -> Self {
        let f: &ttf_parser::Face = face.get();
        let units_per_em = f32::from(f.units_per_em());
        FaceMetrics {
            ascender: f32::from(f.ascender()) / units_per_em,
            descender: f32::from(f.descender()) / units_per_em,
            face,
            units_per_em,
            glyphs: RefCell::new(FxHashMap::default()),
            direct: std::array::from_fn(|_| Cell::new(None)),
            words: shaping::WordCache::default(),
            brand: None,
            fallbacks: Default::default(),
            alphabets: Default::default(),
        }
    }

    /// This face as the brand's `face`, drawing what it lacks in the tool's fallbacks.
    pub fn as_brand(mut self, face: Face) -> Self {
        self.brand = Some(face.brand());
        self
    }

    /// The font's tables.
    pub(crate) fn font(&self) -> &ttf_parser::Face<'a> {
        self.face.get()
    }

    /// The fallback of `family` and its scale, read on first use.
    fn fallback_face(&self, family: Family) -> Option<&Fallback> {
        let read = || {
            let face = self.brand?.in_family(Some(family));
            let metrics = FaceMetrics::of(ShaperFace::Shared(shared_face(face)?));
            let scale = match family {
                Family::Latin => self.fallback_scale(&metrics),
                // Chinese and Arabic have no x-height to match: set at the text's size.
                Family::Arabic | Family::Chinese => 1.0,
            };
            Some(Box::new(Fallback { metrics, scale }))
        };
        self.fallbacks[family.index()].get_or_init(read).as_deref()
    }

    /// The size of `fallback` that matches this face's x-height (its cap height if either
    /// font does not say), for text of size 1 in this face.
    fn fallback_scale(&self, fallback: &FaceMetrics) -> f32 {
        let height = |m: &FaceMetrics| {
            let f = m.font();
            let x = f.x_height().filter(|&h| h > 0);
            let cap = f.capital_height().filter(|&h| h > 0);
            (x.map(f32::from), cap.map(f32::from))
        };
        let ((x, cap), (fx, fcap)) = (height(self), height(fallback));
        let ratio = match (x, fx, cap, fcap) {
            (Some(x), Some(fx), _, _) => x / self.units_per_em / (fx / fallback.units_per_em),
            (_, _, Some(c), Some(fc)) => c / self.units_per_em / (fc / fallback.units_per_em),
            _ => 1.0,
        };
        // A font with odd metrics must not make its fallback tiny or huge.
        ratio.clamp(0.75, 1.25)
    }

    /// The Latin fallback's metrics (Noto Sans), if this face has fallbacks.
    pub fn fallback(&self) -> Option<&FaceMetrics<'static>> {
        self.family(Family::Latin)
    }

    /// The metrics of the fallback `family`, if this face has fallbacks.
    pub fn family(&self, family: Family) -> Option<&FaceMetrics<'static>> {
        self.fallback_face(family).map(|f| &f.metrics)
    }

    /// The size the Latin fallback is set at beside text of `size` points in this face:
    /// matched to its x-height, but text at large-print size (18 pt and up) never drops
    /// below [`LARGE_PRINT_FLOOR`], so a low-vision reader's name is as large as the promise.
    pub fn fallback_size(&self, size: f32) -> f32 {
        self.size_in(Some(Family::Latin), size)
    }

    /// The size text of `size` points in this face is set at in `family` (`None`: this face).
    pub fn size_in(&self, family: Option<Family>, size: f32) -> f32 {
        let Some(family) = family else { return size };
        let scaled = self.fallback_face(family).map_or(size, |f| size * f.scale);
        // Scaled down to the brand's x-height, a letter still keeps to the floor its text
        // was set above: 18 pt in large print, 12 pt for body text.
        match [LARGE_PRINT_FLOOR, BODY_TEXT_FLOOR]
            .into_iter()
            .find(|floor| size >= *floor)
        {
            Some(floor) => scaled.max(floor),
            None => scaled,
        }
    }

    /// Whether `c` prints in this face: a space, or a glyph of its own or a fallback's.
    pub fn covers(&self, c: char) -> bool {
        c.is_whitespace() && c != '\u{a0}'
            || self.has(c)
            || Family::ALL
                .iter()
                .any(|&family| self.family_draws(family, c))
    }

    /// Whether this face's font has a glyph for `c` (not `.notdef`).
    pub fn has(&self, c: char) -> bool {
        self.glyph(c) != GlyphId(0)
    }

    /// Whether this face draws `c` itself: it has the glyph, and all basic letters of its
    /// script (see [`ALPHABETS`]).
    pub fn draws_itself(&self, c: char) -> bool {
        self.has(c)
            && alphabet_of(c).is_none_or(|a| {
                *self.alphabets[a].get_or_init(|| ALPHABETS[a].chars().all(|l| self.has(l)))
            })
    }

    /// Whether `c` is drawn by the Latin fallback (Noto Sans): this face does not draw it
    /// itself, and the fallback has it (in a script it may draw, see
    /// [`crate::assets::fonts::fallback_may_draw`]).
    pub fn fallback_draws(&self, c: char) -> bool {
        !self.draws_itself(c) && self.family_draws(Family::Latin, c)
    }

    /// Whether the fallback `family` may draw `c` and has it.
    fn family_draws(&self, family: Family, c: char) -> bool {
        script::may_draw(family, c) && self.family(family).is_some_and(|f| f.has(c))
    }

    /// Glyph for a character (glyph 0, `.notdef`, when the font lacks it).
    fn glyph(&self, c: char) -> GlyphId {
        let direct = self.direct.get(c as usize);
        if let Some(g) = direct.and_then(Cell::get) {
            return g;
        }
        if let Some(&g) = self.glyphs.borrow().get(&c) {
            return g;
        }
        let glyph = self.font().glyph_index(c).unwrap_or(GlyphId(0));
        match direct {
            Some(cell) => cell.set(Some(glyph)),
            None => {
                self.glyphs.borrow_mut().insert(c, glyph);
            }
        }
        glyph
    }

    /// Width of `text` at `size` points as drawn, left to right: each piece in its face
    /// (see [`FaceMetrics::pieces`]) at its size.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let mut width = 0.0;
        self.pieces(text, |range, family| {
            let piece = &text[range];
            width += match family.and_then(|f| self.family(f)) {
                Some(fallback) => fallback.shaped_width(piece, self.size_in(family, size)),
                None => self.shaped_width(piece, size),
            };
        });
        width
    }
}

/// Metrics for both faces of a [`FontPair`], each with its fallbacks.
pub struct Metrics<'a> {
    pub regular: FaceMetrics<'a>,
    pub bold: FaceMetrics<'a>,
    /// The direction lines of the handout being laid out run in (its language's), set when a
    /// handout's page frame is made (`page`): the base direction of every paragraph.
    direction: Cell<Direction>,
}

impl<'a> Metrics<'a> {
    /// Parses both faces. `FontFile::load` has checked they parse (and a test the
    /// fallbacks), so `None` is an invariant break, reported by the caller.
    pub fn new(fonts: &'a FontPair) -> Option<Self> {
        Some(Metrics {
            regular: FaceMetrics::new(&fonts.regular.bytes)?.as_brand(Face::Regular),
            bold: FaceMetrics::new(&fonts.bold.bytes)?.as_brand(Face::Bold),
            direction: Cell::new(Direction::LeftToRight),
        })
    }

    /// The metrics of `face`: a brand face (with its fallbacks), or a fallback face.
    pub fn face(&self, face: Face) -> &FaceMetrics<'a> {
        let brand = match face.is_bold() {
            true => &self.bold,
            false => &self.regular,
        };
        match face.family() {
            Some(family) => brand.family(family).unwrap_or(brand),
            None => brand,
        }
    }

    /// The base direction of paragraphs from now on.
    pub fn set_direction(&self, direction: Direction) {
        self.direction.set(direction);
    }

    /// The base direction of paragraphs.
    pub fn direction(&self) -> Direction {
        self.direction.get()
    }
}

#[cfg(test)]
mod tests;

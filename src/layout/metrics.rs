//! Glyph metrics straight from the font file: advances, kerning pairs, coverage.
//!
//! Text is measured exactly as the PDF writer draws it: one glyph per character (the cmap),
//! its `hmtx` advance, plus the GPOS `kern` pair adjustment between neighbours, which the
//! writer emits as TJ offsets. So a measured width is the drawn width.
//!
//! Each brand face carries the tool's fallback face of its weight (see
//! [`crate::assets::fonts`]): a character the brand face lacks and the fallback has is set in
//! the fallback, scaled so that the two faces' x-heights match (as CSS's `font-size-adjust`
//! matches a fallback). Text is then a sequence of pieces, each in one face
//! ([`FaceMetrics::pieces`]); kerning applies only between neighbours in the same piece.

use std::cell::{Cell, OnceCell, RefCell};
use std::collections::HashMap;
use std::ops::Range;

use ttf_parser::gpos::{PairAdjustment, PositioningSubtable};
use ttf_parser::{GlyphId, Tag};

use crate::assets::fonts::{
    alphabet_of, fallback_bytes, fallback_may_draw, Face, FontPair, ALPHABETS,
};

/// Characters below this are looked up in an array, not the hash map: nearly all of a
/// handout in a Latin script.
const DIRECT: usize = 256;

/// The smallest type size of the large-print edition, in points.
pub const LARGE_PRINT_FLOOR: f32 = 18.0;

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
    /// char → (glyph, advance in thousandths of an em), for characters from [`DIRECT`] on.
    glyphs: RefCell<HashMap<char, (GlyphId, f32)>>,
    /// The same for the characters below [`DIRECT`], by code; `None` until looked up.
    direct: [Cell<Option<(GlyphId, f32)>>; DIRECT],
    /// (left, right) glyph → kerning in thousandths of an em.
    pairs: RefCell<HashMap<(u16, u16), i16>>,
    /// Ascender and descender as fractions of the em (descender negative).
    pub ascender: f32,
    pub descender: f32,
    /// The font file of the face that draws what this one lacks: the tool's own, always
    /// there (`'static` keeps `FaceMetrics` covariant in `'a` despite the cell).
    fallback_font: Option<&'static [u8]>,
    /// That face's metrics, read the first time this face lacks a character: text in a
    /// Latin script never needs them.
    fallback: OnceCell<Option<Box<Fallback>>>,
    /// Whether this face has all basic letters of each of [`ALPHABETS`], found on first use.
    alphabets: [OnceCell<bool>; ALPHABETS.len()],
}

/// A brand face's fallback, and the size it is set at for text of size 1 in the brand face.
struct Fallback {
    metrics: FaceMetrics<'static>,
    scale: f32,
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
            direct: std::array::from_fn(|_| Cell::new(None)),
            pairs: RefCell::new(HashMap::new()),
            fallback_font: None,
            fallback: OnceCell::new(),
            alphabets: Default::default(),
        })
    }

    /// This face, drawing what it lacks in the face of the font file `fallback`.
    pub fn with_fallback(mut self, fallback: &'static [u8]) -> Self {
        self.fallback_font = Some(fallback);
        self
    }

    /// The fallback and its scale, read on first use.
    fn fallback_face(&self) -> Option<&Fallback> {
        let read = || {
            let metrics = FaceMetrics::new(self.fallback_font?)?;
            let scale = self.fallback_scale(&metrics);
            Some(Box::new(Fallback { metrics, scale }))
        };
        self.fallback.get_or_init(read).as_deref()
    }

    /// The size of `fallback` that matches this face's x-height (its cap height if either
    /// font does not say), for text of size 1 in this face.
    fn fallback_scale(&self, fallback: &FaceMetrics) -> f32 {
        let height = |m: &FaceMetrics| {
            let f = &m.face;
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

    /// The fallback's metrics, if this face has one.
    pub fn fallback(&self) -> Option<&FaceMetrics<'static>> {
        self.fallback_face().map(|f| &f.metrics)
    }

    /// The size the fallback is set at beside text of `size` points in this face: matched
    /// to its x-height, but text at large-print size (18 pt and up) never drops below
    /// [`LARGE_PRINT_FLOOR`], so a low-vision reader's name is as large as the promise.
    pub fn fallback_size(&self, size: f32) -> f32 {
        let scaled = self.fallback_face().map_or(size, |f| size * f.scale);
        if size >= LARGE_PRINT_FLOOR {
            scaled.max(LARGE_PRINT_FLOOR)
        } else {
            scaled
        }
    }

    /// Whether `c` prints in this face: a space, or a glyph of its own or its fallback's.
    pub fn covers(&self, c: char) -> bool {
        c.is_whitespace() && c != '\u{a0}' || self.has(c) || self.fallback_draws(c)
    }

    /// Whether this face's font has a glyph for `c` (not `.notdef`).
    pub fn has(&self, c: char) -> bool {
        self.glyph(c).0 != GlyphId(0)
    }

    /// Whether this face draws `c` itself: it has the glyph, and all basic letters of its
    /// script (see [`ALPHABETS`]).
    pub fn draws_itself(&self, c: char) -> bool {
        self.has(c)
            && alphabet_of(c).is_none_or(|a| {
                *self.alphabets[a].get_or_init(|| ALPHABETS[a].chars().all(|l| self.has(l)))
            })
    }

    /// Whether `c` is drawn by the fallback: this face does not draw it itself, and the
    /// fallback has it (in a script it may draw, see [`fallback_may_draw`]). The PDF writer
    /// follows the same rule ([`crate::assets::fonts::drawing_face`]).
    pub fn fallback_draws(&self, c: char) -> bool {
        !self.draws_itself(c) && fallback_may_draw(c) && self.fallback().is_some_and(|f| f.has(c))
    }

    /// Splits `text` into pieces each drawn in one face, calling `piece` with each one's byte
    /// range and whether it is the fallback's, in order. Text this face has entirely is one
    /// piece. A soft hyphen (never drawn) stays in the piece it is in.
    pub fn pieces(&self, text: &str, mut piece: impl FnMut(Range<usize>, bool)) {
        let mut start = 0;
        let mut in_fallback = None;
        for (at, c) in text.char_indices() {
            if c == super::hyphen::SOFT_HYPHEN {
                continue;
            }
            let fallback = self.fallback_draws(c);
            match in_fallback {
                Some(was) if was != fallback => {
                    piece(start..at, was);
                    start = at;
                }
                _ => {}
            }
            in_fallback = Some(fallback);
        }
        piece(start..text.len(), in_fallback.unwrap_or(false));
    }

    /// Advance of one glyph in thousandths of an em.
    fn advance(&self, glyph: GlyphId) -> f32 {
        f32::from(self.face.glyph_hor_advance(glyph).unwrap_or(0)) * 1000.0 / self.units_per_em
    }

    /// Glyph and advance for a character (glyph 0, `.notdef`, when the font lacks it).
    fn glyph(&self, c: char) -> (GlyphId, f32) {
        let direct = self.direct.get(c as usize);
        if let Some(g) = direct.and_then(Cell::get) {
            return g;
        }
        if let Some(&g) = self.glyphs.borrow().get(&c) {
            return g;
        }
        let glyph = self.face.glyph_index(c).unwrap_or(GlyphId(0));
        let g = (glyph, self.advance(glyph));
        match direct {
            Some(cell) => cell.set(Some(g)),
            None => {
                self.glyphs.borrow_mut().insert(c, g);
            }
        }
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

    /// Measures `text` set at `size` points in this face alone, with kerning: a character it
    /// lacks is measured as its `.notdef`. For text that may need the fallback, see
    /// [`FaceMetrics::pieces`] and [`FaceMetrics::width`]. Soft hyphens take no room: they
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

    /// Width of `text` at `size` points as drawn: each piece in its face (the fallback's at
    /// [`FaceMetrics::fallback_size`]), with kerning inside each piece.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let mut width = 0.0;
        self.pieces(text, |range, in_fallback| {
            let piece = &text[range];
            width += match (in_fallback, self.fallback()) {
                (true, Some(fallback)) => fallback.shape(piece, self.fallback_size(size)).width,
                _ => self.shape(piece, size).width,
            };
        });
        width
    }
}

/// Metrics for both faces of a [`FontPair`], each with its fallback.
pub struct Metrics<'a> {
    pub regular: FaceMetrics<'a>,
    pub bold: FaceMetrics<'a>,
}

impl<'a> Metrics<'a> {
    /// Parses both faces and the fallback's. `FontFile::load` has checked they parse (and a
    /// test the fallback), so `None` is an invariant break, reported by the caller.
    pub fn new(fonts: &'a FontPair) -> Option<Self> {
        Some(Metrics {
            regular: FaceMetrics::new(&fonts.regular.bytes)?
                .with_fallback(fallback_bytes(Face::FallbackRegular)),
            bold: FaceMetrics::new(&fonts.bold.bytes)?
                .with_fallback(fallback_bytes(Face::FallbackBold)),
        })
    }

    /// The metrics of `face`: a brand face (with its fallback), or a fallback face.
    pub fn face(&self, face: Face) -> &FaceMetrics<'a> {
        let brand = match face.brand() {
            Face::Bold => &self.bold,
            _ => &self.regular,
        };
        match face.is_fallback() {
            true => brand.fallback().unwrap_or(brand),
            false => brand,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assets::fonts::{drawing_face, fallback_fonts, shipped_fonts};

    /// Names the brand font cannot print alone.
    const NAMES: [&str; 5] = [
        "Nguyễn Thị Hương",
        "Trần",
        "Νίκος Παπαδόπουλος",
        "Ольга Смирнова",
        "Đặng Quốc Bảo",
    ];

    #[test]
    fn the_fallback_has_greek_cyrillic_and_vietnamese() {
        for font in [&fallback_fonts().regular, &fallback_fonts().bold] {
            let face = ttf_parser::Face::parse(&font.bytes, 0).expect("the fallback parses");
            assert!(
                !face.is_variable(),
                "a static instance, not the variable font"
            );
            let letters = NAMES.concat()
                + "ĂÂÊÔƠƯăâêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ\
                   ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩαβγδεζηθικλμνξοπρστυφχψωάέήίόύώ\
                   АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюяЄІЇҐ";
            for c in letters.chars().filter(|c| !c.is_whitespace()) {
                assert!(face.glyph_index(c).is_some(), "{:?} lacks {c}", font.path);
                assert!(fallback_may_draw(c), "{c}");
            }
        }
    }

    #[test]
    fn a_character_the_brand_lacks_is_drawn_by_the_fallback_only_in_its_scripts() {
        let fonts = shipped_fonts();
        let m = Metrics::new(&fonts).unwrap();
        for face in [&m.regular, &m.bold] {
            assert!(!face.fallback_draws('a') && face.has('a'));
            for c in ['ễ', 'ị', 'Ν', 'л'] {
                assert!(
                    !face.has(c) && face.fallback_draws(c) && face.covers(c),
                    "{c}"
                );
            }
            // Thai and Chinese are in neither font; Noto Sans has Devanagari, which one
            // glyph per character would print wrongly: none of them prints.
            for c in ['ส', '王', 'न'] {
                assert!(!face.covers(c), "{c}");
            }
            assert!(face.fallback().unwrap().has('न'));
            // Atkinson Hyperlegible has π, for mathematics, but no Greek: a Greek word is
            // set in one design, the fallback's.
            assert!(face.has('π') && !face.draws_itself('π') && face.fallback_draws('π'));
        }
    }

    #[test]
    fn layout_and_the_pdf_writer_give_each_character_the_same_face() {
        let fonts = shipped_fonts();
        let m = Metrics::new(&fonts).unwrap();
        for face in [Face::Regular, Face::Bold] {
            let brand = ttf_parser::Face::parse(&fonts.get(face).bytes, 0).unwrap();
            let noto = ttf_parser::Face::parse(&fonts.get(face.fallback()).bytes, 0).unwrap();
            for c in (NAMES.concat() + "Ana López ’“—•ส王नπΩµ").chars() {
                let layout = m.face(face).fallback_draws(c);
                assert_eq!(
                    layout,
                    drawing_face(face, c, &brand, &noto).is_fallback(),
                    "{c}"
                );
            }
        }
    }

    #[test]
    fn text_splits_into_pieces_by_face() {
        let fonts = shipped_fonts();
        let m = Metrics::new(&fonts).unwrap();
        let text = "Nguyễn Thị";
        let mut pieces = Vec::new();
        m.regular.pieces(text, |range, fallback| {
            pieces.push((&text[range], fallback))
        });
        assert_eq!(
            pieces,
            [("Nguy", false), ("ễ", true), ("n Th", false), ("ị", true)]
        );
        let mut english = Vec::new();
        m.regular.pieces("Ana López", |range, fallback| {
            english.push((range, fallback))
        });
        assert_eq!(english, [(0.."Ana López".len(), false)]);
    }

    #[test]
    fn a_width_is_the_sum_of_its_pieces_each_in_its_face() {
        let fonts = shipped_fonts();
        let m = Metrics::new(&fonts).unwrap();
        for face in [&m.regular, &m.bold] {
            let noto = face.fallback().unwrap();
            let small = face.fallback_size(12.0);
            let expected = face.shape("Nguy", 12.0).width
                + noto.shape("ễ", small).width
                + face.shape("n", 12.0).width;
            assert!((face.width("Nguyễn", 12.0) - expected).abs() < 1e-4);
            // Not the fallback at the brand's size.
            let unscaled = expected - noto.shape("ễ", small).width + noto.shape("ễ", 12.0).width;
            assert!((face.width("Nguyễn", 12.0) - unscaled).abs() > 0.3);
            // The space between two words in the fallback is the brand's.
            let greek = noto.shape("Νίκος", small).width
                + face.shape(" ", 12.0).width
                + noto.shape("Παπαδόπουλος", small).width;
            let width = face.width("Νίκος Παπαδόπουλος", 12.0);
            assert!((width - greek).abs() < 1e-4, "{width} vs {greek}");
        }
    }

    #[test]
    fn the_fallback_is_scaled_to_the_brands_x_height() {
        let fonts = shipped_fonts();
        let m = Metrics::new(&fonts).unwrap();
        for face in [&m.regular, &m.bold] {
            let noto = face.fallback().unwrap();
            let x_height = |f: &FaceMetrics| {
                f32::from(f.face.x_height().unwrap()) / f32::from(f.face.units_per_em())
            };
            let brand = x_height(face) * 12.0;
            let matched = x_height(noto) * face.fallback_size(12.0);
            assert!((brand - matched).abs() < 0.01, "{brand} vs {matched}");
            // Noto Sans is the larger face: set at the same size it would stand out.
            assert!(face.fallback_size(12.0) < 12.0);
        }
    }

    #[test]
    fn large_print_fallback_letters_are_never_below_the_large_print_floor() {
        let fonts = shipped_fonts();
        let m = Metrics::new(&fonts).unwrap();
        for face in [&m.regular, &m.bold] {
            assert_eq!(face.fallback_size(LARGE_PRINT_FLOOR), LARGE_PRINT_FLOOR);
            assert!(face.fallback_size(24.0) >= LARGE_PRINT_FLOOR);
            assert!(
                face.fallback_size(24.0) < 24.0,
                "still x-height matched above it"
            );
        }
    }
}

//! Font files: read once per run and shared by layout (metrics) and the PDF writer (embedding).
//!
//! Besides the brand's two faces, the tool has its own fallback, Noto Sans Regular and Bold
//! (`fonts/`, compiled in): a character the brand's face lacks is drawn in the fallback face of
//! the same weight, so names in any Latin (Vietnamese included), Greek or Cyrillic script
//! print whatever font the brand names. The brand file cannot change it: one fallback that is
//! always there keeps "which characters print" the same for every clinic's files.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use crate::diagnostics::Diagnostic;

/// Largest font file we read: a full CJK font is about 20 MiB.
pub const MAX_FONT_BYTES: u64 = 64 * 1024 * 1024;

/// The faces text is set in: the brand's two, which layout chooses, and the fallback's two,
/// which draw the characters the brand's lack (see [`Face::fallback`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Face {
    Regular,
    Bold,
    /// Noto Sans Regular, for what the brand's regular face lacks.
    FallbackRegular,
    /// Noto Sans Bold, for what the brand's bold face lacks.
    FallbackBold,
}

impl Face {
    /// The fallback face of the same weight.
    pub fn fallback(self) -> Face {
        match self {
            Face::Regular | Face::FallbackRegular => Face::FallbackRegular,
            Face::Bold | Face::FallbackBold => Face::FallbackBold,
        }
    }

    /// The brand's face of the same weight.
    pub fn brand(self) -> Face {
        match self {
            Face::Regular | Face::FallbackRegular => Face::Regular,
            Face::Bold | Face::FallbackBold => Face::Bold,
        }
    }

    pub fn is_fallback(self) -> bool {
        self != self.brand()
    }
}

/// A TrueType font file in memory, checked to parse.
#[derive(Debug, Clone)]
pub struct FontFile {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

impl FontFile {
    /// Reads and checks a font file; `located` turns a message into a diagnostic that points
    /// at the brand file's field naming it.
    pub fn load(
        path: &Path,
        located: impl Fn(String) -> Diagnostic,
    ) -> Result<FontFile, Diagnostic> {
        let bytes = super::read::read_capped(path, MAX_FONT_BYTES, "font file")
            .map_err(|e| located(e.0))?;
        let face = match ttf_parser::Face::parse(&bytes, 0) {
            Ok(face) => face,
            Err(e) => {
                return Err(located(format!(
                    "`{}` is not a usable TrueType/OpenType font ({e})",
                    path.display()
                ))
                .help("use a .ttf or .otf file; WOFF web fonts are not supported"))
            }
        };
        let missing = missing_for_text(&face);
        if !missing.is_empty() {
            return Err(located(format!(
                "font `{}` cannot set text: it has {}",
                path.display(),
                missing.join(" and ")
            ))
            .help(
                "use a complete text font; subset, icon and symbol fonts lack what body text needs",
            ));
        }
        Ok(FontFile {
            path: path.to_path_buf(),
            bytes,
        })
    }
}

/// What a font lacks to set running text, in words: without horizontal metrics every glyph
/// has no width (letters print on top of each other), and without a space glyph, or with one
/// of no width, words run together or print as boxes. Empty when it has all of it.
fn missing_for_text(face: &ttf_parser::Face) -> Vec<&'static str> {
    let mut missing = Vec::new();
    let has_metrics = face.tables().hmtx.is_some();
    if !has_metrics {
        missing.push("no horizontal metrics (`hmtx` table)");
    }
    match face.glyph_index(' ') {
        None => missing.push("no glyph for the space character"),
        Some(space) if has_metrics && face.glyph_hor_advance(space).unwrap_or(0) == 0 => {
            missing.push("a space character of no width");
        }
        Some(_) => {}
    }
    missing
}

/// Regular and bold, as the brand file names them.
#[derive(Debug, Clone)]
pub struct FontPair {
    pub regular: FontFile,
    pub bold: FontFile,
}

impl FontPair {
    /// The file of `face`: one of the pair, or of the tool's fallback.
    pub fn get(&self, face: Face) -> &FontFile {
        match face {
            Face::Regular => &self.regular,
            Face::Bold => &self.bold,
            Face::FallbackRegular => &fallback_fonts().regular,
            Face::FallbackBold => &fallback_fonts().bold,
        }
    }
}

/// Noto Sans Regular and Bold, compiled into the tool (see `fonts/README.md`).
const FALLBACK_REGULAR: &[u8] = include_bytes!("../../fonts/NotoSans-Regular.ttf");
const FALLBACK_BOLD: &[u8] = include_bytes!("../../fonts/NotoSans-Bold.ttf");

/// The font file of the fallback face of `face`'s weight.
pub fn fallback_bytes(face: Face) -> &'static [u8] {
    match face.brand() {
        Face::Bold => FALLBACK_BOLD,
        _ => FALLBACK_REGULAR,
    }
}

/// The fallback's faces as files, made the first time a PDF embeds one of them.
pub fn fallback_fonts() -> &'static FontPair {
    static FALLBACK: LazyLock<FontPair> = LazyLock::new(|| {
        let file = |name: &str, face: Face| FontFile {
            path: PathBuf::from(format!("fonts/{name} (built in)")),
            bytes: fallback_bytes(face).to_vec(),
        };
        FontPair {
            regular: file("NotoSans-Regular.ttf", Face::Regular),
            bold: file("NotoSans-Bold.ttf", Face::Bold),
        }
    });
    &FALLBACK
}

/// Whether the fallback may draw `c`: Latin (Vietnamese included), Greek, Cyrillic, their
/// diacritics, punctuation and symbols used in running text. These scripts print right one
/// glyph per character; the fallback's Devanagari, which needs shaping, is left out, so a
/// name in it is refused rather than printed wrongly.
pub fn fallback_may_draw(c: char) -> bool {
    matches!(
        u32::from(c),
        0x0000..=0x052F // Latin, IPA, modifiers, combining marks, Greek, Cyrillic
            | 0x1AB0..=0x1AFF // combining marks, extended
            | 0x1C80..=0x1C8F // Cyrillic Extended-C
            | 0x1D00..=0x1FFF // phonetic, combining supplement, Latin Extended Additional, Greek Extended
            | 0x2000..=0x218F // punctuation, super- and subscripts, currency, letterlike, numbers
            | 0x2C60..=0x2C7F // Latin Extended-C
            | 0x2DE0..=0x2DFF // Cyrillic Extended-A
            | 0xA640..=0xA69F // Cyrillic Extended-B
            | 0xA720..=0xA7FF // Latin Extended-D
            | 0xAB30..=0xAB6F // Latin Extended-E
            | 0xFB00..=0xFB06 // Latin ligatures
    )
}

/// Whether `font` has a glyph of its own for `c` (not `.notdef`).
pub fn has_glyph(font: &ttf_parser::Face, c: char) -> bool {
    font.glyph_index(c).is_some_and(|g| g.0 != 0)
}

/// The basic letters of Greek and Cyrillic. A brand font either has all of a script's, or
/// leaves the whole script to the fallback: many Latin fonts have a few Greek letters for
/// mathematics (Atkinson Hyperlegible has `π`), and a Greek name set partly in them would
/// mix two designs in one word.
pub const ALPHABETS: [&str; 2] = [
    "ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩαβγδεζηθικλμνξοπρστυφχψω",
    "АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдежзийклмнопрстуфхцчшщъыьэюя",
];

/// Which of [`ALPHABETS`] is the script of `c`, if any (Greek and Coptic, Greek Extended;
/// Cyrillic and its supplement).
pub fn alphabet_of(c: char) -> Option<usize> {
    match u32::from(c) {
        0x0370..=0x03FF | 0x1F00..=0x1FFF => Some(0),
        0x0400..=0x052F => Some(1),
        _ => None,
    }
}

/// Whether the brand's `font` draws `c` itself: it has the glyph, and the basic letters of
/// `c`'s script (see [`ALPHABETS`]).
pub fn draws_itself(font: &ttf_parser::Face, c: char) -> bool {
    has_glyph(font, c)
        && alphabet_of(c).is_none_or(|a| ALPHABETS[a].chars().all(|l| has_glyph(font, l)))
}

/// The face that draws `c` where layout set text in `face` (a brand face): `face` if its
/// font draws it ([`draws_itself`]), else the fallback of the same weight if that may draw
/// it and has it, else `face` (a `.notdef` box, which coverage checks have refused before).
/// `brand` and `fallback` are the two faces' fonts. Layout's `FaceMetrics` follows the same
/// rule with its memoised lookups.
pub fn drawing_face(
    face: Face,
    c: char,
    brand: &ttf_parser::Face,
    fallback: &ttf_parser::Face,
) -> Face {
    if draws_itself(brand, c) || !fallback_may_draw(c) || !has_glyph(fallback, c) {
        face
    } else {
        face.fallback()
    }
}

/// The shipped Atkinson Hyperlegible pair, for tests.
#[cfg(test)]
pub(crate) fn shipped_fonts() -> FontPair {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts");
    let load = |name: &str| FontFile {
        path: dir.join(name),
        bytes: std::fs::read(dir.join(name)).expect("fonts/ ships with the repository"),
    };
    FontPair {
        regular: load("AtkinsonHyperlegible-Regular.ttf"),
        bold: load("AtkinsonHyperlegible-Bold.ttf"),
    }
}

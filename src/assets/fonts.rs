//! Font files: read once per run and shared by layout (metrics) and the PDF writer (embedding).
//!
//! Besides the brand's two faces, the tool has its own fallback, Noto Sans Regular and Bold
//! (`fonts/`, compiled in): a character the brand's face lacks is drawn in the fallback face of
//! the same weight, so names in any Latin (Vietnamese included), Greek or Cyrillic script
//! print whatever font the brand names. The brand file cannot change it: one fallback that is
//! always there keeps "which characters print" the same for every clinic's files.

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use crate::diagnostics::Diagnostic;

/// Largest font file we read: a full CJK font is about 20 MiB.
pub const MAX_FONT_BYTES: u64 = 64 * 1024 * 1024;

/// The faces text is set in: the brand's two, which layout chooses, and the tool's fallback
/// faces, which draw what the brand's lack (see [`Family`]), each in regular and bold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Face {
    Regular,
    Bold,
    /// Noto Sans Regular, for Latin (Vietnamese), Greek and Cyrillic the brand's face lacks.
    FallbackRegular,
    /// Noto Sans Bold, the same for the brand's bold face.
    FallbackBold,
    /// Noto Sans Arabic Regular.
    ArabicRegular,
    /// Noto Sans Arabic Bold.
    ArabicBold,
    /// Noto Sans SC Regular (Simplified Chinese).
    ChineseRegular,
    /// Noto Sans SC Bold.
    ChineseBold,
}

/// The tool's fallback families, in the order they are tried after the brand's face.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Family {
    /// Noto Sans: Latin (Vietnamese included), Greek, Cyrillic; scaled to the brand's x-height.
    Latin,
    /// Noto Sans Arabic, at the text's size.
    Arabic,
    /// Noto Sans SC, at the text's size.
    Chinese,
}

impl Family {
    pub const ALL: [Family; 3] = [Family::Latin, Family::Arabic, Family::Chinese];

    pub fn index(self) -> usize {
        self as usize
    }
}

impl Face {
    /// The fallback face of the same weight in the Latin family (Noto Sans).
    pub fn fallback(self) -> Face {
        self.in_family(Some(Family::Latin))
    }

    /// The face of this weight in `family` (`None`: the brand's).
    pub fn in_family(self, family: Option<Family>) -> Face {
        let bold = self.is_bold();
        match (family, bold) {
            (None, false) => Face::Regular,
            (None, true) => Face::Bold,
            (Some(Family::Latin), false) => Face::FallbackRegular,
            (Some(Family::Latin), true) => Face::FallbackBold,
            (Some(Family::Arabic), false) => Face::ArabicRegular,
            (Some(Family::Arabic), true) => Face::ArabicBold,
            (Some(Family::Chinese), false) => Face::ChineseRegular,
            (Some(Family::Chinese), true) => Face::ChineseBold,
        }
    }

    /// The fallback family of this face, `None` for the brand's.
    pub fn family(self) -> Option<Family> {
        match self {
            Face::Regular | Face::Bold => None,
            Face::FallbackRegular | Face::FallbackBold => Some(Family::Latin),
            Face::ArabicRegular | Face::ArabicBold => Some(Family::Arabic),
            Face::ChineseRegular | Face::ChineseBold => Some(Family::Chinese),
        }
    }

    pub fn is_bold(self) -> bool {
        matches!(
            self,
            Face::Bold | Face::FallbackBold | Face::ArabicBold | Face::ChineseBold
        )
    }

    /// The brand's face of the same weight.
    pub fn brand(self) -> Face {
        self.in_family(None)
    }

    pub fn is_fallback(self) -> bool {
        self != self.brand()
    }

    /// Every face, brand's first: the order subsets are made and embedded in.
    pub const ALL: [Face; 8] = [
        Face::Regular,
        Face::Bold,
        Face::FallbackRegular,
        Face::FallbackBold,
        Face::ArabicRegular,
        Face::ArabicBold,
        Face::ChineseRegular,
        Face::ChineseBold,
    ];
}

/// A TrueType font file in memory, checked to parse.
#[derive(Debug, Clone)]
pub struct FontFile {
    pub path: PathBuf,
    /// The brand's files are read; the tool's own are borrowed from the binary, never copied.
    pub bytes: Cow<'static, [u8]>,
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
            bytes: Cow::Owned(bytes),
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
    /// The file of `face`: one of the pair, or one of the tool's fallback faces.
    pub fn get(&self, face: Face) -> &FontFile {
        match face {
            Face::Regular => &self.regular,
            Face::Bold => &self.bold,
            _ => &fallback_fonts()[face_slot(face)],
        }
    }
}

/// The tool's fallback fonts, compiled in (see `fonts/README.md`): Noto Sans, Noto Sans
/// Arabic and Noto Sans SC, regular and bold, in the order of [`Face::ALL`] after the brand's.
const FALLBACKS: [(&str, &[u8]); 6] = [
    (
        "NotoSans-Regular.ttf",
        include_bytes!("../../fonts/NotoSans-Regular.ttf"),
    ),
    (
        "NotoSans-Bold.ttf",
        include_bytes!("../../fonts/NotoSans-Bold.ttf"),
    ),
    (
        "NotoSansArabic-Regular.ttf",
        include_bytes!("../../fonts/NotoSansArabic-Regular.ttf"),
    ),
    (
        "NotoSansArabic-Bold.ttf",
        include_bytes!("../../fonts/NotoSansArabic-Bold.ttf"),
    ),
    (
        "NotoSansSC-Regular.ttf",
        include_bytes!("../../fonts/NotoSansSC-Regular.ttf"),
    ),
    (
        "NotoSansSC-Bold.ttf",
        include_bytes!("../../fonts/NotoSansSC-Bold.ttf"),
    ),
];

/// The index of a fallback face in [`FALLBACKS`] (a brand face maps to its Latin fallback).
fn face_slot(face: Face) -> usize {
    let family = face.family().unwrap_or(Family::Latin);
    family.index() * 2 + usize::from(face.is_bold())
}

/// The font file of the fallback face `face` (a brand face: the Noto Sans of its weight).
pub fn fallback_bytes(face: Face) -> &'static [u8] {
    FALLBACKS[face_slot(face)].1
}

/// The fallback faces as files, borrowing the compiled-in bytes.
pub fn fallback_fonts() -> &'static [FontFile; 6] {
    static FALLBACK: LazyLock<[FontFile; 6]> = LazyLock::new(|| {
        FALLBACKS.map(|(name, bytes)| FontFile {
            path: PathBuf::from(format!("fonts/{name} (built in)")),
            bytes: Cow::Borrowed(bytes),
        })
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

/// The shipped Atkinson Hyperlegible pair, for tests.
#[cfg(test)]
pub(crate) fn shipped_fonts() -> FontPair {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts");
    let load = |name: &str| FontFile {
        path: dir.join(name),
        bytes: Cow::Owned(std::fs::read(dir.join(name)).expect("fonts/ ships with the repository")),
    };
    FontPair {
        regular: load("AtkinsonHyperlegible-Regular.ttf"),
        bold: load("AtkinsonHyperlegible-Bold.ttf"),
    }
}

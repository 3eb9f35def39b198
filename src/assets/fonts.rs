//! Font files: read once per run and shared by layout (metrics) and the PDF writer (embedding).

use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;

/// Largest font file we read: a full CJK font is about 20 MiB.
pub const MAX_FONT_BYTES: u64 = 64 * 1024 * 1024;

/// The two faces every handout uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Face {
    Regular,
    Bold,
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
    pub fn get(&self, face: Face) -> &FontFile {
        match face {
            Face::Regular => &self.regular,
            Face::Bold => &self.bold,
        }
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

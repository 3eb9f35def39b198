//! What every handout of a run shares, loaded once: the brand file and what it names (fonts,
//! logo), the style of the edition, and the brand's QR code.

use std::path::{Path, PathBuf};

use crate::assets::fonts::{FontFile, FontPair};
use crate::assets::images::Picture;
use crate::diagnostics::Diagnostic;
use crate::layout::{self, Edition, Metrics, Style};
use crate::model::{Brand, Date, FieldPath, Lang, PageSize};
use crate::pdf::{PdfImage, QrForm};

use super::handout::layout_problem;
use super::pictures::PictureCache;

/// What every handout of a run shares.
pub struct Setup {
    pub brand: Brand,
    pub brand_path: PathBuf,
    pub fonts: FontPair,
    pub logo: Picture,
    pub page_size: PageSize,
    pub edition: Edition,
    /// Sizes and colours for this edition and brand.
    pub style: Style,
    /// Located warnings about the brand file (colours adjusted for contrast), told once.
    pub warnings: Vec<Diagnostic>,
    /// The logo compressed once for every PDF of the run.
    pub(crate) logo_pdf: PdfImage,
    /// The brand's QR code, encoded once for the run.
    pub(crate) qr: Option<QrForm>,
    /// Pictures of image blocks, decoded once for the run.
    pub pictures: PictureCache,
    /// The PDF date of handouts without `reviewed:`; see [`Setup::with_date_fallback`].
    pub date_fallback: Option<Date>,
}

impl Setup {
    /// Loads the brand file and what it names. An error here stops the whole run.
    pub fn load(
        brand_path: &Path,
        page_size: Option<PageSize>,
        edition: Edition,
    ) -> Result<Setup, Diagnostic> {
        let brand = Brand::load(brand_path)?;
        let font = |face: &str, path: &Path| {
            let field = FieldPath::at("fonts").key(face);
            FontFile::load(&brand.resolve(path), |m| brand.error(&field, m))
        };
        let fonts = FontPair {
            regular: font("regular", &brand.fonts.regular)?,
            bold: font("bold", &brand.fonts.bold)?,
        };
        let mut logo = Picture::load(&brand.resolve(&brand.logo))
            .map_err(|msg| brand.error(&FieldPath::at("logo"), msg))?;
        if edition.grayscale {
            logo = logo.to_gray();
        }
        let (style, style_warnings) = Style::new(&brand, edition);
        let page_size = page_size.unwrap_or(brand.page_size);
        check_brand_page(&brand, &fonts, &style, page_size)?;
        let mut warnings: Vec<Diagnostic> = style_warnings
            .into_iter()
            .map(|w| brand.error(&w.field, w.message).warning())
            .collect();
        let qr = brand.qr.as_ref().and_then(|address| {
            let qr = QrForm::new(address.as_str());
            if qr.is_none() {
                warnings.push(qr_too_long(brand.error(&FieldPath::at("qr"), QR_TOO_LONG)));
            }
            qr
        });
        Ok(Setup {
            pictures: PictureCache::default(),
            date_fallback: None,
            qr,
            logo_pdf: PdfImage::encode(&logo),
            edition,
            style,
            warnings,
            page_size,
            brand,
            brand_path: brand_path.to_path_buf(),
            fonts,
            logo,
        })
    }

    /// Dates the PDFs of handouts without `reviewed:` (none by default: never the clock).
    pub fn with_date_fallback(mut self, date: Option<Date>) -> Setup {
        self.date_fallback = date;
        self
    }

    /// Font metrics for layout; they borrow the run's font bytes.
    pub fn metrics(&self) -> Result<Metrics<'_>, Diagnostic> {
        Metrics::new(&self.fonts).ok_or_else(|| {
            self.brand
                .error(&FieldPath::at("fonts"), "cannot read the fonts' metrics")
        })
    }
}

/// What the brand prints on every page must print: each of its texts in fonts that have every
/// character, and a footer that leaves the content its room. Checked once, so a problem is
/// one setup error, not one per handout. Translations are checked with the handouts in their
/// language.
fn check_brand_page(
    brand: &Brand,
    fonts: &FontPair,
    style: &Style,
    page_size: PageSize,
) -> Result<(), Diagnostic> {
    let m = Metrics::new(fonts)
        .ok_or_else(|| brand.error(&FieldPath::at("fonts"), "cannot read the fonts' metrics"))?;
    let mut errors = layout::coverage::brand_texts(brand, &m).into_iter();
    if let Some(first) = errors.next() {
        let more = errors.count();
        let mut d = layout_problem(first, None, brand);
        if more > 0 {
            let help = d.help.take().unwrap_or_default();
            d = d.help(format!(
                "{help}; {more} more characters of the brand file are missing too"
            ));
        }
        return Err(d);
    }
    let english = Lang::english();
    layout::page::check_footer(brand, &english, style, page_size, &m)
        .map_err(|e| layout_problem(e, None, brand))
}

/// Said of a `qr:` address too long for any QR code.
pub(crate) const QR_TOO_LONG: &str =
    "this web address is too long for a QR code that scans in print; the QR code is left out";

/// The warning for a QR address too long to print, `at` the `qr:` key (whose message is
/// [`QR_TOO_LONG`]).
pub(crate) fn qr_too_long(at: Diagnostic) -> Diagnostic {
    at.warning()
        .help("use a shorter address (a short link) of at most about 100 characters")
}

/// The brand file's name, looked for beside the handouts.
pub const BRAND_FILE: &str = "brand.yaml";

/// The brand file for handouts at `input` (a file or a folder), when none is named: the
/// nearest `brand.yaml` in its folder or a folder above, else `fallback` (the default
/// `handouts/brand.yaml`). When there is none, the error says where it looked.
pub fn find_brand(input: &Path, fallback: &Path) -> Result<PathBuf, Diagnostic> {
    let start = if input.is_dir() {
        input
    } else {
        input.parent().unwrap_or(Path::new(""))
    };
    let start = if start.as_os_str().is_empty() {
        Path::new(".")
    } else {
        start
    };
    // Searched as absolute paths, shown relative to the working folder where they can be.
    let here = std::env::current_dir().ok();
    let shown = |p: PathBuf| match here.as_deref().and_then(|h| p.strip_prefix(h).ok()) {
        Some(relative) => relative.to_path_buf(),
        None => p,
    };
    let absolute = std::path::absolute(start).unwrap_or_else(|_| start.to_path_buf());
    let mut looked = Vec::new();
    for folder in absolute.ancestors() {
        let candidate = folder.join(BRAND_FILE);
        if candidate.is_file() {
            return Ok(shown(candidate));
        }
        looked.push(shown(candidate));
    }
    if fallback.is_file() {
        return Ok(fallback.to_path_buf());
    }
    looked.push(fallback.to_path_buf());
    let places: Vec<String> = looked
        .iter()
        .map(|p| format!("`{}`", p.display()))
        .collect();
    Err(Diagnostic::flag(
        "--brand",
        format!("no brand file found; looked for {}", places.join(", ")),
    )
    .help("name one with `--brand FILE`, or run from the folder that holds `handouts/`"))
}

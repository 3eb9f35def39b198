//! The pipeline for one handout: read → check → lay out → PDF bytes → save.
//!
//! Everything shared by the handouts of a run (brand, fonts, logo) is in [`Setup`]; what a
//! handout's copies share (its parsed model, its pictures) is in [`Prepared`]; each handout
//! then fails or succeeds on its own.

use std::path::Path;
use std::time::{Duration, Instant};

use super::discover::Job;
use super::save::save;
use super::{setup, Setup};
use std::sync::Arc;

use super::pictures::Encoded;
use crate::diagnostics::Diagnostic;
use crate::layout::{self, ImageRef, ImageSizes, InFile, LayoutError, Metrics, Page, Shortfall};
use crate::model::{self, Block, Brand, FieldPath, Handout, Lang, Source, Values};
use crate::pdf::{self, DocInfo, FontSubsets, PdfImage, QrForm};
use crate::readability::Readability;

/// A handout parsed and checked, with its pictures decoded and encoded: everything that does
/// not depend on the values written into its fields, so copies can share it.
pub struct Prepared {
    pub source: Source,
    pub handout: Handout,
    /// The picture of each image block, by block index.
    pub pictures: Vec<(usize, Arc<Encoded>)>,
    /// The handout's own QR code, or the brand's.
    qr: Option<QrForm>,
    /// What is worth telling about the handout though it builds (an unknown `lang:`, a
    /// picture without `alt:`, a QR address too long to print).
    pub warnings: Vec<Diagnostic>,
}

/// A handout laid out: everything but the PDF bytes.
pub struct LaidOut {
    pub prepared: Prepared,
    pub pages: Vec<Page>,
}

/// Every problem found in one handout file.
pub type Problems = Vec<Diagnostic>;

/// Parses and checks a handout already read into memory; pictures are found beside it.
pub fn prepare(run: &Setup, source: &Source) -> Result<Prepared, Problems> {
    let handout = model::parse_handout(source)?;
    let pictures = load_pictures(run, &handout, source)?;
    let mut warnings = Vec::new();
    let qr = match &handout.qr {
        Some(address) => QrForm::new(address.as_str()).or_else(|| {
            let at = Diagnostic::in_source(source, &FieldPath::at("qr"), setup::QR_TOO_LONG);
            warnings.push(setup::qr_too_long(at));
            None
        }),
        None => run.qr.clone(),
    };
    warnings.extend(handout_warnings(&handout, source));
    Ok(Prepared {
        qr,
        source: source.clone(),
        handout,
        pictures,
        warnings,
    })
}

/// What the model allows but a reader would miss: a language the tool has no words for, a
/// draft, a picture that a screen reader cannot describe.
fn handout_warnings(handout: &Handout, source: &Source) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    if let Some(lang) = &handout.lang {
        warnings.extend(model::lang::unknown_lang_warning(lang, source));
    }
    // A draft builds, but CI logs and the terminal say so every time, so one is never
    // printed for patients by mistake.
    if handout.draft {
        let d = Diagnostic::in_source(
            source,
            &FieldPath::at("draft"),
            "draft: not for patients; every page is marked “DRAFT — NOT FOR PATIENTS”",
        );
        warnings.push(
            d.warning()
                .help("remove `draft: true` once a qualified reviewer has checked the text"),
        );
    }
    for (i, block) in handout.blocks.iter().enumerate() {
        if let Block::Image(img) = block {
            if img.alt.is_none() {
                let d = Diagnostic::in_source(
                    source,
                    &FieldPath::block(i, "image"),
                    "this picture has no `alt:` text, so a screen reader cannot describe it",
                );
                warnings.push(d.warning().help(
                    "add `alt: what the picture shows`, or `alt: \"\"` if it is only decoration",
                ));
            }
        }
    }
    warnings
}

/// Lays out a prepared handout with `values` written into its fields; with the pages come
/// warnings about what layout had to leave out or cut.
pub fn lay_out_pages(
    run: &Setup,
    metrics: &Metrics,
    prepared: &Prepared,
    values: &Values,
) -> Result<(Vec<Page>, Vec<Diagnostic>), Problems> {
    let mut sizes = ImageSizes {
        logo: (run.logo.width, run.logo.height),
        blocks: vec![None; prepared.handout.blocks.len()],
    };
    for (i, p) in &prepared.pictures {
        sizes.blocks[*i] = Some((p.width, p.height));
    }
    let lang = prepared.handout.lang();
    let cx = layout::Context {
        metrics,
        brand: &run.brand,
        page_size: run.page_size,
        style: run.style,
        images: &sizes,
        values,
        qr: prepared.qr.as_ref().map(|q| (q.text.as_str(), q.modules)),
        lang: &lang,
        ids: Default::default(),
        shortfalls: Default::default(),
    };
    let source = &prepared.source;
    let pages = layout::layout(&prepared.handout, &cx).map_err(|errors| {
        errors
            .into_iter()
            .map(|e| layout_problem(e, Some(source), &run.brand))
            .collect::<Problems>()
    })?;
    let warnings = cx
        .shortfalls
        .into_inner()
        .into_iter()
        .map(|s| shortfall_warning(run, prepared, &lang, s))
        .collect();
    Ok((pages, warnings))
}

/// A layout problem as a diagnostic, located in the handout (`source`) or the brand file.
pub(crate) fn layout_problem(e: LayoutError, source: Option<&Source>, brand: &Brand) -> Diagnostic {
    let source = match e.file {
        InFile::Handout => source,
        InFile::Brand => brand.source.as_ref(),
    };
    let d = match (source, &e.needle) {
        (Some(s), Some(needle)) => Diagnostic::in_source_text(s, &e.field, needle, e.message),
        (Some(s), None) => Diagnostic::in_source(s, &e.field, e.message),
        (None, _) => brand.error(&e.field, e.message),
    };
    match e.help {
        Some(help) => d.help(help),
        None => d,
    }
}

/// What layout gave up, as a warning at the key that holds the text or address.
fn shortfall_warning(run: &Setup, prepared: &Prepared, lang: &Lang, s: Shortfall) -> Diagnostic {
    let brand = &run.brand;
    let d = match s {
        Shortfall::ClinicNameCut { printed } => brand
            .error(
                &FieldPath::at("clinic"),
                format!("the clinic name is longer than the header has room for; only “{printed}” is printed"),
            )
            .help("shorten `clinic:`"),
        Shortfall::TaglineCut { printed } => brand
            .error(
                &brand.tagline_field(lang),
                format!("the tagline is longer than the header has room for; only “{printed}” is printed"),
            )
            .help("shorten the tagline"),
        Shortfall::QrTooDense { module, min } => {
            let message = format!(
                "this web address makes a QR code with squares of {module:.2} pt, too small to \
                 scan from paper (at least {min} pt); the QR code is left out"
            );
            let at = FieldPath::at("qr");
            match prepared.handout.qr {
                Some(_) => Diagnostic::in_source(&prepared.source, &at, message),
                None => brand.error(&at, message),
            }
            .help("use a shorter web address, such as a short link")
        }
    };
    d.warning()
}

/// Loads and lays out one handout file, fields blank.
pub fn lay_out(run: &Setup, metrics: &Metrics, input: &Path) -> Result<LaidOut, Problems> {
    let source = Source::read(input).map_err(|d| vec![d])?;
    lay_out_source(run, metrics, &source)
}

/// Lays out a handout already read into memory, fields blank.
pub fn lay_out_source(
    run: &Setup,
    metrics: &Metrics,
    source: &Source,
) -> Result<LaidOut, Problems> {
    let mut prepared = prepare(run, source)?;
    let (pages, warnings) = lay_out_pages(run, metrics, &prepared, &Values::new())?;
    prepared.warnings.extend(warnings);
    Ok(LaidOut { prepared, pages })
}

/// Decodes every image block's picture; all that fail are reported.
fn load_pictures(
    run: &Setup,
    handout: &Handout,
    source: &Source,
) -> Result<Vec<(usize, Arc<Encoded>)>, Problems> {
    let dir = source.path.parent().unwrap_or(Path::new(""));
    let mut pictures = Vec::new();
    let mut errors = Vec::new();
    for (i, block) in handout.blocks.iter().enumerate() {
        if let Block::Image(img) = block {
            match run
                .pictures
                .get(&dir.join(&img.path), run.edition.grayscale)
            {
                Ok(p) => pictures.push((i, p)),
                Err(msg) => errors.push(Diagnostic::in_source(
                    source,
                    &FieldPath::block(i, "image").key("path"),
                    msg,
                )),
            }
        }
    }
    if errors.is_empty() {
        Ok(pictures)
    } else {
        Err(errors)
    }
}

/// The PDF bytes of a laid-out handout, with font subsets made for it alone.
pub fn render(run: &Setup, laid: &LaidOut) -> Result<Vec<u8>, Diagnostic> {
    let fonts = pdf::subsets_for(&run.fonts, &laid.pages)
        .map_err(|msg| Diagnostic::internal(&laid.prepared.source.path, msg))?;
    render_pages(run, &laid.prepared, &laid.pages, &fonts)
}

/// Every image a prepared handout's pages draw, encoded: the logo and its pictures. Shared by
/// reference, so a print job stores each once.
pub fn images_of<'a>(run: &'a Setup, prepared: &'a Prepared) -> Vec<(ImageRef, &'a PdfImage)> {
    let mut images: Vec<(ImageRef, &PdfImage)> = vec![(ImageRef::Logo, &run.logo_pdf)];
    let pictures = prepared.pictures.iter();
    images.extend(pictures.map(|(i, p)| (ImageRef::Block(*i), &p.pdf)));
    images
}

impl Prepared {
    /// The handout's own QR code, or the brand's, if there is one that prints.
    pub fn qr(&self) -> Option<&QrForm> {
        self.qr.as_ref()
    }
}

/// The PDF bytes of pages laid out from `prepared`, with given font subsets (which a batch
/// of copies shares). Everything here was checked before, so a failure is the tool's own.
pub fn render_pages(
    run: &Setup,
    prepared: &Prepared,
    pages: &[Page],
    fonts: &FontSubsets,
) -> Result<Vec<u8>, Diagnostic> {
    let images = images_of(run, prepared);
    let info = doc_info(run, prepared);
    pdf::write(pages, &images, prepared.qr.as_ref(), fonts, &info)
        .map_err(|msg| Diagnostic::internal(&prepared.source.path, msg))
}

/// What a handout's PDF (or a copy's) says about itself.
pub fn doc_info(run: &Setup, prepared: &Prepared) -> DocInfo {
    let handout = &prepared.handout;
    // Soft hyphens only mark where printed lines may break.
    let visible = |text: &str| layout::hyphen::visible(text).into_owned();
    DocInfo {
        title: visible(&handout.title),
        author: visible(&run.brand.clinic),
        subject: handout.subtitle.as_deref().map_or_else(
            || format!("Patient handout from {}", visible(&run.brand.clinic)),
            visible,
        ),
        lang: handout.lang().as_str().to_string(),
        // The handout's `reviewed`, else the plan's (`SOURCE_DATE_EPOCH`), else none: never
        // the clock, so the same input gives the same bytes.
        date: handout.reviewed.or(run.date_fallback),
        draft: handout.draft,
    }
}

/// What building one handout produced.
#[derive(Debug, Clone)]
pub struct Built {
    pub pages: usize,
    pub bytes: usize,
    pub elapsed: Duration,
    /// Reading level of the prose (English and Spanish handouts).
    pub readability: Option<Readability>,
    /// Why there is no reading level, for a language the checks are not made for.
    pub reading_not_checked: Option<String>,
    /// Problems that did not stop the build.
    pub warnings: Vec<Diagnostic>,
}

/// Builds one handout; with `write` false it stops after layout (`handout check`).
/// `max_grade` is the reading grade above which the handout gets a warning.
pub fn build_one(
    run: &Setup,
    metrics: &Metrics,
    job: &Job,
    write: bool,
    max_grade: f32,
) -> Result<Built, Problems> {
    let start = Instant::now();
    let laid = lay_out(run, metrics, &job.input)?;
    let mut bytes = 0;
    if write {
        let pdf = render(run, &laid).map_err(|d| vec![d])?;
        bytes = pdf.len();
        save(&job.output, &pdf)?;
    }
    let readability = crate::readability::measure(&laid.prepared.handout);
    let reading_not_checked = crate::readability::not_checked(&laid.prepared.handout);
    let mut warnings = laid.prepared.warnings;
    let (source, handout) = (&laid.prepared.source, &laid.prepared.handout);
    warnings.extend(crate::readability::check(
        source,
        handout,
        readability.as_ref(),
        max_grade,
    ));
    Ok(Built {
        pages: laid.pages.len(),
        bytes,
        elapsed: start.elapsed(),
        readability,
        reading_not_checked,
        warnings,
    })
}

//! The pipeline for one run: find handouts, then for each one
//! load → check → lay out → write PDF, reporting per handout.
//!
//! Everything shared by the handouts of a run (brand, fonts, logo) is loaded once in
//! [`Run::prepare`]; each handout then fails or succeeds on its own.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::diagnostics::Diagnostic;
use crate::fonts::{FontFile, FontPair};
use crate::images::Picture;
use crate::layout::{self, Edition, ImageRef, ImageSizes, Metrics, Page, Style, StyleWarning};
use crate::model::{self, Block, Brand, Date, Handout, PageSize, Source, Values};
use crate::pdf::{self, DocInfo, FontSubsets, PdfImage, QrForm};

/// What every handout of a run shares.
pub struct Run {
    pub brand: Brand,
    pub brand_path: PathBuf,
    pub fonts: FontPair,
    pub logo: Picture,
    pub page_size: PageSize,
    pub edition: Edition,
    /// Sizes and colours for this edition and brand.
    pub style: Style,
    /// Brand colours that had to be adjusted for contrast, to tell the user once.
    pub warnings: Vec<StyleWarning>,
    /// The logo compressed once for every PDF of the run.
    logo_pdf: PdfImage,
    /// The brand's QR code, encoded once for the run.
    qr: Option<QrForm>,
}

impl Run {
    /// Loads the brand file and what it names. An error here stops the whole run.
    pub fn prepare(
        brand_path: &Path,
        page_size: Option<PageSize>,
        edition: Edition,
    ) -> Result<Run, Diagnostic> {
        let brand = Brand::load(brand_path)?;
        let fonts = FontPair {
            regular: FontFile::load(&brand.resolve(&brand.fonts.regular), |m| {
                brand.error("fonts.regular", m)
            })?,
            bold: FontFile::load(&brand.resolve(&brand.fonts.bold), |m| {
                brand.error("fonts.bold", m)
            })?,
        };
        let mut logo =
            Picture::load(&brand.resolve(&brand.logo)).map_err(|msg| brand.error("logo", msg))?;
        if edition.grayscale {
            logo = logo.to_gray();
        }
        let (style, warnings) = Style::new(&brand, edition);
        Ok(Run {
            qr: brand.qr.as_deref().and_then(QrForm::new),
            logo_pdf: PdfImage::encode(&logo),
            edition,
            style,
            warnings,
            page_size: page_size.unwrap_or(brand.page_size),
            brand,
            brand_path: brand_path.to_path_buf(),
            fonts,
            logo,
        })
    }

    /// Font metrics for layout; they borrow the run's font bytes.
    pub fn metrics(&self) -> Result<Metrics<'_>, Diagnostic> {
        Metrics::new(&self.fonts).ok_or_else(|| {
            Diagnostic::new(&self.brand_path, "cannot read font metrics").field("fonts")
        })
    }
}

/// One handout to build: its YAML file and the PDF it becomes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    pub input: PathBuf,
    pub output: PathBuf,
}

/// Finds handouts: files as given, folders searched recursively for `*.yaml`/`*.yml`
/// (the brand file excluded). A folder's structure is kept under `out_dir`.
pub fn discover(
    paths: &[PathBuf],
    out_dir: &Path,
    brand_path: &Path,
    suffix: &str,
) -> Result<Vec<Job>, Diagnostic> {
    let brand_canon = brand_path.canonicalize().ok();
    let mut jobs = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found = Vec::new();
            walk(path, &mut found)
                .map_err(|e| Diagnostic::new(path, format!("cannot read folder: {e}")))?;
            found.sort();
            for file in found {
                if file.canonicalize().ok() == brand_canon {
                    continue;
                }
                let relative = file.strip_prefix(path).unwrap_or(&file);
                jobs.push(Job {
                    output: with_suffix(&out_dir.join(relative), suffix),
                    input: file,
                });
            }
        } else if path.exists() {
            let stem = output_stem(path)?;
            jobs.push(Job {
                input: path.clone(),
                output: out_dir.join(format!("{stem}{suffix}.pdf")),
            });
        } else {
            return Err(Diagnostic::new(path, "no such file or folder"));
        }
    }
    let mut outputs: Vec<&PathBuf> = jobs.iter().map(|j| &j.output).collect();
    outputs.sort();
    if let Some(w) = outputs.windows(2).find(|w| w[0] == w[1]) {
        return Err(
            Diagnostic::new(w[0], "two handouts would write this same PDF")
                .help("give handouts in different folders different file names"),
        );
    }
    Ok(jobs)
}

/// `dir/name.yaml` → `dir/name{suffix}.pdf`.
fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("handout");
    path.with_file_name(format!("{stem}{suffix}.pdf"))
}

/// The PDF name for a handout file: its stem, checked to be a plain file name.
fn output_stem(path: &Path) -> Result<String, Diagnostic> {
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .filter(|s| !s.is_empty() && *s != "." && *s != ".." && !s.contains(['/', '\\']))
        .ok_or_else(|| Diagnostic::new(path, "cannot make a PDF name from this file name"))?;
    Ok(stem.to_string())
}

fn is_handout_file(path: &Path) -> bool {
    let hidden = path
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'));
    let yaml = matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml")
    );
    yaml && !hidden
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(&path, out)?;
        } else if is_handout_file(&path) {
            out.push(path);
        }
    }
    Ok(())
}

/// A handout parsed and checked, with its pictures decoded and encoded: everything that does
/// not depend on the values written into its fields, so copies can share it.
pub struct Prepared {
    pub source: Source,
    pub handout: Handout,
    pub pictures: Vec<(usize, Picture)>,
    images: Vec<(ImageRef, PdfImage)>,
    /// The handout's own QR code, or the brand's.
    qr: Option<QrForm>,
}

/// A handout laid out: everything but the PDF bytes.
pub struct LaidOut {
    pub prepared: Prepared,
    pub pages: Vec<Page>,
}

/// Every problem found in one handout file.
pub type Problems = Vec<Diagnostic>;

/// Parses and checks a handout already read into memory; pictures are found beside it.
pub fn prepare(run: &Run, source: &Source) -> Result<Prepared, Problems> {
    let handout = model::parse_handout(source)?;
    let mut pictures = load_pictures(&handout, source)?;
    if run.edition.grayscale {
        for (_, p) in &mut pictures {
            *p = p.to_gray();
        }
    }
    let images = pictures
        .iter()
        .map(|(i, p)| (ImageRef::Block(*i), PdfImage::encode(p)))
        .collect();
    let qr = match &handout.qr {
        Some(text) => QrForm::new(text),
        None => run.qr.clone(),
    };
    Ok(Prepared {
        qr,
        source: source.clone(),
        handout,
        pictures,
        images,
    })
}

/// Lays out a prepared handout with `values` written into its fields.
pub fn lay_out_pages(
    run: &Run,
    metrics: &Metrics,
    prepared: &Prepared,
    values: &Values,
) -> Result<Vec<Page>, Problems> {
    let mut sizes = ImageSizes {
        logo: (run.logo.width, run.logo.height),
        blocks: vec![None; prepared.handout.blocks.len()],
    };
    for (i, p) in &prepared.pictures {
        sizes.blocks[*i] = Some((p.width, p.height));
    }
    let cx = layout::Context {
        metrics,
        brand: &run.brand,
        page_size: run.page_size,
        style: run.style,
        images: &sizes,
        values,
        qr: prepared.qr.as_ref().map(|q| (q.text.as_str(), q.modules)),
        lang: prepared.handout.lang.as_deref().unwrap_or("en-US"),
        ids: Default::default(),
    };
    let source = &prepared.source;
    layout::layout(&prepared.handout, &cx).map_err(|errors| {
        errors
            .into_iter()
            .map(|e| match &e.needle {
                Some(needle) => Diagnostic::in_source_text(source, &e.field, needle, e.message),
                None => Diagnostic::in_source(source, &e.field, e.message),
            })
            .collect()
    })
}

/// Loads and lays out one handout file, fields blank.
pub fn lay_out(run: &Run, metrics: &Metrics, input: &Path) -> Result<LaidOut, Problems> {
    let source = Source::read(input).map_err(|d| vec![d])?;
    lay_out_source(run, metrics, &source)
}

/// Lays out a handout already read into memory, fields blank.
pub fn lay_out_source(run: &Run, metrics: &Metrics, source: &Source) -> Result<LaidOut, Problems> {
    let prepared = prepare(run, source)?;
    let pages = lay_out_pages(run, metrics, &prepared, &Values::new())?;
    Ok(LaidOut { prepared, pages })
}

/// Decodes every image block's picture; all that fail are reported.
fn load_pictures(handout: &Handout, source: &Source) -> Result<Vec<(usize, Picture)>, Problems> {
    let dir = source.path.parent().unwrap_or(Path::new(""));
    let mut pictures = Vec::new();
    let mut errors = Vec::new();
    for (i, block) in handout.blocks.iter().enumerate() {
        if let Block::Image(img) = block {
            match Picture::load(&dir.join(&img.path)) {
                Ok(p) => pictures.push((i, p)),
                Err(msg) => errors.push(Diagnostic::in_source(
                    source,
                    &format!("blocks[{i}].image.path"),
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
pub fn render(run: &Run, laid: &LaidOut) -> Result<Vec<u8>, String> {
    let fonts = pdf::subsets_for(&run.fonts, &laid.pages)?;
    render_pages(run, &laid.prepared, &laid.pages, &fonts)
}

/// The document's date: the handout's `reviewed`, else `SOURCE_DATE_EPOCH`, else none. Never
/// the clock, so the same input gives the same bytes.
fn document_date(handout: &Handout) -> Option<Date> {
    handout.reviewed.or_else(|| {
        std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(Date::from_unix)
    })
}

/// The PDF bytes of pages laid out from `prepared`, with given font subsets (which a batch
/// of copies shares).
pub fn render_pages(
    run: &Run,
    prepared: &Prepared,
    pages: &[Page],
    fonts: &FontSubsets,
) -> Result<Vec<u8>, String> {
    let mut images: Vec<(ImageRef, &PdfImage)> = vec![(ImageRef::Logo, &run.logo_pdf)];
    images.extend(prepared.images.iter().map(|(r, img)| (*r, img)));
    let handout = &prepared.handout;
    let info = DocInfo {
        title: handout.title.clone(),
        author: run.brand.clinic.clone(),
        subject: handout
            .subtitle
            .clone()
            .unwrap_or_else(|| format!("Patient handout from {}", run.brand.clinic)),
        lang: handout.lang.clone().unwrap_or_else(|| "en-US".into()),
        date: document_date(handout),
    };
    pdf::write(pages, &images, prepared.qr.as_ref(), fonts, &info)
}

/// What building one handout produced.
#[derive(Debug, Clone)]
pub struct Built {
    pub pages: usize,
    pub bytes: usize,
    pub elapsed: Duration,
    /// Reading level of the prose (English handouts).
    pub readability: Option<crate::readability::Readability>,
}

/// Builds one handout; with `write` false it stops after layout (`handout check`).
pub fn build_one(run: &Run, metrics: &Metrics, job: &Job, write: bool) -> Result<Built, Problems> {
    let start = Instant::now();
    let laid = lay_out(run, metrics, &job.input)?;
    let mut bytes = 0;
    if write {
        let pdf = render(run, &laid).map_err(|msg| vec![Diagnostic::new(&job.input, msg)])?;
        bytes = pdf.len();
        save(&job.output, &pdf)?;
    }
    Ok(Built {
        pages: laid.pages.len(),
        bytes,
        elapsed: start.elapsed(),
        readability: crate::readability::measure(&laid.prepared.handout),
    })
}

/// Writes a finished PDF to `target` (atomically), as a located problem if it cannot.
pub fn save(target: &Path, pdf: &[u8]) -> Result<(), Problems> {
    write_atomically(target, pdf).map_err(|e| {
        vec![Diagnostic::new(target, format!("cannot write PDF: {e}"))
            .help("check that the output folder exists and is writable")]
    })
}

/// Writes to a temporary file beside `target`, then renames it into place: a reader (or a
/// crash) never sees half a PDF, and a failed build leaves the previous PDF untouched.
///
/// No fsync: it cost a third of the time of a batch of copies, and what it adds (surviving a
/// power cut mid-build) is covered well enough by the filesystem: ext4, XFS and btrfs flush a
/// file's data before a rename that replaces another file commits. A rebuild is cheap.
pub fn write_atomically(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = target.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = target
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("handout.pdf");
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        std::fs::rename(&tmp, target)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

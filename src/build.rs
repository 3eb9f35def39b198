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
use crate::layout::{self, ImageRef, ImageSizes, Metrics, Page, Style};
use crate::model::{self, Block, Brand, Handout, PageSize, Source};
use crate::pdf::{self, DocInfo, EmbeddedFonts, PdfImage};

/// What every handout of a run shares.
pub struct Run {
    pub brand: Brand,
    pub brand_path: PathBuf,
    pub fonts: FontPair,
    pub logo: Picture,
    pub page_size: PageSize,
    embedded: EmbeddedFonts,
    /// The logo compressed once for every PDF of the run.
    logo_pdf: PdfImage,
}

impl Run {
    /// Loads the brand file and what it names. An error here stops the whole run.
    pub fn prepare(brand_path: &Path, page_size: Option<PageSize>) -> Result<Run, Diagnostic> {
        let brand = Brand::load(brand_path)?;
        let fonts = FontPair {
            regular: FontFile::load(
                &brand.resolve(&brand.fonts.regular),
                "fonts.regular",
                brand_path,
            )?,
            bold: FontFile::load(&brand.resolve(&brand.fonts.bold), "fonts.bold", brand_path)?,
        };
        let logo = Picture::load(&brand.resolve(&brand.logo))
            .map_err(|msg| Diagnostic::new(brand_path, msg).field("logo"))?;
        let embedded = EmbeddedFonts::new(&fonts)
            .map_err(|msg| Diagnostic::new(brand_path, msg).field("fonts"))?;
        Ok(Run {
            logo_pdf: PdfImage::encode(&logo),
            page_size: page_size.unwrap_or(brand.page_size),
            brand,
            brand_path: brand_path.to_path_buf(),
            fonts,
            logo,
            embedded,
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
                    output: out_dir.join(relative).with_extension("pdf"),
                    input: file,
                });
            }
        } else if path.exists() {
            let stem = output_stem(path)?;
            jobs.push(Job {
                input: path.clone(),
                output: out_dir.join(format!("{stem}.pdf")),
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

/// A handout loaded, checked and laid out: everything but the PDF bytes.
pub struct LaidOut {
    pub handout: Handout,
    pub pages: Vec<Page>,
    pub pictures: Vec<(usize, Picture)>,
}

/// Loads and lays out one handout file.
pub fn lay_out(run: &Run, metrics: &Metrics, input: &Path) -> Result<LaidOut, Diagnostic> {
    let source = Source::read(input)?;
    let handout = model::parse_handout(&source)?;
    let pictures = load_pictures(&handout, &source)?;
    let mut sizes = ImageSizes {
        logo: (run.logo.width, run.logo.height),
        blocks: vec![None; handout.blocks.len()],
    };
    for (i, p) in &pictures {
        sizes.blocks[*i] = Some((p.width, p.height));
    }
    let cx = layout::Context {
        metrics,
        brand: &run.brand,
        page_size: run.page_size,
        style: Style::default(),
        images: &sizes,
    };
    let pages = layout::layout(&handout, &cx).map_err(|e| {
        let (field, line) = match e.block {
            Some(i) => (
                format!("blocks[{i}].{}", handout.blocks[i].kind()),
                block_location(&source.text, i),
            ),
            None => ("title".to_string(), None),
        };
        let mut d = Diagnostic::new(input, e.message).field(field);
        if let Some((l, c)) = line {
            d = d.at(l, c).with_source(&source.text);
        }
        d
    })?;
    Ok(LaidOut {
        handout,
        pages,
        pictures,
    })
}

fn load_pictures(handout: &Handout, source: &Source) -> Result<Vec<(usize, Picture)>, Diagnostic> {
    let dir = source.path.parent().unwrap_or(Path::new(""));
    let mut out = Vec::new();
    for (i, block) in handout.blocks.iter().enumerate() {
        if let Block::Image(img) = block {
            let picture = Picture::load(&dir.join(&img.path)).map_err(|msg| {
                let mut d =
                    Diagnostic::new(&source.path, msg).field(format!("blocks[{i}].image.path"));
                if let Some((l, c)) = block_location(&source.text, i) {
                    d = d.at(l, c).with_source(&source.text);
                }
                d
            })?;
            out.push((i, picture));
        }
    }
    Ok(out)
}

/// Line and column of the `i`-th entry of the top-level `blocks:` list, for messages about a
/// block found after parsing (serde_yaml keeps no positions in its values).
pub fn block_location(text: &str, i: usize) -> Option<(usize, usize)> {
    let mut lines = text.lines().enumerate();
    lines.find(|(_, l)| l.starts_with("blocks:"))?;
    let mut indent = None;
    let mut count = 0;
    for (n, line) in lines {
        let trimmed = line.trim_start();
        let this_indent = line.len() - trimmed.len();
        if trimmed.starts_with("- ") || trimmed == "-" {
            if indent.is_none() {
                indent = Some(this_indent);
            }
            if indent == Some(this_indent) {
                if count == i {
                    return Some((n + 1, this_indent + 3));
                }
                count += 1;
            }
        } else if this_indent == 0 && !trimmed.is_empty() && !trimmed.starts_with('#') {
            break;
        }
    }
    None
}

/// The PDF bytes of a laid-out handout.
pub fn render(run: &Run, laid: &LaidOut) -> Result<Vec<u8>, String> {
    let encoded: Vec<(ImageRef, PdfImage)> = laid
        .pictures
        .iter()
        .map(|(i, p)| (ImageRef::Block(*i), PdfImage::encode(p)))
        .collect();
    let mut images: Vec<(ImageRef, &PdfImage)> = vec![(ImageRef::Logo, &run.logo_pdf)];
    images.extend(encoded.iter().map(|(r, img)| (*r, img)));
    let info = DocInfo {
        title: laid.handout.title.clone(),
        author: run.brand.clinic.clone(),
        subject: laid
            .handout
            .subtitle
            .clone()
            .unwrap_or_else(|| format!("Patient handout from {}", run.brand.clinic)),
        lang: "en-US".into(),
    };
    pdf::write(&laid.pages, &images, &run.embedded, &info)
}

/// What building one handout produced.
#[derive(Debug, Clone)]
pub struct Built {
    pub pages: usize,
    pub bytes: usize,
    pub elapsed: Duration,
}

/// Builds one handout; with `write` false it stops after layout (`handout check`).
pub fn build_one(
    run: &Run,
    metrics: &Metrics,
    job: &Job,
    write: bool,
) -> Result<Built, Diagnostic> {
    let start = Instant::now();
    let laid = lay_out(run, metrics, &job.input)?;
    let mut bytes = 0;
    if write {
        let pdf = render(run, &laid).map_err(|msg| Diagnostic::new(&job.input, msg))?;
        bytes = pdf.len();
        write_atomically(&job.output, &pdf).map_err(|e| {
            Diagnostic::new(&job.output, format!("cannot write PDF: {e}"))
                .help("check that the output folder exists and is writable")
        })?;
    }
    Ok(Built {
        pages: laid.pages.len(),
        bytes,
        elapsed: start.elapsed(),
    })
}

/// Writes to a temporary file beside `target`, then renames it into place: a reader (or a
/// crash) never sees half a PDF, and a failed build leaves the previous PDF untouched.
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
        f.sync_all()?;
        std::fs::rename(&tmp, target)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_location_finds_list_entries() {
        let text = "title: x\nblocks:\n  - text: a\n  - bullets:\n      - b\n  - heading: c\n";
        assert_eq!(block_location(text, 0), Some((3, 5)));
        assert_eq!(block_location(text, 1), Some((4, 5)));
        assert_eq!(block_location(text, 2), Some((6, 5)));
        assert_eq!(block_location(text, 3), None);
    }
}

//! The front desk's day as one PDF: 1,000 personalised copies of the symptom checklist, each
//! laid out with its own patient name, written as one print job a window of copies at a
//! time (`pdf::JobWriter`), as the command line writes it. Prints how long each stage took,
//! where the bytes went and what the writer keeps per copy (the file itself is kept in
//! memory, to see where its bytes go); measures, asserts nothing.
//!
//! ```text
//! cargo run --release --example print_job [-- COPIES [OUT.pdf] [--duplex]]
//! ```

use std::path::PathBuf;
use std::time::{Duration, Instant};

use handout::layout::{ImageRef, Page};
use handout::model::{FieldKey, Source, Values};
use handout::pdf::{self, DocInfo, FontSubsets, JobOptions, JobWriter, Part, PdfImage};
use handout::run::handout::{self as build, Prepared};
use handout::run::Setup;
use rayon::prelude::*;

const FIRST: [&str; 8] = [
    "Ana", "José", "María", "Zoë", "Íñigo", "John", "Aisha", "Renée",
];
const LAST: [&str; 7] = [
    "López",
    "Müller",
    "O’Brien",
    "Peña",
    "Chen",
    "Okafor",
    "Dubois",
];

/// Copies laid out and written at a time, as the command line does.
const WINDOW: usize = 256;

/// Time spent in each stage.
#[derive(Default)]
struct Times {
    layout: Duration,
    write: Duration,
}

fn main() -> Result<(), String> {
    let start = Instant::now();
    let (copies, out, duplex) = args()?;
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let run = Setup::load(&root.join("handouts/brand.yaml"), None, Default::default())
        .map_err(|d| d.to_string())?;
    let source =
        Source::read(&root.join("handouts/symptom-checklist.yaml")).map_err(|d| d.to_string())?;
    let prepared = build::prepare(&run, &source).map_err(|d| format!("{d:?}"))?;
    let names: Vec<String> = (0..copies)
        .map(|i| format!("{} {}", FIRST[i % 8], LAST[i / 8 % 7]))
        .collect();
    // As a batch of copies does: the handout's glyphs and every value's, shaped as layout does.
    let models = lay_out(&run, &prepared, &names[..copies.min(2)])?;
    let mut used = pdf::UsedGlyphs::of_pages(models.first().map_or(&[][..], |p| p));
    let metrics = run.metrics().map_err(|d| d.to_string())?;
    for name in &names {
        used.add_text(&metrics, handout::assets::fonts::Face::Regular, name);
    }
    let fonts = FontSubsets::new(&run.fonts, &used)?;
    let setup = start.elapsed();
    let (bytes, kept, times) = write(&run, &prepared, &fonts, &models, &names, duplex)?;
    let total = start.elapsed();
    if let Some(out) = out {
        std::fs::write(&out, &bytes).map_err(|e| format!("{}: {e}", out.display()))?;
    }
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("copies                {copies}");
    println!("setup, fonts, models  {:7.1} ms", ms(setup));
    println!("layout                {:7.1} ms", ms(times.layout));
    println!("writing the job       {:7.1} ms", ms(times.write));
    println!("total in process      {:7.1} ms", ms(total));
    let per_copy = |n: usize| n as f64 / copies.max(1) as f64;
    println!(
        "bytes                 {} ({:.2} KiB per copy)",
        bytes.len(),
        per_copy(bytes.len()) / 1024.0
    );
    for (what, n) in where_the_bytes_go(&bytes) {
        println!("  {what:<20}{n:>9} ({:.0} B per copy)", per_copy(n));
    }
    println!(
        "kept by the writer    {kept} bytes before its end ({:.0} B per copy)",
        per_copy(kept)
    );
    Ok(())
}

/// `COPIES [OUT.pdf] [--duplex]`.
fn args() -> Result<(usize, Option<PathBuf>, bool), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let duplex = args.iter().any(|a| a == "--duplex");
    let mut plain = args.iter().filter(|a| !a.starts_with("--"));
    let copies = plain
        .next()
        .map_or(Ok(1000), |n| n.parse())
        .map_err(|e| format!("the number of copies: {e}"))?;
    Ok((copies, plain.next().map(PathBuf::from), duplex))
}

/// Each copy laid out with its patient's name, on all cores, as a batch of copies is.
fn lay_out(run: &Setup, prepared: &Prepared, names: &[String]) -> Result<Vec<Vec<Page>>, String> {
    names
        .par_iter()
        .map_init(
            || run.metrics().ok(),
            |metrics, name| {
                let metrics = metrics.as_ref().ok_or("no font metrics")?;
                let mut values = Values::new();
                values.insert(FieldKey::new("Patient name"), name.clone());
                build::lay_out_pages(run, metrics, prepared, &values)
                    .map(|(pages, _)| pages)
                    .map_err(|d| format!("{d:?}"))
            },
        )
        .collect()
}

/// The handout copies are made of.
struct Handout<'a> {
    images: &'a [(ImageRef, &'a PdfImage)],
    prepared: &'a Prepared,
    lang: &'a str,
}

impl<'a> Handout<'a> {
    /// A copy laid out as `pages`, in the outline under `group`.
    fn part<'p>(&'p self, pages: &'p [Page], group: &'p str) -> Part<'p> {
        Part {
            pages,
            images: self.images,
            qr: self.prepared.qr(),
            title: &self.prepared.handout.title,
            lang: self.lang,
            group,
            handout: 0,
        }
    }
}

/// The job's bytes, what the writer kept before its end, and the time of each stage.
fn write(
    run: &Setup,
    prepared: &Prepared,
    fonts: &FontSubsets,
    models: &[Vec<Page>],
    names: &[String],
    duplex: bool,
) -> Result<(Vec<u8>, usize, Times), String> {
    let images: Vec<(ImageRef, &PdfImage)> = build::images_of(run, prepared);
    let lang = prepared.handout.lang();
    let handout = Handout {
        images: &images,
        prepared,
        lang: lang.as_str(),
    };
    let info = DocInfo {
        title: format!("Print job: {} copies", names.len()),
        author: run.brand.clinic.clone(),
        subject: "Handouts to print".into(),
        lang: lang.as_str().to_string(),
        date: None,
        draft: false,
    };
    let mut times = Times::default();
    let start = Instant::now();
    let models: Vec<Part> = models.iter().map(|p| handout.part(p, "")).collect();
    let options = JobOptions { duplex };
    let mut job =
        JobWriter::new(Vec::new(), &models, fonts, &info, options).map_err(|e| e.to_string())?;
    times.write += start.elapsed();
    for window in names.chunks(WINDOW) {
        let start = Instant::now();
        let pages = lay_out(run, prepared, window)?;
        times.layout += start.elapsed();
        let start = Instant::now();
        let groups: Vec<String> = window.iter().map(|n| format!("{n} — row")).collect();
        let parts: Vec<Part> = pages
            .iter()
            .zip(&groups)
            .map(|(p, g)| handout.part(p, g))
            .collect();
        job.add(&parts).map_err(|e| e.to_string())?;
        times.write += start.elapsed();
    }
    let start = Instant::now();
    let kept = job.kept_bytes();
    let (bytes, _) = job.finish().map_err(|e| e.to_string())?;
    times.write += start.elapsed();
    Ok((bytes, kept, times))
}

/// The file's bytes by kind of object: object streams (structure elements, form fields,
/// pages, outline), the cross-reference stream, content streams of under 1 KiB without a
/// filter (a copy's own content), and the rest (fonts, logo, QR code, shared content, XMP).
fn where_the_bytes_go(file: &[u8]) -> Vec<(&'static str, usize)> {
    let mut sizes = [
        ("object streams", 0),
        ("xref stream", 0),
        ("own content", 0),
        ("everything else", 0),
    ];
    let mut at = 0;
    while let Some(found) = find(&file[at..], b" 0 obj\n<<") {
        let start = at + found;
        let Some(end) = find(&file[start..], b"endobj\n").map(|e| start + e + 7) else {
            break;
        };
        let object = &file[start..end];
        let kind = if find(object, b"/Type/ObjStm").is_some() {
            0
        } else if find(object, b"/Type/XRef").is_some() {
            1
        } else if object.len() < 1024 + 60 && find(object, b"<</Length ").is_some() {
            2
        } else {
            3
        };
        sizes[kind].1 += object.len();
        at = end;
    }
    sizes.to_vec()
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

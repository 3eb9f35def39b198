//! The front desk's day as one PDF: 1,000 personalised copies of the symptom checklist, each
//! laid out with its own patient name, written as one print job. Prints how long each stage
//! took and where the bytes went; measures, asserts nothing.
//!
//! ```text
//! cargo run --release --example print_job [-- COPIES [OUT.pdf] [--duplex]]
//! ```

use std::path::PathBuf;
use std::time::{Duration, Instant};

use handout::layout::{ImageRef, Page};
use handout::model::{FieldKey, Source, Values};
use handout::pdf::{self, DocInfo, JobOptions, Part, PdfImage, QrForm};
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
    let setup = start.elapsed();
    let pages = lay_out(&run, &prepared, &names)?;
    let laid_out = start.elapsed();
    let (bytes, writing) = write(&run, &prepared, &pages, &names, duplex)?;
    let total = start.elapsed();
    if let Some(out) = out {
        std::fs::write(&out, &bytes).map_err(|e| format!("{}: {e}", out.display()))?;
    }
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("copies                {copies}");
    println!("setup                 {:7.1} ms", ms(setup));
    println!("layout                {:7.1} ms", ms(laid_out - setup));
    println!(
        "fonts, images         {:7.1} ms",
        ms(total - laid_out - writing)
    );
    println!("write_job             {:7.1} ms", ms(writing));
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

/// The job's bytes, and how long `write_job` took.
fn write(
    run: &Setup,
    prepared: &Prepared,
    pages: &[Vec<Page>],
    names: &[String],
    duplex: bool,
) -> Result<(Vec<u8>, Duration), String> {
    // As a batch of copies does: the handout's characters and every value's.
    let (mut regular, bold) = pdf::chars_by_face(pages.first().map_or(&[][..], |p| p));
    regular.extend(names.iter().flat_map(|n| n.chars()));
    let fonts = pdf::FontSubsets::new(&run.fonts, &regular, &bold)?;
    let logo = PdfImage::encode(&run.logo);
    let qr = run.brand.qr.as_ref().and_then(|q| QrForm::new(q.as_str()));
    let mut images: Vec<(ImageRef, &PdfImage)> = vec![(ImageRef::Logo, &logo)];
    let pictures = prepared.pictures.iter();
    images.extend(pictures.map(|(i, p)| (ImageRef::Block(*i), &p.pdf)));
    let groups: Vec<String> = names
        .iter()
        .enumerate()
        .map(|(i, n)| format!("{n} — row {}", i + 2))
        .collect();
    let lang = prepared.handout.lang();
    let parts: Vec<Part> = pages
        .iter()
        .zip(&groups)
        .map(|(pages, group)| Part {
            pages,
            images: &images,
            qr: qr.as_ref(),
            title: &prepared.handout.title,
            lang: lang.as_str(),
            group,
            handout: 0,
        })
        .collect();
    let info = DocInfo {
        title: format!("Print job: {} copies", names.len()),
        author: run.brand.clinic.clone(),
        subject: "Handouts to print".into(),
        lang: lang.as_str().to_string(),
        date: None,
    };
    let start = Instant::now();
    let bytes = pdf::write_job(&parts, &fonts, &info, JobOptions { duplex })?;
    Ok((bytes, start.elapsed()))
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

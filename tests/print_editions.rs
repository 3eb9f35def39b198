//! The printed PDFs of each edition read back by independent tools: no glyph in the
//! large-print edition under 18 pt (MuPDF's structured text), and the header's QR code,
//! with its caption under it, still scans (zbar) in every edition and language.

mod common;
mod editions;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;
use editions::{lay_out, setup, shipped, LARGE, STANDARD};
use handout::layout::Item;
use handout::model::{PageSize, Values};

/// Builds every handout into a temporary folder with `extra` flags.
fn build_into(extra: &[&str]) -> tempfile::TempDir {
    let out = tempfile::tempdir().expect("temp dir");
    let mut args = vec!["build", "-o", out.path().to_str().expect("UTF-8 temp path")];
    args.extend_from_slice(extra);
    let r = handout(&root(), &args);
    assert!(r.status.success(), "{}", stderr(&r));
    out
}

/// Every PDF under `dir`, language folders included.
fn pdfs(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(d) = dirs.pop() {
        for entry in std::fs::read_dir(&d).expect("output reads") {
            let path = entry.expect("entry reads").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "pdf") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// Each run of text MuPDF reads in `pdf` set smaller than `least` pt: "page N: “text” at
/// S pt". MuPDF reports each span's size as drawn (font size times the text matrix).
fn small_glyphs(pdf: &Path, least: f32) -> Vec<String> {
    let out = Command::new("mutool")
        .args(["draw", "-q", "-F", "stext", "-o", "-"])
        .arg(pdf)
        .output()
        .expect("mutool runs (install mupdf-tools)");
    assert!(out.status.success(), "mutool failed on {pdf:?}");
    let xml = String::from_utf8_lossy(&out.stdout);
    let mut found = Vec::new();
    let (mut page, mut size, mut text) = (0, f32::MAX, String::new());
    for line in xml.lines().map(str::trim_start) {
        if line.starts_with("<page ") {
            page += 1;
        } else if line.starts_with("<font ") {
            size = attr(line, "size")
                .and_then(|s| s.parse().ok())
                .unwrap_or(0.0);
            text.clear();
        } else if line.starts_with("<char ") {
            text.push_str(&attr(line, "c").unwrap_or_default());
        } else if line.starts_with("</font>") && size < least - 0.01 {
            found.push(format!("page {page}: “{text}” at {size} pt"));
        }
    }
    found
}

/// The value of attribute `name` in an XML tag, entities for quotes and ampersands undone.
fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let len = tag[start..].find('"')?;
    let raw = &tag[start..start + len];
    Some(
        raw.replace("&quot;", "\"")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&"),
    )
}

#[test]
#[ignore = "needs mupdf-tools (mutool)"]
fn no_glyph_of_the_large_print_pdfs_is_under_18_pt() {
    let mut problems = Vec::new();
    let mut checked = 0;
    for size in ["letter", "a4"] {
        let out = build_into(&["--large-print", "--page-size", size]);
        for pdf in pdfs(out.path()) {
            checked += 1;
            let name = pdf
                .strip_prefix(out.path())
                .unwrap_or(&pdf)
                .display()
                .to_string();
            problems.extend(
                small_glyphs(&pdf, 18.0)
                    .into_iter()
                    .map(|p| format!("{size} {name} {p}")),
            );
        }
    }
    assert!(checked >= 16, "{checked} PDFs");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // The same reading finds the standard edition's small print (footer, caption).
    let out = build_into(&[]);
    let small = small_glyphs(&out.path().join("food-list.pdf"), 18.0);
    assert!(
        small.iter().any(|s| s.contains("Scan for more"))
            && small.iter().any(|s| s.contains("Page 1 of")),
        "{small:#?}"
    );
}

/// The text a QR code in `png` decodes to, by zbarimg.
fn decode_qr(png: &Path) -> String {
    let z = Command::new("zbarimg")
        .args(["-q", "--raw"])
        .arg(png)
        .output()
        .expect("zbarimg runs (install zbar-tools)");
    stdout(&z).trim().to_string()
}

#[test]
#[ignore = "needs poppler-utils (pdftoppm) and zbar-tools (zbarimg)"]
fn the_qr_code_decodes_from_a_150_dpi_rendering_in_every_edition() {
    for flags in [
        &[][..],
        &["--large-print"],
        &["--grayscale"],
        &["--page-size", "a4"],
    ] {
        let out = build_into(flags);
        for pdf in pdfs(out.path()) {
            let prefix = pdf.with_extension("");
            let r = Command::new("pdftoppm")
                .args(["-r", "150", "-png", "-f", "1", "-l", "1", "-singlefile"])
                .arg(&pdf)
                .arg(&prefix)
                .output()
                .expect("pdftoppm runs");
            assert!(r.status.success(), "{}", stderr(&r));
            // pdftoppm -singlefile adds the extension to the prefix.
            let text = decode_qr(&pdf.with_extension("png"));
            // Each translation's folder has the clinic's page in its language.
            let folder = pdf
                .parent()
                .filter(|p| p != &out.path())
                .and_then(|p| p.file_name())
                .map(|f| f.to_string_lossy().into_owned());
            let expected = match folder {
                None => "https://greenleafclinic.example/leaky-gut".to_string(),
                Some(lang) => format!("https://greenleafclinic.example/{lang}/leaky-gut"),
            };
            assert_eq!(text, expected, "{flags:?} {pdf:?}");
        }
    }
}

/// The header's text on the first page of `path` laid out in `edition`: what lies above the
/// body; and the edition's footer size.
fn header_text(path: &Path, edition: handout::layout::Edition) -> (Vec<(String, f32, f32)>, f32) {
    let run = setup(&root(), edition, PageSize::Letter);
    let (_, laid) = lay_out(&run, path, &Values::new());
    let header = laid.pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text(t) if i.bounds().bottom() <= laid.body.y => {
                Some((t.text.clone(), t.size, t.baseline))
            }
            _ => None,
        })
        .collect();
    (header, run.style.footer)
}

#[test]
fn the_qr_code_has_a_caption_in_the_handouts_language_sized_like_the_footer() {
    for path in shipped(&root()) {
        // The caption in the language of the handout's folder (`es/`, `vi/`), English at the top.
        let folder = path
            .parent()
            .filter(|p| p.file_name().is_some_and(|n| n != "handouts"))
            .and_then(|p| p.file_name())
            .and_then(|n| n.to_str())
            .unwrap_or("en");
        let caption =
            handout::i18n::language(folder).map_or("Scan for more", |l| l.strings.qr_caption);
        if folder == "es" {
            assert_eq!(caption, "Escanee para más información");
        }
        for (edition, least) in [(STANDARD, 10.0), (LARGE, 18.0)] {
            let (header, size) = header_text(&path, edition);
            assert!(size >= least, "{size}");
            // The lines set at the footer's size, each the runs on its baseline (a letter
            // the brand's font lacks is a run of its own, in the fallback face).
            let mut baselines: Vec<f32> = header
                .iter()
                .filter(|(_, s, _)| *s == size)
                .map(|(_, _, b)| *b)
                .collect();
            baselines.dedup();
            let lines: Vec<String> = baselines
                .iter()
                .map(|b| {
                    let on_line = header.iter().filter(|(_, _, y)| y == b);
                    on_line.map(|(t, _, _)| t.as_str()).collect()
                })
                .collect();
            // The caption may wrap, one line after another.
            let printed = lines.join(" ");
            assert!(printed.contains(caption), "{path:?}: {header:?}");
        }
    }
}

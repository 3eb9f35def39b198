//! The shipped PDFs checked by programs that are not ours: qpdf, poppler (pdffonts, pdftotext,
//! pdftoppm), Ghostscript and MuPDF, through `common::readers::check_pdf`.
//! Ignored by default (they need Debian packages); `.ci/run` installs them and runs these.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::readers::{check_pdf, Expect, PageSize, SAFE_MARGIN};
use common::*;

fn build_into(dir: &Path, extra: &[&str]) {
    let mut args = vec!["build", "-o", dir.to_str().unwrap()];
    args.extend_from_slice(extra);
    let out = handout(&root(), &args);
    assert!(out.status.success(), "{}", stderr(&out));
}

/// Phrases each English handout must contain, besides the disclaimer.
fn phrases_en(name: &str) -> &'static [&'static str] {
    match name {
        "symptom-checklist" => &[
            "Brain fog",
            "Skin issues, like eczema",
            "Sometimes",
            "Patient name",
        ],
        "food-list" => &["kefir", "bone broth", "Refined sugar — candy"],
        "stress-plan" => &["Deep breathing", "Quiet mindful moment", "Week starting"],
        "about-leaky-gut" => &[
            "tight junctions",
            "Long-term use of NSAIDs",
            "your body’s defense system",
        ],
        _ => &[],
    }
}

/// The disclaimer every English handout carries in its footer.
const DISCLAIMER_EN: &str = "not an official medical diagnosis";
/// The same, in the Spanish editions.
const DISCLAIMER_ES: &str = "no es un diagnóstico médico oficial";

/// Every problem the readers find in the handouts built into `dir` (English in `dir`, Spanish in
/// `dir/es`), each line naming its file. Every shipped handout must be there in both languages;
/// any other PDF there is checked too, for the disclaimer only.
fn check_folder(dir: &Path, size: PageSize) -> Vec<String> {
    let mut problems = Vec::new();
    for (sub, disclaimer) in [("", DISCLAIMER_EN), ("es", DISCLAIMER_ES)] {
        let folder = dir.join(sub);
        let mut pdfs: Vec<PathBuf> = std::fs::read_dir(&folder)
            .unwrap_or_else(|e| panic!("{}: {e}", folder.display()))
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
            .collect();
        pdfs.sort();
        for name in SHIPPED {
            let pdf = folder.join(format!("{name}.pdf"));
            if !pdfs.contains(&pdf) {
                let shown = Path::new(sub).join(format!("{name}.pdf"));
                problems.push(format!("{}: not built", shown.display()));
            }
        }
        for pdf in pdfs {
            let name = pdf.file_stem().unwrap().to_str().unwrap();
            let mut phrases = vec![disclaimer];
            if sub.is_empty() {
                phrases.extend_from_slice(phrases_en(name));
            }
            let expect = Expect {
                size,
                phrases: &phrases,
                margin: SAFE_MARGIN,
            };
            let shown = pdf.strip_prefix(dir).unwrap().display().to_string();
            problems.extend(
                check_pdf(&pdf, &expect)
                    .iter()
                    .map(|p| format!("{shown} ({size:?}): {p}")),
            );
        }
    }
    problems
}

#[test]
#[ignore = "needs qpdf, poppler-utils, ghostscript, mupdf-tools"]
fn independent_readers_pass_on_every_shipped_handout_letter_and_a4() {
    let mut problems = Vec::new();
    for (size, extra) in [
        (PageSize::Letter, vec![]),
        (PageSize::A4, vec!["--page-size", "a4"]),
    ] {
        let dir = tempfile::tempdir().unwrap();
        build_into(dir.path(), &extra);
        problems.extend(check_folder(dir.path(), size));
    }
    readers::assert_no_problems("shipped handouts", &problems);
}

/// The README's build, as `.ci/run` makes it (`cargo run --release -- build -o $HANDOUT_PDF_DIR`):
/// the PDFs a user gets. Without that variable, a fresh build of the default edition.
#[test]
#[ignore = "needs qpdf, poppler-utils, ghostscript, mupdf-tools"]
fn independent_readers_pass_on_the_readme_build() {
    let fresh;
    let dir = match std::env::var_os("HANDOUT_PDF_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => {
            fresh = tempfile::tempdir().unwrap();
            build_into(fresh.path(), &[]);
            fresh.path().to_path_buf()
        }
    };
    eprintln!("checking the handouts in {}", dir.display());
    readers::assert_no_problems(
        &dir.display().to_string(),
        &check_folder(&dir, PageSize::Letter),
    );
}

#[test]
#[ignore = "needs poppler-utils (pdffonts)"]
fn pdffonts_reports_embedded_subset_fonts_with_tounicode() {
    let dir = tempfile::tempdir().unwrap();
    build_into(dir.path(), &[]);
    for name in SHIPPED {
        let out = Command::new("pdffonts")
            .arg(dir.path().join(format!("{name}.pdf")))
            .output()
            .expect("pdffonts runs");
        assert!(out.status.success());
        let text = stdout(&out);
        let rows: Vec<&str> = text.lines().skip(2).collect();
        assert_eq!(rows.len(), 2, "{name}: {text}");
        for row in rows {
            let cols: Vec<&str> = row.split_whitespace().collect();
            let n = cols.len();
            // name type encoding emb sub uni object ID
            assert_eq!(&cols[n - 5..n - 2], ["yes", "yes", "yes"], "{name}: {row}");
        }
    }
}

#[test]
#[ignore = "needs poppler-utils (pdftotext)"]
fn pdftotext_reads_the_words_back_in_order() {
    let dir = tempfile::tempdir().unwrap();
    build_into(dir.path(), &[]);
    let out = Command::new("pdftotext")
        .arg(dir.path().join("about-leaky-gut.pdf"))
        .arg("-")
        .output()
        .expect("pdftotext runs");
    let text = stdout(&out)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    // Headings come in document order, and typographic punctuation survives.
    let order = [
        "What is leaky gut?",
        "What may cause it?",
        "Common symptoms",
        "How to support",
    ];
    let at: Vec<usize> = order.iter().map(|h| text.find(h).expect(h)).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{at:?}");
    for mark in ["’", "•", "—", "“"] {
        assert!(text.contains(mark), "{mark} missing");
    }
}

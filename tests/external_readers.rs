//! The shipped PDFs checked by programs that are not ours: qpdf, poppler (pdffonts, pdftotext,
//! pdftoppm), Ghostscript and MuPDF, through `../shared/tools/pdfcheck.py`.
//! Ignored by default (they need Debian packages); `.ci/run` installs them and runs these.

mod common;

use std::process::Command;

use common::*;

fn build_into(dir: &std::path::Path, extra: &[&str]) {
    let mut args = vec!["build", "-o", dir.to_str().unwrap()];
    args.extend_from_slice(extra);
    let out = handout(&root(), &args);
    assert!(out.status.success(), "{}", stderr(&out));
}

fn phrases(name: &str) -> &'static [&'static str] {
    match name {
        "symptom-checklist" => &[
            "Brain fog",
            "Skin issues (eczema, acne)",
            "Sometimes",
            "Patient name",
        ],
        "food-list" => &["kefir", "bone broth", "Refined sugar — candy"],
        "stress-plan" => &["Deep breathing", "Quiet mindful moment", "Week starting"],
        "about-leaky-gut" => &[
            "tight junctions",
            "Long use of NSAIDs",
            "your body’s defense system",
        ],
        _ => &[],
    }
}

#[test]
#[ignore = "needs python3, qpdf, poppler-utils, ghostscript, mupdf-tools and ../shared/tools/pdfcheck.py"]
fn pdfcheck_passes_on_every_shipped_handout_letter_and_a4() {
    let script = root().join("../shared/tools/pdfcheck.py");
    assert!(script.exists(), "{} not found", script.display());
    for (size, extra) in [("letter", vec![]), ("a4", vec!["--page-size", "a4"])] {
        let dir = tempfile::tempdir().unwrap();
        build_into(dir.path(), &extra);
        for name in SHIPPED {
            let pdf = dir.path().join(format!("{name}.pdf"));
            let mut cmd = Command::new("python3");
            cmd.arg(&script).arg(&pdf).args(["--size", size]);
            cmd.args(["--phrase", "not an official medical diagnosis"]);
            for p in phrases(name) {
                cmd.args(["--phrase", p]);
            }
            let out = cmd.output().expect("python3 runs");
            assert!(
                out.status.success(),
                "{name} ({size}): {}{}",
                stdout(&out),
                stderr(&out)
            );
            // The Spanish edition of the same handout.
            let es = Command::new("python3")
                .arg(&script)
                .arg(dir.path().join(format!("es/{name}.pdf")))
                .args([
                    "--size",
                    size,
                    "--phrase",
                    "no es un diagnóstico médico oficial",
                ])
                .output()
                .expect("python3 runs");
            assert!(es.status.success(), "es/{name} ({size}): {}", stdout(&es));
        }
    }
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

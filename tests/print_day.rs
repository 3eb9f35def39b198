//! The front desk's day, end to end: a realistic 30-row schedule export (names from many
//! countries, Vietnamese, Greek and Cyrillic ones among them, long names, decomposed accents,
//! extra columns, CRLF, `;`, a blank row, two languages, large print for some rows), in UTF-8
//! and again as Windows-1252 (without the names it cannot encode), built into one duplex
//! print job and read back page by page.

mod common;

use std::path::Path;

use common::lines::page_lines;
use common::*;
use unicode_normalization::UnicodeNormalization;

const FIRST: [&str; 10] = [
    "Ana",
    "José",
    "Zoë",
    "Nguyen",
    "Oluwaseun",
    "Søren",
    "Maëlle",
    "Bjørn",
    "Ngozi",
    "Íñigo",
];
const LAST: [&str; 6] = [
    "López",
    "Müller",
    "O'Brien",
    "Dubois",
    "Tremblay",
    "Fernández",
];

/// Names in scripts the brand font covers only with the fallback's help, by row: in large
/// print (3, 17), in Spanish (11, 26) and in neither (22).
const SCRIPTS: [(usize, &str); 5] = [
    (3, "Nguyễn Thị Hương"),
    (11, "Νίκος Παπαδόπουλος"),
    (17, "Ольга Смирнова"),
    (22, "Trần Văn Đức"),
    (26, "Đặng Quốc Bảo"),
];

/// The day's rows: (name, handouts, language, large print). Without `scripts`, the rows of
/// [`SCRIPTS`] have names of the other rows' kind, which Windows-1252 can encode.
fn rows(scripts: bool) -> Vec<(String, &'static str, &'static str, &'static str)> {
    (0..30)
        .map(|i| {
            let script = SCRIPTS.iter().find(|(row, _)| *row == i && scripts);
            let name = match (i, script) {
                (_, Some((_, name))) => name.to_string(),
                (7, _) => "María de los Ángeles Rodríguez-Hernández".to_string(),
                (19, _) => "Anna-Katharina von Hohenzollern-Sigmaringen de la Torre".to_string(),
                _ => format!("{} {}", FIRST[i % 10], LAST[i % 6]),
            };
            let handouts = [
                "",
                "food-list",
                "symptom-checklist",
                "\"symptom-checklist; food-list\"",
            ][i % 4];
            let lang = if i % 5 == 1 { "es" } else { "" };
            let large = if i % 7 == 3 { "yes" } else { "no" };
            (name, handouts, lang, large)
        })
        .collect()
}

/// The schedule as a clinic's system exports it, with a blank row after the tenth patient.
fn schedule(decompose: bool, scripts: bool) -> String {
    let mut csv = String::from("Patient name;Date;DOB;MRN;Handouts;Language;Large print\r\n");
    for (i, (name, handouts, lang, large)) in rows(scripts).into_iter().enumerate() {
        let name = match (decompose, i) {
            // Every accent as its own character after its letter, as macOS exports them.
            (true, 3) => name.nfd().collect(),
            // "é" as "e" + U+0301.
            (true, _) => name.replace('é', "e\u{301}"),
            (false, _) => name,
        };
        csv.push_str(&format!(
            "{name};2026-12-01;1950-01-{:02};{};{handouts};{lang};{large}\r\n",
            i % 28 + 1,
            1000 + i
        ));
        if i == 9 {
            csv.push_str(";;;;;;\r\n");
        }
    }
    csv
}

fn build(dir: &Path, csv: &[u8], extra: &[&str]) -> std::process::Output {
    let data = dir.join("today.csv");
    std::fs::write(&data, csv).unwrap();
    let mut args = vec![
        "build",
        "handouts/symptom-checklist.yaml",
        "handouts/food-list.yaml",
        "--data",
        data.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    handout(&root(), &args)
}

/// Pages of each copy, row by row, as separate files report them in JSON.
fn pages_per_packet(dir: &Path, csv: &[u8]) -> Vec<usize> {
    let out = dir.join("separate");
    let r = build(dir, csv, &["-o", out.to_str().unwrap(), "--format", "json"]);
    assert!(r.status.success(), "{}", stderr(&r));
    let json: serde_json::Value = serde_json::from_slice(&r.stdout).unwrap();
    let mut packets: Vec<(String, usize)> = Vec::new();
    for copy in json["handouts"].as_array().unwrap() {
        // "today.csv:7 food-list": the row is the CSV line.
        let path = copy["path"].as_str().unwrap();
        let row = path.split(' ').next().unwrap().to_string();
        let pages = copy["pages"].as_u64().unwrap() as usize;
        match packets.last_mut() {
            Some((last, n)) if *last == row => *n += pages,
            _ => packets.push((row, pages)),
        }
    }
    packets.into_iter().map(|(_, n)| n).collect()
}

#[test]
fn a_day_of_thirty_patients_is_one_duplex_print_job() {
    let dir = tempfile::tempdir().unwrap();
    let csv = schedule(true, true);
    let packets = pages_per_packet(dir.path(), csv.as_bytes());
    assert_eq!(packets.len(), 30, "the blank row is skipped");
    // Each packet starts on a front side: a blank page before one that would start on a back.
    let mut expected = 0;
    let mut starts = Vec::new();
    for pages in &packets {
        expected += expected % 2;
        starts.push(expected);
        expected += pages;
    }
    let job = dir.path().join("day.pdf");
    let r = build(
        dir.path(),
        csv.as_bytes(),
        &["--one-file", job.to_str().unwrap(), "--duplex"],
    );
    assert!(r.status.success(), "{}", stderr(&r));
    let summary = format!(", into {}\n", job.display());
    assert!(stdout(&r).ends_with(&summary), "{}", stdout(&r));
    let doc = lopdf::Document::load(&job).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    assert_eq!(pages.len(), expected, "packets {packets:?}");
    // Each packet's first page shows its patient (a long name may wrap: its first word) and
    // its own page numbers; a page left between two packets is blank. Text is read by line,
    // so a name drawn in two fonts reads whole.
    let mut end = 0;
    for (((name, _, lang, _), start), n) in rows(true).iter().zip(&starts).zip(&packets) {
        let text = page_lines(&doc, pages[*start]).join(" ");
        let shown = match name.chars().count() {
            ..=30 => name.as_str(),
            _ => name.split_whitespace().next().unwrap(),
        };
        assert!(text.contains(shown), "page {}: {name}: {text}", start + 1);
        let label = if lang.is_empty() {
            "Page 1 of"
        } else {
            "Página 1 de"
        };
        assert!(text.contains(label), "page {}: {text}", start + 1);
        if *start > end {
            let blank = page_lines(&doc, pages[end]);
            assert!(
                blank.is_empty(),
                "page {} should be blank: {blank:?}",
                end + 1
            );
        }
        end = start + n;
    }
}

#[test]
fn the_same_day_saved_as_windows_1252_reads_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let utf8 = schedule(false, false);
    let (cp1252, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&utf8);
    assert!(!unmappable, "every name of this day is in Windows-1252");
    let a = dir.path().join("a.pdf");
    let r = build(
        dir.path(),
        utf8.as_bytes(),
        &["--one-file", a.to_str().unwrap()],
    );
    assert!(r.status.success(), "{}", stderr(&r));
    let b = dir.path().join("b.pdf");
    let r = build(dir.path(), &cp1252, &["--one-file", b.to_str().unwrap()]);
    assert!(r.status.success(), "{}", stderr(&r));
    assert!(
        stderr(&r).contains("read as Windows-1252"),
        "{}",
        stderr(&r)
    );
    let text = |p: &Path| pdf_text(&lopdf::Document::load(p).unwrap());
    assert_eq!(text(&a), text(&b));
}

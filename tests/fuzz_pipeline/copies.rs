//! Personalised copies from random CSV files through [`run::execute`]: never a panic, never
//! a PDF outside the output folder or over a master handout.

use std::path::PathBuf;

use handout::layout::Edition;
use handout::model::PageSize;
use handout::run::{self, CopiesPlan, Quiet};
use proptest::prelude::*;

use super::common::root;
use super::{assert_outcome, cases, edition_and_size, fail, plan};

/// One CSV value: what staff and exports write (accents composed and not, quotes, names of
/// master handouts, paths, very long text) or random text.
fn cell() -> impl Strategy<Value = String> {
    const VALUES: &[&str] = &[
        "",
        " ",
        "Ana López",
        "Jose\u{301} Nun\u{303}ez",
        "Zoë",
        "O’Brien",
        "a \"quoted\" name",
        "Food list",
        "Symptom checklist",
        "food-list-large",
        "../../escape",
        "..",
        ".",
        "CON",
        "a/b\\c",
        "2026-12-01",
        "\u{202e}fdp.exe",
        "=1+1",
        "🙂",
        "\u{0}",
        "two\nlines",
    ];
    prop_oneof![
        6 => prop::sample::select(VALUES).prop_map(str::to_string),
        1 => any::<String>().prop_map(|s| s.chars().take(12).collect()),
        1 => (1..3000usize, "[a-zé ]").prop_map(|(n, c)| c.repeat(n)),
    ]
}

/// A column name: mostly the handout's fields, some written differently or twice.
fn header() -> impl Strategy<Value = String> {
    const HEADERS: &[&str] = &[
        "Patient name",
        "Date",
        "patient  NAME",
        "Fecha",
        "",
        "Notes",
        "Datë",
        "\u{feff}Date",
    ];
    prop_oneof![
        8 => prop::sample::select(HEADERS).prop_map(str::to_string),
        1 => any::<String>().prop_map(|s| s.chars().take(8).collect()),
    ]
}

/// A CSV file: a header row and up to three rows (mostly as wide as the header), each value
/// quoted or not, LF or CRLF line ends, perhaps a byte-order mark.
fn csv_file() -> impl Strategy<Value = String> {
    let values = |n: std::ops::Range<usize>| prop::collection::vec((cell(), any::<bool>()), n);
    let header = prop::collection::vec((header(), any::<bool>()), 1..4);
    (any::<bool>(), any::<bool>(), header)
        .prop_flat_map(move |(bom, crlf, header)| {
            let width = header.len();
            let row = prop_oneof![4 => values(width..width + 1), 1 => values(0..6)];
            let rows = prop::collection::vec(row, 0..4);
            (Just(bom), Just(crlf), Just(header), rows)
        })
        .prop_map(|(bom, crlf, header, rows)| {
            let value = |(text, quoted): &(String, bool)| match quoted {
                true => format!("\"{}\"", text.replace('"', "\"\"")),
                false => text.clone(),
            };
            let end = if crlf { "\r\n" } else { "\n" };
            let mut csv = String::from(if bom { "\u{feff}" } else { "" });
            for line in std::iter::once(&header).chain(&rows) {
                csv += &line.iter().map(value).collect::<Vec<_>>().join(",");
                csv += end;
            }
            csv
        })
}

fn name_template() -> impl Strategy<Value = &'static str> {
    const TEMPLATES: &[&str] = &[
        "{stem}-{row}",
        "{Patient name}",
        "{patient name}-{Date}",
        "{Date}",
        "{stem}",
        "x/{Patient name}",
        "../{row}",
        "{Notes}",
    ];
    prop::sample::select(TEMPLATES)
}

/// What a master handout's PDF holds in these tests, to see it is never replaced.
const MASTER: &[u8] = b"%PDF- the clinic's master handout";

/// A temporary folder as a clinic has it: `handouts/` with two handouts, `out/` with their
/// PDFs in one edition, and the patient data beside them.
struct Clinic {
    dir: tempfile::TempDir,
    out_dir: PathBuf,
    masters: Vec<PathBuf>,
}

fn clinic(edition: Edition, csv: &str) -> Clinic {
    let dir = tempfile::tempdir().unwrap();
    let handouts = dir.path().join("handouts");
    let out_dir = dir.path().join("out");
    std::fs::create_dir_all(&handouts).unwrap();
    std::fs::create_dir_all(&out_dir).unwrap();
    let masters = ["symptom-checklist", "food-list"].map(|stem| {
        let from = root().join(format!("handouts/{stem}.yaml"));
        std::fs::copy(from, handouts.join(format!("{stem}.yaml"))).unwrap();
        let master = out_dir.join(format!("{stem}{}.pdf", edition.suffix()));
        std::fs::write(&master, MASTER).unwrap();
        master
    });
    std::fs::write(dir.path().join("data.csv"), csv).unwrap();
    Clinic {
        dir,
        out_dir,
        masters: masters.to_vec(),
    }
}

/// Copies of `symptom-checklist.yaml` made from `csv`, beside `food-list.yaml`, into an output
/// folder that already holds both handouts' PDFs; how many were built.
fn check_copies(
    csv: &str,
    template: &str,
    look: (Edition, PageSize),
) -> Result<usize, TestCaseError> {
    let clinic = clinic(look.0, csv);
    let input = clinic.dir.path().join("handouts/symptom-checklist.yaml");
    let mut plan = plan(vec![input], &clinic.out_dir, look);
    plan.copies = Some(CopiesPlan {
        data: Some(clinic.dir.path().join("data.csv").into()),
        sets: Vec::new(),
        name_template: template.parse().expect("a valid template"),
        one_file: None,
        duplex: false,
    });
    let report = match run::execute(&plan, &Quiet) {
        Ok(report) => report,
        // A template placeholder naming no column of this data is a usage error (exit 2),
        // found before anything is written.
        Err(d) if d.origin == handout::diagnostics::Origin::Flag => {
            prop_assert_eq!(d.file.to_str(), Some("--name-template"), "{}", d);
            assert_only_copies_added(&clinic, 0)?;
            return Ok(0);
        }
        Err(d) => return Err(fail(&d)),
    };
    let blamed = ["data.csv", "symptom-checklist.yaml", "--name-template"];
    for o in &report.outcomes {
        assert_outcome(o, &clinic.out_dir, &blamed)?;
    }
    for master in &clinic.masters {
        let kept = std::fs::read(master).ok();
        prop_assert_eq!(kept.as_deref(), Some(MASTER), "{}", master.display());
    }
    assert_only_copies_added(&clinic, report.succeeded())?;
    Ok(report.succeeded())
}

/// Nothing anywhere but what was there and one finished PDF in the output folder per copy
/// built: no file elsewhere, no subfolder, no temporary file left.
fn assert_only_copies_added(clinic: &Clinic, built: usize) -> Result<(), TestCaseError> {
    let files: Vec<PathBuf> = walkdir::WalkDir::new(clinic.dir.path())
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| !e.file_type().is_dir())
        .map(|e| e.into_path())
        .collect();
    // Two handouts and the data were there before.
    prop_assert_eq!(files.len(), 3 + clinic.masters.len() + built, "{:?}", files);
    for path in files.iter().filter(|p| p.starts_with(&clinic.out_dir)) {
        prop_assert_eq!(
            path.parent(),
            Some(clinic.out_dir.as_path()),
            "{}",
            path.display()
        );
        let pdf = path.extension().is_some_and(|e| e == "pdf");
        prop_assert!(pdf, "{}", path.display());
    }
    Ok(())
}

proptest! {
    #![proptest_config(cases(64))]

    #[test]
    fn copies_from_random_csv_stay_in_the_output_folder_and_spare_masters(
        csv in csv_file(),
        template in name_template(),
        look in edition_and_size(),
    ) {
        check_copies(&csv, template, look)?;
    }
}

const LOOK: (Edition, PageSize) = (
    Edition {
        large_print: false,
        grayscale: false,
    },
    PageSize::Letter,
);

#[test]
fn the_copies_property_sees_copies_built_and_masters_refused() {
    // Its happy path, so it cannot pass by failing every row.
    let csv = "\u{feff}Patient name,Date\r\nAna López,2026-12-01\r\n\"Bo \"\"B\"\"\",\r\n";
    assert_eq!(
        check_copies(csv, "{stem}-{row}", LOOK).map_err(|e| e.to_string()),
        Ok(2)
    );
    // `{stem}` is the master's own name: every row refused, located, the master kept.
    assert_eq!(
        check_copies(csv, "{stem}", LOOK).map_err(|e| e.to_string()),
        Ok(0)
    );
}

#[test]
fn a_file_name_too_long_for_the_disk_is_a_located_row_error() {
    // Found by the property: a 300-letter name was refused only when the disk refused it,
    // blaming the output folder.
    let csv = format!("Patient name,Notes\nAna,{}\n", "a".repeat(300));
    assert_eq!(
        check_copies(&csv, "{Notes}", LOOK).map_err(|e| e.to_string()),
        Ok(0)
    );
}

//! Layout under text and brands no shipped handout has: soft hyphens, long runs of headings,
//! texts the fonts cannot draw, footers too tall for the page, handouts past the limits. Each
//! test builds its input here, so what it expects follows from that input and the style.

mod common;

use common::*;
use handout::layout::{Item, Page, Style, TextRun};
use handout::run::{handout as build, Setup};

fn setup() -> Setup {
    Setup::load(
        &root().join("handouts/brand.yaml"),
        None,
        Default::default(),
    )
    .expect("brand loads")
}

/// Writes `yaml` as a handout in a fresh folder and returns the folder and the file.
fn handout_file(yaml: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("test.yaml");
    std::fs::write(&path, yaml).unwrap();
    (dir, path)
}

fn runs(pages: &[Page]) -> impl Iterator<Item = &TextRun> {
    pages.iter().flat_map(|p| &p.items).filter_map(|i| match i {
        Item::Text(t) => Some(t),
        _ => None,
    })
}

const SOFT_HYPHEN: char = '\u{AD}';
/// A long word with a soft hyphen between its syllables, as an author would mark it.
const SYLLABLES: [&str; 7] = ["gas", "tro", "en", "ter", "ol", "o", "gist"];

/// A paragraph of the soft-hyphenated word, long enough to need many line breaks.
fn soft_hyphen_handout() -> (String, String) {
    let word = SYLLABLES.join("\u{AD}");
    let text = vec![word.as_str(); 40].join(" ");
    let yaml = format!(
        "title: Soft hyphens\nblocks:\n  - text: \"{}\"\n",
        text.replace(SOFT_HYPHEN, "\\u00AD")
    );
    (yaml, text)
}

/// The paragraph's lines (body-size runs, by page and baseline), each line's runs joined.
fn paragraph_lines(pages: &[Page]) -> Vec<String> {
    let body = Style::default().body;
    let mut lines = Vec::new();
    for page in pages {
        let mut on_page: Vec<&TextRun> = runs(std::slice::from_ref(page))
            .filter(|t| t.size == body && t.tag.is_some())
            .collect();
        on_page.sort_by(|a, b| a.baseline.total_cmp(&b.baseline).then(a.x.total_cmp(&b.x)));
        let mut last_baseline = f32::NAN;
        for t in on_page {
            if t.baseline != last_baseline {
                lines.push(String::new());
                last_baseline = t.baseline;
            }
            if let Some(line) = lines.last_mut() {
                line.push_str(&t.text);
            }
        }
    }
    lines
}

#[test]
fn soft_hyphens_are_invisible_and_a_broken_line_ends_with_a_hyphen() {
    let run = setup();
    let metrics = run.metrics().unwrap();
    let (yaml, text) = soft_hyphen_handout();
    let (_dir, path) = handout_file(&yaml);
    let laid = build::lay_out(&run, &metrics, &path).expect("lays out");
    for t in runs(&laid.pages) {
        assert!(
            !t.text.contains(SOFT_HYPHEN),
            "soft hyphen drawn: {:?}",
            t.text
        );
        // Measured as drawn: the run's width is its visible text's, and it stays on the page.
        let drawn = metrics.face(t.face).shape(&t.text, t.size, t.rtl).width;
        assert!(
            (t.width - drawn).abs() < 0.01,
            "{:?}: {} vs {drawn}",
            t.text,
            t.width
        );
    }
    let lines = paragraph_lines(&laid.pages);
    assert!(lines.len() > 3, "{lines:?}");
    // A hyphen only ever ends a line, and some lines were broken inside the word.
    for line in &lines {
        let inner = line.strip_suffix('-').unwrap_or(line);
        assert!(!inner.contains('-'), "hyphen inside a line: {line:?}");
    }
    let broken = lines.iter().filter(|l| l.ends_with('-')).count();
    assert!(broken > 0, "no line broke at a soft hyphen: {lines:?}");
    // Nothing lost or added: the lines add back up to the text without its soft hyphens.
    let mut joined = String::new();
    for line in &lines {
        match line.strip_suffix('-') {
            Some(head) => joined.push_str(head),
            None => {
                joined.push_str(line);
                joined.push(' ');
            }
        }
    }
    let visible: String = text.chars().filter(|&c| c != SOFT_HYPHEN).collect();
    assert_eq!(joined.trim_end(), visible);
}

#[test]
fn soft_hyphens_never_reach_the_pdf_text() {
    let (yaml, _) = soft_hyphen_handout();
    let (dir, path) = handout_file(&yaml);
    let out = dir.path().join("out");
    let result = handout(
        &root(),
        &[
            "build",
            path.to_str().unwrap(),
            "--brand",
            "handouts/brand.yaml",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert!(result.status.success(), "{}", stderr(&result));
    let doc = lopdf::Document::load(out.join("test.pdf")).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = doc.extract_text(&pages).unwrap();
    assert!(!text.contains(SOFT_HYPHEN), "{text}");
    let word: String = SYLLABLES.concat();
    assert!(text.contains(&word), "{text}");
    // Each text run is a line of its own in the extracted text: a hyphen may only end one.
    for line in text.lines() {
        let inner = line.trim_end().strip_suffix('-').unwrap_or(line.trim_end());
        // The footer's phone number is the one hyphen the brand writes itself.
        if !line.contains("010-0199") {
            assert!(!inner.contains('-'), "hyphen inside a line: {line:?}");
        }
    }
    assert!(text.lines().any(|l| l.trim_end().ends_with('-')), "{text}");
}

/// The page geometry a handout gets with `run`'s brand and style, in English.
fn geometry(run: &Setup, metrics: &handout::layout::Metrics) -> handout::layout::Geometry {
    let images = handout::layout::ImageSizes::default();
    let values = handout::model::Values::new();
    let lang = handout::model::Lang::english();
    let cx = handout::layout::Context {
        metrics,
        brand: &run.brand,
        page_size: run.page_size,
        style: run.style,
        images: &images,
        values: &values,
        qr: None,
        lang: &lang,
        ids: Default::default(),
        shortfalls: Default::default(),
    };
    handout::layout::page::PageFrame::new(&cx, Default::default())
        .expect("the brand leaves room")
        .geometry
}

#[test]
fn a_run_of_headings_fills_pages_as_their_height_needs() {
    const HEADINGS: usize = 60;
    let run = setup();
    let metrics = run.metrics().unwrap();
    let mut yaml = String::from("title: Headings\nblocks:\n");
    for i in 0..HEADINGS {
        yaml.push_str(&format!("  - heading: Heading {i}\n"));
    }
    let (_dir, path) = handout_file(&yaml);
    let laid = build::lay_out(&run, &metrics, &path).expect("lays out");
    // Each heading is one line, one block gap from the one before; the title (one line and
    // its rule) comes first on page one.
    let s = &run.style;
    let body = geometry(&run, &metrics).body.h;
    let (heading, gap) = (
        s.heading * handout::layout::style::HEADING_LEADING,
        s.block_gap,
    );
    let title = s.title * handout::layout::style::HEADING_LEADING
        + s.title_area.rule_gap
        + s.title_area.rule / 2.0;
    let per_page = ((body + gap) / (heading + gap)).floor() as usize;
    let on_first = ((body - title) / (heading + gap)).floor() as usize;
    let expected = 1 + (HEADINGS - on_first.min(HEADINGS)).div_ceil(per_page);
    let pages = laid.pages.len();
    // The last headings still keep together, which may push them onto one more page.
    assert!(
        (expected..=expected + 1).contains(&pages),
        "{pages} pages for {HEADINGS} headings, {per_page} to a page: expected {expected}"
    );
    let count = runs(&laid.pages)
        .filter(|t| t.text.starts_with("Heading "))
        .count();
    assert_eq!(count, HEADINGS);
}

/// The shipped brand file with `replace` applied, written into `dir` with its paths made
/// absolute.
fn brand_file(dir: &std::path::Path, replace: &[(&str, &str)]) -> std::path::PathBuf {
    let mut text = std::fs::read_to_string(root().join("handouts/brand.yaml")).unwrap();
    let handouts = root().join("handouts");
    text = text
        .replace(
            "logo: logo.png",
            &format!("logo: {}/logo.png", handouts.display()),
        )
        .replace("../fonts/", &format!("{}/../fonts/", handouts.display()));
    for (from, to) in replace {
        assert!(text.contains(from), "{from:?} not in the brand file");
        text = text.replace(from, to);
    }
    let path = dir.join("brand.yaml");
    std::fs::write(&path, text).unwrap();
    path
}

/// Builds `handouts` (file name, YAML) with the brand file `brand` in `dir`: exit code and
/// stderr.
fn build_with(
    dir: &std::path::Path,
    brand: &std::path::Path,
    handouts: &[(&str, &str)],
) -> (Option<i32>, String) {
    for (name, yaml) in handouts {
        std::fs::write(dir.join(name), yaml).unwrap();
    }
    let out = dir.join("out");
    let mut args = vec![
        "build".to_string(),
        "--brand".into(),
        brand.display().to_string(),
        "-o".into(),
        out.display().to_string(),
    ];
    args.extend(
        handouts
            .iter()
            .map(|(n, _)| dir.join(n).display().to_string()),
    );
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = handout(dir, &args);
    (result.status.code(), stderr(&result))
}

const ENGLISH: (&str, &str) = ("en.yaml", "title: English\nblocks:\n  - text: Hello.\n");
const SPANISH: (&str, &str) = (
    "es.yaml",
    "title: Español\nlang: es\nblocks:\n  - text: Hola.\n",
);

#[test]
fn a_character_the_fonts_lack_in_the_brand_is_one_setup_error_at_its_key() {
    let dir = tempfile::tempdir().unwrap();
    let brand = brand_file(
        dir.path(),
        &[("clinic: The Green Leaf Clinic", "clinic: Green Leaf 🌿")],
    );
    let other = ("other.yaml", "title: Other\nblocks:\n  - text: Hi.\n");
    let (code, err) = build_with(dir.path(), &brand, &[ENGLISH, other]);
    assert_eq!(code, Some(2), "{err}");
    assert_eq!(
        err.matches("U+1F33F").count(),
        1,
        "told once per run: {err}"
    );
    assert!(
        err.contains("brand.yaml:3:20") && err.contains("in `clinic`"),
        "{err}"
    );
    assert!(!dir.path().join("out/en.pdf").exists());
}

#[test]
fn a_translation_the_fonts_lack_fails_the_handouts_in_its_language_at_its_key() {
    let dir = tempfile::tempdir().unwrap();
    let brand = brand_file(dir.path(), &[("solo informativa;", "solo informativa ☺;")]);
    let (code, err) = build_with(dir.path(), &brand, &[ENGLISH, SPANISH]);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("U+263A") && err.contains("in `languages.es.disclaimer`"),
        "{err}"
    );
    let out = dir.path().join("out");
    assert!(
        out.join("en.pdf").exists(),
        "the English handout is not affected"
    );
    assert!(!out.join("es.pdf").exists());
}

#[test]
fn a_footer_too_tall_for_the_page_is_one_error_at_the_disclaimer_never_a_negative_room() {
    let dir = tempfile::tempdir().unwrap();
    let long = "Consult your provider before changing your diet. ".repeat(80);
    let brand = brand_file(
        dir.path(),
        &[(
            "disclaimer: Leaky gut",
            &format!("disclaimer: {long}Leaky gut"),
        )],
    );
    let (code, err) = build_with(dir.path(), &brand, &[ENGLISH, SPANISH]);
    assert_eq!(code, Some(2), "{err}");
    assert_eq!(err.matches("error:").count(), 1, "{err}");
    assert!(
        err.contains("in `disclaimer`") && err.contains("help: shorten `disclaimer`"),
        "{err}"
    );
    assert!(
        !err.contains("room for -") && !err.contains("`title`"),
        "{err}"
    );
    // A translation's disclaimer is blamed where it is the one printed.
    let brand = brand_file(
        dir.path(),
        &[(
            "disclaimer: El intestino",
            &format!("disclaimer: {long}El intestino"),
        )],
    );
    let (code, err) = build_with(dir.path(), &brand, &[ENGLISH, SPANISH]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("in `languages.es.disclaimer`"), "{err}");
    assert!(dir.path().join("out/en.pdf").exists());
}

/// Lays out `yaml` with the shipped brand: the pages, or the problems' fields and messages.
fn lay_out_yaml(yaml: &str) -> Result<usize, Vec<(String, String)>> {
    let run = setup();
    let metrics = run.metrics().unwrap();
    let (_dir, path) = handout_file(yaml);
    match build::lay_out(&run, &metrics, &path) {
        Ok(laid) => Ok(laid.pages.len()),
        Err(problems) => Err(problems
            .into_iter()
            .map(|d| {
                (
                    d.field.map(|f| f.to_string()).unwrap_or_default(),
                    d.message,
                )
            })
            .collect()),
    }
}

fn bullets(n: usize) -> String {
    let mut yaml = String::from("  - bullets:\n");
    for i in 0..n {
        yaml.push_str(&format!("      - Item {i}\n"));
    }
    yaml
}

#[test]
fn a_list_past_the_item_limit_is_refused_at_its_first_item_past_it() {
    use handout::layout::limits::{MAX_ITEMS, MAX_PAGES};
    let at_limit = format!("title: Long\nblocks:\n{}", bullets(MAX_ITEMS));
    let pages = lay_out_yaml(&at_limit).expect("a list at the limit lays out");
    assert!(pages < MAX_PAGES, "{pages} pages");
    let past = format!(
        "title: Long\nblocks:\n  - text: Intro.\n{}",
        bullets(MAX_ITEMS + 1)
    );
    let problems = lay_out_yaml(&past).unwrap_err();
    let field = format!("blocks[1].bullets[{MAX_ITEMS}]");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].0, field);
    assert!(
        problems[0].1.contains(&format!("at most {MAX_ITEMS}")),
        "{problems:?}"
    );
}

#[test]
fn blocks_past_the_block_limit_are_refused_at_the_first_one_past_it() {
    use handout::layout::limits::MAX_BLOCKS;
    let mut yaml = String::from("title: Many blocks\nblocks:\n");
    for i in 0..=MAX_BLOCKS {
        yaml.push_str(&format!("  - heading: Heading {i}\n"));
    }
    let problems = lay_out_yaml(&yaml).unwrap_err();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].0, format!("blocks[{MAX_BLOCKS}]"));
    assert!(
        problems[0].1.contains(&format!("at most {MAX_BLOCKS}")),
        "{problems:?}"
    );
}

#[test]
fn content_past_the_page_limit_is_refused_at_the_block_that_goes_past() {
    use handout::layout::limits::{MAX_ITEMS, MAX_PAGES};
    // Two lists, each within the item limit, together longer than the page limit allows.
    let pages = lay_out_yaml(&format!("title: One\nblocks:\n{}", bullets(MAX_ITEMS))).unwrap();
    assert!(
        2 * pages > MAX_PAGES,
        "two lists of {pages} pages stay within the limit"
    );
    let yaml = format!(
        "title: Two\nblocks:\n{}{}",
        bullets(MAX_ITEMS),
        bullets(MAX_ITEMS)
    );
    let problems = lay_out_yaml(&yaml).unwrap_err();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].0, "blocks[1]");
    assert!(
        problems[0].1.contains(&format!("at most {MAX_PAGES}")),
        "{problems:?}"
    );
}

//! Text in every script the handouts are written in: Vietnamese stacked marks, Chinese line
//! breaks, Arabic joining and right-to-left order, Arabic mixed with digits and English.
//! Through layout (the runs and glyphs it makes) and through the PDF (the text a reader gets
//! back). Each test builds its input here; what it expects follows from Unicode's rules and
//! the fonts, not from a recorded result.

mod common;

use common::lines::page_lines;
use common::*;
use handout::assets::fonts::{fallback_bytes, Face};
use handout::i18n::Direction;
use handout::layout::text::{break_plain, Line};
use handout::layout::{Item, Metrics, Page, TextRun};
use handout::run::{handout as build, Setup};
use unicode_normalization::UnicodeNormalization;

fn setup() -> Setup {
    Setup::load(
        &root().join("handouts/brand.yaml"),
        None,
        Default::default(),
    )
    .expect("brand loads")
}

/// Lines of `text` in the regular face at 12 pt, in paragraphs running `direction`.
fn lines(m: &Metrics, text: &str, width: f32, direction: Direction) -> Vec<Line> {
    m.set_direction(direction);
    break_plain(text, Face::Regular, width, 12.0, m)
}

/// Each run's width is what its glyphs advance, and what shaping its text again gives; the
/// runs abut, left to right, and make up the line.
fn assert_measured_as_drawn(m: &Metrics, line: &Line) {
    let mut x = 0.0;
    for run in &line.runs {
        let advances: f32 = run.shaped.glyphs.iter().map(|g| g.advance).sum();
        assert!(
            (advances * run.size / 1000.0 - run.shaped.width).abs() < 1e-3,
            "{run:?}"
        );
        let again = m.face(run.face).shape(&run.text, run.size, run.shaped.rtl);
        assert_eq!(again, run.shaped, "{:?}", run.text);
        assert!((run.x - x).abs() < 1e-3, "{:?} not abutting", run.text);
        x += run.shaped.width;
    }
    assert!((line.width - x).abs() < 1e-3);
}

#[test]
fn vietnamese_marks_are_stacked_by_the_font() {
    let run = setup();
    let m = run.metrics().unwrap();
    // "x" with a dot below and a circumflex has no precomposed letter: it stays three
    // characters in NFC, and the font must place both marks on the x.
    let decomposed = "x\u{323}\u{302}";
    assert_eq!(decomposed.nfc().count(), 3);
    let text = format!("Nguyễn Thị Hương Bệnh {decomposed}");
    let line = &lines(&m, &text, 500.0, Direction::LeftToRight)[0];
    assert_eq!(line.text(), text);
    assert_measured_as_drawn(&m, line);
    let last = line.runs.last().unwrap();
    assert_eq!(last.face, Face::FallbackRegular, "{:?}", line.runs);
    let glyphs = &last.shaped.glyphs;
    let cluster: Vec<_> = glyphs.iter().filter(|g| g.cluster == 0).collect();
    assert_eq!(cluster.len(), 3, "{glyphs:?}");
    // The marks take no room of their own: drawn over the x, one above the other.
    assert!(cluster[1..].iter().all(|g| g.advance == 0.0), "{glyphs:?}");
    let (below, above) = (cluster[1], cluster[2]);
    assert!(below.y_offset != above.y_offset || below.x_offset != above.x_offset);
    for name in ["Nguyễn", "Thị", "Hương", "Bệnh"] {
        assert!(line.text().contains(name));
    }
}

/// Closing punctuation no Chinese line may start with.
const CLOSING: &str = "，。、；：！？）」』》】";

const CHINESE: &str = "肠漏不是正式的医学诊断。肠道的内壁就像一堵墙，它让营养进入血液，\
                       但把有害的东西挡在外面。如果您经常腹胀、疲劳或者皮肤有问题（比如湿疹），\
                       请告诉您的医生。";

#[test]
fn chinese_breaks_between_characters_never_before_closing_punctuation() {
    let run = setup();
    let m = run.metrics().unwrap();
    let mut broke_inside = false;
    // From three characters wide (a word of three that cannot break, "疹），", must split
    // somewhere below that) to a column.
    for width in (37..=400).step_by(7) {
        let width = width as f32;
        let lines = lines(&m, CHINESE, width, Direction::LeftToRight);
        let texts: Vec<String> = lines.iter().map(Line::text).collect();
        assert_eq!(texts.concat(), CHINESE, "at {width}");
        broke_inside |= texts.len() > 1;
        for (line, text) in lines.iter().zip(&texts) {
            let first = text.chars().next().unwrap();
            assert!(!CLOSING.contains(first), "{text:?} at {width}");
            assert!(line.width <= width + 0.01, "{text:?} at {width}");
            assert!(
                line.runs.iter().all(|r| r.face == Face::ChineseRegular),
                "{:?}",
                line.runs
            );
            assert_measured_as_drawn(&m, line);
        }
    }
    assert!(broke_inside, "a text without spaces never broke");
}

#[test]
fn chinese_is_set_at_the_texts_size_and_large_print_never_smaller() {
    let run = setup();
    let m = run.metrics().unwrap();
    for size in [12.0, 18.0, 24.0] {
        let line = &break_plain("王伟，您好。", Face::Regular, 500.0, size, &m)[0];
        assert!(line.runs.iter().all(|r| r.size == size), "{:?}", line.runs);
    }
}

/// The glyph the font's cmap gives `c` on its own: its isolated form.
fn cmap_glyph(face: Face, c: char) -> u16 {
    let font = ttf_parser::Face::parse(fallback_bytes(face), 0).unwrap();
    font.glyph_index(c).unwrap().0
}

#[test]
fn arabic_letters_join_and_run_right_to_left() {
    let run = setup();
    let m = run.metrics().unwrap();
    let word = "سلام";
    let line = &lines(&m, word, 500.0, Direction::RightToLeft)[0];
    assert_eq!(line.runs.len(), 1, "{:?}", line.runs);
    let arabic = &line.runs[0];
    assert_eq!(
        (arabic.face, arabic.shaped.rtl),
        (Face::ArabicRegular, true)
    );
    assert_measured_as_drawn(&m, line);
    let glyphs = &arabic.shaped.glyphs;
    // Visual order: the first letter typed is the rightmost glyph, the last the leftmost.
    let clusters: Vec<u32> = glyphs.iter().map(|g| g.cluster).collect();
    let mut descending = clusters.clone();
    descending.sort_unstable_by(|a, b| b.cmp(a));
    assert_eq!(clusters, descending);
    assert_eq!(*clusters.last().unwrap(), 0);
    // Joined forms: seen (initial) and lam (medial) are not their isolated glyphs.
    let isolated: Vec<u16> = word
        .chars()
        .map(|c| cmap_glyph(Face::ArabicRegular, c))
        .collect();
    let seen = glyphs.iter().find(|g| g.cluster == 0).unwrap();
    let lam = glyphs.iter().find(|g| g.cluster == 2).unwrap();
    assert_ne!(seen.id, isolated[0], "seen not in its initial form");
    assert_ne!(lam.id, isolated[1], "lam not in its medial form");
}

#[test]
fn digits_and_an_english_word_stay_left_to_right_inside_an_arabic_line() {
    let run = setup();
    let m = run.metrics().unwrap();
    let text = "خذ 2 حبة من Tylenol كل يوم";
    let line = &lines(&m, text, 500.0, Direction::RightToLeft)[0];
    assert_measured_as_drawn(&m, line);
    let visual: Vec<(&str, bool)> = line
        .runs
        .iter()
        .map(|r| (r.text.trim(), r.shaped.rtl))
        .filter(|(t, _)| !t.is_empty())
        .collect();
    assert_eq!(
        visual,
        [
            ("كل يوم", true),
            ("Tylenol", false),
            ("حبة من", true),
            ("2", false),
            ("خذ", true),
        ]
    );
    let tylenol = line.runs.iter().find(|r| r.text == "Tylenol").unwrap();
    assert_eq!(tylenol.face, Face::Regular, "English in the brand's face");
    // In a left-to-right paragraph the Arabic before "Tylenol" stays on its left and the
    // Arabic after it on its right.
    let ltr = &lines(&m, text, 500.0, Direction::LeftToRight)[0];
    let last = ltr.runs.last().unwrap();
    assert!(last.text.contains("كل يوم"), "{:?}", ltr.runs);
    let at = |t: &str| ltr.runs.iter().position(|r| r.text.contains(t)).unwrap();
    assert!(at("خذ") < at("Tylenol"), "{:?}", ltr.runs);
}

#[test]
fn a_character_no_font_has_is_still_a_located_error() {
    let run = setup();
    let m = run.metrics().unwrap();
    for c in ['\u{1F600}', '\u{0F40}'] {
        assert!(!m.regular.covers(c) && !m.bold.covers(c), "{c}");
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tibetan.yaml");
    std::fs::write(&path, "title: Test\nblocks:\n  - text: Tashi \u{0F40}\n").unwrap();
    let problems = match build::lay_out(&run, &m, &path) {
        Ok(_) => panic!("a letter no font has was laid out"),
        Err(problems) => problems,
    };
    let message = format!("{problems:?}");
    assert!(message.contains("U+0F40"), "{message}");
}

/// The handout of `lang` with `paragraphs`, laid out and rendered: its pages and PDF.
fn rendered(lang: &str, paragraphs: &[&str]) -> (Vec<Page>, Vec<u8>) {
    let run = setup();
    let m = run.metrics().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("scripts.yaml");
    let mut yaml = format!("title: Test\nlang: {lang}\nblocks:\n");
    for p in paragraphs {
        yaml.push_str(&format!("  - text: \"{p}\"\n"));
    }
    std::fs::write(&path, yaml).unwrap();
    let laid = build::lay_out(&run, &m, &path).expect("lays out");
    let pdf = build::render(&run, &laid).expect("renders");
    (laid.pages.clone(), pdf)
}

const VIETNAMESE: &str = "Nguyễn Thị Hương bị Bệnh x\u{323}\u{302}";
const ARABIC: &str = "خذ 2 حبة من Tylenol كل يوم";

#[test]
fn every_script_reads_back_from_the_pdf_in_logical_order() {
    for (lang, text, font) in [
        ("vi", VIETNAMESE, "NotoSans-Regular"),
        ("zh-Hans", CHINESE, "NotoSansSC"),
        ("ar", ARABIC, "NotoSansArabic"),
    ] {
        let (pages, pdf) = rendered(lang, &[text]);
        let runs: Vec<&TextRun> = pages[0]
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text(t) => Some(t),
                _ => None,
            })
            .collect();
        assert!(runs.iter().any(|r| !r.glyphs.is_empty()));
        let doc = lopdf::Document::load_mem(&pdf).unwrap();
        let fonts: Vec<String> = doc
            .objects
            .values()
            .filter_map(|o| o.as_dict().ok())
            .filter_map(|d| d.get(b"BaseFont").ok()?.as_name().ok())
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .collect();
        assert!(fonts.iter().any(|f| f.contains(font)), "{lang}: {fonts:?}");
        // Read glyph by glyph through the ToUnicode maps, in drawing order: an Arabic word's
        // letters come right to left (readers such as pdftotext reorder them, see below).
        // Arabic dots drawn as marks stand for nothing: lopdf reads them as U+FFFD.
        let read = page_lines(&doc, 1).concat().replace('\u{FFFD}', "");
        let words: Vec<&str> = text.split(' ').collect();
        for word in words {
            let word: String = match word.chars().any(|c| ('\u{600}'..='\u{6FF}').contains(&c)) {
                true => word.chars().rev().collect(),
                false => word.nfc().collect(),
            };
            assert!(read.contains(&word), "{lang}: {word:?} not in {read:?}");
        }
    }
}

#[test]
#[ignore = "needs poppler-utils (pdftotext)"]
fn pdftotext_gives_back_every_script_in_logical_order() {
    let greeting = format!("{ARABIC} والسلام عليكم");
    for (lang, text) in [
        ("vi", VIETNAMESE),
        ("zh-Hans", CHINESE),
        ("ar", ARABIC),
        ("ar", greeting.as_str()),
    ] {
        let (_, pdf) = rendered(lang, &[text]);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("scripts.pdf");
        std::fs::write(&path, pdf).unwrap();
        let out = std::process::Command::new("pdftotext")
            .args([path.to_str().unwrap(), "-"])
            .output()
            .expect("pdftotext runs");
        // Lines end where pdftotext puts a line break, which Chinese has between any two
        // characters: compared without white space.
        let read: String = String::from_utf8_lossy(&out.stdout).nfc().collect();
        // pdftotext marks embedded left-to-right text with bidi controls (U+202A…U+202E),
        // sometimes with no space beside them: they separate words too.
        let bidi_control = |c: char| c.is_whitespace() || ('\u{202a}'..='\u{202e}').contains(&c);
        let tokens: Vec<&str> = read
            .split(bidi_control)
            .map(|t| t.trim_matches(|c: char| !c.is_alphanumeric()))
            .collect();
        let read: String = read.split_whitespace().collect();
        let expected: String = text.nfc().collect();
        let expected_words: Vec<&str> = expected.split(' ').collect();
        for word in expected_words {
            assert!(read.contains(word), "{lang}: {word:?} not in {read:?}");
            // Arabic words come back whole, not cut at a dotted letter ("الوظ يفي").
            let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
            let arabic = |c: char| ('\u{600}'..='\u{6ff}').contains(&c);
            if lang == "ar" && !bare.is_empty() && bare.chars().all(arabic) {
                assert!(
                    tokens.contains(&bare),
                    "{lang}: {bare:?} not whole in {tokens:?}"
                );
            }
        }
    }
}

#[test]
#[ignore = "needs poppler-utils (pdftotext)"]
fn a_print_job_holds_every_glyph_of_every_rows_name() {
    // Names in three scripts, filled into the English checklist: the batch's subsets are
    // made before any copy is written, from each row's value shaped as layout shapes it.
    let names = ["王伟", "فاطمة الزهراء", "Nguyễn Thị Hương"];
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from("Patient name,Date\n");
    for (i, name) in names.iter().enumerate() {
        csv.push_str(&format!("\"{name}\",2026-12-{:02}\n", i + 1));
    }
    let data = dir.path().join("today.csv");
    std::fs::write(&data, csv).unwrap();
    let job = dir.path().join("day.pdf");
    let out = handout(
        &root(),
        &[
            "build",
            "handouts/symptom-checklist.yaml",
            "--data",
            data.to_str().unwrap(),
            "--one-file",
            job.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    for (page, name) in (1..).zip(names) {
        let text = std::process::Command::new("pdftotext")
            .args(["-f", &page.to_string(), "-l", &page.to_string()])
            .args([job.to_str().unwrap(), "-"])
            .output()
            .expect("pdftotext runs");
        let read: String = String::from_utf8_lossy(&text.stdout).nfc().collect();
        let read: String = read.split_whitespace().collect();
        let name: String = name.split_whitespace().collect();
        assert!(
            read.contains(&name),
            "page {page}: {name:?} not in {read:?}"
        );
    }
}

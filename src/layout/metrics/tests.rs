//! Coverage, fallback faces and sizes of the brand's faces.

use super::*;
use crate::assets::fonts::{fallback_fonts, fallback_may_draw, shipped_fonts};

/// Names the brand font cannot print alone.
const NAMES: [&str; 5] = [
    "Nguyễn Thị Hương",
    "Trần",
    "Νίκος Παπαδόπουλος",
    "Ольга Смирнова",
    "Đặng Quốc Bảo",
];

#[test]
fn the_fallback_has_greek_cyrillic_and_vietnamese() {
    for font in &fallback_fonts()[..2] {
        let face = ttf_parser::Face::parse(&font.bytes, 0).expect("the fallback parses");
        assert!(
            !face.is_variable(),
            "a static instance, not the variable font"
        );
        let letters = NAMES.concat()
            + "ĂÂÊÔƠƯăâêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ\
               ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩαβγδεζηθικλμνξοπρστυφχψωάέήίόύώ\
               АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюяЄІЇҐ";
        for c in letters.chars().filter(|c| !c.is_whitespace()) {
            assert!(face.glyph_index(c).is_some(), "{:?} lacks {c}", font.path);
            assert!(fallback_may_draw(c), "{c}");
        }
    }
}

#[test]
fn a_character_the_brand_lacks_is_drawn_by_the_fallback_only_in_its_scripts() {
    let fonts = shipped_fonts();
    let m = Metrics::new(&fonts).unwrap();
    for face in [&m.regular, &m.bold] {
        assert!(!face.fallback_draws('a') && face.has('a'));
        for c in ['ễ', 'ị', 'Ν', 'л'] {
            assert!(
                !face.has(c) && face.fallback_draws(c) && face.covers(c),
                "{c}"
            );
        }
        // Thai is in no font; Noto Sans has Devanagari, which it may not draw: neither
        // prints. Chinese is drawn by Noto Sans SC, Arabic by Noto Sans Arabic.
        for c in ['ส', 'न'] {
            assert!(!face.covers(c), "{c}");
        }
        for c in ['王', 'س'] {
            assert!(face.covers(c) && !face.fallback_draws(c), "{c}");
        }
        assert!(face.fallback().unwrap().has('न'));
        // Atkinson Hyperlegible has π, for mathematics, but no Greek: a Greek word is
        // set in one design, the fallback's.
        assert!(face.has('π') && !face.draws_itself('π') && face.fallback_draws('π'));
    }
}

#[test]
fn text_splits_into_pieces_by_face() {
    let fonts = shipped_fonts();
    let m = Metrics::new(&fonts).unwrap();
    let text = "Nguyễn Thị";
    let mut pieces = Vec::new();
    m.regular
        .pieces(text, |range, family| pieces.push((&text[range], family)));
    let latin = Some(Family::Latin);
    assert_eq!(
        pieces,
        [("Nguy", None), ("ễ", latin), ("n Th", None), ("ị", latin)]
    );
    let mut english = Vec::new();
    m.regular
        .pieces("Ana López", |range, family| english.push((range, family)));
    assert_eq!(english, [(0.."Ana López".len(), None)]);
}

#[test]
fn a_width_is_the_sum_of_its_pieces_each_in_its_face() {
    let fonts = shipped_fonts();
    let m = Metrics::new(&fonts).unwrap();
    for face in [&m.regular, &m.bold] {
        let noto = face.fallback().unwrap();
        let small = face.fallback_size(10.0);
        let expected = face.shape("Nguy", 10.0, false).width
            + noto.shape("ễ", small, false).width
            + face.shape("n", 10.0, false).width;
        assert!((face.width("Nguyễn", 10.0) - expected).abs() < 1e-4);
        // Not the fallback at the brand's size.
        let unscaled =
            expected - noto.shape("ễ", small, false).width + noto.shape("ễ", 10.0, false).width;
        assert!((face.width("Nguyễn", 10.0) - unscaled).abs() > 0.3);
        // The space between two words in the fallback is the brand's.
        let greek = noto.shape("Νίκος", small, false).width
            + face.shape(" ", 10.0, false).width
            + noto.shape("Παπαδόπουλος", small, false).width;
        let width = face.width("Νίκος Παπαδόπουλος", 10.0);
        assert!((width - greek).abs() < 1e-4, "{width} vs {greek}");
    }
}

#[test]
fn the_fallback_is_scaled_to_the_brands_x_height_above_the_floors() {
    let fonts = shipped_fonts();
    let m = Metrics::new(&fonts).unwrap();
    for face in [&m.regular, &m.bold] {
        let noto = face.fallback().unwrap();
        let x_height = |f: &FaceMetrics| {
            f32::from(f.font().x_height().unwrap()) / f32::from(f.font().units_per_em())
        };
        let brand = x_height(face) * 10.0;
        let matched = x_height(noto) * face.fallback_size(10.0);
        assert!((brand - matched).abs() < 0.01, "{brand} vs {matched}");
        // Noto Sans is the larger face: set at the same size it would stand out.
        assert!(face.fallback_size(10.0) < 10.0);
        // Body text keeps to its floor: a scaled letter is never below 12 pt.
        assert_eq!(face.fallback_size(12.0), 12.0);
        assert!(face.fallback_size(14.0) < 14.0 && face.fallback_size(14.0) >= 12.0);
    }
}

#[test]
fn large_print_fallback_letters_are_never_below_the_large_print_floor() {
    let fonts = shipped_fonts();
    let m = Metrics::new(&fonts).unwrap();
    for face in [&m.regular, &m.bold] {
        assert_eq!(face.fallback_size(LARGE_PRINT_FLOOR), LARGE_PRINT_FLOOR);
        assert!(face.fallback_size(24.0) >= LARGE_PRINT_FLOOR);
        assert!(
            face.fallback_size(24.0) < 24.0,
            "still x-height matched above it"
        );
    }
}

#[test]
fn a_width_without_glyphs_is_the_shaped_width() {
    let fonts = shipped_fonts();
    let m = Metrics::new(&fonts).unwrap();
    for text in ["AVATAR  Tea", "Ana López", "office", "x"] {
        let shaped = m.regular.shape(text, 13.0, false);
        assert_eq!(m.regular.shaped_width(text, 13.0), shaped.width, "{text}");
        assert!(shaped.width > 0.0);
    }
}

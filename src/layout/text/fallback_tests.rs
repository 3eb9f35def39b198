//! Lines with characters the brand font lacks: each piece in the face that draws it, measured
//! as drawn.

use super::*;
use crate::assets::fonts::shipped_fonts;

fn spans(text: &str) -> Vec<Span> {
    let text = crate::model::RichText::try_from(text).expect("balanced markup");
    text.spans().to_vec()
}

/// The runs of one line as (face, text).
fn faces(line: &Line) -> Vec<(Face, &str)> {
    line.runs
        .iter()
        .map(|r| (r.face, r.text.as_str()))
        .collect()
}

#[test]
fn characters_the_brand_lacks_get_the_fallback_face_of_their_weight() {
    let fonts = shipped_fonts();
    let m = Metrics::new(&fonts).unwrap();
    let lines = break_lines(
        &spans("Nguyễn **Thị** Hương"),
        Face::Regular,
        500.0,
        13.0,
        &m,
    );
    assert_eq!(lines.len(), 1);
    let line = &lines[0];
    assert_eq!(
        faces(line),
        [
            (Face::Regular, "Nguy"),
            (Face::FallbackRegular, "ễ"),
            (Face::Regular, "n "),
            (Face::Bold, "Th"),
            (Face::FallbackBold, "ị"),
            (Face::Bold, " "),
            (Face::Regular, "H"),
            (Face::FallbackRegular, "ươ"),
            (Face::Regular, "ng"),
        ]
    );
    assert_eq!(line.text(), "Nguyễn Thị Hương");
    for run in &line.runs {
        let brand = m.face(run.face.brand());
        let size = match run.face.is_fallback() {
            true => brand.fallback_size(13.0),
            false => 13.0,
        };
        assert_eq!(run.size, size, "{:?}", run.text);
    }
}

#[test]
fn a_line_with_fallback_runs_is_as_wide_as_they_are_drawn() {
    let fonts = shipped_fonts();
    let m = Metrics::new(&fonts).unwrap();
    for text in [
        "Đặng Quốc Bảo",
        "Νίκος Παπαδόπουλος",
        "Ольга Смирнова",
        "AVễAV",
    ] {
        let lines = break_plain(text, Face::Regular, 500.0, 13.0, &m);
        let line = &lines[0];
        // Runs abut, and each is drawn in its face at its size: the width it was given.
        let mut x = 0.0;
        for run in &line.runs {
            assert!((run.x - x).abs() < 1e-4, "{text}: {:?}", run.text);
            let drawn = m.face(run.face).shape(&run.text, run.size, run.shaped.rtl);
            assert_eq!(drawn, run.shaped, "{text}: {:?}", run.text);
            x += drawn.width;
        }
        assert!((line.width - x).abs() < 1e-4, "{text}");
        // The estimate line breaking uses is the same width.
        assert!(
            (m.regular.width(text, 13.0) - line.width).abs() < 1e-3,
            "{text}"
        );
        let items = line.place(10.0, 50.0, 13.0, crate::model::Color::rgb(0, 0, 0), &m);
        let widths: f32 = items
            .iter()
            .map(|item| match item {
                Item::Text(t) => t.width,
                _ => 0.0,
            })
            .sum();
        assert!((widths - line.width).abs() < 1e-4, "{text}");
    }
}

#[test]
fn kerning_applies_within_a_face_never_across_faces() {
    let fonts = shipped_fonts();
    let m = Metrics::new(&fonts).unwrap();
    // "AV" is kerned in the brand's face; "ễ" between them breaks the pair.
    let line = &break_plain("AVAễVA", Face::Regular, 500.0, 13.0, &m)[0];
    let kerned: Vec<(&str, usize)> = line
        .runs
        .iter()
        .map(|r| {
            let fm = m.face(r.face);
            let kerns = r.shaped.glyphs[..r.shaped.glyphs.len() - 1]
                .iter()
                .filter(|g| g.advance != fm.hmtx_advance(g.id))
                .count();
            (r.text.as_str(), kerns)
        })
        .collect();
    assert_eq!(kerned, [("AVA", 2), ("ễ", 0), ("VA", 1)]);
}

#[test]
fn a_fallback_line_box_is_the_brand_faces() {
    let fonts = shipped_fonts();
    let m = Metrics::new(&fonts).unwrap();
    let line = &break_plain("Trần", Face::Regular, 500.0, 13.0, &m)[0];
    let items = line.place(0.0, 50.0, 13.0, crate::model::Color::rgb(0, 0, 0), &m);
    let boxes: Vec<(f32, f32, f32)> = items
        .iter()
        .filter_map(|item| match item {
            Item::Text(t) => Some((t.baseline, t.ascent, t.descent)),
            _ => None,
        })
        .collect();
    assert_eq!(boxes.len(), 3, "{items:?}");
    assert!(boxes.windows(2).all(|w| w[0] == w[1]), "{boxes:?}");
    assert_eq!(boxes[0].1, m.regular.ascender * 13.0);
}

#[test]
fn a_long_greek_word_breaks_to_fit_like_any_other() {
    let fonts = shipped_fonts();
    let m = Metrics::new(&fonts).unwrap();
    let word = "Παπαδοπουλοπαπαδοπουλοπαπαδόπουλος";
    let width = 60.0;
    let lines = break_plain(&format!("Νίκος {word}"), Face::Regular, width, 13.0, &m);
    assert!(lines.len() >= 3, "{lines:?}");
    for l in &lines {
        assert!(
            l.width <= width + 0.001,
            "{} > {width}: {:?}",
            l.width,
            l.text()
        );
        assert!(l
            .runs
            .iter()
            .all(|r| r.face == Face::FallbackRegular || r.text == " "));
    }
    let all: String = lines.iter().map(Line::text).collect();
    assert_eq!(all.replace(' ', ""), format!("Νίκος{word}"));
}

//! Subsets by glyph: what each face holds and what its ToUnicode map says.

use super::*;
use crate::assets::fonts::shipped_fonts;
use crate::layout::text::break_plain;
use crate::layout::{Item, Metrics};
use crate::model::Color;

/// The glyphs of `regular` and `bold` as layout sets them.
fn used(m: &Metrics, regular: &str, bold: &str) -> UsedGlyphs {
    let mut used = UsedGlyphs::default();
    used.add_text(m, Face::Regular, regular);
    used.add_text(m, Face::Bold, bold);
    used
}

/// The glyph `c` is drawn with where it is set in the brand's regular face.
fn glyph_of(m: &Metrics, c: char) -> u16 {
    let line = &break_plain(&c.to_string(), Face::Regular, 500.0, 12.0, m)[0];
    line.runs[0].shaped.glyphs[0].id
}

#[test]
fn the_fallback_is_subset_only_when_something_needs_it() {
    let fonts = shipped_fonts();
    let m = Metrics::new(&fonts).unwrap();
    let english = FontSubsets::new(&fonts, &used(&m, "Ana López", "Page 1")).unwrap();
    assert!(english.fallbacks.is_empty());
    assert_eq!(english.all().count(), 2);

    let mixed = FontSubsets::new(&fonts, &used(&m, "Nguyễn Thị", "Page")).unwrap();
    assert_eq!(mixed.fallbacks.len(), 1);
    let fallback = mixed.get(Face::FallbackRegular);
    assert!(fallback.base_font.ends_with("+NotoSans-Regular"));
    assert_ne!(fallback.tag, mixed.regular.tag);
    for c in ['ễ', 'ị'] {
        let glyph = glyph_of(&m, c);
        assert_ne!(fallback.cid(glyph), 0, "{c}");
        assert_eq!(fallback.unicode(glyph), Some(c.to_string().as_str()));
    }
    // The brand's subset is the one it would be without the fallback's characters.
    let brand_only = FontSubsets::new(&fonts, &used(&m, "Nguyn Th", "Page")).unwrap();
    assert_eq!(brand_only.regular.program, mixed.regular.program);
}

#[test]
fn chinese_and_arabic_get_their_own_subsets_in_each_weight() {
    let fonts = shipped_fonts();
    let m = Metrics::new(&fonts).unwrap();
    let subsets = FontSubsets::new(&fonts, &used(&m, "每天喝水。", "سلام")).unwrap();
    let faces: Vec<Face> = subsets.fallbacks.keys().copied().collect();
    assert_eq!(faces, [Face::ArabicBold, Face::ChineseRegular]);
    assert!(subsets
        .get(Face::ChineseRegular)
        .base_font
        .contains("NotoSansSC"));
    // A subset of a 10 MB font holds only what is drawn.
    assert!(subsets.get(Face::ChineseRegular).program.len() < 20_000);
}

#[test]
fn a_run_gives_each_glyph_its_clusters_text() {
    let fonts = shipped_fonts();
    let m = Metrics::new(&fonts).unwrap();
    let line = &break_plain("Ana", Face::Regular, 500.0, 12.0, &m)[0];
    let items = line.place(0.0, 10.0, 12.0, Color::rgb(0, 0, 0), &m);
    let Some(Item::Text(run)) = items.first() else {
        panic!("a text run");
    };
    let texts: Vec<&str> = cluster_texts(&run.text, &run.glyphs)
        .into_iter()
        .map(|(_, t)| t)
        .collect();
    assert_eq!(texts, ["A", "n", "a"]);
}

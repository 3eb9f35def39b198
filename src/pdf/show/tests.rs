//! The operators put every glyph where layout measured it: a reader advancing by the `/W`
//! widths and the TJ numbers lands each glyph at its shaped position, in every script.

use printpdf::{Op, TextItem};

use super::{stands_for_nothing, text_ops};
use crate::assets::fonts::shipped_fonts;
use crate::i18n::Direction;
use crate::layout::text::break_plain;
use crate::layout::{Item, Metrics, TextRun};
use crate::model::Color;
use crate::pdf::font::{FontSubsets, UsedGlyphs};

/// Where a reader draws each glyph of `ops` (x, y in points), following Td, TJ numbers and
/// the font's widths; `widths` gives each drawn glyph's `/W` width in order.
fn drawn_positions(ops: &[Op], size: f32, widths: &[f32]) -> Vec<(f32, f32)> {
    let (mut line, mut x) = ((0.0f32, 0.0f32), 0.0f32);
    let mut out = Vec::new();
    for op in ops {
        match op {
            Op::SetTextCursor { pos } => {
                line = (line.0 + pos.x.0, line.1 + pos.y.0);
                x = line.0;
            }
            Op::ShowText { items } => {
                for item in items {
                    match item {
                        TextItem::Offset(n) => x -= n / 1000.0 * size,
                        TextItem::GlyphIds(codes) => {
                            for code in codes {
                                out.push((x, line.1));
                                x += widths[out.len() - 1] / 1000.0 * size;
                                x -= code.offset / 1000.0 * size;
                            }
                        }
                        TextItem::Text(_) => {}
                    }
                }
            }
            _ => {}
        }
    }
    out
}

#[test]
fn every_glyph_is_drawn_where_it_was_measured() {
    let fonts = shipped_fonts();
    let m = Metrics::new(&fonts).unwrap();
    for (text, direction) in [
        ("AVATAR Type", Direction::LeftToRight),
        ("Nguyễn Thị x\u{323}\u{302}", Direction::LeftToRight),
        ("每天喝水，好。", Direction::LeftToRight),
        ("خذ 2 حبة من Tylenol كل يوم", Direction::RightToLeft),
    ] {
        m.set_direction(direction);
        let line = &break_plain(text, crate::assets::fonts::Face::Regular, 900.0, 12.0, &m)[0];
        let items = line.place(36.0, 100.0, 12.0, Color::rgb(0, 0, 0), &m);
        let mut used = UsedGlyphs::default();
        let runs: Vec<&TextRun> = items
            .iter()
            .filter_map(|i| match i {
                Item::Text(t) => Some(t),
                _ => None,
            })
            .collect();
        runs.iter().for_each(|r| used.add_run(r));
        let subsets = FontSubsets::new(&fonts, &used).unwrap();
        for run in runs {
            let font = subsets.get(run.face);
            let mut ops = Vec::new();
            let black = printpdf::Color::Rgb(printpdf::Rgb::new(0.0, 0.0, 0.0, None));
            text_ops(run, font, black, 792.0, &mut ops);
            // Where each glyph belongs, in the order drawn: right to left, the marks that
            // stand for no text come after the letters.
            let scale = run.size / 1000.0;
            let mut pen = 0.0;
            let mut wanted = Vec::new();
            for g in &run.glyphs {
                let want = (
                    run.x + (pen + g.x_offset) * scale,
                    692.0 + g.y_offset * scale,
                );
                let later = run.rtl && g.advance == 0.0 && stands_for_nothing(g, font);
                wanted.push((later, font.width(g.id), want));
                pen += g.advance;
            }
            assert!((pen * scale - run.width).abs() < 0.01, "{text}");
            wanted.sort_by_key(|(later, _, _)| *later);
            let widths: Vec<f32> = wanted.iter().map(|(_, w, _)| *w).collect();
            let drawn = drawn_positions(&ops, run.size, &widths);
            assert_eq!(drawn.len(), run.glyphs.len(), "{text}");
            for ((_, _, want), (x, y)) in wanted.iter().zip(drawn) {
                assert!((x - want.0).abs() < 0.01, "{text}: {x} vs {}", want.0);
                assert!((y - want.1).abs() < 0.01, "{text}: {y} vs {}", want.1);
            }
        }
    }
}

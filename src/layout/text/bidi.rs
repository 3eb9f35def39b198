//! Mixed-direction lines in visual order, by the Unicode bidirectional algorithm (UAX #9).
//!
//! A line's pieces come in logical order (as typed). Each gets the embedding levels of its
//! characters, with the paragraph's base direction from the handout's language; pieces are
//! split where the level changes, and reordered for display (rule L2): an Arabic line runs
//! right to left, the digits and English words inside it left to right, in place. Levels are
//! resolved per line, which differs from resolving them on the whole paragraph only for
//! neutral characters at a line's ends.

use unicode_bidi::{Level, ParagraphBidiInfo};

use crate::assets::fonts::Face;
use crate::i18n::Direction;

/// A piece of a line in one face: its size, text, and whether it runs right to left.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Piece {
    pub face: Face,
    pub size: f32,
    pub text: String,
    pub rtl: bool,
}

/// Whether `c` may be written right to left (Hebrew, Arabic, Syriac, Thaana, N'Ko and
/// their presentation forms): a line without one in a left-to-right paragraph needs no
/// reordering.
fn may_be_rtl(c: char) -> bool {
    matches!(
        u32::from(c),
        0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x10800..=0x10FFF | 0x1E800..=0x1EFFF
    ) || matches!(c, '\u{200F}' | '\u{202B}' | '\u{202E}' | '\u{2067}')
}

/// The pieces of a line, given in logical order, in visual order left to right, each
/// marked with its direction. A line without a right-to-left letter stays as it is, whatever
/// the paragraph's direction: an English address in an Arabic handout's footer reads left to
/// right ("(555) 010-0199", not "010-0199 (555)"), as with HTML's `dir="auto"`.
pub(super) fn visual_order(pieces: Vec<Piece>, base: Direction) -> Vec<Piece> {
    let rtl_base = base == Direction::RightToLeft;
    if !pieces.iter().any(|p| p.text.chars().any(may_be_rtl)) {
        return pieces;
    }
    let text: String = pieces.iter().map(|p| p.text.as_str()).collect();
    let base_level = if rtl_base { Level::rtl() } else { Level::ltr() };
    let info = ParagraphBidiInfo::new(&text, Some(base_level));
    let levels = info.reordered_levels(0..text.len());
    let mut runs: Vec<(Level, Piece)> = Vec::new();
    let mut at = 0;
    for piece in pieces {
        let mut start = 0;
        let end_of = |start: usize| {
            let level = levels[at + start];
            piece.text[start..]
                .char_indices()
                .find(|&(i, _)| levels[at + start + i] != level)
                .map_or(piece.text.len(), |(i, _)| start + i)
        };
        while start < piece.text.len() {
            let end = end_of(start);
            let level = levels[at + start];
            runs.push((
                level,
                Piece {
                    text: piece.text[start..end].to_string(),
                    rtl: level.is_rtl(),
                    ..piece.clone()
                },
            ));
            start = end;
        }
        at += piece.text.len();
    }
    reorder(&mut runs);
    runs.into_iter().map(|(_, piece)| piece).collect()
}

/// Rule L2: from the highest level to the lowest odd one, reverses every sequence of runs
/// at that level or higher.
fn reorder<T>(runs: &mut [(Level, T)]) {
    let Some(highest) = runs.iter().map(|(l, _)| l.number()).max() else {
        return;
    };
    let lowest_odd = runs
        .iter()
        .map(|(l, _)| l.number())
        .filter(|n| n % 2 == 1)
        .min()
        .unwrap_or(highest + 1);
    let mut level = highest;
    while level >= lowest_odd && level > 0 {
        let mut i = 0;
        while i < runs.len() {
            if runs[i].0.number() >= level {
                let start = i;
                while i < runs.len() && runs[i].0.number() >= level {
                    i += 1;
                }
                runs[start..i].reverse();
            } else {
                i += 1;
            }
        }
        level -= 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn piece(text: &str) -> Piece {
        Piece {
            face: Face::ArabicRegular,
            size: 12.0,
            text: text.into(),
            rtl: false,
        }
    }

    #[test]
    fn digits_and_english_stay_left_to_right_inside_arabic() {
        let visual = visual_order(
            vec![piece("خذ 2 حبة من "), piece("Tylenol"), piece(" كل يوم")],
            Direction::RightToLeft,
        );
        let texts: Vec<(&str, bool)> = visual.iter().map(|p| (p.text.as_str(), p.rtl)).collect();
        assert_eq!(
            texts,
            [
                (" كل يوم", true),
                ("Tylenol", false),
                (" حبة من ", true),
                ("2", false),
                ("خذ ", true),
            ]
        );
    }

    #[test]
    fn english_in_a_left_to_right_paragraph_is_untouched() {
        let pieces = vec![piece("Eat "), piece("well")];
        assert_eq!(visual_order(pieces.clone(), Direction::LeftToRight), pieces);
    }
}

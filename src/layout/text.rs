//! Line breaking: spans of regular and bold text into lines that fit a width.
//!
//! Greedy first-fit, the way a careful typesetter sets ragged-right text: each word goes on the
//! current line if it fits, else starts the next. Words end at spaces and where Chinese may
//! break (see `words`). A word the author marked with soft hyphens may instead end the line
//! with its longest head that fits, and a hyphen (see `hyphen`). A word wider than a whole
//! line is broken at its soft hyphens, else between characters, rather than allowed to
//! overflow. Widths come from [`Metrics`], which measures exactly what the PDF writer draws.
//!
//! Layout sets text in the brand's faces; a finished line splits each run into the pieces
//! each face draws (`compose`, see [`super::metrics::FaceMetrics::pieces`]), puts them in
//! visual order (`bidi`) and shapes each, a run of its own.

mod bidi;
mod words;

use crate::assets::fonts::Face;
use crate::model::inline::Span;
use crate::model::Color;

use super::hyphen;
use super::line_breaker::LineBreaker;
use super::metrics::{Metrics, Shaped};
use super::{Item, TextRun};
use bidi::Piece;
pub(super) use words::spaced;

/// A run of text in one face, placed at an offset from the line's start.
#[derive(Debug, Clone, PartialEq)]
pub struct LineRun {
    pub x: f32,
    pub face: Face,
    /// The size it is set at: the line's, or for a fallback face the size matching it.
    pub size: f32,
    /// The run's text in logical order.
    pub text: String,
    pub shaped: Shaped,
}

/// One line of a paragraph: its runs in visual order, left to right, each abutting the one
/// before.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Line {
    pub runs: Vec<LineRun>,
    pub width: f32,
}

impl Line {
    /// The line's text runs as page items, starting at `x` on `baseline`. Every run's box is
    /// the line's, from the brand face's ascender to its descender at the line's `size`.
    pub fn place(&self, x: f32, baseline: f32, size: f32, color: Color, m: &Metrics) -> Vec<Item> {
        self.runs
            .iter()
            .map(|run| {
                let fm = m.face(run.face.brand());
                Item::Text(TextRun {
                    x: x + run.x,
                    baseline,
                    face: run.face,
                    size: run.size,
                    color,
                    text: run.text.clone(),
                    glyphs: run.shaped.glyphs.clone(),
                    rtl: run.shaped.rtl,
                    width: run.shaped.width,
                    ascent: fm.ascender * size,
                    descent: -fm.descender * size,
                    tag: None,
                })
            })
            .collect()
    }

    /// The plain text of the line, run by run in visual order.
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }
}

/// A word: one or more pieces, as bold may start or end inside it ("**gut**-friendly"); the
/// last ends with the space after the word, if there is one.
pub(super) type Word = Vec<(Face, String)>;

/// Composes words into runs (merging neighbours in the same face, spaces included), splits
/// each where another face takes over, orders them for display and shapes them. This is the
/// single place a line's drawn geometry is decided; soft hyphens are left out here, so they
/// are neither drawn nor measured, and so is the space after the line's last word.
pub(super) fn compose(words: &[Word], size: f32, m: &Metrics) -> Line {
    let mut merged: Vec<(Face, String)> = Vec::new();
    for (i, word) in words.iter().enumerate() {
        let last_word = i + 1 == words.len();
        for (j, (face, text)) in word.iter().enumerate() {
            let mut visible = hyphen::visible(text);
            if last_word && j + 1 == word.len() && visible.ends_with(' ') {
                visible.to_mut().pop();
            }
            match merged.last_mut() {
                Some((f, t)) if *f == *face => t.push_str(&visible),
                _ => merged.push((*face, visible.into_owned())),
            }
        }
    }
    let mut pieces = Vec::new();
    for (face, text) in merged {
        in_faces(face, text, size, m, &mut pieces);
    }
    let mut line = Line::default();
    for piece in bidi::visual_order(pieces, m.direction()) {
        let shaped = m.face(piece.face).shape(&piece.text, piece.size, piece.rtl);
        let x = line.width;
        line.width += shaped.width;
        line.runs.push(LineRun {
            x,
            face: piece.face,
            size: piece.size,
            text: piece.text,
            shaped,
        });
    }
    line
}

/// Appends `text`, set in the brand face `face`, to `pieces`: one per piece of it drawn in
/// one face (see [`super::metrics::FaceMetrics::pieces`]), each at its face's size.
fn in_faces(face: Face, text: String, size: f32, m: &Metrics, pieces: &mut Vec<Piece>) {
    if text.is_empty() {
        return;
    }
    let fm = m.face(face);
    let mut ranges = Vec::new();
    fm.pieces(&text, |range, family| ranges.push((range, family)));
    let piece = |family, text: String| Piece {
        face: face.in_family(family),
        size: fm.size_in(family, size),
        text,
        rtl: false,
    };
    match ranges.as_slice() {
        [(_, None)] => pieces.push(piece(None, text)),
        _ => pieces.extend(
            ranges
                .into_iter()
                .map(|(range, family)| piece(family, text[range].into())),
        ),
    }
}

/// Breaks a word too wide for any line into pieces that fit, at character boundaries.
pub(super) fn split_long_word(word: &Word, width: f32, size: f32, m: &Metrics) -> Vec<Word> {
    // Characters, each with the combining marks after it: a mark never starts a line.
    let mut chars: Vec<(Face, String)> = Vec::new();
    for (f, t) in word {
        for c in t.chars() {
            match chars.last_mut() {
                Some((_, last)) if unicode_normalization::char::is_combining_mark(c) => {
                    last.push(c)
                }
                _ => chars.push((*f, c.to_string())),
            }
        }
    }
    let mut out = Vec::new();
    let mut start = 0;
    while start < chars.len() {
        // Longest prefix that fits; at least one character, so progress is guaranteed.
        let mut end = start + 1;
        while end < chars.len() {
            let candidate = regroup(&chars[start..=end]);
            if compose(&[candidate], size, m).width > width {
                break;
            }
            end += 1;
        }
        // Never start the next piece with closing punctuation ("，", "。", "）").
        while end < chars.len() && end - 1 > start && no_break_before(&chars[end].1) {
            end -= 1;
        }
        out.push(regroup(&chars[start..end]));
        start = end;
    }
    out
}

/// Whether UAX #14 forbids a line to start with `c` (the first character of `text`):
/// closing punctuation, and what must stay after the character before it.
fn no_break_before(text: &str) -> bool {
    use unicode_linebreak::BreakClass::*;
    text.chars().next().is_some_and(|c| {
        matches!(
            unicode_linebreak::break_property(u32::from(c)),
            ClosePunctuation | CloseParenthesis | Exclamation | InfixSeparator | NonStarter
        )
    })
}

fn regroup(chars: &[(Face, String)]) -> Word {
    let mut word: Word = Vec::new();
    for (face, c) in chars {
        match word.last_mut() {
            Some((f, t)) if f == face => t.push_str(c),
            _ => word.push((*face, c.clone())),
        }
    }
    word
}

/// Breaks spans into lines no wider than `width` points, at `size` points.
pub fn break_lines(spans: &[Span], base: Face, width: f32, size: f32, m: &Metrics) -> Vec<Line> {
    let mut breaker = LineBreaker::new(base, width, size, m);
    for word in words::words(spans, base) {
        breaker.push(word);
    }
    breaker.finish()
}

/// Convenience: a single-face string into lines.
pub fn break_plain(text: &str, face: Face, width: f32, size: f32, m: &Metrics) -> Vec<Line> {
    let span = Span {
        text: text.to_string(),
        bold: false,
    };
    break_lines(std::slice::from_ref(&span), face, width, size, m)
}

#[cfg(test)]
mod fallback_tests;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assets::fonts::shipped_fonts;

    fn spans(text: &str) -> Vec<Span> {
        let text = crate::model::RichText::try_from(text).expect("balanced markup");
        text.spans().to_vec()
    }

    #[test]
    fn lines_fit_the_width_and_keep_every_word() {
        let fonts = shipped_fonts();
        let m = Metrics::new(&fonts).unwrap();
        let text = "The lining of your intestines acts as a barrier, allowing nutrients to pass \
                    into your bloodstream while keeping harmful substances out.";
        for width in [120.0, 200.0, 350.0, 500.0] {
            let lines = break_lines(&spans(text), Face::Regular, width, 13.0, &m);
            assert!(lines.len() > 1 || width >= 500.0);
            for l in &lines {
                assert!(
                    l.width <= width + 0.001,
                    "{} > {width}: {:?}",
                    l.width,
                    l.text()
                );
            }
            let joined: Vec<String> = lines.iter().map(Line::text).collect();
            assert_eq!(
                joined.join(" "),
                text.split_whitespace().collect::<Vec<_>>().join(" ")
            );
        }
    }

    #[test]
    fn greedy_breaking_fills_each_line() {
        let fonts = shipped_fonts();
        let m = Metrics::new(&fonts).unwrap();
        let text = "one two three four five six seven eight nine ten eleven twelve";
        let width = 150.0;
        let lines = break_lines(&spans(text), Face::Regular, width, 13.0, &m);
        // The first word of each next line would not have fitted on the line before.
        for pair in lines.windows(2) {
            let next_word = pair[1].text().split(' ').next().unwrap().to_string();
            let extended = format!("{} {next_word}", pair[0].text());
            assert!(
                m.regular.width(&extended, 13.0) > width,
                "{extended:?} would fit"
            );
        }
    }

    #[test]
    fn a_word_longer_than_the_line_is_broken_not_lost() {
        let fonts = shipped_fonts();
        let m = Metrics::new(&fonts).unwrap();
        let word = "Pneumonoultramicroscopicsilicovolcanoconiosis";
        let lines = break_lines(
            &spans(&format!("a {word} b")),
            Face::Regular,
            80.0,
            13.0,
            &m,
        );
        assert!(lines.len() >= 4, "{lines:?}");
        for l in &lines {
            assert!(l.width <= 80.0 + 0.001);
        }
        let all: String = lines.iter().map(Line::text).collect::<Vec<_>>().join("");
        assert_eq!(all.replace(' ', ""), format!("a{word}b"));
    }

    #[test]
    fn bold_spans_become_bold_runs_at_the_right_places() {
        let fonts = shipped_fonts();
        let m = Metrics::new(&fonts).unwrap();
        let lines = break_lines(
            &spans("Eat **whole foods** daily"),
            Face::Regular,
            500.0,
            13.0,
            &m,
        );
        assert_eq!(lines.len(), 1);
        let runs = &lines[0].runs;
        assert_eq!(runs.len(), 3);
        assert_eq!(
            (runs[1].face, runs[1].text.as_str()),
            (Face::Bold, "whole foods ")
        );
        // Runs abut: each starts where the previous one ended.
        for pair in runs.windows(2) {
            assert!((pair[0].x + pair[0].shaped.width - pair[1].x).abs() < 0.001);
        }
        // Bold is wider than regular for the same text, so the faces really differ.
        assert!(m.bold.width("whole foods", 13.0) > m.regular.width("whole foods", 13.0));
    }

    #[test]
    fn a_word_wider_than_a_line_breaks_at_its_soft_hyphens_first() {
        let fonts = shipped_fonts();
        let m = Metrics::new(&fonts).unwrap();
        let syllables = [
            "Pneu", "mono", "ultra", "micro", "scopic", "silico", "volcano",
        ];
        let word = syllables.join("\u{AD}");
        let width = 2.5 * m.regular.width("scopic-", 13.0);
        let lines = break_lines(
            &spans(&format!("a {word} b")),
            Face::Regular,
            width,
            13.0,
            &m,
        );
        let texts: Vec<String> = lines.iter().map(Line::text).collect();
        assert!(texts.len() >= 3, "{texts:?}");
        for (line, text) in lines.iter().zip(&texts) {
            assert!(
                line.width <= width + 0.001,
                "{text:?} is {} wide",
                line.width
            );
            assert!(!text.contains('\u{AD}'), "{text:?}");
        }
        // Every break is at a syllable boundary, marked by a hyphen; none between letters.
        let mut rest = format!("a {}", syllables.concat());
        for text in &texts[..texts.len() - 1] {
            let head = text.strip_suffix('-').unwrap_or(text);
            rest = rest
                .strip_prefix(head)
                .expect("lines in order")
                .trim_start()
                .to_string();
            assert!(
                text.ends_with('-') || rest.starts_with("Pneu"),
                "{text:?} ends without a hyphen"
            );
            let at = syllables.iter().any(|s| rest.starts_with(s));
            assert!(at, "broke inside a syllable before {rest:?}");
        }
    }

    #[test]
    fn a_syllable_wider_than_a_line_is_broken_between_characters_unhyphenated() {
        let fonts = shipped_fonts();
        let m = Metrics::new(&fonts).unwrap();
        let width = m.regular.width("microscop", 13.0);
        let lines = break_lines(
            &spans("ultra\u{AD}microscopically"),
            Face::Regular,
            width,
            13.0,
            &m,
        );
        let all: String = lines.iter().map(Line::text).collect();
        assert_eq!(all.replace('-', ""), "ultramicroscopically", "{lines:?}");
        assert!(lines.iter().all(|l| l.width <= width + 0.001));
    }

    #[test]
    fn kerning_comes_from_the_font() {
        let fonts = shipped_fonts();
        let m = Metrics::new(&fonts).unwrap();
        // "AV" is kerned in Atkinson Hyperlegible's GPOS table; "AV" is narrower than "A" + "V".
        let shaped = m.regular.shape("AV", 100.0, false);
        let a = shaped.glyphs[0];
        assert!(a.advance < m.regular.hmtx_advance(a.id), "{shaped:?}");
        assert!(shaped.width < m.regular.width("A", 100.0) + m.regular.width("V", 100.0));
    }
}

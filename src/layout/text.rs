//! Line breaking: spans of regular and bold text into lines that fit a width.
//!
//! Greedy first-fit, the way a careful typesetter sets ragged-right text: each word goes on the
//! current line if it fits, else starts the next. A word wider than a whole line is broken
//! between characters rather than allowed to overflow. Widths come from [`Metrics`], which
//! measures exactly what the PDF writer draws.

use crate::fonts::Face;
use crate::model::inline::Span;
use crate::model::Color;

use super::metrics::{Metrics, Shaped};
use super::{Item, TextRun};

/// A run of text in one face, placed at an offset from the line's start.
#[derive(Debug, Clone, PartialEq)]
pub struct LineRun {
    pub x: f32,
    pub face: Face,
    pub text: String,
    pub shaped: Shaped,
}

/// One line of a paragraph.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Line {
    pub runs: Vec<LineRun>,
    pub width: f32,
}

impl Line {
    /// The line's text runs as page items, starting at `x` on `baseline`.
    pub fn place(&self, x: f32, baseline: f32, size: f32, color: Color, m: &Metrics) -> Vec<Item> {
        self.runs
            .iter()
            .map(|run| {
                let fm = m.face(run.face);
                Item::Text(TextRun {
                    x: x + run.x,
                    baseline,
                    face: run.face,
                    size,
                    color,
                    text: run.text.clone(),
                    kerns: run.shaped.kerns.clone(),
                    width: run.shaped.width,
                    ascent: fm.ascender * size,
                    descent: -fm.descender * size,
                })
            })
            .collect()
    }

    /// The plain text of the line.
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }
}

/// A word: one or more pieces, as bold may start or end inside it ("**gut**-friendly").
type Word = Vec<(Face, String)>;

/// Splits spans into words at whitespace. `base` is the face of text outside `**`.
fn words(spans: &[Span], base: Face) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    let mut current: Word = Vec::new();
    for span in spans {
        let face = if span.bold { Face::Bold } else { base };
        let mut piece = String::new();
        for c in span.text.chars() {
            if c.is_whitespace() && c != '\u{a0}' {
                if !piece.is_empty() {
                    current.push((face, std::mem::take(&mut piece)));
                }
                if !current.is_empty() {
                    out.push(std::mem::take(&mut current));
                }
            } else {
                piece.push(c);
            }
        }
        if !piece.is_empty() {
            current.push((face, piece));
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Composes words into runs (merging neighbours in the same face, spaces included) and
/// measures them. This is the single place a line's drawn geometry is decided.
fn compose(words: &[Word], size: f32, m: &Metrics) -> Line {
    let mut merged: Vec<(Face, String)> = Vec::new();
    for (i, word) in words.iter().enumerate() {
        for (j, (face, text)) in word.iter().enumerate() {
            let sep = if i > 0 && j == 0 { " " } else { "" };
            match merged.last_mut() {
                Some((f, t)) if *f == *face => {
                    t.push_str(sep);
                    t.push_str(text);
                }
                Some((_, t)) if !sep.is_empty() => {
                    // The space between faces stays with the previous run.
                    t.push(' ');
                    merged.push((*face, text.clone()));
                }
                _ => merged.push((*face, text.clone())),
            }
        }
    }
    let mut x = 0.0;
    let runs = merged
        .into_iter()
        .map(|(face, text)| {
            let shaped = m.face(face).shape(&text, size);
            let run = LineRun {
                x,
                face,
                text,
                shaped,
            };
            x += run.shaped.width;
            run
        })
        .collect();
    Line { runs, width: x }
}

/// Breaks a word too wide for any line into pieces that fit, at character boundaries.
fn split_long_word(word: &Word, width: f32, size: f32, m: &Metrics) -> Vec<Word> {
    let chars: Vec<(Face, char)> = word
        .iter()
        .flat_map(|(f, t)| t.chars().map(move |c| (*f, c)))
        .collect();
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
        out.push(regroup(&chars[start..end]));
        start = end;
    }
    out
}

fn regroup(chars: &[(Face, char)]) -> Word {
    let mut word: Word = Vec::new();
    for &(face, c) in chars {
        match word.last_mut() {
            Some((f, t)) if *f == face => t.push(c),
            _ => word.push((face, c.to_string())),
        }
    }
    word
}

/// Breaks spans into lines no wider than `width` points, at `size` points.
pub fn break_lines(spans: &[Span], base: Face, width: f32, size: f32, m: &Metrics) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut current: Vec<Word> = Vec::new();
    for word in words(spans, base) {
        if compose(std::slice::from_ref(&word), size, m).width > width {
            if !current.is_empty() {
                lines.push(compose(&current, size, m));
                current.clear();
            }
            let mut pieces = split_long_word(&word, width, size, m);
            // The last piece may share its line with the words that follow.
            if let Some(last) = pieces.pop() {
                lines.extend(
                    pieces
                        .iter()
                        .map(|p| compose(std::slice::from_ref(p), size, m)),
                );
                current.push(last);
            }
            continue;
        }
        current.push(word);
        if current.len() > 1 && compose(&current, size, m).width > width {
            let word = current.pop().unwrap_or_default();
            lines.push(compose(&current, size, m));
            current = vec![word];
        }
    }
    if !current.is_empty() {
        lines.push(compose(&current, size, m));
    }
    lines
}

/// Convenience: a single-face string into lines.
pub fn break_plain(text: &str, face: Face, width: f32, size: f32, m: &Metrics) -> Vec<Line> {
    let span = Span {
        text: text.to_string(),
        bold: false,
    };
    break_lines(std::slice::from_ref(&span), face, width, size, m)
}

//! The line breaker behind [`break_lines`](super::text::break_lines): greedy first-fit, one
//! word at a time, breaking a word at its soft hyphens where that fills a line better or is
//! the only way it fits.
//!
//! Words come from `text`, which also composes and measures finished lines; soft hyphens are
//! split and joined by `hyphen`.

use super::hyphen;
use super::text::{compose, spaced, split_long_word, Line, Word};
use super::Metrics;
use crate::assets::fonts::Face;

/// Greedy first-fit line breaking, one word at a time.
///
/// Words are measured once; a line is composed (and measured exactly, kerning included) only
/// when it is complete. If the exact width exceeds the estimate, the last word moves down.
pub(super) struct LineBreaker<'a, 'm> {
    width: f32,
    size: f32,
    m: &'a Metrics<'m>,
    /// Width of a space in the base face, between words.
    space: f32,
    /// The room before the next word: a space if the current line's last word ends in one.
    gap: f32,
    lines: Vec<Line>,
    /// The words of the line being filled, and their estimated width.
    current: Vec<Word>,
    current_w: f32,
}

impl<'a, 'm> LineBreaker<'a, 'm> {
    pub(super) fn new(base: Face, width: f32, size: f32, m: &'a Metrics<'m>) -> Self {
        LineBreaker {
            width,
            size,
            m,
            space: m.face(base).width(" ", size),
            gap: 0.0,
            lines: Vec::new(),
            current: Vec::new(),
            current_w: 0.0,
        }
    }

    /// The word's width, without the space after it.
    fn word_width(&self, word: &Word) -> f32 {
        let last = word.len().saturating_sub(1);
        word.iter()
            .enumerate()
            .map(|(i, (f, t))| {
                let t = if i == last {
                    t.trim_end_matches(' ')
                } else {
                    t
                };
                self.m.face(*f).width(t, self.size)
            })
            .sum()
    }

    /// The room after `word` before the next on the same line.
    fn gap_after(&self, word: &Word) -> f32 {
        if spaced(word) {
            self.space
        } else {
            0.0
        }
    }

    /// Adds a word: on the current line if it fits, else broken at a soft hyphen so its head
    /// ends this line, else on the next line; a word wider than a whole line is broken.
    pub(super) fn push(&mut self, word: Word) {
        let word_w = self.word_width(&word);
        if word_w > self.width {
            return self.push_long(&word);
        }
        if !self.current.is_empty() && self.current_w + self.gap + word_w > self.width {
            if hyphen::has_soft_hyphen(&word) {
                let syllables = hyphen::syllables(&word);
                if let Some(k) = self.hyphenate(&syllables, &self.widths(&syllables)) {
                    self.current.push(hyphen::head(&syllables[..k]));
                    self.flush();
                    let tail = hyphen::join(&syllables[k..]);
                    self.current_w = self.word_width(&tail);
                    self.gap = self.gap_after(&tail);
                    self.current.push(tail);
                    return;
                }
            }
            self.flush();
        }
        if !self.current.is_empty() {
            self.current_w += self.gap;
        }
        self.current_w += word_w;
        self.gap = self.gap_after(&word);
        self.current.push(word);
    }

    /// A word wider than a whole line: broken at soft hyphens as long as a head fits, the
    /// rest between characters. Each syllable is measured once, so a long word costs time
    /// in proportion to its length.
    fn push_long(&mut self, word: &Word) {
        let syllables = hyphen::syllables(word);
        let widths = self.widths(&syllables);
        let mut from = 0;
        loop {
            let rest_w = widths[from..].iter().try_fold(0.0, |w, s| {
                let w = w + s;
                (w <= self.width).then_some(w)
            });
            if let (Some(rest_w), true) = (rest_w, from > 0) {
                // What is left after a break fits a line: the following words may join it.
                self.current_w = rest_w;
                self.gap = self.gap_after(word);
                self.current.push(hyphen::join(&syllables[from..]));
                return;
            }
            if let Some(k) = self.hyphenate(&syllables[from..], &widths[from..]) {
                self.current.push(hyphen::head(&syllables[from..from + k]));
                self.flush();
                from += k;
                continue;
            }
            if self.current.is_empty() {
                break;
            }
            // Not even a head fits beside the words before: they make a line of their own.
            self.finish_line();
        }
        let rest = hyphen::join(&syllables[from..]);
        let mut pieces = split_long_word(&rest, self.width, self.size, self.m);
        // The last piece may share its line with the words that follow.
        if let Some(last) = pieces.pop() {
            let (size, m) = (self.size, self.m);
            self.lines.extend(
                pieces
                    .iter()
                    .map(|p| compose(std::slice::from_ref(p), size, m)),
            );
            self.current_w = compose(std::slice::from_ref(&last), size, m).width;
            self.gap = self.gap_after(&last);
            self.current.push(last);
        }
    }

    /// The hyphen drawn after `syllable` when a line breaks there, in its last face.
    fn hyphen_width(&self, syllable: &Word) -> f32 {
        syllable.last().map_or(0.0, |(face, _)| {
            let mut buf = [0; 4];
            let hyphen = hyphen::HYPHEN.encode_utf8(&mut buf);
            self.m.face(*face).width(hyphen, self.size)
        })
    }

    /// The estimated width of each syllable.
    fn widths(&self, syllables: &[Word]) -> Vec<f32> {
        syllables.iter().map(|s| self.word_width(s)).collect()
    }

    /// How many of `syllables` (`widths` wide) make the longest head that fits after the
    /// current line's words with a hyphen drawn after it, measured exactly; `None` if not
    /// even the first does, or the word has no soft hyphen.
    fn hyphenate(&self, syllables: &[Word], widths: &[f32]) -> Option<usize> {
        let used = if self.current.is_empty() {
            0.0
        } else {
            self.current_w + self.gap
        };
        // Estimated first, stopping at the first head that is too wide, so only a head or
        // two is composed exactly.
        let mut head_w = used;
        let fitting = syllables[..syllables.len().saturating_sub(1)]
            .iter()
            .zip(widths)
            .take_while(|(syllable, w)| {
                head_w += **w;
                head_w + self.hyphen_width(syllable) <= self.width
            })
            .count();
        (1..=fitting).rev().find(|&k| {
            let mut line = self.current.clone();
            line.push(hyphen::head(&syllables[..k]));
            compose(&line, self.size, self.m).width <= self.width
        })
    }

    /// Ends the current line. If its exact width is over the estimate's, the last word
    /// moves down and starts the next line.
    fn flush(&mut self) {
        let mut words = std::mem::take(&mut self.current);
        self.current_w = 0.0;
        let line = compose(&words, self.size, self.m);
        if line.width > self.width && words.len() > 1 {
            // The estimate was optimistic by a kerning pair: the last word starts the next line.
            let carry = words.pop();
            self.lines.push(compose(&words, self.size, self.m));
            if let Some(carry) = carry {
                self.current_w = self.word_width(&carry);
                self.gap = self.gap_after(&carry);
                self.current.push(carry);
            }
            return;
        }
        self.lines.push(line);
    }

    /// Ends the current line, and the line of whatever its flush carried down.
    fn finish_line(&mut self) {
        for _ in 0..2 {
            if !self.current.is_empty() {
                self.flush();
            }
        }
    }

    pub(super) fn finish(mut self) -> Vec<Line> {
        self.finish_line();
        self.lines
    }
}

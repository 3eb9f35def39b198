//! Spans of text into words: the pieces a line may break between.
//!
//! Lines break at spaces, as before, and also where Unicode's line-breaking rules (UAX #14)
//! allow a break beside a character of a script written without spaces (Chinese, Japanese):
//! between most ideographs, never before closing punctuation ("，", "。", "）") or after
//! opening punctuation. Latin text breaks only at spaces and soft hyphens: a break after a
//! hyphen or a slash, which UAX #14 also allows, would change the lines of every handout.
//!
//! A word keeps the space after it (one `' '`, however many the author typed), in the face of
//! its last letter; a word followed by another without a space (Chinese) keeps none.

use std::collections::BTreeSet;

use unicode_linebreak::{break_property, linebreaks, BreakClass};

use super::Word;
use crate::assets::fonts::Face;
use crate::model::inline::Span;

/// Whether `c` separates words (the no-break space does not).
fn is_space(c: char) -> bool {
    c.is_whitespace() && c != '\u{a0}'
}

/// Whether a break beside `c` is one a script without spaces makes.
fn breaks_without_space(c: char) -> bool {
    use BreakClass::*;
    matches!(
        break_property(u32::from(c)),
        Ideographic
            | ConditionalJapaneseStarter
            | HangulLvSyllable
            | HangulLvtSyllable
            | HangulLJamo
            | HangulVJamo
            | HangulTJamo
    )
}

/// Byte offsets in `text` where a line may break between two characters that are not
/// spaces: UAX #14's opportunities beside an ideograph. Empty for text without one.
fn breaks_inside_words(text: &str) -> BTreeSet<usize> {
    if !text.chars().any(breaks_without_space) {
        return BTreeSet::new();
    }
    linebreaks(text)
        .map(|(at, _)| at)
        .filter(|&at| {
            let before = text[..at].chars().next_back();
            let after = text[at..].chars().next();
            match (before, after) {
                (Some(b), Some(a)) => {
                    !is_space(b)
                        && !is_space(a)
                        && (breaks_without_space(b) || breaks_without_space(a))
                }
                _ => false,
            }
        })
        .collect()
}

/// Splits spans into words. `base` is the face of text outside `**`.
pub(super) fn words(spans: &[Span], base: Face) -> Vec<Word> {
    let paragraph: String = spans.iter().map(|s| s.text.as_str()).collect();
    let inside = breaks_inside_words(&paragraph);
    let mut out: Vec<Word> = Vec::new();
    let mut current: Word = Vec::new();
    let mut at = 0;
    for span in spans {
        let face = if span.bold { Face::Bold } else { base };
        let mut piece = String::new();
        for c in span.text.chars() {
            if is_space(c) {
                if !piece.is_empty() {
                    current.push((face, std::mem::take(&mut piece)));
                }
                end_word(&mut current, &mut out, true);
            } else {
                if inside.contains(&at) && (!piece.is_empty() || !current.is_empty()) {
                    if !piece.is_empty() {
                        current.push((face, std::mem::take(&mut piece)));
                    }
                    end_word(&mut current, &mut out, false);
                }
                piece.push(c);
            }
            at += c.len_utf8();
        }
        if !piece.is_empty() {
            current.push((face, piece));
        }
    }
    end_word(&mut current, &mut out, false);
    // The last word's space, if any, is at the end of the paragraph: nothing follows it.
    if let Some((_, last)) = out.last_mut().and_then(|w| w.last_mut()) {
        if last.ends_with(' ') {
            last.pop();
        }
    }
    out
}

/// Ends the word being read, with a space after it if `spaced` (and a word before a run of
/// spaces keeps one).
fn end_word(current: &mut Word, out: &mut Vec<Word>, spaced: bool) {
    if !current.is_empty() {
        let mut word = std::mem::take(current);
        if spaced {
            if let Some((_, last)) = word.last_mut() {
                last.push(' ');
            }
        }
        out.push(word);
    }
}

/// Whether the word ends with the space before the next.
pub(in crate::layout) fn spaced(word: &Word) -> bool {
    word.last().is_some_and(|(_, t)| t.ends_with(' '))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(text: &str) -> Vec<String> {
        let span = Span {
            text: text.into(),
            bold: false,
        };
        words(&[span], Face::Regular)
            .iter()
            .map(|w| w.iter().map(|(_, t)| t.as_str()).collect())
            .collect()
    }

    #[test]
    fn latin_breaks_only_at_spaces() {
        assert_eq!(
            plain(" gut-friendly  and/or\nfoods "),
            ["gut-friendly ", "and/or ", "foods"]
        );
    }

    #[test]
    fn chinese_breaks_between_characters_but_not_before_closing_punctuation() {
        assert_eq!(plain("每天喝水，好。"), ["每", "天", "喝", "水，", "好。"]);
        assert_eq!(plain("（每天）喝"), ["（每", "天）", "喝"]);
    }
}

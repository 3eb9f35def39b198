//! Soft hyphens (U+00AD): invisible places where the author allows a word to break.
//!
//! A soft hyphen is never drawn and never measured. Where the line breaker does end a line at
//! one (see `text`), a real hyphen is drawn at the end of that line, measured with it. This
//! module splits words at soft hyphens and puts them back together; choosing where to break
//! is the line breaker's.

use std::borrow::Cow;

use super::text::Word;

/// The soft hyphen.
pub const SOFT_HYPHEN: char = '\u{AD}';
/// Drawn at the end of a line broken at a soft hyphen: the hyphen-minus, which text fonts
/// have (a handout with soft hyphens is checked for it with its other characters).
pub const HYPHEN: char = '-';

/// `text` without its soft hyphens: what is drawn when the word is not broken.
pub fn visible(text: &str) -> Cow<'_, str> {
    if text.contains(SOFT_HYPHEN) {
        Cow::Owned(text.chars().filter(|&c| c != SOFT_HYPHEN).collect())
    } else {
        Cow::Borrowed(text)
    }
}

/// Whether the word may break at a soft hyphen.
pub fn has_soft_hyphen(word: &Word) -> bool {
    word.iter().any(|(_, t)| t.contains(SOFT_HYPHEN))
}

/// The word's pieces between soft hyphens (none of which they keep), empty ones left out, so
/// a break always has text on both sides.
pub fn syllables(word: &Word) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    let mut current: Word = Vec::new();
    for (face, text) in word {
        for (i, part) in text.split(SOFT_HYPHEN).enumerate() {
            if i > 0 && !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            if !part.is_empty() {
                current.push((*face, part.to_string()));
            }
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// The syllables as one word again, neighbours in the same face merged.
pub fn join(syllables: &[Word]) -> Word {
    let mut word: Word = Vec::new();
    for (face, text) in syllables.iter().flatten() {
        match word.last_mut() {
            Some((f, t)) if f == face => t.push_str(text),
            _ => word.push((*face, text.clone())),
        }
    }
    word
}

/// The syllables as the head of a broken word: joined, with a hyphen drawn after them in the
/// face of the last one.
pub fn head(syllables: &[Word]) -> Word {
    let mut word = join(syllables);
    if let Some((_, last)) = word.last_mut() {
        last.push(HYPHEN);
    }
    word
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assets::fonts::Face;

    #[test]
    fn a_word_splits_at_its_soft_hyphens_and_joins_back() {
        let word: Word = vec![
            (Face::Bold, "gas\u{AD}tro".into()),
            (Face::Regular, "\u{AD}in\u{AD}\u{AD}tes\u{AD}".into()),
        ];
        let parts = syllables(&word);
        let text = |w: &Word| w.iter().map(|(_, t)| t.as_str()).collect::<String>();
        assert_eq!(
            parts.iter().map(text).collect::<Vec<_>>(),
            ["gas", "tro", "in", "tes"]
        );
        assert_eq!(text(&join(&parts)), "gastrointes");
        assert_eq!(text(&head(&parts[..2])), "gastro-");
        assert_eq!(
            head(&parts[..3]).last(),
            Some(&(Face::Regular, "in-".into()))
        );
        assert_eq!(visible("in\u{AD}tes"), "intes");
    }
}

//! A handout's prose, cut into passages, sentences and words, each with where it came from.
//!
//! The prose is every paragraph, note text, bullet, step, checklist item and column item,
//! without `**` markup. Titles, headings, note titles, field labels and checklist column
//! names are left out: they are labels, not sentences a patient reads through.

use crate::model::{Block, FieldPath, Handout, RichText};

/// One text of the handout, with the field it was written in.
#[derive(Debug, Clone)]
pub struct Passage<'a> {
    pub field: FieldPath,
    pub text: &'a str,
}

/// One sentence: a slice of a passage.
#[derive(Debug, Clone, Copy)]
pub struct Sentence<'a> {
    /// Index of its passage.
    pub passage: usize,
    /// Byte offset of the sentence's first letter in the passage's text.
    pub start: usize,
    pub text: &'a str,
}

/// One word as written (case kept), with its byte offset in the text it was cut from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word<'a> {
    pub start: usize,
    pub text: &'a str,
}

impl Word<'_> {
    /// Byte offset just past the word.
    pub fn end(&self) -> usize {
        self.start + self.text.len()
    }
}

/// The handout's prose texts, in reading order.
pub fn passages(handout: &Handout) -> Vec<Passage<'_>> {
    fn list<'a>(at: FieldPath, items: &'a [RichText], out: &mut Vec<Passage<'a>>) {
        for (k, item) in items.iter().enumerate() {
            out.push(Passage {
                field: at.clone().index(k),
                text: item.plain(),
            });
        }
    }
    let mut out = Vec::new();
    for (i, block) in handout.blocks.iter().enumerate() {
        let at = FieldPath::block(i, block.kind());
        match block {
            Block::Text(t) => out.push(Passage {
                field: at,
                text: t.plain(),
            }),
            Block::Note(n) => out.push(Passage {
                field: at.key("text"),
                text: n.text.plain(),
            }),
            Block::Bullets(items) | Block::Steps(items) => list(at, items, &mut out),
            Block::Checklist(c) => list(at.key("items"), &c.items, &mut out),
            Block::Columns(cols) => {
                for (k, c) in cols.iter().enumerate() {
                    list(at.clone().index(k).key("items"), &c.items, &mut out);
                }
            }
            Block::Heading(_) | Block::Fields(_) | Block::Notes(_) | Block::Image(_) => {}
        }
    }
    out
}

/// The sentences of every passage, in order. A sentence ends at `.`, `!` or `?` followed by a
/// space, a closing quote or bracket, or the end of the text; each passage (so each list
/// item) ends one too, and a piece without letters is not a sentence.
pub fn sentences<'a>(passages: &[Passage<'a>]) -> Vec<Sentence<'a>> {
    let mut out = Vec::new();
    for (p, passage) in passages.iter().enumerate() {
        let text = passage.text;
        let mut start = 0;
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let closing = |n: char| matches!(n, '"' | '”' | '’' | ')');
            let ends = matches!(c, '.' | '!' | '?')
                && chars
                    .peek()
                    .is_none_or(|&(_, n)| n.is_whitespace() || closing(n));
            if ends {
                // Closing quotes and brackets stay with the sentence they close.
                let mut end = i + c.len_utf8();
                while let Some(&(j, n)) = chars.peek().filter(|&&(_, n)| closing(n)) {
                    end = j + n.len_utf8();
                    chars.next();
                }
                push_sentence(&mut out, p, text, start, end);
                start = end;
            }
        }
        push_sentence(&mut out, p, text, start, text.len());
    }
    out
}

/// Adds `text[start..end]`, from its first non-space character, if it has a letter.
fn push_sentence<'a>(
    out: &mut Vec<Sentence<'a>>,
    passage: usize,
    text: &'a str,
    start: usize,
    end: usize,
) {
    let piece = &text[start..end];
    let trimmed = piece.trim_start();
    if trimmed.chars().any(char::is_alphabetic) {
        out.push(Sentence {
            passage,
            start: start + piece.len() - trimmed.len(),
            text: trimmed,
        });
    }
}

/// The words of a text: runs of letters, with inner apostrophes and hyphens ("it’s",
/// "gut-friendly" count once); digits and other signs end a word.
pub fn words(text: &str) -> Vec<Word<'_>> {
    let is_word_char = |c: char| c.is_alphabetic() || matches!(c, '\'' | '’' | '-');
    let mut out = Vec::new();
    let mut run_start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (run_start, is_word_char(c)) {
            (None, true) => run_start = Some(i),
            (Some(s), false) => {
                push_word(&mut out, text, s, i);
                run_start = None;
            }
            _ => {}
        }
    }
    out
}

/// Adds `text[start..end]` without leading or trailing signs, if a letter is left.
fn push_word<'a>(out: &mut Vec<Word<'a>>, text: &'a str, start: usize, end: usize) {
    let run = &text[start..end];
    let from_start = run.trim_start_matches(|c: char| !c.is_alphabetic());
    let word = from_start.trim_end_matches(|c: char| !c.is_alphabetic());
    if !word.is_empty() {
        out.push(Word {
            start: start + run.len() - from_start.len(),
            text: word,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(words: &[Word<'a>]) -> Vec<&'a str> {
        words.iter().map(|w| w.text).collect()
    }

    #[test]
    fn words_keep_inner_apostrophes_and_hyphens_and_their_offsets() {
        let w = words("It’s a gut-friendly food: omega-3 (fish), ‘yes’ -- no.");
        assert_eq!(
            texts(&w),
            [
                "It’s",
                "a",
                "gut-friendly",
                "food",
                "omega",
                "fish",
                "yes",
                "no"
            ]
        );
        let text = "¿Qué es? Ñandú";
        let w = words(text);
        assert_eq!(texts(&w), ["Qué", "es", "Ñandú"]);
        assert_eq!(&text[w[2].start..w[2].end()], "Ñandú");
    }

    #[test]
    fn sentences_end_at_stops_and_at_each_item() {
        let p = [
            Passage {
                field: FieldPath::at("a"),
                text: "One two. “Three?” Four 3.5 five",
            },
            Passage {
                field: FieldPath::at("b"),
                text: "  Item without a stop",
            },
            Passage {
                field: FieldPath::at("c"),
                text: "...",
            },
        ];
        let s = sentences(&p);
        let got: Vec<(usize, usize, &str)> =
            s.iter().map(|s| (s.passage, s.start, s.text)).collect();
        assert_eq!(
            got,
            [
                (0, 0, "One two."),
                (0, 9, "“Three?”"),
                (0, 22, "Four 3.5 five"),
                (1, 2, "Item without a stop"),
            ]
        );
    }
}

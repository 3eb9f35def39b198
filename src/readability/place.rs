//! Pointing a warning at one word of a handout's YAML source.
//!
//! The prose is checked without its markup and with folded lines joined, so a word's place
//! in the YAML is found again by counting: the word is the n-th whole-word occurrence of its
//! spelling in its text, so it is the n-th one in the source lines of the field's value. When
//! the source does not show the word as the text does (an escape in a quoted string), the
//! warning points at the field instead.

use crate::diagnostics::Diagnostic;
use crate::model::locate::locate;
use crate::model::path::Step;
use crate::model::{FieldPath, Source};

/// A warning at `word`, which starts at byte `offset` of `text`, the value of `field`.
pub fn warning_at_word(
    source: &Source,
    field: &FieldPath,
    text: &str,
    offset: usize,
    word: &str,
    message: String,
) -> Diagnostic {
    let nth = whole_words(&text[..offset], word).count();
    let d = match find_in_value(&source.text, field, word, nth) {
        Some((line, column)) => Diagnostic::new(&source.path, message)
            .field(field.clone())
            .at(line, column)
            .with_source(&source.text),
        None => Diagnostic::in_source(source, field, message),
    };
    d.warning()
}

/// Byte offsets of `word` in `text` where it is a whole word (no letter or digit touches it).
fn whole_words<'a>(text: &'a str, word: &'a str) -> impl Iterator<Item = usize> + 'a {
    text.match_indices(word).map(|(i, _)| i).filter(move |&i| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// Line and column (1-based, in characters) of the `nth` whole-word `word` in the value of
/// `field`: from just after the field's key (or list dash) on its line, through the lines
/// indented deeper than that line.
fn find_in_value(text: &str, field: &FieldPath, word: &str, nth: usize) -> Option<(usize, usize)> {
    let (line, column) = locate(text, field)?;
    let lines: Vec<&str> = text.lines().collect();
    let first = *lines.get(line - 1)?;
    let mut from = first
        .char_indices()
        .nth(column - 1)
        .map_or(first.len(), |(i, _)| i);
    if let Some(Step::Key(key)) = field.steps().last() {
        if first[from..].starts_with(&format!("{key}:")) {
            from += key.len() + 1;
        }
    }
    let base = indent(first);
    let mut seen = 0;
    for (i, l) in lines.iter().enumerate().skip(line - 1) {
        let start = if i == line - 1 { from } else { 0 };
        if i > line - 1 && !l.trim().is_empty() && indent(l) <= base {
            break;
        }
        for at in whole_words(&l[start..], word) {
            if seen == nth {
                return Some((i + 1, l[..start + at].chars().count() + 1));
            }
            seen += 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "\
title: Gut
blocks:
  - text: >-
      Gut health. Your gut
      has a **gut** lining.
  - bullets:
      - First gut item
      - >-
        Second item, gutsy
        gut here
  - note:
      title: Gut
      text: Note about the gut.
";

    fn p(text: &str) -> FieldPath {
        FieldPath::parse(text).unwrap()
    }

    #[test]
    fn the_nth_whole_word_in_the_fields_value() {
        let text = p("blocks[0].text");
        assert_eq!(find_in_value(DOC, &text, "Gut", 0), Some((4, 7)));
        assert_eq!(find_in_value(DOC, &text, "gut", 0), Some((4, 24)));
        assert_eq!(find_in_value(DOC, &text, "gut", 1), Some((5, 15)));
        assert_eq!(
            find_in_value(DOC, &text, "gut", 2),
            None,
            "not in the next block"
        );
        let item = p("blocks[1].bullets[1]");
        assert_eq!(
            find_in_value(DOC, &item, "gut", 0),
            Some((10, 9)),
            "not `gutsy`"
        );
        let note = p("blocks[2].note.text");
        assert_eq!(find_in_value(DOC, &note, "Note", 0), Some((13, 13)));
        assert_eq!(
            find_in_value(DOC, &p("blocks[2].note.title"), "text", 0),
            None
        );
    }

    #[test]
    fn a_word_is_found_by_its_place_in_the_text() {
        let source = Source {
            path: "t.yaml".into(),
            text: DOC.into(),
        };
        let plain = "Gut health. Your gut has a gut lining.";
        let at = plain.rfind("gut").unwrap();
        let d = warning_at_word(&source, &p("blocks[0].text"), plain, at, "gut", "m".into());
        assert_eq!(d.location, Some((5, 15)));
        assert!(!d.is_error());
        // A word the source does not show: the field itself.
        let d = warning_at_word(&source, &p("blocks[0].text"), "Xyz", 0, "Xyz", "m".into());
        assert_eq!(d.location, Some((3, 5)));
    }
}

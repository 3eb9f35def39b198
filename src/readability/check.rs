//! The plain-language check: medical terms a handout uses without explaining them, and
//! sentences too long to follow, each a warning at its place in the YAML.

use std::collections::BTreeMap;

use super::explained::{is_explained, means};
use super::place::warning_at_word;
use super::prose::{self, Passage, Sentence};
use super::terms::{Term, TermList, BUILTIN_PATH};
use crate::diagnostics::Diagnostic;
use crate::model::{Handout, Source};

/// Sentences with more words than this get a warning.
pub const MAX_SENTENCE_WORDS: usize = 25;

/// Words of a long sentence quoted in its warning.
const QUOTED_WORDS: usize = 6;

/// Every plain-language warning of a handout, in the order of the source; none for a
/// language the check does not apply to (see [`super::applies_to`]): a sentence of Chinese
/// has no spaces to count words by, and a Vietnamese word is a syllable.
pub fn plain_language(source: &Source, handout: &Handout) -> Vec<Diagnostic> {
    if !super::applies_to(handout) {
        return Vec::new();
    }
    let passages = prose::passages(handout);
    let sentences = prose::sentences(&passages);
    let mut out = long_sentences(source, &passages, &sentences);
    match TermList::builtin() {
        Ok(list) => {
            let lang = handout.lang().primary();
            out.extend(unexplained_terms(
                source, list, &lang, &passages, &sentences,
            ));
        }
        Err(e) => out.push(
            Diagnostic::internal(
                std::path::Path::new(BUILTIN_PATH),
                format!("the built-in list of medical terms does not read: {e}"),
            )
            .warning(),
        ),
    }
    out.sort_by_key(|d| d.location);
    out
}

/// A warning at the start of each sentence of more than [`MAX_SENTENCE_WORDS`] words.
fn long_sentences(
    source: &Source,
    passages: &[Passage<'_>],
    sentences: &[Sentence<'_>],
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for s in sentences {
        let words = prose::words(s.text);
        let Some(first) = words.first().filter(|_| words.len() > MAX_SENTENCE_WORDS) else {
            continue;
        };
        let passage = &passages[s.passage];
        let quoted: Vec<&str> = words.iter().take(QUOTED_WORDS).map(|w| w.text).collect();
        let message = format!(
            "this sentence has {} words (“{} …”); {MAX_SENTENCE_WORDS} or fewer are easier to follow",
            words.len(),
            quoted.join(" ")
        );
        let at = s.start + first.start;
        let d = warning_at_word(
            source,
            &passage.field,
            passage.text,
            at,
            first.text,
            message,
        );
        out.push(d.help("split it into two sentences, or make it a list"));
    }
    out
}

/// One use of a listed term.
struct Use<'a> {
    passage: usize,
    /// Byte offset of its first word in the passage's text.
    at: usize,
    /// Its first word, to find it in the source.
    first_word: &'a str,
    /// The whole term as written.
    text: &'a str,
    explained: bool,
}

/// A warning for each listed term whose first use in the handout is not explained there.
fn unexplained_terms(
    source: &Source,
    list: &TermList,
    lang: &str,
    passages: &[Passage<'_>],
    sentences: &[Sentence<'_>],
) -> Vec<Diagnostic> {
    let uses = uses_by_term(list, lang, sentences);
    let mut out = Vec::new();
    for (term, uses) in uses {
        let [first, later @ ..] = uses.as_slice() else {
            continue;
        };
        if first.explained {
            continue;
        }
        let passage = &passages[first.passage];
        let warn = |message: String| {
            warning_at_word(
                source,
                &passage.field,
                passage.text,
                first.at,
                first.first_word,
                message,
            )
        };
        let mut d = warn(format!(
            "“{}” is a medical term this handout does not explain",
            first.text
        ));
        if let Some(explained) = later.iter().find(|u| u.explained) {
            let p = &passages[explained.passage];
            let there = warning_at_word(
                source,
                &p.field,
                p.text,
                explained.at,
                explained.first_word,
                String::new(),
            );
            let line = there
                .location
                .map_or(String::new(), |(l, _)| format!(" (line {l})"));
            d.message = format!(
                "“{}” is explained only later{line}; explain it where it first appears",
                first.text
            );
        }
        out.push(d.help(hint(&list.terms(lang)[term], first.text, lang)));
    }
    out
}

/// Every use of every listed term, by term, in reading order.
fn uses_by_term<'a>(
    list: &TermList,
    lang: &str,
    sentences: &[Sentence<'a>],
) -> BTreeMap<usize, Vec<Use<'a>>> {
    let mut uses: BTreeMap<usize, Vec<Use<'a>>> = BTreeMap::new();
    for s in sentences {
        let words = prose::words(s.text);
        for found in list.find(lang, &words) {
            let (first, last) = (words[found.first], words[found.end - 1]);
            uses.entry(found.term).or_default().push(Use {
                passage: s.passage,
                at: s.start + first.start,
                first_word: first.text,
                text: &s.text[first.start..last.end()],
                explained: is_explained(lang, s.text, &words, &found),
            });
        }
    }
    uses
}

/// The help line: the plainer words, and the ways to explain the term in place.
fn hint(term: &Term, written: &str, lang: &str) -> String {
    format!(
        "plainer words: {}; or explain it here: “{written} (…)”, “{written}: …” or “{written} {} …”",
        term.plain.join("; "),
        means(lang)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(yaml: &str) -> Vec<Diagnostic> {
        let source = Source {
            path: "t.yaml".into(),
            text: yaml.into(),
        };
        let h = crate::model::parse_handout(&source).unwrap();
        plain_language(&source, &h)
    }

    #[test]
    fn the_first_unexplained_use_is_flagged_once_with_plainer_words() {
        let w = check(
            "title: T\nblocks:\n  - text: >-\n      Gut talk. This may cause inflammation.\n      \
             Inflammation again.\n  - bullets:\n      - Ask about NSAIDs.\n",
        );
        let got: Vec<_> = w.iter().map(|d| (d.location, d.message.as_str())).collect();
        assert_eq!(
            got,
            [
                (
                    Some((4, 32)),
                    "“inflammation” is a medical term this handout does not explain"
                ),
                (
                    Some((7, 19)),
                    "“NSAIDs” is a medical term this handout does not explain"
                ),
            ]
        );
        let help = w[1].help.as_deref().unwrap_or_default();
        assert!(help.contains("pain relievers like ibuprofen"), "{help}");
        assert!(help.contains("“NSAIDs (…)”"), "{help}");
        assert!(w.iter().all(|d| !d.is_error()));
    }

    #[test]
    fn an_explained_first_use_is_not_flagged_and_a_late_explanation_is_named() {
        let ok =
            check("title: T\nblocks:\n  - text: Probiotics are good bacteria. Eat probiotics.\n");
        assert!(ok.is_empty(), "{ok:?}");
        let late = check(
            "title: T\nblocks:\n  - bullets:\n      - Eat probiotics.\n      - \
             Probiotics (good bacteria) help.\n",
        );
        assert_eq!(late.len(), 1, "{late:?}");
        assert_eq!(late[0].location, Some((4, 13)));
        assert!(
            late[0].message.contains("explained only later (line 5)"),
            "{}",
            late[0].message
        );
    }

    #[test]
    fn spanish_terms_in_spanish_handouts() {
        let w = check(
            "title: T\nlang: es-MX\nblocks:\n  - text: Evite el estrés crónico. Los probióticos ayudan.\n",
        );
        let messages: Vec<&str> = w.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "“crónico” is a medical term this handout does not explain",
                "“probióticos” is a medical term this handout does not explain"
            ]
        );
        assert!(w[1]
            .help
            .as_deref()
            .unwrap_or_default()
            .contains("“probióticos significa …”"));
        let other = check("title: T\nlang: de\nblocks:\n  - text: Inflammation.\n");
        assert!(other.is_empty(), "no list for German: {other:?}");
    }

    #[test]
    fn long_sentences_are_flagged_at_their_start() {
        let long = vec!["word"; MAX_SENTENCE_WORDS + 1].join(" ");
        let just = vec!["word"; MAX_SENTENCE_WORDS].join(" ");
        let yaml = format!(
            "title: T\nblocks:\n  - text: Short one. {long}.\n  - steps:\n      - {just}.\n"
        );
        let w = check(&yaml);
        assert_eq!(w.len(), 1, "{w:?}");
        assert_eq!(w[0].location, Some((3, 22)));
        assert!(
            w[0].message
                .starts_with("this sentence has 26 words (“word word word word word word …”)"),
            "{}",
            w[0].message
        );
    }
}

//! The list of medical terms and their plainer words (`data/medical-terms.yaml`, built into
//! the binary), and finding those terms in a sentence.
//!
//! Matching ignores case and accents (but not `ñ`), takes whole words only, lets the last
//! word of a term take a plural ending (-s, -es, -y → -ies, -z → -ces), and prefers the
//! longest entry where entries overlap. The file's header documents its format.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use super::prose::Word;

/// The shipped list, as written.
pub const BUILTIN: &str = include_str!("../../data/medical-terms.yaml");

/// Where the shipped list lives in the repository, for messages.
pub const BUILTIN_PATH: &str = "data/medical-terms.yaml";

/// One medical term with its plainer words.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// The term, singular, as a reader sees it: "NSAID", "immune system".
    pub term: String,
    /// Other forms or spellings of the same term.
    #[serde(default)]
    pub also: Vec<String>,
    /// Plainer words, each an alternative.
    pub plain: Vec<String>,
}

/// Terms per primary language tag (`en`, `es`), each with its forms made ready to match.
#[derive(Debug)]
pub struct TermList {
    languages: BTreeMap<String, Language>,
}

#[derive(Debug)]
struct Language {
    terms: Vec<Term>,
    /// Every form of every term, as normalised words, longest first: (term index, words).
    forms: Vec<(usize, Vec<String>)>,
}

/// A term found in a sentence: which one, and the words it covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    /// Index of the term in its language's list.
    pub term: usize,
    /// Index of its first and one past its last word in the sentence's words.
    pub first: usize,
    pub end: usize,
}

impl TermList {
    /// Reads and checks a list: every entry has a term and plainer words, and no form is
    /// listed twice in a language (counting plural endings).
    pub fn parse(text: &str) -> Result<TermList, String> {
        let raw: BTreeMap<String, Vec<Term>> =
            serde_yaml::from_str(text).map_err(|e| e.to_string())?;
        let mut languages = BTreeMap::new();
        for (lang, terms) in raw {
            let forms = forms_of(&lang, &terms)?;
            languages.insert(lang.to_ascii_lowercase(), Language { terms, forms });
        }
        Ok(TermList { languages })
    }

    /// The list built into the binary, read once.
    pub fn builtin() -> Result<&'static TermList, &'static str> {
        static LIST: OnceLock<Result<TermList, String>> = OnceLock::new();
        LIST.get_or_init(|| TermList::parse(BUILTIN))
            .as_ref()
            .map_err(String::as_str)
    }

    /// The terms of a language (`en`, `es`); empty for a language without a list.
    pub fn terms(&self, lang: &str) -> &[Term] {
        self.languages.get(lang).map_or(&[], |l| &l.terms)
    }

    /// Every listed term in `words`, left to right, the longest where two start together;
    /// a word is part of one term at most.
    pub fn find(&self, lang: &str, words: &[Word<'_>]) -> Vec<Found> {
        let Some(language) = self.languages.get(lang) else {
            return Vec::new();
        };
        let normal: Vec<String> = words.iter().map(|w| normalise(w.text)).collect();
        let mut found = Vec::new();
        let mut i = 0;
        while i < normal.len() {
            let hit = language
                .forms
                .iter()
                .find(|(_, form)| matches_at(&normal[i..], form));
            match hit {
                Some((term, form)) => {
                    found.push(Found {
                        term: *term,
                        first: i,
                        end: i + form.len(),
                    });
                    i += form.len();
                }
                None => i += 1,
            }
        }
        found
    }
}

/// The forms of a language's terms, longest first, refused if one is empty or listed twice.
fn forms_of(lang: &str, terms: &[Term]) -> Result<Vec<(usize, Vec<String>)>, String> {
    let mut forms: Vec<(usize, Vec<String>)> = Vec::new();
    for (i, t) in terms.iter().enumerate() {
        if t.plain.iter().all(|p| p.trim().is_empty()) {
            return Err(format!("{lang}: `{}` has no plainer words", t.term));
        }
        for form in std::iter::once(&t.term).chain(&t.also) {
            let words: Vec<String> = form.split_whitespace().map(normalise).collect();
            if words.is_empty() {
                return Err(format!("{lang}: an empty term or form near `{}`", t.term));
            }
            if let Some((other, _)) = forms.iter().find(|(_, f)| same_form(f, &words)) {
                return Err(format!(
                    "{lang}: `{form}` is listed twice (under `{}` and `{}`)",
                    terms[*other].term, t.term
                ));
            }
            forms.push((i, words));
        }
    }
    // Longest first, so "intestinal permeability" wins over "intestinal"; stable otherwise.
    forms.sort_by_key(|(_, f)| std::cmp::Reverse(f.len()));
    Ok(forms)
}

/// Two forms a reader could not tell apart: the same words, one perhaps a plural of the other.
fn same_form(a: &[String], b: &[String]) -> bool {
    a.len() == b.len() && (matches_at(a, b) || matches_at(b, a))
}

/// Whether `words` starts with `form`, its last word perhaps in a plural.
fn matches_at(words: &[String], form: &[String]) -> bool {
    let Some((last, head)) = form.split_last() else {
        return false;
    };
    words.len() >= form.len()
        && words.iter().zip(head).all(|(w, f)| w == f)
        && inflection_of(&words[head.len()], last)
}

/// Whether `word` is `base` or a plural of it.
fn inflection_of(word: &str, base: &str) -> bool {
    if word == base {
        return true;
    }
    let Some(ending) = word.strip_prefix(base) else {
        // -y → -ies ("allergies"), -z → -ces ("raíces").
        return [("y", "ies"), ("z", "ces")].iter().any(|(from, to)| {
            base.strip_suffix(from)
                .is_some_and(|stem| word.strip_prefix(stem) == Some(to))
        });
    };
    matches!(ending, "s" | "es")
}

/// A word as matching sees it: lower case, accents off (but `ñ` kept), curly apostrophes
/// straight, a possessive `'s` dropped.
pub fn normalise(word: &str) -> String {
    let folded: String = word
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            '’' => '\'',
            other => other,
        })
        .collect();
    match folded.strip_suffix("'s") {
        Some(stem) if !stem.is_empty() => stem.to_string(),
        _ => folded,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::readability::prose::words;

    /// The terms found in `text`, as written there.
    fn found(list: &TermList, lang: &str, text: &str) -> Vec<String> {
        let w = words(text);
        list.find(lang, &w)
            .iter()
            .map(|f| text[w[f.first].start..w[f.end - 1].end()].to_string())
            .collect()
    }

    #[test]
    fn the_shipped_list_parses_and_is_large_enough() {
        let list = TermList::builtin().expect("data/medical-terms.yaml parses");
        assert!(list.terms("en").len() >= 60, "{}", list.terms("en").len());
        assert!(list.terms("es").len() >= 40, "{}", list.terms("es").len());
        for lang in ["en", "es"] {
            for t in list.terms(lang) {
                assert!(
                    t.plain
                        .iter()
                        .all(|p| !p.trim().is_empty() && p.len() < 100),
                    "{lang}: {t:?}"
                );
            }
        }
    }

    #[test]
    fn a_form_listed_twice_is_refused() {
        let twice = "en:\n  - term: probiotic\n    plain: [good bacteria]\n  - term: Probiotics\n    plain: [x]\n";
        let err = TermList::parse(twice).unwrap_err();
        assert!(err.contains("`Probiotics` is listed twice"), "{err}");
        let in_also = "es:\n  - term: crónico\n    also: [crónicos]\n    plain: [largo]\n";
        assert!(TermList::parse(in_also).is_err());
        let no_plain = "en:\n  - term: gut\n    plain: []\n";
        assert!(TermList::parse(no_plain).is_err());
        let unknown_key = "en:\n  - term: gut\n    plian: [x]\n";
        assert!(TermList::parse(unknown_key).is_err());
    }

    #[test]
    fn matching_ignores_case_and_accents_and_takes_plurals() {
        let list = TermList::builtin().unwrap();
        assert_eq!(
            found(
                list,
                "en",
                "Probiotics and PREBIOTIC foods; NSAIDs or an NSAID’s risk."
            ),
            ["Probiotics", "PREBIOTIC", "NSAIDs", "NSAID’s"]
        );
        assert_eq!(
            found(
                list,
                "es",
                "Los probióticos, las INFLAMACIONES y el AINE; probioticos."
            ),
            ["probióticos", "INFLAMACIONES", "AINE", "probioticos"]
        );
        assert_eq!(found(list, "en", "food allergies"), Vec::<String>::new());
    }

    #[test]
    fn matching_takes_whole_words_only_and_the_longest_entry() {
        let list = TermList::builtin().unwrap();
        for text in [
            "synchronic",
            "NSAIDsX",
            "microbiomes-like",
            "chronically",
            "ANSAID",
        ] {
            assert_eq!(found(list, "en", text), Vec::<String>::new(), "{text}");
        }
        assert_eq!(
            found(
                list,
                "en",
                "Intestinal permeability, intestinal cells, permeability."
            ),
            ["Intestinal permeability", "intestinal", "permeability"]
        );
        assert_eq!(
            found(list, "es", "la permeabilidad intestinal"),
            ["permeabilidad intestinal"]
        );
        // Terms are looked up in the handout's language only.
        assert_eq!(found(list, "fr", "inflammation"), Vec::<String>::new());
        assert_eq!(found(list, "es", "inflammation"), Vec::<String>::new());
    }

    #[test]
    fn inflections() {
        assert!(inflection_of("allergies", "allergy"));
        assert!(inflection_of("raices", "raiz"));
        assert!(inflection_of("nsaids", "nsaid"));
        assert!(!inflection_of("nsaidsx", "nsaid"));
        assert!(!inflection_of("chronically", "chronic"));
        assert_eq!(normalise("Inflamación"), "inflamacion");
        assert_eq!(normalise("Niño’s"), "niño");
    }
}

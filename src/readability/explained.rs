//! Whether a use of a medical term is explained right where it is used.
//!
//! A use counts as explained when, in the same sentence:
//!
//! 1. it stands inside parentheses, glossing the plain words before it:
//!    "pain relievers like ibuprofen (NSAIDs)";
//! 2. an opening parenthesis, a colon or a dash (—, –, or a hyphen with spaces around it)
//!    follows it, at most two words later: "NSAIDs (such as ibuprofen)", "chronic stress
//!    (stress that lasts a long time)", "Probiotics: “good” bacteria…";
//! 3. one of the next two words defines it: "means", "mean", "is", "are" (Spanish
//!    "significa", "significan", "es", "son"), with only spaces or quotes between:
//!    "Inflammation is swelling…", "Chronic stress is stress that lasts a long time";
//! 4. the word before it names it: "called", "named" (Spanish "llama", "llaman",
//!    "llamado", "llamada", "llamados", "llamadas"), an article between allowed:
//!    "this is called the microbiome".
//!
//! A comma, semicolon, closing parenthesis or sentence end before the sign in rule 2 ends
//! the search. The rules are deliberately simple so a writer can predict them; they accept
//! "Inflammation is common" as an explanation, and miss "tight junctions, like tiny seals".

use super::prose::Word;
use super::terms::{normalise, Found};

/// Words that, right after a term, define it.
fn defining(lang: &str) -> &'static [&'static str] {
    match lang {
        "es" => &["significa", "significan", "es", "son"],
        _ => &["means", "mean", "is", "are"],
    }
}

/// Words that, right before a term (or its article), name it.
fn naming(lang: &str) -> &'static [&'static str] {
    match lang {
        "es" => &[
            "llama", "llaman", "llamado", "llamada", "llamados", "llamadas",
        ],
        _ => &["called", "named"],
    }
}

fn articles(lang: &str) -> &'static [&'static str] {
    match lang {
        "es" => &["el", "la", "los", "las", "un", "una"],
        _ => &["the", "a", "an"],
    }
}

/// The word a writer would use for rule 3, for a hint: "means", "significa".
pub fn means(lang: &str) -> &'static str {
    defining(lang)[0]
}

/// Whether the term `found` among a sentence's `words` is explained there.
pub fn is_explained(lang: &str, sentence: &str, words: &[Word<'_>], found: &Found) -> bool {
    let start = words[found.first].start;
    let end = words[found.end - 1].end();
    let is_one_of = |w: &Word<'_>, list: &[&str]| list.contains(&normalise(w.text).as_str());
    let mut defined = false;
    let mut gap_from = end;
    for w in words.iter().skip(found.end).take(2) {
        if !only_spaces(&sentence[gap_from..w.start]) {
            break;
        }
        defined |= is_one_of(w, defining(lang));
        gap_from = w.end();
    }
    let before = &words[..found.first];
    let named = match before {
        [.., name, article] if is_one_of(article, articles(lang)) => is_one_of(name, naming(lang)),
        [.., name] => is_one_of(name, naming(lang)),
        [] => false,
    };
    inside_parentheses(&sentence[..start]) || sign_follows(&sentence[end..]) || defined || named
}

/// Nothing but spaces and quotes between two words.
fn only_spaces(between: &str) -> bool {
    between
        .chars()
        .all(|c| c.is_whitespace() || matches!(c, '"' | '”' | '’' | '\''))
}

/// Whether more parentheses open than close before the term.
fn inside_parentheses(before: &str) -> bool {
    before.matches('(').count() > before.matches(')').count()
}

/// Rule 2: `(`, `:` or a dash within the two words after the term.
fn sign_follows(rest: &str) -> bool {
    let chars: Vec<char> = rest.chars().collect();
    let mut words_seen = 0;
    let mut in_word = false;
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        if c.is_alphanumeric() {
            if !in_word {
                words_seen += 1;
                if words_seen > 2 {
                    return false;
                }
            }
            in_word = true;
            continue;
        }
        // An apostrophe or hyphen inside a word ("it's", "gut-friendly") does not end it.
        if in_word && matches!(c, '\'' | '’' | '-') && next.is_some_and(char::is_alphanumeric) {
            continue;
        }
        in_word = false;
        let spaced = |j: Option<usize>| {
            j.and_then(|j| chars.get(j))
                .is_none_or(|c| c.is_whitespace())
        };
        match c {
            '(' | ':' | '—' | '–' => return true,
            '-' if spaced(i.checked_sub(1)) && spaced(Some(i + 1)) => return true,
            ',' | ';' | ')' | '.' | '!' | '?' => return false,
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::readability::prose::words;
    use crate::readability::terms::TermList;

    /// Whether the first listed term in `sentence` is explained.
    fn explained(lang: &str, sentence: &str) -> bool {
        let w = words(sentence);
        let list = TermList::builtin().unwrap();
        let found = list.find(lang, &w);
        let first = found.first().expect("a listed term");
        is_explained(lang, sentence, &w, first)
    }

    #[test]
    fn explanations_that_count() {
        for s in [
            "Long use of NSAIDs (such as ibuprofen) can hurt the gut.",
            "Chronic stress (stress that lasts a long time) hurts.",
            "Take pain relievers like ibuprofen (NSAIDs) only as told.",
            "Probiotics: “good” bacteria in yogurt.",
            "Inflammation — swelling and redness — can last.",
            "Inflammation - swelling - can last.",
            "Inflammation means swelling and redness.",
            "Chronic stress is stress that lasts a long time.",
            "“Probiotics” are good bacteria.",
            "Your gut has bacteria, called the microbiome.",
            "A mix of bacteria named microbiome.",
        ] {
            assert!(explained("en", s), "{s}");
        }
        for s in [
            "Estrés crónico (estrés que dura mucho tiempo).",
            "Uso prolongado de antiinflamatorios como el ibuprofeno (AINE).",
            "Los probióticos son bacterias buenas.",
            "La inflamación significa hinchazón.",
            "Esto se llama disbiosis.",
        ] {
            assert!(explained("es", s), "{s}");
        }
    }

    #[test]
    fn uses_that_are_not_explained() {
        for s in [
            "This may lead to inflammation.",
            "Ask about probiotics and prebiotics. They help.",
            "Long use of NSAIDs or other medicines (see page 2).",
            "Inflammation, swelling (and redness).",
            "Take probiotics every single day: they help.",
            "Inflammation in the gut is common.",
            "Chronic, it is.",
            "Your gut-friendly probiotics help.",
        ] {
            assert!(!explained("en", s), "{s}");
        }
        for s in [
            "Esto puede causar inflamación.",
            "Pregunte por los probióticos y prebióticos.",
        ] {
            assert!(!explained("es", s), "{s}");
        }
    }
}

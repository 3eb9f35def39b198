//! Whether a use of a medical term is explained right where it is used.
//!
//! A use counts as explained when, in the same sentence:
//!
//! 1. it stands inside parentheses, glossing the plain words before it:
//!    "pain relievers like ibuprofen (NSAIDs)";
//! 2. an opening parenthesis, a colon, a dash (—, –, or a hyphen with spaces around it) or
//!    words that bring examples ("like", "such as", "for example", "for instance", "e.g.";
//!    Spanish "como", "por ejemplo", "tales como", "p. ej."), perhaps after a comma, follow
//!    it with at most two words between: "NSAIDs (such as ibuprofen)", "chronic stress
//!    (stress that lasts a long time)", "Probiotics: “good” bacteria…", "NSAIDs such as
//!    ibuprofen", "fermented foods, like yogurt"; a comma followed by an article or "or"
//!    (Spanish "o") brings a gloss too: "the microbiome, the mix of bacteria in your gut",
//!    "probiotics, or good bacteria";
//! 3. one of the next two words defines it: "means", "mean", "is", "are" (Spanish
//!    "significa", "significan", "es", "son"), with only spaces or quotes between:
//!    "Inflammation is swelling…", "Chronic stress is stress that lasts a long time";
//! 4. the word before it names it: "called", "named" (Spanish "llama", "llaman",
//!    "llamado", "llamada", "llamados", "llamadas"), an article between allowed:
//!    "this is called the microbiome".
//!
//! A comma (unless example words, an article or "or" follow it), semicolon, closing parenthesis or sentence end
//! before the sign in rule 2 ends the search. The rules are deliberately simple so a writer
//! can predict them; they accept "Inflammation is common" as an explanation.

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
    inside_parentheses(&sentence[..start])
        || sign_follows(lang, &sentence[end..])
        || defined
        || named
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

/// Words that, after a comma, open a gloss of the term (rule 2): an article or "or".
fn starts_with_gloss(lang: &str, text: &str) -> bool {
    let or: &[&str] = match lang {
        "es" => &["o", "u"],
        _ => &["or"],
    };
    let first: String = text
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase();
    articles(lang).contains(&first.as_str()) || or.contains(&first.as_str())
}

/// Words that introduce examples of the term (rule 2).
fn examples(lang: &str) -> &'static [&'static str] {
    match lang {
        "es" => &["como", "por ejemplo", "tales como", "p. ej."],
        _ => &["like", "such as", "for example", "for instance", "e.g."],
    }
}

/// Whether `text` starts with one of the language's example words, as whole words.
fn starts_with_example(lang: &str, text: &str) -> bool {
    let lower = text.to_lowercase();
    examples(lang).iter().any(|e| {
        lower
            .strip_prefix(e)
            .is_some_and(|after| after.chars().next().is_none_or(|c| !c.is_alphanumeric()))
    })
}

/// Rule 2: `(`, `:`, a dash or an example word with at most two words between the term and
/// it; a comma counts only when an example word, an article or "or" follows it.
fn sign_follows(lang: &str, rest: &str) -> bool {
    let mut words_seen = 0;
    let mut in_word = false;
    let mut previous = None;
    let mut chars = rest.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        if c.is_alphanumeric() {
            if !in_word {
                if starts_with_example(lang, &rest[i..]) {
                    return true;
                }
                words_seen += 1;
                if words_seen > 2 {
                    return false;
                }
            }
            in_word = true;
        } else if in_word
            && matches!(c, '\'' | '’' | '-')
            && next.is_some_and(char::is_alphanumeric)
        {
            // An apostrophe or hyphen inside a word ("it's", "gut-friendly") does not end it.
        } else {
            in_word = false;
            let spaced =
                previous.is_none_or(char::is_whitespace) && next.is_none_or(char::is_whitespace);
            match c {
                '(' | ':' | '—' | '–' => return true,
                '-' if spaced => return true,
                ',' => {
                    let after = rest[i + 1..].trim_start();
                    return starts_with_example(lang, after) || starts_with_gloss(lang, after);
                }
                ';' | ')' | '.' | '!' | '?' => return false,
                _ => {}
            }
        }
        previous = Some(c);
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
            "NSAIDs such as ibuprofen can hurt the gut.",
            "Fermented foods, like yogurt, help.",
            "Tight junctions, like tiny seals, hold the cells.",
            "Gluten, e.g. in bread.",
            "Inflammation means swelling and redness.",
            "Chronic stress is stress that lasts a long time.",
            "“Probiotics” are good bacteria.",
            "Your gut has bacteria, called the microbiome.",
            "A mix of bacteria named microbiome.",
            "Your microbiome, the mix of bacteria in your gut, matters.",
            "Take probiotics, or good bacteria, each day.",
        ] {
            assert!(explained("en", s), "{s}");
        }
        for s in [
            "Estrés crónico (estrés que dura mucho tiempo).",
            "Uso prolongado de antiinflamatorios como el ibuprofeno (AINE).",
            "Los probióticos son bacterias buenas.",
            "La inflamación significa hinchazón.",
            "Esto se llama disbiosis.",
            "Alimentos fermentados, como yogur, kéfir y chucrut.",
            "El AINE, por ejemplo el ibuprofeno.",
            "El **microbioma**, la mezcla de bacterias del intestino.",
            "Tome probióticos, o bacterias buenas.",
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
            "Probiotics, good bacteria, help.",
            "Probiotics help likeable people.",
            "Gluten harms some people, like me.",
            "Your gut-friendly probiotics help.",
        ] {
            assert!(!explained("en", s), "{s}");
        }
        for s in [
            "Esto puede causar inflamación.",
            "Pregunte por los probióticos y prebióticos.",
            "¿Cómo tomar probióticos, cómo?",
        ] {
            assert!(!explained("es", s), "{s}");
        }
    }
}

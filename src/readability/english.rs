//! English: syllables by rule, and the Flesch–Kincaid and SMOG grades.
//!
//! - Flesch–Kincaid grade = 0.39 × (words ÷ sentences) + 11.8 × (syllables ÷ words) − 15.59
//! - SMOG grade = 1.0430 × √(polysyllables × 30 ÷ sentences) + 3.1291, where a polysyllable
//!   is a word of three or more syllables
//!
//! Syllables are counted with the usual rule-based estimate (vowel groups, a silent final
//! `e`, two-vowel splits such as "-ia"), which agrees with dictionary counts on most words.

use super::Counts;

/// Flesch–Kincaid grade of the counts.
pub fn flesch_kincaid(c: &Counts) -> f32 {
    let (w, s, sy) = (c.words as f32, c.sentences as f32, c.syllables as f32);
    0.39 * (w / s) + 11.8 * (sy / w) - 15.59
}

/// SMOG grade of the counts.
pub fn smog(c: &Counts) -> f32 {
    1.0430 * (c.polysyllables as f32 * 30.0 / c.sentences as f32).sqrt() + 3.1291
}

/// Estimated syllables of an English word: groups of vowels, less silent endings, plus
/// vowel pairs that are spoken as two.
pub fn syllables(word: &str) -> usize {
    // A hyphenated word is its parts.
    if word.contains('-') {
        return word
            .split('-')
            .filter(|p| !p.is_empty())
            .map(syllables)
            .sum::<usize>()
            .max(1);
    }
    let w = folded(word);
    if w.is_empty() {
        return 0;
    }
    let count = without_silent_endings(&w, vowel_groups(&w));
    (count + two_syllable_pairs(&w)).max(1)
}

/// The letters of a word with accents folded (`café` → `cafe`), as characters: every rule
/// below indexes characters, never bytes, so any letter is safe.
fn folded(word: &str) -> Vec<char> {
    word.chars()
        .filter(|c| c.is_alphabetic())
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            other => other,
        })
        .collect()
}

fn vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

/// Whether the letters from `i` on start with `pattern`.
fn starts(w: &[char], i: usize, pattern: &str) -> bool {
    pattern
        .chars()
        .enumerate()
        .all(|(k, c)| w.get(i + k) == Some(&c))
}

/// Runs of vowels; `y` starting a word is a consonant ("yogurt").
fn vowel_groups(w: &[char]) -> usize {
    let mut count = 0;
    let mut prev = false;
    for (i, &c) in w.iter().enumerate() {
        let v = vowel(c) && !(c == 'y' && i == 0);
        if v && !prev {
            count += 1;
        }
        prev = v;
    }
    count
}

/// `count` less the endings that are written but not spoken; never below one.
fn without_silent_endings(w: &[char], mut count: usize) -> usize {
    let s: String = w.iter().collect();
    let n = w.len();
    // A silent final `e` ("make", "come"), but not "-le" after a consonant ("table").
    if s.ends_with('e') && n > 2 && !s.ends_with("le") && !vowel(w[n - 2]) && count > 1 {
        count -= 1;
    }
    // A silent `e` before a final `s` ("minutes", "times"), but not where it is spoken
    // ("places", "boxes", "changes") or part of "-les" ("tables").
    if s.ends_with("es") && n > 3 && count > 1 {
        let before = w[n - 3];
        let spoken = vowel(before)
            || matches!(before, 's' | 'x' | 'z' | 'c' | 'g')
            || s.ends_with("ches")
            || s.ends_with("shes")
            || (before == 'l' && !vowel(w[n - 4]));
        if !spoken {
            count -= 1;
        }
    }
    // A silent "-ue" after g or q ("fatigue", "unique").
    if (s.ends_with("gue") || s.ends_with("que")) && count > 1 {
        count -= 1;
    }
    // "-ed" after a letter other than t or d is silent ("loved"), after t/d it is not.
    if s.ends_with("ed") && n > 3 && !matches!(w[n - 3], 't' | 'd') && !vowel(w[n - 3]) && count > 1
    {
        count -= 1;
    }
    count
}

/// Vowel pairs spoken as two syllables: "bacteria", "biology", "fluid", "duo"; and "ea" in
/// "react", "create", "idea", "area" (but not in "health", "eat").
fn two_syllable_pairs(w: &[char]) -> usize {
    let mut extra = 0;
    for pair in ["ia", "io", "eo", "ua", "uo", "iu"] {
        for i in (0..w.len()).filter(|&i| starts(w, i, pair)) {
            let before = i.checked_sub(1).map(|b| w[b]);
            let single = starts(w, i, "ion")
                || starts(w, i, "eop")
                || starts(w, i, "eou")
                || starts(w, i, "ious")
                || (starts(w, i, "ial") && matches!(before, Some('t' | 'c' | 's')))
                || before == Some('q')
                || (pair == "ua" && before == Some('g'));
            if !single {
                extra += 1;
            }
        }
    }
    let s: String = w.iter().collect();
    if s.contains("eact") || s.contains("creat") || (s.ends_with("ea") && w.len() > 3) {
        extra += 1;
    }
    extra
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables_of_words_with_any_letters() {
        // Indexes are characters: letters of two bytes before a vowel pair once panicked.
        assert_eq!(syllables("ññññññial"), 2);
        assert_eq!(syllables("Ñandú"), 2);
        assert_eq!(syllables("日本"), 1);
    }

    #[test]
    fn syllables_of_common_words() {
        for (word, n) in [
            ("gut", 1),
            ("people", 2),
            ("minutes", 2),
            ("places", 2),
            ("tables", 2),
            ("medicines", 3),
            ("fatigue", 2),
            ("make", 1),
            ("table", 2),
            ("health", 1),
            ("yogurt", 2),
            ("bacteria", 4),
            ("inflammation", 4),
            ("diagnosis", 4),
            ("official", 3),
            ("medical", 3),
            ("probiotics", 4),
            ("react", 2),
            ("loved", 1),
            ("added", 2),
            ("sensitivities", 5),
            ("gut-friendly", 3),
            ("it’s", 1),
        ] {
            assert_eq!(syllables(word), n, "{word}");
        }
    }
}

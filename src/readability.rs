//! Reading level of a handout's prose: Flesch–Kincaid grade and SMOG grade.
//!
//! Health-literacy guidance asks for patient materials at grade 6–8. Both formulas are for
//! English text; other languages are not scored.
//!
//! - Flesch–Kincaid grade = 0.39 × (words ÷ sentences) + 11.8 × (syllables ÷ words) − 15.59
//! - SMOG grade = 1.0430 × √(polysyllables × 30 ÷ sentences) + 3.1291, where a polysyllable
//!   is a word of three or more syllables
//!
//! The prose is every paragraph, note text, bullet, step and checklist item, without `**`
//! markup. Each list item counts as one sentence (patients read items one at a time), as does
//! each run of text ending in `.`, `!` or `?`. Titles, headings and field labels are left out.
//! Syllables are counted with the usual rule-based estimate (vowel groups, a silent final
//! `e`, two-vowel splits such as "-ia"), which agrees with dictionary counts on most words.

use crate::model::{Block, Handout};

/// The reading level of a handout, with the counts behind it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Readability {
    pub sentences: usize,
    pub words: usize,
    pub syllables: usize,
    pub polysyllables: usize,
    pub flesch_kincaid: f32,
    pub smog: f32,
}

impl Readability {
    /// The higher of the two grades: what a `--max-grade` limit is checked against.
    pub fn grade(&self) -> f32 {
        self.flesch_kincaid.max(self.smog)
    }
}

/// Whether the formulas apply: English, or no language given.
pub fn applies_to(handout: &Handout) -> bool {
    handout.lang().is_english()
}

/// The sentences of a handout's prose.
fn sentences(handout: &Handout) -> Vec<String> {
    let mut out = Vec::new();
    let mut split = |plain: &str| {
        let mut current = String::new();
        let chars: Vec<char> = plain.chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            current.push(c);
            let ends = matches!(c, '.' | '!' | '?')
                && chars
                    .get(i + 1)
                    .is_none_or(|n| n.is_whitespace() || matches!(n, '"' | '”' | '’' | ')'));
            if ends {
                out.push(std::mem::take(&mut current));
            }
        }
        if current.chars().any(char::is_alphabetic) {
            out.push(current);
        }
    };
    for block in &handout.blocks {
        match block {
            Block::Text(t) => split(t.plain()),
            Block::Note(n) => split(n.text.plain()),
            Block::Bullets(items) | Block::Steps(items) => {
                items.iter().for_each(|t| split(t.plain()))
            }
            Block::Checklist(c) => c.items.iter().for_each(|t| split(t.plain())),
            Block::Columns(cols) => cols
                .iter()
                .flat_map(|c| &c.items)
                .for_each(|t| split(t.plain())),
            Block::Heading(_) | Block::Fields(_) | Block::Notes(_) | Block::Image(_) => {}
        }
    }
    out
}

/// The words of a sentence: runs of letters, with inner apostrophes and hyphens
/// ("it’s", "gut-friendly" count once).
fn words(sentence: &str) -> Vec<String> {
    sentence
        .split(|c: char| !(c.is_alphabetic() || matches!(c, '\'' | '’' | '-')))
        .map(|w| w.trim_matches(|c: char| !c.is_alphabetic()))
        .filter(|w| w.chars().any(char::is_alphabetic))
        .map(str::to_lowercase)
        .collect()
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

/// The reading level of a handout's prose, or `None` when it has no prose or is not English.
pub fn measure(handout: &Handout) -> Option<Readability> {
    if !applies_to(handout) {
        return None;
    }
    let sentences = sentences(handout);
    let mut word_count = 0;
    let mut syllables_total = 0;
    let mut poly = 0;
    for s in &sentences {
        for w in words(s) {
            let n = syllables(&w);
            word_count += 1;
            syllables_total += n;
            if n >= 3 {
                poly += 1;
            }
        }
    }
    if word_count == 0 || sentences.is_empty() {
        return None;
    }
    let (w, s, sy) = (
        word_count as f32,
        sentences.len() as f32,
        syllables_total as f32,
    );
    Some(Readability {
        sentences: sentences.len(),
        words: word_count,
        syllables: syllables_total,
        polysyllables: poly,
        flesch_kincaid: 0.39 * (w / s) + 11.8 * (sy / w) - 15.59,
        smog: 1.0430 * (poly as f32 * 30.0 / s).sqrt() + 3.1291,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[ignore = "a listing for editors, not a check"]
    fn list_polysyllables_of_shipped_handouts() {
        for name in [
            "symptom-checklist",
            "food-list",
            "stress-plan",
            "about-leaky-gut",
        ] {
            let path = format!("{}/handouts/{name}.yaml", env!("CARGO_MANIFEST_DIR"));
            let source = crate::model::Source::read(std::path::Path::new(&path)).unwrap();
            let h = crate::model::parse_handout(&source).unwrap();
            let poly: Vec<String> = sentences(&h)
                .iter()
                .flat_map(|s| words(s))
                .filter(|w| syllables(w) >= 3)
                .map(|w| format!("{w}({})", syllables(&w)))
                .collect();
            println!("{name}: {:?}\n  {}", measure(&h), poly.join(" "));
        }
    }

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

    fn handout(yaml: &str) -> Handout {
        let source = crate::model::Source {
            path: "t.yaml".into(),
            text: yaml.into(),
        };
        crate::model::parse_handout(&source).unwrap()
    }

    #[test]
    fn grades_follow_the_published_formulas() {
        // 2 sentences, 11 words of one syllable each.
        let h =
            handout("title: T\nblocks:\n  - text: The cat sat on the mat. A dog ran by fast.\n");
        let r = measure(&h).unwrap();
        assert_eq!(
            (r.sentences, r.words, r.syllables, r.polysyllables),
            (2, 11, 11, 0)
        );
        let fk = 0.39 * (11.0 / 2.0) + 11.8 * (11.0 / 11.0) - 15.59;
        assert!((r.flesch_kincaid - fk).abs() < 1e-4);
        assert!((r.smog - 3.1291).abs() < 1e-4);
        // Harder words, longer sentences: a higher grade.
        let hard = handout(
            "title: T\nblocks:\n  - text: Increased intestinal permeability potentially triggers \
             inflammation and immune responses throughout the gastrointestinal system.\n",
        );
        assert!(measure(&hard).unwrap().grade() > 15.0);
    }

    #[test]
    fn other_languages_are_not_scored() {
        let h = handout("title: T\nlang: es\nblocks:\n  - text: El intestino es una barrera.\n");
        assert_eq!(measure(&h), None);
    }
}

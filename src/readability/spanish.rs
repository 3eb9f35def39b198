//! Spanish: syllables by the rules of Spanish spelling, and two reading-ease scores.
//!
//! - Fernández-Huerta (1959) = 206.84 − 60 × (syllables ÷ words) − 1.02 × (words ÷ sentences),
//!   the form Law (2011) showed to be the one meant: the version usually quoted,
//!   206.84 − 0.60 P − 1.02 F with F = sentences per 100 words, makes shorter sentences
//!   score *harder*. Bands (0–100, higher is easier): below 30 very difficult, 30–50
//!   difficult, 50–60 somewhat difficult, 60–70 normal, 70–80 somewhat easy, 80–90 easy,
//!   90 and up very easy.
//! - INFLESZ (Barrio-Cantalejo et al., 2008) reads the Szigriszt-Pazos perspicuity
//!   (1993) = 206.835 − 62.3 × (syllables ÷ words) − (words ÷ sentences) on its own scale:
//!   below 40 very difficult, 40–55 somewhat difficult, 55–65 normal, 65–80 fairly easy,
//!   80 and up very easy. Texts for patients should reach 55 ("normal").
//!
//! A syllable is a vowel nucleus. Vowels next to each other share one (a diphthong or
//! triphthong: "bue-no", "ciu-dad", "U-ru-guay") unless they are two strong vowels
//! (a, e, o: "po-e-ta", "le-er"), two equal weak ones ("chi-i-ta"), or one is an accented
//! weak vowel (í, ú: "dí-a", "pa-ís", "re-ír"). `y` is a vowel when no vowel follows it
//! ("muy", "y"); the `u` of "que", "gui" needs no rule, since it joins the next vowel anyway.

use super::Counts;

/// Fernández-Huerta reading ease of the counts.
pub fn fernandez_huerta(c: &Counts) -> f32 {
    let (w, s, sy) = (c.words as f32, c.sentences as f32, c.syllables as f32);
    206.84 - 60.0 * (sy / w) - 1.02 * (w / s)
}

/// Szigriszt-Pazos perspicuity of the counts, the number the INFLESZ scale reads.
pub fn inflesz(c: &Counts) -> f32 {
    let (w, s, sy) = (c.words as f32, c.sentences as f32, c.syllables as f32);
    206.835 - 62.3 * (sy / w) - w / s
}

/// The score INFLESZ asks of texts for patients: "normal" or easier.
pub const INFLESZ_GOAL: f32 = 55.0;

/// The Fernández-Huerta band of a score.
pub fn fernandez_huerta_band(score: f32) -> &'static str {
    match score {
        s if s < 30.0 => "very difficult",
        s if s < 50.0 => "difficult",
        s if s < 60.0 => "somewhat difficult",
        s if s < 70.0 => "normal",
        s if s < 80.0 => "somewhat easy",
        s if s < 90.0 => "easy",
        _ => "very easy",
    }
}

/// The INFLESZ band of a perspicuity score.
pub fn inflesz_band(score: f32) -> &'static str {
    match score {
        s if s < 40.0 => "very difficult",
        s if s < 55.0 => "somewhat difficult",
        s if s < 65.0 => "normal",
        s if s < 80.0 => "fairly easy",
        _ => "very easy",
    }
}

/// How a vowel behaves next to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Vowel {
    /// a, e, o (accented or not).
    Strong,
    /// i, u, ü, and `y` used as a vowel; the letter, to tell "ii" from "iu".
    Weak(char),
    /// í, ú: always a syllable of its own.
    AccentedWeak,
}

fn vowel(c: char, next: Option<char>) -> Option<Vowel> {
    match c {
        'a' | 'e' | 'o' | 'á' | 'é' | 'ó' | 'à' | 'è' | 'ò' => Some(Vowel::Strong),
        'i' | 'ï' => Some(Vowel::Weak('i')),
        'u' | 'ü' => Some(Vowel::Weak('u')),
        'í' | 'ú' => Some(Vowel::AccentedWeak),
        // `y` before a vowel is a consonant ("yo", "mayo"); otherwise it sounds as `i`.
        'y' if next.is_none_or(|n| vowel(n, None).is_none()) => Some(Vowel::Weak('i')),
        _ => None,
    }
}

/// Whether two vowels side by side are said in two syllables.
fn hiatus(a: Vowel, b: Vowel) -> bool {
    match (a, b) {
        (Vowel::Strong, Vowel::Strong) => true,
        (Vowel::AccentedWeak, _) | (_, Vowel::AccentedWeak) => true,
        (Vowel::Weak(x), Vowel::Weak(y)) => x == y,
        _ => false,
    }
}

/// Syllables of a Spanish word; at least one for any word with a letter.
pub fn syllables(word: &str) -> usize {
    let letters: Vec<char> = word
        .chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    if letters.is_empty() {
        return 0;
    }
    let mut count = 0;
    let mut previous: Option<Vowel> = None;
    for (i, &c) in letters.iter().enumerate() {
        let this = vowel(c, letters.get(i + 1).copied());
        match (previous, this) {
            (None, Some(_)) => count += 1,
            (Some(p), Some(v)) if hiatus(p, v) => count += 1,
            _ => {}
        }
        previous = this;
    }
    count.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables_of_known_words() {
        for (word, n) in [
            ("y", 1),
            ("muy", 1),
            ("hoy", 1),
            ("buey", 1),
            ("agua", 2),
            ("huevo", 2),
            ("guerra", 2),
            ("quiero", 2),
            ("ciudad", 2),
            ("día", 2),
            ("país", 2),
            ("frío", 2),
            ("reír", 2),
            ("leer", 2),
            ("AINE", 2),
            ("aceite", 3),
            ("poeta", 3),
            ("oído", 3),
            ("caída", 3),
            ("veía", 3),
            ("ahora", 3),
            ("ayuda", 3),
            ("Uruguay", 3),
            ("pingüino", 3),
            ("bacterias", 3),
            ("síntomas", 3),
            ("intestino", 4),
            ("inflamación", 4),
            ("probióticos", 4),
            ("microbioma", 4),
            ("estómago", 4),
            ("alimentos", 4),
            ("aéreo", 4),
            ("ibuprofeno", 5),
            ("permeabilidad", 6),
            ("antiinflamatorio", 7),
        ] {
            assert_eq!(syllables(word), n, "{word}");
        }
        assert_eq!(syllables("—"), 0);
        assert_eq!(syllables("pst"), 1, "a word without vowels is still one");
    }

    #[test]
    fn scores_match_hand_computed_values() {
        // "El gato come pan. La niña lee un libro.": 9 words, 2 sentences,
        // el·ga-to·co-me·pan = 6 and la·ni-ña·le-e·un·li-bro = 8 syllables.
        let c = Counts {
            sentences: 2,
            words: 9,
            syllables: 14,
            polysyllables: 0,
        };
        // 206.84 − 60 × 14/9 − 1.02 × 9/2 = 206.84 − 93.333 − 4.59
        assert!((fernandez_huerta(&c) - 108.917).abs() < 0.01);
        // 206.835 − 62.3 × 14/9 − 9/2 = 206.835 − 96.911 − 4.5
        assert!((inflesz(&c) - 105.424).abs() < 0.01);
        // Long words and long sentences: 30 words of 3 syllables in one sentence.
        let hard = Counts {
            sentences: 1,
            words: 30,
            syllables: 90,
            polysyllables: 30,
        };
        // 206.84 − 180 − 30.6 and 206.835 − 186.9 − 30
        assert!((fernandez_huerta(&hard) - (-3.76)).abs() < 0.01);
        assert!((inflesz(&hard) - (-10.065)).abs() < 0.01);
    }

    #[test]
    fn bands_have_the_published_edges() {
        assert_eq!(inflesz_band(39.9), "very difficult");
        assert_eq!(inflesz_band(40.0), "somewhat difficult");
        assert_eq!(inflesz_band(54.9), "somewhat difficult");
        assert_eq!(inflesz_band(55.0), "normal");
        assert_eq!(inflesz_band(65.0), "fairly easy");
        assert_eq!(inflesz_band(80.0), "very easy");
        assert_eq!(fernandez_huerta_band(29.0), "very difficult");
        assert_eq!(fernandez_huerta_band(45.0), "difficult");
        assert_eq!(fernandez_huerta_band(55.0), "somewhat difficult");
        assert_eq!(fernandez_huerta_band(65.0), "normal");
        assert_eq!(fernandez_huerta_band(75.0), "somewhat easy");
        assert_eq!(fernandez_huerta_band(85.0), "easy");
        assert_eq!(fernandez_huerta_band(95.0), "very easy");
    }
}

//! Reading level and plain language of a handout's prose.
//!
//! Health-literacy guidance asks for patient materials at grade 6–8, in everyday words, with
//! each medical term explained where it first appears. This module scores the prose
//! ([`measure`]) and finds what a patient would stumble on ([`check`]):
//!
//! - English is scored with the Flesch–Kincaid and SMOG grades ([`english`]); Spanish with
//!   Fernández-Huerta and INFLESZ ([`spanish`]). The handout's `lang:` picks the formulas;
//!   other languages are not scored.
//! - A sentence of more than [`MAX_SENTENCE_WORDS`] words, and a medical term from the list
//!   in `data/medical-terms.yaml` ([`terms`]) used without an explanation ([`explained`]),
//!   get a warning at their place in the YAML.
//!
//! The prose is every paragraph, note text, bullet, step and checklist or column item,
//! without `**` markup ([`prose`]). Each list item counts as one sentence (patients read
//! items one at a time), as does each run of text ending in `.`, `!` or `?`. Titles,
//! headings and field labels are left out.

mod check;
pub mod english;
pub mod explained;
mod place;
pub mod prose;
pub mod spanish;
pub mod terms;

use crate::diagnostics::Diagnostic;
use crate::model::{Handout, Source};

pub use check::{plain_language, MAX_SENTENCE_WORDS};
pub use english::syllables;

/// What the formulas count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub sentences: usize,
    pub words: usize,
    pub syllables: usize,
    /// Words of three or more syllables.
    pub polysyllables: usize,
}

/// The scores of a handout's language.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Scores {
    /// US school grades: lower is easier.
    English { flesch_kincaid: f32, smog: f32 },
    /// Reading ease from 0 to 100: higher is easier.
    Spanish { fernandez_huerta: f32, inflesz: f32 },
}

/// The reading level of a handout, with the counts behind it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Readability {
    pub counts: Counts,
    pub scores: Scores,
}

impl Readability {
    /// The US school grade, the higher of Flesch–Kincaid and SMOG: what a `--max-grade`
    /// limit is checked against. English only.
    pub fn grade(&self) -> Option<f32> {
        match self.scores {
            Scores::English {
                flesch_kincaid,
                smog,
            } => Some(flesch_kincaid.max(smog)),
            Scores::Spanish { .. } => None,
        }
    }

    /// The scores in words: "reading grade 7.7 (Flesch–Kincaid 4.4, SMOG 7.7)", or
    /// "Fernández-Huerta 78.1 (somewhat easy), INFLESZ 72.0 (fairly easy)".
    pub fn describe(&self) -> String {
        match self.scores {
            Scores::English {
                flesch_kincaid,
                smog,
            } => format!(
                "reading grade {:.1} (Flesch–Kincaid {flesch_kincaid:.1}, SMOG {smog:.1})",
                flesch_kincaid.max(smog)
            ),
            Scores::Spanish {
                fernandez_huerta,
                inflesz,
            } => format!(
                "Fernández-Huerta {fernandez_huerta:.1} ({}), INFLESZ {inflesz:.1} ({})",
                spanish::fernandez_huerta_band(fernandez_huerta),
                spanish::inflesz_band(inflesz)
            ),
        }
    }
}

/// Whether the handout's language is scored and checked: English (or no language given), or
/// Spanish. The formulas and the sentence-length rule count words between spaces; Chinese has
/// no spaces and a Vietnamese word is a syllable, so neither transfers to the other languages.
pub fn applies_to(handout: &Handout) -> bool {
    matches!(handout.lang().primary().as_str(), "en" | "es")
}

/// What the report says in place of a reading level for a language the checks do not apply
/// to: "reading level and plain-language checks are for English and Spanish; not run for
/// Tiếng Việt (vi)". `None` for English and Spanish.
pub fn not_checked(handout: &Handout) -> Option<String> {
    if applies_to(handout) {
        return None;
    }
    let lang = handout.lang();
    let name = match crate::i18n::language(lang.as_str()) {
        Some(language) => format!("{} ({lang})", language.name),
        None => format!("`{lang}`"),
    };
    Some(format!(
        "reading level and plain-language checks are for English and Spanish; not run for {name}"
    ))
}

/// The reading level of a handout's prose, or `None` when it has no prose or its language is
/// not scored.
pub fn measure(handout: &Handout) -> Option<Readability> {
    let spanish = match handout.lang().primary().as_str() {
        "en" => false,
        "es" => true,
        _ => return None,
    };
    let syllables_of = if spanish {
        spanish::syllables
    } else {
        english::syllables
    };
    let passages = prose::passages(handout);
    let sentences = prose::sentences(&passages);
    let mut counts = Counts {
        sentences: sentences.len(),
        words: 0,
        syllables: 0,
        polysyllables: 0,
    };
    for w in sentences.iter().flat_map(|s| prose::words(s.text)) {
        let n = syllables_of(&w.text.to_lowercase());
        counts.words += 1;
        counts.syllables += n;
        counts.polysyllables += usize::from(n >= 3);
    }
    if counts.words == 0 {
        return None;
    }
    let scores = if spanish {
        Scores::Spanish {
            fernandez_huerta: spanish::fernandez_huerta(&counts),
            inflesz: spanish::inflesz(&counts),
        }
    } else {
        Scores::English {
            flesch_kincaid: english::flesch_kincaid(&counts),
            smog: english::smog(&counts),
        }
    };
    Some(Readability { counts, scores })
}

/// Every readability warning of a handout: its level (an English grade above `max_grade`,
/// a Spanish INFLESZ score below [`spanish::INFLESZ_GOAL`]), then the plain-language check.
/// None for a language the checks do not apply to (see [`applies_to`]).
pub fn check(
    source: &Source,
    handout: &Handout,
    readability: Option<&Readability>,
    max_grade: f32,
) -> Vec<Diagnostic> {
    let level = readability.and_then(|r| level_warning(source, r, max_grade));
    level
        .into_iter()
        .chain(plain_language(source, handout))
        .collect()
}

/// A warning for prose that reads above the goal.
fn level_warning(source: &Source, r: &Readability, max_grade: f32) -> Option<Diagnostic> {
    let message = match r.scores {
        Scores::English {
            flesch_kincaid,
            smog,
        } => r.grade().filter(|g| *g > max_grade).map(|g| {
            format!(
                "reading grade {g:.1} is above {max_grade} (Flesch–Kincaid {flesch_kincaid:.1}, SMOG {smog:.1})"
            )
        }),
        Scores::Spanish { inflesz, .. } => (inflesz < spanish::INFLESZ_GOAL).then(|| {
            format!(
                "{} is below INFLESZ {}, the “normal” band patient texts should reach",
                r.describe(),
                spanish::INFLESZ_GOAL
            )
        }),
    }?;
    let d = Diagnostic::new(&source.path, message).warning();
    Some(d.help("shorter sentences and shorter words make it easier"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn handout(yaml: &str) -> Handout {
        let source = Source {
            path: "t.yaml".into(),
            text: yaml.into(),
        };
        crate::model::parse_handout(&source).unwrap()
    }

    #[test]
    #[ignore = "a listing for editors, not a check"]
    fn list_scores_and_long_words_of_shipped_handouts() {
        for name in [
            "symptom-checklist",
            "food-list",
            "stress-plan",
            "about-leaky-gut",
        ] {
            for dir in ["handouts", "handouts/es"] {
                let path = format!("{}/{dir}/{name}.yaml", env!("CARGO_MANIFEST_DIR"));
                let source = Source::read(std::path::Path::new(&path)).unwrap();
                let h = crate::model::parse_handout(&source).unwrap();
                let passages = prose::passages(&h);
                let long: Vec<String> = prose::sentences(&passages)
                    .iter()
                    .flat_map(|s| prose::words(s.text))
                    .map(|w| w.text.to_lowercase())
                    .filter(|w| syllables(w) >= 3)
                    .collect();
                let r = measure(&h).map(|r| r.describe()).unwrap_or_default();
                println!("{dir}/{name}: {r}\n  {}", long.join(" "));
            }
        }
    }

    #[test]
    fn english_grades_follow_the_published_formulas() {
        // 2 sentences, 11 words of one syllable each.
        let h =
            handout("title: T\nblocks:\n  - text: The cat sat on the mat. A dog ran by fast.\n");
        let r = measure(&h).unwrap();
        let c = r.counts;
        assert_eq!(
            (c.sentences, c.words, c.syllables, c.polysyllables),
            (2, 11, 11, 0)
        );
        // 0.39 × 11/2 + 11.8 × 11/11 − 15.59 = 2.145 + 11.8 − 15.59; SMOG with no long words.
        let Scores::English {
            flesch_kincaid,
            smog,
        } = r.scores
        else {
            panic!("English scores: {r:?}");
        };
        assert!((flesch_kincaid - (-1.645)).abs() < 1e-4);
        assert!((smog - 3.1291).abs() < 1e-4);
        // Harder words, longer sentences: a higher grade.
        let hard = handout(
            "title: T\nblocks:\n  - text: Increased intestinal permeability potentially triggers \
             inflammation and immune responses throughout the gastrointestinal system.\n",
        );
        assert!(measure(&hard).unwrap().grade().unwrap() > 15.0);
    }

    #[test]
    fn spanish_prose_gets_spanish_scores() {
        let h = handout(
            "title: T\nlang: es\nblocks:\n  - text: El gato come pan. La niña lee un libro.\n",
        );
        let r = measure(&h).unwrap();
        assert_eq!(
            (r.counts.sentences, r.counts.words, r.counts.syllables),
            (2, 9, 14)
        );
        let Scores::Spanish {
            fernandez_huerta,
            inflesz,
        } = r.scores
        else {
            panic!("Spanish scores: {r:?}");
        };
        assert!((fernandez_huerta - 108.917).abs() < 0.01);
        assert!((inflesz - 105.424).abs() < 0.01);
        assert_eq!(r.grade(), None);
        assert_eq!(
            r.describe(),
            "Fernández-Huerta 108.9 (very easy), INFLESZ 105.4 (very easy)"
        );
        let de = handout("title: T\nlang: de\nblocks:\n  - text: Der Darm ist eine Wand.\n");
        assert_eq!(measure(&de), None, "no formulas for German");
    }

    #[test]
    fn the_level_warning_follows_the_language() {
        let check_of = |yaml: &str, max: f32| {
            let source = Source {
                path: "t.yaml".into(),
                text: yaml.into(),
            };
            let h = crate::model::parse_handout(&source).unwrap();
            let r = measure(&h);
            check(&source, &h, r.as_ref(), max)
        };
        let en = "title: T\nblocks:\n  - text: The cat sat on the mat.\n";
        assert!(check_of(en, 8.0).is_empty());
        let low = check_of(en, -5.0);
        assert!(low[0].message.contains("is above -5"), "{:?}", low);
        let hard_es = "title: T\nlang: es\nblocks:\n  - text: La permeabilidad \
                       intestinal aumentada desencadena respuestas inmunológicas.\n";
        let w = check_of(hard_es, 8.0);
        assert!(
            w[0].message.contains("is below INFLESZ 55") && !w[0].is_error(),
            "{w:?}"
        );
    }

    #[test]
    fn languages_without_a_formula_get_no_findings_and_say_why() {
        // 30 space-separated units and an unexplained medical term: findings in English.
        let long = vec!["word"; 30].join(" ");
        let yaml = |lang: &str, sentence: &str| {
            format!("title: T\nlang: {lang}\nblocks:\n  - text: {sentence} Dysbiosis.\n")
        };
        let source = |text: String| Source {
            path: "t.yaml".into(),
            text,
        };
        let english = source(yaml("en", &format!("{long}.")));
        let findings = check(&english, &handout(&english.text), None, 8.0);
        assert_eq!(findings.len(), 2, "{findings:?}");
        assert!(not_checked(&handout(&english.text)).is_none());
        let vietnamese = vec!["tôi"; 30].join(" ");
        for (lang, sentence, name) in [
            ("vi", vietnamese.as_str(), "Tiếng Việt (vi)"),
            (
                "zh-Hans",
                "这是一个很长的句子，没有空格，但是它仍然是一个句子。",
                "中文（简体） (zh-Hans)",
            ),
            ("ar", "هذه جملة طويلة جدا.", "العربية (ar)"),
        ] {
            let s = source(yaml(lang, sentence));
            let h = handout(&s.text);
            assert!(measure(&h).is_none(), "{lang}");
            assert!(check(&s, &h, None, 8.0).is_empty(), "{lang}");
            let note = not_checked(&h).unwrap_or_default();
            assert!(note.ends_with(&format!("not run for {name}")), "{note}");
        }
    }
}

//! Language tags (`en-US`, `es`, `zh-Hans`), checked once when the YAML is read.

use std::fmt;

use serde::Deserialize;

/// A BCP 47 language tag, checked when parsed: a primary subtag of two or three letters, then
/// subtags of two to eight letters or digits. Kept as written; compared by [`Lang::primary`]
/// where only the language matters (`es-MX` reads the Spanish strings).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(try_from = "String")]
pub struct Lang {
    tag: String,
    /// Length of the primary subtag, in bytes (the tag is ASCII).
    primary_len: usize,
}

impl Lang {
    /// Handouts without `lang:` are in US English.
    pub fn english() -> Lang {
        Lang {
            tag: "en-US".into(),
            primary_len: 2,
        }
    }

    /// The tag as written: `es-MX`.
    pub fn as_str(&self) -> &str {
        &self.tag
    }

    /// The language alone, lowercase as tags compare: `es`.
    pub fn primary(&self) -> String {
        self.tag[..self.primary_len].to_ascii_lowercase()
    }

    pub fn is_english(&self) -> bool {
        self.primary() == "en"
    }
}

impl TryFrom<String> for Lang {
    type Error = String;

    fn try_from(tag: String) -> Result<Lang, String> {
        let tag = tag.trim().to_string();
        let mut parts = tag.split('-');
        let primary = parts.next().unwrap_or("");
        let ok = (2..=3).contains(&primary.len())
            && primary.chars().all(|c| c.is_ascii_alphabetic())
            && parts.all(|p| {
                (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric())
            });
        if !ok {
            return Err(format!(
                "invalid language `{tag}`: expected a tag such as `en-US` or `es`"
            ));
        }
        Ok(Lang {
            primary_len: primary.len(),
            tag,
        })
    }
}

/// Written back as the tag (the JSON Schema shows defaults this way).
impl serde::Serialize for Lang {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.tag)
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.tag)
    }
}

/// A located warning when the tool has no words of its own in a handout's `lang:` (its page
/// numbers and other words then print in English): at the value, naming the languages it
/// has, with a suggestion when the tag is one letter from one of them (`arb` → `ar`). A tag
/// sharing a known language's primary subtag gets none: `zh-Hant` (Traditional Chinese) is
/// no typo of `zh-Hans`.
pub fn unknown_lang_warning(
    lang: &Lang,
    source: &super::Source,
) -> Option<crate::diagnostics::Diagnostic> {
    use crate::diagnostics::Diagnostic;
    use crate::i18n;
    if i18n::language(lang.as_str()).is_some() {
        return None;
    }
    let field = super::FieldPath::at("lang");
    let d = Diagnostic::in_source_text(
        source,
        &field,
        lang.as_str(),
        format!("the tool has no words of its own in `{lang}`; page numbers and its other words print in English"),
    );
    let all = i18n::languages().all();
    let listed: Vec<String> = all
        .iter()
        .map(|l| format!("`{}` {}", l.tag, l.english))
        .collect();
    let typed = lang.as_str().to_ascii_lowercase();
    let near = all.iter().find(|l| {
        let tag = l.tag.to_ascii_lowercase();
        strsim::levenshtein(&typed, &tag) <= 1
            && !tag.starts_with(&format!("{}-", lang.primary()))
            && tag != lang.primary()
    });
    let help = match near {
        Some(l) => format!(
            "did you mean `{}` ({})? languages available: {}",
            l.tag,
            l.english,
            listed.join(", ")
        ),
        None => format!("languages available: {}", listed.join(", ")),
    };
    Some(d.warning().help(help))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(s: &str) -> Result<Lang, String> {
        Lang::try_from(s.to_string())
    }

    #[test]
    fn tags_parse_and_keep_their_primary_subtag() {
        assert_eq!(lang("es-MX").unwrap().primary(), "es");
        assert_eq!(lang("ES").unwrap().primary(), "es");
        assert_eq!(lang("zh-Hans-CN").unwrap().as_str(), "zh-Hans-CN");
        assert!(Lang::english().is_english());
    }

    #[test]
    fn unknown_languages_warn_at_the_value_with_a_suggestion_when_one_letter_off() {
        let warn = |tag: &str| {
            let source = crate::model::Source {
                path: "h.yaml".into(),
                text: format!("title: T\nlang: {tag}\nblocks: []\n"),
            };
            unknown_lang_warning(&lang(tag).unwrap(), &source)
        };
        for known in ["en-US", "es-MX", "zh-Hans-CN", "zh", "ar-SA", "vi"] {
            assert!(warn(known).is_none(), "{known}");
        }
        let d = warn("arb").expect("a warning");
        assert_eq!(d.location, Some((2, 7)));
        assert!(!d.is_error());
        let help = d.help.unwrap_or_default();
        assert!(help.starts_with("did you mean `ar` (Arabic)?"), "{help}");
        assert!(help.contains("`zh-Hans` Chinese (Simplified)"), "{help}");
        for no_suggestion in ["de", "zh-Hant", "en-GB-x1"] {
            let help = warn(no_suggestion).and_then(|d| d.help).unwrap_or_default();
            if no_suggestion == "en-GB-x1" {
                assert!(help.is_empty(), "en-GB-x1 is English: {help}");
            } else {
                assert!(
                    help.starts_with("languages available: `en` English"),
                    "{help}"
                );
            }
        }
    }

    #[test]
    fn malformed_tags_are_refused_with_an_example() {
        for bad in ["", "e", "english", "es_MX", "es-", "en-US-x", "1a", "es-ÁB"] {
            let err = lang(bad).unwrap_err();
            assert!(
                err.contains("expected a tag such as `en-US`"),
                "{bad}: {err}"
            );
        }
    }
}

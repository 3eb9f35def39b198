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

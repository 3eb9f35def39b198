//! Inline markup inside text: `**bold**` spans, nothing else.
//!
//! Text that may carry markup is a [`RichText`], parsed once when the handout is read: serde
//! refuses an unclosed `**` at the value's line and column, and layout sets the spans as they
//! are, never looking at `**` again.

use std::borrow::Cow;

use serde::Deserialize;

/// A stretch of text in one face.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub bold: bool,
}

/// Text with `**bold**` spans, checked when the handout is read. In the YAML (and its
/// schema) it is a plain string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RichText {
    /// Non-empty spans, in order.
    spans: Vec<Span>,
    /// The spans' text joined: what a reader hears.
    plain: String,
}

impl RichText {
    /// The spans to set, each in its face; none for text that is only markup.
    pub fn spans(&self) -> &[Span] {
        &self.spans
    }

    /// The text without markup, as a reader hears it.
    pub fn plain(&self) -> &str {
        &self.plain
    }
}

impl TryFrom<String> for RichText {
    type Error = String;

    /// Splits `**bold**` markup into spans. An unclosed `**` is an error, not silently
    /// literal, because it almost always means a typo that would print stray asterisks.
    fn try_from(text: String) -> Result<Self, String> {
        check_balanced(&text)?;
        let spans: Vec<Span> = text
            .split("**")
            .enumerate()
            .filter(|(_, part)| !part.is_empty())
            .map(|(i, part)| Span {
                text: part.to_string(),
                // Every `**` toggles bold, so the odd parts are the bold ones.
                bold: i % 2 == 1,
            })
            .collect();
        let plain = spans.iter().map(|s| s.text.as_str()).collect();
        Ok(RichText { spans, plain })
    }
}

impl TryFrom<&str> for RichText {
    type Error = String;

    fn try_from(text: &str) -> Result<Self, String> {
        RichText::try_from(text.to_string())
    }
}

/// An error if `text` has an odd number of `**`: bold that is opened and never closed.
pub fn check_balanced(text: &str) -> Result<(), String> {
    if text.matches("**").count() % 2 == 1 {
        return Err("unclosed `**`: bold text needs `**` before and after it".into());
    }
    Ok(())
}

impl<'de> Deserialize<'de> for RichText {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(RichTextVisitor)
    }
}

/// Parses the string while serde_yaml still stands on it, so that an error is located at the
/// value itself. (`#[serde(try_from = "String")]` would parse after the string is read, and
/// serde_yaml would place the error at the start of the enclosing list or block.)
struct RichTextVisitor;

impl serde::de::Visitor<'_> for RichTextVisitor {
    type Value = RichText;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        // As for `String`, so a wrong type reads the same as in any other text field.
        f.write_str("a string")
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<RichText, E> {
        RichText::try_from(text).map_err(E::custom)
    }
}

impl schemars::JsonSchema for RichText {
    // A plain string in the schema, the same as `String`'s: markup is not the schema's business.
    fn inline_schema() -> bool {
        String::inline_schema()
    }

    fn schema_name() -> Cow<'static, str> {
        String::schema_name()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        String::json_schema(generator)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rich(text: &str) -> RichText {
        RichText::try_from(text).expect("balanced markup")
    }

    #[test]
    fn bold_spans_split() {
        let text = rich("Eat **whole foods** daily");
        let spans = text.spans();
        assert_eq!(spans.len(), 3);
        assert!(!spans[0].bold && spans[1].bold && !spans[2].bold);
        assert_eq!(spans[1].text, "whole foods");
        assert_eq!(text.plain(), "Eat whole foods daily");
    }

    #[test]
    fn bold_may_start_or_end_the_text_or_a_word() {
        let text = rich("**Bottom line:** a **gut**-friendly diet");
        let bold: Vec<(&str, bool)> = text
            .spans()
            .iter()
            .map(|s| (s.text.as_str(), s.bold))
            .collect();
        assert_eq!(
            bold,
            [
                ("Bottom line:", true),
                (" a ", false),
                ("gut", true),
                ("-friendly diet", false)
            ]
        );
    }

    #[test]
    fn unclosed_bold_is_an_error_with_the_fix_in_its_message() {
        for text in ["Eat **whole foods daily", "**", "a **b** c **d", "***"] {
            let err = RichText::try_from(text).expect_err(text);
            assert_eq!(
                err, "unclosed `**`: bold text needs `**` before and after it",
                "{text}"
            );
        }
    }

    #[test]
    fn markup_alone_is_empty_text_for_the_checks() {
        let text = rich("****");
        assert!(text.spans().is_empty());
        assert_eq!(text.plain(), "");
    }

    #[test]
    fn serde_reads_every_scalar_a_string_field_reads() {
        for yaml in ["x", "1", "2.5", "true", "~", "", "'**a**'", "[a]", "{a: b}"] {
            let as_string = serde_yaml::from_str::<String>(yaml).map_err(|e| e.to_string());
            let as_rich = serde_yaml::from_str::<RichText>(yaml).map_err(|e| e.to_string());
            match (&as_string, &as_rich) {
                (Ok(s), Ok(r)) => assert_eq!(rich(s), *r, "{yaml:?}"),
                (Err(s), Err(r)) => assert_eq!(s, r, "{yaml:?}"),
                _ => panic!("{yaml:?}: {as_string:?} as a String, {as_rich:?} as rich text"),
            }
        }
    }

    #[test]
    fn serde_refuses_unclosed_bold_at_the_value() {
        let err =
            serde_yaml::from_str::<Vec<RichText>>("- fine\n- not **fine\n").expect_err("unclosed");
        let at = err.location().expect("located");
        assert_eq!((at.line(), at.column()), (2, 3));
        assert!(err.to_string().contains("unclosed `**`"), "{err}");
    }
}

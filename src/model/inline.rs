//! Inline markup inside text: `**bold**` spans, nothing else.

/// A stretch of text in one face.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub bold: bool,
}

/// Splits `**bold**` markup into spans. An unclosed `**` is an error, not silently literal,
/// because it almost always means a typo that would print stray asterisks.
pub fn parse(text: &str) -> Result<Vec<Span>, String> {
    let mut spans = Vec::new();
    let mut bold = false;
    for (i, part) in text.split("**").enumerate() {
        if i > 0 {
            bold = !bold;
        }
        if !part.is_empty() {
            spans.push(Span {
                text: part.to_string(),
                bold,
            });
        }
    }
    if bold {
        return Err("unclosed `**`: bold text needs `**` before and after it".into());
    }
    Ok(spans)
}

/// The text without markup, as a reader hears it.
pub fn plain(text: &str) -> String {
    text.replace("**", "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bold_spans_split() {
        let spans = parse("Eat **whole foods** daily").unwrap();
        assert_eq!(spans.len(), 3);
        assert!(!spans[0].bold && spans[1].bold && !spans[2].bold);
        assert_eq!(spans[1].text, "whole foods");
    }

    #[test]
    fn unclosed_bold_is_an_error() {
        assert!(parse("Eat **whole foods daily").is_err());
    }
}

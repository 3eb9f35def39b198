//! Reading `data/languages.yaml`: serde into plain records, then every check a translator's
//! edit could break (a missing placeholder, eleven months, a tag twice), each naming the
//! language and the key. The shipped file is checked by `cargo test`, so a run never meets
//! these errors; a data file given to [`parse`] in a test does.

use serde::Deserialize;

use super::{Direction, Language, Languages, Strings};

/// One language as written in the data file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLanguage {
    tag: String,
    #[serde(default)]
    also: Vec<String>,
    name: String,
    english: String,
    #[serde(default)]
    names: Vec<String>,
    direction: RawDirection,
    page_of: String,
    reviewed: String,
    date: String,
    months: Vec<String>,
    qr_caption: String,
    call_clinic: String,
    draft: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "lowercase")]
enum RawDirection {
    Ltr,
    Rtl,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    other_right_to_left: Vec<String>,
    languages: Vec<RawLanguage>,
}

/// The placeholders each string must keep, by key.
const PLACEHOLDERS: [(&str, &[&str]); 6] = [
    ("page_of", &["{n}", "{m}"]),
    ("reviewed", &["{date}"]),
    ("date", &["{month}", "{year}"]),
    ("qr_caption", &[]),
    ("call_clinic", &["{clinic}"]),
    ("draft", &[]),
];

/// Strings live as long as the program: the shipped table is parsed once, and a test's table
/// is small. Leaking them keeps [`Strings`] a plain `Copy` of `&'static str`s.
fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

/// Parses and checks a languages data file. The error names the language and key at fault.
pub fn parse(yaml: &str) -> Result<Languages, String> {
    let raw: RawFile =
        serde_yaml::from_str(yaml).map_err(|e| format!("languages data file: {e}"))?;
    let mut languages: Vec<Language> = Vec::with_capacity(raw.languages.len());
    for entry in raw.languages {
        let language = check(entry)?;
        let clash = languages.iter().find(|l| {
            l.tags()
                .any(|t| language.tags().any(|u| t.eq_ignore_ascii_case(u)))
        });
        if let Some(other) = clash {
            return Err(format!(
                "languages data file: `{}` and `{}` share a tag",
                other.tag, language.tag
            ));
        }
        languages.push(language);
    }
    if languages.first().map(|l| l.tag) != Some("en") {
        return Err("languages data file: the first language must be `en`, the fallback".into());
    }
    Ok(Languages {
        languages,
        other_right_to_left: raw
            .other_right_to_left
            .into_iter()
            .map(|t| leak(t.to_ascii_lowercase()))
            .collect(),
    })
}

/// Checks one entry and turns it into a [`Language`].
fn check(raw: RawLanguage) -> Result<Language, String> {
    let tag = raw.tag.clone();
    let fail = |key: &str, what: String| format!("languages data file: `{tag}`: `{key}` {what}");
    for t in std::iter::once(&raw.tag).chain(&raw.also) {
        if crate::model::Lang::try_from(t.clone()).is_err() {
            return Err(fail("tag", format!("`{t}` is not a language tag")));
        }
    }
    let texts = [
        &raw.page_of,
        &raw.reviewed,
        &raw.date,
        &raw.qr_caption,
        &raw.call_clinic,
        &raw.draft,
    ];
    for ((key, needed), text) in PLACEHOLDERS.iter().zip(texts) {
        if text.trim().is_empty() {
            return Err(fail(key, "is empty".into()));
        }
        if let Some(missing) = needed.iter().find(|p| !text.contains(**p)) {
            return Err(fail(key, format!("lacks the placeholder `{missing}`")));
        }
    }
    if raw.name.trim().is_empty() || raw.english.trim().is_empty() {
        return Err(fail("name", "and `english` must not be empty".into()));
    }
    let months: [String; 12] = raw.months.try_into().map_err(|m: Vec<String>| {
        fail("months", format!("has {} names; a year has 12", m.len()))
    })?;
    if months.iter().any(|m| m.trim().is_empty()) {
        return Err(fail("months", "has an empty name".into()));
    }
    let tag: &'static str = leak(raw.tag);
    Ok(Language {
        tag,
        also: raw.also.into_iter().map(leak).collect(),
        name: leak(raw.name),
        english: leak(raw.english),
        names: raw.names.into_iter().map(leak).collect(),
        direction: match raw.direction {
            RawDirection::Ltr => Direction::LeftToRight,
            RawDirection::Rtl => Direction::RightToLeft,
        },
        strings: Strings {
            lang: tag,
            page_of: leak(raw.page_of),
            reviewed: leak(raw.reviewed),
            date: leak(raw.date),
            months: months.map(leak),
            qr_caption: leak(raw.qr_caption),
            call_clinic: leak(raw.call_clinic),
            draft: leak(raw.draft),
        },
    })
}

//! Characters the fonts cannot draw (neither the brand's face nor its fallback, see
//! [`super::metrics`]), found before anything is laid out, so that nothing on the page prints
//! as nothing or as a box: the handout's texts, the brand's (clinic name, tagline, contact
//! line, disclaimer, and their translations) and the tool's own words (the page label, the
//! contact line's separators).
//!
//! Each character is reported once, at the first field that has it. The brand's own texts
//! and the English words are checked once per run, before any handout (see `run::setup`); a
//! translation and the page label in another language with each handout that prints them.

use super::{hyphen, LayoutError, Metrics};
use crate::assets::fonts::Face;
use crate::i18n;
use crate::model::{Brand, FieldPath, Handout, Lang};

/// Between the parts of the footer's contact line: phone · website · address.
pub const CONTACT_SEPARATOR: &str = " · ";

/// What a text to check is: where it is written, the text, and the faces it may be set in.
type Text<'a> = (FieldPath, &'a str, &'static [Face]);

const BOTH: &[Face] = &[Face::Regular, Face::Bold];
const REGULAR: &[Face] = &[Face::Regular];
const BOLD: &[Face] = &[Face::Bold];

/// The character a font must have for `c` to print: a soft hyphen is never drawn, but where a
/// line breaks at one a hyphen is.
fn drawn(c: char) -> char {
    if c == hyphen::SOFT_HYPHEN {
        hyphen::HYPHEN
    } else {
        c
    }
}

/// Each character of `texts` one of its faces lacks, once, with the field it is first in.
fn missing(texts: &[Text], m: &Metrics) -> Vec<(FieldPath, char, char, Face)> {
    let mut seen = Vec::new();
    let mut out = Vec::new();
    for (field, text, faces) in texts {
        for c in text.chars() {
            let needed = drawn(c);
            let lacking = faces.iter().find(|&&f| !m.face(f).covers(needed));
            if let (Some(&face), false) = (lacking, seen.contains(&needed)) {
                seen.push(needed);
                out.push((field.clone(), c, needed, face));
            }
        }
    }
    out
}

/// `c` (what the text has) needs `needed` (what is drawn): the problem, in words.
fn no_glyph(c: char, needed: char, effect: &str) -> String {
    let mut message = format!(
        "the font has no glyph for `{needed}` (U+{:04X}); it would print as {effect}",
        u32::from(needed)
    );
    if needed != c {
        message.push_str(" where a soft hyphen breaks a line");
    }
    message
}

/// Every character of the handout's texts that a face lacks: both faces, as `**bold**` may
/// be anywhere.
pub fn handout_texts(handout: &Handout, m: &Metrics) -> Vec<LayoutError> {
    let mut texts: Vec<Text> = vec![(FieldPath::at("title"), &handout.title, BOTH)];
    if let Some(sub) = &handout.subtitle {
        texts.push((FieldPath::at("subtitle"), sub, BOTH));
    }
    if let Some(disclaimer) = &handout.disclaimer {
        texts.push((FieldPath::at("disclaimer"), disclaimer, BOTH));
    }
    for (i, block) in handout.blocks.iter().enumerate() {
        for (path, text) in block.texts() {
            texts.push((FieldPath::at("blocks").index(i).join(&path), text, BOTH));
        }
    }
    missing(&texts, m)
        .into_iter()
        .map(|(field, c, needed, _)| {
            LayoutError::in_handout(field, no_glyph(c, needed, "nothing")).needle(c)
        })
        .collect()
}

/// Errors at the brand file's keys for the characters of `texts` the fonts lack.
fn brand_errors(texts: &[Text], m: &Metrics) -> Vec<LayoutError> {
    missing(texts, m)
        .into_iter()
        .map(|(field, c, needed, _)| {
            let help = format!("leave it out of `{field}`, or use fonts that have it");
            LayoutError::in_brand(field, no_glyph(c, needed, "a box on every page"))
                .needle(c)
                .help(help)
        })
        .collect()
}

/// The brand's own texts, each in the face it is printed in, and the tool's English words
/// around them: checked once per run.
pub fn brand_texts(brand: &Brand, m: &Metrics) -> Vec<LayoutError> {
    let mut texts: Vec<Text> = vec![(FieldPath::at("clinic"), &brand.clinic, BOLD)];
    if let Some(tagline) = &brand.tagline {
        texts.push((FieldPath::at("tagline"), tagline, REGULAR));
    }
    for (key, text) in [
        ("phone", brand.phone.as_str()),
        ("website", brand.website.printed()),
        ("address", brand.address.as_str()),
        ("disclaimer", brand.disclaimer.as_str()),
    ] {
        texts.push((FieldPath::at(key), text, REGULAR));
    }
    let mut errors = brand_errors(&texts, m);
    errors.extend(tool_words(&Lang::english(), m));
    errors
}

/// The brand's tagline and disclaimer translated for `lang`, and the page label in `lang`:
/// only what [`brand_texts`] has not checked already.
pub fn translated_texts(brand: &Brand, lang: &Lang, m: &Metrics) -> Vec<LayoutError> {
    let (tagline, disclaimer) = brand.texts_for(lang);
    let mut texts: Vec<Text> = Vec::new();
    let field = brand.tagline_field(lang);
    if let (Some(tagline), true) = (tagline, field != FieldPath::at("tagline")) {
        texts.push((field, tagline, REGULAR));
    }
    let field = brand.disclaimer_field(lang);
    if field != FieldPath::at("disclaimer") {
        texts.push((field, disclaimer, REGULAR));
    }
    let mut errors = brand_errors(&texts, m);
    if i18n::strings(lang) != i18n::strings(&Lang::english()) {
        errors.extend(tool_words(lang, m));
    }
    errors
}

/// The tool's own words in `lang` around the brand's: the page label (bold) and the contact
/// line's separators (regular). A font that lacks one is to blame, so the error is at its key.
fn tool_words(lang: &Lang, m: &Metrics) -> Vec<LayoutError> {
    let strings = i18n::strings(lang);
    // Every digit a page number may need.
    let all_digits = strings.page_label(1234567890, 1234567890);
    let label = strings.page_label(1, 2);
    let words: [Text; 2] = [
        (FieldPath::at("fonts").key("bold"), &all_digits, BOLD),
        (
            FieldPath::at("fonts").key("regular"),
            CONTACT_SEPARATOR,
            REGULAR,
        ),
    ];
    missing(&words, m)
        .into_iter()
        .map(|(field, _, needed, face)| {
            let (face, what) = match face.brand() {
                Face::Bold => ("bold", format!("the page label “{label}”")),
                _ => ("regular", "the separators of the contact line".into()),
            };
            LayoutError::in_brand(
                field,
                format!(
                    "the {face} font has no glyph for `{needed}` (U+{:04X}), which {what} needs",
                    u32::from(needed)
                ),
            )
            .help(format!("use a {face} font that has `{needed}`"))
        })
        .collect()
}

//! The words the tool prints itself, in each language a handout can be written in, read from
//! `data/languages.yaml` (compiled in, parsed once).
//!
//! A handout's `lang:` picks its language by tag: exactly, else by the longest prefix the data
//! file has (`es-MX` uses `es`, `zh-Hans-CN` uses `zh-Hans`), else by a whole alias (`zh` is
//! `zh-Hans`). Unknown languages fall back to English, with a located warning where the
//! handout names its `lang:`. To add a language, add an entry to the data file: no Rust.

mod data;
#[cfg(test)]
mod tests;

use std::sync::LazyLock;

use crate::model::Lang;

pub use data::parse;

/// The shipped data file, checked by `cargo test` (`shipped_languages_are_complete`).
const SHIPPED: &str = include_str!("../../data/languages.yaml");

/// The shipped languages, parsed at first use.
static LANGUAGES: LazyLock<Languages> = LazyLock::new(|| {
    // The file is part of the binary and checked by the tests, so it cannot fail here; if
    // it somehow did, English alone keeps the tool working.
    parse(SHIPPED).unwrap_or_else(|_| Languages::english_only())
});

/// Fixed strings in one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Strings {
    /// The language's tag in the data file: `en`, `es`, `zh-Hans`.
    pub lang: &'static str,
    /// The footer's page label, with `{n}` and `{m}` for the page and the page count.
    pub page_of: &'static str,
    /// The footer's review date, with `{date}` for the month and year.
    pub reviewed: &'static str,
    /// The month and year, with `{month}` and `{year}`: "{month} {year}", "{year}年{month}".
    pub date: &'static str,
    /// Short month names, January first, as the review date prints them.
    pub months: [&'static str; 12],
    /// Printed under the header's QR code: what scanning it gives.
    pub qr_caption: &'static str,
    /// What a note with `contact: true` says before the clinic's phone, with `{clinic}` for
    /// the clinic's name: "Call The Green Leaf Clinic:".
    pub call_clinic: &'static str,
    /// The mark on every page of a `draft: true` handout: "DRAFT — NOT FOR PATIENTS".
    pub draft: &'static str,
}

/// One language of the data file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Language {
    /// Its tag: `zh-Hans`.
    pub tag: &'static str,
    /// Other tags meaning it, matched whole: `zh`.
    pub also: Vec<&'static str>,
    /// Its name in itself: "Tiếng Việt".
    pub name: &'static str,
    /// Its name in English: "Vietnamese".
    pub english: &'static str,
    /// Other names a front desk may write for it: "Tieng Viet".
    pub names: Vec<&'static str>,
    pub direction: Direction,
    pub strings: Strings,
}

impl Language {
    /// Its tag and its aliases.
    pub fn tags(&self) -> impl Iterator<Item = &'static str> + '_ {
        std::iter::once(self.tag).chain(self.also.iter().copied())
    }

    /// Whether `value` names this language: a tag or alias (any case), its own name, its
    /// English name or another of its names (any case, spaces around ignored).
    pub fn is_called(&self, value: &str) -> bool {
        let value = crate::model::nfc(value.trim().to_string()).to_lowercase();
        self.tags()
            .chain([self.name, self.english])
            .chain(self.names.iter().copied())
            .any(|n| n.to_lowercase() == value)
    }
}

/// Every language of a data file.
#[derive(Debug, Clone)]
pub struct Languages {
    languages: Vec<Language>,
    /// Primary subtags of right-to-left languages without an entry.
    other_right_to_left: Vec<&'static str>,
}

impl Languages {
    /// English alone, as the tool spoke before languages were data.
    fn english_only() -> Languages {
        let strings = Strings {
            lang: "en",
            page_of: "Page {n} of {m}",
            reviewed: "Reviewed {date}",
            date: "{month} {year}",
            months: [
                "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
            ],
            qr_caption: "Scan for more",
            call_clinic: "Call {clinic}:",
            draft: "DRAFT — NOT FOR PATIENTS",
        };
        Languages {
            languages: vec![Language {
                tag: "en",
                also: Vec::new(),
                name: "English",
                english: "English",
                names: Vec::new(),
                direction: Direction::LeftToRight,
                strings,
            }],
            other_right_to_left: Vec::new(),
        }
    }

    /// Every language, English first.
    pub fn all(&self) -> &[Language] {
        &self.languages
    }

    /// The language a tag means: the entry whose tag or alias is the whole tag (any case),
    /// else the entry whose tag is its longest prefix of whole subtags. Aliases match only
    /// whole, so `zh-Hant` (Traditional) never falls to `zh` and so to Simplified.
    pub fn find(&self, tag: &str) -> Option<&Language> {
        let whole = |t: &str| {
            self.languages
                .iter()
                .find(|l| l.tags().any(|u| u.eq_ignore_ascii_case(t)))
        };
        if let Some(found) = whole(tag) {
            return Some(found);
        }
        let mut prefix = tag;
        while let Some((shorter, _)) = prefix.rsplit_once('-') {
            prefix = shorter;
            let found = self
                .languages
                .iter()
                .find(|l| l.tag.eq_ignore_ascii_case(prefix));
            if found.is_some() {
                return found;
            }
        }
        None
    }

    /// The language a front desk's `Language` value names: a tag, or a name in itself or in
    /// English ("zh-hans", "中文", "Vietnamese").
    pub fn named(&self, value: &str) -> Option<&Language> {
        self.languages
            .iter()
            .find(|l| l.is_called(value))
            .or_else(|| self.find(value.trim()))
    }

    /// The direction of a language: its entry's, else right to left for the other
    /// right-to-left languages the data file lists (Hebrew, Persian, Urdu…).
    pub fn direction(&self, lang: &Lang) -> Direction {
        match self.find(lang.as_str()) {
            Some(language) => language.direction,
            None if self.other_right_to_left.contains(&lang.primary().as_str()) => {
                Direction::RightToLeft
            }
            None => Direction::LeftToRight,
        }
    }

    /// The strings for a language, English when there are none for it.
    pub fn strings(&self, lang: &Lang) -> &Strings {
        match self.find(lang.as_str()) {
            Some(language) => &language.strings,
            None => &self.languages[0].strings,
        }
    }
}

/// The shipped languages.
pub fn languages() -> &'static Languages {
    &LANGUAGES
}

/// The language a tag means, if the tool has its words (see [`Languages::find`]).
pub fn language(tag: &str) -> Option<&'static Language> {
    LANGUAGES.find(tag)
}

/// The strings for a language, if the tool has them.
pub fn known(lang: &Lang) -> Option<&'static Strings> {
    language(lang.as_str()).map(|l| &l.strings)
}

/// The strings for a language, English when the tool has none for it (a run warns about
/// that once, where the handout names its `lang:`).
pub fn strings(lang: &Lang) -> &'static Strings {
    LANGUAGES.strings(lang)
}

/// Which way a language's lines run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    LeftToRight,
    RightToLeft,
}

/// The direction of a language's script, from the data file: right to left for Arabic, and
/// for Hebrew, Persian, Urdu and the other right-to-left languages it lists without strings;
/// left to right for every other.
pub fn direction(lang: &Lang) -> Direction {
    LANGUAGES.direction(lang)
}

/// The tags of the languages the tool has its own words for, for messages: `en`, `es`, …
pub fn available() -> Vec<&'static str> {
    LANGUAGES.languages.iter().map(|l| l.tag).collect()
}

impl Strings {
    /// "Reviewed Nov 2026" in this language.
    pub fn reviewed_label(&self, date: &crate::model::Date) -> String {
        let month = self.months[usize::from(date.month().clamp(1, 12)) - 1];
        let date = self
            .date
            .replace("{month}", month)
            .replace("{year}", &date.year().to_string());
        self.reviewed.replace("{date}", &date)
    }

    /// "Call The Green Leaf Clinic:" in this language: the words before the phone number.
    pub fn call_label(&self, clinic: &str) -> String {
        self.call_clinic.replace("{clinic}", clinic)
    }

    /// "Page 2 of 3" in this language.
    pub fn page_label(&self, n: usize, m: usize) -> String {
        self.page_of
            .replace("{n}", &n.to_string())
            .replace("{m}", &m.to_string())
    }
}

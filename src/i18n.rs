//! The few words the tool prints itself, in each language a handout can be written in.
//!
//! A handout's `lang:` picks the table by its primary subtag (`es-MX` uses `es`); unknown
//! languages fall back to English, with a warning. To add a language, add a row to `TABLE`.

use crate::model::Lang;

/// Fixed strings in one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Strings {
    /// Primary language subtag: `en`, `es`.
    pub lang: &'static str,
    /// The footer's page label, with `{n}` and `{m}` for the page and the page count.
    pub page_of: &'static str,
    /// The footer's review date, with `{date}` for the month and year.
    pub reviewed: &'static str,
    /// Short month names, January first, as the review date prints them.
    pub months: [&'static str; 12],
    /// Printed under the header's QR code: what scanning it gives.
    pub qr_caption: &'static str,
    /// What a note with `contact: true` says before the clinic's phone, with `{clinic}` for
    /// the clinic's name: "Call The Green Leaf Clinic:".
    pub call_clinic: &'static str,
}

const TABLE: &[Strings] = &[
    Strings {
        lang: "en",
        page_of: "Page {n} of {m}",
        reviewed: "Reviewed {date}",
        months: [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ],
        qr_caption: "Scan for more",
        call_clinic: "Call {clinic}:",
    },
    Strings {
        lang: "es",
        page_of: "Página {n} de {m}",
        reviewed: "Revisado {date}",
        months: [
            "ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic",
        ],
        qr_caption: "Escanee para más información",
        call_clinic: "Llame a {clinic}:",
    },
];

/// The strings for a language, if the tool has them (by primary subtag: `es-MX` uses `es`).
pub fn known(lang: &Lang) -> Option<&'static Strings> {
    let primary = lang.primary();
    TABLE.iter().find(|s| s.lang == primary)
}

/// The strings for a language, English when the tool has none for it (a run warns about
/// that once, where the handout names its `lang:`).
pub fn strings(lang: &Lang) -> &'static Strings {
    known(lang).unwrap_or(&TABLE[0])
}

/// Which way a language's lines run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    LeftToRight,
    RightToLeft,
}

/// The direction of a language's script: right to left for Arabic, Hebrew, Persian, Urdu and
/// the other languages written in those scripts; left to right for every other.
pub fn direction(lang: &Lang) -> Direction {
    const RTL: [&str; 9] = ["ar", "he", "fa", "ur", "yi", "ps", "sd", "ug", "dv"];
    if RTL.contains(&lang.primary().as_str()) {
        Direction::RightToLeft
    } else {
        Direction::LeftToRight
    }
}

/// The languages the tool has its own words for, for messages: `en`, `es`.
pub fn available() -> Vec<&'static str> {
    TABLE.iter().map(|s| s.lang).collect()
}

impl Strings {
    /// "Reviewed Nov 2026" in this language.
    pub fn reviewed_label(&self, date: &crate::model::Date) -> String {
        let month = self.months[usize::from(date.month().clamp(1, 12)) - 1];
        let date = format!("{month} {}", date.year());
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_pick_their_table_and_fall_back_to_english() {
        let lang = |t: &str| Lang::try_from(t.to_string()).unwrap();
        assert_eq!(strings(&lang("es")).page_label(1, 2), "Página 1 de 2");
        assert_eq!(strings(&lang("es-MX")).page_label(3, 3), "Página 3 de 3");
        assert_eq!(strings(&lang("en-US")).page_label(1, 2), "Page 1 of 2");
        assert_eq!(strings(&lang("de")).page_label(1, 2), "Page 1 of 2");
        assert!(known(&lang("de")).is_none());
        let date = crate::model::Date::new(2026, 11, 30).unwrap();
        assert_eq!(
            strings(&lang("en-US")).reviewed_label(&date),
            "Reviewed Nov 2026"
        );
        assert_eq!(
            strings(&lang("es")).reviewed_label(&date),
            "Revisado nov 2026"
        );
        assert_eq!(
            strings(&lang("es-MX")).qr_caption,
            "Escanee para más información"
        );
        assert_eq!(strings(&lang("de")).qr_caption, "Scan for more");
        assert_eq!(
            strings(&lang("en-US")).call_label("The Green Leaf Clinic"),
            "Call The Green Leaf Clinic:"
        );
        assert_eq!(
            strings(&lang("es-US")).call_label("The Green Leaf Clinic"),
            "Llame a The Green Leaf Clinic:"
        );
        for s in TABLE {
            assert!(!s.qr_caption.trim().is_empty(), "{}", s.lang);
            assert!(
                s.page_of.contains("{n}") && s.page_of.contains("{m}"),
                "{}",
                s.lang
            );
            assert!(s.call_clinic.contains("{clinic}"), "{}", s.lang);
        }
    }
}

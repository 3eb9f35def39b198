//! The few words the tool prints itself, in each language a handout can be written in.
//!
//! A handout's `lang:` picks the table by its primary subtag (`es-MX` uses `es`); unknown
//! languages fall back to English. To add a language, add a row to `TABLE`.

/// Fixed strings in one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Strings {
    /// Primary language subtag: `en`, `es`.
    pub lang: &'static str,
    /// The footer's page label, with `{n}` and `{m}` for the page and the page count.
    pub page_of: &'static str,
}

const TABLE: &[Strings] = &[
    Strings {
        lang: "en",
        page_of: "Page {n} of {m}",
    },
    Strings {
        lang: "es",
        page_of: "Página {n} de {m}",
    },
];

/// The strings for a language tag such as `en-US` or `es`.
pub fn strings(tag: &str) -> &'static Strings {
    let primary = tag.split('-').next().unwrap_or("").to_ascii_lowercase();
    TABLE
        .iter()
        .find(|s| s.lang == primary)
        .unwrap_or(&TABLE[0])
}

impl Strings {
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
        assert_eq!(strings("es").page_label(1, 2), "Página 1 de 2");
        assert_eq!(strings("es-MX").page_label(3, 3), "Página 3 de 3");
        assert_eq!(strings("en-US").page_label(1, 2), "Page 1 of 2");
        assert_eq!(strings("de").page_label(1, 2), "Page 1 of 2");
        for s in TABLE {
            assert!(
                s.page_of.contains("{n}") && s.page_of.contains("{m}"),
                "{}",
                s.lang
            );
        }
    }
}

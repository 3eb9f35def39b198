use super::*;

fn lang(t: &str) -> Lang {
    Lang::try_from(t.to_string()).expect("a valid tag")
}

/// A data file of English and one language only the data knows: Tagalog.
const WITH_TAGALOG: &str = r#"
other_right_to_left: [he]
languages:
  - tag: en
    name: English
    english: English
    direction: ltr
    page_of: "Page {n} of {m}"
    reviewed: "Reviewed {date}"
    date: "{month} {year}"
    months: [Jan, Feb, Mar, Apr, May, Jun, Jul, Aug, Sep, Oct, Nov, Dec]
    qr_caption: "Scan for more"
    call_clinic: "Call {clinic}:"
    draft: "DRAFT — NOT FOR PATIENTS"
  - tag: tl
    also: [fil]
    name: Tagalog
    english: Tagalog
    names: [Filipino]
    direction: ltr
    page_of: "Pahina {n} ng {m}"
    reviewed: "Sinuri {date}"
    date: "{month} {year}"
    months: [Ene, Peb, Mar, Abr, May, Hun, Hul, Ago, Set, Okt, Nob, Dis]
    qr_caption: "I-scan para sa higit pa"
    call_clinic: "Tumawag sa {clinic}:"
    draft: "BORADOR: HINDI PARA SA PASYENTE"
"#;

#[test]
fn shipped_languages_are_complete() {
    let shipped = parse(SHIPPED).expect("data/languages.yaml parses and passes its checks");
    let tags: Vec<&str> = shipped.all().iter().map(|l| l.tag).collect();
    assert_eq!(tags, ["en", "es", "zh-Hans", "vi", "ar"]);
    let date = crate::model::Date::new(2026, 11, 30).expect("a date");
    for language in shipped.all() {
        let s = &language.strings;
        let tag = language.tag;
        assert!(s.page_label(7, 9).contains('7') && s.page_label(7, 9).contains('9'));
        assert!(!s.page_label(7, 9).contains('{'), "{tag}");
        let reviewed = s.reviewed_label(&date);
        assert!(
            reviewed.contains("2026") && !reviewed.contains('{'),
            "{tag}"
        );
        assert!(reviewed.contains(s.months[10]), "{tag}: {reviewed}");
        assert!(s.call_label("CLINIC").contains("CLINIC"), "{tag}");
        assert_eq!(s.months.len(), 12);
        assert!(s.months.iter().all(|m| !m.trim().is_empty()), "{tag}");
        for text in [s.qr_caption, s.draft, language.name, language.english] {
            assert!(!text.trim().is_empty() && !text.contains('{'), "{tag}");
        }
        // Its own entry is what its tag finds.
        assert_eq!(shipped.find(tag).map(|l| l.tag), Some(tag));
    }
    assert_eq!(shipped.direction(&lang("ar")), Direction::RightToLeft);
    for ltr in ["en", "es", "zh-Hans", "vi"] {
        assert_eq!(
            shipped.direction(&lang(ltr)),
            Direction::LeftToRight,
            "{ltr}"
        );
    }
}

#[test]
fn languages_pick_their_table_and_fall_back_to_english() {
    assert_eq!(strings(&lang("es")).page_label(1, 2), "Página 1 de 2");
    assert_eq!(strings(&lang("es-MX")).page_label(3, 3), "Página 3 de 3");
    assert_eq!(strings(&lang("en-US")).page_label(1, 2), "Page 1 of 2");
    assert_eq!(strings(&lang("de")).page_label(1, 2), "Page 1 of 2");
    assert_eq!(
        strings(&lang("zh-Hans")).page_label(1, 2),
        "第 1 页，共 2 页"
    );
    assert_eq!(strings(&lang("vi")).page_label(1, 2), "Trang 1/2");
    assert!(known(&lang("de")).is_none());
    let date = crate::model::Date::new(2026, 11, 30).expect("a date");
    assert_eq!(
        strings(&lang("en-US")).reviewed_label(&date),
        "Reviewed Nov 2026"
    );
    assert_eq!(
        strings(&lang("es")).reviewed_label(&date),
        "Revisado nov 2026"
    );
    assert_eq!(
        strings(&lang("zh-Hans")).reviewed_label(&date),
        "审阅日期：2026年11月"
    );
    assert_eq!(
        strings(&lang("vi")).reviewed_label(&date),
        "Xem xét lần cuối: tháng 11 năm 2026"
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
}

#[test]
fn tags_match_exactly_then_by_longest_prefix_then_by_whole_alias() {
    let found = |t: &str| language(t).map(|l| l.tag);
    assert_eq!(found("zh-Hans"), Some("zh-Hans"));
    assert_eq!(found("ZH-HANS"), Some("zh-Hans"));
    assert_eq!(found("zh-Hans-CN"), Some("zh-Hans"));
    assert_eq!(found("zh"), Some("zh-Hans"));
    assert_eq!(found("zh-CN"), Some("zh-Hans"));
    assert_eq!(
        found("zh-Hant"),
        None,
        "Traditional Chinese is not Simplified"
    );
    assert_eq!(found("zh-Hant-TW"), None);
    assert_eq!(found("es-MX"), Some("es"));
    assert_eq!(found("en-US"), Some("en"));
    assert_eq!(found("ar-SA"), Some("ar"));
    assert_eq!(found("vi-VN"), Some("vi"));
    assert_eq!(found("arb"), None);
    assert_eq!(found("de"), None);
}

#[test]
fn right_to_left_comes_from_the_data_file() {
    assert_eq!(direction(&lang("ar")), Direction::RightToLeft);
    assert_eq!(direction(&lang("ar-EG")), Direction::RightToLeft);
    // Listed without strings: still right to left.
    assert_eq!(direction(&lang("he")), Direction::RightToLeft);
    assert_eq!(direction(&lang("fa-IR")), Direction::RightToLeft);
    assert_eq!(direction(&lang("zh-Hans")), Direction::LeftToRight);
    assert_eq!(direction(&lang("de")), Direction::LeftToRight);
}

#[test]
fn front_desk_names_find_their_language() {
    let named = |v: &str| languages().named(v).map(|l| l.tag);
    for (value, tag) in [
        ("zh-hans", "zh-Hans"),
        ("ZH-HANS", "zh-Hans"),
        ("Chinese", "zh-Hans"),
        ("chinese", "zh-Hans"),
        ("中文", "zh-Hans"),
        ("中文（简体）", "zh-Hans"),
        ("Vietnamese", "vi"),
        ("Tiếng Việt", "vi"),
        ("tiếng việt", "vi"),
        ("Tieng Viet", "vi"),
        // Decomposed accents, as some exports write them.
        ("Tie\u{302}\u{301}ng Vie\u{323}\u{302}t", "vi"),
        ("Arabic", "ar"),
        ("العربية", "ar"),
        (" ar ", "ar"),
        ("Spanish", "es"),
        ("Español", "es"),
        ("es-MX", "es"),
        ("English", "en"),
    ] {
        assert_eq!(named(value), Some(tag), "{value}");
    }
    for unknown in ["Klingon", "zh-Hant", "Chinese (Traditional)", ""] {
        assert_eq!(named(unknown), None, "{unknown}");
    }
}

#[test]
fn a_language_added_only_in_the_data_works() {
    let langs = parse(WITH_TAGALOG).expect("a valid data file");
    let tl = langs.strings(&lang("tl-PH"));
    assert_eq!(tl.page_label(2, 5), "Pahina 2 ng 5");
    assert_eq!(tl.call_label("X"), "Tumawag sa X:");
    assert_eq!(langs.strings(&lang("fil")).draft, tl.draft);
    assert_eq!(langs.named("Filipino").map(|l| l.tag), Some("tl"));
    assert_eq!(langs.direction(&lang("he")), Direction::RightToLeft);
    // A language it lacks falls back to its English.
    assert_eq!(langs.strings(&lang("es")).page_label(1, 1), "Page 1 of 1");
}

#[test]
fn a_malformed_data_file_is_a_clear_error() {
    let broken = |from: &str, to: &str| {
        assert!(WITH_TAGALOG.contains(from), "{from}");
        parse(&WITH_TAGALOG.replacen(from, to, 1)).expect_err(to)
    };
    let err = broken("Pahina {n} ng {m}", "Pahina {n}");
    assert!(err.contains("`tl`") && err.contains("`page_of`") && err.contains("{m}"));
    let err = broken("Ago, Set, ", "");
    assert!(
        err.contains("`months`") && err.contains("has 10 names"),
        "{err}"
    );
    let err = broken(
        "direction: ltr\n    page_of: \"Pahina",
        "direction: up\n    page_of: \"Pahina",
    );
    assert!(err.contains("up"), "{err}");
    let err = broken("  - tag: tl", "  - tag: EN");
    assert!(err.contains("share a tag"), "{err}");
    let err = broken("Tumawag sa {clinic}:", "Tumawag:");
    assert!(
        err.contains("`call_clinic`") && err.contains("{clinic}"),
        "{err}"
    );
    let err = broken("    draft: \"BORADOR: HINDI PARA SA PASYENTE\"\n", "");
    assert!(err.contains("draft"), "{err}");
    let err = broken("  - tag: tl", "  - tag: tagalog_ph");
    assert!(err.contains("not a language tag"), "{err}");
    let err = broken("    qr_caption: \"I-scan", "    qr_captoin: \"I-scan");
    assert!(err.contains("qr_captoin"), "{err}");
    let err = broken("  - tag: en\n", "  - tag: en-GB\n");
    assert!(err.contains("first language must be `en`"), "{err}");
}

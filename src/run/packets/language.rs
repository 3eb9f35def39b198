//! The `Language` column: which language folder a row's value names. A front desk writes
//! what it knows: the tag (`zh-Hans`, any case), the language's own name ("Tiếng Việt",
//! "中文") or its English name ("Vietnamese", "Chinese"), as `data/languages.yaml` lists them.

use std::path::Path;

use crate::diagnostics::Diagnostic;
use crate::i18n;
use crate::run::copies::Copy;

/// The language folders below `root`: sub-folders named with a language tag, sorted.
pub fn folders(root: &Path) -> Vec<String> {
    let mut found: Vec<String> = std::fs::read_dir(root)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .filter(|name| crate::model::Lang::try_from(name.clone()).is_ok())
        .collect();
    found.sort();
    found
}

/// A folder as the front desk reads it: "`vi` Tiếng Việt (Vietnamese)".
fn describe(folder: &str) -> String {
    match i18n::language(folder) {
        Some(l) if l.name == l.english => format!("`{folder}` {}", l.name),
        Some(l) => format!("`{folder}` {} ({})", l.name, l.english),
        None => format!("`{folder}`"),
    }
}

/// Every name the folders present go by, for "did you mean": own and English names, not
/// tags (`zh-Hant`, Traditional Chinese, is no typo of `zh-Hans`).
fn names_of(present: &[String]) -> Vec<&'static str> {
    present
        .iter()
        .filter_map(|f| i18n::language(f))
        .flat_map(|l| {
            [l.name, l.english]
                .into_iter()
                .chain(l.names.iter().copied())
        })
        .collect()
}

/// The folder below `root` that a row's `Language` value names, for handout `stem`; `None`
/// for the handouts as given (English, when there is no `en` folder). A value that names no
/// language present fails the row, listing the languages there are.
pub fn folder_for(
    row: &Copy,
    root: &Path,
    value: &str,
    stem: &str,
) -> Result<Option<String>, Diagnostic> {
    let present = folders(root);
    let value = value.trim();
    if let Some(exact) = present.iter().find(|f| f.eq_ignore_ascii_case(value)) {
        return Ok(Some(exact.clone()));
    }
    let language = i18n::languages().named(value);
    if let Some(language) = language {
        let folder = present
            .iter()
            .find(|f| i18n::language(f).is_some_and(|l| l.tag == language.tag));
        match folder {
            Some(folder) => return Ok(Some(folder.clone())),
            None if language.tag == "en" => return Ok(None),
            None => {}
        }
    }
    let listed: Vec<String> = present.iter().map(|f| describe(f)).collect();
    let mut help = if listed.is_empty() {
        "there are no language folders below the handouts folder".to_string()
    } else {
        format!(
            "the languages present: {}; leave `Language` empty for English",
            listed.join(", ")
        )
    };
    // Names only: a two-letter tag is two edits from every other (`fr` is no typo of `es`).
    let near = (value.chars().count() > 3)
        .then(|| crate::diagnostics::closest(value, &names_of(&present)))
        .flatten();
    if let Some(near) = near {
        help = format!("did you mean `{near}`? {help}");
    }
    let what = match language {
        Some(l) => format!("{} ({})", l.english, l.tag),
        None => "a language the handouts are in".to_string(),
    };
    Err(row
        .error(format!(
            "there is no `{value}` version of `{stem}`: `Language` names no folder of {what}"
        ))
        .help(help))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn row() -> Copy {
        Copy {
            number: 3,
            file: Arc::from(Path::new("today.csv")),
            line: Some(4),
            columns: Vec::new(),
            values: Default::default(),
        }
    }

    #[test]
    fn names_tags_and_english_names_find_their_folder() {
        let dir = tempfile::tempdir().expect("temp dir");
        for folder in ["es", "vi", "zh-Hans", "pictures_"] {
            std::fs::create_dir(dir.path().join(folder)).expect("folder");
        }
        let folder = |v: &str| folder_for(&row(), dir.path(), v, "food-list");
        for (value, expected) in [
            ("es", Some("es")),
            ("ES", Some("es")),
            ("Spanish", Some("es")),
            ("Español", Some("es")),
            ("es-MX", Some("es")),
            ("vi", Some("vi")),
            ("Vietnamese", Some("vi")),
            ("Tiếng Việt", Some("vi")),
            ("tieng viet", Some("vi")),
            ("zh-hans", Some("zh-Hans")),
            ("Chinese", Some("zh-Hans")),
            ("中文", Some("zh-Hans")),
            ("zh", Some("zh-Hans")),
            ("English", None),
            ("en-US", None),
        ] {
            let got = folder(value).unwrap_or_else(|e| panic!("{value}: {}", e.message));
            assert_eq!(got.as_deref(), expected, "{value}");
        }
        assert_eq!(folders(dir.path()), ["es", "vi", "zh-Hans"]);
        for unknown in ["Klingon", "Arabic", "zh-Hant", "fr"] {
            let e = folder(unknown).expect_err(unknown);
            assert_eq!(e.location, Some((4, 1)), "the row's CSV line");
            assert!(
                e.message
                    .contains(&format!("there is no `{unknown}` version of `food-list`")),
                "{}",
                e.message
            );
            let help = e.help.unwrap_or_default();
            assert!(!help.starts_with("did you mean"), "{unknown}: {help}");
            assert!(
                help.contains("`es` Español (Spanish), `vi` Tiếng Việt (Vietnamese), `zh-Hans` 中文（简体） (Chinese (Simplified))"),
                "{help}"
            );
        }
        let e = folder("Vietnamse").expect_err("a typo");
        let help = e.help.unwrap_or_default();
        assert!(help.starts_with("did you mean `Vietnamese`?"), "{help}");
        let e = folder("Arabic").expect_err("no ar folder");
        assert!(e.message.contains("Arabic (ar)"), "{}", e.message);
    }
}

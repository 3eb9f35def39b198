//! Personalised copies: one PDF per patient, with the handout's `fields` filled in.
//!
//! Values come from a CSV file (`--data`, one copy per row, columns named like the fields;
//! read by [`csv`]) and from `--set "Label=Value"` (applied to every copy; alone, it makes one
//! copy). Output names come from `--name-template` ([`names`]). Everything is checked before
//! the first PDF is written: a column that matches no field, a placeholder that names no
//! column; a row whose file name cannot be made fails alone.

pub mod csv;
pub mod names;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diagnostics::{closest, Diagnostic};
use crate::model::{nfc, FieldKey, Values};

pub use names::{output_paths, NameTemplate, DEFAULT_TEMPLATE};

/// One copy to make.
#[derive(Debug, Clone, PartialEq)]
pub struct Copy {
    /// 1-based number of the copy (the CSV data row).
    pub number: usize,
    /// Where the values came from: the CSV file (or `--set`) and the row's line.
    pub file: PathBuf,
    pub line: Option<usize>,
    /// Values by column name, as written.
    pub columns: BTreeMap<String, String>,
    /// Values for the layout, by the key of the field they fill.
    pub values: Values,
}

/// Parses `--set "Label=Value"` arguments.
pub fn parse_sets(sets: &[String]) -> Result<Vec<(String, String)>, Diagnostic> {
    sets.iter()
        .map(|s| match s.split_once('=') {
            Some((k, v)) if !k.trim().is_empty() => {
                Ok((nfc(k.trim().to_string()), nfc(v.trim().to_string())))
            }
            _ => Err(
                Diagnostic::flag("--set", format!("`{s}` is not `Label=Value`"))
                    .help("write it as --set \"Patient name=Ana López\""),
            ),
        })
        .collect()
}

impl Copy {
    /// `patients.csv:14`, for reports.
    pub fn origin(&self) -> String {
        match self.line {
            Some(l) => format!("{}:{l}", self.file.display()),
            None => self.file.display().to_string(),
        }
    }

    /// A problem with this copy's data, located at its row.
    pub fn error(&self, message: impl Into<String>) -> Diagnostic {
        let d = Diagnostic::new(&self.file, message);
        match self.line {
            Some(l) => d.at(l, 1),
            None => d,
        }
    }
}

pub(crate) fn copy(
    number: usize,
    file: PathBuf,
    line: Option<usize>,
    columns: BTreeMap<String, String>,
) -> Copy {
    let columns: BTreeMap<String, String> =
        columns.into_iter().map(|(k, v)| (nfc(k), nfc(v))).collect();
    let values = columns
        .iter()
        .map(|(k, v)| (FieldKey::new(k), v.clone()))
        .collect();
    Copy {
        number,
        file,
        line,
        columns,
        values,
    }
}

/// The copies to make: one per CSV row, or one from `--set` alone. `--set` values apply to
/// every copy and win over a CSV column of the same name.
pub fn plan(data: Option<&Path>, sets: &[(String, String)]) -> Result<Vec<Copy>, Diagnostic> {
    let mut copies = match data {
        Some(path) => csv::read_csv(path)?,
        None => vec![copy(1, PathBuf::from("--set"), None, BTreeMap::new())],
    };
    for c in &mut copies {
        for (k, v) in sets {
            let key = FieldKey::new(k);
            c.columns.retain(|col, _| FieldKey::new(col) != key);
            c.columns.insert(k.clone(), v.clone());
            c.values.insert(key, v.clone());
        }
    }
    Ok(copies)
}

/// Checks the columns against the handout's field labels: each column must fill a field,
/// except the ones the name template uses; each column the template names must exist.
pub fn check_columns(
    copies: &[Copy],
    labels: &[&str],
    template: &NameTemplate,
    source: &Path,
) -> Result<(), Diagnostic> {
    if labels.is_empty() {
        return Err(
            Diagnostic::new(source, "this handout has no `fields` to fill in")
                .help("add a `fields:` block, e.g. `- fields: [Patient name, Date]`"),
        );
    }
    let keys: Vec<FieldKey> = labels.iter().map(|l| FieldKey::new(l)).collect();
    let Some(first) = copies.first() else {
        return Ok(());
    };
    for column in first.columns.keys() {
        let key = FieldKey::new(column);
        if keys.contains(&key) || template.columns().any(|(_, c)| *c == key) {
            continue;
        }
        let names: Vec<&str> = keys.iter().map(FieldKey::as_str).collect();
        let help = match closest(key.as_str(), &names) {
            Some(best) => {
                let label = labels[names.iter().position(|k| *k == best).unwrap_or(0)];
                format!("did you mean `{label}`?")
            }
            None => format!(
                "the fields are {}",
                labels
                    .iter()
                    .map(|l| format!("`{l}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        // Blame the header row, where the column is named.
        let d = Diagnostic::new(&first.file, format!("unknown field `{column}`")).help(help);
        return Err(if first.line.is_some() { d.at(1, 1) } else { d });
    }
    if let Some((missing, _)) = template
        .columns()
        .find(|(_, key)| !first.values.contains_key(key))
    {
        return Err(Diagnostic::flag(
            "--name-template",
            format!("`{{{missing}}}` names no column of the data"),
        )
        .help("use `{stem}`, `{row}` or a column name, e.g. `{stem}-{Patient name}`"));
    }
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn t(template: &str) -> NameTemplate {
        template.parse().unwrap()
    }

    pub(crate) fn row(pairs: &[(&str, &str)]) -> Copy {
        copy(
            1,
            PathBuf::from("t.csv"),
            Some(2),
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
    }

    #[test]
    fn unknown_columns_and_placeholders_are_refused() {
        let copies = vec![row(&[("Patint name", "Ana")])];
        let err = check_columns(
            &copies,
            &["Patient name", "Date"],
            &t(DEFAULT_TEMPLATE),
            Path::new("h.yaml"),
        )
        .unwrap_err();
        assert_eq!(err.message, "unknown field `Patint name`");
        assert_eq!(err.help.as_deref(), Some("did you mean `Patient name`?"));
        let copies = vec![row(&[("patient NAME", "Ana")])];
        assert!(check_columns(
            &copies,
            &["Patient name"],
            &t(DEFAULT_TEMPLATE),
            Path::new("h")
        )
        .is_ok());
        let err = check_columns(
            &copies,
            &["Patient name"],
            &t("{stem}-{MRN}"),
            Path::new("h"),
        )
        .unwrap_err();
        assert!(err.message.contains("`{MRN}` names no column"), "{err}");
    }

    #[test]
    fn sets_parse_and_override() {
        let sets = parse_sets(&["Patient name = Ana López".into()]).unwrap();
        assert_eq!(
            sets,
            vec![("Patient name".to_string(), "Ana López".to_string())]
        );
        assert!(parse_sets(&["no equals sign".into()]).is_err());
        let copies = plan(None, &sets).unwrap();
        assert_eq!(copies.len(), 1);
        assert_eq!(
            copies[0]
                .values
                .get(&FieldKey::new("patient name"))
                .map(String::as_str),
            Some("Ana López")
        );
    }

    #[test]
    fn decomposed_accents_in_set_values_are_composed() {
        let sets = parse_sets(&["Patient name=Rene\u{301}e".into()]).unwrap();
        assert_eq!(sets[0].1, "Ren\u{e9}e");
    }
}

//! Personalised copies: one PDF per patient, with the handout's `fields` filled in.
//!
//! Values come from a CSV file (`--data`, one copy per row, columns named like the fields;
//! read by [`csv`]) and from `--set "Label=Value"` (applied to every copy; alone, it makes one
//! copy). Output names come from `--name-template` ([`names`]). Everything is checked before
//! the first PDF is written: a column that matches no field, a placeholder that names no
//! column; a row whose file name cannot be made fails alone.

pub mod csv;
pub mod names;

use std::path::Path;
use std::sync::Arc;

use crate::diagnostics::{closest, Diagnostic};
use crate::model::{nfc, FieldKey};
use crate::run::DataSource;

pub use names::{output_paths, NameRequest, NameTemplate, DEFAULT_TEMPLATE};

/// One copy to make. Every row of the data is held until the run ends (the font subset
/// needs every value's characters before the first copy is written), so a row is kept small:
/// its file is shared, its values are short sorted lists.
#[derive(Debug, Clone, PartialEq)]
pub struct Copy {
    /// 1-based number of the copy (the CSV data row).
    pub number: usize,
    /// Where the values came from: the CSV file (or `--set`) and the row's line.
    pub file: Arc<Path>,
    pub line: Option<usize>,
    /// Values by column name, as written, sorted by name.
    pub columns: Vec<(String, String)>,
    /// Values for the layout, by the key of the field they fill.
    pub values: RowValues,
}

/// A row's values by the key of the field they fill, sorted by key. A row has a few, so a
/// sorted list: a B-tree map takes half a kilobyte a row for two values.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RowValues(Vec<(FieldKey, String)>);

impl RowValues {
    pub fn get(&self, key: &FieldKey) -> Option<&String> {
        let i = self.0.binary_search_by(|(k, _)| k.cmp(key)).ok()?;
        Some(&self.0[i].1)
    }

    pub fn contains_key(&self, key: &FieldKey) -> bool {
        self.get(key).is_some()
    }

    pub fn values(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(_, v)| v)
    }

    /// Sets the value of `key`, replacing any it had.
    pub fn insert(&mut self, key: FieldKey, value: String) {
        match self.0.binary_search_by(|(k, _)| k.cmp(&key)) {
            Ok(i) => self.0[i].1 = value,
            Err(i) => self.0.insert(i, (key, value)),
        }
    }
}

impl FromIterator<(FieldKey, String)> for RowValues {
    fn from_iter<I: IntoIterator<Item = (FieldKey, String)>>(pairs: I) -> Self {
        let mut values = RowValues::default();
        for (key, value) in pairs {
            values.insert(key, value);
        }
        values.0.shrink_to_fit();
        values
    }
}

impl std::ops::Index<&FieldKey> for RowValues {
    type Output = String;

    fn index(&self, key: &FieldKey) -> &String {
        match self.get(key) {
            Some(value) => value,
            None => panic!("no value for `{}`", key.as_str()),
        }
    }
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
    file: Arc<Path>,
    line: Option<usize>,
    columns: Vec<(String, String)>,
) -> Copy {
    let mut columns: Vec<(String, String)> =
        columns.into_iter().map(|(k, v)| (nfc(k), nfc(v))).collect();
    // By name, the last of a repeated name winning, as in a map.
    columns.reverse();
    columns.sort_by(|a, b| a.0.cmp(&b.0));
    columns.dedup_by(|a, b| a.0 == b.0);
    columns.shrink_to_fit();
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
/// Notes on how the data was read come back with the copies.
pub fn plan(
    data: Option<&DataSource>,
    sets: &[(String, String)],
) -> Result<(Vec<Copy>, Vec<Diagnostic>), Diagnostic> {
    let (mut copies, notes) = match data {
        Some(source) => {
            let data = match source {
                DataSource::File(path) => csv::read_csv(path)?,
                DataSource::Bytes { name, bytes } => csv::parse_csv(name, bytes)?,
            };
            (data.copies, data.notes)
        }
        None => (
            vec![copy(1, Arc::from(Path::new("--set")), None, Vec::new())],
            Vec::new(),
        ),
    };
    for c in &mut copies {
        for (k, v) in sets {
            let key = FieldKey::new(k);
            c.columns.retain(|(col, _)| FieldKey::new(col) != key);
            let at = c.columns.partition_point(|(col, _)| col < k);
            c.columns.insert(at, (k.clone(), v.clone()));
            c.values.insert(key, v.clone());
        }
    }
    Ok((copies, notes))
}

/// Checks the data against the handout's field labels and the name template. A `--set`
/// label that fills no field is an error (a typo on the command line); CSV columns that fill
/// no field (a scheduling system's `DOB`, `MRN`) are left out, with one warning that lists
/// them and suggests a field for near misses. Each column the template names must exist.
pub fn check_columns(
    copies: &[Copy],
    labels: &[&str],
    choices: &[&str],
    sets: &[(String, String)],
    template: &NameTemplate,
    source: &Path,
) -> Result<Option<Diagnostic>, Diagnostic> {
    if labels.is_empty() {
        return Err(
            Diagnostic::new(source, "this handout has no `fields` to fill in")
                .help("add a `fields:` block, e.g. `- fields: [Patient name, Date]`"),
        );
    }
    let fields = Fields::new(labels);
    if let Some((label, _)) = sets.iter().find(|(l, _)| !fields.has(&FieldKey::new(l))) {
        return Err(
            Diagnostic::flag("--set", format!("`{label}` is not a field of this handout"))
                .help(fields.suggest(label)),
        );
    }
    let Some(first) = copies.first() else {
        return Ok(None);
    };
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
    let columns = first.columns.iter().map(|(column, _)| column);
    let unused: Vec<&String> = columns
        .filter(|column| {
            let key = FieldKey::new(column);
            let choice = choices.iter().any(|c| FieldKey::new(c) == key);
            !fields.has(&key) && !choice && !template.columns().any(|(_, c)| *c == key)
        })
        .collect();
    let fills_any = first
        .columns
        .iter()
        .any(|(c, _)| fields.has(&FieldKey::new(c)));
    match fields.unused_columns_warning(first, &unused) {
        // Every copy would come out blank: most likely the header row is misspelt.
        Some(w) if !fills_any && first.line.is_some() => Err(Diagnostic {
            severity: crate::diagnostics::Severity::Error,
            message: format!(
                "no column of the data fills a field of the handouts ({})",
                w.message.split(" fill").next().unwrap_or("")
            ),
            ..w
        }),
        warning => Ok(warning),
    }
}

/// The handout's field labels, for matching columns and suggesting near misses.
struct Fields<'a> {
    labels: &'a [&'a str],
    keys: Vec<FieldKey>,
}

impl<'a> Fields<'a> {
    fn new(labels: &'a [&'a str]) -> Fields<'a> {
        let keys = labels.iter().map(|l| FieldKey::new(l)).collect();
        Fields { labels, keys }
    }

    fn has(&self, key: &FieldKey) -> bool {
        self.keys.contains(key)
    }

    /// The field a misspelt `name` most likely means.
    fn near(&self, name: &str) -> Option<&'a str> {
        let names: Vec<&str> = self.keys.iter().map(FieldKey::as_str).collect();
        let best = closest(FieldKey::new(name).as_str(), &names)?;
        let i = names.iter().position(|k| *k == best)?;
        Some(self.labels[i])
    }

    fn suggest(&self, name: &str) -> String {
        match self.near(name) {
            Some(label) => format!("did you mean `{label}`?"),
            None => format!("the fields are {}", backticked(self.labels)),
        }
    }

    /// One warning for all the columns that fill no field, at the header row.
    fn unused_columns_warning(&self, first: &Copy, unused: &[&String]) -> Option<Diagnostic> {
        if unused.is_empty() {
            return None;
        }
        let names: Vec<&str> = unused.iter().map(|c| c.as_str()).collect();
        let near: Vec<String> = names
            .iter()
            .filter_map(|c| Some(format!("`{c}` → `{}`", self.near(c)?)))
            .collect();
        let help = if near.is_empty() {
            format!("the fields are {}", backticked(self.labels))
        } else {
            format!("did you mean {}?", near.join(", "))
        };
        let (columns, fill, are) = match names.len() {
            1 => ("column", "fills", "is"),
            _ => ("columns", "fill", "are"),
        };
        let d = Diagnostic::new(
            &first.file,
            format!(
                "{columns} {} {fill} no field of the handouts and {are} left out",
                backticked(&names)
            ),
        )
        .warning()
        .help(help);
        Some(if first.line.is_some() { d.at(1, 1) } else { d })
    }
}

fn backticked(names: &[&str]) -> String {
    names
        .iter()
        .map(|l| format!("`{l}`"))
        .collect::<Vec<_>>()
        .join(", ")
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
            Arc::from(Path::new("t.csv")),
            Some(2),
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
    }

    #[test]
    fn columns_that_fill_no_field_are_left_out_with_one_warning() {
        let copies = vec![row(&[
            ("Patint name", "Ana"),
            ("DOB", "1950-01-01"),
            ("Date", "1"),
        ])];
        let labels = ["Patient name", "Date"];
        let template = t(DEFAULT_TEMPLATE);
        let warning = check_columns(&copies, &labels, &[], &[], &template, Path::new("h.yaml"))
            .unwrap()
            .expect("a warning");
        assert!(!warning.is_error());
        assert_eq!(
            warning.message,
            "columns `DOB`, `Patint name` fill no field of the handouts and are left out"
        );
        assert_eq!(
            warning.help.as_deref(),
            Some("did you mean `Patint name` → `Patient name`?")
        );
        let copies = vec![row(&[("patient NAME", "Ana")])];
        let none = check_columns(
            &copies,
            &["Patient name"],
            &[],
            &[],
            &template,
            Path::new("h"),
        );
        assert_eq!(none, Ok(None));
    }

    #[test]
    fn a_set_label_or_placeholder_that_names_nothing_is_an_error() {
        let copies = vec![row(&[("Patient name", "Ana")])];
        let labels = ["Patient name", "Date"];
        let sets = [("Dat".to_string(), "1".to_string())];
        let err = check_columns(
            &copies,
            &labels,
            &[],
            &sets,
            &t(DEFAULT_TEMPLATE),
            Path::new("h"),
        )
        .unwrap_err();
        assert_eq!(err.message, "`Dat` is not a field of this handout");
        assert_eq!(err.help.as_deref(), Some("did you mean `Date`?"));
        let err = check_columns(
            &copies,
            &labels,
            &[],
            &[],
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
        let (copies, _) = plan(None, &sets).unwrap();
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

//! Personalised copies: one PDF per patient, with the handout's `fields` filled in.
//!
//! Values come from a CSV file (`--data`, one copy per row, columns named like the fields)
//! and from `--set "Label=Value"` (applied to every copy; alone, it makes one copy). Output
//! names come from `--name-template`. Everything is checked before the first PDF is written:
//! a column that matches no field, a placeholder that names no column, two copies that would
//! get the same file name.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diagnostics::{closest, Diagnostic};
use crate::model::{field_key, Values};

/// Largest CSV file we read: a hundred thousand patients fit in a few MiB.
pub const MAX_CSV_BYTES: u64 = 64 * 1024 * 1024;

/// The default output name: the handout's name and the copy's number.
pub const DEFAULT_TEMPLATE: &str = "{stem}-{row}";

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
    /// Values for the layout, keyed by [`field_key`].
    pub values: Values,
}

/// Parses `--set "Label=Value"` arguments.
pub fn parse_sets(sets: &[String]) -> Result<Vec<(String, String)>, Diagnostic> {
    sets.iter()
        .map(|s| match s.split_once('=') {
            Some((k, v)) if !k.trim().is_empty() => {
                Ok((k.trim().to_string(), v.trim().to_string()))
            }
            _ => Err(
                Diagnostic::new(Path::new("--set"), format!("`{s}` is not `Label=Value`"))
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

fn copy(
    number: usize,
    file: PathBuf,
    line: Option<usize>,
    columns: BTreeMap<String, String>,
) -> Copy {
    let values = columns
        .iter()
        .map(|(k, v)| (field_key(k), v.clone()))
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
        Some(path) => read_csv(path)?,
        None => vec![copy(1, PathBuf::from("--set"), None, BTreeMap::new())],
    };
    for c in &mut copies {
        for (k, v) in sets {
            c.columns.retain(|col, _| field_key(col) != field_key(k));
            c.columns.insert(k.clone(), v.clone());
            c.values.insert(field_key(k), v.clone());
        }
    }
    Ok(copies)
}

fn read_csv(path: &Path) -> Result<Vec<Copy>, Diagnostic> {
    let at = |msg: String| Diagnostic::new(path, msg);
    let meta = std::fs::metadata(path).map_err(|e| at(format!("cannot read CSV file: {e}")))?;
    if meta.len() > MAX_CSV_BYTES {
        return Err(at(format!(
            "CSV file is {} bytes; the limit is {MAX_CSV_BYTES}",
            meta.len()
        )));
    }
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_path(path)
        .map_err(|e| at(format!("cannot read CSV file: {e}")))?;
    let located = |e: csv::Error| {
        let line = e.position().map(|p| p.line() as usize);
        let msg = match e.kind() {
            csv::ErrorKind::Utf8 { .. } => "the CSV file is not UTF-8 text".to_string(),
            csv::ErrorKind::UnequalLengths {
                expected_len, len, ..
            } => format!("this row has {len} values, the header has {expected_len}"),
            _ => e.to_string(),
        };
        match line {
            Some(l) => at(msg).at(l, 1),
            None => at(msg),
        }
    };
    let headers: Vec<String> = reader
        .headers()
        .map_err(located)?
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').to_string())
        .collect();
    if headers.iter().all(|h| h.is_empty()) {
        return Err(at("the CSV file has no header row".into())
            .help("the first row names the fields, e.g. `Patient name,Date`"));
    }
    let mut copies = Vec::new();
    for record in reader.records() {
        let record = record.map_err(located)?;
        let line = record.position().map_or(0, |p| p.line() as usize);
        let columns = headers
            .iter()
            .zip(record.iter())
            .filter(|(h, _)| !h.is_empty())
            .map(|(h, v)| (h.clone(), v.to_string()))
            .collect();
        copies.push(copy(
            copies.len() + 1,
            path.to_path_buf(),
            Some(line),
            columns,
        ));
    }
    if copies.is_empty() {
        return Err(at("the CSV file has a header but no rows".into()));
    }
    Ok(copies)
}

/// Checks the columns against the handout's field labels: each column must fill a field,
/// except the ones the name template uses.
pub fn check_columns(
    copies: &[Copy],
    labels: &[&str],
    template: &str,
    source: &Path,
) -> Result<(), Diagnostic> {
    if labels.is_empty() {
        return Err(
            Diagnostic::new(source, "this handout has no `fields` to fill in")
                .help("add a `fields:` block, e.g. `- fields: [Patient name, Date]`"),
        );
    }
    let keys: Vec<String> = labels.iter().map(|l| field_key(l)).collect();
    let used = placeholders(template);
    let Some(first) = copies.first() else {
        return Ok(());
    };
    for column in first.columns.keys() {
        let key = field_key(column);
        if keys.contains(&key) || used.iter().any(|p| field_key(p) == key) {
            continue;
        }
        let help = match closest(&key, &keys.iter().map(String::as_str).collect::<Vec<_>>()) {
            Some(best) => {
                let label = labels[keys.iter().position(|k| k == best).unwrap_or(0)];
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
    for p in used {
        if p == "stem" || p == "row" {
            continue;
        }
        if !first.columns.keys().any(|c| field_key(c) == field_key(&p)) {
            return Err(Diagnostic::new(
                Path::new("--name-template"),
                format!("`{{{p}}}` names no column of the data"),
            )
            .help("use `{stem}`, `{row}` or a column name, e.g. `{stem}-{Patient name}`"));
        }
    }
    Ok(())
}

/// The `{…}` placeholders of a template.
fn placeholders(template: &str) -> Vec<String> {
    template
        .split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}').map(|(name, _)| name.to_string()))
        .collect()
}

/// A value made safe as part of a file name: letters and digits kept (accents too),
/// everything else a single `-`.
fn slug(value: &str) -> String {
    let mut out = String::new();
    for c in value.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// The output path of each copy, in order; refuses empty names and two copies with one name.
pub fn output_paths(
    copies: &[Copy],
    template: &str,
    stem: &str,
    out_dir: &Path,
    suffix: &str,
) -> Result<Vec<PathBuf>, Diagnostic> {
    let width = copies.len().to_string().len();
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    let mut paths = Vec::with_capacity(copies.len());
    for c in copies {
        let mut name = template.to_string();
        name = name.replace("{stem}", stem);
        name = name.replace("{row}", &format!("{:0width$}", c.number));
        for (col, value) in &c.columns {
            name = name.replace(&format!("{{{col}}}"), &slug(value));
        }
        let name = name.trim_matches(['-', '.', ' ']).to_string();
        if name.is_empty() || name.contains(['/', '\\', '{', '}']) || name.starts_with('.') {
            return Err(c
                .error(format!(
                    "the name template gives `{name}`, which is not a usable file name"
                ))
                .help("a template such as `{stem}-{Patient name}` needs that column filled in"));
        }
        if let Some(other) = seen.insert(name.clone(), c.origin()) {
            return Err(c
                .error(format!(
                    "two copies would both be written to `{name}.pdf` (the other is {other})"
                ))
                .help("add `{row}` to --name-template to keep names apart"));
        }
        paths.push(out_dir.join(format!("{name}{suffix}.pdf")));
    }
    Ok(paths)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(pairs: &[(&str, &str)]) -> Copy {
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
    fn names_come_from_the_template_and_are_safe() {
        let copies = vec![row(&[("Patient name", "Ana López / Ruiz")])];
        let paths = output_paths(
            &copies,
            "{stem}-{Patient name}",
            "food-list",
            Path::new("o"),
            "",
        )
        .unwrap();
        assert_eq!(paths, vec![PathBuf::from("o/food-list-ana-lópez-ruiz.pdf")]);
        let paths = output_paths(
            &copies,
            DEFAULT_TEMPLATE,
            "food-list",
            Path::new("o"),
            "-large",
        )
        .unwrap();
        assert_eq!(paths, vec![PathBuf::from("o/food-list-1-large.pdf")]);
    }

    #[test]
    fn duplicate_names_are_refused() {
        let mut b = row(&[("Patient name", "Ana")]);
        b.number = 2;
        let copies = vec![row(&[("Patient name", "Ana")]), b];
        let err = output_paths(&copies, "{Patient name}", "x", Path::new("o"), "").unwrap_err();
        assert!(
            err.message.contains("two copies would both be written"),
            "{err}"
        );
    }

    #[test]
    fn unknown_columns_and_placeholders_are_refused() {
        let copies = vec![row(&[("Patint name", "Ana")])];
        let err = check_columns(
            &copies,
            &["Patient name", "Date"],
            DEFAULT_TEMPLATE,
            Path::new("h.yaml"),
        )
        .unwrap_err();
        assert_eq!(err.message, "unknown field `Patint name`");
        assert_eq!(err.help.as_deref(), Some("did you mean `Patient name`?"));
        let copies = vec![row(&[("patient NAME", "Ana")])];
        assert!(
            check_columns(&copies, &["Patient name"], DEFAULT_TEMPLATE, Path::new("h")).is_ok()
        );
        let err =
            check_columns(&copies, &["Patient name"], "{stem}-{MRN}", Path::new("h")).unwrap_err();
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
            copies[0].values.get("patient name").map(String::as_str),
            Some("Ana López")
        );
    }
}

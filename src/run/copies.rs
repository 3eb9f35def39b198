//! Personalised copies: one PDF per patient, with the handout's `fields` filled in.
//!
//! Values come from a CSV file (`--data`, one copy per row, columns named like the fields)
//! and from `--set "Label=Value"` (applied to every copy; alone, it makes one copy). Output
//! names come from `--name-template`. Everything is checked before the first PDF is written:
//! a column that matches no field, a placeholder that names no column, two copies that would
//! get the same file name.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::assets::read::read_capped;
use crate::diagnostics::{closest, Diagnostic};
use crate::model::{nfc, FieldKey, Values};

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

fn copy(
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
        Some(path) => read_csv(path)?,
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

fn read_csv(path: &Path) -> Result<Vec<Copy>, Diagnostic> {
    let at = |msg: String| Diagnostic::new(path, msg);
    let bytes = read_capped(path, MAX_CSV_BYTES, "CSV file").map_err(|e| at(e.0))?;
    let lines = LineIndex::new(&bytes);
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(bytes.as_slice());
    let located = |e: csv::Error| {
        let line = e.position().map(|p| lines.line_of(p.byte()));
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
    let headers = header_names(reader.headers().map_err(located)?, path)?;
    let mut copies = Vec::new();
    for record in reader.records() {
        let record = record.map_err(located)?;
        let line = record.position().map_or(0, |p| lines.line_of(p.byte()));
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

/// The header row's column names; two columns that fill the same field are refused, since
/// one of their values would be lost.
fn header_names(record: &csv::StringRecord, path: &Path) -> Result<Vec<String>, Diagnostic> {
    let headers: Vec<String> = record
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').to_string())
        .collect();
    if headers.iter().all(|h| h.is_empty()) {
        return Err(Diagnostic::new(path, "the CSV file has no header row")
            .help("the first row names the fields, e.g. `Patient name,Date`"));
    }
    for (i, h) in headers.iter().enumerate().filter(|(_, h)| !h.is_empty()) {
        let key = FieldKey::new(h);
        if let Some(j) = headers[..i].iter().position(|g| FieldKey::new(g) == key) {
            return Err(Diagnostic::new(
                path,
                format!(
                    "columns {} (`{}`) and {} (`{h}`) name the same field; one value would be lost",
                    j + 1,
                    headers[j],
                    i + 1
                ),
            )
            .at(1, 1)
            .help("keep one of them, or rename the other"));
        }
    }
    Ok(headers)
}

/// Line numbers from byte offsets, counted by `\n` alone: right for LF, CRLF (Excel) and
/// newlines inside quoted values alike.
struct LineIndex<'a> {
    bytes: &'a [u8],
    /// Byte offset of the start of each line after the first.
    starts: Vec<u64>,
}

impl<'a> LineIndex<'a> {
    fn new(bytes: &'a [u8]) -> LineIndex<'a> {
        let starts = bytes
            .iter()
            .enumerate()
            .filter(|(_, b)| **b == b'\n')
            .map(|(i, _)| i as u64 + 1)
            .collect();
        LineIndex { bytes, starts }
    }

    /// 1-based line of the record that starts at `offset`. The csv reader ends a record at
    /// `\r` and starts the next one at the `\n` after it, so line ends before the record's
    /// first character are skipped.
    fn line_of(&self, offset: u64) -> usize {
        let skipped = self
            .bytes
            .iter()
            .skip(offset as usize)
            .take_while(|b| matches!(b, b'\r' | b'\n'))
            .count();
        let first = offset + skipped as u64;
        self.starts.partition_point(|&s| s <= first) + 1
    }
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

/// `--name-template`, parsed once: text and `{placeholders}`. Column placeholders match
/// columns like field labels do (`{patient name}` names the `Patient name` column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameTemplate {
    parts: Vec<Part>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Text(String),
    /// `{stem}`: the handout's file name without `.yaml`.
    Stem,
    /// `{row}`: the copy's number, zero-padded to the same width for every copy.
    Row,
    /// A column, as written in the template and as matched.
    Column(String, FieldKey),
}

impl std::str::FromStr for NameTemplate {
    type Err = String;

    fn from_str(template: &str) -> Result<NameTemplate, String> {
        let mut parts = Vec::new();
        let mut rest = template;
        while let Some(open) = rest.find(['{', '}']) {
            if rest[open..].starts_with('}') {
                return Err(format!("`{template}` has a `}}` without a `{{`"));
            }
            let (text, after) = (&rest[..open], &rest[open + 1..]);
            let close = after
                .find('}')
                .ok_or_else(|| format!("`{template}` has a `{{` that is never closed"))?;
            let name = &after[..close];
            if name.trim().is_empty() || name.contains('{') {
                return Err(format!("`{template}` has an empty or nested `{{…}}`"));
            }
            if !text.is_empty() {
                parts.push(Part::Text(text.to_string()));
            }
            parts.push(match name {
                "stem" => Part::Stem,
                "row" => Part::Row,
                column => Part::Column(column.to_string(), FieldKey::new(column)),
            });
            rest = &after[close + 1..];
        }
        if !rest.is_empty() {
            parts.push(Part::Text(rest.to_string()));
        }
        Ok(NameTemplate { parts })
    }
}

impl NameTemplate {
    /// The columns the template names: as written, and their keys.
    pub fn columns(&self) -> impl Iterator<Item = (&str, &FieldKey)> {
        self.parts.iter().filter_map(|p| match p {
            Part::Column(name, key) => Some((name.as_str(), key)),
            _ => None,
        })
    }

    /// The file name (without extension) of copy `c` of handout `stem`; `width` digits for
    /// `{row}`. A column whose value is blank (or has no letter or digit) gives no name: the
    /// error names the column.
    fn name(&self, stem: &str, c: &Copy, width: usize) -> Result<String, String> {
        let mut name = String::new();
        for part in &self.parts {
            match part {
                Part::Text(t) => name.push_str(t),
                Part::Stem => name.push_str(stem),
                Part::Row => name.push_str(&format!("{:0width$}", c.number)),
                Part::Column(column, key) => {
                    let value = slug(c.values.get(key).map_or("", |v| v));
                    if value.is_empty() {
                        return Err(column.clone());
                    }
                    name.push_str(&value);
                }
            }
        }
        Ok(name.trim_matches(['-', '.', ' ']).to_string())
    }
}

/// The output path of each copy, in order, or why that copy cannot have one: its name is
/// empty (a blank value), taken by an earlier copy, or `reserved` (a master handout's PDF name,
/// which a patient's copy must never replace). Each problem is that row's alone.
pub fn output_paths(
    copies: &[Copy],
    template: &NameTemplate,
    stem: &str,
    out_dir: &Path,
    suffix: &str,
    reserved: &BTreeSet<String>,
) -> Vec<Result<PathBuf, Diagnostic>> {
    let width = copies.len().to_string().len();
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    copies
        .iter()
        .map(|c| {
            let name = match template.name(stem, c, width) {
                Ok(name) => format!("{name}{suffix}"),
                Err(column) => {
                    return Err(c
                        .error(format!(
                            "the `{column}` value of this row is empty, and --name-template \
                             uses it for the file name"
                        ))
                        .help("fill it in, or take it out of --name-template"))
                }
            };
            if name.is_empty() || name.starts_with(['.', '-']) || name.contains(['/', '\\']) {
                return Err(c
                    .error(format!(
                        "the name template gives `{name}` for this row, which is not a usable \
                         file name"
                    ))
                    .help(
                        "a template such as `{stem}-{Patient name}` needs that column filled in",
                    ));
            }
            if reserved.contains(&name) {
                return Err(c
                    .error(format!(
                        "this copy would be written to `{name}.pdf`, the name of a handout's own \
                         PDF; it was not written"
                    ))
                    .help("add `{row}` to --name-template, e.g. `{stem}-{row}-{Patient name}`"));
            }
            if let Some(other) = seen.insert(name.clone(), c.origin()) {
                return Err(c
                    .error(format!(
                        "this copy and the one from {other} would both be written to `{name}.pdf`"
                    ))
                    .help("add `{row}` to --name-template to keep names apart"));
            }
            Ok(out_dir.join(format!("{name}.pdf")))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(template: &str) -> NameTemplate {
        template.parse().unwrap()
    }

    fn ok(paths: Vec<Result<PathBuf, Diagnostic>>) -> Vec<PathBuf> {
        paths.into_iter().map(Result::unwrap).collect()
    }

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
        let paths = ok(output_paths(
            &copies,
            &t("{stem}-{Patient name}"),
            "food-list",
            Path::new("o"),
            "",
            &BTreeSet::new(),
        ));
        assert_eq!(paths, vec![PathBuf::from("o/food-list-ana-lópez-ruiz.pdf")]);
        let paths = ok(output_paths(
            &copies,
            &t(DEFAULT_TEMPLATE),
            "food-list",
            Path::new("o"),
            "-large",
            &BTreeSet::new(),
        ));
        assert_eq!(paths, vec![PathBuf::from("o/food-list-1-large.pdf")]);
    }

    #[test]
    fn duplicate_names_are_refused() {
        let mut b = row(&[("Patient name", "Ana")]);
        b.number = 2;
        let copies = vec![row(&[("Patient name", "Ana")]), b];
        let paths = output_paths(
            &copies,
            &t("{Patient name}"),
            "x",
            Path::new("o"),
            "",
            &BTreeSet::new(),
        );
        assert!(paths[0].is_ok());
        let err = paths[1].as_ref().unwrap_err();
        assert!(
            err.message
                .contains("the one from t.csv:2 would both be written to `ana.pdf`"),
            "{err}"
        );
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
    fn placeholders_match_columns_whatever_their_case() {
        // `{patient name}` names the `Patient name` column: it passes the check, so it must
        // also be filled in (it once passed the check and then stayed literal).
        let copies = vec![row(&[("Patient name", "Ana López")])];
        let template = t("{stem}-{patient  NAME}");
        check_columns(&copies, &["Patient name"], &template, Path::new("h")).unwrap();
        let paths = ok(output_paths(
            &copies,
            &template,
            "x",
            Path::new("o"),
            "",
            &BTreeSet::new(),
        ));
        assert_eq!(paths, vec![PathBuf::from("o/x-ana-lópez.pdf")]);
    }

    #[test]
    fn malformed_templates_are_refused() {
        for bad in ["{stem", "stem}", "{}", "{ }", "{a{b}}", "x-{row"] {
            let err = bad.parse::<NameTemplate>().unwrap_err();
            assert!(err.starts_with(&format!("`{bad}` has")), "{bad}: {err}");
        }
        assert_eq!(t("{stem}").columns().count(), 0);
        assert_eq!(t("{Date}-{row}").columns().count(), 1);
    }

    fn csv(text: &str) -> Result<Vec<Copy>, Diagnostic> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.csv");
        std::fs::write(&path, text).unwrap();
        read_csv(&path)
    }

    #[test]
    fn csv_lines_are_right_for_lf_crlf_and_quoted_newlines() {
        let lf = "Patient name,Date\nAna,1\n\"Multi\nline\",2\nBo,3\n";
        for text in [lf.to_string(), lf.replace('\n', "\r\n")] {
            let lines: Vec<_> = csv(&text).unwrap().iter().map(|c| c.line).collect();
            assert_eq!(lines, vec![Some(2), Some(3), Some(5)], "{text:?}");
        }
        let err = csv("Patient name,Date\r\nAna,1\r\nBo,2,extra\r\n").unwrap_err();
        assert_eq!(err.location, Some((3, 1)), "{err}");
    }

    #[test]
    fn two_columns_for_one_field_are_refused() {
        let err = csv("Patient name,Date,patient  NAME\nAna,1,Bo\n").unwrap_err();
        assert_eq!(
            err.message,
            "columns 1 (`Patient name`) and 3 (`patient  NAME`) name the same field; \
             one value would be lost"
        );
        assert_eq!(err.location, Some((1, 1)));
    }

    #[test]
    fn decomposed_accents_are_composed() {
        // "José" as macOS exports it: `e` followed by a combining acute accent.
        let copies = csv("Patient name\nJose\u{301}\n").unwrap();
        let name = &copies[0].values[&FieldKey::new("Patient name")];
        assert_eq!(name, "Jos\u{e9}");
        let sets = parse_sets(&["Patient name=Rene\u{301}e".into()]).unwrap();
        assert_eq!(sets[0].1, "Ren\u{e9}e");
    }

    #[test]
    fn a_blank_name_or_a_master_name_fails_that_row_alone() {
        let mut large = row(&[("Patient name", "Large")]);
        large.number = 2;
        let mut blank = row(&[("Patient name", " ")]);
        blank.number = 3;
        let copies = vec![row(&[("Patient name", "Ana")]), large, blank];
        let masters: BTreeSet<String> = ["symptom-checklist", "symptom-checklist-large"]
            .map(String::from)
            .into();
        let template = t("{stem}-{Patient name}");
        let paths = output_paths(
            &copies,
            &template,
            "symptom-checklist",
            Path::new("o"),
            "",
            &masters,
        );
        assert_eq!(paths[0], Ok(PathBuf::from("o/symptom-checklist-ana.pdf")));
        let err = paths[1].as_ref().unwrap_err();
        assert!(
            err.message.contains("the name of a handout's own PDF"),
            "{err}"
        );
        let err = paths[2].as_ref().unwrap_err();
        assert!(
            err.message
                .contains("the `Patient name` value of this row is empty"),
            "{err}"
        );
    }
}

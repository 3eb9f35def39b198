//! File names of personalised copies: `--name-template`, parsed once, filled in per row,
//! and refused per row where the name would be empty, repeated, or a master handout's.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::Copy;
use crate::diagnostics::Diagnostic;
use crate::model::FieldKey;

/// The default output name: the handout's name and the copy's number.
pub const DEFAULT_TEMPLATE: &str = "{stem}-{row}";

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

/// A copy to name: its row, the handout's name and the edition's suffix (`-large`).
#[derive(Debug, Clone, Copy)]
pub struct NameRequest<'a> {
    pub copy: &'a Copy,
    pub stem: &'a str,
    pub suffix: &'a str,
}

/// The output path of each copy, in order, or why that copy cannot have one: its name is
/// empty (a blank value), taken by an earlier copy, or `reserved` (a master handout's PDF name,
/// which a patient's copy must never replace). Each problem is that row's alone.
pub fn output_paths(
    items: &[NameRequest],
    template: &NameTemplate,
    out_dir: &Path,
    reserved: &BTreeSet<String>,
) -> Vec<Result<PathBuf, Diagnostic>> {
    let last = items.iter().map(|i| i.copy.number).max().unwrap_or(1);
    let width = last.to_string().len();
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    items
        .iter()
        .map(
            |&NameRequest {
                 copy: c,
                 stem,
                 suffix,
             }| {
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
                check_name(c, &name, reserved)?;
                if let Some(other) = seen.insert(name.clone(), c.origin()) {
                    return Err(c
                        .error(format!(
                            "this copy would get the same file name as the one from {other}"
                        ))
                        .help("add `{row}` to --name-template to keep names apart"));
                }
                Ok(out_dir.join(format!("{name}.pdf")))
            },
        )
        .collect()
}

/// Longest file name a copy gets, `.pdf` included, in bytes. File systems allow 255; the
/// temporary file a PDF is first written to (`.NAME.pdf.XXXXXX.tmp`) adds 16, and some
/// encrypted home folders (eCryptfs) allow only 143: 140 leaves room for all of them, and no
/// one reads a longer name.
pub const MAX_NAME_BYTES: usize = 140;

/// Refuses a copy's file name (without `.pdf`) that is not usable, is too long, or is a
/// master handout's (in `reserved`).
fn check_name(c: &Copy, name: &str, reserved: &BTreeSet<String>) -> Result<(), Diagnostic> {
    if name.is_empty() || name.starts_with(['.', '-']) || name.contains(['/', '\\']) {
        return Err(c
            .error(format!(
                "the name template gives `{name}` for this row, which is not a usable file name"
            ))
            .help("a template such as `{stem}-{Patient name}` needs that column filled in"));
    }
    let bytes = name.len() + ".pdf".len();
    if bytes > MAX_NAME_BYTES {
        return Err(c
            .error(format!(
                "the name template gives this row a file name of {bytes} bytes, more than the \
                 {MAX_NAME_BYTES} a copy's file name may have"
            ))
            .help("name copies by shorter columns, or by `{row}`"));
    }
    if reserved.contains(name) {
        return Err(c
            .error(format!(
                "this copy would be written to `{name}.pdf`, the name of a handout's own PDF; it \
                 was not written"
            ))
            .help("add `{row}` to --name-template, e.g. `{stem}-{row}-{Patient name}`"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::check_columns;
    use super::super::tests::{row, t};
    use super::*;

    fn ok(paths: Vec<Result<PathBuf, Diagnostic>>) -> Vec<PathBuf> {
        paths.into_iter().map(Result::unwrap).collect()
    }

    /// Names for `copies` of one handout `stem` in one edition.
    fn names_for(
        copies: &[Copy],
        template: &NameTemplate,
        stem: &str,
        suffix: &str,
        reserved: &BTreeSet<String>,
    ) -> Vec<Result<PathBuf, Diagnostic>> {
        let items: Vec<NameRequest> = copies
            .iter()
            .map(|copy| NameRequest { copy, stem, suffix })
            .collect();
        output_paths(&items, template, Path::new("o"), reserved)
    }

    #[test]
    fn names_come_from_the_template_and_are_safe() {
        let copies = vec![row(&[("Patient name", "Ana López / Ruiz")])];
        let paths = ok(names_for(
            &copies,
            &t("{stem}-{Patient name}"),
            "food-list",
            "",
            &BTreeSet::new(),
        ));
        assert_eq!(paths, vec![PathBuf::from("o/food-list-ana-lópez-ruiz.pdf")]);
        let paths = ok(names_for(
            &copies,
            &t(DEFAULT_TEMPLATE),
            "food-list",
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
        let paths = names_for(&copies, &t("{Patient name}"), "x", "", &BTreeSet::new());
        assert!(paths[0].is_ok());
        let err = paths[1].as_ref().unwrap_err();
        assert!(
            err.message
                .contains("the same file name as the one from t.csv:2"),
            "{err}"
        );
    }

    #[test]
    fn placeholders_match_columns_whatever_their_case() {
        // `{patient name}` names the `Patient name` column: it passes the check, so it must
        // also be filled in (it once passed the check and then stayed literal).
        let copies = vec![row(&[("Patient name", "Ana López")])];
        let template = t("{stem}-{patient  NAME}");
        check_columns(
            &copies,
            &["Patient name"],
            &[],
            &[],
            &template,
            Path::new("h"),
        )
        .unwrap();
        let paths = ok(names_for(&copies, &template, "x", "", &BTreeSet::new()));
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
        let paths = names_for(&copies, &template, "symptom-checklist", "", &masters);
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

    #[test]
    fn a_file_name_too_long_for_the_disk_fails_that_row_alone() {
        let fits = "é".repeat((MAX_NAME_BYTES - ".pdf".len()) / 2);
        let mut long = row(&[("Notes", &format!("{fits}x"))]);
        long.number = 2;
        let copies = vec![row(&[("Notes", &fits)]), long];
        let paths = names_for(&copies, &t("{Notes}"), "s", "", &BTreeSet::new());
        assert_eq!(paths[0], Ok(PathBuf::from(format!("o/{fits}.pdf"))));
        let err = paths[1].as_ref().unwrap_err();
        assert_eq!(
            err.message,
            format!(
                "the name template gives this row a file name of {} bytes, more than the 140 a \
                 copy's file name may have",
                MAX_NAME_BYTES + 1
            )
        );
    }
}

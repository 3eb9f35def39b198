//! Packets: for each row of the day's data, that patient's copy of each handout chosen for
//! them, in their language and edition. One handout and no choice columns is the simple
//! case: a copy per row.
//!
//! Optional columns choose per row (matched like field labels): `Handouts` (file stems of the
//! handouts given, separated by `;` or `,`; empty means all), `Language` (a language's tag,
//! own name or English name, as `data/languages.yaml` lists them: the handout of the same
//! name in that language's folder below the handouts folder, such as `handouts/es/`) and `Large print` (yes/no). A row that names an unknown handout, or a
//! language with no such handout, fails alone with its CSV line. Each handout file and
//! edition is prepared once; every copy is laid out with its row's values, mapped onto a
//! translation's own field labels by position; all copies share one font subset.

mod job;
mod language;
pub mod run;
mod templates;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::copies::{self, Copy};
use super::handout::{self as build, Prepared, Problems};
use super::{CopiesPlan, Outcome, Setup};
use crate::assets::fonts::Face;
use crate::diagnostics::Diagnostic;
use crate::model::{field_labels, parse_handout, FieldKey, Source, Values};
use crate::pdf::{self, FontSubsets};

/// The columns that choose what a row gets, rather than fill a field.
pub const CHOICE_COLUMNS: [&str; 3] = ["Handouts", "Language", "Large print"];

/// One handout file in one edition, as copies are made of it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct VariantKey {
    /// Which of the handouts given (its position), whose labels a translation's map onto.
    pub input: usize,
    /// The file: the handout given, or its translation.
    pub path: PathBuf,
    pub large_print: bool,
}

/// A handout prepared for copies, with its field labels.
pub struct Variant {
    pub key: VariantKey,
    pub prepared: Prepared,
    pub labels: Vec<String>,
}

/// A handout given on the command line: its file and field labels (which a translation's
/// labels are filled by, position for position).
pub struct Given {
    pub path: PathBuf,
    pub labels: Vec<String>,
}

impl Given {
    /// The labels of each handout given: from its prepared variant when a row asked for it,
    /// else read from the file. One that cannot be read has none here (it fails, located,
    /// where it is prepared).
    pub fn labelled(inputs: &[PathBuf], variants: &[Variant]) -> Vec<Given> {
        inputs
            .iter()
            .map(|path| {
                let prepared = variants.iter().find(|v| v.key.path == *path);
                let labels = match prepared {
                    Some(v) => v.labels.clone(),
                    None => Source::read(path)
                        .ok()
                        .and_then(|s| parse_handout(&s).ok())
                        .map(|h| field_labels(&h).into_iter().map(str::to_string).collect())
                        .unwrap_or_default(),
                };
                Given {
                    path: path.clone(),
                    labels,
                }
            })
            .collect()
    }
}

/// The value of a choice column in a row, if filled in.
fn choice<'a>(row: &'a Copy, column: &str) -> Option<&'a str> {
    let key = FieldKey::new(column);
    row.columns
        .iter()
        .find(|(c, _)| FieldKey::new(c) == key)
        .map(|(_, v)| v.trim())
        .filter(|v| !v.is_empty())
}

/// What a row asks for: the handout files and edition of each of its copies. `root` is the
/// handouts folder (language folders are below it); `large_print` the run's edition.
pub fn choose(
    row: &Copy,
    given: &[PathBuf],
    root: &Path,
    large_print: bool,
) -> Result<Vec<VariantKey>, Diagnostic> {
    let [handouts, language, large] = CHOICE_COLUMNS.map(|c| choice(row, c));
    let chosen = match handouts {
        None => (0..given.len()).collect(),
        Some(list) => handouts_named(row, list, given)?,
    };
    let large_print = match large {
        None => large_print,
        Some(v) => yes_or_no(v)
            .ok_or_else(|| row.error(format!("`Large print` is `{v}`; expected yes or no")))?,
    };
    chosen
        .into_iter()
        .map(|input| {
            let folder = match language {
                None => None,
                Some(value) => language::folder_for(row, root, value, stem(&given[input]))?,
            };
            let path = match folder {
                None => given[input].clone(),
                Some(folder) => translation(row, &given[input], root, &folder)?,
            };
            Ok(VariantKey {
                input,
                path,
                large_print,
            })
        })
        .collect()
}

/// The handouts a `Handouts` value names, by file stem, in the order written.
fn handouts_named(row: &Copy, list: &str, given: &[PathBuf]) -> Result<Vec<usize>, Diagnostic> {
    let stems: Vec<&str> = given.iter().map(|p| stem(p)).collect();
    let mut chosen = Vec::new();
    for name in list
        .split([';', ','])
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        let name = name.strip_suffix(".yaml").unwrap_or(name);
        let Some(i) = stems.iter().position(|s| s.eq_ignore_ascii_case(name)) else {
            let help = match crate::diagnostics::closest(name, &stems) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("the handouts are {}", quoted(&stems)),
            };
            return Err(row
                .error(format!(
                    "`Handouts` names `{name}`, which is not one of the handouts given"
                ))
                .help(help));
        };
        if !chosen.contains(&i) {
            chosen.push(i);
        }
    }
    Ok(chosen)
}

/// The file of a handout in language `lang`: the file of the same name in `ROOT/LANG/`.
fn translation(row: &Copy, input: &Path, root: &Path, lang: &str) -> Result<PathBuf, Diagnostic> {
    let name = input.file_name().unwrap_or_default();
    let file = root.join(lang).join(name);
    if file.is_file() {
        return Ok(file);
    }
    let languages: Vec<String> = std::fs::read_dir(root)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter(|e| e.path().join(name).is_file())
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .collect();
    let help = if languages.is_empty() {
        "there are no translations of this handout".to_string()
    } else {
        let refs: Vec<&str> = languages.iter().map(String::as_str).collect();
        format!(
            "its translations are in {}; leave `Language` empty for the handout given",
            quoted(&refs)
        )
    };
    Err(row
        .error(format!(
            "there is no `{lang}` version of `{}` (looked for `{}`)",
            stem(input),
            file.display()
        ))
        .help(help))
}

fn yes_or_no(value: &str) -> Option<bool> {
    match value.to_lowercase().as_str() {
        "yes" | "y" | "true" | "1" | "x" | "sí" | "si" => Some(true),
        "no" | "n" | "false" | "0" => Some(false),
        _ => None,
    }
}

/// A handout file's name without `.yaml`.
pub fn stem(path: &Path) -> &str {
    path.file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("handout")
}

fn quoted(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Prepares every handout the rows ask for, once each. A handout that fails is one failed
/// outcome; rows' other handouts are still made.
pub fn prepare_variants<'s>(
    keys: &BTreeSet<VariantKey>,
    setup_for: &dyn Fn(bool) -> &'s Setup,
) -> (Vec<Variant>, Vec<Outcome>) {
    let mut variants = Vec::new();
    let mut failed = Vec::new();
    for key in keys {
        let prepared = Source::read(&key.path)
            .map_err(|d| vec![d])
            .and_then(|s| build::prepare(setup_for(key.large_print), &s));
        match prepared {
            Ok(prepared) => {
                let labels = field_labels(&prepared.handout)
                    .into_iter()
                    .map(str::to_string)
                    .collect();
                variants.push(Variant {
                    key: key.clone(),
                    prepared,
                    labels,
                });
            }
            Err(problems) => failed.push(Outcome {
                input: key.path.clone(),
                output: None,
                result: Err(problems),
            }),
        }
    }
    (variants, failed)
}

/// A row's values for one variant: by the variant's own labels, and, for a translation whose
/// labels differ, by position among the labels of the handout given (`Nombre` is filled from
/// `Patient name` when both are the first field).
pub fn values_for(row: &Copy, variant: &Variant, given: &[Given]) -> Values {
    let default = &given[variant.key.input].labels;
    let mut values = Values::new();
    for (i, label) in variant.labels.iter().enumerate() {
        let own = row.values.get(&FieldKey::new(label));
        let by_position = default
            .get(i)
            .and_then(|d| row.values.get(&FieldKey::new(d)));
        if let Some(v) = own.or(by_position) {
            values.insert(FieldKey::new(label), v.clone());
        }
    }
    values
}

/// The font subset all copies share: the glyphs of each variant laid out with the first
/// row's values, of every value shaped as layout shapes it, and every digit in bold (a copy
/// may have more pages than the first row's, and its footer says "Page 2 of 2"); with the
/// warnings of those layouts (told once).
pub fn shared_fonts<'s>(
    variants: &[Variant],
    rows: &[Copy],
    given: &[Given],
    setup_for: &dyn Fn(bool) -> &'s Setup,
) -> Result<(FontSubsets, Vec<Diagnostic>), Problems> {
    let setup = setup_for(false);
    let metrics = setup.metrics().map_err(|d| vec![d])?;
    let (mut used, mut warnings) = (pdf::UsedGlyphs::default(), Vec::new());
    for v in variants {
        let first = rows
            .first()
            .map(|r| values_for(r, v, given))
            .unwrap_or_default();
        let (pages, shortfalls) =
            build::lay_out_pages(setup_for(v.key.large_print), &metrics, &v.prepared, &first)?;
        warnings.extend(shortfalls);
        used.extend(pdf::UsedGlyphs::of_pages(&pages));
        // The rows' values, in the direction of this variant's lines (layout just set it).
        for value in rows.iter().flat_map(|c| c.values.values()) {
            used.add_text(&metrics, Face::Regular, value);
        }
    }
    for digit in '0'..='9' {
        used.add_text(&metrics, Face::Bold, &digit.to_string());
    }
    let fonts = FontSubsets::new(&setup.fonts, &used)
        .map_err(|msg| vec![Diagnostic::internal(&setup.brand_path, msg)])?;
    Ok((fonts, warnings))
}

/// Checks the data's columns against the labels of every handout the rows get and of the
/// handouts given (whose labels fill a translation's by position), with the choice columns
/// known too; one warning for columns that fill nothing.
pub fn check_columns(
    rows: &[Copy],
    variants: &[Variant],
    given: &[Given],
    spec: &CopiesPlan,
    source: &Path,
) -> Result<Option<Diagnostic>, Diagnostic> {
    let mut labels: Vec<&str> = Vec::new();
    let given_labels = given.iter().flat_map(|g| g.labels.iter());
    for label in variants
        .iter()
        .flat_map(|v| v.labels.iter())
        .chain(given_labels)
    {
        if !labels
            .iter()
            .any(|l| FieldKey::new(l) == FieldKey::new(label))
        {
            labels.push(label);
        }
    }
    if variants.is_empty() {
        // Every handout failed, each reported on its own: there is nothing to check against.
        return Ok(None);
    }
    let (sets, template) = (&spec.sets, &spec.name_template);
    copies::check_columns(rows, &labels, &CHOICE_COLUMNS, sets, template, source)
}

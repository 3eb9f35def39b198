//! `handout new`: a new handout file from a template, so staff start from something that
//! already builds and shows how each block kind is written.

use std::path::{Component, Path, PathBuf};

use handout::diagnostics::Diagnostic;

/// The kinds of handout there are templates for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    /// A symptom checklist with Never / Sometimes / Often boxes and notes
    Checklist,
    /// Foods to enjoy and foods to limit, side by side
    FoodList,
    /// Numbered steps and a weekly tracker
    Plan,
    /// An information sheet with sections
    Info,
}

impl Kind {
    fn template(self) -> &'static str {
        match self {
            Kind::Checklist => include_str!("templates/checklist.yaml"),
            Kind::FoodList => include_str!("templates/food-list.yaml"),
            Kind::Plan => include_str!("templates/plan.yaml"),
            Kind::Info => include_str!("templates/info.yaml"),
        }
    }
}

/// "stress-plan" → "Stress plan": a first title the author will change.
fn title_from(name: &str) -> String {
    let words = name.replace(['-', '_'], " ");
    let mut chars = words.trim().chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The path from `dir` up to the working folder, then to `schema/handout.schema.json`.
fn schema_path(dir: &Path) -> String {
    let depth = dir
        .components()
        .filter(|c| matches!(c, Component::Normal(_)))
        .count();
    format!("{}schema/handout.schema.json", "../".repeat(depth))
}

/// Writes `dir/NAME.yaml` from the template for `kind`; refuses to overwrite a file.
pub fn new_handout(dir: &Path, name: &str, kind: Kind) -> Result<PathBuf, Diagnostic> {
    let name = name.strip_suffix(".yaml").unwrap_or(name);
    let usable = !name.is_empty()
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_'));
    if !usable {
        return Err(
            Diagnostic::new(Path::new(name), "not a usable handout name").help(
                "use letters, digits and dashes, such as `sleep-tips`; the PDF gets the same name",
            ),
        );
    }
    let path = dir.join(format!("{name}.yaml"));
    if path.exists() {
        return Err(
            Diagnostic::new(&path, "this handout already exists; nothing was written")
                .help("pick another name, or edit the file"),
        );
    }
    let text = kind
        .template()
        .replace("{title}", &title_from(name))
        .replace("{schema}", &schema_path(dir));
    std::fs::create_dir_all(dir)
        .and_then(|_| {
            // create_new: never overwrite, even if the file appeared since the check above.
            use std::io::Write;
            let mut f = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)?;
            f.write_all(text.as_bytes())
        })
        .map_err(|e| Diagnostic::new(&path, format!("cannot write the handout: {e}")))?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_and_schema_paths() {
        assert_eq!(title_from("sleep-tips"), "Sleep tips");
        assert_eq!(
            schema_path(Path::new("handouts")),
            "../schema/handout.schema.json"
        );
        assert_eq!(
            schema_path(Path::new("handouts/es")),
            "../../schema/handout.schema.json"
        );
    }

    #[test]
    fn names_are_checked_and_files_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        assert!(new_handout(dir.path(), "../evil", Kind::Info).is_err());
        assert!(new_handout(dir.path(), "", Kind::Info).is_err());
        let path = new_handout(dir.path(), "sleep-tips", Kind::Plan).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("title: \"Sleep tips\""), "{text}");
        let again = new_handout(dir.path(), "sleep-tips", Kind::Info).unwrap_err();
        assert!(again.message.contains("already exists"));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    }

    #[test]
    fn every_template_parses() {
        for kind in [Kind::Checklist, Kind::FoodList, Kind::Plan, Kind::Info] {
            let text = kind
                .template()
                .replace("{title}", "T")
                .replace("{schema}", "s.json");
            let source = handout::model::Source {
                path: "t.yaml".into(),
                text,
            };
            handout::model::parse_handout(&source).unwrap_or_else(|e| panic!("{kind:?}: {e:?}"));
        }
    }
}

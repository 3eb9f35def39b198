//! Finding the handouts to build: files as given, folders searched for `*.yaml`/`*.yml`, and
//! the PDF path each one becomes.

use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;

/// One handout to build: its YAML file and the PDF it becomes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    pub input: PathBuf,
    pub output: PathBuf,
}

/// Finds handouts: files as given, folders searched recursively for `*.yaml`/`*.yml`
/// (the brand file excluded). A folder's structure is kept under `out_dir`.
pub fn discover(
    paths: &[PathBuf],
    out_dir: &Path,
    brand_path: &Path,
    suffix: &str,
) -> Result<Vec<Job>, Diagnostic> {
    let brand_canon = brand_path.canonicalize().ok();
    let mut jobs = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found = Vec::new();
            walk(path, &mut found).map_err(|e| {
                let at = e.path().unwrap_or(path);
                Diagnostic::new(at, format!("cannot read folder: {e}"))
            })?;
            found.sort();
            for file in found {
                if file.canonicalize().ok() == brand_canon {
                    continue;
                }
                let relative = file.strip_prefix(path).unwrap_or(&file);
                jobs.push(Job {
                    output: with_suffix(&out_dir.join(relative), suffix),
                    input: file,
                });
            }
        } else if path.exists() {
            let stem = output_stem(path)?;
            jobs.push(Job {
                input: path.clone(),
                output: out_dir.join(format!("{stem}{suffix}.pdf")),
            });
        } else {
            return Err(Diagnostic::new(path, "no such file or folder"));
        }
    }
    let mut outputs: Vec<&PathBuf> = jobs.iter().map(|j| &j.output).collect();
    outputs.sort();
    if let Some(w) = outputs.windows(2).find(|w| w[0] == w[1]) {
        return Err(
            Diagnostic::new(w[0], "two handouts would write this same PDF")
                .help("give handouts in different folders different file names"),
        );
    }
    Ok(jobs)
}

/// `dir/name.yaml` → `dir/name{suffix}.pdf`.
fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("handout");
    path.with_file_name(format!("{stem}{suffix}.pdf"))
}

/// The PDF name for a handout file: its stem, checked to be a plain file name.
fn output_stem(path: &Path) -> Result<String, Diagnostic> {
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .filter(|s| !s.is_empty() && *s != "." && *s != ".." && !s.contains(['/', '\\']))
        .ok_or_else(|| Diagnostic::new(path, "cannot make a PDF name from this file name"))?;
    Ok(stem.to_string())
}

fn is_handout_file(path: &Path) -> bool {
    let hidden = path
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'));
    let yaml = matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml")
    );
    yaml && !hidden
}

/// Every handout file below `dir`. Symbolic links are followed (a shared folder may be a
/// link), and a link back to a folder above is reported as a loop instead of walked forever.
fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), walkdir::Error> {
    for entry in walkdir::WalkDir::new(dir).follow_links(true) {
        let entry = entry?;
        if entry.file_type().is_file() && is_handout_file(entry.path()) {
            out.push(entry.into_path());
        }
    }
    Ok(())
}

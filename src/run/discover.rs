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

/// What a search for handouts found: the handouts to build, and the problems of files and
/// folders that cannot be built (each reported as a failure of its own, the rest still built).
#[derive(Debug, Default)]
pub struct Found {
    pub jobs: Vec<Job>,
    pub problems: Vec<Diagnostic>,
}

/// Brand files are named so, and are never handouts, wherever they are and whichever brand
/// file the run uses (a second brand kept near the handouts never breaks a build).
pub fn is_brand_file(path: &Path) -> bool {
    matches!(
        path.file_name().and_then(|n| n.to_str()),
        Some("brand.yaml" | "brand.yml")
    )
}

/// Finds handouts: files as given, folders searched recursively for `*.yaml`/`*.yml`
/// (brand files excluded). A handout's PDF mirrors its path below the brand file's folder
/// (the handouts folder), whether it is found alone or in a folder:
/// `handouts/es/food-list.yaml` → `OUT/es/food-list.pdf`. A path that does not exist is an
/// error for the whole run; a sub-folder that cannot be read, a link that loops, or two
/// handouts that would write one PDF are problems of their own.
pub fn discover(
    paths: &[PathBuf],
    out_dir: &Path,
    brand_path: &Path,
    suffix: &str,
) -> Result<Found, Diagnostic> {
    let brand_canon = brand_path.canonicalize().ok();
    let root = brand_path.parent().and_then(|r| {
        let r = if r.as_os_str().is_empty() {
            Path::new(".")
        } else {
            r
        };
        r.canonicalize().ok()
    });
    let place = |file: &Path, base: &Path| {
        let below_root = root.as_deref().and_then(|root| {
            let canon = file.canonicalize().ok()?;
            canon.strip_prefix(root).ok().map(Path::to_path_buf)
        });
        let relative =
            below_root.unwrap_or_else(|| file.strip_prefix(base).unwrap_or(file).to_path_buf());
        with_suffix(&out_dir.join(relative), suffix)
    };
    let mut found = Found::default();
    for path in paths {
        if path.is_dir() {
            let (files, problems) = walk(path);
            found.problems.extend(problems);
            for file in files {
                if is_brand_file(&file) || file.canonicalize().ok() == brand_canon {
                    continue;
                }
                let output = place(&file, path);
                found.jobs.push(Job {
                    output,
                    input: file,
                });
            }
        } else if path.exists() {
            output_stem(path)?;
            let base = path.parent().unwrap_or(Path::new(""));
            let output = place(path, base);
            found.jobs.push(Job {
                input: path.clone(),
                output,
            });
        } else {
            return Err(Diagnostic::new(path, "no such file or folder").help(
                "run from the folder that holds `handouts/`, or name the handouts to build",
            ));
        }
    }
    found.refuse_shared_outputs();
    Ok(found)
}

impl Found {
    /// Two handouts that would write the same PDF (`x.yaml` beside `x.yml`) are both
    /// refused, each naming the other; neither silently wins.
    fn refuse_shared_outputs(&mut self) {
        let mut jobs = std::mem::take(&mut self.jobs);
        jobs.sort_by(|a, b| a.output.cmp(&b.output).then(a.input.cmp(&b.input)));
        for group in jobs.chunk_by(|a, b| a.output == b.output) {
            if let [only] = group {
                self.jobs.push(only.clone());
                continue;
            }
            for job in group {
                let others: Vec<String> = group
                    .iter()
                    .filter(|o| o.input != job.input)
                    .map(|o| format!("`{}`", o.input.display()))
                    .collect();
                self.problems.push(
                    Diagnostic::new(
                        &job.input,
                        format!(
                            "this handout and {} would both be written to `{}`",
                            others.join(", "),
                            job.output.display()
                        ),
                    )
                    .help("rename one of them; neither was built"),
                );
            }
        }
        self.jobs.sort_by(|a, b| a.input.cmp(&b.input));
    }
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

/// Every handout file below `dir`, sorted, and the problems met on the way. Symbolic links
/// are followed (a shared folder may be a link); a link back to a folder above is reported as
/// a loop instead of walked forever, and a sub-folder that cannot be read is reported and
/// skipped.
fn walk(dir: &Path) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let entries = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name();
    for entry in entries {
        match entry {
            Ok(e) if e.file_type().is_file() && is_handout_file(e.path()) => {
                files.push(e.into_path())
            }
            // A pipe or device named like a handout would block or never end: say so.
            Ok(e) if !e.file_type().is_dir() && is_handout_file(e.path()) => problems.push(
                Diagnostic::new(e.path(), "this is not a regular file; it was skipped"),
            ),
            Ok(_) => {}
            Err(e) => problems.push(walk_problem(dir, &e)),
        }
    }
    files.sort();
    (files, problems)
}

fn walk_problem(dir: &Path, e: &walkdir::Error) -> Diagnostic {
    let at = e.path().unwrap_or(dir);
    match e.loop_ancestor() {
        Some(ancestor) => Diagnostic::new(
            at,
            format!(
                "this link leads back to `{}`, a folder it is in; it was skipped",
                ancestor.display()
            ),
        )
        .help("remove the link, or point it at a folder outside the handouts"),
        None => {
            let why = e
                .io_error()
                .map_or_else(|| e.to_string(), ToString::to_string);
            Diagnostic::new(
                at,
                format!("cannot read this folder ({why}); it was skipped"),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(path: &Path) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, "title: T\nblocks: [{text: x}]\n").unwrap();
    }

    fn inputs(found: &Found, root: &Path) -> Vec<String> {
        found
            .jobs
            .iter()
            .map(|j| j.input.strip_prefix(root).unwrap().display().to_string())
            .collect()
    }

    #[test]
    fn brand_files_are_never_handouts() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for f in [
            "a.yaml",
            "brand.yaml",
            "es/brand.yml",
            "es/b.yml",
            "other/brand.yaml",
        ] {
            touch(&root.join(f));
        }
        let found = discover(&[root.into()], Path::new("o"), &root.join("x.yaml"), "").unwrap();
        assert_eq!(inputs(&found, root), ["a.yaml", "es/b.yml"]);
        assert!(found.problems.is_empty());
    }

    #[test]
    fn two_handouts_for_one_pdf_are_both_refused_and_the_rest_found() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for f in ["x.yaml", "x.yml", "y.yaml"] {
            touch(&root.join(f));
        }
        let found = discover(&[root.into()], Path::new("o"), Path::new("b"), "").unwrap();
        assert_eq!(inputs(&found, root), ["y.yaml"]);
        assert_eq!(found.problems.len(), 2);
        let message = &found.problems[0].message;
        assert!(
            message.contains("x.yml`") && message.contains("would both be written to `o/x.pdf`"),
            "{message}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn links_that_loop_and_pipes_are_problems_and_the_rest_is_found() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        touch(&root.join("a.yaml"));
        touch(&root.join("sub/b.yaml"));
        std::os::unix::fs::symlink(".", root.join("self")).unwrap();
        std::os::unix::fs::symlink("..", root.join("sub/up")).unwrap();
        let fifo = root.join("pipe.yaml");
        assert!(std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success());
        let found = discover(&[root.into()], Path::new("o"), Path::new("b"), "").unwrap();
        assert_eq!(inputs(&found, root), ["a.yaml", "sub/b.yaml"]);
        let messages: Vec<&str> = found.problems.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(
            messages.iter().any(|m| m.contains("not a regular file")),
            "{messages:?}"
        );
        assert_eq!(
            messages
                .iter()
                .filter(|m| m.contains("leads back to"))
                .count(),
            2,
            "{messages:?}"
        );
    }
}

//! `handout watch`: rebuild whenever a handout, the brand file, a font or a picture changes.
//!
//! Folders are watched rather than files, because editors often save by writing a new file
//! and renaming it over the old one, which a watch on the old file would miss. Bursts of
//! events (one save can make several) are gathered for a moment before one rebuild. Input
//! errors are printed like `check` prints them and the watch goes on; only a failure to
//! watch at all ends it.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify::{RecursiveMode, Watcher};

use handout::diagnostics::Diagnostic;

/// Extensions whose changes trigger a rebuild.
const WATCHED: [&str; 7] = ["yaml", "yml", "png", "jpg", "jpeg", "ttf", "otf"];

/// Whether a changed path should trigger a rebuild: a handout, brand, picture or font file,
/// not one of our own outputs or temporary files.
pub fn relevant(path: &Path, out_dir: &Path) -> bool {
    let ours = out_dir
        .canonicalize()
        .ok()
        .zip(path.parent().and_then(|p| p.canonicalize().ok()))
        .is_some_and(|(out, parent)| parent.starts_with(out));
    let hidden = path
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.') || n.ends_with('~'));
    let kind = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| WATCHED.contains(&e.to_ascii_lowercase().as_str()));
    kind && !ours && !hidden
}

/// Watches `folders` (recursively) and calls `rebuild` once at the start and after each
/// burst of relevant changes. Returns only if watching fails.
pub fn watch(
    folders: &[PathBuf],
    out_dir: &Path,
    mut rebuild: impl FnMut(),
) -> Result<(), Diagnostic> {
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event| {
        // The receiver lives as long as the loop below; a send can only fail after it ends.
        let _ = tx.send(event);
    })
    .map_err(|e| Diagnostic::new(Path::new("."), format!("cannot watch files: {e}")))?;
    for folder in folders {
        watcher
            .watch(folder, RecursiveMode::Recursive)
            .map_err(|e| Diagnostic::new(folder, format!("cannot watch this folder: {e}")))?;
    }
    rebuild();
    loop {
        let first = rx
            .recv()
            .map_err(|e| Diagnostic::new(Path::new("."), format!("file watching stopped: {e}")))?;
        let mut events = vec![first];
        // Gather the rest of the burst.
        while let Ok(e) = rx.recv_timeout(Duration::from_millis(150)) {
            events.push(e);
        }
        let changed = events
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| !e.kind.is_access())
            .flat_map(|e| e.paths)
            .any(|p| relevant(&p, out_dir));
        if changed {
            rebuild();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_sources_trigger_a_rebuild() {
        let out = Path::new("definitely-not-here");
        assert!(relevant(Path::new("handouts/food-list.yaml"), out));
        assert!(relevant(Path::new("handouts/logo.PNG"), out));
        assert!(!relevant(Path::new("handouts/.food-list.yaml.swp"), out));
        assert!(!relevant(Path::new("handouts/notes.txt"), out));
        assert!(!relevant(Path::new("handouts/food-list.yaml~"), out));
        let dir = tempfile::tempdir().unwrap();
        assert!(!relevant(&dir.path().join("x.png"), dir.path()));
    }
}

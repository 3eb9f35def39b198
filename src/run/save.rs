//! Saving a finished PDF: never half a file at the target, never a good PDF replaced by a
//! broken one.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use super::handout::Problems;
use crate::diagnostics::Diagnostic;

/// Writes a finished PDF to `target` (atomically), as a located problem if it cannot.
pub fn save(target: &Path, pdf: &[u8]) -> Result<(), Problems> {
    write_atomically(target, pdf).map_err(|e| {
        vec![Diagnostic::new(target, format!("cannot write PDF: {e}"))
            .help("check that the output folder exists and is writable")]
    })
}

/// Temporary files being written right now, so an interrupted run can remove them.
static UNFINISHED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn unfinished() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    // A panic while holding the lock leaves a list that is still right: use it.
    UNFINISHED.lock().unwrap_or_else(|e| e.into_inner())
}

/// Removes the temporary files of writes still in progress, and holds back new ones for as
/// long as the returned guard lives. A face calls this when the run is interrupted (Ctrl-C,
/// SIGTERM) and exits while holding the guard, so no `.NAME.pdf.*.tmp` is left behind: a
/// worker about to create one waits on the guard until the process ends.
#[must_use = "hold the guard until the process exits"]
pub fn halt_writes() -> MutexGuard<'static, Vec<PathBuf>> {
    let mut unfinished = unfinished();
    for path in unfinished.drain(..) {
        let _ = std::fs::remove_file(path);
    }
    unfinished
}

/// Writes to a temporary file beside `target`, then renames it into place: a reader (or a
/// crash) never sees half a PDF, and a failed build leaves the previous PDF untouched.
///
/// The temporary file has a random name and is created exclusively (`O_EXCL`), so a link
/// planted under a predictable name in a shared folder is never followed; the rename then
/// replaces whatever is at `target` (a link included) rather than writing through it.
///
/// No fsync: it cost a third of the time of a batch of copies, and what it adds (surviving a
/// power cut mid-build) is covered well enough by the filesystem: ext4, XFS and btrfs flush a
/// file's data before a rename that replaces another file commits. A rebuild is cheap.
pub fn write_atomically(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_streamed(target, |file| file.write_all(bytes))
}

/// [`write_atomically`], the file written by `write` as it goes (a print job too large to
/// hold in memory): nothing is at `target` until `write` has succeeded, and if it fails the
/// temporary file is removed and its error returned.
pub fn write_streamed<T, E: From<std::io::Error>>(
    target: &Path,
    write: impl FnOnce(&mut std::fs::File) -> Result<T, E>,
) -> Result<T, E> {
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir)?;
    let name = target
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("handout.pdf");
    // Created and listed under one lock, so an interruption never finds a file not listed.
    let (mut tmp, path) = {
        let mut unfinished = unfinished();
        let tmp = tempfile::Builder::new()
            .prefix(&format!(".{name}."))
            .suffix(".tmp")
            .tempfile_in(dir)?;
        let path = tmp.path().to_path_buf();
        unfinished.push(path.clone());
        (tmp, path)
    };
    let result = write(tmp.as_file_mut()).and_then(|value| {
        tmp.persist(target)
            .map(|_| value)
            .map_err(|e| E::from(e.error))
    });
    unfinished().retain(|p| *p != path);
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_planted_link_is_replaced_never_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, "precious").unwrap();
        let target = dir.path().join("out.pdf");
        std::os::unix::fs::symlink(&victim, &target).unwrap();
        // The old predictable temporary name, planted as a link too.
        let planted = dir
            .path()
            .join(format!(".out.pdf.{}.tmp", std::process::id()));
        std::os::unix::fs::symlink(&victim, &planted).unwrap();
        write_atomically(&target, b"%PDF-new").unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
        assert_eq!(std::fs::read(&target).unwrap(), b"%PDF-new");
        assert!(!std::fs::symlink_metadata(&target).unwrap().is_symlink());
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp") && !n.contains(&std::process::id().to_string()))
            .collect();
        assert!(left.is_empty(), "temporary files left: {left:?}");
        assert!(unfinished().is_empty());
    }
}

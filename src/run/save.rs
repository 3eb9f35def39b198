//! Saving a finished PDF: never half a file at the target, never a good PDF replaced by a
//! broken one.

use std::path::Path;

use super::handout::Problems;
use crate::diagnostics::Diagnostic;

/// Writes a finished PDF to `target` (atomically), as a located problem if it cannot.
pub fn save(target: &Path, pdf: &[u8]) -> Result<(), Problems> {
    write_atomically(target, pdf).map_err(|e| {
        vec![Diagnostic::new(target, format!("cannot write PDF: {e}"))
            .help("check that the output folder exists and is writable")]
    })
}

/// Writes to a temporary file beside `target`, then renames it into place: a reader (or a
/// crash) never sees half a PDF, and a failed build leaves the previous PDF untouched.
///
/// No fsync: it cost a third of the time of a batch of copies, and what it adds (surviving a
/// power cut mid-build) is covered well enough by the filesystem: ext4, XFS and btrfs flush a
/// file's data before a rename that replaces another file commits. A rebuild is cheap.
pub fn write_atomically(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = target.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = target
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("handout.pdf");
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        std::fs::rename(&tmp, target)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

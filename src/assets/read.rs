//! Reading an input file: only a regular file, and never more than a limit.
//!
//! A FIFO would block the run forever, a device such as `/dev/zero` would fill memory, and a
//! file's reported size can lie (a growing file, a special file reporting 0): so the kind of
//! file is checked before it is read, and the read itself stops one byte past the limit.

use std::io::Read;
use std::path::Path;

/// Why an input file could not be read, as words for a diagnostic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError(pub String);

/// Reads all of `path`, which must be a regular file (a link to one is fine) of at most
/// `limit` bytes. `what` names it in messages: "handout", "CSV file", "font file".
pub fn read_capped(path: &Path, limit: u64, what: &str) -> Result<Vec<u8>, ReadError> {
    let fail = |why: String| ReadError(format!("cannot read {what} `{}`: {why}", path.display()));
    let kind = std::fs::metadata(path).map_err(|e| fail(e.to_string()))?;
    if !kind.is_file() {
        return Err(fail(format!("it is {}, not a file", describe(&kind))));
    }
    let file = std::fs::File::open(path).map_err(|e| fail(e.to_string()))?;
    // The path may have been replaced between the check and the open: check what was opened.
    let opened = file.metadata().map_err(|e| fail(e.to_string()))?;
    if !opened.is_file() {
        return Err(fail(format!("it is {}, not a file", describe(&opened))));
    }
    let mut bytes = Vec::with_capacity(opened.len().min(limit) as usize);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| fail(e.to_string()))?;
    if bytes.len() as u64 > limit {
        return Err(ReadError(format!(
            "{what} `{}` is larger than the limit of {}",
            path.display(),
            human_bytes(limit)
        )));
    }
    Ok(bytes)
}

/// What kind of thing a path is, for "it is a folder, not a file".
fn describe(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if meta.is_dir() {
        "a folder"
    } else {
        "a special file"
    }
}

/// `4 MiB`, `64 KiB`, `100 bytes`.
pub fn human_bytes(n: u64) -> String {
    match n {
        n if n >= 1 << 20 && n % (1 << 20) == 0 => format!("{} MiB", n >> 20),
        n if n >= 1 << 10 && n % (1 << 10) == 0 => format!("{} KiB", n >> 10),
        n => format!("{n} bytes"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_regular_files_within_the_limit_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.yaml");
        std::fs::write(&file, "12345").unwrap();
        assert_eq!(read_capped(&file, 5, "handout").unwrap(), b"12345");
        let err = read_capped(&file, 4, "handout").unwrap_err();
        assert_eq!(
            err.0,
            format!(
                "handout `{}` is larger than the limit of 4 bytes",
                file.display()
            )
        );
        let err = read_capped(dir.path(), 5, "handout").unwrap_err();
        assert!(err.0.ends_with("it is a folder, not a file"), "{}", err.0);
        let missing = read_capped(&dir.path().join("nope"), 5, "handout").unwrap_err();
        assert!(
            missing.0.starts_with("cannot read handout"),
            "{}",
            missing.0
        );
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_pipes_are_refused_without_reading() {
        // /dev/zero never ends: reading it would fill memory.
        let err = read_capped(Path::new("/dev/zero"), 1 << 20, "picture").unwrap_err();
        assert!(err.0.ends_with("it is a device, not a file"), "{}", err.0);
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("x.yaml");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(
            made.is_ok_and(|s| s.success()),
            "mkfifo (coreutils) makes a FIFO"
        );
        // Opening a FIFO for reading would block until a writer comes: it must not be opened.
        let err = read_capped(&fifo, 1 << 20, "handout").unwrap_err();
        assert!(
            err.0.ends_with("it is a named pipe (FIFO), not a file"),
            "{}",
            err.0
        );
    }

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(human_bytes(4 * 1024 * 1024), "4 MiB");
        assert_eq!(human_bytes(64 * 1024), "64 KiB");
        assert_eq!(human_bytes(1000), "1000 bytes");
    }
}

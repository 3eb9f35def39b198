//! Which files the web page may read and write: handout files inside the handouts folder,
//! named by their path below it. No `..`, no absolute paths, no link that leads out, no
//! brand file (the page edits handouts only).

use std::path::{Component, Path, PathBuf};

use handout::run::discover::is_brand_file;

/// Longest relative path the page accepts; handout names are short.
const MAX_NAME: usize = 200;

/// Why a name was refused; shown to the user, never the full server path.
#[derive(Debug, PartialEq, Eq)]
pub struct Refused(pub &'static str);

/// The handout file `name` (such as `food-list.yaml` or `es/food-list.yaml`) inside `root`
/// (canonical), resolved through any links, if it is one the page may use.
pub fn handout_file(root: &Path, name: &str) -> Result<PathBuf, Refused> {
    if name.is_empty() || name.len() > MAX_NAME || name.contains(['\0', '\\']) {
        return Err(Refused("not a handout name"));
    }
    let relative = Path::new(name);
    let plain = relative
        .components()
        .all(|c| matches!(c, Component::Normal(_)));
    if !plain {
        return Err(Refused("only names of handouts inside the handouts folder"));
    }
    let yaml = matches!(
        relative.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml")
    );
    if !yaml || is_brand_file(relative) {
        return Err(Refused("not a handout file"));
    }
    let real = root
        .join(relative)
        .canonicalize()
        .map_err(|_| Refused("no such handout"))?;
    // A link inside the folder that leads out of it is refused like `..`.
    if !real.starts_with(root) || !real.is_file() || is_brand_file(&real) {
        return Err(Refused("only names of handouts inside the handouts folder"));
    }
    Ok(real)
}

/// A file's name below `root`, with `/` between folders, as the page shows and sends it.
pub fn name_below(root: &Path, file: &Path) -> Option<String> {
    let relative = file.strip_prefix(root).ok()?;
    let parts: Option<Vec<&str>> = relative
        .components()
        .map(|c| c.as_os_str().to_str())
        .collect();
    Some(parts?.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_handouts_inside_the_folder_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("handouts");
        std::fs::create_dir_all(root.join("es")).unwrap();
        std::fs::write(root.join("a.yaml"), "title: A\n").unwrap();
        std::fs::write(root.join("es/a.yaml"), "title: A\n").unwrap();
        std::fs::write(root.join("brand.yaml"), "clinic: X\n").unwrap();
        std::fs::write(dir.path().join("outside.yaml"), "title: O\n").unwrap();
        let root = root.canonicalize().unwrap();
        assert!(handout_file(&root, "a.yaml").is_ok());
        assert!(handout_file(&root, "es/a.yaml").is_ok());
        for bad in [
            "../outside.yaml",
            "es/../../outside.yaml",
            "/etc/passwd",
            "./a.yaml",
            "brand.yaml",
            "a.txt",
            "missing.yaml",
            "",
        ] {
            assert!(handout_file(&root, bad).is_err(), "{bad}");
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("outside.yaml"), root.join("link.yaml"))
                .unwrap();
            assert!(handout_file(&root, "link.yaml").is_err());
        }
        let file = handout_file(&root, "es/a.yaml").unwrap();
        assert_eq!(name_below(&root, &file).as_deref(), Some("es/a.yaml"));
    }
}

//! The handouts the pages offer: each file's title, pages, language, field labels and a
//! picture of its first page. Made once and kept until a file in the handouts folder or the
//! brand file changes (a cheap size-and-time check per request), so edits made in an editor
//! or on the write page show at the next request.

use std::hash::{Hash, Hasher};
use std::path::Path;
use std::sync::Arc;

use handout::diagnostics::Diagnostic;
use handout::layout::Edition;
use handout::model::field_labels;
use handout::run::handout::lay_out;
use handout::run::{discover, Setup};

use super::files::name_below;
use super::svg;

/// Width of a card's picture of page 1, in CSS pixels.
const THUMB_WIDTH: u32 = 150;
/// Largest logo carried inside page pictures; a bigger one is drawn as a box.
const MAX_LOGO_BYTES: u64 = 256 * 1024;

/// One handout file.
pub struct Entry {
    /// Its name below the handouts folder: `food-list.yaml`, `es/food-list.yaml`.
    pub name: String,
    /// The language folder it is in, if any.
    pub folder: Option<String>,
    pub title: String,
    /// Its language tag (`en-US`, `es`).
    pub lang: String,
    /// Whether it says `draft: true` (a translation not yet reviewed): the page says so.
    pub draft: bool,
    pub pages: usize,
    pub labels: Vec<String>,
    /// Page 1 as SVG; none when the handout does not build (it can still be edited).
    pub thumb: Option<Arc<str>>,
}

/// Every handout file found, in the order `build` finds them.
pub struct Catalogue {
    pub stamp: u64,
    pub entries: Vec<Entry>,
}

impl Catalogue {
    /// The handouts at the top of the folder that build: what the print page offers.
    pub fn offered(&self) -> impl Iterator<Item = &Entry> {
        self.entries
            .iter()
            .filter(|e| e.folder.is_none() && e.thumb.is_some())
    }

    /// The translations of a top-level handout: files of the same name in language folders.
    pub fn translations<'a>(&'a self, of: &'a Entry) -> impl Iterator<Item = &'a Entry> {
        self.entries.iter().filter(move |e| {
            e.folder.is_some() && Path::new(&e.name).file_name() == Path::new(&of.name).file_name()
        })
    }

    pub fn find(&self, name: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.name == name)
    }

    /// The language folders that hold a translation of any offered handout.
    pub fn languages(&self) -> Vec<&str> {
        let mut folders: Vec<&str> = self
            .entries
            .iter()
            .filter_map(|e| e.folder.as_deref())
            .collect();
        folders.sort_unstable();
        folders.dedup();
        folders
    }

    /// Whether every handout in a language folder is a draft: the menu says so.
    pub fn all_drafts(&self, folder: &str) -> bool {
        let mut entries = self
            .entries
            .iter()
            .filter(|e| e.folder.as_deref() == Some(folder))
            .peekable();
        entries.peek().is_some() && entries.all(|e| e.draft)
    }
}

/// A number that changes when any file below `root` or the brand file changes (its size or
/// time), so a cached catalogue is known to be stale.
pub fn stamp(root: &Path, brand: &Path) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    let files = walkdir::WalkDir::new(root)
        .max_depth(4)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path());
    for path in files.chain(std::iter::once(brand.to_path_buf())) {
        if let Ok(meta) = std::fs::metadata(&path) {
            path.hash(&mut hasher);
            meta.len().hash(&mut hasher);
            meta.modified().ok().hash(&mut hasher);
        }
    }
    hasher.finish()
}

/// Reads and lays out every handout below `root` (canonical). An `Err` is a brand problem
/// that stops every handout, as it stops `build`.
pub fn load(root: &Path, brand: &Path, stamp: u64) -> Result<Catalogue, Diagnostic> {
    let setup = Setup::load(brand, None, Edition::default())?;
    let metrics = setup.metrics()?;
    let found = discover::discover(&[root.to_path_buf()], Path::new("output"), brand, "")?;
    let logo = logo_address(&setup);
    let mut entries = Vec::new();
    for job in found.jobs {
        let Some(name) = name_below(root, &job.input) else {
            continue;
        };
        let folder = name.rsplit_once('/').map(|(folder, _)| folder.to_string());
        let entry = match lay_out(&setup, &metrics, &job.input) {
            Ok(laid) => {
                let handout = &laid.prepared.handout;
                Entry {
                    title: handout.title.clone(),
                    lang: handout.lang().as_str().to_string(),
                    draft: handout.draft,
                    pages: laid.pages.len(),
                    labels: field_labels(handout)
                        .into_iter()
                        .map(str::to_string)
                        .collect(),
                    thumb: laid
                        .pages
                        .first()
                        .map(|p| svg::page(p, THUMB_WIDTH, logo.as_deref()).into()),
                    name,
                    folder,
                }
            }
            Err(_) => Entry {
                title: name.clone(),
                lang: String::new(),
                draft: false,
                pages: 0,
                labels: Vec::new(),
                thumb: None,
                name,
                folder,
            },
        };
        entries.push(entry);
    }
    Ok(Catalogue { stamp, entries })
}

/// The brand's logo file as a `data:` address, if it is a small PNG or JPEG.
pub fn logo_address(setup: &Setup) -> Option<String> {
    let path = setup.brand.resolve(&setup.brand.logo);
    let bytes = handout::assets::read::read_capped(&path, MAX_LOGO_BYTES, "logo").ok()?;
    let mime = match bytes.get(..4)? {
        [0x89, b'P', b'N', b'G'] => "image/png",
        [0xFF, 0xD8, 0xFF, _] => "image/jpeg",
        _ => return None,
    };
    Some(format!("data:{mime};base64,{}", svg::base64(&bytes)))
}

/// A language tag's name in that language, from `data/languages.yaml` ("Tiếng Việt"); the
/// tag itself for a language the data file does not list.
pub fn language_name(tag: &str) -> String {
    match handout::i18n::language(tag) {
        Some(language) => language.name.to_string(),
        None => tag.to_string(),
    }
}

/// The language menu's label for a language folder: its own name, and its English name for
/// staff who do not read it ("Tiếng Việt (Vietnamese)").
pub fn menu_label(tag: &str) -> String {
    match handout::i18n::language(tag) {
        Some(l) if l.name == l.english => l.name.to_string(),
        Some(l) => format!("{} ({})", l.name, l.english),
        None => tag.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_are_named_from_the_data_file() {
        assert_eq!(language_name("en-US"), "English");
        assert_eq!(language_name("es"), "Español");
        assert_eq!(language_name("vi"), "Tiếng Việt");
        assert_eq!(language_name("zh-Hans"), "中文（简体）");
        assert_eq!(language_name("ar"), "العربية");
        assert_eq!(language_name("zh-Hant"), "zh-Hant");
        assert_eq!(menu_label("vi"), "Tiếng Việt (Vietnamese)");
        assert_eq!(menu_label("en"), "English");
        assert_eq!(menu_label("tl"), "tl");
    }
}

//! The handout format: YAML in, a checked [`Handout`] out.
//!
//! `load` parses one file with serde (unknown keys, bad values and unclosed `**` markup are
//! errors, and serde_yaml locates them); `check` then does what serde cannot: empty lists and
//! texts, table sizes, images on disk. Nothing here knows about pages or PDF.

pub mod brand;
pub mod inline;
pub mod locate;
pub mod units;

use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::Deserialize;

use crate::diagnostics::Diagnostic;
pub use brand::Brand;
pub use inline::RichText;
pub use units::{Color, Date, Length, PageSize};

/// Values written into `fields` write-in lines, keyed by [`field_key`] of the label.
pub type Values = std::collections::BTreeMap<String, String>;

/// How a field label is matched: case and surrounding or repeated spaces do not matter, so
/// a CSV column `patient name` fills the field `Patient name`.
pub fn field_key(label: &str) -> String {
    label
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Every `fields` label of a handout, in order.
pub fn field_labels(handout: &Handout) -> Vec<&str> {
    handout
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Fields(labels) => Some(labels.iter().map(String::as_str)),
            _ => None,
        })
        .flatten()
        .collect()
}

/// Largest YAML file we read. Handouts are a few KiB; anything bigger is a mistake or an attack,
/// and refusing it up front bounds memory and time.
pub const MAX_SOURCE_BYTES: u64 = 4 * 1024 * 1024;

/// One handout, as written in its YAML file: `title`, `blocks`, and a few optional keys.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "handout", extend("$id" = "https://greenleafclinic.example/schema/handout.schema.json"))]
pub struct Handout {
    /// Big title at the top of the first page.
    pub title: String,
    /// Optional line under the title.
    #[serde(default)]
    pub subtitle: Option<String>,
    /// When the clinic last reviewed the content (`YYYY-MM-DD`); the PDF's date.
    #[serde(default)]
    pub reviewed: Option<Date>,
    /// Language of the content, such as `en-US` or `es`; `en-US` when not given.
    #[serde(default)]
    pub lang: Option<String>,
    /// A web address for this handout's QR code, instead of the brand's.
    #[serde(default)]
    pub qr: Option<String>,
    /// The content, top to bottom. Each block is a map with one key naming its kind:
    /// `- heading: ...`, `- text: ...`, `- bullets: [...]` and so on.
    // serde_yaml 0.9 reads a one-key map as an enum only through `singleton_map_recursive`.
    #[serde(with = "serde_yaml::with::singleton_map_recursive")]
    #[schemars(with = "Vec<Block>")]
    pub blocks: Vec<Block>,
}

/// One piece of content. In YAML each block is a map with exactly one key naming its kind.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase", deny_unknown_fields)]
pub enum Block {
    /// A section heading; never left alone at the foot of a page.
    Heading(String),
    /// A paragraph; `**bold**` spans are set in the bold face.
    Text(RichText),
    /// A bulleted list.
    Bullets(Vec<RichText>),
    /// A numbered list of steps.
    Steps(Vec<RichText>),
    /// A table: item text, then one empty check box per column.
    Checklist(Checklist),
    /// Lists side by side, such as "Enjoy" and "Limit".
    Columns(Vec<Column>),
    /// Write-in lines: "Patient name ________".
    Fields(Vec<String>),
    /// A tinted call-out box.
    Note(Note),
    /// Ruled lines for the patient's own notes, filling the rest of the page when last.
    Notes(String),
    /// A PNG or JPEG picture.
    Image(ImageBlock),
}

impl Block {
    /// The YAML key of this block kind, for messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Block::Heading(_) => "heading",
            Block::Text(_) => "text",
            Block::Bullets(_) => "bullets",
            Block::Steps(_) => "steps",
            Block::Checklist(_) => "checklist",
            Block::Columns(_) => "columns",
            Block::Fields(_) => "fields",
            Block::Note(_) => "note",
            Block::Notes(_) => "notes",
            Block::Image(_) => "image",
        }
    }

    /// Every text a block prints with its field path below the block (`bullets[2]`,
    /// `note.title`), for checks such as glyph coverage. Rich text comes without its markup.
    pub fn texts(&self) -> Vec<(String, &str)> {
        let kind = self.kind();
        match self {
            Block::Heading(t) | Block::Notes(t) => vec![(kind.to_string(), t.as_str())],
            Block::Text(t) => vec![(kind.to_string(), t.plain())],
            Block::Bullets(v) | Block::Steps(v) => v
                .iter()
                .enumerate()
                .map(|(i, t)| (format!("{kind}[{i}]"), t.plain()))
                .collect(),
            Block::Fields(v) => v
                .iter()
                .enumerate()
                .map(|(i, t)| (format!("{kind}[{i}]"), t.as_str()))
                .collect(),
            Block::Checklist(c) => c
                .label
                .iter()
                .map(|t| ("checklist.label".to_string(), t.as_str()))
                .chain(
                    c.columns
                        .iter()
                        .enumerate()
                        .map(|(i, t)| (format!("checklist.columns[{i}]"), t.as_str())),
                )
                .chain(
                    c.items
                        .iter()
                        .enumerate()
                        .map(|(i, t)| (format!("checklist.items[{i}]"), t.plain())),
                )
                .collect(),
            Block::Columns(cols) => cols
                .iter()
                .enumerate()
                .flat_map(|(k, c)| {
                    std::iter::once((format!("columns[{k}].title"), c.title.as_str())).chain(
                        c.items
                            .iter()
                            .enumerate()
                            .map(move |(i, t)| (format!("columns[{k}].items[{i}]"), t.plain())),
                    )
                })
                .collect(),
            Block::Note(n) => vec![
                ("note.title".to_string(), n.title.as_str()),
                ("note.text".to_string(), n.text.plain()),
            ],
            Block::Image(_) => vec![],
        }
    }
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Checklist {
    /// Optional heading of the item column, e.g. "Symptom".
    #[serde(default)]
    pub label: Option<String>,
    /// One check box column each, e.g. Never / Sometimes / Often.
    pub columns: Vec<String>,
    /// One row each.
    pub items: Vec<RichText>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Column {
    pub title: String,
    pub items: Vec<RichText>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Note {
    pub title: String,
    pub text: RichText,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ImageBlock {
    /// PNG or JPEG file, relative to the handout's YAML file.
    pub path: PathBuf,
    /// Printed width; the height follows from the aspect ratio.
    #[serde(default)]
    pub width: Option<Length>,
    /// What the picture shows, in words, for screen readers.
    #[serde(default)]
    pub alt: Option<String>,
}

/// A YAML source file held in memory, so errors can quote it.
#[derive(Debug, Clone)]
pub struct Source {
    pub path: PathBuf,
    pub text: String,
}

impl Source {
    /// Reads a file as UTF-8 text, refusing huge and binary files with a located message.
    pub fn read(path: &Path) -> Result<Source, Diagnostic> {
        let meta = std::fs::metadata(path)
            .map_err(|e| Diagnostic::new(path, format!("cannot read file: {e}")))?;
        if meta.is_dir() {
            return Err(Diagnostic::new(
                path,
                "expected a YAML file, found a folder",
            ));
        }
        if meta.len() > MAX_SOURCE_BYTES {
            return Err(Diagnostic::new(
                path,
                format!(
                    "file is {} bytes; handouts are limited to {} bytes",
                    meta.len(),
                    MAX_SOURCE_BYTES
                ),
            ));
        }
        let bytes = std::fs::read(path)
            .map_err(|e| Diagnostic::new(path, format!("cannot read file: {e}")))?;
        let text = String::from_utf8(bytes).map_err(|e| {
            let at = e.utf8_error().valid_up_to();
            let valid = std::str::from_utf8(&e.as_bytes()[..at]).unwrap_or("");
            let line = valid.matches('\n').count() + 1;
            let col = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            Diagnostic::new(path, "file is not valid UTF-8 text (is it a binary file?)")
                .at(line, col)
                .help("save the file as UTF-8 text")
        })?;
        Ok(Source {
            path: path.to_path_buf(),
            text,
        })
    }
}

/// Parses a handout file into the model: serde's error, or every problem `check` finds.
pub fn parse_handout(source: &Source) -> Result<Handout, Vec<Diagnostic>> {
    let handout: Handout = crate::diagnostics::from_yaml(source).map_err(|d| vec![d])?;
    let errors = check(&handout, source);
    if errors.is_empty() {
        Ok(handout)
    } else {
        Err(errors)
    }
}

/// A plausible BCP 47 language tag: `es`, `en-US`, `zh-Hant-TW`.
fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// Checks what the types alone cannot: non-empty text and lists, table sizes. Every problem in
/// the file is reported, not only the first.
fn check(handout: &Handout, source: &Source) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    let mut fail =
        |field: String, msg: String| errors.push(Diagnostic::in_source(source, &field, msg));
    if handout.title.trim().is_empty() {
        fail("title".into(), "`title` is empty".into());
    }
    if handout.blocks.is_empty() {
        fail(
            "blocks".into(),
            "`blocks` is empty: a handout needs content".into(),
        );
    }
    if let Some(lang) = handout.lang.as_deref().filter(|l| !is_language_tag(l)) {
        fail(
            "lang".into(),
            format!("invalid language `{lang}`: expected a tag such as `en-US` or `es`"),
        );
    }
    for (i, block) in handout.blocks.iter().enumerate() {
        let at = format!("blocks[{i}].{}", block.kind());
        match block {
            Block::Bullets(v) | Block::Steps(v) if v.is_empty() => {
                fail(at.clone(), format!("`{}` has no items", block.kind()));
            }
            Block::Fields(v) if v.is_empty() => {
                fail(at.clone(), format!("`{}` has no items", block.kind()));
            }
            Block::Checklist(c) if c.columns.is_empty() || c.columns.len() > 8 => fail(
                format!("{at}.columns"),
                format!(
                    "a checklist needs one to eight columns, found {}",
                    c.columns.len()
                ),
            ),
            Block::Checklist(c) if c.items.is_empty() => fail(
                format!("{at}.items"),
                "a checklist needs at least one item".into(),
            ),
            Block::Columns(cols) if cols.is_empty() || cols.len() > 3 => fail(
                at.clone(),
                format!("`columns` takes one to three lists, found {}", cols.len()),
            ),
            _ => {}
        }
        for (path, text) in block.texts() {
            let field = format!("blocks[{i}].{path}");
            if text.trim().is_empty() {
                fail(field, "empty text".into());
            } else if let Err(msg) = inline::check_balanced(text) {
                // Only plain text (headings, titles, labels) can still hold `**`: serde
                // parsed the rest. It prints `**` as written, so an odd count is refused as
                // the typo it almost always is, as in rich text.
                fail(field, msg);
            }
        }
    }
    errors
}

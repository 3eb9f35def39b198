//! The handout format: YAML in, a checked [`Handout`] out.
//!
//! `load` parses one file with serde (unknown keys, bad values and unclosed `**` markup are
//! errors, and serde_yaml locates them); `check` then does what serde cannot: empty lists and
//! texts, table sizes, images on disk. Nothing here knows about pages or PDF.

pub mod brand;
pub mod fields;
pub mod inline;
pub mod lang;
pub mod locate;
pub mod path;
pub mod schema;
pub mod units;
pub mod web;

use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::Deserialize;

use crate::assets::read::read_capped;
use crate::diagnostics::Diagnostic;
pub use brand::Brand;
pub use fields::{FieldKey, Values};
pub use inline::RichText;
pub use lang::Lang;
pub use path::FieldPath;
pub use units::{Color, Date, Length, PageSize};
pub use web::{WebAddress, Website};

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

/// Text in Unicode normal form C: a letter and its accent as one character (`é`, not
/// `e` + `◌́`), as macOS and some exports write them apart. The fonts have glyphs for the
/// composed letters, and measuring must see one character where one is drawn.
pub fn nfc(text: String) -> String {
    use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => text,
        _ => text.nfc().collect(),
    }
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
    /// The footer's disclaimer for this handout, instead of the brand's (a handout on sleep
    /// should not say what the brand says about leaky gut).
    #[serde(default)]
    pub disclaimer: Option<String>,
    /// When the clinic last reviewed the content (`YYYY-MM-DD`): printed in the footer
    /// ("Reviewed Nov 2026") and the PDF's date.
    #[serde(default)]
    pub reviewed: Option<Date>,
    /// Language of the content, such as `en-US` or `es`; `en-US` when not given.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub lang: Option<Lang>,
    /// `true` while the content awaits review (a translation not yet checked by a qualified
    /// translator): every page carries a "DRAFT — NOT FOR PATIENTS" band, in English and in
    /// the handout's language, and the PDF's title and metadata say so.
    #[serde(default)]
    pub draft: bool,
    /// A web address for this handout's QR code, instead of the brand's.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub qr: Option<WebAddress>,
    /// The content, top to bottom. Each block is a map with one key naming its kind:
    /// `- heading: ...`, `- text: ...`, `- bullets: [...]` and so on.
    // serde_yaml 0.9 reads a one-key map as an enum only through `singleton_map_recursive`.
    #[serde(with = "serde_yaml::with::singleton_map_recursive")]
    #[schemars(with = "Vec<Block>")]
    pub blocks: Vec<Block>,
}

impl Handout {
    /// The language of the content: `lang:`, or US English when not given.
    pub fn lang(&self) -> Lang {
        self.lang.clone().unwrap_or_else(Lang::english)
    }
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

    /// Every text a block prints, with its path from the block (`bullets[2]`, `note.title`),
    /// for checks such as glyph coverage. Rich text comes without its markup.
    pub fn texts(&self) -> Vec<(FieldPath, &str)> {
        let kind = FieldPath::at(self.kind());
        fn list<'a, T>(
            at: FieldPath,
            items: &'a [T],
            text: impl Fn(&'a T) -> &'a str,
        ) -> Vec<(FieldPath, &'a str)> {
            items
                .iter()
                .enumerate()
                .map(|(i, t)| (at.clone().index(i), text(t)))
                .collect()
        }
        match self {
            Block::Heading(t) | Block::Notes(t) => vec![(kind, t.as_str())],
            Block::Text(t) => vec![(kind, t.plain())],
            Block::Bullets(v) | Block::Steps(v) => list(kind, v, RichText::plain),
            Block::Fields(v) => list(kind, v, String::as_str),
            Block::Checklist(c) => {
                let mut texts: Vec<_> = c
                    .label
                    .iter()
                    .map(|t| (kind.clone().key("label"), t.as_str()))
                    .collect();
                texts.extend(list(
                    kind.clone().key("columns"),
                    &c.columns,
                    String::as_str,
                ));
                texts.extend(list(kind.key("items"), &c.items, RichText::plain));
                texts
            }
            Block::Columns(cols) => cols
                .iter()
                .enumerate()
                .flat_map(|(k, c)| {
                    let col = kind.clone().index(k);
                    let mut texts = vec![(col.clone().key("title"), c.title.as_str())];
                    texts.extend(list(col.key("items"), &c.items, RichText::plain));
                    texts
                })
                .collect(),
            Block::Note(n) => vec![
                (kind.clone().key("title"), n.title.as_str()),
                (kind.key("text"), n.text.plain()),
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
    /// `true` ends the box with how to reach the clinic, in the handout's language:
    /// "Call The Green Leaf Clinic: (555) 010-0199", name and phone from the brand file.
    /// For "when to see a professional" notes: the number is never typed into a handout.
    #[serde(default)]
    pub contact: bool,
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
        let bytes =
            read_capped(path, MAX_SOURCE_BYTES, "file").map_err(|e| Diagnostic::new(path, e.0))?;
        let text = String::from_utf8(bytes).map_err(|e| {
            let at = e.utf8_error().valid_up_to();
            let valid = std::str::from_utf8(&e.as_bytes()[..at]).unwrap_or("");
            let line = valid.matches('\n').count() + 1;
            let col = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            Diagnostic::new(path, "file is not valid UTF-8 text (is it a binary file?)")
                .at(line, col)
                .help("save the file as UTF-8 text")
        })?;
        // A byte-order mark (Windows editors add one) is not part of the first key.
        let text = match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_string(),
            None => text,
        };
        Ok(Source {
            path: path.to_path_buf(),
            text: nfc(text),
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

/// Checks what the types alone cannot: non-empty text and lists, table sizes. Every problem in
/// the file is reported, not only the first.
fn check(handout: &Handout, source: &Source) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    let mut fail =
        |field: FieldPath, msg: String| errors.push(Diagnostic::in_source(source, &field, msg));
    if handout.title.trim().is_empty() {
        fail(FieldPath::at("title"), "`title` is empty".into());
    }
    if handout.blocks.is_empty() {
        fail(
            FieldPath::at("blocks"),
            "`blocks` is empty: a handout needs content".into(),
        );
    }
    for (i, block) in handout.blocks.iter().enumerate() {
        let at = FieldPath::block(i, block.kind());
        match block {
            Block::Bullets(v) | Block::Steps(v) if v.is_empty() => {
                fail(at.clone(), format!("`{}` has no items", block.kind()));
            }
            Block::Fields(v) if v.is_empty() => {
                fail(at.clone(), format!("`{}` has no items", block.kind()));
            }
            Block::Checklist(c) if c.columns.is_empty() || c.columns.len() > 8 => fail(
                at.clone().key("columns"),
                format!(
                    "a checklist needs one to eight columns, found {}",
                    c.columns.len()
                ),
            ),
            Block::Checklist(c) if c.items.is_empty() => fail(
                at.clone().key("items"),
                "a checklist needs at least one item".into(),
            ),
            Block::Columns(cols) if cols.is_empty() || cols.len() > 3 => fail(
                at.clone(),
                format!("`columns` takes one to three lists, found {}", cols.len()),
            ),
            _ => {}
        }
        for (path, text) in block.texts() {
            let field = FieldPath::at("blocks").index(i).join(&path);
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

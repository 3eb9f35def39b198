//! Layout problems, each blamed on a field of the handout or of the brand file.

use crate::model::FieldPath;

/// Which file a layout problem is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InFile {
    /// The handout being laid out.
    #[default]
    Handout,
    /// The brand file: its texts and fonts are on every page.
    Brand,
}

/// A problem found while laying out, blamed on a field of the handout or the brand file.
#[derive(Debug, Clone, PartialEq)]
pub struct LayoutError {
    pub file: InFile,
    /// The field to blame: `title`, `blocks[3]`, `blocks[3].bullets[1]`, `disclaimer`.
    pub field: FieldPath,
    /// The text to point at inside that field, when one character is the problem.
    pub needle: Option<String>,
    pub message: String,
    /// What to do about it, where the message alone does not say.
    pub help: Option<String>,
}

impl LayoutError {
    /// A problem with the handout's `field`.
    pub fn in_handout(field: FieldPath, message: impl Into<String>) -> Self {
        LayoutError {
            file: InFile::Handout,
            field,
            needle: None,
            message: message.into(),
            help: None,
        }
    }

    /// A problem with the brand file's `field`.
    pub fn in_brand(field: FieldPath, message: impl Into<String>) -> Self {
        LayoutError {
            file: InFile::Brand,
            ..LayoutError::in_handout(field, message)
        }
    }

    /// Points at `needle` inside the field's value.
    pub fn needle(mut self, needle: impl Into<String>) -> Self {
        self.needle = Some(needle.into());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

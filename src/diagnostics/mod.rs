//! Errors and warnings: one type for both, with a severity, an origin and a place.
//!
//! A [`Diagnostic`] is plain data: what went wrong ([`Severity`]), who is to blame ([`Origin`]:
//! a file the user wrote, a flag they typed, or the tool itself), where (file, line and column,
//! field path), and a hint. Rendering it with the offending source line and a caret, the way
//! rustc does, is [`Diagnostic::render`]; turning serde_yaml's errors into diagnostics is
//! [`yaml`]. Faces decide where diagnostics go (a terminal, JSON, a web page).

pub mod yaml;

use std::fmt;
use std::path::{Path, PathBuf};

use crate::model::{locate, FieldPath, Source};

pub use yaml::{closest, from_yaml};

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Something still came out, but the user should know (a colour adjusted, a QR code left
    /// out, a reading grade above the goal).
    Warning,
    /// The handout, copy or run did not come out.
    Error,
}

/// Who caused a problem, so a message never blames the wrong party.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Origin {
    /// A file the user wrote or chose: a handout, the brand file, a CSV, a picture, a font.
    File,
    /// A command-line flag (or the web form field that stands for it).
    Flag,
    /// The tool itself: a bug, never the user's input.
    Tool,
}

impl Origin {
    pub fn name(self) -> &'static str {
        match self {
            Origin::File => "file",
            Origin::Flag => "flag",
            Origin::Tool => "tool",
        }
    }
}

/// One problem, located.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub origin: Origin,
    /// The file the problem is in; for a flag, the flag (`--set`).
    pub file: PathBuf,
    /// 1-based line and column, where known.
    pub location: Option<(usize, usize)>,
    /// The YAML field the problem is in, such as `blocks[3].checklist.columns`.
    pub field: Option<FieldPath>,
    pub message: String,
    pub help: Option<String>,
    /// The source line at `location`, quoted under the message.
    pub snippet: Option<String>,
}

impl Diagnostic {
    /// An error in a file (a handout, brand file, CSV, picture or font).
    pub fn new(file: &Path, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            origin: Origin::File,
            file: file.to_path_buf(),
            location: None,
            field: None,
            message: message.into(),
            help: None,
            snippet: None,
        }
    }

    /// An error in a command-line flag's value, such as `--set` or `-j`.
    pub fn flag(flag: &str, message: impl Into<String>) -> Self {
        Diagnostic {
            origin: Origin::Flag,
            ..Diagnostic::new(Path::new(flag), message)
        }
    }

    /// A bug in the tool, found while working on `file`: the message says so and does not
    /// blame the file.
    pub fn internal(file: &Path, message: impl Into<String>) -> Self {
        Diagnostic {
            origin: Origin::Tool,
            ..Diagnostic::new(file, format!("internal error: {}", message.into()))
        }
        .help("this is a bug in handout, not a problem with your files; please report it")
    }

    /// The same problem as a warning: reported, but the output is still written.
    pub fn warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.location = Some((line, column));
        self
    }

    pub fn field(mut self, field: FieldPath) -> Self {
        self.field = Some(field);
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// A problem with the value at `field` of a parsed file, located in its source.
    pub fn in_source(source: &Source, field: &FieldPath, message: impl Into<String>) -> Self {
        let mut d = Diagnostic::new(&source.path, message).field(field.clone());
        if let Some((line, col)) = locate::locate(&source.text, field) {
            d = d.at(line, col).with_source(&source.text);
        }
        d
    }

    /// Like [`Diagnostic::in_source`], pointing at `needle` inside the field's value.
    pub fn in_source_text(
        source: &Source,
        field: &FieldPath,
        needle: &str,
        message: impl Into<String>,
    ) -> Self {
        match locate::locate_text(&source.text, field, needle) {
            Some((line, col)) => Diagnostic::new(&source.path, message)
                .field(field.clone())
                .at(line, col)
                .with_source(&source.text),
            None => Diagnostic::in_source(source, field, message),
        }
    }

    /// Quotes the source line at the location, if there is one.
    pub fn with_source(mut self, source: &str) -> Self {
        if let Some((line, _)) = self.location {
            self.snippet = source
                .lines()
                .nth(line.saturating_sub(1))
                .map(str::to_string);
        }
        self
    }

    /// `file:line:column`, or as much of it as is known.
    pub fn place(&self) -> String {
        let file = self.file.display();
        match (self.location, &self.field) {
            (Some((l, c)), _) => format!("{file}:{l}:{c}"),
            (None, Some(f)) => format!("{file}, in `{f}`"),
            (None, None) => file.to_string(),
        }
    }

    /// The report as rustc would print it; `styled` adds ANSI colours (`anstream` strips them
    /// again when stderr is not a terminal or `NO_COLOR` is set).
    pub fn render(&self, styled: bool) -> String {
        use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

        let file = self.file.display().to_string();
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let title = level.primary_title(self.message.as_str());
        let label = self.field.as_ref().map(|f| format!("in `{f}`"));
        let group = match (self.location, &self.snippet) {
            (Some((line, col)), Some(text)) => {
                let mut annotation = AnnotationKind::Primary.span(token_span(text, col));
                if let Some(label) = label.as_deref() {
                    annotation = annotation.label(label);
                }
                title.element(
                    Snippet::source(text.as_str())
                        .line_start(line)
                        .path(file.as_str())
                        .annotation(annotation),
                )
            }
            _ => title.element(annotate_snippets::Origin::path(self.place())),
        };
        let mut report = vec![group];
        if let Some(help) = &self.help {
            report.push(Group::with_title(
                Level::HELP.secondary_title(help.as_str()),
            ));
        }
        let renderer = if styled {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        let mut out = renderer.render(&report);
        out.push('\n');
        out
    }
}

/// Byte span of the offending token in a source line: from the 1-based column to the end of
/// the word (or the one character there, if it is a space or a colon).
fn token_span(text: &str, col: usize) -> std::ops::Range<usize> {
    let start = text
        .char_indices()
        .nth(col.saturating_sub(1))
        .map_or(text.len(), |(i, _)| i);
    let token = &text[start..];
    let len = match token.find(|c: char| c.is_whitespace() || c == ':') {
        Some(0) => token.chars().next().map_or(0, char::len_utf8),
        Some(n) => n,
        None => token.trim_end().len(),
    };
    start..start + len
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_quotes_the_line_with_a_caret() {
        let d = Diagnostic::new(Path::new("a.yaml"), "unknown key `titel`")
            .at(2, 3)
            .with_source("x: 1\n  titel: y\n");
        let text = d.to_string();
        assert!(text.starts_with("error: unknown key `titel`"), "{text}");
        assert!(text.contains("--> a.yaml:2:3"), "{text}");
        assert!(text.contains("2 |   titel: y"), "{text}");
        assert!(text.contains("  |   ^^^^^"), "{text}");
    }

    #[test]
    fn warnings_and_internal_errors_say_what_they_are() {
        let w = Diagnostic::new(Path::new("brand.yaml"), "pale colour").warning();
        assert!(w.to_string().starts_with("warning: pale colour"), "{w}");
        assert!(!w.is_error());
        let bug = Diagnostic::internal(Path::new("a.yaml"), "lopdf failed");
        assert_eq!(bug.origin, Origin::Tool);
        assert!(
            bug.to_string().contains("internal error: lopdf failed"),
            "{bug}"
        );
        assert!(
            bug.to_string().contains("not a problem with your files"),
            "{bug}"
        );
        let flag = Diagnostic::flag("--set", "`x` is not `Label=Value`");
        assert_eq!((flag.origin, flag.place()), (Origin::Flag, "--set".into()));
    }
}

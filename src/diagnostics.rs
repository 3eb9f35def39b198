//! Located, human-readable errors about input files.
//!
//! A [`Diagnostic`] is plain data (file, line and column, YAML field path, message, help);
//! printing it with the offending source line and a caret happens in its `Display`, the way a
//! compiler reports errors.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::model::Source;

/// One problem with one input file.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub file: PathBuf,
    /// 1-based line and column, where known.
    pub location: Option<(usize, usize)>,
    /// The YAML field the problem is in, such as `blocks[3].checklist.columns`.
    pub field: Option<String>,
    pub message: String,
    pub help: Option<String>,
    /// The source line at `location`, quoted under the message.
    pub snippet: Option<String>,
}

impl Diagnostic {
    pub fn new(file: &Path, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.to_path_buf(),
            location: None,
            field: None,
            message: message.into(),
            help: None,
            snippet: None,
        }
    }

    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.location = Some((line, column));
        self
    }

    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// A problem with the value at `field` (e.g. `blocks[2].bullets[0]`) of a parsed file,
    /// located in its source.
    pub fn in_source(source: &Source, field: &str, message: impl Into<String>) -> Self {
        let mut d = Diagnostic::new(&source.path, message).field(field);
        if let Some((line, col)) = crate::model::locate::locate(&source.text, field) {
            d = d.at(line, col).with_source(&source.text);
        }
        d
    }

    /// Like [`Diagnostic::in_source`], pointing at `needle` inside the field's value.
    pub fn in_source_text(
        source: &Source,
        field: &str,
        needle: &str,
        message: impl Into<String>,
    ) -> Self {
        let at = crate::model::locate::locate_text(&source.text, field, needle);
        match at {
            Some((line, col)) => Diagnostic::new(&source.path, message)
                .field(field)
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
}

impl Diagnostic {
    /// The report as rustc would print it; `styled` adds ANSI colours (`anstream` strips them
    /// again when stderr is not a terminal or `NO_COLOR` is set).
    pub fn render(&self, styled: bool) -> String {
        use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

        let file = self.file.display().to_string();
        let title = Level::ERROR.primary_title(self.message.as_str());
        let label = self.field.as_deref().map(|f| format!("in `{f}`"));
        let group = match (self.location, &self.snippet) {
            (Some((line, col)), Some(text)) => {
                // Byte span of the offending token: from the column to the end of the word.
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
                let mut annotation = AnnotationKind::Primary.span(start..start + len);
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
            _ => {
                let place = match (self.location, &self.field) {
                    (Some((l, c)), _) => format!("{file}:{l}:{c}"),
                    (None, Some(f)) => format!("{file}, in `{f}`"),
                    (None, None) => file.clone(),
                };
                title.element(annotate_snippets::Origin::path(place))
            }
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

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

/// Deserializes YAML into `T`, turning serde_yaml's error into a located [`Diagnostic`].
pub fn from_yaml<T: serde::de::DeserializeOwned>(source: &Source) -> Result<T, Diagnostic> {
    if source.text.trim().is_empty() {
        return Err(Diagnostic::new(&source.path, "file is empty")
            .help("a handout needs at least `title:` and `blocks:`"));
    }
    serde_yaml::from_str(&source.text).map_err(|e| yaml_error(&source.path, &source.text, &e))
}

fn yaml_error(path: &Path, text: &str, e: &serde_yaml::Error) -> Diagnostic {
    // serde_yaml appends " at line L column C" to its message; we print the place ourselves.
    let full = e.to_string();
    let message = match full.find(" at line ") {
        Some(i) => full[..i].to_string(),
        None => full,
    };
    // serde_yaml prefixes errors inside the document with the field path: `blocks[1].note: …`.
    let (field, message) = match message.split_once(": ") {
        Some((p, rest))
            if !p.is_empty() && p.chars().all(|c| c.is_alphanumeric() || "_[].".contains(c)) =>
        {
            (Some(p.to_string()), rest.to_string())
        }
        _ => (None, message),
    };
    let duplicate = message
        .strip_prefix("duplicate field `")
        .and_then(|r| r.split('`').next())
        .map(str::to_string);
    let (message, help) = explain(&message, field.as_deref());
    let mut d = Diagnostic::new(path, message);
    if let Some(field) = field {
        d = d.field(field);
    }
    if let Some(loc) = e.location() {
        // serde_yaml points a duplicate key at the start of its map; the second one is the news.
        let (line, col) = duplicate
            .and_then(|key| second_key(text, loc.line(), &key))
            .unwrap_or((loc.line(), loc.column()));
        d = d.at(line, col).with_source(text);
    }
    let tab_on_line = d.snippet.as_deref().is_some_and(|l| l.contains('\t'));
    match help {
        Some(help) => d = d.help(help),
        None if tab_on_line => {
            d = d.help("YAML does not allow tabs for indentation: indent with spaces")
        }
        None => {}
    }
    d
}

/// The second `key:` at the indentation of the map that starts on line `from`.
fn second_key(text: &str, from: usize, key: &str) -> Option<(usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let first = lines.get(from.checked_sub(1)?)?;
    let indent = first.len() - first.trim_start_matches([' ', '-']).len();
    lines
        .iter()
        .enumerate()
        .skip(from - 1)
        .filter(|(_, l)| {
            l.len() - l.trim_start_matches([' ', '-']).len() == indent
                && l[indent..].starts_with(&format!("{key}:"))
        })
        .nth(1)
        .map(|(i, _)| (i + 1, indent + 1))
}

/// Words staff might use for a block kind, and the kind they mean.
const BLOCK_SYNONYMS: &[(&str, &str)] = &[
    ("paragraph", "text"),
    ("paragraf", "text"),
    ("para", "text"),
    ("p", "text"),
    ("body", "text"),
    ("title", "heading"),
    ("header", "heading"),
    ("section", "heading"),
    ("list", "bullets"),
    ("bullet", "bullets"),
    ("points", "bullets"),
    ("numbered", "steps"),
    ("step", "steps"),
    ("table", "checklist"),
    ("checkboxes", "checklist"),
    ("tracker", "checklist"),
    ("callout", "note"),
    ("box", "note"),
    ("tip", "note"),
    ("warning", "note"),
    ("lines", "notes"),
    ("blanks", "fields"),
    ("field", "fields"),
    ("picture", "image"),
    ("img", "image"),
    ("photo", "image"),
    ("column", "columns"),
];

/// Rewords serde's messages for people who are not programmers, with "did you mean" hints.
fn explain(message: &str, field: Option<&str>) -> (String, Option<String>) {
    let variant = match field {
        Some(f) if f.ends_with("page_size") => "page size",
        _ => "block kind",
    };
    for (prefix, what) in [("unknown field `", "key"), ("unknown variant `", variant)] {
        if let Some(rest) = message.strip_prefix(prefix) {
            let (name, rest) = rest.split_once('`').unwrap_or((rest, ""));
            let expected: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
            let text = format!("unknown {what} `{name}`");
            let synonym = BLOCK_SYNONYMS
                .iter()
                .find(|(word, kind)| *word == name.to_lowercase() && expected.contains(kind))
                .map(|(_, kind)| *kind);
            let help = match synonym.or_else(|| closest(name, &expected)) {
                Some(best) => format!("did you mean `{best}`?"),
                None => format!("expected one of {}", backticked(&expected)),
            };
            return (text, Some(help));
        }
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let name = rest.split('`').next().unwrap_or(rest);
        return (format!("missing required key `{name}`"), None);
    }
    if let Some(rest) = message.strip_prefix("duplicate field `") {
        let name = rest.split('`').next().unwrap_or(rest);
        return (
            format!("key `{name}` appears twice"),
            Some("each key may appear only once; delete or rename one of them".into()),
        );
    }
    for prefix in ["invalid type: ", "invalid value: "] {
        let Some((found, expected)) = message
            .strip_prefix(prefix)
            .and_then(|rest| rest.split_once(", expected "))
        else {
            continue;
        };
        if expected.starts_with("struct Handout") || expected.starts_with("struct Brand") {
            return (
                format!(
                    "the file must be a map of `key: value` lines, found {}",
                    plain_type(found)
                ),
                Some("start the file with `title: ...` and `blocks:`".into()),
            );
        }
        let message = format!(
            "expected {}, found {}",
            plain_type(expected),
            plain_type(found)
        );
        return (message, None);
    }
    if message.starts_with("found unexpected end of stream") {
        return (
            "the file ended in the middle of a value".into(),
            Some(
                "look for a quote (\") or bracket ([ or {) that is opened and never closed".into(),
            ),
        );
    }
    (message.to_string(), None)
}

/// serde's type names in plain words.
fn plain_type(t: &str) -> String {
    let t = t.trim();
    if let Some(s) = t.strip_prefix("string ") {
        return format!("text {s}");
    }
    let plain = match t {
        "sequence" | "a sequence" => "a list",
        "map" | "a map" => "a map of `key: value` lines",
        "a string" | "string" => "text",
        "unit value" | "unit" => "an empty value",
        "a boolean" | "boolean" => "true or false",
        _ if t.starts_with("struct ") => "a map of `key: value` lines",
        _ if t.starts_with("integer ") || t.starts_with("floating point ") => "a number",
        _ if t.starts_with("boolean ") => "true or false",
        _ => t,
    };
    plain.to_string()
}

fn backticked(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The candidate nearest to `name` by edit distance, if it is near enough to be a typo.
pub fn closest<'a>(name: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let best = candidates
        .iter()
        .map(|c| (edit_distance(&name.to_lowercase(), c), *c))
        .min_by_key(|(d, _)| *d)?;
    (best.0 <= 2.max(name.len() / 3)).then_some(best.1)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_get_suggestions() {
        assert_eq!(
            closest("titel", &["title", "subtitle", "blocks"]),
            Some("title")
        );
        assert_eq!(closest("paragraf", &["heading", "text", "bullets"]), None);
        let (msg, help) = explain(
            "unknown variant `paragraf`, expected one of `heading`, `text`",
            Some("blocks[2]"),
        );
        assert_eq!(msg, "unknown block kind `paragraf`");
        assert_eq!(help.as_deref(), Some("did you mean `text`?"));
        assert_eq!(
            closest("bulets", &["heading", "text", "bullets"]),
            Some("bullets")
        );
    }

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
}

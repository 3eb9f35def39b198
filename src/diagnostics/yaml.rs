//! serde_yaml's errors as located diagnostics, reworded for people who are not programmers,
//! with "did you mean" hints for misspelt keys, block kinds and page sizes.

use std::path::Path;

use super::Diagnostic;
use crate::model::path::Step;
use crate::model::{FieldPath, Source};

/// Deserializes YAML into `T`, turning serde_yaml's error into a located [`Diagnostic`].
pub fn from_yaml<T: serde::de::DeserializeOwned>(source: &Source) -> Result<T, Diagnostic> {
    if source.text.trim().is_empty() {
        return Err(Diagnostic::new(&source.path, "file is empty")
            .help("a handout needs at least `title:` and `blocks:`"));
    }
    serde_yaml::from_str(&source.text).map_err(|e| yaml_error(&source.path, &source.text, &e))
}

fn yaml_error(path: &Path, text: &str, e: &serde_yaml::Error) -> Diagnostic {
    let (field, message) = split_message(e);
    if let Some((line, col)) = control_character(text, &message) {
        // serde_yaml gives a byte offset and no line for this one.
        return Diagnostic::new(
            path,
            "this line holds a control character, which cannot be printed",
        )
        .at(line, col)
        .with_source(text)
        .help("delete it: such characters often come with text copied from another program");
    }
    let (plain, help) = explain(&message, field.as_ref());
    let mut d = Diagnostic::new(path, plain);
    let mut field = field;
    if let Some(loc) = e.location() {
        let (line, col, key) = better_place(text, &message, loc.line(), loc.column());
        if let Some(key) = key {
            field = Some(match field {
                Some(f) if f.steps().last() == Some(&Step::Key(key.as_str().into())) => f,
                Some(f) => f.key(&key),
                None => FieldPath::at(&key),
            });
        }
        d = d.at(line, col).with_source(text);
    }
    if let Some(field) = field {
        d = d.field(field);
    }
    let tab_on_line = d.snippet.as_deref().is_some_and(|l| l.contains('\t'));
    match help {
        Some(help) => d.help(help),
        None if tab_on_line => {
            d.help("YAML does not allow tabs for indentation: indent with spaces")
        }
        None => d,
    }
}

/// serde_yaml's message without the place it appends (" at line L column C": we print the
/// place ourselves), and the field path it prefixes errors inside the document with
/// (`blocks[1].note: …`).
fn split_message(e: &serde_yaml::Error) -> (Option<FieldPath>, String) {
    let full = e.to_string();
    let message = match full.find(" at line ") {
        Some(i) => full[..i].to_string(),
        None => full,
    };
    match message
        .split_once(": ")
        .and_then(|(p, rest)| Some((FieldPath::parse(p)?, rest)))
    {
        Some((path, rest)) => (Some(path), rest.to_string()),
        None => (None, message),
    }
}

/// Where to point, from serde_yaml's place (`line`, `col`): serde_yaml points a duplicate key,
/// and a value our own types refuse, at the start of the map holding it; the second key, or
/// the refused value (with its key, to name the field), is the news.
fn better_place(
    text: &str,
    message: &str,
    line: usize,
    col: usize,
) -> (usize, usize, Option<String>) {
    let duplicate = message
        .strip_prefix("duplicate field `")
        .and_then(|r| r.split('`').next())
        .and_then(|key| second_key(text, line, key));
    if let Some((l, c)) = duplicate {
        return (l, c, None);
    }
    match refused_value(message).and_then(|v| value_place(text, line, v)) {
        Some((l, c, key)) => (l, c, Some(key)),
        None => (line, col, None),
    }
}

/// The value quoted in a message from one of our own types' checks (`invalid colour `#E7F2Z4`:
/// …`), which serde_yaml locates at its map rather than at the value.
fn refused_value(message: &str) -> Option<&str> {
    let rest = message.strip_prefix("invalid ")?;
    if rest.starts_with("type:") || rest.starts_with("value:") {
        return None;
    }
    rest.split('`').nth(1).filter(|v| !v.is_empty())
}

/// Line, column and key of the first line from `from` on that holds `value` after a key:
/// `  accent: "#E7F2Z4"` gives the value's column and `accent`.
fn value_place(text: &str, from: usize, value: &str) -> Option<(usize, usize, String)> {
    text.lines()
        .enumerate()
        .skip(from.saturating_sub(1))
        .find_map(|(i, line)| {
            let at = line.find(value)?;
            let (key, _) = line[..at].rsplit_once(':')?;
            let key = key
                .trim()
                .trim_start_matches("- ")
                .trim_matches(['"', '\'', '{', ' ']);
            let key = key.rsplit([',', '{']).next().unwrap_or(key).trim();
            Some((i + 1, line[..at].chars().count() + 1, key.to_string()))
        })
}

/// Where the character at "position N" of a control-character message is (serde_yaml gives
/// a byte offset into the file).
fn control_character(text: &str, message: &str) -> Option<(usize, usize)> {
    let offset: usize = message
        .strip_prefix("control characters are not allowed at position ")?
        .trim()
        .parse()
        .ok()?;
    let before = text.get(..offset)?;
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Some((line, col))
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

/// A message in plain words, with a hint where there is one.
type Explained = (String, Option<String>);

/// Rewords serde's messages for people who are not programmers, with "did you mean" hints.
/// Each kind of message has its own rewording; one that none knows is passed on as it is.
fn explain(message: &str, field: Option<&FieldPath>) -> Explained {
    unknown_name(message, field)
        .or_else(|| missing_or_duplicate(message))
        .or_else(|| wrong_type(message))
        .or_else(|| unexpected_end(message))
        .unwrap_or_else(|| (message.to_string(), None))
}

/// `unknown field` / `unknown variant`: a misspelt key, block kind or page size.
fn unknown_name(message: &str, field: Option<&FieldPath>) -> Option<Explained> {
    let page_size = field
        .and_then(|f| f.steps().last())
        .is_some_and(|s| *s == Step::Key("page_size".into()));
    let variant = if page_size { "page size" } else { "block kind" };
    let (rest, what) = [("unknown field `", "key"), ("unknown variant `", variant)]
        .into_iter()
        .find_map(|(prefix, what)| Some((message.strip_prefix(prefix)?, what)))?;
    let (name, rest) = rest.split_once('`').unwrap_or((rest, ""));
    let expected: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
    let synonym = BLOCK_SYNONYMS
        .iter()
        .find(|(word, kind)| *word == name.to_lowercase() && expected.contains(kind))
        .map(|(_, kind)| *kind);
    let help = match synonym.or_else(|| closest(name, &expected)) {
        Some(best) => format!("did you mean `{best}`?"),
        None => format!("expected one of {}", backticked(&expected)),
    };
    Some((format!("unknown {what} `{name}`"), Some(help)))
}

/// `missing field` and `duplicate field`: keys, in the words of the file.
fn missing_or_duplicate(message: &str) -> Option<Explained> {
    let name = |rest: &'_ str| rest.split('`').next().unwrap_or(rest).to_string();
    if let Some(rest) = message.strip_prefix("missing field `") {
        return Some((format!("missing required key `{}`", name(rest)), None));
    }
    let rest = message.strip_prefix("duplicate field `")?;
    Some((
        format!("key `{}` appears twice", name(rest)),
        Some("each key may appear only once; delete or rename one of them".into()),
    ))
}

/// `invalid type` / `invalid value`: what was expected and what was found, in plain words.
fn wrong_type(message: &str) -> Option<Explained> {
    let (found, expected) = ["invalid type: ", "invalid value: "]
        .into_iter()
        .find_map(|prefix| message.strip_prefix(prefix)?.split_once(", expected "))?;
    if expected.starts_with("struct Handout") || expected.starts_with("struct Brand") {
        return Some((
            format!(
                "the file must be a map of `key: value` lines, found {}",
                plain_type(found)
            ),
            Some("start the file with `title: ...` and `blocks:`".into()),
        ));
    }
    let message = format!(
        "expected {}, found {}",
        plain_type(expected),
        plain_type(found)
    );
    Some((message, None))
}

/// The file stops inside a quoted string or a bracket.
fn unexpected_end(message: &str) -> Option<Explained> {
    message
        .starts_with("found unexpected end of stream")
        .then(|| {
            (
                "the file ended in the middle of a value".into(),
                Some(
                    "look for a quote (\") or bracket ([ or {) that is opened and never closed"
                        .into(),
                ),
            )
        })
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

/// The candidate nearest to `name` by edit distance (case-insensitive), if it is near enough
/// to be a typo: at most two edits, or a third of the name's length for long names.
pub fn closest<'a>(name: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let name = name.to_lowercase();
    let best = candidates
        .iter()
        .map(|c| (strsim::levenshtein(&name, &c.to_lowercase()), *c))
        .min_by_key(|(d, _)| *d)?;
    (best.0 <= 2.max(name.chars().count() / 3)).then_some(best.1)
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
            Some(&FieldPath::at("blocks").index(2)),
        );
        assert_eq!(msg, "unknown block kind `paragraf`");
        assert_eq!(help.as_deref(), Some("did you mean `text`?"));
        assert_eq!(
            closest("bulets", &["heading", "text", "bullets"]),
            Some("bullets")
        );
    }
}

//! Random edits of a text, for property tests that feed mutated real files (handouts, the
//! brand file) through the pipeline: deletions, insertions of YAML syntax and awkward text,
//! and duplicated lines.

use proptest::prelude::*;

/// One edit to a text: delete, insert or duplicate a line, at a relative position.
#[derive(Debug, Clone)]
pub enum Edit {
    Delete(f64, usize),
    Insert(f64, String),
    DuplicateLine(f64),
}

/// What an insertion inserts: YAML syntax, values our types refuse or must survive, text
/// the fonts lack, random characters.
fn payload() -> impl Strategy<Value = String> {
    const FIXED: &[&str] = &[
        ": ",
        "- ",
        "\n  ",
        "\t",
        "**",
        "[",
        "{",
        "\"",
        "&a ",
        "*a",
        "✓",
        "ñ¿¡—",
        "#",
        "~",
        "null",
        "0",
        "1e9",
        "-1",
        "../",
        "https://",
        "javascript:",
        "#FFFFFF",
        "#000000",
        "a4",
        "\u{feff}",
        "\u{202e}",
        "e\u{301}",
        "Pneumonoultramicroscopicsilicovolcanoconiosis",
    ];
    prop_oneof![
        4 => prop::sample::select(FIXED).prop_map(str::to_string),
        1 => "[a-z ]{0,12}",
        1 => any::<String>().prop_map(|s| s.chars().take(8).collect()),
    ]
}

pub fn edit() -> impl Strategy<Value = Edit> {
    let pos = 0.0..1.0f64;
    prop_oneof![
        (pos.clone(), 1..20usize).prop_map(|(p, n)| Edit::Delete(p, n)),
        (pos.clone(), payload()).prop_map(|(p, s)| Edit::Insert(p, s)),
        pos.prop_map(Edit::DuplicateLine),
    ]
}

/// `text` with `edits` applied in order.
pub fn apply(text: &str, edits: &[Edit]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for e in edits {
        let at = |p: f64, len: usize| ((p * len as f64) as usize).min(len);
        match e {
            Edit::Delete(p, n) => {
                let start = at(*p, chars.len());
                let end = (start + n).min(chars.len());
                chars.drain(start..end);
            }
            Edit::Insert(p, s) => {
                let start = at(*p, chars.len());
                chars.splice(start..start, s.chars());
            }
            Edit::DuplicateLine(p) => {
                let s: String = chars.iter().collect();
                let lines: Vec<&str> = s.lines().collect();
                if lines.is_empty() {
                    continue;
                }
                let i = at(*p, lines.len() - 1);
                let mut out: Vec<&str> = lines.clone();
                out.insert(i, lines[i]);
                chars = (out.join("\n") + "\n").chars().collect();
            }
        }
    }
    chars.into_iter().collect()
}

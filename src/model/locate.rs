//! Finds where a field lives in a YAML source, for errors found after parsing.
//!
//! serde_yaml locates syntax and type errors itself, but keeps no positions in parsed values,
//! so a problem found later (a missing image, a character the font lacks) is blamed on a field
//! path such as `blocks[3].image.path`. This walks the source's indentation to find that
//! path's line and column. It understands the block style handouts are written in, plus flow
//! maps on one line (`- image: {path: a.png}`); where it cannot follow the path it returns the
//! deepest part it found, so a message is never worse than "this block".

use super::path::{FieldPath, Step};

fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn is_content(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && !t.starts_with('#')
}

/// A position: 1-based line, 1-based column; `lines` is the range of the value below it.
#[derive(Debug, Clone, Copy)]
struct Place {
    line: usize,
    col: usize,
    /// 0-based line range [start, end) holding this node's nested content.
    start: usize,
    end: usize,
    /// Column (0-based) where this node's own content starts on its first line.
    inline_from: usize,
}

/// Line and column of `path` (e.g. `blocks[2].checklist.columns`) in `text`.
pub fn locate(text: &str, path: &FieldPath) -> Option<(usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut here = Place {
        line: 1,
        col: 1,
        start: 0,
        end: lines.len(),
        inline_from: 0,
    };
    let mut found = None;
    for step in path.steps() {
        match find_step(&lines, &here, step) {
            Some(next) => {
                found = Some((next.line, next.col));
                here = next;
            }
            None => break,
        }
    }
    found
}

/// The end (exclusive) of the nested block that starts after line `from` at deeper than
/// `parent_indent` (or at the same indent for sequence items under a key).
fn block_end(
    lines: &[&str],
    from: usize,
    end: usize,
    parent_indent: usize,
    items_same: bool,
) -> usize {
    let mut i = from;
    while i < end {
        let l = lines[i];
        if is_content(l) {
            let ind = indent(l);
            let same_level_item =
                items_same && ind == parent_indent && l.trim_start().starts_with('-');
            if ind < parent_indent || (ind == parent_indent && !same_level_item) {
                break;
            }
        }
        i += 1;
    }
    i
}

fn find_step(lines: &[&str], here: &Place, step: &Step) -> Option<Place> {
    match step {
        Step::Key(key) => key_on_own_line(lines, here, key)
            .or_else(|| key_in_flow_map(lines, here, key))
            .or_else(|| key_below(lines, here, key)),
        Step::Index(n) => {
            item_below(lines, here, *n).unwrap_or_else(|| item_in_flow_list(lines, here, *n))
        }
    }
}

/// The key opens the node's own line: `- image: …` (the item's first key).
fn key_on_own_line(lines: &[&str], here: &Place, key: &str) -> Option<Place> {
    let rest = lines
        .get(here.line - 1)?
        .get(here.inline_from..)
        .unwrap_or("");
    let trimmed = rest.trim_start();
    if !trimmed.starts_with(&format!("{key}:")) {
        return None;
    }
    let col = here.inline_from + rest.len() - trimmed.len();
    Some(Place {
        line: here.line,
        col: col + 1,
        start: here.start,
        end: here.end,
        inline_from: col + key.len() + 1,
    })
}

/// The key inside a flow map on the node's own line: `{path: a.png, width: 3in}`.
fn key_in_flow_map(lines: &[&str], here: &Place, key: &str) -> Option<Place> {
    let rest = lines
        .get(here.line - 1)?
        .get(here.inline_from..)
        .unwrap_or("");
    let brace = rest.find('{')?;
    let flow = &rest[brace..];
    let p = [format!("{{{key}:"), format!(" {key}:"), format!(",{key}:")]
        .iter()
        .filter_map(|pat| flow.find(pat.as_str()).map(|p| p + 1))
        .min()?;
    let col = here.inline_from + brace + p;
    Some(Place {
        line: here.line,
        col: col + 1,
        start: here.line,
        end: here.line,
        inline_from: col + key.len() + 1,
    })
}

/// The key on a nested line, at the first content indent of the node's range.
fn key_below(lines: &[&str], here: &Place, key: &str) -> Option<Place> {
    let first = (here.start..here.end).find(|&i| is_content(lines[i]))?;
    let ind = indent(lines[first]);
    for (i, l) in lines.iter().enumerate().take(here.end).skip(first) {
        if !is_content(l) || indent(l) != ind {
            continue;
        }
        let t = l.trim_start().trim_start_matches("- ");
        let key_at = l.len() - t.len();
        if t.starts_with(&format!("{key}:")) || t.starts_with(&format!("\"{key}\":")) {
            let end = block_end(lines, i + 1, here.end, ind, true);
            return Some(Place {
                line: i + 1,
                col: key_at + 1,
                start: i + 1,
                end,
                inline_from: key_at + key.len() + 1,
            });
        }
    }
    None
}

/// Item `n` of a block list below the node. `None` when the node holds no block list;
/// `Some(None)` when it does but the list is shorter.
fn item_below(lines: &[&str], here: &Place, n: usize) -> Option<Option<Place>> {
    let first = (here.start..here.end)
        .find(|&i| is_content(lines[i]))
        .filter(|&f| lines[f].trim_start().starts_with('-'))?;
    let ind = indent(lines[first]);
    let item = (first..here.end)
        .filter(|&i| {
            let l = lines[i];
            is_content(l) && indent(l) == ind && l.trim_start().starts_with('-')
        })
        .nth(n)
        .map(|i| Place {
            line: i + 1,
            col: ind + 3,
            start: i + 1,
            end: block_end(lines, i + 1, here.end, ind, false),
            inline_from: ind + 2,
        });
    Some(item)
}

/// Entry `n` of a flow list on the node's own line: `key: [a, b, c]`.
fn item_in_flow_list(lines: &[&str], here: &Place, n: usize) -> Option<Place> {
    let own = lines.get(here.line - 1)?;
    let open = own.get(here.inline_from..)?.find('[')? + here.inline_from;
    let mut col = open + 1;
    for _ in 0..n {
        col += own.get(col..)?.find(',')? + 1;
    }
    col += own.get(col..)?.len() - own.get(col..)?.trim_start().len();
    Some(Place {
        line: here.line,
        col: col + 1,
        start: here.line,
        end: here.line,
        inline_from: col,
    })
}

/// Line and column of the first occurrence of `needle` inside the value at `path`.
pub fn locate_text(text: &str, path: &FieldPath, needle: &str) -> Option<(usize, usize)> {
    let (line, _) = locate(text, path)?;
    let lines: Vec<&str> = text.lines().collect();
    let start_indent = indent(lines.get(line - 1)?);
    for (i, l) in lines.iter().enumerate().skip(line - 1) {
        if i > line - 1
            && is_content(l)
            && indent(l) <= start_indent
            && l.trim_start().starts_with('-')
        {
            break;
        }
        if let Some(byte) = l.find(needle) {
            return Some((i + 1, l[..byte].chars().count() + 1));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Test paths written as text, read the way serde's are.
    fn p(text: &str) -> FieldPath {
        FieldPath::parse(text).unwrap()
    }

    const DOC: &str = "\
title: Hello
blocks:
  - heading: One
  - image: {path: a.png, width: 3in}
  - checklist:
      columns: [Never, Sometimes, Often]
      items:
        - First item
        - Second ✓ item
  # a comment
  - note:
      title: Care
      text: >-
        Some text
        more text
";

    #[test]
    fn finds_keys_items_and_inline_fields() {
        assert_eq!(locate(DOC, &p("title")), Some((1, 1)));
        assert_eq!(locate(DOC, &p("blocks")), Some((2, 1)));
        assert_eq!(locate(DOC, &p("blocks[0]")), Some((3, 5)));
        assert_eq!(locate(DOC, &p("blocks[1].image")), Some((4, 5)));
        assert_eq!(locate(DOC, &p("blocks[1].image.path")), Some((4, 13)));
        assert_eq!(locate(DOC, &p("blocks[1].image.width")), Some((4, 26)));
        assert_eq!(locate(DOC, &p("blocks[2].checklist.columns")), Some((6, 7)));
        assert_eq!(
            locate(DOC, &p("blocks[2].checklist.columns[1]")),
            Some((6, 24))
        );
        assert_eq!(
            locate(DOC, &p("blocks[2].checklist.items[1]")),
            Some((9, 11))
        );
        assert_eq!(locate(DOC, &p("blocks[3].note.text")), Some((13, 7)));
    }

    #[test]
    fn a_path_it_cannot_follow_gives_the_deepest_part_found() {
        assert_eq!(locate(DOC, &p("blocks[3].note.colour")), Some((11, 5)));
        assert_eq!(locate(DOC, &p("blocks[9]")), Some((2, 1)));
    }

    #[test]
    fn finds_a_character_inside_a_block() {
        assert_eq!(locate_text(DOC, &p("blocks[2]"), "✓"), Some((9, 18)));
        assert_eq!(locate_text(DOC, &p("blocks[3]"), "more"), Some((15, 9)));
        assert_eq!(locate_text(DOC, &p("blocks[0]"), "more"), None);
    }
}

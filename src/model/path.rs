//! Field paths: where a value lives in a YAML file, such as `blocks[2].checklist.items[0]`.
//!
//! A problem found after parsing (a missing picture, a character the font lacks) names the
//! field it is about with a [`FieldPath`] built from steps, never from a formatted string;
//! [`super::locate`] turns it into a line and column. The only path that arrives as text is
//! the one serde_yaml prints in its own messages, read once by [`FieldPath::parse`].

use std::fmt;

/// One step of a path: a map key or a list index.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Step {
    Key(Box<str>),
    Index(usize),
}

/// A path from the top of a YAML document to one value.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct FieldPath(Vec<Step>);

impl FieldPath {
    /// The whole document.
    pub fn root() -> FieldPath {
        FieldPath(Vec::new())
    }

    /// A top-level key: `FieldPath::at("title")`.
    pub fn at(key: &str) -> FieldPath {
        FieldPath::root().key(key)
    }

    /// Block `index` of a handout, under its kind: `blocks[3].checklist`.
    pub fn block(index: usize, kind: &str) -> FieldPath {
        FieldPath::at("blocks").index(index).key(kind)
    }

    /// This path, one map key deeper.
    pub fn key(mut self, key: &str) -> FieldPath {
        self.0.push(Step::Key(key.into()));
        self
    }

    /// This path, one list item deeper.
    pub fn index(mut self, index: usize) -> FieldPath {
        self.0.push(Step::Index(index));
        self
    }

    /// This path followed by `rest` (a path relative to it).
    pub fn join(mut self, rest: &FieldPath) -> FieldPath {
        self.0.extend(rest.0.iter().cloned());
        self
    }

    pub fn steps(&self) -> &[Step] {
        &self.0
    }

    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }

    /// Reads a path as serde_yaml prints it in its messages (`blocks[1].note.title`). `None`
    /// when the text is not such a path (an unquoted key with a space, a bracket left open).
    pub fn parse(text: &str) -> Option<FieldPath> {
        let mut path = FieldPath::root();
        for part in text.split('.') {
            let (key, indexes) = match part.split_once('[') {
                Some((key, rest)) => (key, Some(rest)),
                None => (part, None),
            };
            if key.is_empty() && (path.is_root() || indexes.is_none()) {
                return None;
            }
            if !key.is_empty() {
                if !key
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
                {
                    return None;
                }
                path = path.key(key);
            }
            if let Some(indexes) = indexes {
                for index in indexes.split('[') {
                    let n = index.strip_suffix(']')?.parse().ok()?;
                    path = path.index(n);
                }
            }
        }
        Some(path)
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, step) in self.0.iter().enumerate() {
            match step {
                Step::Key(k) if i == 0 => write!(f, "{k}")?,
                Step::Key(k) => write!(f, ".{k}")?,
                Step::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_paths_print_as_yaml_paths() {
        let p = FieldPath::block(2, "checklist").key("items").index(0);
        assert_eq!(p.to_string(), "blocks[2].checklist.items[0]");
        assert_eq!(
            FieldPath::at("colors").key("primary").to_string(),
            "colors.primary"
        );
        assert_eq!(FieldPath::root().to_string(), "");
    }

    #[test]
    fn serde_paths_parse_into_the_same_steps() {
        let built = FieldPath::block(1, "note").key("title");
        assert_eq!(FieldPath::parse("blocks[1].note.title"), Some(built));
        assert_eq!(
            FieldPath::parse("a[0][2]"),
            Some(FieldPath::at("a").index(0).index(2))
        );
    }

    #[test]
    fn text_that_is_not_a_path_is_refused() {
        for bad in [
            "",
            "[0]",
            "blocks[",
            "blocks[x]",
            "two words",
            "a..b",
            "a.[1",
        ] {
            assert_eq!(FieldPath::parse(bad), None, "{bad:?}");
        }
    }
}

//! Field labels and the values written into them, matched by [`FieldKey`].

use std::collections::BTreeMap;
use std::fmt;

/// How a field label is matched everywhere (CSV columns, `--set`, name templates, the
/// layout's write-in lines): case and surrounding or repeated spaces do not matter, so a CSV
/// column `patient  NAME` fills the field `Patient name` and `{patient name}` names it in a
/// template. Made once from the label; compared, never re-normalised.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FieldKey(String);

impl FieldKey {
    pub fn new(label: &str) -> FieldKey {
        FieldKey(
            label
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase(),
        )
    }

    /// The normalised label: `patient name`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for FieldKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Values written into `fields` write-in lines, by the key of their label.
pub type Values = BTreeMap<FieldKey, String>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_case_and_spacing() {
        assert_eq!(
            FieldKey::new("  Patient   NAME "),
            FieldKey::new("patient name")
        );
        assert_eq!(FieldKey::new("Patient name").as_str(), "patient name");
        assert_ne!(FieldKey::new("Patient name"), FieldKey::new("Patient-name"));
    }
}

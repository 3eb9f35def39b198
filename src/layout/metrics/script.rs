//! Which face draws each character: the brand's, else the tool's fallback for its script.
//!
//! The order is the brand's face, then the fallback of the character's script (Noto Sans for
//! Latin, Greek and Cyrillic; Noto Sans Arabic; Noto Sans SC for Chinese), then any fallback
//! that has it. A character and the combining marks after it (a cluster) are drawn by one
//! face, so a shaper can place the marks. Characters common to all scripts (spaces, digits,
//! punctuation) beside Arabic or Chinese stay in their neighbours' face where it has them
//! ("，" and "。" in Noto Sans SC); beside Latin text they follow the brand's face as before.

use std::ops::Range;

use unicode_normalization::char::is_combining_mark;
use unicode_script::{Script, UnicodeScript};

use super::FaceMetrics;
use crate::assets::fonts::{fallback_may_draw, Family};
use crate::layout::hyphen::SOFT_HYPHEN;

/// The fallback family of `c`'s script, if it has one of its own.
fn script_family(c: char) -> Option<Family> {
    match c.script() {
        Script::Arabic => Some(Family::Arabic),
        Script::Han | Script::Hiragana | Script::Katakana | Script::Bopomofo => {
            Some(Family::Chinese)
        }
        Script::Latin | Script::Greek | Script::Cyrillic => Some(Family::Latin),
        _ => None,
    }
}

/// Whether the fallback `family` may draw `c` on its own. Noto Sans draws only scripts that
/// print right without their own fallback (see [`fallback_may_draw`]); the Arabic and
/// Chinese faces draw their scripts and their blocks' punctuation. Beside their text they
/// also draw the spaces, digits and punctuation they have ([`FaceMetrics::pieces`]), but a
/// symbol a Latin text needs (`✓`) is not taken from them.
pub(super) fn may_draw(family: Family, c: char) -> bool {
    let code = u32::from(c);
    match family {
        Family::Latin => fallback_may_draw(c),
        Family::Arabic => {
            script_family(c) == Some(family)
                || matches!(code, 0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF
                    | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF)
        }
        Family::Chinese => {
            script_family(c) == Some(family)
                || matches!(code, 0x2E80..=0x2FDF | 0x3000..=0x303F | 0x3200..=0x33FF
                    | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF)
        }
    }
}

/// Characters every script uses: spaces, digits, punctuation, symbols.
fn is_common(c: char) -> bool {
    c.script() == Script::Common
}

/// Whether `c` belongs to the character before it: a combining mark, a joiner, a variation
/// selector.
fn joins_previous(c: char) -> bool {
    is_combining_mark(c)
        || matches!(
            c,
            '\u{200C}' | '\u{200D}' | '\u{FE00}'..='\u{FE0F}' | SOFT_HYPHEN
        )
}

impl FaceMetrics<'_> {
    /// Splits `text` into pieces each drawn in one face, calling `piece` with each one's byte
    /// range and its fallback family (`None`: this face), in order. Text this face has
    /// entirely is one piece. A soft hyphen (never drawn) stays in the piece it is in.
    pub fn pieces(&self, text: &str, mut piece: impl FnMut(Range<usize>, Option<Family>)) {
        // The common case, and the fast one: this face draws all of it.
        if text
            .chars()
            .all(|c| self.draws_itself(c) || c == SOFT_HYPHEN || c.is_whitespace())
        {
            return piece(0..text.len(), None);
        }
        let clusters = clusters(text);
        let mut faces: Vec<Option<Option<Family>>> = clusters
            .iter()
            .map(|r| self.specific_face(&text[r.clone()]))
            .collect();
        self.settle_common(text, &clusters, &mut faces);
        let mut start = 0;
        let mut current: Option<Option<Family>> = None;
        for (range, face) in clusters.iter().zip(faces) {
            let face = face.unwrap_or(None);
            match current {
                Some(was) if was != face => {
                    piece(start..range.start, was);
                    start = range.start;
                }
                _ => {}
            }
            current = Some(face);
        }
        piece(start..text.len(), current.unwrap_or(None));
    }

    /// The face of a cluster by its own characters, or `None` (outer) for a common character
    /// that takes its neighbours' face (see [`FaceMetrics::settle_common`]).
    fn specific_face(&self, cluster: &str) -> Option<Option<Family>> {
        let mut chars = cluster.chars().filter(|&c| c != SOFT_HYPHEN);
        let first = chars.next()?;
        let single = cluster.chars().filter(|&c| c != SOFT_HYPHEN).count() == 1;
        if single && is_common(first) {
            return None;
        }
        Some(self.default_face(cluster, first))
    }

    /// The face of a cluster when no neighbour decides: this face if it draws all of it,
    /// the fallback of its script, else the first fallback that has all of it.
    fn default_face(&self, cluster: &str, first: char) -> Option<Family> {
        let visible = || cluster.chars().filter(|&c| c != SOFT_HYPHEN);
        if visible().all(|c| self.draws_itself(c) || c.is_whitespace() && c != '\u{a0}') {
            return None;
        }
        let draws = |family: Family| visible().all(|c| self.family_draws(family, c));
        let by_script = script_family(first).filter(|&f| draws(f));
        by_script
            .or_else(|| Family::ALL.into_iter().find(|&f| draws(f)))
            .or_else(|| {
                // A cluster no face has whole: its first character decides (coverage has
                // refused what no face has).
                Family::ALL
                    .into_iter()
                    .find(|&f| !self.draws_itself(first) && self.family_draws(f, first))
            })
    }

    /// Gives each common character a face: its neighbour's where that is the Arabic or
    /// Chinese face and has it (the one before, else the one after), else the default.
    fn settle_common(
        &self,
        text: &str,
        clusters: &[Range<usize>],
        faces: &mut [Option<Option<Family>>],
    ) {
        let non_latin = |face: Option<Option<Family>>| match face {
            Some(Some(f @ (Family::Arabic | Family::Chinese))) => Some(f),
            _ => None,
        };
        for i in 0..faces.len() {
            if faces[i].is_some() {
                continue;
            }
            let cluster = &text[clusters[i].clone()];
            let Some(c) = cluster.chars().next() else {
                continue;
            };
            let before = i.checked_sub(1).and_then(|j| non_latin(faces[j]));
            let after = || {
                faces[i + 1..]
                    .iter()
                    .find_map(|f| *f)
                    .and_then(|f| non_latin(Some(f)))
            };
            let neighbour = before.or_else(after).filter(|&f| {
                self.family(f)
                    .is_some_and(|m| m.has(c) || c.is_whitespace())
            });
            faces[i] = Some(match neighbour {
                Some(f) => Some(f),
                None => self.default_face(cluster, c),
            });
        }
    }
}

/// `text` in clusters: a character with the marks and joiners after it, as byte ranges.
fn clusters(text: &str) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for (at, c) in text.char_indices() {
        let end = at + c.len_utf8();
        match out.last_mut() {
            Some(last) if joins_previous(c) => last.end = end,
            _ => out.push(at..end),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_stay_with_their_letter() {
        let text = "x\u{323}\u{302}a";
        let c = clusters(text);
        assert_eq!(c.len(), 2);
        assert_eq!(&text[c[0].clone()], "x\u{323}\u{302}");
    }

    #[test]
    fn scripts_have_their_families() {
        assert_eq!(script_family('س'), Some(Family::Arabic));
        assert_eq!(script_family('王'), Some(Family::Chinese));
        assert_eq!(script_family('ễ'), Some(Family::Latin));
        assert_eq!(script_family('，'), None);
        assert!(may_draw(Family::Chinese, '，') && !may_draw(Family::Chinese, 'س'));
        assert!(!may_draw(Family::Chinese, '✓') && !may_draw(Family::Arabic, '2'));
    }
}

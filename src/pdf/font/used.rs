//! Which glyphs each face draws, and the text each stands for: what the font subsets hold and
//! their ToUnicode maps say.

use std::collections::BTreeMap;

use crate::assets::fonts::Face;
use crate::layout::text::break_plain;
use crate::layout::{Glyph, Item, Metrics, Page, TextRun};

/// A face's glyph ids, each with the text it stands for.
pub type GlyphSet = BTreeMap<u16, String>;

/// The glyphs drawn in each face.
#[derive(Debug, Clone, Default)]
pub struct UsedGlyphs(BTreeMap<Face, GlyphSet>);

impl UsedGlyphs {
    /// The glyphs `pages` draw.
    pub fn of_pages(pages: &[Page]) -> Self {
        let mut used = UsedGlyphs::default();
        for page in pages {
            used.add_pages_items(&page.items);
        }
        used
    }

    fn add_pages_items(&mut self, items: &[Item]) {
        for item in items {
            if let Item::Text(run) = item {
                self.add_run(run);
            }
        }
    }

    /// The glyphs of `face`, if any text is drawn in it.
    pub fn get(&self, face: Face) -> Option<&GlyphSet> {
        self.0.get(&face)
    }

    /// Adds another set's glyphs.
    pub fn extend(&mut self, other: UsedGlyphs) {
        for (face, glyphs) in other.0 {
            let set = self.0.entry(face).or_default();
            for (glyph, text) in &glyphs {
                note(set, *glyph, text);
            }
        }
    }

    /// Adds the glyphs of a run: each stands for its cluster's text (the letter of a cluster
    /// of several; the others for nothing).
    pub fn add_run(&mut self, run: &TextRun) {
        let set = self.0.entry(run.face).or_default();
        for (glyph, text) in cluster_texts(&run.text, &run.glyphs) {
            note(set, glyph, text);
        }
    }

    /// Adds the glyphs `text` is drawn with when set in the brand face `face`, shaped as
    /// layout shapes it (on one line, with its fallbacks): for text a batch's rows fill in.
    pub fn add_text(&mut self, m: &Metrics, face: Face, text: &str) {
        for line in break_plain(text, face, f32::MAX, 12.0, m) {
            let items = line.place(0.0, 0.0, 12.0, crate::model::Color::rgb(0, 0, 0), m);
            self.add_pages_items(&items);
        }
    }
}

/// Keeps, for each glyph, the shortest (then first in order) text it stands for, so the
/// ToUnicode map is the same whatever order runs come in. A glyph standing for nothing is
/// kept too (it must be in the subset).
fn note(set: &mut GlyphSet, glyph: u16, text: &str) {
    match set.get_mut(&glyph) {
        Some(old) if old == text => {}
        Some(old) if old.is_empty() || (!text.is_empty() && shorter(text, old)) => {
            *old = text.to_string()
        }
        Some(_) => {}
        None => {
            set.insert(glyph, text.to_string());
        }
    }
}

fn shorter(a: &str, b: &str) -> bool {
    (a.chars().count(), a) < (b.chars().count(), b)
}

/// Each glyph of a run with the text it stands for: its cluster's text for the glyph that
/// stands for the cluster (its first that advances: a letter, not a mark drawn over it),
/// nothing for the others. A cluster's glyphs are neighbours in visual order.
pub fn cluster_texts<'t>(text: &'t str, glyphs: &[Glyph]) -> Vec<(u16, &'t str)> {
    let mut starts: Vec<usize> = glyphs.iter().map(|g| g.cluster as usize).collect();
    // Left-to-right glyphs come in the text's order already.
    if !starts.is_sorted() {
        starts.sort_unstable();
    }
    starts.dedup();
    let end_of = |start: usize| {
        let next = starts.partition_point(|&s| s <= start);
        starts.get(next).copied().unwrap_or(text.len())
    };
    let mut out = Vec::with_capacity(glyphs.len());
    for cluster in glyphs.chunk_by(|a, b| a.cluster == b.cluster) {
        let letter = cluster.iter().position(|g| g.advance != 0.0).unwrap_or(0);
        let start = cluster[0].cluster as usize;
        for (i, g) in cluster.iter().enumerate() {
            let piece = match i == letter {
                true => text.get(start..end_of(start)).unwrap_or(""),
                false => "",
            };
            out.push((g.id, piece));
        }
    }
    out
}

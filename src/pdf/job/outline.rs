//! A print job's outline, written a window of packets at a time: an entry per packet (the
//! patient), under it one per part (the handout, at its first page), under that the part's
//! own bookmarks. Entries with entries beneath them start closed, so the job lists its
//! packets first.
//!
//! The packets' entries are a chain from one window to the next: a window's first packet
//! points back at the last of the window before, whose number is known; its last packet's
//! `Next` is the first packet of the next window, known only when that window is numbered,
//! so a window's entries are written when the next window (or the end) comes.

use std::collections::BTreeMap;

use lopdf::{Dictionary, Object, ObjectId};

use crate::pdf::navigation::{outline_entry, OutlineNode};

/// One window's entries, numbered, waiting for the next window's first packet.
pub struct WindowOutline {
    pub objects: BTreeMap<ObjectId, Object>,
    pub first_packet: u32,
    pub last_packet: u32,
    pub packets: usize,
}

impl WindowOutline {
    /// Numbers `packets` (each with its parts and their bookmarks beneath) from `first`, as
    /// kids of `root`; the first packet follows `previous`.
    pub fn new(
        packets: &[OutlineNode],
        root: ObjectId,
        first: u32,
        previous: Option<u32>,
    ) -> WindowOutline {
        let mut objects = BTreeMap::new();
        let mut next = first;
        let ids = add_entries(&mut objects, &mut next, packets, root);
        if let (Some(prev), Some(&first)) = (previous, ids.first()) {
            if let Some(Object::Dictionary(d)) = objects.get_mut(&first) {
                d.set("Prev", Object::Reference((prev, 0)));
            }
        }
        WindowOutline {
            objects,
            first_packet: ids.first().map_or(first, |id| id.0),
            last_packet: ids.last().map_or(first, |id| id.0),
            packets: ids.len(),
        }
    }

    /// How many entries it has.
    pub fn count(packets: &[OutlineNode]) -> u32 {
        packets.iter().map(|node| 1 + Self::count(&node.kids)).sum()
    }

    /// Points the window's last packet at the next window's first, if there is one.
    pub fn followed_by(&mut self, next: Option<u32>) {
        let last = (self.last_packet, 0);
        if let (Some(next), Some(Object::Dictionary(d))) = (next, self.objects.get_mut(&last)) {
            d.set("Next", Object::Reference((next, 0)));
        }
    }
}

/// Adds `nodes`, siblings under `parent` numbered from `next`, and (after them) their kids;
/// returns the siblings' ids. The same entries as a document's outline (`navigation`).
fn add_entries(
    objects: &mut BTreeMap<ObjectId, Object>,
    next: &mut u32,
    nodes: &[OutlineNode],
    parent: ObjectId,
) -> Vec<ObjectId> {
    let ids: Vec<ObjectId> = nodes
        .iter()
        .map(|_| {
            *next += 1;
            (*next - 1, 0)
        })
        .collect();
    for (i, node) in nodes.iter().enumerate() {
        let mut d = outline_entry(&node.entry, parent);
        if i > 0 {
            d.set("Prev", Object::Reference(ids[i - 1]));
        }
        if let Some(next) = ids.get(i + 1) {
            d.set("Next", Object::Reference(*next));
        }
        if !node.kids.is_empty() {
            let kids = add_entries(objects, next, &node.kids, ids[i]);
            d.set("First", Object::Reference(kids[0]));
            d.set("Last", Object::Reference(kids[kids.len() - 1]));
            // Negative: closed, with this many entries shown when opened.
            d.set("Count", -(kids.len() as i64));
        }
        objects.insert(ids[i], Object::Dictionary(d));
    }
    ids
}

/// The outline's root: the first and last packets, all of them shown.
pub fn root(first: u32, last: u32, packets: usize) -> Dictionary {
    let mut outlines = Dictionary::new();
    outlines.set("Type", Object::Name(b"Outlines".to_vec()));
    outlines.set("First", Object::Reference((first, 0)));
    outlines.set("Last", Object::Reference((last, 0)));
    // Open entries: the top level only, as every entry with kids is closed.
    outlines.set("Count", packets as i64);
    outlines
}

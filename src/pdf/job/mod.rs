//! Print jobs: many documents (each patient's copy of each handout, laid out on its own)
//! written as one PDF, so the front desk prints the whole day at once.
//!
//! [`write_job`] reads like [`write`](super::write), with what changes when a thousand
//! documents share a file:
//! - `impose`: where each part's pages go; printed on both sides, a blank page before a
//!   packet (consecutive parts of one group, e.g. a patient) that would start on a back.
//! - `sharing` and `shared`: what parts have in common is stored once: fonts, pictures and
//!   QR codes, form field appearances, and the runs of content copies share (the header,
//!   the checklist, the footer), so a copy adds only what differs.
//! - `part`: each part's pages, links, form fields (the kids of a field of the part's own,
//!   so the same label in two copies is two fields) and structure (a Part element under
//!   the job's Document element), built in parallel, numbered within the part.
//! - then here: the page tree, the outline (packets, parts, each part's bookmarks), the
//!   form, the structure tree's root and the metadata;
//! - `pack`: the file, written and compressed in parallel.
//!
//! Each part's pages already carry its own page numbers; nothing here lays out.

mod impose;
mod pack;
mod part;
mod shared;
mod sharing;
mod syntax;

use lopdf::{Dictionary, Object, ObjectId};
use rayon::prelude::*;

use super::navigation::{self, OutlineEntry, OutlineNode};
use super::structure::{self, PartTree};
use super::{form, metadata, save, DocInfo, FontSubsets, PdfImage, QrForm};
use crate::layout::{ImageRef, Page};
use impose::{starts_packet, Imposition};
use part::BuiltPart;
use shared::Shared;

/// One document of a print job: one patient's copy of one handout, laid out on its own.
#[derive(Debug, Clone, Copy)]
pub struct Part<'a> {
    /// Its pages, with its own "Page N of M" already on them.
    pub pages: &'a [Page],
    /// Every image the pages draw (the logo, the handout's pictures) in encoded form.
    /// Parts that show the same picture should pass the same `PdfImage`: it is stored once.
    pub images: &'a [(ImageRef, &'a PdfImage)],
    /// Its QR code; stored once for all parts whose code has the same text.
    pub qr: Option<&'a QrForm>,
    /// The handout's title, for the outline.
    pub title: &'a str,
    pub lang: &'a str,
    /// The outline entry the part goes under, e.g. the patient ("Ana López — row 2");
    /// consecutive parts with the same group are one packet.
    pub group: &'a str,
}

/// How the job is to be printed.
#[derive(Debug, Clone, Copy, Default)]
pub struct JobOptions {
    /// Printed on both sides: every packet starts on the front of a sheet.
    pub duplex: bool,
}

/// Parts serialised and compressed together: enough that deflate finds one copy's objects
/// again in the next (its window is 32 KB, a checklist copy's objects about 6 KB), few
/// enough that two cores share the work evenly.
const PARTS_PER_CHUNK: usize = 8;

/// Writes `parts` as one PDF. `fonts` must hold every character any part draws;
/// `info` describes the job as a whole.
pub fn write_job(
    parts: &[Part],
    fonts: &FontSubsets,
    info: &DocInfo,
    options: JobOptions,
) -> Result<Vec<u8>, String> {
    let imposed = Imposition::new(parts, options)?;
    let planned: Vec<(&Page, (&str, usize))> = parts
        .iter()
        .flat_map(|part| {
            part.pages
                .iter()
                .enumerate()
                .map(|(i, p)| (p, (part.title, i)))
        })
        .collect();
    let sharing = sharing::plan(&planned);
    let pages: Vec<&Page> = planned.iter().map(|(page, _)| *page).collect();
    let mut shared = Shared::new(parts, fonts, &imposed, &sharing, &pages);
    let built = build_parts(parts, &sharing.pages, &shared, fonts, info);
    let firsts = number_parts(&mut shared.doc, &built);
    let doc = &mut shared.doc;
    add_page_tree(
        doc,
        shared.pages_root,
        &imposed,
        &shared.blanks,
        &built,
        &firsts,
    );
    add_outline(doc, parts, &built, &firsts);
    let fields = built
        .iter()
        .zip(&firsts)
        .filter_map(|(b, &first)| b.field.map(|f| pack::renumber(f, first)))
        .collect();
    form::add_acroform(doc, fields, shared.form.helv());
    let trees: Vec<PartTree> = built
        .iter()
        .zip(&firsts)
        .map(|(b, &first)| PartTree {
            element: pack::renumber(b.tree.element, first),
            parent_tree: pack::renumber(b.tree.parent_tree, first),
            keys: b.tree.keys,
        })
        .collect();
    structure::add_job_root(doc, shared.document, &trees, &info.lang);
    metadata::add(doc, info);
    save::compress(doc);
    Ok(pack_file(shared.doc, built, &firsts))
}

/// Builds every part on all cores.
fn build_parts(
    parts: &[Part],
    contents: &[sharing::PageContent],
    shared: &Shared,
    fonts: &FontSubsets,
    info: &DocInfo,
) -> Vec<BuiltPart> {
    // Each part's first page among the planned ones, and first parent tree key.
    let mut page_at = Vec::with_capacity(parts.len());
    let mut key_at = Vec::with_capacity(parts.len());
    let (mut page, mut key) = (0, 0);
    for part in parts {
        page_at.push(page);
        key_at.push(key);
        page += part.pages.len();
        key += structure::keys_of(part.pages);
    }
    parts
        .par_iter()
        .enumerate()
        .map(|(i, p)| {
            let cx = part::Context {
                index: i,
                contents: &contents[page_at[i]..page_at[i] + p.pages.len()],
                shared,
                fonts,
                first_key: key_at[i],
                lang: (p.lang != info.lang).then_some(p.lang),
            };
            part::build(p, &cx)
        })
        .collect()
}

/// Gives each part its numbers in the file, after the shared objects; returns each part's
/// first number. The shared document numbers what it adds next after the parts.
fn number_parts(doc: &mut lopdf::Document, built: &[BuiltPart]) -> Vec<u32> {
    let mut next = doc.max_id + 1;
    let firsts = built
        .iter()
        .map(|b| {
            let first = next;
            next += b.count;
            first
        })
        .collect();
    doc.max_id = next - 1;
    firsts
}

/// The page tree: every page in order, blank ones included.
fn add_page_tree(
    doc: &mut lopdf::Document,
    root: ObjectId,
    imposed: &Imposition,
    blanks: &[ObjectId],
    built: &[BuiltPart],
    firsts: &[u32],
) {
    let mut blanks = blanks.iter();
    let mut kids = Vec::with_capacity(imposed.page_count());
    for ((b, &first), &blank) in built.iter().zip(firsts).zip(&imposed.blank_before) {
        if blank {
            kids.extend(blanks.next().map(|&id| Object::Reference(id)));
        }
        kids.extend(
            b.pages
                .iter()
                .map(|&p| Object::Reference(pack::renumber(p, first))),
        );
    }
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"Pages".to_vec()));
    dict.set("Count", kids.len() as i64);
    dict.set("Kids", kids);
    doc.objects.insert(root, Object::Dictionary(dict));
}

/// The outline: an entry per packet, under it one per part (its title, at its first page),
/// under that the part's own bookmarks.
fn add_outline(doc: &mut lopdf::Document, parts: &[Part], built: &[BuiltPart], firsts: &[u32]) {
    let mut packets: Vec<OutlineNode> = Vec::new();
    for (i, ((part, b), &first)) in parts.iter().zip(built).zip(firsts).enumerate() {
        let (Some(&page), Some(first_page)) = (b.pages.first(), part.pages.first()) else {
            continue;
        };
        let at_top = |title: &str| OutlineEntry {
            title: title.to_string(),
            page: pack::renumber(page, first),
            left: 0.0,
            top: first_page.height,
        };
        let kids = b
            .outline
            .iter()
            .map(|entry| OutlineNode {
                entry: OutlineEntry {
                    title: entry.title.clone(),
                    page: pack::renumber(entry.page, first),
                    left: entry.left,
                    top: entry.top,
                },
                kids: Vec::new(),
            })
            .collect();
        let node = OutlineNode {
            entry: at_top(part.title),
            kids,
        };
        match packets.last_mut() {
            Some(packet) if !starts_packet(parts, i) => packet.kids.push(node),
            _ => packets.push(OutlineNode {
                entry: at_top(part.group),
                kids: vec![node],
            }),
        }
    }
    navigation::add_outline(doc, &packets);
}

/// The file: the shared objects, then the parts a few at a time, each chunk on any core.
fn pack_file(shared: lopdf::Document, built: Vec<BuiltPart>, firsts: &[u32]) -> Vec<u8> {
    let count = shared.max_id;
    let mut chunks = vec![vec![(pack::serialize(shared.objects), 0)]];
    let mut parts = built
        .into_iter()
        .zip(firsts)
        .map(|(b, &first)| (b.objects, first))
        .peekable();
    while parts.peek().is_some() {
        chunks.push(parts.by_ref().take(PARTS_PER_CHUNK).collect());
    }
    pack::write(chunks, count, &shared.trailer)
}

//! A print job written as it goes, a window of packets at a time, so memory stays flat
//! however many copies the job holds.
//!
//! [`JobWriter::new`] writes what every part shares (`shared`: fonts, pictures, form
//! appearances, and the content runs planned on a few model parts, `models`); each
//! [`JobWriter::add`] builds a window of parts on all cores, numbers their objects, packs
//! them a few parts to an object stream and writes them, and keeps of each part only what
//! the end of the file needs; [`JobWriter::finish`] writes the page tree, the form, the
//! structure tree's root, the outline's root, the metadata and the cross-reference stream.
//!
//! Kept per part until the end: its Part element, parent tree leaf and field (the structure
//! tree and the form list them) and two or three cross-reference runs (`xref`): about 100
//! bytes a one-page copy. The outline and the page tree are written a window at a time: a
//! window's entries (`outline`) and page tree node go with it, so the end lists windows,
//! not pages.

use std::collections::HashMap;
use std::io::Write;

use lopdf::{Dictionary, Object, ObjectId};
use rayon::prelude::*;

use super::impose::{starts_packet, Imposition};
use super::models::{self, Models};
use super::outline::{self, WindowOutline};
use super::pack::{self, Chunk, FileWriter, Serialized, JOB_LEVEL};
use super::part::{self, BuiltPart};
use super::shared::{media_box, Shared};
use super::{JobOptions, Part, WriteError, PARTS_PER_CHUNK};
use crate::pdf::navigation::{OutlineEntry, OutlineNode};
use crate::pdf::structure::{self, PartTree};
use crate::pdf::{form, metadata, save, DocInfo, FontSubsets};

/// A print job being written to `W`.
pub struct JobWriter<'a, W: Write> {
    file: FileWriter<W>,
    shared: Shared,
    models: Models,
    /// Each handout's resource dictionary.
    resources: HashMap<usize, ObjectId>,
    fonts: &'a FontSubsets,
    info: &'a DocInfo,
    options: JobOptions,
    outline_root: ObjectId,
    /// The next free object number.
    next: u32,
    /// The next parent tree key.
    next_key: usize,
    /// The page tree node of each window, kids of the root.
    nodes: Vec<u32>,
    /// How many pages the job has so far, blank ones included.
    page_count: usize,
    trees: Vec<PartTree>,
    fields: Vec<ObjectId>,
    /// The last window's outline, written when the next window is numbered.
    pending: Option<(WindowOutline, Tail)>,
    first_packet: Option<u32>,
    last_packet: Option<u32>,
    packets: usize,
}

impl<'a, W: Write> JobWriter<'a, W> {
    /// Starts a job: writes what its parts share. `models` are a few parts of each handout
    /// the job will hold (two each is enough): the content runs they have in common are
    /// stored once; every part added later must be a copy of one of their handouts.
    pub fn new(
        out: W,
        models: &[Part],
        fonts: &'a FontSubsets,
        info: &'a DocInfo,
        options: JobOptions,
    ) -> Result<Self, WriteError> {
        let imposed = Imposition::new(models, JobOptions::default())?;
        let planned = models::keyed(models);
        let sharing = super::sharing::plan(&planned);
        let pages: Vec<_> = planned.iter().map(|(page, _)| *page).collect();
        let mut shared = Shared::new(models, fonts, &imposed, &sharing, &pages);
        // Blank pages are added with the windows, where it is known which packets need one.
        debug_assert!(shared.blanks.is_empty(), "models are placed without blanks");
        let mut resources = HashMap::new();
        for (part, &id) in models.iter().zip(&shared.resources) {
            resources.entry(part.handout).or_insert(id);
        }
        let models = Models::new(&planned, &sharing);
        let outline_root = shared.doc.new_object_id();
        save::compress(&mut shared.doc);
        // The catalog stays until the end, where the form, outline and tree are hooked in.
        let catalog = shared
            .doc
            .trailer
            .get(b"Root")
            .and_then(Object::as_reference);
        let catalog = catalog.map_err(|e| WriteError::Pdf(format!("job catalog: {e}")))?;
        let mut objects = std::mem::take(&mut shared.doc.objects);
        if let Some(dict) = objects.remove(&catalog) {
            shared.doc.objects.insert(catalog, dict);
        }
        let stream = shared.doc.max_id + 1;
        let mut file = FileWriter::new(out)?;
        file.chunk(&pack::pack(
            &[(pack::serialize(objects), 0)],
            stream,
            JOB_LEVEL,
        ))?;
        Ok(JobWriter {
            file,
            shared,
            models,
            resources,
            fonts,
            info,
            options,
            outline_root,
            next: stream + 1,
            next_key: 0,
            nodes: Vec::new(),
            page_count: 0,
            trees: Vec::new(),
            fields: Vec::new(),
            pending: None,
            first_packet: None,
            last_packet: None,
            packets: 0,
        })
    }

    /// Builds and writes `parts`, whole packets (the first part starts a packet, whatever
    /// the group of the part before it).
    pub fn add(&mut self, parts: &[Part]) -> Result<(), WriteError> {
        if parts.is_empty() {
            return Ok(());
        }
        let resources = self.resources_of(parts)?;
        let imposed = Imposition::starting_at(parts, self.options, self.page_count)?;
        // The window's pages are kids of a page tree node of its own.
        let node = (self.next, 0);
        self.next += 1;
        let built = self.build(parts, &resources, node);
        // Numbers: the parts, a few to an object stream, then the blank pages and the outline.
        let mut firsts = Vec::with_capacity(built.len());
        let mut streams = Vec::new();
        for chunk in built.chunks(PARTS_PER_CHUNK) {
            for b in chunk {
                firsts.push(self.next);
                self.next += b.count;
            }
            streams.push(self.next);
            self.next += 1;
        }
        let blanks = self.blanks(parts, &imposed, node);
        let nodes = outline_nodes(parts, &built, &firsts);
        let outline = WindowOutline::new(&nodes, self.outline_root, self.next, self.last_packet);
        self.next += WindowOutline::count(&nodes);
        let stream = self.next;
        self.next += 1;
        self.write_pending(Some(outline.first_packet))?;
        self.first_packet.get_or_insert(outline.first_packet);
        self.last_packet = Some(outline.last_packet);
        self.packets += outline.packets;
        let (units, tail) = self.keep(built, &firsts, &imposed, blanks, node);
        self.pending = Some((
            outline,
            Tail {
                objects: tail,
                stream,
            },
        ));
        let packed: Vec<Chunk> = units
            .par_chunks(PARTS_PER_CHUNK)
            .zip(streams)
            .map(|(units, stream)| pack::pack(units, stream, JOB_LEVEL))
            .collect();
        for chunk in &packed {
            self.file.chunk(chunk)?;
        }
        Ok(())
    }

    /// Keeps what the end of the file needs of each part built (its structure and form
    /// entries) and returns the parts' objects with their first numbers, and the window's
    /// blank pages with its page tree node (over the parts' pages and `blanks`).
    fn keep(
        &mut self,
        built: Vec<BuiltPart>,
        firsts: &[u32],
        imposed: &Imposition,
        blanks: Vec<(ObjectId, Object)>,
        node: ObjectId,
    ) -> (Vec<(Serialized, u32)>, Objects) {
        let mut blank_pages = blanks.iter().map(|(id, _)| Object::Reference(*id));
        let mut kids = Vec::new();
        let mut units = Vec::with_capacity(built.len());
        for ((b, &first), &blank) in built.into_iter().zip(firsts).zip(&imposed.blank_before) {
            if blank {
                kids.extend(blank_pages.next());
            }
            let pages = b.pages.iter().map(|&p| pack::renumber(p, first));
            kids.extend(pages.map(Object::Reference));
            self.fields
                .extend(b.field.map(|f| pack::renumber(f, first)));
            self.trees.push(PartTree {
                element: pack::renumber(b.tree.element, first),
                parent_tree: pack::renumber(b.tree.parent_tree, first),
                keys: b.tree.keys,
            });
            units.push((b.objects, first));
        }
        self.page_count += kids.len();
        self.nodes.push(node.0);
        let mut tail = blanks;
        tail.push((node, Object::Dictionary(self.node(kids))));
        (units, tail)
    }

    /// Each part's resource dictionary: its handout's. A part without pages, or of a handout
    /// the job has no model of, is refused (numbered among all the job's parts).
    fn resources_of(&self, parts: &[Part]) -> Result<Vec<ObjectId>, WriteError> {
        let first = self.trees.len() + 1;
        let refuse = |i: usize, why: &str| {
            let part = &parts[i];
            let msg = format!(
                "document {} of the print job (`{}`) {why}",
                first + i,
                part.title
            );
            WriteError::Pdf(msg)
        };
        parts
            .iter()
            .enumerate()
            .map(|(i, p)| match self.resources.get(&p.handout) {
                _ if p.pages.is_empty() => Err(refuse(i, "has no pages")),
                Some(&id) => Ok(id),
                None => Err(refuse(i, "is of a handout none of the job's models is of")),
            })
            .collect()
    }

    /// A window's page tree node, over its pages.
    fn node(&self, kids: Vec<Object>) -> Dictionary {
        let mut node = Dictionary::new();
        node.set("Type", Object::Name(b"Pages".to_vec()));
        node.set("Parent", Object::Reference(self.shared.pages_root));
        node.set("Count", kids.len() as i64);
        node.set("Kids", kids);
        node
    }

    /// Builds every part on all cores.
    fn build(&mut self, parts: &[Part], resources: &[ObjectId], node: ObjectId) -> Vec<BuiltPart> {
        // Each part's number and first parent tree key.
        let mut at = Vec::with_capacity(parts.len());
        for (i, part) in parts.iter().enumerate() {
            at.push((self.trees.len() + i, self.next_key));
            self.next_key += structure::keys_of(part.pages);
        }
        parts
            .par_iter()
            .zip(resources)
            .zip(at)
            .map(|((p, &resources), (index, first_key))| {
                let keyed: Vec<_> = p
                    .pages
                    .iter()
                    .zip(0..)
                    .map(|(page, i)| (page, (p.handout, i)))
                    .collect();
                let contents = self.models.contents(&keyed);
                let cx = part::Context {
                    index,
                    contents: &contents,
                    shared: &self.shared,
                    parent: node,
                    resources,
                    fonts: self.fonts,
                    first_key,
                    lang: (p.lang != self.info.lang).then_some(p.lang),
                };
                part::build(p, &cx)
            })
            .collect()
    }

    /// Numbers a blank page (no content, so nothing to tag) for each part that needs one
    /// before it, the size of the part's first page.
    fn blanks(
        &mut self,
        parts: &[Part],
        imposed: &Imposition,
        node: ObjectId,
    ) -> Vec<(ObjectId, Object)> {
        let mut blanks = Vec::new();
        for (part, _) in parts.iter().zip(&imposed.blank_before).filter(|(_, &b)| b) {
            let Some(first) = part.pages.first() else {
                continue;
            };
            let mut page = Dictionary::new();
            page.set("Type", Object::Name(b"Page".to_vec()));
            page.set("Parent", Object::Reference(node));
            page.set("MediaBox", media_box(first));
            // Required of every page, though a blank one uses none.
            page.set("Resources", Dictionary::new());
            blanks.push(((self.next, 0), Object::Dictionary(page)));
            self.next += 1;
        }
        blanks
    }

    /// Writes the last window's outline entries and blank pages, its last packet followed by
    /// `next`.
    fn write_pending(&mut self, next: Option<u32>) -> Result<(), WriteError> {
        let Some((mut outline, tail)) = self.pending.take() else {
            return Ok(());
        };
        outline.followed_by(next);
        let mut objects = outline.objects;
        objects.extend(tail.objects);
        let units = [(pack::serialize(objects), 0)];
        self.file
            .chunk(&pack::pack(&units, tail.stream, JOB_LEVEL))?;
        Ok(())
    }

    /// Ends the job: the page tree, the outline's root, the form, the structure tree's root
    /// and the metadata, then the cross-reference stream. Returns the writer and the
    /// file's size in bytes.
    pub fn finish(mut self) -> Result<(W, u64), WriteError> {
        self.write_pending(None)?;
        let doc = &mut self.shared.doc;
        doc.max_id = self.next - 1;
        let mut tree = Dictionary::new();
        tree.set("Type", Object::Name(b"Pages".to_vec()));
        tree.set("Count", self.page_count as i64);
        let kids: Vec<Object> = self
            .nodes
            .iter()
            .map(|&n| Object::Reference((n, 0)))
            .collect();
        tree.set("Kids", kids);
        doc.objects
            .insert(self.shared.pages_root, Object::Dictionary(tree));
        if let (Some(first), Some(last)) = (self.first_packet, self.last_packet) {
            let root = outline::root(first, last, self.packets);
            doc.objects
                .insert(self.outline_root, Object::Dictionary(root));
            if let Ok(catalog) = doc.catalog_mut() {
                catalog.set("Outlines", Object::Reference(self.outline_root));
            }
        }
        form::add_acroform(
            doc,
            std::mem::take(&mut self.fields),
            self.shared.form.helv(),
        );
        structure::add_job_root(doc, self.shared.document, &self.trees, &self.info.lang);
        metadata::add(doc, self.info);
        save::compress(doc);
        let stream = doc.max_id + 1;
        let trailer = doc.trailer.clone();
        let objects = std::mem::take(&mut doc.objects);
        self.file.chunk(&pack::pack(
            &[(pack::serialize(objects), 0)],
            stream,
            JOB_LEVEL,
        ))?;
        Ok(self.file.finish(&trailer)?)
    }

    /// What the job keeps in memory for the parts written so far, in bytes: their pages'
    /// numbers, structure and form entries, and cross-reference runs.
    pub fn kept_bytes(&self) -> usize {
        self.nodes.capacity() * 4
            + self.trees.capacity() * std::mem::size_of::<PartTree>()
            + self.fields.capacity() * std::mem::size_of::<ObjectId>()
            + self.file.xref_runs() * 24
    }
}

/// Objects with their numbers.
type Objects = Vec<(ObjectId, Object)>;

/// A window's objects written after the next window is numbered (its outline entries,
/// blank pages and page tree node), and the object stream they go in.
struct Tail {
    objects: Objects,
    stream: u32,
}

/// The window's outline: an entry per packet, under it one per part (its title, at its
/// first page), under that the part's own bookmarks; page numbers as the file has them.
fn outline_nodes(parts: &[Part], built: &[BuiltPart], firsts: &[u32]) -> Vec<OutlineNode> {
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
    packets
}

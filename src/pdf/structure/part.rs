//! The print job's tree: one Part element per document under the job's Document element,
//! each built like a document's own tree ([`add_part`]), and the root over them
//! ([`add_job_root`]).

use lopdf::{Dictionary, Object, ObjectId};

use super::{hook_catalog, parent_tree, root, Kind, Marked, Tree};
use crate::pdf::navigation::Annotation;

/// One document of a print job: its pages with their marked content, and its annotations.
pub struct TaggedPart<'a> {
    pub pages: &'a [(ObjectId, Vec<Marked>)],
    pub annotations: &'a [Annotation],
    /// Its language, when not the job's.
    pub lang: Option<&'a str>,
}

/// What one part's tree hands the job's root: its Part element, and the leaf of the parent
/// tree that holds the part's keys.
pub struct PartTree {
    pub element: ObjectId,
    pub parent_tree: ObjectId,
    /// How many parent tree keys the part uses: one per page and one per annotation.
    pub keys: usize,
}

/// The parent tree keys one part uses: one per page and one per link or field.
pub fn keys_of(pages: &[crate::layout::Page]) -> usize {
    let annotations = pages
        .iter()
        .flat_map(|p| &p.items)
        .filter(|i| {
            matches!(
                i,
                crate::layout::Item::Link { .. } | crate::layout::Item::Field(_)
            )
        })
        .count();
    pages.len() + annotations
}

/// Builds one part of a print job into `doc` (the part's own objects): a Part element under
/// the job's Document element `document`, holding what a document's tree would, and the
/// part's leaf of the parent tree, with keys from `first_key`. The elements' numbers are
/// reserved in `doc`; the returned [`Tree`] makes them when the part is written.
pub fn add_part(
    doc: &mut lopdf::Document,
    part: &TaggedPart,
    document: ObjectId,
    first_key: usize,
) -> (PartTree, Tree) {
    let ids = part.pages.iter().map(|(id, _)| *id).collect();
    let mut tree = Tree::new(Kind::Part, ids, part.lang);
    if !part.pages.is_empty() {
        tree.nodes[0].page = 0;
    }
    tree.outer = Some(document);
    tree.first_key = first_key;
    tree.add_pages(part.pages, part.annotations);
    tree.by_id = Vec::new();
    // Object numbers: the elements in the order they were created, then the leaf.
    tree.first_id = doc.max_id + 1;
    for _ in 0..tree.nodes.len() {
        doc.new_object_id();
    }
    let keys = tree.pages.len() + tree.annotation_parents.len();
    let mut leaf = parent_tree(&tree);
    let last = first_key + keys.saturating_sub(1);
    leaf.set(
        "Limits",
        vec![(first_key as i64).into(), (last as i64).into()],
    );
    let parent_tree = doc.add_object(leaf);
    tree.hook_pages(doc);
    let part_tree = PartTree {
        element: tree.id(0),
        parent_tree,
        keys,
    };
    (part_tree, tree)
}

/// The root of a print job's tree: the Document element (numbered `document`, which the
/// parts' elements point at) over the parts' elements, and a parent tree whose kids are the
/// parts' leaves; hooked into the catalog.
pub fn add_job_root(doc: &mut lopdf::Document, document: ObjectId, parts: &[PartTree], lang: &str) {
    let root_id = doc.new_object_id();
    let mut d = Dictionary::new();
    d.set("S", Object::Name(b"Document".to_vec()));
    d.set("P", Object::Reference(root_id));
    d.set("Lang", Object::string_literal(lang));
    let kids: Vec<Object> = parts.iter().map(|p| Object::Reference(p.element)).collect();
    d.set("K", kids);
    doc.objects.insert(document, Object::Dictionary(d));
    let leaves: Vec<Object> = parts
        .iter()
        .map(|p| Object::Reference(p.parent_tree))
        .collect();
    let mut parent_tree = Dictionary::new();
    parent_tree.set("Kids", leaves);
    let next_key: usize = parts.iter().map(|p| p.keys).sum();
    doc.objects.insert(
        root_id,
        Object::Dictionary(root(document, parent_tree, next_key)),
    );
    hook_catalog(doc, root_id);
}

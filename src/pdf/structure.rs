//! The tagged-PDF structure tree: what each piece of text is (heading, paragraph, list item,
//! table cell, figure) and the order to read it in, for screen readers and reflow.
//!
//! While drawing (`content`), every tagged text run is wrapped in a marked-content sequence
//! with a number (MCID) on its page, and everything else (header, footer, rules, tints) is
//! marked as an artifact. This module then builds the StructTreeRoot from the layout's tags:
//! each tag is a path such as `L > LI > LBody`, so elements nest as the layout says, in the
//! order their content first appears. Links and form fields come from `navigation` and get
//! elements of their own. printpdf can write the marked-content operators but has no
//! structure tree, so the tree is written here with lopdf.
//!
//! A print job has one tree for all its documents: under the Document element, one Part
//! element per document holds what that document's own tree would ([`add_part`],
//! [`add_job_root`]).

use std::collections::HashMap;

use lopdf::{Dictionary, Object, ObjectId};

use super::navigation::Annotation;
use super::object::text_string;
use crate::layout::{Role, Tag};

/// What one marked-content sequence on a page belongs to.
pub struct Marked {
    pub tag: Tag,
    /// Alternative text, for figures.
    pub alt: Option<String>,
}

enum Kid {
    Element(usize),
    Content { page: ObjectId, mcid: i64 },
    Annotation { page: ObjectId, annot: ObjectId },
}

struct Node<'a> {
    role: &'static str,
    parent: Option<usize>,
    kids: Vec<Kid>,
    alt: Option<String>,
    page: Option<ObjectId>,
    lang: Option<&'a str>,
}

impl Node<'_> {
    /// A new element in the layout's structure, on `page`.
    fn new(role: &'static str, parent: usize, page: ObjectId) -> Self {
        Node {
            role,
            parent: Some(parent),
            kids: Vec::new(),
            alt: None,
            page: Some(page),
            lang: None,
        }
    }
}

/// One document of a print job: its pages with their marked content, and its annotations.
pub struct TaggedPart<'a> {
    pub pages: &'a [(ObjectId, Vec<Marked>)],
    pub annotations: &'a [Annotation],
    /// Its language, when not the job's.
    pub lang: Option<&'a str>,
}

/// Where the tree's elements are pointed at from: each page's element per MCID and each
/// annotation's element, for the parent tree.
#[derive(Default)]
struct Parents {
    pages: Vec<ObjectId>,
    content: Vec<Vec<usize>>,
    annotations: Vec<(ObjectId, usize)>,
}

/// Builds the structure tree for `pages` (each page's object id and its marked sequences in
/// MCID order) and `annotations` (links and form fields, each a Link or Form element that
/// points at its annotation), and hooks it into the catalog, pages and annotations.
pub fn add(
    doc: &mut lopdf::Document,
    pages: &[(ObjectId, Vec<Marked>)],
    annotations: &[Annotation],
    lang: &str,
) {
    let mut tree = Tree::new(lang);
    let mut parents = Parents::default();
    tree.add_document(pages, annotations, 0, &mut parents);
    write(doc, &tree, &parents);
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
/// part's leaf of the parent tree, with keys from `first_key`.
pub fn add_part(
    doc: &mut lopdf::Document,
    part: &TaggedPart,
    document: ObjectId,
    first_key: usize,
) -> PartTree {
    let mut tree = Tree {
        nodes: vec![Node {
            role: "Part",
            parent: None,
            kids: Vec::new(),
            alt: None,
            page: part.pages.first().map(|(page, _)| *page),
            lang: part.lang,
        }],
        by_id: HashMap::new(),
    };
    let mut parents = Parents::default();
    tree.add_document(part.pages, part.annotations, 0, &mut parents);
    let ids: Vec<ObjectId> = tree.nodes.iter().map(|_| doc.new_object_id()).collect();
    for (node, &id) in tree.nodes.iter().zip(&ids) {
        let dict = element(node, &ids, document);
        doc.objects.insert(id, Object::Dictionary(dict));
    }
    let keys = parents.pages.len() + parents.annotations.len();
    let mut leaf = parent_tree(&ids, &parents.content, &parents.annotations, first_key);
    let last = first_key + keys.saturating_sub(1);
    leaf.set(
        "Limits",
        vec![(first_key as i64).into(), (last as i64).into()],
    );
    let parent_tree = doc.add_object(leaf);
    hook_pages(doc, &parents.pages, &parents.annotations, first_key);
    PartTree {
        element: ids[0],
        parent_tree,
        keys,
    }
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

/// Writes the elements and the root, and hooks them into the catalog, pages and annotations.
fn write(doc: &mut lopdf::Document, tree: &Tree, parents: &Parents) {
    // Object numbers: the elements in the order they were created, then the root.
    let ids: Vec<ObjectId> = tree.nodes.iter().map(|_| doc.new_object_id()).collect();
    let root_id = doc.new_object_id();
    for (node, &id) in tree.nodes.iter().zip(&ids) {
        let dict = element(node, &ids, root_id);
        doc.objects.insert(id, Object::Dictionary(dict));
    }
    let parent_tree = parent_tree(&ids, &parents.content, &parents.annotations, 0);
    let next_key = parents.pages.len() + parents.annotations.len();
    let root = root(ids[0], parent_tree, next_key);
    doc.objects.insert(root_id, Object::Dictionary(root));
    hook_pages(doc, &parents.pages, &parents.annotations, 0);
    hook_catalog(doc, root_id);
}

/// The elements, in the order they were created; the first is the Document element.
struct Tree<'a> {
    nodes: Vec<Node<'a>>,
    /// Each element of a tag path, by role and number.
    by_id: HashMap<(Role, u32), usize>,
}

impl<'a> Tree<'a> {
    fn new(lang: &'a str) -> Self {
        Tree {
            nodes: vec![Node {
                role: "Document",
                parent: None,
                kids: Vec::new(),
                alt: None,
                page: None,
                lang: Some(lang),
            }],
            by_id: HashMap::new(),
        }
    }

    /// Adds one document's content and annotations under element `root`, and notes where
    /// they are pointed at from in `parents`.
    fn add_document(
        &mut self,
        pages: &[(ObjectId, Vec<Marked>)],
        annotations: &[Annotation],
        root: usize,
        parents: &mut Parents,
    ) {
        parents.content.extend(self.add_content(pages, root));
        parents.pages.extend(pages.iter().map(|(page, _)| *page));
        parents
            .annotations
            .extend(self.add_annotations(annotations, root));
    }

    /// Adds `node` as the last kid of its parent; returns its index.
    fn push(&mut self, node: Node<'a>) -> usize {
        let parent = node.parent.unwrap_or(0);
        self.nodes.push(node);
        let index = self.nodes.len() - 1;
        self.nodes[parent].kids.push(Kid::Element(index));
        index
    }

    /// The element at the end of `tag`'s path below `root`, created (with its ancestors) on
    /// first use.
    fn element(&mut self, tag: &Tag, page: ObjectId, root: usize) -> usize {
        let mut parent = root;
        for &(role, id) in tag.0.iter() {
            parent = match self.by_id.get(&(role, id)) {
                Some(&index) => index,
                None => {
                    let index = self.push(Node::new(role.name(), parent, page));
                    self.by_id.insert((role, id), index);
                    index
                }
            };
        }
        parent
    }

    /// Adds each page's marked content to its element; returns, per page, the element of
    /// each MCID (the page's entry in the parent tree).
    fn add_content(&mut self, pages: &[(ObjectId, Vec<Marked>)], root: usize) -> Vec<Vec<usize>> {
        let mut parents = Vec::with_capacity(pages.len());
        for (page, marked) in pages {
            let mut leaves = Vec::with_capacity(marked.len());
            for (mcid, m) in marked.iter().enumerate() {
                let parent = self.element(&m.tag, *page, root);
                if m.alt.is_some() {
                    self.nodes[parent].alt = m.alt.clone();
                }
                self.nodes[parent].kids.push(Kid::Content {
                    page: *page,
                    mcid: mcid as i64,
                });
                leaves.push(parent);
            }
            parents.push(leaves);
        }
        parents
    }

    /// Adds a Link or Form element for each annotation: a field inside its table cell or
    /// paragraph, a link (in the header or footer, which are artifacts) at the end of
    /// `root`. Returns
    /// each annotation with its element, for the parent tree.
    fn add_annotations(
        &mut self,
        annotations: &[Annotation],
        root: usize,
    ) -> Vec<(ObjectId, usize)> {
        let mut parents = Vec::with_capacity(annotations.len());
        for a in annotations {
            let parent = a
                .tag
                .as_ref()
                .map_or(root, |t| self.element(t, a.page, root));
            let role = if a.is_link { "Link" } else { "Form" };
            let mut node = Node::new(role, parent, a.page);
            node.kids.push(Kid::Annotation {
                page: a.page,
                annot: a.id,
            });
            let index = self.push(node);
            parents.push((a.id, index));
        }
        parents
    }
}

/// The dictionary of one element, whose elements have the object ids `ids`; the element
/// without a parent among them has `outer` for its parent.
fn element(node: &Node, ids: &[ObjectId], outer: ObjectId) -> Dictionary {
    // (`/Type /StructElem` is optional; left out, as there are many elements.)
    let mut d = Dictionary::new();
    d.set("S", Object::Name(node.role.as_bytes().to_vec()));
    d.set(
        "P",
        Object::Reference(node.parent.map_or(outer, |p| ids[p])),
    );
    if let Some(page) = node.page {
        d.set("Pg", Object::Reference(page));
    }
    if let Some(alt) = &node.alt {
        d.set("Alt", text_string(alt));
    }
    if let Some(lang) = node.lang {
        d.set("Lang", Object::string_literal(lang));
    }
    let kids: Vec<Object> = node.kids.iter().map(|k| kid(k, node.page, ids)).collect();
    d.set("K", kids);
    d
}

/// One kid of an element on page `page`.
fn kid(kid: &Kid, page: Option<ObjectId>, ids: &[ObjectId]) -> Object {
    match kid {
        Kid::Element(e) => Object::Reference(ids[*e]),
        // Content on the element's own page is just its number; on another page (a list
        // item continued overleaf) it needs a reference with the page.
        Kid::Content { page: on, mcid } if Some(*on) == page => Object::Integer(*mcid),
        Kid::Content { page: on, mcid } => {
            let mut mcr = Dictionary::new();
            mcr.set("Type", Object::Name(b"MCR".to_vec()));
            mcr.set("Pg", Object::Reference(*on));
            mcr.set("MCID", *mcid);
            Object::Dictionary(mcr)
        }
        Kid::Annotation { page: on, annot } => {
            let mut objr = Dictionary::new();
            objr.set("Type", Object::Name(b"OBJR".to_vec()));
            objr.set("Pg", Object::Reference(*on));
            objr.set("Obj", Object::Reference(*annot));
            Object::Dictionary(objr)
        }
    }
}

/// The parent tree: from each page (key = `first_key` + page index) to the element of each
/// of its MCIDs, then from each annotation (keys after the pages') to its element. The pages
/// and annotations point back through /StructParents and /StructParent.
fn parent_tree(
    ids: &[ObjectId],
    content_parents: &[Vec<usize>],
    annotation_parents: &[(ObjectId, usize)],
    first_key: usize,
) -> Dictionary {
    let mut nums = Vec::new();
    for (p, leaves) in content_parents.iter().enumerate() {
        nums.push(Object::Integer((first_key + p) as i64));
        nums.push(Object::Array(
            leaves.iter().map(|&l| Object::Reference(ids[l])).collect(),
        ));
    }
    for (key, (_, node)) in annotation_parents.iter().enumerate() {
        nums.push(Object::Integer(
            (first_key + content_parents.len() + key) as i64,
        ));
        nums.push(Object::Reference(ids[*node]));
    }
    let mut tree = Dictionary::new();
    tree.set("Nums", nums);
    tree
}

fn root(document: ObjectId, parent_tree: Dictionary, next_key: usize) -> Dictionary {
    let mut root = Dictionary::new();
    root.set("Type", Object::Name(b"StructTreeRoot".to_vec()));
    root.set("K", Object::Reference(document));
    root.set("ParentTree", parent_tree);
    root.set("ParentTreeNextKey", next_key as i64);
    root
}

/// Points the pages and annotations at their parent tree entries (keys from `first_key`).
fn hook_pages(
    doc: &mut lopdf::Document,
    pages: &[ObjectId],
    annotation_parents: &[(ObjectId, usize)],
    first_key: usize,
) {
    for (key, (annot, _)) in annotation_parents.iter().enumerate() {
        if let Ok(dict) = doc.get_object_mut(*annot).and_then(Object::as_dict_mut) {
            dict.set("StructParent", (first_key + pages.len() + key) as i64);
        }
    }
    for (p, page) in pages.iter().enumerate() {
        if let Ok(dict) = doc.get_object_mut(*page).and_then(Object::as_dict_mut) {
            dict.set("StructParents", (first_key + p) as i64);
            // Tab order follows the structure (PDF/UA).
            dict.set("Tabs", Object::Name(b"S".to_vec()));
        }
    }
}

/// Points the catalog at the tree.
fn hook_catalog(doc: &mut lopdf::Document, root_id: ObjectId) {
    let mut mark_info = Dictionary::new();
    mark_info.set("Marked", true);
    if let Ok(catalog) = doc.catalog_mut() {
        catalog.set("StructTreeRoot", Object::Reference(root_id));
        catalog.set("MarkInfo", mark_info);
    }
}

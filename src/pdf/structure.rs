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

struct Node {
    role: &'static str,
    parent: Option<usize>,
    kids: Vec<Kid>,
    alt: Option<String>,
    page: Option<ObjectId>,
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
    let mut tree = Tree::new();
    let content_parents = tree.add_content(pages);
    let annotation_parents = tree.add_annotations(annotations);
    // Object numbers: the elements in the order they were created, then the root.
    let ids: Vec<ObjectId> = tree.nodes.iter().map(|_| doc.new_object_id()).collect();
    let root_id = doc.new_object_id();
    for (i, node) in tree.nodes.iter().enumerate() {
        let dict = element(node, &ids, root_id, (i == 0).then_some(lang));
        doc.objects.insert(ids[i], Object::Dictionary(dict));
    }
    let parent_tree = parent_tree(&ids, &content_parents, &annotation_parents);
    let next_key = pages.len() + annotation_parents.len();
    let root = root(ids[0], parent_tree, next_key);
    doc.objects.insert(root_id, Object::Dictionary(root));
    hook(doc, pages, &annotation_parents, root_id);
}

/// The elements, in the order they were created; the first is the Document element.
struct Tree {
    nodes: Vec<Node>,
    /// Each element of a tag path, by role and number.
    by_id: HashMap<(Role, u32), usize>,
}

impl Tree {
    fn new() -> Self {
        Tree {
            nodes: vec![Node {
                role: "Document",
                parent: None,
                kids: Vec::new(),
                alt: None,
                page: None,
            }],
            by_id: HashMap::new(),
        }
    }

    /// Adds `node` as the last kid of its parent; returns its index.
    fn push(&mut self, node: Node) -> usize {
        let parent = node.parent.unwrap_or(0);
        self.nodes.push(node);
        let index = self.nodes.len() - 1;
        self.nodes[parent].kids.push(Kid::Element(index));
        index
    }

    /// The element at the end of `tag`'s path, created (with its ancestors) on first use.
    fn element(&mut self, tag: &Tag, page: ObjectId) -> usize {
        let mut parent = 0;
        for &(role, id) in tag.0.iter() {
            parent = match self.by_id.get(&(role, id)) {
                Some(&index) => index,
                None => {
                    let index = self.push(Node {
                        role: role.name(),
                        parent: Some(parent),
                        kids: Vec::new(),
                        alt: None,
                        page: Some(page),
                    });
                    self.by_id.insert((role, id), index);
                    index
                }
            };
        }
        parent
    }

    /// Adds each page's marked content to its element; returns, per page, the element of
    /// each MCID (the page's entry in the parent tree).
    fn add_content(&mut self, pages: &[(ObjectId, Vec<Marked>)]) -> Vec<Vec<usize>> {
        let mut parents = Vec::with_capacity(pages.len());
        for (page, marked) in pages {
            let mut leaves = Vec::with_capacity(marked.len());
            for (mcid, m) in marked.iter().enumerate() {
                let parent = self.element(&m.tag, *page);
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
    /// paragraph, a link (in the header or footer, which are artifacts) at the end. Returns
    /// each annotation with its element, for the parent tree.
    fn add_annotations(&mut self, annotations: &[Annotation]) -> Vec<(ObjectId, usize)> {
        let mut parents = Vec::with_capacity(annotations.len());
        for a in annotations {
            let parent = a.tag.as_ref().map_or(0, |t| self.element(t, a.page));
            let index = self.push(Node {
                role: if a.is_link { "Link" } else { "Form" },
                parent: Some(parent),
                kids: vec![Kid::Annotation {
                    page: a.page,
                    annot: a.id,
                }],
                alt: None,
                page: Some(a.page),
            });
            parents.push((a.id, index));
        }
        parents
    }
}

/// The dictionary of one element, whose elements have the object ids `ids`. `lang` is given
/// for the Document element only.
fn element(node: &Node, ids: &[ObjectId], root_id: ObjectId, lang: Option<&str>) -> Dictionary {
    // (`/Type /StructElem` is optional; left out, as there are many elements.)
    let mut d = Dictionary::new();
    d.set("S", Object::Name(node.role.as_bytes().to_vec()));
    d.set(
        "P",
        Object::Reference(node.parent.map_or(root_id, |p| ids[p])),
    );
    if let Some(page) = node.page {
        d.set("Pg", Object::Reference(page));
    }
    if let Some(alt) = &node.alt {
        d.set("Alt", text_string(alt));
    }
    if let Some(lang) = lang {
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

/// The parent tree: from each page (key = page index) to the element of each of its MCIDs,
/// then from each annotation (keys after the pages') to its element. The pages and
/// annotations point back through /StructParents and /StructParent.
fn parent_tree(
    ids: &[ObjectId],
    content_parents: &[Vec<usize>],
    annotation_parents: &[(ObjectId, usize)],
) -> Dictionary {
    let mut nums = Vec::new();
    for (p, leaves) in content_parents.iter().enumerate() {
        nums.push(Object::Integer(p as i64));
        nums.push(Object::Array(
            leaves.iter().map(|&l| Object::Reference(ids[l])).collect(),
        ));
    }
    for (key, (_, node)) in annotation_parents.iter().enumerate() {
        nums.push(Object::Integer((content_parents.len() + key) as i64));
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

/// Points the pages and annotations at their parent tree entries, and the catalog at the
/// tree.
fn hook(
    doc: &mut lopdf::Document,
    pages: &[(ObjectId, Vec<Marked>)],
    annotation_parents: &[(ObjectId, usize)],
    root_id: ObjectId,
) {
    for (key, (annot, _)) in annotation_parents.iter().enumerate() {
        if let Ok(dict) = doc.get_object_mut(*annot).and_then(Object::as_dict_mut) {
            dict.set("StructParent", (pages.len() + key) as i64);
        }
    }
    for (p, (page, _)) in pages.iter().enumerate() {
        if let Ok(dict) = doc.get_object_mut(*page).and_then(Object::as_dict_mut) {
            dict.set("StructParents", p as i64);
            // Tab order follows the structure (PDF/UA).
            dict.set("Tabs", Object::Name(b"S".to_vec()));
        }
    }
    let mut mark_info = Dictionary::new();
    mark_info.set("Marked", true);
    if let Ok(catalog) = doc.catalog_mut() {
        catalog.set("StructTreeRoot", Object::Reference(root_id));
        catalog.set("MarkInfo", mark_info);
    }
}

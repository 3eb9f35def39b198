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
//! A long handout has three or four elements per list item, and an element as a lopdf
//! dictionary takes about a kilobyte. So the tree is kept in a compact form of its own (a
//! few dozen bytes an element), and each element's dictionary is made only when the
//! document is written (see `writer`), then dropped.

use std::ops::Range;

use lopdf::{Dictionary, Object, ObjectId};

use super::navigation::Annotation;
use super::object::text_string;
use super::writer::Deferred;
use crate::layout::{Role, Tag};

/// What one marked-content sequence on a page belongs to.
pub struct Marked {
    pub tag: Tag,
    /// Alternative text, for figures.
    pub alt: Option<String>,
}

/// What an element is: the document, a role from the layout's tags, or the element of a link
/// or form field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Document,
    Tagged(Role),
    Link,
    Form,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Document => "Document",
            Kind::Tagged(role) => role.name(),
            Kind::Link => "Link",
            Kind::Form => "Form",
        }
    }
}

/// A kid of an element. Pages are by index, elements by their place in the tree.
#[derive(Debug, Clone, Copy)]
enum Kid {
    Element(u32),
    Content { page: u32, mcid: u32 },
    Annotation { page: u32, annot: ObjectId },
}

/// No element, kid or page.
const NONE: u32 = u32::MAX;

/// One element, a few bytes: a long handout has several per list item. Its kids are a list
/// threaded through [`Tree::kids`], so an element needs no allocation of its own.
struct Node {
    kind: Kind,
    /// The parent element; `NONE` for the document, whose parent is the root.
    parent: u32,
    /// The page its content starts on; `NONE` for the document.
    page: u32,
    first_kid: u32,
    last_kid: u32,
    alt: Option<Box<str>>,
}

/// The structure tree, built from the layout's tags, written by [`Deferred::make`] one
/// element at a time: their object numbers are reserved in the document, and the
/// dictionaries (about a kilobyte each in lopdf's form) never exist all at once.
pub struct Tree {
    nodes: Vec<Node>,
    /// Every element's kids: (kid, the next kid of the same element).
    kids: Vec<(Kid, u32)>,
    /// The element of each tag number (`Tag` numbers are handed out densely from 1).
    by_id: Vec<u32>,
    /// The page objects, in order.
    pages: Vec<ObjectId>,
    /// For each page, the element of each of its MCIDs; then each annotation's element.
    content_parents: Vec<Vec<u32>>,
    annotation_parents: Vec<(ObjectId, u32)>,
    /// The object number of the first element; the root's follows the last element's.
    first_id: u32,
    lang: String,
}

/// Builds the structure tree for `pages` (each page's object id and its marked sequences in
/// MCID order) and `annotations` (links and form fields, each a Link or Form element that
/// points at its annotation), reserves its object numbers, and hooks it into the catalog,
/// pages and annotations. The elements themselves are written with the document.
pub fn add(
    doc: &mut lopdf::Document,
    pages: &[(ObjectId, Vec<Marked>)],
    annotations: &[Annotation],
    lang: &str,
) -> Tree {
    let mut tree = Tree::new(pages.iter().map(|(id, _)| *id).collect(), lang);
    tree.add_content(pages);
    tree.add_annotations(annotations);
    tree.by_id = Vec::new();
    // Object numbers: the elements in the order they were created, then the root.
    tree.first_id = doc.max_id + 1;
    for _ in 0..=tree.nodes.len() {
        doc.new_object_id();
    }
    hook(doc, pages, &tree.annotation_parents, tree.root_id());
    tree
}

impl Tree {
    fn new(pages: Vec<ObjectId>, lang: &str) -> Self {
        Tree {
            nodes: vec![Node {
                kind: Kind::Document,
                parent: NONE,
                page: NONE,
                first_kid: NONE,
                last_kid: NONE,
                alt: None,
            }],
            kids: Vec::new(),
            by_id: Vec::new(),
            pages,
            content_parents: Vec::new(),
            annotation_parents: Vec::new(),
            first_id: 0,
            lang: lang.to_string(),
        }
    }

    fn root_id(&self) -> ObjectId {
        (self.first_id + self.nodes.len() as u32, 0)
    }

    fn id(&self, node: u32) -> ObjectId {
        (self.first_id + node, 0)
    }

    /// Adds `kid` as the last kid of `node`.
    fn add_kid(&mut self, node: u32, kid: Kid) {
        let index = self.kids.len() as u32;
        self.kids.push((kid, NONE));
        let n = &mut self.nodes[node as usize];
        match n.last_kid {
            NONE => n.first_kid = index,
            last => self.kids[last as usize].1 = index,
        }
        n.last_kid = index;
    }

    /// Adds an element as the last kid of `parent`; returns its index.
    fn push(&mut self, kind: Kind, parent: u32, page: u32) -> u32 {
        let index = self.nodes.len() as u32;
        self.nodes.push(Node {
            kind,
            parent,
            page,
            first_kid: NONE,
            last_kid: NONE,
            alt: None,
        });
        self.add_kid(parent, Kid::Element(index));
        index
    }

    /// The element at the end of `tag`'s path, created (with its ancestors) on first use.
    fn element(&mut self, tag: &Tag, page: u32) -> u32 {
        let mut parent = 0;
        for &(role, id) in tag.0.iter() {
            let slot = id as usize;
            if slot >= self.by_id.len() {
                self.by_id.resize(slot + 1, NONE);
            }
            parent = match self.by_id[slot] {
                NONE => {
                    let index = self.push(Kind::Tagged(role), parent, page);
                    self.by_id[slot] = index;
                    index
                }
                index => index,
            };
        }
        parent
    }

    /// Adds each page's marked content to its element, noting the element of each MCID
    /// (the page's entry in the parent tree).
    fn add_content(&mut self, pages: &[(ObjectId, Vec<Marked>)]) {
        for (page, (_, marked)) in pages.iter().enumerate() {
            let page = page as u32;
            let mut leaves = Vec::with_capacity(marked.len());
            for (mcid, m) in marked.iter().enumerate() {
                let parent = self.element(&m.tag, page);
                if let Some(alt) = &m.alt {
                    self.nodes[parent as usize].alt = Some(alt.as_str().into());
                }
                let mcid = mcid as u32;
                self.add_kid(parent, Kid::Content { page, mcid });
                leaves.push(parent);
            }
            self.content_parents.push(leaves);
        }
    }

    /// Adds a Link or Form element for each annotation: a field inside its table cell or
    /// paragraph, a link (in the header or footer, which are artifacts) at the end.
    fn add_annotations(&mut self, annotations: &[Annotation]) {
        let index: std::collections::HashMap<ObjectId, u32> =
            self.pages.iter().zip(0..).map(|(&id, i)| (id, i)).collect();
        for a in annotations {
            let page = index.get(&a.page).copied().unwrap_or(NONE);
            let parent = a.tag.as_ref().map_or(0, |t| self.element(t, page));
            let kind = if a.is_link { Kind::Link } else { Kind::Form };
            let index = self.push(kind, parent, page);
            self.add_kid(index, Kid::Annotation { page, annot: a.id });
            self.annotation_parents.push((a.id, index));
        }
    }

    /// The dictionary of element `index`.
    fn element_dict(&self, index: u32) -> Dictionary {
        let node = &self.nodes[index as usize];
        // (`/Type /StructElem` is optional; left out, as there are many elements.)
        let mut d = Dictionary::new();
        d.set("S", Object::Name(node.kind.name().as_bytes().to_vec()));
        let parent = match node.parent {
            NONE => self.root_id(),
            p => self.id(p),
        };
        d.set("P", Object::Reference(parent));
        let page = self.pages.get(node.page as usize).copied();
        if let Some(page) = page {
            d.set("Pg", Object::Reference(page));
        }
        if let Some(alt) = &node.alt {
            d.set("Alt", text_string(alt));
        }
        if node.kind == Kind::Document {
            d.set("Lang", Object::string_literal(self.lang.as_str()));
        }
        let mut kids = Vec::new();
        let mut next = node.first_kid;
        while let Some(&(kid, after)) = self.kids.get(next as usize) {
            kids.push(self.kid(kid, page));
            next = after;
        }
        d.set("K", kids);
        d
    }

    /// One kid of an element on page `page`.
    fn kid(&self, kid: Kid, page: Option<ObjectId>) -> Object {
        let page_id = |p: u32| self.pages.get(p as usize).copied();
        match kid {
            Kid::Element(e) => Object::Reference(self.id(e)),
            // Content on the element's own page is just its number; on another page (a list
            // item continued overleaf) it needs a reference with the page.
            Kid::Content { page: on, mcid } if page_id(on) == page => {
                Object::Integer(i64::from(mcid))
            }
            Kid::Content { page: on, mcid } => {
                let mut mcr = Dictionary::new();
                mcr.set("Type", Object::Name(b"MCR".to_vec()));
                if let Some(on) = page_id(on) {
                    mcr.set("Pg", Object::Reference(on));
                }
                mcr.set("MCID", i64::from(mcid));
                Object::Dictionary(mcr)
            }
            Kid::Annotation { page: on, annot } => {
                let mut objr = Dictionary::new();
                objr.set("Type", Object::Name(b"OBJR".to_vec()));
                if let Some(on) = page_id(on) {
                    objr.set("Pg", Object::Reference(on));
                }
                objr.set("Obj", Object::Reference(annot));
                Object::Dictionary(objr)
            }
        }
    }

    /// The StructTreeRoot, with the parent tree.
    fn root(&self) -> Dictionary {
        let parent_tree = parent_tree(self);
        let next_key = self.pages.len() + self.annotation_parents.len();
        let mut root = Dictionary::new();
        root.set("Type", Object::Name(b"StructTreeRoot".to_vec()));
        root.set("K", Object::Reference(self.id(0)));
        root.set("ParentTree", parent_tree);
        root.set("ParentTreeNextKey", next_key as i64);
        root
    }
}

impl Deferred for Tree {
    fn ids(&self) -> Range<u32> {
        self.first_id..self.root_id().0 + 1
    }

    fn make(&self, id: u32) -> Object {
        match id.checked_sub(self.first_id) {
            Some(i) if (i as usize) < self.nodes.len() => Object::Dictionary(self.element_dict(i)),
            _ => Object::Dictionary(self.root()),
        }
    }
}

/// The parent tree: from each page (key = page index) to the element of each of its MCIDs,
/// then from each annotation (keys after the pages') to its element. The pages and
/// annotations point back through /StructParents and /StructParent.
fn parent_tree(tree: &Tree) -> Dictionary {
    let mut nums = Vec::new();
    for (p, leaves) in tree.content_parents.iter().enumerate() {
        nums.push(Object::Integer(p as i64));
        nums.push(Object::Array(
            leaves
                .iter()
                .map(|&l| Object::Reference(tree.id(l)))
                .collect(),
        ));
    }
    for (key, (_, node)) in tree.annotation_parents.iter().enumerate() {
        nums.push(Object::Integer((tree.content_parents.len() + key) as i64));
        nums.push(Object::Reference(tree.id(*node)));
    }
    let mut parent_tree = Dictionary::new();
    parent_tree.set("Nums", nums);
    parent_tree
}

/// Points the pages and annotations at their parent tree entries, and the catalog at the
/// tree.
fn hook(
    doc: &mut lopdf::Document,
    pages: &[(ObjectId, Vec<Marked>)],
    annotation_parents: &[(ObjectId, u32)],
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

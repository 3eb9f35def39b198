//! The tagged-PDF structure tree: what each piece of text is (heading, paragraph, list item,
//! table cell, figure) and the order to read it in, for screen readers and reflow.
//!
//! While drawing (`content`), every tagged text run is wrapped in a marked-content sequence
//! with a number (MCID) on its page, and everything else (header, footer, rules, tints) is
//! marked as an artifact. This module then builds the StructTreeRoot from the layout's tags:
//! each tag is a path such as `L > LI > LBody`, so elements nest as the layout says, in the
//! order their content first appears. Links and form fields come from `navigation` and get
//! elements of their own, where they come in the reading order: a field in its cell or
//! paragraph, a header link before the page's content, a footer link after it. printpdf can
//! write the marked-content operators but has no structure tree, so the tree is written here
//! with lopdf.
//!
//! What PDF/UA-1 asks of the elements beyond the layout's tags is in `roles`: heading levels
//! without skips, header cells' scope, lists' numbering, tables' rows of equal length (see
//! `docs/pdf-ua.md`).
//!
//! A long handout has three or four elements per list item, and an element as a lopdf
//! dictionary takes about a kilobyte. So the tree is kept in a compact form of its own (a
//! few dozen bytes an element), and each element's dictionary is made only when the
//! document is written (see `writer`), then dropped.
//!
//! A print job has one tree for all its documents: under the Document element, one Part
//! element per document holds what that document's own tree would ([`add_part`],
//! [`add_job_root`]). Each part's tree is the same compact form, its elements made as the
//! part is written (`job::pack::serialize`).

mod part;
mod roles;

use std::collections::HashMap;
use std::ops::Range;

use lopdf::{Dictionary, Object, ObjectId};

pub use part::{add_job_root, add_part, keys_of, PartTree, TaggedPart};

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

/// What an element is: the document, one document of a print job, a role from the layout's
/// tags, or the element of a link or form field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Document,
    Part,
    Tagged(Role),
    Link,
    Form,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Document => "Document",
            Kind::Part => "Part",
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
    /// The parent element; `NONE` for the top element (the document, whose parent is the
    /// root, or a part, whose parent is the job's Document element).
    parent: u32,
    /// The page its content starts on; `NONE` for the document (and a part without pages).
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
    /// The top element's language: always the document's, a part's when not the job's.
    lang: Option<String>,
    /// The parent of the top element when it is not this tree's root: a part's is the job's
    /// Document element, and a part's tree has no root of its own.
    outer: Option<ObjectId>,
    /// The parent tree key of the first page; the pages' keys, then the annotations', follow.
    first_key: usize,
    /// The level each heading is written at, as they come.
    headings: roles::HeadingLevels,
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
    let ids = pages.iter().map(|(id, _)| *id).collect();
    let mut tree = Tree::new(Kind::Document, ids, Some(lang));
    tree.add_pages(pages, annotations);
    tree.by_id = Vec::new();
    // Object numbers: the elements in the order they were created, then the root.
    tree.first_id = doc.max_id + 1;
    for _ in 0..=tree.nodes.len() {
        doc.new_object_id();
    }
    tree.hook_pages(doc);
    hook_catalog(doc, tree.root_id());
    tree
}

impl Tree {
    /// A tree of one `top` element (the document, or a part) on `pages`.
    fn new(top: Kind, pages: Vec<ObjectId>, lang: Option<&str>) -> Self {
        Tree {
            nodes: vec![Node {
                kind: top,
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
            lang: lang.map(str::to_string),
            outer: None,
            first_key: 0,
            headings: roles::HeadingLevels::default(),
        }
    }

    fn root_id(&self) -> ObjectId {
        (self.first_id + self.nodes.len() as u32, 0)
    }

    /// The parent of the top element: the tree's root, or the job's Document element.
    fn outer(&self) -> ObjectId {
        self.outer.unwrap_or_else(|| self.root_id())
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
                    let role = self.headings.role(role);
                    let index = self.push(Kind::Tagged(role), parent, page);
                    self.by_id[slot] = index;
                    index
                }
                index => index,
            };
        }
        parent
    }

    /// Adds each page's marked content and annotations, in reading order: an annotation
    /// comes after the marked content its page draws before it, so a link in the header
    /// precedes the page's text and one in the footer follows it. Notes the element of each
    /// MCID (the page's entry in the parent tree) and of each annotation. Then evens the
    /// tables' rows (see `roles`).
    fn add_pages(&mut self, pages: &[(ObjectId, Vec<Marked>)], annotations: &[Annotation]) {
        let index: HashMap<ObjectId, usize> =
            self.pages.iter().zip(0..).map(|(&id, i)| (id, i)).collect();
        let mut by_page: Vec<Vec<&Annotation>> = vec![Vec::new(); pages.len()];
        let mut elsewhere = Vec::new();
        for a in annotations {
            match index.get(&a.page).and_then(|&p| by_page.get_mut(p)) {
                Some(on_page) => on_page.push(a),
                None => elsewhere.push(a),
            }
        }
        for (page, ((_, marked), on_page)) in (0..).zip(pages.iter().zip(by_page)) {
            let mut on_page = on_page.into_iter().peekable();
            let mut leaves = Vec::with_capacity(marked.len());
            for (mcid, m) in marked.iter().enumerate() {
                while let Some(a) = on_page.next_if(|a| a.after_marks <= mcid) {
                    self.add_annotation(a, page);
                }
                leaves.push(self.add_marked(m, page, mcid as u32));
            }
            on_page.for_each(|a| self.add_annotation(a, page));
            self.content_parents.push(leaves);
        }
        elsewhere
            .into_iter()
            .for_each(|a| self.add_annotation(a, NONE));
        self.even_table_rows();
    }

    /// Adds marked content `mcid` of `page` to its element; returns the element.
    fn add_marked(&mut self, m: &Marked, page: u32, mcid: u32) -> u32 {
        let parent = self.element(&m.tag, page);
        if let Some(alt) = &m.alt {
            self.nodes[parent as usize].alt = Some(alt.as_str().into());
        }
        self.add_kid(parent, Kid::Content { page, mcid });
        parent
    }

    /// Adds a Link or Form element for an annotation on `page`: a field inside its table
    /// cell or paragraph, a link (in the header or footer, which are artifacts) under the
    /// top element, where it comes in the reading order.
    fn add_annotation(&mut self, a: &Annotation, page: u32) {
        let parent = a.tag.as_ref().map_or(0, |t| self.element(t, page));
        let kind = if a.is_link { Kind::Link } else { Kind::Form };
        let index = self.push(kind, parent, page);
        self.add_kid(index, Kid::Annotation { page, annot: a.id });
        self.annotation_parents.push((a.id, index));
    }

    /// The dictionary of element `index`.
    fn element_dict(&self, index: u32) -> Dictionary {
        let node = &self.nodes[index as usize];
        // (`/Type /StructElem` is optional; left out, as there are many elements.)
        let mut d = Dictionary::new();
        d.set("S", Object::Name(node.kind.name().as_bytes().to_vec()));
        let parent = match node.parent {
            NONE => self.outer(),
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
        if let Some(attributes) = self.attributes(node) {
            d.set("A", attributes);
        }
        if let (0, Some(lang)) = (index, &self.lang) {
            d.set("Lang", Object::string_literal(lang.as_str()));
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
        let next_key = self.pages.len() + self.annotation_parents.len();
        root(self.id(0), parent_tree(self), next_key)
    }

    /// Points the pages and annotations at their parent tree entries (keys from
    /// `first_key`: the pages', then the annotations').
    fn hook_pages(&self, doc: &mut lopdf::Document) {
        let first = self.first_key + self.pages.len();
        for (key, (annot, _)) in self.annotation_parents.iter().enumerate() {
            if let Ok(dict) = doc.get_object_mut(*annot).and_then(Object::as_dict_mut) {
                dict.set("StructParent", (first + key) as i64);
            }
        }
        for (p, page) in self.pages.iter().enumerate() {
            if let Ok(dict) = doc.get_object_mut(*page).and_then(Object::as_dict_mut) {
                dict.set("StructParents", (self.first_key + p) as i64);
                // Tab order follows the structure (PDF/UA).
                dict.set("Tabs", Object::Name(b"S".to_vec()));
            }
        }
    }
}

/// A StructTreeRoot over the `document` element.
fn root(document: ObjectId, parent_tree: Dictionary, next_key: usize) -> Dictionary {
    let mut root = Dictionary::new();
    root.set("Type", Object::Name(b"StructTreeRoot".to_vec()));
    root.set("K", Object::Reference(document));
    root.set("ParentTree", parent_tree);
    root.set("ParentTreeNextKey", next_key as i64);
    root
}

impl Deferred for Tree {
    /// The elements, then the root; a part's tree has no root (its parent tree leaf is an
    /// object of the part's document, numbered where a root would be).
    fn ids(&self) -> Range<u32> {
        let root = u32::from(self.outer.is_none());
        self.first_id..self.root_id().0 + root
    }

    fn make(&self, id: u32) -> Object {
        match id.checked_sub(self.first_id) {
            Some(i) if (i as usize) < self.nodes.len() => Object::Dictionary(self.element_dict(i)),
            _ => Object::Dictionary(self.root()),
        }
    }
}

/// The parent tree: from each page (key = `first_key` + page index) to the element of each
/// of its MCIDs, then from each annotation (keys after the pages') to its element. The pages
/// and annotations point back through /StructParents and /StructParent.
fn parent_tree(tree: &Tree) -> Dictionary {
    let mut nums = Vec::new();
    for (p, leaves) in tree.content_parents.iter().enumerate() {
        nums.push(Object::Integer((tree.first_key + p) as i64));
        nums.push(Object::Array(
            leaves
                .iter()
                .map(|&l| Object::Reference(tree.id(l)))
                .collect(),
        ));
    }
    for (key, (_, node)) in tree.annotation_parents.iter().enumerate() {
        let key = tree.first_key + tree.content_parents.len() + key;
        nums.push(Object::Integer(key as i64));
        nums.push(Object::Reference(tree.id(*node)));
    }
    let mut parent_tree = Dictionary::new();
    parent_tree.set("Nums", nums);
    parent_tree
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

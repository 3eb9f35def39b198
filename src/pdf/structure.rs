//! The tagged-PDF structure tree: what each piece of text is (heading, paragraph, list item,
//! table cell, figure) and the order to read it in, for screen readers and reflow.
//!
//! While drawing, every tagged text run is wrapped in a marked-content sequence with a
//! number (MCID) on its page, and everything else (header, footer, rules, tints) is marked
//! as an artifact. This module then builds the StructTreeRoot from the layout's tags: each
//! tag is a path such as `L > LI > LBody`, so elements nest as the layout says, in the order
//! their content first appears. printpdf can write the marked-content operators but has no
//! structure tree, so the tree is written here with lopdf.

use std::collections::HashMap;

use lopdf::{Dictionary, Object, ObjectId};

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
    annotations: &[super::navigation::Annotation],
    lang: &str,
) {
    let mut nodes = vec![Node {
        role: "Document",
        parent: None,
        kids: Vec::new(),
        alt: None,
        page: None,
    }];
    let mut by_id: HashMap<(Role, u32), usize> = HashMap::new();
    let mut parent_tree: Vec<Vec<usize>> = Vec::new();
    // The element at the end of `tag`'s path, created (with its ancestors) on first use.
    let mut element = |nodes: &mut Vec<Node>, tag: &Tag, page: ObjectId| {
        let mut parent = 0;
        for &(role, id) in tag.0.iter() {
            parent = *by_id.entry((role, id)).or_insert_with(|| {
                nodes.push(Node {
                    role: role.name(),
                    parent: Some(parent),
                    kids: Vec::new(),
                    alt: None,
                    page: Some(page),
                });
                let index = nodes.len() - 1;
                nodes[parent].kids.push(Kid::Element(index));
                index
            });
        }
        parent
    };
    for (page, marked) in pages {
        let mut leaves = Vec::new();
        for (mcid, m) in marked.iter().enumerate() {
            let parent = element(&mut nodes, &m.tag, *page);
            if m.alt.is_some() {
                nodes[parent].alt = m.alt.clone();
            }
            nodes[parent].kids.push(Kid::Content {
                page: *page,
                mcid: mcid as i64,
            });
            leaves.push(parent);
        }
        parent_tree.push(leaves);
    }

    // Links and form fields, each pointing at its annotation: a field inside its table
    // cell or paragraph, a link (in the header or footer, which are artifacts) at the end.
    // The annotation points back through its /StructParent key in the parent tree.
    let mut annotation_parents: Vec<(ObjectId, usize)> = Vec::new();
    for a in annotations {
        let parent = a.tag.as_ref().map_or(0, |t| element(&mut nodes, t, a.page));
        nodes.push(Node {
            role: if a.is_link { "Link" } else { "Form" },
            parent: Some(parent),
            kids: vec![Kid::Annotation {
                page: a.page,
                annot: a.id,
            }],
            alt: None,
            page: Some(a.page),
        });
        let index = nodes.len() - 1;
        nodes[parent].kids.push(Kid::Element(index));
        annotation_parents.push((a.id, index));
    }

    let ids: Vec<ObjectId> = nodes.iter().map(|_| doc.new_object_id()).collect();
    let root_id = doc.new_object_id();
    for (i, node) in nodes.iter().enumerate() {
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
            d.set("Alt", super::object::text_string(alt));
        }
        if i == 0 {
            d.set("Lang", Object::string_literal(lang));
        }
        let kids: Vec<Object> = node
            .kids
            .iter()
            .map(|k| match k {
                Kid::Element(e) => Object::Reference(ids[*e]),
                // Content on the element's own page is just its number; on another page
                // (a list item continued overleaf) it needs a reference with the page.
                Kid::Content { page, mcid } if Some(*page) == node.page => Object::Integer(*mcid),
                Kid::Content { page, mcid } => {
                    let mut mcr = Dictionary::new();
                    mcr.set("Type", Object::Name(b"MCR".to_vec()));
                    mcr.set("Pg", Object::Reference(*page));
                    mcr.set("MCID", *mcid);
                    Object::Dictionary(mcr)
                }
                Kid::Annotation { page, annot } => {
                    let mut objr = Dictionary::new();
                    objr.set("Type", Object::Name(b"OBJR".to_vec()));
                    objr.set("Pg", Object::Reference(*page));
                    objr.set("Obj", Object::Reference(*annot));
                    Object::Dictionary(objr)
                }
            })
            .collect();
        d.set("K", kids);
        doc.objects.insert(ids[i], Object::Dictionary(d));
    }

    let mut nums = Vec::new();
    for (p, leaves) in parent_tree.iter().enumerate() {
        nums.push(Object::Integer(p as i64));
        nums.push(Object::Array(
            leaves.iter().map(|&l| Object::Reference(ids[l])).collect(),
        ));
    }
    for (key, (annot, node)) in annotation_parents.iter().enumerate() {
        let key = (pages.len() + key) as i64;
        nums.push(Object::Integer(key));
        nums.push(Object::Reference(ids[*node]));
        if let Ok(dict) = doc.get_object_mut(*annot).and_then(Object::as_dict_mut) {
            dict.set("StructParent", key);
        }
    }
    let mut tree = Dictionary::new();
    tree.set("Nums", nums);
    let mut root = Dictionary::new();
    root.set("Type", Object::Name(b"StructTreeRoot".to_vec()));
    root.set("K", Object::Reference(ids[0]));
    root.set("ParentTree", tree);
    root.set(
        "ParentTreeNextKey",
        (pages.len() + annotation_parents.len()) as i64,
    );
    doc.objects.insert(root_id, Object::Dictionary(root));

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

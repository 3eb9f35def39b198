//! Reading a job back with lopdf: dictionaries, text strings, the outline, the parent tree
//! and the marked content of pages.

use std::collections::{BTreeMap, HashMap};

use lopdf::{Dictionary, Document, Object, ObjectId};

pub fn dict<'a>(doc: &'a Document, object: &'a Object) -> &'a Dictionary {
    let (_, object) = doc.dereference(object).expect("reference resolves");
    object
        .as_dict()
        .or_else(|_| object.as_stream().map(|s| &s.dict))
        .expect("a dictionary")
}

pub fn name_of<'a>(d: &'a Dictionary, key: &[u8]) -> Option<&'a [u8]> {
    d.get(key).and_then(Object::as_name).ok()
}

pub fn text_of(d: &Dictionary, key: &[u8]) -> String {
    d.get(key)
        .ok()
        .and_then(|o| lopdf::decode_text_string(o).ok())
        .unwrap_or_default()
}

pub fn catalog(doc: &Document) -> &Dictionary {
    doc.catalog().expect("catalog")
}

/// The job's pages in order, each's index by object id.
pub fn page_index(doc: &Document) -> HashMap<ObjectId, usize> {
    doc.get_pages()
        .values()
        .enumerate()
        .map(|(i, &id)| (id, i))
        .collect()
}

/// Each outline entry: its depth, title and the index of the page it opens.
pub fn outline(doc: &Document) -> Vec<(usize, String, usize)> {
    let pages = page_index(doc);
    let mut out = Vec::new();
    let root = dict(doc, catalog(doc).get(b"Outlines").expect("an outline"));
    walk_outline(doc, root.get(b"First").ok(), 0, &pages, &mut out);
    out
}

fn walk_outline<'a>(
    doc: &'a Document,
    mut next: Option<&'a Object>,
    depth: usize,
    pages: &HashMap<ObjectId, usize>,
    out: &mut Vec<(usize, String, usize)>,
) {
    while let Some(entry) = next {
        let d = dict(doc, entry);
        let dest = d
            .get(b"Dest")
            .and_then(Object::as_array)
            .expect("a destination");
        let page = pages[&dest[0].as_reference().expect("a page")];
        out.push((depth, text_of(d, b"Title"), page));
        walk_outline(doc, d.get(b"First").ok(), depth + 1, pages, out);
        next = d.get(b"Next").ok();
    }
}

/// The parent tree's entries, by key.
pub fn parent_tree(doc: &Document) -> BTreeMap<i64, Object> {
    let root = dict(doc, catalog(doc).get(b"StructTreeRoot").unwrap());
    let mut entries = BTreeMap::new();
    let mut nodes = vec![root.get(b"ParentTree").unwrap().clone()];
    while let Some(node) = nodes.pop() {
        let d = dict(doc, &node);
        if let Ok(kids) = d.get(b"Kids").and_then(Object::as_array) {
            nodes.extend(kids.iter().cloned());
        }
        if let Ok(nums) = d.get(b"Nums").and_then(Object::as_array) {
            for pair in nums.chunks(2) {
                entries.insert(pair[0].as_i64().unwrap(), pair[1].clone());
            }
        }
    }
    entries
}

/// The MCIDs a page's content marks, in order.
pub fn mcids(doc: &Document, page: ObjectId) -> Vec<i64> {
    let content = doc.get_page_content(page);
    let text = String::from_utf8_lossy(&content);
    text.split("/MCID ")
        .skip(1)
        .map(|rest| {
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            digits.parse().unwrap()
        })
        .collect()
}

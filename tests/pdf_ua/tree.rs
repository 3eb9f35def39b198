//! Reading a PDF's structure tree and content back with lopdf.

use lopdf::{Dictionary, Document, Object, ObjectId};

/// One structure element, as read from the file.
pub struct Element<'a> {
    pub dict: &'a Dictionary,
    pub role: String,
    /// The index of its parent element; none for the top one.
    pub parent: Option<usize>,
}

impl Element<'_> {
    pub fn page(&self) -> Option<ObjectId> {
        self.dict.get(b"Pg").and_then(Object::as_reference).ok()
    }
}

/// Every structure element, depth first: the reading order.
pub fn elements(doc: &Document) -> Vec<Element<'_>> {
    fn walk<'a>(
        doc: &'a Document,
        obj: &'a Object,
        parent: Option<usize>,
        out: &mut Vec<Element<'a>>,
    ) {
        let Ok((_, Object::Dictionary(dict))) = doc.dereference(obj) else {
            return;
        };
        let Ok(role) = dict.get(b"S").and_then(Object::as_name) else {
            return;
        };
        out.push(Element {
            dict,
            role: String::from_utf8_lossy(role).into_owned(),
            parent,
        });
        let me = out.len() - 1;
        for kid in kids(dict) {
            walk(doc, kid, Some(me), out);
        }
    }
    let root = doc.catalog().unwrap().get(b"StructTreeRoot").unwrap();
    let root = doc.dereference(root).unwrap().1.as_dict().unwrap();
    let mut out = Vec::new();
    for kid in kids(root) {
        walk(doc, kid, None, &mut out);
    }
    out
}

/// An element's kids: /K is one kid or an array of them.
pub fn kids(dict: &Dictionary) -> Vec<&Object> {
    match dict.get(b"K") {
        Ok(Object::Array(kids)) => kids.iter().collect(),
        Ok(kid) => vec![kid],
        Err(_) => Vec::new(),
    }
}

/// The elements whose parent is `parent`, with their indices.
pub fn children<'e, 'a>(
    all: &'e [Element<'a>],
    parent: usize,
) -> impl Iterator<Item = (usize, &'e Element<'a>)> {
    all.iter()
        .enumerate()
        .filter(move |(_, e)| e.parent == Some(parent))
}

pub fn name<'a>(dict: &'a Dictionary, key: &[u8]) -> &'a [u8] {
    dict.get(key).and_then(Object::as_name).unwrap_or(b"")
}

/// The page an annotation is on, and whether it sits in the page's top half (the header).
pub fn annotation_place(doc: &Document, link: &Dictionary) -> (ObjectId, bool) {
    let objr = kids(link)
        .into_iter()
        .find_map(|k| k.as_dict().ok().filter(|d| name(d, b"Type") == b"OBJR"))
        .expect("a link element points at its annotation");
    let page = objr.get(b"Pg").unwrap().as_reference().unwrap();
    let annot = doc
        .get_dictionary(objr.get(b"Obj").unwrap().as_reference().unwrap())
        .unwrap();
    let y = |o: &Object| o.as_float().unwrap();
    let rect = annot.get(b"Rect").unwrap().as_array().unwrap();
    let media = doc
        .get_dictionary(page)
        .unwrap()
        .get(b"MediaBox")
        .unwrap()
        .as_array()
        .unwrap();
    (page, y(&rect[1]) + y(&rect[3]) > y(&media[3]))
}

/// The marked-content sequence (tag, MCID) that XObject `name` is drawn in on `page`.
pub fn drawn_in(doc: &Document, page: ObjectId, name: &[u8]) -> Option<(Vec<u8>, Option<i64>)> {
    let content = doc.get_and_decode_page_content(page).unwrap();
    let mut open = Vec::new();
    for op in &content.operations {
        let first = op.operands.first().and_then(|o| o.as_name().ok());
        match op.operator.as_str() {
            "BDC" | "BMC" => {
                let props = op.operands.get(1).and_then(|p| p.as_dict().ok());
                let mcid = props.and_then(|d| d.get(b"MCID").and_then(Object::as_i64).ok());
                open.push((first.unwrap_or(b"").to_vec(), mcid));
            }
            "EMC" => {
                open.pop();
            }
            "Do" if first == Some(name) => return open.last().cloned(),
            _ => {}
        }
    }
    panic!("{} is not drawn", String::from_utf8_lossy(name));
}

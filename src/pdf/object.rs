//! Small lopdf values that several parts of the document write: text strings (the info
//! dictionary, outline titles, field names, alternative text) and rectangles in PDF space
//! (link and field annotations). Building dictionaries is left to each module.

use lopdf::{Object, StringFormat};

use crate::layout::Rect;

/// A PDF text string: readable by any reader whatever the characters.
pub fn text_string(s: &str) -> Object {
    // Printable ASCII is the same in PDFDocEncoding: a plain literal string, half the bytes
    // of UTF-16 and much cheaper to write than hex.
    if s.bytes().all(|b| (0x20..0x7F).contains(&b)) {
        return Object::String(s.as_bytes().to_vec(), StringFormat::Literal);
    }
    // Anything else: UTF-16BE with a byte-order mark, so any character survives.
    let mut bytes = vec![0xFE, 0xFF];
    for unit in s.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// `[x0 y0 x1 y1]` in PDF space (origin bottom-left) for a rectangle in layout space (origin
/// top-left) on a page `page_h` points tall.
pub fn rect(r: &Rect, page_h: f32) -> Object {
    Object::Array(
        [r.x, page_h - r.bottom(), r.right(), page_h - r.y]
            .iter()
            .map(|v| Object::Real(*v))
            .collect(),
    )
}

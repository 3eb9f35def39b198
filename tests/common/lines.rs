//! A page's text line by line, read back in pure Rust through the fonts' ToUnicode maps.
//!
//! lopdf's `extract_text` ends every text object with a line break, so a word drawn in two
//! fonts ("Nguy" in the brand's, "ễ" in the fallback's, "n" in the brand's) comes back in
//! pieces. Here consecutive text objects on the same baseline are one line, joined without a
//! separator: the spaces between words are glyphs in the runs themselves. Two items side by
//! side on one baseline (a label and its value) are joined too, so check with `contains`.
//!
//! Text inside a `/Span <</ActualText …>> BDC … EMC` (a right-to-left run, or one whose
//! glyphs cannot give back its text one by one) reads as its ActualText, as PDF readers do.

use lopdf::content::Content;
use lopdf::{Document, Encoding, Object};
use std::collections::BTreeMap;

/// The text lines of page `number` (from 1), in drawing order.
pub fn page_lines(doc: &Document, number: u32) -> Vec<String> {
    let pages = doc.get_pages();
    let page = pages[&number];
    let fonts = doc.get_page_fonts(page).expect("page fonts");
    let encodings: BTreeMap<Vec<u8>, Encoding> = fonts
        .into_iter()
        .map(|(name, font)| (name, font.get_font_encoding(doc).expect("font encoding")))
        .collect();
    let content = Content::decode(&doc.get_page_content(page)).expect("content decodes");
    let mut lines: Vec<String> = Vec::new();
    let (mut font, mut baseline, mut last_baseline) = (None, 0.0, None);
    // The ActualText of the span being read, until its first text is shown.
    let mut actual: Option<Option<String>> = None;
    for op in &content.operations {
        match op.operator.as_str() {
            "BT" => baseline = 0.0,
            "Tf" => font = op.operands.first().and_then(|o| o.as_name().ok()),
            "Td" => baseline += op.operands.get(1).map_or(0.0, number_of),
            "BDC" => {
                if let Some(text) = actual_text(&op.operands) {
                    actual = Some(Some(text));
                }
            }
            "EMC" => actual = None,
            "Tj" | "TJ" => {
                let encoding = &encodings[font.expect("a font is set before text")];
                let text = match &mut actual {
                    Some(text) => text.take().unwrap_or_default(),
                    None => shown(encoding, &op.operands),
                };
                let same_line = last_baseline.is_some_and(|b: f32| (b - baseline).abs() < 0.01);
                match lines.last_mut() {
                    Some(line) if same_line => line.push_str(&text),
                    _ => lines.push(text),
                }
                last_baseline = Some(baseline);
            }
            _ => {}
        }
    }
    lines
}

/// The text of every page, each page's lines one a line.
pub fn document_lines(doc: &Document) -> String {
    let numbers: Vec<u32> = doc.get_pages().keys().copied().collect();
    numbers
        .iter()
        .flat_map(|&n| page_lines(doc, n))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The ActualText of a `BDC`'s properties, if it has one (UTF-16BE with a byte order mark).
fn actual_text(operands: &[Object]) -> Option<String> {
    let dict = operands.get(1)?.as_dict().ok()?;
    let bytes = dict.get(b"ActualText").ok()?.as_str().ok()?;
    let units: Vec<u16> = bytes
        .strip_prefix(&[0xFE, 0xFF])?
        .chunks(2)
        .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
        .collect();
    String::from_utf16(&units).ok()
}

fn number_of(o: &Object) -> f32 {
    match o {
        Object::Integer(i) => *i as f32,
        Object::Real(r) => *r,
        _ => 0.0,
    }
}

/// The characters a `Tj` or `TJ` shows (kerning numbers show nothing).
fn shown(encoding: &Encoding, operands: &[Object]) -> String {
    let mut text = String::new();
    for operand in operands {
        match operand {
            Object::String(bytes, _) => {
                text.push_str(&encoding.bytes_to_string(bytes).expect("decodes"))
            }
            Object::Array(items) => text.push_str(&shown(encoding, items)),
            _ => {}
        }
    }
    text
}

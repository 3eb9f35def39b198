//! The PDF writer: pages of positioned boxes in, PDF bytes out. The only module that names
//! printpdf (drawing) and lopdf (document-level fixes printpdf has no option for).
//!
//! printpdf draws and subsets the fonts (with a ToUnicode map, so text can be searched and read
//! aloud). We then fix the document with lopdf: PDF version 1.7 (transparent logos need at
//! least 1.4; printpdf writes 1.3), our own info dictionary without printpdf's empty
//! `GTS_PDFXVersion` (which makes readers report PDF/X), the language, the window title, and
//! a trailer ID derived from the content so identical input gives identical bytes.

mod image;

use lopdf::{Dictionary, Object, StringFormat};
use printpdf::{
    Color as PdfColor, CurTransMat, FontId, Line as PdfLine, LinePoint, Op, PaintMode, ParsedFont,
    PdfDocument, PdfFont, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect as PdfRect, Rgb,
    TextItem, XObjectId, XObjectTransform,
};
use sha2::{Digest, Sha256};

use crate::fonts::{Face, FontPair};
use crate::layout::{ImageRef, Item, Page, TextRun};
use crate::model::Color;

pub use image::PdfImage;

/// Fonts parsed for embedding: done once per run, not once per handout.
pub struct EmbeddedFonts {
    regular: ParsedFont,
    bold: ParsedFont,
}

impl EmbeddedFonts {
    pub fn new(fonts: &FontPair) -> Result<Self, String> {
        let parse = |f: &crate::fonts::FontFile| {
            let mut warnings = Vec::new();
            ParsedFont::from_bytes(&f.bytes, 0, &mut warnings)
                .ok_or_else(|| format!("cannot embed font `{}`", f.path.display()))
        };
        Ok(EmbeddedFonts {
            regular: parse(&fonts.regular)?,
            bold: parse(&fonts.bold)?,
        })
    }
}

/// What the document says about itself (shown by readers, used by screen readers).
#[derive(Debug, Clone)]
pub struct DocInfo {
    pub title: String,
    pub author: String,
    pub subject: String,
    pub lang: String,
}

/// Resource names of the two faces in one document.
struct FontIds {
    regular: FontId,
    bold: FontId,
}

impl FontIds {
    /// printpdf takes a subset font's `XXXXXX+` tag (ISO 32000-1, 9.6.4) from the first six
    /// characters of its resource name, and readers only recognise six capital letters. So
    /// each face is named by a tag derived from the characters it draws: the same text gives
    /// the same name, a different subset a different one.
    fn for_pages(pages: &[Page]) -> Self {
        let mut used: [Vec<char>; 2] = [Vec::new(), Vec::new()];
        for page in pages {
            for item in &page.items {
                if let Item::Text(run) = item {
                    used[run.face as usize].extend(run.text.chars());
                }
            }
        }
        let tag = |chars: &mut Vec<char>, salt: &str| {
            chars.sort_unstable();
            chars.dedup();
            let mut h = Sha256::new();
            h.update(salt.as_bytes());
            for c in chars.iter() {
                h.update(u32::from(*c).to_le_bytes());
            }
            let digest = h.finalize();
            FontId(
                digest[..6]
                    .iter()
                    .map(|b| char::from(b'A' + b % 26))
                    .collect(),
            )
        };
        let [mut regular, mut bold] = used;
        FontIds {
            regular: tag(&mut regular, "regular"),
            bold: tag(&mut bold, "bold"),
        }
    }

    fn get(&self, face: Face) -> &FontId {
        match face {
            Face::Regular => &self.regular,
            Face::Bold => &self.bold,
        }
    }
}

fn image_id(image: ImageRef) -> XObjectId {
    XObjectId(match image {
        ImageRef::Logo => "Logo".into(),
        ImageRef::Block(i) => format!("Im{i}"),
    })
}

fn rgb(c: Color) -> PdfColor {
    let [r, g, b] = c.unit();
    PdfColor::Rgb(Rgb::new(r, g, b, None))
}

/// Writes the pages as a PDF document. `images` maps each image the pages use to its
/// encoded form.
pub fn write(
    pages: &[Page],
    images: &[(ImageRef, &PdfImage)],
    fonts: &EmbeddedFonts,
    info: &DocInfo,
) -> Result<Vec<u8>, String> {
    let mut doc = PdfDocument::new(&info.title);
    // Our own resource names (F1, F2, Logo, Im3) instead of printpdf's counter-based ones,
    // so a handout's bytes do not depend on what else the process built before it.
    let ids = FontIds::for_pages(pages);
    let fonts_map = &mut doc.resources.fonts.map;
    fonts_map.insert(ids.regular.clone(), PdfFont::new(fonts.regular.clone()));
    fonts_map.insert(ids.bold.clone(), PdfFont::new(fonts.bold.clone()));
    doc.pages = pages.iter().map(|p| page_ops(p, &ids)).collect();

    let opts = PdfSaveOptions {
        optimize: true,
        subset_fonts: true,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = doc.to_lopdf_document(&opts, &mut warnings);
    add_images(&mut lo, images)?;
    finish_document(&mut lo, info);
    compress(&mut lo);
    save_with_content_id(&mut lo)
}

fn page_ops(page: &Page, ids: &FontIds) -> PdfPage {
    let h = page.height;
    let mut ops = Vec::with_capacity(page.items.len() * 4);
    for item in &page.items {
        match item {
            Item::Text(run) => text_ops(run, ids.get(run.face), h, &mut ops),
            Item::Fill { rect, color } => {
                ops.push(Op::SetFillColor { col: rgb(*color) });
                ops.push(Op::DrawRectangle {
                    rectangle: pdf_rect(rect.x, h - rect.bottom(), rect.w, rect.h, PaintMode::Fill),
                });
            }
            Item::Stroke { rect, color, width } => {
                ops.push(Op::SetOutlineColor { col: rgb(*color) });
                ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                ops.push(Op::DrawRectangle {
                    rectangle: pdf_rect(
                        rect.x,
                        h - rect.bottom(),
                        rect.w,
                        rect.h,
                        PaintMode::Stroke,
                    ),
                });
            }
            Item::Line {
                from,
                to,
                color,
                width,
            } => {
                ops.push(Op::SetOutlineColor { col: rgb(*color) });
                ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                let point = |(x, y): (f32, f32)| LinePoint {
                    p: Point {
                        x: Pt(x),
                        y: Pt(h - y),
                    },
                    bezier: false,
                };
                ops.push(Op::DrawLine {
                    line: PdfLine {
                        points: vec![point(*from), point(*to)],
                        is_closed: false,
                    },
                });
            }
            Item::Image { image, rect } => {
                // The image space is the unit square; one matrix scales and places it.
                ops.push(Op::SaveGraphicsState);
                ops.push(Op::SetTransformationMatrix {
                    matrix: CurTransMat::Raw([rect.w, 0.0, 0.0, rect.h, rect.x, h - rect.bottom()]),
                });
                ops.push(Op::UseXobject {
                    id: image_id(*image),
                    transform: XObjectTransform {
                        no_auto_scale: true,
                        ..XObjectTransform::default()
                    },
                });
                ops.push(Op::RestoreGraphicsState);
            }
        }
    }
    let mut p = PdfPage::new(printpdf::Mm(0.0), printpdf::Mm(0.0), ops);
    // Page boxes in points, so Letter is exactly 612 × 792 (Mm would round).
    let media = PdfRect {
        x: Pt(0.0),
        y: Pt(0.0),
        width: Pt(page.width),
        height: Pt(h),
        mode: None,
        winding_order: None,
    };
    p.media_box = media.clone();
    p.trim_box = media.clone();
    p.crop_box = media;
    p
}

fn pdf_rect(x: f32, y: f32, w: f32, h: f32, mode: PaintMode) -> PdfRect {
    PdfRect {
        x: Pt(x),
        y: Pt(y),
        width: Pt(w),
        height: Pt(h),
        mode: Some(mode),
        winding_order: None,
    }
}

/// A text run as one BT…ET with a TJ array carrying the measured kerning.
fn text_ops(run: &TextRun, font: &FontId, page_h: f32, ops: &mut Vec<Op>) {
    let mut items = Vec::with_capacity(run.kerns.len() * 2 + 1);
    let mut start = 0;
    for &(at, kern) in &run.kerns {
        if at > start {
            items.push(TextItem::Text(run.text[start..at].to_string()));
        }
        // TJ numbers move the next glyph left by n/1000 em: the negative of a GPOS adjustment.
        items.push(TextItem::Offset(-f32::from(kern)));
        start = at;
    }
    if start < run.text.len() {
        items.push(TextItem::Text(run.text[start..].to_string()));
    }
    ops.push(Op::StartTextSection);
    ops.push(Op::SetFont {
        font: PdfFontHandle::External(font.clone()),
        size: Pt(run.size),
    });
    ops.push(Op::SetFillColor {
        col: rgb(run.color),
    });
    ops.push(Op::SetTextCursor {
        pos: Point {
            x: Pt(run.x),
            y: Pt(page_h - run.baseline),
        },
    });
    ops.push(Op::ShowText { items });
    ops.push(Op::EndTextSection);
}

/// Adds our pre-encoded images and names them in the XObject dictionary that printpdf shares
/// between all pages (it knows the names only from `Do` operators).
fn add_images(doc: &mut lopdf::Document, images: &[(ImageRef, &PdfImage)]) -> Result<(), String> {
    let first_page = doc
        .get_pages()
        .values()
        .next()
        .copied()
        .ok_or("document has no pages")?;
    let resources = doc
        .get_dictionary(first_page)
        .and_then(|p| p.get(b"Resources"))
        .and_then(Object::as_reference)
        .map_err(|e| format!("page resources: {e}"))?;
    let xobjects = doc
        .get_dictionary(resources)
        .and_then(|r| r.get(b"XObject"))
        .and_then(Object::as_reference)
        .map_err(|e| format!("page XObjects: {e}"))?;
    let ids: Vec<(XObjectId, lopdf::ObjectId)> = images
        .iter()
        .map(|(r, img)| (image_id(*r), img.insert(doc)))
        .collect();
    let dict = doc
        .get_object_mut(xobjects)
        .and_then(Object::as_dict_mut)
        .map_err(|e| format!("page XObjects: {e}"))?;
    for (name, id) in ids {
        dict.set(name.0.as_bytes(), Object::Reference(id));
    }
    Ok(())
}

/// Deflates every stream not compressed yet, at zlib's default level: lopdf's own pass uses
/// the slowest level, which costs several times the time for a few bytes.
fn compress(doc: &mut lopdf::Document) {
    use std::io::Write;
    for object in doc.objects.values_mut() {
        if let Object::Stream(stream) = object {
            if !stream.allows_compression || stream.dict.has(b"Filter") {
                continue;
            }
            let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
            if z.write_all(&stream.content).is_err() {
                continue;
            }
            if let Ok(packed) = z.finish() {
                if packed.len() + 19 < stream.content.len() {
                    stream
                        .dict
                        .set("Filter", Object::Name(b"FlateDecode".to_vec()));
                    stream.set_content(packed);
                }
            }
        }
    }
}

fn text_string(s: &str) -> Object {
    // PDF text strings: UTF-16BE with a byte-order mark, so any character survives.
    let mut bytes = vec![0xFE, 0xFF];
    for unit in s.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// Document-level metadata printpdf cannot set.
fn finish_document(doc: &mut lopdf::Document, info: &DocInfo) {
    doc.version = "1.7".into();
    let mut dict = Dictionary::new();
    dict.set("Title", text_string(&info.title));
    dict.set("Author", text_string(&info.author));
    dict.set("Subject", text_string(&info.subject));
    dict.set("Creator", text_string("handout"));
    dict.set("Producer", text_string("handout with printpdf"));
    let old_info = doc.trailer.get(b"Info").and_then(Object::as_reference).ok();
    let info_id = doc.add_object(Object::Dictionary(dict));
    if let Some(old) = old_info {
        doc.objects.remove(&old);
    }
    doc.trailer.set("Info", Object::Reference(info_id));

    if let Ok(catalog) = doc.catalog_mut() {
        catalog.set("Lang", Object::string_literal(info.lang.as_str()));
        let mut prefs = Dictionary::new();
        prefs.set("DisplayDocTitle", Object::Boolean(true));
        catalog.set("ViewerPreferences", Object::Dictionary(prefs));
    }
}

/// Saves with a trailer `/ID` that is the hash of the document itself, so the ID is unique
/// per content and stable across runs and machines.
fn save_with_content_id(doc: &mut lopdf::Document) -> Result<Vec<u8>, String> {
    doc.trailer.remove(b"ID");
    let mut first = Vec::new();
    doc.save_to(&mut first)
        .map_err(|e| format!("cannot serialize PDF: {e}"))?;
    let digest = Sha256::digest(&first);
    let id = Object::String(digest[..16].to_vec(), StringFormat::Hexadecimal);
    doc.trailer.set("ID", Object::Array(vec![id.clone(), id]));
    let mut out = Vec::with_capacity(first.len() + 80);
    doc.save_to(&mut out)
        .map_err(|e| format!("cannot serialize PDF: {e}"))?;
    Ok(out)
}

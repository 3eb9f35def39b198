//! The PDF writer: pages of positioned boxes in, PDF bytes out. The only module that names
//! printpdf (drawing) and lopdf (document-level fixes printpdf has no option for).
//!
//! printpdf draws and subsets the fonts (with a ToUnicode map, so text can be searched and read
//! aloud). We then fix the document with lopdf: PDF version 1.7 (transparent logos need at
//! least 1.4; printpdf writes 1.3), our own info dictionary without printpdf's empty
//! `GTS_PDFXVersion` (which makes readers report PDF/X), the language, the window title, and
//! a trailer ID derived from the content so identical input gives identical bytes.

mod font;
mod image;
mod metadata;
mod navigation;
mod object;
mod save;
mod structure;
mod ttf;

use lopdf::Object;
use printpdf::{
    Codepoint, Color as PdfColor, CurTransMat, DictItem, FontId, Line as PdfLine, LinePoint, Op,
    PaintMode, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect as PdfRect,
    Rgb, TextItem, XObjectId, XObjectTransform,
};

use crate::fonts::{Face, FontPair};
use crate::layout::{ImageRef, Item, Page, TextRun};
use crate::model::Color;

pub use font::{EmbeddedFont, FontSubsets};
pub use image::{PdfImage, QrForm};

/// The characters each face draws on `pages`: what a document's font subsets must hold.
pub fn chars_by_face(pages: &[Page]) -> (Vec<char>, Vec<char>) {
    let (mut regular, mut bold) = (Vec::new(), Vec::new());
    for page in pages {
        for item in &page.items {
            if let Item::Text(run) = item {
                let into = match run.face {
                    Face::Regular => &mut regular,
                    Face::Bold => &mut bold,
                };
                into.extend(run.text.chars());
            }
        }
    }
    for v in [&mut regular, &mut bold] {
        v.sort_unstable();
        v.dedup();
    }
    (regular, bold)
}

/// Font subsets holding exactly what `pages` draw.
pub fn subsets_for(fonts: &FontPair, pages: &[Page]) -> Result<FontSubsets, String> {
    let (regular, bold) = chars_by_face(pages);
    FontSubsets::new(fonts, &regular, &bold)
}

/// What the document says about itself (shown by readers, used by screen readers).
#[derive(Debug, Clone)]
pub struct DocInfo {
    pub title: String,
    pub author: String,
    pub subject: String,
    pub lang: String,
    /// Creation and modification date; none rather than the clock.
    pub date: Option<crate::model::Date>,
}

fn image_id(image: ImageRef) -> XObjectId {
    XObjectId(match image {
        ImageRef::Logo => "Logo".into(),
        ImageRef::Block(i) => format!("Im{i}"),
        ImageRef::Qr => "QR".into(),
    })
}

fn rgb(c: Color) -> PdfColor {
    let [r, g, b] = c.unit();
    PdfColor::Rgb(Rgb::new(r, g, b, None))
}

/// Writes the pages as a PDF document. `images` maps each image the pages use to its
/// encoded form; `fonts` must hold every character the pages draw (see [`subsets_for`]).
pub fn write(
    pages: &[Page],
    images: &[(ImageRef, &PdfImage)],
    qr: Option<&QrForm>,
    fonts: &FontSubsets,
    info: &DocInfo,
) -> Result<Vec<u8>, String> {
    let mut doc = PdfDocument::new(&info.title);
    // printpdf draws the pages; fonts and images are ours, named by us (a subset tag, `Logo`,
    // `Im3`) rather than by printpdf's global counter, so a document's bytes never depend on
    // what else the process built before it.
    let mut marked: Vec<Vec<structure::Marked>> = Vec::with_capacity(pages.len());
    doc.pages = pages
        .iter()
        .map(|p| {
            let mut marks = Vec::new();
            let page = page_ops(p, fonts, &mut marks);
            marked.push(marks);
            page
        })
        .collect();

    let opts = PdfSaveOptions {
        optimize: true,
        subset_fonts: true,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = doc.to_lopdf_document(&opts, &mut warnings);
    add_resources(&mut lo, images, fonts, qr)?;
    let annotations = navigation::add(&mut lo, pages);
    let page_ids: Vec<lopdf::ObjectId> = lo.get_pages().values().copied().collect();
    let tagged: Vec<(lopdf::ObjectId, Vec<structure::Marked>)> =
        page_ids.into_iter().zip(marked).collect();
    structure::add(&mut lo, &tagged, &annotations, &info.lang);
    metadata::add(&mut lo, info);
    save::save(lo)
}

/// Marks what follows as structure content number `mcid` (`role` is a hint for readers
/// that look only at the content stream).
fn begin_marked(ops: &mut Vec<Op>, role: &str, mcid: usize) {
    let mut map = std::collections::BTreeMap::new();
    map.insert("MCID".to_string(), DictItem::Int(mcid as i64));
    ops.push(Op::BeginMarkedContentWithProperties {
        tag: role.to_string(),
        properties: DictItem::Dict { map },
    });
}

/// The page's drawing operators. Tagged text and figures become numbered marked content
/// (recorded in `marks`, in MCID order); everything else is marked as an artifact.
fn page_ops(page: &Page, fonts: &FontSubsets, marks: &mut Vec<structure::Marked>) -> PdfPage {
    let h = page.height;
    let mut ops = Vec::with_capacity(page.items.len() * 6);
    // Whether an artifact sequence is open: consecutive decoration shares one.
    let mut in_artifact = false;
    for item in &page.items {
        let content = match item {
            Item::Text(TextRun { tag: Some(tag), .. }) => Some((tag.clone(), None)),
            Item::Image {
                figure: Some((tag, alt)),
                ..
            } => Some((tag.clone(), Some(alt.clone()))),
            // Not drawn: they become the outline, link annotations and form fields.
            Item::Anchor { .. } | Item::Link { .. } | Item::Field(_) => continue,
            _ => None,
        };
        match content {
            Some((tag, alt)) => {
                if in_artifact {
                    ops.push(Op::EndMarkedContent);
                    in_artifact = false;
                }
                let role = tag.0.last().map_or("P", |(r, _)| r.name());
                begin_marked(&mut ops, role, marks.len());
                marks.push(structure::Marked { tag, alt });
            }
            None if !in_artifact => {
                ops.push(Op::BeginMarkedContent {
                    tag: "Artifact".into(),
                });
                in_artifact = true;
            }
            None => {}
        }
        draw(item, fonts, h, &mut ops);
        if !in_artifact {
            ops.push(Op::EndMarkedContent);
        }
    }
    if in_artifact {
        ops.push(Op::EndMarkedContent);
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

/// The drawing operators of one item on a page `h` points tall (PDF's y grows upward).
fn draw(item: &Item, fonts: &FontSubsets, h: f32, ops: &mut Vec<Op>) {
    match item {
        Item::Text(run) => text_ops(run, fonts.get(run.face), h, ops),
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
                rectangle: pdf_rect(rect.x, h - rect.bottom(), rect.w, rect.h, PaintMode::Stroke),
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
        Item::Image { image, rect, .. } => {
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
        Item::Anchor { .. } | Item::Link { .. } | Item::Field(_) => {}
    }
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

/// A text run as one BT…ET: the subset's CIDs, with the measured kerning as TJ offsets.
fn text_ops(run: &TextRun, font: &EmbeddedFont, page_h: f32, ops: &mut Vec<Op>) {
    let mut glyphs: Vec<Codepoint> = Vec::with_capacity(run.text.len());
    let mut kerns = run.kerns.iter().peekable();
    for (at, c) in run.text.char_indices() {
        if let Some(&(_, kern)) = kerns.next_if(|(k_at, _)| *k_at == at) {
            // TJ numbers move the next glyph left by n/1000 em: the negative of a GPOS value.
            if let Some(prev) = glyphs.last_mut() {
                prev.offset = -f32::from(kern);
            }
        }
        glyphs.push(Codepoint::new(font.cid(c), 0.0));
    }
    ops.push(Op::StartTextSection);
    ops.push(Op::SetFont {
        font: PdfFontHandle::External(FontId(font.tag.clone())),
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
    ops.push(Op::ShowText {
        items: vec![TextItem::GlyphIds(glyphs)],
    });
    ops.push(Op::EndTextSection);
}

/// Adds our fonts and images and names them in the Font and XObject dictionaries that
/// printpdf shares between all pages (it knows them only by the names in `Tf` and `Do`).
fn add_resources(
    doc: &mut lopdf::Document,
    images: &[(ImageRef, &PdfImage)],
    fonts: &FontSubsets,
    qr: Option<&QrForm>,
) -> Result<(), String> {
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
    let shared = |doc: &lopdf::Document, key: &[u8]| {
        doc.get_dictionary(resources)
            .and_then(|r| r.get(key))
            .and_then(Object::as_reference)
            .map_err(|e| format!("page resources: {e}"))
    };
    let (font_dict, xobject_dict) = (shared(doc, b"Font")?, shared(doc, b"XObject")?);

    let mut image_ids: Vec<(String, lopdf::ObjectId)> = images
        .iter()
        .map(|(r, img)| (image_id(*r).0, img.insert(doc)))
        .collect();
    if let Some(form) = qr {
        image_ids.push((image_id(ImageRef::Qr).0, form.insert(doc)));
    }
    let font_ids: Vec<(String, lopdf::ObjectId)> = [&fonts.regular, &fonts.bold]
        .into_iter()
        .map(|f| (f.tag.clone(), f.insert(doc)))
        .collect();
    for (dict_id, entries) in [(xobject_dict, image_ids), (font_dict, font_ids)] {
        let dict = doc
            .get_object_mut(dict_id)
            .and_then(Object::as_dict_mut)
            .map_err(|e| format!("page resources: {e}"))?;
        for (name, id) in entries {
            dict.set(name.as_bytes(), Object::Reference(id));
        }
    }
    Ok(())
}

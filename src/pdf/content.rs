//! The pages' content streams: each layout item as drawing operators, drawn by printpdf,
//! which then hands the document over to lopdf for everything else.
//!
//! Tagged text and figures are wrapped in numbered marked-content sequences (what the
//! structure tree points at) and everything else in artifact sequences, so screen readers
//! skip headers, footers, rules and tints. Fonts and images are only named here (a subset
//! tag, `Logo`, `Im3`), not by printpdf's global counter, so a document's bytes never depend
//! on what else the process built before it; their objects are added by `font`, `image` and
//! `qr`. Anchors, links and form fields draw nothing: `navigation` and `form` turn them into
//! the outline and annotations.

use lopdf::{Object, ObjectId, Stream};
use printpdf::{
    Color as PdfColor, CurTransMat, DictItem, Line as PdfLine, LinePoint, Op, PaintMode,
    PdfDocument, PdfPage, PdfSaveOptions, Point, Pt, Rect as PdfRect, Rgb, XObjectId,
    XObjectTransform,
};

use super::font::FontSubsets;
use super::resources::image_name;
use super::save::pack;
use super::structure::Marked;
use crate::layout::{Band, Furniture, ImageRef, Item, Page, Rect, Tag, TextRun};
use crate::model::Color;

/// A page's object id and its marked content, in MCID order.
pub type PageMarks = (ObjectId, Vec<Marked>);

/// Draws `pages` and converts the document to lopdf. Returns it with each page's object id
/// and marked content (in MCID order), in page order, for the structure tree.
///
/// Each page is drawn on its own and its content stream compressed at once: printpdf's
/// operators take a few kilobytes per line of text, so a long handout's would not fit in
/// memory all at once. The document is then made of empty pages, and each page's content
/// put in its place; the bytes are those printpdf writes for the whole document.
pub fn draw(
    pages: &[Page],
    fonts: &FontSubsets,
    title: &str,
) -> Result<(lopdf::Document, Vec<PageMarks>), String> {
    let mut marked = Vec::with_capacity(pages.len());
    let mut contents = Vec::with_capacity(pages.len());
    for page in pages {
        let (ops, marks) = page_ops(&page.items, page.height, page.furniture, fonts, 0);
        marked.push(marks);
        contents.push(page_content(pdf_page(page.width, page.height, ops), title)?);
    }
    let mut blank = PdfDocument::new(title);
    blank.pages = pages
        .iter()
        .map(|page| pdf_page(page.width, page.height, Vec::new()))
        .collect();
    let mut doc = to_lopdf(&blank);
    let page_ids: Vec<ObjectId> = doc.get_pages().values().copied().collect();
    for (&page, content) in page_ids.iter().zip(contents) {
        let id = contents_id(&doc, page)?;
        doc.objects.insert(id, Object::Stream(content));
    }
    let tagged = page_ids.into_iter().zip(marked).collect();
    Ok((doc, tagged))
}

/// The content stream printpdf makes of one page, compressed as the document will be.
fn page_content(page: PdfPage, title: &str) -> Result<Stream, String> {
    let mut one = PdfDocument::new(title);
    one.pages = vec![page];
    let mut doc = to_lopdf(&one);
    let page = doc.page_iter().next().ok_or("printpdf made no page")?;
    let id = contents_id(&doc, page)?;
    match doc.objects.remove(&id) {
        Some(Object::Stream(mut stream)) => {
            pack(&mut stream);
            Ok(stream)
        }
        _ => Err("printpdf made a page without content".into()),
    }
}

/// The object number of a page's content stream.
fn contents_id(doc: &lopdf::Document, page: ObjectId) -> Result<ObjectId, String> {
    doc.get_dictionary(page)
        .and_then(|p| p.get(b"Contents"))
        .and_then(Object::as_reference)
        .map_err(|e| format!("page contents: {e}"))
}

/// A run of consecutive items of a page, drawn on its own: part of a page's content in a
/// print job, where copies share the runs they have in common.
pub struct Segment<'a> {
    pub items: &'a [Item],
    /// The height of the page the items are on.
    pub height: f32,
    /// Where the page's header ends and its footer begins.
    pub furniture: Furniture,
    /// The number of the first marked-content sequence: how many the page has before.
    pub first_mcid: usize,
}

/// Each segment's drawing operators, as content stream bytes (not compressed yet). Every
/// segment closes what it opens, so segments of a page can be drawn and stored apart and
/// concatenated by the reader (a page's `/Contents` array). Like [`draw`], each segment is
/// drawn on its own, so only one segment's printpdf operators exist at a time.
pub fn draw_segments(segments: &[Segment], fonts: &FontSubsets) -> Vec<Vec<u8>> {
    segments
        .iter()
        .map(|segment| {
            let (ops, _) = page_ops(
                segment.items,
                segment.height,
                segment.furniture,
                fonts,
                segment.first_mcid,
            );
            let mut one = PdfDocument::new("");
            one.pages = vec![pdf_page(0.0, segment.height, ops)];
            let mut doc = to_lopdf(&one);
            let page = doc.page_iter().next();
            // printpdf writes one content stream per page; taken, not copied.
            match page.map(|page| contents_id(&doc, page)) {
                Some(Ok(id)) => match doc.objects.remove(&id) {
                    Some(Object::Stream(stream)) => stream.content,
                    _ => Vec::new(),
                },
                _ => Vec::new(),
            }
        })
        .collect()
}

/// What the structure tree says each marked-content sequence of `items` is, in MCID order:
/// the marks [`draw`] returns for a page of these items.
pub fn marks(items: &[Item]) -> Vec<Marked> {
    drawn_with_previous(items)
        .filter(|(prev, item)| !continues(*prev, item))
        .filter_map(|(_, item)| marked(item))
        .collect()
}

/// How many marked-content sequences `items` have: where the next item's MCID starts.
pub fn count_marked(items: &[Item]) -> usize {
    drawn_with_previous(items)
        .filter(|(prev, item)| !continues(*prev, item) && marked(item).is_some())
        .count()
}

/// The drawn items of `items`, each with the drawn item before it.
fn drawn_with_previous(items: &[Item]) -> impl Iterator<Item = (Option<&Item>, &Item)> {
    let mut prev = None;
    items.iter().filter(|item| is_drawn(item)).map(move |item| {
        let pair = (prev, item);
        prev = Some(item);
        pair
    })
}

/// Whether a page of `items` cut before `at` would cut a marked-content sequence in two: the
/// first drawn item from `at` on [`continues`] the last drawn one before it.
pub fn splits_sequence(items: &[Item], at: usize) -> bool {
    let prev = items[..at].iter().rev().find(|item| is_drawn(item));
    let next = items[at..].iter().find(|item| is_drawn(item));
    next.is_some_and(|next| continues(prev, next))
}

/// Whether `item` is drawn in the marked-content sequence of `prev`, the drawn item before
/// it: the pieces of a line's text that the fallback font splits ("Nguy", "ễ", "n") are one
/// sequence, as they were one run of text before, so a name's letters do not change how many
/// sequences a page has (a print job shares content only where the numbers agree).
pub fn continues(prev: Option<&Item>, item: &Item) -> bool {
    match (prev, item) {
        (Some(Item::Text(a)), Item::Text(b)) => {
            (a.face.is_fallback() || b.face.is_fallback())
                && a.tag.is_some()
                && a.tag == b.tag
                && a.baseline == b.baseline
        }
        _ => false,
    }
}

fn to_lopdf(doc: &PdfDocument) -> lopdf::Document {
    let opts = PdfSaveOptions {
        optimize: true,
        subset_fonts: true,
        secure: true,
        image_optimization: None,
    };
    // printpdf's warnings are mostly about fonts and images it embeds; it embeds none of ours.
    let mut warnings = Vec::new();
    doc.to_lopdf_document(&opts, &mut warnings)
}

/// A page `width` × `height` points with the given content.
fn pdf_page(width: f32, height: f32, ops: Vec<Op>) -> PdfPage {
    let mut p = PdfPage::new(printpdf::Mm(0.0), printpdf::Mm(0.0), ops);
    // Page boxes in points, so Letter is exactly 612 × 792 (Mm would round).
    let media = PdfRect {
        x: Pt(0.0),
        y: Pt(0.0),
        width: Pt(width),
        height: Pt(height),
        mode: None,
        winding_order: None,
    };
    p.media_box = media.clone();
    p.trim_box = media.clone();
    p.crop_box = media;
    p
}

/// The drawing operators of `items` on a page `height` points tall, and the marked content
/// they number (in MCID order, from `first_mcid`). Tagged text and figures each get a
/// sequence of their own (the pieces of a line split by the fallback font share one, see
/// [`continues`]); consecutive decoration shares one artifact sequence, marked as the page
/// header or footer where it lies in one of them (`furniture`).
fn page_ops(
    items: &[Item],
    height: f32,
    furniture: Furniture,
    fonts: &FontSubsets,
    first_mcid: usize,
) -> (Vec<Op>, Vec<Marked>) {
    let mut ops = Vec::with_capacity(items.len() * 6);
    let mut marks = Vec::new();
    // The sequence open: none, an artifact, or tagged content.
    let mut open = Open::None;
    for (prev, item) in drawn_with_previous(items) {
        match (marked(item), open) {
            (Some(_), Open::Marked) if continues(prev, item) => {}
            (Some(mark), _) => {
                if open != Open::None {
                    ops.push(Op::EndMarkedContent);
                }
                begin_marked(&mut ops, &mark.tag, first_mcid + marks.len());
                marks.push(mark);
                open = Open::Marked;
            }
            (None, _) => {
                let band = furniture.band_of(item);
                if open == Open::Artifact(band) {
                    // Continues the open artifact.
                } else {
                    if open != Open::None {
                        ops.push(Op::EndMarkedContent);
                    }
                    begin_artifact(&mut ops, band);
                    open = Open::Artifact(band);
                }
            }
        }
        item_ops(item, fonts, height, &mut ops);
    }
    if open != Open::None {
        ops.push(Op::EndMarkedContent);
    }
    (ops, marks)
}

/// Which marked-content sequence is open while a page's operators are made.
#[derive(Clone, Copy, PartialEq)]
enum Open {
    None,
    /// Decoration: of the page header or footer, or other.
    Artifact(Option<Band>),
    Marked,
}

/// Opens an artifact: `/Artifact BMC` for decoration in the body, and for the running header
/// and footer `/Artifact <</Type /Pagination /Subtype /Header>> BDC` (PDF/UA-1 7.8,
/// Matterhorn 18-001 and 18-002), so assistive technology knows what repeats on every page.
fn begin_artifact(ops: &mut Vec<Op>, band: Option<Band>) {
    let subtype = match band {
        None => {
            ops.push(Op::BeginMarkedContent {
                tag: "Artifact".into(),
            });
            return;
        }
        Some(Band::Header) => "Header",
        Some(Band::Footer) => "Footer",
    };
    let mut map = std::collections::BTreeMap::new();
    map.insert("Type".to_string(), DictItem::Name(b"Pagination".to_vec()));
    map.insert(
        "Subtype".to_string(),
        DictItem::Name(subtype.as_bytes().to_vec()),
    );
    ops.push(Op::BeginMarkedContentWithProperties {
        tag: "Artifact".into(),
        properties: DictItem::Dict { map },
    });
}

/// Anchors, links and form fields are not drawn: they become the outline, link annotations
/// and form fields.
fn is_drawn(item: &Item) -> bool {
    !matches!(
        item,
        Item::Anchor { .. } | Item::Link { .. } | Item::Field(_)
    )
}

/// What the structure tree says an item is: tagged text, or a figure with its alternative
/// text. `None` for decoration.
fn marked(item: &Item) -> Option<Marked> {
    match item {
        Item::Text(TextRun { tag: Some(tag), .. }) => Some(Marked {
            tag: tag.clone(),
            alt: None,
        }),
        Item::Image {
            figure: Some((tag, alt)),
            ..
        } => Some(Marked {
            tag: tag.clone(),
            alt: Some(alt.clone()),
        }),
        _ => None,
    }
}

/// Marks what follows as structure content number `mcid`. The innermost role of `tag` is a
/// hint for readers that look only at the content stream.
fn begin_marked(ops: &mut Vec<Op>, tag: &Tag, mcid: usize) {
    let role = tag.0.last().map_or("P", |(r, _)| r.name());
    let mut map = std::collections::BTreeMap::new();
    map.insert("MCID".to_string(), DictItem::Int(mcid as i64));
    ops.push(Op::BeginMarkedContentWithProperties {
        tag: role.to_string(),
        properties: DictItem::Dict { map },
    });
}

/// The drawing operators of one item on a page `h` points tall (PDF's y grows upward).
fn item_ops(item: &Item, fonts: &FontSubsets, h: f32, ops: &mut Vec<Op>) {
    match item {
        Item::Text(run) => super::show::text_ops(run, fonts.get(run.face), rgb(run.color), h, ops),
        Item::Fill { rect, color } => {
            ops.push(Op::SetFillColor { col: rgb(*color) });
            ops.push(rectangle(rect, h, PaintMode::Fill));
        }
        Item::Stroke { rect, color, width } => {
            outline(*color, *width, ops);
            ops.push(rectangle(rect, h, PaintMode::Stroke));
        }
        Item::Line {
            from,
            to,
            color,
            width,
        } => {
            outline(*color, *width, ops);
            ops.push(line(*from, *to, h));
        }
        Item::Image { image, rect, .. } => image_ops(*image, rect, h, ops),
        Item::Anchor { .. } | Item::Link { .. } | Item::Field(_) => {}
    }
}

fn rgb(c: Color) -> PdfColor {
    let [r, g, b] = c.unit();
    PdfColor::Rgb(Rgb::new(r, g, b, None))
}

/// Sets the colour and width of the lines that follow.
fn outline(color: Color, width: f32, ops: &mut Vec<Op>) {
    ops.push(Op::SetOutlineColor { col: rgb(color) });
    ops.push(Op::SetOutlineThickness { pt: Pt(width) });
}

fn rectangle(rect: &Rect, h: f32, mode: PaintMode) -> Op {
    Op::DrawRectangle {
        rectangle: PdfRect {
            x: Pt(rect.x),
            y: Pt(h - rect.bottom()),
            width: Pt(rect.w),
            height: Pt(rect.h),
            mode: Some(mode),
            winding_order: None,
        },
    }
}

fn line(from: (f32, f32), to: (f32, f32), h: f32) -> Op {
    let point = |(x, y): (f32, f32)| LinePoint {
        p: Point {
            x: Pt(x),
            y: Pt(h - y),
        },
        bezier: false,
    };
    Op::DrawLine {
        line: PdfLine {
            points: vec![point(from), point(to)],
            is_closed: false,
        },
    }
}

/// An image (or the QR code's form, placed the same way) filling `rect`.
fn image_ops(image: ImageRef, rect: &Rect, h: f32, ops: &mut Vec<Op>) {
    // The image space is the unit square; one matrix scales and places it.
    ops.push(Op::SaveGraphicsState);
    ops.push(Op::SetTransformationMatrix {
        matrix: CurTransMat::Raw([rect.w, 0.0, 0.0, rect.h, rect.x, h - rect.bottom()]),
    });
    ops.push(Op::UseXobject {
        id: XObjectId(image_name(image)),
        transform: XObjectTransform {
            no_auto_scale: true,
            ..XObjectTransform::default()
        },
    });
    ops.push(Op::RestoreGraphicsState);
}

//! The page around the content: margins, the branded header and the footer.

use super::footer::{Footer, OwnFooter};
use super::header::header;
use super::{Context, Geometry, Item, LayoutError, Metrics, Rect, Style};
use crate::assets::fonts::Face;
use crate::model::{Brand, Lang, PageSize};

/// Distance from the paper's edge inside which nothing is drawn: half an inch, safe for
/// office printers that cannot print to the edge. A limit of printers, not of the look, so
/// not part of [`Style`].
pub const PRINTABLE_INSET: f32 = 36.0;

/// The fixed parts of every page, prepared once per handout.
pub struct PageFrame<'a> {
    pub geometry: Geometry,
    cx: &'a Context<'a>,
    header: Vec<Item>,
    footer: Footer,
}

/// Baseline that centres a line of `size` pt text in a line box of `height` starting at `top`.
pub fn baseline(m: &Metrics, face: Face, top: f32, height: f32, size: f32) -> f32 {
    let fm = m.face(face);
    let (asc, desc) = (fm.ascender * size, -fm.descender * size);
    top + (height - (asc + desc)) / 2.0 + asc
}

/// The part of a page of `page_size` a printer can be trusted with.
fn printable(page_size: PageSize) -> Rect {
    let (width, height) = page_size.points();
    let inset = PRINTABLE_INSET;
    Rect::new(inset, inset, width - 2.0 * inset, height - 2.0 * inset)
}

/// Where things go on a page of `page_size` in style `s`, with a header band `header_height`
/// and a footer `footer_height` tall.
fn geometry(page_size: PageSize, s: &Style, header_height: f32, footer_height: f32) -> Geometry {
    let (width, height) = page_size.points();
    let printable = printable(page_size);
    let body_top = printable.y + header_height + s.page.below_header;
    let footer_top = printable.bottom() - footer_height;
    let body = Rect::new(
        s.page.side_margin,
        body_top,
        width - 2.0 * s.page.side_margin,
        footer_top - s.page.above_footer - body_top,
    );
    Geometry {
        width,
        height,
        printable,
        body,
    }
}

/// Checks that the footer of a handout in `lang` leaves the content its room: for the
/// brand's own texts, once per run before any handout is read.
pub fn check_footer(
    brand: &Brand,
    lang: &Lang,
    s: &Style,
    page_size: PageSize,
    m: &Metrics,
) -> Result<(), LayoutError> {
    let width = page_size.points().0 - 2.0 * s.page.side_margin;
    let footer = Footer::new(brand, lang, OwnFooter::default(), s, width, m);
    // The band at its least height: the footer is checked before any handout is read.
    footer.check(
        brand,
        lang,
        &geometry(page_size, s, s.header.height, footer.height),
    )
}

impl<'a> PageFrame<'a> {
    /// The header and footer of the handout's pages, and the room they leave; an error at
    /// the brand's text if the footer leaves too little.
    pub fn new(cx: &'a Context<'a>, own: OwnFooter) -> Result<Self, LayoutError> {
        // Every line of the handout, header and footer included, runs in its language's
        // direction from here on.
        cx.metrics.set_direction(crate::i18n::direction(cx.lang));
        let s = &cx.style;
        let width = cx.page_size.points().0 - 2.0 * s.page.side_margin;
        let footer = Footer::new(cx.brand, cx.lang, own, s, width, cx.metrics);
        let header = header(cx, printable(cx.page_size));
        let geometry = geometry(cx.page_size, s, header.height, footer.height);
        footer.check(cx.brand, cx.lang, &geometry)?;
        Ok(PageFrame {
            header: header.items,
            geometry,
            cx,
            footer,
        })
    }

    /// Wraps a page's body items with the header and a footer reading "Page `n` of `count`".
    pub fn finish(&self, body: Vec<Item>, n: usize, count: usize) -> super::Page {
        let g = &self.geometry;
        let (cx, top) = (self.cx, g.printable.bottom() - self.footer.height);
        let footer = self
            .footer
            .items(cx, top, g.body.x..g.body.right(), n, count);
        // Exactly as many as there are: a long handout holds all its pages until the PDF is
        // written, and a vector grown item by item would be up to twice its length.
        let mut items = Vec::with_capacity(self.header.len() + body.len() + footer.len());
        items.extend(self.header.iter().cloned());
        items.extend(body);
        items.extend(footer);
        super::Page {
            width: g.width,
            height: g.height,
            items,
            furniture: super::Furniture {
                header_bottom: g.body.y,
                footer_top: top,
            },
        }
    }
}

//! The page around the content: margins, the branded header and the footer.

use super::footer::{Footer, OwnFooter};
use super::style::{HEADING_LEADING, LABEL_LEADING};
use super::text::break_plain;
use super::{Context, Geometry, ImageRef, Item, LayoutError, Metrics, Rect, Shortfall, Style};
use crate::assets::fonts::Face;
use crate::model::{Brand, Lang, PageSize};

/// Distance from the paper's edge inside which nothing is drawn: half an inch, safe for
/// office printers that cannot print to the edge. A limit of printers, not of the look, so
/// not part of [`Style`].
pub const PRINTABLE_INSET: f32 = 36.0;
/// Smallest QR module that scans reliably from paper: about 0.4 mm.
const MIN_QR_MODULE: f32 = 1.2;

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

/// Where things go on a page of `page_size` in style `s`, with a footer `footer_height` tall.
fn geometry(page_size: PageSize, s: &Style, footer_height: f32) -> Geometry {
    let (width, height) = page_size.points();
    let printable = Rect::new(
        PRINTABLE_INSET,
        PRINTABLE_INSET,
        width - 2.0 * PRINTABLE_INSET,
        height - 2.0 * PRINTABLE_INSET,
    );
    let body_top = printable.y + s.header.height + s.page.below_header;
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
    footer.check(brand, lang, &geometry(page_size, s, footer.height))
}

impl<'a> PageFrame<'a> {
    /// The header and footer of the handout's pages, and the room they leave; an error at
    /// the brand's text if the footer leaves too little.
    pub fn new(cx: &'a Context<'a>, own: OwnFooter) -> Result<Self, LayoutError> {
        let s = &cx.style;
        let width = cx.page_size.points().0 - 2.0 * s.page.side_margin;
        let footer = Footer::new(cx.brand, cx.lang, own, s, width, cx.metrics);
        let geometry = geometry(cx.page_size, s, footer.height);
        footer.check(cx.brand, cx.lang, &geometry)?;
        let p = geometry.printable;
        let header_band = Rect::new(p.x, p.y, p.w, s.header.height);
        Ok(PageFrame {
            header: header(cx, header_band),
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
        }
    }
}

/// The brand band: logo on the left, clinic name and tagline in white beside it, and the QR
/// code (if any) on the right.
fn header(cx: &Context, band: Rect) -> Vec<Item> {
    let mut items = vec![Item::Fill {
        rect: band,
        color: cx.style.band,
    }];
    let logo = logo(cx, band);
    items.push(Item::Image {
        image: ImageRef::Logo,
        rect: logo,
        figure: None,
    });
    let h = &cx.style.header;
    let mut text_end = band.right() - h.text_end;
    if let Some((qr, url)) = qr_code(cx, band) {
        text_end = qr.x - h.qr_gap;
        items.push(Item::Image {
            image: ImageRef::Qr,
            rect: qr,
            figure: None,
        });
        items.push(Item::Link {
            rect: qr,
            uri: url.to_string(),
        });
    }
    let text_x = logo.right() + h.text_gap;
    items.extend(clinic_name(cx, band, text_x, text_end - text_x));
    items
}

/// Where the logo goes: at the band's left, as tall as the band allows, at most a quarter
/// of its width, keeping its aspect ratio.
fn logo(cx: &Context, band: Rect) -> Rect {
    let h = &cx.style.header;
    let (lw, lh) = cx.images.logo;
    let logo_h = band.h - 2.0 * h.logo_pad;
    let logo_w = if lh == 0 {
        0.0
    } else {
        (logo_h * lw as f32 / lh as f32).min(band.w / 4.0)
    };
    // Keep the aspect ratio even when the width cap applies.
    let logo_h = if lw == 0 {
        0.0
    } else {
        logo_w * lh as f32 / lw as f32
    };
    Rect::new(
        band.x + h.logo_inset,
        band.y + (band.h - logo_h) / 2.0,
        logo_w,
        logo_h,
    )
}

/// Where the QR code goes, at the band's right, and its web address, if the handout has one
/// that will scan.
fn qr_code<'a>(cx: &Context<'a>, band: Rect) -> Option<(Rect, &'a str)> {
    let pad = cx.style.header.qr_pad;
    let (url, modules) = cx.qr?;
    let side = band.h - 2.0 * pad;
    // Modules too small are not reliably scannable from paper: such a long address gets no
    // code rather than a useless one.
    let rect = Rect::new(band.right() - 2.0 * pad - side, band.y + pad, side, side);
    let module = side / modules as f32;
    if module < MIN_QR_MODULE {
        cx.fall_short(Shortfall::QrTooDense {
            module,
            min: MIN_QR_MODULE,
        });
        return None;
    }
    Some((rect, url))
}

/// The clinic's name and tagline, centred in the band's height, from `x` over `width`.
fn clinic_name(cx: &Context, band: Rect, x: f32, width: f32) -> Vec<Item> {
    let m = cx.metrics;
    let s = &cx.style;
    let (name_size, tag_size) = (s.clinic_name, s.tagline);
    let name = break_plain(&cx.brand.clinic, Face::Bold, width, name_size, m);
    let tagline = cx
        .brand
        .texts_for(cx.lang)
        .0
        .map(|t| break_plain(t, Face::Regular, width, tag_size, m))
        .unwrap_or_default();
    // One line of each fits the band; longer brand texts are cut to their first line rather
    // than spilling out of the band.
    let name_lh = name_size * HEADING_LEADING;
    let tag_lh = tag_size * LABEL_LEADING;
    let block_h = name_lh + if tagline.is_empty() { 0.0 } else { tag_lh };
    let top = band.y + (band.h - block_h) / 2.0;
    let mut items = Vec::new();
    if let Some(l) = name.first() {
        let base = baseline(m, Face::Bold, top, name_lh, name_size);
        items.extend(l.place(x, base, name_size, s.band_text, m));
        if name.len() > 1 {
            let printed = l.text();
            cx.fall_short(Shortfall::ClinicNameCut { printed });
        }
    }
    if let Some(l) = tagline.first() {
        let base = baseline(m, Face::Regular, top + name_lh, tag_lh, tag_size);
        items.extend(l.place(x, base, tag_size, s.band_text, m));
        if tagline.len() > 1 {
            let printed = l.text();
            cx.fall_short(Shortfall::TaglineCut { printed });
        }
    }
    items
}

//! The page around the content: margins, the branded header and the footer.

use super::style::{FOOTER_LEADING, HEADING_LEADING, LABEL_LEADING};
use super::text::{break_plain, Line};
use super::{Context, Geometry, ImageRef, Item, Metrics, Rect, Shortfall};
use crate::assets::fonts::Face;

/// Distance from the paper's edge inside which nothing is drawn: half an inch, safe for
/// office printers that cannot print to the edge. A limit of printers, not of the look, so
/// not part of [`Style`](super::Style).
pub const PRINTABLE_INSET: f32 = 36.0;
/// Smallest QR module that scans reliably from paper: about 0.4 mm.
const MIN_QR_MODULE: f32 = 1.2;

/// The fixed parts of every page, prepared once per handout.
pub struct PageFrame<'a> {
    pub geometry: Geometry,
    cx: &'a Context<'a>,
    header: Vec<Item>,
    contact: Vec<Line>,
    disclaimer: Vec<Line>,
    footer_top: f32,
}

/// Baseline that centres a line of `size` pt text in a line box of `height` starting at `top`.
pub fn baseline(m: &Metrics, face: Face, top: f32, height: f32, size: f32) -> f32 {
    let fm = m.face(face);
    let (asc, desc) = (fm.ascender * size, -fm.descender * size);
    top + (height - (asc + desc)) / 2.0 + asc
}

impl<'a> PageFrame<'a> {
    pub fn new(cx: &'a Context<'a>) -> Self {
        let (width, height) = cx.page_size.points();
        let printable = Rect::new(
            PRINTABLE_INSET,
            PRINTABLE_INSET,
            width - 2.0 * PRINTABLE_INSET,
            height - 2.0 * PRINTABLE_INSET,
        );
        let m = cx.metrics;
        let s = &cx.style;
        let text_width = width - 2.0 * s.page.side_margin;

        let brand = cx.brand;
        let contact = format!("{} · {} · {}", brand.phone, brand.website, brand.address);
        let strings = crate::i18n::strings(cx.lang);
        let page_label_room =
            m.bold.width(&strings.page_label(888, 888), s.footer) + s.page.page_label_gap;
        let (_, disclaimer) = brand.texts_for(cx.lang);
        let contact = break_plain(
            &contact,
            Face::Regular,
            text_width - page_label_room,
            s.footer,
            m,
        );
        let disclaimer = break_plain(disclaimer, Face::Regular, text_width, s.footer, m);
        let footer_line = s.footer * FOOTER_LEADING;
        let footer_height =
            s.page.footer_pad + (contact.len() + disclaimer.len()) as f32 * footer_line;
        let footer_top = printable.bottom() - footer_height;

        let header_band = Rect::new(printable.x, printable.y, printable.w, s.header.height);
        let body_top = header_band.bottom() + s.page.below_header;
        let body = Rect::new(
            s.page.side_margin,
            body_top,
            text_width,
            footer_top - s.page.above_footer - body_top,
        );
        let geometry = Geometry {
            width,
            height,
            printable,
            body,
        };
        PageFrame {
            header: header(cx, header_band),
            geometry,
            cx,
            contact,
            disclaimer,
            footer_top,
        }
    }

    /// Wraps a page's body items with the header and a footer reading "Page `n` of `count`".
    pub fn finish(&self, body: Vec<Item>, n: usize, count: usize) -> super::Page {
        let mut items = self.header.clone();
        items.extend(body);
        items.extend(self.footer(n, count));
        super::Page {
            width: self.geometry.width,
            height: self.geometry.height,
            items,
        }
    }

    fn footer(&self, n: usize, count: usize) -> Vec<Item> {
        let m = self.cx.metrics;
        let s = &self.cx.style;
        let x = self.geometry.body.x;
        let right = self.geometry.body.right();
        let line = s.footer * FOOTER_LEADING;
        let mut items = vec![Item::Line {
            from: (x, self.footer_top),
            to: (right, self.footer_top),
            color: s.accent_rule,
            width: s.page.footer_rule,
        }];
        let mut top = self.footer_top + s.page.footer_pad;
        let label = crate::i18n::strings(self.cx.lang).page_label(n, count);
        // Never wrapped: room for it was kept beside the contact line.
        let label_line = break_plain(&label, Face::Bold, f32::MAX, s.footer, m);
        let base = baseline(m, Face::Regular, top, line, s.footer);
        if let Some(l) = label_line.first() {
            items.extend(l.place(right - l.width, base, s.footer, s.ink, m));
        }
        let website = self.cx.brand.website.printed();
        for l in &self.contact {
            let base = baseline(m, Face::Regular, top, line, s.footer);
            items.extend(l.place(x, base, s.footer, s.ink, m));
            // The website is a link, for the PDF read on a screen.
            for run in &l.runs {
                if let Some(at) = run.text.find(website) {
                    let fm = m.face(run.face);
                    let x0 = x + run.x + fm.width(&run.text[..at], s.footer);
                    let w = fm.width(website, s.footer);
                    items.push(Item::Link {
                        rect: Rect::new(x0, top, w, line),
                        uri: self.cx.brand.website.link().to_string(),
                    });
                }
            }
            top += line;
        }
        for l in &self.disclaimer {
            let base = baseline(m, Face::Regular, top, line, s.footer);
            items.extend(l.place(x, base, s.footer, s.muted, m));
            top += line;
        }
        items
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

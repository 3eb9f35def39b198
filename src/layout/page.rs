//! The page around the content: margins, the branded header and the footer.

use super::text::{break_plain, Line};
use super::{Context, Geometry, ImageRef, Item, Metrics, Rect};
use crate::fonts::Face;

/// Distance from the paper's edge inside which nothing is drawn: half an inch, safe for
/// office printers that cannot print to the edge.
pub const PRINTABLE_INSET: f32 = 36.0;
/// Left and right margin of the text: three quarters of an inch.
pub const SIDE_MARGIN: f32 = 54.0;
const HEADER_HEIGHT: f32 = 60.0;
const GAP_BELOW_HEADER: f32 = 20.0;
const GAP_ABOVE_FOOTER: f32 = 14.0;

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
        let text_width = width - 2.0 * SIDE_MARGIN;
        let m = cx.metrics;
        let s = &cx.style;

        let brand = cx.brand;
        let contact = format!("{} · {} · {}", brand.phone, brand.website, brand.address);
        let strings = crate::i18n::strings(cx.lang);
        let page_label_room = m.bold.width(&strings.page_label(888, 888), s.footer) + 16.0;
        let (_, disclaimer) = brand.texts_for(cx.lang);
        let contact = break_plain(
            &contact,
            Face::Regular,
            text_width - page_label_room,
            s.footer,
            m,
        );
        let disclaimer = break_plain(disclaimer, Face::Regular, text_width, s.footer, m);
        let footer_line = s.footer * 1.35;
        let footer_height = 8.0 + (contact.len() + disclaimer.len()) as f32 * footer_line;
        let footer_top = printable.bottom() - footer_height;

        let header_band = Rect::new(printable.x, printable.y, printable.w, HEADER_HEIGHT);
        let body_top = header_band.bottom() + GAP_BELOW_HEADER;
        let body = Rect::new(
            SIDE_MARGIN,
            body_top,
            text_width,
            footer_top - GAP_ABOVE_FOOTER - body_top,
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
        let line = s.footer * 1.35;
        let mut items = vec![Item::Line {
            from: (x, self.footer_top),
            to: (right, self.footer_top),
            color: s.accent_rule,
            width: 1.0,
        }];
        let mut top = self.footer_top + 8.0;
        let label = crate::i18n::strings(self.cx.lang).page_label(n, count);
        let label_width = m.bold.width(&label, s.footer);
        let label_line = break_plain(&label, Face::Bold, label_width + 1.0, s.footer, m);
        let base = baseline(m, Face::Regular, top, line, s.footer);
        if let Some(l) = label_line.first() {
            items.extend(l.place(right - l.width, base, s.footer, s.ink, m));
        }
        let website = &self.cx.brand.website;
        for l in &self.contact {
            let base = baseline(m, Face::Regular, top, line, s.footer);
            items.extend(l.place(x, base, s.footer, s.ink, m));
            // The website is a link, for the PDF read on a screen.
            for run in &l.runs {
                if let Some(at) = run.text.find(website.as_str()) {
                    let fm = m.face(run.face);
                    let x0 = x + run.x + fm.width(&run.text[..at], s.footer);
                    let w = fm.width(website, s.footer);
                    items.push(Item::Link {
                        rect: Rect::new(x0, top, w, line),
                        uri: web_address(website),
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

/// A website as written in the brand file, as a link target.
fn web_address(site: &str) -> String {
    if site.contains("://") {
        site.to_string()
    } else {
        format!("https://{site}")
    }
}

/// The brand band: logo on the left, clinic name and tagline in white beside it, and the QR
/// code (if any) on the right.
fn header(cx: &Context, band: Rect) -> Vec<Item> {
    let m = cx.metrics;
    let brand = cx.brand;
    let s = &cx.style;
    let mut items = vec![Item::Fill {
        rect: band,
        color: s.band,
    }];
    let (lw, lh) = cx.images.logo;
    let logo_h = band.h - 16.0;
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
    let logo = Rect::new(
        band.x + 12.0,
        band.y + (band.h - logo_h) / 2.0,
        logo_w,
        logo_h,
    );
    items.push(Item::Image {
        image: ImageRef::Logo,
        rect: logo,
        figure: None,
    });
    let mut right = band.right() - 16.0;
    if let Some((url, modules)) = cx.qr {
        let side = band.h - 6.0;
        let room = Rect::new(band.right() - 6.0 - side, band.y + 3.0, side, side);
        // Modules smaller than about 0.4 mm are not reliably scannable from paper: such a
        // long address gets no code rather than a useless one.
        if side / modules as f32 >= 1.2 {
            items.push(Item::Image {
                image: ImageRef::Qr,
                rect: room,
                figure: None,
            });
            items.push(Item::Link {
                rect: room,
                uri: url.to_string(),
            });
            right = room.x - 12.0;
        }
    }
    let text_x = logo.right() + 14.0;
    let text_w = right - text_x;
    let name_size = 19.0;
    let tag_size = 12.0;
    let name = break_plain(&brand.clinic, Face::Bold, text_w, name_size, m);
    let tagline = brand
        .texts_for(cx.lang)
        .0
        .map(|t| break_plain(t, Face::Regular, text_w, tag_size, m))
        .unwrap_or_default();
    // One line of each fits the band; longer brand texts are cut to their first line rather
    // than spilling out of the band.
    let name_lh = name_size * 1.25;
    let tag_lh = tag_size * 1.3;
    let block_h = name_lh + if tagline.is_empty() { 0.0 } else { tag_lh };
    let top = band.y + (band.h - block_h) / 2.0;
    if let Some(l) = name.first() {
        let base = baseline(m, Face::Bold, top, name_lh, name_size);
        items.extend(l.place(text_x, base, name_size, s.band_text, m));
    }
    if let Some(l) = tagline.first() {
        let base = baseline(m, Face::Regular, top + name_lh, tag_lh, tag_size);
        items.extend(l.place(text_x, base, tag_size, s.band_text, m));
    }
    items
}

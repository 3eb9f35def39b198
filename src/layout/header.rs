//! The brand band at the top of every page: the logo on the left, the clinic's name and
//! tagline beside it, and on the right the QR code with its caption ("Scan for more") under
//! it.
//!
//! The band is as tall as its tallest part needs and never lower than the edition's least
//! height: in large print the tagline may take two lines and the caption is as large as the
//! footer, so the band grows, and the body starts lower.

use super::page::baseline;
use super::style::{HEADING_LEADING, LABEL_LEADING};
use super::text::{break_plain, Line};
use super::{Context, ImageRef, Item, Metrics, Rect, Shortfall};
use crate::assets::fonts::Face;

/// Smallest QR module that scans reliably from paper: about 0.4 mm.
const MIN_QR_MODULE: f32 = 1.2;

/// The band's drawing and its height, laid out once per handout.
pub struct Header {
    pub items: Vec<Item>,
    pub height: f32,
}

/// The QR code's column: the code, and its caption's lines under it.
#[derive(Clone)]
struct QrColumn<'a> {
    url: &'a str,
    modules: usize,
    caption: Vec<Line>,
    /// The caption's widest line.
    caption_w: f32,
    /// Kept clear of the name and tagline: the code's least side, or as wide as the caption
    /// when the caption cannot pass under the end of their lines.
    width: f32,
}

/// Where everything in the band goes, for a band at the top of `area`.
struct Plan<'a> {
    band: Rect,
    logo: Rect,
    name: Cut,
    tagline: Cut,
    text_x: f32,
    qr: Option<(QrColumn<'a>, Rect)>,
}

/// The band across the top of `area` (the printable area). A QR code whose squares would be
/// too small to scan is left out, with a shortfall, and the band is laid out without it.
pub fn header(cx: &Context, area: Rect) -> Header {
    let plan = qr_plan(cx, area).unwrap_or_else(|| Plan::new(cx, area, None));
    Header {
        height: plan.band.h,
        items: plan.draw(cx),
    }
}

/// The band with the handout's QR code, if it has one that scans. The name and tagline keep
/// clear of the code only, and the caption passes under the end of their lines, when it
/// keeps a line apart from them (standard print: a long name above the tagline, the caption
/// on the band's last line); else they keep clear of the whole caption.
fn qr_plan<'a>(cx: &Context<'a>, area: Rect) -> Option<Plan<'a>> {
    let column = qr_column(cx)?;
    let wide = QrColumn {
        width: column.caption_w.max(column.width),
        ..column.clone()
    };
    let narrow = Plan::new(cx, area, Some(column));
    let plan = match narrow.caption_clear(cx) {
        true => narrow,
        false => Plan::new(cx, area, Some(wide)),
    };
    let (column, rect) = plan.qr.as_ref()?;
    let module = rect.w / column.modules as f32;
    if module >= MIN_QR_MODULE {
        return Some(plan);
    }
    cx.fall_short(Shortfall::QrTooDense {
        module,
        min: MIN_QR_MODULE,
    });
    None
}

/// The QR code's column, if the handout has a code: the caption wrapped at the edition's
/// caption width, at the footer's size.
fn qr_column<'a>(cx: &Context<'a>) -> Option<QrColumn<'a>> {
    let (url, modules) = cx.qr?;
    let s = &cx.style;
    let text = crate::i18n::strings(cx.lang).qr_caption;
    let caption = balanced(
        text,
        Face::Regular,
        s.header.caption_width,
        s.footer,
        cx.metrics,
    );
    let caption_w = caption.iter().map(|l| l.width).fold(0.0, f32::max);
    Some(QrColumn {
        url,
        modules,
        caption,
        caption_w,
        width: s.header.qr_side,
    })
}

impl<'a> Plan<'a> {
    /// Places the parts: columns first (logo, QR), the text between them, then the band's
    /// height from the tallest part, then the logo and code sized and centred in it.
    fn new(cx: &Context, area: Rect, qr: Option<QrColumn<'a>>) -> Self {
        let s = &cx.style;
        let h = &s.header;
        let logo_w = logo_width(cx, h.logo_max, area.w);
        let text_x = area.x + h.logo_inset + logo_w + h.text_gap;
        let text_end = match &qr {
            Some(c) => area.right() - h.logo_inset - c.width - h.qr_gap,
            None => area.right() - h.text_end,
        };
        let width = text_end - text_x;
        let name = header_lines(cx, &cx.brand.clinic, Face::Bold, s.clinic_name, width);
        let tagline = cx
            .brand
            .texts_for(cx.lang)
            .0
            .map_or_else(Cut::default, |t| {
                header_lines(cx, t, Face::Regular, s.tagline, width)
            });
        let text_h = text_height(cx, name.lines.len(), tagline.lines.len());
        let qr_h = qr.as_ref().map_or(0.0, |c| {
            h.qr_side + h.caption_gap + caption_height(cx, c) + 2.0 * h.qr_pad
        });
        let height = h.height.max(text_h + 2.0 * h.text_pad).max(qr_h);
        let band = Rect::new(area.x, area.y, area.w, height);
        let qr = qr.map(|c| {
            let rect = qr_rect(cx, band, &c);
            (c, rect)
        });
        Plan {
            logo: logo_rect(cx, band),
            band,
            name,
            tagline,
            text_x,
            qr,
        }
    }

    /// The band's items: fill, logo, QR code with its link and caption, name and tagline;
    /// a shortfall for the name or tagline if it needs more lines than the band allows.
    fn draw(self, cx: &Context) -> Vec<Item> {
        let s = &cx.style;
        if self.name.cut {
            let printed = self.name.printed();
            cx.fall_short(Shortfall::ClinicNameCut { printed });
        }
        if self.tagline.cut {
            let printed = self.tagline.printed();
            cx.fall_short(Shortfall::TaglineCut { printed });
        }
        let mut items = vec![
            Item::Fill {
                rect: self.band,
                color: s.band,
            },
            Item::Image {
                image: ImageRef::Logo,
                rect: self.logo,
                figure: None,
            },
        ];
        if let Some((column, rect)) = &self.qr {
            items.push(Item::Image {
                image: ImageRef::Qr,
                rect: *rect,
                figure: None,
            });
            items.push(Item::Link {
                rect: *rect,
                uri: column.url.to_string(),
            });
            let lines = caption_lines(cx, column, *rect, self.band);
            items.extend(lines.iter().flat_map(|set| set.place(cx)));
        }
        items.extend(self.text_lines(cx).iter().flat_map(|set| set.place(cx)));
        items
    }

    /// The clinic's name and tagline, as one block centred in the band's height.
    fn text_lines(&self, cx: &Context) -> Vec<SetLine<'_>> {
        let s = &cx.style;
        let block_h = text_height(cx, self.name.lines.len(), self.tagline.lines.len());
        let mut top = self.band.y + (self.band.h - block_h) / 2.0;
        let mut set = Vec::new();
        let kinds = [
            (&self.name, Face::Bold, s.clinic_name, HEADING_LEADING),
            (&self.tagline, Face::Regular, s.tagline, LABEL_LEADING),
        ];
        for (cut, face, size, leading) in kinds {
            for line in &cut.lines {
                let pitch = size * leading;
                set.push(SetLine {
                    line,
                    x: self.text_x,
                    top,
                    pitch,
                    face,
                    size,
                });
                top += pitch;
            }
        }
        set
    }

    /// Whether the caption keeps clear of the name's and tagline's lines: where it passes
    /// under their end, a caption line apart, so it never reads as their continuation;
    /// elsewhere, by the gap kept between them and the code.
    fn caption_clear(&self, cx: &Context) -> bool {
        let Some((column, rect)) = &self.qr else {
            return true;
        };
        let gap = cx.style.header.qr_gap;
        let text: Vec<Rect> = self.text_lines(cx).iter().map(SetLine::rect).collect();
        caption_lines(cx, column, *rect, self.band).iter().all(|c| {
            let r = c.rect();
            let kept = Rect::new(r.x - gap, r.y - r.h, r.w + gap, 3.0 * r.h);
            text.iter().all(|t| !t.overlaps(&kept))
        })
    }
}

/// A line of the band's text where it is set: its line box from `x`, `top`, `pitch` tall.
struct SetLine<'a> {
    line: &'a Line,
    x: f32,
    top: f32,
    pitch: f32,
    face: Face,
    size: f32,
}

impl SetLine<'_> {
    /// The line box.
    fn rect(&self) -> Rect {
        Rect::new(self.x, self.top, self.line.width, self.pitch)
    }

    /// The line's text, in the band's text colour.
    fn place(&self, cx: &Context) -> Vec<Item> {
        let (s, m) = (&cx.style, cx.metrics);
        let base = baseline(m, self.face, self.top, self.pitch, self.size);
        self.line.place(self.x, base, self.size, s.band_text, m)
    }
}

/// Lines of the name or tagline, as many as the band allows.
#[derive(Default)]
struct Cut {
    lines: Vec<Line>,
    /// Whether the text needed more lines, and its end is not printed.
    cut: bool,
}

impl Cut {
    fn printed(&self) -> String {
        let texts: Vec<String> = self.lines.iter().map(Line::text).collect();
        texts.join(" ")
    }
}

/// `text` broken to `width`, cut to the edition's lines of header text.
fn header_lines(cx: &Context, text: &str, face: Face, size: f32, width: f32) -> Cut {
    let mut lines = balanced(text, face, width, size, cx.metrics);
    let most = cx.style.header.text_lines.max(1);
    let cut = lines.len() > most;
    lines.truncate(most);
    Cut { lines, cut }
}

/// `text` broken to `width` on as few lines as it needs, those lines as even as they can
/// be: "Functional medicine / for your whole health", not "Functional medicine for your
/// whole / health". The narrowest width that needs no more lines is found by halving.
fn balanced(text: &str, face: Face, width: f32, size: f32, m: &Metrics) -> Vec<Line> {
    let lines = break_plain(text, face, width, size, m);
    if lines.len() < 2 {
        return lines;
    }
    let (mut narrow, mut wide) = (width / lines.len() as f32, width);
    let mut best = lines;
    while wide - narrow > 1.0 {
        let mid = (narrow + wide) / 2.0;
        let tried = break_plain(text, face, mid, size, m);
        if tried.len() <= best.len() {
            wide = mid;
            best = tried;
        } else {
            narrow = mid;
        }
    }
    best
}

/// Height of the name's and tagline's lines.
fn text_height(cx: &Context, name_lines: usize, tagline_lines: usize) -> f32 {
    let s = &cx.style;
    name_lines as f32 * s.clinic_name * HEADING_LEADING
        + tagline_lines as f32 * s.tagline * LABEL_LEADING
}

/// Height of the caption's lines.
fn caption_height(cx: &Context, column: &QrColumn) -> f32 {
    column.caption.len() as f32 * cx.style.footer * LABEL_LEADING
}

/// Width of the logo at `height`, keeping its aspect ratio, at most a quarter of the band.
fn logo_width(cx: &Context, height: f32, band_w: f32) -> f32 {
    let (lw, lh) = cx.images.logo;
    if lh == 0 {
        return 0.0;
    }
    (height * lw as f32 / lh as f32).min(band_w / 4.0)
}

/// Where the logo goes: at the band's left, as tall as the band and the edition allow, at
/// most a quarter of the band's width, keeping its aspect ratio, centred in the band.
fn logo_rect(cx: &Context, band: Rect) -> Rect {
    let h = &cx.style.header;
    let (lw, lh) = cx.images.logo;
    let logo_h = (band.h - 2.0 * h.logo_pad).min(h.logo_max);
    let logo_w = logo_width(cx, logo_h, band.w);
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

/// Where the QR code goes: centred in its column at the band's right, as large as the band
/// leaves above the caption (never wider than the column), the code and caption together
/// centred in the band's height.
fn qr_rect(cx: &Context, band: Rect, column: &QrColumn) -> Rect {
    let h = &cx.style.header;
    let caption_h = caption_height(cx, column);
    let room = band.h - 2.0 * h.qr_pad - h.caption_gap - caption_h;
    let side = room.min(column.width).max(0.0);
    let block = side + h.caption_gap + caption_h;
    let column_x = band.right() - h.logo_inset - column.width;
    Rect::new(
        column_x + (column.width - side) / 2.0,
        band.y + (band.h - block) / 2.0,
        side,
        side,
    )
}

/// The caption's lines under the code `qr`, each centred under it, moved left as far as it
/// must to stay inside the band's inset.
fn caption_lines<'a>(cx: &Context, column: &'a QrColumn, qr: Rect, band: Rect) -> Vec<SetLine<'a>> {
    let s = &cx.style;
    let pitch = s.footer * LABEL_LEADING;
    let centre = qr.x + qr.w / 2.0;
    let right = band.right() - s.header.logo_inset;
    let mut top = qr.bottom() + s.header.caption_gap;
    let mut set = Vec::new();
    for line in &column.caption {
        let x = (centre - line.width / 2.0).min(right - line.width);
        set.push(SetLine {
            line,
            x,
            top,
            pitch,
            face: Face::Regular,
            size: s.footer,
        });
        top += pitch;
    }
    set
}

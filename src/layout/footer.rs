//! The footer of every page: a rule, the clinic's contact line with "Page N of M" beside it,
//! and the disclaimer under them.
//!
//! Laid out once per handout, drawn on each page once the page count is known. A footer that
//! would take more than [`MAX_FOOTER_SHARE`] of the page is refused as the brand file's
//! problem, at the text to shorten; for the brand's own texts that is found once per run,
//! before any handout (see [`check_footer`](super::page::check_footer)).

use std::ops::Range;

use super::coverage::CONTACT_SEPARATOR;
use super::page::baseline;
use super::style::{FOOTER_LEADING, MAX_FOOTER_SHARE};
use super::text::{break_plain, Line};
use super::{Context, Geometry, Item, LayoutError, Metrics, Rect, Style};
use crate::assets::fonts::Face;
use crate::model::{Brand, Date, FieldPath, Lang};

/// What a handout puts in its own footer, beside the brand's texts.
#[derive(Debug, Clone, Copy, Default)]
pub struct OwnFooter<'a> {
    /// Instead of the brand's disclaimer.
    pub disclaimer: Option<&'a str>,
    /// When the content was last reviewed.
    pub reviewed: Option<Date>,
}

/// The footer's lines, broken once per handout.
pub struct Footer {
    contact: Vec<Line>,
    disclaimer: Vec<Line>,
    /// Whether the disclaimer is the handout's own (so a too-tall footer blames the handout).
    own_disclaimer: bool,
    /// Above the first line, and between lines.
    pad: f32,
    pitch: f32,
    /// From the rule to the foot of the printable area.
    pub height: f32,
}

impl Footer {
    /// The footer of a handout in `lang`, over `width` (the text's width), with the handout's
    /// own disclaimer and review date if it has them.
    pub fn new(
        brand: &Brand,
        lang: &Lang,
        own: OwnFooter,
        s: &Style,
        width: f32,
        m: &Metrics,
    ) -> Footer {
        let parts = [
            brand.phone.as_str(),
            brand.website.printed(),
            &brand.address,
        ];
        let strings = crate::i18n::strings(lang);
        let page_label_room =
            m.bold.width(&strings.page_label(888, 888), s.footer) + s.page.page_label_gap;
        let disclaimer = footnote(brand, lang, own);
        let contact = contact_lines(&parts, width - page_label_room, width, s.footer, m);
        let disclaimer = break_plain(&disclaimer, Face::Regular, width, s.footer, m);
        let (pad, pitch) = (s.page.footer_pad, s.footer * FOOTER_LEADING);
        let lines = (contact.len() + disclaimer.len()) as f32;
        Footer {
            height: pad + lines * pitch,
            pad,
            pitch,
            contact,
            disclaimer,
            own_disclaimer: own.disclaimer.is_some(),
        }
    }

    /// An error at the brand text to shorten if the footer takes more than
    /// [`MAX_FOOTER_SHARE`] of the page `g` describes.
    pub fn check(&self, brand: &Brand, lang: &Lang, g: &Geometry) -> Result<(), LayoutError> {
        let most = g.height * MAX_FOOTER_SHARE;
        if self.height <= most {
            return Ok(());
        }
        let left = match g.body.h {
            h if h >= 1.0 => format!("leave {h:.0} pt for the content"),
            _ => "leave no room for the content".into(),
        };
        let percent = |h: f32| 100.0 * h / g.height;
        let message = format!(
            "the footer would take {:.0} pt, {:.0}% of the page's {:.0} pt height, and {left}; \
             it may take at most {:.0}% ({most:.0} pt)",
            self.height,
            percent(self.height),
            g.height,
            percent(most),
        );
        let fit = ((most - self.pad) / self.pitch).floor();
        let field = self.culprit(brand, lang);
        let help = format!(
            "shorten `{field}`: the footer is printed on every page, and at most {fit:.0} \
             lines of footer text fit ({} now)",
            self.lines()
        );
        let error = match self.own_disclaimer && self.disclaimer.len() >= self.contact.len() {
            true => LayoutError::in_handout(field, message),
            false => LayoutError::in_brand(field, message),
        };
        Err(error.help(help))
    }

    fn lines(&self) -> usize {
        self.contact.len() + self.disclaimer.len()
    }

    /// The brand text that makes the footer tall: the disclaimer (or its translation) unless
    /// the contact line takes more lines, then the longest part of it.
    fn culprit(&self, brand: &Brand, lang: &Lang) -> FieldPath {
        if self.disclaimer.len() >= self.contact.len() {
            return match self.own_disclaimer {
                true => FieldPath::at("disclaimer"),
                false => brand.disclaimer_field(lang),
            };
        }
        let parts = [
            ("phone", brand.phone.as_str()),
            ("website", brand.website.printed()),
            ("address", brand.address.as_str()),
        ];
        let longest = parts.iter().max_by_key(|(_, text)| text.chars().count());
        FieldPath::at(longest.map_or("address", |(key, _)| key))
    }

    /// The footer of page `n` of `count`: its rule at `top`, its text over `span`.
    pub fn items(
        &self,
        cx: &Context,
        top: f32,
        span: Range<f32>,
        n: usize,
        count: usize,
    ) -> Vec<Item> {
        let (m, s) = (cx.metrics, &cx.style);
        let (x, right) = (span.start, span.end);
        let line = s.footer * FOOTER_LEADING;
        let mut items = vec![Item::Line {
            from: (x, top),
            to: (right, top),
            color: s.accent_rule,
            width: s.page.footer_rule,
        }];
        let mut top = top + s.page.footer_pad;
        let label = crate::i18n::strings(cx.lang).page_label(n, count);
        // Never wrapped: room for it was kept beside the contact line.
        let label_line = break_plain(&label, Face::Bold, f32::MAX, s.footer, m);
        let base = baseline(m, Face::Regular, top, line, s.footer);
        if let Some(l) = label_line.first() {
            items.extend(l.place(right - l.width, base, s.footer, s.ink, m));
        }
        for l in &self.contact {
            let base = baseline(m, Face::Regular, top, line, s.footer);
            items.extend(l.place(x, base, s.footer, s.ink, m));
            items.extend(website_link(cx, l, x, top, line));
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

/// The contact line's parts (phone, website, address) set on as few lines as fit: the first
/// `first_width` wide (beside the page label), the others `width`. Lines break between parts,
/// so a phone number or address is never split unless it is wider than a line by itself.
fn contact_lines(
    parts: &[&str],
    first_width: f32,
    width: f32,
    size: f32,
    m: &Metrics,
) -> Vec<Line> {
    let room = |lines: &[Line]| if lines.is_empty() { first_width } else { width };
    let mut lines: Vec<Line> = Vec::new();
    let mut current = String::new();
    for part in parts.iter().map(|p| p.trim()).filter(|p| !p.is_empty()) {
        let joined = match current.is_empty() {
            true => part.to_string(),
            false => format!("{current}{CONTACT_SEPARATOR}{part}"),
        };
        if m.regular.width(&joined, size) <= room(&lines) {
            current = joined;
            continue;
        }
        if !current.is_empty() {
            lines.extend(break_plain(&current, Face::Regular, room(&lines), size, m));
        }
        current = part.to_string();
    }
    if !current.is_empty() {
        lines.extend(break_plain(&current, Face::Regular, room(&lines), size, m));
    }
    lines
}

/// The footer's last text: the disclaimer (the handout's own, else the brand's in `lang`),
/// then "Reviewed Nov 2026" when the handout says when it was reviewed.
fn footnote(brand: &Brand, lang: &Lang, own: OwnFooter) -> String {
    let disclaimer = own.disclaimer.unwrap_or_else(|| brand.texts_for(lang).1);
    match own.reviewed {
        Some(date) => {
            let reviewed = crate::i18n::strings(lang).reviewed_label(&date);
            format!("{} {reviewed}.", disclaimer.trim_end())
        }
        None => disclaimer.to_string(),
    }
}

/// Over the website in a contact line set at `x`, `top`: a link, for the PDF read on a screen.
fn website_link(cx: &Context, l: &Line, x: f32, top: f32, height: f32) -> Option<Item> {
    let (m, size) = (cx.metrics, cx.style.footer);
    let website = cx.brand.website.printed();
    l.runs.iter().find_map(|run| {
        let at = run.text.find(website)?;
        let fm = m.face(run.face);
        let x0 = x + run.x + fm.width(&run.text[..at], size);
        let w = fm.width(website, size);
        Some(Item::Link {
            rect: Rect::new(x0, top, w, height),
            uri: cx.brand.website.link().to_string(),
        })
    })
}

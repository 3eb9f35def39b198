//! Layout: a checked handout in, pages of positioned boxes out.
//!
//! No PDF type appears here, so every decision can be tested on plain data. Lengths are PDF
//! points from the page's top-left corner, y downward; the PDF writer flips y once, to draw.
//!
//! The pipeline inside: [`limits`] refuses a handout far larger than any real one, and
//! [`coverage`] every character the fonts cannot draw; `blocks` turns each block into
//! [`Frame`](paginate::Frame)s (unbreakable slices such as a line pair or a checklist row),
//! `paginate` distributes frames over pages, `page` adds the `header` band and `footer` once the
//! page count is known, a [`draft`] band too; [`mirror`] turns right-to-left pages over; `text`
//! breaks lines (`hyphen`).

pub mod blocks;
pub mod coverage;
pub mod draft;
mod error;
pub mod footer;
pub mod header;
pub mod hyphen;
pub mod lengths;
pub mod limits;
mod line_breaker;
pub mod metrics;
pub mod mirror;
pub mod page;
pub mod paginate;
pub mod style;
pub mod text;

use crate::assets::fonts::Face;
use crate::model::{Brand, Color, Handout, Lang, PageSize, Values};

pub use error::{InFile, LayoutError};
pub use metrics::{Glyph, Metrics};
pub use style::{Edition, Style, StyleWarning};

/// An axis-aligned rectangle: top-left corner, width, height.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Rect {
    pub fn new(x: f32, y: f32, w: f32, h: f32) -> Self {
        Rect { x, y, w, h }
    }

    pub fn right(&self) -> f32 {
        self.x + self.w
    }

    pub fn bottom(&self) -> f32 {
        self.y + self.h
    }

    /// Whether the two rectangles share area (touching edges do not count).
    pub fn overlaps(&self, other: &Rect) -> bool {
        const EPS: f32 = 0.01;
        self.x < other.right() - EPS
            && other.x < self.right() - EPS
            && self.y < other.bottom() - EPS
            && other.y < self.bottom() - EPS
    }

    /// Whether `other` lies wholly inside this rectangle.
    pub fn contains(&self, other: &Rect) -> bool {
        const EPS: f32 = 0.01;
        other.x >= self.x - EPS
            && other.y >= self.y - EPS
            && other.right() <= self.right() + EPS
            && other.bottom() <= self.bottom() + EPS
    }
}

/// A structure role, as PDF 32000-1 (14.8.4) names them: what a piece of content is, for
/// screen readers and reflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    H1,
    H2,
    H3,
    P,
    /// A bulleted list.
    L,
    /// A list whose labels are numbers (1., 2., …): an L that says so.
    NumberedL,
    LI,
    Lbl,
    LBody,
    Table,
    TR,
    TH,
    TD,
    Div,
    Figure,
}

impl Role {
    pub fn name(self) -> &'static str {
        match self {
            Role::H1 => "H1",
            Role::H2 => "H2",
            Role::H3 => "H3",
            Role::P => "P",
            Role::L | Role::NumberedL => "L",
            Role::LI => "LI",
            Role::Lbl => "Lbl",
            Role::LBody => "LBody",
            Role::Table => "Table",
            Role::TR => "TR",
            Role::TH => "TH",
            Role::TD => "TD",
            Role::Div => "Div",
            Role::Figure => "Figure",
        }
    }
}

/// Where content sits in the document's logical structure: the path of elements from the
/// document down, each with a number unique in the handout, e.g.
/// `[(L, 7), (LI, 8), (LBody, 9)]`. Content without a tag (header, footer, rules, tints) is
/// decoration, an artifact in PDF terms.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Tag(pub std::sync::Arc<[(Role, u32)]>);

impl Tag {
    /// The path extended by one element.
    pub fn child(&self, role: Role, id: u32) -> Tag {
        let mut path = self.0.to_vec();
        path.push((role, id));
        Tag(path.into())
    }
}

/// A run of text in one face and size, on one baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    /// Left edge of the first glyph.
    pub x: f32,
    pub baseline: f32,
    pub face: Face,
    pub size: f32,
    pub color: Color,
    pub text: String,
    /// `text` shaped, in visual order (`rtl`: right to left); `width` sums their advances.
    pub glyphs: Vec<Glyph>,
    pub rtl: bool,
    pub width: f32,
    /// Font ascender and descender at this size, both positive.
    pub ascent: f32,
    pub descent: f32,
    /// Its place in the document structure; `None` for headers, footers and decoration.
    pub tag: Option<Tag>,
}

/// Which picture an [`Item::Image`] shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageRef {
    /// The brand's logo.
    Logo,
    /// The image block at this index of the handout's blocks.
    Block(usize),
    /// The QR code of the header, drawn as vector squares.
    Qr,
}

/// A fillable form field over something drawn (a check box or a write-in line).
#[derive(Debug, Clone, PartialEq)]
pub struct FormField {
    pub kind: FieldKind,
    /// Unique on the page set; shown by form-filling apps.
    pub name: String,
    pub rect: Rect,
    /// The structure element the field belongs in (its table cell or paragraph).
    pub tag: Option<Tag>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    CheckBox,
    Text,
}

/// Something on a page. The last three are not drawn: they mark places for the PDF's
/// outline, links and form fields.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Text(TextRun),
    /// A filled rectangle (bands, tints, bars).
    Fill {
        rect: Rect,
        color: Color,
    },
    /// A rectangle outline (check boxes).
    Stroke {
        rect: Rect,
        color: Color,
        width: f32,
    },
    /// A straight line (rules, write-in lines).
    Line {
        from: (f32, f32),
        to: (f32, f32),
        color: Color,
        width: f32,
    },
    Image {
        image: ImageRef,
        rect: Rect,
        /// For pictures in the content: a Figure with its alternative text.
        figure: Option<(Tag, String)>,
    },
    /// An outline (bookmark) entry pointing here: the title or a heading.
    Anchor {
        title: String,
        x: f32,
        y: f32,
    },
    /// A clickable area opening a web address.
    Link {
        rect: Rect,
        uri: String,
    },
    Field(FormField),
}

impl Item {
    /// Tags text and form fields that have no tag yet (figures keep theirs): for marking a
    /// block's content once it is laid out.
    pub fn tag_text(&mut self, tag: &Tag) {
        match self {
            Item::Text(t) if t.tag.is_none() => t.tag = Some(tag.clone()),
            Item::Field(f) if f.tag.is_none() => f.tag = Some(tag.clone()),
            _ => {}
        }
    }

    /// Drops the structure tag: for content repeated on a page, such as a table header.
    pub fn untag(&mut self) {
        match self {
            Item::Text(t) => t.tag = None,
            Item::Image { figure, .. } => *figure = None,
            _ => {}
        }
    }

    /// The area the item covers on the page (text: from ascender to descender).
    pub fn bounds(&self) -> Rect {
        match self {
            Item::Text(t) => Rect::new(t.x, t.baseline - t.ascent, t.width, t.ascent + t.descent),
            Item::Fill { rect, .. } | Item::Image { rect, .. } | Item::Link { rect, .. } => *rect,
            Item::Field(f) => f.rect,
            Item::Anchor { x, y, .. } => Rect::new(*x, *y, 0.0, 0.0),
            Item::Stroke { rect, width, .. } => Rect::new(
                rect.x - width / 2.0,
                rect.y - width / 2.0,
                rect.w + width,
                rect.h + width,
            ),
            Item::Line {
                from, to, width, ..
            } => {
                let (x0, x1) = (from.0.min(to.0), from.0.max(to.0));
                let (y0, y1) = (from.1.min(to.1), from.1.max(to.1));
                Rect::new(
                    x0 - width / 2.0,
                    y0 - width / 2.0,
                    x1 - x0 + width,
                    y1 - y0 + width,
                )
            }
        }
    }

    /// Moves the item down by `dy`.
    pub fn shift_y(&mut self, dy: f32) {
        match self {
            Item::Text(t) => t.baseline += dy,
            Item::Fill { rect, .. }
            | Item::Stroke { rect, .. }
            | Item::Image { rect, .. }
            | Item::Link { rect, .. } => rect.y += dy,
            Item::Field(f) => f.rect.y += dy,
            Item::Anchor { y, .. } => *y += dy,
            Item::Line { from, to, .. } => {
                from.1 += dy;
                to.1 += dy;
            }
        }
    }
}

/// One finished page.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub width: f32,
    pub height: f32,
    pub items: Vec<Item>,
    /// Where the running header ends and the footer begins, so the PDF can mark their
    /// decoration as page headers and footers (PDF/UA, Matterhorn checkpoint 18).
    pub furniture: Furniture,
}

/// The bands at the top and foot of a page that repeat on every page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Furniture {
    /// Decoration entirely above this is the page header.
    pub header_bottom: f32,
    /// Decoration entirely below this is the page footer.
    pub footer_top: f32,
}

impl Furniture {
    /// A page without header or footer (a blank page of a print job, a test page).
    pub const NONE: Furniture = Furniture {
        header_bottom: f32::NEG_INFINITY,
        footer_top: f32::INFINITY,
    };

    /// Which band the decoration `item` belongs to, if it lies wholly in one.
    pub fn band_of(&self, item: &Item) -> Option<Band> {
        let b = item.bounds();
        if b.bottom() <= self.header_bottom {
            Some(Band::Header)
        } else if b.y >= self.footer_top {
            Some(Band::Footer)
        } else {
            None
        }
    }
}

/// The page header or the page footer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Band {
    Header,
    Footer,
}

impl Page {
    /// All text on the page in drawing order, for tests and checks.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for item in &self.items {
            if let Item::Text(t) = item {
                out.push_str(&t.text);
                out.push('\n');
            }
        }
        out
    }
}

/// Pixel size of each picture a handout uses, so layout can keep aspect ratios.
#[derive(Debug, Clone, Default)]
pub struct ImageSizes {
    pub logo: (u32, u32),
    /// Indexed like the handout's blocks; `None` for blocks that are not images.
    pub blocks: Vec<Option<(u32, u32)>>,
}

/// Everything layout needs besides the handout itself.
pub struct Context<'a> {
    pub metrics: &'a Metrics<'a>,
    pub brand: &'a Brand,
    pub page_size: PageSize,
    pub style: Style,
    pub images: &'a ImageSizes,
    /// Values to write into `fields` lines (personalised copies); empty for a blank handout.
    pub values: &'a Values,
    /// The QR code for the header, if any: its web address and modules across.
    pub qr: Option<(&'a str, usize)>,
    /// The handout's language tag (`en-US`, `es`): picks the tool's own words and the
    /// brand's translated texts.
    pub lang: &'a Lang,
    /// Numbers for structure elements, unique within the handout.
    pub ids: std::cell::Cell<u32>,
    /// What layout had to give up on the way, for the caller to report as warnings.
    pub shortfalls: std::cell::RefCell<Vec<Shortfall>>,
}

/// Something layout left out or cut to make the page work, which the user should hear
/// about: the caller turns each into a located warning.
#[derive(Debug, Clone, PartialEq)]
pub enum Shortfall {
    /// The clinic name needs more room than the header has; only `printed` is printed.
    ClinicNameCut { printed: String },
    /// The tagline needs more room than the header has; only `printed` is printed.
    TaglineCut { printed: String },
    /// The QR code's squares would be `module` pt, too small to scan from paper: left out.
    QrTooDense { module: f32, min: f32 },
}

impl Context<'_> {
    /// Notes something layout gave up, once.
    pub fn fall_short(&self, shortfall: Shortfall) {
        let mut all = self.shortfalls.borrow_mut();
        if !all.contains(&shortfall) {
            all.push(shortfall);
        }
    }

    /// A new structure element number.
    pub fn new_id(&self) -> u32 {
        let id = self.ids.get() + 1;
        self.ids.set(id);
        id
    }
}

/// Where things may go on a page.
#[derive(Debug, Clone, Copy)]
pub struct Geometry {
    pub width: f32,
    pub height: f32,
    /// Nothing at all is drawn outside this (office printers cannot print to the edge).
    pub printable: Rect,
    /// Flowing content goes here, between header and footer.
    pub body: Rect,
}

/// A handout laid out, with what a check of its page breaks needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Laid {
    pub pages: Vec<Page>,
    /// Where flowing content goes on every page, between header and footer.
    pub body: Rect,
    /// For each page, the blocks placed first and last on it (`None` for the title). A page
    /// that starts with the block the page before ends with continues it; else that block
    /// moved there whole.
    pub first_blocks: Vec<Option<usize>>,
    pub last_blocks: Vec<Option<usize>>,
}

/// Lays out a handout into pages. A handout past the [`limits`] is refused first, with every
/// list past them; then all characters the fonts lack are reported at once; a layout
/// problem (content taller than a page, too many pages) stops at the first.
pub fn layout(handout: &Handout, cx: &Context) -> Result<Vec<Page>, Vec<LayoutError>> {
    layout_traced(handout, cx).map(|laid| laid.pages)
}

/// Lays out a handout like [`layout`], and tells where each page starts.
pub fn layout_traced(handout: &Handout, cx: &Context) -> Result<Laid, Vec<LayoutError>> {
    let too_big = limits::check(handout);
    if !too_big.is_empty() {
        return Err(too_big);
    }
    let mut missing = coverage::handout_texts(handout, cx.metrics);
    missing.extend(coverage::translated_texts(cx.brand, cx.lang, cx.metrics));
    if !missing.is_empty() {
        return Err(missing);
    }
    let own = footer::OwnFooter {
        disclaimer: handout.disclaimer.as_deref(),
        reviewed: handout.reviewed,
    };
    let mut page = page::PageFrame::new(cx, own).map_err(|e| vec![e])?;
    let draft = draft::DraftBand::reserve(handout, cx, &mut page.geometry).map_err(|e| vec![e])?;
    let geometry = page.geometry;
    let frames = handout_frames(handout, cx, &geometry).map_err(|e| vec![e])?;
    let bodies = paginate::paginate_saving(frames, &geometry).map_err(|e| vec![e])?;
    let count = bodies.len();
    let first_blocks = bodies.iter().map(|b| b.first_block).collect();
    let last_blocks = bodies.iter().map(|b| b.last_block).collect();
    let pages = bodies
        .into_iter()
        .enumerate()
        .map(|(i, body)| page.finish(draft::before(&draft, cx, body.items), i + 1, count))
        .collect();
    Ok(Laid {
        pages: mirror::for_language(cx.lang, pages),
        body: geometry.body,
        first_blocks,
        last_blocks,
    })
}

/// The frames of the title and every block, in order, with the gaps between blocks. A
/// paragraph ending in a colon ("They may include:") introduces what follows, so it keeps
/// with it.
fn handout_frames(
    handout: &Handout,
    cx: &Context,
    geometry: &Geometry,
) -> Result<Vec<paginate::Frame>, LayoutError> {
    let mut frames = blocks::title_frames(handout, cx, geometry);
    for (index, block) in handout.blocks.iter().enumerate() {
        let mut f = blocks::block_frames(block, index, cx, geometry)?;
        if let Some(first) = f.first_mut() {
            first.space_before = first.space_before.max(cx.style.block_gap);
        }
        let introduces = index + 1 < handout.blocks.len() && blocks::introduces(block);
        if let (Some(last), true) = (f.last_mut(), introduces) {
            last.keep_with_next = true;
        }
        frames.append(&mut f);
    }
    Ok(frames)
}

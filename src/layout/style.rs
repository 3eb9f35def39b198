//! The look of a handout in one place: type sizes, spacing and colours, for each edition
//! (standard or large print, colour or grayscale).
//!
//! Colours are checked for contrast here. Every text colour must reach 4.5:1 against the
//! background it is printed on (WCAG 2 AA for body text). When a brand colour does not, the
//! text colour is darkened (or switched to white or black) until it does, and a warning names
//! the pair, so a pale brand colour never produces an unreadable handout.

pub use super::lengths::{
    ColumnLengths, FieldLengths, HeaderLengths, ListLengths, NoteLengths, PageLengths,
    TableLengths, TitleLengths,
};
use crate::model::{Brand, Color, FieldPath};

/// Contrast every text must reach against its background.
pub const MIN_CONTRAST: f32 = 4.5;

/// Line pitch of titles and headings, as a multiple of their size: tight, as large type
/// needs less space between lines to read as one block.
pub const HEADING_LEADING: f32 = 1.25;
/// Line pitch of subtitles, labels and small titles, as a multiple of their size.
pub const LABEL_LEADING: f32 = 1.3;
/// Line pitch of the footer, as a multiple of its size: as open as body text.
pub const FOOTER_LEADING: f32 = 1.35;
/// The most of a page's height the footer may take. It is printed on every page, so a longer
/// disclaimer or contact line crowds out the content it only supports: a third still leaves a
/// Letter page about 360 pt of content, and a disclaimer that needs more belongs in the
/// handout once, not on every page.
pub const MAX_FOOTER_SHARE: f32 = 1.0 / 3.0;

/// Which variant of a handout to lay out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Edition {
    /// Body text at least 18 pt, headings at least 22 pt (APH large print).
    pub large_print: bool,
    /// No colour at all; light fills, to save toner on black-and-white printers.
    pub grayscale: bool,
}

impl Edition {
    /// Added to output file names so editions never overwrite each other:
    /// `food-list-large-gray.pdf`.
    pub fn suffix(&self) -> &'static str {
        match (self.large_print, self.grayscale) {
            (false, false) => "",
            (true, false) => "-large",
            (false, true) => "-gray",
            (true, true) => "-large-gray",
        }
    }
}

/// Type sizes, lengths and colours of one edition. Standard body text is 13 pt, above the
/// 12 pt floor for older readers; large print is 18 pt.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub body: f32,
    /// Line height as a multiple of the type size.
    pub leading: f32,
    pub title: f32,
    pub subtitle: f32,
    pub heading: f32,
    /// Note titles, column titles, notes titles: a step above body text.
    pub subheading: f32,
    /// Checklist column labels (Never / Sometimes / Often, Mon … Sun).
    pub table_label: f32,
    /// Footer text and the QR code's caption: 10 pt, larger than the 8 pt common in clinic
    /// handouts; 18 pt in large print, like every other character.
    pub footer: f32,
    /// The clinic's name in the header band: as big as one line in the band allows.
    pub clinic_name: f32,
    /// The tagline under the clinic's name.
    pub tagline: f32,
    /// Vertical space between blocks.
    pub block_gap: f32,
    /// Columns narrower than this many times the body size are stacked instead.
    pub min_column_ems: f32,
    /// Margins and footer.
    pub page: PageLengths,
    /// The brand band at the top of every page.
    pub header: HeaderLengths,
    /// The title and subtitle at the top of the first page.
    pub title_area: TitleLengths,
    /// Bulleted and numbered lists.
    pub lists: ListLengths,
    /// The checklist.
    pub table: TableLengths,
    /// Lists side by side.
    pub columns: ColumnLengths,
    /// Write-in fields.
    pub fields: FieldLengths,
    /// Call-out notes and ruled notes lines.
    pub notes: NoteLengths,
    /// Near-black body text.
    pub ink: Color,
    /// Secondary text (subtitle), still well above 4.5:1 on white.
    pub muted: Color,
    /// Table rules and write-in lines.
    pub rule: Color,
    /// Zebra tint of every other checklist row.
    pub zebra: Color,
    /// Headings, numbers, bullets and the title: the brand colour where it reads well.
    pub accent_text: Color,
    /// Strong rules (under column titles, the footer rule, note bars).
    pub accent_rule: Color,
    /// The header band and the text on it.
    pub band: Color,
    pub band_text: Color,
    /// The light tint behind notes and table headers.
    pub tint: Color,
}

/// A brand colour that had to be adjusted for contrast.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StyleWarning {
    /// The brand file's key of the colour: `colors.primary` or `colors.accent`.
    pub field: FieldPath,
    /// What was printed on what, the contrast found and what is done instead.
    pub message: String,
}

impl std::fmt::Display for StyleWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

const WHITE: Color = Color::rgb(0xFF, 0xFF, 0xFF);
const INK: Color = Color::rgb(0x1A, 0x1A, 0x1A);

/// A gray with the same relative luminance as `c`, so contrast ratios are unchanged.
pub fn gray(c: Color) -> Color {
    let l = c.luminance();
    let srgb = if l <= 0.003_130_8 {
        12.92 * l
    } else {
        1.055 * l.powf(1.0 / 2.4) - 0.055
    };
    let v = (srgb * 255.0).round().clamp(0.0, 255.0) as u8;
    Color::rgb(v, v, v)
}

/// A warning for each brand colour that does not reach `MIN_CONTRAST` where it is used.
fn contrast_warnings(brand: &Brand) -> Vec<StyleWarning> {
    let (primary, accent) = (brand.colors.primary, brand.colors.accent);
    // (brand key, where the pair is printed, text colour, background)
    let pairs = [
        (
            "primary",
            "headings (colors.primary on white)",
            primary,
            WHITE,
        ),
        (
            "primary",
            "header text (white on colors.primary)",
            WHITE,
            primary,
        ),
        ("accent", "note text (black on colors.accent)", INK, accent),
    ];
    pairs
        .into_iter()
        .filter(|(_, _, fg, bg)| fg.contrast(*bg) < MIN_CONTRAST)
        .map(|(key, what, fg, bg)| StyleWarning {
            field: FieldPath::at("colors").key(key),
            message: format!(
                "{what}: {fg} on {bg} has a contrast of {:.1}:1, below {MIN_CONTRAST}:1; \
                 a darker or lighter colour is used instead",
                fg.contrast(bg)
            ),
        })
        .collect()
}

/// `c` mixed towards black until it reaches `MIN_CONTRAST` on `background` (or black).
fn darken_for(c: Color, background: Color) -> Color {
    let mut t = 0.0f32;
    let mix = |t: f32| {
        let f = |v: u8| (f32::from(v) * (1.0 - t)).round() as u8;
        Color::rgb(f(c.r), f(c.g), f(c.b))
    };
    while mix(t).contrast(background) < MIN_CONTRAST && t < 1.0 {
        t += 0.05;
    }
    mix(t.min(1.0))
}

impl Style {
    /// The style of an edition for a brand, with warnings about brand colours that had to be
    /// adjusted for contrast.
    pub fn new(brand: &Brand, edition: Edition) -> (Style, Vec<StyleWarning>) {
        let warnings = contrast_warnings(brand);
        let (primary, accent) = (brand.colors.primary, brand.colors.accent);
        let mut s = if edition.large_print {
            Style::large_print()
        } else {
            Style::standard()
        };
        if edition.grayscale {
            // Toner saver: light fills, dark text, no colour anywhere.
            s.accent_text = Color::rgb(0x22, 0x22, 0x22);
            s.accent_rule = Color::rgb(0x55, 0x55, 0x55);
            s.band = Color::rgb(0xE6, 0xE6, 0xE6);
            s.band_text = INK;
            s.tint = Color::rgb(0xF0, 0xF0, 0xF0);
            s.zebra = Color::rgb(0xF5, 0xF5, 0xF5);
        } else {
            s.accent_text = darken_for(primary, WHITE);
            s.accent_rule = primary;
            s.band = primary;
            s.band_text = if WHITE.contrast(primary) >= MIN_CONTRAST {
                WHITE
            } else {
                darken_for(INK, primary)
            };
            s.tint = accent;
        }
        // Body text on the tint must stay readable even with a dark accent colour.
        if s.ink.contrast(s.tint) < MIN_CONTRAST {
            s.tint = Color::rgb(0xF0, 0xF0, 0xF0);
        }
        (s, warnings)
    }

    /// Standard print, in the brand's default colours (used by tests and as a base).
    pub fn standard() -> Style {
        Style {
            body: 13.0,
            leading: 1.35,
            title: 26.0,
            subtitle: 15.0,
            heading: 18.0,
            subheading: 15.0,
            table_label: 12.0,
            footer: 10.0,
            clinic_name: 19.0,
            tagline: 12.0,
            block_gap: 11.0,
            min_column_ems: 15.0,
            page: PageLengths::STANDARD,
            header: HeaderLengths::STANDARD,
            title_area: TitleLengths::STANDARD,
            lists: ListLengths::STANDARD,
            table: TableLengths::STANDARD,
            columns: ColumnLengths::STANDARD,
            fields: FieldLengths::STANDARD,
            notes: NoteLengths::STANDARD,
            ink: INK,
            muted: Color::rgb(0x45, 0x45, 0x45),
            rule: Color::rgb(0x8C, 0x8C, 0x8C),
            zebra: Color::rgb(0xF3, 0xF5, 0xF2),
            accent_text: Color::rgb(0x2E, 0x6B, 0x30),
            accent_rule: Color::rgb(0x2E, 0x6B, 0x30),
            band: Color::rgb(0x2E, 0x6B, 0x30),
            band_text: WHITE,
            tint: Color::rgb(0xE7, 0xF2, 0xE4),
        }
    }

    /// Large print, in the brand's default colours: every value that differs from standard
    /// print is here. Every character on the page is at least 18 pt (body, labels, header,
    /// footer, page number) and headings at least 22 pt (APH); check boxes are at least
    /// 24 pt and ruled lines at least 36 pt apart, for a hand that cannot see fine detail.
    pub fn large_print() -> Style {
        let standard = Style::standard();
        Style {
            body: 18.0,
            leading: 1.35,
            title: 30.0,
            subtitle: 20.0,
            heading: 24.0,
            subheading: 20.0,
            table_label: 18.0,
            footer: 18.0,
            clinic_name: 24.0,
            tagline: 18.0,
            block_gap: 14.0,
            page: standard.page,
            header: HeaderLengths {
                height: 84.0,
                logo_max: 60.0,
                text_lines: 2,
                qr_pad: 5.0,
                qr_side: 60.0,
                caption_width: 140.0,
                ..standard.header
            },
            title_area: standard.title_area,
            lists: ListLengths {
                bullet_indent: 26.0,
                number_indent: 40.0,
                ..standard.lists
            },
            table: TableLengths {
                min_box_column: 56.0,
                min_row: 40.0,
                check_box: 24.0,
                box_stroke: 1.5,
                ..standard.table
            },
            columns: ColumnLengths {
                bullet_indent: 24.0,
                ..standard.columns
            },
            fields: FieldLengths {
                min_row: 40.0,
                min_value: 18.0,
                min_line_gap: 36.0,
                ..standard.fields
            },
            notes: NoteLengths {
                line_pitch: 36.0,
                ..standard.notes
            },
            ..standard
        }
    }

    /// Line height of body text.
    pub fn line(&self) -> f32 {
        self.body * self.leading
    }

    /// Every (text colour, background) pair this style prints, for contrast checks.
    pub fn text_pairs(&self) -> Vec<(&'static str, Color, Color)> {
        vec![
            ("body text", self.ink, WHITE),
            ("secondary text", self.muted, WHITE),
            ("headings", self.accent_text, WHITE),
            ("header text", self.band_text, self.band),
            ("note text", self.ink, self.tint),
            ("table rows", self.ink, self.zebra),
        ]
    }

    /// Whether no colour (only grays) is used.
    pub fn is_gray(&self) -> bool {
        [
            self.ink,
            self.muted,
            self.rule,
            self.zebra,
            self.accent_text,
            self.accent_rule,
            self.band,
            self.band_text,
            self.tint,
        ]
        .iter()
        .all(|c| c.r == c.g && c.g == c.b)
    }
}

impl Default for Style {
    fn default() -> Self {
        Style::standard()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn brand(primary: Color, accent: Color) -> Brand {
        let yaml = format!(
            "clinic: C\nlogo: l.png\ncolors: {{primary: \"{primary}\", accent: \"{accent}\"}}\n\
             phone: p\nwebsite: w.example\naddress: a\nfonts: {{regular: r.ttf, bold: b.ttf}}\ndisclaimer: d\n"
        );
        let mut b: Brand = serde_yaml::from_str(&yaml).unwrap();
        b.dir = PathBuf::new();
        b
    }

    #[test]
    fn every_text_pair_reaches_4_5_to_1_in_every_edition() {
        let brands = [
            brand(Color::rgb(0x2E, 0x6B, 0x30), Color::rgb(0xE7, 0xF2, 0xE4)),
            // A pale brand: light green headings, yellow tint.
            brand(Color::rgb(0x8F, 0xD1, 0x8F), Color::rgb(0xFF, 0xEE, 0x58)),
            // A dark accent.
            brand(Color::rgb(0x10, 0x20, 0x80), Color::rgb(0x30, 0x30, 0x30)),
        ];
        for b in &brands {
            for (large_print, grayscale) in
                [(false, false), (true, false), (false, true), (true, true)]
            {
                let (s, _) = Style::new(
                    b,
                    Edition {
                        large_print,
                        grayscale,
                    },
                );
                for (what, fg, bg) in s.text_pairs() {
                    assert!(
                        fg.contrast(bg) >= MIN_CONTRAST,
                        "{what}: {fg} on {bg} = {:.2}",
                        fg.contrast(bg)
                    );
                }
                assert_eq!(s.is_gray(), grayscale);
                if large_print {
                    assert!(s.body >= 18.0 && s.heading >= 22.0);
                    let sizes = [
                        s.subtitle,
                        s.subheading,
                        s.table_label,
                        s.footer,
                        s.clinic_name,
                        s.tagline,
                        s.fields.min_value,
                    ];
                    assert!(sizes.iter().all(|&size| size >= 18.0), "{sizes:?}");
                    assert!(s.table.check_box >= 24.0 && s.notes.line_pitch >= 36.0);
                }
            }
        }
    }

    #[test]
    fn a_pale_brand_colour_is_named_in_a_warning() {
        let (_, warnings) = Style::new(
            &brand(Color::rgb(0x8F, 0xD1, 0x8F), Color::rgb(0xE7, 0xF2, 0xE4)),
            Edition::default(),
        );
        assert!(
            warnings
                .iter()
                .any(|w| w.field.to_string() == "colors.primary"
                    && w.message.contains("#8FD18F on #FFFFFF")),
            "{warnings:?}"
        );
        assert!(warnings
            .iter()
            .all(|w| w.field.to_string() != "colors.accent"));
        let (_, warnings) = Style::new(
            &brand(Color::rgb(0x2E, 0x6B, 0x30), Color::rgb(0x30, 0x30, 0x30)),
            Edition::default(),
        );
        assert_eq!(
            warnings
                .iter()
                .map(|w| w.field.to_string())
                .collect::<Vec<_>>(),
            ["colors.accent"],
            "{warnings:?}"
        );
        let (_, warnings) = Style::new(
            &brand(Color::rgb(0x2E, 0x6B, 0x30), Color::rgb(0xE7, 0xF2, 0xE4)),
            Edition::default(),
        );
        assert!(warnings.is_empty(), "{warnings:?}");
    }

    #[test]
    fn gray_keeps_luminance() {
        let c = Color::rgb(0x2E, 0x6B, 0x30);
        let g = gray(c);
        assert!((g.luminance() - c.luminance()).abs() < 0.01);
        assert_eq!((g.r, g.g), (g.g, g.b));
    }
}

//! Type sizes, spacing and neutral colours: the look of a handout, in one place.

use crate::model::Color;

/// Sizes in points. Body text is 13 pt, above the 12 pt floor for older readers.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub body: f32,
    /// Line height as a multiple of the type size.
    pub leading: f32,
    pub title: f32,
    pub subtitle: f32,
    pub heading: f32,
    /// Column labels, note titles.
    pub label: f32,
    /// Footer text: 10 pt, larger than the 8 pt common in clinic handouts.
    pub footer: f32,
    /// Vertical space between blocks.
    pub block_gap: f32,
    /// Near-black body text.
    pub ink: Color,
    /// Secondary text (subtitle), still well above 4.5:1 on white.
    pub muted: Color,
    /// Table rules and write-in lines.
    pub rule: Color,
    /// Zebra tint of every other checklist row.
    pub zebra: Color,
}

impl Default for Style {
    fn default() -> Self {
        Style {
            body: 13.0,
            leading: 1.35,
            title: 26.0,
            subtitle: 15.0,
            heading: 18.0,
            label: 13.0,
            footer: 10.0,
            block_gap: 11.0,
            ink: Color::rgb(0x1A, 0x1A, 0x1A),
            muted: Color::rgb(0x45, 0x45, 0x45),
            rule: Color::rgb(0x8C, 0x8C, 0x8C),
            zebra: Color::rgb(0xF3, 0xF5, 0xF2),
        }
    }
}

impl Style {
    /// Line height of body text.
    pub fn line(&self) -> f32 {
        self.body * self.leading
    }
}

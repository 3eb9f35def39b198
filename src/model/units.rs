//! Small value types that YAML strings are parsed into: colours and lengths.
//!
//! Each refuses bad input inside serde (`try_from = "String"`), so serde_yaml reports the error
//! at the line and column of the offending value.

use std::fmt;

use serde::Deserialize;

/// An sRGB colour written as `#RRGGBB`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub struct Color {
    pub r: u8,
    pub g: u8,
    pub b: u8,
}

impl Color {
    pub const fn rgb(r: u8, g: u8, b: u8) -> Self {
        Color { r, g, b }
    }

    /// Each channel as 0.0–1.0, as PDF colour operators want it.
    pub fn unit(self) -> [f32; 3] {
        [self.r, self.g, self.b].map(|c| f32::from(c) / 255.0)
    }

    /// Relative luminance (WCAG 2.x), used for contrast ratios.
    pub fn luminance(self) -> f32 {
        let lin = |c: f32| {
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        let [r, g, b] = self.unit().map(lin);
        0.2126 * r + 0.7152 * g + 0.0722 * b
    }

    /// WCAG contrast ratio between two colours, 1.0 to 21.0.
    pub fn contrast(self, other: Color) -> f32 {
        let (a, b) = (self.luminance(), other.luminance());
        let (hi, lo) = if a > b { (a, b) } else { (b, a) };
        (hi + 0.05) / (lo + 0.05)
    }
}

impl TryFrom<String> for Color {
    type Error = String;

    fn try_from(s: String) -> Result<Self, String> {
        let hex = s.trim();
        let digits = hex.strip_prefix('#').unwrap_or("");
        if digits.len() != 6 || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(format!(
                "invalid colour `{hex}`: expected `#RRGGBB`, six hex digits such as `#2E6B30`"
            ));
        }
        let channel = |i: usize| u8::from_str_radix(&digits[i..i + 2], 16).unwrap_or(0);
        Ok(Color::rgb(channel(0), channel(2), channel(4)))
    }
}

impl fmt::Display for Color {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02X}{:02X}{:02X}", self.r, self.g, self.b)
    }
}

/// A length written with a unit (`3in`, `7.5cm`, `40mm`, `200pt`) or as a share of the text
/// width (`50%`).
#[derive(Clone, Copy, Debug, PartialEq, Deserialize)]
#[serde(try_from = "String")]
pub enum Length {
    /// Absolute length in PDF points (1/72 inch).
    Points(f32),
    /// Fraction of the available width, 0.0–1.0.
    Fraction(f32),
}

impl Length {
    /// The length in points, given the width a percentage refers to.
    pub fn resolve(self, available: f32) -> f32 {
        match self {
            Length::Points(pt) => pt,
            Length::Fraction(f) => f * available,
        }
    }
}

impl TryFrom<String> for Length {
    type Error = String;

    fn try_from(s: String) -> Result<Self, String> {
        let t = s.trim();
        let split = t
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(t.len());
        let (num, unit) = t.split_at(split);
        let expected =
            "expected a number with a unit: `in`, `cm`, `mm`, `pt` or `%` (e.g. `3in`, `50%`)";
        let value: f32 = num
            .parse()
            .map_err(|_| format!("invalid length `{t}`: {expected}"))?;
        let length = match unit.trim() {
            "in" => Length::Points(value * 72.0),
            "cm" => Length::Points(value * 72.0 / 2.54),
            "mm" => Length::Points(value * 72.0 / 25.4),
            "pt" => Length::Points(value),
            "%" => Length::Fraction(value / 100.0),
            _ => return Err(format!("invalid length `{t}`: {expected}")),
        };
        match length {
            Length::Points(p) if p <= 0.0 || p > 5000.0 => Err(format!(
                "invalid length `{t}`: must be above 0 and at most 5000pt"
            )),
            Length::Fraction(f) if f <= 0.0 || f > 1.0 => Err(format!(
                "invalid length `{t}`: a percentage must be above 0% and at most 100%"
            )),
            ok => Ok(ok),
        }
    }
}

/// A calendar date written `YYYY-MM-DD`, such as a handout's last review.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// The date of a Unix timestamp (UTC), for `SOURCE_DATE_EPOCH`.
    pub fn from_unix(seconds: u64) -> Date {
        // Howard Hinnant's days-to-civil algorithm.
        let z = (seconds / 86_400) as i64 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
        Date { year, month, day }
    }

    /// As a PDF date string: `D:YYYYMMDD000000Z`.
    pub fn pdf(&self) -> String {
        format!("D:{:04}{:02}{:02}000000Z", self.year, self.month, self.day)
    }
}

impl TryFrom<String> for Date {
    type Error = String;

    fn try_from(s: String) -> Result<Self, String> {
        let t = s.trim();
        let bad = || format!("invalid date `{t}`: expected `YYYY-MM-DD`, such as `2026-11-30`");
        let parts: Vec<&str> = t.split('-').collect();
        let [y, m, d] = parts.as_slice() else {
            return Err(bad());
        };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(bad());
        }
        let (year, month, day): (u16, u8, u8) = (
            y.parse().map_err(|_| bad())?,
            m.parse().map_err(|_| bad())?,
            d.parse().map_err(|_| bad())?,
        );
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let days = [
            31,
            if leap { 29 } else { 28 },
            31,
            30,
            31,
            30,
            31,
            31,
            30,
            31,
            30,
            31,
        ];
        if !(1..=12).contains(&month) || day == 0 || day > days[usize::from(month - 1)] {
            return Err(format!("invalid date `{t}`: no such day"));
        }
        Ok(Date { year, month, day })
    }
}

/// Paper sizes the clinic prints on.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Default, Deserialize, clap::ValueEnum, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum PageSize {
    /// US Letter, 8.5 × 11 in (612 × 792 pt).
    #[default]
    Letter,
    /// ISO A4, 210 × 297 mm (595.28 × 841.89 pt).
    A4,
}

impl PageSize {
    /// Width and height in points, built in points so Letter is exactly 612 × 792.
    pub fn points(self) -> (f32, f32) {
        match self {
            PageSize::Letter => (612.0, 792.0),
            PageSize::A4 => (595.2756, 841.8898),
        }
    }
}

impl fmt::Display for PageSize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PageSize::Letter => "letter",
            PageSize::A4 => "a4",
        })
    }
}

/// A string-typed schema with a pattern and a description, for the `try_from` types above.
fn string_schema(name: &'static str, pattern: &str, description: &str) -> schemars::Schema {
    let _ = name;
    schemars::json_schema!({
        "type": "string",
        "pattern": pattern,
        "description": description,
    })
}

impl schemars::JsonSchema for Color {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Color".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        string_schema(
            "Color",
            "^#[0-9A-Fa-f]{6}$",
            "A colour as #RRGGBB, such as \"#2E6B30\".",
        )
    }
}

impl schemars::JsonSchema for Length {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Length".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        string_schema(
            "Length",
            r"^\s*[0-9]+(\.[0-9]+)?\s*(in|cm|mm|pt|%)\s*$",
            "A length with a unit: 3in, 7.5cm, 60mm, 200pt, or 50% of the text width.",
        )
    }
}

impl schemars::JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        string_schema(
            "Date",
            r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "A date as YYYY-MM-DD.",
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_parse_and_refuse() {
        assert_eq!(
            Color::try_from("#2E6B30".to_string()),
            Ok(Color::rgb(0x2E, 0x6B, 0x30))
        );
        assert!(Color::try_from("2E6B30".to_string()).is_err());
        assert!(Color::try_from("#2E6B3".to_string()).is_err());
        assert!(Color::try_from("#GGGGGG".to_string()).is_err());
    }

    #[test]
    fn contrast_matches_wcag_examples() {
        let black = Color::rgb(0, 0, 0);
        let white = Color::rgb(255, 255, 255);
        assert!((black.contrast(white) - 21.0).abs() < 0.01);
        assert!((white.contrast(white) - 1.0).abs() < 0.01);
    }

    #[test]
    fn dates_parse_and_convert() {
        let d = Date::try_from("2026-11-30".to_string()).unwrap();
        assert_eq!(d.pdf(), "D:20261130000000Z");
        assert!(Date::try_from("2026-02-29".to_string()).is_err());
        assert!(Date::try_from("2024-02-29".to_string()).is_ok());
        assert!(Date::try_from("30/11/2026".to_string()).is_err());
        // 2026-11-30T00:00:00Z
        assert_eq!(Date::from_unix(1_795_996_800), d);
        assert_eq!(Date::from_unix(0).pdf(), "D:19700101000000Z");
    }

    #[test]
    fn lengths_parse_with_units() {
        assert_eq!(
            Length::try_from("3in".to_string()),
            Ok(Length::Points(216.0))
        );
        assert_eq!(
            Length::try_from("50%".to_string()),
            Ok(Length::Fraction(0.5))
        );
        assert_eq!(
            Length::try_from("72pt".to_string()),
            Ok(Length::Points(72.0))
        );
        assert!(Length::try_from("3 furlongs".to_string()).is_err());
        assert!(Length::try_from("150%".to_string()).is_err());
        assert!(Length::try_from("0in".to_string()).is_err());
        assert!(Length::try_from("".to_string()).is_err());
    }
}

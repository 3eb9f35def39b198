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

/// A calendar date, such as a handout's last review, written `YYYY-MM-DD`. Years run from 1
/// to 9999: PDF dates (`D:YYYYMMDD…`) and ISO 8601 dates in XMP have four digits of year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

/// Why numbers are not a date a PDF can hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateError {
    /// Year 0, or after 9999.
    YearOutOfRange(i64),
    /// A month or day that does not exist, such as `2026-02-29`.
    NoSuchDay,
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateError::YearOutOfRange(year) => write!(
                f,
                "year {year} is outside 1 to 9999, the years a PDF date can hold"
            ),
            DateError::NoSuchDay => f.write_str("no such day"),
        }
    }
}

impl Date {
    /// The last second a date can hold: 9999-12-31T23:59:59Z, in Unix time.
    pub const LAST_UNIX_SECOND: u64 = 253_402_300_799;

    /// The date `year`-`month`-`day`, if the calendar has it and the year is 1 to 9999.
    pub fn new(year: u16, month: u8, day: u8) -> Result<Date, DateError> {
        if !(1..=9999).contains(&year) {
            return Err(DateError::YearOutOfRange(i64::from(year)));
        }
        let leap =
            year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return Err(DateError::NoSuchDay),
        };
        if day == 0 || day > days_in_month {
            return Err(DateError::NoSuchDay);
        }
        Ok(Date { year, month, day })
    }

    /// The date of a Unix timestamp (UTC), for `SOURCE_DATE_EPOCH`; an error after
    /// 9999-12-31.
    pub fn from_unix(seconds: u64) -> Result<Date, DateError> {
        // Howard Hinnant's days-to-civil algorithm. At most u64::MAX / 86 400 days, so
        // nothing below overflows an i64.
        let z = (seconds / 86_400) as i64 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        let year = u16::try_from(year).map_err(|_| DateError::YearOutOfRange(year))?;
        // Month and day are in 1..=12 and 1..=31 by construction.
        Date::new(year, month as u8, day as u8)
    }

    pub fn year(self) -> u16 {
        self.year
    }

    pub fn month(self) -> u8 {
        self.month
    }

    pub fn day(self) -> u8 {
        self.day
    }

    /// As ISO 8601: `YYYY-MM-DD`, as XMP metadata writes it.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// As a PDF date string: `D:YYYYMMDD000000Z`.
    pub fn pdf(self) -> String {
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
        let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
        if !(digits(y, 4) && digits(m, 2) && digits(d, 2)) {
            return Err(bad());
        }
        let (year, month, day): (u16, u8, u8) = (
            y.parse().map_err(|_| bad())?,
            m.parse().map_err(|_| bad())?,
            d.parse().map_err(|_| bad())?,
        );
        Date::new(year, month, day).map_err(|e| format!("invalid date `{t}`: {e}"))
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
        assert_eq!((d.year(), d.month(), d.day()), (2026, 11, 30));
        assert_eq!(d.pdf(), "D:20261130000000Z");
        assert_eq!(d.iso(), "2026-11-30");
        assert!(Date::try_from("2026-02-29".to_string()).is_err());
        assert!(Date::try_from("2024-02-29".to_string()).is_ok());
        assert!(Date::try_from("30/11/2026".to_string()).is_err());
        assert!(Date::try_from("+202-11-30".to_string()).is_err());
        // 2026-11-30T00:00:00Z
        assert_eq!(Date::from_unix(1_795_996_800), Ok(d));
        assert_eq!(
            Date::from_unix(0).map(Date::pdf),
            Ok("D:19700101000000Z".into())
        );
    }

    #[test]
    fn dates_stay_within_four_digit_years() {
        assert_eq!(Date::new(0, 1, 1), Err(DateError::YearOutOfRange(0)));
        assert_eq!(
            Date::new(10000, 1, 1),
            Err(DateError::YearOutOfRange(10000))
        );
        assert_eq!(Date::new(2026, 13, 1), Err(DateError::NoSuchDay));
        assert_eq!(Date::new(2026, 4, 31), Err(DateError::NoSuchDay));
        assert_eq!(Date::new(2026, 1, 0), Err(DateError::NoSuchDay));
        assert_eq!(
            Date::try_from("0000-01-01".to_string()),
            Err(
                "invalid date `0000-01-01`: year 0 is outside 1 to 9999, the years a PDF date \
                 can hold"
                    .into()
            )
        );
        let last = Date::from_unix(Date::LAST_UNIX_SECOND);
        assert_eq!(last.map(Date::iso), Ok("9999-12-31".into()));
        assert_eq!(last.map(Date::pdf), Ok("D:99991231000000Z".into()));
        assert_eq!(
            Date::from_unix(Date::LAST_UNIX_SECOND + 1),
            Err(DateError::YearOutOfRange(10000))
        );
        assert!(matches!(
            Date::from_unix(u64::MAX),
            Err(DateError::YearOutOfRange(y)) if y > 10000
        ));
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

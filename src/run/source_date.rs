//! `SOURCE_DATE_EPOCH`: the date of PDFs whose handout has no `reviewed:`, for reproducible
//! builds (<https://reproducible-builds.org/specs/source-date-epoch/>).
//!
//! A face reads the variable once, when it builds the [`Plan`](super::Plan); a value that is
//! not a Unix time a PDF date can hold stops the run before anything is built, as a bad flag
//! does, rather than failing every handout or writing malformed dates.

use std::ffi::OsStr;

use crate::diagnostics::Diagnostic;
use crate::model::Date;

/// The environment variable's name.
pub const SOURCE_DATE_EPOCH: &str = "SOURCE_DATE_EPOCH";

/// The date `SOURCE_DATE_EPOCH` stands for, given its value (`None` when unset). Unset or
/// empty means no date; anything but whole seconds since 1970 up to 9999-12-31 is an error.
pub fn source_date_epoch(value: Option<&OsStr>) -> Result<Option<Date>, Diagnostic> {
    let Some(value) = value else {
        return Ok(None);
    };
    let text = value.to_string_lossy();
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let seconds: u64 = text.parse().map_err(|_| {
        refuse(format!(
            "`{SOURCE_DATE_EPOCH}` must be whole seconds since 1970-01-01 (UTC), found `{text}`"
        ))
    })?;
    let date = Date::from_unix(seconds).map_err(|e| {
        refuse(format!(
            "`{SOURCE_DATE_EPOCH}` is {seconds}, a date a PDF cannot hold: {e}"
        ))
    })?;
    Ok(Some(date))
}

fn refuse(message: String) -> Diagnostic {
    Diagnostic::flag(SOURCE_DATE_EPOCH, message).help(format!(
        "unset it, or set it to a time up to {} (9999-12-31), such as the last commit's: \
         `git log -1 --format=%ct`",
        Date::LAST_UNIX_SECOND
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Origin;

    fn date(value: &str) -> Result<Option<Date>, Diagnostic> {
        source_date_epoch(Some(OsStr::new(value)))
    }

    #[test]
    fn unset_or_empty_is_no_date() {
        assert_eq!(source_date_epoch(None), Ok(None));
        assert_eq!(date(""), Ok(None));
        assert_eq!(date("  "), Ok(None));
    }

    #[test]
    fn seconds_up_to_9999_12_31_are_a_date() {
        assert_eq!(
            date("1795996800").map(|d| d.map(Date::iso)),
            Ok(Some("2026-11-30".into()))
        );
        assert_eq!(
            date(" 0 ").map(|d| d.map(Date::iso)),
            Ok(Some("1970-01-01".into()))
        );
        let last = date(&Date::LAST_UNIX_SECOND.to_string());
        assert_eq!(
            last.map(|d| d.map(Date::iso)),
            Ok(Some("9999-12-31".into()))
        );
    }

    #[test]
    fn other_values_are_a_setup_error_naming_the_variable() {
        for value in [
            "253402300800",
            "18446744073709551615",
            "-1",
            "1e9",
            "soon",
            "99999999999999999999",
        ] {
            let d = date(value).unwrap_err();
            assert_eq!(d.origin, Origin::Flag, "{value}");
            assert_eq!(d.file, std::path::Path::new(SOURCE_DATE_EPOCH), "{value}");
            assert!(d.message.contains("`SOURCE_DATE_EPOCH`"), "{}", d.message);
        }
        assert_eq!(
            date("253402300800").unwrap_err().message,
            "`SOURCE_DATE_EPOCH` is 253402300800, a date a PDF cannot hold: year 10000 is \
             outside 1 to 9999, the years a PDF date can hold"
        );
    }
}

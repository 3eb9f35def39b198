//! Patient data from a CSV file: one copy per row, columns named like the handout's fields,
//! read with limits and located by line (LF, CRLF and quoted newlines alike).

use std::path::Path;

use super::{copy, Copy};
use crate::assets::read::read_capped;
use crate::diagnostics::Diagnostic;
use crate::model::FieldKey;

/// Largest CSV file we read: a hundred thousand patients fit in a few MiB.
pub const MAX_CSV_BYTES: u64 = 64 * 1024 * 1024;

pub fn read_csv(path: &Path) -> Result<Vec<Copy>, Diagnostic> {
    let at = |msg: String| Diagnostic::new(path, msg);
    let bytes = read_capped(path, MAX_CSV_BYTES, "CSV file").map_err(|e| at(e.0))?;
    let lines = LineIndex::new(&bytes);
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(bytes.as_slice());
    let located = |e: csv::Error| {
        let line = e.position().map(|p| lines.line_of(p.byte()));
        let msg = match e.kind() {
            csv::ErrorKind::Utf8 { .. } => "the CSV file is not UTF-8 text".to_string(),
            csv::ErrorKind::UnequalLengths {
                expected_len, len, ..
            } => format!("this row has {len} values, the header has {expected_len}"),
            _ => e.to_string(),
        };
        match line {
            Some(l) => at(msg).at(l, 1),
            None => at(msg),
        }
    };
    let headers = header_names(reader.headers().map_err(located)?, path)?;
    let mut copies = Vec::new();
    for record in reader.records() {
        let record = record.map_err(located)?;
        let line = record.position().map_or(0, |p| lines.line_of(p.byte()));
        let columns = headers
            .iter()
            .zip(record.iter())
            .filter(|(h, _)| !h.is_empty())
            .map(|(h, v)| (h.clone(), v.to_string()))
            .collect();
        copies.push(copy(
            copies.len() + 1,
            path.to_path_buf(),
            Some(line),
            columns,
        ));
    }
    if copies.is_empty() {
        return Err(at("the CSV file has a header but no rows".into()));
    }
    Ok(copies)
}

/// The header row's column names; two columns that fill the same field are refused, since
/// one of their values would be lost.
fn header_names(record: &csv::StringRecord, path: &Path) -> Result<Vec<String>, Diagnostic> {
    let headers: Vec<String> = record
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').to_string())
        .collect();
    if headers.iter().all(|h| h.is_empty()) {
        return Err(Diagnostic::new(path, "the CSV file has no header row")
            .help("the first row names the fields, e.g. `Patient name,Date`"));
    }
    for (i, h) in headers.iter().enumerate().filter(|(_, h)| !h.is_empty()) {
        let key = FieldKey::new(h);
        if let Some(j) = headers[..i].iter().position(|g| FieldKey::new(g) == key) {
            return Err(Diagnostic::new(
                path,
                format!(
                    "columns {} (`{}`) and {} (`{h}`) name the same field; one value would be lost",
                    j + 1,
                    headers[j],
                    i + 1
                ),
            )
            .at(1, 1)
            .help("keep one of them, or rename the other"));
        }
    }
    Ok(headers)
}

/// Line numbers from byte offsets, counted by `\n` alone: right for LF, CRLF (Excel) and
/// newlines inside quoted values alike.
struct LineIndex<'a> {
    bytes: &'a [u8],
    /// Byte offset of the start of each line after the first.
    starts: Vec<u64>,
}

impl<'a> LineIndex<'a> {
    fn new(bytes: &'a [u8]) -> LineIndex<'a> {
        let starts = bytes
            .iter()
            .enumerate()
            .filter(|(_, b)| **b == b'\n')
            .map(|(i, _)| i as u64 + 1)
            .collect();
        LineIndex { bytes, starts }
    }

    /// 1-based line of the record that starts at `offset`. The csv reader ends a record at
    /// `\r` and starts the next one at the `\n` after it, so line ends before the record's
    /// first character are skipped.
    fn line_of(&self, offset: u64) -> usize {
        let skipped = self
            .bytes
            .iter()
            .skip(offset as usize)
            .take_while(|b| matches!(b, b'\r' | b'\n'))
            .count();
        let first = offset + skipped as u64;
        self.starts.partition_point(|&s| s <= first) + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn csv(text: &str) -> Result<Vec<Copy>, Diagnostic> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.csv");
        std::fs::write(&path, text).unwrap();
        read_csv(&path)
    }

    #[test]
    fn csv_lines_are_right_for_lf_crlf_and_quoted_newlines() {
        let lf = "Patient name,Date\nAna,1\n\"Multi\nline\",2\nBo,3\n";
        for text in [lf.to_string(), lf.replace('\n', "\r\n")] {
            let lines: Vec<_> = csv(&text).unwrap().iter().map(|c| c.line).collect();
            assert_eq!(lines, vec![Some(2), Some(3), Some(5)], "{text:?}");
        }
        let err = csv("Patient name,Date\r\nAna,1\r\nBo,2,extra\r\n").unwrap_err();
        assert_eq!(err.location, Some((3, 1)), "{err}");
    }

    #[test]
    fn two_columns_for_one_field_are_refused() {
        let err = csv("Patient name,Date,patient  NAME\nAna,1,Bo\n").unwrap_err();
        assert_eq!(
            err.message,
            "columns 1 (`Patient name`) and 3 (`patient  NAME`) name the same field; \
             one value would be lost"
        );
        assert_eq!(err.location, Some((1, 1)));
    }

    #[test]
    fn decomposed_accents_are_composed() {
        // "José" as macOS exports it: `e` followed by a combining acute accent.
        let copies = csv("Patient name\nJose\u{301}\n").unwrap();
        let name = &copies[0].values[&FieldKey::new("Patient name")];
        assert_eq!(name, "Jos\u{e9}");
    }
}

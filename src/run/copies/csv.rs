//! Patient data from a CSV file: one copy per row, columns named like the handout's fields,
//! read with limits and located by line (LF, CRLF and quoted newlines alike).

use std::path::Path;

use super::{copy, Copy};
use crate::assets::read::read_capped;
use crate::diagnostics::Diagnostic;
use crate::model::FieldKey;

/// Largest CSV file we read: a hundred thousand patients fit in a few MiB.
pub const MAX_CSV_BYTES: u64 = 64 * 1024 * 1024;

/// What a CSV file held: a copy per row with values, and what is worth telling about how it
/// was read (its encoding, the blank rows skipped).
#[derive(Debug)]
pub struct CsvData {
    pub copies: Vec<Copy>,
    pub notes: Vec<Diagnostic>,
}

/// Reads patient data as scheduling systems and spreadsheets export it: UTF-8 with or without
/// a byte-order mark, or Windows-1252; `,`, `;` or tab between values (found from the header
/// row); LF or CRLF; values with line breaks in quotes. Rows with every value blank are
/// skipped and counted. Every problem names its line.
pub fn read_csv(path: &Path) -> Result<CsvData, Diagnostic> {
    let raw =
        read_capped(path, MAX_CSV_BYTES, "CSV file").map_err(|e| Diagnostic::new(path, e.0))?;
    parse_csv(path, &raw)
}

/// Reads patient data already in memory (an upload) as [`read_csv`] reads a file; `path`
/// names it in diagnostics.
pub fn parse_csv(path: &Path, raw: &[u8]) -> Result<CsvData, Diagnostic> {
    let at = |msg: String| Diagnostic::new(path, msg);
    if raw.len() as u64 > MAX_CSV_BYTES {
        return Err(at(format!(
            "the CSV file is larger than {MAX_CSV_BYTES} bytes"
        )));
    }
    let (text, encoding_note) = decode(raw, path);
    let lines = LineIndex::new(text.as_bytes());
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .delimiter(separator(&text))
        .from_reader(text.as_bytes());
    let located = |e: csv::Error| {
        let line = e.position().map(|p| lines.line_of(p.byte()));
        let msg = match e.kind() {
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
    let mut blank = Vec::new();
    let file: std::sync::Arc<Path> = std::sync::Arc::from(path);
    for record in reader.records() {
        let record = record.map_err(located)?;
        let line = record.position().map_or(0, |p| lines.line_of(p.byte()));
        if record.iter().all(str::is_empty) {
            blank.push(line);
            continue;
        }
        let columns = headers
            .iter()
            .zip(record.iter())
            .filter(|(h, _)| !h.is_empty())
            .map(|(h, v)| (h.clone(), v.to_string()))
            .collect();
        let number = copies.len() + 1;
        copies.push(copy(number, file.clone(), Some(line), columns));
    }
    if copies.is_empty() {
        return Err(at("the CSV file has a header but no rows".into()));
    }
    let mut notes: Vec<Diagnostic> = encoding_note.into_iter().collect();
    notes.extend(blank_rows_note(path, &blank));
    Ok(CsvData { copies, notes })
}

/// The text of a CSV file: UTF-8 (a byte-order mark dropped), else Windows-1252, which is what
/// Excel and many scheduling systems on Windows write; the latter with a note, since a file in
/// another encoding would read as wrong accents.
fn decode(raw: &[u8], path: &Path) -> (String, Option<Diagnostic>) {
    let raw = raw.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(raw);
    match std::str::from_utf8(raw) {
        Ok(text) => (text.to_string(), None),
        Err(_) => {
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(raw);
            let note = Diagnostic::new(path, "this file is not UTF-8; it was read as Windows-1252")
                .warning()
                .help("check that accented names look right; save as \"CSV UTF-8\" to be sure");
            (text.into_owned(), Some(note))
        }
    }
}

/// The separator between values: whichever of `,`, `;` and tab the header row has most of,
/// outside quotes (a comma when there is a tie or none).
fn separator(text: &str) -> u8 {
    let mut counts = [(b',', 0), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for c in text.bytes() {
        match c {
            b'\n' if !quoted => break,
            b'"' => quoted = !quoted,
            _ if quoted => {}
            _ => {
                if let Some(entry) = counts.iter_mut().find(|(sep, _)| *sep == c) {
                    entry.1 += 1;
                }
            }
        }
    }
    let best = counts
        .iter()
        .max_by_key(|(_, n)| *n)
        .map_or(b',', |(sep, _)| *sep);
    if counts.iter().all(|(_, n)| *n == 0) {
        b','
    } else {
        best
    }
}

/// A note of the blank rows skipped, with their lines.
fn blank_rows_note(path: &Path, lines: &[usize]) -> Option<Diagnostic> {
    let first = *lines.first()?;
    let list: Vec<String> = lines.iter().take(10).map(ToString::to_string).collect();
    let more = if lines.len() > 10 { ", …" } else { "" };
    let rows = if lines.len() == 1 { "row" } else { "rows" };
    Some(
        Diagnostic::new(
            path,
            format!(
                "{} blank {rows} skipped (line {}{more})",
                lines.len(),
                list.join(", ")
            ),
        )
        .at(first, 1)
        .warning(),
    )
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
        csv_bytes(text.as_bytes()).map(|d| d.copies)
    }

    fn csv_bytes(bytes: &[u8]) -> Result<CsvData, Diagnostic> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.csv");
        std::fs::write(&path, bytes).unwrap();
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

    fn names(data: &CsvData) -> Vec<&str> {
        data.copies
            .iter()
            .map(|c| c.values[&FieldKey::new("Patient name")].as_str())
            .collect()
    }

    #[test]
    fn separators_are_found_from_the_header() {
        for (sep, text) in [
            (',', "Patient name,Date\n\"López, Ana\",1\n"),
            (';', "Patient name;Date\n\"López; Ana\";1\n"),
            ('\t', "Patient name\tDate\nLópez, Ana\t1\n"),
        ] {
            let data = csv_bytes(text.as_bytes()).unwrap();
            assert_eq!(names(&data).len(), 1, "{sep:?}");
            assert!(
                names(&data)[0].starts_with("López"),
                "{sep:?}: {:?}",
                names(&data)
            );
        }
        assert_eq!(separator("a;b,c;d\n"), b';');
        assert_eq!(separator("\"a;b;c\",d\n"), b',');
        assert_eq!(separator("name\n"), b',');
    }

    #[test]
    fn windows_1252_is_read_and_said() {
        // "José Núñez" as Excel on Windows saves it: é = E9, ú = FA, ñ = F1.
        let bytes = b"Patient name;Date\r\nJos\xE9 N\xFA\xF1ez;1\r\n";
        let data = csv_bytes(bytes).unwrap();
        assert_eq!(names(&data), ["José Núñez"]);
        assert_eq!(data.notes.len(), 1);
        assert!(data.notes[0].message.contains("read as Windows-1252"));
        // UTF-8 with a byte-order mark: no note, and the mark is not part of the first column.
        let data = csv_bytes("\u{feff}Patient name\nJosé\n".as_bytes()).unwrap();
        assert_eq!((names(&data), data.notes.len()), (vec!["José"], 0));
    }

    #[test]
    fn blank_rows_are_skipped_and_counted() {
        let data = csv_bytes(b"Patient name,Date\nAna,1\n,\n , \nBo,2\n").unwrap();
        assert_eq!(names(&data), ["Ana", "Bo"]);
        assert_eq!(
            data.copies[1].number, 2,
            "copies are numbered without the blank rows"
        );
        assert_eq!(data.copies[1].line, Some(5));
        let note = &data.notes[0];
        assert_eq!(note.message, "2 blank rows skipped (line 3, 4)");
        assert_eq!(note.location, Some((3, 1)));
    }
}

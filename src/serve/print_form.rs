//! The print form as sent: read from the multipart body with caps, then turned into the
//! library's [`Plan`], as `build --data … --one-file … ` would be, but kept in memory.

use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::multipart::{Field, Multipart};
use axum::http::StatusCode;
use axum::response::Response;

use handout::diagnostics::Diagnostic;
use handout::layout::Edition;
use handout::run::copies::DEFAULT_TEMPLATE;
use handout::run::{Action, CopiesPlan, DataSource, Plan};

use super::safety::refuse;
use super::state::App;

/// Largest CSV upload: a day of a few thousand patients.
pub const MAX_CSV: usize = 1024 * 1024;
/// Largest value of any other field of the form.
const MAX_VALUE: usize = 4 * 1024;
/// What the typed values are called in problems about them.
pub const TYPED: &str = "typed values";

/// What the user asked for.
#[derive(Default)]
pub struct PrintForm {
    pub token: String,
    /// Names of the handouts chosen (`food-list.yaml`).
    pub handouts: Vec<String>,
    /// A language folder, or empty for the handouts as they are.
    pub language: String,
    pub large_print: bool,
    pub grayscale: bool,
    pub duplex: bool,
    /// Typed values by field label, in the form's order.
    pub values: Vec<(String, String)>,
    /// Today's CSV: its file name (for problems) and bytes.
    pub csv: Option<(String, Vec<u8>)>,
}

/// Reads the form; a body or field over its cap is refused whole.
pub async fn read(mut multipart: Multipart) -> Result<PrintForm, Response> {
    let mut form = PrintForm::default();
    let unreadable = |e: axum::extract::multipart::MultipartError| {
        refuse(
            e.status(),
            "Form not read",
            "The form could not be read. Is the CSV file too large (1 MB at most)?",
        )
    };
    while let Some(field) = multipart.next_field().await.map_err(unreadable)? {
        let name = field.name().unwrap_or_default().to_string();
        if name == "csv" {
            let file = field
                .file_name()
                .map(file_name)
                .unwrap_or_else(|| "upload.csv".into());
            let bytes = capped(field, MAX_CSV).await?;
            if !bytes.is_empty() {
                form.csv = Some((file, bytes));
            }
            continue;
        }
        let bytes = capped(field, MAX_VALUE).await?;
        let value = String::from_utf8_lossy(&bytes).trim().to_string();
        match name.as_str() {
            "token" => form.token = value,
            "handout" => form.handouts.push(value),
            "language" => form.language = value,
            "large_print" => form.large_print = true,
            "grayscale" => form.grayscale = true,
            "duplex" => form.duplex = true,
            _ => {
                if let Some(label) = name.strip_prefix("field:") {
                    form.values.push((label.to_string(), value));
                }
            }
        }
    }
    Ok(form)
}

/// A field's bytes, refused past `cap`.
async fn capped(mut field: Field<'_>, cap: usize) -> Result<Vec<u8>, Response> {
    let mut bytes = Vec::new();
    loop {
        let chunk = field.chunk().await.map_err(|e| {
            refuse(
                e.status(),
                "Form not read",
                "The form could not be read. Is the CSV file too large (1 MB at most)?",
            )
        })?;
        let Some(chunk) = chunk else { return Ok(bytes) };
        if bytes.len() + chunk.len() > cap {
            return Err(refuse(
                StatusCode::PAYLOAD_TOO_LARGE,
                "Too large",
                "A file or value of the form is too large: a CSV file can be 1 MB at most.",
            ));
        }
        bytes.extend_from_slice(&chunk);
    }
}

/// The last part of an uploaded file's name, as problems name it: no folders, short.
fn file_name(given: &str) -> String {
    let last = given.rsplit(['/', '\\']).next().unwrap_or(given);
    let clean: String = last.chars().filter(|c| !c.is_control()).take(80).collect();
    if clean.trim().is_empty() {
        "upload.csv".into()
    } else {
        clean
    }
}

impl PrintForm {
    /// Whether a value was typed.
    pub fn typed_any(&self) -> bool {
        self.values.iter().any(|(_, v)| !v.is_empty())
    }

    /// The typed values as a one-row CSV, with the language as its `Language` column: one
    /// code path in the library for a typed patient and a day's list alike.
    pub fn typed_csv(&self) -> Vec<u8> {
        let mut header: Vec<&str> = self.values.iter().map(|(l, _)| l.as_str()).collect();
        let mut row: Vec<&str> = self.values.iter().map(|(_, v)| v.as_str()).collect();
        if !self.language.is_empty() {
            header.push("Language");
            row.push(&self.language);
        }
        let mut writer = csv::Writer::from_writer(Vec::new());
        // Writing to memory cannot fail.
        let _ = writer
            .write_record(&header)
            .and_then(|_| writer.write_record(&row));
        writer.into_inner().unwrap_or_default()
    }

    /// The plan: the chosen handouts, as copies from the CSV (or the typed values), as one
    /// print job handed back in memory.
    pub fn plan(&self, app: &App, inputs: Vec<PathBuf>) -> Result<Plan, Diagnostic> {
        let data = match &self.csv {
            Some((name, bytes)) => DataSource::Bytes {
                name: name.into(),
                bytes: Arc::from(bytes.as_slice()),
            },
            None => DataSource::Bytes {
                name: TYPED.into(),
                bytes: self.typed_csv().into(),
            },
        };
        Ok(Plan {
            inputs,
            brand: app.brand.clone(),
            page_size: None,
            edition: Edition {
                large_print: self.large_print,
                grayscale: self.grayscale,
            },
            action: Action::Return,
            copies: Some(CopiesPlan {
                data: Some(data),
                sets: Vec::new(),
                name_template: DEFAULT_TEMPLATE
                    .parse()
                    .map_err(|e: String| Diagnostic::internal(&app.brand, e))?,
                one_file: None,
                duplex: self.duplex,
            }),
            shard: None,
            jobs: None,
            max_grade: 8.0,
            date_fallback: app.date_fallback,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_values_become_one_quoted_row_with_the_language() {
        let form = PrintForm {
            values: vec![
                ("Patient name".into(), "López, Ana \"Ani\"".into()),
                ("Date".into(), String::new()),
            ],
            language: "es".into(),
            ..PrintForm::default()
        };
        let csv = String::from_utf8(form.typed_csv()).unwrap();
        assert_eq!(
            csv,
            "Patient name,Date,Language\n\"López, Ana \"\"Ani\"\"\",,es\n"
        );
        assert_eq!(file_name("C:\\Users\\desk\\today.csv"), "today.csv");
        assert_eq!(file_name("../../x/y.csv"), "y.csv");
    }
}

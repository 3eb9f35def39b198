//! The write page's HTML: the handout picker, the text area with its problems beside it,
//! and the preview with reading grades.

use handout::diagnostics::Diagnostic;
use handout::readability::{spanish, Readability, Scores};

use super::catalogue::{language_name, Catalogue};
use super::html::{esc, page, problems, query_value, Tab};
use super::svg::base64;
use super::write::Checked;

/// The reading grade patient materials aim at (the command line's `--max-grade` default).
pub const GOAL_GRADE: f32 = 8.0;

/// What happened to the file.
pub enum Saved {
    Opened,
    Checked,
    Written,
    /// Not written: the text has errors.
    Refused,
    Failed(String),
}

pub struct Editor<'a> {
    pub name: &'a str,
    pub text: &'a str,
    pub token: &'a str,
    pub saved: Saved,
}

/// A menu of every handout file, to open one.
pub fn picker(catalogue: &Catalogue, current: Option<&str>) -> String {
    let options: String = catalogue
        .entries
        .iter()
        .map(|e| {
            let selected = if Some(e.name.as_str()) == current {
                " selected"
            } else {
                ""
            };
            let language = e
                .folder
                .as_deref()
                .map(|f| format!(" ({})", language_name(f)))
                .unwrap_or_default();
            format!(
                "<option value=\"{}\"{selected}>{}{} — {}</option>",
                esc(&e.name),
                esc(&e.title),
                esc(&language),
                esc(&e.name)
            )
        })
        .collect();
    let form = format!(
        "<form method=\"get\" action=\"/write\" class=\"picker\"><p><label for=\"file\">Handout</label>\
         <select id=\"file\" name=\"file\">{options}</select> <button type=\"submit\">Open</button></p></form>"
    );
    match current {
        Some(_) => form,
        None => page(
            "Write",
            Tab::Write,
            &format!("<h1>Write a handout</h1>{form}"),
        ),
    }
}

pub fn editor(catalogue: &Catalogue, editor: &Editor, checked: &Checked) -> String {
    let errors: Vec<&Diagnostic> = checked.problems.iter().filter(|d| d.is_error()).collect();
    let warnings: Vec<&Diagnostic> = checked.problems.iter().filter(|d| !d.is_error()).collect();
    let main = format!(
        "<h1>Write a handout</h1>{}{}<div class=\"editor\"><form method=\"post\" action=\"/write\" class=\"text\">\
         <input type=\"hidden\" name=\"token\" value=\"{}\"><input type=\"hidden\" name=\"file\" value=\"{}\">\
         <p><label for=\"yaml\">Text of <code>{}</code> (YAML)</label></p>\
         <textarea id=\"yaml\" name=\"yaml\" rows=\"30\" cols=\"72\" spellcheck=\"false\" \
         aria-describedby=\"status\">{}</textarea>\
         <p><button type=\"submit\" name=\"action\" value=\"save\">Save</button> \
         <button type=\"submit\" name=\"action\" value=\"check\" class=\"secondary\">Check without saving</button></p>\
         </form><div class=\"beside\">{}{}{}</div></div>",
        picker(catalogue, Some(editor.name)),
        status(editor, errors.len()),
        esc(editor.token),
        esc(editor.name),
        esc(editor.name),
        esc(editor.text),
        problems(&errors, "errors", "Errors"),
        problems(&warnings, "warnings", "Warnings"),
        preview(editor.name, checked),
    );
    page("Write", Tab::Write, &main)
}

/// One line on what happened to the file, announced to screen readers.
fn status(editor: &Editor, errors: usize) -> String {
    let (class, text) = match &editor.saved {
        Saved::Opened if errors > 0 => (
            "bad",
            format!(
                "This file has {errors} {}; fix {} and save.",
                plural(errors, "error"),
                if errors == 1 { "it" } else { "them" }
            ),
        ),
        Saved::Opened => ("ok", "Opened. Edit the text, then save.".to_string()),
        Saved::Checked if errors > 0 => (
            "bad",
            format!("Checked, not saved: {errors} {}.", plural(errors, "error")),
        ),
        Saved::Checked => ("ok", "Checked, no errors. Not saved yet.".to_string()),
        Saved::Written => ("ok", format!("Saved {}.", editor.name)),
        Saved::Refused => (
            "bad",
            format!(
                "Not saved: {errors} {} (listed beside the text). The file on disk is unchanged.",
                plural(errors, "error")
            ),
        ),
        Saved::Failed(why) => ("bad", format!("Not saved: {why}")),
    };
    format!(
        "<p id=\"status\" class=\"status {class}\" role=\"status\">{}</p>",
        esc(&text)
    )
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        word.to_string()
    } else {
        format!("{word}s")
    }
}

/// The pages as pictures, the reading grades, and the saved file's PDF.
fn preview(name: &str, checked: &Checked) -> String {
    if !checked.valid {
        return "<section aria-labelledby=\"preview\"><h2 id=\"preview\">Preview</h2>\
                <p>The preview shows once the errors are fixed.</p></section>"
            .into();
    }
    let count = checked.pages.len();
    let pages: String = checked
        .pages
        .iter()
        .enumerate()
        .map(|(i, svg)| {
            format!("<img class=\"page\" src=\"data:image/svg+xml;base64,{}\" alt=\"Page {} of {count}\">", base64(svg.as_bytes()), i + 1)
        })
        .collect();
    format!(
        "<section aria-labelledby=\"grades\"><h2 id=\"grades\">Reading level</h2>{}</section>\
         <section aria-labelledby=\"preview\"><h2 id=\"preview\">Preview</h2>\
         <p><a href=\"/preview.pdf?file={}\">Open the saved file as a PDF</a></p><div class=\"pages\">{pages}</div></section>",
        grades(checked.readability),
        query_value(name)
    )
}

fn grades(r: Option<Readability>) -> String {
    let Some(r) = r else {
        return "<p>The reading level is measured for English and Spanish handouts with prose.</p>"
            .into();
    };
    let verdict = match r.scores {
        Scores::English { .. } => match r.grade() {
            Some(grade) if grade > GOAL_GRADE => format!(
                "above the goal of {GOAL_GRADE}: shorter sentences and shorter words bring it down"
            ),
            _ => format!("at or below the goal of {GOAL_GRADE}"),
        },
        Scores::Spanish { inflesz, .. } if inflesz < spanish::INFLESZ_GOAL => format!(
            "below INFLESZ {}, the “normal” band patient texts should reach",
            spanish::INFLESZ_GOAL
        ),
        Scores::Spanish { .. } => "in the “normal” band or easier".to_string(),
    };
    let described = r.describe();
    let mut first = described.chars();
    let described: String = first
        .next()
        .map(|c| c.to_uppercase().chain(first).collect())
        .unwrap_or_default();
    format!(
        "<p class=\"grade\">{}: {verdict}.</p><dl><dt>Sentences</dt><dd>{}</dd>\
         <dt>Words</dt><dd>{}</dd></dl>",
        esc(&described),
        r.counts.sentences,
        r.counts.words
    )
}

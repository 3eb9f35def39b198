//! The print page's HTML: the handouts as cards, the edition, the patient's values or the
//! day's CSV, and any problems next to what caused them.

use handout::diagnostics::Diagnostic;
use handout::model::FieldKey;

use super::catalogue::{language_name, menu_label, Catalogue, Entry};
use super::html::{esc, page, problems, query_value, Tab};
use super::print_form::{PrintForm, MAX_CSV, TYPED};

/// What to show besides the form.
#[derive(Default)]
pub struct Shown {
    /// Plain notes about the form itself (nothing chosen).
    pub notes: Vec<String>,
    /// Problems as the command line reports them.
    pub problems: Vec<Diagnostic>,
    /// The ticket of the copies that printed, and how many there are.
    pub printed: Option<(String, usize)>,
}

pub fn render(token: &str, catalogue: &Catalogue, form: &PrintForm, shown: &Shown) -> String {
    let labels = labels(catalogue);
    // Problems with a typed value go beside its field; with the CSV, beside the upload.
    let beside_field = |d: &Diagnostic| {
        d.file.as_os_str() == TYPED && labels.iter().any(|l| d.message.contains(&format!("`{l}`")))
    };
    let csv_name = form.csv.as_ref().map(|(name, _)| name.as_str());
    let beside_csv = |d: &Diagnostic| csv_name.is_some_and(|n| d.file.as_os_str() == n);
    let top: Vec<&Diagnostic> = shown
        .problems
        .iter()
        .filter(|d| !beside_field(d) && !beside_csv(d))
        .collect();
    let csv_problems: Vec<&Diagnostic> = shown.problems.iter().filter(|d| beside_csv(d)).collect();
    let main = format!(
        "<h1>Print handouts for a patient</h1>{}\
         <form method=\"post\" action=\"/\" enctype=\"multipart/form-data\">\
         <input type=\"hidden\" name=\"token\" value=\"{}\">{}{}{}{}\
         <p><button type=\"submit\">Make PDF</button></p></form>",
        summary(shown, &top),
        esc(token),
        cards(catalogue, form),
        edition(catalogue, form),
        typed(&labels, form, &shown.problems),
        upload(&csv_problems),
    );
    page("Print", Tab::Print, &main)
}

/// What went wrong, first on the page; and the link to the copies that did print.
fn summary(shown: &Shown, top: &[&Diagnostic]) -> String {
    if shown.notes.is_empty() && shown.problems.is_empty() {
        return String::new();
    }
    let notes: String = shown
        .notes
        .iter()
        .map(|n| format!("<li>{}</li>", esc(n)))
        .collect();
    let printed = match &shown.printed {
        Some((ticket, copies)) => format!(
            "<p class=\"printed\"><a href=\"/printed/{}\">Open the PDF of the {copies} {} that printed</a> \
             (kept for ten minutes). The others are listed here with what to fix.</p>",
            query_value(ticket),
            if *copies == 1 { "copy" } else { "copies" }
        ),
        None => "<p>Nothing was printed. Fix what is listed here and make the PDF again.</p>".into(),
    };
    let notes = if notes.is_empty() {
        String::new()
    } else {
        format!("<ul class=\"notes\">{notes}</ul>")
    };
    format!(
        "<section class=\"alert\" aria-labelledby=\"alert\"><h2 id=\"alert\">Some things need fixing</h2>\
         {printed}{notes}{}</section>",
        problems(top, "problems", "Problems")
    )
}

fn cards(catalogue: &Catalogue, form: &PrintForm) -> String {
    let cards: String = catalogue
        .offered()
        .enumerate()
        .map(|(i, e)| card(i, e, catalogue, form))
        .collect();
    format!("<fieldset><legend>1. Handouts</legend><ul class=\"cards\">{cards}</ul></fieldset>")
}

fn card(i: usize, entry: &Entry, catalogue: &Catalogue, form: &PrintForm) -> String {
    let checked = if form.handouts.contains(&entry.name) {
        " checked"
    } else {
        ""
    };
    // A draft translation is named as one, so nobody prints it for a patient unawares.
    let named = |e: &Entry| match e.draft {
        true => format!("{} (draft)", language_name(&e.lang)),
        false => language_name(&e.lang),
    };
    let mut languages = vec![named(entry)];
    languages.extend(catalogue.translations(entry).map(named));
    let pages = if entry.pages == 1 {
        "1 page".into()
    } else {
        format!("{} pages", entry.pages)
    };
    format!(
        "<li class=\"card\"><input type=\"checkbox\" id=\"h{i}\" name=\"handout\" value=\"{}\"{checked}>\
         <label for=\"h{i}\"><img src=\"/thumb?file={}\" alt=\"\" width=\"150\">\
         <span class=\"title\">{}</span><span class=\"meta\">{pages} · {}</span></label></li>",
        esc(&entry.name),
        query_value(&entry.name),
        esc(&entry.title),
        esc(&languages.join(", "))
    )
}

fn edition(catalogue: &Catalogue, form: &PrintForm) -> String {
    let option = |value: &str, label: &str| {
        let selected = if form.language == value {
            " selected"
        } else {
            ""
        };
        format!(
            "<option value=\"{}\"{selected}>{}</option>",
            esc(value),
            esc(label)
        )
    };
    let mut options = option("", "As written (English)");
    for folder in catalogue.languages() {
        let label = match catalogue.all_drafts(folder) {
            true => format!("{} — draft, not for patients", menu_label(folder)),
            false => menu_label(folder),
        };
        options.push_str(&option(folder, &label));
    }
    let check = |name: &str, on: bool, label: &str| {
        let checked = if on { " checked" } else { "" };
        format!(
            "<p class=\"check\"><input type=\"checkbox\" id=\"{name}\" name=\"{name}\"{checked}>\
             <label for=\"{name}\">{label}</label></p>"
        )
    };
    format!(
        "<fieldset><legend>2. Edition</legend><p><label for=\"language\">Language</label>\
         <select id=\"language\" name=\"language\">{options}</select></p>{}{}{}</fieldset>",
        check("large_print", form.large_print, "Large print"),
        check(
            "grayscale",
            form.grayscale,
            "Grayscale (black-and-white printer)"
        ),
        check(
            "duplex",
            form.duplex,
            "Printed on both sides: each patient's packet starts on a front side"
        ),
    )
}

/// Every field label of the handouts offered, once each, in order.
fn labels(catalogue: &Catalogue) -> Vec<&str> {
    let mut labels: Vec<&str> = Vec::new();
    for label in catalogue.offered().flat_map(|e| e.labels.iter()) {
        if !labels
            .iter()
            .any(|l| FieldKey::new(l) == FieldKey::new(label))
        {
            labels.push(label);
        }
    }
    labels
}

fn typed(labels: &[&str], form: &PrintForm, shown: &[Diagnostic]) -> String {
    let mut fields = String::new();
    for (i, label) in labels.iter().enumerate() {
        let value = form
            .values
            .iter()
            .find(|(l, _)| l == label)
            .map_or("", |(_, v)| v.as_str());
        let mine: Vec<&Diagnostic> = shown
            .iter()
            .filter(|d| d.file.as_os_str() == TYPED && d.message.contains(&format!("`{label}`")))
            .collect();
        let (described, note) = match mine.is_empty() {
            true => (String::new(), String::new()),
            false => (
                format!(" aria-describedby=\"p{i}\" aria-invalid=\"true\""),
                format!(
                    "<div id=\"p{i}\">{}</div>",
                    problems(&mine, &format!("p{i}h"), "Problem")
                ),
            ),
        };
        fields.push_str(&format!(
            "<p><label for=\"f{i}\">{}</label><input type=\"text\" id=\"f{i}\" name=\"field:{}\" \
             value=\"{}\" autocomplete=\"off\"{described}></p>{note}",
            esc(label),
            esc(label),
            esc(value)
        ));
    }
    format!(
        "<fieldset><legend>3. One patient</legend><p class=\"hint\">Fill in what the handouts \
         should show. Leave a field empty to write it in by hand.</p>{fields}</fieldset>"
    )
}

fn upload(csv_problems: &[&Diagnostic]) -> String {
    format!(
        "<fieldset><legend>Or: today's list</legend><p><label for=\"csv\">CSV file, one row per \
         patient</label><input type=\"file\" id=\"csv\" name=\"csv\" accept=\".csv,text/csv\" \
         aria-describedby=\"csv-hint\"></p><p class=\"hint\" id=\"csv-hint\">Columns are named \
         like the fields above; optional columns <code>Handouts</code>, <code>Language</code> \
         and <code>Large print</code> choose per patient. When a file is chosen, the typed \
         values are not used. At most {} MB.</p>{}</fieldset>",
        MAX_CSV / (1024 * 1024),
        problems(csv_problems, "csv-problems", "Problems in the CSV file")
    )
}

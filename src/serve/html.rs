//! HTML as plain functions: one escaping helper, the page around every page's content, and
//! problems shown as `check` shows them (message, line and column, help, the source line).

use handout::diagnostics::{Diagnostic, Severity};

/// Text made safe for HTML and XML, in element content and in quoted attributes alike.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Text for a query string value: letters, digits and `-._~/` as they are, the rest as
/// `%XX`.
pub fn query_value(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Which page is open, for the navigation.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Print,
    Write,
    None,
}

/// A whole page: language, title, the skip link and navigation, and `main`.
pub fn page(title: &str, tab: Tab, main: &str) -> String {
    let link = |href: &str, label: &str, this: Tab| {
        let current = if tab == this {
            " aria-current=\"page\""
        } else {
            ""
        };
        format!("<li><a href=\"{href}\"{current}>{label}</a></li>")
    };
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{} · Handouts</title><link rel=\"stylesheet\" href=\"/static/style.css\"></head>\
         <body><a class=\"skip\" href=\"#main\">Skip to the page</a>\
         <header><nav aria-label=\"Pages\"><ul>{}{}</ul></nav></header>\
         <main id=\"main\" tabindex=\"-1\">{main}</main></body></html>\n",
        esc(title),
        link("/", "Print for a patient", Tab::Print),
        link("/write", "Write a handout", Tab::Write),
    )
}

/// A short page that says why a request was refused or failed.
pub fn message(title: &str, text: &str) -> String {
    page(
        title,
        Tab::None,
        &format!(
            "<h1>{}</h1><p>{}</p><p><a href=\"/\">Back to printing</a></p>",
            esc(title),
            esc(text)
        ),
    )
}

/// Problems as a list: severity, place (`line 3, column 5` or the CSV row), message, help,
/// and the source line with its caret as the command line prints it.
pub fn problems(list: &[&Diagnostic], id: &str, heading: &str) -> String {
    if list.is_empty() {
        return String::new();
    }
    let items: String = list.iter().map(|d| problem(d)).collect();
    format!(
        "<section class=\"problems\" aria-labelledby=\"{id}\"><h2 id=\"{id}\">{}</h2>\
         <ul>{items}</ul></section>",
        esc(heading)
    )
}

fn problem(d: &Diagnostic) -> String {
    let (class, word) = match d.severity {
        Severity::Error => ("error", "Error"),
        Severity::Warning => ("warning", "Warning"),
    };
    let place = match d.location {
        Some((line, column)) => format!("{}, line {line}, column {column}", d.file.display()),
        None => d.file.display().to_string(),
    };
    let help = d
        .help
        .as_deref()
        .map(|h| format!("<p class=\"help\">Help: {}</p>", esc(h)))
        .unwrap_or_default();
    // The command line's own rendering, caret and all, when there is a source line to show.
    let quoted = match &d.snippet {
        Some(_) => format!("<pre>{}</pre>", esc(d.render(false).trim_end())),
        None => String::new(),
    };
    format!(
        "<li class=\"{class}\"><p><strong>{word}</strong> <span class=\"place\">{}</span></p>\
         <p class=\"message\">{}</p>{help}{quoted}</li>",
        esc(&place),
        esc(&d.message)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn markup_is_escaped_everywhere() {
        assert_eq!(query_value("es/a b&c.yaml"), "es/a%20b%26c.yaml");
        assert_eq!(
            esc("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
        let d = Diagnostic::new(Path::new("a.yaml"), "bad <b>")
            .at(2, 1)
            .with_source("x: 1\n<script>\n")
            .help("fix & go");
        let html = problems(&[&d], "p", "Problems");
        assert!(html.contains("a.yaml, line 2, column 1"), "{html}");
        assert!(html.contains("bad &lt;b&gt;"), "{html}");
        assert!(html.contains("Help: fix &amp; go"), "{html}");
        assert!(
            html.contains("&lt;script&gt;") && !html.contains("<script>"),
            "{html}"
        );
    }
}

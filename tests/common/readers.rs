//! Independent readers of our PDFs, none of them our code: qpdf, Ghostscript, MuPDF and
//! poppler (pdffonts, pdftotext). [`check_pdf`] runs them all on one file and returns every
//! problem found, so a failing test prints all of them at once.
//!
//! Needs the Debian packages qpdf, poppler-utils, ghostscript and mupdf-tools; a reader that
//! cannot be run is itself a problem, never a silent pass. `.ci/run` installs them.

use std::fmt;
use std::path::Path;
use std::process::Command;

/// The page sizes we ship, in PDF points.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PageSize {
    Letter,
    A4,
}

impl PageSize {
    /// Width and height in points.
    pub fn points(self) -> (f64, f64) {
        match self {
            PageSize::Letter => (612.0, 792.0),
            PageSize::A4 => (595.28, 841.89),
        }
    }
}

/// The safe area a printer can be trusted with: no word closer than this to an edge, in points.
pub const SAFE_MARGIN: f64 = 18.0;

/// What a good PDF looks like.
pub struct Expect<'a> {
    /// Every page this size, to within 1 pt.
    pub size: PageSize,
    /// Each phrase in the text (case-insensitive, whitespace collapsed, ’ read as ').
    pub phrases: &'a [&'a str],
    /// Every word at least this far from each edge, in points (0.5 pt of slack).
    pub margin: f64,
}

/// One word as pdftotext places it: top-left origin, points.
#[derive(Clone, Debug, PartialEq)]
pub struct Word {
    pub x_min: f64,
    pub y_min: f64,
    pub x_max: f64,
    pub y_max: f64,
    pub text: String,
}

/// One page of `pdftotext -bbox` output.
#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    pub width: f64,
    pub height: f64,
    pub words: Vec<Word>,
}

/// One thing wrong with a PDF. Pages are numbered from 1.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// A reader could not be run, failed, or wrote something we cannot read.
    Tool { tool: &'static str, message: String },
    /// `qpdf --check` failed or warned.
    Qpdf(String),
    /// Ghostscript said something while rendering (any message is a defect a printer may show).
    Ghostscript(String),
    /// MuPDF said something while rendering.
    MuPdf(String),
    /// pdffonts lists no font at all.
    NoFonts,
    /// A pdffonts row (spaces collapsed) whose font is not embedded.
    FontNotEmbedded(String),
    /// A pdffonts row whose font has no ToUnicode map (text would not copy or read aloud).
    FontWithoutToUnicode(String),
    /// An expected phrase is not in pdftotext's text.
    MissingPhrase(String),
    /// pdftotext found no page.
    NoPages,
    WrongPageSize {
        page: usize,
        width: f64,
        height: f64,
        expected: PageSize,
    },
    /// A page without a single word.
    EmptyPage { page: usize },
    OutsideSafeArea {
        page: usize,
        word: Word,
        margin: f64,
    },
    /// Two words on top of each other.
    Overlap { page: usize, a: Word, b: Word },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Tool { tool, message } => write!(f, "{tool}: {message}"),
            Problem::Qpdf(m) => write!(f, "qpdf --check: {m}"),
            Problem::Ghostscript(m) => write!(f, "ghostscript: {m}"),
            Problem::MuPdf(m) => write!(f, "mutool: {m}"),
            Problem::NoFonts => write!(f, "pdffonts: no fonts found"),
            Problem::FontNotEmbedded(row) => write!(f, "font not embedded: {row}"),
            Problem::FontWithoutToUnicode(row) => write!(f, "font without ToUnicode: {row}"),
            Problem::MissingPhrase(p) => write!(f, "text missing: {p:?}"),
            Problem::NoPages => write!(f, "pdftotext found no pages"),
            Problem::WrongPageSize {
                page,
                width,
                height,
                expected,
            } => write!(
                f,
                "page {page}: size {width}x{height}, expected {expected:?}"
            ),
            Problem::EmptyPage { page } => write!(f, "page {page}: no text at all (empty page?)"),
            Problem::OutsideSafeArea { page, word, margin } => write!(
                f,
                "page {page}: word {:?} at ({:.0},{:.0},{:.0},{:.0}) is outside the {margin} pt safe area",
                word.text, word.x_min, word.y_min, word.x_max, word.y_max
            ),
            Problem::Overlap { page, a, b } => {
                write!(f, "page {page}: words overlap: {:?} and {:?}", a.text, b.text)
            }
        }
    }
}

/// Every problem the independent readers find in the PDF at `path`; empty when it is good.
pub fn check_pdf(path: &Path, expect: &Expect) -> Vec<Problem> {
    let mut problems = Vec::new();
    check_structure(path, &mut problems);
    check_fonts(path, &mut problems);
    check_phrases(path, expect.phrases, &mut problems);
    match output_of(
        "pdftotext -bbox",
        run("pdftotext", &["-bbox"], path, &["-"]),
    )
    .and_then(|text| {
        parse_bbox(&text).map_err(|message| Problem::Tool {
            tool: "pdftotext -bbox",
            message,
        })
    }) {
        Ok(pages) => check_pages(&pages, expect, &mut problems),
        Err(p) => problems.push(p),
    }
    problems
}

/// Fails with every problem, one a line, under `what`, if there are any.
#[track_caller]
pub fn assert_no_problems(what: &str, problems: &[String]) {
    assert!(
        problems.is_empty(),
        "{what}: {} problems\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// What a reader wrote, lossily decoded, and whether it exited 0.
struct Ran {
    ok: bool,
    code: String,
    stdout: String,
    stderr: String,
}

/// Runs `tool before… pdf after…`.
fn run(tool: &'static str, before: &[&str], pdf: &Path, after: &[&str]) -> Result<Ran, Problem> {
    let out = Command::new(tool)
        .args(before)
        .arg(pdf)
        .args(after)
        .output()
        .map_err(|e| Problem::Tool {
            tool,
            message: format!("could not run it: {e}"),
        })?;
    Ok(Ran {
        ok: out.status.success(),
        code: out.status.to_string(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    })
}

/// The standard output of a reader that must succeed; its complaint as a problem otherwise.
fn output_of(what: &'static str, ran: Result<Ran, Problem>) -> Result<String, Problem> {
    let r = ran?;
    if r.ok {
        Ok(r.stdout)
    } else {
        Err(Problem::Tool {
            tool: what,
            message: summary(&messages(&r.stderr, |_| false), &r.code),
        })
    }
}

/// The non-empty lines of `text`, minus those `skip` accepts.
fn messages(text: &str, skip: impl Fn(&str) -> bool) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !skip(l))
        .map(String::from)
        .collect()
}

/// The first message and how many more, or the exit status when there is none.
fn summary(msgs: &[String], code: &str) -> String {
    match msgs {
        [] => code.to_string(),
        [one] => one.clone(),
        [first, rest @ ..] => format!("{first} (and {} more lines)", rest.len()),
    }
}

/// qpdf checks the file's structure; Ghostscript and MuPDF render every page and must stay quiet.
fn check_structure(pdf: &Path, problems: &mut Vec<Problem>) {
    match run("qpdf", &["--check"], pdf, &[]) {
        Ok(r) if !r.ok => {
            let msgs = messages(&format!("{}\n{}", r.stderr, r.stdout), |_| false);
            problems.push(Problem::Qpdf(summary(&msgs, &r.code)));
        }
        Ok(_) => {}
        Err(p) => problems.push(p),
    }
    let gs = [
        "-q",
        "-dNOPAUSE",
        "-dBATCH",
        "-dSAFER",
        "-dPDFSTOPONERROR",
        "-sDEVICE=nullpage",
    ];
    match run("gs", &gs, pdf, &[]) {
        Ok(r) => {
            let msgs = messages(&format!("{}\n{}", r.stdout, r.stderr), |_| false);
            if !r.ok || !msgs.is_empty() {
                problems.push(Problem::Ghostscript(summary(&msgs, &r.code)));
            }
        }
        Err(p) => problems.push(p),
    }
    match run(
        "mutool",
        &["draw", "-q", "-o", "/dev/null", "-F", "txt"],
        pdf,
        &[],
    ) {
        Ok(r) => {
            // Debian's MuPDF is built without colour management and says so on every run.
            let msgs = messages(&format!("{}\n{}", r.stdout, r.stderr), |l| {
                l.contains("ICC support is not available")
            });
            if !r.ok || !msgs.is_empty() {
                problems.push(Problem::MuPdf(summary(&msgs, &r.code)));
            }
        }
        Err(p) => problems.push(p),
    }
}

/// Every font embedded and with a ToUnicode map, as pdffonts lists them.
fn check_fonts(pdf: &Path, problems: &mut Vec<Problem>) {
    let listing = match output_of("pdffonts", run("pdffonts", &[], pdf, &[])) {
        Ok(text) => text,
        Err(p) => {
            problems.push(p);
            return;
        }
    };
    // Two header lines, then: name type encoding emb sub uni object ID (type may hold spaces).
    let rows: Vec<&str> = listing
        .lines()
        .skip(2)
        .filter(|l| !l.trim().is_empty())
        .collect();
    if rows.is_empty() {
        problems.push(Problem::NoFonts);
    }
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        if n < 7 {
            problems.push(Problem::Tool {
                tool: "pdffonts",
                message: format!("a row we cannot read: {row}"),
            });
            continue;
        }
        let row = cols.join(" ");
        if cols[n - 5] != "yes" {
            problems.push(Problem::FontNotEmbedded(row.clone()));
        }
        if cols[n - 3] != "yes" {
            problems.push(Problem::FontWithoutToUnicode(row));
        }
    }
}

/// Each phrase somewhere in `pdftotext -layout`'s text, both sides [`normalize`]d.
fn check_phrases(pdf: &Path, phrases: &[&str], problems: &mut Vec<Problem>) {
    let text = match output_of(
        "pdftotext -layout",
        run("pdftotext", &["-layout"], pdf, &["-"]),
    ) {
        Ok(text) => normalize(&text),
        Err(p) => {
            problems.push(p);
            return;
        }
    };
    for phrase in phrases {
        if !text.contains(&normalize(phrase)) {
            problems.push(Problem::MissingPhrase(phrase.to_string()));
        }
    }
}

/// Text as a phrase is looked for in it: a word hyphenated at a line end joined again, the
/// curly apostrophe read as a straight one, lower case, runs of whitespace one space.
pub fn normalize(text: &str) -> String {
    let mut joined = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("-\n") {
        joined.push_str(&rest[..at]);
        // -layout indents the next line: the word goes on after that indent.
        rest = rest[at + 2..].trim_start_matches([' ', '\t']);
    }
    joined.push_str(rest);
    joined
        .replace('\u{2019}', "'")
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Page size, no empty page, every word inside the safe area and none on top of another.
fn check_pages(pages: &[Page], expect: &Expect, problems: &mut Vec<Problem>) {
    if pages.is_empty() {
        problems.push(Problem::NoPages);
    }
    let (want_w, want_h) = expect.size.points();
    let m = expect.margin;
    for (i, page) in pages.iter().enumerate() {
        let n = i + 1;
        if (page.width - want_w).abs() > 1.0 || (page.height - want_h).abs() > 1.0 {
            problems.push(Problem::WrongPageSize {
                page: n,
                width: page.width,
                height: page.height,
                expected: expect.size,
            });
        }
        if page.words.is_empty() {
            problems.push(Problem::EmptyPage { page: n });
        }
        for w in &page.words {
            if w.x_min < m - 0.5
                || w.y_min < m - 0.5
                || w.x_max > page.width - m + 0.5
                || w.y_max > page.height - m + 0.5
            {
                problems.push(Problem::OutsideSafeArea {
                    page: n,
                    word: w.clone(),
                    margin: m,
                });
            }
        }
        let mut by_top: Vec<&Word> = page.words.iter().collect();
        by_top.sort_by(|a, b| a.y_min.total_cmp(&b.y_min));
        for (j, a) in by_top.iter().enumerate() {
            for b in &by_top[j + 1..] {
                if b.y_min > a.y_max {
                    break; // sorted by top: no later word reaches up to `a`
                }
                if overlap(a, b) > 0.2 {
                    problems.push(Problem::Overlap {
                        page: n,
                        a: (*a).clone(),
                        b: (*b).clone(),
                    });
                }
            }
        }
    }
}

/// How much of the smaller box the two boxes share (0 to 1); 0 unless they cross by more than
/// 0.5 pt both ways (neighbouring words may touch).
pub fn overlap(a: &Word, b: &Word) -> f64 {
    let ix = a.x_max.min(b.x_max) - a.x_min.max(b.x_min);
    let iy = a.y_max.min(b.y_max) - a.y_min.max(b.y_min);
    if ix <= 0.5 || iy <= 0.5 {
        return 0.0;
    }
    let area = |w: &Word| (w.x_max - w.x_min) * (w.y_max - w.y_min);
    let smaller = area(a).min(area(b));
    ix * iy / if smaller > 0.0 { smaller } else { 1.0 }
}

/// The pages and words of `pdftotext -bbox` XHTML: `<page width height>` elements holding
/// `<word xMin yMin xMax yMax>text</word>` elements. Only those two are read.
pub fn parse_bbox(xhtml: &str) -> Result<Vec<Page>, String> {
    let mut pages: Vec<Page> = Vec::new();
    let mut rest = xhtml;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        let name_end = rest
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .unwrap_or(rest.len());
        let name = &rest[..name_end];
        if name != "page" && name != "word" {
            continue;
        }
        let tag_end = rest
            .find('>')
            .ok_or_else(|| format!("unclosed <{name}> tag"))?;
        let tag = &rest[..tag_end];
        rest = &rest[tag_end + 1..];
        if name == "page" {
            pages.push(Page {
                width: attr(tag, "width")?,
                height: attr(tag, "height")?,
                words: Vec::new(),
            });
        } else {
            let close = rest
                .find("</word>")
                .ok_or_else(|| format!("<{tag}> without </word>"))?;
            let word = Word {
                x_min: attr(tag, "xMin")?,
                y_min: attr(tag, "yMin")?,
                x_max: attr(tag, "xMax")?,
                y_max: attr(tag, "yMax")?,
                text: unescape(&rest[..close]),
            };
            rest = &rest[close + "</word>".len()..];
            pages
                .last_mut()
                .ok_or_else(|| format!("<{tag}> before any <page>"))?
                .words
                .push(word);
        }
    }
    Ok(pages)
}

/// The number in attribute `name="…"` of a tag's text.
fn attr(tag: &str, name: &str) -> Result<f64, String> {
    let key = format!(" {name}=\"");
    let start = tag
        .find(&key)
        .ok_or_else(|| format!("<{tag}> has no {name}"))?
        + key.len();
    let len = tag[start..]
        .find('"')
        .ok_or_else(|| format!("<{tag}>: {name} not closed"))?;
    let value = &tag[start..start + len];
    value
        .parse()
        .map_err(|_| format!("<{tag}>: {name}={value:?} is not a number"))
}

/// XML character references and the five predefined entities; anything else kept as written.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let decoded = rest.find(';').and_then(|end| {
            let c = match &rest[1..end] {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                num => num
                    .strip_prefix("#x")
                    .map(|h| u32::from_str_radix(h, 16))
                    .or_else(|| num.strip_prefix('#').map(str::parse))
                    .and_then(Result::ok)
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

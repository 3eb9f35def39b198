//! `handout serve` over HTTP: the print page and every refusal of the safety rules. Each test
//! starts the real binary on a free port with a scratch copy of the handouts.

mod common;
#[path = "common/http.rs"]
mod http;

use common::{pdf_text, scratch_repo};
use http::{multipart, request, Part, Server};

fn start() -> (tempfile::TempDir, Server) {
    let dir = scratch_repo();
    let server = Server::start(env!("CARGO_BIN_EXE_handout"), dir.path(), &[]);
    (dir, server)
}

fn print(server: &Server, parts: &[Part]) -> http::Response {
    let (kind, body) = multipart(parts);
    server.post("/", &kind, &body)
}

fn pdf(response: &http::Response) -> lopdf::Document {
    assert_eq!(response.status, 200, "{}", response.text());
    assert_eq!(response.header("content-type"), Some("application/pdf"));
    lopdf::Document::load_mem(&response.body).expect("a PDF")
}

#[test]
fn the_print_page_offers_each_handout_with_its_fields_and_a_token() {
    let (_dir, server) = start();
    let page = server.get("/");
    assert_eq!(page.status, 200);
    assert_eq!(page.header("cache-control"), Some("no-store"));
    assert!(page
        .header("content-security-policy")
        .is_some_and(|p| p.contains("default-src 'none'")));
    let html = page.text();
    assert!(html.contains("<html lang=\"en\">"), "{html}");
    for stem in common::SHIPPED {
        assert!(
            html.contains(&format!("value=\"{stem}.yaml\"")),
            "{stem} missing"
        );
        assert!(
            html.contains(&format!("/thumb?file={stem}.yaml")),
            "{stem} thumbnail"
        );
    }
    assert!(
        html.contains("Leaky Gut: Food List") && html.contains("English, Español"),
        "{html}"
    );
    // Every control has a label.
    assert!(
        html.contains("<label for=\"f0\">Patient name</label>"),
        "{html}"
    );
    assert!(html.contains("<label for=\"csv\">"), "{html}");
    assert_eq!(http::token(&html).len(), 32);
    let thumb = server.get("/thumb?file=food-list.yaml");
    assert_eq!(thumb.header("content-type"), Some("image/svg+xml"));
    assert!(thumb.text().starts_with("<svg") && thumb.text().contains("Food List"));
    assert_eq!(server.get("/thumb?file=../handouts/brand.yaml").status, 404);
    let css = server.get("/static/style.css");
    assert!(css.status == 200 && css.text().contains(":focus-visible"));
    assert_eq!(server.get("/nowhere").status, 404);
}

#[test]
fn a_typed_patient_gets_one_pdf_of_the_chosen_handouts_in_memory() {
    let (dir, server) = start();
    let token = server.token();
    let response = print(
        &server,
        &[
            Part::Value("token", &token),
            Part::Value("handout", "food-list.yaml"),
            Part::Value("handout", "symptom-checklist.yaml"),
            Part::Value("field:Patient name", "José Ñúñez-Øberg"),
            Part::Value("field:Date", "2026-12-01"),
            Part::Value("duplex", "on"),
        ],
    );
    assert_eq!(response.header("cache-control"), Some("no-store"));
    assert_eq!(
        response.header("content-disposition"),
        Some("inline; filename=\"handouts.pdf\"")
    );
    let doc = pdf(&response);
    // One page each, and the second handout starts on a front side: no blank page between.
    assert_eq!(doc.get_pages().len(), 2);
    let text = pdf_text(&doc);
    assert_eq!(text.matches("José Ñúñez-Øberg").count(), 2, "{text}");
    assert!(
        text.contains("Food List") && text.contains("Symptom Checklist"),
        "{text}"
    );
    // Nothing written to disk, and the name is not in the log.
    assert!(!dir.path().join("output").exists());
    let log = server.log();
    assert!(log.contains("POST / 200"), "{log}");
    assert!(!log.contains("José") && !log.contains("Ñúñez"), "{log}");
}

#[test]
fn a_language_prints_the_translation_with_the_typed_values() {
    let (_dir, server) = start();
    let token = server.token();
    let response = print(
        &server,
        &[
            Part::Value("token", &token),
            Part::Value("handout", "food-list.yaml"),
            Part::Value("language", "es"),
            Part::Value("large_print", "on"),
            Part::Value("field:Patient name", "Inés Peña"),
        ],
    );
    let text = pdf_text(&pdf(&response));
    assert!(
        text.contains("Nombre") && text.contains("Inés Peña"),
        "{text}"
    );
}

#[test]
fn a_day_csv_prints_the_good_rows_and_shows_the_bad_one_at_its_line() {
    let (_dir, server) = start();
    let token = server.token();
    let csv =
        "Patient name,Date\nAna López,2026-12-01\nSnow ☃ Man,2026-12-01\nBo Chen,2026-12-01\n";
    let page = print(
        &server,
        &[
            Part::Value("token", &token),
            Part::Value("handout", "food-list.yaml"),
            Part::File("csv", "today.csv", csv.as_bytes()),
        ],
    );
    assert_eq!(page.status, 200, "{}", page.text());
    let html = page.text();
    assert!(html.contains("today.csv, line 3, column 1"), "{html}");
    assert!(
        html.contains(
            "the `Patient name` value of this row has `☃` (U+2603), which the font cannot print"
        ),
        "{html}"
    );
    let link = html
        .split("href=\"/printed/")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("a link to what printed");
    let printed = server.get(&format!("/printed/{link}"));
    assert_eq!(printed.header("cache-control"), Some("no-store"));
    let text = pdf_text(&pdf(&printed));
    assert!(
        text.contains("Ana López") && text.contains("Bo Chen"),
        "{text}"
    );
    assert!(!text.contains("Snow"), "{text}");
    assert_eq!(
        server
            .get("/printed/0123456789abcdef0123456789abcdef")
            .status,
        404
    );
}

#[test]
fn a_form_without_a_choice_or_values_says_what_is_missing() {
    let (_dir, server) = start();
    let token = server.token();
    let page = print(&server, &[Part::Value("token", &token)]);
    assert_eq!(page.status, 422);
    let html = page.text();
    assert!(html.contains("Choose at least one handout."), "{html}");
    assert!(html.contains("Type the patient&#39;s values"), "{html}");
    let bad_csv = print(
        &server,
        &[
            Part::Value("token", &token),
            Part::Value("handout", "food-list.yaml"),
            Part::File("csv", "x.csv", b"Nope,Other\n1,2\n"),
        ],
    );
    assert_eq!(bad_csv.status, 422);
    assert!(
        bad_csv
            .text()
            .contains("no column of the data fills a field"),
        "{}",
        bad_csv.text()
    );
}

#[test]
fn requests_for_another_host_are_refused() {
    let (_dir, server) = start();
    let wrong_port = format!("127.0.0.1:{}", server.port.wrapping_add(1));
    for host in [
        "evil.example",
        "evil.example:8787",
        wrong_port.as_str(),
        "localhost.evil.example",
    ] {
        let response = request(server.port, "GET", "/", &[("Host", host)], b"");
        assert_eq!(response.status, 403, "Host: {host}");
        assert!(
            !response.text().contains("name=\"token\""),
            "no token for {host}"
        );
    }
    let localhost = format!("localhost:{}", server.port);
    assert_eq!(
        request(server.port, "GET", "/", &[("Host", &localhost)], b"").status,
        200
    );
}

#[test]
fn cross_site_posts_and_posts_without_the_token_are_refused() {
    let (_dir, server) = start();
    let token = server.token();
    let (kind, body) = multipart(&[
        Part::Value("token", &token),
        Part::Value("handout", "food-list.yaml"),
        Part::Value("field:Patient name", "Ana"),
    ]);
    let evil = [
        ("Content-Type", kind.as_str()),
        ("Origin", "http://evil.example"),
    ];
    assert_eq!(request(server.port, "POST", "/", &evil, &body).status, 403);
    let sneaky = [
        ("Content-Type", kind.as_str()),
        ("Sec-Fetch-Site", "cross-site"),
    ];
    assert_eq!(
        request(server.port, "POST", "/", &sneaky, &body).status,
        403
    );
    // No Origin at all (an old browser, curl): the token decides.
    let plain = [("Content-Type", kind.as_str())];
    assert_eq!(request(server.port, "POST", "/", &plain, &body).status, 200);
    let (kind, forged) = multipart(&[
        Part::Value("token", "0000"),
        Part::Value("handout", "food-list.yaml"),
    ]);
    assert_eq!(server.post("/", &kind, &forged).status, 403);
    assert_eq!(request(server.port, "DELETE", "/", &[], b"").status, 405);
}

#[test]
fn oversize_bodies_and_uploads_are_refused() {
    let (_dir, server) = start();
    let token = server.token();
    let huge = vec![b'a'; 3 * 1024 * 1024];
    let (kind, body) = multipart(&[
        Part::Value("token", &token),
        Part::File("csv", "big.csv", &huge),
    ]);
    assert_eq!(server.post("/", &kind, &body).status, 413);
    // Under the body cap, over the CSV cap.
    let big = vec![b'a'; 1024 * 1024 + 10];
    let (kind, body) = multipart(&[
        Part::Value("token", &token),
        Part::File("csv", "big.csv", &big),
    ]);
    assert_eq!(server.post("/", &kind, &body).status, 413);
    let form = http::urlencoded(&[
        ("token", &token),
        ("file", "food-list.yaml"),
        ("yaml", &"x".repeat(3 * 1024 * 1024)),
    ]);
    assert_eq!(
        server
            .post("/write", "application/x-www-form-urlencoded", &form)
            .status,
        413
    );
}

#[test]
fn the_page_follows_changes_to_the_handouts() {
    let (dir, server) = start();
    assert!(server.get("/").text().contains("Leaky Gut: Food List"));
    let file = dir.path().join("handouts/food-list.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replace(
            "title: \"Leaky Gut: Food List\"",
            "title: \"Foods for a Calm Belly\"",
        ),
    )
    .unwrap();
    let html = server.get("/").text();
    assert!(
        html.contains("Foods for a Calm Belly") && !html.contains("Leaky Gut: Food List"),
        "{html}"
    );
}

/// Relative luminance of a `#rrggbb` colour (WCAG 2).
fn luminance(hex: &str) -> f64 {
    let channel = |i: usize| {
        let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
}

#[test]
fn every_text_colour_of_the_style_sheet_has_4_5_to_1_on_its_background() {
    let css = std::fs::read_to_string(common::root().join("src/serve/static/style.css")).unwrap();
    let var = |name: &str| {
        let at = css
            .find(&format!("--{name}: "))
            .unwrap_or_else(|| panic!("--{name} missing"));
        css[at + name.len() + 4..at + name.len() + 11].to_string()
    };
    // Each text colour with the background it is shown on, as the style sheet pairs them.
    let pairs = [
        (var("ink"), var("paper")),
        (var("ink"), var("soft")),
        ("#ffffff".to_string(), var("green")),
        (var("green"), var("paper")),
        (var("bad"), var("bad-bg")),
        (var("ok"), var("ok-bg")),
        ("#4a4a4a".to_string(), var("paper")),
        ("#0b4f9c".to_string(), var("paper")),
        ("#ffffff".to_string(), "#154a2e".to_string()),
    ];
    for (text, background) in pairs {
        assert!(
            css.contains(&text) && css.contains(&background),
            "{text} on {background} not in the style sheet"
        );
        let (a, b) = (luminance(&text), luminance(&background));
        let ratio = (a.max(b) + 0.05) / (a.min(b) + 0.05);
        assert!(ratio >= 4.5, "{text} on {background}: {ratio:.2}:1");
    }
}

#[test]
fn a_missing_folder_or_a_taken_port_is_a_setup_error() {
    let dir = scratch_repo();
    let missing = common::handout(dir.path(), &["serve", "nowhere", "--port", "0"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        common::stderr(&missing).contains("no such folder"),
        "{}",
        common::stderr(&missing)
    );
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let busy = common::handout(dir.path(), &["serve", "--port", &port]);
    assert_eq!(busy.status.code(), Some(2));
    assert!(
        common::stderr(&busy).contains("cannot listen here"),
        "{}",
        common::stderr(&busy)
    );
}

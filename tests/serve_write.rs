//! `handout serve` over HTTP: the write page, and that only handout files inside the
//! handouts folder can be read or written.

mod common;
#[path = "common/http.rs"]
mod http;

use common::scratch_repo;
use http::{urlencoded, Server};

fn start() -> (tempfile::TempDir, Server) {
    let dir = scratch_repo();
    let server = Server::start(env!("CARGO_BIN_EXE_handout"), dir.path(), &[]);
    (dir, server)
}

fn write(server: &Server, token: &str, file: &str, yaml: &str, action: &str) -> http::Response {
    let body = urlencoded(&[
        ("token", token),
        ("file", file),
        ("yaml", yaml),
        ("action", action),
    ]);
    server.post("/write", "application/x-www-form-urlencoded", &body)
}

fn leftovers(dir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect()
}

#[test]
fn the_write_page_lists_and_opens_handouts_with_a_preview_and_grades() {
    let (_dir, server) = start();
    let list = server.get("/write").text();
    assert!(
        list.contains("<option value=\"es/food-list.yaml\">"),
        "{list}"
    );
    assert!(
        !list.contains("brand.yaml"),
        "the brand file is not offered: {list}"
    );
    let page = server.get("/write?file=food-list.yaml");
    assert_eq!(page.status, 200);
    let html = page.text();
    assert!(
        html.contains("<label for=\"yaml\">")
            && html.contains("title: &quot;Leaky Gut: Food List&quot;"),
        "{html}"
    );
    assert!(
        html.contains("Reading grade ") && html.contains("Flesch–Kincaid"),
        "{html}"
    );
    assert!(html.contains("alt=\"Page 1 of 1\""), "{html}");
    let spanish = server.get("/write?file=es/food-list.yaml").text();
    assert!(
        spanish.contains("Fernández-Huerta") && spanish.contains("INFLESZ"),
        "{spanish}"
    );
    let preview = server.get("/preview.pdf?file=food-list.yaml");
    assert_eq!(preview.header("content-type"), Some("application/pdf"));
    let doc = lopdf::Document::load_mem(&preview.body).expect("a PDF");
    assert!(common::pdf_text(&doc).contains("Food List"));
}

#[test]
fn a_typo_is_shown_at_its_line_and_never_saved_and_the_fix_is_saved() {
    let (dir, server) = start();
    let token = server.token();
    let file = dir.path().join("handouts/food-list.yaml");
    let good = std::fs::read_to_string(&file).unwrap();
    let typo = good.replace("subtitle:", "subtitel:");
    let line = typo
        .lines()
        .position(|l| l.starts_with("subtitel:"))
        .unwrap()
        + 1;
    let refused = write(
        &server,
        &token,
        "food-list.yaml",
        &typo.replace('\n', "\r\n"),
        "save",
    );
    assert_eq!(refused.status, 422);
    let html = refused.text();
    assert!(
        html.contains(&format!("food-list.yaml, line {line}, column 1")),
        "{html}"
    );
    assert!(html.contains("unknown key `subtitel`"), "{html}");
    assert!(html.contains("Not saved: 1 error"), "{html}");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        good,
        "an invalid file is never written"
    );
    let fixed = good.replace(
        "Foods to enjoy and foods to limit",
        "What to eat, what to limit",
    );
    let saved = write(
        &server,
        &token,
        "food-list.yaml",
        &fixed.replace('\n', "\r\n"),
        "save",
    );
    assert_eq!(saved.status, 200, "{}", saved.text());
    assert!(saved.text().contains("Saved food-list.yaml."));
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        fixed,
        "saved as typed, with LF line ends"
    );
    assert!(leftovers(&dir.path().join("handouts")).is_empty());
    // Checking does not save.
    let checked = write(&server, &token, "food-list.yaml", &good, "check");
    assert_eq!(checked.status, 200);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), fixed);
}

#[test]
fn only_handouts_inside_the_folder_can_be_read_or_written() {
    let (dir, server) = start();
    let token = server.token();
    let outside = dir.path().join("outside.yaml");
    std::fs::write(&outside, "title: Secret\nblocks:\n  - text: secret\n").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&outside, dir.path().join("handouts/link.yaml")).unwrap();
    for name in [
        "../outside.yaml",
        "..%2Foutside.yaml",
        "%2Fetc%2Fpasswd",
        "/etc/passwd",
        "brand.yaml",
        "link.yaml",
        "es/../../outside.yaml",
    ] {
        let read = server.get(&format!("/write?file={name}"));
        assert_eq!(read.status, 404, "{name}");
        assert!(!read.text().contains("Secret"), "{name}");
        assert_eq!(
            server.get(&format!("/preview.pdf?file={name}")).status,
            404,
            "{name}"
        );
    }
    for name in [
        "../outside.yaml",
        "link.yaml",
        "../new.yaml",
        "/tmp/handout-serve-test.yaml",
    ] {
        let response = write(
            &server,
            &token,
            name,
            "title: Changed\nblocks:\n  - text: changed\n",
            "save",
        );
        assert_eq!(response.status, 404, "{name}");
    }
    assert_eq!(
        std::fs::read_to_string(&outside).unwrap(),
        "title: Secret\nblocks:\n  - text: secret\n"
    );
    assert!(!dir.path().join("new.yaml").exists());
    assert!(!std::path::Path::new("/tmp/handout-serve-test.yaml").exists());
}

#[test]
fn a_picture_outside_the_folder_is_an_error_at_its_path() {
    let (dir, server) = start();
    let token = server.token();
    std::fs::copy(
        dir.path().join("handouts/logo.png"),
        dir.path().join("outside.png"),
    )
    .unwrap();
    let yaml =
        "title: Pictures\nblocks:\n  - image:\n      path: ../outside.png\n      alt: A logo\n";
    let response = write(&server, &token, "food-list.yaml", yaml, "check");
    assert_eq!(response.status, 422);
    let html = response.text();
    assert!(
        html.contains("this picture is outside the handouts folder"),
        "{html}"
    );
    assert!(html.contains("food-list.yaml, line 4"), "{html}");
}

#[test]
fn a_write_without_the_token_or_from_another_site_is_refused() {
    let (dir, server) = start();
    let file = dir.path().join("handouts/food-list.yaml");
    let before = std::fs::read_to_string(&file).unwrap();
    let response = write(
        &server,
        "not-the-token",
        "food-list.yaml",
        "title: X\nblocks:\n  - text: y\n",
        "save",
    );
    assert_eq!(response.status, 403);
    let token = server.token();
    let body = urlencoded(&[
        ("token", &token),
        ("file", "food-list.yaml"),
        ("yaml", "title: X\nblocks:\n  - text: y\n"),
        ("action", "save"),
    ]);
    let headers = [
        ("Content-Type", "application/x-www-form-urlencoded"),
        ("Origin", "http://evil.example"),
    ];
    assert_eq!(
        http::request(server.port, "POST", "/write", &headers, &body).status,
        403
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), before);
}

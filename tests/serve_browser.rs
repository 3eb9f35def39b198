//! The front desk's pages in a real browser: headless Chromium driven over WebDriver
//! (Debian's `chromium` and `chromium-driver`, installed by `.ci/run`), through the print
//! page (two handouts, a name with accents, the PDF's text) and the write page (a typo, its
//! located error, the fix). Screenshots go to a temporary folder, or to `docs/` for the
//! README when `UPDATE_SCREENSHOTS=1`.
//!
//! The WebDriver client is a few JSON calls over the tests' own HTTP client.

mod common;
#[path = "common/http.rs"]
mod http;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use common::{pdf_text, scratch_repo};
use http::Server;

/// WebDriver's key for an element reference.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// A chromedriver process and one headless Chromium session in it.
struct Browser {
    driver: Child,
    port: u16,
    session: String,
}

impl Browser {
    fn start(downloads: &Path) -> Browser {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let driver = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver runs (apt-get install chromium-driver)");
        let mut browser = Browser {
            driver,
            port,
            session: String::new(),
        };
        let ready = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                ready.elapsed() < Duration::from_secs(20),
                "chromedriver did not start"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": "/usr/bin/chromium",
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1500", "--lang=en-US"],
                "prefs": {
                    "download.default_directory": downloads.to_str().unwrap(),
                    "download.prompt_for_download": false,
                    "plugins.always_open_pdf_externally": true
                }
            }
        }}});
        let answer = browser.call("POST", "/session", Some(capabilities));
        browser.session = answer["sessionId"].as_str().expect("a session").to_string();
        browser
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let body = body.map(|b| b.to_string()).unwrap_or_default();
        let headers = [("Content-Type", "application/json")];
        let response = http::request(self.port, method, path, &headers, body.as_bytes());
        let value: Value = serde_json::from_slice(&response.body).expect("JSON from chromedriver");
        assert_eq!(response.status, 200, "{method} {path}: {value}");
        value["value"].clone()
    }

    fn session_call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        self.call(method, &format!("/session/{}{path}", self.session), body)
    }

    fn open(&self, url: &str) {
        self.session_call("POST", "/url", Some(json!({ "url": url })));
    }

    fn find(&self, css: &str) -> String {
        let found = self.session_call(
            "POST",
            "/element",
            Some(json!({"using": "css selector", "value": css})),
        );
        found[ELEMENT].as_str().expect("an element").to_string()
    }

    fn click(&self, css: &str) {
        let id = self.find(css);
        self.session_call("POST", &format!("/element/{id}/click"), Some(json!({})));
    }

    /// Clicks a submit button and waits until the answer's page has replaced this one and
    /// loaded (a click does not always wait for the navigation it starts).
    fn submit(&self, css: &str) {
        let mark = "window.__before_submit = true;";
        self.session_call(
            "POST",
            "/execute/sync",
            Some(json!({"script": mark, "args": []})),
        );
        self.click(css);
        let probe = json!({
            "script": "return window.__before_submit ? 'old' : document.readyState;",
            "args": []
        })
        .to_string();
        let path = format!("/session/{}/execute/sync", self.session);
        let headers = [("Content-Type", "application/json")];
        let started = Instant::now();
        loop {
            // Mid-navigation the script may fail: that is "not yet", not an error.
            let response = http::request(self.port, "POST", &path, &headers, probe.as_bytes());
            let state: Value = serde_json::from_slice(&response.body).unwrap_or_default();
            if response.status == 200 && state["value"] == "complete" {
                return;
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "the page after {css} did not load"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn type_into(&self, css: &str, text: &str) {
        let id = self.find(css);
        self.session_call(
            "POST",
            &format!("/element/{id}/value"),
            Some(json!({ "text": text })),
        );
    }

    fn text(&self, css: &str) -> String {
        let id = self.find(css);
        self.session_call("GET", &format!("/element/{id}/text"), None)
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// Replaces a text area's whole text, as select-all and paste would.
    fn set_value(&self, css: &str, text: &str) {
        let id = self.find(css);
        let script = "arguments[0].value = arguments[1];";
        self.session_call(
            "POST",
            "/execute/sync",
            Some(json!({"script": script, "args": [{ ELEMENT: id }, text]})),
        );
    }

    fn value(&self, css: &str) -> String {
        let id = self.find(css);
        self.session_call("GET", &format!("/element/{id}/property/value"), None)
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// Whether the page fits the window's width, with no sideways scrolling.
    fn fits_width(&self) -> bool {
        let script =
            "return document.documentElement.scrollWidth <= document.documentElement.clientWidth;";
        self.session_call(
            "POST",
            "/execute/sync",
            Some(json!({"script": script, "args": []})),
        ) == json!(true)
    }

    /// The window at `width` CSS pixels: 640 is a 1280-pixel screen at 200% zoom.
    fn resize(&self, width: u32) {
        self.session_call(
            "POST",
            "/window/rect",
            Some(json!({"width": width, "height": 1000})),
        );
    }

    fn screenshot(&self, to: &Path) {
        let png = self.session_call("GET", "/screenshot", None);
        let bytes = decode_base64(png.as_str().expect("base64 PNG"));
        assert!(bytes.starts_with(b"\x89PNG"), "a PNG");
        std::fs::write(to, bytes).expect("screenshot written");
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let path = format!("/session/{}", self.session);
            let _ = http::request(self.port, "DELETE", &path, &[], b"");
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn decode_base64(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        _ => 63,
    };
    let clean: Vec<u8> = text
        .bytes()
        .filter(|c| c.is_ascii_alphanumeric() || *c == b'+' || *c == b'/')
        .collect();
    let mut out = Vec::with_capacity(clean.len() * 3 / 4);
    for chunk in clean.chunks(4) {
        let n = chunk.iter().enumerate().fold(0u32, |acc, (i, c)| {
            acc | u32::from(value(*c)) << (18 - 6 * i)
        });
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..chunk.len().saturating_sub(1)]);
    }
    out
}

/// Where screenshots go: `docs/` when asked to update them, else a temporary folder.
fn shots(temp: &Path) -> PathBuf {
    match std::env::var_os("UPDATE_SCREENSHOTS") {
        Some(_) => common::root().join("docs"),
        None => temp.to_path_buf(),
    }
}

/// The first finished PDF in `dir`, waiting for the download.
fn downloaded(dir: &Path) -> PathBuf {
    let started = Instant::now();
    loop {
        let files: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .collect();
        // Chromium reserves the final name with an empty file and writes into a
        // `.crdownload` beside it: the download is done when that is gone and the PDF whole.
        let writing = files
            .iter()
            .any(|p| p.extension().is_some_and(|e| e == "crdownload"));
        let pdf = files
            .iter()
            .find(|p| p.extension().is_some_and(|e| e == "pdf"))
            .filter(|p| {
                let whole = |b: &[u8]| {
                    let tail = &b[b.len().saturating_sub(32)..];
                    b.starts_with(b"%PDF-") && tail.windows(5).any(|w| w == b"%%EOF")
                };
                std::fs::read(p).is_ok_and(|b| whole(&b))
            });
        if let (Some(pdf), false) = (pdf, writing) {
            return pdf.clone();
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "no PDF was downloaded"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
#[ignore = "needs chromium and chromium-driver"]
fn the_front_desk_prints_a_packet_and_fixes_a_handout_in_a_browser() {
    let dir = scratch_repo();
    let server = Server::start(env!("CARGO_BIN_EXE_handout"), dir.path(), &[]);
    let downloads = dir.path().join("downloads");
    std::fs::create_dir_all(&downloads).unwrap();
    let shots = shots(dir.path());
    let browser = Browser::start(&downloads);
    let home = format!("http://127.0.0.1:{}", server.port);

    // Print page: two handouts, a name with accents, the PDF.
    browser.open(&format!("{home}/"));
    browser.click("input[value='food-list.yaml']");
    browser.click("input[value='symptom-checklist.yaml']");
    browser.type_into("#f0", "Zoë Núñez-Ångström");
    browser.type_into("#f1", "2026-12-01");
    browser.screenshot(&shots.join("serve-print.png"));
    browser.click("button[type='submit']");
    let pdf = lopdf::Document::load(downloaded(&downloads)).expect("the downloaded PDF");
    assert_eq!(pdf.get_pages().len(), 2);
    let text = pdf_text(&pdf);
    assert_eq!(text.matches("Zoë Núñez-Ångström").count(), 2, "{text}");
    assert!(
        text.contains("Food List") && text.contains("Symptom Checklist"),
        "{text}"
    );

    // Write page: a typo, its located error, the fix.
    browser.open(&format!("{home}/write?file=food-list.yaml"));
    let good = browser.value("#yaml");
    assert!(good.contains("subtitle:"), "{good}");
    let typo = good.replace("subtitle:", "subtitel:");
    let line = typo
        .lines()
        .position(|l| l.starts_with("subtitel:"))
        .unwrap()
        + 1;
    browser.set_value("#yaml", &typo);
    browser.submit("button[value='save']");
    let error = browser.text(".problems li.error");
    assert!(
        error.contains(&format!("line {line}, column 1"))
            && error.contains("unknown key `subtitel`"),
        "{error}"
    );
    assert!(browser.text("#status").starts_with("Not saved"));
    browser.screenshot(&shots.join("serve-write.png"));
    let on_disk = dir.path().join("handouts/food-list.yaml");
    assert!(!std::fs::read_to_string(&on_disk)
        .unwrap()
        .contains("subtitel"));
    let fixed = browser.value("#yaml").replace("subtitel:", "subtitle:");
    browser.set_value("#yaml", &fixed);
    browser.submit("button[value='save']");
    assert_eq!(browser.text("#status"), "Saved food-list.yaml.");
    assert!(std::fs::read_to_string(&on_disk)
        .unwrap()
        .contains("\nsubtitle:"));

    // At 200% zoom (half the width) both pages reflow instead of scrolling sideways.
    browser.resize(640);
    for page in ["/", "/write?file=food-list.yaml"] {
        browser.open(&format!("{home}{page}"));
        assert!(browser.fits_width(), "{page} scrolls sideways at 200% zoom");
    }
}

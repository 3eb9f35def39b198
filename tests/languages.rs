//! Every language present, at the front desk: the CSV `Language` column takes a language's
//! tag, own name or English name, and the web page's menu names each language folder from
//! `data/languages.yaml`. Vietnamese prints with today's fonts, so a `vi/` translation in a
//! scratch copy of the handouts stands for every new language.

mod common;
#[path = "common/http.rs"]
mod http;

use common::*;
use http::Server;

const VI_CHECKLIST: &str = "title: Bảng kiểm triệu chứng\nlang: vi\nblocks:\n  \
    - fields: [Họ và tên, Ngày]\n  \
    - checklist:\n      columns: [Không, Đôi khi, Thường xuyên]\n      \
    items: [Đầy hơi, Mệt mỏi, Đau đầu]\n";

/// A scratch repository with a Vietnamese symptom checklist beside the Spanish one.
fn with_vietnamese() -> tempfile::TempDir {
    let repo = scratch_repo();
    // The shipped translations other than Spanish are replaced by this one Vietnamese
    // handout, so the test sees exactly the folders it made.
    for shipped in ["ar", "vi", "zh-Hans"] {
        let dir = repo.path().join("handouts").join(shipped);
        if dir.exists() {
            std::fs::remove_dir_all(dir).unwrap();
        }
    }
    let vi = repo.path().join("handouts/vi");
    std::fs::create_dir_all(&vi).unwrap();
    std::fs::write(vi.join("symptom-checklist.yaml"), VI_CHECKLIST).unwrap();
    repo
}

/// Every PDF below `dir` with its document language.
fn pdf_langs(dir: &std::path::Path) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for entry in walkdir(dir) {
        if entry.extension().is_some_and(|e| e == "pdf") {
            let doc = lopdf::Document::load(&entry).expect("a PDF");
            let lang = doc
                .catalog()
                .ok()
                .and_then(|c| c.get(b"Lang").ok())
                .and_then(|l| l.as_str().ok())
                .map(|l| String::from_utf8_lossy(l).into_owned())
                .unwrap_or_default();
            found.push((pdf_text(&doc), lang));
        }
    }
    found
}

fn walkdir(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walkdir(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn the_language_column_takes_tags_and_names_and_refuses_a_stranger_with_the_list() {
    let repo = with_vietnamese();
    std::fs::write(
        repo.path().join("today.csv"),
        "Patient name,Date,Language\n\
         Ana,2026-12-01,Vietnamese\n\
         Bao,2026-12-01,tiếng việt\n\
         Chi,2026-12-01,VI\n\
         Dan,2026-12-01,Klingon\n\
         Eva,2026-12-01,Spanish\n",
    )
    .unwrap();
    let out = handout(
        repo.path(),
        &[
            "build",
            "handouts/symptom-checklist.yaml",
            "--data",
            "today.csv",
            "-o",
            "out",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "one row fails: {}",
        stderr(&out)
    );
    let err = stderr(&out);
    assert!(
        err.contains("today.csv:5:1")
            && err.contains("there is no `Klingon` version of `symptom-checklist`")
            && err.contains("`es` Español (Spanish), `vi` Tiếng Việt (Vietnamese)"),
        "{err}"
    );
    let made = pdf_langs(&repo.path().join("out"));
    let vi: Vec<_> = made.iter().filter(|(_, lang)| lang == "vi").collect();
    assert_eq!(vi.len(), 3, "{made:?}");
    for name in ["Ana", "Bao", "Chi"] {
        assert!(
            vi.iter().any(|(text, _)| text.contains(name)),
            "{name}: {vi:?}"
        );
    }
    assert!(made
        .iter()
        .any(|(text, lang)| lang == "es" && text.contains("Eva")));
}

#[test]
fn the_web_page_names_every_language_folder_from_the_data_file() {
    let repo = with_vietnamese();
    let server = Server::start(env!("CARGO_BIN_EXE_handout"), repo.path(), &[]);
    let html = server.get("/").text();
    assert!(
        html.contains("<option value=\"vi\">Tiếng Việt (Vietnamese)</option>")
            && html.contains("<option value=\"es\">Español (Spanish)</option>"),
        "{html}"
    );
    assert!(html.contains("English, Español, Tiếng Việt"), "{html}");
    drop(server);
    // A draft translation is named as one in the card and the menu.
    let file = repo.path().join("handouts/vi/symptom-checklist.yaml");
    std::fs::write(
        &file,
        VI_CHECKLIST.replacen("lang: vi\n", "lang: vi\ndraft: true\n", 1),
    )
    .unwrap();
    let server = Server::start(env!("CARGO_BIN_EXE_handout"), repo.path(), &[]);
    let html = server.get("/").text();
    assert!(
        html.contains("English, Español, Tiếng Việt (draft)")
            && html.contains(
                "<option value=\"vi\">Tiếng Việt (Vietnamese) — draft, not for patients</option>"
            ),
        "{html}"
    );
}

#[test]
fn check_skips_the_reading_checks_for_vietnamese_and_says_so() {
    let repo = with_vietnamese();
    // Thirty syllables in one sentence: a "long sentence" only if syllables were words.
    let long = vec!["tôi"; 30].join(" ");
    let file = repo.path().join("handouts/vi/long.yaml");
    std::fs::write(
        &file,
        format!("title: Câu dài\nlang: vi\nblocks:\n  - text: {long}.\n"),
    )
    .unwrap();
    let out = handout(repo.path(), &["check", "handouts/vi/long.yaml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("reading level and plain-language checks are for English and Spanish; not run for Tiếng Việt (vi)"),
        "{}",
        stdout(&out)
    );
    let json = handout(
        repo.path(),
        &["check", "handouts/vi/long.yaml", "--format", "json"],
    );
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    assert!(json["handouts"][0]["reading_not_checked"]
        .as_str()
        .is_some_and(|n| n.contains("Tiếng Việt")));
}

//! The plain-language check as a writer meets it: `handout check` on handouts with jargon
//! (tests/plain/), warnings located in the YAML on stderr and in JSON, and the shipped
//! handouts' findings reported in both.

mod common;

use common::*;
use serde_json::Value;

/// `handout check --format json` of `args`, run from the repository, parsed.
fn check_json(args: &[&str]) -> Value {
    let mut all = vec!["check", "--format", "json"];
    all.extend(args);
    let out = handout(&root(), &all);
    assert!(out.status.success(), "warnings only: {}", stderr(&out));
    serde_json::from_slice(&out.stdout).expect("a JSON document")
}

/// The (line, column, message) of each located warning of a handout's JSON item.
fn located(item: &Value) -> Vec<(u64, u64, String)> {
    item["warnings"]
        .as_array()
        .expect("a list of warnings")
        .iter()
        .filter(|w| w["line"].is_u64())
        .map(|w| {
            let n = |k: &str| w[k].as_u64().unwrap_or_default();
            (
                n("line"),
                n("column"),
                w["message"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

#[test]
fn jargon_is_flagged_where_it_first_appears_on_stderr() {
    let out = handout(
        &root(),
        &["check", "tests/plain/jargon.yaml", "--max-grade", "99"],
    );
    assert!(
        out.status.success(),
        "warnings do not fail a check: {}",
        stderr(&out)
    );
    let err = stderr(&out);
    for (message, place) in [
        (
            "warning: “microbiome” is a medical term this handout does not explain",
            ":6:16",
        ),
        (
            "warning: “NSAIDs” is a medical term this handout does not explain",
            ":6:48",
        ),
        (
            "warning: “Dysbiosis” is a medical term this handout does not explain",
            ":11:9",
        ),
        (
            "warning: this sentence has 35 words (“When the gut lining lets too …”)",
            ":15:9",
        ),
    ] {
        let at = format!("--> tests/plain/jargon.yaml{place}");
        let found = err.find(message).expect(message);
        assert!(err[found..].contains(&at), "{message} at {at}: {err}");
    }
    assert!(
        err.contains("help: plainer words: pain relievers like ibuprofen or naproxen"),
        "{err}"
    );
    // Explained where first used: "Probiotics (good bacteria)", "Chronic stress is …".
    for explained in ["“Probiotics”", "“probiotics”", "“Chronic”"] {
        assert!(!err.contains(explained), "{explained}: {err}");
    }
    assert_eq!(
        err.matches("“NSAIDs”").count(),
        1,
        "only the first use: {err}"
    );
    assert_eq!(err.matches("warning:").count(), 4, "{err}");
    // `--quiet` prints errors only.
    let quiet = handout(&root(), &["check", "-q", "tests/plain/jargon.yaml"]);
    assert!(
        quiet.status.success() && stderr(&quiet).is_empty(),
        "{}",
        stderr(&quiet)
    );
}

#[test]
fn jargon_warnings_are_in_json_with_their_place_and_plainer_words() {
    let json = check_json(&["tests/plain/jargon.yaml", "--max-grade", "99"]);
    let item = &json["handouts"][0];
    let got: Vec<(u64, u64)> = located(item).iter().map(|(l, c, _)| (*l, *c)).collect();
    assert_eq!(got, [(6, 16), (6, 48), (11, 9), (15, 9)], "{item}");
    let nsaids = &item["warnings"][1];
    assert_eq!(nsaids["severity"], "warning");
    assert_eq!(nsaids["field"], "blocks[0].text");
    assert!(
        nsaids["help"]
            .as_str()
            .is_some_and(|h| h.contains("ibuprofen")),
        "{nsaids}"
    );
    assert_eq!(item["warnings"][2]["field"], "blocks[1].bullets[2]");
    assert_eq!(item["warnings"][3]["field"], "blocks[2].note.text");
    let reading = &item["reading"];
    assert!(
        reading["flesch_kincaid"].is_number() && reading["smog"].is_number(),
        "{reading}"
    );
    assert!(reading.get("inflesz").is_none(), "{reading}");
}

#[test]
fn spanish_jargon_and_spanish_scores() {
    let json = check_json(&["tests/plain/jerga.yaml"]);
    let item = &json["handouts"][0];
    let messages: Vec<String> = located(item)
        .into_iter()
        .map(|(l, c, m)| format!("{l}:{c} {m}"))
        .collect();
    assert_eq!(
        messages,
        [
            "6:61 “AINE” is a medical term this handout does not explain",
            "7:24 “disbiosis” is a medical term this handout does not explain",
        ],
        "{item}"
    );
    let reading = &item["reading"];
    for score in ["fernandez_huerta", "inflesz"] {
        let s = &reading[score];
        assert!(s["score"].is_number() && s["band"].is_string(), "{reading}");
    }
    assert!(reading.get("flesch_kincaid").is_none(), "{reading}");
    let text = handout(&root(), &["check", "tests/plain/jerga.yaml"]);
    assert!(
        stdout(&text).contains("Fernández-Huerta"),
        "{}",
        stdout(&text)
    );
    assert!(stdout(&text).contains("INFLESZ"), "{}", stdout(&text));
}

#[test]
fn the_shipped_handouts_have_no_plain_language_findings_in_text_or_json() {
    let json = check_json(&[]);
    let items = json["handouts"].as_array().expect("handouts");
    // The language folder of a handout: `None` for English, `Some("es")`, `Some("vi")`…
    let folder = |item: &serde_json::Value| {
        let path = item["path"].as_str().unwrap_or_default();
        let parts: Vec<&str> = path.split('/').collect();
        (parts.len() > 2).then(|| parts[1].to_string())
    };
    let scored = items
        .iter()
        .filter(|i| matches!(folder(i).as_deref(), None | Some("es")))
        .count();
    assert_eq!(scored, 2 * SHIPPED.len(), "English and Spanish");
    let mut json_findings = 0;
    for item in items {
        let path = item["path"].as_str().unwrap_or_default();
        let reading = &item["reading"];
        match folder(item).as_deref() {
            None => assert!(!reading["smog"].is_null(), "{path}: {reading}"),
            Some("es") => assert!(!reading["inflesz"].is_null(), "{path}: {reading}"),
            // Chinese, Vietnamese, Arabic: no formula, and the report says why.
            Some(_) => assert!(
                reading.is_null() && item["reading_not_checked"].is_string(),
                "{path}: {item}"
            ),
        }
        for w in item["warnings"].as_array().into_iter().flatten() {
            let m = w["message"].as_str().unwrap_or_default();
            if m.contains("medical term")
                || m.contains("explained only later")
                || m.starts_with("this sentence has")
            {
                assert!(
                    w["line"].is_u64() && w["column"].is_u64() && w["field"].is_string(),
                    "{w}"
                );
                json_findings += 1;
            }
        }
    }
    // Whatever the content says today, stderr tells the same findings as the JSON.
    let out = handout(&root(), &["check"]);
    let err = stderr(&out);
    let text_findings = err
        .matches("is a medical term this handout does not explain")
        .count()
        + err.matches("is explained only later").count()
        + err.matches("warning: this sentence has").count();
    assert_eq!(text_findings, json_findings, "{err}");
    // The shipped handouts are the example to follow: every term explained where it first
    // appears, no sentence over 25 words.
    assert_eq!(json_findings, 0, "{err}");
}

//! A bounded load on `handout serve` over loopback, for its latency figures: 200 print
//! requests of a 20-patient day from 20 clients at once, against the release binary serving
//! a temporary copy of the repository's handouts.
//!
//! ```text
//! cargo build --release && cargo run --release --example serve_load [REQUESTS CLIENTS PATIENTS]
//! ```

#[path = "../tests/common/http.rs"]
mod http;
#[path = "../tests/common/load.rs"]
mod load;

use std::path::Path;

fn main() {
    let numbers: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let [requests, clients, patients] = match numbers[..] {
        [r, c, p] => [r, c, p],
        _ => [200, 20, 20],
    };
    // The example runs from target/release/examples/; the binary is beside that folder.
    let exe = std::env::current_exe().expect("this program's path");
    let binary = exe
        .parent()
        .and_then(Path::parent)
        .map(|d| d.join("handout"))
        .filter(|b| b.exists());
    let Some(binary) = binary else {
        eprintln!("build the binary first: cargo build --release");
        std::process::exit(2);
    };
    let scratch = tempfile::tempdir().expect("a temporary folder");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for sub in ["handouts", "fonts"] {
        copy(&root.join(sub), &scratch.path().join(sub));
    }
    let log = scratch.path().join("serve.log");
    let server = http::Server::start_logging(
        binary.to_str().expect("a UTF-8 path"),
        scratch.path(),
        &[],
        log,
    );
    let csv = load::day_csv(patients);
    let figures = load::run(&server, requests, clients, &csv);
    println!("serve load, {patients}-patient day: {}", figures.summary());
    if figures.errors > 0 {
        eprintln!("errors: {:?}", figures.reasons);
        std::process::exit(1);
    }
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("a folder");
    for entry in std::fs::read_dir(from).expect("a folder to copy").flatten() {
        let path = entry.path();
        let target = to.join(entry.file_name());
        if path.is_dir() {
            copy(&path, &target);
        } else {
            std::fs::copy(&path, &target).expect("a file copied");
        }
    }
}

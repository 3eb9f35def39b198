//! A bounded load on `handout serve` over loopback: 200 print requests of a 20-patient day
//! from 20 clients at once. Every one must return its PDF; the latency percentiles are
//! printed (`cargo test --test serve_load -- --ignored --nocapture`). For release-build
//! figures: `cargo build --release && cargo run --release --example serve_load`.

mod common;
#[path = "common/http.rs"]
mod http;
#[path = "common/load.rs"]
mod load;

#[test]
#[ignore = "load test: 200 requests, a few minutes in a debug build"]
fn two_hundred_requests_from_twenty_clients_all_print() {
    let dir = common::scratch_repo();
    let server = http::Server::start(env!("CARGO_BIN_EXE_handout"), dir.path(), &[]);
    let csv = load::day_csv(20);
    let figures = load::run(&server, 200, 20, &csv);
    println!("serve load (debug build): {}", figures.summary());
    assert_eq!(figures.errors, 0, "{:?}", figures.reasons);
    assert_eq!(figures.latencies.len(), 200);
    // Patient names never reach the log.
    let log = server.log();
    assert_eq!(log.matches("POST / 200").count(), 200, "{log}");
    assert!(!log.contains("López") && !log.contains("Chen"), "{log}");
}

//! A bounded load on `handout serve`: a fixed number of print requests of a day's CSV from a
//! fixed number of clients on loopback, with the latency of each. Shared by the load test
//! (`tests/serve_load.rs`) and the example (`examples/serve_load.rs`).
#![allow(dead_code)]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::http::{multipart, Part, Server};

/// What a load run measured.
pub struct Figures {
    /// Latency of each request that succeeded, sorted.
    pub latencies: Vec<Duration>,
    /// Requests that failed, with the first few reasons.
    pub errors: usize,
    pub reasons: Vec<String>,
    pub wall: Duration,
    pub clients: usize,
}

/// A day of `patients` rows with accented names, each row choosing its handouts, some in
/// Spanish, some in large print.
pub fn day_csv(patients: usize) -> String {
    let first = [
        "Ana", "José", "Zoë", "Bo", "Inés", "Søren", "Chloé", "Renée", "Marta", "Émile",
    ];
    let last = [
        "López",
        "Núñez",
        "Ångström",
        "Chen",
        "Peña",
        "Øberg",
        "Müller",
        "Kowalczyk",
        "García",
        "Dubois",
    ];
    let choices = [
        "food-list",
        "symptom-checklist",
        "food-list;stress-plan",
        "about-leaky-gut",
        "symptom-checklist;food-list",
    ];
    let mut csv = String::from("Patient name,Date,Handouts,Language,Large print\n");
    for i in 0..patients {
        let language = if i % 4 == 1 { "es" } else { "" };
        let large = if i % 5 == 2 { "yes" } else { "no" };
        csv.push_str(&format!(
            "{} {},2026-12-01,{},{language},{large}\n",
            first[i % first.len()],
            last[(i * 7 + 3) % last.len()],
            choices[i % choices.len()]
        ));
    }
    csv
}

/// Sends `requests` print requests of `csv` (for all four shipped handouts) from `clients`
/// threads at once; a request succeeds when it returns a PDF.
pub fn run(server: &Server, requests: usize, clients: usize, csv: &str) -> Figures {
    let token = server.token();
    let (kind, body) = multipart(&[
        Part::Value("token", &token),
        Part::Value("handout", "about-leaky-gut.yaml"),
        Part::Value("handout", "food-list.yaml"),
        Part::Value("handout", "stress-plan.yaml"),
        Part::Value("handout", "symptom-checklist.yaml"),
        Part::Value("duplex", "on"),
        Part::File("csv", "today.csv", csv.as_bytes()),
    ]);
    let next = AtomicUsize::new(0);
    let latencies = Mutex::new(Vec::with_capacity(requests));
    let reasons = Mutex::new(Vec::new());
    let started = Instant::now();
    std::thread::scope(|scope| {
        for _ in 0..clients {
            scope.spawn(|| {
                while next.fetch_add(1, Ordering::SeqCst) < requests {
                    let sent = Instant::now();
                    let response = server.post("/", &kind, &body);
                    let took = sent.elapsed();
                    let pdf = response.status == 200 && response.body.starts_with(b"%PDF-");
                    if pdf {
                        latencies.lock().unwrap().push(took);
                    } else {
                        reasons
                            .lock()
                            .unwrap()
                            .push(format!("status {}", response.status));
                    }
                }
            });
        }
    });
    let mut latencies = latencies.into_inner().unwrap();
    latencies.sort();
    let reasons = reasons.into_inner().unwrap();
    Figures {
        errors: reasons.len(),
        reasons: reasons.into_iter().take(5).collect(),
        latencies,
        wall: started.elapsed(),
        clients,
    }
}

impl Figures {
    /// The latency below which `p` percent of the successful requests finished.
    pub fn percentile(&self, p: f64) -> Duration {
        if self.latencies.is_empty() {
            return Duration::ZERO;
        }
        let rank = ((p / 100.0) * self.latencies.len() as f64).ceil() as usize;
        self.latencies[rank.clamp(1, self.latencies.len()) - 1]
    }

    pub fn summary(&self) -> String {
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let done = self.latencies.len() + self.errors;
        format!(
            "{done} requests from {} clients in {:.1} s: {} errors; latency p50 {:.0} ms, p90 {:.0} ms, \
             p99 {:.0} ms, max {:.0} ms; {:.1} requests/s",
            self.clients,
            self.wall.as_secs_f64(),
            self.errors,
            ms(self.percentile(50.0)),
            ms(self.percentile(90.0)),
            ms(self.percentile(99.0)),
            ms(self.latencies.last().copied().unwrap_or_default()),
            done as f64 / self.wall.as_secs_f64().max(1e-9)
        )
    }
}

//! Print jobs held in memory for a few minutes, for the one case where a request's answer
//! cannot be the PDF itself: some rows failed and the page must show why, next to a link to
//! the copies that did print. Never written to disk; dropped when they expire or when too
//! many are held; fetched only by their random ticket.

use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long a held print job can be fetched.
pub const KEPT_FOR: Duration = Duration::from_secs(10 * 60);
/// At most this many held at once; the oldest goes first.
const MAX_HELD: usize = 16;

#[derive(Default)]
pub struct Tickets(Mutex<Vec<(String, Instant, Vec<u8>)>>);

impl Tickets {
    /// Holds `pdf` and returns its ticket (none if the system has no randomness to give).
    pub fn hold(&self, pdf: Vec<u8>) -> Option<String> {
        let ticket = random_hex()?;
        let mut held = self.lock();
        held.retain(|(_, at, _)| at.elapsed() < KEPT_FOR);
        if held.len() >= MAX_HELD {
            held.remove(0);
        }
        held.push((ticket.clone(), Instant::now(), pdf));
        Some(ticket)
    }

    /// The print job of `ticket`, if it is still held.
    pub fn get(&self, ticket: &str) -> Option<Vec<u8>> {
        let mut held = self.lock();
        held.retain(|(_, at, _)| at.elapsed() < KEPT_FOR);
        held.iter()
            .find(|(t, _, _)| t.as_str() == ticket)
            .map(|(_, _, pdf)| pdf.clone())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<(String, Instant, Vec<u8>)>> {
        // A panic while holding the lock leaves a list that is still right.
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// 128 random bits as hex, from the operating system's generator.
pub fn random_hex() -> Option<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).ok()?;
    Some(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_held_job_is_found_by_its_ticket_only() {
        let tickets = Tickets::default();
        let a = tickets.hold(b"%PDF-a".to_vec()).unwrap();
        assert_eq!(a.len(), 32);
        assert_eq!(tickets.get(&a).as_deref(), Some(&b"%PDF-a"[..]));
        assert_eq!(tickets.get("0123"), None);
        for _ in 0..MAX_HELD {
            tickets.hold(Vec::new());
        }
        assert_eq!(tickets.get(&a), None, "the oldest is dropped");
    }
}

//! Memory per item of a long handout, counted by a global allocator of its own (this file
//! is its own test binary, so nothing else counts against it).
//!
//! The whole pipeline (reading, layout, the PDF written into memory) may use at most
//! [`BUDGET_PER_ITEM`] bytes of heap per list item at its peak. Before each page's drawing
//! operators and the structure tree were made one at a time it took about 12 KB.

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use common::*;
use handout::run::{handout as build, Setup};

/// Bytes of heap per bullet, reading to PDF bytes. What it goes to, for 100,000 bullets:
/// the source and model about 220, the laid-out pages about 340 (two text runs and their
/// structure tags per bullet, plus the header and footer of each page), the PDF's page
/// objects, links and compressed contents about 630, the structure tree about 230, and
/// the PDF itself about 130.
const BUDGET_PER_ITEM: usize = 2048;

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed on to the system allocator unchanged; only sizes are counted.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = LIVE.fetch_add(layout.size(), Relaxed) + layout.size();
        PEAK.fetch_max(now, Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > layout.size() {
            let now = LIVE.fetch_add(new_size - layout.size(), Relaxed) + new_size - layout.size();
            PEAK.fetch_max(now, Relaxed);
        } else {
            LIVE.fetch_sub(layout.size() - new_size, Relaxed);
        }
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

#[test]
fn a_long_list_costs_a_small_fixed_amount_of_memory_per_item() {
    const ITEMS: usize = 5_000;
    let run = Setup::load(
        &root().join("handouts/brand.yaml"),
        None,
        Default::default(),
    )
    .expect("brand loads");
    let metrics = run.metrics().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.yaml");
    let mut yaml = String::from("title: A long list\nblocks:\n  - bullets:\n");
    for i in 0..ITEMS {
        yaml.push_str(&format!("      - Item {i}\n"));
    }
    std::fs::write(&path, yaml).unwrap();
    let before = LIVE.load(Relaxed);
    PEAK.store(before, Relaxed);
    let laid = build::lay_out(&run, &metrics, &path).expect("lays out");
    let pdf = build::render(&run, &laid).expect("renders");
    let per_item = (PEAK.load(Relaxed) - before) / ITEMS;
    assert!(pdf.len() > ITEMS * 50, "{} bytes", pdf.len());
    assert!(
        per_item <= BUDGET_PER_ITEM,
        "{per_item} bytes per item at the peak, over the budget of {BUDGET_PER_ITEM}"
    );
}

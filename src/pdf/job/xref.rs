//! The cross-reference stream of a file written a chunk at a time: where each object is,
//! kept compact while the file is written, written at the end.
//!
//! A print job of 20,000 copies has two million objects. An entry per object would be the
//! largest thing left in memory once each copy's objects are written, so entries are kept as
//! runs: consecutive objects packed one after another in the same object stream are one run,
//! an object written on its own (a stream) is one more. A copy costs two or three runs.

use flate2::write::ZlibEncoder;
use flate2::Compression;
use lopdf::{Dictionary, Object};
use std::io::Write;

use crate::pdf::save::deflate;

/// Where an object is in the file.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Entry {
    /// At this byte offset.
    At(u64),
    /// The `index`th object of object stream `stream`.
    Packed { stream: u32, index: u32 },
}

/// `count` objects from number `first`: one at an offset, or consecutive ones of an object
/// stream from `entry`'s index on.
#[derive(Clone, Copy, Debug)]
struct Run {
    first: u32,
    count: u32,
    entry: Entry,
}

/// Every object's entry so far, as runs.
#[derive(Clone, Debug, Default)]
pub struct Xref {
    runs: Vec<Run>,
}

impl Xref {
    /// Notes where object `n` is.
    pub fn add(&mut self, n: u32, entry: Entry) {
        if let Some(last) = self.runs.last_mut() {
            let follows = last.first.checked_add(last.count) == Some(n);
            if let (
                true,
                Entry::Packed { stream, index },
                Entry::Packed {
                    stream: s,
                    index: i,
                },
            ) = (follows, last.entry, entry)
            {
                if s == stream && index.checked_add(last.count) == Some(i) {
                    last.count += 1;
                    return;
                }
            }
        }
        self.runs.push(Run {
            first: n,
            count: 1,
            entry,
        });
    }

    /// The largest number noted, 0 if none.
    pub fn last_number(&self) -> u32 {
        self.runs
            .iter()
            .map(|r| r.first + (r.count - 1))
            .max()
            .unwrap_or(0)
    }

    /// How many runs are kept: what the entries cost in memory (a run is 24 bytes).
    pub fn runs(&self) -> usize {
        self.runs.len()
    }

    /// Writes the cross-reference stream as object `n` (its own entry at `at`, where it is
    /// written) with `dict` as its dictionary: one row per object up to `n`, each as small as
    /// the largest offset allows, PNG-"up"-filtered (consecutive rows differ in a byte or
    /// two) and deflated as the rows are made.
    pub fn write(mut self, out: &mut Vec<u8>, n: u32, at: u64, mut dict: Dictionary) {
        self.add(n, Entry::At(at));
        self.runs.sort_by_key(|r| r.first);
        let largest = self.runs.iter().fold(0u64, |m, r| match r.entry {
            Entry::At(at) => m.max(at),
            Entry::Packed { stream, index } => m
                .max(u64::from(stream))
                .max(u64::from(index + (r.count - 1))),
        });
        let width = (u64::BITS - largest.leading_zeros()).div_ceil(8).max(1) as usize;
        let columns = 1 + 2 * width;
        let mut rows = Rows {
            buffer: Vec::with_capacity(ROWS_BUFFER.min(self.runs.len() * 4 * (columns + 1))),
            z: None,
            width,
            previous: vec![0; columns],
            row: vec![0; columns],
        };
        let mut next = 0u32;
        for run in &self.runs {
            // Numbers with no object (object 0 among them) are free.
            while next < run.first {
                rows.push(0, 0, 0);
                next += 1;
            }
            let skip = next - run.first;
            for k in skip..run.count {
                match run.entry {
                    Entry::At(at) => rows.push(1, at, 0),
                    Entry::Packed { stream, index } => {
                        rows.push(2, u64::from(stream), u64::from(index + k))
                    }
                }
            }
            next = next.max(run.first + run.count);
        }
        let content = rows.finish();
        let mut parms = Dictionary::new();
        parms.set("Predictor", 12);
        parms.set("Columns", columns as i64);
        dict.set("Type", Object::Name(b"XRef".to_vec()));
        dict.set("Size", i64::from(n) + 1);
        let w = [1, width as i64, width as i64];
        dict.set(
            "W",
            w.iter().map(|&v| Object::Integer(v)).collect::<Vec<_>>(),
        );
        dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
        dict.set("DecodeParms", parms);
        super::pack::write_indirect(out, n, |out| {
            let mut s = super::syntax::Syntax::default();
            s.stream(&dict, &content);
            out.extend_from_slice(&s.out);
        });
    }
}

/// Filtered rows are compressed this many bytes at a time: a print job's two million rows
/// are never held at once, and a copy's few hundred go to the compressor in one call.
const ROWS_BUFFER: usize = 64 * 1024;

/// Rows being filtered and compressed.
struct Rows {
    buffer: Vec<u8>,
    /// Started with the first full buffer.
    z: Option<ZlibEncoder<Vec<u8>>>,
    width: usize,
    previous: Vec<u8>,
    row: Vec<u8>,
}

impl Rows {
    fn push(&mut self, kind: u8, a: u64, b: u64) {
        let width = self.width;
        self.row[0] = kind;
        for i in 0..width {
            let shift = 8 * (width - 1 - i);
            self.row[1 + i] = (a >> shift) as u8;
            self.row[1 + width + i] = (b >> shift) as u8;
        }
        // Filter type 2, "up": each byte minus the one above it.
        self.buffer.push(2);
        let filtered = self.row.iter().zip(&self.previous);
        self.buffer
            .extend(filtered.map(|(r, p)| r.wrapping_sub(*p)));
        self.previous.copy_from_slice(&self.row);
        if self.buffer.len() >= ROWS_BUFFER {
            let z = self
                .z
                .get_or_insert_with(|| ZlibEncoder::new(Vec::new(), Compression::fast()));
            // Writing into a Vec cannot fail.
            let _ = z.write_all(&self.buffer);
            self.buffer.clear();
        }
    }

    /// The rows, compressed.
    fn finish(self) -> Vec<u8> {
        match self.z {
            Some(mut z) => {
                let _ = z.write_all(&self.buffer);
                z.finish().unwrap_or_default()
            }
            None => deflate(&self.buffer, Compression::fast()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn consecutive_packed_objects_are_one_run() {
        let mut x = Xref::default();
        for (i, n) in (10..20).enumerate() {
            x.add(
                n,
                Entry::Packed {
                    stream: 30,
                    index: i as u32,
                },
            );
        }
        x.add(20, Entry::At(99));
        x.add(
            21,
            Entry::Packed {
                stream: 30,
                index: 10,
            },
        );
        // Another stream, or an index that does not follow, starts a run.
        x.add(
            22,
            Entry::Packed {
                stream: 31,
                index: 11,
            },
        );
        x.add(
            23,
            Entry::Packed {
                stream: 31,
                index: 13,
            },
        );
        assert_eq!(x.runs(), 5);
        assert_eq!(x.last_number(), 23);
    }
}

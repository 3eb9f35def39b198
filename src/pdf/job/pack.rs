//! The bytes of a print job's file: its objects numbered for the file, the small ones packed
//! into compressed object streams, a compressed cross-reference stream, and an ID derived
//! from the content.
//!
//! A single document is written in lopdf's layout, byte for byte (`save`, `writer`). A print
//! job of a thousand copies has a hundred thousand objects, and lopdf's serialiser works on
//! one core with an allocation per token (1.2 s for 1,000 checklists, most of the job's
//! time). Here each part is written as PDF syntax on the core that built it
//! ([`serialize_with`]; its structure elements made one at a time, as `writer` does), its
//! lopdf objects freed at once, and the file is put together a few parts at a time, each
//! group numbered, packed and compressed on its own core ([`write`]).
//!
//! Each part is built in a [`lopdf::Document`] of its own whose objects are numbered from
//! [`LOCAL`] up (see [`local_document`]); objects shared by the whole job are numbered from 1
//! up. A part's own objects get their numbers in the file once every part's size is known.

use std::collections::BTreeMap;
use std::ops::Range;

use flate2::Compression;
use lopdf::{Dictionary, Object, ObjectId, StringFormat};
use rayon::prelude::*;
use sha2::{Digest, Sha256};

use super::syntax::{write_uint, Syntax, LOCAL};
use crate::pdf::save::deflate;
use crate::pdf::writer::Deferred;

/// An empty document for one part's objects, numbered from [`LOCAL`] up.
pub fn local_document() -> lopdf::Document {
    let mut doc = lopdf::Document::new();
    doc.max_id = LOCAL;
    doc
}

/// How many objects a part-local document holds.
pub fn local_count(doc: &lopdf::Document) -> u32 {
    doc.max_id.saturating_sub(LOCAL)
}

/// An object of a part whose first object is numbered `first` in the file, as the file
/// numbers it; shared objects keep their number.
pub fn renumber(id: ObjectId, first: u32) -> ObjectId {
    (number(id.0, first), 0)
}

fn number(id: u32, first: u32) -> u32 {
    if id > LOCAL {
        first + (id - LOCAL - 1)
    } else {
        id
    }
}

/// Objects written as PDF syntax, the numbers of part-local references left open.
pub struct Serialized {
    syntax: Syntax,
    /// Each object: its number (part-local or shared), its bytes, whether it is a stream.
    objects: Vec<(u32, Range<usize>, bool)>,
}

/// Writes `objects`, freeing each once written.
pub fn serialize(objects: BTreeMap<ObjectId, Object>) -> Serialized {
    serialize_with(objects, None)
}

/// Writes `objects` and, in number order among them, the `deferred` ones (a part's structure
/// elements), each made only when its turn comes and freed once written.
pub fn serialize_with(
    objects: BTreeMap<ObjectId, Object>,
    deferred: Option<&dyn Deferred>,
) -> Serialized {
    let mut syntax = Syntax::default();
    let later = deferred.map_or(0..0, |d| d.ids());
    let mut written = Vec::with_capacity(objects.len() + later.len());
    let mut write = |id: u32, object: &Object| {
        let start = syntax.out.len();
        let stream = match object {
            Object::Stream(s) => {
                syntax.stream(&s.dict, &s.content);
                true
            }
            other => {
                syntax.object(other);
                false
            }
        };
        written.push((id, start..syntax.out.len(), stream));
    };
    let mut later = later.peekable();
    for ((id, _), object) in objects {
        if let Some(deferred) = deferred {
            while let Some(d) = later.next_if(|d| *d < id) {
                write(d, &deferred.make(d));
            }
        }
        write(id, &object);
    }
    if let Some(deferred) = deferred {
        for d in later {
            write(d, &deferred.make(d));
        }
    }
    Serialized {
        syntax,
        objects: written,
    }
}

/// Where an object is in the file.
#[derive(Clone, Copy)]
enum Entry {
    Free,
    /// At this byte offset.
    At(usize),
    /// The `index`th object of object stream `stream`.
    Packed {
        stream: u32,
        index: usize,
    },
}

/// One chunk of the file: its bytes, and where each of its objects is in them.
struct Chunk {
    bytes: Vec<u8>,
    entries: Vec<(u32, Entry)>,
}

/// zlib level 3 for object streams, which hold most of a job's bytes (structure elements,
/// form fields): measured on 1,000 checklists, a fifth smaller than level 1 (1.92 against
/// 2.38 KiB a copy) for a tenth more time, where level 6 saved 7% more for a quarter more.
const OBJECT_STREAM_LEVEL: Compression = Compression::new(3);

/// Writes the file: `chunks` of serialised objects, each with the file number of its first
/// part-local object (numbered, packed and compressed in parallel; each chunk's small
/// objects in one object stream), then the cross-reference stream with `trailer`'s `Root`
/// and `Info`. `count` is the number of objects, numbered 1 to `count`.
pub fn write(chunks: Vec<Vec<(Serialized, u32)>>, count: u32, trailer: &Dictionary) -> Vec<u8> {
    let streams = chunks.len() as u32;
    let packed: Vec<Chunk> = chunks
        .into_par_iter()
        .enumerate()
        .map(|(i, units)| pack(&units, count + 1 + i as u32))
        .collect();
    let mut out = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let size = count + streams + 2;
    let mut entries = vec![Entry::Free; size as usize];
    for chunk in packed {
        let start = out.len();
        for (n, entry) in chunk.entries {
            if let Some(slot) = entries.get_mut(n as usize) {
                *slot = match entry {
                    Entry::At(at) => Entry::At(start + at),
                    other => other,
                };
            }
        }
        out.extend_from_slice(&chunk.bytes);
    }
    let xref_number = size - 1;
    let xref_at = out.len();
    entries[xref_number as usize] = Entry::At(xref_at);
    let id = Sha256::digest(&out);
    let id = Object::String(id[..16].to_vec(), StringFormat::Hexadecimal);
    let mut dict = Dictionary::new();
    for key in [b"Root".as_slice(), b"Info"] {
        if let Ok(value) = trailer.get(key) {
            dict.set(key, value.clone());
        }
    }
    dict.set("ID", Object::Array(vec![id.clone(), id]));
    xref_stream(&mut out, xref_number, &entries, dict);
    out.extend_from_slice(b"startxref\n");
    write_uint(&mut out, xref_at as u64);
    out.extend_from_slice(b"\n%%EOF\n");
    out
}

/// Numbers and packs `units`: streams as objects of their own, everything else into
/// object stream number `stream`.
fn pack(units: &[(Serialized, u32)], stream: u32) -> Chunk {
    let mut bytes = Vec::new();
    let mut entries = Vec::new();
    let mut header = Vec::new();
    let mut body = Vec::new();
    let mut packed = 0;
    for (part, first) in units {
        let mut slots = part.syntax.slots.iter().peekable();
        for (id, range, is_stream) in &part.objects {
            let n = number(*id, *first);
            let mut fill = |out: &mut Vec<u8>| numbered(out, part, range, *first, &mut slots);
            if *is_stream {
                entries.push((n, Entry::At(bytes.len())));
                write_indirect(&mut bytes, n, fill);
                continue;
            }
            entries.push((
                n,
                Entry::Packed {
                    stream,
                    index: packed,
                },
            ));
            packed += 1;
            write_uint(&mut header, u64::from(n));
            header.push(b' ');
            write_uint(&mut header, body.len() as u64);
            header.push(b' ');
            fill(&mut body);
            body.push(b'\n');
        }
    }
    if packed > 0 {
        let mut dict = Dictionary::new();
        dict.set("Type", Object::Name(b"ObjStm".to_vec()));
        dict.set("N", packed as i64);
        dict.set("First", header.len() as i64);
        dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
        header.extend_from_slice(&body);
        let content = deflate(&header, OBJECT_STREAM_LEVEL);
        entries.push((stream, Entry::At(bytes.len())));
        write_indirect(&mut bytes, stream, |out| {
            let mut s = Syntax::default();
            s.stream(&dict, &content);
            out.extend_from_slice(&s.out);
        });
    }
    Chunk { bytes, entries }
}

/// Copies `part`'s bytes in `range` to `out`, with the file's numbers (counted from
/// `first`) in the slots of part-local references; `slots` are the part's slots from the
/// first one in `range` on.
fn numbered(
    out: &mut Vec<u8>,
    part: &Serialized,
    range: &Range<usize>,
    first: u32,
    slots: &mut std::iter::Peekable<std::slice::Iter<(usize, u32)>>,
) {
    let bytes = &part.syntax.out;
    let mut at = range.start;
    while let Some(&(slot, local)) = slots.next_if(|(slot, _)| *slot < range.end) {
        out.extend_from_slice(&bytes[at..slot]);
        write_uint(out, u64::from(first + local));
        at = slot;
    }
    out.extend_from_slice(&bytes[at..range.end]);
}

/// `n 0 obj … endobj`, the object written by `body`.
fn write_indirect(out: &mut Vec<u8>, n: u32, body: impl FnOnce(&mut Vec<u8>)) {
    write_uint(out, u64::from(n));
    out.extend_from_slice(b" 0 obj\n");
    body(out);
    out.extend_from_slice(b"\nendobj\n");
}

/// The cross-reference stream (object `n`): one row per object, as small as the largest
/// offset allows, PNG-"up"-filtered (consecutive rows differ in a byte or two) and deflated.
fn xref_stream(out: &mut Vec<u8>, n: u32, entries: &[Entry], mut dict: Dictionary) {
    let largest = entries.iter().fold(0usize, |m, e| match *e {
        Entry::At(at) => m.max(at),
        Entry::Packed { stream, index } => m.max(stream as usize).max(index),
        Entry::Free => m,
    });
    let width = (usize::BITS - largest.leading_zeros()).div_ceil(8).max(1) as usize;
    let columns = 1 + 2 * width;
    let mut rows = Vec::with_capacity(entries.len() * (columns + 1));
    let mut previous = vec![0u8; columns];
    let mut row = vec![0u8; columns];
    for entry in entries {
        let (kind, a, b) = match *entry {
            Entry::Free => (0, 0, 0),
            Entry::At(at) => (1, at, 0),
            Entry::Packed { stream, index } => (2, stream as usize, index),
        };
        row[0] = kind;
        for i in 0..width {
            let shift = 8 * (width - 1 - i);
            row[1 + i] = (a >> shift) as u8;
            row[1 + width + i] = (b >> shift) as u8;
        }
        // Filter type 2, "up": each byte minus the one above it.
        rows.push(2);
        rows.extend(row.iter().zip(&previous).map(|(r, p)| r.wrapping_sub(*p)));
        previous.copy_from_slice(&row);
    }
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
    let content = deflate(&rows, Compression::default());
    write_indirect(out, n, |out| {
        let mut s = Syntax::default();
        s.stream(&dict, &content);
        out.extend_from_slice(&s.out);
    });
}

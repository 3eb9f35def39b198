//! The bytes of a print job's file (or a copy's): its objects numbered for the file, the
//! small ones packed into compressed object streams, a compressed cross-reference stream,
//! and an ID derived from the content.
//!
//! A single document is written in lopdf's layout, byte for byte (`save`, `writer`). A print
//! job of a thousand copies has a hundred thousand objects, and lopdf's serialiser works on
//! one core with an allocation per token (1.2 s for 1,000 checklists, most of the job's
//! time). Here each part is written as PDF syntax on the core that built it
//! ([`serialize_with`]; its structure elements made one at a time, as `writer` does), its
//! lopdf objects freed at once; a few parts at a time are numbered, packed and compressed on
//! any core ([`pack`]) and appended to the file in order ([`FileWriter`]).
//!
//! Each part is built in a [`lopdf::Document`] of its own whose objects are numbered from
//! [`LOCAL`] up (see [`local_document`]); objects shared by the whole job are numbered from 1
//! up. A part's own objects get their numbers in the file once the part is built.

use std::collections::BTreeMap;
use std::ops::Range;

use std::io::Write;

use flate2::Compression;
use lopdf::{Dictionary, Object, ObjectId, StringFormat};
use sha2::{Digest, Sha256};

use super::syntax::{write_uint, Syntax, LOCAL};
use super::xref::{Entry, Xref};
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
    // A part's objects take a few kilobytes: room for them up front, not grown by doubling.
    let mut syntax = Syntax {
        out: Vec::with_capacity(16 * 1024),
        slots: Vec::with_capacity(512),
    };
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

/// One chunk of the file: its bytes, and where each of its objects is in them (offsets
/// from the chunk's start).
pub struct Chunk {
    bytes: Vec<u8>,
    entries: Vec<(u32, Entry)>,
}

impl Chunk {
    /// Its size in bytes.
    pub fn size(&self) -> usize {
        self.bytes.len()
    }
}

/// zlib level 1 for a print job's object streams, which hold most of a job's bytes
/// (structure elements, form fields): measured on 1,000 checklists, a tenth less CPU than
/// level 3 (0.36 against 0.40 s) for 2.76 rather than 2.33 KiB a copy, well under the 4 KiB
/// aimed at; the time is the tighter target.
pub const JOB_LEVEL: Compression = Compression::new(1);

/// A PDF file being written a chunk at a time, objects numbered as the caller says: the
/// header first, then chunks in any order of numbers, then the cross-reference stream. The
/// trailer's ID is the hash of everything before the cross-reference stream, so the same
/// objects always give the same bytes. Forking it (when it writes into a `Vec`) copies what
/// is written so far: a batch of copies writes what they share once.
pub struct FileWriter<W> {
    out: W,
    written: u64,
    hash: Sha256,
    xref: Xref,
}

impl FileWriter<Vec<u8>> {
    /// A copy of this file so far, with room for `more` bytes: the start of another file.
    pub fn fork(&self, more: usize) -> Self {
        let mut out = Vec::with_capacity(self.out.len() + more);
        out.extend_from_slice(&self.out);
        FileWriter {
            out,
            written: self.written,
            hash: self.hash.clone(),
            xref: self.xref.clone(),
        }
    }
}

impl<W: Write> FileWriter<W> {
    /// Starts a PDF 1.7 file.
    pub fn new(out: W) -> std::io::Result<Self> {
        let mut file = FileWriter {
            out,
            written: 0,
            hash: Sha256::new(),
            xref: Xref::default(),
        };
        file.bytes(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n")?;
        Ok(file)
    }

    fn bytes(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.out.write_all(bytes)?;
        self.hash.update(bytes);
        self.written += bytes.len() as u64;
        Ok(())
    }

    /// Appends a packed chunk.
    pub fn chunk(&mut self, chunk: &Chunk) -> std::io::Result<()> {
        let start = self.written;
        for &(n, entry) in &chunk.entries {
            let entry = match entry {
                Entry::At(at) => Entry::At(start + at),
                other => other,
            };
            self.xref.add(n, entry);
        }
        self.bytes(&chunk.bytes)
    }

    /// The cross-reference entries kept so far, as runs (each 24 bytes of memory).
    pub fn xref_runs(&self) -> usize {
        self.xref.runs()
    }

    /// Ends the file: the cross-reference stream, numbered after every object written, with
    /// `trailer`'s `Root` and `Info`. Returns the writer and the file's size.
    pub fn finish(mut self, trailer: &Dictionary) -> std::io::Result<(W, u64)> {
        let id = self.hash.clone().finalize();
        let id = Object::String(id[..16].to_vec(), StringFormat::Hexadecimal);
        let mut dict = Dictionary::new();
        for key in [b"Root".as_slice(), b"Info"] {
            if let Ok(value) = trailer.get(key) {
                dict.set(key, value.clone());
            }
        }
        dict.set("ID", Object::Array(vec![id.clone(), id]));
        let number = self.xref.last_number() + 1;
        let at = self.written;
        let mut tail = Vec::new();
        std::mem::take(&mut self.xref).write(&mut tail, number, at, dict);
        tail.extend_from_slice(b"startxref\n");
        write_uint(&mut tail, at);
        tail.extend_from_slice(b"\n%%EOF\n");
        self.out.write_all(&tail)?;
        self.out.flush()?;
        Ok((self.out, at + tail.len() as u64))
    }
}

/// Numbers and packs `units` (serialised objects, each with the file number of its first
/// part-local object): streams as objects of their own, everything else into object stream
/// number `stream`, compressed at `level`.
pub fn pack(units: &[(Serialized, u32)], stream: u32, level: Compression) -> Chunk {
    let size: usize = units.iter().map(|(s, _)| s.syntax.out.len()).sum();
    let count: usize = units.iter().map(|(s, _)| s.objects.len()).sum();
    let mut bytes = Vec::with_capacity(size / 2);
    let mut entries = Vec::with_capacity(count + 1);
    let mut header = Vec::with_capacity(count * 12 + size);
    let mut body = Vec::with_capacity(size + count);
    let mut packed: u32 = 0;
    for (part, first) in units {
        let mut slots = part.syntax.slots.iter().peekable();
        for (id, range, is_stream) in &part.objects {
            let n = number(*id, *first);
            let mut fill = |out: &mut Vec<u8>| numbered(out, part, range, *first, &mut slots);
            if *is_stream {
                entries.push((n, Entry::At(bytes.len() as u64)));
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
        let content = deflate(&header, level);
        entries.push((stream, Entry::At(bytes.len() as u64)));
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
pub fn write_indirect(out: &mut Vec<u8>, n: u32, body: impl FnOnce(&mut Vec<u8>)) {
    write_uint(out, u64::from(n));
    out.extend_from_slice(b" 0 obj\n");
    body(out);
    out.extend_from_slice(b"\nendobj\n");
}

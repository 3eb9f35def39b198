//! The document's objects as PDF bytes: streams first, every other object packed a hundred to
//! a compressed object stream, then a cross-reference stream. The layout of the file is
//! lopdf's own (`Document::save_with_options` with object and cross-reference streams), and
//! each object is serialized by lopdf, so the bytes are the same as lopdf would write.
//!
//! What differs is memory. lopdf's save clones every object into its object streams before
//! writing any, so a document briefly exists twice. Here each object is moved out of the
//! document as it is packed, and [`Deferred`] objects (the structure elements, three or four
//! per list item) are only made when their turn comes, so they never exist all at once.

use std::collections::BTreeMap;
use std::io::Write;
use std::ops::Range;

use lopdf::content::{Content, Operation};
use lopdf::{Dictionary, Object, ObjectId, ObjectStream, Stream};

/// Objects made only when they are written, in object-number order.
pub trait Deferred {
    /// The object numbers they have: reserved in the document, which holds no object there.
    fn ids(&self) -> Range<u32>;
    /// The object with a number from `ids`.
    fn make(&self, id: u32) -> Object;
}

/// Objects per object stream: lopdf's default, so the bytes are those lopdf writes.
const OBJECTS_PER_STREAM: usize = 100;
/// Deflate level of object streams: level 1, as for page contents. 3% larger files than the
/// default level, a tenth less time for a batch of copies.
const OBJECT_STREAM_LEVEL: u32 = 1;

/// Where each object is, for the cross-reference stream.
enum Entry {
    /// At a byte offset in the file, with its generation.
    At(u32, u16),
    /// In an object stream (its number), at an index.
    Packed(u32, u16),
}

/// Writes `doc` and the `deferred` objects, taking the objects out of `doc` as it goes.
pub fn write(mut doc: lopdf::Document, deferred: &dyn Deferred) -> Result<Vec<u8>, String> {
    let mut file = File {
        out: Vec::new(),
        xref: BTreeMap::new(),
    };
    file.header(&doc)?;
    let (packed, direct): (Vec<_>, Vec<_>) = std::mem::take(&mut doc.objects)
        .into_iter()
        .partition(|(id, object)| packable(*id, object));
    for (id, object) in direct {
        file.object(id, object)?;
    }
    let mut packer = Packer {
        first_id: doc.max_id + 1,
        streams: 0,
        current: None,
    };
    let mut ids = deferred.ids().peekable();
    for (id, object) in packed {
        while let Some(d) = ids.next_if(|d| *d < id.0) {
            packer.add(d, deferred.make(d), &mut file)?;
        }
        packer.add(id.0, object, &mut file)?;
    }
    for d in ids {
        packer.add(d, deferred.make(d), &mut file)?;
    }
    packer.finish(&mut file)?;
    let xref_id = doc.max_id + packer.streams + 1;
    file.xref_stream(&mut doc.trailer, xref_id)?;
    Ok(file.out)
}

/// Whether lopdf would put an object in an object stream: anything but streams, objects of a
/// later generation and cross-reference or object-stream dictionaries.
fn packable(id: ObjectId, object: &Object) -> bool {
    match object {
        Object::Stream(_) => false,
        _ if id.1 != 0 => false,
        Object::Dictionary(d) => !matches!(d.get_type(), Ok(b"XRef" | b"ObjStm")),
        _ => true,
    }
}

/// One object as lopdf serializes it, through the one public door to its writer: a content
/// stream of a single operand and no operator, which is the object and a space.
fn serialize(object: Object) -> Result<Vec<u8>, String> {
    let content = Content {
        operations: [Operation::new("", vec![object])],
    };
    let mut bytes = content
        .encode()
        .map_err(|e| format!("cannot serialize PDF: {e}"))?;
    bytes.pop();
    Ok(bytes)
}

/// The file as written so far.
struct File {
    out: Vec<u8>,
    xref: BTreeMap<u32, Entry>,
}

impl File {
    fn header(&mut self, doc: &lopdf::Document) -> Result<(), String> {
        if doc.binary_mark.iter().any(|&b| b < 128) {
            return Err("cannot serialize PDF: invalid binary mark".into());
        }
        let _ = writeln!(self.out, "%PDF-{}", doc.version);
        self.out.push(b'%');
        self.out.extend_from_slice(&doc.binary_mark);
        self.out.push(b'\n');
        Ok(())
    }

    /// `id gen obj … endobj`, spaced as lopdf spaces it.
    fn object(&mut self, (id, generation): ObjectId, object: Object) -> Result<(), String> {
        use Object::{Boolean, Integer, Name, Null, Real, Reference};
        let offset = u32::try_from(self.out.len()).map_err(|_| "PDF larger than 4 GiB")?;
        self.xref.insert(id, Entry::At(offset, generation));
        let before = matches!(
            object,
            Null | Boolean(_) | Integer(_) | Real(_) | Reference(_)
        );
        let after = before || matches!(object, Name(_) | Object::Stream(_));
        let space = if before { " " } else { "" };
        let _ = write!(self.out, "{id} {generation} obj\n{space}");
        match object {
            Object::Stream(stream) => {
                // The content goes straight in: serializing it would copy it once more.
                let dict = serialize(Object::Dictionary(stream.dict))?;
                self.out.extend_from_slice(&dict);
                self.out.extend_from_slice(b"stream\n");
                self.out.extend_from_slice(&stream.content);
                self.out.extend_from_slice(b"\nendstream");
            }
            object => {
                let bytes = serialize(object)?;
                self.out.extend_from_slice(&bytes);
            }
        }
        let _ = writeln!(self.out, "{}\nendobj", if after { " " } else { "" });
        Ok(())
    }

    /// The cross-reference stream, numbered `id`, with the trailer as its dictionary.
    fn xref_stream(&mut self, trailer: &mut Dictionary, id: u32) -> Result<(), String> {
        let start = self.out.len();
        let offset = u32::try_from(start).map_err(|_| "PDF larger than 4 GiB")?;
        self.xref.insert(id, Entry::At(offset, 0));
        let (content, index) = self.xref_entries();
        trailer.set("Type", Object::Name(b"XRef".to_vec()));
        trailer.set("Size", i64::from(id) + 1);
        let widths = [1, 4, 2].map(Object::Integer).to_vec();
        trailer.set("W", Object::Array(widths));
        trailer.set("Index", Object::Array(index));
        trailer.remove(b"Filter");
        trailer.set("Length", content.len() as i64);
        let stream = Stream {
            dict: trailer.clone(),
            content,
            allows_compression: true,
            start_position: None,
        };
        self.object((id, 0), Object::Stream(stream))?;
        let _ = write!(self.out, "\nstartxref\n{start}\n%%EOF");
        Ok(())
    }

    /// The cross-reference entries (`W [1 4 2]`) and the `Index` of their runs of numbers.
    fn xref_entries(&self) -> (Vec<u8>, Vec<Object>) {
        let mut content = Vec::with_capacity(self.xref.len() * 7);
        let mut index = Vec::new();
        let mut run: Option<(u32, u32)> = None;
        for (&id, entry) in &self.xref {
            let (kind, field, sub) = match *entry {
                Entry::At(offset, generation) => (1, offset, generation),
                Entry::Packed(stream, i) => (2, stream, i),
            };
            content.push(kind);
            content.extend(field.to_be_bytes());
            content.extend(sub.to_be_bytes());
            run = match run {
                Some((first, n)) if first + n == id => Some((first, n + 1)),
                Some((first, n)) => {
                    index.extend([Object::Integer(first.into()), Object::Integer(n.into())]);
                    Some((id, 1))
                }
                None => Some((id, 1)),
            };
        }
        if let Some((first, n)) = run {
            index.extend([Object::Integer(first.into()), Object::Integer(n.into())]);
        }
        (content, index)
    }
}

/// Fills object streams in object-number order and writes each as soon as it is full.
struct Packer {
    /// The number of the first object stream: the one after the document's last object.
    first_id: u32,
    streams: u32,
    current: Option<ObjectStream>,
}

impl Packer {
    fn add(&mut self, id: u32, object: Object, file: &mut File) -> Result<(), String> {
        let stream = self.current.get_or_insert_with(|| {
            ObjectStream::builder()
                .max_objects(OBJECTS_PER_STREAM)
                .compression_level(OBJECT_STREAM_LEVEL)
                .build()
        });
        stream
            .add_object((id, 0), object)
            .map_err(|e| format!("cannot pack PDF object {id}: {e}"))?;
        if stream.object_count() >= OBJECTS_PER_STREAM {
            self.finish(file)?;
        }
        Ok(())
    }

    /// Writes the stream being filled, if any.
    fn finish(&mut self, file: &mut File) -> Result<(), String> {
        let Some(stream) = self.current.take() else {
            return Ok(());
        };
        let id = self.first_id + self.streams;
        self.streams += 1;
        let packed = stream
            .to_stream_object()
            .map_err(|e| format!("cannot pack PDF objects: {e}"))?;
        for (i, &(object, _)) in stream.objects.keys().enumerate() {
            let i = u16::try_from(i).map_err(|_| "object stream too long")?;
            file.xref.insert(object, Entry::Packed(id, i));
        }
        drop(stream);
        file.object((id, 0), Object::Stream(packed))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A document with what ours have: streams and dictionaries, strings, names, numbers,
    /// references, nested arrays, and more than one object stream's worth of objects.
    fn document() -> lopdf::Document {
        let mut doc = lopdf::Document::with_version("1.7");
        let mut page = Dictionary::new();
        page.set("Type", Object::Name(b"Page".to_vec()));
        page.set(
            "Rect",
            vec![Object::Real(1.5), Object::Integer(-2), Object::Null],
        );
        let page = doc.add_object(page);
        let content = Stream::new(Dictionary::new(), b"BT /F1 12 Tf (x) Tj ET".to_vec());
        doc.add_object(content);
        for i in 0..230 {
            let mut d = Dictionary::new();
            d.set("P", Object::Reference(page));
            d.set("T", Object::string_literal(format!("item (#{i}) \\ done")));
            d.set("K", vec![Object::Integer(i), Object::Boolean(i % 2 == 0)]);
            doc.add_object(d);
        }
        doc.new_object_id(); // a number with no object: a gap in the cross-reference
        doc.add_object(Object::Name(b"Last One".to_vec()));
        doc.trailer.set("Root", Object::Reference(page));
        doc
    }

    fn lopdf_bytes(mut doc: lopdf::Document) -> Vec<u8> {
        let options = lopdf::SaveOptions::builder()
            .use_object_streams(true)
            .use_xref_streams(true)
            .compression_level(OBJECT_STREAM_LEVEL)
            .build();
        let mut out = Vec::new();
        doc.save_with_options(&mut out, options).unwrap();
        out
    }

    /// Objects of the document, made on demand.
    struct Later(Range<u32>, BTreeMap<u32, Object>);

    impl Deferred for Later {
        fn ids(&self) -> Range<u32> {
            self.0.clone()
        }

        fn make(&self, id: u32) -> Object {
            self.1.get(&id).cloned().unwrap_or(Object::Null)
        }
    }

    #[test]
    fn the_bytes_are_lopdfs_whether_objects_are_in_the_document_or_deferred() {
        let expected = lopdf_bytes(document());
        let none = Later(0..0, BTreeMap::new());
        assert!(write(document(), &none).unwrap() == expected);
        let mut doc = document();
        let later: BTreeMap<u32, Object> = (100..180)
            .filter_map(|id| Some((id, doc.objects.remove(&(id, 0))?)))
            .collect();
        assert_eq!(later.len(), 80);
        assert!(write(doc, &Later(100..180, later)).unwrap() == expected);
    }
}

//! The finished document as bytes: page contents deflated, the many small dictionaries packed
//! into compressed object streams, and a trailer `/ID` derived from the content, so that the
//! same handout always gives the same bytes. Also the one deflate helper that fonts and
//! images use for their streams.
//!
//! What goes into the document is left to the other modules; nothing here changes it beyond
//! compression, the version and the ID.

use lopdf::{Object, StringFormat};
use sha2::{Digest, Sha256};

use super::writer::Deferred;

/// The trailer ID written before the document is hashed: 16 zero bytes, written by lopdf as
/// 32 hex zeros that [`patch_id`] then finds and overwrites.
const PLACEHOLDER_ID: [u8; 16] = [0; 16];

/// Serialises `doc` as PDF 1.7 with a trailer `/ID` that is the hash of the document itself,
/// so the ID is unique per content and stable across runs and machines.
/// The `deferred` objects are made as they are written (see `writer`).
pub fn save(mut doc: lopdf::Document, deferred: &dyn Deferred) -> Result<Vec<u8>, String> {
    // printpdf writes 1.3; transparent logos need 1.4, object streams 1.5.
    doc.version = "1.7".into();
    compress(&mut doc);
    let id = Object::String(PLACEHOLDER_ID.to_vec(), StringFormat::Hexadecimal);
    doc.trailer.set("ID", Object::Array(vec![id.clone(), id]));
    let mut out = super::writer::write(doc, deferred)?;
    patch_id(&mut out)?;
    Ok(out)
}

/// zlib-compressed `bytes`, for a `/FlateDecode` stream.
pub fn deflate(bytes: &[u8], level: flate2::Compression) -> Vec<u8> {
    use std::io::Write;
    let mut z = flate2::write::ZlibEncoder::new(Vec::with_capacity(bytes.len() / 4), level);
    // Writing into a Vec cannot fail.
    let _ = z.write_all(bytes);
    z.finish().unwrap_or_default()
}

/// Deflates every stream not compressed yet (the page contents are as they are drawn; fonts
/// and images arrive compressed).
pub fn compress(doc: &mut lopdf::Document) {
    compress_with(doc, flate2::Compression::fast());
}

/// [`compress`] at `level`: what is compressed once for many documents can take the time.
pub fn compress_with(doc: &mut lopdf::Document, level: flate2::Compression) {
    for object in doc.objects.values_mut() {
        if let Object::Stream(stream) = object {
            pack_with(stream, level);
        }
    }
}

/// Deflates a stream that is not compressed yet, if that makes it smaller. At zlib's fastest
/// level: a page's few KB of operators shrink almost as well as at the default level, in a
/// third of the time, which matters for batches of copies.
pub fn pack(stream: &mut lopdf::Stream) {
    pack_with(stream, flate2::Compression::fast());
}

fn pack_with(stream: &mut lopdf::Stream, level: flate2::Compression) {
    if !stream.allows_compression || stream.dict.has(b"Filter") {
        return;
    }
    let packed = deflate(&stream.content, level);
    if !packed.is_empty() && packed.len() + 19 < stream.content.len() {
        stream
            .dict
            .set("Filter", Object::Name(b"FlateDecode".to_vec()));
        stream.set_content(packed);
    }
}

/// Overwrites the two placeholder IDs in `out` with the first 16 bytes of its SHA-256, in
/// place: the placeholders and the hash have the same length, so no offset moves.
fn patch_id(out: &mut [u8]) -> Result<(), String> {
    let digest = Sha256::digest(&*out);
    let hex: String = digest[..16].iter().map(|b| format!("{b:02X}")).collect();
    let zeros = [b'0'; 2 * PLACEHOLDER_ID.len()];
    // The placeholders follow the last `/ID` key: in the trailer, or in the dictionary of
    // the cross-reference stream, which may sit a long way before the end of the file.
    let id_key = out.windows(3).rposition(|w| w == b"/ID");
    let mut replaced = 0;
    if let Some(start) = id_key {
        let end = (start + 120).min(out.len());
        let mut i = start;
        while replaced < 2 && i + zeros.len() <= end {
            if out[i..i + zeros.len()] == zeros {
                out[i..i + zeros.len()].copy_from_slice(hex.as_bytes());
                replaced += 1;
                i += zeros.len();
            } else {
                i += 1;
            }
        }
    }
    if replaced != 2 {
        return Err("cannot set the document ID".into());
    }
    Ok(())
}

//! Pictures as PDF image XObjects, compressed once and reused.
//!
//! We encode images ourselves instead of handing pixels to printpdf: printpdf deflates every
//! image again on every save (most of a handout's write time went to re-compressing the same
//! logo), and it may re-encode a PNG as lossy JPEG. Here the logo is deflated once per run and
//! each document only copies the compressed bytes.

use std::io::Write;

use flate2::write::ZlibEncoder;
use flate2::Compression;
use lopdf::{Dictionary, Object, ObjectId, Stream};

use crate::images::Picture;

/// An image ready to embed: colour samples and optional alpha, each Flate-compressed.
#[derive(Debug, Clone)]
pub struct PdfImage {
    width: u32,
    height: u32,
    rgb: Vec<u8>,
    alpha: Option<Vec<u8>>,
}

fn deflate(bytes: &[u8]) -> Vec<u8> {
    let mut z = ZlibEncoder::new(Vec::with_capacity(bytes.len() / 4), Compression::default());
    // Writing into a Vec cannot fail.
    let _ = z.write_all(bytes);
    z.finish().unwrap_or_default()
}

impl PdfImage {
    pub fn encode(picture: &Picture) -> PdfImage {
        let (rgb, alpha) = if picture.has_alpha {
            let mut rgb = Vec::with_capacity(picture.pixels.len() / 4 * 3);
            let mut alpha = Vec::with_capacity(picture.pixels.len() / 4);
            for px in picture.pixels.chunks_exact(4) {
                rgb.extend_from_slice(&px[..3]);
                alpha.push(px[3]);
            }
            // A fully opaque alpha channel is dropped: no soft mask, smaller file.
            let alpha = alpha.iter().any(|&a| a != 255).then(|| deflate(&alpha));
            (deflate(&rgb), alpha)
        } else {
            (deflate(&picture.pixels), None)
        };
        PdfImage {
            width: picture.width,
            height: picture.height,
            rgb,
            alpha,
        }
    }

    fn stream(&self, color_space: &str, data: &[u8]) -> Stream {
        let mut dict = Dictionary::new();
        dict.set("Type", Object::Name(b"XObject".to_vec()));
        dict.set("Subtype", Object::Name(b"Image".to_vec()));
        dict.set("Width", i64::from(self.width));
        dict.set("Height", i64::from(self.height));
        dict.set("ColorSpace", Object::Name(color_space.as_bytes().to_vec()));
        dict.set("BitsPerComponent", 8);
        dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
        Stream::new(dict, data.to_vec()).with_compression(false)
    }

    /// Adds the image (and its soft mask) to `doc`, returning the image's object id.
    pub fn insert(&self, doc: &mut lopdf::Document) -> ObjectId {
        let mut image = self.stream("DeviceRGB", &self.rgb);
        if let Some(alpha) = &self.alpha {
            let mask = doc.add_object(self.stream("DeviceGray", alpha));
            image.dict.set("SMask", Object::Reference(mask));
        }
        doc.add_object(image)
    }
}

//! Pictures (the logo, image blocks) as PDF image XObjects, compressed once and reused.
//!
//! We encode images ourselves instead of handing pixels to printpdf: printpdf deflates every
//! image again on every save (most of a handout's write time went to re-compressing the same
//! logo), and it may re-encode a PNG as lossy JPEG. Here the logo is deflated once per run and
//! each document only copies the compressed bytes. The QR code is vector art, not an image:
//! see `qr`.

use flate2::Compression;
use lopdf::{Dictionary, Object, ObjectId, Stream};

use super::resources::{image_name, Resources};
use crate::assets::images::Picture;
use crate::layout::ImageRef;

/// How the colour samples are stored.
#[derive(Debug, Clone, PartialEq)]
enum Samples {
    /// Three bytes a pixel; `predicted` if PNG row filters were applied.
    Rgb { predicted: bool },
    /// One byte a pixel into a palette of at most 256 colours (logos usually have a few
    /// dozen), a third of the samples before compression even starts.
    Indexed { palette: Vec<u8> },
}

/// An image ready to embed: colour samples and optional alpha, each Flate-compressed, in
/// whichever encoding came out smallest.
#[derive(Debug, Clone)]
pub struct PdfImage {
    width: u32,
    height: u32,
    samples: Samples,
    color: Vec<u8>,
    /// Alpha samples and whether they were PNG-filtered.
    alpha: Option<(Vec<u8>, bool)>,
}

/// Deflates `raw` as is and, unless that already packs it tightly (flat colour), also
/// PNG-filtered; returns the smaller and whether it is filtered.
fn smallest(raw: &[u8], width: usize, channels: usize) -> (Vec<u8>, bool) {
    let plain = deflate(raw);
    if plain.len() < raw.len() / 8 {
        return (plain, false);
    }
    let filtered = deflate(&png_filter(raw, width, channels));
    if filtered.len() < plain.len() {
        (filtered, true)
    } else {
        (plain, false)
    }
}

/// The palette and indices of an RGB image with at most 256 colours.
fn indexed(rgb: &[u8]) -> Option<(Vec<u8>, Vec<u8>)> {
    let key = |px: &[u8]| u32::from(px[0]) << 16 | u32::from(px[1]) << 8 | u32::from(px[2]);
    // Neighbouring pixels are mostly the same colour: remember the last one, and search the
    // (at most 256-entry) palette only on a change.
    let mut colors: Vec<u32> = Vec::new();
    let mut last = None;
    for px in rgb.chunks_exact(3) {
        let k = key(px);
        if last == Some(k) {
            continue;
        }
        last = Some(k);
        if let Err(at) = colors.binary_search(&k) {
            if colors.len() == 256 {
                return None;
            }
            // Kept sorted, so the same picture always gives the same palette.
            colors.insert(at, k);
        }
    }
    let mut indices = Vec::with_capacity(rgb.len() / 3);
    let mut last = (u32::MAX, 0u8);
    for px in rgb.chunks_exact(3) {
        let k = key(px);
        if k != last.0 {
            last = (k, colors.binary_search(&k).unwrap_or(0) as u8);
        }
        indices.push(last.1);
    }
    let palette = colors
        .iter()
        .flat_map(|c| [(c >> 16) as u8, (c >> 8) as u8, *c as u8])
        .collect();
    Some((palette, indices))
}

impl PdfImage {
    pub fn encode(picture: &Picture) -> PdfImage {
        let w = picture.width as usize;
        let (rgb, alpha): (Vec<u8>, Option<Vec<u8>>) = if picture.has_alpha {
            let mut rgb = Vec::with_capacity(picture.pixels.len() / 4 * 3);
            let mut alpha = Vec::with_capacity(picture.pixels.len() / 4);
            for px in picture.pixels.chunks_exact(4) {
                rgb.extend_from_slice(&px[..3]);
                alpha.push(px[3]);
            }
            // A fully opaque alpha channel is dropped: no soft mask, smaller file.
            let alpha = alpha.iter().any(|&a| a != 255).then_some(alpha);
            (rgb, alpha)
        } else {
            (picture.pixels.clone(), None)
        };
        // A few-colour picture (a logo) is stored as palette indices; anything else as RGB,
        // PNG-filtered if that packs smaller (photos).
        let (color, samples) = match indexed(&rgb) {
            Some((palette, indices)) => (deflate(&indices), Samples::Indexed { palette }),
            None => {
                let (color, predicted) = smallest(&rgb, w, 3);
                (color, Samples::Rgb { predicted })
            }
        };
        PdfImage {
            width: picture.width,
            height: picture.height,
            samples,
            color,
            alpha: alpha.map(|a| smallest(&a, w, 1)),
        }
    }

    fn stream(&self, color_space: Object, colors: i64, predicted: bool, data: &[u8]) -> Stream {
        let mut dict = Dictionary::new();
        dict.set("Type", Object::Name(b"XObject".to_vec()));
        dict.set("Subtype", Object::Name(b"Image".to_vec()));
        dict.set("Width", i64::from(self.width));
        dict.set("Height", i64::from(self.height));
        dict.set("ColorSpace", color_space);
        dict.set("BitsPerComponent", 8);
        dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
        if predicted {
            let mut parms = Dictionary::new();
            parms.set("Predictor", 15);
            parms.set("Colors", colors);
            parms.set("BitsPerComponent", 8);
            parms.set("Columns", i64::from(self.width));
            dict.set("DecodeParms", parms);
        }
        Stream::new(dict, data.to_vec()).with_compression(false)
    }

    /// Adds the image (and its soft mask) to `doc`, returning the image's object id.
    pub fn insert(&self, doc: &mut lopdf::Document) -> ObjectId {
        let rgb = || Object::Name(b"DeviceRGB".to_vec());
        let mut image = match &self.samples {
            Samples::Rgb { predicted } => self.stream(rgb(), 3, *predicted, &self.color),
            Samples::Indexed { palette } => {
                let hival = (palette.len() / 3).saturating_sub(1) as i64;
                let space = Object::Array(vec![
                    Object::Name(b"Indexed".to_vec()),
                    rgb(),
                    Object::Integer(hival),
                    Object::String(palette.clone(), lopdf::StringFormat::Hexadecimal),
                ]);
                self.stream(space, 1, false, &self.color)
            }
        };
        if let Some((alpha, predicted)) = &self.alpha {
            let gray = Object::Name(b"DeviceGray".to_vec());
            let mask = doc.add_object(self.stream(gray, 1, *predicted, alpha));
            image.dict.set("SMask", Object::Reference(mask));
        }
        doc.add_object(image)
    }
}

/// PNG row filters (PDF `/Predictor 15`): each row is stored as its difference from a
/// prediction, chosen per row by the usual heuristic (smallest sum of absolute differences).
/// Smooth gradients (photos) become small numbers that deflate packs better than raw samples.
fn png_filter(samples: &[u8], width: usize, channels: usize) -> Vec<u8> {
    let stride = width * channels;
    if stride == 0 {
        return Vec::new();
    }
    let rows = samples.len() / stride;
    let mut out = Vec::with_capacity(rows * (stride + 1));
    let zero = vec![0u8; stride];
    let mut candidate = vec![0u8; stride];
    let mut best = vec![0u8; stride];
    for r in 0..rows {
        let row = &samples[r * stride..(r + 1) * stride];
        let up = if r == 0 {
            &zero[..]
        } else {
            &samples[(r - 1) * stride..r * stride]
        };
        let mut best_kind = 0u8;
        let mut best_cost = u64::MAX;
        for kind in 0..5u8 {
            for i in 0..stride {
                let a = if i >= channels { row[i - channels] } else { 0 };
                let b = up[i];
                let c = if i >= channels { up[i - channels] } else { 0 };
                let predicted = match kind {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => ((u16::from(a) + u16::from(b)) / 2) as u8,
                    _ => paeth(a, b, c),
                };
                candidate[i] = row[i].wrapping_sub(predicted);
            }
            let cost: u64 = candidate
                .iter()
                .map(|&v| u64::from((v as i8).unsigned_abs()))
                .sum();
            if cost < best_cost {
                best_cost = cost;
                best_kind = kind;
                best.copy_from_slice(&candidate);
            }
        }
        out.push(best_kind);
        out.extend_from_slice(&best);
    }
    out
}

fn paeth(a: u8, b: u8, c: u8) -> u8 {
    let p = i16::from(a) + i16::from(b) - i16::from(c);
    let (pa, pb, pc) = (
        (p - i16::from(a)).abs(),
        (p - i16::from(b)).abs(),
        (p - i16::from(c)).abs(),
    );
    if pa <= pb && pa <= pc {
        a
    } else if pb <= pc {
        b
    } else {
        c
    }
}

/// Adds `images` to `doc`, each listed under the name the pages draw it by.
pub fn add(
    doc: &mut lopdf::Document,
    resources: &Resources,
    images: &[(ImageRef, &PdfImage)],
) -> Result<(), String> {
    // A picture shown by several blocks is the same encoded image: stored once, named by each.
    let mut stored: Vec<(*const PdfImage, ObjectId)> = Vec::new();
    for (image, encoded) in images {
        let key: *const PdfImage = *encoded;
        let id = match stored.iter().find(|(k, _)| *k == key) {
            Some((_, id)) => *id,
            None => {
                let id = encoded.insert(doc);
                stored.push((key, id));
                id
            }
        };
        resources.name_xobject(doc, &image_name(*image), id)?;
    }
    Ok(())
}

/// Images are deflated once per run, at the default level: `best` took 15 ms more per run
/// for the logo and saved 2%.
fn deflate(bytes: &[u8]) -> Vec<u8> {
    super::save::deflate(bytes, Compression::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Undoes `png_filter`, as a PDF reader does.
    fn unfilter(data: &[u8], width: usize, channels: usize) -> Vec<u8> {
        let stride = width * channels;
        let mut out: Vec<u8> = Vec::new();
        for (r, row) in data.chunks(stride + 1).enumerate() {
            let (kind, row) = (row[0], &row[1..]);
            for i in 0..stride {
                let a = if i >= channels {
                    out[r * stride + i - channels]
                } else {
                    0
                };
                let b = if r > 0 { out[(r - 1) * stride + i] } else { 0 };
                let c = if r > 0 && i >= channels {
                    out[(r - 1) * stride + i - channels]
                } else {
                    0
                };
                let p = match kind {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => ((u16::from(a) + u16::from(b)) / 2) as u8,
                    _ => paeth(a, b, c),
                };
                out.push(row[i].wrapping_add(p));
            }
        }
        out
    }

    #[test]
    fn png_filtering_round_trips() {
        let (w, h) = (7, 5);
        let samples: Vec<u8> = (0..w * h * 3).map(|i| ((i * 37) % 251) as u8).collect();
        let filtered = png_filter(&samples, w, 3);
        assert_eq!(filtered.len(), h * (w * 3 + 1));
        assert_eq!(unfilter(&filtered, w, 3), samples);
    }
}

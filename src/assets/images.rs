//! Pictures (the logo and image blocks): read and decoded once, with limits.
//!
//! Decoding is bounded: a header that claims enormous dimensions is refused before any pixel
//! buffer is allocated, so a hostile or broken file cannot exhaust memory.

use std::io::Cursor;
use std::path::{Path, PathBuf};

/// Largest picture we accept on either side, in pixels: 10,000 px is 33 in at 300 dpi.
pub const MAX_SIDE: u32 = 10_000;
/// Largest picture file we read: a 10,000 px photo is a few dozen MiB at most.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// Most memory a single decode may allocate.
pub const MAX_ALLOC: u64 = 256 * 1024 * 1024;

/// Bytes a decode needs at its peak: the decoded samples, a converted copy when they are not
/// 8-bit RGB or RGBA already, and a turned copy when the picture must be turned upright.
fn memory_needed(
    decoded: u64,
    color: image::ColorType,
    w: u32,
    h: u32,
    orientation: image::metadata::Orientation,
) -> u64 {
    let channels: u64 = if color.has_alpha() { 4 } else { 3 };
    let converted = u64::from(w) * u64::from(h) * channels;
    let conversion = match color {
        image::ColorType::Rgb8 | image::ColorType::Rgba8 => 0,
        _ => converted,
    };
    let turning = match orientation {
        image::metadata::Orientation::NoTransforms => 0,
        _ => converted,
    };
    decoded + conversion + turning
}

/// A decoded picture, 8 bits per channel.
#[derive(Debug, Clone, PartialEq)]
pub struct Picture {
    pub path: PathBuf,
    pub width: u32,
    pub height: u32,
    /// RGB or RGBA samples, row by row.
    pub pixels: Vec<u8>,
    pub has_alpha: bool,
}

impl Picture {
    /// The same picture in grays of equal luminance (for the grayscale edition).
    pub fn to_gray(&self) -> Picture {
        let channels = if self.has_alpha { 4 } else { 3 };
        let mut pixels = self.pixels.clone();
        for px in pixels.chunks_exact_mut(channels) {
            let g = crate::layout::style::gray(crate::model::Color::rgb(px[0], px[1], px[2]));
            px[..3].copy_from_slice(&[g.r, g.g, g.b]);
        }
        Picture {
            pixels,
            ..self.clone()
        }
    }

    /// Reads and decodes a PNG or JPEG file. The error is a message for a diagnostic.
    pub fn load(path: &Path) -> Result<Picture, String> {
        let bytes = super::read::read_capped(path, MAX_FILE_BYTES, "image").map_err(|e| e.0)?;
        Picture::decode(path, &bytes)
    }

    /// Decodes a PNG or JPEG in memory, upright (a JPEG's EXIF orientation applied). What
    /// decoding, converting to 8-bit RGB(A) and turning upright need together is checked
    /// against [`MAX_ALLOC`] before a pixel is decoded.
    pub fn decode(path: &Path, bytes: &[u8]) -> Result<Picture, String> {
        use image::ImageDecoder;
        let shown = path.display();
        let reader = image::ImageReader::new(Cursor::new(bytes))
            .with_guessed_format()
            .map_err(|e| format!("cannot read image `{shown}`: {e}"))?;
        match reader.format() {
            Some(image::ImageFormat::Png | image::ImageFormat::Jpeg) => {}
            _ => return Err(format!("`{shown}` is not a PNG or JPEG image")),
        }
        let undecodable = |e: image::ImageError| format!("cannot decode image `{shown}`: {e}");
        let mut decoder = reader.into_decoder().map_err(undecodable)?;
        let (w, h) = decoder.dimensions();
        if w > MAX_SIDE || h > MAX_SIDE {
            return Err(format!(
                "image `{shown}` is {w} × {h} pixels; at most {MAX_SIDE} × {MAX_SIDE} are allowed"
            ));
        }
        let orientation = decoder
            .orientation()
            .unwrap_or(image::metadata::Orientation::NoTransforms);
        let need = memory_needed(
            decoder.total_bytes(),
            decoder.color_type(),
            w,
            h,
            orientation,
        );
        if need > MAX_ALLOC {
            return Err(format!(
                "image `{shown}` is {w} × {h} pixels: decoding it needs {} MiB of memory, more \
                 than the limit of {} MiB; 3000 pixels across is plenty for print",
                need.div_ceil(1 << 20),
                MAX_ALLOC >> 20
            ));
        }
        let mut limits = image::Limits::default();
        limits.max_image_width = Some(MAX_SIDE);
        limits.max_image_height = Some(MAX_SIDE);
        limits.max_alloc = Some(MAX_ALLOC);
        decoder.set_limits(limits).map_err(undecodable)?;
        let mut decoded = image::DynamicImage::from_decoder(decoder).map_err(undecodable)?;
        decoded.apply_orientation(orientation);
        let has_alpha = decoded.color().has_alpha();
        let (width, height) = (decoded.width(), decoded.height());
        let pixels = if has_alpha {
            decoded.into_rgba8().into_raw()
        } else {
            decoded.into_rgb8().into_raw()
        };
        Ok(Picture {
            path: path.to_path_buf(),
            width,
            height,
            pixels,
            has_alpha,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PNG with a header and no pixel data: enough to be refused before decoding.
    fn png_header(width: u32, height: u32, color_type: u8) -> Vec<u8> {
        let chunk = |name: &[u8], data: &[u8]| {
            let mut body = name.to_vec();
            body.extend(data);
            let mut crc = flate2::Crc::new();
            crc.update(&body);
            let mut out = (data.len() as u32).to_be_bytes().to_vec();
            out.extend(body);
            out.extend(crc.sum().to_be_bytes());
            out
        };
        let mut ihdr = width.to_be_bytes().to_vec();
        ihdr.extend(height.to_be_bytes());
        ihdr.extend([8, color_type, 0, 0, 0]);
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        png.extend(chunk(b"IHDR", &ihdr));
        png.extend(chunk(b"IDAT", &[]));
        png.extend(chunk(b"IEND", &[]));
        png
    }

    #[test]
    fn the_memory_limit_counts_decoding_and_conversion_and_says_so() {
        // 9,000 × 9,000 RGBA is within the side limit but needs 309 MiB to decode.
        let err = Picture::decode(Path::new("big.png"), &png_header(9000, 9000, 6)).unwrap_err();
        assert!(
            err.contains("is 9000 × 9000 pixels: decoding it needs 309 MiB"),
            "{err}"
        );
        // Gray + alpha, 8,000²: 122 MiB decoded, and 244 MiB more as RGBA.
        let err = Picture::decode(Path::new("ga.png"), &png_header(8000, 8000, 4)).unwrap_err();
        assert!(err.contains("needs 367 MiB"), "{err}");
        let err = Picture::decode(Path::new("wide.png"), &png_header(20_000, 10, 2)).unwrap_err();
        assert!(
            err.contains("is 20000 × 10 pixels; at most 10000 × 10000"),
            "{err}"
        );
    }

    /// A JPEG of `w` × `h` with an EXIF orientation tag.
    fn jpeg_with_orientation(w: u32, h: u32, orientation: u16) -> Vec<u8> {
        let pixels = image::RgbImage::from_fn(w, h, |x, _| image::Rgb([(x * 60) as u8, 0, 0]));
        let mut jpeg = Vec::new();
        image::codecs::jpeg::JpegEncoder::new(&mut jpeg)
            .encode_image(&pixels)
            .unwrap();
        // APP1 "Exif": a big-endian TIFF header and one IFD entry, Orientation (0x0112).
        let mut tiff = b"MM\0\x2a\0\0\0\x08\0\x01".to_vec();
        tiff.extend([0x01, 0x12, 0, 3, 0, 0, 0, 1]);
        tiff.extend(orientation.to_be_bytes());
        tiff.extend([0, 0, 0, 0, 0, 0]);
        let mut app1 = b"Exif\0\0".to_vec();
        app1.extend(tiff);
        let mut segment = vec![0xFF, 0xE1];
        segment.extend((app1.len() as u16 + 2).to_be_bytes());
        segment.extend(app1);
        jpeg.splice(2..2, segment);
        jpeg
    }

    #[test]
    fn a_photo_is_turned_upright_by_its_exif_orientation() {
        let upright = Picture::decode(Path::new("a.jpg"), &jpeg_with_orientation(4, 2, 1)).unwrap();
        assert_eq!((upright.width, upright.height), (4, 2));
        // 6: the camera was turned a quarter; the picture is shown turned back, 2 wide, 4 high.
        let turned = Picture::decode(Path::new("b.jpg"), &jpeg_with_orientation(4, 2, 6)).unwrap();
        assert_eq!((turned.width, turned.height), (2, 4));
    }
}

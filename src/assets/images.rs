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

    pub fn decode(path: &Path, bytes: &[u8]) -> Result<Picture, String> {
        let shown = path.display();
        let mut reader = image::ImageReader::new(Cursor::new(bytes))
            .with_guessed_format()
            .map_err(|e| format!("cannot read image `{shown}`: {e}"))?;
        match reader.format() {
            Some(image::ImageFormat::Png | image::ImageFormat::Jpeg) => {}
            _ => return Err(format!("`{shown}` is not a PNG or JPEG image")),
        }
        let mut limits = image::Limits::default();
        limits.max_image_width = Some(MAX_SIDE);
        limits.max_image_height = Some(MAX_SIDE);
        limits.max_alloc = Some(MAX_ALLOC);
        reader.limits(limits);
        let decoded = reader.decode().map_err(|e| match e {
            image::ImageError::Limits(_) => format!(
                "image `{shown}` is too large: at most {MAX_SIDE} × {MAX_SIDE} pixels are allowed"
            ),
            other => format!("cannot decode image `{shown}`: {other}"),
        })?;
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

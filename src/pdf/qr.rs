//! The QR code (a web address from the brand or the handout) as a form XObject of vector
//! squares: sharp at any size, and a fraction of the bytes of an image. It is encoded once
//! per run and copied into each document. The pages place it like an image (`content`); the
//! link annotation over it is left to `navigation`.

use lopdf::{Dictionary, Object, ObjectId, Stream};

use super::resources::{image_name, Resources};
use crate::layout::ImageRef;

/// Adds the QR code's form to `doc`, if the handout has one, under the name the pages draw
/// it by.
pub fn add(
    doc: &mut lopdf::Document,
    resources: &Resources,
    qr: Option<&QrForm>,
) -> Result<(), String> {
    match qr {
        Some(form) => {
            let id = form.insert(doc);
            resources.name_xobject(doc, &image_name(ImageRef::Qr), id)
        }
        None => Ok(()),
    }
}

/// A QR code ready to draw: encoded once (encoding is the slow part), then copied into each
/// document as a form XObject of vector squares.
#[derive(Debug, Clone)]
pub struct QrForm {
    pub text: String,
    /// Modules across, quiet zone included: layout sizes the code from this.
    pub modules: usize,
    stream: Stream,
}

/// Modules of white space around the code, so scanners find its edges.
const QUIET: usize = 2;

impl QrForm {
    /// Encodes `text` (error correction level M), or `None` if it is too long for a QR code.
    pub fn new(text: &str) -> Option<QrForm> {
        let code = qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::M)
            .ok()?;
        let n = code.width() + 2 * QUIET;
        Some(QrForm {
            text: text.to_string(),
            modules: n,
            stream: Stream::new(form_dict(n), squares(&code).into_bytes()),
        })
    }

    pub fn insert(&self, doc: &mut lopdf::Document) -> ObjectId {
        doc.add_object(self.stream.clone())
    }
}

/// The drawing: a white background, then each horizontal run of dark modules as one
/// rectangle, one unit per module.
fn squares(code: &qrcode::QrCode) -> String {
    let w = code.width();
    let n = w + 2 * QUIET;
    let colors = code.to_colors();
    let mut ops = format!("1 g 0 0 {n} {n} re f 0 g\n");
    for row in 0..w {
        let y = n - QUIET - row - 1;
        let mut col = 0;
        while col < w {
            if colors[row * w + col] != qrcode::Color::Dark {
                col += 1;
                continue;
            }
            let start = col;
            while col < w && colors[row * w + col] == qrcode::Color::Dark {
                col += 1;
            }
            ops.push_str(&format!("{} {y} {} 1 re\n", start + QUIET, col - start));
        }
    }
    ops.push_str("f\n");
    ops
}

/// The form's dictionary for a code `n` modules across, quiet zone included.
fn form_dict(n: usize) -> Dictionary {
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"XObject".to_vec()));
    dict.set("Subtype", Object::Name(b"Form".to_vec()));
    dict.set(
        "BBox",
        vec![0.into(), 0.into(), (n as i64).into(), (n as i64).into()],
    );
    // Mapped to the unit square, so it is placed exactly like an image.
    let unit = 1.0 / n as f32;
    dict.set(
        "Matrix",
        vec![
            unit.into(),
            0.into(),
            0.into(),
            unit.into(),
            0.into(),
            0.into(),
        ],
    );
    dict
}

//! lopdf objects written as PDF syntax, for a print job's file (`pack`).
//!
//! A part's objects are numbered within the part, from [`LOCAL`] up, and written as soon as
//! the part is built, before the file's numbering is known: a reference to an object of the
//! same part leaves a slot where its number goes, filled in when the file is put together.
//! References to the job's shared objects (below [`LOCAL`]) are written as they are.

use lopdf::{Dictionary, Object, StringFormat};

/// Object numbers above this are numbered within their part: never written to a file.
pub const LOCAL: u32 = 1 << 30;

/// PDF syntax, and where the numbers of part-local references go.
#[derive(Default)]
pub struct Syntax {
    pub out: Vec<u8>,
    /// Each slot: where in `out` a number goes, and the part-local object it numbers
    /// (0 for the object numbered `LOCAL + 1`).
    pub slots: Vec<(usize, u32)>,
}

impl Syntax {
    /// A stream: its dictionary with the content's `/Length`, then the content.
    pub fn stream(&mut self, dict: &Dictionary, content: &[u8]) {
        self.out.extend_from_slice(b"<<");
        for (key, value) in dict.iter().filter(|(k, _)| k.as_slice() != b"Length") {
            write_name(&mut self.out, key);
            self.value(value);
        }
        self.out.extend_from_slice(b"/Length ");
        write_uint(&mut self.out, content.len() as u64);
        self.out.extend_from_slice(b">>stream\n");
        self.out.extend_from_slice(content);
        self.out.extend_from_slice(b"\nendstream");
    }

    /// A dictionary value after its key: a space only where the value would run into it.
    fn value(&mut self, value: &Object) {
        if !matches!(
            value,
            Object::Name(_) | Object::Array(_) | Object::Dictionary(_) | Object::String(..)
        ) {
            self.out.push(b' ');
        }
        self.object(value);
    }

    /// Any object but a stream (streams are indirect objects of their own: [`Self::stream`]).
    pub fn object(&mut self, object: &Object) {
        let out = &mut self.out;
        match object {
            Object::Null => out.extend_from_slice(b"null"),
            Object::Boolean(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
            Object::Integer(i) => {
                if *i < 0 {
                    out.push(b'-');
                }
                write_uint(out, i.unsigned_abs());
            }
            Object::Real(r) => write_real(out, *r),
            Object::Name(name) => write_name(out, name),
            Object::String(s, StringFormat::Literal) => write_literal(out, s),
            Object::String(s, StringFormat::Hexadecimal) => write_hex(out, s),
            Object::Array(items) => {
                out.push(b'[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        self.out.push(b' ');
                    }
                    self.object(item);
                }
                self.out.push(b']');
            }
            Object::Dictionary(dict) => self.dictionary(dict),
            Object::Stream(s) => self.dictionary(&s.dict),
            Object::Reference(id) => {
                if id.0 > LOCAL {
                    self.slots.push((out.len(), id.0 - LOCAL - 1));
                } else {
                    write_uint(out, u64::from(id.0));
                }
                self.out.extend_from_slice(b" 0 R");
            }
        }
    }

    fn dictionary(&mut self, dict: &Dictionary) {
        self.out.extend_from_slice(b"<<");
        for (key, value) in dict.iter() {
            write_name(&mut self.out, key);
            self.value(value);
        }
        self.out.extend_from_slice(b">>");
    }
}

/// A non-negative integer in decimal.
pub fn write_uint(out: &mut Vec<u8>, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
}

/// A number as PDF writes it: no exponent (Rust's `Display` never uses one), 0 for what is
/// not a number.
fn write_real(out: &mut Vec<u8>, r: f32) {
    use std::io::Write;
    let r = if r.is_finite() { r } else { 0.0 };
    // Writing into a Vec cannot fail.
    let _ = write!(out, "{r}");
}

/// `/Name`, with bytes outside the regular characters written as `#xx`.
fn write_name(out: &mut Vec<u8>, name: &[u8]) {
    out.push(b'/');
    for &b in name {
        if (b'!'..=b'~').contains(&b) && !b"()<>[]{}/%#".contains(&b) {
            out.push(b);
        } else {
            out.push(b'#');
            write_hex_byte(out, b);
        }
    }
}

fn write_literal(out: &mut Vec<u8>, s: &[u8]) {
    out.push(b'(');
    for &b in s {
        match b {
            b'(' | b')' | b'\\' => out.extend_from_slice(&[b'\\', b]),
            // A reader would turn a raw line end into a plain newline.
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\n' => out.extend_from_slice(b"\\n"),
            _ => out.push(b),
        }
    }
    out.push(b')');
}

fn write_hex(out: &mut Vec<u8>, s: &[u8]) {
    out.push(b'<');
    for &b in s {
        write_hex_byte(out, b);
    }
    out.push(b'>');
}

fn write_hex_byte(out: &mut Vec<u8>, b: u8) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.push(HEX[usize::from(b >> 4)]);
    out.push(HEX[usize::from(b & 15)]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(object: &Object) -> (String, Vec<(usize, u32)>) {
        let mut s = Syntax::default();
        s.object(object);
        (String::from_utf8_lossy(&s.out).into_owned(), s.slots)
    }

    #[test]
    fn objects_are_written_as_pdf_syntax() {
        let mut d = Dictionary::new();
        d.set("Type", Object::Name(b"Annot".to_vec()));
        d.set("F", 4);
        d.set("T", Object::string_literal("a (b) \\ c\n"));
        d.set(
            "Rect",
            vec![Object::Real(1.5), Object::Real(-0.25), 0.into()],
        );
        d.set("Odd name", Object::Name(b"A B#".to_vec()));
        d.set(
            "H",
            Object::String(vec![0xFE, 0xFF], StringFormat::Hexadecimal),
        );
        d.set("N", Object::Null);
        let (text, slots) = written(&Object::Dictionary(d));
        assert_eq!(
            text,
            "<</Type/Annot/F 4/T(a \\(b\\) \\\\ c\\n)/Rect[1.5 -0.25 0]/Odd#20name/A#20B#23\
             /H<FEFF>/N null>>"
        );
        assert!(slots.is_empty());
    }

    #[test]
    fn references_within_a_part_leave_a_slot_for_their_number() {
        let refs = vec![Object::Reference((7, 0)), Object::Reference((LOCAL + 3, 0))];
        let (text, slots) = written(&Object::Array(refs));
        assert_eq!(text, "[7 0 R  0 R]");
        assert_eq!(slots, [(7, 2)]);
    }
}

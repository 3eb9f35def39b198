//! Page images for the browser, drawn from the laid-out page's boxes as SVG: fills, rules,
//! outlines and text runs at their measured places and widths. No outside program renders
//! the PDF; the browser draws the SVG, in its own sans-serif face stretched to each run's
//! measured width. Pictures other than the logo are shown as grey boxes (a thumbnail does
//! not need a 3000-pixel photo).

use std::fmt::Write;

use handout::layout::{ImageRef, Item, Page, Rect};
use handout::model::Color;

use super::html::esc;

/// One page as an SVG document, `width` pixels wide; `logo` is a `data:` address of the
/// brand's logo, if it is small enough to carry.
pub fn page(page: &Page, width: u32, logo: Option<&str>) -> String {
    let height = (f64::from(width) * f64::from(page.height) / f64::from(page.width)).round();
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" xml:space=\"preserve\" width=\"{width}\" height=\"{height}\" \
         viewBox=\"0 0 {} {}\"><rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>",
        page.width, page.height
    );
    for item in &page.items {
        draw(&mut svg, item, logo);
    }
    svg.push_str("</svg>");
    svg
}

fn draw(svg: &mut String, item: &Item, logo: Option<&str>) {
    // Writing to a String cannot fail.
    let _ = match item {
        Item::Fill { rect, color } => write!(svg, "<rect {} fill=\"{}\"/>", at(rect), hex(*color)),
        Item::Stroke { rect, color, width } => write!(
            svg,
            "<rect {} fill=\"none\" stroke=\"{}\" stroke-width=\"{width}\"/>",
            at(rect),
            hex(*color)
        ),
        Item::Line {
            from,
            to,
            color,
            width,
        } => write!(
            svg,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"{width}\"/>",
            from.0,
            from.1,
            to.0,
            to.1,
            hex(*color)
        ),
        Item::Text(t) if !t.text.trim().is_empty() => write!(
            svg,
            "<text x=\"{}\" y=\"{}\" font-family=\"sans-serif\" font-size=\"{}\"{} fill=\"{}\" \
             textLength=\"{}\" lengthAdjust=\"spacingAndGlyphs\">{}</text>",
            t.x,
            t.baseline,
            t.size,
            if t.face.is_bold() { " font-weight=\"bold\"" } else { "" },
            hex(t.color),
            t.width.max(0.1),
            esc(&t.text)
        ),
        Item::Image { image, rect, .. } => image_box(svg, *image, rect, logo),
        _ => Ok(()),
    };
}

/// The logo as itself; other pictures and the QR code as a grey box with a cross.
fn image_box(
    svg: &mut String,
    image: ImageRef,
    rect: &Rect,
    logo: Option<&str>,
) -> std::fmt::Result {
    match (image, logo) {
        (ImageRef::Logo, Some(href)) => write!(
            svg,
            "<image {} preserveAspectRatio=\"xMidYMid meet\" href=\"{}\"/>",
            at(rect),
            esc(href)
        ),
        _ => write!(
            svg,
            "<rect {} fill=\"#e6e6e6\" stroke=\"#767676\" stroke-width=\"1\"/>\
             <path d=\"M{} {}L{} {}M{} {}L{} {}\" stroke=\"#767676\" stroke-width=\"1\"/>",
            at(rect),
            rect.x,
            rect.y,
            rect.right(),
            rect.bottom(),
            rect.right(),
            rect.y,
            rect.x,
            rect.bottom()
        ),
    }
}

fn at(r: &Rect) -> String {
    format!(
        "x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"",
        r.x,
        r.y,
        r.w.max(0.0),
        r.h.max(0.0)
    )
}

fn hex(c: Color) -> String {
    format!("#{:02x}{:02x}{:02x}", c.r, c.g, c.b)
}

/// Standard base64, for `data:` addresses of pictures.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use handout::assets::fonts::Face;
    use handout::layout::TextRun;

    #[test]
    fn base64_matches_the_standard() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn boxes_and_escaped_text_are_drawn_where_layout_put_them() {
        let run = TextRun {
            x: 10.0,
            baseline: 20.0,
            face: Face::Bold,
            size: 12.0,
            color: Color::rgb(0, 0x33, 0x66),
            text: "Ana & <Bo>".into(),
            glyphs: Vec::new(),
            rtl: false,
            width: 50.0,
            ascent: 9.0,
            descent: 3.0,
            tag: None,
        };
        let page = Page {
            width: 612.0,
            height: 792.0,
            furniture: handout::layout::Furniture::NONE,
            items: vec![
                Item::Fill {
                    rect: Rect::new(0.0, 0.0, 612.0, 40.0),
                    color: Color::rgb(255, 0, 0),
                },
                Item::Text(run),
            ],
        };
        let svg = super::page(&page, 306, None);
        assert!(svg.contains("width=\"306\" height=\"396\""), "{svg}");
        assert!(
            svg.contains("<rect x=\"0\" y=\"0\" width=\"612\" height=\"40\" fill=\"#ff0000\"/>"),
            "{svg}"
        );
        assert!(svg.contains("x=\"10\" y=\"20\""), "{svg}");
        assert!(
            svg.contains("font-weight=\"bold\" fill=\"#003366\" textLength=\"50\""),
            "{svg}"
        );
        assert!(svg.contains(">Ana &amp; &lt;Bo&gt;</text>"), "{svg}");
    }
}

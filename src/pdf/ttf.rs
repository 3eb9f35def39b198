//! Removes TrueType hinting from a font subset before it is embedded.
//!
//! Hinting (the `fpgm`, `prep` and `cvt ` tables and each glyph's instructions) snaps outlines
//! to a screen's pixel grid at small sizes. Printed handouts and PDF viewers at any zoom do
//! not need it, and it is over half of a subset's bytes: 13 of the 23 KB of the two faces
//! of a one-page handout. The outlines themselves are untouched.

/// Tables that exist only for hinting.
const HINTING_TABLES: [&[u8; 4]; 6] = [b"fpgm", b"prep", b"cvt ", b"hdmx", b"LTSH", b"VDMX"];

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, c| {
        let mut word = [0u8; 4];
        word[..c.len()].copy_from_slice(c);
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}

/// One glyph without its instructions.
fn strip_glyph(g: &[u8]) -> Option<Vec<u8>> {
    if g.is_empty() {
        return Some(Vec::new());
    }
    let contours = u16_at(g, 0)? as i16;
    if contours >= 0 {
        // Header (10 bytes), end points, then instruction length and instructions.
        let ends = 10 + 2 * contours as usize;
        let len = usize::from(u16_at(g, ends)?);
        let rest = g.get(ends + 2 + len..)?;
        let mut out = Vec::with_capacity(g.len());
        out.extend_from_slice(g.get(..ends)?);
        out.extend_from_slice(&[0, 0]);
        out.extend_from_slice(rest);
        return Some(out);
    }
    // Composite: walk the components, clear WE_HAVE_INSTRUCTIONS, drop what follows them.
    let mut out = g.get(..10)?.to_vec();
    let mut at = 10;
    loop {
        let flags = u16_at(g, at)?;
        let mut size = 4 + if flags & 0x0001 != 0 { 4 } else { 2 };
        size += if flags & 0x0008 != 0 {
            2
        } else if flags & 0x0040 != 0 {
            4
        } else if flags & 0x0080 != 0 {
            8
        } else {
            0
        };
        let component = g.get(at..at + size)?;
        out.extend_from_slice(&(flags & !0x0100).to_be_bytes());
        out.extend_from_slice(&component[2..]);
        at += size;
        if flags & 0x0020 == 0 {
            break;
        }
    }
    Some(out)
}

/// A table's tag and its bytes.
type Table = ([u8; 4], Vec<u8>);

/// The font without hinting, or `None` if it is not a TrueType font we can read (then the
/// caller embeds it unchanged).
pub fn strip_hinting(font: &[u8]) -> Option<Vec<u8>> {
    let mut tables = read_tables(font)?;
    strip_glyphs(&mut tables)?;
    tables.retain(|(tag, _)| !HINTING_TABLES.contains(&tag));
    tables.sort_by_key(|(tag, _)| *tag);
    write_font(font.get(0..4)?, &tables)
}

/// The font's tables, in the order of its table directory.
fn read_tables(font: &[u8]) -> Option<Vec<Table>> {
    let count = usize::from(u16_at(font, 4)?);
    let mut tables: Vec<Table> = Vec::with_capacity(count);
    for i in 0..count {
        let rec = 12 + 16 * i;
        let tag: [u8; 4] = font.get(rec..rec + 4)?.try_into().ok()?;
        let offset = u32_at(font, rec + 8)? as usize;
        let length = u32_at(font, rec + 12)? as usize;
        tables.push((tag, font.get(offset..offset + length)?.to_vec()));
    }
    Some(tables)
}

/// Rewrites `glyf` without instructions and `loca` to match (long offsets, as glyphs move),
/// and clears `head`'s checksum adjustment (computed over the whole file later).
fn strip_glyphs(tables: &mut [Table]) -> Option<()> {
    let find = |t: &[u8; 4]| tables.iter().position(|(tag, _)| tag == t);
    let (head, maxp, loca, glyf) = (
        find(b"head")?,
        find(b"maxp")?,
        find(b"loca")?,
        find(b"glyf")?,
    );
    let long = u16_at(&tables[head].1, 50)? == 1;
    let glyphs = usize::from(u16_at(&tables[maxp].1, 4)?);
    let offset = |i: usize| -> Option<usize> {
        let l = &tables[loca].1;
        if long {
            Some(u32_at(l, 4 * i)? as usize)
        } else {
            Some(usize::from(u16_at(l, 2 * i)?) * 2)
        }
    };
    let mut new_glyf = Vec::with_capacity(tables[glyf].1.len());
    let mut new_loca = Vec::with_capacity(4 * (glyphs + 1));
    for i in 0..glyphs {
        new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());
        let g = tables[glyf].1.get(offset(i)?..offset(i + 1)?)?;
        new_glyf.extend(strip_glyph(g)?);
        while new_glyf.len() % 4 != 0 {
            new_glyf.push(0);
        }
    }
    new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());
    tables[glyf].1 = new_glyf;
    tables[loca].1 = new_loca;
    tables[head]
        .1
        .get_mut(50..52)?
        .copy_from_slice(&1u16.to_be_bytes());
    tables[head].1.get_mut(8..12)?.copy_from_slice(&[0; 4]);
    Some(())
}

/// A font file of `tables` (sorted by tag) after the sfnt `version`: the table directory,
/// the tables padded to four bytes, and `head`'s whole-file checksum adjustment.
fn write_font(version: &[u8], tables: &[Table]) -> Option<Vec<u8>> {
    let n = tables.len() as u16;
    let pow = 1u16 << (15 - n.leading_zeros() as u16).min(15);
    let mut out = Vec::new();
    out.extend_from_slice(version);
    for v in [n, pow * 16, pow.trailing_zeros() as u16, n * 16 - pow * 16] {
        out.extend_from_slice(&v.to_be_bytes());
    }
    let mut offset = 12 + 16 * tables.len();
    let mut body = Vec::new();
    for (tag, data) in tables {
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(data).to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        body.extend_from_slice(data);
        while body.len() % 4 != 0 {
            body.push(0);
        }
        offset = 12 + 16 * tables.len() + body.len();
    }
    let head_at = out.len()
        + tables
            .iter()
            .take_while(|(t, _)| t != b"head")
            .map(|(_, d)| d.len().div_ceil(4) * 4)
            .sum::<usize>();
    out.extend(body);
    let adjust = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
    out.get_mut(head_at + 8..head_at + 12)?
        .copy_from_slice(&adjust.to_be_bytes());
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stripped_font_keeps_its_outlines_and_drops_hinting() {
        let bytes = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fonts/AtkinsonHyperlegible-Regular.ttf"
        ))
        .unwrap();
        let stripped = strip_hinting(&bytes).expect("a TrueType font");
        assert!(stripped.len() < bytes.len());
        let before = ttf_parser::Face::parse(&bytes, 0).unwrap();
        let after = ttf_parser::Face::parse(&stripped, 0).expect("still a valid font");
        assert!(after
            .raw_face()
            .table(ttf_parser::Tag::from_bytes(b"fpgm"))
            .is_none());
        assert_eq!(before.number_of_glyphs(), after.number_of_glyphs());
        // Same outlines: same bounding boxes for every glyph.
        for g in 0..before.number_of_glyphs() {
            let id = ttf_parser::GlyphId(g);
            assert_eq!(
                before.glyph_bounding_box(id),
                after.glyph_bounding_box(id),
                "glyph {g}"
            );
        }
        // The whole-file checksum is right: it sums to the magic number.
        assert_eq!(checksum(&stripped), 0xB1B0_AFBA);
    }
}

//! Fonts derived from a shipped one by editing its table directory: a table dropped, or
//! replaced by other bytes appended at the end. For tests of fonts that cannot set text,
//! without binary fixtures. Checksums are left stale: font readers (ttf-parser) ignore them.

/// The offset table before the directory: sfnt version, table count, three search fields.
const HEADER: usize = 12;
/// One directory record: tag, checksum, offset, length.
const RECORD: usize = 16;

fn u16_at(font: &[u8], at: usize) -> u16 {
    u16::from_be_bytes([font[at], font[at + 1]])
}

fn u32_at(font: &[u8], at: usize) -> u32 {
    u32::from_be_bytes([font[at], font[at + 1], font[at + 2], font[at + 3]])
}

/// Where the directory record of `tag` starts.
fn record(font: &[u8], tag: &[u8; 4]) -> usize {
    let count = usize::from(u16_at(font, 4));
    (0..count)
        .map(|i| HEADER + i * RECORD)
        .find(|&at| &font[at..at + 4] == tag)
        .unwrap_or_else(|| panic!("the font has a `{}` table", String::from_utf8_lossy(tag)))
}

/// The table `tag` of `font`, as bytes.
pub fn table<'a>(font: &'a [u8], tag: &[u8; 4]) -> &'a [u8] {
    let at = record(font, tag);
    let offset = u32_at(font, at + 8) as usize;
    let length = u32_at(font, at + 12) as usize;
    &font[offset..offset + length]
}

/// `font` without the table `tag`: its record leaves the directory, which moves every table
/// 16 bytes nearer the start, so every other record's offset shrinks by 16. The directory
/// stays sorted by tag, as readers that binary-search it need.
pub fn without_table(font: &[u8], tag: &[u8; 4]) -> Vec<u8> {
    let at = record(font, tag);
    let mut out = font.to_vec();
    out.drain(at..at + RECORD);
    let count = u16_at(&out, 4) - 1;
    out[4..6].copy_from_slice(&count.to_be_bytes());
    for i in 0..usize::from(count) {
        let offset_at = HEADER + i * RECORD + 8;
        let offset = u32_at(&out, offset_at) - RECORD as u32;
        out[offset_at..offset_at + 4].copy_from_slice(&offset.to_be_bytes());
    }
    out
}

/// `font` with the table `tag` replaced by `data`, appended at the end (4-byte aligned).
pub fn with_table(font: &[u8], tag: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let at = record(font, tag);
    let mut out = font.to_vec();
    out.resize(out.len().next_multiple_of(4), 0);
    let offset = out.len() as u32;
    out.extend_from_slice(data);
    out[at + 8..at + 12].copy_from_slice(&offset.to_be_bytes());
    out[at + 12..at + 16].copy_from_slice(&(data.len() as u32).to_be_bytes());
    out
}

/// A `cmap` table (one format 12 subtable, Windows Unicode full repertoire) mapping each of
/// `chars` to the glyph `font` has for it, and nothing else.
pub fn cmap_of(font: &[u8], chars: &str) -> Vec<u8> {
    let face = ttf_parser::Face::parse(font, 0).expect("the font parses");
    let mut chars: Vec<char> = chars.chars().collect();
    chars.sort_unstable();
    chars.dedup();
    let groups: Vec<(u32, u16)> = chars
        .iter()
        .map(|&c| (c as u32, face.glyph_index(c).expect("the font maps it").0))
        .collect();
    let length = 16 + 12 * groups.len() as u32;
    let mut cmap = Vec::new();
    // Header: version 0, one encoding record (platform 3, encoding 10) at offset 12.
    for field in [0u16, 1, 3, 10] {
        cmap.extend_from_slice(&field.to_be_bytes());
    }
    cmap.extend_from_slice(&12u32.to_be_bytes());
    // Format 12: format, reserved, length, language, number of groups, then the groups.
    cmap.extend_from_slice(&12u16.to_be_bytes());
    cmap.extend_from_slice(&0u16.to_be_bytes());
    for field in [length, 0, groups.len() as u32] {
        cmap.extend_from_slice(&field.to_be_bytes());
    }
    for (code, glyph) in groups {
        for field in [code, code, u32::from(glyph)] {
            cmap.extend_from_slice(&field.to_be_bytes());
        }
    }
    cmap
}

/// `font` with the advance width of the glyph for `c` set to zero in `hmtx`.
pub fn with_zero_advance(font: &[u8], c: char) -> Vec<u8> {
    let face = ttf_parser::Face::parse(font, 0).expect("the font parses");
    let glyph = usize::from(face.glyph_index(c).expect("the font maps it").0);
    let metrics = usize::from(u16_at(table(font, b"hhea"), 34));
    assert!(glyph < metrics, "the glyph has its own advance in `hmtx`");
    let mut hmtx = table(font, b"hmtx").to_vec();
    hmtx[glyph * 4..glyph * 4 + 2].copy_from_slice(&0u16.to_be_bytes());
    with_table(font, b"hmtx", &hmtx)
}

//! Font subsets embedded as PDF CID fonts, with a ToUnicode map.
//!
//! printpdf subsets fonts itself, but anew for every document it saves, and cannot share a
//! subset between documents. A batch of personalised copies needs one subset for all of them,
//! so we subset with `subsetter` (Typst's subsetter) and write the font objects ourselves:
//! a Type0 font with Identity-H encoding whose CIDs are the subset's glyph ids, a
//! CIDFontType2 with the advance widths, a FontDescriptor with the TrueType program, and a
//! ToUnicode CMap so text can be searched, copied and read aloud.
//!
//! Also which characters each face must hold ([`chars_by_face`]). Hinting is removed by
//! `ttf`; the pages select a font by its subset tag (`content`).
//!
//! The fallback's faces (see [`crate::assets::fonts`]) are subset like the brand's, and only
//! exist in a document, or a batch, that draws one of their glyphs: a handout in English has
//! the same two fonts, and the same bytes, as before there was a fallback.

use lopdf::{Dictionary, Object, ObjectId, Stream};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

use super::resources::Resources;
use super::save::deflate;
use crate::assets::fonts::{drawing_face, Face, FontFile, FontPair};
use crate::layout::{Item, Page};
use flate2::Compression;

/// A subset of one face, compressed and ready to be added to any number of documents.
#[derive(Debug, Clone)]
pub struct EmbeddedFont {
    /// Resource name, also the subset tag: six capital letters.
    pub tag: String,
    /// `TAG+PostScriptName`.
    base_font: String,
    /// Character → CID (the glyph id in the subset).
    cids: BTreeMap<char, u16>,
    /// CID → advance width in thousandths of an em.
    widths: Vec<(u16, i64)>,
    program: Vec<u8>,
    program_len: usize,
    to_unicode: Vec<u8>,
    bbox: [i64; 4],
    ascent: i64,
    descent: i64,
    cap_height: i64,
}

impl EmbeddedFont {
    /// Subsets `font` to the characters in `chars` (missing ones are left out: layout has
    /// already refused text the font cannot draw). `salt` keeps the tags of two faces apart.
    pub fn new(font: &FontFile, chars: &[char], salt: &str) -> Result<Self, String> {
        let face = ttf_parser::Face::parse(&font.bytes, 0)
            .map_err(|e| format!("cannot read font `{}`: {e}", font.path.display()))?;
        let scale = 1000.0 / f32::from(face.units_per_em());
        let (remapper, cids, widths) = glyphs(&face, chars, scale);
        let program = subsetter::subset(&font.bytes, 0, &remapper)
            .map_err(|e| format!("cannot subset font `{}`: {e}", font.path.display()))?;
        let program = super::ttf::strip_hinting(&program).unwrap_or(program);
        let tag = subset_tag(salt, &program);
        let b = face.global_bounding_box();
        let to = |v: i16| (f32::from(v) * scale).round() as i64;
        Ok(EmbeddedFont {
            base_font: format!("{tag}+{}", postscript_name(&face)),
            tag,
            to_unicode: deflate(to_unicode_cmap(&cids).as_bytes(), Compression::default()),
            program_len: program.len(),
            program: deflate(&program, Compression::default()),
            cids,
            widths,
            bbox: [to(b.x_min), to(b.y_min), to(b.x_max), to(b.y_max)],
            ascent: to(face.ascender()),
            descent: to(face.descender()),
            cap_height: to(face.capital_height().unwrap_or(face.ascender())),
        })
    }

    /// The CID of a character (0, `.notdef`, if the subset lacks it).
    pub fn cid(&self, c: char) -> u16 {
        self.cids.get(&c).copied().unwrap_or(0)
    }

    fn flate_stream(dict: Dictionary, bytes: &[u8]) -> Stream {
        let mut dict = dict;
        dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
        Stream::new(dict, bytes.to_vec()).with_compression(false)
    }

    fn name(&self) -> Object {
        Object::Name(self.base_font.as_bytes().to_vec())
    }

    /// Adds the font's objects to `doc`: the program, its descriptor, the CID font, the
    /// ToUnicode map and the Type0 font; returns the Type0 font dictionary's id.
    pub fn insert(&self, doc: &mut lopdf::Document) -> ObjectId {
        let mut file = Dictionary::new();
        file.set("Length1", self.program_len as i64);
        let file = doc.add_object(Self::flate_stream(file, &self.program));
        let descriptor = doc.add_object(self.descriptor(file));
        let cid_font = doc.add_object(self.cid_font(descriptor));
        let to_unicode = doc.add_object(Self::flate_stream(Dictionary::new(), &self.to_unicode));
        let mut font = Dictionary::new();
        font.set("Type", Object::Name(b"Font".to_vec()));
        font.set("Subtype", Object::Name(b"Type0".to_vec()));
        font.set("BaseFont", self.name());
        font.set("Encoding", Object::Name(b"Identity-H".to_vec()));
        font.set("DescendantFonts", vec![Object::Reference(cid_font)]);
        font.set("ToUnicode", Object::Reference(to_unicode));
        doc.add_object(font)
    }

    /// The FontDescriptor, with the embedded program `file`.
    fn descriptor(&self, file: ObjectId) -> Dictionary {
        let mut descriptor = Dictionary::new();
        descriptor.set("Type", Object::Name(b"FontDescriptor".to_vec()));
        descriptor.set("FontName", self.name());
        // Non-symbolic: the font uses the standard Latin character set.
        descriptor.set("Flags", 32);
        descriptor.set(
            "FontBBox",
            self.bbox
                .iter()
                .map(|&v| Object::Integer(v))
                .collect::<Vec<_>>(),
        );
        descriptor.set("ItalicAngle", 0);
        descriptor.set("Ascent", self.ascent);
        descriptor.set("Descent", self.descent);
        descriptor.set("CapHeight", self.cap_height);
        descriptor.set("StemV", 80);
        descriptor.set("FontFile2", Object::Reference(file));
        descriptor
    }

    /// The CIDFontType2 whose CIDs are the subset's glyph ids, with its advance widths.
    fn cid_font(&self, descriptor: ObjectId) -> Dictionary {
        let mut system = Dictionary::new();
        system.set("Registry", Object::string_literal("Adobe"));
        system.set("Ordering", Object::string_literal("Identity"));
        system.set("Supplement", 0);
        let mut cid_font = Dictionary::new();
        cid_font.set("Type", Object::Name(b"Font".to_vec()));
        cid_font.set("Subtype", Object::Name(b"CIDFontType2".to_vec()));
        cid_font.set("BaseFont", self.name());
        cid_font.set("CIDSystemInfo", system);
        cid_font.set("FontDescriptor", Object::Reference(descriptor));
        cid_font.set("DW", 0);
        cid_font.set("W", self.widths_array());
        cid_font.set("CIDToGIDMap", Object::Name(b"Identity".to_vec()));
        cid_font
    }

    /// The `/W` array. Runs of consecutive CIDs share one entry: `first [w1 w2 …]`
    /// (PDF 32000-1, 9.7.4.3).
    fn widths_array(&self) -> Vec<Object> {
        let mut widths: Vec<Object> = Vec::new();
        let mut run: Vec<Object> = Vec::new();
        let mut run_start = 0u16;
        let mut next = None;
        for &(cid, w) in &self.widths {
            if next != Some(cid) && !run.is_empty() {
                widths.push(Object::Integer(i64::from(run_start)));
                widths.push(Object::Array(std::mem::take(&mut run)));
            }
            if run.is_empty() {
                run_start = cid;
            }
            run.push(Object::Integer(w));
            next = cid.checked_add(1);
        }
        if !run.is_empty() {
            widths.push(Object::Integer(i64::from(run_start)));
            widths.push(Object::Array(run));
        }
        widths
    }
}

/// Maps each of `chars` the face has to its CID (the glyph's id in the subset) and notes each
/// CID's advance width in thousandths of an em (`scale` converts from font units).
fn glyphs(
    face: &ttf_parser::Face,
    chars: &[char],
    scale: f32,
) -> (
    subsetter::GlyphRemapper,
    BTreeMap<char, u16>,
    Vec<(u16, i64)>,
) {
    let mut chars: Vec<char> = chars.to_vec();
    chars.sort_unstable();
    chars.dedup();
    let mut remapper = subsetter::GlyphRemapper::new();
    let mut cids = BTreeMap::new();
    let mut widths = Vec::new();
    for &c in &chars {
        let Some(glyph) = face.glyph_index(c) else {
            continue;
        };
        let cid = remapper.remap(glyph.0);
        if cids.insert(c, cid).is_none() && !widths.iter().any(|(w, _)| *w == cid) {
            let advance = f32::from(face.glyph_hor_advance(glyph).unwrap_or(0));
            widths.push((cid, (advance * scale).round() as i64));
        }
    }
    widths.sort_unstable();
    (remapper, cids, widths)
}

/// Six capital letters derived from the subset itself, so the same subset always gets the
/// same tag and two different ones (almost) never share one.
fn subset_tag(salt: &str, program: &[u8]) -> String {
    let mut hash = Sha256::new();
    hash.update(salt.as_bytes());
    hash.update(program);
    hash.finalize()[..6]
        .iter()
        .map(|b| char::from(b'A' + b % 26))
        .collect()
}

/// The face's PostScript name, without characters a PDF name would have to escape.
fn postscript_name(face: &ttf_parser::Face) -> String {
    face.names()
        .into_iter()
        .find(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
        .and_then(|n| n.to_string())
        .unwrap_or_else(|| "Font".to_string())
        .replace(
            |c: char| !c.is_ascii_graphic() || "()<>[]{}/%#".contains(c),
            "",
        )
}

/// The CMap that maps each CID back to its character.
fn to_unicode_cmap(cids: &BTreeMap<char, u16>) -> String {
    let mut by_cid: Vec<(u16, char)> = cids.iter().map(|(&c, &cid)| (cid, c)).collect();
    by_cid.sort_unstable();
    by_cid.dedup_by_key(|(cid, _)| *cid);
    let mut out = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    // At most 100 entries per bfchar block (PDF 32000-1, 9.10.3).
    for chunk in by_cid.chunks(100) {
        out.push_str(&format!("{} beginbfchar\n", chunk.len()));
        for (cid, c) in chunk {
            let mut utf16 = [0u16; 2];
            let hex: String = c
                .encode_utf16(&mut utf16)
                .iter()
                .map(|u| format!("{u:04X}"))
                .collect();
            out.push_str(&format!("<{cid:04X}> <{hex}>\n"));
        }
        out.push_str("endbfchar\n");
    }
    out.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    out
}

/// The faces' subsets used by one document, or shared by a batch of copies.
#[derive(Debug, Clone)]
pub struct FontSubsets {
    pub regular: EmbeddedFont,
    pub bold: EmbeddedFont,
    /// The fallback's faces, only where some text is drawn in them.
    pub fallback_regular: Option<EmbeddedFont>,
    pub fallback_bold: Option<EmbeddedFont>,
}

impl FontSubsets {
    /// The subset of `face`. Text is only ever set in a fallback face whose subset exists
    /// ([`FontSubsets::new`] makes it for every character that needs it); were it missing,
    /// the brand's face of the same weight stands in and draws boxes, not nothing.
    pub fn get(&self, face: Face) -> &EmbeddedFont {
        match face {
            Face::Regular => &self.regular,
            Face::Bold => &self.bold,
            Face::FallbackRegular => self.fallback_regular.as_ref().unwrap_or(&self.regular),
            Face::FallbackBold => self.fallback_bold.as_ref().unwrap_or(&self.bold),
        }
    }

    /// Every subset, brand faces first: the order their objects are added in.
    pub fn all(&self) -> impl Iterator<Item = &EmbeddedFont> {
        [Some(&self.regular), Some(&self.bold)]
            .into_iter()
            .chain([self.fallback_regular.as_ref(), self.fallback_bold.as_ref()])
            .flatten()
    }

    /// Subsets both faces to the characters each is used for (regular and bold, as layout
    /// set them): a character the brand's face lacks goes to the subset of its fallback, as
    /// layout drew it.
    pub fn new(fonts: &FontPair, regular: &[char], bold: &[char]) -> Result<Self, String> {
        let (regular, fallback_regular) = by_drawing_face(fonts, Face::Regular, regular)?;
        let (bold, fallback_bold) = by_drawing_face(fonts, Face::Bold, bold)?;
        let fallback = |face: Face, chars: Vec<char>, salt: &str| match chars.is_empty() {
            true => Ok(None),
            false => EmbeddedFont::new(fonts.get(face), &chars, salt).map(Some),
        };
        Ok(FontSubsets {
            regular: EmbeddedFont::new(&fonts.regular, &regular, "regular")?,
            bold: EmbeddedFont::new(&fonts.bold, &bold, "bold")?,
            fallback_regular: fallback(
                Face::FallbackRegular,
                fallback_regular,
                "fallback-regular",
            )?,
            fallback_bold: fallback(Face::FallbackBold, fallback_bold, "fallback-bold")?,
        })
    }
}

/// `chars` set in the brand face `face`, split into those its font draws and those its
/// fallback draws, by the rule layout follows ([`drawing_face`]).
fn by_drawing_face(
    fonts: &FontPair,
    face: Face,
    chars: &[char],
) -> Result<(Vec<char>, Vec<char>), String> {
    let parse = |face: Face| {
        let file = fonts.get(face);
        ttf_parser::Face::parse(&file.bytes, 0)
            .map_err(|e| format!("cannot read font `{}`: {e}", file.path.display()))
    };
    let brand = parse(face)?;
    let (mut own, mut fallback) = (Vec::with_capacity(chars.len()), Vec::new());
    let mut fallback_font = None;
    for &c in chars {
        // The fallback is read only if the brand's font lacks something.
        if crate::assets::fonts::draws_itself(&brand, c) {
            own.push(c);
            continue;
        }
        let font = match &fallback_font {
            Some(font) => font,
            None => fallback_font.insert(parse(face.fallback())?),
        };
        match drawing_face(face, c, &brand, font).is_fallback() {
            true => fallback.push(c),
            false => own.push(c),
        }
    }
    Ok((own, fallback))
}

/// The characters each face draws on `pages`: what a document's font subsets must hold, by
/// the brand's face layout set them in (regular, bold); [`FontSubsets::new`] tells which of
/// them the fallback draws.
pub fn chars_by_face(pages: &[Page]) -> (Vec<char>, Vec<char>) {
    let (mut regular, mut bold) = (Vec::new(), Vec::new());
    for page in pages {
        for item in &page.items {
            if let Item::Text(run) = item {
                let into = match run.face.brand() {
                    Face::Bold => &mut bold,
                    _ => &mut regular,
                };
                into.extend(run.text.chars());
            }
        }
    }
    for v in [&mut regular, &mut bold] {
        v.sort_unstable();
        v.dedup();
    }
    (regular, bold)
}

/// Font subsets holding exactly what `pages` draw.
pub fn subsets_for(fonts: &FontPair, pages: &[Page]) -> Result<FontSubsets, String> {
    let (regular, bold) = chars_by_face(pages);
    FontSubsets::new(fonts, &regular, &bold)
}

/// Adds every face's subset to `doc`; returns a Font resource dictionary listing each under
/// its subset tag.
pub fn add_dictionary(doc: &mut lopdf::Document, fonts: &FontSubsets) -> Dictionary {
    let mut dict = Dictionary::new();
    for font in fonts.all() {
        let id = font.insert(doc);
        dict.set(font.tag.as_bytes(), Object::Reference(id));
    }
    dict
}

/// Adds every face's subset to `doc`, each listed under its subset tag (what the pages' `Tf`
/// uses).
pub fn add(
    doc: &mut lopdf::Document,
    resources: &Resources,
    fonts: &FontSubsets,
) -> Result<(), String> {
    for font in fonts.all() {
        let id = font.insert(doc);
        resources.name_font(doc, &font.tag, id)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assets::fonts::shipped_fonts;
    use crate::layout::{Metrics, TextRun};
    use crate::model::Color;

    fn chars(text: &str) -> Vec<char> {
        let mut chars: Vec<char> = text.chars().collect();
        chars.sort_unstable();
        chars.dedup();
        chars
    }

    #[test]
    fn the_fallback_is_subset_only_when_something_needs_it() {
        let fonts = shipped_fonts();
        let english = FontSubsets::new(&fonts, &chars("Ana López"), &chars("Page 1")).unwrap();
        assert!(english.fallback_regular.is_none() && english.fallback_bold.is_none());
        assert_eq!(english.all().count(), 2);

        let mixed = FontSubsets::new(&fonts, &chars("Nguyễn Thị"), &chars("Page")).unwrap();
        let fallback = mixed.fallback_regular.as_ref().expect("a fallback subset");
        assert!(mixed.fallback_bold.is_none());
        assert_eq!(mixed.all().count(), 3);
        // Each character is in the subset of the face that draws it, and only there.
        for c in ['ễ', 'ị'] {
            assert_ne!(fallback.cid(c), 0, "{c}");
            assert_eq!(mixed.regular.cid(c), 0, "{c}");
        }
        for c in ['N', 'g', ' '] {
            assert_ne!(mixed.regular.cid(c), 0, "{c}");
            assert_eq!(fallback.cid(c), 0, "{c}");
        }
        assert!(fallback.base_font.ends_with("+NotoSans-Regular"));
        assert_ne!(fallback.tag, mixed.regular.tag);
        // The brand's subset is the one it would be without the fallback's characters.
        let brand_only = FontSubsets::new(&fonts, &chars("Nguyn Th"), &chars("Page")).unwrap();
        assert_eq!(brand_only.regular.program, mixed.regular.program);
    }

    #[test]
    fn runs_in_a_fallback_face_count_for_their_weight() {
        let fonts = shipped_fonts();
        let m = Metrics::new(&fonts).unwrap();
        let run = |face: Face, text: &str| {
            Item::Text(TextRun {
                x: 0.0,
                baseline: 10.0,
                face,
                size: 10.0,
                color: Color::rgb(0, 0, 0),
                text: text.into(),
                kerns: Vec::new(),
                width: 10.0,
                ascent: 8.0,
                descent: 2.0,
                tag: None,
            })
        };
        let page = Page {
            width: 100.0,
            height: 100.0,
            furniture: crate::layout::Furniture::NONE,
            items: vec![
                run(Face::Regular, "Ngu"),
                run(Face::FallbackRegular, "ễ"),
                run(Face::Bold, "T"),
                run(Face::FallbackBold, "Ν"),
            ],
        };
        let (regular, bold) = chars_by_face(std::slice::from_ref(&page));
        assert_eq!((regular, bold), (chars("Nguễ"), chars("TΝ")));
        let subsets = subsets_for(&fonts, &[page]).unwrap();
        assert_ne!(subsets.get(Face::FallbackRegular).cid('ễ'), 0);
        assert_ne!(subsets.get(Face::FallbackBold).cid('Ν'), 0);
        assert!(m.bold.fallback_draws('Ν'));
    }
}

//! Font subsets embedded as PDF CID fonts, with a ToUnicode map.
//!
//! printpdf subsets fonts itself, but anew for every document it saves, and cannot share a
//! subset between documents. A batch of personalised copies needs one subset for all of them,
//! so we subset with `subsetter` (Typst's subsetter) and write the font objects ourselves:
//! a Type0 font with Identity-H encoding whose CIDs are the subset's glyph ids, a
//! CIDFontType2 with the advance widths, a FontDescriptor with the TrueType program, and a
//! ToUnicode CMap so text can be searched, copied and read aloud.
//!
//! Text is shaped, so a subset holds glyphs, not characters: which glyphs each face must hold,
//! and the text each stands for, come from the laid-out runs ([`UsedGlyphs`]). Hinting is
//! removed by `ttf`; the pages select a font by its subset tag (`content`).
//!
//! The fallback faces (see [`crate::assets::fonts`]) are subset like the brand's, and only
//! exist in a document, or a batch, that draws one of their glyphs: a handout in English has
//! the same two fonts as before there was a fallback.

use lopdf::{Dictionary, Object, ObjectId, Stream};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

use super::resources::Resources;
use super::save::deflate;
use crate::assets::fonts::{Face, FontFile, FontPair};
use crate::layout::Page;

mod used;
use flate2::Compression;
#[cfg(test)]
use used::cluster_texts;
pub use used::{GlyphSet, UsedGlyphs};

/// A subset of one face, compressed and ready to be added to any number of documents.
#[derive(Debug, Clone)]
pub struct EmbeddedFont {
    /// Resource name, also the subset tag: six capital letters.
    pub tag: String,
    /// `TAG+PostScriptName`.
    base_font: String,
    /// Glyph id in the font → its CID, `/W` width and text (see [`GlyphTable`]).
    table: GlyphTable,
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
    /// Subsets `font` to the glyphs in `glyphs`, each with the text it stands for. `salt`
    /// keeps the tags of two faces apart.
    pub fn new(font: &FontFile, glyphs: &GlyphSet, salt: &str) -> Result<Self, String> {
        let face = ttf_parser::Face::parse(&font.bytes, 0)
            .map_err(|e| format!("cannot read font `{}`: {e}", font.path.display()))?;
        let scale = 1000.0 / f32::from(face.units_per_em());
        let (remapper, cids, widths) = remap(&face, glyphs, scale);
        let program = subsetter::subset(&font.bytes, 0, &remapper)
            .map_err(|e| format!("cannot subset font `{}`: {e}", font.path.display()))?;
        let program = super::ttf::strip_hinting(&program).unwrap_or(program);
        let tag = subset_tag(salt, &program);
        let b = face.global_bounding_box();
        let to = |v: i16| (f32::from(v) * scale).round() as i64;
        Ok(EmbeddedFont {
            base_font: format!("{tag}+{}", postscript_name(&face)),
            tag,
            to_unicode: deflate(
                to_unicode_cmap(&cids, glyphs).as_bytes(),
                Compression::default(),
            ),
            table: GlyphTable::new(&cids, glyphs),
            program_len: program.len(),
            program: deflate(&program, Compression::default()),
            widths,
            bbox: [to(b.x_min), to(b.y_min), to(b.x_max), to(b.y_max)],
            ascent: to(face.ascender()),
            descent: to(face.descender()),
            cap_height: to(face.capital_height().unwrap_or(face.ascender())),
        })
    }

    /// The CID of the font's glyph `glyph` (0, `.notdef`, if the subset lacks it).
    pub fn cid(&self, glyph: u16) -> u16 {
        self.table.get(glyph).map_or(0, |e| e.cid)
    }

    /// The `/W` width of the font's glyph `glyph`, in thousandths of an em: what a reader
    /// advances by after drawing it.
    pub fn width(&self, glyph: u16) -> f32 {
        self.table.get(glyph).map_or(0.0, |e| e.width)
    }

    /// The text the ToUnicode map gives for the font's glyph `glyph`, if any.
    pub fn unicode(&self, glyph: u16) -> Option<&str> {
        self.table.get(glyph).map(|e| e.text.as_str())
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

/// Glyph id in the font → CID in the subset and `/W` width.
type Cids = BTreeMap<u16, (u16, f32)>;

/// What the writer needs of each glyph in a subset, looked up for every glyph drawn: an
/// index by glyph id (a few kilobytes for a Latin font), not a tree.
#[derive(Debug, Clone)]
struct GlyphTable {
    /// Glyph id → index in `entries`, `u32::MAX` for a glyph not in the subset.
    index: Vec<u32>,
    entries: Vec<GlyphEntry>,
}

#[derive(Debug, Clone)]
struct GlyphEntry {
    cid: u16,
    /// The `/W` width, in thousandths of an em.
    width: f32,
    /// What the ToUnicode map says it stands for (empty: nothing).
    text: String,
}

impl GlyphTable {
    fn new(cids: &Cids, glyphs: &GlyphSet) -> Self {
        let len = cids.keys().next_back().map_or(0, |&g| usize::from(g) + 1);
        let mut index = vec![u32::MAX; len];
        let mut entries = Vec::with_capacity(cids.len());
        for (&glyph, &(cid, width)) in cids {
            index[usize::from(glyph)] = entries.len() as u32;
            let text = glyphs.get(&glyph).cloned().unwrap_or_default();
            entries.push(GlyphEntry { cid, width, text });
        }
        GlyphTable { index, entries }
    }

    fn get(&self, glyph: u16) -> Option<&GlyphEntry> {
        let i = *self.index.get(usize::from(glyph))?;
        self.entries.get(i as usize)
    }
}

/// Maps each glyph of `glyphs` to its CID (the glyph's id in the subset), in the order of the
/// text they stand for (so a subset of single letters numbers them alphabetically), and
/// notes each CID's advance width in thousandths of an em (`scale` converts from font units).
fn remap(
    face: &ttf_parser::Face,
    glyphs: &GlyphSet,
    scale: f32,
) -> (subsetter::GlyphRemapper, Cids, Vec<(u16, i64)>) {
    let mut order: Vec<(&str, u16)> = glyphs.iter().map(|(&g, t)| (t.as_str(), g)).collect();
    order.sort_unstable();
    let mut remapper = subsetter::GlyphRemapper::new();
    let mut cids = BTreeMap::new();
    let mut widths = Vec::new();
    for (_, glyph) in order {
        if glyph >= face.number_of_glyphs() || cids.contains_key(&glyph) {
            continue;
        }
        let cid = remapper.remap(glyph);
        let advance = face.glyph_hor_advance(ttf_parser::GlyphId(glyph));
        let width = (f32::from(advance.unwrap_or(0)) * scale).round() as i64;
        cids.insert(glyph, (cid, width as f32));
        widths.push((cid, width));
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

/// The CMap that maps each CID back to the text its glyph stands for.
fn to_unicode_cmap(cids: &Cids, glyphs: &GlyphSet) -> String {
    let mut by_cid: Vec<(u16, &str)> = cids
        .iter()
        .filter_map(|(g, &(cid, _))| Some((cid, glyphs.get(g)?.as_str())))
        .filter(|(_, text)| !text.is_empty())
        .collect();
    by_cid.sort_unstable();
    let mut out = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    // At most 100 entries per bfchar block (PDF 32000-1, 9.10.3).
    for chunk in by_cid.chunks(100) {
        out.push_str(&format!("{} beginbfchar\n", chunk.len()));
        for (cid, text) in chunk {
            let hex: String = text.encode_utf16().map(|u| format!("{u:04X}")).collect();
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
    /// The fallback faces, only those some text is drawn in.
    pub fallbacks: BTreeMap<Face, EmbeddedFont>,
}

impl FontSubsets {
    /// The subset of `face`. Text is only ever set in a fallback face whose subset exists
    /// ([`FontSubsets::new`] makes it for every glyph drawn in it); were it missing, the
    /// brand's face of the same weight stands in and draws boxes, not nothing.
    pub fn get(&self, face: Face) -> &EmbeddedFont {
        match face {
            Face::Regular => &self.regular,
            Face::Bold => &self.bold,
            _ => self
                .fallbacks
                .get(&face)
                .unwrap_or_else(|| self.get(face.brand())),
        }
    }

    /// Every subset, brand faces first: the order their objects are added in.
    pub fn all(&self) -> impl Iterator<Item = &EmbeddedFont> {
        [&self.regular, &self.bold]
            .into_iter()
            .chain(self.fallbacks.values())
    }

    /// Subsets each face to the glyphs drawn in it; a fallback face only if some are.
    pub fn new(fonts: &FontPair, used: &UsedGlyphs) -> Result<Self, String> {
        let empty = GlyphSet::new();
        let brand = |face: Face, salt: &str| {
            EmbeddedFont::new(fonts.get(face), used.get(face).unwrap_or(&empty), salt)
        };
        let mut fallbacks = BTreeMap::new();
        for face in Face::ALL.into_iter().filter(|f| f.is_fallback()) {
            if let Some(glyphs) = used.get(face).filter(|g| !g.is_empty()) {
                let salt = salt(face);
                fallbacks.insert(face, EmbeddedFont::new(fonts.get(face), glyphs, &salt)?);
            }
        }
        Ok(FontSubsets {
            regular: brand(Face::Regular, "regular")?,
            bold: brand(Face::Bold, "bold")?,
            fallbacks,
        })
    }
}

/// What keeps the subset tags of two faces apart.
fn salt(face: Face) -> String {
    match face {
        Face::FallbackRegular => "fallback-regular".into(),
        Face::FallbackBold => "fallback-bold".into(),
        other => format!("{other:?}").to_lowercase(),
    }
}

/// Font subsets holding exactly what `pages` draw.
pub fn subsets_for(fonts: &FontPair, pages: &[Page]) -> Result<FontSubsets, String> {
    FontSubsets::new(fonts, &UsedGlyphs::of_pages(pages))
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
mod tests;

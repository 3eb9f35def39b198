//! What the document says about itself, for readers, search indexers and screen readers:
//! the info dictionary, the same facts as XMP metadata, the language, and the request to
//! show the title (not the file name) in the window.
//!
//! printpdf writes an info dictionary of its own, with an empty `GTS_PDFXVersion` that makes
//! readers report PDF/X; we replace it. The structure tree's language and the pages are left
//! to `structure`, the file's version and ID to `save`.

use lopdf::{Dictionary, Object};

use super::object::text_string;
use super::DocInfo;

/// Replaces printpdf's info dictionary with ours and adds the XMP metadata, language and
/// viewer preferences to the catalog.
pub fn add(doc: &mut lopdf::Document, info: &DocInfo) {
    replace_info(doc, info_dictionary(info));
    let xmp = doc.add_object(xmp(info));
    if let Ok(catalog) = doc.catalog_mut() {
        catalog.set("Metadata", Object::Reference(xmp));
        catalog.set("Lang", Object::string_literal(info.lang.as_str()));
        let mut prefs = Dictionary::new();
        // The window shows the handout's title rather than its file name.
        prefs.set("DisplayDocTitle", Object::Boolean(true));
        catalog.set("ViewerPreferences", Object::Dictionary(prefs));
    }
}

/// What a draft's title ends with, and the keyword that marks it.
pub const DRAFT_TITLE: &str = " (draft)";
const DRAFT_KEYWORD: &str = "draft";
/// Said before a draft's subject: the English words of the mark on its pages.
const DRAFT_SUBJECT: &str = "DRAFT — NOT FOR PATIENTS";

/// The title as the metadata gives it: a draft's ends " (draft)".
fn title(info: &DocInfo) -> String {
    match info.draft {
        true => format!("{}{DRAFT_TITLE}", info.title),
        false => info.title.clone(),
    }
}

/// The subject as the metadata gives it: a draft's starts with the mark's words.
fn subject(info: &DocInfo) -> String {
    match info.draft {
        true => format!("{DRAFT_SUBJECT}. {}", info.subject),
        false => info.subject.clone(),
    }
}

fn info_dictionary(info: &DocInfo) -> Dictionary {
    let mut dict = Dictionary::new();
    dict.set("Title", text_string(&title(info)));
    dict.set("Author", text_string(&info.author));
    dict.set("Subject", text_string(&subject(info)));
    if info.draft {
        dict.set("Keywords", text_string(DRAFT_KEYWORD));
    }
    dict.set("Creator", text_string("handout"));
    dict.set("Producer", text_string("handout with printpdf"));
    if let Some(date) = info.date {
        dict.set("CreationDate", Object::string_literal(date.pdf()));
        dict.set("ModDate", Object::string_literal(date.pdf()));
    }
    dict
}

/// Points the trailer at `dict`, dropping the info dictionary printpdf wrote.
fn replace_info(doc: &mut lopdf::Document, dict: Dictionary) {
    let old_info = doc.trailer.get(b"Info").and_then(Object::as_reference).ok();
    let info_id = doc.add_object(Object::Dictionary(dict));
    if let Some(old) = old_info {
        doc.objects.remove(&old);
    }
    doc.trailer.set("Info", Object::Reference(info_id));
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The same facts as the info dictionary, as XMP: what `pdfinfo -meta`, search indexers and
/// accessibility checkers read (title, author, subject, language, dates), and the claim of
/// PDF/UA-1 conformance (ISO 14289-1, clause 5: `pdfuaid:part` 1, in the PDF/UA
/// identification namespace with its usual prefix, which checkers require).
fn xmp(info: &DocInfo) -> lopdf::Stream {
    let date = info.date.map_or(String::new(), |d| {
        let iso = d.iso();
        format!("   <xmp:CreateDate>{iso}</xmp:CreateDate>\n   <xmp:ModifyDate>{iso}</xmp:ModifyDate>\n")
    });
    // A draft says so where indexers and document managers look: keywords and subjects.
    let keywords = match info.draft {
        true => format!(
            "   <pdf:Keywords>{DRAFT_KEYWORD}</pdf:Keywords>\n   <dc:subject><rdf:Bag><rdf:li>{DRAFT_KEYWORD}</rdf:li></rdf:Bag></dc:subject>\n"
        ),
        false => String::new(),
    };
    let xml = format!(
        "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
         <x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n\
         <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n\
         <rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
         xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" \
         xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n\
         \x20  <pdfuaid:part>1</pdfuaid:part>\n\
         \x20  <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{title}</rdf:li></rdf:Alt></dc:title>\n\
         \x20  <dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>\n\
         \x20  <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{subject}</rdf:li></rdf:Alt></dc:description>\n\
         \x20  <dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>\n\
         \x20  <pdf:Producer>handout with printpdf</pdf:Producer>\n\
         \x20  <xmp:CreatorTool>handout</xmp:CreatorTool>\n{date}{keywords}\
         </rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>",
        title = xml_escape(&title(info)),
        author = xml_escape(&info.author),
        subject = xml_escape(&subject(info)),
        lang = xml_escape(&info.lang),
    );
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"Metadata".to_vec()));
    dict.set("Subtype", Object::Name(b"XML".to_vec()));
    // Uncompressed, as tools that scan files for XMP expect.
    lopdf::Stream::new(dict, xml.into_bytes()).with_compression(false)
}

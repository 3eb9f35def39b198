//! One document of a print job as objects of its own, built on any core: its pages (their
//! own content, with the runs shared with other copies), links and form fields (the kids of
//! a field for the part), and its branch of the structure tree with its leaf of the parent
//! tree.
//!
//! The objects are numbered within the part (`pack::local_document`) and written as PDF
//! syntax at once (`pack::serialize`); what they point at outside the part was added
//! before, in `shared`. Outline entries are handed back for the job's outline.

use lopdf::{Dictionary, Object, ObjectId, Stream};

use super::shared::{media_box, Shared};
use super::sharing::PageContent;
use super::{pack, Part};
use crate::layout::Page;
use crate::pdf::content::{self, Segment};
use crate::pdf::font::FontSubsets;
use crate::pdf::form::Form;
use crate::pdf::navigation::{self, OutlineEntry};
use crate::pdf::save;
use crate::pdf::structure::{self, Marked, PartTree, TaggedPart};

/// One part, built and written.
pub struct BuiltPart {
    /// Its objects, written as they will be in the file but for their numbers.
    pub objects: pack::Serialized,
    /// How many objects it has, numbered within the part.
    pub count: u32,
    /// Its pages, in order.
    pub pages: Vec<ObjectId>,
    pub tree: PartTree,
    /// The field whose kids are the part's fields, if it has any.
    pub field: Option<ObjectId>,
    /// Its bookmarks: the title and each heading.
    pub outline: Vec<OutlineEntry>,
}

/// What building part `index` needs to know about the job.
pub struct Context<'a> {
    pub index: usize,
    /// How each of its pages' content is made up.
    pub contents: &'a [PageContent],
    pub shared: &'a Shared,
    /// The page tree node its pages are kids of.
    pub parent: ObjectId,
    /// The resource dictionary its pages name (fonts, its pictures and QR code).
    pub resources: ObjectId,
    pub fonts: &'a FontSubsets,
    /// Its first key in the parent tree.
    pub first_key: usize,
    /// Its language, when not the job's.
    pub lang: Option<&'a str>,
}

/// Builds `part` into a document of its own.
pub fn build(part: &Part, cx: &Context) -> BuiltPart {
    let mut doc = pack::local_document();
    let on = Pages {
        parent: cx.parent,
        resources: cx.resources,
        runs: &cx.shared.runs,
        fonts: cx.fonts,
    };
    let pages = add_pages(&mut doc, part.pages, cx.contents, &on);
    let marked: Vec<(ObjectId, Vec<Marked>)> = pages
        .iter()
        .zip(part.pages)
        .map(|(&id, page)| (id, content::marks(&page.items)))
        .collect();
    let mut form = Form::for_part(&format!("Part {}", cx.index + 1), cx.shared.form);
    let annotated = navigation::annotate_pages(
        &mut doc,
        part.pages.iter().zip(pages.iter().copied()),
        &mut form,
    );
    let field = form.finish_part(&mut doc);
    let tagged = TaggedPart {
        pages: &marked,
        annotations: &annotated.annotations,
        lang: cx.lang,
    };
    let (tree, elements) = structure::add_part(&mut doc, &tagged, cx.shared.document, cx.first_key);
    BuiltPart {
        count: pack::local_count(&doc),
        // Written here, on this core, and the lopdf objects freed at once; the structure
        // elements made one at a time as they are written.
        objects: pack::serialize_with(doc.objects, Some(&elements)),
        pages,
        tree,
        field,
        outline: annotated.outline,
    }
}

/// What a part's pages point at outside the part.
pub struct Pages<'a> {
    /// The page tree node they are kids of.
    pub parent: ObjectId,
    pub resources: ObjectId,
    /// The content stream of each shared run.
    pub runs: &'a [ObjectId],
    pub fonts: &'a FontSubsets,
}

/// Adds `pages` to `doc`: each draws the shared runs it starts and ends with (as `contents`
/// says), and between them its own items, drawn here.
pub fn add_pages(
    doc: &mut lopdf::Document,
    pages: &[Page],
    contents: &[PageContent],
    on: &Pages,
) -> Vec<ObjectId> {
    let segments: Vec<Segment> = pages
        .iter()
        .zip(contents)
        .map(|(page, content)| Segment {
            items: page.items.get(content.own.clone()).unwrap_or_default(),
            height: page.height,
            furniture: page.furniture,
            first_mcid: content.own_first_mcid,
        })
        .collect();
    let drawn = content::draw_segments(&segments, on.fonts);
    pages
        .iter()
        .zip(contents)
        .zip(drawn)
        .map(|((page, content), own)| {
            let run = |run: Option<usize>| run.and_then(|r| on.runs.get(r).copied());
            let mut streams = Vec::with_capacity(3);
            streams.extend(run(content.head));
            if !own.is_empty() {
                streams.push(doc.add_object(own_stream(own)));
            }
            streams.extend(run(content.tail));
            let mut dict = Dictionary::new();
            dict.set("Type", Object::Name(b"Page".to_vec()));
            dict.set("Parent", Object::Reference(on.parent));
            dict.set("MediaBox", media_box(page));
            dict.set("Resources", Object::Reference(on.resources));
            dict.set("Contents", contents_of(&streams));
            doc.add_object(dict)
        })
        .collect()
}

/// Content streams shorter than this are stored as they are: a copy's own content is often
/// a line or two (its patient's name, 150 bytes), which deflate would shrink by a few dozen
/// bytes at the cost of setting up a compressor (several times the work of drawing it).
const COMPRESS_FROM: usize = 1024;

/// A page's own content stream, compressed (on this core) unless it is short.
fn own_stream(content: Vec<u8>) -> Stream {
    if content.len() < COMPRESS_FROM {
        return Stream::new(Dictionary::new(), content);
    }
    let mut dict = Dictionary::new();
    dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
    let packed = save::deflate(&content, flate2::Compression::fast());
    Stream::new(dict, packed)
}

/// A page's `/Contents`: one stream, or the array readers join.
fn contents_of(streams: &[ObjectId]) -> Object {
    match streams {
        [one] => Object::Reference(*one),
        _ => Object::Array(streams.iter().map(|&id| Object::Reference(id)).collect()),
    }
}

//! Personalised copies of one handout as separate files, with what they share serialised
//! once per batch.
//!
//! Every copy of a batch holds the same font subsets, logo, QR code, form appearances,
//! metadata and the runs of content copies have in common (the header, the checklist, the
//! footer). A [`CopyTemplate`] writes those once, numbered from 1 and packed and compressed
//! as the front of every file; a copy then adds only what is its own: its pages, its own
//! content (the patient's name), its page tree, outline, links, form fields and structure
//! tree, its catalog, and the cross-reference stream. The objects are those of a print job
//! of one part (`part`, `shared`, `models`), but the document is a document of its own:
//! its form fields have their plain names and its structure tree is a document's.
//!
//! A copy's bytes depend on its batch, as its font subsets do: which runs are shared is
//! planned on the first copies of the handout (`models`). The same batch gives the same
//! bytes.

use flate2::Compression;
use lopdf::{Dictionary, Object, ObjectId};

use super::impose::Imposition;
use super::models::{self, Key, Models};
use super::pack::{self, FileWriter};
use super::part;
use super::shared::Shared;
use super::{JobOptions, Part, WriteError};
use crate::layout::Page;
use crate::pdf::form::Form;
use crate::pdf::navigation;
use crate::pdf::structure::{self, Marked};
use crate::pdf::{content, metadata, save, DocInfo, FontSubsets};

/// What the copies of one handout share, written once: the start of every copy's file.
pub struct CopyTemplate<'a> {
    /// The header and the shared objects, written.
    file: FileWriter<Vec<u8>>,
    shared: Shared,
    models: Models,
    catalog: (ObjectId, Dictionary),
    info: Option<Object>,
    resources: ObjectId,
    /// The number of a copy's first own object.
    first: u32,
    fonts: &'a FontSubsets,
    lang: String,
}

/// Deflate level of what copies share: compressed once for the batch, so the best.
const SHARED_LEVEL: Compression = Compression::best();
/// Deflate level of a copy's own objects: zlib's fastest, measured on 1,000 checklists 12%
/// less CPU than level 3 for 250 bytes more a copy (24.1 against 23.8 KB).
const COPY_LEVEL: Compression = Compression::new(1);

impl<'a> CopyTemplate<'a> {
    /// Writes what copies of one handout share. `models` are one or two copies of it (the
    /// runs of content they have in common are shared); `fonts` must hold every character
    /// any copy draws; `info` describes each copy.
    pub fn new(
        models: &[Part],
        fonts: &'a FontSubsets,
        info: &DocInfo,
    ) -> Result<Self, WriteError> {
        // All copies of one handout: pages are known by their page number alone.
        let models: Vec<Part> = models.iter().map(|p| Part { handout: 0, ..*p }).collect();
        let imposed = Imposition::new(&models, JobOptions::default())?;
        let planned = models::keyed(&models);
        let sharing = super::sharing::plan(&planned);
        let pages: Vec<&Page> = planned.iter().map(|(page, _)| *page).collect();
        let mut shared = Shared::new(&models, fonts, &imposed, &sharing, &pages);
        let resources = *shared
            .resources
            .first()
            .ok_or_else(|| WriteError::Pdf("no model copy".into()))?;
        metadata::add(&mut shared.doc, info);
        save::compress_with(&mut shared.doc, SHARED_LEVEL);
        let catalog_id = shared
            .doc
            .trailer
            .get(b"Root")
            .and_then(Object::as_reference)
            .map_err(|e| WriteError::Pdf(format!("copy catalog: {e}")))?;
        let mut objects = std::mem::take(&mut shared.doc.objects);
        let mut catalog = match objects.remove(&catalog_id) {
            Some(Object::Dictionary(d)) => d,
            _ => return Err(WriteError::Pdf("copy catalog missing".into())),
        };
        // A copy opens on its page, as a handout does; a print job on its outline.
        catalog.remove(b"PageMode");
        let stream = shared.doc.max_id + 1;
        let mut file = FileWriter::new(Vec::new())?;
        file.chunk(&pack::pack(
            &[(pack::serialize(objects), 0)],
            stream,
            SHARED_LEVEL,
        ))?;
        Ok(CopyTemplate {
            file,
            info: shared.doc.trailer.get(b"Info").ok().cloned(),
            shared,
            models: Models::new(&planned, &sharing),
            catalog: (catalog_id, catalog),
            resources,
            first: stream + 1,
            fonts,
            lang: info.lang.clone(),
        })
    }

    /// The file of one copy laid out as `pages`.
    pub fn write(&self, pages: &[Page]) -> Result<Vec<u8>, WriteError> {
        let keyed: Vec<(&Page, Key)> = pages.iter().zip(0..).map(|(p, i)| (p, (0, i))).collect();
        let contents = self.models.contents(&keyed);
        let mut doc = pack::local_document();
        let on = part::Pages {
            parent: self.shared.pages_root,
            resources: self.resources,
            runs: &self.shared.runs,
            fonts: self.fonts,
        };
        let ids = part::add_pages(&mut doc, pages, &contents, &on);
        let mut tree = Dictionary::new();
        tree.set("Type", Object::Name(b"Pages".to_vec()));
        tree.set("Count", ids.len() as i64);
        let kids: Vec<Object> = ids.iter().map(|&id| Object::Reference(id)).collect();
        tree.set("Kids", kids);
        doc.objects
            .insert(self.shared.pages_root, Object::Dictionary(tree));
        let (catalog_id, catalog) = &self.catalog;
        doc.objects
            .insert(*catalog_id, Object::Dictionary(catalog.clone()));
        doc.trailer.set("Root", Object::Reference(*catalog_id));
        // As a document's own (`navigation::add`), its fields sharing the batch's objects.
        let form = Form::sharing(self.shared.form);
        let annotations =
            navigation::add_with_form(&mut doc, pages.iter().zip(ids.iter().copied()), form);
        let marked: Vec<(ObjectId, Vec<Marked>)> = ids
            .iter()
            .zip(pages)
            .map(|(&id, page)| (id, content::marks(&page.items)))
            .collect();
        let tree = structure::add(&mut doc, &marked, &annotations, &self.lang);
        let count = pack::local_count(&doc);
        let objects = pack::serialize_with(std::mem::take(&mut doc.objects), Some(&tree));
        let chunk = pack::pack(&[(objects, self.first)], self.first + count, COPY_LEVEL);
        // Room for the chunk and the cross-reference stream, a few bytes an object.
        let mut file = self
            .file
            .fork(chunk.size() + 16 * (self.first + count) as usize);
        file.chunk(&chunk)?;
        let mut trailer = Dictionary::new();
        trailer.set("Root", Object::Reference(*catalog_id));
        if let Some(info) = &self.info {
            trailer.set("Info", info.clone());
        }
        Ok(file.finish(&trailer)?.0)
    }
}

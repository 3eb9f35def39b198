//! What the separate copies of each handout share, written once before any copy: the font
//! subsets, logo, QR code, form appearances, metadata and the content copies have in common
//! (`pdf::CopyTemplate`). Each copy's file then adds only what is its own.
//!
//! The runs of content copies share are found on the first two copies of each handout that
//! lay out; so a copy's bytes depend on its batch (as its font subsets already do), and the
//! same batch gives the same bytes.

use std::collections::BTreeMap;

use super::run::{lay_out_copy, Setups};
use super::{Given, Variant, VariantKey};
use crate::layout::Page;
use crate::pdf::{CopyTemplate, FontSubsets, Part};
use crate::run::copies::Copy;
use crate::run::handout::{doc_info, images_of};

/// Each handout's template, or why it could not be made.
#[derive(Default)]
pub(super) struct Templates<'a> {
    by_key: BTreeMap<VariantKey, Result<CopyTemplate<'a>, String>>,
}

impl<'a> Templates<'a> {
    /// A template for each handout `copies` are of.
    pub(super) fn new(
        setups: &Setups,
        fonts: &'a FontSubsets,
        given: &[Given],
        copies: &[(&Copy, &Variant)],
    ) -> Self {
        let mut templates = Templates::default();
        let Ok(metrics) = setups.plan.metrics() else {
            return templates;
        };
        let mut models: BTreeMap<&VariantKey, (&Variant, Vec<Vec<Page>>)> = BTreeMap::new();
        for (row, variant) in copies {
            let (_, laid) = models
                .entry(&variant.key)
                .or_insert_with(|| (variant, Vec::new()));
            if laid.len() < 2 {
                laid.extend(lay_out_copy(setups, &metrics, given, row, variant).ok());
            }
        }
        for (key, (variant, laid)) in models {
            let setup = setups.get(key.large_print);
            let prepared = &variant.prepared;
            let images = images_of(setup, prepared);
            let lang = prepared.handout.lang();
            let parts: Vec<Part> = laid
                .iter()
                .map(|pages| Part {
                    pages,
                    images: &images,
                    qr: prepared.qr(),
                    title: &prepared.handout.title,
                    lang: lang.as_str(),
                    group: "",
                    handout: 0,
                })
                .collect();
            let template = CopyTemplate::new(&parts, fonts, &doc_info(setup, prepared));
            let template = template.map_err(|e| e.to_string());
            templates.by_key.insert(key.clone(), template);
        }
        templates
    }

    /// The file of a copy of the handout `key`, laid out as `pages`.
    pub(super) fn write(&self, key: &VariantKey, pages: &[Page]) -> Result<Vec<u8>, String> {
        match self.by_key.get(key) {
            Some(Ok(template)) => template.write(pages).map_err(|e| e.to_string()),
            Some(Err(msg)) => Err(msg.clone()),
            None => Err("no copy of this handout could be laid out".into()),
        }
    }
}

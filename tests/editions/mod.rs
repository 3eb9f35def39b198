//! What the edition tests share: every shipped handout, every edition, and a layout that
//! tells where each page starts.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use handout::layout::{self, Context, Edition, ImageSizes, Laid};
use handout::model::{Handout, PageSize, Source, Values};
use handout::run::{handout as build, Setup};

/// Every handout shipped in the repository: handouts/*.yaml and each language folder's, so
/// a handout or language added later is checked too.
pub fn shipped(root: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut dirs = vec![root.join("handouts")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("handouts/ reads") {
            let path = entry.expect("entry reads").path();
            let is_yaml = path.extension().is_some_and(|e| e == "yaml");
            if path.is_dir() {
                dirs.push(path);
            } else if is_yaml && path.file_name().is_some_and(|n| n != "brand.yaml") {
                found.push(path);
            }
        }
    }
    found.sort();
    assert!(found.len() >= 8, "English and Spanish handouts: {found:?}");
    found
}

pub const STANDARD: Edition = Edition {
    large_print: false,
    grayscale: false,
};
pub const LARGE: Edition = Edition {
    large_print: true,
    grayscale: false,
};
pub const GRAY: Edition = Edition {
    large_print: false,
    grayscale: true,
};

/// The editions, by name.
pub const EDITIONS: [(&str, Edition); 3] =
    [("standard", STANDARD), ("large", LARGE), ("gray", GRAY)];

/// The paper sizes shipped.
pub const SIZES: [PageSize; 2] = [PageSize::Letter, PageSize::A4];

/// The run of `edition` on `size` paper, with the repository's brand.
pub fn setup(root: &Path, edition: Edition, size: PageSize) -> Setup {
    Setup::load(&root.join("handouts/brand.yaml"), Some(size), edition).expect("brand loads")
}

/// Lays out `path` the way a build does, with `values` on its write-in lines, keeping where
/// each page starts.
pub fn lay_out(run: &Setup, path: &Path, values: &Values) -> (Handout, Laid) {
    let metrics = run.metrics().expect("fonts read");
    let source = Source::read(path).expect("handout reads");
    let prepared = build::prepare(run, &source).expect("shipped handouts are valid");
    let mut sizes = ImageSizes {
        logo: (run.logo.width, run.logo.height),
        blocks: vec![None; prepared.handout.blocks.len()],
    };
    for (i, p) in &prepared.pictures {
        sizes.blocks[*i] = Some((p.width, p.height));
    }
    let lang = prepared.handout.lang();
    let cx = Context {
        metrics: &metrics,
        brand: &run.brand,
        page_size: run.page_size,
        style: run.style,
        images: &sizes,
        values,
        qr: prepared.qr().map(|q| (q.text.as_str(), q.modules)),
        lang: &lang,
        ids: Default::default(),
        shortfalls: Default::default(),
    };
    let laid = layout::layout_traced(&prepared.handout, &cx).expect("shipped handouts lay out");
    (prepared.handout, laid)
}

/// `path` relative to the handouts folder, for labels: `es/food-list.yaml`.
pub fn label(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root.join("handouts")).unwrap_or(path);
    relative.display().to_string()
}

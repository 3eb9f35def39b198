//! The pictures of image blocks, each decoded and encoded once per run, however many blocks
//! and handouts show it. Only the encoded form (compressed, ready for the PDF) and the size
//! are kept, so a run holds compressed pictures, not decoded pixels.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use crate::assets::images::Picture;
use crate::pdf::PdfImage;

/// A picture ready for layout (its size in pixels) and for the PDF.
#[derive(Debug)]
pub struct Encoded {
    pub width: u32,
    pub height: u32,
    pub pdf: PdfImage,
}

type Slot = Arc<OnceLock<Result<Arc<Encoded>, String>>>;

/// Pictures already loaded in this run, by file.
#[derive(Default)]
pub struct PictureCache {
    slots: Mutex<HashMap<PathBuf, Slot>>,
}

impl PictureCache {
    /// The picture at `path`, decoded (in grays if `gray`) and encoded on first use. Workers
    /// asking for the same picture at once wait for the one decode rather than repeat it.
    pub fn get(&self, path: &Path, gray: bool) -> Result<Arc<Encoded>, String> {
        let key = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        let slot = {
            // A panic elsewhere while holding the lock leaves a map that is still right.
            let mut slots = self.slots.lock().unwrap_or_else(|e| e.into_inner());
            Arc::clone(slots.entry(key).or_default())
        };
        slot.get_or_init(|| {
            let mut picture = Picture::load(path)?;
            if gray {
                picture = picture.to_gray();
            }
            Ok(Arc::new(Encoded {
                width: picture.width,
                height: picture.height,
                pdf: PdfImage::encode(&picture),
            }))
        })
        .clone()
    }

    /// How many different pictures were decoded.
    pub fn len(&self) -> usize {
        self.slots.lock().map_or(0, |s| s.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_picture_is_decoded_once_however_often_it_is_asked_for() {
        let logo = Path::new(env!("CARGO_MANIFEST_DIR")).join("handouts/logo.png");
        let cache = PictureCache::default();
        let all: Vec<Arc<Encoded>> = std::thread::scope(|s| {
            let workers: Vec<_> = (0..8)
                .map(|_| s.spawn(|| cache.get(&logo, false)))
                .collect();
            workers
                .into_iter()
                .map(|w| w.join().unwrap().unwrap())
                .collect()
        });
        assert!(
            all.iter().all(|p| Arc::ptr_eq(p, &all[0])),
            "one decode, shared"
        );
        // The same file by another path is still the same picture.
        let other = logo.parent().unwrap().join("../handouts/logo.png");
        assert!(Arc::ptr_eq(&cache.get(&other, false).unwrap(), &all[0]));
        assert_eq!(cache.len(), 1);
        let missing = cache.get(Path::new("no-such.png"), false).unwrap_err();
        assert!(
            missing.starts_with("cannot read image `no-such.png`"),
            "{missing}"
        );
    }
}

//! The largest handout the tool lays out. Real handouts have one to four pages, a few dozen
//! blocks and lists of a few dozen items; the limits are a hundred times that and more, so
//! no real handout meets them, while a mistake (a generated file, a list pasted a thousand
//! times) is refused with an error at the block or item past the limit instead of taking
//! minutes and gigabytes.
//!
//! What they bound: a list item costs about 1.6 KB of memory and 20 µs from reading to PDF
//! bytes (see `tests/memory.rs`), a page of one-line items about 30 of them. So a handout at
//! the limits takes tens of MB and well under a second. The file itself is capped before it
//! is read (`model::MAX_SOURCE_BYTES`, 4 MiB).

use super::LayoutError;
use crate::model::{Block, FieldPath, Handout};

/// Blocks in one handout: a real one has a few dozen. This many headings, the shortest
/// block, fill over a hundred pages.
pub const MAX_BLOCKS: usize = 2_000;

/// Items in one list (bullets, steps, a checklist, one of the columns) or labels in one
/// `fields` block: a real list has a few dozen. This many one-line bullets fill about 350
/// pages and take about 16 MB.
pub const MAX_ITEMS: usize = 10_000;

/// Pages of one handout, in each edition: a real one has one to four. A page holds up to a
/// few hundred items of text, so this bounds memory and time whatever the blocks hold.
pub const MAX_PAGES: usize = 500;

/// An error for each block past [`MAX_BLOCKS`] (the first one only) and each list longer
/// than [`MAX_ITEMS`], at its first item past the limit.
pub fn check(handout: &Handout) -> Vec<LayoutError> {
    let mut errors = Vec::new();
    let blocks = handout.blocks.len();
    if blocks > MAX_BLOCKS {
        errors.push(
            LayoutError::in_handout(
                FieldPath::at("blocks").index(MAX_BLOCKS),
                format!(
                    "too many blocks: a handout may have at most {MAX_BLOCKS}, and this one \
                     has {blocks}"
                ),
            )
            .help("split it into several handouts"),
        );
    }
    for (i, block) in handout.blocks.iter().enumerate().take(MAX_BLOCKS) {
        for (list, len) in lists(block) {
            if len > MAX_ITEMS {
                let field = FieldPath::block(i, block.kind()).join(&list);
                let message = format!(
                    "too many items: a list may have at most {MAX_ITEMS}, and this one has \
                     {len}"
                );
                errors.push(
                    LayoutError::in_handout(field.index(MAX_ITEMS), message)
                        .help("split the list into several blocks, or the handout into several"),
                );
            }
        }
    }
    errors
}

/// The lists of a block, each with its path from the block's kind (empty for the block's
/// own list, `items` or `[1].items` inside it) and its length.
fn lists(block: &Block) -> Vec<(FieldPath, usize)> {
    let here = FieldPath::root;
    match block {
        Block::Bullets(items) | Block::Steps(items) => vec![(here(), items.len())],
        Block::Fields(labels) => vec![(here(), labels.len())],
        Block::Checklist(c) => vec![(FieldPath::at("items"), c.items.len())],
        Block::Columns(cols) => cols
            .iter()
            .enumerate()
            .map(|(k, col)| (here().index(k).key("items"), col.items.len()))
            .collect(),
        Block::Heading(_) | Block::Text(_) | Block::Note(_) | Block::Notes(_) | Block::Image(_) => {
            Vec::new()
        }
    }
}

/// The error for content that would start page `MAX_PAGES + 1`, at the block it is in.
pub fn too_many_pages(block: Option<usize>) -> LayoutError {
    let field = block.map_or(FieldPath::at("title"), |i| FieldPath::at("blocks").index(i));
    LayoutError::in_handout(
        field,
        format!(
            "too many pages: a handout may have at most {MAX_PAGES}, and this block would \
             start page {}",
            MAX_PAGES + 1
        ),
    )
    .help("split the handout into several")
}

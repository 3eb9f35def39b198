//! Content that may be cut at a page's foot between any two of its pieces: lists side by
//! side, each column continuing at the top of the next page under its title again (a column
//! already finished does not repeat its title over nothing).

use crate::layout::Item;

/// Columns of pieces, each under its head (its title and rule). Each column flows on its own,
/// so a long item in one leaves no gap in the other; where a page ends, every column stops at
/// its last piece that fits and continues on the next page, where its head is drawn again.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Flow {
    /// Each column's head, drawn above it on every page it reaches; tagged the first time
    /// only.
    heads: Vec<Vec<Item>>,
    head_height: f32,
    columns: Vec<Vec<Piece>>,
    /// Above each piece.
    gap: f32,
    /// Least pieces of a column on either side of a cut, so no column starts or ends a page
    /// with a lone item; a column too short for that is never cut.
    keep: usize,
    /// Pieces of each column already placed.
    placed: Vec<usize>,
    head_placed: bool,
}

/// One unbreakable piece of a column (a list item); item y positions are relative to its top.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    pub items: Vec<Item>,
    pub height: f32,
}

/// Room to spare when testing a fit, for rounding.
const EPS: f32 = 0.01;

impl Flow {
    /// Columns under their `heads` (one per column, `head_height` tall), pieces `gap` apart
    /// (and `gap` below the head), cut with at least `keep` pieces of a column on each side.
    pub fn new(
        heads: Vec<Vec<Item>>,
        head_height: f32,
        columns: Vec<Vec<Piece>>,
        gap: f32,
        keep: usize,
    ) -> Flow {
        Flow {
            placed: vec![0; columns.len()],
            heads,
            head_height,
            columns,
            gap,
            keep: keep.max(1),
            head_placed: false,
        }
    }

    /// The pieces of each column still to place.
    fn rest(&self) -> impl Iterator<Item = &[Piece]> {
        self.columns
            .iter()
            .zip(&self.placed)
            .map(|(col, &done)| &col[done..])
    }

    /// Height of everything still to place, the head included.
    pub fn height(&self) -> f32 {
        let tallest = self.rest().map(|r| self.run(r)).fold(0.0, f32::max);
        self.head_height + tallest
    }

    /// The least room a page must have for the next cut: the head and, in every column not
    /// yet done, the fewest pieces a cut may leave there.
    pub fn least(&self) -> f32 {
        let tallest = self
            .rest()
            .filter(|r| !r.is_empty())
            .map(|r| self.run(&r[..self.fewest(r.len())]))
            .fold(0.0, f32::max);
        self.head_height + tallest
    }

    /// Whether every piece has been placed.
    pub fn is_done(&self) -> bool {
        self.rest().all(|r| r.is_empty())
    }

    /// Height of `pieces` stacked, a gap above each.
    fn run(&self, pieces: &[Piece]) -> f32 {
        pieces.iter().map(|p| self.gap + p.height).sum()
    }

    /// The fewest pieces of a column of `n` a cut may place: all of a short column.
    fn fewest(&self, n: usize) -> usize {
        if n < 2 * self.keep {
            n
        } else {
            self.keep
        }
    }

    /// How many of a column's `n` remaining pieces a cut places when `fit` fit: all, or as
    /// many as fit while leaving `keep` on each side; 0 when no such cut exists.
    fn legal(&self, n: usize, fit: usize) -> usize {
        if fit >= n {
            return n;
        }
        let k = fit.min(n.saturating_sub(self.keep));
        if k < self.keep {
            0
        } else {
            k
        }
    }

    /// How many pieces of each column to place in `room`; `None` when some column not yet
    /// done could place none (the block then moves on to the next page).
    fn counts(&self, room: f32) -> Option<Vec<usize>> {
        let avail = room - self.head_height;
        if avail < -EPS {
            return None;
        }
        let mut counts = Vec::with_capacity(self.columns.len());
        for rest in self.rest() {
            let mut used = 0.0;
            let fit = rest
                .iter()
                .take_while(|p| {
                    used += self.gap + p.height;
                    used <= avail + EPS
                })
                .count();
            let k = self.legal(rest.len(), fit);
            if k == 0 && !rest.is_empty() {
                return None;
            }
            counts.push(k);
        }
        Some(counts)
    }

    /// Places what fits in `room`: the head, then in each column its next pieces. Returns
    /// the items (y relative to the top of the cut) and the height they take, or `None`
    /// when nothing can start in that room.
    pub fn cut(&mut self, room: f32) -> Option<(Vec<Item>, f32)> {
        let counts = self.counts(room)?;
        let mut items: Vec<Item> = Vec::new();
        for (c, &count) in counts.iter().enumerate() {
            // The first time every head (its title is part of the document); after that the
            // heads of the columns that go on, as decoration: readers met them already.
            if !self.head_placed {
                items.extend(self.heads.get(c).into_iter().flatten().cloned());
            } else if count > 0 {
                let repeated = self.heads.get(c).into_iter().flatten().cloned();
                items.extend(repeated.map(|mut it| {
                    it.untag();
                    it
                }));
            }
        }
        self.head_placed = true;
        let mut tallest: f32 = 0.0;
        for (c, count) in counts.into_iter().enumerate() {
            let start = self.placed[c];
            let mut y = self.head_height + self.gap;
            for piece in &mut self.columns[c][start..start + count] {
                // Placed once: the items move out instead of being copied.
                items.extend(std::mem::take(&mut piece.items).into_iter().map(|mut it| {
                    it.shift_y(y);
                    it
                }));
                y += piece.height + self.gap;
            }
            tallest = tallest.max(y - self.gap - self.head_height);
            self.placed[c] += count;
        }
        Some((items, self.head_height + tallest))
    }
}

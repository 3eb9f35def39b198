//! Shards: `--shard 2/4` builds the second of four interleaved slices of a batch, so CI can
//! split a large batch across runners.

use std::fmt;

/// A slice of a batch, always valid: 1 ≤ index ≤ count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    index: usize,
    count: usize,
}

impl Shard {
    /// Shard `index` (1-based) of `count`.
    pub fn new(index: usize, count: usize) -> Result<Shard, String> {
        if index == 0 || count == 0 || index > count {
            return Err(format!(
                "`{index}/{count}` is not a shard: expected K/N with 1 ≤ K ≤ N, such as 2/4"
            ));
        }
        Ok(Shard { index, count })
    }

    pub fn index(&self) -> usize {
        self.index
    }

    pub fn count(&self) -> usize {
        self.count
    }

    /// Whether item `i` (0-based, in the batch's sorted order) belongs to this shard.
    /// Interleaved, so each shard gets a similar mix of long and short work.
    pub fn takes(&self, i: usize) -> bool {
        i % self.count == self.index - 1
    }
}

impl std::str::FromStr for Shard {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || format!("`{s}` is not a shard: expected K/N with 1 ≤ K ≤ N, such as 2/4");
        let (k, n) = s.split_once('/').ok_or_else(bad)?;
        let index = k.trim().parse().map_err(|_| bad())?;
        let count = n.trim().parse().map_err(|_| bad())?;
        Shard::new(index, count).map_err(|_| bad())
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_parse_and_split_a_batch_between_them() {
        let s: Shard = "2/4".parse().unwrap();
        assert_eq!((s.index(), s.count()), (2, 4));
        let taken: Vec<usize> = (0..10).filter(|&i| s.takes(i)).collect();
        assert_eq!(taken, vec![1, 5, 9]);
        let all: usize = (1..=4)
            .map(|k| {
                (0..10)
                    .filter(|&i| Shard::new(k, 4).unwrap().takes(i))
                    .count()
            })
            .sum();
        assert_eq!(all, 10);
    }

    #[test]
    fn impossible_shards_are_refused() {
        for bad in ["0/4", "5/4", "1/0", "x/2", "2", "-1/3", "1/2/3"] {
            let err = bad.parse::<Shard>().unwrap_err();
            assert!(err.contains("is not a shard"), "{bad}: {err}");
        }
        assert!(Shard::new(0, 1).is_err());
    }
}

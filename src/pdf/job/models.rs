//! The content runs copies share, planned before the first copy is written, and how each
//! later page is made of them.
//!
//! A file written as it goes must store what copies share before any copy: so the runs are
//! planned on a few copies of each handout given first (the models: `sharing` compares each
//! page with the first page of its handout and page number). Every later page is compared
//! with that model page in the same way; it draws a shared run when its head or tail is one
//! the models planned, and its own items for the rest. A page unlike the models (a name
//! long enough to move what follows) draws more of its own, which is still right.

use std::collections::HashMap;
use std::ops::Range;

use super::sharing::{self, PageContent, Sharing};
use super::Part;
use crate::layout::Page;
use crate::pdf::content;

/// Which page of which handout a page is: its part's `handout` and its page index.
pub type Key = (usize, usize);

/// The model pages and the runs planned on them.
pub struct Models {
    /// The first page of each key among the models, with its key, owned: later pages are
    /// compared with it.
    pages: Vec<(Key, Page)>,
    by_key: HashMap<Key, usize>,
    /// Each planned run, by its model page and items: its index among the shared runs.
    runs: HashMap<(usize, Range<usize>), usize>,
    /// How each model page itself is made up.
    contents: Vec<PageContent>,
}

/// The models' pages in order with their keys: what [`sharing::plan`] and the job's shared
/// objects are made from.
pub fn keyed<'p>(parts: &[Part<'p>]) -> Vec<(&'p Page, Key)> {
    parts
        .iter()
        .flat_map(|part| {
            part.pages
                .iter()
                .enumerate()
                .map(move |(i, page)| (page, (part.handout, i)))
        })
        .collect()
}

impl Models {
    /// The models of `planned` (the model parts' pages, keyed), whose runs `sharing` planned.
    pub fn new(planned: &[(&Page, Key)], sharing: &Sharing) -> Models {
        let mut pages = Vec::new();
        let mut by_key = HashMap::new();
        let mut contents = Vec::new();
        // Planned page index → model index, for the pages that are models.
        let mut model_of = HashMap::new();
        for (i, (page, key)) in planned.iter().enumerate() {
            if let std::collections::hash_map::Entry::Vacant(slot) = by_key.entry(*key) {
                slot.insert(pages.len());
                model_of.insert(i, pages.len());
                pages.push((*key, (*page).clone()));
                contents.push(sharing.pages[i].clone());
            }
        }
        let runs = sharing
            .runs
            .iter()
            .enumerate()
            .filter_map(|(r, run)| Some(((*model_of.get(&run.page)?, run.items.clone()), r)))
            .collect();
        Models {
            pages,
            by_key,
            runs,
            contents,
        }
    }

    /// How each of `pages` is made up: the planned runs it shares with its model, and its
    /// own items.
    pub fn contents(&self, pages: &[(&Page, Key)]) -> Vec<PageContent> {
        pages
            .iter()
            .map(|(page, key)| self.content(page, *key))
            .collect()
    }

    /// How `page` is made up: compared with its model by `sharing` itself (so what may be
    /// shared is decided in one place), each run it would share looked up among those the
    /// models planned. A run the models did not plan is drawn as the page's own items.
    fn content(&self, page: &Page, key: Key) -> PageContent {
        let Some(&m) = self.by_key.get(&key) else {
            return sharing::whole(page);
        };
        let model = &self.pages[m].1;
        if page.items == model.items {
            return self.contents[m].clone();
        }
        let plan = sharing::plan(&[(model, ()), (page, ())]);
        let Some(planned) = plan.pages.get(1) else {
            return sharing::whole(page);
        };
        // Runs are on the first page planned: the model.
        let find = |run: Option<usize>| {
            let run = plan.runs.get(run?)?;
            self.runs.get(&(m, run.items.clone())).copied()
        };
        let (head, tail) = (find(planned.head), find(planned.tail));
        let start = if head.is_some() { planned.own.start } else { 0 };
        let end = if tail.is_some() {
            planned.own.end
        } else {
            page.items.len()
        };
        PageContent {
            head,
            own: start..end,
            own_first_mcid: content::count_marked(&page.items[..start]),
            tail,
        }
    }
}

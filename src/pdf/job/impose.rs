//! Where each document's pages go in a print job: one after another and, printed on both
//! sides, with a blank page before a packet that would otherwise start on the back of the
//! sheet before it. (Packets are consecutive parts of the same group, such as one patient's
//! handouts; parts within a packet are not separated.)

use super::{JobOptions, Part};

/// Where each part's pages go in the job.
#[derive(Debug)]
pub struct Imposition {
    /// Whether a blank page goes before each part.
    pub blank_before: Vec<bool>,
}

impl Imposition {
    /// Places `parts`, each of which must have a page.
    pub fn new(parts: &[Part], options: JobOptions) -> Result<Self, String> {
        Self::starting_at(parts, options, 0)
    }

    /// Places `parts` after `first_page` pages of the job: whether a packet starts on the
    /// back of a sheet depends on the pages before it.
    pub fn starting_at(
        parts: &[Part],
        options: JobOptions,
        first_page: usize,
    ) -> Result<Self, String> {
        if parts.is_empty() {
            return Err("a print job needs at least one document".into());
        }
        let mut blank_before = Vec::with_capacity(parts.len());
        let mut next = first_page;
        for (i, part) in parts.iter().enumerate() {
            if part.pages.is_empty() {
                return Err(format!(
                    "document {} of the print job (`{}`) has no pages",
                    i + 1,
                    part.title
                ));
            }
            // Page indexes count from 0: an odd one is the back of a sheet.
            let blank = options.duplex && starts_packet(parts, i) && next % 2 == 1;
            next += usize::from(blank);
            blank_before.push(blank);
            next += part.pages.len();
        }
        Ok(Imposition { blank_before })
    }
}

/// Whether part `i` starts a packet: the first part, or one whose group is not the group of
/// the part before.
pub fn starts_packet(parts: &[Part], i: usize) -> bool {
    i == 0 || parts.get(i).map(|p| p.group) != parts.get(i - 1).map(|p| p.group)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::Page;

    fn pages(n: usize) -> Vec<Page> {
        (0..n)
            .map(|_| Page {
                width: 612.0,
                height: 792.0,
                items: Vec::new(),
                furniture: crate::layout::Furniture::NONE,
            })
            .collect()
    }

    fn part<'a>(pages: &'a [Page], group: &'a str) -> Part<'a> {
        Part {
            pages,
            images: &[],
            qr: None,
            title: "Handout",
            lang: "en",
            group,
            handout: 0,
        }
    }

    #[test]
    fn duplex_starts_every_packet_on_a_front_side() {
        let (one, two, three) = (pages(1), pages(2), pages(3));
        // Ana: 1 + 2 pages; José: 3; Zoë: 1; Zoë again after a break in the order: 2.
        let parts = [
            part(&one, "Ana"),
            part(&two, "Ana"),
            part(&three, "José"),
            part(&one, "Zoë"),
            part(&two, "Ana"),
        ];
        let duplex = Imposition::new(&parts, JobOptions { duplex: true }).unwrap();
        assert_eq!(duplex.blank_before, [false, false, true, true, true]);
        let simplex = Imposition::new(&parts, JobOptions::default()).unwrap();
        assert_eq!(simplex.blank_before, [false; 5]);
        // Placed after an odd number of pages, the first packet needs a blank page too.
        let after = Imposition::starting_at(&parts, JobOptions { duplex: true }, 3).unwrap();
        assert_eq!(after.blank_before, [true, false, true, true, true]);
    }

    #[test]
    fn a_job_without_documents_or_with_an_empty_one_is_refused() {
        assert!(Imposition::new(&[], JobOptions::default()).is_err());
        let err = Imposition::new(&[part(&[], "Ana")], JobOptions::default()).unwrap_err();
        assert!(err.contains("document 1"), "{err}");
    }
}

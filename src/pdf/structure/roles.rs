//! How some of the layout's roles are written, as PDF/UA-1 asks: headings without skipped
//! levels (ISO 14289-1 7.4.2; Matterhorn 14-002, 14-003), header cells with the scope of
//! what they head (7.5; Matterhorn 15-003), lists that say how they are numbered (7.6;
//! Matterhorn 16-001), and tables whose rows have as many cells each (7.2).

use lopdf::{Dictionary, Object};

use super::{Kid, Kind, Node, Tree, NONE};
use crate::layout::Role;

/// The level each heading is written at. The layout gives a heading the level of its kind
/// (a note's title is an H3 wherever the note stands), so a note right under the title would
/// skip a level. Each heading is written one level below the nearest heading before it that
/// the layout ranks higher, which keeps the layout's nesting and skips none: H1 H3 H3 H2
/// becomes H1 H2 H2 H2, and H1 H2 H3 is left as it is.
#[derive(Default)]
pub(super) struct HeadingLevels {
    /// The headings that are still open: (the layout's level, the level written).
    open: Vec<(u8, u8)>,
}

impl HeadingLevels {
    /// The role to write for an element the layout tagged `role`, which is next in reading
    /// order among the headings; other roles are left as they are.
    pub(super) fn role(&mut self, role: Role) -> Role {
        let Some(level) = level_of(role) else {
            return role;
        };
        while self.open.last().is_some_and(|&(open, _)| open >= level) {
            self.open.pop();
        }
        let written = self.open.last().map_or(1, |&(_, written)| written + 1);
        self.open.push((level, written));
        match written {
            1 => Role::H1,
            2 => Role::H2,
            _ => Role::H3,
        }
    }
}

fn level_of(role: Role) -> Option<u8> {
    match role {
        Role::H1 => Some(1),
        Role::H2 => Some(2),
        Role::H3 => Some(3),
        _ => None,
    }
}

/// A header cell's attributes: in a row of data cells it heads that row (a checklist item),
/// otherwise its column (the labels above the boxes).
pub(super) fn header_cell(heads_row: bool) -> Object {
    let mut a = Dictionary::new();
    a.set("O", Object::Name(b"Table".to_vec()));
    let scope: &[u8] = if heads_row { b"Row" } else { b"Column" };
    a.set("Scope", Object::Name(scope.to_vec()));
    Object::Dictionary(a)
}

/// A list's attributes: how its items are labelled, numbers or bullets.
pub(super) fn list(numbered: bool) -> Object {
    let mut a = Dictionary::new();
    a.set("O", Object::Name(b"List".to_vec()));
    let numbering: &[u8] = if numbered { b"Decimal" } else { b"Disc" };
    a.set("ListNumbering", Object::Name(numbering.to_vec()));
    Object::Dictionary(a)
}

impl Tree {
    /// The attributes of element `node`, if its role has any.
    pub(super) fn attributes(&self, node: &Node) -> Option<Object> {
        match node.kind {
            Kind::Tagged(Role::TH) => Some(header_cell(self.in_row_of_data(node))),
            Kind::Tagged(Role::L) => Some(list(false)),
            Kind::Tagged(Role::NumberedL) => Some(list(true)),
            _ => None,
        }
    }

    /// Whether `cell`'s row holds data cells: a header cell there heads its row.
    fn in_row_of_data(&self, cell: &Node) -> bool {
        self.element_kids(cell.parent)
            .any(|e| self.nodes[e as usize].kind == Kind::Tagged(Role::TD))
    }

    /// Gives every row of each table as many cells as its widest row. A checklist without a
    /// label for its item column draws one header cell fewer than each of its rows has: an
    /// empty header cell goes first in the header row, over the items.
    pub(super) fn even_table_rows(&mut self) {
        let is = |tree: &Tree, e: u32, roles: &[Role]| matches!(tree.nodes[e as usize].kind, Kind::Tagged(r) if roles.contains(&r));
        for table in 0..self.nodes.len() as u32 {
            if !is(self, table, &[Role::Table]) {
                continue;
            }
            let rows: Vec<u32> = self
                .element_kids(table)
                .filter(|&e| is(self, e, &[Role::TR]))
                .collect();
            let cells = |tree: &Tree, row: u32| {
                let cells: Vec<u32> = tree
                    .element_kids(row)
                    .filter(|&e| is(tree, e, &[Role::TH, Role::TD]))
                    .collect();
                let all_headers = cells.iter().all(|&c| is(tree, c, &[Role::TH]));
                (cells.len(), all_headers)
            };
            let widest = rows.iter().map(|&r| cells(self, r).0).max().unwrap_or(0);
            for row in rows {
                let (count, all_headers) = cells(self, row);
                let role = if all_headers { Role::TH } else { Role::TD };
                for _ in count..widest {
                    self.push_first(Kind::Tagged(role), row);
                }
            }
        }
    }

    /// The elements among `node`'s kids, in order.
    fn element_kids(&self, node: u32) -> impl Iterator<Item = u32> + '_ {
        let mut next = self.nodes.get(node as usize).map_or(NONE, |n| n.first_kid);
        std::iter::from_fn(move || loop {
            let &(kid, after) = self.kids.get(next as usize)?;
            next = after;
            if let Kid::Element(e) = kid {
                return Some(e);
            }
        })
    }

    /// Adds an element without content as the first kid of `parent`, on its page.
    fn push_first(&mut self, kind: Kind, parent: u32) {
        let index = self.nodes.len() as u32;
        let page = self.nodes[parent as usize].page;
        self.nodes.push(Node {
            kind,
            parent,
            page,
            first_kid: NONE,
            last_kid: NONE,
            alt: None,
        });
        let kid = self.kids.len() as u32;
        let p = &mut self.nodes[parent as usize];
        self.kids.push((Kid::Element(index), p.first_kid));
        if p.last_kid == NONE {
            p.last_kid = kid;
        }
        p.first_kid = kid;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(layout: &[Role]) -> Vec<Role> {
        let mut levels = HeadingLevels::default();
        layout.iter().map(|&r| levels.role(r)).collect()
    }

    #[test]
    fn headings_skip_no_level_and_keep_their_nesting() {
        use Role::*;
        // The food list: column titles (H3) under the title, then a section.
        assert_eq!(written(&[H1, H3, P, H3, H2]), [H1, H2, P, H2, H2]);
        // The stress plan: already without skips.
        assert_eq!(written(&[H1, H2, H3, H2, H3]), [H1, H2, H3, H2, H3]);
        // A note (H3) right under the title, then sections with notes.
        assert_eq!(written(&[H1, H3, H2, H3, H3]), [H1, H2, H2, H3, H3]);
        // Whatever comes first is written as H1.
        assert_eq!(written(&[H3, H2]), [H1, H1]);
    }
}

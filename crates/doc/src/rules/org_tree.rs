//! The org chart as a tree (CT-4): who reports to whom, in alphabetical order, with nobody
//! lost. A manager who is not (or no longer) in the file makes the person a root; people caught
//! in a reporting cycle, who have no root above them, become roots too, so every person is drawn
//! exactly once.

use std::collections::{BTreeMap, BTreeSet};

use uuid::Uuid;

use crate::collation::Collation;
use crate::model::AccountFile;

/// The org chart's shape: its roots and each person's reports, each list in alphabetical order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OrgTree {
    /// The people at the top, in order; then anyone a reporting cycle cut off.
    pub roots: Vec<Uuid>,
    /// Each person's direct reports, in order (people with none are absent).
    pub reports: BTreeMap<Uuid, Vec<Uuid>>,
}

impl OrgTree {
    /// The tree of `file`'s people, names ordered by `order`.
    pub fn of(file: &AccountFile, order: Collation) -> OrgTree {
        let by_name =
            |a: &Uuid, b: &Uuid| order.compare(&file.people[a].name, &file.people[b].name);
        let mut roots = Vec::new();
        let mut reports: BTreeMap<Uuid, Vec<Uuid>> = BTreeMap::new();
        for (id, p) in &file.people {
            match p
                .reports_to
                .filter(|boss| file.people.contains_key(boss) && boss != id)
            {
                Some(boss) => reports.entry(boss).or_default().push(*id),
                None => roots.push(*id),
            }
        }
        roots.sort_by(by_name);
        for list in reports.values_mut() {
            list.sort_by(by_name);
        }
        let mut tree = OrgTree { roots, reports };
        // Whoever the walk from the roots never reaches sits in a cycle: the first of them in
        // order becomes a root, which reaches the rest of its cycle, until none is left.
        let mut reached = tree.walk();
        let mut cut_off: Vec<Uuid> = file
            .people
            .keys()
            .filter(|id| !reached.contains(*id))
            .copied()
            .collect();
        cut_off.sort_by(by_name);
        for id in cut_off {
            if reached.contains(&id) {
                continue;
            }
            // Drawn as a root, it is no one's report any more.
            for list in tree.reports.values_mut() {
                list.retain(|r| *r != id);
            }
            tree.roots.push(id);
            reached = tree.walk();
        }
        tree
    }

    /// Everyone reachable from the roots, in drawing order (depth first), each once.
    pub fn walk(&self) -> BTreeSet<Uuid> {
        let mut seen = BTreeSet::new();
        let mut stack: Vec<Uuid> = self.roots.iter().rev().copied().collect();
        while let Some(id) = stack.pop() {
            if seen.insert(id)
                && let Some(kids) = self.reports.get(&id)
            {
                stack.extend(kids.iter().rev().copied());
            }
        }
        seen
    }

    /// The direct reports of `id`, in order.
    pub fn reports_of(&self, id: &Uuid) -> &[Uuid] {
        self.reports.get(id).map_or(&[], Vec::as_slice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Person;

    fn person(name: &str, boss: Option<u128>) -> Person {
        Person {
            name: name.into(),
            reports_to: boss.map(Uuid::from_u128),
            ..Person::default()
        }
    }

    #[test]
    fn reports_sit_under_their_manager_in_alphabetical_order() {
        let mut f = AccountFile::default();
        f.people.insert(Uuid::from_u128(1), person("Rhys", None));
        f.people
            .insert(Uuid::from_u128(2), person("Lowri", Some(1)));
        f.people
            .insert(Uuid::from_u128(3), person("Llinos", Some(1)));
        f.people
            .insert(Uuid::from_u128(4), person("Anwen", Some(99)));
        let en = OrgTree::of(&f, Collation::English);
        assert_eq!(en.roots, vec![Uuid::from_u128(4), Uuid::from_u128(1)]);
        // English order: Llinos before Lowri; Welsh: Lowri before Llinos (ll is a letter
        // after l).
        assert_eq!(
            en.reports_of(&Uuid::from_u128(1)),
            &[Uuid::from_u128(3), Uuid::from_u128(2)]
        );
        let cy = OrgTree::of(&f, Collation::Welsh);
        assert_eq!(
            cy.reports_of(&Uuid::from_u128(1)),
            &[Uuid::from_u128(2), Uuid::from_u128(3)]
        );
    }

    #[test]
    fn a_reporting_cycle_loses_nobody() {
        let mut f = AccountFile::default();
        f.people.insert(Uuid::from_u128(1), person("Ann", Some(2)));
        f.people.insert(Uuid::from_u128(2), person("Ben", Some(3)));
        f.people.insert(Uuid::from_u128(3), person("Cai", Some(1)));
        f.people.insert(Uuid::from_u128(4), person("Dai", Some(4)));
        let tree = OrgTree::of(&f, Collation::English);
        assert_eq!(tree.walk().len(), 4, "{tree:?}");
        assert_eq!(tree.roots, vec![Uuid::from_u128(4), Uuid::from_u128(1)]);
        // Ann heads her cycle: Cai reports to her, Ben to Cai.
        assert_eq!(tree.reports_of(&Uuid::from_u128(1)), &[Uuid::from_u128(3)]);
        assert_eq!(tree.reports_of(&Uuid::from_u128(3)), &[Uuid::from_u128(2)]);
        assert!(tree.reports_of(&Uuid::from_u128(2)).is_empty());
    }
}

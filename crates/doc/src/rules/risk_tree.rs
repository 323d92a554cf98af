//! The risk register as a tree: each risk's parent and top-level risk, its scope, and the
//! order a register is listed in (RK-1).
//!
//! A document another Automerge tool wrote, or two merges, can hold a parent that names no
//! risk or a chain of parents that comes back on itself. Neither may hide a risk: an unknown
//! parent is ignored, and a cycle is broken at its member with the smallest id (the same on
//! every node), which is then treated as top-level. Both are reported as data problems.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use uuid::Uuid;

use crate::model::AccountFile;

/// Where a risk belongs, and where the Preventative Risk Register is checked: the account, one
/// sales and marketing activity (an opportunity) or one contract (RK-4, RK-6).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(tag = "kind", content = "id", rename_all = "kebab-case")]
pub enum Scope {
    /// The account as a whole.
    Account,
    /// One opportunity.
    Opportunity(Uuid),
    /// One contract.
    Contract(Uuid),
}

impl Scope {
    /// The opportunity's or contract's id; `None` for the account.
    pub fn id(&self) -> Option<Uuid> {
        match self {
            Self::Account => None,
            Self::Opportunity(id) | Self::Contract(id) => Some(*id),
        }
    }
}

/// The parent links of a file's risks after unknown parents are ignored and cycles broken.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RiskTree {
    /// Each risk's parent as the tree uses it (`None`: top-level).
    parent: BTreeMap<Uuid, Option<Uuid>>,
    /// Each risk's top-level risk (itself, for a top-level risk).
    top: BTreeMap<Uuid, Uuid>,
    /// Each cycle of parents found, its members in id order; the first is where it was broken.
    pub cycles: Vec<Vec<Uuid>>,
    /// Risks whose parent names no risk of the file, with the id they name.
    pub unknown_parents: Vec<(Uuid, Uuid)>,
}

impl RiskTree {
    /// The tree of `file`'s risks.
    pub fn of(file: &AccountFile) -> Self {
        let mut tree = Self::default();
        for (id, risk) in &file.risks {
            let parent = match risk.parent {
                Some(p) if file.risks.contains_key(&p) => Some(p),
                // A parent withdrawn as entered by mistake (`casebook withdraw`) is no data
                // problem: the sub-risk stands alone, in the scope written into it.
                Some(p) if file.withdrawn.contains_key(&p) => None,
                Some(p) => {
                    tree.unknown_parents.push((*id, p));
                    None
                }
                None => None,
            };
            tree.parent.insert(*id, parent);
        }
        // Each risk has at most one parent, so every cycle is found by walking from each risk
        // until the walk meets a risk already settled or one seen in this walk.
        let mut settled: BTreeSet<Uuid> = BTreeSet::new();
        let ids: Vec<Uuid> = tree.parent.keys().copied().collect();
        for start in ids {
            let mut walk: Vec<Uuid> = Vec::new();
            let mut at = Some(start);
            while let Some(id) = at {
                if settled.contains(&id) {
                    break;
                }
                if let Some(pos) = walk.iter().position(|w| *w == id) {
                    let mut cycle = walk[pos..].to_vec();
                    cycle.sort();
                    tree.parent.insert(cycle[0], None);
                    tree.cycles.push(cycle);
                    break;
                }
                walk.push(id);
                at = tree.parent.get(&id).copied().flatten();
            }
            settled.extend(walk);
        }
        let ids: Vec<Uuid> = tree.parent.keys().copied().collect();
        for id in ids {
            let mut top = id;
            // Acyclic now, so the walk ends; bounded all the same.
            for _ in 0..tree.parent.len() {
                match tree.parent.get(&top).copied().flatten() {
                    Some(p) => top = p,
                    None => break,
                }
            }
            tree.top.insert(id, top);
        }
        tree
    }

    /// The risk's parent as the tree uses it; `None` for a top-level risk or an unknown id.
    pub fn parent(&self, id: &Uuid) -> Option<Uuid> {
        self.parent.get(id).copied().flatten()
    }

    /// The risk's top-level risk (itself if top-level or unknown).
    pub fn top(&self, id: &Uuid) -> Uuid {
        self.top.get(id).copied().unwrap_or(*id)
    }

    /// The opportunity the risk's scope is, or `None` for the account or a contract (see
    /// [`RiskTree::scope_of`]).
    pub fn scope(&self, file: &AccountFile, id: &Uuid) -> Option<Uuid> {
        match self.scope_of(file, id) {
            Scope::Opportunity(o) => Some(o),
            _ => None,
        }
    }

    /// The risk's scope: its top-level risk's contract, else its opportunity, else the
    /// account. A sub-risk keeps its parent's scope whatever its own fields say.
    pub fn scope_of(&self, file: &AccountFile, id: &Uuid) -> Scope {
        match file.risks.get(&self.top(id)) {
            Some(r) => match (r.contract, r.opportunity) {
                (Some(c), _) => Scope::Contract(c),
                (None, Some(o)) => Scope::Opportunity(o),
                (None, None) => Scope::Account,
            },
            None => Scope::Account,
        }
    }

    /// Whether the risk is a member of a parent cycle.
    pub fn in_cycle(&self, id: &Uuid) -> bool {
        self.cycles.iter().any(|c| c.contains(id))
    }

    /// Every risk once, top-level risks by title (then id) each followed by its sub-risks,
    /// depth first, with their depth (0 for top-level).
    pub fn order(&self, file: &AccountFile) -> Vec<(Uuid, usize)> {
        let by_title = |ids: &mut Vec<Uuid>| {
            ids.sort_by(|a, b| {
                let title = |id: &Uuid| file.risks.get(id).map(|r| r.title.as_str());
                title(a).cmp(&title(b)).then(a.cmp(b))
            });
        };
        let mut children: BTreeMap<Option<Uuid>, Vec<Uuid>> = BTreeMap::new();
        for (id, parent) in &self.parent {
            children.entry(*parent).or_default().push(*id);
        }
        for list in children.values_mut() {
            by_title(list);
        }
        let mut out = Vec::with_capacity(self.parent.len());
        let mut stack: Vec<(Uuid, usize)> = children
            .get(&None)
            .into_iter()
            .flatten()
            .rev()
            .map(|id| (*id, 0))
            .collect();
        while let Some((id, depth)) = stack.pop() {
            out.push((id, depth));
            if let Some(subs) = children.get(&Some(id)) {
                stack.extend(subs.iter().rev().map(|s| (*s, depth + 1)));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::risk;

    fn ids(n: usize) -> Vec<Uuid> {
        let mut v: Vec<Uuid> = (0..n).map(|_| Uuid::new_v4()).collect();
        v.sort();
        v
    }

    #[test]
    fn a_parent_cycle_is_broken_at_its_smallest_id_and_hides_no_risk() {
        let id = ids(4);
        let mut f = AccountFile::default();
        // id[1] → id[2] → id[3] → id[1], and id[0] hangs off id[3].
        for (child, parent) in [(1, 2), (2, 3), (3, 1), (0, 3)] {
            let mut r = risk(1, 1);
            r.title = format!("r{child}");
            r.parent = Some(id[parent]);
            f.risks.insert(id[child], r);
        }
        let tree = RiskTree::of(&f);
        assert_eq!(tree.cycles, vec![vec![id[1], id[2], id[3]]]);
        assert_eq!(tree.parent(&id[1]), None, "broken at the smallest id");
        assert_eq!(tree.top(&id[3]), id[1]);
        assert_eq!(tree.top(&id[0]), id[1]);
        let order = tree.order(&f);
        assert_eq!(order.len(), 4, "every risk is listed once: {order:?}");
        assert_eq!(order[0], (id[1], 0));
        // The same on any node: the result does not depend on the order of discovery.
        let mut g = f.clone();
        let first = g.risks.pop_first().expect("a risk");
        g.risks.insert(first.0, first.1);
        assert_eq!(RiskTree::of(&g).cycles, tree.cycles);
    }

    #[test]
    fn an_unknown_parent_makes_a_top_level_risk_and_is_reported() {
        let mut f = AccountFile::default();
        let (a, ghost) = (Uuid::new_v4(), Uuid::new_v4());
        let mut r = risk(2, 2);
        r.parent = Some(ghost);
        f.risks.insert(a, r);
        let tree = RiskTree::of(&f);
        assert_eq!(tree.unknown_parents, vec![(a, ghost)]);
        assert_eq!(tree.order(&f), vec![(a, 0)]);
    }

    #[test]
    fn a_withdrawn_parent_is_no_data_problem() {
        let mut f = AccountFile::default();
        let (a, gone) = (Uuid::new_v4(), Uuid::new_v4());
        let mut r = risk(2, 2);
        r.parent = Some(gone);
        f.risks.insert(a, r);
        f.withdrawn.insert(gone, Default::default());
        let tree = RiskTree::of(&f);
        assert!(tree.unknown_parents.is_empty());
        assert_eq!(tree.order(&f), vec![(a, 0)]);
    }

    #[test]
    fn sub_sub_risks_are_listed_under_their_parents_and_keep_the_top_scope() {
        let mut f = AccountFile::default();
        let (top, sub, subsub, opp) = (
            Uuid::new_v4(),
            Uuid::new_v4(),
            Uuid::new_v4(),
            Uuid::new_v4(),
        );
        let mut t = risk(1, 1);
        t.opportunity = Some(opp);
        f.risks.insert(top, t);
        let mut s = risk(1, 1);
        s.parent = Some(top);
        f.risks.insert(sub, s);
        let mut ss = risk(1, 1);
        ss.parent = Some(sub);
        ss.opportunity = None;
        f.risks.insert(subsub, ss);
        let tree = RiskTree::of(&f);
        assert_eq!(tree.order(&f), vec![(top, 0), (sub, 1), (subsub, 2)]);
        assert_eq!(tree.scope(&f, &subsub), Some(opp));
    }
}

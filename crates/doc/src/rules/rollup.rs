//! RAG colours of risks and the highest-colour-wins roll-up (RK-1, RK-2).
//!
//! Highest colour wins over disagreement too: where advisers set a risk's likelihood, severity
//! or status apart and the file holds their concurrent values ([`crate::disputes`]), the risk is
//! coloured by the worst combination of them and counts while any of them says it is open. It
//! wins over bad data as well: a value off the 1–5 scale colours its risk red until corrected,
//! and a parent cycle is broken without hiding a risk ([`crate::rules::risk_tree`]). Upside
//! risks (polarity opportunity) are rolled up apart and never raise a colour.

use std::collections::BTreeMap;

use serde::Serialize;
use uuid::Uuid;

use crate::config::RagMatrix;
use crate::disputes::RiskDispute;
use crate::enums::{Polarity, Rag, RiskStatus};
use crate::model::{AccountFile, Risk};
use crate::rules::risk_tree::RiskTree;

/// The colour of one risk from its likelihood and severity; `None` if they are off the scale.
/// The rules judge by [`worst_rag`], which counts an off-scale value as red.
pub fn risk_rag(matrix: &RagMatrix, risk: &Risk) -> Option<Rag> {
    matrix.rag(risk.likelihood, risk.severity).ok()
}

/// The colour of a risk after its response, if residual values are recorded and on the scale.
pub fn residual_rag(matrix: &RagMatrix, risk: &Risk) -> Option<Rag> {
    match (risk.residual_likelihood, risk.residual_severity) {
        (Some(l), Some(s)) => matrix.rag(l, s).ok(),
        _ => None,
    }
}

/// The values a rule weighs for one field: its concurrent values when it holds several, else
/// the one shown.
fn weighed<T: Copy>(shown: T, concurrent: &[T]) -> Vec<T> {
    if concurrent.is_empty() {
        vec![shown]
    } else {
        concurrent.to_vec()
    }
}

/// The highest colour over every combination of `ls` and `ss`; a pair off the scale counts as
/// red, the worst colour, so that bad data never lowers a colour.
fn worst_of(matrix: &RagMatrix, ls: &[u8], ss: &[u8]) -> Rag {
    ls.iter()
        .flat_map(|l| ss.iter().map(|s| matrix.rag(*l, *s).unwrap_or(Rag::Red)))
        .max()
        .unwrap_or(Rag::Red)
}

/// The colour of one risk judged by the worst of its values: the highest colour over every
/// combination of its concurrent likelihoods and severities (`dispute`, from
/// [`crate::disputes::Disputes::risk`]), red if any of them is off the 1–5 scale (see
/// [`out_of_range`]). Without a dispute and on the scale this is [`risk_rag`].
pub fn worst_rag(matrix: &RagMatrix, risk: &Risk, dispute: Option<&RiskDispute>) -> Rag {
    let (ls, ss) = match dispute {
        Some(d) => (
            weighed(risk.likelihood, &d.likelihood),
            weighed(risk.severity, &d.severity),
        ),
        None => (vec![risk.likelihood], vec![risk.severity]),
    };
    worst_of(matrix, &ls, &ss)
}

/// The residual colour of one risk judged by the worst of its concurrent residual values, as
/// [`worst_rag`] (red if one is off the scale); `None` unless both residual values are
/// recorded.
pub fn worst_residual_rag(
    matrix: &RagMatrix,
    risk: &Risk,
    dispute: Option<&RiskDispute>,
) -> Option<Rag> {
    let (Some(l), Some(s)) = (risk.residual_likelihood, risk.residual_severity) else {
        return None;
    };
    let (ls, ss) = match dispute {
        Some(d) => (
            weighed(l, &d.residual_likelihood),
            weighed(s, &d.residual_severity),
        ),
        None => (vec![l], vec![s]),
    };
    Some(worst_of(matrix, &ls, &ss))
}

/// The values of a risk that are off the 1–5 scale (written by another tool), shown or
/// concurrent, as (field, value) in field order.
pub fn out_of_range(risk: &Risk, dispute: Option<&RiskDispute>) -> Vec<(&'static str, u8)> {
    let d = dispute.cloned().unwrap_or_default();
    let fields: [(&'static str, Option<u8>, &[u8]); 4] = [
        ("likelihood", Some(risk.likelihood), &d.likelihood),
        ("severity", Some(risk.severity), &d.severity),
        (
            "residual_likelihood",
            risk.residual_likelihood,
            &d.residual_likelihood,
        ),
        (
            "residual_severity",
            risk.residual_severity,
            &d.residual_severity,
        ),
    ];
    let mut out = Vec::new();
    for (field, shown, concurrent) in fields {
        let Some(shown) = shown else { continue };
        for v in weighed(shown, concurrent) {
            if !(1..=5).contains(&v) && !out.contains(&(field, v)) {
                out.push((field, v));
            }
        }
    }
    out
}

/// Whether a risk counts in the roll-up: it is open, or any of its concurrent statuses is (an
/// adviser who closed it while another kept it open has not yet been agreed with).
pub fn counts_as_open(risk: &Risk, dispute: Option<&RiskDispute>) -> bool {
    risk.status == RiskStatus::Open || dispute.is_some_and(|d| d.status.contains(&RiskStatus::Open))
}

/// Whether the risks of opportunity `opp` have left the account's roll-up: it is qualified
/// out, lost or withdrawn by every one of its concurrent statuses. An id that names no
/// opportunity of the file leaves nothing out.
pub fn opportunity_ended(file: &AccountFile, opp: &Uuid) -> bool {
    let Some(o) = file.opportunities.get(opp) else {
        return false;
    };
    let concurrent = file
        .disputes
        .opportunity(opp)
        .map(|d| d.status.as_slice())
        .unwrap_or_default();
    weighed(o.status, concurrent)
        .iter()
        .all(|s| s.leaves_rollup())
}

/// A problem in the risk register's data that the roll-up worked around and an adviser should
/// correct. Written by another Automerge tool or made by merges; casebook's own edits refuse
/// each of them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum RiskProblem {
    /// Risks whose parents form a cycle; `shown_top_level` (the smallest id) is treated as a
    /// top-level risk so that none is hidden.
    ParentCycle {
        /// The members of the cycle, in id order.
        risks: Vec<Uuid>,
        /// The member treated as top-level.
        shown_top_level: Uuid,
    },
    /// A risk whose parent names no risk of the file; it is treated as top-level.
    UnknownParent {
        /// The risk.
        risk: Uuid,
        /// The id its parent field names.
        parent: Uuid,
    },
    /// A likelihood, severity or residual value off the 1–5 scale; the colour it feeds counts
    /// as red until corrected.
    OutOfRange {
        /// The risk.
        risk: Uuid,
        /// `likelihood`, `severity`, `residual_likelihood` or `residual_severity`.
        field: &'static str,
        /// The value found.
        value: u8,
    },
}

impl RiskProblem {
    /// The problem in an adviser's words, naming risks by title, with what to do.
    pub fn describe(&self, file: &AccountFile) -> String {
        let title = |id: &Uuid| {
            file.risks
                .get(id)
                .map(|r| format!("'{}'", r.title))
                .unwrap_or_else(|| crate::view::short(id))
        };
        match self {
            Self::ParentCycle {
                risks,
                shown_top_level,
            } => format!(
                "risks {} name each other as parent; {} is shown as a top-level risk until a \
                 parent is corrected",
                risks.iter().map(title).collect::<Vec<_>>().join(", "),
                title(shown_top_level)
            ),
            Self::UnknownParent { risk, parent } => format!(
                "risk {} names a parent {} that is not in this file; it is shown as a top-level \
                 risk",
                title(risk),
                crate::view::short(parent)
            ),
            Self::OutOfRange { risk, field, value } => format!(
                "risk {} has {} {value}, off the 1–5 scale; it counts as red until corrected \
                 with `casebook risk assess`",
                title(risk),
                field.replace('_', " ")
            ),
        }
    }
}

/// The roll-up of a whole account file.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Rollup {
    /// The account's colour: the highest over every counted threat, its own and its live
    /// opportunities'. `None` when there is none. Upside risks never raise it.
    pub account: Option<Rag>,
    /// The highest colour over the counted upside risks (polarity opportunity), shown apart
    /// from the account's colour; `None` when there is none.
    pub upside: Option<Rag>,
    /// Each opportunity's colour over the open threats in its scope (also once it has ended,
    /// though those leave the account's colour).
    pub opportunities: BTreeMap<Uuid, Option<Rag>>,
    /// Each top-level risk's colour over the open threats of its tree ("the highest risk
    /// colour must be used"), a closed parent included, so closing it hides no open sub-risk.
    pub risks: BTreeMap<Uuid, Option<Rag>>,
    /// How many open risks count for the account (threats and upside, outside ended
    /// opportunities).
    pub open_risks: usize,
    /// Whether a risk counted here has a disputed likelihood, severity or status, so that some
    /// colour above is the worst of concurrent values, not agreed (until resolved).
    pub disputed: bool,
    /// The data problems found (parent cycles, unknown parents, values off the scale).
    pub problems: Vec<RiskProblem>,
}

/// Compute the roll-up of `file` with `matrix`.
///
/// Closed risks are excluded. An open threat colours its top-level risk, its scope's
/// opportunity and, unless that opportunity has ended ([`opportunity_ended`]), the account. An
/// open upside risk colours only [`Rollup::upside`]. A risk with concurrent values counts by
/// the worst of them ([`worst_rag`], [`counts_as_open`]).
pub fn rollup(file: &AccountFile, matrix: &RagMatrix) -> Rollup {
    let tree = RiskTree::of(file);
    let mut out = Rollup::default();
    for cycle in &tree.cycles {
        out.problems.push(RiskProblem::ParentCycle {
            risks: cycle.clone(),
            shown_top_level: cycle[0],
        });
    }
    for (risk, parent) in &tree.unknown_parents {
        out.problems.push(RiskProblem::UnknownParent {
            risk: *risk,
            parent: *parent,
        });
    }
    for (id, risk) in &file.risks {
        let dispute = file.disputes.risk(id);
        for (field, value) in out_of_range(risk, dispute) {
            out.problems.push(RiskProblem::OutOfRange {
                risk: *id,
                field,
                value,
            });
        }
        if !counts_as_open(risk, dispute) {
            continue;
        }
        out.disputed |= dispute.is_some_and(RiskDispute::rag_disputed);
        let colour = Some(worst_rag(matrix, risk, dispute));
        let scope = tree.scope(file, id);
        let for_account = scope.is_none_or(|o| !opportunity_ended(file, &o));
        out.open_risks += usize::from(for_account);
        if risk.polarity == Polarity::Opportunity {
            if for_account {
                out.upside = out.upside.max(colour);
            }
            continue;
        }
        let entry = out.risks.entry(tree.top(id)).or_insert(None);
        *entry = (*entry).max(colour);
        if let Some(opp) = scope {
            let e = out.opportunities.entry(opp).or_insert(None);
            *e = (*e).max(colour);
        }
        if for_account {
            out.account = out.account.max(colour);
        }
    }
    for opp in file.opportunities.keys() {
        out.opportunities.entry(*opp).or_insert(None);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::enums::OpportunityStatus;
    use crate::model::Opportunity;
    use crate::test_support::risk;

    fn opportunity(status: OpportunityStatus) -> Opportunity {
        Opportunity {
            title: "Export deal".into(),
            origin: Default::default(),
            value: 0.0,
            timescale: String::new(),
            status,
            raised: None,
            sessions: BTreeMap::new(),
            outcome: None,
        }
    }

    #[test]
    fn highest_colour_wins_up_to_the_account() {
        let m = RagMatrix::default();
        let mut f = AccountFile::default();
        let opp = Uuid::new_v4();
        let parent = Uuid::new_v4();
        let sub = Uuid::new_v4();
        let green = Uuid::new_v4();
        f.risks.insert(green, risk(1, 1));
        let mut p = risk(2, 3); // amber
        p.opportunity = Some(opp);
        f.risks.insert(parent, p);
        let mut s = risk(5, 4); // red sub-risk
        s.parent = Some(parent);
        f.risks.insert(sub, s);
        let r = rollup(&f, &m);
        assert_eq!(
            r.risks[&parent],
            Some(Rag::Red),
            "sub-risk colours its parent"
        );
        assert_eq!(r.risks[&green], Some(Rag::Green));
        assert_eq!(r.opportunities[&opp], Some(Rag::Red));
        assert_eq!(r.account, Some(Rag::Red));
    }

    #[test]
    fn closed_risks_leave_the_rollup() {
        let m = RagMatrix::default();
        let mut f = AccountFile::default();
        let mut red = risk(5, 5);
        red.status = RiskStatus::Closed;
        f.risks.insert(Uuid::new_v4(), red);
        f.risks.insert(Uuid::new_v4(), risk(2, 3));
        assert_eq!(rollup(&f, &m).account, Some(Rag::Amber));
    }

    #[test]
    fn no_open_risk_means_no_colour() {
        assert_eq!(
            rollup(&AccountFile::default(), &RagMatrix::default()).account,
            None
        );
    }

    #[test]
    fn parent_cycle_terminates() {
        let m = RagMatrix::default();
        let mut f = AccountFile::default();
        let a = Uuid::new_v4();
        let b = Uuid::new_v4();
        let mut ra = risk(1, 1);
        ra.parent = Some(b);
        let mut rb = risk(5, 5);
        rb.parent = Some(a);
        f.risks.insert(a, ra);
        f.risks.insert(b, rb);
        let roll = rollup(&f, &m);
        assert_eq!(roll.account, Some(Rag::Red));
        let (low, high) = (a.min(b), a.max(b));
        assert_eq!(
            roll.problems,
            vec![RiskProblem::ParentCycle {
                risks: vec![low, high],
                shown_top_level: low
            }]
        );
        assert_eq!(roll.risks.get(&low), Some(&Some(Rag::Red)), "{roll:?}");
    }

    #[test]
    fn worst_rag_weighs_every_combination_and_counts_off_scale_values_as_red() {
        let m = RagMatrix::default();
        let r = risk(2, 4); // amber as shown
        let d = RiskDispute {
            likelihood: vec![2, 3, 4],
            ..Default::default()
        };
        assert_eq!(worst_rag(&m, &r, None), Rag::Amber);
        assert_eq!(worst_rag(&m, &r, Some(&d)), Rag::Red, "4×4 = 16");
        let off = RiskDispute {
            likelihood: vec![1, 9],
            ..Default::default()
        };
        assert_eq!(worst_rag(&m, &risk(1, 1), Some(&off)), Rag::Red);
        assert_eq!(worst_rag(&m, &risk(9, 1), None), Rag::Red);
        assert_eq!(
            out_of_range(&risk(1, 1), Some(&off)),
            vec![("likelihood", 9)]
        );
        let mut residual = risk(5, 5);
        residual.residual_likelihood = Some(1);
        residual.residual_severity = Some(3);
        let d = RiskDispute {
            residual_severity: vec![3, 5],
            ..Default::default()
        };
        assert_eq!(
            worst_residual_rag(&m, &residual, Some(&d)),
            Some(Rag::Green)
        );
        let d = RiskDispute {
            residual_likelihood: vec![1, 3],
            residual_severity: vec![3, 5],
            ..Default::default()
        };
        assert_eq!(worst_residual_rag(&m, &residual, Some(&d)), Some(Rag::Red));
        residual.residual_severity = Some(0);
        assert_eq!(worst_residual_rag(&m, &residual, None), Some(Rag::Red));
    }

    #[test]
    fn an_off_scale_value_counts_red_and_is_reported() {
        let m = RagMatrix::default();
        let mut f = AccountFile::default();
        let id = Uuid::new_v4();
        f.risks.insert(id, risk(9, 1));
        let roll = rollup(&f, &m);
        assert_eq!(roll.account, Some(Rag::Red), "never dropped");
        assert_eq!(
            roll.problems,
            vec![RiskProblem::OutOfRange {
                risk: id,
                field: "likelihood",
                value: 9
            }]
        );
        assert!(roll.problems[0].describe(&f).contains("likelihood 9"));
    }

    #[test]
    fn upside_risks_never_raise_a_colour_and_are_rolled_up_apart() {
        let m = RagMatrix::default();
        let mut f = AccountFile::default();
        let mut up = risk(5, 5);
        up.polarity = Polarity::Opportunity;
        let up_id = Uuid::new_v4();
        f.risks.insert(up_id, up);
        f.risks.insert(Uuid::new_v4(), risk(1, 1));
        let roll = rollup(&f, &m);
        assert_eq!(roll.account, Some(Rag::Green));
        assert_eq!(roll.upside, Some(Rag::Red));
        assert_eq!(roll.open_risks, 2);
        assert!(!roll.risks.contains_key(&up_id));
    }

    #[test]
    fn a_closed_parent_hides_no_open_sub_risk_and_the_sub_risk_keeps_its_scope() {
        let m = RagMatrix::default();
        let mut f = AccountFile::default();
        let opp = Uuid::new_v4();
        f.opportunities
            .insert(opp, opportunity(OpportunityStatus::Open));
        let (parent, sub) = (Uuid::new_v4(), Uuid::new_v4());
        let mut p = risk(1, 1);
        p.opportunity = Some(opp);
        p.status = RiskStatus::Closed;
        f.risks.insert(parent, p);
        let mut s = risk(5, 5);
        s.parent = Some(parent);
        s.opportunity = None; // written by another tool: the parent's scope still holds
        f.risks.insert(sub, s);
        let roll = rollup(&f, &m);
        assert_eq!(roll.risks.get(&parent), Some(&Some(Rag::Red)));
        assert_eq!(roll.opportunities[&opp], Some(Rag::Red));
        assert_eq!(roll.account, Some(Rag::Red));
    }

    #[test]
    fn risks_of_an_ended_opportunity_leave_the_account() {
        let m = RagMatrix::default();
        for (status, counts) in [
            (OpportunityStatus::Open, true),
            (OpportunityStatus::Hold, true),
            (OpportunityStatus::Won, true),
            (OpportunityStatus::Lost, false),
            (OpportunityStatus::Withdrawn, false),
            (OpportunityStatus::QualifiedOut, false),
        ] {
            let mut f = AccountFile::default();
            let opp = Uuid::new_v4();
            f.opportunities.insert(opp, opportunity(status));
            let mut r = risk(5, 5);
            r.opportunity = Some(opp);
            f.risks.insert(Uuid::new_v4(), r);
            let mut up = risk(5, 5);
            up.opportunity = Some(opp);
            up.polarity = Polarity::Opportunity;
            f.risks.insert(Uuid::new_v4(), up);
            f.risks.insert(Uuid::new_v4(), risk(1, 1));
            let roll = rollup(&f, &m);
            let want = if counts { Rag::Red } else { Rag::Green };
            assert_eq!(roll.account, Some(want), "{status}");
            assert_eq!(roll.upside.is_some(), counts, "{status}");
            assert_eq!(roll.opportunities[&opp], Some(Rag::Red), "{status}");
            // Disagreement: one adviser lost it, another kept it open; it still counts.
            f.disputes.opportunities.insert(
                opp,
                crate::disputes::OpportunityDispute {
                    status: vec![status, OpportunityStatus::Open],
                },
            );
            assert_eq!(rollup(&f, &m).account, Some(Rag::Red), "{status}");
        }
    }

    #[test]
    fn a_risk_closed_by_one_adviser_and_open_by_another_counts() {
        let m = RagMatrix::default();
        let mut f = AccountFile::default();
        let mut r = risk(5, 5);
        r.status = RiskStatus::Closed;
        let id = Uuid::new_v4();
        f.risks.insert(id, r.clone());
        assert_eq!(rollup(&f, &m).account, None);
        let d = RiskDispute {
            status: vec![RiskStatus::Open, RiskStatus::Closed],
            ..Default::default()
        };
        assert!(counts_as_open(&r, Some(&d)));
        f.disputes.risks.insert(id, d);
        let roll = rollup(&f, &m);
        assert_eq!(roll.account, Some(Rag::Red));
        assert!(roll.disputed);
    }

    #[test]
    fn residual_colour_uses_residual_values() {
        let m = RagMatrix::default();
        let mut r = risk(5, 5);
        r.residual_likelihood = Some(1);
        r.residual_severity = Some(5);
        assert_eq!(residual_rag(&m, &r), Some(Rag::Green));
    }
}

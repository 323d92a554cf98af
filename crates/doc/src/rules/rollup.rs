//! RAG colours of risks and the highest-colour-wins roll-up (RK-1, RK-2).
//!
//! Highest colour wins over disagreement too: where advisers set a risk's likelihood, severity
//! or status apart and the file holds their concurrent values ([`crate::disputes`]), the risk is
//! coloured by the worst combination of them and counts while any of them says it is open.

use std::collections::BTreeMap;

use serde::Serialize;
use uuid::Uuid;

use crate::config::RagMatrix;
use crate::disputes::RiskDispute;
use crate::enums::{Rag, RiskStatus};
use crate::model::{AccountFile, Risk};

/// The colour of one risk from its likelihood and severity; `None` if they are off the scale
/// (an imported or hostile document), so that one bad risk cannot hide the others.
pub fn risk_rag(matrix: &RagMatrix, risk: &Risk) -> Option<Rag> {
    matrix.rag(risk.likelihood, risk.severity).ok()
}

/// The colour of a risk after its response, if residual values are recorded.
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

/// The colour of one risk judged by the worst of its concurrent values: the highest colour
/// over every combination of its concurrent likelihoods and severities (`dispute`, from
/// [`crate::disputes::Disputes::risk`]). Without a dispute this is [`risk_rag`]. Off-scale
/// values are left out; `None` if none is on the scale.
pub fn worst_rag(matrix: &RagMatrix, risk: &Risk, dispute: Option<&RiskDispute>) -> Option<Rag> {
    let (ls, ss) = match dispute {
        Some(d) => (
            weighed(risk.likelihood, &d.likelihood),
            weighed(risk.severity, &d.severity),
        ),
        None => (vec![risk.likelihood], vec![risk.severity]),
    };
    ls.iter()
        .flat_map(|l| ss.iter().map(|s| matrix.rag(*l, *s).ok()))
        .max()
        .flatten()
}

/// The residual colour of one risk judged by the worst of its concurrent residual values, as
/// [`worst_rag`]; `None` unless both residual values are recorded.
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
    ls.iter()
        .flat_map(|l| ss.iter().map(|s| matrix.rag(*l, *s).ok()))
        .max()
        .flatten()
}

/// Whether a risk counts in the roll-up: it is open, or any of its concurrent statuses is (an
/// adviser who closed it while another kept it open has not yet been agreed with).
pub fn counts_as_open(risk: &Risk, dispute: Option<&RiskDispute>) -> bool {
    risk.status == RiskStatus::Open || dispute.is_some_and(|d| d.status.contains(&RiskStatus::Open))
}

/// The roll-up of a whole account file.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Rollup {
    /// The account's colour: the highest over every open risk, its own and its
    /// opportunities'. `None` when there is no open risk.
    pub account: Option<Rag>,
    /// Each opportunity's colour over its open risks and their sub-risks.
    pub opportunities: BTreeMap<Uuid, Option<Rag>>,
    /// Each open risk's colour including its open sub-risks ("the highest risk colour must be
    /// used").
    pub risks: BTreeMap<Uuid, Option<Rag>>,
    /// Whether a risk counted here has a disputed likelihood, severity or status, so that some
    /// colour above is the worst of concurrent values, not agreed (until resolved).
    pub disputed: bool,
}

/// Compute the roll-up of `file` with `matrix`.
///
/// Closed risks are excluded. A sub-risk rolls into its parent; a risk whose parent belongs to
/// an opportunity counts for that opportunity; every opportunity rolls into the account. A risk
/// with concurrent values counts by the worst of them ([`worst_rag`], [`counts_as_open`]).
pub fn rollup(file: &AccountFile, matrix: &RagMatrix) -> Rollup {
    let open: BTreeMap<&Uuid, &Risk> = file
        .risks
        .iter()
        .filter(|(id, r)| counts_as_open(r, file.disputes.risk(id)))
        .collect();
    let mut out = Rollup::default();
    for (id, risk) in &open {
        let dispute = file.disputes.risk(id);
        out.disputed |= dispute.is_some_and(RiskDispute::rag_disputed);
        // Walk up to the top-level risk so a sub-risk colours its parent and the parent's
        // opportunity. The walk is bounded so a cycle in a hostile document cannot hang us.
        let mut top = (*id, *risk);
        for _ in 0..open.len() {
            match top.1.parent.as_ref().and_then(|p| open.get_key_value(p)) {
                Some((pid, parent)) => top = (*pid, *parent),
                None => break,
            }
        }
        let colour = worst_rag(matrix, risk, dispute);
        let entry = out.risks.entry(*top.0).or_insert(None);
        *entry = (*entry).max(colour);
        if let Some(opp) = top.1.opportunity.or(risk.opportunity) {
            let e = out.opportunities.entry(opp).or_insert(None);
            *e = (*e).max(colour);
        }
        out.account = out.account.max(colour);
    }
    for opp in file.opportunities.keys() {
        out.opportunities.entry(*opp).or_insert(None);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::enums::Polarity;

    fn risk(l: u8, s: u8) -> Risk {
        Risk {
            title: format!("L{l}S{s}"),
            opportunity: None,
            parent: None,
            category: String::new(),
            polarity: Polarity::Threat,
            likelihood: l,
            severity: s,
            response: None,
            residual_likelihood: None,
            residual_severity: None,
            mitigation: String::new(),
            owner: String::new(),
            status: RiskStatus::Open,
            raised: None,
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
        assert_eq!(rollup(&f, &m).account, Some(Rag::Red));
    }

    #[test]
    fn worst_rag_weighs_every_combination_and_skips_off_scale_values() {
        let m = RagMatrix::default();
        let r = risk(2, 4); // amber as shown
        let d = RiskDispute {
            likelihood: vec![2, 9, 4],
            ..Default::default()
        };
        assert_eq!(worst_rag(&m, &r, None), Some(Rag::Amber));
        assert_eq!(worst_rag(&m, &r, Some(&d)), Some(Rag::Red), "4×4 = 16");
        let off = RiskDispute {
            likelihood: vec![0, 9],
            ..Default::default()
        };
        assert_eq!(worst_rag(&m, &risk(0, 4), Some(&off)), None);
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

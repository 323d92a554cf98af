//! RAG colours of risks and the highest-colour-wins roll-up (RK-1, RK-2).

use std::collections::BTreeMap;

use serde::Serialize;
use uuid::Uuid;

use crate::config::RagMatrix;
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
}

/// Compute the roll-up of `file` with `matrix`.
///
/// Closed risks are excluded. A sub-risk rolls into its parent; a risk whose parent belongs to
/// an opportunity counts for that opportunity; every opportunity rolls into the account.
pub fn rollup(file: &AccountFile, matrix: &RagMatrix) -> Rollup {
    let open: BTreeMap<&Uuid, &Risk> = file
        .risks
        .iter()
        .filter(|(_, r)| r.status == RiskStatus::Open)
        .collect();
    let mut out = Rollup::default();
    for (id, risk) in &open {
        // Walk up to the top-level risk so a sub-risk colours its parent and the parent's
        // opportunity. The walk is bounded so a cycle in a hostile document cannot hang us.
        let mut top = (*id, *risk);
        for _ in 0..open.len() {
            match top.1.parent.as_ref().and_then(|p| open.get_key_value(p)) {
                Some((pid, parent)) => top = (*pid, *parent),
                None => break,
            }
        }
        let colour = risk_rag(matrix, risk);
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
    fn residual_colour_uses_residual_values() {
        let m = RagMatrix::default();
        let mut r = risk(5, 5);
        r.residual_likelihood = Some(1);
        r.residual_severity = Some(5);
        assert_eq!(residual_rag(&m, &r), Some(Rag::Green));
    }
}

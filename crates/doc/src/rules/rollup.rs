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
use crate::rules::risk_tree::{RiskTree, Scope};

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
pub(crate) fn weighed<T: Copy>(shown: T, concurrent: &[T]) -> Vec<T> {
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
    /// The problem in an adviser's words (English), naming risks by title, with what to do.
    pub fn describe(&self, file: &AccountFile) -> String {
        self.message(file).english()
    }

    /// The problem in an adviser's words in any language, naming risks by title, with what
    /// to do.
    pub fn message(&self, file: &AccountFile) -> casebook_i18n::Message {
        use casebook_i18n::Message;
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
            } => Message::new("rule-risk-parent-cycle")
                .with(
                    "risks",
                    risks.iter().map(title).collect::<Vec<_>>().join(", "),
                )
                .with("shown", title(shown_top_level)),
            Self::UnknownParent { risk, parent } => Message::new("rule-risk-unknown-parent")
                .with("risk", title(risk))
                .with("parent", crate::view::short(parent)),
            Self::OutOfRange { risk, field, value } => Message::new("rule-risk-off-scale")
                .with("risk", title(risk))
                .with("field", crate::error::term(field))
                .with("value", value.to_string()),
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
    /// Each contract's colour over the open threats in its scope (also once it has ended,
    /// though those leave the account's colour).
    pub contracts: BTreeMap<Uuid, Option<Rag>>,
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

/// Whether the risks of `scope` count for the account: always for the account's own; for an
/// opportunity until it has ended ([`opportunity_ended`]) or been won into a contract, whose
/// register starts the new cycle (RK-6); for a contract until it has ended.
pub fn scope_live(file: &AccountFile, scope: Scope) -> bool {
    match scope {
        Scope::Account => true,
        Scope::Opportunity(o) => {
            !opportunity_ended(file, &o)
                && !file.contracts.values().any(|c| c.opportunity == Some(o))
        }
        Scope::Contract(c) => file.contracts.get(&c).is_none_or(|c| c.ended.is_none()),
    }
}

/// Compute the roll-up of `file` with `matrix`.
///
/// Closed risks are excluded. An open threat colours its top-level risk, its scope's
/// opportunity or contract and, unless that opportunity ([`opportunity_ended`]) or contract has
/// ended, the account. An open upside risk colours only [`Rollup::upside`]. A risk with
/// concurrent values counts by the worst of them ([`worst_rag`], [`counts_as_open`]).
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
        let scope = tree.scope_of(file, id);
        let for_account = scope_live(file, scope);
        out.open_risks += usize::from(for_account);
        if risk.polarity == Polarity::Opportunity {
            if for_account {
                out.upside = out.upside.max(colour);
            }
            continue;
        }
        let entry = out.risks.entry(tree.top(id)).or_insert(None);
        *entry = (*entry).max(colour);
        let by_scope = match scope {
            Scope::Account => None,
            Scope::Opportunity(o) => Some(out.opportunities.entry(o).or_insert(None)),
            Scope::Contract(c) => Some(out.contracts.entry(c).or_insert(None)),
        };
        if let Some(e) = by_scope {
            *e = (*e).max(colour);
        }
        if for_account {
            out.account = out.account.max(colour);
        }
    }
    for opp in file.opportunities.keys() {
        out.opportunities.entry(*opp).or_insert(None);
    }
    for contract in file.contracts.keys() {
        out.contracts.entry(*contract).or_insert(None);
    }
    out
}

#[cfg(test)]
mod tests;

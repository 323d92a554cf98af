//! The opportunities of a file as lists show them (OP-1, OP-2, OP-4): status, value, current
//! qualification and its trend, risk colour and outcome, one line each.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::config::OrgConfig;
use crate::enums::{OpportunityOrigin, OpportunityStatus, Rag};
use crate::model::{AccountFile, Outcome};
use crate::rules::cosmonauts::{self, Trend};
use crate::rules::rollup::Rollup;

/// One opportunity as `opp list` shows it; also kept in the index ([`crate::FileSummary`]) so
/// the portfolio's pipeline needs no document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OpportunityLine {
    /// The opportunity's id.
    pub id: Uuid,
    /// Its title.
    pub title: String,
    /// From a client need or our own proposition.
    pub origin: OpportunityOrigin,
    /// Open, on hold, won, lost, withdrawn or qualified out.
    pub status: OpportunityStatus,
    /// Estimated value in pounds (the outcome's value once closed).
    pub value: f64,
    /// When it was raised.
    pub raised: Option<DateTime<Utc>>,
    /// How many qualification sessions it has had.
    pub sessions: usize,
    /// The current qualification's total, 0.0–1.0, unanswered groups scoring 0
    /// ([`cosmonauts::current`]); `None` before any session.
    pub qualification: Option<f64>,
    /// How many of the ten COSMONAUTS groups have been answered.
    pub answered: usize,
    /// Where the current qualification is heading.
    pub trend: Trend,
    /// The colour of the threats in its scope.
    pub rag: Option<Rag>,
    /// How it ended, once closed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Outcome>,
}

/// Every opportunity of `file`, oldest first (then by title), judged with `config` and coloured
/// by `roll` (the file's [`crate::rules::rollup::rollup`]).
pub fn lines(file: &AccountFile, config: &OrgConfig, roll: &Rollup) -> Vec<OpportunityLine> {
    let mut out: Vec<OpportunityLine> = file
        .opportunities
        .iter()
        .map(|(id, o)| {
            let q = cosmonauts::qualify(o, config);
            OpportunityLine {
                id: *id,
                title: o.title.clone(),
                origin: o.origin,
                status: o.status,
                value: o.outcome.as_ref().map_or(o.value, |x| x.value),
                raised: o.raised,
                sessions: o.sessions.len(),
                qualification: q.current.total,
                answered: q.current.answered,
                trend: q.trend,
                rag: roll.opportunities.get(id).copied().flatten(),
                outcome: o.outcome.clone(),
            }
        })
        .collect();
    out.sort_by(|a, b| (a.raised, &a.title, a.id).cmp(&(b.raised, &b.title, b.id)));
    out
}

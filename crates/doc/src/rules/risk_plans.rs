//! Risk Management Plans (RK-5): when each plan's next review is due, the open threats of its
//! scope with the plan's actions on each, the amber and red threats it has no action for, its
//! actions counted per response type, and the scopes with threats but no plan.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::config::RagMatrix;
use crate::enums::{ActionStatus, Polarity, Rag, RiskResponse};
use crate::model::AccountFile;
use crate::rules::risk_tree::{RiskTree, Scope};
use crate::rules::rollup::{counts_as_open, worst_rag};

/// A review is due this many days before its day.
pub const DUE_SOON_DAYS: i64 = 14;

/// One open threat of a plan's scope.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlanRisk {
    /// The risk.
    pub risk: Uuid,
    /// Its title.
    pub title: String,
    /// Its colour (the worst of concurrent values).
    pub colour: Rag,
    /// Its response.
    pub response: Option<RiskResponse>,
    /// The plan's actions on it.
    pub actions: Vec<Uuid>,
    /// How many of those are still open.
    pub open_actions: usize,
}

/// One plan as it stands.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlanState {
    /// The account or the contract.
    pub scope: Scope,
    /// Who keeps it.
    pub owner: String,
    /// Reviewed every this many days.
    pub review_days: u32,
    /// The day it was started.
    pub started: Option<NaiveDate>,
    /// The day of its latest review.
    pub last_review: Option<NaiveDate>,
    /// How many reviews it has had.
    pub reviews: usize,
    /// The day its next review is due: the latest review (else the start) plus its period.
    pub next_review: Option<NaiveDate>,
    /// The open threats of its scope, red first.
    pub risks: Vec<PlanRisk>,
    /// Amber and red threats it has no action for.
    pub gaps: Vec<Uuid>,
    /// Its actions per response type of the risk they treat (`none` for no response yet).
    pub per_response: BTreeMap<String, usize>,
}

/// Whether a plan's review is current, due soon, or overdue on a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReviewState {
    /// More than [`DUE_SOON_DAYS`] away.
    Current,
    /// Within [`DUE_SOON_DAYS`].
    Due,
    /// Past its day.
    Overdue,
}

/// How a review due on `next` stands on `today`.
pub fn review_state(next: Option<NaiveDate>, today: NaiveDate) -> ReviewState {
    match next {
        Some(d) if today > d => ReviewState::Overdue,
        Some(d) if (d - today).num_days() <= DUE_SOON_DAYS => ReviewState::Due,
        _ => ReviewState::Current,
    }
}

/// The scope a `risk_plans` key names: `account` or a contract's id; none for anything else.
pub fn scope_of_key(key: &str) -> Option<Scope> {
    if key == "account" {
        return Some(Scope::Account);
    }
    key.parse().ok().map(Scope::Contract)
}

/// Every plan of `file`, the account's first, then contracts' by start.
pub fn plans(file: &AccountFile, matrix: &RagMatrix) -> Vec<PlanState> {
    let tree = RiskTree::of(file);
    let mut out: Vec<PlanState> = file
        .risk_plans
        .iter()
        .filter_map(|(key, p)| {
            let scope = scope_of_key(key)?;
            let linked: Vec<(Uuid, Option<Uuid>)> = p
                .actions
                .iter()
                .filter(|(a, _)| file.actions.contains_key(a))
                .map(|(a, r)| (*a, r.parse().ok()))
                .collect();
            let mut risks: Vec<PlanRisk> = threats(file, &tree, matrix, scope)
                .into_iter()
                .map(|(risk, colour)| {
                    let r = &file.risks[&risk];
                    let actions: Vec<Uuid> = linked
                        .iter()
                        .filter(|(_, on)| *on == Some(risk))
                        .map(|(a, _)| *a)
                        .collect();
                    PlanRisk {
                        risk,
                        title: r.title.clone(),
                        colour,
                        response: r.response,
                        open_actions: actions
                            .iter()
                            .filter(|a| file.actions[a].status == ActionStatus::Open)
                            .count(),
                        actions,
                    }
                })
                .collect();
            risks.sort_by(|a, b| b.colour.cmp(&a.colour).then(a.title.cmp(&b.title)));
            let gaps = risks
                .iter()
                .filter(|r| r.colour >= Rag::Amber && r.actions.is_empty())
                .map(|r| r.risk)
                .collect();
            let mut per_response: BTreeMap<String, usize> = BTreeMap::new();
            for (_, on) in &linked {
                let response = on
                    .and_then(|r| file.risks.get(&r))
                    .and_then(|r| r.response)
                    .map_or("none", |r| r.as_str());
                *per_response.entry(response.to_string()).or_default() += 1;
            }
            let last_review = p.reviews.values().filter_map(|r| r.date).max();
            let next_review = last_review
                .or(p.started)
                .and_then(|d| d.checked_add_days(Days::new(u64::from(p.review_days.max(1)))));
            Some(PlanState {
                scope,
                owner: p.owner.clone(),
                review_days: p.review_days,
                started: p.started,
                last_review,
                reviews: p.reviews.len(),
                next_review,
                risks,
                gaps,
                per_response,
            })
        })
        .collect();
    out.sort_by_key(|p| match p.scope {
        Scope::Contract(c) => (1, file.contracts.get(&c).and_then(|c| c.start), Some(c)),
        _ => (0, None, None),
    });
    out
}

/// The open threats of `scope` with their colours.
fn threats(
    file: &AccountFile,
    tree: &RiskTree,
    matrix: &RagMatrix,
    scope: Scope,
) -> Vec<(Uuid, Rag)> {
    file.risks
        .iter()
        .filter(|(id, r)| {
            r.polarity == Polarity::Threat
                && counts_as_open(r, file.disputes.risk(id))
                && tree.scope_of(file, id) == scope
        })
        .map(|(id, r)| (*id, worst_rag(matrix, r, file.disputes.risk(id))))
        .collect()
}

/// The account (when it has open amber or red threats of its own) and each contract not ended
/// (when it has any open threat) that has no plan: the seed's "the Account Manager will need to
/// create and maintain a Risk Management Plan", and "each contract will have its own".
pub fn without_plan(file: &AccountFile, matrix: &RagMatrix) -> Vec<Scope> {
    let tree = RiskTree::of(file);
    let mut out = Vec::new();
    if !file.risk_plans.contains_key("account")
        && threats(file, &tree, matrix, Scope::Account)
            .iter()
            .any(|(_, c)| *c >= Rag::Amber)
    {
        out.push(Scope::Account);
    }
    for (id, c) in &file.contracts {
        if c.ended.is_none()
            && !file.risk_plans.contains_key(&id.to_string())
            && !threats(file, &tree, matrix, Scope::Contract(*id)).is_empty()
        {
            out.push(Scope::Contract(*id));
        }
    }
    out
}

/// What the dashboard needs about one plan, whatever the day.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PlanFacts {
    /// The contract's title, or empty for the account's plan.
    pub contract: String,
    /// The day its next review is due.
    pub next_review: Option<NaiveDate>,
    /// Amber and red threats it has no action for.
    pub gaps: usize,
}

/// The facts the portfolio keeps about `file`'s plans, and the titles of the scopes without
/// one (empty for the account).
pub fn facts(file: &AccountFile, matrix: &RagMatrix) -> (Vec<PlanFacts>, Vec<String>) {
    let title = |scope: Scope| match scope {
        Scope::Contract(c) => file
            .contracts
            .get(&c)
            .map(|c| c.title.clone())
            .unwrap_or_default(),
        _ => String::new(),
    };
    // An ended contract's plan asks nothing more of anyone.
    let plans = plans(file, matrix)
        .into_iter()
        .filter(|p| match p.scope {
            Scope::Contract(c) => file.contracts.get(&c).is_some_and(|c| c.ended.is_none()),
            _ => true,
        })
        .map(|p| PlanFacts {
            contract: title(p.scope),
            next_review: p.next_review,
            gaps: p.gaps.len(),
        })
        .collect();
    let missing = without_plan(file, matrix).into_iter().map(title).collect();
    (plans, missing)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::enums::RiskStatus;
    use crate::model::{Action, Contract, PlanReview, Risk, RiskPlan};

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    fn risk(title: &str, l: u8, s: u8, contract: Option<Uuid>) -> Risk {
        Risk {
            title: title.into(),
            opportunity: None,
            contract,
            parent: None,
            category: String::new(),
            polarity: Polarity::Threat,
            likelihood: l,
            severity: s,
            response: Some(RiskResponse::Reduce),
            residual_likelihood: None,
            residual_severity: None,
            mitigation: String::new(),
            owner: "Alice".into(),
            status: RiskStatus::Open,
            raised: None,
        }
    }

    #[test]
    fn a_plan_shows_its_gaps_its_actions_by_response_and_its_next_review() {
        let matrix = RagMatrix::default();
        let mut file = AccountFile::default();
        let (red, green, theirs) = (Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4());
        let contract = Uuid::new_v4();
        file.contracts.insert(contract, Contract::default());
        file.risks.insert(red, risk("Supplier failure", 5, 5, None));
        file.risks.insert(green, risk("Late invoice", 1, 1, None));
        file.risks
            .insert(theirs, risk("Penalty clause", 4, 4, Some(contract)));
        assert_eq!(
            without_plan(&file, &matrix),
            vec![Scope::Account, Scope::Contract(contract)]
        );
        let action = Uuid::new_v4();
        file.actions.insert(
            action,
            Action {
                title: "Second supplier".into(),
                owner: "Alice".into(),
                due: None,
                status: ActionStatus::Open,
                done_at: None,
                origin: None,
            },
        );
        file.risk_plans.insert(
            "account".into(),
            RiskPlan {
                owner: "Alice".into(),
                review_days: 90,
                started: Some(day(1, 1)),
                actions: [(action, green.to_string())].into(),
                reviews: [(
                    Uuid::new_v4(),
                    PlanReview {
                        date: Some(day(3, 1)),
                        ..PlanReview::default()
                    },
                )]
                .into(),
            },
        );
        let p = &plans(&file, &matrix)[0];
        assert_eq!(p.risks.len(), 2, "the contract's risk is not the account's");
        assert_eq!(p.risks[0].risk, red, "red first");
        assert_eq!(
            p.gaps,
            vec![red],
            "the red threat has no action; green needs none"
        );
        assert_eq!(p.per_response["reduce"], 1);
        assert_eq!(
            p.next_review,
            Some(day(5, 30)),
            "90 days after the latest review"
        );
        assert_eq!(review_state(p.next_review, day(5, 1)), ReviewState::Current);
        assert_eq!(review_state(p.next_review, day(5, 20)), ReviewState::Due);
        assert_eq!(
            review_state(p.next_review, day(5, 31)),
            ReviewState::Overdue
        );
        assert_eq!(
            without_plan(&file, &matrix),
            vec![Scope::Contract(contract)]
        );
    }
}

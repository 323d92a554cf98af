//! Risk Management Plans of the account and of each contract (RK-5): start one, add an owned
//! action against one of its risks, review how effective it has been.

use automerge::Automerge;
use casebook_i18n::Message;
use chrono::NaiveDate;
use uuid::Uuid;

use super::prr::scope_words;
use super::{EditContext, Edited, check_text, current, json, path, put_json, transact};
use crate::Error;
use crate::model::{AccountFile, Action, PlanReview, RiskPlan};
use crate::rules::risk_tree::{RiskTree, Scope};

/// How often a plan is reviewed unless its owner says otherwise (a quarter).
pub const DEFAULT_PLAN_REVIEW_DAYS: u32 = 90;

/// The key of the plan of `scope` in `risk_plans`: `account` or the contract's id.
///
/// # Errors
/// [`Error::Rule`] for an opportunity: plans are kept for the account and for contracts.
pub fn plan_key(scope: Scope) -> Result<String, Error> {
    match scope {
        Scope::Account => Ok("account".to_string()),
        Scope::Contract(c) => Ok(c.to_string()),
        Scope::Opportunity(_) => Err(Error::Rule(Message::new("rmp-rule-scope"))),
    }
}

/// Refuse a plan's change for a contract that has ended.
fn live(file: &AccountFile, scope: Scope) -> Result<(), Error> {
    if let Scope::Contract(c) = scope
        && let Some(ct) = file.contracts.get(&c)
        && let Some(ended) = ct.ended
    {
        return Err(Error::Rule(
            Message::new("ct-rule-ended")
                .with("title", &ct.title)
                .with("date", ended.to_string()),
        ));
    }
    Ok(())
}

fn plan(file: &AccountFile, scope: Scope) -> Result<&RiskPlan, Error> {
    file.risk_plans.get(&plan_key(scope)?).ok_or_else(|| {
        Error::Rule(
            Message::new("rmp-rule-no-plan")
                .with("what", scope_words(file, scope).unwrap_or_default()),
        )
    })
}

/// Start the Risk Management Plan of `scope` (the account or a contract), kept by `owner` and
/// reviewed every `review_days` days from `today`.
///
/// # Errors
/// [`Error::Rule`] for no owner, a review period of 0 or over a year, or a plan started already;
/// an unknown contract.
pub fn start_risk_plan(
    doc: &mut Automerge,
    ctx: &EditContext,
    scope: Scope,
    owner: &str,
    review_days: u32,
    today: NaiveDate,
) -> Result<Edited, Error> {
    let key = plan_key(scope)?;
    let owner = owner.trim();
    if owner.is_empty() {
        return Err(Error::Rule(Message::new("rmp-rule-needs-owner")));
    }
    check_text("owner", owner)?;
    if review_days == 0 || review_days > super::MAX_REPORT_DAYS {
        return Err(Error::Rule(
            Message::new("rmp-rule-every").with("max", super::MAX_REPORT_DAYS.to_string()),
        ));
    }
    let file = current(doc)?;
    let what = scope_words(&file, scope)?;
    live(&file, scope)?;
    if file.risk_plans.contains_key(&key) {
        return Err(Error::Rule(
            Message::new("rmp-rule-started").with("what", what),
        ));
    }
    let p = RiskPlan {
        owner: owner.to_string(),
        review_days,
        started: Some(today),
        ..RiskPlan::default()
    };
    let message = format!(
        "Risk management plan for {what}: owner {owner}, reviewed every {review_days} days"
    );
    let value = json(&p)?;
    transact(doc, ctx, message, None, move |tx| {
        let obj = path(tx, &["risk_plans"])?;
        put_json(tx, &obj, &key, &value)
    })
}

/// Add `action` (an owned action of the account) to the plan of `scope`, against `risk`, one of
/// the scope's risks.
///
/// # Errors
/// [`Error::Rule`] for no plan, a risk of another scope, or an action without a title or owner;
/// an unknown risk.
pub fn add_risk_plan_action(
    doc: &mut Automerge,
    ctx: &EditContext,
    scope: Scope,
    risk: Uuid,
    action: &Action,
) -> Result<Edited, Error> {
    let file = current(doc)?;
    plan(&file, scope)?;
    live(&file, scope)?;
    let r = file
        .risks
        .get(&risk)
        .ok_or_else(|| Error::no_such_entry("risk", risk.to_string()))?;
    let what = scope_words(&file, scope)?;
    if RiskTree::of(&file).scope_of(&file, &risk) != scope {
        return Err(Error::Rule(
            Message::new("rmp-rule-risk-scope")
                .with("risk", &r.title)
                .with("what", what),
        ));
    }
    let head = format!("Risk management plan for {what}: action on '{}': ", r.title);
    let key = plan_key(scope)?;
    super::add_owned_action_linked(
        doc,
        ctx,
        action,
        &head,
        &["risk_plans", &key, "actions"],
        risk.to_string().into(),
    )
}

/// Record a review of the effectiveness of the plan of `scope` on `today`.
///
/// # Errors
/// [`Error::Rule`] for no plan or no notes.
pub fn review_risk_plan(
    doc: &mut Automerge,
    ctx: &EditContext,
    scope: Scope,
    effectiveness: &str,
    today: NaiveDate,
) -> Result<Edited, Error> {
    let effectiveness = effectiveness.trim();
    if effectiveness.is_empty() {
        return Err(Error::Rule(Message::new("rmp-rule-needs-notes")));
    }
    check_text("effectiveness", effectiveness)?;
    let file = current(doc)?;
    plan(&file, scope)?;
    let what = scope_words(&file, scope)?;
    let key = plan_key(scope)?;
    let review = json(&PlanReview {
        date: Some(today),
        by: ctx.adviser.clone(),
        effectiveness: effectiveness.to_string(),
    })?;
    let id = Uuid::new_v4();
    let message = format!("Risk management plan for {what} reviewed on {today}");
    transact(doc, ctx, message, Some(id), move |tx| {
        let obj = path(tx, &["risk_plans", &key, "reviews"])?;
        put_json(tx, &obj, &id.to_string(), &review)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::enums::ActionStatus;
    use crate::test_support::{client_with_risk, ctx};

    #[test]
    fn a_plan_is_started_once_and_takes_actions_on_its_own_risks() {
        let (mut doc, _) = client_with_risk(4, 4);
        let c = ctx("Alice", 12);
        let today = NaiveDate::from_ymd_opt(2026, 5, 12).unwrap();
        assert!(start_risk_plan(&mut doc, &c, Scope::Account, " ", 90, today).is_err());
        assert!(review_risk_plan(&mut doc, &c, Scope::Account, "Fine", today).is_err());
        start_risk_plan(&mut doc, &c, Scope::Account, "Alice", 90, today).unwrap();
        assert!(start_risk_plan(&mut doc, &c, Scope::Account, "Bob", 90, today).is_err());
        let file = current(&doc).unwrap();
        let risk = *file.risks.keys().next().unwrap();
        let action = Action {
            title: "Second supplier".into(),
            owner: "Alice".into(),
            due: Some(today),
            status: ActionStatus::Open,
            done_at: None,
            origin: None,
        };
        let a = add_risk_plan_action(&mut doc, &c, Scope::Account, risk, &action)
            .unwrap()
            .entry
            .unwrap();
        let contract = crate::edit::add_contract(
            &mut doc,
            &c,
            &crate::config::OrgConfig::default(),
            &[],
            &crate::model::Contract {
                title: "Supply".into(),
                manager: "Bob".into(),
                ..Default::default()
            },
        )
        .unwrap()
        .entry
        .unwrap();
        start_risk_plan(&mut doc, &c, Scope::Contract(contract), "Bob", 30, today).unwrap();
        let refused = add_risk_plan_action(&mut doc, &c, Scope::Contract(contract), risk, &action)
            .unwrap_err();
        assert!(
            matches!(&refused, Error::Rule(m) if m.key == "rmp-rule-risk-scope"),
            "the account's risk is not the contract's: {refused:?}"
        );
        crate::edit::end_contract(&mut doc, &c, contract, today).unwrap();
        let refused = review_risk_plan(&mut doc, &c, Scope::Contract(contract), "x", today);
        assert!(
            refused.is_ok(),
            "a review of an ended contract's plan is still history"
        );
        let refused = start_risk_plan(&mut doc, &c, Scope::Contract(contract), "Bob", 30, today);
        assert!(refused.is_err(), "started already, and ended");
        review_risk_plan(&mut doc, &c, Scope::Account, "Supplier found", today).unwrap();
        let file = current(&doc).unwrap();
        let p = &file.risk_plans["account"];
        assert_eq!(p.actions[&a], risk.to_string());
        assert_eq!(p.reviews.len(), 1);
        assert_eq!(file.actions[&a].title, "Second supplier");
    }
}

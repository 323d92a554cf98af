//! Sales, proposition and marketing action plans (OP-3): make one, add its items, review it.

use automerge::Automerge;
use automerge::transaction::Transactable;
use casebook_i18n::Message;
use chrono::NaiveDate;
use uuid::Uuid;

use super::{EditContext, Edited, add_entry, check_text, current, path, transact};
use crate::Error;
use crate::enums::PlanKind;
use crate::model::{AccountFile, Action, ActionPlan};

fn plan(file: &AccountFile, id: Uuid) -> Result<&ActionPlan, Error> {
    file.action_plans
        .get(&id)
        .ok_or_else(|| Error::no_such_entry("action plan", id.to_string()))
}

/// Make an action plan of `kind`, reviewed `today`.
///
/// # Errors
/// [`Error::Rule`] for no title.
pub fn add_action_plan(
    doc: &mut Automerge,
    ctx: &EditContext,
    kind: PlanKind,
    title: &str,
    objective: &str,
    today: NaiveDate,
) -> Result<Edited, Error> {
    let title = title.trim();
    if title.is_empty() {
        return Err(Error::Rule(Message::new("ap-rule-needs-title")));
    }
    check_text("title", title)?;
    check_text("objective", objective.trim())?;
    let file = current(doc)?;
    let message = format!("Action plan ({kind}) for {}: {title}", file.profile.name);
    let p = ActionPlan {
        kind: Some(kind),
        title: title.to_string(),
        objective: objective.trim().to_string(),
        reviewed: Some(today),
        items: Default::default(),
    };
    add_entry(doc, ctx, &["action_plans"], &p, message)
}

/// Add `action` to plan `id`: an owned action of the account, linked from the plan.
///
/// # Errors
/// [`Error::Rule`] for an action without a title or owner.
pub fn add_plan_item(
    doc: &mut Automerge,
    ctx: &EditContext,
    id: Uuid,
    action: &Action,
) -> Result<Edited, Error> {
    let file = current(doc)?;
    let head = format!("Action plan '{}': item ", plan(&file, id)?.title);
    super::add_owned_action(
        doc,
        ctx,
        action,
        &head,
        &["action_plans", &id.to_string(), "items"],
    )
}

/// Record that plan `id` was reviewed `today`: it is current again (each review is a version
/// in the history).
///
/// # Errors
/// [`Error::Rule`] for a plan reviewed today already.
pub fn review_action_plan(
    doc: &mut Automerge,
    ctx: &EditContext,
    id: Uuid,
    today: NaiveDate,
) -> Result<Edited, Error> {
    let file = current(doc)?;
    let p = plan(&file, id)?;
    if p.reviewed == Some(today) {
        return Err(Error::Rule(
            Message::new("ap-rule-reviewed-today").with("title", &p.title),
        ));
    }
    let message = format!("Action plan '{}' reviewed on {today}", p.title);
    let day = today.to_string();
    transact(doc, ctx, message, None, move |tx| {
        let obj = path(tx, &["action_plans", &id.to_string()])?;
        tx.put(&obj, "reviewed", day.as_str())?;
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::enums::ActionStatus;
    use crate::test_support::{client_with_risk, ctx};

    #[test]
    fn a_plan_takes_owned_items_and_is_reviewed_once_a_day() {
        let (mut doc, _) = client_with_risk(2, 2);
        let c = ctx("Alice", 12);
        let today = NaiveDate::from_ymd_opt(2026, 5, 12).unwrap();
        assert!(add_action_plan(&mut doc, &c, PlanKind::Sales, " ", "", today).is_err());
        let id = add_action_plan(
            &mut doc,
            &c,
            PlanKind::Sales,
            "Export range",
            "Win the range",
            today,
        )
        .unwrap()
        .entry
        .unwrap();
        let item = Action {
            title: "Send the proposal".into(),
            owner: "Alice".into(),
            due: Some(today),
            status: ActionStatus::Open,
            done_at: None,
            origin: None,
        };
        let a = add_plan_item(&mut doc, &c, id, &item)
            .unwrap()
            .entry
            .unwrap();
        assert!(review_action_plan(&mut doc, &c, id, today).is_err());
        review_action_plan(&mut doc, &c, id, today.succ_opt().unwrap()).unwrap();
        let file = current(&doc).unwrap();
        assert!(file.action_plans[&id].items.contains_key(&a));
        assert_eq!(file.actions[&a].title, "Send the proposal");
    }
}

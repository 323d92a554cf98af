//! Account performance reviews (RV-1..RV-8): schedule one, record who attended, its minutes,
//! answers, action points and decisions, tick off the updates after it, and close it.

use std::collections::BTreeMap;

use automerge::Automerge;
use automerge::transaction::Transactable;
use casebook_i18n::Message;
use chrono::NaiveDate;
use uuid::Uuid;

use super::{EditContext, Edited, check_text, current, json, path, put_json, transact};
use crate::Error;
use crate::enums::{ReviewDecision, ReviewKind};
use crate::model::{AccountFile, Action, Review, ReviewDecisionRecord, ReviewItem};
use crate::rules::review::{CHECKLIST, close_problems};

fn review(file: &AccountFile, id: Uuid) -> Result<&Review, Error> {
    file.reviews
        .get(&id)
        .ok_or_else(|| Error::no_such_entry("review", id.to_string()))
}

fn open(r: &Review) -> Result<(), Error> {
    match r.closed {
        Some(_) => Err(Error::Rule(Message::new("rv-problem-closed"))),
        None => Ok(()),
    }
}

/// A label for messages: "review of 2026-11-03".
fn label(r: &Review) -> String {
    r.date.map(|d| d.to_string()).unwrap_or_default()
}

/// What a new review is.
#[derive(Clone, Debug)]
pub struct NewReview {
    /// Internal, or with the client.
    pub kind: ReviewKind,
    /// The day it is held.
    pub date: NaiveDate,
    /// The account manager (default: the client's lead).
    pub account_manager: String,
    /// Their line manager.
    pub line_manager: String,
}

/// Schedule a review with `agenda` and `questions` (the organisation's in use, by id).
///
/// # Errors
/// [`Error::Rule`] for no account manager (and no lead), or an internal review without a line
/// manager.
pub fn schedule_review(
    doc: &mut Automerge,
    ctx: &EditContext,
    new: &NewReview,
    agenda: &BTreeMap<Uuid, ReviewItem>,
    questions: &BTreeMap<Uuid, ReviewItem>,
) -> Result<Edited, Error> {
    let file = current(doc)?;
    let account_manager = match new.account_manager.trim() {
        "" => file.team.lead.trim().to_string(),
        name => name.to_string(),
    };
    if account_manager.is_empty() {
        return Err(Error::Rule(Message::new("rv-problem-no-account-manager")));
    }
    let line_manager = new.line_manager.trim().to_string();
    if new.kind == ReviewKind::Internal && line_manager.is_empty() {
        return Err(Error::Rule(Message::new("rv-problem-no-line-manager")));
    }
    check_text("lead", &account_manager)?;
    check_text("lead", &line_manager)?;
    let r = Review {
        kind: Some(new.kind),
        date: Some(new.date),
        account_manager,
        line_manager,
        agenda: agenda.clone(),
        questions: questions.clone(),
        scheduled_by: ctx.adviser.clone(),
        ..Review::default()
    };
    // The kind in the words history shows it in (`history::words` reads them back).
    let kind = match new.kind {
        ReviewKind::Internal => "internal",
        ReviewKind::Client => "with the client",
    };
    let message = format!(
        "Review ({kind}) of {} scheduled for {}",
        file.profile.name, new.date
    );
    let id = Uuid::new_v4();
    let value = json(&r)?;
    transact(doc, ctx, message, Some(id), move |tx| {
        // The maps advisers add to apart are written with the review, empty.
        let section = path(tx, &["reviews"])?;
        put_json(tx, &section, &id.to_string(), &value)
    })
}

/// Record that `names` attended review `id`.
///
/// # Errors
/// [`Error::Rule`] for a closed review or no name.
pub fn record_attendees(
    doc: &mut Automerge,
    ctx: &EditContext,
    id: Uuid,
    names: &[String],
) -> Result<Edited, Error> {
    let file = current(doc)?;
    let r = review(&file, id)?;
    open(r)?;
    let names: Vec<String> = names
        .iter()
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
        .collect();
    if names.is_empty() {
        return Err(Error::Rule(Message::new("rv-rule-no-attendee")));
    }
    for n in &names {
        check_text("name", n)?;
    }
    let message = format!("Review of {}: attended by {}", label(r), names.join(", "));
    transact(doc, ctx, message, None, move |tx| {
        let obj = path(tx, &["reviews", &id.to_string(), "attendees"])?;
        for n in &names {
            tx.put(&obj, n.as_str(), true)?;
        }
        Ok(())
    })
}

/// An agenda item or question of review `r` named by its code.
fn item<'a>(
    items: &'a BTreeMap<Uuid, ReviewItem>,
    code: &str,
) -> Result<(Uuid, &'a ReviewItem), Error> {
    items
        .iter()
        .find(|(_, i)| i.code.eq_ignore_ascii_case(code.trim()))
        .map(|(id, i)| (*id, i))
        .ok_or_else(|| {
            Error::Rule(
                Message::new("rv-rule-no-such-item")
                    .with("code", code.trim())
                    .with(
                        "codes",
                        items
                            .values()
                            .map(|i| i.code.as_str())
                            .collect::<Vec<_>>()
                            .join(", "),
                    ),
            )
        })
}

/// Write the minutes of agenda item `code` (or, `question`, the answer to question `code`) of
/// review `id`.
///
/// # Errors
/// [`Error::Rule`] for a closed review, an unknown code or empty text.
pub fn record_minutes(
    doc: &mut Automerge,
    ctx: &EditContext,
    id: Uuid,
    code: &str,
    text: &str,
    question: bool,
) -> Result<Edited, Error> {
    let file = current(doc)?;
    let r = review(&file, id)?;
    open(r)?;
    let text = text.trim().to_string();
    if text.is_empty() {
        return Err(Error::Rule(Message::new("rv-rule-empty-minutes")));
    }
    check_text("notes", &text)?;
    let (items, section, what) = match question {
        false => (&r.agenda, "minutes", "minutes of"),
        true => (&r.questions, "answers", "answer to"),
    };
    let (item_id, it) = item(items, code)?;
    let message = format!("Review of {}: {what} {}", label(r), it.code);
    transact(doc, ctx, message, None, move |tx| {
        let obj = path(tx, &["reviews", &id.to_string(), section])?;
        tx.put(&obj, item_id.to_string(), text.as_str())?;
        Ok(())
    })
}

/// Agree `action` at review `id`: an owned action of the account, linked from the review.
///
/// # Errors
/// [`Error::Rule`] for an action without a title or owner.
pub fn add_review_action(
    doc: &mut Automerge,
    ctx: &EditContext,
    id: Uuid,
    action: &Action,
) -> Result<Edited, Error> {
    let file = current(doc)?;
    let head = format!("Review of {}: action ", label(review(&file, id)?));
    super::add_owned_action(
        doc,
        ctx,
        action,
        &head,
        &["reviews", &id.to_string(), "actions"],
    )
}

/// Record a decision of review `id` (RV-8): a new lead, deputy or sponsor changes the team in
/// the same change; a priority is recorded as decided.
///
/// # Errors
/// [`Error::Rule`] for an empty value.
pub fn decide(
    doc: &mut Automerge,
    ctx: &EditContext,
    id: Uuid,
    what: ReviewDecision,
    value: &str,
    note: &str,
) -> Result<Edited, Error> {
    let file = current(doc)?;
    let r = review(&file, id)?;
    let value = value.trim().to_string();
    if value.is_empty() {
        return Err(Error::Rule(Message::new("rv-rule-empty-decision")));
    }
    check_text("lead", &value)?;
    check_text("note", note.trim())?;
    let message = format!("Review of {}: decided {what} {value}", label(r));
    let record = json(&ReviewDecisionRecord {
        what: Some(what),
        value: value.clone(),
        note: note.trim().to_string(),
        by: ctx.adviser.clone(),
    })?;
    let entry = Uuid::new_v4();
    transact(doc, ctx, message, Some(entry), move |tx| {
        let decisions = path(tx, &["reviews", &id.to_string(), "decisions"])?;
        put_json(tx, &decisions, &entry.to_string(), &record)?;
        let field = match what {
            ReviewDecision::Lead => Some("lead"),
            ReviewDecision::Deputy => Some("deputy"),
            ReviewDecision::Sponsor => Some("sponsor"),
            ReviewDecision::Priority => None,
        };
        if let Some(field) = field {
            let team = path(tx, &["team"])?;
            tx.put(&team, field, value.as_str())?;
        }
        Ok(())
    })
}

/// Tick off the post-review update `update` of review `id` (RV-6) on `today`.
///
/// # Errors
/// [`Error::Rule`] for an update not on the checklist, or ticked off already.
pub fn tick_update(
    doc: &mut Automerge,
    ctx: &EditContext,
    id: Uuid,
    update: &str,
    today: NaiveDate,
) -> Result<Edited, Error> {
    let file = current(doc)?;
    let r = review(&file, id)?;
    let update = update.trim().to_lowercase();
    if !CHECKLIST.contains(&update.as_str()) {
        return Err(Error::Rule(
            Message::new("rv-rule-bad-update")
                .with("update", update.as_str())
                .with("accepted", CHECKLIST.join(", ")),
        ));
    }
    if r.checklist.contains_key(&update) {
        return Err(Error::Rule(
            Message::new("rv-rule-updated-already").with("update", update.as_str()),
        ));
    }
    let message = format!("Review of {}: updated {update}", label(r));
    super::put_stamp(
        doc,
        ctx,
        message,
        &["reviews", &id.to_string(), "checklist"],
        &update,
        today,
    )
}

/// Close review `id` on `today`.
///
/// # Errors
/// [`Error::Rule`] listing every reason it cannot be closed (closed already, the account
/// manager or, for an internal review, the line manager absent, no minutes).
pub fn close_review(
    doc: &mut Automerge,
    ctx: &EditContext,
    id: Uuid,
    today: NaiveDate,
) -> Result<Edited, Error> {
    let file = current(doc)?;
    let r = review(&file, id)?;
    let problems = close_problems(r);
    if !problems.is_empty() {
        return Err(Error::Rule(
            Message::new("rv-cannot-close")
                .with("date", label(r))
                .with("problems", crate::history::words::lines(problems)),
        ));
    }
    let message = format!(
        "Review of {} closed with {} actions",
        label(r),
        r.actions.len()
    );
    super::put_stamp(
        doc,
        ctx,
        message,
        &["reviews", &id.to_string()],
        "closed",
        today,
    )
}

/// Set how many days may pass between internal reviews of the account (RV-1).
///
/// # Errors
/// [`Error::Rule`] for 0 or more than two years.
pub fn set_review_days(doc: &mut Automerge, ctx: &EditContext, days: u32) -> Result<Edited, Error> {
    if !(1..=730).contains(&days) {
        return Err(Error::Rule(
            Message::new("rv-rule-review-days").with("days", u64::from(days)),
        ));
    }
    let file = current(doc)?;
    let message = format!("Reviews of {} every {days} days", file.profile.name);
    transact(doc, ctx, message, None, move |tx| {
        let team = path(tx, &["team"])?;
        tx.put(
            &team,
            "review_days",
            automerge::ScalarValue::Uint(u64::from(days)),
        )?;
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::enums::ActionStatus;
    use crate::review_templates::{Template, shipped};
    use crate::test_support::{client_with_risk, ctx};

    fn copies(t: Template) -> BTreeMap<Uuid, ReviewItem> {
        shipped(t)
            .into_iter()
            .map(|i| {
                (
                    i.id,
                    ReviewItem {
                        code: i.code,
                        group: i.group,
                        text: i.text,
                        text_cy: i.text_cy,
                    },
                )
            })
            .collect()
    }

    #[test]
    fn a_review_is_closed_only_with_its_required_attendees_and_minutes_and_its_decisions_apply() {
        let (mut doc, _) = client_with_risk(2, 2);
        let c = ctx("Alice", 12);
        let day = NaiveDate::from_ymd_opt(2026, 5, 12).unwrap();
        let new = NewReview {
            kind: ReviewKind::Internal,
            date: day,
            account_manager: "Alice".into(),
            line_manager: String::new(),
        };
        let agenda = copies(Template::Agenda);
        let questions = copies(Template::Question);
        assert!(
            schedule_review(&mut doc, &c, &new, &agenda, &questions).is_err(),
            "no line manager"
        );
        let id = schedule_review(
            &mut doc,
            &c,
            &NewReview {
                line_manager: "Bethan".into(),
                ..new
            },
            &agenda,
            &questions,
        )
        .unwrap()
        .entry
        .unwrap();
        record_attendees(&mut doc, &c, id, &["Alice".into()]).unwrap();
        record_minutes(&mut doc, &c, id, "r7", "Scorecard at 93%", false).unwrap();
        record_minutes(&mut doc, &c, id, "SAL1", "Two qualified", true).unwrap();
        assert!(record_minutes(&mut doc, &c, id, "R99", "x", false).is_err());
        let refused = close_review(&mut doc, &c, id, day).unwrap_err();
        assert!(refused.to_string().contains("Bethan"), "{refused}");
        record_attendees(&mut doc, &c, id, &["Bethan".into()]).unwrap();
        let action = Action {
            title: "Book the appraisal".into(),
            owner: "Bethan".into(),
            due: None,
            status: ActionStatus::Open,
            done_at: None,
            origin: None,
        };
        add_review_action(&mut doc, &c, id, &action).unwrap();
        decide(
            &mut doc,
            &c,
            id,
            ReviewDecision::Lead,
            "Chris Patel",
            "Alice moves to the north",
        )
        .unwrap();
        tick_update(&mut doc, &c, id, "swot", day).unwrap();
        assert!(tick_update(&mut doc, &c, id, "swot", day).is_err());
        assert!(tick_update(&mut doc, &c, id, "weather", day).is_err());
        close_review(&mut doc, &c, id, day).unwrap();
        let file = current(&doc).unwrap();
        assert_eq!(file.team.lead, "Chris Patel");
        let r = &file.reviews[&id];
        assert_eq!(r.actions.len(), 1);
        assert_eq!(r.attendees.len(), 2);
        assert!(
            record_attendees(&mut doc, &c, id, &["Dai".into()]).is_err(),
            "closed"
        );
        assert!(set_review_days(&mut doc, &c, 0).is_err());
        set_review_days(&mut doc, &c, 60).unwrap();
        assert_eq!(current(&doc).unwrap().team.review_days, Some(60));
    }
}

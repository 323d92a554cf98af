//! Opportunities and COSMONAUTS qualification sessions.

use automerge::transaction::Transactable;
use automerge::{Automerge, ObjType, ReadDoc, Value};
use casebook_i18n::Message;
use uuid::Uuid;

use super::*;
use crate::Error;
use crate::config::OrgConfig;
use crate::enums::*;
use crate::model::*;

/// Add an opportunity (OP-1).
///
/// # Errors
/// [`Error::Rule`] if the title is empty.
pub fn add_opportunity(
    doc: &mut Automerge,
    ctx: &EditContext,
    opp: &Opportunity,
) -> Result<Edited, Error> {
    if opp.title.trim().is_empty() {
        return Err(Error::Rule(Message::new("rule-opportunity-needs-title")));
    }
    let file = current(doc)?;
    let message = format!(
        "Opportunity for {}: {} ({}, £{:.0})",
        file.profile.name, opp.title, opp.origin, opp.value
    );
    add_entry(doc, ctx, &["opportunities"], opp, message)
}

/// Record a COSMONAUTS qualification session (OP-2); a "qualify out" decision also sets the
/// opportunity's status, so all further activity stops.
///
/// # Errors
/// [`Error::NoSuchEntry`] for an unknown opportunity, [`Error::OutOfRange`] for a score
/// outside 0–5, [`Error::Rule`] for a session with no answers.
pub fn add_session(
    doc: &mut Automerge,
    ctx: &EditContext,
    config: &OrgConfig,
    opp_id: Uuid,
    session: &QualificationSession,
) -> Result<Edited, Error> {
    let file = current(doc)?;
    let opp = file
        .opportunities
        .get(&opp_id)
        .ok_or_else(|| Error::no_such_entry("opportunity", opp_id.to_string()))?;
    if opp.status.is_outcome() {
        return Err(Error::Rule(
            Message::new("rule-opportunity-closed-no-qualify")
                .with("title", &opp.title)
                .with("status", opp.status.word()),
        ));
    }
    if session.answers.is_empty() {
        return Err(Error::Rule(Message::new(
            "rule-opportunity-session-needs-answer",
        )));
    }
    for a in session.answers.values() {
        if a.score > crate::rules::cosmonauts::MAX_ANSWER_SCORE {
            return Err(Error::OutOfRange {
                what: crate::error::term("COSMONAUTS score"),
                value: i64::from(a.score),
                min: 0,
                max: 5,
            });
        }
    }
    // The session keeps the weights it is judged by (see `QualificationSession::weights`).
    let session = &QualificationSession {
        weights: Some(
            CosmoGroup::ALL
                .iter()
                .map(|g| (*g, config.weight(*g)))
                .collect(),
        ),
        ..session.clone()
    };
    let score = crate::rules::cosmonauts::score_session(Uuid::nil(), session, config);
    let total = score
        .total
        .map(|t| format!("{:.0}%", t * 100.0))
        .unwrap_or_else(|| "unscored".into());
    let message = format!(
        "Qualified '{}': {total}, decision {}",
        opp.title, session.decision
    );
    let id = Uuid::new_v4();
    let value = json(session)?;
    let status = match session.decision {
        Decision::QualifyOut => Some(OpportunityStatus::QualifiedOut),
        Decision::Hold => Some(OpportunityStatus::Hold),
        Decision::Continue if opp.status != OpportunityStatus::Open => {
            Some(OpportunityStatus::Open)
        }
        Decision::Continue => None,
    };
    transact(doc, ctx, message, Some(id), move |tx| {
        let obj = path(tx, &["opportunities", &opp_id.to_string()])?;
        let sessions = match tx.get(&obj, "sessions")? {
            Some((Value::Object(ObjType::Map), s)) => s,
            _ => tx.put_object(&obj, "sessions", ObjType::Map)?,
        };
        put_json(tx, &sessions, &id.to_string(), &value)?;
        if let Some(st) = status {
            tx.put(&obj, "status", st.as_str())?;
        }
        Ok(())
    })
}

/// Record how an opportunity ended (OP-4): its status becomes won, lost or withdrawn and its
/// outcome holds the date, the value and the reason, in one change.
///
/// # Errors
/// [`Error::NoSuchEntry`] for an unknown opportunity; [`Error::Rule`] if `outcome.result` is
/// not won, lost or withdrawn, the reason is empty, the value is negative or not a number, or
/// the opportunity is won, lost or withdrawn already (an outcome is recorded once).
pub fn close_opportunity(
    doc: &mut Automerge,
    ctx: &EditContext,
    opp_id: Uuid,
    outcome: &Outcome,
) -> Result<Edited, Error> {
    if !outcome.result.is_outcome() {
        return Err(Error::Rule(
            Message::new("rule-opportunity-close-not-outcome")
                .with("status", outcome.result.word()),
        ));
    }
    if outcome.reason.trim().is_empty() {
        return Err(Error::Rule(Message::new(
            "rule-opportunity-close-needs-reason",
        )));
    }
    if !outcome.value.is_finite() || outcome.value < 0.0 {
        return Err(Error::Rule(Message::new("rule-opportunity-value-negative")));
    }
    let file = current(doc)?;
    let opp = file
        .opportunities
        .get(&opp_id)
        .ok_or_else(|| Error::no_such_entry("opportunity", opp_id.to_string()))?;
    if opp.status.is_outcome() {
        let refusal = match &opp.outcome {
            Some(o) => {
                Message::new("rule-opportunity-already-closed-on").with("date", o.date.to_string())
            }
            None => Message::new("rule-opportunity-already-closed"),
        };
        return Err(Error::Rule(
            refusal
                .with("title", &opp.title)
                .with("status", opp.status.word()),
        ));
    }
    let message = format!(
        "Opportunity '{}' {} on {} (£{:.0}): {}",
        opp.title,
        outcome.result.words(),
        outcome.date,
        outcome.value,
        outcome.reason.trim()
    );
    let value = json(outcome)?;
    let status = outcome.result;
    transact(doc, ctx, message, None, move |tx| {
        let obj = path(tx, &["opportunities", &opp_id.to_string()])?;
        put_json(tx, &obj, "outcome", &value)?;
        tx.put(&obj, "status", status.as_str())?;
        Ok(())
    })
}

/// Record the review of a lost order (OP-4): what was learnt from losing it, once.
///
/// # Errors
/// [`Error::NoSuchEntry`] for an unknown opportunity; [`Error::Rule`] if it was not lost, the
/// notes are empty, the review is dated before the loss, or it was reviewed already.
pub fn review_lost_order(
    doc: &mut Automerge,
    ctx: &EditContext,
    opp_id: Uuid,
    review: &OrderReview,
) -> Result<Edited, Error> {
    if review.notes.trim().is_empty() {
        return Err(Error::Rule(Message::new("rule-order-review-needs-notes")));
    }
    let file = current(doc)?;
    let opp = file
        .opportunities
        .get(&opp_id)
        .ok_or_else(|| Error::no_such_entry("opportunity", opp_id.to_string()))?;
    let outcome = match &opp.outcome {
        Some(o) if o.result == OpportunityStatus::Lost => o,
        _ => {
            return Err(Error::Rule(
                Message::new("rule-order-review-not-lost")
                    .with("title", &opp.title)
                    .with("status", opp.status.word()),
            ));
        }
    };
    if let Some(done) = &outcome.review {
        return Err(Error::Rule(
            Message::new("rule-order-reviewed-already")
                .with("title", &opp.title)
                .with("date", done.date.to_string()),
        ));
    }
    if review.date < outcome.date {
        return Err(Error::Rule(
            Message::new("rule-order-review-before-loss")
                .with("date", review.date.to_string())
                .with("lost", outcome.date.to_string()),
        ));
    }
    let message = format!(
        "Lost order '{}' reviewed on {}: {}",
        opp.title,
        review.date,
        review.notes.trim()
    );
    let value = json(review)?;
    transact(doc, ctx, message, None, move |tx| {
        let obj = path(tx, &["opportunities", &opp_id.to_string(), "outcome"])?;
        put_json(tx, &obj, "review", &value)?;
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::test_support::{client_with_risk, ctx};

    #[test]
    fn a_lost_order_is_reviewed_once_with_notes_after_the_loss() {
        let (mut doc, _) = client_with_risk(2, 2);
        let c = ctx("Alice", 12);
        let opp = |title: &str| Opportunity {
            reporting: None,
            title: title.into(),
            origin: Default::default(),
            value: 5000.0,
            timescale: String::new(),
            status: Default::default(),
            raised: None,
            sessions: Default::default(),
            outcome: None,
        };
        let lost = add_opportunity(&mut doc, &c, &opp("Export deal"))
            .unwrap()
            .entry
            .unwrap();
        let open = add_opportunity(&mut doc, &c, &opp("Open deal"))
            .unwrap()
            .entry
            .unwrap();
        let day = |d| NaiveDate::from_ymd_opt(2026, 5, d).unwrap();
        let outcome = Outcome {
            result: OpportunityStatus::Lost,
            date: day(12),
            value: 5000.0,
            reason: "price".into(),
            by: "Alice".into(),
            review: None,
        };
        close_opportunity(&mut doc, &c, lost, &outcome).unwrap();
        let review = |date, notes: &str| OrderReview {
            date,
            notes: notes.into(),
            by: "Alice".into(),
        };
        let refused = |doc: &mut Automerge, id, r: &OrderReview| {
            review_lost_order(doc, &c, id, r).unwrap_err().to_string()
        };
        assert!(
            refused(&mut doc, open, &review(day(13), "n"))
                .contains("only a lost order is reviewed")
        );
        assert!(refused(&mut doc, lost, &review(day(13), " ")).contains("what was learnt"));
        assert!(refused(&mut doc, lost, &review(day(11), "n")).contains("before"));
        let e = review_lost_order(&mut doc, &c, lost, &review(day(14), "cheaper rival")).unwrap();
        assert_eq!(
            e.message,
            "Lost order 'Export deal' reviewed on 2026-05-14: cheaper rival"
        );
        let file = current(&doc).unwrap();
        let done = file.opportunities[&lost]
            .outcome
            .as_ref()
            .unwrap()
            .review
            .as_ref();
        assert_eq!(done, Some(&review(day(14), "cheaper rival")));
        assert!(refused(&mut doc, lost, &review(day(15), "again")).contains("already"));
    }

    #[test]
    fn an_opportunity_closes_once_with_a_reason_and_is_not_qualified_again() {
        let (mut doc, _) = client_with_risk(2, 2);
        let c = ctx("Alice", 12);
        let opp = add_opportunity(
            &mut doc,
            &c,
            &Opportunity {
                reporting: None,
                title: "Export deal".into(),
                origin: Default::default(),
                value: 5000.0,
                timescale: String::new(),
                status: Default::default(),
                raised: None,
                sessions: Default::default(),
                outcome: None,
            },
        )
        .unwrap()
        .entry
        .unwrap();
        let mut outcome = Outcome {
            result: OpportunityStatus::Lost,
            date: NaiveDate::from_ymd_opt(2026, 5, 12).unwrap(),
            value: 5000.0,
            reason: " ".into(),
            by: "Alice".into(),
            review: None,
        };
        let err = close_opportunity(&mut doc, &c, opp, &outcome).unwrap_err();
        assert!(err.to_string().contains("needs a reason"), "{err}");
        outcome.reason = "price".into();
        let e = close_opportunity(&mut doc, &c, opp, &outcome).unwrap();
        assert_eq!(
            e.message,
            "Opportunity 'Export deal' lost on 2026-05-12 (£5000): price"
        );
        let file = current(&doc).unwrap();
        assert_eq!(file.opportunities[&opp].status, OpportunityStatus::Lost);
        assert_eq!(file.opportunities[&opp].outcome.as_ref(), Some(&outcome));
        outcome.result = OpportunityStatus::Won;
        let err = close_opportunity(&mut doc, &c, opp, &outcome).unwrap_err();
        assert!(
            err.to_string().contains("closed as lost on 2026-05-12"),
            "{err}"
        );
        let session = QualificationSession {
            at: c.now,
            participants: vec![],
            neutral_reviewer: String::new(),
            answers: [(
                Uuid::new_v4(),
                Answer {
                    group: CosmoGroup::Money,
                    question: String::new(),
                    score: 3,
                    note: String::new(),
                },
            )]
            .into(),
            decision: Decision::Continue,
            note: String::new(),
            weights: None,
        };
        let err = add_session(&mut doc, &c, &OrgConfig::default(), opp, &session).unwrap_err();
        assert!(err.to_string().contains("not qualified again"), "{err}");
    }
}

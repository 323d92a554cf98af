//! Opportunities and COSMONAUTS qualification sessions.

use automerge::transaction::Transactable;
use automerge::{Automerge, ObjType, ReadDoc, Value};
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
        return Err(Error::Rule("an opportunity needs a title".into()));
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
        .ok_or_else(|| Error::NoSuchEntry {
            what: "opportunity",
            id: opp_id.to_string(),
        })?;
    if session.answers.is_empty() {
        return Err(Error::Rule(
            "a qualification session needs at least one scored answer".into(),
        ));
    }
    for a in session.answers.values() {
        if a.score > crate::rules::cosmonauts::MAX_ANSWER_SCORE {
            return Err(Error::OutOfRange {
                what: "COSMONAUTS score",
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

//! The contact log and agreed actions.

use automerge::Automerge;
use automerge::transaction::Transactable;
use casebook_i18n::Message;
use uuid::Uuid;

use super::*;
use crate::Error;
use crate::enums::*;
use crate::model::*;

/// Log an interaction in the contact log (CL-1).
///
/// # Errors
/// [`Error::NoSuchEntry`] if it links to an unknown risk or opportunity; [`Error::Rule`] if it
/// is dated more than a day ahead (see [`dates::check_interaction_time`]).
pub fn log_interaction(
    doc: &mut Automerge,
    ctx: &EditContext,
    interaction: &Interaction,
) -> Result<Edited, Error> {
    let file = current(doc)?;
    log_interaction_to(doc, ctx, &file, interaction)
}

/// [`log_interaction`] given the document's account file as read before (an import logging
/// many interactions reads each file once, not once per row). Logging changes nothing that it
/// reads from `file` (the client's name, risks, opportunities and people), except the coverage
/// of linked people: a view read before earlier logs only marks such a person contacted again.
///
/// # Errors
/// As [`log_interaction`].
pub fn log_interaction_to(
    doc: &mut Automerge,
    ctx: &EditContext,
    file: &AccountFile,
    interaction: &Interaction,
) -> Result<Edited, Error> {
    dates::check_interaction_time(interaction.at, ctx.now)?;
    // Held in the language given, else that of the people met, else the client's (CY-2).
    let mut interaction = interaction.clone();
    interaction.language = match crate::rules::language::normalise(&interaction.language)? {
        given if given.is_empty() => crate::rules::language::default_for(file, &interaction.people),
        given => given,
    };
    let interaction = &interaction;
    if interaction.minutes > casebook_base::limits::MAX_INTERACTION_MINUTES {
        return Err(Error::OutOfRange {
            what: crate::error::term("an interaction's minutes"),
            value: i64::from(interaction.minutes),
            min: 0,
            max: i64::from(casebook_base::limits::MAX_INTERACTION_MINUTES),
        });
    }
    for r in &interaction.risks {
        if !file.risks.contains_key(r) {
            return Err(Error::no_such_entry("risk", r.to_string()));
        }
    }
    for o in &interaction.opportunities {
        if !file.opportunities.contains_key(o) {
            return Err(Error::no_such_entry("opportunity", o.to_string()));
        }
    }
    for p in &interaction.people {
        if !file.people.contains_key(p) {
            return Err(Error::no_such_entry("person", p.to_string()));
        }
    }
    let with = if interaction.their_attendees.is_empty() {
        file.profile.name.clone()
    } else {
        format!(
            "{} ({})",
            interaction.their_attendees.join(", "),
            file.profile.name
        )
    };
    // Meeting someone of the org chart covers them (CT-4): each linked person still there and
    // not yet contacted is marked contacted, with the history saying when and by whom.
    let newly_contacted: Vec<(Uuid, String)> = interaction
        .people
        .iter()
        .filter_map(|id| file.people.get(id).map(|p| (id, p)))
        .filter(|(_, p)| !p.left && p.coverage != Coverage::Contacted)
        .map(|(id, p)| (*id, p.name.clone()))
        .collect();
    let mut message = format!(
        "Logged {} {} with {with}: {}",
        interaction.direction, interaction.kind, interaction.purpose
    );
    if !newly_contacted.is_empty() {
        let names: Vec<&str> = newly_contacted.iter().map(|(_, n)| n.as_str()).collect();
        message.push_str(&format!("; now contacted: {}", names.join(", ")));
    }
    let coverage = json(&CoverageEntry {
        state: Coverage::Contacted,
        at: Some(interaction.at),
        by: ctx.adviser.clone(),
        planned_by: String::new(),
        planned_for: None,
    })?;
    let id = Uuid::new_v4();
    let value = json(interaction)?;
    transact(doc, ctx, message, Some(id), move |tx| {
        let parent = path(tx, &["interactions"])?;
        put_json(tx, &parent, &id.to_string(), &value)?;
        for (person, _) in &newly_contacted {
            write_coverage(tx, *person, Coverage::Contacted, &coverage)?;
        }
        Ok(())
    })
}

/// Add an agreed action (CL-2).
///
/// # Errors
/// [`Error::Rule`] if the title is empty; [`Error::NoSuchEntry`] for an unknown origin.
pub fn add_action(
    doc: &mut Automerge,
    ctx: &EditContext,
    action: &Action,
) -> Result<Edited, Error> {
    if action.title.trim().is_empty() {
        return Err(Error::Rule(Message::new("rule-action-needs-title")));
    }
    let file = current(doc)?;
    if let Some(o) = action.origin
        && !file.interactions.contains_key(&o)
    {
        return Err(Error::no_such_entry("interaction", o.to_string()));
    }
    let due = action.due.map(|d| format!(", due {d}")).unwrap_or_default();
    let message = format!(
        "Action for {}: {} (owner {}{due})",
        file.profile.name,
        action.title,
        or_none(&action.owner)
    );
    add_entry(doc, ctx, &["actions"], action, message)
}

/// Mark an action done.
///
/// # Errors
/// [`Error::NoSuchEntry`] for an unknown action, [`Error::Rule`] if it is already done.
pub fn complete_action(doc: &mut Automerge, ctx: &EditContext, id: Uuid) -> Result<Edited, Error> {
    let file = current(doc)?;
    let action = file
        .actions
        .get(&id)
        .ok_or_else(|| Error::no_such_entry("action", id.to_string()))?;
    if action.status == ActionStatus::Done {
        return Err(Error::Rule(
            Message::new("rule-action-already-done").with("title", &action.title),
        ));
    }
    let message = format!("Completed action: {}", action.title);
    let now = ctx.now.to_rfc3339();
    transact(doc, ctx, message, None, move |tx| {
        let obj = path(tx, &["actions", &id.to_string()])?;
        tx.put(&obj, "status", ActionStatus::Done.as_str())?;
        tx.put(&obj, "done_at", now.as_str())?;
        Ok(())
    })
}

//! Objectives, SWOT, whole-file import and id lookup.

use automerge::Automerge;
use casebook_i18n::Message;
use uuid::Uuid;

use super::*;
use crate::Error;
use crate::model::*;
use crate::view::resolve;

/// Add a client objective (PF-3).
///
/// # Errors
/// [`Error::Rule`] if the goal is empty.
pub fn add_objective(
    doc: &mut Automerge,
    ctx: &EditContext,
    objective: &Objective,
) -> Result<Edited, Error> {
    if objective.goal.trim().is_empty() {
        return Err(Error::Rule(Message::new("rule-objective-needs-goal")));
    }
    let message = format!("Objective: {}", objective.goal);
    add_entry(doc, ctx, &["objectives"], objective, message)
}

/// Add a SWOT item (PF-3).
///
/// # Errors
/// [`Error::Rule`] if the text is empty.
pub fn add_swot(doc: &mut Automerge, ctx: &EditContext, item: &SwotItem) -> Result<Edited, Error> {
    if item.text.trim().is_empty() {
        return Err(Error::Rule(Message::new("rule-swot-needs-text")));
    }
    let message = format!("SWOT {}: {}", item.kind, item.text);
    add_entry(doc, ctx, &["swot"], item, message)
}

/// Resolve an entry id prefix in the current file (helper for callers holding text ids).
///
/// # Errors
/// As [`resolve`].
pub fn resolve_in(doc: &Automerge, section: Section, text: &str) -> Result<Uuid, Error> {
    let f = current(doc)?;
    match section {
        Section::People => resolve(&f.people, text, "person"),
        Section::Interactions => resolve(&f.interactions, text, "interaction"),
        Section::Actions => resolve(&f.actions, text, "action"),
        Section::Risks => resolve(&f.risks, text, "risk"),
        Section::Opportunities => resolve(&f.opportunities, text, "opportunity"),
    }
}

/// The sections whose entries have ids.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    /// People.
    People,
    /// Interactions.
    Interactions,
    /// Actions.
    Actions,
    /// Risks.
    Risks,
    /// Opportunities.
    Opportunities,
}

/// Write a whole account file (e.g. from a JSON export) into a freshly created document, as one
/// change. Entry ids are kept.
///
/// # Errors
/// [`Error::Rule`] if the file has no name.
pub fn import_account(
    doc: &mut Automerge,
    ctx: &EditContext,
    file: &AccountFile,
) -> Result<Edited, Error> {
    if file.profile.name.trim().is_empty() {
        return Err(Error::Rule(Message::new("rule-import-needs-name")));
    }
    let value = json(file)?;
    let message = format!("Imported account file of {}", file.profile.name);
    transact(doc, ctx, message, None, move |tx| {
        for section in ["profile", "team", "journey"] {
            let obj = path(tx, &[section])?;
            for (k, v) in value[section].as_object().into_iter().flatten() {
                if section == "journey" && k == "history" {
                    let hist = child(tx, &obj, "history")?;
                    for (id, entry) in v.as_object().into_iter().flatten() {
                        put_json(tx, &hist, id, entry)?;
                    }
                } else {
                    put_json(tx, &obj, k, v)?;
                }
            }
        }
        for section in [
            "people",
            "interactions",
            "actions",
            "risks",
            "opportunities",
            "objectives",
            "swot",
        ] {
            let obj = path(tx, &[section])?;
            for (id, entry) in value[section].as_object().into_iter().flatten() {
                put_json(tx, &obj, id, entry)?;
            }
        }
        Ok(())
    })
}

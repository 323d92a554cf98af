//! People in the client's organisation and their contact coverage.

use automerge::transaction::{Transactable, Transaction};
use automerge::{Automerge, ObjType, ReadDoc, Value};
use casebook_i18n::Message;
use chrono::NaiveDate;
use uuid::Uuid;

use super::*;
use crate::Error;
use crate::enums::*;
use crate::model::*;

/// Add a person to the client's organisation (CT-2..CT-4).
///
/// # Errors
/// [`Error::Rule`] if the name is empty, [`Error::NoSuchEntry`] if `reports_to` is unknown.
pub fn add_person(
    doc: &mut Automerge,
    ctx: &EditContext,
    person: &Person,
) -> Result<Edited, Error> {
    if person.name.trim().is_empty() {
        return Err(Error::Rule(Message::new("rule-person-needs-name")));
    }
    let file = current(doc)?;
    if let Some(boss) = person.reports_to
        && !file.people.contains_key(&boss)
    {
        return Err(Error::no_such_entry("person", boss.to_string()));
    }
    let mut p = person.clone();
    p.language = crate::rules::language::normalise(&p.language)?;
    p.coverage_history.clear();
    p.coverage_history.insert(
        Uuid::new_v4(),
        CoverageEntry {
            state: p.coverage,
            at: Some(ctx.now),
            by: ctx.adviser.clone(),
            planned_by: String::new(),
            planned_for: None,
        },
    );
    let title = if p.title.is_empty() {
        String::new()
    } else {
        format!(", {}", p.title)
    };
    let message = format!("Added person {}{title} at {}", p.name, file.profile.name);
    add_entry(doc, ctx, &["people"], &p, message)
}

/// Changes to a person; `None` leaves a field as it is.
#[derive(Clone, Debug, Default)]
pub struct PersonPatch {
    /// New name.
    pub name: Option<String>,
    /// New title.
    pub title: Option<String>,
    /// New department.
    pub department: Option<String>,
    /// New email.
    pub email: Option<String>,
    /// New phone.
    pub phone: Option<String>,
    /// New preferred channel.
    pub channel: Option<InteractionKind>,
    /// New preferred language.
    pub language: Option<String>,
    /// New manager.
    pub reports_to: Option<Uuid>,
    /// Roles to add.
    pub add_roles: Vec<PersonRole>,
    /// Roles to remove.
    pub remove_roles: Vec<PersonRole>,
    /// Mark as having left the organisation.
    pub left: Option<bool>,
}

/// Edit a person, writing only the fields that change.
///
/// # Errors
/// [`Error::NoSuchEntry`] for an unknown person or manager, [`Error::Rule`] if nothing changes
/// or the person would report to themselves.
pub fn edit_person(
    doc: &mut Automerge,
    ctx: &EditContext,
    id: Uuid,
    patch: &PersonPatch,
) -> Result<Edited, Error> {
    let file = current(doc)?;
    let person = file
        .people
        .get(&id)
        .ok_or_else(|| Error::no_such_entry("person", id.to_string()))?;
    if let Some(boss) = patch.reports_to {
        if boss == id {
            return Err(Error::Rule(
                Message::new("rule-person-reports-to-self").with("name", &person.name),
            ));
        }
        if !file.people.contains_key(&boss) {
            return Err(Error::no_such_entry("person", boss.to_string()));
        }
    }
    let language = patch
        .language
        .as_deref()
        .map(crate::rules::language::normalise)
        .transpose()?;
    let fields = serde_json::json!({
        "name": patch.name, "title": patch.title, "department": patch.department,
        "email": patch.email, "phone": patch.phone, "channel": patch.channel,
        "language": language, "reports_to": patch.reports_to, "left": patch.left,
    });
    let cur = json(person)?;
    let fields = changed_fields(&fields, &cur);
    let add: Vec<PersonRole> = patch
        .add_roles
        .iter()
        .copied()
        .filter(|r| !person.roles.contains_key(r))
        .collect();
    let remove: Vec<PersonRole> = patch
        .remove_roles
        .iter()
        .copied()
        .filter(|r| person.roles.contains_key(r))
        .collect();
    let mut what: Vec<String> = fields.keys().map(|k| k.replace('_', " ")).collect();
    what.extend(add.iter().map(|r| format!("+{r}")));
    what.extend(remove.iter().map(|r| format!("-{r}")));
    if what.is_empty() {
        return Err(Error::Rule(Message::new("rule-nothing-to-change")));
    }
    let message = format!("Edited person {}: {}", person.name, what.join(", "));
    let fields = serde_json::Value::Object(fields);
    transact(doc, ctx, message, None, move |tx| {
        let obj = path(tx, &["people", &id.to_string()])?;
        put_changed(tx, &obj, &cur, &fields)?;
        if !add.is_empty() || !remove.is_empty() {
            let roles = match tx.get(&obj, "roles")? {
                Some((Value::Object(ObjType::Map), r)) => r,
                _ => tx.put_object(&obj, "roles", ObjType::Map)?,
            };
            for r in &add {
                tx.put(&roles, r.as_str(), true)?;
            }
            for r in &remove {
                tx.delete(&roles, r.as_str())?;
            }
        }
        Ok(())
    })
}

/// Change a person's coverage state on the org chart, keeping the history (CT-4).
///
/// # Errors
/// [`Error::NoSuchEntry`] for an unknown person; [`Error::Rule`] for a planned visit without
/// a visitor.
pub fn set_coverage(
    doc: &mut Automerge,
    ctx: &EditContext,
    id: Uuid,
    state: Coverage,
    planned_by: &str,
    planned_for: Option<NaiveDate>,
) -> Result<Edited, Error> {
    let file = current(doc)?;
    let person = file
        .people
        .get(&id)
        .ok_or_else(|| Error::no_such_entry("person", id.to_string()))?;
    if state == Coverage::VisitPlanned && planned_by.trim().is_empty() {
        return Err(Error::Rule(Message::new("rule-visit-needs-visitor")));
    }
    let entry = json(&CoverageEntry {
        state,
        at: Some(ctx.now),
        by: ctx.adviser.clone(),
        planned_by: planned_by.trim().to_string(),
        planned_for,
    })?;
    let message = format!("Coverage of {}: {} → {state}", person.name, person.coverage);
    transact(doc, ctx, message, None, move |tx| {
        write_coverage(tx, id, state, &entry)
    })
}

/// Set person `id`'s coverage to `state` and add `entry` (a [`CoverageEntry`] as JSON) to its
/// history, inside a transaction.
pub(super) fn write_coverage(
    tx: &mut Transaction<'_>,
    id: Uuid,
    state: Coverage,
    entry: &serde_json::Value,
) -> Result<(), Error> {
    let obj = path(tx, &["people", &id.to_string()])?;
    tx.put(&obj, "coverage", state.as_str())?;
    let hist = match tx.get(&obj, "coverage_history")? {
        Some((Value::Object(ObjType::Map), h)) => h,
        _ => tx.put_object(&obj, "coverage_history", ObjType::Map)?,
    };
    put_json(tx, &hist, &Uuid::new_v4().to_string(), entry)
}

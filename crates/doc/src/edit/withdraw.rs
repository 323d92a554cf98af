//! Withdrawing an entry made by mistake: it leaves every list and rule, and history keeps it
//! with who withdrew it and why. (Erasing personal data is another matter: withdrawal keeps
//! the entry in the file's history on every node.)

use automerge::Automerge;
use casebook_i18n::Message;
use uuid::Uuid;

use super::*;
use crate::Error;
use crate::model::*;

/// What an entry id names in `file`: its section and a description in words.
fn describe(file: &AccountFile, id: &Uuid) -> Option<(&'static str, String)> {
    if let Some(p) = file.people.get(id) {
        return Some(("people", format!("person {}", p.name)));
    }
    if let Some(i) = file.interactions.get(id) {
        return Some((
            "interactions",
            format!(
                "{} {} on {} ({})",
                i.direction,
                i.kind,
                i.at.format("%Y-%m-%d"),
                i.purpose
            ),
        ));
    }
    if let Some(a) = file.actions.get(id) {
        return Some(("actions", format!("action {}", a.title)));
    }
    if let Some(r) = file.risks.get(id) {
        return Some(("risks", format!("risk {}", r.title)));
    }
    if let Some(t) = file.tier_history.get(id) {
        let day = t.from.map(|d| d.to_string()).unwrap_or_default();
        return Some(("tier_history", format!("tier entry {} of {day}", t.name)));
    }
    if let Some(c) = file.contracts.get(id) {
        return Some(("contracts", format!("contract {}", c.title)));
    }
    if let Some(a) = file.risk_alerts.get(id) {
        let day = a.date.map(|d| d.to_string()).unwrap_or_default();
        return Some(("risk_alerts", format!("risk alert of {day}")));
    }
    file.opportunities
        .get(id)
        .map(|o| ("opportunities", format!("opportunity {}", o.title)))
}

/// Find an entry of any withdrawable section by id or unique id prefix.
///
/// # Errors
/// [`Error::NoSuchEntry`] or [`Error::AmbiguousEntry`].
pub fn resolve_entry(file: &AccountFile, text: &str) -> Result<Uuid, Error> {
    let wanted = text.trim().to_ascii_lowercase().replace('-', "");
    let ids = file
        .people
        .keys()
        .chain(file.interactions.keys())
        .chain(file.actions.keys())
        .chain(file.risks.keys())
        .chain(file.opportunities.keys())
        .chain(file.contracts.keys())
        .chain(file.risk_alerts.keys())
        .chain(file.tier_history.keys());
    let mut found =
        ids.filter(|id| !wanted.is_empty() && id.simple().to_string().starts_with(&wanted));
    match (found.next(), found.next()) {
        (Some(id), None) => Ok(*id),
        (Some(_), Some(_)) => Err(Error::ambiguous_entry("entry", text)),
        (None, _) => Err(Error::NoSuchEntry {
            what: Message::new("doc-term-any-entry"),
            id: text.to_string(),
        }),
    }
}

/// Withdraw entry `id` as entered by mistake, saying why.
///
/// # Errors
/// [`Error::Rule`] without a reason; [`Error::NoSuchEntry`] for an id that names no entry (or
/// one already withdrawn).
pub fn withdraw(
    doc: &mut Automerge,
    ctx: &EditContext,
    id: Uuid,
    reason: &str,
) -> Result<Edited, Error> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::Rule(Message::new("rule-withdraw-needs-reason")));
    }
    let file = current(doc)?;
    let Some((section, what)) = describe(&file, &id) else {
        let why = if file.withdrawn.contains_key(&id) {
            Message::new("doc-term-withdrawn-entry")
        } else {
            Message::new("doc-term-any-entry")
        };
        return Err(Error::NoSuchEntry {
            what: why,
            id: id.to_string(),
        });
    };
    let record = json(&Withdrawal {
        section: section.to_string(),
        what: what.clone(),
        by: ctx.adviser.clone(),
        at: Some(ctx.now),
        reason: reason.to_string(),
    })?;
    let message = format!("Withdrew {what} from {}: {reason}", file.profile.name);
    transact(doc, ctx, message, None, move |tx| {
        let withdrawn = path(tx, &["withdrawn"])?;
        put_json(tx, &withdrawn, &id.to_string(), &record)
    })
}

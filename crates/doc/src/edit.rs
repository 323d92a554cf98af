//! Typed edits: one function per domain operation, one Automerge change each.
//!
//! Every edit writes only the fields it changes, so concurrent edits of different fields both
//! survive a merge, and carries a commit message in the domain's words, which `history` shows.

use automerge::transaction::{CommitOptions, Transactable, Transaction};
use automerge::{Automerge, ChangeHash, ObjId, ObjType, ROOT, ReadDoc, ScalarValue, Value};
use casebook_i18n::Message;
use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::Error;
use crate::model::AccountFile;
use crate::view;

mod action_plan;
mod client;
mod contact;
mod contract;
pub mod dates;
mod opportunity;
mod people;
mod plan;
mod prr;
mod relationship;
mod review;
mod risk;
mod risk_plan;
mod scorecard;
mod sharing;
mod survey;
mod tier;
mod value;
mod withdraw;

pub use action_plan::*;
pub use client::*;
pub use contact::*;
pub use contract::*;
pub use opportunity::*;
pub use people::*;
pub use plan::*;
pub use prr::*;
pub use relationship::*;
pub use review::*;
pub use risk::*;
pub use risk_plan::*;
pub use scorecard::*;
pub use sharing::*;
pub use survey::*;
pub use tier::*;
pub use value::*;
pub use withdraw::*;

/// Who is editing, and when: stamped on the change and on entries that record an author.
#[derive(Clone, Debug)]
pub struct EditContext {
    /// The adviser's name, as recorded in the file.
    pub adviser: String,
    /// The time of the edit.
    pub now: DateTime<Utc>,
}

/// The result of one edit: the new change and the id of any entry it created.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Edited {
    /// The hash of the change; `None` if the edit changed nothing.
    pub change: Option<ChangeHash>,
    /// The id of the entry created, for edits that add one.
    pub entry: Option<Uuid>,
    /// The commit message.
    pub message: String,
}

/// Run `f` in one transaction committed with `message` at `ctx.now`.
pub(super) fn transact<F>(
    doc: &mut Automerge,
    ctx: &EditContext,
    message: String,
    entry: Option<Uuid>,
    f: F,
) -> Result<Edited, Error>
where
    F: FnOnce(&mut Transaction<'_>) -> Result<(), Error>,
{
    let time = ctx.now.timestamp();
    let msg = message.clone();
    // The first change a node makes to a file also names its adviser, so every node can show
    // "who" for that node's changes. Keys are node ids, so concurrent first edits never clash.
    let actor = doc.get_actor().to_bytes().to_vec();
    let node_key = match crate::history::author_of(&actor) {
        crate::history::Author::Node(n) => Some(n.to_string()),
        _ => None,
    };
    let adviser = ctx.adviser.clone();
    let ok = doc
        .transact_with(
            |_| CommitOptions::default().with_time(time).with_message(msg),
            |tx| {
                f(tx)?;
                if let Some(key) = node_key
                    && !adviser.is_empty()
                    && let Ok(Some((Value::Object(ObjType::Map), nodes))) = tx.get(ROOT, "nodes")
                    && tx.get(&nodes, key.as_str())?.is_none()
                {
                    tx.put(&nodes, key.as_str(), adviser.as_str())?;
                }
                Ok::<_, Error>(())
            },
        )
        .map_err(|f| f.error)?;
    Ok(Edited {
        change: ok.hash,
        entry,
        message,
    })
}

/// The object at `key` in `parent`, which must be a map.
pub(super) fn child(tx: &Transaction<'_>, parent: &ObjId, key: &str) -> Result<ObjId, Error> {
    match tx.get(parent, key)? {
        Some((Value::Object(ObjType::Map), id)) => Ok(id),
        _ => Err(Error::NotAnAccountFile(
            Message::new("doc-why-section-missing").with("key", key),
        )),
    }
}

/// The object at a path of map keys from the root.
pub(super) fn path(tx: &Transaction<'_>, keys: &[&str]) -> Result<ObjId, Error> {
    let mut obj = ROOT;
    for key in keys {
        obj = child(tx, &obj, key)?;
    }
    Ok(obj)
}

/// Write a JSON value under `key`: objects become maps, arrays lists, `null` writes nothing.
pub(super) fn put_json(
    tx: &mut Transaction<'_>,
    obj: &ObjId,
    key: &str,
    value: &serde_json::Value,
) -> Result<(), Error> {
    use serde_json::Value as J;
    match value {
        J::Null => {}
        J::Object(fields) => {
            let map = tx.put_object(obj, key, ObjType::Map)?;
            for (k, v) in fields {
                put_json(tx, &map, k, v)?;
            }
        }
        J::Array(items) => {
            let list = tx.put_object(obj, key, ObjType::List)?;
            for (i, v) in items.iter().enumerate() {
                insert_json(tx, &list, i, v)?;
            }
        }
        scalar => {
            if let J::String(text) = scalar {
                check_text(key, text)?;
            }
            tx.put(obj, key, scalar_of(scalar))?;
        }
    }
    Ok(())
}

/// Keys whose values are one line: names, titles, codes, people. Everything else written as
/// text is a note.
const ONE_LINE_KEYS: &[&str] = &[
    "name",
    "title",
    "department",
    "email",
    "phone",
    "postcode",
    "company_number",
    "legal_form",
    "sector",
    "region",
    "source",
    "lead",
    "deputy",
    "sponsor",
    "owner",
    "by",
    "planned_by",
    "language",
    "manager",
    "reporter",
    "to",
];

/// Refuse a text longer than its key's limit: [`casebook_base::limits::MAX_NAME_CHARS`] for
/// one-line values, [`casebook_base::limits::MAX_NOTE_CHARS`] for notes.
///
/// # Errors
/// [`Error::TooLong`] naming the field and the limit.
pub fn check_text(key: &str, text: &str) -> Result<(), Error> {
    use casebook_base::limits::{MAX_NAME_CHARS, MAX_NOTE_CHARS};
    let max = if ONE_LINE_KEYS.contains(&key) {
        MAX_NAME_CHARS
    } else {
        MAX_NOTE_CHARS
    };
    check_length(&key.replace('_', " "), text, max)
}

/// Refuse a text of more than `max` characters.
///
/// # Errors
/// [`Error::TooLong`] naming `field`.
pub fn check_length(field: &str, text: &str, max: usize) -> Result<(), Error> {
    // Counting stops just past the limit, so a hostile megabyte costs no more than the limit.
    let chars = text.chars().take(max + 1).count();
    if chars > max {
        return Err(Error::TooLong {
            field: crate::error::term(field),
            chars: text.chars().count(),
            max,
        });
    }
    Ok(())
}

pub(super) fn insert_json(
    tx: &mut Transaction<'_>,
    list: &ObjId,
    index: usize,
    value: &serde_json::Value,
) -> Result<(), Error> {
    use serde_json::Value as J;
    match value {
        J::Object(fields) => {
            let map = tx.insert_object(list, index, ObjType::Map)?;
            for (k, v) in fields {
                put_json(tx, &map, k, v)?;
            }
        }
        J::Array(_) => {
            return Err(Error::Rule(Message::new("rule-nested-lists")));
        }
        scalar => {
            // Lists of text hold names: attendees, segments.
            if let J::String(text) = scalar {
                check_length(
                    "name in a list",
                    text,
                    casebook_base::limits::MAX_NAME_CHARS,
                )?;
            }
            tx.insert(list, index, scalar_of(scalar))?;
        }
    }
    Ok(())
}

pub(super) fn scalar_of(value: &serde_json::Value) -> ScalarValue {
    use serde_json::Value as J;
    match value {
        J::Bool(b) => ScalarValue::Boolean(*b),
        J::Number(n) => {
            if let Some(u) = n.as_u64() {
                ScalarValue::Uint(u)
            } else if let Some(i) = n.as_i64() {
                ScalarValue::Int(i)
            } else {
                ScalarValue::F64(n.as_f64().unwrap_or(0.0))
            }
        }
        J::String(s) => ScalarValue::Str(s.as_str().into()),
        _ => ScalarValue::Null,
    }
}

/// Serialise a typed value to JSON (cannot fail for the schema's own types).
pub(super) fn json<T: Serialize>(value: &T) -> Result<serde_json::Value, Error> {
    serde_json::to_value(value).map_err(Error::Malformed)
}

/// Write each field of `fields` that differs from `current` (both JSON objects) into `obj`.
pub(super) fn put_changed(
    tx: &mut Transaction<'_>,
    obj: &ObjId,
    current: &serde_json::Value,
    fields: &serde_json::Value,
) -> Result<(), Error> {
    let Some(fields) = fields.as_object() else {
        return Ok(());
    };
    for (k, v) in fields {
        if current.get(k) != Some(v) {
            if v.is_null() {
                tx.delete(obj, k.as_str())?;
            } else {
                put_json(tx, obj, k, v)?;
            }
        }
    }
    Ok(())
}

/// The fields of `requested` that were given (not null) and differ from `current`.
pub(super) fn changed_fields(
    requested: &serde_json::Value,
    current: &serde_json::Value,
) -> serde_json::Map<String, serde_json::Value> {
    requested
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(k, v)| !v.is_null() && current.get(k.as_str()) != Some(v))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// Add a new entry with a fresh UUID key to the collection at `keys`.
pub(super) fn add_entry<T: Serialize>(
    doc: &mut Automerge,
    ctx: &EditContext,
    keys: &[&str],
    entry: &T,
    message: String,
) -> Result<Edited, Error> {
    let id = Uuid::new_v4();
    let value = json(entry)?;
    let keys: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
    transact(doc, ctx, message, Some(id), move |tx| {
        let refs: Vec<&str> = keys.iter().map(String::as_str).collect();
        let parent = path(tx, &refs)?;
        put_json(tx, &parent, &id.to_string(), &value)
    })
}

/// Add `action`, which needs a title and an owner, as an action of the account linked from the
/// map at `link` (a review's or a survey's), in one change whose message is `head` followed by
/// the action: `{head}{title} (owner {owner}, due {date})`.
pub(super) fn add_owned_action(
    doc: &mut Automerge,
    ctx: &EditContext,
    action: &crate::model::Action,
    head: &str,
    link: &[&str],
) -> Result<Edited, Error> {
    add_owned_action_linked(doc, ctx, action, head, link, true.into())
}

/// [`add_owned_action`] with `value` as the link's value (a risk management plan links each
/// action to the risk it treats).
pub(super) fn add_owned_action_linked(
    doc: &mut Automerge,
    ctx: &EditContext,
    action: &crate::model::Action,
    head: &str,
    link: &[&str],
    value: ScalarValue,
) -> Result<Edited, Error> {
    let title = action.title.trim();
    if title.is_empty() {
        return Err(Error::Rule(Message::new("rule-action-needs-title")));
    }
    let owner = action.owner.trim();
    if owner.is_empty() {
        return Err(Error::Rule(Message::new("sv-rule-improvement-owner")));
    }
    check_text("title", title)?;
    check_text("owner", owner)?;
    let due = action.due.map(|d| format!(", due {d}")).unwrap_or_default();
    let message = format!("{head}{title} (owner {owner}{due})");
    let action = json(action)?;
    let entry = Uuid::new_v4();
    let link: Vec<String> = link.iter().map(|k| k.to_string()).collect();
    transact(doc, ctx, message, Some(entry), move |tx| {
        let actions = path(tx, &["actions"])?;
        put_json(tx, &actions, &entry.to_string(), &action)?;
        let keys: Vec<&str> = link.iter().map(String::as_str).collect();
        let links = path(tx, &keys)?;
        tx.put(&links, entry.to_string(), value)?;
        Ok(())
    })
}

/// Write who did something and when ({date: `today`, by: the adviser}) as `field` of the map
/// at `keys`, in one change with `message`: a survey issued or closed, a review closed, an
/// update after a review ticked off.
pub(super) fn put_stamp(
    doc: &mut Automerge,
    ctx: &EditContext,
    message: String,
    keys: &[&str],
    field: &str,
    today: chrono::NaiveDate,
) -> Result<Edited, Error> {
    let stamp = json(&crate::model::Stamp {
        date: Some(today),
        by: ctx.adviser.clone(),
    })?;
    let keys: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
    let field = field.to_string();
    transact(doc, ctx, message, None, move |tx| {
        let refs: Vec<&str> = keys.iter().map(String::as_str).collect();
        let obj = path(tx, &refs)?;
        put_json(tx, &obj, &field, &stamp)
    })
}

pub(super) fn current(doc: &Automerge) -> Result<AccountFile, Error> {
    view::read(doc)
}

/// A value for messages, or "(none)" when empty.
pub(super) fn or_none(s: &str) -> &str {
    if s.is_empty() { "(none)" } else { s }
}

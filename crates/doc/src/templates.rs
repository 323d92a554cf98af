//! Entries of the organisation document's `templates` map: what an organisation defines for its
//! routines (KPIs, survey questions), one map per entry keyed by its UUID, with `kind` saying
//! what it is. Shipped entries need no write: an entry under a shipped id overrides it field by
//! field, and its first change writes only the fields that change.

use std::collections::BTreeMap;

use automerge::transaction::{Transactable, Transaction};
use automerge::{Automerge, ObjType, ROOT, ReadDoc, ScalarValue, Value};
use uuid::Uuid;

use crate::Error;

/// The scalar fields of every entry of `kind`, by entry id.
pub(crate) fn entries(doc: &Automerge, kind: &str) -> Vec<(Uuid, BTreeMap<String, ScalarValue>)> {
    let Ok(Some((Value::Object(ObjType::Map), templates))) = doc.get(ROOT, "templates") else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for key in doc.keys(&templates) {
        let Ok(id) = key.parse::<Uuid>() else {
            continue;
        };
        let Ok(Some((Value::Object(ObjType::Map), entry))) = doc.get(&templates, key.as_str())
        else {
            continue;
        };
        let fields: BTreeMap<String, ScalarValue> = doc
            .keys(&entry)
            .filter_map(|k| match doc.get(&entry, k.as_str()) {
                Ok(Some((Value::Scalar(s), _))) => Some((k, s.into_owned())),
                _ => None,
            })
            .collect();
        if fields.get("kind").and_then(|k| k.as_str()) == Some(kind) {
            out.push((id, fields));
        }
    }
    out
}

/// The fields of one entry, by name.
pub(crate) type Fields = BTreeMap<String, ScalarValue>;

/// The entries of `kind` in `doc` laid over `items` (what casebook ships): an entry under a
/// shipped item's id (`id_of`) changes that item (`apply`); any other starts from `blank`
/// (`None`: not a readable entry) and, changed by `apply`, is added if `keep` says it is
/// whole. Returns the shipped items as changed, and the added ones in no particular order.
pub(crate) fn overlay<T: Clone>(
    mut items: Vec<T>,
    doc: &Automerge,
    kind: &str,
    id_of: impl Fn(&T) -> Uuid,
    blank: impl Fn(Uuid, &Fields) -> Option<T>,
    apply: impl Fn(&mut T, &Fields),
    keep: impl Fn(&T) -> bool,
) -> (Vec<T>, Vec<T>) {
    let mut added = Vec::new();
    for (id, fields) in entries(doc, kind) {
        match items.iter().position(|t| id_of(t) == id) {
            Some(i) => apply(&mut items[i], &fields),
            None => {
                let Some(mut t) = blank(id, &fields) else {
                    continue;
                };
                apply(&mut t, &fields);
                if keep(&t) {
                    added.push(t);
                }
            }
        }
    }
    (items, added)
}

/// Set each of `slots` (field name, where it goes) that the entry holds.
pub(crate) fn set_texts(fields: &Fields, slots: Vec<(&str, &mut String)>) {
    for (name, slot) in slots {
        if let Some(v) = text(fields, name) {
            *slot = v;
        }
    }
}

/// A text field of an entry.
pub(crate) fn text(fields: &BTreeMap<String, ScalarValue>, name: &str) -> Option<String> {
    fields
        .get(name)
        .and_then(|s| s.as_str())
        .map(str::to_string)
}

/// A whole-number field of an entry.
pub(crate) fn number(fields: &BTreeMap<String, ScalarValue>, name: &str) -> Option<u64> {
    match fields.get(name)? {
        ScalarValue::Uint(n) => Some(*n),
        ScalarValue::Int(n) => u64::try_from(*n).ok(),
        _ => None,
    }
}

/// A yes/no field of an entry.
pub(crate) fn flag(fields: &BTreeMap<String, ScalarValue>, name: &str) -> Option<bool> {
    match fields.get(name)? {
        ScalarValue::Boolean(b) => Some(*b),
        _ => None,
    }
}

/// Write `fields` into entry `id` of `kind`, creating the entry if it is not there yet.
pub(crate) fn put(
    tx: &mut Transaction<'_>,
    id: Uuid,
    kind: &str,
    fields: Vec<(&'static str, ScalarValue)>,
) -> Result<(), Error> {
    let templates = crate::edit::path(tx, &["templates"])?;
    let key = id.to_string();
    let entry = match tx.get(&templates, key.as_str())? {
        Some((Value::Object(ObjType::Map), entry)) => entry,
        _ => {
            let entry = tx.put_object(&templates, key.as_str(), ObjType::Map)?;
            tx.put(&entry, "kind", kind)?;
            entry
        }
    };
    for (name, value) in fields {
        tx.put(&entry, name, value)?;
    }
    Ok(())
}

/// Retire entry `id` of `kind` (or bring it back with `retired` false), known by `code` and
/// now `was` retired or not, in one change whose message is `{head} {code}: retired|in use`.
///
/// # Errors
/// [`Error::Rule`] when it is so already.
pub(crate) fn set_retired(
    doc: &mut Automerge,
    ctx: &crate::edit::EditContext,
    kind: &'static str,
    head: &str,
    (id, code, was): (Uuid, &str, bool),
    retired: bool,
) -> Result<crate::edit::Edited, Error> {
    if was == retired {
        return Err(Error::Rule(
            casebook_i18n::Message::new("sv-rule-question-unchanged").with("code", code),
        ));
    }
    let message = format!(
        "{head} {code}: {}",
        if retired { "retired" } else { "in use" }
    );
    crate::edit::transact(doc, ctx, message, Some(id), move |tx| {
        put(
            tx,
            id,
            kind,
            vec![("retired", ScalarValue::Boolean(retired))],
        )
    })
}

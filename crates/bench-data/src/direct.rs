//! The direct path: the change `edit::log_interaction` makes, written without reading the
//! document first.

use automerge::transaction::{CommitOptions, Transactable, Transaction};
use automerge::{Automerge, AutomergeError, ObjId, ObjType, ScalarValue};
use casebook::model::Interaction;
use serde_json::Value as JsonValue;
use uuid::Uuid;

use crate::BoxResult;

/// What `edit::log_interaction` writes for `it` on a file of client `name`: one change at
/// `it.at` with the domain message, adding the interaction under a fresh UUID key of the
/// `interactions` map, its fields written as the edit writes the serde JSON of `Interaction`.
/// It skips what makes the edit slow, reading the whole document (for the client's name and
/// to check the linked risks and opportunities, which generated interactions never have).
/// The node's adviser is already named in `nodes` by `create_client`.
///
/// # Errors
/// If the interaction cannot be serialised or Automerge refuses the change.
pub fn log_direct(
    doc: &mut Automerge,
    interactions: &ObjId,
    name: &str,
    it: &Interaction,
) -> BoxResult<()> {
    let value = serde_json::to_value(it)?;
    let with = if it.their_attendees.is_empty() {
        name.to_string()
    } else {
        format!("{} ({name})", it.their_attendees.join(", "))
    };
    let message = format!(
        "Logged {} {} with {with}: {}",
        it.direction, it.kind, it.purpose
    );
    let key = Uuid::new_v4().to_string();
    let time = it.at.timestamp();
    doc.transact_with(
        |_| {
            CommitOptions::default()
                .with_time(time)
                .with_message(message)
        },
        |tx| put_json(tx, interactions, &key, &value),
    )
    .map_err(|f| f.error)?;
    Ok(())
}

/// Write a JSON value as `casebook_doc`'s edits do: objects become maps, arrays lists, `null`
/// writes nothing, unsigned numbers are `Uint`. Following the serde JSON rather than naming
/// the fields keeps this in step with `Interaction` if it gains a field.
fn put_json(
    tx: &mut Transaction<'_>,
    obj: &ObjId,
    key: &str,
    value: &JsonValue,
) -> Result<(), AutomergeError> {
    match value {
        JsonValue::Null => {}
        JsonValue::Object(fields) => {
            let map = tx.put_object(obj, key, ObjType::Map)?;
            for (k, v) in fields {
                put_json(tx, &map, k, v)?;
            }
        }
        JsonValue::Array(items) => {
            let list = tx.put_object(obj, key, ObjType::List)?;
            for (i, v) in items.iter().enumerate() {
                match v {
                    JsonValue::Object(fields) => {
                        let map = tx.insert_object(&list, i, ObjType::Map)?;
                        for (k, v) in fields {
                            put_json(tx, &map, k, v)?;
                        }
                    }
                    scalar => tx.insert(&list, i, scalar_of(scalar))?,
                }
            }
        }
        scalar => tx.put(obj, key, scalar_of(scalar))?,
    }
    Ok(())
}

fn scalar_of(value: &JsonValue) -> ScalarValue {
    match value {
        JsonValue::Bool(b) => ScalarValue::Boolean(*b),
        JsonValue::Number(n) => {
            if let Some(u) = n.as_u64() {
                ScalarValue::Uint(u)
            } else if let Some(i) = n.as_i64() {
                ScalarValue::Int(i)
            } else {
                ScalarValue::F64(n.as_f64().unwrap_or(0.0))
            }
        }
        JsonValue::String(s) => ScalarValue::Str(s.as_str().into()),
        _ => ScalarValue::Null,
    }
}

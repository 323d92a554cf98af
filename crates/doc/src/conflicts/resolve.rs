//! Recording an adviser's decision on a conflict (see the parent module): the kept value
//! written exactly as Automerge held it, or a typed one stored with the field's type.

use automerge::transaction::{Transactable, Transaction};
use automerge::{Automerge, ObjId, ObjType, ROOT, ReadDoc, ScalarValue, hydrate};
use casebook_i18n::Message;

use super::*;
use crate::Error;
use crate::edit::{EditContext, Edited, transact};
use crate::model::AccountFile;

/// Record an adviser's decision on a conflict as one new change.
///
/// The change writes the chosen value over the conflicted field; because it has seen every
/// concurrent value, it supersedes them all, and every node that merges it shows the chosen
/// value and no conflict. A kept value is written exactly as Automerge held it, whatever its
/// type: a whole number keeps its number type, text another tool wrote as a text object stays
/// text with its words, and a group of fields (say, one of two exit plans written at the same
/// time) is copied field for field. The message says what was decided, e.g. `Resolved risk 'Key
/// supplier failure' likelihood: kept 4 (Bob)`.
///
/// # Errors
/// [`Error::NoSuchConflict`] for an id that names no conflict of this file;
/// [`Error::Rule`] for a candidate number or adviser that matches no value, or a new value for
/// a group of fields; [`Error::Rule`] or [`Error::OutOfRange`] for a new value the field
/// cannot hold (a word for a number, a likelihood of 9, a stage name for a date).
pub fn resolve(
    doc: &mut Automerge,
    ctx: &EditContext,
    conflict_id: &str,
    choice: Choice,
) -> Result<Edited, Error> {
    let wanted = conflict_id.trim().to_ascii_lowercase();
    let conflict = conflicts(doc)?
        .into_iter()
        .find(|c| c.id == wanted)
        .ok_or_else(|| Error::NoSuchConflict {
            id: conflict_id.to_string(),
        })?;
    let what = conflict.what.clone();
    let now = ctx.now.to_rfc3339();
    let moment = moment_of(&conflict.key);
    let (value, message, typed, moment_value) = match choice {
        Choice::Candidate(index) => {
            let c = conflict.candidates.get(index).ok_or_else(|| {
                Error::Rule(
                    Message::new("rule-conflict-no-candidate")
                        .with("what", &what)
                        .with("count", conflict.candidates.len().to_string())
                        .with("number", index.saturating_add(1).to_string()),
                )
            })?;
            c.kept(&what)
        }
        Choice::Adviser(name) => by_adviser(&conflict, &name)?.kept(&what),
        Choice::Value(text) => {
            let value = typed_value(&conflict, &text, doc.text_encoding())?;
            let shown = shown(&value, &words(&value));
            let message = format!(
                "Resolved {what}: set {shown} (over {})",
                conflict.values_by()
            );
            let moment_now = moment
                .filter(|(_, typed)| *typed)
                .map(|_| hydrate::Value::Scalar(ScalarValue::Str(now.as_str().into())));
            (value, message, Some(text), moment_now)
        }
    };
    let obj = conflict.obj;
    let key = conflict.key;
    transact(doc, ctx, message, None, move |tx| {
        put_whole(tx, &obj, &key, &value)?;
        if let (Some((moment_key, _)), Some(m)) = (moment, moment_value) {
            put_whole(tx, &obj, moment_key, &m)?;
        }
        // A typed value must still read as an account file (a known stage word, a valid
        // date, a number in range); otherwise the whole change is rolled back.
        if let Some(text) = typed {
            let json = crate::view::json_of(&ReadDoc::hydrate(tx, ROOT, None)?);
            serde_json::from_value::<AccountFile>(json).map_err(|e| {
                Error::Rule(
                    Message::new("rule-conflict-unstorable")
                        .with("text", &text)
                        .with("what", &what)
                        .with("why", e.to_string()),
                )
            })?;
        }
        Ok(())
    })
}

impl Candidate {
    /// What keeping this candidate writes: its value as Automerge holds it, the change's
    /// message, no typed text, and the moment written with it.
    fn kept(
        &self,
        what: &str,
    ) -> (
        hydrate::Value,
        String,
        Option<String>,
        Option<hydrate::Value>,
    ) {
        let message = format!("Resolved {what}: kept {} ({})", self.shown(), self.who());
        (self.stored.clone(), message, None, self.moment.clone())
    }
}

/// The candidate written by adviser `name`.
fn by_adviser<'a>(conflict: &'a Conflict, name: &str) -> Result<&'a Candidate, Error> {
    let wanted = name.trim();
    let mine: Vec<&Candidate> = conflict
        .candidates
        .iter()
        .filter(|c| {
            c.adviser
                .as_deref()
                .is_some_and(|a| a.trim().eq_ignore_ascii_case(wanted))
        })
        .collect();
    match mine.as_slice() {
        [] => Err(Error::Rule(
            Message::new("rule-conflict-none-by")
                .with("what", &conflict.what)
                .with("wanted", wanted)
                .with("values", conflict.values_by()),
        )),
        [one] => Ok(one),
        [first, rest @ ..]
            if rest
                .iter()
                .all(|c| reading(&c.value) == reading(&first.value)) =>
        {
            Ok(first)
        }
        _ => Err(Error::Rule(
            Message::new("rule-conflict-several-by")
                .with("what", &conflict.what)
                .with("wanted", wanted)
                .with("values", conflict.values_by()),
        )),
    }
}

/// Parse `text` with the type of the field's current value (`encoding` is the document's, for
/// a text object).
fn typed_value(
    conflict: &Conflict,
    text: &str,
    encoding: TextEncoding,
) -> Result<hydrate::Value, Error> {
    let what = &conflict.what;
    let current = conflict
        .candidates
        .iter()
        .find(|c| c.current)
        .map(|c| &c.stored);
    let t = text.trim();
    let value = match current {
        Some(hydrate::Value::Map(_) | hydrate::Value::List(_)) | None => {
            return Err(Error::Rule(
                Message::new("rule-conflict-group").with("what", what),
            ));
        }
        // Text stays text, as the field's own type (see `put_whole`).
        Some(hydrate::Value::Text(_)) => return Ok(hydrate::Value::text(encoding, t)),
        Some(hydrate::Value::Scalar(s)) => match s {
            ScalarValue::Uint(_) => ScalarValue::Uint(t.parse().map_err(|_| {
                Error::Rule(
                    Message::new("rule-conflict-not-whole")
                        .with("text", text)
                        .with("what", what),
                )
            })?),
            ScalarValue::Int(_) | ScalarValue::Timestamp(_) => {
                let n: i64 = t.parse().map_err(|_| {
                    Error::Rule(
                        Message::new("rule-conflict-not-whole")
                            .with("text", text)
                            .with("what", what),
                    )
                })?;
                if matches!(s, ScalarValue::Timestamp(_)) {
                    ScalarValue::Timestamp(n)
                } else {
                    ScalarValue::Int(n)
                }
            }
            ScalarValue::F64(_) => ScalarValue::F64(t.parse().map_err(|_| {
                Error::Rule(
                    Message::new("rule-conflict-not-number")
                        .with("text", text)
                        .with("what", what),
                )
            })?),
            ScalarValue::Boolean(_) => match t.to_ascii_lowercase().as_str() {
                "true" | "yes" => ScalarValue::Boolean(true),
                "false" | "no" => ScalarValue::Boolean(false),
                _ => {
                    return Err(Error::Rule(
                        Message::new("rule-conflict-not-yes-no")
                            .with("text", text)
                            .with("what", what),
                    ));
                }
            },
            ScalarValue::Str(_) | ScalarValue::Null => ScalarValue::Str(t.into()),
            ScalarValue::Counter(_) | ScalarValue::Bytes(_) | ScalarValue::Unknown { .. } => {
                return Err(Error::Rule(
                    Message::new("rule-conflict-not-typed").with("what", what),
                ));
            }
        },
    };
    // A scale field holds a whole number however another tool typed it (an int where
    // casebook writes a uint), so both are held to the scale.
    let number = match value {
        ScalarValue::Uint(v) => Some(i64::try_from(v).unwrap_or(i64::MAX)),
        ScalarValue::Int(v) => Some(v),
        _ => None,
    };
    if let Some(n) = number
        && let Some(field) = SCALE_FIELDS.iter().find(|f| **f == conflict.key)
    {
        // `check_scale` takes a u8; a number no u8 holds is off the scale as typed.
        let v = u8::try_from(n).map_err(|_| Error::OutOfRange {
            what: crate::error::term(field),
            value: n,
            min: 1,
            max: 5,
        })?;
        crate::config::check_scale(field, v)?;
    }
    Ok(hydrate::Value::Scalar(value))
}

/// Write `value` at `key` of map `obj` exactly as Automerge held it: scalars with their own
/// type (an int stays an int, a timestamp a timestamp), maps and lists with everything in them.
///
/// Text stays a text object rather than becoming a plain string: it is the value the adviser
/// chose, as the tool that wrote it holds it, so that tool can go on editing it as text, and
/// casebook loses nothing by it, because its views read a text object and a plain string alike
/// (`view::json_of` makes both a JSON string) and its names and conflicts read both too.
/// (Marks on text, which casebook never writes, are not copied.)
fn put_whole(
    tx: &mut Transaction<'_>,
    obj: &ObjId,
    key: &str,
    value: &hydrate::Value,
) -> Result<(), Error> {
    match value {
        hydrate::Value::Scalar(s) => tx.put(obj, key, s.clone())?,
        other => {
            let id = tx.put_object(obj, key, obj_type(other))?;
            fill(tx, &id, other)?;
        }
    }
    Ok(())
}

/// [`put_whole`] for a list element at `index`.
fn insert_whole(
    tx: &mut Transaction<'_>,
    list: &ObjId,
    index: usize,
    value: &hydrate::Value,
) -> Result<(), Error> {
    match value {
        hydrate::Value::Scalar(s) => tx.insert(list, index, s.clone())?,
        other => {
            let id = tx.insert_object(list, index, obj_type(other))?;
            fill(tx, &id, other)?;
        }
    }
    Ok(())
}

/// Fill the new, empty object `id` with the content of `value`.
fn fill(tx: &mut Transaction<'_>, id: &ObjId, value: &hydrate::Value) -> Result<(), Error> {
    match value {
        hydrate::Value::Map(map) => {
            // In key order, so the same choice writes the same operations on every run.
            let mut fields: Vec<_> = map.iter().collect();
            fields.sort_by(|a, b| a.0.cmp(b.0));
            for (k, v) in fields {
                put_whole(tx, id, k, &v.value)?;
            }
        }
        hydrate::Value::List(list) => {
            for (i, item) in list.iter().enumerate() {
                insert_whole(tx, id, i, &item.value)?;
            }
        }
        hydrate::Value::Text(text) => tx.splice_text(id, 0, 0, &text.to_string())?,
        hydrate::Value::Scalar(_) => {}
    }
    Ok(())
}

/// The Automerge type of an object value.
fn obj_type(value: &hydrate::Value) -> ObjType {
    match value {
        hydrate::Value::List(_) => ObjType::List,
        hydrate::Value::Text(_) => ObjType::Text,
        hydrate::Value::Map(_) | hydrate::Value::Scalar(_) => ObjType::Map,
    }
}

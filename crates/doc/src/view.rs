//! Typed reads of an account file, now or at any past point, and id lookup.

use std::collections::BTreeMap;

use automerge::{Automerge, ChangeHash, ReadDoc, ScalarValue, hydrate};
use uuid::Uuid;

use crate::Error;
use crate::model::AccountFile;

/// Read the whole account file as it is now, with its [`disputes`](crate::disputes) and the
/// number of fields holding concurrent values.
///
/// A file whose fields each hold one value costs one `hydrate` pass; one with concurrent values
/// also pays for [`crate::conflicts::conflicts`], until they are resolved.
///
/// # Errors
/// [`Error::Malformed`] if the content does not have the account-file shape;
/// [`Error::Automerge`] if the concurrent values cannot be read.
pub fn read(doc: &Automerge) -> Result<AccountFile, Error> {
    let root = doc.hydrate(None);
    let mut file: AccountFile = serde_json::from_value(json_of(&root)).map_err(Error::Malformed)?;
    file.disputes = crate::disputes::read(doc, &root, None)?;
    hide_withdrawn(&mut file);
    Ok(file)
}

/// Read the account file as it was at `heads`, with the disputes it held then (their number,
/// [`crate::disputes::Disputes::conflicts`], is not counted for a past point).
///
/// # Errors
/// [`Error::Automerge`] if a head is not in the document, [`Error::Malformed`] as [`read`].
pub fn read_at(doc: &Automerge, heads: &[ChangeHash]) -> Result<AccountFile, Error> {
    if let Some(missing) = heads.iter().find(|h| doc.get_change_by_hash(h).is_none()) {
        return Err(Error::Automerge(automerge::AutomergeError::InvalidHash(
            *missing,
        )));
    }
    let root = doc.hydrate(Some(heads));
    let mut file: AccountFile = serde_json::from_value(json_of(&root)).map_err(Error::Malformed)?;
    file.disputes = crate::disputes::read(doc, &root, Some(heads))?;
    hide_withdrawn(&mut file);
    Ok(file)
}

/// Take withdrawn entries out of their sections, so that no list, count or rule sees them.
fn hide_withdrawn(file: &mut AccountFile) {
    if file.withdrawn.is_empty() {
        return;
    }
    let gone = &file.withdrawn;
    file.people.retain(|id, _| !gone.contains_key(id));
    file.interactions.retain(|id, _| !gone.contains_key(id));
    file.actions.retain(|id, _| !gone.contains_key(id));
    file.risks.retain(|id, _| !gone.contains_key(id));
    file.opportunities.retain(|id, _| !gone.contains_key(id));
    file.contracts.retain(|id, _| !gone.contains_key(id));
    file.risk_alerts.retain(|id, _| !gone.contains_key(id));
    file.tier_history.retain(|id, _| !gone.contains_key(id));
}

/// The whole document as JSON, exactly as Automerge holds it (for export and diff); where two
/// values conflict, the one Automerge picks as the winner.
///
/// Built from one `hydrate` pass over the document, which is several times faster than
/// looking every key up one by one.
///
/// # Errors
/// None today; the `Result` leaves room for a document that cannot be represented.
pub fn to_json(doc: &Automerge) -> Result<serde_json::Value, Error> {
    Ok(json_of(&doc.hydrate(None)))
}

pub(crate) fn json_of(value: &hydrate::Value) -> serde_json::Value {
    use serde_json::Value as J;
    match value {
        hydrate::Value::Map(m) => J::Object(
            m.iter()
                .map(|(k, v)| (k.clone(), json_of(&v.value)))
                .collect(),
        ),
        hydrate::Value::List(l) => J::Array(l.iter().map(|v| json_of(&v.value)).collect()),
        hydrate::Value::Text(t) => J::String(t.to_string()),
        hydrate::Value::Scalar(s) => match s {
            ScalarValue::Str(x) => J::String(x.to_string()),
            ScalarValue::Int(x) | ScalarValue::Timestamp(x) => J::from(*x),
            ScalarValue::Uint(x) => J::from(*x),
            ScalarValue::F64(x) => serde_json::Number::from_f64(*x).map_or(J::Null, J::Number),
            ScalarValue::Counter(c) => J::from(i64::from(c)),
            ScalarValue::Boolean(b) => J::Bool(*b),
            ScalarValue::Bytes(b) => J::Array(b.iter().map(|x| J::from(*x)).collect()),
            ScalarValue::Unknown { .. } | ScalarValue::Null => J::Null,
        },
    }
}

/// The document as JSON through automerge's own serde view, for checking [`to_json`].
#[cfg(test)]
fn to_json_autoserde(doc: &Automerge) -> serde_json::Value {
    serde_json::to_value(automerge::AutoSerde::from(doc)).unwrap()
}

/// Find the entry whose id is `text` or starts with it (people type the first 8 characters).
///
/// # Errors
/// [`Error::NoSuchEntry`] if none matches, [`Error::AmbiguousEntry`] if several do.
pub fn resolve<T>(map: &BTreeMap<Uuid, T>, text: &str, what: &'static str) -> Result<Uuid, Error> {
    let wanted = text.trim().to_ascii_lowercase().replace('-', "");
    if wanted.is_empty() {
        return Err(Error::no_such_entry(what, text));
    }
    let mut found = map
        .keys()
        .filter(|id| id.simple().to_string().starts_with(&wanted));
    match (found.next(), found.next()) {
        (Some(id), None) => Ok(*id),
        (Some(_), Some(_)) => Err(Error::ambiguous_entry(what, text)),
        (None, _) => Err(Error::no_such_entry(what, text)),
    }
}

/// An entry people call by a name: a person by name, a risk, opportunity or action by title.
pub trait Named {
    /// The name or title.
    fn name(&self) -> &str;
}

impl Named for crate::model::Person {
    fn name(&self) -> &str {
        &self.name
    }
}

impl Named for crate::model::Contract {
    fn name(&self) -> &str {
        &self.title
    }
}

impl Named for crate::model::ActionPlan {
    fn name(&self) -> &str {
        &self.title
    }
}

impl Named for crate::model::Survey {
    fn name(&self) -> &str {
        &self.title
    }
}

impl Named for crate::model::Risk {
    fn name(&self) -> &str {
        &self.title
    }
}

impl Named for crate::model::Opportunity {
    fn name(&self) -> &str {
        &self.title
    }
}

impl Named for crate::model::Action {
    fn name(&self) -> &str {
        &self.title
    }
}

/// Find an entry by its exact name or title (ignoring case and spacing; a name always selects
/// its entry even when it also reads as an id prefix), else by id or unique id prefix.
///
/// # Errors
/// [`Error::NoSuchEntry`] if nothing matches; [`Error::AmbiguousEntry`] if several entries share
/// the name, or the prefix matches several ids.
pub fn resolve_named<T: Named>(
    map: &BTreeMap<Uuid, T>,
    text: &str,
    what: &'static str,
) -> Result<Uuid, Error> {
    let wanted = crate::rules::duplicates::normalise_name(text);
    let named: Vec<Uuid> = map
        .iter()
        .filter(|(_, e)| crate::rules::duplicates::normalise_name(e.name()) == wanted)
        .map(|(id, _)| *id)
        .collect();
    match named.as_slice() {
        [one] => Ok(*one),
        [] => resolve(map, text, what),
        _ => Err(Error::ambiguous_entry(what, text)),
    }
}

/// Find a person of the file's org chart by exact name, id or unique id prefix
/// ([`resolve_named`]).
///
/// # Errors
/// As [`resolve_named`].
pub fn resolve_person(file: &AccountFile, text: &str) -> Result<Uuid, Error> {
    resolve_named(&file.people, text, "person")
}

/// The short form of an entry id shown in tables: its first eight hex digits.
pub fn short(id: &Uuid) -> String {
    id.simple().to_string()[..8].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::{self, EditContext, NewClient};
    use crate::{OrgConfig, schema};
    use casebook_base::FileId;

    #[test]
    fn hydrate_json_matches_automerge_serde_json() {
        let mut doc =
            schema::new_file(FileId::new(), casebook_base::NodeId::from_bytes([1; 32])).unwrap();
        let ctx = EditContext {
            adviser: "A".into(),
            now: chrono::Utc::now(),
        };
        edit::create_client(
            &mut doc,
            &ctx,
            &OrgConfig::default(),
            &NewClient {
                name: "Acme".into(),
                segments: vec!["growth".into()],
                ..Default::default()
            },
        )
        .unwrap();
        let before = doc.get_heads();
        edit::edit_client(
            &mut doc,
            &ctx,
            &edit::ClientPatch {
                sector: Some("food".into()),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(to_json(&doc).unwrap(), to_json_autoserde(&doc));
        assert_eq!(read_at(&doc, &before).unwrap().profile.sector, "");
        assert_eq!(read(&doc).unwrap().profile.sector, "food");
    }
}

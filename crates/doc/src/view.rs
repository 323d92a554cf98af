//! Typed reads of an account file, now or at any past point, and id lookup.

use std::collections::BTreeMap;

use automerge::{AutoSerde, Automerge, ChangeHash};
use uuid::Uuid;

use crate::Error;
use crate::model::AccountFile;

/// Read the whole account file as it is now.
///
/// # Errors
/// [`Error::Malformed`] if the content does not have the account-file shape.
pub fn read(doc: &Automerge) -> Result<AccountFile, Error> {
    let value = serde_json::to_value(AutoSerde::from(doc)).map_err(Error::Malformed)?;
    serde_json::from_value(value).map_err(Error::Malformed)
}

/// Read the account file as it was at `heads`.
///
/// # Errors
/// [`Error::Automerge`] if a head is not in the document, [`Error::Malformed`] as [`read`].
pub fn read_at(doc: &Automerge, heads: &[ChangeHash]) -> Result<AccountFile, Error> {
    read(&doc.fork_at(heads)?)
}

/// The whole document as JSON, exactly as Automerge holds it (for export and diff).
///
/// # Errors
/// [`Error::Malformed`] only if serialisation fails.
pub fn to_json(doc: &Automerge) -> Result<serde_json::Value, Error> {
    serde_json::to_value(AutoSerde::from(doc)).map_err(Error::Malformed)
}

/// Find the entry whose id is `text` or starts with it (people type the first 8 characters).
///
/// # Errors
/// [`Error::NoSuchEntry`] if none matches, [`Error::AmbiguousEntry`] if several do.
pub fn resolve<T>(map: &BTreeMap<Uuid, T>, text: &str, what: &'static str) -> Result<Uuid, Error> {
    let wanted = text.trim().to_ascii_lowercase().replace('-', "");
    if wanted.is_empty() {
        return Err(Error::NoSuchEntry {
            what,
            id: text.to_string(),
        });
    }
    let mut found = map
        .keys()
        .filter(|id| id.simple().to_string().starts_with(&wanted));
    match (found.next(), found.next()) {
        (Some(id), None) => Ok(*id),
        (Some(_), Some(_)) => Err(Error::AmbiguousEntry {
            what,
            id: text.to_string(),
        }),
        (None, _) => Err(Error::NoSuchEntry {
            what,
            id: text.to_string(),
        }),
    }
}

/// The short form of an entry id shown in tables: its first eight hex digits.
pub fn short(id: &Uuid) -> String {
    id.simple().to_string()[..8].to_string()
}

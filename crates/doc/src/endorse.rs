//! Changes brought in from files, vouched for by the node that brought them in.
//!
//! A change that arrives in an exported Automerge file carries no signature (the file must stay
//! readable by any Automerge tool), so nobody can check who made it. The node that merges such
//! a file, if it may write the file, records an **endorsement**: one entry of the file's
//! `endorsements` map (schema 4), written by its own signed change, listing the changes it
//! vouches for, the file's name and the time. Other nodes accept those changes as "brought in
//! from a file by" that node, and `history` says so, instead of taking them as signed by
//! whoever they claim as author.
//!
//! An entry is stored as one JSON string, so the whole entry is one value written by one
//! operation: an entry counts only if the operation that wrote it is by the node it names, and
//! only if the change that wrote it carries that node's valid signature (checked by the caller,
//! who holds the signatures: `casebook::authority`).
//!
//! A word covers content, never authority: a change accepted only on a node's word may not
//! touch who may read or write the file, what file it is, whose rules judge it, or other
//! endorsements ([`touches_protected`]), so nobody can vouch themselves into being a writer.
//! The merging node lists only the changes it may vouch for; those keys change only by their
//! authors' signed edits, which travel by sync.

use automerge::transaction::Transactable;
use automerge::{Automerge, ChangeHash, ObjType, ROOT, ReadDoc, ScalarValue, Value};
use casebook_base::NodeId;
use casebook_i18n::Message;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::Error;
use crate::edit::{EditContext, Edited, transact};

/// The root map holding endorsements (created by schema 4).
pub const ENDORSEMENTS: &str = "endorsements";

/// One node's word for the changes a file brought in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Endorsement {
    /// The entry's key.
    #[serde(skip)]
    pub id: String,
    /// The node that brought the changes in and vouches for them.
    pub by: NodeId,
    /// When (the endorsing node's clock).
    pub at: DateTime<Utc>,
    /// The file's name as given to `merge` or `import`.
    pub source: String,
    /// The endorsing node's heads when it vouched (the endorsing change's dependencies): its
    /// right to write the file is judged as of them.
    #[serde(with = "hex_hashes")]
    pub heads: Vec<ChangeHash>,
    /// The changes vouched for, exactly.
    #[serde(with = "hex_hashes")]
    pub vouched: Vec<ChangeHash>,
    /// The counter of the operation that wrote the entry (its change is the endorsing change).
    #[serde(skip)]
    pub op: u64,
}

mod hex_hashes {
    //! Change hashes as hex strings, as Automerge tools show them.
    use automerge::ChangeHash;
    use serde::{Deserialize, Deserializer, Serializer};

    pub(super) fn serialize<S: Serializer>(v: &[ChangeHash], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(v.iter().map(ToString::to_string))
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Vec<ChangeHash>, D::Error> {
        let texts: Vec<String> = Deserialize::deserialize(d)?;
        texts
            .iter()
            .map(|t| t.parse().map_err(serde::de::Error::custom))
            .collect()
    }
}

/// Record that `by` vouches for the changes `vouched` it brought in from the file `source`, as
/// one change of `doc` (whose actor must be `by`).
///
/// # Errors
/// [`Error::NotAnAccountFile`] if the document predates schema 4 (migrate it first); Automerge
/// errors.
pub fn endorse(
    doc: &mut Automerge,
    ctx: &EditContext,
    by: NodeId,
    source: &str,
    vouched: &[ChangeHash],
) -> Result<Edited, Error> {
    let entry = Endorsement {
        id: String::new(),
        by,
        at: ctx.now,
        source: source.to_string(),
        heads: doc.get_heads(),
        vouched: vouched.to_vec(),
        op: 0,
    };
    let changes = vouched.len();
    let json = serde_json::to_string(&entry).map_err(|e| {
        Error::Rule(Message::new("rule-endorsement-unrecordable").with("why", e.to_string()))
    })?;
    let key = Uuid::new_v4();
    let plural = if changes == 1 { "change" } else { "changes" };
    let message = format!("Brought in {changes} {plural} from file {source}");
    transact(doc, ctx, message, Some(key), move |tx| {
        let Some((Value::Object(ObjType::Map), map)) = tx.get(ROOT, ENDORSEMENTS)? else {
            return Err(Error::NotAnAccountFile(
                Message::new("doc-why-section-missing-since")
                    .with("key", ENDORSEMENTS)
                    .with("schema", "4"),
            ));
        };
        tx.put(&map, key.to_string(), json)?;
        Ok(())
    })
}

/// Every endorsement of `doc` written by the node it names, oldest first.
pub fn endorsements(doc: &Automerge) -> Vec<Endorsement> {
    let Ok(Some((Value::Object(ObjType::Map), map))) = doc.get(ROOT, ENDORSEMENTS) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for key in doc.keys(&map) {
        let Ok(values) = doc.get_all(&map, key.as_str()) else {
            continue;
        };
        for (value, op) in values {
            let Value::Scalar(s) = value else { continue };
            let ScalarValue::Str(text) = s.as_ref() else {
                continue;
            };
            let Ok(mut entry) = serde_json::from_str::<Endorsement>(text) else {
                continue;
            };
            // Only the named node's own write counts (see the module docs).
            let automerge::ObjId::Id(counter, actor, _) = &op else {
                continue;
            };
            if actor.to_bytes() != entry.by.as_bytes() {
                continue;
            }
            entry.id.clone_from(&key);
            entry.op = *counter;
            out.push(entry);
        }
    }
    out.sort_by(|a, b| (a.at, &a.id).cmp(&(b.at, &b.id)));
    out
}

/// Root keys a change accepted only on a node's word may not touch (see the module docs).
pub const PROTECTED_ROOT_KEYS: &[&str] = &[
    "file_id",
    "owner",
    "schema_version",
    "kind",
    "sharing",
    ENDORSEMENTS,
    "org",
    "org_owner",
];

/// The protected part of `doc` that `change` writes, if any: a protected root key, or an
/// entry of the file's `sharing` or `endorsements` maps (the maps as `doc` holds them).
pub fn touches_protected(doc: &Automerge, change: &automerge::Change) -> Option<String> {
    use automerge::legacy::{Key, ObjectId};
    let guarded: Vec<(u64, Vec<u8>, &str)> = ["sharing", ENDORSEMENTS]
        .iter()
        .flat_map(|key| {
            doc.get_all(ROOT, *key)
                .unwrap_or_default()
                .into_iter()
                .filter_map(move |(_, id)| match id {
                    automerge::ObjId::Id(counter, actor, _) => {
                        Some((counter, actor.to_bytes().to_vec(), *key))
                    }
                    automerge::ObjId::Root => None,
                })
        })
        .collect();
    for op in change.decode().operations {
        match (&op.obj, &op.key) {
            (ObjectId::Root, Key::Map(key)) if PROTECTED_ROOT_KEYS.contains(&key.as_str()) => {
                return Some(key.to_string());
            }
            (ObjectId::Id(id), _) => {
                if let Some((_, _, key)) = guarded
                    .iter()
                    .find(|(c, a, _)| *c == id.counter() && a.as_slice() == id.actor().to_bytes())
                {
                    return Some((*key).to_string());
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use automerge::ActorId;
    use casebook_base::FileId;

    use super::*;
    use crate::schema;

    const ALICE: [u8; 32] = [0xA1; 32];
    const MALLORY: [u8; 32] = [0x3A; 32];

    fn ctx() -> EditContext {
        EditContext {
            adviser: "Alice".into(),
            now: DateTime::from_timestamp(1_796_000_000, 0).unwrap_or_default(),
        }
    }

    fn file() -> Automerge {
        schema::new_file(FileId::new(), NodeId::from_bytes(ALICE)).unwrap()
    }

    #[test]
    fn an_endorsement_reads_back_with_who_what_and_when() {
        let mut doc = file().with_actor(ActorId::from(&ALICE[..]));
        let before = doc.get_heads();
        endorse(
            &mut doc,
            &ctx(),
            NodeId::from_bytes(ALICE),
            "afon.automerge",
            &before,
        )
        .unwrap();
        let found = endorsements(&doc);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].by, NodeId::from_bytes(ALICE));
        assert_eq!(found[0].source, "afon.automerge");
        assert_eq!(found[0].vouched, before);
        assert_eq!(found[0].heads, before, "judged as of the node's heads then");
        assert_eq!(found[0].at, ctx().now);
        // The operation that wrote it belongs to the endorsing change.
        let meta = doc.get_changes_meta(&[]);
        let writer = meta
            .iter()
            .find(|m| m.start_op <= found[0].op && found[0].op <= m.max_op)
            .unwrap();
        assert_eq!(writer.actor.to_bytes(), &ALICE[..]);
    }

    #[test]
    fn an_endorsement_written_in_another_nodes_name_does_not_count() {
        // Mallory's node writes an entry that names Alice.
        let mut doc = file().with_actor(ActorId::from(&MALLORY[..]));
        let heads = doc.get_heads();
        endorse(
            &mut doc,
            &ctx(),
            NodeId::from_bytes(ALICE),
            "forged",
            &heads,
        )
        .unwrap();
        assert!(endorsements(&doc).is_empty());
    }

    #[test]
    fn a_file_before_schema_4_cannot_be_endorsed_until_migrated() {
        let mut doc = schema::skeleton(FileId::new(), NodeId::from_bytes(ALICE), 3)
            .unwrap()
            .with_actor(ActorId::from(&ALICE[..]));
        let heads = doc.get_heads();
        let refused = endorse(&mut doc, &ctx(), NodeId::from_bytes(ALICE), "f", &heads);
        assert!(
            matches!(refused, Err(Error::NotAnAccountFile(_))),
            "{refused:?}"
        );
        schema::migrate(&mut doc).unwrap();
        endorse(&mut doc, &ctx(), NodeId::from_bytes(ALICE), "f", &heads).unwrap();
        assert_eq!(endorsements(&doc).len(), 1);
    }

    #[test]
    fn only_changes_of_authority_are_protected() {
        let mut doc = file().with_actor(ActorId::from(&[7u8; 16][..]));
        let before = doc.get_heads();
        doc.transact(|tx| {
            let profile = tx.get(ROOT, "profile")?.map(|(_, id)| id).unwrap();
            tx.put(&profile, "sector", "food")
        })
        .unwrap();
        let content = doc.get_changes(&before)[0].clone();
        assert_eq!(touches_protected(&doc, &content), None);
        let before = doc.get_heads();
        doc.transact(|tx| {
            let sharing = tx.get(ROOT, "sharing")?.map(|(_, id)| id).unwrap();
            tx.put(&sharing, "a reader's node", "write")
        })
        .unwrap();
        let grant = doc.get_changes(&before)[0].clone();
        assert_eq!(touches_protected(&doc, &grant).as_deref(), Some("sharing"));
        let before = doc.get_heads();
        doc.transact(|tx| tx.put(ROOT, "org", "elsewhere")).unwrap();
        let org = doc.get_changes(&before)[0].clone();
        assert_eq!(touches_protected(&doc, &org).as_deref(), Some("org"));
        let before = doc.get_heads();
        doc.transact(|tx| {
            let e = tx.get(ROOT, ENDORSEMENTS)?.map(|(_, id)| id).unwrap();
            tx.put(&e, "k", "{}")
        })
        .unwrap();
        let word = doc.get_changes(&before)[0].clone();
        assert_eq!(
            touches_protected(&doc, &word).as_deref(),
            Some(ENDORSEMENTS)
        );
    }
}

//! Changes brought in from files, vouched for by the node that brought them in.
//!
//! A change that arrives in an exported Automerge file carries no signature (the file must stay
//! readable by any Automerge tool), so nobody can check who made it. The node that merges such
//! a file, if it may write the file, records an **endorsement**: one entry of the file's
//! `endorsements` map (schema 4), written by its own signed change, naming the heads the file
//! brought in, the file's name and the time. Every change in the causal past of those heads is
//! then vouched for by that node: other nodes accept it as "brought in from a file by" that
//! node, and `history` says so, instead of taking it as signed by whoever it claims as author.
//!
//! An entry is stored as one JSON string, so the whole entry is one value written by one
//! operation: an entry counts only if the operation that wrote it is by the node it names
//! (another node cannot write an endorsement in someone else's name, and a change claiming to
//! be that node's must carry that node's signature to be accepted at all).

use std::collections::BTreeSet;

use automerge::transaction::Transactable;
use automerge::{Automerge, ChangeHash, ObjType, ROOT, ReadDoc, ScalarValue, Value};
use casebook_base::NodeId;
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
    /// The heads the file brought in: their causal past is vouched for.
    #[serde(with = "hex_hashes")]
    pub heads: Vec<ChangeHash>,
    /// How many changes were new to the endorsing node.
    pub changes: usize,
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

/// Record that `by` brought in the changes up to `heads` from the file `source`, as one change
/// of `doc` (whose actor must be `by`).
///
/// # Errors
/// [`Error::NotAnAccountFile`] if the document predates schema 4 (migrate it first); Automerge
/// errors.
pub fn endorse(
    doc: &mut Automerge,
    ctx: &EditContext,
    by: NodeId,
    source: &str,
    heads: &[ChangeHash],
    changes: usize,
) -> Result<Edited, Error> {
    let entry = Endorsement {
        id: String::new(),
        by,
        at: ctx.now,
        source: source.to_string(),
        heads: heads.to_vec(),
        changes,
    };
    let json = serde_json::to_string(&entry)
        .map_err(|e| Error::Rule(format!("cannot record the endorsement: {e}")))?;
    let key = Uuid::new_v4();
    let plural = if changes == 1 { "change" } else { "changes" };
    let message = format!("Brought in {changes} {plural} from file {source}");
    transact(doc, ctx, message, Some(key), move |tx| {
        let Some((Value::Object(ObjType::Map), map)) = tx.get(ROOT, ENDORSEMENTS)? else {
            return Err(Error::NotAnAccountFile(
                "its 'endorsements' section is missing (schema 4)".into(),
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
            let automerge::ObjId::Id(_, actor, _) = &op else {
                continue;
            };
            if actor.to_bytes() != entry.by.as_bytes() {
                continue;
            }
            entry.id.clone_from(&key);
            out.push(entry);
        }
    }
    out.sort_by(|a, b| (a.at, &a.id).cmp(&(b.at, &b.id)));
    out
}

/// The changes an endorsement vouches for: `heads` and everything in their causal past that
/// `deps_of` knows (it returns a change's dependencies, or `None` for a change outside the set
/// being judged, where the walk stops).
pub fn vouched_for<F>(heads: &[ChangeHash], mut deps_of: F) -> BTreeSet<ChangeHash>
where
    F: FnMut(&ChangeHash) -> Option<Vec<ChangeHash>>,
{
    let mut seen = BTreeSet::new();
    let mut stack = heads.to_vec();
    while let Some(h) = stack.pop() {
        if seen.contains(&h) {
            continue;
        }
        let Some(deps) = deps_of(&h) else { continue };
        seen.insert(h);
        stack.extend(deps);
    }
    seen
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
        let heads = doc.get_heads();
        endorse(
            &mut doc,
            &ctx(),
            NodeId::from_bytes(ALICE),
            "afon.automerge",
            &heads,
            3,
        )
        .unwrap();
        let found = endorsements(&doc);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].by, NodeId::from_bytes(ALICE));
        assert_eq!(found[0].source, "afon.automerge");
        assert_eq!(found[0].heads, heads);
        assert_eq!(found[0].changes, 3);
        assert_eq!(found[0].at, ctx().now);
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
            1,
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
        let refused = endorse(&mut doc, &ctx(), NodeId::from_bytes(ALICE), "f", &heads, 1);
        assert!(
            matches!(refused, Err(Error::NotAnAccountFile(_))),
            "{refused:?}"
        );
        schema::migrate(&mut doc).unwrap();
        endorse(&mut doc, &ctx(), NodeId::from_bytes(ALICE), "f", &heads, 1).unwrap();
        assert_eq!(endorsements(&doc).len(), 1);
    }

    #[test]
    fn an_endorsement_vouches_for_the_causal_past_of_its_heads_only() {
        let mut doc = file().with_actor(ActorId::from(&[7u8; 16][..]));
        let base = doc.get_heads();
        doc.transact(|tx| tx.put(ROOT, "a", 1)).unwrap();
        let first = doc.get_heads();
        doc.transact(|tx| tx.put(ROOT, "b", 2)).unwrap();
        let second = doc.get_heads();
        let deps = |h: &ChangeHash| doc.get_change_by_hash(h).map(|c| c.deps().to_vec());
        let up_to_first = vouched_for(&first, deps);
        assert!(up_to_first.contains(&first[0]));
        assert!(
            up_to_first.contains(&base[0]),
            "the skeleton is in its past"
        );
        assert!(!up_to_first.contains(&second[0]), "a later change is not");
    }
}

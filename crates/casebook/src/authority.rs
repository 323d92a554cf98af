//! Who may change an account file, judged change by change.
//!
//! A change received from anywhere (a peer, relayed or not) is accepted only if
//! 1. it is one of the file's skeleton changes (rebuilt from the file id and owner and compared
//!    by hash), or
//! 2. its actor is a node id, that node's signature covers it (the author signs its latest
//!    change; a signature covers that change and every earlier change of the same author in its
//!    causal past, because the change hash commits to its dependencies), and that node has
//!    `write` in the file's `sharing` map **as of the change's own dependencies**.
//!
//! Judging each change by its causal past, not by the receiver's present, gives the same answer
//! on every node, so nodes never diverge over a concurrent revocation.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use automerge::{Automerge, Change, ChangeHash, ObjType, ROOT, ReadDoc, Value};
use casebook_base::{FileId, NodeId};
use casebook_doc::schema;
use casebook_store::ChangeSignature;

/// Why a batch of changes was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Refusal {
    /// A change claims the schema's actor but is not this file's skeleton.
    #[error("change {hash} claims to be the file's skeleton but is not")]
    ForgedSkeleton {
        /// The change.
        hash: ChangeHash,
    },
    /// A change's actor is not a node id.
    #[error("change {hash} has an actor that is no casebook node")]
    UnknownActor {
        /// The change.
        hash: ChangeHash,
    },
    /// No valid signature by the claimed author covers the change.
    #[error("change {hash} is not signed by its claimed author {author}")]
    Unsigned {
        /// The change.
        hash: ChangeHash,
        /// The claimed author.
        author: NodeId,
    },
    /// The author had no write access as of the change's dependencies.
    #[error("change {hash} is by {author}, who may not change this file")]
    NotAWriter {
        /// The change.
        hash: ChangeHash,
        /// The author.
        author: NodeId,
    },
    /// The file's identity or owner does not match the copy held here.
    #[error("the changes belong to another file or another owner's copy of it")]
    WrongFile,
}

/// Check that every change in `new` (the changes `after` holds beyond what was accepted
/// before) may be applied to file `file`, given the signatures at hand.
///
/// `owner` is the owner named by the copy held before, if any (a new file takes the owner its
/// genesis names).
///
/// # Errors
/// The first [`Refusal`] found; the caller must then apply none of `new`.
pub fn check_changes(
    file: FileId,
    owner: Option<NodeId>,
    after: &Automerge,
    new: &[Change],
    signatures: &HashMap<ChangeHash, [u8; 64]>,
) -> Result<(), Refusal> {
    if new.is_empty() {
        return Ok(());
    }
    let their_owner = schema::owner_of(after).map_err(|_| Refusal::WrongFile)?;
    if schema::file_id_of(after).ok() != Some(file) || owner.is_some_and(|o| o != their_owner) {
        return Err(Refusal::WrongFile);
    }
    // Rebuilding the skeleton builds a whole document, and most batches are advisers' edits
    // without a skeleton change: build it only for a batch that carries one.
    let skeleton: BTreeSet<ChangeHash> = if new
        .iter()
        .any(|c| c.actor_id().to_bytes() == schema::SCHEMA_ACTOR)
    {
        schema::skeleton_hashes(file, their_owner)
            .map_err(|_| Refusal::WrongFile)?
            .into_iter()
            .collect()
    } else {
        BTreeSet::new()
    };
    let covered = signed_new_changes(new, signatures);
    for change in new {
        let hash = change.hash();
        let actor = change.actor_id().to_bytes();
        if actor == schema::SCHEMA_ACTOR {
            if skeleton.contains(&hash) {
                continue;
            }
            return Err(Refusal::ForgedSkeleton { hash });
        }
        let author = <[u8; 32]>::try_from(actor)
            .map(NodeId::from_bytes)
            .map_err(|_| Refusal::UnknownActor { hash })?;
        if !covered.contains(&hash) {
            return Err(Refusal::Unsigned { hash, author });
        }
        if !may_write_at(after, &author, change.deps()) {
            return Err(Refusal::NotAWriter { hash, author });
        }
    }
    Ok(())
}

/// The changes of `new` covered by a valid signature of their own author: each signed change
/// and, walking its dependencies through `new`, every earlier change by the same author.
fn signed_new_changes(
    new: &[Change],
    signatures: &HashMap<ChangeHash, [u8; 64]>,
) -> BTreeSet<ChangeHash> {
    let by_hash: HashMap<ChangeHash, &Change> = new.iter().map(|c| (c.hash(), c)).collect();
    let mut covered = BTreeSet::new();
    for change in new {
        let hash = change.hash();
        let Some(signature) = signatures.get(&hash) else {
            continue;
        };
        let Ok(author) = <[u8; 32]>::try_from(change.actor_id().to_bytes()) else {
            continue;
        };
        let author = NodeId::from_bytes(author);
        let sig = ChangeSignature {
            hash,
            author,
            signature: *signature,
        };
        if !sig.verify() {
            continue;
        }
        // Everything by this author in the signed change's causal past (within the new
        // changes: older ones were accepted before) is vouched for by the same signature.
        let mut stack = vec![hash];
        let mut seen = BTreeSet::new();
        while let Some(h) = stack.pop() {
            if !seen.insert(h) {
                continue;
            }
            let Some(c) = by_hash.get(&h) else { continue };
            if c.actor_id().to_bytes() == author.as_bytes() {
                covered.insert(h);
            }
            stack.extend(c.deps().iter().copied());
        }
    }
    covered
}

/// Whether `node` has `write` in the file's sharing map as of `heads`.
pub fn may_write_at(doc: &Automerge, node: &NodeId, heads: &[ChangeHash]) -> bool {
    role_at(doc, node, Some(heads)).as_deref() == Some(schema::WRITE)
}

/// Whether `node` may read the file now (it has `read` or `write`).
pub fn may_read(doc: &Automerge, node: &NodeId) -> bool {
    matches!(
        role_at(doc, node, None).as_deref(),
        Some(schema::READ | schema::WRITE)
    )
}

fn role_at(doc: &Automerge, node: &NodeId, heads: Option<&[ChangeHash]>) -> Option<String> {
    let sharing = match heads {
        Some(h) => doc.get_at(ROOT, "sharing", h),
        None => doc.get(ROOT, "sharing"),
    }
    .ok()
    .flatten()?;
    let (Value::Object(ObjType::Map), sharing) = sharing else {
        return None;
    };
    let role = match heads {
        Some(h) => doc.get_at(&sharing, node.to_string(), h),
        None => doc.get(&sharing, node.to_string()),
    }
    .ok()
    .flatten()?;
    match role.0 {
        Value::Scalar(s) => s.as_str().map(str::to_string),
        Value::Object(_) => None,
    }
}

/// For each author of `doc`, its latest change (the one whose signature covers all the
/// author's changes), so a sender can attach one signature per author.
pub fn latest_change_per_author(doc: &Automerge) -> Vec<(NodeId, ChangeHash)> {
    let mut latest: BTreeMap<[u8; 32], (u64, ChangeHash)> = BTreeMap::new();
    for meta in doc.get_changes_meta(&[]) {
        let Ok(actor) = <[u8; 32]>::try_from(meta.actor.to_bytes()) else {
            continue;
        };
        let entry = latest.entry(actor).or_insert((meta.seq, meta.hash));
        if meta.seq >= entry.0 {
            *entry = (meta.seq, meta.hash);
        }
    }
    latest
        .into_iter()
        .map(|(a, (_, h))| (NodeId::from_bytes(a), h))
        .collect()
}

/// For each author of `doc`, the highest sequence number its valid signatures cover: a change
/// by that author with a sequence number up to it is signed (see the module docs).
pub fn signed_up_to(
    doc: &Automerge,
    signatures: &[Option<ChangeSignature>],
) -> BTreeMap<NodeId, u64> {
    let mut out: BTreeMap<NodeId, u64> = BTreeMap::new();
    for sig in signatures.iter().flatten() {
        if !sig.verify() {
            continue;
        }
        let Some(meta) = doc.get_change_meta_by_hash(&sig.hash) else {
            continue;
        };
        if meta.actor.to_bytes() != sig.author.as_bytes() {
            continue;
        }
        let e = out.entry(sig.author).or_insert(0);
        *e = (*e).max(meta.seq);
    }
    out
}

#[cfg(test)]
mod tests {
    use automerge::ActorId;
    use automerge::transaction::Transactable;

    use super::*;

    const FILE: [u8; 16] = [0x5C; 16];
    const OWNER: [u8; 32] = [0x0E; 32];

    fn skeleton() -> Automerge {
        schema::new_file(FileId::from_bytes(FILE), NodeId::from_bytes(OWNER)).unwrap()
    }

    /// `doc` with one more change by `actor`, and that change.
    fn with_change_by(mut doc: Automerge, actor: &[u8]) -> (Automerge, Vec<Change>) {
        let before = doc.get_heads();
        doc.set_actor(ActorId::from(actor));
        let mut tx = doc.transaction();
        tx.put(ROOT, "note", "added").unwrap();
        tx.commit();
        let new = doc.get_changes(&before);
        (doc, new)
    }

    /// Check `new` against the file owned by `OWNER`, with no signatures at hand.
    fn check_unsigned(doc: &Automerge, new: &[Change]) -> Result<(), Refusal> {
        check_changes(
            FileId::from_bytes(FILE),
            Some(NodeId::from_bytes(OWNER)),
            doc,
            new,
            &HashMap::new(),
        )
    }

    #[test]
    fn a_new_files_skeleton_needs_no_signature() {
        let doc = skeleton();
        let new = doc.get_changes(&[]);
        assert!(!new.is_empty());
        let checked = check_changes(FileId::from_bytes(FILE), None, &doc, &new, &HashMap::new());
        assert_eq!(checked, Ok(()));
    }

    #[test]
    fn a_change_by_the_schema_actor_that_is_not_the_skeleton_is_refused() {
        let (doc, new) = with_change_by(skeleton(), schema::SCHEMA_ACTOR);
        let checked = check_unsigned(&doc, &new);
        assert_eq!(
            checked,
            Err(Refusal::ForgedSkeleton {
                hash: new[0].hash()
            })
        );
    }

    #[test]
    fn an_unsigned_change_by_a_node_is_refused_in_a_batch_without_skeleton_changes() {
        let (doc, new) = with_change_by(skeleton(), &OWNER);
        let checked = check_unsigned(&doc, &new);
        assert_eq!(
            checked,
            Err(Refusal::Unsigned {
                hash: new[0].hash(),
                author: NodeId::from_bytes(OWNER)
            })
        );
    }
}

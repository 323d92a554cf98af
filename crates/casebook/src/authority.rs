//! Who may change an account file, judged change by change.
//!
//! A change received from anywhere (a peer, relayed or not) is accepted only if
//! 1. it is one of the file's skeleton changes (rebuilt from the file id and owner and compared
//!    by hash), or
//! 2. its actor is a node id, that node's signature covers it (the author signs its latest
//!    change; a signature covers that change and every earlier change of the same author in its
//!    causal past, because the change hash commits to its dependencies), and that node has
//!    `write` in the file's `sharing` map **as of the change's own dependencies**, or
//! 3. it was brought in from a file and is **endorsed** by a node that may write
//!    ([`casebook_doc::endorse`]): it lies in the causal past of the heads an endorsement names,
//!    the endorsement was written by the node it names, and that node has `write` as of those
//!    heads. Such a change may claim any author, except the receiving node itself (a node knows
//!    every change it made, so one it never made that claims its id is a forgery), and may not
//!    touch who may write the file, what it is, whose rules judge it, or endorsements
//!    ([`endorse::touches_protected`]): a word covers content, never authority, so nobody can
//!    vouch themselves into being a writer. An organisation document takes no word at all.
//!
//! Judging each change by its causal past, not by the receiver's present, gives the same answer
//! on every node, so nodes never diverge over a concurrent revocation.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use automerge::{Automerge, Change, ChangeHash, ObjType, ROOT, ReadDoc, Value};
use casebook_base::{FileId, NodeId};
use casebook_doc::{endorse, schema};
use casebook_i18n::{Localised, Message};
use casebook_store::ChangeSignature;

/// Why a batch of changes was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Refusal {
    /// A change claims the schema's actor but is not this file's skeleton.
    #[error("{}", self.message())]
    ForgedSkeleton {
        /// The change.
        hash: ChangeHash,
    },
    /// A change's actor is not a node id.
    #[error("{}", self.message())]
    UnknownActor {
        /// The change.
        hash: ChangeHash,
    },
    /// No valid signature by the claimed author covers the change.
    #[error("{}", self.message())]
    Unsigned {
        /// The change.
        hash: ChangeHash,
        /// The claimed author.
        author: NodeId,
    },
    /// The author had no write access as of the change's dependencies.
    #[error("{}", self.message())]
    NotAWriter {
        /// The change.
        hash: ChangeHash,
        /// The author.
        author: NodeId,
    },
    /// The file's identity or owner does not match the copy held here.
    #[error("{}", self.message())]
    WrongFile,
    /// A change accepted only on a node's word would change who may read or write the file,
    /// what it is, whose rules judge it, or other endorsements.
    #[error("{}", self.message())]
    Protected {
        /// The change.
        hash: ChangeHash,
        /// What it touches.
        key: String,
    },
    /// A change claims to be the receiving node's own, which that node never made, and only
    /// an endorsement vouches for it.
    #[error("{}", self.message())]
    ClaimsThisNode {
        /// The change.
        hash: ChangeHash,
    },
}

impl Localised for Refusal {
    fn message(&self) -> Message {
        match self {
            Refusal::ForgedSkeleton { hash } => {
                Message::new("err-refusal-forged-skeleton").with("hash", hash.to_string())
            }
            Refusal::UnknownActor { hash } => {
                Message::new("err-refusal-unknown-actor").with("hash", hash.to_string())
            }
            Refusal::Unsigned { hash, author } => Message::new("err-refusal-unsigned")
                .with("hash", hash.to_string())
                .with("author", author.to_string()),
            Refusal::NotAWriter { hash, author } => Message::new("err-refusal-not-a-writer")
                .with("hash", hash.to_string())
                .with("author", author.to_string()),
            Refusal::WrongFile => Message::new("err-refusal-wrong-file"),
            Refusal::Protected { hash, key } => Message::new("err-refusal-protected")
                .with("hash", hash.to_string())
                .with("key", key),
            Refusal::ClaimsThisNode { hash } => {
                Message::new("err-refusal-claims-this-node").with("hash", hash.to_string())
            }
        }
    }
}

/// Check that every change in `new` (the changes `after` holds beyond what was accepted
/// before) may be applied to file `file`, given the signatures at hand.
///
/// `owner` is the owner named by the copy held before, if any (a new file takes the owner its
/// genesis names); `receiver` is the node judging; `held_signed` gives, for each author, the
/// highest sequence number of its changes held here that its valid signatures cover (asked
/// only when the file holds endorsements).
///
/// # Errors
/// The first [`Refusal`] found; the caller must then apply none of `new`.
pub fn check_changes(
    file: FileId,
    owner: Option<NodeId>,
    after: &Automerge,
    new: &[Change],
    signatures: &HashMap<ChangeHash, [u8; 64]>,
    receiver: NodeId,
    held_signed: &dyn Fn() -> BTreeMap<NodeId, u64>,
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
    // An organisation's rules change only by its administrators' signed edits.
    let endorsed = if file.is_organisation() {
        BTreeSet::new()
    } else {
        endorsed_new_changes(after, new, &covered, held_signed)
    };
    for change in new {
        let hash = change.hash();
        let actor = change.actor_id().to_bytes();
        if actor == schema::SCHEMA_ACTOR {
            if skeleton.contains(&hash) {
                continue;
            }
            return Err(Refusal::ForgedSkeleton { hash });
        }
        let author = <[u8; 32]>::try_from(actor).ok().map(NodeId::from_bytes);
        if let Some(author) = author
            && covered.contains(&hash)
            && may_write_at(after, &author, change.deps())
        {
            continue;
        }
        if endorsed.contains(&hash) {
            if author == Some(receiver) {
                return Err(Refusal::ClaimsThisNode { hash });
            }
            if let Some(key) = endorse::touches_protected(after, change) {
                return Err(Refusal::Protected { hash, key });
            }
            continue;
        }
        return Err(match author {
            None => Refusal::UnknownActor { hash },
            Some(author) if covered.contains(&hash) => Refusal::NotAWriter { hash, author },
            Some(author) => Refusal::Unsigned { hash, author },
        });
    }
    Ok(())
}

/// The changes of `new` vouched for by a valid endorsement of `after`: one written by the node
/// it names, in a change that carries that node's valid signature (`covered` for a new change;
/// `held_signed`, the signatures this node holds, for one accepted before), by a node that may
/// write the file as of the heads it judged (see the module docs).
fn endorsed_new_changes(
    after: &Automerge,
    new: &[Change],
    covered: &BTreeSet<ChangeHash>,
    held_signed: &dyn Fn() -> BTreeMap<NodeId, u64>,
) -> BTreeSet<ChangeHash> {
    let endorsements = endorse::endorsements(after);
    if endorsements.is_empty() {
        return BTreeSet::new();
    }
    let new_hashes: BTreeSet<ChangeHash> = new.iter().map(Change::hash).collect();
    let mut held: Option<BTreeMap<NodeId, u64>> = None;
    let mut out = BTreeSet::new();
    for (e, writer) in with_writers(after, endorsements) {
        if !may_write_at(after, &e.by, &e.heads) {
            continue;
        }
        let signed = if new_hashes.contains(&writer.0) {
            covered.contains(&writer.0)
        } else {
            held.get_or_insert_with(held_signed)
                .get(&e.by)
                .is_some_and(|&upto| writer.1 <= upto)
        };
        if signed {
            out.extend(e.vouched.iter().filter(|h| new_hashes.contains(h)));
        }
    }
    out
}

/// Each endorsement with the (hash, sequence number) of the change that wrote it: the change by
/// its node that holds the entry's operation.
fn with_writers(
    doc: &Automerge,
    endorsements: Vec<endorse::Endorsement>,
) -> Vec<(endorse::Endorsement, (ChangeHash, u64))> {
    let metas = doc.get_changes_meta(&[]);
    endorsements
        .into_iter()
        .filter_map(|e| {
            let m = metas.iter().find(|m| {
                m.actor.to_bytes() == e.by.as_bytes() && m.start_op <= e.op && e.op <= m.max_op
            })?;
            let writer = (m.hash, m.seq);
            Some((e, writer))
        })
        .collect()
}

/// Which changes of `doc` a valid endorsement vouches for, for `history`: the earliest one
/// per change whose node may write and whose endorsing change is covered by that node's
/// signature (`signed_up_to`, from the signatures this node holds).
pub fn endorsed_changes(
    doc: &Automerge,
    signed_up_to: &BTreeMap<NodeId, u64>,
) -> HashMap<ChangeHash, endorse::Endorsement> {
    let mut out = HashMap::new();
    for (e, (_, seq)) in with_writers(doc, endorse::endorsements(doc)) {
        let signed = signed_up_to.get(&e.by).is_some_and(|&upto| seq <= upto);
        if !signed || !may_write_at(doc, &e.by, &e.heads) {
            continue;
        }
        for h in &e.vouched {
            out.entry(*h).or_insert_with(|| e.clone());
        }
    }
    out
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
    use casebook_base::SecretKey;

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
        // Automerge makes no change for a put of the value already there: make each differ.
        tx.put(ROOT, "note", format!("added by {actor:?}")).unwrap();
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
            NodeId::from_bytes([0x77; 32]),
            &BTreeMap::new,
        )
    }

    /// A file owned by `owner` (who may write) and shared read-only with `reader`, with one
    /// change by another Automerge tool (a 16-byte actor) and one that claims `claimed`'s id,
    /// then `endorser`'s endorsement of both: the document and the new changes.
    fn endorsed_by(
        owner: &SecretKey,
        reader: NodeId,
        claimed: NodeId,
        endorser: &SecretKey,
    ) -> (Automerge, Vec<Change>, HashMap<ChangeHash, [u8; 64]>) {
        let mut doc = schema::new_file(FileId::from_bytes(FILE), owner.node_id()).unwrap();
        doc.set_actor(ActorId::from(owner.node_id().as_bytes().as_slice()));
        doc.transact(|tx| {
            let sharing = tx.get(ROOT, "sharing")?.map(|(_, id)| id).unwrap();
            tx.put(&sharing, reader.to_string(), schema::READ)
        })
        .unwrap();
        let shared = doc.get_heads();
        let (doc, _) = with_change_by(doc, &[0x42; 16]);
        let (mut doc, _) = with_change_by(doc, claimed.as_bytes());
        let brought: Vec<ChangeHash> = doc.get_changes(&shared).iter().map(Change::hash).collect();
        doc.set_actor(ActorId::from(endorser.node_id().as_bytes().as_slice()));
        endorse::endorse(
            &mut doc,
            &ctx(),
            endorser.node_id(),
            "f.automerge",
            &brought,
        )
        .unwrap();
        let new = doc.get_changes(&shared);
        let last = *doc.get_heads().first().unwrap();
        let signatures = HashMap::from([(last, endorser.sign(&ChangeSignature::message(&last)))]);
        (doc, new, signatures)
    }

    fn ctx() -> casebook_doc::edit::EditContext {
        casebook_doc::edit::EditContext {
            adviser: "Endorser".into(),
            now: chrono::Utc::now(),
        }
    }

    fn check_as(
        receiver: NodeId,
        doc: &Automerge,
        new: &[Change],
        signatures: &HashMap<ChangeHash, [u8; 64]>,
    ) -> Result<(), Refusal> {
        let owner = schema::owner_of(doc).unwrap();
        check_changes(
            FileId::from_bytes(FILE),
            Some(owner),
            doc,
            new,
            signatures,
            receiver,
            &BTreeMap::new,
        )
    }

    #[test]
    fn changes_a_writer_brought_in_from_a_file_are_accepted_on_its_word() {
        let owner = SecretKey::from_seed([1; 32]);
        let reader = SecretKey::from_seed([2; 32]).node_id();
        let elsewhere = SecretKey::from_seed([3; 32]).node_id();
        let carol = SecretKey::from_seed([4; 32]).node_id();
        let (doc, new, sigs) = endorsed_by(&owner, reader, elsewhere, &owner);
        assert_eq!(
            new.len(),
            3,
            "the tool's change, the claimed one, the endorsement"
        );
        assert_eq!(check_as(carol, &doc, &new, &sigs), Ok(()));
        // Without the endorser's signature the endorsement counts for nothing: the tool's
        // change is the first refused.
        assert!(matches!(
            check_as(carol, &doc, &new, &HashMap::new()),
            Err(Refusal::UnknownActor { .. })
        ));
        // history's view: both brought-in changes are vouched for by the owner, once the
        // owner's signature of its endorsing change is held.
        assert!(endorsed_changes(&doc, &BTreeMap::new()).is_empty());
        let vouched = endorsed_changes(&doc, &BTreeMap::from([(owner.node_id(), u64::MAX)]));
        assert_eq!(
            new.iter()
                .filter(|c| vouched.contains_key(&c.hash()))
                .count(),
            2,
            "the endorsement change itself is signed, not vouched for"
        );
    }

    #[test]
    fn a_read_only_nodes_endorsement_counts_for_nothing() {
        let owner = SecretKey::from_seed([1; 32]);
        let reader = SecretKey::from_seed([2; 32]);
        let elsewhere = SecretKey::from_seed([3; 32]).node_id();
        let carol = SecretKey::from_seed([4; 32]).node_id();
        let (doc, new, sigs) = endorsed_by(&owner, reader.node_id(), elsewhere, &reader);
        let checked = check_as(carol, &doc, &new, &sigs);
        assert!(
            matches!(
                checked,
                Err(Refusal::UnknownActor { .. } | Refusal::NotAWriter { .. })
            ),
            "{checked:?}"
        );
        let signed = BTreeMap::from([(reader.node_id(), u64::MAX)]);
        assert!(endorsed_changes(&doc, &signed).is_empty());
    }

    #[test]
    fn a_reader_cannot_vouch_itself_into_being_a_writer() {
        let owner = SecretKey::from_seed([1; 32]);
        let reader = SecretKey::from_seed([2; 32]);
        let carol = SecretKey::from_seed([4; 32]).node_id();
        let mut doc = schema::new_file(FileId::from_bytes(FILE), owner.node_id()).unwrap();
        doc.set_actor(ActorId::from(owner.node_id().as_bytes().as_slice()));
        doc.transact(|tx| {
            let sharing = tx.get(ROOT, "sharing")?.map(|(_, id)| id).unwrap();
            tx.put(&sharing, reader.node_id().to_string(), schema::READ)
        })
        .unwrap();
        let shared = doc.get_heads();
        // Another "tool" grants the reader write; the reader vouches for it with its real key.
        doc.set_actor(ActorId::from(&[0x42; 16][..]));
        doc.transact(|tx| {
            let sharing = tx.get(ROOT, "sharing")?.map(|(_, id)| id).unwrap();
            tx.put(&sharing, reader.node_id().to_string(), schema::WRITE)
        })
        .unwrap();
        let grant = doc.get_changes(&shared);
        doc.set_actor(ActorId::from(reader.node_id().as_bytes().as_slice()));
        endorse::endorse(&mut doc, &ctx(), reader.node_id(), "f", &[grant[0].hash()]).unwrap();
        let word = doc.get_heads()[0];
        let sigs = HashMap::from([(word, reader.sign(&ChangeSignature::message(&word)))]);
        let new = doc.get_changes(&shared);
        let checked = check_as(carol, &doc, &new, &sigs);
        assert_eq!(
            checked,
            Err(Refusal::Protected {
                hash: grant[0].hash(),
                key: "sharing".into()
            })
        );
    }

    #[test]
    fn an_endorsed_change_claiming_the_receivers_own_id_is_refused_by_the_receiver() {
        let owner = SecretKey::from_seed([1; 32]);
        let reader = SecretKey::from_seed([2; 32]).node_id();
        let bob = SecretKey::from_seed([3; 32]).node_id();
        let carol = SecretKey::from_seed([4; 32]).node_id();
        let (doc, new, sigs) = endorsed_by(&owner, reader, bob, &owner);
        assert!(matches!(
            check_as(bob, &doc, &new, &sigs),
            Err(Refusal::ClaimsThisNode { .. })
        ));
        assert_eq!(check_as(carol, &doc, &new, &sigs), Ok(()));
    }

    #[test]
    fn a_new_files_skeleton_needs_no_signature() {
        let doc = skeleton();
        let new = doc.get_changes(&[]);
        assert!(!new.is_empty());
        let checked = check_changes(
            FileId::from_bytes(FILE),
            None,
            &doc,
            &new,
            &HashMap::new(),
            NodeId::from_bytes(OWNER),
            &BTreeMap::new,
        );
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

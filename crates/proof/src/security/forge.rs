//! What a hostile peer sends: changes by a node that may only read, changes that claim another
//! author, and the Automerge conversation that delivers them to a real [`Session`] of a real
//! node, exactly as the transport would (`Session::receive`, batch by batch).

use std::sync::Arc;

use casebook::automerge::sync::{Message as AmMessage, State, SyncDoc};
use casebook::automerge::transaction::Transactable;
use casebook::automerge::{ActorId, Automerge, ChangeHash, ROOT, ReadDoc, Value};
use casebook::edit::{self, EditContext};
use casebook::limits::PROTOCOL_VERSION;
use casebook::{ChangeSignature, FileId, Node, NodeId, SecretKey};
use casebook_proto::{Cursor, Message, WireSignature};
use casebook_sync::Session;

use super::Result;
use crate::sample::call;

/// The signature `key` makes over change `hash`, as the wire carries it.
pub fn sign(key: &SecretKey, hash: ChangeHash) -> WireSignature {
    WireSignature {
        hash: hash.0,
        signature: key.sign(&ChangeSignature::message(&hash)),
    }
}

/// The Automerge actor of node `id` (casebook's actors are node ids).
pub fn actor_of(id: NodeId) -> ActorId {
    ActorId::from(&id.as_bytes()[..])
}

/// Log a call on `doc` as `actor`, with no check of who may write; returns the new change's
/// hash.
///
/// # Errors
/// If the edit fails.
pub fn call_as(
    doc: &mut Automerge,
    actor: ActorId,
    ctx: &EditContext,
    summary: &str,
) -> Result<ChangeHash> {
    doc.set_actor(actor);
    edit::log_interaction(doc, ctx, &call(&ctx.adviser, ctx.now, summary))?;
    last_local_change(doc)
}

/// Put `role` for `node` into the file's sharing map as `actor`, with no check of who may
/// (a modified node granting itself access); returns the new change's hash.
///
/// # Errors
/// If the document has no sharing map.
pub fn grant_as(
    doc: &mut Automerge,
    actor: ActorId,
    node: NodeId,
    role: &str,
) -> Result<ChangeHash> {
    doc.set_actor(actor);
    let Some((Value::Object(_), sharing)) = doc.get(ROOT, "sharing")? else {
        return Err("the document has no sharing map".into());
    };
    doc.transact::<_, _, casebook::automerge::AutomergeError>(|tx| {
        tx.put(&sharing, node.to_string(), role)?;
        Ok(())
    })
    .map_err(|f| f.error)?;
    last_local_change(doc)
}

fn last_local_change(doc: &Automerge) -> Result<ChangeHash> {
    doc.get_last_local_change()
        .map(|c| c.hash())
        .ok_or_else(|| "no change was made".into())
}

/// How a delivery ended.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Delivery {
    /// The close code and reason if the receiver ended the session (2: a protocol violation;
    /// 3: changes to more files refused than one session may refuse).
    pub ended: Option<(u32, String)>,
    /// The reason of the receiver's `Refused` if it refused the file's changes: the file alone
    /// is out of the session, which goes on.
    pub refused: Option<String>,
    /// Messages about the file the node sent when its last message was sent again after the
    /// refusal (a peer insisting): none, since a refused file is out of the session.
    pub after_refusal: usize,
    /// `Sync` messages delivered.
    pub messages: usize,
    /// Automerge change chunks the sender's messages carried (one chunk may hold several
    /// changes, or a whole document).
    pub chunks_sent: usize,
}

/// A fresh session of `node` with `peer`, after the peer's `Hello` (no cursor: first
/// contact).
///
/// # Errors
/// If the session refuses the `Hello`.
pub fn session_after_hello(node: &Arc<Node>, peer: NodeId) -> Result<(Session, Vec<Message>)> {
    let mut session = Session::new(node.clone(), peer);
    let out = session
        .receive(vec![Message::Hello {
            version: PROTOCOL_VERSION,
            cursor: Cursor::default(),
            live: false,
        }])
        .map_err(|e| e.to_string())?;
    Ok((session, out))
}

/// Run Automerge's sync protocol for `file` from `theirs` (the peer's copy, with
/// `signatures` on every message) into a fresh session of `node` with `peer`, for up to eight
/// rounds, as the transport would deliver it; until the node refuses the file or ends the
/// session.
///
/// # Errors
/// If the node's answers cannot be decoded (a bug), or the `Hello` is refused.
pub fn deliver(
    node: &Arc<Node>,
    peer: NodeId,
    file: FileId,
    theirs: &Automerge,
    signatures: &[WireSignature],
) -> Result<Delivery> {
    let (mut session, _) = session_after_hello(node, peer)?;
    let mut doc = theirs.clone();
    let mut state = State::new();
    let mut delivery = Delivery::default();
    for _ in 0..8 {
        let Some(msg) = doc.generate_sync_message(&mut state) else {
            break;
        };
        delivery.messages += 1;
        delivery.chunks_sent += msg.changes.len();
        let sent = Message::Sync {
            file: file.to_bytes(),
            message: msg.encode(),
            signatures: signatures.to_vec(),
        };
        match session.receive(vec![sent.clone()]) {
            Ok(out) => {
                for m in out {
                    match m {
                        Message::Sync {
                            file: f, message, ..
                        } if f == file.to_bytes() => {
                            let am = AmMessage::decode(&message)?;
                            doc.receive_sync_message(&mut state, am)?;
                        }
                        Message::Refused { file: f, reason } if f == file.to_bytes() => {
                            delivery.refused = Some(reason);
                        }
                        _ => {}
                    }
                }
                if delivery.refused.is_some() {
                    // Insist once: the node must take and say nothing more of the file.
                    match session.receive(vec![sent]) {
                        Ok(out) => {
                            delivery.after_refusal = out
                                .iter()
                                .filter(|m| match m {
                                    Message::Sync { file: f, .. }
                                    | Message::Refused { file: f, .. } => *f == file.to_bytes(),
                                    _ => false,
                                })
                                .count();
                        }
                        Err(end) => delivery.ended = Some((end.code(), end.to_string())),
                    }
                    break;
                }
            }
            Err(end) => {
                delivery.ended = Some((end.code(), end.to_string()));
                break;
            }
        }
    }
    Ok(delivery)
}

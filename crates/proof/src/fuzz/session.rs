//! `session`: a whole session's worth of frames from "Alice" to a real `Session` of Bob's real
//! node (see [`super::world`]), delivered in batches as the driver delivers them.
//!
//! Input: the first byte sets the largest batch (1 + byte messages), the rest is the byte stream
//! Alice sends. Bob's session is started first, as the driver does; frames are cut by the real
//! decoder and each batch goes to [`Session::receive`]. An empty frame (which is never a
//! message) delivers the batch so far, as the end of one read from the network does. A frame
//! that does not decode ends the session (the batch it belonged to is not delivered), as in the
//! driver.
//!
//! Invariants:
//! - A batch that ends the session with an error (protocol violation, too many refused files,
//!   local failure) changed nothing: Bob's heads and log position are those before the batch.
//!   (Only "access revoked" may follow a committed batch.)
//! - A file Bob refuses (`Refused`) keeps the heads it had before the batch (or stays absent):
//!   nothing of it is stored, whatever else the batch committed. Its reason fits
//!   `MAX_REASON_BYTES` and names no change of B2 the peer did not send or name first.
//! - Every change Bob stores that was not his is a change Alice really holds, or a skeleton
//!   change of its file: the fuzzer cannot forge, alter or invent one.
//! - Every reply fits a frame and decodes back to itself; Bob never announces or lists his
//!   secret file B2, and no `Sync` he sends names or carries a change of B2 that the peer did
//!   not send or name first.
//! - The session ends, with or without an error; it never panics.
//!
//! After each input Bob is put back from the pristine image if anything of his changed.

use std::collections::HashSet;
use std::sync::Arc;

use casebook::automerge::sync::Message as AmMessage;
use casebook::automerge::{Automerge, ChangeHash, ReadDoc};
use casebook::limits::{MAX_FRAME_BYTES, MAX_INFLATED_BYTES, MAX_REASON_BYTES};
use casebook::{FileId, Node, schema};
use casebook_proto::codec::FrameDecoder;
use casebook_proto::{Message, RangeBody};
use casebook_sync::{Session, SessionEnd, Stats};

use super::world::{self, B2, StoreState, World};
use super::{Target, Violation, ensure};

/// The `session` target.
pub const TARGET: Target = Target {
    name: "session",
    run: session,
    prepare: world::prepare,
    // A `Sync` may carry a whole saved document (Automerge sends one to a peer that has
    // nothing), whose compressed columns inflate to at most MAX_INFLATED_BYTES, in a buffer
    // that may grow to twice that.
    alloc_limit: 2 * MAX_INFLATED_BYTES as usize,
};

/// A session of Bob's with the fuzzer playing Alice, and what the invariants need to know.
pub(crate) struct Conversation {
    node: Arc<Node>,
    session: Session,
    /// Everything the peer sent about B2: the changes (applied to a mirror of what Bob's shadow
    /// may hold) and every hash it named.
    secret_mirror: Automerge,
    secret_named: HashSet<ChangeHash>,
    secret_changes: HashSet<ChangeHash>,
    /// Whether Bob's session accepted a `Hello`.
    pub(crate) hello_received: bool,
    /// Whether Bob's session has ended (with an error).
    pub(crate) ended: Option<SessionEnd>,
}

impl std::fmt::Debug for Conversation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Conversation")
            .field("hello_received", &self.hello_received)
            .field("ended", &self.ended)
            .finish_non_exhaustive()
    }
}

/// The hashes an Automerge sync message names or carries (carried changes as far as they can
/// be read on their own).
fn hashes_of(am: &AmMessage) -> HashSet<ChangeHash> {
    let mut out: HashSet<ChangeHash> = am.heads.iter().chain(am.need.iter()).copied().collect();
    for have in &am.have {
        out.extend(have.last_sync.iter().copied());
    }
    let mut doc = Automerge::new();
    for chunk in am.changes.iter() {
        // As Bob's session does: no chunk Automerge would read without bounds or panic on.
        if casebook::guard::check_chunks(chunk, MAX_INFLATED_BYTES).is_ok() {
            let _ = casebook::guard::decode(|| doc.load_incremental(chunk));
        }
    }
    out.extend(doc.get_changes(&[]).iter().map(|c| c.hash()));
    out
}

impl Conversation {
    /// A new session of Bob's with Alice; `start_first` sends Bob's `Hello` before anything
    /// arrives (as the driver does). Returns the conversation and Bob's first messages.
    pub(crate) fn new(
        world: &World,
        node: Arc<Node>,
        start_first: bool,
    ) -> Result<(Self, Vec<Message>), Violation> {
        let mut session = Session::new(Arc::clone(&node), world.alice);
        let first = if start_first {
            session
                .start()
                .map_err(|e| Violation(format!("Bob's session could not start: {e}")))?
        } else {
            Vec::new()
        };
        let conversation = Self {
            node,
            session,
            secret_mirror: Automerge::new(),
            secret_named: HashSet::new(),
            secret_changes: world.secret_changes.clone(),
            hello_received: false,
            ended: None,
        };
        conversation.check_replies(&first)?;
        Ok((conversation, first))
    }

    /// Deliver one batch; returns Bob's replies (empty once the session has ended).
    pub(crate) fn deliver(&mut self, batch: Vec<Message>) -> Result<Vec<Message>, Violation> {
        if self.ended.is_some() {
            return Ok(Vec::new());
        }
        for m in &batch {
            if let Message::Sync { file, message, .. } = m
                && *file == B2
                && let Ok(am) = AmMessage::decode(message)
            {
                self.secret_named.extend(hashes_of(&am));
                for chunk in am.changes.iter() {
                    let _ = self.secret_mirror.load_incremental(chunk);
                }
            }
        }
        let has_hello = batch.iter().any(|m| matches!(m, Message::Hello { .. }));
        let before = StoreState::of(&self.node)?;
        match self.session.receive(batch) {
            Ok(out) => {
                if has_hello {
                    self.hello_received = true;
                }
                self.check_replies(&out)?;
                let after = StoreState::of(&self.node)?;
                for m in &out {
                    if let Message::Refused { file, .. } = m {
                        let file = FileId::from_bytes(*file);
                        ensure(after.heads.get(&file) == before.heads.get(&file), || {
                            format!("Bob refused file {file} but stored changes of it")
                        })?;
                    }
                }
                Ok(out)
            }
            Err(end) => {
                if !matches!(end, SessionEnd::Revoked(_)) {
                    let after = StoreState::of(&self.node)?;
                    ensure(after == before, || {
                        format!("a batch that ended the session ({end}) changed Bob's store")
                    })?;
                }
                self.ended = Some(end);
                Ok(Vec::new())
            }
        }
    }

    /// What a finished one-shot session does at the end (when it is complete).
    pub(crate) fn finish(&mut self) -> Result<(), Violation> {
        if self.ended.is_none() && self.session.is_complete() {
            self.session
                .finish()
                .map_err(|e| Violation(format!("a complete session could not finish: {e}")))?;
        }
        Ok(())
    }

    /// The invariants on what Bob sends.
    fn check_replies(&self, out: &[Message]) -> Result<(), Violation> {
        let allowed = |h: &ChangeHash| {
            !self.secret_changes.contains(h)
                || self.secret_named.contains(h)
                || self.secret_mirror.get_change_by_hash(h).is_some()
        };
        for m in out {
            let bytes = m.encode();
            ensure(bytes.len() <= MAX_FRAME_BYTES as usize, || {
                format!("Bob sent a {} of {} bytes", m.kind(), bytes.len())
            })?;
            ensure(Message::decode(&bytes).as_ref() == Ok(m), || {
                format!("Bob sent a {} his own decoder refuses", m.kind())
            })?;
            match m {
                Message::Have { file, .. } => ensure(*file != B2, || {
                    "Bob announced his secret file to Alice".into()
                })?,
                Message::Reconcile { ranges, .. } => {
                    for r in ranges {
                        if let RangeBody::Items(items) = &r.body {
                            ensure(items.iter().all(|i| i.file != B2), || {
                                "Bob listed his secret file in a reconciliation".into()
                            })?;
                        }
                    }
                }
                Message::Sync { file, message, .. } => {
                    let am = AmMessage::decode(message).map_err(|e| {
                        Violation(format!("Bob sent an undecodable Automerge message: {e}"))
                    })?;
                    let leaked: Vec<ChangeHash> =
                        hashes_of(&am).into_iter().filter(|h| !allowed(h)).collect();
                    ensure(leaked.is_empty(), || {
                        format!(
                            "a Sync Bob sent about file {} names or carries {} change(s) of his secret file: {leaked:?}",
                            FileId::from_bytes(*file),
                            leaked.len()
                        )
                    })?;
                }
                Message::Refused { file, reason } => {
                    ensure(reason.len() <= MAX_REASON_BYTES, || {
                        format!("Bob gave a reason of {} bytes", reason.len())
                    })?;
                    if *file == B2 {
                        let leaked: Vec<&ChangeHash> = self
                            .secret_changes
                            .iter()
                            .filter(|h| !allowed(h) && reason.contains(&h.to_string()))
                            .collect();
                        ensure(leaked.is_empty(), || {
                            format!("Bob's refusal of his secret file names {leaked:?}")
                        })?;
                    }
                }
                Message::Hello { .. } | Message::HaveEnd { .. } | Message::Done { .. } => {}
            }
        }
        Ok(())
    }
}

/// Every change Bob stored that was not in his pristine store must be one Alice really holds,
/// or a skeleton change of its file.
pub(crate) fn check_stored_changes(world: &World, node: &Node) -> Result<(), Violation> {
    let now = StoreState::of(node)?;
    for (file, heads) in &now.heads {
        let before = world.bob_state.heads.get(file);
        if before == Some(heads) {
            continue;
        }
        let doc = node
            .store()
            .load(*file)
            .map_err(|e| Violation(format!("Bob's file {file} no longer loads: {e}")))?
            .unwrap_or_default();
        let before: &[ChangeHash] = before.map_or(&[], Vec::as_slice);
        let mut forged: Vec<ChangeHash> = doc
            .get_changes(before)
            .iter()
            .map(|c| c.hash())
            .filter(|h| !world.alice_changes.contains(h))
            .collect();
        if !forged.is_empty() {
            // Skeleton changes are rebuilt from the file id and owner, so anyone may send them.
            let skeleton: HashSet<ChangeHash> = schema::owner_of(&doc)
                .ok()
                .and_then(|owner| schema::skeleton_hashes(*file, owner).ok())
                .unwrap_or_default()
                .into_iter()
                .collect();
            forged.retain(|h| !skeleton.contains(h));
        }
        ensure(forged.is_empty(), || {
            format!(
                "Bob stored {} change(s) of file {file} that no real node made: {forged:?}",
                forged.len()
            )
        })?;
    }
    Ok(())
}

/// What one input of the `session` target did: Bob's session statistics and how it ended.
///
/// # Errors
/// A [`Violation`] naming the broken invariant.
pub fn session_run(data: &[u8]) -> Result<(Stats, Option<String>), Violation> {
    let (batch_size, stream) = match data.split_first() {
        Some((b, rest)) => (1 + usize::from(*b), rest),
        None => (1, data),
    };
    world::with_bob(|world, node| {
        let (mut conv, _) = Conversation::new(world, Arc::clone(&node), true)?;
        let mut decoder = FrameDecoder::new();
        decoder.push(stream);
        let mut batch = Vec::new();
        loop {
            let frame = match decoder.next_frame() {
                Ok(Some(frame)) => frame,
                Ok(None) => {
                    if decoder.finish().is_ok() && !batch.is_empty() {
                        conv.deliver(std::mem::take(&mut batch))?;
                    }
                    break;
                }
                Err(_) => break,
            };
            // An empty frame (never a message) marks the end of a read: deliver the batch.
            if frame.is_empty() {
                if !batch.is_empty() {
                    conv.deliver(std::mem::take(&mut batch))?;
                }
            } else {
                let Ok(msg) = Message::decode(&frame) else {
                    break;
                };
                batch.push(msg);
                if batch.len() >= batch_size {
                    conv.deliver(std::mem::take(&mut batch))?;
                }
            }
            if conv.ended.is_some() {
                break;
            }
        }
        conv.finish()?;
        let stats = conv.session.stats().clone();
        let ended = conv.ended.take().map(|e| e.to_string());
        drop(conv);
        check_stored_changes(world, &node)?;
        Ok((stats, ended))
    })
}

/// One input of the `session` target.
///
/// # Errors
/// A [`Violation`] naming the broken invariant.
pub fn session(data: &[u8]) -> Result<(), Violation> {
    session_run(data).map(|_| ())
}

//! The per-file sync state of a session ([`FileSync`]) and how a file enters and settles.

use std::collections::{BTreeSet, HashMap};

use automerge::sync::State;
use automerge::{Automerge, ChangeHash};
use casebook::{FileId, FileSummary, NodeId};
use casebook_base::limits::{MAX_FILES_ENTERING, MAX_FILES_WAITING};

use super::{Session, SessionEnd, hashes, now_ms, same_heads};
use crate::record::FileRecord;

/// The sync of one file with the peer, while it is in play.
#[derive(Debug)]
pub(super) struct FileSync {
    pub(super) state: State,
    /// Whether this node answers from a shadow: for a file it does not share with the peer (or
    /// does not hold), the session only ever answers from the document as the peer has shown
    /// it, so the peer cannot tell the file from a missing one.
    pub(super) is_shadow: bool,
    /// The shadow document, while not in use.
    pub(super) shadow: Option<Automerge>,
    /// The owner named by the copy held here, if any.
    pub(super) owner: Option<NodeId>,
    /// Signatures received for this file in this session (a change may arrive before the
    /// changes it depends on, and wait).
    pub(super) signatures: HashMap<ChangeHash, [u8; 64]>,
    /// Whether this side has sent changes of the file.
    pub(super) sent_changes: bool,
    /// The heads this side last told the peer in a `Sync` of this file.
    pub(super) told: Vec<ChangeHash>,
    /// The document this session works on between batches (it keeps changes that arrived
    /// before their dependencies, which a reload from the store would lose).
    pub(super) working: Option<Automerge>,
}

impl Session {
    /// Queue `file` to enter play (unless it is in play or queued already, or refused in this
    /// session).
    ///
    /// # Errors
    /// [`SessionEnd::Protocol`] beyond [`MAX_FILES_WAITING`]: more files than any store holds.
    pub(super) fn wait(&mut self, file: FileId) -> Result<(), SessionEnd> {
        if self.files.contains_key(&file)
            || self.queued.contains(&file)
            || self.refused.contains_key(&file)
        {
            return Ok(());
        }
        if self.waiting.len() >= MAX_FILES_WAITING {
            return Err(SessionEnd::Protocol(
                casebook_i18n::Message::new("sync-protocol-too-many-announced")
                    .with("limit", MAX_FILES_WAITING),
            ));
        }
        self.waiting.push_back(file);
        self.queued.insert(file);
        Ok(())
    }

    /// Take `file` out of play, remembering the heads last told the peer.
    pub(super) fn leave(&mut self, file: FileId) {
        if let Some(gone) = self.files.remove(&file)
            && !gone.told.is_empty()
        {
            self.told_before.insert(file, gone.told);
        }
    }

    /// Put waiting files into play while fewer than [`MAX_FILES_ENTERING`] are; returns them.
    ///
    /// A file that settled in this session at the heads this node still holds is not put back
    /// in play: the peer holds them (it would have announced any change of its own since, see
    /// [`Self::forget_told`]), and this side's first word would name exactly the heads the peer
    /// last heard from it, which the peer takes for an acknowledgement and leaves unanswered, so
    /// the file would stay in play here for ever. That happens when the peer syncs a file that
    /// still waits here, as after a first clone by reconciliation while this node's adviser
    /// writes: the writes are announced, and the peer follows them before the queue's turn.
    pub(super) fn admit_waiting(&mut self) -> Result<BTreeSet<FileId>, SessionEnd> {
        let mut admitted = BTreeSet::new();
        while self.files.len() < MAX_FILES_ENTERING {
            let Some(file) = self.waiting.pop_front() else {
                break;
            };
            self.queued.remove(&file);
            // Queued before it was refused: the other side ignores it now, so in play it would
            // wait for an answer that never comes.
            if self.refused.contains_key(&file) {
                continue;
            }
            if !self.files.contains_key(&file) {
                let summary = self.node.store().summary(file)?;
                if self.settled_at_our_heads(file, summary.as_ref())? {
                    continue;
                }
                self.enter(file, summary.as_ref())?;
            }
            admitted.insert(file);
        }
        Ok(admitted)
    }

    /// Whether `file` (shared with the peer) settled in this session at the heads this node
    /// holds now.
    fn settled_at_our_heads(
        &self,
        file: FileId,
        summary: Option<&FileSummary>,
    ) -> Result<bool, SessionEnd> {
        let Some(told) = self.told_before.get(&file) else {
            return Ok(false);
        };
        if !self.readable(summary) {
            return Ok(false);
        }
        let ours = self.node.store().heads(file)?.unwrap_or_default();
        Ok(!ours.is_empty() && same_heads(told, &ours))
    }

    /// The peer announced `file` at `heads`: if they are not the heads it settled at in this
    /// session, what it was told then no longer says what it holds.
    pub(super) fn forget_told(&mut self, file: FileId, heads: &[ChangeHash]) {
        if self
            .told_before
            .get(&file)
            .is_some_and(|told| heads.is_empty() || !same_heads(told, heads))
        {
            self.told_before.remove(&file);
        }
    }

    /// The record of a file that settled: both sides hold `their_heads`, so any refusal of an
    /// earlier session is over.
    pub(super) fn record(state: &State, their_heads: &[ChangeHash]) -> FileRecord {
        FileRecord {
            automerge: state.encode(),
            their_heads: hashes(their_heads),
            at_ms: now_ms(),
            refused: None,
        }
    }

    /// Start syncing `file`: from its persisted state if it is shared with the peer, from an
    /// empty shadow otherwise.
    pub(super) fn enter(
        &mut self,
        file: FileId,
        summary: Option<&FileSummary>,
    ) -> Result<(), SessionEnd> {
        let owner = summary.and_then(|s| s.owner.parse::<NodeId>().ok());
        let readable = self.readable(summary);
        let state = if readable {
            self.node
                .store()
                .sync_state(&self.peer, file)?
                .and_then(|b| FileRecord::decode(&b))
                .and_then(|r| State::decode(&r.automerge).ok())
                .unwrap_or_default()
        } else {
            State::new()
        };
        self.files.insert(
            file,
            FileSync {
                state,
                is_shadow: !readable,
                shadow: (!readable).then(Automerge::new),
                owner,
                signatures: HashMap::new(),
                sent_changes: false,
                told: self.told_before.get(&file).cloned().unwrap_or_default(),
                working: None,
            },
        );
        Ok(())
    }
}

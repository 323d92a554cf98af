//! What this side tells the peer about its log: announcements (`Have` … `HaveEnd`), set
//! reconciliation when a cursor is void, the peer's cursor, and `Done`.

use std::collections::BTreeSet;

use casebook::FileId;
use casebook_base::limits::MAX_HEADS_PER_HAVE;
use casebook_proto::{Cursor, Item, Message};

use super::{Batch, Session, SessionEnd, hashes, now_ms, same_heads};
use crate::reconcile;
use crate::record::{self, FileRecord, PeerRecord};

impl Session {
    /// What to tell the peer once its `Hello` arrived. With a cursor into this node's current
    /// log, the files changed since (see [`Self::announce`]); with a void one (first contact,
    /// or a log re-created since), set reconciliation instead of announcing every file, opened
    /// by one side only when both cursors are void (the lower node id).
    pub(super) fn first_announcement(&mut self) -> Result<Vec<Message>, SessionEnd> {
        self.refresh_peer_judges()?;
        let store = self.node.store();
        let epoch = store.log_epoch()?;
        if self.their_cursor.is_some_and(|c| c.epoch == epoch) {
            return Ok(self.announce()?.0);
        }
        // Read before the items are: whatever changes later is announced by later ticks or
        // sessions, from this position.
        let upto = store.log_seq()?;
        self.announced_upto = upto;
        self.reconciling = true;
        let mut out = Vec::new();
        let ours_void = self.saved_cursor.is_none_or(|c| c == Cursor::default());
        if !ours_void || self.node.node_id() < self.peer {
            let ranges = reconcile::describe(self.reconcile_items()?, None);
            out.push(self.reconcile_message([0; 16], ranges));
        }
        out.push(Message::HaveEnd {
            upto: Cursor { epoch, seq: upto },
        });
        Ok(out)
    }

    /// A `Reconcile` of the peer: answer its ranges, and put the files found to differ into
    /// play (or in the queue of files waiting to enter it).
    pub(super) fn on_reconcile(
        &mut self,
        work: &mut Batch,
        lower: [u8; 16],
        ranges: Vec<casebook_proto::Range>,
    ) -> Result<(), SessionEnd> {
        self.require_hello()?;
        self.requests_received += 1;
        self.peer_done = None;
        self.reconciling = true;
        let answer = reconcile::answer(self.reconcile_items()?, lower, &ranges);
        for (lower, ranges) in answer.replies {
            work.out.push(self.reconcile_message(lower, ranges));
        }
        for file in answer.differing {
            self.stats.reconciled += 1;
            if self.files.contains_key(&file) {
                work.touched.insert(file);
            } else {
                self.wait(file)?;
            }
        }
        Ok(())
    }

    /// This node's reconciliation items: one per file it holds and shares with the peer.
    fn reconcile_items(&mut self) -> Result<&[Item], SessionEnd> {
        if self.reconcile_items.is_none() {
            let store = self.node.store();
            let mut items = Vec::new();
            for summary in store.summaries()? {
                if !self.readable(Some(&summary)) {
                    continue;
                }
                let Ok(file) = summary.file_id.parse::<FileId>() else {
                    continue;
                };
                match store.heads(file)? {
                    Some(heads) if !heads.is_empty() => items.push(reconcile::item(file, &heads)),
                    _ => {}
                }
            }
            items.sort();
            self.reconcile_items = Some(items);
        }
        Ok(self.reconcile_items.as_deref().unwrap_or_default())
    }

    fn reconcile_message(
        &mut self,
        lower: [u8; 16],
        ranges: Vec<casebook_proto::Range>,
    ) -> Message {
        self.requests_sent += 1;
        self.stats.reconcile_messages += 1;
        Message::Reconcile { lower, ranges }
    }

    /// Announce the shared files changed after the peer's cursor (or since the last
    /// announcement), then `HaveEnd`. Returns the messages and the changed files already in
    /// play (their sync must go on from the new local state).
    pub(super) fn announce(&mut self) -> Result<(Vec<Message>, BTreeSet<FileId>), SessionEnd> {
        let node = std::sync::Arc::clone(&self.node);
        let store = node.store();
        let epoch = store.log_epoch()?;
        let from = match self.their_cursor {
            Some(c) if c.epoch == epoch => c.seq,
            _ => 0,
        }
        .max(self.announced_upto);
        let mut out = Vec::new();
        let mut in_play = BTreeSet::new();
        let mut upto = from.max(self.announced_upto);
        // The rules of the organisations judging the files the peer may read are the peer's to
        // read too (read-only, to judge those files alike); a file newly shared with it may name
        // one it lacks, so each such organisation is announced with the first file naming it.
        self.refresh_peer_judges()?;
        let mut judges = Vec::new();
        let mut seen = BTreeSet::new();
        for (seq, file) in store.changed_since(from)? {
            upto = upto.max(seq);
            seen.insert(file);
            let summary = store.summary(file)?;
            if let Some(judge) = summary.as_ref().and_then(|s| s.judge.as_deref())
                && self.readable(summary.as_ref())
                && let Ok(judge) = judge.parse::<FileId>()
                && self.judges_announced.insert(judge)
            {
                judges.push(judge);
            }
            self.announce_file(file, summary.as_ref(), &mut out, &mut in_play)?;
        }
        for judge in judges {
            let summary = store.summary(judge)?;
            if summary.is_some() && !seen.contains(&judge) {
                self.announce_file(judge, summary.as_ref(), &mut out, &mut in_play)?;
            }
        }
        self.announced_upto = upto;
        out.push(Message::HaveEnd {
            upto: Cursor { epoch, seq: upto },
        });
        Ok((out, in_play))
    }

    /// Announce one file to the peer, unless it may not read it, it is in play (then it is
    /// added to `in_play`), it was refused in this session, or the peer holds it at these heads.
    fn announce_file(
        &mut self,
        file: FileId,
        summary: Option<&casebook::FileSummary>,
        out: &mut Vec<Message>,
        in_play: &mut BTreeSet<FileId>,
    ) -> Result<(), SessionEnd> {
        let store = self.node.store();
        if !self.readable(summary) {
            if self.offered.contains(&file) {
                return Err(SessionEnd::unshared(file));
            }
            return Ok(());
        }
        if self.files.contains_key(&file) {
            in_play.insert(file);
            return Ok(());
        }
        // Refused in this session (by either side): the peer would ignore the news.
        if self.refused.contains_key(&file) {
            return Ok(());
        }
        let heads = store.heads(file)?.unwrap_or_default();
        // A file the peer already holds at exactly these heads (it came from the peer, or
        // settled with it since) is no news.
        let agreed = store
            .sync_state(&self.peer, file)?
            .and_then(|b| FileRecord::decode(&b))
            .is_some_and(|r| same_heads(&r.their_heads(), &heads));
        if agreed {
            return Ok(());
        }
        let heads = if heads.len() > MAX_HEADS_PER_HAVE {
            Vec::new()
        } else {
            hashes(&heads)
        };
        self.stats.announced += 1;
        out.push(Message::Have {
            file: file.to_bytes(),
            heads,
        });
        Ok(())
    }

    /// Say `Done` when there is nothing left to send, and save the peer's cursor once every
    /// file it announced has settled.
    pub(super) fn maybe_done(&mut self) -> Result<Vec<Message>, SessionEnd> {
        if !self.locally_quiescent() {
            return Ok(Vec::new());
        }
        if !self.reconciling {
            self.save_pending_cursor()?;
        }
        let now = (self.requests_received, self.requests_sent);
        if self.done_sent == Some(now) {
            return Ok(Vec::new());
        }
        self.done_sent = Some(now);
        Ok(vec![Message::Done {
            seen: self.requests_received,
        }])
    }

    /// Save the cursor the peer's `HaveEnd` gave, once everything it stands for is stored.
    pub(super) fn save_pending_cursor(&mut self) -> Result<(), SessionEnd> {
        if let Some(cursor) = self.pending_cursor
            && self.saved_cursor != Some(cursor)
        {
            let rec = PeerRecord {
                cursor,
                last_contact_ms: now_ms(),
            };
            let peer = self.peer;
            self.node
                .store()
                .update(|txn| txn.put_cursor(&peer, &record::encode(&rec)))?;
            self.saved_cursor = Some(cursor);
        }
        Ok(())
    }
}

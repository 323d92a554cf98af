//! Taking in a peer's `Sync`: decoding and applying it to the file's document, checking every
//! new change with [`casebook::authority`] (a file with a refused change is refused alone, see
//! `refused`), and committing a batch's changes in one transaction.

use std::collections::HashMap;
use std::sync::Arc;

use automerge::sync::{Message as AmMessage, SyncDoc};
use automerge::{Automerge, ChangeHash};
use casebook::authority::{self, Refusal};
use casebook::{ChangeSignature, FileId, NodeId, Origin};
use casebook_base::limits::{MAX_FILES_IN_PLAY, MAX_INFLATED_BYTES};
use casebook_proto::WireSignature;

use super::blooms::usable_blooms;
use super::{Arrived, Batch, ConflictsArrived, Session, SessionEnd, same_heads};
use crate::record::{self, FileRecord};

impl Session {
    /// A `Sync` of the peer: the file enters play if it is not yet, an acknowledgement may
    /// settle it, and otherwise the message is applied to the file's document and its new
    /// changes are checked and kept for [`Self::commit`]. A file refused in this session is
    /// not looked at again; one whose new changes fail the check is refused now.
    pub(super) fn on_sync(
        &mut self,
        work: &mut Batch,
        file: [u8; 16],
        message: Vec<u8>,
        signatures: Vec<WireSignature>,
    ) -> Result<(), SessionEnd> {
        self.require_hello()?;
        self.requests_received += 1;
        self.peer_done = None;
        let file = FileId::from_bytes(file);
        let am = AmMessage::decode(&message).map_err(|e| {
            SessionEnd::Protocol(
                casebook_i18n::Message::new("sync-protocol-undecodable").with("why", e.to_string()),
            )
        })?;
        usable_blooms(&am)?;
        // Automerge reads the changes joined into one byte string, so a chunk may straddle
        // two of them: check them as Automerge reads them, with one budget for all.
        let joined: Vec<u8> = am.changes.iter().flatten().copied().collect();
        casebook_base::guard::check_chunks(&joined, MAX_INFLATED_BYTES).map_err(|reason| {
            SessionEnd::Protocol(
                casebook_i18n::Message::new("sync-protocol-unusable")
                    .with("why", reason.to_string()),
            )
        })?;
        // The peer sent it before it heard of the refusal, or a hostile one insists: either
        // way, nothing more of this file is taken in this session.
        if self.refused.contains_key(&file) {
            return Ok(());
        }
        if !self.files.contains_key(&file) {
            // An honest peer starts at most MAX_FILES_ENTERING files itself; beyond this
            // bound it is making this node hold a document per made-up file id.
            if self.files.len() >= MAX_FILES_IN_PLAY {
                return Err(SessionEnd::Protocol(
                    casebook_i18n::Message::new("sync-protocol-too-many-in-play")
                        .with("limit", MAX_FILES_IN_PLAY),
                ));
            }
            let summary = self.node.store().summary(file)?;
            self.enter(file, summary.as_ref())?;
        }
        work.touched.insert(file);
        let ours_now = self.node.store().heads(file)?.unwrap_or_default();
        let Some(fs) = self.files.get_mut(&file) else {
            return Ok(());
        };
        for s in signatures {
            fs.signatures.insert(ChangeHash(s.hash), s.signature);
        }
        // An acknowledgement (no changes, nothing needed, the same heads as the
        // ones this side told) settles a shared file without loading it. The
        // peer's *first* word on a file can also name our heads (another session
        // with the same peer delivered them meanwhile); that one is answered, or
        // the peer would wait for our heads for ever.
        if !fs.is_shadow
            && !work.docs.contains_key(&file)
            && am.changes.is_empty()
            && am.need.is_empty()
            && !ours_now.is_empty()
            && same_heads(&ours_now, &am.heads)
            && same_heads(&fs.told, &ours_now)
        {
            fs.state.shared_heads.clone_from(&ours_now);
            work.settled
                .push((file, Self::record(&fs.state, &ours_now)));
            self.leave(file);
            work.touched.remove(&file);
            return Ok(());
        }
        let mut doc = match fs.shadow.take() {
            Some(shadow) => shadow,
            None => match work.docs.remove(&file) {
                Some(d) => Arc::unwrap_or_clone(d),
                None => match fs.working.take() {
                    Some(w) if same_heads(&w.get_heads(), &ours_now) => w,
                    _ => self.node.store().load(file)?.unwrap_or_default(),
                },
            },
        };
        let before = doc.get_heads();
        // Automerge can panic on some malformed change chunks: the guard makes that an error,
        // and the session (with the half-changed document) ends.
        casebook_base::guard::decode(|| doc.receive_sync_message(&mut fs.state, am)).map_err(
            |e| {
                SessionEnd::Protocol(
                    casebook_i18n::Message::new("sync-protocol-unusable")
                        .with("why", e.to_string()),
                )
            },
        )?;
        let new = doc.get_changes(&before);
        // A copy that does not share the file with this node is never taken in (a
        // well-behaved peer does not offer it); refused exactly like a second genesis of a
        // file held here, so the two cannot be told apart. That verdict comes first: what
        // the authority check says of such a copy depends on the owner held here, if any.
        // An organisation's document is the exception: a peer offers it to every node holding
        // a file it judges, read-only, and it judges only files that name it and its maker
        // (`casebook::organisation`), so one that judges nothing here is harmless; its changes
        // still need its administrators' signatures.
        let verdict = if !new.is_empty()
            && !file.is_organisation()
            && !authority::may_read(&doc, &self.node.node_id())
        {
            Err(Refusal::WrongFile)
        } else {
            authority::check_changes(
                file,
                fs.owner,
                &doc,
                &new,
                &fs.signatures,
                self.node.node_id(),
                // Only asked when the file holds endorsements; a store error counts none.
                &|| self.node.signed_up_to(file).unwrap_or_default(),
            )
        };
        if let Err(refusal) = verdict {
            // The document holds the refused changes: it goes, and is never kept as a
            // working document or a shadow.
            drop(doc);
            return self.refuse(work, file, &refusal);
        }
        if fs.owner.is_none() && !new.is_empty() {
            fs.owner = casebook::schema::owner_of(&doc).ok();
        }
        if !new.is_empty() {
            work.arrived.push((file, new));
        }
        if fs.is_shadow {
            fs.shadow = Some(doc);
        } else {
            work.docs.insert(file, Arc::new(doc));
        }
        Ok(())
    }

    /// Store every file that received valid changes, in one transaction, before anything that
    /// acknowledges them is sent; with the settled (and refused) files' records. The
    /// signatures of a file that left play in the batch are in `kept_signatures`.
    pub(super) fn commit(
        &mut self,
        arrived: Arrived,
        docs: &mut HashMap<FileId, Arc<Automerge>>,
        settled: &[(FileId, FileRecord)],
        kept_signatures: &HashMap<FileId, HashMap<ChangeHash, [u8; 64]>>,
    ) -> Result<(), SessionEnd> {
        if arrived.is_empty() && settled.is_empty() {
            return Ok(());
        }
        let peer = self.peer;
        let node = Arc::clone(&self.node);
        let files = &self.files;
        // Open conflicts before, from the index, to tell which files the peer's changes put
        // new concurrent values in.
        let conflicts_of = |file: FileId| -> Result<usize, SessionEnd> {
            Ok(node.store().summary(file)?.map_or(0, |s| s.conflicts))
        };
        let mut before = Vec::with_capacity(arrived.len());
        for (file, _) in &arrived {
            before.push((*file, conflicts_of(*file)?));
        }
        let stored = node.store().update(|txn| {
            let mut stored = Vec::new();
            for (file, changes) in arrived {
                let signatures: Vec<ChangeSignature> = files
                    .get(&file)
                    .map(|fs| &fs.signatures)
                    .or_else(|| kept_signatures.get(&file))
                    .map(|received| {
                        changes
                            .iter()
                            .filter_map(|c| {
                                let signature = *received.get(&c.hash())?;
                                let author = <[u8; 32]>::try_from(c.actor_id().to_bytes()).ok()?;
                                Some(ChangeSignature {
                                    hash: c.hash(),
                                    author: NodeId::from_bytes(author),
                                    signature,
                                })
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                let (merged, count) = node.store_changes_in(
                    txn,
                    file,
                    changes,
                    Origin::Peer { node: peer },
                    signatures,
                )?;
                stored.push((file, merged, count));
            }
            for (file, rec) in settled {
                txn.put_sync_state(&peer, *file, &record::encode(rec))?;
            }
            Ok::<_, casebook::Error>(stored)
        })?;
        for (file, was) in before {
            let now = conflicts_of(file)?;
            if now > was {
                self.stats.conflicts_arrived.retain(|c| c.file_id != file);
                self.stats.conflicts_arrived.push(ConflictsArrived {
                    file_id: file,
                    conflicts: now,
                });
            }
        }
        for (file, merged, count) in stored {
            // Clients: an organisation's rules received with them are not counted.
            if count > 0 && !file.is_organisation() {
                self.stats.files_received += 1;
                self.stats.changes_received += count;
            }
            // Keep the working document (it may hold changes still waiting for their
            // dependencies) unless another writer moved the file meanwhile.
            let keep = docs
                .get(&file)
                .is_some_and(|d| same_heads(&d.get_heads(), &merged.get_heads()));
            if self.files.get(&file).is_some_and(|f| !f.is_shadow) && !keep {
                docs.insert(file, Arc::new(merged));
            }
        }
        Ok(())
    }
}

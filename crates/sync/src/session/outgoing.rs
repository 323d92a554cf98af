//! What this side says about the files in play: the next Automerge message of each, with the
//! signatures that cover its changes, and which files settle.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use automerge::sync::{State, SyncDoc};
use automerge::{Automerge, ChangeHash};
use casebook::authority;
use casebook::{FileId, Node};
use casebook_proto::{Message, WireSignature};

use super::{Session, SessionEnd, may_read_doc, same_heads};
use crate::record;

impl Session {
    /// Generate the next Automerge message of every touched file; files with nothing left to
    /// say and the peer's heads equal to ours settle (their state is saved).
    pub(super) fn generate_all(
        &mut self,
        touched: BTreeSet<FileId>,
        docs: &mut HashMap<FileId, Arc<Automerge>>,
    ) -> Result<Vec<Message>, SessionEnd> {
        let mut out = Vec::new();
        let mut settled = Vec::new();
        let peer = self.peer;
        for file in touched {
            let Some(fs) = self.files.get_mut(&file) else {
                continue;
            };
            if !fs.is_shadow && !docs.contains_key(&file) {
                // Answering needs only to read: share the store's parsed copy.
                let doc = self.node.store().load_shared(file)?.unwrap_or_default();
                docs.insert(file, doc);
            }
            let doc = if fs.is_shadow {
                fs.shadow.as_ref()
            } else {
                docs.get(&file).map(Arc::as_ref)
            };
            let Some(doc) = doc else { continue };
            // Judge by the very document we answer from: a file unshared since it entered play
            // must not send another byte.
            if !fs.is_shadow && !may_read_doc(peer, &self.peer_judges, file, doc) {
                return Err(SessionEnd::unshared(file));
            }
            let heads = doc.get_heads();
            let agreed = |state: &State| {
                state
                    .their_heads
                    .as_ref()
                    .is_some_and(|t| same_heads(t, &heads))
            };
            let mut generated = doc.generate_sync_message(&mut fs.state);
            if generated.is_none() && agreed(&fs.state) && !same_heads(&fs.told, &heads) {
                // Automerge takes a peer's message naming our heads as if we had told them
                // ours; the peer still waits to hear them from us before it settles.
                fs.state.last_sent_heads.clear();
                generated = doc.generate_sync_message(&mut fs.state);
            }
            match generated {
                Some(msg) => {
                    fs.told.clone_from(&heads);
                    let carries_changes = !msg.changes.is_empty();
                    // A message that only tells the peer heads it already has settles the
                    // file on this side: nothing more will be asked of it.
                    let settles = !carries_changes && msg.need.is_empty() && agreed(&fs.state);
                    let signatures = if carries_changes && !fs.is_shadow {
                        signatures_for(&self.node, doc)?
                    } else {
                        Vec::new()
                    };
                    if carries_changes && !fs.sent_changes {
                        fs.sent_changes = true;
                        // Clients: an organisation's rules offered with them are not counted.
                        if !file.is_organisation() {
                            self.stats.files_sent += 1;
                        }
                    }
                    if !fs.is_shadow {
                        self.offered.insert(file);
                    }
                    self.requests_sent += 1;
                    out.push(Message::Sync {
                        file: file.to_bytes(),
                        message: msg.encode(),
                        signatures,
                    });
                    if settles {
                        fs.state.shared_heads.clone_from(&heads);
                        settled.push((file, Self::record(&fs.state, &heads)));
                        self.leave(file);
                    }
                }
                None => {
                    if agreed(&fs.state) {
                        // Also for a shadow: the peer holds exactly these heads, all of which
                        // are stored here now, so announcing them back would be an echo.
                        settled.push((file, Self::record(&fs.state, &heads)));
                        self.leave(file);
                    }
                }
            }
        }
        if !settled.is_empty() {
            let peer = self.peer;
            self.node.store().update(|txn| {
                for (file, rec) in &settled {
                    txn.put_sync_state(&peer, *file, &record::encode(rec))?;
                }
                Ok::<_, casebook::StoreError>(())
            })?;
        }
        Ok(out)
    }
}

/// The signature of the latest change of each author of `doc`, which covers all of that
/// author's changes (see [`casebook::authority`]).
fn signatures_for(node: &Node, doc: &Automerge) -> Result<Vec<WireSignature>, SessionEnd> {
    let latest = authority::latest_change_per_author(doc);
    let hashes: Vec<ChangeHash> = latest.iter().map(|(_, h)| *h).collect();
    let stored = node.store().signatures(&hashes)?;
    Ok(stored
        .into_iter()
        .flatten()
        .map(|s| WireSignature {
            hash: s.hash.0,
            signature: s.signature,
        })
        .collect())
}

//! One file's changes refused without ending the session: this node refuses a peer's changes
//! to a file (`Refused` goes out), or the peer says it refused ours (`Refused` comes in).
//!
//! Either way the file is out of play on this side for the rest of the session, the refusal
//! is in [`Stats::refused`](super::Stats) and, for a file this node holds and shares with the
//! peer, in the file's record for `casebook status` (cleared when the file next settles). Every
//! other file goes on syncing. `Refused` counts as a request in `Done`, like `Sync`, so the
//! refusing side completes only once the other has taken it in.

use casebook::FileId;
use casebook::authority::Refusal;
use casebook_base::limits::{MAX_FILES_REFUSED, MAX_REASON_BYTES};
use casebook_proto::Message;

use super::stats::RefusedFile;
use super::{Batch, Session, SessionEnd, now_ms};
use crate::record::{FileRecord, RefusalRecord, RefusedBy};

impl Session {
    /// This node refuses the peer's changes to `file` (in play): nothing of the file from this
    /// batch is stored, the peer is told, and the file is out of play for the session.
    ///
    /// The reason is the refusal's own text, which for a copy that does not share the file
    /// with this node ([`Refusal::WrongFile`]) is the same whatever this node holds.
    ///
    /// # Errors
    /// [`SessionEnd::Refused`] when this would be the session's refusal number
    /// [`MAX_FILES_REFUSED`] + 1 (nothing of the batch is stored then either); storage errors.
    pub(super) fn refuse(
        &mut self,
        work: &mut Batch,
        file: FileId,
        refusal: &Refusal,
    ) -> Result<(), SessionEnd> {
        if self.refused.len() >= MAX_FILES_REFUSED {
            return Err(SessionEnd::Refused(refusal.clone()));
        }
        // Changes an earlier message of this batch brought for the file passed on their own,
        // but the file's copy as a whole did not: none of it is stored.
        work.arrived.retain(|(f, _)| *f != file);
        work.settled.retain(|(f, _)| *f != file);
        work.docs.remove(&file);
        work.touched.remove(&file);
        let reason = within_limit(&refusal.to_string());
        self.take_out(work, file, reason.clone(), RefusedBy::ThisNode)?;
        self.requests_sent += 1;
        work.out.push(Message::Refused {
            file: file.to_bytes(),
            reason,
        });
        Ok(())
    }

    /// The peer's `Refused`: it will take nothing more of `file` in this session, so the file
    /// leaves play here too (or never enters it). The peer's changes to it that arrived
    /// earlier in this batch were checked and are still stored.
    ///
    /// # Errors
    /// [`SessionEnd::Protocol`] before `Hello`, or beyond [`MAX_FILES_REFUSED`] refusals;
    /// storage errors.
    pub(super) fn on_refused(
        &mut self,
        work: &mut Batch,
        file: [u8; 16],
        reason: &str,
    ) -> Result<(), SessionEnd> {
        self.require_hello()?;
        self.requests_received += 1;
        self.peer_done = None;
        let file = FileId::from_bytes(file);
        if self.refused.contains_key(&file) {
            return Ok(());
        }
        if self.refused.len() >= MAX_FILES_REFUSED {
            return Err(SessionEnd::Protocol(
                casebook_i18n::Message::new("sync-protocol-too-many-refused")
                    .with("limit", MAX_FILES_REFUSED),
            ));
        }
        work.touched.remove(&file);
        self.take_out(work, file, printable(reason), RefusedBy::Peer)
    }

    /// Take `file` out of play for the rest of the session and record the refusal: in the
    /// statistics, and in the file's record with the peer when the file was in play from this
    /// node's own copy (a file it holds and shares with the peer; a shadow leaves no trace).
    fn take_out(
        &mut self,
        work: &mut Batch,
        file: FileId,
        reason: String,
        by: RefusedBy,
    ) -> Result<(), SessionEnd> {
        let gone = self.files.remove(&file);
        self.refused.insert(file, by);
        self.stats.refused.push(RefusedFile {
            file_id: file,
            reason: reason.clone(),
            refused_by: by,
        });
        let Some(gone) = gone else {
            return Ok(());
        };
        if work.arrived.iter().any(|(f, _)| *f == file) {
            work.kept_signatures.insert(file, gone.signatures);
        }
        if !gone.is_shadow {
            // Keep what both sides last agreed on, so the next session starts from there.
            let previous = self
                .node
                .store()
                .sync_state(&self.peer, file)?
                .and_then(|b| FileRecord::decode(&b))
                .unwrap_or_default();
            let refused = RefusalRecord {
                reason,
                by,
                at_ms: now_ms(),
            };
            work.settled.push((
                file,
                FileRecord {
                    refused: Some(refused),
                    ..previous
                },
            ));
        }
        Ok(())
    }
}

/// `reason` cut to at most [`MAX_REASON_BYTES`] bytes, at a character boundary.
fn within_limit(reason: &str) -> String {
    let mut end = reason.len().min(MAX_REASON_BYTES);
    while !reason.is_char_boundary(end) {
        end -= 1;
    }
    reason[..end].to_string()
}

/// A peer's reason as it may be shown: its control characters (a terminal escape, a line
/// break that would forge a log line) replaced.
fn printable(reason: &str) -> String {
    reason
        .chars()
        .map(|c| if c.is_control() { '\u{fffd}' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_reason_is_cut_at_a_character_boundary() {
        let long = "é".repeat(MAX_REASON_BYTES);
        let cut = within_limit(&long);
        assert!(cut.len() <= MAX_REASON_BYTES);
        assert_eq!(cut.len(), MAX_REASON_BYTES);
        assert_eq!(within_limit("short"), "short");
        let odd = format!("x{long}");
        assert_eq!(within_limit(&odd).len(), MAX_REASON_BYTES - 1);
    }

    #[test]
    fn a_peers_reason_loses_its_control_characters() {
        assert_eq!(
            printable("bad\u{1b}[2Jchange\nforged line"),
            "bad\u{fffd}[2Jchange\u{fffd}forged line"
        );
    }
}

//! The store-wide change log and each file's sync bookkeeping: log positions, heads, and the
//! sync states and cursors the sync engine records per peer.

use automerge::ChangeHash;
use casebook_base::{FileId, NodeId};

use super::{LOG_EPOCH, Store};
use crate::Error;
use crate::tables::{CURSORS, HEADS, LOG, SYNC_STATES};
use crate::write::{LOG_SEQ, decode_hashes};

impl Store {
    /// The last store-wide log sequence number (0 for a store that never committed a file).
    ///
    /// # Errors
    /// redb errors only.
    pub fn log_seq(&self) -> Result<u64, Error> {
        Ok(self
            .meta(LOG_SEQ)?
            .and_then(|v| <[u8; 8]>::try_from(v.as_slice()).ok())
            .map_or(0, u64::from_le_bytes))
    }

    /// This store's log epoch (see the design: a peer's cursor is valid only in one epoch).
    ///
    /// # Errors
    /// redb errors only.
    pub fn log_epoch(&self) -> Result<u64, Error> {
        Ok(self
            .meta(LOG_EPOCH)?
            .and_then(|v| <[u8; 8]>::try_from(v.as_slice()).ok())
            .map_or(0, u64::from_le_bytes))
    }

    /// The files changed after log sequence number `after`, with the sequence number of each
    /// one's latest change, oldest first. Costs in proportion to what changed, not to the store.
    ///
    /// # Errors
    /// redb errors only.
    pub fn changed_since(&self, after: u64) -> Result<Vec<(u64, FileId)>, Error> {
        self.read(|tx| {
            let log = tx.open_table(LOG)?;
            let mut out = Vec::new();
            for row in log.range(after.saturating_add(1)..)? {
                let (seq, file) = row?;
                out.push((seq.value(), FileId::from_bytes(file.value())));
            }
            Ok(out)
        })
    }

    /// A file's current heads, from the index (no document load).
    ///
    /// # Errors
    /// redb errors only.
    pub fn heads(&self, file: FileId) -> Result<Option<Vec<ChangeHash>>, Error> {
        self.read(|tx| {
            let table = tx.open_table(HEADS)?;
            Ok(table
                .get(file.to_bytes())?
                .map(|v| decode_hashes(v.value())))
        })
    }

    /// The sync state recorded for `file` with `peer`, if any.
    ///
    /// # Errors
    /// redb errors only.
    pub fn sync_state(&self, peer: &NodeId, file: FileId) -> Result<Option<Vec<u8>>, Error> {
        self.read(|tx| {
            let table = tx.open_table(SYNC_STATES)?;
            Ok(table
                .get((*peer.as_bytes(), file.to_bytes()))?
                .map(|v| v.value().to_vec()))
        })
    }

    /// Every sync state recorded with `peer`, by file.
    ///
    /// # Errors
    /// redb errors only.
    pub fn sync_states(&self, peer: &NodeId) -> Result<Vec<(FileId, Vec<u8>)>, Error> {
        self.read(|tx| {
            let table = tx.open_table(SYNC_STATES)?;
            let p = *peer.as_bytes();
            let mut out = Vec::new();
            for row in table.range((p, [0u8; 16])..=(p, [0xff; 16]))? {
                let (k, v) = row?;
                out.push((FileId::from_bytes(k.value().1), v.value().to_vec()));
            }
            Ok(out)
        })
    }

    /// The sync cursor recorded for `peer`, if any.
    ///
    /// # Errors
    /// redb errors only.
    pub fn cursor(&self, peer: &NodeId) -> Result<Option<Vec<u8>>, Error> {
        self.read(|tx| {
            let table = tx.open_table(CURSORS)?;
            Ok(table.get(peer.as_bytes())?.map(|v| v.value().to_vec()))
        })
    }
}

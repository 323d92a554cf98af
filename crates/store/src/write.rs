//! The write transaction: everything one durable commit may do.

use std::sync::Arc;

use automerge::{Automerge, ChangeHash};
use casebook_base::limits::COMPACT_AFTER_CHANGES;
use casebook_base::{FileId, NodeId};
use casebook_doc::FileSummary;
use chrono::Utc;
use redb::{ReadableTable, WriteTransaction};

use crate::db::Commit;
use crate::doc_cache::DocCache;
use crate::load::load_owned;
use crate::tables::{
    CHANGES, CURSORS, FILE_SEQ, HEADS, LOG, META, ORIGINS, PEERS, SIGNATURES, SNAPSHOTS, SUMMARIES,
    SYNC_STATES,
};
use crate::{ChangeOrigin, Error};

/// The metadata key of the last store-wide log sequence number handed out.
pub(crate) const LOG_SEQ: &str = "log_seq";

/// One open write transaction of [`crate::Store::update`]. Its writes become durable together
/// when the closure returns `Ok`; nothing is written otherwise.
pub struct Txn {
    tx: WriteTransaction,
    failed: bool,
    /// The store's kept documents: a load here copies a current one, and keeps nothing.
    docs: Arc<DocCache>,
}

impl std::fmt::Debug for Txn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Txn")
            .field("failed", &self.failed)
            .finish_non_exhaustive()
    }
}

impl Txn {
    pub(crate) fn new(tx: WriteTransaction, docs: Arc<DocCache>) -> Self {
        Self {
            tx,
            failed: false,
            docs,
        }
    }

    /// Whether a storage error happened inside this transaction (it must not commit).
    pub(crate) fn failed(&self) -> bool {
        self.failed
    }

    pub(crate) fn into_inner(self) -> WriteTransaction {
        self.tx
    }

    /// Run `f` on the raw transaction, remembering a storage error so the store is poisoned
    /// even if the caller swallows it.
    pub(crate) fn guard<T>(
        &mut self,
        f: impl FnOnce(&WriteTransaction) -> Result<T, Error>,
    ) -> Result<T, Error> {
        let out = f(&self.tx);
        if let Err(Error::Redb(_)) = &out {
            self.failed = true;
        }
        out
    }

    /// Load a file's document as this transaction sees it (the latest committed state, plus
    /// this transaction's own writes).
    ///
    /// # Errors
    /// [`Error::Corrupt`] if the stored bytes do not decode.
    pub fn load(&mut self, file_id: FileId) -> Result<Option<Automerge>, Error> {
        let docs = Arc::clone(&self.docs);
        self.guard(|tx| {
            load_owned(
                &tx.open_table(SNAPSHOTS)?,
                &tx.open_table(CHANGES)?,
                &tx.open_table(HEADS)?,
                &docs,
                file_id,
            )
        })
    }

    /// Durably store one file's new changes with its new summary, origin and signatures, and
    /// give the file the next store-wide log sequence number. Returns that number.
    ///
    /// `commit.changes` must be exactly the changes of `commit.doc` not yet stored (load the
    /// document with [`Txn::load`] in the same transaction to be sure).
    ///
    /// # Errors
    /// redb errors.
    pub fn commit(&mut self, c: &Commit<'_>) -> Result<u64, Error> {
        let origin = serde_json::to_vec(&ChangeOrigin {
            origin: c.origin.clone(),
            stored_at: Utc::now(),
        })
        .map_err(|source| Error::CorruptRecord {
            what: "change origin".into(),
            source,
        })?;
        let summary = serde_json::to_vec(c.summary).map_err(|source| Error::CorruptRecord {
            what: "summary".into(),
            source,
        })?;
        self.guard(|tx| {
            let key = c.file_id.to_bytes();
            {
                let mut sigs = tx.open_table(SIGNATURES)?;
                for sig in &c.signatures {
                    let mut v = [0u8; 96];
                    v[..32].copy_from_slice(sig.author.as_bytes());
                    v[32..].copy_from_slice(&sig.signature);
                    sigs.insert(sig.hash.0, v)?;
                }
            }
            {
                let mut changes = tx.open_table(CHANGES)?;
                let mut snapshots = tx.open_table(SNAPSHOTS)?;
                let count = changes.range((key, 0u64)..=(key, u64::MAX))?.count() as u64;
                let next = changes
                    .range((key, 0u64)..=(key, u64::MAX))?
                    .next_back()
                    .transpose()?
                    .map_or(0, |(k, _)| k.value().1 + 1);
                // Compact: one snapshot replaces the log. A brand-new file also starts from a
                // snapshot, which is what a cold load reads fastest.
                let snapshot = (count + c.changes.len() as u64 > COMPACT_AFTER_CHANGES
                    || snapshots.get(key)?.is_none() && count == 0)
                    .then(|| c.doc.save())
                    .filter(|bytes| reads_back(bytes, c.doc));
                if let Some(bytes) = snapshot {
                    snapshots.insert(key, bytes.as_slice())?;
                    changes.retain_in((key, 0u64)..=(key, u64::MAX), |_, _| false)?;
                } else {
                    for (seq, ch) in (next..).zip(&c.changes) {
                        changes.insert((key, seq), ch.raw_bytes())?;
                    }
                }
            }
            {
                let mut origins = tx.open_table(ORIGINS)?;
                for ch in &c.changes {
                    let hash = ch.hash().0;
                    if origins.get(hash)?.is_none() {
                        origins.insert(hash, origin.as_slice())?;
                    }
                }
            }
            tx.open_table(SUMMARIES)?.insert(key, summary.as_slice())?;
            tx.open_table(HEADS)?
                .insert(key, encode_hashes(&c.doc.get_heads()).as_slice())?;
            next_log_seq(tx, c.file_id)
        })
    }

    /// Durably record the sync state of `file` with `peer` (opaque bytes of the sync engine).
    ///
    /// # Errors
    /// redb errors.
    pub fn put_sync_state(
        &mut self,
        peer: &NodeId,
        file: FileId,
        state: &[u8],
    ) -> Result<(), Error> {
        self.guard(|tx| {
            tx.open_table(SYNC_STATES)?
                .insert((*peer.as_bytes(), file.to_bytes()), state)?;
            Ok(())
        })
    }

    /// A metadata value as this transaction sees it.
    ///
    /// # Errors
    /// redb errors.
    pub fn meta(&mut self, key: &str) -> Result<Option<Vec<u8>>, Error> {
        self.guard(|tx| Ok(tx.open_table(META)?.get(key)?.map(|v| v.value().to_vec())))
    }

    /// Set a metadata value, durable with the transaction.
    ///
    /// # Errors
    /// redb errors.
    pub fn set_meta(&mut self, key: &str, value: &[u8]) -> Result<(), Error> {
        self.guard(|tx| {
            tx.open_table(META)?.insert(key, value)?;
            Ok(())
        })
    }

    /// The id of every file held, as this transaction sees them.
    ///
    /// # Errors
    /// redb errors.
    pub fn file_ids(&mut self) -> Result<Vec<FileId>, Error> {
        self.guard(|tx| {
            let table = tx.open_table(SUMMARIES)?;
            let mut out = Vec::new();
            for row in table.iter()? {
                out.push(FileId::from_bytes(row?.0.value()));
            }
            Ok(out)
        })
    }

    /// Replace a file's summary alone (its rules changed, its document did not).
    ///
    /// # Errors
    /// redb errors.
    pub fn put_summary(&mut self, file: FileId, summary: &FileSummary) -> Result<(), Error> {
        let bytes = serde_json::to_vec(summary).map_err(|source| Error::CorruptRecord {
            what: "summary".into(),
            source,
        })?;
        self.guard(|tx| {
            tx.open_table(SUMMARIES)?
                .insert(file.to_bytes(), bytes.as_slice())?;
            Ok(())
        })
    }

    /// Remove a peer from the trust list, durable with the transaction; returns whether it
    /// was there.
    ///
    /// # Errors
    /// redb errors.
    pub fn remove_peer(&mut self, node: &NodeId) -> Result<bool, Error> {
        self.guard(|tx| Ok(tx.open_table(PEERS)?.remove(node.as_bytes())?.is_some()))
    }

    /// Durably record the sync cursor of `peer` (opaque bytes of the sync engine).
    ///
    /// # Errors
    /// redb errors.
    pub fn put_cursor(&mut self, peer: &NodeId, cursor: &[u8]) -> Result<(), Error> {
        self.guard(|tx| {
            tx.open_table(CURSORS)?.insert(peer.as_bytes(), cursor)?;
            Ok(())
        })
    }
}

/// Give `file` the next log sequence number, dropping its previous log row.
pub(crate) fn next_log_seq(tx: &WriteTransaction, file: FileId) -> Result<u64, Error> {
    let key = file.to_bytes();
    let mut meta = tx.open_table(META)?;
    let last = meta
        .get(LOG_SEQ)?
        .and_then(|v| <[u8; 8]>::try_from(v.value()).ok())
        .map_or(0, u64::from_le_bytes);
    let seq = last + 1;
    meta.insert(LOG_SEQ, seq.to_le_bytes().as_slice())?;
    let mut file_seq = tx.open_table(FILE_SEQ)?;
    let mut log = tx.open_table(LOG)?;
    if let Some(old) = file_seq.insert(key, seq)? {
        log.remove(old.value())?;
    }
    log.insert(seq, key)?;
    Ok(seq)
}

/// Heads as stored: concatenated 32-byte hashes.
pub(crate) fn encode_hashes(heads: &[ChangeHash]) -> Vec<u8> {
    heads.iter().flat_map(|h| h.0).collect()
}

/// The inverse of [`encode_hashes`]; a trailing partial hash is ignored.
pub(crate) fn decode_hashes(bytes: &[u8]) -> Vec<ChangeHash> {
    bytes
        .chunks_exact(32)
        .filter_map(|c| <[u8; 32]>::try_from(c).ok().map(ChangeHash))
        .collect()
}

/// Whether Automerge reads `snapshot`, its own save of `doc`, back with `doc`'s heads.
///
/// Automerge 0.12 can save a document that it cannot read back: one holding a change whose ops
/// are missing, which it accepts when it applies the change (a peer with write access could
/// send one). Replacing the log with such a snapshot would make the file unreadable, so the
/// store keeps logging changes instead; the log still loads. `merge` and `import` refuse such a
/// file with the same check.
#[must_use]
pub fn reads_back(snapshot: &[u8], doc: &Automerge) -> bool {
    let Ok(again) = casebook_base::guard::decode(|| Automerge::load(snapshot)) else {
        return false;
    };
    let (mut a, mut b) = (doc.get_heads(), again.get_heads());
    a.sort();
    b.sort();
    a == b
}

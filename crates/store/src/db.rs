//! The store: opening, the durable write path, reads and the index.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use automerge::{Automerge, Change, ChangeHash};
use casebook_base::limits::{COMPACT_AFTER_CHANGES, STORE_CACHE_BYTES};
use casebook_base::{FileId, NodeId};
use casebook_doc::{FileSummary, OrgConfig};
use chrono::Utc;
use redb::{Database, Durability, ReadableDatabase, ReadableTable, ReadableTableMetadata};

use crate::tables::{CHANGES, CONFIG, META, ORIGINS, PEERS, SIGNATURES, SNAPSHOTS, SUMMARIES};
use crate::{ChangeOrigin, Error, Origin, Peer};

/// The store format this build writes and reads.
///
/// 2: account files name their owner in the genesis (format 1 was a pre-release whose files
/// lack it and cannot be shared safely).
pub const FORMAT_VERSION: u32 = 2;

/// One node's store of account files.
///
/// # Guarantees
/// Every method that writes returns only after its redb transaction has committed with
/// [`Durability::Immediate`], i.e. after fsync: once it returns `Ok`, the write survives a
/// crash or power loss. A method that returns `Err` has changed nothing. After an I/O error the
/// store is poisoned and refuses writes until it is opened again.
pub struct Store {
    db: Database,
    path: PathBuf,
    node_id: NodeId,
    poisoned: AtomicBool,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .field("node_id", &self.node_id)
            .finish_non_exhaustive()
    }
}

/// What one commit writes for one file.
#[derive(Debug)]
pub struct Commit<'a> {
    /// The file.
    pub file_id: FileId,
    /// The document after the change (used for a snapshot when the log is compacted).
    pub doc: &'a Automerge,
    /// The new changes, not yet in the store.
    pub changes: Vec<Change>,
    /// The file's new summary.
    pub summary: &'a FileSummary,
    /// Where the new changes came from.
    pub origin: Origin,
    /// Signatures of new changes by their authors: (change hash, author, signature).
    pub signatures: Vec<ChangeSignature>,
}

/// An author's signature of one change, stored beside it and carried with it on sync.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChangeSignature {
    /// The change.
    pub hash: ChangeHash,
    /// Its author.
    pub author: NodeId,
    /// ed25519 signature over [`SIGNATURE_CONTEXT`] followed by the 32-byte hash.
    pub signature: [u8; 64],
}

/// Domain separation for change signatures, so a signature can never be replayed as anything
/// else the node key signs.
pub const SIGNATURE_CONTEXT: &[u8] = b"casebook change signature v1\0";

impl ChangeSignature {
    /// The bytes an author signs for `hash`.
    pub fn message(hash: &ChangeHash) -> Vec<u8> {
        let mut m = SIGNATURE_CONTEXT.to_vec();
        m.extend_from_slice(&hash.0);
        m
    }

    /// Whether the signature is the author's over this hash.
    pub fn verify(&self) -> bool {
        self.author
            .verify(&Self::message(&self.hash), &self.signature)
    }
}

fn open_error(path: &Path, e: redb::DatabaseError) -> Error {
    match e {
        redb::DatabaseError::DatabaseAlreadyOpen => Error::InUse {
            path: path.to_path_buf(),
        },
        redb::DatabaseError::Storage(redb::StorageError::Io(ref io))
            if io.kind() == std::io::ErrorKind::WouldBlock =>
        {
            Error::InUse {
                path: path.to_path_buf(),
            }
        }
        // redb reports a file that is not a redb database (wrong magic number, empty file) as
        // invalid data.
        redb::DatabaseError::Storage(redb::StorageError::Io(ref io))
            if io.kind() == std::io::ErrorKind::InvalidData =>
        {
            Error::NotAStore {
                path: path.to_path_buf(),
            }
        }
        redb::DatabaseError::Storage(redb::StorageError::Corrupted(_))
        | redb::DatabaseError::UpgradeRequired(_) => Error::NotAStore {
            path: path.to_path_buf(),
        },
        other => other.into(),
    }
}

fn builder() -> redb::Builder {
    let mut b = Database::builder();
    b.set_cache_size(STORE_CACHE_BYTES);
    b
}

impl Store {
    /// Create a new store at `path` for the node `node_id`.
    ///
    /// # Errors
    /// [`Error::AlreadyExists`] if a file is there already; redb errors otherwise.
    pub fn create(path: &Path, node_id: NodeId) -> Result<Self, Error> {
        if path.exists() {
            return Err(Error::AlreadyExists {
                path: path.to_path_buf(),
            });
        }
        let db = builder().create(path).map_err(|e| open_error(path, e))?;
        let mut tx = db.begin_write()?;
        tx.set_durability(Durability::Immediate)?;
        {
            let mut meta = tx.open_table(META)?;
            meta.insert("format_version", FORMAT_VERSION.to_le_bytes().as_slice())?;
            meta.insert("node_id", node_id.as_bytes().as_slice())?;
            meta.insert("created_at", Utc::now().to_rfc3339().as_bytes())?;
            tx.open_table(SNAPSHOTS)?;
            tx.open_table(CHANGES)?;
            tx.open_table(SUMMARIES)?;
            tx.open_table(ORIGINS)?;
            tx.open_table(PEERS)?;
            tx.open_table(SIGNATURES)?;
            let mut config = tx.open_table(CONFIG)?;
            let json = serde_json::to_vec(&OrgConfig::default()).map_err(|source| {
                Error::CorruptRecord {
                    what: "configuration".into(),
                    source,
                }
            })?;
            config.insert("org", json.as_slice())?;
        }
        tx.commit()?;
        Ok(Self {
            db,
            path: path.to_path_buf(),
            node_id,
            poisoned: AtomicBool::new(false),
        })
    }

    /// Open an existing store. Reads the metadata only: no document is loaded.
    ///
    /// # Errors
    /// [`Error::NotAStore`] if the file is not a casebook store, [`Error::TooNew`] if a newer
    /// casebook wrote it, [`Error::InUse`] if another process has it open.
    pub fn open(path: &Path) -> Result<Self, Error> {
        if !path.is_file() {
            return Err(Error::NotAStore {
                path: path.to_path_buf(),
            });
        }
        let db = builder().open(path).map_err(|e| open_error(path, e))?;
        let not_a_store = || Error::NotAStore {
            path: path.to_path_buf(),
        };
        let tx = db.begin_read()?;
        let meta = match tx.open_table(META) {
            Ok(t) => t,
            // A redb database of some other program: no meta table, or one of other types.
            Err(
                redb::TableError::TableDoesNotExist(_) | redb::TableError::TableTypeMismatch { .. },
            ) => return Err(not_a_store()),
            Err(e) => return Err(e.into()),
        };
        let version = meta
            .get("format_version")?
            .and_then(|v| <[u8; 4]>::try_from(v.value()).ok())
            .map(u32::from_le_bytes)
            .ok_or_else(not_a_store)?;
        if version < FORMAT_VERSION {
            return Err(Error::TooOld {
                path: path.to_path_buf(),
                found: version,
                supported: FORMAT_VERSION,
            });
        }
        if version > FORMAT_VERSION {
            return Err(Error::TooNew {
                path: path.to_path_buf(),
                found: version,
                supported: FORMAT_VERSION,
            });
        }
        let node_id = meta
            .get("node_id")?
            .and_then(|v| <[u8; 32]>::try_from(v.value()).ok())
            .map(NodeId::from_bytes)
            .ok_or_else(not_a_store)?;
        drop(meta);
        drop(tx);
        Ok(Self {
            db,
            path: path.to_path_buf(),
            node_id,
            poisoned: AtomicBool::new(false),
        })
    }

    /// The node this store belongs to.
    pub fn node_id(&self) -> NodeId {
        self.node_id
    }

    /// Where the store lives.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn check_writable(&self) -> Result<(), Error> {
        if self.poisoned.load(Ordering::SeqCst) {
            Err(Error::Poisoned)
        } else {
            Ok(())
        }
    }

    /// Run a durable write transaction; any error poisons the store if it came from storage.
    fn write<T>(
        &self,
        f: impl FnOnce(&redb::WriteTransaction) -> Result<T, Error>,
    ) -> Result<T, Error> {
        self.check_writable()?;
        let mut tx = self.db.begin_write()?;
        tx.set_durability(Durability::Immediate)?;
        let out = match f(&tx) {
            Ok(out) => out,
            Err(e) => {
                if matches!(e, Error::Redb(_)) {
                    self.poisoned.store(true, Ordering::SeqCst);
                }
                tx.abort()?;
                return Err(e);
            }
        };
        if let Err(e) = tx.commit() {
            self.poisoned.store(true, Ordering::SeqCst);
            return Err(e.into());
        }
        Ok(out)
    }

    /// Load a file's document: its snapshot, then its incremental changes.
    ///
    /// # Errors
    /// [`Error::Corrupt`] if the stored bytes do not decode.
    pub fn load(&self, file_id: FileId) -> Result<Option<Automerge>, Error> {
        let tx = self.db.begin_read()?;
        let snapshots = tx.open_table(SNAPSHOTS)?;
        let changes = tx.open_table(CHANGES)?;
        let key = file_id.to_bytes();
        let corrupt = |e: automerge::AutomergeError| Error::Corrupt {
            file_id,
            source: Box::new(e.into()),
        };
        let mut doc = match snapshots.get(key)? {
            Some(bytes) => Automerge::load(bytes.value()).map_err(corrupt)?,
            None => Automerge::new(),
        };
        let mut any = false;
        for row in changes.range((key, 0u64)..=(key, u64::MAX))? {
            let (_, bytes) = row?;
            doc.load_incremental(bytes.value()).map_err(corrupt)?;
            any = true;
        }
        if !any && snapshots.get(key)?.is_none() {
            return Ok(None);
        }
        Ok(Some(doc))
    }

    /// Whether a file exists in this store.
    ///
    /// # Errors
    /// redb errors only.
    pub fn contains(&self, file_id: FileId) -> Result<bool, Error> {
        let tx = self.db.begin_read()?;
        let table = tx.open_table(SUMMARIES)?;
        Ok(table.get(file_id.to_bytes())?.is_some())
    }

    /// Durably store new changes of one file with its new summary and their origin.
    ///
    /// When the file has accumulated more than [`COMPACT_AFTER_CHANGES`] incremental changes,
    /// the same transaction replaces them with a snapshot of `doc`.
    ///
    /// # Errors
    /// [`Error::Poisoned`] after an earlier I/O error; redb errors otherwise (the store is then
    /// unchanged and poisoned).
    ///
    /// # Guarantees
    /// All or nothing, and durable when it returns `Ok`.
    pub fn commit(&self, commit: Commit<'_>) -> Result<(), Error> {
        self.commit_many(std::slice::from_ref(&commit))
    }

    /// [`Store::commit`] for several files in one transaction (imports are all-or-nothing).
    ///
    /// # Errors
    /// As [`Store::commit`].
    pub fn commit_many(&self, commits: &[Commit<'_>]) -> Result<(), Error> {
        let stored_at = Utc::now();
        self.write(|tx| {
            let mut changes = tx.open_table(CHANGES)?;
            let mut snapshots = tx.open_table(SNAPSHOTS)?;
            let mut summaries = tx.open_table(SUMMARIES)?;
            let mut origins = tx.open_table(ORIGINS)?;
            let mut sigs = tx.open_table(SIGNATURES)?;
            for c in commits {
                for sig in &c.signatures {
                    let mut v = [0u8; 96];
                    v[..32].copy_from_slice(sig.author.as_bytes());
                    v[32..].copy_from_slice(&sig.signature);
                    sigs.insert(sig.hash.0, v)?;
                }
                let key = c.file_id.to_bytes();
                let (mut next, count) = {
                    let mut range = changes.range((key, 0u64)..=(key, u64::MAX))?;
                    let count = range.by_ref().count() as u64;
                    let last = changes
                        .range((key, 0u64)..=(key, u64::MAX))?
                        .next_back()
                        .transpose()?
                        .map(|(k, _)| k.value().1);
                    (last.map_or(0, |l| l + 1), count)
                };
                let origin = serde_json::to_vec(&ChangeOrigin {
                    origin: c.origin.clone(),
                    stored_at,
                })
                .map_err(|source| Error::CorruptRecord {
                    what: "change origin".into(),
                    source,
                })?;
                if count + c.changes.len() as u64 > COMPACT_AFTER_CHANGES
                    || snapshots.get(key)?.is_none() && count == 0
                {
                    // Compact: one snapshot replaces the log. A brand-new file also starts
                    // from a snapshot, which is what a cold load reads fastest.
                    let bytes = c.doc.save();
                    snapshots.insert(key, bytes.as_slice())?;
                    changes.retain_in((key, 0u64)..=(key, u64::MAX), |_, _| false)?;
                } else {
                    for ch in &c.changes {
                        changes.insert((key, next), ch.raw_bytes())?;
                        next += 1;
                    }
                }
                for ch in &c.changes {
                    let hash = ch.hash().0;
                    if origins.get(hash)?.is_none() {
                        origins.insert(hash, origin.as_slice())?;
                    }
                }
                let summary =
                    serde_json::to_vec(c.summary).map_err(|source| Error::CorruptRecord {
                        what: "summary".into(),
                        source,
                    })?;
                summaries.insert(key, summary.as_slice())?;
            }
            Ok(())
        })
    }

    /// Every file's summary, the portfolio index. Loads no document.
    ///
    /// # Errors
    /// [`Error::CorruptRecord`] if a summary does not decode.
    pub fn summaries(&self) -> Result<Vec<FileSummary>, Error> {
        let tx = self.db.begin_read()?;
        let table = tx.open_table(SUMMARIES)?;
        let mut out = Vec::with_capacity(usize::try_from(table.len()?).unwrap_or(0));
        for row in table.iter()? {
            let (_, v) = row?;
            out.push(decode_summary(v.value())?);
        }
        Ok(out)
    }

    /// One file's summary.
    ///
    /// # Errors
    /// [`Error::CorruptRecord`] if it does not decode.
    pub fn summary(&self, file_id: FileId) -> Result<Option<FileSummary>, Error> {
        let tx = self.db.begin_read()?;
        let table = tx.open_table(SUMMARIES)?;
        table
            .get(file_id.to_bytes())?
            .map(|v| decode_summary(v.value()))
            .transpose()
    }

    /// How many files the store holds.
    ///
    /// # Errors
    /// redb errors only.
    pub fn file_count(&self) -> Result<u64, Error> {
        let tx = self.db.begin_read()?;
        Ok(tx.open_table(SUMMARIES)?.len()?)
    }

    /// Where each of `hashes` came from, where recorded.
    ///
    /// # Errors
    /// [`Error::CorruptRecord`] if a record does not decode.
    pub fn origins(&self, hashes: &[ChangeHash]) -> Result<Vec<Option<ChangeOrigin>>, Error> {
        let tx = self.db.begin_read()?;
        let table = tx.open_table(ORIGINS)?;
        hashes
            .iter()
            .map(|h| {
                table
                    .get(h.0)?
                    .map(|v| {
                        serde_json::from_slice(v.value()).map_err(|source| Error::CorruptRecord {
                            what: "change origin".into(),
                            source,
                        })
                    })
                    .transpose()
            })
            .collect()
    }

    /// The stored signature of each of `hashes`, where there is one.
    ///
    /// # Errors
    /// redb errors only.
    pub fn signatures(&self, hashes: &[ChangeHash]) -> Result<Vec<Option<ChangeSignature>>, Error> {
        let tx = self.db.begin_read()?;
        let table = match tx.open_table(SIGNATURES) {
            Ok(t) => t,
            Err(redb::TableError::TableDoesNotExist(_)) => return Ok(vec![None; hashes.len()]),
            Err(e) => return Err(e.into()),
        };
        hashes
            .iter()
            .map(|h| {
                Ok(table.get(h.0)?.map(|v| {
                    let v = v.value();
                    let mut author = [0u8; 32];
                    author.copy_from_slice(&v[..32]);
                    let mut signature = [0u8; 64];
                    signature.copy_from_slice(&v[32..]);
                    ChangeSignature {
                        hash: *h,
                        author: NodeId::from_bytes(author),
                        signature,
                    }
                }))
            })
            .collect()
    }

    /// The organisation configuration.
    ///
    /// # Errors
    /// [`Error::CorruptRecord`] if it does not decode.
    pub fn config(&self) -> Result<OrgConfig, Error> {
        let tx = self.db.begin_read()?;
        let table = tx.open_table(CONFIG)?;
        match table.get("org")? {
            Some(v) => serde_json::from_slice(v.value()).map_err(|source| Error::CorruptRecord {
                what: "configuration".into(),
                source,
            }),
            None => Ok(OrgConfig::default()),
        }
    }

    /// Replace the configuration and, in the same transaction, every summary computed with it
    /// (the RAG matrix changes roll-up colours).
    ///
    /// # Errors
    /// As [`Store::commit`].
    pub fn set_config(
        &self,
        config: &OrgConfig,
        summaries: &[(FileId, FileSummary)],
    ) -> Result<(), Error> {
        let json = serde_json::to_vec(config).map_err(|source| Error::CorruptRecord {
            what: "configuration".into(),
            source,
        })?;
        self.write(|tx| {
            tx.open_table(CONFIG)?.insert("org", json.as_slice())?;
            let mut table = tx.open_table(SUMMARIES)?;
            for (id, s) in summaries {
                let bytes = serde_json::to_vec(s).map_err(|source| Error::CorruptRecord {
                    what: "summary".into(),
                    source,
                })?;
                table.insert(id.to_bytes(), bytes.as_slice())?;
            }
            Ok(())
        })
    }

    /// Every file id in the store.
    ///
    /// # Errors
    /// redb errors only.
    pub fn file_ids(&self) -> Result<Vec<FileId>, Error> {
        let tx = self.db.begin_read()?;
        let table = tx.open_table(SUMMARIES)?;
        let mut out = Vec::new();
        for row in table.iter()? {
            let (k, _) = row?;
            out.push(FileId::from_bytes(k.value()));
        }
        Ok(out)
    }

    /// A free-form metadata value (e.g. the adviser's name), if set.
    ///
    /// # Errors
    /// redb errors only.
    pub fn meta(&self, key: &str) -> Result<Option<Vec<u8>>, Error> {
        let tx = self.db.begin_read()?;
        let table = tx.open_table(META)?;
        Ok(table.get(key)?.map(|v| v.value().to_vec()))
    }

    /// Durably set a free-form metadata value.
    ///
    /// # Errors
    /// As [`Store::commit`].
    pub fn set_meta(&self, key: &str, value: &[u8]) -> Result<(), Error> {
        self.write(|tx| {
            tx.open_table(META)?.insert(key, value)?;
            Ok(())
        })
    }

    /// Every trusted peer, by node id.
    ///
    /// # Errors
    /// [`Error::CorruptRecord`] if a record does not decode.
    pub fn peers(&self) -> Result<Vec<Peer>, Error> {
        let tx = self.db.begin_read()?;
        // A store created before the peer list existed has no table yet: no peers.
        let table = match tx.open_table(PEERS) {
            Ok(t) => t,
            Err(redb::TableError::TableDoesNotExist(_)) => return Ok(Vec::new()),
            Err(e) => return Err(e.into()),
        };
        let mut out = Vec::new();
        for row in table.iter()? {
            let (_, v) = row?;
            out.push(
                serde_json::from_slice(v.value()).map_err(|source| Error::CorruptRecord {
                    what: "peer list".into(),
                    source,
                })?,
            );
        }
        Ok(out)
    }

    /// Durably add or replace a trusted peer.
    ///
    /// # Errors
    /// As [`Store::commit`].
    pub fn put_peer(&self, peer: &Peer) -> Result<(), Error> {
        let json = serde_json::to_vec(peer).map_err(|source| Error::CorruptRecord {
            what: "peer".into(),
            source,
        })?;
        self.write(|tx| {
            tx.open_table(PEERS)?
                .insert(peer.node.as_bytes(), json.as_slice())?;
            Ok(())
        })
    }

    /// Durably remove a peer; returns whether it was there.
    ///
    /// # Errors
    /// As [`Store::commit`].
    pub fn remove_peer(&self, node: &NodeId) -> Result<bool, Error> {
        self.write(|tx| Ok(tx.open_table(PEERS)?.remove(node.as_bytes())?.is_some()))
    }

    /// Run redb's integrity check (used by tests and `doctor`).
    ///
    /// # Errors
    /// redb errors.
    pub fn check_integrity(&mut self) -> Result<bool, Error> {
        Ok(self.db.check_integrity()?)
    }
}

fn decode_summary(bytes: &[u8]) -> Result<FileSummary, Error> {
    serde_json::from_slice(bytes).map_err(|source| Error::CorruptRecord {
        what: "summary index".into(),
        source,
    })
}

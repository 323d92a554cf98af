//! The store: opening, the durable write path, reads and the index.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use automerge::{Automerge, Change, ChangeHash};
use casebook_base::limits::{DOC_CACHE_BYTES, STORE_CACHE_BYTES};
use casebook_base::{FileId, NodeId};
use casebook_doc::{FileSummary, OrgConfig};
use casebook_i18n::Message;
use chrono::Utc;
use redb::{Database, Durability, ReadableDatabase, ReadableTable, ReadableTableMetadata};

use crate::doc_cache::DocCache;
use crate::load::{load_from, load_owned, load_shared};
use crate::tables::{
    CHANGES, CONFIG, CURSORS, FILE_SEQ, HEADS, LOG, META, ORIGINS, PEERS, SIGNATURES, SNAPSHOTS,
    SUMMARIES, SYNC_STATES,
};
use crate::write::{Txn, encode_hashes, next_log_seq};
use crate::{ChangeOrigin, Error, Origin};

mod access;
mod settings;
mod sync_log;

use access::Db;

/// The store format this build writes and reads.
///
/// 3: the store-wide change log, heads index and sync state tables (a format-2 store is
/// upgraded in place when opened). 2: account files name their owner in the genesis (format 1
/// was a pre-release whose files lack it and cannot be shared safely).
pub const FORMAT_VERSION: u32 = 3;

/// The metadata key of this store's log epoch: a random number drawn when the log starts, so a
/// peer holding a cursor into an older log (a store restored or re-created) notices.
const LOG_EPOCH: &str = "log_epoch";

/// One node's store of account files.
///
/// # Guarantees
/// Every method that writes returns only after its redb transaction has committed with
/// [`Durability::Immediate`], i.e. after fsync: once it returns `Ok`, the write survives a
/// crash or power loss. A method that returns `Err` has changed nothing. After an I/O error the
/// store is poisoned and refuses writes until it is opened again.
pub struct Store {
    db: Db,
    path: PathBuf,
    node_id: NodeId,
    poisoned: AtomicBool,
    /// Documents loaded lately, shared with this store's write transactions.
    docs: Arc<DocCache>,
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
    // `casebook serve` keeps the store open while the adviser goes on editing with other
    // `casebook` commands: every process may write, one write transaction at a time.
    b.set_concurrency_mode(redb::ConcurrencyMode::MultiWriter);
    b
}

/// Create the tables of format 3 and start the log (new stores, and the upgrade from 2).
fn start_log(tx: &redb::WriteTransaction) -> Result<(), Error> {
    tx.open_table(LOG)?;
    tx.open_table(FILE_SEQ)?;
    tx.open_table(HEADS)?;
    tx.open_table(SYNC_STATES)?;
    tx.open_table(CURSORS)?;
    let epoch = uuid::Uuid::new_v4().as_u64_pair().0;
    tx.open_table(META)?
        .insert(LOG_EPOCH, epoch.to_le_bytes().as_slice())?;
    Ok(())
}

impl Store {
    /// Create a new store at `path` for the node `node_id`.
    ///
    /// # Errors
    /// [`Error::AlreadyExists`] if a file is there already; redb errors otherwise.
    pub fn create(path: &Path, node_id: NodeId) -> Result<Self, Error> {
        Self::create_with(path, node_id, &[])
    }

    /// [`Store::create`] with metadata entries (e.g. the adviser's name) written in the same
    /// transaction as the tables, so a crash leaves either no store or a whole one.
    ///
    /// # Errors
    /// As [`Store::create`].
    pub fn create_with(
        path: &Path,
        node_id: NodeId,
        meta: &[(&str, &[u8])],
    ) -> Result<Self, Error> {
        if path.exists() {
            return Err(Error::AlreadyExists {
                path: path.to_path_buf(),
            });
        }
        let db = builder().create(path).map_err(|e| open_error(path, e))?;
        Self::start(db, path.to_path_buf(), node_id, meta)
    }

    /// Create a new store for the node `node_id` on a redb [`StorageBackend`](redb::StorageBackend)
    /// instead of a file: the same tables, format and durability as [`Store::create`]. This is
    /// the seam the storage proofs (crash images, torn writes, I/O errors) open the store through.
    ///
    /// The backend must support redb's byte-range locks (the store opens in multi-writer mode).
    /// [`Store::path`] of such a store is empty.
    ///
    /// # Errors
    /// [`Error::AlreadyExists`] if the backend is not empty; redb errors otherwise.
    pub fn create_on(backend: impl redb::StorageBackend, node_id: NodeId) -> Result<Self, Error> {
        Self::create_on_with(backend, node_id, &[])
    }

    /// [`Store::create_on`] with metadata entries written in the same transaction as the
    /// tables, as [`Store::create_with`].
    ///
    /// # Errors
    /// As [`Store::create_on`].
    pub fn create_on_with(
        backend: impl redb::StorageBackend,
        node_id: NodeId,
        meta: &[(&str, &[u8])],
    ) -> Result<Self, Error> {
        let path = PathBuf::new();
        if backend.len().map_err(redb::StorageError::from)? > 0 {
            return Err(Error::AlreadyExists { path });
        }
        let db = builder()
            .create_with_backend(backend)
            .map_err(|e| open_error(&path, e))?;
        Self::start(db, path, node_id, meta)
    }

    /// Write the tables of a new, empty store and `meta` into a freshly created database, in
    /// one transaction.
    fn start(
        db: Database,
        path: PathBuf,
        node_id: NodeId,
        meta: &[(&str, &[u8])],
    ) -> Result<Self, Error> {
        let extra = meta;
        let mut tx = db.begin_write()?;
        tx.set_durability(Durability::Immediate)?;
        {
            let mut meta = tx.open_table(META)?;
            meta.insert("format_version", FORMAT_VERSION.to_le_bytes().as_slice())?;
            meta.insert("node_id", node_id.as_bytes().as_slice())?;
            meta.insert("created_at", Utc::now().to_rfc3339().as_bytes())?;
            for (key, value) in extra {
                meta.insert(*key, *value)?;
            }
            tx.open_table(SNAPSHOTS)?;
            tx.open_table(CHANGES)?;
            tx.open_table(SUMMARIES)?;
            tx.open_table(ORIGINS)?;
            tx.open_table(PEERS)?;
            tx.open_table(SIGNATURES)?;
            drop(meta);
            start_log(&tx)?;
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
            db: Db::Writable(db),
            path,
            node_id,
            poisoned: AtomicBool::new(false),
            docs: Arc::new(DocCache::new(DOC_CACHE_BYTES)),
        })
    }

    /// Open an existing store. Reads the metadata only: no document is loaded.
    ///
    /// # Errors
    /// [`Error::NotAStore`] if the file is not a casebook store, [`Error::TooNew`] if a newer
    /// casebook wrote it, [`Error::InUse`] if another process has it open.
    ///
    /// A store that may not be written (its file or directory lacks the owner's write
    /// permission, or the system refuses to open it for writing) is opened read-only: reads
    /// work, and every write fails with [`Error::ReadOnly`] saying why.
    pub fn open(path: &Path) -> Result<Self, Error> {
        if !path.is_file() {
            return Err(Error::NotAStore {
                path: path.to_path_buf(),
            });
        }
        if let Some(why) = access::read_only_by_mode(path) {
            return Self::open_read_only(path, why);
        }
        match builder().open(path) {
            Ok(db) => Self::from_db(Db::Writable(db), path.to_path_buf()),
            Err(e) if access::denied_writing(&e) => {
                Self::open_read_only(path, Message::new("err-store-write-denied"))
            }
            Err(e) => Err(open_error(path, e)),
        }
    }

    fn open_read_only(path: &Path, why: Message) -> Result<Self, Error> {
        let db = builder()
            .open_read_only(path)
            .map_err(|e| open_error(path, e))?;
        Self::from_db(Db::ReadOnly { db, why }, path.to_path_buf())
    }

    /// Why this store may not be written (opened read-only), or `None` if it may.
    pub fn read_only_reason(&self) -> Option<&Message> {
        self.db.read_only_reason()
    }

    /// Open an existing store on a redb [`StorageBackend`](redb::StorageBackend) (see
    /// [`Store::create_on`]), with the same checks as [`Store::open`]: a crashed store is
    /// recovered by redb, a format-2 store is upgraded, a foreign or newer one is refused.
    ///
    /// # Errors
    /// As [`Store::open`]; an empty backend is [`Error::NotAStore`] (never a new store).
    pub fn open_on(backend: impl redb::StorageBackend) -> Result<Self, Error> {
        let path = PathBuf::new();
        // redb's backend constructor creates a database in empty storage: refuse that here.
        if backend.len().map_err(redb::StorageError::from)? == 0 {
            return Err(Error::NotAStore { path });
        }
        let db = builder()
            .create_with_backend(backend)
            .map_err(|e| open_error(&path, e))?;
        Self::from_db(Db::Writable(db), path)
    }

    /// Check the metadata of an opened database and make it a store (upgrading format 2).
    fn from_db(db: Db, path: PathBuf) -> Result<Self, Error> {
        let not_a_store = || Error::NotAStore { path: path.clone() };
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
        if version == 2 {
            drop(meta);
            drop(tx);
            return match db {
                Db::Writable(db) => Self::upgrade_from_2(db, path),
                Db::ReadOnly { why, .. } => Err(Error::ReadOnly {
                    path,
                    why: Message::new("err-store-format-2").with("why", why),
                }),
            };
        }
        if version < FORMAT_VERSION {
            return Err(Error::TooOld {
                path,
                found: version,
                supported: FORMAT_VERSION,
            });
        }
        if version > FORMAT_VERSION {
            return Err(Error::TooNew {
                path,
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
            path,
            node_id,
            poisoned: AtomicBool::new(false),
            docs: Arc::new(DocCache::new(DOC_CACHE_BYTES)),
        })
    }

    /// Upgrade a format-2 store in place: start the log with every file and index its heads,
    /// in one transaction (an interrupted upgrade leaves format 2 to upgrade again).
    fn upgrade_from_2(db: Database, path: PathBuf) -> Result<Self, Error> {
        let node_id = {
            let tx = db.begin_read()?;
            let meta = tx.open_table(META)?;
            meta.get("node_id")?
                .and_then(|v| <[u8; 32]>::try_from(v.value()).ok())
                .map(NodeId::from_bytes)
                .ok_or_else(|| Error::NotAStore { path: path.clone() })?
        };
        let store = Self {
            db: Db::Writable(db),
            path,
            node_id,
            poisoned: AtomicBool::new(false),
            docs: Arc::new(DocCache::new(DOC_CACHE_BYTES)),
        };
        let ids = store.file_ids()?;
        store.write(|tx| {
            start_log(tx)?;
            for id in ids {
                let doc = load_from(&tx.open_table(SNAPSHOTS)?, &tx.open_table(CHANGES)?, id)?;
                if let Some(doc) = doc {
                    tx.open_table(HEADS)?
                        .insert(id.to_bytes(), encode_hashes(&doc.get_heads()).as_slice())?;
                    next_log_seq(tx, id)?;
                }
            }
            tx.open_table(META)?
                .insert("format_version", FORMAT_VERSION.to_le_bytes().as_slice())?;
            Ok(())
        })?;
        Ok(store)
    }

    /// The node this store belongs to.
    pub fn node_id(&self) -> NodeId {
        self.node_id
    }

    /// Where the store lives (empty for a store on a [`StorageBackend`](redb::StorageBackend),
    /// see [`Store::create_on`]).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Run `f` in a read transaction. A storage failure (an I/O error, one redb remembers, or
    /// corruption) poisons the store, as one in a write transaction does: it then refuses writes
    /// until it is opened again.
    fn read<T>(
        &self,
        f: impl FnOnce(&redb::ReadTransaction) -> Result<T, Error>,
    ) -> Result<T, Error> {
        let out = self
            .db
            .begin_read()
            .map_err(Error::from)
            .and_then(|tx| f(&tx));
        if let Err(e) = &out {
            self.poison_on_storage_failure(e);
        }
        out
    }

    /// Poison the store if `e` says the storage failed.
    fn poison_on_storage_failure(&self, e: &Error) {
        if let Error::Redb(r) = e
            && matches!(
                **r,
                redb::Error::Io(_)
                    | redb::Error::PreviousIo
                    | redb::Error::Corrupted(_)
                    | redb::Error::DatabaseClosed
            )
        {
            self.poisoned.store(true, Ordering::SeqCst);
        }
    }

    fn check_writable(&self) -> Result<(), Error> {
        if self.poisoned.load(Ordering::SeqCst) {
            Err(Error::Poisoned)
        } else {
            Ok(())
        }
    }

    /// Run a durable write transaction of plain table writes (metadata, peers, configuration).
    fn write<T>(
        &self,
        f: impl FnOnce(&redb::WriteTransaction) -> Result<T, Error>,
    ) -> Result<T, Error> {
        self.update(|txn| txn.guard(|tx| f(tx)))
    }

    /// Load a file's document, the caller's own to change: a copy of the one readers share
    /// (see [`Store::load_shared`]) if that is current, else parsed from its snapshot and
    /// incremental changes.
    ///
    /// # Errors
    /// [`Error::Corrupt`] if the stored bytes do not decode.
    pub fn load(&self, file_id: FileId) -> Result<Option<Automerge>, Error> {
        self.read(|tx| {
            load_owned(
                &tx.open_table(SNAPSHOTS)?,
                &tx.open_table(CHANGES)?,
                &tx.open_table(HEADS)?,
                &self.docs,
                file_id,
            )
        })
    }

    /// Load a file's document to read it, shared with the store's other readers: parsed once
    /// and kept (up to [`DOC_CACHE_BYTES`] of stored files, least recently used out first),
    /// then handed out again until a write moves the file's heads, by this handle or any
    /// other. A sync session answers its peer from this, so the sessions of a node serving
    /// several peers hold one copy of each file between them.
    ///
    /// # Errors
    /// [`Error::Corrupt`] if the stored bytes do not decode.
    pub fn load_shared(&self, file_id: FileId) -> Result<Option<Arc<Automerge>>, Error> {
        self.read(|tx| {
            load_shared(
                &tx.open_table(SNAPSHOTS)?,
                &tx.open_table(CHANGES)?,
                &tx.open_table(HEADS)?,
                &self.docs,
                file_id,
            )
        })
    }

    /// Whether a file exists in this store.
    ///
    /// # Errors
    /// redb errors only.
    pub fn contains(&self, file_id: FileId) -> Result<bool, Error> {
        self.read(|tx| {
            let table = tx.open_table(SUMMARIES)?;
            Ok(table.get(file_id.to_bytes())?.is_some())
        })
    }

    /// Durably store new changes of one file with its new summary and their origin.
    ///
    /// When the file has accumulated more than [`COMPACT_AFTER_CHANGES`](casebook_base::limits::COMPACT_AFTER_CHANGES) incremental changes,
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
        self.update(|txn| {
            for c in commits {
                txn.commit(c)?;
            }
            Ok::<_, Error>(())
        })
    }

    /// Run `f` in one durable write transaction: reads inside it see the latest committed
    /// state (also another process's), and its writes commit together, fsynced, when `f`
    /// returns `Ok`, or not at all.
    ///
    /// This is the write path for read-modify-write work (an edit, a sync batch): loading the
    /// document inside the transaction means no other writer, in this process or another, can
    /// commit in between.
    ///
    /// # Errors
    /// Whatever `f` returns (nothing is written), [`Error::Poisoned`] after an earlier I/O
    /// error, redb errors (the store is then poisoned).
    pub fn update<T, E: From<Error>>(
        &self,
        f: impl FnOnce(&mut Txn) -> Result<T, E>,
    ) -> Result<T, E> {
        self.check_writable()?;
        // Starting the transaction reads the disk too (in multi-writer mode, the header): a
        // failure there poisons the store like one inside the transaction.
        let tx = self
            .db
            .writable(&self.path)?
            .begin_write()
            .map_err(Error::from)
            .and_then(|mut tx| {
                tx.set_durability(Durability::Immediate)?;
                Ok(tx)
            });
        let tx = match tx {
            Ok(tx) => tx,
            Err(e) => {
                self.poison_on_storage_failure(&e);
                return Err(e.into());
            }
        };
        let mut txn = Txn::new(tx, Arc::clone(&self.docs));
        let out = match f(&mut txn) {
            Ok(out) => out,
            Err(e) => {
                if txn.failed() {
                    self.poisoned.store(true, Ordering::SeqCst);
                }
                if let Err(abort) = txn.into_inner().abort() {
                    let abort = Error::from(abort);
                    self.poison_on_storage_failure(&abort);
                    return Err(abort.into());
                }
                return Err(e);
            }
        };
        if txn.failed() {
            // A storage error was swallowed by `f`: never commit a half-written transaction.
            self.poisoned.store(true, Ordering::SeqCst);
            txn.into_inner().abort().map_err(Error::from)?;
            return Err(Error::Poisoned.into());
        }
        if let Err(e) = txn.into_inner().commit() {
            self.poisoned.store(true, Ordering::SeqCst);
            return Err(Error::from(e).into());
        }
        Ok(out)
    }

    /// Every file's summary, the portfolio index. Loads no document.
    ///
    /// # Errors
    /// [`Error::CorruptRecord`] if a summary does not decode.
    pub fn summaries(&self) -> Result<Vec<FileSummary>, Error> {
        self.read(|tx| {
            let table = tx.open_table(SUMMARIES)?;
            let mut out = Vec::with_capacity(usize::try_from(table.len()?).unwrap_or(0));
            for row in table.iter()? {
                let (_, v) = row?;
                out.push(decode_summary(v.value())?);
            }
            Ok(out)
        })
    }

    /// One file's summary.
    ///
    /// # Errors
    /// [`Error::CorruptRecord`] if it does not decode.
    pub fn summary(&self, file_id: FileId) -> Result<Option<FileSummary>, Error> {
        self.read(|tx| {
            let table = tx.open_table(SUMMARIES)?;
            table
                .get(file_id.to_bytes())?
                .map(|v| decode_summary(v.value()))
                .transpose()
        })
    }

    /// How many account files the store holds (organisation documents, held and synced like
    /// files, are not counted).
    ///
    /// # Errors
    /// redb errors only.
    pub fn file_count(&self) -> Result<u64, Error> {
        self.read(|tx| {
            let mut count = 0;
            for row in tx.open_table(SUMMARIES)?.iter()? {
                if !FileId::from_bytes(row?.0.value()).is_organisation() {
                    count += 1;
                }
            }
            Ok(count)
        })
    }

    /// Where each of `hashes` came from, where recorded.
    ///
    /// # Errors
    /// [`Error::CorruptRecord`] if a record does not decode.
    pub fn origins(&self, hashes: &[ChangeHash]) -> Result<Vec<Option<ChangeOrigin>>, Error> {
        self.read(|tx| {
            let table = tx.open_table(ORIGINS)?;
            hashes
                .iter()
                .map(|h| {
                    table
                        .get(h.0)?
                        .map(|v| {
                            serde_json::from_slice(v.value()).map_err(|source| {
                                Error::CorruptRecord {
                                    what: "change origin".into(),
                                    source,
                                }
                            })
                        })
                        .transpose()
                })
                .collect()
        })
    }

    /// Whether each of `hashes` is a change stored here (every stored change has an origin).
    ///
    /// # Errors
    /// redb errors only.
    pub fn has_changes(&self, hashes: &[ChangeHash]) -> Result<Vec<bool>, Error> {
        self.read(|tx| {
            let table = tx.open_table(ORIGINS)?;
            hashes
                .iter()
                .map(|h| Ok(table.get(h.0)?.is_some()))
                .collect()
        })
    }

    /// The stored signature of each of `hashes`, where there is one.
    ///
    /// # Errors
    /// redb errors only.
    pub fn signatures(&self, hashes: &[ChangeHash]) -> Result<Vec<Option<ChangeSignature>>, Error> {
        self.read(|tx| {
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
        })
    }

    /// Every file id in the store.
    ///
    /// # Errors
    /// redb errors only.
    pub fn file_ids(&self) -> Result<Vec<FileId>, Error> {
        self.read(|tx| {
            let table = tx.open_table(SUMMARIES)?;
            let mut out = Vec::new();
            for row in table.iter()? {
                let (k, _) = row?;
                out.push(FileId::from_bytes(k.value()));
            }
            Ok(out)
        })
    }

    /// Run redb's integrity check (used by tests and `doctor`).
    ///
    /// # Errors
    /// redb errors.
    pub fn check_integrity(&mut self) -> Result<bool, Error> {
        match &mut self.db {
            Db::Writable(db) => Ok(db.check_integrity()?),
            // Nothing may be repaired in a store that may not be written.
            Db::ReadOnly { .. } => Err(Error::ReadOnly {
                path: self.path.clone(),
                why: self
                    .db
                    .read_only_reason()
                    .cloned()
                    .unwrap_or_else(|| Message::new("err-store-file-read-only-plain")),
            }),
        }
    }
}

pub(crate) fn decode_summary(bytes: &[u8]) -> Result<FileSummary, Error> {
    serde_json::from_slice(bytes).map_err(|source| Error::CorruptRecord {
        what: "summary index".into(),
        source,
    })
}

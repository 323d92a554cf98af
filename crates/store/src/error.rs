//! The error type of `casebook-store`.

use std::path::PathBuf;

use casebook_base::FileId;

/// What went wrong with the store.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The path holds something that is not a casebook store: a damaged store, or another
    /// program's file.
    #[error(
        "the store file {path} is damaged or is not a casebook store, so it cannot be opened. Restore it from a backup; or move it aside (`mv '{path}' '{path}.damaged'`), run `casebook init --name <your name>` to start an empty store with this node's key, add your peers again (`casebook peer add`) and sync to get the files shared with this node back"
    )]
    NotAStore {
        /// The path.
        path: PathBuf,
    },
    /// The store was written by a newer casebook.
    #[error(
        "the store at {path} has format version {found}, but this casebook reads up to {supported}; upgrade casebook"
    )]
    TooNew {
        /// The path.
        path: PathBuf,
        /// Its format version.
        found: u32,
        /// Ours.
        supported: u32,
    },
    /// The store was written by a pre-release casebook whose format cannot be upgraded.
    #[error(
        "the store at {path} has pre-release format {found} (this casebook reads {supported}); export its clients with that version (`casebook export --format json`), then `casebook import` them into a new store"
    )]
    TooOld {
        /// The path.
        path: PathBuf,
        /// Its format version.
        found: u32,
        /// Ours.
        supported: u32,
    },
    /// Another process has the store open.
    #[error(
        "the store at {path} is in use by another casebook process; wait for it to finish (or stop `casebook serve`) and try again"
    )]
    InUse {
        /// The path.
        path: PathBuf,
    },
    /// A store already exists where one was to be created.
    #[error("a casebook store already exists at {path}")]
    AlreadyExists {
        /// The path.
        path: PathBuf,
    },
    /// The store was opened read-only (see [`crate::Store::open`]): it can be read, listed and
    /// exported, but not changed.
    #[error("the store at {path} is read-only, so nothing can be changed: {why}")]
    ReadOnly {
        /// The path.
        path: PathBuf,
        /// Why, and how to allow changes.
        why: String,
    },
    /// An earlier I/O error left the store in an unknown state; it refuses writes.
    #[error(
        "an earlier storage error stopped this store from accepting writes; close casebook and open the store again"
    )]
    Poisoned,
    /// A stored file could not be decoded.
    #[error(
        "the stored account file {file_id} is corrupt; restore it from a peer or a backup export"
    )]
    Corrupt {
        /// The file.
        file_id: FileId,
        /// What failed.
        #[source]
        source: Box<casebook_doc::Error>,
    },
    /// A stored summary or configuration could not be decoded.
    #[error("the store's {what} is corrupt")]
    CorruptRecord {
        /// Which record.
        what: String,
        /// What failed.
        #[source]
        source: serde_json::Error,
    },
    /// redb failed.
    #[error("storage error")]
    Redb(#[source] Box<redb::Error>),
}

macro_rules! from_redb {
    ($($t:ty),+) => {
        $(impl From<$t> for Error {
            fn from(e: $t) -> Self {
                Self::Redb(Box::new(e.into()))
            }
        })+
    };
}

from_redb!(
    redb::Error,
    redb::DatabaseError,
    redb::TransactionError,
    redb::TableError,
    redb::StorageError,
    redb::CommitError,
    redb::SetDurabilityError
);

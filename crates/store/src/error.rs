//! The error type of `casebook-store`.

use std::path::PathBuf;

use casebook_base::FileId;
use casebook_i18n::{Localised, Message};

/// What went wrong with the store.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The path holds something that is not a casebook store: a damaged store, or another
    /// program's file.
    #[error("{}", self.message())]
    NotAStore {
        /// The path.
        path: PathBuf,
    },
    /// The store was written by a newer casebook.
    #[error("{}", self.message())]
    TooNew {
        /// The path.
        path: PathBuf,
        /// Its format version.
        found: u32,
        /// Ours.
        supported: u32,
    },
    /// The store was written by a pre-release casebook whose format cannot be upgraded.
    #[error("{}", self.message())]
    TooOld {
        /// The path.
        path: PathBuf,
        /// Its format version.
        found: u32,
        /// Ours.
        supported: u32,
    },
    /// Another process has the store open.
    #[error("{}", self.message())]
    InUse {
        /// The path.
        path: PathBuf,
    },
    /// A store already exists where one was to be created.
    #[error("{}", self.message())]
    AlreadyExists {
        /// The path.
        path: PathBuf,
    },
    /// The store was opened read-only (see [`crate::Store::open`]): it can be read, listed and
    /// exported, but not changed.
    #[error("{}", self.message())]
    ReadOnly {
        /// The path.
        path: PathBuf,
        /// Why, and how to allow changes.
        why: Message,
    },
    /// An earlier I/O error left the store in an unknown state; it refuses writes.
    #[error("{}", self.message())]
    Poisoned,
    /// A stored file could not be decoded.
    #[error("{}", self.message())]
    Corrupt {
        /// The file.
        file_id: FileId,
        /// What failed.
        #[source]
        source: Box<casebook_doc::Error>,
    },
    /// A stored summary or configuration could not be decoded.
    #[error("{}", self.message())]
    CorruptRecord {
        /// Which record.
        what: String,
        /// What failed.
        #[source]
        source: serde_json::Error,
    },
    /// redb failed.
    #[error("{}", self.message())]
    Redb(#[source] Box<redb::Error>),
}

impl Localised for Error {
    fn message(&self) -> Message {
        let path = |p: &PathBuf| p.display().to_string();
        match self {
            Error::NotAStore { path: p } => {
                Message::new("err-store-not-a-store").with("path", path(p))
            }
            Error::TooNew {
                path: p,
                found,
                supported,
            } => Message::new("err-store-too-new")
                .with("path", path(p))
                .with("found", found.to_string())
                .with("supported", supported.to_string()),
            Error::TooOld {
                path: p,
                found,
                supported,
            } => Message::new("err-store-too-old")
                .with("path", path(p))
                .with("found", found.to_string())
                .with("supported", supported.to_string()),
            Error::InUse { path: p } => Message::new("err-store-in-use").with("path", path(p)),
            Error::AlreadyExists { path: p } => {
                Message::new("err-store-already-exists").with("path", path(p))
            }
            Error::ReadOnly { path: p, why } => Message::new("err-store-read-only")
                .with("path", path(p))
                .with("why", why.clone()),
            Error::Poisoned => Message::new("err-store-poisoned"),
            Error::Corrupt { file_id, .. } => {
                Message::new("err-store-corrupt").with("file", file_id.to_string())
            }
            Error::CorruptRecord { what, .. } => {
                let what = match what.as_str() {
                    "change origin" => Message::new("err-store-record-change-origin"),
                    "configuration" => Message::new("err-store-record-configuration"),
                    "peer list" => Message::new("err-store-record-peer-list"),
                    "peer" => Message::new("err-store-record-peer"),
                    "summary index" => Message::new("err-store-record-summary-index"),
                    "summary" => Message::new("err-store-record-summary"),
                    other => Message::new("err-doc").with("detail", other),
                };
                Message::new("err-store-corrupt-record").with("what", what)
            }
            Error::Redb(_) => Message::new("err-store-redb"),
        }
    }
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

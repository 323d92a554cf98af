//! Durable redb storage for casebook account files: an incremental change log with compacted
//! snapshots per file, a summary index kept in the same transaction, and the origin of every
//! change.
//!
//! # Brief overview
//! - [`Store`] is one node's database: [`Store::create`] makes it, [`Store::open`] opens it
//!   without loading any document; [`Store::create_on`] and [`Store::open_on`] do the same on
//!   any redb `StorageBackend` (the seam the storage proofs use).
//! - [`Store::commit`] appends a file's new changes, replaces its [`FileSummary`] and records
//!   each change's [`ChangeOrigin`] in one fsynced transaction.
//! - [`Store::summaries`] answers portfolio questions from the index alone.
//!
//! ```
//! use casebook_base::{FileId, SecretKey};
//! use casebook_store::{Store, Origin};
//! let dir = tempfile::tempdir().unwrap();
//! let node = SecretKey::generate().unwrap().node_id();
//! let store = Store::create(&dir.path().join("casebook.redb"), node).unwrap();
//! assert!(store.summaries().unwrap().is_empty());
//! ```
#![deny(missing_docs, rustdoc::broken_intra_doc_links)]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

mod db;
mod doc_cache;
mod error;
mod load;
mod origin;
mod peers;
mod tables;
mod write;

pub use casebook_doc::FileSummary;
pub use db::{ChangeSignature, Commit, FORMAT_VERSION, SIGNATURE_CONTEXT, Store};
pub use error::Error;
pub use origin::{ChangeOrigin, Origin};
pub use peers::Peer;
/// The storage seam a store can be created and opened on (`Store::create_on`, `Store::open_on`).
pub use redb::StorageBackend;
pub use write::{Txn, reads_back};

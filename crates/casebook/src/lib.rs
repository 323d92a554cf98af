//! Casebook: an embeddable, local-first engine for business advisers' account files.
//!
//! # Brief overview
//! - [`Node`] is one adviser's node: a data directory with a node key and a durable store.
//!   [`Node::init`] creates one, [`Node::open`] opens it.
//! - [`Node::create_client`] and [`Node::apply`] make changes: `apply` runs any edit from
//!   [`casebook_doc::edit`] and commits it durably with the file's new summary.
//! - [`portfolio::portfolio`] answers the PF-6 health questions from the index alone.
//! - [`Node::history`], [`Node::read_at`] and [`Node::diff`] inspect the merged history.
//! - [`Node::export_automerge`] and [`Node::merge_automerge`] move account files between
//!   nodes as files, the offline path that sync builds on.
//!
//! ```
//! use casebook::{Node, edit};
//! let dir = tempfile::tempdir().unwrap();
//! let node = Node::init(dir.path(), "Alice Adviser").unwrap();
//! let file = node.create_client(&edit::NewClient { name: "Acme Ltd".into(), ..Default::default() }).unwrap();
//! assert_eq!(node.read(file).unwrap().profile.name, "Acme Ltd");
//! ```
#![deny(missing_docs, rustdoc::broken_intra_doc_links)]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod authority;
mod conflicts;
pub mod contracts;
pub mod demo;
mod error;
pub mod import;
mod letters;
mod node;
pub mod organisation;
mod peer_removal;
mod peers;
pub mod pictures;
pub mod portfolio;
pub mod private;
mod prr_register;
pub mod review_pack;
pub mod reviews;
pub mod scorecards;
pub mod surveys;
mod tier_register;
pub mod time;

pub use casebook_base::{FileId, NodeId, SecretKey, Ticket, guard, limits};
/// Configuration types (the RAG matrix and pathway stages).
pub use casebook_doc::config as config_types;
/// Conflicts between concurrent values, and the choice that resolves one.
pub use casebook_doc::conflicts::{Candidate, Choice, Conflict};
/// Fields the rules read that hold concurrent values, which every rule judges by the worst.
pub use casebook_doc::disputes;
pub use casebook_doc::{
    AccountFile, FileSummary, OrgConfig, automerge, collation, diff, documents, edit, endorse,
    enums, history, kpis, model, org, prr, review_templates, rules, schema, survey_bank, tiers,
    view,
};
pub use casebook_store::{ChangeOrigin, ChangeSignature, Origin, Peer, Store, Txn};
pub use error::Error;
pub use node::{
    BroughtIn, HistoryEntry, KEY_FILE, MergeReport, Node, STORE_FILE, default_data_dir,
};
pub use peer_removal::{Grant, Grants, PeerRemoval};
pub use time::parse_event_time;

/// The errors of identifiers, tickets and the node key.
pub use casebook_base::Error as BaseError;
/// The account-file error type, re-exported for callers that match on it.
pub use casebook_doc::Error as DocError;
/// Messages in English and Welsh; every error of the engine carries one.
pub use casebook_i18n as i18n;
/// The store's error type, re-exported for callers that match on it.
pub use casebook_store::Error as StoreError;

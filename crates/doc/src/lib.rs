//! The casebook account file on Automerge: schema, typed views and edits, domain rules and
//! migrations. Pure: no storage, no network.
//!
//! # Brief overview
//! - [`schema`] creates a new file ([`schema::new_file`]) and migrates old ones without
//!   conflicts; every node builds the same skeleton changes.
//! - [`edit`] holds one function per domain operation (add a client, log an interaction,
//!   assess a risk, ...); each makes one Automerge change with a message in the domain's words.
//! - [`view::read`] turns a document into an [`AccountFile`] of plain structs, with the
//!   [`disputes`]: fields the rules read that hold concurrent values, judged by the worst.
//! - [`rules`] computes what the seeds require: RAG roll-up, COSMONAUTS scores, stalled and
//!   unresponsive flags, churn. [`OrgConfig`] holds the thresholds an organisation may change.
//! - [`FileSummary`] is the small per-file record the store indexes for portfolio questions.
//!
//! ```
//! use casebook_base::FileId;
//! use casebook_doc::{edit, schema, view, OrgConfig};
//! let config = OrgConfig::default();
//! let mut doc = schema::new_file(FileId::new(), casebook_base::NodeId::from_bytes([1; 32])).unwrap();
//! let ctx = edit::EditContext { adviser: "Alice".into(), now: chrono::Utc::now() };
//! edit::create_client(&mut doc, &ctx, &config, &edit::NewClient {
//!     name: "Acme Ltd".into(), ..Default::default()
//! }).unwrap();
//! assert_eq!(view::read(&doc).unwrap().profile.name, "Acme Ltd");
//! ```
#![deny(missing_docs, rustdoc::broken_intra_doc_links)]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod collation;
pub mod config;
pub mod conflicts;
pub mod diff;
pub mod disputes;
pub mod documents;
pub mod edit;
pub mod endorse;
pub mod enums;
mod error;
pub mod history;
pub mod kpis;
pub mod model;
pub mod org;
pub mod prr;
pub mod review_templates;
pub mod rules;
pub mod schema;
pub mod summary;
pub mod survey_bank;
mod templates;
pub mod tiers;
pub mod view;

#[cfg(test)]
mod test_support;

pub use automerge;
pub use config::OrgConfig;
pub use error::Error;
pub use model::AccountFile;
pub use summary::FileSummary;

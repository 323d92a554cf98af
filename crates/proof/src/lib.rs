//! Storage proofs of casebook: the shared harness of the suites in `tests/`.
//!
//! The only fake is the disk: [`fault_backend::Disk`] sits under redb's own
//! [`redb::StorageBackend`] seam, keeps the file image in memory, records every write and every
//! `sync_data`, produces the image a crash would leave at any sync point (with the unsynced
//! writes applied, dropped or garbage-filled per sector), and fails the N-th operation on
//! demand. Everything above it is the real redb, the real [`casebook_store::Store`] and the real
//! [`casebook::Node`].
//!
//! - [`workload`]: a standard workload (files, edits, incoming sync batches, a compaction, trust
//!   changes) with a journal of every call: when it started and returned, in positions of the
//!   disk's operation log, and what it wrote.
//! - [`verify`]: opens an image and checks the durability promise against the journal.
//! - [`tier`]: quick (CI) or extended (`CASEBOOK_TIER=extended`).
//! - [`report`]: the one-line figures every suite prints.
//!
//! See docs/testing.md for the promises and the figures.
#![deny(missing_docs, rustdoc::broken_intra_doc_links)]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod fault_backend;
pub mod fuzz;
pub mod load;
pub mod netns;
pub mod parallel;
pub mod report;
pub mod rng;
pub mod sample;
pub mod security;
pub mod tier;
pub mod verify;
pub mod workload;

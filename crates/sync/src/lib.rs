//! Peer-to-peer sync of casebook account files over QUIC.
//!
//! # Brief overview
//! - [`Session`] is one sync session with one peer, sans-IO: it announces the files changed
//!   since the peer's cursor into this node's log, runs Automerge's sync protocol for each file
//!   whose heads differ, checks every received change with [`casebook::authority`] and commits
//!   a batch in one transaction before acknowledging it. A file with a refused change is
//!   refused alone ([`Stats::refused`]); every other file goes on syncing.
//! - [`driver::run`] runs a session over one QUIC stream of an authenticated connection.
//! - [`Server`] listens, dials trusted peers and keeps live sessions (`casebook serve`);
//!   [`sync_once`] runs one session to completion (`casebook sync`).
//! - [`status`] answers "in sync / ahead / behind / never synced / refused" per peer and file
//!   from the store alone.
//!
//! See docs/design.md ("Sync protocol") and docs/security.md.
#![deny(missing_docs, rustdoc::broken_intra_doc_links)]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod backoff;
pub mod driver;
mod error;
pub mod mission;
pub mod reconcile;
pub mod record;
mod server;
pub mod session;
pub mod status;

pub use casebook_net::Error as NetError;
pub use driver::{Mode, Progress, Report};
pub use error::Error;
pub use record::RefusedBy;
pub use server::{Event, EventFn, Server, sync_once};
pub use session::{ConflictsArrived, RefusedFile, Session, SessionEnd, Stats};

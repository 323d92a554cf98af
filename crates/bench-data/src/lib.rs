//! The data every casebook benchmark is measured on, and the small helpers they share.
//!
//! The store/edit benchmark (`crates/casebook/benches/core.rs`), the sync benchmark
//! (`crates/sync/benches/sync.rs`) and the comparison with samod (`crates/bench-samod`) all
//! build their portfolios here, so the sync benchmark and the comparison measure the very same
//! kind of account file. A [`Spec`] says what each file holds ([`Spec::plain`] for the store
//! benchmark, [`Spec::shared`] for the sync ones); [`populate`] builds file number 0, 1, ... of
//! it on worker threads and commits them in batches through a node's store. File `n` always has
//! the same client, people and interactions; only ids and entry keys are random.
//!
//! Building uses the real edits (`edit::create_client`, `add_person`, `share`) except for the
//! interactions, which [`Method::Direct`] writes as the same Automerge change
//! `edit::log_interaction` makes without reading the document first (that edit reads the whole
//! document, so a file of N interactions would cost O(N²)). [`check_direct`] compares the two
//! on one file; every benchmark runs it at start-up.
//!
//! The rest are the measuring and printing helpers the benchmarks had in common: environment
//! knobs ([`env_usize`], [`threads`]), `/proc` memory readers ([`vm_hwm_kb`], [`vm_rss_kb`],
//! [`reset_hwm`]), formatting ([`fmt_dur`], [`fmt_bytes`], [`ratio`], ...) and the markdown
//! [`Table`].
//!
//! The two sync benchmarks also share their casebook set-up and their child processes: Alice's
//! listen-only server with its session log ([`Serving`]), the two nodes set up to trust each
//! other ([`Pair`]), re-executing the binary as a child ([`run_child`]), and in the child
//! Bob's node opened to dial Alice ([`open_dialer`]), `sync_once` under a stall watchdog
//! ([`sync_once_watched`]) and its report line ([`sync_report_line`]).

#![warn(missing_docs)]

mod build;
mod check;
mod child;
mod dialer;
mod direct;
mod env;
mod format;
mod method;
mod pair;
mod pick;
mod populate;
mod records;
mod rss;
mod serve;
mod spec;
mod table;
mod watchdog;

pub use build::{Built, FileDocs, Part, build, build_docs, sign_own};
pub use check::{check_direct, content_lines};
pub use child::{CHILD_ENV, ChildLine, run_child};
pub use dialer::{Dialer, open_dialer, sync_report_line};
pub use direct::log_direct;
pub use env::{env_usize, threads};
pub use format::{fmt_bytes, fmt_dur, fmt_dur_precise, fmt_kb, fmt_mib, ms, ratio};
pub use method::{Method, POPULATE_ENV};
pub use pair::{ALICE, ALICE_PEER, BOB, BOB_PEER, Pair};
pub use pick::{split_spread, spread};
pub use populate::{BATCH, commit_batch, populate};
pub use records::{LEADS, client, client_name, interaction, person};
pub use rss::{reset_hwm, vm_hwm_kb, vm_rss_kb};
pub use serve::{Serving, SessionLog};
pub use spec::{SHARED_PEOPLE, Share, Spec, Storing};
pub use table::Table;
pub use watchdog::{Watched, sync_once_watched};

/// The benchmarks' error type: any error, boxed.
pub type BoxResult<T> = Result<T, Box<dyn std::error::Error>>;

//! Fuzz targets: every decoder that reads bytes from a peer or a file, with the invariants
//! each one must keep, as plain functions of `&[u8]`.
//!
//! The same functions run under libFuzzer (the cargo-fuzz crate `crates/fuzz`, one line per
//! target) and as ordinary tests (`tests/fuzz_regressions.rs` replays every committed seed and
//! crasher). A target returns `Err(Violation)` when an invariant breaks; the code under test
//! must never panic, so a panic is a finding too.
//!
//! | target | input | invariants |
//! |---|---|---|
//! | [`frame`] | a byte stream cut into chunks | frames and errors do not depend on the cut; nothing is buffered beyond the bytes pushed; an oversized prefix is refused before its payload |
//! | [`message`] | one frame's payload | decode → encode → decode round-trips; a `Reconcile` answer is itself valid; an Automerge sync message re-encodes stably |
//! | [`handshake`] | the first messages of a session, one per batch, to a real node | nothing before `Hello`, one `Hello`, the version checked; the reply announces only files shared with the peer; a refused batch changes nothing |
//! | [`session`] | a whole session's frames, in batches, to a real node holding shared files | a batch that ends the session changes nothing, nor does any file refused alone; only changes the peer really holds are ever stored; no byte of the unshared file leaves |
//! | [`document`] | an Automerge file to merge or import | refused: nothing stored; accepted: a readable account file; load → save → load keeps the heads |
//! | [`import`] | clients CSV, interactions CSV or account-file JSON | refused: nothing stored; accepted: exactly the files reported changed |
//!
//! The node-backed targets share one fixture per process ([`world`]); seeds are recorded from
//! it by [`seeds`].

pub mod document;
pub mod frame;
pub mod handshake;
pub mod import;
pub mod message;
pub mod seeds;
pub mod session;
pub mod world;

use std::fmt;

/// An invariant a target found broken (or a fixture step that failed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation(pub String);

impl Violation {
    /// A violation saying `what`.
    pub fn new(what: impl Into<String>) -> Self {
        Self(what.into())
    }

    /// A map_err adapter for a failing step of the fixture itself: "fixture: `what`: error".
    pub fn local<E: fmt::Display>(what: &'static str) -> impl FnOnce(E) -> Self {
        move |e| Self(format!("fixture: {what}: {e}"))
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Violation {}

/// `Err(Violation)` saying `what` unless `cond` holds.
pub(crate) fn ensure(cond: bool, what: impl FnOnce() -> String) -> Result<(), Violation> {
    if cond { Ok(()) } else { Err(Violation(what())) }
}

/// One fuzz target and the limits its runs are held to.
#[derive(Debug)]
pub struct Target {
    /// The name: of the module here, of `crates/fuzz/fuzz_targets/<name>.rs`, of the seed and
    /// regression directories.
    pub name: &'static str,
    /// One input.
    pub run: fn(&[u8]) -> Result<(), Violation>,
    /// Build the target's fixture, if it has one (done once per process, before the limits are
    /// armed; [`Target::run`] does it too when needed).
    pub prepare: fn() -> Result<(), Violation>,
    /// The largest single allocation an input may cause, in bytes (the named limit the target's
    /// bytes are bounded by). The cargo-fuzz crate's allocator refuses anything larger.
    pub alloc_limit: usize,
}

/// Nothing to prepare.
pub(crate) fn no_fixture() -> Result<(), Violation> {
    Ok(())
}

/// Every target.
pub const TARGETS: &[&Target] = &[
    &frame::TARGET,
    &message::TARGET,
    &handshake::TARGET,
    &session::TARGET,
    &document::TARGET,
    &import::TARGET,
];

/// The target called `name`.
pub fn target(name: &str) -> Option<&'static Target> {
    TARGETS.iter().copied().find(|t| t.name == name)
}

/// Encode messages as the wire carries them (one frame each).
pub fn encode_stream(messages: &[casebook_proto::Message]) -> Vec<u8> {
    let mut wire = Vec::new();
    for m in messages {
        // A message of a real session always fits a frame; a seed that did not would be
        // refused by the target's decoder like any other bad frame.
        let _ = casebook_proto::codec::encode_frame(&m.encode(), &mut wire);
    }
    wire
}

/// Let panics that casebook's decoder guard catches ([`casebook::guard`]) pass the panic hook
/// silently: libfuzzer-sys's hook aborts on every panic, and only an uncaught one is a crash.
pub fn quiet_guarded_panics() {
    casebook::guard::quiet_hook();
}

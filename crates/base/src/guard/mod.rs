//! Guards around third-party decoders that may panic on malformed bytes ([`decode`]) or read
//! them without bounds ([`check_chunks`]).
//!
//! Automerge 0.12 (through its column codec, `hexane`) can panic on a malformed document or
//! change chunk instead of returning an error: fuzzing found an `unwrap()` on a truncated LEB128
//! number in a bundle chunk. Bytes from a peer or from a file must never crash a node, so every
//! call that hands such bytes to Automerge runs inside [`decode`], which turns a panic into an
//! error that the caller reports like any other malformed input.
//!
//! A panic still runs the process's panic hook, which by default prints it. [`quiet_hook`]
//! wraps the installed hook so that a panic caught here prints nothing and (under a fuzzer,
//! whose hook aborts) does not abort; every other panic is reported as before.

use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};

use casebook_i18n::{Localised, Message};

mod chunks;
pub use chunks::{ChunkRefusal, ChunkSpan, check_chunks, chunks};

thread_local! {
    /// How many [`decode`] calls are running on this thread.
    static GUARDED: Cell<u32> = const { Cell::new(0) };
}

/// Why a guarded decoder gave up.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError<E> {
    /// The decoder returned an error.
    #[error("{0}")]
    Refused(E),
    /// The decoder panicked: the bytes are malformed in a way it does not report.
    #[error("{}", self.message())]
    Panicked,
}

impl<E: std::fmt::Display> Localised for DecodeError<E> {
    fn message(&self) -> Message {
        match self {
            // The decoder's own words: Automerge speaks English only.
            DecodeError::Refused(e) => Message::new("guard-refused").with("why", e.to_string()),
            DecodeError::Panicked => Message::new("guard-panicked"),
        }
    }
}

/// Run `f`, a decoder of untrusted bytes; a panic inside it becomes [`DecodeError::Panicked`].
///
/// Whatever `f` was building or changing when it panicked must be thrown away by the caller (it
/// may be half-changed): callers decode into a fresh value, or end the session that held it.
///
/// # Errors
/// `f`'s own error, or [`DecodeError::Panicked`].
pub fn decode<T, E>(f: impl FnOnce() -> Result<T, E>) -> Result<T, DecodeError<E>> {
    GUARDED.with(|g| g.set(g.get() + 1));
    let result = catch_unwind(AssertUnwindSafe(f));
    GUARDED.with(|g| g.set(g.get().saturating_sub(1)));
    match result {
        Ok(r) => r.map_err(DecodeError::Refused),
        Err(_) => Err(DecodeError::Panicked),
    }
}

/// Whether a [`decode`] call is running on this thread.
pub fn guarded() -> bool {
    GUARDED.with(|g| g.get() > 0)
}

/// Wrap the installed panic hook so that a panic inside [`decode`] runs no hook (it is
/// reported as an error by the caller instead). Call once at start-up, after any other hook is
/// installed.
pub fn quiet_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !guarded() {
            previous(info);
        }
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panicking_decoder_becomes_an_error_and_the_guard_is_released() {
        let r: Result<(), DecodeError<String>> = decode(|| {
            assert!(guarded());
            panic!("malformed")
        });
        assert_eq!(r, Err(DecodeError::Panicked));
        assert!(!guarded());
    }

    #[test]
    fn a_decoders_own_result_passes_through() {
        assert_eq!(decode(|| Ok::<u8, String>(7)), Ok(7));
        assert_eq!(
            decode(|| Err::<u8, String>("bad".into())),
            Err(DecodeError::Refused("bad".into()))
        );
    }
}

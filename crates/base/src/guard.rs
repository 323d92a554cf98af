//! A guard around third-party decoders that may panic on malformed bytes.
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
    #[error("malformed bytes that the Automerge decoder cannot read")]
    Panicked,
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

/// The magic number every Automerge chunk starts with.
const CHUNK_MAGIC: [u8; 4] = [0x85, 0x6f, 0x4a, 0x83];
/// The chunk type of a bundle (after the magic number and a 4-byte checksum).
const BUNDLE_CHUNK: u8 = 3;

/// Refuse bytes that hold an Automerge **bundle** chunk.
///
/// Casebook writes documents and changes, never bundles, and Automerge 0.12 reads a bundle's
/// columns without bounds: an 80-byte bundle made it ask for over 128 MiB (found by fuzzing),
/// which no guard can catch, since a failed allocation aborts the process. Walks the chunk
/// headers (magic number, checksum, type, LEB128 length); bytes that are not well-formed chunks
/// are left for Automerge to refuse.
///
/// # Errors
/// What to tell the user, if a bundle chunk is present.
pub fn refuse_bundles(bytes: &[u8]) -> Result<(), &'static str> {
    let mut rest = bytes;
    while rest.get(..4) == Some(&CHUNK_MAGIC[..]) {
        let Some(&kind) = rest.get(8) else {
            return Ok(());
        };
        if kind == BUNDLE_CHUNK {
            return Err("it holds an Automerge bundle, which casebook does not read");
        }
        // The chunk's length: an unsigned LEB128 number after the type byte.
        let mut length: u64 = 0;
        let mut header = 9;
        loop {
            let Some(&byte) = rest.get(header) else {
                return Ok(());
            };
            let shift = 7 * (header - 9);
            if shift >= 64 {
                return Ok(());
            }
            length |= u64::from(byte & 0x7f) << shift;
            header += 1;
            if byte & 0x80 == 0 {
                break;
            }
        }
        let Some(end) = usize::try_from(length)
            .ok()
            .and_then(|l| l.checked_add(header))
        else {
            return Ok(());
        };
        let Some(next) = rest.get(end..) else {
            return Ok(());
        };
        rest = next;
    }
    Ok(())
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

    /// A chunk header: magic number, a checksum, the type and a one-byte length.
    fn chunk(kind: u8, body: &[u8]) -> Vec<u8> {
        let mut c = CHUNK_MAGIC.to_vec();
        c.extend_from_slice(&[1, 2, 3, 4, kind, u8::try_from(body.len()).unwrap()]);
        c.extend_from_slice(body);
        c
    }

    #[test]
    fn a_bundle_chunk_is_refused_wherever_it_stands() {
        assert!(refuse_bundles(&chunk(BUNDLE_CHUNK, b"x")).is_err());
        let mut two = chunk(0, b"a document");
        two.extend(chunk(BUNDLE_CHUNK, b""));
        assert!(refuse_bundles(&two).is_err());
    }

    #[test]
    fn documents_changes_and_malformed_bytes_pass_to_automerge() {
        let mut ok = chunk(0, b"a document");
        ok.extend(chunk(1, b"a change"));
        ok.extend(chunk(2, b"a compressed change"));
        assert_eq!(refuse_bundles(&ok), Ok(()));
        for bytes in [
            &b""[..],
            b"not a chunk",
            &CHUNK_MAGIC[..],
            &[0x85, 0x6f, 0x4a, 0x83, 0, 0, 0, 0, 1, 0xff],
        ] {
            assert_eq!(refuse_bundles(bytes), Ok(()));
        }
    }
}

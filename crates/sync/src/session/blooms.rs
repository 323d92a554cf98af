//! Checks of a peer's Automerge sync message before Automerge sees it.

use automerge::sync::Message as AmMessage;

use super::SessionEnd;

/// The most probes per hash a peer's Bloom filter may ask for (Automerge's own filters use 7).
const MAX_BLOOM_PROBES: u64 = 64;

/// Refuse a peer's Bloom filter that Automerge cannot use safely. Automerge (0.12) trusts the
/// parameters it decodes: a filter that claims entries but carries no bits makes it divide by
/// zero (a panic, in release builds too), and its probe count sizes a vector for every hash it
/// checks. Found by the fuzzer (`crates/fuzz`, target `session`).
pub(super) fn usable_blooms(am: &AmMessage) -> Result<(), SessionEnd> {
    for have in &am.have {
        // Empty: no entries, which Automerge never probes. Otherwise three LEB128 numbers
        // (entries, bits per entry, probes), then the bits.
        let bytes = have.bloom.to_bytes();
        if bytes.is_empty() {
            continue;
        }
        let mut rest = bytes.as_slice();
        let mut probes = 0;
        for _ in 0..3 {
            probes = read_leb128(&mut rest).unwrap_or(u64::MAX);
        }
        if rest.is_empty() || probes > MAX_BLOOM_PROBES {
            return Err(SessionEnd::Protocol(
                casebook_i18n::Message::new("sync-protocol-bloom")
                    .with("bytes", rest.len())
                    .with("probes", probes),
            ));
        }
    }
    Ok(())
}

/// Read one unsigned LEB128 number from the front of `bytes`.
fn read_leb128(bytes: &mut &[u8]) -> Option<u64> {
    let mut value = 0u64;
    for shift in (0..64).step_by(7) {
        let (&byte, rest) = bytes.split_first()?;
        *bytes = rest;
        value |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Some(value);
        }
    }
    None
}

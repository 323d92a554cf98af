//! `message`: one frame's payload decoded as a session message.
//!
//! Invariants: a decoded message re-encodes to at most the bytes it came from and decodes back
//! to itself; its counts are within the named limits; a `Reconcile` message's answer (against
//! a fixed set of 40 files) is itself a valid `Reconcile` message and names only files inside
//! the ranges asked about; an Automerge sync message, inside a `Sync` or as the whole input,
//! decodes back to itself after re-encoding.

use casebook::FileId;
use casebook::automerge::ChangeHash;
use casebook::automerge::sync::Message as AmMessage;
use casebook::limits::{
    MAX_FRAME_BYTES, MAX_HEADS_PER_HAVE, MAX_REASON_BYTES, MAX_SIGNATURES_PER_SYNC,
};
use casebook_proto::{Item, Message, Range};
use casebook_sync::reconcile;

use super::{Target, Violation, ensure, no_fixture};

/// The `message` target.
pub const TARGET: Target = Target {
    name: "message",
    run: message,
    prepare: no_fixture,
    alloc_limit: MAX_FRAME_BYTES as usize,
};

/// The items a `Reconcile` message is answered against: 40 files spread over the id space.
fn own_items() -> Vec<Item> {
    let mut items: Vec<Item> = (0u8..40)
        .map(|i| {
            let mut id = [i.wrapping_mul(6); 16];
            id[15] = i;
            reconcile::item(FileId::from_bytes(id), &[ChangeHash([i; 32])])
        })
        .collect();
    items.sort();
    items
}

/// Check an Automerge sync message's decoder on `bytes`: what decodes re-encodes, and the
/// re-encoding is stable (Automerge normalises some fields, e.g. an empty Bloom filter's
/// parameters, so the first encoding may differ from the input).
fn automerge_sync(bytes: &[u8]) -> Result<(), Violation> {
    let Ok(mut am) = AmMessage::decode(bytes) else {
        return Ok(());
    };
    // The decoder takes hash lists in any order; the encoder expects them sorted (as Automerge
    // makes them).
    am.heads.sort();
    am.need.sort();
    for have in &mut am.have {
        have.last_sync.sort();
    }
    let first = am.encode();
    let again = AmMessage::decode(&first)
        .map_err(|e| Violation(format!("a re-encoded Automerge sync message fails: {e}")))?;
    let second = again.encode();
    ensure(first == second, || {
        "an Automerge sync message re-encodes differently each time".into()
    })
}

/// Check the answer to a `Reconcile` message.
fn reconcile_answer(lower: [u8; 16], ranges: &[Range]) -> Result<(), Violation> {
    let own = own_items();
    let answer = reconcile::answer(&own, lower, ranges);
    let upper = ranges.last().and_then(|r| r.upper);
    for file in &answer.differing {
        let id = file.to_bytes();
        ensure(id >= lower && upper.is_none_or(|u| id < u), || {
            format!("the answer names file {file}, outside the ranges asked about")
        })?;
    }
    for (lower, ranges) in answer.replies {
        casebook_proto::reconcile::validate(&lower, &ranges)
            .map_err(|e| Violation(format!("the answer to a Reconcile is not valid: {e}")))?;
        let reply = Message::Reconcile { lower, ranges };
        let bytes = reply.encode();
        ensure(bytes.len() <= MAX_FRAME_BYTES as usize, || {
            format!("the answer to a Reconcile is {} bytes", bytes.len())
        })?;
        ensure(Message::decode(&bytes).as_ref() == Ok(&reply), || {
            "the answer to a Reconcile does not decode to itself".into()
        })?;
    }
    Ok(())
}

/// One input of the `message` target.
///
/// # Errors
/// A [`Violation`] naming the broken invariant.
pub fn message(data: &[u8]) -> Result<(), Violation> {
    automerge_sync(data)?;
    let Ok(msg) = Message::decode(data) else {
        return Ok(());
    };
    let bytes = msg.encode();
    ensure(bytes.len() <= data.len(), || {
        format!(
            "{} decoded from {} bytes re-encodes to {}",
            msg.kind(),
            data.len(),
            bytes.len()
        )
    })?;
    ensure(Message::decode(&bytes).as_ref() == Ok(&msg), || {
        format!("{} does not decode back to itself", msg.kind())
    })?;
    match &msg {
        Message::Have { heads, .. } => ensure(heads.len() <= MAX_HEADS_PER_HAVE, || {
            format!("Have with {} heads was accepted", heads.len())
        }),
        Message::Sync {
            message,
            signatures,
            ..
        } => {
            ensure(signatures.len() <= MAX_SIGNATURES_PER_SYNC, || {
                format!("Sync with {} signatures was accepted", signatures.len())
            })?;
            automerge_sync(message)
        }
        Message::Reconcile { lower, ranges } => reconcile_answer(*lower, ranges),
        Message::Refused { reason, .. } => ensure(reason.len() <= MAX_REASON_BYTES, || {
            format!(
                "Refused with a reason of {} bytes was accepted",
                reason.len()
            )
        }),
        Message::Hello { .. } | Message::HaveEnd { .. } | Message::Done { .. } => Ok(()),
    }
}

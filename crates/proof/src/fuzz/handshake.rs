//! `handshake`: the first messages of a session, `Hello` and what follows, to a real `Session`
//! of Bob's real node (see [`super::world`]), one message per batch as they arrive on a new
//! connection.
//!
//! Input: the first byte's low bit says whether Bob sends his `Hello` first (as the driver
//! does) or only in reply; the rest is the byte stream Alice sends. A frame that does not
//! decode ends the session.
//!
//! Invariants, besides those of the `session` target (a refused batch changes nothing, replies
//! decode, nothing of the secret file leaves, no forged change is stored):
//! - Anything before a `Hello`, a second `Hello`, or another protocol version ends the session.
//! - The reply to the first `Hello` holds Bob's own `Hello` exactly when he had not sent it,
//!   exactly one `HaveEnd`, after any `Have` and `Reconcile`, and no `Sync`; every file it
//!   announces is one Bob shares with Alice.

use std::sync::Arc;

use casebook::limits::{MAX_INFLATED_BYTES, PROTOCOL_VERSION};
use casebook_proto::Message;
use casebook_proto::codec::FrameDecoder;

use super::session::{Conversation, check_stored_changes};
use super::world::{self, A1, A2, B1};
use super::{Target, Violation, ensure};

/// The `handshake` target.
pub const TARGET: Target = Target {
    name: "handshake",
    run: handshake,
    prepare: world::prepare,
    // A `Sync` may carry a whole saved document (Automerge sends one to a peer that has
    // nothing), whose compressed columns inflate to at most MAX_INFLATED_BYTES, in a buffer
    // that may grow to twice that.
    alloc_limit: 2 * MAX_INFLATED_BYTES as usize,
};

/// Check Bob's reply to Alice's first `Hello`.
fn check_first_reply(out: &[Message], hello_sent: bool) -> Result<(), Violation> {
    let kinds: Vec<&str> = out.iter().map(Message::kind).collect();
    let hellos = kinds.iter().filter(|k| **k == "Hello").count();
    ensure(hellos == usize::from(!hello_sent), || {
        format!("Bob's reply to Hello (his own sent before: {hello_sent}) is {kinds:?}")
    })?;
    ensure(
        kinds.iter().filter(|k| **k == "HaveEnd").count() == 1,
        || format!("Bob's reply to Hello has no single HaveEnd: {kinds:?}"),
    )?;
    ensure(kinds.last() == Some(&"HaveEnd"), || {
        format!("Bob's reply to Hello does not end with HaveEnd: {kinds:?}")
    })?;
    ensure(!kinds.contains(&"Sync"), || {
        format!("Bob's reply to Hello already syncs: {kinds:?}")
    })?;
    for m in out {
        if let Message::Have { file, .. } = m {
            ensure([A1, A2, B1].contains(file), || {
                format!("Bob announced file {file:?}, which he does not share with Alice")
            })?;
        }
    }
    Ok(())
}

/// One input of the `handshake` target.
///
/// # Errors
/// A [`Violation`] naming the broken invariant.
pub fn handshake(data: &[u8]) -> Result<(), Violation> {
    let (start_first, stream) = match data.split_first() {
        Some((b, rest)) => (b & 1 == 1, rest),
        None => (true, data),
    };
    world::with_bob(|world, node| {
        let (mut conv, _) = Conversation::new(world, Arc::clone(&node), start_first)?;
        let mut decoder = FrameDecoder::new();
        decoder.push(stream);
        while let Ok(Some(frame)) = decoder.next_frame() {
            let Ok(msg) = Message::decode(&frame) else {
                break;
            };
            let had_hello = conv.hello_received;
            let must_fail = match &msg {
                Message::Hello { version, .. } => had_hello || *version != PROTOCOL_VERSION,
                _ => !had_hello,
            };
            let is_hello = matches!(msg, Message::Hello { .. });
            let kind = msg.kind();
            let out = conv.deliver(vec![msg])?;
            if must_fail {
                ensure(conv.ended.is_some(), || {
                    format!(
                        "Bob's session took a {kind} it must refuse (Hello received before: {had_hello})"
                    )
                })?;
            }
            if is_hello && !must_fail {
                ensure(conv.ended.is_none(), || {
                    format!(
                        "Bob's session refused a valid first Hello: {:?}",
                        conv.ended
                    )
                })?;
            }
            if conv.ended.is_some() {
                break;
            }
            if is_hello && !had_hello {
                check_first_reply(&out, start_first)?;
            }
        }
        conv.finish()?;
        drop(conv);
        check_stored_changes(world, &node)
    })
}

//! The sync session's messages and their encoding (postcard inside one frame each).
//!
//! A session is symmetric: both sides send `Hello`, then announce the files they changed since
//! the cursor the other side holds (`Have` … `HaveEnd`), then run Automerge's sync protocol for
//! each file whose heads differ (`Sync`), and say `Done` when they have nothing left to send.
//! A side that may not take a file's changes says so with `Refused`, for that file alone.
//! When a side's cursor is void (first contact, a lost or re-created store), the files are
//! found by set reconciliation (`Reconcile`) instead of being announced one by one.
//! See docs/design.md, "Sync protocol".

use casebook_base::limits::{MAX_HEADS_PER_HAVE, MAX_REASON_BYTES, MAX_SIGNATURES_PER_SYNC};
use serde::{Deserialize, Serialize};

use crate::Error;
use crate::reconcile::{self, Range};

/// A position in a node's store-wide change log: every file committed after `seq` in log
/// `epoch` is news to whoever holds this cursor.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cursor {
    /// The log's epoch (a new store starts a new log; a cursor of another epoch is void).
    pub epoch: u64,
    /// The last sequence number fully received.
    pub seq: u64,
}

/// An author's signature of one change, carried with the change so every receiver can check
/// its authorship, also when a third node relays it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WireSignature {
    /// The signed change's hash (its author is the change's actor).
    pub hash: [u8; 32],
    /// ed25519 over the signature context and the hash.
    #[serde(with = "serde_big_array")]
    pub signature: [u8; 64],
}

/// One message of a sync session.
///
/// postcard encodes a variant by its position, so a new variant goes at the end: the bytes of
/// every earlier one stay as they were.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Message {
    /// The first message each side sends.
    Hello {
        /// [`casebook_base::limits::PROTOCOL_VERSION`] of the sender.
        version: u16,
        /// How far the sender has received the receiver's log (default: never).
        cursor: Cursor,
        /// Whether the sender stays connected for live updates (`casebook serve`); a one-shot
        /// peer (`casebook sync`) is told only what is news when the session starts, so its
        /// session ends even while this node keeps writing.
        live: bool,
    },
    /// "This file changed on my side since your cursor; these are its heads now."
    Have {
        /// The file id.
        file: [u8; 16],
        /// Its heads (empty if there were more than the limit).
        heads: Vec<[u8; 32]>,
    },
    /// The end of the announcements; after syncing them the receiver holds the sender's log up
    /// to `upto`.
    HaveEnd {
        /// The sender's log position when it computed the announcements.
        upto: Cursor,
    },
    /// One Automerge sync message for one file, with the authors' signatures of the changes
    /// it may carry.
    Sync {
        /// The file id.
        file: [u8; 16],
        /// Automerge's encoded sync message.
        message: Vec<u8>,
        /// Signatures of the latest change of each author of the file the sender holds.
        signatures: Vec<WireSignature>,
    },
    /// Set reconciliation: what the sender holds in consecutive ranges of the file-id space,
    /// starting at `lower`.
    Reconcile {
        /// The inclusive lower bound of the first range.
        lower: [u8; 16],
        /// The ranges, each up to its exclusive upper bound.
        ranges: Vec<Range>,
    },
    /// "I have nothing to send; I have processed `seen` of your `Sync`, `Reconcile` and
    /// `Refused` messages."
    Done {
        /// How many `Sync`, `Reconcile` and `Refused` messages of the other side the sender
        /// has processed.
        seen: u64,
    },
    /// "I refuse your changes to this file": the file is out of play for the rest of the
    /// session on both sides; every other file goes on syncing. Counted with `Sync` and
    /// `Reconcile` in `Done`'s `seen`.
    Refused {
        /// The file id.
        file: [u8; 16],
        /// Why, for people (at most [`MAX_REASON_BYTES`] bytes).
        reason: String,
    },
}

mod serde_big_array {
    //! serde supports arrays up to 32 elements; signatures are 64 bytes.
    use serde::{Deserialize, Deserializer, Serializer};

    pub(super) fn serialize<S: Serializer>(v: &[u8; 64], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(v)
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<[u8; 64], D::Error> {
        let bytes: &[u8] = Deserialize::deserialize(d)?;
        <[u8; 64]>::try_from(bytes)
            .map_err(|_| serde::de::Error::invalid_length(bytes.len(), &"64"))
    }
}

impl Message {
    /// The message's kind, for traces and reports.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Hello { .. } => "Hello",
            Self::Have { .. } => "Have",
            Self::HaveEnd { .. } => "HaveEnd",
            Self::Sync { .. } => "Sync",
            Self::Reconcile { .. } => "Reconcile",
            Self::Done { .. } => "Done",
            Self::Refused { .. } => "Refused",
        }
    }

    /// Encode for one frame.
    pub fn encode(&self) -> Vec<u8> {
        // Encoding plain data into a Vec cannot fail.
        postcard::to_stdvec(self).unwrap_or_default()
    }

    /// Decode one frame's payload, refusing trailing bytes and anything over the named limits.
    ///
    /// # Errors
    /// [`Error::Malformed`] with what was wrong.
    pub fn decode(bytes: &[u8]) -> Result<Self, Error> {
        let (msg, rest): (Self, &[u8]) = postcard::take_from_bytes(bytes)
            .map_err(|e| Error::Malformed(format!("undecodable message: {e}")))?;
        if !rest.is_empty() {
            return Err(Error::Malformed(format!(
                "{} bytes after the message",
                rest.len()
            )));
        }
        match &msg {
            Self::Have { heads, .. } if heads.len() > MAX_HEADS_PER_HAVE => Err(Error::Malformed(
                format!("{} heads in one announcement", heads.len()),
            )),
            Self::Sync { signatures, .. } if signatures.len() > MAX_SIGNATURES_PER_SYNC => {
                Err(Error::Malformed(format!(
                    "{} signatures in one sync message",
                    signatures.len()
                )))
            }
            Self::Reconcile { lower, ranges } => reconcile::validate(lower, ranges).map(|()| msg),
            Self::Refused { reason, .. } if reason.len() > MAX_REASON_BYTES => Err(
                Error::Malformed(format!("a reason of {} bytes", reason.len())),
            ),
            _ => Ok(msg),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn sample() -> Vec<Message> {
        vec![
            Message::Hello {
                version: 1,
                cursor: Cursor { epoch: 7, seq: 42 },
                live: true,
            },
            Message::Have {
                file: [3; 16],
                heads: vec![[9; 32], [8; 32]],
            },
            Message::HaveEnd {
                upto: Cursor { epoch: 7, seq: 50 },
            },
            Message::Sync {
                file: [1; 16],
                message: vec![0x42, 1, 2, 3],
                signatures: vec![WireSignature {
                    hash: [5; 32],
                    signature: [6; 64],
                }],
            },
            Message::Reconcile {
                lower: [0; 16],
                ranges: vec![
                    Range {
                        upper: Some([7; 16]),
                        body: reconcile::RangeBody::Fingerprint {
                            count: 12,
                            fingerprint: [4; 16],
                        },
                    },
                    Range {
                        upper: None,
                        body: reconcile::RangeBody::Items(vec![reconcile::Item {
                            file: [8; 16],
                            digest: [2; 16],
                        }]),
                    },
                ],
            },
            Message::Done { seen: 3 },
            Message::Refused {
                file: [2; 16],
                reason: "change 00ff is not signed by its claimed author".into(),
            },
        ]
    }

    #[test]
    fn every_message_round_trips() {
        for m in sample() {
            assert_eq!(Message::decode(&m.encode()), Ok(m));
        }
    }

    #[test]
    fn trailing_bytes_are_refused() {
        let mut bytes = Message::Done { seen: 1 }.encode();
        bytes.push(0);
        assert!(matches!(Message::decode(&bytes), Err(Error::Malformed(_))));
    }

    #[test]
    fn too_many_heads_are_refused() {
        let m = Message::Have {
            file: [0; 16],
            heads: vec![[0; 32]; MAX_HEADS_PER_HAVE + 1],
        };
        assert!(matches!(
            Message::decode(&m.encode()),
            Err(Error::Malformed(_))
        ));
    }

    #[test]
    fn a_reason_over_the_limit_is_refused_and_one_at_it_is_not() {
        let at = Message::Refused {
            file: [1; 16],
            reason: "é".repeat(MAX_REASON_BYTES / 2),
        };
        assert_eq!(Message::decode(&at.encode()), Ok(at));
        let over = Message::Refused {
            file: [1; 16],
            reason: "x".repeat(MAX_REASON_BYTES + 1),
        };
        assert!(matches!(
            Message::decode(&over.encode()),
            Err(Error::Malformed(_))
        ));
    }

    #[test]
    fn earlier_messages_keep_their_bytes() {
        // The variant index leads each message: `Refused` came last, so a peer that predates
        // it reads every other message exactly as before.
        let firsts: Vec<u8> = sample().iter().map(|m| m.encode()[0]).collect();
        assert_eq!(firsts, [0, 1, 2, 3, 4, 5, 6]);
        assert_eq!(Message::Done { seen: 3 }.encode(), [5, 3]);
    }

    #[test]
    fn a_truncated_message_is_refused() {
        for m in sample() {
            let bytes = m.encode();
            for cut in 0..bytes.len() {
                assert!(
                    Message::decode(&bytes[..cut]).is_err(),
                    "{m:?} cut at {cut}"
                );
            }
        }
    }

    proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
            let _ = Message::decode(&bytes);
        }
    }
}

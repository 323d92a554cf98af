//! What the sync engine keeps in the store between sessions, and its encoding.

use automerge::ChangeHash;
use casebook_proto::Cursor;
use serde::{Deserialize, Serialize};

/// Per (peer, file): what both sides held when they last agreed, for the next session to start
/// from, and for `casebook status`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileRecord {
    /// Automerge's encoded sync state (the shared heads).
    pub automerge: Vec<u8>,
    /// The peer's heads as last heard.
    pub their_heads: Vec<[u8; 32]>,
    /// When, in milliseconds since the Unix epoch.
    pub at_ms: i64,
}

impl FileRecord {
    /// The peer's heads as change hashes.
    pub fn their_heads(&self) -> Vec<ChangeHash> {
        self.their_heads.iter().map(|h| ChangeHash(*h)).collect()
    }
}

/// Per peer: how far we have received its log, and when we last heard from it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeerRecord {
    /// The peer's log position we hold (its changes up to there are here).
    pub cursor: Cursor,
    /// When a session with it last completed, in milliseconds since the Unix epoch.
    pub last_contact_ms: i64,
}

/// Encode a record for the store.
pub fn encode<T: Serialize>(value: &T) -> Vec<u8> {
    // Plain data into a Vec cannot fail.
    postcard::to_stdvec(value).unwrap_or_default()
}

/// Decode a stored record; an unreadable one counts as absent (the next session rebuilds it
/// at the cost of some bytes, never of data).
pub(crate) fn decode<T: for<'a> Deserialize<'a>>(bytes: &[u8]) -> Option<T> {
    postcard::from_bytes(bytes).ok()
}

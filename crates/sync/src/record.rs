//! What the sync engine keeps in the store between sessions, and its encoding.

use automerge::ChangeHash;
use casebook_proto::Cursor;
use serde::{Deserialize, Serialize};

/// Per (peer, file): what both sides held when they last agreed, for the next session to start
/// from, and for `casebook status`; and whether the last session refused the file's changes.
///
/// Stored with postcard. The layout grew a field ([`FileRecord::refused`]) at its end, so a
/// record stored before reads as the older layout ([`FileRecord::decode`]), and software that
/// predates the field reads a new record's leading fields as before and ignores the rest.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileRecord {
    /// Automerge's encoded sync state (the shared heads).
    pub automerge: Vec<u8>,
    /// The peer's heads as last heard.
    pub their_heads: Vec<[u8; 32]>,
    /// When, in milliseconds since the Unix epoch.
    pub at_ms: i64,
    /// The latest session's refusal of the file's changes, by either side; cleared when the
    /// file settles with the peer.
    pub refused: Option<RefusalRecord>,
}

/// The layout of [`FileRecord`] before refusals were kept.
#[derive(Deserialize)]
struct FileRecordV1 {
    automerge: Vec<u8>,
    their_heads: Vec<[u8; 32]>,
    at_ms: i64,
}

/// Which side of a session refused a file's changes.
///
/// Stored by position (postcard): new sides go at the end.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RefusedBy {
    /// This node refused the peer's changes.
    ThisNode,
    /// The peer refused this node's changes.
    Peer,
}

/// A refusal of a file's changes, as kept for `casebook status`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefusalRecord {
    /// Why (the refusing side's words).
    pub reason: String,
    /// Who refused.
    pub by: RefusedBy,
    /// When, in milliseconds since the Unix epoch.
    pub at_ms: i64,
}

impl FileRecord {
    /// The peer's heads as change hashes.
    pub fn their_heads(&self) -> Vec<ChangeHash> {
        self.their_heads.iter().map(|h| ChangeHash(*h)).collect()
    }

    /// Decode a stored record of either layout; an unreadable one counts as absent.
    ///
    /// The current layout is tried first: a record of the older layout ends where the refusal
    /// would start, so it never decodes as the current one.
    pub fn decode(bytes: &[u8]) -> Option<Self> {
        decode::<Self>(bytes).or_else(|| {
            decode::<FileRecordV1>(bytes).map(|r| Self {
                automerge: r.automerge,
                their_heads: r.their_heads,
                at_ms: r.at_ms,
                refused: None,
            })
        })
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
/// at the cost of some bytes, never of data). A [`FileRecord`] is read with
/// [`FileRecord::decode`], which also reads the older layout.
pub(crate) fn decode<T: for<'a> Deserialize<'a>>(bytes: &[u8]) -> Option<T> {
    postcard::from_bytes(bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct OldLayout {
        automerge: Vec<u8>,
        their_heads: Vec<[u8; 32]>,
        at_ms: i64,
    }

    #[test]
    fn a_record_of_the_older_layout_still_reads() {
        let old = encode(&OldLayout {
            automerge: vec![0x42, 1, 2],
            their_heads: vec![[7; 32]],
            at_ms: 1_700_000_000_000,
        });
        // The current layout alone cannot read it (the refusal is missing) ...
        assert_eq!(decode::<FileRecord>(&old), None);
        // ... the fallback does, with no refusal.
        assert_eq!(
            FileRecord::decode(&old),
            Some(FileRecord {
                automerge: vec![0x42, 1, 2],
                their_heads: vec![[7; 32]],
                at_ms: 1_700_000_000_000,
                refused: None,
            })
        );
    }

    #[test]
    fn a_refusal_round_trips_and_older_software_reads_the_rest() {
        for refused in [
            None,
            Some(RefusalRecord {
                reason: "change 00ff is not signed by its claimed author".into(),
                by: RefusedBy::Peer,
                at_ms: 5,
            }),
        ] {
            let rec = FileRecord {
                automerge: vec![1],
                their_heads: vec![[3; 32], [4; 32]],
                at_ms: 9,
                refused,
            };
            let bytes = encode(&rec);
            assert_eq!(FileRecord::decode(&bytes), Some(rec.clone()));
            // What software that predates the refusal reads (postcard ignores trailing bytes).
            let old: FileRecordV1 = decode(&bytes).expect("older layout");
            assert_eq!(
                (old.automerge, old.their_heads, old.at_ms),
                (rec.automerge, rec.their_heads, rec.at_ms)
            );
        }
    }
}

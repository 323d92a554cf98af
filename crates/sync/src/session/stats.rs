//! What a session did: [`Stats`].

use casebook::FileId;

use crate::record::RefusedBy;

/// What a session did, for the summary `casebook sync` prints.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Stats {
    /// Files for which this side sent changes.
    pub files_sent: usize,
    /// Files for which this side stored new changes.
    pub files_received: usize,
    /// Changes stored from the peer.
    pub changes_received: usize,
    /// Files announced to the peer.
    pub announced: usize,
    /// Files the peer announced.
    pub announced_by_peer: usize,
    /// Files found to differ by set reconciliation (first contact or a lost cursor).
    pub reconciled: usize,
    /// `Reconcile` messages sent.
    pub reconcile_messages: usize,
    /// Files whose changes one side refused, in the order it happened: each was out of play for
    /// the rest of the session, and nothing of it was stored.
    pub refused: Vec<RefusedFile>,
    /// Files in which the peer's changes brought new conflicts (fields that now hold
    /// concurrent values, listed by `casebook conflicts`), with how many each holds now.
    pub conflicts_arrived: Vec<ConflictsArrived>,
}

/// A file whose open conflicts grew when this side stored the peer's changes.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ConflictsArrived {
    /// The file.
    pub file_id: FileId,
    /// How many of its fields hold concurrent values now.
    pub conflicts: usize,
}

/// One file whose changes a side of the session refused.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct RefusedFile {
    /// The file.
    pub file_id: FileId,
    /// Why, in the refusing side's words.
    pub reason: String,
    /// Which side refused.
    pub refused_by: RefusedBy,
}

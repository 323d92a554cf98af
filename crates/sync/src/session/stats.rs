//! What a session did: [`Stats`].

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
}

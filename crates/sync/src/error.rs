//! The error type of `casebook-sync`.

use casebook::NodeId;

/// What went wrong syncing.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The engine or the store failed.
    #[error(transparent)]
    Engine(#[from] casebook::Error),
    /// The transport failed (bind, dial, handshake).
    #[error(transparent)]
    Net(#[from] casebook_net::Error),
    /// The connection broke or was closed.
    #[error("the connection to {peer} was lost: {reason}")]
    Connection {
        /// The peer.
        peer: NodeId,
        /// What happened.
        reason: String,
    },
    /// The session ended because one side broke a rule (see the reason).
    #[error("sync with {peer} stopped: {reason}")]
    Session {
        /// The peer.
        peer: NodeId,
        /// Why.
        reason: String,
    },
    /// The session completed, but one side refused the changes to some files (see
    /// [`crate::Stats::refused`]); everything else was synced.
    #[error("sync with {peer} finished, but {}", describe_refusals(.refused))]
    Refused {
        /// The peer.
        peer: NodeId,
        /// The files refused, and why.
        refused: Vec<crate::RefusedFile>,
    },
    /// The peer's node does not trust this node: it refused this node's key during the
    /// handshake (it never added this node's ticket, or removed it). Nothing was exchanged.
    #[error(
        "{name} (node {}) does not know this node, so it refused the connection: on {name}'s machine run `casebook peer add {ticket} --name \"<a name for this node>\"` (this node's ticket; `casebook invite` prints it here)",
        .peer.short()
    )]
    NotTrusted {
        /// The peer.
        peer: NodeId,
        /// The peer's name in this node's peer list.
        name: String,
        /// This node's ticket, for the peer's `casebook peer add`.
        ticket: String,
    },
    /// The peer has no address to dial.
    #[error(
        "no address is known for peer {peer}; add it again from a fresh ticket (`casebook invite` on that node, then `casebook peer add`)"
    )]
    NoAddress {
        /// The peer.
        peer: NodeId,
    },
    /// Nothing answered in time.
    #[error("sync with {peer} timed out after {secs} s")]
    Timeout {
        /// The peer.
        peer: NodeId,
        /// The limit.
        secs: u64,
    },
}

impl Error {
    /// [`Error::NotTrusted`] for `peer`, with this node's ticket for the peer's `peer add`.
    pub(crate) fn not_trusted(node: &casebook::Node, peer: NodeId) -> Self {
        let name = node
            .peers()
            .ok()
            .and_then(|peers| peers.into_iter().find(|p| p.node == peer))
            .map_or_else(|| format!("node {}", peer.short()), |p| p.name);
        let ticket = node.invite(&[]).map_or_else(
            |_| "<the ticket `casebook invite` prints>".into(),
            |t| t.to_string(),
        );
        Self::NotTrusted { peer, name, ticket }
    }
}

/// "the changes to N file(s) were refused: FILE (by whom: why); ...".
fn describe_refusals(refused: &[crate::RefusedFile]) -> String {
    let each: Vec<String> = refused
        .iter()
        .map(|r| {
            let by = match r.refused_by {
                crate::RefusedBy::ThisNode => "this node refused the peer's changes",
                crate::RefusedBy::Peer => "the peer refused this node's changes",
            };
            format!("account file {} ({by}: {})", r.file_id, r.reason)
        })
        .collect();
    format!(
        "the changes to {} file(s) were refused: {}",
        refused.len(),
        each.join("; ")
    )
}

//! The error type of `casebook-sync`.

use casebook::NodeId;
use casebook_i18n::{Arg, Localised, Message};

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
    #[error("{}", self.message())]
    Connection {
        /// The peer.
        peer: NodeId,
        /// What happened: the transport's own words, or a message.
        reason: Message,
    },
    /// The session ended because one side broke a rule (see the reason).
    #[error("{}", self.message())]
    Session {
        /// The peer.
        peer: NodeId,
        /// Why (the [`crate::SessionEnd`]'s message).
        reason: Message,
    },
    /// The session completed, but one side refused the changes to some files (see
    /// [`crate::Stats::refused`]); everything else was synced.
    #[error("{}", self.message())]
    Refused {
        /// The peer.
        peer: NodeId,
        /// The files refused, and why.
        refused: Vec<crate::RefusedFile>,
    },
    /// The peer's node does not trust this node: it refused this node's key during the
    /// handshake (it never added this node's ticket, or removed it). Nothing was exchanged.
    #[error("{}", self.message())]
    NotTrusted {
        /// The peer.
        peer: NodeId,
        /// The peer's name in this node's peer list, if it is there.
        name: Option<String>,
        /// This node's ticket, for the peer's `casebook peer add`, if it could be made.
        ticket: Option<String>,
    },
    /// The peer has no address to dial.
    #[error("{}", self.message())]
    NoAddress {
        /// The peer.
        peer: NodeId,
    },
    /// Nothing answered in time.
    #[error("{}", self.message())]
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
            .map(|p| p.name);
        let ticket = node.invite(&[]).ok().map(|t| t.to_string());
        Self::NotTrusted { peer, name, ticket }
    }
}

impl Localised for Error {
    fn message(&self) -> Message {
        match self {
            // The engine's and the transport's errors say what they are themselves; the CLI
            // renders them through their own types.
            Error::Engine(e) => e.message(),
            Error::Net(e) => e.message(),
            Error::Connection { peer, reason } => Message::new("sync-err-connection")
                .with("peer", peer.to_string())
                .with("reason", reason.clone()),
            Error::Session { peer, reason } => Message::new("sync-err-session")
                .with("peer", peer.to_string())
                .with("reason", reason.clone()),
            Error::Refused { peer, refused } => Message::new("sync-err-refused")
                .with("peer", peer.to_string())
                .with("count", refused.len())
                .with("files", describe_refusals(refused)),
            Error::NotTrusted { peer, name, ticket } => {
                let name: Arg = match name {
                    Some(n) => n.into(),
                    None => node_short(peer).into(),
                };
                let ticket: Arg = match ticket {
                    Some(t) => t.into(),
                    None => Message::new("sync-ticket-placeholder").into(),
                };
                Message::new("sync-err-not-trusted")
                    .with("name", name)
                    .with("node", peer.short())
                    .with("ticket", ticket)
            }
            Error::NoAddress { peer } => {
                Message::new("sync-err-no-address").with("peer", peer.to_string())
            }
            Error::Timeout { peer, secs } => Message::new("sync-err-timeout")
                .with("peer", peer.to_string())
                .with("secs", *secs),
        }
    }
}

/// "node ABCD1234": a node this node has no name for.
pub(crate) fn node_short(node: &NodeId) -> Message {
    Message::new("sync-node-short").with("node", node.short())
}

/// Text said in the transport's or a peer's own words, kept as it is.
pub(crate) fn text(text: impl Into<String>) -> Message {
    Message::new("sync-err-text").with("text", text.into())
}

/// "FILE (by whom: why); ..." for [`Error::Refused`].
fn describe_refusals(refused: &[crate::RefusedFile]) -> Message {
    let mut each: Option<Message> = None;
    for r in refused {
        let key = match r.refused_by {
            crate::RefusedBy::ThisNode => "sync-refused-by-this-node",
            crate::RefusedBy::Peer => "sync-refused-by-peer",
        };
        let one = Message::new(key)
            .with("file", r.file_id.to_string())
            .with("reason", r.reason.as_str());
        each = Some(match each {
            None => one,
            Some(before) => Message::new("sync-list-next")
                .with("before", before)
                .with("next", one),
        });
    }
    each.unwrap_or_else(|| text(""))
}

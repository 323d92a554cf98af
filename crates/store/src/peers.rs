//! The peer list: which nodes this node trusts, under which names.

use std::net::SocketAddr;

use casebook_base::NodeId;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A trusted peer node.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Peer {
    /// The peer's node id (its public key).
    pub node: NodeId,
    /// A name for people, e.g. "Alice (laptop)"; unique in this node's list.
    pub name: String,
    /// The adviser who uses the node, so several nodes (laptop, tablet) can be shared with as one
    /// person.
    pub adviser: String,
    /// Where the peer was last known to listen.
    pub addrs: Vec<SocketAddr>,
    /// When it was added.
    pub added_at: DateTime<Utc>,
}

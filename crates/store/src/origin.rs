//! Where a change came from.

use casebook_base::NodeId;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// How a change reached this node.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "via")]
pub enum Origin {
    /// Made on this node.
    Local,
    /// Merged or imported from a file.
    File {
        /// The file's name as given.
        name: String,
    },
    /// Received from a peer over sync.
    Peer {
        /// The peer it came from (not necessarily its author).
        node: NodeId,
    },
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Local => f.write_str("local"),
            Self::File { name } => write!(f, "file {name}"),
            Self::Peer { node } => write!(f, "peer {}", node.short()),
        }
    }
}

/// The origin of one change, as recorded when it was first stored here.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeOrigin {
    /// How it arrived.
    pub origin: Origin,
    /// When it was stored here.
    pub stored_at: DateTime<Utc>,
}

//! Who may connect in.

use std::collections::BTreeSet;
use std::sync::RwLock;

use casebook_base::NodeId;

/// Decides, during the TLS handshake, whether a node may connect in.
///
/// # Guarantees
/// Asked for every incoming handshake; a `false` refuses it before any application stream
/// exists, so the node receives no application data at all.
pub trait Trust: Send + Sync + std::fmt::Debug {
    /// Whether `node` may connect.
    fn is_trusted(&self, node: &NodeId) -> bool;
}

/// A trust list in memory that can change while the endpoint runs.
#[derive(Debug, Default)]
pub struct TrustList(RwLock<BTreeSet<NodeId>>);

impl TrustList {
    /// A list trusting exactly `nodes`.
    pub fn new(nodes: impl IntoIterator<Item = NodeId>) -> Self {
        Self(RwLock::new(nodes.into_iter().collect()))
    }

    /// Trust `node` from now on.
    pub fn add(&self, node: NodeId) {
        if let Ok(mut set) = self.0.write() {
            set.insert(node);
        }
    }

    /// Stop trusting `node` for new handshakes.
    pub fn remove(&self, node: &NodeId) {
        if let Ok(mut set) = self.0.write() {
            set.remove(node);
        }
    }
}

impl Trust for TrustList {
    fn is_trusted(&self, node: &NodeId) -> bool {
        // A poisoned lock fails closed.
        self.0.read().map(|s| s.contains(node)).unwrap_or(false)
    }
}

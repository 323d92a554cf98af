//! The error type of `casebook-net`.

use std::net::SocketAddr;

use casebook_base::NodeId;

/// What went wrong on the network.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The UDP socket could not be bound.
    #[error("cannot listen on {addr}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// TLS could not be configured (a bug or an unusable key).
    #[error("TLS configuration failed: {0}")]
    Tls(String),
    /// The peer could not be reached in time.
    #[error(
        "no answer from {addr} within {secs} s; check the address and that the peer is running `casebook serve`"
    )]
    Timeout {
        /// The address dialled.
        addr: SocketAddr,
        /// The timeout.
        secs: u64,
    },
    /// The connection failed or was refused (including a peer with the wrong key).
    #[error("connection to {addr} (expected node {expected}) failed")]
    Connect {
        /// The address dialled.
        addr: SocketAddr,
        /// The node we expected there.
        expected: NodeId,
        /// The cause.
        #[source]
        source: quinn::ConnectionError,
    },
    /// The node dialled refused this node's key during the handshake: it does not have this
    /// node in its peer list (it never added this node's ticket, or removed it).
    #[error("node {} at {addr} does not trust this node (this node is not in its peer list)", .node.short())]
    NotTrusted {
        /// The address dialled.
        addr: SocketAddr,
        /// The node that refused.
        node: NodeId,
    },
    /// An incoming handshake was refused because the dialling node is not in this node's
    /// peer list ([`crate::Trust`] said no).
    #[error("incoming connection from {addr} refused: the node is not in this node's peer list")]
    Untrusted {
        /// Where it came from.
        addr: SocketAddr,
    },
    /// The connection could not even be started (bad address).
    #[error("cannot dial {addr}")]
    Dial {
        /// The address.
        addr: SocketAddr,
        /// The cause.
        #[source]
        source: quinn::ConnectError,
    },
    /// An incoming connection failed its handshake (e.g. an untrusted node).
    #[error("incoming connection from {addr} refused: {source}")]
    Incoming {
        /// Where it came from.
        addr: SocketAddr,
        /// Why it failed.
        #[source]
        source: quinn::ConnectionError,
    },
    /// An incoming handshake did not finish in time (a stalled or hostile dialler).
    #[error("incoming handshake from {addr} did not finish within {secs} s")]
    HandshakeTimeout {
        /// Where it came from.
        addr: SocketAddr,
        /// The limit.
        secs: u64,
    },
    /// Too many handshakes were under way; this one was turned away unanswered.
    #[error("incoming connection from {addr} turned away: {limit} handshakes already under way")]
    Busy {
        /// Where it came from.
        addr: SocketAddr,
        /// The limit.
        limit: usize,
    },
    /// The handshake completed without a usable peer identity (should not happen).
    #[error("the peer presented no ed25519 identity")]
    NoIdentity,
    /// A local socket operation failed.
    #[error("socket error")]
    Io(#[from] std::io::Error),
}

//! The error type of `casebook-net`.

use std::net::SocketAddr;

use casebook_base::NodeId;
use casebook_i18n::{Localised, Message};

/// What went wrong on the network.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The UDP socket could not be bound.
    #[error("{}", self.message())]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// TLS could not be configured (a bug or an unusable key).
    #[error("{}", self.message())]
    Tls(String),
    /// The peer could not be reached in time.
    #[error("{}", self.message())]
    Timeout {
        /// The address dialled.
        addr: SocketAddr,
        /// The timeout.
        secs: u64,
    },
    /// The connection failed or was refused (including a peer with the wrong key).
    #[error("{}", self.message())]
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
    #[error("{}", self.message())]
    NotTrusted {
        /// The address dialled.
        addr: SocketAddr,
        /// The node that refused.
        node: NodeId,
    },
    /// An incoming handshake was refused because the dialling node is not in this node's
    /// peer list ([`crate::Trust`] said no).
    #[error("{}", self.message())]
    Untrusted {
        /// Where it came from.
        addr: SocketAddr,
    },
    /// The connection could not even be started (bad address).
    #[error("{}", self.message())]
    Dial {
        /// The address.
        addr: SocketAddr,
        /// The cause.
        #[source]
        source: quinn::ConnectError,
    },
    /// An incoming connection failed its handshake (e.g. an untrusted node).
    #[error("{}", self.message())]
    Incoming {
        /// Where it came from.
        addr: SocketAddr,
        /// Why it failed.
        #[source]
        source: quinn::ConnectionError,
    },
    /// An incoming handshake did not finish in time (a stalled or hostile dialler).
    #[error("{}", self.message())]
    HandshakeTimeout {
        /// Where it came from.
        addr: SocketAddr,
        /// The limit.
        secs: u64,
    },
    /// Too many handshakes were under way; this one was turned away unanswered.
    #[error("{}", self.message())]
    Busy {
        /// Where it came from.
        addr: SocketAddr,
        /// The limit.
        limit: usize,
    },
    /// The handshake completed without a usable peer identity (should not happen).
    #[error("{}", self.message())]
    NoIdentity,
    /// A local socket operation failed.
    #[error("{}", self.message())]
    Io(#[from] std::io::Error),
}

impl Localised for Error {
    fn message(&self) -> Message {
        match self {
            Error::Bind { addr, .. } => Message::new("net-err-bind").with("addr", addr.to_string()),
            Error::Tls(why) => Message::new("net-err-tls").with("why", why),
            Error::Timeout { addr, secs } => Message::new("net-err-timeout")
                .with("addr", addr.to_string())
                .with("secs", *secs),
            Error::Connect { addr, expected, .. } => Message::new("net-err-connect")
                .with("addr", addr.to_string())
                .with("expected", expected.to_string()),
            Error::NotTrusted { addr, node } => Message::new("net-err-not-trusted")
                .with("addr", addr.to_string())
                .with("node", node.short()),
            Error::Untrusted { addr } => {
                Message::new("net-err-untrusted").with("addr", addr.to_string())
            }
            Error::Dial { addr, .. } => Message::new("net-err-dial").with("addr", addr.to_string()),
            // The handshake's failure is the transport's (or the other node's) own words.
            Error::Incoming { addr, source } => Message::new("net-err-incoming")
                .with("addr", addr.to_string())
                .with("why", source.to_string()),
            Error::HandshakeTimeout { addr, secs } => Message::new("net-err-handshake-timeout")
                .with("addr", addr.to_string())
                .with("secs", *secs),
            Error::Busy { addr, limit } => Message::new("net-err-busy")
                .with("addr", addr.to_string())
                .with("limit", *limit),
            Error::NoIdentity => Message::new("net-err-no-identity"),
            Error::Io(_) => Message::new("net-err-io"),
        }
    }
}

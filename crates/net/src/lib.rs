//! QUIC transport for casebook: each node's TLS identity is its ed25519 node key, sent as a
//! raw public key (RFC 7250), and both sides pin the key they expect.
//!
//! # Brief overview
//! - [`Endpoint`] binds a UDP socket and both accepts and dials.
//! - [`Trust`] says which node ids may connect in; it is asked during the TLS handshake, so an
//!   untrusted node is refused before any stream exists and never receives a byte of data.
//! - [`PeerConnection`] is an authenticated connection whose [`PeerConnection::peer`] is the
//!   verified node id of the other side.
//!
//! ```no_run
//! # async fn demo() -> Result<(), casebook_net::Error> {
//! use std::sync::Arc;
//! use casebook_base::SecretKey;
//! use casebook_net::{Endpoint, TrustList};
//! let alice = SecretKey::generate().unwrap();
//! let bob = SecretKey::generate().unwrap();
//! let trust = Arc::new(TrustList::new([alice.node_id()]));
//! let server = Endpoint::bind(&bob, "127.0.0.1:0".parse().unwrap(), trust)?;
//! let client = Endpoint::bind(&alice, "127.0.0.1:0".parse().unwrap(), Arc::new(TrustList::new([])))?;
//! let conn = client.connect(server.local_addr()?, bob.node_id()).await?;
//! assert_eq!(conn.peer(), bob.node_id());
//! # Ok(()) }
//! ```
#![deny(missing_docs, rustdoc::broken_intra_doc_links)]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

mod endpoint;
mod error;
mod tls;
mod trust;

pub use endpoint::{Endpoint, Handshake, PeerConnection, refused_by_peer};
pub use error::Error;
pub use trust::{Trust, TrustList};

//! The harness of suite 8, the security matrix (`tests/security_matrix.rs`).
//!
//! - [`nodes`]: real nodes in temporary directories and serving nodes on loopback whose events
//!   carry the moment they happened.
//! - [`quic_probe`]: raw QUIC clients and servers that present wrong keys, several or no
//!   certificates and other protocols, and count every byte they are sent.
//! - [`relay`]: a UDP relay that can stop forwarding, to make a peer vanish mid-handshake or
//!   mid-session.
//! - [`forge`]: batches a hostile peer sends (a reader's changes, forged authors) and the
//!   conversations that deliver them to a real session.
//! - [`secrets`]: every text form of a secret key, to look for it in output.
//! - [`wire`]: casebook's frames and messages written and read by hand.
//!
//! Everything runs on 127.0.0.1 with port 0, and every wait is bounded.

pub mod forge;
pub mod nodes;
pub mod quic_probe;
pub mod relay;
pub mod secrets;
pub mod wire;

/// The error of the harness's setup steps: the tests turn it into a failure with context.
pub type Error = Box<dyn std::error::Error + Send + Sync>;

/// The result of a harness step.
pub type Result<T> = std::result::Result<T, Error>;

//! Identifiers, node keys and limits shared by every casebook crate.
//!
//! # Brief overview
//! - [`FileId`] names one account file (one client) everywhere: in the document, the store and
//!   on the wire.
//! - [`NodeId`] names one adviser's node: it is the node's ed25519 public key, so a change's
//!   author can later be checked against a signature.
//! - [`SecretKey`] is the node's private key, created once by `casebook init` and kept in a file
//!   only its owner can read.
//! - [`Ticket`] is what one adviser gives another to pair their nodes: a node id and addresses.
//! - [`limits`] holds every size and count limit as a named constant.
//! - [`guard`] runs a third-party decoder of untrusted bytes so that a panic becomes an error.
//!
//! ```
//! use casebook_base::{FileId, SecretKey};
//! let key = SecretKey::generate().unwrap();
//! let node = key.node_id();
//! assert_eq!(node.to_string().parse::<casebook_base::NodeId>().unwrap(), node);
//! let file = FileId::new();
//! assert_eq!(file.to_string().parse::<FileId>().unwrap(), file);
//! ```
#![deny(missing_docs, rustdoc::broken_intra_doc_links)]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

mod error;
pub mod guard;
mod id;
mod key;
pub mod limits;
mod ticket;

pub use error::Error;
pub use id::{FileId, NodeId};
pub use key::SecretKey;
pub use ticket::Ticket;

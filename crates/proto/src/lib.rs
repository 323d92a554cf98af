//! The casebook sync protocol, sans-IO: no sockets, no clock, no async, so every rule about
//! bytes from a peer is tested deterministically.
//!
//! # Brief overview
//! - [`codec::FrameDecoder`] cuts a byte stream into frames: a `u32` little-endian length, then
//!   that many bytes. The length is checked against [`MAX_FRAME_BYTES`] *before* anything is
//!   allocated, so a hostile peer cannot make a node reserve memory it did not send.
//! - [`codec::encode_frame`] is the inverse.
//! - [`Message`] is one message of a sync session, encoded with postcard into one frame and
//!   checked against the named limits when decoded.
//!
//! ```
//! use casebook_proto::codec::{FrameDecoder, encode_frame};
//! let mut wire = Vec::new();
//! encode_frame(b"hello", &mut wire).unwrap();
//! let mut dec = FrameDecoder::new();
//! dec.push(&wire);
//! assert_eq!(dec.next_frame().unwrap(), Some(b"hello".to_vec()));
//! assert_eq!(dec.next_frame().unwrap(), None);
//! ```
//!
//! [`MAX_FRAME_BYTES`]: casebook_base::limits::MAX_FRAME_BYTES
#![deny(missing_docs, rustdoc::broken_intra_doc_links)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects
    )
)]

pub mod codec;
mod error;
pub mod message;
pub mod reconcile;

pub use error::Error;
pub use message::{Cursor, Message, WireSignature};
pub use reconcile::{Item, Range, RangeBody};

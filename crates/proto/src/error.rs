//! The error type of `casebook-proto`.

use casebook_i18n::{Localised, Message};

/// A peer sent bytes that break the protocol; the session must be closed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A frame announced more bytes than the protocol allows.
    #[error("{}", self.message())]
    FrameTooLarge {
        /// The announced length.
        len: u64,
        /// The limit.
        max: u32,
    },
    /// The stream ended in the middle of a frame.
    #[error("{}", self.message())]
    Truncated {
        /// Bytes still expected.
        missing: u64,
    },
    /// A frame's payload is not a valid message.
    #[error("{}", self.message())]
    Malformed(String),
}

impl Localised for Error {
    fn message(&self) -> Message {
        match self {
            Error::FrameTooLarge { len, max } => Message::new("err-proto-frame-too-large")
                .with("len", len.to_string())
                .with("max", max.to_string()),
            Error::Truncated { missing } => {
                Message::new("err-proto-truncated").with("missing", missing.to_string())
            }
            Error::Malformed(detail) => Message::new("err-proto-malformed").with("detail", detail),
        }
    }
}

//! The error type of `casebook-proto`.

/// A peer sent bytes that break the protocol; the session must be closed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A frame announced more bytes than the protocol allows.
    #[error("frame of {len} bytes exceeds the {max}-byte limit")]
    FrameTooLarge {
        /// The announced length.
        len: u64,
        /// The limit.
        max: u32,
    },
    /// The stream ended in the middle of a frame.
    #[error("stream ended inside a frame ({missing} bytes missing)")]
    Truncated {
        /// Bytes still expected.
        missing: u64,
    },
    /// A frame's payload is not a valid message.
    #[error("malformed message: {0}")]
    Malformed(String),
}

//! The error type of `casebook-base`.

use std::path::PathBuf;

/// What went wrong with an identifier or a key.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file id was not a UUID.
    #[error(
        "'{input}' is not a file id (expected a UUID such as 0b5e...); run `casebook client list` to see ids"
    )]
    BadFileId {
        /// The text that failed to parse.
        input: String,
    },
    /// A node id was not 52 characters of base32.
    #[error(
        "'{input}' is not a node id (expected 52 base32 characters, as printed by `casebook id`)"
    )]
    BadNodeId {
        /// The text that failed to parse.
        input: String,
    },
    /// An invitation ticket did not parse.
    #[error(
        "'{input}' is not a casebook ticket: {why}; copy the whole line printed by `casebook invite`"
    )]
    BadTicket {
        /// The text given.
        input: String,
        /// What is wrong with it.
        why: String,
    },
    /// The operating system gave no randomness.
    #[error("the operating system's random number generator failed: {0}")]
    Random(String),
    /// The key file could not be read or written.
    #[error("cannot access the node key file {path}")]
    KeyIo {
        /// The key file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The key file is readable by other users, so the key may have leaked.
    #[error(
        "the node key file {path} is readable by other users (mode {mode:o}); run `chmod 600 {path}` and check who may have copied it"
    )]
    KeyPermissions {
        /// The key file.
        path: PathBuf,
        /// Its permission bits.
        mode: u32,
    },
    /// The key file does not hold a key.
    #[error(
        "the node key file {path} is not a casebook key (expected 32 bytes); restore it from a backup or re-run `casebook init` in a new data directory"
    )]
    KeyMalformed {
        /// The key file.
        path: PathBuf,
    },
}

//! The error type of `casebook-base`.

use std::path::PathBuf;

use casebook_i18n::{Localised, Message};

/// What went wrong with an identifier or a key.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file id was not a UUID.
    #[error("{}", self.message())]
    BadFileId {
        /// The text that failed to parse.
        input: String,
    },
    /// A node id was not 52 characters of base32.
    #[error("{}", self.message())]
    BadNodeId {
        /// The text that failed to parse.
        input: String,
    },
    /// An invitation ticket did not parse.
    #[error("{}", self.message())]
    BadTicket {
        /// The text given.
        input: String,
        /// What is wrong with it.
        why: Message,
    },
    /// The operating system gave no randomness.
    #[error("{}", self.message())]
    Random(String),
    /// The key file could not be read or written.
    #[error("{}", self.message())]
    KeyIo {
        /// The key file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The key file is readable by other users, so the key may have leaked.
    #[error("{}", self.message())]
    KeyPermissions {
        /// The key file.
        path: PathBuf,
        /// Its permission bits.
        mode: u32,
    },
    /// The key file does not hold a key.
    #[error("{}", self.message())]
    KeyMalformed {
        /// The key file.
        path: PathBuf,
    },
}

impl Localised for Error {
    fn message(&self) -> Message {
        match self {
            Error::BadFileId { input } => Message::new("err-bad-file-id").with("input", input),
            Error::BadNodeId { input } => Message::new("err-bad-node-id").with("input", input),
            Error::BadTicket { input, why } => Message::new("err-bad-ticket")
                .with("input", input)
                .with("why", why.clone()),
            Error::Random(why) => Message::new("err-random").with("why", why),
            Error::KeyIo { path, .. } => {
                Message::new("err-key-io").with("path", path.display().to_string())
            }
            Error::KeyPermissions { path, mode } => Message::new("err-key-permissions")
                .with("path", path.display().to_string())
                .with("mode", format!("{mode:o}")),
            Error::KeyMalformed { path } => {
                Message::new("err-key-malformed").with("path", path.display().to_string())
            }
        }
    }
}

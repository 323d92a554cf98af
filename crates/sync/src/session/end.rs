//! How a session ended badly: [`SessionEnd`], its close codes and conversions.

use casebook::authority::Refusal;
use casebook_i18n::{Localised, Message};

use crate::Error;

/// How a session ended badly; the transport closes the connection with the code.
#[derive(Debug, thiserror::Error)]
pub enum SessionEnd {
    /// The peer broke the protocol.
    #[error("{}", self.message())]
    Protocol(Message),
    /// The peer sent changes that may not be applied to more files than one session may
    /// refuse ([`MAX_FILES_REFUSED`](casebook_base::limits::MAX_FILES_REFUSED)); a file
    /// refused within that bound is refused alone and the session goes on.
    #[error("{}", self.message())]
    Refused(#[from] Refusal),
    /// This node stopped sharing a file the session had offered, or stopped trusting the peer.
    #[error("{}", self.message())]
    Revoked(Message),
    /// Local failure (storage).
    #[error(transparent)]
    Local(Box<Error>),
}

impl Localised for SessionEnd {
    fn message(&self) -> Message {
        match self {
            Self::Protocol(why) => Message::new("sync-end-protocol").with("why", why.clone()),
            Self::Refused(refusal) => {
                Message::new("sync-end-refused").with("why", refusal.to_string())
            }
            Self::Revoked(why) => Message::new("sync-end-revoked").with("why", why.clone()),
            Self::Local(e) => e.message(),
        }
    }
}

impl SessionEnd {
    /// [`SessionEnd::Revoked`]: this node stopped sharing `file` with the peer.
    pub(crate) fn unshared(file: casebook::FileId) -> Self {
        Self::Revoked(Message::new("sync-revoked-unshared").with("file", file.to_string()))
    }

    /// [`SessionEnd::Revoked`]: this node no longer trusts the peer.
    pub(crate) fn untrusted() -> Self {
        Self::Revoked(Message::new("sync-revoked-untrusted"))
    }
}

impl From<Error> for SessionEnd {
    fn from(e: Error) -> Self {
        Self::Local(Box::new(e))
    }
}

impl SessionEnd {
    /// The QUIC application close code for this ending.
    pub fn code(&self) -> u32 {
        match self {
            Self::Protocol(_) => 2,
            Self::Refused(_) => 3,
            Self::Revoked(_) => 4,
            Self::Local(_) => 5,
        }
    }
}

impl From<casebook::Error> for SessionEnd {
    fn from(e: casebook::Error) -> Self {
        Self::Local(Box::new(Error::Engine(e)))
    }
}

impl From<casebook::StoreError> for SessionEnd {
    fn from(e: casebook::StoreError) -> Self {
        Self::Local(Box::new(Error::Engine(e.into())))
    }
}

//! The database handle: writable, or read-only when the store may not be written.
//!
//! Why: an adviser may keep a store read-only on purpose (an archive copy, mode 0400, a
//! read-only directory or mount). Such a store must still be read, listed and exported, and a
//! write must say why it cannot happen, rather than the store failing to open at all.

use std::path::Path;

use casebook_i18n::Message;
use redb::{Database, ReadOnlyDatabase, ReadableDatabase};

use crate::Error;

/// A writable database, or a read-only one and why it is read-only.
pub(crate) enum Db {
    /// Reads and writes.
    Writable(Database),
    /// Reads only.
    ReadOnly {
        /// The database.
        db: ReadOnlyDatabase,
        /// Why it may not be written, for people.
        why: Message,
    },
}

impl Db {
    pub(crate) fn begin_read(&self) -> Result<redb::ReadTransaction, redb::TransactionError> {
        match self {
            Self::Writable(db) => db.begin_read(),
            Self::ReadOnly { db, .. } => db.begin_read(),
        }
    }

    /// The writable database, or [`Error::ReadOnly`] saying why there is none.
    pub(crate) fn writable(&self, path: &Path) -> Result<&Database, Error> {
        match self {
            Self::Writable(db) => Ok(db),
            Self::ReadOnly { why, .. } => Err(Error::ReadOnly {
                path: path.to_path_buf(),
                why: why.clone(),
            }),
        }
    }

    /// Why the store may not be written, if it may not.
    pub(crate) fn read_only_reason(&self) -> Option<&Message> {
        match self {
            Self::Writable(_) => None,
            Self::ReadOnly { why, .. } => Some(why),
        }
    }
}

/// Why the store at `path` should be opened read-only, judged by its permission bits: a
/// store file or data directory without the owner's write bit was made read-only on purpose,
/// and is treated so even by a user (root) whom the system would let write.
pub(crate) fn read_only_by_mode(path: &Path) -> Option<Message> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let no_write = |p: &Path| {
            std::fs::metadata(p)
                .map(|m| m.permissions().mode() & 0o200 == 0)
                .unwrap_or(false)
        };
        if no_write(path) {
            return Some(
                Message::new("err-store-file-read-only").with("path", path.display().to_string()),
            );
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
            && no_write(dir)
        {
            return Some(
                Message::new("err-store-dir-read-only").with("path", dir.display().to_string()),
            );
        }
    }
    #[cfg(not(unix))]
    if std::fs::metadata(path).is_ok_and(|m| m.permissions().readonly()) {
        return Some(Message::new("err-store-file-read-only-plain"));
    }
    None
}

/// Whether opening for writing failed because the file or its file system may not be
/// written, so a read-only open is worth trying.
pub(crate) fn denied_writing(e: &redb::DatabaseError) -> bool {
    matches!(
        e,
        redb::DatabaseError::Storage(redb::StorageError::Io(io))
            if matches!(
                io.kind(),
                std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem
            )
    )
}

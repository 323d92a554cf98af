//! The error type of the `casebook` engine.

use std::path::PathBuf;

use casebook_base::FileId;

/// What went wrong in a casebook operation.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The data directory has no casebook store.
    #[error(
        "no casebook store in {dir}; run `casebook init` first (or pass --data-dir / set CASEBOOK_DIR)"
    )]
    NotInitialised {
        /// The data directory.
        dir: PathBuf,
    },
    /// `init` found a store already there.
    #[error("a casebook store already exists in {dir}; use it, or choose another --data-dir")]
    AlreadyInitialised {
        /// The data directory.
        dir: PathBuf,
    },
    /// An edit of a file this node may only read: its changes would be refused by every
    /// peer, so it is refused here, before anything is stored.
    #[error(
        "account file '{name}' is shared with this node for reading only; ask someone who may write it to run `casebook share {name} <this node or adviser> --write`"
    )]
    ReadOnly {
        /// The client's name.
        name: String,
    },
    /// An edit of a file that came by `merge` or `import` and is not shared with this node:
    /// every peer would refuse its changes, so it is refused here, before anything is stored.
    #[error(
        "account file '{name}' came from a file and is not shared with this node, so this node may not change it (every other node would refuse the change); ask someone who may write it to run `casebook share \"{name}\" <this node or adviser> --write` and sync with them"
    )]
    NotShared {
        /// The client's name.
        name: String,
    },
    /// `peer remove` would leave files granting the peer access: adding it again later would
    /// restore that access silently.
    #[error(
        "{peer} still has access to {} file(s) this node can revoke: {}. Nothing was changed. Run again with --unshare to revoke them in the same step, or --keep-shares to keep them (adding the peer again then restores that access)",
        .files.len(), .files.join(", ")
    )]
    StillShared {
        /// The peer's name.
        peer: String,
        /// Each file, with the role it grants.
        files: Vec<String>,
    },
    /// The organisation's document is not held here.
    #[error(
        "this node holds no organisation {id}; ask one of its administrators to run `casebook org add <this node>`, then sync with them"
    )]
    NoSuchOrganisation {
        /// The organisation's id.
        id: FileId,
    },
    /// A node may join only an organisation that names it.
    #[error(
        "this node is not a member of {organisation}; ask an administrator ({administrators}) to run `casebook org add <this node>`, then sync with them"
    )]
    NotAMember {
        /// The organisation's name.
        organisation: String,
        /// Its administrators, by adviser.
        administrators: String,
    },
    /// Only an organisation's administrators may change its rules.
    #[error(
        "only an administrator of {organisation} may change its settings or members; ask {administrators}"
    )]
    NotAnAdministrator {
        /// The organisation's name.
        organisation: String,
        /// Its administrators, by adviser.
        administrators: String,
    },
    /// No client matched.
    #[error("no client matches '{query}'; run `casebook client list` to see clients and their ids")]
    NoSuchClient {
        /// What was asked for.
        query: String,
    },
    /// Several clients matched.
    #[error("'{query}' matches several clients ({names}); give more of the id or the full name")]
    AmbiguousClient {
        /// What was asked for.
        query: String,
        /// The candidates.
        names: String,
    },
    /// A point in history could not be found.
    #[error(
        "'{at}' is neither a change of this file nor a date-time; use a change hash (or its first 8+ characters) from `casebook history FILE`, \"N changes ago\", or a local time like 2026-05-12, 12/05/2026 14:30 or 2026-05-12T14:30:00Z"
    )]
    NoSuchPoint {
        /// What was asked for.
        at: String,
    },
    /// A point in history before the file's first change.
    #[error(
        "the file did not exist yet at {at}: its first change was made at {created}; give a later time, or a change hash from `casebook history FILE`"
    )]
    BeforeFileExisted {
        /// What was asked for.
        at: String,
        /// When the file's first change was made (UTC).
        created: String,
    },
    /// "N changes ago" went back past the file's first change.
    #[error(
        "the file has {changes} changes, so {n} changes ago it did not exist yet; give 0 to {} changes ago",
        .changes.saturating_sub(1)
    )]
    TooFewChanges {
        /// How many changes back was asked for.
        n: usize,
        /// How many changes the file has (not counting its empty skeleton).
        changes: usize,
    },
    /// A new client looks like one already in the store.
    #[error(
        "{name} looks like a client already here: {existing} ({reason}); use that client, or add --allow-duplicate if this is a different one"
    )]
    DuplicateClient {
        /// The new client's name.
        name: String,
        /// The client it matches: short id and name.
        existing: String,
        /// Why they look alike.
        reason: String,
    },
    /// A file given to import or merge is not usable.
    #[error("{name}: {reason}")]
    BadInput {
        /// The input's name.
        name: String,
        /// What is wrong and what to do.
        reason: String,
    },
    /// A CSV import found bad rows; nothing was imported.
    #[error("nothing imported: {}", .problems.join("; "))]
    BadRows {
        /// One line per bad row: row number and reason.
        problems: Vec<String>,
    },
    /// `merge` was given a different account file than the one named.
    #[error(
        "{name} holds account file {theirs}, not {ours}; merge only copies of the same client (see `casebook import` for a new one)"
    )]
    DifferentFile {
        /// The input's name.
        name: String,
        /// The file in the input.
        theirs: FileId,
        /// The file asked for.
        ours: FileId,
    },
    /// Reading or writing a file outside the store failed.
    #[error("cannot access {path}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The account file refused the edit.
    #[error(transparent)]
    Doc(#[from] casebook_doc::Error),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] casebook_store::Error),
    /// An identifier or key problem.
    #[error(transparent)]
    Base(#[from] casebook_base::Error),
}

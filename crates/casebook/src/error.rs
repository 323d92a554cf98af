//! The error type of the `casebook` engine.

use std::path::PathBuf;

use casebook_base::FileId;
use casebook_i18n::{Localised, Message};

/// What went wrong in a casebook operation.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The data directory has no casebook store.
    #[error("{}", self.message())]
    NotInitialised {
        /// The data directory.
        dir: PathBuf,
    },
    /// `init` found a store already there.
    #[error("{}", self.message())]
    AlreadyInitialised {
        /// The data directory.
        dir: PathBuf,
    },
    /// An edit of a file this node may only read: its changes would be refused by every
    /// peer, so it is refused here, before anything is stored.
    #[error("{}", self.message())]
    ReadOnly {
        /// The client's name.
        name: String,
    },
    /// An edit of a file that came by `merge` or `import` and is not shared with this node:
    /// every peer would refuse its changes, so it is refused here, before anything is stored.
    #[error("{}", self.message())]
    NotShared {
        /// The client's name.
        name: String,
    },
    /// `peer remove` would leave files granting the peer access: adding it again later would
    /// restore that access silently.
    #[error("{}", self.message())]
    StillShared {
        /// The peer's name.
        peer: String,
        /// Each file by client name, with the role it grants (`read` or `write`).
        files: Vec<(String, String)>,
    },
    /// The organisation's document is not held here.
    #[error("{}", self.message())]
    NoSuchOrganisation {
        /// The organisation's id.
        id: FileId,
    },
    /// A node may join only an organisation that names it.
    #[error("{}", self.message())]
    NotAMember {
        /// The organisation's name.
        organisation: String,
        /// Its administrators, by adviser.
        administrators: String,
    },
    /// Only an organisation's administrators may change its rules.
    #[error("{}", self.message())]
    NotAnAdministrator {
        /// The organisation's name.
        organisation: String,
        /// Its administrators, by adviser.
        administrators: String,
    },
    /// No client matched.
    #[error("{}", self.message())]
    NoSuchClient {
        /// What was asked for.
        query: String,
    },
    /// Several clients matched.
    #[error("{}", self.message())]
    AmbiguousClient {
        /// What was asked for.
        query: String,
        /// The candidates.
        names: String,
    },
    /// A point in history could not be found.
    #[error("{}", self.message())]
    NoSuchPoint {
        /// What was asked for.
        at: String,
    },
    /// A point in history before the file's first change.
    #[error("{}", self.message())]
    BeforeFileExisted {
        /// What was asked for.
        at: String,
        /// When the file's first change was made (UTC).
        created: String,
    },
    /// "N changes ago" went back past the file's first change.
    #[error("{}", self.message())]
    TooFewChanges {
        /// How many changes back was asked for.
        n: usize,
        /// How many changes the file has (not counting its empty skeleton).
        changes: usize,
    },
    /// A new client looks like one already in the store.
    #[error("{}", self.message())]
    DuplicateClient {
        /// The new client's name.
        name: String,
        /// The client it matches: short id and name.
        existing: String,
        /// Why they look alike.
        reason: Message,
    },
    /// A file given to import or merge is not usable.
    #[error("{}", self.message())]
    BadInput {
        /// The input's name.
        name: String,
        /// What is wrong and what to do.
        reason: Message,
    },
    /// A CSV import found bad rows; nothing was imported.
    #[error("{}", self.message())]
    BadRows {
        /// One per bad row: row number and reason.
        problems: Vec<Message>,
    },
    /// `merge` was given a different account file than the one named.
    #[error("{}", self.message())]
    DifferentFile {
        /// The input's name.
        name: String,
        /// The file in the input.
        theirs: FileId,
        /// The file asked for.
        ours: FileId,
    },
    /// Reading or writing a file outside the store failed.
    #[error("{}", self.message())]
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

impl Localised for Error {
    fn message(&self) -> Message {
        match self {
            Error::NotInitialised { dir } => {
                Message::new("err-not-initialised").with("dir", dir.display().to_string())
            }
            Error::AlreadyInitialised { dir } => {
                Message::new("err-already-initialised").with("dir", dir.display().to_string())
            }
            Error::ReadOnly { name } => Message::new("err-read-only").with("name", name),
            Error::NotShared { name } => Message::new("err-not-shared").with("name", name),
            Error::StillShared { peer, files } => Message::new("err-still-shared")
                .with("peer", peer)
                .with("count", files.len())
                .with(
                    "files",
                    joined(
                        "err-join-comma",
                        &files
                            .iter()
                            .map(|(name, role)| {
                                Message::new("err-still-shared-file")
                                    .with("name", name)
                                    .with("role", role_word(role))
                            })
                            .collect::<Vec<_>>(),
                    ),
                ),
            Error::NoSuchOrganisation { id } => {
                Message::new("err-no-such-organisation").with("id", id.to_string())
            }
            Error::NotAMember {
                organisation,
                administrators,
            } => Message::new("err-not-a-member")
                .with("organisation", organisation)
                .with("administrators", administrators),
            Error::NotAnAdministrator {
                organisation,
                administrators,
            } => Message::new("err-not-an-administrator")
                .with("organisation", organisation)
                .with("administrators", administrators),
            Error::NoSuchClient { query } => {
                Message::new("err-no-such-client").with("query", query)
            }
            Error::AmbiguousClient { query, names } => Message::new("err-ambiguous-client")
                .with("query", query)
                .with("names", names),
            Error::NoSuchPoint { at } => Message::new("err-no-such-point").with("at", at),
            Error::BeforeFileExisted { at, created } => Message::new("err-before-file-existed")
                .with("at", at)
                .with("created", created),
            Error::TooFewChanges { n, changes } => Message::new("err-too-few-changes")
                .with("changes", *changes)
                .with("n", n.to_string())
                .with("last", changes.saturating_sub(1).to_string()),
            Error::DuplicateClient {
                name,
                existing,
                reason,
            } => Message::new("err-duplicate-client")
                .with("name", name)
                .with("existing", existing)
                .with("reason", reason.clone()),
            Error::BadInput { name, reason } => Message::new("err-bad-input")
                .with("name", name)
                .with("reason", reason.clone()),
            Error::BadRows { problems } => Message::new("err-bad-rows")
                .with("problems", joined("err-join-semicolon", problems)),
            Error::DifferentFile { name, theirs, ours } => Message::new("err-different-file")
                .with("name", name)
                .with("theirs", theirs.to_string())
                .with("ours", ours.to_string()),
            Error::Io { path, .. } => {
                Message::new("err-io").with("path", path.display().to_string())
            }
            Error::Doc(e) => e.message(),
            Error::Store(e) => e.message(),
            Error::Base(e) => e.message(),
        }
    }
}

/// Serialise messages as their English text (JSON never changes with the language).
pub(crate) fn english_list<S: serde::Serializer>(
    messages: &[Message],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(messages.iter().map(Message::english))
}

/// Serialise a message, if any, as its English text.
pub(crate) fn english_opt<S: serde::Serializer>(
    message: &Option<Message>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match message {
        Some(m) => serializer.serialize_some(&m.english()),
        None => serializer.serialize_none(),
    }
}

/// A sharing role (`read`, `write`) in words.
pub(crate) fn role_word(role: &str) -> Message {
    match role {
        "read" => Message::new("err-role-read"),
        "write" => Message::new("err-role-write"),
        other => Message::new("err-role-other").with("role", other),
    }
}

/// Messages one after another, each pair joined by the message `key` (`{ $first }; { $rest }`),
/// as a balanced tree so that thousands of rows nest only a few levels deep.
pub(crate) fn joined(key: &'static str, items: &[Message]) -> Message {
    match items {
        [] => Message::new("err-nothing"),
        [one] => one.clone(),
        _ => {
            let (first, rest) = items.split_at(items.len() / 2);
            Message::new(key)
                .with("first", joined(key, first))
                .with("rest", joined(key, rest))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn many_problems_join_in_order_in_either_language() {
        let problems: Vec<Message> = (1..=1000)
            .map(|n| Message::new("err-csv-row-label").with("row", n.to_string()))
            .collect();
        let text = Error::BadRows { problems }.to_string();
        assert!(
            text.starts_with("nothing imported: row 1; row 2; row 3;"),
            "{text}"
        );
        assert!(text.ends_with("; row 1000"), "{text}");
        let cy = Error::BadRows {
            problems: vec![Message::new("err-csv-row-label").with("row", "2")],
        }
        .message()
        .render(casebook_i18n::Lang::Cy);
        assert_eq!(cy, "ni fewnforiwyd dim: rhes 2");
    }
}

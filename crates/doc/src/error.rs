//! The error type of `casebook-doc`.

/// What went wrong reading or editing an account file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A word was not one of a vocabulary's accepted forms.
    #[error("'{input}' is not a valid {what}; accepted: {accepted}")]
    BadValue {
        /// What was being parsed.
        what: &'static str,
        /// What was given.
        input: String,
        /// The accepted forms.
        accepted: String,
    },
    /// A number was outside its range.
    #[error("{what} must be between {min} and {max}, got {value}")]
    OutOfRange {
        /// What the number is.
        what: &'static str,
        /// What was given.
        value: i64,
        /// Smallest accepted.
        min: i64,
        /// Largest accepted.
        max: i64,
    },
    /// A date or time did not parse.
    #[error("'{input}' is not a valid {what}; use {forms}")]
    BadDate {
        /// Date or date-time.
        what: &'static str,
        /// What was given.
        input: String,
        /// The accepted forms.
        forms: &'static str,
    },
    /// An entry id did not name an entry of this file.
    #[error(
        "no {what} with id '{id}' in this account file; run `casebook client show FILE` to see its ids"
    )]
    NoSuchEntry {
        /// The kind of entry.
        what: &'static str,
        /// The id given.
        id: String,
    },
    /// An id prefix matched more than one entry.
    #[error("'{id}' matches more than one {what}; give more characters of the id")]
    AmbiguousEntry {
        /// The kind of entry.
        what: &'static str,
        /// The prefix given.
        id: String,
    },
    /// A conflict id did not name a conflict of this file (it may have been resolved already).
    #[error(
        "no conflict with id '{id}' in this account file (it may have been resolved already); run `casebook conflicts FILE` to list its conflicts and their ids"
    )]
    NoSuchConflict {
        /// The id given.
        id: String,
    },
    /// A text is longer than its limit (see `casebook_base::limits`).
    #[error("the {field} is {chars} characters long, and the most is {max}: shorten it")]
    TooLong {
        /// The field, in words.
        field: String,
        /// Its length in characters.
        chars: usize,
        /// The limit.
        max: usize,
    },
    /// An edit would break a rule of the account file.
    #[error("{0}")]
    Rule(String),
    /// The document is not an account file this version can read.
    #[error("this is not a casebook account file: {0}")]
    NotAnAccountFile(String),
    /// The document was written by a newer casebook.
    #[error(
        "account file {file_id} has schema version {found}, but this casebook reads up to {supported}; upgrade casebook to open it"
    )]
    SchemaTooNew {
        /// The file.
        file_id: String,
        /// Its version.
        found: u64,
        /// Ours.
        supported: u64,
    },
    /// The document's contents do not match the account-file shape.
    #[error("account file content is malformed: {0}")]
    Malformed(#[source] serde_json::Error),
    /// Automerge refused an operation or the bytes.
    #[error("automerge: {0}")]
    Automerge(#[from] automerge::AutomergeError),
}

//! The error type of `casebook-doc`.

use casebook_i18n::{Lang, Localised, Message};

/// What went wrong reading or editing an account file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A word was not one of a vocabulary's accepted forms.
    #[error("{}", self.message())]
    BadValue {
        /// What was being parsed: the vocabulary's name (`vocab-<id>`) or another term.
        what: Message,
        /// What was given.
        input: String,
        /// The accepted forms (language-neutral values).
        accepted: String,
    },
    /// A number was outside its range.
    #[error("{}", self.message())]
    OutOfRange {
        /// What the number is.
        what: Message,
        /// What was given.
        value: i64,
        /// Smallest accepted.
        min: i64,
        /// Largest accepted.
        max: i64,
    },
    /// A date or time did not parse.
    #[error("{}", self.message())]
    BadDate {
        /// Date or date-time.
        what: Message,
        /// What was given.
        input: String,
        /// The accepted forms.
        forms: &'static str,
    },
    /// An entry id did not name an entry of this file.
    #[error("{}", self.message())]
    NoSuchEntry {
        /// The kind of entry.
        what: Message,
        /// The id given.
        id: String,
    },
    /// An id prefix matched more than one entry.
    #[error("{}", self.message())]
    AmbiguousEntry {
        /// The kind of entry.
        what: Message,
        /// The prefix given.
        id: String,
    },
    /// A conflict id did not name a conflict of this file (it may have been resolved already).
    #[error("{}", self.message())]
    NoSuchConflict {
        /// The id given.
        id: String,
    },
    /// A text is longer than its limit (see `casebook_base::limits`).
    #[error("{}", self.message())]
    TooLong {
        /// The field, in words.
        field: Message,
        /// Its length in characters.
        chars: usize,
        /// The limit.
        max: usize,
    },
    /// An edit would break a rule of the account file.
    #[error("{}", self.message())]
    Rule(Message),
    /// The document is not an account file this version can read.
    #[error("{}", self.message())]
    NotAnAccountFile(Message),
    /// The document was written by a newer casebook.
    #[error("{}", self.message())]
    SchemaTooNew {
        /// The file.
        file_id: String,
        /// Its version.
        found: u64,
        /// Ours.
        supported: u64,
    },
    /// The document's contents do not match the account-file shape.
    #[error("{}", self.message())]
    Malformed(#[source] serde_json::Error),
    /// Automerge refused an operation or the bytes.
    #[error("{}", self.message())]
    Automerge(#[from] automerge::AutomergeError),
}

impl Error {
    /// No entry of the kind `what` (a term such as `risk` or `parent risk`) has
    /// the id `id`.
    pub fn no_such_entry(what: &str, id: impl Into<String>) -> Self {
        Error::NoSuchEntry {
            what: term(what),
            id: id.into(),
        }
    }

    /// The id prefix `id` matches several entries of the kind `what`.
    pub fn ambiguous_entry(what: &str, id: impl Into<String>) -> Self {
        Error::AmbiguousEntry {
            what: term(what),
            id: id.into(),
        }
    }
}

/// A term naming a field, an entry kind or a number (`risk`, `parent risk`, `company_number`,
/// `likelihood`) in every language: a field of the account file in its words (the same as
/// the `diff` table's, [`crate::diff::field_word`]), else the catalogue's
/// `doc-term-<term in kebab case>`, else the text itself.
pub(crate) fn term(what: &str) -> Message {
    if let Some(field) = crate::diff::field_word(&what.trim().replace(' ', "_")) {
        return field;
    }
    let kebab: String = what
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let key = format!("doc-term-{kebab}");
    if Lang::En.lookup(&key, &[]).is_some() {
        Message::new(key)
    } else {
        Message::new("doc-term-other").with("what", what)
    }
}

impl Localised for Error {
    fn message(&self) -> Message {
        match self {
            Error::BadValue {
                what,
                input,
                accepted,
            } => Message::new("doc-bad-value")
                .with("what", what.clone())
                .with("input", input)
                .with("accepted", accepted),
            Error::OutOfRange {
                what,
                value,
                min,
                max,
            } => Message::new("doc-out-of-range")
                .with("what", what.clone())
                .with("value", value.to_string())
                .with("min", min.to_string())
                .with("max", max.to_string()),
            Error::BadDate { what, input, forms } => Message::new("doc-bad-date")
                .with("what", what.clone())
                .with("input", input)
                .with("forms", *forms),
            Error::NoSuchEntry { what, id } => Message::new("doc-no-such-entry")
                .with("what", what.clone())
                .with("id", id),
            Error::AmbiguousEntry { what, id } => Message::new("doc-ambiguous-entry")
                .with("what", what.clone())
                .with("id", id),
            Error::NoSuchConflict { id } => Message::new("doc-no-such-conflict").with("id", id),
            Error::TooLong { field, chars, max } => Message::new("doc-too-long")
                .with("field", field.clone())
                .with("chars", *chars)
                .with("max", *max),
            Error::Rule(m) => m.clone(),
            Error::NotAnAccountFile(why) => {
                Message::new("doc-not-an-account-file").with("why", why.clone())
            }
            Error::SchemaTooNew {
                file_id,
                found,
                supported,
            } => Message::new("doc-schema-too-new")
                .with("file_id", file_id)
                .with("found", found.to_string())
                .with("supported", supported.to_string()),
            Error::Malformed(e) => Message::new("doc-malformed").with("why", e.to_string()),
            Error::Automerge(e) => Message::new("doc-automerge").with("why", e.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::enums::{ExitReason, InteractionKind, Rag};

    #[test]
    fn english_reads_as_before_and_welsh_throughout() {
        let bad: Result<InteractionKind, Error> = "telegram".parse();
        let bad = bad.unwrap_err();
        assert_eq!(
            bad.to_string(),
            "'telegram' is not a valid interaction type; accepted: call, meeting, visit, email, im, event, hospitality, other"
        );
        assert_eq!(
            bad.message().render(Lang::Cy),
            "nid yw 'telegram' yn werth dilys ar gyfer math o ryngweithiad; derbynnir: call, meeting, visit, email, im, event, hospitality, other"
        );
        let bad: Result<ExitReason, Error> = "bored".parse();
        assert!(
            bad.unwrap_err()
                .to_string()
                .starts_with("'bored' is not a valid exit reason; accepted: completed-journey")
        );
        let bad: Result<Rag, Error> = "purple".parse();
        assert_eq!(
            bad.unwrap_err().to_string(),
            "'purple' is not a valid RAG colour; accepted: green, amber, red"
        );

        let range = crate::config::check_scale("likelihood", 9).unwrap_err();
        assert_eq!(
            range.to_string(),
            "likelihood must be between 1 and 5, got 9"
        );
        assert_eq!(
            range.message().render(Lang::Cy),
            "rhaid i'r gwerth ar gyfer tebygolrwydd fod rhwng 1 a 5, cafwyd 9"
        );

        let long = crate::edit::check_text("company_number", &"1".repeat(300)).unwrap_err();
        assert_eq!(
            long.to_string(),
            "the company number is 300 characters long, and the most is 200: shorten it"
        );
        assert!(
            long.message()
                .render(Lang::Cy)
                .starts_with("mae'r testun ar gyfer rhif cwmni yn 300 nod o hyd")
        );

        let missing = Error::no_such_entry("parent risk", "abc");
        assert_eq!(
            missing.to_string(),
            "no parent risk with id 'abc' in this account file; run `casebook client show FILE` to see its ids"
        );
        assert!(
            missing
                .message()
                .render(Lang::Cy)
                .starts_with("nid oes rhiant-risg â'r dynodydd 'abc'")
        );
    }

    #[test]
    fn every_term_an_error_names_is_in_the_catalogues() {
        // The entry kinds, numbers and fields the crate and its callers name.
        let terms = [
            "entry",
            "person",
            "interaction",
            "action",
            "risk",
            "parent risk",
            "opportunity",
            "pathway stage",
            "sharing role",
            "language",
            "likelihood",
            "severity",
            "residual likelihood",
            "residual_likelihood",
            "residual severity",
            "residual_severity",
            "an interaction's minutes",
            "COSMONAUTS score",
            "days without contact before a contact is overdue",
            "days without a response before a client is unresponsive",
            "days without progress before a journey is stalled",
            "days a client may stay in a stage",
            "unanswered attempts before a client is unresponsive",
            "the score where amber starts",
            "the score where red starts",
            "name in a list",
            "segment",
        ];
        // Fields are named as the diff names them (every field has words: `diff` tests it).
        assert!(term("company_number").key.starts_with("field-"));
        for what in terms {
            let m = term(what);
            assert_ne!(m.key, "doc-term-other", "no catalogue term for '{what}'");
            assert_eq!(
                m.english(),
                what.replace('_', " "),
                "the English of '{what}' changed"
            );
            assert!(
                Lang::Cy.lookup(&m.key, &[]).is_some(),
                "'{what}' is not in Welsh"
            );
        }
        // A term the catalogues lack is shown as it is.
        assert_eq!(term("wibble").render(Lang::Cy), "wibble");
    }
}

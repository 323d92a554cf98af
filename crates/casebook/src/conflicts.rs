//! Conflicting values in a node's account files, and the decisions that resolve them.
//!
//! Thin over [`casebook_doc::conflicts`]: reading goes through [`Node::load`] (no write, so
//! listing conflicts never changes the store), and a resolution is an ordinary edit through
//! [`Node::apply`], committed durably and signed like every other change.

use casebook_base::FileId;
use casebook_doc::conflicts::{self as doc_conflicts, Choice, Conflict};
use casebook_doc::edit::Edited;

use crate::{Error, Node};

impl Node {
    /// Every field of a client's account file that holds concurrent values from advisers who
    /// edited apart, described in the domain's words (see [`Conflict::sentence`]).
    ///
    /// # Errors
    /// [`Error::NoSuchClient`] for an unknown file; store or document errors.
    pub fn conflicts(&self, file: FileId) -> Result<Vec<Conflict>, Error> {
        Ok(doc_conflicts::conflicts(&self.load(file)?)?)
    }

    /// Resolve the conflict `id` (from [`Node::conflicts`]) of a file by keeping one value,
    /// recorded as one new change that every node merging it will agree on.
    ///
    /// # Errors
    /// [`casebook_doc::Error::NoSuchConflict`] for an id the file does not hold (it may have
    /// been resolved already), the refusals of [`casebook_doc::conflicts::resolve`], or store
    /// errors; nothing is stored on error.
    pub fn resolve(&self, file: FileId, id: &str, choice: Choice) -> Result<Edited, Error> {
        self.apply(file, |doc, ctx, _| {
            doc_conflicts::resolve(doc, ctx, id, choice)
        })
    }
}

#[cfg(test)]
mod tests {
    use casebook_doc::edit::{self, NewClient, RiskAssessment};
    use casebook_doc::enums::{Polarity, RiskStatus};
    use casebook_doc::model::Risk;

    use super::*;
    use crate::Origin;

    fn risk() -> Risk {
        Risk {
            contract: None,
            title: "Key supplier failure".into(),
            opportunity: None,
            parent: None,
            category: String::new(),
            polarity: Polarity::Threat,
            likelihood: 2,
            severity: 4,
            response: None,
            residual_likelihood: None,
            residual_severity: None,
            mitigation: String::new(),
            owner: String::new(),
            status: RiskStatus::Open,
            raised: None,
        }
    }

    #[test]
    fn conflicts_merged_from_another_node_are_listed_and_resolved_durably() {
        let dirs = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let alice = Node::init(dirs.0.path(), "Alice").unwrap();
        let bob = Node::init(dirs.1.path(), "Bob").unwrap();
        let file = alice
            .create_client(&NewClient {
                name: "Afon Valley Foods".into(),
                ..Default::default()
            })
            .unwrap();
        let r = alice
            .apply(file, |d, c, cfg| edit::add_risk(d, c, cfg, &risk()))
            .unwrap()
            .entry
            .unwrap();
        // Bob may change the file: a copy not shared with his node is read-only there.
        alice
            .add_peer(&bob.invite(&[]).unwrap(), "Bob (laptop)", "Bob")
            .unwrap();
        alice.share(file, "Bob (laptop)", "write").unwrap();
        bob.import_automerge(&alice.export_automerge(file).unwrap(), "afon.automerge")
            .unwrap();
        for (node, likelihood) in [(&alice, 3), (&bob, 4)] {
            node.apply(file, |d, c, cfg| {
                edit::assess_risk(
                    d,
                    c,
                    cfg,
                    r,
                    &RiskAssessment {
                        likelihood: Some(likelihood),
                        ..Default::default()
                    },
                )
            })
            .unwrap();
        }
        alice
            .merge_automerge(&bob.export_automerge(file).unwrap(), "bob.automerge", None)
            .unwrap();

        let found = alice.conflicts(file).unwrap();
        assert_eq!(found.len(), 1, "{found:#?}");
        let sentence = found[0].sentence();
        assert!(
            sentence.starts_with("risk 'Key supplier failure' likelihood: ")
                && sentence.contains("3 by Alice")
                && sentence.contains("4 by Bob"),
            "{sentence}"
        );
        // Listing changed nothing.
        let before = alice.history(file).unwrap().len();

        let edited = alice
            .resolve(file, &found[0].id, Choice::Adviser("Bob".into()))
            .unwrap();
        assert_eq!(
            edited.message,
            "Resolved risk 'Key supplier failure' likelihood: kept 4 (Bob)"
        );
        assert!(alice.conflicts(file).unwrap().is_empty());
        let history = alice.history(file).unwrap();
        assert_eq!(history.len(), before + 1);
        let last = history.last().unwrap();
        assert_eq!(last.change.message, edited.message);
        assert!(last.signed);
        assert!(matches!(
            last.origin.as_ref().map(|o| &o.origin),
            Some(Origin::Local)
        ));
        assert_eq!(alice.read(file).unwrap().risks[&r].likelihood, 4);

        let err = alice
            .resolve(file, &found[0].id, Choice::Candidate(0))
            .unwrap_err();
        assert!(err.to_string().contains("casebook conflicts FILE"), "{err}");
    }
}

//! The document skeleton, its schema version, and migrations that never conflict.
//!
//! The skeleton of an account file (genesis plus every migration step) is a pure function of
//! the file id: each step is a change by the fixed actor [`SCHEMA_ACTOR`] at time 0 on top of
//! the previous step. Two nodes that create or migrate the same file offline therefore produce
//! byte-identical changes with identical hashes, and a merge sees one change, not a conflict.

use automerge::transaction::{CommitOptions, Transactable};
use automerge::{ActorId, Automerge, ObjType, ROOT, ReadDoc, ScalarValue, Value};
use casebook_base::{FileId, NodeId};
use casebook_i18n::Message;

use crate::Error;

/// The schema version this build writes and reads.
pub const SCHEMA_VERSION: u64 = 13;

/// The actor of every skeleton change: the same bytes on every node.
pub const SCHEMA_ACTOR: &[u8] = b"casebook-schema";

/// Root keys created by genesis (version 1).
pub const GENESIS_MAPS: &[&str] = &[
    "profile",
    "team",
    "journey",
    "people",
    "interactions",
    "actions",
    "risks",
    "opportunities",
];

/// One migration step: the version it brings the document to and the maps it adds.
struct Step {
    version: u64,
    maps: &'static [&'static str],
    message: &'static str,
}

/// Every migration after genesis, in order. Append only: a published step never changes.
const STEPS: &[Step] = &[
    Step {
        version: 2,
        maps: &["objectives", "swot"],
        message: "Schema 2: objectives and SWOT analysis",
    },
    Step {
        version: 3,
        maps: &["nodes"],
        message: "Schema 3: advisers' nodes",
    },
    Step {
        version: 4,
        maps: &["endorsements"],
        message: "Schema 4: changes brought in from files",
    },
    Step {
        version: 5,
        maps: &["withdrawn"],
        message: "Schema 5: entries withdrawn as entered by mistake",
    },
    Step {
        version: 6,
        maps: &["scorecards"],
        message: "Schema 6: balanced scorecards",
    },
    Step {
        version: 7,
        maps: &["surveys"],
        message: "Schema 7: satisfaction surveys",
    },
    Step {
        version: 8,
        maps: &["reviews"],
        message: "Schema 8: account performance reviews",
    },
    Step {
        version: 9,
        maps: &["contact_plan", "topics", "competitors", "value_added"],
        message: "Schema 9: contact plan, topics, competitors and value added",
    },
    Step {
        version: 10,
        maps: &["prr"],
        message: "Schema 10: preventative risk register checks",
    },
    Step {
        version: 11,
        maps: &["action_plans"],
        message: "Schema 11: sales, proposition and marketing action plans",
    },
    Step {
        version: 12,
        maps: &["contracts", "risk_alerts", "risk_plans"],
        message: "Schema 12: contracts, coloured risk alerts and risk management plans",
    },
    Step {
        version: 13,
        maps: &["tier_history"],
        message: "Schema 13: tiers of clients",
    },
];

/// The schema version of organisation documents this build writes and reads.
pub const ORG_SCHEMA_VERSION: u64 = 1;

/// Root maps of an organisation document (see [`crate::org`]).
pub const ORG_MAPS: &[&str] = &["settings", "templates", "nodes"];

/// The schema version this build supports for the document with id `file_id`.
pub fn supported_version(file_id: FileId) -> u64 {
    if file_id.is_organisation() {
        ORG_SCHEMA_VERSION
    } else {
        SCHEMA_VERSION
    }
}

/// The sharing role that lets a node change a file.
pub const WRITE: &str = "write";
/// The sharing role that lets a node hold and read a file.
pub const READ: &str = "read";

/// The skeleton of `file_id`, created by `owner`, at `version`: the changes every node agrees
/// on.
///
/// The genesis names the owner and gives it write access in the file's `sharing` map. Binding
/// the owner into the genesis is what lets every node check, from the file alone, who may
/// write first: a reader cannot forge an earlier claim, because another owner makes another
/// genesis and so another file.
///
/// An organisation's id ([`FileId::is_organisation`]) gets an organisation document's
/// skeleton instead (see [`crate::org`]), whatever `version` says.
///
/// # Errors
/// Only if Automerge itself fails, which would be a bug.
pub fn skeleton(file_id: FileId, owner: NodeId, version: u64) -> Result<Automerge, Error> {
    if file_id.is_organisation() {
        return org_skeleton(file_id, owner);
    }
    let mut doc = Automerge::new().with_actor(ActorId::from(SCHEMA_ACTOR));
    doc.transact_with(
        |_| {
            CommitOptions::default()
                .with_time(0)
                .with_message("Schema 1: account file created")
        },
        |tx| {
            tx.put(ROOT, "file_id", file_id.to_string())?;
            tx.put(ROOT, "owner", owner.to_string())?;
            tx.put(ROOT, "schema_version", ScalarValue::Uint(1))?;
            let sharing = tx.put_object(ROOT, "sharing", ObjType::Map)?;
            tx.put(&sharing, owner.to_string(), WRITE)?;
            for key in GENESIS_MAPS {
                tx.put_object(ROOT, *key, ObjType::Map)?;
            }
            // The journey's stage history is a map the genesis owns, so no node ever creates it
            // concurrently with another.
            let journey = tx
                .get(ROOT, "journey")?
                .map(|(_, id)| id)
                .ok_or_else(|| Error::NotAnAccountFile(Message::new("doc-why-genesis-journey")))?;
            tx.put_object(&journey, "history", ObjType::Map)?;
            Ok::<_, Error>(())
        },
    )
    .map_err(|f| f.error)?;
    for step in STEPS.iter().filter(|s| s.version <= version) {
        doc.transact_with(
            |_| {
                CommitOptions::default()
                    .with_time(0)
                    .with_message(step.message)
            },
            |tx| {
                for key in step.maps {
                    tx.put_object(ROOT, *key, ObjType::Map)?;
                }
                tx.put(ROOT, "schema_version", ScalarValue::Uint(step.version))?;
                Ok::<_, Error>(())
            },
        )
        .map_err(|f| f.error)?;
    }
    Ok(doc)
}

/// The genesis of an organisation document: its id, the node that created it (its first
/// administrator, with `write` in `sharing`; members get `read`), the maps for its settings,
/// its templates and its nodes' advisers, and `kind` saying what it is to other tools.
fn org_skeleton(org_id: FileId, owner: NodeId) -> Result<Automerge, Error> {
    let mut doc = Automerge::new().with_actor(ActorId::from(SCHEMA_ACTOR));
    doc.transact_with(
        |_| {
            CommitOptions::default()
                .with_time(0)
                .with_message("Schema 1: organisation created")
        },
        |tx| {
            tx.put(ROOT, "file_id", org_id.to_string())?;
            tx.put(ROOT, "owner", owner.to_string())?;
            tx.put(ROOT, "kind", "organisation")?;
            tx.put(
                ROOT,
                "schema_version",
                ScalarValue::Uint(ORG_SCHEMA_VERSION),
            )?;
            let sharing = tx.put_object(ROOT, "sharing", ObjType::Map)?;
            tx.put(&sharing, owner.to_string(), WRITE)?;
            for key in ORG_MAPS {
                tx.put_object(ROOT, *key, ObjType::Map)?;
            }
            Ok::<_, Error>(())
        },
    )
    .map_err(|f| f.error)?;
    Ok(doc)
}

/// The hashes of every skeleton change of `file_id`: the only changes by [`SCHEMA_ACTOR`] a
/// node accepts for that file.
///
/// # Errors
/// Only if Automerge itself fails.
pub fn skeleton_hashes(
    file_id: FileId,
    owner: NodeId,
) -> Result<Vec<automerge::ChangeHash>, Error> {
    Ok(skeleton(file_id, owner, SCHEMA_VERSION)?
        .get_changes(&[])
        .iter()
        .map(|c| c.hash())
        .collect())
}

/// A new, empty account file at the current schema version.
///
/// # Errors
/// Only if Automerge itself fails.
pub fn new_file(file_id: FileId, owner: NodeId) -> Result<Automerge, Error> {
    skeleton(file_id, owner, SCHEMA_VERSION)
}

/// Bring `doc` up to [`SCHEMA_VERSION`], returning how many skeleton changes were added.
///
/// Safe to run on any node at any time: the steps are identical everywhere, so running it on
/// two offline forks and merging them adds each step once.
///
/// # Errors
/// [`Error::SchemaTooNew`] for a document from a newer casebook, [`Error::NotAnAccountFile`]
/// for a document without a file id.
pub fn migrate(doc: &mut Automerge) -> Result<usize, Error> {
    let file_id = file_id_of(doc)?;
    let found = schema_version_of(doc);
    let supported = supported_version(file_id);
    if found > supported {
        return Err(Error::SchemaTooNew {
            file_id: file_id.to_string(),
            found,
            supported,
        });
    }
    let mut skel = skeleton(file_id, owner_of(doc)?, supported)?;
    let before = doc.get_heads();
    doc.merge(&mut skel)?;
    Ok(doc.get_changes(&before).len())
}

/// The file id recorded in a document.
///
/// # Errors
/// [`Error::NotAnAccountFile`] if the document has no valid `file_id`.
pub fn file_id_of(doc: &Automerge) -> Result<FileId, Error> {
    let text = root_text(doc, "file_id")?;
    text.parse().map_err(|_| {
        Error::NotAnAccountFile(Message::new("doc-why-bad-file-id").with("text", &text))
    })
}

/// A text value at the root, or why the document is not an account file.
fn root_text(doc: &Automerge, key: &str) -> Result<String, Error> {
    match doc.get(ROOT, key)? {
        Some((Value::Scalar(s), _)) => match s.as_ref() {
            ScalarValue::Str(text) => Ok(text.to_string()),
            _ => Err(Error::NotAnAccountFile(
                Message::new("doc-why-not-text").with("key", key),
            )),
        },
        _ => Err(Error::NotAnAccountFile(
            Message::new("doc-why-no-key").with("key", key),
        )),
    }
}

/// The node that created a document (named in its genesis).
///
/// # Errors
/// [`Error::NotAnAccountFile`] if the document names no valid owner.
pub fn owner_of(doc: &Automerge) -> Result<NodeId, Error> {
    let text = root_text(doc, "owner")?;
    text.parse()
        .map_err(|_| Error::NotAnAccountFile(Message::new("doc-why-bad-owner").with("text", &text)))
}

/// The schema version recorded in a document (0 if missing).
pub fn schema_version_of(doc: &Automerge) -> u64 {
    match doc.get(ROOT, "schema_version") {
        Ok(Some((Value::Scalar(s), _))) => match s.as_ref() {
            ScalarValue::Uint(v) => *v,
            ScalarValue::Int(v) => u64::try_from(*v).unwrap_or(0),
            _ => 0,
        },
        _ => 0,
    }
}

/// Check that `doc` is a complete account file this build can read: right file id, a schema
/// version we know, every container present.
///
/// # Errors
/// [`Error::NotAnAccountFile`] or [`Error::SchemaTooNew`].
pub fn check(doc: &Automerge) -> Result<FileId, Error> {
    let file_id = file_id_of(doc)?;
    owner_of(doc)?;
    let found = schema_version_of(doc);
    let supported = supported_version(file_id);
    if found > supported {
        return Err(Error::SchemaTooNew {
            file_id: file_id.to_string(),
            found,
            supported,
        });
    }
    if found == 0 {
        return Err(Error::NotAnAccountFile(Message::new("doc-why-no-schema")));
    }
    let maps = if file_id.is_organisation() {
        ORG_MAPS
    } else {
        GENESIS_MAPS
    };
    for key in maps {
        match doc.get(ROOT, *key)? {
            Some((Value::Object(ObjType::Map), _)) => {}
            _ => {
                return Err(Error::NotAnAccountFile(
                    Message::new("doc-why-section-missing").with("key", *key),
                ));
            }
        }
    }
    Ok(file_id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owner() -> NodeId {
        NodeId::from_bytes([9; 32])
    }

    #[test]
    fn skeleton_is_identical_on_every_node() {
        let id = FileId::new();
        let a = skeleton(id, owner(), SCHEMA_VERSION).unwrap();
        let b = skeleton(id, owner(), SCHEMA_VERSION).unwrap();
        assert_eq!(a.get_heads(), b.get_heads());
        assert_eq!(a.save(), b.save());
        assert_eq!(owner_of(&a).unwrap(), owner());
    }

    #[test]
    fn another_owner_makes_another_file() {
        let id = FileId::new();
        let a = skeleton(id, owner(), 1).unwrap();
        let b = skeleton(id, NodeId::from_bytes([8; 32]), 1).unwrap();
        assert_ne!(a.get_heads(), b.get_heads());
    }

    #[test]
    fn two_offline_migrations_merge_without_conflict() {
        let id = FileId::new();
        let v1 = skeleton(id, owner(), 1).unwrap();
        let mut alice = v1.fork().with_actor(ActorId::from(&[1u8; 32][..]));
        let mut bob = v1.fork().with_actor(ActorId::from(&[2u8; 32][..]));
        // One change per step after genesis.
        assert_eq!(migrate(&mut alice).unwrap(), STEPS.len());
        assert_eq!(migrate(&mut bob).unwrap(), STEPS.len());
        assert_eq!(schema_version_of(&alice), SCHEMA_VERSION);
        alice.merge(&mut bob).unwrap();
        assert_eq!(alice.get_heads(), bob.get_heads());
        // One value, not a conflict, for the version and each new map.
        assert_eq!(alice.get_all(ROOT, "schema_version").unwrap().len(), 1);
        assert_eq!(alice.get_all(ROOT, "swot").unwrap().len(), 1);
        assert_eq!(migrate(&mut alice).unwrap(), 0);
    }

    #[test]
    fn newer_schema_is_refused() {
        let id = FileId::new();
        let mut doc = new_file(id, owner()).unwrap();
        doc.transact(|tx| tx.put(ROOT, "schema_version", ScalarValue::Uint(99)))
            .unwrap();
        let err = check(&doc).unwrap_err();
        assert!(
            matches!(err, Error::SchemaTooNew { found: 99, .. }),
            "{err}"
        );
        assert!(migrate(&mut doc).is_err());
    }

    #[test]
    fn foreign_document_is_not_an_account_file() {
        let mut doc = Automerge::new();
        doc.transact(|tx| tx.put(ROOT, "title", "shopping list"))
            .unwrap();
        assert!(matches!(check(&doc), Err(Error::NotAnAccountFile(_))));
    }
}

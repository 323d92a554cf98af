//! Removing a peer ends its access: the files that still grant it are revoked in the same
//! step, or kept only when the adviser says so.
//!
//! Why: trust (the peer list) and grants (each file's `sharing`) are separate, so removing a
//! peer alone would leave its grants in place, and adding it again later would silently
//! restore its access, write access included. `peer remove` therefore refuses while a file
//! this node could revoke still grants the peer, unless told `--unshare` (revoke them, in the
//! same transaction as the removal) or `--keep-shares` (keep them, knowingly).

use casebook_base::FileId;
use casebook_i18n::Message;
use casebook_store::Peer;
use serde::Serialize;

use crate::{Error, Node};

/// What to do with the files that still grant a peer being removed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grants {
    /// Refuse the removal while a file this node could revoke still grants the peer.
    Refuse,
    /// Revoke every grant this node may revoke, in the same transaction as the removal.
    Revoke,
    /// Keep the grants: adding the peer again restores its access.
    Keep,
}

/// One file that grants a peer access.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Grant {
    /// The file.
    pub file_id: FileId,
    /// The client's name.
    pub name: String,
    /// `read` or `write`.
    pub role: String,
    /// Why this node cannot revoke it, if it cannot (it may only read the file, or the peer
    /// owns it). JSON gives it in English.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::error::english_opt"
    )]
    pub not_revocable: Option<Message>,
}

/// What [`Node::remove_peer_with`] did.
#[derive(Clone, Debug, Serialize)]
pub struct PeerRemoval {
    /// The peer, no longer trusted.
    #[serde(flatten)]
    pub peer: Peer,
    /// Grants revoked in the same step.
    pub unshared: Vec<Grant>,
    /// Grants left in place: kept on request, or not this node's to revoke.
    pub still_granted: Vec<Grant>,
}

impl Node {
    /// The account files held here whose sharing list grants `peer` access, with whether this
    /// node could revoke each.
    ///
    /// # Errors
    /// Store errors.
    pub fn grants_of(&self, peer: &Peer) -> Result<Vec<Grant>, Error> {
        let key = peer.node.to_string();
        let me = self.node_id().to_string();
        let mut grants: Vec<Grant> = self
            .summaries()?
            .into_iter()
            .filter_map(|s| {
                let role = s.sharing.get(&key)?.clone();
                let file_id = s.file_id.parse().ok()?;
                let not_revocable = if s.owner == key {
                    Some(Message::new("err-grant-their-own"))
                } else if s.sharing.get(&me).map(String::as_str) != Some("write") {
                    Some(Message::new("err-grant-read-only"))
                } else {
                    None
                };
                Some(Grant {
                    file_id,
                    name: s.name,
                    role,
                    not_revocable,
                })
            })
            .collect();
        grants.sort_by_key(|g| g.name.to_lowercase());
        Ok(grants)
    }

    /// Stop trusting a peer (by name or node id), deciding by `grants` what happens to the
    /// files that still grant it access.
    ///
    /// # Errors
    /// As [`Node::find_peer`]; [`Error::StillShared`] with [`Grants::Refuse`] while a file
    /// this node could revoke grants the peer (nothing is changed); an unshare's own refusal.
    ///
    /// # Guarantees
    /// With [`Grants::Revoke`] the revocations and the removal are one durable transaction:
    /// all of them happen, or none.
    pub fn remove_peer_with(&self, query: &str, grants: Grants) -> Result<PeerRemoval, Error> {
        let peer = self.find_peer(query)?;
        let all = self.grants_of(&peer)?;
        let (revocable, others): (Vec<Grant>, Vec<Grant>) =
            all.into_iter().partition(|g| g.not_revocable.is_none());
        if grants == Grants::Refuse && !revocable.is_empty() {
            return Err(Error::StillShared {
                peer: peer.name.clone(),
                files: revocable
                    .iter()
                    .map(|g| (g.name.clone(), g.role.clone()))
                    .collect(),
            });
        }
        let (unshared, mut still_granted) = match grants {
            Grants::Revoke => (revocable, others),
            Grants::Refuse | Grants::Keep => (Vec::new(), [revocable, others].concat()),
        };
        still_granted.sort_by_key(|g| g.name.to_lowercase());
        self.store().update(|txn| {
            for g in &unshared {
                let doc = txn.load(g.file_id)?.ok_or_else(|| Error::NoSuchClient {
                    query: g.file_id.to_string(),
                })?;
                self.edit_in(txn, g.file_id, doc, |d| {
                    casebook_doc::edit::unshare(d, &self.edit_context(), peer.node, &peer.name)
                })?;
            }
            txn.remove_peer(&peer.node)?;
            Ok::<_, Error>(())
        })?;
        Ok(PeerRemoval {
            peer,
            unshared,
            still_granted,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair() -> (tempfile::TempDir, tempfile::TempDir, Node, Node) {
        let (da, db) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let a = Node::init(da.path(), "Alice").unwrap();
        let b = Node::init(db.path(), "Bob").unwrap();
        a.add_peer(&b.invite(&[]).unwrap(), "Bob (laptop)", "Bob")
            .unwrap();
        (da, db, a, b)
    }

    #[test]
    fn removal_is_refused_while_a_file_grants_the_peer_and_nothing_changes() {
        let (_da, _db, a, b) = pair();
        let file = a
            .create_client(&casebook_doc::edit::NewClient {
                name: "Acme".into(),
                ..Default::default()
            })
            .unwrap();
        a.share(file, "Bob (laptop)", "write").unwrap();
        let heads = a.store().heads(file).unwrap();
        let err = a
            .remove_peer_with("Bob (laptop)", Grants::Refuse)
            .unwrap_err();
        assert!(matches!(err, Error::StillShared { .. }), "{err:?}");
        assert!(err.to_string().contains("Acme (write)"), "{err}");
        assert!(a.is_trusted(&b.node_id()).unwrap());
        assert_eq!(a.store().heads(file).unwrap(), heads);

        let removed = a.remove_peer_with("Bob (laptop)", Grants::Revoke).unwrap();
        assert_eq!(removed.unshared.len(), 1);
        assert!(!a.is_trusted(&b.node_id()).unwrap());
        assert!(
            !a.read(file)
                .unwrap()
                .sharing
                .contains_key(&b.node_id().to_string())
        );
    }

    #[test]
    fn keeping_the_grants_is_a_choice_that_is_reported() {
        let (_da, _db, a, b) = pair();
        let file = a
            .create_client(&casebook_doc::edit::NewClient {
                name: "Acme".into(),
                ..Default::default()
            })
            .unwrap();
        a.share(file, "Bob (laptop)", "read").unwrap();
        let removed = a.remove_peer_with("Bob (laptop)", Grants::Keep).unwrap();
        assert!(removed.unshared.is_empty());
        assert_eq!(removed.still_granted.len(), 1);
        assert!(!a.is_trusted(&b.node_id()).unwrap());
        assert!(
            a.read(file)
                .unwrap()
                .sharing
                .contains_key(&b.node_id().to_string())
        );
    }
}

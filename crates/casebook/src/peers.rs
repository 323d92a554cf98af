//! Pairing nodes: invitation tickets and the trusted peer list.

use std::net::SocketAddr;

use casebook_base::{NodeId, Ticket};
use casebook_i18n::Message;
use casebook_store::Peer;

use crate::{Error, Node};

/// The metadata key under which `serve` records the addresses it listens on.
pub(crate) const LISTEN_META: &str = "listen_addrs";

impl Node {
    /// The ticket another adviser needs to trust this node: its id and where it listens.
    ///
    /// With no `addrs`, uses the addresses recorded by the last `serve`; with none recorded
    /// either, the ticket has no address: the other node cannot dial this one, but trusts it
    /// when this node dials (both sides pin each other's key, so each must add the other's
    /// ticket).
    ///
    /// # Errors
    /// Store errors.
    pub fn invite(&self, addrs: &[SocketAddr]) -> Result<Ticket, Error> {
        let addrs = if addrs.is_empty() {
            self.listen_addrs()?
        } else {
            addrs.to_vec()
        };
        Ok(Ticket {
            node: self.node_id(),
            addrs,
        })
    }

    /// The addresses recorded by the last `serve`.
    ///
    /// # Errors
    /// Store errors.
    pub fn listen_addrs(&self) -> Result<Vec<SocketAddr>, Error> {
        Ok(self
            .store()
            .meta(LISTEN_META)?
            .map(|b| {
                String::from_utf8_lossy(&b)
                    .split(',')
                    .filter_map(|a| a.parse().ok())
                    .collect()
            })
            .unwrap_or_default())
    }

    /// Durably record where this node listens (for tickets).
    ///
    /// # Errors
    /// Store errors.
    pub fn set_listen_addrs(&self, addrs: &[SocketAddr]) -> Result<(), Error> {
        let text: Vec<String> = addrs.iter().map(ToString::to_string).collect();
        Ok(self
            .store()
            .set_meta(LISTEN_META, text.join(",").as_bytes())?)
    }

    /// Trust the node in `ticket` under `name`, as a node of `adviser`.
    ///
    /// # Errors
    /// [`Error::BadInput`] for this node's own ticket, an empty or taken name.
    pub fn add_peer(&self, ticket: &Ticket, name: &str, adviser: &str) -> Result<Peer, Error> {
        let bad = |reason: Message| Error::BadInput {
            name: "peer add".into(),
            reason,
        };
        let name = name.trim();
        if name.is_empty() {
            return Err(bad(Message::new("err-peer-name-empty")));
        }
        if ticket.node == self.node_id() {
            return Err(bad(Message::new("err-peer-own-ticket")));
        }
        if let Some(other) = self
            .peers()?
            .into_iter()
            .find(|p| p.name.eq_ignore_ascii_case(name) && p.node != ticket.node)
        {
            return Err(bad(Message::new("err-peer-name-taken")
                .with("name", name)
                .with("node", other.node.short())));
        }
        let peer = Peer {
            node: ticket.node,
            name: name.to_string(),
            adviser: adviser.trim().to_string(),
            addrs: ticket.addrs.clone(),
            added_at: self.now(),
        };
        self.store().put_peer(&peer)?;
        Ok(peer)
    }

    /// Every trusted peer, sorted by name.
    ///
    /// # Errors
    /// Store errors.
    pub fn peers(&self) -> Result<Vec<Peer>, Error> {
        let mut peers = self.store().peers()?;
        peers.sort_by_key(|p| p.name.to_lowercase());
        Ok(peers)
    }

    /// Find a peer by name, node id, or the start of its node id.
    ///
    /// # Errors
    /// [`Error::BadInput`] naming `casebook peer list` when none or several match.
    pub fn find_peer(&self, query: &str) -> Result<Peer, Error> {
        let peers = self.peers()?;
        let q = query.trim().to_lowercase();
        let by_name: Vec<&Peer> = peers
            .iter()
            .filter(|p| p.name.to_lowercase() == q)
            .collect();
        let found: Vec<&Peer> = if by_name.is_empty() {
            peers
                .iter()
                .filter(|p| q.len() >= 4 && p.node.to_string().starts_with(&q))
                .collect()
        } else {
            by_name
        };
        match found.as_slice() {
            [one] => Ok((*one).clone()),
            [] => Err(Error::BadInput {
                name: query.into(),
                reason: Message::new("err-peer-none"),
            }),
            _ => Err(Error::BadInput {
                name: query.into(),
                reason: Message::new("err-peer-several"),
            }),
        }
    }

    /// Stop trusting a peer, keeping every grant files give it. Returns the peer removed.
    /// [`Node::remove_peer_with`] also revokes them (what `casebook peer remove` uses).
    ///
    /// # Errors
    /// As [`Node::find_peer`].
    pub fn remove_peer(&self, query: &str) -> Result<Peer, Error> {
        let peer = self.find_peer(query)?;
        self.store().remove_peer(&peer.node)?;
        Ok(peer)
    }

    /// The nodes a sharing command means: one peer by name or node id, or every node of an
    /// adviser by the adviser's name.
    ///
    /// # Errors
    /// [`Error::BadInput`] naming `casebook peer list` when nothing matches.
    pub fn resolve_sharee(&self, query: &str) -> Result<Vec<Peer>, Error> {
        if let Ok(peer) = self.find_peer(query) {
            return Ok(vec![peer]);
        }
        let q = query.trim().to_lowercase();
        let nodes: Vec<Peer> = self
            .peers()?
            .into_iter()
            .filter(|p| !p.adviser.is_empty() && p.adviser.to_lowercase() == q)
            .collect();
        if nodes.is_empty() {
            return Err(Error::BadInput {
                name: query.into(),
                reason: Message::new("err-peer-or-adviser-none"),
            });
        }
        Ok(nodes)
    }

    /// Share a file with a peer or every node of an adviser, as `read` or `write`.
    ///
    /// # Errors
    /// As [`Node::resolve_sharee`], and the edit's own refusals.
    pub fn share(
        &self,
        file: casebook_base::FileId,
        who: &str,
        role: &str,
    ) -> Result<Vec<String>, Error> {
        let mut messages = Vec::new();
        for peer in self.resolve_sharee(who)? {
            let e = self.apply(file, |d, c, _| {
                casebook_doc::edit::share(d, c, peer.node, role, &peer.name)
            })?;
            messages.push(e.message);
        }
        Ok(messages)
    }

    /// Stop sharing a file with a peer or every node of an adviser.
    ///
    /// # Errors
    /// As [`Node::share`].
    pub fn unshare(&self, file: casebook_base::FileId, who: &str) -> Result<Vec<String>, Error> {
        let mut messages = Vec::new();
        for peer in self.resolve_sharee(who)? {
            let e = self.apply(file, |d, c, _| {
                casebook_doc::edit::unshare(d, c, peer.node, &peer.name)
            })?;
            messages.push(e.message);
        }
        Ok(messages)
    }

    /// Whether `node` is a trusted peer.
    ///
    /// # Errors
    /// Store errors.
    pub fn is_trusted(&self, node: &NodeId) -> Result<bool, Error> {
        Ok(self.peers()?.iter().any(|p| p.node == *node))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairing_two_nodes_by_ticket() {
        let (da, db) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let a = Node::init(da.path(), "Alice").unwrap();
        let b = Node::init(db.path(), "Bob").unwrap();
        assert!(
            a.invite(&[]).unwrap().addrs.is_empty(),
            "no address known yet: a ticket for a node that only dials"
        );
        let ticket = a.invite(&["127.0.0.1:7447".parse().unwrap()]).unwrap();
        let text = ticket.to_string();
        let peer = b
            .add_peer(&text.parse().unwrap(), "Alice (laptop)", "Alice")
            .unwrap();
        assert_eq!(peer.node, a.node_id());
        assert!(b.is_trusted(&a.node_id()).unwrap());
        assert_eq!(b.find_peer("alice (laptop)").unwrap().node, a.node_id());
        assert_eq!(
            b.find_peer(&a.node_id().to_string()[..8]).unwrap().node,
            a.node_id()
        );
        assert!(
            b.add_peer(
                &b.invite(&["127.0.0.1:1".parse().unwrap()]).unwrap(),
                "me",
                ""
            )
            .is_err()
        );
        let file = b
            .create_client(&casebook_doc::edit::NewClient {
                name: "Acme".into(),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(
            b.share(file, "Alice", "write").unwrap().len(),
            1,
            "by adviser name"
        );
        assert_eq!(
            b.read(file)
                .unwrap()
                .sharing
                .get(&a.node_id().to_string())
                .map(String::as_str),
            Some("write")
        );
        b.unshare(file, "Alice (laptop)").unwrap();
        assert!(b.share(file, "Nobody", "read").is_err());
        b.remove_peer("Alice (laptop)").unwrap();
        assert!(!b.is_trusted(&a.node_id()).unwrap());
        assert!(b.remove_peer("Alice (laptop)").is_err());
    }

    #[test]
    fn peer_names_are_unique() {
        let (da, db, dc) = (
            tempfile::tempdir().unwrap(),
            tempfile::tempdir().unwrap(),
            tempfile::tempdir().unwrap(),
        );
        let a = Node::init(da.path(), "A").unwrap();
        let b = Node::init(db.path(), "B").unwrap();
        let c = Node::init(dc.path(), "C").unwrap();
        let addr = ["127.0.0.1:1".parse().unwrap()];
        a.add_peer(&b.invite(&addr).unwrap(), "Laptop", "B")
            .unwrap();
        let err = a
            .add_peer(&c.invite(&addr).unwrap(), "laptop", "C")
            .unwrap_err()
            .to_string();
        assert!(err.contains("already used"), "{err}");
    }

    #[test]
    fn a_node_that_may_only_read_a_file_is_told_so_and_stores_nothing() {
        let (da, db) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let a = Node::init(da.path(), "Alice").unwrap();
        let b = Node::init(db.path(), "Bob").unwrap();
        let addr = ["127.0.0.1:1".parse().unwrap()];
        a.add_peer(&b.invite(&addr).unwrap(), "Bob (laptop)", "Bob")
            .unwrap();
        let file = a
            .create_client(&casebook_doc::edit::NewClient {
                name: "Acme".into(),
                ..Default::default()
            })
            .unwrap();
        a.share(file, "Bob", "read").unwrap();
        b.import_automerge(&a.export_automerge(file).unwrap(), "Acme")
            .unwrap();
        let heads = b.store().heads(file).unwrap();
        let action = casebook_doc::model::Action {
            title: "Send the proposal".into(),
            owner: "Bob".into(),
            due: None,
            status: Default::default(),
            done_at: None,
            origin: None,
        };
        let err = b
            .apply(file, |d, c, _| {
                casebook_doc::edit::add_action(d, c, &action)
            })
            .unwrap_err();
        assert!(matches!(err, Error::ReadOnly { .. }), "{err:?}");
        let text = err.to_string();
        assert!(
            text.contains("Acme") && text.contains("--write"),
            "the error names the file and the way out: {text}"
        );
        assert_eq!(b.store().heads(file).unwrap(), heads, "nothing stored");
        a.share(file, "Bob", "write").unwrap();
        b.merge_automerge(&a.export_automerge(file).unwrap(), "Acme", Some(file))
            .unwrap();
        assert!(
            b.apply(file, |d, c, _| casebook_doc::edit::add_action(
                d, c, &action
            ))
            .is_ok(),
            "write access granted: the edit goes through"
        );
    }
}

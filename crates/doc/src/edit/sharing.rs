//! Who may read or change the file.

use automerge::Automerge;
use automerge::transaction::Transactable;
use casebook_i18n::Message;

use super::*;
use crate::Error;
use crate::model::*;

/// Share the file with `node` as a reader or writer, or change its role; `role` is
/// [`crate::schema::READ`] or [`crate::schema::WRITE`]. `label` names the node for the message.
///
/// Only a node that may write the file may share it: the edit is refused here, and sync will
/// refuse such a change from any other node.
///
/// # Errors
/// [`Error::Rule`] if this node may not write the file, the node already has that role, or the
/// role is unknown.
pub fn share(
    doc: &mut Automerge,
    ctx: &EditContext,
    node: casebook_base::NodeId,
    role: &str,
    label: &str,
) -> Result<Edited, Error> {
    if role != crate::schema::READ && role != crate::schema::WRITE {
        return Err(Error::BadValue {
            what: crate::error::term("sharing role"),
            input: role.into(),
            accepted: "read, write".into(),
        });
    }
    let file = current(doc)?;
    require_writer(doc, &file)?;
    let key = node.to_string();
    if file.sharing.get(&key).map(String::as_str) == Some(role) {
        return Err(Error::Rule(
            Message::new("rule-already-shared")
                .with("client", &file.profile.name)
                .with("label", label)
                .with("role", role),
        ));
    }
    if key == file.owner && role != crate::schema::WRITE {
        return Err(Error::Rule(Message::new("rule-owner-keeps-write")));
    }
    let message = format!("Shared {} with {label} ({role})", file.profile.name);
    let role = role.to_string();
    transact(doc, ctx, message, None, move |tx| {
        let sharing = path(tx, &["sharing"])?;
        tx.put(&sharing, key.as_str(), role.as_str())?;
        Ok(())
    })
}

/// Stop sharing the file with `node`.
///
/// # Errors
/// [`Error::Rule`] if this node may not write the file, the node is the owner, or the file is
/// not shared with it.
pub fn unshare(
    doc: &mut Automerge,
    ctx: &EditContext,
    node: casebook_base::NodeId,
    label: &str,
) -> Result<Edited, Error> {
    let file = current(doc)?;
    require_writer(doc, &file)?;
    let key = node.to_string();
    if key == file.owner {
        return Err(Error::Rule(Message::new("rule-owner-not-removed")));
    }
    if !file.sharing.contains_key(&key) {
        return Err(Error::Rule(
            Message::new("rule-not-shared")
                .with("client", &file.profile.name)
                .with("label", label),
        ));
    }
    let message = format!("Stopped sharing {} with {label}", file.profile.name);
    transact(doc, ctx, message, None, move |tx| {
        let sharing = path(tx, &["sharing"])?;
        tx.delete(&sharing, key.as_str())?;
        Ok(())
    })
}

/// Refuse unless the document's actor (this node) may write the file.
fn require_writer(doc: &Automerge, file: &AccountFile) -> Result<(), Error> {
    let me = match crate::history::author_of(doc.get_actor().to_bytes()) {
        crate::history::Author::Node(n) => n.to_string(),
        _ => String::new(),
    };
    if file.sharing.get(&me).map(String::as_str) == Some(crate::schema::WRITE) {
        Ok(())
    } else {
        Err(Error::Rule(
            Message::new("rule-read-only").with("client", &file.profile.name),
        ))
    }
}

#[cfg(test)]
mod sharing_tests {
    use super::*;
    use crate::config::OrgConfig;
    use casebook_base::NodeId;

    fn setup() -> (Automerge, EditContext, NodeId) {
        let owner = NodeId::from_bytes([1; 32]);
        let mut doc = crate::schema::new_file(casebook_base::FileId::new(), owner).unwrap();
        doc.set_actor(automerge::ActorId::from(&owner.as_bytes()[..]));
        let ctx = EditContext {
            adviser: "Alice".into(),
            now: Utc::now(),
        };
        create_client(
            &mut doc,
            &ctx,
            &OrgConfig::default(),
            &NewClient {
                name: "Acme".into(),
                ..Default::default()
            },
        )
        .unwrap();
        (doc, ctx, owner)
    }

    #[test]
    fn owner_shares_and_unshares() {
        let (mut doc, ctx, owner) = setup();
        let bob = NodeId::from_bytes([2; 32]);
        share(&mut doc, &ctx, bob, "read", "Bob").unwrap();
        let f = view::read(&doc).unwrap();
        assert_eq!(f.owner, owner.to_string());
        assert_eq!(
            f.sharing.get(&bob.to_string()).map(String::as_str),
            Some("read")
        );
        assert!(
            share(&mut doc, &ctx, bob, "read", "Bob").is_err(),
            "no-op share refused"
        );
        share(&mut doc, &ctx, bob, "write", "Bob").unwrap();
        unshare(&mut doc, &ctx, bob, "Bob").unwrap();
        assert!(
            !view::read(&doc)
                .unwrap()
                .sharing
                .contains_key(&bob.to_string())
        );
        assert!(unshare(&mut doc, &ctx, owner, "me").is_err());
        assert!(share(&mut doc, &ctx, owner, "read", "me").is_err());
        assert!(share(&mut doc, &ctx, bob, "admin", "Bob").is_err());
    }

    #[test]
    fn a_reader_cannot_share() {
        let (mut doc, ctx, _) = setup();
        let bob = NodeId::from_bytes([2; 32]);
        share(&mut doc, &ctx, bob, "read", "Bob").unwrap();
        let mut bobs = doc.fork();
        bobs.set_actor(automerge::ActorId::from(&bob.as_bytes()[..]));
        let carol = NodeId::from_bytes([3; 32]);
        let err = share(&mut bobs, &ctx, carol, "read", "Carol").unwrap_err();
        assert!(err.to_string().contains("may only read"), "{err}");
    }
}

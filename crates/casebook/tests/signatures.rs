//! Every change a node makes is signed with its node key, and history says so.

use casebook::Node;
use casebook::edit::{self, NewClient};
use casebook::history::Author;

#[test]
fn local_changes_are_signed_and_merged_file_changes_are_not() {
    let (da, db) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let a = Node::init(da.path(), "Alice").unwrap();
    let b = Node::init(db.path(), "Bob").unwrap();
    let file = a
        .create_client(&NewClient {
            name: "Acme Ltd".into(),
            ..Default::default()
        })
        .unwrap();
    a.apply(file, |d, c, _| {
        edit::edit_client(
            d,
            c,
            &edit::ClientPatch {
                sector: Some("food".into()),
                ..Default::default()
            },
        )
    })
    .unwrap();
    let history = a.history(file).unwrap();
    assert!(history.len() >= 5, "schema steps plus two edits");
    assert!(
        history.iter().all(|h| h.signed),
        "every change on its author's node is signed"
    );

    // The signature is the author's, over this change and no other.
    let hashes = a.change_hashes(file).unwrap();
    let sigs = a.store().signatures(&hashes).unwrap();
    let own: Vec<_> = sigs.into_iter().flatten().collect();
    assert_eq!(own.len(), 2);
    for s in &own {
        assert_eq!(s.author, a.node_id());
        assert!(s.verify());
        let mut forged = *s;
        forged.author = b.node_id();
        assert!(
            !forged.verify(),
            "a signature does not transfer to another author"
        );
        let mut tampered = *s;
        tampered.signature[0] ^= 1;
        assert!(!tampered.verify());
    }

    // Changes that arrive in an exported file carry no signature: history says so.
    let bytes = a.export_automerge(file).unwrap();
    b.merge_automerge(&bytes, "acme.automerge", None).unwrap();
    let on_b = b.history(file).unwrap();
    let alices: Vec<_> = on_b
        .iter()
        .filter(|h| h.change.author == Author::Node(a.node_id()))
        .collect();
    assert_eq!(alices.len(), 2);
    // Bob's node holds the file outside its sharing list, so it cannot vouch for them either.
    assert!(alices.iter().all(|h| !h.signed && h.brought_in.is_none()));
    assert!(
        on_b.iter()
            .filter(|h| h.change.author == Author::Schema)
            .all(|h| h.signed)
    );
}

#[test]
fn changes_that_arrive_are_never_signed_by_the_node_that_stores_them_even_under_its_own_id() {
    use casebook::automerge::ActorId;
    use casebook::{ChangeSignature, Origin};

    let (da, db) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let a = Node::init(da.path(), "Alice").unwrap();
    let b = Node::init(db.path(), "Bob").unwrap();
    let file = a
        .create_client(&NewClient {
            name: "Acme Ltd".into(),
            ..Default::default()
        })
        .unwrap();
    b.merge_automerge(&a.export_automerge(file).unwrap(), "acme.automerge", None)
        .unwrap();

    // A change made elsewhere under Bob's id (node ids are public), stored the way sync and
    // merge store what arrives.
    let mut doc = b.load(file).unwrap();
    doc.set_actor(ActorId::from(&b.node_id().as_bytes()[..]));
    let before = doc.get_heads();
    edit::edit_client(
        &mut doc,
        &b.edit_context(),
        &edit::ClientPatch {
            sector: Some("forged".into()),
            ..Default::default()
        },
    )
    .unwrap();
    let arrived = doc.get_changes(&before);
    let hashes: Vec<_> = arrived.iter().map(|c| c.hash()).collect();
    b.store()
        .update(|txn| {
            b.store_changes_in(
                txn,
                file,
                arrived,
                Origin::Peer { node: a.node_id() },
                vec![],
            )
        })
        .unwrap();
    let stored: Vec<Option<ChangeSignature>> = b.store().signatures(&hashes).unwrap();
    assert!(
        stored.iter().all(Option::is_none),
        "Bob's node signed a change it did not make: {stored:?}"
    );
    let history = b.history(file).unwrap();
    assert!(
        history
            .iter()
            .filter(|h| hashes.iter().any(|x| x.to_string() == h.change.hash))
            .all(|h| !h.signed)
    );
}

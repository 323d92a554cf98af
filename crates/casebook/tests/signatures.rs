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
    assert!(alices.iter().all(|h| !h.signed));
    assert!(
        on_b.iter()
            .filter(|h| h.change.author == Author::Schema)
            .all(|h| h.signed)
    );
}

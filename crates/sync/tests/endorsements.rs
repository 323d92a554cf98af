//! Changes that arrive in exported files, on real nodes syncing over QUIC on loopback: a writer
//! that brings them in vouches for them and they reach every other writer, labelled with who
//! brought them in; a read-only node's word counts for nothing; a change that claims a node's
//! own id is refused by that node, whoever vouches for it.
//!
//! Each test asserts what lands in the stores (heads, held changes, history labels), so it
//! fails if the rule breaks, whether the refusing side ends its session or only refuses the
//! file.

mod common;

use casebook::automerge::transaction::Transactable;
use casebook::automerge::{ActorId, Automerge, ChangeHash, ROOT, ReadDoc};
use casebook::edit::EditContext;
use casebook::history::Author;
use casebook::{ChangeSignature, FileId, Origin, schema};
use common::*;

/// Whether `node` holds any of `hashes`.
fn holds_any(node: &TestNode, hashes: &[ChangeHash]) -> bool {
    node.node
        .store()
        .has_changes(hashes)
        .expect("has")
        .iter()
        .any(|h| *h)
}

/// `node`'s copy of `file` with one more change by `actor` (another Automerge tool, or a
/// forger claiming someone's id), exported as bytes, and that change's hash.
fn edited_by(node: &TestNode, file: FileId, actor: &[u8], sector: &str) -> (Vec<u8>, ChangeHash) {
    let mut doc: Automerge = node.node.load(file).expect("load");
    doc.set_actor(ActorId::from(actor));
    doc.transact(|tx| {
        let profile = tx.get(ROOT, "profile")?.map(|(_, id)| id).expect("profile");
        tx.put(&profile, "sector", sector)
    })
    .expect("edit");
    let hash = doc.get_heads()[0];
    (doc.save(), hash)
}

/// Alice serving, Bob and Carol dialling her, all three writers of Alice's file Acme, which
/// Bob and Carol hold.
async fn three_writers() -> (TestNode, TestNode, TestNode, Serving, FileId) {
    let alice = TestNode::new("Alice");
    let bob = TestNode::new("Bob");
    let carol = TestNode::new("Carol");
    let serving = Serving::start(&alice);
    alice.trust(&bob, None);
    alice.trust(&carol, None);
    bob.trust(&alice, Some(serving.addr));
    carol.trust(&alice, Some(serving.addr));
    let acme = alice.client("Acme Ltd");
    alice.share(acme, &bob, "write");
    alice.share(acme, &carol, "write");
    sync(&bob, &alice).await.expect("Bob receives the file");
    sync(&carol, &alice).await.expect("Carol receives the file");
    (alice, bob, carol, serving, acme)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changes_brought_in_from_a_file_reach_every_writer_labelled_with_who_brought_them() {
    let (alice, bob, carol, serving, acme) = three_writers().await;

    // Bob works offline and sends Alice an export (the README's offline route).
    bob.log_call(acme, "Bob's visit while offline");
    let bobs: Vec<ChangeHash> = {
        let on_bob = bob.node.history(acme).expect("history");
        on_bob
            .iter()
            .filter(|h| h.change.author == Author::Node(bob.node.node_id()))
            .map(|h| h.change.hash.parse().expect("hash"))
            .collect()
    };
    assert!(!bobs.is_empty());
    let export = bob.node.export_automerge(acme).expect("export");
    let report = alice
        .node
        .merge_automerge(&export, "acme-from-bob.automerge", None)
        .expect("Alice merges Bob's export");
    assert!(report.brought_in >= 1, "{report:?}");
    assert_eq!(
        report.vouched, report.brought_in,
        "Alice may write, so she vouches: {report:?}"
    );

    // Alice never signs Bob's change as hers, nor as his: she brought it in.
    let on_alice = alice.node.history(acme).expect("history");
    for h in on_alice
        .iter()
        .filter(|h| h.change.author == Author::Node(bob.node.node_id()))
    {
        assert!(!h.signed, "a file carries no signature: {h:?}");
        let by = h.brought_in.as_ref().expect("brought in by Alice");
        assert_eq!(by.by, alice.node.node_id());
        assert_eq!(by.source, "acme-from-bob.automerge");
        assert_eq!(by.adviser.as_deref(), Some("Alice"));
    }
    let signatures = alice.node.store().signatures(&bobs).expect("signatures");
    assert!(
        signatures.iter().all(Option::is_none),
        "Alice's node stored no signature of Bob's changes: {signatures:?}"
    );

    // The change reaches Carol, who never met Bob, with Alice's word for it.
    sync(&carol, &alice)
        .await
        .expect("Carol syncs the brought-in change");
    assert_eq!(carol.heads(acme), alice.heads(acme));
    assert!(
        carol
            .node
            .read(acme)
            .expect("read")
            .interactions
            .values()
            .any(|i| i.summary == "Bob's visit while offline")
    );
    let on_carol = carol.node.history(acme).expect("history");
    let relayed: Vec<_> = on_carol
        .iter()
        .filter(|h| h.change.author == Author::Node(bob.node.node_id()))
        .collect();
    assert_eq!(relayed.len(), bobs.len());
    for h in relayed {
        assert!(!h.signed, "{h:?}");
        assert_eq!(
            h.brought_in.as_ref().map(|b| b.by),
            Some(alice.node.node_id()),
            "{h:?}"
        );
        assert_eq!(
            h.origin.as_ref().map(|o| &o.origin),
            Some(&Origin::Peer {
                node: alice.node.node_id()
            })
        );
    }

    // Bob gets Alice's endorsement back; his own change is still his, signed.
    sync(&bob, &alice).await.expect("Bob syncs");
    assert_eq!(bob.heads(acme), alice.heads(acme));
    let on_bob = bob.node.history(acme).expect("history");
    assert!(
        on_bob
            .iter()
            .filter(|h| h.change.author == Author::Node(bob.node.node_id()))
            .all(|h| h.signed && h.brought_in.is_none())
    );
    serving.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_vouched_for_by_a_read_only_node_is_accepted_nowhere() {
    let alice = TestNode::new("Alice");
    let dave = TestNode::new("Dave");
    let serving = Serving::start(&alice);
    alice.trust(&dave, None);
    dave.trust(&alice, Some(serving.addr));
    let acme = alice.client("Acme Ltd");
    alice.share(acme, &dave, "read");
    sync(&dave, &alice).await.expect("Dave receives the file");

    // Another tool's change reaches Dave in a file. His node may only read: it does not vouch.
    let (forged, tool_change) = edited_by(&dave, acme, &[0x42; 16], "forged by a tool");
    let report = dave
        .node
        .merge_automerge(&forged, "tool.automerge", None)
        .expect("merge");
    assert_eq!(report.brought_in, 1);
    assert_eq!(report.vouched, 0, "{report:?}");
    let on_dave = dave.node.history(acme).expect("history");
    let h = on_dave
        .iter()
        .find(|h| h.change.hash == tool_change.to_string())
        .expect("the tool's change");
    assert!(!h.signed && h.brought_in.is_none(), "{h:?}");

    // A modified node vouches anyway, with Dave's real key.
    let mut doc = dave.node.load(acme).expect("load");
    doc.set_actor(ActorId::from(&dave.node.node_id().as_bytes()[..]));
    let before = doc.get_heads();
    let ctx = EditContext {
        adviser: "Dave".into(),
        now: dave.node.now(),
    };
    casebook::endorse::endorse(&mut doc, &ctx, dave.node.node_id(), "tool", &[tool_change])
        .expect("endorse");
    let changes = doc.get_changes(&before);
    let signatures = changes
        .iter()
        .map(|c| ChangeSignature {
            hash: c.hash(),
            author: dave.node.node_id(),
            signature: dave
                .node
                .secret_key()
                .sign(&ChangeSignature::message(&c.hash())),
        })
        .collect();
    dave.node
        .store()
        .update(|txn| {
            dave.node
                .store_changes_in(txn, acme, changes, Origin::Local, signatures)
        })
        .expect("stored");

    let alice_heads = alice.heads(acme);
    // Whether the session ends or only this file is refused, nothing of it may land.
    let _outcome = sync(&dave, &alice).await;
    assert_eq!(alice.heads(acme), alice_heads, "Alice's heads moved");
    assert!(
        !holds_any(&alice, &[tool_change]),
        "Alice took a change only a reader vouched for"
    );
    serving.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_claiming_a_nodes_own_id_is_refused_by_that_node_whoever_vouches() {
    let (alice, bob, carol, serving, acme) = three_writers().await;

    // A file edited under Carol's id (every node id is public) ...
    let carol_id = carol.node.node_id();
    let (forged, claimed) = edited_by(&alice, acme, carol_id.as_bytes(), "forged as Carol");
    // ... is refused outright by Carol herself: her node knows every change it made.
    let carol_heads = carol.heads(acme);
    let refused = carol
        .node
        .merge_automerge(&forged, "forged.automerge", None)
        .expect_err("a change claiming Carol's id");
    assert!(
        refused.to_string().contains("claim to be this node's own"),
        "{refused}"
    );
    assert_eq!(carol.heads(acme), carol_heads);
    assert!(!holds_any(&carol, &[claimed]));

    // Alice cannot tell, brings it in and vouches for it: it reaches Bob, labelled as hers ...
    let report = alice
        .node
        .merge_automerge(&forged, "forged.automerge", None)
        .expect("Alice merges");
    assert_eq!(report.vouched, 1);
    sync(&bob, &alice).await.expect("Bob syncs");
    assert!(holds_any(&bob, &[claimed]));
    let on_bob = bob.node.history(acme).expect("history");
    let h = on_bob
        .iter()
        .find(|h| h.change.hash == claimed.to_string())
        .expect("held");
    assert!(!h.signed, "never shown as signed by Carol: {h:?}");
    assert_eq!(
        h.brought_in.as_ref().map(|b| b.by),
        Some(alice.node.node_id())
    );

    // ... but never lands on Carol's node.
    let _outcome = sync(&carol, &alice).await;
    assert_eq!(carol.heads(acme), carol_heads, "Carol's heads moved");
    assert!(!holds_any(&carol, &[claimed]));
    assert_eq!(
        schema::file_id_of(&carol.node.load(acme).expect("load")).expect("id"),
        acme
    );
    serving.stop().await;
}

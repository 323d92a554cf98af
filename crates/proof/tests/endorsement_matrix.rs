//! The security matrix for changes that arrive in files (docs/security.md, section 3,
//! "Endorsements"): counted attempts, each checked to move nothing it must not move.
//!
//! - Files holding a change under the merging node's own id: every one refused by `merge`,
//!   the store byte-identical.
//! - Changes another tool made, vouched for by a read-only node (its real key, its real
//!   signature on the endorsement): every batch refused by a writer, 0 accepted.
//! - Changes another tool made, brought in by a writer: every one reaches every other writer
//!   over QUIC, labelled "brought in from a file by" that writer, never as signed.

use casebook::automerge::transaction::Transactable;
use casebook::automerge::{ActorId, Automerge, ChangeHash, ROOT, ReadDoc};
use casebook::{Origin, schema};
use casebook_proof::report::{self, count, thousands};
use casebook_proof::security::forge::{actor_of, deliver, sign};
use casebook_proof::security::nodes::{Serving, TestNode, sync_at};
use casebook_proof::tier;

const SUITE: &str = "security";

/// `doc` with one more change by `actor` setting the client's sector to `sector`.
fn edited_by(doc: &Automerge, actor: ActorId, sector: &str) -> (Automerge, ChangeHash) {
    let mut d = doc.clone();
    d.set_actor(actor);
    d.transact(|tx| {
        let profile = tx.get(ROOT, "profile")?.map(|(_, id)| id).expect("profile");
        tx.put(&profile, "sector", sector)
    })
    .expect("edit");
    let h = d.get_heads()[0];
    (d, h)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changes_from_files_count_only_on_the_word_of_a_node_that_may_write() {
    let tier = tier::tier();
    let own_id_files = tier.pick(50, 1_000);
    let read_only_words = tier.pick(50, 1_000);
    let brought_in = tier.pick(5, 50);
    let alice = TestNode::new("Alice").expect("Alice");
    let bob = TestNode::new("Bob").expect("Bob");
    let carol = TestNode::new("Carol").expect("Carol");
    let dave = TestNode::new("Dave").expect("Dave");
    let alice_serving = Serving::listen_only(&alice).expect("Alice serves");
    for other in [&bob, &carol, &dave] {
        alice.trust(other, None).expect("trust");
        other
            .trust(&alice, Some(alice_serving.addr))
            .expect("trust");
    }
    let acme = alice.client("Acme Ltd").expect("a client");
    alice.share(acme, &bob, schema::WRITE).expect("share");
    alice.share(acme, &carol, schema::WRITE).expect("share");
    alice.share(acme, &dave, schema::READ).expect("share");
    for other in [&bob, &carol, &dave] {
        sync_at(other, alice.id(), alice_serving.addr)
            .await
            .expect("the file arrives");
    }

    // 1. Files holding a change under Bob's own id (every node id is public).
    let bobs_copy = bob.node.load(acme).expect("load");
    let (heads, seq) = (bob.heads(acme).expect("heads"), bob.log_seq().expect("log"));
    let mut own_refused = 0u64;
    let mut forged = Vec::new();
    for i in 0..own_id_files {
        let (doc, h) = edited_by(&bobs_copy, actor_of(bob.id()), &format!("forged {i}"));
        forged.push(h);
        let refused = bob
            .node
            .merge_automerge(&doc.save(), "forged.automerge", None);
        assert!(
            refused
                .as_ref()
                .is_err_and(|e| e.to_string().contains("claim to be this node's own")),
            "forged file {i}: {refused:?}"
        );
        own_refused += 1;
    }
    assert_eq!(bob.heads(acme).expect("heads"), heads, "Bob's heads moved");
    assert_eq!(
        bob.log_seq().expect("log"),
        seq,
        "Bob's store committed something"
    );
    let own_held = bob.holds(&forged).expect("has");
    assert_eq!(own_held, 0);

    // 2. Another tool's changes that read-only Dave vouches for, with his real key.
    let daves_copy = dave.node.load(acme).expect("load");
    let carol_heads = carol.head_bytes(acme).expect("heads");
    let carol_seq = carol.log_seq().expect("log");
    let ctx = dave.node.edit_context();
    let mut word_refused = 0u64;
    let mut offered = Vec::new();
    for i in 0..read_only_words {
        let (mut doc, h) = edited_by(
            &daves_copy,
            ActorId::from(&[0x42, (i % 251) as u8, 7, 7][..]),
            &format!("tool edit {i}"),
        );
        offered.push(h);
        doc.set_actor(actor_of(dave.id()));
        casebook::endorse::endorse(&mut doc, &ctx, dave.id(), "tool.automerge", &[h])
            .expect("endorse");
        let word = doc.get_heads()[0];
        let delivery = deliver(
            &carol.node,
            dave.id(),
            acme,
            &doc,
            &[sign(dave.node.secret_key(), word)],
        )
        .expect("delivered");
        assert!(
            delivery.ended.is_none() && delivery.refused.is_some(),
            "a read-only node's word {i} was not refused: {delivery:?}"
        );
        word_refused += 1;
    }
    assert_eq!(carol.head_bytes(acme).expect("heads"), carol_heads);
    assert_eq!(carol.log_seq().expect("log"), carol_seq);
    let word_held = carol.holds(&offered).expect("has");
    assert_eq!(word_held, 0);

    // 3. Another tool's changes brought in by Alice, who may write: they reach Bob and Carol.
    let mut reached = 0u64;
    for i in 0..brought_in {
        let alices_copy = alice.node.load(acme).expect("load");
        let (doc, h) = edited_by(
            &alices_copy,
            ActorId::from(&[0x51, i as u8][..]),
            &format!("brought in {i}"),
        );
        let report = alice
            .node
            .merge_automerge(&doc.save(), "from-a-tool.automerge", None)
            .expect("Alice merges");
        assert!(report.vouched == 1 && report.brought_in == 1, "{report:?}");
        for writer in [&bob, &carol] {
            let r = sync_at(writer, alice.id(), alice_serving.addr)
                .await
                .expect("sync");
            assert!(r.stats.refused.is_empty(), "{r:?}");
            assert_eq!(
                writer.heads(acme).expect("heads"),
                alice.heads(acme).expect("heads")
            );
            let history = writer.node.history(acme).expect("history");
            let entry = history
                .iter()
                .find(|e| e.change.hash == h.to_string())
                .expect("the brought-in change is held");
            assert!(!entry.signed, "{entry:?}");
            assert_eq!(entry.brought_in.as_ref().map(|b| b.by), Some(alice.id()));
            assert!(matches!(
                entry.origin.as_ref().map(|o| &o.origin),
                Some(Origin::Peer { .. })
            ));
            reached += 1;
        }
    }
    alice_serving.stop().await;

    report::print(
        SUITE,
        &[
            format!(
                "{} files holding a change under the merging node's own id: {} refused, {} accepted, heads and log byte-identical",
                thousands(own_id_files),
                thousands(own_refused),
                own_held
            ),
            format!(
                "{} tool changes vouched for by a read-only node (its real key): {} refused by a writer (that file alone), {} accepted",
                thousands(read_only_words),
                thousands(word_refused),
                word_held
            ),
            count(
                reached,
                "deliveries over QUIC of tool changes a writer brought in, each held by the other writer labelled as brought in by it, never as signed",
            ),
        ],
    );
}

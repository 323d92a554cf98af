//! Multi-node sync over real QUIC on loopback: convergence, transitivity, cost of a
//! reconnect, history origins, live propagation.

mod common;

use common::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_nodes_converge_both_ways_and_history_names_the_peer() {
    let alice = TestNode::new("Alice");
    let bob = TestNode::new("Bob");
    let bob_serving = Serving::start(&bob);
    alice.trust(&bob, Some(bob_serving.addr));
    bob.trust(&alice, None);

    let acme = alice.client("Acme Ltd");
    alice.log_call(acme, "first call");
    alice.share(acme, &bob, "write");
    let report = sync(&alice, &bob).await.expect("sync");
    assert_eq!(report.stats.files_sent, 1, "{report:?}");
    assert_eq!(alice.heads(acme), bob.heads(acme));
    assert_eq!(bob.node.read(acme).expect("read").profile.name, "Acme Ltd");

    // Bob's reply travels back in the next session.
    bob.log_call(acme, "Bob's call");
    let report = sync(&alice, &bob).await.expect("sync");
    assert_eq!(report.stats.files_received, 1, "{report:?}");
    assert_eq!(alice.heads(acme), bob.heads(acme));
    let history = alice.node.history(acme).expect("history");
    let from_bob = history
        .iter()
        .filter(|h| {
            matches!(&h.origin, Some(o) if matches!(o.origin, casebook::Origin::Peer { node } if node == bob.node.node_id()))
        })
        .count();
    assert!(from_bob >= 1, "Bob's change shows as received from Bob");
    assert!(
        history.iter().all(|h| h.signed),
        "every change is signed or skeleton"
    );
    bob_serving.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reconnect_with_nothing_changed_costs_a_few_hundred_bytes() {
    let alice = TestNode::new("Alice");
    let bob = TestNode::new("Bob");
    let serving = Serving::start(&bob);
    alice.trust(&bob, Some(serving.addr));
    bob.trust(&alice, None);
    for i in 0..40 {
        let f = alice.client(&format!("Client {i}"));
        alice.share(f, &bob, "read");
    }
    let first = sync(&alice, &bob).await.expect("first sync");
    assert_eq!(first.stats.files_sent, 40);
    let again = sync(&alice, &bob).await.expect("second sync");
    assert_eq!(again.stats.announced, 0, "{again:?}");
    assert_eq!(again.stats.announced_by_peer, 0, "{again:?}");
    let bytes = again.bytes_sent + again.bytes_received;
    assert!(
        bytes < 512,
        "a reconnect with nothing new cost {bytes} bytes"
    );
    serving.stop().await;
}

//! Multi-node sync over real QUIC on loopback: convergence, transitivity, cost of a
//! reconnect, history origins, live propagation.

mod common;

use casebook::FileId;
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

/// What announcing every one of `files` files would cost: one `Have` with one head each.
fn announcing_all(files: usize) -> u64 {
    let have = casebook_proto::Message::Have {
        file: [0; 16],
        heads: vec![[0; 32]],
    };
    u64::try_from(files * (have.encode().len() + 4)).expect("small")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn first_contact_between_nodes_holding_the_same_files_finds_only_the_differences() {
    const FILES: usize = 200;
    let alice = TestNode::new("Alice");
    let bob = TestNode::new("Bob");
    let carol = TestNode::new("Carol");
    let alice_serving = Serving::start(&alice);
    // Carol's server dials Alice too: her live session runs beside the one-shot clone.
    let carol_serving = Serving::start(&carol);
    for (a, b, addr) in [
        (&bob, &alice, Some(alice_serving.addr)),
        (&alice, &bob, None),
        (&carol, &alice, Some(alice_serving.addr)),
        (&alice, &carol, None),
        (&bob, &carol, Some(carol_serving.addr)),
        (&carol, &bob, None),
    ] {
        a.trust(b, addr);
    }
    let mut files = Vec::new();
    for i in 0..FILES {
        let f = alice.client(&format!("Client {i}"));
        alice.share(f, &bob, "read");
        alice.share(f, &carol, "read");
        files.push(f);
    }
    sync(&bob, &alice).await.expect("Bob clones");
    sync(&carol, &alice).await.expect("Carol clones");

    // Bob and Carol meet for the first time, holding the same files: no file is sent.
    let met = sync(&bob, &carol).await.expect("first contact");
    let bytes = met.bytes_sent + met.bytes_received;
    println!(
        "first contact, {FILES} equal files: {bytes} bytes ({} to announce them all)",
        announcing_all(FILES)
    );
    assert_eq!(
        met.stats.files_sent + met.stats.files_received,
        0,
        "{met:?}"
    );
    assert_eq!(met.stats.reconciled, 0, "{met:?}");
    assert!(
        bytes < 2_000,
        "{bytes} bytes for a first contact with nothing new"
    );

    // Bob loses his cursor into Carol's log (restored from an old backup, say) while Alice
    // changes five files that only Carol fetches: the next contact finds exactly those five.
    let changed: Vec<FileId> = files.iter().step_by(40).copied().collect();
    for f in &changed {
        alice.log_call(*f, "follow-up call");
    }
    sync(&carol, &alice).await.expect("Carol fetches");
    bob.forget_cursor(&carol);
    let met = sync(&bob, &carol)
        .await
        .expect("contact after a lost cursor");
    let bytes = met.bytes_sent + met.bytes_received;
    println!(
        "lost cursor, {} of {FILES} files changed: {bytes} bytes ({} to announce them all)",
        changed.len(),
        announcing_all(FILES)
    );
    assert_eq!(met.stats.files_received, changed.len(), "{met:?}");
    assert!(bytes < announcing_all(FILES), "{bytes} bytes");
    for f in &files {
        assert_eq!(bob.heads(*f), alice.heads(*f), "file {f}");
    }
    alice_serving.stop().await;
    carol_serving.stop().await;
}

#[test]
fn a_first_clone_by_reconciliation_keeps_a_bounded_number_of_files_in_play() {
    use casebook::limits::{MAX_FILES_ENTERING, MAX_MESSAGES_PER_BATCH};
    use casebook_sync::Session;
    const FILES: usize = MAX_FILES_ENTERING + 60;
    let (alice, bob) = TestNode::trusting_pair("Alice", "Bob");
    let files = alice.shared_clients(FILES, &bob, "read");
    let mut a = Session::new(alice.node.clone(), bob.node.node_id());
    let mut b = Session::new(bob.node.clone(), alice.node.node_id());
    let mut to_b = a.start().expect("start");
    let mut to_a = b.start().expect("start");
    let mut most_in_play = 0;
    for _ in 0..10_000 {
        if to_a.is_empty() && to_b.is_empty() {
            break;
        }
        // Deliver as the driver does: at most MAX_MESSAGES_PER_BATCH messages at a time.
        deliver_batches(
            (&mut a, &mut to_a, MAX_MESSAGES_PER_BATCH),
            (&mut b, &mut to_b, MAX_MESSAGES_PER_BATCH),
        );
        most_in_play = most_in_play.max(a.files_in_play());
    }
    assert!(a.is_complete() && b.is_complete(), "the sessions completed");
    assert!(
        a.stats().reconciled + b.stats().reconciled >= FILES,
        "the files were found by reconciliation: {:?} {:?}",
        a.stats(),
        b.stats()
    );
    assert!(
        most_in_play <= MAX_FILES_ENTERING,
        "{most_in_play} files in play at once"
    );
    for f in &files {
        assert_eq!(bob.heads(*f), alice.heads(*f), "file {f}");
    }
}

#[test]
fn two_sessions_with_the_same_peer_at_once_both_complete() {
    // `casebook sync` beside a live session of `casebook serve` runs two sessions between the
    // same two nodes. When one delivers a file first, the other's first word on that file
    // names heads this side already holds: it must still be answered, or the peer waits for
    // it for ever (the one-shot sync never ended).
    use casebook_proto::Message;
    use casebook_sync::Session;
    let (alice, carol) = TestNode::trusting_pair("Alice", "Carol");
    let files: Vec<FileId> = (0..3)
        .map(|i| {
            let f = alice.client(&format!("Client {i}"));
            alice.share(f, &carol, "read");
            alice.log_call(f, "first call");
            f
        })
        .collect();
    let (a, c) = (alice.node.node_id(), carol.node.node_id());
    let mut live_alice = Session::new(alice.node.clone(), c).live();
    let mut live_carol = Session::new(carol.node.clone(), a).live();
    let mut once_alice = Session::new(alice.node.clone(), c).live();
    let mut once_carol = Session::new(carol.node.clone(), a);

    // The one-shot pair talks until a file's first Sync is on its way, and is held there.
    let mut to_carol = once_alice.start().expect("start");
    let mut to_alice = once_carol.start().expect("start");
    let is_sync = |m: &Message| matches!(m, Message::Sync { .. });
    for _ in 0..20 {
        if to_carol.iter().any(is_sync) || to_alice.iter().any(is_sync) {
            break;
        }
        exchange(
            (&mut once_alice, &mut to_alice),
            (&mut once_carol, &mut to_carol),
        );
    }
    assert!(
        to_carol.iter().any(is_sync) || to_alice.iter().any(is_sync),
        "the one-shot pair reached the files: {:?} {:?}",
        kinds(&to_carol),
        kinds(&to_alice)
    );

    // Meanwhile the live pair delivers every file.
    pump(&mut live_alice, &mut live_carol);
    for f in &files {
        assert_eq!(carol.heads(*f), alice.heads(*f), "file {f}");
    }

    // The held messages arrive: the one-shot pair must still complete.
    for _ in 0..50 {
        if to_carol.is_empty() && to_alice.is_empty() {
            break;
        }
        exchange(
            (&mut once_alice, &mut to_alice),
            (&mut once_carol, &mut to_carol),
        );
    }
    assert!(
        once_carol.is_complete() && once_alice.is_complete(),
        "the one-shot sync completed: files still in play: Carol {}, Alice {}",
        once_carol.files_in_play(),
        once_alice.files_in_play()
    );
}

/// One round of a sans-IO conversation in bounded batches, as a driver reads them: `b` receives
/// at most its bound of the messages on their way to it, then `a` likewise; each side's answer
/// goes on its way to the other.
fn deliver_batches(
    (a, to_a, a_batch): (
        &mut casebook_sync::Session,
        &mut Vec<casebook_proto::Message>,
        usize,
    ),
    (b, to_b, b_batch): (
        &mut casebook_sync::Session,
        &mut Vec<casebook_proto::Message>,
        usize,
    ),
) {
    let n = to_b.len().min(b_batch);
    if n > 0 {
        let batch: Vec<_> = to_b.drain(..n).collect();
        to_a.extend(b.receive(batch).expect("b receives"));
    }
    let n = to_a.len().min(a_batch);
    if n > 0 {
        let batch: Vec<_> = to_a.drain(..n).collect();
        to_b.extend(a.receive(batch).expect("a receives"));
    }
}

/// One round of a sans-IO conversation: each side receives what is on its way to it, and its
/// answer goes on its way to the other.
fn exchange(
    (a, to_a): (
        &mut casebook_sync::Session,
        &mut Vec<casebook_proto::Message>,
    ),
    (b, to_b): (
        &mut casebook_sync::Session,
        &mut Vec<casebook_proto::Message>,
    ),
) {
    let from_b = b.receive(std::mem::take(to_b)).expect("b receives");
    let from_a = a.receive(std::mem::take(to_a)).expect("a receives");
    *to_a = from_b;
    *to_b = from_a;
}

#[test]
fn an_announcement_arriving_with_the_sync_that_settles_its_file_is_not_lost() {
    // Bob's live session with Alice has a file in play, its last word naming heads that a
    // second session delivered meanwhile; Alice takes that word for an acknowledgement and the
    // file leaves play on her side. She writes again and announces it: the `Have` reaches Bob
    // in the same batch as the `Sync` that settles the file on his side. The announcement must
    // still be followed, or Bob stays a copy behind until the file changes again.
    use casebook_proto::Message;
    use casebook_sync::Session;
    let (alice, bob) = TestNode::trusting_pair("Alice", "Bob");
    let acme = alice.client("Acme Ltd");
    alice.share(acme, &bob, "read");
    let (a, b) = (alice.node.node_id(), bob.node.node_id());
    let mut alice_1 = Session::new(alice.node.clone(), b).live();
    let mut bob_1 = Session::new(bob.node.clone(), a).live();
    pump(&mut alice_1, &mut bob_1);
    let mut alice_2 = Session::new(alice.node.clone(), b).live();
    let mut bob_2 = Session::new(bob.node.clone(), a).live();
    pump(&mut alice_2, &mut bob_2);
    assert_eq!(bob.heads(acme), alice.heads(acme));

    // Alice writes; the first session's announcement puts the file in play on Bob's side, and
    // his answer is held on its way.
    alice.log_call(acme, "first call");
    let to_bob = alice_1.tick().expect("tick");
    let mut to_alice = bob_1.receive(to_bob).expect("Bob receives");
    assert!(bob_1.files_in_play() == 1, "{:?}", kinds(&to_alice));

    // The second session delivers the change meanwhile.
    let mut to_bob_2 = alice_2.tick().expect("tick");
    let mut to_alice_2 = Vec::new();
    for _ in 0..20 {
        if to_bob_2.is_empty() && to_alice_2.is_empty() {
            break;
        }
        exchange((&mut alice_2, &mut to_alice_2), (&mut bob_2, &mut to_bob_2));
    }
    assert_eq!(bob.heads(acme), alice.heads(acme));
    drop((alice_2, bob_2));

    // Bob's first session tells the heads it now holds; Alice's answers settle the file on her
    // side.
    to_alice.extend(bob_1.tick().expect("tick"));
    let mut to_bob = Vec::new();
    for msg in std::mem::take(&mut to_alice) {
        to_bob.extend(alice_1.receive(vec![msg]).expect("Alice receives"));
    }
    assert_eq!(alice_1.files_in_play(), 0, "{:?}", kinds(&to_bob));
    assert_eq!(bob_1.files_in_play(), 1);

    // Alice writes again: announced (the file is not in play on her side), and the
    // announcement reaches Bob in one batch with her last `Sync`.
    alice.log_call(acme, "second call");
    to_bob.extend(alice_1.tick().expect("tick"));
    assert!(
        to_bob.iter().any(|m| matches!(m, Message::Have { .. })),
        "{:?}",
        kinds(&to_bob)
    );
    for _ in 0..50 {
        to_bob.extend(alice_1.tick().expect("tick"));
        to_alice.extend(bob_1.tick().expect("tick"));
        if to_bob.is_empty() && to_alice.is_empty() {
            break;
        }
        exchange((&mut alice_1, &mut to_alice), (&mut bob_1, &mut to_bob));
    }
    assert_eq!(
        bob.heads(acme),
        alice.heads(acme),
        "Bob holds Alice's last change (files in play: Alice {}, Bob {})",
        alice_1.files_in_play(),
        bob_1.files_in_play()
    );
}

#[test]
fn a_first_clone_beside_a_writing_adviser_completes_with_every_file() {
    // Suite 9's shape on a small scale: a first clone by reconciliation queues more files than
    // may enter play at once, while the serving adviser keeps writing. A written file that is
    // still queued on her side is announced, and the peer syncs it at once; when the file's
    // turn in her queue comes, her word on it names heads the peer already acknowledged. That
    // word must not leave the file in play on her side for ever (her queue behind it would
    // then stall, and the files in it reach the peer only when they are written again).
    use casebook::limits::{MAX_FILES_ENTERING, MAX_MESSAGES_PER_BATCH};
    use casebook_sync::Session;
    const FILES: usize = 3 * MAX_FILES_ENTERING;
    const BOB_BATCH: usize = 16;
    let (alice, bob) = TestNode::trusting_pair("Alice", "Bob");
    let files = alice.shared_clients(FILES, &bob, "read");
    // Reconciliation queues the files in the order of their ids: the last ones wait longest.
    let mut by_id = files.clone();
    by_id.sort();
    let last_queued = &by_id[FILES - 40..];
    let mut a = Session::new(alice.node.clone(), bob.node.node_id()).live();
    let mut b = Session::new(bob.node.clone(), alice.node.node_id()).live();
    let mut to_b = a.start().expect("start");
    let mut to_a = b.start().expect("start");
    let mut writes = 0;
    for round in 0..20_000 {
        // The adviser writes to the files at the end of the queue during the first rounds.
        if let Some(file) = last_queued.get(round) {
            alice.log_call(*file, "call during the clone");
            writes += 1;
        }
        to_b.extend(a.tick().expect("a ticks"));
        to_a.extend(b.tick().expect("b ticks"));
        if to_a.is_empty() && to_b.is_empty() {
            break;
        }
        // Bob reads a few messages at a time (a busy peer's batches are short), so the files
        // he syncs settle at once and leave him room to follow Alice's announcements early.
        deliver_batches(
            (&mut a, &mut to_a, MAX_MESSAGES_PER_BATCH),
            (&mut b, &mut to_b, BOB_BATCH),
        );
    }
    assert_eq!(writes, 40);
    let behind: Vec<&FileId> = files
        .iter()
        .filter(|f| bob.heads(**f) != alice.heads(**f))
        .collect();
    assert!(
        behind.is_empty(),
        "{} of {FILES} files behind on Bob's side; files in play: Alice {}, Bob {}",
        behind.len(),
        a.files_in_play(),
        b.files_in_play()
    );
    assert!(
        a.is_complete() && b.is_complete(),
        "both sessions complete: files in play: Alice {}, Bob {}",
        a.files_in_play(),
        b.files_in_play()
    );
}

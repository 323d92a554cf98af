//! Live sync between serving nodes, and convergence of three nodes after offline edits,
//! concurrent edits and random partitions.

mod common;

use std::time::Instant;

use casebook::{AccountFile, FileId};
use casebook_sync::Session;
use common::*;

/// Every node's sorted heads of `file`, for messages.
fn heads_of(nodes: &[&TestNode], file: FileId) -> Vec<Vec<String>> {
    nodes
        .iter()
        .map(|n| n.heads(file).iter().map(ToString::to_string).collect())
        .collect()
}

/// Whether every node holds `file` with the same heads.
fn agree(nodes: &[&TestNode], file: FileId) -> bool {
    let first = nodes[0].heads(file);
    !first.is_empty() && nodes.iter().all(|n| n.heads(file) == first)
}

/// Assert that every node holds every file with identical heads and identical views.
fn assert_converged(nodes: &[&TestNode], files: &[FileId]) {
    for &file in files {
        assert!(
            agree(nodes, file),
            "file {file}: heads differ: {:#?}",
            heads_of(nodes, file)
        );
        let views: Vec<AccountFile> = nodes
            .iter()
            .map(|n| n.node.read(file).expect("read"))
            .collect();
        for (n, v) in nodes.iter().zip(&views).skip(1) {
            assert_eq!(
                v, &views[0],
                "file {file}: {}'s view differs from {}'s",
                n.name, nodes[0].name
            );
        }
    }
}

fn set_stage(node: &TestNode, file: FileId, stage: &str) -> bool {
    node.node
        .apply(file, |d, c, cfg| {
            casebook::edit::set_stage(d, c, cfg, stage, "moved in a test")
        })
        .is_ok()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_local_change_reaches_a_connected_peer_within_a_second_and_is_durable_there() {
    let alice = TestNode::new("Alice");
    let bob = TestNode::new("Bob");
    let alice_serving = Serving::start(&alice);
    let bob_serving = Serving::start(&bob);
    alice.trust(&bob, Some(bob_serving.addr));
    bob.trust(&alice, Some(alice_serving.addr));
    let acme = alice.client("Acme Ltd");
    alice.share(acme, &bob, "write");
    eventually("Bob receives the file", || {
        bob.heads(acme) == alice.heads(acme)
    })
    .await;

    let start = Instant::now();
    alice.log_call(acme, "live call");
    let heads = alice.heads(acme);
    eventually("the change reaches Bob", || bob.heads(acme) == heads).await;
    let took = start.elapsed();
    eprintln!(
        "a local change reached the connected peer in {} ms",
        took.as_millis()
    );
    assert!(took < LIMIT);

    // Durable on Bob's side: stop serving, close the node, open it again from disk.
    bob_serving.stop().await;
    let bob = bob.reopen().await;
    assert_eq!(bob.heads(acme), heads);
    assert!(
        bob.node
            .read(acme)
            .expect("read")
            .interactions
            .values()
            .any(|i| i.summary == "live call")
    );
    alice_serving.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_nodes_with_concurrent_offline_edits_converge() {
    let a = TestNode::new("Ann");
    let b = TestNode::new("Ben");
    let c = TestNode::new("Cat");
    let nodes = [&a, &b, &c];
    // Ann serves while the files are handed out. (Started before the setup below: a dial in
    // the first moments of `serve` can be dropped, which
    // `a_peer_that_dials_as_the_server_starts_is_served` shows on its own.)
    let serving = Serving::start(&a);
    for x in nodes {
        for y in nodes {
            if x.node.node_id() != y.node.node_id() {
                x.trust(y, None);
            }
        }
    }
    // Two files of Ann's and one of Ben's, each shared for writing with the other two.
    let f1 = a.client("First Ltd");
    let f2 = a.client("Second Ltd");
    let f3 = b.client("Third Ltd");
    for (owner, file) in [(&a, f1), (&a, f2), (&b, f3)] {
        for other in nodes {
            if other.node.node_id() != owner.node.node_id() {
                owner.share(file, other, "write");
            }
        }
    }
    let files = [f1, f2, f3];

    // Hand every file to every node through Ann, then nobody serves.
    {
        for (x, what) in [(&b, "Ben ↔ Ann"), (&c, "Cat ↔ Ann"), (&b, "Ben ↔ Ann")] {
            if let Err(e) = sync_at(x, &a, serving.addr).await {
                panic!("{what}: {e:?}; Ann's events: {:#?}", serving.events());
            }
        }
        serving.stop().await;
    }
    assert_converged(&nodes, &files);

    // Everyone edits every file offline, concurrently, including the same register.
    for (n, stage) in nodes.iter().zip(["diagnostic", "action-plan", "delivery"]) {
        for &f in &files {
            n.log_call(f, &format!("{} offline call 1", n.name));
            n.log_call(f, &format!("{} offline call 2", n.name));
        }
        assert!(set_stage(n, f1, stage), "{} moves First Ltd", n.name);
    }
    for &f in &files {
        assert!(!agree(&nodes, f), "the offline edits diverged");
    }

    // Everyone serves and dials everyone.
    let servings: Vec<Serving> = nodes.iter().map(|n| Serving::start(n)).collect();
    for (x, _) in nodes.iter().zip(&servings) {
        for (y, ys) in nodes.iter().zip(&servings) {
            if x.node.node_id() != y.node.node_id() {
                x.trust(y, Some(ys.addr));
            }
        }
    }
    let start = Instant::now();
    eventually("all three nodes converge", || {
        files.iter().all(|&f| agree(&nodes, f))
    })
    .await;
    eprintln!("converged in {} ms", start.elapsed().as_millis());
    assert_converged(&nodes, &files);
    for &f in &files {
        let view = a.node.read(f).expect("read");
        let offline = view
            .interactions
            .values()
            .filter(|i| i.summary.contains("offline call"))
            .count();
        assert_eq!(offline, 6, "every node's offline calls survive in {f}");
    }
    let stage = a.node.read(f1).expect("read").journey.stage;
    assert!(
        ["diagnostic", "action-plan", "delivery"].contains(&stage.as_str()),
        "{stage}"
    );
    for s in servings {
        s.stop().await;
    }
}

/// A small seeded generator (xorshift64), so a failing run can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn random_partitions_and_heals_converge() {
    let seed: u64 = std::env::var("CASEBOOK_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed_ca5e_b00c);
    eprintln!("seed {seed}");
    let mut rng = Rng(seed.max(1));

    let a = TestNode::new("Ann");
    let b = TestNode::new("Ben");
    let c = TestNode::new("Cat");
    let nodes = [&a, &b, &c];
    // Peers are trusted without addresses, so no serving node dials on its own: the only
    // sessions are the ones the test runs (a partition is simply the absence of a session).
    for x in nodes {
        for y in nodes {
            if x.node.node_id() != y.node.node_id() {
                x.trust(y, None);
            }
        }
    }
    let servings: Vec<Serving> = nodes.iter().map(|n| Serving::start(n)).collect();
    let mut files = Vec::new();
    for n in nodes {
        let f = n.client(&format!("{}'s client", n.name));
        for other in nodes {
            if other.node.node_id() != n.node.node_id() {
                n.share(f, other, "write");
            }
        }
        files.push(f);
    }
    let stages = ["enquiry", "diagnostic", "action-plan", "delivery", "review"];

    for step in 0..20 {
        if rng.below(10) < 6 {
            let n = nodes[rng.below(3)];
            let held: Vec<FileId> = files
                .iter()
                .copied()
                .filter(|f| n.node.store().contains(*f).expect("contains"))
                .collect();
            let f = held[rng.below(held.len())];
            if rng.below(3) == 0 {
                let stage = stages[rng.below(stages.len())];
                let moved = set_stage(n, f, stage);
                eprintln!("step {step}: {} moves {f} to {stage} ({moved})", n.name);
            } else {
                n.log_call(f, &format!("step {step} by {}", n.name));
                eprintln!("step {step}: {} logs a call on {f}", n.name);
            }
        } else {
            let i = rng.below(3);
            let j = (i + 1 + rng.below(2)) % 3;
            eprintln!("step {step}: {} dials {}", nodes[i].name, nodes[j].name);
            let report = sync_at(nodes[i], nodes[j], servings[j].addr)
                .await
                .unwrap_or_else(|e| {
                    panic!("step {step}: {} ↔ {}: {e}", nodes[i].name, nodes[j].name)
                });
            eprintln!(
                "step {step}: {} ↔ {}: sent {} files, received {}",
                nodes[i].name, nodes[j].name, report.stats.files_sent, report.stats.files_received
            );
        }
    }

    // Heal: every pair syncs until a whole round moves nothing.
    let mut rounds = 0;
    loop {
        rounds += 1;
        assert!(rounds <= 6, "no stable state after {} rounds", rounds - 1);
        let mut moved = 0;
        for (i, j) in [(0, 1), (1, 2), (2, 0)] {
            let r = sync_at(nodes[i], nodes[j], servings[j].addr)
                .await
                .expect("heal");
            moved += r.stats.files_sent + r.stats.files_received;
        }
        if moved == 0 {
            break;
        }
    }
    eprintln!("stable after {rounds} rounds of healing");
    assert_converged(&nodes, &files);
    for s in servings {
        s.stop().await;
    }
}

// ---------------------------------------------------------------------------------------
// A deterministic replay (sans-IO) of a hang the random test above found.

#[test]
fn a_session_completes_when_two_sync_messages_for_a_file_arrive_in_one_batch() {
    let (ann, cat) = TestNode::trusting_pair("Ann", "Cat");
    let (ann_id, cat_id) = (ann.node.node_id(), cat.node.node_id());
    let f = ann.client("First Ltd");
    ann.share(f, &cat, "write");
    {
        let mut a = Session::new(ann.node.clone(), cat_id);
        let mut c = Session::new(cat.node.clone(), ann_id);
        pump(&mut a, &mut c);
        assert!(a.is_complete() && c.is_complete());
    }
    assert_eq!(cat.heads(f), ann.heads(f));
    // Then Cat and Ann both edit, and Ann's edit reaches Cat by another way (here an exported
    // file; in the failing run, through Ben), so both announce the file and Cat's heads are
    // Ann's plus one concurrent change.
    let common = ann.heads(f);
    cat.log_call(f, "Cat's offline call");
    ann.log_call(f, "Ann's offline call");
    // Ann's change reaches Cat with its signature, as a relay delivers it (a merged export
    // would add Cat's endorsement on top, and leave one head).
    let anns = ann.node.load(f).expect("load").get_changes(&common);
    let hashes: Vec<_> = anns.iter().map(|c| c.hash()).collect();
    let signatures = ann
        .node
        .store()
        .signatures(&hashes)
        .expect("signatures")
        .into_iter()
        .flatten()
        .collect();
    cat.node
        .store()
        .update(|txn| {
            cat.node.store_changes_in(
                txn,
                f,
                anns,
                casebook::Origin::Peer { node: ann_id },
                signatures,
            )
        })
        .expect("stored");
    assert_eq!(cat.heads(f).len(), 2);

    // Cat dials Ann; messages arrive as they did in the failing run (seed 104375395463180,
    // heal round 1, Cat ↔ Ann).
    let mut a = Session::new(ann.node.clone(), cat_id);
    let mut c = Session::new(cat.node.clone(), ann_id);
    let hello_c = c.start().expect("start");
    let hello_a = a.start().expect("start");
    let have_c = c.receive(hello_a).expect("Cat gets Ann's Hello");
    assert_eq!(kinds(&have_c), ["Have", "HaveEnd"]);
    let have_a = a.receive(hello_c).expect("Ann gets Cat's Hello");
    assert_eq!(kinds(&have_a), ["Have", "HaveEnd"]);
    let sync_c1 = c.receive(have_a).expect("Cat gets Ann's announcements");
    assert_eq!(kinds(&sync_c1), ["Sync"]);
    let sync_a2 = a.receive(have_c).expect("Ann gets Cat's announcement");
    assert_eq!(kinds(&sync_a2), ["Sync"]);
    let sync_a3 = a.receive(sync_c1).expect("Ann gets Cat's first Sync");
    assert_eq!(kinds(&sync_a3), ["Sync"]);
    let sync_c4 = c.receive(sync_a2).expect("Cat gets Ann's first Sync");
    let sync_c5 = c.receive(sync_a3).expect("Cat gets Ann's second Sync");
    eprintln!(
        "Cat's two answers: {:?} then {:?}",
        kinds(&sync_c4),
        kinds(&sync_c5)
    );
    // Both of Cat's answers reach Ann in one read, so in one batch.
    let mut to_c = a
        .receive([sync_c4, sync_c5].concat())
        .expect("Ann gets both");
    eprintln!("Ann answers the batch with {:?}", kinds(&to_c));
    let mut to_a = Vec::new();
    for _ in 0..20 {
        if to_c.is_empty() && to_a.is_empty() {
            break;
        }
        let from_c = if to_c.is_empty() {
            Vec::new()
        } else {
            c.receive(std::mem::take(&mut to_c)).expect("Cat receives")
        };
        let from_a = if to_a.is_empty() {
            Vec::new()
        } else {
            a.receive(std::mem::take(&mut to_a)).expect("Ann receives")
        };
        to_a = from_c;
        to_c = from_a;
    }
    assert_eq!(ann.heads(f), cat.heads(f), "the change reached Ann");
    assert!(
        a.is_complete() && c.is_complete(),
        "the session never completes: Ann has {} file(s) in play, Cat has {} waiting for an \
         answer Ann will never send (Ann complete: {}, Cat complete: {})",
        a.files_in_play(),
        c.files_in_play(),
        a.is_complete(),
        c.is_complete()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_peer_that_dials_as_the_server_starts_is_served() {
    // `Server::run` awaits each incoming handshake inside a `select!` with its redial timer;
    // when the timer fires mid-handshake the handshake is dropped. The first tick fires at
    // once, so a peer dialling just as `serve` starts is hit most often.
    let (alice, bob) = TestNode::trusting_pair("Alice", "Bob");
    let acme = alice.client("Acme Ltd");
    alice.share(acme, &bob, "read");
    let mut failures = Vec::new();
    for attempt in 0..10 {
        let serving = Serving::start(&alice);
        if let Err(e) = sync_at(&bob, &alice, serving.addr).await {
            failures.push(format!(
                "attempt {attempt}: {e}; Alice's events: {:?}",
                serving.events()
            ));
        }
        serving.stop().await;
    }
    assert!(failures.is_empty(), "{failures:#?}");
    assert_eq!(bob.heads(acme), alice.heads(acme));
}

#[test]
fn a_change_that_arrives_before_its_dependency_is_kept() {
    // Automerge's sync may deliver a change before one it depends on (its Bloom filter of what
    // the peer has gives false positives: the random test above hit one, seed 11378). The
    // receiver must hold on to the early change until its dependency arrives. Here Ben sends
    // his second change, then, when asked for it, his first, each with the signature of his
    // latest change, as the engine does.
    use casebook::automerge::Change;
    use casebook::automerge::sync::{ChunkList, State, SyncDoc};
    use casebook_proto::{Cursor, Message, WireSignature};

    let (ann, ben) = TestNode::trusting_pair("Ann", "Ben");
    let (ann_id, ben_id) = (ann.node.node_id(), ben.node.node_id());
    let f = ann.client("First Ltd");
    ann.share(f, &ben, "write");
    {
        let mut a = Session::new(ann.node.clone(), ben_id);
        let mut b = Session::new(ben.node.clone(), ann_id);
        pump(&mut a, &mut b);
    }
    assert_eq!(ben.heads(f), ann.heads(f));
    let before = ben.heads(f);
    ben.log_call(f, "Ben's first call");
    ben.log_call(f, "Ben's second call");
    let doc = ben.node.load(f).expect("load");
    let new = doc.get_changes(&before);
    assert_eq!(new.len(), 2);
    let (first, second) = (&new[0], &new[1]);
    assert_eq!(second.deps(), &[first.hash()]);
    let signatures: Vec<WireSignature> = ben
        .node
        .store()
        .signatures(&[second.hash()])
        .expect("signatures")
        .into_iter()
        .flatten()
        .map(|s| WireSignature {
            hash: s.hash.0,
            signature: s.signature,
        })
        .collect();
    assert_eq!(signatures.len(), 1, "Ben signed his latest change");
    let carrying = |change: &Change| {
        let mut msg = doc
            .generate_sync_message(&mut State::new())
            .expect("a message");
        msg.changes = ChunkList::from(vec![change.raw_bytes().to_vec()]);
        Message::Sync {
            file: f.to_bytes(),
            message: msg.encode(),
            signatures: signatures.clone(),
        }
    };

    let mut a = Session::new(ann.node.clone(), ben_id);
    a.receive(vec![Message::Hello {
        version: casebook::limits::PROTOCOL_VERSION,
        cursor: Cursor::default(),
        live: false,
    }])
    .expect("hello");
    let out = a
        .receive(vec![carrying(second)])
        .expect("a change without its dependency waits");
    assert!(kinds(&out).contains(&"Sync"), "Ann asks for what she lacks");
    let outcome = a.receive(vec![carrying(first)]);
    let held = ann
        .node
        .store()
        .has_changes(&[first.hash(), second.hash()])
        .expect("has");
    assert!(
        outcome.is_ok(),
        "Ann refused Ben's signed changes: {} (she holds first: {}, second: {})",
        outcome.err().map(|e| e.to_string()).unwrap_or_default(),
        held[0],
        held[1]
    );
    assert_eq!(
        held,
        [true, true],
        "both of Ben's changes are stored, including the one that came first"
    );
    assert_eq!(ann.heads(f), ben.heads(f));
}

//! What a peer may and may not do: read-only peers and forged authors are refused (the file
//! alone: every other file goes on syncing), unshared files look missing, unknown nodes get
//! nothing, broken frames close the session, an interrupted sync resumes, and revoking trust or
//! a share takes effect on a live session.
//!
//! Every test asserts the concrete effect (heads and log sequence byte-identical, the close
//! code, the error variant, the refusal reported), so it fails if the property breaks.

mod common;

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Duration;

use casebook::automerge::sync::{Message as AmMessage, State, SyncDoc};
use casebook::automerge::{ActorId, Automerge, ChangeHash};
use casebook::edit::{self, NewClient};
use casebook::history::Author;
use casebook::{ChangeSignature, FileId, NodeId, Origin, schema};
use casebook_base::limits::{MAX_FRAME_BYTES, PROTOCOL_VERSION};
use casebook_net::{Endpoint, TrustList};
use casebook_proto::codec::encode_frame;
use casebook_proto::{Cursor, Item, Message, Range, RangeBody, WireSignature};
use casebook_sync::driver::ProgressFn;
use casebook_sync::{Error, RefusedBy, RefusedFile, Session};
use common::*;

fn actor_of(node: NodeId) -> ActorId {
    ActorId::from(&node.as_bytes()[..])
}

/// Whether `haystack` contains `needle` anywhere.
fn contains_bytes(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_read_only_peers_changes_are_refused_and_heads_do_not_move() {
    let alice = TestNode::new("Alice");
    let bob = TestNode::new("Bob");
    let serving = Serving::start(&alice);
    alice.trust(&bob, None);
    bob.trust(&alice, Some(serving.addr));

    let acme = alice.client("Acme Ltd");
    alice.log_call(acme, "first call");
    alice.share(acme, &bob, "read");
    sync(&bob, &alice).await.expect("Bob receives the file");
    assert_eq!(bob.heads(acme), alice.heads(acme));

    // Bob may only read: his node refuses the edit, but a modified node would not.
    let refused = bob.node.apply(acme, |d, c, _| {
        edit::add_action(
            d,
            c,
            &casebook::model::Action {
                title: "Bob acts where he may only read".into(),
                owner: "Bob".into(),
                due: None,
                status: Default::default(),
                done_at: None,
                origin: None,
            },
        )
    });
    assert!(
        matches!(refused, Err(casebook::Error::ReadOnly { .. })),
        "{refused:?}"
    );
    bob.log_call_despite_read_only(acme, "Bob writes where he may only read");
    assert_ne!(bob.heads(acme), alice.heads(acme));
    let bobs_change = *bob
        .node
        .change_hashes(acme)
        .expect("hashes")
        .last()
        .expect("a change");

    let heads = alice.heads(acme);
    let seq = alice.log_seq();
    let hashes = alice.node.change_hashes(acme).expect("hashes");
    // The session completes; Alice refuses the file and tells Bob why.
    let report = sync(&bob, &alice).await.expect("the session completes");
    assert_refused_by_peer(&report, acme, "may not change this file");
    assert_eq!(alice.heads(acme), heads, "Alice's heads moved");
    assert_eq!(alice.log_seq(), seq, "Alice's store committed something");
    assert_eq!(alice.node.change_hashes(acme).expect("hashes"), hashes);
    assert!(
        !alice
            .node
            .store()
            .has_changes(&[bobs_change])
            .expect("has")
            .iter()
            .any(|h| *h),
        "Bob's change is not in Alice's store"
    );
    eventually("Alice records what she refused, and from whom", || {
        has_event(
            &serving,
            &[
                "FileRefused",
                &bob.node.node_id().to_string(),
                &acme.to_string(),
                "may not change this file",
            ],
        )
    })
    .await;

    // Trying again, with one more change of Bob's, changes nothing either.
    bob.log_call_despite_read_only(acme, "Bob writes again");
    let again = sync(&bob, &alice).await.expect("the session completes");
    assert_refused_by_peer(&again, acme, "may not change this file");
    assert_eq!(alice.heads(acme), heads);
    assert_eq!(alice.log_seq(), seq);
    serving.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forged_author_relayed_by_a_writer_is_refused() {
    let alice = TestNode::new("Alice");
    let bob = TestNode::new("Bob");
    let carol = TestNode::new("Carol");
    let alice_serving = Serving::start(&alice);
    let carol_serving = Serving::start(&carol);
    // Alice knows Bob and Carol (to share with them); Bob talks to both; Carol knows only Bob.
    alice.trust(&bob, None);
    alice.trust(&carol, None);
    bob.trust(&alice, Some(alice_serving.addr));
    bob.trust(&carol, Some(carol_serving.addr));
    carol.trust(&bob, None);
    let alice_id = alice.node.node_id();
    let bob_id = bob.node.node_id();
    assert!(!carol.node.is_trusted(&alice_id).expect("trust"));

    let acme = alice.client("Acme Ltd");
    alice.share(acme, &bob, "write");
    alice.share(acme, &carol, "write");
    alice.log_call(acme, "genuine call by Alice");

    // Positive control: Alice → Bob → Carol. Carol never talks to Alice but accepts Alice's
    // changes because Alice signed them; they show as Alice's, received from Bob.
    sync(&bob, &alice).await.expect("Bob syncs with Alice");
    sync(&bob, &carol).await.expect("Bob relays to Carol");
    assert_eq!(carol.heads(acme), alice.heads(acme));
    let history = carol.node.history(acme).expect("history");
    let genuine: Vec<_> = history
        .iter()
        .filter(|h| h.change.author == Author::Node(alice_id))
        .collect();
    assert!(
        genuine.iter().any(|h| h.change.message.contains("Logged")),
        "{history:#?}"
    );
    for h in &genuine {
        assert!(h.signed, "Alice's change carries her signature: {h:?}");
        assert_eq!(
            h.origin.as_ref().map(|o| &o.origin),
            Some(&Origin::Peer { node: bob_id }),
            "authored by Alice, received from Bob: {h:?}"
        );
    }
    assert!(
        carol
            .node
            .read(acme)
            .expect("read")
            .interactions
            .values()
            .any(|i| i.summary == "genuine call by Alice")
    );

    // Bob forges a change that claims Alice wrote it, and stores it locally (a malicious node
    // can do anything to its own store).
    let mut doc = bob.node.load(acme).expect("load");
    doc.set_actor(actor_of(alice_id));
    let before = doc.get_heads();
    let ctx = bob.node.edit_context();
    let forged = call("Alice", ctx.now, "forged: Alice agrees to waive all fees");
    edit::log_interaction(&mut doc, &ctx, &forged).expect("forge");
    let changes = doc.get_changes(&before);
    assert!(!changes.is_empty());
    assert!(
        changes
            .iter()
            .all(|c| c.actor_id().to_bytes() == alice_id.as_bytes())
    );
    let forged_hashes: Vec<ChangeHash> = changes.iter().map(|c| c.hash()).collect();
    bob.node
        .store()
        .update(|txn| {
            bob.node.store_changes_in(
                txn,
                acme,
                changes,
                Origin::File {
                    name: "forged".into(),
                },
                vec![],
            )
        })
        .expect("Bob stores his forgery");
    assert_ne!(bob.heads(acme), carol.heads(acme));

    let heads = carol.heads(acme);
    let seq = carol.log_seq();
    let report = sync(&bob, &carol).await.expect("the session completes");
    assert_refused_by_peer(&report, acme, "is not signed by its claimed author");
    assert_eq!(carol.heads(acme), heads, "Carol's heads moved");
    assert_eq!(carol.log_seq(), seq, "Carol's store committed something");
    assert!(
        carol
            .node
            .store()
            .has_changes(&forged_hashes)
            .expect("has")
            .iter()
            .all(|h| !h),
        "the forged change is not in Carol's store"
    );
    assert!(
        !carol
            .node
            .read(acme)
            .expect("read")
            .interactions
            .values()
            .any(|i| i.summary.starts_with("forged"))
    );
    eventually("Carol records what she refused, and from whom", || {
        has_event(
            &carol_serving,
            &[
                "FileRefused",
                &bob_id.to_string(),
                &acme.to_string(),
                "is not signed by its claimed author",
            ],
        )
    })
    .await;
    alice_serving.stop().await;
    carol_serving.stop().await;
}

/// The status of `file` with `peer`, as `casebook status` reads it.
fn status_of(node: &TestNode, peer: &TestNode, file: FileId) -> casebook_sync::status::FileStatus {
    casebook_sync::status::status(&node.node)
        .expect("status")
        .into_iter()
        .find(|p| p.peer.node == peer.node.node_id())
        .expect("the peer has a status")
        .files
        .into_iter()
        .find(|f| f.file_id == file)
        .expect("the file has a status")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_file_never_stalls_the_others() {
    // Alice holds one file with a change nobody signed (as after merging an exported file)
    // and 50 files with new, signed changes. Bob must take the 50, refuse the one, say so, and
    // both nodes' status must show it refused, never in sync.
    let alice = TestNode::new("Alice");
    let bob = TestNode::new("Bob");
    let serving = Serving::listen_only(&alice);
    alice.trust(&bob, None);
    bob.trust(&alice, Some(serving.addr));
    let files = alice.shared_clients(51, &bob, "write");
    let (poisoned, healthy) = (files[0], &files[1..]);
    sync(&bob, &alice).await.expect("Bob receives every file");
    for f in &files {
        assert_eq!(bob.heads(*f), alice.heads(*f));
    }

    for (i, f) in healthy.iter().enumerate() {
        alice.log_call(*f, &format!("call {i}"));
    }
    let unsigned = alice.log_call_brought_in(poisoned, "brought in from Dana's export");
    // A refusal Bob kept from an earlier session, of a file that settles in this one: it
    // must end with the settling.
    let earlier = casebook_sync::record::FileRecord {
        refused: Some(casebook_sync::record::RefusalRecord {
            reason: "an earlier refusal".into(),
            by: RefusedBy::ThisNode,
            at_ms: 1,
        }),
        ..Default::default()
    };
    bob.node
        .store()
        .update(|txn| {
            txn.put_sync_state(
                &alice.node.node_id(),
                healthy[0],
                &casebook_sync::record::encode(&earlier),
            )
        })
        .expect("an earlier refusal kept");
    assert_eq!(
        status_of(&bob, &alice, healthy[0]).state,
        casebook_sync::status::FileState::Refused
    );
    let poisoned_heads = bob.heads(poisoned);

    let started = std::time::Instant::now();
    let report = sync(&bob, &alice)
        .await
        .expect("the session completes despite the refusal");
    eprintln!(
        "one session: {} files received, {} refused, {} ms, {} B out, {} B in",
        report.stats.files_received,
        report.stats.refused.len(),
        started.elapsed().as_millis(),
        report.bytes_sent,
        report.bytes_received
    );
    for (i, f) in healthy.iter().enumerate() {
        assert_eq!(
            bob.heads(*f),
            alice.heads(*f),
            "healthy file {i} did not converge"
        );
    }
    assert_eq!(report.stats.files_received, healthy.len(), "{report:?}");
    assert_eq!(
        bob.heads(poisoned),
        poisoned_heads,
        "the refused file moved"
    );
    assert_eq!(
        bob.node.store().has_changes(&[unsigned]).expect("has"),
        vec![false],
        "the unsigned change is in Bob's store"
    );
    assert!(
        matches!(
            report.stats.refused.as_slice(),
            [RefusedFile { file_id, reason, refused_by: RefusedBy::ThisNode }]
                if *file_id == poisoned && reason.contains("is not signed by its claimed author")
        ),
        "{:?}",
        report.stats.refused
    );
    let err = report.nothing_refused().expect_err("a refusal is an error");
    assert!(
        matches!(&err, Error::Refused { refused, .. } if refused.len() == 1)
            && err.to_string().contains(&poisoned.to_string())
            && err
                .to_string()
                .contains("is not signed by its claimed author"),
        "{err}"
    );

    // Status on both sides: refused, by whom and why; every other file in sync.
    let at_bob = status_of(&bob, &alice, poisoned);
    assert_eq!(at_bob.state, casebook_sync::status::FileState::Refused);
    let why = at_bob.refused.as_ref().expect("a refusal");
    assert_eq!(why.refused_by, RefusedBy::ThisNode);
    assert!(why.reason.contains("is not signed by its claimed author"));
    for f in healthy {
        assert_eq!(
            status_of(&bob, &alice, *f).state,
            casebook_sync::status::FileState::InSync,
            "{f} (the earlier refusal of the first is over)"
        );
    }
    eventually("Alice's status shows the refusal", || {
        let at_alice = status_of(&alice, &bob, poisoned);
        at_alice.state == casebook_sync::status::FileState::Refused
            && at_alice.refused.as_ref().is_some_and(|r| {
                r.refused_by == RefusedBy::Peer
                    && r.reason.contains("is not signed by its claimed author")
            })
    })
    .await;
    for f in healthy {
        assert_eq!(
            status_of(&alice, &bob, *f).state,
            casebook_sync::status::FileState::InSync
        );
    }
    eventually(
        "Alice's server reports the refusal of her file by Bob",
        || {
            has_event(
                &serving,
                &[
                    "FileRefused",
                    &bob.node.node_id().to_string(),
                    &poisoned.to_string(),
                    "Peer",
                ],
            )
        },
    )
    .await;

    // The refusal is a verdict, the same on every node: the next session has nothing to do,
    // and both sides still show the file refused.
    let quiet = sync(&bob, &alice).await.expect("the session completes");
    assert_eq!(
        (quiet.stats.refused.len(), quiet.stats.files_received),
        (0, 0),
        "{quiet:?}"
    );
    assert_eq!(
        status_of(&bob, &alice, poisoned).state,
        casebook_sync::status::FileState::Refused
    );
    assert_eq!(
        status_of(&alice, &bob, poisoned).state,
        casebook_sync::status::FileState::Refused
    );
    // Once Alice changes the file again, it is offered again, and refused again: the change
    // nobody signed is still under the new one.
    alice.log_call(poisoned, "a signed call on top");
    let again = sync(&bob, &alice).await.expect("the session completes");
    assert_eq!(again.stats.refused.len(), 1, "{again:?}");
    assert_eq!(again.stats.files_received, 0, "{again:?}");
    assert_eq!(bob.heads(poisoned), poisoned_heads);
    serving.stop().await;
}

#[test]
fn a_refused_file_leaves_the_rest_of_its_batch_and_both_sessions_complete() {
    // Sans-IO: each side's whole output is delivered as one batch, so the refused file's
    // changes and the healthy file's arrive in the same batch; `Done` must still add up.
    let (alice, bob) = TestNode::trusting_pair("Alice", "Bob");
    let files = alice.shared_clients(2, &bob, "write");
    let (poisoned, healthy) = (files[0], files[1]);
    {
        let mut a = Session::new(alice.node.clone(), bob.node.node_id());
        let mut b = Session::new(bob.node.clone(), alice.node.node_id());
        pump(&mut a, &mut b);
        assert!(a.is_complete() && b.is_complete());
    }
    alice.log_call(healthy, "a signed call");
    let unsigned = alice.log_call_brought_in(poisoned, "brought in from Dana's export");
    let before = bob.heads(poisoned);
    let mut a = Session::new(alice.node.clone(), bob.node.node_id());
    let mut b = Session::new(bob.node.clone(), alice.node.node_id());
    pump(&mut a, &mut b);
    assert!(
        a.is_complete() && b.is_complete(),
        "a one-shot session with a refusal must still complete"
    );
    assert_eq!(bob.heads(healthy), alice.heads(healthy));
    assert_eq!(bob.heads(poisoned), before);
    assert_eq!(
        bob.node.store().has_changes(&[unsigned]).expect("has"),
        vec![false]
    );
    let refused = |s: &Session| {
        s.stats()
            .refused
            .iter()
            .map(|r| (r.file_id, r.refused_by))
            .collect::<Vec<_>>()
    };
    assert_eq!(refused(&b), vec![(poisoned, RefusedBy::ThisNode)]);
    assert_eq!(refused(&a), vec![(poisoned, RefusedBy::Peer)]);
    assert_eq!(
        casebook_sync::status::refusals(&bob.node, &alice.node.node_id())
            .expect("refusals")
            .into_iter()
            .map(|(f, r)| (f, r.refused_by))
            .collect::<Vec<_>>(),
        vec![(poisoned, RefusedBy::ThisNode)]
    );
}

/// The session's report names `file`, and only it, as refused by the peer for `why`.
fn assert_refused_by_peer(report: &casebook_sync::Report, file: FileId, why: &str) {
    assert!(
        matches!(
            report.stats.refused.as_slice(),
            [RefusedFile { file_id, reason, refused_by: RefusedBy::Peer }]
                if *file_id == file && reason.contains(why)
        ),
        "expected {file} refused by the peer ({why}): {report:?}"
    );
}

// ---------------------------------------------------------------------------------------
// Unshared files look exactly like missing ones (sans-IO, no network).

fn hello() -> Message {
    Message::Hello {
        version: PROTOCOL_VERSION,
        cursor: Cursor::default(),
        live: false,
    }
}

/// Replace every occurrence of the file id's bytes by a placeholder, so two answers about
/// two different files can be compared byte for byte.
fn redact(bytes: &[u8], file: FileId) -> Vec<u8> {
    let id = file.to_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i..].starts_with(&id) {
            out.extend_from_slice(b"<file id>");
            i += id.len();
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    out
}

/// One conversation's answers: each reply's encoded messages with the file id redacted, or
/// the close code the session ended with.
type Transcript = Vec<Result<Vec<u8>, u32>>;

/// A fresh session of `node` with `peer`, after the peer's `Hello`.
fn session_after_hello(node: &TestNode, peer: NodeId) -> (Session, Vec<Message>) {
    let mut session = Session::new(node.node.clone(), peer);
    let out = session.receive(vec![hello()]).expect("hello");
    (session, out)
}

/// Feed one message about `file` to a fresh session and record the answer.
fn answer(node: &TestNode, peer: NodeId, file: FileId, msg: Message) -> Transcript {
    let (mut session, _) = session_after_hello(node, peer);
    vec![
        session
            .receive(vec![msg])
            .map(|out| out.iter().flat_map(|m| redact(&m.encode(), file)).collect())
            .map_err(|e| e.code()),
    ]
}

/// Run Automerge's sync protocol for `file` between `theirs` (the peer's copy, with
/// `signatures`) and a fresh session of `node`, for up to eight rounds.
fn converse(
    node: &TestNode,
    peer: NodeId,
    file: FileId,
    theirs: &Automerge,
    signatures: &[WireSignature],
) -> Transcript {
    let (mut session, _) = session_after_hello(node, peer);
    let mut doc = theirs.clone();
    let mut state = State::new();
    let mut transcript = Vec::new();
    for _ in 0..8 {
        let Some(msg) = doc.generate_sync_message(&mut state) else {
            break;
        };
        let sent = Message::Sync {
            file: file.to_bytes(),
            message: msg.encode(),
            signatures: signatures.to_vec(),
        };
        match session.receive(vec![sent]) {
            Ok(out) => {
                transcript.push(Ok(out
                    .iter()
                    .flat_map(|m| redact(&m.encode(), file))
                    .collect()));
                for m in out {
                    if let Message::Sync {
                        file: f, message, ..
                    } = m
                        && f == file.to_bytes()
                    {
                        let am = AmMessage::decode(&message).expect("decodable answer");
                        doc.receive_sync_message(&mut state, am)
                            .expect("usable answer");
                    }
                }
            }
            Err(e) => {
                transcript.push(Err(e.code()));
                break;
            }
        }
    }
    transcript
}

/// The smallest file id above `id` (byte-wise order), for a range holding `id` alone.
fn just_after(mut id: [u8; 16]) -> [u8; 16] {
    for b in id.iter_mut().rev() {
        let (next, carry) = b.overflowing_add(1);
        *b = next;
        if !carry {
            break;
        }
    }
    id
}

fn empty_sync_message() -> Vec<u8> {
    Automerge::new()
        .generate_sync_message(&mut State::new())
        .expect("a first message")
        .encode()
}

#[test]
fn an_unshared_file_cannot_be_told_from_a_missing_one() {
    let alice = TestNode::new("Alice");
    let bob = TestNode::new("Bob");
    alice.trust(&bob, None);
    let bob_id = bob.node.node_id();
    let shared = alice.client("Shared Trading Ltd");
    alice.share(shared, &bob, "read");
    let secret_name = "Umbra Secret Holdings";
    let unshared = alice.client(secret_name);
    alice.log_call(unshared, "confidential restructuring talk");
    let missing = FileId::new();
    assert!(!alice.node.store().contains(missing).expect("contains"));
    let unshared_heads: Vec<[u8; 32]> = alice.heads(unshared).iter().map(|h| h.0).collect();
    let heads = alice.heads(unshared);
    let seq = alice.log_seq();
    // The rules that judge the shared file (Alice's organisation's) are the peer's to read
    // too, read-only: they are offered with it, and hold no client's data.
    let judge = alice
        .node
        .organisation_id()
        .expect("organisation")
        .to_bytes();

    // Hello with a cursor into Alice's log: only the shared file (and its judge) is announced.
    let epoch = alice.node.store().log_epoch().expect("epoch");
    let mut session = Session::new(alice.node.clone(), bob_id);
    let out = session
        .receive(vec![Message::Hello {
            version: PROTOCOL_VERSION,
            cursor: Cursor { epoch, seq: 0 },
            live: false,
        }])
        .expect("hello");
    let announced: BTreeSet<[u8; 16]> = out
        .iter()
        .filter_map(|m| match m {
            Message::Have { file, .. } => Some(*file),
            _ => None,
        })
        .collect();
    assert_eq!(
        announced,
        BTreeSet::from([shared.to_bytes(), judge]),
        "only the shared file and its judge are announced: {out:?}"
    );
    // First contact (no cursor): set reconciliation lists only the shared file, and a peer
    // that holds nothing is sent only the shared file.
    let (_, mut out) = session_after_hello(&alice, bob_id);
    let (mut session, _) = session_after_hello(&alice, bob_id);
    let listed_nothing = Message::Reconcile {
        lower: [0; 16],
        ranges: vec![Range {
            upper: None,
            body: RangeBody::Items(vec![]),
        }],
    };
    let sent = session.receive(vec![listed_nothing]).expect("reconcile");
    let synced: BTreeSet<[u8; 16]> = sent
        .iter()
        .filter_map(|m| match m {
            Message::Sync { file, .. } => Some(*file),
            _ => None,
        })
        .collect();
    assert_eq!(
        synced,
        BTreeSet::from([shared.to_bytes(), judge]),
        "{sent:?}"
    );
    for m in &out {
        if let Message::Reconcile { ranges, .. } = m {
            for r in ranges {
                if let RangeBody::Items(items) = &r.body {
                    assert!(
                        items
                            .iter()
                            .all(|i| i.file == shared.to_bytes() || i.file == judge),
                        "{m:?}"
                    );
                }
            }
        }
    }
    out.extend(sent);
    let wire: Vec<u8> = out.iter().flat_map(Message::encode).collect();
    assert!(!contains_bytes(&wire, &unshared.to_bytes()));
    assert!(!contains_bytes(&wire, secret_name.as_bytes()));
    for h in &unshared_heads {
        assert!(!contains_bytes(&wire, h));
    }

    // Every way of asking about a file gets the same answer for the unshared one as for one
    // that does not exist.
    type Ask<'a> = Box<dyn Fn(FileId) -> Message + 'a>;
    let cases: Vec<(&str, Ask<'_>)> = vec![
        (
            "Have without heads",
            Box::new(|f: FileId| Message::Have {
                file: f.to_bytes(),
                heads: vec![],
            }),
        ),
        (
            "Have with the unshared file's real heads",
            Box::new(|f: FileId| Message::Have {
                file: f.to_bytes(),
                heads: unshared_heads.clone(),
            }),
        ),
        (
            "a reconciliation range listing the file alone, at made-up heads",
            Box::new(|f: FileId| {
                let next = just_after(f.to_bytes());
                Message::Reconcile {
                    lower: f.to_bytes(),
                    ranges: vec![Range {
                        upper: Some(next),
                        body: RangeBody::Items(vec![Item {
                            file: f.to_bytes(),
                            digest: [7; 16],
                        }]),
                    }],
                }
            }),
        ),
        (
            "Sync from an empty document",
            Box::new(|f: FileId| Message::Sync {
                file: f.to_bytes(),
                message: empty_sync_message(),
                signatures: vec![],
            }),
        ),
        (
            "Sync asking for the unshared file's heads by hash",
            Box::new(|f: FileId| {
                let mut am = Automerge::new()
                    .generate_sync_message(&mut State::new())
                    .expect("message");
                am.need = heads.clone();
                Message::Sync {
                    file: f.to_bytes(),
                    message: am.encode(),
                    signatures: vec![],
                }
            }),
        ),
    ];
    for (what, make) in &cases {
        let for_unshared = answer(&alice, bob_id, unshared, make(unshared));
        let for_missing = answer(&alice, bob_id, missing, make(missing));
        assert_eq!(
            for_unshared, for_missing,
            "{what}: the unshared file is answered differently from a missing one"
        );
        for reply in for_unshared.iter().flatten() {
            assert!(
                !contains_bytes(reply, secret_name.as_bytes()),
                "{what}: the answer carries the client's name"
            );
        }
    }
    // A whole conversation from an empty document, too.
    let empty = Automerge::new();
    let for_unshared = converse(&alice, bob_id, unshared, &empty, &[]);
    let for_missing = converse(&alice, bob_id, missing, &empty, &[]);
    assert!(!for_unshared.is_empty());
    assert_eq!(for_unshared, for_missing, "a conversation from nothing");
    for reply in for_unshared.iter().flatten() {
        assert!(!contains_bytes(reply, secret_name.as_bytes()));
        for h in &unshared_heads {
            assert!(
                !contains_bytes(reply, h),
                "the answer names a head of the unshared file"
            );
        }
    }
    assert_eq!(alice.heads(unshared), heads);
    assert_eq!(alice.log_seq(), seq);
}

/// A copy of `file` that `bob` made up: the file's skeleton with Bob as its owner, and a
/// client created in it, signed by Bob.
fn made_up_copy(bob: &TestNode, file: FileId) -> (Automerge, Vec<WireSignature>) {
    let bob_id = bob.node.node_id();
    let mut doc = schema::new_file(file, bob_id).expect("skeleton");
    doc.set_actor(actor_of(bob_id));
    edit::create_client(
        &mut doc,
        &bob.node.edit_context(),
        &bob.node.config().expect("config"),
        &NewClient {
            name: "Planted Ltd".into(),
            ..Default::default()
        },
    )
    .expect("create");
    let signatures = doc
        .get_heads()
        .into_iter()
        .map(|hash| WireSignature {
            hash: hash.0,
            signature: bob.node.secret_key().sign(&ChangeSignature::message(&hash)),
        })
        .collect();
    (doc, signatures)
}

/// Replace each of `doc`'s change hashes in the transcript by its position in `doc`'s history.
fn redact_hashes(transcript: Transcript, doc: &Automerge) -> Transcript {
    let hashes: Vec<ChangeHash> = doc.get_changes(&[]).iter().map(|c| c.hash()).collect();
    transcript
        .into_iter()
        .map(|r| {
            r.map(|mut bytes| {
                for (i, h) in hashes.iter().enumerate() {
                    let mut out = Vec::with_capacity(bytes.len());
                    let mut j = 0;
                    while j < bytes.len() {
                        if bytes[j..].starts_with(&h.0) {
                            out.extend_from_slice(format!("<change {i}>").as_bytes());
                            j += h.0.len();
                        } else {
                            out.push(bytes[j]);
                            j += 1;
                        }
                    }
                    bytes = out;
                }
                bytes
            })
        })
        .collect()
}

#[test]
fn pushing_a_made_up_copy_cannot_tell_an_unshared_file_from_a_missing_one() {
    // Bob learnt the id of a file Alice does not share with him (say it was shared once). He
    // pushes a copy he made up under that id, and under the id of a file that does not exist:
    // Alice must answer both the same way, or the push is an existence oracle.
    let alice = TestNode::new("Alice");
    let bob = TestNode::new("Bob");
    alice.trust(&bob, None);
    let bob_id = bob.node.node_id();
    let unshared = alice.client("Umbra Secret Holdings");
    let missing = FileId::new();
    let heads = alice.heads(unshared);

    let (copy_u, sigs_u) = made_up_copy(&bob, unshared);
    let (copy_m, sigs_m) = made_up_copy(&bob, missing);
    // The two copies differ only in their file id, so their changes correspond one to one;
    // Alice's answers may echo Bob's own change hashes, which are redacted by position.
    let for_unshared = redact_hashes(
        converse(&alice, bob_id, unshared, &copy_u, &sigs_u),
        &copy_u,
    );
    let for_missing = redact_hashes(converse(&alice, bob_id, missing, &copy_m, &sigs_m), &copy_m);
    eprintln!(
        "unshared: {:?}\nmissing: {:?}\nAlice now holds the made-up missing file: {}",
        for_unshared
            .iter()
            .map(|r| r.as_ref().map(Vec::len))
            .collect::<Vec<_>>(),
        for_missing
            .iter()
            .map(|r| r.as_ref().map(Vec::len))
            .collect::<Vec<_>>(),
        alice.node.store().contains(missing).expect("contains"),
    );
    assert_eq!(
        alice.heads(unshared),
        heads,
        "the unshared file is untouched"
    );
    assert_eq!(
        for_unshared, for_missing,
        "Alice answers a made-up copy of her unshared file differently from one of a missing file"
    );
    // Both are refused the same way, the file alone: the session goes on, and the reason is
    // the one for a copy that does not share the file with Alice, whatever she holds.
    let wrong_file = casebook::authority::Refusal::WrongFile.to_string();
    assert!(
        for_unshared.iter().all(Result::is_ok),
        "the session ended: {for_unshared:?}"
    );
    assert!(
        for_unshared
            .iter()
            .flatten()
            .any(|reply| contains_bytes(reply, wrong_file.as_bytes())),
        "no refusal of the made-up copy"
    );
    assert!(!alice.node.store().contains(missing).expect("contains"));
}

// ---------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_peer_is_refused_and_gets_no_document_bytes() {
    let alice = TestNode::new("Alice");
    let mallory = TestNode::new("Mallory");
    let alice_serving = Serving::start(&alice);
    let mallory_serving = Serving::start(&mallory);

    // The file even names Mallory, from when Alice trusted her; then Alice stopped trusting her.
    alice.trust(&mallory, None);
    let acme = alice.client("Acme Ltd");
    alice.log_call(acme, "confidential");
    alice.share(acme, &mallory, "write");
    alice
        .node
        .remove_peer(&mallory.node.node_id().to_string())
        .expect("untrust");
    mallory.trust(&alice, Some(alice_serving.addr));

    let err = sync(&mallory, &alice)
        .await
        .expect_err("Alice refuses a node she does not trust");
    eprintln!("Mallory dialling Alice: {err}");
    assert_eq!(mallory.node.store().file_count().expect("count"), 0);
    assert!(!mallory.node.store().contains(acme).expect("contains"));
    let mallory_id = mallory.node.node_id().to_string();
    eventually("Alice logs the refused handshake, naming the node", || {
        has_event(&alice_serving, &["Untrusted", &mallory_id])
    })
    .await;
    assert!(
        !has_event(&alice_serving, &["Connected"]),
        "no session started: {:?}",
        alice_serving.events()
    );

    // The other way round: Alice trusts Mallory's ticket, Mallory does not trust Alice.
    let bait = mallory.client("Bait Ltd");
    mallory.share(bait, &alice, "write");
    mallory
        .node
        .remove_peer(&alice.node.node_id().to_string())
        .expect("untrust");
    alice.trust(&mallory, Some(mallory_serving.addr));
    let files = alice.node.store().file_count().expect("count");
    let seq = alice.log_seq();
    let err = sync(&alice, &mallory)
        .await
        .expect_err("Mallory refuses a node she does not trust");
    eprintln!("Alice dialling Mallory: {err}");
    assert_eq!(alice.node.store().file_count().expect("count"), files);
    assert!(!alice.node.store().contains(bait).expect("contains"));
    assert_eq!(alice.log_seq(), seq);
    let alice_id = alice.node.node_id().to_string();
    eventually(
        "Mallory logs the refused handshake, naming the node",
        || has_event(&mallory_serving, &["Untrusted", &alice_id]),
    )
    .await;
    assert!(!has_event(&mallory_serving, &["Connected"]));
    alice_serving.stop().await;
    mallory_serving.stop().await;
}

fn frame(payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    encode_frame(payload, &mut out).expect("frame");
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_truncated_and_oversized_frames_close_the_session_and_change_nothing() {
    let alice = TestNode::new("Alice");
    let bob = TestNode::new("Bob");
    let serving = Serving::start(&alice);
    alice.trust(&bob, None);
    bob.trust(&alice, Some(serving.addr));
    let alice_id = alice.node.node_id();
    let acme = alice.client("Acme Ltd");
    alice.share(acme, &bob, "write");
    alice.log_call(acme, "first call");
    let heads = alice.heads(acme);
    let seq = alice.log_seq();

    let hello = frame(&hello().encode());
    let garbage = vec![0x7f, 0xff, 0x00, 0x13, 0x37];
    assert!(Message::decode(&garbage).is_err(), "the garbage is garbage");
    let bad_automerge = vec![0x42, 0xde, 0xad, 0xbe, 0xef];
    assert!(AmMessage::decode(&bad_automerge).is_err());
    let garbage_sync = frame(
        &Message::Sync {
            file: acme.to_bytes(),
            message: bad_automerge,
            signatures: vec![],
        }
        .encode(),
    );
    let good_sync = frame(
        &Message::Sync {
            file: acme.to_bytes(),
            message: empty_sync_message(),
            signatures: vec![],
        }
        .encode(),
    );
    let mut truncated = frame(&Message::Done { seen: 0 }.encode());
    truncated.truncate(truncated.len() - 1);

    // (what, bytes, finish the stream after them)
    let cases: Vec<(&str, Vec<u8>, bool)> = vec![
        ("a frame whose payload is garbage", frame(&garbage), false),
        (
            "a length prefix above MAX_FRAME_BYTES",
            (MAX_FRAME_BYTES + 1).to_le_bytes().to_vec(),
            false,
        ),
        (
            "a length prefix of u32::MAX",
            u32::MAX.to_le_bytes().to_vec(),
            false,
        ),
        (
            "Hello, then a Sync whose Automerge message is garbage",
            [hello.clone(), garbage_sync].concat(),
            false,
        ),
        ("a Sync before Hello", good_sync, false),
        (
            "Hello, then a truncated frame and the end of the stream",
            [hello.clone(), truncated].concat(),
            true,
        ),
    ];
    let mut failures = Vec::new();
    for (what, bytes, finish) in cases {
        let endpoint = Endpoint::bind(
            bob.node.secret_key(),
            "127.0.0.1:0".parse().expect("addr"),
            Arc::new(TrustList::new([])),
        )
        .expect("bind");
        let conn = tokio::time::timeout(LIMIT, endpoint.connect(serving.addr, alice_id))
            .await
            .expect("dial in time")
            .expect("Bob is trusted");
        let (mut send, _recv) = conn.connection().open_bi().await.expect("stream");
        let _ = send.write_all(&bytes).await;
        if finish {
            let _ = send.finish();
        }
        match tokio::time::timeout(LIMIT, conn.connection().closed()).await {
            Ok(quinn::ConnectionError::ApplicationClosed(close))
                if close.error_code == quinn::VarInt::from_u32(2) =>
            {
                eprintln!(
                    "{what}: closed with code 2 ({})",
                    String::from_utf8_lossy(&close.reason)
                );
            }
            Ok(other) => failures.push(format!(
                "{what}: closed, but not as a protocol violation (code 2): {other:?}"
            )),
            Err(_) => failures.push(format!("{what}: Alice kept the connection open")),
        }
        if alice.heads(acme) != heads || alice.log_seq() != seq {
            failures.push(format!("{what}: Alice's store changed"));
        }
        endpoint.close();
    }
    assert_eq!(alice.heads(acme), heads);
    assert_eq!(alice.log_seq(), seq);
    // Alice still serves well-behaved peers.
    sync(&bob, &alice)
        .await
        .expect("a well-formed session still works");
    assert_eq!(bob.heads(acme), alice.heads(acme));
    assert!(failures.is_empty(), "{failures:#?}");
    serving.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_interrupted_sync_resumes_without_loss_or_duplication() {
    const FILES: usize = 200;
    let alice = TestNode::new("Alice");
    let bob = TestNode::new("Bob");
    let serving = Serving::start(&alice);
    alice.trust(&bob, None);
    bob.trust(&alice, Some(serving.addr));
    let alice_id = alice.node.node_id();
    let bob_id = bob.node.node_id();
    let bob_name = alice.peer(&bob).name;

    // 200 shared files, committed in one transaction (as an import does) to keep this quick.
    let files: Vec<FileId> = (0..FILES).map(|_| FileId::new()).collect();
    let ctx = alice.node.edit_context();
    alice
        .node
        .store()
        .update(|txn| {
            for (i, id) in files.iter().enumerate() {
                let mut doc = schema::new_file(*id, alice_id)?;
                doc.set_actor(actor_of(alice_id));
                edit::create_client(
                    &mut doc,
                    &ctx,
                    &alice.node.config().expect("config"),
                    &NewClient {
                        name: format!("Client {i:03}"),
                        ..Default::default()
                    },
                )?;
                edit::share(&mut doc, &ctx, bob_id, "read", &bob_name)?;
                edit::log_interaction(&mut doc, &ctx, &call("Alice", ctx.now, "intake call"))?;
                let changes = doc.get_changes(&[]);
                // Signed as Alice's own edits are: a peer refuses a change nobody signed.
                let signatures = changes
                    .iter()
                    .filter(|c| c.actor_id().to_bytes() == alice_id.as_bytes())
                    .map(|c| ChangeSignature {
                        hash: c.hash(),
                        author: alice_id,
                        signature: alice
                            .node
                            .secret_key()
                            .sign(&ChangeSignature::message(&c.hash())),
                    })
                    .collect();
                alice
                    .node
                    .store_changes_in(txn, *id, changes, Origin::Local, signatures)?;
            }
            Ok::<_, casebook::Error>(())
        })
        .expect("Alice's files");
    let total_changes: usize = files
        .iter()
        .map(|f| alice.node.change_hashes(*f).expect("hashes").len())
        .sum();

    // Start a sync and interrupt it right after the first batch that stored files. Aborting
    // the task (`JoinHandle::abort`) cannot do this: the driver only yields when no bytes are
    // buffered, and Alice sends all 200 files in one burst, so an aborted task still ran to
    // the end. Unwinding out of the progress callback drops the session there and then, as a
    // crash would, after that batch was committed.
    let (notice_tx, mut notice_rx) = tokio::sync::mpsc::unbounded_channel();
    let progress: ProgressFn = Box::new(move |p| {
        if p.stats.files_received > 0 {
            let _ = notice_tx.send(p.stats.clone());
            std::panic::resume_unwind(Box::new("interrupted mid-sync"));
        }
    });
    let node = bob.node.clone();
    let peer = bob.peer(&alice);
    let task =
        tokio::spawn(async move { casebook_sync::sync_once(node, &peer, Some(progress)).await });
    let ended = tokio::time::timeout(LIMIT, task)
        .await
        .expect("the task ends");
    assert!(
        ended.as_ref().is_err_and(|e| e.is_panic()),
        "the sync was interrupted, not finished: {ended:?}"
    );
    let at = notice_rx.try_recv().expect("a progress notice");

    // Restart Bob's node mid-sync.
    let bob = bob.reopen().await;
    let held = bob.node.store().file_count().expect("count") as usize;
    let complete = files
        .iter()
        .filter(|f| bob.heads(**f) == alice.heads(**f))
        .count();
    let changes_held: usize = bob
        .node
        .account_file_ids()
        .expect("ids")
        .iter()
        .map(|f| bob.node.change_hashes(*f).expect("hashes").len())
        .sum();
    eprintln!(
        "interrupted after {at:?}: Bob holds {held} files ({complete} complete, {changes_held} changes)"
    );
    assert!(
        held > 0 && held < FILES,
        "the interruption fell mid-sync ({held} of {FILES} files)"
    );

    let report = sync(&bob, &alice).await.expect("the sync resumes");
    eprintln!("resumed: {report:?}");
    assert_eq!(
        bob.node.store().file_count().expect("count") as usize,
        FILES
    );
    for f in &files {
        assert_eq!(bob.heads(*f), alice.heads(*f), "file {f}");
        let hashes = bob.node.change_hashes(*f).expect("hashes");
        let distinct: BTreeSet<ChangeHash> = hashes.iter().copied().collect();
        assert_eq!(hashes.len(), distinct.len(), "duplicate changes in {f}");
        let alices: BTreeSet<ChangeHash> = alice
            .node
            .change_hashes(*f)
            .expect("hashes")
            .into_iter()
            .collect();
        assert_eq!(distinct, alices, "file {f}");
    }
    assert_eq!(
        changes_held + report.stats.changes_received,
        total_changes,
        "every change stored exactly once across the two sessions"
    );
    assert_eq!(
        report.stats.files_received,
        FILES - complete,
        "the resumed session fetched only what was missing"
    );
    serving.stop().await;
}

fn connected_count(serving: &Serving, peer: NodeId) -> usize {
    let peer = peer.to_string();
    serving
        .events()
        .iter()
        .filter(|e| e.starts_with("Connected") && e.contains(&peer))
        .count()
}

fn ended_count(serving: &Serving, peer: NodeId) -> usize {
    let peer = peer.to_string();
    serving
        .events()
        .iter()
        .filter(|e| e.starts_with("Ended") && e.contains(&peer))
        .count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn untrusting_a_connected_peer_closes_its_live_session() {
    let alice = TestNode::new("Alice");
    let bob = TestNode::new("Bob");
    let alice_serving = Serving::start(&alice);
    let bob_serving = Serving::start(&bob);
    let acme = alice.client("Acme Ltd");
    alice.trust(&bob, Some(bob_serving.addr));
    bob.trust(&alice, Some(alice_serving.addr));
    alice.share(acme, &bob, "write");
    let bob_id = bob.node.node_id();

    eventually("Alice and Bob connect", || {
        connected_count(&alice_serving, bob_id) > 0
    })
    .await;
    eventually("Bob receives the file live", || {
        bob.heads(acme) == alice.heads(acme)
    })
    .await;

    alice
        .node
        .remove_peer(&bob_id.to_string())
        .expect("untrust Bob");
    let sessions = connected_count(&alice_serving, bob_id);
    eventually("every live session with Bob ends", || {
        ended_count(&alice_serving, bob_id) >= sessions
    })
    .await;
    assert!(
        has_event(
            &alice_serving,
            &["Ended", &bob_id.to_string(), "no longer trusts"]
        ),
        "{:#?}",
        alice_serving.events()
    );

    let heads = alice.heads(acme);
    let seq = alice.log_seq();
    bob.log_call(acme, "Bob's call after he was dropped");
    // Bob redials (after two seconds, then backing off) and is refused at the handshake.
    let refused_before = alice_serving
        .events()
        .iter()
        .filter(|e| e.starts_with("Untrusted"))
        .count();
    eventually("Bob's redial is refused", || {
        alice_serving
            .events()
            .iter()
            .filter(|e| e.starts_with("Untrusted"))
            .count()
            > refused_before
    })
    .await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(alice.heads(acme), heads, "Bob's change reached Alice");
    assert_eq!(alice.log_seq(), seq);
    assert_ne!(bob.heads(acme), heads);
    assert_eq!(
        connected_count(&alice_serving, bob_id),
        sessions,
        "no new session with Bob: {:#?}",
        alice_serving.events()
    );
    alice_serving.stop().await;
    bob_serving.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unsharing_takes_effect_on_a_live_session() {
    let alice = TestNode::new("Alice");
    let bob = TestNode::new("Bob");
    let alice_serving = Serving::start(&alice);
    let bob_serving = Serving::start(&bob);
    alice.trust(&bob, Some(bob_serving.addr));
    bob.trust(&alice, Some(alice_serving.addr));
    let soon_private = alice.client("Soon Private Ltd");
    let still_shared = alice.client("Still Shared Ltd");
    alice.share(soon_private, &bob, "read");
    alice.share(still_shared, &bob, "read");

    eventually("Bob receives both files live", || {
        bob.heads(soon_private) == alice.heads(soon_private)
            && bob.heads(still_shared) == alice.heads(still_shared)
    })
    .await;
    alice.log_call(soon_private, "live edit while shared");
    eventually("a live edit reaches Bob", || {
        bob.heads(soon_private) == alice.heads(soon_private)
    })
    .await;

    let last_change = |n: &TestNode, f: FileId| {
        *n.node
            .change_hashes(f)
            .expect("hashes")
            .last()
            .expect("a change")
    };
    alice
        .node
        .unshare(soon_private, "Bob (laptop)")
        .expect("unshare");
    let unshare_change = last_change(&alice, soon_private);
    alice.log_call(soon_private, "secret: after unsharing");
    let secret_change = last_change(&alice, soon_private);
    alice.log_call(still_shared, "still shared edit");
    eventually("an edit of the still-shared file reaches Bob", || {
        bob.heads(still_shared) == alice.heads(still_shared)
    })
    .await;
    // Whatever was going to be sent of the other file would have been sent by now; give it
    // a little longer anyway.
    tokio::time::sleep(Duration::from_secs(1)).await;
    let held = bob
        .node
        .store()
        .has_changes(&[unshare_change, secret_change])
        .expect("has");
    eprintln!(
        "Bob holds the unsharing change: {}, the edit made after it: {}",
        held[0], held[1]
    );
    assert!(
        !held[1],
        "Bob received the edit Alice made after unsharing the file: {:#?}",
        alice_serving.events()
    );
    let view = bob.node.read(soon_private).expect("read");
    assert!(
        !view
            .interactions
            .values()
            .any(|i| i.summary.starts_with("secret")),
        "Bob's copy holds the edit made after unsharing"
    );
    eprintln!("Alice's events: {:#?}", alice_serving.events());
    alice_serving.stop().await;
    bob_serving.stop().await;
}

#[test]
fn a_file_in_play_when_it_is_unshared_sends_nothing_more() {
    // The live test above, replayed without a network so the interleaving is fixed: Alice's
    // session has the file in play (it sent Bob her latest change and waits for his answer)
    // when she unshares it and edits it again; then Bob's answer arrives.
    let (alice, bob) = TestNode::trusting_pair("Alice", "Bob");
    let (alice_id, bob_id) = (alice.node.node_id(), bob.node.node_id());
    let file = alice.client("Soon Private Ltd");
    alice.share(file, &bob, "read");
    {
        let mut a = Session::new(alice.node.clone(), bob_id);
        let mut b = Session::new(bob.node.clone(), alice_id);
        pump(&mut a, &mut b);
    }
    assert_eq!(bob.heads(file), alice.heads(file));
    alice.log_call(file, "live edit while shared");

    let mut a = Session::new(alice.node.clone(), bob_id);
    let mut b = Session::new(bob.node.clone(), alice_id);
    let hello_a = a.start().expect("start");
    let hello_b = b.start().expect("start");
    let from_b = b.receive(hello_a).expect("Bob gets Hello");
    let from_a = a.receive(hello_b).expect("Alice gets Hello");
    assert_eq!(kinds(&from_a), ["Have", "HaveEnd"]);
    let from_b = [from_b, b.receive(from_a).expect("Bob gets the Have")].concat();
    assert!(kinds(&from_b).contains(&"Sync"), "{:?}", kinds(&from_b));
    let from_a = a.receive(from_b).expect("Alice gets Bob's Sync");
    assert!(kinds(&from_a).contains(&"Sync"), "{:?}", kinds(&from_a));
    let from_b = b.receive(from_a).expect("Bob gets the live edit");
    assert_eq!(
        bob.heads(file),
        alice.heads(file),
        "the live edit reached Bob"
    );
    assert_eq!(
        a.files_in_play(),
        1,
        "Alice waits for Bob's answer about the file"
    );

    // Now Alice unshares the file and edits it again, before Bob's answer arrives.
    alice.node.unshare(file, "Bob (laptop)").expect("unshare");
    alice.log_call(file, "secret: after unsharing");
    let secret = *alice
        .node
        .change_hashes(file)
        .expect("hashes")
        .last()
        .expect("a change");
    let bobs_copy = bob.heads(file);
    match a.receive(from_b) {
        Err(end) => eprintln!("Alice ends the session: {end} (code {})", end.code()),
        Ok(out) => {
            let carrying: Vec<&str> = out
                .iter()
                .filter_map(|m| match m {
                    Message::Sync {
                        file: f, message, ..
                    } if *f == file.to_bytes()
                        && !AmMessage::decode(message)
                            .expect("decodable")
                            .changes
                            .is_empty() =>
                    {
                        Some("Sync with changes")
                    }
                    _ => None,
                })
                .collect();
            eprintln!(
                "Alice answers {:?}; of the unshared file: {carrying:?}",
                kinds(&out)
            );
            // Whatever Alice sent, Bob takes it (his session may end; that is fine).
            let _ = b.receive(out);
            let bob_has_it = bob
                .node
                .store()
                .has_changes(&[secret])
                .expect("has")
                .iter()
                .any(|h| *h);
            assert!(
                carrying.is_empty(),
                "Alice sent changes of a file she no longer shares with Bob; Bob now holds \
                 the edit she made after unsharing: {bob_has_it}"
            );
        }
    }
    assert_eq!(bob.heads(file), bobs_copy, "Bob's copy moved");
    assert!(
        !bob.node
            .store()
            .has_changes(&[secret])
            .expect("has")
            .iter()
            .any(|h| *h),
        "Bob holds the edit Alice made after unsharing"
    );
}

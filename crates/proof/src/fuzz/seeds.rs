//! Seed inputs for every target, made from real encodings: sessions between the fixture's two
//! real nodes, recorded from Alice's side, their account files exported, real CSV and JSON.
//!
//! The fixture is the same in every process (see [`super::world`]), so the recorded `Sync`
//! messages carry changes and signatures that are valid against the fixture the fuzzer runs:
//! the seeds reach the code that checks, stores and answers real changes.
//!
//! Written to `crates/fuzz/seeds/<target>/` by
//! `cargo test -p casebook-proof --test fuzz_regressions -- --ignored write_seeds`.

use casebook::FileId;
use casebook::limits::PROTOCOL_VERSION;
use casebook_proto::{Cursor, Item, Message, Range, RangeBody};
use casebook_sync::record::{self, PeerRecord};
use casebook_sync::{Session, reconcile};

use super::world::{self, A1, A2, A3, B1, B2, Who, World, pump};
use super::{Violation, encode_stream};

/// One seed: its target, a file name, the bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Seed {
    /// The target it is for.
    pub target: &'static str,
    /// Its file name in the target's seed directory.
    pub name: String,
    /// The input.
    pub bytes: Vec<u8>,
}

/// Which side(s) forgot the other's cursor before a recorded session.
#[derive(Clone, Copy, Debug)]
enum Forget {
    /// Nobody: a reconnect, announcements by cursor.
    Nobody,
    /// Alice: Bob sees a void cursor and reconciles.
    Alice,
    /// Both: first contact on both sides.
    Both,
}

/// Record a session from the pristine images: Alice's batches to Bob, Hello first.
fn record_session(world: &World, forget: Forget) -> Result<Vec<Vec<Message>>, Violation> {
    let (_alice_dir, alice) = world.open_copy(Who::Alice)?;
    let (_bob_dir, bob) = world.open_copy(Who::Bob)?;
    let blank = record::encode(&PeerRecord::default());
    let forget_on = |node: &casebook::Node, peer: &casebook::NodeId| {
        node.store()
            .update(|txn| txn.put_cursor(peer, &blank))
            .map_err(Violation::local("forget a cursor"))
    };
    if matches!(forget, Forget::Alice | Forget::Both) {
        forget_on(&alice, &world.bob)?;
    }
    if matches!(forget, Forget::Both) {
        forget_on(&bob, &world.alice)?;
    }
    let mut a = Session::new(alice, world.bob);
    let mut b = Session::new(bob, world.alice);
    pump(&mut a, &mut b)
}

/// The session target's input for recorded batches: the largest batch size, and an empty
/// frame after each batch so the batches arrive as recorded.
pub fn session_input(batches: &[Vec<Message>]) -> Vec<u8> {
    let mut out = vec![u8::MAX];
    for batch in batches {
        out.extend(encode_stream(batch));
        out.extend_from_slice(&0u32.to_le_bytes());
    }
    out
}

/// The batches up to and including the one holding Alice's `HaveEnd`.
fn first_flight(batches: &[Vec<Message>]) -> Vec<Message> {
    let mut out = Vec::new();
    for batch in batches {
        out.extend(batch.iter().cloned());
        if batch.iter().any(|m| matches!(m, Message::HaveEnd { .. })) {
            break;
        }
    }
    out
}

fn with_flag(flag: u8, bytes: Vec<u8>) -> Vec<u8> {
    let mut out = vec![flag];
    out.extend(bytes);
    out
}

fn csv_seeds() -> Vec<(String, Vec<u8>)> {
    let clients = "name,postcode,company_number,segments,lead,intake_date,source\n\
                   One Ltd,AA1 1AA,11111111,growth;export,Liz Lead,2026-01-02,Web\n\
                   \"Two, Partners\",BB1 1BB,,,,02/03/2026,\n\
                   Three Ltd,,,,,,\n";
    let duplicate = "name,postcode,company_number\n\
                     Cardiff Cycles,CF4 1AA,00000004\n\
                     New Ltd,ZZ1 1ZZ,\n";
    let interactions = "client,at,kind,direction,purpose,minutes,their_attendees,summary\n\
                        Cardiff Cycles,2026-05-01 10:30,call,outbound,introduction,15,Olga;Oscar,Intro\n\
                        Dee Dairy,2026-05-02,meeting,inbound,issues,45,,\n\
                        Afon Valley,2026-05-03T08:00:00Z,email,inbound,progress-review,,,\n";
    let bad_rows = "client,at,kind,direction,purpose\n\
                    Cardiff Cycles,yesterday,telepathy,sideways,fun\n\
                    Nobody Ltd,2026-05-02,call,outbound,issues\n";
    vec![
        ("clients.csv".into(), with_flag(0, clients.into())),
        (
            "clients-duplicate.csv".into(),
            with_flag(0, duplicate.into()),
        ),
        (
            "clients-duplicate-skipped.csv".into(),
            with_flag(3, duplicate.into()),
        ),
        ("interactions.csv".into(), with_flag(1, interactions.into())),
        ("interactions-bad.csv".into(), with_flag(1, bad_rows.into())),
    ]
}

/// Every seed of every target.
///
/// # Errors
/// Fixture failures.
pub fn generate() -> Result<Vec<Seed>, Violation> {
    let world = World::build()?;
    let mut seeds = Vec::new();
    let mut add = |target: &'static str, name: &str, bytes: Vec<u8>| {
        seeds.push(Seed {
            target,
            name: name.to_string(),
            bytes,
        });
    };

    let recordings = [
        ("reconnect", record_session(&world, Forget::Nobody)?),
        ("lost-cursor", record_session(&world, Forget::Alice)?),
        ("first-contact", record_session(&world, Forget::Both)?),
    ];

    for (name, batches) in &recordings {
        // session: the whole recording, batch by batch.
        add("session", &format!("{name}.bin"), session_input(batches));
        // handshake: the first flight, with and without Bob's Hello sent first.
        let flight = encode_stream(&first_flight(batches));
        add(
            "handshake",
            &format!("{name}.bin"),
            with_flag(1, flight.clone()),
        );
        add(
            "handshake",
            &format!("{name}-hello-in-reply.bin"),
            with_flag(0, flight),
        );
    }
    let (_, reconnect) = &recordings[0];
    let all: Vec<Message> = reconnect.iter().flatten().cloned().collect();
    // session: the reconnect again, all at once in one batch, and one message per batch.
    let mut whole = vec![u8::MAX];
    whole.extend(encode_stream(&all));
    add("session", "reconnect-one-batch.bin", whole);
    let mut single = vec![0];
    single.extend(encode_stream(&all));
    add("session", "reconnect-one-per-batch.bin", single);

    // Alice opening a reconciliation (in the recordings Bob opens it: the lower node id
    // does): her items listed, and the same as a fingerprint and a list.
    let (_alice_dir, alice) = world.open_copy(Who::Alice)?;
    let mut items = Vec::new();
    for file in [A1, A2, A3, B1] {
        let heads = alice
            .store()
            .heads(FileId::from_bytes(file))
            .map_err(Violation::local("heads"))?
            .unwrap_or_default();
        items.push(reconcile::item(FileId::from_bytes(file), &heads));
    }
    items.sort();
    let split = [0xA3; 16];
    let (below, above): (Vec<Item>, Vec<Item>) = items.iter().partition(|i| i.file < split);
    let (count, fingerprint) = reconcile::fingerprint(&below);
    let listed = Message::Reconcile {
        lower: [0; 16],
        ranges: reconcile::describe(&items, None),
    };
    let fingerprinted = Message::Reconcile {
        lower: [0; 16],
        ranges: vec![
            Range {
                upper: Some(split),
                body: RangeBody::Fingerprint { count, fingerprint },
            },
            Range {
                upper: None,
                body: RangeBody::Items(above),
            },
        ],
    };
    let alice_log = alice
        .store()
        .log_seq()
        .map_err(Violation::local("log_seq"))?;
    let void_hello = Message::Hello {
        version: PROTOCOL_VERSION,
        cursor: Cursor::default(),
        live: false,
    };
    let have_end = Message::HaveEnd {
        upto: Cursor {
            epoch: world::ALICE_EPOCH,
            seq: alice_log,
        },
    };
    for (name, m) in [("listed", &listed), ("fingerprinted", &fingerprinted)] {
        let flight = [void_hello.clone(), m.clone(), have_end.clone()];
        add("message", &format!("reconcile-{name}.bin"), m.encode());
        add(
            "handshake",
            &format!("alice-reconciles-{name}.bin"),
            with_flag(1, encode_stream(&flight)),
        );
        add(
            "session",
            &format!("alice-reconciles-{name}.bin"),
            session_input(&[flight.to_vec()]),
        );
    }

    // handshake: protocol breaches.
    let hello = Message::Hello {
        version: PROTOCOL_VERSION,
        cursor: Cursor::default(),
        live: false,
    };
    let wrong_version = Message::Hello {
        version: PROTOCOL_VERSION.wrapping_add(1),
        cursor: Cursor::default(),
        live: false,
    };
    let have_first = Message::Have {
        file: B1,
        heads: Vec::new(),
    };
    add(
        "handshake",
        "wrong-version.bin",
        with_flag(1, encode_stream(&[wrong_version])),
    );
    add(
        "handshake",
        "have-before-hello.bin",
        with_flag(1, encode_stream(&[have_first, hello.clone()])),
    );
    add(
        "handshake",
        "two-hellos.bin",
        with_flag(1, encode_stream(&[hello.clone(), hello])),
    );

    // message and session: Alice refuses Bob's changes to his shared file, and tells him of
    // a refusal of a file he never offered (the recordings hold no refusal: both nodes sign
    // every change). These bytes do not depend on the fixture.
    let refused = |file: [u8; 16]| Message::Refused {
        file,
        reason: format!(
            "change {} is not signed by its claimed author",
            "0f".repeat(32)
        ),
    };
    add("message", "refused.bin", refused(B1).encode());
    add(
        "session",
        "alice-refuses.bin",
        session_input(&[vec![void_hello.clone(), refused(B1), refused(A1)]]),
    );

    // message: one of each kind from the recordings (the largest Sync of each file).
    let mut picked: Vec<(String, Message)> = Vec::new();
    for (rec, batches) in &recordings {
        for m in batches.iter().flatten() {
            let name = match m {
                Message::Sync { file, .. } => {
                    format!("{rec}-sync-{}", FileId::from_bytes(*file).short())
                }
                other => format!("{rec}-{}", other.kind().to_lowercase()),
            };
            match picked.iter_mut().find(|(n, _)| *n == name) {
                Some((_, old)) if old.encode().len() < m.encode().len() => *old = m.clone(),
                Some(_) => {}
                None => picked.push((name, m.clone())),
            }
        }
    }
    for (name, m) in &picked {
        add("message", &format!("{name}.bin"), m.encode());
    }

    // frame: a recorded stream whole and in chunks; an oversized prefix; a truncated frame.
    let stream = encode_stream(&all);
    add("frame", "reconnect.bin", with_flag(0, stream.clone()));
    let mut chunked = vec![4, 0, 2, 6, 200];
    chunked.extend(&stream);
    add("frame", "reconnect-chunked.bin", chunked);
    let mut oversized = vec![1, 2];
    oversized.extend(
        (casebook::limits::MAX_FRAME_BYTES + 1)
            .to_le_bytes()
            .iter()
            .copied(),
    );
    oversized.extend([0u8; 8]);
    add("frame", "oversized.bin", oversized);
    let cut = stream
        .get(..stream.len().min(37))
        .unwrap_or_default()
        .to_vec();
    add("frame", "truncated.bin", with_flag(0, cut));

    // document and import: the real exports and files.
    let (_bob_dir, bob) = world.open_copy(Who::Bob)?;
    let export = |node: &casebook::Node, file: [u8; 16]| {
        node.export_automerge(FileId::from_bytes(file))
            .map_err(Violation::local("export"))
    };
    let a1 = export(&alice, A1)?;
    let a3 = export(&alice, A3)?;
    let b2 = export(&bob, B2)?;
    add("document", "a1-merge.automerge", with_flag(0, a1.clone()));
    add("document", "a1-merge-into-a1.automerge", with_flag(1, a1));
    add("document", "a3-import.automerge", with_flag(2, a3.clone()));
    add("document", "a3-merge-into-a1.automerge", with_flag(1, a3));
    add("document", "b2-import-again.automerge", with_flag(2, b2));

    for (name, bytes) in csv_seeds() {
        add("import", &name, bytes);
    }
    let account = bob
        .read(FileId::from_bytes(B2))
        .map_err(Violation::local("read B2"))?;
    let existing =
        serde_json::to_string_pretty(&account).map_err(Violation::local("account JSON"))?;
    let mut fresh = account;
    fresh.file_id = FileId::from_bytes([0xC3; 16]).to_string();
    fresh.profile.name = "Fresh Fields Ltd".into();
    let fresh = serde_json::to_string_pretty(&fresh).map_err(Violation::local("account JSON"))?;
    add(
        "import",
        "account-new.json",
        with_flag(2, fresh.into_bytes()),
    );
    add(
        "import",
        "account-already-here.json",
        with_flag(2, existing.into_bytes()),
    );
    Ok(seeds)
}

/// Whether `bytes` differ from the seed the target directory already holds at `path` (so the
/// generator rewrites only what changed).
pub fn differs(path: &std::path::Path, bytes: &[u8]) -> bool {
    std::fs::read(path).map_or(true, |old| old != bytes)
}

//! The fuzz targets as ordinary tests: every committed seed (`crates/fuzz/seeds/<target>/`) and
//! every committed crasher (`crates/fuzz/regressions/<target>/`) is replayed through its
//! target, and a few hundred seeded mutations of the seeds run too, so `cargo test --workspace`
//! keeps every finding fixed without cargo-fuzz. See docs/testing.md, "Fuzzing".
//!
//! The seeds are written by `write_seeds` (ignored; run it by hand after changing the fixture or
//! the wire format):
//! `cargo test -p casebook-proof --test fuzz_regressions -- --ignored write_seeds`.

use std::path::{Path, PathBuf};
use std::time::Instant;

use casebook_proof::fuzz::{self, TARGETS, Target};
use casebook_proof::report::{count, print, seconds};
use casebook_proof::rng::Rng;

/// `crates/fuzz`.
fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz")
}

/// The files of `crates/fuzz/<kind>/<target>/`, sorted (none if the directory is missing).
fn inputs(kind: &str, target: &str) -> Vec<PathBuf> {
    let dir = fuzz_dir().join(kind).join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.is_file())
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Run `target` on `bytes`, naming the input in the failure.
fn replay(target: &Target, what: &str, bytes: &[u8], failures: &mut Vec<String>) {
    if let Err(v) = (target.run)(bytes) {
        failures.push(format!("{} on {what}: {v}", target.name));
    }
}

#[test]
fn every_seed_and_crasher_replays_cleanly() {
    let mut failures = Vec::new();
    for target in TARGETS {
        (target.prepare)().unwrap_or_else(|v| panic!("{}: fixture: {v}", target.name));
        let started = Instant::now();
        let seeds = inputs("seeds", target.name);
        let crashers = inputs("regressions", target.name);
        let before = failures.len();
        for path in seeds.iter().chain(&crashers) {
            replay(
                target,
                &path.display().to_string(),
                &read(path),
                &mut failures,
            );
        }
        print(
            &format!("fuzz regressions, {}", target.name),
            &[
                count(seeds.len() as u64, "seeds"),
                count(crashers.len() as u64, "committed crashers"),
                count((failures.len() - before) as u64, "violations"),
                seconds(started.elapsed()),
            ],
        );
        assert!(
            !seeds.is_empty(),
            "no seeds for target {} in crates/fuzz/seeds/{}",
            target.name,
            target.name
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn mutated_seeds_keep_the_invariants() {
    // A few hundred mutations per target, the same in every run: bytes flipped, cut, doubled.
    const PER_TARGET: usize = 150;
    let mut failures = Vec::new();
    for target in TARGETS {
        (target.prepare)().unwrap_or_else(|v| panic!("{}: fixture: {v}", target.name));
        let seeds: Vec<Vec<u8>> = inputs("seeds", target.name)
            .iter()
            .map(|p| read(p))
            .collect();
        let started = Instant::now();
        let mut rng = Rng::new(0xF022 ^ target.name.len() as u64);
        for i in 0..PER_TARGET {
            let mut bytes = seeds
                .get(rng.index(seeds.len()))
                .cloned()
                .unwrap_or_default();
            match rng.below(4) {
                0 => {
                    for _ in 0..=rng.below(4) {
                        let at = rng.index(bytes.len());
                        if let Some(b) = bytes.get_mut(at) {
                            *b ^= 1 << rng.below(8);
                        }
                    }
                }
                1 => bytes.truncate(rng.index(bytes.len() + 1)),
                2 => {
                    let at = rng.index(bytes.len() + 1);
                    let piece: Vec<u8> = bytes.get(at..).unwrap_or_default().to_vec();
                    bytes.extend(piece);
                }
                _ => {
                    let at = rng.index(bytes.len());
                    if let Some(b) = bytes.get_mut(at) {
                        *b = rng.below(256) as u8;
                    }
                }
            }
            replay(target, &format!("mutation {i}"), &bytes, &mut failures);
        }
        print(
            &format!("fuzz mutations, {}", target.name),
            &[
                count(PER_TARGET as u64, "mutated seeds"),
                count(failures.len() as u64, "violations so far"),
                seconds(started.elapsed()),
            ],
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn recorded_sessions_still_carry_valid_changes() {
    // The seeds were recorded in another process: the fixture rebuilt here must take their
    // changes, or the session seeds would only ever reach the refusal paths.
    let read_seed = |name: &str| read(&fuzz_dir().join("seeds/session").join(name));
    let (stats, ended) =
        fuzz::session::session_run(&read_seed("reconnect.bin")).expect("no violation");
    print(
        "fuzz seeds, recorded reconnect replayed to a fresh fixture",
        &[
            count(stats.changes_received as u64, "changes stored"),
            count(stats.files_received as u64, "files received"),
            format!("ended: {}", ended.as_deref().unwrap_or("cleanly")),
        ],
    );
    assert_eq!(ended, None);
    assert!(stats.changes_received > 0, "{stats:?}");
    let (stats, ended) =
        fuzz::session::session_run(&read_seed("first-contact.bin")).expect("no violation");
    assert_eq!(ended, None);
    assert!(
        stats.reconcile_messages > 0 && stats.changes_received > 0,
        "{stats:?}"
    );
}

#[test]
fn a_document_over_the_size_limit_is_refused_before_it_is_read() {
    // Fuzz inputs are small, so the document target never meets MAX_DOCUMENT_BYTES itself.
    let limit = usize::try_from(casebook::limits::MAX_DOCUMENT_BYTES).expect("fits");
    let mut big = std::fs::read(fuzz_dir().join("seeds/document/a1-merge.automerge"))
        .expect("seed")
        .split_off(1);
    big.resize(limit + 1, 0);
    fuzz::world::with_bob(|world, node| {
        let before = fuzz::world::StoreState::of(&node)?;
        let refused = node.merge_automerge(&big, "big.automerge", None);
        let message = refused.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(message.contains("MiB limit"), "{message}");
        assert_eq!(fuzz::world::StoreState::of(&node)?, before);
        assert_eq!(before, world.bob_state);
        Ok(())
    })
    .expect("fixture");
}

/// The first message of a recorded session seed (Alice's `Hello`, in the current wire format).
fn recorded_hello() -> casebook_proto::Message {
    let seed = read(&fuzz_dir().join("seeds/session/reconnect.bin"));
    let mut decoder = casebook_proto::codec::FrameDecoder::new();
    decoder.push(seed.get(1..).unwrap_or_default());
    let frame = decoder
        .next_frame()
        .expect("a frame")
        .expect("a whole frame");
    casebook_proto::Message::decode(&frame).expect("Alice's Hello")
}

/// Alice's recorded `Hello`, then one `Sync` of file B1 carrying `message`, to Bob's session:
/// how it ended (None: it did not), and its statistics for a failure message.
fn how_bobs_session_ends(finding: &str, message: Vec<u8>) -> (Option<String>, String) {
    let sync = casebook_proto::Message::Sync {
        file: fuzz::world::B1,
        message,
        signatures: Vec::new(),
    };
    let input = fuzz::seeds::session_input(&[vec![recorded_hello(), sync]]);
    let (stats, ended) = fuzz::session::session_run(&input).expect("no violation");
    print(
        &format!("fuzz finding, {finding}"),
        &[format!(
            "ended: {}",
            ended.as_deref().unwrap_or("not at all")
        )],
    );
    (ended, format!("{stats:?}"))
}

#[test]
fn a_bloom_filter_with_entries_but_no_bits_ends_the_session() {
    // Found by the session target: Automerge 0.12 divides by the filter's size in bits when it
    // checks which of its changes the peer has, so a filter that claims entries but carries no
    // bits (num_bits_per_entry 0) made Bob's session panic (in release builds too).
    let bad_bloom = [
        0x42, // a V1 sync message
        0,    // no heads
        0,    // nothing needed
        1,    // one "have":
        0,    //   no last-sync heads,
        3, 1, 0, 7, //   a 3-byte Bloom filter: 1 entry, 0 bits per entry, 7 probes, no bits
        0, // no changes
    ];
    let (ended, stats) = how_bobs_session_ends("Bloom filter without bits", bad_bloom.to_vec());
    assert!(
        ended.as_deref().is_some_and(|e| e.contains("Bloom")),
        "{ended:?} {stats}"
    );
}

#[test]
fn a_change_chunk_that_makes_automerge_panic_ends_the_session() {
    // The document target found bytes that make Automerge 0.12 panic while it reads them (a
    // truncated number in a bundle chunk). A peer can send the same chunk as a "change" in a
    // Sync message: Bob's session must end with a protocol error, not panic.
    let file = read(
        &fuzz_dir().join("regressions/document/automerge-panics-on-a-truncated-number-in-a-bundle"),
    );
    let chunk = file.get(1..).unwrap_or_default();
    let (ended, stats) = how_bobs_session_ends(
        "change chunk that makes Automerge panic",
        sync_message_carrying(&[chunk]),
    );
    assert!(
        ended.as_deref().is_some_and(|e| e.contains("Automerge")),
        "{ended:?} {stats}"
    );
}

#[test]
fn a_change_that_inflates_past_the_limit_ends_the_session() {
    // A compressed change chunk of 40 KiB that inflates to 40 MiB: Automerge 0.12 inflates
    // such a chunk without any limit, so a peer could send one that inflates to 8 GiB in one
    // frame. Bob's session must refuse it before Automerge reads it.
    let file = read(
        &fuzz_dir()
            .join("regressions/document/a-compressed-change-of-40-kib-that-inflates-to-40-mib"),
    );
    let chunk = file.get(1..).unwrap_or_default();
    // Automerge joins a message's changes before it reads them, so the same chunk cut in two
    // "changes" is read as one: it must be refused all the same.
    let (head, tail) = chunk.split_at(chunk.len() / 2);
    for (how, parts) in [("whole", vec![chunk]), ("cut in two", vec![head, tail])] {
        let (ended, stats) = how_bobs_session_ends(
            &format!("change that inflates to 40 MiB, {how}"),
            sync_message_carrying(&parts),
        );
        assert!(
            ended
                .as_deref()
                .is_some_and(|e| e.contains("inflate to more than 32 MiB")),
            "{how}: {ended:?} {stats}"
        );
    }
}

/// An Automerge V1 sync message with no heads, needs or haves, carrying `changes`.
fn sync_message_carrying(changes: &[&[u8]]) -> Vec<u8> {
    fn leb(out: &mut Vec<u8>, mut n: usize) {
        while n >= 0x80 {
            out.push(u8::try_from(n & 0x7f).expect("seven bits") | 0x80);
            n >>= 7;
        }
        out.push(u8::try_from(n).expect("seven bits"));
    }
    let mut message = vec![0x42, 0, 0, 0];
    leb(&mut message, changes.len());
    for change in changes {
        leb(&mut message, change.len());
        message.extend_from_slice(change);
    }
    message
}

#[test]
fn a_document_whose_column_claims_millions_of_items_is_refused_before_it_is_read() {
    // Found by the document target once chunks got valid checksums: a 1,357-byte account file
    // whose delta-coded change column claims tens of millions of items, which Automerge 0.12
    // collects into a vector (it asked for 128 MiB; a few more bytes could claim billions).
    let file = read(&fuzz_dir().join(
        "regressions/document/automerge-asks-for-128-mib-for-a-delta-column-of-a-1-kib-document",
    ));
    assert!(file[0] & 0x80 != 0, "an input with valid checksums");
    let bytes = fuzz::document::with_valid_checksums(&file[1..]);
    assert!(matches!(
        casebook::guard::check_chunks(&bytes, casebook::limits::MAX_INFLATED_BYTES),
        Err(casebook::guard::ChunkRefusal::TooManyItems { .. })
    ));
}

#[test]
fn the_document_target_can_give_mutated_chunks_valid_checksums() {
    use casebook::automerge::{AutoCommit, ROOT, transaction::Transactable};
    let mut doc = AutoCommit::new();
    doc.put(ROOT, "rag", "amber").expect("put");
    let mut bytes = doc.save();
    bytes.extend(
        doc.get_changes(&[])
            .iter()
            .flat_map(|c| c.raw_bytes().to_vec()),
    );
    // A mutated byte in a body, as a fuzzer writes: Automerge refuses the checksum.
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    let refused = casebook::automerge::Automerge::load(&bytes).expect_err("a wrong checksum");
    assert!(refused.to_string().contains("checksum"), "{refused}");
    let fixed = fuzz::document::with_valid_checksums(&bytes);
    assert_eq!(fixed.len(), bytes.len());
    match casebook::automerge::Automerge::load(&fixed) {
        Ok(_) => {}
        Err(e) => assert!(!e.to_string().contains("checksum"), "{e}"),
    }
}

#[test]
#[ignore = "writes crates/fuzz/seeds; run by hand after changing the fixture or the wire format"]
fn write_seeds() {
    let seeds = fuzz::seeds::generate().expect("seeds");
    let mut written = 0u64;
    for seed in &seeds {
        let dir = fuzz_dir().join("seeds").join(seed.target);
        std::fs::create_dir_all(&dir).expect("seed directory");
        let path = dir.join(&seed.name);
        if fuzz::seeds::differs(&path, &seed.bytes) {
            std::fs::write(&path, &seed.bytes).expect("write seed");
            written += 1;
        }
    }
    print(
        "fuzz seeds",
        &[
            count(seeds.len() as u64, "seeds"),
            count(written, "written"),
            format!(
                "{} bytes in all",
                seeds.iter().map(|s| s.bytes.len()).sum::<usize>()
            ),
        ],
    );
}

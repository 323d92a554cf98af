//! Two item sets reconciled against each other in memory: every differing file is found, no
//! other, in few rounds and few bytes.

use std::collections::{BTreeMap, BTreeSet};

use casebook_proto::Message;

use super::*;

/// A small deterministic generator (splitmix64), so every case is replayable from its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn bytes16(&mut self) -> [u8; 16] {
        let mut out = [0; 16];
        out[..8].copy_from_slice(&self.next().to_le_bytes());
        out[8..].copy_from_slice(&self.next().to_le_bytes());
        out
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

fn head(rng: &mut Rng) -> ChangeHash {
    let mut h = [0; 32];
    h[..16].copy_from_slice(&rng.bytes16());
    h[16..].copy_from_slice(&rng.bytes16());
    ChangeHash(h)
}

/// Two sides' files (id → heads): `common` identical files, then `changed` of them at other
/// heads on side B, `only_a` and `only_b` files held by one side.
fn sides(
    seed: u64,
    common: usize,
    changed: usize,
    only_a: usize,
    only_b: usize,
) -> (Vec<Item>, Vec<Item>, BTreeSet<FileId>) {
    let mut rng = Rng(seed);
    let mut a = BTreeMap::new();
    let mut b = BTreeMap::new();
    let mut expected = BTreeSet::new();
    for k in 0..common {
        let file = FileId::from_bytes(rng.bytes16());
        let heads = vec![head(&mut rng), head(&mut rng)];
        a.insert(file.to_bytes(), item(file, &heads));
        if k < changed {
            b.insert(file.to_bytes(), item(file, &[head(&mut rng)]));
            expected.insert(file);
        } else {
            // The same heads in the other order: the same item.
            let reversed: Vec<ChangeHash> = heads.iter().rev().copied().collect();
            b.insert(file.to_bytes(), item(file, &reversed));
        }
    }
    for (count, side) in [(only_a, &mut a), (only_b, &mut b)] {
        for _ in 0..count {
            let file = FileId::from_bytes(rng.bytes16());
            side.insert(file.to_bytes(), item(file, &[head(&mut rng)]));
            expected.insert(file);
        }
    }
    (
        a.into_values().collect(),
        b.into_values().collect(),
        expected,
    )
}

/// Run a reconciliation opened by A; returns the files found, the messages and their bytes.
fn reconcile(a: &[Item], b: &[Item]) -> (BTreeSet<FileId>, usize, usize) {
    let mut found = BTreeSet::new();
    let mut pending = vec![([0u8; 16], describe(a, None))];
    let mut sides = [b, a];
    let (mut messages, mut bytes) = (0, 0);
    while !pending.is_empty() {
        let [to, _] = sides;
        let mut next = Vec::new();
        for (lower, ranges) in pending {
            let msg = Message::Reconcile { lower, ranges };
            let wire = msg.encode();
            messages += 1;
            bytes += wire.len();
            let Ok(Message::Reconcile { lower, ranges }) = Message::decode(&wire) else {
                panic!("a reconciliation message did not decode");
            };
            let answer = answer(to, lower, &ranges);
            found.extend(answer.differing);
            next.extend(answer.replies);
        }
        pending = next;
        sides.reverse();
        assert!(messages < 100_000, "reconciliation does not end");
    }
    (found, messages, bytes)
}

#[test]
fn identical_sets_cost_one_message() {
    let (a, b, expected) = sides(1, 10_000, 0, 0, 0);
    assert!(expected.is_empty());
    let (found, messages, bytes) = reconcile(&a, &b);
    println!("10,000 equal files: {messages} message, {bytes} bytes");
    assert!(found.is_empty());
    assert_eq!(messages, 1);
    assert!(bytes < 1_000, "{bytes} bytes for 10,000 equal files");
}

#[test]
fn every_differing_file_is_found_and_no_other() {
    for seed in 0..40 {
        let mut rng = Rng(seed ^ 0xCA5E);
        let common = usize::try_from(rng.below(3_000)).unwrap_or(0);
        let changed = usize::try_from(rng.below(40)).unwrap_or(0).min(common);
        let only_a = usize::try_from(rng.below(40)).unwrap_or(0);
        let only_b = usize::try_from(rng.below(40)).unwrap_or(0);
        let (a, b, expected) = sides(seed, common, changed, only_a, only_b);
        let (found, _, _) = reconcile(&a, &b);
        assert_eq!(
            found, expected,
            "seed {seed}: {common} common, {changed} changed, {only_a} only on A, {only_b} only on B"
        );
    }
}

#[test]
fn an_empty_side_learns_everything() {
    let (a, _, _) = sides(7, 5_000, 0, 0, 0);
    let (found, messages, _) = reconcile(&a, &[]);
    assert_eq!(found.len(), 5_000);
    // A's sixteen fingerprints, B's sixteen empty lists.
    assert_eq!(messages, 17);
    let (found, _, _) = reconcile(&[], &a);
    assert_eq!(found.len(), 5_000);
}

#[test]
fn a_few_differences_among_many_files_cost_little() {
    let (a, b, expected) = sides(3, 10_000, 100, 0, 0);
    let (found, messages, bytes) = reconcile(&a, &b);
    println!("100 differences among 10,000 files: {messages} messages, {bytes} bytes");
    assert_eq!(found, expected);
    // Announcing every file would cost about 50 bytes each.
    assert!(
        bytes < 10_000 * 50 / 4,
        "{bytes} bytes in {messages} messages for 100 differences among 10,000 files"
    );
}

//! Suite 2 of the storage proofs: torn writes.
//!
//! The standard workload runs once on a recording disk (the extended tier adds three more).
//! Each image is a power cut during one of its syncs: everything the previous sync made
//! durable is there, and each sector's share of every write issued since is independently
//! applied, dropped or filled with garbage (512- or 4096-byte sectors, changing mixes of the
//! three fates). The image is opened as a restarted node would and checked against the
//! journal. Corruption must be reported (an error when opening), never read silently: an image
//! that opens must pass every check of the durability promise.
//!
//! redb rewrites its 320-byte header in place on every commit and assumes single-byte writes
//! are atomic; garbage in that header is outside its media model and makes the database
//! unopenable. Those images must still be refused with an error (never a panic, never a silent
//! read); the suite counts them apart, and asserts that no other image loses anything.

use std::time::Instant;

use casebook_proof::fault_backend::{self, Disk, Replay, TornModel};
use casebook_proof::rng::Rng;
use casebook_proof::verify::{self, Expectation, Outcome};
use casebook_proof::workload::{self, Recorded, Spec};
use casebook_proof::{parallel, report, tier};

/// One torn image to build and check.
#[derive(Clone, Copy, Debug)]
struct Image {
    /// Its number: the seed of its fates is derived from it.
    number: u64,
    /// Which window: 0 is before the first sync, k the writes after sync k.
    window: usize,
    model: TornModel,
}

#[derive(Debug, Default)]
struct Tally {
    images: u64,
    opened: u64,
    refused_header: u64,
    refused_before_creation: u64,
    lost: u64,
    pieces: u64,
    garbage_pieces: u64,
    dropped_pieces: u64,
    failures: Vec<String>,
}

/// The three fates in changing mixes: no garbage at all (sectors written whole or not at
/// all), a little, and much.
fn model(rng: &mut Rng) -> TornModel {
    let sector = if rng.chance(50) { 512 } else { 4096 };
    let garbage = [0, 5, 20][rng.index(3)];
    let applied = [20, 50, 80][rng.index(3)] * (100 - garbage) / 100;
    TornModel {
        sector,
        applied,
        garbage,
    }
}

fn check_chunk(chunk: &[Image], run: &Recorded, seed: u64) -> Tally {
    let key = run.script.alice_key();
    let rec = &run.recording;
    let syncs = rec.sync_points();
    let mut cache = verify::Cache::default();
    let mut replay = Replay::new(rec);
    let mut t = Tally::default();
    for img in chunk {
        // Window k: durable image at sync k (base image for k = 0), the writes up to the next
        // sync torn, the crash just before that sync completes.
        let durable = if img.window == 0 {
            0
        } else {
            syncs[img.window - 1]
        };
        let next = syncs.get(img.window).copied().unwrap_or(rec.ops.len());
        replay.advance_to(durable);
        let mut rng = Rng::new(seed ^ img.number.wrapping_mul(0x2545_f491_4f6c_dd1d));
        let (image, stats) =
            fault_backend::torn(replay.image(), &rec.ops[durable..next], img.model, &mut rng);
        let expect = Expectation::at_position(&run.journal, next);
        let where_ = format!(
            "workload {} (seed {}), torn image {} (seed {seed}): window after sync {} (positions {durable}..{next}), {:?}, {stats:?}",
            run.script.spec.name, run.script.spec.seed, img.number, img.window, img.model
        );
        t.images += 1;
        t.pieces += stats.pieces;
        t.garbage_pieces += stats.garbage;
        t.dropped_pieces += stats.dropped;
        let failures_before = t.failures.len();
        let (outcome, _) =
            verify::open_and_check(&Disk::from_image(image.clone()), &key, &expect, &mut cache);
        match outcome {
            Outcome::Opened(f) => {
                t.opened += 1;
                t.lost += f.lost;
                for p in f.problems {
                    t.failures.push(format!("{where_}: read silently: {p}"));
                }
            }
            Outcome::Refused(_) if !expect.store_acked() => t.refused_before_creation += 1,
            Outcome::Refused(_) if stats.garbage_in_header => t.refused_header += 1,
            Outcome::Refused(e) => {
                t.lost += expect.acked_writes();
                t.failures.push(format!(
                    "{where_}: refused without garbage in redb's header: {e}"
                ));
            }
            Outcome::Panicked(p) => {
                t.failures.push(format!("{where_}: opening panicked: {p}"));
            }
        }
        if failures_before == 0 && !t.failures.is_empty() {
            let name = format!("torn-{}-{}", run.script.spec.name, img.number);
            if let Some(path) = report::keep_image(&name, &image) {
                t.failures
                    .push(format!("{where_}: image kept at {}", path.display()));
            }
        }
    }
    t
}

#[test]
fn torn_writes() {
    let tier = tier::tier();
    let started = Instant::now();
    let mut specs = vec![Spec::standard()];
    if tier == tier::Tier::Extended {
        specs.extend(Spec::extended());
    }
    let total_images: u64 = tier.pick(2_000, 100_000);
    let per_spec = total_images / specs.len() as u64;
    let seed = 0x7031_7e5e;
    let mut total = Tally::default();
    let mut windows_total = 0u64;
    for spec in &specs {
        let run = workload::record(spec).expect("the workload runs on a healthy disk");
        let syncs = run.recording.sync_points();
        // Windows: before the first sync, after each sync (the last one runs to the end).
        let windows = syncs.len() + 1;
        windows_total += windows as u64;
        println!(
            "workload {}: {} calls, {} disk operations, {} syncs, ran in {}",
            spec.name,
            run.journal.len(),
            run.recording.ops.len(),
            syncs.len(),
            report::seconds(run.elapsed)
        );
        let mut rng = Rng::new(seed ^ spec.seed);
        let mut images: Vec<Image> = (0..per_spec)
            .map(|number| Image {
                number,
                window: rng.index(windows),
                model: model(&mut rng),
            })
            .collect();
        // In window order, so each worker replays the recording forwards once.
        images.sort_by_key(|i| (i.window, i.number));
        let chunks: Vec<Vec<Image>> = images
            .chunks(images.len().div_ceil(parallel::workers() * 4).max(1))
            .map(<[Image]>::to_vec)
            .collect();
        let tallies = parallel::map(&chunks, |chunk| check_chunk(chunk, &run, seed ^ spec.seed));
        for t in tallies {
            total.images += t.images;
            total.opened += t.opened;
            total.refused_header += t.refused_header;
            total.refused_before_creation += t.refused_before_creation;
            total.lost += t.lost;
            total.pieces += t.pieces;
            total.garbage_pieces += t.garbage_pieces;
            total.dropped_pieces += t.dropped_pieces;
            total.failures.extend(t.failures);
        }
    }
    report::print(
        "torn writes",
        &[
            report::count(
                specs.len() as u64,
                if specs.len() == 1 {
                    "workload"
                } else {
                    "workloads"
                },
            ),
            report::count(windows_total, "sync windows"),
            report::count(total.images, "torn images"),
            format!(
                "{} unsynced sector writes ({} dropped, {} garbage)",
                report::thousands(total.pieces),
                report::thousands(total.dropped_pieces),
                report::thousands(total.garbage_pieces)
            ),
            report::count(total.opened, "opened and checked"),
            report::count(
                total.refused_header,
                "refused as corrupt (garbage in redb's header: outside its media model, reported)",
            ),
            report::count(
                total.refused_before_creation,
                "refused before the store's creation was acknowledged",
            ),
            report::count(total.failures.len() as u64, "read silently or panicked"),
            report::count(total.lost, "acknowledged writes lost"),
            format!(
                "{} tier, {}",
                tier.name(),
                report::seconds(started.elapsed())
            ),
        ],
    );
    for f in total.failures.iter().take(20) {
        println!("FAILURE {f}");
    }
    assert!(
        total.failures.is_empty() && total.lost == 0,
        "{} failures, {} acknowledged writes lost; first: {:?}",
        total.failures.len(),
        total.lost,
        total.failures.first()
    );
}

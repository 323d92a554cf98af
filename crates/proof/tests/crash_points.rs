//! Suite 1 of the storage proofs: a crash at every sync point.
//!
//! The standard workload (and, in the extended tier, three more) runs on a recording disk under
//! redb's `StorageBackend` seam. For every `sync_data` it issued, the image a power cut there
//! leaves (everything before that sync durable, nothing after it) is opened as a restarted node
//! would and checked against the journal: the store opens, redb's integrity check passes, every
//! acknowledged write is present, the write in flight is wholly present or absent, and every
//! document loads with the heads and summary the index records. For some images (every one in
//! the extended tier) the recovery itself is crashed at each of its own sync points and the
//! result checked again.

use std::collections::{HashMap, HashSet};
use std::time::Instant;

use casebook::FileId;

use casebook_proof::fault_backend::{Disk, Recording, Replay};

use casebook_proof::verify::{self, Expectation, Outcome};
use casebook_proof::workload::{self, Journal, Script, Spec};
use casebook_proof::{parallel, report, tier};

/// One crash image to check: the durable image at `durable` (operations before it applied),
/// left by a crash at `crash`.
#[derive(Clone, Copy, Debug)]
struct Point {
    /// Index among the workload's sync points (the last one is "after the last operation").
    index: usize,
    durable: usize,
    crash: usize,
    recovery_crashes: bool,
}

#[derive(Debug, Default)]
struct Tally {
    images: u64,
    opened: u64,
    refused_before_creation: u64,
    lost: u64,
    recovery_images: u64,
    failures: Vec<String>,
}

fn check_chunk(
    chunk: &[Point],
    recording: &Recording,
    journal: &Journal,
    script: &Script,
    spec: &Spec,
) -> Tally {
    let key = script.alice_key();
    let mut cache = verify::Cache::default();
    let mut t = Tally::default();
    let mut replay = Replay::new(recording);
    for p in chunk {
        replay.advance_to(p.durable);
        let expect = Expectation::at_position(journal, p.crash);
        let image = replay.image().to_vec();
        let failures_before = t.failures.len();
        let where_ = format!(
            "workload {} (seed {}), sync point {} (durable position {}, crash before position {})",
            spec.name, spec.seed, p.index, p.durable, p.crash
        );
        let (outcome, crash_problems) = if p.recovery_crashes {
            let rc = verify::check_with_recovery_crashes(image.clone(), &key, &expect, &mut cache);
            t.recovery_images += rc.crashes.len() as u64;
            let problems = rc.crash_problems();
            (rc.outcome, problems)
        } else {
            let disk = Disk::from_image(image.clone());
            (
                verify::open_and_check(&disk, &key, &expect, &mut cache).0,
                Vec::new(),
            )
        };
        t.images += 1;
        match outcome {
            Outcome::Opened(f) => {
                t.opened += 1;
                t.lost += f.lost;
                for problem in f.problems {
                    t.failures.push(format!("{where_}: {problem}"));
                }
            }
            Outcome::Refused(e) if !expect.store_acked() => {
                // The store's creation was never acknowledged: there is nothing to open yet.
                let _ = e;
                t.refused_before_creation += 1;
            }
            Outcome::Refused(e) => {
                t.lost += expect.acked_writes();
                t.failures
                    .push(format!("{where_}: the store does not open: {e}"));
            }
            Outcome::Panicked(p) => {
                t.lost += expect.acked_writes();
                t.failures.push(format!("{where_}: opening panicked: {p}"));
            }
        }
        for problem in crash_problems {
            t.failures.push(format!("{where_}: {problem}"));
        }
        if failures_before == 0 && !t.failures.is_empty() {
            let name = format!("crash-point-{}-{}", spec.name, p.index);
            if let Some(path) = report::keep_image(&name, &image) {
                t.failures
                    .push(format!("{where_}: image kept at {}", path.display()));
            }
        }
    }
    t
}

/// Files whose log was compacted into a snapshot during the run: on the final image they hold
/// fewer incremental rows than the changes they received after their creation.
fn compacted_files(run: &workload::Recorded) -> usize {
    let rows = verify::stored_rows(run.recording.image_at(run.recording.ops.len()))
        .expect("the final image reads");
    let mut after_creation: HashMap<FileId, usize> = HashMap::new();
    let mut created: HashSet<FileId> = HashSet::new();
    for call in &run.journal {
        for (file, hashes) in &call.effect.changes {
            if created.insert(*file) {
                after_creation.insert(*file, 0);
            } else {
                *after_creation.entry(*file).or_default() += hashes.len();
            }
        }
    }
    after_creation
        .iter()
        .filter(|(file, n)| {
            rows.get(file)
                .is_some_and(|r| (r.change_rows as usize) < **n)
        })
        .count()
}

#[test]
fn every_sync_point() {
    let tier = tier::tier();
    let started = Instant::now();
    let mut specs = vec![Spec::standard()];
    if tier == tier::Tier::Extended {
        specs.extend(Spec::extended());
    }
    // Every image of the extended tier also has its recovery crashed; the quick tier does that
    // for every 25th sync point.
    let recovery_every = tier.pick(25, 1);
    let mut total = Tally::default();
    let mut syncs_total = 0u64;
    for spec in &specs {
        let run = workload::record(spec).expect("the workload runs on a healthy disk");
        let (script, recording, journal) = (&run.script, &run.recording, &run.journal);
        let syncs = recording.sync_points();
        syncs_total += syncs.len() as u64;
        let mut points: Vec<Point> = Vec::new();
        for (i, &s) in syncs.iter().enumerate() {
            let crash = syncs.get(i + 1).copied().unwrap_or(recording.ops.len());
            points.push(Point {
                index: i,
                durable: s,
                crash,
                recovery_crashes: i % recovery_every == 0,
            });
        }
        // After the last operation (the clean close): everything acknowledged.
        points.push(Point {
            index: syncs.len(),
            durable: recording.ops.len(),
            crash: recording.ops.len(),
            recovery_crashes: true,
        });
        let compacted = compacted_files(&run);
        println!(
            "workload {}: {} steps, {} calls, {} disk operations, {} syncs, {} files compacted, ran in {}",
            spec.name,
            script.len(),
            journal.len(),
            recording.ops.len(),
            syncs.len(),
            compacted,
            report::seconds(run.elapsed)
        );
        if spec.big_batch {
            assert!(compacted > 0, "the workload compacts at least one file");
        }
        let chunks: Vec<Vec<Point>> = points
            .chunks(points.len().div_ceil(parallel::workers() * 4).max(1))
            .map(<[Point]>::to_vec)
            .collect();
        let tallies = parallel::map(&chunks, |chunk| {
            check_chunk(chunk, recording, journal, script, spec)
        });
        for t in tallies {
            total.images += t.images;
            total.opened += t.opened;
            total.refused_before_creation += t.refused_before_creation;
            total.lost += t.lost;
            total.recovery_images += t.recovery_images;
            total.failures.extend(t.failures);
        }
    }
    report::print(
        "every sync point",
        &[
            report::count(
                specs.len() as u64,
                if specs.len() == 1 {
                    "workload"
                } else {
                    "workloads"
                },
            ),
            report::count(syncs_total, "sync points"),
            report::count(total.images, "crash images"),
            report::count(total.opened, "opened"),
            report::count(
                total.refused_before_creation,
                "refused before the store's creation was acknowledged",
            ),
            report::count(total.recovery_images, "crashes during recovery reopened"),
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

/// The checks have teeth: an image from before some acknowledged writes, checked as if a crash
/// had come after them, reports exactly those writes lost; a later image checked against an
/// earlier crash reports the writes it should not hold.
#[test]
fn the_verifier_notices_lost_and_unexpected_writes() {
    let run = workload::record(&Spec::small(7)).expect("the workload runs");
    let key = run.script.alice_key();
    let syncs = run.recording.sync_points();
    let mut cache = verify::Cache::default();
    let mid = syncs[syncs.len() / 2];
    let end = run.recording.ops.len();
    let early = run.recording.image_at(mid);
    let late = run.recording.image_at(end);

    let claimed = Expectation::at_position(&run.journal, end);
    let real = Expectation::at_position(&run.journal, mid);
    let should_lose = claimed.acked.len() - real.acked.len();
    let (outcome, _) = verify::open_and_check(&Disk::from_image(early), &key, &claimed, &mut cache);
    let Outcome::Opened(f) = outcome else {
        panic!("the early image opens: {outcome:?}");
    };
    let lost = f.lost;
    assert!(
        f.lost > 0 && !f.problems.is_empty(),
        "{should_lose} calls acknowledged after the image was taken must show as lost: {f:?}"
    );

    let (outcome, _) = verify::open_and_check(&Disk::from_image(late), &key, &real, &mut cache);
    let Outcome::Opened(f) = outcome else {
        panic!("the late image opens: {outcome:?}");
    };
    assert!(
        f.problems.iter().any(|p| p.contains("no call wrote")),
        "changes no acknowledged or in-flight call wrote must be reported: {f:?}"
    );
    println!(
        "verifier self-check: an image {should_lose} calls short reports {lost} acknowledged writes lost; an image ahead reports {} problems",
        f.problems.len()
    );
}

//! Suite 3 of the storage proofs: an I/O error at the N-th operation.
//!
//! A small workload with every kind of step (store creation, clients, edits, a trust change, a
//! share, incoming batches, one of which compacts a file, a configuration change) runs in
//! sessions, as the command line does: open the store, run a few calls, close it. For every
//! session and every N, the session is run again from the image it started from, with the N-th
//! operation of the disk failing: EIO on any operation or ENOSPC on writes, length changes and
//! syncs, once (transient) or from then on (persistent). Then:
//! - the call that met the error returns it: no panic, no abort;
//! - the store is poisoned: it refuses the next write with `Error::Poisoned`, whatever the
//!   disk does by then;
//! - once the disk is healthy and the store reopened, the durability promise holds, for the
//!   image as it is (a restart) and for its durable part alone (a power cut right after the
//!   error): every acknowledged write present, the failed call wholly present or absent;
//! - the reopened store accepts writes again.
//!
//! An error met while closing (redb's clean shutdown runs in `Drop`) cannot be returned; the
//! suite counts those and checks the images all the same.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::Instant;

use casebook_proof::fault_backend::{Disk, Fault, FaultKind};
use casebook_proof::verify::{self, Expectation, Outcome};
use casebook_proof::workload::{EditKind, Runner, RunnerState, Script, Spec, Step, StepError};
use casebook_proof::{parallel, report, tier};

/// A session as the healthy run left it: where it starts, and how many operations it does.
#[derive(Clone, Debug)]
struct Session {
    index: usize,
    image: Vec<u8>,
    state: RunnerState,
    ops: u64,
    space_ops: u64,
}

/// One fault run.
#[derive(Clone, Copy, Debug)]
struct Run {
    session: usize,
    fault: Fault,
}

#[derive(Debug, Default)]
struct Tally {
    runs: u64,
    errors_returned: u64,
    refused_after: u64,
    refused_poisoned: u64,
    absorbed_in_close: u64,
    absorbed_elsewhere: u64,
    not_reached: u64,
    images_checked: u64,
    reopened_writable: u64,
    lost: u64,
    failures: Vec<String>,
}

impl Tally {
    fn add(&mut self, t: Tally) {
        self.runs += t.runs;
        self.errors_returned += t.errors_returned;
        self.refused_after += t.refused_after;
        self.refused_poisoned += t.refused_poisoned;
        self.absorbed_in_close += t.absorbed_in_close;
        self.absorbed_elsewhere += t.absorbed_elsewhere;
        self.not_reached += t.not_reached;
        self.images_checked += t.images_checked;
        self.reopened_writable += t.reopened_writable;
        self.lost += t.lost;
        self.failures.extend(t.failures);
    }
}

/// Run every session once on a healthy disk, keeping where each starts.
fn sessions(script: &Script) -> Vec<Session> {
    let mut out = Vec::new();
    let mut image = Vec::new();
    let mut state = RunnerState::default();
    for (index, steps) in script.sessions.iter().enumerate() {
        let disk = Disk::from_image(image.clone());
        disk.set_fault(None);
        let mut runner = Runner::new(script, disk.clone(), state.clone());
        for step in steps {
            runner
                .run(step)
                .expect("the workload runs on a healthy disk");
        }
        let (ops, space_ops) = disk.ops_since_fault_set();
        out.push(Session {
            index,
            image,
            state,
            ops,
            space_ops,
        });
        image = disk.image();
        state = runner.state.clone();
    }
    out
}

fn panic_text(p: &(dyn std::any::Any + Send)) -> String {
    p.downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".into())
}

/// A write the store must refuse after an I/O error: an edit of the first file, or an incoming
/// batch-shaped commit when there is no file yet.
fn probe_write(runner: &Runner<'_>) -> Result<(), StepError> {
    let node = runner.node().ok_or(StepError::NotOpen)?;
    match runner.state.files.first() {
        Some(&file) => node
            .apply(file, |d, c, _| {
                casebook::edit::log_interaction(d, c, &probe_interaction(c.now))
            })
            .map(|_| ())
            .map_err(StepError::from),
        None => node
            .store()
            .set_meta("probe", b"after an I/O error")
            .map_err(StepError::from),
    }
}

fn probe_interaction(at: chrono::DateTime<chrono::Utc>) -> casebook::model::Interaction {
    casebook::model::Interaction {
        minutes: 1,
        our_attendees: Vec::new(),
        ..casebook_proof::sample::call("", at, "written after an I/O error: must be refused")
    }
}

fn one_run(script: &Script, session: &Session, run: Run, cache: &mut verify::Cache, t: &mut Tally) {
    let spec = &script.spec;
    let where_ = format!(
        "workload {} (seed {}), session {}, {} {} at operation {}",
        spec.name,
        spec.seed,
        session.index,
        if run.fault.persistent {
            "persistent"
        } else {
            "transient"
        },
        run.fault.kind.name(),
        run.fault.at
    );
    t.runs += 1;
    let disk = Disk::from_image(session.image.clone());
    disk.set_fault(Some(run.fault));
    let mut runner = Runner::new(script, disk.clone(), session.state.clone());
    let steps = &script.sessions[session.index];
    let mut failed: Option<(String, StepError)> = None;
    let mut met_in_close = false;
    for step in steps {
        let fired_before = disk.failures() > 0;
        match catch_unwind(AssertUnwindSafe(|| runner.run(step))) {
            Err(p) => {
                t.failures.push(format!(
                    "{where_}: {} panicked: {}",
                    step.describe(),
                    panic_text(p.as_ref())
                ));
                return;
            }
            Ok(Err(e)) => {
                failed = Some((step.describe(), e));
                break;
            }
            Ok(Ok(())) => {
                if matches!(step, Step::Close) && !fired_before && disk.failures() > 0 {
                    met_in_close = true;
                }
            }
        }
    }
    if disk.failures() == 0 {
        t.not_reached += 1;
        return;
    }
    match &failed {
        Some((what, e)) => {
            t.errors_returned += 1;
            // The store must refuse writes now, even on a healthy disk.
            if runner.node().is_some() {
                if !run.fault.persistent {
                    disk.set_fault(None);
                }
                match catch_unwind(AssertUnwindSafe(|| probe_write(&runner))) {
                    Err(p) => t.failures.push(format!(
                        "{where_}: after {what} failed ({e}), a write panicked: {}",
                        panic_text(p.as_ref())
                    )),
                    Ok(Ok(())) => t.failures.push(format!(
                        "{where_}: after {what} failed ({e}), the store accepted a write"
                    )),
                    Ok(Err(probe)) => {
                        t.refused_after += 1;
                        if probe.is_poisoned() {
                            t.refused_poisoned += 1;
                        } else {
                            // Refused, but not by the store's own poisoning (by redb's memory
                            // of the error, or by the disk): the store must not rely on that.
                            t.failures.push(format!(
                                "{where_}: after {what} failed ({e}), the store is not poisoned: the next write met {probe}"
                            ));
                        }
                    }
                }
            }
            if catch_unwind(AssertUnwindSafe(|| runner.drop_node())).is_err() {
                t.failures.push(format!(
                    "{where_}: closing the store after {what} failed panicked"
                ));
                return;
            }
        }
        None if met_in_close => t.absorbed_in_close += 1,
        None => t.absorbed_elsewhere += 1,
    }
    // Heal the disk, reopen, and check both images a restart or a power cut leaves.
    disk.set_fault(None);
    let journal = runner.state.journal.clone();
    let expect = Expectation::after_failure(&journal);
    let key = script.alice_key();
    let written = disk.image();
    let durable = disk.durable_image();
    let mut images = vec![("as written", written)];
    if durable != images[0].1 {
        images.push(("durable part", durable));
    }
    for (name, image) in images {
        t.images_checked += 1;
        let failures_before = t.failures.len();
        let image_disk = Disk::from_image(image.clone());
        let (outcome, _) = verify::open_and_check(&image_disk, &key, &expect, cache);
        match outcome {
            Outcome::Opened(f) => {
                t.lost += f.lost;
                for p in f.problems {
                    t.failures.push(format!("{where_}: image {name}: {p}"));
                }
                if name == "as written" {
                    // Reopened, the store takes writes again.
                    match casebook::Store::open_on(image_disk.backend())
                        .and_then(|s| s.set_meta("probe", b"after reopening"))
                    {
                        Ok(()) => t.reopened_writable += 1,
                        Err(e) => t.failures.push(format!(
                            "{where_}: image {name}: the reopened store refuses a write: {}",
                            verify::error_chain(&e)
                        )),
                    }
                }
            }
            Outcome::Refused(_) if !expect.store_acked() => {}
            Outcome::Refused(e) => {
                t.lost += expect.acked_writes();
                t.failures.push(format!(
                    "{where_}: image {name}: the store does not reopen: {e}"
                ));
            }
            Outcome::Panicked(p) => t
                .failures
                .push(format!("{where_}: image {name}: reopening panicked: {p}")),
        }
        if failures_before == 0 && !t.failures.is_empty() {
            let kept = format!(
                "io-{}-{}-{}-{}-{}",
                spec.seed,
                session.index,
                run.fault.kind.name(),
                run.fault.at,
                name.replace(' ', "-")
            );
            if let Some(path) = report::keep_image(&kept, &image) {
                t.failures
                    .push(format!("{where_}: image {name} kept at {}", path.display()));
            }
        }
    }
}

#[test]
fn io_errors_at_every_operation() {
    let tier = tier::tier();
    let started = Instant::now();
    let seeds: Vec<u64> = tier.pick(vec![1], vec![1, 2, 3, 4, 5]);
    let mut total = Tally::default();
    let mut operations = 0u64;
    let mut space_operations = 0u64;
    for &seed in &seeds {
        let spec = Spec::small(seed);
        let script = Script::plan(&spec).expect("the workload plans");
        let sessions = sessions(&script);
        let mut runs = Vec::new();
        for s in &sessions {
            operations += s.ops;
            space_operations += s.space_ops;
            // EIO, once or from then on, at every operation; a full disk (ENOSPC from then on)
            // at every write, length change and sync.
            for persistent in [false, true] {
                for at in 1..=s.ops {
                    runs.push(Run {
                        session: s.index,
                        fault: Fault {
                            at,
                            kind: FaultKind::Eio,
                            persistent,
                        },
                    });
                }
            }
            for at in 1..=s.space_ops {
                runs.push(Run {
                    session: s.index,
                    fault: Fault {
                        at,
                        kind: FaultKind::Enospc,
                        persistent: true,
                    },
                });
            }
        }
        println!(
            "workload {} (seed {seed}): {} sessions, {} steps, {} disk operations ({} writes, length changes and syncs), {} fault runs",
            spec.name,
            sessions.len(),
            script.len(),
            sessions.iter().map(|s| s.ops).sum::<u64>(),
            sessions.iter().map(|s| s.space_ops).sum::<u64>(),
            runs.len()
        );
        let chunks: Vec<Vec<Run>> = runs
            .chunks(runs.len().div_ceil(parallel::workers() * 8).max(1))
            .map(<[Run]>::to_vec)
            .collect();
        let tallies = parallel::map(&chunks, |chunk| {
            let mut cache = verify::Cache::default();
            let mut t = Tally::default();
            for run in chunk {
                one_run(&script, &sessions[run.session], *run, &mut cache, &mut t);
            }
            t
        });
        for t in tallies {
            total.add(t);
        }
    }
    report::print(
        "I/O errors",
        &[
            report::count(
                seeds.len() as u64,
                if seeds.len() == 1 {
                    "workload"
                } else {
                    "workloads"
                },
            ),
            format!(
                "{} operations ({} writes, length changes and syncs)",
                report::thousands(operations),
                report::thousands(space_operations)
            ),
            format!(
                "{} runs (EIO transient and persistent at every N, ENOSPC persistent at every write, length change and sync)",
                report::thousands(total.runs)
            ),
            report::count(total.errors_returned, "errors returned"),
            report::count(
                total.absorbed_in_close,
                "met while closing (Drop cannot return them)",
            ),
            report::count(
                total.absorbed_elsewhere,
                "absorbed by redb with the call succeeding",
            ),
            report::count(total.not_reached, "not reached"),
            format!(
                "{} writes refused after the error ({} as poisoned)",
                report::thousands(total.refused_after),
                report::thousands(total.refused_poisoned)
            ),
            report::count(
                total.images_checked,
                "images reopened and checked (as written, and its durable part where it differs)",
            ),
            report::count(total.reopened_writable, "reopened stores writable"),
            report::count(total.failures.len() as u64, "failures"),
            report::count(total.lost, "acknowledged writes lost"),
            format!(
                "{} tier, {}",
                tier.name(),
                report::seconds(started.elapsed())
            ),
        ],
    );
    for f in total.failures.iter().take(30) {
        println!("FAILURE {f}");
    }
    assert!(
        total.failures.is_empty() && total.lost == 0,
        "{} failures, {} acknowledged writes lost; first: {:?}",
        total.failures.len(),
        total.lost,
        total.failures.first()
    );
    // Nearly every N must have been reached (a run may do a few operations fewer than the
    // healthy one: timestamps of different lengths).
    assert!(
        total.not_reached * 100 <= total.runs,
        "{} of {} faults were never reached",
        total.not_reached,
        total.runs
    );
}

/// The small workload has what the suite relies on: several sessions, a batch that compacts a
/// file, edits.
#[test]
fn the_small_workload_runs_clean() {
    let script = Script::plan(&Spec::small(1)).expect("the workload plans");
    let sessions = sessions(&script);
    assert!(sessions.len() >= 3, "several sessions");
    assert!(
        script
            .steps()
            .any(|s| matches!(s, Step::Batch(b) if b.files.iter().any(|f| f.changes.len() > 64))),
        "one batch compacts a file"
    );
    assert!(
        script
            .steps()
            .any(|s| matches!(s, Step::Edit(_, EditKind::Call(_))))
    );
}

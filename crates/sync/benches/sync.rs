//! Sync performance figures for casebook, measured over real QUIC on loopback, on data the
//! benchmark builds itself.
//!
//! Alice's node holds `CASEBOOK_BENCH_FILES` account files (default 10,000), each with five
//! people and 50 logged interactions (`CASEBOOK_BENCH_INTERACTIONS`), every one shared with Bob
//! for reading. Alice serves (`Server::bind(..).listen_only()`) in this process; Bob's node
//! runs every sync in a child process (this binary re-executed with `CASEBOOK_BENCH_CHILD`),
//! which dials Alice with `sync_once` and reports the wall time of that call, the session's
//! `Report` and its own peak RSS (`VmHWM`); Alice's RSS is read before each sync and her peak
//! over it after (the peak reset with `/proc/self/clear_refs`). Between syncs this process
//! opens Bob's store and checks that every file has the same heads on both nodes. It measures:
//!
//! - **(a) initial clone**: Bob's node starts empty and clones every file;
//! - **(b) reconnect**: Bob syncs again with nothing changed, then after Alice logged one
//!   interaction on each of 100 files;
//! - **(c) both sides changed**: Alice grants Bob write access on the files Bob will change
//!   (one sync, reported as preparation), then Alice changes 100 files, Bob 100 others, and
//!   both the same 10; one sync must converge;
//! - **raw limit**: for the same documents, Automerge `save()` and `load()` of each plus one
//!   durable redb write transaction inserting every saved document into a fresh database, and
//!   the ratio of (a) to it.
//!
//! Population (the shared generator `casebook_bench_data`, with `Spec::shared`) builds each
//! document in memory on worker threads with the real edits (`schema::new_file`,
//! `edit::create_client`, `edit::add_person`, `edit::share`), signs Alice's changes as the node
//! does, and commits each file as the node's own edits would leave it (a snapshot at creation,
//! then the later changes in the change log) in batches of 250 files per transaction. The
//! interactions are written by a direct path that makes the same change `edit::log_interaction`
//! makes without re-reading the document first; it is checked against the real edit at start-up
//! (`CASEBOOK_BENCH_POPULATE=edits` uses the edit).
//!
//! It prints a markdown table and never fails on a number. A sync in which Bob has received
//! nothing for `CASEBOOK_BENCH_STALL` seconds (default 60) is reported as stuck, with the last
//! progress Bob saw; the heads are still compared.
//!
//! ```text
//! cargo bench -p casebook-sync --bench sync
//! CASEBOOK_BENCH_FILES=200 cargo bench -p casebook-sync --bench sync   # quick run
//! ```

use std::ffi::OsString;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use automerge::{Automerge, ChangeHash};
use casebook::edit;
use casebook::{FileId, Node};
use casebook_bench_data::{
    ALICE, BOB, BOB_PEER, BoxResult, CHILD_ENV, Method, Pair, SHARED_PEOPLE as PEOPLE, Share, Spec,
    Table, check_direct, env_usize, fmt_bytes, fmt_dur, fmt_kb, interaction, open_dialer, populate,
    ratio, reset_hwm, split_spread, spread, sync_once_watched, sync_report_line, threads,
    vm_hwm_kb, vm_rss_kb,
};
use chrono::Utc;
use redb::{Database, Durability, TableDefinition};

const CHILD_DIR_ENV: &str = "CASEBOOK_BENCH_DIR";
const CHILD_ADDR_ENV: &str = "CASEBOOK_BENCH_ADDR";
const FILES_ENV: &str = "CASEBOOK_BENCH_FILES";
const INTERACTIONS_ENV: &str = "CASEBOOK_BENCH_INTERACTIONS";
const STALL_ENV: &str = "CASEBOOK_BENCH_STALL";
const RAW_TABLE: TableDefinition<'_, u64, &[u8]> = TableDefinition::new("raw");

fn main() -> BoxResult<()> {
    match std::env::var(CHILD_ENV).as_deref() {
        Ok("sync") => {
            return child_sync().inspect_err(|e| println!("child failed: {e}"));
        }
        Ok("noop") => return child_noop(),
        Ok(other) => return Err(format!("unknown {CHILD_ENV} mode '{other}'").into()),
        Err(_) => {}
    }
    let files = env_usize(FILES_ENV, 10_000).max(1);
    let per_file = env_usize(INTERACTIONS_ENV, 50);
    let method = Method::from_env();
    let now = Utc::now();
    let mut out = Table::default();

    println!("casebook sync benchmark");
    println!(
        "files {files}, {PEOPLE} people and {per_file} interactions each, {} threads",
        threads()
    );
    println!();

    let tmp = tempfile::TempDir::new()?;
    let alice_dir = tmp.path().join("alice");
    let bob_dir = tmp.path().join("bob");

    // Alice serves on loopback and only accepts; each node trusts the other.
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let Pair {
        alice,
        bob_id,
        serving,
    } = Pair::start(&rt, &alice_dir, &bob_dir, |r| {
        format!(
            "{} B out, {} B in, {} ms, {:?}",
            r.bytes_sent, r.bytes_received, r.millis, r.stats
        )
    })?;
    let addr = serving.addr;

    // Population, checked against the real edits first.
    let share = Share {
        sharee: bob_id,
        label: alice.find_peer(BOB_PEER)?.name,
    };
    let spec = Spec::shared(&alice, share, per_file, now);
    if method == Method::Direct {
        match check_direct(&spec)? {
            None => out.row(
                "population",
                "direct path = edit path (one file)",
                "checked",
            ),
            Some(problem) => {
                println!("warning: the direct population path differs from the edits: {problem}");
                out.row(
                    "population",
                    "direct path = edit path (one file)",
                    format!("NO: {problem}"),
                );
            }
        }
    }
    let started = Instant::now();
    let ids = populate(&alice, &spec, files, method)?;
    let populate_time = started.elapsed();
    out.row(
        "population",
        &format!("build + commit {files} files ({})", method.as_str()),
        fmt_dur(populate_time),
    );
    let first = alice.read(ids[0])?;
    let stored_ok = first.people.len() == PEOPLE
        && first.interactions.len() == per_file
        && first.sharing.get(&bob_id.to_string()).map(String::as_str)
            == Some(casebook::schema::READ);
    out.row(
        "population",
        "first file read back (people, interactions, shared read)",
        if stored_ok {
            format!("{PEOPLE}, {per_file}, yes")
        } else {
            format!(
                "UNEXPECTED: {}, {}, {:?}",
                first.people.len(),
                first.interactions.len(),
                first.sharing.get(&bob_id.to_string())
            )
        },
    );
    out.row(
        "population",
        "this process's peak RSS so far (population)",
        fmt_kb(vm_hwm_kb()),
    );
    let changes_per_file = alice.load(ids[0])?.get_changes(&[]).len();
    out.row(
        "population",
        "changes per file",
        changes_per_file.to_string(),
    );
    out.row(
        "population",
        "Alice's store size",
        fmt_bytes(std::fs::metadata(alice_dir.join(casebook::STORE_FILE))?.len()),
    );

    // Baseline peak RSS of the child doing nothing.
    match run_child("noop", &bob_dir, addr) {
        Ok(c) => out.row(
            "(a) initial clone",
            "child baseline peak RSS (no node)",
            fmt_kb(c.hwm_kb),
        ),
        Err(e) => println!("warning: baseline child failed: {e}"),
    }

    // (a) Initial clone into Bob's empty node.
    eprintln!("(a) initial clone of {files} files");
    let clone = run_sync(&mut out, "(a) initial clone", &bob_dir, addr);
    let verified = verify(&mut out, "(a) initial clone", &alice, &bob_dir, &ids)?;

    // The raw limit on the same documents.
    eprintln!("raw limit");
    let limit = raw_limit(&alice, &ids, &tmp.path().join("raw.redb"))?;
    out.row("raw limit", "save() of every document", fmt_dur(limit.save));
    out.row("raw limit", "load() of every document", fmt_dur(limit.load));
    out.row(
        "raw limit",
        "redb inserts + one fsynced commit",
        format!("{} + {}", fmt_dur(limit.insert), fmt_dur(limit.commit)),
    );
    out.row(
        "raw limit",
        "total (one thread)",
        format!(
            "{} ({} saved)",
            fmt_dur(limit.total()),
            fmt_bytes(limit.bytes)
        ),
    );
    if let Some(c) = &clone {
        out.row(
            "raw limit",
            "casebook (a) sync_once ÷ limit",
            ratio(c.wall, limit.total()),
        );
        out.row(
            "raw limit",
            "bytes on the wire ÷ saved bytes",
            format!(
                "{:.2}",
                (c.sent + c.received) as f64 / limit.bytes.max(1) as f64
            ),
        );
    }
    if !verified {
        println!("warning: the clone did not verify; later figures start from a partial copy");
    }

    // (b) Reconnect with nothing changed, then after Alice changed 100 files.
    eprintln!("(b) reconnect");
    run_sync(&mut out, "(b) reconnect, d=0", &bob_dir, addr);
    verify(&mut out, "(b) reconnect, d=0", &alice, &bob_dir, &ids)?;
    let d = 100.min(files);
    let changed: Vec<FileId> = spread(&ids, d, 0);
    let started = Instant::now();
    for (i, file) in changed.iter().enumerate() {
        let it = interaction(900_000 + i as u64, Utc::now(), ALICE);
        alice.apply(*file, |doc, ctx, _| edit::log_interaction(doc, ctx, &it))?;
    }
    let group = format!("(b) reconnect, d={d}");
    out.row(
        &group,
        &format!("Alice logs {d} interactions (Node::apply each)"),
        fmt_dur(started.elapsed()),
    );
    run_sync(&mut out, &group, &bob_dir, addr);
    verify(&mut out, &group, &alice, &bob_dir, &ids)?;

    // (c) Both sides change files, some the same ones.
    let common = 10.min(files / 21);
    let each = 100.min((files - common) / 2);
    let (only_alice, rest) = split_spread(&ids, each, 1);
    let (only_bob, rest) = split_spread(&rest, each, 2);
    let (both, _) = split_spread(&rest, common, 3);
    let bob_files: Vec<FileId> = only_bob.iter().chain(&both).copied().collect();
    let alice_files: Vec<FileId> = only_alice.iter().chain(&both).copied().collect();
    eprintln!("(c) both sides changed");
    let prep = format!("(c) prep: grant Bob write on {}", bob_files.len());
    let started = Instant::now();
    for file in &bob_files {
        alice.share(*file, BOB_PEER, casebook::schema::WRITE)?;
    }
    out.row(
        &prep,
        "Alice shares (Node::share each)",
        fmt_dur(started.elapsed()),
    );
    run_sync(&mut out, &prep, &bob_dir, addr);
    verify(&mut out, &prep, &alice, &bob_dir, &ids)?;
    let group = format!("(c) both changed {each}+{each}, {common} common");
    for (i, file) in alice_files.iter().enumerate() {
        let it = interaction(800_000 + i as u64, Utc::now(), ALICE);
        alice.apply(*file, |doc, ctx, _| edit::log_interaction(doc, ctx, &it))?;
    }
    {
        let bob = Node::open(&bob_dir)?;
        for (i, file) in bob_files.iter().enumerate() {
            let it = interaction(700_000 + i as u64, Utc::now(), BOB);
            bob.apply(*file, |doc, ctx, _| edit::log_interaction(doc, ctx, &it))?;
        }
    }
    run_sync(&mut out, &group, &bob_dir, addr);
    verify(&mut out, &group, &alice, &bob_dir, &ids)?;
    let two_heads = both
        .iter()
        .filter(|f| {
            alice
                .store()
                .heads(**f)
                .ok()
                .flatten()
                .is_some_and(|h| h.len() == 2)
        })
        .count();
    out.row(
        &group,
        "common files with both sides' change as heads",
        format!("{two_heads} of {common}"),
    );

    // Alice's side of every session, as her server saw it.
    let sessions = serving.stop(&rt);
    drop(rt);
    for (i, o) in sessions.lines().into_iter().enumerate() {
        out.row("Alice's server", &format!("session {}", i + 1), o);
    }

    println!();
    println!(
        "machine: {} cores (std::thread::available_parallelism), {} {}; Alice serves in the \
         bench process and Bob syncs from a child process, both on these cores; \
         loopback QUIC; page cache warm",
        threads(),
        std::env::consts::OS,
        std::env::consts::ARCH
    );
    println!();
    out.print();
    Ok(())
}

/// What one sync (one child process) reported.
#[derive(Debug, Default)]
struct Synced {
    wall: Duration,
    session_ms: u64,
    sent: u64,
    received: u64,
    stats: String,
    open_ms: f64,
    hwm_kb: u64,
    process: Duration,
}

/// Run one sync of Bob with Alice in a child process and add its figures under `group`.
fn run_sync(out: &mut Table, group: &str, bob_dir: &Path, addr: SocketAddr) -> Option<Synced> {
    // Only Alice's server runs in this process while the child syncs: its peak RSS over the
    // sync, from its RSS just before (which includes heap kept from earlier steps).
    let rss_before = vm_rss_kb();
    let reset = reset_hwm();
    let result = run_child("sync", bob_dir, addr);
    out.row(
        group,
        "Alice's RSS (this process): before → peak during sync",
        if reset {
            format!("{} → {}", fmt_kb(rss_before), fmt_kb(vm_hwm_kb()))
        } else {
            format!("{} → n/a (cannot reset VmHWM)", fmt_kb(rss_before))
        },
    );
    match result {
        Ok(s) => {
            out.row(group, "sync_once wall time (Bob dials)", fmt_dur(s.wall));
            out.row(
                group,
                "session time (Report.millis)",
                format!("{} ms", s.session_ms),
            );
            out.row(
                group,
                "bytes on the wire (sent + received)",
                format!(
                    "{} ({} + {})",
                    fmt_bytes(s.sent + s.received),
                    s.sent,
                    s.received
                ),
            );
            out.row(group, "Bob's stats", s.stats.clone());
            out.row(
                group,
                "Bob's peak RSS (child VmHWM)",
                format!(
                    "{} (child process {}, Node::open {:.1} ms)",
                    fmt_kb(s.hwm_kb),
                    fmt_dur(s.process),
                    s.open_ms
                ),
            );
            Some(s)
        }
        Err(e) => {
            println!("warning: sync '{group}' failed: {e}");
            out.row(group, "sync_once", format!("FAILED: {e}"));
            None
        }
    }
}

/// Open Bob's store and compare every file's heads with Alice's.
fn verify(
    out: &mut Table,
    group: &str,
    alice: &Node,
    bob_dir: &Path,
    ids: &[FileId],
) -> BoxResult<bool> {
    let started = Instant::now();
    let bob = Node::open(bob_dir)?;
    let sorted = |h: Option<Vec<ChangeHash>>| {
        h.map(|mut h| {
            h.sort();
            h
        })
    };
    let mut equal = 0usize;
    for id in ids {
        let a = sorted(alice.store().heads(*id)?);
        let b = sorted(bob.store().heads(*id)?);
        if a.is_some() && a == b {
            equal += 1;
        }
    }
    let bob_files = bob.store().file_count()?;
    let ok = equal == ids.len();
    out.row(
        group,
        "heads equal on both nodes",
        format!(
            "{} ({equal} of {} files; Bob holds {bob_files}; checked in {})",
            if ok { "verified" } else { "NOT VERIFIED" },
            ids.len(),
            fmt_dur(started.elapsed())
        ),
    );
    if !ok {
        println!(
            "warning: {group}: only {equal} of {} files have equal heads",
            ids.len()
        );
    }
    Ok(ok)
}

/// The raw limit's parts.
#[derive(Debug, Default)]
struct Limit {
    save: Duration,
    load: Duration,
    insert: Duration,
    commit: Duration,
    bytes: u64,
}

impl Limit {
    fn total(&self) -> Duration {
        self.save + self.load + self.insert + self.commit
    }
}

/// For every document (read from Alice's store, untimed): `save()`, `Automerge::load()` of the
/// bytes, and an insert into one write transaction of a fresh redb file, committed durably.
fn raw_limit(node: &Node, ids: &[FileId], path: &Path) -> BoxResult<Limit> {
    let mut l = Limit::default();
    let db = Database::create(path)?;
    let mut tx = db.begin_write()?;
    tx.set_durability(Durability::Immediate)?;
    {
        let mut table = tx.open_table(RAW_TABLE)?;
        for (i, id) in ids.iter().enumerate() {
            let doc = node.store().load(*id)?.ok_or("a file is missing")?;
            let started = Instant::now();
            let bytes = doc.save();
            l.save += started.elapsed();
            drop(doc);
            let started = Instant::now();
            let loaded = Automerge::load(&bytes)?;
            l.load += started.elapsed();
            drop(std::hint::black_box(loaded));
            let started = Instant::now();
            table.insert(i as u64, bytes.as_slice())?;
            l.insert += started.elapsed();
            l.bytes += bytes.len() as u64;
        }
    }
    let started = Instant::now();
    tx.commit()?;
    l.commit = started.elapsed();
    Ok(l)
}

/// Re-execute this binary in `mode` on Bob's `dir` and parse its `key=value` report line.
fn run_child(mode: &str, dir: &Path, addr: SocketAddr) -> BoxResult<Synced> {
    let child = casebook_bench_data::run_child(
        mode,
        &[
            (CHILD_DIR_ENV, OsString::from(dir)),
            (CHILD_ADDR_ENV, OsString::from(addr.to_string())),
        ],
    )?;
    let line = child.line.as_str();
    let mut r = Synced {
        process: child.process,
        ..Synced::default()
    };
    for field in line.split_whitespace().skip(1) {
        match field.split_once('=') {
            Some(("wall_ms", v)) => r.wall = Duration::from_secs_f64(v.parse::<f64>()? / 1e3),
            Some(("millis", v)) => r.session_ms = v.parse()?,
            Some(("sent", v)) => r.sent = v.parse()?,
            Some(("received", v)) => r.received = v.parse()?,
            Some(("open_ms", v)) => r.open_ms = v.parse()?,
            Some(("hwm_kb", v)) => r.hwm_kb = v.parse()?,
            _ => {}
        }
    }
    if let Some(stats) = line.split_once(" stats=") {
        r.stats = stats.1.trim().to_string();
    }
    Ok(r)
}

fn child_dir() -> BoxResult<PathBuf> {
    std::env::var_os(CHILD_DIR_ENV)
        .map(PathBuf::from)
        .ok_or_else(|| format!("{CHILD_DIR_ENV} is not set").into())
}

/// Child mode `sync`: open Bob's node, dial Alice once with `sync_once`, report.
fn child_sync() -> BoxResult<()> {
    let dir = child_dir()?;
    let addr: SocketAddr = std::env::var(CHILD_ADDR_ENV)?.parse()?;
    let bob = open_dialer(&dir, addr)?;
    // Progress is reported after every batch Bob receives; a session that receives nothing for
    // `STALL_ENV` seconds is stuck (the connection's keep-alives would hold it open forever).
    let stall = Duration::from_secs(env_usize(STALL_ENV, 60) as u64);
    let mut last_log = Instant::now();
    let synced = sync_once_watched(&bob.node, bob.peer, stall, STALL_ENV, move |p, since| {
        if last_log.elapsed() > Duration::from_secs(30) {
            last_log = Instant::now();
            eprintln!(
                "  child: {} in: {} files received, {} in play, {} B out, {} B in",
                fmt_dur(since),
                p.stats.files_received,
                p.in_play,
                p.bytes_sent,
                p.bytes_received
            );
        }
    })?;
    println!(
        "{}",
        sync_report_line(synced.wall, &synced.report, bob.open, &[])
    );
    Ok(())
}

/// Child mode `noop`: the peak RSS of this binary doing nothing, for comparison.
fn child_noop() -> BoxResult<()> {
    println!("child wall_ms=0 hwm_kb={}", vm_hwm_kb());
    Ok(())
}

//! Suite 9, load: one node serving 20 peers syncing at once while its adviser keeps writing.
//!
//! The serving node runs in a child process (`load-server`, the real `Node` and `Server` on a
//! real redb file) so that its memory and CPU are measured alone. It holds a portfolio of
//! account files (5 people and 20 contacts each in the quick tier, the benchmarks' 5 people and
//! 50 contacts in the extended one), every one shared for reading with every peer, and its
//! adviser logs a call on a random file every 20 ms, reporting
//! each write once its commit has returned, with how long the call took and where that time
//! went (on a CPU, waiting for one, blocked).
//!
//! 1. The child starts with no peer; after a warm-up of writes its peak resident memory is the
//!    **baseline**: the serving node with its files, its listener and its adviser, 0 peers.
//! 2. The peers (real nodes in temporary directories, in this process) all start at once: each
//!    runs a live `Server` that dials the child, clones every file (first contact: set
//!    reconciliation) and then follows the adviser's writes. Only live sessions run: a one-shot
//!    `sync_once` beside a live session is suite 5's and the sync crate's tests' concern.
//! 3. The writes go on for the load period, and at least a few seconds past the moment every
//!    peer holds every file; then they stop and the child reports every file's heads.
//! 4. Every peer must converge: the same heads as the serving node for every file, and every
//!    acknowledged write present in its documents.
//!
//! Asserted: no write failed and none took longer than [`WRITE_LIMIT`]; the child's peak
//! resident memory rose above the baseline by no more than [`memory_budget_kib`] (a bound that
//! follows the sync design: it grows with peers × files in play, never with the portfolio); every
//! peer converged, with every acknowledged write. Every wait is bounded, so a hang fails.
//!
//! `CASEBOOK_LOAD_PEERS`, `CASEBOOK_LOAD_FILES`, `CASEBOOK_LOAD_CONTACTS` (per file),
//! `CASEBOOK_LOAD_SECONDS` and `CASEBOOK_LOAD_RUNS` change the size of a run (to see how memory grows with peers and
//! files); `CASEBOOK_SEED` the adviser's choices.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::net::SocketAddr;
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::atomic::{AtomicIsize, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use casebook::automerge::{ChangeHash, ReadDoc};
use casebook::limits::{MAX_FILES_ENTERING, STORE_CACHE_BYTES};
use casebook::{FileId, KEY_FILE, Node, NodeId, STORE_FILE, Ticket};
use casebook_proof::load::disk::FsyncProbe;
use casebook_proof::load::latency::{Latencies, millis};
use casebook_proof::load::portfolio::{self, Reader, Shape};
use casebook_proof::load::process::{self, Sampler};
use casebook_proof::load::protocol::{Report, STOP};
use casebook_proof::report::{self, count};
use casebook_proof::{parallel, tier};
use casebook_sync::{Event, Server};

/// The slowest write the adviser may see while the peers sync. Generous on purpose, so that the
/// verdict does not depend on how busy the machine is: a write that waits behind a whole clone
/// (minutes) or hangs is the failure this catches. On a 2-core machine shared with other test
/// suites (load average 9–41) the slowest write measured 6–12 s, almost all of it waiting for
/// the store's write lock or the disk while every session's commit fsynced before it, and for
/// a CPU; the figures report the latencies, where the time went, and the disk's own fsyncs.
const WRITE_LIMIT: Duration = Duration::from_secs(30);

/// The memory a session may hold for each file in play: a loaded document and its sync state.
/// Measured in debug builds, the serving process grew by 120–150 KiB per (peer, file) with the
/// benchmark shape (37 MiB for 5 peers × 50 files, 148 MiB for 20 × 50, 253 MiB for 20 × 100,
/// 464 MiB for 20 × 200); this allows about twice that.
const PER_FILE_IN_PLAY_KIB: u64 = 256;

/// What the serving process may hold beyond its sessions' documents: redb's page cache
/// ([`STORE_CACHE_BYTES`], filled as the sessions read every file), and as much again for the
/// allocator's arenas and the connections.
const FIXED_BUDGET_KIB: u64 = 2 * STORE_CACHE_BYTES as u64 / 1024;

/// The adviser's pace.
const WRITE_EVERY_MS: u64 = 20;

/// Writes with no peer before the baseline is read.
const WARM_UP: Duration = Duration::from_secs(5);

/// Writes that go on after every peer holds every file, so live following is loaded too.
const AFTER_CLONE: Duration = Duration::from_secs(5);

/// How long the child may take to start listening, or to report its heads once stopped; and
/// the peers' sessions to end once they were told to stop.
const CHILD_LIMIT: Duration = Duration::from_secs(60);
const PEERS_STOP_LIMIT: Duration = Duration::from_secs(30);

/// How often memory is sampled, the disk probed, and peers polled.
const SAMPLE_EVERY: Duration = Duration::from_millis(100);
const PROBE_EVERY: Duration = Duration::from_millis(200);
const POLL_EVERY: Duration = Duration::from_millis(250);

/// How often a long wait reports its progress on stderr.
const PROGRESS_EVERY: Duration = Duration::from_secs(10);

/// How far the serving process's peak resident memory may rise above its baseline: the fixed
/// part, and [`PER_FILE_IN_PLAY_KIB`] for every file each peer's session may hold in play at
/// once (all of them, up to [`MAX_FILES_ENTERING`]). If the sessions held every file of a large
/// portfolio at once, the growth would follow the portfolio instead, and this would fail.
fn memory_budget_kib(plan: &Plan) -> u64 {
    let in_play = plan.files.min(MAX_FILES_ENTERING) as u64;
    FIXED_BUDGET_KIB + plan.peers as u64 * in_play * PER_FILE_IN_PLAY_KIB
}

/// The size of a run.
#[derive(Clone, Copy, Debug)]
struct Plan {
    peers: usize,
    files: usize,
    shape: Shape,
    /// How long the adviser writes once the peers have started (at least).
    load: Duration,
    /// How long every peer may take to hold every file.
    clone_limit: Duration,
    /// How long every peer may take to converge once the writes stopped.
    converge_limit: Duration,
    /// Runs, each with a fresh copy of the serving node and fresh peers.
    runs: usize,
}

impl Plan {
    /// The quick tier: 20 peers × 50 files of 5 people and 20 contacts, writes for at least
    /// 20 s, one run (about 3 minutes in a debug build on a busy 2-core machine). The extended
    /// tier: 20 peers × 1,000 files of the benchmark shape (four times what a session admits at
    /// once, so the bound on files in play is what keeps memory down), writes for at least 60 s,
    /// three runs.
    fn from_env() -> Self {
        let t = tier::tier();
        Self {
            peers: env_usize("CASEBOOK_LOAD_PEERS").unwrap_or(20),
            files: env_usize("CASEBOOK_LOAD_FILES").unwrap_or(t.pick(50, 1_000)),
            shape: Shape {
                interactions: env_usize("CASEBOOK_LOAD_CONTACTS")
                    .unwrap_or(t.pick(20, Shape::BENCHMARK.interactions)),
                ..Shape::BENCHMARK
            },
            load: Duration::from_secs(
                env_usize("CASEBOOK_LOAD_SECONDS").map_or(t.pick(20, 60), |s| s as u64),
            ),
            clone_limit: Duration::from_secs(t.pick(300, 3_600)),
            converge_limit: Duration::from_secs(t.pick(300, 1_800)),
            runs: env_usize("CASEBOOK_LOAD_RUNS").unwrap_or(t.pick(1, 3)),
        }
    }
}

fn env_usize(name: &str) -> Option<usize> {
    std::env::var(name).ok().and_then(|v| v.trim().parse().ok())
}

/// One acknowledged write, as the child reported it, with when the line arrived.
#[derive(Clone, Copy, Debug)]
struct Ack {
    at: Instant,
    file: FileId,
    change: ChangeHash,
    latency: Duration,
    on_cpu: Duration,
    waiting_for_cpu: Duration,
}

impl Ack {
    /// The time the write spent neither on a CPU nor waiting for one: blocked on the store's
    /// write lock or the disk.
    fn blocked(&self) -> Duration {
        self.latency
            .saturating_sub(self.on_cpu)
            .saturating_sub(self.waiting_for_cpu)
    }

    fn describe(&self) -> String {
        format!(
            "{} ({} on a CPU, {} waiting for one, {} blocked on the write lock or the disk)",
            millis(self.latency),
            millis(self.on_cpu),
            millis(self.waiting_for_cpu),
            millis(self.blocked())
        )
    }
}

/// What the child process said, read on a thread.
#[derive(Debug, Default)]
struct Heard {
    addr: Option<SocketAddr>,
    acks: Vec<Ack>,
    write_failures: Vec<String>,
    session_failures: Vec<(Instant, String)>,
    stopped: Option<u64>,
    heads: BTreeMap<FileId, Vec<ChangeHash>>,
    ended: bool,
}

impl Heard {
    fn take(&mut self, report: Report) {
        let at = Instant::now();
        match report {
            Report::Listening(addr) => self.addr = Some(addr),
            Report::Ack {
                file,
                change,
                latency,
                on_cpu,
                waiting_for_cpu,
            } => self.acks.push(Ack {
                at,
                file,
                change,
                latency,
                on_cpu,
                waiting_for_cpu,
            }),
            Report::WriteFailed(why) => self.write_failures.push(why),
            Report::SessionFailed(why) => self.session_failures.push((at, why)),
            Report::Stopped { writes } => self.stopped = Some(writes),
            Report::Heads { file, heads } => {
                self.heads.insert(file, sorted(heads));
            }
            Report::End => self.ended = true,
        }
    }
}

/// The serving node's process.
struct ServingChild {
    child: Child,
    stdin: Option<ChildStdin>,
    heard: Arc<Mutex<Heard>>,
}

impl ServingChild {
    fn spawn(dir: &Path, seed: u64) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_load-server"))
            .arg(dir)
            .args(["--every-ms", &WRITE_EVERY_MS.to_string()])
            .args(["--seed", &seed.to_string()])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("load-server starts");
        let stdout = child.stdout.take().expect("load-server's stdout");
        let heard = Arc::new(Mutex::new(Heard::default()));
        let sink = Arc::clone(&heard);
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if let Some(report) = Report::parse(&line) {
                    sink.lock().expect("heard").take(report);
                }
            }
        });
        let stdin = child.stdin.take();
        Self {
            child,
            stdin,
            heard,
        }
    }

    fn pid(&self) -> u32 {
        self.child.id()
    }

    fn heard(&self) -> std::sync::MutexGuard<'_, Heard> {
        self.heard.lock().expect("heard")
    }

    /// Wait until `cond` holds of what the child said; panics after `limit` or if it died.
    fn wait_for(&mut self, what: &str, limit: Duration, cond: impl Fn(&Heard) -> bool) {
        let started = Instant::now();
        while !cond(&self.heard()) {
            self.assert_alive();
            assert!(started.elapsed() < limit, "load-server: timed out: {what}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn assert_alive(&mut self) {
        if let Some(status) = self.child.try_wait().expect("try_wait") {
            panic!("load-server exited early: {status}");
        }
    }

    fn stop_writing(&mut self) {
        let stdin = self.stdin.as_mut().expect("load-server's stdin");
        writeln!(stdin, "{STOP}")
            .and_then(|()| stdin.flush())
            .expect("tell load-server to stop");
    }

    /// Close stdin so the child exits (its sessions end first); its exit status, or `None` if
    /// it had not exited within [`CHILD_LIMIT`] (it is then killed).
    fn finish(mut self) -> Option<std::process::ExitStatus> {
        drop(self.stdin.take());
        let started = Instant::now();
        while started.elapsed() < CHILD_LIMIT {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        None
    }
}

impl Drop for ServingChild {
    fn drop(&mut self) {
        // A failing run (or a child that would not exit) must not leave the process behind.
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// A peer: a real node in a temporary directory, serving live and dialling the child.
struct PeerNode {
    node: Arc<Node>,
    _dir: tempfile::TempDir,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
    /// Sessions running now (connected, not yet ended), and sessions that ended with an error.
    sessions: Arc<AtomicIsize>,
    session_failures: Arc<AtomicUsize>,
}

impl PeerNode {
    /// Peer number `n`: a fresh node with an empty store and the identity in `key` (a key file
    /// `Node::init` finds in a new data directory is kept).
    fn new(n: usize, key: &Path) -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::copy(key, dir.path().join(KEY_FILE)).expect("the peer's key");
        let node = Node::init(dir.path(), &peer_adviser(n)).expect("peer node");
        Self {
            node: Arc::new(node),
            _dir: dir,
            stop: None,
            task: None,
            sessions: Arc::new(AtomicIsize::new(0)),
            session_failures: Arc::new(AtomicUsize::new(0)),
        }
    }

    /// Trust the serving node in `server` and serve live, which dials it at once.
    fn start(&mut self, runtime: &tokio::runtime::Runtime, server: Ticket) {
        self.node
            .add_peer(&server, "Load server", "Alice Morgan")
            .expect("trust the serving node");
        let (sessions, failures) = (
            Arc::clone(&self.sessions),
            Arc::clone(&self.session_failures),
        );
        let events = Arc::new(move |e: Event| match e {
            Event::Connected { .. } => {
                sessions.fetch_add(1, Ordering::SeqCst);
            }
            Event::Ended { outcome, .. } => {
                sessions.fetch_sub(1, Ordering::SeqCst);
                if outcome.is_err() {
                    failures.fetch_add(1, Ordering::SeqCst);
                }
            }
            _ => {}
        });
        let _enter = runtime.enter();
        let server = Server::bind(
            Arc::clone(&self.node),
            "127.0.0.1:0".parse().expect("addr"),
            events,
        )
        .expect("a peer binds");
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        self.task = Some(runtime.spawn(async move {
            server
                .run(async {
                    let _ = stopped.await;
                })
                .await;
        }));
        self.stop = Some(stop);
    }

    /// Stop serving: the endpoint closes, which ends the session with the child.
    fn stop(&mut self, runtime: &tokio::runtime::Runtime) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        if let Some(t) = self.task.take() {
            let _ = runtime.block_on(async { tokio::time::timeout(PEERS_STOP_LIMIT, t).await });
        }
    }

    fn heads(&self, file: FileId) -> Vec<ChangeHash> {
        sorted(
            self.node
                .store()
                .heads(file)
                .expect("heads")
                .unwrap_or_default(),
        )
    }
}

fn sorted(mut heads: Vec<ChangeHash>) -> Vec<ChangeHash> {
    heads.sort();
    heads
}

/// What one run measured.
#[derive(Debug)]
struct Figures {
    warm_up: Latencies,
    during_sync: Latencies,
    /// The slowest write of the whole run.
    slowest: Option<Ack>,
    /// Of the writes during sync: time blocked (write lock, disk) and waiting for a CPU, summed.
    blocked: Duration,
    waiting_for_cpu: Duration,
    baseline_kib: u64,
    peak_kib: u64,
    rss_series: Vec<(Duration, u64)>,
    peers_started_at: Duration,
    cloned: Cloned,
    converged_after: Duration,
    converged: usize,
    acked_checked: u64,
    missing: Vec<String>,
    session_failures_server: usize,
    session_failures_peers: usize,
    write_failures: Vec<String>,
    /// How the serving process exited once told to, if it did.
    child_exit: Option<std::process::ExitStatus>,
    /// CPU time the serving process and this process (the peers) used from the peers' start
    /// until every peer converged, and the wall time of that span.
    server_cpu: Duration,
    peers_cpu: Duration,
    load_wall: Duration,
    load_average: (f64, f64),
    /// The disk probe's fsyncs meanwhile.
    fsyncs: Latencies,
    wall: Duration,
}

fn peer_adviser(n: usize) -> String {
    format!("Peer {n:02} Adviser")
}

/// What every run starts from, made once: the serving node's directory with its portfolio
/// (copied for each run, never opened itself) and the peers' keys (each run's peers are fresh
/// nodes with empty stores and these identities, which the portfolio is shared with).
struct Fixture {
    server: tempfile::TempDir,
    keys: tempfile::TempDir,
    server_id: NodeId,
    files: Vec<FileId>,
    populate: Duration,
}

impl Fixture {
    fn new(plan: &Plan) -> Self {
        let keys = tempfile::tempdir().expect("tempdir");
        let server = tempfile::tempdir().expect("tempdir");
        let node = Node::init(server.path(), "Alice Morgan").expect("serving node");
        let mut readers = Vec::with_capacity(plan.peers);
        for n in 0..plan.peers {
            let dir = tempfile::tempdir().expect("tempdir");
            let peer = Node::init(dir.path(), &peer_adviser(n)).expect("a peer's key");
            std::fs::copy(dir.path().join(KEY_FILE), Self::key_path(&keys, n)).expect("key");
            let label = format!("Peer {n:02} (laptop)");
            let ticket = Ticket {
                node: peer.node_id(),
                addrs: vec![],
            };
            node.add_peer(&ticket, &label, &peer_adviser(n))
                .expect("trust a peer");
            readers.push(Reader {
                node: peer.node_id(),
                label,
            });
        }
        let started = Instant::now();
        let files = portfolio::populate(&node, &readers, plan.files, plan.shape)
            .expect("the portfolio is written");
        Self {
            server_id: node.node_id(),
            files,
            populate: started.elapsed(),
            server,
            keys,
        }
    }

    fn key_path(keys: &tempfile::TempDir, n: usize) -> std::path::PathBuf {
        keys.path().join(format!("peer-{n:02}.key"))
    }

    /// A copy of the serving node's directory, for one run.
    fn server_copy(&self) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("tempdir");
        for name in [STORE_FILE, KEY_FILE] {
            std::fs::copy(self.server.path().join(name), dir.path().join(name))
                .expect("copy the serving node");
        }
        dir
    }

    /// Peer number `n`, new for one run.
    fn peer(&self, n: usize) -> PeerNode {
        PeerNode::new(n, &Self::key_path(&self.keys, n))
    }
}

/// The pause before the next poll of the peers' stores, after a poll that took `took`: at
/// least [`POLL_EVERY`], and long enough that polling thousands of copies takes at most a tenth
/// of the time (the peers share this process's CPU).
fn pause_after(took: Duration) -> Duration {
    POLL_EVERY.max(took * 9)
}

/// When the peers held their copies (from the peers' start): the first copy anywhere, the
/// moment every peer held at least one, and every copy everywhere (`None`: not all within the
/// plan's clone limit; then how many copies were held).
#[derive(Clone, Copy, Debug)]
struct Cloned {
    first_copy_after: Option<Duration>,
    every_peer_first_after: Option<Duration>,
    cloned_after: Option<Duration>,
    held: usize,
}

/// Let the adviser write while the peers clone, until the load period is over and every peer
/// has held every file for [`AFTER_CLONE`], or the plan's clone limit has passed.
fn load_phase(
    child: &mut ServingChild,
    peers: &[PeerNode],
    files: &[FileId],
    plan: &Plan,
    started: Instant,
) -> Cloned {
    // A file once held stays held, so each poll looks only at the copies still missing.
    let mut missing: Vec<Vec<FileId>> = vec![files.to_vec(); peers.len()];
    let mut first_copy: Vec<Option<Duration>> = vec![None; peers.len()];
    let mut cloned_after = None;
    let mut last_progress = Instant::now();
    loop {
        child.assert_alive();
        let elapsed = started.elapsed();
        let poll = Instant::now();
        if cloned_after.is_none() {
            for ((p, m), first) in peers.iter().zip(&mut missing).zip(&mut first_copy) {
                m.retain(|f| !p.node.store().contains(*f).expect("contains"));
                if m.len() < files.len() && first.is_none() {
                    *first = Some(elapsed);
                }
            }
            let held = files.len() * peers.len() - missing.iter().map(Vec::len).sum::<usize>();
            if held == files.len() * peers.len() {
                cloned_after = Some(elapsed);
                eprintln!(
                    "load: every peer holds every file after {}",
                    report::seconds(elapsed)
                );
            } else if last_progress.elapsed() >= PROGRESS_EVERY {
                last_progress = Instant::now();
                eprintln!(
                    "load: cloning: {held} of {} copies held, {} of {} peers hold a file, {}",
                    files.len() * peers.len(),
                    first_copy.iter().filter(|f| f.is_some()).count(),
                    peers.len(),
                    report::seconds(elapsed)
                );
            }
            if cloned_after.is_none() && elapsed >= plan.clone_limit {
                return Cloned {
                    first_copy_after: first_copy.iter().flatten().min().copied(),
                    every_peer_first_after: None,
                    cloned_after: None,
                    held,
                };
            }
        }
        if let Some(c) = cloned_after
            && elapsed >= plan.load
            && elapsed >= c + AFTER_CLONE
        {
            let firsts = first_copy.iter().map(|f| f.unwrap_or(c));
            return Cloned {
                first_copy_after: firsts.clone().min(),
                every_peer_first_after: firsts.max(),
                cloned_after: Some(c),
                held: files.len() * peers.len(),
            };
        }
        std::thread::sleep(pause_after(poll.elapsed()));
    }
}

/// Wait until every peer holds `finals` for every file, or `limit`; returns for each peer the
/// files still behind.
fn converge(
    child: &mut ServingChild,
    peers: &[PeerNode],
    finals: &BTreeMap<FileId, Vec<ChangeHash>>,
    limit: Duration,
) -> Vec<Vec<FileId>> {
    let started = Instant::now();
    // Once the writes stopped the heads are final: a copy that matches stays matched, so each
    // poll looks only at the copies that did not yet.
    let files: Vec<FileId> = finals.keys().copied().collect();
    let mut behind: Vec<Vec<FileId>> = vec![files; peers.len()];
    let mut last_progress = Instant::now();
    loop {
        child.assert_alive();
        let poll = Instant::now();
        for (p, b) in peers.iter().zip(&mut behind) {
            b.retain(|f| p.heads(*f) != finals[f]);
        }
        if behind.iter().all(Vec::is_empty) || started.elapsed() > limit {
            return behind;
        }
        if last_progress.elapsed() >= PROGRESS_EVERY {
            last_progress = Instant::now();
            eprintln!(
                "load: converging: {} copies behind, {} of {} peers converged, {}",
                behind.iter().map(Vec::len).sum::<usize>(),
                behind.iter().filter(|b| b.is_empty()).count(),
                peers.len(),
                report::seconds(started.elapsed())
            );
        }
        std::thread::sleep(pause_after(poll.elapsed()));
    }
}

/// Every acknowledged write, looked up in every peer's documents; one line per peer and file
/// that lacks any.
fn missing_writes(peers: &[PeerNode], acks: &[Ack]) -> Vec<String> {
    let mut by_file: BTreeMap<FileId, Vec<ChangeHash>> = BTreeMap::new();
    for a in acks {
        by_file.entry(a.file).or_default().push(a.change);
    }
    let by_file: Vec<(FileId, Vec<ChangeHash>)> = by_file.into_iter().collect();
    parallel::map(peers, |p| {
        let mut missing = Vec::new();
        for (file, changes) in &by_file {
            let doc = p.node.load(*file).expect("a peer's copy loads");
            let lost = changes
                .iter()
                .filter(|c| doc.get_change_by_hash(c).is_none())
                .count();
            if lost > 0 {
                missing.push(format!(
                    "{}: {lost} acknowledged writes of file {file} missing",
                    p.node.adviser()
                ));
            }
        }
        missing
    })
    .into_iter()
    .flatten()
    .collect()
}

fn run(plan: &Plan, fixture: &Fixture, seed: u64) -> Figures {
    let started = Instant::now();
    let server_dir = fixture.server_copy();
    let files = fixture.files.clone();
    let server_id = fixture.server_id;
    let mut peers: Vec<PeerNode> = (0..plan.peers).map(|n| fixture.peer(n)).collect();

    // 1. The serving process with 0 peers: its baseline.
    let mut child = ServingChild::spawn(server_dir.path(), seed);
    let spawned = Instant::now();
    let sampler = Sampler::start(child.pid(), SAMPLE_EVERY);
    child.wait_for("listening", CHILD_LIMIT, |h| h.addr.is_some());
    let addr = child.heard().addr.expect("addr");
    std::thread::sleep(WARM_UP);
    child.assert_alive();
    let baseline_kib = process::read(child.pid()).expect("child memory").peak_kib;

    // 2. Every peer starts at once.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(4)
        .enable_all()
        .build()
        .expect("runtime");
    let ticket = Ticket {
        node: server_id,
        addrs: vec![addr],
    };
    let load_average_at_start = process::load_average().unwrap_or(0.0);
    let probe = FsyncProbe::start(server_dir.path(), PROBE_EVERY).expect("the fsync probe");
    let load_started = Instant::now();
    let cpu_at_start = (
        process::cpu_time(child.pid()).expect("the child's CPU time"),
        process::cpu_time(std::process::id()).expect("our CPU time"),
    );
    for p in &mut peers {
        p.start(&runtime, ticket.clone());
    }
    eprintln!("load: {} peers started", plan.peers);

    // 3. Writes go on while the peers clone and follow.
    let cloned = load_phase(&mut child, &peers, &files, plan, load_started);

    // 4. The writes stop; the child reports its final heads; the peers must converge.
    let stop_at = Instant::now();
    child.stop_writing();
    child.wait_for("final heads", CHILD_LIMIT, |h| h.ended);
    let converge_started = Instant::now();
    let (finals, acks, write_failures, stopped) = {
        let h = child.heard();
        (
            h.heads.clone(),
            h.acks.clone(),
            h.write_failures.clone(),
            h.stopped.unwrap_or(0),
        )
    };
    assert_eq!(
        acks.len() as u64,
        stopped,
        "every acknowledged write was read"
    );
    let behind = converge(&mut child, &peers, &finals, plan.converge_limit);
    let converged_after = converge_started.elapsed();
    let converged = behind.iter().filter(|b| b.is_empty()).count();
    let peak_kib = process::read(child.pid()).expect("child memory").peak_kib;
    let rss_series = sampler.stop();
    let fsyncs = Latencies::new(probe.stop());
    let server_cpu = process::cpu_time(child.pid()).expect("the child's CPU time") - cpu_at_start.0;
    let peers_cpu = process::cpu_time(std::process::id()).expect("our CPU time") - cpu_at_start.1;
    let load_wall = load_started.elapsed();
    let load_average_at_end = process::load_average().unwrap_or(0.0);
    let session_failures_server = child
        .heard()
        .session_failures
        .iter()
        .filter(|(at, _)| *at < stop_at + converged_after)
        .count();
    let session_failures_peers = peers
        .iter()
        .map(|p| p.session_failures.load(Ordering::SeqCst))
        .sum();

    // Stop the peers, and let their sessions end before the runtime goes: a session busy in
    // the store while the runtime shuts down would find its timers gone.
    for p in &mut peers {
        p.stop(&runtime);
    }
    let stopping = Instant::now();
    while peers.iter().any(|p| p.sessions.load(Ordering::SeqCst) > 0)
        && stopping.elapsed() < PEERS_STOP_LIMIT
    {
        std::thread::sleep(Duration::from_millis(50));
    }
    runtime.shutdown_timeout(PEERS_STOP_LIMIT);
    let child_exit = child.finish();
    for (p, b) in peers.iter().zip(&behind) {
        if let Some(f) = b.first() {
            eprintln!(
                "load: {} has {} files behind, e.g. {f}: heads {:?}, the serving node's {:?}",
                p.node.adviser(),
                b.len(),
                p.heads(*f),
                finals[f]
            );
        }
    }
    let missing = missing_writes(&peers, &acks);

    let between = |from: Instant, to: Instant| -> Vec<Ack> {
        acks.iter()
            .filter(|a| a.at >= from && a.at < to)
            .copied()
            .collect()
    };
    let during_sync = between(load_started, stop_at);
    let latencies = |acks: &[Ack]| Latencies::new(acks.iter().map(|a| a.latency).collect());
    Figures {
        warm_up: latencies(&between(started, load_started)),
        during_sync: latencies(&during_sync),
        slowest: acks.iter().max_by_key(|a| a.latency).copied(),
        blocked: during_sync.iter().map(Ack::blocked).sum(),
        waiting_for_cpu: during_sync.iter().map(|a| a.waiting_for_cpu).sum(),
        baseline_kib,
        peak_kib,
        rss_series,
        peers_started_at: load_started.duration_since(spawned),
        cloned,
        converged_after,
        converged,
        acked_checked: (acks.len() * peers.len()) as u64,
        missing,
        session_failures_server,
        session_failures_peers,
        write_failures,
        child_exit,
        server_cpu,
        peers_cpu,
        load_wall,
        load_average: (load_average_at_start, load_average_at_end),
        fsyncs,
        wall: started.elapsed(),
    }
}

fn seconds_or(d: Option<Duration>, otherwise: &str) -> String {
    d.map_or_else(|| otherwise.to_string(), report::seconds)
}

/// The RSS samples as "0 s 60, 5 s 80, ... MiB", one every `step`.
fn rss_over_time(series: &[(Duration, u64)], step: Duration) -> String {
    let mut out = Vec::new();
    let mut next = Duration::ZERO;
    for &(at, kib) in series {
        if at >= next {
            out.push(format!("{} s {}", at.as_secs(), (kib + 512) / 1024));
            next = at + step;
        }
    }
    format!("{} MiB", out.join(", "))
}

fn print_figures(plan: &Plan, fixture: &Fixture, f: &Figures, seed: u64) {
    let t = tier::tier();
    let growth = f.peak_kib.saturating_sub(f.baseline_kib);
    report::print(
        "load",
        &[
            count(plan.peers as u64, "peers"),
            format!(
                "{} ({} people, {} contacts each)",
                count(plan.files as u64, "files"),
                plan.shape.people,
                plan.shape.interactions,
            ),
            format!(
                "{} during sync, write latency {}",
                count(f.during_sync.len() as u64, "writes"),
                f.during_sync.summary(),
            ),
            format!(
                "server RSS {} → {} (peak; +{}, budget +{})",
                process::mib(f.baseline_kib),
                process::mib(f.peak_kib),
                process::mib(growth),
                process::mib(memory_budget_kib(plan))
            ),
            format!(
                "first file on a peer after {}, on every peer after {}, every file on every \
                 peer after {}",
                seconds_or(f.cloned.first_copy_after, "never"),
                seconds_or(f.cloned.every_peer_first_after, "never"),
                seconds_or(
                    f.cloned.cloned_after,
                    &format!(
                        "never ({} of {} copies held)",
                        f.cloned.held,
                        plan.files * plan.peers
                    )
                )
            ),
            format!(
                "{}/{} converged {} after the writes stopped",
                f.converged,
                plan.peers,
                report::seconds(f.converged_after)
            ),
            format!(
                "{} checked on peers, {} missing",
                count(f.acked_checked, "acknowledged writes"),
                f.missing.len()
            ),
            format!("{} tier", t.name()),
            report::seconds(f.wall),
        ],
    );
    println!(
        "load: details: seed {seed}; portfolio written in {}; with 0 peers, {} writes, latency \
         {}; during sync, writes spent {} blocked (write lock, disk) and {} waiting for a CPU in \
         all; slowest write {}; a 4 KiB write and fsync on the same disk meanwhile: {} over {}; \
         sessions ended with an error: {} on the server, {} on peers; load average {:.1} at the \
         peers' start, {:.1} at the end",
        report::seconds(fixture.populate),
        f.warm_up.len(),
        f.warm_up.summary(),
        report::seconds(f.blocked),
        report::seconds(f.waiting_for_cpu),
        f.slowest.map_or_else(|| "none".into(), |a| a.describe()),
        f.fsyncs.summary(),
        f.fsyncs.len(),
        f.session_failures_server,
        f.session_failures_peers,
        f.load_average.0,
        f.load_average.1,
    );
    println!(
        "load: CPU from the peers' start until they converged ({} of wall time): serving \
         process {}, peers {} (this process)",
        report::seconds(f.load_wall),
        report::seconds(f.server_cpu),
        report::seconds(f.peers_cpu)
    );
    println!(
        "load: server RSS over time (peers started at {} s): {}",
        f.peers_started_at.as_secs(),
        rss_over_time(&f.rss_series, Duration::from_secs(5))
    );
}

/// What a run's figures break of the contract, one line each.
fn problems(plan: &Plan, f: &Figures, tag: &str) -> Vec<String> {
    let mut problems: Vec<String> = f
        .write_failures
        .iter()
        .map(|w| format!("{tag}: a write failed: {w}"))
        .collect();
    if f.during_sync.is_empty() {
        problems.push(format!(
            "{tag}: no write was acknowledged during sync: the suite tested nothing"
        ));
    }
    if let Some(a) = f.slowest
        && a.latency > WRITE_LIMIT
    {
        problems.push(format!(
            "{tag}: a write took {} (limit {})",
            a.describe(),
            millis(WRITE_LIMIT)
        ));
    }
    let growth = f.peak_kib.saturating_sub(f.baseline_kib);
    if growth > memory_budget_kib(plan) {
        problems.push(format!(
            "{tag}: the serving process grew by {} over its baseline of {}; the budget is {} \
             for {} peers × {} files in play (at most MAX_FILES_ENTERING = {MAX_FILES_ENTERING} \
             per session) at {PER_FILE_IN_PLAY_KIB} KiB each, plus {} fixed",
            process::mib(growth),
            process::mib(f.baseline_kib),
            process::mib(memory_budget_kib(plan)),
            plan.peers,
            plan.files.min(MAX_FILES_ENTERING),
            process::mib(FIXED_BUDGET_KIB)
        ));
    }
    if f.cloned.cloned_after.is_none() {
        problems.push(format!(
            "{tag}: the peers did not hold every file within {}: {} of {} copies held",
            report::seconds(plan.clone_limit),
            f.cloned.held,
            plan.files * plan.peers
        ));
    }
    if f.converged < plan.peers {
        problems.push(format!(
            "{tag}: {} of {} peers had not converged {} after the writes stopped",
            plan.peers - f.converged,
            plan.peers,
            report::seconds(plan.converge_limit)
        ));
    }
    problems.extend(f.missing.iter().map(|m| format!("{tag}: {m}")));
    match f.child_exit {
        Some(status) if status.success() => {}
        Some(status) => problems.push(format!("{tag}: the serving process ended with {status}")),
        None => problems.push(format!(
            "{tag}: the serving process had not exited {} after its stdin closed",
            report::seconds(CHILD_LIMIT)
        )),
    }
    problems
}

#[test]
fn one_node_serves_20_peers_while_its_adviser_writes() {
    let plan = Plan::from_env();
    let seed = std::env::var("CASEBOOK_SEED")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(0x6c6f_6164_u64);
    let fixture = Fixture::new(&plan);
    eprintln!(
        "load: {} written in {}",
        count(fixture.files.len() as u64, "files"),
        report::seconds(fixture.populate)
    );
    let mut all = Vec::new();
    for r in 0..plan.runs {
        let seed = seed + r as u64;
        let f = run(&plan, &fixture, seed);
        print_figures(&plan, &fixture, &f, seed);
        all.extend(problems(&plan, &f, &format!("run {r} (seed {seed})")));
    }
    assert!(all.is_empty(), "{}", all.join("\n"));
}

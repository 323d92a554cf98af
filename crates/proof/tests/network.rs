//! Suite 6, convergence on a real network: three to five real `casebook serve` processes, each
//! in a Linux network namespace of its own, joined by a full mesh of veth links (iproute2).
//!
//! Each run, from one seed: every node is initialised by the casebook binary, creates a client
//! with one risk, trusts every other node (tickets name the address it dials) and shares its
//! file with each of them, for writing (80%) or reading. Every node serves in its namespace;
//! once all of them hold every file (first contact), a storm begins: every node's adviser edits
//! the files it may write (logs calls, adds actions, reassesses the risk) with the real binary
//! against the node's store while it serves, and every 1–4 s the network changes (split into
//! two or three partitions, random links down, one node cut off, or all up) and every link gets
//! a new latency (0–200 ms each way, with jitter) and loss (0–25%). The storm ends with a split
//! held for 3–6 s, or, every fourth seed, past QUIC's idle timeout (so sessions end and must be
//! dialled again). Then the edits stop and the network heals: every link up, every link left at
//! a moderate 10 ± 5 ms and 1% loss (a real network is never perfect).
//!
//! The suite measures the time from the heal until every node holds identical heads for every
//! file (polling each store's heads index, then confirmed by `casebook history --json` on every
//! node), and checks the contract: every node shows the same account file and the same
//! conflicts, and holds every acknowledged edit (a command that exited 0).
//!
//! Latency and loss come from `tc netem` where the kernel has it; where it has not, from a
//! userspace UDP relay in each namespace (`src/bin/udp-impair.rs`) that peers dial instead of
//! the node. The suite says which. Where namespaces cannot be made (not root, no iproute2), it
//! says why and skips itself.
//!
//! The schedule (nodes, sharing, storm, edits, network changes) comes from the seed; timing is
//! real, so a replay repeats the schedule, not every interleaving. `CASEBOOK_SEED=N` runs one
//! seed.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::io::Write;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use casebook::{FileId, STORE_FILE, Store};
use casebook_proof::netns::impair::{Impairer, Impairment, Mechanism, Relay};
use casebook_proof::netns::mesh::Mesh;
use casebook_proof::netns::node::{Casebook, Running};
use casebook_proof::netns::{self, PREFIX};
use casebook_proof::report;
use casebook_proof::rng::Rng;
use casebook_proof::tier::{self, Tier};
use serde_json::Value;

/// The casebook binary, built from crates/cli's sources as a bin of this package.
const CASEBOOK: &str = env!("CARGO_BIN_EXE_casebook-network-node");
/// The userspace impairment relay.
const RELAY: &str = env!("CARGO_BIN_EXE_udp-impair");
/// Where every node serves, inside its own namespace.
const SERVE_PORT: u16 = 7447;
/// The longest one casebook command may run before it is killed and counted as a hang.
const COMMAND_LIMIT: Duration = Duration::from_secs(60);
/// How long the nodes may take to hold every file after they first start serving.
const FIRST_CONTACT_LIMIT: Duration = Duration::from_secs(120);
/// How long the nodes may take, after the heal, to hold identical heads for every file.
const CONVERGE_LIMIT: Duration = Duration::from_secs(120);
/// QUIC's idle timeout: a session across a split held longer than this ends.
const IDLE_TIMEOUT: Duration = Duration::from_millis(casebook::limits::IDLE_TIMEOUT_MS as u64);
/// Every link after the heal: a moderate, imperfect network.
const HEALED: Impairment = Impairment {
    delay_ms: 10,
    jitter_ms: 5,
    loss_percent: 1.0,
};

/// What one run does, drawn from its seed.
#[derive(Debug)]
struct Plan {
    seed: u64,
    nodes: usize,
    /// How long the network keeps changing.
    storm: Duration,
    /// How long the split that ends the storm lasts (the advisers edit throughout).
    last_split: Duration,
    /// `writes[f][j]`: node `j` may write the file node `f` created (always its own).
    writes: Vec<Vec<bool>>,
}

impl Plan {
    fn new(seed: u64, tier: Tier) -> Self {
        let mut rng = Rng::new(seed);
        // Consecutive seeds cycle through 3, 4 and 5 nodes, so every tier meets all three.
        let nodes = 3 + usize::try_from(seed % 3).unwrap_or(0);
        let storm = Duration::from_secs(tier.pick(20, 60 + rng.below(121)));
        // Every fourth seed (1, 5, 9, ...: 4, 5, 3 nodes in turn) holds the last split past
        // QUIC's idle timeout, so the sessions across it end and the heal needs new dials.
        let last_split = if seed % 4 == 1 {
            IDLE_TIMEOUT + Duration::from_millis(3_000 + rng.below(3_000))
        } else {
            Duration::from_millis(3_000 + rng.below(3_000))
        };
        let writes = (0..nodes)
            .map(|f| (0..nodes).map(|j| j == f || rng.chance(80)).collect())
            .collect();
        Self {
            seed,
            nodes,
            storm,
            last_split,
            writes,
        }
    }
}

fn adviser(i: usize) -> String {
    format!("Adviser {i}")
}

fn peer_name(i: usize) -> String {
    format!("n{i}")
}

/// One node of a run, as the binary reported it at set-up.
#[derive(Clone, Debug)]
struct Node {
    cli: Casebook,
    /// Its node id.
    id: String,
    /// The file id of the client it created.
    file: String,
    /// The id of that client's risk.
    risk: String,
}

/// Run a set-up command and return its JSON; set-up must not fail.
fn must(cli: &Casebook, args: &[&str]) -> Value {
    let ran = cli
        .run(args, COMMAND_LIMIT)
        .expect("the casebook binary starts");
    ran.json().unwrap_or_else(|| {
        panic!(
            "`casebook {}` failed in {}: {}",
            args.join(" "),
            cli.dir().display(),
            ran.stderr
        )
    })
}

fn text(v: &Value, key: &str) -> String {
    v[key]
        .as_str()
        .unwrap_or_else(|| panic!("no '{key}' in {v}"))
        .to_string()
}

/// Initialise every node, create its client and risk, make every node trust every other (the
/// ticket names the address it dials), and share each file with every other node.
fn set_up(plan: &Plan, dir: &Path, mesh: &Mesh, impairer: &Impairer) -> Vec<Node> {
    let mut nodes = Vec::with_capacity(plan.nodes);
    for i in 0..plan.nodes {
        let cli = Casebook::new(Path::new(CASEBOOK), &dir.join(format!("n{i}")));
        let id = text(&must(&cli, &["init", "--name", &adviser(i)]), "node_id");
        let name = format!("Client {i} of seed {}", plan.seed);
        let file = text(&must(&cli, &["client", "add", "--name", &name]), "file_id");
        let risk = must(
            &cli,
            &[
                "risk",
                "add",
                &file,
                "Key supplier failure",
                "--likelihood",
                "3",
                "--severity",
                "3",
            ],
        );
        let risk = text(&risk, "entry");
        nodes.push(Node {
            cli,
            id,
            file,
            risk,
        });
    }
    for i in 0..plan.nodes {
        for j in (0..plan.nodes).filter(|&j| j != i) {
            let addr = impairer.dial_addr(mesh, i, j, SERVE_PORT).to_string();
            let ticket = text(&must(&nodes[j].cli, &["invite", "--addr", &addr]), "ticket");
            must(
                &nodes[i].cli,
                &[
                    "peer",
                    "add",
                    &ticket,
                    "--name",
                    &peer_name(j),
                    "--adviser",
                    &adviser(j),
                ],
            );
        }
    }
    for (f, owner) in nodes.iter().enumerate() {
        for j in (0..plan.nodes).filter(|&j| j != f) {
            let role = if plan.writes[f][j] {
                "--write"
            } else {
                "--read"
            };
            must(&owner.cli, &["share", &owner.file, &peer_name(j), role]);
        }
    }
    nodes
}

/// What a node's `casebook history FILE --json` says: the heads, and each change's author node
/// (none for schema changes) and message.
#[derive(Debug, PartialEq)]
struct History {
    heads: BTreeSet<String>,
    changes: Vec<(Option<String>, String)>,
}

/// The file's history on one node, or `None` if the node does not hold it (yet).
fn history(cli: &Casebook, file: &str) -> Option<History> {
    let v = cli.run(&["history", file], COMMAND_LIMIT).ok()?.json()?;
    let entries = v.as_array()?;
    let mut hashes = BTreeSet::new();
    let mut deps = BTreeSet::new();
    let mut changes = Vec::with_capacity(entries.len());
    for e in entries {
        hashes.insert(e["hash"].as_str()?.to_string());
        for d in e["deps"].as_array()? {
            deps.insert(d.as_str()?.to_string());
        }
        changes.push((
            e["author"]["id"].as_str().map(str::to_string),
            e["message"].as_str().unwrap_or_default().to_string(),
        ));
    }
    // The heads: the changes no other change builds on.
    let heads = hashes.difference(&deps).cloned().collect();
    Some(History { heads, changes })
}

/// How the wait for identical heads went.
#[derive(Debug)]
struct Settled {
    /// From the start until the poll that first saw every file identical ended.
    after: Duration,
    /// The longest poll of the heads index: the measurement's resolution.
    longest_poll: Duration,
    /// Files whose heads were missing or differed somewhere at the first poll.
    apart_at_start: usize,
}

/// Every file's heads on one node, from its store's heads index (the index sync and `casebook
/// status` read; no document load), or `None` for a file it does not hold (yet). The store is
/// opened on the first poll and kept open (as `casebook serve` keeps it), so a poll is a read
/// transaction, not an open.
fn indexed_heads(
    store: &mut Option<Store>,
    node: &Node,
    nodes: &[Node],
) -> Vec<Option<BTreeSet<String>>> {
    if store.is_none() {
        *store = Store::open(&node.cli.dir().join(STORE_FILE)).ok();
    }
    nodes
        .iter()
        .map(|f| {
            let store = store.as_ref()?;
            let heads = store.heads(f.file.parse::<FileId>().ok()?).ok()??;
            Some(heads.iter().map(ToString::to_string).collect())
        })
        .collect()
}

/// Every file's heads on every node as the binary reports them (`casebook history --json`),
/// one thread per node.
fn reported_heads(nodes: &[Node]) -> Vec<Vec<Option<BTreeSet<String>>>> {
    std::thread::scope(|s| {
        let handles: Vec<_> = nodes
            .iter()
            .map(|n| {
                s.spawn(move || {
                    nodes
                        .iter()
                        .map(|f| history(&n.cli, &f.file).map(|h| h.heads))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("a history thread"))
            .collect()
    })
}

/// The files (by creating node) whose heads are missing or differ between nodes, described.
fn differing(seen: &[Vec<Option<BTreeSet<String>>>]) -> Vec<String> {
    let files = seen.first().map_or(0, Vec::len);
    (0..files)
        .filter(|&f| seen[0][f].is_none() || seen.iter().any(|node| node[f] != seen[0][f]))
        .map(|f| {
            let heads: Vec<String> = seen
                .iter()
                .map(|node| match &node[f] {
                    None => "missing".to_string(),
                    Some(h) => format!("{} head(s) {}", h.len(), join_short(h)),
                })
                .collect();
            format!("file of n{f}: {}", heads.join(" | "))
        })
        .collect()
}

/// Wait until every node holds every file with identical heads, or until `limit` after `start`.
/// The time, counted from `start`, is taken from polling every node's heads index (a few
/// milliseconds a poll); the result is then confirmed by what the binary reports (`casebook
/// history --json` on every node for every file), which must be the same heads.
fn await_identical(nodes: &[Node], start: Instant, limit: Duration) -> Result<Settled, String> {
    let mut longest_poll = Duration::ZERO;
    let mut apart_at_start = None;
    let mut stores: Vec<Option<Store>> = nodes.iter().map(|_| None).collect();
    loop {
        let poll = Instant::now();
        let seen: Vec<_> = stores
            .iter_mut()
            .zip(nodes)
            .map(|(store, n)| indexed_heads(store, n, nodes))
            .collect();
        longest_poll = longest_poll.max(poll.elapsed());
        let apart = differing(&seen);
        let apart_at_start = *apart_at_start.get_or_insert(apart.len());
        if apart.is_empty() {
            let after = start.elapsed();
            let reported = reported_heads(nodes);
            if reported != seen {
                return Err(format!(
                    "every heads index agrees, but `casebook history` reports otherwise: {}",
                    differing(&reported).join("; ")
                ));
            }
            return Ok(Settled {
                after,
                longest_poll,
                apart_at_start,
            });
        }
        if start.elapsed() > limit {
            return Err(format!(
                "not identical after {}: {}",
                report::seconds(start.elapsed()),
                apart.join("; ")
            ));
        }
        std::thread::sleep(Duration::from_millis(25));
    }
}

fn join_short(heads: &BTreeSet<String>) -> String {
    heads
        .iter()
        .map(|h| &h[..h.len().min(8)])
        .collect::<Vec<_>>()
        .join(",")
}

/// The kinds of edit the advisers make during the storm.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// `casebook log`: a new entry in the contact log.
    Log,
    /// `casebook action add`: a new agreed action.
    Action,
    /// `casebook risk assess`: new likelihood, severity and mitigation (registers that other
    /// advisers set concurrently, so conflicts arise).
    Assess,
}

/// An edit the binary acknowledged (exit code 0).
#[derive(Debug)]
struct Acked {
    node: usize,
    file: usize,
    kind: Kind,
    /// The new entry's id, for a log or an action.
    entry: Option<String>,
}

/// What one node's adviser did during the storm.
#[derive(Debug, Default)]
struct EditorLog {
    acked: Vec<Acked>,
    failed: Vec<String>,
    timed_out: usize,
}

/// Sets its flag when dropped, also while unwinding from a panic.
struct StopOnDrop<'a>(&'a AtomicBool);

impl Drop for StopOnDrop<'_> {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

/// Sleep `d`, waking early if `stop` is set; whether it was.
fn sleep_unless(stop: &AtomicBool, d: Duration) -> bool {
    let end = Instant::now() + d;
    while Instant::now() < end {
        if stop.load(Ordering::Relaxed) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20).min(end - Instant::now()));
    }
    stop.load(Ordering::Relaxed)
}

/// Node `me`'s adviser: every 0.2–1 s, one edit of a file it may write, by the binary against
/// the node's store while the node serves, until `stop`.
fn edit_until(me: usize, nodes: &[Node], plan: &Plan, stop: &AtomicBool) -> EditorLog {
    let mut rng = Rng::new(plan.seed ^ (0x6564_6974 + me as u64));
    let writable: Vec<usize> = (0..nodes.len()).filter(|&f| plan.writes[f][me]).collect();
    let cli = &nodes[me].cli;
    let mut log = EditorLog::default();
    for n in 0u64.. {
        if sleep_unless(stop, Duration::from_millis(200 + rng.below(800))) {
            break;
        }
        let f = writable[rng.index(writable.len())];
        let (file, risk) = (&nodes[f].file, &nodes[f].risk);
        let token = format!("seed {} node {me} edit {n}", plan.seed);
        let (likelihood, severity) = (
            (1 + rng.below(5)).to_string(),
            (1 + rng.below(5)).to_string(),
        );
        let (kind, args): (Kind, Vec<&str>) = match rng.below(100) {
            0..55 => (
                Kind::Log,
                vec![
                    "log",
                    file,
                    "--kind",
                    "call",
                    "--direction",
                    "outbound",
                    "--purpose",
                    "progress-review",
                    "--minutes",
                    "15",
                    "--summary",
                    &token,
                ],
            ),
            55..80 => (Kind::Action, vec!["action", "add", file, &token]),
            _ => (
                Kind::Assess,
                vec![
                    "risk",
                    "assess",
                    file,
                    risk,
                    "--likelihood",
                    &likelihood,
                    "--severity",
                    &severity,
                    // A new mitigation every time, so every assessment is a change.
                    "--mitigation",
                    &token,
                ],
            ),
        };
        let ran = cli
            .run(&args, COMMAND_LIMIT)
            .expect("the casebook binary starts");
        if ran.timed_out {
            log.timed_out += 1;
            log.failed.push(format!("n{me}: `{}` hung", args.join(" ")));
        } else if let Some(v) = ran.json() {
            log.acked.push(Acked {
                node: me,
                file: f,
                kind,
                entry: v["entry"].as_str().map(str::to_string),
            });
        } else {
            log.failed.push(format!(
                "n{me}: `{}` failed: {}",
                args.join(" "),
                ran.stderr.trim()
            ));
        }
    }
    log
}

/// The run's own log (`run.log` beside the stores and serve logs, kept with them if the run
/// fails): each network change and the heal, with UTC times to the millisecond, as the serve
/// logs (`--json`) carry them.
#[derive(Debug)]
struct Journal(File);

impl Journal {
    fn note(&mut self, what: &str) {
        let at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
        // The journal only helps a post-mortem; a failed write must not fail the run.
        let _ = writeln!(self.0, "{at} {what}");
    }
}

/// What the network did during a storm.
#[derive(Debug, Default)]
struct StormLog {
    /// Times the network changed.
    changes: usize,
    /// Changes that left at least one link down.
    partitioned: usize,
    /// Links taken down (an up link going down).
    links_down: usize,
}

/// A split of `n` nodes into `groups` non-empty groups: each node's group.
fn split(rng: &mut Rng, n: usize, groups: u64) -> Vec<u64> {
    let mut group: Vec<u64> = (0..n).map(|_| rng.below(groups)).collect();
    // The first `groups` nodes of a random order get one group each, so none is empty.
    let mut order: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        order.swap(i, rng.index(i + 1));
    }
    for (g, &node) in order.iter().take(groups as usize).enumerate() {
        group[node] = g as u64;
    }
    group
}

/// Change the network every 1–4 s until the storm's end: new link states (two or three
/// partitions, random links down, one node cut off, or all up) and a new latency and loss on
/// every link. Then a split into two or three partitions for the plan's last split, so the
/// advisers' last edits diverge and the heal has work to do.
fn storm(plan: &Plan, mesh: &mut Mesh, impairer: &mut Impairer, journal: &mut Journal) -> StormLog {
    let mut rng = Rng::new(plan.seed ^ 0x6e65_7477);
    let last = Instant::now() + plan.storm;
    let end = last + plan.last_split;
    let links = mesh.links();
    let n = mesh.len();
    let mut log = StormLog::default();
    loop {
        let is_last = Instant::now() >= last;
        let kind = if is_last { 0 } else { rng.below(100) };
        let down: Vec<bool> = match kind {
            0..40 => {
                let groups = 2 + rng.below(2);
                let group = split(&mut rng, n, groups);
                links.iter().map(|&(a, b)| group[a] != group[b]).collect()
            }
            40..65 => links.iter().map(|_| rng.chance(35)).collect(),
            65..80 => {
                let alone = rng.index(n);
                links
                    .iter()
                    .map(|&(a, b)| a == alone || b == alone)
                    .collect()
            }
            _ => vec![false; links.len()],
        };
        log.changes += 1;
        if down.iter().any(|&d| d) {
            log.partitioned += 1;
        }
        let mut note = Vec::with_capacity(links.len());
        for (&(a, b), &d) in links.iter().zip(&down) {
            if mesh.set_link(a, b, !d).expect("ip link set") && d {
                log.links_down += 1;
            }
            let delay_ms = rng.below(201);
            let imp = Impairment {
                delay_ms,
                jitter_ms: rng.below(delay_ms / 2 + 1),
                loss_percent: if rng.chance(20) {
                    10 + rng.below(16)
                } else {
                    rng.below(11)
                } as f64,
            };
            impairer.set(mesh, a, b, imp).expect("impair a link");
            note.push(if d {
                format!("{a}-{b} down")
            } else {
                format!(
                    "{a}-{b} {}±{} ms {}%",
                    imp.delay_ms, imp.jitter_ms, imp.loss_percent
                )
            });
        }
        journal.note(&format!("network change: {}", note.join(", ")));
        if is_last {
            std::thread::sleep(end.saturating_duration_since(Instant::now()));
            return log;
        }
        let pause = Duration::from_millis(1_000 + rng.below(3_000));
        std::thread::sleep(pause.min(last.saturating_duration_since(Instant::now())));
    }
}

/// Check the contract once heads are identical: every node shows the same account file and
/// the same conflicts, and holds every acknowledged edit. Returns the problems found and the
/// number of conflicts listed (the same on every node).
fn check(nodes: &[Node], acked: &[Acked]) -> (Vec<String>, usize) {
    let mut problems = Vec::new();
    let mut conflicts = 0;
    for (f, owner) in nodes.iter().enumerate() {
        let shows: Vec<Option<Value>> = nodes
            .iter()
            .map(|n| {
                n.cli
                    .run(&["show", &owner.file], COMMAND_LIMIT)
                    .ok()?
                    .json()
            })
            .collect();
        let listed: Vec<Option<Value>> = nodes
            .iter()
            .map(|n| {
                n.cli
                    .run(&["conflicts", &owner.file], COMMAND_LIMIT)
                    .ok()?
                    .json()
            })
            .collect();
        let histories: Vec<Option<History>> =
            nodes.iter().map(|n| history(&n.cli, &owner.file)).collect();
        if shows.iter().any(|s| s != &shows[0]) || shows[0].is_none() {
            problems.push(format!(
                "the file of n{f} reads differently on different nodes"
            ));
        }
        if listed.iter().any(|c| c != &listed[0]) || listed[0].is_none() {
            problems.push(format!(
                "the file of n{f} lists different conflicts on different nodes"
            ));
        }
        conflicts += listed[0]
            .as_ref()
            .and_then(Value::as_array)
            .map_or(0, Vec::len);
        for (v, (show, hist)) in shows.iter().zip(&histories).enumerate() {
            let (Some(show), Some(hist)) = (show, hist) else {
                problems.push(format!("n{v} cannot read the file of n{f}"));
                continue;
            };
            let file = &show["account_file"];
            let mut assessed: BTreeMap<usize, usize> = BTreeMap::new();
            for a in acked.iter().filter(|a| a.file == f) {
                let section = match a.kind {
                    Kind::Log => "interactions",
                    Kind::Action => "actions",
                    Kind::Assess => {
                        *assessed.entry(a.node).or_default() += 1;
                        continue;
                    }
                };
                let entry = a.entry.as_deref().unwrap_or("(no id)");
                if file[section].get(entry).is_none() {
                    problems.push(format!(
                        "n{v} lacks {section} entry {entry} acknowledged by n{} in the file of n{f}",
                        a.node
                    ));
                }
            }
            for (&author, &count) in &assessed {
                let held = hist
                    .changes
                    .iter()
                    .filter(|(by, message)| {
                        by.as_deref() == Some(nodes[author].id.as_str())
                            && message.contains("assessed")
                    })
                    .count();
                if held < count {
                    problems.push(format!(
                        "n{v} holds {held} of the {count} assessments n{author} made of the \
                         risk in the file of n{f}"
                    ));
                }
            }
        }
    }
    (problems, conflicts)
}

/// Sessions the nodes dialled, from their serve logs.
fn sessions_dialled(dir: &Path, nodes: usize) -> usize {
    (0..nodes)
        .filter_map(|i| std::fs::read_to_string(dir.join(format!("n{i}.serve.log"))).ok())
        .map(|log| {
            log.lines()
                .filter(|l| l.contains("connected to") && l.contains("(dialled)"))
                .count()
        })
        .sum()
}

/// The running parts of one run's network, stopped in this order when dropped: the serving
/// nodes, then the relays, then the namespaces and links.
#[derive(Debug)]
struct Network {
    serving: Vec<Running>,
    impairer: Impairer,
    mesh: Mesh,
}

/// What one run found.
#[derive(Debug, Default)]
struct Outcome {
    nodes: usize,
    acked: usize,
    failed: usize,
    timed_out: usize,
    storm: StormLog,
    sessions: usize,
    relayed: Option<(u64, u64)>,
    conflicts: usize,
    /// From the first `casebook serve` until every node held every file.
    first_contact: Duration,
    /// Files whose heads differed between nodes (or were missing) at the heal.
    apart_at_heal: usize,
    /// From the heal until every node held identical heads for every file.
    healed_in: Option<Duration>,
    longest_poll: Duration,
    problems: Vec<String>,
}

fn run(run_no: usize, plan: &Plan, mechanism: Mechanism) -> Outcome {
    let tmp = tempfile::Builder::new()
        .prefix("casebook-network-")
        .tempdir()
        .expect("a temporary directory");
    let mut out = Outcome {
        nodes: plan.nodes,
        ..Outcome::default()
    };
    let prefix = format!("{PREFIX}-{}-r{run_no}", std::process::id());
    let mesh = Mesh::create(&prefix, plan.nodes).expect("the namespaces and links");
    let impairer = Impairer::start(mechanism, &mesh, Path::new(RELAY), plan.seed, SERVE_PORT)
        .expect("the impairment");
    let mut net = Network {
        serving: Vec::new(),
        impairer,
        mesh,
    };
    let mut journal = Journal(File::create(tmp.path().join("run.log")).expect("the run's log"));
    journal.note(&format!("{plan:?}"));
    let nodes = set_up(plan, tmp.path(), &net.mesh, &net.impairer);
    let listen = SocketAddr::from(([0, 0, 0, 0], SERVE_PORT));
    // Serve long enough for the whole run; the guard kills it sooner.
    let life = (plan.storm + plan.last_split).as_secs() + 900;
    for (i, n) in nodes.iter().enumerate() {
        let log = File::create(tmp.path().join(format!("n{i}.serve.log"))).expect("a log file");
        let serving = n
            .cli
            .serve(net.mesh.namespace(i), listen, life, log)
            .expect("casebook serve starts");
        net.serving.push(serving);
    }
    journal.note("serving");
    match await_identical(&nodes, Instant::now(), FIRST_CONTACT_LIMIT) {
        Ok(s) => {
            journal.note("first contact: every node holds every file");
            out.first_contact = s.after;
        }
        Err(e) => {
            out.problems.push(format!("first contact: {e}"));
            return finish(out, tmp, &mut net);
        }
    }

    let stop = AtomicBool::new(false);
    let (editors, storm_log) = std::thread::scope(|s| {
        let editors: Vec<_> = (0..nodes.len())
            .map(|me| {
                let (nodes, stop) = (&nodes, &stop);
                s.spawn(move || edit_until(me, nodes, plan, stop))
            })
            .collect();
        // Should the storm panic, the editors must still stop, or the scope would wait forever.
        let stopping = StopOnDrop(&stop);
        let storm_log = storm(plan, &mut net.mesh, &mut net.impairer, &mut journal);
        drop(stopping);
        let editors: Vec<EditorLog> = editors
            .into_iter()
            .map(|h| h.join().expect("an editor thread"))
            .collect();
        (editors, storm_log)
    });
    out.storm = storm_log;
    let mut acked = Vec::new();
    for e in editors {
        out.failed += e.failed.len();
        out.timed_out += e.timed_out;
        out.problems.extend(e.failed);
        acked.extend(e.acked);
    }
    out.acked = acked.len();

    // Heal: every link moderately impaired, then every link up. The clock starts before the
    // first link comes up, so bringing them all up counts against the time measured.
    for (a, b) in net.mesh.links() {
        net.impairer
            .set(&net.mesh, a, b, HEALED)
            .expect("impair a link");
    }
    journal.note("heal: every link up from here");
    let heal = Instant::now();
    for (a, b) in net.mesh.links() {
        net.mesh.set_link(a, b, true).expect("ip link set up");
    }
    let settled = await_identical(&nodes, heal, CONVERGE_LIMIT);
    journal.note(&format!("after the heal: {settled:?}"));
    match settled {
        Ok(s) => {
            out.healed_in = Some(s.after);
            out.longest_poll = s.longest_poll;
            out.apart_at_heal = s.apart_at_start;
            let (problems, conflicts) = check(&nodes, &acked);
            out.problems.extend(problems);
            out.conflicts = conflicts;
        }
        Err(e) => out.problems.push(format!("after the heal: {e}")),
    }
    for (i, s) in net.serving.iter_mut().enumerate() {
        if s.has_exited() {
            out.problems
                .push(format!("n{i}'s casebook serve exited during the run"));
        }
    }
    finish(out, tmp, &mut net)
}

/// Collect the relays' counts and the sessions, and keep the run's directory (stores and serve
/// logs) if anything went wrong.
fn finish(mut out: Outcome, tmp: tempfile::TempDir, net: &mut Network) -> Outcome {
    out.relayed = net.impairer.relayed().unwrap_or(None);
    net.serving.clear();
    out.sessions = sessions_dialled(tmp.path(), out.nodes);
    if !out.problems.is_empty() {
        let kept: PathBuf = tmp.keep();
        out.problems
            .push(format!("stores and serve logs kept in {}", kept.display()));
    }
    out
}

/// The nearest-rank percentile `p` of sorted `values`.
fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

#[test]
fn every_node_converges_after_the_network_heals() {
    if let Some(why) = netns::unavailable() {
        println!("real network: skipped: {why}");
        return;
    }
    let swept = netns::sweep_leftovers();
    if swept > 0 {
        println!("real network: removed {swept} namespace(s) left by an earlier killed run");
    }
    let tier = tier::tier();
    let mechanism = Mechanism::detect(&format!("{PREFIX}-{}-netem", std::process::id()))
        .expect("a throwaway namespace to look for netem");
    println!(
        "real network: latency and loss: {}",
        mechanism.description()
    );
    let seeds = tier::seeds(1..=tier.pick(3, 50)).unwrap_or_else(|e| panic!("{e}"));
    let started = Instant::now();
    let mut total = Outcome::default();
    let mut healed = Vec::new();
    let mut failed_runs = Vec::new();
    let (mut relayed, mut dropped) = (0u64, 0u64);
    let mut held_past_idle_timeout = 0;
    for (run_no, &seed) in seeds.iter().enumerate() {
        let plan = Plan::new(seed, tier);
        held_past_idle_timeout += usize::from(plan.last_split > IDLE_TIMEOUT);
        let o = run(run_no, &plan, mechanism);
        println!(
            "  seed {seed}: {} nodes, first contact {}, {} s of edits (the last split held {} s), \
             {} acknowledged edits, {} network changes ({} links taken down), {} sessions \
             dialled, {} of {} files apart at the heal, heal → identical heads {}, {} conflicts",
            o.nodes,
            report::seconds(o.first_contact),
            (plan.storm + plan.last_split).as_secs(),
            plan.last_split.as_secs(),
            o.acked,
            o.storm.changes,
            o.storm.links_down,
            o.sessions,
            o.apart_at_heal,
            o.nodes,
            o.healed_in.map_or("never".into(), report::seconds),
            o.conflicts,
        );
        total.nodes += o.nodes;
        total.acked += o.acked;
        total.failed += o.failed;
        total.timed_out += o.timed_out;
        total.storm.changes += o.storm.changes;
        total.storm.partitioned += o.storm.partitioned;
        total.storm.links_down += o.storm.links_down;
        total.sessions += o.sessions;
        total.conflicts += o.conflicts;
        total.apart_at_heal += o.apart_at_heal;
        total.longest_poll = total.longest_poll.max(o.longest_poll);
        if let Some((f, d)) = o.relayed {
            relayed += f;
            dropped += d;
        }
        if o.problems.is_empty()
            && let Some(h) = o.healed_in
        {
            healed.push(h);
        } else {
            failed_runs.push(format!("seed {seed}:\n    {}", o.problems.join("\n    ")));
        }
    }
    healed.sort();
    let runs = seeds.len() as u64;
    let mut parts = vec![
        report::count(runs, "runs"),
        format!("{} nodes in all (3–5 a run)", total.nodes),
        format!(
            "{} ({} failed, {} timed out)",
            report::count(total.acked as u64, "acknowledged edits"),
            total.failed,
            total.timed_out
        ),
        format!(
            "{} ({} partitioned, {} links taken down)",
            report::count(total.storm.changes as u64, "network changes"),
            total.storm.partitioned,
            report::thousands(total.storm.links_down as u64)
        ),
        format!("{held_past_idle_timeout} held their last split past QUIC's idle timeout"),
        report::count(total.sessions as u64, "sessions dialled"),
    ];
    if mechanism == Mechanism::Relay {
        parts.push(format!(
            "{} ({} dropped)",
            report::count(relayed, "datagrams relayed"),
            report::thousands(dropped)
        ));
    }
    parts.extend([
        format!(
            "{} of {} files apart at the heal",
            total.apart_at_heal, total.nodes
        ),
        format!(
            "{} converged ({:.0}%)",
            healed.len(),
            100.0 * healed.len() as f64 / runs as f64
        ),
        format!(
            "heal → identical heads p50 {}, p99 {}, max {} (heads index polled every 25 ms, polls took up to {})",
            report::seconds(percentile(&healed, 50.0)),
            report::seconds(percentile(&healed, 99.0)),
            report::seconds(healed.last().copied().unwrap_or_default()),
            report::seconds(total.longest_poll)
        ),
        report::count(
            total.conflicts as u64,
            "conflicts listed alike on every node",
        ),
        format!("latency and loss: {}", mechanism.description()),
        format!("{} tier", tier.name()),
        report::seconds(started.elapsed()),
    ]);
    report::print("real network", &parts);
    assert!(
        failed_runs.is_empty(),
        "{} of {runs} runs failed (replay one with CASEBOOK_SEED=N):\n{}",
        failed_runs.len(),
        failed_runs.join("\n")
    );
    assert!(
        total.acked > 0,
        "no edit was acknowledged: the suite tested nothing"
    );
}

/// `socket.recv_from`, again when a signal interrupts it (it did once in CI-like runs, with
/// `EINTR`, while other tests of this binary ran child processes).
fn recv_from(socket: &std::net::UdpSocket, buf: &mut [u8]) -> std::io::Result<(usize, SocketAddr)> {
    loop {
        match socket.recv_from(buf) {
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            other => return other,
        }
    }
}

/// The relay itself, on loopback only: a datagram waits the delay each way, and a link at 100%
/// loss carries nothing (and counts what it dropped). Needs no namespace.
#[test]
fn the_relay_delays_and_drops_as_told() {
    let echo = std::net::UdpSocket::bind("127.0.0.1:0").expect("an echo socket");
    let echo_addr = echo.local_addr().expect("its address");
    std::thread::spawn(move || {
        let mut buf = [0u8; 64];
        while let Ok((n, from)) = recv_from(&echo, &mut buf) {
            let _ = echo.send_to(&buf[..n], from);
        }
    });
    let mut relay = Relay::start(
        std::process::Command::new(RELAY),
        7,
        echo_addr,
        &["127.0.0.1:0".parse().expect("an address")],
    )
    .expect("the relay starts");
    let link = relay.links()[0];
    let client = std::net::UdpSocket::bind("127.0.0.1:0").expect("a client socket");
    client
        .set_read_timeout(Some(Duration::from_millis(800)))
        .expect("a read timeout");
    let delayed = Impairment {
        delay_ms: 100,
        jitter_ms: 0,
        loss_percent: 0.0,
    };
    relay.set(link, delayed).expect("set a delay");
    let mut buf = [0u8; 64];
    for _ in 0..3 {
        let sent = Instant::now();
        client.send_to(b"ping", link).expect("send");
        let (n, from) = recv_from(&client, &mut buf).expect("the echo comes back");
        assert_eq!((&buf[..n], from), (&b"ping"[..], link));
        let rtt = sent.elapsed();
        assert!(
            rtt >= Duration::from_millis(200),
            "100 ms each way took {rtt:?}"
        );
    }
    let lossy = Impairment {
        loss_percent: 100.0,
        ..Impairment::NONE
    };
    relay.set(link, lossy).expect("set loss");
    for _ in 0..5 {
        client.send_to(b"lost", link).expect("send");
    }
    let nothing = recv_from(&client, &mut buf).map(|(n, _)| n);
    assert!(
        nothing.as_ref().is_err_and(|e| matches!(
            e.kind(),
            std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
        )),
        "a link with 100% loss carried a datagram, or the socket failed: {nothing:?}"
    );
    let (forwarded, dropped) = relay.stats().expect("stats");
    assert_eq!((forwarded, dropped), (6, 5));
}

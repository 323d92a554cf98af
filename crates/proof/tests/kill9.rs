//! Suite 4, real kill -9: a child process (`kill9-writer`) logs calls in a loop on a real
//! store in a real directory and reports each change only after its commit returned; half of
//! the runs it also serves, and this process syncs changes of its own into it while it writes.
//! At a random moment the child is killed with SIGKILL; then the store is opened and checked:
//! it opens, redb's integrity check passes, every document loads with the heads the index
//! records and a summary that matches it, and every acknowledged change is present — the
//! child's own, and every change of ours that a completed sync session had handed over.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use casebook::automerge::{ChangeHash, ReadDoc};
use casebook::edit::{self, NewClient};
use casebook::{FileId, Node, STORE_FILE, Store, Ticket};
use casebook_proof::rng::Rng;
use casebook_proof::sample::call;
use casebook_proof::tier;

/// How long a run may wait for the child's first words before it fails.
const START_LIMIT: Duration = Duration::from_secs(60);

/// What the child said, read on a thread.
#[derive(Default)]
struct Heard {
    addr: Option<String>,
    acked: Vec<ChangeHash>,
}

fn spawn_child(dir: &Path, serve: bool) -> (Child, Arc<Mutex<Heard>>) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kill9-writer"));
    cmd.arg(dir).stdout(Stdio::piped()).stderr(Stdio::null());
    if serve {
        cmd.arg("--serve");
    }
    let mut child = cmd.spawn().expect("the writer starts");
    let stdout = child.stdout.take().expect("the writer's stdout");
    let heard = Arc::new(Mutex::new(Heard::default()));
    let sink = Arc::clone(&heard);
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            let mut h = sink.lock().expect("heard");
            if let Some(addr) = line.strip_prefix("addr ") {
                h.addr = Some(addr.to_string());
            } else if let Some(hash) = line.strip_prefix("ack ") {
                // A torn last line (the kill came mid-write) is not an acknowledgement.
                if let Ok(hash) = hash.parse() {
                    h.acked.push(hash);
                }
            }
        }
    });
    (child, heard)
}

/// What one run found.
#[derive(Debug, Default)]
struct Outcome {
    acked: usize,
    synced: usize,
    lost: usize,
    failed_open: bool,
    problem: Option<String>,
}

/// One run: set up, start the child, (sync into it), kill it after `after`, verify.
fn run(rng: &mut Rng, serve: bool) -> Outcome {
    let child_dir = tempfile::tempdir().expect("tempdir");
    let peer_dir = tempfile::tempdir().expect("tempdir");
    let file: FileId;
    let child_id;
    let peer = Arc::new(Node::init(peer_dir.path(), "Bob Evans").expect("peer node"));
    {
        let node = Node::init(child_dir.path(), "Alice Morgan").expect("child node");
        file = node
            .create_client(&NewClient {
                name: "Kill Nine Ltd".into(),
                ..Default::default()
            })
            .expect("client");
        child_id = node.node_id();
        if serve {
            let ticket = Ticket {
                node: peer.node_id(),
                addrs: vec![],
            };
            node.add_peer(&ticket, "Bob (laptop)", "Bob Evans")
                .expect("trust");
            node.share(file, "Bob (laptop)", "write").expect("share");
        }
    }
    let (mut child, heard) = spawn_child(child_dir.path(), serve);
    let started = Instant::now();
    let mut synced: Vec<ChangeHash> = Vec::new();
    // A run that syncs lives longer, so that several sessions complete before the kill.
    let kill_after = if serve {
        Duration::from_millis(300 + rng.below(1_200))
    } else {
        Duration::from_millis(20 + rng.below(400))
    };
    if serve {
        let addr = loop {
            if let Some(a) = heard.lock().expect("heard").addr.clone() {
                break a;
            }
            assert!(started.elapsed() < START_LIMIT, "the writer never listened");
            std::thread::sleep(Duration::from_millis(5));
        };
        let ticket = Ticket {
            node: child_id,
            addrs: vec![addr.parse().expect("an address")],
        };
        let alice = peer
            .add_peer(&ticket, "Alice (laptop)", "Alice Morgan")
            .expect("trust the child");
        // The sync driver runs store work with `block_in_place`: a multi-thread runtime.
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("runtime");
        let deadline = Instant::now() + kill_after;
        // Sync into the child until the kill is due: each sync that completed hands our heads
        // over, so they are acknowledged by the child.
        let mut first = true;
        while Instant::now() < deadline {
            if !first && peer.store().contains(file).expect("contains") {
                peer.apply(file, |d, c, _| {
                    edit::log_interaction(d, c, &call(peer.adviser(), peer.now(), "Bob's call"))
                })
                .expect("Bob logs a call");
            }
            first = false;
            let left = deadline.saturating_duration_since(Instant::now());
            let done = runtime.block_on(async {
                tokio::time::timeout(
                    left,
                    casebook_sync::sync_once(Arc::clone(&peer), &alice, None),
                )
                .await
            });
            if let Ok(Ok(_)) = done {
                synced.extend(peer.store().heads(file).expect("heads").unwrap_or_default());
            }
        }
    } else {
        std::thread::sleep(kill_after);
    }
    child.kill().expect("SIGKILL");
    child.wait().expect("the child ends");
    // Let the reader thread take in the last lines the child wrote before it died.
    std::thread::sleep(Duration::from_millis(20));
    let acked = heard.lock().expect("heard").acked.clone();
    verify(child_dir.path(), file, &acked, &synced)
}

fn verify(dir: &Path, file: FileId, acked: &[ChangeHash], synced: &[ChangeHash]) -> Outcome {
    let mut out = Outcome {
        acked: acked.len(),
        synced: synced.len(),
        ..Outcome::default()
    };
    let integrity = Store::open(&dir.join(STORE_FILE)).and_then(|mut s| s.check_integrity());
    match integrity {
        Ok(true) => {}
        Ok(false) => out.problem = Some("redb's integrity check failed".into()),
        Err(e) => {
            out.failed_open = true;
            out.problem = Some(format!("the store did not open: {e}"));
            return out;
        }
    }
    let node = match Node::open(dir) {
        Ok(n) => n,
        Err(e) => {
            out.failed_open = true;
            out.problem = Some(format!("the node did not open: {e}"));
            return out;
        }
    };
    let doc = node.load(file).expect("the document loads");
    let mut heads = doc.get_heads();
    heads.sort();
    let mut indexed = node.store().heads(file).expect("heads").unwrap_or_default();
    indexed.sort();
    if heads != indexed {
        out.problem = Some("the heads index does not match the document".into());
    }
    let view = node.read(file).expect("the file reads");
    let summary = node
        .store()
        .summary(file)
        .expect("summary")
        .expect("a summary");
    if summary.interactions != view.interactions.len() {
        out.problem = Some(format!(
            "the summary counts {} interactions, the document holds {}",
            summary.interactions,
            view.interactions.len()
        ));
    }
    let wanted: BTreeSet<&ChangeHash> = acked.iter().chain(synced).collect();
    out.lost = wanted
        .iter()
        .filter(|h| doc.get_change_by_hash(h).is_none())
        .count();
    out
}

#[test]
fn kill_9_loses_no_acknowledged_write() {
    let runs = tier::tier().pick(100, 2_000);
    let seed = std::env::var("CASEBOOK_SEED")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(0x6b69_6c6c_u64);
    let mut rng = Rng::new(seed);
    let started = Instant::now();
    let (mut acked, mut synced, mut lost, mut failed_opens, mut serving) = (0, 0, 0, 0, 0);
    let mut problems = Vec::new();
    for run_no in 0..runs {
        let serve = run_no % 2 == 1;
        serving += usize::from(serve);
        let o = run(&mut rng, serve);
        acked += o.acked;
        synced += o.synced;
        lost += o.lost;
        failed_opens += usize::from(o.failed_open);
        if let Some(p) = o.problem {
            problems.push(format!("run {run_no}: {p}"));
        }
        if o.lost > 0 {
            problems.push(format!(
                "run {run_no}: {} acknowledged changes lost",
                o.lost
            ));
        }
    }
    println!(
        "kill -9 ({} tier, seed {seed}): {runs} runs ({serving} while receiving sync), {:.1} s; \
         {acked} acknowledged writes and {synced} completed syncs into it checked, {lost} lost, \
         {failed_opens} failed opens",
        tier::tier().name(),
        started.elapsed().as_secs_f64()
    );
    assert!(
        acked > 0,
        "the writer acknowledged nothing: the suite tested nothing"
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
